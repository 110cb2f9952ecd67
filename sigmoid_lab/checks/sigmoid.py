"""Checkers for chapter 2: the logit and the inverse of tanh (both derived on paper), a
sigmoid that never overflows, and a stable log-sigmoid.

Each checker names the variable as its exercise does (x, p or y), reports the first input
where an answer fails (the inputs are tried simplest first: nearest 0, or nearest ½ for a
probability), never an input where the answer is right, and translates Python's and
NumPy's errors with :func:`~sigmoid_lab.checks._core.describe_error`.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.checks._core import (
    EXP_ADVICE,
    EXP_CAUSE,
    GRID,
    CheckResult,
    NotAttempted,
    call_learner,
    compare_elementwise,
    correct,
    not_attempted,
    scalar_problem,
    shown,
    simplest_first,
    start,
    tail_problems,
    values,
    wrong,
)
from sigmoid_lab.checks._tails import (
    SILENCED,
    SUBNORMAL_NOTE,
    agrees,
    explain_logit_tail,
    explain_sigmoid_tail,
    show,
)
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = ["check_artanh", "check_log_sigmoid", "check_logit", "check_sigmoid"]


# Far in the lower tail σ(x) is tiny but a float64 holds it: 9.9e-305 at −700, the
# subnormal 2.0e-313 at −720 and 4.2e-322 at −740. The textbook formula returns 0.0 from
# −709.78 on (with an overflow warning, unless it was silenced), 1 + tanh(x/2) from −37.
_SIGMOID_TAIL = (-1000.0, 1000.0, -745.5, 745.5, -40.0, -100.0, -700.0, -720.0, -740.0)
# The logit near 0 and 1, where clipping p or adding an eps changes the answer and 1/p
# overflows (below 5.6e-309; 1e-310 is subnormal).
_LOGIT_TAIL = (1e-10, 1e-300, 1e-310, 1 - 1e-10, 1 - 2.0**-52)
# log σ(x) far out: ≈ x on the left (−1000, although σ(−1000) rounds to 0.0) and
# ≈ −e^(−x) on the right (−4.25e-18 at 40, although σ(40) rounds to 1.0; the subnormal
# −2.03e-313 at 720).
_LOG_SIGMOID_TAIL = (-1000.0, 40.0, 1000.0, -40.0, 100.0, -745.5, -800.0, 720.0, 800.0)
# artanh near ±1, where it grows like −½ ln(1 − |y|): 7.25 at 1 − 1e-6, 11.86 at 1 − 1e-10.
_ARTANH_TAIL = (1 - 1e-6, -(1 - 1e-6), 1 - 1e-10, -(1 - 1e-10))


# Said before a failure far out by an answer right everywhere in the middle: in a derivation
# on paper, the formula is right and only its floating-point form needs work.
_ALGEBRA_RIGHT = N_("Right on {where}, so your algebra holds; what is left is floating point. ")


# The grids on which an answer is compared first, simplest inputs first, so the first
# failing input a message names is the simplest one where the answer is wrong.
_X = simplest_first(GRID)
_P = simplest_first(np.linspace(0.01, 0.99, 99), centre=0.5)
_Y = simplest_first(np.linspace(-0.99, 0.99, 199))


# ------------------------------------------------------------------- exercise: a stable σ


def check_sigmoid(my_sigmoid: Callable) -> CheckResult:
    """Check a stable sigmoid: right values, no overflow warning at ±1000, works on a number.

    Names these mistakes: the sign slip 1/(1 + exp(x)), (1 + tanh(x))/2 without the
    halved argument, 1 − exp(−x) in the denominator, a forgotten 1 +, the two branches of
    the stable form swapped or both 1/(1 + e), the overflow of the textbook formula at −1000
    (and of np.where, which computes both branches), NaN from inf/inf at +1000, clipping x,
    `if` on an array and math.exp on an array.

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
    exercise = _("a sigmoid that never overflows")
    what = _("Replace `raise NotImplementedError` with your sigmoid")
    started = start(my_sigmoid, exercise, what)
    if started is not None:
        return started
    x = _X
    hint = _(
        "Work on all elements at once: compute e = np.exp(-np.abs(x)) and choose with "
        "np.where(x >= 0, …, …)."
    )
    expected = sigmoid(x)
    mistakes = [
        (
            lambda: sigmoid(-x),
            _(
                "Your values are σ(−x) = 1/(1 + exp(x)): they fall instead of "
                "rising. A sign slip (the sigmoid is 1/(1 + exp(−x))), or, with "
                "e = exp(−|x|), the two branches swapped: 1/(1 + e) is σ(x) for "
                "x ≥ 0, e/(1 + e) for x < 0."
            ),
        ),
        (
            lambda: sigmoid(2 * x),
            _(
                "You compute (1 + tanh(x))/2 = σ(2x): the identity is "
                "σ(x) = (1 + tanh(x/2))/2, with x/2 inside tanh."
            ),
        ),
        (
            lambda: 1 / (1 - np.exp(-x)),
            _(
                "A sign slip in the denominator: it is 1 + exp(−x), not "
                "1 − exp(−x) (which is 0 at x = 0)."
            ),
        ),
        (
            lambda: np.exp(x),
            _(
                "A forgotten term: 1/exp(−x) is exp(x), which grows without "
                "bound. The denominator is 1 + exp(−x)."
            ),
        ),
        (
            lambda: sigmoid(np.abs(x)),
            _(
                "For x < 0 your values are σ(|x|) = σ(−x), above ½, as 1/(1 + e) "
                "with e = exp(−|x|) gives there: that form is σ(x) for x ≥ 0 only. "
                "For x < 0, σ(x) = exp(x)/(1 + exp(x)), below ½."
            ),
        ),
        (
            lambda: sigmoid(-np.abs(x)),
            _(
                "For x ≥ 0 your values are σ(−x), below ½, as e/(1 + e) with "
                "e = exp(−|x|) gives there: that form is σ(x) for x < 0 only. For "
                "x ≥ 0, σ(x) = 1/(1 + exp(−x))."
            ),
        ),
    ]
    try:
        call = call_learner(my_sigmoid, x.copy())
        verdict = compare_elementwise(
            call,
            exercise,
            x,
            expected,
            "σ(x)",
            mistakes,
            variable="x",
            rtol=1e-7,
            atol=0.0,
            hint=hint,
        )
        if verdict is not None:
            return verdict
        tail = tail_problems(
            my_sigmoid,
            exercise,
            _SIGMOID_TAIL,
            sigmoid,
            "σ(x)",
            cause=_(EXP_CAUSE),
            advice=_(EXP_ADVICE),
            explain=explain_sigmoid_tail,
        )
        if tail is not None:
            return tail
        scalar = scalar_problem(my_sigmoid, exercise, 0.0, 0.5, "σ(0)", "x")
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    return correct(
        exercise,
        _(
            "right on [−20, 20], no overflow at ±1000, right to 1e-6 far in the lower tail "
            "(x = −40 to −740, where σ(x) is as small as 4.2e-322), and σ(0) = 0.5 for a plain "
            "number."
        ),
    )


