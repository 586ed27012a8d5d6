"""How progress adds up: activities to outputs, outcomes and objectives; indicator progress."""

import datetime as dt
from decimal import Decimal

import pytest

from gcmhub.workplan.rollup import ActivityFacts, completion, indicator_progress, rollup

H2, H1 = dt.date(2021, 7, 1), dt.date(2022, 1, 1)


def activity(pk, status="ongoing", planned=100, secured=0, currency="USD", reported=()):
    return ActivityFacts(
        id=pk,
        status=status,
        planned=Decimal(planned),
        secured=Decimal(secured),
        currency=currency,
        reported=tuple(reported),
    )


def test_completion_is_the_latest_period_mean_and_completed_counts_100():
    assert completion(activity(1)) == 0
    assert completion(activity(1, reported=[(H2, 30), (H1, 70), (H1, 50)])) == 60
    assert completion(activity(1, status="completed", reported=[(H2, 30)])) == 100


def test_rollup_means_counts_and_sums_budgets_per_currency():
    activities = [
        activity(1, planned=250, secured=150, reported=[(H2, 30)]),
        activity(2, planned=120, secured=200, status="completed"),
        activity(3, planned=300, secured=90, currency="EUR"),
        activity(4, planned=999, status="cancelled", reported=[(H2, 90)]),
    ]
    totals = rollup(activities, lambda a: ["output"])["output"]
    assert totals.activities == 3 and totals.completed == 1
    assert totals.completion == pytest.approx((30 + 100 + 0) / 3)
    assert totals.planned == {"USD": Decimal(370), "EUR": Decimal(300)}
    # The gap is summed activity by activity and never below zero.
    assert totals.gap == {"USD": Decimal(100), "EUR": Decimal(210)}


def test_an_activity_counts_in_full_for_each_objective_it_serves():
    activities = [activity(1, planned=100), activity(2, planned=50)]
    objectives = {1: [9, 11], 2: [11]}
    totals = rollup(activities, lambda a: objectives[a.id])
    assert totals[9].planned == {"USD": Decimal(100)}
    assert totals[11].planned == {"USD": Decimal(150)}
    assert totals[11].activities == 2


def test_a_group_of_cancelled_activities_has_no_completion():
    totals = rollup([activity(1, status="cancelled")], lambda a: ["x"])["x"]
    assert totals.activities == 0 and totals.completion is None


def test_indicator_progress_towards_the_target():
    assert indicator_progress(baseline=Decimal(0), target=Decimal(100), actual=Decimal(120)) == 1.2
    assert (
        indicator_progress(baseline=Decimal(65), target=Decimal(70), actual=Decimal("67.5")) == 0.5
    )
    assert indicator_progress(baseline=Decimal(5), target=Decimal(5), actual=Decimal(6)) is None
    assert indicator_progress(baseline=None, target=Decimal(5), actual=Decimal(6)) is None
