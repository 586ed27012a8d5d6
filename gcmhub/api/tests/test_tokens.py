"""API tokens (django-rest-knox): stored hashed, shown once, several per person with an
optional expiry, revoked from the profile page; plain-text tokens of before are revoked by the
migration with a note; wrong tokens and too many requests are throttled in the error shape."""

import datetime as dt
import importlib
import threading

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from gcmhub.api import services
from gcmhub.api.models import RevokedTokenNotice
from gcmhub.tests.factories import UserFactory

NETWORKS = "/api/v1/networks/"


def api_get(key, path=NETWORKS, **extra):
    return APIClient().get(path, HTTP_AUTHORIZATION=f"Token {key}", **extra)


def created_key(page) -> str:
    html = page.content.decode()
    start = html.index('id="api-token"')
    value = html.index('value="', start) + len('value="')
    return html[value : html.index('"', value)]


def test_a_new_token_is_shown_once_and_only_its_hash_is_stored(client, coordinator):
    client.force_login(coordinator)
    assert "You have no token." in client.get(reverse("profile")).content.decode()
    page = client.post(reverse("api-token"), {"action": "create", "expiry_days": ""})
    key = created_key(page)
    assert len(key) == 64
    assert "It does not expire" in page.content.decode()
    token = AuthToken.objects.get(user=coordinator)
    assert token.expiry is None
    assert key not in token.digest
    assert api_get(key).status_code == 200
    profile = client.get(reverse("profile")).content.decode()
    assert key not in profile
    assert token.token_key[:8] in profile


def test_a_token_expires_on_the_day_chosen(client, coordinator):
    client.force_login(coordinator)
    page = client.post(reverse("api-token"), {"action": "create", "expiry_days": "30"})
    key = created_key(page)
    token = AuthToken.objects.get(user=coordinator)
    assert abs(token.expiry - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    assert "It expires on" in page.content.decode()
    assert api_get(key).status_code == 200
    AuthToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    refused = api_get(key)
    assert refused.status_code == 401
    assert refused.json()["error"]["message"] == "Invalid token."


def test_an_expiry_outside_the_choices_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("api-token"), {"action": "create", "expiry_days": "9999"}, follow=True
    )
    assert "Choose when the token expires." in response.content.decode()
    assert not AuthToken.objects.filter(user=coordinator).exists()


def test_the_profile_lists_every_token_and_revokes_one_of_them(client, coordinator):
    client.force_login(coordinator)
    first = created_key(client.post(reverse("api-token"), {"action": "create", "expiry_days": ""}))
    second = created_key(
        client.post(reverse("api-token"), {"action": "create", "expiry_days": "365"})
    )
    profile = client.get(reverse("profile")).content.decode()
    assert first[:8] in profile and second[:8] in profile
    assert "never" in profile
    digest = AuthToken.objects.get(user=coordinator, token_key=first[:15]).digest
    response = client.post(reverse("api-token"), {"action": "revoke", "token": digest}, follow=True)
    assert "The API token has been revoked." in response.content.decode()
    assert api_get(first).status_code == 401
    assert api_get(second).status_code == 200


def test_nobody_revokes_another_persons_token(client, coordinator, consultant):
    _, key = services.token_create(user=consultant, expiry_days=None)
    client.force_login(coordinator)
    digest = AuthToken.objects.get(user=consultant).digest
    client.post(reverse("api-token"), {"action": "revoke", "token": digest})
    assert api_get(key).status_code == 200


# The migration that revoked the plain-text tokens


def migrate_plain_tokens():
    """Run the migration's function on the test database (built from the models, whose
    RevokedTokenNotice is the migration's)."""
    migration = importlib.import_module("gcmhub.api.migrations.0001_revoke_plain_tokens")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.revoke_plain_tokens(apps, editor)