# -------------------------------------------------------------- exercise: the logit, on paper


def check_logit(my_logit: Callable) -> CheckResult:
    """Check the logit ln(p / (1 − p)), the inverse of the sigmoid, derived on paper.

    Any correct form passes (ln p − ln(1 − p), −ln(1/p − 1), …) if it is right on
    [0.01, 0.99] and near 0 and 1. Names these mistakes: ln((1 − p)/p) (a sign slip), ln p
    (a forgotten term), the odds p/(1 − p) without the log, log base 10, ln(1 − p)/ln p
    (a log of a quotient taken as a quotient of logs), σ(p) instead of its inverse, clipping
    p or adding an eps, a step that overflows near p = 0, and `if` on the array p.

    Examples
    --------
    >>> import numpy as np
    >>> check_logit(lambda p: np.log(p) - np.log1p(-p)).passed
    True
    """
    exercise = _("the logit")
    what = _("Replace `raise NotImplementedError` with your logit")
    started = start(my_logit, exercise, what)
    if started is not None:
        return started
    p = _P
    hint = _(
        "The logit needs no case distinction: one formula holds for every 0 < p < 1, so "
        "write it with NumPy functions of the whole array p (np.log works element by element)."
    )
    expected = logit(p)
    mistakes = [
        (
            lambda: -expected,
            _(
                "A sign slip: ln((1 − p)/p) is the log-odds of the other class. "
                "Check your last step: from e^(−z) = (1 − p)/p, "
                "z = −ln((1 − p)/p) = ln(p/(1 − p))."
            ),
        ),
        (
            lambda: np.log(p),
            _("A forgotten term: ln p alone. The logit is ln p − ln(1 − p) = ln(p/(1 − p))."),
        ),
        (
            lambda: p / (1 - p),
            _("These are the odds p/(1 − p); the logit is their natural logarithm, the log-odds."),
        ),
        (
            lambda: (1 - p) / p,
            _(
                "This is e^(−z) = (1 − p)/p, the step before the last: take its "
                "logarithm and change the sign to get z."
            ),
        ),
        (
            lambda: np.log10(p / (1 - p)),
            _("That is log base 10; the inverse of σ needs the natural log, np.log."),
        ),
        (
            lambda: np.log(p) / np.log(1 - p),
            _(
                "ln p / ln(1 − p) is a quotient of logarithms; the logarithm of a "
                "quotient is a difference: ln(p/(1 − p)) = ln p − ln(1 − p)."
            ),
        ),
        (lambda: sigmoid(p), _("That is σ(p), the sigmoid itself, not its inverse.")),
        (
            lambda: 1 / sigmoid(p),
            _(
                "That is 1/σ(p), the reciprocal of σ; the inverse function undoes "
                "σ: z with σ(z) = p."
            ),
        ),
    ]
    try:
        call = call_learner(my_logit, p.copy())
        verdict = compare_elementwise(
            call,
            exercise,
            p,
            expected,
            "logit(p)",
            mistakes,
            variable="p",
            rtol=1e-7,
            atol=1e-9,
            hint=hint,
            explain=explain_logit_tail,
        )
        if verdict is not None:
            return verdict
        if call.warnings:
            return wrong(
                exercise,
                _("Your function warns on ordinary p: {warning}.").format(
                    warning=call.warnings[0]
                ),
            )
        tail = tail_problems(
            my_logit,
            exercise,
            _LOGIT_TAIL,
            logit,
            "logit(p)",
            variable="p",
            cause=_("a number above the largest float64 (1.8e308) became inf."),
            advice=_(
                "Compute ln p − ln(1 − p) as it is, for example np.log(p) - np.log1p(-p): "
                "no step of it overflows for 0 < p < 1."
            ),
            explain=explain_logit_tail,
        )
        if tail is not None:
            return wrong(exercise, _(_ALGEBRA_RIGHT).format(where="[0.01, 0.99]") + tail.message)
        scalar = scalar_problem(my_logit, exercise, 0.5, 0.0, "logit(0.5)", "p")
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    return correct(
        exercise,
        _(
            "right on [0.01, 0.99] and near 0 and 1 (p = 1e-310 to 1 − 2⁻⁵²), so "
            "logit(σ(z)) = z there, and logit(0.5) = 0."
        ),
    )


