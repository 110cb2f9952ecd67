"""Checkers for chapter 1: a neuron, a layer of neurons on a batch, where the step sits,
where the output reaches a level q, two linear layers collapsing into one, and a neuron that
computes AND.

Every checker tries its cases in order and reports the first one the answer gets wrong, with
the inputs of that case, named as the exercise names them; a case the answer gets right is
never blamed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

import numpy as np

from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.checks._core import (
    RETURNED_NONE,
    CheckResult,
    NotAttempted,
    call_learner,
    close,
    correct,
    describe_error,
    is_placeholder,
    not_attempted,
    numbers_text,
    wrong,
)
from sigmoid_lab.checks._tails import sentences
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "check_and_neuron",
    "check_collapse",
    "check_layer",
    "check_level_position",
    "check_neuron",
    "check_step_position",
]


def _then(sentence: str, advice: str | None) -> str:
    """``sentence``, followed by ``advice`` when there is one: two whole messages, with a
    space between them in English and none in Chinese."""
    if not advice:
        return sentence
    return sentences(sentence, advice)


def _case_error(case: str, error: Exception, hint: str) -> str:
    """What an error raised by the learner's function means, after the case that raised it."""
    return _("{case}: {problem}").format(case=case, problem=describe_error(error, hint))


_SIGN_SLIP = N_(
    "A sign slip: you compute σ(−z), that is 1/(1 + exp(z)). The sigmoid is 1/(1 + exp(−z))."
)


def _matching(got, candidates, *, rtol=1e-7) -> str | None:
    """The message (translated) of the first candidate mistake that ``got`` reproduces.

    Each candidate is ``(expected, message)`` with ``message`` marked by ``N_``.
    """
    for expected, message in candidates:
        with np.errstate(all="ignore"):
            value = expected()
        if value is None:
            continue
        value = np.asarray(value, dtype=float)
        got_array = np.asarray(got, dtype=float)
        if value.shape == got_array.shape and np.allclose(
            got_array, value, rtol=rtol, atol=1e-12, equal_nan=True
        ):
            return _(message)
    return None


# ------------------------------------------------------------------------------ a neuron

_NEURON_CASES = (
    (np.array([0.5, -1.2, 3.0]), np.array([0.8, 0.1, -0.4]), 0.2),
    (np.array([1.0, 2.0]), np.array([-0.5, 0.25]), -1.0),
    (np.array([2.0, 0.0, -1.0, 0.5]), np.array([1.5, 3.0, 0.5, -2.0]), 0.7),
)

