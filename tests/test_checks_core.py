"""The shared drivers of the exercise checkers in ``sigmoid_lab/checks/_core.py``."""

from __future__ import annotations

import numpy as np
import pytest

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.checks._core import (
    CheckResult,
    call_learner,
    compare_elementwise,
    require_callable,
    simplest_first,
)
from sigmoid_lab.checks.predictions import guess_is, guess_near

X = simplest_first(np.linspace(-4.0, 4.0, 9))
MISTAKES = [(lambda: sigmoid(-X), "A sign slip."), (lambda: sigmoid(2 * X), "Doubled.")]


def judge(fn, **options):
    options = {"rtol": 1e-7, "atol": 0.0, **options}
    return compare_elementwise(
        call_learner(fn, X.copy()), "σ", X, sigmoid(X), "σ(x)", MISTAKES, **options
    )


def test_a_right_answer_gives_no_verdict():
    assert judge(sigmoid) is None


def test_the_first_mistake_reproduced_is_named_in_the_order_given():
    verdict = judge(lambda x: sigmoid(-x))
    assert isinstance(verdict, CheckResult)
    assert verdict.status == "failed" and verdict.message == "A sign slip."
    assert judge(lambda x: sigmoid(2 * x)).message == "Doubled."


def test_an_unnamed_mistake_is_reported_at_the_first_input_tried_where_it_fails():
    # X is tried from 0 outwards; the answer is wrong only for x >= 2.
    verdict = judge(lambda x: np.where(x >= 2, 0.5, sigmoid(x)))
    assert verdict.message == "At x = 2 your function returns 0.5, but σ(x) = 0.880797."


def test_the_variable_and_the_explanation_are_the_exercise_s_own():
    verdict = judge(lambda p: sigmoid(p) + 1, variable="p", explain=lambda *_: ": off by one.")
    assert verdict.message == "At p = 0 your function returns 1.5, but σ(x) = 0.5: off by one."


def test_the_tolerances_decide():
    slightly_off = lambda x: sigmoid(x) * (1 + 1e-5)  # noqa: E731
    assert judge(slightly_off).status == "failed"
    assert judge(slightly_off, rtol=1e-4) is None


def test_a_single_number_for_an_array_is_named_only_per_input():
    total = judge(lambda x: float(np.sum(sigmoid(x))), per_input=True)
    assert "returned a single number" in total.message
    assert "σ(x) is one number for each x" in total.message
    plain = judge(lambda x: float(np.sum(sigmoid(x))))
    assert "returned shape ()" in plain.message


def test_an_error_is_described_with_the_exercise_s_hint():
    def branchy(x):
        if x >= 0:
            return 1.0
        return 0.0

    verdict = judge(branchy, hint="Use np.where.")
    assert verdict.message.startswith("Your function uses `if`")
    assert verdict.message.endswith("Use np.where.")


def test_require_callable_names_the_call_to_make():
    require_callable(sigmoid, "check_silu", "my_silu")
    with pytest.raises(TypeError, match=r"check_silu\(my_silu\), not float"):
        require_callable(0.5, "check_silu", "my_silu")


# ------------------------------------------------------------ hints of the predictions


def test_guess_near_is_relative():
    near_1000 = guess_near(1000, rtol=0.02)
    assert near_1000(985, None) and near_1000("1019", None)
    assert not near_1000(709.78, None)


def test_guess_is_reads_the_guess_as_text_in_any_case():
    said_no = guess_is("false", "no", "n")
    assert said_no(False, True) and said_no(" No ", True) and said_no(np.False_, True)
    assert not said_no(True, True) and not said_no(0, True)
