"""The work plan's records as a person may reach them: 404 outside the cycle, 403 for a
progress report they may not read, and each report with the `steps` they may take."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from gcmhub.core.access import actor_for
from gcmhub.core.workflow import steps
from gcmhub.workplan import selectors
from gcmhub.workplan.models import (
    REPORT_POLICY,
    Activity,
    Breakdown,
    Indicator,
    Output,
    ProgressReport,
    ReportingPeriod,
)


def get_report_for_user(user, cycle, pk: int) -> ProgressReport:
    """The report of the cycle with its `steps` for `user`; PermissionDenied unless they may
    read it (`selectors.visible_progress_reports`)."""
    report = get_object_or_404(selectors.progress_reports_of(cycle), pk=pk)
    actor = actor_for(user, cycle.network)
    if not selectors.visible_progress_reports(cycle, actor).filter(pk=report.pk).exists():
        raise PermissionDenied
    report.period.cycle = cycle
    report.steps = steps(REPORT_POLICY, actor, report.facts)
    return report


def get_period_for_cycle(cycle, pk: int) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod.objects.filter(cycle=cycle), pk=pk)


def get_output_for_cycle(cycle, pk: int) -> Output:
    return get_object_or_404(Output.objects.filter(cycle=cycle), pk=pk)


def get_activity_for_cycle(cycle, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.filter(output__cycle=cycle), pk=pk)


def get_indicator_for_cycle(cycle, pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.filter(cycle=cycle), pk=pk)


def get_breakdown_for_cycle(cycle, pk: int) -> Breakdown:
    return get_object_or_404(Breakdown.objects.filter(cycle=cycle), pk=pk)
