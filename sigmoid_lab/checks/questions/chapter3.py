"""Chapter 3's predictions (predict, then run) and its closing self-check questions.

Every outcome and every number quoted in an explanation is computed here with the package:
σ′ with :func:`~sigmoid_lab.activations.sigmoid_grad`, chains of layers with
:func:`~sigmoid_lab.plots.gradients.chain_gradient`, float32 rounding with NumPy.

What :func:`~sigmoid_lab.checks.predictions.compare_prediction` prints is marked for the
Chinese catalogue: each question and fixed hint with ``N_`` (translated where it is shown),
a hint that quotes computed numbers as a ``_Filled`` text (translated whenever it is
formatted), each explanation with ``_`` when it is made. The self-check texts are not
marked: the Chinese notebooks translate the self-check cell themselves.
"""

from __future__ import annotations

import math

import numpy as np

from sigmoid_lab.activations import naive_sigmoid, naive_sigmoid_grad, sigmoid, sigmoid_grad
from sigmoid_lab.checks.predictions import Prediction, guess_near
from sigmoid_lab.checks.selfcheck import Option, Question
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.plots.gradients import FLOAT32_RESOLUTION, chain_gradient

__all__ = ["PREDICTIONS", "SELF_CHECK"]


class _Filled(str):
    """A hint whose numbers are computed once and whose words are looked up when it is shown.

    As a str it is the English text, numbers filled in; ``str()`` and ``format()`` (an
    f-string) give it in the language in force, so it needs no ``_()`` where it is used.
    """

    def __new__(cls, template: str, **values: object) -> _Filled:
        text = super().__new__(cls, template.format(**values))
        text._template, text._values = template, values
        return text

    def __str__(self) -> str:
        return _(self._template).format(**self._values)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


# ---------------------------------------------------------------- predictions: the peak of σ′


def _peak_slope() -> float:
    """The largest σ′(x) on [−50, 50] in steps of 0.001, 0 included."""
    return float(np.max(sigmoid_grad(np.arange(-50_000, 50_001) / 1000)))


def _explain_peak(peak: float) -> str:
    return _(
        "σ′(x) = σ(x)(1 − σ(x)) multiplies two numbers between 0 and 1 that add up to 1, "
        "and such a product is largest when both are ½. That happens at x = 0, so the "
        "largest slope is σ′(0) = ½ · ½ = {peak:g}. σ′ is bounded, so the article's claim "
        "that it tends to infinity near 0 is false."
    ).format(peak=peak)


_PEAK = Prediction(
    key="ch3-peak-slope",
    question=N_("What is the largest value σ′(x) takes, over all x?"),
    outcome=_peak_slope,
    explanation=_explain_peak,
    rtol=1e-3,
    hints=(
        (
            guess_near(0.5, rtol=1e-3),
            N_("½ is σ(0), the height of the curve at x = 0, not its slope."),
        ),
        (
            guess_near(1.0, rtol=1e-3),
            N_(
                "A slope of 1 would make σ rise by 1 for each unit of x; σ needs several units "
                "of x to climb from near 0 to near 1."
            ),
        ),
        (
            lambda guess, outcome: guess > 1e3,
            N_(
                "That is the article's claim (梯度趋于无穷, the gradient tends to infinity), "
                "and it is false."
            ),
        ),
        (
            lambda guess, outcome: guess == 0,
            N_(
                "σ′ is nowhere 0: σ rises everywhere, and σ′ only tends to 0 far out in the tails."
            ),
        ),
    ),
)


# ---------------------------------------------- predictions: depth until the float32 band


def _best_case_chain(depth: int = 40) -> np.ndarray:
    """The best case ¼ⁿ, n = 1 … depth: w = 1, every unit at its steepest point (z = 0)."""
    return chain_gradient(0.5, depth, weight=1.0).products


