"""Checkers for the exercises of chapters 1–3: a neuron, the sigmoid, its inverse and gradient.

Each checker takes the learner's function (or number) and returns a :class:`CheckResult`:

* the untouched placeholder (``raise NotImplementedError`` or ``...``) gives
  "Not attempted yet", so a notebook with open exercises still runs top to bottom;
* a wrong answer gives "Not yet" and names the mistake it looks like (a sign slip, a
  forgotten term, σ(1 − x) for σ(1 − σ), an overflow at −1000, …);
* a right answer gives "Correct" and says what was checked.

The learner's function is called on NumPy arrays with warnings recorded, so an overflow is
reported in the message instead of printed as a traceback-like warning. A missing warning
proves nothing (it can be silenced, or x clipped), so far in the tails the values themselves
are compared, relatively, down to the subnormal numbers: σ(−720) = 2.03e-313, not 0.0.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sigmoid_lab.activations import logit, sigmoid, sigmoid_grad
from sigmoid_lab.checks._tails import (
    SILENCED,
    agrees,
    explain_logit_tail,
    explain_sigmoid_grad_tail,
    explain_sigmoid_tail,
    show,
)

__all__ = [
    "CheckResult",
    "check_collapse",
    "check_critical_weight",
    "check_layers_below",
    "check_logit",
    "check_neuron",
    "check_sigmoid",
    "check_sigmoid_grad",
    "check_step_position",
]


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one exercise.

    Attributes
    ----------
    exercise : str
        Which exercise was checked.
    status : {"passed", "failed", "not attempted"}
    message : str
        What was right, or which mistake the answer looks like and how to fix it.
    """

    exercise: str
    status: str
    message: str

    @property
    def passed(self) -> bool:
        """True only for a right answer."""
        return self.status == "passed"

    @property
    def attempted(self) -> bool:
        """False for the untouched placeholder."""
        return self.status != "not attempted"

    def __repr__(self) -> str:
        if self.status == "not attempted":
            return f"{self.exercise}: not attempted yet. {self.message}"
        mark = "✔ Correct" if self.passed else "✘ Not yet"
        return f"{mark} ({self.exercise}): {self.message}"

    __str__ = __repr__

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def _correct(exercise: str, message: str) -> CheckResult:
    return CheckResult(exercise, "passed", message)


def _wrong(exercise: str, message: str) -> CheckResult:
    return CheckResult(exercise, "failed", message)


def _not_attempted(exercise: str, what: str) -> CheckResult:
    return CheckResult(exercise, "not attempted", f"{what}, then run this cell again.")


class _NotAttempted(Exception):
    """The learner's function still raises NotImplementedError."""


@dataclass
class _Call:
    value: object
    error: Exception | None
    warnings: list[str]


def _call(fn: Callable, *args) -> _Call:
    """Call ``fn(*args)`` recording warnings; NotImplementedError means "not attempted"."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Underflow to 0 is the right answer far in a tail; only overflow and NaN are mistakes.
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            try:
                value = fn(*args)
                error = None
            except NotImplementedError:
                raise _NotAttempted from None
            except Exception as exc:  # the learner's code may raise anything; report it
                value, error = None, exc
    messages = [f"{item.category.__name__}: {item.message}" for item in caught]
    return _Call(value, error, messages)


def _describe_error(error: Exception) -> str:
    """Name the likely cause of an exception raised by the learner's function."""
    text = str(error)
    if isinstance(error, ValueError) and "truth value of an array" in text:
        return (
            "Your function uses `if` (or `and`/`or`) on a whole array, which has no single "
            "truth value. Work on all elements at once: np.where(x >= 0, …, …), or boolean "
            "masks such as x[x >= 0]."
        )
    if isinstance(error, TypeError) and ("only" in text and "arrays" in text):
        return (
            "Your function calls math.exp (or another math function) on an array; math works "
            "on single numbers only. Use np.exp, which works element by element."
        )
    if isinstance(error, (ZeroDivisionError, FloatingPointError)):
        return f"Your function divided by zero or overflowed ({type(error).__name__}: {text})."
    return f"Your function raised {type(error).__name__}: {text}"


