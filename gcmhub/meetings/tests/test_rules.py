"""The rules of meetings live in their services: the pages only present them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.documents import services as documents
from gcmhub.meetings import services
from gcmhub.meetings.models import MeetingType, OutcomeType
from gcmhub.meetings.tests.conftest import meeting_data


def test_a_meeting_has_a_venue_or_a_link_and_a_working_group_meeting_its_group(
    cycle, coordinator, version
):
    with pytest.raises(ValidationError) as refused:
        services.meeting_save(
            cycle=cycle,
            by=coordinator,
            **meeting_data(version, venue="", type=MeetingType.WORKING_GROUP, time_zone="Mars/X"),
        )
    assert refused.value.message_dict == {
        "time_zone": ["Unknown time zone: write it as Region/City, e.g. Europe/Istanbul."],
        "venue": ["Give the venue, the online link, or both."],
        "working_group": ["Choose the working group that meets."],
    }
    online = services.meeting_save(
        cycle=cycle,
        by=coordinator,
        **meeting_data(version, venue="", online_link="https://meet.example.org/gcm"),
    )
    assert (
        online.online_link == "https://meet.example.org/gcm"
        and online.time_zone == "Europe/Istanbul"
    )


def test_a_walk_in_names_an_organisation(meeting, consultant):
    with pytest.raises(ValidationError, match="Choose the organisation or write its name"):
        services.attendee_add(meeting=meeting, by=consultant, name="Nobody")


def test_an_action_point_names_what_it_lacks(meeting, consultant):
    with pytest.raises(ValidationError) as refused:
        services.outcome_save(
            meeting=meeting, by=consultant, type=OutcomeType.ACTION_POINT, text="Circulate it."
        )
    assert refused.value.message_dict == {
        "owner": ["An action point needs an owner."],
        "due_date": ["An action point needs a due date."],
    }


def test_a_reply_and_a_draft_comment_are_refused_to_who_may_not_make_them(
    meeting, review, focal_a, observer
):
    invitation = meeting.invitations.filter(person=focal_a).first()
    with pytest.raises(PermissionDenied):
        services.invitation_reply(invitation=invitation, by=observer, reply="accepted")
    draft = documents.comment_save(
        review=review, by=focal_a, section_key="executive-summary", type="editorial", text="Typo."
    )
    with pytest.raises(PermissionDenied):
        documents.comment_delete(comment=draft, by=observer)
