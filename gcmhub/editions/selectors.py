"""What waits for a translation: the translation queues of a document and of a cycle."""

from dataclasses import dataclass
from datetime import datetime

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


def summary(rows: list[Waiting]) -> dict:
    """How many are missing and how many are stale."""
    return {
        "missing": sum(1 for row in rows if row.status == "missing"),
        "stale": sum(1 for row in rows if row.status == "stale"),
        "total": len(rows),
    }
