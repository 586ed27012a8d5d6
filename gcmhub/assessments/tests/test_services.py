import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gcmhub.assessments import services
from gcmhub.assessments.models import (
    Assignment,
    AssignmentSource,
    Input,
    Need,
    Reminder,
)
from gcmhub.assessments.services import InputContent
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.core.errors import StaleVersion
from gcmhub.core.workflow import State
from gcmhub.framework.models import Objective


def content(**overrides):
    base = {
        "language": "en",
        "situation": "Situation",
        "gaps": "Gaps",
        "needs": [{"type": "data", "description": "Better data"}],
        "proposed_actions": [{"description": "Train staff", "horizon": "short", "lead": None}],
        "references": [{"kind": "law", "title": "Law No. 6458", "url": "https://example.org"}],
        "gcm_actions": ["a", "c"],
        "principles": ["human_rights"],
    }
    return InputContent(**{**base, **overrides})


def test_focal_point_saves_an_input_with_its_parts(draft, focal_a):
    services.input_save(input=draft, by=focal_a, content=content(), expected_version=1)
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.situation == "Situation"
    assert [n.description for n in draft.needs.all()] == ["Better data"]
    assert [a.letter for a in draft.gcm_actions.order_by("letter")] == ["a", "c"]
    assert draft.history.first().history_user == focal_a


def test_saving_over_a_newer_version_is_refused_and_changes_nothing(draft, focal_a):
    services.input_save(
        input=draft, by=focal_a, content=content(situation="First"), expected_version=1
    )
    with pytest.raises(StaleVersion):
        services.input_save(
            input=draft, by=focal_a, content=content(situation="Second"), expected_version=1
        )
    draft.refresh_from_db()
    assert draft.situation == "First"


def test_text_is_cleaned_of_markup(draft, focal_a):
    services.input_save(
        input=draft,
        by=focal_a,
        content=content(situation="<script>alert(1)</script><b>Bold</b> & fine"),
        expected_version=1,
    )
    draft.refresh_from_db()
    assert draft.situation == "Bold & fine"


def test_another_organisations_focal_point_cannot_save(draft, focal_b):
    with pytest.raises(PermissionDenied):
        services.input_save(input=draft, by=focal_b, content=content(), expected_version=1)


def test_rows_keep_their_identity_when_edited(draft, focal_a):
    services.input_save(input=draft, by=focal_a, content=content(), expected_version=1)
    need = draft.needs.get()
    services.input_save(
        input=draft,
        by=focal_a,
        content=content(needs=[{"id": need.pk, "type": "policy", "description": "Changed"}]),
        expected_version=2,
    )
    need.refresh_from_db()
    assert (need.type, need.description) == ("policy", "Changed")
    assert Need.objects.filter(input=draft).count() == 1


def test_submit_return_resubmit_accept(draft, focal_a, consultant, mailoutbox, run_tasks):
    services.input_submit(input=draft, by=focal_a)
    draft.refresh_from_db()
    assert (draft.state, draft.submitted_by) == (State.SUBMITTED, focal_a)
    services.input_return(input=draft, by=consultant, reason="Name the law.")
    run_tasks()  # the e-mail at once goes through the task queue
    draft.refresh_from_db()
    assert (draft.state, draft.return_reason) == (State.RETURNED, "Name the law.")
    assert mailoutbox[0].to == [focal_a.email]
    assert "Name the law." in mailoutbox[0].body
    services.input_submit(input=draft, by=focal_a)
    services.input_accept(input=draft, by=consultant)
    draft.refresh_from_db()
    assert (draft.state, draft.reviewed_by) == (State.ACCEPTED, consultant)


def test_an_empty_input_is_not_submitted(draft, focal_a):
    services.input_save(
        input=draft,
        by=focal_a,
        content=content(situation="", gaps="  ", needs=[], proposed_actions=[], references=[]),
        expected_version=1,
    )
    with pytest.raises(ValidationError, match="This input is empty, so it was not submitted"):
        services.input_submit(input=draft, by=focal_a)
    draft.refresh_from_db()
    assert (draft.state, draft.submitted_at) == (State.DRAFT, None)


def test_an_input_with_only_a_need_is_submitted(draft, focal_a):
    services.input_save(
        input=draft,
        by=focal_a,
        content=content(situation="", gaps="", proposed_actions=[], references=[]),
        expected_version=1,
    )
    services.input_submit(input=draft, by=focal_a)
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED


