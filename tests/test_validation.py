"""Input coercion shared by the numerical modules: what is accepted, and what each refusal says."""

from fractions import Fraction

import numpy as np
import pytest

from sigmoid_lab._validation import as_float_array, as_real_scalar, scalar_or_array


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        (1, ()),
        (2.5, ()),
        (True, ()),
        ([1, 2, 3], (3,)),
        ((1.0, 2.0), (2,)),
        ([[1, 2], [3, 4]], (2, 2)),
        ([], (0,)),
        ([Fraction(1, 2), 3], (2,)),
        (np.arange(4, dtype=np.int8), (4,)),
        (np.arange(4, dtype=np.uint64), (4,)),
        (np.array([True, False]), (2,)),
        (np.longdouble(1.5), ()),
    ],
)
def test_non_float_numbers_become_float64(value, shape):
    arr = as_float_array(value, func="f")
    assert isinstance(arr, np.ndarray)
    assert arr.dtype == np.float64
    assert arr.shape == shape


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_arrays_keep_dtype_without_copy(dtype):
    x = np.linspace(-1, 1, 5, dtype=dtype)
    arr = as_float_array(x, func="f")
    assert arr is x


def test_numpy_float_scalars_keep_dtype():
    assert as_float_array(np.float32(1.5), func="f").dtype == np.float32
    assert as_float_array(np.float16(1.5), func="f").dtype == np.float16


def test_values_are_preserved():
    np.testing.assert_array_equal(as_float_array([1, -2, 3], func="f"), [1.0, -2.0, 3.0])
    assert as_float_array(Fraction(1, 4), func="f") == 0.25


def test_scalar_or_array_returns_numpy_scalars_for_0d():
    result = scalar_or_array(np.asarray(0.5, dtype=np.float32))
    assert type(result) is np.float32
    arr = np.zeros(3)
    assert scalar_or_array(arr) is arr


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("abc", "got str 'abc'"),
        ("1.5", "convert it first"),
        (b"ab", "got bytes"),
        (None, "got None"),
        (1 + 2j, "real part"),
        (np.array([1j, 2]), "complex128"),
        ([1, "a", 3], "str 'a' at [1]"),
        ([[1, 2], [3, None]], "None at [1][1]"),
        ({"a": 1}, "got dict"),
        ({1, 2}, "got set"),
        (np.array(["2024-01-01"], dtype="datetime64[D]"), "dates"),
        (np.array([1.0, None], dtype=object), "None"),
        (object(), "got object"),
    ],
)
def test_non_numbers_raise_type_error_naming_function_and_input(value, fragment):
    with pytest.raises(TypeError) as info:
        as_float_array(value, func="sigmoid")
    message = str(info.value)
    assert message.startswith("sigmoid() expects numbers")
    assert fragment in message


def test_message_names_the_argument_when_given():
    with pytest.raises(TypeError, match=r"train\(\) expects X to be numbers"):
        as_float_array("oops", func="train", name="X")


def test_ragged_lists_raise_value_error():
    with pytest.raises(ValueError, match=r"f\(\) expects x to be rectangular"):
        as_float_array([[1, 2], [3]], func="f")


def test_integer_too_large_for_float_raises_value_error():
    with pytest.raises(ValueError, match=r"f\(\) got an integer in x too large"):
        as_float_array([10**400, 1], func="f")


def test_finite_option_names_position_and_count():
    with pytest.raises(ValueError) as info:
        as_float_array([1.0, np.nan, np.inf], func="train", name="X", finite=True)
    message = str(info.value)
    assert "train() needs finite numbers in X" in message
    assert "at index 1" in message
    assert "1 more" in message


def test_finite_option_on_2d_and_scalar():
    with pytest.raises(ValueError, match=r"at index \(1, 0\)"):
        as_float_array([[1.0, 2.0], [np.inf, 0.0]], func="f", finite=True)
    with pytest.raises(ValueError, match="found nan"):
        as_float_array(float("nan"), func="f", finite=True)
    assert as_float_array([1.0, 2.0], func="f", finite=True).shape == (2,)


@pytest.mark.parametrize("value", [0, 1, 0.25, np.float32(0.5), np.int64(3), np.array(0.1)])
def test_real_scalar_accepts_numbers(value):
    result = as_real_scalar(value, func="leaky_relu", name="slope")
    assert type(result) is float
    assert result == float(value)


@pytest.mark.parametrize("value", [True, np.bool_(False), "0.1", None, [0.1], np.zeros(2), 1j])
def test_real_scalar_rejects_non_numbers(value):
    with pytest.raises(TypeError, match=r"leaky_relu\(\) expects slope to be a single real"):
        as_real_scalar(value, func="leaky_relu", name="slope")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -np.inf])
def test_real_scalar_rejects_non_finite(value):
    with pytest.raises(ValueError, match="slope to be a finite number"):
        as_real_scalar(value, func="leaky_relu", name="slope")
