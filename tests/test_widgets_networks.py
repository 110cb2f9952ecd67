"""The activation and gradient-flow explorers change their figures in place."""

from __future__ import annotations

import numpy as np
import pytest

from sigmoid_lab.activations import ACTIVATIONS
from sigmoid_lab.data import make_moons
from sigmoid_lab.nn import MLP
from sigmoid_lab.widgets.networks import (
    activation_explorer,
    gradient_flow_explorer,
    layer_gradient_norms,
)


def test_activation_checkboxes_show_and_hide_both_lines():
    explorer = activation_explorer()
    assert explorer.controls["tanh"].type == "checkbox"
    assert not explorer.artists["f:tanh"].get_visible()
    explorer.controls["tanh"].value = True
    assert explorer.artists["f:tanh"].get_visible()
    assert explorer.artists["grad:tanh"].get_visible()
    assert "tanh" in explorer.readout.value
    explorer.controls["sigmoid"].value = False
    assert not explorer.artists["grad:sigmoid"].get_visible()
    assert "Sigmoid" not in explorer.readout.value


def test_activation_x_slider_moves_the_markers_to_the_curves():
    explorer = activation_explorer(shown=["sigmoid"], x=0.0)
    assert explorer.controls["x"].type == "float"
    explorer.controls["x"].value = 2.0
    xs, ys = explorer.artists["marker_grad"].get_data()
    assert list(xs) == [2.0]
    assert ys[0] == pytest.approx(float(ACTIVATIONS["sigmoid"].gradient(np.array(2.0))))
    assert list(explorer.artists["x_line_f"].get_xdata()) == [2.0, 2.0]
    assert "0.1050" in explorer.readout.value  # σ′(2)


def test_activation_explorer_with_nothing_ticked_says_so():
    explorer = activation_explorer(shown=["relu"])
    explorer.controls["relu"].value = False
    assert "Tick an activation" in explorer.readout.value
    assert len(explorer.artists["marker_f"].get_xdata()) == 0


def test_activation_explorer_rejects_a_shown_name_it_does_not_offer():
    with pytest.raises(ValueError, match="not among names"):
        activation_explorer(["sigmoid"], shown=["relu"])


def test_sigmoid_gradients_shrink_towards_the_input_and_relu_keeps_them():
    sigmoid = layer_gradient_norms(8, "sigmoid")
    relu = layer_gradient_norms(8, "relu")
    assert sigmoid.shape == relu.shape == (9,)
    assert sigmoid[0] / sigmoid[-1] < 1e-3
    assert relu[0] / relu[-1] > 1e-2


def test_layer_gradient_norms_rejects_a_bad_depth():
    with pytest.raises(ValueError, match=r"layer_gradient_norms\(\) expects depth to be at"):
        layer_gradient_norms(0, "relu")
    with pytest.raises(TypeError, match="depth to be a whole number"):
        layer_gradient_norms(True, "relu")
    with pytest.raises(ValueError, match="no activation 'softmax'"):
        layer_gradient_norms(2, "softmax")
    with pytest.raises(TypeError, match="width to be a whole number"):
        layer_gradient_norms(2, "relu", width=2.5)


def test_gradient_flow_controls_update_the_line():
    explorer = gradient_flow_explorer(depth=4, activation="sigmoid", max_depth=12)
    assert explorer.controls["depth"].type == "int"
    assert explorer.controls["activation"].type == "select"
    line = explorer.artists["norms"]
    assert len(line.get_xdata()) == 5
    explorer.controls["depth"].value = 10
    assert len(line.get_xdata()) == 11
    sigmoid_ratio = line.get_ydata()[0] / line.get_ydata()[-1]
    explorer.controls["activation"].value = "relu"
    relu_ratio = line.get_ydata()[0] / line.get_ydata()[-1]
    assert relu_ratio > 100 * sigmoid_ratio
    assert "ReLU, 10 hidden layers" in explorer.readout.value
    explorer.controls["depth"].value = 1
    assert "ReLU, 1 hidden layer:" in explorer.readout.value
    low, high = line.axes.get_ylim()
    assert low <= line.get_ydata().min() and line.get_ydata().max() <= high


