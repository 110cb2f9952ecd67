"""Chapter 2's exercise checkers, predictions and self-check questions.

For every checker: right answers in several forms pass, and each typical wrong answer gets a
message that names its mistake, names the exercise's variable (p for the logit, y for the
inverse of tanh), and points at an input where the answer is wrong, never at one where it is
right.
"""

from __future__ import annotations

import math
import re
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special

from sigmoid_lab import i18n
from sigmoid_lab.activations import logit, naive_sigmoid, sigmoid
from sigmoid_lab.checks import sigmoid as sigmoid_checks
from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks._tails import agrees
from sigmoid_lab.checks.predictions import compare_prediction
from sigmoid_lab.checks.questions.chapter2 import PREDICTIONS, SELF_CHECK
from sigmoid_lab.checks.sigmoid import (
    check_artanh,
    check_log_sigmoid,
    check_logit,
    check_sigmoid,
)


def placeholder(*args):
    raise NotImplementedError


def assert_names(result, *words, absent=()):
    assert isinstance(result, CheckResult)
    assert result.status == "failed", repr(result)
    for word in words:
        assert word in result.message, f"{word!r} not in {result.message!r}"
    for word in absent:
        assert word not in result.message, f"{word!r} in {result.message!r}"


def named_point(result, variable):
    """The input a message names: "At p = 0.81 your function returns …"."""
    match = re.search(rf"At {variable} = (\S+) your function", result.message)
    assert match, result.message
    return float(match.group(1))


def quiet(fn):
    def answer(*args):
        with np.errstate(all="ignore"):
            return fn(*args)

    return answer


def stable_sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def stable_log_sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


# --------------------------------------------------------------- what every checker shares


@pytest.mark.parametrize("check", [check_sigmoid, check_logit, check_artanh, check_log_sigmoid])
def test_the_placeholder_and_ellipsis_are_not_attempted(check):
    for untouched in (placeholder, ...):
        result = check(untouched)
        assert result.status == "not attempted"
        assert "not attempted yet" in repr(result)


@pytest.mark.parametrize("check", [check_sigmoid, check_logit, check_artanh, check_log_sigmoid])
def test_none_is_a_forgotten_return(check):
    assert_names(check(lambda v: None), "forget `return`")


@pytest.mark.parametrize("check", [check_sigmoid, check_logit, check_artanh, check_log_sigmoid])
def test_a_value_instead_of_a_function_is_named(check):
    assert_names(check(0.5), "Pass the function itself", "float")


@pytest.mark.parametrize(
    ("check", "variable", "right"),
    [
        (check_sigmoid, "x", stable_sigmoid),
        (check_logit, "p", logit),
        (check_artanh, "y", np.arctanh),
        (check_log_sigmoid, "x", stable_log_sigmoid),
    ],
)
def test_errors_are_translated_with_the_exercises_variable(check, variable, right):
    def branchy(v):
        if v > 0:
            return right(v)
        return right(v)

    assert_names(check(branchy), f"on the whole array {variable}", "truth value")

    def two_axes(v):
        return right(v[:, 0])

    assert_names(check(two_axes), f"more axes than {variable} has", f"{variable}[i]")

    def arrays_only(v):
        return right(v[v == v])  # a plain float cannot be indexed

    result = check(arrays_only)
    assert_names(result, f"single number {variable} = ", f"{variable} = np.asarray({variable}")
    assert_names(check(lambda v: math.exp(v)), "math.exp", "np.exp")


def test_the_logit_checker_never_calls_p_x():
    messages = [
        check_logit(answer).message
        for answer in (
            lambda p: 1 if p > 0.5 else 0,
            lambda p: p[:, 0],
            lambda p: np.log(p[p > 0] / (1 - p[p > 0])),
            lambda p: np.log(p / (1 - p)) + (p > 0.8),
            quiet(lambda p: -np.log(1 / p - 1)),
        )
    ]
    for message in messages:
        assert not re.search(r"\bx\b", message), message


