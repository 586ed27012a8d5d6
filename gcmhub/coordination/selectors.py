"""Reads of the network's coordination (obligations, SOP rules), each with a bounded number
of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gcmhub.coordination import schedule
from gcmhub.coordination.models import Obligation, SopRule
from gcmhub.core.i18n import sort_key
from gcmhub.directory.models import Organisation
from gcmhub.editions.texts import prefetch

# Obligations


def obligations_of(cycle, *, organisation=None, kind=None, state=None) -> QuerySet[Obligation]:
    """The cycle's obligations, filtered (state as of today), in the order of the calendar."""
    today = timezone.localdate()
    queryset = Obligation.objects.filter(rule__cycle=cycle)
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if kind:
        queryset = queryset.filter(rule__kind=kind)
    if state == schedule.State.DONE:
        queryset = queryset.filter(done_at__isnull=False)
    elif state == schedule.State.LATE:
        queryset = queryset.filter(done_at__isnull=True, due_date__lt=today)
    elif state == schedule.State.PENDING:
        queryset = queryset.filter(done_at__isnull=True, due_date__gte=today)
    return queryset.select_related("rule", "organisation", "done_by").order_by(
        "due_date", "rule__title", "organisation__name"
    )


def with_states(obligations) -> list[Obligation]:
    """The obligations, each with its `state` on today's date, and their rules' texts in both
    languages read (one query)."""
    today = timezone.localdate()
    obligations = list(obligations)
    prefetch([o.rule for o in obligations])
    for obligation in obligations:
        obligation.state = schedule.state(
            due=obligation.due_date, done=obligation.done_at is not None, today=today
        )
    return obligations


@dataclass
class Completeness:
    label: str
    organisation_id: int | None
    done: int = 0
    pending: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.done + self.pending + self.late

    @property
    def percent_done(self) -> int:
        due = self.done + self.late
        return round(100 * self.done / due) if due else 100


def completeness(obligations: QuerySet[Obligation], secretariat_label: str) -> list[Completeness]:
    """Done, pending and late per organisation (the secretariat first), counted by the
    database."""
    today = timezone.localdate()
    counts = (
        obligations.order_by()
        .values("organisation_id", "organisation__name")
        .annotate(
            done=Count("pk", filter=Q(done_at__isnull=False)),
            late=Count("pk", filter=Q(done_at__isnull=True, due_date__lt=today)),
            pending=Count("pk", filter=Q(done_at__isnull=True, due_date__gte=today)),
        )
    )
    organisations = {
        o.pk: o
        for o in Organisation.objects.filter(
            pk__in=[c["organisation_id"] for c in counts if c["organisation_id"]]
        )
    }
    rows = [
        Completeness(
            label=organisations[c["organisation_id"]].label
            if c["organisation_id"]
            else secretariat_label,
            organisation_id=c["organisation_id"],
            done=c["done"],
            late=c["late"],
            pending=c["pending"],
        )
        for c in counts
    ]
    secretariat = [r for r in rows if r.organisation_id is None]
    others = sorted((r for r in rows if r.organisation_id), key=lambda r: sort_key(r.label))
    return secretariat + others


def rules_of(cycle) -> list[SopRule]:
    """The cycle's SOP rules, with what their sentences name and their texts' editions."""
    return prefetch(
        SopRule.objects.filter(cycle=cycle)
        .select_related("cycle__network", "working_group", "chair", "minutes_by", "recipient")
        .prefetch_related("organisations")
        .order_by("kind", "title")
    )
