"""The Excel file of the coverage of inputs (objectives × organisations)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from gcmhub.core.workflow import State
from gcmhub.reporting.xlsx import print_setup, workbook_bytes, write_text

STATE_FILLS = {
    "accepted": "E2F2E7",
    "submitted": "DCEBFA",
    "returned": "FFF1D1",
    "draft": "ECEFF3",
    "missing": "FDE8E8",
}


def coverage_xlsx(*, cycle, matrix: dict) -> bytes:
    labels = dict(State.choices) | {"missing": _("Not started")}
    wb = Workbook()
    ws = wb.active
    ws.title = _("Coverage")
    write_text(ws["A1"], _("Coverage of inputs: %(cycle)s") % {"cycle": cycle.display_title})
    ws["A1"].font = Font(bold=True, size=13)
    header = [
        _("Objective"),
        *[o.short_name for o in matrix["columns"]],
        *[str(labels[s]) for s in labels],
    ]
    for column, text in enumerate(header, start=1):
        cell = ws.cell(row=3, column=column)
        write_text(cell, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(matrix["rows"], start=4):
        write_text(ws.cell(row=r, column=1), f"{row['objective'].number}. {row['objective'].title}")
        for c, state in enumerate(row["cells"], start=2):
            cell = ws.cell(row=r, column=c)
            if state is not None:
                write_text(cell, str(labels[state]))
                cell.fill = PatternFill("solid", fgColor=STATE_FILLS[state])
        for c, state in enumerate(labels, start=2 + len(matrix["columns"])):
            ws.cell(row=r, column=c).value = row["totals"].get(state, 0)
    total_row = 4 + len(matrix["rows"])
    write_text(ws.cell(row=total_row, column=1), _("Total"))
    ws.cell(row=total_row, column=1).font = Font(bold=True)
    for c, totals in enumerate(matrix["column_totals"], start=2):
        ws.cell(row=total_row, column=c).value = sum(totals.values())
    for c, state in enumerate(labels, start=2 + len(matrix["columns"])):
        ws.cell(row=total_row, column=c).value = matrix["totals"].get(state, 0)
    ws.column_dimensions["A"].width = 70
    for c in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    print_setup(ws, header_rows=3, header_columns=1)
    return workbook_bytes(wb)
