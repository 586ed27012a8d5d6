import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gcmhub.documents import services
from gcmhub.documents.models import Comment, Version
from gcmhub.documents.tests.conftest import comment, revise
from gcmhub.tests.matrix import A, F, N, R, assert_page_matrix, by_page


@pytest.fixture
def world(cycle, document, version, review, personas, focal_a):
    draft = comment(review, focal_a, text="My private draft.")
    return {"document": document, "version": version, "review": review, "draft": draft}


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def resolve(world, kwargs):
    return {k: world[v].pk for k, v in kwargs.items()}


PAGES = [
    ("report", {}, [R, R, R, R, F, N]),
    ("document-detail", {"document_pk": "document"}, [A, A, A, A, F, N]),
    ("document-edit", {"document_pk": "document"}, [A, F, F, F, F, N]),
    ("recommendation-list", {"document_pk": "document"}, [A, A, A, A, F, N]),
    ("version-detail", {"document_pk": "document", "version_pk": "version"}, [A, A, A, A, F, N]),
    ("review-create", {"document_pk": "document"}, [A, A, F, F, F, N]),
    ("review-detail", {"review_pk": "review"}, [A, A, A, A, F, N]),
    ("comment-matrix", {"review_pk": "review"}, [A, A, A, A, F, N]),
]


@pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES))
def test_page_answers_each_persona(client, cycle, world, personas, name, kwargs, statuses):
    assert_page_matrix(client, personas, url(cycle, name, **resolve(world, kwargs)), statuses)


def test_section_editing_is_for_editors(client, cycle, world, personas):
    section = world["document"].sections.first()
    target = url(cycle, "section-edit", document_pk=world["document"].pk, section_pk=section.pk)
    assert_page_matrix(client, personas, target, [A, A, F, F, F, N])


def test_the_editor_is_served_by_the_app(client, cycle, world, consultant):
    section = world["document"].sections.first()
    client.force_login(consultant)
    content = client.get(
        url(cycle, "section-edit", document_pk=world["document"].pk, section_pk=section.pk)
    ).content.decode()
    assert "/static/django_prose_editor/editor.js" in content
    assert "http://" not in content.split("<body")[0].replace("http://www.w3.org", "")


def test_drafts_are_private_to_their_author(client, cycle, world, focal_a, focal_b, consultant):
    target = url(cycle, "review-detail", review_pk=world["review"].pk)
    client.force_login(focal_a)
    assert "My private draft." in client.get(target).content.decode()
    for user in (focal_b, consultant):
        client.force_login(user)
        assert "My private draft." not in client.get(target).content.decode()


def test_a_reviewer_sees_others_comments_only_once_disposed(
    client, cycle, world, focal_a, focal_b, consultant
):
    services.comments_submit(review=world["review"], by=focal_a)
    target = url(cycle, "comment-matrix", review_pk=world["review"].pk)
    client.force_login(focal_b)
    assert "My private draft." not in client.get(target).content.decode()
    services.comment_dispose(
        comment=world["draft"], by=consultant, disposition="noted", reply="Thank you."
    )
    assert "Thank you." in client.get(target).content.decode()


def test_focal_point_comments_and_submits_through_the_page(client, cycle, world, focal_b):
    client.force_login(focal_b)
    target = url(cycle, "review-detail", review_pk=world["review"].pk)
    response = client.post(
        target,
        {
            "section_key": "context",
            "type": "factual",
            "quote": "2013",
            "text": "Law 6458 dates from April 2013.",
        },
    )
    assert response.status_code == 302
    client.post(url(cycle, "comments-submit", review_pk=world["review"].pk))
    submitted = Comment.objects.get(author=focal_b)
    assert (submitted.number, submitted.section_title) == (1, "Context of migration governance")


