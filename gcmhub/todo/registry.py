"""What waits for a person (issue 16's My tasks): each feature app registers a provider from
its AppConfig.ready() (its `todo.py`), this layer knows none of them.

A provider is `provider(user, memberships) -> iterable of Item`: `memberships` are the
user's active memberships (network and organisation loaded), one per network; a provider
answers for all of them at once, in a fixed number of queries (no query per network or row).
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

Provider = Callable[[object, list], Iterable["Item"]]

_providers: dict[str, Provider] = {}


@dataclass(frozen=True)
class Item:
    """One thing to do: what (`kind_label`, `title`), where (`network`, `cycle`), until when
    (`deadline`, a date or None), waiting since when (`since`), why (`reason`: e.g. the
    reason an input was returned), and the link that opens the thing itself."""

    kind_label: str
    title: str
    url: str
    network: object
    cycle: object = None
    deadline: dt.date | None = None
    since: dt.datetime | None = None
    reason: str = ""
    overdue: bool | None = field(default=None)

    def __post_init__(self):
        if self.overdue is None:
            late = self.deadline is not None and self.deadline < timezone.localdate()
            object.__setattr__(self, "overdue", late)

    def sort_key(self):
        """Overdue first, then the nearest deadline, then the longest waiting."""
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        return (
            not self.overdue,
            self.deadline or dt.date.max,
            self.since or far,
            self.title,
        )


def register(key: str, provider: Provider) -> None:
    _providers[key] = provider


def providers() -> list[Provider]:
    return list(_providers.values())


# Helpers for providers: which of the memberships hold a permission, and the filter that
# reaches their networks (or their organisations in their networks) in one query.


def holding(memberships, perm) -> list:
    """The memberships whose role holds `perm` (the secretariat's, for the review perms)."""
    from gcmhub.core.permissions import role_has_perm

    return [m for m in memberships if role_has_perm(m.role, perm)]


def speaking(memberships, perm) -> list:
    """The focal points' memberships that hold `perm` for their organisation."""
    from gcmhub.core.permissions import Role

    return [
        m
        for m in holding(memberships, perm)
        if m.role == Role.FOCAL_POINT and m.organisation_id is not None
    ]


def in_networks(memberships, path: str = "cycle__network"):
    """A filter on the networks of `memberships` (`path` leads from the row to its network)."""
    from django.db.models import Q

    return Q(**{f"{path}__in": [m.network_id for m in memberships]})


def of_organisations(
    memberships, organisation: str = "organisation", network: str = "cycle__network"
):
    """A filter on each membership's organisation within its own network."""
    from django.db.models import Q

    query = Q(pk__in=[])
    for m in memberships:
        query |= Q(**{organisation: m.organisation_id, network: m.network_id})
    return query
