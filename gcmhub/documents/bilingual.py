"""The two editions of a document: which languages it has, and the edition of each of its
texts (titles, sections, recommendations) and of the texts it quotes (inputs, syntheses).

A document is written in one language (`Document.language`, the original) and has an edition
in the other language too unless the coordinator chose one (`Document.bilingual`). Its texts
keep their original in their own fields; the other language's edition is an
`editions.Translation`.
"""

from dataclasses import dataclass

from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def document_languages(document) -> list[str]:
    """The languages of the editions of `document`: its own first, then the other if
    bilingual."""
    if not getattr(document, "bilingual", True):
        return [document.language]
    return [document.language, *(code for code in LANGUAGES if code != document.language)]


def other_language(language: str) -> str:
    return next(code for code in LANGUAGES if code != language)


@dataclass(frozen=True)
class Text:
    """A text as an edition in `language` shows it."""

    text: str
    language: str  # the language `text` is written in
    original_language: str
    is_translation: bool = False
    stale: bool = False
    missing: bool = False  # no edition in the language asked for: `text` is the original
    translated_by: str = ""


def text_of(obj, field: str, language: str, *, original_language: str | None = None) -> Text:
    """The edition of `obj.field` in `language`: the original when written in it, else its
    translation (or the original, `missing`, when there is none)."""
    try:  # TEMPORARY until the editions spine is merged
        from gcmhub.editions.texts import edition
    except ImportError:
        owner = getattr(obj, "document", None)
        original = original_language or getattr(owner or obj, "language", None) or "en"
        value = getattr(obj, field) or ""
        return Text(
            text=value, language=original, original_language=original, missing=original != language
        )

    e = edition(obj, field, language)
    translation = getattr(e, "translation", None)
    by = getattr(translation, "updated_by", None) if translation is not None else None
    return Text(
        text=e.text or "",
        language=e.original_language if e.missing or not e.is_translation else e.language,
        original_language=e.original_language,
        is_translation=bool(e.is_translation),
        stale=bool(e.stale),
        missing=bool(e.missing),
        translated_by=str(by) if by is not None else "",
    )


def document_texts(document) -> list:
    """The paired texts of `document` (the objects registered with the editions): the
    document itself (title, subtitle), its sections (title, text), its recommendations."""
    return [
        document,
        *document.sections.order_by("order", "pk"),
        *document.recommendations.order_by("order", "pk"),
    ]


def language_name(code: str) -> str:
    """The name of a language in the active language: "Turkish", "Türkçe"."""
    return str(dict(settings.LANGUAGES).get(code, code))
