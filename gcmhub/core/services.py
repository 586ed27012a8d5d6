"""Writes on networks, cycles and users. Every write records who made it (audit)."""

from django.db import transaction

from gcmhub.core.models import Cycle, Network, User


def _save(obj, *, by, update_fields=None):
    obj._history_user = by
    obj.full_clean()
    obj.save(update_fields=update_fields)
    return obj


@transaction.atomic
def cycle_create(*, network: Network, by: User, data: dict) -> Cycle:
    return _save(Cycle(network=network, **data), by=by)


@transaction.atomic
def cycle_update(*, cycle: Cycle, by: User, data: dict) -> Cycle:
    for name, value in data.items():
        setattr(cycle, name, value)
    return _save(cycle, by=by, update_fields=list(data))


@transaction.atomic
def user_update_profile(*, user: User, data: dict) -> User:
    for name, value in data.items():
        setattr(user, name, value)
    return _save(user, by=user, update_fields=list(data))


def user_set_language(*, user: User, language: str) -> None:
    if user.is_authenticated and user.language != language:
        user.language = language
        user._history_user = user
        user.save(update_fields=["language"])
