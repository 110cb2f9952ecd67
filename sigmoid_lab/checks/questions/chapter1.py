"""Chapter 1's predictions (predict, then run) and its closing self-check questions.

Every outcome and every number in an explanation is computed here with the package: where
σ(wx + b) crosses a level is found by bisection on σ itself, not by the formula the chapter
asks the learner to derive, and the midpoint test runs the same random layers as the
chapter's cell.
"""

from __future__ import annotations

import math

import numpy as np

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks.predictions import Prediction
from sigmoid_lab.checks.selfcheck import Option, Question
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _

__all__ = ["PREDICTIONS", "SELF_CHECK"]


def _num(value: float) -> str:
    """A number for prose: shortest form, with a typographic minus (−3, not -3)."""
    return f"{value:g}".replace("-", "−")


def _crossing(w: float, b: float, level: float) -> float:
    """The x at which σ(wx + b) = ``level``, by bisection on [−1000, 1000] (w ≠ 0)."""
    low, high = -1000.0, 1000.0
    for _iteration in range(200):
        middle = 0.5 * (low + high)
        above = float(sigmoid(w * middle + b)) >= level
        # σ(wx + b) rises with x when w > 0 and falls when w < 0.
        if above == (w > 0):
            high = middle
        else:
            low = middle
    return 0.5 * (low + high)


def _rise(w: float, b: float) -> float:
    """How far x travels while σ(wx + b) goes from 0.1 to 0.9 (w > 0)."""
    return _crossing(w, b, 0.9) - _crossing(w, b, 0.1)


# ------------------------------------------------------------------ doubling the weight

_W, _B = 2.0, -3.0


def _explain_doubled_weight(step: float) -> str:
    return _(
        "With b = {b} fixed, doubling w from {w} to {doubled} moved the step from "
        "x = {before:.4g} to x = {step:.4g}: the step sits where wx + b = 0, at x = −b/w, "
        "so doubling w halves its distance from 0. The rise from 0.1 to 0.9 narrowed from "
        "{rise:.3f} to {doubled_rise:.3f}: the weight sets the steepness, and when b ≠ 0 the "
        "position as well."
    ).format(
        b=_num(_B),
        w=_num(_W),
        doubled=_num(2 * _W),
        before=_crossing(_W, _B, 0.5),
        step=step,
        rise=_rise(_W, _B),
        doubled_rise=_rise(2 * _W, _B),
    )


_DOUBLED_WEIGHT = Prediction(
    key="ch1-doubled-weight",
    # Filled in at import, so `question` holds the English text with the computed numbers;
    # the template, with its placeholders, is what the catalogue translates.
    question=N_(
        "The neuron σ(wx + b) with w = {w}, b = {b} has its step (output ½) at x = "
        "{before:.4g}. Keep b = {b} and double the weight to w = {doubled}. At what x is the "
        "step now?"
    ).format(w=_num(_W), b=_num(_B), before=_crossing(_W, _B, 0.5), doubled=_num(2 * _W)),
    outcome=lambda: _crossing(2 * _W, _B, 0.5),
    explanation=_explain_doubled_weight,
    kind="number",
    rtol=1e-3,
    hints=(
        (
            lambda guess, outcome: math.isclose(guess, _crossing(_W, _B, 0.5), rel_tol=1e-3),
            N_(
                "The step would stay put only if b doubled with w, keeping −b/w. With b fixed, "
                "a larger w reaches wx + b = 0 at a smaller x."
            ),
        ),
        (
            lambda guess, outcome: math.isclose(guess, 4 * outcome, rel_tol=1e-3),
            N_("Doubling w halves −b/w instead of doubling it: the step moves towards 0."),
        ),
        (
            lambda guess, outcome: guess < 0,
            N_("With w > 0 and b < 0 the step −b/w is at a positive x: a sign slip?"),
        ),
    ),
)


# ------------------------------------------------------------ stacking linear layers

#: The depths the chapter's midpoint test tries, and the answers a learner chooses from.
_DEPTHS = (2, 3, 10, 100)
_X1, _X2 = np.array([-1.0, 2.0]), np.array([3.0, -0.5])


