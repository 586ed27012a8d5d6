"""Rules that protect data live in the services: a write that does not pass through a form (the
API, a command, the demo) is refused by the service itself, with the message the page shows
next to the field (issue 13: forms only present the rules)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gcmhub.core import services as core_services
from gcmhub.core.forms import CycleForm
from gcmhub.core.permissions import Role
from gcmhub.directory import services as directory_services
from gcmhub.framework import services as framework_services


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def test_a_cycle_whose_horizons_go_back_in_time_is_refused_by_the_service(cycle, coordinator):
    problems = refusal(
        lambda: core_services.cycle_update(
            cycle=cycle, by=coordinator, medium_term_until=dt.date(2022, 1, 1)
        )
    )
    assert problems == {
        "medium_term_until": ["The medium term must end on or after the short term."]
    }
    cycle.refresh_from_db()
    assert cycle.medium_term_until == dt.date(2025, 12, 31)


def test_the_cycle_page_shows_the_services_rule_on_its_field(cycle):
    data = {
        "title": "x",
        "country": "TR",
        "start_date": "2021-03-01",
        "end_date": "2021-01-01",
        "short_term_until": "2022-05-17",
        "medium_term_until": "2025-12-31",
        "long_term_until": "2030-12-31",
    }
    form = CycleForm(data=data, instance=cycle)
    assert not form.is_valid()
    assert form.errors["end_date"] == ["The cycle cannot end before it starts."]


def test_a_focal_point_invited_without_an_organisation_is_refused_by_the_service(
    network, coordinator
):
    problems = refusal(
        lambda: directory_services.invitation_create(
            network=network, by=coordinator, email="new@example.org", role=Role.FOCAL_POINT
        )
    )
    assert problems == {"organisation": ["Choose the organisation this focal point speaks for."]}
    assert not network.invitations.exists()


def test_a_framework_ending_before_it_starts_is_refused_by_the_service(cycle, coordinator):
    problems = refusal(
        lambda: framework_services.cooperation_framework_save(
            cycle=cycle,
            by=coordinator,
            framework={"title": "UNSDCF", "start_year": 2025, "end_year": 2021},
            priorities=[],
            outcomes=[],
        )
    )
    assert problems == {"end_year": ["The last year cannot come before the first year."]}
