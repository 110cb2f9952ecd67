"""Chapter 2's predictions (predict, then run) and its closing self-check questions.

Every outcome and every key is computed here with the package, never typed in: σ(40) in
float64, the x below which 1/(1 + np.exp(−x)) warns of overflow, the symmetry, the log-odds,
the odds ratio of a weight, the logistic distribution's CDF, and which formula for σ runs
without a warning at x = ±1000.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.checks.predictions import Prediction, guess_is, guess_near
from sigmoid_lab.checks.selfcheck import Option, Question
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = ["PREDICTIONS", "SELF_CHECK"]

# float64 numbers just below 1 are 2⁻⁵³ apart: a real number within 2⁻⁵⁴ of 1 rounds to 1.0.
_HALF_GAP_BELOW_ONE = 2.0**-54


# ------------------------------------------------------------------------- predictions


def _sigma_40_is_one() -> bool:
    return bool(sigmoid(40.0) == 1.0)


def _explain_sigma_40(outcome: bool) -> str:
    gap = float(sigmoid(-40.0))  # 1 − σ(40) = σ(−40), computed without cancellation
    # Two whole sentences, so that "is" and "is not" can be worded apart in translation.
    if outcome:
        message = _(
            "σ(40) = 1 − σ(−40) = 1 − {gap:.3g}. A float64 cannot hold that: the float64 "
            "numbers just below 1 are 2⁻⁵³ = {spacing:.3g} apart, so any number closer to 1 "
            "than half that gap, {half_gap:.3g}, rounds to 1.0. So sl.sigmoid(40.0) "
            "is exactly 1.0. 0 < σ(x) < 1 holds in exact arithmetic; in float64 the "
            "interval closes."
        )
    else:
        message = _(
            "σ(40) = 1 − σ(−40) = 1 − {gap:.3g}. A float64 cannot hold that: the float64 "
            "numbers just below 1 are 2⁻⁵³ = {spacing:.3g} apart, so any number closer to 1 "
            "than half that gap, {half_gap:.3g}, rounds to 1.0. So sl.sigmoid(40.0) "
            "is not exactly 1.0. 0 < σ(x) < 1 holds in exact arithmetic; in float64 the "
            "interval closes."
        )
    return message.format(gap=gap, spacing=2.0**-53, half_gap=_HALF_GAP_BELOW_ONE)


def _overflow_distance() -> float:
    """How far left of 0 the textbook formula first overflows: ln of the largest float64."""
    return math.log(float(np.finfo(np.float64).max))


def _explain_overflow(outcome: float) -> str:
    largest = float(np.finfo(np.float64).max)
    underflow = 1075 * math.log(2.0)
    return _(
        "The largest float64 is {largest:.4g}, and np.exp(t) is inf once t > "
        "ln({largest:.4g}) = {outcome:.2f}. So 1/(1 + np.exp(−x)) warns for every x below "
        "−{outcome:.2f}, and returns 1/(1 + inf) = 0.0 there, although σ(x) stays above 0 "
        "in float64 down to x ≈ −{underflow:.2f} (where e^x, which σ(x) is close to, "
        "underflows)."
    ).format(largest=largest, outcome=outcome, underflow=underflow)


PREDICTIONS: dict[str, Prediction] = {
    prediction.key: prediction
    for prediction in (
        Prediction(
            "ch2-sigma-40",
            N_(
                "In exact arithmetic σ(x) < 1 for every x. Is sl.sigmoid(40.0) exactly 1.0 in "
                "float64?"
            ),
            outcome=_sigma_40_is_one,
            explanation=_explain_sigma_40,
            kind="yes/no",
            hints=(
                (
                    guess_is("false", "no", "n"),
                    N_(
                        "The bound σ(x) < 1 is about real numbers. A float64 carries about 16 "
                        "significant digits, and 1 − σ(40) is a change in the 18th."
                    ),
                ),
            ),
        ),
        Prediction(
            "ch2-overflow",
            N_(
                "Going left from 0, from which x does 1/(1 + np.exp(-x)) first warn of "
                "overflow? Write the distance from 0, |x|."
            ),
            outcome=_overflow_distance,
            explanation=_explain_overflow,
            rtol=0.005,
            hints=(
                (
                    guess_near(math.log10(float(np.finfo(np.float64).max)), rtol=0.02),
                    N_(
                        "That is the largest power of 10 a float64 holds (about 10^308); the "
                        "question is about e^t, and e^t = 10^308 at t = 308 · ln 10 ≈ 709."
                    ),
                ),
                (
                    guess_near(1000, rtol=0.02),
                    N_(
                        "x = −1000 overflows, as section 2.2 shows, but the overflow starts "
                        "earlier."
                    ),
                ),
                (
                    guess_near(1024, rtol=0.005),
                    N_("2^1024 is where float64 stops; e^t = 2^1024 at t = 1024 · ln 2 ≈ 710."),
                ),
                (
                    guess_near(1075 * math.log(2.0), rtol=0.02),
                    N_(
                        "Near 745, e^x underflows to 0.0 on the left; e^(−x) overflows before "
                        "that."
                    ),
                ),
                (
                    guess_near(53 * math.log(2.0), rtol=0.05),
                    N_(
                        "Near 37, σ(x) rounds to 1.0 on the right; that is rounding, not "
                        "overflow, and it raises no warning."
                    ),
                ),
            ),
        ),
    )
}


# -------------------------------------------------------------------- self-check questions


def _closest(value: float, options: tuple[float, ...]) -> int:
    return int(np.argmin([abs(value - option) for option in options]))


def _verify_symmetry() -> int:
    z = float(logit(0.8))
    return _closest(float(sigmoid(-z)), (0.2, -0.8, 1.25, 0.8))


def _verify_odds_ratio() -> int:
    w = 0.5

    def odds(x: float, b: float) -> float:
        return float(sigmoid(w * x + b) / sigmoid(-(w * x + b)))

    ratios = [odds(4.0, b) / odds(2.0, b) for b in (-1.3, 0.0, 2.1)]
    if max(ratios) - min(ratios) > 1e-9 * max(ratios):
        return 3  # the factor would depend on b
    return _closest(ratios[0], (math.e, math.exp(0.5), 2.0))


_STABLE_CANDIDATES = (
    lambda x: 1 / (1 + np.exp(-x)),
    lambda x: np.exp(x) / (1 + np.exp(x)),
    lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
    lambda x: np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x))),
)


def _verify_stable() -> int:
    x = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    clean = []
    for index, formula in enumerate(_STABLE_CANDIDATES):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            values = formula(x)
        if not caught and np.allclose(values, sigmoid(x), rtol=1e-15, atol=0):
            clean.append(index)
    (only,) = clean
    return only


SELF_CHECK: tuple[Question, ...] = (
    Question(
        "ch2-symmetry",
        "A classifier gives σ(z) = 0.8 for an input. What is σ(−z)?",
        options=(
            Option(
                "0.2",
                True,
                "σ(−z) = 1 − σ(z) = 0.2: flipping the sign of the score swaps the classes.",
            ),
            Option("−0.8", False, "σ is not odd: its values lie in (0, 1), never below 0."),
            Option("1.25", False, "1/σ(z) is a reciprocal; σ(−z) is a probability, below 1."),
            Option("0.8", False, "σ is not even: it rises, so σ(−z) < ½ < σ(z) for z > 0."),
        ),
        verify=_verify_symmetry,
    ),
    Question(
        "ch2-log-odds",
        "A model outputs p = 0.75. What is its score z, the log-odds, to two decimals?",
        number=math.log(3.0),
        rtol=0.005,
        digits=2,
        why=(
            "The odds are 0.75/0.25 = 3 to 1, so z = logit(0.75) = ln 3 ≈ 1.10. "
            "Check: σ(1.0986) = 0.75."
        ),
        verify=lambda: float(logit(0.75)),
    ),
    Question(
        "ch2-odds-ratio",
        "In p = σ(wx + b) with w = 0.5, the input x goes from 2 to 4. By what factor do the "
        "odds p/(1 − p) change?",
        options=(
            Option(
                "e ≈ 2.72",
                True,
                "The log-odds wx + b grow by w · 2 = 1, so the odds are multiplied by e¹.",
            ),
            Option(
                "e^0.5 ≈ 1.65",
                False,
                "That is the factor for one unit more of x; x grew by two units: (e^0.5)².",
            ),
            Option(
                "2",
                False,
                "x doubled, but the odds respond to how much x grew, not by what factor: "
                "each unit multiplies them by e^w.",
            ),
            Option(
                "It depends on b",
                False,
                "b adds the same amount to both log-odds and cancels in their difference.",
            ),
        ),
        verify=_verify_odds_ratio,
    ),
    Question(
        "ch2-quantile",
        "U is uniform on (0, 1). What fraction of the numbers logit(U) lies at or below 1, "
        "to two decimals?",
        number=float(1 / (1 + math.exp(-1.0))),
        rtol=0.01,
        digits=2,
        why=(
            "logit(U) ≤ 1 exactly when U ≤ σ(1), which happens with probability σ(1) ≈ 0.73: "
            "σ is the CDF of the standard logistic distribution, and logit(U) is a sample "
            "from it."
        ),
        verify=lambda: float(sigmoid(1.0)),
    ),
    Question(
        "ch2-stable",
        "Which of these computes σ(x) for every float64 x, x = −1000 and x = 1000 included, "
        "without an overflow warning?",
        options=(
            Option(
                "`1 / (1 + np.exp(-x))`",
                False,
                "np.exp(-x) overflows for x below −709.78: it warns (and returns 0.0).",
            ),
            Option(
                "`np.exp(x) / (1 + np.exp(x))`",
                False,
                "np.exp(x) overflows for x above 709.78, and inf/inf gives NaN.",
            ),
            Option(
                "`np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))`",
                False,
                "np.where computes both of its branches for every element before choosing, "
                "so both overflows still happen (the values it keeps are right).",
            ),
            Option(
                "`np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))`",
                True,
                "Both exponents are ≤ 0, so nothing overflows: for x ≥ 0 it is "
                "1/(1 + e^(−x)), for x < 0 it is e^x/(1 + e^x), both σ(x).",
            ),
        ),
        verify=_verify_stable,
    ),
)
