"""Telling people what arrived or changed for them (issue 16)."""

from collections.abc import Iterable

from django.db import transaction

from gcmhub.notifications.models import Kind, Notification


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
) -> list[Notification]:
    """Record a notification for each recipient (never the actor), in the transaction of the
    write that caused it.

    `message` is an English msgid marked with `gettext_noop` at the call, with `%(name)s`
    placeholders; `params` holds their values (names of organisations, objectives, documents:
    data, not translated). `url` is the path of the thing itself (no host).
    """
    network = network or (cycle.network if cycle is not None else None)
    seen, rows = set(), []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                message=message,
                params={k: str(v) for k, v in (params or {}).items()},
                url=url,
                network=network,
                cycle=cycle,
                actor=actor,
            )
        )
    return Notification.objects.bulk_create(rows)
