"""Results computed once per change of their data, then reused: charts, aggregations, summaries.

A page that draws a chart or aggregates a whole cycle does it again only when the data it is
made from changed. What changed is read from the audit trail: every write of an audited model
(create, change, delete) adds a row to its history table, so the highest history id and the
number of history rows of what a result is made from are a stamp that moves with every change of
them, and only then.

    stamp = history_stamp(ScoreSheet.history.filter(cycle_id=cycle.pk), ...)
    chart = remembered(f"priorities:matrix:{cycle.pk}", stamp=stamp, compute=lambda: draw(...))

The results live in Django's cache (`settings.CACHES`: the database by default, Redis or
memcached by setting when several machines serve the site), under the reader's language. A
release runs `migrate`, which forgets them all: a new release never reads a result in the shape an
older one stored. The cache is shared with what is not ours to forget (the API's throttling
counts, the header's task counts, the drawn charts), so forgetting does not empty it: each
result is stored with the cache's generation of results (`memo:generation`), and `migrate`
starts a new one. A result of another generation is not read (and is written over).
"""

import uuid
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Count, Max, QuerySet, Value
from django.utils.translation import get_language

T = TypeVar("T")
WEEK = 7 * 24 * 3600
GENERATION = "memo:generation"  # the key of the generation of the results


def _new_generation() -> str:
    return uuid.uuid4().hex


def history_stamp(*histories: QuerySet, extra: object = "") -> str:
    """The stamp of the data in these history querysets (`Model.history.filter(...)`): the
    highest history id and the number of history rows of each, in one query for them all. The
    count too: PostgreSQL hands out ids when a row is written, not when its transaction commits,
    so a write that commits after a later one adds rows under the highest id. `extra`: anything
    else the result depends on that is not audited (a setting, a date)."""
    # One aggregate row per queryset, numbered (a constant is no GROUP BY: the row is the
    # whole queryset's), the rows together in one UNION ALL.
    rows = [
        history.order_by()
        .annotate(n=Value(n))
        .values("n")
        .annotate(last=Max("history_id"), rows=Count("history_id"))
        .values_list("n", "last", "rows")
        for n, history in enumerate(histories)
    ]
    found = {}
    if rows:
        union = rows[0].union(*rows[1:], all=True) if len(rows) > 1 else rows[0]
        found = {n: f"{last or 0}.{count}" for n, last, count in union}
    return ":".join([*(found[n] for n in range(len(rows))), str(extra)])


def remembered(
    name: str,
    *,
    stamp: str,
    compute: Callable[[], T],
    per_language: bool = True,
    timeout: int = WEEK,
) -> T:
    """The result stored under `name` (and the reader's language) if it was computed for this
    `stamp` in the current generation; otherwise `compute()`, stored for the next request. A
    name is the result's kind and the pk of what it is of: `"workplan:timeline:12"`. One read
    of the cache: the generation and the result together."""
    key = f"memo:{name}:{get_language() if per_language else '-'}"
    found = cache.get_many([GENERATION, key])
    generation = found.get(GENERATION)
    if generation is None:
        # None yet, or evicted: a new one, so that no result stored before it is read. If
        # another process starts one at the same moment, its own wins and ours is a miss.
        generation = _new_generation()
        cache.add(GENERATION, generation, timeout=None)
    stored = found.get(key)
    if stored is not None and stored[:2] == (generation, stamp):
        return stored[2]
    value = compute()
    cache.set(key, (generation, stamp, value), timeout)
    return value


def forget_after_migrate(**kwargs) -> None:
    """Every remembered result is forgotten (a new generation starts), and nothing else in the
    cache: connected to `post_migrate`. Before `createcachetable` has made the database cache's
    table there is nothing to forget."""
    with suppress(DatabaseError):
        cache.set(GENERATION, _new_generation(), timeout=None)
