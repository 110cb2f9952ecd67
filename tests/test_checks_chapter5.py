"""Chapter 5's checkers: each passes right answers in any correct form, and names the typical
wrong answer, on the first case it gets wrong; the training-based ones are deterministic and
fast."""

from __future__ import annotations

import copy
import re
import time

import mpmath
import numpy as np
import pytest

import sigmoid_lab as sl
from sigmoid_lab.activations import leaky_relu_grad, sigmoid, silu, silu_grad
from sigmoid_lab.checks import activations as checks
from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks._tails import agrees
from sigmoid_lab.checks.activations import (
    DEEP_SIZES,
    check_dead_units,
    check_deep_network,
    check_early_stopping,
    check_leaky_relu_grad,
    check_silu,
    check_silu_grad,
)
from sigmoid_lab.checks.predictions import compare_prediction
from sigmoid_lab.checks.questions.chapter5 import PREDICTIONS
from sigmoid_lab.experiments import hidden_activations, make_mlp


def assert_fails_with(result: CheckResult, *phrases: str) -> None:
    assert result.status == "failed", result
    for phrase in phrases:
        assert phrase in result.message, result.message
    assert repr(result).startswith("✘ Not yet")


def placeholder(*args, **kwargs):
    raise NotImplementedError


FUNCTION_CHECKERS = [
    check_dead_units,
    check_early_stopping,
    check_silu_grad,
    check_leaky_relu_grad,
    check_silu,
]


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS)
def test_untouched_placeholder_is_not_attempted(checker):
    result = checker(placeholder)
    assert result.status == "not attempted"
    assert "not attempted yet" in repr(result)


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS)
def test_none_asks_about_a_forgotten_return(checker):
    assert_fails_with(checker(lambda *args, **kwargs: None), "did you forget `return`?")


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS)
def test_a_non_function_is_a_type_error(checker):
    with pytest.raises(TypeError, match="pass your function itself"):
        checker(3.0)


# ------------------------------------------------------------ make the deep network train


@pytest.mark.parametrize(
    ("activation", "init", "scale"),
    [
        ("sigmoid", "xavier", 4.0),  # w·σ′(0) = 1: the critical weight of chapter 3
        ("relu", "he", 1.0),
        ("relu", "xavier", 1.0),
        ("tanh", "xavier", 1.0),
    ],
)
def test_deep_network_passes_the_usual_remedies(activation, init, scale):
    result = check_deep_network(make_mlp(DEEP_SIZES, activation, init=init, weight_scale=scale))
    assert result.passed, result
    assert "1/100" in result.message and "0.9" in result.message


@pytest.mark.parametrize(
    ("activation", "init", "scale", "phrases"),
    [
        # Section 5.3's network as it is: Xavier on the sigmoid still vanishes.
        ("sigmoid", "xavier", 1.0, ("still vanishes", "less than 1/100", "critical weight")),
        ("sigmoid", "he", 1.0, ("still vanishes", "He's initialisation", "√2")),
        ("sigmoid", "xavier", 64.0, ("saturate", "flat tails", "smaller ones")),
        ("tanh", "xavier", 100.0, ("saturate", "tanh's slope")),
        ("relu", "he", 2.0, ("ReLU units died", "hidden layer 6", "no gradient")),
        ("relu", "he", 4.0, ("blew up at step 1", "too large")),
        ("relu", "xavier", 0.25, ("fades on its way forward", "too small")),
        ("sigmoid", "xavier", 2.0, ("fades on its way forward", "weight × slope")),
        ("sigmoid", "xavier", 3.0, ("learns too slowly", "0.865")),
        ("relu", "xavier", 1e200, ("overflows to inf",)),
    ],
)
def test_deep_network_names_what_is_still_wrong(activation, init, scale, phrases):
    network = make_mlp(DEEP_SIZES, activation, init=init, weight_scale=scale)
    assert_fails_with(check_deep_network(network), *phrases)