# ------------------------------------------------------------- the first failing case


@pytest.mark.parametrize(
    ("check", "variable", "right", "where_wrong"),
    [
        (check_sigmoid, "x", stable_sigmoid, lambda v: v > 3),
        (check_sigmoid, "x", stable_sigmoid, lambda v: v < -7),
        (check_logit, "p", lambda p: np.log(p) - np.log1p(-p), lambda p: p > 0.8),
        (check_logit, "p", lambda p: np.log(p) - np.log1p(-p), lambda p: p < 0.3),
        (check_artanh, "y", np.arctanh, lambda y: y < -0.5),
        (check_log_sigmoid, "x", stable_log_sigmoid, lambda v: v > 10),
    ],
)
def test_a_message_names_an_input_where_the_answer_is_wrong(check, variable, right, where_wrong):
    def partly_wrong(v):
        v = np.asarray(v, dtype=float)
        return right(v) + 0.1 * where_wrong(v)

    result = check(partly_wrong)
    point = named_point(result, variable)
    assert where_wrong(point), result.message


def test_the_first_failing_input_is_the_simplest():
    # Wrong for every x ≠ 0 by a growing amount: the message names x = −0.5, not x = ±20.
    result = check_sigmoid(lambda x: stable_sigmoid(x) + 0.01 * np.asarray(x) ** 2)
    assert named_point(result, "x") == -0.5
    # Wrong everywhere but p = ½: the message names the p nearest ½.
    result = check_logit(lambda p: 2 * (np.log(p) - np.log1p(-p)) + 0.1 * (p - 0.5) ** 2)
    assert named_point(result, "p") in (0.49, 0.51)


# ----------------------------------------------------------------------- check_sigmoid


def test_check_sigmoid_names_the_stable_forms_mistakes():
    def both_reciprocal(x):
        x = np.asarray(x, dtype=float)
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), 1 / (1 + e))

    def swapped(x):
        x = np.asarray(x, dtype=float)
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, e / (1 + e), 1 / (1 + e))

    def both_quotient(x):
        x = np.asarray(x, dtype=float)
        e = np.exp(-np.abs(x))
        return e / (1 + e)

    assert_names(check_sigmoid(both_reciprocal), "σ(|x|)", "for x ≥ 0 only")
    assert_names(check_sigmoid(swapped), "σ(−x)", "swapped")
    assert_names(check_sigmoid(both_quotient), "For x ≥ 0 your values are σ(−x)", "x < 0 only")


def test_check_sigmoid_still_names_the_overflow_of_np_where():
    result = check_sigmoid(
        lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
    )
    assert_names(result, "x = -1000", "overflow", "np.where", "both branches")


# ------------------------------------------------------------------------- check_logit


@pytest.mark.parametrize(
    "answer",
    [
        lambda p: np.log(p / (1 - p)),
        lambda p: np.log(p) - np.log1p(-p),
        lambda p: np.log(p) - np.log(1 - p),
        logit,
        scipy.special.logit,
    ],
)
def test_check_logit_accepts_any_correct_form(answer):
    assert check_logit(answer).passed


def test_check_logit_names_the_slips_of_the_derivation():
    assert_names(check_logit(lambda p: np.log((1 - p) / p)), "sign slip", "e^(−z) = (1 − p)/p")
    assert_names(check_logit(lambda p: (1 - p) / p), "step before the last", "logarithm")
    assert_names(check_logit(lambda p: p / (1 - p)), "odds", "logarithm")
    assert_names(check_logit(lambda p: np.log(p) / np.log(1 - p)), "quotient of logarithms")
    assert_names(check_logit(lambda p: 1 / sigmoid(p)), "reciprocal", "inverse function")
    assert_names(check_logit(sigmoid), "σ(p)")


