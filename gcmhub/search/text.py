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


def stem_index(text: str, language: str) -> str:
    """The text's distinct stems between spaces (" a b c "), for a `contains " b "` lookup."""
    return " " + " ".join(dict.fromkeys(stems(text, language))) + " "


def stems(text: str, language: str) -> list[str]:
    return [stem(w, language) for w in words(fold(text, language))]


PREFIX_FROM = 5  # letters of a Turkish stem from which it also finds the stems it begins


@dataclass(frozen=True)
class Term:
    """One word of a query. Snowball does not stem every form of a word alike: "göçmen" is
    taken for an inflection ("göçme") while "göçmenlere" stems to "göçmen". So a term is
    found by the word's stem, the stem of that stem (`exact`), or, long enough, by any stem
    the shorter one begins (`prefix`): "göçmenlere" finds "göçmen" and "göçmen" finds
    "göçmenlere"."""

    word: str  # as typed, folded
    exact: frozenset[str]
    prefix: str | None

    def finds(self, found: str) -> bool:
        """Whether the stem of a word of the text matches."""
        return found in self.exact or bool(self.prefix and found.startswith(self.prefix))


def query_terms(query: str, language: str) -> list[Term]:
    """The terms of a query in the language of the texts it is matched with; every one must
    be found."""
    terms = []
    for word in words(fold(query, language)):
        once = stem(word, language)
        twice = stem(once, language)
        term = Term(
            word=word,
            exact=frozenset({once, twice}),
            # English stems evenly (Porter2): a prefix there would only find more noise.
            prefix=twice if language == "tr" and len(twice) >= PREFIX_FROM else None,
        )
        if term not in terms:
            terms.append(term)
    return terms


def _hit(token: str, terms: list[Term], language: str) -> bool:
    if not WORD.fullmatch(token):
        return False
    found = stem(fold(token, language), language)
    return any(term.finds(found) for term in terms)


def _marked(tokens: list[str], terms: list[Term], language: str) -> list[tuple[str, bool]]:
    """Split `tokens` (words and what lies between them) into (piece, is a match)."""
    return [(t, _hit(t, terms, language)) for t in tokens]


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
    an ellipsis where it was cut; the beginning of the text when nothing matches. Only the
    words up to the first match and those shown are stemmed."""
    terms = query_terms(query, language)
    tokens = [t for t in re.split(r"(\w+)", " ".join(text.split())) if t]
    word_at = [i for i, t in enumerate(tokens) if WORD.fullmatch(t)]
    if not word_at:
        return _render((t, False) for t in tokens)
    first = next((n for n, i in enumerate(word_at) if _hit(tokens[i], terms, language)), 0)
    start_word = max(0, first - size // 4)
    end_word = min(len(word_at), start_word + size)
    start = word_at[start_word] if start_word else 0
    end = word_at[end_word - 1] + 1 if end_word < len(word_at) else len(tokens)
    html = _render(_marked(tokens[start:end], terms, language))
    return mark_safe(("… " if start else "") + html + (" …" if end < len(tokens) else ""))


TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")


def guess_language(text: str, default: str) -> str:
    """The language of a text that does not say: Turkish if it has letters only Turkish has."""
    return "tr" if TURKISH_LETTERS.intersection(text) else default
