"""What every exercise checker shares: the verdict, calling the learner's code safely, and
turning Python's and NumPy's errors into the learner's mistake.

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

Every message is in the language in force (:func:`sigmoid_lab.set_language`). The helpers
look up the texts a chapter passes them (exercise names, advice, hints, explanations) where
they use them, so a chapter's module constant marked with ``N_`` is shown translated too.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sigmoid_lab.checks._tails import SILENCED, Translated, agrees, sentences, show, translated
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = ["CheckResult"]

# The grid on which elementwise answers are compared first.
GRID = np.linspace(-20.0, 20.0, 81)

# Shown in the language in force wherever they are formatted (see _tails.Translated).
EXP_CAUSE = Translated(
    N_("exp of a large number is inf in float64 (anything above about 709.78).")
)
EXP_ADVICE = Translated(
    N_(
        "Only ever exponentiate −|x|: np.exp(-np.abs(x)) is at most 1. If you used np.where, "
        "note that it computes both branches for every x."
    )
)
# What to do with an untouched exercise, and what a function that returned None forgot.
REPLACE_CODE = N_("Replace `raise NotImplementedError` with your code")
RETURNED_NONE = N_("Your function returned None: did you forget `return`?")


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
        # In the language in force when it is shown; exercise and message are made in the
        # language in force when the answer was checked.
        if self.status == "not attempted":
            template = _("{exercise}: not attempted yet. {message}")
        elif self.passed:
            template = _("✔ Correct ({exercise}): {message}")
        else:
            template = _("✘ Not yet ({exercise}): {message}")
        return template.format(
            exercise=translated(self.exercise), message=translated(self.message)
        )

    __str__ = __repr__

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


def correct(exercise: str, message: str) -> CheckResult:
    return CheckResult(translated(exercise), "passed", translated(message))


def wrong(exercise: str, message: str) -> CheckResult:
    return CheckResult(translated(exercise), "failed", translated(message))


def not_attempted(exercise: str, what: str) -> CheckResult:
    return CheckResult(
        translated(exercise),
        "not attempted",
        _("{what}, then run this cell again.").format(what=translated(what)),
    )


class NotAttempted(Exception):
    """The learner's function still raises NotImplementedError."""


@dataclass
class Call:
    value: object
    error: Exception | None
    warnings: list[str]


