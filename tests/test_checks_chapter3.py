"""Chapter 3's checkers, predictions and self-check questions.

For every checker: right answers in any correct form pass, and each typical wrong answer gets
a message that names its mistake (a sign slip, a forgotten factor, the sigmoid's pattern on
tanh, an overflow, a subtraction that rounds to 0, a missing `return`, …), at the first input
where the answer is wrong, never at one where it is right.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path

import mpmath
import numpy as np
import pytest

from sigmoid_lab.activations import logit, sigmoid, sigmoid_grad, tanh_grad
from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks.gradient import (
    check_critical_weight,
    check_log_sigmoid_grad,
    check_sigmoid_grad,
    check_tanh_grad,
)
from sigmoid_lab.checks.predictions import compare_prediction
from sigmoid_lab.checks.questions.chapter3 import PREDICTIONS, SELF_CHECK
from sigmoid_lab.checks.selfcheck import check_answer
from sigmoid_lab.i18n import language

ROOT = Path(__file__).resolve().parents[1]


def placeholder(*args):
    raise NotImplementedError


def assert_names(result, *words, absent=()):
    assert isinstance(result, CheckResult)
    assert not result.passed, repr(result)
    for word in words:
        assert word in result.message, f"{word!r} not in {result.message!r}"
    for word in absent:
        assert word not in result.message, f"{word!r} in {result.message!r}"


def silenced(func):
    """``func`` with NumPy's warnings switched off, as a learner might do."""

    def quiet(x):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return func(x)

    return quiet


def wrong_at(func, bad: float):
    """``func``, off by 0.1 where |x| = ``bad`` and right everywhere else."""
    return lambda x: func(x) + 0.1 * (np.abs(np.asarray(x)) == bad)


# ----------------------------------------------------------- exercise 1: the slope of log σ


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: 1 - sigmoid(x),
        lambda x: sigmoid(-x),
        lambda x: (1 - np.tanh(x / 2)) / 2,
        lambda x: np.exp(-np.logaddexp(0.0, x)),
    ],
    ids=["1 - σ(x)", "σ(-x)", "tanh form", "logaddexp"],
)
def test_log_sigmoid_grad_passes_any_correct_form(answer):
    result = check_log_sigmoid_grad(answer)
    assert result.passed, result
    assert "0.999999998" in result.message  # the slope at x = −20, where σ′ is 2.06e-09
    assert "Computed as written" not in result.message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (lambda x: np.exp(-x) / (1 + np.exp(-x)), ("x = -1000", "nan", "overflow")),
        (lambda x: 1 / (1 + np.exp(x)), ("x = 1000", "overflow")),
        (lambda x: sigmoid_grad(x) / sigmoid(x), ("x = -1000", "nan", "0/0")),
        (lambda x: sigmoid(x) * np.exp(-x), ("x = -1000", "nan", "sl.sigmoid alone")),
    ],
    ids=["e^-x/(1+e^-x)", "1/(1+e^x)", "σ′/σ", "σ(x)·e^-x"],
)
def test_log_sigmoid_grad_passes_a_right_formula_that_overflows_with_a_note(answer, words):
    result = check_log_sigmoid_grad(answer)
    assert result.passed, result
    for word in ("Computed as written", *words):
        assert word in result.message, f"{word!r} not in {result.message!r}"


def test_log_sigmoid_grad_names_each_mistake():
    s = sigmoid
    assert_names(check_log_sigmoid_grad(lambda x: -s(-x)), "sign slip", "positive")
    assert_names(check_log_sigmoid_grad(lambda x: s(x) - 1), "sign slip")
    assert_names(check_log_sigmoid_grad(s), "σ(x)", "log(1 + eˣ)", "factor −1")
    assert_names(check_log_sigmoid_grad(sigmoid_grad), "σ′(x)", "u′/u")
    assert_names(
        check_log_sigmoid_grad(lambda x: s(x) * (1 - s(x))), "derivative of σ, not of log σ"
    )
    assert_names(check_log_sigmoid_grad(lambda x: 1 / s(x)), "1/σ(x)", "chain rule")
    assert_names(check_log_sigmoid_grad(lambda x: np.exp(-x)), "e⁻ˣ", "forgotten factor")
    assert_names(check_log_sigmoid_grad(lambda x: s(x) / sigmoid_grad(x)), "upside down")
    assert_names(check_log_sigmoid_grad(lambda x: np.log(s(x))), "log σ(x) itself")


