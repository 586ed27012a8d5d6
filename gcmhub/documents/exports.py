"""The Word and PDF files of a document: the live draft, an issued version, or the final version
with the annexes the apps built on documents add (`hooks.annexes`: the endorsements, the
attendance of the validation meeting).

The annexes are added when the file is made, not frozen in the version: endorsements arrive
after 1.0 is issued, and the content hash stays the hash of the report itself. The worker
makes these files (`documents.files`); no web request calls `document_file`.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gcmhub.directory.selectors import title_page
from gcmhub.documents import hooks
from gcmhub.documents.content import build_content, content_hash, edition_of
from gcmhub.documents.models import Document, Version
from gcmhub.documents.names import DOCX, PDF, document_file_name
from gcmhub.reporting.docx import add_table, render_docx
from gcmhub.reporting.pdf import render_pdf
from gcmhub.reporting.xlsx import fit_height, print_setup, workbook_bytes, write_text


def document_file(
    document: Document, fmt: str, version: Version | None = None, *, language: str | None = None
):
    """(bytes, content type, file name) of the edition in `language` (default: the
    document's) of the draft or of `version`, in `fmt` (docx or pdf). A version's file
    carries the version's hash, which covers all its editions."""
    if version is not None:
        content, digest = edition_of(version.content, language), version.content_hash
    else:
        content = build_content(document, language)
        digest = content_hash(content)
    annexes = []
    language = content["language"]
    day = timezone.localdate()
    name = document_file_name(document, version=version, day=day, language=language, fmt=fmt)
    with translation.override(language):
        if version is None:
            line = _("Draft of %(date)s, not an issued version") % {
                "date": formats.date_format(day)
            }
        else:
            date = formats.date_format(timezone.localtime(version.issued_at).date())
            if version.major >= 1:
                line = _("Final version %(number)s of %(date)s") % {
                    "number": version.number,
                    "date": date,
                }
                annexes = hooks.annexes(version)
            else:
                line = _("Version %(number)s of %(date)s") % {
                    "number": version.number,
                    "date": date,
                }
    if fmt == "docx":
        data = render_docx(
            content,
            version_line=line,
            content_hash=digest,
            annexes=annexes,
            # The title page: the network's and partners' logos, the date of the version.
            cover=title_page(document.cycle.network, language=content["language"]),
            date=timezone.localtime(version.issued_at).date() if version else None,
        )
        return data, DOCX, name
    data = render_pdf(content, version_line=line, content_hash=digest, annexes=annexes)
    return data, PDF, name


# The comments matrix of a review, in Excel and in Word


def comments_matrix_rows(comments) -> tuple[list[str], list[list]]:
    """Header and rows of the comments matrix, shared by the Excel and Word exports."""
    header = [
        _("No."),
        _("Organisation"),
        _("Section"),
        _("Passage"),
        _("Comment"),
        _("Type"),
        _("Disposition"),
        _("Reply"),
        _("Addressed in"),
        _("Reviewed version"),
    ]
    rows = [
        [
            c.number,
            c.organisation.label,
            c.section_title,
            c.quote,
            c.text,
            str(c.get_type_display()),
            str(c.get_disposition_display()) if c.disposition else _("Waiting"),
            c.reply,
            c.addressed_in.number
            if c.addressed_in
            else (_("next version") if c.address_in_next else ""),
            c.review.version.number,
        ]
        for c in comments
    ]
    return [str(h) for h in header], rows


def comments_matrix_xlsx(*, title: str, comments) -> bytes:
    header, rows = comments_matrix_rows(comments)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Comments")
    write_text(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=13)
    for column, text in enumerate(header, start=1):
        cell = ws.cell(row=3, column=column)
        write_text(cell, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            write_text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHIJ", [6, 30, 28, 30, 50, 16, 18, 50, 12, 12], strict=True):
        ws.column_dimensions[column].width = width
    for r in range(3, 4 + len(rows)):  # the header row too
        fit_height(ws, r)
    print_setup(ws, header_rows=3)
    return workbook_bytes(wb)


def comments_matrix_docx(*, title: str, comments, language: str) -> bytes:
    """The comments matrix as a landscape Word table: its columns follow their text, its header
    row repeats on every page."""
    from gcmhub.reporting.docx import plain_document, save

    with translation.override(language):
        header, rows = comments_matrix_rows(comments)
        doc = plain_document(language, landscape=True)
        doc.add_heading(title, level=1)
        add_table(doc, header, rows, font_size=8)
        return save(doc)
