"""Excel exports (openpyxl). Text cells are always written as text, never as formulas."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

STATE_FILLS = {
    "accepted": "E2F2E7",
    "submitted": "DCEBFA",
    "returned": "FFF1D1",
    "draft": "ECEFF3",
    "missing": "FDE8E8",
}


def write_text(cell, value) -> None:
    """Put `value` in `cell` so that Excel can never run it as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def coverage_xlsx(*, cycle, matrix: dict) -> bytes:
    from gcmhub.core.workflow import State

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
    ws.freeze_panes = "B4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def priorities_xlsx(*, cycle, priority) -> bytes:
    """The ranked priority table with its figures, flags and decisions; and the sensitivity."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Priorities")
    write_text(ws["A1"], _("Priorities: %(cycle)s") % {"cycle": cycle.display_title})
    ws["A1"].font = Font(bold=True, size=13)
    agreement = priority.results.kendall_w
    write_text(
        ws["A2"],
        _("Agreement across organisations (Kendall's W): %(w)s; %(count)d organisations scored.")
        % {"w": f"{agreement:.2f}" if agreement is not None else "—", "count": priority.submitted},
    )
    header = [
        _("Rank"),
        _("Objective"),
        _("Weighted mean"),
        _("Median"),
        _("Organisations"),
        _("Outside mandate"),
        _("Spread"),
        _("Contested"),
        _("Borda points"),
        _("Borda rank"),
        _("Importance"),
        _("Feasibility"),
        _("Horizon the rank suggests"),
        _("Decision"),
        _("Rationale"),
    ]
    for column, text in enumerate(header, start=1):
        cell = ws.cell(row=4, column=column)
        write_text(cell, str(text))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    from gcmhub.priorities.models import DecisionHorizon

    horizons = dict(DecisionHorizon.choices)
    for r, row in enumerate(priority.rows(), start=5):
        result, decision = row["result"], row["decision"]
        values = [
            result.rank,
            f"{row['objective'].number}. {row['objective'].title}",
            _round(result.mean),
            _round(result.median),
            result.organisations,
            result.outside_mandate,
            _round(result.spread),
            _("Yes") if result.contested else _("No"),
            result.borda,
            result.borda_rank,
            _round(result.importance),
            _round(result.feasibility),
            str(horizons.get(row["suggested"], "")) if row["suggested"] else "",
            str(decision.get_horizon_display()) if decision else "",
            decision.rationale if decision else "",
        ]
        for c, value in enumerate(values, start=1):
            write_text(
                ws.cell(row=r, column=c), str(value) if hasattr(value, "__html__") else value
            )
    widths = [7, 60, 10, 9, 9, 9, 9, 10, 9, 9, 10, 10, 14, 16, 50]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "C5"

    sensitivity = wb.create_sheet(_("Sensitivity"))
    for column, text in enumerate(
        [_("Criterion"), _("Weight change"), _("Ranks that change")], start=1
    ):
        write_text(sensitivity.cell(row=1, column=column), str(text))
        sensitivity.cell(row=1, column=column).font = Font(bold=True)
    names = {c.key: c.display_name for c in priority.criteria}
    for r, item in enumerate(priority.results.sensitivity, start=2):
        write_text(
            sensitivity.cell(row=r, column=1), names.get(item["criterion"], item["criterion"])
        )
        write_text(sensitivity.cell(row=r, column=2), f"{(item['factor'] - 1) * 100:+.0f}%")
        changes = "; ".join(f"{o}: {a} → {b}" for o, a, b in item["changes"]) or "—"
        write_text(sensitivity.cell(row=r, column=3), changes)
    sensitivity.column_dimensions["A"].width = 40
    sensitivity.column_dimensions["C"].width = 60
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _round(value):
    return round(value, 2) if value is not None else None


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
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            write_text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHIJ", [6, 30, 28, 30, 50, 16, 18, 50, 12, 12], strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A4"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
