"""Charts drawn by the server with matplotlib: one figure code for the web page (SVG) and for
documents and downloads (PNG). Pages show each chart with a text alternative (a table).

A chart is drawn once per change of its data: `cached_png` and `cached_svg` keep the drawing in
Django's cache under a hash of the figure function (its code) and of everything it is drawn
from, so the pages, the downloads and the document files of the same data reuse one drawing.
"""

import functools
import hashlib
import inspect
import io
import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BRAND = "#0b4a7d"
CONTESTED = "#b42318"
plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "svg.fonttype": "none",  # text stays text: searchable, readable by screen readers
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


# SVG presentation attributes that matplotlib writes as CSS in style="…" attributes.
PRESENTATION_ATTRIBUTES = {
    "clip-path",
    "fill",
    "fill-opacity",
    "fill-rule",
    "font-family",
    "font-size",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
}


def _presentation_attributes(match: re.Match) -> str:
    attributes = []
    for declaration in match.group(1).split(";"):
        if not declaration.strip():
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name not in PRESENTATION_ATTRIBUTES:
            raise ValueError(f"matplotlib wrote a style the chart cannot keep: {name}")
        attributes.append(f'{name}="{value}"')
    return " " + " ".join(attributes)


def _without_css(svg: str) -> str:
    """The page's Content-Security-Policy allows no inline style: matplotlib's style="…"
    attributes become SVG presentation attributes (the same drawing), and its <style> element
    (`*{stroke-linejoin: round; stroke-linecap: butt}`) becomes the same two attributes on
    the <svg> element, which every element inherits unless it sets its own."""
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", svg, count=1)
    svg = svg.replace("<svg ", '<svg stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return re.sub(r' style="([^"]*)"', _presentation_attributes, svg)


