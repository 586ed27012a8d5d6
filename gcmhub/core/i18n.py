"""Helpers for bilingual content: reference data and names carry one column per language."""

from django.utils.translation import get_language


def current_language() -> str:
    return (get_language() or "en").split("-")[0]


def localized(obj, field: str, language: str | None = None) -> str:
    """Return `field` in the active language (or `language`, when the caller has asked for it
    once for many): `<field>_<lang>` if set, else the English value.

    English lives either in `<field>_en` (reference data) or in plain `<field>` (names).
    """
    value = getattr(obj, f"{field}_{language or current_language()}", "")
    if value:
        return value
    return getattr(obj, f"{field}_en", None) or getattr(obj, field, "")


class Localized:
    """A read-only attribute giving `field` in the active language (see `localized`):
    `display_name = Localized("name")` on a model with `name` and `name_tr`."""

    def __init__(self, field: str):
        self.field = field

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return localized(obj, self.field)


TURKISH_ALPHABET = "aâbcçdefgğhıiîjklmnoöprsştuûüvyz"
_TURKISH_ORDER = {letter: index for index, letter in enumerate(TURKISH_ALPHABET)}
_TURKISH_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def sort_key(text: str) -> tuple:
    """Collate `text` as readers of the active language expect (Turkish: ç after c, ı before i).

    Used for lists built in Python; SQLite, the default database, has no Turkish collation.
    """
    if current_language() != "tr":
        return (text.casefold(),)
    lowered = text.translate(_TURKISH_LOWER).lower()
    return tuple((_TURKISH_ORDER.get(ch, 100 + ord(ch)), ch) for ch in lowered)


_ASCII_FOLD = str.maketrans("çğıöşüâîû", "cgiosuaiu")


def search_fold(text: str) -> str:
    """Fold text for searching: Turkish-aware lower case, then without Turkish diacritics.

    "İÇİŞLERİ", "içişleri" and "icisleri" all fold to "icisleri", so people find what they
    mean whatever their keyboard; SQLite's LIKE ignores case for ASCII letters only.
    """
    return text.translate(_TURKISH_LOWER).lower().translate(_ASCII_FOLD)


def search_filter(queryset, value: str, fields: list[str]):
    """Keep the rows of `queryset` whose `fields` contain `value`, compared folded.

    Reads the candidate texts once (lists here are hundreds of rows, not millions).
    """
    needle = search_fold(value.strip())
    if not needle:
        return queryset
    candidates = queryset.model._default_manager.filter(pk__in=queryset.values("pk"))
    matches = {
        pk
        for pk, *texts in candidates.values_list("pk", *fields)
        if any(needle in search_fold(text or "") for text in texts)
    }
    return queryset.filter(pk__in=matches)
