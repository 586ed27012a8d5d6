"""A result is computed once per change of its data, whatever the change."""

from django.core.cache import cache
from django.utils import translation

from gcmhub.core import memo
from gcmhub.core.memo import forget_after_migrate, history_stamp, remembered
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
    """`migrate` (which every release runs) forgets the remembered results: a result in an
    older shape is never read."""
    from django.core.management.sql import emit_post_migrate_signal

    calls = []
    _names(network, calls)
    emit_post_migrate_signal(0, False, "default")  # what `migrate` does at its end
    _names(network, calls)
    assert len(calls) == 2


def test_a_release_forgets_the_remembered_results_and_nothing_else(network, org_a, focal_a):
    from gcmhub.todo.header import cache_key

    calls = []
    _names(network, calls)
    cache.set(cache_key(focal_a), [3, 0.0])  # the header's count of My tasks
    cache.set("throttle_user_7", [1.0])  # an API throttling count, as DRF keeps it
    forget_after_migrate()
    assert cache.get(cache_key(focal_a)) == [3, 0.0]
    assert cache.get("throttle_user_7") == [1.0]
    assert _names(network, calls) == ["Ministry A"] and len(calls) == 2
    assert _names(network, calls) == ["Ministry A"] and len(calls) == 2  # then kept again


def test_a_generation_evicted_from_the_cache_forgets_the_results_too(network, org_a):
    calls = []
    _names(network, calls)
    cache.delete(memo.GENERATION)  # a full cache evicts what it likes
    _names(network, calls)
    _names(network, calls)
    assert len(calls) == 2


class CountingCache:
    def __init__(self, inner, reads):
        self.inner, self.reads = inner, reads

    def __getattr__(self, name):
        if name.startswith("get"):
            self.reads.append(name)
        return getattr(self.inner, name)


def test_a_remembered_result_is_one_read_of_the_cache(network, org_a, monkeypatch):
    calls, reads = [], []
    _names(network, calls)
    monkeypatch.setattr(memo, "cache", CountingCache(cache, reads))
    _names(network, calls)
    assert reads == ["get_many"] and len(calls) == 1


def test_the_stamp_of_several_histories_is_one_query_and_moves_with_each(
    network, org_a, focal_a, coordinator, django_assert_num_queries
):
    from gcmhub.directory.models import Membership

    other = factories.NetworkFactory(slug="beta")
    histories = [
        Organisation.history.filter(network_id=network.pk),
        Membership.history.filter(network_id=network.pk),
        Membership.history.filter(organisation__acronym="MA"),  # through a join
        Organisation.history.filter(network_id=other.pk),  # nothing yet
    ]

    def stamp():
        with django_assert_num_queries(1):
            return history_stamp(*histories, extra="2021-06-24").split(":")

    before = stamp()
    assert before[3:] == ["0.0", "2021-06-24"] and "0.0" not in before[:3]

    def rename():
        org_a.name = "Ministry of A"
        org_a.save()

    def move():
        membership = Membership.objects.get(user=focal_a)
        membership.position = "Head of unit"
        membership.save()

    writes = [
        (rename, {0}),
        (move, {1, 2}),
        (lambda: Membership.objects.get(user=coordinator).delete(), {1}),
        (lambda: factories.OrganisationFactory(network=other, name="Other"), {3}),
    ]
    for write, moved in writes:
        write()
        after = stamp()
        assert {n for n in range(5) if after[n] != before[n]} == moved
        before = after