def _float32_depth() -> int:
    """The first depth at which the best case falls below 2⁻²⁵, the float32 band."""
    return int(np.flatnonzero(_best_case_chain() < FLOAT32_RESOLUTION)[0]) + 1


def _explain_float32_depth(depth: int) -> str:
    products = _best_case_chain()
    return _(
        "With w = 1 and every unit at its steepest point, each layer multiplies the gradient "
        "by exactly σ′(0) = ¼ = 2⁻², two binary digits per layer. ¼^{previous} = "
        "{above:.2e} is still above 2⁻²⁵ = {band:.2e}; ¼^{depth} = {below:.2e} is below. "
        "From {depth} layers on, even the best case lies in the shaded band, where an update "
        "of that size (lr = 1) leaves a float32 weight of 1.0 unchanged."
    ).format(
        previous=depth - 1,
        above=products[depth - 2],
        band=FLOAT32_RESOLUTION,
        depth=depth,
        below=products[depth - 1],
    )


_PRODUCTS = _best_case_chain()
_FLOAT32 = Prediction(
    key="ch3-float32-depth",
    question=N_(
        "With w = 1 and every unit at its steepest point, after how many layers is the "
        "gradient first below 2⁻²⁵ ≈ 3.0e-08?"
    ),
    outcome=_float32_depth,
    explanation=_explain_float32_depth,
    unit=N_("layers"),
    hints=(
        (
            lambda guess, outcome: guess in (25, 26),
            N_(
                "That is the count for a factor ½ = 2⁻¹ per layer; σ′ is at most ¼ = 2⁻², two "
                "binary digits per layer."
            ),
        ),
        (
            lambda guess, outcome: guess == 10,
            _Filled(
                N_(
                    "¼¹⁰ = {value:.2e} is the depth for 10⁻⁶; 2⁻²⁵ is {ratio:.0f} times "
                    "smaller still."
                ),
                value=_PRODUCTS[9],
                ratio=_PRODUCTS[9] / FLOAT32_RESOLUTION,
            ),
        ),
        (
            lambda guess, outcome: guess == 12,
            _Filled(N_("¼¹² = 2⁻²⁴ = {value:.2e} is still twice 2⁻²⁵."), value=_PRODUCTS[11]),
        ),
    ),
)


# --------------------------------------------- predictions: w = 6, started off the middle


def _off_centre_chain():
    return chain_gradient(0.51, 20, weight=6.0)


def _still_grows() -> bool:
    return bool(_off_centre_chain().products[-1] > 1)


def _explain_off_centre(grows: bool) -> str:
    chain = _off_centre_chain()
    rising = int(np.argmax(chain.factors <= 1)) if np.any(chain.factors <= 1) else 20
    last = float(chain.preactivations[-1])
    return _(
        "After 20 layers the gradient is {gradient:.1e}. With w = 6 every layer pushes its "
        "output further from ½: z is {first:.2f} in the first layer and {last:.2f} in the "
        "last, where σ′(z) = {slope:.3f} instead of ¼ and the factor w·σ′(z) is only "
        "{factor:.2f}. The gradient grows for the first {rising} layers, to at most "
        "{peak:.1f}, and shrinks after that."
    ).format(
        gradient=chain.products[-1],
        first=chain.preactivations[0],
        last=last,
        slope=float(sigmoid_grad(last)),
        factor=chain.factors[-1],
        rising=rising,
        peak=chain.products.max(),
    )


_OFF_CENTRE = Prediction(
    key="ch3-off-centre-growth",
    question=N_(
        "The w = 6 chain started at x = 0.51 instead of 0.5: after 20 layers, is the "
        "gradient still larger than 1?"
    ),
    outcome=_still_grows,
    explanation=_explain_off_centre,
    kind="yes/no",
    hints=(
        (
            lambda guess, outcome: not outcome,
            N_(
                "A factor of 1.5 in every layer needs every unit to stay exactly at z = 0; a "
                "start 0.01 off the middle is amplified from layer to layer."
            ),
        ),
    ),
)

