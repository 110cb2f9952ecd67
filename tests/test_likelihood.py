"""The derivation of the log-loss, checked: against mpmath, finite differences, scikit-learn
and SciPy, with the laws (convexity, the cancelling σ', the Gaussian posterior) as properties."""

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.stats import multivariate_normal
from sklearn.calibration import calibration_curve
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression

from sigmoid_lab.activations import naive_sigmoid, sigmoid, sigmoid_grad
from sigmoid_lab.calibration import reliability_table
from sigmoid_lab.data import make_seed_data
from sigmoid_lab.generative import (
    GaussianClassifier,
    fit_shared_gaussian,
    gaussian_posterior,
    sample_gaussian_classes,
)
from sigmoid_lab.likelihood import (
    bernoulli_likelihood,
    descent_path,
    finite_difference_gradient,
    half_squared_error,
    half_squared_error_gradient,
    log_loss_gradient,
    log_loss_hessian,
    loss_along_line,
    max_relative_error,
    mean_log_loss,
    per_example_log_loss,
    saturation_threshold,
)
from sigmoid_lab.training import train

MEANS = np.array([[0.0, 0.0], [2.0, 1.0]])
COV = np.array([[1.0, 0.6], [0.6, 2.0]])


@st.composite
def problems(draw, max_rows=30, max_features=3):
    """(params, X, y) with moderate values, so that gradients are not rounding noise."""
    n = draw(st.integers(2, max_rows))
    d = draw(st.integers(1, max_features))
    values = st.floats(-3, 3, allow_nan=False)
    X = draw(hnp.arrays(np.float64, (n, d), elements=values))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    params = draw(hnp.arrays(np.float64, d + 1, elements=st.floats(-2, 2)))
    return params, X, y


def _mp_log_loss(z, y):
    """-[y log p + (1 - y) log(1 - p)] with p = σ(z), in 2000-bit arithmetic.

    The precision must exceed the 1000-odd bits that 1 + e^-700 needs, or 1 - p and log p
    lose the tiny terms the loss is made of.
    """
    mpmath.mp.prec = 2000
    p = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
    return -(y * mpmath.log(p) + (1 - y) * mpmath.log(1 - p))


# --------------------------------------------------------------------- the log-loss


@settings(max_examples=200, deadline=None)
@given(
    st.floats(-700, 700, allow_nan=False),
    st.integers(0, 1),
)
def test_per_example_log_loss_matches_mpmath(z, y):
    exact = _mp_log_loss(z, y)
    got = per_example_log_loss([z], [y])[0]
    assert got == pytest.approx(float(exact), rel=1e-13, abs=1e-300)


def test_per_example_log_loss_keeps_tiny_losses_that_subtraction_loses():
    # softplus(40) rounds to 40.0, so softplus(z) - y z computed literally is 0.0.
    assert np.logaddexp(0.0, 40.0) - 40.0 == 0.0
    assert per_example_log_loss([40.0], [1])[0] == pytest.approx(float(_mp_log_loss(40, 1)))


@settings(max_examples=100, deadline=None)
@given(problems())
def test_negative_log_likelihood_over_n_is_the_mean_log_loss(problem):
    params, X, y = problem
    p = sigmoid(X @ params[:-1] + params[-1])
    likelihood = bernoulli_likelihood(p, y)
    assert likelihood > 0  # 30 factors of moderate logits cannot underflow
    # The product uses 1 - p from a rounded p, which loses relative accuracy ε/(1 - p): that
    # is the bound on the difference, besides the rounding of the sum.
    bound = np.sum(np.finfo(float).eps / np.minimum(p, 1 - p)) / len(y)
    expected = mean_log_loss(params, X, y)
    assert abs(-np.log(likelihood) / len(y) - expected) <= bound + 1e-13 * max(1.0, expected)


def test_bernoulli_likelihood_multiplies_the_right_factors():
    assert bernoulli_likelihood([0.9, 0.2, 0.5], [1, 0, 1]) == pytest.approx(0.9 * 0.8 * 0.5)


