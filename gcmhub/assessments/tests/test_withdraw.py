"""Withdrawing a submitted input until the secretariat has acted on it (issue 16)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gcmhub.assessments import services
from gcmhub.assessments.models import Input
from gcmhub.core.workflow import State
from gcmhub.notifications.models import Kind, Notification


def _url(cycle, input, name="input-withdraw"):
    return reverse(
        name,
        kwargs={"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, "input_pk": input.pk},
    )


def test_a_focal_point_withdraws_a_submitted_input_and_the_secretariat_is_told(
    client, submitted, focal_a, focal_b, coordinator, consultant, observer
):
    services.input_withdraw(input=submitted, by=focal_a)
    submitted.refresh_from_db()
    assert (submitted.state, submitted.submitted_at) == (State.DRAFT, None)
    assert submitted.situation == "Referral works."  # the text stays
    assert submitted.history.first().history_user == focal_a  # audited
    rows = Notification.objects.filter(kind=Kind.WITHDRAWN)
    assert sorted(n.recipient.username for n in rows) == ["consult", "coord"]
    assert (
        rows[0].text == "Ministry A (MA) withdrew its input on objective 10: it is a draft again."
    )
    # The notice leads where the secretariat sees the input's state: the draft is not theirs.
    client.force_login(consultant)
    page = client.get(rows[0].url)
    assert page.status_code == 200 and "Ministry A" in page.content.decode()


@pytest.mark.parametrize("state", [State.RETURNED, State.ACCEPTED])
def test_an_input_the_secretariat_has_reviewed_is_not_withdrawn(submitted, focal_a, state):
    Input.objects.filter(pk=submitted.pk).update(state=state, return_reason="Be specific.")
    with pytest.raises(ValidationError, match="already reviewed"):
        services.input_withdraw(input=submitted, by=focal_a)
    submitted.refresh_from_db()
    assert submitted.state == state
    assert not Notification.objects.exists()


def test_a_draft_has_nothing_to_withdraw(draft, focal_a):
    with pytest.raises(ValidationError, match="nothing to withdraw"):
        services.input_withdraw(input=draft, by=focal_a)


def test_an_input_is_not_withdrawn_once_the_collection_closed(submitted, focal_a, collection):
    type(collection).objects.filter(pk=collection.pk).update(closed_at=timezone.now())
    with pytest.raises(ValidationError, match="collection of inputs is closed"):
        services.input_withdraw(input=submitted, by=focal_a)


def test_only_the_organisations_focal_points_withdraw(submitted, focal_b, consultant):
    for person in (focal_b, consultant):
        with pytest.raises(PermissionDenied):
            services.input_withdraw(input=submitted, by=person)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_the_withdrawal_sees_a_review_that_landed_after_the_page_was_read(
    submitted, focal_a, consultant
):
    """The focal point's page still shows the input submitted (an object read earlier); the
    consultant accepts it meanwhile: the withdrawal reads the row again, locked, and refuses."""
    seen = Input.objects.get(pk=submitted.pk)
    services.input_accept(input=submitted, by=consultant)
    with pytest.raises(ValidationError, match="already reviewed"):
        services.input_withdraw(input=seen, by=focal_a)
    assert Input.objects.get(pk=submitted.pk).state == State.ACCEPTED


def test_the_input_page_offers_withdraw_with_a_confirmation_and_says_what_happened(
    client, submitted, focal_a, coordinator
):
    client.force_login(focal_a)
    page = client.get(_url(submitted.cycle, submitted, "input-detail")).content.decode()
    assert _url(submitted.cycle, submitted) in page
    assert "Withdraw this input? It becomes a draft again" in page
    response = client.post(_url(submitted.cycle, submitted), follow=True)
    assert "Your input has been withdrawn: it is a draft again" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == State.DRAFT
    # Once a draft, the button is gone, and a second post says why nothing happened.
    assert _url(submitted.cycle, submitted) not in response.content.decode()
    again = client.post(_url(submitted.cycle, submitted), follow=True).content.decode()
    assert "nothing to withdraw" in again


def test_the_secretariat_is_not_offered_withdraw(client, submitted, consultant):
    client.force_login(consultant)
    page = client.get(_url(submitted.cycle, submitted, "input-detail")).content.decode()
    assert _url(submitted.cycle, submitted) not in page