# ------------------------------------------------------- exercise: the inverse of tanh, on paper


def _explain_artanh(y: float, value: float, expected: float) -> str | None:
    if not math.isfinite(value):
        return _(
            ": a step divided by 0 or took the log of 0 or of a negative number. For "
            "−1 < y < 1 both 1 + y and 1 − y are positive: compute ln((1 + y)/(1 − y)) from "
            "them."
        )
    return None


def _refused_by_logit(error: Exception | None) -> bool:
    """True when sl.logit itself raised, for numbers outside [0, 1].

    Judged by where the error was raised, not by its text, which is in the language in force.
    """
    if not isinstance(error, ValueError) or error.__traceback__ is None:
        return False
    raised_in = traceback.extract_tb(error.__traceback__)[-1]
    return raised_in.name == logit.__name__ and raised_in.filename == logit.__code__.co_filename


def check_artanh(my_artanh: Callable) -> CheckResult:
    """Check the inverse of tanh, artanh(y) = ½ ln((1 + y)/(1 − y)), derived on paper.

    Any correct form passes (½·logit((1 + y)/2), ½(ln(1 + y) − ln(1 − y)), …) if it is
    right on [−0.99, 0.99] and near ±1. Names these mistakes: a missing ½ (or a doubled 2),
    a sign slip, the logit of y itself instead of (1 + y)/2, y rescaled the wrong way
    (2y − 1), the division outside the logarithm, log base 10, tanh(y) itself, the
    reciprocal 1/tanh(y), and `if` on the array y.

    Examples
    --------
    >>> import numpy as np
    >>> check_artanh(lambda y: 0.5 * np.log((1 + y) / (1 - y))).passed
    True
    """
    exercise = _("the inverse of tanh")
    what = _("Replace `raise NotImplementedError` with your inverse of tanh")
    started = start(my_artanh, exercise, what)
    if started is not None:
        return started
    y = _Y
    hint = _(
        "The inverse of tanh needs no case distinction: one formula holds for every "
        "−1 < y < 1, so write it with NumPy functions of the whole array y."
    )
    expected = np.arctanh(y)
    mistakes = [
        (
            lambda: 2 * expected,
            _(
                "A missing factor ½: ln((1 + y)/(1 − y)) = logit((1 + y)/2) is "
                "2x, because tanh(x) = 2σ(2x) − 1 puts 2x inside σ. Halve it."
            ),
        ),
        (
            lambda: 4 * expected,
            _(
                "You doubled where you should halve: logit((1 + y)/2) is 2x, so x "
                "is half of it, not twice it."
            ),
        ),
        (
            lambda: -expected,
            _(
                "A sign slip: ½ ln((1 − y)/(1 + y)) is −artanh(y). At y > 0 the "
                "answer must be positive, as tanh(x) > 0 needs x > 0."
            ),
        ),
        (
            lambda: 0.5 * np.log(y / (1 - y)),
            _(
                "You took the logit of y itself, but y runs over (−1, 1) and the "
                "logit takes a probability in (0, 1). From y = 2σ(2x) − 1, first "
                "solve for σ(2x) = (1 + y)/2, then apply the logit."
            ),
        ),
        (
            lambda: np.log(y / (1 - y)),
            _(
                "You took the logit of y itself, but y runs over (−1, 1) and the "
                "logit takes a probability in (0, 1). From y = 2σ(2x) − 1, first "
                "solve for σ(2x) = (1 + y)/2, then apply the logit, and halve."
            ),
        ),
        (
            lambda: 0.5 * _logit_any(2 * y - 1),
            _(
                "You rescaled y the wrong way: 2y − 1 maps (0, 1) to (−1, 1), and "
                "y is already in (−1, 1). Undo it: σ(2x) = (1 + y)/2."
            ),
        ),
        (
            lambda: 0.5 * np.log(1 + y) / (1 - y),
            _(
                "The division ended up outside the logarithm: ½ ln(1 + y)/(1 − y) "
                "divides the log by 1 − y. Put the whole quotient inside: "
                "½ ln((1 + y)/(1 − y))."
            ),
        ),
        (
            lambda: 0.5 * np.log10((1 + y) / (1 - y)),
            _(
                "That is log base 10; the logit, and so the inverse of tanh, needs "
                "the natural log, np.log."
            ),
        ),
        (
            lambda: np.tanh(y),
            _(
                "That is tanh(y) itself, not its inverse: the inverse gives the x "
                "with tanh(x) = y."
            ),
        ),
        (
            lambda: 1 / np.tanh(y),
            _(
                "That is 1/tanh(y), the reciprocal of tanh; the inverse function "
                "undoes tanh: the x with tanh(x) = y."
            ),
        ),
    ]
    try:
        call = call_learner(my_artanh, y.copy())
        if _refused_by_logit(call.error):
            return wrong(
                exercise,
                _(
                    "sl.logit refused numbers outside [0, 1]: y runs over (−1, 1), and the "
                    "logit takes a probability. From y = 2σ(2x) − 1, first solve for σ(2x), "
                    "which lies in (0, 1), then apply the logit. (It said: {error})"
                ).format(error=call.error),
            )
        verdict = compare_elementwise(
            call,
            exercise,
            y,
            expected,
            "artanh(y)",
            mistakes,
            variable="y",
            rtol=1e-9,
            atol=1e-14,
            hint=hint,
            explain=_explain_artanh,
        )
        if verdict is not None:
            return verdict
        tail = tail_problems(
            my_artanh,
            exercise,
            _ARTANH_TAIL,
            np.arctanh,
            "artanh(y)",
            variable="y",
            cause=_("a number above the largest float64 (1.8e308) became inf."),
            advice=_("Compute from 1 + y and 1 − y, which are both positive for −1 < y < 1."),
            explain=_explain_artanh,
        )
        if tail is not None:
            return wrong(exercise, _(_ALGEBRA_RIGHT).format(where="[−0.99, 0.99]") + tail.message)
        scalar = scalar_problem(
            my_artanh, exercise, 0.5, float(np.arctanh(0.5)), "artanh(0.5)", "y"
        )
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    return correct(
        exercise,
        _(
            "right on [−0.99, 0.99] and near ±1 (y = ±(1 − 1e-10), where artanh(y) = ±11.86), "
            "so tanh(artanh(y)) = y there, and artanh(0.5) = 0.5493 for a plain number."
        ),
    )


