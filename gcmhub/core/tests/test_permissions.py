"""The permission table, role by role."""

import pytest

from gcmhub.core.permissions import Perm, Role, role_has_perm, user_has_perm

READ = {Perm.NETWORK_VIEW, Perm.CYCLE_VIEW, Perm.ORGANISATION_VIEW}
EXPECTED = {
    Role.COORDINATOR: set(Perm)
    - {
        Perm.INPUT_CONTRIBUTE,
        Perm.PRIORITY_SCORE,
        Perm.REVIEW_COMMENT,
        Perm.ENDORSE,
        Perm.PROGRESS_REPORT,
    },
    Role.CONSULTANT: READ
    | {
        Perm.MEMBER_VIEW,
        Perm.ASSESSMENT_VIEW,
        Perm.CONSULTATION_VIEW,
        Perm.CONSULTATION_MANAGE,
        Perm.INPUT_REVIEW,
        Perm.PRIORITY_VIEW,
        Perm.PRIORITY_RESULTS,
        Perm.DOCUMENT_VIEW,
        Perm.DOCUMENT_EDIT,
        Perm.REVIEW_MANAGE,
        Perm.COMMENT_DISPOSE,
        Perm.MEETING_VIEW,
        Perm.MEETING_SECRETARIAT,
        Perm.WORKPLAN_VIEW,
        Perm.PROGRESS_VIEW,
        Perm.PROGRESS_READ,
        Perm.SOP_VIEW,
        Perm.TRANSLATE,
    },
    Role.FOCAL_POINT: READ
    | {
        Perm.MEMBER_VIEW,
        Perm.ASSESSMENT_VIEW,
        Perm.CONSULTATION_VIEW,
        Perm.INPUT_CONTRIBUTE,
        Perm.PRIORITY_VIEW,
        Perm.PRIORITY_SCORE,
        Perm.DOCUMENT_VIEW,
        Perm.REVIEW_COMMENT,
        Perm.ENDORSE,
        Perm.MEETING_VIEW,
        Perm.WORKPLAN_VIEW,
        Perm.PROGRESS_VIEW,
        Perm.PROGRESS_REPORT,
        Perm.SOP_VIEW,
        Perm.OBLIGATION_COMPLETE,
    },
    Role.OBSERVER: READ | {Perm.WORKPLAN_VIEW},
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_holds_exactly_its_permissions(role):
    assert {perm for perm in Perm if role_has_perm(role, perm)} == EXPECTED[role]


def test_only_coordinators_manage_cycles_organisations_and_people():
    for perm in [
        Perm.CYCLE_MANAGE,
        Perm.ORGANISATION_MANAGE,
        Perm.MEMBER_MANAGE,
        Perm.HISTORY_VIEW,
        Perm.ASSESSMENT_MANAGE,
        Perm.PRIORITY_MANAGE,
        Perm.DOCUMENT_OUTLINE,
        Perm.DOCUMENT_FINALISE,
        Perm.MEETING_MANAGE,
        Perm.WORKPLAN_MANAGE,
        Perm.PROGRESS_REVIEW,
        Perm.SOP_MANAGE,
    ]:
        assert [role for role in Role if role_has_perm(role, perm)] == [Role.COORDINATOR]


def test_observers_do_not_see_the_list_of_people():
    assert not role_has_perm(Role.OBSERVER, Perm.MEMBER_VIEW)


def test_without_a_membership_nothing_is_allowed():
    assert not any(role_has_perm(None, perm) for perm in Perm)


def test_a_superuser_holds_every_permission_but_speaking_for_an_organisation(db, network):
    from gcmhub.tests.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    network.user_role = None
    speaking = {
        Perm.INPUT_CONTRIBUTE,
        Perm.PRIORITY_SCORE,
        Perm.REVIEW_COMMENT,
        Perm.ENDORSE,
        Perm.PROGRESS_REPORT,
    }
    assert all(user_has_perm(admin, p, network=network) for p in Perm if p not in speaking)


def test_only_focal_points_contribute_inputs_and_scores_for_their_organisation():
    for perm in (
        Perm.INPUT_CONTRIBUTE,
        Perm.PRIORITY_SCORE,
        Perm.REVIEW_COMMENT,
        Perm.ENDORSE,
        Perm.PROGRESS_REPORT,
    ):
        assert [role for role in Role if role_has_perm(role, perm)] == [Role.FOCAL_POINT]


def test_observers_take_no_part_in_the_needs_assessment():
    assessment = [
        p for p in Perm if p.value.split(".")[0] in {"assessment", "input", "consultation"}
    ]
    assert not any(role_has_perm(Role.OBSERVER, p) for p in assessment)


def test_anonymous_visitors_hold_no_permission(network):
    from django.contrib.auth.models import AnonymousUser

    network.user_role = Role.COORDINATOR
    assert not user_has_perm(AnonymousUser(), Perm.NETWORK_VIEW, network=network)
