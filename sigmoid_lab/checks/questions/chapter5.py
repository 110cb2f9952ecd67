"""Chapter 5's predictions (predict, then run) and its closing self-check questions."""

from __future__ import annotations

from sigmoid_lab.checks.predictions import Prediction
from sigmoid_lab.checks.selfcheck import Question

__all__ = ["PREDICTIONS", "SELF_CHECK"]

PREDICTIONS: dict[str, Prediction] = {}

SELF_CHECK: tuple[Question, ...] = ()
