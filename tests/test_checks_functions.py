"""Exercise checkers of chapters 1–3: each typical mistake is named, right answers pass."""

from __future__ import annotations

import math
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special

from sigmoid_lab.activations import logit, naive_sigmoid, sigmoid, sigmoid_grad
from sigmoid_lab.checks import (
    CheckResult,
    check_collapse,
    check_critical_weight,
    check_layers_below,
    check_logit,
    check_neuron,
    check_sigmoid,
    check_sigmoid_grad,
    check_step_position,
    gradient,
)
from sigmoid_lab.checks import sigmoid as sigmoid_checks
from sigmoid_lab.checks._tails import SMALLEST_SUBNORMAL, agrees


def placeholder(*args):
    raise NotImplementedError


def assert_names(result, *words):
    assert isinstance(result, CheckResult)
    assert not result.passed, repr(result)
    for word in words:
        assert word in result.message, f"{word!r} not in {result.message!r}"


def test_result_text_says_the_verdict():
    assert repr(check_layers_below(10)).startswith("✔ Correct (layers to fall below 1e-06): ")
    assert repr(check_layers_below(9)).startswith("✘ Not yet (layers to fall below 1e-06): ")
    untouched = check_layers_below(...)
    assert repr(untouched).startswith("layers to fall below 1e-06: not attempted yet.")
    assert not untouched.attempted and not untouched.passed


# ------------------------------------------------------------------------- chapter 1


def test_check_neuron():
    assert check_neuron(lambda x, w, b: sigmoid(np.dot(w, x) + b)).passed
    assert check_neuron(lambda x, w, b: 1 / (1 + np.exp(-(w @ x + b)))).passed
    assert not check_neuron(placeholder).attempted
    assert_names(check_neuron(lambda x, w, b: np.dot(w, x) + b), "weighted sum", "σ(z)")
    assert_names(check_neuron(lambda x, w, b: sigmoid(np.dot(w, x))), "bias is missing")
    assert_names(check_neuron(lambda x, w, b: sigmoid(np.dot(w, x)) + b), "after the sigmoid")
    assert_names(check_neuron(lambda x, w, b: sigmoid(np.dot(w, x) - b)), "subtract the bias")
    assert_names(check_neuron(lambda x, w, b: 1 / (1 + np.exp(w @ x + b))), "sign slip")
    assert_names(check_neuron(lambda x, w, b: sigmoid(w * x + b)), "does not add them up")
    assert_names(check_neuron(lambda x, w, b: None), "return")
    assert_names(check_neuron(lambda x, w, b: w.dot(x, b)), "raised")


def test_check_step_position():
    assert check_step_position(lambda w, b: -b / w).passed
    assert not check_step_position(placeholder).attempted
    assert_names(check_step_position(lambda w, b: b / w), "sign slip")
    assert_names(check_step_position(lambda w, b: -w / b), "Swapped")
    assert_names(check_step_position(lambda w, b: (0.5 - b) / w), "wx + b = ½")
    assert_names(check_step_position(lambda w, b: w + b), "not ½")


def test_check_collapse():
    assert check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2)).passed
    assert not check_collapse(placeholder).attempted
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2)), "wrong order")
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, b2)), "forgotten term", "W2 @ b1")
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1)), "forgotten term", "b2")
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, b1 + b2)), "cannot be added")
    assert_names(check_collapse(lambda W1, b1, W2, b2: W2 @ W1), "Return two things")
    assert_names(
        check_collapse(lambda W1, b1, W2, b2: (W2 * W1, b2)),
        "element by element",
        "matrix product is `@`",
    )


# ------------------------------------------------------------------------- chapter 2


def stable_sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def test_check_sigmoid_passes_stable_forms():
    assert check_sigmoid(stable_sigmoid).passed
    assert check_sigmoid(sigmoid).passed
    assert not check_sigmoid(placeholder).attempted
    assert "not attempted yet" in repr(check_sigmoid(placeholder))