def _logit_any(p):
    """ln(p/(1 − p)) for any p, NaN outside (0, 1): a wrong answer's values, for comparing."""
    with np.errstate(all="ignore"):
        return np.log(p / (1 - p))


# ------------------------------------------------------------ exercise: a stable log σ


def _log_sigmoid(x):
    """log σ(x) = −log(1 + e^(−x)), accurate to rounding for every float64 x."""
    return -np.logaddexp(0.0, -np.asarray(x, dtype=float))


# σ(x) and 1 + e^(−x) round to 1.0 once e^(−x) ≤ 2⁻⁵³ (half the gap above 1), from
# x = 53 ln 2; e^x rounds to 0.0 once it is at most half the smallest subnormal 2⁻¹⁰⁷⁴.
_ROUNDS_TO_ONE = 53 * math.log(2.0)
_UNDERFLOW = 1075 * math.log(2.0)

_LOG_SIGMOID_ADVICE = N_(
    "Only ever exponentiate −|x|: for x < 0, σ(x) = e^x/(1 + e^x), and the log of a quotient "
    "is a difference. np.log1p(u) computes log(1 + u) without rounding 1 + u first."
)


def _clipped_to(value: float) -> tuple[float, str] | None:
    """(eps, "log(eps)") if ``value`` is log(eps) or log(1 − eps), eps a power of 10 or 2."""
    if not math.isfinite(value) or value >= 0:
        return None
    for eps, form in ((math.exp(value), "log({})"), (-math.expm1(value), "log(1 − {})")):
        if eps <= 0 or eps >= 0.5:
            continue
        for base in (10.0, 2.0):
            power = math.log(eps, base)
            if abs(power - round(power)) < 1e-6:
                return eps, form.format(f"{eps:.3g}")
    return None


