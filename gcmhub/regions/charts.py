"""The regional chart: networks per objective and horizon, as stacked horizontal bars (the
page gives the same figures in a table)."""

from gcmhub.reporting.charts import cached_svg, grouped_bar_figure


def horizons_chart_svg(rows, *, title: str, value_label: str, names, max_value: int) -> str:
    """The networks that put each objective in each horizon (rows: aggregates.ObjectiveRow)."""
    labels = [f"{row.objective.number}. {row.objective.short_label}" for row in rows]
    series = [
        (names[0], [row.short for row in rows]),
        (names[1], [row.medium for row in rows]),
        (names[2], [row.long for row in rows]),
    ]
    return cached_svg(
        grouped_bar_figure,
        labels,
        series,
        value_label=value_label,
        max_value=max_value,
        stacked=True,
        title=title,
        chart_id="region-horizons",
    )