def _as_array(call: _Call, exercise: str, shape: tuple[int, ...]) -> np.ndarray | CheckResult:
    """The returned value as a float array of ``shape``, or a "Not yet" naming the problem."""
    if call.error is not None:
        return _wrong(exercise, _describe_error(call.error))
    if call.value is None:
        return _wrong(exercise, "Your function returned None: did you forget `return`?")
    try:
        array = np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return _wrong(
            exercise,
            f"Your function returned a {type(call.value).__name__}, not numbers: return a "
            "NumPy array.",
        )
    if array.shape != shape:
        return _wrong(
            exercise,
            f"For an input of shape {shape} your function returned shape {array.shape}. "
            "Compute element by element with NumPy, without collecting a list.",
        )
    return array


def _close(got, expected, rtol=1e-7, atol=1e-12) -> bool:
    got = np.asarray(got, dtype=float)
    expected = np.asarray(expected, dtype=float)
    return got.shape == expected.shape and bool(
        np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    )


def _first_mistake(got, candidates) -> str | None:
    """The message of the first candidate mistake that ``got`` reproduces."""
    for expected, message in candidates:
        with np.errstate(all="ignore"):
            value = expected()
        if _close(got, value):
            return message
    return None


def _worst(x, got, expected, name: str, variable: str = "x", explain=None) -> str:
    """Name the input where ``got`` is furthest from ``expected``, and the likely cause."""
    with np.errstate(all="ignore"):
        error = np.abs(np.asarray(got, dtype=float) - expected)
    index = int(np.nanargmax(np.where(np.isnan(error), np.inf, error)))
    value, true = float(np.asarray(got)[index]), float(expected[index])
    cause = explain(float(x[index]), value, true) if explain is not None else None
    return (
        f"At {variable} = {x[index]:g} your function returns {value:.6g}, but {name} = "
        f"{true:.6g}{cause or '.'}"
    )


def _tail_problems(
    fn, exercise, points, reference, name, *, variable="x", cause, advice, explain=None
) -> CheckResult | None:
    """Check far-out inputs one at a time, judging each value, not only the warnings.

    A warning is traced to the input that caused it: an overflow warning gets ``cause``
    (why it overflows) and ``advice`` (what to do), any other warning ``advice``. A wrong
    value without a warning is still wrong (the warning may have been silenced):
    ``explain(point, value, expected)`` names the mistake it looks like, or returns None
    for a plain comparison.
    """
    for point in points:
        call = _call(fn, np.array([point]))
        result = _as_array(call, exercise, (1,))
        if isinstance(result, CheckResult):
            return result
        value = float(result[0])
        # Shortest exact text: -1000, 1e-310, 0.9999999999999998 (which :g shows as 1).
        shown = f"{point:g}" if float(f"{point:g}") == point else repr(point)
        overflow = [text for text in call.warnings if "overflow" in text]
        if overflow:
            return _wrong(
                exercise,
                f"At {variable} = {shown} your function warns '{overflow[0]}': {cause} {advice}",
            )
        if call.warnings:
            return _wrong(
                exercise,
                f"At {variable} = {shown} your function warns '{call.warnings[0]}'. {advice}",
            )
        expected = float(reference(np.array([point]))[0])
        if agrees(value, expected, rtol=1e-6):
            continue
        where = (
            f"At {variable} = {shown} your function returns {show(value)}, but {name} = "
            f"{show(expected)}"
        )
        if math.isnan(value):
            return _wrong(
                exercise,
                f"{where}: an inf/inf or 0·inf happened inside. {SILENCED} {advice}",
            )
        message = explain(point, value, expected) if explain is not None else None
        return _wrong(exercise, f"{where}{message or '.'}")
    return None


def _scalar_problem(fn, exercise, point, expected, name) -> CheckResult | None:
    call = _call(fn, point)
    if call.error is not None:
        return _wrong(
            exercise,
            f"Your function works on arrays but fails for the single number {point}: "
            f"{_describe_error(call.error)} Start with x = np.asarray(x, dtype=float).",
        )
    try:
        value = float(np.asarray(call.value, dtype=float))
    except (TypeError, ValueError):
        return _wrong(
            exercise,
            f"For the single number {point} your function returned "
            f"{call.value!r}; return one number.",
        )
    if not math.isclose(value, expected, rel_tol=1e-12):
        return _wrong(exercise, f"{name} should be {expected}, your function gives {value}.")
    return None