def test_deep_network_placeholder_and_wrong_objects():
    assert check_deep_network(...).status == "not attempted"
    assert check_deep_network(None).status == "not attempted"
    assert_fails_with(check_deep_network(make_mlp), "Call it")
    assert_fails_with(check_deep_network([2, 16, 1]), "Pass the network", "list")
    X, y = sl.make_moons(50)
    result = sl.train_mlp(X, y, hidden=(16,) * 6, epochs=1)
    assert_fails_with(check_deep_network(result), "train_mlp")
    assert_fails_with(
        check_deep_network(make_mlp([2, 16, 16, 1], "sigmoid")), "[2, 16, 16, 1]", "shallower"
    )
    assert_fails_with(
        check_deep_network(make_mlp([2, *[32] * 6, 1], "sigmoid")), "six hidden layers"
    )


def test_deep_network_refuses_a_network_trained_already():
    network = make_mlp(DEEP_SIZES, "relu", init="he")
    sl.experiments.train_and_track(network, *sl.make_moons(50), lr=0.1, epochs=5)
    assert_fails_with(check_deep_network(network), "trained already")


def test_deep_network_check_leaves_the_network_alone_and_repeats_exactly():
    network = make_mlp(DEEP_SIZES, "sigmoid", weight_scale=4.0)
    before = copy.deepcopy(network)
    first = check_deep_network(network)
    for W, W0 in zip(network.weights, before.weights, strict=True):
        np.testing.assert_array_equal(W, W0)
    assert all(not b.any() for b in network.biases)
    assert repr(check_deep_network(network)) == repr(first)


def test_deep_network_check_is_fast():
    # CPU time of this process, so that a busy machine does not fail the test.
    start = time.process_time()
    check_deep_network(make_mlp(DEEP_SIZES, "sigmoid"))
    assert time.process_time() - start < 3.0


def test_deep_network_prints_no_warning_for_huge_weights(recwarn):
    check_deep_network(make_mlp(DEEP_SIZES, "sigmoid", weight_scale=1e200))
    check_deep_network(make_mlp(DEEP_SIZES, "relu", weight_scale=1e200))
    assert len(recwarn) == 0


# -------------------------------------------------------------------- dead ReLU units


def dead_units(network, X):
    masks, A = [], X
    for W, b in zip(network.weights[:-1], network.biases[:-1], strict=True):
        z = A @ W + b
        masks.append(np.all(z <= 0, axis=0))
        A = np.maximum(z, 0)
    return masks


def variant(**mistake):
    """dead_units with one typical mistake."""

    def answer(network, X):
        masks, A = [], X
        layers = list(zip(network.weights, network.biases, strict=True))
        if not mistake.get("output_layer"):
            layers = layers[:-1]
        for W, b in layers:
            if mistake.get("star"):
                z = A * W + b
            elif mistake.get("X_each_layer"):
                z = X @ W + b
            else:
                z = A @ W + (0.0 if mistake.get("no_bias") else b)
            if mistake.get("any"):
                mask = np.any(z <= 0, axis=0)
            elif mistake.get("strict"):
                mask = np.all(z < 0, axis=0)
            elif mistake.get("alive"):
                mask = np.any(z > 0, axis=0)
            elif mistake.get("axis_1"):
                mask = np.all(z <= 0, axis=1)
            elif mistake.get("no_axis"):
                mask = z <= 0
            elif mistake.get("share"):
                mask = np.mean(z <= 0, axis=0)
            elif mistake.get("count"):
                mask = int(np.all(z <= 0, axis=0).sum())
            else:
                mask = np.all(z <= 0, axis=0)
            masks.append(mask)
            A = z if mistake.get("no_relu") else np.maximum(z, 0)
        return masks[0] if mistake.get("first_only") else masks

    return answer


