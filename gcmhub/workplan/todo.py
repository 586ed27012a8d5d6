"""What the work plan's reporting asks of people (My tasks): a leading organisation's progress
reports due, in draft or returned; for the coordinator, reports waiting for review."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.workflow import State
from gcmhub.todo.registry import Item, holding, in_networks, of_organisations, speaking
from gcmhub.workplan.models import Activity, ProgressReport, ReportingPeriod

# A report not yet started shows from the period's first day until this long after it was due.
GRACE = dt.timedelta(days=30)


def _title(period) -> str:
    return _("Progress report %(period)s") % {"period": period.label}


def reports_to_write(user, memberships):
    """For a focal point whose organisation leads activities: the reports of periods under
    way or just due that are not submitted, and the reports returned (with the reason)."""
    mine = speaking(memberships, Perm.PROGRESS_REPORT)
    if not mine:
        return []
    today = timezone.localdate()
    reports = {
        (r.period_id, r.organisation_id): r
        for r in ProgressReport.objects.filter(
            of_organisations(mine, network="period__cycle__network")
        ).select_related("period__cycle__network")
    }
    leading = set(
        Activity.objects.filter(
            of_organisations(
                mine, organisation="lead_organisations", network="output__cycle__network"
            )
        ).values_list("output__cycle_id", "lead_organisations")
    )
    periods = ReportingPeriod.objects.filter(
        in_networks(mine), starts__lte=today, due_date__gte=today - GRACE
    ).select_related("cycle__network")
    items = []
    for period in periods:
        for m in mine:
            if m.network_id != period.cycle.network_id:
                continue
            if (period.cycle_id, m.organisation_id) not in leading:
                continue
            if (period.pk, m.organisation_id) not in reports:
                items.append(
                    Item(
                        kind_label=_("Progress report due"),
                        title=_title(period),
                        url=cycle_reverse("report-list", period.cycle),
                        network=period.cycle.network,
                        cycle=period.cycle,
                        deadline=period.due_date,
                    )
                )
    for report in reports.values():
        if report.state not in (State.DRAFT, State.RETURNED):
            continue
        period = report.period
        returned = report.state == State.RETURNED
        items.append(
            Item(
                kind_label=_("Progress report to fix")
                if returned
                else _("Progress report to submit"),
                title=_title(period),
                url=cycle_reverse("report-detail", period.cycle, report_pk=report.pk),
                network=period.cycle.network,
                cycle=period.cycle,
                deadline=period.due_date,
                since=report.reviewed_at if returned else None,
                reason=report.return_reason if returned else "",
            )
        )
    return items


def reports_to_review(user, memberships):
    """Submitted progress reports waiting for the coordinator (one query)."""
    reviewers = holding(memberships, Perm.PROGRESS_REVIEW)
    if not reviewers:
        return []
    reports = (
        ProgressReport.objects.filter(
            in_networks(reviewers, "period__cycle__network"), state=State.SUBMITTED
        )
        .select_related("period__cycle__network", "organisation")
        .order_by("submitted_at")
    )
    return [
        Item(
            kind_label=_("Progress report to review"),
            title=_("%(organisation)s, %(period)s")
            % {"organisation": r.organisation.short_name, "period": r.period.label},
            url=cycle_reverse("report-detail", r.period.cycle, report_pk=r.pk),
            network=r.period.cycle.network,
            cycle=r.period.cycle,
            since=r.submitted_at,
        )
        for r in reports
    ]


def register() -> None:
    from gcmhub.todo import registry

    registry.register("workplan.reports-to-write", reports_to_write)
    registry.register("workplan.reports-to-review", reports_to_review)