def test_check_sigmoid_names_each_mistake():
    assert_names(check_sigmoid(lambda x: 1 / (1 + np.exp(x))), "sign slip", "1/(1 + exp(x))")
    assert_names(check_sigmoid(lambda x: (1 + np.tanh(x)) / 2), "x/2 inside tanh")
    assert_names(check_sigmoid(lambda x: 1 / (1 - np.exp(-x))), "1 − exp(−x)")
    assert_names(check_sigmoid(lambda x: 1 / np.exp(-x)), "forgotten term")
    # The textbook formula is right to rounding but overflows at −1000.
    assert_names(check_sigmoid(lambda x: 1 / (1 + np.exp(-x))), "x = -1000", "overflow")
    assert_names(
        check_sigmoid(
            lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
        ),
        "overflow",
        "np.where",
    )
    assert_names(check_sigmoid(lambda x: np.exp(x) / (1 + np.exp(x))), "x = 1000")
    assert_names(check_sigmoid(lambda x: 1 / (1 + math.exp(-x))), "math.exp", "np.exp")

    def branchy(x):
        if x >= 0:
            return 1 / (1 + np.exp(-x))
        return np.exp(x) / (1 + np.exp(x))

    assert_names(check_sigmoid(branchy), "`if`", "np.where")

    def masks_only(x):
        out = np.empty_like(x)
        positive = x >= 0
        out[positive] = 1 / (1 + np.exp(-x[positive]))
        out[~positive] = np.exp(x[~positive]) / (1 + np.exp(x[~positive]))
        return out

    assert_names(check_sigmoid(masks_only), "single number x = 0.0", "np.asarray")
    assert_names(check_sigmoid(lambda x: [float(sigmoid(v)) for v in x][:3]), "shape")


def test_check_sigmoid_leaks_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = check_sigmoid(naive_sigmoid)
    assert not result.passed


def test_check_logit():
    assert check_logit(lambda p: np.log(p / (1 - p))).passed
    assert not check_logit(placeholder).attempted
    assert_names(check_logit(lambda p: np.log((1 - p) / p)), "sign slip")
    assert_names(check_logit(lambda p: np.log(p)), "forgotten term", "1 − p")
    assert_names(check_logit(lambda p: p / (1 - p)), "odds", "logarithm")
    assert_names(check_logit(lambda p: np.log10(p / (1 - p))), "base 10")
    assert_names(check_logit(sigmoid), "σ(p)")


# ------------------------------------------------------------------------- chapter 3


def test_check_sigmoid_grad_passes_tail_accurate_forms():
    assert check_sigmoid_grad(lambda x: sigmoid(x) * sigmoid(-x)).passed
    assert check_sigmoid_grad(sigmoid_grad).passed
    assert not check_sigmoid_grad(placeholder).attempted


def test_check_sigmoid_grad_names_each_mistake():
    s = sigmoid
    assert_names(check_sigmoid_grad(lambda x: s(x) * (1 - x)), "1 − x", "1 − σ(x)")
    assert_names(check_sigmoid_grad(lambda x: s(1 - x)), "σ(1 − x)", "product")
    assert_names(check_sigmoid_grad(lambda x: s(1 - s(x))), "not a function call")
    assert_names(check_sigmoid_grad(lambda x: s(x)), "forgotten term", "(1 − σ(x))")
    assert_names(check_sigmoid_grad(lambda x: 1 - s(x)), "forgotten term", "σ(x)")
    assert_names(check_sigmoid_grad(lambda x: s(x) * (s(x) - 1)), "sign slip")
    assert_names(check_sigmoid_grad(lambda x: np.exp(-x) / (1 + np.exp(-x) ** 2)), "squared")
    # Right in the middle, but exactly 0 once σ(x) rounds to 1.
    assert_names(
        check_sigmoid_grad(lambda x: s(x) * (1 - s(x))), "exactly 0", "rounds to 1.0", "σ(−x)"
    )
    # The textbook derivative overflows at −1000.
    assert_names(
        check_sigmoid_grad(lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2), "x = -1000", "overflow"
    )


def test_check_layers_below():
    assert check_layers_below(10).passed
    assert check_layers_below(10.0).passed
    assert check_layers_below(5, threshold=1e-3).passed
    assert not check_layers_below(...).attempted
    assert not check_layers_below(None).attempted
    assert_names(check_layers_below(9), "still above")
    assert_names(check_layers_below(20), "factor of ½")
    assert_names(check_layers_below(9.97), "whole number", "round up")
    assert_names(check_layers_below(11), "already below")
    assert_names(check_layers_below("10"), "not a str")
    with pytest.raises(ValueError, match="check_layers_below: threshold must be"):
        check_layers_below(10, threshold=2)


