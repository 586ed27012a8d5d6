"""My tasks: what waits for each persona, and nothing of other organisations, networks or
drafts; most urgent first; flat query counts; the page people land on."""

import datetime as dt

import pytest
from django.urls import reverse

from gcmhub.assessments import services as assessment_services
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.core.workflow import State
from gcmhub.documents.tests.conftest import comment
from gcmhub.framework.models import Objective
from gcmhub.meetings import services as meeting_services
from gcmhub.meetings.models import OutcomeType
from gcmhub.tests.factories import OrganisationFactory
from gcmhub.todo.selectors import tasks_for_user

pytestmark = pytest.mark.django_db


def _page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("task-list")).content.decode()


def _labels(user) -> list[tuple[str, str]]:
    return [(item.kind_label, item.title) for item in tasks_for_user(user)]


@pytest.fixture
def returned(cycle, org_a, objective, assignments, collection):
    return make_input(
        cycle, org_a, objective, State.RETURNED, return_reason="Name the institutions."
    )


def test_a_focal_point_sees_inputs_to_write_and_to_fix_with_the_reason_and_deadline(
    client, cycle, returned, focal_a
):
    page = _page(client, focal_a)
    assert "Input to fix" in page
    assert "Name the institutions." in page
    assert "Input to write" in page  # objective 10: not started
    assert "14 May 2021" in page
    assert returned.get_absolute_url() in page
    items = tasks_for_user(focal_a)
    assert [i.overdue for i in items] == [True, True]


def test_nothing_of_another_organisation_or_its_drafts(client, cycle, returned, focal_b, org_b):
    make_input(cycle, org_b, returned.objective, State.DRAFT, situation="B's own draft")
    labels = _labels(focal_b)
    assert labels == [("Input to finish and submit", "Objective 9: " + returned.objective.title)]
    assert "Name the institutions." not in _page(client, focal_b)


def test_the_secretariat_sees_submitted_inputs_waiting_but_not_drafts(
    cycle, org_a, org_b, objective, objective_10, assignments, collection, coordinator, consultant
):
    make_input(cycle, org_a, objective, State.SUBMITTED)
    make_input(cycle, org_b, objective, State.DRAFT)
    for user in (coordinator, consultant):
        assert _labels(user) == [("Input to review", "MA on objective 9")]


def test_nothing_crosses_networks_for_the_same_roles(
    cycle, org_a, objective, assignments, collection, outsider, other_cycle, other_org
):
    from gcmhub.assessments.models import Assignment
    from gcmhub.core.permissions import Role
    from gcmhub.tests.factories import MembershipFactory

    make_input(cycle, org_a, objective, State.SUBMITTED)
    make_input(cycle, org_a, Objective.objects.get(number=10), State.RETURNED)
    Assignment.objects.create(cycle=other_cycle, organisation=other_org, objective=objective)
    beta_focal = MembershipFactory(
        network=other_cycle.network, role=Role.FOCAL_POINT, organisation=other_org
    ).user
    assert tasks_for_user(outsider) == []  # beta's coordinator: alpha's input is not theirs
    assert [(i.network, i.cycle) for i in tasks_for_user(beta_focal)] == [
        (other_cycle.network, other_cycle)
    ]


def test_observers_and_outsiders_have_nothing_of_the_network(
    client, cycle, returned, observer, outsider, other_cycle
):
    assert tasks_for_user(observer) == []
    assert tasks_for_user(outsider) == []
    assert "Nothing waits for you now." in _page(client, outsider)


def test_an_extension_shows_its_own_deadline_and_reason(
    client, cycle, org_a, assignments, collection, coordinator, focal_a
):
    assessment_services.assignment_deadline_set(
        cycle=cycle,
        organisation=org_a,
        deadline=dt.date(2021, 6, 30),
        reason="Elections in May",
        by=coordinator,
    )
    page = _page(client, focal_a)
    assert "30 June 2021" in page
    assert "Own deadline: Elections in May" in page
    draft = make_input(cycle, org_a, Objective.objects.get(number=9))
    input_page = client.get(draft.get_absolute_url()).content.decode()
    assert "Due by" in input_page and "30 June 2021" in input_page
    assert "own deadline: Elections in May" in input_page
    home = reverse("assessment-home", kwargs={"network_slug": "alpha", "cycle_pk": cycle.pk})
    assert "Your own deadline: 30 June 2021 (Elections in May)" in client.get(home).content.decode()


