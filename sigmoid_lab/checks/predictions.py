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

__all__ = ["Prediction", "compare_prediction"]

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
        """The explanation, with the computed outcome filled in where it is a callable."""
        return self.explanation(outcome) if callable(self.explanation) else self.explanation


def _show(value: object, unit: str) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Real):
        text = f"{value:,}" if float(value).is_integer() and abs(value) < 1e15 else f"{value:.4g}"
        return f"{text} {unit}".strip()
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
            "compare_prediction: the first argument is the chapter's Prediction (for example "
            f"PREDICTIONS['{getattr(prediction, 'key', 'ch3-float32-depth')}']), not "
            f"{type(prediction).__name__}."
        )
    outcome = prediction.outcome()
    shown = _show(outcome, prediction.unit)
    why = prediction.explain(outcome)
    name = "your prediction"
    if is_placeholder(guess):
        return CheckResult(
            name,
            "not attempted",
            f"No prediction written. The outcome is {shown}. {why}",
        )
    if prediction.kind == "number":
        if isinstance(guess, bool) or not isinstance(guess, numbers.Real):
            return CheckResult(
                name, "failed", f"Write a number, not {type(guess).__name__} {guess!r}."
            )
        value = float(guess)
        target = float(outcome)
        right = (
            value == target
            if prediction.rtol == 0
            else math.isclose(value, target, rel_tol=prediction.rtol)
        )
        if right:
            return CheckResult(
                name,
                "passed",
                f"You predicted {_show(guess, prediction.unit)}; the outcome is {shown}. {why}",
            )
        direction = "high" if value > target else "low"
        lead = (
            f"You predicted {_show(guess, prediction.unit)}; the outcome is {shown}, so "
            f"your guess was {direction}."
        )
    else:
        if prediction.kind == "yes/no":
            answer = _as_bool(guess)
            if answer is None:
                return CheckResult(
                    name, "failed", f"Answer True or False (or 'yes'/'no'), not {guess!r}."
                )
        else:
            choices = {choice.lower(): choice for choice in prediction.choices}
            answer = choices.get(str(guess).strip().lower())
            if answer is None:
                listed = ", ".join(repr(choice) for choice in prediction.choices)
                return CheckResult(name, "failed", f"Choose one of {listed}, not {guess!r}.")
        if answer == outcome:
            return CheckResult(
                name, "passed", f"You predicted {_show(answer, '')}, and so it is. {why}"
            )
        lead = f"You predicted {_show(answer, '')}; the outcome is {shown}."
    for test, message in prediction.hints:
        if test(guess, outcome):
            return CheckResult(name, "failed", f"{lead} {message} {why}")
    return CheckResult(name, "failed", f"{lead} {why}")