PREDICTIONS: dict[str, Prediction] = {
    prediction.key: prediction for prediction in (_PEAK, _FLOAT32, _OFF_CENTRE)
}


# ------------------------------------------------------------------------------ self-check

_FIVE = float(chain_gradient(0.5, 5, weight=1.0).products[-1])
_SIX_GROWS = chain_gradient(0.5, 20, weight=6.0)

_FIVE_LAYERS = Question(
    "ch3-five-layers",
    "A chain of 5 sigmoid layers has w = 1 and every unit at its steepest point. By what "
    "factor is the gradient multiplied on its way from the last layer back to the input? "
    "(A number.)",
    number=_FIVE,
    rtol=1e-2,
    why=(
        f"Each layer multiplies by σ′(0) = ¼, and by the chain rule the factors multiply: "
        f"¼⁵ = 1/1024 ≈ {_FIVE:.3g}. They do not add up: 5 × ¼ = 1.25 is not the answer."
    ),
    verify=lambda: float(chain_gradient(0.5, 5, weight=1.0).products[-1]),
)

_EXPLODE = Question(
    "ch3-explode",
    "In a network of sigmoid units, where can an exploding gradient come from?",
    options=(
        Option(
            "From σ′ itself, which tends to infinity near x = 0.",
            False,
            "That is the article's claim, and it is false: σ′ is at most ¼, reached at "
            "x = 0 (section 3.2).",
        ),
        Option(
            "From large inputs, which make σ′ large.",
            False,
            "A large |z| saturates the unit: σ′(z) ≈ e^(−|z|) becomes small, not large "
            "(section 3.3).",
        ),
        Option(
            "From the weights: factors w·σ′(z) above 1, which need |w| > 4 for a single "
            "unit, or ‖W‖₂ > 4 for a layer.",
            True,
            "Each layer multiplies the gradient by w·σ′(z) ≤ |w|/4 (a layer by "
            "diag(σ′(z)) W, which stretches a vector by at most ‖W‖₂/4); only the weights "
            "can push that above 1 (section 3.4).",
        ),
        Option(
            "Nowhere: since σ′ ≤ ¼, a sigmoid network can only shrink gradients.",
            False,
            "σ′ ≤ ¼ bounds one factor, and the weight multiplies it: with w = 6 at the "
            f"steep middle every layer multiplies by {_SIX_GROWS.factors[0]:.1f}, and 20 "
            f"layers by {_SIX_GROWS.products[-1]:.1e} (section 3.4).",
        ),
    ),
)

_LOST_GRADIENTS = ((1e-3, "10⁻³"), (1e-5, "10⁻⁵"), (1e-6, "10⁻⁶"), (1e-7, "10⁻⁷"))


def _lost_update() -> int:
    """The option whose update lr·g (lr = 0.1) leaves a float32 weight of 1.0 unchanged."""
    one, lr = np.float32(1.0), np.float32(0.1)
    lost = [i for i, (g, _) in enumerate(_LOST_GRADIENTS) if one - lr * np.float32(g) == one]
    (index,) = lost
    return index


def _lost_option(g: float, shown: str) -> Option:
    update = float(np.float32(0.1) * np.float32(g))
    one = np.float32(1.0)
    after = one - np.float32(0.1) * np.float32(g)
    if after == one:
        return Option(
            f"g = {shown}",
            True,
            f"The update is {update:.1e}, less than 2⁻²⁵ = {FLOAT32_RESOLUTION:.1e} (half the "
            f"spacing of the float32 numbers just below 1): 1 − {update:.0e} rounds back to "
            "1.0. Adam, which rescales g, would still move the weight.",
        )
    return Option(
        f"g = {shown}",
        False,
        f"The update is {update:.1e}, more than 2⁻²⁵ = {FLOAT32_RESOLUTION:.1e}: the weight "
        f"becomes {after:.8f}.",
    )


