"""Writes on meetings: scheduling, agenda, invitations and replies, attendance, minutes and
outcomes, and the validation outcome."""

import datetime as dt
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
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
    if meeting is not None and meeting.cancelled_at:
        raise ValidationError(_("This meeting is cancelled: it can no longer change."))
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
    # A new time or place is a new revision of the calendar event (SEQUENCE), which calendars
    # take in place of the one they hold.
    moved = meeting.pk and (
        (meeting.starts_at, meeting.ends_at, meeting.venue, meeting.online_link)
        != (starts, ends, venue, online_link)
    )
    meeting.title = clean_text(title)
    meeting.type = type
    meeting.venue = venue
    meeting.online_link = online_link
    meeting.working_group = working_group
    meeting.version = version
    meeting.starts_at, meeting.ends_at, meeting.time_zone = starts, ends, zone_name
    if moved:
        meeting.sequence += 1
    meeting = save_audited(meeting, by=by)
    if moved:
        _tell_moved(meeting, by)
    return meeting


def _tell_moved(meeting: Meeting, by: User) -> None:
    """Those sent the invitation get the new time and place, with the calendar event's new
    revision, which their calendar takes in place of the old one."""
    ics = meeting_ics(meeting)
    notify(
        meeting_invitees(meeting, sent_only=True),
        Kind.INVITED,
        message=gettext_noop("The meeting “%(title)s” has changed: see its new time and place."),
        params={"title": meeting.title},
        url=meeting.get_absolute_url(),
        cycle=meeting.cycle,
        actor=by,
        email=Email(
            "meetings/email/update",
            {"meeting": meeting},
            attachments=lambda user: [("meeting.ics", ics, "text/calendar; method=REQUEST")],
        ),
    )


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


@transaction.atomic
def invitations_send(*, meeting: Meeting, by: User) -> int:
    """E-mail every invited person who has not been sent the invitation, with the .ics file.
    The meeting is locked first, so a second click waits and finds them sent."""
    require(by, Perm.MEETING_MANAGE, cycle=meeting.cycle)
    meeting = locked(meeting)
    if meeting.cancelled_at:
        raise ValidationError(_("This meeting is cancelled: its invitations are not sent."))
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
    owner_organisation=None,
    owner_person=None,
    due_date: dt.date | None = None,
    outcome: Outcome | None = None,
) -> Outcome:
    """Record an outcome of the meeting. An action point has an owner (an organisation of the
    network, a person of it, or a text: a text that names one of them exactly becomes it)
    and a due date."""
    outcome = locked(outcome) if outcome is not None else None
    require(by, Perm.MEETING_SECRETARIAT, cycle=meeting.cycle)
    item = agenda_item
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    owner = clean_text(owner)
    network_id = meeting.cycle.network_id
    if type != OutcomeType.ACTION_POINT:
        owner_organisation = owner_person = None
    if owner_organisation is not None and owner_organisation.network_id != network_id:
        raise ValidationError({"owner_organisation": _("Choose an organisation of this network.")})
    if (
        owner_person is not None
        and not owner_person.memberships.filter(network_id=network_id, is_active=True).exists()
    ):
        raise ValidationError({"owner_person": _("Choose a person of this network.")})
    if type == OutcomeType.ACTION_POINT and owner and not (owner_organisation or owner_person):
        owner_organisation, owner_person = _owner_named(network_id, owner)
        if owner_organisation or owner_person:
            owner = ""
    has_owner = bool(owner or owner_organisation or owner_person)
    if type == OutcomeType.ACTION_POINT and not (has_owner and due_date):
        errors = {}
        if not has_owner:
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
    outcome.owner_organisation = owner_organisation
    outcome.owner_person = owner_person
    outcome.due_date = due_date
    return save_audited(outcome, by=by)


def _owner_named(network_id: int, text: str) -> tuple:
    """The organisation or person of the network `text` names exactly, if any."""
    from gcmhub.core.models import User
    from gcmhub.directory.models import Organisation
    from gcmhub.meetings.owners import match_owner

    return match_owner(
        text,
        organisations=Organisation.objects.filter(network_id=network_id),
        people=User.objects.filter(memberships__network_id=network_id, memberships__is_active=True),
    )


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


