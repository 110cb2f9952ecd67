"""Chapter 5's predictions (predict, then run) and its closing self-check questions.

Every outcome and every key that is a computation is computed here with the package, on the
chapter's own networks and data, so the answers cannot drift from what the chapter prints.

What compare_prediction prints is marked for translation: each question and hint with ``N_``
(they are made at import time and translated where they are shown), each explanation with
``_`` when it is made. The self-check texts are not: the Chinese chapter translates its
self-check cell itself.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from sigmoid_lab.activations import ACTIVATIONS
from sigmoid_lab.checks.predictions import Prediction
from sigmoid_lab.checks.selfcheck import Option, Question
from sigmoid_lab.data import make_moons
from sigmoid_lab.experiments import (
    format_scientific,
    gradient_ratio,
    make_mlp,
    moons_posterior,
    train_and_track,
)
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.nn import INITS, MLP

__all__ = ["PREDICTIONS", "SELF_CHECK"]


# ------------------------------------------------------------------ the measurements


def _tanh_largest_slope() -> float:
    """tanh's largest slope on a fine grid through 0."""
    x = np.linspace(-10.0, 10.0, 20_001)
    return float(np.max(ACTIVATIONS["tanh"].gradient(x)))


@functools.cache
def _vanishing_factor() -> float:
    """How many times smaller the first layer's gradient is than the last layer's, in the
    network of section 5.2: 10 hidden layers of 16 sigmoid units, Xavier weights."""
    X, y = make_moons(200, seed=0)
    norms = make_mlp([2, *[16] * 10, 1], "sigmoid").layer_gradient_norms(X, y)
    return float(norms[-1] / norms[0])


def _vanishing_exponent() -> int:
    return round(math.log10(_vanishing_factor()))


@functools.cache
def _memorising_run() -> tuple[float, float]:
    """Section 5.4's network of 100 sigmoid units after 3000 steps on its 80 noisy points:
    its training accuracy, and the Bayes classifier's accuracy on the same points."""
    X, y = make_moons(80, noise=0.35, seed=3)
    network = make_mlp([2, 100, 1], "sigmoid")
    history = train_and_track(network, X, y, lr=4.0, epochs=3000, every=3000)
    bayes = float(np.mean((moons_posterior(X, noise=0.35) > 0.5) == y))
    return float(history["train_accuracy"][-1]), bayes


def _memorises() -> bool:
    return _memorising_run()[0] == 1.0


# ----------------------------------------------------------------------- predictions


def _tanh_explanation(slope: float) -> str:
    return _(
        "tanh′(x) = 2 · σ′(2x) · 2 = 4σ′(2x): the outer factor 2 stretches the output, the "
        "chain rule brings a second 2 from the inner 2x. At x = 0 it is 4 · ¼ = {slope:g}, "
        "four times the sigmoid's largest slope: the slope of 1 that Xavier's initialisation "
        "assumes (section 5.2)."
    ).format(slope=slope)


def _vanishing_explanation(exponent: int) -> str:
    factor = _vanishing_factor()
    best = 4.0**10
    return _(
        "The first layer's gradient is {factor} times smaller than the last layer's: 10 to "
        "the power {power:.2f}, so k = {exponent}. Between them lie 10 sigmoid layers, and at "
        "its steepest a sigmoid multiplies the backward signal by ¼ (chapter 3): 4¹⁰ = "
        "{best}. The measured factor is within a factor of {within:.1f} of that: Xavier's "
        "weights, sized for a slope of 1, do not make up for a slope of ¼."
    ).format(
        factor=format_scientific(factor),
        power=math.log10(factor),
        exponent=exponent,
        best=format_scientific(best),
        within=best / factor,
    )


def _memorise_explanation(fits: bool) -> str:
    accuracy, bayes = _memorising_run()
    return _(
        "After 3000 steps its training accuracy is {accuracy:.3f}; the best possible "
        "classifier for these moons (section 5.4) is right on {bayes:.3f} of the same 80 "
        "points. Every hidden output lies in (0, 1), but the output layer weighs and adds 100 "
        "of them, and that sum can bend the boundary around single noisy points: bounding "
        "each unit does not bound what the network can fit."
    ).format(accuracy=accuracy, bayes=bayes)


