"""The standard logistic distribution: σ is its CDF, the logit its quantile function."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoid_lab.distributions import (
    _open_uniform,
    empirical_cdf,
    logistic_cdf,
    logistic_pdf,
    logistic_quantile,
    max_cdf_gap,
    sample_logistic,
)


@given(st.floats(-700, 700))
def test_cdf_and_pdf_match_scipy(x):
    assert logistic_cdf(x) == pytest.approx(scipy.stats.logistic.cdf(x), rel=1e-13, abs=1e-300)
    assert logistic_pdf(x) == pytest.approx(scipy.stats.logistic.pdf(x), rel=1e-12, abs=1e-300)


@given(st.floats(1e-300, 1 - 1e-16))
def test_quantile_matches_scipy_and_inverts_the_cdf(p):
    q = logistic_quantile(p)
    assert q == pytest.approx(scipy.stats.logistic.ppf(p), rel=1e-12, abs=1e-12)
    assert logistic_cdf(q) == pytest.approx(p, rel=1e-12)


def test_quantile_ends_are_infinite():
    assert logistic_quantile(0.0) == -np.inf
    assert logistic_quantile(1.0) == np.inf
    with pytest.raises(ValueError, match="between 0 and 1"):
        logistic_quantile(1.5)


@settings(deadline=None, max_examples=20)
@given(st.integers(0, 2**32 - 1))
def test_max_gap_of_samples_is_scipys_kolmogorov_smirnov_statistic(seed):
    samples = sample_logistic(2_000, seed=seed)
    assert np.all(np.isfinite(samples))
    expected = scipy.stats.kstest(samples, scipy.stats.logistic.cdf).statistic
    assert max_cdf_gap(samples) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_samples_follow_sigma(seed):
    samples = sample_logistic(100_000, seed=seed)
    # Kolmogorov: P(√n · gap > 1.95) ≈ 0.001; these fixed seeds are well below it.
    assert max_cdf_gap(samples) < 1.95 / np.sqrt(samples.size)
    assert scipy.stats.kstest(samples, scipy.stats.logistic.cdf).pvalue > 0.001


def test_sample_mean_and_variance():
    samples = sample_logistic(400_000, seed=1)
    assert samples.mean() == pytest.approx(0.0, abs=0.02)
    assert samples.var() == pytest.approx(np.pi**2 / 3, rel=0.02)


def test_seed_and_rng_make_draws_repeatable():
    np.testing.assert_array_equal(sample_logistic(5, seed=3), sample_logistic(5, seed=3))
    a = sample_logistic((2, 3), rng=np.random.default_rng(4))
    b = sample_logistic((2, 3), rng=np.random.default_rng(4))
    np.testing.assert_array_equal(a, b)
    assert a.shape == (2, 3)
    assert not np.array_equal(sample_logistic(5, seed=3), sample_logistic(5, seed=4))


def test_extreme_uniform_draws_stay_inside_the_open_interval():
    u = _open_uniform(np.array([0, 2**52 - 1]))
    assert u[0] == 2.0**-53
    assert u[1] == np.nextafter(1.0, 0.0)
    assert np.all(np.isfinite(logistic_quantile(u)))
    assert sample_logistic(0, seed=0).shape == (0,)


def test_empirical_cdf():
    samples = np.array([3.0, 1.0, 2.0, 2.0])
    np.testing.assert_allclose(
        empirical_cdf(samples, [0.0, 1.0, 2.0, 2.5, 3.0]), [0, 0.25, 0.75, 0.75, 1.0]
    )


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=50))
def test_max_cdf_gap_is_the_kolmogorov_smirnov_statistic(values):
    gap = max_cdf_gap(values)
    expected = scipy.stats.kstest(values, scipy.stats.logistic.cdf).statistic
    assert gap == pytest.approx(expected, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: sample_logistic(3, seed=1, rng=np.random.default_rng()), ValueError, "not both"),
        (lambda: sample_logistic(3, rng=1), TypeError, "Generator"),
        (lambda: sample_logistic(-1, seed=0), ValueError, "negative"),
        (lambda: empirical_cdf([], [0.0]), ValueError, "empty"),
        (lambda: empirical_cdf([np.nan], [0.0]), ValueError, "NaN"),
        (lambda: empirical_cdf(["a"], [0.0]), TypeError, "expects samples to be numbers"),
        (lambda: max_cdf_gap([1.0], cdf=0.5), TypeError, "function"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)