def _random_layers(depth: int, rng: np.random.Generator) -> list:
    """``depth`` layers (W, b): 2 inputs, hidden layers of 8 units, 1 output, drawn as the
    chapter's cell draws them. Each W is divided by √(its number of inputs) so that 100
    layers keep the numbers of moderate size."""
    shapes = [(8, 2)] + [(8, 8)] * (depth - 2) + [(1, 8)]
    return [
        (rng.normal(size=shape) / np.sqrt(shape[1]), rng.normal(size=shape[0])) for shape in shapes
    ]


def _forward(layers, x, activation=None):
    for index, (W, b) in enumerate(layers):
        x = W @ x + b
        if activation is not None and index < len(layers) - 1:
            x = activation(x)
    return x


def _midpoint_gap(layers, activation=None) -> float:
    """|f(midpoint) − midpoint of f| for the chapter's two inputs."""
    gap = (
        _forward(layers, (_X1 + _X2) / 2, activation)
        - (_forward(layers, _X1, activation) + _forward(layers, _X2, activation)) / 2
    )
    return abs(float(gap[0]))


def _linear_gaps() -> dict[int, float]:
    """The midpoint gap of a stack of linear layers at each depth, with the chapter's seed."""
    rng = np.random.default_rng(0)
    return {depth: _midpoint_gap(_random_layers(depth, rng)) for depth in _DEPTHS}


def _first_bending_depth() -> str:
    """The first depth whose linear stack fails the midpoint test, or "never"."""
    for depth, gap in _linear_gaps().items():
        if gap > 1e-9:
            return str(depth)
    return "never"


def _explain_depth(outcome: str) -> str:
    largest = max(_linear_gaps().values())
    return _(
        "With no activation the midpoint test passes at 2, 3, 10 and 100 layers alike; the "
        "largest gap, {largest:.1e}, is rounding error. A linear layer only multiplies and "
        "adds, so a stack of them does too, and the whole stack is one layer W x + b "
        "(exercise 3 asks for its W and b). A sigmoid between two layers is enough to fail "
        "the test, as the last line above shows."
    ).format(largest=largest)


_LINEAR_DEPTH = Prediction(
    key="ch1-linear-depth",
    question=N_(
        "Stack linear layers (W x + b) with no activation between them. How many layers does "
        "it take before the network fails the midpoint test, that is, before its output "
        "bends?"
    ),
    outcome=_first_bending_depth,
    explanation=_explain_depth,
    kind="choice",
    choices=(*(str(depth) for depth in _DEPTHS), "never"),
    hints=(
        (
            lambda guess, outcome: str(guess).strip() in {"2", "3"},
            N_(
                "Depth alone does not bend anything: each layer multiplies and adds, and a "
                "combination of multiplying and adding is again multiplying and adding."
            ),
        ),
        (
            lambda guess, outcome: str(guess).strip() in {"10", "100"},
            N_(
                "More layers do not help: the tiny gaps that grow with depth are rounding "
                "errors, not bends."
            ),
        ),
    ),
)

PREDICTIONS: dict[str, Prediction] = {
    prediction.key: prediction for prediction in (_DOUBLED_WEIGHT, _LINEAR_DEPTH)
}


# --------------------------------------------------------------------- check yourself


def _falling_step_options() -> tuple[tuple[float, str], ...]:
    return ((2.0, "falls"), (2.0, "rises"), (-2.0, "rises"), (0.5, "falls"))


def _falling_step_answer() -> int:
    w, b = -2.0, 4.0
    step = _crossing(w, b, 0.5)
    direction = "rises" if sigmoid(w * (step + 1) + b) > sigmoid(w * (step - 1) + b) else "falls"
    for index, (position, way) in enumerate(_falling_step_options()):
        if math.isclose(position, step, rel_tol=1e-9) and way == direction:
            return index
    raise AssertionError("no option matches")