def test_log_sigmoid_grad_reports_the_first_failing_input_never_a_right_one():
    result = check_log_sigmoid_grad(wrong_at(lambda x: sigmoid(-x), 3.0))
    assert_names(result, "At x = -3 ", "d/dx log σ(x) = 0.952574", absent=("x = 0 ",))
    late = check_log_sigmoid_grad(lambda x: np.where(np.asarray(x) > 30, 0.5, sigmoid(-x)))
    assert_names(late, "At x = 30.5 ", "returns 0.5")


def test_log_sigmoid_grad_translates_python_and_numpy_errors():
    s = sigmoid
    assert_names(check_log_sigmoid_grad(lambda x: None), "forget `return`")

    def prints(x):
        print(end="")

    assert_names(check_log_sigmoid_grad(prints), "forget `return`")

    def branches(x):
        if x < 0:
            return s(-x)
        return 1 - s(x)

    assert_names(check_log_sigmoid_grad(branches), "`if`", "whole array x", "element by element")
    assert_names(check_log_sigmoid_grad(lambda x: 1 / (1 + math.exp(x))), "math.exp", "np.exp")
    assert_names(check_log_sigmoid_grad(lambda x: np.sum(s(-x))), "single number", "np.sum")
    assert_names(check_log_sigmoid_grad(lambda x: s(-x) @ np.ones_like(x)), "`@`")
    assert_names(check_log_sigmoid_grad(lambda x: undefined_name * x), "undefined_name")  # noqa: F821
    listed = check_log_sigmoid_grad(lambda x: [float(s(-v)) for v in x])
    assert_names(listed, "single number x = 0.0", "np.asarray")


def test_log_sigmoid_grad_placeholder_and_wrong_kind_of_answer():
    assert check_log_sigmoid_grad(placeholder).status == "not attempted"
    assert check_log_sigmoid_grad(...).status == "not attempted"
    assert_names(check_log_sigmoid_grad(0.5), "without calling it", "float")


# ------------------------------------------------------------ exercise 2: tanh′ in both tails


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: 4 * sigmoid_grad(2 * x),
        lambda x: 4 * sigmoid(2 * x) * sigmoid(-2 * x),
        lambda x: (lambda e: 4 * e / (1 + e) ** 2)(np.exp(-2 * np.abs(x))),
        tanh_grad,
    ],
    ids=["4σ′(2x)", "4σ(2x)σ(-2x)", "exp(-2|x|)", "tanh_grad"],
)
def test_tanh_grad_passes_forms_accurate_in_both_tails(answer):
    result = check_tanh_grad(answer)
    assert result.passed, result
    assert "8.1e-313" in result.message


@pytest.mark.parametrize("x", [20.0, -40.0, 100.0, 350.0, -360.0])
def test_tanh_grad_reference_is_exact_far_in_the_tails(x):
    mpmath.mp.dps = 50
    e = mpmath.exp(-2 * abs(mpmath.mpf(x)))
    exact = float(4 * e / (1 + e) ** 2)
    assert float(tanh_grad(x)) == pytest.approx(exact, rel=1e-12)


