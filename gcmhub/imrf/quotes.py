"""How the reporting out quotes what the network wrote (rationales, syntheses, titles of
consultations) in a text it generates in one language: the edition in that language, or the
original, marked."""

from django.utils import translation
from django.utils.translation import gettext as _

from gcmhub.editions.registry import is_paired
from gcmhub.editions.texts import edition, language_name


def quoted(obj, field: str, language: str) -> tuple[str, str]:
    """`obj.field` as a text in `language` quotes it: its edition in that language, or the
    original, and what the reader must know about it in that language ("" for nothing): the
    original's language when there is no edition, an edition out of date, an illustrative
    translation (the demo's)."""
    if obj is None:
        return "", ""
    if not is_paired(obj):
        return getattr(obj, field) or "", ""
    found = edition(obj, field, language)
    with translation.override(language):
        original = language_name(found.original_language)
        if found.missing:
            mark = _("Original in %(language)s, not yet translated into %(wanted)s") % {
                "language": original,
                "wanted": language_name(language),
            }
        elif found.stale:
            mark = _("Translation out of date: the %(language)s original changed after it") % {
                "language": original
            }
        elif found.is_translation and found.translation.illustrative:
            mark = _("Translated from %(language)s") % {"language": original}
            mark = f"{mark} · {_('illustrative translation')}"
        else:
            mark = ""
    return found.text, mark
