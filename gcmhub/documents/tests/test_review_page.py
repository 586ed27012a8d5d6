"""The page of a review with many comments: each section's submitted comments when the reader
opens them (htmx, or the page with them open), the reader's own drafts always."""

import pytest
from django.urls import reverse

from gcmhub.documents import services
from gcmhub.documents.tests.conftest import comment
from gcmhub.documents.views import reviews

HTMX = {"HX-Request": "true"}


@pytest.fixture
def page(cycle, review):
    return reverse(
        "review-detail",
        kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, "review_pk": review.pk},
    )


@pytest.fixture
def many(monkeypatch, review, focal_a, focal_b):
    """A review counted as having many comments: two of A's submitted on the executive
    summary, one of B's on the context, and a draft of A's."""
    monkeypatch.setattr(reviews, "COMMENTS_ON_DEMAND_FROM", 0)
    comment(review, focal_a, text="First of A.")
    comment(review, focal_a, text="Second of A.")
    comment(review, focal_b, text="One of B.", section="context")
    services.comments_submit(review=review, by=focal_a)
    services.comments_submit(review=review, by=focal_b)
    comment(review, focal_a, text="A draft of A.", section="context")


def test_few_comments_are_shown_in_their_sections(client, consultant, review, focal_a, page):
    comment(review, focal_a, text="First of A.")
    services.comments_submit(review=review, by=focal_a)
    client.force_login(consultant)
    text = client.get(page).content.decode()
    assert "First of A." in text and "comments on this section" not in text


def test_many_comments_are_counted_per_section_and_shown_when_opened(
    client, consultant, page, many
):
    client.force_login(consultant)
    text = client.get(page).content.decode()
    assert "First of A." not in text and "One of B." not in text
    assert "2 comments on this section" in text and "1 comment on this section" in text
    assert 'hx-get="?comments=executive-summary"' in text
    assert "?comments=executive-summary#s-executive-summary" in text


def test_htmx_loads_a_sections_comments_alone(client, consultant, page, many):
    client.force_login(consultant)
    fragment = client.get(page, {"comments": "executive-summary"}, headers=HTMX).content.decode()
    assert "First of A." in fragment and "Second of A." in fragment
    assert "One of B." not in fragment and "<html" not in fragment


def test_without_javascript_the_link_opens_the_page_with_that_sections_comments(
    client, consultant, page, many
):
    client.force_login(consultant)
    text = client.get(page, {"comments": "context"}).content.decode()
    assert "One of B." in text and "First of A." not in text
    assert '<details class="section-comments" open>' in text


def test_the_reviewer_always_sees_their_drafts_and_only_what_they_may_read(
    client, focal_a, focal_b, page, many
):
    client.force_login(focal_a)
    text = client.get(page).content.decode()
    assert "A draft of A." in text and "Submit 1 comment" in text
    assert "One of B." not in client.get(page, {"comments": "context"}).content.decode()
    client.force_login(focal_b)
    fragment = client.get(page, {"comments": "executive-summary"}, headers=HTMX).content.decode()
    assert "First of A." not in fragment  # not disposed yet: A's alone
    assert "A draft of A." not in client.get(page, {"comments": "context"}).content.decode()


@pytest.fixture
def long_version(monkeypatch, review):
    """The reviewed version counted as long: its sections' texts come when opened. Returns
    the executive summary's text, as the version froze it."""
    monkeypatch.setattr(reviews, "TEXT_ON_DEMAND_FROM", 0)
    section = next(s for s in review.version.content["sections"] if s["key"] == "executive-summary")
    assert "The summary of the first draft." in section["html"]
    return "The summary of the first draft."


def test_a_long_versions_section_texts_are_loaded_when_opened(client, focal_a, page, long_version):
    client.force_login(focal_a)
    text = client.get(page).content.decode()
    assert long_version not in text
    assert 'hx-get="?text=executive-summary"' in text
    assert "?text=executive-summary#s-executive-summary" in text  # without JavaScript
    fragment = client.get(page, {"text": "executive-summary"}, headers=HTMX).content.decode()
    assert long_version in fragment and "<html" not in fragment
    assert 'data-quote="executive-summary"' in fragment  # the reviewer may quote from it
    assert client.get(page, {"text": "no-such-section"}, headers=HTMX).status_code == 404


def test_without_javascript_the_link_opens_the_page_with_that_sections_text(
    client, focal_a, page, long_version
):
    client.force_login(focal_a)
    text = client.get(page, {"text": "executive-summary"}).content.decode()
    assert long_version in text
    assert text.count('<details class="section-text" open>') == 1


def test_the_section_of_the_comment_being_edited_shows_its_text(
    client, cycle, review, focal_a, long_version
):
    draft = comment(review, focal_a, text="A draft of A.")
    client.force_login(focal_a)
    url = reverse(
        "comment-edit",
        kwargs={
            "network_slug": cycle.network.slug,
            "cycle_pk": cycle.pk,
            "review_pk": review.pk,
            "comment_pk": draft.pk,
        },
    )
    text = client.get(url).content.decode()
    assert long_version in text and "A draft of A." in text


def test_a_review_of_many_organisations_names_the_first_and_counts_the_others(
    client, consultant, review, page, monkeypatch
):
    monkeypatch.setattr(reviews, "INVITED_NAMED", 1)
    client.force_login(consultant)
    text = client.get(page).content.decode()
    assert "Invited: AB and 1 other organisation" in " ".join(text.split())
    monkeypatch.setattr(reviews, "INVITED_NAMED", 2)
    text = " ".join(client.get(page).content.decode().split())
    assert "Invited: AB, MA</p>" in text and "other organisation" not in text
