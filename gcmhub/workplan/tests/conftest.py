import datetime as dt
from decimal import Decimal

import pytest

from gcmhub.coordination import services as coordination_services
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.tests.factories import CooperationFrameworkFactory, FrameworkOutcomeFactory
from gcmhub.workplan import services


@pytest.fixture
def outcome(cycle):
    framework = CooperationFrameworkFactory(cycle=cycle)
    return FrameworkOutcomeFactory(priority__framework=framework, code="4.2")


@pytest.fixture
def output(cycle, coordinator, outcome):
    return services.output_save(
        cycle=cycle,
        by=coordinator,
        outcome=outcome,
        code="4.2.1",
        title="Capacity strengthened",
    )


def activity_data(output, leads, **extra):
    return {
        "output": output,
        "code": "4.2.1.a",
        "title": "Information sharing on smuggling routes",
        "lead_organisations": leads,
        "starts": dt.date(2021, 9, 1),
        "ends": dt.date(2022, 12, 31),
        "budget_planned": Decimal(250000),
        "budget_secured": Decimal(150000),
        "currency": "USD",
        "status": "ongoing",
        **extra,
    }


@pytest.fixture
def activity(cycle, coordinator, output, org_a):
    return services.activity_save(cycle=cycle, by=coordinator, **activity_data(output, [org_a]))


@pytest.fixture
def periods(cycle, coordinator):
    return [
        services.period_save(
            cycle=cycle,
            by=coordinator,
            label=label,
            starts=starts,
            ends=ends,
            due_date=due,
        )
        for label, starts, ends, due in [
            ("2021 H2", dt.date(2021, 7, 1), dt.date(2021, 12, 31), dt.date(2022, 1, 15)),
            ("2022 H1", dt.date(2022, 1, 1), dt.date(2022, 6, 30), dt.date(2022, 7, 15)),
        ]
    ]


@pytest.fixture
def indicator(cycle, coordinator, output, org_a, periods):
    return services.indicator_save(
        cycle=cycle,
        by=coordinator,
        output=output,
        code="4.2.1-i1",
        name="Officials trained",
        kind="numeric",
        unit="persons",
        baseline_value=Decimal(0),
        baseline_year=2021,
        reported_by=org_a,
        targets={periods[0]: (Decimal(100), ""), periods[1]: (Decimal(250), "")},
    )


@pytest.fixture
def world(cycle, coordinator, activity, indicator, periods, focal_a, personas, output):
    rule = coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    group = coordination_services.working_group_save(
        network=cycle.network, by=coordinator, name="Data group"
    )
    report = services.progress_report_open(period=periods[0], by=focal_a)
    services.progress_report_save(
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
    services.progress_report_submit(report=report, by=focal_a)
    return {
        "rule": rule,
        "group": group,
        "report": report,
        "activity": activity,
        "indicator": indicator,
        "output": output,
        "period": periods[0],
    }
