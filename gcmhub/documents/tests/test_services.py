import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from gcmhub.assessments.models import Synthesis
from gcmhub.core.errors import StaleVersion
from gcmhub.documents import services
from gcmhub.documents.content import build_content, content_hash
from gcmhub.documents.diff import compare
from gcmhub.documents.exports import comments_matrix_docx, comments_matrix_xlsx
from gcmhub.documents.models import Comment, Disposition
from gcmhub.documents.tests.conftest import comment, revise
from gcmhub.framework.models import Objective
from gcmhub.reporting.docx import render_docx
from gcmhub.reporting.pdf import render_pdf


def test_a_new_report_has_the_default_outline(document):
    assert [s.key for s in document.sections.order_by("order")] == [
        "executive-summary",
        "introduction",
        "context",
        "findings",
        "priorities",
        "alignment",
        "recommendations",
        "working-modalities",
        "annex-consultations",
        "annex-scoring",
    ]
    assert document.sections.get(key="findings").kind == "findings"


def test_only_editors_write_sections(document, focal_a):
    section = document.sections.first()
    with pytest.raises(PermissionDenied):
        services.section_save(section=section, by=focal_a, body="<p>x</p>", expected_version=1)


def test_script_and_event_handlers_are_removed_on_save(document, consultant):
    section = document.sections.first()
    services.section_save(
        section=section,
        by=consultant,
        body=(
            '<p onclick="steal()">Safe <strong>text</strong><script>alert(1)</script></p>'
            '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">link</a>'
            '<iframe src="https://evil.example"></iframe><span class="footnote">A note</span>'
        ),
        expected_version=1,
    )
    section.refresh_from_db()
    body = section.body
    for forbidden in ("script", "onclick", "onerror", "javascript:", "<img", "<iframe"):
        assert forbidden not in body
    assert "<strong>text</strong>" in body
    assert '<span class="footnote">A note</span>' in body


def test_a_stale_section_save_is_refused(document, consultant):
    section = document.sections.first()
    services.section_save(section=section, by=consultant, body="<p>one</p>", expected_version=1)
    with pytest.raises(StaleVersion):
        services.section_save(section=section, by=consultant, body="<p>two</p>", expected_version=1)


def test_versions_are_numbered_and_hashed(document, consultant):
    first = services.version_issue(confirmed=True, document=document, by=consultant)
    revise(document, consultant)
    second = services.version_issue(confirmed=True, document=document, by=consultant)
    assert [v.number for v in (first, second)] == ["0.1", "0.2"]
    assert first.content_hash == content_hash(first.content)
    assert second.content_hash != first.content_hash


def test_an_unchanged_draft_is_not_issued_twice(document, consultant):
    services.version_issue(confirmed=True, document=document, by=consultant)
    with pytest.raises(ValidationError, match=r"Nothing has changed since version 0\.1"):
        services.version_issue(confirmed=True, document=document, by=consultant)
    assert document.versions.count() == 1


def test_issuing_with_empty_sections_asks_for_a_confirmation(document, consultant):
    with pytest.raises(services.NeedsConfirmation) as asked:
        services.version_issue(document=document, by=consultant)
    assert "Section 1 “Executive summary” is empty." in asked.value.warnings
    assert any("has nothing to draw yet" in w for w in asked.value.warnings)
    assert document.versions.count() == 0
    services.version_issue(document=document, by=consultant, confirmed=True)
    assert document.versions.count() == 1


def test_a_version_never_changes_when_the_live_data_changes(
    cycle, document, version, consultant, coordinator
):
    frozen, digest = version.content, version.content_hash
    services.section_save(
        section=document.sections.get(key="executive-summary"),
        by=consultant,
        body="<p>Rewritten.</p>",
        expected_version=2,
    )
    Synthesis.objects.create(
        cycle=cycle, objective=Objective.objects.get(number=9), text="A new synthesis."
    )
    services.recommendation_save(document=document, by=consultant, text="A new recommendation.")
    version.refresh_from_db()
    assert version.content == frozen
    assert version.content_hash == digest == content_hash(version.content)
    live = build_content(document)
    assert live != frozen
    changes = {s["key"]: s["status"] for s in compare(frozen, live)}
    assert changes["executive-summary"] == "changed"
    assert changes["findings"] == "changed"
    assert changes["recommendations"] == "changed"
    assert changes["context"] == "same"


def test_the_diff_marks_removed_and_added_words(document, version, consultant):
    services.section_save(
        section=document.sections.get(key="executive-summary"),
        by=consultant,
        body="<p>The summary of the second draft.</p>",
        expected_version=2,
    )
    second = services.version_issue(confirmed=True, document=document, by=consultant)
    summary = next(
        s for s in compare(version.content, second.content) if s["key"] == "executive-summary"
    )
    assert "<del>first</del>" in summary["diff"]
    assert "<ins>second</ins>" in summary["diff"]


