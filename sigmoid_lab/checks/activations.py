"""Checkers for chapter 5: Leaky ReLU's slope and SiLU, the sigmoid's relatives."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._tails import EXP_OVERFLOW, SILENCED, agrees, show
from sigmoid_lab.checks.training import (
    CheckResult,
    _call_quietly,
    _describe_error,
    _failed,
    _not_attempted,
    _passed,
)

__all__ = ["check_leaky_relu_grad", "check_silu"]

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


def check_leaky_relu_grad(func: Callable) -> CheckResult:
    """Check ``func(x, slope=0.01)``: the derivative of Leaky ReLU, elementwise.

    Expected: 1 where ``x > 0`` and ``slope`` where ``x < 0`` (the value at exactly 0 is not
    checked: any choice between the two is a valid subgradient).

    Examples
    --------
    >>> import numpy as np
    >>> check_leaky_relu_grad(lambda x, slope=0.01: np.where(x > 0, 1.0, slope)).passed
    True
    """
    name = "Leaky ReLU derivative"
    _check_callable(func, "check_leaky_relu_grad", "leaky_relu_grad")
    # ±1e-300: the slope right next to 0 is still 1 or `slope`, which a finite difference
    # (or a threshold other than 0) gets wrong.
    x = np.array([-3.0, -0.5, -1e-3, -1e-300, 1e-300, 2e-3, 0.7, 4.0])
    answers = {}
    for slope in (0.01, 0.2):
        try:
            value, error, _ = _call_quietly(func, x, slope=slope)
        except NotImplementedError:
            return _not_attempted(name, _PLACEHOLDER)
        if error is not None:
            return _failed(name, f"With slope={slope}: {_describe_error(error)}")
        array = _as_array(value, x.shape, name)
        if isinstance(array, CheckResult):
            return array
        answers[slope] = array
    for slope, got in answers.items():
        expected = np.where(x > 0, 1.0, slope)
        # The answer is exactly 1 or `slope`: compared relatively, so that a wrong value is
        # not passed for being within an absolute tolerance of a small slope.
        if _same(got, expected):
            continue
        if _same(got, np.where(x > 0, 1.0, 0.0)):
            return _failed(
                name,
                "that is ReLU's derivative: for x < 0 Leaky ReLU's slope is `slope`, not 0. "
                "That small slope is what keeps a 'dead' unit learning.",
            )
        if _same(got, np.where(x > 0, x, slope * x)):
            return _failed(name, "that is Leaky ReLU itself; return its slope: 1 or `slope`.")
        if _same(got, np.where(x > 0, slope, 1.0)):
            return _failed(name, "the two cases are swapped: 1 for x > 0, `slope` for x < 0.")
        if _same(got, np.where(x > 0, 1.0, 0.01)):
            return _failed(name, "you used 0.01 whatever `slope` is; use the slope argument.")
        ordinary = np.abs(x) > 1e-6
        wrong = int(np.flatnonzero(~np.isclose(got, expected, rtol=1e-12, atol=0.0))[0])
        at = (
            f"with slope={slope} you return {float(got[wrong])!r} at x = {x[wrong]:g}, where "
            f"the slope is exactly {expected[wrong]:g}"
        )
        if _same(got[ordinary], expected[ordinary]):
            return _failed(
                name,
                f"{at}: the two cases must switch at x = 0 itself, not near it. Compare x "
                "with 0: 1 where x > 0, `slope` where x < 0.",
            )
        if np.allclose(got[ordinary], expected[ordinary], rtol=1e-4, atol=0.0):
            return _failed(
                name,
                f"{at}: close, but not exact, as a finite difference gives (and next to 0 a "
                "finite difference crosses the kink). Leaky ReLU is made of two straight "
                "lines: return 1 where x > 0 and `slope` where x < 0, for example with "
                "np.where.",
            )
        return _failed(
            name,
            f"with slope={slope} expected {expected.tolist()}, got {np.round(got, 4).tolist()}.",
        )
    return _passed(name, "1 for x > 0 and `slope` for x < 0, for both slopes tried.")


def check_silu(func: Callable) -> CheckResult:
    """Check ``func(x)``: SiLU (swish), ``x·σ(x)``, without overflow for large |x|.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_silu(lambda x: x * sigmoid(x)).passed
    True
    """
    name = "SiLU"
    _check_callable(func, "check_silu", "my_silu")
    x = np.array([-4.0, -1.5, -0.2, 0.0, 0.3, 1.0, 3.5])
    try:
        value, error, _ = _call_quietly(func, x)
    except NotImplementedError:
        return _not_attempted(name, _PLACEHOLDER)
    if error is not None:
        return _failed(name, _describe_error(error))
    got = _as_array(value, x.shape, name)
    if isinstance(got, CheckResult):
        return got
    expected = x * sigmoid(x)
    if not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
        mistakes = [
            (x * sigmoid(-x), "σ(−x) instead of σ(x): SiLU is x·σ(x), close to x for large x."),
            (sigmoid(x), "that is σ(x) alone: SiLU multiplies it by x."),
            (x * sigmoid(x) * (1 - sigmoid(x)), "that is x·σ′(x); SiLU is x·σ(x)."),
            (np.maximum(x, 0) * sigmoid(x), "the factor is x itself, not ReLU(x)."),
        ]
        for candidate, message in mistakes:
            if np.allclose(got, candidate, rtol=1e-9, atol=1e-12):
                return _failed(name, message)
        return _failed(name, "the values differ from x·σ(x); check with x = 1: 0.7311.")
    extreme = np.array([-1000.0, 1000.0])
    value, error, caught = _call_quietly(func, extreme)
    if error is not None:
        return _failed(name, f"At x = ±1000: {_describe_error(error)}")
    got = np.asarray(value, dtype=float)
    want = extreme * sigmoid(extreme)
    if got.shape != extreme.shape:
        return _failed(
            name, f"return one value per input: shape {extreme.shape}, got {got.shape}."
        )
    for point, value, true in zip(extreme, got, want, strict=True):
        if not agrees(value, true, rtol=1e-6):
            return _failed(name, _silu_mistake(float(point), float(value), float(true)))
    if any("overflow" in str(w.message) for w in caught):
        return _failed(
            name,
            "right values, but NumPy warned of an overflow: 1/(1 + np.exp(-x)) computes "
            "e^1000 at x = −1000. Use the stable sigmoid from the package (sl.sigmoid).",
        )
    for point in _SILU_TAIL:
        tail = _silu_tail_problem(func, name, point)
        if tail is not None:
            return tail
    return _passed(
        name,
        "x·σ(x), exact at small x, without overflow at x = ±1000, and right to 1e-6 far in "
        "the lower tail (x = −40 to −720, where it is as small as −1.5e-310).",
    )


# Far in the lower tail SiLU is tiny but a float64 holds it: −1.7e-16 at −40, −4.3e-307 at
# −712 and the subnormal −1.5e-310 at −720. x/(1 + exp(−x)) gives −0.0 from −709.78 on (with
# an overflow warning, unless it was silenced); x·(1 − σ(−x)) from about −37.
_SILU_TAIL = (-40.0, -712.0, -720.0)


def _silu_tail_problem(func, name: str, x: float) -> CheckResult | None:
    """Judge SiLU's value at one far-negative x; a wrong value names the mistake it looks like."""
    value, error, caught = _call_quietly(func, np.array([x]))
    if error is not None:
        return _failed(name, f"At x = {x:g}: {_describe_error(error)}")
    got = _as_array(value, (1,), name)
    if isinstance(got, CheckResult):
        return got
    got = float(got[0])
    want = float(x * sigmoid(x))
    if any("overflow" in str(w.message) for w in caught):
        return _failed(
            name,
            f"at x = {x:g} NumPy warned of an overflow: exp(−x) is inf there. Use the stable "
            "sigmoid from the package (sl.sigmoid).",
        )
    if agrees(got, want, rtol=1e-6):
        return None
    return _failed(name, _silu_mistake(x, got, want))


def _silu_mistake(x: float, got: float, want: float) -> str:
    """What a wrong SiLU value at x looks like."""
    where = f"at x = {x:g} your function returns {show(got)}, but x·σ(x) = {show(want)}"
    fix = "Use the stable sigmoid from the package: x * sl.sigmoid(x)."
    if not math.isfinite(got):
        return f"{where}: an inf/inf or 0·inf happened inside. {SILENCED} {fix}"
    if got == 0 and want < 0 and -x > EXP_OVERFLOW:
        return (
            f"{where}, which a float64 can hold. x/(1 + exp(−x)) gives 0 there because "
            f"exp(−x) overflows to inf (for x below −{EXP_OVERFLOW:.2f}). {SILENCED} {fix}"
        )
    if got == 0 and want < 0:
        return (
            f"{where}. Something rounded to exactly 0 that is not 0: 1 − σ(−x), for example, "
            f"is a difference of nearly equal numbers and gives 0 from about x = −37 on. {fix}"
        )
    if x < 0 and abs(got) > abs(want):
        return (
            f"{where}: far too large, as if x had been clipped (np.clip) before "
            f"exponentiating. Clipping avoids the overflow by computing σ at another x. {fix}"
        )
    return f"{where}. {fix}"
