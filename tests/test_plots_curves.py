"""Plots for chapters 1–3: they draw the right data on labelled axes and update in place."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from sigmoid_lab.activations import logit, sigmoid, sigmoid_grad
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.curves import (
    RISE_WIDTH_FACTOR,
    plot_fit_to_labels,
    plot_logistic_samples,
    plot_logit,
    plot_neuron,
    plot_sigmoid,
    plot_two_layer_net,
    update_neuron,
)
from sigmoid_lab.plots.gradients import (
    FLOAT32_RESOLUTION,
    central_difference,
    chain_gradient,
    finite_difference_errors,
    plot_finite_difference_error,
    plot_gradient_chain,
    plot_gradient_rounding,
    plot_sigmoid_grad,
    plot_tangent,
    update_gradient_chain,
    update_tangent,
)
from sigmoid_lab.plots.layout import format_setting, small_multiples
from sigmoid_lab.style import COLORS


def assert_labelled(ax):
    assert ax.get_xlabel().strip(), "x axis has no label"
    assert ax.get_ylabel().strip(), "y axis has no label"


def ydata(line):
    return np.asarray(line.get_ydata(), dtype=float)


def xdata(line):
    return np.asarray(line.get_xdata(), dtype=float)


# ----------------------------------------------------------------------------- neuron


def test_plot_neuron_draws_sigma_of_wx_plus_b_and_marks_the_step():
    artists = plot_neuron(2.0, -3.0)
    curve = artists["curve"]
    x = xdata(curve)
    np.testing.assert_allclose(ydata(curve), sigmoid(2.0 * x - 3.0))
    assert float(xdata(artists["step_point"])[0]) == pytest.approx(1.5)
    assert float(ydata(artists["step_point"])[0]) == 0.5
    assert artists["step_label"].get_text() == "−b/w = 1.50"
    np.testing.assert_array_equal(ydata(artists["limit"]), np.heaviside(2.0 * x - 3.0, 0.5))
    assert_labelled(curve.axes)
    assert curve.get_color() == COLORS["sigmoid"]


def test_plot_neuron_draws_on_the_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    artists = plot_neuron(ax=ax)
    assert artists["curve"].axes is ax
    assert len(fig.axes) == 1


def test_update_neuron_moves_the_same_artists():
    artists = plot_neuron(1.0, 0.0)
    curve = artists["curve"]
    before = ydata(curve).copy()
    step = update_neuron(artists, -4.0, 2.0)
    assert step == pytest.approx(0.5)
    assert artists["curve"] is curve
    assert not np.allclose(ydata(curve), before)
    np.testing.assert_allclose(ydata(curve), sigmoid(-4.0 * xdata(curve) + 2.0))
    assert float(xdata(artists["step_line"])[0]) == pytest.approx(0.5)
    assert len(curve.axes.lines) == 4  # no line was added


def test_update_neuron_with_zero_weight_has_no_step():
    artists = plot_neuron(1.0, 0.0)
    assert update_neuron(artists, 0.0, 1.0) is None
    np.testing.assert_allclose(ydata(artists["curve"]), sigmoid(1.0))
    assert not artists["step_point"].get_visible()
    assert not artists["limit"].get_visible()


def test_update_neuron_hides_a_step_outside_the_view():
    artists = plot_neuron(1.0, 0.0)
    update_neuron(artists, 1.0, -9.0)  # step at x = 9, beyond the axis (to 6)
    assert not artists["step_point"].get_visible()
    update_neuron(artists, 1.0, -3.0)
    assert artists["step_point"].get_visible()


def test_never_prints_negative_zero():
    artists = plot_neuron(5.0, 0.0)
    assert artists["step_label"].get_text() == "−b/w = 0.00"


def test_large_weight_approaches_the_step_function():
    x = np.linspace(-6, 6, 601)
    away_from_step = np.abs(x - 1.0) > 0.1
    errors = []
    for w in (1.0, 10.0, 100.0):
        artists = plot_neuron(w, -w * 1.0, x=x)
        gap = np.abs(ydata(artists["curve"]) - ydata(artists["limit"]))[away_from_step]
        errors.append(gap.max())
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 1e-4
    assert RISE_WIDTH_FACTOR == pytest.approx(2 * np.log(9))


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"w": "2"}, TypeError, "plot_neuron: w must be a real number"),
        ({"b": np.nan}, ValueError, "plot_neuron: b must be finite"),
        ({"w": True}, TypeError, "plot_neuron: w must be a real number"),
        ({"x": [1.0]}, ValueError, "plot_neuron: x must be a 1-D array of at least 2"),
        ({"x": [0.0, np.inf]}, ValueError, "plot_neuron: x contains NaN or infinity"),
        ({"x": ["a", "b"]}, TypeError, r"plot_neuron\(\) expects x to be numbers.*text .a., .b."),
    ],
)
def test_plot_neuron_rejects_bad_input_with_a_clear_message(kwargs, error, words):
    with pytest.raises(error, match=words):
        plot_neuron(**kwargs)


# ------------------------------------------------------------------ sigmoid and logit


def test_plot_sigmoid_draws_the_s_curve_with_its_midpoint_and_asymptotes():
    artists = plot_sigmoid()
    np.testing.assert_allclose(ydata(artists["curve"]), sigmoid(xdata(artists["curve"])))
    assert (float(xdata(artists["midpoint"])[0]), float(ydata(artists["midpoint"])[0])) == (
        0.0,
        0.5,
    )
    assert ydata(artists["lower"])[0] == 0.0 and ydata(artists["upper"])[0] == 1.0
    assert_labelled(artists["curve"].axes)


def test_plot_logit_draws_the_inverse():
    artists = plot_logit()
    p = xdata(artists["curve"])
    np.testing.assert_allclose(ydata(artists["curve"]), logit(p))
    np.testing.assert_allclose(sigmoid(ydata(artists["curve"])), p)
    assert_labelled(artists["curve"].axes)
    with pytest.raises(ValueError, match="plot_logit: p must lie strictly between 0 and 1"):
        plot_logit(p=[0.0, 0.5])


def test_plot_two_layer_net_linear_layers_collapse_but_sigmoid_bends():
    rng = np.random.default_rng(3)
    W1, b1 = rng.normal(size=(4, 1)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(1, 4)), rng.normal(size=1)
    artists = plot_two_layer_net(W1, b1, W2, b2)
    np.testing.assert_allclose(ydata(artists["linear"]), ydata(artists["collapsed"]))
    # A straight line has zero second differences; the sigmoid network does not.
    assert np.abs(np.diff(ydata(artists["linear"]), 2)).max() < 1e-12
    assert np.abs(np.diff(ydata(artists["sigmoid"]), 2)).max() > 1e-6
    assert_labelled(artists["linear"].axes)
    with pytest.raises(ValueError, match=r"plot_two_layer_net: .* W1 \(h, 1\)"):
        plot_two_layer_net(W1.T, b1, W2, b2)
    with pytest.raises(TypeError, match="plot_two_layer_net: W2 must be an array"):
        plot_two_layer_net(W1, b1, "W2", b2)


def test_plot_fit_to_labels():
    artists = plot_fit_to_labels([0, 1, 2], [0, 1, 0], [0, 1, 2], [0.1, 0.9, 0.1])
    np.testing.assert_array_equal(ydata(artists["points"]), [0, 1, 0])
    np.testing.assert_array_equal(ydata(artists["output"]), [0.1, 0.9, 0.1])
    assert_labelled(artists["output"].axes)
    with pytest.raises(ValueError, match="plot_fit_to_labels: y must have the shape of x"):
        plot_fit_to_labels([0, 1, 2], [0, 1], [0, 1], [0, 1])


# ---------------------------------------------------------------------------- tangent


def test_plot_tangent_touches_the_curve_with_slope_sigma_prime():
    artists = plot_tangent(1.5)
    x = xdata(artists["tangent"])
    y = ydata(artists["tangent"])
    slope = np.polyfit(x, y, 1)[0]
    assert slope == pytest.approx(float(sigmoid_grad(1.5)))
    assert float(ydata(artists["point"])[0]) == pytest.approx(float(sigmoid(1.5)))
    assert "0.1491" in artists["slope_label"].get_text()
    # Without axes it makes two panels: the curve and σ′ with the point marked.
    assert float(ydata(artists["grad_point"])[0]) == pytest.approx(float(sigmoid_grad(1.5)))
    assert len(artists["curve"].figure.axes) == 2
    for ax in artists["curve"].figure.axes:
        assert ax.get_ylabel()
    assert artists["grad_curve"].axes.get_xlabel()


def test_update_tangent_moves_it_and_the_maximum_is_a_quarter_at_zero():
    artists = plot_tangent(3.0)
    before = ydata(artists["tangent"]).copy()
    assert update_tangent(artists, 0.0) == 0.25
    assert not np.allclose(before, ydata(artists["tangent"]))
    assert float(xdata(artists["grad_point"])[0]) == 0.0
    with pytest.raises(TypeError, match="update_tangent: x0 must be a real number"):
        update_tangent(artists, None)


def test_plot_tangent_on_one_axes_has_no_gradient_panel():
    fig = Figure()
    artists = plot_tangent(0.0, ax=fig.add_subplot())
    assert "grad_point" not in artists
    assert_labelled(artists["curve"].axes)


def test_plot_sigmoid_grad_peaks_at_a_quarter():
    artists = plot_sigmoid_grad(x0=2.0)
    y = ydata(artists["curve"])
    assert y.max() == 0.25
    assert float(xdata(artists["curve"])[np.argmax(y)]) == 0.0
    assert ydata(artists["maximum"])[0] == 0.25
    assert artists["point"].get_visible()
    assert not plot_sigmoid_grad()["point"].get_visible()


# ----------------------------------------------------------------- finite differences


def test_central_difference_of_a_cubic_is_exact_up_to_h_squared():
    assert central_difference(lambda t: t**3, 2.0, 0.5) == pytest.approx(12.0 + 0.25)
    with pytest.raises(ValueError, match="central_difference: h must be positive"):
        central_difference(np.sin, 0.0, 0.0)
    with pytest.raises(TypeError, match="central_difference: f must be a function"):
        central_difference(3.0, 0.0, 0.1)


def test_finite_difference_error_is_v_shaped():
    h = np.logspace(-12, -1, 23)
    errors = finite_difference_errors(sigmoid, sigmoid_grad, np.linspace(-4, 4, 41), h)
    best = int(np.argmin(errors))
    assert 1e-7 < h[best] < 1e-3
    assert errors[0] > 100 * errors[best] and errors[-1] > 100 * errors[best]
    # Truncation: ten times the step, a hundred times the error.
    assert errors[-1] / errors[-3] == pytest.approx(100, rel=0.1)
    with pytest.raises(ValueError, match="finite_difference_errors: h must be finite"):
        finite_difference_errors(sigmoid, sigmoid_grad, [0.0], [1e-3, -1e-3])


def test_plot_finite_difference_error():
    artists = plot_finite_difference_error()
    ax = artists["error"].axes
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert_labelled(ax)
    h, errors = (np.asarray(a) for a in artists["error"].get_data())
    best_h = float(xdata(artists["best"])[0])
    assert best_h == h[np.argmin(errors)]
    assert "best h" in artists["best_label"].get_text()


# -------------------------------------------------------------------------- the chain


def test_chain_gradient_is_the_product_of_the_layer_factors():
    chain = chain_gradient(2.0, 6, weight=3.0)
    a, expected = 2.0, 1.0
    for k in range(6):
        z = 3.0 * (a - 0.5)
        assert chain.preactivations[k] == pytest.approx(z)
        expected *= 3.0 * float(sigmoid_grad(z))
        assert chain.products[k] == pytest.approx(expected)
        a = float(sigmoid(z))
    assert np.all(np.abs(chain.factors) <= 3.0 / 4)


def test_chain_gradient_best_case_and_explosion():
    np.testing.assert_allclose(chain_gradient(0.5, 10).products, 0.25 ** np.arange(1, 11))
    np.testing.assert_allclose(
        chain_gradient(0.5, 10, weight=6.0).products, 1.5 ** np.arange(1, 11)
    )
    # A saturated first layer costs orders of magnitude at once.
    assert chain_gradient(10.0, 10).products[-1] < 1e-3 * 0.25**10


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        ((0.0, 0), ValueError, "chain_gradient: depth must be at least 1"),
        ((0.0, 2.5), TypeError, "chain_gradient: depth must be a whole number"),
        (("x", 3), TypeError, "chain_gradient: x must be a real number"),
    ],
)
def test_chain_gradient_rejects_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        chain_gradient(*args)


def test_plot_gradient_chain_and_its_update():
    artists = plot_gradient_chain(0.0, 5, weight=1.0, max_depth=20)
    ax = artists["product"].axes
    assert ax.get_yscale() == "log"
    assert_labelled(ax)
    assert len(xdata(artists["product"])) == 5
    np.testing.assert_allclose(ydata(artists["best_case"]), 0.25 ** np.arange(1, 21))
    chain = update_gradient_chain(artists, 0.5, 12, 8.0)
    np.testing.assert_allclose(ydata(artists["product"]), 2.0 ** np.arange(1, 13))
    np.testing.assert_allclose(ydata(artists["bound"]), 2.0 ** np.arange(1, 21))
    assert float(ydata(artists["end"])[0]) == pytest.approx(2.0**12)
    assert chain.products[-1] == pytest.approx(4096.0)
    assert "after n = 12 layers: 4.1e+03" in artists["end_label"].get_text()
    with pytest.raises(ValueError, match="depth 21 is beyond max_depth=20"):
        update_gradient_chain(artists, 0.0, 21, 1.0)
    assert 2.9e-8 < FLOAT32_RESOLUTION < 3.0e-8


# ---------------------------------------------------------------------------- rounding


def test_plot_gradient_rounding_shows_where_s_times_one_minus_s_is_zero():
    artists = plot_gradient_rounding()
    x = xdata(artists["stable"])
    assert np.all(ydata(artists["stable"]) > 0)
    naive = ydata(artists["naive"])
    missing = x[np.isnan(naive)]  # exact zeros are not drawn on the log axis
    assert 36 < missing.min() < 38
    np.testing.assert_array_equal(missing, x[x >= missing.min()])
    assert artists["zero_region"].get_visible()
    assert artists["stable"].axes.get_yscale() == "log"
    assert_labelled(artists["stable"].axes)


# ------------------------------------------------------------------------ the layout


def test_small_multiples_draws_one_panel_per_setting():
    settings = [{"w": 1, "b": 0}, {"w": 5, "b": 0}, {"w": -2, "b": 2}]
    grid = small_multiples(plot_neuron, settings, ncols=2)
    assert len(grid.axes) == 3
    assert len(grid.figure.axes) == 3  # the fourth, unused slot is removed
    assert [ax.get_title() for ax in grid.axes] == [
        "w = 1, b = 0",
        "w = 5, b = 0",
        "w = −2, b = 2",
    ]
    for artists, setting in zip(grid.artists, settings, strict=True):
        x = xdata(artists["curve"])
        np.testing.assert_allclose(
            ydata(artists["curve"]), sigmoid(setting["w"] * x + setting["b"])
        )
    # One legend for the figure, none in the panels.
    assert all(ax.get_legend() is None for ax in grid.axes)
    assert len(grid.figure.legends) == 1
    # Shared axes: the left column keeps its y label, the bottom panels their x labels.
    assert grid.axes[0].get_ylabel() and not grid.axes[1].get_ylabel()
    assert not grid.axes[0].get_xlabel() and grid.axes[1].get_xlabel()


def test_small_multiples_titles_and_errors():
    grid = small_multiples(plot_tangent, [{"x0": 0}], titles=["at zero"], legend="first")
    assert grid.axes[0].get_title() == "at zero"
    assert grid.axes[0].get_legend() is not None
    with pytest.raises(TypeError, match="small_multiples: settings must be a list of dicts"):
        small_multiples(plot_neuron, {"w": 1})
    with pytest.raises(ValueError, match="small_multiples: settings is empty"):
        small_multiples(plot_neuron, [])
    with pytest.raises(ValueError, match="one title per setting"):
        small_multiples(plot_neuron, [{"w": 1}], titles=["a", "b"])
    with pytest.raises(TypeError, match="small_multiples: plot must be a plot function"):
        small_multiples("plot_neuron", [{"w": 1}])


def test_formatting_uses_a_real_minus_sign():
    assert format_setting({"w": -2.0, "name": "sigmoid"}) == "w = −2, name = sigmoid"
    assert fmt(-0.5) == "−0.50"


# ------------------------------------------------------------------ logistic samples


def test_plot_logistic_samples_draws_the_empirical_cdf_beside_sigma():
    samples = np.array([-1.0, 0.0, 0.0, 2.0])
    artists = plot_logistic_samples(samples, x=np.linspace(-3, 3, 7))
    x = xdata(artists["cdf"])
    np.testing.assert_allclose(ydata(artists["cdf"]), sigmoid(x))
    np.testing.assert_allclose(ydata(artists["empirical"]), [0, 0, 0.25, 0.75, 0.75, 1, 1])
    np.testing.assert_allclose(ydata(artists["density"]), sigmoid_grad(xdata(artists["density"])))
    # The bars are a density: their area is the share of samples inside the drawn range.
    area = sum(bar.get_height() * bar.get_width() for bar in artists["histogram"])
    assert area == pytest.approx(1.0)
    for ax in {artists["cdf"].axes, artists["density"].axes}:
        assert_labelled(ax)


def test_plot_logistic_samples_on_one_axes_has_no_density_panel():
    fig = Figure()
    ax = fig.add_subplot()
    artists = plot_logistic_samples([0.5, 1.5], ax=ax)
    assert set(artists) == {"cdf", "empirical"}
    assert artists["cdf"].axes is ax


@pytest.mark.parametrize(
    ("samples", "error", "words"),
    [
        ([], ValueError, "empty"),
        ([np.nan], ValueError, "NaN"),
        (["a"], TypeError, "expects samples to be numbers"),
    ],
)
def test_plot_logistic_samples_rejects_bad_samples(samples, error, words):
    with pytest.raises(error, match=words):
        plot_logistic_samples(samples)
