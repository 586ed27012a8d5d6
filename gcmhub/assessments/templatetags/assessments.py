"""The coverage matrix's cells, written in Python: 23 objectives by 40 organisations are 920
cells, which an included template each made the slowest part of the page."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gcmhub.core.workflow import State

register = template.Library()


def _labels() -> dict[str, str]:
    return {**dict(State.choices), "missing": _("Not started")}


@register.simple_tag
def coverage_cells(states):
    """The row's cells (`<td>`): a dot named for screen readers for each input's state, an
    empty cell for an organisation not asked about the objective."""
    labels = _labels()
    dots = {
        state: format_html(
            '<td class="cell"><span class="dot state-{}" title="{}" aria-hidden="true"></span>'
            '<span class="visually-hidden">{}</span></td>',
            state,
            label,
            label,
        )
        for state, label in labels.items()
    }
    empty = '<td class="cell"></td>'
    # Every piece is escaped above: the row is their concatenation.
    return mark_safe("".join(dots.get(s, dots["missing"]) if s else empty for s in states))
