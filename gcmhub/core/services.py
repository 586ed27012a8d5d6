"""Writes on networks, cycles and users. Every write records who made it (audit)."""

import datetime as dt
from typing import Required, TypedDict, Unpack

from django.db import transaction

from gcmhub.core.access import require
from gcmhub.core.audit import locked, save_audited
from gcmhub.core.models import Cycle, Network, User
from gcmhub.core.permissions import Perm


class CycleFields(TypedDict, total=False):
    """What a person sets on a cycle (the cycle form's fields)."""

    title: Required[str]
    title_tr: str
    country: Required[str]
    start_date: Required[dt.date]
    end_date: Required[dt.date]
    short_term_until: Required[dt.date]
    short_term_note: str
    short_term_note_tr: str
    medium_term_until: Required[dt.date]
    medium_term_note: str
    medium_term_note_tr: str
    long_term_until: Required[dt.date]
    long_term_note: str
    long_term_note_tr: str


class CycleChanges(CycleFields, total=False):
    title: str
    country: str
    start_date: dt.date
    end_date: dt.date
    short_term_until: dt.date
    medium_term_until: dt.date
    long_term_until: dt.date


class ProfileChanges(TypedDict, total=False):
    first_name: str
    last_name: str
    email: str
    language: str


@transaction.atomic
def cycle_create(*, network: Network, by: User, **fields: Unpack[CycleFields]) -> Cycle:
    require(by, Perm.CYCLE_MANAGE, network=network)
    return save_audited(Cycle(network=network, **fields), by=by)


@transaction.atomic
def cycle_update(*, cycle: Cycle, by: User, **changes: Unpack[CycleChanges]) -> Cycle:
    require(by, Perm.CYCLE_MANAGE, cycle=cycle)
    cycle = locked(cycle)
    for name, value in changes.items():
        setattr(cycle, name, value)
    return save_audited(cycle, by=by, update_fields=list(changes))


@transaction.atomic
def user_update_profile(*, user: User, **changes: Unpack[ProfileChanges]) -> User:
    user = locked(user)
    for name, value in changes.items():
        setattr(user, name, value)
    return save_audited(user, by=user, update_fields=list(changes))


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    if not user.is_authenticated:
        return
    user = locked(user)
    if user.language != language:
        user.language = language
        save_audited(user, by=user, update_fields=["language"], validate=False)
