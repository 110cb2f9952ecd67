"""Judging a learner's value far in a tail, where the true value is tiny.

A missing warning is not a verdict. A learner can silence NumPy's overflow warning
(``np.errstate``, ``warnings.catch_warnings``, ``np.seterr``) or clip the input, and the
textbook 1/(1 + exp(−x)) then returns 0.0 at x = −720 without a word, where σ(x) =
2.03e−313. So the checkers compare the values themselves, relatively, down to the subnormal
numbers (the floats below 2.2e−308, which are spaced 4.9e−324 apart).
"""

from __future__ import annotations

import math

import numpy as np

#: The spacing of the subnormal float64 numbers, and the smallest positive float64.
SMALLEST_SUBNORMAL = float(np.finfo(np.float64).smallest_subnormal)

#: exp(x) overflows to inf for x above this (log of the largest float64).
EXP_OVERFLOW = math.log(float(np.finfo(np.float64).max))

#: Said when a wrong value came without a warning: the warning was silenced or never raised.
SILENCED = (
    "Silencing NumPy's warning (np.errstate, warnings.catch_warnings or np.seterr) hides "
    "the warning; the value stays wrong."
)


def agrees(value: float, true: float, rtol: float) -> bool:
    """True when ``value`` is within ``rtol`` of ``true``, relatively.

    Two subnormal spacings (about 1e−323) are allowed on top: a float64 cannot hold a
    subnormal number to more digits than that, so a relative tolerance alone would ask the
    impossible there. A 0.0 where the true value is 2e−313 is still wrong.
    """
    if math.isnan(true) or math.isnan(value):
        return math.isnan(true) and math.isnan(value)
    if math.isinf(true):
        return value == true
    return abs(value - true) <= rtol * abs(true) + 2 * SMALLEST_SUBNORMAL


def show(value: float) -> str:
    """A number for a message: 0.0 and −0.0 as such, tiny values with 3 digits, others 6."""
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    if math.isfinite(value) and abs(value) < 1e-4:
        return f"{value:.3g}"
    return f"{value:.6g}"
