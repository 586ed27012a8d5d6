"""The rules of a progress report's life, as plain functions (no database), as for inputs.

draft -> submitted -> accepted, or submitted -> returned (with a reason) -> submitted.
The organisation's focal points write and submit it; the coordinator returns or accepts it.
"""

from dataclasses import dataclass
from enum import StrEnum

from gcmhub.core.permissions import Actor, Role
from gcmhub.workplan.models import ReportState


class Step(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"


@dataclass(frozen=True)
class ReportFacts:
    state: str
    organisation_id: int


def _own(actor: Actor, facts: ReportFacts) -> bool:
    return actor.role == Role.FOCAL_POINT and actor.organisation_id == facts.organisation_id


def _reviewer(actor: Actor) -> bool:
    return actor.is_admin or actor.role == Role.COORDINATOR


def can(actor: Actor, step: Step, facts: ReportFacts) -> bool:
    state = facts.state
    if step == Step.VIEW:
        return _own(actor, facts) or (
            (_reviewer(actor) or actor.role == Role.CONSULTANT) and state != ReportState.DRAFT
        )
    if step in (Step.EDIT, Step.SUBMIT):
        return _own(actor, facts) and state in (ReportState.DRAFT, ReportState.RETURNED)
    if step in (Step.RETURN, Step.ACCEPT):
        return _reviewer(actor) and state == ReportState.SUBMITTED
    return False
