"""Figures as a learner sees them: static images with alt text, live canvases, the style."""

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.layout_engine import ConstrainedLayoutEngine

from sigmoid_lab.display import live_canvas, new_figure, static_figure
from sigmoid_lab.style import COLORS, style_context
from sigmoid_lab.widgets.base import Explorer


def _line_figure():
    with style_context():
        fig = new_figure()
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1, 2], [0, 1, 0])
        ax.set_xlabel("x")
    return fig, line


def test_style_context_applies_the_palette_and_restores_rcparams():
    before = dict(matplotlib.rcParams)
    with style_context():
        cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
        assert cycle[0].lstrip("#").lower() == COLORS["sigmoid"].lstrip("#").lower()
        assert matplotlib.rcParams["figure.facecolor"] == "white"
    assert dict(matplotlib.rcParams) == before


def test_static_figure_embeds_a_png_with_alt_text():
    fig, _ = _line_figure()
    shown = static_figure(fig, alt="A triangle-shaped line.", caption="A caption")
    bundle = shown._repr_mimebundle_()
    assert bundle["text/plain"] == "[Figure: A triangle-shaped line.]"
    assert 'alt="A triangle-shaped line."' in bundle["text/html"]
    assert "data:image/png;base64," in bundle["text/html"]
    assert "<figcaption>A caption</figcaption>" in bundle["text/html"]
    assert shown.png.startswith(b"\x89PNG")


def test_static_figure_is_reproducible_byte_for_byte():
    fig, _ = _line_figure()
    assert static_figure(fig, alt="x").png == static_figure(fig, alt="x").png


def test_static_figure_escapes_alt_text():
    fig, _ = _line_figure()
    html = static_figure(fig, alt='a "quoted" <b>alt</b>')._repr_mimebundle_()["text/html"]
    assert "&quot;quoted&quot; &lt;b&gt;" in html


@pytest.mark.parametrize("alt", ["", "   ", None])
def test_static_figure_refuses_missing_alt_text(alt):
    fig, _ = _line_figure()
    with pytest.raises(ValueError, match="alt text"):
        static_figure(fig, alt=alt)


def test_live_canvas_is_a_bare_widget_figure():
    fig, _ = _line_figure()
    canvas = live_canvas(fig, alt="A line.")
    assert isinstance(canvas, widgets.DOMWidget)
    assert fig.canvas is canvas
    assert not canvas.toolbar_visible and not canvas.header_visible
    assert not canvas.footer_visible and not canvas.resizable
    assert canvas.alt == "A line."


def test_live_canvas_refuses_what_it_cannot_show_alone():
    fig, _ = _line_figure()
    with pytest.raises(ValueError, match="alt text"):
        live_canvas(fig, alt=" ")
    with pytest.raises(TypeError, match="expects a matplotlib Figure, got Axes"):
        live_canvas(fig.axes[0], alt="A line.")
    pyplot_figure = plt.figure()
    try:
        with pytest.raises(ValueError, match="pyplot manages"):
            live_canvas(pyplot_figure, alt="A line.")
        assert pyplot_figure.canvas.manager is not None, "still pyplot's"
    finally:
        plt.close(pyplot_figure)


def _explorer(update):
    fig, line = _line_figure()
    slider = widgets.FloatSlider(value=1.0, min=0.0, max=3.0, description="height")
    explorer = Explorer(fig, {"height": slider}, {"line": line}, alt="A line.", title="T")
    return explorer.connect(update), slider, line


def test_explorer_updates_artists_in_place_when_a_control_moves():
    calls = []

    def update(height):
        calls.append(height)
        explorer.artists["line"].set_ydata([0, height, 0])

    fig, line = _line_figure()
    slider = widgets.FloatSlider(value=1.0, min=0.0, max=3.0)
    explorer = Explorer(fig, {"height": slider}, {"line": line}, alt="A line.")
    explorer.connect(update)
    assert calls == [1.0]
    slider.value = 2.5
    assert calls == [1.0, 2.5]
    assert list(line.get_ydata()) == [0, 2.5, 0]
    assert explorer.values() == {"height": 2.5}
    assert explorer.canvas in explorer.children
    assert explorer.errors in explorer.children


