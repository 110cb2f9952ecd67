"""Figures of chapters 1–3 stay inside their canvas; the float32 band means what it says."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from sigmoid_lab.distributions import sample_logistic
from sigmoid_lab.plots.curves import (
    plot_fit_to_labels,
    plot_logistic_samples,
    plot_logit,
    plot_neuron,
    plot_sigmoid,
    plot_two_layer_net,
)
from sigmoid_lab.plots.gradients import (
    FLOAT32_RESOLUTION,
    plot_finite_difference_error,
    plot_gradient_chain,
    plot_gradient_rounding,
    plot_sigmoid_grad,
    plot_tangent,
)
from sigmoid_lab.plots.layout import small_multiples

CHAIN_SETTINGS = [
    {"x": 0.0, "depth": 30, "weight": 1.0},
    {"x": 8.0, "depth": 30, "weight": 1.0},
    {"x": 0.5, "depth": 30, "weight": 6.0},
    {"x": 0.0, "depth": 30, "weight": 6.0},
]


def _figure(result):
    """The figure behind whatever a plot function or small_multiples returned."""
    if hasattr(result, "figure") and not isinstance(result, dict):
        return result.figure
    return next(iter(result.values())).figure


# Every figure the chapters draw, in the shape and size the notebooks use.
FIGURES = {
    "neuron": lambda: plot_neuron(2.0, -3.0),
    "neuron grid": lambda: small_multiples(
        plot_neuron, [{"w": 1, "b": 0}, {"w": 1, "b": 3}, {"w": 5, "b": 0}, {"w": -2, "b": 2}]
    ),
    "sigmoid": lambda: plot_sigmoid(),
    "logit": lambda: plot_logit(),
    "two-layer net": lambda: plot_two_layer_net(
        np.ones((4, 1)), np.arange(4.0), np.ones((1, 4)), np.zeros(1)
    ),
    "fit to labels": lambda: plot_fit_to_labels(
        np.linspace(0, 10, 30),
        np.arange(30) % 2,
        np.linspace(0, 10, 201),
        np.linspace(0, 1, 201),
    ),
    "logistic samples": lambda: plot_logistic_samples(sample_logistic(1000, seed=0)),
    "sigmoid grad": lambda: plot_sigmoid_grad(),
    "tangent": lambda: plot_tangent(1.0),
    "tangent grid": lambda: small_multiples(
        plot_tangent,
        [{"x0": x0} for x0 in [-4.0, -1.5, 0.0, 2.5]],
        titles=["x₀ = −4", "x₀ = −1.5", "x₀ = 0", "x₀ = 2.5"],
    ),
    "finite differences": lambda: plot_finite_difference_error(),
    "gradient chain": lambda: plot_gradient_chain(0.5, 20, weight=6.0),
    "gradient chain grid": lambda: small_multiples(
        plot_gradient_chain,
        CHAIN_SETTINGS,
        titles=["x = 0, w = 1", "x = 8, w = 1", "x = 0.5, w = 6", "x = 0, w = 6"],
        ncols=2,
        panel_size=(3.4, 2.6),
    ),
    "gradient rounding": lambda: plot_gradient_rounding(),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_legends_and_labels_lie_inside_the_figure(name):
    result = FIGURES[name]()
    fig = result if hasattr(result, "canvas") else _figure(result)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    frame = fig.bbox
    texts = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    for ax in fig.axes:
        texts += [ax.xaxis.label, ax.yaxis.label, ax.title]
    for artist in texts:
        if not artist.get_visible() or (hasattr(artist, "get_text") and not artist.get_text()):
            continue
        box = artist.get_window_extent(renderer)
        assert box.x0 >= frame.x0 - 0.5 and box.x1 <= frame.x1 + 0.5, (
            f"{name}: {artist!r} spans x {box.x0:.1f}…{box.x1:.1f}, the figure 0…{frame.x1:.1f}"
        )
        assert box.y0 >= frame.y0 - 0.5 and box.y1 <= frame.y1 + 0.5, (
            f"{name}: {artist!r} spans y {box.y0:.1f}…{box.y1:.1f}, the figure 0…{frame.y1:.1f}"
        )


def test_float32_resolution_is_lost_in_both_directions_and_no_more():
    one = np.float32(1.0)
    assert np.spacing(one) == np.float32(2.0**-23)  # the gap above 1
    assert one - np.nextafter(one, np.float32(0.0)) == np.float32(2.0**-24)  # the gap below
    assert FLOAT32_RESOLUTION == 2.0**-25
    step = np.float32(FLOAT32_RESOLUTION)
    # Exactly 2⁻²⁵ is lost up and down (down it is a tie, rounded to even: 1.0) ...
    assert one + step == one and one - step == one
    # ... and the next float32 above it moves the weight down to the float below 1.
    above = np.nextafter(step, np.float32(1.0))
    assert one - above == np.nextafter(one, np.float32(0.0))
    # Upwards even 2⁻²⁴ is lost, which is why the band is set by the step down.
    assert one + np.float32(2.0**-24) == one


def test_the_shaded_band_ends_at_the_float32_resolution_and_says_what_is_lost():
    artists = plot_gradient_chain(0.0, 5)
    band = artists["lost"]
    top = band.get_y() + band.get_height()
    assert top == pytest.approx(FLOAT32_RESOLUTION)
    assert "update" in band.get_label()
