"""Figures as a learner sees them: static images with alt text, live canvases, the style.

The explorers (live figures drawn in the browser) are tested in tests/test_widgets_*.py.
"""

import ipywidgets as widgets
import matplotlib
import matplotlib.pyplot as plt
import pytest

from sigmoid_lab.display import live_canvas, new_figure, static_figure
from sigmoid_lab.style import COLORS, style_context


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


def test_chinese_text_added_after_the_style_context_still_renders():
    """``static_figure`` lends the shipped CJK font to text a notebook adds later.

    The Chinese edition annotates package figures with translated text outside
    ``style_context``; without the fallback Matplotlib draws boxes and warns.
    """
    import io
    import warnings

    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    note = ax.annotate("最大值 ¼，在 x = 0 处", xy=(0, 0.25), xytext=(0.5, 0.3))
    ax.set_title("一条直线")
    before = note.get_fontfamily()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")  # the control: a plain draw lacks the glyphs
    assert any("missing from font" in str(w.message) for w in caught)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        static_figure(fig, alt="A straight line with a Chinese note.")
    assert note.get_fontfamily() == before  # the figure's own families are put back
