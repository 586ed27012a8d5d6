"""Access helpers for the needs assessment: the only way views reach inputs and consultations."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gcmhub.assessments.models import Consultation, Input
from gcmhub.assessments.workflow import InputFacts, Step, can
from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle


def input_facts(input: Input, *, collection_closed: bool) -> InputFacts:
    return InputFacts(
        state=input.state,
        organisation_id=input.organisation_id,
        collection_closed=collection_closed,
        reopened=input.reopened,
    )


def get_input_for_user(user, *, cycle: Cycle, pk: int, collection_closed: bool) -> Input:
    try:
        input = cycle.inputs.select_related(
            "organisation__network", "objective", "cycle__network"
        ).get(pk=pk)
    except Input.DoesNotExist:
        raise Http404 from None
    actor = actor_for(user, cycle.network)
    if not can(actor, Step.VIEW, input_facts(input, collection_closed=collection_closed)):
        raise Http404
    input.cycle = cycle
    return input


def require_step(user, input: Input, step: Step, *, collection_closed: bool) -> None:
    actor = actor_for(user, input.cycle.network)
    if not can(actor, step, input_facts(input, collection_closed=collection_closed)):
        raise PermissionDenied


def get_consultation_for_user(user, *, cycle: Cycle, pk: int) -> Consultation:
    from gcmhub.assessments.selectors import consultations_for_user

    try:
        return consultations_for_user(user, cycle=cycle).get(pk=pk)
    except Consultation.DoesNotExist:
        raise Http404 from None
