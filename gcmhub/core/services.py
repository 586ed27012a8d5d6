"""Writes on networks, cycles and users. Every write records who made it (audit)."""

from django.db import transaction

from gcmhub.core.audit import locked, save_audited
from gcmhub.core.models import Cycle, Network, User


@transaction.atomic
def cycle_create(*, network: Network, by: User, data: dict) -> Cycle:
    return save_audited(Cycle(network=network, **data), by=by)


@transaction.atomic
def cycle_update(*, cycle: Cycle, by: User, data: dict) -> Cycle:
    cycle = locked(cycle)
    for name, value in data.items():
        setattr(cycle, name, value)
    return save_audited(cycle, by=by, update_fields=list(data))


@transaction.atomic
def user_update_profile(*, user: User, data: dict) -> User:
    user = locked(user)
    for name, value in data.items():
        setattr(user, name, value)
    return save_audited(user, by=user, update_fields=list(data))


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    if not user.is_authenticated:
        return
    user = locked(user)
    if user.language != language:
        user.language = language
        save_audited(user, by=user, update_fields=["language"], validate=False)
