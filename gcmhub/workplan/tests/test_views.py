import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from gcmhub.coordination import services as coordination_services
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.tests.matrix import A, F, N, assert_page_matrix, by_page
from gcmhub.tests.queries import assert_constant_queries
from gcmhub.workplan import services
from gcmhub.workplan.models import Activity, ProgressReport
from gcmhub.workplan.tests.conftest import activity_data


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


PAGES = [
    ("workplan", {}, [A, A, A, A, A, N]),
    ("workplan-gaps", {}, [A, A, A, A, A, N]),
    ("output-create", {}, [A, F, F, F, F, N]),
    ("output-edit", {"output_pk": "output"}, [A, F, F, F, F, N]),
    ("activity-create", {}, [A, F, F, F, F, N]),
    ("activity-edit", {"activity_pk": "activity"}, [A, F, F, F, F, N]),
    ("indicator-list", {}, [A, A, A, A, A, N]),
    ("indicator-create", {}, [A, F, F, F, F, N]),
    ("indicator-edit", {"indicator_pk": "indicator"}, [A, F, F, F, F, N]),
    ("report-list", {}, [A, A, A, A, F, N]),
    ("period-create", {}, [A, F, F, F, F, N]),
    ("report-detail", {"report_pk": "report"}, [A, A, A, F, F, N]),
]


@pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES))
def test_page_answers_each_persona(client, cycle, world, personas, name, kwargs, statuses):
    kwargs = {k: world[v].pk for k, v in kwargs.items()}
    assert_page_matrix(client, personas, url(cycle, name, **kwargs), statuses)


def test_the_period_form_is_only_for_the_coordinator(client, cycle, world, focal_a):
    client.force_login(focal_a)
    response = client.post(
        url(cycle, "period-create"),
        {"label": "X", "starts": "2022-07-01", "ends": "2022-12-31", "due_date": "2023-01-15"},
    )
    assert response.status_code == 403


def test_the_joint_work_plan_export_reads_back_with_numbers(client, cycle, world, observer):
    client.force_login(observer)
    response = client.get(url(cycle, "workplan") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[3]]
    assert header[:6] == [
        "Strategic priority",
        "Outcome",
        "Output",
        "Sub-output",
        "Activity",
        "Lead agencies",
    ]
    row = [c.value for c in sheet[4]]
    assert row[2] == "4.2.1 Capacity strengthened"
    assert row[4] == "4.2.1.a Information sharing on smuggling routes"
    assert row[-3:] == [250000, 150000, 100000]
    start = header.index("Start")
    assert row[start].date() == dt.date(2021, 9, 1)
    assert sheet.cell(row=4, column=start + 1).number_format == "dd/mm/yyyy"  # not ISO


