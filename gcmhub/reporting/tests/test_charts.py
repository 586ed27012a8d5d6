"""Charts are drawn once per change of their data: the drawing is kept in the cache under a hash
of the figure function and of the data, and the second render of the same data does not call
matplotlib."""

from unittest import mock

import pytest

from gcmhub.reporting import charts

POINTS = [[1, 4.2, 4.5, False], [2, 2.0, 3.1, True]]
MATRIX = {
    "x_label": "Feasibility",
    "y_label": "Importance",
    "quadrants": {
        "top_right": "Act now",
        "top_left": "Prepare",
        "bottom_right": "Feasible",
        "bottom_left": "Later",
    },
}


@pytest.fixture
def drawings():
    """Counts the figures matplotlib draws."""
    with mock.patch.object(charts.plt, "subplots", wraps=charts.plt.subplots) as subplots:
        yield subplots


def test_the_same_data_is_drawn_once(drawings):
    first = charts.cached_png(charts.priority_matrix_figure, POINTS, dpi=80, **MATRIX)
    second = charts.cached_png(charts.priority_matrix_figure, points=POINTS, dpi=80, **MATRIX)
    assert drawings.call_count == 1
    assert second == first
    assert first.startswith(b"\x89PNG")


def test_other_data_or_another_resolution_is_drawn_again(drawings):
    charts.cached_png(charts.priority_matrix_figure, POINTS, dpi=80, **MATRIX)
    charts.cached_png(charts.priority_matrix_figure, POINTS[:1], dpi=80, **MATRIX)
    charts.cached_png(charts.priority_matrix_figure, POINTS, dpi=100, **MATRIX)
    charts.cached_png(charts.priority_matrix_figure, POINTS, dpi=80, **{**MATRIX, "x_label": "X"})
    assert drawings.call_count == 4


def test_a_cached_svg_keeps_its_title_and_is_drawn_once(drawings):
    svg = charts.bar_chart_svg(["A", "B"], [1, 2], title="Inputs per type", value_label="inputs")
    again = charts.bar_chart_svg(["A", "B"], [1, 2], title="Inputs per type", value_label="inputs")
    assert drawings.call_count == 1
    assert str(again) == str(svg)
    assert '<title id="chart-title">Inputs per type</title>' in svg
    retitled = charts.bar_chart_svg(["A", "B"], [1, 2], title="Other title", value_label="inputs")
    assert '<title id="chart-title">Other title</title>' in retitled
    assert drawings.call_count == 2


def test_the_key_follows_the_drawing_code():
    """A figure function whose code differs draws anew, even with the same data."""

    def figure_one(values):
        return charts.bar_figure(["A"], values, value_label="one")

    def figure_two(values):
        return charts.bar_figure(["A"], values, value_label="two")

    assert charts.chart_key("png", figure_one, ([1],), {}) != charts.chart_key(
        "png", figure_two, ([1],), {}
    )
