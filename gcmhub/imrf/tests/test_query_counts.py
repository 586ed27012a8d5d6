"""The IMRF pages take as many queries with a large network as with a small one: more
organisations scoring, decisions, activities with indicators and progress, records carried
over."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from gcmhub.core.workflow import State
from gcmhub.framework.models import FrameworkOutcome, Objective
from gcmhub.imrf.models import CarriedOver
from gcmhub.priorities.models import Decision, ScoreSheet
from gcmhub.priorities.tests.conftest import results_ready, scoring, submitted_sheet  # noqa: F401
from gcmhub.tests import factories
from gcmhub.tests.queries import assert_constant_queries
from gcmhub.workplan.models import (
    Activity,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    Output,
    ProgressReport,
    ReportingPeriod,
)


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


def work_plan(cycle, count: int, *, prefix: str) -> None:
    """`count` activities on two objectives each under one output, with an indicator of the
    output reported (and accepted) in a period."""
    outcome = FrameworkOutcome.objects.filter(
        priority__framework__cycle=cycle
    ).first() or factories.FrameworkOutcomeFactory(priority__framework__cycle=cycle)
    output = Output.objects.create(
        cycle=cycle, outcome=outcome, code=f"{prefix}.1", title=f"Output {prefix}"
    )
    objectives = list(Objective.objects.order_by("number")[:4])
    for n in range(count):
        activity = Activity.objects.create(
            output=output,
            code=f"{prefix}.1.{n}",
            title=f"Activity {prefix} {n}",
            starts=cycle.start_date,
            ends=cycle.end_date,
            budget_planned=Decimal(1000),
        )
        activity.objectives.set(objectives[n % 3 : n % 3 + 2])
    organisation = factories.OrganisationFactory(network=cycle.network)
    period, _ = ReportingPeriod.objects.get_or_create(
        cycle=cycle,
        label="2021 H2",
        defaults={
            "starts": dt.date(2021, 7, 1),
            "ends": dt.date(2021, 12, 31),
            "due_date": dt.date(2022, 1, 15),
        },
    )
    indicator = Indicator.objects.create(
        cycle=cycle,
        output=output,
        code=f"I.{prefix}",
        name=f"Indicator {prefix}",
        baseline_value=Decimal(0),
        reported_by=organisation,
    )
    IndicatorTarget.objects.create(indicator=indicator, period=period, value=Decimal(10))
    report = ProgressReport.objects.create(
        period=period, organisation=organisation, state=State.ACCEPTED
    )
    IndicatorActual.objects.create(report=report, indicator=indicator, value=Decimal(5))


def grow(cycle, next_cycle):
    for organisation in factories.OrganisationFactory.create_batch(5, network=cycle.network):
        ScoreSheet.objects.create(cycle=cycle, organisation=organisation)
        submitted_sheet(cycle, organisation, lambda n: 1 + n % 5)
    for number in range(2, 12):
        Decision.objects.create(cycle=cycle, objective_id=number, horizon="medium")
    work_plan(cycle, 12, prefix="B")
    CarriedOver.objects.bulk_create(
        CarriedOver(
            cycle=next_cycle,
            source_cycle=cycle,
            kind="decision",
            object_id=d.pk,
            source_object_id=d.pk,
            label=str(d),
        )
        for d in Decision.objects.filter(cycle=cycle).exclude(objective_id=1)
    )


def test_the_imrf_pages_take_as_many_queries_with_more_data(
    client,
    cycle,
    coordinator,
    results_ready,  # noqa: F811
    django_assert_max_num_queries,
):
    next_cycle = factories.CycleFactory(
        network=cycle.network,
        title="Next",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
        short_term_until=dt.date(2026, 12, 31),
        medium_term_until=dt.date(2028, 12, 31),
    )
    first = Decision.objects.create(cycle=cycle, objective_id=1, horizon="short")
    work_plan(cycle, 2, prefix="A")
    CarriedOver.objects.create(  # a kind of record costs a query: the same kinds, more records
        cycle=next_cycle,
        source_cycle=cycle,
        kind="decision",
        object_id=first.pk,
        source_object_id=first.pk,
        label=str(first),
    )
    client.force_login(coordinator)
    pages = [
        url(cycle, "imrf"),
        url(cycle, "cycle-compare"),
        url(next_cycle, "carried-over"),
        url(cycle, "next-cycle"),
    ]
    assert_constant_queries(
        client, pages, lambda: grow(cycle, next_cycle), django_assert_max_num_queries, most=60
    )
