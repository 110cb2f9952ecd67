"""Softmax and categorical cross-entropy: the sigmoid's generalisation to many classes.

For k classes a model outputs k logits z₁ … z_k, and softmax turns them into probabilities
pⱼ = e^(zⱼ) / Σₗ e^(zₗ) that are positive and sum to 1. With two classes and logits
[z, 0], p₁ = e^z / (e^z + 1) = σ(z): the sigmoid is softmax's two-class case.

Softmax does not change when the same number is added to every logit, so it is computed
from z − max(z), whose exponentials lie in (0, 1] and cannot overflow. The loss and its
gradient follow Bishop, *Pattern Recognition and Machine Learning* (2006), section 4.3.4:
the loss of one example with label y is −log p_y = logsumexp(z) − z_y, and its gradient
with respect to the logits is p − onehot(y), the same form as the binary σ(z) − y.
"""

from __future__ import annotations

import numbers

import numpy as np

from sigmoid_lab._validation import _quoted, _text_values, as_float_array
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "log_softmax",
    "one_hot",
    "softmax",
]


def _logits_array(logits, *, func: str, matrix: bool = False) -> np.ndarray:
    """``logits`` as a float array of finite numbers, or a clear error."""
    # The package-wide conversion: pandas objects, text, masked arrays and complex numbers
    # get the same messages here as everywhere else.
    array = as_float_array(logits, func=func, name="logits")
    if array.ndim == 0:
        raise ValueError(
            _(
                "{func}: logits must hold one score per class, got a single "
                "number. For one example with k classes pass a 1-D array of length "
                "k."
            ).format(func=func)
        )
    if matrix and array.ndim != 2:
        raise ValueError(
            _(
                "{func}: logits must have shape (m, k), one row per example and "
                "one column per class, got shape {shape}. For a single example use "
                "logits[None, :]."
            ).format(func=func, shape=array.shape)
        )
    if array.shape[-1] == 0:
        raise ValueError(
            _("{func}: logits must hold at least one class, got shape {shape}.").format(
                func=func, shape=array.shape
            )
        )
    if not np.all(np.isfinite(array)):
        raise ValueError(
            _("{func}: logits must be finite; {value} value(s) are inf or NaN.").format(
                func=func, value=int(np.sum(~np.isfinite(array)))
            )
        )
    return array


def _labels_array(y, n: int, k: int, *, func: str) -> np.ndarray:
    """Class labels 0 … k − 1, one per example, as an integer array, or a clear error."""
    texts = [v for v in np.ravel(np.asarray(y, dtype=object)) if isinstance(v, (str, bytes))]
    if texts:
        raise TypeError(
            _(
                "{func}: y must hold integer class labels 0 … {value}, found text "
                "labels {quoted}. Number the classes first, for example classes, y "
                "= np.unique(y, return_inverse=True)."
            ).format(func=func, value=k - 1, quoted=_quoted(_text_values(texts)))
        )
    labels = as_float_array(y, func=func, name="y")
    if np.asarray(y).dtype == bool:
        raise TypeError(
            _("{func}: y must hold integer class labels 0 … {value}, got dtype bool.").format(
                func=func, value=k - 1
            )
        )
    if labels.ndim != 1 or labels.shape[0] != n:
        raise ValueError(
            _(
                "{func}: y must hold one class label per example, shape ({n},), got shape {shape}."
            ).format(func=func, n=n, shape=labels.shape)
        )
    valid = np.isfinite(labels) & (labels == np.round(labels)) & (labels >= 0) & (labels < k)
    if not np.all(valid):
        bad = labels[~valid]
        raise ValueError(
            _(
                "{func}: y must hold class labels 0 … {value} (one per column of "
                "the logits), got {tolist}."
            ).format(func=func, value=k - 1, tolist=bad[:3].tolist())
        )
    return labels.astype(np.intp)


def softmax(logits, axis: int = -1) -> np.ndarray:
    r"""Probabilities from logits: softmax(z)ⱼ = e^(zⱼ) / Σₗ e^(zₗ), along ``axis``.

    Computed as e^(z − max z) / Σ e^(z − max z), which is the same number (softmax does not
    change when a constant is added to every logit) but never overflows: every exponent is
    at most 0.

    Parameters
    ----------
    logits : array_like
        Finite real scores; ``axis`` runs over the classes (default: the last one).
    axis : int
        The class axis.

    Returns
    -------
    numpy.ndarray
        Same shape as ``logits``; along ``axis`` the entries lie in [0, 1] and sum to 1.

    Raises
    ------
    TypeError
        If the logits are not real numbers.
    ValueError
        If they are a single number, have no class, or hold inf or NaN.

    Examples
    --------
    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    >>> softmax([1000.0, 0.0])  # e^1000 would overflow; the shifted form does not
    array([1., 0.])
    """
    z = _logits_array(logits, func="softmax")
    shifted = z - z.max(axis=axis, keepdims=True)
    with np.errstate(under="ignore"):  # e^(−800) is 0 in float64, which is the right answer
        e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis: int = -1) -> np.ndarray:
    r"""log softmax(z) = z − logsumexp(z), along ``axis``, without taking log(0).

    Parameters
    ----------
    logits : array_like
        Finite real scores; ``axis`` runs over the classes.
    axis : int
        The class axis.

    Returns
    -------
    numpy.ndarray
        Same shape as ``logits``; every entry is ≤ 0 and finite.

    Raises
    ------
    TypeError, ValueError
        As :func:`softmax`.

    Examples
    --------
    >>> log_softmax([1000.0, 0.0])  # log(softmax) would give log(0) = −inf
    array([    0., -1000.])
    """
    z = _logits_array(logits, func="log_softmax")
    shifted = z - z.max(axis=axis, keepdims=True)
    with np.errstate(under="ignore"):
        total = np.exp(shifted).sum(axis=axis, keepdims=True)
    return shifted - np.log(total)


