"""The coordination stage: terms of reference, working groups, SOPs and their obligations,
meetings and action points."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register


def coordination_state(cycle, user) -> StageState:
    from gcmhub.coordination.models import Obligation

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
