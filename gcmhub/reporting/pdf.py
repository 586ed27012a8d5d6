"""PDF rendering: the same HTML as on screen, set for print by WeasyPrint (print CSS, page
numbers, a table of contents with page numbers, real footnotes)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def render_pdf(
    content: dict, *, version_line: str, content_hash: str, annexes: list[dict] = ()
) -> bytes:
    from weasyprint import HTML

    with translation.override(content["language"]):
        annexes = [
            {**annex, "label": f"{n}. {annex['heading']}"}
            for n, annex in enumerate(annexes, start=len(content["sections"]) + 1)
        ]
        html = render_to_string(
            "documents/print.html",
            {
                "content": content,
                "version_line": version_line,
                "content_hash": content_hash,
                "annexes": annexes,
                "mode": "print",
                "table_label": _("Table"),
                "figure_label": _("Figure"),
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
