"""Build a document's content as plain data: the live draft and every issued version.

The same structure feeds the screen, the Word and the PDF renderers, and is what a version
freezes (JSON, hashed). A document has an edition per language (`build_content(document,
language)`): its texts in that language where they have one (the original, its language
marked, where not), its labels and data in that language, whatever the reader's. A version
freezes every edition at once (`version_content`) under one hash.
The data of a section comes from its kind's builder (see `documents.kinds`); builders share a
`Data` that reads each kind of data once, whatever the size of the cycle (and the editions of
one document share what it read).
"""

import hashlib
import json

from django.utils import formats, translation
from django.utils.translation import gettext as _

from gcmhub.documents.kinds import part_of
from gcmhub.documents.models import Document
from gcmhub.editions.texts import is_blank

# The kind of section of a document's compendium: the full texts of its evidence, an annex the
# coordinator switches on (`Document.compendium`) when the document's kind offers one.
COMPENDIUM = "compendium"


def decimal_text(value, places: int = 2) -> str:
    """A decimal as the document's language writes it, always with `places` decimals
    (3.27 in English, 3,27 in Turkish); "—" for no value. Every decimal of a document."""
    if value is None:
        return "—"
    return formats.number_format(round(float(value), places), decimal_pos=places, use_l10n=True)


def has_compendium(document: Document) -> bool:
    """Whether the kind of `document` offers a compendium (see `COMPENDIUM`)."""
    from gcmhub.documents.kinds import kind_of

    try:
        return any(part.key == COMPENDIUM for part in kind_of(document).parts)
    except LookupError:
        return False


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def content_warnings(content: dict) -> list[str]:
    """What a reader would find missing in `content`: empty sections, figures with nothing to
    draw. Issuing a version with any of these asks for a confirmation first."""
    warnings = []
    for section in content["sections"]:
        names = {"number": section["number"], "title": section["title"]}
        part = part_of(section["kind"])
        has_data = part.has_data if part is not None else None
        empty_data = has_data is not None and not has_data(section)
        if empty_data and is_blank(section["html"]):
            warnings.append(_("Section %(number)s “%(title)s” is empty.") % names)
        chart = section.get("chart")
        if chart is not None and not chart.get("points"):
            warnings.append(
                _(
                    "The figure of section %(number)s “%(title)s” has nothing to draw yet: "
                    "no objective has a mean score."
                )
                % names
            )
    return warnings


def build_content(
    document: Document,
    language: str | None = None,
    *,
    cache: dict | None = None,
    only: set[str] | None = None,
) -> dict:
    """The edition of `document` in `language` (default: the document's own): every title and
    text in that language where it has one (else the original, its language marked: `lang`
    on the section), the labels and the data in that language.

    The editions of one document share `cache` (the data read once, see `Data`). With `only`
    (section keys), the other sections are their headings alone ({"key", "number", "title",
    "kind"}): their data is not read."""
    language = language or document.language
    cache = cache if cache is not None else {}
    with translation.override(language):
        cycle = document.cycle
        sections = cache.get("sections")
        if sections is None:
            from gcmhub.documents.bilingual import prefetch

            sections = cache["sections"] = prefetch(document.sections.order_by("order", "pk"))
            prefetch([document])
        data = Data(document, language, cache=cache)
        built = []
        for position, section in enumerate(sections, start=1):
            title = data.text(section, "title")
            if only is not None and section.key not in only:
                built.append(
                    {"key": section.key, "number": str(position), "title": title.text,
                     "kind": section.kind}
                )  # fmt: skip
                continue
            body = data.text(section, "body")
            item = _section(
                data,
                key=section.key,
                number=position,
                title=title.text,
                kind=section.kind,
                html=body.text or "",
            )
            if body.text and body.language != language:
                item["lang"] = body.language  # the original, not yet translated
                item["mark"] = original_mark(body.language)
            elif body.text and body.stale:
                item["mark"] = stale_mark(body.original_language)
            built.append(item)
        if (
            document.compendium
            and has_compendium(document)
            and not any(s.kind == COMPENDIUM for s in sections)
        ):
            # The compendium closes the document, after the annexes of its outline.
            key, title = "annex-compendium", str(part_of(COMPENDIUM).label)
            number = len(built) + 1
            if only is not None and key not in only:
                built.append(
                    {"key": key, "number": str(number), "title": title, "kind": COMPENDIUM}
                )
            else:
                built.append(
                    _section(data, key=key, number=number, title=title, kind=COMPENDIUM, html="")
                )
        return {
            "title": data.text(document, "title").text,
            "subtitle": data.text(document, "subtitle").text,
            "network": cycle.network.display_name,
            "cycle": cycle.display_title,
            "country": str(cycle.country.name),
            "language": language,
            "original_language": document.language,
            "labels": _labels(),
            "sections": built,
        }


def original_mark(language: str) -> str:
    """ "Original in Turkish": what marks a text shown in the language it was written in,
    inside an edition in another language (the active language)."""
    if language == "tr":
        return _("Original in Turkish")
    return _("Original in English")


