r"""Two Gaussian classes with a shared covariance: a generative model whose posterior is σ.

If x given y = k is Gaussian with mean μₖ and the same covariance Σ for both classes, Bayes'
rule gives P(y = 1 | x) = σ(x·w + b) exactly, with w = Σ⁻¹(μ₁ − μ₀) and
b = −½(μ₁ + μ₀)·w + log(π₁/π₀) (Hastie, Tibshirani & Friedman, *The Elements of Statistical
Learning*, 2nd ed., 2009, section 4.3). Fitting the two Gaussians by maximum likelihood is
linear discriminant analysis, the *generative* route to the same form of classifier that
logistic regression fits *discriminatively*; chapter 4 fits both on the same data.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.activations import sigmoid
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.likelihood import _features, _labels

__all__ = [
    "GaussianClassifier",
    "fit_shared_gaussian",
    "gaussian_posterior",
    "sample_gaussian_classes",
]


@dataclass(frozen=True)
class GaussianClassifier:
    """Two Gaussian classes with a shared covariance, and the posterior they imply.

    Attributes
    ----------
    means : numpy.ndarray, shape (2, d)
        The mean of class 0, then of class 1.
    covariance : numpy.ndarray, shape (d, d)
        The shared covariance Σ.
    prior : float
        P(y = 1).
    weights : numpy.ndarray, shape (d,)
        w = Σ⁻¹(μ₁ - μ₀).
    bias : float
        b = -½μ₁ᵀΣ⁻¹μ₁ + ½μ₀ᵀΣ⁻¹μ₀ + log(prior / (1 - prior)).
    """

    means: np.ndarray
    covariance: np.ndarray
    prior: float
    weights: np.ndarray
    bias: float

    def decision_function(self, X) -> np.ndarray:
        """The logit x·w + b of each row of ``X`` (m, d)."""
        X = _features(X, "GaussianClassifier.decision_function")
        if X.shape[1] != self.weights.size:
            raise ValueError(
                _("GaussianClassifier expects X with {size} columns, got {shape}.").format(
                    size=self.weights.size, shape=X.shape[1]
                )
            )
        return X @ self.weights + self.bias

    def predict_proba(self, X) -> np.ndarray:
        """P(y = 1 | x) = σ(x·w + b) for each row of ``X`` (m, d)."""
        return sigmoid(self.decision_function(X))

    def predict(self, X, threshold=0.5) -> np.ndarray:
        """Labels 0/1: 1 where P(y = 1 | x) > ``threshold``."""
        return (self.predict_proba(X) > threshold).astype(np.int64)


def _gaussian_parameters(means, covariance, prior, func: str):
    means = as_float_array(means, func=func, name="means", finite=True).astype(np.float64)
    if means.ndim != 2 or means.shape[0] != 2:
        raise ValueError(
            _("{func}() expects means of shape (2, d), got shape {shape}.").format(
                func=func, shape=means.shape
            )
        )
    d = means.shape[1]
    cov = as_float_array(covariance, func=func, name="covariance", finite=True)
    cov = cov.astype(np.float64)
    if cov.shape != (d, d) or not np.allclose(cov, cov.T):
        raise ValueError(
            _(
                "{func}() expects a symmetric covariance of shape ({d}, {d}), got shape {shape}."
            ).format(func=func, d=d, shape=cov.shape)
        )
    try:
        cholesky = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        raise ValueError(
            _(
                "{func}() needs a positive definite covariance; this one is "
                "singular or has a negative eigenvalue."
            ).format(func=func)
        ) from None
    if isinstance(prior, bool) or not isinstance(prior, numbers.Real) or not 0 < prior < 1:
        raise ValueError(
            _("{func}() expects prior = P(y = 1) strictly between 0 and 1.").format(func=func)
        )
    return means, cov, cholesky, float(prior)


def _classifier(means, cov, prior) -> GaussianClassifier:
    inverse_times = np.linalg.solve(cov, means.T).T  # rows Σ⁻¹μ₀ and Σ⁻¹μ₁
    weights = inverse_times[1] - inverse_times[0]
    bias = (
        -0.5 * means[1] @ inverse_times[1]
        + 0.5 * means[0] @ inverse_times[0]
        + np.log(prior / (1.0 - prior))
    )
    return GaussianClassifier(means, cov, prior, weights, float(bias))


def sample_gaussian_classes(n_samples, *, means, covariance, prior=0.5, seed=0):
    r"""Draw labelled points from two Gaussian classes with a shared covariance.

    Each label is Bernoulli(prior); a point of class k is drawn from N(μ_k, Σ).

    Parameters
    ----------
    n_samples : int
        How many points, at least 1.
    means : array_like, shape (2, d)
        μ₀ and μ₁.
    covariance : array_like, shape (d, d)
        Σ, symmetric positive definite.
    prior : float, default 0.5
        P(y = 1), strictly between 0 and 1.
    seed : int or numpy.random.Generator, default 0

    Returns
    -------
    X : numpy.ndarray, shape (n_samples, d)
    y : numpy.ndarray of int64, shape (n_samples,)
    model : GaussianClassifier
        The true model, whose ``predict_proba`` is the exact P(y = 1 | x).

    Raises
    ------
    TypeError, ValueError
        For a count below 1, means not (2, d), a covariance that is not symmetric positive
        definite of shape (d, d), a prior outside (0, 1), or a seed that is neither a
        non-negative int nor a Generator.
    """
    func = "sample_gaussian_classes"
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral):
        raise TypeError(
            _("{func}() expects n_samples to be an int, got {n_samples!r}.").format(
                func=func, n_samples=n_samples
            )
        )
    if n_samples < 1:
        raise ValueError(
            _("{func}() expects n_samples >= 1, got {n_samples}.").format(
                func=func, n_samples=n_samples
            )
        )
    means, cov, cholesky, prior = _gaussian_parameters(means, covariance, prior, func)
    if isinstance(seed, np.random.Generator):
        rng = seed
    elif isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
        rng = np.random.default_rng(int(seed))
    else:
        raise TypeError(
            _(
                "{func}() expects seed to be a non-negative int or a "
                "numpy.random.Generator, got {seed!r}."
            ).format(func=func, seed=seed)
        )
    y = (rng.random(n_samples) < prior).astype(np.int64)
    X = means[y] + rng.standard_normal((n_samples, means.shape[1])) @ cholesky.T
    return X, y, _classifier(means, cov, prior)


def fit_shared_gaussian(X, y) -> GaussianClassifier:
    r"""Fit two Gaussian classes with a shared covariance by maximum likelihood (LDA).

    The estimates are the share of label 1 (prior), the mean of each class, and the pooled
    covariance Σ = (1/m)·Σ_i (x_i - μ_{y_i})(x_i - μ_{y_i})ᵀ. Bayes' rule then gives
    P(y = 1 | x) = σ(x·w + b) with w and b as in :class:`GaussianClassifier`.

    Parameters
    ----------
    X : array_like, shape (m, d)
    y : array_like, shape (m,)
        Labels 0 and 1; each class needs at least one point.

    Returns
    -------
    GaussianClassifier

    Raises
    ------
    TypeError, ValueError
        For invalid X or y, a missing class, or a pooled covariance that is singular
        (fewer points than features, or a constant feature).

    References
    ----------
    Hastie, Tibshirani & Friedman, *The Elements of Statistical Learning*, 2nd ed., §4.3.
    """
    func = "fit_shared_gaussian"
    X = _features(X, func)
    labels = _labels(y, X.shape[0], func).astype(np.int64)
    counts = np.bincount(labels, minlength=2)
    if counts.min() == 0:
        raise ValueError(
            _("{func}() needs points of both classes, got counts {tolist}.").format(
                func=func, tolist=counts.tolist()
            )
        )
    means = np.array([X[labels == k].mean(axis=0) for k in (0, 1)])
    centred = X - means[labels]
    cov = centred.T @ centred / X.shape[0]
    if np.linalg.matrix_rank(cov) < X.shape[1]:
        raise ValueError(
            _("{func}() found a singular pooled covariance; check for constant features.").format(
                func=func
            )
        )
    return _classifier(means, cov, counts[1] / X.shape[0])


def gaussian_posterior(X, means, covariance, prior) -> np.ndarray:
    r"""P(y = 1 | x) by Bayes' rule from the two Gaussian densities, without σ.

    Computes π₁f₁(x) / (π₀f₀(x) + π₁f₁(x)) with log f_k(x) = -½(x - μ_k)ᵀΣ⁻¹(x - μ_k) -
    ½log det(2πΣ), each quadratic in x, in log space (``np.logaddexp``) so that far points do
    not underflow. The quadratic terms cancel only in exact arithmetic; comparing the result
    with :meth:`GaussianClassifier.predict_proba` checks that the posterior is σ of a linear
    function.

    Parameters
    ----------
    X : array_like, shape (m, d)
    means : array_like, shape (2, d)
    covariance : array_like, shape (d, d)
    prior : float
        P(y = 1), strictly between 0 and 1.

    Returns
    -------
    numpy.ndarray, shape (m,)

    Raises
    ------
    TypeError, ValueError
        As :func:`sample_gaussian_classes`, or for X with a column count other than d.
    """
    func = "gaussian_posterior"
    X = _features(X, func)
    means, _covariance, cholesky, prior = _gaussian_parameters(means, covariance, prior, func)
    if X.shape[1] != means.shape[1]:
        raise ValueError(
            _("{func}() expects X with {shape} columns, got {shape2}.").format(
                func=func, shape=means.shape[1], shape2=X.shape[1]
            )
        )
    log_det = 2.0 * np.sum(np.log(np.diag(cholesky)))
    joint = []
    for k, log_prior in ((0, np.log1p(-prior)), (1, np.log(prior))):
        whitened = np.linalg.solve(cholesky, (X - means[k]).T)
        log_density = -0.5 * np.sum(whitened**2, axis=0) - 0.5 * (
            log_det + X.shape[1] * np.log(2 * np.pi)
        )
        joint.append(log_prior + log_density)
    return np.exp(joint[1] - np.logaddexp(joint[0], joint[1]))
