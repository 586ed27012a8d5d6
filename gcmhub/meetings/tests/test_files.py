"""The files of documents, minutes, the CCA brief and the comments matrix are made by the
worker and kept: a download serves the stored file and never renders one."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone
from docx import Document as WordDocument

from gcmhub.core import jobs
from gcmhub.core.models import FileJob
from gcmhub.documents import files
from gcmhub.documents import services as documents
from gcmhub.documents.models import Endorsement, EndorsementResponse, Version
from gcmhub.documents.tests.conftest import comment
from gcmhub.documents.tests.downloads import fetched
from gcmhub.meetings.tests import test_views

# The road to the final version (validated, issued, endorsed by organisation A).
world = test_views.world
final = test_views.final

RENDERERS = [
    "gcmhub.documents.exports.render_docx",
    "gcmhub.documents.exports.render_pdf",
    "gcmhub.documents.exports.comments_matrix_docx",
    "gcmhub.meetings.exports.minutes_docx",
    "gcmhub.meetings.exports.minutes_pdf",
    "gcmhub.imrf.cca.cca_brief_docx",
    "gcmhub.reporting.docx.render_docx",
    "gcmhub.reporting.pdf.render_pdf",
]


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def _docx_text(data: bytes) -> str:
    word = WordDocument(io.BytesIO(data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def _refuse_to_render(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a download view rendered a document")

    for path in RENDERERS:
        monkeypatch.setattr(path, refuse)


def test_no_download_view_renders_a_document(
    client,
    monkeypatch,
    cycle,
    document,
    final,
    world,
    coordinator,
    focal_a,
    run_tasks,
):
    documents.document_publish(document=document, by=coordinator, public=True)
    draft = document.versions.get(minor=1)
    meeting = world["meeting"]
    doc = {"document_pk": document.pk}
    downloads = [
        url(cycle, "version-download", **doc, version_pk=final.pk, fmt="docx"),
        url(cycle, "version-download", **doc, version_pk=final.pk, fmt="pdf"),
        url(cycle, "version-download", **doc, version_pk=draft.pk, fmt="pdf"),
        url(cycle, "minutes-download", meeting_pk=meeting.pk, fmt="docx"),
        url(cycle, "minutes-download", meeting_pk=meeting.pk, fmt="pdf"),
        url(cycle, "cca-brief") + "?language=tr",
    ]
    client.force_login(coordinator)
    run_tasks()  # the files asked for when the versions were issued
    made = {}
    for download in downloads:
        response = client.get(download)  # ready since the version was issued
        if not response.streaming:  # asked for now (the minutes, the brief)
            response = fetched(client, download)
        made[download] = response.getvalue()
    public = [
        reverse("public-download", kwargs={"token": document.public_token, "fmt": fmt})
        for fmt in ("docx", "pdf")
    ]
    _refuse_to_render(monkeypatch)
    for download in downloads:
        response = client.get(download)
        assert response.streaming, download
        assert response.getvalue() == made[download]
    client.logout()
    for download in public:
        assert client.get(download).getvalue()[:4] in (b"PK\x03\x04", b"%PDF")
    # A file not made yet is asked for; the view still renders nothing.
    client.force_login(coordinator)
    FileJob.objects.all().delete()
    for download in downloads:
        response = client.get(download)
        assert response.status_code == 302 and "/files/" in response["Location"], download


def test_issuing_a_version_asks_the_worker_for_its_word_and_pdf_files(document, version, run_tasks):
    queued = FileJob.objects.filter(key__startswith=f"{files.VERSION}:{version.pk}:")
    # Word and PDF of each edition: the document's language and the other.
    assert sorted(job.params["fmt"] for job in queued) == ["docx", "docx", "pdf", "pdf"]
    assert {job.language for job in queued} == {document.language, "tr"}
    assert {job.status for job in queued} == {"queued"}
    assert run_tasks() == 4
    names = sorted(FileJob.objects.values_list("filename", flat=True))
    assert names == [
        "UNNM-Turkiye_needs-assessment_v0.1_en.docx",
        "UNNM-Turkiye_needs-assessment_v0.1_en.pdf",
        "UNNM-Turkiye_needs-assessment_v0.1_tr.docx",
        "UNNM-Turkiye_needs-assessment_v0.1_tr.pdf",
    ]


def test_an_endorsement_makes_the_final_files_again_as_of_its_day(
    client,
    cycle,
    document,
    final,
    org_b,
    focal_b,
    run_tasks,
):
    run_tasks()
    before = set(FileJob.objects.filter(params__version=final.pk).values_list("pk", flat=True))
    # Word and PDF of each edition, asked for at issue and again after organisation A's answer
    # while they still waited for a worker: made once, from the newest answers.
    assert len(before) == 4
    # Focal point B answers; the files of the final version are asked for again.
    endorsement = final.endorsements.get(organisation=org_b)
    documents.endorsement_respond(endorsement=endorsement, by=focal_b, response="endorsed")
    answered = timezone.localtime(Endorsement.objects.get(pk=endorsement.pk).responded_at)
    again = FileJob.objects.filter(params__version=final.pk).exclude(pk__in=before)
    assert again.count() == 4 and {j.status for j in again} == {"queued"}
    # The same answer sent again changes nothing: no file is made again.
    documents.endorsement_respond(endorsement=endorsement, by=focal_b, response="endorsed")
    assert FileJob.objects.filter(params__version=final.pk).count() == 8
    # The annex says the answers as they were on the day of the last one, whatever the day
    # of the download.
    Version.objects.filter(pk=final.pk).update(issued_at=answered - dt.timedelta(days=60))
    Endorsement.objects.filter(pk=endorsement.pk).update(
        responded_at=answered - dt.timedelta(days=40)
    )
    Endorsement.objects.exclude(pk=endorsement.pk).update(
        responded_at=answered - dt.timedelta(days=50)
    )
    client.force_login(focal_b)
    docx = url(cycle, "version-download", document_pk=document.pk, version_pk=final.pk, fmt="docx")
    text = " ".join(_docx_text(fetched(client, docx).getvalue()).split())
    day = formats.date_format((answered - dt.timedelta(days=40)).date())
    assert f"Their answers as recorded on {day}" in text
    assert str(EndorsementResponse.ENDORSED.label) in text


def test_the_comments_matrix_in_word_is_made_for_the_reader(
    client, cycle, review, consultant, focal_a, coordinator
):
    mine = comment(review, focal_a, text="Please cite the 2020 figures.")
    documents.comments_submit(review=review, by=focal_a)
    matrix = url(cycle, "comment-matrix", review_pk=review.pk) + "?format=docx"
    client.force_login(coordinator)
    response = fetched(client, matrix)
    assert (
        "UNNM-Turkiye_needs-assessment_comments-v0.1_en.docx" in (response["Content-Disposition"])
    )
    assert mine.text in _docx_text(response.getvalue())
    job = FileJob.objects.get(kind=files.COMMENTS)
    # Another person cannot open the file made for the coordinator.
    client.force_login(consultant)
    assert client.get(reverse("file-download", kwargs={"pk": job.pk})).status_code == 404
    # The Excel matrix is quick: made in the request, named like the rest.
    xlsx = client.get(url(cycle, "comment-matrix", review_pk=review.pk) + "?format=xlsx")
    assert "UNNM-Turkiye_needs-assessment_comments-v0.1_en.xlsx" in xlsx["Content-Disposition"]


def test_a_draft_file_asked_for_shows_its_progress_then_its_link(
    client, cycle, document, consultant
):
    client.force_login(consultant)
    make = url(cycle, "document-file", document_pk=document.pk, fmt="pdf")
    fragment = client.post(make, headers={"HX-Request": "true"}).content.decode()
    pk = int(re.search(r'id="file-job-(\d+)"', fragment)[1])
    assert 'hx-trigger="every 1s"' in fragment and "Waiting for a worker" in fragment
    # A second click while it is made asks for nothing new.
    client.post(make, headers={"HX-Request": "true"})
    assert FileJob.objects.count() == 1
    jobs.run(FileJob, pk)
    ready = client.get(reverse("file-job", kwargs={"pk": pk}), headers={"HX-Request": "true"})
    assert "Download UNNM-Turkiye_needs-assessment_draft-" in ready.content.decode()
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Download UNNM-Turkiye_needs-assessment_draft-" in page


@pytest.mark.parametrize("name", ["observer", "outsider"])
def test_a_draft_file_is_not_for_those_who_cannot_read_drafts(
    client, cycle, document, consultant, name, request
):
    job = files.draft_file_request(document, fmt="docx", by=consultant)
    jobs.run(FileJob, job.pk)
    client.force_login(request.getfixturevalue(name))
    assert client.get(reverse("file-download", kwargs={"pk": job.pk})).status_code == 404
