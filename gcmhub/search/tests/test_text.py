"""Folding, stemming and marking of words: pure functions, no database."""

from gcmhub.search.text import fold, guess_language, highlight, passage, query_terms, stem_index


def test_turkish_folding_knows_dotted_and_dotless_i():
    assert fold("IĞDIR İSTANBUL", "tr") == "ığdır istanbul"
    assert fold("IRAN İzmir", "en") == "iran izmir"


def _finds(query: str, text: str, language: str) -> bool:
    indexed = stem_index(text, language).split()
    return all(any(term.finds(x) for x in indexed) for term in query_terms(query, language))


def test_a_turkish_word_finds_its_inflections_and_its_base_form():
    assert _finds("göçmenlere", "Göçmen hakları", "tr")
    assert _finds("göçmen", "GÖÇMENLERE destek", "tr")
    assert _finds("göçmenlerin", "Göçmenler için", "tr")
    assert not _finds("göçmen", "Mülteciler için", "tr")


def test_a_short_stem_finds_only_whole_words():
    assert not _finds("göç", "göçmen", "tr")
    assert _finds("göç", "Göç yönetimi", "tr")


def test_every_word_of_the_query_must_be_found():
    assert _finds("migrants returning", "Migrant workers return home", "en")
    assert not _finds("migrants returning", "Migrant workers", "en")


def test_the_matching_words_are_marked_whatever_their_form():
    marked = highlight("Göçmenlere destek; göçmen haklari", "göçmen", "tr")
    assert marked == "<mark>Göçmenlere</mark> destek; <mark>göçmen</mark> haklari"


def test_the_passage_is_escaped_and_cut_around_the_first_match():
    text = " ".join(["word"] * 60) + " <b>migrants</b> " + " ".join(["end"] * 60)
    shown = passage(text, "migrant", "en", size=20)
    assert "&lt;b&gt;<mark>migrants</mark>&lt;/b&gt;" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert "<b>" not in shown


def test_a_passage_without_a_match_is_the_beginning_of_the_text():
    assert passage("Short text.", "absent", "en") == "Short text."


def test_a_text_with_turkish_letters_is_taken_for_turkish():
    assert guess_language("Göç yönetimi", "en") == "tr"
    assert guess_language("Migration governance", "en") == "en"
