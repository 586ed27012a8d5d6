"""A reviewer changes a draft comment before submitting it (issue 16)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gcmhub.core.errors import StaleVersion
from gcmhub.documents import services
from gcmhub.documents.models import Comment
from gcmhub.documents.tests.conftest import comment


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def edit(review, by, draft, **changes):
    fields = {
        "section_key": draft.section_key,
        "type": draft.type,
        "quote": draft.quote,
        "text": draft.text,
        **changes,
    }
    return services.comment_save(
        review=review, by=by, comment=draft, expected_version=draft.version, **fields
    )


def test_the_author_changes_a_draft_and_its_history_says_so(review, focal_a):
    draft = comment(review, focal_a, text="Please be more precise.")
    edited = edit(review, focal_a, draft, text="Name the 2013 law.", quote="the law")
    edited.refresh_from_db()
    assert (edited.text, edited.quote, edited.version) == ("Name the 2013 law.", "the law", 2)
    assert edited.number is None and not edited.is_submitted
    assert [h.text for h in edited.history.order_by("history_date")] == [
        "Please be more precise.",
        "Name the 2013 law.",
    ]
    assert edited.history.latest().history_user == focal_a


def test_a_draft_saved_back_unchanged_writes_nothing(review, focal_a):
    draft = comment(review, focal_a)
    edit(review, focal_a, draft)
    draft.refresh_from_db()
    assert draft.version == 1
    assert draft.history.count() == 1


def test_a_save_over_a_newer_draft_is_refused(review, focal_a):
    draft = comment(review, focal_a, text="First.")
    opened = Comment.objects.get(pk=draft.pk)  # the second tab, opened at version 1
    edit(review, focal_a, draft, text="Second.")
    with pytest.raises(StaleVersion, match="saved again after you opened it"):
        edit(review, focal_a, opened, text="Third.")
    assert Comment.objects.get(pk=draft.pk).text == "Second."


def test_nobody_else_changes_a_draft_and_nobody_changes_a_submitted_one(review, focal_a, focal_b):
    draft = comment(review, focal_a)
    with pytest.raises(PermissionDenied):
        edit(review, focal_b, draft, text="Not mine.")
    services.comments_submit(review=review, by=focal_a)
    draft.refresh_from_db()
    with pytest.raises(PermissionDenied):
        edit(review, focal_a, draft, text="Too late.")
    assert Comment.objects.get(pk=draft.pk).text == "Please be more precise."


def test_the_review_page_offers_to_edit_ones_own_drafts_only(
    client, cycle, review, focal_a, focal_b
):
    draft = comment(review, focal_a, text="My draft.")
    target = url(cycle, "review-detail", review_pk=review.pk)
    edit_url = url(cycle, "comment-edit", review_pk=review.pk, comment_pk=draft.pk)
    client.force_login(focal_a)
    assert edit_url in client.get(target).content.decode()
    client.force_login(focal_b)
    assert edit_url not in client.get(target).content.decode()


def test_the_author_edits_a_draft_through_the_page(client, cycle, review, focal_a):
    draft = comment(review, focal_a, text="My draft.")
    target = url(cycle, "comment-edit", review_pk=review.pk, comment_pk=draft.pk)
    client.force_login(focal_a)
    page = client.get(target).content.decode()
    assert "Edit your draft comment" in page
    assert "My draft." in page
    response = client.post(
        target,
        {
            "section_key": "introduction",
            "type": "editorial",
            "quote": "the network",
            "text": "My draft, better.",
            "version": draft.version,
        },
        follow=True,
    )
    assert "Your draft comment is saved." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.section_key, draft.type, draft.quote, draft.text) == (
        "introduction",
        "editorial",
        "the network",
        "My draft, better.",
    )
    assert draft.section_title == "Introduction and methodology"


def test_a_stale_edit_is_refused_on_the_page_with_what_to_do(client, cycle, review, focal_a):
    draft = comment(review, focal_a, text="My draft.")
    target = url(cycle, "comment-edit", review_pk=review.pk, comment_pk=draft.pk)
    edit(review, focal_a, draft, text="Changed in another tab.")
    client.force_login(focal_a)
    response = client.post(
        target,
        {"section_key": "introduction", "type": "editorial", "text": "Old tab.", "version": 1},
    )
    page = response.content.decode()
    assert "Your changes were not saved: open it again" in page
    assert Comment.objects.get(pk=draft.pk).text == "Changed in another tab."


def test_others_cannot_open_a_draft_to_edit(client, cycle, review, focal_a, focal_b, consultant):
    draft = comment(review, focal_a, text="My draft.")
    target = url(cycle, "comment-edit", review_pk=review.pk, comment_pk=draft.pk)
    for user in (focal_b, consultant):
        client.force_login(user)
        response = client.get(target)
        assert response.status_code == 403
        assert "My draft." not in response.content.decode()
        client.post(target, {"section_key": "introduction", "type": "editorial", "text": "x"})
    assert Comment.objects.get(pk=draft.pk).text == "My draft."
