"""Tests for sigmoid_lab.training: the oracle, the safe step, the history and the checks."""

import functools
import math
import warnings

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from sigmoid_lab import _fast_descent, training
from sigmoid_lab.data import make_moons, make_seed_data, make_shifted_data, make_xor
from sigmoid_lab.training import (
    TrainingError,
    TrainResult,
    TrainState,
    safe_learning_rate,
    train,
)
from sigmoid_lab.widgets.training import training_explorer


def objective(X, y, w, b, l2):
    """The objective of train(), written directly from its definition."""
    z = X @ w + b
    return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * w @ w


def gradient(X, y, w, b, l2):
    residual = 1.0 / (1.0 + np.exp(-(X @ w + b))) - y
    return np.append(X.T @ residual / len(y) + l2 * w, residual.mean())


def plain_gradient_descent(X, y, lr, iterations, l2=0.0, fit_intercept=True):
    """The textbook loop, as a reference for the optimised one."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(iterations):
        g = gradient(X, y, w, b, l2)
        w = w - lr * g[:-1]
        if fit_intercept:
            b = b - lr * g[-1]
    return w, b


@pytest.fixture(scope="module")
def seed_data():
    return make_seed_data()


# train() has three loops: the plain one written out in train() (fast=False) and, in
# sigmoid_lab._fast_descent, one on a signed copy of X, in chunks, for data of up to
# _COPY_LIMIT values, and one that only reads X, for larger data. The tests that take the
# fixture below run with each, whatever the size of their data.
LOOPS = {
    "plain": {},
    "copy": {"_COPY_LIMIT": 1 << 62},
    "copy in chunks": {"_COPY_LIMIT": 1 << 62, "_CHUNK": 1000},
    "no copy": {"_COPY_LIMIT": 0},
    "no copy, small blocks": {"_COPY_LIMIT": 0, "_BLOCK": 1000, "_PACKED_MIN_ROWS": 64},
}


@pytest.fixture(params=list(LOOPS))
def each_loop(request, monkeypatch):
    for name, value in LOOPS[request.param].items():
        monkeypatch.setattr(_fast_descent, name, value)
    if request.param == "plain":
        # The tests call train(...) by its name in this module; make it the plain loop.
        monkeypatch.setitem(globals(), "train", functools.partial(training.train, fast=False))
    return request.param


# ---------------------------------------------------------------- oracle: scikit-learn


@pytest.mark.parametrize("label_noise", [0.0, 0.1])
@pytest.mark.parametrize("C", [1.0, 0.1])
def test_matches_scikit_learn(label_noise, C, each_loop):
    X, y = make_seed_data(label_noise=label_noise)
    n = len(y)
    reference = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
    result = train(X, y, l2=1.0 / (C * n), iterations=2000, record_every=100)
    np.testing.assert_allclose(result.weights, reference.coef_[0], atol=1e-4)
    assert abs(result.bias - reference.intercept_[0]) < 1e-4
    assert result.converged
    np.testing.assert_allclose(
        result.predict_proba(X), reference.predict_proba(X)[:, 1], atol=1e-5
    )


def test_auto_step_reaches_the_optimum_in_about_a_thousand_iterations(seed_data):
    X, y = seed_data
    reference = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(X, y)
    optimum = np.append(reference.coef_[0], reference.intercept_[0])
    l2 = 1.0 / len(y)

    def error(result):
        return np.abs(np.append(result.weights, result.bias) - optimum).max()

    assert error(train(X, y, l2=l2, iterations=1000, record_every=1000)) < 1e-4
    assert error(train(X, y, l2=l2, iterations=500, record_every=500)) > 1e-3
    # lr = 0.01, the article's step, is nowhere near after the same thousand iterations.
    assert error(train(X, y, l2=l2, lr=0.01, iterations=1000, record_every=1000)) > 1.0


def test_small_steps_need_proportionally_more_iterations(seed_data):
    """With steps lr_auto and 0.01, gradient descent follows the same path (the gradient
    flow) at speeds in the ratio lr_auto / 0.01, about 377 here. So where the auto step
    needs about 1000 iterations, lr = 0.01 needs about 377,000 (the issue's "350,000").
    Shown on a shorter stretch: 50 auto steps against 50 * 377 small ones."""
    X, y = seed_data
    l2 = 1.0 / len(y)
    auto = train(X, y, l2=l2, iterations=50, record_every=50)
    ratio = auto.lr / 0.01
    assert 370 < ratio < 385
    small = train(X, y, l2=l2, lr=0.01, iterations=round(50 * ratio), record_every=10**6)
    slow = train(X, y, l2=l2, lr=0.01, iterations=50, record_every=50)
    g_auto, g_small = auto.history["grad_norm"][-1], small.history["grad_norm"][-1]
    assert abs(g_small / g_auto - 1) < 0.1
    np.testing.assert_allclose(small.weights, auto.weights, rtol=0.05)
    assert slow.history["grad_norm"][-1] > 5 * g_auto


# ---------------------------------------------------------------- the safe step


def test_safe_learning_rate_is_one_over_the_lipschitz_bound(seed_data):
    X, _ = seed_data
    n = len(X)
    A = np.column_stack([X, np.ones(n)])
    L = np.linalg.norm(A, 2) ** 2 / (4 * n)
    assert safe_learning_rate(X) == pytest.approx(1 / L, rel=1e-12)
    assert safe_learning_rate(X, l2=0.5) == pytest.approx(1 / (L + 0.5), rel=1e-12)
    L_no_bias = np.linalg.norm(X, 2) ** 2 / (4 * n)
    assert safe_learning_rate(X, fit_intercept=False) == pytest.approx(1 / L_no_bias, rel=1e-12)


def test_safe_learning_rate_of_all_zero_features_is_finite():
    assert safe_learning_rate(np.zeros((5, 2)), fit_intercept=False) == 1.0


@pytest.mark.parametrize("label_noise, l2", [(0.0, 0.0), (0.1, 0.0), (0.0, 0.01)])
def test_auto_step_never_increases_the_objective(label_noise, l2):
    X, y = make_shifted_data(300, shift=(2.0, -1.0), seed=3)
    if label_noise:
        X, y = make_seed_data(300, label_noise=label_noise, seed=3)
    result = train(X, y, l2=l2, iterations=300)
    assert np.all(np.diff(result.history["loss"]) <= 1e-12)


# ---------------------------------------------------------------- the loop itself


@pytest.mark.parametrize(
    "n, d, l2, fit_intercept, layout",
    [
        (2, 1, 0.0, True, "C"),
        (37, 2, 0.0, True, "C"),
        (1000, 2, 0.02, False, "C"),
        (40_003, 2, 0.001, True, "C"),  # several blocks or chunks, a ragged last one
        (5001, 3, 0.0, True, "C"),  # rows packed in pairs, one left over
        (5000, 9, 0.01, True, "C"),  # too wide to pack
        (20_001, 2, 0.0, True, "F"),  # column-major X
        (20_001, 2, 0.0, False, "strided"),  # a view that is not contiguous
    ],
)
def test_matches_the_textbook_loop(n, d, l2, fit_intercept, layout, each_loop):
    rng = np.random.default_rng(2)
    X = rng.normal(0.5, 1.5, size=(n, d))
    y = (X @ np.linspace(1.0, -1.0, d) + rng.normal(size=n) > 0.3).astype(int)
    y[:2] = [0, 1]  # both classes, however small n is
    if layout == "F":
        X = np.asfortranarray(X)
    elif layout == "strided":
        X = np.repeat(X, 2, axis=0)[::2]
        assert not X.flags.c_contiguous and not X.flags.f_contiguous
    result = train(X, y, lr=0.5, iterations=40, l2=l2, fit_intercept=fit_intercept)
    w, b = plain_gradient_descent(X, y, 0.5, 40, l2, fit_intercept)
    np.testing.assert_allclose(result.weights, w, rtol=1e-10, atol=1e-12)
    assert result.bias == pytest.approx(b, abs=1e-12)
    if not fit_intercept:
        assert result.bias == 0.0


def test_only_data_up_to_the_copy_limit_are_copied(monkeypatch):
    """train() copies X only when n·(d + 2) <= _COPY_LIMIT; larger X is only read."""
    taken = []

    def spy(loop):
        def run(*args, **kwargs):
            taken.append(loop.__name__)
            return loop(*args, **kwargs)

        return run

    for name in ("_descend_signed", "_descend_blocked"):
        monkeypatch.setattr(_fast_descent, name, spy(getattr(_fast_descent, name)))
    monkeypatch.setattr(_fast_descent, "_COPY_LIMIT", 4000)
    X, y = make_seed_data(1001)
    train(X[:1000], y[:1000], iterations=1)  # 1000 * (2 + 2) values
    train(X, y, iterations=1)
    assert taken == ["_descend_signed", "_descend_blocked"]


def test_history_records_every_record_every_and_the_last(each_loop):
    X, y = make_seed_data(100)
    result = train(X, y, iterations=10, record_every=3)
    np.testing.assert_array_equal(result.history["iteration"], [0, 3, 6, 9, 10])
    assert set(result.history) == {
        "iteration",
        "loss",
        "log_loss",
        "accuracy",
        "grad_norm",
        "weight_norm",
    }
    assert all(len(values) == 5 for values in result.history.values())
    assert result.iterations == 10
    assert len(train(X, y, iterations=0).history["loss"]) == 1
    assert len(train(X, y, iterations=5, record_every=100).history["loss"]) == 2


@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_history_values_match_their_definitions(l2, each_loop):
    X, y = make_seed_data(500, label_noise=0.05)
    X = X * [2.0, 0.5] + [1.0, 0.0]
    for iterations in (0, 1, 7):
        result = train(X, y, lr=0.3, iterations=iterations, l2=l2)
        w, b = result.weights, result.bias
        history = {key: values[-1] for key, values in result.history.items()}
        assert history["loss"] == pytest.approx(objective(X, y, w, b, l2), rel=1e-12)
        assert history["log_loss"] == pytest.approx(objective(X, y, w, b, 0.0), rel=1e-12)
        assert history["accuracy"] == np.mean(result.predict(X) == y)
        assert history["grad_norm"] == pytest.approx(
            np.linalg.norm(gradient(X, y, w, b, l2)), rel=1e-9
        )
        assert history["weight_norm"] == pytest.approx(np.linalg.norm(w), rel=1e-12)


def test_first_record_is_the_starting_point(seed_data, each_loop):
    X, y = seed_data
    result = train(X, y, iterations=5)
    assert result.history["loss"][0] == pytest.approx(np.log(2))
    # w = 0, b = 0: every probability is exactly 1/2, predicted as class 1.
    assert result.history["accuracy"][0] == np.mean(y)
    assert result.history["weight_norm"][0] == 0.0


def test_a_logit_of_exactly_zero_predicts_class_one(each_loop):
    """z = 0 counts as class 1 (z >= 0), for examples of both classes, at the start and
    after steps that leave it at 0; the tiniest negative z counts as class 0."""
    X = np.array([[0.0, 0.0], [0.0, 0.0], [2.0, 0.0], [-2.0, 0.0], [1.0, 0.0], [-1e-310, 0.0]])
    y = np.array([0, 1, 1, 0, 0, 0])
    result = train(X, y, init=[1.0, 0.0], lr=1e-3, iterations=2, fit_intercept=False)
    z = result.decision_function(X)
    assert z[0] == z[1] == 0.0 and z[2] > 0 and z[3] < 0 and z[4] > 0 and -1e-300 < z[5] < 0
    # Predicted 1, 1, 1, 0, 1, 0: right for all but the first and the fifth example.
    np.testing.assert_array_equal(result.history["accuracy"], [4 / 6] * 3)
    start = train(X, y, iterations=0)  # w = 0, b = 0: every z is 0
    assert start.history["accuracy"][0] == np.mean(y)


def test_tiny_losses_keep_their_relative_accuracy(seed_data, each_loop):
    """Far into a separable run the loss is small; it is then computed in the exact
    logaddexp form rather than from 1 + e^(-z), which loses its digits there."""
    X, y = seed_data
    scale = 30.0 / np.abs(X[:, 0]).min()  # every margin at least 30
    result = train(X, y, init=[scale, 0.0], iterations=0)
    z = X @ result.weights
    exact = np.mean(np.logaddexp(0.0, np.where(y == 1, -z, z)))
    assert 0 < exact < 1e-12
    assert result.history["loss"][0] == pytest.approx(exact, rel=1e-12)


def test_extreme_weights_give_a_finite_loss_without_warnings(seed_data, each_loop):
    X, y = seed_data
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = train(X, y, init=[-1e4, 3e3, 50.0], iterations=3)
    assert np.all(np.isfinite(result.history["loss"]))
    z = X @ [-1e4, 3e3] + 50.0
    assert result.history["loss"][0] == pytest.approx(
        np.mean(np.logaddexp(0.0, z) - y * z), rel=1e-12
    )


def test_without_penalty_separable_weights_keep_growing(seed_data):
    X, y = seed_data
    result = train(X, y, iterations=2000, record_every=100)
    norms = result.history["weight_norm"]
    assert np.all(np.diff(norms) > 0)
    assert np.all(np.diff(result.history["loss"]) < 0)
    assert result.history["accuracy"][-1] > 0.99
    assert not result.converged  # no minimum exists; the loss only tends to 0


def test_perfect_separation_without_penalty_is_never_converged(seed_data, each_loop):
    X, y = seed_data
    result = train(X, y, lr=1e6, iterations=50)
    assert result.history["accuracy"][-1] == 1.0
    assert result.history["grad_norm"][-1] < 1e-12  # tiny, but only because ‖w‖ is huge
    assert not result.converged


def test_with_penalty_or_noise_the_weights_settle(seed_data):
    X, y = seed_data
    for kwargs, data in [({"l2": 0.01}, (X, y)), ({}, make_seed_data(label_noise=0.1))]:
        result = train(*data, iterations=3000, record_every=100, **kwargs)
        norms = result.history["weight_norm"]
        assert abs(norms[-1] - norms[-2]) < 1e-8 * norms[-1]
        assert result.converged


def test_without_intercept_shifted_data_cannot_be_fitted():
    X, y = make_shifted_data(400, shift=(3.0, 3.0))
    with_bias = train(X, y, iterations=3000, record_every=3000)
    without = train(X, y, iterations=3000, record_every=3000, fit_intercept=False)
    assert with_bias.history["accuracy"][-1] > 0.97
    assert without.history["accuracy"][-1] < 0.85
    assert without.bias == 0.0


def test_random_init_is_reproducible(seed_data):
    X, y = seed_data
    first = train(X, y, init="random", seed=4, iterations=0)
    again = train(X, y, init="random", seed=4, iterations=0)
    other = train(X, y, init="random", seed=5, iterations=0)
    np.testing.assert_array_equal(first.weights, again.weights)
    assert not np.array_equal(first.weights, other.weights)
    np.testing.assert_array_equal(first.weights, np.random.default_rng(4).standard_normal(2))


def test_init_array_sets_weights_and_bias(seed_data):
    X, y = seed_data
    assert train(X, y, init=[1.0, 2.0], iterations=0).weights.tolist() == [1.0, 2.0]
    result = train(X, y, init=np.array([1.0, 2.0, -3.0]), iterations=0)
    assert result.bias == -3.0


def test_accepts_lists_booleans_and_integers():
    X = [[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [-1.0, 0.5]]
    for y in ([0, 1, 1, 0], [False, True, True, False], np.array([0.0, 1.0, 1.0, 0.0])):
        result = train(X, y, iterations=50)
        np.testing.assert_array_equal(result.predict(X), [0, 1, 1, 0])


# ---------------------------------------------------------------- callback


@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_callback_sees_every_record(seed_data, each_loop, l2):
    X, y = seed_data
    seen = []
    result = train(
        X, y, iterations=10, record_every=4, l2=l2, callback=lambda i, s: seen.append((i, s))
    )
    assert [i for i, _ in seen] == [0, 4, 8, 10]
    assert all(isinstance(state, TrainState) for _, state in seen)
    last = seen[-1][1]
    np.testing.assert_allclose(last.weights, result.weights)
    assert last.bias == pytest.approx(result.bias)
    assert last.loss == pytest.approx(result.history["loss"][-1])
    assert last.accuracy == result.history["accuracy"][-1]
    assert last.grad_norm == pytest.approx(result.history["grad_norm"][-1])


def test_callback_runs_with_the_callers_error_settings(seed_data, each_loop):
    X, y = seed_data
    inside = []
    with np.errstate(over="raise"):
        train(X, y, iterations=1, callback=lambda i, s: inside.append(np.geterr()["over"]))
    assert inside == ["raise", "raise"]


def test_callback_errors_propagate(seed_data):
    X, y = seed_data

    def stop(iteration, state):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        train(X, y, callback=stop)


# ---------------------------------------------------------------- diverging runs


def test_too_large_a_step_stops_with_a_clear_error(seed_data, each_loop):
    """With l2 > 0 a step far above 2/L makes the weights grow geometrically."""
    X, y = seed_data
    with pytest.raises(TrainingError) as info:
        train(X, y, lr=100.0, l2=0.1, iterations=1000)
    message = str(info.value)
    assert "stopped at iteration" in message
    assert "lr=100" in message and "smaller lr" in message and "lr='auto'" in message
    assert isinstance(info.value, RuntimeError)


@pytest.mark.parametrize("record_every", [1, 10])
@pytest.mark.parametrize("label_noise", [0.0, 0.1])
def test_a_silly_step_never_returns_nan_silently(record_every, label_noise, each_loop):
    X, y = make_seed_data(label_noise=label_noise)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = train(X, y, lr=1e6, iterations=200, record_every=record_every)
        except TrainingError as error:
            assert "lr=1e+06" in str(error)
        else:
            for values in result.history.values():
                assert np.all(np.isfinite(values))
            assert np.all(np.isfinite(result.weights)) and np.isfinite(result.bias)


def test_weights_overflowing_to_infinity_stop_the_run(seed_data, each_loop):
    X, y = seed_data
    with pytest.raises(TrainingError, match="stopped at iteration"):
        train(X, y, lr=1e300, l2=1.0, iterations=50, record_every=25)


# ---------------------------------------------------------------- input checks


def test_X_must_be_two_dimensional(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match=r"X to be 2-D.*np\.reshape\(X, \(-1, 1\)\)"):
        train(X[:, 0], y)
    with pytest.raises(ValueError, match="got 3-D"):
        train(X[:, :, None], y)


def test_label_column_is_refused_with_the_articles_bug_explained(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError) as info:
        train(X, y.reshape(-1, 1))
    message = str(info.value)
    assert "(1000,)" in message and "(1000, 1)" in message
    assert "(1000, 1000)" in message and "article" in message and "y.ravel()" in message


def test_labels_must_be_one_dimensional(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="y to be 1-D"):
        train(X, y.reshape(2, 500))


def test_rows_must_match(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="X has 1000 rows but y has 999 labels"):
        train(X, y[:-1])


@pytest.mark.parametrize(
    "labels, shown", [([-1, 1], "-1, 1"), ([0, 2], "0, 2"), ([0.5, 1], "0.5, 1")]
)
def test_labels_must_be_zero_or_one(labels, shown):
    X = np.zeros((4, 2))
    y = np.array(labels * 2)
    with pytest.raises(ValueError, match=f"only the labels 0 and 1, found the values {shown}"):
        train(X, y)


def test_nan_label_is_reported():
    with pytest.raises(ValueError, match=r"found the values .*nan"):
        train(np.zeros((2, 1)), [0.0, np.nan])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_features_are_located(seed_data, bad):
    X, y = seed_data
    X = X.copy()
    X[[5, 17], 1] = bad
    X[17, 0] = bad
    with pytest.raises(
        ValueError, match=r"NaN or infinite values in X, in 2 rows of 1000 \(row 5, 17\)"
    ):
        train(X, y)


def test_text_features_are_a_type_error():
    with pytest.raises(TypeError, match=r"train\(\) expects X to be numbers"):
        train([["a", "b"]], [0])


@pytest.mark.parametrize("lr", [0, -0.1, np.nan, np.inf])
def test_learning_rate_must_be_positive_and_finite(seed_data, lr):
    X, y = seed_data
    with pytest.raises(ValueError, match="lr to be a positive finite number or 'auto'"):
        train(X, y, lr=lr)


@pytest.mark.parametrize("lr", [None, [0.1], True])
def test_learning_rate_must_be_a_number(seed_data, lr):
    X, y = seed_data
    with pytest.raises(TypeError, match="lr to be a positive number or 'auto'"):
        train(X, y, lr=lr)


def test_learning_rate_string_must_be_auto(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="got 'fast'"):
        train(X, y, lr="fast")


@pytest.mark.parametrize(
    "iterations, error", [(-1, ValueError), (2.5, TypeError), (True, TypeError)]
)
def test_iterations_must_be_a_non_negative_integer(seed_data, iterations, error):
    X, y = seed_data
    with pytest.raises(error, match="iterations to be"):
        train(X, y, iterations=iterations)


def test_iterations_given_as_a_float_get_a_hint(seed_data):
    X, y = seed_data
    with pytest.raises(TypeError, match=r"Write 10000 or int\(10000.0\)"):
        train(X, y, iterations=1e4)


@pytest.mark.parametrize("l2", [-0.1, np.nan, np.inf])
def test_l2_must_be_non_negative(seed_data, l2):
    X, y = seed_data
    with pytest.raises(ValueError, match="l2 to be a finite number >= 0"):
        train(X, y, l2=l2)


def test_l2_must_be_a_number(seed_data):
    X, y = seed_data
    with pytest.raises(TypeError, match="l2 to be a number"):
        train(X, y, l2="0.1")


def test_other_arguments_are_checked(seed_data):
    X, y = seed_data
    with pytest.raises(ValueError, match="record_every to be at least 1"):
        train(X, y, record_every=0)
    with pytest.raises(TypeError, match="callback to be a function"):
        train(X, y, callback="print")
    with pytest.raises(TypeError, match="fit_intercept to be True or False"):
        train(X, y, fit_intercept=1)
    with pytest.raises(ValueError, match="init to be None, 'zeros', 'random'"):
        train(X, y, init="ones")
    with pytest.raises(ValueError, match=r"init to hold 2 weights \(or 3"):
        train(X, y, init=[1.0])
    with pytest.raises(ValueError, match="finite numbers in init"):
        train(X, y, init=[np.nan, 0.0])
    with pytest.raises(TypeError, match="seed to be a non-negative integer"):
        train(X, y, init="random", seed=0.5)


# ---------------------------------------------------------------- the result


def test_result_predictions(seed_data):
    X, y = seed_data
    result = train(X, y, l2=0.01, iterations=500)
    assert isinstance(result, TrainResult)
    z = result.decision_function(X)
    np.testing.assert_allclose(z, X @ result.weights + result.bias)
    np.testing.assert_allclose(result.predict_proba(X), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_array_equal(result.predict(X), (z >= 0).astype(int))
    np.testing.assert_array_equal(result.predict(X, threshold=0.9), (z >= np.log(9)).astype(int))
    assert result.predict(X).dtype == np.int64
    assert repr(result).startswith("TrainResult(weights=[")


def test_result_methods_check_their_input(seed_data):
    X, y = seed_data
    result = train(X, y, iterations=5)
    with pytest.raises(ValueError, match=r"X with 2 column\(s\)"):
        result.predict_proba(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="reshape"):
        result.predict([1.0, 2.0])
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        result.predict(X, threshold=1.0)
    with pytest.raises(TypeError, match="threshold to be a number"):
        result.predict(X, threshold="0.5")


# ---------------------------------------------------------------- degenerate data


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("label", [0, 1])
def test_labels_of_one_class_are_refused(seed_data, label, fast):
    X, _ = seed_data
    with pytest.raises(ValueError) as info:
        train(X, np.full(len(X), label), fast=fast)
    message = str(info.value)
    assert f"y contains only class {label} (all 1000 labels are {label})" in message
    assert "needs examples of both classes, 0 and 1" in message
    assert f"Add examples of class {1 - label}" in message and "split_train_test" in message


@pytest.mark.parametrize("X, y", [([[1.0, 2.0]], [1]), ([[0.5]], [0.0]), ([[1.0, 2.0]], [True])])
def test_a_single_example_is_refused(X, y):
    with pytest.raises(ValueError, match=r"y contains only class \d \(its only label is \d\)"):
        train(X, y)


def test_the_training_explorer_refuses_one_class_the_same_way(seed_data):
    X, _ = seed_data
    with pytest.raises(ValueError, match=r"training_explorer\(\) needs examples of both classes"):
        training_explorer(X, np.zeros(len(X)))


def test_two_examples_of_different_classes_are_enough():
    result = train([[1.0], [-1.0]], [1, 0], iterations=100)
    np.testing.assert_array_equal(result.predict([[1.0], [-1.0]]), [1, 0])


def test_label_checks_come_before_the_class_check():
    """A label column or a wrong label value gets its own message, not 'one class'."""
    with pytest.raises(ValueError, match="only the labels 0 and 1"):
        train(np.zeros((3, 1)), [2, 2, 2])
    with pytest.raises(ValueError, match=r"column of shape \(3, 1\)"):
        train(np.zeros((3, 1)), np.ones((3, 1)))


# ---------------------------------------------------------------- feature sizes


def _huge_data_sets():
    X, y = make_seed_data(200, seed=4)
    largest = np.finfo(np.float64).max
    one_column = X.copy()
    one_column[:, 1] *= 1e200
    return {
        "1e200": (X * 1e200, y),
        "1e300": (X * 1e300, y),
        "finfo.max": (X / np.abs(X).max() * largest, y),
        "one column 1e200": (one_column, y),
        "1e160": (X * 1e160, y),
    }


HUGE = _huge_data_sets()


@pytest.mark.parametrize("name", list(HUGE))
@pytest.mark.parametrize(
    "func, call",
    [
        ("safe_learning_rate", lambda X, y: safe_learning_rate(X)),
        ("safe_learning_rate", lambda X, y: safe_learning_rate(X, fit_intercept=False, l2=0.1)),
        ("train", lambda X, y: train(X, y)),
        ("train", lambda X, y: train(X, y, lr=0.1, iterations=5)),
        ("train", lambda X, y: train(X, y, fast=False, iterations=5)),
        ("train", lambda X, y: train(X, y, fit_intercept=False, lr=1e-300, iterations=5)),
        ("safe_learning_rate", lambda X, y: training_explorer(X, y)),
    ],
    ids=[
        "safe_lr",
        "safe_lr no intercept",
        "train",
        "train lr=0.1",
        "train plain",
        "tiny lr",
        "training_explorer",
    ],
)
def test_features_too_large_for_any_safe_step_are_refused_clearly(name, func, call):
    """Until now X.T @ X overflowed and eigvalsh raised 'Eigenvalues did not converge'."""
    X, y = HUGE[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError) as info:
            call(X, y)
    message = str(info.value)
    assert f"{func}() cannot use features this large" in message
    assert "beyond the largest float" in message
    assert "X = (X - X.mean(axis=0)) / X.std(axis=0)" in message


def test_the_rescaling_the_message_suggests_works_on_the_largest_floats():
    X, y = HUGE["finfo.max"]
    X = np.column_stack([X, np.zeros(len(X))])  # an all-zero column too
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scale = np.abs(X).max(axis=0)
        X = X / np.where(scale > 0, scale, 1.0)
        result = train(X, y, iterations=300)
    assert result.history["accuracy"][-1] > 0.95


@pytest.mark.parametrize(
    "power, fit_intercept",
    [(-1000, True)]  # without the ones, 1/L is then beyond the floats: see below
    + [(p, f) for p in (-510, -20, 0, 150, 399, 401, 450, 500) for f in (True, False)],
)
def test_safe_step_of_scaled_features_follows_the_scale(power, fit_intercept):
    """For s = 2^power, L of s·X follows from quantities that do not overflow:
    ‖sX‖² = s²‖X‖², and ‖[sX, 1]‖² = s²‖[X, 1/s]‖² for s > 1. 1/L = 4n / ‖A‖²."""
    X, _ = make_seed_data(300, seed=1)
    n, s = len(X), 2.0**power
    if fit_intercept and power <= 0:
        expected = 4 * n / np.linalg.norm(np.column_stack([X * s, np.ones(n)]), 2) ** 2
    else:
        A = np.column_stack([X, np.full(n, 1.0 / s)]) if fit_intercept else X
        expected = math.ldexp(4 * n / np.linalg.norm(A, 2) ** 2, -2 * power)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = safe_learning_rate(X * s, fit_intercept=fit_intercept)
    assert got == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("power", [-515, -600, -1000, -1070])
def test_features_too_small_for_the_safe_step_are_refused_clearly(power):
    """Without intercept or penalty, 1/L grows as the features shrink, beyond the floats
    for features below about 1e-154 (with an intercept, L >= 1/4 whatever X is)."""
    X, y = make_seed_data(300, seed=1)
    X = X * 2.0**power
    for call in (
        lambda: safe_learning_rate(X, fit_intercept=False),
        lambda: train(X, y, fit_intercept=False),
        lambda: train(X, y, fit_intercept=False, lr=0.1, fast=False),
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match="cannot use features this small") as info:
                call()
        assert "the safe step 1/L, from the Lipschitz constant L" in str(info.value)
    assert safe_learning_rate(X) == pytest.approx(4.0)  # the column of ones sets L
    assert safe_learning_rate(X, fit_intercept=False, l2=1.0) == pytest.approx(1.0)


def test_all_zero_features_without_intercept_give_the_step_one():
    X = np.zeros((4, 3))
    assert safe_learning_rate(X, fit_intercept=False) == 1.0
    result = train(X, [0, 1, 0, 1], fit_intercept=False, iterations=3)
    assert result.lr == 1.0 and np.all(result.weights == 0.0) and result.advice == ""


@pytest.mark.parametrize("scale", [1e100, 1e-100, 2.0**-500])
@pytest.mark.parametrize("fast", [True, False])
def test_large_or_small_representable_features_train_like_scaled_ones(scale, fast):
    """Without an intercept, scaling X by s scales the safe step by 1/s² and the weights by
    1/s: the runs are the same up to rounding, even for s = 1e100 or 2^-500."""
    X, y = make_seed_data(400, seed=2, label_noise=0.1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reference = train(X, y, fit_intercept=False, iterations=200)
        scaled = train(X * scale, y, fit_intercept=False, iterations=200, fast=fast)
    np.testing.assert_allclose(scaled.weights * scale, reference.weights, rtol=1e-9)
    np.testing.assert_array_equal(scaled.history["accuracy"], reference.history["accuracy"])
    assert scaled.advice == ""  # the two columns have the same size


@pytest.mark.parametrize("dtype, size", [(np.float32, 1e38), (np.float16, 60000.0)])
def test_large_low_precision_features_are_handled_in_float64(dtype, size):
    X, y = make_seed_data(300, seed=3)
    low = (X / np.abs(X).max() * size).astype(dtype)
    assert np.isfinite(low).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert safe_learning_rate(low) == safe_learning_rate(low.astype(np.float64))
        result = train(low, y, iterations=50)
    assert np.isfinite(result.weights).all() and np.isfinite(result.history["loss"]).all()
    # Features of size `size` beside the intercept's ones: the advice says to standardise.
    assert "the intercept's column of ones" in result.advice


def test_a_column_far_larger_than_the_other_gets_advice(seed_data):
    """One column of size about 5e4 beside one of size about 1: the safe step is tiny and
    1000 iterations end near 50 % accuracy. The result says why, and what to do."""
    X, y = seed_data
    X = X * [1.0, 5e4]
    result = train(X, y)
    assert result.history["accuracy"][-1] < 0.6
    advice = result.advice
    assert "differ in size by a factor of 4.91e+04" in advice
    assert "column 1 of X has a root-mean-square size of 4.91e+04" in advice
    assert "the intercept's column of ones 1" in advice
    assert f"the safe step 1/L is {result.lr:.3g}" in advice
    assert "X = (X - X.mean(axis=0)) / X.std(axis=0)" in advice
    assert repr(result).endswith(f"converged=False)\nAdvice: {advice}")
    # What the advice says works.
    standardised = (X - X.mean(axis=0)) / X.std(axis=0)
    fixed = train(standardised, y)
    assert fixed.advice == "" and "Advice" not in repr(fixed)
    assert fixed.history["accuracy"][-1] > 0.98


def test_advice_names_the_smallest_column_without_an_intercept(seed_data):
    X, y = seed_data
    X = np.column_stack([X[:, 0] * 3.0, X[:, 1] * 0.01, np.zeros(len(X))])
    result = train(X, y, fit_intercept=False, iterations=10)
    assert "column 0 of X has a root-mean-square size of 3.06" in result.advice
    assert "column 1 of X 0.00981" in result.advice
    assert "column 2" not in result.advice  # an all-zero column slows nothing down


def test_a_large_offset_beside_the_intercept_gets_advice():
    rng = np.random.default_rng(0)
    X = 1000.0 + rng.normal(size=(300, 1))
    y = (X[:, 0] > 1000.0).astype(int)
    assert "the intercept's column of ones" in train(X, y, iterations=10).advice
    assert train(X, y, iterations=10, fit_intercept=False).advice == ""  # a single column


@pytest.mark.parametrize(
    "data",
    [
        make_seed_data(),
        make_seed_data(label_noise=0.1),
        make_moons(),
        make_moons(80, noise=0.35, seed=3),
        make_xor(),
        make_xor(noise=0.3),
        make_shifted_data(),
        make_shifted_data(400, shift=(2.0, -1.0), seed=3),
    ],
    ids=["seed", "seed noisy", "moons", "moons ch5", "xor", "xor noisy", "shifted", "shifted 2"],
)
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_no_advice_for_the_course_data_sets(data, fit_intercept):
    result = train(*data, iterations=20, fit_intercept=fit_intercept)
    assert result.advice == ""
    assert "Advice" not in repr(result)


def test_the_scale_limit_is_where_the_advice_starts():
    X, y = make_seed_data(500, seed=5)
    X = X / np.sqrt(np.mean(X**2, axis=0))  # both columns of size exactly 1, like the ones
    below = train(X * [1.0, 0.99 * training.SCALE_RATIO_LIMIT], y, iterations=0)
    above = train(X * [1.0, 1.01 * training.SCALE_RATIO_LIMIT], y, iterations=0)
    assert below.advice == ""
    assert "factor of 30.3" in above.advice


def test_the_explosion_message_survives_huge_but_representable_features(seed_data):
    X, y = seed_data
    with pytest.raises(TrainingError, match=r"lr='auto', which picks 1/L = \d"):
        train(X * 1e100, y, lr=1.0, l2=1.0, iterations=50)