def call_learner(fn: Callable, *args) -> Call:
    """Call ``fn(*args)`` recording warnings; NotImplementedError means "not attempted"."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # Underflow to 0 is the right answer far in a tail; only overflow and NaN are mistakes.
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            try:
                value = fn(*args)
                error = None
            except NotImplementedError:
                raise NotAttempted from None
            except Exception as exc:  # the learner's code may raise anything; report it
                value, error = None, exc
    messages = [f"{item.category.__name__}: {item.message}" for item in caught]
    return Call(value, error, messages)


_SHAPES = re.compile(r"\(size (\d+) is different from (\d+)\)")
_BROADCAST = re.compile(r"could not be broadcast together with shapes? (.+?)(?:$| and requested)")
_ALIGNED = re.compile(r"shapes (\([^)]*\)) and (\([^)]*\)) not aligned")


def describe_error(error: Exception, hint: str = "") -> str:
    """Say, in the learner's terms, what an exception raised by their function means.

    Covers the errors a learner meets in this course: ``if`` on an array, ``math`` on an
    array, a matrix product whose shapes do not line up (``@``, ``np.dot``), an elementwise
    product of shapes that do not broadcast (``*`` where ``@`` was meant), too many indices,
    an undefined name, and something that is ``None``. ``hint`` is the exercise's own advice
    for a shape error (which array to transpose), appended to the shape messages.
    """
    text = str(error)
    hint = translated(hint)

    def advised(message: str) -> str:
        return sentences(message, hint) if hint else message

    if isinstance(error, ValueError) and "truth value of an array" in text:
        return _(
            "Your function uses `if` (or `and`/`or`) on a whole array, which has no single "
            "truth value. Work on all elements at once: np.where(x >= 0, …, …), "
            "np.maximum(a, b), or boolean masks such as x[x >= 0]."
        )
    if isinstance(error, TypeError) and ("only" in text and "arrays" in text):
        return _(
            "Your function calls math.exp (or another math function) on an array; math works "
            "on single numbers only. Use np.exp, which works element by element."
        )
    if isinstance(error, ValueError) and ("matmul" in text or _ALIGNED.search(text)):
        sizes = _SHAPES.search(text)
        aligned = _ALIGNED.search(text)
        if sizes:
            message = _(
                "The shapes in a matrix product do not line up (an inner size {inner} meets "
                "{other}): in A @ B the number of columns of A must equal the number of rows "
                "of B. Print the shapes (A.shape, B.shape) and transpose the one that is the "
                "wrong way round."
            ).format(inner=sizes.group(1), other=sizes.group(2))
        elif aligned:
            message = _(
                "The shapes in a matrix product do not line up (shapes {first} and {second}): "
                "in A @ B the number of columns of A must equal the number of rows of B. "
                "Print the shapes (A.shape, B.shape) and transpose the one that is the wrong "
                "way round."
            ).format(first=aligned.group(1), second=aligned.group(2))
        else:
            message = _(
                "The shapes in a matrix product do not line up: in A @ B the number of "
                "columns of A must equal the number of rows of B. Print the shapes (A.shape, "
                "B.shape) and transpose the one that is the wrong way round."
            )
        return advised(message)
    if isinstance(error, ValueError) and "broadcast" in text:
        shapes = _BROADCAST.search(text)
        if shapes:
            message = _(
                "Two arrays of shapes that do not fit were combined element by element "
                "({shapes}). `*`, `+` and `-` work element by element; a matrix product is "
                "`@`."
            ).format(shapes=shapes.group(1).strip())
        else:
            message = _(
                "Two arrays of shapes that do not fit were combined element by element. "
                "`*`, `+` and `-` work element by element; a matrix product is `@`."
            )
        return advised(message)
    if isinstance(error, IndexError) and "too many indices" in text:
        return _(
            "Your function indexes more axes than the array has: a 1-D array takes x[i], "
            "not x[i, j] or x[:, 0]."
        )
    if isinstance(error, NameError):
        return _(
            "{error}: define it inside your function, check its spelling, or run the cell "
            "that defines it (the chapter's first cell imports numpy as np)."
        ).format(error=text)
    if isinstance(error, (TypeError, AttributeError)) and "NoneType" in text:
        return _(
            "Something in your function is None ({error}): a helper function without "
            "`return` gives None."
        ).format(error=text)
    if isinstance(error, (ZeroDivisionError, FloatingPointError)):
        return _("Your function divided by zero or overflowed ({kind}: {error}).").format(
            kind=type(error).__name__, error=text
        )
    return _("Your function raised {kind}: {error}").format(kind=type(error).__name__, error=text)


def as_array(call: Call, exercise: str, shape: tuple[int, ...]) -> np.ndarray | CheckResult:
    """The returned value as a float array of ``shape``, or a "Not yet" naming the problem."""
    if call.error is not None:
        return wrong(exercise, describe_error(call.error))
    if call.value is None:
        return wrong(exercise, _(RETURNED_NONE))
    try:
        array = np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _("Your function returned a {kind}, not numbers: return a NumPy array.").format(
                kind=type(call.value).__name__
            ),
        )
    if array.shape != shape:
        return wrong(
            exercise,
            _(
                "For an input of shape {shape} your function returned shape {got}. Compute "
                "element by element with NumPy, without collecting a list."
            ).format(shape=shape, got=array.shape),
        )
    return array


def close(got, expected, rtol=1e-7, atol=1e-12) -> bool:
    got = np.asarray(got, dtype=float)
    expected = np.asarray(expected, dtype=float)
    return got.shape == expected.shape and bool(
        np.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    )


def first_mistake(got, candidates) -> str | None:
    """The message of the first candidate mistake that ``got`` reproduces."""
    for expected, message in candidates:
        with np.errstate(all="ignore"):
            value = expected()
        if close(got, value):
            return translated(message)
    return None


def worst(x, got, expected, name: str, variable: str = "x", explain=None) -> str:
    """Name the input where ``got`` is furthest from ``expected``, and the likely cause."""
    with np.errstate(all="ignore"):
        error = np.abs(np.asarray(got, dtype=float) - expected)
    index = int(np.nanargmax(np.where(np.isnan(error), np.inf, error)))
    value, true = float(np.asarray(got)[index]), float(expected[index])
    cause = explain(float(x[index]), value, true) if explain is not None else None
    return _returns(variable, f"{x[index]:g}", f"{value:.6g}", name, f"{true:.6g}", cause)


def _returns(variable: str, point: str, value: str, name: str, expected: str, cause) -> str:
    """ "At x = … your function returns …, but σ(x) = …", then ``cause`` or a full stop.

    ``cause`` is the rest of the sentence an ``explain`` function gave (it starts with ", ",
    ": " or ". "), or None.
    """
    if cause:
        return _(
            "At {variable} = {point} your function returns {value}, but {name} = {expected}{cause}"
        ).format(
            variable=variable,
            point=point,
            value=value,
            name=translated(name),
            expected=expected,
            cause=translated(cause),
        )
    return _(
        "At {variable} = {point} your function returns {value}, but {name} = {expected}."
    ).format(variable=variable, point=point, value=value, name=translated(name), expected=expected)


def tail_problems(
    fn, exercise, points, reference, name, *, variable="x", cause, advice, explain=None
) -> CheckResult | None:
    """Check far-out inputs one at a time, judging each value, not only the warnings.

    A warning is traced to the input that caused it: an overflow warning gets ``cause``
    (why it overflows) and ``advice`` (what to do), any other warning ``advice``. A wrong
    value without a warning is still wrong (the warning may have been silenced):
    ``explain(point, value, expected)`` names the mistake it looks like, or returns None
    for a plain comparison.
    """
    cause, advice = translated(cause), translated(advice)
    for point in points:
        call = call_learner(fn, np.array([point]))
        result = as_array(call, exercise, (1,))
        if isinstance(result, CheckResult):
            return result
        value = float(result[0])
        # Shortest exact text: -1000, 1e-310, 0.9999999999999998 (which :g shows as 1).
        shown = f"{point:g}" if float(f"{point:g}") == point else repr(point)
        overflow = [text for text in call.warnings if "overflow" in text]
        if overflow:
            return wrong(
                exercise,
                _(
                    "At {variable} = {point} your function warns '{warning}': {cause} {advice}"
                ).format(
                    variable=variable, point=shown, warning=overflow[0], cause=cause, advice=advice
                ),
            )
        if call.warnings:
            return wrong(
                exercise,
                _("At {variable} = {point} your function warns '{warning}'. {advice}").format(
                    variable=variable, point=shown, warning=call.warnings[0], advice=advice
                ),
            )
        expected = float(reference(np.array([point]))[0])
        if agrees(value, expected, rtol=1e-6):
            continue
        if math.isnan(value):
            return wrong(
                exercise,
                _(
                    "At {variable} = {point} your function returns {value}, but {name} = "
                    "{expected}: an inf/inf or 0·inf happened inside. {silenced} {advice}"
                ).format(
                    variable=variable,
                    point=shown,
                    value=show(value),
                    name=translated(name),
                    expected=show(expected),
                    silenced=SILENCED,
                    advice=advice,
                ),
            )
        message = explain(point, value, expected) if explain is not None else None
        return wrong(
            exercise, _returns(variable, shown, show(value), name, show(expected), message)
        )
    return None


def scalar_problem(
    fn, exercise: str, point: float, expected: float, name: str, variable: str = "x", hint=""
) -> CheckResult | None:
    """A "Not yet" when a function that works on arrays fails for one plain number."""
    call = call_learner(fn, point)
    if call.error is not None:
        described = describe_for(call.error, variable, hint).rstrip(".。")
        return wrong(
            exercise,
            _(
                "Your function works on arrays but fails for the single number {variable} = "
                "{point}: {problem}. Start with {variable} = np.asarray({variable}, "
                "dtype=float)."
            ).format(variable=variable, point=point, problem=described),
        )
    if call.value is None:
        return wrong(
            exercise,
            _(
                "For the single number {variable} = {point} your function returned None: does "
                "every path through it end in `return`?"
            ).format(variable=variable, point=point),
        )
    try:
        value = float(np.asarray(call.value, dtype=float))
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _(
                "For the single number {variable} = {point} your function returned "
                "{value!r:.60}; return one number."
            ).format(variable=variable, point=point, value=call.value),
        )
    if not math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-15):
        return wrong(
            exercise,
            _("{name} should be {expected:.6g}; your function gives {value:.6g}.").format(
                name=translated(name), expected=expected, value=value
            ),
        )
    return None


def shown(value: float) -> str:
    """The shortest text that is exactly ``value``: -1000, 1e-310, 0.9999999999999998."""
    text = f"{value:g}"
    return text if float(text) == value else repr(float(value))


def simplest_first(points, centre: float = 0.0) -> np.ndarray:
    """The points ordered by their distance from ``centre``, the lower one first on ties.

    Checkers try inputs in this order, so the first failing input they report is the
    simplest one the answer gets wrong.
    """
    points = np.asarray(points, dtype=float)
    return points[np.lexsort((points, np.abs(points - centre)))]


def require_callable(func, checker: str, expected: str) -> None:
    """Refuse, with a ``TypeError``, an argument to ``checker`` that is not a function.

    Parameters
    ----------
    func : object
        What the learner passed.
    checker : str
        The checker's name, ``"check_silu"``.
    expected : str
        What to pass instead, as the call would read: ``"my_silu"``.

    Raises
    ------
    TypeError
        If ``func`` is not callable; the message shows the call with ``expected``.
    """
    if not callable(func):
        raise TypeError(
            _(
                "{checker}: pass your function itself, e.g. {checker}({expected}), not {type}."
            ).format(checker=checker, expected=expected, type=type(func).__name__)
        )


def start(fn, exercise: str, what: str) -> CheckResult | None:
    """ "Not attempted" for ``...``, or "Not yet" when something other than a function came."""
    if is_placeholder(fn):
        return not_attempted(exercise, what)
    if not callable(fn):
        return wrong(
            exercise,
            _(
                "Pass the function itself, without calling it: the checker calls it. You "
                "passed a {kind} ({value!r:.40})."
            ).format(kind=type(fn).__name__, value=fn),
        )
    return None


def describe_for(error: Exception, variable: str = "x", hint: str = "", if_hint=None) -> str:
    """:func:`describe_error`, in the exercise's terms: its variable, and its advice.

    ``if_hint`` replaces ``hint`` after the message for ``if`` on an array.
    """
    text = str(error)
    if isinstance(error, ValueError) and "truth value of an array" in text:
        return sentences(
            _(
                "Your function uses `if` (or `and`/`or`) on the whole array {variable}, which "
                "has no single truth value."
            ).format(variable=variable),
            translated(if_hint or hint),
        ).strip()
    if isinstance(error, IndexError) and "too many indices" in text:
        return _(
            "Your function indexes more axes than {variable} has: it is a 1-D array, so "
            "{variable}[i], not {variable}[i, j] or {variable}[:, 0]."
        ).format(variable=variable)
    message = describe_error(error, hint)
    if message.endswith((".", "?", ")", "。", "？", "）")):
        return message
    return _("{message}.").format(message=message)


def values(
    call: Call,
    exercise: str,
    shape: tuple[int, ...],
    *,
    variable: str = "x",
    hint: str = "",
    if_hint=None,
    name: str | None = None,
) -> np.ndarray | CheckResult:
    """The returned values as a float array, or a "Not yet" that names the problem.

    With ``name`` (what the function computes, one value per input), a single number
    returned for an array is named: `@`, np.dot or np.sum added the elements up.
    """
    if call.error is not None:
        return wrong(exercise, describe_for(call.error, variable, hint, if_hint))
    if name is not None and call.value is not None and shape and np.ndim(call.value) == 0:
        try:
            single = float(call.value)
        except (TypeError, ValueError):
            single = None
        if single is None:
            message = _(
                "For an array {variable} of {count} numbers your function returned a single "
                "number. `@`, np.dot and np.sum add the elements up; {name} is one number for "
                "each {variable}, computed element by element."
            )
        else:
            message = _(
                "For an array {variable} of {count} numbers your function returned a single "
                "number ({value:.6g}). `@`, np.dot and np.sum add the elements up; {name} is "
                "one number for each {variable}, computed element by element."
            )
        return wrong(
            exercise,
            message.format(variable=variable, count=shape[0], value=single, name=translated(name)),
        )
    return as_array(call, exercise, shape)


def first_failing(
    points,
    got,
    expected,
    name: str,
    variable: str = "x",
    *,
    rtol: float,
    atol: float,
    explain=None,
) -> str:
    """The first input (in the order tried) where ``got`` is not ``expected``, and why."""
    with np.errstate(all="ignore"):
        bad = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    index = int(np.flatnonzero(bad)[0])
    point, value, true = float(points[index]), float(got[index]), float(expected[index])
    text = shown(point)
    cause = explain(point, value, true) if explain is not None else None
    return _returns(
        variable, text if len(text) <= 10 else f"{point:.4g}", show(value), name, show(true), cause
    )


def compare_elementwise(
    call: Call,
    exercise: str,
    points: np.ndarray,
    expected: np.ndarray,
    name: str,
    mistakes,
    *,
    variable: str = "x",
    rtol: float,
    atol: float,
    hint: str = "",
    if_hint=None,
    per_input: bool = False,
    explain=None,
) -> CheckResult | None:
    """Judge an elementwise answer on a grid: None when it is right, else a "Not yet".

    The skeleton every elementwise exercise shares: take what the learner's function
    returned for ``points`` (an error or a value of the wrong kind is named with
    :func:`values`), compare it with ``expected``, and name the first of ``mistakes`` it
    reproduces or, failing that, the first input where it is wrong.

    Parameters
    ----------
    call : Call
        The learner's function called on ``points`` (see :func:`call_learner`).
    exercise : str
        The exercise's name, for the verdict.
    points : numpy.ndarray
        The inputs, in the order they are tried (see :func:`simplest_first`).
    expected : numpy.ndarray
        The right values at ``points``.
    name : str
        What the function computes, as a message writes it: ``"σ(x)"``.
    mistakes : sequence of (callable, str)
        Likely mistakes in the order they are tried: a function that computes the values
        the mistake gives, and the message that names it (see :func:`first_mistake`).
    variable : str
        The input's name in the exercise: ``"x"``, ``"p"``, ``"y"``.
    rtol, atol : float
        The tolerances of the comparison, at every point.
    hint, if_hint : str
        The exercise's advice after a described error (see :func:`describe_for`).
    per_input : bool
        True to name a single number returned for the whole array: `@`, np.dot or np.sum
        added the values up (``name`` says what one value is).
    explain : callable, optional
        ``explain(point, value, expected)`` gives the cause at the first failing input, or
        None (see :func:`first_failing`).

    Returns
    -------
    CheckResult or None
        None when the answer is right at every point.
    """
    got = values(
        call,
        exercise,
        points.shape,
        variable=variable,
        hint=hint,
        if_hint=if_hint,
        name=name if per_input else None,
    )
    if isinstance(got, CheckResult):
        return got
    if close(got, expected, rtol=rtol, atol=atol):
        return None
    mistake = first_mistake(got, mistakes)
    return wrong(
        exercise,
        mistake
        or first_failing(
            points, got, expected, name, variable, rtol=rtol, atol=atol, explain=explain
        ),
    )


# ---------------------------------------------------------------------- message helpers


def overflow_warning(call: Call) -> str | None:
    """The first overflow warning the learner's function gave, or None.

    Parameters
    ----------
    call : Call

    Returns
    -------
    str or None
    """
    return next((text for text in call.warnings if "overflow" in text), None)


def numbers_text(values) -> str:
    """A short row of numbers for a message: [1000, 999, 0].

    Parameters
    ----------
    values : array_like
        Flattened, each shown with ``:g``.

    Returns
    -------
    str
    """
    return "[" + ", ".join(f"{float(v):g}" for v in np.ravel(values)) + "]"


def is_placeholder(answer: object) -> bool:
    return answer is None or answer is Ellipsis
