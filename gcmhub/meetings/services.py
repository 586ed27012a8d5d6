"""Writes on meetings: scheduling, agenda, invitations and replies, attendance, minutes and
outcomes, and the validation outcome."""

import datetime as dt
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.core.audit import delete_audited, locked, save_audited, save_changed
from gcmhub.core.models import Cycle, User
from gcmhub.core.notify import cycle_url, send_templated
from gcmhub.core.permissions import Role
from gcmhub.core.text import clean_text
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import actor_of, focal_points_of
from gcmhub.directory.selectors import require_role as _require
from gcmhub.meetings.calendar import meeting_ics
from gcmhub.meetings.models import (
    AgendaItem,
    Attendee,
    Meeting,
    MeetingInvitation,
    MeetingType,
    Outcome,
    OutcomeType,
    Presence,
    Reply,
)

SECRETARIAT = {Role.COORDINATOR, Role.CONSULTANT}


def _aware(day: dt.date, time: dt.time, zone: str) -> dt.datetime:
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError({"time_zone": _("Unknown time zone.")}) from None
    return dt.datetime.combine(day, time, tzinfo=tz)


@transaction.atomic
def meeting_save(*, cycle: Cycle, by: User, data: dict, meeting: Meeting | None = None) -> Meeting:
    """Schedule or change a meeting; `data` has the date, start and end times in its time zone."""
    meeting = locked(meeting) if meeting is not None else None
    _require(by, cycle, {Role.COORDINATOR})
    data = dict(data)
    zone = data.pop("time_zone")
    starts = _aware(data.pop("date"), data.pop("start_time"), zone)
    ends = _aware(starts.date(), data.pop("end_time"), zone)
    if ends <= starts:
        raise ValidationError({"end_time": _("The meeting must end after it starts.")})
    version = data.get("version")
    if version is not None and version.document.cycle_id != cycle.pk:
        raise ValidationError({"version": _("Choose a version of this cycle's documents.")})
    group = data.get("working_group")
    if group is not None and group.network_id != cycle.network_id:
        raise ValidationError({"working_group": _("Choose a working group of this network.")})
    if data["type"] == MeetingType.VALIDATION and version is None:
        raise ValidationError(
            {"version": _("A validation meeting validates a version: choose it.")}
        )
    meeting = meeting or Meeting(cycle=cycle, created_by=by)
    moved = meeting.pk and (meeting.starts_at != starts or meeting.ends_at != ends)
    for name, value in data.items():
        setattr(meeting, name, clean_text(value) if name in {"title", "venue"} else value)
    meeting.starts_at, meeting.ends_at, meeting.time_zone = starts, ends, zone
    if moved:
        meeting.sequence += 1
    return save_audited(meeting, by=by)


@transaction.atomic
def agenda_save(*, meeting: Meeting, by: User, rows: list[dict]) -> None:
    """Make the agenda the `rows` (id, title, description, sections) in this order."""
    _require(by, meeting.cycle, SECRETARIAT)
    existing = {a.pk: a for a in meeting.agenda_items.all()}
    keys = {s["key"] for s in meeting.version.content["sections"]} if meeting.version else set()
    kept = set()
    for order, row in enumerate(rows):
        item = existing.get(row.get("id")) or AgendaItem(meeting=meeting)
        item.title = clean_text(row["title"])
        item.description = clean_text(row.get("description", ""))
        item.sections = [k for k in row.get("sections", []) if k in keys]
        item.order = order
        save_audited(item, by=by)
        kept.add(item.pk)
    for pk, item in existing.items():
        if pk not in kept:
            delete_audited(item, by=by)


@transaction.atomic
def invitations_set(*, meeting: Meeting, by: User, organisations) -> int:
    """Invite `organisations`: each focal point by name (or the organisation itself), each
    added to the attendance register. Returns the number of new invitations."""
    _require(by, meeting.cycle, {Role.COORDINATOR})
    if any(o.network_id != meeting.cycle.network_id for o in organisations):
        raise ValidationError(_("Choose organisations of this network."))
    created = 0
    for organisation in organisations:
        people = list(focal_points_of(organisation.pk, meeting.cycle.network_id)) or [None]
        for person in people:
            invitation, new = MeetingInvitation.objects.get_or_create(
                meeting=meeting, organisation=organisation, person=person
            )
            if not new:
                continue
            created += 1
            name = person.get_full_name() or person.username if person else organisation.label
            Attendee.objects.get_or_create(
                meeting=meeting,
                organisation=organisation,
                person=person,
                defaults={"name": name},
            )
    return created


