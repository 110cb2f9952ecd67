"""Predict, then run: the learner writes a guess before the cell that shows the outcome.

A :class:`Prediction` holds the question, how the package computes the outcome (the outcome
is never typed in by hand), and the explanation a learner reads afterwards. The chapter's
cell reads::

    my_prediction = ...  # your guess: a whole number of layers

and the cell after the demonstration calls ``compare_prediction(PREDICTION, my_prediction)``,
which says how far the guess was and why the outcome is what it is. An untouched ``...``
still shows the outcome and the explanation, so a notebook run top to bottom (or read on the
website) teaches the same thing.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field

from sigmoid_lab.checks._core import CheckResult, is_placeholder
from sigmoid_lab.checks._tails import sentences, translated
from sigmoid_lab.i18n import gettext as _

__all__ = ["Prediction", "compare_prediction", "guess_is", "guess_near"]

_KINDS = ("number", "yes/no", "choice")


@dataclass(frozen=True)
class Prediction:
    """A question answered before its outcome is shown.

    Attributes
    ----------
    key : str
        A stable name, ``"ch3-float32-depth"``: chapter, then topic.
    question : str
        The question as the chapter asks it.
    outcome : callable
        ``outcome()`` computes the answer with the package: a number for ``kind="number"``,
        a bool for ``"yes/no"``, one of ``choices`` for ``"choice"``.
    explanation : str or callable
        Why the outcome is what it is. A callable gets the outcome and returns the text, so
        the explanation can quote the computed numbers.
    kind : {"number", "yes/no", "choice"}
    choices : tuple of str
        The possible answers of a ``"choice"`` question.
    rtol : float
        A number within this relative distance of the outcome counts as right (0: exact).
    unit : str
        Printed after numbers ("layers", "steps").
    hints : tuple of (callable, str)
        Typical wrong guesses: ``(test, message)``; ``test(guess, outcome)`` is true when the
        guess looks like that reasoning (½ per layer instead of ¼, say), and the message says
        where it went wrong.

    The texts (``explanation``, ``unit``, the hints' messages) may be module constants marked
    with ``N_``: :func:`compare_prediction` shows them in the language in force.
    """

    key: str
    question: str
    outcome: Callable[[], object]
    explanation: str | Callable[[object], str]
    kind: str = "number"
    choices: tuple[str, ...] = ()
    rtol: float = 0.0
    unit: str = ""
    hints: tuple[tuple[Callable[[object, object], bool], str], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"Prediction.kind must be one of {_KINDS}, got {self.kind!r}.")
        if self.kind == "choice" and len(self.choices) < 2:
            raise ValueError("A 'choice' prediction needs at least two choices.")

    def explain(self, outcome: object) -> str:
        """The explanation, with the computed outcome filled in where it is a callable.

        In the language in force: a text marked with ``N_`` is looked up here.
        """
        text = self.explanation(outcome) if callable(self.explanation) else self.explanation
        return translated(text)


def guess_near(target: float, rtol: float) -> Callable[[object, object], bool]:
    """A hint's test: the guess is within ``rtol`` of ``target``, relatively.

    Parameters
    ----------
    target : float
        The number a typical wrong reasoning gives.
    rtol : float
        The relative distance that still counts as that number.

    Returns
    -------
    callable
        ``test(guess, outcome)`` for :attr:`Prediction.hints`.

    Examples
    --------
    >>> guess_near(1000, rtol=0.02)(990, 709.78)
    True
    """
    return lambda guess, outcome: math.isclose(float(guess), target, rel_tol=rtol)


def guess_is(*words: str) -> Callable[[object, object], bool]:
    """A hint's test: the guess, as text, is one of ``words`` (any case, spaces around).

    Parameters
    ----------
    *words : str
        In lower case: ``"false", "no", "n"``.

    Returns
    -------
    callable
        ``test(guess, outcome)`` for :attr:`Prediction.hints`.

    Examples
    --------
    >>> guess_is("false", "no", "n")(False, True)
    True
    """
    chosen = frozenset(words)
    return lambda guess, outcome: str(guess).strip().lower() in chosen


def _show(value: object, unit: str) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, numbers.Real):
        text = f"{value:,}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:.4g}"
        return f"{text} {translated(unit)}".strip()
    return str(value)


def _as_bool(guess: object) -> bool | None:
    if isinstance(guess, bool):
        return guess
    if isinstance(guess, str):
        word = guess.strip().lower()
        if word in {"yes", "y", "true"}:
            return True
        if word in {"no", "n", "false"}:
            return False
    return None


def compare_prediction(prediction: Prediction, guess: object) -> CheckResult:
    """Compare the learner's ``guess`` with the outcome the package computes, and explain.

    Parameters
    ----------
    prediction : Prediction
    guess : number, bool, str or ``...``
        ``...`` (or None) means no prediction was written: the outcome is still shown.

    Returns
    -------
    CheckResult
        "passed" when the guess matches, "failed" with the distance and the reason when it
        does not, "not attempted" (with the outcome) for ``...``.

    Raises
    ------
    TypeError
        If ``prediction`` is not a :class:`Prediction`.
    """
    if not isinstance(prediction, Prediction):
        raise TypeError(
            _(
                "compare_prediction: the first argument is the chapter's Prediction (for "
                "example PREDICTIONS['{key}']), not {kind}."
            ).format(
                key=getattr(prediction, "key", "ch3-float32-depth"),
                kind=type(prediction).__name__,
            )
        )
    outcome = prediction.outcome()
    shown = _show(outcome, prediction.unit)
    why = prediction.explain(outcome)
    name = _("your prediction")
    if is_placeholder(guess):
        return CheckResult(
            name,
            "not attempted",
            _("No prediction written. The outcome is {outcome}. {why}").format(
                outcome=shown, why=why
            ),
        )
    if prediction.kind == "number":
        if isinstance(guess, bool) or not isinstance(guess, numbers.Real):
            return CheckResult(
                name,
                "failed",
                _("Write a number, not {kind} {guess!r}.").format(
                    kind=type(guess).__name__, guess=guess
                ),
            )
        value = float(guess)
        target = float(outcome)
        right = (
            value == target
            if prediction.rtol == 0
            else math.isclose(value, target, rel_tol=prediction.rtol)
        )
        predicted = _show(guess, prediction.unit)
        if right:
            return CheckResult(
                name,
                "passed",
                _("You predicted {guess}; the outcome is {outcome}. {why}").format(
                    guess=predicted, outcome=shown, why=why
                ),
            )
        if value > target:
            lead = _("You predicted {guess}; the outcome is {outcome}, so your guess was high.")
        else:
            lead = _("You predicted {guess}; the outcome is {outcome}, so your guess was low.")
        lead = lead.format(guess=predicted, outcome=shown)
    else:
        if prediction.kind == "yes/no":
            answer = _as_bool(guess)
            if answer is None:
                return CheckResult(
                    name,
                    "failed",
                    _("Answer True or False (or 'yes'/'no'), not {guess!r}.").format(guess=guess),
                )
        else:
            choices = {choice.lower(): choice for choice in prediction.choices}
            answer = choices.get(str(guess).strip().lower())
            if answer is None:
                listed = ", ".join(repr(choice) for choice in prediction.choices)
                return CheckResult(
                    name,
                    "failed",
                    _("Choose one of {choices}, not {guess!r}.").format(
                        choices=listed, guess=guess
                    ),
                )
        if answer == outcome:
            return CheckResult(
                name,
                "passed",
                _("You predicted {guess}, and so it is. {why}").format(
                    guess=_show(answer, ""), why=why
                ),
            )
        lead = _("You predicted {guess}; the outcome is {outcome}.").format(
            guess=_show(answer, ""), outcome=shown
        )
    for test, message in prediction.hints:
        if test(guess, outcome):
            return CheckResult(
                name,
                "failed",
                _("{lead} {hint} {why}").format(lead=lead, hint=translated(message), why=why),
            )
    return CheckResult(name, "failed", sentences(lead, why))
