from gcmhub.core.text import clean_text


def test_markup_is_removed_but_its_text_kept():
    assert clean_text("<p>Border <b>management</b></p><script>alert(1)</script>") == (
        "Border management"
    )


def test_ampersands_and_turkish_letters_survive():
    assert clean_text("Göç & uyum: İŞKUR < 3") == "Göç & uyum: İŞKUR < 3"


def test_line_breaks_are_kept_and_control_characters_dropped():
    assert clean_text("first\r\nsecond\x00\x07\n\n third  ") == "first\nsecond\n\n third"


def test_empty_values_give_an_empty_string():
    assert clean_text(None) == ""
    assert clean_text("") == ""
