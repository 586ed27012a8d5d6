import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from gcmhub.network import services
from gcmhub.network.models import Activity, ProgressReport, Responsible, SopKind
from gcmhub.network.tests.conftest import activity_data, rule_data
from gcmhub.network.tor import TERMS_OF_REFERENCE

A, F, N, R = 200, 403, 404, 302
PERSONAS = ["coordinator", "consultant", "focal_a", "focal_b", "observer", "outsider"]


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


@pytest.fixture
def world(cycle, coordinator, activity, indicator, periods, focal_a, personas, output):
    rule = services.sop_rule_save(cycle=cycle, by=coordinator, data=rule_data())
    group = services.working_group_save(
        network=cycle.network, by=coordinator, data={"name": "Data group"}
    )
    report = services.report_open(period=periods[0], by=focal_a)
    services.report_save(
        report=report,
        by=focal_a,
        summary="",
        activity_rows=[
            {"activity": activity, "status": "ongoing", "percent_complete": 40, "narrative": ""}
        ],
        actual_rows=[{"indicator": indicator, "value": Decimal(80), "text": ""}],
        expected_version=1,
    )
    report.refresh_from_db()
    services.report_submit(report=report, by=focal_a)
    return {
        "rule": rule,
        "group": group,
        "report": report,
        "activity": activity,
        "indicator": indicator,
        "output": output,
        "period": periods[0],
    }


PAGES = [
    ("coordination", {}, [A, A, A, A, F, N]),
    ("obligation-list", {}, [A, A, A, A, F, N]),
    ("working-group-create", {}, [A, F, F, F, F, N]),
    ("working-group-edit", {"group_pk": "group"}, [A, F, F, F, F, N]),
    ("sop-rule-create", {}, [A, F, F, F, F, N]),
    ("sop-rule-edit", {"rule_pk": "rule"}, [A, F, F, F, F, N]),
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
    ("action-list", {}, [A, A, A, A, F, N]),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "persona", "expected"),
    [
        pytest.param(name, kwargs, persona, status, id=f"{name}-{persona}")
        for name, kwargs, statuses in PAGES
        for persona, status in zip(PERSONAS, statuses, strict=True)
    ],
)
def test_page_answers_each_persona(client, cycle, world, personas, name, kwargs, persona, expected):
    client.force_login(personas[persona])
    kwargs = {k: world[v].pk for k, v in kwargs.items()}
    assert client.get(url(cycle, name, **kwargs)).status_code == expected


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
    assert row[9].date() == dt.date(2021, 9, 1)


def test_the_indicator_table_export_reads_back(client, cycle, world, coordinator, focal_a):
    client.force_login(coordinator)
    services.report_accept(report=world["report"], by=coordinator)
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
        data=activity_data(
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


def test_the_terms_of_reference_carry_membership_groups_and_sops(
    client, cycle, world, coordinator, focal_a
):
    from gcmhub.documents.content import build_content
    from gcmhub.reporting.docx import render_docx

    services.sop_rule_save(
        cycle=cycle,
        by=coordinator,
        data=rule_data(
            kind=SopKind.COORDINATION,
            title="Quarterly network meeting",
            task="holds the network meeting",
            responsible=Responsible.SECRETARIAT,
            months=[3, 6, 9, 12],
            day=31,
        ),
    )
    client.force_login(coordinator)
    response = client.get(url(cycle, "terms-of-reference"))
    document = cycle.documents.get(kind=TERMS_OF_REFERENCE)
    assert response["Location"] == document.get_absolute_url()
    content = build_content(document)
    text = str(content)
    assert focal_a.get_full_name() in text
    assert "Data group" in text
    assert "The network coordinator: holds the network meeting, every quarter, by day 31" in text
    assert "by 15 January and 15 July each year" in text
    docx = render_docx(content, version_line="Draft", content_hash="x")
    assert docx[:2] == b"PK"


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
    counts = []
    for page in pages:
        with django_assert_max_num_queries(60) as captured:
            client.get(page)
        counts.append(len(captured.captured_queries))
    for n in range(5):
        services.activity_save(
            cycle=cycle,
            by=coordinator,
            data=activity_data(output, [org_a, org_b], code=f"4.2.1.{n}x"),
        )
        services.indicator_save(
            cycle=cycle,
            by=coordinator,
            data={
                "output": output,
                "code": f"I-{n}",
                "name": f"Indicator {n}",
                "kind": "numeric",
                "reported_by": org_b,
            },
        )
    services.sop_rule_save(
        cycle=cycle, by=coordinator, data=rule_data(title="Monthly", months=list(range(1, 13)))
    )
    assert Activity.objects.count() == 6
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(page)


def test_an_sop_rule_written_on_its_page_fills_the_calendar(client, cycle, world, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url(cycle, "sop-rule-create"),
        {
            "kind": "coordination",
            "title": "Quarterly network meeting",
            "task": "holds the network meeting",
            "responsible": "secretariat",
            "months": ["3", "6", "9", "12"],
            "day": "31",
            "dates": "2022-05-02",
            "starts": "2022-01-01",
            "ends": "2022-12-31",
            "remind_before": "7",
            "remind_after": "3",
        },
        follow=True,
    )
    assert (
        "The rule has been saved: 5 obligations are on the calendar." in response.content.decode()
    )
    response = client.post(
        url(cycle, "sop-rule-create"),
        {
            "kind": "reporting",
            "title": "X",
            "task": "y",
            "responsible": "chosen",
            "day": "15",
            "dates": "2022-13-45",
            "starts": "2022-01-01",
            "ends": "2021-12-31",
            "remind_before": "7",
            "remind_after": "3",
        },
    )
    content = response.content.decode()
    assert "is not a date: write dates as YYYY-MM-DD" in content
    assert "The rule cannot end before it starts." in content
    assert "Choose the organisations." in content


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
    report = services.report_open(period=world["period"], by=focal_a)
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

    report = services.report_open(period=world["period"], by=focal_a)
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
