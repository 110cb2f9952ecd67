"""Checkers for chapter 4: repairing the article's code (in
:mod:`sigmoid_lab.checks.article_repair`, importable from here), a class-weighted log-loss
and its derivative, a decision that weighs two costs, the logistic-regression gradient and
the loss from logits.

Each checker calls the learner's function on fixed cases, in order, and reports the first
case where it is wrong, never one where it is right. When the answer differs from the
package's, it is compared with each typical mistake, so the message can say which one it
looks like. An untouched placeholder (``raise NotImplementedError``, or the article's code
exactly as printed) gets "not attempted yet". The verdict is the
:class:`~sigmoid_lab.checks._core.CheckResult` every chapter uses.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import (
    RETURNED_NONE,
    CheckResult,
    NotAttempted,
    call_learner,
    correct,
    describe_error,
    not_attempted,
    require_callable,
    wrong,
)
from sigmoid_lab.checks._tails import SILENCED, agrees, show
from sigmoid_lab.checks.article_repair import ARTICLE_LABELS, check_article_repair
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "ARTICLE_LABELS",
    "CheckResult",
    "check_article_repair",
    "check_decision_rule",
    "check_logistic_gradient",
    "check_loss_from_logits",
    "check_weighted_loss",
    "check_weighted_loss_grad",
]


def _number(value: float) -> str:
    """A number for a message, with the digits that matter."""
    return show(float(value))


# ---------------------------------------------------------------- a class-weighted loss


def weighted_log_loss(z, y, beta):
    """The reference: −[β·y·log σ(z) + (1 − y)·log(1 − σ(z))], per example, from the logit."""
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return beta * y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)


def weighted_log_loss_grad(z, y, beta):
    """The reference: ∂ℓ/∂z = (1 − y)·σ(z) − β·y·σ(−z), per example."""
    z = np.asarray(z, dtype=float)
    y = np.asarray(y, dtype=float)
    return (1 - y) * sigmoid(z) - beta * y * sigmoid(-z)


_MODERATE_Z = np.array([-3.0, -0.5, 0.0, 0.8, 2.5, -1.2, 1.5, -2.0])
_MODERATE_Y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
# Confident logits, right and wrong: σ(40) rounds to 1.0 and e^800 overflows.
_TAIL_CASES = (
    (40.0, 0),
    (-40.0, 1),
    (40.0, 1),
    (-40.0, 0),
    (800.0, 0),
    (-800.0, 1),
    (800.0, 1),
    (-800.0, 0),
)


def _per_example(call, n: int, exercise: str, what: str) -> np.ndarray | CheckResult:
    """The learner's values as n floats, or the verdict that names what came back instead."""
    if call.error is not None:
        return wrong(exercise, describe_error(call.error, what))
    if call.value is None:
        return wrong(exercise, _(RETURNED_NONE))
    try:
        values = np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            exercise,
            _("Your function returned a {type}, not numbers: return a NumPy array.").format(
                type=type(call.value).__name__
            ),
        )
    if values.shape != (n,):
        if values.size == 1:
            return wrong(
                exercise,
                _(
                    "For {n} examples your function returned one number (a mean or a sum?): "
                    "return one value per example, an array of shape ({n},)."
                ).format(n=n),
            )
        return wrong(
            exercise,
            _(
                "For {n} examples your function returned shape {shape}: return one value "
                "per example, shape ({n},)."
            ).format(n=n, shape=values.shape),
        )
    return values


def _case(z: float, y: int, beta: float) -> str:
    return f"z = {z:g}, y = {y}, β = {beta:g}"


