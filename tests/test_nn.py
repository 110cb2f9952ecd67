"""Tests for sigmoid_lab.nn: backpropagation, initialisation, gradient flow and training."""

import warnings

import numpy as np
import pandas as pd
import pytest

from sigmoid_lab import nn, training
from sigmoid_lab.activations import ACTIVATIONS
from sigmoid_lab.data import make_moons, make_seed_data
from sigmoid_lab.nn import INITS, MLP, MLPResult, train_mlp
from sigmoid_lab.training import TrainingError


def numerical_gradients(net, X, y, l2=0.0, h=1e-6):
    """Central differences of the loss with respect to every weight and bias."""
    grads = []
    for W, b in zip(net.weights, net.biases, strict=True):
        pair = []
        for param in (W, b):
            numeric = np.zeros_like(param)
            for index in np.ndindex(param.shape):
                saved = param[index]
                param[index] = saved + h
                up = net.loss_and_gradients(X, y, l2=l2)[0]
                param[index] = saved - h
                down = net.loss_and_gradients(X, y, l2=l2)[0]
                param[index] = saved
                numeric[index] = (up - down) / (2 * h)
            pair.append(numeric)
        grads.append(tuple(pair))
    return grads


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_backpropagation_matches_finite_differences(activation, l2):
    X, y = make_moons(12, seed=1)
    net = MLP([2, 3, 4, 1], activation, seed=2)
    for W in net.weights:
        W *= 1.5  # away from the symmetric start, so every unit matters
    for index, b in enumerate(net.biases):
        b += 0.1 * (index + 1)
    _, grads = net.loss_and_gradients(X, y, l2=l2)
    for (dW, db), (nW, nb) in zip(grads, numerical_gradients(net, X, y, l2), strict=True):
        np.testing.assert_allclose(dW, nW, rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(db, nb, rtol=1e-5, atol=1e-8)


def test_shapes_and_loss_value():
    X, y = make_moons(30)
    net = MLP([2, 5, 3, 1], "tanh", seed=0)
    assert [W.shape for W in net.weights] == [(2, 5), (5, 3), (3, 1)]
    assert [b.shape for b in net.biases] == [(5,), (3,), (1,)]
    assert net.n_layers == 3
    logits = net.forward(X)
    assert logits.shape == (30,)
    loss, grads = net.loss_and_gradients(X, y)
    assert loss == pytest.approx(np.mean(np.logaddexp(0, logits) - y * logits), rel=1e-12)
    assert [(dW.shape, db.shape) for dW, db in grads] == [
        ((2, 5), (5,)),
        ((5, 3), (3,)),
        ((3, 1), (1,)),
    ]
    np.testing.assert_allclose(net.predict_proba(X), 1 / (1 + np.exp(-logits)), rtol=1e-14)
    np.testing.assert_array_equal(net.predict(X), (logits >= 0).astype(int))
    assert repr(net) == "MLP([2, 5, 3, 1], activation='tanh', init='xavier')"


def test_no_hidden_layer_is_logistic_regression():
    X, _ = make_seed_data(200)
    net = MLP([2, 1], seed=0)
    z = X @ net.weights[0][:, 0] + net.biases[0][0]
    np.testing.assert_allclose(net.forward(X), z)


def test_initialisation_is_seeded():
    a = MLP([2, 8, 1], "relu", seed=3)
    b = MLP([2, 8, 1], "relu", seed=3)
    c = MLP([2, 8, 1], "relu", seed=4)
    for Wa, Wb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(Wa, Wb)
    assert not np.array_equal(a.weights[0], c.weights[0])
    assert all(np.all(bias == 0) for bias in a.biases)


@pytest.mark.parametrize(
    "init, expected", [("xavier", np.sqrt(2 / 700)), ("he", np.sqrt(2 / 400))]
)
def test_initial_weight_scale(init, expected):
    net = MLP([400, 300, 1], seed=0, init=init)
    assert net.weights[0].std() == pytest.approx(expected, rel=0.01)
    assert INITS[init](400, 300) == pytest.approx(expected)


def test_training_is_deterministic():
    X, y = make_moons(100)
    first = train_mlp(X, y, epochs=30, seed=5)
    second = train_mlp(X, y, epochs=30, seed=5)
    np.testing.assert_array_equal(first.history["loss"], second.history["loss"])
    np.testing.assert_array_equal(first.model.weights[0], second.model.weights[0])


# ---------------------------------------------------------------- the chapter's experiments


def _first_to_last(activation, depth=10, seed=0):
    X, y = make_moons(200, seed=seed)
    norms = MLP([2, *[16] * depth, 1], activation, seed=seed).layer_gradient_norms(X, y)
    assert norms.shape == (depth + 1,)
    return norms[0] / norms[-1]


@pytest.mark.parametrize("seed", [0, 1])
def test_gradients_vanish_through_deep_sigmoid_layers_but_not_relu(seed):
    sigmoid_ratio = _first_to_last("sigmoid", seed=seed)
    relu_ratio = _first_to_last("relu", seed=seed)
    # Each sigmoid layer multiplies the backward signal by its slope, at most 1/4...
    assert sigmoid_ratio < 0.25**5
    # ...while ReLU passes it on with slope 1 where it is active: same order at both ends.
    assert relu_ratio > 0.1
    assert relu_ratio > 1e4 * sigmoid_ratio


def test_vanishing_gets_worse_with_depth():
    ratios = [_first_to_last("sigmoid", depth) for depth in (2, 5, 10)]
    assert ratios[0] > ratios[1] > ratios[2]


def test_deep_relu_network_learns_where_the_sigmoid_one_stalls():
    X, y = make_moons(200, noise=0.1)
    runs = {
        name: train_mlp(X, y, hidden=(16,) * 6, activation=name, lr=0.5, epochs=300)
        for name in ("sigmoid", "relu")
    }
    sigmoid_loss = runs["sigmoid"].history["loss"]
    relu_loss = runs["relu"].history["loss"]
    assert sigmoid_loss[-1] > 0.9 * sigmoid_loss[0]  # barely moved from log 2
    assert relu_loss[-1] < 0.1 * relu_loss[0]
    assert runs["relu"].history["accuracy"][-1] > 0.95


def test_sigmoid_network_overfits_noisy_data():
    """The article says activations prevent overfitting. A sigmoid network with enough units
    fits every noisy training label, and does worse on fresh data from the same source."""
    X, y = make_moons(1030, noise=0.3, seed=3)
    X_train, y_train, X_test, y_test = X[:30], y[:30], X[30:], y[30:]
    result = train_mlp(X_train, y_train, hidden=(100,), activation="sigmoid", lr=5.0, epochs=3000)
    train_accuracy = result.history["accuracy"][-1]
    test_accuracy = np.mean(result.predict(X_test) == y_test)
    assert train_accuracy == 1.0
    assert test_accuracy < train_accuracy - 0.1


# ---------------------------------------------------------------- train_mlp


def test_train_mlp_history_and_result():
    X, y = make_moons(80)
    seen = []
    result = train_mlp(X, y, epochs=20, callback=lambda epoch, loss: seen.append((epoch, loss)))
    assert isinstance(result, MLPResult)
    np.testing.assert_array_equal(result.history["epoch"], np.arange(21))
    assert [epoch for epoch, _ in seen] == list(range(21))
    np.testing.assert_allclose([loss for _, loss in seen], result.history["loss"])
    assert result.history["loss"][-1] < result.history["loss"][0]
    assert result.history["accuracy"][-1] == np.mean(result.predict(X) == y)
    np.testing.assert_allclose(result.predict_proba(X), result.model.predict_proba(X))
    assert result.model.activation.name == "relu"
    assert repr(result).startswith("MLPResult(model=MLP([2, 16, 16, 1]")


def test_train_mlp_penalty_is_in_the_loss():
    X, y = make_moons(50)
    plain = train_mlp(X, y, epochs=0)
    penalised = train_mlp(X, y, epochs=0, l2=0.5)
    squares = sum(np.sum(W**2) for W in plain.model.weights)
    assert penalised.history["loss"][0] == pytest.approx(plain.history["loss"][0] + 0.25 * squares)


def test_train_mlp_too_large_a_step_stops_with_an_error():
    X, y = make_moons(50)
    with pytest.raises(TrainingError, match=r"stopped at epoch \d+.*lr=1e\+08"):
        train_mlp(X, y, hidden=(16,) * 4, lr=1e8, epochs=50)


def test_train_mlp_checks_its_arguments():
    X, y = make_moons(20)
    with pytest.raises(ValueError, match="reshape"):
        train_mlp(X[:, 0], y)
    with pytest.raises(ValueError, match=r"y\.ravel\(\)"):
        train_mlp(X, y.reshape(-1, 1))
    with pytest.raises(ValueError, match="labels 0 and 1"):
        train_mlp(X, 2 * y)
    with pytest.raises(ValueError, match="lr to be a positive"):
        train_mlp(X, y, lr=0)
    with pytest.raises(TypeError, match="epochs to be a whole number"):
        train_mlp(X, y, epochs=1e2)
    with pytest.raises(ValueError, match="Valid names"):
        train_mlp(X, y, activation="softmax")
    with pytest.raises(ValueError, match="l2 to be a finite number"):
        train_mlp(X, y, l2=-1)


def test_mlp_checks_its_arguments():
    with pytest.raises(ValueError, match="last layer has 1 unit"):
        MLP([2, 4, 2])
    with pytest.raises(ValueError, match="at least an input and an output"):
        MLP([1])
    with pytest.raises(ValueError, match="at least 1"):
        MLP([2, 0, 1])
    with pytest.raises(TypeError, match="whole number"):
        MLP([2, 4.5, 1])
    with pytest.raises(TypeError, match="list of layer widths"):
        MLP(3)
    with pytest.raises(ValueError, match="init to be one of 'xavier', 'he'"):
        MLP([2, 1], init="glorot")
    with pytest.raises(TypeError, match=r"MLP\(\) expects seed to be a non-negative integer"):
        MLP([2, 1], seed="0")
    net = MLP([2, 4, 1])
    with pytest.raises(ValueError, match=r"X of shape \(m, 2\)"):
        net.forward(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="finite"):
        net.forward([[np.nan, 0.0]])
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        net.predict(np.zeros((1, 2)), threshold=0)


# ---------------------------------------------------------------- the same care as train()

MOONS = make_moons(200, noise=0.1, seed=0)


def test_train_mlp_raises_the_training_error_of_train():
    assert nn.TrainingError is training.TrainingError
    assert nn.EXPLOSION_FACTOR == training.EXPLOSION_FACTOR


@pytest.mark.parametrize("lr", [1000, 100])
def test_train_mlp_stops_when_the_loss_explodes(lr):
    """lr=1000 took the loss to 1.6e25 and returned a 50 % model without a word."""
    X, y = MOONS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TrainingError) as info:
            train_mlp(X, y, lr=lr)
    message = str(info.value)
    assert "stopped at epoch 2: the loss reached" in message
    assert f"lr={lr:g} is too large" in message and f"try lr={lr / 10:g}" in message
    assert "size of the inputs" not in message


