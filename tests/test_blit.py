"""Blitted frames have the same pixels as full draws, and fall back to a full draw when needed."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from sigmoid_lab.data import make_seed_data
from sigmoid_lab.display import new_figure
from sigmoid_lab.style import style_context
from sigmoid_lab.widgets._blit import Blitter
from sigmoid_lab.widgets.base import Explorer
from sigmoid_lab.widgets.curves import neuron_explorer, tangent_explorer
from sigmoid_lab.widgets.gradients import gradient_chain_explorer
from sigmoid_lab.widgets.networks import activation_explorer, gradient_flow_explorer
from sigmoid_lab.widgets.training import training_explorer


def pixels(fig):
    return np.asarray(fig.canvas.get_renderer().buffer_rgba()).copy()


def full_draw_pixels(fig):
    FigureCanvasAgg.draw(fig.canvas)
    return pixels(fig)


def assert_same_pixels(fast, full):
    differing = int((fast != full).any(axis=2).sum())
    assert differing == 0, f"{differing} pixels differ from a full draw"


@pytest.fixture
def shown_explorer():
    X, y = make_seed_data(400, seed=1)
    X_noisy, y_noisy = make_seed_data(400, seed=1, label_noise=0.1)
    explorer = training_explorer(
        datasets={"clean": (X, y), "noisy": (X_noisy, y_noisy)}, lr=0.1, iterations=300
    )
    # As after a learner's first move: frames are drawn in the kernel at once.
    explorer._shown = True
    return explorer


@pytest.mark.parametrize(
    "moves",
    [
        [("lr", 10**-0.9), ("lr", 0.1), ("lr", 10**-0.9)],
        [("iterations", 310), ("iterations", 300), ("iterations", 290)],
        [("data", "noisy"), ("lr", 2.0), ("auto_lr", True), ("iterations", 3000)],
        [("lr", 50.0), ("lr", 1.0), ("iterations", 20)],
    ],
    ids=["learning-rate", "iterations", "data-and-auto", "large-steps"],
)
def test_every_frame_matches_a_full_draw(shown_explorer, moves):
    fig = shown_explorer.figure
    for name, value in moves:
        shown_explorer.controls[name].value = value
        assert_same_pixels(pixels(fig), full_draw_pixels(fig))


def test_small_slider_steps_are_blitted_and_axis_changes_are_drawn_in_full(shown_explorer):
    blitter = shown_explorer.blitter
    assert blitter.full_draws == 1  # the background saved when the cell ran
    for value in (10**-0.9, 0.1, 10**-0.9, 0.1):
        shown_explorer.controls["lr"].value = value
    assert (blitter.full_draws, blitter.fast_draws) == (1, 4)
    xlim = shown_explorer.artists["loss"].axes.get_xlim()
    shown_explorer.controls["iterations"].value = 2000
    assert shown_explorer.artists["loss"].axes.get_xlim() != xlim
    assert blitter.full_draws == 2


def test_a_change_to_an_artist_under_the_changing_ones_forces_a_full_draw(shown_explorer):
    blitter = shown_explorer.blitter
    shown_explorer.controls["lr"].value = 0.2
    before = blitter.full_draws
    # The axis is drawn under the loss line, so it lives in the saved background.
    shown_explorer.artists["loss"].axes.set_ylabel("loss, renamed")
    shown_explorer.controls["lr"].value = 0.1
    assert blitter.full_draws == before + 1
    assert_same_pixels(pixels(shown_explorer.figure), full_draw_pixels(shown_explorer.figure))


def test_artists_drawn_over_the_changing_ones_are_redrawn_with_them(shown_explorer):
    blitter = shown_explorer.blitter
    shown_explorer.controls["lr"].value = 0.2
    before = blitter.full_draws
    # A title is drawn after the lines (zorder 3), so a fast frame draws it again too.
    shown_explorer.artists["loss"].axes.set_title("Loss, renamed")
    shown_explorer.controls["lr"].value = 0.1
    assert blitter.full_draws == before
    assert_same_pixels(pixels(shown_explorer.figure), full_draw_pixels(shown_explorer.figure))


def test_a_new_canvas_size_forces_a_full_draw(shown_explorer):
    blitter = shown_explorer.blitter
    before = blitter.full_draws
    shown_explorer.figure.set_dpi(120)
    shown_explorer.controls["lr"].value = 0.2
    assert blitter.full_draws == before + 1
    assert_same_pixels(pixels(shown_explorer.figure), full_draw_pixels(shown_explorer.figure))


def _two_axes_figure(overlapping: bool):
    with style_context():
        fig = new_figure(figsize=(4, 3), layout="none")
        ax = fig.add_axes((0.1, 0.1, 0.5, 0.8))
        other = fig.add_axes((0.4, 0.2, 0.5, 0.5) if overlapping else (0.7, 0.1, 0.25, 0.8))
    FigureCanvasAgg(fig)
    (line,) = ax.plot([0, 1], [0, 1])
    other.plot([0, 1], [1, 0])
    return fig, line


def test_overlapping_axes_are_always_drawn_in_full():
    fig, line = _two_axes_figure(overlapping=True)
    blitter = Blitter(fig, [line])
    assert not blitter.can_blit()
    for y in (0.5, 0.25):
        line.set_ydata([0, y])
        blitter.draw()
        assert_same_pixels(pixels(fig), full_draw_pixels(fig))
    assert (blitter.full_draws, blitter.fast_draws) == (2, 0)


def test_side_by_side_axes_are_blitted():
    fig, line = _two_axes_figure(overlapping=False)
    blitter = Blitter(fig, [line])
    for y in (0.5, 0.25, 0.75):
        line.set_ydata([0, y])
        blitter.draw()
        assert_same_pixels(pixels(fig), full_draw_pixels(fig))
    assert (blitter.full_draws, blitter.fast_draws) == (1, 2)


def test_only_artists_inside_the_figures_axes_can_be_blitted():
    fig, _ = _two_axes_figure(overlapping=False)
    _, other_line = _two_axes_figure(overlapping=False)
    with pytest.raises(ValueError, match="not drawn in an Axes of this figure"):
        Blitter(fig, [other_line])
    with pytest.raises(ValueError, match="not drawn in an Axes"):
        Blitter(fig, [fig.text(0.5, 0.5, "a figure-level label")])


def test_explorer_rejects_blit_names_it_does_not_have():
    fig, line = _two_axes_figure(overlapping=False)
    with pytest.raises(ValueError, match=r"blit names \['curve'\]"):
        Explorer(fig, {"w": widgets.FloatSlider()}, {"line": line}, alt="a line", blit=["curve"])


#: Every explorer that blits, with control moves that cross its interesting cases: a step out
#: of view, w = 0, a saturated tail, a chain that grows, a curve ticked off and on again.
BLITTING = {
    "neuron": (
        neuron_explorer,
        [("w", 4.0), ("b", 9.5), ("w", 0.0), ("b", -2.0), ("w", -0.5), ("w", 0.5)],
    ),
    "tangent": (tangent_explorer, [("x0", -3.9), ("x0", 0.0), ("x0", 7.9), ("x0", 1.0)]),
    "gradient-chain": (
        gradient_chain_explorer,
        [("depth", 13), ("x", 9.0), ("weight", 6.0), ("x", 0.3), ("depth", 1), ("depth", 30)],
    ),
    "activations": (
        lambda: activation_explorer(shown=("sigmoid", "relu"), x=-3.0),
        [("x", 0.5), ("relu", False), ("x", 1.0), ("gelu", True), ("x", -4.0), ("sigmoid", False)],
    ),
    "gradient-flow": (
        lambda: gradient_flow_explorer(depth=8, activation="sigmoid"),
        [("depth", 20), ("activation", "relu"), ("depth", 1), ("activation", "gelu")],
    ),
}


@pytest.mark.parametrize("factory, moves", BLITTING.values(), ids=BLITTING.keys())
def test_every_explorer_that_blits_draws_the_same_pixels_as_a_full_draw(factory, moves):
    explorer = factory()
    assert explorer.blitter is not None
    explorer._shown = True
    fig = explorer.figure
    for name, value in moves:
        explorer.controls[name].value = value
        assert_same_pixels(pixels(fig), full_draw_pixels(fig))
    # Moving a marker is the common case, and it is blitted.
    assert explorer.blitter.fast_draws >= 2
