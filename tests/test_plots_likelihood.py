"""Figures of the log-loss derivation: they draw what they say, on the axes they are given."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.container import ErrorbarContainer

from sigmoid_lab.calibration import reliability_table
from sigmoid_lab.display import new_figure
from sigmoid_lab.plots.likelihood import (
    concave_stretches,
    plot_loss_along_line,
    plot_reliability,
)

T = np.linspace(-3, 3, 61)


def test_concave_stretches_of_a_cubic_are_its_negative_half():
    stretches = concave_stretches(T, T**3)
    assert len(stretches) == 1
    low, high = stretches[0]
    assert low == pytest.approx(-2.9) and high < 0 and high == pytest.approx(-0.1, abs=0.11)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 10), st.floats(-5, 5))
def test_a_convex_parabola_has_no_concave_stretch(curvature, shift):
    assert concave_stretches(T, curvature * (T - shift) ** 2) == []


def test_a_straight_line_with_rounding_noise_is_not_concave():
    line = 0.1 * T + 0.3
    assert concave_stretches(T, line) == []


def test_plot_loss_along_line_draws_the_values_and_shades_the_concave_stretch():
    ax = new_figure().add_subplot()
    artists = plot_loss_along_line(T, np.cos(T), ax=ax, label="cos")
    assert artists.line.axes is ax
    np.testing.assert_array_equal(artists.line.get_ydata(), np.cos(T))
    assert len(artists.concave) == 1
    span = artists.concave[0]
    assert span.get_x() == pytest.approx(-1.5, abs=0.11)
    assert span.get_x() + span.get_width() == pytest.approx(1.5, abs=0.11)
    assert ax.get_ylabel() == "cos"


def test_plot_loss_along_line_without_shading_and_on_its_own_figure():
    artists = plot_loss_along_line(T, np.cos(T), mark_concave=False)
    assert artists.concave == [] and artists.line.figure is not None


def test_plot_loss_along_line_refuses_mismatched_or_non_finite_values():
    with pytest.raises(ValueError, match="shape of t"):
        plot_loss_along_line(T, T[:-1])
    with pytest.raises(ValueError, match="finite"):
        plot_loss_along_line(T, np.full_like(T, np.nan))


def test_plot_reliability_draws_each_bin_with_two_standard_error_bars():
    p = np.array([0.05, 0.05, 0.55, 0.55, 0.95, 0.95])
    y = np.array([0, 0, 1, 0, 1, 1])
    table = reliability_table(p, y)
    ax = new_figure().add_subplot()
    artists = plot_reliability({"held out": table}, ax=ax)
    container = artists["held out"]
    assert isinstance(container, ErrorbarContainer)
    points = container.lines[0]
    np.testing.assert_allclose(points.get_xdata(), table.predicted)
    np.testing.assert_allclose(points.get_ydata(), table.observed)
    (bars,) = container.lines[2]
    spans = np.array([np.ptp(segment[:, 1]) for segment in bars.get_segments()])
    np.testing.assert_allclose(spans, 4 * table.standard_error)
    np.testing.assert_array_equal(artists["calibrated"].get_xdata(), [0, 1])
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["calibrated", "held out"]


def test_plot_reliability_says_what_to_pass():
    with pytest.raises(TypeError, match="reliability_table"):
        plot_reliability({"held out": [0.1, 0.2]})
    with pytest.raises(TypeError, match="dict"):
        plot_reliability([])
