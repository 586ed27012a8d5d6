import pytest

from gcmhub.core.workflow import State
from gcmhub.framework.models import Objective
from gcmhub.priorities import services
from gcmhub.priorities.models import RoundStatus, ScoreRow, ScoreSheet, ScoringRound


@pytest.fixture
def scoring(cycle, org_a, org_b, coordinator):
    """A cycle with the default criteria, both organisations invited, scoring open."""
    services.round_prepare(cycle=cycle)
    services.sheets_invite(cycle=cycle, organisations=[org_a, org_b], by=coordinator)
    services.round_open(cycle=cycle, by=coordinator)
    return ScoringRound.objects.get(cycle=cycle)


def full_rows(values_for) -> dict[int, dict]:
    """Rows for all 23 objectives; `values_for(number)` gives one score for every criterion."""
    keys = ["urgency", "policy", "feasibility", "benefit", "alignment"]
    return {
        n: {"values": dict.fromkeys(keys, values_for(n)), "outside_mandate": False, "comment": ""}
        for n in range(1, 24)
    }


def submitted_sheet(cycle, organisation, values_for):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=organisation)
    objectives = {o.number: o for o in Objective.objects.all()}
    for number, row in full_rows(values_for).items():
        ScoreRow.objects.create(sheet=sheet, objective=objectives[number], values=row["values"])
    sheet.state = State.SUBMITTED
    sheet.save()
    return sheet


@pytest.fixture
def results_ready(cycle, scoring, org_a, org_b):
    """Both organisations submitted: objective n scored 5 for n <= 5, else 3 (A) or 2 (B)."""
    submitted_sheet(cycle, org_a, lambda n: 5 if n <= 5 else 3)
    submitted_sheet(cycle, org_b, lambda n: 5 if n <= 5 else 2)
    return cycle


def close(cycle):
    ScoringRound.objects.filter(cycle=cycle).update(status=RoundStatus.CLOSED)
