"""Regional view: a regional coordinator reads aggregates of final reports, never drafts."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gcmhub.core.permissions import Role
from gcmhub.documents import services as documents
from gcmhub.documents.models import Section
from gcmhub.framework.models import Objective
from gcmhub.priorities.models import Decision
from gcmhub.regions.aggregates import horizons_from_content, region_aggregates
from gcmhub.regions.models import Region
from gcmhub.report.kind import NEEDS_ASSESSMENT
from gcmhub.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_validation_meeting_needed(monkeypatch):
    """The validation meeting is the meetings app's business: here any report may go final."""
    monkeypatch.setattr(
        "gcmhub.meetings.selectors.finalisation_blockers", lambda document, **kwargs: []
    )
    monkeypatch.setattr(
        "gcmhub.meetings.selectors.validation_organisations",
        lambda document, **kwargs: [],
    )


def decide(cycle, horizons: dict[int, str]) -> None:
    for number, horizon in horizons.items():
        Decision.objects.update_or_create(
            cycle=cycle,
            objective=Objective.objects.get(number=number),
            defaults={"horizon": horizon},
        )


def later_cycle(network, year: int, title: str):
    start = dt.date(year, 1, 1)
    return factories.CycleFactory(
        network=network,
        title=title,
        start_date=start,
        end_date=start.replace(year=year + 1),
        short_term_until=start.replace(year=year + 1),
        medium_term_until=start.replace(year=year + 3),
        long_term_until=dt.date(2030, 12, 31),
    )


def write_report(cycle, *, title: str, horizons: dict[int, str], final: bool, text: str = ""):
    """A needs assessment report of `cycle` with the decisions `horizons`, issued 0.1 (and 1.0)."""
    coordinator = factories.MembershipFactory(network=cycle.network, role=Role.COORDINATOR).user
    decide(cycle, horizons)
    document = documents.document_open(cycle=cycle, kind=NEEDS_ASSESSMENT, by=coordinator)
    documents.document_update(document=document, by=coordinator, title=title)
    if text:
        Section.objects.filter(document=document, key="executive-summary").update(body=text)
    documents.version_issue(confirmed=True, document=document, by=coordinator, note="Draft")
    if final:
        documents.version_issue(confirmed=True, document=document, by=coordinator, final=True)
    return document


@pytest.fixture
def world(db, no_validation_meeting_needed):
    """Three networks of a region: Alpha final; Beta a draft only; Gamma final, then changed."""
    alpha = factories.NetworkFactory(slug="alpha", name="Alpha network", country="TR")
    beta = factories.NetworkFactory(slug="beta", name="Beta network", country="GE")
    gamma = factories.NetworkFactory(slug="gamma", name="Gamma network", country="AZ")
    outside = factories.NetworkFactory(slug="outside", name="Outside network", country="FR")
    alpha_cycle = factories.CycleFactory(network=alpha, title="Alpha 2021")
    alpha_doc = write_report(
        alpha_cycle, title="Alpha final report", horizons={10: "short", 3: "medium"}, final=True
    )
    documents.document_publish(document=alpha_doc, by=alpha.memberships.get().user, public=True)
    beta_cycle = factories.CycleFactory(network=beta, title="Beta 2021")
    write_report(
        beta_cycle,
        title="Beta draft report",
        horizons={10: "long", 5: "short"},
        final=False,
        text="<p>Secret draft wording of Beta.</p>",
    )
    gamma_cycle = factories.CycleFactory(network=gamma, title="Gamma 2021")
    write_report(gamma_cycle, title="Gamma final report", horizons={10: "short"}, final=True)
    # After the final report, Gamma's live decisions change and a new cycle drafts another report.
    decide(gamma_cycle, {10: "long", 7: "short"})
    gamma_next = later_cycle(gamma, 2023, "Gamma 2023")
    write_report(
        gamma_next, title="Gamma next draft", horizons={10: "long", 7: "short"}, final=False
    )
    outside_cycle = factories.CycleFactory(network=outside, title="Outside 2021")
    write_report(outside_cycle, title="Outside final report", horizons={5: "short"}, final=True)
    region = Region.objects.create(name="Caucasus and around", slug="caucasus")
    region.networks.set([alpha, beta, gamma])
    regional = factories.UserFactory(username="regional")
    region.coordinators.add(regional)
    return {
        "region": region,
        "regional": regional,
        "alpha": alpha,
        "alpha_cycle": alpha_cycle,
        "alpha_doc": alpha_doc,
        "beta": beta,
        "gamma": gamma,
    }