PREDICTIONS: dict[str, Prediction] = {
    prediction.key: prediction
    for prediction in (
        Prediction(
            "ch5-tanh-slope",
            N_(
                "tanh(x) = 2σ(2x) − 1 is the sigmoid stretched to the range (−1, 1) and squeezed "
                "along x. The sigmoid's largest slope is ¼. What is tanh's largest slope?"
            ),
            outcome=_tanh_largest_slope,
            explanation=_tanh_explanation,
            rtol=0.01,
            hints=(
                (
                    lambda guess, outcome: math.isclose(guess, 0.25),
                    N_(
                        "That is the sigmoid's own largest slope; stretching the output and "
                        "squeezing the input both make the curve steeper."
                    ),
                ),
                (
                    lambda guess, outcome: math.isclose(guess, 0.5),
                    N_("That counts one factor 2 and not the other."),
                ),
                (
                    lambda guess, outcome: math.isclose(guess, 2.0),
                    N_("The two factors 2 multiply the sigmoid's largest slope, ¼, not 1."),
                ),
            ),
        ),
        Prediction(
            "ch5-vanishing-exponent",
            N_(
                "Ten hidden layers of 16 sigmoid units with Xavier weights (sl.MLP's default), at "
                "their initial weights: the first layer's gradient is about 10^k times smaller "
                "than the last layer's. Which whole number k comes nearest?"
            ),
            outcome=_vanishing_exponent,
            explanation=_vanishing_explanation,
            hints=(
                (
                    lambda guess, outcome: guess <= 1,
                    N_(
                        "A layer whose slope is about 1 would give that; the sigmoid's is at "
                        "most ¼."
                    ),
                ),
                (
                    lambda guess, outcome: guess == 3,
                    N_(
                        "10³ ≈ 2¹⁰ would be a factor ½ per layer; the sigmoid's slope is at "
                        "most ¼."
                    ),
                ),
            ),
        ),
        Prediction(
            "ch5-memorise",
            N_(
                "Section 5.4's network of 100 sigmoid units takes 3000 gradient steps on 80 noisy "
                "points of the two moons. Will it classify all 80 training points correctly?"
            ),
            outcome=_memorises,
            explanation=_memorise_explanation,
            kind="yes/no",
            hints=(
                (
                    lambda guess, outcome: outcome,
                    N_(
                        "The article's argument, that a bounded output prevents overfitting, "
                        "predicts that it cannot."
                    ),
                ),
            ),
        ),
    )
}


# ---------------------------------------------------------------------- self-check


def _he_over_xavier() -> float:
    return INITS["he"](16, 16) / INITS["xavier"](16, 16)


_DEEP = [2, *[16] * 6, 1]


def _which_still_vanishes() -> int:
    """The option (from 0) whose network still gives the first layer < 1/100."""
    X, y = make_moons(200, noise=0.15, seed=0)
    networks = (
        make_mlp(_DEEP, "sigmoid", init="he"),
        make_mlp(_DEEP, "relu", init="he"),
        make_mlp(_DEEP, "sigmoid", weight_scale=4.0),
        make_mlp(_DEEP, "tanh"),
    )
    still = [i for i, net in enumerate(networks) if gradient_ratio(net, X, y) < 0.01]
    return still[0] if len(still) == 1 else -1


def _dead_unit_gradient() -> int:
    """0 when a ReLU unit whose z is negative on every input gets exactly zero gradient."""
    X, y = make_moons(50, seed=0)
    network = MLP([2, 4, 1], "relu", init="he")
    network.biases[0][0] = -100.0  # far below anything w·x reaches on the moons
    _loss, grads = network.loss_and_gradients(X, y)
    dW, db = grads[0]
    return 0 if not np.any(dW[:, 0]) and db[0] == 0 else -1


def _bounded_still_overfits() -> int:
    accuracy, bayes = _memorising_run()
    return 0 if accuracy == 1.0 and bayes < 1.0 else -1


