"""Reading a text in a language: the original, its translation, or the original marked.

    e = edition(section, "body", "tr")
    e.text          # what to show: the Turkish edition, or the original when there is none
    e.language      # the language of e.text (put it in a lang attribute)
    e.is_translation, e.stale, e.missing, e.translation (its row: who, when)

`prefetch(objects)` reads the translations of many objects at once (one query per kind of
object); `edition` then asks the database nothing.
"""

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from gcmhub.editions.models import Translation
from gcmhub.editions.registry import paired_of

CACHE = "_editions"


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def other_languages(language: str) -> list[str]:
    return [code for code in languages() if code != language]


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def source_hash(text: str | None) -> str:
    """The hash a translation keeps of the original it translates (stale when it differs)."""
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


_MARKUP = re.compile(r"<[^>]*>|&nbsp;")


def is_blank(text: str | None) -> bool:
    """Whether a text (plain or HTML) says nothing: no characters but markup and spaces. (Asked
    of every text of a cycle: plain text is answered without a regular expression.)"""
    if not text:
        return True
    if "<" not in text and "&" not in text:
        return not text.strip()
    return not _MARKUP.sub("", text).strip()


@dataclass(frozen=True)
class Edition:
    text: str
    language: str  # the language `text` is in
    wanted: str  # the language asked for
    original_language: str
    translation: Translation | None = None
    stale: bool = False

    @property
    def is_translation(self) -> bool:
        return self.language != self.original_language

    @property
    def missing(self) -> bool:
        """No edition in the language asked for: `text` is the original."""
        return self.language != self.wanted

    @property
    def translated_by(self):
        return self.translation.updated_by if self.translation else None

    @property
    def status(self) -> str:
        """original, current, stale or missing (as the queues and the marks name them)."""
        if not self.is_translation and not self.missing:
            return "original"
        if self.missing:
            return "missing"
        return "stale" if self.stale else "current"

    def __str__(self):
        return self.text


def original_language(obj) -> str:
    return paired_of(obj).language(obj) or settings.LANGUAGE_CODE


def _load(objs) -> None:
    by_type: dict[type, list] = {}
    for obj in objs:
        if obj is not None and obj.pk is not None and not hasattr(obj, CACHE):
            by_type.setdefault(type(obj), []).append(obj)
    for model, group in by_type.items():
        content_type = ContentType.objects.get_for_model(model)
        found: dict[int, dict] = {obj.pk: {} for obj in group}
        rows = Translation.objects.filter(
            content_type=content_type, object_id__in=list(found)
        ).select_related("updated_by")
        for row in rows:
            found[row.object_id][(row.field, row.language)] = row
        for obj in group:
            setattr(obj, CACHE, found[obj.pk])


def prefetch(objs):
    """Read the translations of `objs` (one query per kind of object); returns `objs`."""
    objs = list(objs)
    _load(objs)
    return objs


def forget(obj) -> None:
    """Drop what `prefetch` read for `obj` (after a write)."""
    if hasattr(obj, CACHE):
        delattr(obj, CACHE)


def translation_of(obj, field: str, language: str) -> Translation | None:
    _load([obj])
    return getattr(obj, CACHE, {}).get((field, language))


def edition(obj, field: str, language: str | None = None) -> Edition:
    wanted = language or translation.get_language() or settings.LANGUAGE_CODE
    wanted = wanted.split("-")[0]
    original = getattr(obj, field) or ""
    source = original_language(obj)
    if wanted == source or is_blank(original):
        return Edition(text=original, language=source, wanted=wanted, original_language=source)
    row = translation_of(obj, field, wanted)
    if row is None or is_blank(row.text):
        return Edition(
            text=original, language=source, wanted=wanted, original_language=source, translation=row
        )
    return Edition(
        text=row.text,
        language=wanted,
        wanted=wanted,
        original_language=source,
        translation=row,
        stale=row.source_hash != source_hash(original),
    )


def text_in(obj, field: str, language: str | None = None) -> str:
    return edition(obj, field, language).text


def editions_of(obj, field: str) -> dict[str, Edition]:
    """Every language's edition of one text: {"en": Edition, "tr": Edition}."""
    return {code: edition(obj, field, code) for code in languages()}
