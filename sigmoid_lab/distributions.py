"""The standard logistic distribution: σ is its CDF and the logit its quantile function.

A random variable X has the standard logistic distribution when P(X ≤ x) = σ(x) for every
x. Its quantile function, the inverse of the CDF, is then the logit: the p-quantile is
logit(p) = ln(p / (1 − p)). Its density is σ′(x) = σ(x)(1 − σ(x)), a bell curve with mean 0
and variance π²/3 (Johnson, Kotz and Balakrishnan, *Continuous Univariate Distributions*,
vol. 2, 2nd ed., 1995, chapter 23). Sampling uses the inverse transform: if U is uniform on
(0, 1), logit(U) is standard logistic.
"""

from __future__ import annotations

import numbers

import numpy as np

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.activations import logit, sigmoid, sigmoid_grad
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "empirical_cdf",
    "logistic_cdf",
    "logistic_pdf",
    "logistic_quantile",
    "max_cdf_gap",
    "sample_logistic",
]

# rng.random() can return exactly 0.0, whose logit is −inf. Uniform draws are taken as
# (k + ½) / 2⁵² for a random integer 0 ≤ k < 2⁵² instead: k + ½ is exact, and the largest,
# 1 − 2⁻⁵³, is the float just below 1, so every draw lies strictly inside (0, 1).
_UNIFORM_BITS = 52


def _open_uniform(k: np.ndarray) -> np.ndarray:
    """Map integers 0 ≤ k < 2⁵² to evenly spaced points strictly inside (0, 1)."""
    return (k + 0.5) / 2.0**_UNIFORM_BITS


def _samples(samples, *, func: str) -> np.ndarray:
    if np.asarray(samples).dtype == bool:
        raise TypeError(
            _("{func}: samples must be real numbers, got dtype bool.").format(func=func)
        )
    # The package-wide conversion: pandas, text and masked arrays get its messages.
    values = as_float_array(samples, func=func, name="samples").astype(float).ravel()
    if values.size == 0:
        raise ValueError(
            _("{func}: samples is empty; pass at least one sample.").format(func=func)
        )
    if np.any(np.isnan(values)):
        raise ValueError(
            _("{func}: samples hold NaN; remove it first (values[~np.isnan(values)]).").format(
                func=func
            )
        )
    return values


def logistic_cdf(x):
    """P(X ≤ x) for a standard logistic X: exactly σ(x).

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        σ(x), with the shape of ``x``.

    Raises
    ------
    TypeError, ValueError
        As :func:`sigmoid_lab.sigmoid`.

    Examples
    --------
    >>> logistic_cdf(0.0)
    np.float64(0.5)
    """
    return sigmoid(x)


def logistic_pdf(x):
    """The density of the standard logistic distribution, σ′(x) = σ(x)(1 − σ(x)).

    Parameters
    ----------
    x : array_like
        Real numbers.

    Returns
    -------
    numpy.ndarray or numpy scalar
        Same shape as ``x``; largest, ¼, at x = 0.

    Examples
    --------
    >>> logistic_pdf(0.0)
    np.float64(0.25)
    """
    return sigmoid_grad(x)


def logistic_quantile(p):
    """The p-quantile of the standard logistic distribution: logit(p) = ln(p / (1 − p)).

    Parameters
    ----------
    p : array_like
        Probabilities in [0, 1]; 0 gives −inf and 1 gives +inf.

    Returns
    -------
    numpy.ndarray or numpy scalar
        The x with σ(x) = p, with the shape of ``p``.

    Raises
    ------
    ValueError
        If a value lies outside [0, 1] (see :func:`sigmoid_lab.logit`).

    Examples
    --------
    >>> round(float(logistic_quantile(0.975)), 4)  # ln 39
    3.6636
    """
    return logit(p)


