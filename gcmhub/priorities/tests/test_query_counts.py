"""Every list and detail page of the prioritisation takes as many queries with a large network
as with a small one: more organisations scoring, more decisions, a longer history."""

from django.urls import reverse

from gcmhub.framework.models import Objective
from gcmhub.priorities import services
from gcmhub.priorities.models import Decision, ScoreSheet
from gcmhub.priorities.tests.conftest import submitted_sheet
from gcmhub.tests.factories import MembershipFactory, OrganisationFactory
from gcmhub.tests.queries import assert_constant_queries


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def decide(cycle, coordinator, number, horizon, **related):
    """Record (or change) the decision on objective `number`, from its current version."""
    decision = Decision.objects.filter(cycle=cycle, objective__number=number).first()
    services.decision_save(
        cycle=cycle,
        objective=Objective.objects.get(number=number),
        by=coordinator,
        horizon=horizon,
        rationale="Agreed at the validation meeting.",
        expected_version=decision.version if decision else 1,
        **related,
    )


def grow(cycle, coordinator):
    """Six more organisations scoring, each a lead of the decisions; a decision changed twice."""
    organisations = OrganisationFactory.create_batch(6, network=cycle.network)
    for organisation in organisations:
        ScoreSheet.objects.create(cycle=cycle, organisation=organisation)
        submitted_sheet(cycle, organisation, lambda n: 1 + n % 5)
        MembershipFactory(network=cycle.network, organisation=organisation)
    for number in range(2, 12):
        decide(cycle, coordinator, number, "long", lead_organisations=organisations[:3])
    decide(cycle, coordinator, 1, "short", supporting_organisations=organisations)
    decide(cycle, coordinator, 1, "medium", lead_organisations=organisations[3:])


def test_the_coordinators_pages_take_as_many_queries_with_more_data(
    client, cycle, coordinator, results_ready, django_assert_max_num_queries
):
    decide(cycle, coordinator, 1, "short")
    client.force_login(coordinator)
    pages = [
        url(cycle, "priorities-home"),
        url(cycle, "priority-criteria"),
        url(cycle, "priority-results"),
        url(cycle, "objective-priority", number=1),
        url(cycle, "decision-list"),
    ]
    assert_constant_queries(
        client, pages, lambda: grow(cycle, coordinator), django_assert_max_num_queries, most=40
    )


def test_the_decision_history_takes_as_many_queries_with_more_changes(
    client, cycle, coordinator, results_ready, org_a, org_b, django_assert_max_num_queries
):
    # the same kinds of change before and after: a kind of object named costs a query
    decide(cycle, coordinator, 1, "short", lead_organisations=[org_a])
    decide(cycle, coordinator, 1, "short", supporting_organisations=[org_b])
    decide(cycle, coordinator, 1, "short", lead_organisations=[org_b])
    client.force_login(coordinator)
    pages = [url(cycle, "decision-history", number=1)]

    def more_changes():
        grow(cycle, coordinator)  # the decision changed twice more
        decide(cycle, coordinator, 1, "long", lead_organisations=[org_a, org_b])

    assert_constant_queries(client, pages, more_changes, django_assert_max_num_queries, most=40)


def test_the_focal_points_pages_take_as_many_queries_with_more_data(
    client, cycle, coordinator, focal_a, results_ready, django_assert_max_num_queries
):
    decide(cycle, coordinator, 1, "short")
    client.force_login(focal_a)
    pages = [
        url(cycle, "priorities-home"),
        url(cycle, "scoring-sheet"),
        url(cycle, "priority-criteria"),
        url(cycle, "decision-list"),
    ]
    assert_constant_queries(
        client, pages, lambda: grow(cycle, coordinator), django_assert_max_num_queries, most=40
    )