_NEURON_HINT = N_(
    "Here x and w are 1-D arrays of the same length and b is one number: np.dot(w, x) (or "
    "w @ x) is the weighted sum."
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
    exercise = _("a neuron")
    try:
        calls = [call_learner(neuron, x.copy(), w.copy(), b) for x, w, b in _NEURON_CASES]
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your neuron"))
    for (x, w, b), call in zip(_NEURON_CASES, calls, strict=True):
        case = _("For x = {x}, w = {w}, b = {b:g}").format(
            x=numbers_text(x), w=numbers_text(w), b=b
        )
        if call.error is not None:
            return wrong(exercise, _case_error(case, call.error, _(_NEURON_HINT)))
        if call.value is None:
            return wrong(exercise, _(RETURNED_NONE))
        try:
            array = np.asarray(call.value, dtype=float)
        except (TypeError, ValueError):
            return wrong(
                exercise,
                _("{case} your function returned a {type}: return one number.").format(
                    case=case, type=type(call.value).__name__
                ),
            )
        if array.size == x.size and x.size > 1:
            return wrong(
                exercise,
                _(
                    "{case} your function returned {size} numbers: it multiplies each input "
                    "by its weight but does not add them up. A neuron sums its weighted inputs "
                    "into one number, np.dot(w, x) + b, then applies σ."
                ).format(case=case, size=x.size),
            )
        if array.size != 1:
            return wrong(
                exercise,
                _(
                    "{case} your function returned shape {shape}: a neuron outputs one number."
                ).format(case=case, shape=array.shape),
            )
        got = float(array.ravel()[0])
        weighted = float(np.dot(w, x))
        z = weighted + b
        expected = float(sigmoid(z))
        if close(got, expected):
            continue
        mistake = _matching(
            got,
            [
                (
                    lambda z=z: z,
                    N_(
                        "You return the weighted sum z = w·x + b itself: the neuron's output "
                        "is σ(z). Pass z through the sigmoid."
                    ),
                ),
                (
                    lambda weighted=weighted: sigmoid(weighted),
                    N_(
                        "The bias is missing (a forgotten term): the neuron computes "
                        "σ(w·x + b), not σ(w·x)."
                    ),
                ),
                (
                    lambda weighted=weighted, b=b: sigmoid(weighted) + b,
                    N_(
                        "You add the bias after the sigmoid: it belongs inside, σ(w·x + b), "
                        "so the output stays between 0 and 1."
                    ),
                ),
                (
                    lambda weighted=weighted, b=b: sigmoid(weighted - b),
                    N_("You subtract the bias: the neuron computes σ(w·x + b)."),
                ),
                (
                    lambda z=z: sigmoid(-z),
                    _SIGN_SLIP,
                ),
            ],
        )
        return wrong(
            exercise,
            _(
                "{case} your function returns {got:.6g}, but σ(w·x + b) = σ({z:g}) = "
                "{expected:.6g}. {advice}"
            ).format(
                case=case,
                got=got,
                z=z,
                expected=expected,
                advice=mistake or _("Compute z = w·x + b, then σ(z)."),
            ),
        )
    return correct(
        exercise,
        _(
            "σ(w·x + b) on three neurons with 2 to 4 inputs: a weighted sum, plus a bias, "
            "through the sigmoid."
        ),
    )


# ------------------------------------------------------------------- a layer on a batch


def _layer_cases():
    """(X, W, b) with X of shape (m, d), W (k, d), b (k,).

    The first case has m, d and k all different, so that every mix-up of the axes either
    fails or gives a shape of its own; the third has m = k, where a transposed answer has
    the right shape and only its values give it away.
    """
    rng = np.random.default_rng(12)
    cases = []
    for m, d, k in ((5, 3, 2), (1, 4, 3), (4, 2, 4), (6, 1, 1)):
        X = rng.normal(size=(m, d)).round(2)
        W = rng.normal(size=(k, d)).round(2)
        b = rng.normal(size=k).round(2)
        cases.append((X, W, b))
    return cases


_LAYER_HINT = N_(
    "X holds one example per row, shape (m, d); W holds one neuron's weights per row, shape "
    "(k, d). X @ W.T has shape (m, k): row i, column j is w_j · x_i."
)

_SHAPES_IN_TEXT = re.compile(r"\(([\d,\s]*)\)")


def _shapes_in(text: str) -> list[tuple[int, ...]]:
    return [
        tuple(int(n) for n in group.split(",") if n.strip())
        for group in _SHAPES_IN_TEXT.findall(text)
    ]


def _layer_mistake(got, X, W, b) -> str | None:
    """The mistake a wrong layer output of the right shape looks like, if any."""
    m, k = X.shape[0], W.shape[0]
    z = X @ W.T + b
    expected = sigmoid(z)
    return _matching(
        got,
        [
            (
                lambda: sigmoid(W @ X.T + b).T if m == k else None,
                N_(
                    "You computed W @ X.T + b and transposed it. W @ X.T has one column per "
                    "example, so + b gave each example a bias instead of each neuron (the "
                    "shapes fit only because m = k here). Compute X @ W.T + b: the neurons are "
                    "then in the columns, where b is added."
                ),
            ),
            (
                lambda: sigmoid(W @ X.T + b) if m == k else None,
                N_(
                    "W @ X.T + b has one row per neuron instead of one per example, and + b "
                    "gave each example a bias instead of each neuron (the shapes fit only "
                    "because m = k here). Compute X @ W.T + b."
                ),
            ),
            (
                lambda: expected.T if m == k else None,
                N_(
                    "The right numbers, transposed: the exercise asks for one row per example "
                    "and one column per neuron, X @ W.T + b."
                ),
            ),
            (
                lambda: z,
                N_(
                    "You return the weighted sums z = X @ W.T + b: the layer's outputs are "
                    "σ(z). Pass z through the sigmoid."
                ),
            ),
            (
                lambda: sigmoid(X @ W.T),
                N_(
                    "The bias is missing (a forgotten term): each neuron computes "
                    "σ(w_j · x + b_j)."
                ),
            ),
            (
                lambda: sigmoid(X @ W.T) + b,
                N_("You add the bias after the sigmoid: it belongs inside, σ(X @ W.T + b)."),
            ),
            (
                lambda: sigmoid(X @ W.T - b),
                N_("You subtract the bias: each neuron computes σ(w_j · x + b_j)."),
            ),
            (lambda: sigmoid(-z), _SIGN_SLIP),
        ],
    )


def check_layer(layer: Callable) -> CheckResult:
    """Check ``layer(X, W, b)``: a layer of k sigmoid neurons on a batch of m examples.

    Returns σ(X Wᵀ + b), shape (m, k): entry [i, j] is neuron j's output on example i.
    Names these mistakes: W @ X or X @ W (shapes that do not line up), W @ X.T (one row per
    neuron, with the bias then added across examples or failing to broadcast), the result
    transposed, no activation, a forgotten bias, the bias after σ or subtracted, a sign slip,
    and summing over the neurons.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_layer(lambda X, W, b: sigmoid(X @ W.T + b)).passed
    True
    """
    exercise = _("a layer of neurons")
    cases = _layer_cases()
    try:
        calls = [call_learner(layer, X.copy(), W.copy(), b.copy()) for X, W, b in cases]
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your layer"))
    for (X, W, b), call in zip(cases, calls, strict=True):
        (m, d), k = X.shape, W.shape[0]
        case = _(
            "For X of shape {X_shape} and W of shape {W_shape} (m = {m}, d = {d}, k = {k})"
        ).format(X_shape=X.shape, W_shape=W.shape, m=m, d=d, k=k)
        if call.error is not None:
            text = str(call.error)
            if "broadcast" in text and {(k, m), (k,)} <= set(_shapes_in(text)) and m != k:
                return wrong(
                    exercise,
                    _(
                        "{case}: W @ X.T has shape {shape}, one row per neuron, and b (one "
                        "entry per neuron) cannot be added to it: NumPy adds a vector along the "
                        "last axis. Put the examples in the rows and the neurons in the "
                        "columns: X @ W.T + b, shape (m, k)."
                    ).format(case=case, shape=(k, m)),
                )
            return wrong(exercise, _case_error(case, call.error, _(_LAYER_HINT)))
        if call.value is None:
            return wrong(exercise, _(RETURNED_NONE))
        try:
            got = np.asarray(call.value, dtype=float)
        except (TypeError, ValueError):
            return wrong(
                exercise,
                _(
                    "{case} your function returned a {type}: return a NumPy array of shape (m, k)."
                ).format(case=case, type=type(call.value).__name__),
            )
        z = X @ W.T + b
        expected = sigmoid(z)
        if got.shape != (m, k):
            if got.shape == (k, m) and close(got.T, expected):
                return wrong(
                    exercise,
                    _(
                        "{case} your function returns the right numbers in shape {shape}: one "
                        "row per neuron. The exercise asks for one row per example and one "
                        "column per neuron, shape (m, k): compute X @ W.T + b (or transpose)."
                    ).format(case=case, shape=(k, m)),
                )
            if got.shape == (k, m):
                return wrong(
                    exercise,
                    _(
                        "{case} your function returns shape {shape}, one row per neuron: W @ X.T "
                        "puts the neurons in the rows. The exercise asks for shape (m, k), one "
                        "row per example: X @ W.T + b."
                    ).format(case=case, shape=(k, m)),
                )
            if got.size == m and k > 1:
                return wrong(
                    exercise,
                    _(
                        "{case} your function returns {m} numbers, one per example: a layer of "
                        "k = {k} neurons gives k outputs for each example, shape (m, k). Did you "
                        "add up the neurons' outputs, or use only one of them?"
                    ).format(case=case, m=m, k=k),
                )
            return wrong(
                exercise,
                _(
                    "{case} your function returns shape {shape}; a layer's output has shape "
                    "(m, k) = {expected_shape}: one row per example, one column per neuron."
                ).format(case=case, shape=got.shape, expected_shape=(m, k)),
            )
        if close(got, expected):
            continue
        mistake = _layer_mistake(got, X, W, b)
        i, j = np.unravel_index(int(np.nanargmax(np.abs(got - expected))), got.shape)
        where = _(
            "{case}, entry [{i}, {j}] (example {i}, neuron {j}) is {got:.6g}, but "
            "σ(w_{j} · x_{i} + b_{j}) = {expected:.6g}."
        ).format(case=case, i=i, j=j, got=got[i, j], expected=expected[i, j])
        return wrong(exercise, _then(where, mistake))
    return correct(
        exercise,
        _(
            "σ(X @ W.T + b) on four batches, from one example to six and from one neuron to "
            "four: row i holds the k neurons' outputs on example i."
        ),
    )


# --------------------------------------------------------------------- the step position

_STEP_CASES = ((2.0, -3.0), (0.5, 1.0), (-4.0, 2.0), (5.0, 2.5))


def _one_number(call, exercise: str, case: str, hint: str) -> float | CheckResult:
    """The learner's single-number answer, or a "Not yet" naming what went wrong."""
    if call.error is not None:
        error = call.error
        if isinstance(error, ValueError) and "math domain error" in str(error):
            return wrong(
                exercise,
                _(
                    "{case}: math.log (or math.sqrt) got a number outside its domain, such as a "
                    "logarithm of a negative number or of 0. {hint}"
                ).format(case=case, hint=hint),
            )
        return wrong(exercise, _case_error(case, error, hint))
    if call.value is None:
        return wrong(exercise, _(RETURNED_NONE))
    try:
        array = np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _("{case} your function returned a {type}: return one number.").format(
                case=case, type=type(call.value).__name__
            ),
        )
    if array.size != 1:
        return wrong(
            exercise,
            _("{case} your function returned shape {shape}: return one number.").format(
                case=case, shape=array.shape
            ),
        )
    return float(array.ravel()[0])


