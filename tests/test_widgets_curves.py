"""The chapter 1–3 explorers, driven without a browser: move a slider, check the figure."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from sigmoid_lab.activations import sigmoid, sigmoid_grad
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.gradients import chain_gradient
from sigmoid_lab.widgets.base import Control, Explorer
from sigmoid_lab.widgets.curves import neuron_explorer, tangent_explorer
from sigmoid_lab.widgets.gradients import gradient_chain_explorer


def ydata(line):
    return np.asarray(line.get_ydata(), dtype=float).copy()


def line_count(explorer):
    return sum(len(ax.lines) for ax in explorer.figure.axes)


def assert_live_sliders(explorer):
    assert isinstance(explorer, Explorer)
    for control in explorer.controls.values():
        assert isinstance(control, Control)
        assert control.type in ("float", "int")
        assert control.description
    assert explorer.artists["curve" if "curve" in explorer.artists else "product"].figure is (
        explorer.figure
    )


# ----------------------------------------------------------------------------- neuron


def test_neuron_explorer_weight_and_bias_move_the_curve_and_the_step():
    explorer = neuron_explorer()
    assert_live_sliders(explorer)
    assert set(explorer.controls) == {"w", "b"}
    curve = explorer.artists["curve"]
    x = np.asarray(curve.get_xdata(), dtype=float)
    lines = line_count(explorer)
    before = ydata(curve)

    explorer.controls["w"].value = 2.0
    after_w = ydata(curve)
    assert not np.allclose(before, after_w)
    np.testing.assert_allclose(after_w, sigmoid(2.0 * x))

    explorer.controls["b"].value = -3.0
    np.testing.assert_allclose(ydata(curve), sigmoid(2.0 * x - 3.0))
    assert float(explorer.artists["step_point"].get_xdata()[0]) == pytest.approx(1.5)
    assert "Step at x = −b/w = <b>1.50</b>" in explorer.readout.value
    assert "2·ln 9 / |w| = <b>2.20</b>" in explorer.readout.value
    assert line_count(explorer) == lines, "the update must not add lines"
    assert explorer.artists["curve"] is curve


def test_neuron_explorer_sharpens_into_a_step_as_the_weight_grows():
    explorer = neuron_explorer()
    widths = []
    for w in (1.0, 4.0, 10.0):
        explorer.controls["w"].value = w
        y = ydata(explorer.artists["curve"])
        x = np.asarray(explorer.artists["curve"].get_xdata(), dtype=float)
        widths.append(x[y >= 0.9][0] - x[y >= 0.1][0])
    assert widths[0] > widths[1] > widths[2]
    assert widths[0] == pytest.approx(2 * np.log(9), abs=0.05)


def test_neuron_explorer_negative_and_zero_weight():
    explorer = neuron_explorer()
    explorer.controls["w"].value = -2.0
    y = ydata(explorer.artists["curve"])
    assert y[0] > 0.99 and y[-1] < 0.01
    assert "falls" in explorer.readout.value
    explorer.controls["w"].value = 0.0
    assert "flat line" in explorer.readout.value
    assert not explorer.artists["step_point"].get_visible()


def test_neuron_explorer_rejects_a_start_outside_the_sliders():
    with pytest.raises(ValueError, match=r"neuron_explorer: w = 20\.0 is outside"):
        neuron_explorer(w=20.0)
    with pytest.raises(TypeError, match=r"neuron_explorer\(\) expects b to be a single real"):
        neuron_explorer(b="1")


# ---------------------------------------------------------------------------- tangent


def test_tangent_explorer_moves_the_tangent_and_the_gradient_point():
    explorer = tangent_explorer(x0=1.0)
    assert_live_sliders(explorer)
    tangent = explorer.artists["tangent"]
    x = np.asarray(tangent.get_xdata(), dtype=float)
    before = ydata(tangent)
    lines = line_count(explorer)

    explorer.controls["x0"].value = -2.5
    after = ydata(tangent)
    assert not np.allclose(before, after)
    slope = float(sigmoid_grad(-2.5))
    np.testing.assert_allclose(after, float(sigmoid(-2.5)) + slope * (x + 2.5))
    assert float(explorer.artists["grad_point"].get_ydata()[0]) == pytest.approx(slope)
    assert "<b>0.0701</b>" in explorer.readout.value
    assert line_count(explorer) == lines


def test_tangent_explorer_slope_is_a_quarter_at_zero_and_never_more():
    explorer = tangent_explorer()
    slopes = []
    for x0 in np.arange(-8.0, 8.01, 0.5):
        explorer.controls["x0"].value = float(x0)
        slopes.append(float(explorer.artists["grad_point"].get_ydata()[0]))
    assert max(slopes) == 0.25
    explorer.controls["x0"].value = 0.0
    assert "<b>0.2500</b>, 100.0% of the maximum ¼" in explorer.readout.value
    with pytest.raises(ValueError, match=r"tangent_explorer: x0 = 9\.0 is outside"):
        tangent_explorer(9.0)


# ---------------------------------------------------------------------- gradient chain


def test_gradient_chain_explorer_depth_slider_extends_the_chain():
    explorer = gradient_chain_explorer()
    assert_live_sliders(explorer)
    assert explorer.controls["depth"].type == "int"
    product = explorer.artists["product"]
    assert len(product.get_xdata()) == 10
    explorer.controls["depth"].value = 20
    assert len(product.get_xdata()) == 20
    assert explorer.artists["product"].axes.get_yscale() == "log"
    # With w = 1 the chain never beats the best case ¼ⁿ.
    best = np.asarray(explorer.artists["best_case"].get_ydata(), dtype=float)[:20]
    assert np.all(ydata(product) <= best * (1 + 1e-12))
    assert "After 20 layers" in explorer.readout.value


def test_gradient_chain_explorer_weight_above_four_makes_it_grow():
    explorer = gradient_chain_explorer()
    lines = line_count(explorer)
    before = ydata(explorer.artists["product"])
    explorer.controls["x"].value = 0.5
    explorer.controls["weight"].value = 6.0
    after = ydata(explorer.artists["product"])
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, 1.5 ** np.arange(1, 11))
    assert "larger than 1" in explorer.readout.value
    assert "chain: 1.5;" in explorer.readout.value
    assert line_count(explorer) == lines


def test_gradient_chain_explorer_saturation_makes_it_effectively_zero():
    explorer = gradient_chain_explorer()
    explorer.controls["x"].value = 10.0
    explorer.controls["depth"].value = 12
    assert "leaves a float32 weight of 1.0 unchanged" in explorer.readout.value
    assert "|w| > 4 (for a chain of single units)" in explorer.readout.value
    # The readout names the largest factor of the chain it draws.
    explorer.controls["weight"].value = 3.0
    explorer.controls["x"].value = 0.5
    factors = chain_gradient(0.5, 12, weight=3.0).factors
    assert f"{fmt(float(np.abs(factors).max()), '.3g')};" in explorer.readout.value
    with pytest.raises(ValueError, match=r"gradient_chain_explorer: weight = 9\.0 is outside"):
        gradient_chain_explorer(weight=9.0)
    with pytest.raises(ValueError, match="beyond max_depth=30"):
        gradient_chain_explorer(depth=31)


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: neuron_explorer(w="a"), TypeError, r"neuron_explorer\(\) expects w .* str 'a'"),
        (lambda: neuron_explorer(w=Decimal("1.5")), TypeError, r"float\(w\)"),
        (lambda: neuron_explorer(b=float("nan")), ValueError, "finite"),
        (lambda: tangent_explorer(x0="1"), TypeError, r"float\(x0\)"),
        (lambda: tangent_explorer(x0=None), TypeError, "got None"),
        (lambda: gradient_chain_explorer(depth=2.5), TypeError, "whole number of layers"),
        (lambda: gradient_chain_explorer(depth="3"), TypeError, "whole number of layers"),
        (lambda: gradient_chain_explorer(x=[1.0]), TypeError, "single real number"),
        (lambda: gradient_chain_explorer(weight=True), TypeError, "single real number"),
    ],
)
def test_curve_explorers_explain_arguments_that_are_not_numbers(make, error, match):
    with pytest.raises(error, match=match):
        make()