@pytest.mark.parametrize(
    "answer",
    [
        dead_units,
        lambda network, X: [np.all(h == 0, axis=0) for h in hidden_activations(network, X)],
        lambda network, X: [m.astype(int) for m in dead_units(network, X)],
        lambda network, X: tuple(dead_units(network, X)),
    ],
)
def test_dead_units_right_answers_pass(answer):
    result = check_dead_units(answer)
    assert result.passed, result
    assert "10 of the 32 units of hidden layer 1" in result.message


@pytest.mark.parametrize(
    ("mistake", "phrases"),
    [
        ("any", ("np.any", "np.all")),
        ("alive", ("alive",)),
        ("strict", ("z < 0", "exactly 0", "z <= 0")),
        ("no_bias", ("bias",)),
        ("no_relu", ("ReLU of z", "np.maximum(z, 0)")),
        ("star", ("element by element", "`@`", "@, not *")),
        ("X_each_layer", ("matrix product", "not X")),
        ("output_layer", ("leave out the output layer",)),
        ("axis_1", ("one entry per input", "axis 0")),
        ("no_axis", ("one entry per input and unit", "np.all")),
        ("share", ("between 0 and 1", "True/False")),
        ("count", ("a number per layer", "mask.sum()")),
        ("first_only", ("one array per hidden layer",)),
    ],
)
def test_dead_units_mistakes_are_named(mistake, phrases):
    assert_fails_with(check_dead_units(variant(**{mistake: True})), *phrases)


def test_dead_units_other_answers():
    assert_fails_with(check_dead_units(lambda network, X: network.W), "network.weights")
    assert_fails_with(check_dead_units(lambda network, X: 3), "one number")
    assert_fails_with(check_dead_units(lambda network, X: "dead"), "not a str")


def test_dead_units_first_failing_unit_is_named():
    def one_wrong(network, X):
        masks = dead_units(network, X)
        if network.layer_sizes[1] == 32:  # right on the hand-built network
            masks[1] = masks[1].copy()
            masks[1][0] = not masks[1][0]
        return masks

    result = check_dead_units(one_wrong)
    assert_fails_with(result, "trained with lr = 4", "unit 0 of hidden layer 2")
    assert "built by hand" not in result.message


def test_the_hand_built_network_has_the_dead_units_its_docstring_says():
    network, X = checks._hand_network()
    outputs = hidden_activations(network, X)
    first, second = (np.all(h == 0, axis=0).tolist() for h in outputs)
    assert first == [True, False, True, False]
    assert second == [True, True, False]
    # Unit 3 of layer 1 has z exactly 0 everywhere; unit 2 of layer 2 would live on z.
    assert not np.any(X @ network.weights[0][:, 2] + network.biases[0][2])


def test_a_function_that_changes_the_network_does_not_change_the_next_check():
    def vandal(network, X):
        for W in network.weights:
            W[:] = 0.0
        return None

    check_dead_units(vandal)
    assert "10 of the 32 units of hidden layer 1" in check_dead_units(dead_units).message


# ------------------------------------------------------------------------ early stopping


def stopping_step(history):
    return history["epoch"][np.argmax(history["validation_accuracy"])]