def _answers(calls, cases, exercise, describe, hint) -> list[float] | CheckResult:
    """The learner's single-number answer for every case, or the first case that failed."""
    got = []
    for case, call in zip(cases, calls, strict=True):
        value = _one_number(call, exercise, describe(*case), hint)
        if isinstance(value, CheckResult):
            return value
        got.append(value)
    return got


def check_step_position(step_position: Callable) -> CheckResult:
    """Check ``step_position(w, b)``: where σ(wx + b) = ½, that is x = −b/w.

    Tries w > 0 and w < 0 and reports the first case the answer gets wrong (−b/|w| is right
    for w = 2, b = −3 and is told it is wrong for w = −4, b = 2). Names these mistakes, from
    the answers on all the cases: b/w (a sign slip), −b/|w| (right for w > 0 only), −w/b or
    w/b (swapped), and solving wx + b = ½ instead of wx + b = 0.

    Examples
    --------
    >>> check_step_position(lambda w, b: -b / w).passed
    True
    """
    exercise = _("the step position")
    try:
        calls = [call_learner(step_position, w, b) for w, b in _STEP_CASES]
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your formula"))

    def describe(w, b):
        return _("For w = {w:g}, b = {b:g}").format(w=w, b=b)

    got = _answers(calls, _STEP_CASES, exercise, describe, _("w and b are single numbers, w ≠ 0."))
    if isinstance(got, CheckResult):
        return got
    w = np.array([case[0] for case in _STEP_CASES])
    b = np.array([case[1] for case in _STEP_CASES])
    right = -b / w
    failing = [
        i
        for i, value in enumerate(got)
        if not math.isclose(value, right[i], rel_tol=1e-9, abs_tol=1e-12)
    ]
    if not failing:
        return correct(
            exercise,
            _(
                "x = −b/w, for rising (w > 0) and falling (w < 0) neurons: there wx + b = 0, "
                "so the output is σ(0) = ½."
            ),
        )
    mistake = _matching(
        got,
        [
            (
                lambda: b / w,
                N_("A sign slip: the step is where wx + b = 0, so x = −b/w, not b/w."),
            ),
            (
                lambda: -b / np.abs(w),
                N_(
                    "You divide by |w|: that is right for w > 0 only. For a negative w the "
                    "curve falls instead of rising, but the step is still where wx + b = 0, "
                    "at x = −b/w."
                ),
            ),
            (lambda: -w / b, N_("Swapped: solve wx + b = 0 for x, which gives −b/w.")),
            (lambda: w / b, N_("Swapped and a sign slip: solve wx + b = 0 for x, giving −b/w.")),
            (
                lambda: (0.5 - b) / w,
                N_(
                    "You solved wx + b = ½. The output σ(wx + b) is ½ where its input is 0, "
                    "since σ(0) = ½: solve wx + b = 0."
                ),
            ),
        ],
    )
    i = failing[0]
    output = float(sigmoid(w[i] * got[i] + b[i]))
    return wrong(
        exercise,
        _then(
            _(
                "{case} you return x = {x:g}, where the output σ(wx + b) is {output:.3f}, not ½."
            ).format(case=describe(w[i], b[i]), x=got[i], output=output),
            mistake,
        ),
    )