def test_an_empty_comment_is_refused_with_a_message(client, cycle, world, focal_b):
    client.force_login(focal_b)
    response = client.post(
        url(cycle, "review-detail", review_pk=world["review"].pk),
        {"section_key": "context", "type": "factual", "text": ""},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Comment.objects.filter(author=focal_b).exists()


def test_the_consultant_disposes_from_the_matrix(client, cycle, world, focal_a, consultant):
    services.comments_submit(review=world["review"], by=focal_a)
    c = world["draft"]
    client.force_login(consultant)
    target = url(cycle, "comment-dispose", review_pk=world["review"].pk, comment_pk=c.pk)
    response = client.post(
        target,
        {f"c{c.pk}-disposition": "accepted", f"c{c.pk}-reply": "", f"c{c.pk}-addressed": "next"},
        follow=True,
    )
    assert "Reply" in response.content.decode()
    c.refresh_from_db()
    assert c.disposition == ""
    client.post(
        target,
        {
            f"c{c.pk}-disposition": "accepted",
            f"c{c.pk}-reply": "Changed.",
            f"c{c.pk}-addressed": "next",
        },
    )
    c.refresh_from_db()
    assert (c.disposition, c.reply, c.address_in_next) == ("accepted", "Changed.", True)


def test_a_comment_carried_to_the_next_review_is_answered_from_its_matrix(
    client, cycle, world, document, focal_a, consultant, coordinator, org_a
):
    services.comments_submit(review=world["review"], by=focal_a)
    c = world["draft"]
    services.review_close(review=world["review"], by=coordinator)
    revise(document, consultant)
    second = services.version_issue(confirmed=True, document=document, by=consultant)
    next_review = services.review_open(
        version=second, by=coordinator, deadline=world["review"].deadline, organisations=[org_a]
    )
    client.force_login(consultant)
    matrix = client.get(url(cycle, "comment-matrix", review_pk=next_review.pk))
    assert "My private draft." in matrix.content.decode()
    response = client.post(
        url(cycle, "comment-dispose", review_pk=next_review.pk, comment_pk=c.pk),
        {f"c{c.pk}-disposition": "accepted", f"c{c.pk}-reply": "Now done."},
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.disposition, c.reply) == ("accepted", "Now done.")


def test_downloads_of_the_draft_and_a_version(client, cycle, world, focal_a, run_tasks):
    client.force_login(focal_a)
    kwargs = {"document_pk": world["document"].pk}
    version = url(cycle, "version-download", **kwargs, version_pk=world["version"].pk, fmt="pdf")
    # Issuing the version asked the worker for its files: until it has run, the file's page.
    waiting = client.get(version)
    assert waiting.status_code == 302 and "/files/" in waiting["Location"]
    assert "Waiting for a worker" in client.get(waiting["Location"]).content.decode()
    assert run_tasks() == 4  # its Word and PDF files, in English and in Turkish
    pdf = client.get(version)
    assert pdf["Content-Type"] == "application/pdf"
    assert "UNNM-Turkiye_needs-assessment_v0.1_en.pdf" in pdf["Content-Disposition"]
    pk = world["version"].pk
    turkish = client.get(
        url(cycle, "version-download", **kwargs, version_pk=pk, fmt="pdf", language="tr")
    )
    assert "UNNM-Turkiye_needs-assessment_v0.1_tr.pdf" in turkish["Content-Disposition"]
    assert (
        "The summary of the first draft."
        in PdfReader(io.BytesIO(pdf.getvalue())).pages[2].extract_text()
    )
    # The draft's file is made when someone asks for it, then downloads.
    draft = url(cycle, "document-download", **kwargs, fmt="docx")
    not_asked = client.get(draft, follow=True).content.decode()
    assert "it is made in the background, then its link appears" in not_asked
    asked = client.post(
        url(cycle, "document-file", **kwargs, fmt="docx"), headers={"HX-Request": "true"}
    )
    assert "Waiting for a worker" in asked.content.decode()
    assert run_tasks() == 1
    docx = client.get(draft)
    assert docx.getvalue()[:2] == b"PK"
    assert "UNNM-Turkiye_needs-assessment_draft-" in docx["Content-Disposition"]
    page = client.get(url(cycle, "document-detail", **kwargs)).content.decode()
    assert "Download UNNM-Turkiye_needs-assessment_draft-" in page


def test_issuing_a_version_through_the_page(client, cycle, world, consultant, focal_a):
    client.force_login(focal_a)
    assert (
        client.post(url(cycle, "version-issue", document_pk=world["document"].pk)).status_code
        == 403
    )
    client.force_login(consultant)
    issue = url(cycle, "version-issue", document_pk=world["document"].pk)
    Version.objects.filter(pk=world["version"].pk).update(
        issued_at=dt.datetime(2021, 6, 1, tzinfo=dt.UTC)
    )
    unchanged = client.post(issue, {"note": "Second draft"}, follow=True)
    assert "Nothing has changed since version 0.1 was issued" in unchanged.content.decode()
    revise(world["document"], consultant)
    asked = client.post(issue, {"note": "Second draft"})
    page = asked.content.decode()
    assert "Issue the version anyway?" in page
    assert "Section 3 “Context of migration governance” is empty." in page
    assert not Version.objects.filter(minor=2).exists()
    response = client.post(issue, {"note": "Second draft", "confirmed": "True"})
    second = Version.objects.get(minor=2)
    assert second.note == "Second draft"
    assert response["Location"] == url(
        cycle, "version-detail", document_pk=world["document"].pk, version_pk=second.pk
    )
    # A second click lands on the version the first one issued.
    double_click = client.post(issue, {"note": "Second draft", "confirmed": "True"})
    assert double_click["Location"] == response["Location"]
    assert Version.objects.filter(document=world["document"]).count() == 2


def test_the_document_and_matrix_pages_keep_a_constant_number_of_queries(
    client, cycle, world, focal_a, focal_b, consultant, django_assert_max_num_queries
):
    from gcmhub.editions.services import translation_save
    from gcmhub.tests.factories import OrganisationFactory

    client.force_login(consultant)
    services.comments_submit(review=world["review"], by=focal_a)
    # One recommendation first (with its translation), so that what is compared is the count
    # for one row against the count for many.
    first = services.recommendation_save(
        document=world["document"], by=consultant, text="Work with the ministries."
    )
    translation_save(obj=first, field="text", language="tr", text="Bakanlıklarla.", by=consultant)
    pages = [
        url(cycle, "document-detail", document_pk=world["document"].pk),
        url(cycle, "comment-matrix", review_pk=world["review"].pk),
        url(cycle, "review-detail", review_pk=world["review"].pk),
    ]
    counts = []
    for page in pages:
        with django_assert_max_num_queries(80) as captured:
            client.get(page)
        counts.append(len(captured.captured_queries))
    for n in range(8):
        comment(world["review"], focal_b, text=f"Comment {n}")
    services.comments_submit(review=world["review"], by=focal_b)
    for organisation in OrganisationFactory.create_batch(5, network=cycle.network):
        recommendation = services.recommendation_save(
            document=world["document"],
            by=consultant,
            text=f"Work with {organisation.name}.",
        )
        translation_save(
            obj=recommendation, field="text", language="tr", text="Kurumla.", by=consultant
        )
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(page)


def test_observers_never_see_drafts(client, cycle, world, observer):
    client.force_login(observer)
    for name, kwargs in [
        ("document-detail", {"document_pk": world["document"].pk}),
        (
            "version-detail",
            {"document_pk": world["document"].pk, "version_pk": world["version"].pk},
        ),
    ]:
        assert client.get(url(cycle, name, **kwargs)).status_code == 403
    assert (
        client.get(
            url(cycle, "document-download", document_pk=world["document"].pk, fmt="pdf")
        ).status_code
        == 403
    )


def test_the_outline_saves_a_new_title_without_adding_a_section(
    client, cycle, document, coordinator
):
    """The empty row for a new section comes with a content type selected: left so, it is
    not a section being added (it was refused with "This field is required")."""
    from gcmhub.tests.roundtrip import page_form, post_form

    sections = list(document.sections.order_by("order").values_list("pk", "title", "kind"))
    client.force_login(coordinator)
    page = url(cycle, "document-edit", document_pk=document.pk)
    for title in ["Needs assessment (revised)", "Needs assessment (revised)"]:
        response = post_form(client, page_form(client.get(page)), changes={"title": title})
        assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Needs assessment (revised)"
    assert list(document.sections.order_by("order").values_list("pk", "title", "kind")) == sections