def test_mean_log_loss_matches_scikit_learn_objective():
    X, y = make_seed_data(300, seed=2, label_noise=0.2)
    l2 = 0.05
    model = LogisticRegression(C=1 / (l2 * len(y)), tol=1e-12, max_iter=10_000).fit(X, y)
    params = np.append(model.coef_.ravel(), model.intercept_)
    # scikit-learn's optimum is where our gradient vanishes, and the losses agree there.
    assert np.abs(log_loss_gradient(params, X, y, l2=l2)).max() < 1e-7
    z = X @ params[:-1] + params[-1]
    expected = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * params[:-1] @ params[:-1]
    assert mean_log_loss(params, X, y, l2=l2) == pytest.approx(expected, rel=1e-12)


# -------------------------------------------------------- gradient and Hessian, by law


@settings(max_examples=100, deadline=None)
@given(problems(), st.sampled_from([0.0, 0.1]))
def test_gradient_agrees_with_finite_differences(problem, l2):
    params, X, y = problem
    exact = log_loss_gradient(params, X, y, l2=l2)
    approx = finite_difference_gradient(lambda t: mean_log_loss(t, X, y, l2=l2), params)
    # Central differences: truncation ~h², rounding ~1e-16/h; absolute, since a component
    # of the gradient may be zero.
    np.testing.assert_allclose(approx, exact, atol=1e-8)


@settings(max_examples=100, deadline=None)
@given(problems(), st.sampled_from([0.0, 0.1]))
def test_hessian_agrees_with_finite_differences_of_the_gradient(problem, l2):
    params, X, y = problem
    hessian = log_loss_hessian(params, X, l2=l2)
    columns = [
        finite_difference_gradient(lambda t, i=i: log_loss_gradient(t, X, y, l2=l2)[i], params)
        for i in range(params.size)
    ]
    np.testing.assert_allclose(np.array(columns), hessian, atol=1e-8)
    np.testing.assert_array_equal(hessian, hessian.T)


@settings(max_examples=100, deadline=None)
@given(problems(), st.floats(0, 1))
def test_hessian_is_positive_semidefinite_and_definite_with_l2(problem, l2):
    params, X, _ = problem
    eigenvalues = np.linalg.eigvalsh(log_loss_hessian(params, X, l2=l2))
    assert eigenvalues[0] >= -1e-12 * max(1.0, eigenvalues[-1])