def _explain_log_sigmoid(
    x: float, value: float, expected: float, warned: list[str] = ()
) -> str | None:
    """The likely cause of a wrong log σ(x) far out; ``warned``: the warnings it gave."""
    advice = _(_LOG_SIGMOID_ADVICE)
    if value == -math.inf:
        if any("overflow" in text for text in warned):
            return _(
                ": e^(−x) = e^{exponent:g} overflowed to inf (anything above e^709.78 does), "
                "and the log of 1 + inf is inf. {advice}"
            ).format(exponent=-x, advice=advice)
        if any("divide by zero" in text for text in warned):
            return _(
                ": the log of 0. σ({x}) rounds to 0.0 in float64 (so does e^x, below "
                "x = −{underflow:.2f}), but log σ(x) ≈ x is an ordinary number: take the "
                "log before anything rounds. {advice}"
            ).format(x=shown(x), underflow=_UNDERFLOW, advice=advice)
        return _(
            ": a step rounded to 0.0 (σ(x), or e^x below x = −{underflow:.2f}) or "
            "overflowed to inf (e^(−x)) before the log, but log σ(x) ≈ x is an ordinary "
            "number. {silenced} {advice}"
        ).format(underflow=_UNDERFLOW, silenced=_(SILENCED), advice=advice)
    if value == 0 and expected < 0:
        return _(
            ", {subnormal_note}. σ(x) rounds to 1.0 from x ≈ {rounds_to_one:.2f} on "
            "(the textbook formula; a correctly rounded σ a little later), and so does "
            "1 + e^(−x), so a log of either gives 0. Keep the small number e^(−x) apart from "
            "the 1. {advice}"
        ).format(subnormal_note=_(SUBNORMAL_NOTE), rounds_to_one=_ROUNDS_TO_ONE, advice=advice)
    clipped = _clipped_to(value)
    if clipped is not None and not agrees(value, expected, rtol=1e-3):
        eps, form = clipped
        return _(
            ": that is {form}, as if σ(x) had been clipped to [{eps:.3g}, 1 − {eps:.3g}] "
            "before the log (np.clip). Clipping avoids log(0) "
            "by changing the answer: log σ(x) is about x far left, not a constant. "
            "{advice}"
        ).format(form=form, eps=eps, advice=advice)
    if x < 0 and expected < value < -30:
        return _(
            ": that is log σ({value:.4g}), as if x had been clipped to {value:.4g} "
            "(np.clip) before exponentiating. Clipping avoids the overflow by computing log σ "
            "at another x. {advice}"
        ).format(value=value, advice=advice)
    if x > 0 and value < expected < 0 and -value < 1e-10:
        clipped = -math.log(-value)
        if clipped < x:
            return _(
                ": that is log σ({clipped:.4g}), as if x had been clipped to {clipped:.4g} "
                "(np.clip). {advice}"
            ).format(clipped=clipped, advice=advice)
    return None


