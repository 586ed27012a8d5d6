from django import template
from js_asset import Media

from gcmhub.core import text

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dictionary: `{{ values|get_item:criterion.key }}`."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def with_csp_nonce(media, request):
    """Form media whose inline import map (the rich-text editor's) carries the page's CSP nonce:
    `{{ form.media|with_csp_nonce:request }}`. Reading the nonce puts it in this response's
    Content-Security-Policy; pages without such media send no nonce at all."""
    return Media.from_media(media, nonce=str(request.csp_nonce))


@register.filter
def percent(value) -> str:
    """A share as "40 %" in the active language (`core.text.percent`)."""
    return text.percent(value)
