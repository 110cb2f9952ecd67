"""Binary cross-entropy from logits: agreement with the textbook form where that works,
finiteness where it does not, and messages for every malformed input."""

import math
import warnings

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.special import log_expit

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.losses import binary_cross_entropy, naive_binary_cross_entropy

LOG2 = math.log(2)


def _labelled(elements):
    """Strategy for (logits, labels) pairs of equal length."""
    return st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            hnp.arrays(np.float64, n, elements=elements),
            hnp.arrays(np.int64, n, elements=st.integers(0, 1)),
        )
    )


def test_zero_logits_give_log_2():
    assert binary_cross_entropy([0.0, 0.0, 0.0], [0, 1, 1]) == pytest.approx(LOG2, rel=1e-15)
    assert binary_cross_entropy(0.0, 1) == pytest.approx(LOG2, rel=1e-15)


def test_returns_a_python_float():
    assert type(binary_cross_entropy([1.0], [1])) is float
    assert type(naive_binary_cross_entropy([0.5], [1])) is float


@settings(max_examples=100)
@given(_labelled(st.floats(-30, 30)))
def test_matches_textbook_form_where_it_is_safe(pair):
    logits, y = pair
    expected = -np.mean(y * log_expit(logits) + (1 - y) * log_expit(-logits))
    assert binary_cross_entropy(logits, y) == pytest.approx(expected, rel=1e-12, abs=1e-300)


@settings(max_examples=100)
@given(_labelled(st.floats(-10, 10)))
def test_naive_form_agrees_for_moderate_logits(pair):
    # Beyond |z| of about 10, 1 - p has lost digits to rounding: at z = 27 the textbook
    # loss is already wrong in the sixth digit.
    logits, y = pair
    expected = binary_cross_entropy(logits, y)
    assert naive_binary_cross_entropy(sigmoid(logits), y) == pytest.approx(expected, rel=1e-9)


@settings(max_examples=150)
@given(_labelled(st.floats(allow_nan=False, allow_infinity=False)))
def test_finite_and_nonnegative_for_every_finite_logit(pair):
    logits, y = pair
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = binary_cross_entropy(logits, y)
    assert math.isfinite(loss)
    assert loss >= 0


def test_accurate_in_both_tails():
    with mpmath.workprec(200):
        tiny_loss = float(mpmath.log1p(mpmath.exp(-40)))
    assert binary_cross_entropy([40.0], [1]) == pytest.approx(tiny_loss, rel=1e-15)
    assert binary_cross_entropy([40.0], [0]) == pytest.approx(40.0, rel=1e-15)
    assert binary_cross_entropy([1e308, 1e308], [0, 0]) == pytest.approx(1e308)
    assert binary_cross_entropy([-1e308, 1e308], [0, 1]) == 0.0


def test_float32_logits_work():
    loss = binary_cross_entropy(np.array([0.0, 50.0], dtype=np.float32), [1, 0])
    assert loss == pytest.approx((LOG2 + 50) / 2, rel=1e-6)


def test_boolean_and_float_labels_are_accepted():
    logits = np.array([-1.0, 2.0])
    expected = binary_cross_entropy(logits, [0, 1])
    assert binary_cross_entropy(logits, [False, True]) == expected
    assert binary_cross_entropy(logits, [0.0, 1.0]) == expected


def test_naive_form_breaks_once_p_rounds_to_one():
    logits = np.array([40.0, -3.0])
    y = np.array([0, 0])
    p = sigmoid(logits)
    assert p[0] == 1.0
    with pytest.warns(RuntimeWarning):
        assert not math.isfinite(naive_binary_cross_entropy(p, y))
    assert binary_cross_entropy(logits, y) == pytest.approx((40 + math.log1p(math.exp(-3))) / 2)
    # A confident right answer: 0 * log(0) is NaN in the textbook form.
    with pytest.warns(RuntimeWarning):
        assert math.isnan(naive_binary_cross_entropy([1.0], [1]))


# --- malformed input --------------------------------------------------------------------


@pytest.mark.parametrize("func", [binary_cross_entropy, naive_binary_cross_entropy])
def test_label_column_names_the_seed_article_bug(func):
    with pytest.raises(ValueError) as info:
        func(np.full(5, 0.5), np.zeros((5, 1)))
    message = str(info.value)
    assert f"{func.__name__}() expects y of shape (m,)" in message
    assert "(5, 1)" in message
    assert "y.ravel()" in message


def test_logit_column_suggests_a_flat_weight_vector():
    with pytest.raises(ValueError, match=r"logits of shape \(m,\).*\(5, 1\).*ravel"):
        binary_cross_entropy(np.zeros((5, 1)), np.zeros(5))


@pytest.mark.parametrize(
    ("logits", "y", "pattern"),
    [
        (np.zeros(4), np.zeros(3), "logits has 4 values but y has 3"),
        (np.zeros((2, 2)), np.zeros(4), r"logits of shape \(m,\).*\(2, 2\)"),
        (np.zeros(4), np.zeros((2, 2)), r"y of shape \(m,\), got shape \(2, 2\)"),
        ([], [], "at least one sample"),
        ([0.0, 1.0], [0, 2], "labels y of 0 or 1, found 2.0"),
        ([0.0, 1.0], [-1, 1], r"\(y \+ 1\) / 2"),
        ([0.0, 1.0], [0, np.nan], "found nan"),
    ],
)
def test_bad_values_and_shapes_raise_value_error(logits, y, pattern):
    with pytest.raises(ValueError, match=pattern):
        binary_cross_entropy(logits, y)


@pytest.mark.parametrize(
    ("logits", "y", "pattern"),
    [
        ("0.5", [1], r"expects logits to be numbers.*got str"),
        ([0.5], ["1"], r"expects y to be numbers.*text labels '1'.*np\.asarray\(y, dtype=float\)"),
        ([0.5], None, r"expects y to be numbers.*got None"),
    ],
)
def test_non_numbers_raise_type_error(logits, y, pattern):
    with pytest.raises(TypeError, match=rf"binary_cross_entropy\(\) {pattern}"):
        binary_cross_entropy(logits, y)


def test_naive_form_rejects_probabilities_outside_0_1():
    with pytest.raises(ValueError, match=r"probabilities p between 0 and 1, got 2\.5.*logits"):
        naive_binary_cross_entropy([0.5, 2.5], [0, 1])
    with pytest.raises(ValueError, match=r"p has 2 values but y has 1"):
        naive_binary_cross_entropy([0.5, 0.5], [1])
