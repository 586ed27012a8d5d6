"""Cancelling a meeting, and the calendar event that follows its changes (issue 16): the .ics is
read back with icalendar."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from gcmhub.meetings import services
from gcmhub.meetings.calendar import meeting_ics
from gcmhub.meetings.tests.conftest import meeting_data
from gcmhub.notifications.models import Kind, Notification


def _read(meeting):
    calendar = Calendar.from_ical(meeting_ics(meeting))
    return calendar, calendar.walk("VEVENT")[0]


def test_a_cancelled_meeting_is_a_cancel_event_with_a_higher_sequence_told_to_each_invitee(
    meeting, coordinator, focal_a, focal_b, django_capture_on_commit_callbacks, run_tasks
):
    services.invitations_send(meeting=meeting, by=coordinator)
    run_tasks()
    mail.outbox.clear()
    _, before = _read(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, by=coordinator, reason="The venue is closed.")
    run_tasks()  # the e-mails at once go by the queue
    meeting.refresh_from_db()
    assert meeting.cancel_reason == "The venue is closed."
    assert meeting.history.first().history_user == coordinator

    calendar, event = _read(meeting)
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == str(before["uid"])
    assert int(event["sequence"]) == int(before["sequence"]) + 1
    assert str(event["organizer"]) == f"mailto:{coordinator.email}"
    assert {str(a) for a in event["attendee"]} == {
        f"mailto:{focal_a.email}",
        f"mailto:{focal_b.email}",
    }
    assert event["dtstart"].params["TZID"] == "Europe/Istanbul"
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Istanbul"]

    told = Notification.objects.filter(kind=Kind.INVITED, message__contains="cancelled")
    assert {n.recipient for n in told} == {focal_a, focal_b}
    assert told[0].text == "The meeting “Validation meeting” is cancelled: The venue is closed."
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_a.email, focal_b.email])
    message = mail.outbox[0]
    assert message.subject.startswith("Cancelled: Validation meeting")
    assert "Reason: The venue is closed." in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar; method=CANCEL"
    assert "STATUS:CANCELLED" in str(content)


def test_a_meeting_is_cancelled_once_with_a_reason_by_a_coordinator_and_then_stays_as_it_is(
    meeting, coordinator, consultant, version
):
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(meeting=meeting, by=consultant, reason="No.")
    with pytest.raises(ValidationError, match="Say why"):
        services.meeting_cancel(meeting=meeting, by=coordinator, reason="  ")
    services.meeting_cancel(meeting=meeting, by=coordinator, reason="Postponed to autumn.")
    with pytest.raises(ValidationError, match="already cancelled"):
        services.meeting_cancel(meeting=meeting, by=coordinator, reason="Again.")
    with pytest.raises(ValidationError, match="cancelled"):
        services.meeting_save(
            cycle=meeting.cycle, by=coordinator, **meeting_data(version), meeting=meeting
        )
    with pytest.raises(ValidationError, match="cancelled"):
        services.invitations_send(meeting=meeting, by=coordinator)


def test_a_meeting_that_took_place_is_not_cancelled(meeting, coordinator):
    services.validation_record(meeting=meeting, by=coordinator, outcome="validated")
    with pytest.raises(ValidationError, match="took place"):
        services.meeting_cancel(meeting=meeting, by=coordinator, reason="Too late.")


@pytest.mark.parametrize(
    ("change", "bumped"),
    [
        ({"venue": "Istanbul"}, True),
        ({"online_link": "https://meet.example.org/gcm"}, True),
        ({"date": dt.date(2021, 6, 25)}, True),
        ({"end_time": dt.time(14, 0)}, True),
        ({"time_zone": "Europe/London"}, True),
        ({"title": "Validation meeting of the report"}, False),
        ({}, False),
    ],
)
def test_a_new_date_time_or_place_bumps_the_sequence_and_other_edits_do_not(
    meeting, coordinator, version, change, bumped
):
    _, before = _read(meeting)
    changed = services.meeting_save(
        cycle=meeting.cycle, by=coordinator, **meeting_data(version, **change), meeting=meeting
    )
    _, after = _read(changed)
    assert int(after["sequence"]) == int(before["sequence"]) + bumped
    assert str(after["status"]) == "CONFIRMED"


def test_the_meeting_page_cancels_and_shows_why(client, meeting, coordinator, focal_a):
    kwargs = {
        "network_slug": meeting.cycle.network.slug,
        "cycle_pk": meeting.cycle_id,
        "meeting_pk": meeting.pk,
    }
    cancel = reverse("meeting-cancel", kwargs=kwargs)
    client.force_login(focal_a)
    assert cancel not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert cancel in page and "Why is the meeting cancelled?" in page
    refused = client.post(cancel, {"reason": ""}, follow=True).content.decode()
    assert "Say why the meeting is cancelled." in refused
    page = client.post(cancel, {"reason": "The venue is closed."}, follow=True).content.decode()
    assert "The meeting is cancelled; the invitees have been told." in page
    assert "The venue is closed." in page
    assert cancel not in page
    del kwargs["meeting_pk"]
    listing = client.get(reverse("meeting-list", kwargs=kwargs)).content.decode()
    assert "Cancelled" in listing


def test_a_cancelled_meeting_leaves_my_tasks_of_those_invited(meeting, coordinator, focal_a):
    from gcmhub.meetings.models import Meeting
    from gcmhub.todo.selectors import tasks_for_user

    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() + dt.timedelta(days=5),
        ends_at=timezone.now() + dt.timedelta(days=5, hours=2),
    )
    services.invitations_send(meeting=meeting, by=coordinator)
    assert "Invitation to answer" in [i.kind_label for i in tasks_for_user(focal_a)]
    services.meeting_cancel(meeting=meeting, by=coordinator, reason="The venue is closed.")
    assert "Invitation to answer" not in [i.kind_label for i in tasks_for_user(focal_a)]


def test_a_moved_meeting_sends_its_new_revision_to_those_sent_the_invitation(
    meeting, coordinator, version, focal_a, focal_b, run_tasks
):
    services.invitations_send(meeting=meeting, by=coordinator)
    assert services.invitations_send(meeting=meeting, by=coordinator) == 0  # a second click
    run_tasks()
    mail.outbox.clear()
    moved = services.meeting_save(
        cycle=meeting.cycle,
        by=coordinator,
        **meeting_data(version, venue="UN House, Ankara"),
        meeting=meeting,
    )
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([focal_a.email, focal_b.email])
    message = mail.outbox[0]
    assert message.subject.startswith("Changed: Validation meeting")
    assert "Venue: UN House, Ankara" in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar; method=REQUEST"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert int(event["sequence"]) == moved.sequence and str(event["location"]) == "UN House, Ankara"
    notice = Notification.objects.filter(kind=Kind.INVITED, message__contains="changed")
    assert {n.recipient for n in notice} == {focal_a, focal_b}
