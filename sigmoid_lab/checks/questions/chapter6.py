"""Chapter 6's predictions (predict, then run) and its closing self-check questions.

Every outcome and every key is computed with the package: the textbook softmax at
[1000, 999, 0], softmax's answer for a photo where every label is unlikely, the steps a
nearly closed gate takes to forget half of its memory, σ′'s symmetry and its maximum,
softmax's shift invariance and the cross-entropy at a logit of 1000.
"""

from __future__ import annotations

import numpy as np

from sigmoid_lab.activations import sigmoid, sigmoid_grad
from sigmoid_lab.checks.predictions import Prediction, guess_is
from sigmoid_lab.checks.selfcheck import Option, Question
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.softmax import categorical_cross_entropy, softmax

__all__ = ["PREDICTIONS", "SELF_CHECK"]

# ------------------------------------------------------------------ predictions
# What compare_prediction prints is marked for translation: each question, hint and unit
# with N_ (they are made at import), each explanation with _ when it is made. The
# self-check texts are not marked: the Chinese chapter translates its self-check cell.

#: The logits of section 6.3's overflow demonstration.
LARGE_LOGITS = (1000.0, 999.0, 0.0)
#: The empty street of section 6.3's multi-label table: cat, dog and car all unlikely.
EMPTY_STREET = (-3.0, -2.0, -3.5)
#: The nearly closed gate of section 6.3's memory table.
GATE_LOGIT = -6.0

_TEXTBOOK_CHOICES = ("right", "rounded", "nan", "error")


def textbook_softmax_outcome() -> str:
    """What e^z / Σ e^z gives at [1000, 999, 0] in NumPy: one of the prediction's choices."""
    z = np.array(LARGE_LOGITS)
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            p = np.exp(z) / np.exp(z).sum()
    except (OverflowError, FloatingPointError):
        return "error"
    if np.isnan(p).any():
        return "nan"
    return "right" if np.allclose(p, softmax(z)) else "rounded"


def _textbook_explanation(outcome: str) -> str:
    z = np.array(LARGE_LOGITS)
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.exp(z) / np.exp(z).sum()
    right = softmax(z)
    return _(
        "NumPy gives {p}: np.exp(1000) and np.exp(999) overflow to inf "
        "(NumPy warns and goes on; only math.exp raises OverflowError), their sum is inf, "
        "and inf/inf is nan. The right answer is [{p1:.2f}, {p2:.2f}, {p3:.0f}]: the formula "
        "is right, float64 cannot hold e^1000."
    ).format(p=np.array2string(p), p1=right[0], p2=right[1], p3=right[2])


def empty_street_dog() -> float:
    """Softmax's probability for "dog" on the empty street."""
    return float(softmax(np.array(EMPTY_STREET))[1])


def _empty_street_explanation(outcome: float) -> str:
    p = softmax(np.array(EMPTY_STREET))
    s = sigmoid(np.array(EMPTY_STREET))
    return _(
        "softmax([−3, −2, −3.5]) = [{p1:.2f}, {p2:.2f}, {p3:.2f}]: it hands out a "
        "total of 1 whatever the logits, and only their differences count, so the least "
        "unlikely label gets most of it. The sigmoids give [{s1:.2f}, {s2:.2f}, {s3:.2f}]: "
        "no dog, no cat, no car."
    ).format(p1=p[0], p2=p[1], p3=p[2], s1=s[0], s2=s[1], s3=s[2])


def gate_half_steps() -> int:
    """The first whole number of steps after which a gate of logit −6 keeps ½ or less."""
    keep = 1.0 - float(sigmoid(GATE_LOGIT))
    memory, steps = 1.0, 0
    while memory > 0.5:
        memory *= keep
        steps += 1
    return steps


def _gate_explanation(steps: int) -> str:
    keep = 1.0 - float(sigmoid(GATE_LOGIT))
    return _(
        "Each step keeps the same share of the memory, 1 − σ(−6) = {keep:.5f}, so it "
        "decays geometrically: {keep:.5f}^{before} = {left_before:.5f} is still "
        "above ½, {keep:.5f}^{steps} = {left:.5f} is not. The first 50 steps take "
        "away {first:.3f}, the next 50 only {next:.3f} (from "
        "{left_50:.3f} to {left_100:.3f}): each step removes a share of what is left, "
        "and less is left."
    ).format(
        keep=keep,
        before=steps - 1,
        left_before=keep ** (steps - 1),
        steps=steps,
        left=keep**steps,
        first=1 - keep**50,
        next=keep**50 - keep**100,
        left_50=keep**50,
        left_100=keep**100,
    )


