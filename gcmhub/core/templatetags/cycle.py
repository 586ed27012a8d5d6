"""`{% cycle_url "name" cycle pk=… %}`: the address of a page of a cycle."""

from django import template

from gcmhub.core.pages import cycle_reverse

register = template.Library()


@register.simple_tag
def cycle_url(name: str, cycle, **kwargs) -> str:
    return cycle_reverse(name, cycle, **kwargs)
