"""Judging a learner's value far in a tail, where the true value is tiny, and naming the
mistake a wrong one looks like.

A missing warning is not a verdict. A learner can silence NumPy's overflow warning
(``np.errstate``, ``warnings.catch_warnings``, ``np.seterr``) or clip the input, and the
textbook 1/(1 + exp(−x)) then returns 0.0 at x = −720 without a word, where σ(x) =
2.03e−313. So the checkers compare the values themselves, relatively, down to the subnormal
numbers (the floats below 2.2e−308, which are spaced 4.9e−324 apart).
"""

from __future__ import annotations

import math

import numpy as np

from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _


class Translated(str):
    """A message constant, marked with ``N_``, that speaks the language in force when shown.

    It equals its English text (``==``, ``in``, hashing), and it is looked up in the catalogue
    each time it is formatted: ``f"{SILENCED}"``, ``"{x}".format(x=SILENCED)``,
    ``str(SILENCED)`` and ``_(SILENCED)`` all give the text in the language in force. Only
    ``+`` and ``str.join`` see the English: format it instead.
    """

    __slots__ = ()

    def english(self) -> str:
        """The text as written, a plain ``str``."""
        return str.__str__(self)

    def __str__(self) -> str:
        return _(self.english())

    def __format__(self, spec: str) -> str:
        return format(_(self.english()), spec)


def translated(text):
    """``text`` in the language in force; empty text and anything not a string as it is.

    The checkers pass the chapters' texts (advice, hints, explanations) through this where
    they use them, so a constant marked with ``N_`` is shown translated, and an already
    translated one is unchanged.
    """
    if isinstance(text, Translated):
        return str(text)
    if isinstance(text, str) and text:
        return _(text)
    return text


def sentences(first: str, second: str) -> str:
    """Two sentences one after the other: a space between them in English, none in Chinese."""
    return _("{first} {second}").format(first=first, second=second)


#: The spacing of the subnormal float64 numbers, and the smallest positive float64.
SMALLEST_SUBNORMAL = float(np.finfo(np.float64).smallest_subnormal)

#: exp(x) overflows to inf for x above this (log of the largest float64).
EXP_OVERFLOW = math.log(float(np.finfo(np.float64).max))

#: Said where a float64 holds a value that an answer rounded to 0.
SUBNORMAL_NOTE = Translated(N_("which a float64 can hold (it holds numbers down to 4.9e-324)"))

#: Said when a wrong value came without a warning: the warning was silenced or never raised.
SILENCED = Translated(
    N_(
        "Silencing NumPy's warning (np.errstate, warnings.catch_warnings or np.seterr) hides "
        "the warning; the value stays wrong."
    )
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


# ------------------------------------------------------------------ the likely mistakes
# Each returns the rest of a sentence that starts "At x = … your function returns …, but
# σ(x) = …", or None when the value looks like no known mistake.


def explain_sigmoid_tail(x: float, value: float, expected: float) -> str | None:
    """The likely cause of a wrong σ(x) far in a tail."""
    if value == 0 and expected > 0:
        if -x > EXP_OVERFLOW:
            return _(
                ", {note}. 1/(1 + exp(−x)) gives 0.0 there because exp(−x) overflows to inf "
                "(for x below −{limit:.2f}). {silenced} A cut-off to 0 is wrong in the same "
                "way. Only ever exponentiate −|x|: for x < 0, σ(x) = e/(1 + e) with "
                "e = np.exp(x)."
            ).format(note=SUBNORMAL_NOTE, limit=EXP_OVERFLOW, silenced=SILENCED)
        return _(
            ". Something rounded to exactly 0 that is not 0: 1 + tanh(x/2) and 1 − σ(−x), "
            "for example, are differences of nearly equal numbers and give 0 from about "
            "x = −37 on (and a cut-off to 0 gives it too). For x < 0, σ(x) = e/(1 + e) with "
            "e = np.exp(x) needs no subtraction."
        )
    if 0 < value < 1e-10:
        clipped = float(logit(value))
        if abs(clipped) < abs(x):
            return _(
                ": that is σ({clipped:.4g}), as if x had been clipped to {clipped:.4g} "
                "(np.clip) before exponentiating. Clipping avoids the overflow by computing "
                "σ at another x. Only ever exponentiate −|x|: for x < 0, σ(x) = e/(1 + e) "
                "with e = np.exp(x)."
            ).format(clipped=clipped)
    return None


def explain_sigmoid_grad_tail(x: float, value: float, expected: float) -> str | None:
    """The likely cause of a wrong σ′(x) far in a tail."""
    fix = _(
        "Exponentiate only −|x|: σ′(x) = e/(1 + e)² with e = np.exp(-np.abs(x)), or "
        "σ(x)·σ(−x) with a stable σ such as sl.sigmoid."
    )
    if value == 0 and expected > 0:
        return _(
            ", {note}. It looks as if a step overflowed to inf and a number was divided by "
            "it: e^|x| overflows for |x| above {limit:.2f}, and (1 + e^|x|)² for |x| above "
            "{half:.2f}. {silenced} {fix}"
        ).format(
            note=SUBNORMAL_NOTE,
            limit=EXP_OVERFLOW,
            half=EXP_OVERFLOW / 2,
            silenced=SILENCED,
            fix=fix,
        )
    if 0 < value < 1e-10:
        # Far in a tail σ′(c) = e^(−|c|) to 1e-10, so the value was computed at |c| = −ln v.
        clipped = -math.log(value)
        if clipped < abs(x):
            return _(
                ": that is σ′(±{clipped:.4g}), as if x had been clipped to ±{clipped:.4g} "
                "(np.clip) before exponentiating. Clipping avoids the overflow by computing "
                "σ′ at another x. {fix}"
            ).format(clipped=clipped, fix=fix)
    return None


def explain_logit_tail(p: float, value: float, expected: float) -> str | None:
    """The likely cause of a wrong logit(p) near 0 or 1."""
    fix = _(
        "Compute ln p − ln(1 − p) as it is, for example np.log(p) - np.log1p(-p): no step "
        "of it overflows or rounds to 0 for 0 < p < 1."
    )
    if not math.isfinite(value):
        return _(
            ": a step overflowed to inf or took the log of 0 (1/p, for one, overflows for p "
            "below 5.6e-309). {silenced} {fix}"
        ).format(silenced=SILENCED, fix=fix)
    # Clipping p to eps or adding eps moves p by about eps: the value is the logit of a
    # p' near p but further from 0 and 1.
    if abs(value) < abs(expected) and abs(float(sigmoid(value)) - p) <= 1e-6:
        return _(
            ": that is the logit of a p further from 0 and 1, which is what clipping p "
            "(np.clip(p, eps, 1 - eps)) or adding a small eps inside the log gives. Both "
            "avoid log(0) at p = 0 and p = 1 by changing the answer for every p near them. "
            "{fix}"
        ).format(fix=fix)
    return None