# --------------------------------------------------------- where the output reaches q

# (q, w, b): rising and falling neurons, levels on both sides of ½, q = ½ itself (which is
# not first: −b/w must be told it is right there), and both tails, where log(q/(1 − q)) is
# about ∓20.7.
_LEVEL_CASES = (
    (0.9, 2.0, -3.0),
    (0.1, 2.0, -3.0),
    (0.75, -0.5, 1.0),
    (0.5, 4.0, 2.0),
    (0.02, 1.5, 0.5),
    (0.999, 3.0, -1.0),
    (0.3, 10.0, 0.0),
    (1e-9, 0.25, 2.0),
    (1 - 1e-9, -2.0, -1.0),
)

_LEVEL_HINT = N_(
    "q, w and b are single numbers (0 < q < 1, w ≠ 0): math.log and np.log both work on them."
)


def _shown_level(q: float) -> str:
    return f"1 − {1 - q:.0e}" if q > 0.999999 else f"{q:g}"


def _level_mistake(got, q, w, b) -> str | None:
    """The slip that the answers on all the cases reproduce, if any."""
    z = logit(q)
    return _matching(
        got,
        [
            (
                lambda: (q - b) / w,
                N_(
                    "You solved wx + b = q, as if the level were σ's input. The output "
                    "σ(wx + b) is q where σ's input z satisfies σ(z) = q: find that z first, "
                    "then solve wx + b = z."
                ),
            ),
            (
                lambda: -b / w,
                N_(
                    "That is the step, where the output is ½: right for q = ½ only. For "
                    "another level, first find the z with σ(z) = q."
                ),
            ),
            (
                lambda: (-z - b) / w,
                N_(
                    "A sign slip in the logarithm: σ reaches q at z = log(q/(1 − q)); "
                    "log((1 − q)/q) is where it reaches 1 − q. From 1/(1 + e^(−z)) = q, "
                    "e^(−z) = (1 − q)/q, so z = −log((1 − q)/q)."
                ),
            ),
            (lambda: (z + b) / w, N_("A sign slip on b: wx + b = z gives x = (z − b)/w.")),
            (
                lambda: (b - z) / w,
                N_("A sign slip: wx + b = z gives x = (z − b)/w; you return (b − z)/w."),
            ),
            (
                lambda: (z - b) / np.abs(w),
                N_(
                    "You divide by |w|: that is right for w > 0 only. wx + b = z gives "
                    "x = (z − b)/w whatever the sign of w."
                ),
            ),
            (
                lambda: z / w - b,
                N_("b must be divided by w too: wx = z − b, so x = (z − b)/w."),
            ),
            (
                lambda: z - b / w,
                N_("The logarithm must be divided by w too: wx = z − b, so x = (z − b)/w."),
            ),
            (
                lambda: (z - b) * w,
                N_("wx = z − b gives x = (z − b)/w: divide by w, do not multiply."),
            ),
            (lambda: w / (z - b), N_("Upside down: wx = z − b gives x = (z − b)/w.")),
            (
                lambda: (np.log(q) - b) / w,
                N_(
                    "z = log q misses the 1 − q: σ(z) = q gives e^(−z) = (1 − q)/q, so "
                    "z = log(q/(1 − q))."
                ),
            ),
            (
                lambda: (z / np.log(10) - b) / w,
                N_("log here is the natural logarithm: np.log (or math.log), not np.log10."),
            ),
            (
                lambda: (sigmoid(q) - b) / w,
                N_("You applied σ to q. You need the reverse: the z for which σ(z) = q."),
            ),
        ],
        rtol=1e-5,
    )


