"""Checkers for chapter 1: one neuron, where its step sits, and two linear layers collapsing."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import (
    CheckResult,
    NotAttempted,
    call_learner,
    close,
    correct,
    describe_error,
    first_mistake,
    not_attempted,
    wrong,
)

__all__ = ["check_collapse", "check_neuron", "check_step_position"]


_NEURON_CASES = (
    (np.array([0.5, -1.2, 3.0]), np.array([0.8, 0.1, -0.4]), 0.2),
    (np.array([1.0, 2.0]), np.array([-0.5, 0.25]), -1.0),
    (np.array([2.0, 0.0, -1.0, 0.5]), np.array([1.5, 3.0, 0.5, -2.0]), 0.7),
)


def check_neuron(neuron: Callable) -> CheckResult:
    """Check ``neuron(x, w, b)``: one neuron's output σ(w·x + b) for input and weight vectors.

    Names these mistakes: no activation, a forgotten bias, the bias added after σ or
    subtracted, a sign slip, and an elementwise product that is not summed.

    Examples
    --------
    >>> import numpy as np
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_neuron(lambda x, w, b: sigmoid(np.dot(w, x) + b)).passed
    True
    """
    exercise = "a neuron"
    results = []
    try:
        for x, w, b in _NEURON_CASES:
            results.append(call_learner(neuron, x.copy(), w.copy(), b))
    except NotAttempted:
        return not_attempted(exercise, "Replace `raise NotImplementedError` with your neuron")
    for (x, _w, _b), call in zip(_NEURON_CASES, results, strict=True):
        if call.error is not None:
            return wrong(exercise, describe_error(call.error))
        if call.value is None:
            return wrong(exercise, "Your function returned None: did you forget `return`?")
        try:
            array = np.asarray(call.value, dtype=float)
        except (TypeError, ValueError):
            return wrong(exercise, f"Your function returned a {type(call.value).__name__}.")
        if array.size == x.size and x.size > 1:
            return wrong(
                exercise,
                f"For {x.size} inputs your function returned {x.size} numbers: it multiplies "
                "each input by its weight but does not add them up. A neuron sums its "
                "weighted inputs into one number, np.dot(w, x) + b, then applies σ.",
            )
        if array.size != 1:
            return wrong(
                exercise, f"A neuron outputs one number; yours returned shape {array.shape}."
            )
    got = np.array([float(np.asarray(call.value, dtype=float).ravel()[0]) for call in results])
    z = np.array([np.dot(w, x) + b for x, w, b in _NEURON_CASES])
    weighted = np.array([np.dot(w, x) for x, w, _b in _NEURON_CASES])
    bias = np.array([b for _x, _w, b in _NEURON_CASES])
    if close(got, sigmoid(z)):
        return correct(
            exercise,
            "σ(w·x + b) on three neurons with 2 to 4 inputs: a weighted sum, plus a "
            "bias, through the sigmoid.",
        )
    mistake = first_mistake(
        got,
        [
            (
                lambda: z,
                "You return the weighted sum z = w·x + b itself: the neuron's output "
                "is σ(z). Pass z through the sigmoid.",
            ),
            (
                lambda: sigmoid(weighted),
                "The bias is missing (a forgotten term): the neuron "
                "computes σ(w·x + b), not σ(w·x).",
            ),
            (
                lambda: sigmoid(weighted) + bias,
                "You add the bias after the sigmoid: it belongs "
                "inside, σ(w·x + b), so the output stays between 0 and 1.",
            ),
            (
                lambda: sigmoid(weighted - bias),
                "You subtract the bias: the neuron computes σ(w·x + b).",
            ),
            (
                lambda: sigmoid(-z),
                "A sign slip: you compute σ(−z), that is 1/(1 + exp(z)). "
                "The sigmoid is 1/(1 + exp(−z)).",
            ),
        ],
    )
    return wrong(
        exercise,
        mistake
        or (
            f"Your outputs {np.round(got, 4).tolist()} differ from σ(w·x + b) = "
            f"{np.round(sigmoid(z), 4).tolist()}."
        ),
    )


_STEP_CASES = ((2.0, -3.0), (0.5, 1.0), (-4.0, 2.0), (5.0, 2.5))


def check_step_position(step_position: Callable) -> CheckResult:
    """Check ``step_position(w, b)``: where σ(wx + b) = ½, that is x = −b/w.

    Names these mistakes: b/w (a sign slip), −w/b or w/b (swapped), and solving
    wx + b = ½ instead of wx + b = 0.

    Examples
    --------
    >>> check_step_position(lambda w, b: -b / w).passed
    True
    """
    exercise = "the step position"
    try:
        calls = [call_learner(step_position, w, b) for w, b in _STEP_CASES]
    except NotAttempted:
        return not_attempted(exercise, "Replace `raise NotImplementedError` with your formula")
    got = []
    for call in calls:
        if call.error is not None:
            return wrong(exercise, describe_error(call.error))
        if call.value is None:
            return wrong(exercise, "Your function returned None: did you forget `return`?")
        try:
            got.append(float(np.asarray(call.value, dtype=float)))
        except (TypeError, ValueError):
            return wrong(exercise, f"Return one number, not a {type(call.value).__name__}.")
    got = np.array(got)
    w = np.array([case[0] for case in _STEP_CASES])
    b = np.array([case[1] for case in _STEP_CASES])
    if close(got, -b / w):
        for (wi, bi), xi in zip(_STEP_CASES, got, strict=True):
            if not math.isclose(float(sigmoid(wi * xi + bi)), 0.5, abs_tol=1e-12):
                break
        else:
            return correct(exercise, "x = −b/w: there wx + b = 0, so the output is σ(0) = ½.")
    mistake = first_mistake(
        got,
        [
            (lambda: b / w, "A sign slip: the step is where wx + b = 0, so x = −b/w, not b/w."),
            (lambda: -w / b, "Swapped: solve wx + b = 0 for x, which gives −b/w."),
            (lambda: w / b, "Swapped and a sign slip: solve wx + b = 0 for x, giving −b/w."),
            (
                lambda: (0.5 - b) / w,
                "You solved wx + b = ½. The output σ(wx + b) is ½ where "
                "its input is 0, since σ(0) = ½: solve wx + b = 0.",
            ),
        ],
    )
    return wrong(
        exercise,
        mistake
        or (
            f"For w = {w[0]:g}, b = {b[0]:g} you return x = {got[0]:g}, where the output "
            f"σ(wx + b) is {float(sigmoid(w[0] * got[0] + b[0])):.3f}, not ½."
        ),
    )


def _collapse_layers():
    rng = np.random.default_rng(1)
    W1 = rng.normal(size=(3, 2)).round(2)
    b1 = rng.normal(size=3).round(2)
    W2 = rng.normal(size=(2, 3)).round(2)
    b2 = rng.normal(size=2).round(2)
    return W1, b1, W2, b2


def check_collapse(collapse: Callable) -> CheckResult:
    """Check ``collapse(W1, b1, W2, b2)`` -> ``(W, b)``, the one linear layer equal to two.

    W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2). Names these mistakes: the matrices in
    the wrong order, a forgotten W2 @ b1 or b2 (a forgotten term), and b1 + b2.

    Examples
    --------
    >>> check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2)).passed
    True
    """
    exercise = "collapse two linear layers"
    W1, b1, W2, b2 = _collapse_layers()
    try:
        call = call_learner(collapse, W1.copy(), b1.copy(), W2.copy(), b2.copy())
    except NotAttempted:
        return not_attempted(exercise, "Replace `raise NotImplementedError` with your (W, b)")
    if call.error is not None:
        text = str(call.error)
        if "b1" in text or ("operands could not be broadcast" in text and "(3,)" in text):
            return wrong(
                exercise,
                "b1 has 3 entries and b2 has 2, so they cannot be added: b1 passes through "
                "the second layer first. The bias is W2 @ b1 + b2.",
            )
        if "matmul" in text or "aligned" in text:
            return wrong(
                exercise,
                "The matrices do not fit together in that order. The first layer acts "
                "first, so the combined matrix is W2 @ W1.",
            )
        return wrong(exercise, describe_error(call.error))
    value = call.value
    if not isinstance(value, Sequence) or len(value) != 2:
        return wrong(exercise, "Return two things, the matrix and the bias: `return W, b`.")
    try:
        W, b = (np.asarray(part, dtype=float) for part in value)
    except (TypeError, ValueError):
        return wrong(exercise, "Return two NumPy arrays: `return W, b`.")
    right_W, right_b = W2 @ W1, W2 @ b1 + b2
    if W.shape == (3, 3) and close(W, W1 @ W2):
        return wrong(
            exercise,
            "W1 @ W2 is the wrong order: x meets W1 first, then W2, so the combined matrix is "
            "W2 @ W1 (matrix products do not commute).",
        )
    if not close(W, right_W):
        return wrong(
            exercise, f"The matrix should be W2 @ W1 (shape {right_W.shape}); yours differs."
        )
    if close(b, right_b):
        return correct(
            exercise, "W = W2 @ W1 and b = W2 @ b1 + b2: the two layers are one linear layer."
        )
    mistake = first_mistake(
        b,
        [
            (
                lambda: b2,
                "A forgotten term: b1 also passes through W2, so the bias is "
                "W2 @ b1 + b2, not b2 alone.",
            ),
            (lambda: W2 @ b1, "A forgotten term: add the second layer's own bias b2."),
            (lambda: W1.T @ b1 + b2, "b1 is multiplied by W2, not by W1: W2 @ b1 + b2."),
        ],
    )
    return wrong(exercise, mistake or "The matrix is right; the bias should be W2 @ b1 + b2.")