_FALLING_STEP = Question(
    key="ch1-falling-step",
    prompt=(
        "A neuron with one input has w = −2 and b = 4. Where is its step (output ½), and "
        "what does its output do as x grows?"
    ),
    options=(
        Option(
            "The step is at x = 2, and the output falls from near 1 to near 0.",
            True,
            "−b/w = −4/(−2) = 2, and a negative weight turns the S-curve round: the output "
            f"is σ(4) = {float(sigmoid(4.0)):.3f} at x = 0 and σ(−4) = "
            f"{float(sigmoid(-4.0)):.3f} at x = 4.",
        ),
        Option(
            "The step is at x = 2, and the output rises from near 0 to near 1.",
            False,
            "The position is right, but w < 0 turns the curve round: as x grows, wx + b "
            "decreases, and so does σ(wx + b).",
        ),
        Option(
            "The step is at x = −2, and the output rises.",
            False,
            "Two sign slips: −b/w = −4/(−2) = +2, and with w < 0 the output falls.",
        ),
        Option(
            "The step is at x = 0.5, and the output falls.",
            False,
            "0.5 is −w/b. The step solves wx + b = 0 for x: x = −b/w = 2.",
        ),
    ),
    verify=_falling_step_answer,
)

_LEVEL_W, _LEVEL_B, _LEVEL_Q = 4.0, -2.0, 0.9
_LEVEL_X = round(_crossing(_LEVEL_W, _LEVEL_B, _LEVEL_Q), 3)
_LEVEL_Z = math.log(_LEVEL_Q / (1 - _LEVEL_Q))

_LEVEL = Question(
    key="ch1-level",
    prompt=(
        f"A neuron has w = {_num(_LEVEL_W)} and b = {_num(_LEVEL_B)}. At what input x does its "
        "output "
        f"σ(wx + b) reach {_LEVEL_Q:g}? Give three decimals."
    ),
    number=_LEVEL_X,
    rtol=1e-3,
    digits=3,
    why=(
        f"σ(z) = {_LEVEL_Q:g} at z = log({_LEVEL_Q:g}/{1 - _LEVEL_Q:.1g}) = ln 9 ≈ "
        f"{_LEVEL_Z:.4f}. Then {_LEVEL_W:g}x − {-_LEVEL_B:g} = {_LEVEL_Z:.4f} gives "
        f"x = ({_LEVEL_Z:.4f} + {-_LEVEL_B:g})/{_LEVEL_W:g} ≈ {_LEVEL_X:.3f}. Check: "
        f"σ({_LEVEL_W:g} · {_LEVEL_X:.3f} − {-_LEVEL_B:g}) = "
        f"{float(sigmoid(_LEVEL_W * _LEVEL_X + _LEVEL_B)):.3f}."
    ),
    verify=lambda: (math.log(_LEVEL_Q / (1 - _LEVEL_Q)) - _LEVEL_B) / _LEVEL_W,
)


def _collapsed_shape_options() -> tuple[tuple[int, int] | None, ...]:
    return ((1, 2), (2, 1), (4, 5), None)


def _collapsed_shape_answer() -> int:
    rng = np.random.default_rng(0)
    W1, W2, W3 = (rng.normal(size=shape) for shape in ((4, 2), (5, 4), (1, 5)))
    return _collapsed_shape_options().index((W3 @ W2 @ W1).shape)


_COLLAPSED_SHAPE = Question(
    key="ch1-collapsed-shape",
    prompt=(
        "Three linear layers without activation take 2 inputs to 4 units, 4 to 5, and 5 to "
        "1 output: W1 has shape (4, 2), W2 (5, 4), W3 (1, 5). They equal a single layer "
        "W x + b. What is the shape of W?"
    ),
    options=(
        Option(
            "(1, 2)",
            True,
            "W = W3 W2 W1: (1, 5) times (5, 4) times (4, 2) is (1, 2). One row per output, "
            "one column per input, like any layer from 2 inputs to 1 output.",
        ),
        Option(
            "(2, 1)",
            False,
            "That is the transpose. W x takes x with 2 entries to 1 output, so W has 1 row "
            "and 2 columns.",
        ),
        Option(
            "(4, 5)",
            False,
            "The hidden sizes 4 and 5 do not survive: the product W3 W2 W1 keeps W3's rows "
            "and W1's columns.",
        ),
        Option(
            "There is no single layer: only two layers collapse into one.",
            False,
            "Two layers collapse into one, and that one with the third into one again: "
            "any stack of linear layers is a single layer.",
        ),
    ),
    verify=_collapsed_shape_answer,
)

