"""Chapter 4's checkers name each typical wrong answer, report the first case that fails and
pass every right form; its predictions and self-check keys are what the package computes."""

from __future__ import annotations

import re

import numpy as np
import pytest

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.article import ARTICLE_CODE
from sigmoid_lab.checks.questions.chapter4 import PREDICTIONS, SELF_CHECK
from sigmoid_lab.checks.training import (
    ARTICLE_LABELS,
    CheckResult,
    check_article_repair,
    check_decision_rule,
    check_logistic_gradient,
    check_loss_from_logits,
    check_weighted_loss,
    check_weighted_loss_grad,
)


def assert_fails_with(result: CheckResult, *phrases: str) -> None:
    assert result.status == "failed", result
    for phrase in phrases:
        assert phrase in result.message, result.message
    assert repr(result).startswith("✘ Not yet")


def naive_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def placeholder(*args):
    raise NotImplementedError


# ---------------------------------------------------------------- exercise 1: the repair


def article_functions():
    """The article's functions as printed, defined the way the exercise cell defines them."""
    namespace = {"np": np, "sigmoid": naive_sigmoid}
    exec(ARTICLE_LABELS, namespace)  # the article's own text, compiled like a cell
    start = ARTICLE_CODE.index("def gradient_descent")
    end = ARTICLE_CODE.index("# 训练模型")
    exec(ARTICLE_CODE[start:end], namespace)
    return namespace["article_labels"], namespace["gradient_descent"]


def labels(X):
    return (X[:, 0] > 0).astype(int)


def with_ones(X):
    return np.column_stack([X, np.ones(len(X))])


def flat(X, y, theta, alpha, iterations):
    A, theta = with_ones(X), theta.ravel()
    for _ in range(iterations):
        theta = theta - alpha * A.T @ (sigmoid(A @ theta) - y) / len(y)
    return theta


def columns(X, y, theta, alpha, iterations):
    A, y = with_ones(X), y.reshape(-1, 1)
    for _ in range(iterations):
        theta -= alpha * A.T.dot(naive_sigmoid(A.dot(theta)) - y) / len(y)
    return theta


def test_the_article_code_untouched_is_not_attempted():
    result = check_article_repair(*article_functions())
    assert result.status == "not attempted"
    assert "exactly as printed" in result.message


def test_a_placeholder_is_not_attempted():
    assert check_article_repair(labels, placeholder).status == "not attempted"
    assert check_article_repair(placeholder, flat).status == "not attempted"


@pytest.mark.parametrize("repair", [flat, columns])
def test_both_layouts_and_boolean_labels_pass(repair):
    assert check_article_repair(labels, repair).passed
    assert check_article_repair(lambda X: X[:, 0] > 0, repair).passed
    assert check_article_repair(lambda X: labels(X).reshape(-1, 1), columns).passed


def test_np_int_still_there_is_named_even_when_the_loop_is_repaired():
    article_labels, _ = article_functions()
    assert_fails_with(check_article_repair(article_labels, flat), "np.int", "1.24", "int")


def test_only_np_int_fixed_names_the_missing_bias():
    _, gradient_descent = article_functions()
    assert_fails_with(
        check_article_repair(labels, gradient_descent), "bias is missing", "2 columns"
    )


def broadcast(X, y, theta, alpha, iterations):
    X = with_ones(X)
    for _ in range(iterations):
        hypothesis = naive_sigmoid(X.dot(theta))
        gradient = (hypothesis - y).dot(X).T / len(y)
        theta -= alpha * gradient
    return theta


def broadcast_silently(X, y, theta, alpha, iterations):
    X = with_ones(X)
    for _ in range(iterations):
        hypothesis = naive_sigmoid(X.dot(theta))
        theta = theta - alpha * (hypothesis - y).dot(X).T / len(y)
    return theta


@pytest.mark.parametrize("answer", [broadcast, broadcast_silently])
def test_the_broadcast_to_1000_by_1000_is_named(answer):
    assert_fails_with(
        check_article_repair(labels, answer), "broadcasting bug", "(1000, 1000)", "(1000, 1)"
    )


def transposed(X, y, theta, alpha, iterations, *, in_place=True):
    X, y = with_ones(X), y.reshape(-1, 1)
    for _ in range(iterations):
        gradient = (naive_sigmoid(X.dot(theta)) - y).T.dot(X) / len(y)  # a (1, 3) row
        if in_place:
            theta -= alpha * gradient
        else:
            theta = theta - alpha * gradient
    return theta