def test_the_migration_revokes_plain_tokens_and_leaves_their_owners_a_note(client, coordinator):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, "
            "user_id bigint)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES ('0123456789abcdef', %s, %s)",
            [timezone.now(), coordinator.pk],
        )
    migrate_plain_tokens()
    assert "authtoken_token" not in connection.introspection.table_names()
    assert RevokedTokenNotice.objects.filter(user=coordinator).exists()
    client.force_login(coordinator)
    note = (
        "Your API token was revoked when gcmhub began to store tokens only as a hash, which "
        "nobody can read back: create a new one."
    )
    assert note in client.get(reverse("profile")).content.decode()
    client.post(reverse("api-token"), {"action": "create", "expiry_days": "90"})
    assert note not in client.get(reverse("profile")).content.decode()


def test_the_revocation_note_can_be_dismissed(client, coordinator, consultant):
    RevokedTokenNotice.objects.create(user=coordinator)
    client.force_login(consultant)
    assert "was revoked" not in client.get(reverse("profile")).content.decode()
    client.force_login(coordinator)
    assert "was revoked" in client.get(reverse("profile")).content.decode()
    client.post(reverse("api-token"), {"action": "dismiss"})
    assert "was revoked" not in client.get(reverse("profile")).content.decode()


def test_a_database_without_plain_tokens_migrates_without_notes(coordinator):
    migrate_plain_tokens()
    assert not RevokedTokenNotice.objects.exists()


# Throttling


def test_wrong_tokens_lock_token_authentication_from_the_address(coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 5
    _, key = services.token_create(user=coordinator, expiry_days=None)
    for _ in range(5):
        assert api_get("0" * 64).status_code == 401
    locked = api_get(key)
    assert locked.status_code == 429
    error = locked.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"].startswith("Too many wrong tokens were sent from your address.")
    assert int(locked["Retry-After"]) > 0
    # Another address is not locked out.
    assert api_get(key, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_the_lock_on_wrong_tokens_ends_with_the_cool_down(coordinator, settings, monkeypatch):
    settings.AXES_FAILURE_LIMIT = 5
    _, key = services.token_create(user=coordinator, expiry_days=None)
    for _ in range(5):
        api_get("0" * 64)
    assert api_get(key).status_code == 429
    later = timezone.now().timestamp() + settings.AXES_COOLOFF_TIME.total_seconds() + 1
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda self: later)
    assert api_get(key).status_code == 200


@pytest.mark.parametrize("signed_in", [True, False])
def test_too_many_api_requests_answer_429_in_the_error_shape(coordinator, signed_in, monkeypatch):
    # DRF reads the rates once, when it is imported (settings: API_THROTTLE_ANON and _USER).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/m", "user": "3/m"})
    # Anonymous: the one API view that answers without a sign-in, the schema.
    client, path, answer = APIClient(), "/api/schema/", 200
    if signed_in:
        _, key = services.token_create(user=coordinator, expiry_days=None)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        path, answer = NETWORKS, 200
    for _ in range(3):
        assert client.get(path).status_code == answer
    response = client.get(path)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["status"] == 429
    assert error["code"] == "throttled"
    assert "Request was throttled" in error["message"]


# Parallel creations (issue 12, problem 7: the delete-then-create gave IntegrityErrors)


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_token_creations_each_give_a_working_token():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite serialises writers by locking the whole (shared in-memory) database: "
            'threads fail with "database table is locked" whatever the code does; '
            "PostgreSQL runs this test"
        )
    user = UserFactory()
    keys, errors = [], []
    barrier = threading.Barrier(20)

    def create():
        try:
            barrier.wait()
            keys.append(services.token_create(user=user, expiry_days=30)[1])
        except Exception as error:  # the assertion below shows it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuthToken.objects.filter(user=user).count() == 20
    assert len(set(keys)) == 20
    assert all(api_get(key).status_code == 200 for key in keys)


def test_the_schema_documents_the_token_header_and_the_429(client, db):
    schema = client.get("/api/schema/?format=json").json()
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
    assert '"Token"' in scheme["description"]
    operation = schema["paths"]["/api/v1/networks/"]["get"]
    assert {"tokenAuth": []} in operation["security"]
    assert "429" in operation["responses"]