_FLOAT32_LOST = Question(
    "ch3-float32-lost",
    "Plain gradient descent with lr = 0.1 updates a float32 weight of 1.0 to 1 − lr·g. For "
    "which positive gradient g does the weight stay exactly 1.0?",
    options=tuple(_lost_option(g, shown) for g, shown in _LOST_GRADIENTS),
    verify=_lost_update,
)

_STEPS = (1e-1, 1e-5, 1e-10)


def _central_difference_errors() -> list[float]:
    """The largest error of the central difference for σ′ on [−10, 10], for each step."""
    x = np.linspace(-10, 10, 2001)
    errors = []
    for h in _STEPS:
        central = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
        errors.append(float(np.max(np.abs(central - sigmoid_grad(x)))))
    return errors


_ERRORS = _central_difference_errors()

_STEP_SIZE = Question(
    "ch3-step-size",
    "You check σ′ with the central difference (σ(x + h) − σ(x − h))/(2h) in float64. With "
    "which step h is its largest error on [−10, 10] smallest?",
    options=(
        Option(
            "h = 10⁻¹",
            False,
            "Too large: the truncation error, about h²·|σ‴|/6, dominates. The largest error "
            f"is {_ERRORS[0]:.1e}.",
        ),
        Option(
            "h = 10⁻⁵",
            True,
            "Near the bottom of the V, which lies near ε^(1/3) ≈ "
            f"{np.finfo(float).eps ** (1 / 3):.1e}: the largest error is {_ERRORS[1]:.1e}.",
        ),
        Option(
            "h = 10⁻¹⁰",
            False,
            "Too small: σ's rounding error (about 10⁻¹⁶), divided by 2h, dominates. The "
            f"largest error is {_ERRORS[2]:.1e}, worse than with h = 10⁻⁵.",
        ),
    ),
    verify=lambda: int(np.argmin(_central_difference_errors())),
)

_S40 = float(naive_sigmoid(40.0))
_TRUE40 = float(sigmoid_grad(40.0))
_GAP = float(np.float64(1.0) - np.nextafter(1.0, 0.0)) / 2  # half the spacing below 1

_ROUNDED_ZERO = Question(
    "ch3-rounded-zero",
    f"In float64, s = 1/(1 + e⁻ˣ) and then s·(1 − s) give exactly "
    f"{float(naive_sigmoid_grad(40.0)):g} at x = 40, although σ′(40) ≈ {_TRUE40:.1e}. Why?",
    options=(
        Option(
            "σ′(40) is too small for a float64.",
            False,
            f"float64 holds numbers down to 4.9e-324; {_TRUE40:.1e} is far above that.",
        ),
        Option(
            "e⁻⁴⁰ underflows to 0.",
            False,
            f"e⁻⁴⁰ = {math.exp(-40):.1e} is an ordinary float64.",
        ),
        Option(
            "s rounds to exactly 1.0, so 1 − s is 0.",
            True,
            f"1 − σ(40) ≈ {math.exp(-40):.1e} is less than half the spacing of the float64 "
            f"numbers just below 1 ({_GAP:.1e}), so s = {_S40!r}. σ(x)·σ(−x) avoids the "
            "subtraction (section 3.5).",
        ),
        Option(
            "e⁴⁰ overflows.",
            False,
            f"The formula computes e⁻⁴⁰, not e⁴⁰; and e⁴⁰ ≈ {math.exp(40):.1e} would not "
            "overflow either (float64 goes up to 1.8e308).",
        ),
    ),
    verify=lambda: 2 if float(naive_sigmoid(40.0)) == 1.0 and math.exp(-40) > 0 else -1,
)

SELF_CHECK: tuple[Question, ...] = (
    _FIVE_LAYERS,
    _EXPLODE,
    _FLOAT32_LOST,
    _STEP_SIZE,
    _ROUNDED_ZERO,
)
