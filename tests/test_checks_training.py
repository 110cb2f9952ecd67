"""The exercise checkers of chapters 4 to 6 name each typical mistake and pass the right answer."""

from __future__ import annotations

import numpy as np
import pytest

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks.networks import (
    check_gated_update,
    check_leaky_relu_grad,
    check_multilabel_predict,
    check_silu,
)
from sigmoid_lab.checks.training import (
    CheckResult,
    check_logistic_gradient,
    check_loss_from_logits,
)


def placeholder(*args, **kwargs):
    raise NotImplementedError


def naive_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def assert_fails_with(result: CheckResult, *phrases: str) -> None:
    assert result.status == "failed", result
    assert not result.passed
    for phrase in phrases:
        assert phrase in result.message, result.message
    assert repr(result).startswith("✘ Not yet")


ALL_CHECKERS = [
    check_logistic_gradient,
    check_loss_from_logits,
    check_leaky_relu_grad,
    check_silu,
    check_multilabel_predict,
    check_gated_update,
]


@pytest.mark.parametrize("checker", ALL_CHECKERS)
def test_untouched_placeholder_is_not_attempted(checker):
    result = checker(placeholder)
    assert result.status == "not attempted"
    assert not result.passed
    assert "not attempted yet" in repr(result)


@pytest.mark.parametrize("checker", ALL_CHECKERS)
def test_a_non_function_is_a_type_error_that_says_what_to_pass(checker):
    with pytest.raises(TypeError, match="pass your function itself"):
        checker(3.0)


@pytest.mark.parametrize("checker", ALL_CHECKERS)
def test_an_answer_that_crashes_is_reported_not_raised(checker):
    def crashes(*args, **kwargs):
        raise ZeroDivisionError("boom")

    assert_fails_with(checker(crashes), "ZeroDivisionError: boom")


# Chapter 4: the gradient of logistic regression.


def good_gradient(X, y, theta):
    return X.T @ (sigmoid(X @ theta) - y) / len(y)


def test_gradient_right_answer_passes():
    result = check_logistic_gradient(good_gradient)
    assert result.passed, result
    assert repr(result).startswith("✔ Correct")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        # The article's bug: a column prediction minus a flat y.
        (
            lambda X, y, t: (sigmoid(X.dot(t.reshape(-1, 1))) - y).dot(X).T / len(y),
            "broadcasting bug",
        ),
        (lambda X, y, t: (X.T @ (sigmoid(X @ t) - y) / len(y)).reshape(-1, 1), "flat array"),
        (lambda X, y, t: X.T @ (y - sigmoid(X @ t)) / len(y), "sign is flipped"),
        (lambda X, y, t: X.T @ (sigmoid(X @ t) - y), "divide by m"),
        (lambda X, y, t: X.T @ (X @ t - y) / len(y), "σ is missing"),
        (
            lambda X, y, t: (
                X.T @ ((sigmoid(X @ t) - y) * sigmoid(X @ t) * (1 - sigmoid(X @ t))) / len(y)
            ),
            "squared error",
        ),
        (lambda X, y, t: X.T @ (sigmoid(-(X @ t)) - y) / len(y), "σ(−Xθ)"),
        (lambda X, y, t: X.T @ (sigmoid(X @ t) - (1 - y)) / len(y), "labels are swapped"),
        (lambda X, y, t: X[:, :2].T @ (sigmoid(X @ t) - y) / len(y), "shape"),
        (lambda X, y, t: "gradient", "array of numbers"),
        (lambda X, y, t: good_gradient(X, y, t) + 0.1, "values differ"),
    ],
)
def test_gradient_mistakes_are_named(answer, phrase):
    assert_fails_with(check_logistic_gradient(answer), phrase)


def test_gradient_that_steps_theta_in_place_is_caught():
    def steps_in_place(X, y, theta):
        gradient = good_gradient(X, y, theta)
        theta -= 0.1 * gradient
        return gradient

    assert_fails_with(check_logistic_gradient(steps_in_place), "in place")


# Chapter 4: the loss from logits.


def good_loss(z, y):
    return np.mean(np.logaddexp(0, z) - y * z)


def test_loss_right_answer_passes():
    assert check_loss_from_logits(good_loss).passed


