"""What waits for a translation: the translation queues of a document and of a cycle."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from gcmhub.editions.access import actor_in
from gcmhub.editions.registry import changed_in_histories, changed_in_history, paired_of
from gcmhub.editions.texts import (
    Edition,
    edition,
    is_blank,
    original_language,
    other_languages,
    prefetch,
)


@dataclass(frozen=True)
class Waiting:
    """One text whose edition in `language` is missing or out of date."""

    obj: object
    field: str
    field_label: str
    language: str
    original_language: str
    edition: Edition
    changed_by: object | None
    changed_at: datetime | None

    # What names and links the text: asked for by the rows shown only (a page of the queue).
    @property
    def label(self) -> str:
        return paired_of(self.obj).label(self.obj)

    @property
    def url(self) -> str | None:
        paired = paired_of(self.obj)
        return paired.url(self.obj) if paired.url else None

    @property
    def status(self) -> str:
        return self.edition.status

    @property
    def stale(self) -> bool:
        return self.edition.status == "stale"


def waiting(objs, *, languages: list[str] | None = None) -> list[Waiting]:
    """The texts of `objs` (registered objects) with a missing or stale edition in one of
    `languages` (default: every language but each text's own), in the order given."""
    rows = []
    objs = prefetch(objs)
    from_history = _changed_from_history(objs)
    for obj in objs:
        paired = paired_of(obj)
        source = original_language(obj)
        wanted = languages or other_languages(source)
        if paired.changed is changed_in_history:
            changed_by, changed_at = from_history.get((paired.key, obj.pk), (None, None))
        elif paired.changed:
            changed_by, changed_at = paired.changed(obj)
        else:
            changed_by, changed_at = None, None
        for field in paired.fields:
            if is_blank(getattr(obj, field)):
                continue
            for language in wanted:
                if language == source:
                    continue
                found = edition(obj, field, language)
                if found.status not in ("missing", "stale"):
                    continue
                rows.append(
                    Waiting(
                        obj=obj,
                        field=field,
                        field_label=str(obj._meta.get_field(field).verbose_name),
                        language=language,
                        original_language=source,
                        edition=found,
                        changed_by=changed_by,
                        changed_at=changed_at,
                    )
                )
    return rows


def _changed_from_history(objs) -> dict:
    """{(paired key, pk): (who, when)} of the objects whose `changed` reads their history: one
    query per model, not one per object."""
    by_key: dict[str, list] = {}
    for obj in objs:
        paired = paired_of(obj)
        if paired.changed is changed_in_history:
            by_key.setdefault(paired.key, []).append(obj)
    found = {}
    for key, group in by_key.items():
        for pk, changed in changed_in_histories(group).items():
            found[key, pk] = changed
    return found


# The cycle's queue, remembered (core.memo) per cycle, reader and language filter: reading every
# text of a cycle to find the ones waiting costs seconds on a large network, and the queue
# changes only when a text, a translation, a document's lock or the reader's role does. What is
# kept is a key per row; a page of the queue reads its own fifty texts again.


@dataclass(frozen=True)
class Queued:
    """One row of the queue as remembered: which text, field and language, and its status."""

    key: str  # the paired model's key
    pk: int
    field: str
    language: str
    status: str
    changed_by_id: int | None
    changed_at: datetime | None


def _queue_stamp(cycle) -> str:
    from gcmhub.core.memo import history_stamp
    from gcmhub.editions.models import Translation
    from gcmhub.editions.registry import all_paired, cycle_texts_stamp

    texts = [p.model.history.filter(**{p.cycle_path: cycle}) for p in all_paired()]
    return history_stamp(*texts, Translation.history.all(), extra=cycle_texts_stamp(cycle))


def cycle_queue(user, cycle, *, language: str | None = None) -> list[Queued]:
    """The texts of `cycle` that `user` may translate and that wait for an edition in
    `language` (default: any other language than their own), in the order of the cycle's
    texts: computed once per change of what it is made of."""
    from gcmhub.core.memo import remembered
    from gcmhub.editions.registry import cycle_texts

    def compute():
        # Plain tuples (`Queued`'s fields in order): twenty thousand rows are read back from
        # the cache in a few milliseconds, not the third of a second of as many objects.
        objs = [o for o in cycle_texts(cycle) if paired_of(o).may_translate(user, o)]
        return [
            (
                paired_of(row.obj).key,
                row.obj.pk,
                row.field,
                row.language,
                row.status,
                getattr(row.changed_by, "pk", None),
                row.changed_at.timestamp() if row.changed_at else None,
            )
            for row in waiting(objs, languages=[language] if language else None)
        ]

    actor = actor_in(user, cycle)  # what the reader may translate follows from their role
    reader = f"{user.pk}:{actor.role}:{actor.organisation_id}:{actor.is_admin}"
    rows = remembered(
        f"editions:queue:{cycle.pk}:{reader}:{language or '-'}",
        stamp=_queue_stamp(cycle),
        compute=compute,
        per_language=False,  # the rows name texts, not words of the interface
    )
    return QueueList(rows)


class QueueList(Sequence):
    """The remembered rows, each made a `Queued` only when read (a page of them)."""

    def __init__(self, rows: list[tuple]):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._queued(row) for row in self.rows[index]]
        return self._queued(self.rows[index])

    @staticmethod
    def _queued(row: tuple) -> Queued:
        key, pk, field, language, status, changed_by_id, changed_at = row
        when = datetime.fromtimestamp(changed_at, tz=UTC) if changed_at is not None else None
        return Queued(key, pk, field, language, status, changed_by_id, when)

    def counts(self) -> dict:
        """How many are missing and how many are stale (as `summary`)."""
        statuses = [row[4] for row in self.rows]
        missing, stale = statuses.count("missing"), statuses.count("stale")
        return {"missing": missing, "stale": stale, "total": len(statuses)}


def queued_rows(queued: list[Queued]) -> list[Waiting]:
    """The rows of one page of the queue, their texts read again (a query per kind of text,
    one for their translations, one for who changed them)."""
    from django.contrib.auth import get_user_model

    from gcmhub.editions.registry import paired_by_key

    by_key: dict[str, list[int]] = {}
    for row in queued:
        by_key.setdefault(row.key, []).append(row.pk)
    objs = {}
    for key, pks in by_key.items():
        paired = paired_by_key(key)
        found = paired.model._default_manager.select_related(*paired.select_related).in_bulk(pks)
        objs.update({(key, pk): obj for pk, obj in found.items()})
    prefetch(objs.values())
    people = get_user_model().objects.in_bulk({r.changed_by_id for r in queued} - {None})
    rows = []
    for row in queued:
        obj = objs.get((row.key, row.pk))
        if obj is None:  # gone since the queue was counted
            continue
        rows.append(
            Waiting(
                obj=obj,
                field=row.field,
                field_label=str(obj._meta.get_field(row.field).verbose_name),
                language=row.language,
                original_language=original_language(obj),
                edition=edition(obj, row.field, row.language),
                changed_by=people.get(row.changed_by_id),
                changed_at=row.changed_at,
            )
        )
    return rows


def summary(rows: list[Waiting]) -> dict:
    """How many are missing and how many are stale."""
    return {
        "missing": sum(1 for row in rows if row.status == "missing"),
        "stale": sum(1 for row in rows if row.status == "stale"),
        "total": len(rows),
    }