def test_tanh_grad_names_each_mistake():
    t = np.tanh
    assert_names(check_tanh_grad(lambda x: 1 - t(x)), "1 − tanh(x)", "square is missing")
    assert_names(check_tanh_grad(lambda x: t(x) * (1 - t(x))), "sigmoid's pattern")
    assert_names(check_tanh_grad(lambda x: sigmoid_grad(2 * x)), "factor 4 is missing")
    assert_names(check_tanh_grad(lambda x: 2 * sigmoid_grad(2 * x)), "one factor 2 is missing")
    assert_names(check_tanh_grad(lambda x: 4 * sigmoid_grad(x)), "σ′ at x", "2x")
    assert_names(check_tanh_grad(lambda x: sigmoid_grad(x / 2)), "at x/2", "2σ(2x) − 1")
    assert_names(check_tanh_grad(sigmoid_grad), "σ′(x), the sigmoid's derivative")
    assert_names(check_tanh_grad(lambda x: t(x) ** 2 - 1), "sign slip", "negative")
    assert_names(check_tanh_grad(lambda x: 1 + t(x) ** 2), "sign slip")
    assert_names(check_tanh_grad(lambda x: 1 / np.cosh(x)), "1/cosh(x)", "square is missing")
    assert_names(check_tanh_grad(t), "tanh(x) itself")


def test_tanh_grad_names_the_tail_mistakes():
    t = np.tanh
    rounded = check_tanh_grad(lambda x: 1 - t(x) ** 2)
    assert_names(rounded, "At x = 20 ", "returns 0.0", "1.7e-17", "tanh(20) = 1.0", "exactly 0")
    factored = check_tanh_grad(lambda x: (1 - t(x)) * (1 + t(x)))
    assert_names(factored, "At x = 20 ", "(1 − tanh(x))(1 + tanh(x))")
    via_sigmoid = check_tanh_grad(lambda x: 4 * sigmoid(2 * x) * (1 - sigmoid(2 * x)))
    assert_names(via_sigmoid, "At x = 20 ", "σ(40) = 1.0", "1 − σ(2x)")

    def cosh_squared(x):
        return 1 / np.cosh(x) ** 2

    assert_names(check_tanh_grad(cosh_squared), "At x = 360 ", "overflow", "355")
    quiet = check_tanh_grad(silenced(cosh_squared))
    assert_names(quiet, "At x = 360 ", "returns 0.0", "8.13e-313", "overflow", "Silencing")
    textbook = check_tanh_grad(lambda x: 4 * np.exp(-2 * x) / (1 + np.exp(-2 * x)) ** 2)
    assert_names(textbook, "At x = -350 ", "overflow")
    clipped = check_tanh_grad(lambda x: tanh_grad(np.clip(x, -300, 300)))
    assert_names(clipped, "At x = 350 ", "3.94e-304")


def test_tanh_grad_reports_the_first_failing_input_never_a_right_one():
    result = check_tanh_grad(wrong_at(tanh_grad, 1.5))
    assert_names(result, "At x = -1.5 ", absent=("x = 0 ",))
    assert_names(check_tanh_grad(lambda x: 2 - 2 * np.tanh(x) ** 2), "At x = 0 ", "returns 2")


def test_tanh_grad_translates_python_and_numpy_errors():
    assert_names(check_tanh_grad(lambda x: None), "forget `return`")

    def branches(x):
        return 4 * sigmoid_grad(2 * x) if x > 0 else 1.0

    assert_names(check_tanh_grad(branches), "`if`", "whole array x")
    assert_names(check_tanh_grad(lambda x: 1 / math.cosh(x) ** 2), "math")
    assert_names(check_tanh_grad(lambda x: 4 * sigmoid(2 * x) @ sigmoid(-2 * x)), "`@`")
    assert_names(
        check_tanh_grad(lambda x: [4 * float(sigmoid_grad(2 * v)) for v in x]),
        "single number x = 0.0",
    )
    assert check_tanh_grad(placeholder).status == "not attempted"
    assert_names(check_tanh_grad(tanh_grad(0.0)), "without calling it")


# ------------------------------------------------- exercise 3: the weight that keeps a gradient


