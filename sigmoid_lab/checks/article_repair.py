"""Checker for chapter 4's first exercise: repair the article's program so that it runs on
today's NumPy and trains.

:func:`check_article_repair` runs the learner's ``article_labels`` and
``gradient_descent`` on the article's data (the labels, one step, then the article's 1000
steps) and reports the first that is wrong, naming the mistake it looks like: ``np.int``
still there, the bias missing, a broadcast that makes a (1000, 1000) array, a transposed
gradient, and more. The article's code exactly as printed gets "not attempted yet". Both
names here are importable from :mod:`sigmoid_lab.checks.training` too, with the chapter's
other checkers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.article import ARTICLE_CODE
from sigmoid_lab.checks._core import (
    CheckResult,
    NotAttempted,
    call_learner,
    correct,
    describe_error,
    not_attempted,
    require_callable,
    wrong,
)
from sigmoid_lab.data import make_seed_data
from sigmoid_lab.i18n import gettext as _

__all__ = ["ARTICLE_LABELS", "check_article_repair"]


def _article_function(name: str):
    """The code object of one function in the article's program, compiled, never run."""
    module = compile(ARTICLE_CODE, "<article>", "exec")
    return next(c for c in module.co_consts if getattr(c, "co_name", None) == name)


#: The exercise's starting point for the labels: the article's line, in a function.
ARTICLE_LABELS = "def article_labels(X):\n    return (X[:, 0] > 0).astype(np.int)\n"


def _labels_function():
    module = compile(ARTICLE_LABELS, "<article>", "exec")
    return next(c for c in module.co_consts if getattr(c, "co_name", None) == "article_labels")


def _same_code(func, reference) -> bool:
    """True when ``func`` compiles to exactly ``reference``: the article's code, untouched."""
    code = getattr(func, "__code__", None)
    if code is None:
        return False
    return (
        code.co_code == reference.co_code
        and code.co_names == reference.co_names
        and code.co_varnames == reference.co_varnames
        and code.co_consts == reference.co_consts
    )


_REMOVED_ALIAS = re.compile(r"module 'numpy' has no attribute '(int|float|bool|object|long)'")

# The data the checker runs the repaired program on: the article's, 1000 points.
_REPAIR_SEED = 0
_REPAIR_START_SEED = 4


def _with_ones(X: np.ndarray) -> np.ndarray:
    return np.column_stack([X, np.ones(len(X))])


def _descend(A: np.ndarray, y: np.ndarray, theta: np.ndarray, alpha: float, iterations: int):
    """Gradient descent on the mean log-loss, every vector flat: the repaired article."""
    for _step in range(iterations):
        theta = theta - alpha * (A.T @ (sigmoid(A @ theta) - y)) / len(y)
    return theta


def _shape_problem(shape: tuple[int, ...], m: int, where: str) -> str | None:
    """What a theta of the wrong shape after one step says about the code.

    ``where`` says when, already translated: "After one step", "After 1000 steps".
    """
    if shape in {(3, 1), (3,)}:
        return None
    if m in shape:
        return _(
            "{where} theta has shape {shape}: that is the article's broadcasting bug. "
            "hypothesis = sigmoid(X.dot(theta)) is a ({m}, 1) column, because theta is a "
            "column, and y is a flat ({m},) array; hypothesis - y broadcasts the two to a "
            "({m}, {m}) array, every prediction minus every label, and the gradient "
            "inherits the extra axis. Print the shapes, and make every vector flat, or "
            "every vector a column."
        ).format(where=where, shape=shape, m=m)
    if shape == (3, 3):
        return _(
            "{where} theta has shape (3, 3): the gradient is a row of shape (1, 3) and "
            "theta a column of shape (3, 1), and theta - alpha * gradient broadcasts the two "
            "to a 3 × 3 array. The gradient must have theta's shape: it is transposed."
        ).format(where=where)
    if 2 in shape and 3 not in shape:
        return _(
            "{where} theta has shape {shape}: theta holds three numbers, w₁, w₂ and the "
            "bias b, and all three are trained."
        ).format(where=where, shape=shape)
    if shape == (1, 3):
        return _(
            "{where} theta has shape (1, 3), a row: return it as it came in, a column of "
            "shape (3, 1), or flat, shape (3,)."
        ).format(where=where)
    return _(
        "{where} theta has shape {shape}; it should hold three numbers, shape (3, 1) or (3,)."
    ).format(where=where, shape=shape)


