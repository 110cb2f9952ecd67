"""Checkers for chapter 3: σ′, how many layers shrink a gradient below a threshold, and the
critical weight.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid, sigmoid_grad
from sigmoid_lab.checks._core import (
    EXP_ADVICE,
    EXP_CAUSE,
    GRID,
    CheckResult,
    NotAttempted,
    as_array,
    call_learner,
    close,
    correct,
    first_mistake,
    is_placeholder,
    not_attempted,
    scalar_problem,
    tail_problems,
    worst,
    wrong,
)
from sigmoid_lab.checks._tails import explain_sigmoid_grad_tail

__all__ = ["check_critical_weight", "check_layers_below", "check_sigmoid_grad"]


# σ′ is symmetric: 9.9e-305 at ±700, 2.0e-313 at ±720, 4.2e-322 at ±740.
_SIGMOID_GRAD_TAIL = (-700.0, 700.0, -720.0, 720.0, -740.0, 740.0)


def check_sigmoid_grad(my_sigmoid_grad: Callable) -> CheckResult:
    """Check σ′(x) = σ(x)(1 − σ(x)), including far in both tails.

    Names these mistakes: σ(x)(1 − x) or σ(1 − x) instead of σ(1 − σ), σ applied to
    1 − σ, a forgotten factor, a sign slip, e⁻ˣ/(1 + e⁻²ˣ) for e⁻ˣ/(1 + e⁻ˣ)², an overflow
    at −1000, and the exact 0 that s·(1 − s) gives for x ≳ 37 because s rounds to 1.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_sigmoid_grad(lambda x: sigmoid(x) * sigmoid(-x)).passed
    True
    """
    exercise = "the sigmoid's gradient"
    x = GRID
    try:
        call = call_learner(my_sigmoid_grad, x.copy())
        got = as_array(call, exercise, x.shape)
        if isinstance(got, CheckResult):
            return got
        expected = sigmoid_grad(x)
        s = sigmoid(x)
        if not close(got, expected, rtol=1e-6, atol=0.0):
            mistake = first_mistake(
                got,
                [
                    (
                        lambda: s * (1 - x),
                        "You compute σ(x)·(1 − x): the second factor is "
                        "1 − σ(x), not 1 − x. In σ(1 − σ), every σ stands for σ(x).",
                    ),
                    (
                        lambda: sigmoid(1 - x),
                        "You compute σ(1 − x), the sigmoid of 1 − x. "
                        "σ(1 − σ) is shorthand for the product σ(x)·(1 − σ(x)).",
                    ),
                    (
                        lambda: sigmoid(1 - s),
                        "You apply σ to 1 − σ(x). σ(1 − σ) is shorthand "
                        "for the product σ(x)·(1 − σ(x)), not a function call.",
                    ),
                    (lambda: s, "A forgotten term: you return σ(x); multiply by (1 − σ(x))."),
                    (
                        lambda: 1 - s,
                        "A forgotten term: you return 1 − σ(x) (which also equals "
                        "e⁻ˣ/(1 + e⁻ˣ)); multiply by σ(x), or square the denominator.",
                    ),
                    (
                        lambda: -expected,
                        "A sign slip: σ rises everywhere, so σ′ is positive. "
                        "It is σ(x)·(1 − σ(x)), not σ(x)·(σ(x) − 1).",
                    ),
                    (
                        lambda: np.exp(-x) / (1 + np.exp(-x) ** 2),
                        "The whole denominator is squared: e⁻ˣ/(1 + e⁻ˣ)², not e⁻ˣ/(1 + e⁻²ˣ).",
                    ),
                    (lambda: s**2, "σ(x)² is not the derivative: it is σ(x)·(1 − σ(x))."),
                ],
            )
            return wrong(exercise, mistake or worst(x, got, expected, "σ′(x)"))
        tail = tail_problems(
            my_sigmoid_grad,
            exercise,
            (-1000.0, 1000.0),
            sigmoid_grad,
            "σ′(x)",
            cause=EXP_CAUSE,
            advice=EXP_ADVICE,
            explain=explain_sigmoid_grad_tail,
        )
        if tail is not None:
            return tail
        for point in (38.0, 40.0, 50.0, 100.0, -40.0, -100.0):
            tail_call = call_learner(my_sigmoid_grad, np.array([point]))
            value = as_array(tail_call, exercise, (1,))
            if isinstance(value, CheckResult):
                return value
            true = float(sigmoid_grad(np.array([point]))[0])
            if value[0] == 0.0 and true > 0.0:
                return wrong(
                    exercise,
                    f"At x = {point:g} your function returns exactly 0, but σ′({point:g}) ≈ "
                    f"{true:.2g}: σ({point:g}) rounds to 1.0, so 1 − σ(x) is 0. Write the "
                    "second factor as σ(−x) (1 − σ(x) = σ(−x)), which is computed without "
                    "that subtraction.",
                )
            if not math.isclose(float(value[0]), true, rel_tol=1e-6):
                return wrong(
                    exercise,
                    f"At x = {point:g} your function returns {float(value[0]):.6g}, but "
                    f"σ′({point:g}) = {true:.6g}. Far in the tails, avoid 1 − σ(x): use σ(−x).",
                )
        tail = tail_problems(
            my_sigmoid_grad,
            exercise,
            _SIGMOID_GRAD_TAIL,
            sigmoid_grad,
            "σ′(x)",
            cause=EXP_CAUSE,
            advice=EXP_ADVICE,
            explain=explain_sigmoid_grad_tail,
        )
        if tail is not None:
            return tail
        scalar = scalar_problem(my_sigmoid_grad, exercise, 0.0, 0.25, "σ′(0)")
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, "Replace `raise NotImplementedError` with your derivative")
    return correct(
        exercise,
        "right on [−20, 20], accurate far in both tails (x = ±40 and ±100, and ±700 to ±740, "
        "where σ′(x) is as small as 4.2e-322), no overflow at ±1000, and σ′(0) = 0.25.",
    )


def check_layers_below(n_layers: object, threshold: float = 1e-6) -> CheckResult:
    """Check the smallest depth n at which even the best case ¼ⁿ is below ``threshold``.

    Names these mistakes: one layer short (¼ⁿ still above), ½ per layer instead of ¼, a
    depth that is not a whole number, and a depth past the first one.

    Examples
    --------
    >>> check_layers_below(10).passed
    True
    """
    exercise = "layers to fall below 1e−06"
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, numbers.Real)
        or not (0 < threshold < 1)
    ):
        raise ValueError(
            f"check_layers_below: threshold must be a number between 0 and 1, got {threshold!r}."
        )
    exercise = f"layers to fall below {threshold:g}"
    if is_placeholder(n_layers):
        return not_attempted(exercise, "Replace `...` with your number of layers")
    if isinstance(n_layers, bool) or not isinstance(n_layers, numbers.Real):
        return wrong(exercise, f"Give a number of layers, not a {type(n_layers).__name__}.")
    answer = _first_depth_below(0.25, threshold)
    if not float(n_layers).is_integer():
        return wrong(
            exercise,
            f"{n_layers} is not a whole number of layers: ¼ⁿ < {threshold:g} solves to "
            f"n > log({threshold:g})/log(¼) ≈ {math.log(threshold) / math.log(0.25):.2f}, so "
            "round up.",
        )
    n = int(n_layers)
    if n == answer:
        return correct(
            exercise,
            f"¼^{n - 1} = {0.25 ** (n - 1):.2g} is still above {threshold:g}, ¼^{n} = "
            f"{0.25**n:.2g} is below. Even in the best case, {n} sigmoid layers shrink the "
            f"gradient by a factor of more than {1 / threshold:,.0f}.",
        )
    if n == _first_depth_below(0.5, threshold):
        return wrong(
            exercise,
            f"That is the answer for a factor of ½ per layer. The sigmoid's slope is at most "
            f"¼: find the first n with ¼ⁿ < {threshold:g}.",
        )
    if n < answer:
        return wrong(
            exercise,
            f"¼^{n} = {0.25**n:.2g} is still above {threshold:g}: more layers are needed.",
        )
    return wrong(
        exercise,
        f"¼^{n - 1} = {0.25 ** (n - 1):.2g} is already below {threshold:g}: the question asks "
        "for the first depth that falls below.",
    )


def _first_depth_below(factor: float, threshold: float) -> int:
    n = 1
    while factor**n >= threshold:
        n += 1
    return n


def check_critical_weight(weight: object) -> CheckResult:
    """Check the smallest weight w > 0 for which a layer at its steepest point keeps the
    gradient from shrinking: w·σ′(0) = 1, so w = 4.

    Names these mistakes: ¼ (σ′(0) itself), 1 (the factor is then ¼), 2, and a negative
    weight.

    Examples
    --------
    >>> check_critical_weight(4).passed
    True
    """
    exercise = "the critical weight"
    if is_placeholder(weight):
        return not_attempted(exercise, "Replace `...` with your weight")
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        return wrong(exercise, f"Give a number, not a {type(weight).__name__}.")
    slope = float(sigmoid_grad(0.0))
    weight = float(weight)
    answer = 1 / slope
    if math.isclose(weight, answer, rel_tol=1e-9):
        return correct(
            exercise,
            f"w·σ′(0) = {weight:g} × {slope:g} = 1. Above 4, a single unit at its steepest point "
            "multiplies the gradient by more than 1: that, not σ′ itself, is how gradients "
            "explode.",
        )
    if weight < 0:
        return wrong(exercise, "The question asks for a positive weight.")
    if math.isclose(weight, slope):
        return wrong(
            exercise,
            f"{weight:g} is σ′(0) itself. The layer multiplies the gradient by w·σ′(0); set "
            "that to 1 and solve for w.",
        )
    return wrong(
        exercise,
        f"With w = {weight:g} a layer at its steepest point multiplies the gradient by "
        f"w·σ′(0) = {weight * slope:g}, not 1. Solve w·¼ = 1.",
    )
