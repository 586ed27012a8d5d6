"""Writes on a cycle's cooperation framework (the GCM reference data itself is read-only)."""

from django.db import transaction

from gcmhub.core.audit import delete_audited, save_audited
from gcmhub.core.models import Cycle, User
from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority


@transaction.atomic
def cooperation_framework_save(
    *,
    cycle: Cycle,
    by: User,
    framework: dict,
    priorities: list[tuple[StrategicPriority | None, dict, bool]],
    outcomes: list[tuple[FrameworkOutcome | None, dict, bool]],
) -> CooperationFramework:
    """Save the framework, its priorities and outcomes in one go.

    `priorities` and `outcomes` are (existing object or None, data, delete) triples; an
    outcome's data names its priority by `priority_number`. Either everything is saved or
    nothing is.
    """
    instance = CooperationFramework.objects.filter(cycle=cycle).first() or CooperationFramework(
        cycle=cycle
    )
    for name, value in framework.items():
        setattr(instance, name, value)
    save_audited(instance, by=by)

    # Delete first, then park the numbers and codes of what stays, so that renumbering,
    # swapping or reusing a deleted number or code never trips the uniqueness constraints.
    for outcome, _data, delete in outcomes:
        if delete and outcome is not None and outcome.pk:
            delete_audited(outcome, by=by)
    existing = [p for p, _data, _delete in priorities if p is not None and p.pk]
    for offset, priority in enumerate(existing):
        StrategicPriority.objects.filter(pk=priority.pk).update(number=20000 + offset)
    kept_outcomes = [o for o, _data, delete in outcomes if not delete and o is not None and o.pk]
    for outcome in kept_outcomes:
        FrameworkOutcome.objects.filter(pk=outcome.pk).update(code=f"~{outcome.pk}")

    by_number = {}
    for priority, data, delete in priorities:
        if delete:
            continue
        priority = priority or StrategicPriority(framework=instance)
        for name, value in data.items():
            setattr(priority, name, value)
        save_audited(priority, by=by)
        by_number[priority.number] = priority

    for outcome, data, delete in outcomes:
        if delete:
            continue
        data = dict(data)
        outcome = outcome or FrameworkOutcome()
        outcome.priority = by_number[data.pop("priority_number")]
        for name, value in data.items():
            setattr(outcome, name, value)
        save_audited(outcome, by=by)

    for priority, _data, delete in priorities:
        if delete and priority is not None and priority.pk:
            delete_audited(priority, by=by)
    return instance
