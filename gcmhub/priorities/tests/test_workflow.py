"""The score sheet rules (the one workflow of `core.workflow` under `SHEET_POLICY`), without a
database: a sheet is filled in and submitted by its organisation while scoring is open, and
given back by the coordinator."""

from gcmhub.core.permissions import Actor, Role
from gcmhub.core.workflow import Facts, State, Step, can, steps, transition, visible_states
from gcmhub.priorities.models import SHEET_POLICY

ORG, OTHER = 1, 2
COORDINATOR = Actor(Role.COORDINATOR)
CONSULTANT = Actor(Role.CONSULTANT)
OWN_FOCAL = Actor(Role.FOCAL_POINT, ORG)
OTHER_FOCAL = Actor(Role.FOCAL_POINT, OTHER)
D, S = State.DRAFT, State.SUBMITTED


def facts(state, open=True):
    return Facts(state=state, organisation_id=ORG, locked=not open)


def test_only_the_own_focal_point_scores_a_draft_sheet_while_scoring_is_open():
    assert steps(SHEET_POLICY, OWN_FOCAL, facts(D)) == {Step.VIEW, Step.EDIT, Step.SUBMIT}
    assert steps(SHEET_POLICY, OWN_FOCAL, facts(D, open=False)) == {Step.VIEW}
    # submitted: it can be taken back (withdrawn) while scoring is open, not changed
    assert steps(SHEET_POLICY, OWN_FOCAL, facts(S)) == {Step.VIEW, Step.WITHDRAW}
    assert steps(SHEET_POLICY, OWN_FOCAL, facts(S, open=False)) == {Step.VIEW}
    assert steps(SHEET_POLICY, OTHER_FOCAL, facts(D)) == set()
    assert not can(SHEET_POLICY, COORDINATOR, Step.EDIT, facts(D))


def test_the_coordinator_gives_a_submitted_sheet_back_while_scoring_is_open():
    assert transition(SHEET_POLICY, Step.RETURN, actor=COORDINATOR, facts=facts(S)) == D
    assert not can(SHEET_POLICY, COORDINATOR, Step.RETURN, facts(S, open=False))
    assert not can(SHEET_POLICY, CONSULTANT, Step.RETURN, facts(S))
    assert not can(SHEET_POLICY, COORDINATOR, Step.RETURN, facts(D))


def test_readers_of_the_results_see_only_submitted_sheets():
    assert D not in visible_states(SHEET_POLICY, CONSULTANT)
    assert S in visible_states(SHEET_POLICY, COORDINATOR)
    assert visible_states(SHEET_POLICY, OWN_FOCAL) is None
