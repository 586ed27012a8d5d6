"""Who is told of a review, its comments and the endorsements (issue 16)."""

import pytest

from gcmhub.documents import services
from gcmhub.documents.tests.conftest import comment
from gcmhub.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def _told(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_review_invites_the_invited_organisations_focal_points_only(
    focal_a, focal_b, consultant, observer, outsider, review
):
    assert _told(Kind.INVITED) == {"focal-a", "focal-b"}
    note = Notification.objects.get(kind=Kind.INVITED, recipient=focal_a)
    assert note.text.startswith("Version 0.1 of “")
    assert note.text.endswith("is open for review by Ministry A (MA).")
    assert note.url.endswith(f"/documents/reviews/{review.pk}/")


def test_submitted_comments_tell_who_answers_them(
    review, focal_a, focal_b, coordinator, consultant, observer
):
    comment(review, focal_a)
    comment(review, focal_a, text="And this too.", section="introduction", kind="editorial")
    services.comments_submit(review=review, by=focal_a)
    assert _told(Kind.COMMENTED) == {"coord", "consult"}
    assert (
        Notification.objects.filter(kind=Kind.COMMENTED)
        .first()
        .text.startswith("Ministry A (MA) submitted 2 comments on version 0.1")
    )


def test_the_answer_to_a_comment_is_told_to_who_wrote_it_once(
    review, focal_a, focal_b, coordinator
):
    note = comment(review, focal_a)
    services.comments_submit(review=review, by=focal_a)
    Notification.objects.all().delete()
    answer = {"disposition": "accepted", "reply": "Taken in section 2."}
    services.comment_dispose(comment=note, by=coordinator, **answer)
    services.comment_dispose(comment=note, by=coordinator, **answer)  # saved again, unchanged
    told = Notification.objects.get(kind=Kind.COMMENTED)
    assert told.recipient == focal_a
    assert told.text.startswith("Your comment 1 on version 0.1 of “")
    assert told.url.endswith(f"/documents/reviews/{review.pk}/")
