"""Access helpers for the prioritisation: the only way views reach score sheets. A sheet comes
with `.steps`, the steps of its workflow the user may take on it."""

from django.http import Http404

from gcmhub.core import workflow
from gcmhub.core.access import actor_for
from gcmhub.core.models import Cycle
from gcmhub.priorities.models import SHEET_POLICY, RoundStatus, ScoreSheet, ScoringRound
from gcmhub.priorities.selectors import sheets_for_user


def with_steps(user, sheets, *, cycle: Cycle, scoring_round: ScoringRound):
    """Set `.steps` on each sheet: what `user` may do with it now (`"return" in sheet.steps`)."""
    scoring_open = scoring_round.status == RoundStatus.OPEN
    actor = actor_for(user, cycle.network)
    for sheet in sheets:
        sheet.steps = workflow.steps(SHEET_POLICY, actor, sheet.facts(scoring_open=scoring_open))
    return sheets


def get_own_sheet_for_user(user, *, cycle: Cycle, scoring_round: ScoringRound) -> ScoreSheet:
    """The score sheet of the user's organisation (404 if it is not invited)."""
    actor = actor_for(user, cycle.network)
    sheet = (
        sheets_for_user(user, cycle=cycle)
        .filter(organisation_id=actor.organisation_id)
        .select_related("organisation")
        .first()
    )
    if sheet is None:
        raise Http404
    return with_steps(user, [sheet], cycle=cycle, scoring_round=scoring_round)[0]


def get_sheet_for_user(user, *, cycle: Cycle, pk: int, scoring_round: ScoringRound) -> ScoreSheet:
    """An invited organisation's sheet, for those who manage the scoring (404 if not one of
    the cycle's)."""
    sheet = cycle.score_sheets.select_related("organisation").filter(pk=pk).first()
    if sheet is None:
        raise Http404
    return with_steps(user, [sheet], cycle=cycle, scoring_round=scoring_round)[0]
