"""Activations: exact values, laws (bounds, symmetry, monotonicity, inverse, derivative),
accuracy in ULP against mpmath, silence for extreme inputs, dtypes and error messages."""

import warnings

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from matplotlib.mathtext import MathTextParser
from scipy.special import expit, ndtr

import sigmoid_lab.activations as act
from sigmoid_lab.activations import (
    ACTIVATIONS,
    Activation,
    gelu,
    gelu_grad,
    get_activation,
    leaky_relu,
    leaky_relu_grad,
    logit,
    naive_sigmoid,
    naive_sigmoid_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    silu,
    silu_grad,
    tanh,
    tanh_grad,
)

EPS = np.finfo(np.float64).eps
TINY = np.finfo(np.float64).tiny
FLOAT_DTYPES = [np.float16, np.float32, np.float64]
ELEMENTWISE = [
    sigmoid,
    sigmoid_grad,
    naive_sigmoid,
    naive_sigmoid_grad,
    tanh,
    tanh_grad,
    relu,
    relu_grad,
    leaky_relu,
    leaky_relu_grad,
    silu,
    silu_grad,
    gelu,
    gelu_grad,
    logit,
]
SILENT = [f for f in ELEMENTWISE if f not in (naive_sigmoid, naive_sigmoid_grad, logit)]
EXTREMES = np.array(
    [-np.inf, -1e308, -1e5, -1000.0, -745.2, -720.0, -40.0, -0.0, 0.0, 5e-324, 40.0, 1e308, np.inf]
)


def extremes(dtype):
    """EXTREMES in ``dtype``, with finite values beyond its range clipped to its largest."""
    big = np.finfo(dtype).max
    x = np.append(EXTREMES, [1e-310, 800.0])
    return np.where(np.isinf(x), x, np.clip(x, -big, big)).astype(dtype)


finite_floats = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(-30, 30)