def to_svg(figure, *, title: str, chart_id: str = "chart") -> SafeString:
    """The figure as inline SVG with a title for screen readers (the figure is closed), with
    no CSS of its own (see _without_css)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = buffer.getvalue()
    svg = _without_css(svg[svg.index("<svg") :])
    title_id = f"{chart_id}-title"
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{title_id}" class="chart" ', 1)
    svg = re.sub(
        r"(<svg[^>]*>)", rf'\1<title id="{title_id}">{escape(title)}</title>', svg, count=1
    )
    svg = re.sub(r'width="[\d.]+pt" height="[\d.]+pt"', "", svg, count=1)
    return mark_safe(svg)


def to_png(figure, *, dpi: int = 200) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return buffer.getvalue()


# Drawn once per change of the data

CACHE_TIMEOUT = 60 * 60 * 24 * 30  # a key names its data: an entry is never stale, only unused


@functools.cache
def _code_of(figure_function) -> str:
    """What identifies the drawing code: a change to a figure function draws its charts anew."""
    try:
        source = inspect.getsource(figure_function)
    except (OSError, TypeError):
        source = ""
    return f"{figure_function.__module__}.{figure_function.__qualname__}:{source}"


def chart_key(fmt: str, figure_function, args, kwargs, **output) -> str:
    """The cache key of a chart: the format, the figure function's code, the arguments it is
    drawn from (bound to its parameters, so positional and keyword calls agree; lazy texts in
    the active language) and the output options (dpi, title)."""
    bound = inspect.signature(figure_function).bind(*args, **kwargs).arguments
    payload = json.dumps(
        [fmt, matplotlib.__version__, _code_of(figure_function), bound, output],
        default=str,
        sort_keys=True,
    )
    return f"chart:{fmt}:{hashlib.sha256(payload.encode()).hexdigest()}"


def cached_png(figure_function, *args, dpi: int = 200, **kwargs) -> bytes:
    """`to_png(figure_function(*args, **kwargs), dpi=dpi)`, drawn only if the cache has no
    drawing of the same data."""
    from django.core.cache import cache

    key = chart_key("png", figure_function, args, kwargs, dpi=dpi)
    data = cache.get(key)
    if data is None:
        data = to_png(figure_function(*args, **kwargs), dpi=dpi)
        cache.set(key, data, CACHE_TIMEOUT)
    return data


def cached_svg(figure_function, *args, title: str, chart_id: str = "chart", **kwargs) -> SafeString:
    """`to_svg(figure_function(*args, **kwargs), title=..., chart_id=...)`, drawn only if the
    cache has no drawing of the same data."""
    from django.core.cache import cache

    key = chart_key("svg", figure_function, args, kwargs, title=str(title), chart_id=chart_id)
    svg = cache.get(key)
    if svg is None:
        svg = str(to_svg(figure_function(*args, **kwargs), title=title, chart_id=chart_id))
        cache.set(key, svg, CACHE_TIMEOUT)
    return mark_safe(svg)


def bar_figure(labels, values, *, value_label: str):
    """Horizontal bars, first label on top, each bar with its value."""
    height = 0.45 * len(labels) + 0.9
    figure, axes = plt.subplots(figsize=(7, height), dpi=100)
    positions = list(range(len(labels)))[::-1]
    axes.barh(positions, values, color=BRAND)
    axes.set_yticks(positions, labels=[str(label) for label in labels])
    axes.set_xlabel(str(value_label))
    axes.xaxis.get_major_locator().set_params(integer=True)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:g}", va="center", fontsize=9)
    figure.tight_layout()
    return figure


def bar_chart_svg(labels, values, *, title: str, value_label: str) -> SafeString:
    return cached_svg(bar_figure, labels, values, value_label=value_label, title=title)


def priority_matrix_figure(points, *, x_label: str, y_label: str, quadrants: dict[str, str]):
    """Objectives placed by feasibility (x) and importance (y) on the 1-5 scale.

    `points` are (label, feasibility, importance, contested); `quadrants` names the four
    corners: "top_right", "top_left", "bottom_right", "bottom_left".
    """
    figure, axes = plt.subplots(figsize=(7.5, 6.5), dpi=100)
    axes.set_xlim(1, 5)
    axes.set_ylim(1, 5)
    axes.axvline(3, color="#8a95a1", linewidth=1)
    axes.axhline(3, color="#8a95a1", linewidth=1)
    corners = {
        "top_right": (4.95, 4.95, "right", "top"),
        "top_left": (1.05, 4.95, "left", "top"),
        "bottom_right": (4.95, 1.05, "right", "bottom"),
        "bottom_left": (1.05, 1.05, "left", "bottom"),
    }
    for key, (x, y, ha, va) in corners.items():
        axes.text(
            x, y, str(quadrants[key]), ha=ha, va=va, fontsize=9, color="#4f5b68", style="italic"
        )
    for label, x, y, contested in points:
        if x is None or y is None:
            continue
        axes.scatter(
            [x], [y], s=260, color=CONTESTED if contested else BRAND, zorder=3, edgecolors="white"
        )
        axes.text(
            x,
            y,
            str(label),
            ha="center",
            va="center",
            color="white",
            fontsize=8,
            zorder=4,
            weight="bold",
        )
    axes.set_xlabel(str(x_label))
    axes.set_ylabel(str(y_label))
    figure.tight_layout()
    return figure


def spread_figure(names, values, *, value_label: str, mean: float | None = None):
    """Each organisation's score on one objective, as dots on the 1-5 scale."""
    height = 0.4 * max(len(names), 1) + 1.0
    figure, axes = plt.subplots(figsize=(7, height), dpi=100)
    positions = list(range(len(names)))[::-1]
    axes.scatter(values, positions, s=80, color=BRAND, zorder=3)
    axes.set_yticks(positions, labels=[str(n) for n in names])
    axes.set_xlim(0.8, 5.2)
    axes.set_xticks([1, 2, 3, 4, 5])
    axes.grid(axis="x", color="#d3d9e0")
    if mean is not None:
        axes.axvline(mean, color=CONTESTED, linestyle="--", linewidth=1)
    axes.set_xlabel(str(value_label))
    figure.tight_layout()
    return figure


def distribution_figure(values, *, value_label: str, count_label: str, mean=None):
    """How many organisations gave each score on one objective (bands of half a point on the
    1-5 scale), for an objective scored by more organisations than a dot each can name."""
    edges = [1 + step / 2 for step in range(9)]  # 1, 1.5, ... 5
    figure, axes = plt.subplots(figsize=(7, 3.2), dpi=100)
    counts, _edges, _bars = axes.hist(values, bins=edges, color=BRAND, edgecolor="white")
    for left, count in zip(edges, counts, strict=False):
        if count:
            axes.text(left + 0.25, count, f"{int(count)}", ha="center", va="bottom", fontsize=9)
    axes.set_xlim(0.8, 5.2)
    axes.set_xticks([1, 2, 3, 4, 5])
    axes.yaxis.get_major_locator().set_params(integer=True)
    if mean is not None:
        axes.axvline(mean, color=CONTESTED, linestyle="--", linewidth=1)
    axes.set_xlabel(str(value_label))
    axes.set_ylabel(str(count_label))
    figure.tight_layout()
    return figure