def invitations_send(*, meeting: Meeting, by: User) -> int:
    """E-mail every invited person who has not been sent the invitation, with the .ics file."""
    _require(by, meeting.cycle, {Role.COORDINATOR})
    sent = 0
    invitations = meeting.invitations.filter(
        sent_at__isnull=True, person__isnull=False
    ).select_related("person", "organisation")
    for invitation in invitations:
        person = invitation.person
        if not person.email:
            continue
        context = {
            "meeting": meeting,
            "invitation": invitation,
            "url": cycle_url(meeting.cycle, "meeting-detail", meeting_pk=meeting.pk),
        }
        send_templated(
            person,
            "meetings/email/invitation",
            context,
            attachments=[("meeting.ics", meeting_ics(meeting), "text/calendar; method=REQUEST")],
        )
        MeetingInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def invitation_reply(
    *, invitation: MeetingInvitation, by: User, reply: str, delegate: str = ""
) -> MeetingInvitation:
    """The invited person (or a focal point of the invited organisation) replies."""
    invitation = locked(invitation)
    actor = actor_of(by, invitation.meeting.cycle.network_id)
    if invitation.person_id != by.pk and not (
        actor.role == Role.FOCAL_POINT and actor.organisation_id == invitation.organisation_id
    ):
        raise PermissionDenied
    if reply not in (Reply.ACCEPTED, Reply.DECLINED, Reply.DELEGATED):
        raise ValidationError(_("Choose a reply."))
    delegate = clean_text(delegate)
    if reply == Reply.DELEGATED and not delegate:
        raise ValidationError({"delegate": _("Give the name of the person you send.")})
    invitation.reply = reply
    invitation.delegate = delegate if reply == Reply.DELEGATED else ""
    # The same reply sent again (a double click) keeps the time it was given.
    save_changed(invitation, by=by, replied_at=timezone.now())
    if reply == Reply.DELEGATED:
        Attendee.objects.get_or_create(
            meeting=invitation.meeting,
            organisation=invitation.organisation,
            name=delegate,
            defaults={"position": _("delegate")},
        )
    return invitation


@transaction.atomic
def attendee_mark(*, attendee: Attendee, by: User, presence: str) -> Attendee:
    attendee = locked(attendee)
    _require(by, attendee.meeting.cycle, SECRETARIAT)
    if presence not in Presence.values:
        raise ValidationError(_("Choose present, absent or excused."))
    attendee.presence = presence
    attendee.checked_at = timezone.now()
    return save_audited(attendee, by=by, update_fields=["presence", "checked_at"])


@transaction.atomic
def attendee_add(*, meeting: Meeting, by: User, data: dict) -> Attendee:
    """Add a walk-in participant to the register, present."""
    _require(by, meeting.cycle, SECRETARIAT)
    organisation: Organisation | None = data.get("organisation")
    if organisation is not None and organisation.network_id != meeting.cycle.network_id:
        raise ValidationError({"organisation": _("Choose an organisation of this network.")})
    name = clean_text(data["name"])
    if not name:
        raise ValidationError({"name": _("Give the participant's name.")})
    return save_audited(
        Attendee(
            meeting=meeting,
            name=name,
            organisation=organisation,
            organisation_name=clean_text(data.get("organisation_name", "")),
            position=clean_text(data.get("position", "")),
            presence=Presence.PRESENT,
            walk_in=True,
            checked_at=timezone.now(),
        ),
        by=by,
    )


@transaction.atomic
def minutes_save(*, item: AgendaItem, by: User, minutes: str) -> AgendaItem:
    item = locked(item)
    _require(by, item.meeting.cycle, SECRETARIAT)
    item.minutes = clean_text(minutes)
    return save_audited(item, by=by, update_fields=["minutes"])