@pytest.mark.parametrize(
    "answer",
    [
        stopping_step,
        lambda h: float(stopping_step(h)),
        lambda h: int(stopping_step(h)),
        lambda h: np.array([stopping_step(h)]),
        lambda h: next(
            e
            for e, v in zip(h["epoch"], h["validation_accuracy"], strict=True)
            if v == max(h["validation_accuracy"])
        ),
    ],
)
def test_early_stopping_right_answers_pass(answer):
    assert check_early_stopping(answer).passed


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (lambda h: np.argmax(h["validation_accuracy"]), ("position", "history['epoch']")),
        (lambda h: np.max(h["validation_accuracy"]), ("accuracy itself",)),
        (lambda h: h["epoch"][np.argmax(h["new_accuracy"])], ("new points", "optimistic")),
        (lambda h: h["epoch"][np.argmax(h["train_accuracy"])], ("training data",)),
        (lambda h: h["epoch"][np.argmin(h["loss"])], ("training data",)),
        (
            lambda h: h["epoch"][
                np.flatnonzero(h["validation_accuracy"] == h["validation_accuracy"].max())[-1]
            ],
            ("more than once", "earliest"),
        ),
        (lambda h: h["epoch"][np.argmax(h["val_accuracy"])], ("no key 'val_accuracy'",)),
        (lambda h: h["epoch"], ("array of shape (11,)", "one number")),
        (lambda h: [stopping_step(h)], ("a list",)),
        (lambda h: True, ("a bool",)),
        (lambda h: 123, ("returns 123", "the answer is 200")),
    ],
)
def test_early_stopping_mistakes_are_named(answer, phrases):
    assert_fails_with(check_early_stopping(answer), *phrases)


def test_early_stopping_blames_the_case_it_gets_wrong():
    # Right on the first history, wrong on the second (which peaks at its last record).
    def never_the_last(history):
        return history["epoch"][np.argmax(history["validation_accuracy"][:-1])]

    result = check_early_stopping(never_the_last)
    assert_fails_with(result, "0, 100, 200, 300 steps", "the answer is 300")


# ------------------------------------------------------------------------ SiLU′, on paper


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: sigmoid(x) * (1 + x * (1 - sigmoid(x))),
        lambda x: sigmoid(x) + x * sigmoid(x) * sigmoid(-x),
        lambda x: sigmoid(x) * (1 + x * sigmoid(-x)),
        silu_grad,
    ],
)
def test_silu_grad_right_forms_pass(answer):
    result = check_silu_grad(answer)
    assert result.passed, result
    assert "±720" in result.message


def _s(x):
    return sigmoid(x)


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (_s, ("only the first term", "x·σ′(x) is missing")),
        (lambda x: x * _s(x) * (1 - _s(x)), ("only the second term", "σ(x), from the")),
        (lambda x: _s(x) * (1 - _s(x)), ("σ′(x), the sigmoid's derivative",)),
        (lambda x: x * _s(x), ("SiLU itself",)),
        (lambda x: _s(x) + _s(x) * (1 - _s(x)), ("keeps its factor x",)),
        (lambda x: _s(x) * (1 - x * (1 - _s(x))), ("sign slip",)),
        (lambda x: _s(x) + x * _s(x) ** 2, ("not σ(x)²",)),
        (lambda x: _s(x) + x * (1 - _s(x)), ("forgotten factor",)),
        (lambda x: _s(x) + x * _s(x), ("not σ(x):",)),
        (lambda x: _s(x) * (1 + x) * (1 - _s(x)), ("out of both terms",)),
        (lambda x: (silu(x + 1e-6) - silu(x)) / 1e-6, ("not exact", "finite difference")),
        (
            lambda x: (1 + np.exp(-x) + x * np.exp(-x)) / (1 + np.exp(-x)) ** 2,
            ("x = -700", "overflow", "sl.sigmoid"),
        ),
        (lambda x: _s(x) if x > 0 else 0, ("truth value", "np.where")),
        (lambda x: np.array([float(silu_grad(v)) for v in x]), ("single number x = 0.0",)),
        (lambda x: silu_grad(x)[:-1], ("shape",)),
    ],
)
def test_silu_grad_mistakes_are_named(answer, phrases):
    assert_fails_with(check_silu_grad(answer), *phrases)


def test_silu_grad_with_silenced_overflow_or_cancellation_fails():
    def silenced(x):
        with np.errstate(all="ignore"):
            return (1 + np.exp(-x) + x * np.exp(-x)) / (1 + np.exp(-x)) ** 2

    assert_fails_with(
        check_silu_grad(silenced), "x = -700", "-0.0", "-6.89e-302", "its square", "Silencing"
    )

    def cancelling(x):
        s = 1 - sigmoid(-x)
        return s * (1 + x * sigmoid(-x))

    assert_fails_with(check_silu_grad(cancelling), "x = -40", "rounded to exactly 0")