def timeline_figure(
    rows, *, status_colours: dict[str, str], status_labels: dict[str, str], today=None
):
    """A bar per activity from its start to its end (coloured by status), first on top, with a
    line on today's date. `rows` are (label, start, end, status); the legend lists the statuses
    drawn in the order of `status_colours`."""
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    height = 0.32 * len(rows) + 1.4
    figure, axes = plt.subplots(figsize=(9, height), dpi=100)
    positions = list(range(len(rows)))[::-1]
    for position, (_label, start, end, status) in zip(positions, rows, strict=True):
        start_num, end_num = mdates.date2num(start), mdates.date2num(end)
        axes.barh(
            position,
            max(end_num - start_num, 1),
            left=start_num,
            color=status_colours.get(status, BRAND),
            height=0.6,
        )
    axes.set_yticks(positions, labels=[str(r[0]) for r in rows], fontsize=8)
    axes.xaxis_date()
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    if today is not None and rows and min(r[1] for r in rows) <= today <= max(r[2] for r in rows):
        axes.axvline(mdates.date2num(today), color=CONTESTED, linewidth=1)
    used = [s for s in status_colours if any(r[3] == s for r in rows)]
    axes.legend(
        handles=[Patch(color=status_colours[s], label=str(status_labels[s])) for s in used],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.6 / height * 2),
        ncol=len(used) or 1,
        fontsize=8,
        frameon=False,
    )
    figure.tight_layout()
    return figure


def timeline_svg(
    rows, *, title: str, status_colours: dict[str, str], status_labels: dict[str, str]
) -> SafeString:
    """Rows (label, start, end, status) on a timeline, for a web page."""
    from django.utils import timezone

    return cached_svg(
        timeline_figure,
        rows,
        status_colours=status_colours,
        status_labels=status_labels,
        today=timezone.localdate(),
        title=title,
        chart_id="timeline",
    )


SERIES_COLOURS = [BRAND, "#d08a00", "#2e7d4f", "#7b3fa0", "#8a95a1"]


def grouped_bar_figure(
    labels, series, *, value_label: str, max_value: float | None = None, stacked: bool = False
):
    """Horizontal bars per label (first on top), one colour per series (name, values; a value
    of None draws no bar): side by side, or one bar stacked from the series (counts)."""
    import numpy as np

    rows = 1 if stacked else max(1, len(series))
    height = (0.32 if stacked else 0.3 * rows) * len(labels) + 1.4
    figure, axes = plt.subplots(figsize=(8, height), dpi=100)
    positions = np.arange(len(labels))[::-1]
    width = 0.7 if stacked else 0.8 / rows
    left = np.zeros(len(labels))
    for index, (name, values) in enumerate(series):
        if stacked:
            offsets, starts = positions, left.copy()
            left += [v or 0 for v in values]
        else:
            offsets = positions + (len(series) - 1 - index - (len(series) - 1) / 2) * width
            starts = np.zeros(len(labels))
        drawn = [k for k, v in enumerate(values) if v is not None]
        axes.barh(
            [offsets[k] for k in drawn],
            [values[k] for k in drawn],
            left=[starts[k] for k in drawn],
            height=width,
            color=SERIES_COLOURS[index % len(SERIES_COLOURS)],
            label=str(name),
        )
    axes.set_yticks(positions, labels=[str(label) for label in labels], fontsize=8)
    axes.set_xlabel(str(value_label))
    if stacked:
        axes.xaxis.get_major_locator().set_params(integer=True)
    if max_value:
        axes.set_xlim(0, max_value)
    from matplotlib.patches import Patch

    axes.legend(  # one entry per series, even a series with nothing to draw
        handles=[
            Patch(color=SERIES_COLOURS[index % len(SERIES_COLOURS)], label=str(name))
            for index, (name, _values) in enumerate(series)
        ],
        fontsize=8,
        frameon=False,
        **(
            {"ncol": len(series), "loc": "upper center", "bbox_to_anchor": (0.5, -0.12)}
            if stacked
            else {"loc": "lower right"}
        ),
    )
    figure.tight_layout()
    return figure
