"""The Excel questionnaire: a full round trip, and every bad file refused with its reason."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from gcmhub.assessments import services
from gcmhub.assessments.models import Input, QuestionnaireUpload
from gcmhub.assessments.questionnaire import MAX_UPLOAD_BYTES, build_questionnaire, layout
from gcmhub.assessments.questionnaire.layout import META_SHEET
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.core.workflow import State

SHEET = "Objective 9"
AT = layout(6)  # objective 9 has six actions


def download(cycle, organisation, language="en") -> bytes:
    return build_questionnaire(cycle=cycle, organisation=organisation, language=language)


def edit(data: bytes, change) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    change(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def fill(wb):
    ws = wb[SHEET]
    ws[f"B{AT.language}"] = "English"
    ws[f"B{AT.situation}"] = "Smuggling is a crime under the penal code."
    ws[f"B{AT.gaps}"] = "Information reaches partner countries late."
    ws[f"B{AT.needs_first}"] = "Coordination"
    ws[f"C{AT.needs_first}"] = "Faster exchange of information."
    ws[f"B{AT.needs_first + 1}"] = "Data"
    ws[f"C{AT.needs_first + 1}"] = "=shared data set"  # text that looks like a formula
    ws[f"C{AT.needs_first + 1}"].data_type = "s"
    ws[f"B{AT.actions_first}"] = "Train provincial staff."
    ws[f"C{AT.actions_first}"] = "Short term"
    ws[f"D{AT.actions_first}"] = "Agency B (AB)"
    ws[f"C{AT.gcm_first}"] = "Yes"  # action (a)
    ws[f"C{AT.gcm_first + 2}"] = "Yes"  # action (c)
    ws[f"C{AT.principles_first + 5}"] = "Yes"  # human rights, sixth principle
    ws[f"B{AT.references_first}"] = "Law or regulation"
    ws[f"C{AT.references_first}"] = "Turkish Penal Code, Article 79"
    ws[f"D{AT.references_first}"] = "https://example.org/tck"


def upload(cycle, organisation, user, data, name="questionnaire.xlsx"):
    return services.questionnaire_receive(
        cycle=cycle, organisation=organisation, by=user, file_name=name, data=data
    )


@pytest.fixture
def ready(cycle, org_a, org_b, assignments, collection):
    return cycle


def snapshot(cycle):
    return sorted(
        (i.objective.number, i.state, i.version, i.situation, i.needs.count())
        for i in Input.objects.filter(cycle=cycle)
    )


def test_round_trip_the_inputs_equal_what_was_written(ready, org_a, org_b, focal_a):
    data = edit(download(ready, org_a), fill)
    received, problems = upload(ready, org_a, focal_a, data)
    assert problems == []
    plan = services.questionnaire_plan(
        cycle=ready, organisation=org_a, payload=received.payload, by=focal_a
    )
    assert {c.objective.number: c.status for c in plan} == {9: "new", 10: "unchanged"}
    services.questionnaire_apply(upload=received, by=focal_a)
    input = Input.objects.get(cycle=ready, organisation=org_a, objective__number=9)
    assert input.state == State.DRAFT
    assert input.situation == "Smuggling is a crime under the penal code."
    assert input.gaps == "Information reaches partner countries late."
    assert [(n.type, n.description) for n in input.needs.all()] == [
        ("coordination", "Faster exchange of information."),
        ("data", "=shared data set"),
    ]
    action = input.proposed_actions.get()
    assert (action.description, action.horizon, action.lead) == (
        "Train provincial staff.",
        "short",
        org_b,
    )
    assert sorted(a.letter for a in input.gcm_actions.all()) == ["a", "c"]
    assert [p.key for p in input.principles.all()] == ["human_rights"]
    reference = input.references.get()
    assert (reference.kind, reference.title, reference.url) == (
        "law",
        "Turkish Penal Code, Article 79",
        "https://example.org/tck",
    )
    received.refresh_from_db()
    assert received.status == QuestionnaireUpload.Status.APPLIED


def test_a_downloaded_questionnaire_is_prefilled_and_reads_back_unchanged(ready, org_a, focal_a):
    received, _problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), fill))
    services.questionnaire_apply(upload=received, by=focal_a)
    uploads = QuestionnaireUpload.objects.count()
    again, problems = upload(ready, org_a, focal_a, download(ready, org_a))
    assert (again, problems) == (None, [])  # nothing to change: nothing kept
    assert QuestionnaireUpload.objects.count() == uploads


def test_a_turkish_questionnaire_reads_back(ready, org_a, focal_a):
    def fill_turkish(wb):
        ws = wb["Hedef 9"] if "Hedef 9" in wb.sheetnames else wb[wb.sheetnames[2]]
        ws[f"B{AT.situation}"] = "Göçmen kaçakçılığı suçtur."
        ws[f"C{AT.gcm_first}"] = "Evet"

    data = edit(download(ready, org_a, language="tr"), fill_turkish)
    received, problems = upload(ready, org_a, focal_a, data)
    assert problems == []
    services.questionnaire_apply(upload=received, by=focal_a, submit=True)
    input = Input.objects.get(cycle=ready, organisation=org_a, objective__number=9)
    assert input.situation == "Göçmen kaçakçılığı suçtur."
    assert input.state == State.SUBMITTED
    assert [a.letter for a in input.gcm_actions.all()] == ["a"]


def test_text_that_looks_like_a_formula_is_exported_as_text(ready, org_a, focal_a):
    input = make_input(
        ready, org_a, ready.assignments.get(organisation=org_a, objective__number=9).objective
    )
    input.situation = '=HYPERLINK("http://evil.example","click")'
    input.save()
    wb = load_workbook(io.BytesIO(download(ready, org_a)))
    cell = wb[SHEET][f"B{AT.situation}"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example","click")'


def test_the_questionnaire_has_instructions_lists_and_a_hidden_identity(ready, org_a):
    wb = load_workbook(io.BytesIO(download(ready, org_a)))
    assert wb.sheetnames[0] == "Instructions"
    assert wb[META_SHEET].sheet_state == "veryHidden"
    assert {"Objective 9", "Objective 10"} <= set(wb.sheetnames)
    ws = wb[SHEET]
    assert ws[f"A{AT.needs_title}"].value == "Needs"
    validations = [dv.sqref for dv in ws.data_validations.dataValidation]
    assert any(f"B{AT.needs_first}" in str(ref) for ref in validations)
    turkish = load_workbook(io.BytesIO(download(ready, org_a, language="tr")))
    assert turkish.sheetnames[:2] == ["Talimatlar", "lists"]
    assert "Hedef 9" in turkish.sheetnames


# Bad files: each gives a clear message, and nothing changes.

BAD_FILES = {
    "not_xlsx": (
        lambda cycle, a, b: b"name;objective\nx;9\n",
        "questionnaire.csv",
        "not an Excel .xlsx file",
    ),
    "damaged": (
        lambda cycle, a, b: b"PK\x03\x04garbage",
        "questionnaire.xlsx",
        "not an Excel .xlsx file",
    ),
    "oversized": (
        lambda cycle, a, b: b"PK" + b"0" * (MAX_UPLOAD_BYTES + 1),
        "questionnaire.xlsx",
        "larger than 5 MB",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_files_that_are_not_questionnaires_are_refused(ready, org_a, org_b, focal_a, case):
    make, name, message = BAD_FILES[case]
    before = snapshot(ready)
    received, problems = upload(ready, org_a, focal_a, make(ready, org_a, org_b), name=name)
    assert received is None
    assert message in " ".join(p.message for p in problems)
    assert snapshot(ready) == before


def test_any_other_workbook_is_refused_as_the_wrong_template(ready, org_a, focal_a):
    wb = Workbook()
    wb.active["A1"] = "Objective 9"
    buffer = io.BytesIO()
    wb.save(buffer)
    received, problems = upload(ready, org_a, focal_a, buffer.getvalue())
    assert received is None
    assert "not a gcmhub questionnaire" in problems[0].message


def test_another_organisations_file_is_refused(ready, org_a, org_b, focal_a):
    received, problems = upload(ready, org_a, focal_a, download(ready, org_b))
    assert received is None
    assert "belongs to another organisation" in problems[0].message


def test_an_altered_identity_is_refused(ready, org_a, focal_a):
    def tamper(wb):
        wb[META_SHEET]["A1"] = wb[META_SHEET]["A1"].value.replace("a", "b", 1)

    received, problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), tamper))
    assert received is None
    assert "has been altered" in problems[0].message


def test_added_rows_are_reported_with_their_sheet_and_cell(ready, org_a, focal_a):
    def insert_row(wb):
        wb[SHEET].protection.sheet = False
        wb[SHEET].insert_rows(7)

    before = snapshot(ready)
    received, problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), insert_row))
    assert received is None
    first = problems[0]
    assert (first.sheet, first.column, first.row) == (SHEET, "A", AT.needs_title)
    assert "rows or columns seem to have been added or removed" in first.message
    assert first.where() == "sheet “Objective 9”, cell A8"
    assert snapshot(ready) == before


def test_every_cell_problem_is_listed_at_once(ready, org_a, focal_a):
    def mistakes(wb):
        ws = wb[SHEET]
        ws[f"B{AT.situation}"] = "x" * 10_001
        ws[f"B{AT.needs_first}"] = "Money"
        ws[f"C{AT.needs_first}"] = "We need money."
        ws[f"C{AT.needs_first + 1}"] = "=1+1"
        ws[f"B{AT.needs_first + 1}"] = "Data"
        ws[f"D{AT.actions_first}"] = "Not an organisation"
        ws[f"B{AT.actions_first}"] = "Do something"
        ws[f"C{AT.actions_first}"] = "Short term"
        ws[f"D{AT.references_first}"] = "www.example.org"
        ws[f"C{AT.references_first}"] = "A law"
        ws[f"B{AT.references_first}"] = "Law or regulation"

    before = snapshot(ready)
    received, problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), mistakes))
    assert received is None
    found = {(p.sheet, f"{p.column}{p.row}"): p.message for p in problems}
    assert "10001 characters long; at most 10000" in found[(SHEET, f"B{AT.situation}")]
    assert "“Money” is not a valid type of need" in found[(SHEET, f"B{AT.needs_first}")]
    assert "holds a formula" in found[(SHEET, f"C{AT.needs_first + 1}")]
    assert "is not a valid organisation" in found[(SHEET, f"D{AT.actions_first}")]
    assert "starts with http:// or https://" in found[(SHEET, f"D{AT.references_first}")]
    assert snapshot(ready) == before


def test_an_input_changed_on_the_web_after_the_download_is_a_conflict(ready, org_a, focal_a, draft):
    data = edit(download(ready, org_a), fill)
    services.input_save(
        input=draft,
        by=focal_a,
        content=services.InputContent(situation="Changed on the web meanwhile."),
        expected_version=draft.version,
    )
    before = snapshot(ready)
    received, problems = upload(ready, org_a, focal_a, data)
    assert problems == []
    plan = services.questionnaire_plan(
        cycle=ready, organisation=org_a, payload=received.payload, by=focal_a
    )
    assert {c.objective.number: c.status for c in plan}[9] == "conflict"
    with pytest.raises(ValidationError, match="changed on the web after this file was"):
        services.questionnaire_apply(upload=received, by=focal_a)
    assert snapshot(ready) == before


def test_a_submitted_input_cannot_be_changed_by_a_file(ready, org_a, focal_a, submitted):
    def change_10(wb):
        wb["Objective 10"][f"B{AT.situation}"] = "Something else."

    received, problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), change_10))
    before = snapshot(ready)
    with pytest.raises(ValidationError, match="cannot be changed now"):
        services.questionnaire_apply(upload=received, by=focal_a)
    assert snapshot(ready) == before


def test_only_the_organisations_focal_point_uploads(ready, org_a, focal_b, coordinator):
    from django.core.exceptions import PermissionDenied

    for user in (focal_b, coordinator):
        with pytest.raises(PermissionDenied):
            upload(ready, org_a, user, download(ready, org_a))


def test_an_upload_is_applied_only_once(ready, org_a, focal_a):
    received, _problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), fill))
    services.questionnaire_apply(upload=received, by=focal_a)
    with pytest.raises(ValidationError, match="already been applied"):
        services.questionnaire_apply(upload=received, by=focal_a)


def test_the_questionnaire_prints_landscape_one_page_wide_with_the_title_on_every_page(
    ready, org_a
):
    wb = load_workbook(io.BytesIO(download(ready, org_a)))
    ws = wb[SHEET]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"  # "Objective 9: Strengthen ..." on every page
    assert ws.freeze_panes == "B2"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    instructions = wb["Instructions"]
    assert instructions.page_setup.orientation == "portrait"
    assert instructions.sheet_properties.pageSetUpPr.fitToPage


def test_the_questionnaire_shows_labels_never_internal_keys(ready, org_a):
    from gcmhub.framework.models import GuidingPrinciple

    wb = load_workbook(io.BytesIO(download(ready, org_a)))
    keys = set(GuidingPrinciple.objects.values_list("key", flat=True))
    shown = {
        cell.value
        for ws in wb.worksheets
        if ws.sheet_state == "visible"
        for row in ws.iter_rows()
        for cell in row
    }
    assert "people_centred" in keys
    assert not keys & shown
    ws = wb[SHEET]
    assert ws[f"A{AT.principles_first}"].value == "(1)"
    assert ws[f"B{AT.principles_first}"].value == "People-centred"


def test_a_questionnaire_downloaded_before_the_principles_were_numbered_still_reads(
    ready, org_a, focal_a
):
    from gcmhub.framework.models import GuidingPrinciple

    keys = list(GuidingPrinciple.objects.order_by("order").values_list("key", flat=True))

    def old_file(wb):
        fill(wb)
        for i, key in enumerate(keys):
            wb[SHEET][f"A{AT.principles_first + i}"] = key

    received, problems = upload(ready, org_a, focal_a, edit(download(ready, org_a), old_file))
    assert problems == []
    services.questionnaire_apply(upload=received, by=focal_a)
    input = Input.objects.get(cycle=ready, organisation=org_a, objective__number=9)
    assert [p.key for p in input.principles.all()] == ["human_rights"]


def test_a_prefilled_long_answer_gets_a_row_tall_enough_to_print(ready, org_a, objective):
    input = make_input(ready, org_a, objective)
    input.needs.create(type="data", description="A long need. " * 40)
    ws = load_workbook(io.BytesIO(download(ready, org_a)))[SHEET]
    assert ws.row_dimensions[AT.needs_first].height >= 4 * 15
    assert not ws.row_dimensions[AT.needs_first + 1].height  # empty rows keep the default
