"""The collection phase: its deadline and instructions, closing and reopening it, the requests
sent to the organisations asked and the reminders of the deadline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gcmhub.assessments.models import Collection, Reminder, ReminderKind
from gcmhub.assessments.questionnaire import build_questionnaire
from gcmhub.core.access import require
from gcmhub.core.audit import save_audited
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Cycle, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.core.workflow import State
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import focal_points_of
from gcmhub.notifications.models import Delivery, Kind
from gcmhub.notifications.selectors import focal_points
from gcmhub.notifications.services import Email, notify

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def collection_of(cycle: Cycle, *, lock: bool = False) -> Collection:
    """The cycle's collection (created on first use), locked for a write if asked."""
    collection, _created = Collection.objects.get_or_create(cycle=cycle)
    if lock:
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
    return collection


def collection_closed(cycle_id: int) -> bool:
    """Whether the collection of the cycle's inputs is closed (inputs are locked)."""
    return Collection.objects.filter(cycle_id=cycle_id, closed_at__isnull=False).exists()


@transaction.atomic
def collection_update(
    *, cycle: Cycle, by: User, deadline, instructions: str, language: str | None = None
) -> Collection:
    """Set the deadline and the instructions, written in `language` (left None: as they were,
    or the interface language for first instructions)."""
    require(by, Perm.ASSESSMENT_MANAGE, cycle=cycle)
    collection = collection_of(cycle, lock=True)
    if language is None and not collection.instructions:
        language = current_language()
    collection.language = language or collection.language
    collection.deadline = deadline
    collection.instructions = clean_text(instructions)
    return save_audited(collection, by=by)


@transaction.atomic
def collection_close(*, cycle: Cycle, by: User) -> Collection:
    """Close the collection phase: from now on inputs are locked unless reopened one by one."""
    require(by, Perm.ASSESSMENT_MANAGE, cycle=cycle)
    collection = collection_of(cycle, lock=True)
    if collection.is_closed:
        raise ValidationError(_("The collection of inputs is already closed."))
    collection.closed_at = timezone.now()
    collection.closed_by = by
    cycle.inputs.filter(reopened=True).update(reopened=False)
    return save_audited(collection, by=by, update_fields=["closed_at", "closed_by"])


@transaction.atomic
def collection_reopen(*, cycle: Cycle, by: User) -> Collection:
    require(by, Perm.ASSESSMENT_MANAGE, cycle=cycle)
    collection = collection_of(cycle, lock=True)
    if not collection.is_closed:
        raise ValidationError(_("The collection of inputs is open."))
    collection.closed_at = None
    collection.closed_by = None
    return save_audited(collection, by=by, update_fields=["closed_at", "closed_by"])


def requests_send(*, cycle: Cycle, by: User) -> int:
    """E-mail every asked organisation's focal points: their objectives, the deadline, the link,
    and their questionnaire attached. Returns the number of e-mails sent."""
    require(by, Perm.ASSESSMENT_MANAGE, cycle=cycle)
    collection = collection_of(cycle)
    organisations = Organisation.objects.filter(assignments__cycle=cycle).distinct()
    sent = 0
    for organisation in organisations:
        objectives = [
            a.objective
            for a in cycle.assignments.filter(organisation=organisation).select_related("objective")
        ]

        def questionnaire(user, organisation=organisation):
            workbook = build_questionnaire(
                cycle=cycle, organisation=organisation, language=user.language
            )
            name = f"questionnaire-{organisation.short_name}.xlsx".replace(" ", "-")
            return [(name, workbook, XLSX)]

        context = {
            "cycle": cycle,
            "organisation": organisation,
            "objectives": objectives,
            "deadline": collection.deadline,
        }
        rows = notify(
            focal_points(organisation.pk, cycle.network_id),
            Kind.INVITED,
            message=gettext_noop(
                "%(organisation)s is asked to give its input to the needs assessment of %(cycle)s."
            ),
            params={
                "organisation": lambda organisation=organisation: organisation.label,
                "cycle": lambda: cycle.display_title,
            },
            url=cycle_reverse("assessment-home", cycle),
            cycle=cycle,
            actor=by,
            email=Email("assessments/email/request", context, attachments=questionnaire),
        )
        sent += sum(1 for row in rows if row.delivery == Delivery.AT_ONCE and row.recipient.email)
    with transaction.atomic():
        collection = collection_of(cycle, lock=True)
        collection.requests_sent_at = timezone.now()
        save_audited(collection, by=by, update_fields=["requests_sent_at"])
    return sent


def _reminder_kind(days_left: int) -> str | None:
    """Which reminder is due with `days_left` days to the deadline (tolerates missed runs)."""
    if 3 <= days_left <= 7:
        return ReminderKind.WEEK_BEFORE
    if 0 <= days_left <= 2:
        return ReminderKind.DAYS_BEFORE
    if -7 <= days_left < 0:
        return ReminderKind.OVERDUE
    return None


def reminders_send(*, today) -> int:
    """Remind organisations with inputs still to submit, each by the deadline that holds for
    it (its own, an extension, else the collection's); safe to run every day: each reminder
    goes once per organisation, kind and deadline. Each also leaves a notification (due soon,
    or late). Returns the number of e-mails sent."""
    sent = 0
    collections = Collection.objects.filter(closed_at__isnull=True).select_related("cycle__network")
    for collection in collections:
        cycle = collection.cycle
        done = set(
            cycle.inputs.filter(state__in=[State.SUBMITTED, State.ACCEPTED]).values_list(
                "organisation_id", "objective_id"
            )
        )
        missing: dict[tuple, list] = {}  # (organisation, kind, deadline) -> assignments
        for assignment in cycle.assignments.select_related("organisation", "objective"):
            if (assignment.organisation_id, assignment.objective_id) in done:
                continue
            deadline = assignment.deadline_in(collection)
            if deadline is None:
                continue
            kind = _reminder_kind((deadline - today).days)
            if kind is not None:
                key = (assignment.organisation_id, kind, deadline)
                missing.setdefault(key, []).append(assignment)
        for (organisation_id, kind, deadline), assignments in missing.items():
            sent += _remind(cycle, organisation_id, kind, deadline, assignments)
    return sent


@transaction.atomic
def _remind(cycle, organisation_id, kind, deadline, assignments) -> int:
    reminder, created = Reminder.objects.get_or_create(
        cycle=cycle, organisation_id=organisation_id, kind=kind, deadline=deadline
    )
    if not created:
        return 0
    overdue = kind == ReminderKind.OVERDUE
    context = {
        "organisation": assignments[0].organisation,
        "objectives": [a.objective for a in assignments],
        "deadline": deadline,
        "overdue": overdue,
    }
    rows = notify(
        focal_points_of(organisation_id, cycle.network_id),
        Kind.LATE if overdue else Kind.DUE_SOON,
        message=gettext_noop(
            "The inputs of %(organisation)s on objectives %(objectives)s were due by "
            "%(deadline)s and are not submitted yet."
        )
        if overdue
        else gettext_noop(
            "The inputs of %(organisation)s on objectives %(objectives)s are due by %(deadline)s."
        ),
        params={
            "organisation": assignments[0].organisation.short_name,
            "objectives": ", ".join(str(a.objective.number) for a in assignments),
            "deadline": lambda: date_format(deadline),
        },
        url=cycle_reverse("assessment-home", cycle),
        cycle=cycle,
        email=Email("assessments/email/reminder", context),
    )
    return sum(1 for row in rows if row.delivery == Delivery.AT_ONCE and row.recipient.email)
