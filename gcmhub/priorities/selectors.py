"""Reads of the prioritisation, and the bridge from the database to the pure aggregation."""

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from gcmhub.core import workflow
from gcmhub.core.access import actor_for
from gcmhub.core.memo import history_stamp, remembered
from gcmhub.core.models import Cycle
from gcmhub.core.workflow import State
from gcmhub.framework.models import Objective
from gcmhub.priorities import aggregation
from gcmhub.priorities.models import (
    SHEET_POLICY,
    Criterion,
    Decision,
    ScoreRow,
    ScoreSheet,
    ScoringRound,
)


def scoring_round_for(cycle: Cycle) -> ScoringRound:
    return ScoringRound.objects.filter(cycle=cycle).first() or ScoringRound(cycle=cycle)


def criteria_for(cycle: Cycle) -> list[Criterion]:
    return list(cycle.criteria.order_by("order", "pk"))


def sheets_for_user(user, *, cycle: Cycle) -> QuerySet[ScoreSheet]:
    """Score sheets the user may read: their organisation's (any state) for focal points; the
    submitted ones for those who read the results."""
    actor = actor_for(user, cycle.network)
    seen = Q(pk__in=[])
    if actor.has(SHEET_POLICY.author) and actor.speaks_for(actor.organisation_id):
        seen |= Q(organisation_id=actor.organisation_id)
    states = workflow.visible_states(SHEET_POLICY, actor)
    if states:
        seen |= Q(state__in=states)
    return cycle.score_sheets.filter(seen)


def sheets_with_progress(cycle: Cycle, *, page: str | int | None = 1, size: int = 50) -> Page:
    """A page of the invited organisations' sheets (by name), each with `answered`: objectives
    scored or declined (counted once per change of the scores)."""
    sheets = cycle.score_sheets.select_related("organisation", "submitted_by").order_by(
        "organisation__name", "pk"
    )
    found = Paginator(sheets, size).get_page(page)
    answered = remembered(
        f"priorities:answered:{cycle.pk}",
        stamp=scores_stamp(cycle),
        compute=lambda: _answered(cycle),
        per_language=False,
    )
    for sheet in found:
        sheet.answered = answered.get(sheet.pk, 0)
    return found


def _answered(cycle: Cycle) -> Counter:
    """Objectives each sheet of the cycle scored or declined, by sheet id."""
    return Counter(
        sheet_id
        for sheet_id, values, outside in ScoreRow.objects.filter(sheet__cycle=cycle).values_list(
            "sheet_id", "values", "outside_mandate"
        )
        if outside or any(v is not None for v in (values or {}).values())
    )


@dataclass
class PriorityResults:
    results: aggregation.Results
    criteria: list[Criterion]
    objectives: dict[int, Objective]
    submitted: int  # organisations whose submitted scores the results are made from
    decisions: dict[int, Decision]

    @property
    def ranked_count(self) -> int:
        return sum(1 for r in self.results.objectives if r.rank is not None)

    def rows(self) -> list[dict]:
        """One row a ranked objective, ready for the table and the export."""
        rows = []
        for result in self.results.objectives:
            decision = self.decisions.get(result.objective)
            rows.append(
                {
                    "result": result,
                    "objective": self.objectives[result.objective],
                    "suggested": aggregation.suggested_horizon(result.rank, self.ranked_count),
                    "decision": decision,
                }
            )
        return rows


def scores_stamp(cycle: Cycle, *, extra: object = "") -> str:
    """What the aggregation of a cycle is made from: its score sheets (their states) and their
    rows (the scores), as the audit trail stamps them (two queries)."""
    return history_stamp(
        ScoreSheet.history.filter(cycle_id=cycle.pk),
        ScoreRow.history.filter(sheet__cycle_id=cycle.pk),
        extra=extra,
    )


def _aggregated(
    cycle: Cycle, criteria: list[Criterion], numbers: list[int], *, with_sensitivity: bool
) -> tuple[aggregation.Results, int]:
    """The aggregation of the cycle's submitted scores and how many organisations submitted."""
    rows = ScoreRow.objects.filter(sheet__cycle=cycle, sheet__state=State.SUBMITTED).values_list(
        "sheet__organisation_id", "objective__number", "values", "outside_mandate"
    )
    answers = [
        aggregation.Answer(
            organisation=str(organisation_id),
            objective=number,
            values=values,
            outside_mandate=outside,
        )
        for organisation_id, number, values, outside in rows
    ]
    submitted = cycle.score_sheets.filter(state=State.SUBMITTED).count()
    results = aggregation.aggregate(
        [aggregation.Criterion(c.key, float(c.weight), c.axis) for c in criteria],
        answers,
        numbers,
        with_sensitivity=with_sensitivity,
    )
    return results, submitted


def priority_results(cycle: Cycle, *, with_sensitivity: bool = True) -> PriorityResults:
    """Aggregate the submitted score sheets of a cycle: computed once per change of the scores
    or of the criteria (then remembered), the decisions read as they are now."""
    criteria = criteria_for(cycle)
    objectives = {
        o.number: o for o in Objective.objects.select_related("round_table").order_by("number")
    }
    weights = [(c.key, str(c.weight), c.axis) for c in criteria]  # read anyway: the stamp's part
    results, submitted = remembered(
        f"priorities:results:{cycle.pk}:{'sensitivity' if with_sensitivity else 'plain'}",
        stamp=scores_stamp(cycle, extra=repr((weights, list(objectives)))),
        compute=lambda: _aggregated(
            cycle, criteria, list(objectives), with_sensitivity=with_sensitivity
        ),
        per_language=False,
    )
    decisions = {
        d.objective.number: d
        for d in cycle.decisions.select_related("objective").prefetch_related("outcomes")
    }
    return PriorityResults(
        results=results,
        criteria=criteria,
        objectives=objectives,
        submitted=submitted,
        decisions=decisions,
    )


def objective_scores(cycle: Cycle, objective: Objective):
    """Each submitted organisation's row on one objective, with its organisation."""
    return (
        ScoreRow.objects.filter(
            sheet__cycle=cycle, sheet__state=State.SUBMITTED, objective=objective
        )
        .select_related("sheet__organisation")
        .order_by("sheet__organisation__name")
    )


def sheet_for_organisation(cycle: Cycle, organisation_id: int) -> ScoreSheet | None:
    return (
        cycle.score_sheets.filter(organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )


def decisions_by_horizon(cycle: Cycle) -> list[tuple[str, str, list[Decision]]]:
    from gcmhub.editions.texts import prefetch
    from gcmhub.priorities.models import DecisionHorizon

    decisions = prefetch(
        cycle.decisions.select_related("objective")
        .prefetch_related(
            "outcomes", "lead_organisations", "supporting_organisations", "sdg_targets"
        )
        .order_by("objective__number")
    )
    return [
        (value, label, [d for d in decisions if d.horizon == value])
        for value, label in DecisionHorizon.choices
    ]
