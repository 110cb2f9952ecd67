"""Tests for sigmoid_lab.nn: backpropagation, initialisation, gradient flow and training."""

import numpy as np
import pytest

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
    with pytest.raises(ValueError, match=r"X of shape \(n, 2\)"):
        net.forward(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="finite"):
        net.forward([[np.nan, 0.0]])
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        net.predict(np.zeros((1, 2)), threshold=0)
