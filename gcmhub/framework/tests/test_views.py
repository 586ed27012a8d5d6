import pytest
from django.urls import reverse

from gcmhub.framework.models import CooperationFramework, FrameworkOutcome, StrategicPriority
from gcmhub.tests.factories import FrameworkOutcomeFactory, StrategicPriorityFactory


@pytest.fixture
def signed_in(client, focal_a):
    client.force_login(focal_a)
    return client


def switch_to_turkish(client):
    client.post(reverse("language-set"), {"language": "tr", "next": "/"})


def test_objectives_are_grouped_by_round_table(signed_in):
    response = signed_in.get(reverse("objective-list"))
    numbers = [o.number for o in response.context["objectives"]]
    assert numbers == [
        2,
        5,
        6,
        12,
        18,
        4,
        8,
        9,
        10,
        11,
        13,
        21,
        14,
        15,
        16,
        19,
        20,
        22,
        1,
        3,
        7,
        17,
        23,
    ]
    content = response.content.decode()
    assert (
        content.index("Round table 1")
        < content.index("Round table 2")
        < content.index("Round table 4")
    )


def test_objectives_filter_by_round_table(signed_in):
    from gcmhub.framework.models import RoundTable

    rt = RoundTable.objects.get(number=3)
    response = signed_in.get(reverse("objective-list"), {"round_table": rt.pk})
    assert [o.number for o in response.context["objectives"]] == [14, 15, 16, 19, 20, 22]


def test_objectives_filter_by_sdg_target(signed_in):
    from gcmhub.framework.models import SdgTarget

    target = SdgTarget.objects.get(code="10.c")
    response = signed_in.get(reverse("objective-list"), {"target": target.pk})
    assert [o.number for o in response.context["objectives"]] == [20]


def test_objectives_search_reads_titles_and_action_summaries(signed_in):
    response = signed_in.get(reverse("objective-list"), {"q": "transfer of remittances"})
    assert [o.number for o in response.context["objectives"]] == [20]
    response = signed_in.get(reverse("objective-list"), {"q": "10"})
    assert 10 in [o.number for o in response.context["objectives"]]


def test_objectives_search_finds_turkish_words(signed_in):
    response = signed_in.get(reverse("objective-list"), {"q": "kaçakçılığına"})
    assert [o.number for o in response.context["objectives"]] == [9]


