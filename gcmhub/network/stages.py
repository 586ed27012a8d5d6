"""Two stages where the network lives day to day: coordination (terms of reference, working
groups, SOPs and their obligations, meetings and action points) and the work plan (activities,
indicators, progress reports)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register


def coordination_state(cycle, user) -> StageState:
    from gcmhub.network.models import Obligation

    rules = cycle.sop_rules.count()
    if not rules:
        return StageState(
            status=Status.NOT_STARTED,
            facts=[_("No SOP rule yet: write the network's working modalities as rules.")],
        )
    today = timezone.localdate()
    obligations = Obligation.objects.filter(rule__cycle=cycle)
    late = obligations.filter(done_at__isnull=True, due_date__lt=today).count()
    soon = obligations.filter(
        done_at__isnull=True, due_date__gte=today, due_date__lte=today + dt.timedelta(days=30)
    ).count()
    return StageState(
        status=Status.IN_PROGRESS,
        facts=[
            ngettext("%(count)d SOP rule.", "%(count)d SOP rules.", rules) % {"count": rules},
            ngettext("%(count)d obligation late.", "%(count)d obligations late.", late)
            % {"count": late},
            ngettext(
                "%(count)d obligation due in the next 30 days.",
                "%(count)d obligations due in the next 30 days.",
                soon,
            )
            % {"count": soon},
        ],
    )


def workplan_state(cycle, user) -> StageState:
    from gcmhub.network.models import Activity, ProgressReport, ReportState

    activities = Activity.objects.filter(output__cycle=cycle).count()
    if not activities:
        return StageState(status=Status.NOT_STARTED, facts=[_("No activity planned yet.")])
    waiting = ProgressReport.objects.filter(
        period__cycle=cycle, state=ReportState.SUBMITTED
    ).count()
    return StageState(
        status=Status.IN_PROGRESS,
        facts=[
            ngettext("%(count)d activity planned.", "%(count)d activities planned.", activities)
            % {"count": activities},
            ngettext(
                "%(count)d progress report waiting for review.",
                "%(count)d progress reports waiting for review.",
                waiting,
            )
            % {"count": waiting},
        ],
    )


def register_stages():
    register(
        Stage(
            key="coordination",
            order=70,
            label=_("Coordination"),
            description=_(
                "Terms of reference, working groups, SOPs that run as a calendar of obligations, "
                "network meetings and their action points."
            ),
            url_name="coordination",
            perm=Perm.SOP_VIEW,
            state=coordination_state,
        )
    )
    register(
        Stage(
            key="workplan",
            order=80,
            label=_("Work plan"),
            description=_(
                "The results-based work plan: outputs and activities under the cooperation "
                "framework outcomes, indicators, progress reports and funding gaps."
            ),
            url_name="workplan",
            perm=Perm.WORKPLAN_VIEW,
            state=workplan_state,
        )
    )
