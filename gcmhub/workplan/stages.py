"""The work plan stage: activities, indicators, progress reports."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register


def workplan_state(cycle, user) -> StageState:
    from gcmhub.core.workflow import State
    from gcmhub.workplan.models import Activity, ProgressReport

    activities = Activity.objects.filter(output__cycle=cycle).count()
    if not activities:
        return StageState(status=Status.NOT_STARTED, facts=[_("No activity planned yet.")])
    waiting = ProgressReport.objects.filter(period__cycle=cycle, state=State.SUBMITTED).count()
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
