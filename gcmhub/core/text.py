"""Clean free text typed or pasted by people before it is stored."""

import difflib
import html
import re

import nh3
from django.utils.translation import gettext as _

_WORDS = re.compile(r"\n|[^\s]+|[ \t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str:
    """Return plain text: markup removed (pasted HTML), control characters dropped, lines kept.

    The text is stored as plain text and escaped whenever it is shown, so what remains
    can never run as markup.
    """
    if not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = html.unescape(nh3.clean(text, tags=set()))
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def percent(value) -> str:
    """A percentage as each language writes it: "45 %" in English, "%45" in Turkish."""
    if value in (None, ""):
        return "—"
    # Translators: a percentage; Turkish writes the sign first (%%45).
    return _("%(number)s %%") % {"number": f"{value:.0f}"}


def word_diff(old: str, new: str) -> str:
    """HTML of `new` with removed words in <del> and added words in <ins>."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(html.escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{html.escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{html.escape(''.join(b[j1:j2]))}</ins>")
    return "".join(parts).replace("\n", "<br>")