@pytest.mark.parametrize("in_place", [True, False])
def test_the_transposed_gradient_is_named(in_place):
    def answer(*args):
        return transposed(*args, in_place=in_place)

    assert_fails_with(check_article_repair(labels, answer), "transposed", "(3, 3)")


def columns_in_the_article_order(X, y, theta, alpha, iterations):
    X, y = with_ones(X), y.reshape(-1, 1)
    for _ in range(iterations):
        theta -= alpha * (naive_sigmoid(X.dot(theta)) - y).dot(X).T / len(y)
    return theta


def x_times_errors(X, y, theta, alpha, iterations):
    X, theta = with_ones(X), theta.ravel()
    for _ in range(iterations):
        theta = theta - alpha * X @ (sigmoid(X @ theta) - y) / len(y)
    return theta


@pytest.mark.parametrize("answer", [columns_in_the_article_order, x_times_errors])
def test_a_product_with_the_wrong_axes_says_use_the_transpose(answer):
    assert_fails_with(check_article_repair(labels, answer), "use X.T", "X.T.dot(hypothesis - y)")


def bias_never_moves(X, y, theta, alpha, iterations):
    theta = theta.ravel().copy()
    for _ in range(iterations):
        theta[:2] -= alpha * X.T @ (sigmoid(X @ theta[:2]) - y) / len(y)
    return theta


def bias_first(X, y, theta, alpha, iterations):
    A, theta = np.column_stack([np.ones(len(X)), X]), theta.ravel()
    for _ in range(iterations):
        theta = theta - alpha * A.T @ (sigmoid(A @ theta) - y) / len(y)
    return theta


def climbs(X, y, theta, alpha, iterations):
    A, theta = with_ones(X), theta.ravel()
    for _ in range(iterations):
        theta = theta + alpha * A.T @ (sigmoid(A @ theta) - y) / len(y)
    return theta


def sums(X, y, theta, alpha, iterations):
    A, theta = with_ones(X), theta.ravel()
    for _ in range(iterations):
        theta = theta - alpha * A.T @ (sigmoid(A @ theta) - y)
    return theta


def one_step(X, y, theta, alpha, iterations):
    A, theta = with_ones(X), theta.ravel()
    return theta - alpha * A.T @ (sigmoid(A @ theta) - y) / len(y)


def frozen_gradient(X, y, theta, alpha, iterations):
    A, theta = with_ones(X), theta.ravel()
    gradient = A.T @ (sigmoid(A @ theta) - y) / len(y)
    for _ in range(iterations):
        theta = theta - alpha * gradient
    return theta


def forgets_return(X, y, theta, alpha, iterations):
    flat(X, y, theta, alpha, iterations)


def hstack_flat_ones(X, y, theta, alpha, iterations):
    return flat(np.hstack([X, np.ones(len(X))]), y, theta, alpha, iterations)


def returns_two(X, y, theta, alpha, iterations):
    return flat(X, y, theta, alpha, iterations)[:2]


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (bias_never_moves, ("bias never changes",)),
        (bias_first, ("ones comes first", "bias last")),
        (climbs, ("sign slip",)),
        (sums, ("1000 times too large", "divide")),
        (one_step, ("only one", "inside the loop")),
        (frozen_gradient, ("reuses the first gradient",)),
        (forgets_return, ("gradient_descent returned None", "forget `return`")),
        (hstack_flat_ones, ("np.ones((1000, 1))",)),
        (returns_two, ("three numbers",)),
    ],
)
def test_repair_mistakes_are_named(answer, phrases):
    assert_fails_with(check_article_repair(labels, answer), *phrases)


def test_labels_mistakes_are_named():
    assert_fails_with(check_article_repair(lambda X: None, flat), "article_labels", "`return`")
    wrong_feature = check_article_repair(lambda X: (X[:, 1] > 0).astype(int), flat)
    assert_fails_with(wrong_feature, "article_labels gives the point", "X[:, 0] > 0")


def test_a_non_function_says_what_to_pass():
    with pytest.raises(TypeError, match="pass your function itself"):
        check_article_repair(labels, 3)


# ---------------------------------------------------------------- exercise 2: weighted loss


def good_weighted_loss(z, y, beta):
    return beta * y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)


def softplus(t):
    return np.logaddexp(0, t)


