"""Clean free text typed or pasted by people before it is stored."""

import html
import re

import nh3
from django.utils.translation import gettext as _

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
