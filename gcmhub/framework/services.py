"""Writes on a cycle's cooperation framework (the GCM reference data itself is read-only)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gcmhub.core.access import require
from gcmhub.core.audit import delete_audited, save_audited
from gcmhub.core.models import Cycle, User
from gcmhub.core.permissions import Perm
from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority


def years_problem(*, start_year, end_year) -> str | None:
    """A cooperation framework's last year cannot come before its first (what the framework's
    page shows and its save refuses)."""
    if start_year and end_year and end_year < start_year:
        return _("The last year cannot come before the first year.")
    return None


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
    require(by, Perm.CYCLE_MANAGE, cycle=cycle)
    instance = CooperationFramework.objects.filter(cycle=cycle).first() or CooperationFramework(
        cycle=cycle
    )
    for name, value in framework.items():
        setattr(instance, name, value)
    problem = years_problem(start_year=instance.start_year, end_year=instance.end_year)
    if problem:
        raise ValidationError({"end_year": problem})
    save_audited(instance, by=by)

    # Delete first, then park the numbers and codes that move, so that renumbering, swapping
    # or reusing a deleted number or code never trips the uniqueness constraints. Rows that
    # keep theirs are not parked: saved back unchanged, they write nothing.
    for outcome, _data, delete in outcomes:
        if delete and outcome is not None and outcome.pk:
            delete_audited(outcome, by=by)
    numbers = dict(StrategicPriority.objects.filter(framework=instance).values_list("pk", "number"))
    moving = [
        p
        for p, data, delete in priorities
        if p is not None and p.pk and (delete or numbers.get(p.pk) != data.get("number"))
    ]
    for offset, priority in enumerate(moving):
        StrategicPriority.objects.filter(pk=priority.pk).update(number=20000 + offset)
    codes = dict(
        FrameworkOutcome.objects.filter(priority__framework=instance).values_list("pk", "code")
    )
    for outcome, data, delete in outcomes:
        moved = outcome is not None and outcome.pk and codes.get(outcome.pk) != data.get("code")
        if moved and not delete:
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
