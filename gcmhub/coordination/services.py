"""Writes of the network's coordination: working groups, SOP rules and their obligations."""

import datetime as dt
from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gcmhub.coordination import schedule
from gcmhub.coordination.access import can_mark
from gcmhub.coordination.models import Obligation, Responsible, SopRule, WorkingGroup
from gcmhub.core.access import actor_for, require
from gcmhub.core.audit import delete_audited, locked, save_audited
from gcmhub.core.i18n import current_language
from gcmhub.core.models import Cycle, Network, User
from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.text import clean_text
from gcmhub.directory.models import Organisation
from gcmhub.directory.selectors import coordinators_of, focal_points_of
from gcmhub.framework.models import RoundTable
from gcmhub.notifications.models import Delivery, Kind
from gcmhub.notifications.services import Email, notify


def check_same_network(organisations, network_id: int, field: str) -> None:
    if any(o.network_id != network_id for o in organisations if o is not None):
        raise ValidationError({field: _("Choose organisations of this network.")})


# Working groups


@transaction.atomic
def working_group_save(
    *,
    network: Network,
    by: User,
    name: str,
    name_tr: str = "",
    round_table: RoundTable | None = None,
    chair: Organisation | None = None,
    members: Iterable[Organisation] = (),
    purpose: str = "",
    group: WorkingGroup | None = None,
) -> WorkingGroup:
    group = locked(group) if group is not None else None
    require(by, Perm.SOP_MANAGE, network=network)
    members = list(members)
    check_same_network([chair, *members], network.pk, "members")
    group = group or WorkingGroup(network=network)
    group.name = clean_text(name)
    group.name_tr = clean_text(name_tr)
    group.round_table = round_table
    group.chair = chair
    group.purpose = clean_text(purpose)
    save_audited(group, by=by)
    group.members.set(members)
    return group


# SOP rules and obligations


# Who leads the work plan's activities: the work plan registers it (it sits above coordination).

_leads: list[Callable[[Cycle], list[Organisation]]] = []


def register_leads(leads: Callable[[Cycle], list[Organisation]]) -> None:
    """`leads(cycle)` gives the organisations a rule "every organisation leading an activity"
    names: the app that owns the activities says who they are."""
    _leads[:] = [leads]


def responsible_organisations(rule: SopRule) -> list[Organisation | None]:
    """Who owes each occurrence of the rule; None stands for the secretariat."""
    if rule.responsible == Responsible.SECRETARIAT:
        return [None]
    if rule.responsible == Responsible.CHOSEN:
        return list(rule.organisations.all())
    if rule.responsible == Responsible.MEMBERS:
        return list(rule.cycle.network.organisations.all())
    return [o for leads in _leads for o in leads(rule.cycle)]


@transaction.atomic
def obligations_generate(rule: SopRule) -> tuple[int, int]:
    """Make the rule's obligations match its schedule and organisations: add the missing ones,
    remove those no longer owed unless they are done. Returns (added, removed)."""
    dates = schedule.due_dates(
        months=rule.months, day=rule.day, dates=rule.dates, starts=rule.starts, ends=rule.ends
    )
    owed = {
        (organisation.pk if organisation else None, due)
        for organisation in responsible_organisations(rule)
        for due in dates
    }
    existing = {(o.organisation_id, o.due_date): o for o in rule.obligations.all()}
    Obligation.objects.bulk_create(
        Obligation(rule=rule, organisation_id=org, due_date=due)
        for org, due in sorted(owed - existing.keys(), key=lambda k: (k[1], k[0] or 0))
    )
    stale = [o.pk for key, o in existing.items() if key not in owed and o.done_at is None]
    Obligation.objects.filter(pk__in=stale).delete()
    return len(owed - existing.keys()), len(stale)


def obligations_refresh(cycle: Cycle) -> None:
    """After the work plan changes: the rules owed by the activities' leads follow it."""
    for rule in cycle.sop_rules.filter(responsible=Responsible.LEADS):
        obligations_generate(rule)


def sop_rule_problems(*, months, dates, starts, ends, responsible, organisations) -> dict:
    """What a rule breaks, by field, every one at once (empty: none): what `sop_rule_save`
    refuses and what the rule's page shows next to its fields. Values a form could not read
    are None and not judged here."""
    problems = {}
    if any(not 1 <= int(m) <= 12 for m in months):
        problems["months"] = _("Months are numbered 1 to 12.")
    elif not months and not dates:
        problems["months"] = _("Choose the months it is due, or give single dates.")
    if starts and ends and ends < starts:
        problems["ends"] = _("The rule cannot end before it starts.")
    if responsible == Responsible.CHOSEN and not organisations:
        problems["organisations"] = _("Choose the organisations.")
    return problems


