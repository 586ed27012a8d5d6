"""`{% edition obj "field" as e %}`: a text in the reader's language (or one named), and
`{% edition_mark e %}`: what a reader must know about it (a translation, out of date, or the
original in another language)."""

from django import template

from gcmhub.editions import texts
from gcmhub.editions.views import translate_url as _translate_url

register = template.Library()


@register.simple_tag
def edition(obj, field, language=None):
    return texts.edition(obj, field, language)


@register.inclusion_tag("editions/_mark.html", takes_context=True)
def edition_mark(context, found, link=None):
    return {
        "e": found,
        "link": link,
        "original_name": texts.language_name(found.original_language),
        "language_name": texts.language_name(found.wanted),
    }


@register.simple_tag(takes_context=True)
def translate_url(context, obj, language=None):
    request = context.get("request")
    if request is None:
        return ""
    return (
        _translate_url(
            request.user,
            obj,
            language=language,
            next=request.get_full_path(),
            cycle=context.get("cycle"),
        )
        or ""
    )


@register.filter
def paired_key(obj) -> str:
    """The key the translate page names a kind of text by ("assessments.synthesis")."""
    return texts.paired_of(obj).key


@register.filter
def edition_text(obj, field):
    """`{{ document|edition_text:"title" }}`: the text in the reader's language (the original
    when there is no edition in it)."""
    if obj is None:
        return ""
    return texts.text_in(obj, field)
