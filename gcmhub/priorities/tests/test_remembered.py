"""The results are aggregated (with the ±20 % sensitivity) once per change of the scores or
criteria, and every such change shows on the next request."""

from unittest import mock

import pytest
from django.urls import reverse

from gcmhub.core.workflow import State
from gcmhub.priorities import selectors
from gcmhub.priorities.models import Criterion, ScoreRow, ScoreSheet


@pytest.fixture
def aggregations():
    with mock.patch.object(selectors, "_aggregated", wraps=selectors._aggregated) as computed:
        yield computed


def results_page(client, cycle):
    url = reverse(
        "priority-results", kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    )
    return client.get(url)


def ranks(response) -> dict[int, int]:
    return {row["result"].objective: row["result"].rank for row in response.context["rows"]}


def test_the_results_are_aggregated_once_until_the_scores_change(
    client, coordinator, results_ready, org_b, aggregations
):
    client.force_login(coordinator)
    first, second = results_page(client, results_ready), results_page(client, results_ready)
    assert aggregations.call_count == 1
    assert ranks(first) == ranks(second)
    assert ranks(first)[23] == 6  # objectives 6 to 23 share rank 6 behind the first five
    row = ScoreRow.objects.get(sheet__organisation=org_b, objective__number=23)
    row.values = dict.fromkeys(row.values, 5)
    row.save()
    changed = results_page(client, results_ready)
    assert aggregations.call_count == 2
    assert ranks(changed)[23] == 6 and ranks(changed)[22] == 7  # 23 now above the rest
    assert "objective 23" not in first.content.decode()


def test_a_sheet_given_back_leaves_the_results_on_the_next_request(
    client, coordinator, results_ready, org_b
):
    client.force_login(coordinator)
    assert (
        "2 organisations have submitted their scores."
        in results_page(client, results_ready).content.decode()
    )
    sheet = ScoreSheet.objects.get(cycle=results_ready, organisation=org_b)
    sheet.state = State.DRAFT
    sheet.save()
    page = results_page(client, results_ready).content.decode()
    assert "1 organisation has submitted its scores." in page


def test_a_new_weight_is_aggregated_again(
    client, coordinator, results_ready, org_a, org_b, aggregations
):
    for organisation in (org_a, org_b):  # objective 23: feasible, and nothing else
        row = ScoreRow.objects.get(sheet__organisation=organisation, objective__number=23)
        row.values = {**dict.fromkeys(row.values, 1), "feasibility": 5}
        row.save()
    client.force_login(coordinator)
    assert ranks(results_page(client, results_ready))[23] == 23
    criterion = Criterion.objects.get(cycle=results_ready, key="feasibility")
    criterion.weight = 50
    criterion.save()
    assert ranks(results_page(client, results_ready))[23] == 6
    assert aggregations.call_count == 2


def test_the_objective_page_and_the_results_page_each_aggregate_once(
    client, coordinator, results_ready, aggregations
):
    client.force_login(coordinator)
    kwargs = {"network_slug": results_ready.network.slug, "cycle_pk": results_ready.pk}
    for _ in range(2):
        results_page(client, results_ready)
        client.get(reverse("objective-priority", kwargs={**kwargs, "number": 1}))
    assert aggregations.call_count == 2  # with the sensitivity, and without
