"""Excel primitives (openpyxl). Text cells are always written as text, never as formulas;
every sheet a person may print is set up to print (`print_setup`)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet


def write_text(cell, value) -> None:
    """Put `value` in `cell` so that Excel can never run it as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def print_setup(
    ws, *, header_rows: int = 0, header_columns: int = 0, landscape: bool = True, freeze=True
) -> None:
    """Set `ws` up to print as a ministry prints it for clearance: A4, landscape, all columns on
    the width of one page (as many pages down as it takes), the first `header_rows` repeated at
    the top of every page (print titles) and frozen on screen with the first `header_columns`,
    "page N of M" in the footer, the grid printed. Works on write-only sheets too (call it
    before appending rows)."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: as many pages down as needed
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = True  # cells read apart on paper as on screen
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    if freeze and (header_rows or header_columns):
        from openpyxl.utils import get_column_letter

        ws.freeze_panes = f"{get_column_letter(header_columns + 1)}{header_rows + 1}"
    # Excel's codes for the page and the number of pages; "&" does not occur in the sentence.
    ws.oddFooter.center.text = _("Page %(page)s of %(pages)s") % {"page": "&P", "pages": "&N"}
    ws.oddFooter.center.size = 8


# Characters of running text per unit of column width, and points per line, at 11 pt.
CHARS_PER_WIDTH = 1.0  # on the safe side: fonts substituted on print are wider
LINE_HEIGHT = 15


def fit_height(ws, row: int, *, widths: dict[str, float] | None = None) -> None:
    """Make `row` tall enough for its wrapped text. Excel grows rows as one types, but a file
    opened to be printed keeps the height it was saved with (LibreOffice too), so text written
    by gcmhub would print over the next row. `widths`: the width a (merged) cell spans, by
    column letter, where it is not its column's."""
    lines = 1
    for cell in ws[row]:
        if not isinstance(cell.value, str) or not cell.value:
            continue
        width = (widths or {}).get(cell.column_letter) or (
            ws.column_dimensions[cell.column_letter].width or 8.43
        )
        per_line = max(1, int(width * CHARS_PER_WIDTH))
        needed = sum(_wrapped_lines(part, per_line) for part in cell.value.split("\n"))
        lines = max(lines, needed)
    if lines > 1:
        current = ws.row_dimensions[row].height or 0
        ws.row_dimensions[row].height = max(current, lines * LINE_HEIGHT)


def _wrapped_lines(text: str, per_line: int) -> int:
    """How many lines `text` takes when wrapped at words, `per_line` characters a line."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > per_line:  # a word longer than the line breaks where it must
            lines, used = lines + 1, used - per_line
    return lines


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