def test_check_critical_weight():
    assert check_critical_weight(4).passed
    assert check_critical_weight(4.0).passed
    assert not check_critical_weight(...).attempted
    assert_names(check_critical_weight(0.25), "σ′(0) itself")
    assert_names(check_critical_weight(1), "w·σ′(0) = 0.25")
    assert_names(check_critical_weight(-4), "positive")
    assert_names(check_critical_weight([4]), "not a list")


# ------------------------------------------------- answers that only hide the overflow warning
#
# A checker judges values, not warnings: the textbook formula with its warning silenced, or
# with x clipped, returns 0.0 (or a far too large number) at x = −720, where σ(x) = 2.03e-313.


def textbook(x):
    return 1 / (1 + np.exp(-x))


def with_errstate(fn):
    def answer(*args):
        with np.errstate(all="ignore"):
            return fn(*args)

    return answer


def with_catch_warnings(fn):
    def answer(*args):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(*args)

    return answer


def with_seterr(fn):
    def answer(*args):
        saved = np.seterr(all="ignore")
        try:
            return fn(*args)
        finally:
            np.seterr(**saved)

    return answer


SILENCERS = [with_errstate, with_catch_warnings, with_seterr]


def mp_sigmoid(x):
    return float(1 / (1 + mpmath.exp(-mpmath.mpf(x))))


def mp_sigmoid_grad(x):
    e = mpmath.exp(-abs(mpmath.mpf(x)))
    return float(e / (1 + e) ** 2)


def mp_logit(p):
    p = mpmath.mpf(p)
    return float(mpmath.log(p) - mpmath.log1p(-p))


@pytest.mark.parametrize(
    ("reference", "exact", "points"),
    [
        (sigmoid, mp_sigmoid, sigmoid_checks._SIGMOID_TAIL),
        (sigmoid_grad, mp_sigmoid_grad, gradient._SIGMOID_GRAD_TAIL),
        (logit, mp_logit, sigmoid_checks._LOGIT_TAIL),
    ],
)
def test_tail_references_are_exact_to_the_checkers_tolerance(reference, exact, points):
    """The package's functions, which the checkers compare with, agree with mpmath there."""
    mpmath.mp.prec = 200
    for point in points:
        assert agrees(float(reference(point)), exact(point), rtol=1e-12), point


def test_the_tail_points_are_tiny_but_representable():
    # σ(−720) and σ′(±720) are subnormal: a relative check must still see a 0.0 there.
    assert 0 < sigmoid(-720.0) < np.finfo(float).tiny
    assert not agrees(0.0, float(sigmoid(-720.0)), rtol=1e-6)
    assert not agrees(0.0, float(sigmoid(-740.0)), rtol=1e-6)
    assert agrees(float(sigmoid(-740.0)) + SMALLEST_SUBNORMAL, float(sigmoid(-740.0)), 1e-6)


@pytest.mark.parametrize("silence", SILENCERS)
def test_check_sigmoid_rejects_the_textbook_formula_with_its_warning_silenced(silence):
    result = check_sigmoid(silence(textbook))
    assert_names(
        result, "x = -720", "returns 0.0", "2.03e-313", "overflows to inf", "Silencing", "−|x|"
    )


def test_check_sigmoid_rejects_clipping_and_cancellation():
    clipped = check_sigmoid(lambda x: textbook(np.clip(x, -500, 500)))
    assert_names(clipped, "x = -1000", "σ(-500)", "clipped", "np.clip")
    clipped_at_709 = check_sigmoid(lambda x: textbook(np.clip(x, -709, 709)))
    assert_names(clipped_at_709, "x = -1000", "σ(-709)", "clipped")
    cut_off = check_sigmoid(with_errstate(lambda x: np.where(x < -700, 0.0, textbook(x))))
    assert_names(cut_off, "x = -720", "returns 0.0", "cut-off")
    halved_tanh = check_sigmoid(lambda x: (1 + np.tanh(np.asarray(x, dtype=float) / 2)) / 2)
    assert_names(halved_tanh, "x = -40", "returns 0.0", "4.25e-18", "1 + tanh(x/2)")


@pytest.mark.parametrize(
    "answer",
    [
        stable_sigmoid,
        sigmoid,
        lambda x: np.exp(-np.logaddexp(0, -np.asarray(x, dtype=float))),
        # Right values, with a warning silenced: the values are what counts.
        with_errstate(lambda x: np.where(x >= 0, textbook(x), np.exp(x) / (1 + np.exp(x)))),
    ],
)
def test_check_sigmoid_passes_values_right_far_in_the_tail(answer):
    result = check_sigmoid(answer)
    assert result.passed, result
    assert "−740" in result.message


