import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gcmhub.core.workflow import State
from gcmhub.framework.models import Objective
from gcmhub.priorities.models import Decision, ScoreSheet
from gcmhub.tests.matrix import A, F, N, R, assert_page_matrix, by_page
from gcmhub.tests.queries import assert_constant_queries

PERSONAS = ("coordinator", "consultant", "focal_a", "observer", "outsider")


def url(cycle, name, **kwargs):
    return reverse(
        name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, **kwargs}
    )


PAGES = [
    ("priorities-home", {}, [A, A, A, F, N]),
    ("priority-criteria", {}, [A, A, A, F, N]),
    ("scoring-sheet", {}, [F, F, A, F, N]),
    ("priority-results", {}, [A, A, F, F, N]),
    ("objective-priority", {"number": 1}, [A, A, F, F, N]),
    ("decision-list", {}, [A, A, A, F, N]),
]


@pytest.mark.parametrize(("name", "kwargs", "statuses"), by_page(PAGES, personas=PERSONAS))
def test_page_answers_each_persona(client, cycle, personas, results_ready, name, kwargs, statuses):
    assert_page_matrix(client, personas, url(cycle, name, **kwargs), statuses, order=PERSONAS)


@pytest.mark.parametrize(
    ("name", "statuses"),
    [
        ("scoring-close", [R, F, F, F, N]),
        ("scoring-remind", [R, F, F, F, N]),
        ("priority-invite", [R, F, F, F, N]),
    ],
)
def test_coordinator_actions_by_persona(client, cycle, personas, scoring, name, statuses):
    assert_page_matrix(client, personas, url(cycle, name), statuses, method="post", order=PERSONAS)


def score_form(sheet, value="4", submit=False, skip=()):
    data = {"version": sheet.version}
    for n in range(1, 24):
        if n in skip:
            continue
        for key in ["urgency", "policy", "feasibility", "benefit", "alignment"]:
            data[f"o{n}-{key}"] = value
    if submit:
        data["submit"] = "1"
    return data