@transaction.atomic
def sop_rule_save(
    *,
    cycle: Cycle,
    by: User,
    kind: str,
    title: str,
    task: str,
    responsible: str,
    starts: dt.date,
    ends: dt.date,
    language: str = "",
    organisations: Iterable[Organisation] = (),
    months: Iterable[int] = (),
    day: int | None = 15,
    dates: Iterable[dt.date | str] = (),
    working_group: WorkingGroup | None = None,
    chair: Organisation | None = None,
    minutes_by: Organisation | None = None,
    recipient: Organisation | None = None,
    remind_before: int = 7,
    remind_after: int = 3,
    met_by_progress_report: bool = False,
    rule: SopRule | None = None,
) -> SopRule:
    rule = locked(rule) if rule is not None else None
    require(by, Perm.SOP_MANAGE, cycle=cycle)
    months, dates = list(months or []), list(dates or [])
    organisations = list(organisations)
    problems = sop_rule_problems(
        months=months,
        dates=dates,
        starts=starts,
        ends=ends,
        responsible=responsible,
        organisations=organisations,
    )
    if problems:
        raise ValidationError(problems)
    check_same_network(
        [*organisations, chair, minutes_by, recipient], cycle.network_id, "organisations"
    )
    if working_group is not None and working_group.network_id != cycle.network_id:
        raise ValidationError({"working_group": _("Choose a working group of this network.")})
    new = rule is None
    rule = rule or SopRule(cycle=cycle)
    rule.kind, rule.responsible, rule.working_group = kind, responsible, working_group
    rule.chair, rule.minutes_by, rule.recipient = chair, minutes_by, recipient
    rule.title, rule.task = clean_text(title), clean_text(task)
    # The language the texts are written in: as given, else the writer's for a new rule.
    rule.language = language or (current_language() if new else rule.language)
    rule.months = sorted({int(m) for m in months})
    rule.day = day or 15
    rule.dates = sorted({d.isoformat() if isinstance(d, dt.date) else d for d in dates})
    rule.starts, rule.ends = starts, ends
    rule.remind_before, rule.remind_after = remind_before, remind_after
    rule.met_by_progress_report = bool(met_by_progress_report)
    save_audited(rule, by=by)
    rule.organisations.set(organisations if rule.responsible == Responsible.CHOSEN else [])
    obligations_generate(rule)
    return rule


@transaction.atomic
def sop_rule_delete(*, rule: SopRule, by: User) -> None:
    rule = locked(rule)
    require(by, Perm.SOP_MANAGE, cycle=rule.cycle)
    if rule.obligations.filter(done_at__isnull=False).exists():
        raise ValidationError(
            _("Obligations of this rule are done; they stay on record. Shorten the rule instead.")
        )
    delete_audited(rule, by=by)


@transaction.atomic
def obligation_mark(*, obligation: Obligation, by: User, done: bool, note: str = "") -> Obligation:
    """Those who manage the SOPs mark any obligation; a focal point their organisation's."""
    obligation = locked(obligation)
    network = Network(pk=obligation.rule.cycle.network_id)
    require(by, Perm.OBLIGATION_COMPLETE, network=network)
    if not can_mark(actor_for(by, network), obligation):
        raise PermissionDenied
    obligation.done_at = timezone.now() if done else None
    obligation.done_by = by if done else None
    obligation.note = clean_text(note)
    return save_audited(obligation, by=by)


def obligation_reminders_send(*, today: dt.date) -> int:
    """Send the reminders due today (see schedule.reminders_due); returns how many e-mails."""
    sent = 0
    pending = Obligation.objects.filter(done_at__isnull=True).select_related("rule")
    for obligation in pending:
        if _reminders_due(obligation, today):
            sent += _obligation_remind(obligation.pk, today)
    return sent


def _reminders_due(obligation: Obligation, today: dt.date) -> list:
    rule = obligation.rule
    return schedule.reminders_due(
        due=obligation.due_date,
        done=obligation.done_at is not None,
        today=today,
        remind_before=rule.remind_before,
        remind_after=rule.remind_after,
        sent_before=obligation.reminded_before is not None,
        sent_after=obligation.reminded_after is not None,
    )


@transaction.atomic
def _obligation_remind(pk: int, today: dt.date) -> int:
    """One obligation's reminders, under its lock: stamped in the same transaction as the
    notifications, so a second run (cron beside the worker) finds them sent."""
    obligation = (
        Obligation.objects.select_for_update(of=("self",))
        .select_related("rule__cycle__network", "organisation")
        .get(pk=pk)
    )
    due = _reminders_due(obligation, today)
    rule, sent = obligation.rule, 0
    network_id = rule.cycle.network_id
    if obligation.organisation_id:
        people = list(focal_points_of(obligation.organisation_id, network_id))
    else:
        people = list(coordinators_of(network_id))
    for reminder in due:
        late = reminder == schedule.Reminder.AFTER
        context = {
            "obligation": obligation,
            "rule": rule,
            "late": late,
        }
        rows = notify(
            people,
            Kind.LATE if late else Kind.DUE_SOON,
            message=gettext_noop("“%(title)s” was due on %(date)s and is not done yet.")
            if late
            else gettext_noop("“%(title)s” is due on %(date)s."),
            params={
                "title": rule.title,
                "date": lambda day=obligation.due_date: date_format(day),
            },
            url=cycle_reverse("obligation-list", rule.cycle),
            cycle=rule.cycle,
            email=Email("coordination/email/obligation_reminder", context),
        )
        sent += sum(1 for r in rows if r.delivery == Delivery.AT_ONCE and r.recipient.email)
        field = "reminded_before" if reminder == schedule.Reminder.BEFORE else "reminded_after"
        Obligation.objects.filter(pk=obligation.pk).update(**{field: timezone.now()})
    return sent
