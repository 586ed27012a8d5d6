"""Who is told of invitations, endorsements asked and answers given (issue 16)."""

import pytest

from gcmhub.documents import services as documents
from gcmhub.documents.models import EndorsementResponse
from gcmhub.meetings import services
from gcmhub.meetings.models import ValidationOutcome
from gcmhub.meetings.tests.conftest import validate
from gcmhub.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def _told(kind, text="") -> set:
    rows = Notification.objects.filter(kind=kind)
    return {n.recipient.username for n in rows if text in n.text}


def test_meeting_invitations_tell_each_invited_person(meeting, coordinator, consultant):
    services.invitations_send(meeting=meeting, by=coordinator)
    assert _told(Kind.INVITED, "You are invited to") == {"focal-a", "focal-b"}


def test_endorsements_are_asked_of_the_organisations_and_answers_told_to_coordinators(
    meeting, document, coordinator, consultant, focal_a, org_a
):
    validate(meeting, coordinator, ValidationOutcome.VALIDATED)
    final = documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    assert _told(Kind.INVITED, "is asked to endorse") == {"focal-a", "focal-b"}
    documents.endorsement_respond(
        endorsement=final.endorsements.get(organisation=org_a),
        by=focal_a,
        response=EndorsementResponse.RESERVATION,
        reservation="Not objective 5.",
    )
    assert _told(Kind.ENDORSED) == {"coord"}
    assert Notification.objects.get(kind=Kind.ENDORSED).text.endswith("with a reservation.")
    documents.endorsement_respond(  # the same answer again (a double click) tells no one
        endorsement=final.endorsements.get(organisation=org_a),
        by=focal_a,
        response=EndorsementResponse.RESERVATION,
        reservation="Not objective 5.",
    )
    assert Notification.objects.filter(kind=Kind.ENDORSED).count() == 1
