"""Checkers for chapter 4: the logistic-regression gradient and the loss from logits.

Each checker calls the learner's function on fixed inputs, compares it with the package's
answer and, when it differs, with each typical mistake, so the message can say which one it
looks like. An untouched placeholder (``raise NotImplementedError``) gets "not attempted yet".
The verdict is the :class:`~sigmoid_lab.checks._core.CheckResult` every chapter uses.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks._core import describe_error as _describe_error
from sigmoid_lab.checks._tails import SILENCED

__all__ = ["CheckResult", "check_logistic_gradient", "check_loss_from_logits"]


def _passed(exercise: str, message: str) -> CheckResult:
    """A passing verdict."""
    return CheckResult(exercise, "passed", message)


def _failed(exercise: str, message: str) -> CheckResult:
    """A failing verdict that names the mistake."""
    return CheckResult(exercise, "failed", message)


def _not_attempted(exercise: str, message: str) -> CheckResult:
    """The verdict for an untouched placeholder."""
    return CheckResult(exercise, "not attempted", message)


def _call_quietly(func: Callable, *args, **kwargs):
    """Call the learner's function, collecting NumPy's warnings instead of printing them.

    Returns ``(value, exception, warnings)``: exactly one of value and exception is set. The
    warnings are kept so a checker can name an overflow, and are not printed, so a notebook's
    output does not depend on the file a warning came from.
    """
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        try:
            value = func(*args, **kwargs)
        except NotImplementedError:
            raise
        except Exception as error:
            return None, error, list(caught)
    return value, None, list(caught)


def _check_callable(func, checker: str, expected: str) -> None:
    if not callable(func):
        raise TypeError(
            f"{checker}: pass your function itself, e.g. {checker}({expected}), not "
            f"{type(func).__name__}."
        )


def _gradient_case(seed: int, m: int, d: int, scale: float):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, d))
    y = (rng.random(m) < sigmoid(X @ rng.normal(size=d))).astype(np.int64)
    theta = scale * rng.normal(size=d)
    return X, y, theta


def check_logistic_gradient(func: Callable) -> CheckResult:
    """Check ``func(X, y, theta)``: the gradient of the mean cross-entropy of logistic regression.

    The expected answer is ``X.T @ (sigmoid(X @ theta) - y) / m`` with ``X`` shaped (m, d),
    ``y`` (m,) and ``theta`` (d,), returning shape (d,), and leaving ``theta`` unchanged.

    Parameters
    ----------
    func : callable
        The learner's ``logistic_gradient``.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> import numpy as np
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_logistic_gradient(lambda X, y, t: X.T @ (sigmoid(X @ t) - y) / len(y)).passed
    True
    """
    name = "logistic gradient"
    _check_callable(func, "check_logistic_gradient", "logistic_gradient")
    # Three features, so an answer that only works for the article's two fails.
    X, y, theta = _gradient_case(seed=4, m=40, d=3, scale=0.7)
    theta_before = theta.copy()
    try:
        value, error, _ = _call_quietly(func, X, y, theta)
    except NotImplementedError:
        return _not_attempted(name, "Replace `raise NotImplementedError` with your gradient.")
    if error is not None:
        hint = (
            "With X of shape (m, d) and p − y of shape (m,), the gradient X.T @ (p − y) / m "
            "has shape (d,): one number per weight."
        )
        return _failed(name, _describe_error(error, hint))
    if not np.array_equal(theta, theta_before):
        return _failed(
            name,
            "your function changed theta in place (theta -= … inside it?). Compute and return "
            "the gradient; let the training loop take the step.",
        )
    try:
        grad = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return _failed(name, f"return an array of numbers, not {type(value).__name__}.")
    m, d = X.shape
    if grad.shape != (d,):
        if grad.shape in {(m, m), (d, m), (m, d)} or m in grad.shape:
            return _failed(
                name,
                f"the result has shape {grad.shape}, not ({d},): that is the broadcasting "
                "bug. A column (m, 1) minus a flat (m,) array makes an (m, m) matrix. Keep "
                "theta, X @ theta and y all flat (1-D).",
            )
        if grad.shape == (d, 1) or grad.shape == (1, d):
            return _failed(
                name,
                f"the result has shape {grad.shape}; return a flat array of shape ({d},) "
                "like theta: keep every vector 1-D, or flatten the result with "
                "np.ravel(...), which works for any array-like.",
            )
        return _failed(name, f"the result has shape {grad.shape}; expected ({d},) like theta.")
    p = sigmoid(X @ theta)
    expected = X.T @ (p - y) / m
    if np.allclose(grad, expected, rtol=1e-6, atol=1e-12):
        return _passed(
            name,
            f"shape ({d},) like theta, values match X.T @ (σ(Xθ) − y) / m, and theta is "
            "left unchanged.",
        )
    mistakes = [
        (
            -expected,
            "the sign is flipped: use (σ(Xθ) − y), not (y − σ(Xθ)); with the flip, "
            "gradient descent climbs the loss.",
        ),
        (expected * m, "you summed over the samples; divide by m = len(y) for the mean loss."),
        (
            X.T @ (X @ theta - y) / m,
            "σ is missing: that is the gradient of least squares on "
            "the raw score. Apply sigmoid to X @ theta first.",
        ),
        (
            X.T @ ((p - y) * p * (1 - p)) / m,
            "that is the gradient of the squared error "
            "(p − y)²/2; for the cross-entropy the factor σ′ = p(1 − p) cancels.",
        ),
        (
            X.T @ (sigmoid(-(X @ theta)) - y) / m,
            "σ(−Xθ) instead of σ(Xθ): check the sign inside the sigmoid.",
        ),
        (X.T @ (p - (1 - y)) / m, "the labels are swapped: use y, not 1 − y."),
    ]
    for candidate, message in mistakes:
        if np.allclose(grad, candidate, rtol=1e-6, atol=1e-12):
            return _failed(name, message)
    return _failed(
        name,
        "shape is right but the values differ from X.T @ (σ(Xθ) − y) / m. Compare your "
        "steps with that formula on a tiny example.",
    )


def _big_logit_mistake(z: float, got: float, want: float, overflow: bool) -> str:
    """What a wrong loss at confident logits (z = ±40, or ±800) looks like.

    Judged on the value, not on a warning, which the learner may have silenced.
    """
    shown = f"{got:.6g}" if np.isfinite(got) else str(got)
    fix = "Work from the logit: log(1 + e^z) − y·z, with np.logaddexp(0, z) for log(1 + e^z)."
    if np.isfinite(got) and got < want:
        return (
            f"at z = ±{z:g} you get {shown} instead of {want:.4g}: a smaller loss, as clipping "
            "gives (np.clip of z, or of p to [eps, 1 − eps]). The loss of a confident wrong "
            "prediction grows without bound, about |z|, and clipping caps it, so training "
            f"hears less about its worst mistakes. {fix}"
        )
    if z == 40.0:
        return (
            f"correct for small logits, but at z = ±40 you get {shown} instead of "
            f"{want:.4g}: σ(40) rounds to 1.0, so log(1 − p) = −inf. {fix}"
        )
    if not np.isfinite(got):
        silenced = "" if overflow else f" {SILENCED}"
        return (
            f"correct up to z = ±40, but at z = ±800 you get {shown} instead of {want:.4g}: "
            f"np.exp(800) overflows to inf in float64.{silenced} np.logaddexp(0, z) "
            "computes log(1 + e^z) without forming e^z."
        )
    return (
        f"correct up to z = ±40, but at z = ±800 you get {shown} instead of {want:.4g}. "
        "np.logaddexp(0, z) computes log(1 + e^z) without forming e^z."
    )


def check_loss_from_logits(func: Callable) -> CheckResult:
    """Check ``func(z, y)``: the mean binary cross-entropy computed from logits.

    The expected answer equals ``-mean(y·log σ(z) + (1 − y)·log(1 − σ(z)))`` and is finite for
    every finite logit, e.g. ``np.mean(np.logaddexp(0, z) - y * z)``.

    Parameters
    ----------
    func : callable
        The learner's ``loss_from_logits``.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> import numpy as np
    >>> check_loss_from_logits(lambda z, y: np.mean(np.logaddexp(0, z) - y * z)).passed
    True
    """
    name = "loss from logits"
    _check_callable(func, "check_loss_from_logits", "loss_from_logits")
    z = np.array([-3.0, -0.5, 0.0, 0.8, 2.5, -1.2])
    y = np.array([0, 1, 1, 0, 1, 0])
    try:
        value, error, _ = _call_quietly(func, z, y)
    except NotImplementedError:
        return _not_attempted(name, "Replace `raise NotImplementedError` with your loss.")
    if error is not None:
        return _failed(name, _describe_error(error))
    value = np.asarray(value, dtype=float)
    expected = np.mean(np.logaddexp(0.0, z) - y * z)
    if value.shape not in {(), (1,)}:
        if value.shape == z.shape and np.allclose(value.mean(), expected):
            return _failed(name, "you returned one loss per sample; return their mean.")
        return _failed(name, f"return one number (the mean loss), not shape {value.shape}.")
    value = float(value.reshape(()))
    moderate = {
        expected: None,
        -expected: "the loss is negative: the minus sign in front of the mean is missing.",
        expected * z.size: "you summed over the samples; return the mean.",
        float(np.mean(np.logaddexp(0.0, z) - (1 - y) * z)): (
            "the labels are swapped: y = 1 should pay log(1 + e^(−z))."
        ),
        float(np.mean(np.logaddexp(0.0, -z) - y * z)): (
            "a sign slip inside the log: it is log(1 + e^z) − y·z."
        ),
    }
    for candidate, message in moderate.items():
        if np.isclose(value, candidate, rtol=1e-6):
            if message is not None:
                return _failed(name, message)
            break
    else:
        return _failed(
            name,
            "the value differs from −mean(y·log σ(z) + (1 − y)·log(1 − σ(z))) on small "
            "logits; check the formula before the numerics.",
        )
    # Confident logits: σ(40) rounds to 1.0, and e^800 overflows.
    for z_big, y_big in (
        (np.array([40.0, -40.0, 40.0, -40.0]), np.array([1, 0, 0, 1])),
        (np.array([800.0, -800.0, 3.0]), np.array([0, 1, 1])),
    ):
        try:
            big, error, caught = _call_quietly(func, z_big, y_big)
        except NotImplementedError:
            return _not_attempted(name, "Replace `raise NotImplementedError` with your loss.")
        if error is not None:
            return _failed(name, f"At large logits: {_describe_error(error)}")
        big = float(np.asarray(big, dtype=float).reshape(()))
        want = float(np.mean(np.logaddexp(0.0, z_big) - y_big * z_big))
        overflow = any("overflow" in str(w.message) for w in caught)
        if not np.isfinite(big) or not np.isclose(big, want, rtol=1e-6):
            return _failed(name, _big_logit_mistake(float(z_big[0]), big, want, overflow))
        if overflow:
            return _failed(
                name,
                "the values are right, but NumPy warned of an overflow (np.exp of a large "
                "logit). np.logaddexp(0, z) gives log(1 + e^z) without one.",
            )
    return _passed(
        name,
        "matches the cross-entropy on small logits and stays exact at z = ±40 and ±800, "
        "where σ(z) rounds to 0 or 1.",
    )
