"""The meeting as an iCalendar (.ics) event, for invitations: who organises it, who is invited
(each with their reply), and the meeting's time zone, so that Outlook and Thunderbird place it
at the right hour; a moved meeting is the same event with a higher SEQUENCE, and a cancelled one
is sent as a cancellation (METHOD:CANCEL, STATUS:CANCELLED) that removes it from calendars."""

import zoneinfo

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from gcmhub.core.notify import cycle_url
from gcmhub.directory.selectors import focal_points_of
from gcmhub.meetings.models import Reply

# How each reply reads in iCalendar (RFC 5545, PARTSTAT).
PARTSTAT = {
    Reply.PENDING: "NEEDS-ACTION",
    Reply.ACCEPTED: "ACCEPTED",
    Reply.DECLINED: "DECLINED",
    Reply.DELEGATED: "DELEGATED",
}


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = name
    for key, value in params.items():
        address.params[key] = value
    return address


def _organizer(meeting) -> vCalAddress:
    person = meeting.created_by
    if person is not None and person.email:
        return _address(person.email, person.get_full_name() or person.username)
    return _address(settings.DEFAULT_FROM_EMAIL, str(meeting.cycle.network.display_name))


def _attendees(meeting):
    """(e-mail, name, reply) of each person invited: the person named by an invitation, or the
    focal points of the organisation invited."""
    seen = set()
    invitations = meeting.invitations.select_related("person", "organisation").order_by("pk")
    for invitation in invitations:
        if invitation.person is not None:
            people = [invitation.person]
        else:
            people = focal_points_of(invitation.organisation_id, meeting.cycle.network_id)
        for person in people:
            if person.email and person.email.lower() not in seen:
                seen.add(person.email.lower())
                yield person.email, person.get_full_name() or person.username, invitation.reply


def meeting_ics(meeting) -> bytes:
    tz = zoneinfo.ZoneInfo(meeting.time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//gcmhub//meetings//EN")
    calendar.add("version", "2.0")
    cancelled = meeting.cancelled_at is not None
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{meeting.uid}@gcmhub")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.starts_at)
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting.title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organizer(meeting))
    for email, name, reply in _attendees(meeting):
        event.add(
            "attendee",
            _address(
                email,
                name,
                role="REQ-PARTICIPANT",
                partstat=PARTSTAT.get(reply, "NEEDS-ACTION"),
                rsvp="TRUE",
            ),
        )
    if meeting.venue:
        event.add("location", vText(meeting.venue))
    description = [cycle_url(meeting.cycle, "meeting-detail", meeting_pk=meeting.pk)]
    if meeting.online_link:
        description.append(meeting.online_link)
        event.add("url", meeting.online_link)
    if meeting.version is not None:
        version = meeting.version
        description.append(
            f"{version.document.title} {version.number} (SHA-256 {version.content_hash})"
        )
    event.add("description", "\n".join(description))
    calendar.add_component(event)
    calendar.add_missing_timezones()  # the VTIMEZONE of the meeting's time zone
    return calendar.to_ical()
