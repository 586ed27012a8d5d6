"""Writes on networks, cycles and users. Every write records who made it (audit)."""

import datetime as dt
from itertools import pairwise
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


HORIZONS = ("start_date", "short_term_until", "medium_term_until", "long_term_until")


def cycle_problems(**dates) -> dict:
    """What a cycle's dates break, by field, every one at once (values a form could not read
    are None and not judged): the cycle ends after it starts, and its horizons follow each
    other from its start. What the cycle services refuse and the cycle's page shows."""
    problems = {}
    start, end = dates.get("start_date"), dates.get("end_date")
    if start and end and end < start:
        problems["end_date"] = _("The cycle cannot end before it starts.")
    messages = {
        "short_term_until": _("The short term must end on or after the start of the cycle."),
        "medium_term_until": _("The medium term must end on or after the short term."),
        "long_term_until": _("The long term must end on or after the medium term."),
    }
    for before, name in pairwise(HORIZONS):
        if dates.get(before) and dates.get(name) and dates[name] < dates[before]:
            problems[name] = messages[name]
    return problems


def _check_dates(cycle: Cycle) -> None:
    problems = cycle_problems(
        end_date=cycle.end_date, **{name: getattr(cycle, name) for name in HORIZONS}
    )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def cycle_create(*, network: Network, by: User, **fields: Unpack[CycleFields]) -> Cycle:
    require(by, Perm.CYCLE_MANAGE, network=network)
    cycle = Cycle(network=network, **fields)
    _check_dates(cycle)
    return save_audited(cycle, by=by)


@transaction.atomic
def cycle_update(*, cycle: Cycle, by: User, **changes: Unpack[CycleChanges]) -> Cycle:
    require(by, Perm.CYCLE_MANAGE, cycle=cycle)
    cycle = locked(cycle)
    for name, value in changes.items():
        setattr(cycle, name, value)
    _check_dates(cycle)
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