def ulp_distance(a, b):
    """Number of representable floats between a and b (same dtype, elementwise)."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype
    int_type = {2: np.int16, 4: np.int32, 8: np.int64}[a.dtype.itemsize]

    def ordered(v):
        i = v.view(int_type).astype(np.int64)
        return np.where(i < 0, np.iinfo(int_type).min - i, i)

    return np.abs(ordered(a) - ordered(b))


def mp_sigmoid(x):
    with mpmath.workprec(200):
        return float(1 / (1 + mpmath.exp(-mpmath.mpf(float(x)))))


def mp_sigmoid_grad(x):
    with mpmath.workprec(200):
        e = mpmath.exp(-abs(mpmath.mpf(float(x))))
        return float(e / (1 + e) ** 2)


def reference(func, xs, dtype=np.float64):
    return np.array([func(x) for x in xs]).astype(dtype)


# Points where naive formulas break or the implementation switches method, for both dtypes.
TAIL_POINTS = np.concatenate(
    [
        -np.geomspace(1e-300, 1e308, 150),
        np.geomspace(1e-300, 1e308, 150),
        np.linspace(-745.5, -690, 120),
        np.linspace(15, 40, 60),
        np.linspace(-104, -70, 60),
        np.linspace(-30, 30, 121),
    ]
)


# --- exact values and the acceptance line ---------------------------------------------


def test_acceptance_line_values_without_warning():
    x = np.array([-1e308, -1000.0, 0.0, 1000.0, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = sigmoid(x)
    np.testing.assert_array_equal(result, [0.0, 0.0, 0.5, 1.0, 1.0])
    assert str(result) == "[0.  0.  0.5 1.  1. ]"


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_exact_values_at_zero(dtype):
    zero = dtype(0)
    assert sigmoid(zero) == 0.5
    assert sigmoid_grad(zero) == 0.25
    assert tanh_grad(zero) == 1
    assert silu_grad(zero) == 0.5
    assert gelu_grad(zero) == 0.5
    assert logit(dtype(0.5)) == 0


def test_special_values():
    np.testing.assert_array_equal(sigmoid([-np.inf, np.inf]), [0.0, 1.0])
    np.testing.assert_array_equal(sigmoid_grad([-np.inf, np.inf]), [0.0, 0.0])
    np.testing.assert_array_equal(silu([-np.inf, np.inf]), [0.0, np.inf])
    np.testing.assert_array_equal(silu_grad([-np.inf, np.inf]), [0.0, 1.0])
    np.testing.assert_array_equal(gelu([-np.inf, np.inf]), [0.0, np.inf])
    np.testing.assert_array_equal(gelu_grad([-np.inf, np.inf]), [0.0, 1.0])
    np.testing.assert_array_equal(tanh_grad([-np.inf, 1e308]), [0.0, 0.0])
    np.testing.assert_array_equal(leaky_relu([-np.inf], slope=0), [0.0])


@pytest.mark.parametrize("func", ELEMENTWISE)
def test_nan_in_gives_nan_out(func):
    assert np.isnan(func(np.nan))
    result = func(np.array([0.25, np.nan]))
    assert np.isnan(result[1]) and not np.isnan(result[0])


def test_sigmoid_tail_is_nonzero_where_the_naive_form_gives_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert naive_sigmoid(-720.0) == 0.0
    assert sigmoid(-720.0) == pytest.approx(mp_sigmoid(-720.0), rel=1e-9)
    assert sigmoid(-745.0) > 0


# --- no warnings, types and dtypes ------------------------------------------------------


@pytest.mark.parametrize("func", SILENT)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_no_warning_for_extreme_inputs(func, dtype):
    x = extremes(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = func(x)
    assert result.shape == x.shape


@pytest.mark.parametrize("func", SILENT)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_no_floating_point_error_even_when_numpy_raises_on_all(func, dtype):
    # A chapter may switch on np.errstate(all="raise") to expose the naive formula;
    # the stable functions must not trip it, not even by underflowing.
    x = extremes(dtype)
    with np.errstate(all="raise"):
        func(x)
        func(x[3])


def test_logit_no_warning_at_0_and_1():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(logit([0.0, 1.0]), [-np.inf, np.inf])


@pytest.mark.parametrize("func", ELEMENTWISE)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_dtype_is_kept(func, dtype):
    x = np.array([0.1, 0.5, 0.9], dtype=dtype)
    assert func(x).dtype == dtype
    assert type(func(dtype(0.25))) is dtype


@pytest.mark.parametrize("func", ELEMENTWISE)
def test_integers_and_lists_give_float64(func):
    assert func([0, 1]).dtype == np.float64
    assert type(func(0)) is np.float64
    assert type(func(True)) is np.float64


def test_python_scalar_gives_numpy_scalar_with_clean_print():
    result = sigmoid(0.0)
    assert type(result) is np.float64
    assert str(result) == "0.5"


@pytest.mark.parametrize("func", ELEMENTWISE)
@pytest.mark.parametrize(
    ("bad", "fragment"),
    [("abc", "got str 'abc'"), (None, "got None"), (1j, "got complex"), ([1, "2"], "str '2'")],
)
def test_non_numbers_raise_type_error_naming_the_function(func, bad, fragment):
    with pytest.raises(TypeError) as info:
        func(bad)
    assert str(info.value).startswith(f"{func.__name__}() expects numbers")
    assert fragment in str(info.value)


@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
def test_input_is_not_modified_and_shapes_are_kept(func):
    x = np.linspace(-800, 800, 24).reshape(2, 3, 4)
    before = x.copy()
    result = func(x)
    np.testing.assert_array_equal(x, before)
    assert result.shape == (2, 3, 4)
    assert func([]).shape == (0,)


# --- the blocked path for large arrays ----------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("func", [sigmoid, sigmoid_grad])
def test_blocked_path_matches_single_pass(func, dtype):
    rng = np.random.default_rng(0)
    n = 3 * act._BLOCK + 17
    x = rng.normal(0.0, 300.0, n).astype(dtype)
    # A block whose minimum is NaN must still get its far-negative tail fixed.
    x[act._BLOCK + 5] = np.nan
    x[act._BLOCK + 6] = -720.0 if dtype is np.float64 else -95.0
    x[-1] = -np.inf
    whole = func(x)
    pieces = np.concatenate([func(x[i : i + 1000]) for i in range(0, n, 1000)])
    np.testing.assert_array_equal(whole, pieces)
    assert whole[act._BLOCK + 6] > 0 or dtype is np.float16 or func is sigmoid_grad
    # Non-contiguous and Fortran-ordered inputs take the single-pass route.
    np.testing.assert_array_equal(func(x[::2]), whole[::2])
    grid = np.asfortranarray(x[: 2 * act._BLOCK].reshape(512, -1))
    np.testing.assert_array_equal(func(grid), whole[: 2 * act._BLOCK].reshape(512, -1))


# --- laws: bounds, symmetry, monotonicity, inverse ----------------------------------------


@settings(max_examples=200)
@given(finite_floats)
def test_sigmoid_bounds_and_symmetry(x):
    s, s_neg = sigmoid(x), sigmoid(-x)
    assert 0.0 <= s <= 1.0
    assert abs(s_neg - (1.0 - s)) <= EPS
    g = sigmoid_grad(x)
    assert 0.0 <= g <= 0.25
    assert g == sigmoid_grad(-x)


@settings(max_examples=100)
@given(hnp.arrays(np.float64, st.integers(2, 50), elements=st.floats(allow_nan=False)))
def test_sigmoid_is_monotone(x):
    x = np.sort(x)
    assert np.all(np.diff(sigmoid(x)) >= 0)
    assert np.all(np.diff(sigmoid(np.clip(x, -3e38, 3e38).astype(np.float32))) >= 0)


def test_sigmoid_is_monotone_across_the_tail_switch():
    for dtype in (np.float32, np.float64):
        switch = np.array(act._TAIL[np.dtype(dtype)], dtype=dtype)
        int_type = np.int32 if dtype is np.float32 else np.int64
        steps = switch.view(int_type) + np.arange(-5000, 5000)
        x = np.sort(steps.astype(int_type).view(dtype))
        assert np.all(np.diff(sigmoid(x)) >= 0)


@settings(max_examples=100)
@given(st.floats(0, 1e308), st.floats(0, 1e308))
def test_sigmoid_grad_decreases_away_from_zero(a, b):
    low, high = sorted((a, b))
    assert sigmoid_grad(high) <= sigmoid_grad(low) * (1 + 8 * EPS)


@settings(max_examples=200)
@given(st.floats(-708, 36))
def test_logit_inverts_sigmoid(x):
    # Where σ(x) is a normal float below 1. logit is ill-conditioned near p = 1: an error
    # of one rounding in p becomes eps / (1 - p) = eps (1 + e^x) in x, hence the tolerance.
    assert abs(logit(sigmoid(x)) - x) <= 8 * EPS * (abs(x) + 1 + np.exp(x))


@settings(max_examples=200)
@given(st.floats(TINY, 1.0))
def test_sigmoid_inverts_logit(p):
    z = logit(p)
    assert sigmoid(z) == pytest.approx(p, rel=4 * EPS * (2 + abs(z)), abs=0)


def test_logit_accurate_near_one_half():
    p = np.array([0.3, 0.45, 0.5 + 1e-12, 0.55, 0.65])
    with mpmath.workprec(200):
        expected = [float(mpmath.log(mpmath.mpf(v) / (1 - mpmath.mpf(v)))) for v in p]
    np.testing.assert_allclose(logit(p), expected, rtol=4 * EPS)


@pytest.mark.parametrize("bad", [-0.1, 1.5, -np.inf, np.inf])
def test_logit_rejects_values_outside_0_1(bad):
    with pytest.raises(ValueError, match=rf"logit\(\) expects probabilities.*got {bad!r}"):
        logit([0.5, bad])


def test_logit_error_lists_a_few_values_and_counts_the_rest():
    with pytest.raises(ValueError, match=r"got 2\.0, 3\.0, 4\.0 and 2 more"):
        logit([2.0, 3.0, 4.0, 5.0, 0.5, 6.0])


# --- accuracy against a high-precision reference ------------------------------------------


@settings(max_examples=150)
@given(finite_floats)
def test_sigmoid_within_3_ulp_of_mpmath(x):
    assert ulp_distance(sigmoid(x), np.float64(mp_sigmoid(x))) <= 3


@settings(max_examples=150)
@given(finite_floats)
def test_sigmoid_grad_within_4_ulp_of_mpmath_where_normal(x):
    expected = np.float64(mp_sigmoid_grad(x))
    if expected >= TINY:
        assert ulp_distance(sigmoid_grad(x), expected) <= 4


def test_sigmoid_and_grad_ulp_on_tails_and_switch_points():
    got = sigmoid(TAIL_POINTS)
    assert ulp_distance(got, reference(mp_sigmoid, TAIL_POINTS)).max() <= 3
    expected = reference(mp_sigmoid_grad, TAIL_POINTS)
    normal = expected >= TINY
    assert ulp_distance(sigmoid_grad(TAIL_POINTS)[normal], expected[normal]).max() <= 4


def test_float32_ulp_on_tails():
    # Measured over every float32: at most 4 ULP for sigmoid and 5 for its derivative
    # (NumPy's float32 exp is less accurate than its float64 one).
    x = TAIL_POINTS[np.abs(TAIL_POINTS) < 3e38].astype(np.float32)
    assert ulp_distance(sigmoid(x), reference(mp_sigmoid, x, np.float32)).max() <= 4
    expected = reference(mp_sigmoid_grad, x, np.float32)
    normal = expected >= np.finfo(np.float32).tiny
    assert ulp_distance(sigmoid_grad(x)[normal], expected[normal]).max() <= 5


def test_float16_is_correctly_rounded_on_a_grid():
    x = np.linspace(-20, 20, 801).astype(np.float16)
    expected = reference(mp_sigmoid, x, np.float16)
    assert ulp_distance(sigmoid(x), expected).max() <= 1


def test_naive_forms_lose_the_tails_that_ours_keep():
    x = np.array([20.0, 30.0, 40.0])
    expected = reference(mp_sigmoid_grad, x)
    assert ulp_distance(sigmoid_grad(x), expected).max() <= 4
    naive = naive_sigmoid_grad(x)
    assert naive[-1] == 0.0
    assert abs(naive[0] / expected[0] - 1) > 1e-10


def test_sigmoid_agrees_with_scipy_expit():
    x = np.random.default_rng(1).normal(0, 20, 5000)
    np.testing.assert_allclose(sigmoid(x), expit(x), rtol=4 * EPS, atol=0)


@settings(max_examples=100)
@given(moderate)
def test_sigmoid_grad_matches_central_differences(x):
    h = 1e-5
    numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
    assert sigmoid_grad(x) == pytest.approx(numeric, rel=1e-7, abs=1e-10)


def test_tanh_grad_keeps_its_tail():
    x = np.array([-300.0, -19.0, 0.5, 19.0, 25.0, 300.0])
    with mpmath.workprec(200):
        expected = [float(mpmath.sech(mpmath.mpf(v)) ** 2) for v in x]
    np.testing.assert_allclose(tanh_grad(x), expected, rtol=8 * EPS, atol=0)
    assert np.all(tanh_grad(np.linspace(-5, 5, 1001)) <= 1)


def test_silu_accurate_including_tails():
    x = np.concatenate([np.linspace(-700, 700, 201), np.linspace(-5, 5, 101)])
    with mpmath.workprec(200):
        expected = [float(mpmath.mpf(v) / (1 + mpmath.exp(-mpmath.mpf(v)))) for v in x]
    np.testing.assert_allclose(silu(x), expected, rtol=6 * EPS, atol=0)


def _mp_gelu_parts(v):
    with mpmath.workprec(200):
        x = mpmath.mpf(float(v))
        cdf, pdf = mpmath.ncdf(x), mpmath.npdf(x)
        return float(x * cdf), float(cdf), float(x * pdf)


def test_gelu_exact_form_accurate_to_1e_13():
    x = np.concatenate(
        [np.linspace(-38, 38, 761), [-1.999999, -2.0, 2.0, 1e-300, -1e-300, 0.5, -0.5]]
    )
    parts = np.array([_mp_gelu_parts(v) for v in x])
    expected_gelu, cdf, x_pdf = parts.T
    normal = np.abs(expected_gelu) >= TINY
    np.testing.assert_allclose(gelu(x)[normal], expected_gelu[normal], rtol=1e-13, atol=0)
    # The derivative crosses zero near x = -0.75: judge it relative to the size of its terms.
    err = np.abs(gelu_grad(x) - (cdf + x_pdf))
    assert np.all(err <= 1e-13 * (np.abs(cdf) + np.abs(x_pdf)) + 1e-300)


def test_gelu_matches_scipy_and_differs_from_tanh_approximation():
    x = np.linspace(-8, 8, 401)
    np.testing.assert_allclose(gelu(x), x * ndtr(x), rtol=1e-13, atol=1e-300)
    approx = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
    assert 1e-4 < np.max(np.abs(gelu(x) - approx)) < 1e-3


def test_relu_family_values():
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(relu_grad([-2.0, 0.0, 3.0]), [0.0, 0.0, 1.0])
    np.testing.assert_allclose(leaky_relu([-2.0, 0.0, 3.0]), [-0.02, 0.0, 3.0])
    np.testing.assert_array_equal(leaky_relu_grad([-2.0, 0.0, 3.0], slope=0.2), [0.2, 0.2, 1.0])
    np.testing.assert_array_equal(leaky_relu([-2.0, 3.0], slope=1), [-2.0, 3.0])
    np.testing.assert_array_equal(leaky_relu([-2.0, 3.0], slope=0), relu([-2.0, 3.0]))


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("slope", ["0.1", None, True, [0.1]])
def test_leaky_relu_slope_type_is_checked(func, slope):
    with pytest.raises(TypeError, match=rf"{func.__name__}\(\) expects slope to be a single"):
        func(1.0, slope=slope)


@pytest.mark.parametrize("func", [leaky_relu, leaky_relu_grad])
@pytest.mark.parametrize("slope", [-0.1, 1.5, np.nan, np.inf])
def test_leaky_relu_slope_value_is_checked(func, slope):
    with pytest.raises(ValueError, match=rf"{func.__name__}\(\) expects .*slope"):
        func(1.0, slope=slope)


def test_leaky_relu_keeps_float32_with_numpy_slope():
    x = np.array([-1.0, 1.0], dtype=np.float32)
    assert leaky_relu(x, slope=np.float64(0.1)).dtype == np.float32


def test_naive_forms_warn_as_numpy_does():
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        assert naive_sigmoid(-1000.0) == 0.0
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        naive_sigmoid_grad(np.array([-1000.0, 0.0]))
    assert naive_sigmoid(0.0) == 0.5
    assert naive_sigmoid_grad(0.0) == 0.25


# --- the registry ------------------------------------------------------------------------


def test_registry_lists_the_contract_names_in_order():
    assert list(ACTIVATIONS) == ["sigmoid", "tanh", "relu", "leaky_relu", "silu", "gelu"]
    for name, activation in ACTIVATIONS.items():
        assert isinstance(activation, Activation)
        assert activation.name == name
        assert activation.label
    with pytest.raises(AttributeError):
        ACTIVATIONS["relu"].name = "other"


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_registry_gradient_matches_central_differences(name):
    activation = ACTIVATIONS[name]
    x = np.linspace(-6, 6, 97) + 0.0625  # the grid avoids the kink of ReLU at 0
    h = 1e-6
    numeric = (activation.function(x + h) - activation.function(x - h)) / (2 * h)
    np.testing.assert_allclose(activation.gradient(x), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_registry_formula_renders_in_matplotlib(name):
    MathTextParser("path").parse(f"${ACTIVATIONS[name].formula}$")


def test_get_activation_is_forgiving_about_spelling():
    assert get_activation("relu") is ACTIVATIONS["relu"]
    assert get_activation(" Leaky-ReLU ") is ACTIVATIONS["leaky_relu"]
    assert get_activation(ACTIVATIONS["gelu"]) is ACTIVATIONS["gelu"]


def test_get_activation_errors_list_valid_names():
    with pytest.raises(ValueError, match=r"no activation 'softsign'.*'sigmoid', 'tanh', 'relu'"):
        get_activation("softsign")
    with pytest.raises(TypeError, match=r"get_activation\(\) expects the name.*got int 3"):
        get_activation(3)
