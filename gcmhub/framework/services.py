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

    by_number = {}
    for priority, data, delete in priorities:
        if delete:
            continue
        priority = priority or StrategicPriority(framework=instance)
        for name, value in data.items():
            setattr(priority, name, value)
        by_number[priority.number] = priority
    # Free the numbers first so that swapping two numbers does not break uniqueness.
    for offset, priority in enumerate(p for p in by_number.values() if p.pk):
        StrategicPriority.objects.filter(pk=priority.pk).update(number=1000 + offset)
    for priority in by_number.values():
        save_audited(priority, by=by)

    for outcome, data, delete in outcomes:
        if delete:
            if outcome is not None and outcome.pk:
                delete_audited(outcome, by=by)
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
