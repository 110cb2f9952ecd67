"""Checker for chapter 6's softmax and categorical cross-entropy, which must stay right at
logits such as 1000.

:func:`check_softmax_cross_entropy` reports the first case where an answer is wrong (never
a case where it is right), names the mistake it looks like, and translates Python's and
NumPy's errors with :func:`~sigmoid_lab.checks._core.describe_error`. It is importable from
:mod:`sigmoid_lab.checks.faq` too, with the chapter's other checkers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import (
    CheckResult,
    NotAttempted,
    call_learner,
    close,
    correct,
    first_mistake,
    not_attempted,
    numbers_text,
    overflow_warning,
    require_callable,
    wrong,
)
from sigmoid_lab.checks._several import returned_values, then_mistake
from sigmoid_lab.checks._tails import EXP_OVERFLOW, SILENCED, agrees, show
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.softmax import categorical_cross_entropy, log_softmax, softmax

__all__ = ["check_softmax_cross_entropy"]


def _matrix(values) -> str:
    """A small array for a message: [[1000, 0], [0, 1000]], or one row as [1000, 999, 0]."""
    values = np.asarray(values)
    if values.ndim == 2 and len(values) == 1:
        values = values[0]
    if values.ndim == 1:
        return numbers_text(values)
    return "[" + ", ".join(numbers_text(row) for row in values) + "]"


def _row(values) -> str:
    return "[" + ", ".join(show(float(v)) for v in np.ravel(values)) + "]"


# ------------------------------------------------------------------ Exercise 2

# One row per example, one column per class. Not square, so a row statistic kept flat
# (shape (n,)) cannot line up with the rows by accident; the square case comes next.
_LOGITS = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [-1.0, -2.0, -3.0], [3.0, 3.0, 0.0]])
_SQUARE = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]])
_CLASSES = np.array([0, 1, 2, 1])
# e^1000 overflows; subtracting the row's mean leaves e^1000 in the second row, and
# subtracting its smallest logit leaves it in the first.
_LARGE = np.array([[1000.0, 999.0, 0.0], [1000.0, 0.0, -1000.0]])
# One largest logit for the whole array leaves every exponential of row 2 at 0: 0/0.
_APART = np.array([[0.0, 1.0, 2.0], [-1000.0, -999.0, -1001.0]])
# The loss where p_y rounds to 0: −log p_y is 1000, 0 and 2000, a mean of 1000.
_CONFIDENT = np.array([[1000.0, 0.0], [0.0, 1000.0], [-1000.0, 1000.0]])
_CONFIDENT_Y = np.array([1, 1, 0])

_ROW_HINT = N_(
    "No matrix product is needed here: logits.max(axis=1) and the row sums have shape (m,), "
    "which NumPy lines up with the columns. Keep them (m, 1) with keepdims=True, so each "
    "row gets its own."
)
_LABEL_HINT = N_(
    "y holds one class number per example, shape (m,), not one-hot rows: take each row's "
    "entry of the true class with logits[np.arange(m), y]."
)
_SHIFT = N_(
    "Softmax does not change when the same number is subtracted from every logit of a row "
    "(Exercise 1): subtract each row's largest logit (the largest, not the mean or the "
    "smallest), z.max(axis=1, keepdims=True), so every exponent is at most 0."
)


def _softmax_problem(my_softmax, exercise: str, logits: np.ndarray) -> CheckResult | None:
    """The first thing wrong with ``my_softmax`` on ``logits``, or None."""
    who = "my_softmax(logits)"
    before = logits.copy()
    call = call_learner(my_softmax, logits)
    got = returned_values(call, exercise, who, _(_ROW_HINT))
    if isinstance(got, CheckResult):
        return got
    if not np.array_equal(logits, before):
        return wrong(
            exercise,
            _(
                "my_softmax changed the logits it was given (z -= … works in place, on the "
                "caller's array). Compute z - z.max(axis=1, keepdims=True) into a new array."
            ),
        )
    if got.dtype == bool:
        return wrong(
            exercise,
            _(
                "For the logits {logits} my_softmax returns True/False values where "
                "probabilities are asked: return the probabilities themselves, numbers "
                "between 0 and 1."
            ).format(logits=_matrix(logits)),
        )
    if got.shape != logits.shape:
        n, k = logits.shape
        if got.shape in {(n,), (n, 1)}:
            message = _(
                "For logits of shape {shape} my_softmax returned shape {got}, one number per "
                "row, as a max or a sum gives. Return an array of the logits' shape: one "
                "probability per example and class."
            )
        elif got.shape in {(k,), (1, k)}:
            message = _(
                "For logits of shape {shape} my_softmax returned shape {got}, one number per "
                "column: something was taken over the rows (axis 0). Return an array of the "
                "logits' shape: one probability per example and class."
            )
        else:
            message = _(
                "For logits of shape {shape} my_softmax returned shape {got}, a different "
                "shape. Return an array of the logits' shape: one probability per example "
                "and class."
            )
        return wrong(exercise, message.format(shape=logits.shape, got=got.shape))
    expected = softmax(logits)
    overflow = overflow_warning(call)
    if overflow:
        return wrong(
            exercise,
            _(
                "For the logits {logits} my_softmax warns '{warning}': e^x is inf in float64 "
                "for x above {limit:.2f}, and inf/inf is nan. {shift}"
            ).format(
                logits=_matrix(logits), warning=overflow, limit=EXP_OVERFLOW, shift=_(_SHIFT)
            ),
        )
    if close(got, expected, rtol=1e-9, atol=1e-300):
        if call.warnings:
            return wrong(
                exercise, _("my_softmax warns '{warning}'.").format(warning=call.warnings[0])
            )
        return None
    bad = int(np.argmax(~np.isclose(got, expected, rtol=1e-9, atol=1e-300).all(axis=1)))
    where = _(
        "For the logits {logits} my_softmax returns {values}, but softmax = {expected}."
    ).format(logits=numbers_text(logits[bad]), values=_row(got[bad]), expected=_row(expected[bad]))
    if np.isnan(got[bad]).any():
        if np.abs(logits[bad]).max() >= 1000 and logits[bad].max() < logits.max():
            return wrong(
                exercise,
                _(
                    "{where} This row's largest logit is {row_max:g}, the array's is "
                    "{array_max:g}: subtracting one number for the whole array leaves "
                    "e^(−1000) = 0.0 for every class of this row, and 0/0 is nan. Subtract "
                    "each row's own largest logit: z.max(axis=1, keepdims=True)."
                ).format(where=where, row_max=logits[bad].max(), array_max=logits.max()),
            )
        return wrong(
            exercise,
            _("{where} An inf/inf or 0/0 happened inside. {silenced} {shift}").format(
                where=where, silenced=_(SILENCED), shift=_(_SHIFT)
            ),
        )
    with np.errstate(all="ignore"):
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
    candidates = [
        (
            lambda: softmax(logits, axis=0),
            _(
                "Each column sums to 1: you normalised over the examples (axis=0). The "
                "classes run along axis 1: use axis=1 (or -1) with keepdims=True."
            ),
        ),
        (
            lambda: (
                np.exp(logits - logits.max(axis=0))
                / np.exp(logits - logits.max(axis=0)).sum(axis=1, keepdims=True)
            ),
            _(
                "You subtracted each column's largest logit (axis=0). Softmax is unchanged "
                "only when one number is subtracted from a whole row: use z.max(axis=1, "
                "keepdims=True)."
            ),
        ),
        (
            lambda: np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum(),
            _(
                "The whole array sums to 1: np.sum without axis= adds up every example's "
                "exponentials. Each row must sum to 1: use axis=1, keepdims=True."
            ),
        ),
    ]
    if logits.shape[0] == logits.shape[1]:
        # Only a square input lets an (n,) row statistic broadcast without an error.
        with np.errstate(all="ignore"):
            flat_max = np.exp(logits - logits.max(axis=1))
            flat_sum = np.exp(logits) / np.exp(logits).sum(axis=1)
        candidates += [
            (
                lambda: flat_max / flat_max.sum(axis=1),
                _(
                    "For square logits the rows do not sum to 1: logits.max(axis=1) and the "
                    "row sums have shape (m,), and NumPy lines an (m,) array up with the "
                    "columns, so column j got row j's number. Keep them (m, 1) with "
                    "keepdims=True."
                ),
            ),
            (
                lambda: flat_sum,
                _(
                    "For square logits the rows do not sum to 1: the row sums have shape "
                    "(m,), and NumPy lines an (m,) array up with the columns, so column j was "
                    "divided by row j's sum. Keep them (m, 1) with keepdims=True."
                ),
            ),
            (
                lambda: flat_max / flat_max.sum(axis=1, keepdims=True),
                _(
                    "For square logits: logits.max(axis=1) has shape (m,), and NumPy lines an "
                    "(m,) array up with the columns, so column j had row j's largest logit "
                    "subtracted. Keep it (m, 1) with keepdims=True."
                ),
            ),
        ]
    candidates += [
        (
            lambda: e,
            _(
                "The rows do not sum to 1: you return e^(z − max z) without dividing by "
                "the row's sum."
            ),
        ),
        (
            lambda: np.exp(logits),
            _("The rows do not sum to 1: you return e^z without dividing by the row's sum."),
        ),
        (
            lambda: e / e.max(axis=1, keepdims=True),
            _(
                "You divided by the row's largest exponential, not by the row's sum, so "
                "the rows do not sum to 1."
            ),
        ),
        (
            lambda: sigmoid(logits),
            _(
                "These are independent sigmoids, σ(zⱼ) for each class, and the rows do not "
                "sum to 1. Softmax divides e^(zⱼ) by the row's sum Σₗ e^(zₗ)."
            ),
        ),
        (
            lambda: log_softmax(logits),
            _(
                "These are log-probabilities (all ≤ 0): return e^(z − max z) divided by "
                "the row's sum."
            ),
        ),
    ]
    mistake = first_mistake(got, candidates)
    if mistake:
        return wrong(exercise, then_mistake(where, mistake))
    sums = got.sum(axis=1)
    if not np.allclose(sums, 1.0):
        return wrong(
            exercise,
            _("{where} Your rows sum to {sums}, not 1: divide each row by its own sum.").format(
                where=where, sums=numbers_text(np.round(sums, 4))
            ),
        )
    return wrong(exercise, where)


def _cross_entropy_problem(
    my_cross_entropy, exercise: str, logits: np.ndarray, y: np.ndarray
) -> CheckResult | None:
    """The first thing wrong with ``my_cross_entropy`` on ``(logits, y)``, or None."""
    who = "my_cross_entropy(logits, y)"
    before = logits.copy()
    call = call_learner(my_cross_entropy, logits, y.copy())
    got = returned_values(call, exercise, who, _(_LABEL_HINT))
    if isinstance(got, CheckResult):
        return got
    if not np.array_equal(logits, before):
        return wrong(exercise, _("my_cross_entropy changed the logits it was given (in place)."))
    n = logits.shape[0]
    expected = categorical_cross_entropy(logits, y)
    rows = np.arange(n)
    with np.errstate(all="ignore"):
        per_example = -log_softmax(logits)[rows, y]
    if got.size != 1:
        if got.shape == (n,) and np.allclose(got, per_example):
            return wrong(
                exercise,
                _(
                    "my_cross_entropy returns one loss per example (shape {shape}); return "
                    "their mean, one number."
                ).format(shape=got.shape),
            )
        return wrong(
            exercise,
            _(
                "my_cross_entropy returns shape {shape}; return one number, the mean of "
                "−log p_y over the examples."
            ).format(shape=got.shape),
        )
    value = float(got.reshape(()))
    shown = {"logits": _matrix(logits), "y": numbers_text(y)}
    if agrees(value, expected, rtol=1e-9):
        overflow = overflow_warning(call)
        if overflow:
            return wrong(
                exercise,
                _(
                    "For the logits {logits} and y = {y} the loss is right, but "
                    "my_cross_entropy warns '{warning}': e^1000 overflows inside log Σ e^z. "
                    "Compute it as m + log Σ e^(z − m) with m the row's largest logit."
                ).format(warning=overflow, **shown),
            )
        if call.warnings:
            return wrong(
                exercise,
                _(
                    "For the logits {logits} and y = {y} my_cross_entropy warns '{warning}'."
                ).format(warning=call.warnings[0], **shown),
            )
        return None
    where = _(
        "For the logits {logits} and y = {y} my_cross_entropy returns {value}, but the mean "
        "−log p_y = {expected:.6g}."
    ).format(value=show(value), expected=expected, **shown)
    big = np.abs(logits).max() >= 1000
    if big:
        divide = next((t for t in call.warnings if "divide by zero" in t), None)
        overflow = overflow_warning(call)
        if math.isinf(value) and divide:
            return wrong(
                exercise,
                _(
                    "{where} It warns '{warning}': the loss took log(p_y) of a probability "
                    "that rounded to 0.0 (p = e^(−1000) is below the smallest float64, "
                    "4.9e-324), and log 0 = −inf. The loss itself is finite: −log p_y = "
                    "log Σⱼ e^(zⱼ) − z_y. Compute it from the logits, never from rounded "
                    "probabilities."
                ).format(where=where, warning=divide),
            )
        if overflow or not math.isfinite(value):
            if overflow:
                message = _(
                    "{where} It warns '{warning}'. e^1000 overflows to inf, inside log Σ e^z "
                    "or in the probabilities. Compute log Σⱼ e^(zⱼ) as m + log Σⱼ e^(zⱼ − m) "
                    "with m the row's largest logit, and the loss as that minus z_y."
                )
            else:
                message = _(
                    "{where} {silenced} e^1000 overflows to inf, inside log Σ e^z or in the "
                    "probabilities. Compute log Σⱼ e^(zⱼ) as m + log Σⱼ e^(zⱼ − m) with m the "
                    "row's largest logit, and the loss as that minus z_y."
                )
            return wrong(
                exercise,
                message.format(where=where, warning=overflow, silenced=_(SILENCED)),
            )
        if value < expected:
            return wrong(
                exercise,
                _(
                    "{where} A smaller loss, as clipping gives (np.clip of p to "
                    "[eps, 1 − eps], or log(p + eps)): each confident mistake then costs at "
                    "most −log(eps) instead of about 1000. Compute −log p_y = log Σⱼ e^(zⱼ) − "
                    "z_y from the logits: no probability, no log(0), no eps."
                ).format(where=where),
            )
        return wrong(exercise, where)
    with np.errstate(all="ignore"):
        lse = np.log(np.exp(logits).sum(axis=1))
        log_p = log_softmax(logits)
    mistake = first_mistake(
        got.reshape(()),
        [
            (lambda: -expected, _("The sign is flipped: the loss is −log p_y, which is ≥ 0.")),
            (
                lambda: expected * n,
                _("That is the sum over the {n} examples; return the mean (divide by n).").format(
                    n=n
                ),
            ),
            (
                lambda: np.mean(lse[:, None] - logits[:, y]),
                _(
                    "logits[:, y] takes column y[j] of every row, an (m, m) array. Take one "
                    "entry per row: logits[np.arange(m), y]."
                ),
            ),
            (
                lambda: -log_p.sum(axis=1).mean(),
                _(
                    "You added −log p over every class. The loss takes only the true class's "
                    "probability: −log p_y."
                ),
            ),
            (
                lambda: -log_p.mean(),
                _(
                    "You averaged −log p over all n·k entries; take one entry per row, the "
                    "true class's, and average over the n rows."
                ),
            ),
            (
                lambda: -np.mean(logits[rows, y]),
                _("−z_y alone: the log of softmax's denominator, log Σⱼ e^(zⱼ), is missing."),
            ),
            (
                lambda: np.mean(lse),
                _("log Σⱼ e^(zⱼ) alone: subtract the true class's logit z_y."),
            ),
            (
                lambda: expected / math.log(10),
                _("That is log base 10; the cross-entropy uses the natural log, np.log."),
            ),
            (
                lambda: expected / math.log(2),
                _("That is log base 2 (bits); the cross-entropy uses the natural log, np.log."),
            ),
            (
                lambda: -np.mean(np.log(softmax(logits, axis=0))[rows, y]),
                _(
                    "The probabilities were normalised over the examples (axis=0); softmax "
                    "runs over the classes, axis 1."
                ),
            ),
        ],
    )
    return wrong(exercise, then_mistake(where, mistake))


def check_softmax_cross_entropy(my_softmax: Callable, my_cross_entropy: Callable) -> CheckResult:
    """Check a stable softmax and a categorical cross-entropy computed from the logits.

    ``my_softmax(logits)`` takes logits of shape (m, k), one row per example, and returns
    probabilities of the same shape whose rows sum to 1. ``my_cross_entropy(logits, y)``
    takes the logits and class numbers ``y`` (shape (m,)) and returns the mean of
    −log p_y = log Σⱼ e^(zⱼ) − z_y, one number.

    The softmax is tried on ordinary logits (4 × 3, then 3 × 3), on logits of 1000, and on
    rows 1000 apart; the loss on ordinary logits, then where p_y rounds to 0 (the loss is
    1000, 0 and 2000). Named mistakes: no max-subtraction (overflow, inf/inf), the mean or
    the smallest logit subtracted instead of the largest, one largest logit for the whole
    array, the wrong axis, a missing keepdims (which only a square input shows), rows that
    do not sum to 1, sigmoids or log-probabilities returned, True/False returned, the loss
    from rounded probabilities (inf) or clipped ones (too small), log Σ e^z overflowing,
    logits[:, y], a flipped sign, a sum instead of the mean, a missing term, log base 10
    or 2, and inputs changed in place.

    Examples
    --------
    >>> import numpy as np
    >>> def my_softmax(z):
    ...     e = np.exp(z - z.max(axis=1, keepdims=True))
    ...     return e / e.sum(axis=1, keepdims=True)
    >>> def my_cross_entropy(z, y):
    ...     m = z.max(axis=1)
    ...     lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    ...     return np.mean(lse - z[np.arange(len(y)), y])
    >>> check_softmax_cross_entropy(my_softmax, my_cross_entropy).passed
    True
    """
    exercise = _("softmax and cross-entropy")
    require_callable(my_softmax, "check_softmax_cross_entropy", "my_softmax, my_cross_entropy")
    require_callable(
        my_cross_entropy, "check_softmax_cross_entropy", "my_softmax, my_cross_entropy"
    )
    try:
        for logits in (_LOGITS, _SQUARE, _LARGE[:1], _LARGE[1:], _APART):
            problem = _softmax_problem(my_softmax, exercise, logits.copy())
            if problem is not None:
                return problem
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` in my_softmax"))
    try:
        for logits, y in ((_LOGITS, _CLASSES), (_CONFIDENT, _CONFIDENT_Y)):
            problem = _cross_entropy_problem(my_cross_entropy, exercise, logits.copy(), y)
            if problem is not None:
                return problem
    except NotAttempted:
        return not_attempted(
            exercise,
            _(
                "my_softmax is right, on ordinary logits and at ±1000. Now replace "
                "`raise NotImplementedError` in my_cross_entropy"
            ),
        )
    return correct(
        exercise,
        _(
            "my_softmax's rows sum to 1 and it is right at logits of ±1000 and on rows 1000 "
            "apart; my_cross_entropy is the mean of log Σⱼ e^(zⱼ) − z_y and stays finite "
            "(1000) where p_y rounds to 0."
        ),
    )