@transaction.atomic
def outcome_save(
    *, meeting: Meeting, by: User, data: dict, outcome: Outcome | None = None
) -> Outcome:
    outcome = locked(outcome) if outcome is not None else None
    _require(by, meeting.cycle, SECRETARIAT)
    item = data.get("agenda_item")
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    if data["type"] == OutcomeType.ACTION_POINT and not (
        data.get("owner") and data.get("due_date")
    ):
        raise ValidationError({"owner": _("An action point needs an owner and a due date.")})
    if data["type"] == OutcomeType.AGREED_CHANGE:
        if meeting.version is None:
            raise ValidationError(
                {"type": _("An agreed change needs a document version under discussion.")}
            )
        if meeting.version.document.versions.filter(major__gte=1).exists():
            raise ValidationError(
                {"type": _("The final version has been issued: no change can be agreed on it.")}
            )
    outcome = outcome or Outcome(meeting=meeting)
    outcome.type = data["type"]
    outcome.agenda_item = item
    outcome.text = clean_text(data["text"])
    outcome.section_key = data.get("section_key", "")
    outcome.owner = clean_text(data.get("owner", ""))
    outcome.due_date = data.get("due_date")
    return save_audited(outcome, by=by)


@transaction.atomic
def outcome_resolve(
    *,
    outcome: Outcome,
    by: User,
    resolution: str,
    version=None,
    in_next: bool = False,
    no_text_change: bool | None = None,
) -> Outcome:
    """Record how an agreed change was made: in an issued version, or in the next one.

    Only the coordinator may record that the change needed no change to the text (the
    resolution then says why): otherwise the final version checks that the text changed.
    """
    outcome = locked(outcome)
    if no_text_change is None:  # not asked (only the coordinator is): the record stays
        no_text_change = outcome.no_text_change
    waiving = no_text_change != outcome.no_text_change
    _require(by, outcome.meeting.cycle, {Role.COORDINATOR} if waiving else SECRETARIAT)
    if outcome.type != OutcomeType.AGREED_CHANGE:
        raise ValidationError(_("Only agreed changes are resolved in a version."))
    resolution = clean_text(resolution)
    if not resolution:
        raise ValidationError({"resolution": _("Say how the change was made.")})
    meeting_version = outcome.meeting.version
    if version is not None and (
        version.document_id != meeting_version.document_id
        or (version.major, version.minor) <= (meeting_version.major, meeting_version.minor)
    ):
        raise ValidationError({"version": _("Choose a version issued after the one discussed.")})
    if version is None and not in_next:
        raise ValidationError(
            {"version": _("Choose the version that made the change, or the next one.")}
        )
    outcome.resolution = resolution
    outcome.resolved_in = version
    outcome.resolve_in_next = version is None
    outcome.no_text_change = no_text_change
    save_changed(outcome, by=by, resolved_at=timezone.now())
    return outcome


@transaction.atomic
def action_done(*, outcome: Outcome, by: User, done: bool) -> Outcome:
    outcome = locked(outcome)
    _require(by, outcome.meeting.cycle, SECRETARIAT)
    outcome.done = done
    return save_audited(outcome, by=by, update_fields=["done"])


@transaction.atomic
def validation_record(*, meeting: Meeting, by: User, outcome: str, note: str = "") -> Meeting:
    """Record the validation outcome against the exact version the meeting discussed."""
    meeting = locked(meeting)
    _require(by, meeting.cycle, {Role.COORDINATOR})
    if meeting.type != MeetingType.VALIDATION or meeting.version is None:
        raise ValidationError(_("Only a validation meeting on a version has a validation outcome."))
    meeting.outcome = outcome
    meeting.outcome_note = clean_text(note)
    save_changed(meeting, by=by, outcome_recorded_at=timezone.now())
    return meeting


@transaction.atomic
def outcome_delete(*, outcome: Outcome, by: User) -> None:
    outcome = locked(outcome)
    _require(by, outcome.meeting.cycle, SECRETARIAT)
    if outcome.resolved_in_id is not None:
        raise ValidationError(
            _("This change is resolved in an issued version; it stays on record.")
        )
    delete_audited(outcome, by=by)


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: User) -> None:
    """Cancel a meeting that has no recorded outcome (its history keeps it)."""
    meeting = locked(meeting)
    _require(by, meeting.cycle, {Role.COORDINATOR})
    if meeting.outcome or meeting.outcomes.exists():
        raise ValidationError(
            _("This meeting has minutes with outcomes; it stays on record and cannot be deleted.")
        )
    delete_audited(meeting, by=by)
