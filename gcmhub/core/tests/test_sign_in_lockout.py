"""Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for an account, or from an
address, the sign-in page says so (429) and refuses even the right password until the cool-down
has passed."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from gcmhub.tests.factories import PASSWORD

LOCKED = "Too many failed sign-ins for this account or from your address."


def sign_in(client, username, password, address="203.0.113.5"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_hundred_wrong_passwords_lock_the_account_with_a_message(client, focal_a):
    answers = [sign_in(client, "focal-a", f"wrong-{n}") for n in range(100)]
    assert [a.status_code for a in answers[:4]] == [200] * 4
    assert all(a.status_code == 429 for a in answers[4:])
    page = answers[-1].content.decode()
    assert LOCKED in page
    assert "Signing in is paused for 15 minutes: try again later." in page
    assert 'name="username"' in page and 'value="focal-a"' in page  # the sign-in page itself
    assert "Please enter a correct username and password" not in page


def test_the_right_password_is_refused_during_the_cool_down_and_accepted_after(
    client, focal_a, cycle
):
    for n in range(5):
        sign_in(client, "focal-a", f"wrong-{n}")
    refused = sign_in(client, "focal-a", PASSWORD)
    assert refused.status_code == 429
    assert LOCKED in refused.content.decode()
    assert not signed_in(client)
    # The cool-down passes (django-axes counts from the latest failure).
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    accepted = sign_in(client, "focal-a", PASSWORD)
    assert accepted.status_code == 302
    assert signed_in(client)


def test_the_lockout_holds_for_the_account_from_any_address(client, focal_a):
    for n in range(5):
        sign_in(client, "focal-a", f"wrong-{n}", address=f"198.51.100.{n}")
    assert sign_in(client, "focal-a", PASSWORD, address="192.0.2.99").status_code == 429
    assert not signed_in(client)


def test_the_lockout_holds_for_the_address_whatever_the_account(client, focal_a, focal_b):
    for n in range(5):
        sign_in(client, f"nobody-{n}", "wrong")
    assert sign_in(client, "focal-b", PASSWORD).status_code == 429
    assert not signed_in(client)
    # Another address may still sign in to another account.
    assert sign_in(client, "focal-b", PASSWORD, address="192.0.2.99").status_code == 302


def test_a_few_failures_then_the_right_password_start_the_count_again(client, focal_a):
    for n in range(4):
        sign_in(client, "focal-a", f"wrong-{n}")
    assert sign_in(client, "focal-a", PASSWORD).status_code == 302
    client.logout()
    for n in range(4):
        sign_in(client, "focal-a", f"wrong-{n}")
    assert sign_in(client, "focal-a", PASSWORD).status_code == 302


@pytest.mark.parametrize("minutes, text", [(1, "1 minute:"), (30, "30 minutes:")])
def test_the_message_gives_the_configured_cool_down(client, focal_a, settings, minutes, text):
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=minutes)
    for n in range(5):
        response = sign_in(client, "focal-a", f"wrong-{n}")
    assert f"Signing in is paused for {text}" in response.content.decode()
