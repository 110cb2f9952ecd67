"""Calibration: do predicted probabilities come true, on data the model has not seen?

A model is calibrated when, among the examples it gives probability p, a share p are of class
1. :func:`reliability_table` groups held-out predictions into bins and compares the mean
prediction with the observed share in each, with its standard error. On the training data a
logistic model with an intercept matches mean(p) to mean(y) by construction (the gradient
with respect to the bias is their difference), so only held-out data can test it.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.likelihood import _labels

__all__ = ["ReliabilityTable", "reliability_table"]


@dataclass(frozen=True)
class ReliabilityTable:
    """Predicted probability against observed frequency, bin by bin (empty bins left out).

    Attributes
    ----------
    lower, upper : numpy.ndarray, shape (k,)
        The edges of each non-empty bin.
    count : numpy.ndarray of int, shape (k,)
        Examples in the bin.
    predicted : numpy.ndarray, shape (k,)
        Their mean predicted probability.
    observed : numpy.ndarray, shape (k,)
        Their share of label 1.
    standard_error : numpy.ndarray, shape (k,)
        sqrt(Σ p_i(1 - p_i)) / count: the standard deviation of ``observed`` if every label
        were drawn with the probability predicted for it.
    """

    lower: np.ndarray
    upper: np.ndarray
    count: np.ndarray
    predicted: np.ndarray
    observed: np.ndarray
    standard_error: np.ndarray

    @property
    def gap_in_standard_errors(self) -> np.ndarray:
        """(observed - predicted) / standard error, per bin."""
        gap = self.observed - self.predicted
        scale = self.standard_error
        # A bin whose predictions are all exactly 0 or 1 has no spread: any gap there is
        # infinitely many standard errors.
        out = np.copysign(np.where(gap == 0, 0.0, np.inf), gap)
        return np.divide(gap, scale, out=out, where=scale > 0)

    def lines(self) -> list[str]:
        """The table as text, one line per bin after a header."""
        # Translators: keep the columns lined up with the rows below (bin 12 wide, then
        # count 5, predicted 9, observed 8, gap/SE 6, two spaces apart).
        rows = [_("bin          count  predicted  observed  gap/SE")]
        for row in zip(
            self.lower,
            self.upper,
            self.count,
            self.predicted,
            self.observed,
            self.gap_in_standard_errors,
            strict=True,
        ):
            low, high, count, predicted, observed, gap = row
            rows.append(
                f"[{low:.1f}, {high:.1f})  {count:5d}  {predicted:9.3f}  {observed:8.3f}"
                f"  {gap:+6.1f}"
            )
        return rows


def reliability_table(p, y, *, bins=10) -> ReliabilityTable:
    r"""Group predictions into equal-width probability bins and compare with the labels.

    A model is calibrated when, among the examples to which it gives probability about p,
    a share of about p have label 1. Check it on held-out data: on its own training data, a
    logistic model with an intercept fitted to the minimum has mean(p) = mean(y) exactly
    (the bias component of the gradient, mean(p - y), is 0 there), whatever the data.

    Parameters
    ----------
    p : array_like, shape (m,)
        Predicted probabilities in [0, 1].
    y : array_like, shape (m,)
        Labels 0 or 1.
    bins : int, default 10
        Number of equal-width bins over [0, 1]; p = 1 goes into the last one.

    Returns
    -------
    ReliabilityTable

    Raises
    ------
    TypeError, ValueError
        For p outside [0, 1], labels other than 0/1, shapes that differ, or ``bins`` not a
        whole number >= 1.

    References
    ----------
    DeGroot & Fienberg (1983), "The comparison and evaluation of forecasters";
    Niculescu-Mizil & Caruana (2005), "Predicting good probabilities with supervised learning".
    """
    func = "reliability_table"
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
    if isinstance(bins, bool) or not isinstance(bins, numbers.Integral) or bins < 1:
        raise ValueError(
            _("{func}() expects bins to be a whole number >= 1, got {bins!r}.").format(
                func=func, bins=bins
            )
        )
    index = np.minimum((p * bins).astype(np.int64), bins - 1)
    count = np.bincount(index, minlength=bins)
    kept = np.flatnonzero(count)
    sums = np.bincount(index, weights=p, minlength=bins)[kept]
    hits = np.bincount(index, weights=labels, minlength=bins)[kept]
    variance = np.bincount(index, weights=p * (1 - p), minlength=bins)[kept]
    n = count[kept]
    return ReliabilityTable(
        lower=kept / bins,
        upper=(kept + 1) / bins,
        count=n,
        predicted=sums / n,
        observed=hits / n,
        standard_error=np.sqrt(variance) / n,
    )
