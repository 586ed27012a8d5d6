from functools import partial

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.core.errors import StaleVersion
from gcmhub.core.workflow import State
from gcmhub.framework.models import FrameworkOutcome, Objective
from gcmhub.priorities import services
from gcmhub.priorities.models import Criterion, RoundStatus, ScoreSheet, ScoringRound
from gcmhub.priorities.selectors import priority_results
from gcmhub.priorities.tests.conftest import full_rows
from gcmhub.tests.factories import FrameworkOutcomeFactory


def test_a_new_round_gets_the_five_default_criteria_with_anchors(cycle):
    services.round_prepare(cycle=cycle)
    criteria = list(cycle.criteria.order_by("order"))
    assert [c.key for c in criteria] == ["urgency", "policy", "feasibility", "benefit", "alignment"]
    assert criteria[0].anchor_texts("tr")[4].startswith("Kritik")
    assert {c.axis for c in criteria} == {"importance", "feasibility"}


def test_criteria_change_only_before_scoring_opens(cycle, coordinator, scoring):
    with pytest.raises(ValidationError, match="cannot change once scoring has opened"):
        services.criteria_save(
            cycle=cycle,
            by=coordinator,
            rows=[{"name": "Only one", "weight": 1, "axis": "importance"}],
        )


def test_coordinator_edits_weights_adds_and_removes_criteria(cycle, coordinator):
    services.round_prepare(cycle=cycle)
    urgency = cycle.criteria.get(key="urgency")
    rows = [
        {
            "id": urgency.pk,
            "name": "Urgency",
            "weight": 3,
            "axis": "importance",
            "anchors": {"en": ["a"] * 5, "tr": ["b"] * 5},
        },
        {"name": "Cost", "weight": 1, "axis": "feasibility", "anchors": {}},
    ]
    services.criteria_save(cycle=cycle, by=coordinator, rows=rows)
    assert list(cycle.criteria.values_list("key", "weight")) == [("urgency", 3), ("cost", 1)]


def test_a_focal_point_cannot_change_criteria(cycle, focal_a):
    services.round_prepare(cycle=cycle)
    with pytest.raises(PermissionDenied):
        services.criteria_save(
            cycle=cycle, by=focal_a, rows=[{"name": "X", "weight": 1, "axis": "none"}]
        )


def test_scoring_opens_only_with_invited_organisations(
    cycle, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    services.round_prepare(cycle=cycle)
    with pytest.raises(ValidationError, match="Invite at least one organisation"):
        services.round_open(cycle=cycle, by=coordinator)


def test_opening_tells_the_focal_points(cycle, org_a, coordinator, focal_a, mailoutbox, run_tasks):
    services.sheets_invite(cycle=cycle, organisations=[org_a], by=coordinator)
    services.round_open(cycle=cycle, by=coordinator)
    run_tasks()  # the e-mail at once goes through the task queue
    assert [m.to for m in mailoutbox] == [[focal_a.email]]
    assert "/priorities/score/" in mailoutbox[0].body


def test_focal_point_saves_then_submits_a_complete_sheet(cycle, org_a, focal_a, scoring):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    rows = full_rows(lambda n: 4)
    rows[3] = {"values": {}, "outside_mandate": True, "comment": "Not our mandate"}
    services.sheet_save(sheet=sheet, by=focal_a, rows=rows, expected_version=1)
    services.sheet_submit(sheet=sheet, by=focal_a)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.submitted_by) == (State.SUBMITTED, focal_a)
    assert sheet.rows.get(objective__number=3).outside_mandate


def test_an_incomplete_sheet_cannot_be_submitted(cycle, org_a, focal_a, scoring):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    rows = full_rows(lambda n: 4)
    rows[7]["values"]["policy"] = None
    del rows[23]
    services.sheet_save(sheet=sheet, by=focal_a, rows=rows, expected_version=1)
    with pytest.raises(ValidationError, match="Still to answer: objectives 7, 23"):
        services.sheet_submit(sheet=sheet, by=focal_a)


def test_a_sheet_with_every_objective_outside_the_mandate_is_not_submitted(
    cycle, org_a, focal_a, scoring
):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    rows = {n: {"values": {}, "outside_mandate": True, "comment": ""} for n in range(1, 24)}
    services.sheet_save(sheet=sheet, by=focal_a, rows=rows, expected_version=1)
    with pytest.raises(ValidationError, match="Every objective is marked outside your mandate"):
        services.sheet_submit(sheet=sheet, by=focal_a)
    sheet.refresh_from_db()
    assert sheet.state == State.DRAFT


def test_scores_outside_one_to_five_are_refused(cycle, org_a, focal_a, scoring):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    with pytest.raises(ValidationError, match="from 1 to 5"):
        services.sheet_save(
            sheet=sheet, by=focal_a, rows=full_rows(lambda n: 6), expected_version=1
        )


def test_a_stale_sheet_is_refused(cycle, org_a, focal_a, scoring):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    services.sheet_save(sheet=sheet, by=focal_a, rows=full_rows(lambda n: 4), expected_version=1)
    with pytest.raises(StaleVersion):
        services.sheet_save(
            sheet=sheet, by=focal_a, rows=full_rows(lambda n: 2), expected_version=1
        )