def stale_mark(language: str) -> str:
    """What marks a translation made before its original (in `language`) last changed."""
    if language == "tr":
        return _("Translation older than the Turkish original")
    return _("Translation older than the English original")


def translated_mark(language: str) -> str:
    """ "Translated from Turkish": what marks a translated text the document quotes."""
    if language == "tr":
        return _("Translated from Turkish")
    return _("Translated from English")


def translation_gaps(document: Document, language: str) -> list[str]:
    """What the edition of `document` in `language` lacks: each of its texts with no
    translation in that language, or one made before its original last changed."""
    from gcmhub.documents.bilingual import document_texts, text_of

    if language == document.language:
        return []
    found = []
    with translation.override(language):  # the texts named as the edition names them
        for obj in document_texts(document):
            for field, name in _paired_fields(obj):
                if not (getattr(obj, field) or "").strip():
                    continue  # nothing to translate
                found.append((str(name), text_of(obj, field, language)))
    gaps = []  # told in the reader's language
    for name, text in found:
        if text.missing:
            gaps.append(_("%(what)s: not translated yet.") % {"what": name})
        elif text.stale:
            gaps.append(_("%(what)s: the translation is older than the original.") % {"what": name})
    return gaps


def _paired_fields(obj) -> list[tuple[str, str]]:
    """The paired fields of a document's text, each with how the gaps name it."""
    from gcmhub.documents.models import Recommendation, Section

    if isinstance(obj, Section):
        names = {"number": obj.order + 1, "title": obj.title}
        return [
            ("title", _("Title of section %(number)s “%(title)s”") % names),
            ("body", _("Text of section %(number)s “%(title)s”") % names),
        ]
    if isinstance(obj, Recommendation):
        number = {"number": obj.order}
        return [("text", _("Recommendation %(number)s") % number)]
    return [("title", _("Title of the document")), ("subtitle", _("Subtitle of the document"))]


def version_content(document: Document) -> dict:
    """What a version freezes: the edition in the document's language, as before (every reader
    of `content["sections"]` reads it), with the other editions under "editions" and the
    languages whose edition is complete (no translation missing or out of date) under
    "complete". Its hash covers every edition."""
    from gcmhub.documents.bilingual import document_languages

    languages = document_languages(document)
    cache = {}
    content = build_content(document, document.language, cache=cache)
    others = {
        language: build_content(document, language, cache=cache) for language in languages[1:]
    }
    if others:
        content["editions"] = others
    content["complete"] = [
        language for language in languages if not translation_gaps(document, language)
    ]
    return content


def editions_of(content: dict) -> dict[str, dict]:
    """{language: edition} of a version's content, its own language first. A version issued
    before documents had two editions has one."""
    own = {key: value for key, value in content.items() if key not in ("editions", "complete")}
    return {content["language"]: own, **content.get("editions", {})}


def edition_of(content: dict, language: str | None) -> dict:
    """The edition of a version's content in `language`, or its own if it has none."""
    editions = editions_of(content)
    return editions.get(language) or editions[content["language"]]


def complete_languages(content: dict) -> list[str]:
    """The languages whose edition a version holds complete (every text in that language); a
    version issued before documents had two editions is complete in its one."""
    return content.get("complete", [content["language"]])


def _section(data, *, key, number, title, kind, html) -> dict:
    item = {"key": key, "number": str(number), "title": title, "kind": kind, "html": html}
    part = part_of(kind)
    if part is not None and part.build is not None:
        item.update(part.build(data))
    return item


def _labels() -> dict:
    return {
        "contents": _("Contents"),
        "version": _("Version"),
        "draft": _("Draft"),
        "table": _("Table"),
        "figure": _("Figure"),
        "notes": _("Notes"),
        "page": _("Page"),
        "hash": _("Content hash"),
    }


class Data:
    """What the builders of one document share: the document, its cycle, and each kind of
    data read once when a section first needs it (`data.cached(key, load)`)."""

    def __init__(self, document: Document, language: str | None = None, cache=None):
        self.document = document
        self.cycle = document.cycle
        self.language = language or document.language
        # What is read from the database, shared by the editions of the document.
        self._cache = cache if cache is not None else {}

    def text(self, obj, field: str):
        """The edition of `obj.field` in the language of the content being built (see
        `documents.bilingual.text_of`)."""
        from gcmhub.documents.bilingual import text_of

        return text_of(obj, field, self.language)

    def quote(self, obj, field: str) -> dict:
        """A text another app wrote (an input, a synthesis) as the document quotes it: the
        edition of its language when there is one, else the original with its language marked:
        {"text", "lang" (when not the edition's language), "mark" ("Original in Turkish",
        "Translated from Turkish"), or only "text"}."""
        text = self.text(obj, field)
        quoted = {"text": text.text}
        if not text.text:
            return quoted
        if text.language != self.language:
            quoted["lang"] = text.language
            quoted["mark"] = original_mark(text.language)
        elif text.is_translation:
            quoted["mark"] = translated_mark(text.original_language)
        return quoted

    def cached(self, key, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]
