"""Build a document's content as plain data: the live draft and every issued version.

The same structure feeds the screen, the Word and the PDF renderers, and is what a version
freezes (JSON, hashed). Labels are written in the document's language, not the reader's.
The data of a section comes from its kind's builder (see `documents.kinds`); builders share a
`Data` that reads each kind of data once, whatever the size of the cycle.
"""

import hashlib
import json
import re

from django.utils import formats, translation
from django.utils.translation import gettext as _

from gcmhub.documents.kinds import part_of
from gcmhub.documents.models import Document

# The kind of section of a document's compendium: the full texts of its evidence, an annex the
# coordinator switches on (`Document.compendium`) when the document's kind offers one.
COMPENDIUM = "compendium"


def decimal_text(value, places: int = 2) -> str:
    """A decimal as the document's language writes it, always with `places` decimals
    (3.27 in English, 3,27 in Turkish); "—" for no value. Every decimal of a document."""
    if value is None:
        return "—"
    return formats.number_format(round(float(value), places), decimal_pos=places, use_l10n=True)


def has_compendium(document: Document) -> bool:
    """Whether the kind of `document` offers a compendium (see `COMPENDIUM`)."""
    from gcmhub.documents.kinds import kind_of

    try:
        return any(part.key == COMPENDIUM for part in kind_of(document).parts)
    except LookupError:
        return False


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _is_blank(html: str) -> bool:
    return not re.sub(r"<[^>]*>|&nbsp;|\s", "", html or "")


def content_warnings(content: dict) -> list[str]:
    """What a reader would find missing in `content`: empty sections, figures with nothing to
    draw. Issuing a version with any of these asks for a confirmation first."""
    warnings = []
    for section in content["sections"]:
        names = {"number": section["number"], "title": section["title"]}
        part = part_of(section["kind"])
        has_data = part.has_data if part is not None else None
        empty_data = has_data is not None and not has_data(section)
        if empty_data and _is_blank(section["html"]):
            warnings.append(_("Section %(number)s “%(title)s” is empty.") % names)
        chart = section.get("chart")
        if chart is not None and not chart.get("points"):
            warnings.append(
                _(
                    "The figure of section %(number)s “%(title)s” has nothing to draw yet: "
                    "no objective has a mean score."
                )
                % names
            )
    return warnings


def build_content(document: Document) -> dict:
    with translation.override(document.language):
        cycle = document.cycle
        sections = list(document.sections.order_by("order", "pk"))
        data = Data(document)
        built = []
        for position, section in enumerate(sections, start=1):
            built.append(
                _section(
                    data,
                    key=section.key,
                    number=position,
                    title=section.title,
                    kind=section.kind,
                    html=section.body or "",
                )
            )
        if (
            document.compendium
            and has_compendium(document)
            and not any(s.kind == COMPENDIUM for s in sections)
        ):
            # The compendium closes the document, after the annexes of its outline.
            built.append(
                _section(
                    data,
                    key="annex-compendium",
                    number=len(built) + 1,
                    title=str(part_of(COMPENDIUM).label),
                    kind=COMPENDIUM,
                    html="",
                )
            )
        return {
            "title": document.title,
            "subtitle": document.subtitle,
            "network": cycle.network.display_name,
            "cycle": cycle.display_title,
            "country": str(cycle.country.name),
            "language": document.language,
            "labels": _labels(),
            "sections": built,
        }


def _section(data, *, key, number, title, kind, html) -> dict:
    item = {"key": key, "number": str(number), "title": title, "kind": kind, "html": html}
    part = part_of(kind)
    if part is not None and part.build is not None:
        item.update(part.build(data))
    return item


def _labels() -> dict:
    return {
        "contents": _("Contents"),
        "version": _("Version"),
        "draft": _("Draft"),
        "table": _("Table"),
        "figure": _("Figure"),
        "notes": _("Notes"),
        "page": _("Page"),
        "hash": _("Content hash"),
    }


class Data:
    """What the builders of one document share: the document, its cycle, and each kind of
    data read once when a section first needs it (`data.cached(key, load)`)."""

    def __init__(self, document: Document):
        self.document = document
        self.cycle = document.cycle
        self._cache = {}

    def cached(self, key, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]