def _loss_tail_cause(
    z: float, y: int, value: float, expected: float, silenced: bool = False
) -> str | None:
    """Why a weighted (or plain) log-loss is wrong at a confident logit.

    The rest of a sentence that starts "At z = … your function returns …, but the loss is
    …", from its first punctuation mark on; None when the value looks like no known mistake.
    ``silenced``: the value overflowed to inf without NumPy's warning, so say that silencing
    the warning does not help.
    """
    fix = _(
        "Work from the logit: −log σ(z) = log(1 + e^(−z)) and −log(1 − σ(z)) = "
        "log(1 + e^z), each computed with np.logaddexp(0, ±z)."
    )
    if math.isnan(value) or math.isinf(value):
        if abs(z) < 100:
            if z > 0 and math.isnan(value):
                cause = _(
                    ": σ({z:g}) rounds to 1.0 in float64 (from z = 36.74 on), so "
                    "log(1 − σ(z)) = log 0 = −inf, and 0·(−inf) is nan. {fix}"
                )
            elif z > 0:
                cause = _(
                    ": σ({z:g}) rounds to 1.0 in float64 (from z = 36.74 on), so "
                    "log(1 − σ(z)) = log 0 = −inf, and the loss is inf. {fix}"
                )
            elif math.isnan(value):
                cause = _(
                    ": σ({z:g}) rounded to 0.0, so log σ(z) = log 0 = −inf, and 0·(−inf) is "
                    "nan. {fix}"
                )
            else:
                cause = _(
                    ": σ({z:g}) rounded to 0.0, so log σ(z) = log 0 = −inf, and the loss is "
                    "inf. {fix}"
                )
            return cause.format(z=z, fix=fix)
        if silenced:
            return _(
                ": np.exp({size:g}) overflows to inf in float64 (above 709.78), and so does "
                "log(1 + e^{size:g}) computed with it. {fix} {silenced}"
            ).format(size=abs(z), fix=fix, silenced=_(SILENCED))
        return _(
            ": np.exp({size:g}) overflows to inf in float64 (above 709.78), and so does "
            "log(1 + e^{size:g}) computed with it. {fix}"
        ).format(size=abs(z), fix=fix)
    if value < expected and expected - value > 1e-6:
        eps = math.exp(-value) if value > 0 else 0.0
        power = round(math.log10(eps)) if eps > 0 else 0
        if eps > 0 and abs(math.log10(eps) - power) < 0.01:
            return _(
                ": the loss stops at {value:.4g}, about −log(1e{power}), as when p = σ(z) is "
                "clipped to [1e{power}, 1 − 1e{power}] (np.clip). Clipping avoids log 0 by "
                "capping the loss of a confident mistake, which should grow like |z|: "
                "{expected:.4g} here. Training then hears less about its worst mistakes. "
                "{fix}"
            ).format(value=value, power=power, expected=expected, fix=fix)
        return _(
            ": a smaller loss, as if z or p had been clipped (np.clip). The loss of a "
            "confident mistake grows like |z|, and clipping caps it. {fix}"
        ).format(fix=fix)
    if value == 0 and expected > 0:
        return _(
            ", which a float64 holds. log(1 + e^z) − z subtracts two numbers near {z:g}, "
            "and the small difference is lost to rounding (section 4.5). For y = 1 the loss "
            "is log(1 + e^(−z)): np.logaddexp(0, -z) keeps it."
        ).format(z=z)
    return None


def check_weighted_loss(weighted_loss: Callable) -> CheckResult:
    """Check ``weighted_loss(z, y, beta)``: the class-weighted log-loss of each example.

    ℓ = −[β·y·log σ(z) + (1 − y)·log(1 − σ(z))] = β·y·log(1 + e^(−z)) + (1 − y)·log(1 + e^z),
    one value per example, exact for every finite z. The cases, in order: eight moderate
    logits with β = 4, the same with β = 0.5, then confident logits (±40, ±800) one at a
    time, compared relatively so that a tiny loss such as β·log(1 + e^(−40)) must survive.

    Names these mistakes: one number returned instead of one per example; β missing, on the
    wrong class, or on both terms; the minus sign missing; log(1 + e^(±z)) with the sign
    inside swapped; β fixed at 4 instead of the argument; through σ(z), log 0 at z = 40;
    clipping p (the cap −log eps it gives); np.exp(800) overflowing; the tiny loss of a
    confident right answer lost by subtracting z from log(1 + e^z); None returned.

    Examples
    --------
    >>> import numpy as np
    >>> def loss(z, y, beta):
    ...     return beta * y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
    >>> check_weighted_loss(loss).passed
    True
    """
    exercise = _("a class-weighted loss")
    require_callable(weighted_loss, "check_weighted_loss", "weighted_loss")
    hint = _("z and y have the same shape (m,), beta is one number; return shape (m,).")
    z, y = _MODERATE_Z, _MODERATE_Y
    for beta in (4.0, 0.5):
        try:
            call = call_learner(weighted_loss, z.copy(), y.copy(), beta)
        except NotAttempted:
            return not_attempted(exercise, _("Replace `raise NotImplementedError` with your loss"))
        got = _per_example(call, z.size, exercise, hint)
        if isinstance(got, CheckResult):
            return got
        expected = weighted_log_loss(z, y, beta)
        if np.allclose(got, expected, rtol=1e-9, atol=0.0):
            continue
        candidates = [
            (
                weighted_log_loss(z, y, 1.0),
                _(
                    "β is missing: that is the unweighted log-loss. The loss of each example "
                    "with y = 1 is multiplied by beta."
                ),
            ),
            (
                y * np.logaddexp(0, -z) + beta * (1 - y) * np.logaddexp(0, z),
                _(
                    "β weights the wrong class: it multiplies the loss of the examples with "
                    "y = 1, −log σ(z), not that of y = 0."
                ),
            ),
            (
                beta * weighted_log_loss(z, y, 1.0),
                _("β multiplies both terms: only the y = 1 term, −β·log σ(z), is weighted."),
            ),
            (-expected, _("The losses are negative: the minus sign in front is missing.")),
            (
                beta * y * np.logaddexp(0, z) + (1 - y) * np.logaddexp(0, -z),
                _(
                    "A sign slip inside the logs: −log σ(z) = log(1 + e^(−z)), the loss of "
                    "y = 1, and −log(1 − σ(z)) = log(1 + e^z), the loss of y = 0."
                ),
            ),
            (
                weighted_log_loss(z, y, 4.0),
                _(
                    "Right for β = 4, but this call passes beta = {beta:g}: use the argument "
                    "beta, not the number 4."
                ).format(beta=beta),
            ),
        ]
        for candidate, message in candidates:
            if np.allclose(got, candidate, rtol=1e-9, atol=1e-12):
                return wrong(exercise, message)
        i = int(np.flatnonzero(~np.isclose(got, expected, rtol=1e-9, atol=0.0))[0])
        return wrong(
            exercise,
            _(
                "At {case} your function returns {value}, but the weighted loss is {expected}."
            ).format(
                case=_case(z[i], y[i], beta), value=_number(got[i]), expected=_number(expected[i])
            ),
        )
    beta = 4.0
    for z_tail, y_tail in _TAIL_CASES:
        call = call_learner(weighted_loss, np.array([z_tail]), np.array([y_tail]), beta)
        got = _per_example(call, 1, exercise, hint)
        if isinstance(got, CheckResult):
            return got
        value = float(got[0])
        expected = float(weighted_log_loss([z_tail], [y_tail], beta)[0])
        if agrees(value, expected, rtol=1e-9):
            continue
        numbers = {
            "case": _case(z_tail, y_tail, beta),
            "value": _number(value),
            "expected": _number(expected),
        }
        cause = _loss_tail_cause(z_tail, y_tail, value, expected)
        if cause is None:
            return wrong(
                exercise,
                _(
                    "At {case} your function returns {value}, but the weighted loss is {expected}."
                ).format(**numbers),
            )
        return wrong(
            exercise,
            _(
                "At {case} your function returns {value}, but the weighted loss is {expected}"
            ).format(**numbers)
            + cause,
        )
    return correct(
        exercise,
        _(
            "one loss per example, β on the examples with y = 1 only, exact for moderate logits "
            "with β = 4 and 0.5, and at z = ±40 and ±800, where σ(z) rounds to 0 or 1 and a "
            "confident right answer's loss is as small as 4·log(1 + e^(−40)) = {smallest}."
        ).format(smallest=_number(weighted_log_loss([40.0], [1], 4.0)[0])),
    )


