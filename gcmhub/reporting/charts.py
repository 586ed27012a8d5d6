"""Charts drawn by the server with matplotlib: one code for the web page (SVG) and for
documents (PNG). Every chart comes with a text alternative."""

import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.html import escape
from django.utils.safestring import mark_safe

BRAND = "#0b4a7d"
plt.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "svg.fonttype": "none",  # text stays text: searchable, readable by screen readers
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _bar_figure(labels: list[str], values: list[float], *, value_label: str):
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


def bar_chart_png(labels, values, *, value_label: str) -> bytes:
    figure = _bar_figure(labels, values, value_label=value_label)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=200)
    plt.close(figure)
    return buffer.getvalue()


def bar_chart_svg(labels, values, *, title: str, value_label: str) -> str:
    """A horizontal bar chart as inline SVG, titled for screen readers."""
    figure = _bar_figure(labels, values, value_label=value_label)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(
        r"<svg ", '<svg role="img" aria-labelledby="chart-title" class="chart" ', svg, count=1
    )
    svg = re.sub(
        r"(<svg[^>]*>)", rf'\1<title id="chart-title">{escape(title)}</title>', svg, count=1
    )
    svg = re.sub(r'width="[\d.]+pt" height="[\d.]+pt"', "", svg, count=1)
    return mark_safe(svg)
