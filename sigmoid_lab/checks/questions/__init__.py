"""Each chapter's predictions and self-check questions, one module per chapter.

``chapter(n)`` returns the module of chapter ``n``, with

* ``PREDICTIONS``: a dict from key to :class:`~sigmoid_lab.checks.predictions.Prediction`,
  in the order the chapter asks them;
* ``SELF_CHECK``: a tuple of :class:`~sigmoid_lab.checks.selfcheck.Question`, the chapter's
  closing "Check yourself" cell.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["CHAPTERS", "chapter"]

CHAPTERS = (1, 2, 3, 4, 5, 6)


def chapter(number: int) -> ModuleType:
    """The predictions and self-check questions of chapter ``number`` (1 to 6).

    Raises
    ------
    ValueError
        If there is no such chapter.
    """
    if number not in CHAPTERS:
        raise ValueError(f"chapter: the chapters are numbered 1 to 6, got {number!r}.")
    return importlib.import_module(f"sigmoid_lab.checks.questions.chapter{number}")