def test_hessian_does_not_lose_curvature_where_p_rounds_to_one():
    # At z = 40, p(1 - p) from a rounded p is 0; σ(z)σ(-z) keeps e^-40.
    hessian = log_loss_hessian([40.0, 0.0], [[1.0]])
    assert hessian[0, 0] == pytest.approx(float(sigmoid_grad(40.0)), rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_squared_error_gradient_is_the_log_loss_term_times_sigma_prime(problem):
    params, X, y = problem
    z = X @ params[:-1] + params[-1]
    design = np.column_stack([X, np.ones(len(y))])
    expected = design.T @ ((sigmoid(z) - y) * sigmoid_grad(z)) / len(y)
    np.testing.assert_allclose(half_squared_error_gradient(params, X, y), expected, atol=1e-15)
    approx = finite_difference_gradient(lambda t: half_squared_error(t, X, y), params)
    np.testing.assert_allclose(approx, expected, atol=1e-8)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_half_squared_error_lies_between_0_and_a_half(problem):
    assert 0.0 <= half_squared_error(*problem) <= 0.5


def test_squared_error_is_not_convex_along_the_articles_weight_axis():
    X, y = make_seed_data(500, seed=0)
    t = np.linspace(-10, 10, 201)
    direction = np.array([1.0, 0.0, 0.0])
    squared = loss_along_line(lambda p: half_squared_error(p, X, y), np.zeros(3), direction, t)
    log_loss = loss_along_line(lambda p: mean_log_loss(p, X, y), np.zeros(3), direction, t)
    assert np.diff(squared, 2).min() < -1e-6
    assert np.diff(log_loss, 2).min() > -1e-12


# ---------------------------------------------------------------- helpers, by example


def test_finite_difference_gradient_of_a_quadratic():
    matrix = np.array([[2.0, 0.5], [0.5, 1.0]])
    point = np.array([0.3, -1.2])
    approx = finite_difference_gradient(lambda t: 0.5 * t @ matrix @ t, point)
    np.testing.assert_allclose(approx, matrix @ point, atol=1e-10)


def test_max_relative_error():
    assert max_relative_error([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert max_relative_error([1.1, 2.0], [1.0, 2.0]) == pytest.approx(0.1 / 1.1)
    assert max_relative_error([-1.0], [1.0]) == 2.0


def test_loss_along_line_evaluates_each_point():
    values = loss_along_line(lambda p: float(p @ p), [1.0, 0.0], [0.0, 1.0], [0.0, 2.0])
    np.testing.assert_array_equal(values, [1.0, 5.0])


def test_descent_path_starts_at_init_and_ends_where_train_ends():
    X, y = make_seed_data(100, seed=3)
    start = np.array([0.5, -0.5, 0.2])
    path = descent_path(X, y, lr=0.5, iterations=20, init=start)
    result = train(X, y, lr=0.5, iterations=20, init=start)
    assert path.shape == (21, 3)
    np.testing.assert_array_equal(path[0], start)
    np.testing.assert_allclose(path[-1], np.append(result.weights, result.bias), rtol=1e-12)


def test_gradient_descent_from_different_starts_ends_at_one_minimiser_with_l2():
    X, y = make_seed_data(200, seed=4)
    ends = [
        descent_path(X, y, iterations=2000, l2=0.05, init=start)[-1]
        for start in np.random.default_rng(0).normal(scale=5, size=(3, 3))
    ]
    np.testing.assert_allclose(ends[1:], [ends[0]] * 2, atol=1e-9)
    assert np.abs(log_loss_gradient(ends[0], X, y, l2=0.05)).max() < 1e-10


# ------------------------------------------------------------------- Gaussian classes


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(np.float64, (2, 2), elements=st.floats(-3, 3)),
    st.floats(0.3, 3),
    st.floats(0.3, 3),
    st.floats(-0.9, 0.9),
    st.floats(0.05, 0.95),
)
def test_gaussian_posterior_is_sigma_of_a_linear_function(means, sx, sy, rho, prior):
    cov = np.array([[sx * sx, rho * sx * sy], [rho * sx * sy, sy * sy]])
    points = np.random.default_rng(0).uniform(-5, 5, size=(50, 2))
    _, _, model = sample_gaussian_classes(1, means=means, covariance=cov, prior=prior)
    bayes = gaussian_posterior(points, means, cov, prior)
    np.testing.assert_allclose(model.predict_proba(points), bayes, atol=1e-9)


def test_gaussian_posterior_matches_bayes_rule_with_scipy_densities():
    points = np.random.default_rng(1).uniform(-4, 4, size=(200, 2))
    f0 = multivariate_normal(MEANS[0], COV).pdf(points)
    f1 = multivariate_normal(MEANS[1], COV).pdf(points)
    expected = 0.3 * f1 / (0.7 * f0 + 0.3 * f1)
    np.testing.assert_allclose(gaussian_posterior(points, MEANS, COV, 0.3), expected, rtol=1e-12)


def test_fit_shared_gaussian_matches_scikit_learn_lda():
    X, y, _ = sample_gaussian_classes(500, means=MEANS, covariance=COV, prior=0.4, seed=5)
    model = fit_shared_gaussian(X, y)
    reference = LinearDiscriminantAnalysis(solver="lsqr").fit(X, y)
    np.testing.assert_allclose(model.weights, reference.coef_.ravel(), rtol=1e-10)
    assert model.bias == pytest.approx(float(reference.intercept_[0]), rel=1e-10)
    np.testing.assert_allclose(model.predict_proba(X), reference.predict_proba(X)[:, 1])


def test_fit_shared_gaussian_recovers_the_true_model_from_many_points():
    X, y, truth = sample_gaussian_classes(200_000, means=MEANS, covariance=COV, seed=6)
    model = fit_shared_gaussian(X, y)
    np.testing.assert_allclose(model.weights, truth.weights, atol=0.03)
    assert model.bias == pytest.approx(truth.bias, abs=0.03)
    assert isinstance(model, GaussianClassifier)


def test_sampler_is_reproducible_and_follows_the_prior():
    first = sample_gaussian_classes(1000, means=MEANS, covariance=COV, prior=0.25, seed=7)
    second = sample_gaussian_classes(1000, means=MEANS, covariance=COV, prior=0.25, seed=7)
    np.testing.assert_array_equal(first[0], second[0])
    assert abs(first[1].mean() - 0.25) < 0.05


# ------------------------------------------------------------------------ calibration


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 400), st.integers(1, 20), st.integers(0, 2**32 - 1))
def test_reliability_table_matches_scikit_learn_calibration_curve(n, bins, seed):
    rng = np.random.default_rng(seed)
    p = rng.random(n)
    y = (rng.random(n) < p).astype(int)
    table = reliability_table(p, y, bins=bins)
    assert table.count.sum() == n
    assert np.all((table.lower <= table.predicted) & (table.predicted <= table.upper))
    if 0 < y.sum() < n:  # scikit-learn needs both classes
        observed, predicted = calibration_curve(y, p, n_bins=bins)
        np.testing.assert_allclose(table.observed, observed, rtol=1e-12)
        np.testing.assert_allclose(table.predicted, predicted, rtol=1e-12)


