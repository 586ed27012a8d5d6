"""Reads of the reporting out: what a cycle carried over, named in the reader's language."""

from django.utils.translation import gettext as _

from gcmhub.assessments.models import Assignment
from gcmhub.core.models import Cycle
from gcmhub.framework.models import CooperationFramework
from gcmhub.imrf.models import CarriedOver
from gcmhub.priorities.models import Criterion, Decision
from gcmhub.workplan.models import Activity, Output


def _objective(objective) -> str:
    return f"{objective.number}. {objective.title}"


# kind: (the records of that kind, how one is named in the active language)
NAMES = {
    "framework": (CooperationFramework.objects.all(), str),
    "assignment": (
        Assignment.objects.select_related("organisation", "objective"),
        lambda a: f"{a.organisation.label} · {_objective(a.objective)}",
    ),
    "criterion": (Criterion.objects.all(), lambda c: c.display_name),
    "decision": (Decision.objects.select_related("objective"), lambda d: _objective(d.objective)),
    "output": (Output.objects.all(), str),
    "activity": (Activity.objects.all(), str),
}


def carried_over_kinds() -> dict[str, str]:
    return {
        "framework": _("Cooperation framework"),
        "assignment": _("Assignments of objectives"),
        "criterion": _("Scoring criteria"),
        "decision": _("Open priorities (to confirm)"),
        "output": _("Outputs of the work plan"),
        "activity": _("Activities still to do"),
    }


def carried_over_groups(cycle: Cycle) -> tuple[Cycle | None, list[tuple[str, list[str]]]]:
    """The cycle this one started from and the records copied from it, per kind, each named
    as the reader reads it (the record as it is now in the new cycle; the name kept when it
    was copied, for a record deleted since). One query per kind."""
    records = list(CarriedOver.objects.filter(cycle=cycle).select_related("source_cycle"))
    ids: dict[str, set[int]] = {}
    for item in records:
        ids.setdefault(item.kind, set()).add(item.object_id)
    names: dict[tuple[str, int], str] = {}
    for kind, pks in ids.items():
        if kind in NAMES:
            queryset, name = NAMES[kind]
            names.update({(kind, o.pk): name(o) for o in queryset.filter(pk__in=pks)})
    kinds = carried_over_kinds()
    groups: dict[str, list[str]] = {}
    for item in records:
        label = names.get((item.kind, item.object_id), item.label)
        groups.setdefault(kinds.get(item.kind, item.kind), []).append(label)
    source = records[0].source_cycle if records else None
    return source, list(groups.items())
