"""Meetings, their attendance register, outcomes and action points."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gcmhub.exports.kinds.base import (
    ID,
    ORG,
    ORG_ID,
    C,
    Kind,
)


def meeting_rows(cycle):
    meetings = cycle.meetings.select_related("version__document", "working_group").defer(
        "version__content"
    )
    for m in meetings.order_by("starts_at", "pk"):
        yield (
            m.pk,
            m.get_type_display(),
            m.title,
            m.starts_at,
            m.ends_at,
            m.time_zone,
            m.venue,
            m.online_link,
            f"{m.version.document.title} {m.version.number}" if m.version else "",
            m.working_group.display_name if m.working_group else "",
            m.get_outcome_display() if m.outcome else "",
            m.outcome_note,
        )


MEETINGS = Kind(
    "meetings",
    _("Meetings"),
    (
        ID,
        C("type", _("Type"), "#event+type", 20),
        C("title", _("Title"), "#event+name", 40),
        C("starts", _("Starts at"), "#date+start", 18),
        C("ends", _("Ends at"), "#date+end", 18),
        C("time_zone", _("Time zone"), "#meta+timezone", 16),
        C("venue", _("Venue"), "#loc+name", 24),
        C("online_link", _("Online link"), "#meta+url", 24),
        C("version", _("Version under discussion"), "#meta+version", 24),
        C("working_group", _("Working group"), "#group+name", 24),
        C("outcome", _("Outcome"), "#status", 18),
        C("outcome_note", _("Note on the outcome"), "#description", 40),
    ),
    meeting_rows,
    lambda cycle: cycle.meetings.count(),
)


def attendee_queryset(cycle) -> QuerySet:
    from gcmhub.meetings.models import Attendee

    return Attendee.objects.filter(meeting__cycle=cycle)


def attendee_rows(cycle):
    attendees = attendee_queryset(cycle).select_related("meeting", "organisation")
    for a in attendees.order_by("meeting__starts_at", "meeting", "organisation__name", "name"):
        yield (
            a.pk,
            a.meeting_id,
            a.meeting.title,
            a.name,
            a.organisation_label,
            a.organisation_id,
            a.position,
            a.get_presence_display(),
            a.walk_in,
            a.checked_at,
        )


ATTENDANCE = Kind(
    "attendance",
    _("Attendance"),
    (
        ID,
        C("meeting_id", _("Meeting number"), "#event+id", 10),
        C("meeting", _("Meeting"), "#event+name", 30),
        C("name", _("Name"), "#contact+name", 24),
        ORG,
        ORG_ID,
        C("position", _("Position"), "#contact+position", 24),
        C("presence", _("Presence"), "#status", 16),
        C("walk_in", _("Walk-in"), "#meta+walkin", 8),
        C("checked_in", _("Checked in"), "#date+checkin", 18),
    ),
    attendee_rows,
    lambda cycle: attendee_queryset(cycle).count(),
)


def _outcome_queryset(cycle, *, action_points: bool) -> QuerySet:
    from gcmhub.meetings.models import Outcome, OutcomeType

    outcomes = Outcome.objects.filter(meeting__cycle=cycle)
    if action_points:
        return outcomes.filter(type=OutcomeType.ACTION_POINT)
    return outcomes.exclude(type=OutcomeType.ACTION_POINT)


def _outcome_rows(cycle, *, action_points: bool):
    outcomes = _outcome_queryset(cycle, action_points=action_points).select_related(
        "meeting", "agenda_item", "resolved_in", "owner_organisation", "owner_person"
    )
    for o in outcomes.order_by("meeting__starts_at", "meeting", "agenda_item__order", "pk"):
        common = (
            o.pk,
            o.meeting_id,
            o.meeting.title,
            o.agenda_item.title if o.agenda_item else "",
            o.get_type_display(),
            o.text,
        )
        if action_points:
            yield (*common, o.owner_label, o.due_date, o.done, o.resolution)
        else:
            resolved = o.resolved_in.number if o.resolved_in else ""
            yield (*common, o.section_key, resolved, o.resolve_in_next, o.resolution)


_OUTCOME_COLUMNS = (
    ID,
    C("meeting_id", _("Meeting number"), "#event+id", 10),
    C("meeting", _("Meeting"), "#event+name", 30),
    C("agenda_item", _("Agenda item"), "#event+agenda", 30),
    C("type", _("Type"), "#meta+type", 16),
    C("text", _("Text"), "#description", 60),
)

OUTCOMES = Kind(
    "meeting_outcomes",
    _("Meeting outcomes"),
    (
        *_OUTCOME_COLUMNS,
        C("section", _("Report section concerned"), "#meta+section", 20),
        C("resolved_in", _("Resolved in version"), "#meta+version+resolved", 10),
        C("resolve_in_next", _("Resolved in the next version"), "#meta+next", 10),
        C("resolution", _("How it was resolved"), "#description+resolution", 40),
    ),
    lambda cycle: _outcome_rows(cycle, action_points=False),
    lambda cycle: _outcome_queryset(cycle, action_points=False).count(),
)

ACTION_POINTS = Kind(
    "action_points",
    _("Action points"),
    (
        *_OUTCOME_COLUMNS,
        C("owner", _("Owner"), "#org+name+owner", 24),
        C("due_date", _("Due date"), "#date+due", 12),
        C("done", _("Done"), "#status+done", 8),
        C("resolution", _("How it was resolved"), "#description+resolution", 40),
    ),
    lambda cycle: _outcome_rows(cycle, action_points=True),
    lambda cycle: _outcome_queryset(cycle, action_points=True).count(),
)