def row(data, number):
    return next(r for r in data.objectives if r.objective.number == number)


def test_aggregates_count_only_final_reports(world):
    data = region_aggregates(region=world["region"])
    assert row(data, 10).short == 2  # Alpha and Gamma, as their final reports say
    assert row(data, 10).long == 0  # Beta's draft and Gamma's later changes are not counted
    assert row(data, 3).medium == 1
    assert row(data, 5).total == 0  # Beta's draft only, and the network outside the region
    assert row(data, 7).total == 0  # Gamma decided it after its final report
    assert [r.objective.number for r in data.objectives] == list(range(1, 24))
    assert data.with_final == 2
    assert data.without_final == 1
    assert data.final_reports == 2


def test_a_network_without_a_final_report_is_listed_without_its_content(world):
    data = region_aggregates(region=world["region"])
    by_slug = {r.network.slug: r for r in data.networks}
    assert by_slug["beta"].report is None
    assert by_slug["alpha"].report.title == "Alpha final report"
    assert by_slug["alpha"].report.number == "1.0"
    assert by_slug["alpha"].report.public_url
    assert by_slug["gamma"].report.title == "Gamma final report"
    assert by_slug["gamma"].report.public_url == ""


def test_the_latest_final_report_of_a_network_counts(world):
    gamma = world["gamma"]
    later = later_cycle(gamma, 2025, "Gamma 2025")
    write_report(later, title="Gamma 2025 report", horizons={10: "medium"}, final=True)
    data = region_aggregates(region=world["region"])
    assert row(data, 10).short == 1
    assert row(data, 10).medium == 1
    assert data.final_reports == 3
    assert {r.network.slug: r.report.title for r in data.networks if r.report}["gamma"] == (
        "Gamma 2025 report"
    )


def test_horizons_are_read_from_the_content_of_the_version():
    content = {
        "sections": [
            {"kind": "narrative", "html": "<p>10. Not a priority row</p>"},
            {
                "kind": "priorities",
                "groups": [
                    {"horizon": "short", "rows": [{"objective": "10. Eliminate discrimination"}]},
                    {"horizon": "long", "rows": [{"objective": "23. Strengthen cooperation"}]},
                    {"horizon": "not_now", "rows": [{"objective": "4. Legal identity"}]},
                ],
            },
        ]
    }
    assert horizons_from_content(content) == {10: "short", 23: "long"}
    assert horizons_from_content({"sections": [{"kind": "narrative"}]}) is None


def test_the_number_of_queries_does_not_grow_with_the_networks(world):
    with CaptureQueriesContext(connection) as few:
        region_aggregates(region=world["region"])
    for n in range(3):
        network = factories.NetworkFactory(slug=f"more-{n}", country="AM")
        cycle = factories.CycleFactory(network=network)
        write_report(cycle, title=f"More {n}", horizons={1: "short"}, final=True)
        world["region"].networks.add(network)
    with CaptureQueriesContext(connection) as many:
        data = region_aggregates(region=world["region"])
    assert data.with_final == 5
    assert len(many) == len(few) == 4


