"""Softmax and categorical cross-entropy: laws, the sigmoid as a special case, oracles."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.losses import binary_cross_entropy
from sigmoid_lab.softmax import (
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
    log_softmax,
    one_hot,
    softmax,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
huge = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)


def logit_rows(elements=finite, max_rows=6, max_classes=6):
    shapes = st.tuples(st.integers(1, max_rows), st.integers(1, max_classes))
    return shapes.flatmap(lambda shape: arrays(float, shape, elements=elements))


@st.composite
def logits_and_labels(draw, elements=finite):
    z = draw(logit_rows(elements))
    y = draw(arrays(np.intp, z.shape[0], elements=st.integers(0, z.shape[1] - 1)))
    return z, y


@given(logit_rows(huge))
def test_softmax_is_a_probability_vector_for_any_finite_logits(z):
    p = softmax(z)
    assert np.all(np.isfinite(p))
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=1e-12)


@given(logit_rows(), st.floats(-1e3, 1e3))
def test_softmax_ignores_a_constant_added_to_every_logit(z, c):
    np.testing.assert_allclose(softmax(z + c), softmax(z), atol=1e-12)


@given(logit_rows())
def test_softmax_and_log_softmax_match_scipy(z):
    np.testing.assert_allclose(softmax(z), scipy.special.softmax(z, axis=-1), atol=1e-15)
    np.testing.assert_allclose(
        log_softmax(z), scipy.special.log_softmax(z, axis=-1), rtol=1e-12, atol=1e-12
    )


def test_softmax_along_another_axis():
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    np.testing.assert_allclose(softmax(z, axis=0), scipy.special.softmax(z, axis=0))
    np.testing.assert_allclose(log_softmax(z, axis=0), scipy.special.log_softmax(z, axis=0))


@given(st.floats(-700, 700))
def test_sigmoid_is_the_first_probability_of_softmax_z_0(z):
    assert softmax([z, 0.0])[0] == pytest.approx(float(sigmoid(z)), rel=1e-14, abs=1e-300)


def test_stable_where_the_textbook_formula_overflows():
    z = np.array([1000.0, 999.0, -1000.0])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive).any()
    np.testing.assert_allclose(softmax(z), [1 / (1 + np.exp(-1)), 1 / (1 + np.e), 0.0])
    assert np.all(np.isfinite(log_softmax(z)))
    assert log_softmax(z)[2] == pytest.approx(-2000 - np.log1p(np.exp(-1)))


@given(logits_and_labels())
def test_categorical_cross_entropy_matches_scikit_learn(pair):
    z, y = pair
    k = z.shape[1]
    p = scipy.special.softmax(z, axis=1)
    if k == 1 or p[np.arange(len(y)), y].min() < 1e-12:
        return  # log_loss clips probabilities; compare only where it does not
    expected = log_loss(y, p, labels=np.arange(k))
    assert categorical_cross_entropy(z, y) == pytest.approx(expected, rel=1e-9)


@given(logits_and_labels(huge))
def test_categorical_cross_entropy_is_finite_and_non_negative(pair):
    z, y = pair
    loss = categorical_cross_entropy(z, y)
    assert np.isfinite(loss) or np.max(np.abs(z)) > 1e307
    assert loss >= 0


@given(arrays(float, st.integers(1, 20), elements=st.floats(-50, 50)), st.data())
def test_two_classes_with_logits_z_and_0_is_the_binary_cross_entropy(z, data):
    y = data.draw(arrays(np.intp, z.shape, elements=st.integers(0, 1)))
    two = np.stack([z, np.zeros_like(z)], axis=1)
    # Class 0 of [z, 0] has probability σ(z): it is the binary label 1.
    assert categorical_cross_entropy(two, 1 - y) == pytest.approx(
        binary_cross_entropy(z, y), rel=1e-12, abs=1e-15
    )


@settings(deadline=None)
@given(logits_and_labels(st.floats(-10, 10)))
def test_gradient_is_p_minus_one_hot_and_matches_finite_differences(pair):
    z, y = pair
    n, k = z.shape
    grad = categorical_cross_entropy_grad(z, y)
    np.testing.assert_allclose(grad, (scipy.special.softmax(z, axis=1) - one_hot(y, k)) / n)
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)
    h = 1e-6
    numeric = np.empty_like(z)
    for index in np.ndindex(z.shape):
        step = np.zeros_like(z)
        step[index] = h
        numeric[index] = (
            categorical_cross_entropy(z + step, y) - categorical_cross_entropy(z - step, y)
        ) / (2 * h)
    np.testing.assert_allclose(grad, numeric, atol=1e-7)


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0, 1], 3), np.eye(3)[[2, 0, 1]])
    np.testing.assert_array_equal(one_hot(np.array([1.0]), 2), [[0.0, 1.0]])


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: softmax(3.0), ValueError, "single number"),
        (lambda: softmax(np.zeros((2, 0))), ValueError, "at least one class"),
        (lambda: softmax([1.0, np.inf]), ValueError, "finite"),
        (lambda: softmax([1.0, np.nan]), ValueError, "finite"),
        (lambda: softmax(["a", "b"]), TypeError, "numbers"),
        (lambda: softmax([1 + 1j, 0]), TypeError, "real"),
        (lambda: log_softmax(2.0), ValueError, "single number"),
        (lambda: categorical_cross_entropy([1.0, 2.0], [0]), ValueError, "shape (m, k)"),
        (lambda: categorical_cross_entropy([[1.0, 2.0]], [2]), ValueError, "0 … 1"),
        (lambda: categorical_cross_entropy([[1.0, 2.0]], [-1]), ValueError, "0 … 1"),
        (lambda: categorical_cross_entropy([[1.0, 2.0]], [0.5]), ValueError, "0 … 1"),
        (lambda: categorical_cross_entropy([[1.0, 2.0]], [0, 1]), ValueError, "shape (1,)"),
        (lambda: categorical_cross_entropy([[1.0, 2.0]], [True]), TypeError, "integer"),
        (lambda: categorical_cross_entropy([[1.0, 2.0]], ["a"]), TypeError, "integer"),
        (lambda: categorical_cross_entropy(np.zeros((0, 2)), []), ValueError, "no examples"),
        (lambda: categorical_cross_entropy_grad([[1.0]], [1]), ValueError, "0 … 0"),
        (lambda: categorical_cross_entropy_grad([1.0], [0]), ValueError, "shape (m, k)"),
        (lambda: one_hot([0], 0), ValueError, "at least 1"),
        (lambda: one_hot([0], 2.0), TypeError, "whole number"),
        (lambda: one_hot([[0]], 2), ValueError, "1-D"),
        (lambda: one_hot([3], 2), ValueError, "0 … 1"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words):
    with pytest.raises(error, match=None) as info:
        call()
    assert words in str(info.value)


def test_accepts_pandas_objects():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"a": [1.0, 0.0], "b": [0.0, 1.0]})
    labels = pd.Series([0, 1])
    assert categorical_cross_entropy(frame, labels) == pytest.approx(np.log1p(np.exp(-1.0)))
    np.testing.assert_allclose(softmax(frame), scipy.special.softmax(frame.to_numpy(), axis=1))
