"""Who is told of each event, how (at once, in the digest, not by e-mail) and in which
language; each person's own list."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from gcmhub.assessments import services as assessments
from gcmhub.assessments.models import Collection
from gcmhub.assessments.tests.conftest import make_input
from gcmhub.framework.models import Objective
from gcmhub.notifications import services
from gcmhub.notifications.models import Delivery, Kind, Notification, Preference
from gcmhub.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEND = "gcmhub.notifications.services.send_email"


@pytest.fixture
def draft(cycle, org_a):
    Collection.objects.create(cycle=cycle, deadline=dt.date(2021, 5, 14))
    return make_input(cycle, org_a, Objective.objects.get(number=9))


def _recipients(kind) -> set:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_submitted_input_tells_the_secretariat_of_its_network_only(draft, personas, other_cycle):
    assessments.input_submit(input=draft, by=personas["focal_a"])
    assert _recipients(Kind.SUBMITTED) == {"coord", "consult"}
    note = Notification.objects.get(recipient=personas["consultant"])
    assert note.text == "Ministry A (MA) submitted its input on GCM objective 9."
    assert note.url == reverse(
        "input-detail",
        kwargs={"network_slug": "alpha", "cycle_pk": draft.cycle_id, "input_pk": draft.pk},
    )
    assert (note.network, note.cycle, note.actor) == (
        draft.cycle.network,
        draft.cycle,
        personas["focal_a"],
    )


def test_a_returned_input_tells_its_organisations_focal_points_only(
    draft, personas, run_tasks, settings
):
    settings.SITE_URL = "https://gcmhub.example.org"
    assessments.input_submit(input=draft, by=personas["focal_a"])
    assessments.input_return(input=draft, by=personas["consultant"], reason="Name the law.")
    assert _recipients(Kind.RETURNED) == {"focal-a"}
    assert Notification.objects.get(kind=Kind.RETURNED).text == (
        "The input of Ministry A (MA) on GCM objective 9 was returned: Name the law."
    )
    run_tasks(only=SEND)
    # Returned goes at once by default (with the e-mail the event always had); submitted
    # waits for the secretariat's digest.
    assert [m.to for m in mail.outbox] == [[personas["focal_a"].email]]
    assert "Name the law." in mail.outbox[0].body
    link = "https://gcmhub.example.org" + Notification.objects.get(kind=Kind.RETURNED).url
    assert link in mail.outbox[0].body


def test_the_e_mail_at_once_goes_in_the_recipients_language_with_the_link(
    draft, personas, run_tasks, settings
):
    settings.SITE_URL = "https://gcmhub.example.org"
    focal = personas["focal_a"]
    focal.language = "tr"
    focal.save(update_fields=["language"])
    assessments.input_submit(input=draft, by=focal)
    assessments.input_accept(input=draft, by=personas["consultant"])
    services.preferences_save(user=focal, choices={Kind.ACCEPTED: Delivery.AT_ONCE})
    services.notify(
        [focal],
        Kind.ACCEPTED,
        message=gettext_noop("The collection of inputs is closed."),
        url="/somewhere/",
        actor=personas["consultant"],
    )
    run_tasks(only=SEND)
    [message] = mail.outbox
    assert message.to == [focal.email]
    assert "Katkı toplama dönemi kapandı." in message.body
    assert "https://gcmhub.example.org/somewhere/" in message.body
    with translation.override("tr"):
        assert str(Kind.ACCEPTED.label) in message.subject


def test_not_by_e_mail_sends_nothing_but_the_list_still_records_it(draft, personas, run_tasks):
    focal = personas["focal_a"]
    services.preferences_save(user=focal, choices={Kind.RETURNED: Delivery.OFF})
    assessments.input_submit(input=draft, by=focal)
    assessments.input_return(input=draft, by=personas["consultant"], reason="Name the law.")
    run_tasks(only=SEND)
    assert services.digests_send(today=dt.date.today()) == 2  # the secretariat: not focal
    assert focal.email not in {address for m in mail.outbox for address in m.to}
    assert focal.notifications.get().kind == Kind.RETURNED


def test_the_digest_sends_one_e_mail_with_both_and_each_notification_once(
    cycle, personas, run_tasks
):
    consultant = personas["consultant"]
    for number in (9, 10):
        draft = make_input(
            cycle,
            personas["focal_a"].memberships.get().organisation,
            Objective.objects.get(number=number),
        )
        assessments.input_submit(input=draft, by=personas["focal_a"])
    run_tasks(only=SEND)
    assert mail.outbox == []  # submitted waits for the digest by default
    Notification.objects.filter(recipient=personas["coordinator"]).update(
        read_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    )
    assert services.digests_send(today=dt.date.today()) == 1
    [message] = mail.outbox
    assert message.to == [consultant.email]
    assert "GCM objective 9" in message.body and "GCM objective 10" in message.body
    assert "2 notifications" in message.subject
    assert services.digests_send(today=dt.date.today()) == 0  # e-mailed once
    assert not Notification.objects.filter(recipient=consultant, emailed_at__isnull=True).exists()


def test_the_digest_looks_back_a_week_only(cycle, personas, run_tasks):
    draft = make_input(
        cycle, personas["focal_a"].memberships.get().organisation, Objective.objects.get(number=9)
    )
    assessments.input_submit(input=draft, by=personas["focal_a"])
    Notification.objects.update(
        created_at=timezone.now() - dt.timedelta(days=services.DIGEST_DAYS + 1)
    )
    assert services.digests_send(today=dt.date.today()) == 0
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2  # still listed


def test_the_digest_is_a_daily_entry_of_the_schedule():
    from gcmhub.core.schedule import ENTRIES

    entry = ENTRIES["notification-digests"]
    assert entry.send == "gcmhub.notifications.services.digests_send"


def test_preferences_keep_only_what_differs_from_the_default(focal_a):
    assert services.preferences_save(user=focal_a, choices={Kind.RETURNED: Delivery.AT_ONCE}) == 0
    assert not Preference.objects.exists()
    assert services.preferences_save(user=focal_a, choices={Kind.SUBMITTED: Delivery.OFF}) == 1
    assert services.preferences_save(user=focal_a, choices={Kind.SUBMITTED: Delivery.DIGEST}) == 1
    assert not Preference.objects.exists()  # back to the default: no row


# The list ----------------------------------------------------------------------------------


def _note(user, text="The collection of inputs is closed.", url="/networks/"):
    return services.notify([user], Kind.INVITED, message=text, url=url)[0]


def test_a_person_sees_only_their_own_notifications(client, focal_a, focal_b):
    _note(focal_a)
    theirs = _note(focal_b, text="The collection of inputs is open.")
    client.force_login(focal_a)
    page = client.get(reverse("notification-list")).content.decode()
    assert "The collection of inputs is closed." in page
    assert "The collection of inputs is open." not in page
    response = client.get(reverse("notification-open", kwargs={"notification_pk": theirs.pk}))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_following_a_notification_reads_it_and_opens_the_thing(client, focal_a):
    note = _note(focal_a, url="/networks/alpha/")
    client.force_login(focal_a)
    assert '<span class="count">1</span>' in client.get(reverse("profile")).content.decode()
    response = client.get(reverse("notification-open", kwargs={"notification_pk": note.pk}))
    assert response.url == "/networks/alpha/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert '<span class="count">' not in client.get(reverse("profile")).content.decode()


def test_a_link_elsewhere_is_not_followed(client, focal_a):
    note = _note(focal_a, url="https://evil.example.org/")
    client.force_login(focal_a)
    response = client.get(reverse("notification-open", kwargs={"notification_pk": note.pk}))
    assert response.url == reverse("notification-list")


def test_mark_all_read(client, focal_a, focal_b):
    _note(focal_a), _note(focal_a), _note(focal_b)
    client.force_login(focal_a)
    response = client.post(reverse("notifications-read"), follow=True)
    assert "Every notification is marked read." in response.content.decode()
    assert not focal_a.notifications.filter(read_at__isnull=True).exists()
    assert focal_b.notifications.filter(read_at__isnull=True).count() == 1


def test_the_list_is_paginated_with_unread_first_in_few_queries(
    client, focal_a, django_assert_max_num_queries
):
    old = _note(focal_a, text="The collection of inputs is open.")
    services.notification_open(notification=old)
    newer = _note(focal_a, text="The scoring is open.")
    services.notification_open(notification=newer)
    for _ in range(34):
        _note(focal_a)
    client.force_login(focal_a)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("notification-list")).content.decode()
    assert page.count("The collection of inputs is closed.") == 30
    assert "Page 1 of 2" in page
    second = client.get(reverse("notification-list") + "?page=2").content.decode()
    # Read: after every unread one (on PostgreSQL, too, where NULL sorts last), newest first.
    assert second.index("The scoring is open.") < second.index("The collection of inputs is open.")


def test_the_preferences_page_saves_each_kind(client, focal_a):
    client.force_login(focal_a)
    page = client.get(reverse("notification-preferences")).content.decode()
    assert "Your work was returned for changes" in page
    data = {kind.value: "at_once" for kind in Kind} | {"submitted": "off"}
    response = client.post(reverse("notification-preferences"), data, follow=True)
    assert "Your choices of e-mails have been saved." in response.content.decode()
    assert dict(Preference.objects.filter(user=focal_a).values_list("kind", "delivery")) == {
        kind.value: "at_once"
        for kind in (Kind.SUBMITTED, Kind.ACCEPTED, Kind.WITHDRAWN, Kind.COMMENTED, Kind.ENDORSED)
    } | {"submitted": "off"}


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get(reverse("notification-list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_person_without_e_mail_still_gets_the_notification(run_tasks):
    person = UserFactory(email="")
    _note(person)
    run_tasks(only=SEND)
    assert person.notifications.count() == 1 and mail.outbox == []


def test_the_same_e_mail_task_run_twice_sends_once(focal_a):
    note = _note(focal_a)
    assert services.send_email.call(note.pk, "Subject", "Body", []) is True
    assert services.send_email.call(note.pk, "Subject", "Body", []) is False
    assert len(mail.outbox) == 1
