"""Write the tables of a cycle to Excel, to CSV files in a zip, and to JSON: pure functions.

Cells of spreadsheets are safe from formula injection: text that a spreadsheet would read
as a formula (starting with = + - @, a tab or a carriage return) is prefixed with an
apostrophe, and Excel text cells are written as text (`reporting.xlsx.write_text`).
Numbers and dates stay numbers and dates.
"""

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gcmhub.reporting.xlsx import print_setup, write_text

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_LIMIT = 31
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Table:
    """One kind of record, ready to write: labels and hashtags already in plain strings."""

    key: str
    label: str
    keys: list[str]
    labels: list[str]
    hashtags: list[str]
    widths: list[int]
    rows: list[tuple]


def neutralise(value):
    """Return `value` so that no spreadsheet runs it as a formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _xlsx_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
    if isinstance(value, dt.datetime):
        return _local(value).replace(tzinfo=None)
    return value


def _sheet_title(label: str, used: set[str]) -> str:
    title = label.translate(SHEET_TITLE_FORBIDDEN).strip()[:SHEET_TITLE_LIMIT] or "Sheet"
    candidate, n = title, 2
    while candidate.casefold() in used:
        suffix = f" {n}"
        candidate, n = title[: SHEET_TITLE_LIMIT - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def tables_xlsx(tables: list[Table], *, hxl: bool) -> bytes:
    """One sheet a table: bold header, the HXL row under it if asked, panes frozen below."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    italic = Font(italic=True, color="555555")
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table.label, used))
        for column, width in enumerate(table.widths, start=1):
            ws.column_dimensions[get_column_letter(column)].width = width
        print_setup(ws, header_rows=2 if hxl else 1)
        ws.append([_styled(ws, label, font=bold, alignment=wrap) for label in table.labels])
        if hxl:
            ws.append([_styled(ws, tag, font=italic) for tag in table.hashtags])
        for row in table.rows:
            ws.append([_cell(ws, value) for value in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _styled(ws, text: str, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    write_text(cell, _xlsx_value(text))
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _cell(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    value = _xlsx_value(value)
    write_text(cell, value)
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # what Excel writes and reads back as booleans
    if isinstance(value, dt.datetime):
        return _local(value).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def table_csv(table: Table, *, hxl: bool) -> bytes:
    """A table as CSV in UTF-8 with a byte-order mark (Excel then reads Turkish letters)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([neutralise(label) for label in table.labels])
    if hxl:
        writer.writerow(table.hashtags)
    writer.writerows([_csv_value(v) for v in row] for row in table.rows)
    return text.getvalue().encode("utf-8-sig")


def tables_csv_zip(tables: list[Table], *, hxl: bool, readme: str = "") -> bytes:
    """A zip of one CSV file a table, named by the table's key (e.g. `inputs.csv`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            archive.writestr(f"{table.key}.csv", table_csv(table, hxl=hxl))
        if readme:
            archive.writestr("README.txt", readme.encode("utf-8"))
    return buffer.getvalue()


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        return _local(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def tables_json(tables: list[Table], *, meta: dict) -> bytes:
    """One JSON document: `meta` (the cycle), then each table's columns and records."""
    document = {
        **meta,
        "kinds": {
            table.key: {
                "label": table.label,
                "columns": [
                    {"key": k, "label": label, "hxl": tag}
                    for k, label, tag in zip(table.keys, table.labels, table.hashtags, strict=True)
                ],
                "records": [
                    {k: _json_value(v) for k, v in zip(table.keys, row, strict=True)}
                    for row in table.rows
                ],
            }
            for table in tables
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=str).encode("utf-8")