def test_the_turkish_work_plan_file_shows_dates_as_turkish_readers_write_them(
    client, cycle, world, observer
):
    client.force_login(observer)
    client.cookies["django_language"] = "tr"
    response = client.get(url(cycle, "workplan") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    start = [c.value for c in sheet[3]].index("Başlangıç") + 1
    assert sheet.cell(row=4, column=start).value.date() == dt.date(2021, 9, 1)
    assert sheet.cell(row=4, column=start).number_format == "dd.mm.yyyy"


def test_the_indicator_table_export_reads_back(client, cycle, world, coordinator, focal_a):
    client.force_login(coordinator)
    services.progress_report_accept(report=world["report"], by=coordinator)
    response = client.get(url(cycle, "indicator-list") + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[3]]
    row = dict(zip(header, [c.value for c in sheet[4]], strict=True))
    assert row["Code"] == "4.2.1-i1"
    assert row["Baseline"] == 0
    assert row["Target 2021 H2"] == 100 and row["Actual 2021 H2"] == 80
    assert row["Target 2022 H1"] == 250 and row["Actual 2022 H1"] is None


def test_the_obligations_calendar_parses(client, cycle, world, focal_a):
    client.force_login(focal_a)
    response = client.get(url(cycle, "obligation-list") + "?format=ics")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [e.decoded("dtstart") for e in events] == [dt.date(2022, 1, 15), dt.date(2022, 7, 15)]
    assert "Progress reports on the work plan" in str(events[0]["summary"])


def test_marking_an_obligation_done_swaps_its_row(client, cycle, world, focal_a):
    obligation = world["rule"].obligations.get(due_date=dt.date(2022, 7, 15))
    client.force_login(focal_a)
    response = client.post(
        url(cycle, "obligation-mark", obligation_pk=obligation.pk),
        {"done": "1"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.strip().startswith("<li") and "Done" in content
    obligation.refresh_from_db()
    assert obligation.done_at is not None


def test_a_numeric_field_refuses_words_on_the_report_page(
    client, cycle, world, focal_a, coordinator
):
    report, indicator, activity = world["report"], world["indicator"], world["activity"]
    client.force_login(coordinator)
    client.post(url(cycle, "report-review", report_pk=report.pk), {"reason": "Check the figure."})
    report.refresh_from_db()
    client.force_login(focal_a)
    response = client.post(
        url(cycle, "report-detail", report_pk=report.pk),
        {
            "version": report.version,
            "summary": "",
            f"a{activity.pk}-status": "ongoing",
            f"a{activity.pk}-percent_complete": "40",
            f"i{indicator.pk}-value": "N/A",
        },
    )
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert ProgressReport.objects.get(pk=report.pk).state == "returned"


def test_accepting_a_report_moves_the_rollup(client, cycle, world, coordinator):
    client.force_login(coordinator)
    before = client.get(url(cycle, "workplan")).content.decode()
    assert "completion <strong>0 %</strong>" in before
    client.post(url(cycle, "report-review", report_pk=world["report"].pk), {"accept": "1"})
    after = client.get(url(cycle, "workplan")).content.decode()
    assert "completion <strong>40 %</strong>" in after


def test_the_gap_view_lists_prioritised_objectives_without_activity(
    client, cycle, world, coordinator, org_a
):
    from gcmhub.framework.models import Objective
    from gcmhub.priorities.models import Decision

    for number, horizon in [(9, "short"), (11, "short"), (20, "not_now")]:
        Decision.objects.create(
            cycle=cycle, objective=Objective.objects.get(number=number), horizon=horizon
        )
    activity = world["activity"]
    activity.objectives.set([Objective.objects.get(number=9)])
    client.force_login(coordinator)
    page = client.get(url(cycle, "workplan-gaps")).content.decode()
    uncovered = page.split("Funding per prioritised objective")[0]
    assert "11. " in uncovered and "9. " not in uncovered and "20. " not in uncovered
    services.activity_save(
        cycle=cycle,
        by=coordinator,
        **activity_data(
            world["output"],
            [org_a],
            code="4.2.1.b",
            objectives=[Objective.objects.get(number=11)],
            budget_planned=Decimal(1000),
            budget_secured=Decimal(0),
        ),
    )
    page = client.get(url(cycle, "workplan-gaps")).content.decode()
    assert "Every prioritised objective has at least one activity." in page
    assert "USD 1,000" in page


def test_work_plan_pages_keep_a_constant_number_of_queries(
    client, cycle, world, coordinator, output, org_a, org_b, django_assert_max_num_queries
):
    client.force_login(coordinator)
    pages = [
        url(cycle, "workplan"),
        url(cycle, "workplan-gaps"),
        url(cycle, "indicator-list"),
        url(cycle, "obligation-list"),
        url(cycle, "coordination"),
        url(cycle, "report-list"),
    ]

    def grow():
        for n in range(5):
            services.activity_save(
                cycle=cycle,
                by=coordinator,
                **activity_data(output, [org_a, org_b], code=f"4.2.1.{n}x"),
            )
            services.indicator_save(
                cycle=cycle,
                by=coordinator,
                output=output,
                code=f"I-{n}",
                name=f"Indicator {n}",
                kind="numeric",
                reported_by=org_b,
            )
        coordination_services.sop_rule_save(
            cycle=cycle, by=coordinator, **rule_data(title="Monthly", months=list(range(1, 13)))
        )
        assert Activity.objects.count() == 6

    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=60)


def test_an_output_with_activities_is_not_removed(client, cycle, world, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(cycle, "output-edit", output_pk=world["output"].pk), {"delete": "1"}, follow=True
    )
    assert "This output has activities" in response.content.decode()


def test_save_and_submit_keeps_the_summary_written_on_the_page(client, cycle, world, focal_a):
    """Without a draft saved first: the summary and every row survive the submission."""
    from gcmhub.tests.roundtrip import page_form, post_form

    activity = world["activity"]
    report = services.progress_report_open(period=world["period"], by=focal_a)
    ProgressReport.objects.filter(pk=report.pk).update(state="returned", return_reason="Fix it.")
    client.force_login(focal_a)
    page = url(cycle, "report-detail", report_pk=report.pk)
    response = post_form(
        client,
        page_form(client.get(page)),
        submit="submit",
        changes={"summary": "Training went to plan.", f"a{activity.pk}-narrative": "Two runs."},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(pk=report.pk)
    assert (report.state, report.summary) == ("submitted", "Training went to plan.")
    assert report.activity_rows.get().narrative == "Two runs."
    assert report.actuals.get().value == Decimal(80)


def test_a_second_click_on_save_and_submit_changes_nothing(client, cycle, world, focal_a):
    from gcmhub.tests.roundtrip import page_form, post_form

    report = services.progress_report_open(period=world["period"], by=focal_a)
    ProgressReport.objects.filter(pk=report.pk).update(state="returned", return_reason="Fix it.")
    client.force_login(focal_a)
    page = url(cycle, "report-detail", report_pk=report.pk)
    form = page_form(client.get(page))
    post_form(client, form, submit="submit", changes={"summary": "Training went to plan."})
    submitted = ProgressReport.objects.get(pk=report.pk)
    again = post_form(client, form, submit="submit", changes={"summary": "Training went to plan."})
    assert again.status_code == 302
    shown = client.get(again["Location"]).content.decode()
    assert "This report can no longer be edited here: nothing was saved." in shown
    report = ProgressReport.objects.get(pk=report.pk)
    assert (report.state, report.version, report.summary, report.submitted_at) == (
        "submitted",
        submitted.version,
        "Training went to plan.",
        submitted.submitted_at,
    )