def check_level_position(level_position: Callable) -> CheckResult:
    """Check ``level_position(q, w, b)``: where σ(wx + b) = q, x = (log(q/(1 − q)) − b)/w.

    A derivation on paper: σ(z) = q gives e^(−z) = (1 − q)/q, so z = log(q/(1 − q)), and
    wx + b = z gives x. Any correct form passes (log(q) − log(1 − q), −log(1/q − 1),
    :func:`~sigmoid_lab.activations.logit`); the answer is compared on nine (q, w, b), from
    q = 1e−9 to 1 − 1e−9, with w > 0 and w < 0, and the first wrong case is reported.

    Names these mistakes, from the answers on all the cases: solving wx + b = q, the step
    −b/w (right for q = ½ only), the sign of the logarithm (log((1 − q)/q)), a sign slip on
    b or overall, dividing by |w|, dividing only one of the two terms by w, multiplying by
    w, upside down, log q without 1 − q, log10, and σ(q) in place of σ's inverse.

    Examples
    --------
    >>> import numpy as np
    >>> check_level_position(lambda q, w, b: (np.log(q / (1 - q)) - b) / w).passed
    True
    """
    exercise = _("where the output reaches q")
    try:
        calls = [call_learner(level_position, q, w, b) for q, w, b in _LEVEL_CASES]
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your formula"))

    def describe(q, w, b):
        return _("For q = {q}, w = {w:g}, b = {b:g}").format(q=_shown_level(q), w=w, b=b)

    got = _answers(calls, _LEVEL_CASES, exercise, describe, _(_LEVEL_HINT))
    if isinstance(got, CheckResult):
        return got
    q, w, b = (np.array(column) for column in zip(*_LEVEL_CASES, strict=True))
    right = (logit(q) - b) / w
    failing = [
        i
        for i, value in enumerate(got)
        if not abs(value - right[i]) <= 1e-6 * max(1.0, abs(right[i]))
    ]
    if not failing:
        return correct(
            exercise,
            _(
                "x = (log(q/(1 − q)) − b)/w: σ(z) = q at z = log(q/(1 − q)), the logit of q, "
                "and wx + b = z there. Right on nine levels from q = 1e−9 to 1 − 1e−9, for "
                "rising (w > 0) and falling (w < 0) neurons."
            ),
        )
    mistake = _level_mistake(np.array(got), q, w, b)
    i = failing[0]
    output = float(sigmoid(w[i] * got[i] + b[i])) if math.isfinite(got[i]) else math.nan
    return wrong(
        exercise,
        _then(
            _(
                "{case} you return x = {x:.6g}, where the output σ(wx + b) is {output:.6g}; "
                "it reaches {q} at x = {right:.6g}."
            ).format(
                case=describe(q[i], w[i], b[i]),
                x=got[i],
                output=output,
                q=_shown_level(q[i]),
                right=right[i],
            ),
            mistake,
        ),
    )