def test_reliability_table_standard_error_and_gap():
    table = reliability_table([0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1], bins=2)
    assert table.standard_error[0] == pytest.approx(0.25)
    assert table.gap_in_standard_errors[0] == pytest.approx(2.0)
    certain = reliability_table([1.0, 1.0], [0, 1], bins=2)
    assert certain.gap_in_standard_errors[0] == -np.inf
    assert len(certain.lines()) == 2


def test_training_data_calibration_in_the_mean_holds_by_construction():
    # Even a misspecified model (the true P(y = 1 | x) is a step) matches mean(y) exactly.
    X, y = make_seed_data(500, seed=8, label_noise=0.1)
    result = train(X, y, iterations=3000)
    assert result.converged
    assert abs(result.predict_proba(X).mean() - y.mean()) < 1e-12


# ---------------------------------------------------------------- rounding to 1.0


def _float_at_or_above(value):
    candidate = float(value)
    return candidate if candidate >= value else float(np.nextafter(candidate, np.inf))


def test_formula_sigmoid_reaches_one_at_53_ln_2():
    mpmath.mp.prec = 200
    exact = 53 * mpmath.log(2)  # e^-x = 2^-53: 1 + e^-x rounds to 1 (ties to even)
    found = saturation_threshold(sigmoid)
    assert found == saturation_threshold(naive_sigmoid)
    # np.exp is within an ULP of e^-x, so the computed threshold may move by a few ULP.
    assert abs(found - float(exact)) <= 4 * np.spacing(found)
    assert float(sigmoid(np.nextafter(found, 0))) < 1.0 and float(sigmoid(found)) == 1.0


def test_saturation_threshold_accepts_minus_zero_as_the_lower_end():
    assert saturation_threshold(sigmoid, low=-0.0) == saturation_threshold(sigmoid)


def test_correctly_rounded_sigmoid_reaches_one_only_at_ln_of_2_to_54_minus_1():
    mpmath.mp.prec = 200

    def rounded(x):
        return float(1 / (1 + mpmath.exp(-mpmath.mpf(x))))

    exact = mpmath.log(mpmath.mpf(2) ** 54 - 1)  # σ(x) = 1 - 2^-54: halfway, rounds to 1
    assert saturation_threshold(rounded, low=30.0, high=40.0) == _float_at_or_above(exact)
    assert float(exact) == pytest.approx(37.42994775023705, abs=1e-12)