def _linear_guess(guess, outcome) -> bool:
    keep_50 = (1.0 - float(sigmoid(GATE_LOGIT))) ** 50
    linear = 50 * 0.5 / (1.0 - keep_50)
    return abs(float(guess) - linear) <= 0.1 * linear


PREDICTIONS: dict[str, Prediction] = {
    prediction.key: prediction
    for prediction in (
        Prediction(
            "ch6-textbook-softmax",
            N_(
                "What does the textbook formula np.exp(z) / np.exp(z).sum() give for the "
                "logits z = [1000, 999, 0]? 'right' (about [0.73, 0.27, 0]), 'rounded' "
                "([1, 0, 0]), 'nan' (not a number in the first two places) or 'error' (an "
                "OverflowError)?"
            ),
            outcome=textbook_softmax_outcome,
            explanation=_textbook_explanation,
            kind="choice",
            choices=_TEXTBOOK_CHOICES,
            hints=(
                (
                    guess_is("error"),
                    N_(
                        "math.exp(1000) raises OverflowError, but np.exp only warns and "
                        "returns inf."
                    ),
                ),
                (
                    guess_is("rounded"),
                    N_(
                        "[1, 0, 0] is what rounding a finite e^1000 would give; float64 has no "
                        "finite e^1000."
                    ),
                ),
                (
                    guess_is("right"),
                    N_("That is what the formula means, not what float64 computes."),
                ),
            ),
        ),
        Prediction(
            "ch6-empty-street",
            N_(
                "The second photo, an empty street at night, has the logits cat −3, dog −2, "
                "car −3.5: each label is unlikely on its own. What probability does softmax "
                "give to 'dog'? (A number between 0 and 1; within 10% counts.)"
            ),
            outcome=empty_street_dog,
            explanation=_empty_street_explanation,
            rtol=0.1,
            hints=(
                (
                    lambda guess, outcome: abs(float(guess) - float(sigmoid(-2.0))) < 0.05,
                    N_("That is σ(−2), the sigmoid's answer for dog alone."),
                ),
                (
                    lambda guess, outcome: abs(float(guess) - 1 / 3) < 0.03,
                    N_("Softmax is not uniform here: dog's logit is the largest, by 1 and 1.5."),
                ),
            ),
        ),
        Prediction(
            "ch6-gate-half-life",
            N_(
                "The gate with logit −6 keeps 0.884 of the memory after 50 steps. After how "
                "many steps is ½ or less of it left? (A whole number of steps; within 10% "
                "counts.)"
            ),
            outcome=gate_half_steps,
            explanation=_gate_explanation,
            rtol=0.1,
            unit=N_("steps"),
            hints=(
                (
                    lambda guess, outcome: float(guess) <= 50,
                    N_("After 50 steps 0.884 is left, more than ½, so it takes more than 50."),
                ),
                (
                    _linear_guess,
                    N_(
                        "That extends the loss of the first 50 steps (0.116) in a straight "
                        "line, as if every 50 steps took away the same amount."
                    ),
                ),
            ),
        ),
    )
}

# ------------------------------------------------------------------ self-check


def _same_slope_both_sides() -> int:
    left, right = sigmoid_grad(np.array([-40.0, 40.0]))
    return 1 if left == right and right < 1e-15 else 0


def _largest_slope() -> float:
    return float(sigmoid_grad(np.linspace(-20.0, 20.0, 400_001)).max())


def _shift_changes_nothing() -> int:
    return 0 if np.allclose(softmax([102.0, 101.0, 100.0]), softmax([2.0, 1.0, 0.0])) else 1


def _loss_at_1000() -> float:
    return categorical_cross_entropy([[1000.0, 0.0]], [1])