_GRAD_Z = np.linspace(-8.0, 8.0, 17)


def check_weighted_loss_grad(grad: Callable) -> CheckResult:
    """Check ``grad(z, y, beta)``: ∂ℓ/∂z of the class-weighted log-loss, per example.

    ∂ℓ/∂z = (1 − y)·σ(z) − β·y·(1 − σ(z)), in any equivalent form ((1 − y + βy)·σ(z) − βy,
    …). Any correct form passes: the values are compared to 1e-9 of the derivative's size,
    which is at most max(1, β), on z from −8 to 8 for both labels and β = 4, then β = 0.5,
    then at z = ±40 and ±800 one point at a time.

    Names these mistakes: a sign slip; β missing, on the wrong class, on both terms; a term
    dropped when expanding (σ(z) − βy); the chain-rule factor σ′(z) forgotten (∂ℓ/∂p) or
    one σ′ too many; the loss returned instead of its derivative; a formula that divides by
    σ(z)(1 − σ(z)) and gives 0/0 at z = 40; β fixed at 4; None returned.

    Examples
    --------
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_weighted_loss_grad(lambda z, y, b: (1 - y + b * y) * sigmoid(z) - b * y).passed
    True
    """
    exercise = _("the weighted loss's derivative")
    require_callable(grad, "check_weighted_loss_grad", "weighted_loss_grad")
    hint = _("z and y have the same shape (m,), beta is one number; return shape (m,).")
    z = np.concatenate([_GRAD_Z, _GRAD_Z])
    y = np.repeat([0, 1], _GRAD_Z.size)
    overflow = None
    for beta in (4.0, 0.5):
        try:
            call = call_learner(grad, z.copy(), y.copy(), beta)
        except NotAttempted:
            return not_attempted(
                exercise, _("Replace `raise NotImplementedError` with your derivative")
            )
        got = _per_example(call, z.size, exercise, hint)
        if isinstance(got, CheckResult):
            return got
        tolerance = 1e-9 * max(1.0, beta)
        expected = weighted_log_loss_grad(z, y, beta)
        if np.allclose(got, expected, rtol=0.0, atol=tolerance):
            continue
        p = sigmoid(z)
        with np.errstate(all="ignore"):
            by_p = -beta * y / p + (1 - y) / (1 - p)
        candidates = [
            (
                -expected,
                _(
                    "A sign slip: raising z raises σ(z), which lowers the loss of an example "
                    "with y = 1 and raises that of y = 0, so ∂ℓ/∂z is negative for y = 1 and "
                    "positive for y = 0."
                ),
            ),
            (
                p - y,
                _(
                    "That is σ(z) − y, the derivative of the unweighted loss: β is missing. "
                    "Carry the factor β of the y = 1 term through the derivative."
                ),
            ),
            (
                beta * (1 - y) * p - y * (1 - p),
                _("β weights the wrong class: it multiplies the term of y = 1, −β·y·log σ(z)."),
            ),
            (
                beta * (p - y),
                _("β multiplies both terms: only the y = 1 term of the loss is weighted."),
            ),
            (
                p - beta * y,
                _(
                    "A term dropped while expanding: −β·y·(1 − σ(z)) + (1 − y)·σ(z) has σ(z) "
                    "twice, once from each term; σ(z) − β·y is right only where y = 0."
                ),
            ),
            (
                by_p,
                _(
                    "That is ∂ℓ/∂p, the derivative with respect to p = σ(z): a forgotten "
                    "chain-rule factor. Multiply by ∂p/∂z = σ′(z) = σ(z)(1 − σ(z)), then "
                    "simplify."
                ),
            ),
            (
                expected * p * (1 - p),
                _(
                    "One σ′ too many: the chain rule multiplies ∂ℓ/∂p by σ′(z) = σ(z)(1 − σ(z)) "
                    "once, and that factor cancels against the denominators of ∂ℓ/∂p."
                ),
            ),
            (
                weighted_log_loss(z, y, beta),
                _("That is the loss ℓ itself; the exercise asks for its derivative ∂ℓ/∂z."),
            ),
            (
                weighted_log_loss_grad(z, y, 4.0),
                _(
                    "Right for β = 4, but this call passes beta = {beta:g}: use the argument "
                    "beta, not the number 4."
                ).format(beta=beta),
            ),
        ]
        for candidate, message in candidates:
            if np.allclose(got, candidate, rtol=1e-9, atol=tolerance, equal_nan=True):
                return wrong(exercise, message)
        bad = ~np.isclose(got, expected, rtol=0.0, atol=tolerance)
        i = int(np.flatnonzero(bad)[0])
        return wrong(
            exercise,
            _("At {case} your function returns {value}, but ∂ℓ/∂z = {expected}.").format(
                case=_case(z[i], y[i], beta), value=_number(got[i]), expected=_number(expected[i])
            ),
        )
    beta = 4.0
    for z_tail, y_tail in _TAIL_CASES:
        call = call_learner(grad, np.array([z_tail]), np.array([y_tail]), beta)
        got = _per_example(call, 1, exercise, hint)
        if isinstance(got, CheckResult):
            return got
        if overflow is None and any("overflow" in text for text in call.warnings):
            overflow = z_tail
        value = float(got[0])
        expected = float(weighted_log_loss_grad([z_tail], [y_tail], beta)[0])
        if abs(value - expected) <= 1e-9 * beta:
            continue
        numbers = {
            "case": _case(z_tail, y_tail, beta),
            "value": _number(value),
            "expected": _number(expected),
        }
        if math.isnan(value):
            return wrong(
                exercise,
                _(
                    "At {case} your function returns {value}, but ∂ℓ/∂z = {expected}: a 0/0 "
                    "or 0·inf inside. σ({z:g}) rounds to {rounded}, so σ(z)(1 − σ(z)) is 0 "
                    "there, and a formula that divides by σ(z) or 1 − σ(z) breaks. Simplify "
                    "on paper first: the σ′(z) of the chain rule cancels the denominators."
                ).format(z=z_tail, rounded=1.0 if z_tail > 0 else 0.0, **numbers),
            )
        if math.isinf(value):
            return wrong(
                exercise,
                _(
                    "At {case} your function returns {value}, but ∂ℓ/∂z = {expected}: a "
                    "division by σ(z) or 1 − σ(z), which is 0 in float64 there. Simplify on "
                    "paper first: the σ′(z) of the chain rule cancels the denominators."
                ).format(**numbers),
            )
        return wrong(
            exercise,
            _("At {case} your function returns {value}, but ∂ℓ/∂z = {expected}.").format(
                **numbers
            ),
        )
    note = ""
    if overflow is not None:
        note = _(
            " NumPy warned of an overflow at z = {z:g} (np.exp of {size:g} "
            "is inf); the values are right, and sl.sigmoid avoids the warning."
        ).format(z=overflow, size=abs(overflow))
    return correct(
        exercise,
        _(
            "∂ℓ/∂z = (1 − y)·σ(z) − β·y·(1 − σ(z)) on z from −8 to 8 for both labels, with "
            "β = 4 and 0.5, and at z = ±40 and ±800: at most max(1, β) in size, and σ′ "
            "cancelled."
        )
        + note,
    )