@pytest.mark.parametrize("lr", [10, 30])
def test_train_mlp_stops_a_run_that_ends_above_where_it_started(lr):
    """Below the explosion limit, a too-large step still ends in a 50 % model."""
    X, y = MOONS
    with pytest.raises(TrainingError, match=r"ended with the loss at .*above where it started"):
        train_mlp(X, y, lr=lr)
    with pytest.raises(TrainingError, match=rf"lr={lr} is too large for this network"):
        train_mlp(X, y, lr=lr)


@pytest.mark.parametrize("lr", [0.1, 1e-3, 1e-10])
def test_train_mlp_names_huge_inputs_not_the_learning_rate(lr):
    """On inputs of size 1e200 every learning rate used to be called "too large"."""
    X, y = MOONS
    with pytest.raises(TrainingError) as info:
        train_mlp(X * 1e200, y, lr=lr)
    message = str(info.value)
    assert "The cause is the size of the inputs: column 0 of X" in message
    assert "1.04e+200" in message and "Standardise the features" in message
    assert "is too large for this network" not in message


def test_train_mlp_names_large_inputs_and_standardising_fixes_them():
    X, y = MOONS
    large = X * 1000
    with pytest.raises(TrainingError, match="size of the inputs: column 0 of X"):
        train_mlp(large, y, lr=0.01)
    standardised = (large - large.mean(axis=0)) / large.std(axis=0)
    assert train_mlp(standardised, y, lr=0.01).history["accuracy"][-1] > 0.8