# ------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: mean_log_loss([1.0, 2.0], [[1.0, 2.0]], [1]), ValueError, "np.append"),
        (lambda: mean_log_loss([1.0, 0.0], [[1.0]], [[1]]), ValueError, "np.ravel(y)"),
        (lambda: mean_log_loss([1.0, 0.0], [[1.0]], [2]), ValueError, "(y + 1) / 2"),
        (lambda: mean_log_loss([1.0, 0.0], [1.0], [1]), ValueError, "np.reshape(X, (-1, 1))"),
        (lambda: mean_log_loss([1.0, 0.0], [[1.0]], [1], l2=-1), ValueError, "l2"),
        (lambda: mean_log_loss([1.0, 0.0], [[np.nan]], [1]), ValueError, "finite"),
        (lambda: log_loss_gradient("ab", [[1.0]], [1]), TypeError, "params"),
        (lambda: log_loss_hessian([1.0, 0.0], [[1.0], [2.0]], l2=True), TypeError, "l2"),
        (lambda: per_example_log_loss([[1.0]], [1]), ValueError, "shape (m,)"),
        (lambda: bernoulli_likelihood([1.5], [1]), ValueError, "[0, 1]"),
        (lambda: finite_difference_gradient(3, [1.0]), TypeError, "function"),
        (lambda: finite_difference_gradient(sum, [1.0], step=0), ValueError, "step"),
        (lambda: max_relative_error([1.0], [1.0, 2.0]), ValueError, "same shape"),
        (lambda: loss_along_line(sum, [1.0], [1.0, 2.0], [0.0]), ValueError, "direction"),
        (lambda: fit_shared_gaussian([[1.0], [2.0]], [1, 1]), ValueError, "both classes"),
        (lambda: fit_shared_gaussian([[1.0, 1.0], [2.0, 1.0]], [0, 1]), ValueError, "singular"),
        (
            lambda: sample_gaussian_classes(5, means=MEANS, covariance=-COV),
            ValueError,
            "positive definite",
        ),
        (
            lambda: sample_gaussian_classes(5, means=MEANS, covariance=COV, prior=1.0),
            ValueError,
            "prior",
        ),
        (lambda: sample_gaussian_classes(2.0, means=MEANS, covariance=COV), TypeError, "int"),
        (lambda: gaussian_posterior([[1.0]], MEANS, COV, 0.5), ValueError, "columns"),
        (
            lambda: sample_gaussian_classes(5, means=MEANS, covariance=COV, seed="a"),
            TypeError,
            "seed",
        ),
        (lambda: reliability_table([0.5], [1], bins=0), ValueError, "bins"),
        (lambda: reliability_table([2.0], [1]), ValueError, "[0, 1]"),
        (lambda: saturation_threshold(lambda x: 0.5), ValueError, "widen"),
        (lambda: saturation_threshold(sigmoid, low=5.0, high=1.0), ValueError, "low < high"),
        (lambda: saturation_threshold(sigmoid, high="40"), TypeError, "numbers"),
    ],
)
def test_bad_input_is_named_with_a_fix(call, error, words):
    with pytest.raises(error, match=None) as caught:
        call()
    assert words in str(caught.value)


def test_valid_input_raises_no_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mean_log_loss([800.0, 0.0], [[1.0], [-1.0]], [0, 1])
        log_loss_gradient([800.0, 0.0], [[1.0], [-1.0]], [0, 1])
        log_loss_hessian([800.0, 0.0], [[1.0], [-1.0]])
        gaussian_posterior([[1e3, -1e3]], MEANS, COV, 0.5)
        assert np.all(reliability_table([0.0, 1.0], [0, 1]).gap_in_standard_errors == 0)


