"""Checkers for chapter 2: a stable sigmoid and its inverse, the logit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import logit, sigmoid
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
    not_attempted,
    scalar_problem,
    tail_problems,
    worst,
    wrong,
)
from sigmoid_lab.checks._tails import (
    explain_logit_tail,
    explain_sigmoid_tail,
)

__all__ = ["check_logit", "check_sigmoid"]


# Far in the lower tail σ(x) is tiny but a float64 holds it: 9.9e-305 at −700, the
# subnormal 2.0e-313 at −720 and 4.2e-322 at −740. The textbook formula returns 0.0 from
# −709.78 on (with an overflow warning, unless it was silenced), 1 + tanh(x/2) from −37.
_SIGMOID_TAIL = (-1000.0, 1000.0, -745.5, 745.5, -40.0, -100.0, -700.0, -720.0, -740.0)
# The logit near 0 and 1, where clipping p or adding an eps changes the answer and 1/p
# overflows (below 5.6e-309; 1e-310 is subnormal).
_LOGIT_TAIL = (1e-10, 1e-300, 1e-310, 1 - 1e-10, 1 - 2.0**-52)


def check_sigmoid(my_sigmoid: Callable) -> CheckResult:
    """Check a stable sigmoid: right values, no overflow warning at ±1000, works on a number.

    Names these mistakes: the sign slip 1/(1 + exp(x)), (1 + tanh(x))/2 without the
    halved argument, 1 − exp(−x) in the denominator, a forgotten 1 +, the overflow of the
    textbook formula at −1000 (and of np.where, which computes both branches), NaN from
    inf/inf at +1000, `if` on an array and math.exp on an array.

    Examples
    --------
    >>> import numpy as np
    >>> def stable(x):
    ...     x = np.asarray(x, dtype=float)
    ...     e = np.exp(-np.abs(x))
    ...     return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    >>> check_sigmoid(stable).passed
    True
    """
    exercise = "a stable sigmoid"
    x = GRID
    try:
        call = call_learner(my_sigmoid, x.copy())
        got = as_array(call, exercise, x.shape)
        if isinstance(got, CheckResult):
            return got
        expected = sigmoid(x)
        if not close(got, expected, atol=0.0):
            mistake = first_mistake(
                got,
                [
                    (
                        lambda: sigmoid(-x),
                        "A sign slip: you compute 1/(1 + exp(x)), which is "
                        "σ(−x) and falls instead of rising. The sigmoid is 1/(1 + exp(−x)).",
                    ),
                    (
                        lambda: sigmoid(2 * x),
                        "You compute (1 + tanh(x))/2 = σ(2x): the "
                        "identity is σ(x) = (1 + tanh(x/2))/2, with x/2 inside tanh.",
                    ),
                    (
                        lambda: 1 / (1 - np.exp(-x)),
                        "A sign slip in the denominator: it is "
                        "1 + exp(−x), not 1 − exp(−x) (which is 0 at x = 0).",
                    ),
                    (
                        lambda: np.exp(x),
                        "A forgotten term: 1/exp(−x) is exp(x), which grows "
                        "without bound. The denominator is 1 + exp(−x).",
                    ),
                ],
            )
            return wrong(exercise, mistake or worst(x, got, expected, "σ(x)"))
        tail = tail_problems(
            my_sigmoid,
            exercise,
            _SIGMOID_TAIL,
            sigmoid,
            "σ(x)",
            cause=EXP_CAUSE,
            advice=EXP_ADVICE,
            explain=explain_sigmoid_tail,
        )
        if tail is not None:
            return tail
        scalar = scalar_problem(my_sigmoid, exercise, 0.0, 0.5, "σ(0)")
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, "Replace `raise NotImplementedError` with your sigmoid")
    return correct(
        exercise,
        "right on [−20, 20], no overflow at ±1000, right to 1e-6 far in the lower tail "
        "(x = −40 to −740, where σ(x) is as small as 4.2e-322), and σ(0) = 0.5 for a plain "
        "number.",
    )


def check_logit(my_logit: Callable) -> CheckResult:
    """Check the logit ln(p / (1 − p)), the inverse of the sigmoid.

    Names these mistakes: ln((1 − p)/p) (a sign slip), ln p (a forgotten term), the odds
    p/(1 − p) without the log, log base 10, and σ(p) instead of its inverse.

    Examples
    --------
    >>> import numpy as np
    >>> check_logit(lambda p: np.log(p) - np.log1p(-p)).passed
    True
    """
    exercise = "the logit"
    p = np.linspace(0.01, 0.99, 99)
    try:
        call = call_learner(my_logit, p.copy())
        got = as_array(call, exercise, p.shape)
        if isinstance(got, CheckResult):
            return got
        expected = logit(p)
        if not close(got, expected, atol=1e-9):
            mistake = first_mistake(
                got,
                [
                    (
                        lambda: -expected,
                        "A sign slip: ln((1 − p)/p) is the log-odds of the "
                        "other class. The logit is ln(p/(1 − p)).",
                    ),
                    (
                        lambda: np.log(p),
                        "A forgotten term: ln p alone. The logit is "
                        "ln p − ln(1 − p) = ln(p/(1 − p)).",
                    ),
                    (
                        lambda: p / (1 - p),
                        "These are the odds p/(1 − p); the logit is their "
                        "natural logarithm, the log-odds.",
                    ),
                    (
                        lambda: np.log10(p / (1 - p)),
                        "That is log base 10; the inverse of σ needs the natural log, np.log.",
                    ),
                    (lambda: sigmoid(p), "That is σ(p), the sigmoid itself, not its inverse."),
                ],
            )
            return wrong(
                exercise,
                mistake
                or worst(p, got, expected, "logit(p)", variable="p", explain=explain_logit_tail),
            )
        if call.warnings:
            return wrong(exercise, f"Your function warns on ordinary p: {call.warnings[0]}.")
        tail = tail_problems(
            my_logit,
            exercise,
            _LOGIT_TAIL,
            logit,
            "logit(p)",
            variable="p",
            cause="a number above the largest float64 (1.8e308) became inf.",
            advice=(
                "Compute ln p − ln(1 − p) as it is, for example np.log(p) - np.log1p(-p): "
                "no step of it overflows for 0 < p < 1."
            ),
            explain=explain_logit_tail,
        )
        if tail is not None:
            return tail
        scalar = scalar_problem(my_logit, exercise, 0.5, 0.0, "logit(0.5)")
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, "Replace `raise NotImplementedError` with your logit")
    return correct(
        exercise,
        "right on [0.01, 0.99] and near 0 and 1 (p = 1e-310 to 1 − 2⁻⁵²), so logit(σ(x)) = x "
        "there, and logit(0.5) = 0.",
    )