def meeting_invitees(meeting: Meeting, *, sent_only: bool = False) -> list[User]:
    """The people invited: each named by an invitation, or the focal points of an organisation
    invited as such (with `sent_only`, of the invitations sent)."""
    people, seen = [], set()
    invitations = meeting.invitations.select_related("person").order_by("pk")
    if sent_only:
        invitations = invitations.filter(sent_at__isnull=False)
    for invitation in invitations:
        if invitation.person is not None:
            found = [invitation.person]
        else:
            found = focal_points_of(invitation.organisation_id, meeting.cycle.network_id)
        for person in found:
            if person.pk not in seen:
                seen.add(person.pk)
                people.append(person)
    return people


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    """Cancel a meeting that has not taken place, with the reason: it stays on record, marked
    cancelled; its calendar event becomes a cancellation (a new SEQUENCE); the invitees are
    told who were sent the invitation, by e-mail as each chose, with the cancellation for their
    calendar."""
    meeting = locked(meeting)
    require(by, Perm.MEETING_MANAGE, cycle=meeting.cycle)
    reason = clean_text(reason)
    if meeting.cancelled_at:
        raise ValidationError(_("This meeting is already cancelled."))
    if meeting.outcome or meeting.outcomes.exists():
        raise ValidationError(
            _("This meeting has minutes with outcomes: it took place and cannot be cancelled.")
        )
    if not reason:
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    meeting.cancelled_at, meeting.cancel_reason = timezone.now(), reason
    meeting.sequence += 1
    save_audited(meeting, by=by)
    ics = meeting_ics(meeting)
    notify(
        meeting_invitees(meeting, sent_only=True),
        Kind.INVITED,
        message=gettext_noop("The meeting “%(meeting)s” is cancelled: %(reason)s"),
        params={"meeting": meeting.title, "reason": reason},
        url=meeting.get_absolute_url(),
        cycle=meeting.cycle,
        actor=by,
        email=Email(
            "meetings/email/cancellation",
            {"meeting": meeting},
            attachments=lambda user: [("meeting.ics", ics, "text/calendar; method=CANCEL")],
        ),
    )
    return meeting


# Reminders of action points (daily, on the schedule) ----------------------------------------

SOON_DAYS = 3  # an open action point is "due soon" from this many days before its due date
LATE_DAYS = 7  # and reminded as late once, up to this many days after it


def action_point_owners(point: Outcome) -> list[User]:
    """Who is reminded of an action point: its person, else its organisation's focal points
    (an owner named only by a text has no account to tell)."""
    network_id = point.meeting.cycle.network_id
    if point.owner_person_id:
        person = point.owner_person
        member = (
            person.is_active
            and person.memberships.filter(network_id=network_id, is_active=True).exists()
        )
        return [person] if member else []
    if point.owner_organisation_id:
        return list(focal_points_of(point.owner_organisation_id, network_id))
    return []


def action_points_remind(*, today) -> int:
    """Tell the owners of open action points that one is due soon, then that it is late: once
    each per due date (a changed due date is reminded again). Returns how many were told."""
    from django.db.models import Q
    from django.utils.translation import gettext_noop

    from gcmhub.core.pages import cycle_reverse
    from gcmhub.notifications.models import Kind
    from gcmhub.notifications.services import notify

    soon_until = today + dt.timedelta(days=SOON_DAYS)
    late_from = today - dt.timedelta(days=LATE_DAYS)
    points = (
        Outcome.objects.filter(type=OutcomeType.ACTION_POINT, done=False)
        .filter(Q(owner_organisation__isnull=False) | Q(owner_person__isnull=False))
        .filter(due_date__gte=late_from, due_date__lte=soon_until)
        .select_related("meeting__cycle__network", "owner_person", "owner_organisation")
    )
    told = 0
    for point in points:
        late = point.due_date < today
        if late and point.reminded_late_for == point.due_date:
            continue
        if not late and point.reminded_soon_for == point.due_date:
            continue
        with transaction.atomic():
            point = Outcome.objects.select_for_update().get(pk=point.pk)
            if point.done or (late and point.reminded_late_for == point.due_date):
                continue
            if not late and point.reminded_soon_for == point.due_date:
                continue
            cycle = point.meeting.cycle
            rows = notify(
                action_point_owners(point),
                Kind.LATE if late else Kind.DUE_SOON,
                message=gettext_noop(
                    "The action point “%(text)s” of %(meeting)s was due by %(date)s."
                )
                if late
                else gettext_noop("The action point “%(text)s” of %(meeting)s is due by %(date)s."),
                params={
                    "text": point.text[:120],
                    "meeting": point.meeting.title,
                    "date": lambda day=point.due_date: date_format(day),
                },
                url=cycle_reverse("action-list", cycle),
                cycle=cycle,
            )
            if late:
                point.reminded_late_for = point.due_date
                field = "reminded_late_for"
            else:
                point.reminded_soon_for = point.due_date
                field = "reminded_soon_for"
            point.save(update_fields=[field])
            told += len(rows)
    return told
