"""Exports of the coordination: the calendar of obligations (.ics)."""

import datetime as dt

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from gcmhub.core.notify import cycle_url
from gcmhub.editions.texts import prefetch


def obligations_ics(cycle, obligations) -> bytes:
    """The obligations as all-day events on their due dates, for any calendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//gcmhub//obligations//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Obligations: %(cycle)s") % {"cycle": cycle.display_title})
    url = cycle_url(cycle, "obligation-list")
    obligations = list(obligations)
    prefetch([o.rule for o in obligations])  # the rules' editions, one query
    for obligation in obligations:
        who = (
            obligation.organisation.label
            if obligation.organisation_id
            else _("Network coordinator (secretariat)")
        )
        event = Event()
        event.add("uid", f"obligation-{obligation.pk}@gcmhub")
        event.add("dtstamp", dt.datetime.combine(obligation.due_date, dt.time(), dt.UTC))
        event.add("dtstart", obligation.due_date)
        event.add("summary", f"{obligation.rule.display_title}: {who}")
        event.add("description", f"{obligation.rule.display_task}\n{url}")
        if obligation.done_at:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