SELF_CHECK: tuple[Question, ...] = (
    Question(
        "ch6-saturation",
        "The article says σ′ tends to 0 as the input grows. For which inputs does σ′(x) "
        "really tend to 0?",
        options=(
            Option(
                "only as x → +∞, where σ(x) → 1",
                False,
                "That is the article's reading. σ′(−x) = σ′(x), so the slope vanishes just "
                "as fast on the left, where σ(x) → 0: σ′(−40) = σ′(40) = 4.2e-18.",
            ),
            Option(
                "as x → +∞ and as x → −∞: for |x| large",
                True,
                "σ′(x) = σ(x)(1 − σ(x)) is even, σ′(−x) = σ′(x): the output is pinned near 1 "
                "on the right and near 0 on the left, and σ′(±40) = 4.2e-18. That is "
                "saturation.",
            ),
            Option(
                "as x → 0",
                False,
                "At 0 the slope is largest, σ′(0) = ¼.",
            ),
            Option(
                "never: σ′ only gets small",
                False,
                "σ′(x) < e^(−|x|), which tends to 0: for every small number there is an x "
                "beyond which σ′ is smaller.",
            ),
        ),
        verify=_same_slope_both_sides,
    ),
    Question(
        "ch6-largest-slope",
        "The article says the gradient tends to infinity near 0. What is the largest value "
        "σ′(x) takes, over all x?",
        number=0.25,
        rtol=1e-6,
        why="σ′(x) = s(1 − s) with s = σ(x) ∈ (0, 1), and s(1 − s) = ¼ − (s − ½)² ≤ ¼, with "
        "equality only at s = ½, that is x = 0. Near 0 the gradient is near ¼, not infinite.",
        verify=_largest_slope,
    ),
    Question(
        "ch6-shift",
        "How does softmax([102, 101, 100]) compare with softmax([2, 1, 0])?",
        options=(
            Option(
                "they are equal",
                True,
                "Adding 100 to every logit multiplies each e^(zⱼ) and their sum by e^100, "
                "which cancels: both are [0.665, 0.245, 0.090]. That is why a stable softmax "
                "may subtract each row's largest logit.",
            ),
            Option(
                "the first is more confident: its largest probability is nearer 1",
                False,
                "Only the differences between the logits count, and they are the same "
                "(1 and 1) in both.",
            ),
            Option(
                "the first is nan, because e^102 overflows",
                False,
                "e^102 = 2.0e44 is far below the float64 limit, 1.8e308; exp overflows only "
                "above 709.78. At 1000 it would, in the textbook formula.",
            ),
            Option(
                "each entry of the first is e^100 times larger",
                False,
                "The numerators grow by e^100, and so does the denominator: the ratio stays.",
            ),
        ),
        verify=_shift_changes_nothing,
    ),
    Question(
        "ch6-loss-1000",
        "A model gives the logits [1000, 0] to an example whose true class is the second. "
        "What is its categorical cross-entropy −log p₂?",
        number=1000.0,
        rtol=1e-9,
        why="−log p₂ = log(e^1000 + e⁰) − 0 = 1000 + log(1 + e^(−1000)) = 1000 in float64. "
        "From rounded probabilities it is inf: p₂ = e^(−1000) rounds to 0 and −log 0 = inf. "
        "Computed from the logits, with log-sum-exp, it is finite for every finite logit.",
        verify=_loss_at_1000,
    ),
    Question(
        "ch6-multilabel",
        "A model tags photos with any of 20 labels: a photo may have none, one or several. "
        "Which output layer fits?",
        options=(
            Option(
                "a softmax over the 20 labels, then True where its probability is above ½",
                False,
                "Softmax's outputs sum to 1, so at most one of them can be above ½: it cannot "
                "say 'cat and dog'.",
            ),
            Option(
                "20 sigmoids, one per label, each trained with a binary cross-entropy",
                True,
                "Each label gets its own probability σ(zⱼ), independent of the others; a "
                "threshold per label turns them into decisions.",
            ),
            Option(
                "a softmax over the 20 labels, then the label with the largest probability",
                False,
                "That picks exactly one label per photo: the single-label case.",
            ),
            Option(
                "one sigmoid for the whole photo",
                False,
                "One sigmoid answers one yes/no question, not 20.",
            ),
        ),
    ),
)
