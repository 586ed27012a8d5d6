import base64

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from gcmhub.reporting import charts
from gcmhub.reporting.narrative import number_footnotes

register = template.Library()


@register.simple_tag
def narrative(fragment, mode, prefix):
    """Sanitised editor HTML ready to show: footnotes numbered on screen, kept for print."""
    if mode == "print":
        return {"html": mark_safe(fragment or ""), "notes": []}
    html, notes = number_footnotes(fragment or "", prefix=prefix)
    return {"html": mark_safe(html), "notes": [(n, mark_safe(text)) for n, text in notes]}


@register.simple_tag
def priority_chart(chart, chart_id="matrix", mode="screen"):
    """The priority matrix: inline SVG on screen, a PNG image in print (WeasyPrint)."""
    if not chart or not chart.get("points"):
        return ""
    drawn_from = {k: chart[k] for k in ("points", "x_label", "y_label", "quadrants")}
    if mode == "print":
        png = charts.cached_png(charts.priority_matrix_figure, **drawn_from, dpi=150)
        data = base64.b64encode(png).decode()
        return format_html('<img src="data:image/png;base64,{}" alt="{}">', data, chart["title"])
    return charts.cached_svg(
        charts.priority_matrix_figure, **drawn_from, title=chart["title"], chart_id=chart_id
    )


@register.filter
def joined(values, separator=", "):
    return separator.join(str(v) for v in values or [])


@register.filter
def blocks(section):
    """The data blocks of a section with every part named, frozen versions included.

    A block is a dict that may lack a part; in a template `block.items` would then call the
    dict's own `items()` and print its contents, so the template reads these instead.
    """
    return [
        {
            "heading": block.get("heading", ""),
            "paragraphs": block.get("paragraphs", []),
            "bullets": block.get("items", []),
            "table": block.get("table"),
        }
        for block in section.get("blocks", [])
    ]
