"""Tests for sigmoid_lab.experiments: deep-network measurements and the Bayes ceiling."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from sigmoid_lab.activations import ACTIVATIONS
from sigmoid_lab.data import make_moons
from sigmoid_lab.experiments import (
    activation_spread,
    format_scientific,
    gradient_ratio,
    hidden_activations,
    make_mlp,
    moons_bayes_accuracy,
    moons_posterior,
    train_and_track,
)
from sigmoid_lab.nn import MLP, train_mlp
from sigmoid_lab.training import TrainingError

MOONS = make_moons(60, noise=0.3, seed=4)

# ------------------------------------------------------------------------- make_mlp


@pytest.mark.parametrize("init", ["xavier", "he"])
def test_make_mlp_scales_the_weights_of_the_same_draw(init):
    plain = MLP([2, 5, 4, 1], "sigmoid", seed=3, init=init)
    scaled = make_mlp([2, 5, 4, 1], "sigmoid", seed=3, init=init, weight_scale=4.0)
    for W, W_scaled in zip(plain.weights, scaled.weights, strict=True):
        np.testing.assert_array_equal(W_scaled, 4.0 * W)
    for b in scaled.biases:
        assert not b.any()


@pytest.mark.parametrize(
    ("scale", "error"),
    [
        (0.0, ValueError),
        (-1.0, ValueError),
        (math.nan, ValueError),
        ("4", TypeError),
        (True, TypeError),
    ],
)
def test_make_mlp_refuses_a_bad_scale(scale, error):
    with pytest.raises(error, match="weight_scale"):
        make_mlp([2, 3, 1], weight_scale=scale)


# ------------------------------------------------------------ activations and spread


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_hidden_activations_lead_to_the_networks_logits(activation):
    X, _ = MOONS
    model = make_mlp([2, 6, 5, 1], activation, weight_scale=2.0, seed=1)
    layers = hidden_activations(model, X)
    assert [layer.shape for layer in layers] == [(60, 6), (60, 5)]
    logits = layers[-1] @ model.weights[-1] + model.biases[-1]
    np.testing.assert_allclose(logits[:, 0], model.forward(X), rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    scale=st.floats(0.1, 20.0),
    depth=st.integers(1, 5),
)
def test_a_sigmoid_layer_shrinks_the_spread_of_each_unit_at_least_fourfold(seed, scale, depth):
    # σ is 1/4-Lipschitz, and Var f(Z) = E(f(Z) − f(Z'))²/2 <= Var(Z)/16 for such an f.
    X, _ = MOONS
    model = make_mlp([2, *([7] * depth), 1], "sigmoid", weight_scale=scale, seed=seed)
    inputs = [X, *hidden_activations(model, X)]
    for W, b, before, after in zip(model.weights, model.biases, inputs, inputs[1:], strict=False):
        pre_spread = (before @ W + b).std(axis=0)
        assert np.all(after.std(axis=0) <= pre_spread / 4 * (1 + 1e-9) + 1e-15)


def test_activation_spread_is_the_mean_unit_standard_deviation():
    X, _ = MOONS
    model = make_mlp([2, 4, 3, 1], "tanh", seed=2)
    expected = [layer.std(axis=0).mean() for layer in hidden_activations(model, X)]
    np.testing.assert_allclose(activation_spread(model, X), expected, rtol=1e-14, atol=0)
    same = np.repeat(X[:1], 5, axis=0)
    np.testing.assert_allclose(activation_spread(model, same), [0.0, 0.0], rtol=0, atol=1e-15)


def test_the_spread_collapses_in_a_deep_sigmoid_network_and_not_with_relu_and_he():
    X, _ = make_moons(200, noise=0.15, seed=0)
    sigmoid = activation_spread(make_mlp([2, *[16] * 6, 1], "sigmoid"), X)
    relu = activation_spread(make_mlp([2, *[16] * 6, 1], "relu", init="he"), X)
    assert sigmoid[0] / sigmoid[-1] > 1000
    assert relu[0] / relu[-1] < 10


def test_measurements_explain_what_they_were_given():
    X, y = MOONS
    result = train_mlp(X, y, hidden=(3,), epochs=1)
    for func, args in (
        (hidden_activations, (X,)),
        (activation_spread, (X,)),
        (gradient_ratio, (X, y)),
    ):
        with pytest.raises(TypeError, match=r"MLP.*\.model"):
            func(result, *args)
    model = result.model
    with pytest.raises(ValueError, match="reshape"):
        hidden_activations(model, X[:, 0])
    with pytest.raises(ValueError, match=r"shape \(m, 2\)"):
        activation_spread(model, np.ones((4, 3)))
    with pytest.raises(ValueError, match="at least 2 rows"):
        activation_spread(model, X[:1])
    with pytest.raises(ValueError, match=r"NaN|nan|finite"):
        hidden_activations(model, np.array([[0.0, np.nan]]))


def test_the_spread_of_huge_inputs_is_finite_and_scales_with_them():
    # ReLU with zero biases is positively homogeneous: scaling X scales every layer.
    X, _ = MOONS
    model = make_mlp([2, 5, 5, 1], "relu", init="he", seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = activation_spread(model, X * 1e200)
    np.testing.assert_allclose(huge, 1e200 * activation_spread(model, X), rtol=1e-12)


def test_a_layer_that_overflows_is_named():
    X, _ = MOONS
    model = make_mlp([2, 5, 5, 1], "relu", weight_scale=1e200)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"hidden layer 2.*overflow"):
            hidden_activations(model, X)
        with pytest.raises(ValueError, match=r"hidden layer 2.*overflow"):
            activation_spread(model, X)


# ---------------------------------------------------------------- gradient ratio


def test_gradient_ratio_is_first_over_last_norm():
    X, y = MOONS
    model = make_mlp([2, 5, 5, 5, 1], "sigmoid", seed=7)
    norms = model.layer_gradient_norms(X, y)
    assert gradient_ratio(model, X, y) == norms[0] / norms[-1]


def test_gradient_ratio_refuses_a_last_gradient_of_zero():
    X, y = MOONS
    model = make_mlp([2, 4, 4, 1], "relu")
    model.biases[1][:] = -100.0  # the last hidden layer outputs 0 for every input
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="exactly 0"):
            gradient_ratio(model, X, y)


def test_four_times_larger_weights_let_the_sigmoid_gradient_reach_the_first_layer():
    X, y = make_moons(200, seed=0)
    sizes = [2, *[16] * 10, 1]
    xavier = gradient_ratio(make_mlp(sizes, "sigmoid"), X, y)
    scaled = gradient_ratio(make_mlp(sizes, "sigmoid", weight_scale=4.0), X, y)
    assert xavier < 1e-5
    assert scaled / xavier > 100


# ---------------------------------------------------------------- train_and_track


@pytest.mark.parametrize("l2", [0.0, 0.01])
def test_train_and_track_takes_the_steps_of_train_mlp(l2):
    X, y = MOONS
    X_test, y_test = make_moons(30, noise=0.3, seed=5)
    reference = train_mlp(X, y, hidden=(7,), activation="sigmoid", lr=2.0, epochs=23, l2=l2)
    model = make_mlp([2, 7, 1], "sigmoid")
    history = train_and_track(
        model, X, y, lr=2.0, epochs=23, l2=l2, every=5, held_out={"test": (X_test, y_test)}
    )
    for W, W_ref in zip(model.weights, reference.model.weights, strict=True):
        np.testing.assert_array_equal(W, W_ref)
    np.testing.assert_array_equal(history["epoch"], [0, 5, 10, 15, 20, 23])
    np.testing.assert_array_equal(history["loss"], reference.history["loss"][history["epoch"]])
    np.testing.assert_array_equal(
        history["train_accuracy"], reference.history["accuracy"][history["epoch"]]
    )
    assert history["test_accuracy"][-1] == np.mean(reference.predict(X_test) == y_test)


def test_train_and_track_records_every_held_out_set():
    X, y = MOONS
    sets = {"validation": make_moons(20, seed=1), "test": make_moons(40, seed=2)}
    history = train_and_track(make_mlp([2, 4, 1]), X, y, lr=1.0, epochs=3, held_out=sets)
    assert set(history) == {
        "epoch",
        "loss",
        "train_accuracy",
        "validation_accuracy",
        "test_accuracy",
    }
    assert all(values.shape == (4,) for values in history.values())


@pytest.mark.parametrize(
    ("activation", "lr", "hidden", "epochs"),
    [
        ("relu", 1e8, (16,) * 4, 50),  # the loss becomes huge at once
        ("relu", 100.0, (16, 16), 23),  # the loss grows a millionfold
        ("sigmoid", 50.0, (7,), 5),  # the loss ends above where it started
        ("tanh", 40.0, (7,), 23),
    ],
)
def test_train_and_track_stops_where_train_mlp_does(activation, lr, hidden, epochs):
    X, y = MOONS
    with pytest.raises(TrainingError) as reference:
        train_mlp(X, y, hidden=hidden, activation=activation, lr=lr, epochs=epochs)
    model = make_mlp([2, *hidden, 1], activation)
    with pytest.raises(TrainingError, match=r"lr=\S+ is too large") as ours:
        train_and_track(model, X, y, lr=lr, epochs=epochs)
    assert ("stopped at epoch" in str(ours.value)) == ("stopped at epoch" in str(reference.value))


def test_train_and_track_still_trains_where_train_mlp_recovers():
    X, y = MOONS
    reference = train_mlp(X, y, hidden=(7,), activation="sigmoid", lr=50.0, epochs=23)
    model = make_mlp([2, 7, 1], "sigmoid")
    history = train_and_track(model, X, y, lr=50.0, epochs=23)
    assert history["loss"][-1] == reference.history["loss"][-1]


def test_train_and_track_names_a_network_that_overflows_from_the_start():
    X, y = MOONS
    model = make_mlp([2, 4, 1], "relu", weight_scale=1e300)
    with pytest.raises(ValueError, match="weight_scale"):
        train_and_track(model, X, y, lr=0.1, epochs=1)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": "0.1"}, TypeError, "lr"),
        ({"epochs": -1}, ValueError, "epochs"),
        ({"epochs": 2.0}, TypeError, "epochs"),
        ({"every": 0}, ValueError, "every"),
        ({"l2": -0.1}, ValueError, "l2"),
        ({"held_out": [(1, 2)]}, TypeError, "held_out"),
        ({"held_out": {"test": MOONS[0]}}, TypeError, "pair"),
        ({"held_out": {"train": MOONS}}, ValueError, "other than 'train'"),
        ({"held_out": {"test": (MOONS[0], MOONS[1][:-1])}}, ValueError, "one label per row"),
        ({"held_out": {"test": (MOONS[0], MOONS[1] + 1)}}, ValueError, "0 and 1"),
    ],
)
def test_train_and_track_checks_its_arguments(kwargs, error, match):
    X, y = MOONS
    arguments = {"lr": 0.1, "epochs": 2, **kwargs}
    model = make_mlp([2, 3, 1])
    before = [W.copy() for W in model.weights]
    with pytest.raises(error, match=match):
        train_and_track(model, X, y, **arguments)
    for W, W_before in zip(model.weights, before, strict=True):
        np.testing.assert_array_equal(W, W_before)


def test_train_and_track_checks_the_training_labels():
    X, y = MOONS
    with pytest.raises(ValueError, match="y"):
        train_and_track(make_mlp([2, 3, 1]), X, y[:, None], lr=0.1, epochs=1)


# ------------------------------------------------------------------ the Bayes ceiling


def _class_density(point, label, noise):
    def integrand(t):
        if label == 0:
            centre = (math.cos(t), math.sin(t))
        else:
            centre = (1 - math.cos(t), 0.5 - math.sin(t))
        squared = (point[0] - centre[0]) ** 2 + (point[1] - centre[1]) ** 2
        return math.exp(-squared / (2 * noise**2)) / (2 * math.pi * noise**2) / math.pi

    return quad(integrand, 0, math.pi, epsabs=0, epsrel=1e-12, limit=400)[0]


@settings(max_examples=30, deadline=None)
@given(
    x=st.floats(-1.5, 2.5),
    y=st.floats(-1.5, 1.5),
    noise=st.floats(0.1, 1.0),
)
def test_moons_posterior_matches_adaptive_quadrature(x, y, noise):
    f0 = _class_density((x, y), 0, noise)
    f1 = _class_density((x, y), 1, noise)
    expected = f1 / (f0 + f1)
    assert moons_posterior([[x, y]], noise=noise)[0] == pytest.approx(expected, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(
    x=st.floats(-30.0, 30.0),
    y=st.floats(-30.0, 30.0),
    noise=st.floats(0.05, 2.0),
)
def test_moons_posterior_is_symmetric_about_the_centre_of_the_moons(x, y, noise):
    # Class 1's half circle is class 0's turned half a turn about (0.5, 0.25).
    here, there = moons_posterior([[x, y], [1.0 - x, 0.5 - y]], noise=noise)
    assert 0.0 <= here <= 1.0
    assert here == pytest.approx(1.0 - there, abs=1e-9)


def test_moons_posterior_far_from_the_moons_does_not_underflow():
    p = moons_posterior([[0.0, 40.0], [1.0, -40.0]], noise=0.1)
    assert p[0] < 0.5 < p[1]


def test_the_bayes_accuracy_agrees_with_the_bayes_rule_on_fresh_samples():
    X, y = make_moons(20_000, noise=0.35, seed=11)
    sampled = np.mean((moons_posterior(X, noise=0.35) > 0.5) == y)
    exact = moons_bayes_accuracy(0.35)
    standard_error = math.sqrt(exact * (1 - exact) / y.size)
    assert abs(sampled - exact) < 4.5 * standard_error


@pytest.mark.parametrize("noise", [0.35, 1.0])
def test_halving_the_step_changes_the_bayes_accuracy_by_less_than_1e_4(noise):
    assert moons_bayes_accuracy(noise) == pytest.approx(
        moons_bayes_accuracy(noise, step=noise / 16), abs=1e-4
    )


def test_no_classifier_does_better_on_noisier_moons():
    values = [moons_bayes_accuracy(noise) for noise in (0.35, 0.6, 1.0)]
    assert 1.0 > values[0] > values[1] > values[2] > 0.5


@pytest.mark.parametrize(
    ("noise", "error"), [(0.0, ValueError), (-0.1, ValueError), (None, TypeError)]
)
def test_the_bayes_functions_need_noise(noise, error):
    with pytest.raises(error, match="noise"):
        moons_posterior([[0.0, 0.0]], noise=noise)
    with pytest.raises(error, match="noise"):
        moons_bayes_accuracy(noise)


def test_moons_posterior_checks_the_points():
    with pytest.raises(ValueError, match=r"shape \(m, 2\)"):
        moons_posterior([0.0, 1.0], noise=0.3)


# --------------------------------------------------------------------- printing


@given(
    value=st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v != 0),
    digits=st.integers(1, 6),
)
def test_format_scientific_writes_the_rounded_value(value, digits):
    text = format_scientific(value, digits)
    mantissa, _, power = text.partition(" × 10")
    exponent = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")) or "0"
    assert len(mantissa.lstrip("−").replace(".", "")) == digits
    assert float(f"{mantissa.replace('−', '-')}e{exponent}") == float(f"{value:.{digits - 1}e}")


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(664_000.0, 2, "6.6 × 10⁵"), (-0.00151, 3, "−1.51 × 10⁻³"), (2.5, 2, "2.5"), (0.0, 2, "0")],
)
def test_format_scientific_examples(value, digits, text):
    assert format_scientific(value, digits) == text


def test_format_scientific_checks_its_arguments():
    with pytest.raises(ValueError, match="finite"):
        format_scientific(math.inf)
    with pytest.raises(ValueError, match="digits"):
        format_scientific(1.0, 0)
