"""What chapter 6's checkers (in :mod:`~sigmoid_lab.checks.faq` and
:mod:`~sigmoid_lab.checks.softmax`) share: the value a function of several arguments
returned, named in messages by its call (``gated_update(old, candidate, gate_logit)``),
and the sentence that joins a failing case to the mistake it looks like.
"""

from __future__ import annotations

import numpy as np

from sigmoid_lab.checks._core import Call, CheckResult, describe_error, wrong
from sigmoid_lab.i18n import gettext as _

__all__ = ["returned_values", "then_mistake"]


def returned_values(
    call: Call, exercise: str, who: str, hint: str = ""
) -> np.ndarray | CheckResult:
    """The value a function of several arguments returned, as an array, or a "Not yet".

    Parameters
    ----------
    call : Call
        The learner's function, called.
    exercise : str
        The exercise's name, for the verdict.
    who : str
        The call as a message shows it: ``"gated_update(old, candidate, gate_logit)"``.
    hint : str
        The exercise's advice after a described error (see :func:`describe_error`).

    Returns
    -------
    numpy.ndarray or CheckResult
        A boolean array stays boolean; anything else is converted to float.
    """
    if call.error is not None:
        return wrong(
            exercise, _("{who}: {error}").format(who=who, error=describe_error(call.error, hint))
        )
    if call.value is None:
        return wrong(exercise, _("{who} returned None: did you forget `return`?").format(who=who))
    try:
        array = np.asarray(call.value)
        if array.dtype != bool:
            array = array.astype(float)
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _("{who} returned a {type}, not numbers: return a NumPy array.").format(
                who=who, type=type(call.value).__name__
            ),
        )
    return array


def then_mistake(where: str, mistake: str | None) -> str:
    """The case where an answer is wrong, then the mistake it looks like (if one is named).

    Parameters
    ----------
    where : str
        The sentence that names the case.
    mistake : str or None
        The sentence that names the mistake, or None.

    Returns
    -------
    str
    """
    return _("{where} {mistake}").format(where=where, mistake=mistake) if mistake else where
