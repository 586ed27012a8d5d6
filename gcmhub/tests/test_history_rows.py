"""An audit trail reads in as many queries however long it is, and tells every change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmhub.assessments.models import Input
from gcmhub.core.history import history_rows
from gcmhub.framework.models import Action, GuidingPrinciple, Objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def input(cycle, org_a, coordinator):
    return Input.objects.create(
        cycle=cycle,
        organisation=org_a,
        objective=Objective.objects.get(number=10),
        situation="A law is in place.",
        updated_by=coordinator,
    )


def _change(input, n, by, organisations):
    """Change the input's text, organisation, actions and principles, as `by`."""
    input._history_user = by
    input.situation = f"A law is in place, and plan number {n}."
    input.organisation = organisations[n % 2]
    input.updated_by = by
    input.save()
    objective = input.objective
    input.gcm_actions.set(Action.objects.filter(objective=objective).order_by("pk")[: n % 3 + 1])
    input.principles.set(GuidingPrinciple.objects.order_by("pk")[: n % 2 + 1])


def test_an_inputs_trail_names_each_change_in_a_constant_number_of_queries(
    input, coordinator, focal_a, org_a, org_b
):
    people, organisations = [coordinator, focal_a], [org_a, org_b]
    for n in range(1, 3):
        _change(input, n, people[n % 2], organisations)
    with CaptureQueriesContext(connection) as short:
        history_rows(input)
    for n in range(3, 14):
        _change(input, n, people[n % 2], organisations)
    with CaptureQueriesContext(connection) as long:
        rows = history_rows(input)
    assert len(long.captured_queries) == len(short.captured_queries)

    shown = [
        {**row, "changes": [{k: str(v) for k, v in c.items()} for c in row["changes"]]}
        for row in rows
    ]
    oldest, newest = shown[-1], shown[0]
    assert oldest["type"] == "Created"
    assert oldest["object"] == f"input: {org_a.short_name} · 10"  # as it was then
    assert newest["object"] == f"input: {org_b.short_name} · 10"  # 13 is odd: org_b
    principles = list(GuidingPrinciple.objects.order_by("pk")[:2])
    assert newest["changes"] == [
        {
            "field": "guiding principles reflected",
            "old": str(principles[0]),
            "new": ", ".join(str(p) for p in principles),
        }
    ]
    changes = [c for row in shown for c in row["changes"]]
    assert {"field": "organisation", "old": str(org_a), "new": str(org_b)} in changes
    assert any(c["field"] == "related GCM actions" and c["new"] != "—" for c in changes)
    assert {row["user"] for row in rows} == {None, coordinator, focal_a}  # None: the fixture
