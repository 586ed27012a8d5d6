"""Withdrawing submitted scores while scoring is open (issue 16)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gcmhub.core.workflow import State
from gcmhub.notifications.models import Kind, Notification
from gcmhub.priorities import services
from gcmhub.priorities.tests.conftest import close, submitted_sheet


def test_a_focal_point_withdraws_the_scores_and_the_coordinator_is_told(
    cycle, org_a, focal_a, coordinator, consultant, scoring
):
    sheet = submitted_sheet(cycle, org_a, lambda n: 4)
    services.sheet_withdraw(sheet=sheet, by=focal_a)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.submitted_by) == (State.DRAFT, None)
    assert sheet.rows.count() == 23  # the scores stay, to be changed and submitted again
    assert [n.recipient for n in Notification.objects.filter(kind=Kind.WITHDRAWN)] == [coordinator]
    assert (
        Notification.objects.get(kind=Kind.WITHDRAWN).text
        == "Ministry A (MA) withdrew its scores: they are a draft again."
    )


def test_scores_are_not_withdrawn_once_scoring_closed_or_by_another_organisation(
    cycle, org_a, focal_a, focal_b, scoring
):
    sheet = submitted_sheet(cycle, org_a, lambda n: 4)
    with pytest.raises(PermissionDenied):
        services.sheet_withdraw(sheet=sheet, by=focal_b)
    close(cycle)
    with pytest.raises(ValidationError, match="Scoring is closed"):
        services.sheet_withdraw(sheet=sheet, by=focal_a)
    sheet.refresh_from_db()
    assert sheet.state == State.SUBMITTED


def test_scores_given_back_by_the_coordinator_have_nothing_to_withdraw(
    cycle, org_a, focal_a, coordinator, scoring
):
    sheet = submitted_sheet(cycle, org_a, lambda n: 4)
    stale = type(sheet).objects.get(pk=sheet.pk)
    services.sheet_reopen(sheet=sheet, by=coordinator)
    with pytest.raises(ValidationError, match="nothing to withdraw"):
        services.sheet_withdraw(sheet=stale, by=focal_a)


def test_the_scoring_page_offers_withdraw_and_says_what_happened(
    client, cycle, org_a, focal_a, scoring
):
    submitted_sheet(cycle, org_a, lambda n: 4)
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk}
    client.force_login(focal_a)
    page = client.get(reverse("scoring-sheet", kwargs=kwargs)).content.decode()
    assert reverse("sheet-withdraw", kwargs=kwargs) in page
    assert "Withdraw these scores? They become a draft again" in page
    response = client.post(reverse("sheet-withdraw", kwargs=kwargs), follow=True)
    page = response.content.decode()
    assert "Your scores have been withdrawn: they are a draft again" in page
    assert 'name="submit"' in page  # editable again
