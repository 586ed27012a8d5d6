"""Helpers for bilingual content: reference data and names carry one column per language."""

from django.utils.translation import get_language


def current_language() -> str:
    return (get_language() or "en").split("-")[0]


def localized(obj, field: str) -> str:
    """Return `field` in the active language: `<field>_<lang>` if set, else the English value.

    English lives either in `<field>_en` (reference data) or in plain `<field>` (names).
    """
    value = getattr(obj, f"{field}_{current_language()}", "")
    if value:
        return value
    return getattr(obj, f"{field}_en", None) or getattr(obj, field, "")