# ----------------------------------------------------------- two linear layers into one


def _collapse_cases():
    """(W1, b1, W2, b2) for d inputs, h hidden units, k outputs: W1 (h, d), W2 (k, h).

    In the first case W1 @ W2 is defined, so the wrong order shows in the values; in the
    second it raises; the third is square, where b1 + b2 and W1 @ W2 run without error.
    """
    rng = np.random.default_rng(1)
    cases = []
    for d, h, k in ((2, 3, 2), (3, 4, 1), (3, 3, 3)):
        W1 = rng.normal(size=(h, d)).round(2)
        b1 = rng.normal(size=h).round(2)
        W2 = rng.normal(size=(k, h)).round(2)
        b2 = rng.normal(size=k).round(2)
        cases.append((W1, b1, W2, b2))
    return cases


_COLLAPSE_HINT = N_(
    "x meets W1 first, then W2, so the combined matrix is W2 @ W1, of shape (outputs, "
    "inputs); b1 passes through the second layer too."
)


def _collapse_bias_mistake(b, W1, b1, W2, b2) -> str | None:
    """The mistake a wrong bias of the collapsed layer looks like, if any."""
    return _matching(
        b,
        [
            (
                lambda: b2,
                N_(
                    "A forgotten term: b1 also passes through W2, so the bias is W2 @ b1 + b2, "
                    "not b2 alone."
                ),
            ),
            (lambda: W2 @ b1, N_("A forgotten term: add the second layer's own bias b2.")),
            (
                lambda: b1 + b2 if b1.shape == b2.shape else None,
                N_(
                    "b1 passes through the second layer first: the bias is W2 @ b1 + b2, not "
                    "b1 + b2."
                ),
            ),
            (
                lambda: W2 @ (b1 + b2) if b1.shape == b2.shape else None,
                N_("b2 is added after W2, so it is not multiplied by W2: W2 @ b1 + b2."),
            ),
            (
                lambda: W2 @ (W1 @ b1) + b2 if W1.shape[1] == b1.shape[0] else None,
                N_("b1 is added after W1, so it is not multiplied by W1: W2 @ b1 + b2."),
            ),
        ],
    )


