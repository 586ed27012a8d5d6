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


def text_of(obj, field: str, language: str) -> Text:
    """The edition of `obj.field` in `language`: the original when written in it, else its
    translation (or the original, `missing`, when there is none). A text of a kind with no
    editions registered reads as its original, in its `language` if it says one."""
    from gcmhub.editions.registry import is_paired
    from gcmhub.editions.texts import edition

    if not is_paired(obj):
        original = getattr(obj, "language", None) or language
        return Text(
            text=getattr(obj, field) or "",
            language=original,
            original_language=original,
            missing=original != language,
        )
    e = edition(obj, field, language)
    by = e.translated_by
    return Text(
        text=e.text or "",
        language=e.language,
        original_language=e.original_language,
        is_translation=e.is_translation,
        stale=e.stale,
        missing=e.missing,
        translated_by=(by.get_full_name() or by.username) if by is not None else "",
    )


def prefetch(objs) -> list:
    """Read the translations of `objs` at once (one query per kind of text with editions; see
    `editions.texts.prefetch`); returns `objs` as a list."""
    from gcmhub.editions.registry import is_paired
    from gcmhub.editions.texts import prefetch as read

    objs = list(objs)
    read([obj for obj in objs if is_paired(obj)])
    return objs


def document_texts(document) -> list:
    """The paired texts of `document` (the objects registered with the editions): the
    document itself (title, subtitle), its sections (title, text), its recommendations."""
    return prefetch(
        [
            document,
            *document.sections.select_related("updated_by").order_by("order", "pk"),
            *document.recommendations.select_related("updated_by").order_by("order", "pk"),
        ]
    )


def language_name(code: str) -> str:
    """The name of a language in the active language: "Turkish", "Türkçe"."""
    from gcmhub.editions.texts import language_name as name

    return name(code)
