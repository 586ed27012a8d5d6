"""The organisations' tree offered by forms: made once, made again when an organisation is
added, renamed or moved, in the reader's language."""

import pytest
from django.utils import translation

from gcmhub.directory import services
from gcmhub.directory.forms import network_tree

pytestmark = pytest.mark.django_db

EM = "\u2003"


def test_the_tree_is_made_once_until_an_organisation_changes(
    network, org_a, org_b, coordinator, django_assert_num_queries
):
    assert network_tree(network) == [(org_b.pk, "Agency B (AB)"), (org_a.pk, "Ministry A (MA)")]
    with django_assert_num_queries(1):  # the stamp alone: not the organisations
        network_tree(network)
    department = services.organisation_create(
        network=network,
        by=coordinator,
        name="Department of migration",
        type=org_a.type,
        parent=org_a,
    )
    assert network_tree(network)[-1] == (department.pk, f"{EM}Department of migration")
    services.organisation_update(organisation=org_b, by=coordinator, name="Agency Beta")
    assert network_tree(network)[0] == (org_b.pk, "Agency Beta (AB)")


def test_the_tree_is_in_the_readers_language(network, org_a, coordinator):
    services.organisation_update(organisation=org_a, by=coordinator, name_tr="A Bakanlığı")
    assert network_tree(network) == [(org_a.pk, "Ministry A (MA)")]
    with translation.override("tr"):
        assert network_tree(network) == [(org_a.pk, "A Bakanlığı (MA)")]