def test_returning_needs_a_reason(submitted, consultant):
    with pytest.raises(ValidationError, match="Say why"):
        services.input_return(input=submitted, by=consultant, reason="  ")
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_a_focal_point_cannot_accept_their_own_input(submitted, focal_a):
    with pytest.raises(PermissionDenied):
        services.input_accept(input=submitted, by=focal_a)


def test_closing_locks_inputs_and_one_can_be_reopened(
    cycle, draft, submitted, focal_a, coordinator, consultant
):
    services.input_accept(input=submitted, by=consultant)
    services.collection_close(cycle=cycle, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.input_save(input=draft, by=focal_a, content=content(), expected_version=1)
    submitted.refresh_from_db()
    with pytest.raises(ValidationError):
        services.input_reopen(input=submitted, by=coordinator, reason="")
    services.input_reopen(input=submitted, by=coordinator, reason="A figure is wrong.")
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reopened) == (State.RETURNED, True)
    services.input_save(
        input=submitted, by=focal_a, content=content(), expected_version=submitted.version
    )
    services.input_submit(input=submitted, by=focal_a)
    services.input_accept(input=submitted, by=consultant)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.reopened) == (State.ACCEPTED, False)


def test_the_consultant_cannot_reopen(cycle, submitted, coordinator, consultant):
    services.collection_close(cycle=cycle, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.input_reopen(input=submitted, by=consultant, reason="x")


def test_assignments_replace_the_coordinators_choice_but_keep_volunteered_ones(
    cycle, org_a, coordinator, focal_a, objective, assignments, collection
):
    services.assignment_volunteer(
        cycle=cycle, objective=Objective.objects.get(number=1), by=focal_a
    )
    services.assignments_set(
        cycle=cycle,
        organisation=org_a,
        objectives=[Objective.objects.get(number=11)],
        by=coordinator,
    )
    numbers = sorted(
        cycle.assignments.filter(organisation=org_a).values_list("objective__number", flat=True)
    )
    assert numbers == [1, 11]
    assert (
        cycle.assignments.get(organisation=org_a, objective__number=1).source
        == AssignmentSource.VOLUNTEERED
    )


def test_an_objective_with_an_input_cannot_be_taken_away(cycle, org_a, coordinator, draft):
    with pytest.raises(ValidationError, match="already written an input"):
        services.assignments_set(cycle=cycle, organisation=org_a, objectives=[], by=coordinator)
    assert cycle.assignments.filter(organisation=org_a, objective=draft.objective).exists()


def test_inputs_start_only_on_objectives_asked(cycle, org_a, focal_a, collection):
    with pytest.raises(ValidationError, match="not asked"):
        services.input_open(
            cycle=cycle, organisation=org_a, objective=Objective.objects.get(number=2), by=focal_a
        )


def test_reminders_go_once_to_organisations_with_missing_inputs(
    cycle, collection, assignments, submitted_b, focal_a, focal_b, mailoutbox, run_tasks
):
    today = collection.deadline - dt.timedelta(days=6)
    assert services.reminders_send(today=today) == 1  # org A has nothing submitted; B is done
    run_tasks()  # the e-mail goes by the queue
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [focal_a.email]
    assert "14 May 2021" in mailoutbox[0].subject
    assert services.reminders_send(today=today) == 0  # run again the same day: nothing
    assert services.reminders_send(today=collection.deadline - dt.timedelta(days=1)) == 1
    assert services.reminders_send(today=collection.deadline + dt.timedelta(days=1)) == 1
    assert Reminder.objects.count() == 3


def test_reminders_leave_a_notification_due_soon_then_late_for_the_focal_points(
    cycle, collection, assignments, submitted_b, focal_a, focal_b, mailoutbox
):
    from gcmhub.notifications.models import Kind

    services.reminders_send(today=collection.deadline - dt.timedelta(days=1))
    services.reminders_send(today=collection.deadline + dt.timedelta(days=1))
    rows = list(focal_a.notifications.order_by("pk"))
    assert [n.kind for n in rows] == [Kind.DUE_SOON, Kind.LATE]
    assert rows[0].text == "The inputs of MA on objectives 9, 10 are due by 14 May 2021."
    assert "were due by 14 May 2021 and are not submitted yet" in rows[1].text
    assert rows[0].url.endswith(f"/cycles/{cycle.pk}/assessment/")
    assert not focal_b.notifications.exists()


def test_an_extension_moves_the_reminders_of_that_organisation_only(
    cycle,
    collection,
    assignments,
    coordinator,
    org_a,
    org_b,
    focal_a,
    focal_b,
    mailoutbox,
    run_tasks,
):
    extended = collection.deadline + dt.timedelta(days=14)
    changed = services.assignment_deadline_set(
        cycle=cycle, organisation=org_a, deadline=extended, reason="Elections", by=coordinator
    )
    assert changed == 2
    assert services.reminders_send(today=collection.deadline + dt.timedelta(days=1)) == 1
    run_tasks()
    assert [m.to for m in mailoutbox] == [[focal_b.email]]  # B is late; A has two more weeks
    assert services.reminders_send(today=extended - dt.timedelta(days=1)) == 1
    run_tasks()
    assert mailoutbox[1].to == [focal_a.email]
    assert "28 May 2021" in mailoutbox[1].subject
    assignment = cycle.assignments.filter(organisation=org_a).first()
    assert assignment.history.first().history_user == coordinator
    assert assignment.deadline_reason == "Elections"


def test_an_extension_needs_a_reason_and_the_coordinator(
    cycle, collection, assignments, org_a, focal_a, coordinator
):
    with pytest.raises(ValidationError, match="Give the reason"):
        services.assignment_deadline_set(
            cycle=cycle,
            organisation=org_a,
            deadline=collection.deadline,
            reason=" ",
            by=coordinator,
        )
    with pytest.raises(PermissionDenied):
        services.assignment_deadline_set(
            cycle=cycle, organisation=org_a, deadline=collection.deadline, reason="x", by=focal_a
        )


def test_no_reminders_once_the_collection_is_closed(
    cycle, collection, assignments, coordinator, mailoutbox
):
    services.collection_close(cycle=cycle, by=coordinator)
    assert services.reminders_send(today=collection.deadline) == 0


def test_requests_mail_each_focal_point_their_questionnaire(
    cycle, collection, assignments, coordinator, focal_a, focal_b, mailoutbox, run_tasks
):
    assert services.requests_send(cycle=cycle, by=coordinator) == 2
    run_tasks()
    message = next(m for m in mailoutbox if m.to == [focal_a.email])
    assert "9. Strengthen the transnational response to smuggling of migrants" in message.body
    name, data, mimetype = message.attachments[0]
    assert name.endswith(".xlsx")
    assert data[:2] == b"PK"
    collection.refresh_from_db()
    assert collection.requests_sent_at is not None


def test_input_counts_by_state_are_stored_once_per_pair(cycle, org_a, objective, assignments):
    make_input(cycle, org_a, objective)
    with pytest.raises(Exception):  # noqa: B017 - the database refuses a second input
        Input.objects.create(cycle=cycle, organisation=org_a, objective=objective)


def test_volunteering_needs_a_focal_point(cycle, coordinator, collection):
    with pytest.raises(PermissionDenied):
        services.assignment_volunteer(
            cycle=cycle, objective=Objective.objects.get(number=1), by=coordinator
        )
    assert not Assignment.objects.exists()


def test_writes_the_views_used_to_guard_check_who_acts(cycle, collection, focal_a, consultant):
    """The collection, consultations, attachments and syntheses refuse those the pages refuse,
    whoever calls them."""
    objective = Objective.objects.get(number=9)
    with pytest.raises(PermissionDenied):
        services.collection_update(cycle=cycle, by=focal_a, deadline=None, instructions="")
    with pytest.raises(PermissionDenied):
        services.collection_update(cycle=cycle, by=consultant, deadline=None, instructions="")
    with pytest.raises(PermissionDenied):
        services.consultation_save(
            cycle=cycle, by=focal_a, date=dt.date(2021, 4, 6), type="interview", title="A talk"
        )
    consultation = services.consultation_save(
        cycle=cycle, by=consultant, date=dt.date(2021, 4, 6), type="interview", title="A talk"
    )
    assert consultation.title == "A talk"
    with pytest.raises(PermissionDenied):
        services.synthesis_save(
            cycle=cycle, objective=objective, by=focal_a, text="Mine", expected_version=1
        )
    with pytest.raises(PermissionDenied):
        services.requests_send(cycle=cycle, by=consultant)