def test_critical_weight_at_a_saturating_unit():
    exact = 1 / (0.9 * 0.1)
    assert check_critical_weight(exact, output=0.9).passed
    assert check_critical_weight(11.11, output=0.9).passed
    rounded = check_critical_weight(11.1, output=0.9)
    assert rounded.passed and "close to 1" in rounded.message
    assert check_critical_weight(np.float64(exact), output=0.9).passed
    assert check_critical_weight(..., output=0.9).status == "not attempted"


def test_critical_weight_names_each_mistake():
    def check(weight):
        return check_critical_weight(weight, output=0.9)

    assert_names(check(4), "steepest point", "a = 0.9")
    assert_names(check(0.09), "σ′(z) itself")
    assert_names(check(1 / float(sigmoid_grad(0.9))), "σ′(0.9)", "output a = σ(z), not its input")
    assert_names(check(1 / 0.9), "1/a", "forgotten factor")
    assert_names(check(10), "1/(1 − a)", "forgotten factor")
    assert_names(check(11), "rounded too early")
    assert_names(check(20), "too large", absent=("0.09",))
    assert_names(check(5), "too small", absent=("0.09",))
    assert_names(check(-11.1), "positive")
    assert_names(check(0), "positive")
    assert_names(check(math.inf), "finite")
    assert_names(check("11.1"), "one number", "str")
    assert_names(check([11.1]), "one number", "list")
    assert_names(check(True), "bool")


def test_critical_weight_at_the_steepest_point_keeps_its_messages():
    assert check_critical_weight(4).passed
    assert "w·σ′(0) = 4 × 0.25 = 1." in check_critical_weight(4).message
    assert_names(check_critical_weight(3.9), "w·σ′(0) = 0.975", absent=("rounded",))


@pytest.mark.parametrize("output", [0.0, 1.0, 1.5, True, "0.9", math.nan])
def test_critical_weight_refuses_an_output_outside_0_1(output):
    with pytest.raises(ValueError, match="check_critical_weight: output must be"):
        check_critical_weight(4, output=output)


def test_critical_weight_uses_the_package_slope():
    for a in (0.1, 0.5, 0.75, 0.99):
        slope = float(sigmoid_grad(logit(a)))
        assert slope == pytest.approx(a * (1 - a), rel=1e-12)
        assert check_critical_weight(1 / slope, output=a).passed


# --------------------------------------------------------------- σ′: the feedback kinds


def test_sigmoid_grad_reports_the_first_failing_input_never_a_right_one():
    result = check_sigmoid_grad(wrong_at(sigmoid_grad, 3.0))
    assert_names(result, "At x = -3 ", "σ′(x) = 0.0451767", absent=("x = 0 ",))


def test_sigmoid_grad_translates_python_and_numpy_errors():
    s = sigmoid
    assert_names(check_sigmoid_grad(lambda x: None), "forget `return`")
    assert_names(check_sigmoid_grad(lambda x: s(x) @ s(-x)), "single number", "`@`")

    def branches(x):
        return s(x) * s(-x) if x > 0 else 0.0

    assert_names(check_sigmoid_grad(branches), "`if`", "whole array x")
    assert_names(check_sigmoid_grad(s(0.0)), "without calling it")


# ----------------------------------------------------------------------------- predictions


def test_the_peak_slope_prediction():
    prediction = PREDICTIONS["ch3-peak-slope"]
    assert prediction.outcome() == 0.25
    assert compare_prediction(prediction, 0.25).passed
    assert compare_prediction(prediction, 1 / 4).passed
    assert "σ(0)" in compare_prediction(prediction, 0.5).message
    assert "infinity" in compare_prediction(prediction, math.inf).message
    assert "low" in compare_prediction(prediction, 0.1).message
    assert "nowhere 0" in compare_prediction(prediction, 0).message


def test_the_float32_depth_prediction():
    prediction = PREDICTIONS["ch3-float32-depth"]
    depth = prediction.outcome()
    assert depth == 13
    assert 0.25 ** (depth - 1) >= 2.0**-25 > 0.25**depth
    assert "1.49e-08" in prediction.explain(depth) and "5.96e-08" in prediction.explain(depth)
    assert "½" in compare_prediction(prediction, 25).message
    assert "10⁻⁶" in compare_prediction(prediction, 10).message
    assert "twice" in compare_prediction(prediction, 12).message


