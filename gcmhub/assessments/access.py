"""Access helpers for the needs assessment: the only way views reach inputs and consultations.
An input comes with `.steps`, the steps of its workflow the user may take on it."""

from django.http import Http404

from gcmhub.assessments.models import INPUT_POLICY, Consultation, Input
from gcmhub.assessments.selectors import consultations_for_user, inputs_for_user
from gcmhub.core import workflow
from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle


def with_steps(user, input: Input, *, collection_closed: bool) -> Input:
    """Set `input.steps`: what `user` may do with it now (`"submit" in input.steps`)."""
    actor = actor_for(user, input.cycle.network)
    input.steps = workflow.steps(
        INPUT_POLICY, actor, input.facts(collection_closed=collection_closed)
    )
    return input


def get_input_for_user(user, *, cycle: Cycle, pk: int, collection_closed: bool) -> Input:
    try:
        input = (
            inputs_for_user(user, cycle=cycle)
            .select_related("organisation__network", "objective", "cycle__network")
            .get(pk=pk)
        )
    except Input.DoesNotExist:
        raise Http404 from None
    input.cycle = cycle
    return with_steps(user, input, collection_closed=collection_closed)


def get_consultation_for_user(user, *, cycle: Cycle, pk: int) -> Consultation:
    try:
        return consultations_for_user(user, cycle=cycle).get(pk=pk)
    except Consultation.DoesNotExist:
        raise Http404 from None
