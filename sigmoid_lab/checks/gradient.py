"""Checkers for chapter 3: derivatives and the factors a gradient is multiplied by.

* :func:`check_log_sigmoid_grad`: the derivative of log σ(x), derived on paper;
* :func:`check_tanh_grad`: tanh′, accurate far in both tails;
* :func:`check_critical_weight`: the weight w for which w·σ′(z) = 1, for a unit with a
  given output a;
* :func:`check_sigmoid_grad` and :func:`check_layers_below`: σ′ in both tails, and the depth
  at which ¼ⁿ falls below a threshold.

Each checker names the variable as its exercise does (x, a, w), reports the first input
where an answer fails (the inputs are tried simplest first, nearest 0), never an input where
the answer is right, and translates Python's and NumPy's errors with
:func:`~sigmoid_lab.checks._core.describe_error`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import logit, sigmoid, sigmoid_grad, tanh_grad
from sigmoid_lab.checks._core import (
    EXP_ADVICE,
    EXP_CAUSE,
    CheckResult,
    NotAttempted,
    call_learner,
    compare_elementwise,
    correct,
    is_placeholder,
    not_attempted,
    scalar_problem,
    simplest_first,
    start,
    tail_problems,
    values,
    wrong,
)
from sigmoid_lab.checks._tails import (
    EXP_OVERFLOW,
    SILENCED,
    SUBNORMAL_NOTE,
    explain_sigmoid_grad_tail,
    sentences,
    show,
)
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "check_critical_weight",
    "check_layers_below",
    "check_log_sigmoid_grad",
    "check_sigmoid_grad",
    "check_tanh_grad",
]


# The grids on which an answer is compared first, simplest inputs first, so the first
# failing input a message names is the simplest one where the answer is wrong.
_X_SIGMOID = simplest_first(np.linspace(-20.0, 20.0, 81))
_X_LOG = simplest_first(np.linspace(-40.0, 40.0, 161))
# tanh′ on [−8, 8]: every correct form, 1 − tanh(x)² included, is right there to 1e-9.
_X_TANH = simplest_first(np.linspace(-8.0, 8.0, 65))

# σ′ is symmetric: 9.9e-305 at ±700, 2.0e-313 at ±720, 4.2e-322 at ±740.
_SIGMOID_GRAD_TAIL = (-700.0, 700.0, -720.0, 720.0, -740.0, 740.0)
# tanh′(x) = 4σ′(2x) ≈ 4e^(−2|x|): 1.7e-17 at ±20 (where tanh(x) has rounded to ±1.0),
# 7.2e-35 at ±40, 5.5e-87 at ±100; 3.9e-304 at ±350 and the subnormal 8.1e-313 at ±360,
# where cosh(x)² and e^(2|x|) overflow.
_TANH_GRAD_TAIL = (20.0, -20.0, 40.0, -40.0, 100.0, -100.0, 350.0, -350.0, 360.0, -360.0)

_IF_HINT = N_(
    "A derivative needs no case distinction here: one formula holds for every x. Write it "
    "with functions that work element by element (np.exp, sl.sigmoid, sl.sigmoid_grad)."
)
_ELEMENTWISE_HINT = N_(
    "A derivative of a function of one variable is computed element by element: multiply "
    "with `*`, not `@`, and use np.exp, not math.exp."
)


def _compare(fn, exercise: str, x: np.ndarray, expected, name: str, mistakes, *, rtol, atol):
    """Call ``fn`` on the grid ``x``: None when it is right, else a "Not yet" that names
    the first matching mistake or the first input where it fails."""
    return compare_elementwise(
        call_learner(fn, x.copy()),
        exercise,
        x,
        expected,
        name,
        mistakes,
        rtol=rtol,
        atol=atol,
        hint=_(_ELEMENTWISE_HINT),
        if_hint=_(_IF_HINT),
        per_input=True,
    )


def _value_at(fn, exercise: str, point: float, name: str):
    """Call ``fn`` on the one input ``point``: the call, and its value as an array of one
    number or a "Not yet" that names the problem."""
    call = call_learner(fn, np.array([point]))
    return call, values(
        call, exercise, (1,), hint=_(_ELEMENTWISE_HINT), if_hint=_(_IF_HINT), name=name
    )


# ------------------------------------------------------------------- exercise: σ′ in both tails


def _sigmoid_grad_tail(fn, exercise: str, points) -> CheckResult | None:
    """σ′ far out, one input at a time (see :func:`~sigmoid_lab.checks._core.tail_problems`)."""
    return tail_problems(
        fn,
        exercise,
        points,
        sigmoid_grad,
        "σ′(x)",
        cause=_(EXP_CAUSE),
        advice=_(EXP_ADVICE),
        explain=explain_sigmoid_grad_tail,
    )


def check_sigmoid_grad(my_sigmoid_grad: Callable) -> CheckResult:
    """Check σ′(x) = σ(x)(1 − σ(x)), including far in both tails.

    Names these mistakes: σ(x)(1 − x) or σ(1 − x) instead of σ(1 − σ), σ applied to
    1 − σ, a forgotten factor, a sign slip, e⁻ˣ/(1 + e⁻²ˣ) for e⁻ˣ/(1 + e⁻ˣ)², an overflow
    at −1000, the exact 0 that s·(1 − s) gives for x ≳ 37 because s rounds to 1, `@` where
    `*` was meant, `if` on an array, and a function without `return`. Otherwise it names
    the first input, nearest 0, where the answer is wrong.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_sigmoid_grad(lambda x: sigmoid(x) * sigmoid(-x)).passed
    True
    """
    exercise = _("the sigmoid's gradient")
    what = _("Replace `raise NotImplementedError` with your derivative")
    started = start(my_sigmoid_grad, exercise, what)
    if started is not None:
        return started
    x = _X_SIGMOID
    expected = sigmoid_grad(x)
    s = sigmoid(x)
    mistakes = [
        (
            lambda: s * (1 - x),
            _(
                "You compute σ(x)·(1 − x): the second factor is "
                "1 − σ(x), not 1 − x. In σ(1 − σ), every σ stands for σ(x)."
            ),
        ),
        (
            lambda: sigmoid(1 - x),
            _(
                "You compute σ(1 − x), the sigmoid of 1 − x. "
                "σ(1 − σ) is shorthand for the product σ(x)·(1 − σ(x))."
            ),
        ),
        (
            lambda: sigmoid(1 - s),
            _(
                "You apply σ to 1 − σ(x). σ(1 − σ) is shorthand "
                "for the product σ(x)·(1 − σ(x)), not a function call."
            ),
        ),
        (lambda: s, _("A forgotten term: you return σ(x); multiply by (1 − σ(x)).")),
        (
            lambda: 1 - s,
            _(
                "A forgotten term: you return 1 − σ(x) (which also equals "
                "e⁻ˣ/(1 + e⁻ˣ)); multiply by σ(x), or square the denominator."
            ),
        ),
        (
            lambda: -expected,
            _(
                "A sign slip: σ rises everywhere, so σ′ is positive. "
                "It is σ(x)·(1 − σ(x)), not σ(x)·(σ(x) − 1)."
            ),
        ),
        (
            lambda: np.exp(-x) / (1 + np.exp(-x) ** 2),
            _("The whole denominator is squared: e⁻ˣ/(1 + e⁻ˣ)², not e⁻ˣ/(1 + e⁻²ˣ)."),
        ),
        (lambda: s**2, _("σ(x)² is not the derivative: it is σ(x)·(1 − σ(x)).")),
    ]
    try:
        verdict = _compare(
            my_sigmoid_grad, exercise, x, expected, "σ′(x)", mistakes, rtol=1e-6, atol=0.0
        )
        if verdict is not None:
            return verdict
        tail = _sigmoid_grad_tail(my_sigmoid_grad, exercise, (-1000.0, 1000.0))
        if tail is not None:
            return tail
        for point in (38.0, -38.0, 40.0, -40.0, 50.0, 100.0, -100.0):
            value = _value_at(my_sigmoid_grad, exercise, point, "σ′(x)")[1]
            if isinstance(value, CheckResult):
                return value
            true = float(sigmoid_grad(np.array([point]))[0])
            if value[0] == 0.0 and true > 0.0:
                return wrong(
                    exercise,
                    _(
                        "At x = {x:g} your function returns exactly 0, but σ′({x:g}) ≈ "
                        "{true:.2g}: σ({x:g}) rounds to 1.0, so 1 − σ(x) is 0. Write the "
                        "second factor as σ(−x) (1 − σ(x) = σ(−x)), which is computed without "
                        "that subtraction."
                    ).format(x=point, true=true),
                )
            if not math.isclose(float(value[0]), true, rel_tol=1e-6):
                return wrong(
                    exercise,
                    _(
                        "At x = {x:g} your function returns {value:.6g}, but σ′({x:g}) = "
                        "{true:.6g}. Far in the tails, avoid 1 − σ(x): use σ(−x)."
                    ).format(x=point, value=float(value[0]), true=true),
                )
        tail = _sigmoid_grad_tail(my_sigmoid_grad, exercise, _SIGMOID_GRAD_TAIL)
        if tail is not None:
            return tail
        scalar = scalar_problem(
            my_sigmoid_grad, exercise, 0.0, 0.25, "σ′(0)", "x", _(_ELEMENTWISE_HINT)
        )
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    return correct(
        exercise,
        _(
            "right on [−20, 20], accurate far in both tails (x = ±40 and ±100, and ±700 to "
            "±740, where σ′(x) is as small as 4.2e-322), no overflow at ±1000, and σ′(0) = 0.25."
        ),
    )


# --------------------------------------------------- exercise: the slope of log σ, on paper


def check_log_sigmoid_grad(my_log_sigmoid_grad: Callable) -> CheckResult:
    """Check the derivative of log σ(x), derived on paper: σ′(x)/σ(x) = 1 − σ(x) = σ(−x).

    Any correct form passes (1 − σ(x), σ(−x), e⁻ˣ/(1 + e⁻ˣ), 1/(1 + eˣ), …) if it is right
    at 161 points from x = −40 to 40 and at ±1000; a form that is right on paper but
    overflows as code at ±1000 passes with a note. Names these mistakes: a sign slip
    (σ(x) − 1), σ(x) (the derivative of log(1 + eˣ)), σ′(x) (σ differentiated, not log σ),
    1/σ(x) (the chain rule's factor σ′ forgotten), e⁻ˣ (a forgotten denominator), the
    quotient upside down (σ/σ′), log σ(x) itself, `@` for `*`, `if` on the array x, and a
    function without `return`.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_log_sigmoid_grad(lambda x: 1 - sigmoid(x)).passed
    True
    """
    exercise = _("the slope of log σ")
    what = _("Replace `raise NotImplementedError` with the derivative you found")
    started = start(my_log_sigmoid_grad, exercise, what)
    if started is not None:
        return started
    x = _X_LOG
    expected = sigmoid(-x)
    s = sigmoid(x)
    mistakes = [
        (
            lambda: -expected,
            _(
                "A sign slip: log σ(x) rises (σ does, and log is increasing), so its "
                "derivative is positive everywhere; yours is negative. Check the signs where "
                "you differentiate e⁻ˣ and where log σ(x) = −log(1 + e⁻ˣ) carries its minus."
            ),
        ),
        (
            lambda: s,
            _(
                "You return σ(x), which is the derivative of log(1 + eˣ), not of log σ(x) = "
                "−log(1 + e⁻ˣ): the chain rule through e⁻ˣ brings a factor −1. Test your "
                "formula far to the left: there log σ(x) ≈ x, so its slope is close to 1, "
                "not to 0."
            ),
        ),
        (
            lambda: sigmoid_grad(x),
            _(
                "You return σ′(x), the derivative of σ, not of log σ. The derivative of log u "
                "is u′/u: divide σ′(x) by σ(x), then simplify."
            ),
        ),
        (
            lambda: 1 / s,
            _(
                "You return 1/σ(x), the derivative of log u with respect to u alone. The chain "
                "rule multiplies it by u′ = σ′(x): d/dx log σ(x) = σ′(x)/σ(x). Simplify that."
            ),
        ),
        (
            lambda: np.exp(-x),
            _(
                "You return e⁻ˣ: a forgotten factor. The derivative of log(1 + e⁻ˣ) is the "
                "derivative of 1 + e⁻ˣ divided by 1 + e⁻ˣ itself."
            ),
        ),
        (
            lambda: 1 / expected,
            _(
                "Your quotient is upside down: you return σ(x)/σ′(x) = 1/(1 − σ(x)). The "
                "derivative of log u is u′/u, the derivative over the function."
            ),
        ),
        (
            lambda: -np.logaddexp(0.0, -x),
            _(
                "You return log σ(x) itself; the exercise asks for its derivative, the slope "
                "of log σ at each x."
            ),
        ),
    ]
    try:
        verdict = _compare(
            my_log_sigmoid_grad,
            exercise,
            x,
            expected,
            "d/dx log σ(x)",
            mistakes,
            rtol=1e-6,
            atol=1e-12,
        )
        if verdict is not None:
            return verdict
        note = None  # what a right formula computes as written, if it overflows
        for point in (-1000.0, 1000.0):
            call, got = _value_at(my_log_sigmoid_grad, exercise, point, "d/dx log σ(x)")
            if isinstance(got, CheckResult):
                return got
            value, true = float(got[0]), float(sigmoid(-point))
            if math.isfinite(value) and abs(value - true) > 1e-12:
                return wrong(
                    exercise,
                    _(
                        "At x = {x:g} your function returns {value}, but d/dx log σ(x) = {true}."
                    ).format(x=point, value=show(value), true=show(true)),
                )
            if math.isfinite(value) and not call.warnings:
                continue
            if any("overflow" in text for text in call.warnings):
                cause = _(
                    "a step overflowed, as e⁻ˣ does for x below −{limit:.2f} and eˣ above "
                    "{limit:.2f}. Written with sl.sigmoid alone, with no np.exp, the same "
                    "derivative does not overflow."
                ).format(limit=EXP_OVERFLOW)
            else:
                cause = _(
                    "far in a tail σ(x) and σ′(x) both round to 0.0, and 0/0 is nan. Your "
                    "formula simplified as far as it goes, written with sl.sigmoid, has no "
                    "such step."
                )
            if call.warnings:
                written = _(
                    "Computed as written, your formula gives {value} at x = {x:g}, with the "
                    "warning '{warning}' (the true value is {true}): {cause}"
                )
            else:
                written = _(
                    "Computed as written, your formula gives {value} at x = {x:g} (the true "
                    "value is {true}): {cause}"
                )
            note = written.format(
                value=show(value),
                x=point,
                warning=call.warnings[0] if call.warnings else "",
                true=show(true),
                cause=cause,
            )
            break
        scalar = scalar_problem(
            my_log_sigmoid_grad,
            exercise,
            0.0,
            0.5,
            _("The derivative at x = 0"),
            "x",
            _(_ELEMENTWISE_HINT),
        )
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    message = _(
        "right at {count} points from x = −40 to 40, and at ±1000. Look at it far to the "
        "left: at x = −20 the slope of log σ is {slope:.9f}, while σ′(−20) = {grad:.2e}. "
        "Where σ is flat, log σ still has a slope close to 1."
    ).format(count=x.size, slope=float(sigmoid(20.0)), grad=float(sigmoid_grad(-20.0)))
    if note is not None:
        message = sentences(message, note)
    return correct(exercise, message)


# ------------------------------------------------------------ exercise: tanh′ in both tails


def _explain_tanh_grad_tail(x: float, value: float, expected: float) -> str | None:
    """The likely cause of a wrong tanh′(x) far in a tail."""
    fix = _(
        "Write tanh′ without subtracting from 1 and without exponentiating a large number: "
        "chapter 2 showed tanh(x) = 2σ(2x) − 1, and sl.sigmoid_grad computes σ′ accurately "
        "in both tails."
    )
    if value == 0 and expected > 0:
        if abs(x) < EXP_OVERFLOW / 2:
            if float(sigmoid(2 * x)) == 1.0:
                message = _(
                    ": in float64 tanh({x:g}) = {tanh} and σ({two_x:g}) = 1.0 exactly, so "
                    "1 − tanh(x)², (1 − tanh(x))(1 + tanh(x)) and 1 − σ(2x) are exactly 0 "
                    "there, though tanh′ is not. {fix}"
                )
            else:
                message = _(
                    ": in float64 tanh({x:g}) = {tanh} exactly, so 1 − tanh(x)² and "
                    "(1 − tanh(x))(1 + tanh(x)) are exactly 0 there, though tanh′ is not. {fix}"
                )
            return message.format(x=x, tanh=repr(float(np.tanh(x))), two_x=2 * x, fix=fix)
        return _(
            ", {note}. It looks as if a step overflowed to inf and a number was divided by "
            "it: cosh(x)² and e^(2|x|) overflow for |x| above about {limit:.0f}. {silenced} "
            "{fix}"
        ).format(note=_(SUBNORMAL_NOTE), limit=EXP_OVERFLOW / 2, silenced=_(SILENCED), fix=fix)
    return None


def check_tanh_grad(my_tanh_grad: Callable) -> CheckResult:
    """Check tanh′(x) = 1 − tanh(x)² = 4σ′(2x), including far in both tails.

    The answer must be right on [−8, 8], right to 1e-6 at x = ±20, ±40, ±100 (where
    1 − tanh(x)² is exactly 0) and at ±350 and ±360 (where cosh(x)² overflows), free of
    overflow at ±1000, and work on a single number. Names these mistakes: a missing square
    (1 − tanh(x), 1/cosh(x)), the sigmoid's pattern tanh(x)(1 − tanh(x)), σ′(2x) without
    its factor 4 (or with only one factor 2), σ′ at x or x/2 instead of 2x, σ′(x) itself, a
    sign slip, tanh(x) itself, `@` for `*`, `if` on the array x, and a function without
    `return`.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid_grad
    >>> check_tanh_grad(lambda x: 4 * sigmoid_grad(2 * x)).passed
    True
    """
    exercise = _("tanh′, accurate in both tails")
    what = _("Replace `raise NotImplementedError` with your derivative of tanh")
    started = start(my_tanh_grad, exercise, what)
    if started is not None:
        return started
    x = _X_TANH
    expected = tanh_grad(x)
    t = np.tanh(x)
    mistakes = [
        (
            lambda: 1 - t,
            _(
                "You return 1 − tanh(x): the square is missing. Differentiate tanh = "
                "sinh/cosh with the quotient rule, or tanh(x) = 2σ(2x) − 1 with the chain rule."
            ),
        ),
        (
            lambda: t * (1 - t),
            _(
                "You return tanh(x)·(1 − tanh(x)), the sigmoid's pattern σ(1 − σ) with tanh "
                "in place of σ. That pattern belongs to σ alone: derive tanh′ for tanh itself "
                "(it is 1 at x = 0, where yours is 0)."
            ),
        ),
        (
            lambda: sigmoid_grad(2 * x),
            _(
                "You return σ′(2x): a factor 4 is missing. tanh(x) = 2σ(2x) − 1 brings a 2 "
                "from outside σ and another from the chain rule through 2x."
            ),
        ),
        (
            lambda: 2 * sigmoid_grad(2 * x),
            _(
                "You return 2σ′(2x): one factor 2 is missing. tanh(x) = 2σ(2x) − 1 brings a 2 "
                "from outside σ and another from the chain rule through 2x."
            ),
        ),
        (
            lambda: 4 * sigmoid_grad(x),
            _(
                "You evaluate σ′ at x: tanh(x) = 2σ(2x) − 1 (chapter 2, property 5), so σ′ is "
                "taken at 2x."
            ),
        ),
        (
            lambda: sigmoid_grad(x / 2),
            _(
                "You evaluate σ′ at x/2, as if tanh(x) were 2σ(x/2) − 1. Chapter 2, property 5 "
                "gives σ(x) = (1 + tanh(x/2))/2, so tanh(x) = 2σ(2x) − 1: σ′ is taken at 2x."
            ),
        ),
        (
            lambda: sigmoid_grad(x),
            _("You return σ′(x), the sigmoid's derivative; the exercise asks for tanh′."),
        ),
        (
            lambda: t**2 - 1,
            _("A sign slip: tanh rises everywhere, so tanh′ is positive; yours is negative."),
        ),
        (
            lambda: 1 + t**2,
            _(
                "A sign slip: yours grows to 2 in the tails, where tanh flattens out and its "
                "slope tends to 0."
            ),
        ),
        (
            lambda: 1 / np.cosh(x),
            _("You return 1/cosh(x): the square is missing."),
        ),
        (lambda: t, _("You return tanh(x) itself, not its derivative.")),
    ]
    try:
        verdict = _compare(
            my_tanh_grad, exercise, x, expected, "tanh′(x)", mistakes, rtol=1e-6, atol=1e-15
        )
        if verdict is not None:
            return verdict
        for points in (_TANH_GRAD_TAIL, (-1000.0, 1000.0)):
            tail = tail_problems(
                my_tanh_grad,
                exercise,
                points,
                tanh_grad,
                "tanh′(x)",
                cause=_(
                    "e^|x| and cosh(x) are inf in float64 for |x| above about {limit:.0f}, and "
                    "e^(2|x|) and cosh(x)² already above about {half:.0f}."
                ).format(limit=EXP_OVERFLOW, half=EXP_OVERFLOW / 2),
                advice=_(
                    "Only ever exponentiate a negative number, such as −2|x|; "
                    "sl.sigmoid_grad does that for you."
                ),
                explain=_explain_tanh_grad_tail,
            )
            if tail is not None:
                return tail
        scalar = scalar_problem(
            my_tanh_grad, exercise, 0.0, 1.0, "tanh′(0)", "x", _(_ELEMENTWISE_HINT)
        )
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    smallest = float(tanh_grad(_TANH_GRAD_TAIL[-1]))
    return correct(
        exercise,
        _(
            "right on [−8, 8], accurate far in both tails (x = ±20, ±40, ±100, ±350 and ±360: "
            "tanh(±20) has already rounded to ±1, and tanh′(±360) = {smallest:.1e}), no "
            "overflow at ±1000, and tanh′(0) = 1 for a single number."
        ).format(smallest=smallest),
    )


# -------------------------------------------------------------- depth: ¼ⁿ below a threshold


def check_layers_below(n_layers: object, threshold: float = 1e-6) -> CheckResult:
    """Check the smallest depth n at which even the best case ¼ⁿ is below ``threshold``.

    Names these mistakes: one layer short (¼ⁿ still above), ½ per layer instead of ¼, a
    depth that is not a whole number, and a depth past the first one.

    Examples
    --------
    >>> check_layers_below(10).passed
    True
    """
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, numbers.Real)
        or not (0 < threshold < 1)
    ):
        raise ValueError(
            _(
                "check_layers_below: threshold must be a number between 0 and 1, got "
                "{threshold!r}."
            ).format(threshold=threshold)
        )
    exercise = _("layers to fall below {threshold:g}").format(threshold=threshold)
    if is_placeholder(n_layers):
        return not_attempted(exercise, _("Replace `...` with your number of layers"))
    if isinstance(n_layers, bool) or not isinstance(n_layers, numbers.Real):
        return wrong(
            exercise,
            _("Give a number of layers, not a {type}.").format(type=type(n_layers).__name__),
        )
    answer = _first_depth_below(0.25, threshold)
    if not float(n_layers).is_integer():
        return wrong(
            exercise,
            _(
                "{n_layers} is not a whole number of layers: ¼ⁿ < {threshold:g} solves to "
                "n > log({threshold:g})/log(¼) ≈ {bound:.2f}, so round up."
            ).format(
                n_layers=n_layers,
                threshold=threshold,
                bound=math.log(threshold) / math.log(0.25),
            ),
        )
    n = int(n_layers)
    if n == answer:
        return correct(
            exercise,
            _(
                "¼^{previous} = {above:.2g} is still above {threshold:g}, ¼^{n} = {below:.2g} "
                "is below. Even in the best case, {n} sigmoid layers shrink the gradient by a "
                "factor of more than {factor:,.0f}."
            ).format(
                previous=n - 1,
                above=0.25 ** (n - 1),
                threshold=threshold,
                n=n,
                below=0.25**n,
                factor=1 / threshold,
            ),
        )
    if n == _first_depth_below(0.5, threshold):
        return wrong(
            exercise,
            _(
                "That is the answer for a factor of ½ per layer. The sigmoid's slope is at "
                "most ¼: find the first n with ¼ⁿ < {threshold:g}."
            ).format(threshold=threshold),
        )
    if n < answer:
        return wrong(
            exercise,
            _("¼^{n} = {value:.2g} is still above {threshold:g}: more layers are needed.").format(
                n=n, value=0.25**n, threshold=threshold
            ),
        )
    return wrong(
        exercise,
        _(
            "¼^{previous} = {value:.2g} is already below {threshold:g}: the question asks for "
            "the first depth that falls below."
        ).format(previous=n - 1, value=0.25 ** (n - 1), threshold=threshold),
    )


def _first_depth_below(factor: float, threshold: float) -> int:
    n = 1
    while factor**n >= threshold:
        n += 1
    return n


# ------------------------------------------------ exercise: the weight that keeps a gradient


def _near(value: float, target: float, rel: float = 1e-3) -> bool:
    return math.isclose(value, target, rel_tol=rel)


def check_critical_weight(weight: object, *, output: float = 0.5) -> CheckResult:
    """Check the weight w > 0 for which a unit with output a = ``output`` passes the
    gradient on unchanged: w·σ′(z) = 1, and σ′(z) = a(1 − a), so w = 1/(a(1 − a)).

    With the default a = ½ (the unit at its steepest point, z = 0) the answer is 4.

    Parameters
    ----------
    weight : number
        The learner's answer.
    output : float
        The unit's output a = σ(z), strictly between 0 and 1.

    Names these mistakes: σ′ itself instead of its reciprocal, 4 (the steepest point's
    answer) for a unit that is not at its steepest point, 1/σ′(a) (the output taken for
    the input z), 1/a or 1/(1 − a) (a forgotten factor), an answer rounded too early, a
    weight that is not positive, and an answer that is not one number.

    Raises
    ------
    ValueError
        If ``output`` is not a number strictly between 0 and 1.

    Examples
    --------
    >>> check_critical_weight(4).passed
    True
    >>> check_critical_weight(1 / (0.9 * 0.1), output=0.9).passed
    True
    """
    if (
        isinstance(output, bool)
        or not isinstance(output, numbers.Real)
        or not (0 < float(output) < 1)
    ):
        raise ValueError(
            _(
                "check_critical_weight: output must be a number between 0 and 1, got {output!r}."
            ).format(output=output)
        )
    a = float(output)
    steepest = a == 0.5
    if steepest:
        exercise = _("the critical weight")
    else:
        exercise = _("the critical weight at a = {a:g}").format(a=a)
    if is_placeholder(weight):
        return not_attempted(exercise, _("Replace `...` with your weight"))
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        return wrong(
            exercise, _("Give one number, not a {type}.").format(type=type(weight).__name__)
        )
    weight = float(weight)
    # σ′ at the input z = logit(a) whose output is a: the package's σ′, not a formula in a.
    slope = float(sigmoid_grad(logit(a)))
    answer = 1 / slope
    slope_name = "σ′(0)" if steepest else "σ′(z)"
    if math.isclose(weight, answer, rel_tol=2e-3):
        if steepest:
            tail = _(
                "Above 4, a single unit at its steepest point multiplies the gradient by more "
                "than 1: that, not σ′ itself, is how gradients explode."
            )
        else:
            tail = _(
                "The further a unit saturates, the larger the weight it needs to pass a "
                "gradient on unchanged: 4 at a = ½, {answer:.4g} at a = {a:g}."
            ).format(answer=answer, a=a)
        product = weight * slope
        if math.isclose(product, 1.0, rel_tol=1e-12):
            equation = _("w·{slope_name} = {weight:.6g} × {slope:.4g} = 1.").format(
                slope_name=slope_name, weight=weight, slope=slope
            )
        else:
            equation = _(
                "w·{slope_name} = {weight:.6g} × {slope:.4g} = {product:.4f}, close to 1 "
                "(w = {answer:.6g} makes it exactly 1)."
            ).format(
                slope_name=slope_name, weight=weight, slope=slope, product=product, answer=answer
            )
        return correct(exercise, sentences(equation, tail))
    if not math.isfinite(weight):
        return wrong(
            exercise, _("{weight} is not a weight: give a finite number.").format(weight=weight)
        )
    if weight <= 0:
        return wrong(exercise, _("The question asks for a positive weight."))
    if _near(weight, slope):
        return wrong(
            exercise,
            _(
                "{weight:g} is {slope_name} itself. The unit multiplies the gradient by "
                "w·{slope_name}; set that to 1 and solve for w."
            ).format(weight=weight, slope_name=slope_name),
        )
    if not steepest:
        if _near(weight, 4.0):
            return wrong(
                exercise,
                _(
                    "4 is the critical weight of a unit at its steepest point, where a = ½ and "
                    "σ′(0) = ¼. This unit's output is a = {a:g}: find σ′(z) for it first."
                ).format(a=a),
            )
        if _near(weight, 1 / float(sigmoid_grad(a))):
            return wrong(
                exercise,
                _(
                    "You used σ′({a:g}) = {slope:.4g}, the slope at the input z = {a:g}. But "
                    "{a:g} is the unit's output a = σ(z), not its input: write σ′(z) with "
                    "σ(z) = a."
                ).format(a=a, slope=float(sigmoid_grad(a))),
            )
        if _near(weight, 1 / a):
            return wrong(
                exercise,
                _(
                    "1/a = {value:.4g}: a forgotten factor. σ′(z) = σ(z)(1 − σ(z)) has two "
                    "factors, and σ(z) = a."
                ).format(value=1 / a),
            )
        if _near(weight, 1 / (1 - a)):
            return wrong(
                exercise,
                _(
                    "1/(1 − a) = {value:.4g}: a forgotten factor. σ′(z) = σ(z)(1 − σ(z)) has "
                    "two factors, and σ(z) = a."
                ).format(value=1 / (1 - a)),
            )
    if not steepest and _near(weight, answer, rel=0.05):
        return wrong(
            exercise,
            _(
                "Close, but rounded too early: with w = {weight:g} the factor is "
                "w·{slope_name} = {factor:.4f}, not 1. Keep the exact fraction until the end."
            ).format(weight=weight, slope_name=slope_name, factor=weight * slope),
        )
    if steepest:
        return wrong(
            exercise,
            _(
                "With w = {weight:g} a unit at its steepest point multiplies the gradient by "
                "w·σ′(0) = {factor:g}, not 1. Solve w·¼ = 1."
            ).format(weight=weight, factor=weight * slope),
        )
    if weight > answer:
        message = _(
            "w = {weight:g} is too large: with it this unit does not pass the gradient on "
            "unchanged. Find σ′(z) for a unit whose output is a = {a:g} (σ(z) = a), then solve "
            "w·σ′(z) = 1."
        )
    else:
        message = _(
            "w = {weight:g} is too small: with it this unit does not pass the gradient on "
            "unchanged. Find σ′(z) for a unit whose output is a = {a:g} (σ(z) = a), then solve "
            "w·σ′(z) = 1."
        )
    return wrong(exercise, message.format(weight=weight, a=a))
