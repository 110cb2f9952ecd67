"""Chapter 1's checkers, predictions and self-checks: each typical wrong answer is named, the
first failing case is the one reported, right answers in any form pass."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special

import sigmoid_lab.i18n
from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks.neuron import (
    check_and_neuron,
    check_collapse,
    check_layer,
    check_level_position,
    check_neuron,
    check_step_position,
)
from sigmoid_lab.checks.predictions import compare_prediction
from sigmoid_lab.checks.questions.chapter1 import PREDICTIONS, SELF_CHECK
from sigmoid_lab.checks.selfcheck import check_answer


def placeholder(*args):
    raise NotImplementedError


def assert_names(result, *words, absent=()):
    assert isinstance(result, CheckResult)
    assert result.status == "failed", repr(result)
    for word in words:
        assert word in result.message, f"{word!r} not in {result.message!r}"
    for word in absent:
        assert word not in result.message, f"{word!r} in {result.message!r}"


@pytest.mark.parametrize(
    "check",
    [check_neuron, check_layer, check_step_position, check_level_position, check_collapse],
)
def test_placeholder_is_not_attempted_and_none_asks_for_return(check):
    untouched = check(placeholder)
    assert untouched.status == "not attempted"
    assert "NotImplementedError" in untouched.message
    assert_names(check(lambda *args: None), "did you forget `return`?")


# ------------------------------------------------------------------------------ a neuron


def test_check_neuron_reports_the_first_failing_case_with_the_exercise_names():
    assert check_neuron(lambda x, w, b: sigmoid(np.dot(w, x) + b)).passed
    # Right on the first case (3 inputs), wrong from the second on.
    result = check_neuron(lambda x, w, b: sigmoid(np.dot(w, x) + b) if x.size == 3 else 0.5)
    assert_names(result, "For x = [1, 2], w = [-0.5, 0.25], b = -1")
    assert_names(
        check_neuron(lambda x, w, b: np.dot(w, x[:2]) + b),
        "For x = [0.5, -1.2, 3]",
        "shapes",
        "np.dot(w, x)",
    )


# ------------------------------------------------------------------- a layer on a batch


def right_layer(X, W, b):
    return sigmoid(X @ W.T + b)


@pytest.mark.parametrize(
    "answer",
    [
        right_layer,
        lambda X, W, b: 1 / (1 + np.exp(-(np.dot(X, W.T) + b))),
        lambda X, W, b: sigmoid((W @ X.T + b[:, None]).T),
        lambda X, W, b: [[float(sigmoid(W[j] @ x + b[j])) for j in range(len(b))] for x in X],
    ],
)
def test_check_layer_passes_any_correct_form(answer):
    result = check_layer(answer)
    assert result.passed, result


def test_check_layer_translates_numpy_errors_with_the_exercise_hint():
    # W @ X and X @ W: the inner sizes do not line up.
    for answer in (lambda X, W, b: sigmoid(W @ X + b), lambda X, W, b: sigmoid(X @ W + b)):
        assert_names(check_layer(answer), "do not line up", "X @ W.T has shape (m, k)")
    # W * X: elementwise where a matrix product was meant.
    assert_names(check_layer(lambda X, W, b: sigmoid(W * X + b)), "element by element", "`@`")
    # W @ X.T + b: the bias cannot be added along the examples.
    assert_names(
        check_layer(lambda X, W, b: sigmoid(W @ X.T + b)),
        "W @ X.T has shape (2, 5), one row per neuron",
        "X @ W.T + b",
    )
    assert_names(
        check_layer(lambda X, W, b: sigmoid(X @ W.T + b) if (X @ W.T + b > 0) else 0),
        "np.where",
    )
    assert_names(check_layer(lambda X, W, b: 1 / (1 + math.exp(-(X @ W.T + b)))), "np.exp")


def test_check_layer_names_each_mistake():
    assert_names(
        check_layer(lambda X, W, b: sigmoid(W @ X.T + b[:, None])),
        "right numbers in shape (2, 5)",
        "one row per example",
    )
    assert_names(check_layer(lambda X, W, b: X @ W.T + b), "weighted sums", "σ(z)")
    assert_names(check_layer(lambda X, W, b: sigmoid(X @ W.T)), "bias is missing")
    assert_names(check_layer(lambda X, W, b: sigmoid(X @ W.T) + b), "after the sigmoid")
    assert_names(check_layer(lambda X, W, b: sigmoid(X @ W.T - b)), "subtract the bias")
    assert_names(check_layer(lambda X, W, b: sigmoid(-(X @ W.T + b))), "sign slip")
    assert_names(check_layer(lambda X, W, b: right_layer(X, W, b).sum(axis=1)), "one per example")
    assert_names(check_layer(lambda X, W, b: "σ(XW + b)"), "return a NumPy array")


def test_check_layer_catches_the_transpose_where_the_shapes_happen_to_fit():
    """With m = k (the third case) W @ X.T + b runs, adding a bias per example."""

    def neurons_in_rows_when_square(X, W, b):
        if X.shape[0] == W.shape[0]:
            return sigmoid(W @ X.T + b)
        return right_layer(X, W, b)

    assert_names(
        check_layer(neurons_in_rows_when_square),
        "For X of shape (4, 2) and W of shape (4, 2)",
        "each example a bias instead of each neuron",
        absent=("shape (5, 3)",),
    )


# --------------------------------------------------------------------- the step position


def test_check_step_position_reports_the_first_failing_case_not_the_first_case():
    result = check_step_position(lambda w, b: -b / abs(w))
    assert_names(result, "For w = -4, b = 2", "|w|", "right for w > 0 only", absent=("w = 2,",))


def test_check_step_position_names_each_mistake():
    assert check_step_position(lambda w, b: -b / w).passed
    assert_names(check_step_position(lambda w, b: b / w), "For w = 2, b = -3", "sign slip")
    assert_names(check_step_position(lambda w, b: -w / b), "Swapped")
    assert_names(check_step_position(lambda w, b: w / b), "Swapped and a sign slip")
    assert_names(check_step_position(lambda w, b: (0.5 - b) / w), "wx + b = ½")
    assert_names(check_step_position(lambda w, b: w + b), "not ½")
    assert_names(check_step_position(lambda w, b: [-b / w, 0]), "return one number")
    assert_names(check_step_position(lambda w, b: math.log(b) / w), "domain")


# --------------------------------------------------------- where the output reaches q


@pytest.mark.parametrize(
    "answer",
    [
        lambda q, w, b: (np.log(q / (1 - q)) - b) / w,
        lambda q, w, b: (np.log(q) - np.log(1 - q) - b) / w,
        lambda q, w, b: (-np.log(1 / q - 1) - b) / w,
        lambda q, w, b: (math.log(q) - math.log1p(-q) - b) / w,
        lambda q, w, b: (logit(q) - b) / w,
        lambda q, w, b: (scipy.special.logit(q) - b) / w,
        lambda q, w, b: -(b + np.log((1 - q) / q)) / w,
    ],
)
def test_check_level_position_passes_any_correct_form(answer):
    result = check_level_position(answer)
    assert result.passed, result


def test_check_level_position_blames_only_levels_where_the_answer_is_wrong():
    # The step −b/w is right at q = ½ and wrong at the first level, q = 0.9.
    assert_names(
        check_level_position(lambda q, w, b: -b / w),
        "For q = 0.9, w = 2, b = -3",
        "right for q = ½ only",
    )
    # Dividing by |w| is right for w > 0: the first failing case is the first w < 0.
    assert_names(
        check_level_position(lambda q, w, b: (logit(q) - b) / abs(w)),
        "For q = 0.75, w = -0.5, b = 1",
        "|w|",
        absent=("q = 0.9,",),
    )
    # Right except in the tails.
    tail = check_level_position(lambda q, w, b: (logit(q) - b) / w if 1e-6 < q < 1 - 1e-6 else 0.0)
    assert_names(tail, "For q = 1e-09, w = 0.25, b = 2")
    assert_names(
        check_level_position(lambda q, w, b: (logit(q) - b) / w if q < 0.999999 else 0.0),
        "For q = 1 − 1e-09",
    )


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (lambda q, w, b: (q - b) / w, ("solved wx + b = q",)),
        (lambda q, w, b: (np.log((1 - q) / q) - b) / w, ("sign slip in the logarithm",)),
        (lambda q, w, b: (logit(q) + b) / w, ("sign slip on b",)),
        (lambda q, w, b: (b - logit(q)) / w, ("(b − z)/w",)),
        (lambda q, w, b: logit(q) / w - b, ("b must be divided by w too",)),
        (lambda q, w, b: logit(q) - b / w, ("logarithm must be divided by w too",)),
        (lambda q, w, b: (logit(q) - b) * w, ("do not multiply",)),
        (lambda q, w, b: w / (logit(q) - b), ("Upside down",)),
        (lambda q, w, b: (np.log(q) - b) / w, ("misses the 1 − q",)),
        (lambda q, w, b: (np.log10(q / (1 - q)) - b) / w, ("natural logarithm", "log10")),
        (lambda q, w, b: (sigmoid(q) - b) / w, ("applied σ to q",)),
        (lambda q, w, b: math.log((q - 1) / q), ("domain",)),
        (lambda q, w, b: "x", ("return one number",)),
    ],
)
def test_check_level_position_names_each_slip(answer, words):
    assert_names(check_level_position(answer), *words)


# ----------------------------------------------------------- two linear layers into one


@pytest.mark.parametrize(
    "answer",
    [
        lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2),
        lambda W1, b1, W2, b2: [np.dot(W2, W1), np.dot(W2, b1) + b2],
        lambda W1, b1, W2, b2: (W2 @ W1, W2 @ (W1 @ np.zeros(W1.shape[1]) + b1) + b2),
    ],
)
def test_check_collapse_passes_any_correct_form(answer):
    result = check_collapse(answer)
    assert result.passed, result


def test_check_collapse_names_each_mistake():
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2)), "wrong order")
    assert_names(check_collapse(lambda W1, b1, W2, b2: ((W2 @ W1).T, W2 @ b1 + b2)), "transposed")
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, b2)), "forgotten term", "W2 @ b1")
    assert_names(check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1)), "forgotten term", "b2")
    assert_names(
        check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, b1 + b2)),
        "b1 has 3 entries and b2 has 2",
        "cannot be added",
    )
    assert_names(check_collapse(lambda W1, b1, W2, b2: W2 @ W1), "Return two things")
    assert_names(
        check_collapse(lambda W1, b1, W2, b2: (W2 * W1, b2)),
        "element by element",
        "matrix product is `@`",
        "W2 @ W1",
    )
    assert_names(
        check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W1 @ b1 + b2)),
        "do not line up",
        "b1 passes through the second layer",
    )


def test_check_collapse_reports_the_first_pair_it_gets_wrong():
    """b1 + b2 only runs when the hidden and output sizes agree (the square third pair)."""

    def square_only_slip(W1, b1, W2, b2):
        if W1.shape == W2.shape == (3, 3):
            return W2 @ W1, b1 + b2
        return W2 @ W1, W2 @ b1 + b2

    assert_names(
        check_collapse(square_only_slip),
        "For W1 of shape (3, 3) and W2 of shape (3, 3)",
        "not b1 + b2",
        absent=("(3, 2)",),
    )

    def square_only_b2_inside(W1, b1, W2, b2):
        if W1.shape == W2.shape == (3, 3):
            return W2 @ W1, W2 @ (b1 + b2)
        return W2 @ W1, W2 @ b1 + b2

    assert_names(check_collapse(square_only_b2_inside), "b2 is added after W2")

    def square_only_wrong_order(W1, b1, W2, b2):
        if W1.shape == W2.shape == (3, 3):
            return W1 @ W2, W2 @ b1 + b2
        return W2 @ W1, W2 @ b1 + b2

    assert_names(check_collapse(square_only_wrong_order), "(3, 3)", "wrong order")


# ------------------------------------------------------------------ a neuron for AND


def test_check_and_neuron_passes_a_steep_enough_and():
    assert check_and_neuron([10, 10], -15).passed
    assert check_and_neuron(np.array([20.0, 12.0]), -25.0).passed
    assert check_and_neuron(..., ...).status == "not attempted"
    assert check_and_neuron([10, 10], ...).status == "not attempted"


@pytest.mark.parametrize(
    ("w", "b", "words"),
    [
        ([1, 1], -1.5, ("At x = (0, 0)", "too shallow", "same factor")),
        ([10, 10], -5, ("At x = (0, 1)", "computes OR")),
        ([-10, -10], 15, ("opposite of AND (NAND)", "signs")),
        ([-10, -10], 5, ("opposite of OR (NOR)",)),
        ([10, 10], 5, ("on at every corner", "b must be negative")),
        ([1, 1], -5, ("off at every corner",)),
        ([10, 0], -5, ("At x = (1, 0)", "follows x₁ alone")),
        ([0, 10], -5, ("At x = (0, 1)", "follows x₂ alone")),
        (10, -15, ("my_w is one number", "[w₁, w₂]")),
        ([[10, 10]], -15, ("shape (1, 2)",)),
        ([10, 10], [-15, 1], ("one bias",)),
        ([10, np.inf], -15, ("finite",)),
        (["a", "b"], -15, ("two numbers",)),
    ],
)
def test_check_and_neuron_names_what_the_neuron_computes_instead(w, b, words):
    assert_names(check_and_neuron(w, b), *words)


def test_check_and_neuron_reports_the_first_corner_that_misses():
    # OR is right at (0, 0) and (1, 1); it misses first at (0, 1), never blamed at (0, 0).
    assert_names(check_and_neuron([10, 10], -5), "At x = (0, 1)", absent=("(0, 0) your",))


# ------------------------------------------------------------ predictions, self-checks


def test_doubled_weight_prediction_is_measured_and_explains_typical_guesses():
    prediction = PREDICTIONS["ch1-doubled-weight"]
    assert prediction.outcome() == pytest.approx(0.75, abs=1e-12)  # −b/w with w = 4, b = −3
    stayed = compare_prediction(prediction, 1.5)
    assert "stay put only if b doubled" in stayed.message and "high" in stayed.message
    assert "halves −b/w" in compare_prediction(prediction, 3).message
    assert "sign slip" in compare_prediction(prediction, -0.75).message
    assert compare_prediction(prediction, 0.75).passed
    assert "2.197 to 1.099" in prediction.explain(prediction.outcome())


def test_linear_depth_prediction_is_never_and_hints_at_each_depth():
    prediction = PREDICTIONS["ch1-linear-depth"]
    assert prediction.outcome() == "never"
    assert compare_prediction(prediction, "Never").passed
    assert "Depth alone" in compare_prediction(prediction, 2).message
    assert "rounding" in compare_prediction(prediction, "100").message
    assert not compare_prediction(prediction, "5").passed


def test_self_check_wrong_options_explain_the_slip():
    questions = {question.key: question for question in SELF_CHECK}
    assert "−w/b" in check_answer(questions["ch1-falling-step"], "d").message
    assert check_answer(questions["ch1-level"], 1.049).passed
    level = questions["ch1-level"].number
    assert float(sigmoid(4 * level - 2)) == pytest.approx(0.9, abs=1e-3)
    assert "transpose" in check_answer(questions["ch1-collapsed-shape"], "b").message
    assert "article §2.2" in check_answer(questions["ch1-why-nonlinear"], "d").message
    assert not check_answer(questions["ch1-xor"], "a").passed


# ------------------------------------------------------------------------------ in Chinese


def test_collapse_names_a_wrong_bias_of_any_shape_without_raising():
    """b1 + b2 is tried as a likely slip only where b1 and b2 can be added."""
    result = check_collapse(lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 - b2))
    assert_names(result, "For W1 of shape (3, 2)", "W is right; the bias should be")


def _chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


def test_checkers_and_predictions_speak_chinese():
    """Uses the package catalogue: passes once chapter 1's fragment is merged into it."""
    with sigmoid_lab.i18n.language("zh"):
        results = [
            (check_step_position(lambda w, b: -b / abs(w)), ("w = -4", "b = 2", "|w|")),
            (check_layer(lambda X, W, b: sigmoid(X @ W.T)), ("(5, 3)", "(2, 3)", "k = 2")),
            (check_and_neuron([10, 10], -5), ("(0, 1)", "σ(5) = 0.9933", "OR")),
            (compare_prediction(PREDICTIONS["ch1-doubled-weight"], 3), ("2.197", "1.099")),
        ]
    for result, filled in results:
        assert result.status == "failed", result
        assert _chinese(result.message), result.message
        assert "{" not in result.message and "}" not in result.message, result.message
        for text in filled:
            assert text in result.message, f"{text!r} not in {result.message!r}"
    # The language is restored after the block.
    assert "right for w > 0 only" in check_step_position(lambda w, b: -b / abs(w)).message