SELF_CHECK: tuple[Question, ...] = (
    Question(
        "ch5-he-gain",
        "For a layer with 16 inputs and 16 outputs, He's initialisation draws the weights "
        "with a standard deviation how many times Xavier's?",
        number=math.sqrt(2.0),
        rtol=0.01,
        why=(
            "He's is √(2/fan_in) = √(2/16), Xavier's √(2/(fan_in + fan_out)) = √(2/32): the "
            "ratio is √(32/16) = √2 ≈ 1.414. That makes up for ReLU zeroing about half its "
            "inputs; it is far from making up for the sigmoid's slope of ¼ (section 5.2)."
        ),
        verify=_he_over_xavier,
    ),
    Question(
        "ch5-still-vanishes",
        "With sigmoid units and Xavier weights, the first layer of section 5.3's network (six "
        "hidden layers of 16 units) gets a gradient thousands of times smaller than the last "
        "layer's. Which change alone still leaves the first layer with less than 1/100 of the "
        "last layer's gradient?",
        options=(
            Option(
                "He's initialisation, keeping the sigmoid units",
                True,
                "He's weights are only √2 times Xavier's between 16-unit layers, and the "
                "sigmoid's slope is at most ¼: each layer still passes back less than it "
                "receives, and the first layer still gets less than 1/100.",
            ),
            Option(
                "ReLU units with He's initialisation",
                False,
                "ReLU's slope is 1 wherever a unit is active: the first layer gets about as "
                "much as the last.",
            ),
            Option(
                "sigmoid units with weights 4 times Xavier's",
                False,
                "At z = 0, weight × slope is then 4 × ¼ = 1, the gain Xavier's initialisation "
                "assumes: the first layer gets more than 1/100 of the last layer's "
                "gradient.",
            ),
            Option(
                "tanh units with Xavier's weights",
                False,
                "tanh's slope at 0 is 1, the slope Xavier's initialisation assumes: the "
                "gradient does not fade on its way back.",
            ),
        ),
        verify=_which_still_vanishes,
    ),
    Question(
        "ch5-dead-unit",
        "A ReLU unit's input z is negative for every training example. What does plain "
        "gradient descent (no penalty) do to the weights coming into it?",
        options=(
            Option(
                "Nothing: their gradient is exactly 0.",
                True,
                "Every gradient that reaches those weights passes through ReLU′(z), which is "
                "0 for every example: no step changes them. The unit is dead.",
            ),
            Option(
                "It shrinks them towards 0.",
                False,
                "Only an L2 penalty would shrink them, and a smaller weight would not make z "
                "positive again while the bias keeps it negative.",
            ),
            Option(
                "It grows them until the unit is active again.",
                False,
                "Gradient descent would need a gradient to do that, and the unit's slope is 0 "
                "on every example.",
            ),
            Option(
                "The same as for any other unit.",
                False,
                "An active unit passes the gradient on with slope 1; this one with slope 0.",
            ),
        ),
        verify=_dead_unit_gradient,
    ),
    Question(
        "ch5-choose-on-validation",
        "Early stopping in section 5.4 keeps the step with the highest accuracy on the 80 "
        "validation points. Why not the step with the highest accuracy on the 5000 new "
        "points?",
        options=(
            Option(
                "The new points are there to judge the final model; a step chosen for "
                "scoring highest on them makes that score an optimistic estimate.",
                True,
                "Choosing is a kind of fitting: whatever data chooses a setting no longer "
                "measures it fairly. The validation points choose, the new points judge, once.",
            ),
            Option(
                "5000 points take too long to evaluate at every step.",
                False,
                "Section 5.4 evaluates them every 50 steps anyway; the reason is what the "
                "choice does to the estimate, not the time.",
            ),
            Option(
                "The validation points are closer to the training points.",
                False,
                "All three sets are drawn the same way, with different seeds.",
            ),
            Option(
                "Both choose the same step anyway.",
                False,
                "Not on this run: section 5.4 prints both peaks, at different steps.",
            ),
        ),
    ),
    Question(
        "ch5-bounded-overfit",
        "According to article §2.2, an activation prevents overfitting because it bounds "
        "each neuron's output. What did section 5.4 find?",
        options=(
            Option(
                "The sigmoid network got all 80 noisy training points right, more than the "
                "best possible classifier gets right: it fitted noise.",
                True,
                "Bounding each unit does not bound the sum the output layer forms from 100 "
                "of them. What limited overfitting there was early stopping or a small L2 "
                "penalty, chosen on validation data.",
            ),
            Option(
                "It could not fit the noisy points, as the article says.",
                False,
                "It fitted all of them (the prediction in section 5.4 computes it).",
            ),
            Option(
                "Its accuracy on new data kept rising as it trained.",
                False,
                "It peaked and then fell while training accuracy rose to 1.",
            ),
            Option(
                "It overfitted only because its learning rate, 4, was large.",
                False,
                "The article credits the bound on each unit, and with that bound in place the "
                "network still fitted every point; the learning rate is no part of the "
                "article's argument.",
            ),
        ),
        verify=_bounded_still_overfits,
    ),
)
