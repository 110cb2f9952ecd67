"""Tests for sigmoid_lab.data: the generated data sets and the train/test split."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoid_lab.data import (
    make_moons,
    make_seed_data,
    make_shifted_data,
    make_xor,
    split_train_test,
)
from sigmoid_lab.training import train

GENERATORS = [make_seed_data, make_xor, make_moons, make_shifted_data]


# ------------------------------------------------------------------ the article's data


def test_seed_data_has_the_articles_shape_and_rule():
    X, y = make_seed_data()
    assert X.shape == (1000, 2) and X.dtype == np.float64
    assert y.shape == (1000,) and y.dtype == np.int64
    np.testing.assert_array_equal(y, (X[:, 0] > 0).astype(int))


def test_seed_data_looks_standard_normal():
    X, _ = make_seed_data(20_000)
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=0.03)
    np.testing.assert_allclose(X.std(axis=0), 1.0, atol=0.03)
    assert abs(np.corrcoef(X.T)[0, 1]) < 0.03


def test_seed_data_is_reproducible_and_depends_on_the_seed():
    X1, y1 = make_seed_data(50, seed=7)
    X2, y2 = make_seed_data(50, seed=7)
    X3, _ = make_seed_data(50, seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


def test_seed_accepts_a_generator_and_none():
    rng = np.random.default_rng(3)
    X, _ = make_seed_data(5, seed=rng)
    np.testing.assert_array_equal(X, np.random.default_rng(3).standard_normal((5, 2)))
    assert make_seed_data(5, seed=None)[0].shape == (5, 2)


def test_generators_leave_numpys_global_random_state_alone():
    # The legacy global generator is what careless code would touch; it must not move.
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    for make in GENERATORS:
        make(20)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 300), noise=st.floats(0.0, 1.0))
def test_label_noise_flips_exactly_the_rounded_fraction(n, noise):
    X, y = make_seed_data(n, seed=1, label_noise=noise)
    X0, y0 = make_seed_data(n, seed=1)
    np.testing.assert_array_equal(X, X0)  # the noise does not move the points
    assert int(np.sum(y != y0)) == round(noise * n)


def test_full_label_noise_inverts_every_label():
    _, y = make_seed_data(10, label_noise=1.0)
    _, y0 = make_seed_data(10)
    np.testing.assert_array_equal(y, 1 - y0)


@pytest.mark.parametrize("make", GENERATORS)
@pytest.mark.parametrize("n", [0, -5])
def test_sample_count_must_be_positive(make, n):
    with pytest.raises(ValueError, match=rf"{make.__name__}\(\) expects n_samples to be at least"):
        make(n)


@pytest.mark.parametrize("make", GENERATORS)
def test_sample_count_must_be_an_integer(make):
    with pytest.raises(TypeError, match=r"n_samples to be a whole number.*Write 1000"):
        make(1e3)
    with pytest.raises(TypeError, match="n_samples"):
        make(True)
    with pytest.raises(TypeError, match="n_samples"):
        make("100")


@pytest.mark.parametrize("noise", [-0.1, 1.5, float("nan")])
def test_label_noise_must_be_a_fraction(noise):
    with pytest.raises(ValueError, match=r"label_noise to be a fraction in \[0, 1\]"):
        make_seed_data(label_noise=noise)


def test_label_noise_must_be_a_number():
    with pytest.raises(TypeError, match="label_noise to be a number"):
        make_seed_data(label_noise="10%")


@pytest.mark.parametrize("make", GENERATORS)
def test_seed_errors_say_what_is_accepted(make):
    with pytest.raises(TypeError, match="seed to be a non-negative integer, None or a numpy"):
        make(10, seed=1.5)
    with pytest.raises(ValueError, match="seed to be a non-negative integer"):
        make(10, seed=-1)


# ------------------------------------------------------------------ other small sets


def test_xor_labels_opposite_quadrants():
    X, y = make_xor(500)
    assert X.shape == (500, 2) and y.dtype == np.int64
    assert np.all(np.abs(X) <= 1.0)
    np.testing.assert_array_equal(y, (X[:, 0] > 0) != (X[:, 1] > 0))
    assert 0.4 < y.mean() < 0.6


def test_xor_noise_moves_points_but_keeps_labels():
    X0, y0 = make_xor(300, seed=2)
    X, y = make_xor(300, noise=0.3, seed=2)
    np.testing.assert_array_equal(y, y0)
    assert np.abs(X).max() > 1.0
    assert 0.1 < np.std(X - X0) < 0.5


@pytest.mark.parametrize("make", [make_xor, make_moons])
@pytest.mark.parametrize("noise", [-1.0, float("inf")])
def test_noise_must_be_a_non_negative_number(make, noise):
    with pytest.raises(ValueError, match="noise to be a finite number >= 0"):
        make(10, noise=noise)


def test_moons_lie_on_two_half_circles_without_noise():
    X, y = make_moons(201, noise=0.0)
    assert int(np.sum(y == 0)) == 100 and int(np.sum(y == 1)) == 101
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5)


def test_moons_are_shuffled_and_reproducible():
    X, y = make_moons(100, seed=4)
    assert 0 < np.sum(y[:50]) < 50
    X2, y2 = make_moons(100, seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


def test_moons_need_two_points():
    with pytest.raises(ValueError, match="at least 2"):
        make_moons(1)


def test_shifted_data_is_the_seed_data_moved():
    X, y = make_shifted_data(300, shift=(3.0, -2.0), seed=5)
    X0, y0 = make_seed_data(300, seed=5)
    np.testing.assert_allclose(X, X0 + np.array([3.0, -2.0]))
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(y, X[:, 0] > 3.0)


@pytest.mark.parametrize("shift", [(1.0,), (1.0, 2.0, 3.0), "far", None])
def test_shift_must_be_a_pair(shift):
    with pytest.raises(TypeError, match="shift to be a pair of numbers"):
        make_shifted_data(10, shift=shift)


def test_shift_must_be_finite():
    with pytest.raises(ValueError, match="shift to be finite"):
        make_shifted_data(10, shift=(np.nan, 0.0))


# ------------------------------------------------------------------ split


def test_split_sizes_and_contents():
    X = np.arange(20.0).reshape(10, 2)
    y = np.arange(10)  # ten classes of one row each: only an unstratified split can work
    X_train, X_test, y_train, y_test = split_train_test(
        X, y, test_fraction=0.3, seed=1, stratify=False
    )
    assert X_train.shape == (7, 2) and X_test.shape == (3, 2)
    # rows stay with their labels, and every row lands in exactly one part
    np.testing.assert_array_equal(X_train[:, 0] / 2, y_train)
    np.testing.assert_array_equal(X_test[:, 0] / 2, y_test)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_test])), y)


def test_split_is_reproducible_and_copies():
    X, y = make_seed_data(50)
    first = split_train_test(X, y, seed=3)
    second = split_train_test(X, y, seed=3)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    first[0][:] = 0.0
    assert not np.all(X == 0.0)


@pytest.mark.parametrize("fraction", [0.01, 0.99])
def test_split_keeps_both_parts_non_empty(fraction):
    X, y = make_seed_data(5)
    X_train, X_test, _, _ = split_train_test(X, y, test_fraction=fraction, stratify=False)
    assert len(X_train) >= 1 and len(X_test) >= 1


# ------------------------------------------------------------------ stratified split


def test_split_is_stratified_by_default():
    """y is 1 for 10 of 100 rows: a plain 20-row test part misses class 1 with chance
    about 10 %; the stratified split always gives it 2 of the 10 and keeps the rest."""
    X = np.arange(100.0).reshape(100, 1)
    y = (np.arange(100) % 10 == 0).astype(int)
    for seed in range(30):
        X_train, X_test, y_train, y_test = split_train_test(X, y, test_fraction=0.2, seed=seed)
        assert len(y_test) == 20 and int(y_test.sum()) == 2
        assert len(y_train) == 80 and int(y_train.sum()) == 8
        np.testing.assert_array_equal(X_train[:, 0] % 10 == 0, y_train == 1)
        np.testing.assert_array_equal(X_test[:, 0] % 10 == 0, y_test == 1)
        rows = np.concatenate([X_train[:, 0], X_test[:, 0]])
        np.testing.assert_array_equal(np.sort(rows), X[:, 0])
    # Without stratify, some of those seeds do leave class 1 out of the test part.
    missing = [
        seed
        for seed in range(30)
        if split_train_test(X, y, test_fraction=0.2, seed=seed, stratify=False)[3].sum() == 0
    ]
    assert missing


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(2, 60), min_size=1, max_size=5),
    fraction=st.floats(0.05, 0.95),
    seed=st.integers(0, 2**32 - 1),
)
def test_stratified_split_keeps_every_class_in_proportion(sizes, fraction, seed):
    y = np.repeat(np.arange(len(sizes)), sizes)
    y = np.random.default_rng(seed).permutation(y)
    X = np.column_stack([np.arange(len(y)), y])
    X_train, X_test, y_train, y_test = split_train_test(X, y, test_fraction=fraction, seed=seed)
    n, k = len(y), len(sizes)
    n_test = min(max(round(fraction * n), k), n - k)
    assert len(y_test) == n_test and len(y_train) == n - n_test
    np.testing.assert_array_equal(X_test[:, 1], y_test)  # rows keep their labels
    np.testing.assert_array_equal(X_train[:, 1], y_train)
    np.testing.assert_array_equal(np.sort(np.concatenate([X_train[:, 0], X_test[:, 0]])), X[:, 0])
    test_counts = np.bincount(y_test, minlength=k)
    train_counts = np.bincount(y_train, minlength=k)
    assert np.all(test_counts >= 1) and np.all(train_counts >= 1)
    share = n_test * np.array(sizes) / n
    if np.all(share >= 1) and np.all(np.array(sizes) - share >= 1):
        # The minimum of one row per part does not bind: plain largest-remainder rounding.
        assert np.all(np.abs(test_counts - share) < 1)
        assert test_counts.sum() == n_test


def test_stratified_split_is_reproducible_and_depends_on_the_seed():
    X, y = make_seed_data(60, seed=2)
    first = split_train_test(X, y, seed=5)
    again = split_train_test(X, y, seed=5)
    other = split_train_test(X, y, seed=6)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[1], other[1])
    generator = split_train_test(X, y, seed=np.random.default_rng(5))
    for a, b in zip(first, generator, strict=True):
        np.testing.assert_array_equal(a, b)


def test_stratified_split_of_a_tiny_set_keeps_both_classes():
    X, y = make_seed_data(5)  # labels 1, 1, 0, 1, 0
    for fraction in (0.01, 0.5, 0.99):
        _, _, y_train, y_test = split_train_test(X, y, test_fraction=fraction)
        assert set(y_train.tolist()) == set(y_test.tolist()) == {0, 1}


def test_stratified_split_works_with_text_labels_and_label_columns():
    X = np.arange(8.0).reshape(8, 1)
    words = np.array(["yes", "no"] * 4)
    _, _, train_words, test_words = split_train_test(X, words, test_fraction=0.5)
    assert sorted(test_words.tolist()) == ["no", "no", "yes", "yes"]
    assert sorted(train_words.tolist()) == ["no", "no", "yes", "yes"]
    column = (np.arange(8) % 2).reshape(8, 1)
    _, _, _, test_column = split_train_test(X, column, test_fraction=0.5)
    assert test_column.shape == (4, 1) and int(test_column.sum()) == 2


@pytest.mark.parametrize(
    "y, shown",
    [([0, 0, 0, 1], "class 1"), (["a", "b", "b", "b"], "class 'a'"), ([0.5, 1.5, 1.5], "0.5")],
)
def test_stratified_split_refuses_a_class_of_one_row(y, shown):
    X = np.zeros((len(y), 2))
    with pytest.raises(ValueError) as info:
        split_train_test(X, np.array(y))
    message = str(info.value)
    assert shown in message and "single row" in message and "stratify=False" in message
    split_train_test(X, np.array(y), stratify=False)  # allowed when asked for


def test_stratified_split_needs_comparable_labels():
    with pytest.raises(TypeError, match=r"labels of one kind .* or pass stratify=False"):
        split_train_test(np.zeros((4, 1)), np.array([1, "yes", 1, "yes"], dtype=object))


def test_stratify_must_be_a_boolean():
    X, y = make_seed_data(10)
    with pytest.raises(TypeError, match="stratify to be True or False"):
        split_train_test(X, y, stratify="yes")


@pytest.mark.parametrize("make", [make_seed_data, make_xor, make_shifted_data])
def test_small_generated_sets_can_hold_one_class_and_train_says_so(make):
    """The generators' labels are fair coins, so a tiny set can be one class; train()
    then refuses it with a message instead of fitting a model to nothing."""
    X, y = make(1)
    with pytest.raises(ValueError, match="needs examples of both classes"):
        train(X, y)


def test_moons_always_hold_both_classes():
    for n in (2, 3, 4):
        _, y = make_moons(n)
        assert set(y.tolist()) == {0, 1}


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.2, 2.0])
def test_split_fraction_must_be_strictly_between_0_and_1(fraction):
    X, y = make_seed_data(10)
    with pytest.raises(ValueError, match=r"test_fraction to be a fraction in \(0, 1\)"):
        split_train_test(X, y, test_fraction=fraction)


def test_split_rejects_mismatched_lengths_and_tiny_sets():
    X, y = make_seed_data(10)
    with pytest.raises(ValueError, match="X has 10 rows but y has 9 labels"):
        split_train_test(X, y[:9])
    with pytest.raises(ValueError, match="at least 2 rows"):
        split_train_test(X[:1], y[:1])
    with pytest.raises(ValueError, match="scalar"):
        split_train_test(1.0, 0)


def test_split_refuses_masked_entries_instead_of_unmasking_them():
    X, y = make_seed_data(20)
    Xm = np.ma.masked_array(X, mask=np.zeros_like(X, dtype=bool))
    Xm[3, 0] = np.ma.masked
    with pytest.raises(ValueError) as info:
        split_train_test(Xm, y)
    message = str(info.value)
    assert "split_train_test() got a masked array X with 1 masked value of 40" in message
    assert "getmaskarray(X)" in message and "X.filled(value)" in message
    ym = np.ma.masked_array(y, mask=np.arange(20) == 7)
    with pytest.raises(ValueError, match=r"masked array y .* y\.compressed\(\)"):
        split_train_test(X, ym)
    # A mask that hides nothing is no obstacle.
    visible = np.ma.masked_array(X, mask=False)
    for a, b in zip(split_train_test(visible, y), split_train_test(X, y), strict=True):
        np.testing.assert_array_equal(a, b)