def check_collapse(collapse: Callable) -> CheckResult:
    """Check ``collapse(W1, b1, W2, b2)`` -> ``(W, b)``, the one linear layer equal to two.

    W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2). A derivation on paper: any correct form
    passes; it is compared on three pairs of layers (2 → 3 → 2, 3 → 4 → 1, 3 → 3 → 3), and
    the first wrong pair is reported. Names these mistakes: the matrices in the wrong order,
    W transposed, W2 * W1 (elementwise), a forgotten W2 @ b1 or b2 (a forgotten term),
    b1 + b2, W2 @ (b1 + b2), b1 multiplied by W1, and not returning two things.

    Examples
    --------
    >>> check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2)).passed
    True
    """
    exercise = _("collapse two linear layers")
    cases = _collapse_cases()
    try:
        calls = [call_learner(collapse, *(part.copy() for part in case)) for case in cases]
    except NotAttempted:
        return not_attempted(exercise, _("Replace `raise NotImplementedError` with your (W, b)"))
    for (W1, b1, W2, b2), call in zip(cases, calls, strict=True):
        (h, d), k = W1.shape, W2.shape[0]
        if k > 1:
            case = _(
                "For W1 of shape {W1_shape} and W2 of shape {W2_shape} ({d} inputs, {h} hidden "
                "units, {k} outputs)"
            )
        else:
            case = _(
                "For W1 of shape {W1_shape} and W2 of shape {W2_shape} ({d} inputs, {h} hidden "
                "units, {k} output)"
            )
        case = case.format(W1_shape=W1.shape, W2_shape=W2.shape, d=d, h=h, k=k)
        if call.error is not None:
            text = str(call.error)
            if "broadcast" in text and h != k and {(h,), (k,)} <= set(_shapes_in(text)):
                return wrong(
                    exercise,
                    _(
                        "{case}: b1 has {h} entries and b2 has {k}, so they cannot be added. b1 "
                        "passes through the second layer first: the bias is W2 @ b1 + b2."
                    ).format(case=case, h=h, k=k),
                )
            return wrong(exercise, _case_error(case, call.error, _(_COLLAPSE_HINT)))
        value = call.value
        if value is None:
            return wrong(exercise, _(RETURNED_NONE))
        if isinstance(value, np.ndarray) or not isinstance(value, Sequence) or len(value) != 2:
            return wrong(exercise, _("Return two things, the matrix and the bias: `return W, b`."))
        try:
            W, b = (np.asarray(part, dtype=float) for part in value)
        except (TypeError, ValueError):
            return wrong(exercise, _("Return two NumPy arrays: `return W, b`."))
        right_W, right_b = W2 @ W1, W2 @ b1 + b2
        if d == k and W.shape == (h, h) and close(W, W1 @ W2) and not close(W, right_W):
            return wrong(
                exercise,
                _(
                    "{case}: your W is W1 @ W2, the wrong order. x meets W1 first, then W2, so "
                    "the combined matrix is W2 @ W1 (matrix products do not commute)."
                ).format(case=case),
            )
        if W.shape == (d, k) and close(W, right_W.T):
            return wrong(
                exercise,
                _(
                    "{case}: your W is transposed. It maps {d} inputs to {k} outputs, so it has "
                    "shape ({k}, {d}): one row per output, W2 @ W1."
                ).format(case=case, d=d, k=k),
            )
        if not close(W, right_W):
            return wrong(
                exercise,
                _(
                    "{case}: your W (shape {shape}) differs from the one layer's matrix, of "
                    "shape ({k}, {d}). Multiply out W2 (W1 x + b1) + b2 and collect the terms "
                    "with x."
                ).format(case=case, shape=W.shape, k=k, d=d),
            )
        if close(b, right_b):
            continue
        mistake = _collapse_bias_mistake(b, W1, b1, W2, b2)
        return wrong(
            exercise,
            _("{case}: W is right; the bias should be {right}, yours is {yours}. {advice}").format(
                case=case,
                right=numbers_text(right_b),
                yours=numbers_text(b),
                advice=mistake or _("Multiply out W2 (W1 x + b1) + b2."),
            ),
        )
    return correct(
        exercise,
        _(
            "W = W2 @ W1 and b = W2 @ b1 + b2, on three pairs of layers: the two layers are one "
            "linear layer."
        ),
    )


# ------------------------------------------------------------------ a neuron for AND

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_AND = (False, False, False, True)
_OR = (False, True, True, True)
_PATTERNS = {
    (True, True, True, False): N_(
        "Your neuron computes the opposite of AND (NAND): it is on except at (1, 1). Change "
        "the signs of my_w and my_b."
    ),
    _OR: N_(
        "Your neuron computes OR: one input at 1 is enough to pass ½. For AND, one input "
        "alone must stay below: w₁ + b < 0 and w₂ + b < 0, while w₁ + w₂ + b > 0."
    ),
    (True, False, False, False): N_(
        "Your neuron computes the opposite of OR (NOR): it is on only at (0, 0). Large "
        "positive weights and a negative bias make it turn on only when both inputs are 1."
    ),
    (True, True, True, True): N_(
        "Your neuron is on at every corner, even at (0, 0), where its output is σ(b): b must "
        "be negative."
    ),
    (False, False, False, False): N_(
        "Your neuron is off at every corner, (1, 1) too: the weights must be large enough "
        "that w₁ + w₂ + b > 0."
    ),
    (False, False, True, True): N_(
        "Your neuron follows x₁ alone (on exactly where x₁ = 1): AND needs both inputs, so a "
        "single input at 1 must stay below, w₁ + b < 0."
    ),
    (False, True, False, True): N_(
        "Your neuron follows x₂ alone (on exactly where x₂ = 1): AND needs both inputs, so a "
        "single input at 1 must stay below, w₂ + b < 0."
    ),
}


