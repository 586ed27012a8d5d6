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