def test_focal_point_scores_and_submits_in_the_form(client, cycle, org_a, focal_a, scoring):
    sheet = ScoreSheet.objects.get(organisation=org_a)
    client.force_login(focal_a)
    data = score_form(sheet, skip={12})
    data["o12-outside_mandate"] = "on"
    data["o12-comment"] = "Border procedures are not our mandate."
    response = client.post(url(cycle, "scoring-sheet"), {**data, "submit": "1"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == State.SUBMITTED
    assert sheet.rows.get(objective__number=12).comment == "Border procedures are not our mandate."


def test_submitting_an_incomplete_sheet_names_the_missing_objectives(
    client, cycle, org_a, focal_a, scoring
):
    sheet = ScoreSheet.objects.get(organisation=org_a)
    client.force_login(focal_a)
    response = client.post(
        url(cycle, "scoring-sheet"), score_form(sheet, submit=True, skip={4, 19}), follow=True
    )
    assert "Still to answer: objectives 4, 19." in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.state == State.DRAFT
    assert sheet.rows.count() == 21  # the draft was saved; the two unanswered have no row


def test_a_score_of_seven_is_refused(client, cycle, org_a, focal_a, scoring):
    sheet = ScoreSheet.objects.get(organisation=org_a)
    client.force_login(focal_a)
    response = client.post(url(cycle, "scoring-sheet"), score_form(sheet, value="7"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not sheet.rows.exists()


def test_results_rank_the_objectives_and_export(client, cycle, coordinator, results_ready):
    client.force_login(coordinator)
    response = client.get(url(cycle, "priority-results"))
    rows = response.context["rows"]
    assert [row["result"].objective for row in rows[:5]] == [1, 2, 3, 4, 5]
    assert {row["result"].rank for row in rows[:5]} == {1}
    assert rows[0]["suggested"] == "short"
    assert "<svg" in response.content.decode()
    assert "Agreement across organisations" in response.content.decode()
    export = client.get(url(cycle, "priority-results") + "?format=xlsx")
    ws = load_workbook(io.BytesIO(export.content)).active
    assert ws["B5"].value.startswith("1. Collect and utilize accurate")
    assert ws["A5"].value == 1
    png = client.get(url(cycle, "priority-results") + "?format=png")
    assert png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(url(cycle, "priority-results") + "?format=svg")
    assert svg.content.startswith(b"<svg")


def test_results_keep_a_constant_number_of_queries(
    client, cycle, coordinator, results_ready, django_assert_max_num_queries
):
    from gcmhub.priorities.models import ScoreSheet as Sheet
    from gcmhub.priorities.tests.conftest import submitted_sheet
    from gcmhub.tests.factories import OrganisationFactory

    client.force_login(coordinator)
    pages = [
        url(cycle, "priority-results"),
        url(cycle, "objective-priority", number=1),
        url(cycle, "priorities-home"),
    ]

    def grow():
        for organisation in OrganisationFactory.create_batch(6, network=cycle.network):
            Sheet.objects.create(cycle=cycle, organisation=organisation)
            submitted_sheet(cycle, organisation, lambda n: 1 + n % 5)

    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=60)


def test_a_decision_against_the_rank_asks_for_the_rationale(
    client, cycle, coordinator, results_ready
):
    client.force_login(coordinator)
    target = url(cycle, "objective-priority", number=1)
    response = client.post(target, {"version": 1, "horizon": "long"})
    assert response.status_code == 200
    assert "This decision departs from the computed rank" in response.content.decode()
    assert not Decision.objects.exists()
    response = client.post(
        target, {"version": 1, "horizon": "long", "rationale": "Needs a new law first."}
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.horizon, decision.departs_from_rank, decision.computed_rank) == (
        "long",
        True,
        1,
    )
    assert client.get(url(cycle, "decision-history", number=1)).status_code == 200


def test_a_rationale_is_tagged_with_the_language_it_is_written_in(
    client, cycle, coordinator, results_ready
):
    from django.conf import settings

    def speak(language):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    client.force_login(coordinator)
    target = url(cycle, "objective-priority", number=1)
    speak("tr")
    form = client.get(target + "?edit=1").context["form"]
    assert form["language"].value() == "tr"  # the writer's interface language by default
    client.post(
        target, {"version": 1, "horizon": "long", "rationale": "Önce yeni bir yasa gerekiyor."}
    )
    decision = Decision.objects.get()
    assert decision.language == "tr"
    speak("en")
    response = client.get(target + "?edit=1")
    assert '<p lang="tr">Önce yeni bir yasa gerekiyor.</p>' in response.content.decode()
    assert response.context["form"]["language"].value() == "tr"  # the decision's, once it has one
    client.post(
        target,
        {"version": 1, "horizon": "long", "rationale": "A new law first.", "language": "en"},
    )
    assert Decision.objects.get().language == "en"


def test_the_consultant_reads_results_but_cannot_decide(client, cycle, consultant, results_ready):
    client.force_login(consultant)
    response = client.get(url(cycle, "objective-priority", number=1))
    assert response.context["form"] is None
    assert (
        client.post(
            url(cycle, "objective-priority", number=1), {"version": 1, "horizon": "short"}
        ).status_code
        == 403
    )
    assert not Decision.objects.exists()


def test_decisions_are_listed_by_horizon(client, cycle, coordinator, focal_a, results_ready):
    from gcmhub.priorities import services

    services.decision_save(
        cycle=cycle,
        objective=Objective.objects.get(number=2),
        by=coordinator,
        horizon="short",
        expected_version=1,
    )
    client.force_login(focal_a)
    groups = {
        value: [d.objective.number for d in items]
        for value, _label, items in client.get(url(cycle, "decision-list")).context["groups"]
    }
    assert groups == {"short": [2], "medium": [], "long": [], "not_now": []}


def test_criteria_are_edited_before_scoring_opens(client, cycle, coordinator):
    client.force_login(coordinator)
    response = client.get(url(cycle, "priority-criteria"))
    formset = response.context["formset"]
    data = {"criteria-TOTAL_FORMS": "6", "criteria-INITIAL_FORMS": "5"}
    for i, form in enumerate(formset.forms[:5]):
        for key, value in form.initial.items():
            data[f"criteria-{i}-{key}"] = value
    data["criteria-5-axis"] = "importance"  # the new row's preselected axis, as browsers send
    data["criteria-0-weight"] = "2.5"
    data["criteria-4-DELETE"] = "on"
    response = client.post(url(cycle, "priority-criteria"), data)
    assert response.status_code == 302
    assert list(cycle.criteria.values_list("key", "weight")) == [
        ("urgency", 2.5),
        ("policy", 1),
        ("feasibility", 1),
        ("benefit", 1),
    ]


def test_criteria_cannot_be_posted_once_scoring_is_open(client, cycle, coordinator, scoring):
    client.force_login(coordinator)
    response = client.get(url(cycle, "priority-criteria"))
    assert response.context["formset"] is None
    assert client.post(url(cycle, "priority-criteria"), {}).status_code == 403


def test_the_decisions_form_is_opened_on_demand(client, cycle, coordinator, results_ready):
    client.force_login(coordinator)
    target = url(cycle, "objective-priority", number=1)
    page = client.get(target)
    assert page.context["form"] is None
    assert f'hx-get="{target}?edit=1"' in page.text
    assert f'<a href="{target}?edit=1#decision-form">Open the form</a>' in page.text
    assert 'name="rationale"' not in page.text
    full = client.get(target, {"edit": "1"})  # without JavaScript: the page with the form open
    assert '<details class="decision-edit" open>' in full.text
    assert 'name="rationale"' in full.text and "The scores" in full.text
    fragment = client.get(target, {"edit": "1"}, headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<form method="post" action="' + target)
    assert 'name="rationale"' in fragment.text and "The scores" not in fragment.text


def test_the_completion_table_shows_fifty_organisations_a_page(
    client, cycle, coordinator, results_ready
):
    from gcmhub.priorities.tests.conftest import submitted_sheet
    from gcmhub.tests.factories import OrganisationFactory

    for n, organisation in enumerate(OrganisationFactory.create_batch(53, network=cycle.network)):
        ScoreSheet.objects.create(cycle=cycle, organisation=organisation)
        if n < 3:
            submitted_sheet(cycle, organisation, lambda number: 4)
    client.force_login(coordinator)
    first = client.get(url(cycle, "priorities-home"))
    assert "5 of 55 invited organisations have submitted." in first.text
    assert len(first.context["sheets"]) == 50
    assert "Page 1 of 2" in first.text and 'href="?page=2" rel="next"' in first.text
    second = client.get(url(cycle, "priorities-home"), {"page": 2})
    assert [s.organisation.name for s in second.context["sheets"]] == sorted(
        ScoreSheet.objects.filter(cycle=cycle).values_list("organisation__name", flat=True)
    )[50:]
    assert "23 / 23" in first.text  # a submitted sheet's objectives answered


def test_the_scores_of_an_objective_show_fifty_organisations_a_page(
    client, cycle, coordinator, results_ready
):
    from gcmhub.priorities.tests.conftest import submitted_sheet
    from gcmhub.tests.factories import OrganisationFactory

    for organisation in OrganisationFactory.create_batch(50, network=cycle.network):
        ScoreSheet.objects.create(cycle=cycle, organisation=organisation)
        submitted_sheet(cycle, organisation, lambda number: 4)
    client.force_login(coordinator)
    target = url(cycle, "objective-priority", number=1)
    first, second = client.get(target), client.get(target, {"page": 2})
    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 2
    assert "Page 1 of 2" in first.text and 'href="?page=2" rel="next"' in first.text
    names = sorted(ScoreSheet.objects.values_list("organisation__name", flat=True))
    assert [r.sheet.organisation.name for r in second.context["rows"]] == names[50:]
    assert first.context["result"].organisations == 52  # the figures and chart: every one
