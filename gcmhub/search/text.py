"""Words of a text as search sees them: Turkish-aware case folding, Snowball stems, and the
passage shown with its matches marked. Pure: no database.

The same folding and stemming serve both backends: on SQLite the stems are the index itself;
on PostgreSQL its own Turkish and English configurations (the same Snowball algorithms) index
and match, and these functions only mark the passage shown."""

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LANGUAGES = {"tr": "turkish", "en": "english"}
WORD = re.compile(r"\w+", re.UNICODE)
PASSAGE_WORDS = 40


def fold(text: str, language: str) -> str:
    """Lower-case `text` as its language does: in Turkish I is ı and İ is i."""
    if language == "tr":
        text = text.replace("I", "ı")
    return text.replace("İ", "i").lower()


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(LANGUAGES.get(language, "english"))


@lru_cache(maxsize=50_000)
def stem(word: str, language: str) -> str:
    """The stem of one folded word: "göçmenlere" → "göçmen"."""
    return _stemmer(language).stemWord(word)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lexemes(word: str, language: str) -> set[str]:
    """What one word is indexed and asked under: its folded form and its stem. Snowball takes
    "göçmen" for an inflection ("göçme"), so a word's own form must match too: "göçmenlere"
    (stem "göçmen") then finds "göçmen", and "göçmen" finds "göçmenlere"."""
    folded = fold(word, language)
    return {folded, stem(folded, language)}


def stem_index(text: str, language: str) -> str:
    """The text's distinct lexemes between spaces (" a b c "), for a `contains " b "` lookup."""
    found = dict.fromkeys(x for w in words(text) for x in sorted(lexemes(w, language)))
    return " " + " ".join(found) + " "


PREFIX_FROM = 5  # letters of a stem from which it also finds the words it begins


@dataclass(frozen=True)
class Term:
    """One word of a query: found by its own form or its stem (`exact`), or, a stem long
    enough, by any word it begins (`prefix`): Snowball stems "göçmenlerin" to "göçme" but
    "göçmenler" to "göçmen"."""

    word: str  # as typed, folded
    exact: frozenset[str]
    prefix: str | None

    def finds(self, lexemes) -> bool:
        return bool(self.exact & set(lexemes)) or bool(
            self.prefix and any(x.startswith(self.prefix) for x in lexemes)
        )


def query_terms(query: str, language: str) -> list[Term]:
    """The terms of a query in the language of the texts it is matched with; every one must
    be found."""
    terms = []
    for word in words(query):
        folded = fold(word, language)
        stemmed = stem(folded, language)
        term = Term(
            word=folded,
            exact=frozenset({folded, stemmed}),
            prefix=stemmed if len(stemmed) >= PREFIX_FROM else None,
        )
        if term not in terms:
            terms.append(term)
    return terms


def _marked(tokens: list[str], terms: list[Term], language: str) -> list[tuple[str, bool]]:
    """Split `tokens` (words and what lies between them) into (piece, is a match)."""
    return [
        (t, bool(WORD.fullmatch(t)) and any(term.finds(lexemes(t, language)) for term in terms))
        for t in tokens
    ]


def _render(pieces) -> SafeString:
    return mark_safe(
        "".join(f"<mark>{escape(p)}</mark>" if hit else escape(p) for p, hit in pieces)
    )


def highlight(text: str, query: str, language: str) -> SafeString:
    """`text` escaped, with the words matching `query` (by stem) in <mark>."""
    terms = query_terms(query, language)
    return _render(_marked(re.split(r"(\w+)", text), terms, language))


def passage(text: str, query: str, language: str, *, size: int = PASSAGE_WORDS) -> SafeString:
    """The part of `text` around its first match (about `size` words), matches marked, with
    an ellipsis where it was cut; the beginning of the text when nothing matches."""
    terms = query_terms(query, language)
    tokens = [t for t in re.split(r"(\w+)", " ".join(text.split())) if t]
    pieces = _marked(tokens, terms, language)
    word_at = [i for i, (p, _) in enumerate(pieces) if WORD.fullmatch(p)]
    first = next((n for n, i in enumerate(word_at) if pieces[i][1]), 0)
    start_word = max(0, first - size // 4)
    end_word = min(len(word_at), start_word + size)
    if not word_at:
        return _render(pieces)
    start = word_at[start_word] if start_word else 0
    end = word_at[end_word - 1] + 1 if end_word < len(word_at) else len(pieces)
    html = _render(pieces[start:end])
    return mark_safe(("… " if start else "") + html + (" …" if end < len(pieces) else ""))


TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")


def guess_language(text: str, default: str) -> str:
    """The language of a text that does not say: Turkish if it has letters only Turkish has."""
    return "tr" if TURKISH_LETTERS.intersection(text) else default
