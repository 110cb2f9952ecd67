"""Checkers for chapter 5: making a deep network train, dead ReLU units, early stopping and
the derivative of SiLU (the chapter's exercises), and Leaky ReLU's slope and SiLU itself
(exercises a teacher can set).

Every checker tries its cases in order and reports the first one the answer gets wrong, with
its inputs, named as the exercise names them; a case the answer gets right is never blamed.
The checks that train a network use fixed data, fixed weights and a fixed number of steps,
so the same answer always gets the same verdict; they take well under a second for the
usual answers.

The deep network's two checkers live in :mod:`sigmoid_lab.checks.deep_network` and are
importable from here too.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid, silu_grad
from sigmoid_lab.checks._core import (
    EXP_CAUSE,
    GRID,
    REPLACE_CODE,
    RETURNED_NONE,
    CheckResult,
    NotAttempted,
    as_array,
    call_learner,
    close,
    correct,
    describe_error,
    first_mistake,
    not_attempted,
    require_callable,
    scalar_problem,
    shown,
    tail_problems,
    wrong,
)
from sigmoid_lab.checks._tails import EXP_OVERFLOW, SILENCED, agrees, show
from sigmoid_lab.checks.deep_network import (  # the chapter's deep network, re-exported
    DEEP_LR,
    DEEP_SIZES,
    DEEP_STEPS,
    DYING_LR,  # noqa: F401
    DYING_SIZES,  # noqa: F401
    DYING_STEPS,  # noqa: F401
    MIN_ACCURACY,
    MIN_RATIO,
    _hand_network,  # noqa: F401  (the chapter's tests reach it here)
    check_dead_units,
    check_deep_network,
    dying_network,
)
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "DEEP_LR",
    "DEEP_SIZES",
    "DEEP_STEPS",
    "MIN_ACCURACY",
    "MIN_RATIO",
    "check_dead_units",
    "check_deep_network",
    "check_early_stopping",
    "check_leaky_relu_grad",
    "check_silu",
    "check_silu_grad",
    "dying_network",
]


def _first_wrong(x, got, expected, *, rtol, atol=0.0) -> int:
    """The index of the first wrong value, taking the inputs in order of increasing |x|:
    the simplest input a learner can check by hand comes first."""
    order = np.argsort(np.abs(x), kind="stable")
    with np.errstate(all="ignore"):
        bad = ~np.isclose(got, expected, rtol=rtol, atol=atol, equal_nan=True)
    return int(order[np.flatnonzero(bad[order])[0]])


# ======================================================================== early stopping


def _history(epoch, train, validation, new, loss) -> dict[str, np.ndarray]:
    return {
        "epoch": np.asarray(epoch),
        "loss": np.asarray(loss, dtype=float),
        "train_accuracy": np.asarray(train, dtype=float),
        "validation_accuracy": np.asarray(validation, dtype=float),
        "new_accuracy": np.asarray(new, dtype=float),
    }


# Recorded every 50 steps, so an index is not a number of steps. Validation accuracy is
# highest at step 200 and again at 350 (the earliest counts); accuracy on the new points peaks
# at 300, training accuracy and loss keep improving to the end.
_STOP_CASES = (
    _history(
        np.arange(0, 501, 50),
        [0.5, 0.62, 0.74, 0.81, 0.86, 0.88, 0.9, 0.93, 0.95, 0.97, 0.99],
        [0.5, 0.6, 0.7, 0.8, 0.85, 0.84, 0.83, 0.85, 0.82, 0.8, 0.8],
        [0.5, 0.62, 0.72, 0.8, 0.84, 0.86, 0.87, 0.86, 0.85, 0.84, 0.84],
        [0.69, 0.6, 0.5, 0.42, 0.36, 0.31, 0.27, 0.23, 0.2, 0.17, 0.15],
    ),
    # Still rising on validation at the last record: stop at the end.
    _history(
        [0, 100, 200, 300],
        [0.6, 0.7, 0.8, 0.9],
        [0.6, 0.7, 0.75, 0.8],
        [0.6, 0.72, 0.74, 0.73],
        [0.69, 0.5, 0.4, 0.3],
    ),
)


def _stop_answer(history) -> int:
    return int(history["epoch"][int(np.argmax(history["validation_accuracy"]))])


def _stop_mistake(value: float, history) -> str | None:
    epochs = history["epoch"]
    validation = history["validation_accuracy"]
    best = validation.max()
    last_tie = int(np.flatnonzero(validation == best)[-1])
    if value == int(np.argmax(validation)) and value not in epochs:
        return _(
            "{value:g} is the position of the best record in the history, not a number of "
            "steps: the accuracies are recorded every {every} steps. Look the steps up in "
            "history['epoch'] at that position."
        ).format(value=value, every=int(epochs[1] - epochs[0]))
    if math.isclose(value, best) and value not in epochs:
        return _(
            "{value:g} is the highest validation accuracy itself; return the number of steps "
            "at which it is reached (from history['epoch'])."
        ).format(value=value)
    if value == epochs[int(np.argmax(history["new_accuracy"]))]:
        return _(
            "You chose the step where accuracy on the new points is highest. The new points "
            "are kept to judge the final model, once: choosing with them makes their "
            "accuracy an optimistic estimate. Choose with validation_accuracy."
        )
    if (
        value == epochs[int(np.argmax(history["train_accuracy"]))]
        or value == epochs[int(np.argmin(history["loss"]))]
    ):
        return _(
            "You chose with the training data (its accuracy or loss), which keeps improving "
            "as the network fits the noise of its own sample. Choose with "
            "validation_accuracy, measured on points the network is not trained on."
        )
    if value == epochs[last_tie]:
        return _(
            "The validation accuracy reaches its highest value, {best:g}, more than once; "
            "keep the earliest of those steps (np.argmax returns the first), the one with "
            "fewer steps."
        ).format(best=best)
    return None


def check_early_stopping(stopping_step: Callable) -> CheckResult:
    """Check ``stopping_step(history)``: the number of steps early stopping keeps.

    ``history`` is a dict as :func:`~sigmoid_lab.experiments.train_and_track` returns, with
    ``"epoch"``, ``"loss"``, ``"train_accuracy"``, ``"validation_accuracy"`` and
    ``"new_accuracy"``. Expected: the entry of ``history["epoch"]`` where the validation
    accuracy is highest, the earliest if it is highest more than once.

    Names these mistakes: a position in the history instead of a number of steps, the
    accuracy instead of the step, choosing with the new points (which are kept for judging),
    choosing with the training data, the latest of tied steps, a missing key, and None.

    Examples
    --------
    >>> import numpy as np
    >>> check_early_stopping(
    ...     lambda h: h["epoch"][np.argmax(h["validation_accuracy"])]
    ... ).passed
    True
    """
    exercise = _("early stopping")
    require_callable(stopping_step, "check_early_stopping", "stopping_step")
    try:
        for history in _STOP_CASES:
            shown = {key: values.copy() for key, values in history.items()}
            call = call_learner(stopping_step, shown)
            if call.error is not None:
                return wrong(exercise, _stop_error(call.error, history))
            value = call.value
            if value is None:
                return wrong(exercise, _(RETURNED_NONE))
            if isinstance(value, np.ndarray) and value.size == 1:
                value = value.item()
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
                if isinstance(value, np.ndarray):
                    message = _(
                        "Your function returned an array of shape {shape}; return one number: "
                        "the number of steps at which to stop."
                    ).format(shape=value.shape)
                else:
                    message = _(
                        "Your function returned a {type}; return one number: the number of "
                        "steps at which to stop."
                    ).format(type=type(value).__name__)
                return wrong(exercise, message)
            value = float(value)
            expected = _stop_answer(history)
            if value == expected:
                continue
            mistake = _stop_mistake(value, history)
            case = _(
                "For a history recorded after {steps} steps, with validation accuracy "
                "{validation}, your function returns {value:g}; the answer is {expected}"
            ).format(
                steps=", ".join(str(int(e)) for e in history["epoch"]),
                validation=", ".join(f"{v:g}" for v in history["validation_accuracy"]),
                value=value,
                expected=expected,
            )
            if mistake:
                return wrong(exercise, _("{case}. {mistake}").format(case=case, mistake=mistake))
            return wrong(exercise, _("{case}.").format(case=case))
    except NotAttempted:
        return not_attempted(exercise, _(REPLACE_CODE))
    return correct(
        exercise,
        _(
            "the step with the highest validation accuracy, the earliest of tied ones, read "
            "from history['epoch']; chosen without looking at the new points."
        ),
    )


def _stop_error(error: Exception, history) -> str:
    if isinstance(error, KeyError):
        keys = ", ".join(f"'{key}'" for key in history)
        return _("history has no key {error}; its keys are {keys}.").format(error=error, keys=keys)
    return describe_error(error)


# ==================================================================== SiLU′, on paper

# SiLU′ far in the tails: −1.66e-16 at −40, −3.68e-42 at −100, −6.89e-302 at −700 and the
# subnormal −1.46e-310 at −720; 1 to rounding at +40 and beyond.
_SILU_GRAD_TAIL = (-40.0, 40.0, -100.0, 100.0, -700.0, 700.0, -720.0, 720.0)

_SILU_GRAD_HINT = N_(
    "Type your formula with NumPy on the whole array x: sl.sigmoid(x) for σ(x), * for products."
)


def check_silu_grad(my_silu_grad: Callable) -> CheckResult:
    """Check SiLU′(x) = σ(x)(1 + x(1 − σ(x))), derived on paper, in any correct form.

    Compared on [−20, 20], then far in both tails (x = ±40 to ±720, where SiLU′(x) is as
    small as −1.5e-310), and at the single number 0 (SiLU′(0) = ½). Names these mistakes:
    either term of the product rule alone, σ′(x) or SiLU itself, σ(x) + σ′(x) (a missing
    factor x), a sign slip, σ(x)² for σ′(x), a factor σ(x) forgotten in σ′(x), σ(x)(1 + x)
    (1 − σ(x)) (a factor taken out of both terms), a finite difference, and an overflow.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_silu_grad(lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x)))).passed
    True
    """
    exercise = _("SiLU′, on paper")
    require_callable(my_silu_grad, "check_silu_grad", "my_silu_grad")
    x = GRID
    try:
        call = call_learner(my_silu_grad, x.copy())
        if call.error is not None:
            return wrong(exercise, describe_error(call.error, _(_SILU_GRAD_HINT)))
        got = as_array(call, exercise, x.shape)
        if isinstance(got, CheckResult):
            return got
        expected = silu_grad(x)
        s = sigmoid(x)
        if not close(got, expected, rtol=1e-7, atol=1e-15):
            product_rule = _("(x·σ(x))′ = 1·σ(x) + x·σ′(x), with σ′(x) = σ(x)(1 − σ(x))")
            mistake = first_mistake(
                got,
                [
                    (
                        lambda: s,
                        _(
                            "You return σ(x), only the first term of the product rule: "
                            "{product_rule}. The term x·σ′(x) is missing."
                        ).format(product_rule=product_rule),
                    ),
                    (
                        lambda: x * s * (1 - s),
                        _(
                            "You return x·σ′(x), only the second term of the product rule: "
                            "{product_rule}. The term σ(x), from the derivative of x, is "
                            "missing."
                        ).format(product_rule=product_rule),
                    ),
                    (
                        lambda: s * (1 - s),
                        _(
                            "You return σ′(x), the sigmoid's derivative. SiLU is the product "
                            "x·σ(x): {product_rule}."
                        ).format(product_rule=product_rule),
                    ),
                    (lambda: x * s, _("You return SiLU itself, x·σ(x); return its derivative.")),
                    (
                        lambda: s + s * (1 - s),
                        _(
                            "You return σ(x) + σ′(x): the second term of the product rule keeps "
                            "its factor x, x·σ′(x)."
                        ),
                    ),
                    (
                        lambda: s * (1 - x * (1 - s)),
                        _(
                            "A sign slip: σ′(x) = σ(x)(1 − σ(x)) is positive, so the second "
                            "term is +x·σ(x)(1 − σ(x))."
                        ),
                    ),
                    (
                        lambda: s + x * s**2,
                        _(
                            "σ′(x) is σ(x)(1 − σ(x)), not σ(x)²: the second term is "
                            "x·σ(x)(1 − σ(x))."
                        ),
                    ),
                    (
                        lambda: s + x * (1 - s),
                        _(
                            "A forgotten factor: σ′(x) = σ(x)·(1 − σ(x)), so the second term is "
                            "x·σ(x)(1 − σ(x)), not x·(1 − σ(x))."
                        ),
                    ),
                    (
                        lambda: s + x * s,
                        _(
                            "σ′(x) is σ(x)(1 − σ(x)), not σ(x): the second term is "
                            "x·σ(x)(1 − σ(x))."
                        ),
                    ),
                    (
                        lambda: s * (1 + x) * (1 - s),
                        _(
                            "You took σ(x)(1 − σ(x)) out of both terms, but the first term is "
                            "σ(x) alone: σ(x) + x·σ(x)(1 − σ(x)) = σ(x)(1 + x(1 − σ(x)))."
                        ),
                    ),
                ],
            )
            if mistake is None and close(got, expected, rtol=1e-3, atol=1e-6):
                index = _first_wrong(x, got, expected, rtol=1e-7, atol=1e-15)
                mistake = _(
                    "At x = {x:g} your function returns {value:.10g}, but SiLU′(x) = "
                    "{expected:.10g}: close, but not exact, as a finite difference is. Derive "
                    "the formula on paper with the product rule and type it exactly."
                ).format(x=x[index], value=got[index], expected=expected[index])
            if mistake is None:
                index = _first_wrong(x, got, expected, rtol=1e-7, atol=1e-15)
                mistake = _(
                    "At x = {x:g} your function returns {value:.6g}, but SiLU′(x) = "
                    "{expected:.6g}."
                ).format(x=x[index], value=got[index], expected=expected[index])
            return wrong(exercise, mistake)
        tail = tail_problems(
            my_silu_grad,
            exercise,
            _SILU_GRAD_TAIL,
            silu_grad,
            "SiLU′(x)",
            cause=_(EXP_CAUSE),
            advice=_(
                "Write the formula with the package's sigmoid, sl.sigmoid(x), which never "
                "exponentiates a large number."
            ),
            explain=_explain_silu_grad_tail,
        )
        if tail is not None:
            return tail
        scalar = scalar_problem(my_silu_grad, exercise, 0.0, 0.5, "SiLU′(0)")
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, _(REPLACE_CODE))
    return correct(
        exercise,
        _(
            "σ(x)(1 + x(1 − σ(x))) in your form: right on [−20, 20], far in both tails (x = ±40 "
            "to ±720, where SiLU′(x) is as small as −1.5e-310), and SiLU′(0) = ½."
        ),
    )


def _explain_silu_grad_tail(x: float, value: float, expected: float) -> str | None:
    if value == 0 and expected != 0 and -x > EXP_OVERFLOW / 2:
        # Translators: the end of a sentence "At x = … your function returns …, but SiLU′(x) = …".
        return _(
            ", which a float64 can hold. A formula with exp(−x) gives 0 there, because "
            "exp(−x) overflows to inf for x below −{limit:.2f}, and its square for x below "
            "−{half:.2f}. {silenced}"
        ).format(limit=EXP_OVERFLOW, half=EXP_OVERFLOW / 2, silenced=_(SILENCED))
    if value == 0 and expected != 0:
        # Translators: the end of a sentence "At x = … your function returns …, but SiLU′(x) = …".
        return _(
            ". Something rounded to exactly 0 that is not 0: a difference of nearly equal "
            "numbers such as 1 − σ(−x) is 0 from about x = −37 on. Use σ(x) for σ(x) and "
            "σ(−x) for 1 − σ(x)."
        )
    return None


# ======================================================= Leaky ReLU's slope and SiLU

# ±1e-300: the slope right next to 0 is still 1 or `slope`, which a finite difference (or a
# threshold other than 0) gets wrong.
_LEAKY_X = np.array([-3.0, -0.5, -1e-3, -1e-300, 1e-300, 2e-3, 0.7, 4.0])
_LEAKY_HINT = N_("Compare x with 0 element by element: np.where(x > 0, 1.0, slope).")


def _elementwise(value, shape, exercise: str) -> np.ndarray | CheckResult:
    if value is None:
        return wrong(exercise, _(RETURNED_NONE))
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _("Return an array of numbers, not {type}.").format(type=type(value).__name__),
        )
    if array.shape != shape:
        return wrong(
            exercise,
            _("Return one value per input: shape {shape}, got shape {got}.").format(
                shape=shape, got=array.shape
            ),
        )
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
    exercise = _("Leaky ReLU derivative")
    require_callable(func, "check_leaky_relu_grad", "leaky_relu_grad")
    x = _LEAKY_X
    answers = {}
    try:
        for slope in (0.01, 0.2):
            call = call_learner(functools.partial(func, slope=slope), x.copy())
            if call.error is not None:
                described = describe_error(call.error, _(_LEAKY_HINT))
                return wrong(
                    exercise,
                    _("With slope={slope}: {error}").format(slope=slope, error=described),
                )
            array = _elementwise(call.value, x.shape, exercise)
            if isinstance(array, CheckResult):
                return array
            answers[slope] = array
    except NotAttempted:
        return not_attempted(exercise, _(REPLACE_CODE))
    for slope, got in answers.items():
        expected = np.where(x > 0, 1.0, slope)
        # The answer is exactly 1 or `slope`: compared relatively, so that a wrong value is
        # not passed for being within an absolute tolerance of a small slope.
        if _same(got, expected):
            continue
        if _same(got, np.where(x > 0, 1.0, 0.0)):
            return wrong(
                exercise,
                _(
                    "That is ReLU's derivative: for x < 0 Leaky ReLU's slope is `slope`, not 0. "
                    "That small slope is what keeps a 'dead' unit learning."
                ),
            )
        if _same(got, np.where(x > 0, x, slope * x)):
            return wrong(exercise, _("That is Leaky ReLU itself; return its slope: 1 or `slope`."))
        if _same(got, np.where(x > 0, slope, 1.0)):
            return wrong(exercise, _("The two cases are swapped: 1 for x > 0, `slope` for x < 0."))
        if _same(got, np.where(x > 0, 1.0, 0.01)):
            return wrong(exercise, _("You used 0.01 whatever `slope` is; use the slope argument."))
        ordinary = np.abs(x) > 1e-6
        index = _first_wrong(x, got, expected, rtol=1e-12)
        at = {
            "slope": slope,
            "value": float(got[index]),
            "x": shown(float(x[index])),
            "expected": expected[index],
        }
        if _same(got[ordinary], expected[ordinary]):
            return wrong(
                exercise,
                _(
                    "With slope={slope} your function returns {value!r} at x = {x}, where the "
                    "slope expected is exactly {expected:g}: the two cases must switch at "
                    "x = 0 itself, not near it. Compare x with 0: 1 where x > 0, `slope` where "
                    "x < 0."
                ).format(**at),
            )
        if np.allclose(got[ordinary], expected[ordinary], rtol=1e-4, atol=0.0):
            return wrong(
                exercise,
                _(
                    "With slope={slope} your function returns {value!r} at x = {x}, where the "
                    "slope expected is exactly {expected:g}: close, but not exact, as a finite "
                    "difference gives (and next to 0 a finite difference crosses the kink). "
                    "Leaky ReLU is made of two straight lines: return 1 where x > 0 and "
                    "`slope` where x < 0, for example with np.where."
                ).format(**at),
            )
        return wrong(
            exercise,
            _(
                "With slope={slope} your function returns {value!r} at x = {x}, where the "
                "slope expected is exactly {expected:g}."
            ).format(**at),
        )
    return correct(exercise, _("1 for x > 0 and `slope` for x < 0, for both slopes tried."))


def check_silu(func: Callable) -> CheckResult:
    """Check ``func(x)``: SiLU (swish), ``x·σ(x)``, without overflow for large |x|.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_silu(lambda x: x * sigmoid(x)).passed
    True
    """
    exercise = "SiLU"
    require_callable(func, "check_silu", "my_silu")
    x = np.array([-4.0, -1.5, -0.2, 0.0, 0.3, 1.0, 3.5])
    try:
        call = call_learner(func, x.copy())
        if call.error is not None:
            return wrong(exercise, describe_error(call.error, _(_SILU_GRAD_HINT)))
        got = _elementwise(call.value, x.shape, exercise)
        if isinstance(got, CheckResult):
            return got
        expected = x * sigmoid(x)
        if not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            mistakes = [
                (
                    x * sigmoid(-x),
                    N_("σ(−x) instead of σ(x): SiLU is x·σ(x), close to x for large x."),
                ),
                (sigmoid(x), N_("That is σ(x) alone: SiLU multiplies it by x.")),
                (x * sigmoid(x) * (1 - sigmoid(x)), N_("That is x·σ′(x); SiLU is x·σ(x).")),
                (np.maximum(x, 0) * sigmoid(x), N_("The factor is x itself, not ReLU(x).")),
            ]
            for candidate, message in mistakes:
                if np.allclose(got, candidate, rtol=1e-9, atol=1e-12):
                    return wrong(exercise, _(message))
            index = _first_wrong(x, got, expected, rtol=1e-9, atol=1e-12)
            return wrong(
                exercise,
                _(
                    "Your values differ from x·σ(x): at x = {x:g} your function returns "
                    "{value:.6g}, but x·σ(x) = {expected:.6g}."
                ).format(x=x[index], value=got[index], expected=expected[index]),
            )
        extreme = np.array([-1000.0, 1000.0])
        call = call_learner(func, extreme.copy())
        if call.error is not None:
            return wrong(
                exercise, _("At x = ±1000: {error}").format(error=describe_error(call.error))
            )
        got = _elementwise(call.value, extreme.shape, exercise)
        if isinstance(got, CheckResult):
            return got
        want = extreme * sigmoid(extreme)
        for point, value, true in zip(extreme, got, want, strict=True):
            if not agrees(value, true, rtol=1e-6):
                return wrong(exercise, _silu_mistake(float(point), float(value), float(true)))
        if any("overflow" in text for text in call.warnings):
            return wrong(
                exercise,
                _(
                    "Right values, but NumPy warned of an overflow: 1/(1 + np.exp(-x)) "
                    "computes e^1000 at x = −1000. Use the stable sigmoid from the package "
                    "(sl.sigmoid)."
                ),
            )
        for point in _SILU_TAIL:
            tail = _silu_tail_problem(func, exercise, point)
            if tail is not None:
                return tail
    except NotAttempted:
        return not_attempted(exercise, _(REPLACE_CODE))
    return correct(
        exercise,
        _(
            "x·σ(x), exact at small x, without overflow at x = ±1000, and right to 1e-6 far in "
            "the lower tail (x = −40 to −720, where it is as small as −1.5e-310)."
        ),
    )


# Far in the lower tail SiLU is tiny but a float64 holds it: −1.7e-16 at −40, −4.3e-307 at
# −712 and the subnormal −1.5e-310 at −720. x/(1 + exp(−x)) gives −0.0 from −709.78 on (with
# an overflow warning, unless it was silenced); x·(1 − σ(−x)) from about −37.
_SILU_TAIL = (-40.0, -712.0, -720.0)


def _silu_tail_problem(func, exercise: str, x: float) -> CheckResult | None:
    """Judge SiLU's value at one far-negative x; a wrong value names the mistake it looks like."""
    call = call_learner(func, np.array([x]))
    if call.error is not None:
        return wrong(
            exercise, _("At x = {x:g}: {error}").format(x=x, error=describe_error(call.error))
        )
    got = _elementwise(call.value, (1,), exercise)
    if isinstance(got, CheckResult):
        return got
    got = float(got[0])
    want = float(x * sigmoid(x))
    if any("overflow" in text for text in call.warnings):
        return wrong(
            exercise,
            _(
                "At x = {x:g} NumPy warned of an overflow: exp(−x) is inf there. Use the stable "
                "sigmoid from the package (sl.sigmoid)."
            ).format(x=x),
        )
    if agrees(got, want, rtol=1e-6):
        return None
    return wrong(exercise, _silu_mistake(x, got, want))


