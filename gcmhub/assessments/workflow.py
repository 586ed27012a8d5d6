"""The rules of an input's life, as plain functions (no database): who may do what, when.

States: draft -> submitted -> accepted, or submitted -> returned (with a reason) -> submitted.
Closing the collection phase locks inputs: nothing is edited, submitted or returned any more,
except an input the coordinator reopens alone (with a reason). Submitted inputs can still be
accepted after the close, so that the review can finish.
"""

from dataclasses import dataclass
from enum import StrEnum

from gcmhub.assessments.models import InputState
from gcmhub.core.permissions import Actor, Role

REVIEWERS = {Role.COORDINATOR, Role.CONSULTANT}


class Step(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    REOPEN = "reopen"


@dataclass(frozen=True)
class InputFacts:
    state: str
    organisation_id: int
    collection_closed: bool = False
    reopened: bool = False

    @property
    def open_for_changes(self) -> bool:
        return not self.collection_closed or self.reopened


def _own(actor: Actor, facts: InputFacts) -> bool:
    return actor.role == Role.FOCAL_POINT and actor.organisation_id == facts.organisation_id


def _reviewer(actor: Actor) -> bool:
    return actor.is_admin or actor.role in REVIEWERS


def can(actor: Actor, step: Step, facts: InputFacts) -> bool:
    """Tell whether `actor` may take `step` on an input described by `facts`."""
    state = facts.state
    if step == Step.VIEW:
        return _own(actor, facts) or (_reviewer(actor) and state != InputState.DRAFT)
    if step in (Step.EDIT, Step.SUBMIT):
        return (
            _own(actor, facts)
            and state in (InputState.DRAFT, InputState.RETURNED)
            and facts.open_for_changes
        )
    if step == Step.RETURN:
        return (
            _reviewer(actor)
            and state in (InputState.SUBMITTED, InputState.ACCEPTED)
            and facts.open_for_changes
        )
    if step == Step.ACCEPT:
        return _reviewer(actor) and state == InputState.SUBMITTED
    if step == Step.REOPEN:
        return (
            (actor.is_admin or actor.role == Role.COORDINATOR)
            and facts.collection_closed
            and not facts.reopened
        )
    return False


def next_state(step: Step, state: str) -> str:
    """The state an input reaches by `step` (REOPEN turns an accepted input back to returned)."""
    if step == Step.SUBMIT:
        return InputState.SUBMITTED
    if step == Step.RETURN:
        return InputState.RETURNED
    if step == Step.ACCEPT:
        return InputState.ACCEPTED
    if step == Step.REOPEN and state == InputState.ACCEPTED:
        return InputState.RETURNED
    return state


def visible_states(actor: Actor) -> set[str] | None:
    """States of other organisations' inputs the actor may read (None: none at all)."""
    if _reviewer(actor):
        return {InputState.SUBMITTED, InputState.RETURNED, InputState.ACCEPTED}
    return None
