from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dictionary: `{{ values|get_item:criterion.key }}`."""
    if not mapping:
        return None
    return mapping.get(key)