def test_scipy_expit_is_the_textbook_formula_without_a_warning():
    """SciPy's expit returns 0.0 below x = −709.78, silently, like the silenced textbook
    formula; the exercise asks for σ correct to rounding, so the checker says so."""
    assert scipy.special.expit(-720.0) == 0.0
    assert_names(check_sigmoid(scipy.special.expit), "x = -720", "returns 0.0", "2.03e-313")
    product = check_sigmoid_grad(lambda x: scipy.special.expit(x) * scipy.special.expit(-x))
    assert_names(product, "x = -720", "returns 0.0", "2.03e-313")


@pytest.mark.parametrize("silence", SILENCERS)
def test_check_sigmoid_grad_rejects_overflow_with_its_warning_silenced(silence):
    textbook_grad = check_sigmoid_grad(silence(lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2))
    assert_names(textbook_grad, "x = -1000", "nan", "Silencing")
    product = check_sigmoid_grad(silence(lambda x: textbook(x) * textbook(-x)))
    assert_names(product, "x = -720", "returns 0.0", "2.03e-313", "overflowed", "Silencing")


def test_check_sigmoid_grad_rejects_a_squared_overflow_and_clipping():
    # (1 + e^700)² overflows although e^700 does not: 0.0 at x = −700, where σ′ = 9.86e-305.
    def squared(x):
        with np.errstate(all="ignore"):
            e = np.exp(-np.asarray(x, dtype=float))
            return np.where(np.isinf(e), 0.0, e / (1 + e) ** 2)

    assert_names(
        check_sigmoid_grad(squared), "x = -700", "returns 0.0", "9.86e-305", "(1 + e^|x|)²"
    )
    clipped = check_sigmoid_grad(lambda x: sigmoid_grad(np.clip(x, -600, 600)))
    assert_names(clipped, "x = -1000", "σ′(±600)", "clipped", "np.clip")


@pytest.mark.parametrize(
    "answer",
    [
        sigmoid_grad,
        lambda x: sigmoid(x) * sigmoid(-x),
        lambda x: np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))) ** 2,
    ],
)
def test_check_sigmoid_grad_passes_values_right_far_in_both_tails(answer):
    result = check_sigmoid_grad(answer)
    assert result.passed, result
    assert "±740" in result.message


@pytest.mark.parametrize("eps", [1e-7, 1e-12, 1e-15])
def test_check_logit_rejects_clipping_p_or_adding_eps(eps):
    # eps = 1e-7 added is visible on [0.01, 0.99] already; the others only near 0 and 1.
    def clipped(p):
        p = np.clip(p, eps, 1 - eps)
        return np.log(p / (1 - p))

    assert_names(check_logit(clipped), "further from 0 and 1", "np.clip", "log(0)")
    added = check_logit(lambda p: np.log(p + eps) - np.log(1 - p + eps))
    assert_names(added, "further from 0 and 1", "eps")


@pytest.mark.parametrize("silence", SILENCERS)
def test_check_logit_rejects_an_overflow_with_its_warning_silenced(silence):
    # 1/p overflows for p below 5.6e-309, so −ln(1/p − 1) is −inf at p = 1e-310.
    result = check_logit(silence(lambda p: -np.log(1 / p - 1)))
    assert_names(result, "p = 1e-310", "-inf", "-713.801", "1/p", "Silencing")


def test_check_logit_names_a_warning_near_0():
    assert_names(check_logit(lambda p: -np.log(1 / p - 1)), "p = 1e-310", "warns", "overflow")


@pytest.mark.parametrize(
    "answer",
    [
        lambda p: np.log(p / (1 - p)),
        lambda p: np.log(p) - np.log1p(-p),
        lambda p: np.log(p) - np.log(1 - p),
        logit,
        scipy.special.logit,
    ],
)
def test_check_logit_passes_answers_right_near_0_and_1(answer):
    result = check_logit(answer)
    assert result.passed, result
    assert "near 0 and 1" in result.message


@pytest.mark.parametrize("silence", SILENCERS)
def test_chapter_1_checkers_judge_values_not_warnings(silence):
    """Nothing overflows at the neuron's inputs: a silenced warning changes no verdict."""
    assert check_neuron(silence(lambda x, w, b: textbook(np.dot(w, x) + b))).passed
    assert_names(check_neuron(silence(lambda x, w, b: textbook(np.dot(w, x)))), "bias is missing")
