"""Words of a text as search sees them: Turkish-aware case folding, Snowball stems, and the
passage shown with its matches marked. Pure: no database.

The same folding and stemming serve both backends: on SQLite the stems are the index itself;
on PostgreSQL its own Turkish and English configurations (the same Snowball algorithms) index
and match, and these functions only mark the passage shown."""

import re
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


def stems(text: str, language: str) -> list[str]:
    """The stems of the words of `text`, in order, duplicates kept."""
    return [stem(w, language) for w in words(fold(text, language))]


def stem_index(text: str, language: str) -> str:
    """The text's distinct stems between spaces (" a b c "), for a `contains " b "` lookup."""
    return " " + " ".join(dict.fromkeys(stems(text, language))) + " "


def query_stems(query: str, language: str) -> list[str]:
    """The distinct stems a query asks for, in the language of the texts it is matched with."""
    return list(dict.fromkeys(stems(query, language)))


def _marked(tokens: list[str], wanted: set[str], language: str) -> list[tuple[str, bool]]:
    """Split `tokens` (words and what lies between them) into (piece, is a match)."""
    return [
        (t, bool(WORD.fullmatch(t)) and stem(fold(t, language), language) in wanted) for t in tokens
    ]


def _render(pieces) -> SafeString:
    return mark_safe(
        "".join(f"<mark>{escape(p)}</mark>" if hit else escape(p) for p, hit in pieces)
    )


def highlight(text: str, query: str, language: str) -> SafeString:
    """`text` escaped, with the words matching `query` (by stem) in <mark>."""
    wanted = set(query_stems(query, language))
    return _render(_marked(re.split(r"(\w+)", text), wanted, language))


def passage(text: str, query: str, language: str, *, size: int = PASSAGE_WORDS) -> SafeString:
    """The part of `text` around its first match (about `size` words), matches marked, with
    an ellipsis where it was cut; the beginning of the text when nothing matches."""
    wanted = set(query_stems(query, language))
    tokens = [t for t in re.split(r"(\w+)", " ".join(text.split())) if t]
    pieces = _marked(tokens, wanted, language)
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
