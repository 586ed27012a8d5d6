"""Writes on meetings: scheduling, agenda, invitations and replies, attendance, minutes and
outcomes, and the validation outcome."""

import datetime as dt
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import delete_audited, locked, save_audited, save_changed
from gcmhub.core.models import Cycle, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import focal_points_of
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
from gcmhub.notifications.models import Delivery, Kind
from gcmhub.notifications.services import Email, notify


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    """The IANA time zone of that name (None if there is none)."""
    if name not in zoneinfo.available_timezones():
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@transaction.atomic
def meeting_save(
    *,
    cycle: Cycle,
    by: User,
    title: str,
    type: str,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    time_zone: str,
    venue: str = "",
    online_link: str = "",
    working_group=None,
    version=None,
    meeting: Meeting | None = None,
) -> Meeting:
    """Schedule or change a meeting: on `date`, from `start_time` to `end_time` in its time
    zone. Every rule it breaks is refused at once, each on the field it concerns."""
    meeting = locked(meeting) if meeting is not None else None
    require(by, Perm.MEETING_MANAGE, cycle=cycle)
    zone_name = time_zone.strip()
    venue, online_link = clean_text(venue), online_link.strip()
    errors = {}
    zone = _zone(zone_name)
    if zone is None:
        errors["time_zone"] = _("Unknown time zone: write it as Region/City, e.g. Europe/Istanbul.")
    if not venue and not online_link:
        errors["venue"] = _("Give the venue, the online link, or both.")
    if end_time <= start_time:
        errors["end_time"] = _("The meeting must end after it starts.")
    if version is not None and version.document.cycle_id != cycle.pk:
        errors["version"] = _("Choose a version of this cycle's documents.")
    elif type == MeetingType.VALIDATION and version is None:
        errors["version"] = _("A validation meeting validates a version: choose it.")
    if working_group is not None and working_group.network_id != cycle.network_id:
        errors["working_group"] = _("Choose a working group of this network.")
    elif type == MeetingType.WORKING_GROUP and working_group is None:
        errors["working_group"] = _("Choose the working group that meets.")
    if errors:
        raise ValidationError(errors)
    starts = dt.datetime.combine(date, start_time, tzinfo=zone)
    ends = dt.datetime.combine(date, end_time, tzinfo=zone)
    meeting = meeting or Meeting(cycle=cycle, created_by=by)
    moved = meeting.pk and (meeting.starts_at != starts or meeting.ends_at != ends)
    meeting.title = clean_text(title)
    meeting.type = type
    meeting.venue = venue
    meeting.online_link = online_link
    meeting.working_group = working_group
    meeting.version = version
    meeting.starts_at, meeting.ends_at, meeting.time_zone = starts, ends, zone_name
    if moved:
        meeting.sequence += 1
    return save_audited(meeting, by=by)


@transaction.atomic
def agenda_save(*, meeting: Meeting, by: User, rows: list[dict]) -> None:
    """Make the agenda the `rows` (id, title, description, sections) in this order."""
    require(by, Perm.MEETING_SECRETARIAT, cycle=meeting.cycle)
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
    require(by, Perm.MEETING_MANAGE, cycle=meeting.cycle)
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
    require(by, Perm.MEETING_MANAGE, cycle=meeting.cycle)
    sent = 0
    invitations = meeting.invitations.filter(
        sent_at__isnull=True, person__isnull=False
    ).select_related("person", "organisation")
    for invitation in invitations:
        rows = notify(
            [invitation.person],
            Kind.INVITED,
            message=gettext_noop("You are invited to “%(title)s”."),
            params={"title": meeting.title},
            url=cycle_reverse("meeting-detail", meeting.cycle, meeting_pk=meeting.pk),
            cycle=meeting.cycle,
            actor=by,
            email=Email(
                "meetings/email/invitation",
                {"meeting": meeting, "invitation": invitation},
                attachments=lambda user: [
                    ("meeting.ics", meeting_ics(meeting), "text/calendar; method=REQUEST")
                ],
            ),
        )
        MeetingInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        sent += sum(1 for row in rows if row.delivery == Delivery.AT_ONCE and row.recipient.email)
    return sent


