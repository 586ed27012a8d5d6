"""The regional chart: networks per objective and horizon, as stacked horizontal bars.

Drawn with the figure helpers of gcmhub.reporting.charts; the page gives the same figures in a
table.
"""

import matplotlib.pyplot as plt

from gcmhub.reporting.charts import BRAND, to_svg

HORIZON_COLOURS = [BRAND, "#d08a00", "#2e7d4f"]


def stacked_bar_figure(labels, series, *, value_label: str, max_value: int | None = None):
    """One horizontal bar per label (first on top), stacked from the series (name, values)."""
    height = 0.32 * len(labels) + 1.4
    figure, axes = plt.subplots(figsize=(8, height), dpi=100)
    positions = list(range(len(labels)))[::-1]
    left = [0] * len(labels)
    for index, (name, values) in enumerate(series):
        axes.barh(
            positions,
            values,
            left=left,
            height=0.7,
            color=HORIZON_COLOURS[index % len(HORIZON_COLOURS)],
            label=str(name),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, labels=[str(label) for label in labels], fontsize=8)
    axes.set_xlabel(str(value_label))
    axes.xaxis.get_major_locator().set_params(integer=True)
    if max_value:
        axes.set_xlim(0, max_value)
    axes.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    figure.tight_layout()
    return figure


def horizons_chart_svg(rows, *, title: str, value_label: str, names, max_value: int) -> str:
    """The networks that put each objective in each horizon (rows: aggregates.ObjectiveRow)."""
    labels = [f"{row.objective.number}. {row.objective.short_label}" for row in rows]
    series = [
        (names[0], [row.short for row in rows]),
        (names[1], [row.medium for row in rows]),
        (names[2], [row.long for row in rows]),
    ]
    figure = stacked_bar_figure(labels, series, value_label=value_label, max_value=max_value)
    return to_svg(figure, title=title, chart_id="region-horizons")
