"""The binary cross-entropy (log-loss), computed from logits, and its textbook form.

A logistic model predicts p = σ(z) from a score z = Xw + b (the *logit*). The textbook loss
-mean(y log p + (1 - y) log(1 - p)) needs log(1 - p), which is log(0) = -inf as soon as p
rounds to 1 (z from about 36.74 on, in float64): the loss becomes inf or NaN although the
model is fine.
Written in terms of z, the loss of one sample is log(1 + e^(-z)) for y = 1 and
log(1 + e^z) for y = 0, which ``numpy.logaddexp`` evaluates without overflow for any z.
"""

from __future__ import annotations

import numpy as np

from sigmoid_lab._validation import as_float_array, flatten_hint
from sigmoid_lab.i18n import gettext as _

__all__ = ["binary_cross_entropy", "naive_binary_cross_entropy"]


def _check_pair(scores, y, *, func: str, scores_name: str) -> tuple[np.ndarray, np.ndarray]:
    """Validate a (scores, labels) pair and return them as 1-D float arrays."""
    given_scores, given_y = scores, y
    scores = as_float_array(scores, func=func, name=scores_name)
    labels = as_float_array(y, func=func, name="y")
    if scores.ndim == 0 and labels.ndim == 0:
        return scores.reshape(1), labels.reshape(1)
    if labels.ndim == 2 and labels.shape[1] == 1:
        raise ValueError(
            _(
                "{func}() expects y of shape (m,), got a column of shape {shape}. "
                "A column (m, 1) minus a vector (m,) broadcasts into an (m, m) "
                "matrix, the bug in the seed article; pass {flatten_hint} (or "
                "build y with shape (m,))."
            ).format(func=func, shape=labels.shape, flatten_hint=flatten_hint(given_y, "y"))
        )
    if scores.ndim != 1:
        hint = (
            _(
                " If it comes from X @ w with w of shape (d, 1), use w of shape "
                "(d,) or {flatten_hint}."
            ).format(flatten_hint=flatten_hint(given_scores, scores_name))
            if scores.ndim == 2 and scores.shape[1] == 1
            else ""
        )
        raise ValueError(
            _(
                "{func}() expects {scores_name} of shape (m,), one value per "
                "sample, got shape {shape}.{hint}"
            ).format(func=func, scores_name=scores_name, shape=scores.shape, hint=hint)
        )
    if labels.ndim != 1:
        raise ValueError(
            _("{func}() expects y of shape (m,), got shape {shape}.").format(
                func=func, shape=labels.shape
            )
        )
    if scores.shape != labels.shape:
        raise ValueError(
            _(
                "{func}() needs one label per sample: {scores_name} has {shape} "
                "values but y has {shape2}."
            ).format(
                func=func, scores_name=scores_name, shape=scores.shape[0], shape2=labels.shape[0]
            )
        )
    if scores.size == 0:
        raise ValueError(
            _("{func}() needs at least one sample, got empty arrays.").format(func=func)
        )
    not_binary = (labels != 0) & (labels != 1)
    if not_binary.any():
        bad = np.unique(labels[not_binary])
        shown = ", ".join(repr(float(v)) for v in bad[:3])
        more = _(" and {value} more").format(value=bad.size - 3) if bad.size > 3 else ""
        raise ValueError(
            _(
                "{func}() expects labels y of 0 or 1, found {shown}{more}. For "
                "labels -1/+1 use (y + 1) / 2; for True/False, booleans work as "
                "they are."
            ).format(func=func, shown=shown, more=more)
        )
    return scores, labels