# ---------------------------------------------------------------- a decision with costs


def _decision_cases():
    """(z, miss cost, false-alarm cost) in order; no z sits exactly on a threshold."""
    cases = []
    for miss, false_alarm in ((4.0, 1.0), (1.0, 1.0), (1.0, 3.0)):
        threshold = math.log(false_alarm / miss)
        z = np.concatenate(
            [
                np.linspace(-6.0, 6.0, 49) + 0.0123,
                threshold + np.array([-0.3, -1e-6, 1e-6, 0.3]),
                [-40.0, 40.0, -800.0, 800.0],
            ]
        )
        cases.append((z, miss, false_alarm))
    return cases


def check_decision_rule(decide: Callable) -> CheckResult:
    """Check ``decide(z, miss, false_alarm)``: predict 1 where that costs less on average.

    With p = σ(z) = P(y = 1 | x), predicting 0 costs ``miss`` with probability p, and
    predicting 1 costs ``false_alarm`` with probability 1 − p; so predict 1 where
    false_alarm·(1 − p) < miss·p, that is p > false_alarm/(false_alarm + miss), or
    z > log(false_alarm/miss). The answer is one boolean per logit (True: predict 1); 0/1
    integers are accepted. The costs (4, 1), (1, 1) and (1, 3) are checked in turn, on a
    grid of z, next to each threshold and at z = ±40 and ±800; the first wrong decision is
    reported.

    Names these mistakes: probabilities (or the logits) returned instead of decisions; the
    threshold ½ whatever the costs; the costs swapped; a logit compared with a probability;
    the odds false_alarm/miss used as a probability; the inequality reversed; None returned.

    Examples
    --------
    >>> import numpy as np
    >>> check_decision_rule(lambda z, miss, false_alarm: z > np.log(false_alarm / miss)).passed
    True
    """
    exercise = _("a decision that weighs two costs")
    require_callable(decide, "check_decision_rule", "decide")
    hint = _("z has shape (m,); miss and false_alarm are numbers; return m booleans.")
    for z, miss, false_alarm in _decision_cases():
        try:
            call = call_learner(decide, z.copy(), miss, false_alarm)
        except NotAttempted:
            return not_attempted(exercise, _("Replace `raise NotImplementedError` with your rule"))
        if call.error is not None:
            return wrong(exercise, describe_error(call.error, hint))
        if call.value is None:
            return wrong(exercise, _(RETURNED_NONE))
        try:
            raw = np.asarray(call.value)
            values = raw.astype(float)
        except (TypeError, ValueError):
            return wrong(
                exercise,
                _("Return booleans, not a {type}.").format(type=type(call.value).__name__),
            )
        if values.shape != z.shape:
            return wrong(
                exercise,
                _(
                    "For {n} logits your function returned shape {shape}: return one "
                    "decision per logit, shape ({n},)."
                ).format(n=z.size, shape=values.shape),
            )
        if not np.all((values == 0) | (values == 1)):
            p = sigmoid(z)
            if np.allclose(values, p, rtol=1e-9, atol=1e-15):
                message = _(
                    "Your function returns the probabilities p = σ(z), where decisions are "
                    "asked: True where you predict 1, False where you predict 0. A probability "
                    "is not yet a decision: compare it with the threshold that the two costs "
                    "set."
                )
            elif np.allclose(values, z):
                message = _(
                    "Your function returns the logits themselves, where decisions are asked: "
                    "True where you predict 1, False where you predict 0."
                )
            else:
                odd = values[(values != 0) & (values != 1)][0]
                message = _(
                    "Your function returns numbers such as {odd:.4g}, where decisions are "
                    "asked: True where you predict 1, False where you predict 0."
                ).format(odd=odd)
            return wrong(exercise, message)
        decisions = values.astype(bool)
        p = sigmoid(z)
        right = false_alarm * (1 - p) < miss * p
        if np.array_equal(decisions, right):
            continue
        threshold = false_alarm / (false_alarm + miss)
        costs = {"miss": miss, "false_alarm": false_alarm, "threshold": threshold}
        candidates = [
            (
                p > 0.5,
                _(
                    "You predict 1 where p > ½, whatever the costs. That is right when a miss "
                    "and a false alarm cost the same; with miss = {miss:g} and false_alarm = "
                    "{false_alarm:g} the expected costs are miss·p and false_alarm·(1 − p)."
                ).format(**costs),
            ),
            (
                p > miss / (false_alarm + miss),
                _(
                    "The costs are swapped: predicting 0 risks a miss, which happens with "
                    "probability p; predicting 1 risks a false alarm, with probability 1 − p."
                ),
            ),
            (
                z > threshold,
                _(
                    "You compare the logit z with the probability {threshold:.4g}: compare "
                    "σ(z) with it, or z with its logit, log(false_alarm/miss) = "
                    "{logit:.4g}."
                ).format(logit=math.log(false_alarm / miss), **costs),
            ),
            (
                p > false_alarm / miss,
                _(
                    "false_alarm/miss = {odds:.4g} is the threshold on the odds "
                    "p/(1 − p), not on p: on p it is false_alarm/(false_alarm + miss) = "
                    "{threshold:.4g}."
                ).format(odds=false_alarm / miss, **costs),
            ),
            (
                p > 0.2,
                _(
                    "You use ⅕, the threshold for a miss that costs 4 times a false alarm, "
                    "whatever the costs: with miss = {miss:g} and false_alarm = {false_alarm:g} "
                    "it is {threshold:.4g}. Compute it from the arguments."
                ).format(**costs),
            ),
            (
                ~right,
                _(
                    "Every decision is reversed: predict 1 where its expected cost, "
                    "false_alarm·(1 − p), is the smaller one."
                ),
            ),
        ]
        for candidate, message in candidates:
            if np.array_equal(decisions, candidate):
                return wrong(exercise, message)
        i = int(np.flatnonzero(decisions != right)[0])
        return wrong(
            exercise,
            _(
                "At z = {z:.6g} (p = σ(z) = {p}), with miss = {miss:g} and "
                "false_alarm = {false_alarm:g}, you predict {said}; but predicting 1 costs "
                "false_alarm·(1 − p) = {cost_1} on average and "
                "predicting 0 costs miss·p = {cost_0}, so predict {right}."
            ).format(
                z=z[i],
                p=_number(p[i]),
                said="1" if decisions[i] else "0",
                cost_1=_number(false_alarm * (1 - p[i])),
                cost_0=_number(miss * p[i]),
                right="1" if right[i] else "0",
                **costs,
            ),
        )
    return correct(
        exercise,
        _(
            "one decision per logit, right for the costs (4, 1), (1, 1) and (1, 3), next to each "
            "threshold and at z = ±40 and ±800: predict 1 where p > false_alarm/(false_alarm + "
            "miss), which is ⅕ for a miss that costs 4 times a false alarm."
        ),
    )


