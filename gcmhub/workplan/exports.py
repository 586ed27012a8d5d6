"""Exports of the work plan: the joint work plan and the indicator table (Excel)."""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from gcmhub.reporting.xlsx import fit_height, print_setup, write_text
from gcmhub.workplan import selectors


def _sheet(ws, title: str, header: list[str], rows: list[list], widths: dict[int, int]) -> None:
    write_text(ws["A1"], title)
    ws["A1"].font = Font(bold=True, size=13)
    for column, text in enumerate(header, start=1):
        cell = ws.cell(row=3, column=column)
        write_text(cell, str(text))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            write_text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(column)].width = widths.get(column, 14)
    for r in range(3, 4 + len(rows)):  # the header row too
        fit_height(ws, r)
    print_setup(ws, header_rows=3)


def workplan_header() -> list[str]:
    return [
        _("Strategic priority"),
        _("Outcome"),
        _("Output"),
        _("Sub-output"),
        _("Activity"),
        _("Lead agencies"),
        _("Contributing UN entities"),
        _("Implementing partners"),
        _("GCM objectives"),
        _("SDG targets"),
        _("Gender equality marker"),
        _("Human rights marker"),
        _("Groups left behind"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Currency"),
        _("Planned"),
        _("Secured"),
        _("Gap"),
    ]


DATE_COLUMNS = (14, 15)
MONEY_COLUMNS = (18, 19, 20)


def _names(organisations) -> str:
    return ", ".join(o.display_acronym or o.display_name for o in organisations)


def workplan_rows(cycle) -> list[list]:
    """One row per activity in the shape of the UN's joint work plans (UN INFO): who leads,
    contributes and implements, the markers, the SDG targets (its own, its objectives' through
    the decisions and the published links); budget as numbers, markers as their codes."""
    rows = []
    activities = selectors.with_sdg_targets(cycle, list(selectors.activities_of(cycle)))
    for activity in activities:
        output = activity.output
        main, sub = (output.parent, output) if output.parent_id else (output, None)
        outcome = output.outcome
        rows.append(
            [
                f"{outcome.priority.number}. {outcome.priority.display_name}",
                f"{outcome.code} {outcome.display_statement}",
                f"{main.code} {main.display_title}",
                f"{sub.code} {sub.display_title}" if sub else "",
                f"{activity.code} {activity.display_title}",
                _names(activity.lead_organisations.all()),
                _names(activity.un_entities.all()),
                _names(activity.partner_organisations.all()),
                ", ".join(str(o.number) for o in activity.objectives.all()),
                ", ".join(t.code for t in activity.all_sdg_targets),
                activity.gender_marker,
                activity.human_rights_marker,
                ", ".join(activity.get_lnob_groups_display()),
                activity.starts,
                activity.ends,
                activity.get_status_display(),
                activity.currency,
                float(activity.budget_planned),
                float(activity.budget_secured),
                float(activity.gap),
            ]
        )
    return rows


def excel_date_format() -> str:
    """Excel's date format for the file's language, from its short date format (15.06.2022
    in Turkish, 15/06/2022 in English), not ISO."""
    codes = {"d": "dd", "j": "d", "m": "mm", "n": "m", "Y": "yyyy", "y": "yy"}
    return "".join(codes.get(ch, ch) for ch in formats.get_format("SHORT_DATE_FORMAT"))


def workplan_xlsx(cycle) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Work plan")
    rows = workplan_rows(cycle)
    _sheet(
        ws,
        _("Joint work plan: %(cycle)s") % {"cycle": cycle.display_title},
        workplan_header(),
        rows,
        # Twenty columns on the width of a landscape A4 page (one page wide), still legible.
        {1: 20, 2: 26, 3: 26, 4: 20, 5: 30, 6: 14, 7: 14, 8: 14, 9: 9, 10: 11, 11: 8, 12: 8},
    )
    for r in range(4, 4 + len(rows)):
        for c in DATE_COLUMNS:
            ws.cell(row=r, column=c).number_format = excel_date_format()
        for c in MONEY_COLUMNS:
            ws.cell(row=r, column=c).number_format = "#,##0.00"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def indicators_xlsx(cycle, indicators, periods) -> bytes:
    """The indicators with their targets and accepted actuals per period, and a second sheet
    of the actuals by category (one row per period, breakdown and category, as numbers)."""
    header = [
        _("Code"),
        _("Indicator"),
        _("Result"),
        _("Unit"),
        _("Baseline"),
        _("Baseline year"),
        *[
            label
            for p in periods
            for label in (
                _("Target %(period)s") % {"period": p.label},
                _("Actual %(period)s") % {"period": p.label},
            )
        ],
        _("Data source"),
        _("Broken down by"),
        _("Reported by"),
    ]
    rows, part_rows = [], []
    for indicator in indicators:
        result = indicator.output or indicator.outcome
        code = result.code
        baseline = (
            float(indicator.baseline_value)
            if indicator.baseline_value is not None
            else indicator.baseline_text
        )
        cells = []
        for cell in indicator.cells:
            target, actual = cell["target"], cell["actual"]
            cells.append(
                (float(target.value) if target.value is not None else target.text) if target else ""
            )
            cells.append(
                (float(actual.value) if actual.value is not None else actual.text) if actual else ""
            )
            for breakdown, values in cell["parts"]:
                for category, value in values:
                    part_rows.append(
                        [
                            indicator.code,
                            cell["period"].label,
                            breakdown.display_name,
                            category.display_label,
                            float(value) if value is not None else "",
                            float(actual.value) if actual.value is not None else "",
                        ]
                    )
        rows.append(
            [
                indicator.code,
                indicator.display_name,
                code,
                indicator.unit,
                baseline,
                indicator.baseline_year,
                *cells,
                indicator.source,
                ", ".join(b.display_name for b in indicator.sorted_breakdowns),
                indicator.reported_by.label,
            ]
        )
    wb = Workbook()
    ws = wb.active
    ws.title = _("Indicators")
    _sheet(
        ws,
        _("Indicators: %(cycle)s") % {"cycle": cycle.display_title},
        [str(h) for h in header],
        rows,
        {2: 50, 3: 10},
    )
    _sheet(
        wb.create_sheet(_("By category")),
        _("Actual values by category: %(cycle)s") % {"cycle": cycle.display_title},
        [
            _("Code"),
            _("Period"),
            _("Breakdown"),
            _("Category"),
            _("Actual value"),
            _("Total"),
        ],
        part_rows,
        {3: 20, 4: 24},
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