@pytest.mark.parametrize(
    "answer",
    [
        good_weighted_loss,
        lambda z, y, b: np.where(y == 1, b * softplus(-z), softplus(z)),
        lambda z, y, b: (b * y + 1 - y) * softplus((1 - 2 * y) * z),
    ],
)
def test_weighted_loss_right_forms_pass(answer):
    assert check_weighted_loss(answer).passed


def through_p(z, y, b):
    p = naive_sigmoid(z)
    return -(b * y * np.log(p) + (1 - y) * np.log(1 - p))


def clipped_p(z, y, b, eps=1e-15):
    p = np.clip(sigmoid(z), eps, 1 - eps)
    return -(b * y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (placeholder, ()),
        (lambda z, y, b: np.mean(good_weighted_loss(z, y, b)), ("one number", "(8,)")),
        (lambda z, y, b: softplus(z) - y * z, ("β is missing",)),
        (lambda z, y, b: y * softplus(-z) + b * (1 - y) * softplus(z), ("wrong class",)),
        (lambda z, y, b: b * (softplus(z) - y * z), ("both terms",)),
        (lambda z, y, b: -good_weighted_loss(z, y, b), ("minus sign",)),
        (lambda z, y, b: b * y * softplus(z) + (1 - y) * softplus(-z), ("sign slip",)),
        (lambda z, y, b: good_weighted_loss(z, y, 4.0), ("beta = 0.5", "argument")),
        (through_p, ("z = 40, y = 0", "returns inf", "rounds to 1.0", "log 0")),
        (clipped_p, ("z = 40, y = 0", "34.54", "1e-15", "clipped")),
        (
            lambda z, y, b: clipped_p(z, y, b, eps=1e-7),
            ("z = 40, y = 0", "16.12", "1e-7", "clipped"),
        ),
        (
            lambda z, y, b: good_weighted_loss(np.clip(z, -500, 500), y, b),
            ("z = 800, y = 0", "returns 500", "smaller loss"),
        ),
        (
            lambda z, y, b: b * y * np.log1p(np.exp(-z)) + (1 - y) * np.log1p(np.exp(z)),
            ("z = 800, y = 0", "np.exp(800) overflows"),
        ),
        (
            lambda z, y, b: b * y * (softplus(z) - z) + (1 - y) * softplus(z),
            ("z = 40, y = 1", "returns 0.0", "1.7e-17", "np.logaddexp(0, -z)"),
        ),
        (lambda z, y, b: None, ("forget `return`",)),
        (lambda z, y, b: softplus(-z) if y == 1 else softplus(z), ("truth value", "np.where")),
        (lambda z, y, b: good_weighted_loss(z, y, b) + (z == 2.5), ("At z = 2.5, y = 1",)),
    ],
)
def test_weighted_loss_mistakes_are_named(answer, phrases):
    result = check_weighted_loss(answer)
    if answer is placeholder:
        assert result.status == "not attempted"
        return
    assert_fails_with(result, *phrases)


def test_weighted_loss_reports_the_first_failing_case_not_a_right_one():
    # Wrong only for y = 0 at z = 0.8, the fourth example: the message names that case.
    def wrong_at_one(z, y, b):
        return good_weighted_loss(z, y, b) + ((z == 0.8) & (y == 0))

    result = check_weighted_loss(wrong_at_one)
    assert_fails_with(result, "At z = 0.8, y = 0, β = 4")
    assert "z = -3" not in result.message


# ---------------------------------------------------------------- exercise 3: derivative


@pytest.mark.parametrize(
    "answer",
    [
        lambda z, y, b: (1 - y) * sigmoid(z) - b * y * sigmoid(-z),
        lambda z, y, b: (1 - y + b * y) * sigmoid(z) - b * y,
        lambda z, y, b: np.where(y == 1, b * (sigmoid(z) - 1), sigmoid(z)),
    ],
)
def test_weighted_grad_every_right_form_passes(answer):
    result = check_weighted_loss_grad(answer)
    assert result.passed, result
    assert "overflow" not in result.message


def test_weighted_grad_with_the_textbook_sigmoid_passes_and_notes_the_overflow():
    result = check_weighted_loss_grad(lambda z, y, b: (1 - y + b * y) * naive_sigmoid(z) - b * y)
    assert result.passed, result
    assert "overflow at z = -800" in result.message