@transaction.atomic
def invitation_reply(
    *, invitation: MeetingInvitation, by: User, reply: str, delegate: str = ""
) -> MeetingInvitation:
    """The invited person (or a focal point of the invited organisation) replies."""
    invitation = locked(invitation)
    network = invitation.meeting.cycle.network
    require(by, Perm.MEETING_VIEW, network=network)
    if invitation.person_id != by.pk and not actor_for(by, network).speaks_for(
        invitation.organisation_id
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
    require(by, Perm.MEETING_SECRETARIAT, cycle=attendee.meeting.cycle)
    if presence not in Presence.values:
        raise ValidationError(_("Choose present, absent or excused."))
    attendee.presence = presence
    attendee.checked_at = timezone.now()
    return save_audited(attendee, by=by, update_fields=["presence", "checked_at"])


@transaction.atomic
def attendee_add(
    *,
    meeting: Meeting,
    by: User,
    name: str,
    position: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
) -> Attendee:
    """Add a walk-in participant to the register, present: of an organisation of the network,
    or of one named."""
    require(by, Perm.MEETING_SECRETARIAT, cycle=meeting.cycle)
    organisation_name = clean_text(organisation_name)
    errors = {}
    if organisation is not None and organisation.network_id != meeting.cycle.network_id:
        errors["organisation"] = _("Choose an organisation of this network.")
    elif organisation is None and not organisation_name:
        errors["organisation"] = _("Choose the organisation or write its name.")
    name = clean_text(name)
    if not name:
        errors["name"] = _("Give the participant's name.")
    if errors:
        raise ValidationError(errors)
    return save_audited(
        Attendee(
            meeting=meeting,
            name=name,
            organisation=organisation,
            organisation_name=organisation_name,
            position=clean_text(position),
            presence=Presence.PRESENT,
            walk_in=True,
            checked_at=timezone.now(),
        ),
        by=by,
    )


@transaction.atomic
def minutes_save(*, item: AgendaItem, by: User, minutes: str) -> AgendaItem:
    item = locked(item)
    require(by, Perm.MEETING_SECRETARIAT, cycle=item.meeting.cycle)
    item.minutes = clean_text(minutes)
    return save_audited(item, by=by, update_fields=["minutes"])


@transaction.atomic
def outcome_save(
    *,
    meeting: Meeting,
    by: User,
    type: str,
    text: str,
    agenda_item: AgendaItem | None = None,
    section_key: str = "",
    owner: str = "",
    due_date: dt.date | None = None,
    outcome: Outcome | None = None,
) -> Outcome:
    outcome = locked(outcome) if outcome is not None else None
    require(by, Perm.MEETING_SECRETARIAT, cycle=meeting.cycle)
    item = agenda_item
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    owner = clean_text(owner)
    if type == OutcomeType.ACTION_POINT and not (owner and due_date):
        errors = {}
        if not owner:
            errors["owner"] = _("An action point needs an owner.")
        if not due_date:
            errors["due_date"] = _("An action point needs a due date.")
        raise ValidationError(errors)
    if type == OutcomeType.AGREED_CHANGE:
        if meeting.version is None:
            raise ValidationError(
                {"type": _("An agreed change needs a document version under discussion.")}
            )
        if meeting.version.document.versions.filter(major__gte=1).exists():
            raise ValidationError(
                {"type": _("The final version has been issued: no change can be agreed on it.")}
            )
    outcome = outcome or Outcome(meeting=meeting)
    outcome.type = type
    outcome.agenda_item = item
    outcome.text = clean_text(text)
    outcome.section_key = section_key
    outcome.owner = owner
    outcome.due_date = due_date
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

    Only who issues the final version (the coordinator) may record that the change needed no
    change to the text (the resolution then says why): otherwise the final version checks
    that the text changed.
    """
    outcome = locked(outcome)
    if no_text_change is None:  # not asked (only the coordinator is): the record stays
        no_text_change = outcome.no_text_change
    waiving = no_text_change != outcome.no_text_change
    require(
        by,
        Perm.DOCUMENT_FINALISE if waiving else Perm.MEETING_SECRETARIAT,
        cycle=outcome.meeting.cycle,
    )
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
    require(by, Perm.MEETING_SECRETARIAT, cycle=outcome.meeting.cycle)
    outcome.done = done
    return save_audited(outcome, by=by, update_fields=["done"])


@transaction.atomic
def validation_record(*, meeting: Meeting, by: User, outcome: str, note: str = "") -> Meeting:
    """Record the validation outcome against the exact version the meeting discussed."""
    meeting = locked(meeting)
    require(by, Perm.MEETING_MANAGE, cycle=meeting.cycle)
    if meeting.type != MeetingType.VALIDATION or meeting.version is None:
        raise ValidationError(_("Only a validation meeting on a version has a validation outcome."))
    meeting.outcome = outcome
    meeting.outcome_note = clean_text(note)
    save_changed(meeting, by=by, outcome_recorded_at=timezone.now())
    return meeting


@transaction.atomic
def outcome_delete(*, outcome: Outcome, by: User) -> None:
    outcome = locked(outcome)
    require(by, Perm.MEETING_SECRETARIAT, cycle=outcome.meeting.cycle)
    if outcome.resolved_in_id is not None:
        raise ValidationError(
            _("This change is resolved in an issued version; it stays on record.")
        )
    delete_audited(outcome, by=by)


@transaction.atomic
def meeting_delete(*, meeting: Meeting, by: User) -> None:
    """Cancel a meeting that has no recorded outcome (its history keeps it)."""
    meeting = locked(meeting)
    require(by, Perm.MEETING_MANAGE, cycle=meeting.cycle)
    if meeting.outcome or meeting.outcomes.exists():
        raise ValidationError(
            _("This meeting has minutes with outcomes; it stays on record and cannot be deleted.")
        )
    delete_audited(meeting, by=by)