def _log_sigmoid_tails(fn, exercise: str) -> CheckResult | None:
    """Check far-out inputs one at a time: a wrong value first, then a warning."""
    advice = _(_LOG_SIGMOID_ADVICE)
    for point in _LOG_SIGMOID_TAIL:
        call = call_learner(fn, np.array([point]))
        result = values(call, exercise, (1,), variable="x")
        if isinstance(result, CheckResult):
            return result
        value = float(result[0])
        expected = float(_log_sigmoid(point))
        warned = (
            _(" (it warns '{warning}')").format(warning=call.warnings[0]) if call.warnings else ""
        )
        if not agrees(value, expected, rtol=1e-6):
            where = _(
                "At x = {x} your function returns {value}{warned}, but log σ(x) = {expected}"
            ).format(x=shown(point), value=show(value), warned=warned, expected=show(expected))
            if math.isnan(value):
                return wrong(
                    exercise,
                    _("{where}: an inf − inf, inf/inf or 0·inf happened inside. {advice}").format(
                        where=where, advice=advice
                    ),
                )
            cause = _explain_log_sigmoid(point, value, expected, call.warnings)
            # The cause goes on with the sentence (": …", ", …"); without one, it ends.
            return wrong(exercise, where + cause if cause else _("{where}.").format(where=where))
        overflow = [text for text in call.warnings if "overflow" in text]
        if overflow:
            return wrong(
                exercise,
                _(
                    "At x = {x} your function warns '{warning}': {cause} The value is right, "
                    "but the exercise asks for no warning. If you used np.where, note that it "
                    "computes both branches for every x. {advice}"
                ).format(x=shown(point), warning=overflow[0], cause=_(EXP_CAUSE), advice=advice),
            )
        if call.warnings:
            return wrong(
                exercise,
                _("At x = {x} your function warns '{warning}'. {advice}").format(
                    x=shown(point), warning=call.warnings[0], advice=advice
                ),
            )
    return None