# ------------------------------------------------------------------------------ chapter 1


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
            results.append(_call(neuron, x.copy(), w.copy(), b))
    except _NotAttempted:
        return _not_attempted(exercise, "Replace `raise NotImplementedError` with your neuron")
    for (x, _w, _b), call in zip(_NEURON_CASES, results, strict=True):
        if call.error is not None:
            return _wrong(exercise, _describe_error(call.error))
        if call.value is None:
            return _wrong(exercise, "Your function returned None: did you forget `return`?")
        try:
            array = np.asarray(call.value, dtype=float)
        except (TypeError, ValueError):
            return _wrong(exercise, f"Your function returned a {type(call.value).__name__}.")
        if array.size == x.size and x.size > 1:
            return _wrong(
                exercise,
                f"For {x.size} inputs your function returned {x.size} numbers: it multiplies "
                "each input by its weight but does not add them up. A neuron sums its "
                "weighted inputs into one number, np.dot(w, x) + b, then applies σ.",
            )
        if array.size != 1:
            return _wrong(
                exercise, f"A neuron outputs one number; yours returned shape {array.shape}."
            )
    got = np.array([float(np.asarray(call.value, dtype=float).ravel()[0]) for call in results])
    z = np.array([np.dot(w, x) + b for x, w, b in _NEURON_CASES])
    weighted = np.array([np.dot(w, x) for x, w, _b in _NEURON_CASES])
    bias = np.array([b for _x, _w, b in _NEURON_CASES])
    if _close(got, sigmoid(z)):
        return _correct(
            exercise,
            "σ(w·x + b) on three neurons with 2 to 4 inputs: a weighted sum, plus a "
            "bias, through the sigmoid.",
        )
    mistake = _first_mistake(
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
    return _wrong(
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
        calls = [_call(step_position, w, b) for w, b in _STEP_CASES]
    except _NotAttempted:
        return _not_attempted(exercise, "Replace `raise NotImplementedError` with your formula")
    got = []
    for call in calls:
        if call.error is not None:
            return _wrong(exercise, _describe_error(call.error))
        if call.value is None:
            return _wrong(exercise, "Your function returned None: did you forget `return`?")
        try:
            got.append(float(np.asarray(call.value, dtype=float)))
        except (TypeError, ValueError):
            return _wrong(exercise, f"Return one number, not a {type(call.value).__name__}.")
    got = np.array(got)
    w = np.array([case[0] for case in _STEP_CASES])
    b = np.array([case[1] for case in _STEP_CASES])
    if _close(got, -b / w):
        for (wi, bi), xi in zip(_STEP_CASES, got, strict=True):
            if not math.isclose(float(sigmoid(wi * xi + bi)), 0.5, abs_tol=1e-12):
                break
        else:
            return _correct(exercise, "x = −b/w: there wx + b = 0, so the output is σ(0) = ½.")
    mistake = _first_mistake(
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
    return _wrong(
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
        call = _call(collapse, W1.copy(), b1.copy(), W2.copy(), b2.copy())
    except _NotAttempted:
        return _not_attempted(exercise, "Replace `raise NotImplementedError` with your (W, b)")
    if call.error is not None:
        text = str(call.error)
        if "b1" in text or ("operands could not be broadcast" in text and "(3,)" in text):
            return _wrong(
                exercise,
                "b1 has 3 entries and b2 has 2, so they cannot be added: b1 passes through "
                "the second layer first. The bias is W2 @ b1 + b2.",
            )
        if "matmul" in text or "aligned" in text:
            return _wrong(
                exercise,
                "The matrices do not fit together in that order. The first layer acts "
                "first, so the combined matrix is W2 @ W1.",
            )
        return _wrong(exercise, _describe_error(call.error))
    value = call.value
    if not isinstance(value, Sequence) or len(value) != 2:
        return _wrong(exercise, "Return two things, the matrix and the bias: `return W, b`.")
    try:
        W, b = (np.asarray(part, dtype=float) for part in value)
    except (TypeError, ValueError):
        return _wrong(exercise, "Return two NumPy arrays: `return W, b`.")
    right_W, right_b = W2 @ W1, W2 @ b1 + b2
    if W.shape == (3, 3) and _close(W, W1 @ W2):
        return _wrong(
            exercise,
            "W1 @ W2 is the wrong order: x meets W1 first, then W2, so the combined matrix is "
            "W2 @ W1 (matrix products do not commute).",
        )
    if not _close(W, right_W):
        return _wrong(
            exercise, f"The matrix should be W2 @ W1 (shape {right_W.shape}); yours differs."
        )
    if _close(b, right_b):
        return _correct(
            exercise, "W = W2 @ W1 and b = W2 @ b1 + b2: the two layers are one linear layer."
        )
    mistake = _first_mistake(
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
    return _wrong(exercise, mistake or "The matrix is right; the bias should be W2 @ b1 + b2.")


# ------------------------------------------------------------------------------ chapter 2


_GRID = np.linspace(-20.0, 20.0, 81)

_EXP_CAUSE = "exp of a large number is inf in float64 (anything above about 709.78)."
_EXP_ADVICE = (
    "Only ever exponentiate −|x|: np.exp(-np.abs(x)) is at most 1. If you used np.where, "
    "note that it computes both branches for every x."
)
# Far in the lower tail σ(x) is tiny but a float64 holds it: 9.9e-305 at −700, the
# subnormal 2.0e-313 at −720 and 4.2e-322 at −740. The textbook formula returns 0.0 from
# −709.78 on (with an overflow warning, unless it was silenced), 1 + tanh(x/2) from −37.
_SIGMOID_TAIL = (-1000.0, 1000.0, -745.5, 745.5, -40.0, -100.0, -700.0, -720.0, -740.0)
# σ′ is symmetric: 9.9e-305 at ±700, 2.0e-313 at ±720, 4.2e-322 at ±740.
_SIGMOID_GRAD_TAIL = (-700.0, 700.0, -720.0, 720.0, -740.0, 740.0)
# The logit near 0 and 1, where clipping p or adding an eps changes the answer and 1/p
# overflows (below 5.6e-309; 1e-310 is subnormal).
_LOGIT_TAIL = (1e-10, 1e-300, 1e-310, 1 - 1e-10, 1 - 2.0**-52)


def check_sigmoid(my_sigmoid: Callable) -> CheckResult:
    """Check a stable sigmoid: right values, no overflow warning at ±1000, works on a number.

    Names these mistakes: the sign slip 1/(1 + exp(x)), (1 + tanh(x))/2 without the
    halved argument, 1 − exp(−x) in the denominator, a forgotten 1 +, the overflow of the
    textbook formula at −1000 (and of np.where, which computes both branches), NaN from
    inf/inf at +1000, `if` on an array and math.exp on an array.

    Examples
    --------
    >>> import numpy as np
    >>> def stable(x):
    ...     x = np.asarray(x, dtype=float)
    ...     e = np.exp(-np.abs(x))
    ...     return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    >>> check_sigmoid(stable).passed
    True
    """
    exercise = "a stable sigmoid"
    x = _GRID
    try:
        call = _call(my_sigmoid, x.copy())
        got = _as_array(call, exercise, x.shape)
        if isinstance(got, CheckResult):
            return got
        expected = sigmoid(x)
        if not _close(got, expected, atol=0.0):
            mistake = _first_mistake(
                got,
                [
                    (
                        lambda: sigmoid(-x),
                        "A sign slip: you compute 1/(1 + exp(x)), which is "
                        "σ(−x) and falls instead of rising. The sigmoid is 1/(1 + exp(−x)).",
                    ),
                    (
                        lambda: sigmoid(2 * x),
                        "You compute (1 + tanh(x))/2 = σ(2x): the "
                        "identity is σ(x) = (1 + tanh(x/2))/2, with x/2 inside tanh.",
                    ),
                    (
                        lambda: 1 / (1 - np.exp(-x)),
                        "A sign slip in the denominator: it is "
                        "1 + exp(−x), not 1 − exp(−x) (which is 0 at x = 0).",
                    ),
                    (
                        lambda: np.exp(x),
                        "A forgotten term: 1/exp(−x) is exp(x), which grows "
                        "without bound. The denominator is 1 + exp(−x).",
                    ),
                ],
            )
            return _wrong(exercise, mistake or _worst(x, got, expected, "σ(x)"))
        tail = _tail_problems(
            my_sigmoid,
            exercise,
            _SIGMOID_TAIL,
            sigmoid,
            "σ(x)",
            cause=_EXP_CAUSE,
            advice=_EXP_ADVICE,
            explain=explain_sigmoid_tail,
        )
        if tail is not None:
            return tail
        scalar = _scalar_problem(my_sigmoid, exercise, 0.0, 0.5, "σ(0)")
        if scalar is not None:
            return scalar
    except _NotAttempted:
        return _not_attempted(exercise, "Replace `raise NotImplementedError` with your sigmoid")
    return _correct(
        exercise,
        "right on [−20, 20], no overflow at ±1000, right to 1e-6 far in the lower tail "
        "(x = −40 to −740, where σ(x) is as small as 4.2e-322), and σ(0) = 0.5 for a plain "
        "number.",
    )


def check_logit(my_logit: Callable) -> CheckResult:
    """Check the logit ln(p / (1 − p)), the inverse of the sigmoid.

    Names these mistakes: ln((1 − p)/p) (a sign slip), ln p (a forgotten term), the odds
    p/(1 − p) without the log, log base 10, and σ(p) instead of its inverse.

    Examples
    --------
    >>> import numpy as np
    >>> check_logit(lambda p: np.log(p) - np.log1p(-p)).passed
    True
    """
    exercise = "the logit"
    p = np.linspace(0.01, 0.99, 99)
    try:
        call = _call(my_logit, p.copy())
        got = _as_array(call, exercise, p.shape)
        if isinstance(got, CheckResult):
            return got
        expected = logit(p)
        if not _close(got, expected, atol=1e-9):
            mistake = _first_mistake(
                got,
                [
                    (
                        lambda: -expected,
                        "A sign slip: ln((1 − p)/p) is the log-odds of the "
                        "other class. The logit is ln(p/(1 − p)).",
                    ),
                    (
                        lambda: np.log(p),
                        "A forgotten term: ln p alone. The logit is "
                        "ln p − ln(1 − p) = ln(p/(1 − p)).",
                    ),
                    (
                        lambda: p / (1 - p),
                        "These are the odds p/(1 − p); the logit is their "
                        "natural logarithm, the log-odds.",
                    ),
                    (
                        lambda: np.log10(p / (1 - p)),
                        "That is log base 10; the inverse of σ needs the natural log, np.log.",
                    ),
                    (lambda: sigmoid(p), "That is σ(p), the sigmoid itself, not its inverse."),
                ],
            )
            return _wrong(
                exercise,
                mistake
                or _worst(p, got, expected, "logit(p)", variable="p", explain=explain_logit_tail),
            )
        if call.warnings:
            return _wrong(exercise, f"Your function warns on ordinary p: {call.warnings[0]}.")
        tail = _tail_problems(
            my_logit,
            exercise,
            _LOGIT_TAIL,
            logit,
            "logit(p)",
            variable="p",
            cause="a number above the largest float64 (1.8e308) became inf.",
            advice=(
                "Compute ln p − ln(1 − p) as it is, for example np.log(p) - np.log1p(-p): "
                "no step of it overflows for 0 < p < 1."
            ),
            explain=explain_logit_tail,
        )
        if tail is not None:
            return tail
        scalar = _scalar_problem(my_logit, exercise, 0.5, 0.0, "logit(0.5)")
        if scalar is not None:
            return scalar
    except _NotAttempted:
        return _not_attempted(exercise, "Replace `raise NotImplementedError` with your logit")
    return _correct(
        exercise,
        "right on [0.01, 0.99] and near 0 and 1 (p = 1e-310 to 1 − 2⁻⁵²), so logit(σ(x)) = x "
        "there, and logit(0.5) = 0.",
    )


# ------------------------------------------------------------------------------ chapter 3


def check_sigmoid_grad(my_sigmoid_grad: Callable) -> CheckResult:
    """Check σ′(x) = σ(x)(1 − σ(x)), including far in both tails.

    Names these mistakes: σ(x)(1 − x) or σ(1 − x) instead of σ(1 − σ), σ applied to
    1 − σ, a forgotten factor, a sign slip, e⁻ˣ/(1 + e⁻²ˣ) for e⁻ˣ/(1 + e⁻ˣ)², an overflow
    at −1000, and the exact 0 that s·(1 − s) gives for x ≳ 37 because s rounds to 1.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_sigmoid_grad(lambda x: sigmoid(x) * sigmoid(-x)).passed
    True
    """
    exercise = "the sigmoid's gradient"
    x = _GRID
    try:
        call = _call(my_sigmoid_grad, x.copy())
        got = _as_array(call, exercise, x.shape)
        if isinstance(got, CheckResult):
            return got
        expected = sigmoid_grad(x)
        s = sigmoid(x)
        if not _close(got, expected, rtol=1e-6, atol=0.0):
            mistake = _first_mistake(
                got,
                [
                    (
                        lambda: s * (1 - x),
                        "You compute σ(x)·(1 − x): the second factor is "
                        "1 − σ(x), not 1 − x. In σ(1 − σ), every σ stands for σ(x).",
                    ),
                    (
                        lambda: sigmoid(1 - x),
                        "You compute σ(1 − x), the sigmoid of 1 − x. "
                        "σ(1 − σ) is shorthand for the product σ(x)·(1 − σ(x)).",
                    ),
                    (
                        lambda: sigmoid(1 - s),
                        "You apply σ to 1 − σ(x). σ(1 − σ) is shorthand "
                        "for the product σ(x)·(1 − σ(x)), not a function call.",
                    ),
                    (lambda: s, "A forgotten term: you return σ(x); multiply by (1 − σ(x))."),
                    (
                        lambda: 1 - s,
                        "A forgotten term: you return 1 − σ(x) (which also equals "
                        "e⁻ˣ/(1 + e⁻ˣ)); multiply by σ(x), or square the denominator.",
                    ),
                    (
                        lambda: -expected,
                        "A sign slip: σ rises everywhere, so σ′ is positive. "
                        "It is σ(x)·(1 − σ(x)), not σ(x)·(σ(x) − 1).",
                    ),
                    (
                        lambda: np.exp(-x) / (1 + np.exp(-x) ** 2),
                        "The whole denominator is squared: e⁻ˣ/(1 + e⁻ˣ)², not e⁻ˣ/(1 + e⁻²ˣ).",
                    ),
                    (lambda: s**2, "σ(x)² is not the derivative: it is σ(x)·(1 − σ(x))."),
                ],
            )
            return _wrong(exercise, mistake or _worst(x, got, expected, "σ′(x)"))
        tail = _tail_problems(
            my_sigmoid_grad,
            exercise,
            (-1000.0, 1000.0),
            sigmoid_grad,
            "σ′(x)",
            cause=_EXP_CAUSE,
            advice=_EXP_ADVICE,
            explain=explain_sigmoid_grad_tail,
        )
        if tail is not None:
            return tail
        for point in (38.0, 40.0, 50.0, 100.0, -40.0, -100.0):
            tail_call = _call(my_sigmoid_grad, np.array([point]))
            value = _as_array(tail_call, exercise, (1,))
            if isinstance(value, CheckResult):
                return value
            true = float(sigmoid_grad(np.array([point]))[0])
            if value[0] == 0.0 and true > 0.0:
                return _wrong(
                    exercise,
                    f"At x = {point:g} your function returns exactly 0, but σ′({point:g}) ≈ "
                    f"{true:.2g}: σ({point:g}) rounds to 1.0, so 1 − σ(x) is 0. Write the "
                    "second factor as σ(−x) (1 − σ(x) = σ(−x)), which is computed without "
                    "that subtraction.",
                )
            if not math.isclose(float(value[0]), true, rel_tol=1e-6):
                return _wrong(
                    exercise,
                    f"At x = {point:g} your function returns {float(value[0]):.6g}, but "
                    f"σ′({point:g}) = {true:.6g}. Far in the tails, avoid 1 − σ(x): use σ(−x).",
                )
        tail = _tail_problems(
            my_sigmoid_grad,
            exercise,
            _SIGMOID_GRAD_TAIL,
            sigmoid_grad,
            "σ′(x)",
            cause=_EXP_CAUSE,
            advice=_EXP_ADVICE,
            explain=explain_sigmoid_grad_tail,
        )
        if tail is not None:
            return tail
        scalar = _scalar_problem(my_sigmoid_grad, exercise, 0.0, 0.25, "σ′(0)")
        if scalar is not None:
            return scalar
    except _NotAttempted:
        return _not_attempted(exercise, "Replace `raise NotImplementedError` with your derivative")
    return _correct(
        exercise,
        "right on [−20, 20], accurate far in both tails (x = ±40 and ±100, and ±700 to ±740, "
        "where σ′(x) is as small as 4.2e-322), no overflow at ±1000, and σ′(0) = 0.25.",
    )


def _placeholder(answer: object) -> bool:
    return answer is None or answer is Ellipsis


def check_layers_below(n_layers: object, threshold: float = 1e-6) -> CheckResult:
    """Check the smallest depth n at which even the best case ¼ⁿ is below ``threshold``.

    Names these mistakes: one layer short (¼ⁿ still above), ½ per layer instead of ¼, a
    depth that is not a whole number, and a depth past the first one.

    Examples
    --------
    >>> check_layers_below(10).passed
    True
    """
    exercise = "layers to fall below 1e−06"
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, numbers.Real)
        or not (0 < threshold < 1)
    ):
        raise ValueError(
            f"check_layers_below: threshold must be a number between 0 and 1, got {threshold!r}."
        )
    exercise = f"layers to fall below {threshold:g}"
    if _placeholder(n_layers):
        return _not_attempted(exercise, "Replace `...` with your number of layers")
    if isinstance(n_layers, bool) or not isinstance(n_layers, numbers.Real):
        return _wrong(exercise, f"Give a number of layers, not a {type(n_layers).__name__}.")
    answer = _first_depth_below(0.25, threshold)
    if not float(n_layers).is_integer():
        return _wrong(
            exercise,
            f"{n_layers} is not a whole number of layers: ¼ⁿ < {threshold:g} solves to "
            f"n > log({threshold:g})/log(¼) ≈ {math.log(threshold) / math.log(0.25):.2f}, so "
            "round up.",
        )
    n = int(n_layers)
    if n == answer:
        return _correct(
            exercise,
            f"¼^{n - 1} = {0.25 ** (n - 1):.2g} is still above {threshold:g}, ¼^{n} = "
            f"{0.25**n:.2g} is below. Even in the best case, {n} sigmoid layers shrink the "
            f"gradient by a factor of more than {1 / threshold:,.0f}.",
        )
    if n == _first_depth_below(0.5, threshold):
        return _wrong(
            exercise,
            f"That is the answer for a factor of ½ per layer. The sigmoid's slope is at most "
            f"¼: find the first n with ¼ⁿ < {threshold:g}.",
        )
    if n < answer:
        return _wrong(
            exercise,
            f"¼^{n} = {0.25**n:.2g} is still above {threshold:g}: more layers are needed.",
        )
    return _wrong(
        exercise,
        f"¼^{n - 1} = {0.25 ** (n - 1):.2g} is already below {threshold:g}: the question asks "
        "for the first depth that falls below.",
    )


def _first_depth_below(factor: float, threshold: float) -> int:
    n = 1
    while factor**n >= threshold:
        n += 1
    return n


def check_critical_weight(weight: object) -> CheckResult:
    """Check the smallest weight w > 0 for which a layer at its steepest point keeps the
    gradient from shrinking: w·σ′(0) = 1, so w = 4.

    Names these mistakes: ¼ (σ′(0) itself), 1 (the factor is then ¼), 2, and a negative
    weight.

    Examples
    --------
    >>> check_critical_weight(4).passed
    True
    """
    exercise = "the critical weight"
    if _placeholder(weight):
        return _not_attempted(exercise, "Replace `...` with your weight")
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        return _wrong(exercise, f"Give a number, not a {type(weight).__name__}.")
    slope = float(sigmoid_grad(0.0))
    weight = float(weight)
    answer = 1 / slope
    if math.isclose(weight, answer, rel_tol=1e-9):
        return _correct(
            exercise,
            f"w·σ′(0) = {weight:g} × {slope:g} = 1. Above 4, a single unit at its steepest point "
            "multiplies the gradient by more than 1: that, not σ′ itself, is how gradients "
            "explode.",
        )
    if weight < 0:
        return _wrong(exercise, "The question asks for a positive weight.")
    if math.isclose(weight, slope):
        return _wrong(
            exercise,
            f"{weight:g} is σ′(0) itself. The layer multiplies the gradient by w·σ′(0); set "
            "that to 1 and solve for w.",
        )
    return _wrong(
        exercise,
        f"With w = {weight:g} a layer at its steepest point multiplies the gradient by "
        f"w·σ′(0) = {weight * slope:g}, not 1. Solve w·¼ = 1.",
    )