def test_regional_coordinator_sees_the_final_figures_and_no_draft(client, world):
    client.force_login(world["regional"])
    response = client.get(reverse("region-detail", kwargs={"region_slug": "caucasus"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alpha final report" in page
    assert "Gamma final report" in page
    assert "No final report yet." in page
    assert reverse("public-report", kwargs={"token": world["alpha_doc"].public_token}) in page
    for draft in ["Beta draft report", "Secret draft wording", "Gamma next draft", "Outside"]:
        assert draft not in page
    assert '<svg role="img"' in page
    table = page[page.index("GCM objectives by horizon") :]
    objective_10 = Objective.objects.get(number=10).title
    cells = table[table.index(objective_10) :].split("</tr>")[0]
    assert [c.split("<")[0] for c in cells.split('<td class="num">')[1:]] == ["2", "0", "0", "2"]


def test_region_page_queries_are_bounded(client, world, django_assert_max_num_queries):
    client.force_login(world["regional"])
    # 9 with the count of unread notifications in the header (issue 16)
    with django_assert_max_num_queries(9):
        client.get(reverse("region-detail", kwargs={"region_slug": "caucasus"}))


def test_regional_coordinator_lists_their_regions(client, world):
    Region.objects.create(name="Elsewhere", slug="elsewhere")
    client.force_login(world["regional"])
    page = client.get(reverse("region-list")).content.decode()
    assert "Caucasus and around" in page
    assert "Elsewhere" not in page


def test_superuser_sees_every_region(client, world):
    Region.objects.create(name="Elsewhere", slug="elsewhere")
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    page = client.get(reverse("region-list")).content.decode()
    assert "Caucasus and around" in page
    assert "Elsewhere" in page
    assert (
        client.get(reverse("region-detail", kwargs={"region_slug": "elsewhere"})).status_code == 200
    )


def test_network_coordinator_who_is_not_regional_coordinator_gets_404(client, world):
    client.force_login(world["alpha"].memberships.get().user)
    assert (
        client.get(reverse("region-detail", kwargs={"region_slug": "caucasus"})).status_code == 404
    )
    assert client.get(reverse("region-list")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, world):
    url = reverse("region-detail", kwargs={"region_slug": "caucasus"})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_regional_coordinator_cannot_open_a_networks_cycle(client, world):
    client.force_login(world["regional"])
    cycle = world["alpha_cycle"]
    kwargs = {"network_slug": "alpha", "cycle_pk": cycle.pk}
    assert client.get(reverse("cycle-detail", kwargs=kwargs)).status_code == 404
    assert (
        client.get(reverse("network-detail", kwargs={"network_slug": "alpha"})).status_code == 404
    )
    document_kwargs = {**kwargs, "document_pk": world["alpha_doc"].pk}
    assert client.get(reverse("document-detail", kwargs=document_kwargs)).status_code == 404


def test_home_sends_a_regional_coordinator_to_their_regions(client, world):
    client.force_login(world["regional"])
    response = client.get(reverse("home"))
    assert response.url == reverse("region-list")


def test_network_list_links_to_the_regions_of_a_member_who_coordinates_one(client, world):
    member = world["alpha"].memberships.get().user
    world["region"].coordinators.add(member)
    client.force_login(member)
    page = client.get(reverse("network-list")).content.decode()
    assert world["region"].get_absolute_url() in page


def test_demo_puts_turkiye_in_its_region_with_a_regional_coordinator(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    region = Region.objects.get(name="Europe and Central Asia")
    assert list(region.networks.values_list("slug", flat=True)) == ["turkiye"]
    client.post(reverse("login"), {"username": "regional", "password": "demo-password"})
    assert "_auth_user_id" in client.session
    page = client.get(region.get_absolute_url()).content.decode()
    assert "UN Network on Migration in Türkiye" in page
    data = region_aggregates(region=region)
    assert data.with_final == 1
    assert sum(r.total for r in data.objectives) > 0


def test_region_pages_take_as_many_queries_with_more_networks(
    client, world, django_assert_max_num_queries
):
    from gcmhub.tests.queries import assert_constant_queries

    def grow():
        for n in range(3):
            network = factories.NetworkFactory(slug=f"grown-{n}", country="AM")
            cycle = factories.CycleFactory(network=network)
            write_report(cycle, title=f"Grown {n}", horizons={1: "short", 2: "long"}, final=True)
            world["region"].networks.add(network)

    client.force_login(world["regional"])
    pages = [
        reverse("region-list"),
        reverse("region-detail", kwargs={"region_slug": "caucasus"}),
    ]
    assert_constant_queries(client, pages, grow, django_assert_max_num_queries, most=12)