def by_p(z, y, b):
    p = sigmoid(z)
    return -b * y / p + (1 - y) / (1 - p)


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (lambda z, y, b: b * y * sigmoid(-z) - (1 - y) * sigmoid(z), ("sign slip",)),
        (lambda z, y, b: sigmoid(z) - y, ("σ(z) − y", "β is missing")),
        (lambda z, y, b: b * (1 - y) * sigmoid(z) - y * sigmoid(-z), ("wrong class",)),
        (lambda z, y, b: b * (sigmoid(z) - y), ("both terms",)),
        (lambda z, y, b: sigmoid(z) - b * y, ("dropped while expanding",)),
        (by_p, ("∂ℓ/∂p", "chain-rule")),
        (
            lambda z, y, b: (
                ((1 - y) * sigmoid(z) - b * y * sigmoid(-z)) * sigmoid(z) * sigmoid(-z)
            ),
            ("One σ′ too many",),
        ),
        (
            lambda z, y, b: b * y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z),
            ("the loss ℓ itself",),
        ),
        (
            lambda z, y, b: (1 - y + 4 * y) * sigmoid(z) - 4 * y,
            ("beta = 0.5", "argument"),
        ),
        (
            lambda z, y, b: by_p(z, y, b) * sigmoid(z) * (1 - sigmoid(z)),
            ("z = 40, y = 0", "nan", "Simplify on paper"),
        ),
        (lambda z, y, b: 0.0, ("one number", "(34,)")),
        (lambda z, y, b: None, ("forget `return`",)),
    ],
)
def test_weighted_grad_slips_are_named(answer, phrases):
    assert_fails_with(check_weighted_loss_grad(answer), *phrases)


def test_weighted_grad_first_failing_case():
    def wrong_far_right(z, y, b):
        right = (1 - y) * sigmoid(z) - b * y * sigmoid(-z)
        return np.where(z > 7, 0.0, right)

    result = check_weighted_loss_grad(wrong_far_right)
    assert_fails_with(result, "At z = 8, y = 0, β = 4")
    assert check_weighted_loss_grad(placeholder).status == "not attempted"


# ---------------------------------------------------------------- exercise 4: decisions


@pytest.mark.parametrize(
    "answer",
    [
        lambda z, miss, fa: z > np.log(fa / miss),
        lambda z, miss, fa: sigmoid(z) > fa / (fa + miss),
        lambda z, miss, fa: (miss * sigmoid(z) > fa * (1 - sigmoid(z))).astype(int),
        lambda z, miss, fa: miss * naive_sigmoid(z) > fa * naive_sigmoid(-z),
    ],
)
def test_decision_right_forms_pass(answer):
    assert check_decision_rule(answer).passed


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (lambda z, miss, fa: sigmoid(z), ("probabilities", "decisions are asked")),
        (lambda z, miss, fa: z, ("the logits themselves",)),
        (lambda z, miss, fa: sigmoid(z) > 0.5, ("p > ½", "whatever the costs")),
        (lambda z, miss, fa: sigmoid(z) > miss / (fa + miss), ("costs are swapped",)),
        (lambda z, miss, fa: z > fa / (fa + miss), ("compare the logit z", "-1.386")),
        (lambda z, miss, fa: sigmoid(z) > fa / miss, ("odds",)),
        (lambda z, miss, fa: sigmoid(z) < fa / (fa + miss), ("reversed",)),
        (lambda z, miss, fa: sigmoid(z) > 0.2, ("⅕", "miss = 1 and false_alarm = 1")),
        (lambda z, miss, fa: None, ("forget `return`",)),
        (lambda z, miss, fa: True if sigmoid(z) > 0.2 else False, ("truth value",)),
        (lambda z, miss, fa: (z > np.log(fa / miss))[:3], ("one decision per logit",)),
    ],
)
def test_decision_mistakes_are_named(answer, phrases):
    assert_fails_with(check_decision_rule(answer), *phrases)


def test_decision_reports_the_first_wrong_decision_with_its_costs():
    def slightly_off(z, miss, fa):
        return z > np.log(fa / miss) + 0.1

    result = check_decision_rule(slightly_off)
    assert_fails_with(result, "At z = -1.38629", "you predict 0", "so predict 1", "miss = 4")
    assert check_decision_rule(placeholder).status == "not attempted"


# ---------------------------------------------------------------- the two older checkers