def _silu_mistake(x: float, got: float, want: float) -> str:
    """What a wrong SiLU value at x looks like."""
    fields = {
        "x": x,
        "value": show(got),
        "expected": show(want),
        "fix": _("Use the stable sigmoid from the package: x * sl.sigmoid(x)."),
        "silenced": _(SILENCED),
    }
    if not math.isfinite(got):
        return _(
            "At x = {x:g} your function returns {value}, but x·σ(x) = {expected}: an inf/inf "
            "or 0·inf happened inside. {silenced} {fix}"
        ).format(**fields)
    if got == 0 and want < 0 and -x > EXP_OVERFLOW:
        return _(
            "At x = {x:g} your function returns {value}, but x·σ(x) = {expected}, which a "
            "float64 can hold. x/(1 + exp(−x)) gives 0 there because exp(−x) overflows to inf "
            "(for x below −{limit:.2f}). {silenced} {fix}"
        ).format(limit=EXP_OVERFLOW, **fields)
    if got == 0 and want < 0:
        return _(
            "At x = {x:g} your function returns {value}, but x·σ(x) = {expected}. Something "
            "rounded to exactly 0 that is not 0: 1 − σ(−x), for example, is a difference of "
            "nearly equal numbers and gives 0 from about x = −37 on. {fix}"
        ).format(**fields)
    if x < 0 and abs(got) > abs(want):
        return _(
            "At x = {x:g} your function returns {value}, but x·σ(x) = {expected}: far too "
            "large, as if x had been clipped (np.clip) before exponentiating. Clipping avoids "
            "the overflow by computing σ at another x. {fix}"
        ).format(**fields)
    return _("At x = {x:g} your function returns {value}, but x·σ(x) = {expected}. {fix}").format(
        **fields
    )
