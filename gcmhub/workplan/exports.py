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
        _("Partner agencies"),
        _("GCM objectives"),
        _("SDG targets"),
        _("Start"),
        _("End"),
        _("Status"),
        _("Currency"),
        _("Planned"),
        _("Secured"),
        _("Gap"),
    ]


def workplan_rows(cycle) -> list[list]:
    """One row per activity in the shape of the UN's joint work plans; budget as numbers."""
    rows = []
    for activity in selectors.activities_of(cycle):
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
                ", ".join(
                    o.display_acronym or o.display_name for o in activity.lead_organisations.all()
                ),
                ", ".join(
                    o.display_acronym or o.display_name
                    for o in activity.partner_organisations.all()
                ),
                ", ".join(str(o.number) for o in activity.objectives.all()),
                ", ".join(t.code for t in activity.sdg_targets.all()),
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
        # Sixteen columns on the width of a landscape A4 page, still legible.
        {1: 22, 2: 30, 3: 30, 4: 22, 5: 34, 6: 16, 7: 16, 8: 11, 9: 10, 10: 11, 11: 11},
    )
    for r in range(4, 4 + len(rows)):
        for c in (10, 11):
            ws.cell(row=r, column=c).number_format = excel_date_format()
        for c in (14, 15, 16):
            ws.cell(row=r, column=c).number_format = "#,##0.00"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def indicators_xlsx(cycle, indicators, periods) -> bytes:
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
        _("Disaggregated by"),
        _("Reported by"),
    ]
    from gcmhub.workplan.models import Disaggregation

    dimensions = dict(Disaggregation.choices)
    rows = []
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
                ", ".join(str(dimensions.get(d, d)) for d in indicator.disaggregation),
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
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
