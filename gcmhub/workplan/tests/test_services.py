import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from gcmhub.coordination import services as coordination_services
from gcmhub.coordination.models import Obligation
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.core.workflow import State
from gcmhub.workplan import services
from gcmhub.workplan.tests.conftest import activity_data


def test_obligations_are_generated_for_each_lead_on_each_due_date(
    cycle, coordinator, activity, org_a
):
    rule = coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    assert list(rule.obligations.values_list("organisation", "due_date")) == [
        (org_a.pk, dt.date(2022, 1, 15)),
        (org_a.pk, dt.date(2022, 7, 15)),
    ]


def test_leads_obligations_follow_the_work_plan_and_done_ones_stay(
    cycle, coordinator, output, activity, org_a, org_b
):
    rule = coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    first = rule.obligations.get(due_date=dt.date(2022, 1, 15))
    coordination_services.obligation_mark(obligation=first, by=coordinator, done=True)
    services.activity_save(
        cycle=cycle,
        by=coordinator,
        **activity_data(output, [org_b]),
        activity=activity,
    )
    owed = {(o.organisation_id, o.due_date, o.done_at is None) for o in rule.obligations.all()}
    assert owed == {
        (org_a.pk, dt.date(2022, 1, 15), False),  # done: kept on record
        (org_b.pk, dt.date(2022, 1, 15), True),
        (org_b.pk, dt.date(2022, 7, 15), True),
    }


def test_reminders_go_before_and_after_once(cycle, coordinator, activity, focal_a, run_tasks):
    coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    mail.outbox.clear()
    # The command queues the e-mails (as the notifications' at-once mails); a worker sends them.
    call_command("send_obligation_reminders", "--today=2022-01-10", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_tasks()
    assert [m.to for m in mail.outbox] == [[focal_a.email]]
    assert "Due on" in mail.outbox[0].subject
    call_command("send_obligation_reminders", "--today=2022-01-12", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_tasks()
    assert len(mail.outbox) == 1
    call_command("send_obligation_reminders", "--today=2022-01-19", stdout=open("/dev/null", "w"))  # noqa: SIM115
    run_tasks()
    assert len(mail.outbox) == 2 and "Late" in mail.outbox[1].subject


def test_a_focal_point_marks_only_their_organisations_obligations(
    cycle, coordinator, activity, focal_a, focal_b
):
    rule = coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    obligation = rule.obligations.first()
    with pytest.raises(PermissionDenied):
        coordination_services.obligation_mark(obligation=obligation, by=focal_b, done=True)
    coordination_services.obligation_mark(obligation=obligation, by=focal_a, done=True)
    assert Obligation.objects.get(pk=obligation.pk).done_at is not None


def test_activity_rules(cycle, coordinator, output, org_a, other_network, consultant):
    from gcmhub.tests.factories import OrganisationFactory

    with pytest.raises(ValidationError, match="more than the planned"):
        services.activity_save(
            cycle=cycle,
            by=coordinator,
            **activity_data(output, [org_a], budget_secured=Decimal(300000)),
        )
    with pytest.raises(ValidationError, match="lead organisation"):
        services.activity_save(cycle=cycle, by=coordinator, **activity_data(output, []))
    stranger = OrganisationFactory(network=other_network)
    with pytest.raises(ValidationError, match="this network"):
        services.activity_save(cycle=cycle, by=coordinator, **activity_data(output, [stranger]))
    with pytest.raises(PermissionDenied):
        services.activity_save(cycle=cycle, by=consultant, **activity_data(output, [org_a]))


def test_numbers_are_numbers_and_words_are_words(cycle, coordinator, output, org_a, periods):
    data = {
        "output": output,
        "code": "X-1",
        "name": "Trained officials",
        "kind": "numeric",
        "reported_by": org_a,
    }
    with pytest.raises(ValidationError, match="numeric indicator"):
        services.indicator_save(cycle=cycle, by=coordinator, **data, baseline_text="N/A")
    with pytest.raises(ValidationError, match="qualitative indicator"):
        services.indicator_save(
            cycle=cycle,
            by=coordinator,
            **{**data, "kind": "qualitative", "baseline_value": Decimal(3)},
        )
    with pytest.raises(ValidationError, match="numeric indicator"):
        services.indicator_save(
            cycle=cycle, by=coordinator, **data, targets={periods[0]: (None, "about 100")}
        )


@pytest.fixture
def report(periods, activity, indicator, focal_a):
    return services.progress_report_open(period=periods[0], by=focal_a)


def _fill(report, by, percent=60, value=Decimal(120)):
    return services.progress_report_save(
        report=report,
        by=by,
        summary="Trainings held.",
        activity_rows=[
            {
                "activity": report.organisation.led_activities.get(),
                "status": "ongoing",
                "percent_complete": percent,
                "narrative": "",
            }
        ],
        actual_rows=[
            {
                "indicator": report.organisation.indicators.get(),
                "value": value,
                "text": "",
                "narrative": "",
            }
        ],
        expected_version=report.version,
    )


def test_a_progress_report_goes_draft_submitted_returned_accepted(
    report, focal_a, focal_b, coordinator, cycle, activity
):
    rule = coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    with pytest.raises(PermissionDenied):
        _fill(report, focal_b)
    report = _fill(report, focal_a, percent=60)
    services.progress_report_submit(report=report, by=focal_a)
    # Submitting meets the reporting obligation of the period.
    assert rule.obligations.get(due_date=dt.date(2022, 1, 15)).done_at is not None
    with pytest.raises(PermissionDenied):
        _fill(report, focal_a)
    with pytest.raises(ValidationError, match="why"):
        services.progress_report_return(report=report, by=coordinator, reason=" ")
    services.progress_report_return(report=report, by=coordinator, reason="The figure is for 2022.")
    report.refresh_from_db()
    assert report.state == State.RETURNED
    report = _fill(report, focal_a, percent=70)
    services.progress_report_submit(report=report, by=focal_a)
    with pytest.raises(PermissionDenied):
        services.progress_report_accept(report=report, by=focal_a)
    services.progress_report_accept(report=report, by=coordinator)
    report.refresh_from_db()
    assert report.state == State.ACCEPTED


def test_a_report_refuses_words_for_a_numeric_indicator_and_saves_nothing(report, focal_a):
    with pytest.raises(ValidationError, match="numeric indicator"):
        services.progress_report_save(
            report=report,
            by=focal_a,
            summary="",
            activity_rows=[
                {
                    "activity": report.organisation.led_activities.get(),
                    "status": "ongoing",
                    "percent_complete": 50,
                }
            ],
            actual_rows=[
                {"indicator": report.organisation.indicators.get(), "value": None, "text": "N/A"}
            ],
            expected_version=report.version,
        )
    assert not report.activity_rows.exists()


def test_a_stale_report_save_is_refused(report, focal_a):
    from gcmhub.core.errors import StaleVersion

    _fill(report, focal_a)
    with pytest.raises(StaleVersion):
        _fill(report, focal_a)  # the same (now old) version number
