"""Checkers for chapter 6: multi-label outputs and a gate, where the sigmoid is still used."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks.training import (
    CheckResult,
    _call_quietly,
    _describe_error,
    _failed,
    _not_attempted,
    _passed,
)

__all__ = ["check_gated_update", "check_multilabel_predict"]

_PLACEHOLDER = "Replace `raise NotImplementedError` with your code."


def _check_callable(func, checker: str, expected: str) -> None:
    if not callable(func):
        raise TypeError(
            f"{checker}: pass your function itself, e.g. {checker}({expected}), not "
            f"{type(func).__name__}."
        )


def _as_array(value, shape, name: str) -> np.ndarray | CheckResult:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return _failed(name, f"return an array of numbers, not {type(value).__name__}.")
    if array.shape != shape:
        return _failed(name, f"return one value per input: shape {shape}, got {array.shape}.")
    return array


def _same(got: np.ndarray, expected: np.ndarray) -> bool:
    """Equal to rounding, relatively (no absolute tolerance: the values may be small)."""
    return bool(np.allclose(got, expected, rtol=1e-12, atol=0.0))


def check_multilabel_predict(func: Callable) -> CheckResult:
    """Check ``func(logits, threshold=0.5)``: independent labels from one logit per label.

    Expected: a boolean array shaped like ``logits``, True where ``σ(logit) > threshold``.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_multilabel_predict(lambda z, threshold=0.5: sigmoid(z) > threshold).passed
    True
    """
    name = "multi-label prediction"
    _check_callable(func, "check_multilabel_predict", "multilabel_predict")
    logits = np.array(
        [
            [2.0, 1.5, -3.0, 0.3],  # two labels clearly present, a third weakly
            [-2.0, -0.1, -4.0, -1.0],  # none
            [1.0, 2.0, 2.2, 1.9],  # every label; softmax spreads them below 1/2
            [-0.2, 0.1, 2.5, -1.5],
        ]
    )
    answers = {}
    for threshold in (0.5, 0.8):
        try:
            value, error, _ = _call_quietly(func, logits, threshold=threshold)
        except NotImplementedError:
            return _not_attempted(name, _PLACEHOLDER)
        if error is not None:
            return _failed(name, f"With threshold={threshold}: {_describe_error(error)}")
        got = np.asarray(value)
        if got.shape != logits.shape:
            if got.shape == logits.shape[:1]:
                return _failed(
                    name,
                    f"one answer per row (shape {got.shape}): that is single-label thinking "
                    "(argmax). Multi-label means one yes/no per label: shape (n, labels).",
                )
            return _failed(
                name, f"return one yes/no per label: shape {logits.shape}, got {got.shape}."
            )
        answers[threshold] = got.astype(bool)
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    softmax = shifted / shifted.sum(axis=1, keepdims=True)
    for threshold, got in answers.items():
        expected = sigmoid(logits) > threshold
        if np.array_equal(got, expected):
            continue
        if np.array_equal(got, softmax > threshold):
            return _failed(
                name,
                "you used softmax: its outputs compete and sum to 1, so a picture with a cat "
                "AND a dog cannot get high probabilities for both. Use one sigmoid per label.",
            )
        one_hot = np.zeros_like(got)
        one_hot[np.arange(len(logits)), logits.argmax(axis=1)] = True
        if np.array_equal(got, one_hot):
            return _failed(name, "you picked one label per row (argmax); any number may apply.")
        if np.array_equal(got, logits > threshold):
            return _failed(
                name,
                "you compared the logits with the threshold; compare σ(logit) with it (or "
                "the logit with logit(threshold)).",
            )
        if np.array_equal(got, sigmoid(logits) > 0.5):
            return _failed(name, "the threshold argument is ignored; use it instead of 0.5.")
        return _failed(
            name, f"with threshold={threshold} expected {expected.astype(int).tolist()}."
        )
    return _passed(
        name, "one independent sigmoid per label, thresholded: rows may have 0, 1 or many labels."
    )


def check_gated_update(func: Callable) -> CheckResult:
    """Check ``func(old, candidate, gate_logit)``: ``σ(g)·candidate + (1 − σ(g))·old``.

    The gate ``σ(g)`` is the fraction of the new candidate let in, as in a GRU's update gate.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_gated_update(lambda o, c, g: sigmoid(g) * c + (1 - sigmoid(g)) * o).passed
    True
    """
    name = "gated update"
    _check_callable(func, "check_gated_update", "gated_update")
    old = np.array([1.0, -2.0, 0.5, 3.0, 0.0])
    candidate = np.array([-1.0, 4.0, 0.5, -3.0, 2.0])
    gate = np.array([-6.0, 0.0, 1.0, 6.0, 2.0])
    try:
        value, error, _ = _call_quietly(func, old, candidate, gate)
    except NotImplementedError:
        return _not_attempted(name, _PLACEHOLDER)
    if error is not None:
        return _failed(name, _describe_error(error))
    got = _as_array(value, old.shape, name)
    if isinstance(got, CheckResult):
        return got
    g = sigmoid(gate)
    expected = g * candidate + (1 - g) * old
    if np.allclose(got, expected):
        return _passed(
            name,
            "a gate near 0 keeps the old value, near 1 takes the candidate, and in between "
            "mixes them.",
        )
    mistakes = [
        (
            g * old + (1 - g) * candidate,
            "swapped: σ(g) is the share of the candidate, so a "
            "closed gate (σ(g) ≈ 0) must keep the old value.",
        ),
        (
            gate * candidate + (1 - gate) * old,
            "the raw logit is used as the gate; squash it "
            "with σ first so the share lies between 0 and 1.",
        ),
        (g * candidate, "the old value is lost: add (1 − σ(g))·old."),
        (g * candidate + old, "the old value must be scaled by (1 − σ(g)), or the state grows."),
    ]
    for candidate_answer, message in mistakes:
        if np.allclose(got, candidate_answer):
            return _failed(name, message)
    return _failed(name, f"expected {np.round(expected, 4).tolist()}.")