def test_values_too_large_for_a_float_are_an_error_not_a_warning():
    # 50 inputs of 1e308: the first layer's sums overflow, and inf - inf is NaN after it.
    X = np.full((4, 50), 1e308)
    y = np.array([0, 1, 0, 1])
    net = MLP([50, 16, 16, 1], "relu", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for method in (net.forward, net.predict_proba, net.predict):
            with pytest.raises(ValueError, match=r"overflow to inf .* root-mean-square size"):
                method(X)
        with pytest.raises(ValueError, match="Standardise the features"):
            net.loss_and_gradients(X, y)
        with pytest.raises(ValueError, match=r"overflow to inf .* Standardise"):
            train_mlp(X, y, hidden=(16, 16))


def test_blown_up_weights_are_named():
    X, y = make_moons(20)
    net = MLP([2, 4, 1], "relu", seed=0)
    for W in net.weights:
        W *= 1e300
    with pytest.raises(ValueError, match=r"the weights reach .*smaller lr"):
        net.forward(X)
    # A training loop checks the loss itself: NaN or inf, without a warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, _ = net.loss_and_gradients(X, y)
    assert not np.isfinite(loss)


def test_gradient_norms_of_huge_inputs_are_finite():
    X, y = make_moons(50)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        norms = MLP([2, 4, 4, 1], "relu", seed=0).layer_gradient_norms(X * 1e200, y)
    assert np.all(np.isfinite(norms)) and norms[0] > 1e198


@pytest.mark.parametrize(
    ("kwargs", "error", "phrase"),
    [
        ({"hidden": 16.0}, TypeError, "Write hidden=16"),
        ({"hidden": (16.0, 8)}, TypeError, "every hidden width to be a whole number"),
        ({"hidden": (16, np.float64(8))}, TypeError, "Write 8"),
        ({"hidden": 0}, ValueError, "hidden to be at least 1"),
        ({"hidden": (16, -2)}, ValueError, "at least 1, got -2 in [16, -2]"),
        ({"hidden": True}, TypeError, "got bool True"),
        ({"hidden": (True, 4)}, TypeError, "got bool True"),
        ({"hidden": "16"}, TypeError, "got str '16'"),
        ({"hidden": None}, TypeError, "() for no hidden layer"),
        ({"activation": "softmax"}, ValueError, "Valid names: 'sigmoid'"),
        ({"activation": None}, TypeError, "train_mlp() expects activation"),
        ({"init": "glorot"}, ValueError, "init to be one of 'xavier', 'he'"),
        ({"init": None}, TypeError, "init to be one of"),
        ({"seed": -1}, ValueError, "train_mlp() expects seed to be a non-negative integer"),
        ({"seed": 1.5}, TypeError, "train_mlp() expects seed"),
        ({"lr": "auto"}, ValueError, "lr='auto' is train()'s"),
        ({"lr": "0.1"}, TypeError, "got str '0.1'"),
        ({"lr": True}, TypeError, "got bool True"),
        ({"lr": 0}, ValueError, "positive finite number"),
        ({"lr": -1.0}, ValueError, "positive finite number"),
        ({"lr": float("nan")}, ValueError, "positive finite number"),
        ({"lr": float("inf")}, ValueError, "positive finite number"),
        ({"epochs": 1e2}, TypeError, "Write 100"),
        ({"epochs": True}, TypeError, "epochs to be a whole number"),
        ({"epochs": -1}, ValueError, "epochs to be non-negative"),
        ({"l2": -1}, ValueError, "(l2/2)·Σ‖W‖²"),
        ({"l2": float("nan")}, ValueError, "l2 to be a finite number"),
        ({"l2": "0.1"}, TypeError, "l2 to be a number"),
        ({"l2": True}, TypeError, "l2 to be a number"),
        ({"callback": 3}, TypeError, "callback(epoch, loss)"),
    ],
)
def test_train_mlp_names_each_bad_argument(kwargs, error, phrase):
    X, y = make_moons(20)
    with pytest.raises(error) as info:
        train_mlp(X, y, **kwargs)
    assert phrase in str(info.value)
    assert str(info.value).startswith("train_mlp() ")


def test_train_mlp_accepts_one_width_and_an_array_of_widths():
    X, y = make_moons(20)
    assert train_mlp(X, y, hidden=8, epochs=2).model.layer_sizes == (2, 8, 1)
    assert train_mlp(X, y, hidden=np.int64(8), epochs=2).model.layer_sizes == (2, 8, 1)
    assert train_mlp(X, y, hidden=np.array([4, 3]), epochs=2).model.layer_sizes == (2, 4, 3, 1)
    assert train_mlp(X, y, hidden=(), epochs=2).model.layer_sizes == (2, 1)


@pytest.mark.parametrize(
    ("layer_sizes", "error", "phrase"),
    [
        ([2, 16.0, 1], TypeError, "got float 16.0 in [2, 16.0, 1]. Write 16"),
        ([2, "16", 1], TypeError, "Write 16 (or int('16'))"),
        ([2, True, 1], TypeError, "got bool True"),
        ([2, None, 1], TypeError, "got NoneType None"),
        ([2, 0, 1], ValueError, "at least 1, got 0"),
        ([2, -3, 1], ValueError, "at least 1, got -3"),
        ([2, 4, 2], ValueError, "last layer has 1 unit"),
        ([1], ValueError, "at least an input and an output"),
        ("2, 16, 1", TypeError, "list of layer widths"),
        (16.0, TypeError, "list of layer widths"),
        (np.zeros((2, 2), dtype=int), TypeError, "list of layer widths"),
    ],
)
def test_mlp_names_each_bad_layer_size(layer_sizes, error, phrase):
    with pytest.raises(error) as info:
        MLP(layer_sizes)
    assert phrase in str(info.value)
    assert str(info.value).startswith("MLP() ")


def test_mlp_accepts_an_array_of_widths_and_any_activation_name():
    assert MLP(np.array([2, 4, 1])).layer_sizes == (2, 4, 1)
    assert MLP([2, 4, 1], "swish").activation.name == "silu"
    with pytest.raises(TypeError, match=r"MLP\(\) expects activation .* Valid names"):
        MLP([2, 1], activation=3)
    with pytest.raises(TypeError, match=r"MLP\(\) expects init"):
        MLP([2, 1], init=2)


@pytest.mark.parametrize(
    ("X", "phrase"),
    [
        (np.zeros(20), "np.reshape(X, (-1, 1))"),
        (np.zeros((20, 2, 1)), "got 3-D"),
        (np.zeros((0, 2)), "empty X"),
        (
            [[np.nan, 0.0]] + [[0.0, 0.0]] * 19,
            "NaN or infinite values in X, in 1 row of 20 (row 0)",
        ),
        ([[np.inf, 0.0]] + [[0.0, 0.0]] * 19, "NaN or infinite values in X"),
    ],
)
def test_train_mlp_names_bad_features(X, phrase):
    y = np.arange(20) % 2
    with pytest.raises(ValueError) as info:
        train_mlp(X, y[: len(X)] if len(X) else y)
    assert phrase in str(info.value)


def test_train_mlp_names_bad_labels():
    X, y = make_moons(20)
    with pytest.raises(ValueError, match="X has 20 rows but y has 19 labels"):
        train_mlp(X, y[:-1])
    with pytest.raises(ValueError, match="only the labels 0 and 1, found the values 0, 2"):
        train_mlp(X, 2 * y)
    with_nan = y.astype(float)
    with_nan[3] = np.nan
    with pytest.raises(ValueError, match="found the values 0, 1, nan"):
        train_mlp(X, with_nan)
    with pytest.raises(ValueError, match=r"got shape \(1, 20\)\. np\.ravel\(y\)"):
        train_mlp(X, y.reshape(1, -1))


def test_degenerate_data_is_refused_as_train_refuses_it():
    X, _ = make_moons(20)
    with pytest.raises(ValueError, match=r"y contains only class 1 \(all 20 labels are 1\)"):
        train_mlp(X, np.ones(20))
    with pytest.raises(ValueError, match="y contains only class 0"):
        train_mlp(X, np.zeros(20))
    with pytest.raises(ValueError, match=r"y contains only class 1 \(its only label is 1\)"):
        train_mlp([[1.0, 2.0]], [1])
    # The network itself can still be evaluated on one class, e.g. its gradient norms.
    assert MLP([2, 3, 1]).layer_gradient_norms(X, np.ones(20)).shape == (2,)


def _column_hint(y_column):
    X, _ = make_moons(20)
    with pytest.raises(ValueError) as info:
        train_mlp(X, y_column)
    message = str(info.value)
    assert "column of shape (20, 1)" in message and "the article's bug" in message
    return message.split("Pass ")[1].removesuffix(" instead.")


def test_a_label_column_gets_a_hint_that_works_for_its_type():
    X, y = make_moons(20)
    frame = pd.DataFrame({"label": y})
    cases = {
        "y.ravel()": y.reshape(-1, 1),
        "y['label']": frame[["label"]],
        "np.ravel(y)": y.reshape(-1, 1).tolist(),
    }
    for expected, column in cases.items():
        hint = _column_hint(column)
        assert hint == expected
        fixed = eval(hint, {"np": np, "y": column})  # the hint is code for the value passed
        assert np.shape(fixed) == (20,)
        assert train_mlp(X, fixed, epochs=2).history["epoch"][-1] == 2