def binary_cross_entropy(logits, y) -> float:
    r"""Mean binary cross-entropy of labels ``y`` given the logits (scores before the sigmoid).

    .. math:: L = \frac{1}{n}\sum_i \log\bigl(1 + e^{-(2y_i - 1) z_i}\bigr)

    which equals -mean(y log σ(z) + (1 - y) log(1 - σ(z))) but never takes log(0).

    Parameters
    ----------
    logits : array_like, shape (m,)
        The scores z = Xw + b, any real values.
    y : array_like, shape (m,)
        Labels, each 0 or 1 (integers, floats or booleans).

    Returns
    -------
    float
        The mean loss; finite for every finite logit (up to the largest float of the
        logits' dtype), 0 only for perfectly confident correct predictions. An infinite
        logit on the wrong side gives ``inf``, and a NaN logit gives ``nan``, without a
        warning, as NumPy's functions do. float16 logits are computed in float32.

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If the shapes are not both (m,) with the same n (a label column (m, 1) gets its own
        message), or a label is not 0 or 1.

    See Also
    --------
    naive_binary_cross_entropy : The textbook form from probabilities, which breaks down.

    Examples
    --------
    >>> binary_cross_entropy([0.0, 0.0], [0, 1])  # log 2: knowing nothing
    0.6931471805599453
    >>> binary_cross_entropy([40.0], [0])  # confidently wrong: about 40, not inf
    40.0
    """
    logits, labels = _check_pair(logits, y, func="binary_cross_entropy", scores_name="logits")
    if logits.dtype == np.float16:
        # float16 has 11 significant bits: summing even a few losses in it loses digits.
        logits = logits.astype(np.float32)
    # With t = z for y = 0 and t = -z for y = 1, each loss is log(1 + e^t) = logaddexp(0, t).
    signed = np.where(labels == 1, -logits, logits)
    with np.errstate(invalid="ignore"):  # a NaN logit gives a NaN loss, as in NumPy
        losses = np.logaddexp(0, signed)
    return _mean_without_overflow(losses)


def _mean_without_overflow(losses: np.ndarray) -> float:
    """The mean of non-negative ``losses``, finite whenever every loss is finite.

    Dividing before summing is not enough: three losses equal to the largest float, each
    divided by 3 and rounded up, sum to more than the largest float. Dividing by the largest
    loss m first gives terms in [0, 1], whose rounded mean s is at most 1 (rounding is
    monotonic), so m·s rounds to at most m.
    """
    with np.errstate(over="ignore"):
        mean = np.sum(losses / losses.size)
    if np.isinf(mean) and np.isfinite(losses).all():
        largest = losses.max()
        mean = largest * (np.sum(losses / largest) / losses.size)
    return float(mean)


def naive_binary_cross_entropy(p, y) -> float:
    r"""The textbook log-loss -mean(y log p + (1 - y) log(1 - p)), kept for demonstrations.

    Once a prediction p rounds to exactly 1 (or 0), log(1 - p) (or log p) is -inf and the
    loss turns inf or NaN with NumPy's RuntimeWarnings, even though nothing went wrong with
    the model. This happens on the seed article's data after about 1.2·10^5 iterations at
    learning rate 0.01. Use :func:`binary_cross_entropy` on the logits instead.

    Parameters
    ----------
    p : array_like, shape (m,)
        Predicted probabilities in [0, 1].
    y : array_like, shape (m,)
        Labels, each 0 or 1.

    Returns
    -------
    float
        The mean loss, possibly ``inf`` or ``nan``.

    Raises
    ------
    TypeError, ValueError
        As :func:`binary_cross_entropy`, and a ``ValueError`` if p is outside [0, 1].

    Examples
    --------
    >>> naive_binary_cross_entropy([0.5, 0.5], [0, 1])
    0.6931471805599453
    """
    p, labels = _check_pair(p, y, func="naive_binary_cross_entropy", scores_name="p")
    outside = (p < 0) | (p > 1)
    if outside.any():
        shown = ", ".join(repr(float(v)) for v in p[outside][:3])
        raise ValueError(
            _(
                "naive_binary_cross_entropy() expects probabilities p between 0 "
                "and 1, got {shown}. If these are logits, use "
                "binary_cross_entropy(logits, y)."
            ).format(shown=shown)
        )
    return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)))