def _repair_error(error: Exception, m: int) -> str:
    """An exception from the learner's gradient_descent, in terms of the article's code."""
    text = str(error)
    if isinstance(error, ValueError) and "non-broadcastable output operand" in text:
        target = re.search(r"broadcast shape \(([^)]*)\)", text)
        shape = tuple(int(s) for s in re.findall(r"\d+", target.group(1))) if target else ()
        if m in shape:
            return _(
                "theta -= alpha * gradient cannot store a gradient of shape {shape} in "
                "theta, of shape (3, 1): that is the article's broadcasting bug. hypothesis "
                "= sigmoid(X.dot(theta)) is a ({m}, 1) column, because theta is a column, "
                "and y is a flat ({m},) array; hypothesis - y broadcasts the two to a "
                "({m}, {m}) array, every prediction minus every label. Print the shapes, "
                "and make every vector flat, or every vector a column."
            ).format(shape=shape, m=m)
        if shape == (3, 3):
            return _(
                "theta -= alpha * gradient cannot store a (3, 3) result in theta, of shape "
                "(3, 1): the gradient is a row, shape (1, 3), and broadcasting a row against "
                "a column makes a 3 × 3 array. The gradient is transposed: it must have "
                "theta's shape."
            )
    inner = re.search(r"(\d+) \(dim \d\) != (\d+) \(dim \d\)", text) or re.search(
        r"size (\d+) is different from (\d+)", text
    )
    sizes = {int(inner.group(1)), int(inner.group(2))} if inner else set()
    if isinstance(error, ValueError) and sizes == {2, 3}:
        return _(
            "X.dot(theta) cannot multiply X, with 2 columns (x₁, x₂), by theta, with 3 "
            "numbers (w₁, w₂, b): the bias is missing from the model. Give the bias its own "
            "column: a column of ones appended to X, whose weight is b, or add theta[2] to "
            "the product of X with the weights."
        )
    if isinstance(error, ValueError) and m in sizes and sizes <= {1, 3, m}:
        return _(
            "The product of the data ({m} × 3, with the column of ones) and the {m} errors "
            "hypothesis - y does not line up: X.dot(hypothesis - y), and "
            "(hypothesis - y).dot(X) with the errors as a ({m}, 1) column, multiply the "
            "wrong axes. The gradient sums over the {m} examples, which lie along the "
            "data's rows: use X.T. X.T.dot(hypothesis - y) has the shape of theta."
        ).format(m=m)
    if isinstance(error, ValueError) and "same number of dimensions" in text:
        return _(
            "The arrays you join have different numbers of axes: X is 2-D, ({m}, 2), so "
            "the column of ones must be 2-D too, np.ones(({m}, 1)); np.column_stack joins "
            "a flat np.ones(m) as a column by itself."
        ).format(m=m)
    return describe_error(
        error,
        _(
            "The article's shapes: X (1000, 2), y (1000,), theta (3, 1); print each shape "
            "inside the loop to find the one that does not fit."
        ),
    )


def _returned_theta(call, exercise: str, m: int) -> np.ndarray | CheckResult:
    """The theta gradient_descent returned, as a float array, or the "Not yet" that names
    what came back instead (``m``: the number of points, for a shape error)."""
    if call.error is not None:
        return wrong(exercise, _repair_error(call.error, m))
    if call.value is None:
        return wrong(exercise, _("gradient_descent returned None: did you forget `return`?"))
    try:
        return np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return wrong(exercise, _("gradient_descent should return theta, an array of 3 numbers."))


