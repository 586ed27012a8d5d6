"""The prioritisation stage: scoring by partners, then the network's decisions."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcmhub.core.pages import cycle_reverse
from gcmhub.core.permissions import Perm
from gcmhub.core.stages import Stage, StageState, Status, register
from gcmhub.core.workflow import State
from gcmhub.priorities.models import DecisionHorizon, RoundStatus, ScoringRound


def priorities_state(cycle, user) -> StageState:
    scoring_round = ScoringRound.objects.filter(cycle=cycle).first()
    sheets = list(cycle.score_sheets.values_list("state", flat=True))
    decisions = list(cycle.decisions.values_list("horizon", flat=True))
    submitted = sum(1 for s in sheets if s == State.SUBMITTED)
    lines = [
        ngettext(
            "%(submitted)d of %(count)d invited organisation has submitted its scores.",
            "%(submitted)d of %(count)d invited organisations have submitted their scores.",
            len(sheets),
        )
        % {"submitted": submitted, "count": len(sheets)},
    ]
    if scoring_round:
        lines.append(_("Scoring: %(status)s.") % {"status": scoring_round.get_status_display()})
    counts = {value: decisions.count(value) for value in DecisionHorizon.values}
    lines.append(
        _(
            "Decisions: %(short)d short term, %(medium)d medium term, %(long)d long term, "
            "%(not_now)d not prioritised now."
        )
        % counts
    )
    if not sheets and not decisions:
        status = Status.NOT_STARTED
    elif scoring_round and scoring_round.status == RoundStatus.CLOSED and decisions:
        status = Status.DONE
    else:
        status = Status.IN_PROGRESS
    links = [(_("Decisions"), cycle_reverse("decision-list", cycle))]
    return StageState(status=status, facts=lines, links=links)


def register_stages():
    register(
        Stage(
            key="priorities",
            order=30,
            label=_("Prioritisation"),
            description=_(
                "Partners score the GCM objectives on weighted criteria; the network decides the "
                "short, medium and long-term priorities, in line with the cooperation framework."
            ),
            url_name="priorities-home",
            perm=Perm.PRIORITY_VIEW,
            state=priorities_state,
        )
    )
