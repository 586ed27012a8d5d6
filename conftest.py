"""Test set-up shared by every test: fast password hashing, plain static files, a fresh
in-memory cache for each test (the API's throttling counts start from zero), and personas.

Personas (STYLE.md): the coordinator, the consultant, a focal point of organisation A and
one of organisation B, an observer, and an outsider who belongs to another network.
"""

import pytest

from gcmhub.core.permissions import Role
from gcmhub.tests import factories

# Browser tests: the Chromium fixture and the watch on console errors of every browser test.
pytest_plugins = ["gcmhub.tests.browser"]


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # No heartbeat thread: a test's worker runs in the test's own connection and transaction.
    settings.JOB_HEARTBEAT_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is created from the models (`--nomigrations`: seconds instead of a
    minute of migration state rendering), then given the reference data the data migration
    ships. `make install` runs the real migrations and `makemigrations --check` proves they
    match the models."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from gcmhub.framework.reference import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()
        MigrationRecorder(connection).ensure_schema()  # migrations' own records, as `migrate` makes


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttling counts and what `core.memo` keeps live in the cache: no test inherits another's
    requests, nor a result kept for another test's data (whose rolled-back rows may have had the
    same ids and history ids). (Sign-in lockouts live in the database, rolled back or flushed
    after each test.)"""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a language a test client's request activated
    stays active in the thread, and services that default to the writer's language (a new
    document, a text's language) would take it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def run_tasks(db):
    """Run the queued background work now, as a worker would: `run_tasks()` returns how many
    tasks ran."""
    from gcmhub.tests.tasks import run_tasks

    return run_tasks


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Files made by tests go to a temporary folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def network(db):
    return factories.NetworkFactory(slug="alpha", name="Alpha network")


@pytest.fixture
def cycle(network):
    return factories.CycleFactory(network=network)


@pytest.fixture
def org_a(network):
    return factories.OrganisationFactory(network=network, name="Ministry A", acronym="MA")


@pytest.fixture
def org_b(network):
    return factories.OrganisationFactory(network=network, name="Agency B", acronym="AB")


def _member(network, role, organisation=None, username=None):
    return factories.MembershipFactory(
        network=network, role=role, organisation=organisation, user__username=username
    ).user


@pytest.fixture
def coordinator(network):
    return _member(network, Role.COORDINATOR, username="coord")


@pytest.fixture
def consultant(network):
    return _member(network, Role.CONSULTANT, username="consult")


@pytest.fixture
def focal_a(network, org_a):
    return _member(network, Role.FOCAL_POINT, org_a, username="focal-a")


@pytest.fixture
def focal_b(network, org_b):
    return _member(network, Role.FOCAL_POINT, org_b, username="focal-b")


@pytest.fixture
def observer(network):
    return _member(network, Role.OBSERVER, username="obs")


@pytest.fixture
def other_network(db):
    return factories.NetworkFactory(slug="beta", name="Beta network")


@pytest.fixture
def other_cycle(other_network):
    return factories.CycleFactory(network=other_network)


@pytest.fixture
def other_org(other_network):
    return factories.OrganisationFactory(network=other_network, name="Beta ministry")


@pytest.fixture
def outsider(other_network):
    return _member(other_network, Role.COORDINATOR, username="outsider")


@pytest.fixture
def personas(coordinator, consultant, focal_a, focal_b, observer, outsider):
    return {
        "coordinator": coordinator,
        "consultant": consultant,
        "focal_a": focal_a,
        "focal_b": focal_b,
        "observer": observer,
        "outsider": outsider,
    }
