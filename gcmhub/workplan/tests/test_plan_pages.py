"""The work plan at a network's size (issue 17): a summary per outcome, remembered until the
plan's data changes, each outcome's outputs and activities on demand; indicators and progress
reports a page at a time; every page of the work plan, coordination and exports in a number of
queries that does not grow with the data."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from gcmhub.coordination import services as coordination_services
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.exports import services as export_services
from gcmhub.framework import services as framework_services
from gcmhub.framework.models import Objective
from gcmhub.priorities.models import Decision
from gcmhub.tests import factories
from gcmhub.tests.queries import assert_constant_queries
from gcmhub.workplan import selectors, services
from gcmhub.workplan.models import Activity, Indicator, ProgressReport
from gcmhub.workplan.tests.conftest import activity_data
from gcmhub.workplan.tests.test_views import url

HTMX = {"HTTP_HX_REQUEST": "true"}


def _plan(client, cycle, query="", **headers) -> str:
    return client.get(url(cycle, "workplan") + query, **headers).content.decode()


def test_the_plan_shows_each_outcome_with_its_numbers_and_not_every_activity(
    client, cycle, world, coordinator, outcome
):
    client.force_login(coordinator)
    page = _plan(client, cycle)
    assert "Outcome 4.2" in page
    assert "1 output and its activities (1)" in page
    assert "Information sharing on smuggling routes" not in page
    assert f'hx-get="?outcome={outcome.pk}"' in page
    # Without JavaScript, the link opens the page with that outcome's outputs and activities.
    assert f'href="?outcome={outcome.pk}#oc-{outcome.pk}"' in page


def test_an_outcome_opens_with_its_outputs_and_activities(
    client, cycle, world, coordinator, outcome
):
    client.force_login(coordinator)
    fragment = _plan(client, cycle, f"?outcome={outcome.pk}", **HTMX)
    assert "<html" not in fragment
    assert "Information sharing on smuggling routes" in fragment
    assert "Output 4.2.1" in fragment and "USD 250,000 / 150,000 / <strong>100,000" in fragment
    page = _plan(client, cycle, f"?outcome={outcome.pk}")
    assert "<html" in page and '<details class="workplan-detail" open>' in page
    assert f'id="activity-{world["activity"].pk}"' in page
    # Another cycle's outcome, or none: the summary alone.
    other = factories.FrameworkOutcomeFactory(code="9.9")
    assert "Information sharing" not in _plan(client, cycle, f"?outcome={other.pk}")
    assert "Information sharing" not in _plan(client, cycle, "?outcome=x")
    # A digit that is not an ASCII one ("²".isdigit() is true): the summary, not an error.
    assert "Information sharing" not in _plan(client, cycle, "?outcome=%C2%B2&activity=%C2%B2")


def test_a_large_outcome_opens_fifty_activities_at_a_time(
    client, cycle, world, coordinator, outcome, output, org_a
):
    sub = services.output_save(
        cycle=cycle, by=coordinator, outcome=outcome, parent=output, code="4.2.1.1", title="Sub"
    )
    empty = services.output_save(
        cycle=cycle, by=coordinator, outcome=outcome, code="4.2.9", title="Nothing yet"
    )
    for n in range(50):
        services.activity_save(
            cycle=cycle, by=coordinator, **activity_data(sub, [org_a], code=f"S{n:02d}")
        )
    client.force_login(coordinator)
    assert "3 outputs and their activities (51)" in _plan(client, cycle)
    first = _plan(client, cycle, f"?outcome={outcome.pk}", **HTMX)
    assert "Output 4.2.1" in first and "Sub-output 4.2.1.1" in first
    assert "S48" in first and "S49" not in first and "4.2.9" not in first
    assert f'hx-get="?outcome={outcome.pk}&amp;page=2"' in first
    # The sub-output's roll-up counts all its activities, not only those of the page.
    assert "0 of 50 activities completed" in first and "0 of 51 activities completed" in first
    second = _plan(client, cycle, f"?outcome={outcome.pk}&page=2", **HTMX)
    assert "S49" in second and "Sub-output 4.2.1.1" in second and "Nothing yet" in second
    assert 'rel="next"' not in second and 'rel="prev"' not in second  # added below the first
    # Without JavaScript: the page with the outcome open at its second page.
    page = _plan(client, cycle, f"?outcome={outcome.pk}&page=2")
    assert "<html" in page and "S49" in page and "S48" not in page
    assert empty.code in page
    # An activity's own address opens its outcome at the page that shows it.
    last = Activity.objects.get(code="S49")
    page = _plan(client, cycle, f"?activity={last.pk}")
    assert f'id="activity-{last.pk}"' in page and "S48" not in page


def test_every_page_of_an_outcome_but_the_first_has_previous_and_but_the_last_next(
    client, cycle, world, coordinator, outcome, output, org_a, monkeypatch
):
    monkeypatch.setattr(selectors, "OUTCOME_PAGE", 1)
    for code in ("4.2.1.b", "4.2.1.c", "4.2.1.d"):
        services.activity_save(
            cycle=cycle, by=coordinator, **activity_data(output, [org_a], code=code)
        )
    client.force_login(coordinator)
    at = f"?outcome={outcome.pk}"
    pages = {n: _plan(client, cycle, f"{at}&page={n}") for n in (1, 2, 3, 4)}
    for n, page in pages.items():
        assert f"Page {n} of 4" in page
        shown = [f"<strong>4.2.1.{letter}</strong>" in page for letter in "abcd"]
        assert shown == [k == n - 1 for k in range(4)]  # its own activity, one a page
        previous = f'href="{at}&amp;page={n - 1}#oc-{outcome.pk}" rel="prev">← Previous</a>'
        after = f'href="{at}&amp;page={n + 1}#oc-{outcome.pk}" hx-get="{at}&amp;page={n + 1}"'
        assert (previous in page, after in page, 'rel="next">Next →</a>' in page) == (
            n > 1,
            n < 4,
            n < 4,
        )
    # With htmx, the next page comes below the one open: the pages before it are above.
    fragment = _plan(client, cycle, f"{at}&page=3", **HTMX)
    assert "Page 3 of 4" in fragment and 'rel="prev"' not in fragment
    assert f'hx-get="{at}&amp;page=4"' in fragment


def test_each_change_of_the_plan_shows_on_the_next_request(
    client, cycle, world, coordinator, output, org_a
):
    client.force_login(coordinator)
    assert "0 of 1 activities completed" in _plan(client, cycle)
    second = services.activity_save(
        cycle=cycle, by=coordinator, **activity_data(output, [org_a], code="4.2.1.b")
    )
    assert "0 of 2 activities completed" in _plan(client, cycle)
    services.activity_save(
        cycle=cycle,
        by=coordinator,
        activity=second,
        **activity_data(output, [org_a], code="4.2.1.b", status="completed"),
    )
    page = _plan(client, cycle)
    assert "1 of 2 activities completed" in page and "completion <strong>50 %</strong>" in page
    services.activity_delete(activity=second, by=coordinator)
    assert "0 of 1 activities completed" in _plan(client, cycle)
    with translation.override("tr"):
        assert "Information sharing" not in _plan(client, cycle)  # Turkish has its own


def _timeline(page: str) -> str:
    return page.split('id="timeline-heading"')[1]


def test_an_outcome_given_a_new_code_shows_it_on_the_plan_and_its_timeline(
    client, cycle, world, coordinator, outcome, org_a, monkeypatch
):
    # Two outputs for one bar: the timeline draws a bar per outcome, labelled by its code.
    monkeypatch.setattr(selectors, "TIMELINE_BARS", 1)
    more = services.output_save(
        cycle=cycle, by=coordinator, outcome=outcome, code="4.2.2", title="More"
    )
    services.activity_save(cycle=cycle, by=coordinator, **activity_data(more, [org_a], code="B"))
    client.force_login(coordinator)
    page = _plan(client, cycle)
    assert "Outcome 4.2</span>" in page and ">4.2</text>" in _timeline(page)
    priority = outcome.priority
    framework = priority.framework
    framework_services.cooperation_framework_save(
        cycle=cycle,
        by=coordinator,
        framework={
            "title": framework.title,
            "start_year": framework.start_year,
            "end_year": framework.end_year,
        },
        priorities=[(priority, {"number": priority.number, "name": priority.name}, False)],
        outcomes=[
            (
                outcome,
                {"priority_number": priority.number, "code": "4.7", "statement": "Renamed."},
                False,
            )
        ],
    )
    page = _plan(client, cycle)
    assert "Outcome 4.7</span> Renamed." in page and "Outcome 4.2</span>" not in page
    assert ">4.7</text>" in _timeline(page) and ">4.2</text>" not in _timeline(page)


def test_the_timeline_draws_outputs_then_outcomes_as_the_plan_grows(cycle, coordinator):
    def plan(activities: int, outputs: int):
        return [
            selectors.PlanActivity(
                facts=selectors.rollup.ActivityFacts(
                    id=n,
                    status="ongoing",
                    planned=Decimal(1),
                    secured=Decimal(0),
                    currency="USD",
                ),
                code=f"A{n}",
                starts=dt.date(2021, 1, 1),
                ends=dt.date(2021, 12, 31),
                output_code=f"O{n % outputs}",
                output_ids=(n % outputs,),
                outcome_id=n % 3,
                outcome_code=f"1.{n % 3}",
            )
            for n in range(activities)
        ]

    rows, level = selectors.timeline_rows(plan(40, 40))
    assert (len(rows), level) == (40, "activity")
    rows, level = selectors.timeline_rows(plan(400, 40))
    assert (len(rows), level) == (40, "output")
    rows, level = selectors.timeline_rows(plan(400, 41))
    assert (len(rows), level) == (3, "outcome")


def test_a_change_of_an_activitys_objectives_shows_in_the_gaps(client, cycle, world, coordinator):
    for number in (9, 11):
        Decision.objects.create(
            cycle=cycle, objective=Objective.objects.get(number=number), horizon="short"
        )
    client.force_login(coordinator)
    uncovered = client.get(url(cycle, "workplan-gaps")).content.decode().split("Funding per")[0]
    assert "9. " in uncovered and "11. " in uncovered
    world["activity"].objectives.set([Objective.objects.get(number=9)])
    uncovered = client.get(url(cycle, "workplan-gaps")).content.decode().split("Funding per")[0]
    assert "9. " not in uncovered and "11. " in uncovered


def test_a_saved_activity_is_shown_in_its_outcome_opened(client, cycle, world, coordinator):
    client.force_login(coordinator)
    activity = world["activity"]
    data = {
        "output": activity.output_id,
        "code": activity.code,
        "title": "Information sharing on smuggling routes, renamed",
        "lead_organisations": [o.pk for o in activity.lead_organisations.all()],
        "starts": "2021-09-01",
        "ends": "2022-12-31",
        "budget_planned": "250000",
        "budget_secured": "150000",
        "currency": "USD",
        "status": "ongoing",
    }
    response = client.post(url(cycle, "activity-edit", activity_pk=activity.pk), data, follow=True)
    assert response.redirect_chain[-1][0] == (
        f"{url(cycle, 'workplan')}?activity={activity.pk}#activity-{activity.pk}"
    )
    page = response.content.decode()
    assert "The activity has been saved." in page and "smuggling routes, renamed" in page


def test_indicators_come_a_page_at_a_time(client, cycle, world, coordinator, output, org_a):
    Indicator.objects.bulk_create(
        Indicator(
            cycle=cycle, output=output, code=f"X-{n:02d}", name=f"Extra {n}", reported_by=org_a
        )
        for n in range(50)
    )
    client.force_login(coordinator)
    first = client.get(url(cycle, "indicator-list")).content.decode()
    assert "4.2.1-i1" in first and "X-48" in first and "X-49" not in first
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get(url(cycle, "indicator-list") + "?page=2").content.decode()
    assert "X-49" in second and "4.2.1-i1" not in second
    # The Excel file has them all.
    sheet = load_workbook(
        io.BytesIO(client.get(url(cycle, "indicator-list") + "?format=xlsx").content)
    ).active
    assert "X-49" in {row[0] for row in sheet.iter_rows(values_only=True)}


def test_progress_reports_come_a_page_at_a_time(client, cycle, world, coordinator, periods):
    organisations = [
        factories.OrganisationFactory(network=cycle.network, name=f"Agency {n:02d}")
        for n in range(50)
    ]
    ProgressReport.objects.bulk_create(
        ProgressReport(period=periods[1], organisation=o, state="submitted") for o in organisations
    )
    client.force_login(coordinator)
    first = client.get(url(cycle, "report-list")).content.decode()
    assert "Page 1 of 2" in first and "Agency 00" in first
    second = client.get(url(cycle, "report-list") + "?page=2").content.decode()
    # 51 reports, the latest period first: the one of 2021 H2 is left for page 2.
    assert "Agency" not in second and "2021 H2</a>" in second and "Page 2 of 2" in second


@pytest.fixture
def grown(cycle, coordinator, output, org_a, org_b, periods, focal_a):
    """Adds, each time it is called, outputs, activities with accepted progress, indicators
    with actuals, organisations with reports, obligations, working groups and exports."""
    rounds = []

    def grow():
        n = len(rounds)
        rounds.append(n)
        extra = services.output_save(
            cycle=cycle, by=coordinator, outcome=output.outcome, code=f"4.2.{n + 5}", title="More"
        )
        for i in range(4):
            services.activity_save(
                cycle=cycle,
                by=coordinator,
                **activity_data(
                    extra if i % 2 else output,
                    [org_a, org_b],
                    code=f"G{n}.{i}",
                    objectives=[Objective.objects.get(number=9 + i)],
                ),
            )
            services.indicator_save(
                cycle=cycle,
                by=coordinator,
                output=extra,
                code=f"G{n}-I{i}",
                name=f"Grown {i}",
                kind="numeric",
                reported_by=org_a,
            )
        for i in range(3):
            factories.OrganisationFactory(network=cycle.network, name=f"Grown {n}.{i}")
        coordination_services.sop_rule_save(
            cycle=cycle,
            by=coordinator,
            **rule_data(title=f"Monthly {n}", months=list(range(1, 13))),
        )
        coordination_services.working_group_save(
            network=cycle.network, by=coordinator, name=f"Group {n}"
        )
        for fmt in ("xlsx", "json"):
            export_services.export_start(
                cycle=cycle, by=coordinator, fmt=fmt, language="en", hxl=False
            )

    return grow


def test_every_page_of_the_plan_coordination_and_exports_keeps_its_queries(
    client, cycle, world, coordinator, outcome, grown, django_assert_max_num_queries
):
    Decision.objects.create(cycle=cycle, objective=Objective.objects.get(number=9), horizon="short")
    client.force_login(coordinator)
    report = world["report"]
    pages = [
        url(cycle, "workplan"),
        url(cycle, "workplan") + f"?outcome={outcome.pk}",
        url(cycle, "workplan-gaps"),
        url(cycle, "indicator-list"),
        url(cycle, "report-list"),
        url(cycle, "report-detail", report_pk=report.pk),
        url(cycle, "output-edit", output_pk=world["output"].pk),
        url(cycle, "activity-edit", activity_pk=world["activity"].pk),
        url(cycle, "indicator-edit", indicator_pk=world["indicator"].pk),
        url(cycle, "period-edit", period_pk=world["period"].pk),
        url(cycle, "coordination"),
        url(cycle, "obligation-list"),
        url(cycle, "sop-rule-edit", rule_pk=world["rule"].pk),
        url(cycle, "working-group-edit", group_pk=world["group"].pk),
        url(cycle, "export-page"),
    ]
    grown()
    # Accept the report, so that accepted progress and actuals are read too.
    services.progress_report_accept(report=ProgressReport.objects.get(pk=report.pk), by=coordinator)
    assert_constant_queries(client, pages, grown, django_assert_max_num_queries, most=60)
    assert Activity.objects.filter(output__cycle=cycle).count() == 9


def test_the_summary_is_read_from_the_cache_until_the_plan_changes(
    client, cycle, world, coordinator, monkeypatch
):
    client.force_login(coordinator)
    _plan(client, cycle)
    calls = []
    original = selectors._summarise

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "_summarise", counted)
    _plan(client, cycle)
    assert calls == []
    services.period_save(
        cycle=cycle,
        by=coordinator,
        period=world["period"],
        label="2021 H2 (revised)",
        starts=dt.date(2021, 7, 1),
        ends=dt.date(2021, 12, 31),
        due_date=dt.date(2022, 1, 20),
    )
    _plan(client, cycle)
    assert calls == [1]