def test_the_off_centre_prediction():
    prediction = PREDICTIONS["ch3-off-centre-growth"]
    assert prediction.outcome() is False
    explanation = prediction.explain(False)
    assert "2.3e-03" in explanation and "8 layers" in explanation and "16.8" in explanation
    assert compare_prediction(prediction, False).passed
    assert compare_prediction(prediction, "no").passed
    assert "z = 0" in compare_prediction(prediction, True).message


# -------------------------------------------------------------------------------- self-check


def test_self_check_keys():
    by_key = {question.key: question for question in SELF_CHECK}
    assert check_answer(by_key["ch3-five-layers"], 1 / 1024).passed
    assert not check_answer(by_key["ch3-five-layers"], 1.25).passed
    assert check_answer(by_key["ch3-explode"], "c").passed
    assert check_answer(by_key["ch3-float32-lost"], "d").passed
    assert check_answer(by_key["ch3-step-size"], "b").passed
    assert check_answer(by_key["ch3-rounded-zero"], "c").passed


# ------------------------------------------------------- the exercises do not answer themselves


def _chapter_text_before_exercises() -> str:
    nb = json.loads((ROOT / "notebooks" / "03-follow-the-gradient.ipynb").read_text("utf-8"))
    text = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if source.startswith("## Exercises"):
            break
        text.append(source)
        for output in cell.get("outputs", []):
            text.append("".join(output.get("text", "")))
            text.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(text)


@pytest.mark.parametrize(
    "answer",
    ["sl.tanh_grad", "1 − tanh", "1 - tanh", "2σ′(2x)", "sigmoid_grad(2", "11.1", "a(1 − a)"],
)
def test_no_exercise_answer_is_printed_before_the_exercises(answer):
    assert answer not in _chapter_text_before_exercises()


@pytest.mark.parametrize(
    "answer",
    [
        lambda x: np.exp(-x) / (1 + np.exp(-x)),
        lambda x: 1 / np.cosh(x) ** 2,
        lambda x: 4 * np.exp(-2 * x) / (1 + np.exp(-2 * x)) ** 2,
    ],
    ids=["e^-x/(1+e^-x)", "1/cosh²", "textbook tanh′"],
)
def test_checkers_leak_no_warning(answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_log_sigmoid_grad(answer)
        check_tanh_grad(answer)
        check_sigmoid_grad(answer)


# ------------------------------------------------------------------------------- in Chinese

_CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_chinese(text: str, *filled: str) -> None:
    """Chinese text whose placeholders were all filled in, with the given values among them."""
    assert _CJK.search(text), text
    assert "{" not in text and "}" not in text, text
    for value in filled:
        assert value in text, f"{value!r} not in {text!r}"


def test_feedback_in_chinese_names_the_mistake():
    with language("zh"):
        square = check_tanh_grad(lambda x: 1 - np.tanh(x))
        rounded = check_sigmoid_grad(lambda x: sigmoid(x) * (1 - sigmoid(x)))
        large = check_critical_weight(20, output=0.9)
        depth = compare_prediction(PREDICTIONS["ch3-float32-depth"], 10)
    assert_chinese(square.exercise)
    assert_chinese(square.message, "1 − tanh(x)", "少了平方")
    assert_chinese(rounded.message, "x = 38", "3.1e-17", "σ(−x)")
    assert_chinese(large.exercise, "a = 0.9")
    assert_chinese(large.message, "w = 20", "a = 0.9", "太大")
    assert_chinese(depth.message, "9.54e-07", "1/32", "5.96e-08")
    # Back in English afterwards, word for word.
    assert "the square is missing" in check_tanh_grad(lambda x: 1 - np.tanh(x)).message