def test_check_logit_says_the_algebra_is_right_when_only_floating_point_fails():
    result = check_logit(lambda p: -np.log(1 / p - 1))
    assert_names(result, "your algebra holds", "p = 1e-310", "overflow")
    silenced = check_logit(quiet(lambda p: -np.log(1 / p - 1)))
    assert_names(silenced, "your algebra holds", "p = 1e-310", "1/p", "Silencing")


@pytest.mark.parametrize("eps", [1e-15, 1e-12])
def test_check_logit_calls_clipping_p_clipping_not_log_of_zero(eps):
    def clipped(p):
        p = np.clip(p, eps, 1 - eps)
        return np.log(p / (1 - p))

    result = check_logit(clipped)
    assert_names(result, "np.clip", "further from 0 and 1", absent=("-inf", "overflowed"))
    assert named_point(result, "p") < eps or named_point(result, "p") > 1 - eps


# ------------------------------------------------------------------------ check_artanh


@pytest.mark.parametrize(
    "answer",
    [
        lambda y: 0.5 * np.log((1 + y) / (1 - y)),
        lambda y: 0.5 * logit((1 + y) / 2),
        lambda y: 0.5 * (np.log1p(y) - np.log1p(-y)),
        np.arctanh,
    ],
)
def test_check_artanh_accepts_any_correct_form(answer):
    result = check_artanh(answer)
    assert result.passed, result
    assert "near ±1" in result.message


def test_check_artanh_names_the_slips_of_the_derivation():
    assert_names(check_artanh(lambda y: logit((1 + y) / 2)), "missing factor ½", "Halve")
    assert_names(check_artanh(lambda y: 2 * logit((1 + y) / 2)), "doubled", "half")
    assert_names(check_artanh(lambda y: 0.5 * np.log((1 - y) / (1 + y))), "sign slip")
    assert_names(check_artanh(quiet(lambda y: 0.5 * np.log(y / (1 - y)))), "logit of y itself")
    assert_names(check_artanh(quiet(lambda y: np.log(y / (1 - y)))), "logit of y itself")
    assert_names(check_artanh(lambda y: 0.5 * logit(y)), "sl.logit refused", "σ(2x)")
    assert_names(
        check_artanh(quiet(lambda y: 0.5 * np.log((2 * y - 1) / (2 - 2 * y)))),
        "rescaled y the wrong way",
    )
    assert_names(check_artanh(lambda y: 0.5 * np.log(1 + y) / (1 - y)), "outside the logarithm")
    assert_names(check_artanh(lambda y: 0.5 * np.log10((1 + y) / (1 - y))), "base 10")
    assert_names(check_artanh(np.tanh), "tanh(y) itself")
    assert_names(check_artanh(quiet(lambda y: 1 / np.tanh(y))), "reciprocal")


def test_check_artanh_names_y_where_an_unknown_slip_fails():
    result = check_artanh(lambda y: 0.5 * np.log((1 + y) / (2 - y)))
    assert_names(result, "At y = 0 ", "artanh(y) = 0.0")


# ------------------------------------------------------------------- check_log_sigmoid


@pytest.mark.parametrize(
    "answer",
    [
        stable_log_sigmoid,
        lambda x: -np.logaddexp(0, -np.asarray(x, dtype=float)),
        scipy.special.log_expit,
        # np.where computes both branches, but with the overflow silenced the values and
        # the (absent) warnings are right.
        quiet(lambda x: np.where(x >= 0, -np.log1p(np.exp(-x)), x - np.log1p(np.exp(x)))),
    ],
)
def test_check_log_sigmoid_accepts_stable_forms(answer):
    result = check_log_sigmoid(answer)
    assert result.passed, result


