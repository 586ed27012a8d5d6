"""The search page: the box's query, results with their kind, place, marked passage and link,
filters, pages, and a fixed number of queries."""

import pytest
from django.urls import reverse

from gcmhub.core.workflow import State
from gcmhub.directory.models import Organisation
from gcmhub.search.services import index_rebuild
from gcmhub.search.tests.conftest import make_input


@pytest.fixture
def indexed(cycle, org_a, org_b):
    draft = make_input(cycle, org_a, 1, "Göçmenlere yönelik <hizmetler> yetersiz.")
    submitted = make_input(cycle, org_b, 2, "Göçmen işçiler için destek.", state=State.SUBMITTED)
    index_rebuild()
    return draft, submitted


def search(client, user, **params):
    client.force_login(user)
    return client.get(reverse("search"), params).content.decode()


def test_a_focal_point_sees_their_draft_with_the_match_marked(client, focal_a, indexed):
    draft, _ = indexed
    page = search(client, focal_a, q="göçmen")
    assert "1 result" in page
    assert "<mark>Göçmenlere</mark> yönelik &lt;hizmetler&gt; yetersiz." in page
    assert draft.get_absolute_url() in page
    assert "Göçmen işçiler" not in page  # another organisation's input


def test_the_coordinator_does_not_see_a_draft(client, coordinator, indexed):
    page = search(client, coordinator, q="göçmenlere")
    assert "<mark>Göçmen</mark> işçiler" in page
    assert "yetersiz" not in page


def test_the_results_say_what_and_where_they_are(client, coordinator, indexed, network, cycle):
    page = search(client, coordinator, q="göçmen")
    assert ">Input</span>" in page
    assert network.display_name in page and cycle.display_title in page
    assert "Objective 2" in page and "Agency B" in page


def test_an_empty_query_shows_the_form_and_no_results(client, coordinator, indexed):
    page = search(client, coordinator, q="")
    assert 'name="q"' in page and "result" not in page


def test_a_filter_outside_my_networks_is_refused(client, coordinator, indexed, other_org):
    page = search(client, coordinator, q="göçmen", organisation=other_org.pk)
    assert "Select a valid choice" in page


def test_results_come_in_pages_with_a_fixed_number_of_queries(
    client, coordinator, network, django_assert_max_num_queries
):
    Organisation.objects.bulk_create(
        Organisation(network=network, name=f"Migration office {i}", type="government")
        for i in range(25)
    )
    index_rebuild()
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("search"), {"q": "migration"}).content.decode()
    assert "25 results" in page and "Page 1 of 2" in page
    assert page.count('class="card search-result"') == 20
    second = client.get(reverse("search"), {"q": "migration", "page": 2}).content.decode()
    assert second.count('class="card search-result"') == 5


def test_the_search_box_is_in_the_header_of_every_page(client, coordinator, network):
    client.force_login(coordinator)
    page = client.get(network.get_absolute_url()).content.decode()
    assert 'role="search"' in page and f'action="{reverse("search")}"' in page


def test_the_filters_chosen_stay_chosen(client, coordinator, indexed, org_b):
    page = search(client, coordinator, q="göçmen", kind="input", organisation=org_b.pk)
    assert '<option value="input" selected>' in page
    assert f'<option value="{org_b.pk}" selected>Agency B</option>' in page
    assert "1 result" in page


def test_a_page_past_the_last_shows_the_last(client, coordinator, indexed):
    page = search(client, coordinator, q="göçmen", page=9)
    assert "<mark>Göçmen</mark> işçiler" in page
