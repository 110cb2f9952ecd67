"""Exercise checkers of chapters 1–3: each typical mistake is named, right answers pass."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from sigmoid_lab.activations import naive_sigmoid, sigmoid, sigmoid_grad
from sigmoid_lab.checks.functions import (
    CheckResult,
    check_collapse,
    check_critical_weight,
    check_layers_below,
    check_logit,
    check_neuron,
    check_sigmoid,
    check_sigmoid_grad,
    check_step_position,
)


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
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W2 * W1, b2)), "raised")


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

    assert_names(check_sigmoid(masks_only), "single number 0.0", "np.asarray")
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
