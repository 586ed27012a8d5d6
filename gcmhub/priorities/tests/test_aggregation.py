"""Aggregation of scores, by hand-computed cases and by properties (no database)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gcmhub.priorities.aggregation import (
    Answer,
    Criterion,
    aggregate,
    average_ranks,
    competition_ranks,
    kendall_w,
    suggested_horizon,
    weighted_score,
)

A2_B1 = [Criterion("a", 2.0, "importance"), Criterion("b", 1.0, "feasibility")]


def test_weighted_score_renormalises_over_the_criteria_scored():
    assert weighted_score({"a": 5, "b": 2}, A2_B1) == pytest.approx(4.0)
    assert weighted_score({"a": 2, "b": None}, A2_B1) == pytest.approx(2.0)
    assert weighted_score({}, A2_B1) is None


def test_a_hand_computed_case_with_a_missing_value_and_an_abstention():
    answers = [
        Answer("X", 1, {"a": 5, "b": 2}),
        Answer("X", 2, {"a": 3, "b": 3}),
        Answer("X", 3, {"a": 1, "b": 4}),
        Answer("Y", 1, {"a": 4, "b": 4}),
        Answer("Y", 2, outside_mandate=True),
        Answer("Y", 3, {"a": 2}),  # b left empty
    ]
    results = aggregate(A2_B1, answers, [1, 2, 3]).by_objective()
    assert [results[o].mean for o in (1, 2, 3)] == pytest.approx([4.0, 3.0, 2.0])
    assert [results[o].rank for o in (1, 2, 3)] == [1, 2, 3]
    assert results[2].organisations == 1
    assert results[2].outside_mandate == 1
    assert results[1].spread == pytest.approx(0.0)
    assert [results[o].borda for o in (1, 2, 3)] == [3.0, 1.0, 0.0]
    assert results[1].importance == pytest.approx(4.5)  # a: 5 and 4
    assert results[1].feasibility == pytest.approx(3.0)  # b: 2 and 4
    assert aggregate(A2_B1, answers, [1, 2, 3]).kendall_w == pytest.approx(1.0)  # over {1, 3}


def test_ties_share_a_rank_and_skip_the_next():
    answers = [Answer("X", o, {"a": v}) for o, v in [(1, 4), (2, 4), (3, 2)]]
    results = aggregate([Criterion("a", 1.0)], answers, [1, 2, 3])
    assert [(r.objective, r.rank) for r in results.objectives] == [(1, 1), (2, 1), (3, 3)]
    assert competition_ranks({1: 4.0, 2: 4.0, 3: 2.0}) == {1: 1, 2: 1, 3: 3}
    assert average_ranks({1: 4.0, 2: 4.0, 3: 2.0}) == {1: 1.5, 2: 1.5, 3: 3.0}


def test_one_organisation_gives_ranks_but_no_agreement_or_spread():
    answers = [Answer("X", 1, {"a": 5}), Answer("X", 2, {"a": 3})]
    results = aggregate([Criterion("a", 1.0)], answers, [1, 2, 3])
    assert results.kendall_w is None
    assert [(r.objective, r.rank) for r in results.objectives] == [(1, 1), (2, 2), (3, None)]
    assert results.by_objective()[1].spread is None


def test_opposite_views_give_no_agreement_and_flag_contested_objectives():
    answers = [
        Answer("X", 1, {"a": 5}),
        Answer("X", 2, {"a": 1}),
        Answer("Y", 1, {"a": 1}),
        Answer("Y", 2, {"a": 5}),
    ]
    results = aggregate([Criterion("a", 1.0)], answers, [1, 2])
    assert results.kendall_w == pytest.approx(0.0)
    assert results.by_objective()[1].spread == pytest.approx(2.0)
    assert results.by_objective()[1].contested


def test_sensitivity_lists_the_ranks_that_move_with_a_weight():
    criteria = [Criterion("a", 1.0), Criterion("b", 1.0)]
    answers = [Answer("X", 1, {"a": 5, "b": 1}), Answer("X", 2, {"a": 3, "b": 3})]
    results = aggregate(criteria, answers, [1, 2])
    assert [r.rank for r in results.objectives] == [1, 1]  # tied at 3.0
    moves = {(s["criterion"], round(s["factor"], 1)): s["changes"] for s in results.sensitivity}
    assert moves[("a", 1.2)] == [(2, 1, 2)]  # objective 2 falls to second
    assert moves[("a", 0.8)] == [(1, 1, 2)]  # objective 1 falls to second


def test_kendall_w_corrects_for_ties_and_needs_two_raters():
    same = {1: 3.0, 2: 3.0, 3: 1.0}
    assert kendall_w({"X": same, "Y": same}) == pytest.approx(1.0)
    assert kendall_w({"X": same}) is None
    assert kendall_w({"X": {1: 1.0}, "Y": {1: 2.0}}) is None  # one common objective


@pytest.mark.parametrize(
    ("rank", "count", "horizon"),
    [
        (1, 9, "short"),
        (3, 9, "short"),
        (4, 9, "medium"),
        (6, 9, "medium"),
        (7, 9, "long"),
        (None, 9, None),
    ],
)
def test_the_suggested_horizon_follows_thirds_of_the_ranking(rank, count, horizon):
    assert suggested_horizon(rank, count) == horizon


# Properties

scores = st.integers(min_value=1, max_value=5)
organisations = st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=4, unique=True)


@st.composite
def scored(draw):
    criteria = [
        Criterion(key, draw(st.floats(min_value=0.1, max_value=10)))
        for key in ("u", "v", "w")[: draw(st.integers(min_value=1, max_value=3))]
    ]
    objectives = list(range(1, draw(st.integers(min_value=2, max_value=6)) + 1))
    answers = [
        Answer(org, objective, {c.key: draw(scores) for c in criteria})
        for org in draw(organisations)
        for objective in objectives
    ]
    return criteria, answers, objectives


@settings(max_examples=60, deadline=None)
@given(scored(), st.floats(min_value=0.01, max_value=100))
def test_scaling_all_weights_leaves_the_ranks_unchanged(case, factor):
    criteria, answers, objectives = case
    scaled = [Criterion(c.key, c.weight * factor) for c in criteria]
    before = {
        r.objective: r.rank
        for r in aggregate(criteria, answers, objectives, with_sensitivity=False).objectives
    }
    after = {
        r.objective: r.rank
        for r in aggregate(scaled, answers, objectives, with_sensitivity=False).objectives
    }
    assert before == after


@settings(max_examples=60, deadline=None)
@given(scored(), st.data())
def test_an_objective_everyone_puts_on_top_ranks_first(case, data):
    criteria, answers, objectives = case
    top = data.draw(st.sampled_from(objectives))
    unanimous = [
        Answer(
            a.organisation,
            a.objective,
            {k: 5 if a.objective == top else min(v, 4) for k, v in a.values.items()},
        )
        for a in answers
    ]
    results = aggregate(criteria, unanimous, objectives, with_sensitivity=False)
    assert results.objectives[0].objective == top
    assert results.objectives[0].rank == 1
    assert all(r.rank > 1 for r in results.objectives[1:])


@settings(max_examples=60, deadline=None)
@given(scored())
def test_agreement_is_one_when_all_organisations_score_alike(case):
    criteria, answers, objectives = case
    first = answers[0].organisation
    template = {a.objective: a.values for a in answers if a.organisation == first}
    alike = [Answer(org, o, template[o]) for org in ("A", "B", "C") for o in objectives]
    assert aggregate(
        criteria, alike, objectives, with_sensitivity=False
    ).kendall_w == pytest.approx(1.0)
