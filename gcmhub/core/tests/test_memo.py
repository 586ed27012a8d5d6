"""A result is computed once per change of its data, whatever the change."""

from django.utils import translation

from gcmhub.core.memo import history_stamp, remembered
from gcmhub.directory.models import Organisation
from gcmhub.tests import factories


def _names(network, calls):
    def compute():
        calls.append(1)
        return sorted(Organisation.objects.filter(network=network).values_list("name", flat=True))

    stamp = history_stamp(Organisation.history.filter(network_id=network.pk))
    return remembered(f"test:names:{network.pk}", stamp=stamp, compute=compute)


def test_it_is_computed_once_until_its_data_changes(network, org_a):
    calls = []
    assert _names(network, calls) == ["Ministry A"]
    assert _names(network, calls) == ["Ministry A"]
    assert len(calls) == 1
    org_a.name = "Ministry of A"
    org_a.save()
    assert _names(network, calls) == ["Ministry of A"]
    org_b = factories.OrganisationFactory(network=network, name="Agency B")
    assert _names(network, calls) == ["Agency B", "Ministry of A"]
    org_b.delete()
    assert _names(network, calls) == ["Ministry of A"]
    assert len(calls) == 4


def test_another_networks_change_keeps_it(network, org_a):
    calls = []
    _names(network, calls)
    factories.OrganisationFactory(network=factories.NetworkFactory(slug="beta"), name="Other")
    assert _names(network, calls) == ["Ministry A"]
    assert len(calls) == 1


def test_each_language_has_its_own(network, org_a):
    calls = []
    _names(network, calls)
    with translation.override("tr"):
        _names(network, calls)
        _names(network, calls)
    assert len(calls) == 2


def test_a_release_forgets_what_the_code_before_it_remembered(network, org_a):
    """`migrate` (which every release runs) empties the cache: a result in an older shape is
    never read."""
    from django.core.management.sql import emit_post_migrate_signal

    calls = []
    _names(network, calls)
    emit_post_migrate_signal(0, False, "default")  # what `migrate` does at its end
    _names(network, calls)
    assert len(calls) == 2