# ---------------------------------------------------------------- the gradient, no bias


def _gradient_case(seed: int, m: int, d: int, scale: float):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, d))
    y = (rng.random(m) < sigmoid(X @ rng.normal(size=d))).astype(np.int64)
    theta = scale * rng.normal(size=d)
    return X, y, theta


# Three features first, so an answer that only works for the article's two fails; then one
# feature and more confident logits.
_GRADIENT_CASES = ((4, 40, 3, 0.7), (5, 25, 1, 2.0))


def check_logistic_gradient(func: Callable) -> CheckResult:
    """Check ``func(X, y, theta)``: the gradient of the mean cross-entropy of logistic regression.

    The expected answer is ``X.T @ (sigmoid(X @ theta) - y) / m`` with ``X`` shaped (m, d),
    ``y`` (m,) and ``theta`` (d,), returning shape (d,), and leaving ``theta`` unchanged.
    Two cases are checked in turn (d = 3, then d = 1); the first that fails is reported.

    Names these mistakes: ``X @ (p − y)`` where ``X.T`` is meant, the (m, 1) − (m,)
    broadcast, a column returned, theta changed in place, a sign slip, a sum where the mean
    is meant, σ missing, the squared error's σ′ factor, σ(−Xθ), swapped labels, None.

    Parameters
    ----------
    func : callable
        The learner's ``logistic_gradient``.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> import numpy as np
    >>> from sigmoid_lab.activations import sigmoid
    >>> check_logistic_gradient(lambda X, y, t: X.T @ (sigmoid(X @ t) - y) / len(y)).passed
    True
    """
    name = _("logistic gradient")
    require_callable(func, "check_logistic_gradient", "logistic_gradient")
    for case in _GRADIENT_CASES:
        X, y, theta = _gradient_case(*case)
        result = _gradient_verdict(func, name, X, y, theta)
        if result is not None:
            return result
    return correct(
        name,
        _(
            "shape (d,) like theta, values match X.T @ (σ(Xθ) − y) / m for d = 3 and d = 1, and "
            "theta is left unchanged."
        ),
    )