def test_only_the_organisations_focal_point_scores(cycle, org_a, focal_b, coordinator, scoring):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    for user in (focal_b, coordinator):
        with pytest.raises(PermissionDenied):
            services.sheet_save(
                sheet=sheet, by=user, rows=full_rows(lambda n: 4), expected_version=1
            )


def test_submitted_and_closed_sheets_no_longer_change(cycle, org_a, focal_a, coordinator, scoring):
    sheet = ScoreSheet.objects.get(cycle=cycle, organisation=org_a)
    services.sheet_save(sheet=sheet, by=focal_a, rows=full_rows(lambda n: 4), expected_version=1)
    services.sheet_submit(sheet=sheet, by=focal_a)
    with pytest.raises(ValidationError, match="submitted and can no longer change"):
        services.sheet_save(
            sheet=sheet, by=focal_a, rows=full_rows(lambda n: 2), expected_version=2
        )
    services.sheet_reopen(sheet=sheet, by=coordinator)
    services.round_close(cycle=cycle, by=coordinator)
    with pytest.raises(ValidationError, match="Scoring is not open"):
        services.sheet_save(
            sheet=sheet, by=focal_a, rows=full_rows(lambda n: 2), expected_version=2
        )


def test_reminders_go_to_organisations_that_have_not_submitted(
    cycle, coordinator, focal_a, focal_b, results_ready, mailoutbox, run_tasks
):
    ScoreSheet.objects.filter(organisation__name="Ministry A").update(state=State.DRAFT)
    run_tasks()  # the invitations to score, queued when scoring opened
    mailoutbox.clear()
    assert services.scores_remind(cycle=cycle, by=coordinator) == 1
    run_tasks()
    assert mailoutbox[0].to == [focal_a.email]


def test_results_count_only_submitted_sheets(cycle, org_a, results_ready):
    ScoreSheet.objects.filter(organisation=org_a).update(state=State.DRAFT)
    priority = priority_results(cycle)
    assert priority.submitted == 1


def test_a_decision_in_line_with_the_rank_needs_no_rationale(cycle, coordinator, results_ready):
    decision = services.decision_save(
        cycle=cycle,
        objective=Objective.objects.get(number=1),
        by=coordinator,
        horizon="short",
        expected_version=1,
    )
    assert (decision.computed_rank, decision.suggested_horizon, decision.departs_from_rank) == (
        1,
        "short",
        False,
    )
    # One "created" record by its author in the history, not a creation and a change.
    assert [(h.history_type, h.history_user) for h in decision.history.all()] == [
        ("+", coordinator)
    ]


def test_a_decision_against_the_rank_requires_a_rationale(cycle, coordinator, results_ready):
    decide = partial(
        services.decision_save,
        cycle=cycle,
        objective=Objective.objects.get(number=1),
        by=coordinator,
        horizon="long",
        expected_version=1,
    )
    with pytest.raises(ValidationError, match="departs from the computed rank"):
        decide()
    decision = decide(rationale="Depends on a law not yet adopted.")
    assert decision.departs_from_rank
    assert decision.history.first().history_user == coordinator


def test_decisions_link_outcomes_organisations_and_inputs(cycle, coordinator, org_a, results_ready):
    outcome = FrameworkOutcomeFactory(priority__framework__cycle=cycle, code="4.2")
    decision = services.decision_save(
        cycle=cycle,
        objective=Objective.objects.get(number=2),
        by=coordinator,
        horizon="short",
        outcomes=[outcome],
        lead_organisations=[org_a],
        expected_version=1,
    )
    assert list(decision.outcomes.all()) == [outcome]
    assert list(decision.lead_organisations.all()) == [org_a]
    assert FrameworkOutcome.objects.get(pk=outcome.pk).decisions.get() == decision


def test_a_stale_decision_is_refused(cycle, coordinator, results_ready):
    decide = partial(
        services.decision_save,
        cycle=cycle,
        objective=Objective.objects.get(number=1),
        by=coordinator,
        horizon="short",
        expected_version=1,
    )
    decide()
    # a change: version 2 (saved unchanged, it would have stayed 1)
    decide(rationale="Most inputs ask for it first.")
    with pytest.raises(StaleVersion):
        decide()


def test_only_coordinators_decide(cycle, consultant, results_ready):
    with pytest.raises(PermissionDenied):
        services.decision_save(
            cycle=cycle,
            objective=Objective.objects.get(number=1),
            by=consultant,
            horizon="short",
            expected_version=1,
        )


def test_an_invited_organisation_that_scored_stays_invited(
    cycle, org_a, org_b, coordinator, results_ready
):
    with pytest.raises(ValidationError, match="has already scored"):
        services.sheets_invite(cycle=cycle, organisations=[org_b], by=coordinator)
    assert Criterion.objects.filter(cycle=cycle).count() == 5
    assert ScoringRound.objects.get(cycle=cycle).status == RoundStatus.OPEN