_WHY_NONLINEAR = Question(
    key="ch1-why-nonlinear",
    prompt="What is the main reason a network needs a nonlinear activation between layers?",
    options=(
        Option(
            "To keep each neuron's output between 0 and 1.",
            False,
            "That is what the sigmoid does, and what the article stresses, but it is not the "
            "reason: ReLU's outputs are unbounded, and section 5.3 trains a deep network of "
            "ReLU units.",
        ),
        Option(
            "Without one, any stack of layers is a single affine map W x + b, so depth adds "
            "nothing.",
            True,
            "Linear layers collapse into one: the midpoint test passed at every depth, and a "
            "sigmoid between the layers made it fail.",
        ),
        Option(
            "Gradient descent cannot train linear layers.",
            False,
            "It can: linear regression is a linear layer trained by gradient descent. A stack "
            "of linear layers can be trained too; it just cannot represent more than one "
            "layer can.",
        ),
        Option(
            "To prevent overfitting.",
            False,
            "The article says so (article §2.2), but a nonlinearity lets a network represent "
            "more functions, which makes overfitting easier, not harder; section 5.4 shows a "
            "network of sigmoid units overfitting noisy data.",
        ),
    ),
)


def _xor_answer() -> int:
    """Index of "no": for any w, b the four corners' z satisfy z(0,1) + z(1,0) = z(0,0) +
    z(1,1), so z cannot be positive at the first two and negative at the last two."""
    rng = np.random.default_rng(0)
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    w = rng.normal(scale=10, size=(10_000, 2))
    b = rng.normal(scale=10, size=10_000)
    z = w @ corners.T + b[:, None]
    identity = np.allclose(z[:, 1] + z[:, 2], z[:, 0] + z[:, 3])
    out = sigmoid(z) > 0.5
    xor = out[:, 1] & out[:, 2] & ~out[:, 0] & ~out[:, 3]
    return 2 if identity and not xor.any() else 0


_XOR = Question(
    key="ch1-xor",
    prompt=(
        "Can a single sigmoid neuron with two inputs output more than ½ at (0, 1) and (1, 0), "
        "and less than ½ at (0, 0) and (1, 1) (the XOR of its inputs)?"
    ),
    options=(
        Option(
            "Yes, with large enough weights.",
            False,
            "Large weights make the step steeper; they do not change which side of the line "
            "w₁x₁ + w₂x₂ + b = 0 a point is on, and that side decides above or below ½.",
        ),
        Option(
            "Yes, with a negative bias and positive weights.",
            False,
            "Positive weights give (1, 1) the largest z of the four corners, so it cannot be "
            "below ½ while (0, 1) and (1, 0) are above: such a neuron computes AND or OR "
            "(or ignores an input), never XOR.",
        ),
        Option(
            "No: whatever w and b, z(0, 1) + z(1, 0) = z(0, 0) + z(1, 1) = w₁ + w₂ + 2b.",
            True,
            "The output is above ½ exactly where z = w₁x₁ + w₂x₂ + b > 0. XOR would need the "
            "left sum positive (two positive terms) and the right sum negative (two negative "
            "terms), but the two sums are equal. A hidden layer makes it possible: XOR is "
            "the AND of an OR neuron and a NAND neuron.",
        ),
        Option(
            "No, because the sigmoid never reaches exactly 0 or 1.",
            False,
            "The question asks for more or less than ½, which σ gives freely. The obstacle is "
            "the straight line where the output is ½, not the range.",
        ),
    ),
    verify=_xor_answer,
)

SELF_CHECK: tuple[Question, ...] = (
    _FALLING_STEP,
    _LEVEL,
    _COLLAPSED_SHAPE,
    _WHY_NONLINEAR,
    _XOR,
)
