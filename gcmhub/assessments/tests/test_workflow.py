"""The input workflow rules (the one workflow of `core.workflow` under `INPUT_POLICY`),
without a database: every step, state and role."""

import pytest

from gcmhub.assessments.models import INPUT_POLICY
from gcmhub.core import workflow
from gcmhub.core.permissions import Actor, Role
from gcmhub.core.workflow import Facts, State, Step

ORG, OTHER = 1, 2
COORDINATOR = Actor(Role.COORDINATOR)
CONSULTANT = Actor(Role.CONSULTANT)
OWN_FOCAL = Actor(Role.FOCAL_POINT, ORG)
OTHER_FOCAL = Actor(Role.FOCAL_POINT, OTHER)
OBSERVER = Actor(Role.OBSERVER)
ADMIN = Actor(None, is_admin=True)
D, S, R, A = State.DRAFT, State.SUBMITTED, State.RETURNED, State.ACCEPTED


def facts(state, closed=False, reopened=False):
    return Facts(state=state, organisation_id=ORG, locked=closed, reopened=reopened)


def can(actor, step, facts):
    return workflow.can(INPUT_POLICY, actor, step, facts)


# Who takes each step in the test of where it leads (the reopening after the close).
TAKES = {Step.SUBMIT: OWN_FOCAL, Step.RETURN: CONSULTANT, Step.ACCEPT: CONSULTANT}


def next_state(step, state):
    actor = TAKES.get(step, COORDINATOR)
    return workflow.transition(
        INPUT_POLICY, step, actor=actor, facts=facts(state, closed=step == Step.REOPEN)
    )


def visible_states(actor):
    return workflow.visible_states(INPUT_POLICY, actor)


@pytest.mark.parametrize(
    ("actor", "state", "expected"),
    [
        (OWN_FOCAL, D, True),
        (OWN_FOCAL, A, True),
        (OTHER_FOCAL, S, False),
        (COORDINATOR, D, False),
        (COORDINATOR, S, True),
        (CONSULTANT, R, True),
        (CONSULTANT, A, True),
        (OBSERVER, A, False),
        (ADMIN, S, True),
    ],
)
def test_who_sees_an_input(actor, state, expected):
    assert can(actor, Step.VIEW, facts(state)) is expected


@pytest.mark.parametrize("step", [Step.EDIT, Step.SUBMIT])
def test_only_the_own_focal_point_edits_and_submits_drafts_and_returned_inputs(step):
    for state in (D, R):
        assert can(OWN_FOCAL, step, facts(state))
        assert not can(OTHER_FOCAL, step, facts(state))
        assert not can(COORDINATOR, step, facts(state))
        assert not can(CONSULTANT, step, facts(state))
    for state in (S, A):
        assert not can(OWN_FOCAL, step, facts(state))


def test_reviewers_return_and_accept_submitted_inputs():
    for reviewer in (COORDINATOR, CONSULTANT):
        assert can(reviewer, Step.ACCEPT, facts(S))
        assert can(reviewer, Step.RETURN, facts(S))
        assert can(reviewer, Step.RETURN, facts(A))
        assert not can(reviewer, Step.ACCEPT, facts(D))
        assert not can(reviewer, Step.ACCEPT, facts(A))
    for outsider in (OWN_FOCAL, OBSERVER):
        assert not can(outsider, Step.ACCEPT, facts(S))
        assert not can(outsider, Step.RETURN, facts(S))


def test_closing_locks_inputs_but_the_review_of_submitted_ones_can_finish():
    assert not can(OWN_FOCAL, Step.EDIT, facts(D, closed=True))
    assert not can(OWN_FOCAL, Step.SUBMIT, facts(R, closed=True))
    assert not can(CONSULTANT, Step.RETURN, facts(A, closed=True))
    assert can(CONSULTANT, Step.ACCEPT, facts(S, closed=True))


def test_only_the_coordinator_reopens_one_input_after_the_close():
    assert can(COORDINATOR, Step.REOPEN, facts(A, closed=True))
    assert can(ADMIN, Step.REOPEN, facts(A, closed=True))
    assert not can(CONSULTANT, Step.REOPEN, facts(A, closed=True))
    assert not can(COORDINATOR, Step.REOPEN, facts(A, closed=False))
    assert not can(COORDINATOR, Step.REOPEN, facts(R, closed=True, reopened=True))


def test_a_reopened_input_can_be_changed_and_submitted_again():
    reopened = facts(R, closed=True, reopened=True)
    assert can(OWN_FOCAL, Step.EDIT, reopened)
    assert can(OWN_FOCAL, Step.SUBMIT, reopened)


@pytest.mark.parametrize(
    ("step", "state", "expected"),
    [
        (Step.SUBMIT, D, S),
        (Step.SUBMIT, R, S),
        (Step.RETURN, S, R),
        (Step.RETURN, A, R),
        (Step.ACCEPT, S, A),
        (Step.REOPEN, A, R),
        (Step.REOPEN, D, D),
    ],
)
def test_each_step_leads_to_its_state(step, state, expected):
    assert next_state(step, state) == expected


def test_reviewers_never_see_drafts_of_other_organisations():
    assert D not in visible_states(CONSULTANT)
    assert visible_states(OWN_FOCAL) is None
