"""The options of list boxes and tick boxes, written in Python in Django's own markup (see
`gcmhub.core.widgets`): the project's `django/forms/widgets/select.html` and
`multiple_input.html` call these instead of an include per option."""

from django import template

from gcmhub.core.widgets import options_html, select_options_html

register = template.Library()


@register.simple_tag
def select_options(widget):
    return select_options_html(widget)


@register.simple_tag
def tick_boxes(widget):
    return options_html(widget)
