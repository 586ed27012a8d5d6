"""The meeting as an iCalendar (.ics) event, for invitations."""

import zoneinfo

from icalendar import Calendar, Event, vText

from gcmhub.core.notify import cycle_url


def meeting_ics(meeting) -> bytes:
    tz = zoneinfo.ZoneInfo(meeting.time_zone)
    calendar = Calendar()
    calendar.add("prodid", "-//gcmhub//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", f"{meeting.uid}@gcmhub")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.starts_at)
    event.add("dtstart", meeting.starts_at.astimezone(tz))
    event.add("dtend", meeting.ends_at.astimezone(tz))
    event.add("summary", meeting.title)
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
    return calendar.to_ical()
