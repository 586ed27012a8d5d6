"""Demo data of the prioritisation: illustrative scores of the government bodies of the case
and provisional decisions. Every score and decision here is ILLUSTRATIVE (marked so)."""

import datetime as dt

from django.utils import timezone

from gcmhub.core.workflow import State
from gcmhub.demo.assessments import _organisations
from gcmhub.framework.models import FrameworkOutcome, Objective
from gcmhub.priorities import services
from gcmhub.priorities.models import (
    Decision,
    RoundStatus,
    ScoreRow,
    ScoreSheet,
    ScoringRound,
)

# urgency, policy, feasibility, benefit, alignment: a plausible common view per objective
BASE = {
    1: (4, 4, 4, 3, 4),
    2: (3, 3, 2, 3, 2),
    3: (3, 3, 4, 3, 3),
    4: (3, 3, 3, 3, 3),
    5: (3, 3, 3, 4, 3),
    6: (4, 4, 3, 4, 4),
    7: (4, 3, 3, 5, 4),
    8: (4, 3, 3, 4, 3),
    9: (5, 5, 4, 4, 5),
    10: (5, 5, 4, 5, 5),
    11: (5, 5, 3, 3, 4),
    12: (3, 3, 3, 3, 3),
    13: (2, 2, 3, 3, 3),
    14: (3, 3, 4, 3, 2),
    15: (4, 4, 3, 5, 5),
    16: (4, 5, 4, 5, 5),
    17: (4, 4, 4, 4, 4),
    18: (4, 4, 3, 4, 4),
    19: (2, 2, 3, 3, 2),
    20: (2, 2, 3, 3, 2),
    21: (4, 4, 3, 3, 4),
    22: (3, 3, 2, 3, 3),
    23: (3, 4, 4, 3, 3),
}
KEYS = ["urgency", "policy", "feasibility", "benefit", "alignment"]

# organisation: (objectives outside its mandate, objectives of its mandate, sheet state)
SHEETS = {
    "dgmm": (set(), {1, 12}, State.SUBMITTED),
    "dgmm-cim": ({15, 18, 19, 20, 22}, {9, 10, 11, 21}, State.DRAFT),
    "dgmm-fr": (set(), {5, 14, 23}, State.SUBMITTED),
    "dgmm-hc": ({8, 9, 11, 13}, {3, 16, 17}, State.SUBMITTED),
    "dgmm-pvht": ({19, 20, 22}, {7, 10}, State.SUBMITTED),
    "tnp-cmsbg": ({15, 16, 17, 18, 19, 20, 22}, {8, 9, 11}, State.SUBMITTED),
    "molss-gdilf": ({8, 9, 11, 13, 21}, {5, 6, 18, 22}, State.SUBMITTED),
    "mone-gdlll": ({8, 9, 11, 12, 13, 14, 21}, {15, 16, 18}, State.DRAFT),
}
DRAFT_ANSWERED = {"dgmm-cim": 18, "mone-gdlll": 6}  # objectives answered so far in a draft
# Views that differ: alternatives to detention (13) split the organisations.
CONTESTED = {("dgmm-pvht", 13): 5, ("dgmm-hc", 13): 5, ("dgmm", 13): 1, ("dgmm-fr", 13): 2}

# objective: (horizon, outcome codes, lead organisation keys, rationale)
DECISIONS = {
    9: (
        "short",
        ["4.2"],
        ["dgmm-cim", "tnp-cmsbg"],
        "Ranked at the top by the departments concerned; cooperation on smuggling is a stated government priority.",
    ),
    10: (
        "short",
        ["4.2"],
        ["dgmm-pvht"],
        "High and shared urgency; the referral mechanism can be strengthened quickly.",
    ),
    11: (
        "short",
        ["4.2"],
        ["tnp-cmsbg", "dgmm-cim"],
        "Border management is a priority of the migration management outcome 4.2.",
    ),
    1: (
        "short",
        ["4.2"],
        ["dgmm"],
        "Data underpin every other priority and the national voluntary review for the IMRF needs them now.",
    ),
    16: (
        "medium",
        ["1.3"],
        ["dgmm-hc", "mone-gdlll"],
        "Harmonization serves outcome 1.3; the evaluation framework needs time to build.",
    ),
    15: (
        "medium",
        ["1.3", "1.1"],
        ["mone-gdlll"],
        "Access to services supports self-reliance (outcome 1.3).",
    ),
    6: (
        "medium",
        ["1.3", "2.1"],
        ["molss-gdilf"],
        "Decent work for migrants; the rules on recruitment need preparation.",
    ),
    22: (
        "long",
        [],
        ["molss-gdilf"],
        "Portability depends on bilateral agreements that take years.",
    ),
    20: (
        "not_now",
        [],
        [],
        "Remittances were scored low by every organisation and no lead emerged in this cycle.",
    ),
}


def load(cycle, users) -> None:
    organisations = {o.key: o for o in _organisations(cycle)}
    services.round_prepare(cycle=cycle)
    ScoringRound.objects.filter(cycle=cycle, status=RoundStatus.SETUP).update(
        status=RoundStatus.OPEN,
        deadline=dt.date(2021, 6, 4),
        opened_at=timezone.make_aware(dt.datetime(2021, 5, 20, 9, 0)),
    )
    objectives = {o.number: o for o in Objective.objects.all()}
    for index, (key, (outside, mandate, state)) in enumerate(SHEETS.items()):
        sheet, created = ScoreSheet.objects.get_or_create(
            cycle=cycle,
            organisation=organisations[key],
            defaults={
                "state": state,
                "illustrative": True,
                "submitted_at": timezone.make_aware(dt.datetime(2021, 6, 1, 15, 0))
                if state == State.SUBMITTED
                else None,
                "submitted_by": users.get(f"focal-{key}") if state == State.SUBMITTED else None,
            },
        )
        if not created:
            continue
        answered = DRAFT_ANSWERED.get(key, 23)
        for number in range(1, answered + 1):
            if number in outside:
                ScoreRow.objects.create(
                    sheet=sheet, objective=objectives[number], outside_mandate=True
                )
                continue
            values = {}
            for c, criterion in enumerate(KEYS):
                value = BASE[number][c] + ((index * 7 + number * 3 + c) % 3) - 1
                if number in mandate and criterion in ("urgency", "benefit"):
                    value += 1
                value = CONTESTED.get((key, number), value)
                values[criterion] = max(1, min(5, value))
            ScoreRow.objects.create(sheet=sheet, objective=objectives[number], values=values)
    outcomes = {
        o.code: o for o in FrameworkOutcome.objects.filter(priority__framework__cycle=cycle)
    }
    for number, (horizon, codes, leads, rationale) in DECISIONS.items():
        if Decision.objects.filter(cycle=cycle, objective=objectives[number]).exists():
            continue
        decision = services.decision_save(
            cycle=cycle,
            objective=objectives[number],
            by=users["coordinator"],
            horizon=horizon,
            rationale=rationale,
            language="en",
            outcomes=[outcomes[c] for c in codes if c in outcomes],
            lead_organisations=[organisations[k] for k in leads],
            inputs=list(cycle.inputs.filter(objective=objectives[number]).exclude(state="draft")),
            sdg_targets=list(objectives[number].target_links.values_list("target", flat=True)),
            expected_version=1,
        )
        Decision.objects.filter(pk=decision.pk).update(illustrative=True)