def test_overdue_first_then_by_deadline(
    cycle, org_a, objective, objective_10, assignments, collection, coordinator, focal_a
):
    assessment_services.assignment_deadline_set(
        cycle=cycle,
        organisation=org_a,
        objectives=[objective_10],
        deadline=dt.date.today() + dt.timedelta(days=3),
        reason="Late start",
        by=coordinator,
    )
    assessment_services.assignment_deadline_set(
        cycle=cycle,
        organisation=org_a,
        objectives=[objective],
        deadline=dt.date.today() + dt.timedelta(days=1),
        reason="Late start",
        by=coordinator,
    )
    make_input(cycle, org_a, Objective.objects.get(number=2))  # collection's deadline: late
    numbers = [item.title.split(":")[0] for item in tasks_for_user(focal_a)]
    assert numbers == ["Objective 2", "Objective 9", "Objective 10"]


def test_no_input_tasks_once_the_collection_is_closed(cycle, returned, coordinator, focal_a):
    assessment_services.collection_close(cycle=cycle, by=coordinator)
    assert tasks_for_user(focal_a) == []


def test_reviews_to_comment_and_draft_comments_are_the_authors_own(
    review, focal_a, focal_b, consultant
):
    comment(review, focal_a)
    assert _labels(focal_a) == [
        ("Draft comments to submit", "GCM Needs Assessment Report, version 0.1")
    ]
    # Focal B's organisation is invited too and has sent nothing: the review is open for it.
    assert _labels(focal_b) == [
        ("Review open for your comments", "GCM Needs Assessment Report, version 0.1")
    ]
    assert _labels(consultant) == []  # a draft is not the consultant's to answer yet


def test_submitted_comments_wait_for_an_answer(review, focal_a, consultant):
    from gcmhub.documents import services

    comment(review, focal_a)
    services.comments_submit(review=review, by=focal_a)
    assert _labels(focal_a) == []
    assert [label for label, _ in _labels(consultant)] == ["Comments to answer"]


def test_action_points_reach_their_person_or_the_focal_points_of_their_organisation(
    meeting, coordinator, focal_a, focal_b, org_a, consultant
):
    meeting_services.outcome_save(
        meeting=meeting,
        by=coordinator,
        type=OutcomeType.ACTION_POINT,
        text="Send the figures",
        owner="MA",  # names organisation A by its acronym
        due_date=dt.date(2030, 1, 10),
    )
    meeting_services.outcome_save(
        meeting=meeting,
        by=coordinator,
        type=OutcomeType.ACTION_POINT,
        text="Book the room",
        owner_person=consultant,
        due_date=dt.date(2030, 1, 12),
    )
    assert ("Action point of MA", "Send the figures") in _labels(focal_a)
    assert ("Action point you own", "Book the room") in _labels(consultant)
    assert not [t for _, t in _labels(focal_b) if t in ("Send the figures", "Book the room")]


def test_the_list_costs_the_same_queries_with_more_data(
    cycle,
    network,
    org_a,
    objective,
    assignments,
    collection,
    focal_a,
    coordinator,
    django_assert_max_num_queries,
):
    make_input(cycle, org_a, objective, State.RETURNED)
    make_input(cycle, OrganisationFactory(network=network), objective, State.SUBMITTED)
    with django_assert_max_num_queries(30) as few:
        assert len(tasks_for_user(coordinator)) == 1  # the one input to review
        tasks_for_user(focal_a)
    before = len(few.captured_queries)
    for number in range(1, 9):
        org = OrganisationFactory(network=network)
        make_input(cycle, org, Objective.objects.get(number=number), State.SUBMITTED)
        make_input(cycle, org_a, Objective.objects.get(number=number + 10), State.RETURNED)
    with django_assert_max_num_queries(before):
        assert len(tasks_for_user(coordinator)) == 1  # nine inputs to review: one row
        assert len(tasks_for_user(focal_a)) >= 9