def check_article_repair(article_labels: Callable, gradient_descent: Callable) -> CheckResult:
    """Check the learner's repair of the article's program, run on the article's data.

    ``article_labels(X)`` returns the labels of the points ``X`` (the article's
    ``y = (X[:, 0] > 0).astype(np.int)``), and ``gradient_descent(X, y, theta, alpha,
    iterations)`` trains logistic regression with a bias, ``theta`` holding w₁, w₂ and b,
    a column of shape (3, 1) like the article's. The checker runs them on 1000 points of
    the article's data: the labels, one step of α = 0.5, then the article's 1000 steps of
    α = 0.01, and reports the first that is wrong.

    Names these mistakes: ``np.int`` still there; the bias missing (X, with 2 columns,
    times a theta of 3; or a bias that never moves); the (1000, 1) − (1000,) broadcast that
    makes a (1000, 1000) array; the transposed gradient; ``X.dot(p − y)`` with columns,
    where ``X.T`` is meant; a sign slip, a sum where the mean is meant, the bias placed
    first; a loop that takes one step or reuses the first gradient; ``None`` returned.

    Parameters
    ----------
    article_labels, gradient_descent : callable
        The learner's repaired functions.

    Returns
    -------
    CheckResult
        "not attempted" while both functions are still the article's code as printed.

    Examples
    --------
    >>> import numpy as np
    >>> from sigmoid_lab.activations import sigmoid
    >>> def labels(X):
    ...     return (X[:, 0] > 0).astype(int)
    >>> def descend(X, y, theta, alpha, iterations):
    ...     A, theta = np.column_stack([X, np.ones(len(X))]), theta.ravel()
    ...     for _ in range(iterations):
    ...         theta = theta - alpha * A.T @ (sigmoid(A @ theta) - y) / len(y)
    ...     return theta
    >>> check_article_repair(labels, descend).passed
    True
    """
    exercise = _("repair the article's code")
    require_callable(article_labels, "check_article_repair", "article_labels, gradient_descent")
    require_callable(gradient_descent, "check_article_repair", "article_labels, gradient_descent")
    if _same_code(article_labels, _labels_function()) and _same_code(
        gradient_descent, _article_function("gradient_descent")
    ):
        return not_attempted(
            exercise,
            _(
                "Both functions are still the article's code, exactly as printed. Repair them "
                "so that they train a model with a bias on today's NumPy"
            ),
        )
    X = make_seed_data(1000, seed=_REPAIR_SEED)[0]
    m = len(X)
    truth = (X[:, 0] > 0).astype(np.int64)
    try:
        call = call_learner(article_labels, X.copy())
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your labels"))
    if call.error is not None:
        alias = _REMOVED_ALIAS.search(str(call.error))
        if isinstance(call.error, AttributeError) and alias:
            name = alias.group(1)
            return wrong(
                exercise,
                _(
                    "article_labels still uses np.{name}: NumPy deprecated this alias of "
                    "Python's {name} in version 1.20 and removed it in 1.24 (section 4.1), so "
                    "it stops there. Write the builtin {name} itself."
                ).format(name=name),
            )
        return wrong(
            exercise, _("article_labels: {error}").format(error=describe_error(call.error))
        )
    if call.value is None:
        return wrong(exercise, _("article_labels returned None: did you forget `return`?"))
    labels = np.asarray(call.value)
    if labels.shape not in {(m,), (m, 1)}:
        return wrong(
            exercise,
            _(
                "article_labels returned shape {shape} for {m} points; return one label "
                "per point, shape ({m},) or ({m}, 1)."
            ).format(shape=labels.shape, m=m),
        )
    try:
        as_numbers = labels.astype(float).ravel()
    except (TypeError, ValueError):
        return wrong(exercise, _("article_labels should return the labels 0 and 1, as numbers."))
    if not np.array_equal(as_numbers, truth):
        first = int(np.flatnonzero(as_numbers != truth)[0])
        return wrong(
            exercise,
            _(
                "article_labels gives the point x = ({x1:.3f}, {x2:.3f}) the "
                "label {label:g}; the article's label is 1 where x₁ = X[:, 0] > 0 "
                "and 0 elsewhere, so {truth}."
            ).format(x1=X[first, 0], x2=X[first, 1], label=as_numbers[first], truth=truth[first]),
        )
    y = call.value
    A = _with_ones(X)
    start = np.random.default_rng(_REPAIR_START_SEED).normal(size=(3, 1))
    theta0 = start.ravel()

    # Case 1: one step of alpha = 0.5.
    alpha = 0.5
    try:
        call = call_learner(gradient_descent, X.copy(), _copy(y), start.copy(), alpha, 1)
    except NotAttempted:
        return not_attempted(
            exercise, _("Replace `raise NotImplementedError` with your gradient descent")
        )
    theta1 = _returned_theta(call, exercise, m)
    if isinstance(theta1, CheckResult):
        return theta1
    problem = _shape_problem(theta1.shape, m, _("After one step"))
    if problem:
        return wrong(exercise, problem)
    got = (theta0 - theta1.ravel()) / alpha
    p = sigmoid(A @ theta0)
    expected = A.T @ (p - truth) / m
    if not np.allclose(got, expected, rtol=1e-6, atol=1e-9):
        return wrong(exercise, _step_mistake(got, expected, X, truth, theta0, alpha))

    # Case 2: the article's own settings, 1000 steps of alpha = 0.01.
    alpha, iterations = 0.01, 1000
    call = call_learner(gradient_descent, X.copy(), _copy(y), start.copy(), alpha, iterations)
    final = _returned_theta(call, exercise, m)
    if isinstance(final, CheckResult):
        return final
    problem = _shape_problem(
        final.shape, m, _("After {iterations} steps").format(iterations=iterations)
    )
    if problem:
        return wrong(exercise, problem)
    final = final.ravel()
    reference = _descend(A, truth, theta0, alpha, iterations)
    if not np.allclose(final, reference, rtol=1e-7, atol=1e-10):
        one_step = theta0 - alpha * expected
        frozen = theta0 - iterations * alpha * expected
        if np.allclose(final, one_step, rtol=1e-7, atol=1e-10):
            message = _(
                "One step is right, but with iterations = 1000 your function still takes "
                "only one: the update must sit inside the loop."
            )
        elif np.allclose(final, frozen, rtol=1e-7, atol=1e-10):
            message = _(
                "One step is right, but every later step reuses the first gradient: compute "
                "the hypothesis from the updated theta inside the loop."
            )
        else:
            message = _(
                "One step is right, but after the article's 1000 steps of alpha = 0.01 "
                "theta is {theta}, where gradient descent gives "
                "{reference}: check that each step starts from the "
                "theta of the step before."
            ).format(theta=np.round(final, 4).tolist(), reference=np.round(reference, 4).tolist())
        return wrong(exercise, message)
    accuracy = float(np.mean((A @ final > 0) == truth))
    return correct(
        exercise,
        _(
            "labels without np.int, a bias, and vectors whose shapes fit: one step of alpha = "
            "0.5, and the article's 1000 steps of alpha = 0.01 from a (3, 1) start, match "
            "gradient descent on the mean log-loss, ending at (w₁, w₂, b) = "
            "{theta} with training accuracy {accuracy:.3f}."
        ).format(theta=tuple(round(float(v), 3) for v in final), accuracy=accuracy),
    )


