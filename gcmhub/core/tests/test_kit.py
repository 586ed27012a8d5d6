"""The cycle-page kit and the one submission workflow, on their own."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from gcmhub.core.models import Cycle
from gcmhub.core.pages import cycle_page, form_errors
from gcmhub.core.permissions import Actor, Perm, Role
from gcmhub.core.workflow import Facts, Move, Policy, State, Step, can, steps, transition
from gcmhub.core.workflow import visible_states as visible

# form_errors


class TitleForm(forms.ModelForm):
    class Meta:
        model = Cycle
        fields = ["title"]


def test_an_error_naming_a_field_of_the_form_goes_on_that_field():
    form = TitleForm(data={"title": "2026"})
    form.is_valid()
    form_errors(form, ValidationError({"title": "Choose another title."}))
    assert form.errors == {"title": ["Choose another title."]}


def test_an_error_naming_a_field_the_form_lacks_is_kept_with_the_fields_name():
    """`form.add_error(None, error)` raises ValueError here: the person saw a 500."""
    form = TitleForm(data={"title": "2026"})
    form.is_valid()
    form_errors(form, ValidationError({"start_date": "Start after the end.", "nope": "Other."}))
    assert form.non_field_errors() == ["Start date: Start after the end.", "Other."]


def test_an_error_without_a_field_is_a_non_field_error():
    form = TitleForm(data={"title": "2026"})
    form.is_valid()
    form_errors(form, ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]


# @cycle_page


@cycle_page(Perm.CYCLE_MANAGE)
def _manage(request, network, cycle):
    return HttpResponse(f"{network.slug}/{cycle.pk}")


def test_a_cycle_page_resolves_its_objects_and_checks_its_permission(
    cycle, coordinator, consultant, outsider
):
    from django.http import Http404

    def call(user, pk=cycle.pk):
        request = RequestFactory().get("/")
        request.user = user
        request.session = {}
        return _manage(request, network_slug=cycle.network.slug, cycle_pk=pk)

    assert call(coordinator).content.decode() == f"alpha/{cycle.pk}"
    assert _manage.permission == Perm.CYCLE_MANAGE
    with pytest.raises(PermissionDenied):
        call(consultant)
    with pytest.raises(Http404):  # another network's member: not theirs, not refused
        call(outsider)
    with pytest.raises(Http404):
        call(coordinator, pk=cycle.pk + 1000)


def test_the_cycle_url_tag_names_a_page_of_the_cycle(cycle):
    html = Template('{% load cycle %}{% cycle_url "cycle-detail" cycle %}').render(
        Context({"cycle": cycle})
    )
    assert html == f"/networks/alpha/cycles/{cycle.pk}/"


# The workflow

POLICY = Policy(
    author=Perm.INPUT_CONTRIBUTE,
    reader=Perm.INPUT_REVIEW,
    moves={
        Step.SUBMIT: Move(Perm.INPUT_CONTRIBUTE, {State.DRAFT: State.SUBMITTED}),
        Step.ACCEPT: Move(Perm.INPUT_REVIEW, {State.SUBMITTED: State.ACCEPTED}),
    },
)
FOCAL = Actor(role=Role.FOCAL_POINT, organisation_id=1)
OTHER_FOCAL = Actor(role=Role.FOCAL_POINT, organisation_id=2)
CONSULTANT = Actor(role=Role.CONSULTANT)
ADMIN = Actor(role=None, is_admin=True)


def test_authors_act_only_for_their_own_organisation():
    draft = Facts(state=State.DRAFT, organisation_id=1)
    assert steps(POLICY, FOCAL, draft) == {Step.VIEW, Step.EDIT, Step.SUBMIT}
    assert steps(POLICY, OTHER_FOCAL, draft) == set()
    assert steps(POLICY, CONSULTANT, draft) == set()  # a draft is its organisation's own
    assert steps(POLICY, ADMIN, draft) == set()  # nobody speaks for an organisation but it


def test_reviewers_read_and_take_the_reviewers_steps_once_submitted():
    submitted = Facts(state=State.SUBMITTED, organisation_id=1)
    assert steps(POLICY, CONSULTANT, submitted) == {Step.VIEW, Step.ACCEPT}
    assert steps(POLICY, ADMIN, submitted) == {Step.VIEW, Step.ACCEPT}
    assert steps(POLICY, FOCAL, submitted) == {Step.VIEW}
    assert transition(POLICY, Step.ACCEPT, actor=CONSULTANT, facts=submitted) == State.ACCEPTED
    with pytest.raises(PermissionDenied):
        transition(POLICY, Step.SUBMIT, actor=FOCAL, facts=submitted)


def test_a_locked_phase_stops_the_moves_that_need_it_open():
    locked = Facts(state=State.DRAFT, organisation_id=1, locked=True)
    assert not can(POLICY, FOCAL, Step.EDIT, locked)
    assert not can(POLICY, FOCAL, Step.SUBMIT, locked)
    reopened = Facts(state=State.DRAFT, organisation_id=1, locked=True, reopened=True)
    assert can(POLICY, FOCAL, Step.SUBMIT, reopened)


def test_reviewers_see_every_state_but_draft_and_authors_none_of_others():
    assert visible(POLICY, CONSULTANT) == {State.SUBMITTED, State.RETURNED, State.ACCEPTED}
    assert visible(POLICY, FOCAL) is None
