"""The one submission workflow: an organisation writes and submits, the secretariat reviews.

Inputs of the needs assessment, score sheets of the prioritisation and progress reports of the
work plan all follow it. Each kind states its `Policy` next to its model: the permission of
its authors (a focal point acts only for their own organisation), of its readers and, per step,
the permission that takes the step, the states it moves from and to, and whether it is allowed
while the kind's phase is locked (the collection closed, scoring not open). Everything here is
plain functions of plain facts: no database, tested on its own.

    draft ──submit──▶ submitted ──accept──▶ accepted
      ▲                  │  ▲                   │
      └──(return)────────┘  └──submit── returned ◀──return──┘
      ▲                  │
      └────withdraw──────┘   (its authors, until the secretariat has acted on it)
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from gcmhub.core.permissions import Actor, Perm


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class Step(StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"


class When(StrEnum):
    OPEN = "open"  # only while the phase is open (or the record was reopened alone)
    ALWAYS = "always"  # whether the phase is open or not
    LOCKED = "locked"  # only once the phase is locked, and once per record (reopening)


@dataclass(frozen=True)
class Move:
    """A step of the workflow: who takes it, from which states to which, and when."""

    by: Perm
    moves: Mapping[str, str]
    when: When = When.OPEN


@dataclass(frozen=True)
class Policy:
    """How one kind of record goes through the workflow.

    `author`: the permission of those who write the record (the focal points of its
    organisation, only theirs); `reader`: the permission to read other organisations' records
    once they leave draft; `editable`: the states in which the authors may change it.
    """

    author: Perm
    reader: Perm
    moves: Mapping[Step, Move]
    editable: frozenset[str] = field(default=frozenset({State.DRAFT, State.RETURNED}))


@dataclass(frozen=True)
class Facts:
    """What the rules need to know of one record."""

    state: str
    organisation_id: int | None
    locked: bool = False  # the kind's phase is locked for every record
    reopened: bool = False  # this record was reopened alone after the lock

    @property
    def open(self) -> bool:
        return not self.locked or self.reopened


def _own(policy: Policy, actor: Actor, facts: Facts) -> bool:
    return actor.speaks_for(facts.organisation_id) and actor.has(policy.author)


def _allowed(policy: Policy, actor: Actor, move: Move, facts: Facts) -> bool:
    if move.by == policy.author:
        return _own(policy, actor, facts)
    return actor.has(move.by)


def can(policy: Policy, actor: Actor, step: Step, facts: Facts) -> bool:
    """Tell whether `actor` may take `step` on a record described by `facts`."""
    if step == Step.VIEW:
        return _own(policy, actor, facts) or (
            actor.has(policy.reader) and facts.state != State.DRAFT
        )
    if step == Step.EDIT:
        return _own(policy, actor, facts) and facts.state in policy.editable and facts.open
    move = policy.moves.get(step)
    if move is None or facts.state not in move.moves:
        return False
    if move.when == When.OPEN and not facts.open:
        return False
    if move.when == When.LOCKED and (not facts.locked or facts.reopened):
        return False
    return _allowed(policy, actor, move, facts)


def steps(policy: Policy, actor: Actor, facts: Facts) -> frozenset[Step]:
    """Every step `actor` may take on the record: what its page offers."""
    return frozenset(step for step in Step if can(policy, actor, step, facts))


def transition(policy: Policy, step: Step, *, actor: Actor, facts: Facts) -> str:
    """The state the record reaches by `step`; PermissionDenied if the actor may not take it."""
    if not can(policy, actor, step, facts):
        raise PermissionDenied
    return policy.moves[step].moves[facts.state]


def visible_states(policy: Policy, actor: Actor) -> frozenset[str] | None:
    """The states in which the actor reads other organisations' records (None: not at all)."""
    if actor.has(policy.reader):
        return frozenset(State.values) - {State.DRAFT}
    return None
