"""Action points owned by an organisation or a person, their reminders, and the migration of
the free-text owners."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from gcmhub.meetings import services
from gcmhub.meetings.models import Outcome, OutcomeType
from gcmhub.notifications.models import Kind
from gcmhub.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

DUE = dt.date(2030, 3, 10)


def _point(meeting, by, **owner):
    return services.outcome_save(
        meeting=meeting,
        by=by,
        type=OutcomeType.ACTION_POINT,
        text="Send the figures of 2029",
        due_date=DUE,
        **owner,
    )


def test_a_text_that_names_an_organisation_or_a_person_becomes_them(
    meeting, coordinator, org_a, focal_b
):
    by_acronym = _point(meeting, coordinator, owner="ma")
    assert (by_acronym.owner_organisation, by_acronym.owner) == (org_a, "")
    by_name = _point(meeting, coordinator, owner=focal_b.get_full_name())
    assert (by_name.owner_person, by_name.owner) == (focal_b, "")
    other = _point(meeting, coordinator, owner="The governor's office")
    assert (other.owner_organisation, other.owner_person) == (None, None)
    assert other.owner_label == "The governor's office"
    assert by_acronym.owner_label == "Ministry A (MA)"


def test_an_owner_of_another_network_is_refused(meeting, coordinator, other_org):
    with pytest.raises(ValidationError) as error:
        _point(meeting, coordinator, owner_organisation=other_org)
    assert error.value.message_dict["owner_organisation"] == [
        "Choose an organisation of this network."
    ]


def test_an_action_point_still_needs_an_owner(meeting, coordinator):
    with pytest.raises(ValidationError) as error:
        _point(meeting, coordinator)
    assert error.value.message_dict["owner"] == ["An action point needs an owner."]


def test_owners_are_reminded_once_due_soon_then_once_late(
    meeting, coordinator, org_a, focal_a, focal_b, consultant
):
    _point(meeting, coordinator, owner_organisation=org_a)
    _point(meeting, coordinator, owner_person=consultant)
    assert services.action_points_remind(today=DUE - dt.timedelta(days=10)) == 0
    assert services.action_points_remind(today=DUE - dt.timedelta(days=2)) == 2
    assert services.action_points_remind(today=DUE - dt.timedelta(days=1)) == 0  # once
    assert services.action_points_remind(today=DUE + dt.timedelta(days=1)) == 2
    assert services.action_points_remind(today=DUE + dt.timedelta(days=2)) == 0
    kinds = list(focal_a.notifications.order_by("pk").values_list("kind", flat=True))
    assert kinds == [Kind.DUE_SOON, Kind.LATE]
    soon = focal_a.notifications.order_by("pk").first()
    assert soon.text == (
        "The action point “Send the figures of 2029” of Validation meeting is due by 10 March 2030."
    )
    assert soon.url.endswith("/meetings/actions/")
    assert consultant.notifications.count() == 2
    assert not focal_b.notifications.exists()


def test_a_done_action_point_or_a_moved_due_date(meeting, coordinator, org_a, focal_a):
    point = _point(meeting, coordinator, owner_organisation=org_a)
    services.action_points_remind(today=DUE - dt.timedelta(days=1))
    later = DUE + dt.timedelta(days=20)
    Outcome.objects.filter(pk=point.pk).update(due_date=later)
    assert services.action_points_remind(today=later - dt.timedelta(days=1)) == 1
    services.action_done(outcome=Outcome.objects.get(pk=point.pk), by=coordinator, done=True)
    assert services.action_points_remind(today=later + dt.timedelta(days=1)) == 0


def test_the_migration_moves_free_text_owners_that_name_someone(
    meeting, coordinator, org_a, focal_b
):
    rows = [
        Outcome.objects.create(
            meeting=meeting, type=OutcomeType.ACTION_POINT, text=t, owner=o, due_date=DUE
        )
        for t, o in [
            ("a", "Ministry A"),
            ("b", "Ministry A (MA)"),
            ("c", focal_b.username),
            ("d", "Someone else"),
        ]
    ]
    OrganisationFactory(network=meeting.cycle.network, name="Twin", acronym="TW")
    migration = importlib.import_module(
        "gcmhub.meetings.migrations.0003_action_point_owners_from_text"
    )
    migration.forwards(django_apps, None)
    found = [Outcome.objects.get(pk=r.pk) for r in rows]
    assert [(o.owner_organisation_id, o.owner_person_id, o.owner) for o in found] == [
        (org_a.pk, None, ""),
        (org_a.pk, None, ""),
        (None, focal_b.pk, ""),
        (None, None, "Someone else"),
    ]


def test_the_minutes_page_records_an_organisation_as_owner_and_the_tracker_names_it(
    client, meeting, consultant, org_b
):
    from django.urls import reverse

    cycle = meeting.cycle
    kwargs = {"network_slug": cycle.network.slug, "cycle_pk": cycle.pk, "meeting_pk": meeting.pk}
    item = meeting.agenda_items.first()
    client.force_login(consultant)
    add = reverse("outcome-add", kwargs={**kwargs, "item_pk": item.pk})
    page = client.get(reverse("minutes", kwargs=kwargs)).content.decode()
    # The form comes when "Record an outcome" opens (htmx), or as a page of its own.
    assert f'hx-get="{add}"' in page and f'<a href="{add}">' in page
    for headers in [{}, {"HX-Request": "true"}]:
        form = client.get(add, headers=headers).content.decode()
        assert f'name="o{item.pk}-owner_organisation"' in form
        assert "Agency B (AB)</option>" in form
    assert "<html" not in form
    client.post(
        reverse("outcome-add", kwargs={**kwargs, "item_pk": item.pk}),
        {
            f"o{item.pk}-type": "action_point",
            f"o{item.pk}-text": "Share the shelter figures.",
            f"o{item.pk}-owner_organisation": org_b.pk,
            f"o{item.pk}-due_date": "2030-07-09",
        },
    )
    assert Outcome.objects.get(text="Share the shelter figures.").owner_organisation == org_b
    kwargs.pop("meeting_pk")
    tracker = client.get(reverse("action-list", kwargs=kwargs)).content.decode()
    assert "Agency B (AB)" in tracker