def test_gradient_x_times_errors_says_use_x_transpose():
    result = check_logistic_gradient(lambda X, y, t: X @ (sigmoid(X @ t) - y) / len(y))
    assert_fails_with(result, "X @ (p − y)", "use X.T @ (p − y) / m", "(40, 3)")


def test_gradient_none_says_forget_return():
    assert_fails_with(check_logistic_gradient(lambda X, y, t: None), "forget `return`")


def test_gradient_reports_the_first_case_that_fails():
    def sums_for_one_feature(X, y, t):
        gradient = X.T @ (sigmoid(X @ t) - y)
        return gradient / len(y) if X.shape[1] == 3 else gradient

    result = check_logistic_gradient(sums_for_one_feature)
    assert_fails_with(result, "(25, 1)", "divide by m")
    assert "(40, 3)" not in result.message


def test_loss_none_and_first_failing_example():
    assert_fails_with(check_loss_from_logits(lambda z, y: None), "forget `return`")

    def wrong_at_800(z, y):
        return np.mean(np.where(np.abs(z) > 500, 0.0, np.logaddexp(0, z) - y * z))

    result = check_loss_from_logits(wrong_at_800)
    assert_fails_with(result, "z = 800, y = 0", "returns 0.0")
    assert "z = 40" not in result.message


# ---------------------------------------------------------------- predictions, self-check


def test_predictions_quote_the_numbers_the_chapter_prints():
    lr_30 = PREDICTIONS["ch4-lr-30"]
    assert lr_30.outcome() is False
    text = lr_30.explain(False)
    assert "rises at 0 of the 300 steps" in text
    assert "rise at 118 of the 300 steps" in text
    same_end = PREDICTIONS["ch4-same-end"]
    assert same_end.outcome() is True
    assert "(3.7596, 0.0211, -0.1073)" in same_end.explain(True)


def test_self_check_has_one_question_per_idea():
    keys = [question.key for question in SELF_CHECK]
    assert len(keys) == len(set(keys))
    assert all(question.verify is not None for question in SELF_CHECK)


# ---------------------------------------------------------------- in Chinese

CJK = re.compile(r"[\u4e00-\u9fff]")


def clipped_loss(z, y):
    p = np.clip(sigmoid(z), 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize(
    ("check", "english", "numbers"),
    [
        (
            lambda: check_article_repair(labels, broadcast),
            "broadcasting bug",
            ["(1000, 1000)", "(1000, 1)"],
        ),
        (
            lambda: check_weighted_loss(
                lambda z, y, beta: y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
            ),
            "β is missing",
            [],
        ),
        (
            lambda: check_decision_rule(lambda z, miss, false_alarm: sigmoid(z) > 0.5),
            "whatever the costs",
            ["miss = 4", "false_alarm = 1"],
        ),
        (
            lambda: check_loss_from_logits(clipped_loss),
            "clipped",
            ["z = 40", "27.631", "1e-12"],
        ),
    ],
)
def test_typical_mistakes_are_named_in_chinese(check, english, numbers):
    import sigmoid_lab.i18n

    with sigmoid_lab.i18n.language("zh"):
        result = check()
    assert result.status == "failed"
    for text in (result.exercise, result.message):
        assert CJK.search(text), text
        assert "{" not in text and "}" not in text, text
    assert english not in result.message
    assert "your function" not in result.message.lower()
    # The numbers of the case are filled in, as in English.
    for number in numbers:
        assert number in result.message, result.message


def test_a_non_function_is_refused_in_chinese():
    import sigmoid_lab.i18n

    with sigmoid_lab.i18n.language("zh"), pytest.raises(TypeError) as raised:
        check_weighted_loss(4)
    assert CJK.search(str(raised.value)) and "check_weighted_loss(weighted_loss)" in str(
        raised.value
    )


@pytest.mark.parametrize("key", ["ch4-lr-30", "ch4-same-end"])
def test_prediction_explanations_quote_the_computed_numbers_in_chinese(key):
    import sigmoid_lab.i18n

    prediction = PREDICTIONS[key]
    outcome = prediction.outcome()
    english = prediction.explain(outcome)
    with sigmoid_lab.i18n.language("zh"):
        chinese = prediction.explain(outcome)
    assert CJK.search(chinese) and "{" not in chinese, chinese
    # The same computed numbers, in the same order.
    assert re.findall(r"-?\d+\.\d+", chinese) == re.findall(r"-?\d+\.\d+", english)