def test_silu_grad_blames_the_first_input_it_gets_wrong():
    # Right up to 10, wrong above: the message names 10.5, never a point where it is right.
    result = check_silu_grad(lambda x: np.where(x > 10, 0.0, silu_grad(x)))
    assert_fails_with(result, "At x = 10.5")


def mp_silu_grad(x):
    x = mpmath.mpf(x)
    s = 1 / (1 + mpmath.exp(-x))
    return float(s * (1 + x * (1 - s)))


def test_silu_grad_reference_is_exact_in_the_tails():
    mpmath.mp.prec = 200
    for point in checks._SILU_GRAD_TAIL:
        value = float(silu_grad(np.array([point]))[0])
        assert agrees(value, mp_silu_grad(point), rtol=1e-9), point


# ----------------------------------------------- Leaky ReLU's slope and SiLU, migrated


def test_leaky_relu_grad_blames_the_slope_and_input_it_gets_wrong():
    # Right for slope 0.01, wrong for 0.2, and only at x = 4.
    def wrong_at_4(x, slope=0.01):
        result = leaky_relu_grad(x, slope)
        return np.where(x == 4.0, 2.0, result) if slope == 0.2 else result

    assert_fails_with(check_leaky_relu_grad(wrong_at_4), "slope=0.2", "x = 4")


def test_leaky_relu_grad_translates_numpy_errors():
    def with_if(x, slope=0.01):
        return 1.0 if x > 0 else slope

    assert_fails_with(check_leaky_relu_grad(with_if), "truth value", "np.where")


def test_silu_blames_the_first_input_it_gets_wrong():
    answer = lambda x: np.where(x > 3, 0.0, x * sigmoid(x))  # noqa: E731
    assert_fails_with(check_silu(answer), "differ", "x = 3.5")


def test_silu_translates_numpy_errors():
    assert_fails_with(check_silu(lambda x: __import__("math").exp(x)), "math.exp")


# ------------------------------------------------------------------------------ in Chinese

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("check", "phrases"),
    [
        (
            lambda: check_deep_network(make_mlp(DEEP_SIZES, "sigmoid")),
            ("梯度仍然消失", "训练 800 步之后", "1/100", "第 3 章的临界权重"),
        ),
        (
            lambda: check_dead_units(variant(any=True)),
            ("在手工搭建的小网络上", "np.any", "np.all"),
        ),
        (
            lambda: check_early_stopping(lambda h: h["epoch"][np.argmax(h["new_accuracy"])]),
            ("你的函数返回 300；答案是 200", "新点", "validation_accuracy"),
        ),
        (lambda: check_silu_grad(_s), ("乘积法则的第一项", "x·σ′(x)")),
    ],
)
def test_typical_wrong_answers_are_named_in_chinese(check, phrases):
    with sl.i18n.language("zh"):
        result = check()
    assert result.status == "failed", result
    assert CJK.search(result.exercise) and CJK.search(result.message), result
    assert "{" not in result.message and "}" not in result.message, result.message
    for phrase in phrases:
        assert phrase in result.message, result.message


def test_prediction_explanations_are_in_chinese():
    with sl.i18n.language("zh"):
        result = compare_prediction(PREDICTIONS["ch5-vanishing-exponent"], 3)
    assert "第一层的梯度比最后一层的小" in result.message, result.message
    assert "k = 6" in result.message and "{" not in result.message, result.message


def test_the_checkers_speak_english_again_after_chinese():
    with sl.i18n.language("zh"):
        check_silu_grad(_s)
    assert_fails_with(check_silu_grad(_s), "only the first term", "x·σ′(x) is missing")
