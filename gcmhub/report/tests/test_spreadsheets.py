"""Every spreadsheet a ministry prints is set up to print: A4 landscape, all columns on one
page's width, the header rows repeated on every page and frozen on screen, page N of M."""

import io

import pytest
from openpyxl import load_workbook

from gcmhub.assessments import selectors as assessment_selectors
from gcmhub.assessments.exports import coverage_xlsx
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.documents.exports import comments_matrix_xlsx
from gcmhub.exports.writers import Table, tables_xlsx
from gcmhub.framework.models import Objective
from gcmhub.priorities.exports import priorities_xlsx
from gcmhub.priorities.selectors import priority_results
from gcmhub.reporting.xlsx import fit_height
from gcmhub.workplan.exports import indicators_xlsx, workplan_xlsx


def _sheets(data: bytes):
    return load_workbook(io.BytesIO(data)).worksheets


def assert_prints(ws, *, titles: str, frozen: str):
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == titles
    assert ws.freeze_panes == frozen
    assert ws.oddFooter.center.text == "Page &P of &N"


@pytest.mark.parametrize(
    ("make", "titles", "frozen"),
    [
        (lambda cycle: workplan_xlsx(cycle), "$1:$3", "A4"),
        (lambda cycle: indicators_xlsx(cycle, [], []), "$1:$3", "A4"),
        (lambda cycle: comments_matrix_xlsx(title="Matrix", comments=[]), "$1:$3", "A4"),
        (
            lambda cycle: coverage_xlsx(cycle=cycle, matrix=assessment_selectors.coverage(cycle)),
            "$1:$3",
            "B4",
        ),
        (
            lambda cycle: priorities_xlsx(cycle=cycle, priority=priority_results(cycle)),
            "$1:$4",
            "C5",
        ),
    ],
    ids=["work plan", "indicators", "comments matrix", "coverage", "priorities"],
)
def test_each_spreadsheet_prints_with_its_header_on_every_page(cycle, make, titles, frozen):
    assert_prints(_sheets(make(cycle))[0], titles=titles, frozen=frozen)


def test_the_exports_repeat_the_header_and_the_hxl_row(db):
    table = Table(
        key="inputs",
        label="Inputs",
        keys=["org"],
        labels=["Organisation"],
        hashtags=["#org"],
        widths=[30],
        rows=[("Ministry A",)],
    )
    assert_prints(_sheets(tables_xlsx([table], hxl=True))[0], titles="$1:$2", frozen="A3")
    assert_prints(_sheets(tables_xlsx([table], hxl=False))[0], titles="$1:$1", frozen="A2")


def test_a_row_of_long_wrapped_text_is_made_tall_enough_to_print():
    from openpyxl import Workbook

    ws = Workbook().active
    ws.column_dimensions["A"].width = 20
    ws["A1"] = "x" * 20 * 3  # three lines of 20 characters
    ws["A2"] = "short"
    fit_height(ws, 1)
    fit_height(ws, 2)
    assert ws.row_dimensions[1].height == 45
    assert ws.row_dimensions[2].height is None


def test_the_coverage_sheet_has_data_under_the_repeated_header(cycle, org_a):
    make_input(cycle, org_a, Objective.objects.get(number=9))
    ws = _sheets(coverage_xlsx(cycle=cycle, matrix=assessment_selectors.coverage(cycle)))[0]
    assert ws["A3"].value == "Objective"
    assert ws["B3"].value == "MA"