def _gradient_verdict(func, name, X, y, theta) -> CheckResult | None:
    m, d = X.shape
    theta_before = theta.copy()
    try:
        call = call_learner(func, X, y, theta)
    except NotAttempted:
        return not_attempted(name, _("Replace `raise NotImplementedError` with your gradient"))
    if call.error is not None:
        text = str(call.error)
        if isinstance(call.error, ValueError) and (
            f"size {m} is different from {d}" in text or f"{d} (dim 1) != {m}" in text
        ):
            return wrong(
                name,
                _(
                    "For X of shape ({m}, {d}), X @ (p − y) multiplies ({m}, {d}) by ({m},): "
                    "the inner sizes {d} and {m} do not meet. The gradient sums over the {m} "
                    "examples, which lie along X's rows: use X.T @ (p − y) / m, of shape ({d},)."
                ).format(m=m, d=d),
            )
        hint = _(
            "With X of shape (m, d) and p − y of shape (m,), the gradient X.T @ (p − y) / m "
            "has shape (d,): one number per weight."
        )
        return wrong(name, describe_error(call.error, hint))
    if not np.array_equal(theta, theta_before):
        return wrong(
            name,
            _(
                "your function changed theta in place (theta -= … inside it?). Compute and "
                "return the gradient; let the training loop take the step."
            ),
        )
    if call.value is None:
        return wrong(name, _(RETURNED_NONE))
    try:
        grad = np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            name,
            _("return an array of numbers, not {type}.").format(type=type(call.value).__name__),
        )
    if grad.shape != (d,):
        if m in grad.shape:
            return wrong(
                name,
                _(
                    "For X of shape ({m}, {d}) the result has shape {shape}, not ({d},): that "
                    "is the broadcasting bug. A column (m, 1) minus a flat (m,) array makes an "
                    "(m, m) matrix. Keep theta, X @ theta and y all flat (1-D)."
                ).format(m=m, d=d, shape=grad.shape),
            )
        if grad.shape in {(d, 1), (1, d)}:
            return wrong(
                name,
                _(
                    "For X of shape ({m}, {d}) the result has shape {shape}; return a flat "
                    "array of shape ({d},) like theta: keep every vector 1-D, or flatten the "
                    "result with np.ravel(...), which works for any array-like."
                ).format(m=m, d=d, shape=grad.shape),
            )
        return wrong(
            name,
            _(
                "For X of shape ({m}, {d}) the result has shape {shape}; expected ({d},) like "
                "theta."
            ).format(m=m, d=d, shape=grad.shape),
        )
    p = sigmoid(X @ theta)
    expected = X.T @ (p - y) / m
    if np.allclose(grad, expected, rtol=1e-6, atol=1e-12):
        return None
    mistakes = [
        (
            -expected,
            _(
                "For X of shape ({m}, {d}), the sign is flipped: use (σ(Xθ) − y), not "
                "(y − σ(Xθ)); with the flip, gradient descent climbs the loss."
            ),
        ),
        (
            expected * m,
            _(
                "For X of shape ({m}, {d}), you summed over the samples; divide by m = len(y) "
                "for the mean loss."
            ),
        ),
        (
            X.T @ (X @ theta - y) / m,
            _(
                "For X of shape ({m}, {d}), σ is missing: that is the gradient of least "
                "squares on the raw score. Apply sigmoid to X @ theta first."
            ),
        ),
        (
            X.T @ ((p - y) * p * (1 - p)) / m,
            _(
                "For X of shape ({m}, {d}), that is the gradient of the squared error "
                "(p − y)²/2; for the cross-entropy the factor σ′ = p(1 − p) cancels."
            ),
        ),
        (
            X.T @ (sigmoid(-(X @ theta)) - y) / m,
            _(
                "For X of shape ({m}, {d}), σ(−Xθ) instead of σ(Xθ): check the sign inside "
                "the sigmoid."
            ),
        ),
        (
            X.T @ (p - (1 - y)) / m,
            _("For X of shape ({m}, {d}), the labels are swapped: use y, not 1 − y."),
        ),
    ]
    for candidate, message in mistakes:
        if np.allclose(grad, candidate, rtol=1e-6, atol=1e-12):
            return wrong(name, message.format(m=m, d=d))
    k = int(np.argmax(np.abs(grad - expected)))
    return wrong(
        name,
        _(
            "For X of shape ({m}, {d}) the shape is right but the values differ from "
            "X.T @ (σ(Xθ) − y) / m: component {k} is {got:.6g}, not {expected:.6g}. Compare "
            "your steps with that formula on a tiny example."
        ).format(m=m, d=d, k=k, got=grad[k], expected=expected[k]),
    )


