"""Who is told of a progress report's steps (issue 16)."""

import pytest

from gcmhub.notifications.models import Kind, Notification
from gcmhub.workplan import services
from gcmhub.workplan.tests.test_services import _fill, report  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _told(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_reports_steps_tell_the_reviewer_then_the_organisation(
    report,  # noqa: F811
    focal_a,
    focal_b,
    coordinator,
    consultant,
    observer,
    outsider,
):
    report = _fill(report, focal_a)
    services.progress_report_submit(report=report, by=focal_a)
    assert _told(Kind.SUBMITTED) == {"coord"}  # who reviews reports
    services.progress_report_return(report=report, by=coordinator, reason="Add December.")
    assert _told(Kind.RETURNED) == {"focal-a"}
    assert "Add December." in Notification.objects.get(kind=Kind.RETURNED).text
    report = _fill(report, focal_a, percent=70)
    services.progress_report_submit(report=report, by=focal_a)
    services.progress_report_accept(report=report, by=coordinator)
    assert _told(Kind.ACCEPTED) == {"focal-a"}