def test_many_inputs_to_review_are_one_row_that_opens_them(
    client, cycle, network, objective, assignments, collection, coordinator
):
    from gcmhub.assessments.todo import LISTED

    orgs = [OrganisationFactory(network=network, name=f"Agency {n}") for n in range(LISTED + 1)]
    for org in orgs[:LISTED]:
        make_input(cycle, org, objective, State.SUBMITTED)
    assert len(_labels(coordinator)) == LISTED  # a few: each its own row
    make_input(cycle, orgs[-1], objective, State.SUBMITTED)
    [item] = tasks_for_user(coordinator)
    assert (item.kind_label, item.title) == (
        "Inputs to review",
        f"{LISTED + 1} submitted inputs wait for review",
    )
    assert item.url.endswith(f"/inputs/?state={State.SUBMITTED}")
    page = _page(client, coordinator)
    assert f"{LISTED + 1} submitted inputs wait for review" in page
    listed = client.get(item.url).content.decode()
    assert [org.name for org in orgs if org.name in listed] == [org.name for org in orgs]


def test_home_and_sign_in_land_on_my_tasks(client, cycle, focal_a):
    from gcmhub.tests.factories import PASSWORD

    client.post(reverse("login"), {"username": "focal-a", "password": PASSWORD})
    assert client.get(reverse("home"))["Location"] == reverse("task-list")


def test_the_header_links_to_my_tasks_and_my_tasks_says_how_many(client, cycle, returned, focal_a):
    client.force_login(focal_a)
    home = reverse("assessment-home", kwargs={"network_slug": "alpha", "cycle_pk": cycle.pk})
    assert f'href="{reverse("task-list")}"' in client.get(home).content.decode()
    page = client.get(reverse("task-list")).content.decode()
    assert 'data-task-count="2"' in page
    assert "2 tasks" in page


def test_every_page_shows_the_count_kept_a_minute_and_counted_again_after_a_write(
    client, cycle, returned, focal_a, monkeypatch
):
    from django.core.cache import cache

    from gcmhub.todo import header

    client.force_login(focal_a)  # signing in counts the tasks
    home = reverse("assessment-home", kwargs={"network_slug": "alpha", "cycle_pk": cycle.pk})
    first = client.get(home).content.decode()
    assert 'data-task-count="2"' in first and "2 tasks" in first
    # Another person's write (the input accepted) shows once the kept count is a minute old.
    returned.state = "accepted"
    returned.save(update_fields=["state"])
    assert 'data-task-count="2"' in client.get(home).content.decode()
    kept = cache.get(header.cache_key(focal_a))
    monkeypatch.setattr(header.time, "time", lambda: kept[1] + header.FRESH_SECONDS + 1)
    assert 'data-task-count="1"' in client.get(home).content.decode()
    monkeypatch.undo()
    # The person's own write forgets the kept count: the next page counts again.
    client.post(reverse("language-set"), {"language": "en", "next": home})
    assert cache.get(header.cache_key(focal_a)) is None
    assert 'data-task-count="1"' in client.get(home).content.decode()


def test_score_sheets_while_scoring_is_open(cycle, scoring, org_a, focal_a, focal_b, coordinator):
    from gcmhub.priorities.tests.conftest import submitted_sheet

    submitted_sheet(cycle, org_a, lambda n: 3)
    assert _labels(focal_a) == []
    assert _labels(focal_b) == [("Score sheet to fill in", "Scores of AB")]
    assert ("Scoring open", "1 of 2 score sheets submitted") in _labels(coordinator)


def test_progress_reports_due_returned_and_waiting(
    cycle, activity, org_a, org_b, focal_a, focal_b, coordinator
):
    from django.utils import timezone

    from gcmhub.workplan import services as workplan_services
    from gcmhub.workplan.models import ProgressReport

    today = timezone.localdate()
    period = workplan_services.period_save(
        cycle=cycle,
        by=coordinator,
        label="Now",
        starts=today - dt.timedelta(days=30),
        ends=today + dt.timedelta(days=30),
        due_date=today + dt.timedelta(days=45),
    )
    assert ("Progress report due", "Progress report Now") in _labels(focal_a)
    assert _labels(focal_b) == []  # B leads no activity
    report = ProgressReport.objects.create(
        period=period, organisation=org_a, state=State.RETURNED, return_reason="Add June."
    )
    fix = [i for i in tasks_for_user(focal_a) if i.kind_label == "Progress report to fix"]
    assert [(i.reason, i.deadline) for i in fix] == [("Add June.", period.due_date)]
    assert _labels(coordinator) == []
    ProgressReport.objects.filter(pk=report.pk).update(state=State.SUBMITTED)
    assert ("Progress report to review", "MA, Now") in _labels(coordinator)
    assert [label for label, _ in _labels(focal_a)] == []
