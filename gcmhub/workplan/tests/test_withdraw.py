"""Withdrawing a submitted progress report until the coordinator has acted on it (issue 16)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gcmhub.coordination import services as coordination_services
from gcmhub.coordination.tests.conftest import rule_data
from gcmhub.core.workflow import State
from gcmhub.notifications.models import Kind, Notification
from gcmhub.workplan import services
from gcmhub.workplan.tests.test_services import _fill, report  # noqa: F401 (a fixture)


def test_a_withdrawn_report_is_a_draft_its_obligation_open_again_and_the_coordinator_told(
    report,  # noqa: F811
    focal_a,
    coordinator,
    cycle,
):
    rule = coordination_services.sop_rule_save(cycle=cycle, by=coordinator, **rule_data())
    report = _fill(report, focal_a)
    services.progress_report_submit(report=report, by=focal_a)
    obligation = rule.obligations.get(due_date=dt.date(2022, 1, 15))
    assert obligation.done_at is not None
    services.progress_report_withdraw(report=report, by=focal_a)
    report.refresh_from_db()
    obligation.refresh_from_db()
    assert (report.state, report.submitted_at) == (State.DRAFT, None)
    assert report.summary == "Trainings held."
    assert (obligation.done_at, obligation.done_by) == (None, None)
    notification = Notification.objects.get(kind=Kind.WITHDRAWN)
    assert notification.recipient == coordinator
    assert notification.text == (
        f"Ministry A (MA) withdrew its progress report for {report.period.label}: "
        "it is a draft again."
    )


def test_a_reviewed_report_is_not_withdrawn_nor_by_another_organisation(
    report,  # noqa: F811
    focal_a,
    focal_b,
    coordinator,
):
    report = _fill(report, focal_a)
    services.progress_report_submit(report=report, by=focal_a)
    with pytest.raises(PermissionDenied):
        services.progress_report_withdraw(report=report, by=focal_b)
    services.progress_report_accept(report=report, by=coordinator)
    with pytest.raises(ValidationError, match="already reviewed"):
        services.progress_report_withdraw(report=report, by=focal_a)
    report.refresh_from_db()
    assert report.state == State.ACCEPTED


def test_the_report_page_offers_withdraw_and_says_what_happened(
    client,
    report,  # noqa: F811
    focal_a,
    cycle,
):
    report = _fill(report, focal_a)
    services.progress_report_submit(report=report, by=focal_a)
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, "report_pk": report.pk}
    client.force_login(focal_a)
    page = client.get(reverse("report-detail", kwargs=kwargs)).content.decode()
    assert reverse("report-withdraw", kwargs=kwargs) in page
    response = client.post(reverse("report-withdraw", kwargs=kwargs), follow=True)
    assert "Your report has been withdrawn: it is a draft again" in response.content.decode()
    report.refresh_from_db()
    assert report.state == State.DRAFT