def naive_loss(z, y):
    p = naive_sigmoid(z)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (naive_loss, "σ(40) rounds to 1.0"),
        (lambda z, y: np.mean(np.log1p(np.exp(z)) - y * z), "np.exp(800) overflows"),
        (lambda z, y: -good_loss(z, y), "minus sign"),
        (lambda z, y: np.sum(np.logaddexp(0, z) - y * z), "summed"),
        (lambda z, y: np.logaddexp(0, z) - y * z, "one loss per sample"),
        (lambda z, y: np.mean(np.logaddexp(0, z) - (1 - y) * z), "labels are swapped"),
        (lambda z, y: np.mean(np.logaddexp(0, -z) - y * z), "sign slip inside the log"),
        (lambda z, y: np.mean(z), "differs from"),
        (lambda z, y: np.ones((2, 2)), "one number"),
    ],
)
def test_loss_mistakes_are_named(answer, phrase):
    assert_fails_with(check_loss_from_logits(answer), phrase)


def test_checkers_print_no_warnings_for_an_overflowing_answer(recwarn):
    check_loss_from_logits(lambda z, y: np.mean(np.log1p(np.exp(z)) - y * z))
    check_silu(lambda x: x * naive_sigmoid(x))
    assert len(recwarn) == 0


# Chapter 5: Leaky ReLU's derivative and SiLU.


def test_leaky_relu_grad_right_answers_pass():
    assert check_leaky_relu_grad(lambda x, slope=0.01: np.where(x > 0, 1.0, slope)).passed
    # The value at exactly 0 is a free choice.
    assert check_leaky_relu_grad(lambda x, slope=0.01: np.where(x >= 0, 1.0, slope)).passed


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda x, slope=0.01: np.where(x > 0, 1.0, 0.0), "ReLU's derivative"),
        (lambda x, slope=0.01: np.where(x > 0, x, slope * x), "Leaky ReLU itself"),
        (lambda x, slope=0.01: np.where(x > 0, slope, 1.0), "swapped"),
        (lambda x, slope=0.01: np.where(x > 0, 1.0, 0.01), "slope argument"),
        (lambda x, slope=0.01: np.ones(3), "one value per input"),
        (lambda x, slope=0.01: np.where(x > 0, 2.0, slope), "expected"),
    ],
)
def test_leaky_relu_grad_mistakes_are_named(answer, phrase):
    assert_fails_with(check_leaky_relu_grad(answer), phrase)


def test_silu_right_answer_passes():
    assert check_silu(lambda x: x * sigmoid(x)).passed


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda x: x * naive_sigmoid(x), "overflow"),
        (lambda x: x * sigmoid(-x), "σ(−x)"),
        (sigmoid, "σ(x) alone"),
        (lambda x: x * sigmoid(x) * (1 - sigmoid(x)), "x·σ′(x)"),
        (lambda x: np.maximum(x, 0) * sigmoid(x), "ReLU(x)"),
        (lambda x: x * sigmoid(x) + 1, "differ"),
        (lambda x: np.nan_to_num(x * sigmoid(x)) if x.size > 2 else np.array([0.0, 0.0]), "±1000"),
    ],
)
def test_silu_mistakes_are_named(answer, phrase):
    assert_fails_with(check_silu(answer), phrase)


# Chapter 6: multi-label outputs and a gate.


def test_multilabel_right_answer_passes():
    assert check_multilabel_predict(lambda z, threshold=0.5: sigmoid(z) > threshold).passed


def softmax(z):
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def one_hot_argmax(z, threshold=0.5):
    out = np.zeros(z.shape, dtype=bool)
    out[np.arange(len(z)), z.argmax(axis=1)] = True
    return out


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda z, threshold=0.5: softmax(z) > threshold, "softmax"),
        (one_hot_argmax, "argmax"),
        (lambda z, threshold=0.5: z.argmax(axis=1), "single-label"),
        (lambda z, threshold=0.5: z > threshold, "compared the logits"),
        (lambda z, threshold=0.5: sigmoid(z) > 0.5, "threshold argument"),
        (lambda z, threshold=0.5: sigmoid(z) < threshold, "expected"),
        (lambda z, threshold=0.5: np.ones(3), "one yes/no per label"),
    ],
)
def test_multilabel_mistakes_are_named(answer, phrase):
    assert_fails_with(check_multilabel_predict(answer), phrase)


def test_gate_right_answer_passes():
    assert check_gated_update(lambda o, c, g: sigmoid(g) * c + (1 - sigmoid(g)) * o).passed


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (lambda o, c, g: sigmoid(g) * o + (1 - sigmoid(g)) * c, "swapped"),
        (lambda o, c, g: g * c + (1 - g) * o, "raw logit"),
        (lambda o, c, g: sigmoid(g) * c, "old value is lost"),
        (lambda o, c, g: sigmoid(g) * c + o, "grows"),
        (lambda o, c, g: c, "expected"),
        (lambda o, c, g: c[:2], "one value per input"),
    ],
)
def test_gate_mistakes_are_named(answer, phrase):
    assert_fails_with(check_gated_update(answer), phrase)
