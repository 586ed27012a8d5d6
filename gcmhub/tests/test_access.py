"""Every page, for every persona: allowed (200), refused (403), or not theirs (404).

Members of another network cannot tell a network's pages from missing ones (404); members
lacking a permission are refused (403); anonymous visitors are sent to the sign-in page.
"""

import pytest
from django.urls import reverse

from gcmhub.tests.factories import CooperationFrameworkFactory
from gcmhub.tests.matrix import A, F, N, assert_page_matrix, by_page

PERSONAS = ("coordinator", "consultant", "focal_a", "observer", "outsider")

# url name, kwargs kind, expected status per persona (in the order of PERSONAS)
PAGES = [
    ("network-detail", "network", [A, A, A, A, N]),
    ("cycle-create", "network", [A, F, F, F, N]),
    ("cycle-detail", "cycle", [A, A, A, A, N]),
    ("cycle-edit", "cycle", [A, F, F, F, N]),
    ("cycle-history", "cycle", [A, F, F, F, N]),
    ("cycle-setup", "cycle", [A, A, A, A, N]),
    ("cooperation-framework", "cycle", [A, A, A, A, N]),
    ("cooperation-framework-edit", "cycle", [A, F, F, F, N]),
    ("cooperation-framework-history", "cycle", [A, F, F, F, N]),
    ("organisation-list", "network", [A, A, A, A, N]),
    ("organisation-create", "network", [A, F, F, F, N]),
    ("organisation-detail", "organisation", [A, A, A, A, N]),
    ("organisation-edit", "organisation", [A, F, F, F, N]),
    ("organisation-history", "organisation", [A, F, F, F, N]),
    ("member-list", "network", [A, A, A, F, N]),
    ("member-edit", "membership", [A, F, F, F, N]),
    ("member-history", "membership", [A, F, F, F, N]),
    ("invitation-create", "network", [A, F, F, F, N]),
    ("meeting-list", "cycle", [A, A, A, F, N]),
    ("report-published", "cycle", [A, A, A, A, N]),
    ("imrf", "cycle", [A, A, A, F, N]),
    ("cycle-compare", "cycle", [A, A, A, F, N]),
    ("next-cycle", "cycle", [A, F, F, F, N]),
    ("carried-over", "cycle", [A, A, A, A, N]),
    ("export-page", "cycle", [A, F, F, F, N]),
    ("objective-list", "none", [A, A, A, A, A]),
    ("objective-detail", "objective", [A, A, A, A, A]),
    ("principle-list", "none", [A, A, A, A, A]),
    ("network-list", "none", [A, A, A, A, A]),
    ("profile", "none", [A, A, A, A, A]),
    ("search", "none", [A, A, A, A, A]),
    ("notification-list", "none", [A, A, A, A, A]),
    ("notification-preferences", "none", [A, A, A, A, A]),
]


@pytest.fixture
def objects(network, cycle, org_a, personas):
    membership = personas["focal_a"].memberships.get()
    CooperationFrameworkFactory(cycle=cycle)
    return {
        "none": {},
        "network": {"network_slug": network.slug},
        "cycle": {"network_slug": network.slug, "cycle_pk": cycle.pk},
        "organisation": {"network_slug": network.slug, "organisation_pk": org_a.pk},
        "membership": {"network_slug": network.slug, "membership_pk": membership.pk},
        "objective": {"number": 10},
    }


@pytest.mark.parametrize(("name", "kind", "statuses"), by_page(PAGES, personas=PERSONAS))
def test_page_answers_each_persona(client, objects, personas, name, kind, statuses):
    url = reverse(name, kwargs=objects[kind])
    assert_page_matrix(client, personas, url, statuses, order=PERSONAS)


@pytest.mark.parametrize(("name", "kind"), [(name, kind) for name, kind, _ in PAGES])
def test_anonymous_visitors_are_asked_to_sign_in(client, objects, name, kind):
    url = reverse(name, kwargs=objects[kind])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("organisation-detail", "organisation"),
        ("organisation-edit", "organisation"),
        ("organisation-history", "organisation"),
        ("member-edit", "membership"),
        ("cycle-detail", "cycle"),
        ("cooperation-framework", "cycle"),
    ],
)
def test_another_networks_object_answers_404_through_my_network(
    client, coordinator, network, other_network, other_cycle, other_org, outsider, name, kind
):
    """A coordinator cannot reach another network's object by putting its id in their URL."""
    foreign = {
        "organisation": {"network_slug": network.slug, "organisation_pk": other_org.pk},
        "membership": {
            "network_slug": network.slug,
            "membership_pk": outsider.memberships.get().pk,
        },
        "cycle": {"network_slug": network.slug, "cycle_pk": other_cycle.pk},
    }
    client.force_login(coordinator)
    assert client.get(reverse(name, kwargs=foreign[kind])).status_code == 404


def test_a_superuser_administrator_sees_every_network(client, network, other_network, db):
    from gcmhub.tests.factories import UserFactory

    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    for slug in [network.slug, other_network.slug]:
        assert (
            client.get(reverse("network-detail", kwargs={"network_slug": slug})).status_code == 200
        )


def test_a_former_member_no_longer_sees_the_network(client, network, focal_a):
    focal_a.memberships.update(is_active=False)
    client.force_login(focal_a)
    url = reverse("network-detail", kwargs={"network_slug": network.slug})
    assert client.get(url).status_code == 404
