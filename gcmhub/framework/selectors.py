from django.db.models import Count, Prefetch, QuerySet

from gcmhub.core.history import records_to_rows
from gcmhub.framework.models import (
    CooperationFramework,
    FrameworkOutcome,
    GuidingPrinciple,
    MgiDomain,
    Objective,
    ObjectiveTarget,
    RoundTable,
    StrategicPriority,
)


def objectives_list() -> QuerySet[Objective]:
    return (
        Objective.objects.select_related("round_table")
        .annotate(action_count=Count("actions", distinct=True))
        .order_by("round_table__number", "number")
    )


def objective_detail(number: int) -> Objective:
    """Return an objective with its actions and SDG links loaded (raises DoesNotExist)."""
    links = ObjectiveTarget.objects.select_related("target__goal").order_by("target__sort_key")
    return (
        Objective.objects.select_related("round_table")
        .prefetch_related("actions", Prefetch("target_links", queryset=links))
        .get(number=number)
    )


def principles() -> QuerySet[GuidingPrinciple]:
    return GuidingPrinciple.objects.order_by("order")


def mgi_domains() -> QuerySet[MgiDomain]:
    return MgiDomain.objects.order_by("number")


def round_tables() -> QuerySet[RoundTable]:
    return RoundTable.objects.order_by("number")


def cooperation_framework_for_cycle(cycle) -> CooperationFramework | None:
    outcomes = FrameworkOutcome.objects.order_by("code")
    return (
        CooperationFramework.objects.filter(cycle=cycle)
        .prefetch_related("priorities", Prefetch("priorities__outcomes", queryset=outcomes))
        .first()
    )


def cooperation_framework_history(framework: CooperationFramework) -> list[dict]:
    """The framework's audit trail with its priorities' and outcomes', deleted ones included."""
    priority_ids = StrategicPriority.history.filter(framework_id=framework.pk).values("id")
    return records_to_rows(
        framework.history.all(),
        StrategicPriority.history.filter(framework_id=framework.pk),
        FrameworkOutcome.history.filter(priority_id__in=priority_ids),
    )
