r"""Where the log-loss comes from, and what σ means as a probability.

Logistic regression models each label as a Bernoulli draw, P(y = 1 | x) = σ(z) with the
logit z = x·w + b. The likelihood of n labels is the product of p^y (1 - p)^(1 - y); its
negative logarithm divided by n is the mean log-loss, and from the logit the loss of one
example is softplus(z) - y·z. This module holds the pieces of that derivation, each checkable
with numbers:

- the loss, its gradient Aᵀ(σ(z) - y)/m and its Hessian Aᵀ diag(p(1 - p)) A / n, for the
  parameters θ = (w, b) and the design matrix A = [X, 1];
- a finite-difference gradient and a relative error, to check a gradient written by hand;
- the half squared error ½(σ(z) - y)², the loss whose gradient keeps the factor σ'(z);
- losses along a line in parameter space, and the path of a gradient-descent run;
- the smallest input at which a sigmoid returns exactly 1.0.

What σ means as a probability continues in :mod:`sigmoid_lab.generative` (two Gaussian
classes, whose posterior is exactly a sigmoid) and :mod:`sigmoid_lab.calibration` (checking
on held-out data that predicted probabilities come true).

Every function takes the parameters as one vector ``params`` of d + 1 values, the d weights
followed by the bias (the order :func:`sigmoid_lab.training.train` uses for ``init``).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.activations import sigmoid
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.training import _check_l2 as _l2
from sigmoid_lab.training import train

__all__ = [
    "bernoulli_likelihood",
    "descent_path",
    "finite_difference_gradient",
    "half_squared_error",
    "half_squared_error_gradient",
    "log_loss_gradient",
    "log_loss_hessian",
    "loss_along_line",
    "max_relative_error",
    "mean_log_loss",
    "per_example_log_loss",
    "saturation_threshold",
]


# ------------------------------------------------------------------------------- checks


def _labels(y, n: int | None, func: str) -> np.ndarray:
    labels = as_float_array(y, func=func, name="y", finite=True)
    if labels.ndim == 2 and labels.shape[1] == 1:
        raise ValueError(
            _(
                "{func}() expects y of shape (m,), got a column of shape {shape}. "
                "A column minus a vector broadcasts into an (m, m) matrix; pass "
                "np.ravel(y)."
            ).format(func=func, shape=labels.shape)
        )
    if labels.ndim != 1:
        raise ValueError(
            _("{func}() expects y of shape (m,), got shape {shape}.").format(
                func=func, shape=labels.shape
            )
        )
    if n is not None and labels.shape[0] != n:
        raise ValueError(
            _("{func}() needs one label per row: X has {n} rows, y has {size}.").format(
                func=func, n=n, size=labels.size
            )
        )
    wrong = (labels != 0) & (labels != 1)
    if wrong.any():
        raise ValueError(
            _(
                "{func}() expects labels 0 or 1, found {value!r}. For labels -1/+1 "
                "use (y + 1) / 2."
            ).format(func=func, value=float(labels[wrong][0]))
        )
    return labels.astype(np.float64)


def _features(X, func: str) -> np.ndarray:
    X = as_float_array(X, func=func, name="X", finite=True)
    if X.ndim != 2:
        hint = ""
        if X.ndim == 1:
            hint = _(" One feature must still be a column: np.reshape(X, (-1, 1)).")
        raise ValueError(
            _("{func}() expects X of shape (m, d), got shape {shape}.{hint}").format(
                func=func, shape=X.shape, hint=hint
            )
        )
    if X.shape[0] == 0:
        raise ValueError(
            _("{func}() needs at least one row in X, got shape {shape}.").format(
                func=func, shape=X.shape
            )
        )
    return X.astype(np.float64)


def _params(params, d: int, func: str) -> np.ndarray:
    theta = as_float_array(params, func=func, name="params", finite=True)
    if theta.shape != (d + 1,):
        hint = (
            _(" Append the bias to the weights: np.append(weights, bias).")
            if theta.shape == (d,)
            else ""
        )
        raise ValueError(
            _(
                "{func}() expects params of shape ({value},): {d} weights, then "
                "the bias; got shape {shape}.{hint}"
            ).format(func=func, value=d + 1, d=d, shape=theta.shape, hint=hint)
        )
    return theta.astype(np.float64)


def _problem(params, X, y, func: str):
    """Check (params, X, y) and return them with the design matrix A = [X, 1]."""
    X = _features(X, func)
    labels = None if y is None else _labels(y, X.shape[0], func)
    theta = _params(params, X.shape[1], func)
    design = np.column_stack([X, np.ones(X.shape[0])])
    return theta, design, labels


# ----------------------------------------------------------------------- the log-loss


def per_example_log_loss(logits, y) -> np.ndarray:
    r"""The log-loss of each example from its logit: softplus(z) - y·z.

    .. math:: -\log P(y \mid z) = -[y \log σ(z) + (1 - y) \log(1 - σ(z))]
              = \log(1 + e^{z}) - y z.

    Parameters
    ----------
    logits : array_like, shape (m,)
        The logits z, any finite numbers.
    y : array_like, shape (m,)
        Labels 0 or 1.

    Returns
    -------
    numpy.ndarray, shape (m,)
        One loss per example.

    Raises
    ------
    TypeError, ValueError
        For non-numbers, non-finite logits, shapes that differ, or labels other than 0/1.

    Notes
    -----
    Since softplus(z) - z = softplus(-z), the loss is softplus(z) for y = 0 and
    softplus(-z) for y = 1, that is softplus((1 - 2y)·z), computed with ``np.logaddexp``.
    Subtracting y·z from a rounded softplus(z) instead would lose a loss such as
    softplus(-40) ≈ 4.2e-18 entirely (softplus(40) rounds to 40.0).

    Examples
    --------
    >>> per_example_log_loss([0.0, 40.0], [1, 1])
    array([6.93147181e-01, 4.24835426e-18])
    """
    func = "per_example_log_loss"
    z = as_float_array(logits, func=func, name="logits", finite=True).astype(np.float64)
    if z.ndim != 1:
        raise ValueError(
            _("{func}() expects logits of shape (m,), got shape {shape}.").format(
                func=func, shape=z.shape
            )
        )
    labels = _labels(y, z.shape[0], func)
    return np.logaddexp(0.0, (1.0 - 2.0 * labels) * z)


def bernoulli_likelihood(p, y) -> float:
    r"""The likelihood of labels drawn as Bernoulli(p): the product of p^y (1 - p)^(1 - y).

    Parameters
    ----------
    p : array_like, shape (m,)
        The probability of label 1 for each example, in [0, 1].
    y : array_like, shape (m,)
        The observed labels, 0 or 1.

    Returns
    -------
    float
        The product, computed directly. Each factor is at most 1, so for a few thousand
        examples the exact product falls below the smallest positive float64 (about
        4.9e-324) and the computed one means nothing; training works with its logarithm,
        a sum.

    Raises
    ------
    TypeError, ValueError
        For non-numbers, p outside [0, 1], shapes that differ, or labels other than 0/1.

    Examples
    --------
    >>> bernoulli_likelihood([0.9, 0.5], [1, 0])  # 0.9 · (1 - 0.5)
    0.45
    """
    func = "bernoulli_likelihood"
    p = as_float_array(p, func=func, name="p", finite=True).astype(np.float64)
    if p.ndim != 1:
        raise ValueError(
            _("{func}() expects p of shape (m,), got shape {shape}.").format(
                func=func, shape=p.shape
            )
        )
    if np.any((p < 0) | (p > 1)):
        raise ValueError(
            _("{func}() expects probabilities p in [0, 1]; logits need sigmoid(z).").format(
                func=func
            )
        )
    labels = _labels(y, p.shape[0], func)
    return float(np.prod(np.where(labels == 1, p, 1.0 - p)))


def mean_log_loss(params, X, y, *, l2=0.0) -> float:
    r"""The objective logistic regression minimises: mean log-loss plus (l2/2)·‖w‖₂².

    .. math:: J(θ) = \frac{1}{n}\sum_i [\operatorname{softplus}(z_i) - y_i z_i]
              + \frac{l_2}{2}\lVert w\rVert_2^2, \qquad z = Aθ,\ A = [X, 1],

    the same objective as :func:`sigmoid_lab.training.train` (the bias is not penalised).

    Parameters
    ----------
    params : array_like, shape (d + 1,)
        The weights, then the bias.
    X : array_like, shape (m, d)
        Features.
    y : array_like, shape (m,)
        Labels 0 or 1.
    l2 : float, default 0.0
        The penalty weight.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        For non-numbers, non-finite values, wrong shapes (params must hold d + 1 values),
        labels other than 0/1, or a negative ``l2``.
    """
    func = "mean_log_loss"
    theta, design, labels = _problem(params, X, y, func)
    l2 = _l2(l2, func)
    losses = np.logaddexp(0.0, (1.0 - 2.0 * labels) * (design @ theta))
    return float(np.mean(losses) + 0.5 * l2 * theta[:-1] @ theta[:-1])


def log_loss_gradient(params, X, y, *, l2=0.0) -> np.ndarray:
    r"""The gradient of :func:`mean_log_loss`: Aᵀ(σ(z) - y)/m, plus l2·w for the weights.

    The derivative of softplus(z) - y·z with respect to z is σ(z) - y; the chain rule
    through z = Aθ multiplies it by Aᵀ. Written through p = σ(z) instead, the factor
    dℓ/dp = (p - y)/(p(1 - p)) meets σ'(z) = p(1 - p), and the two cancel.

    Parameters
    ----------
    params, X, y, l2
        As :func:`mean_log_loss`.

    Returns
    -------
    numpy.ndarray, shape (d + 1,)
        ∂J/∂w, then ∂J/∂b.

    Raises
    ------
    TypeError, ValueError
        As :func:`mean_log_loss`.
    """
    func = "log_loss_gradient"
    theta, design, labels = _problem(params, X, y, func)
    l2 = _l2(l2, func)
    gradient = design.T @ (sigmoid(design @ theta) - labels) / design.shape[0]
    gradient[:-1] += l2 * theta[:-1]
    return gradient


def log_loss_hessian(params, X, *, l2=0.0) -> np.ndarray:
    r"""The Hessian of :func:`mean_log_loss`: Aᵀ diag(p(1 - p)) A / n, plus l2 on the weights.

    For any vector v, vᵀHv = (1/m)·Σ p_i(1 - p_i)·(a_i·v)² + l2·‖v_w‖² >= 0, so H is
    positive semidefinite at every θ and the objective is convex. It does not depend on y.

    Parameters
    ----------
    params : array_like, shape (d + 1,)
        The weights, then the bias.
    X : array_like, shape (m, d)
        Features.
    l2 : float, default 0.0
        The penalty weight (added to the diagonal entries of the weights, not the bias).

    Returns
    -------
    numpy.ndarray, shape (d + 1, d + 1)
        Symmetric.

    Raises
    ------
    TypeError, ValueError
        As :func:`mean_log_loss`.
    """
    func = "log_loss_hessian"
    theta, design, _labels = _problem(params, X, None, func)
    l2 = _l2(l2, func)
    z = design @ theta
    # σ(z)σ(-z) equals p(1 - p) without the cancellation of 1 - p when p is close to 1.
    curvature = sigmoid(z) * sigmoid(-z)
    hessian = design.T @ (design * curvature[:, None]) / design.shape[0]
    # The product is symmetric only up to rounding; averaging makes it exactly so.
    hessian = 0.5 * (hessian + hessian.T)
    hessian[np.arange(theta.size - 1), np.arange(theta.size - 1)] += l2
    return hessian


def half_squared_error(params, X, y) -> float:
    r"""The mean half squared error of the probabilities: (1/m)·Σ ½(σ(z_i) - y_i)².

    Parameters
    ----------
    params, X, y
        As :func:`mean_log_loss`.

    Returns
    -------
    float
        Between 0 and ½ for any parameters, which is why it cannot be convex along a line on
        which it changes (a convex function bounded on a whole line is constant on it).

    Raises
    ------
    TypeError, ValueError
        As :func:`mean_log_loss`.
    """
    theta, design, labels = _problem(params, X, y, "half_squared_error")
    return float(np.mean(0.5 * (sigmoid(design @ theta) - labels) ** 2))


def half_squared_error_gradient(params, X, y) -> np.ndarray:
    r"""The gradient of :func:`half_squared_error`: Aᵀ[(σ(z) - y)·σ'(z)]/n.

    Compared with :func:`log_loss_gradient`, each example's term carries the extra factor
    σ'(z) = σ(z)(1 - σ(z)) <= 1/4, which is tiny where |z| is large: a confidently wrong
    example passes back almost nothing.

    Parameters
    ----------
    params, X, y
        As :func:`mean_log_loss`.

    Returns
    -------
    numpy.ndarray, shape (d + 1,)

    Raises
    ------
    TypeError, ValueError
        As :func:`mean_log_loss`.
    """
    theta, design, labels = _problem(params, X, y, "half_squared_error_gradient")
    z = design @ theta
    p = sigmoid(z)
    return design.T @ ((p - labels) * p * sigmoid(-z)) / design.shape[0]


# ------------------------------------------------------------- checks and explorations


def finite_difference_gradient(func: Callable, params, *, step=1e-5) -> np.ndarray:
    r"""The central-difference gradient of a scalar function: (f(θ + h·e_i) - f(θ - h·e_i))/2h.

    The truncation error is O(h²) and the rounding error O(ε·|f|/h); h = 1e-5 balances them
    for float64 (ε ≈ 2.2e-16) when θ and f are of order 1. Each step is scaled by
    max(1, |θ_i|).

    Parameters
    ----------
    func : callable
        ``func(theta)`` returns a float for a vector shaped like ``params``.
    params : array_like, shape (k,)
        Where to differentiate.
    step : float, default 1e-5
        The relative step h, positive.

    Returns
    -------
    numpy.ndarray, shape (k,)

    Raises
    ------
    TypeError, ValueError
        If ``func`` is not callable, ``params`` is not a finite 1-D vector, or ``step`` is
        not a positive number.
    """
    name = "finite_difference_gradient"
    if not callable(func):
        raise TypeError(
            _("{name}() expects func to be a function of the parameters.").format(name=name)
        )
    theta = as_float_array(params, func=name, name="params", finite=True).astype(np.float64)
    if theta.ndim != 1:
        raise ValueError(
            _("{name}() expects params of shape (k,), got shape {shape}.").format(
                name=name, shape=theta.shape
            )
        )
    if isinstance(step, bool) or not isinstance(step, numbers.Real) or not step > 0:
        raise ValueError(
            _("{name}() expects step to be a positive number, got {step!r}.").format(
                name=name, step=step
            )
        )
    gradient = np.empty_like(theta)
    for i in range(theta.size):
        h = step * max(1.0, abs(theta[i]))
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        gradient[i] = (func(up) - func(down)) / (up[i] - down[i])
    return gradient


def max_relative_error(approx, exact) -> float:
    r"""The largest elementwise relative error max_i |a_i - e_i| / max(|a_i|, |e_i|).

    A pair of zeros counts as no error. The measure is meaningful where the components are
    not themselves rounding noise, for example a gradient away from a minimum.

    Parameters
    ----------
    approx, exact : array_like, same shape
        Finite numbers.

    Returns
    -------
    float
        Between 0 and 1 for components of the same sign; up to 2 when signs differ.

    Raises
    ------
    TypeError, ValueError
        For non-numbers, non-finite values or different shapes.
    """
    func = "max_relative_error"
    a = as_float_array(approx, func=func, name="approx", finite=True).astype(np.float64)
    e = as_float_array(exact, func=func, name="exact", finite=True).astype(np.float64)
    if a.shape != e.shape:
        raise ValueError(
            _("{func}() expects arrays of the same shape, got {shape}, {shape2}.").format(
                func=func, shape=a.shape, shape2=e.shape
            )
        )
    scale = np.maximum(np.abs(a), np.abs(e))
    ratio = np.divide(np.abs(a - e), scale, out=np.zeros_like(scale), where=scale > 0)
    return float(np.max(ratio, initial=0.0))


def loss_along_line(func: Callable, start, direction, t) -> np.ndarray:
    r"""Evaluate ``func`` at the points θ(t) = start + t·direction of a line.

    A function is convex exactly when it is convex along every line, so the values along
    one line can refute convexity (a negative second difference) but never prove it.

    Parameters
    ----------
    func : callable
        ``func(theta)`` returns a float.
    start, direction : array_like, shape (k,)
        A point on the line and its direction.
    t : array_like, shape (m,)
        Positions along the line.

    Returns
    -------
    numpy.ndarray, shape (m,)

    Raises
    ------
    TypeError, ValueError
        If ``func`` is not callable, or the vectors are not finite 1-D arrays of one length.
    """
    name = "loss_along_line"
    if not callable(func):
        raise TypeError(
            _("{name}() expects func to be a function of the parameters.").format(name=name)
        )
    start = as_float_array(start, func=name, name="start", finite=True).astype(np.float64)
    direction = as_float_array(direction, func=name, name="direction", finite=True)
    t = as_float_array(t, func=name, name="t", finite=True).astype(np.float64)
    if start.ndim != 1 or direction.shape != start.shape or t.ndim != 1:
        raise ValueError(
            _(
                "{name}() expects start and direction of one shape (k,) and t of "
                "shape (m,), got {shape}, {shape2} and {shape3}."
            ).format(name=name, shape=start.shape, shape2=direction.shape, shape3=t.shape)
        )
    return np.array([func(start + position * direction) for position in t])


def descent_path(X, y, *, lr="auto", iterations=100, l2=0.0, init=None) -> np.ndarray:
    r"""The parameters after each step of :func:`sigmoid_lab.training.train`.

    Parameters
    ----------
    X, y
        The data, as for :func:`~sigmoid_lab.training.train`.
    lr, iterations, l2, init
        Passed to :func:`~sigmoid_lab.training.train` (``init`` may hold d + 1 values, the
        bias last).

    Returns
    -------
    numpy.ndarray, shape (iterations + 1, d + 1)
        Row t holds the weights and the bias after t steps; row 0 is the start.

    Raises
    ------
    TypeError, ValueError, sigmoid_lab.training.TrainingError
        As :func:`~sigmoid_lab.training.train`.
    """
    rows = []
    train(
        X,
        y,
        lr=lr,
        iterations=iterations,
        l2=l2,
        init=init,
        callback=lambda _iteration, state: rows.append(np.append(state.weights, state.bias)),
    )
    return np.array(rows)


# ------------------------------------------------------------------ rounding to 1.0


def saturation_threshold(func: Callable = sigmoid, *, low=0.0, high=1000.0) -> float:
    r"""The smallest float64 x in [low, high] at which ``func(x)`` returns exactly 1.0.

    Found by bisection over the float64 numbers themselves (their bit patterns are ordered
    like their values for x >= 0), so the answer is exact for a function that is
    nondecreasing on [low, high].

    Parameters
    ----------
    func : callable, default :func:`sigmoid_lab.activations.sigmoid`
        A nondecreasing function of one float that returns a number.
    low, high : float
        The search interval, 0 <= low < high; ``func(low)`` must be below 1.0 and
        ``func(high)`` equal to 1.0.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If ``func`` is not callable, the interval is invalid, or ``func`` does not go from
        below 1.0 at ``low`` to 1.0 at ``high``.

    Examples
    --------
    >>> saturation_threshold()  # where 1 / (1 + e^-x) rounds to 1.0, near 53·ln 2
    36.73680056967711
    """
    name = "saturation_threshold"
    if not callable(func):
        raise TypeError(
            _("{name}() expects func to be a function of one float.").format(name=name)
        )
    for bound in (low, high):
        if isinstance(bound, bool) or not isinstance(bound, numbers.Real):
            raise TypeError(
                _("{name}() expects low and high to be numbers, got {bound!r}.").format(
                    name=name, bound=bound
                )
            )
    if not (np.isfinite(low) and np.isfinite(high) and 0 <= low < high):
        raise ValueError(
            _("{name}() expects 0 <= low < high, got low={low!r}, high={high!r}.").format(
                name=name, low=low, high=high
            )
        )
    if float(func(float(low))) == 1.0 or float(func(float(high))) != 1.0:
        raise ValueError(
            _("{name}() needs func(low) < 1.0 and func(high) == 1.0; widen [low, high].").format(
                name=name
            )
        )
    # + 0.0 turns -0.0, whose sign bit would put it below every other pattern, into 0.0.
    below = int(np.float64(low + 0.0).view(np.int64))
    above = int(np.float64(high).view(np.int64))
    while above - below > 1:
        middle = (below + above) // 2
        if float(func(float(np.int64(middle).view(np.float64)))) == 1.0:
            above = middle
        else:
            below = middle
    return float(np.int64(above).view(np.float64))
