"""Access helpers: meetings reached only through a cycle, with the steps the user may take.

Templates read the steps (`{% if "resolve" in outcome.steps %}`) instead of comparing states:
what a person may do follows from their permissions and the record's state, decided here.
"""

from enum import StrEnum

from django.http import Http404

from gcmhub.core.access import actor_for
from gcmhub.core.permissions import Perm
from gcmhub.meetings import selectors
from gcmhub.meetings.models import Meeting, MeetingType, OutcomeType


class Step(StrEnum):
    RECORD_VALIDATION = "record_validation"  # a meeting: record (or change) its validation outcome
    RESOLVE = "resolve"  # an agreed change: record how it was made
    DELETE = "delete"  # an outcome: remove it
    MARK_DONE = "mark_done"  # an action point: mark it done, or open again
    FINALISE = "finalise"  # a document: issue its final version
    PUBLISH = "publish"  # a final version: open or close its public link
    ENDORSE = "endorse"  # a final version: answer for one's organisation


def get_meeting_for_user(user, cycle, pk: int) -> Meeting:
    """The cycle's meeting with `.steps`: what the user may do with it."""
    try:
        meeting = selectors.meeting_for_page(cycle, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    meeting.cycle = cycle
    actor = actor_for(user, cycle.network)
    steps = set()
    if meeting.type == MeetingType.VALIDATION and actor.has(Perm.MEETING_MANAGE):
        steps.add(Step.RECORD_VALIDATION)
    meeting.steps = frozenset(steps)
    return meeting


def outcome_steps(actor, outcome) -> frozenset[Step]:
    steps = set()
    if actor.has(Perm.MEETING_SECRETARIAT):
        if outcome.type == OutcomeType.ACTION_POINT:
            steps.add(Step.MARK_DONE)
        if outcome.resolved_in_id is None:
            steps.add(Step.DELETE)
            if outcome.type == OutcomeType.AGREED_CHANGE:
                steps.add(Step.RESOLVE)
    return frozenset(steps)


def with_steps(user, network, outcomes):
    """The outcomes, each with `.steps` set for `user`."""
    actor = actor_for(user, network)
    outcomes = list(outcomes)
    for outcome in outcomes:
        outcome.steps = outcome_steps(actor, outcome)
    return outcomes


def finalisation_steps(actor, *, final, blockers, own_endorsement) -> frozenset[Step]:
    """What the user may do on the road to a document's final version."""
    steps = set()
    if actor.has(Perm.DOCUMENT_FINALISE):
        if final is not None:
            steps.add(Step.PUBLISH)
        elif not blockers:
            steps.add(Step.FINALISE)
    if final is not None and own_endorsement is not None:
        steps.add(Step.ENDORSE)
    return frozenset(steps)
