"""The same objectives across the network's cycles: horizon, scores and agreement, activities
and indicator progress, for the comparison page and its chart.

The figures are computed once per change of what they are made from (core.memo): the scores,
criteria and decisions, the activities and their objectives, the indicators with their targets
and the actuals of accepted reports, of every cycle of the network."""

from collections import defaultdict
from dataclasses import dataclass

from gcmhub.core.memo import history_stamp, remembered
from gcmhub.core.selectors import cycles_for_network
from gcmhub.framework.models import Objective
from gcmhub.priorities.models import Criterion, Decision, ScoreRow, ScoreSheet
from gcmhub.priorities.selectors import priority_results
from gcmhub.workplan import selectors as workplan_selectors
from gcmhub.workplan.models import (
    Activity,
    ActivityStatus,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    ProgressReport,
    ReportingPeriod,
)


@dataclass
class Cell:
    horizon: str = ""
    mean: float | None = None
    spread: float | None = None
    rank: int | None = None
    activities: int = 0
    progress: float | None = None  # mean indicator progress, 1.0 = targets reached

    @property
    def empty(self) -> bool:
        return not (self.horizon or self.mean is not None or self.activities)


def _cycle_cells(cycle) -> dict[int, Cell]:
    cells: dict[int, Cell] = defaultdict(Cell)
    results = priority_results(cycle, with_sensitivity=False)
    for result in results.results.objectives:
        cell = cells[result.objective]
        cell.mean, cell.spread, cell.rank = result.mean, result.spread, result.rank
    for number, decision in results.decisions.items():
        cells[number].horizon = decision.get_horizon_display()
    # Each activity once per objective it serves (one query: the activities' links).
    links = (
        Activity.objectives.through.objects.filter(activity__output__cycle=cycle)
        .exclude(activity__status=ActivityStatus.CANCELLED)
        .values_list("objective__number", "activity__output_id")
    )
    objectives_of_output = defaultdict(set)
    for number, output_id in links:
        cells[number].activities += 1
        objectives_of_output[output_id].add(number)
    progress = defaultdict(list)
    periods = workplan_selectors.periods_of(cycle)
    for indicator in workplan_selectors.indicators_of(cycle, periods):
        known = [c["progress"] for c in indicator.cells if c["progress"] is not None]
        if known and indicator.output_id:
            for number in objectives_of_output.get(indicator.output_id, ()):
                progress[number].append(known[-1])
    for number, values in progress.items():
        cells[number].progress = sum(values) / len(values)
    return dict(cells)


def comparison_stamp(network, *, extra: object = "") -> str:
    """What the comparison of the network's cycles is made from, as the audit trail stamps it."""
    n = network.pk
    return history_stamp(
        ScoreSheet.history.filter(cycle__network_id=n),
        ScoreRow.history.filter(sheet__cycle__network_id=n),
        Criterion.history.filter(cycle__network_id=n),
        Decision.history.filter(cycle__network_id=n),
        Activity.history.filter(output__cycle__network_id=n),
        ReportingPeriod.history.filter(cycle__network_id=n),
        Indicator.history.filter(cycle__network_id=n),
        IndicatorTarget.history.filter(indicator__cycle__network_id=n),
        ProgressReport.history.filter(period__cycle__network_id=n),
        IndicatorActual.history.filter(indicator__cycle__network_id=n),
        extra=extra,
    )


def comparison(network) -> dict:
    """Rows of objectives, a cell per cycle (oldest first); objectives with no data in any
    cycle are left out."""
    cycles = list(cycles_for_network(network))[::-1]
    objectives = list(Objective.objects.order_by("number"))
    # The cycles and objectives are read anyway: their names are part of the stamp.
    read = (
        [(c.pk, c.display_title) for c in cycles],
        [(o.number, o.short_label) for o in objectives],
    )
    per_cycle = remembered(
        f"imrf:compare:{network.pk}",
        stamp=comparison_stamp(network, extra=repr(read)),
        compute=lambda: [_cycle_cells(cycle) for cycle in cycles],
    )
    rows = []
    for objective in objectives:
        cells = [cells.get(objective.number, Cell()) for cells in per_cycle]
        if all(cell.empty for cell in cells):
            continue
        rows.append({"objective": objective, "cells": cells})
    return {"cycles": cycles, "rows": rows}
