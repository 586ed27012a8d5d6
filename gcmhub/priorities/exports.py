"""The Excel file of the priority results: the ranked table and the sensitivity."""

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gcmhub.priorities.models import DecisionHorizon
from gcmhub.reporting.xlsx import fit_height, print_setup, workbook_bytes, write_text

# Weighted mean, median, spread, importance and feasibility.
DECIMAL_COLUMNS = {3, 4, 7, 11, 12}


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
        % {
            "w": formats.number_format(round(agreement, 2), decimal_pos=2, use_l10n=True)
            if agreement is not None
            else "—",
            "count": priority.submitted,
        },
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
            cell = ws.cell(row=r, column=c)
            write_text(cell, str(value) if hasattr(value, "__html__") else value)
            if c in DECIMAL_COLUMNS:
                cell.number_format = "0.00"  # every mean and spread with two decimals
    widths = [7, 60, 10, 9, 9, 9, 9, 10, 9, 9, 10, 10, 14, 16, 50]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    for r in range(4, ws.max_row + 1):  # the header row too
        fit_height(ws, r)
    print_setup(ws, header_rows=4, header_columns=2)

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
    print_setup(sensitivity, header_rows=1)
    return workbook_bytes(wb)


def _round(value):
    return round(value, 2) if value is not None else None