# Every function that takes labels, features or parameters refuses each kind of bad input
# with the same message, whatever the function.
_PARAMS, _X, _Y = [0.5, -0.5], [[1.0], [-1.0], [2.0]], [1, 0, 1]
LABEL_TAKERS = {
    "per_example_log_loss": lambda y: per_example_log_loss([0.1, 0.2, 0.3], y),
    "bernoulli_likelihood": lambda y: bernoulli_likelihood([0.1, 0.2, 0.3], y),
    "mean_log_loss": lambda y: mean_log_loss(_PARAMS, _X, y),
    "log_loss_gradient": lambda y: log_loss_gradient(_PARAMS, _X, y),
    "half_squared_error": lambda y: half_squared_error(_PARAMS, _X, y),
    "half_squared_error_gradient": lambda y: half_squared_error_gradient(_PARAMS, _X, y),
    "fit_shared_gaussian": lambda y: fit_shared_gaussian(_X, y),
    "reliability_table": lambda y: reliability_table([0.1, 0.2, 0.3], y),
}
FEATURE_TAKERS = {
    "mean_log_loss": lambda X: mean_log_loss(_PARAMS, X, _Y),
    "log_loss_gradient": lambda X: log_loss_gradient(_PARAMS, X, _Y),
    "log_loss_hessian": lambda X: log_loss_hessian(_PARAMS, X),
    "half_squared_error": lambda X: half_squared_error(_PARAMS, X, _Y),
    "half_squared_error_gradient": lambda X: half_squared_error_gradient(_PARAMS, X, _Y),
    "fit_shared_gaussian": lambda X: fit_shared_gaussian(X, _Y),
    "gaussian_posterior": lambda X: gaussian_posterior(X, [[0.0], [1.0]], [[1.0]], 0.5),
}
PARAM_TAKERS = {
    "mean_log_loss": lambda p: mean_log_loss(p, _X, _Y),
    "log_loss_gradient": lambda p: log_loss_gradient(p, _X, _Y),
    "log_loss_hessian": lambda p: log_loss_hessian(p, _X),
    "half_squared_error": lambda p: half_squared_error(p, _X, _Y),
    "half_squared_error_gradient": lambda p: half_squared_error_gradient(p, _X, _Y),
}


@pytest.mark.parametrize("name", sorted(LABEL_TAKERS))
@pytest.mark.parametrize(
    ("labels", "words"),
    [
        ([[1], [0], [1]], "np.ravel(y)"),
        ([1, 0, 2], "labels 0 or 1"),
        ([1, 0], "one label per"),
        ([1, 0, np.nan], "finite"),
        (["1", "0", "1"], "numbers"),
    ],
)
def test_every_label_taker_refuses_bad_labels_the_same_way(name, labels, words):
    with pytest.raises((TypeError, ValueError)) as caught:
        LABEL_TAKERS[name](labels)
    assert words in str(caught.value) and name.split(".")[0] in str(caught.value)


@pytest.mark.parametrize("name", sorted(FEATURE_TAKERS))
@pytest.mark.parametrize(
    ("features", "words"),
    [
        ([1.0, -1.0, 2.0], "np.reshape(X, (-1, 1))"),
        ([[1.0], [np.inf], [2.0]], "finite"),
        (None, "None"),
    ],
)
def test_every_feature_taker_refuses_bad_features_the_same_way(name, features, words):
    with pytest.raises((TypeError, ValueError)) as caught:
        FEATURE_TAKERS[name](features)
    assert words in str(caught.value) and name in str(caught.value)


@pytest.mark.parametrize("name", sorted(PARAM_TAKERS))
def test_every_param_taker_asks_for_the_bias_after_the_weights(name):
    with pytest.raises(ValueError) as caught:
        PARAM_TAKERS[name]([0.5])
    assert "np.append(weights, bias)" in str(caught.value) and name in str(caught.value)


def test_formula_sigmoid_is_one_for_every_float_from_its_threshold_on():
    # Checked on 10^5 floats spread evenly over the bit patterns up to the largest float.
    start = np.float64(saturation_threshold()).view(np.int64)
    stop = np.float64(np.finfo(np.float64).max).view(np.int64)
    floats = np.linspace(start, stop, 100_000).astype(np.int64).view(np.float64)
    assert np.all(sigmoid(floats) == 1.0)
    assert np.all(naive_sigmoid(floats) == 1.0)
