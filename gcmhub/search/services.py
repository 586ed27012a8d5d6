"""Keep the search index in step with the writes.

The apps' saves and deletions (and their translations') are seen by signals (`apps.py`); each
record touched in a transaction is indexed again once, after it commits, so a write never
waits on, nor fails with, its index. `rebuild` writes the whole index again (the
`search_rebuild` command, the demo, and the nightly schedule entry that repairs any drift,
e.g. after bulk writes that send no signals)."""

import logging
import threading

from django.db import connection, transaction

from gcmhub.search.models import Entry
from gcmhub.search.sources import BY_NAME, SOURCES, Source, Text, translations_of
from gcmhub.search.text import stem_index

log = logging.getLogger(__name__)
CHUNK = 500

# The vector of an entry from its own columns, in its language's configuration; Turkish
# folding first (I is ı, İ is i), which the server's collation cannot be trusted to do.
VECTORISE = """
UPDATE search_entry SET vector = CASE WHEN language = 'tr' THEN
    setweight(to_tsvector('turkish', translate(title, 'Iİ', 'ıi')), 'A')
    || setweight(to_tsvector('turkish', translate(body, 'Iİ', 'ıi')), 'B')
ELSE
    setweight(to_tsvector('english', translate(title, 'İ', 'i')), 'A')
    || setweight(to_tsvector('english', translate(body, 'İ', 'i')), 'B')
END
WHERE id = ANY(%s)
"""


def _entry(source: Source, text: Text) -> Entry:
    return Entry(
        kind=source.kind,
        published=source.published,
        object_id=text.object_id,
        network_id=text.network_id,
        cycle_id=text.cycle_id,
        language=text.language,
        translated=text.translated,
        title=text.title[:500],
        place=text.place[:500],
        body=text.body,
        url=text.url[:500],
        title_stems=stem_index(text.title, text.language),
        stems=stem_index(f"{text.title}\n{text.body}", text.language),
    )


def _write(source: Source, records) -> int:
    records = list(records)
    translations = translations_of(source, [r.pk for r in records])
    texts = [t for r in records for t in source.texts(r, translations.get(r.pk, {}))]
    entries = Entry.objects.bulk_create([_entry(source, t) for t in texts])
    Objectives = Entry.objectives.through
    Organisations = Entry.organisations.through
    Objectives.objects.bulk_create(
        Objectives(entry_id=e.pk, objective_id=o)
        for e, t in zip(entries, texts, strict=True)
        for o in dict.fromkeys(t.objectives)
    )
    Organisations.objects.bulk_create(
        Organisations(entry_id=e.pk, organisation_id=o)
        for e, t in zip(entries, texts, strict=True)
        for o in dict.fromkeys(t.organisations)
    )
    if connection.vendor == "postgresql" and entries:
        with connection.cursor() as cursor:
            cursor.execute(VECTORISE, [[e.pk for e in entries]])
    return len(entries)


def _entries_of(source: Source, ids):
    return Entry.objects.filter(kind=source.kind, published=source.published, object_id__in=ids)


@transaction.atomic
def entries_index(*, source: str, ids) -> int:
    """Index again the records `ids` of a source (gone ones leave the index)."""
    source = BY_NAME[source]
    ids = list(ids)
    _entries_of(source, ids).delete()
    return _write(source, source.records().filter(pk__in=ids))


@transaction.atomic
def index_rebuild() -> int:
    """Write the whole index again; the number of entries written."""
    _pending().clear()
    Entry.objects.all().delete()
    written = 0
    for source in SOURCES:
        records = source.records().order_by("pk")
        last = 0
        while chunk := list(records.filter(pk__gt=last)[:CHUNK]):
            written += _write(source, chunk)
            last = chunk[-1].pk
    return written


# Records touched in the current transaction, indexed once it commits.

_local = threading.local()


def _pending() -> dict[str, set]:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def index_later(source: str, pk) -> None:
    """Index the record again once the current transaction commits (at once outside one)."""
    if pk is None:
        return
    _pending().setdefault(source, set()).add(pk)
    # Once per call: a rolled-back transaction drops its callbacks, never the next one's.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    pending = dict(_pending())
    _pending().clear()
    for source, ids in pending.items():
        try:
            entries_index(source=source, ids=ids)
        except Exception:  # the write is saved; the nightly rebuild repairs its index
            log.exception("search: indexing %s %s failed", source, sorted(ids))


def index_nightly(*, today) -> int:
    """The schedule's nightly rebuild (`core.schedule`: it sends no e-mail, so 0)."""
    index_rebuild()
    return 0
