"""Telling people what arrived or changed for them (issue 16): the row in their list always,
and an e-mail at once, in the daily digest or not at all, as each person chooses per kind.

An e-mail at once is written when the notification is recorded, in the recipient's language
(with the e-mail template of the event when it has one, else the notification's text and its
link), and sent by a task of the queue, which reaches the workers when the write's transaction
commits and not at all when it rolls back. The digest is a daily entry of the schedule.
Each notification is e-mailed once at most (`emailed_at`).
"""

import base64
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gcmhub.core.audit import delete_audited, save_audited
from gcmhub.notifications.models import DEFAULT_DELIVERY, Delivery, Kind, Notification, Preference
from gcmhub.notifications.selectors import deliveries_for

# How far back the daily digest looks.
DIGEST_DAYS = 7

# The e-mail of a notification that brings no template of its own.
DEFAULT_TEMPLATE = "notifications/email/notification"


@dataclass(frozen=True)
class Email:
    """The e-mail at once of an event: `<template>_subject.txt` and `_body.txt`, rendered with
    `context` plus `user` (the recipient), `notification` and `url` (the absolute link);
    `attachments(user)` gives the files of that recipient, (name, bytes, mimetype)."""

    template: str
    context: dict = field(default_factory=dict)
    attachments: Callable | None = None


@transaction.atomic
def notify(
    recipients: Iterable,
    kind: Kind | str,
    *,
    message: str,
    params: dict | None = None,
    url: str,
    network=None,
    cycle=None,
    actor=None,
    email: Email | None = None,
) -> list[Notification]:
    """Record a notification for each recipient (never the actor), in the transaction of the
    write that caused it, and queue the e-mail of those who want it at once.

    `message` is an English msgid marked with `gettext_noop` at the call, with `%(name)s`
    placeholders; `params` holds their values (names of organisations, objectives, documents:
    data, not translated); a value that is a function (`lambda: organisation.label`) is read
    in each language, for names the records keep in both. `url` is the path of the thing
    itself (no host). Each returned row says how it is delivered (`row.delivery`).
    """
    network = network or (cycle.network if cycle is not None else None)
    seen, people = set(), []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        people.append(user)
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            message=message,
            params={name: _param(value) for name, value in (params or {}).items()},
            url=url,
            network=network,
            cycle=cycle,
            actor=actor,
        )
        for user in people
    )
    deliveries = deliveries_for([u.pk for u in people], kind)
    for row in rows:
        row.delivery = deliveries[row.recipient.pk]
        if row.delivery == Delivery.AT_ONCE and row.recipient.email:
            _queue_email(row, email)
    return rows


def _param(value) -> str | dict:
    """A value of the message: a string, or {language: string} for a function read in each."""
    if callable(value):
        values = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                values[code] = str(value())
        return values
    return str(value)


def _queue_email(notification: Notification, email: Email | None) -> None:
    """Write the e-mail in the recipient's language now and queue its sending."""
    user = notification.recipient
    template = email.template if email else DEFAULT_TEMPLATE
    context = {
        **(email.context if email else {}),
        "user": user,
        "notification": notification,
        "url": settings.SITE_URL + notification.url,
        "settings_url": settings.SITE_URL + reverse("notification-preferences"),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
        files = list(email.attachments(user)) if email and email.attachments else []
    send_email.enqueue(
        notification.pk,
        subject,
        body,
        [[name, base64.b64encode(content).decode(), mimetype] for name, content, mimetype in files],
    )


@task()
def send_email(notification_id: int, subject: str, body: str, attachments: list) -> bool:
    """Send a notification's e-mail at once, unless it went already (a task run twice)."""
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    message = EmailMessage(subject, body, to=[notification.recipient.email])
    for name, content, mimetype in attachments:
        message.attach(name, base64.b64decode(content), mimetype)
    try:
        message.send()
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


# The daily digest --------------------------------------------------------------------------


def digests_send(*, today: dt.date) -> int:
    """E-mail each person who takes a digest one message with what arrived for them and is
    neither read nor e-mailed yet (the schedule's daily entry); return how many were sent.
    It looks back `DIGEST_DAYS` (a week of missed mornings is caught up): older unread
    notifications stay in the list, and a kind taken "not by e-mail" never piles up here."""
    since = timezone.now() - dt.timedelta(days=DIGEST_DAYS)
    waiting = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            recipient__is_active=True,
            created_at__gte=since,
        )
        .exclude(recipient__email="")
        .select_related("recipient", "network")
        .order_by("recipient_id", "created_at", "pk")
    )
    by_person: dict[int, list[Notification]] = {}
    for notification in waiting:
        by_person.setdefault(notification.recipient_id, []).append(notification)
    chosen = _digest_kinds(by_person)
    sent = 0
    for person_id, notifications in by_person.items():
        mine = [n for n in notifications if n.kind in chosen.get(person_id, set())]
        if mine and _send_digest(mine):
            sent += 1
    return sent


def _digest_kinds(by_person: dict) -> dict[int, set]:
    """{person: the kinds they take in the digest}, in one query."""
    digest = {k for k, d in DEFAULT_DELIVERY.items() if d == Delivery.DIGEST}
    kinds = {person: set(digest) for person in by_person}
    for user_id, kind, delivery in Preference.objects.filter(
        user_id__in=list(by_person)
    ).values_list("user_id", "kind", "delivery"):
        if delivery == Delivery.DIGEST:
            kinds[user_id].add(kind)
        else:
            kinds[user_id].discard(kind)
    return kinds


def _send_digest(notifications: list[Notification]) -> bool:
    # Claimed first (locked, then stamped), so that a digest run twice sends each once.
    with transaction.atomic():
        ids = set(
            Notification.objects.select_for_update()
            .filter(pk__in=[n.pk for n in notifications], emailed_at__isnull=True)
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
    notifications = [n for n in notifications if n.pk in ids]
    if not notifications:
        return False
    user = notifications[0].recipient
    context = {
        "user": user,
        "notifications": notifications,
        "site_url": settings.SITE_URL,
        "list_url": settings.SITE_URL + reverse("notification-list"),
        "settings_url": settings.SITE_URL + reverse("notification-preferences"),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("notifications/email/digest_subject.txt", context).strip()
        body = render_to_string("notifications/email/digest_body.txt", context)
    try:
        EmailMessage(subject, body, to=[user.email]).send()
    except Exception:
        Notification.objects.filter(pk__in=ids).update(emailed_at=None)
        raise
    return True


# The person's own list and choices ---------------------------------------------------------


def notification_open(*, notification: Notification) -> Notification:
    """Mark the notification read (following its link reads it); read stays read."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_read_all(*, user) -> int:
    """Mark every unread notification of `user` read; return how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_save(*, user, choices: dict) -> int:
    """Keep `user`'s delivery for each kind in `choices` ({kind: delivery}); the default needs
    no row. Return how many kinds changed (none for the choices as they were)."""
    stored = {p.kind: p for p in Preference.objects.select_for_update().filter(user=user)}
    changed = 0
    for kind, delivery in choices.items():
        kind, delivery = Kind(kind), Delivery(delivery)
        current = stored[kind].delivery if kind in stored else DEFAULT_DELIVERY[kind]
        if delivery == current:
            continue
        changed += 1
        if delivery == DEFAULT_DELIVERY[kind]:
            delete_audited(stored[kind], by=user)
        elif kind in stored:
            stored[kind].delivery = delivery
            save_audited(stored[kind], by=user, update_fields=["delivery"])
        else:
            save_audited(Preference(user=user, kind=kind, delivery=delivery), by=user)
    return changed
