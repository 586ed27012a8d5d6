"""Who is told of the scoring's steps (issue 16)."""

import pytest

from gcmhub.notifications.models import Kind, Notification
from gcmhub.priorities import services

pytestmark = pytest.mark.django_db


def _told(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_opening_the_scoring_invites_the_invited_organisations_only(
    cycle, org_a, coordinator, focal_a, focal_b, consultant
):
    services.sheets_invite(cycle=cycle, organisations=[org_a], by=coordinator)
    services.round_open(cycle=cycle, by=coordinator)
    assert _told(Kind.INVITED) == {"focal-a"}
    assert Notification.objects.get(kind=Kind.INVITED).url.endswith("/priorities/score/")