def check_and_neuron(my_w: object, my_b: object) -> CheckResult:
    """Check weights ``my_w = [w₁, w₂]`` and a bias ``my_b`` for a neuron that computes AND.

    The neuron σ(w₁x₁ + w₂x₂ + b) must output at most 0.01 at (0, 0), (0, 1) and (1, 0) and
    at least 0.99 at (1, 1). Reports the first corner (in that order) that misses, and names
    what the neuron computes instead: OR, NAND, NOR, one input alone, always on or off, or
    AND with too shallow a step (right side of ½ everywhere, not beyond 0.01 and 0.99).

    Examples
    --------
    >>> check_and_neuron([10, 10], -15).passed
    True
    """
    exercise = _("a neuron for AND")
    if is_placeholder(my_w) or is_placeholder(my_b):
        return not_attempted(exercise, _("Replace the `...` of my_w and my_b with numbers"))
    try:
        w = np.asarray(my_w, dtype=float)
        b = np.asarray(my_b, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _("my_w should be two numbers, one weight per input ([w₁, w₂]), and my_b one number."),
        )
    if w.size == 1:
        return wrong(
            exercise,
            _(
                "my_w is one number, but the neuron has two inputs and one weight for each: "
                "my_w = [w₁, w₂]."
            ),
        )
    if w.shape != (2,):
        return wrong(
            exercise,
            _("my_w has shape {shape}: give two numbers, one weight per input, [w₁, w₂].").format(
                shape=w.shape
            ),
        )
    if b.size != 1:
        return wrong(
            exercise,
            _(
                "my_b has {size} numbers: a neuron has one bias, however many inputs it has."
            ).format(size=b.size),
        )
    b = float(b.ravel()[0])
    if not (np.all(np.isfinite(w)) and math.isfinite(b)):
        return wrong(exercise, _("my_w and my_b must be finite numbers."))
    z = _CORNERS @ w + b
    out = sigmoid(z)
    target = np.array(_AND)
    good = np.where(target, out >= 0.99, out <= 0.01)
    level = float(logit(0.99))
    if good.all():
        return correct(
            exercise,
            _(
                "the outputs are {out0:.2g}, {out1:.2g} and {out2:.2g} at (0, 0), (0, 1) and "
                "(1, 0), and {out3:.6f} at (1, 1): the line w₁x₁ + w₂x₂ + b = 0 separates (1, 1) "
                "from the other three corners, and the step is steep enough."
            ).format(out0=out[0], out1=out[1], out2=out[2], out3=out[3]),
        )
    first = int(np.argmin(good))
    corner = f"({_CORNERS[first][0]:g}, {_CORNERS[first][1]:g})"
    if target[first]:
        lead = _(
            "At x = {corner} your neuron outputs σ({z:.4g}) = {out:.4g}; AND needs at least "
            "0.99 there."
        )
    else:
        lead = _(
            "At x = {corner} your neuron outputs σ({z:.4g}) = {out:.4g}; AND needs at most "
            "0.01 there."
        )
    lead = lead.format(corner=corner, z=z[first], out=out[first])
    pattern = tuple(bool(v) for v in z > 0)
    if pattern == _AND:
        advice = _(
            "Your neuron is on the right side of ½ at all four corners: its line "
            "w₁x₁ + w₂x₂ + b = 0 already separates (1, 1) from the other corners, but its "
            "step is too shallow. Multiply my_w and my_b by the same factor, say 10: the line "
            "stays where it is and the step gets steeper (section 1.2). σ(z) ≥ 0.99 needs "
            "z ≥ {level:.2f}, and σ(z) ≤ 0.01 needs z ≤ −{level:.2f}."
        ).format(level=level)
    elif pattern in _PATTERNS:
        advice = _(_PATTERNS[pattern])
    else:
        advice = _(
            "AND needs z = w₁x₁ + w₂x₂ + b ≤ −{level:.2f} at (0, 0), (0, 1) and (1, 0), and "
            "z ≥ {level:.2f} at (1, 1)."
        ).format(level=level)
    return wrong(exercise, _then(lead, advice))