def test_gradient_flow_rejects_bad_arguments():
    with pytest.raises(ValueError, match="not among the options"):
        gradient_flow_explorer(activation="gelu", activations=("sigmoid", "relu"))
    with pytest.raises(ValueError, match="knows no activation 'softmax'"):
        gradient_flow_explorer(activation="softmax")
    with pytest.raises(ValueError, match="max_depth"):
        gradient_flow_explorer(depth=30, max_depth=20)


def test_gradient_flow_axis_stays_put_and_holds_every_line():
    # One scale for every depth and activation: a line sinks against fixed ticks.
    explorer = gradient_flow_explorer(depth=1, activation="sigmoid", max_depth=12)
    ax = explorer.artists["norms"].axes
    limits = ax.get_ylim()
    assert limits[1] == 10.0
    for activation in ("sigmoid", "relu", "tanh"):
        explorer.controls["activation"].value = activation
        for depth in range(1, 13):
            explorer.controls["depth"].value = depth
            assert ax.get_ylim() == limits
            for name in ("norms", "reference"):
                values = explorer.artists[name].get_ydata()
                assert limits[0] <= values.min() and values.max() <= limits[1]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"names": ["sigmoid", "foo"]}, ValueError, r"no activation 'foo' in names\. Valid"),
        ({"names": "sigmoid", "shown": ["sigmoid"]}, TypeError, r"such as \['sigmoid'\]"),
        ({"shown": "relu"}, TypeError, r"shown to be a list .* such as \['relu'\]"),
        ({"names": [], "shown": []}, ValueError, "at least one name"),
        ({"x": "a"}, TypeError, "x to be a single real number"),
        ({"x": 10}, ValueError, "outside the slider's range"),
    ],
)
def test_activation_explorer_explains_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        activation_explorer(**kwargs)


def test_activation_explorer_takes_the_other_names_get_activation_knows():
    explorer = activation_explorer(["sigmoid", "swish", "silu"], shown=["swish"])
    assert list(explorer.controls) == ["sigmoid", "silu", "x"]
    assert explorer.controls["silu"].value
    explorer.close()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"depth": "a"}, TypeError, r"depth to be a whole number \(an int\), got str"),
        ({"depth": 3.0}, TypeError, r"Write 3 or int\(3\.0\)"),
        ({"max_depth": 2.5}, TypeError, "max_depth to be a whole number"),
        ({"activations": ("sigmoid", "foo")}, ValueError, "no activation 'foo' in activations"),
        ({"activation": 3}, ValueError, "no activation 3 in activation"),
        ({"width": 0}, ValueError, "width to be at least 1"),
        ({"seed": "a"}, TypeError, "seed to be a whole number"),
    ],
)
def test_gradient_flow_explorer_explains_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        gradient_flow_explorer(**kwargs)


def test_each_activation_is_measured_with_its_usual_initialisation():
    from sigmoid_lab.widgets.networks import layer_gradient_norms, standard_init

    assert standard_init("relu") == standard_init("leaky-relu") == "he"
    assert standard_init("sigmoid") == standard_init("swish") == "xavier"
    X, y = make_moons(200, seed=0)
    for name, init in (("relu", "he"), ("sigmoid", "xavier")):
        expected = MLP([2, 16, 16, 16, 1], name, seed=0, init=init).layer_gradient_norms(X, y)
        np.testing.assert_array_equal(layer_gradient_norms(3, name), expected)
    np.testing.assert_array_equal(
        layer_gradient_norms(3, "relu", init="xavier"),
        MLP([2, 16, 16, 16, 1], "relu", seed=0).layer_gradient_norms(X, y),
    )
