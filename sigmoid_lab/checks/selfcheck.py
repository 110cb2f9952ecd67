"""Self-check questions that end each chapter: multiple choice or a number, answered on paper.

Each :class:`Question` carries the explanation of every option, and, where the right answer
is a computation, a ``verify`` function that computes it with the package, so a test can
confirm the key. :func:`self_check_markdown` writes the questions as one Markdown cell whose
answers sit in collapsed ``<details>`` blocks: they work in JupyterLab, on GitHub and on the
website, without running Python. :func:`check_answer` checks an answer in Python too.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sigmoid_lab.checks._core import CheckResult, is_placeholder
from sigmoid_lab.checks._tails import translated
from sigmoid_lab.i18n import gettext as _

__all__ = ["Option", "Question", "check_answer", "self_check_markdown"]

_LETTERS = "abcdefgh"


@dataclass(frozen=True)
class Option:
    """One answer to a multiple-choice question.

    Attributes
    ----------
    text : str
        The answer as shown (Markdown, with ``$…$`` math allowed).
    correct : bool
    why : str
        Why it is right, or the reasoning that leads to it and where that reasoning fails.
    """

    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    """A self-check question: multiple choice (``options``) or a number (``number``).

    Attributes
    ----------
    key : str
        A stable name, ``"ch2-symmetry"``.
    prompt : str
        The question (Markdown).
    options : tuple of Option
        Exactly one is correct; empty for a numeric question.
    number : float or None
        The answer of a numeric question.
    rtol : float
        The relative tolerance for a numeric answer.
    why : str
        The explanation of a numeric answer.
    verify : callable or None
        Computes the right answer with the package: the correct option's index (from 0),
        or the number. Tests compare it with the key.
    digits : int or None
        The decimals the prompt asks for: the folded answer shows the number rounded to them.
    """

    key: str
    prompt: str
    options: tuple[Option, ...] = ()
    number: float | None = None
    rtol: float = 1e-3
    why: str = ""
    verify: Callable[[], object] | None = None
    digits: int | None = None

    def __post_init__(self) -> None:
        if self.options:
            if sum(option.correct for option in self.options) != 1:
                raise ValueError(f"{self.key}: exactly one option must be correct.")
            if self.number is not None:
                raise ValueError(f"{self.key}: give options or a number, not both.")
        elif self.number is None or not self.why:
            raise ValueError(f"{self.key}: a numeric question needs number= and why=.")

    @property
    def answer(self) -> int | float:
        """The index of the correct option, or the number."""
        if self.options:
            return next(i for i, option in enumerate(self.options) if option.correct)
        return self.number


def _details(summary: str, body: str) -> str:
    # The summary says only "Answer", so a folded answer gives nothing away. A blank line
    # after <summary> lets the body be Markdown (with math) in JupyterLab, on GitHub and in
    # MyST.
    return f"<details><summary>{html.escape(summary)}</summary>\n\n{body}\n\n</details>"


def self_check_markdown(questions: Sequence[Question], heading: str = "## Check yourself") -> str:
    """The questions as one Markdown cell, each answer folded away until it is clicked.

    Parameters
    ----------
    questions : sequence of Question
    heading : str
        The cell's first line.

    Returns
    -------
    str
        Markdown; a test keeps each chapter's cell equal to it.
    """
    parts = [
        heading,
        "",
        "Answer on paper first, then open the answer. Every option is explained, the wrong "
        "ones too.",
    ]
    for number, question in enumerate(questions, start=1):
        parts += ["", f"**{number}.** {question.prompt}"]
        if question.options:
            parts.append("")
            parts += [
                f"- ({_LETTERS[i]}) {option.text}" for i, option in enumerate(question.options)
            ]
            lines = []
            for i, option in enumerate(question.options):
                mark = "right" if option.correct else "not quite"
                lines.append(f"- **({_LETTERS[i]}) {mark}.** {option.why}")
            body = f"**Answer: ({_LETTERS[question.answer]}).**\n\n" + "\n".join(lines)
        else:
            shown = (
                f"{question.number:g}"
                if question.digits is None
                else f"{question.number:.{question.digits}f}"
            )
            body = f"**Answer: {shown}.** {question.why}"
        parts += ["", _details("Answer", body)]
    return "\n".join(parts)


def check_answer(question: Question, answer: object) -> CheckResult:
    """Check an answer to a self-check question: a letter ("b") or a number.

    The feedback is in the language in force; an explanation (``why``) marked with ``N_`` is
    looked up here. :func:`self_check_markdown` writes the English only.

    Raises
    ------
    TypeError
        If ``question`` is not a :class:`Question`.
    """
    if not isinstance(question, Question):
        raise TypeError(
            _("check_answer: the first argument is a self-check Question, not {kind}.").format(
                kind=type(question).__name__
            )
        )
    name = _("self-check {key}").format(key=question.key)
    if is_placeholder(answer):
        return CheckResult(name, "not attempted", _("Replace `...` with your answer."))
    if question.options:
        letters = _LETTERS[: len(question.options)]
        letter = str(answer).strip().strip("()").lower()
        if len(letter) != 1 or letter not in letters:
            listed = ", ".join(f"'{x}'" for x in letters)
            return CheckResult(
                name, "failed", _("Answer with one letter: {letters}.").format(letters=listed)
            )
        option = question.options[letters.index(letter)]
        return CheckResult(name, "passed" if option.correct else "failed", translated(option.why))
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return CheckResult(
            name, "failed", _("Answer with a number, not {answer!r}.").format(answer=answer)
        )
    why = translated(question.why)
    if math.isclose(float(answer), question.number, rel_tol=question.rtol):
        return CheckResult(name, "passed", why)
    return CheckResult(name, "failed", _("Not {answer:g}. {why}").format(answer=answer, why=why))