# ---------------------------------------------------------------- the loss from logits


_LOSS_CASES = (
    (-3.0, 0),
    (-0.5, 1),
    (0.0, 1),
    (0.8, 0),
    (2.5, 1),
    (-1.2, 0),
    (40.0, 0),
    (-40.0, 1),
    (40.0, 1),
    (800.0, 0),
    (-800.0, 1),
)


def check_loss_from_logits(func: Callable) -> CheckResult:
    """Check ``func(z, y)``: the mean binary cross-entropy computed from logits.

    The expected answer equals ``-mean(y·log σ(z) + (1 − y)·log(1 − σ(z)))`` and is finite for
    every finite logit, e.g. ``np.mean(np.logaddexp(0, z) - y * z)``. The function is
    called on six moderate examples at once (the mean), then on each example alone, in
    order, moderate logits first, then z = ±40 and ±800; the first example whose loss is
    wrong is reported.

    Names these mistakes: one loss per sample instead of the mean, the minus sign missing,
    a sum, swapped labels, a sign slip inside the log; through σ(z), log 0 from z = 36.74
    on; p clipped to [eps, 1 − eps] (and which eps); z clipped; np.exp(800) overflowing,
    with its warning silenced or not; None returned.

    Parameters
    ----------
    func : callable
        The learner's ``loss_from_logits``.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> import numpy as np
    >>> check_loss_from_logits(lambda z, y: np.mean(np.logaddexp(0, z) - y * z)).passed
    True
    """
    name = _("loss from logits")
    require_callable(func, "check_loss_from_logits", "loss_from_logits")
    z = np.array([case[0] for case in _LOSS_CASES[:6]])
    y = np.array([case[1] for case in _LOSS_CASES[:6]])
    try:
        call = call_learner(func, z.copy(), y.copy())
    except NotAttempted:
        return not_attempted(name, _("Replace `raise NotImplementedError` with your loss"))
    value = _one_number(call, name, z, y)
    if isinstance(value, CheckResult):
        return value
    expected = float(np.mean(np.logaddexp(0.0, z) - y * z))
    if not np.isclose(value, expected, rtol=1e-6):
        moderate = {
            -expected: _("the loss is negative: the minus sign in front of the mean is missing."),
            expected * z.size: _("you summed over the samples; return the mean."),
            float(np.mean(np.logaddexp(0.0, z) - (1 - y) * z)): _(
                "the labels are swapped: y = 1 should pay log(1 + e^(−z))."
            ),
            float(np.mean(np.logaddexp(0.0, -z) - y * z)): _(
                "a sign slip inside the log: it is log(1 + e^z) − y·z."
            ),
        }
        for candidate, message in moderate.items():
            if np.isclose(value, candidate, rtol=1e-6):
                return wrong(name, message)
    overflow = None
    for z_one, y_one in _LOSS_CASES:
        call = call_learner(func, np.array([z_one]), np.array([y_one]))
        got = _one_number(call, name, None, None)
        if isinstance(got, CheckResult):
            return got
        want = float(np.logaddexp(0.0, (1 - 2 * y_one) * z_one))
        if overflow is None and any("overflow" in text for text in call.warnings):
            overflow = z_one
        if agrees(got, want, rtol=1e-6) or (abs(want) < 1e-15 and abs(got - want) < 1e-15):
            continue
        numbers = {"z": z_one, "y": y_one, "value": _number(got), "expected": _number(want)}
        if abs(z_one) < 10:
            return wrong(
                name,
                _(
                    "At z = {z:g}, y = {y} your function returns {value}, but the loss is "
                    "{expected}: check the formula, −[y·log σ(z) + (1 − y)·log(1 − σ(z))], "
                    "before the numerics."
                ).format(**numbers),
            )
        silenced = math.isinf(got) and abs(z_one) > 100 and overflow is None
        cause = _loss_tail_cause(z_one, y_one, got, want, silenced=silenced)
        if cause is None:
            return wrong(
                name,
                _(
                    "At z = {z:g}, y = {y} your function returns {value}, but the loss is "
                    "{expected}."
                ).format(**numbers),
            )
        return wrong(
            name,
            _(
                "At z = {z:g}, y = {y} your function returns {value}, but the loss is {expected}"
            ).format(**numbers)
            + cause,
        )
    if overflow is not None:
        return wrong(
            name,
            _(
                "the values are right, but NumPy warned of an overflow at z = "
                "{z:g} (np.exp of a large logit). np.logaddexp(0, z) gives log(1 + e^z) "
                "without one."
            ).format(z=overflow),
        )
    return correct(
        name,
        _(
            "the mean matches the cross-entropy on six moderate logits, and each loss stays "
            "exact at z = ±40 and ±800, where σ(z) rounds to 0 or 1."
        ),
    )


def _one_number(call, name, z, y) -> float | CheckResult:
    """The learner's mean loss as a float, or the verdict naming what came back instead."""
    if call.error is not None:
        return wrong(name, describe_error(call.error))
    if call.value is None:
        return wrong(name, _(RETURNED_NONE))
    try:
        value = np.asarray(call.value, dtype=float)
    except (TypeError, ValueError):
        return wrong(
            name, _("return one number, not a {type}.").format(type=type(call.value).__name__)
        )
    if value.size != 1:
        if z is not None and value.shape == z.shape:
            expected = np.logaddexp(0.0, z) - y * z
            if np.allclose(value, expected):
                return wrong(name, _("you returned one loss per sample; return their mean."))
        return wrong(
            name,
            _("return one number (the mean loss), not shape {shape}.").format(shape=value.shape),
        )
    return float(value.reshape(()))