def sample_logistic(size, *, rng=None, seed=None) -> np.ndarray:
    """Draw from the standard logistic distribution by the inverse transform, logit(U).

    Parameters
    ----------
    size : int or tuple of int
        The number (or shape) of draws.
    rng : numpy.random.Generator, optional
        The random generator to use.
    seed : int, optional
        Seed for a new generator, used when ``rng`` is None. Give one of the two for a
        repeatable draw; with neither, the draw is fresh each call.

    Returns
    -------
    numpy.ndarray of float, shape ``size``
        Finite samples: U is (k + ½)/2⁵² for a random integer k, never 0 or 1, so
        every sample lies within ±36.7.

    Raises
    ------
    TypeError
        If ``rng`` is not a NumPy Generator.
    ValueError
        If both ``rng`` and ``seed`` are given, or ``size`` is negative.

    Examples
    --------
    >>> sample_logistic(3, seed=0).shape
    (3,)
    """
    if rng is not None and seed is not None:
        raise ValueError(_("sample_logistic: pass rng or seed, not both."))
    if rng is None:
        rng = np.random.default_rng(seed)
    elif not isinstance(rng, np.random.Generator):
        raise TypeError(
            _(
                "sample_logistic: rng must be a numpy.random.Generator "
                "(np.random.default_rng(seed)), got {type}."
            ).format(type=type(rng).__name__)
        )
    shape = (size,) if isinstance(size, numbers.Integral) else tuple(size)
    if any(int(n) < 0 for n in shape):
        raise ValueError(
            _("sample_logistic: size must not be negative, got {size!r}.").format(size=size)
        )
    k = rng.integers(0, 2**_UNIFORM_BITS, size=shape, dtype=np.int64)
    return np.asarray(logit(_open_uniform(k)), dtype=float).reshape(shape)


def empirical_cdf(samples, x):
    """The fraction of ``samples`` that are ≤ x, for each x.

    Parameters
    ----------
    samples : array_like
        Real numbers (flattened); not empty, no NaN.
    x : array_like
        Where to evaluate.

    Returns
    -------
    numpy.ndarray of float
        Same shape as ``x``, values in [0, 1], non-decreasing in x.

    Raises
    ------
    TypeError
        If ``samples`` is not numeric.
    ValueError
        If ``samples`` is empty or holds NaN.

    Examples
    --------
    >>> empirical_cdf([0.0, 1.0, 2.0, 3.0], [1.0, 10.0])
    array([0.5, 1. ])
    """
    values = np.sort(_samples(samples, func="empirical_cdf"))
    points = np.asarray(x, dtype=float)
    return np.searchsorted(values, points, side="right") / values.size


def max_cdf_gap(samples, cdf=logistic_cdf) -> float:
    """The largest gap between the empirical CDF of ``samples`` and ``cdf``: sup |Fₙ − F|.

    This is the Kolmogorov–Smirnov statistic. The empirical CDF jumps at each sorted sample
    x₍ᵢ₎ from (i − 1)/n to i/n, so the supremum is reached at a sample, on one side of a jump.

    Parameters
    ----------
    samples : array_like
        Real numbers (flattened); not empty, no NaN.
    cdf : callable
        A CDF, vectorised; default σ, the standard logistic CDF.

    Returns
    -------
    float
        In [0, 1]. For n samples from ``cdf`` itself it shrinks like 1/√n.

    Raises
    ------
    TypeError
        If ``samples`` is not numeric or ``cdf`` is not callable.
    ValueError
        If ``samples`` is empty or holds NaN.

    Examples
    --------
    >>> max_cdf_gap([0.0])  # one sample: F jumps from 0 to 1 where σ = ½
    0.5
    """
    if not callable(cdf):
        raise TypeError(
            _("max_cdf_gap: cdf must be a function, got {type}.").format(type=type(cdf).__name__)
        )
    values = np.sort(_samples(samples, func="max_cdf_gap"))
    n = values.size
    model = np.asarray(cdf(values), dtype=float)
    above = np.arange(1, n + 1) / n - model
    below = model - np.arange(n) / n
    return float(max(above.max(), below.max()))