def _copy(value):
    return value.copy() if hasattr(value, "copy") else value


def _step_mistake(got, expected, X, y, theta0, alpha) -> str:
    """Name the mistake a wrong first step looks like, from the gradient it implies."""
    m = len(y)
    A = _with_ones(X)
    weights_only = X.T @ (sigmoid(X @ theta0[:2]) - y) / m
    ones_first = np.column_stack([np.ones(m), X])
    candidates = [
        (
            np.append(weights_only, 0.0),
            _(
                "The bias never changes: theta[2] is still where it started after a step. The "
                "model needs b inside the logit, z = w₁x₁ + w₂x₂ + b, and b needs its own "
                "gradient, the mean of hypothesis - y."
            ),
        ),
        (
            A.T @ (sigmoid(X @ theta0[:2]) - y) / m,
            _(
                "The bias is updated but never used: the logit is computed from x₁ and x₂ "
                "alone. Put b inside it, z = w₁x₁ + w₂x₂ + b."
            ),
        ),
        (
            ones_first.T @ (sigmoid(ones_first @ theta0) - y) / m,
            _(
                "The column of ones comes first, so theta[0] acts as the bias; the exercise "
                "keeps theta as (w₁, w₂, b), the bias last: append the ones after x₂."
            ),
        ),
        (
            -expected,
            _(
                "A sign slip: your step goes up the loss. The gradient is the mean of "
                "(hypothesis - y) times the inputs, and gradient descent subtracts it."
            ),
        ),
        (
            expected * m,
            _(
                "Your step is {m} times too large: you sum over the examples. The loss is a "
                "mean, so the gradient is divided by m = len(y)."
            ).format(m=m),
        ),
        (
            A.T @ (sigmoid(A @ theta0) - (1 - y)) / m,
            _("The labels are swapped: use y, not 1 - y."),
        ),
        (
            A.T @ (A @ theta0 - y) / m,
            _(
                "σ is missing: that is the gradient of least squares on the raw logit. Apply "
                "the sigmoid to X.dot(theta) first."
            ),
        ),
    ]
    for candidate, message in candidates:
        if np.allclose(got, candidate, rtol=1e-6, atol=1e-9):
            return message
    ratio = got @ expected / (expected @ expected)
    if np.allclose(got, ratio * expected, rtol=1e-6, atol=1e-9):
        return _(
            "Your step is {ratio:.4g} times the gradient step: check that you use the "
            "alpha you are given and divide by m = len(y) once."
        ).format(ratio=ratio)
    return _(
        "After one step of alpha = {alpha:g} from theta = {start}, "
        "your theta is {theta}; gradient descent on "
        "the mean log-loss gives {expected}."
    ).format(
        alpha=alpha,
        start=np.round(theta0, 4).tolist(),
        theta=np.round(theta0 - alpha * got, 4).tolist(),
        expected=np.round(theta0 - alpha * expected, 4).tolist(),
    )