def test_explorer_lets_update_errors_surface_outside_a_kernel():
    def update(height):
        if height > 2:
            raise ValueError("too high")

    _, slider, _ = _explorer(update)
    with pytest.raises(ValueError, match="too high"):
        slider.value = 3.0


def test_explorer_refresh_before_connect_is_an_error():
    fig, line = _line_figure()
    explorer = Explorer(fig, {"a": widgets.FloatSlider()}, {"line": line}, alt="x")
    with pytest.raises(RuntimeError, match="connect"):
        explorer.refresh()


def test_explorer_text_form_says_how_to_use_it():
    # Shown where widgets cannot run: on GitHub, nbviewer, or before the cell has run.
    fig, line = _line_figure()
    explorer = Explorer(fig, {"a": widgets.FloatSlider()}, {"line": line}, alt="A line.")
    text = explorer._repr_mimebundle_()["text/plain"]
    assert text.startswith("[Interactive figure: A line. Run this cell in Jupyter")
    assert "Explorer(" not in text


def test_explorer_lays_its_figure_out_once():
    # Re-running constrained layout on every slider move was the largest cost of a redraw.
    with style_context():
        fig = new_figure(layout="constrained")
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1], [0, 1])
        ax.set_ylabel("y")
    explorer = Explorer(fig, {"a": widgets.FloatSlider()}, {"line": line}, alt="x")
    explorer.connect(lambda a: line.set_ydata([0, a]))
    position = ax.get_position().bounds
    assert not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    assert position[0] > 0.05, "the first layout made room for the y label"
    explorer.controls["a"].value = 50.0
    assert ax.get_position().bounds == position


def _y_label_figure():
    with style_context():
        fig = new_figure(layout="constrained")
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1], [0, 1])
        ax.set_ylim(0, 1)
        ax.set_ylabel("a long y label")
    return fig, ax, line


@pytest.mark.parametrize("blit", [(), ("line",)], ids=["full-draws", "blitted"])
def test_explorer_lays_the_figure_out_again_when_its_labels_outgrow_it(blit):
    # Tick labels that grow from "0.2" to "120000" would push the y label off the figure's
    # left edge under the first layout.
    fig, ax, line = _y_label_figure()
    explorer = Explorer(
        fig, {"top": widgets.FloatSlider(min=1, max=200000)}, {"line": line}, alt="x", blit=blit
    )

    def update(top):
        line.set_ydata([0, top])
        ax.set_ylim(0, top)

    explorer.connect(update)
    explorer._shown = True  # frames are now drawn in the kernel, as after a learner's move
    assert explorer.layouts == 1
    first = ax.get_position().bounds
    explorer.controls["top"].value = 123456.0
    assert explorer.layouts == 2
    assert ax.get_position().x0 > first[0], "the axes moved right to make room"
    label = ax.yaxis.label.get_window_extent(fig.canvas.get_renderer())
    assert label.x0 >= 0, "the y label is inside the figure"
    # Moves that leave the limits alone are not checked, and do not lay the figure out.
    line.set_ydata([0, 1])
    explorer.refresh()
    assert explorer.layouts == 2


def test_explorer_keeps_a_layout_that_did_not_fit_from_the_start():
    # Axes placed by hand over another overlap its labels by design: no layout would fix
    # that, so frames are not checked (and the figure not laid out again on every move).
    fig, _ax, line = _y_label_figure()
    inset = fig.add_axes((0.55, 0.55, 0.35, 0.35))
    inset.set_ylabel("inset")
    inset.set_ylim(0, 1)
    explorer = Explorer(
        fig, {"top": widgets.FloatSlider(min=1, max=200000)}, {"line": line}, alt="x"
    )
    explorer.connect(lambda top: inset.set_ylim(0, top))
    explorer._shown = True
    assert explorer._layout_engine is None, "the first layout was seen not to fit"
    for top in (50.0, 5000.0, 123456.0):
        explorer.controls["top"].value = top
    assert explorer.layouts == 1