def check_log_sigmoid(my_log_sigmoid: Callable) -> CheckResult:
    """Check a log-sigmoid log σ(x) that is right for every float64 x, without a warning.

    Names these mistakes: log σ(−x) (a sign slip), −log σ(x) = log(1 + e^(−x)) (a lost
    minus), σ(x) without the log, log base 10, a forgotten min(x, 0) term, np.log(σ(x))
    (log 0 = −inf at x = −1000, 0.0 at x = 40 where σ(x) rounds to 1.0), log(1 + e^(−x))
    without log1p (0.0 at x = 40), an overflow at −1000 (also inside np.where), clipping
    σ(x) to [eps, 1 − eps] or x to a range before the log, `if` on an array and math on an
    array.

    Examples
    --------
    >>> import numpy as np
    >>> check_log_sigmoid(lambda x: -np.logaddexp(0, -x)).passed
    True
    """
    exercise = _("a log-sigmoid that works far out")
    what = _("Replace `raise NotImplementedError` with your log-sigmoid")
    started = start(my_log_sigmoid, exercise, what)
    if started is not None:
        return started
    x = _X
    hint = _(
        "Work on all elements at once: np.minimum, np.abs and np.where take whole arrays "
        "(and np.where computes both of its branches)."
    )
    expected = _log_sigmoid(x)
    mistakes = [
        (
            lambda: _log_sigmoid(-x),
            _(
                "A sign slip: that is log σ(−x) = −log(1 + e^x), the "
                "log-probability of the other class. log σ(x) = −log(1 + e^(−x))."
            ),
        ),
        (
            lambda: -expected,
            _(
                "Your values are positive, but σ(x) < 1, so log σ(x) < 0: that is "
                "log(1 + e^(−x)) = −log σ(x). A minus sign went missing: "
                "log(1/u) = −log u."
            ),
        ),
        (
            lambda: sigmoid(x),
            _(
                "That is σ(x) itself: take its natural logarithm (without "
                "computing σ(x) first, which rounds to 0 or 1 far out)."
            ),
        ),
        (
            lambda: expected / np.log(10),
            _("That is log base 10; log σ(x) here is the natural log, np.log."),
        ),
        (
            lambda: _log_sigmoid(np.abs(x)),
            _(
                "A forgotten term: for x < 0 you return −log(1 + e^(−|x|)) = "
                "log σ(|x|), which is near 0. For x < 0, σ(x) = e^x/(1 + e^x), so "
                "its log has a term x as well."
            ),
        ),
        (
            lambda: np.minimum(x, 0) + np.log1p(np.exp(-np.abs(x))),
            _(
                "A sign slip: the log of a denominator is subtracted, "
                "log(a/b) = log a − log b; you added log(1 + e^(−|x|))."
            ),
        ),
        (
            lambda: np.maximum(x, 0) - np.log1p(np.exp(-np.abs(x))),
            _(
                "The extra term x belongs to x < 0, where σ(x) = e^x/(1 + e^x) has "
                "e^x on top; for x ≥ 0 there is none (np.minimum, not np.maximum)."
            ),
        ),
    ]
    try:
        call = call_learner(my_log_sigmoid, x.copy())
        verdict = compare_elementwise(
            call,
            exercise,
            x,
            expected,
            "log σ(x)",
            mistakes,
            variable="x",
            rtol=1e-7,
            atol=0.0,
            hint=hint,
            explain=_explain_log_sigmoid,
        )
        if verdict is not None:
            return verdict
        tail = _log_sigmoid_tails(my_log_sigmoid, exercise)
        if tail is not None:
            return tail
        scalar = scalar_problem(
            my_log_sigmoid, exercise, 0.0, -math.log(2.0), "log σ(0) = −ln 2", "x"
        )
        if scalar is not None:
            return scalar
    except NotAttempted:
        return not_attempted(exercise, what)
    return correct(
        exercise,
        _(
            "right on [−20, 20] and far out: log σ(−1000) = −1000 although σ(−1000) rounds to "
            "0.0, log σ(40) = −4.25e-18 although σ(40) rounds to 1.0, down to the subnormal "
            "−2.03e-313 at x = 720, no warning at ±1000, and log σ(0) = −ln 2 for a plain "
            "number."
        ),
    )
