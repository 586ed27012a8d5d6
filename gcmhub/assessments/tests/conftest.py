import datetime as dt

import pytest

from gcmhub.assessments.models import Assignment, Collection, Input
from gcmhub.core.workflow import State
from gcmhub.framework.models import Objective


@pytest.fixture
def objective(db):
    return Objective.objects.get(number=9)


@pytest.fixture
def objective_10(db):
    return Objective.objects.get(number=10)


@pytest.fixture
def collection(cycle):
    return Collection.objects.create(cycle=cycle, deadline=dt.date(2021, 5, 14))


@pytest.fixture
def assignments(cycle, org_a, org_b, objective, objective_10):
    return [
        Assignment.objects.create(cycle=cycle, organisation=org_a, objective=objective),
        Assignment.objects.create(cycle=cycle, organisation=org_a, objective=objective_10),
        Assignment.objects.create(cycle=cycle, organisation=org_b, objective=objective),
    ]


def make_input(cycle, organisation, objective, state=State.DRAFT, **fields):
    Assignment.objects.get_or_create(cycle=cycle, organisation=organisation, objective=objective)
    fields.setdefault("situation", "A national action plan is in place.")
    if state == State.RETURNED:
        fields.setdefault("return_reason", "Please be more specific.")
    return Input.objects.create(
        cycle=cycle, organisation=organisation, objective=objective, state=state, **fields
    )


@pytest.fixture
def draft(cycle, org_a, objective, assignments, collection):
    return make_input(cycle, org_a, objective, situation="A law is in place.")


@pytest.fixture
def submitted(cycle, org_a, objective_10, assignments, collection):
    return make_input(cycle, org_a, objective_10, State.SUBMITTED, situation="Referral works.")


@pytest.fixture
def submitted_b(cycle, org_b, objective, assignments, collection):
    return make_input(cycle, org_b, objective, State.SUBMITTED, situation="Agency B view.")
