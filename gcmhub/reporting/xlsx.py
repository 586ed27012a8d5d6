"""Excel primitives (openpyxl). Text cells are always written as text, never as formulas."""

import io

from openpyxl import Workbook


def write_text(cell, value) -> None:
    """Put `value` in `cell` so that Excel can never run it as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
