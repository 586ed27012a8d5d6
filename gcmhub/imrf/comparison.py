"""The same objectives across the network's cycles: horizon, scores and agreement, activities
and indicator progress, for the comparison page and its chart."""

from collections import defaultdict
from dataclasses import dataclass

from gcmhub.core.selectors import cycles_for_network
from gcmhub.framework.models import Objective
from gcmhub.priorities.selectors import priority_results
from gcmhub.workplan import selectors as workplan_selectors
from gcmhub.workplan.models import ActivityStatus


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
    activities = [
        a for a in workplan_selectors.activities_of(cycle) if a.status != ActivityStatus.CANCELLED
    ]
    objectives_of_output = defaultdict(set)
    for activity in activities:
        for objective in activity.objectives.all():
            cells[objective.number].activities += 1
            objectives_of_output[activity.output_id].add(objective.number)
    progress = defaultdict(list)
    periods = workplan_selectors.periods_of(cycle)
    for indicator in workplan_selectors.indicators_of(cycle, periods):
        known = [c["progress"] for c in indicator.cells if c["progress"] is not None]
        if known and indicator.output_id:
            for number in objectives_of_output.get(indicator.output_id, ()):
                progress[number].append(known[-1])
    for number, values in progress.items():
        cells[number].progress = sum(values) / len(values)
    return cells


def comparison(network) -> dict:
    """Rows of objectives, a cell per cycle (oldest first); objectives with no data in any
    cycle are left out."""
    cycles = list(cycles_for_network(network))[::-1]
    per_cycle = [_cycle_cells(cycle) for cycle in cycles]
    rows = []
    for objective in Objective.objects.order_by("number"):
        cells = [cells.get(objective.number, Cell()) for cells in per_cycle]
        if all(cell.empty for cell in cells):
            continue
        rows.append({"objective": objective, "cells": cells})
    return {"cycles": cycles, "rows": rows}