def test_objectives_filter_answers_htmx_with_the_results_only(signed_in):
    response = signed_in.get(reverse("objective-list"), {"q": "borders"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "Manage borders" in content


def test_objective_list_does_a_fixed_number_of_queries(signed_in, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        signed_in.get(reverse("objective-list"))


def test_objective_detail_shows_actions_targets_and_principles(
    signed_in, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = signed_in.get(reverse("objective-detail", kwargs={"number": 20}))
    content = response.content.decode()
    assert "Promote faster, safer and cheaper transfer of remittances" in content
    assert len(response.context["objective"].actions.all()) == 9
    assert "10.c" in content
    assert 'class="badge link-published">Published<' in content
    assert 'class="badge link-inferred">Inferred<' in content  # 8.10 is our inference
    assert "Whole-of-society approach" in content


def test_objective_detail_in_turkish_marks_the_title_as_unofficial(signed_in):
    switch_to_turkish(signed_in)
    content = signed_in.get(reverse("objective-detail", kwargs={"number": 10})).content.decode()
    assert "Uluslararası göç bağlamında insan ticaretinin önlenmesi" in content
    assert "Prevent, combat and eradicate trafficking in persons" in content  # the official title
    assert 'class="note"' in content


def test_an_objective_that_does_not_exist_answers_404(signed_in):
    assert signed_in.get(reverse("objective-detail", kwargs={"number": 24})).status_code == 404


def test_principles_page_lists_principles_round_tables_and_mgi_domains(signed_in):
    content = signed_in.get(reverse("principle-list")).content.decode()
    assert "People-centred" in content
    assert "Protecting migrants through rights-based border governance measures" in content
    assert "Whole-of-government approach" in content
    assert "Migrants&#x27; rights" in content


# Cooperation framework of a cycle


def cf_url(name, cycle):
    return reverse(name, kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk})


def formset_data(priorities, outcomes, framework=None, initial_priorities=0, initial_outcomes=0):
    data = {
        "framework-title": "UNSDCF 2021-2025",
        "framework-start_year": "2021",
        "framework-end_year": "2025",
        "framework-notes": "",
        "priorities-TOTAL_FORMS": str(len(priorities)),
        "priorities-INITIAL_FORMS": str(initial_priorities),
        "outcomes-TOTAL_FORMS": str(len(outcomes)),
        "outcomes-INITIAL_FORMS": str(initial_outcomes),
        **(framework or {}),
    }
    for i, row in enumerate(priorities):
        data.update({f"priorities-{i}-{k}": v for k, v in row.items()})
    for i, row in enumerate(outcomes):
        data.update({f"outcomes-{i}-{k}": v for k, v in row.items()})
    return data


def test_coordinator_records_the_cooperation_framework(client, cycle, coordinator):
    client.force_login(coordinator)
    data = formset_data(
        priorities=[
            {"number": "1", "name": "People", "is_confirmed": "on"},
            {"number": "4", "name": "Governance"},
        ],
        outcomes=[
            {
                "priority_number": "1",
                "code": "1.3",
                "statement": "Self-reliance.",
                "migration_relevant": "on",
            },
            {
                "priority_number": "4",
                "code": "4.2",
                "statement": "Migration management.",
                "migration_relevant": "on",
            },
        ],
    )
    response = client.post(cf_url("cooperation-framework-edit", cycle), data)
    assert response.status_code == 302
    framework = CooperationFramework.objects.get(cycle=cycle)
    outcomes = {
        o.code: o.priority.number
        for o in FrameworkOutcome.objects.filter(priority__framework=framework)
    }
    assert outcomes == {"1.3": 1, "4.2": 4}
    assert not StrategicPriority.objects.get(number=4).is_confirmed
    content = client.get(cf_url("cooperation-framework", cycle)).content.decode()
    assert "Outcome 4.2" in content


def test_an_outcome_under_a_missing_priority_is_refused_and_nothing_is_saved(
    client, cycle, coordinator
):
    client.force_login(coordinator)
    data = formset_data(
        priorities=[{"number": "1", "name": "People"}],
        outcomes=[{"priority_number": "2", "code": "2.1", "statement": "Jobs."}],
    )
    response = client.post(cf_url("cooperation-framework-edit", cycle), data)
    assert response.status_code == 200
    assert "There is no strategic priority 2: add it above" in response.content.decode()
    assert not CooperationFramework.objects.filter(cycle=cycle).exists()


def test_coordinator_moves_and_deletes_outcomes(client, cycle, coordinator):
    outcome = FrameworkOutcomeFactory(
        priority__framework__cycle=cycle, priority__number=1, code="1.1"
    )
    framework = outcome.priority.framework
    second = StrategicPriorityFactory(framework=framework, number=2)
    doomed = FrameworkOutcomeFactory(priority=second, code="2.9")
    client.force_login(coordinator)
    data = formset_data(
        priorities=[
            {"id": outcome.priority.pk, "number": "1", "name": "People"},
            {"id": second.pk, "number": "2", "name": "Economy"},
        ],
        outcomes=[
            {"id": outcome.pk, "priority_number": "2", "code": "2.1", "statement": "Moved."},
            {
                "id": doomed.pk,
                "priority_number": "2",
                "code": "2.9",
                "statement": "x",
                "DELETE": "on",
            },
        ],
        initial_priorities=2,
        initial_outcomes=2,
    )
    response = client.post(cf_url("cooperation-framework-edit", cycle), data)
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.code, outcome.priority) == ("2.1", second)
    assert not FrameworkOutcome.objects.filter(pk=doomed.pk).exists()


def test_focal_point_cannot_edit_the_cooperation_framework(client, cycle, focal_a):
    client.force_login(focal_a)
    data = formset_data(priorities=[{"number": "1", "name": "X"}], outcomes=[])
    assert client.post(cf_url("cooperation-framework-edit", cycle), data).status_code == 403
    assert not CooperationFramework.objects.exists()


def test_reference_data_is_read_only_in_the_admin(client, db):
    from gcmhub.framework.models import Objective
    from gcmhub.tests.factories import UserFactory

    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    objective = Objective.objects.get(number=10)
    response = client.get(reverse("admin:framework_objective_change", args=[objective.pk]))
    assert response.status_code == 200
    assert "Prevent, combat and eradicate trafficking" in response.content.decode()
    assert client.get(reverse("admin:framework_objective_add")).status_code == 403
    data = {"number": 10, "title_en": "Changed"}
    client.post(reverse("admin:framework_objective_change", args=[objective.pk]), data)
    objective.refresh_from_db()
    assert objective.title_en.startswith("Prevent")


def test_cooperation_framework_history_shows_every_change_including_deletions(
    client, cycle, coordinator
):
    outcome = FrameworkOutcomeFactory(
        priority__framework__cycle=cycle, priority__number=1, code="1.1"
    )
    priority = outcome.priority
    client.force_login(coordinator)
    data = formset_data(
        priorities=[{"id": priority.pk, "number": "1", "name": "Renamed priority"}],
        outcomes=[
            {
                "id": outcome.pk,
                "priority_number": "1",
                "code": "1.1",
                "statement": "x",
                "DELETE": "on",
            }
        ],
        initial_priorities=1,
        initial_outcomes=1,
    )
    client.post(cf_url("cooperation-framework-edit", cycle), data)
    response = client.get(cf_url("cooperation-framework-history", cycle))
    rows = response.context["rows"]
    assert {row["type"] for row in rows if row["user"] == coordinator} == {"Changed", "Deleted"}
    content = response.content.decode()
    assert "Renamed priority" in content
    assert "cooperation framework outcome: 1.1" in content.lower()


def test_swapping_two_outcome_codes_saves(client, cycle, coordinator):
    first = FrameworkOutcomeFactory(
        priority__framework__cycle=cycle, priority__number=1, code="1.1"
    )
    second = FrameworkOutcomeFactory(priority=first.priority, code="1.2")
    client.force_login(coordinator)
    data = formset_data(
        priorities=[{"id": first.priority.pk, "number": "1", "name": "People"}],
        outcomes=[
            {"id": first.pk, "priority_number": "1", "code": "1.2", "statement": "a"},
            {"id": second.pk, "priority_number": "1", "code": "1.1", "statement": "b"},
        ],
        initial_priorities=1,
        initial_outcomes=2,
    )
    assert client.post(cf_url("cooperation-framework-edit", cycle), data).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.code, second.code) == ("1.2", "1.1")


def test_replacing_a_deleted_priority_with_a_new_one_of_the_same_number_saves(
    client, cycle, coordinator
):
    old = StrategicPriorityFactory(framework__cycle=cycle, number=3, name="Old")
    outcome = FrameworkOutcomeFactory(priority=old, code="3.1")
    client.force_login(coordinator)
    data = formset_data(
        priorities=[
            {"id": old.pk, "number": "3", "name": "Old", "DELETE": "on"},
            {"number": "3", "name": "New"},
        ],
        outcomes=[
            {
                "id": outcome.pk,
                "priority_number": "3",
                "code": "3.1",
                "statement": "x",
                "DELETE": "on",
            }
        ],
        initial_priorities=1,
        initial_outcomes=1,
    )
    assert client.post(cf_url("cooperation-framework-edit", cycle), data).status_code == 302
    assert list(StrategicPriority.objects.values_list("number", "name")) == [(3, "New")]
    assert not FrameworkOutcome.objects.exists()


def test_objective_search_in_capital_turkish_letters(signed_in):
    response = signed_in.get(reverse("objective-list"), {"q": "KAÇAKÇILIĞINA"})
    assert [o.number for o in response.context["objectives"]] == [9]
    response = signed_in.get(reverse("objective-list"), {"q": "İNSAN TİCARETİNİN"})
    assert 10 in [o.number for o in response.context["objectives"]]