def test_check_log_sigmoid_names_each_mistake():
    assert_names(check_log_sigmoid(lambda x: -np.log1p(np.exp(x))), "sign slip", "log σ(−x)")
    assert_names(check_log_sigmoid(lambda x: np.log1p(np.exp(-x))), "positive", "minus sign")
    assert_names(check_log_sigmoid(sigmoid), "σ(x) itself")
    assert_names(check_log_sigmoid(lambda x: np.log10(sigmoid(x))), "base 10")
    assert_names(
        check_log_sigmoid(lambda x: -np.log1p(np.exp(-np.abs(x)))), "forgotten term", "x < 0"
    )
    assert_names(
        check_log_sigmoid(lambda x: np.minimum(x, 0) + np.log1p(np.exp(-np.abs(x)))),
        "sign slip",
        "subtracted",
    )
    assert_names(
        check_log_sigmoid(lambda x: np.maximum(x, 0) - np.log1p(np.exp(-np.abs(x)))),
        "np.minimum, not np.maximum",
    )


def test_check_log_sigmoid_names_the_log_of_a_rounded_sigmoid():
    # σ(−1000) rounds to 0.0: log 0 = −inf.
    result = check_log_sigmoid(lambda x: np.log(sigmoid(x)))
    assert_names(result, "x = -1000", "-inf", "log of 0", "rounds to 0.0", absent=("overflow",))
    # With the left side fixed, σ(40) rounds to 1.0: log 1 = 0.
    fixed_left = quiet(lambda x: np.where(x < 0, x - np.log1p(np.exp(x)), np.log(sigmoid(x))))
    assert_names(check_log_sigmoid(fixed_left), "x = 40", "returns 0.0", "-4.25e-18", "1.0")


def test_check_log_sigmoid_names_overflow_and_missing_log1p():
    textbook = check_log_sigmoid(lambda x: -np.log(1 + np.exp(-x)))
    assert_names(textbook, "x = -1000", "overflowed to inf", "e^1000", absent=("log of 0",))
    silenced = check_log_sigmoid(quiet(lambda x: -np.log(1 + np.exp(-x))))
    assert_names(silenced, "x = -1000", "Silencing")
    no_log1p = check_log_sigmoid(lambda x: np.minimum(x, 0) - np.log(1 + np.exp(-np.abs(x))))
    assert_names(no_log1p, "x = 40", "returns 0.0", "np.log1p")
    both_branches = check_log_sigmoid(
        lambda x: np.where(x >= 0, -np.log1p(np.exp(-x)), x - np.log1p(np.exp(x)))
    )
    assert_names(both_branches, "x = -1000", "overflow", "value is right", "both branches")


@pytest.mark.parametrize("eps", [1e-15, 1e-7, 2.0**-52])
def test_check_log_sigmoid_calls_clipping_sigma_clipping_not_log_of_zero(eps):
    result = check_log_sigmoid(lambda x: np.log(np.clip(sigmoid(x), eps, 1 - eps)))
    assert_names(result, "clipped to", f"[{eps:.3g}, 1 − {eps:.3g}]", absent=("-inf", "log of 0"))


def test_check_log_sigmoid_calls_clipping_x_clipping():
    left = check_log_sigmoid(lambda x: -np.log1p(np.exp(-np.clip(x, -500, 500))))
    assert_names(left, "x = -1000", "log σ(-500)", "clipped")
    right = check_log_sigmoid(
        lambda x: stable_log_sigmoid(np.clip(x, -30, 30)),
    )
    assert_names(right, "x = -1000", "log σ(-30)", "clipped")
    only_right = check_log_sigmoid(lambda x: stable_log_sigmoid(np.minimum(x, 30)))
    assert_names(only_right, "x = 40", "log σ(30)", "clipped")


def test_the_log_sigmoid_reference_is_exact_at_the_tail_points():
    mpmath.mp.prec = 200
    for point in sigmoid_checks._LOG_SIGMOID_TAIL:
        exact = float(-mpmath.log1p(mpmath.exp(-mpmath.mpf(point))))
        assert agrees(float(sigmoid_checks._log_sigmoid(point)), exact, rtol=1e-12), point