def test_reviewers_comment_in_private_drafts_and_submit_them_together(review, focal_a, focal_b):
    first = comment(review, focal_a)
    second = comment(
        review, focal_a, text="And this too.", section="introduction", kind="editorial"
    )
    assert first.number is None
    assert services.comments_submit(review=review, by=focal_a) == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    comment(review, focal_b)
    services.comments_submit(review=review, by=focal_b)
    assert sorted(Comment.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_only_invited_focal_points_comment(review, consultant, outsider, coordinator):
    for user in (consultant, coordinator):
        with pytest.raises(PermissionDenied):
            comment(review, user)


def test_a_comment_must_name_a_section_of_the_version(review, focal_a):
    with pytest.raises(ValidationError, match="Choose a section"):
        comment(review, focal_a, section="no-such-section")


def test_a_disposition_needs_a_reply(review, focal_a, consultant):
    c = comment(review, focal_a)
    services.comments_submit(review=review, by=focal_a)
    with pytest.raises(ValidationError, match="Write a reply"):
        services.comment_dispose(
            comment=c, by=consultant, disposition=Disposition.ACCEPTED, reply=""
        )
    with pytest.raises(PermissionDenied):
        services.comment_dispose(
            comment=c, by=focal_a, disposition=Disposition.ACCEPTED, reply="ok"
        )


def test_open_comments_carry_over_and_next_version_ones_are_addressed(
    document, review, focal_a, consultant, coordinator
):
    answered = comment(review, focal_a, text="Fix the date.")
    left_open = comment(review, focal_a, text="Add a working group.")
    services.comments_submit(review=review, by=focal_a)
    services.comment_dispose(
        comment=answered,
        by=consultant,
        disposition=Disposition.ACCEPTED,
        reply="Done.",
        address_in_next=True,
    )
    services.review_close(review=review, by=coordinator)
    revise(document, consultant)
    second = services.version_issue(confirmed=True, document=document, by=consultant)
    answered.refresh_from_db()
    left_open.refresh_from_db()
    assert (answered.addressed_in, answered.carried_to) == (second, None)
    assert (left_open.carried_to, left_open.addressed_in) == (second, None)
    next_review = services.review_open(
        version=second,
        by=coordinator,
        deadline=review.deadline,
        organisations=list(review.organisations.all()),
    )
    from gcmhub.documents.selectors import comments_visible_to

    assert list(comments_visible_to(consultant, next_review)) == [left_open]


def test_a_review_opens_only_on_the_latest_version_and_one_at_a_time(
    document, version, review, consultant, coordinator, org_a
):
    with pytest.raises(ValidationError, match="still open"):
        services.review_open(
            version=version, by=coordinator, deadline=review.deadline, organisations=[org_a]
        )
    services.review_close(review=review, by=coordinator)
    revise(document, consultant)
    services.version_issue(confirmed=True, document=document, by=consultant)
    with pytest.raises(ValidationError, match="Only the latest version"):
        services.review_open(
            version=version, by=coordinator, deadline=review.deadline, organisations=[org_a]
        )


def test_the_review_e_mail_goes_to_the_invited_focal_points(
    version, coordinator, org_a, focal_a, focal_b, mailoutbox, run_tasks
):
    services.review_open(
        version=version, by=coordinator, deadline=version.issued_at.date(), organisations=[org_a]
    )
    run_tasks(only="gcmhub.notifications.services.send_email")
    assert [m.to for m in mailoutbox] == [[focal_a.email]]
    assert "version 0.1" in mailoutbox[0].subject


def test_word_and_pdf_carry_the_sections_and_the_footnote(document, consultant):
    services.section_save(
        section=document.sections.get(key="introduction"),
        by=consultant,
        body=(
            '<p>The assessment ran in 2021.<span class="footnote">From March to June.</span></p>'
            "<ol><li><p>Desk review</p></li></ol>"
        ),
        expected_version=1,
    )
    version = services.version_issue(confirmed=True, document=document, by=consultant)
    docx = render_docx(
        version.content, version_line="Version 0.1", content_hash=version.content_hash
    )
    word = WordDocument(io.BytesIO(docx))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "GCM Needs Assessment Report" in text
    assert "2. Introduction and methodology" in text
    assert "The assessment ran in 2021.1" in text
    assert "1. From March to June." in text
    assert "1. Desk review" in text
    assert "Version 0.1" in word.sections[0].header.paragraphs[0].text
    pdf = PdfReader(
        io.BytesIO(
            render_pdf(
                version.content, version_line="Version 0.1", content_hash=version.content_hash
            )
        )
    )
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Introduction and methodology" in pdf_text
    assert "The assessment ran in 2021." in pdf_text
    assert "From March to June." in pdf_text
    assert len(pdf.pages) >= 3


def test_the_comments_matrix_exports_with_dispositions(review, focal_a, consultant):
    c = comment(review, focal_a, text="The figure for 2020 is wrong.", kind="factual")
    services.comments_submit(review=review, by=focal_a)
    services.comment_dispose(
        comment=c,
        by=consultant,
        disposition=Disposition.PARTLY,
        reply="Corrected in part.",
    )
    comments = list(
        Comment.objects.select_related("organisation", "review__version", "addressed_in")
    )
    ws = load_workbook(io.BytesIO(comments_matrix_xlsx(title="Matrix", comments=comments))).active
    row = [cell.value for cell in ws[4]]
    assert row[:3] == [1, "Ministry A (MA)", "Executive summary"]
    assert "Partly accepted" in row and "Corrected in part." in row
    word = WordDocument(
        io.BytesIO(comments_matrix_docx(title="Matrix", comments=comments, language="en"))
    )
    cells = [cell.text for cell in word.tables[0].rows[1].cells]
    assert "Partly accepted" in cells and "The figure for 2020 is wrong." in cells