def one_hot(y, k: int) -> np.ndarray:
    """Rows of k zeros with a 1 in column ``y[i]``.

    Parameters
    ----------
    y : array_like of int, shape (m,)
        Class labels 0 … k − 1.
    k : int
        The number of classes, at least 1.

    Returns
    -------
    numpy.ndarray of float, shape (m, k)

    Raises
    ------
    TypeError
        If ``k`` is not an integer or ``y`` holds no integer labels.
    ValueError
        If ``k`` < 1, ``y`` is not 1-D, or a label lies outside 0 … k − 1.

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(_("one_hot: k must be a whole number of classes, got {k!r}.").format(k=k))
    if k < 1:
        raise ValueError(_("one_hot: k must be at least 1, got {k}.").format(k=k))
    labels = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
    if labels.ndim != 1:
        raise ValueError(
            _("one_hot: y must be 1-D, one label per example, got shape {shape}.").format(
                shape=labels.shape
            )
        )
    labels = _labels_array(labels, labels.shape[0], int(k), func="one_hot")
    rows = np.zeros((labels.size, int(k)))
    rows[np.arange(labels.size), labels] = 1.0
    return rows


def categorical_cross_entropy(logits, y) -> float:
    r"""Mean categorical cross-entropy of class labels ``y`` given logits.

    .. math:: L = \frac{1}{n} \sum_i \bigl(\operatorname{logsumexp}(z_i) - z_{i, y_i}\bigr)
              = -\frac{1}{n} \sum_i \log \operatorname{softmax}(z_i)_{y_i}

    computed from the logits (never from rounded probabilities), so it is finite for every
    finite logit. With two classes and logits [z, 0] it equals the binary cross-entropy of
    σ(z) with label 1 for class 0.

    Parameters
    ----------
    logits : array_like, shape (m, k)
        One row of k class scores per example.
    y : array_like of int, shape (m,)
        The class of each example, 0 … k − 1.

    Returns
    -------
    float
        The mean loss, ≥ 0.

    Raises
    ------
    TypeError
        If the logits are not real numbers or the labels not integers.
    ValueError
        If the logits are not (m, k) and finite, or ``y`` is not (m,) with labels in
        0 … k − 1.

    Examples
    --------
    >>> categorical_cross_entropy([[0.0, 0.0, 0.0]], [1])  # log 3: knowing nothing
    1.0986122886681098
    """
    z = _logits_array(logits, func="categorical_cross_entropy", matrix=True)
    labels = _labels_array(y, z.shape[0], z.shape[1], func="categorical_cross_entropy")
    if z.shape[0] == 0:
        raise ValueError(_("categorical_cross_entropy: no examples (logits have 0 rows)."))
    picked = log_softmax(z)[np.arange(z.shape[0]), labels]
    return float(-np.sum(picked / z.shape[0]))


def categorical_cross_entropy_grad(logits, y) -> np.ndarray:
    r"""The gradient of :func:`categorical_cross_entropy` with respect to the logits.

    For one example, ∂(−log p_y)/∂zⱼ = pⱼ − [j = y], that is p − onehot(y): the same form as
    the binary cross-entropy's σ(z) − y. The mean over m examples divides it by n.

    Parameters
    ----------
    logits : array_like, shape (m, k)
    y : array_like of int, shape (m,)

    Returns
    -------
    numpy.ndarray, shape (m, k)
        (softmax(logits) − one_hot(y, k)) / n; each row sums to 0.

    Raises
    ------
    TypeError, ValueError
        As :func:`categorical_cross_entropy`.

    Examples
    --------
    >>> categorical_cross_entropy_grad([[0.0, 0.0]], [0])
    array([[-0.5,  0.5]])
    """
    z = _logits_array(logits, func="categorical_cross_entropy_grad", matrix=True)
    labels = _labels_array(y, z.shape[0], z.shape[1], func="categorical_cross_entropy_grad")
    if z.shape[0] == 0:
        raise ValueError(_("categorical_cross_entropy_grad: no examples (logits have 0 rows)."))
    return (softmax(z) - one_hot(labels, z.shape[1])) / z.shape[0]