def test_the_artanh_reference_is_exact_at_the_tail_points():
    mpmath.mp.prec = 200
    for point in sigmoid_checks._ARTANH_TAIL:
        assert agrees(float(np.arctanh(point)), float(mpmath.atanh(point)), rtol=1e-12), point


def test_checkers_leak_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not check_log_sigmoid(lambda x: -np.log(1 + np.exp(-x))).passed
        assert not check_logit(lambda p: -np.log(1 / p - 1)).passed
        assert not check_artanh(lambda y: 1 / np.tanh(y)).passed


# ------------------------------------------------------------ predictions and self-checks


def test_the_overflow_prediction_is_where_the_textbook_formula_first_warns():
    distance = PREDICTIONS["ch2-overflow"].outcome()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        naive_sigmoid(-distance)
        with pytest.raises(RuntimeWarning, match="overflow"):
            naive_sigmoid(-np.nextafter(distance, np.inf))


@pytest.mark.parametrize(
    ("guess", "words"),
    [
        (308, "10^308"),
        (1000, "starts earlier"),
        (1024, "2^1024"),
        (745, "underflows"),
        (37, "rounding, not overflow"),
    ],
)
def test_the_overflow_prediction_explains_typical_wrong_guesses(guess, words):
    result = compare_prediction(PREDICTIONS["ch2-overflow"], guess)
    assert result.status == "failed"
    assert words in result.message
    assert "709.78" in result.message
    assert compare_prediction(PREDICTIONS["ch2-overflow"], 710).passed


def test_sigma_of_40_rounds_to_one_for_the_formula_and_when_correctly_rounded():
    mpmath.mp.prec = 200
    assert PREDICTIONS["ch2-sigma-40"].outcome() is True
    assert float(1 / (1 + mpmath.exp(-40))) == 1.0
    result = compare_prediction(PREDICTIONS["ch2-sigma-40"], False)
    assert_names(result, "16 significant digits", "4.25e-18", "1.11e-16")


def test_every_self_check_option_is_explained_and_the_keys_are_computed():
    keys = [question.key for question in SELF_CHECK]
    assert keys == ["ch2-symmetry", "ch2-log-odds", "ch2-odds-ratio", "ch2-quantile", "ch2-stable"]
    for question in SELF_CHECK:
        assert question.verify is not None, question.key
        computed = question.verify()
        if question.options:
            assert computed == question.answer, question.key
        else:
            assert computed == pytest.approx(question.number, rel=question.rtol)


# ------------------------------------------------------------------------------ in Chinese

_CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_chinese(text, *fragments):
    """Chinese text with every placeholder filled in, holding ``fragments``."""
    assert _CJK.search(text), text
    assert "{" not in text and "}" not in text, text
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in {text!r}"


def test_the_checkers_and_predictions_speak_chinese():
    with i18n.language("zh"):
        sign_slip = check_logit(lambda p: np.log((1 - p) / p))
        refused = check_artanh(lambda y: 0.5 * logit(y))
        clipped = check_log_sigmoid(lambda x: np.log(np.clip(sigmoid(x), 1e-15, 1 - 1e-15)))
        textbook = check_log_sigmoid(lambda x: -np.log(1 + np.exp(-x)))
        prediction = compare_prediction(PREDICTIONS["ch2-overflow"], 1000)
    assert_chinese(sign_slip.exercise)
    assert_chinese(sign_slip.message, "符号错误", "对数几率", "ln((1 − p)/p)")
    # sl.logit's own error is in Chinese too: the checker still recognises it.
    assert_chinese(refused.message, "sl.logit", "σ(2x)", "logit() ")
    assert_chinese(clipped.message, "x = -1000", "log(1e-15)", "[1e-15, 1 − 1e-15]", "np.clip")
    assert_chinese(textbook.message, "x = -1000", "e^1000", "inf", "np.log1p")
    assert_chinese(prediction.message, "709.78", "745.13", "第 2.2 节")
    assert not check_logit(lambda p: np.log((1 - p) / p)).message.startswith("符号")
