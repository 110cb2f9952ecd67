"""The exercise checkers of chapters 4 and 5 name each typical mistake and pass the right answer.

Chapter 6's checkers are tested in test_checks_chapter6.py.
"""

from __future__ import annotations

import warnings

import mpmath
import numpy as np
import pandas as pd
import pytest

from sigmoid_lab.activations import leaky_relu, leaky_relu_grad, sigmoid, silu
from sigmoid_lab.checks import activations as activation_checks
from sigmoid_lab.checks import check_leaky_relu_grad, check_silu
from sigmoid_lab.checks._tails import agrees
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
        (lambda z, y: np.mean(z), "At z = -3, y = 0"),
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
        (
            lambda x: np.nan_to_num(x * sigmoid(x)) if x.size > 2 else np.array([0.0, 0.0]),
            "x = 1000",
        ),
    ],
)
def test_silu_mistakes_are_named(answer, phrase):
    assert_fails_with(check_silu(answer), phrase)


# Answers that only hide the overflow warning: every checker judges values, not warnings.


def with_errstate(fn):
    def answer(*args, **kwargs):
        with np.errstate(all="ignore"):
            return fn(*args, **kwargs)

    return answer


def with_catch_warnings(fn):
    def answer(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args, **kwargs)

    return answer


def with_seterr(fn):
    def answer(*args, **kwargs):
        saved = np.seterr(all="ignore")
        try:
            return fn(*args, **kwargs)
        finally:
            np.seterr(**saved)

    return answer


SILENCERS = [with_errstate, with_catch_warnings, with_seterr]


def mp_silu(x):
    x = mpmath.mpf(x)
    return float(x / (1 + mpmath.exp(-x)))


def test_silu_reference_is_exact_in_the_tail():
    mpmath.mp.prec = 200
    for point in activation_checks._SILU_TAIL:
        assert agrees(float(point * sigmoid(point)), mp_silu(point), rtol=1e-9), point


@pytest.mark.parametrize("silence", SILENCERS)
def test_silu_with_its_overflow_warning_silenced_fails(silence):
    # x·σ(x) at x = −712 is −4.31e-307; the textbook form gives −0.0 there.
    for answer in (lambda x: x * naive_sigmoid(x), lambda x: x / (1 + np.exp(-x))):
        assert_fails_with(
            check_silu(silence(answer)),
            "x = -712",
            "-0.0",
            "-4.31e-307",
            "overflows to inf",
            "Silencing",
        )
    mirror = check_silu(silence(lambda x: x * np.exp(x) / (1 + np.exp(x))))
    assert_fails_with(mirror, "x = 1000", "nan", "Silencing")


def test_silu_clipped_or_cancelling_fails():
    clipped = check_silu(lambda x: x * naive_sigmoid(np.clip(x, -500, 500)))
    assert_fails_with(clipped, "x = -1000", "clipped", "np.clip")
    cancelling = check_silu(lambda x: x * (1 - sigmoid(-x)))
    assert_fails_with(cancelling, "x = -40", "-1.7e-16", "rounded to exactly 0", "1 − σ(−x)")


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: x * sigmoid(x),
        silu,
        lambda x: x * np.exp(-np.logaddexp(0, -x)),
        with_errstate(
            lambda x: np.where(x >= 0, x / (1 + np.exp(-x)), x * np.exp(x) / (1 + np.exp(x)))
        ),
    ],
)
def test_silu_right_far_in_the_tail_passes(answer):
    result = check_silu(answer)
    assert result.passed, result
    assert "−720" in result.message


@pytest.mark.parametrize("silence", SILENCERS)
def test_loss_with_its_overflow_warning_silenced_fails(silence):
    result = check_loss_from_logits(silence(lambda z, y: np.mean(np.log1p(np.exp(z)) - y * z)))
    assert_fails_with(result, "z = 800", "inf", "np.exp(800) overflows", "Silencing")
    through_p = check_loss_from_logits(silence(naive_loss))
    assert_fails_with(through_p, "z = 40, y = 0", "returns inf", "σ(40) rounds to 1.0")


def clipped_p_loss(z, y):
    p = np.clip(sigmoid(z), 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def clipped_z_loss(z, y):
    z = np.clip(z, -500, 500)
    return np.mean(np.log1p(np.exp(z)) - y * z)


def test_loss_that_clips_p_is_told_it_clips_not_that_it_takes_log_0():
    result = check_loss_from_logits(clipped_p_loss)
    assert_fails_with(result, "z = 40, y = 0", "34.54", "−log(1e-15)", "clipped to [1e-15")
    assert "log 0 = −inf" not in result.message
    assert "rounds to 1.0" not in result.message


def test_loss_that_clips_z_fails_at_800():
    result = check_loss_from_logits(clipped_z_loss)
    assert_fails_with(result, "z = 800, y = 0", "returns 500", "smaller loss", "clipped")


@pytest.mark.parametrize(
    "answer",
    [
        good_loss,
        lambda z, y: np.mean(np.logaddexp(0, -np.abs(z)) + np.maximum(z, 0) - y * z),
        # Right values with a silenced warning: np.where computes both branches.
        with_errstate(lambda z, y: np.mean(np.where(z > 30, z, np.log1p(np.exp(z))) - y * z)),
    ],
)
def test_loss_right_at_extreme_logits_passes(answer):
    assert check_loss_from_logits(answer).passed


def test_leaky_relu_grad_is_compared_exactly_next_to_0():
    def finite_difference(x, slope=0.01):
        return (leaky_relu(x + 1e-6, slope) - leaky_relu(x, slope)) / 1e-6

    assert_fails_with(check_leaky_relu_grad(finite_difference), "not exact", "finite difference")
    shifted = check_leaky_relu_grad(lambda x, slope=0.01: np.where(x > 1e-9, 1.0, slope))
    assert_fails_with(shifted, "x = 1e-300", "switch at x = 0")
    assert check_leaky_relu_grad(lambda x, slope=0.01: (x > 0) * (1 - slope) + slope).passed
    assert check_leaky_relu_grad(lambda x, slope=0.01: leaky_relu_grad(x, slope)).passed


@pytest.mark.parametrize("silence", SILENCERS)
def test_checkers_without_tails_judge_values_not_warnings(silence):
    """Their inputs never overflow: a silenced warning changes no verdict either way."""
    assert check_logistic_gradient(
        silence(lambda X, y, t: X.T @ (naive_sigmoid(X @ t) - y) / len(y))
    ).passed


# A hint must work for the type of the value it is about.


def test_gradient_shape_hint_works_for_any_array_like():
    column = check_logistic_gradient(lambda X, y, t: (good_gradient(X, y, t)).reshape(-1, 1))
    assert_fails_with(column, "np.ravel(")
    assert ".ravel()" not in column.message
    frame = check_logistic_gradient(lambda X, y, t: pd.DataFrame({"g": good_gradient(X, y, t)}))
    assert_fails_with(frame, "np.ravel(")
    # The hint itself works for a DataFrame, which has no .ravel().
    assert np.ravel(pd.DataFrame({"g": [1.0, 2.0, 3.0]})).shape == (3,)
