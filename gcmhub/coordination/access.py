"""Who may act on the coordination's records, read from the permission table."""

from django.shortcuts import get_object_or_404

from gcmhub.coordination.models import Obligation, SopRule, WorkingGroup
from gcmhub.core.permissions import Actor, Perm


def can_mark(actor: Actor, obligation: Obligation) -> bool:
    """Mark an obligation done (or open again): those who manage the SOPs any of them, a focal
    point those of their own organisation."""
    return actor.has(Perm.OBLIGATION_COMPLETE) and (
        actor.has(Perm.SOP_MANAGE) or actor.speaks_for(obligation.organisation_id)
    )


def with_marks(obligations, actor: Actor) -> list[Obligation]:
    """The obligations, each with `can_mark` for `actor`."""
    obligations = list(obligations)
    for obligation in obligations:
        obligation.can_mark = can_mark(actor, obligation)
    return obligations


def get_working_group_for_network(network, pk: int) -> WorkingGroup:
    return get_object_or_404(WorkingGroup.objects.filter(network=network), pk=pk)


def get_rule_for_cycle(cycle, pk: int) -> SopRule:
    return get_object_or_404(SopRule.objects.filter(cycle=cycle), pk=pk)


def get_obligation_for_cycle(cycle, pk: int) -> Obligation:
    return get_object_or_404(
        Obligation.objects.filter(rule__cycle=cycle).select_related("rule__cycle", "organisation"),
        pk=pk,
    )
