"""Small two-dimensional data sets, generated on the spot (nothing is downloaded).

Every function draws from its own :class:`numpy.random.Generator`, made from ``seed``, so the
same call gives the same data on every machine and no global random state is touched.

- :func:`make_seed_data` is the data of the article: two standard normal features and the
  label ``X[:, 0] > 0``, optionally with a fraction of the labels flipped.
- :func:`make_xor` and :func:`make_moons` cannot be separated by a straight line; they are for
  the networks of chapter 5.
- :func:`make_shifted_data` is the article's data moved away from the origin, for the lesson
  on the bias term.
- :func:`split_train_test` holds part of a data set back to measure overfitting.
"""

from __future__ import annotations

import numbers

import numpy as np

from sigmoid_lab._validation import _masked_error
from sigmoid_lab.i18n import gettext as _

__all__ = [
    "make_moons",
    "make_seed_data",
    "make_shifted_data",
    "make_xor",
    "split_train_test",
]


def _rng(seed, func: str) -> np.random.Generator:
    """A Generator from an integer seed, ``None`` (fresh entropy) or a Generator."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            _(
                "{func}() expects seed to be a non-negative integer, None or a "
                "numpy.random.Generator, got {type} {seed!r}."
            ).format(func=func, type=type(seed).__name__, seed=seed)
        )
    if seed < 0:
        raise ValueError(
            _("{func}() expects seed to be a non-negative integer, got {seed}.").format(
                func=func, seed=seed
            )
        )
    return np.random.default_rng(int(seed))


def _count(value, func: str, name: str, minimum: int) -> int:
    """Check that ``value`` is a whole number of at least ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        hint = ""
        if isinstance(value, float) and value.is_integer():
            hint = _(" Write {value} (or int({value2!r})).").format(value=int(value), value2=value)
        raise TypeError(
            _(
                "{func}() expects {name} to be a whole number (an int), got {type} "
                "{value!r}.{hint}"
            ).format(func=func, name=name, type=type(value).__name__, value=value, hint=hint)
        )
    if value < minimum:
        raise ValueError(
            _("{func}() expects {name} to be at least {minimum}, got {value}.").format(
                func=func, name=name, minimum=minimum, value=value
            )
        )
    return int(value)


def _fraction(value, func: str, name: str, low: float, high: float, *, open_interval=False):
    """Check that ``value`` is a real number in [low, high] (or (low, high))."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            _("{func}() expects {name} to be a number, got {type} {value!r}.").format(
                func=func, name=name, type=type(value).__name__, value=value
            )
        )
    value = float(value)
    inside = low < value < high if open_interval else low <= value <= high
    if not inside:
        bracket = f"({low:g}, {high:g})" if open_interval else f"[{low:g}, {high:g}]"
        raise ValueError(
            _("{func}() expects {name} to be a fraction in {bracket}, got {value!r}.").format(
                func=func, name=name, bracket=bracket, value=value
            )
        )
    return value


def _scale(value, func: str, name: str) -> float:
    """Check that ``value`` is a finite number >= 0 (a noise level)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            _("{func}() expects {name} to be a number, got {type} {value!r}.").format(
                func=func, name=name, type=type(value).__name__, value=value
            )
        )
    value = float(value)
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(
            _(
                "{func}() expects {name} to be a finite number >= 0 (a standard "
                "deviation), got {value!r}."
            ).format(func=func, name=name, value=value)
        )
    return value


def make_seed_data(n_samples=1000, *, seed=0, label_noise=0.0):
    """The article's data: two standard normal features, label 1 where the first is positive.

    The article draws ``X = np.random.randn(1000, 2)`` and ``y = (X[:, 0] > 0)``. This does
    the same with a seeded generator, so every reader gets the same points.

    Parameters
    ----------
    n_samples : int, default 1000
        Number of points, at least 1.
    seed : int, None or numpy.random.Generator, default 0
        Where the randomness comes from. ``None`` gives different data on every call.
    label_noise : float, default 0.0
        Fraction of labels to flip, in [0, 1]. Exactly ``round(label_noise * n_samples)``
        labels, chosen at random without repetition, are flipped. With any noise the classes
        are no longer separable by a line, so unregularized logistic regression has a finite
        optimum.

    Returns
    -------
    X : numpy.ndarray, shape (n_samples, 2), float64
        Independent standard normal features.
    y : numpy.ndarray, shape (n_samples,), int64
        ``X[:, 0] > 0`` as 0/1, then flipped where the noise says so.

    Notes
    -----
    The noise is drawn after ``X``, so for the same seed the noisy and the clean data share
    their points and differ only in the flipped labels.

    Each label is 0 or 1 with probability 1/2, so a small set can hold a single class:
    always for ``n_samples=1``, and without noise with probability 2^(1 - n_samples)
    (1/512 for 10 points). :func:`~sigmoid_lab.training.train` refuses such a set with a
    message; for a held-out test part, :func:`split_train_test` keeps both classes in
    both parts.

    Examples
    --------
    >>> X, y = make_seed_data()
    >>> X.shape, y.shape, y.dtype
    ((1000, 2), (1000,), dtype('int64'))
    >>> bool(np.all(y == (X[:, 0] > 0)))
    True
    >>> _, y_noisy = make_seed_data(label_noise=0.1)
    >>> int(np.sum(y_noisy != y))
    100
    """
    func = "make_seed_data"
    n = _count(n_samples, func, "n_samples", 1)
    noise = _fraction(label_noise, func, "label_noise", 0.0, 1.0)
    rng = _rng(seed, func)
    X = rng.standard_normal((n, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    flips = round(noise * n)
    if flips:
        chosen = rng.choice(n, size=flips, replace=False)
        y[chosen] = 1 - y[chosen]
    return X, y


def make_xor(n_samples=400, *, noise=0.0, seed=0):
    """Points in the square [-1, 1]², labelled 1 in two opposite quadrants (exclusive or).

    No straight line separates the classes, so logistic regression is stuck near 50 %
    accuracy while a network with one hidden layer can learn them.

    Parameters
    ----------
    n_samples : int, default 400
        Number of points, at least 1.
    noise : float, default 0.0
        Standard deviation of Gaussian noise added to the points after labelling, which
        blurs the quadrant borders.
    seed : int, None or numpy.random.Generator, default 0
        Where the randomness comes from.

    Returns
    -------
    X : numpy.ndarray, shape (n_samples, 2), float64
    y : numpy.ndarray, shape (n_samples,), int64
        1 where exactly one coordinate of the (noise-free) point is positive. Each label is
        0 or 1 with probability 1/2, so a small set can hold a single class (always for
        ``n_samples=1``; with probability 2^(1 - n_samples) in general), which
        :func:`~sigmoid_lab.training.train` refuses with a message.

    Examples
    --------
    >>> X, y = make_xor(8)
    >>> bool(np.all(y == ((X[:, 0] > 0) != (X[:, 1] > 0))))
    True
    """
    func = "make_xor"
    n = _count(n_samples, func, "n_samples", 1)
    sigma = _scale(noise, func, "noise")
    rng = _rng(seed, func)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = ((X[:, 0] > 0) != (X[:, 1] > 0)).astype(np.int64)
    if sigma:
        X += sigma * rng.standard_normal((n, 2))
    return X, y


def make_moons(n_samples=400, *, noise=0.1, seed=0):
    """Two interleaving half circles, the classic set for a curved decision boundary.

    Class 0 lies on the upper half of the unit circle, class 1 on a lower half circle
    shifted by (1, -0.5), the same layout as ``sklearn.datasets.make_moons``; the angles
    are drawn at random and the points come in random order.

    Parameters
    ----------
    n_samples : int, default 400
        Number of points, at least 2; class 0 gets ``n_samples // 2`` of them, class 1 the
        rest, so both classes are always present.
    noise : float, default 0.1
        Standard deviation of Gaussian noise added to both coordinates.
    seed : int, None or numpy.random.Generator, default 0
        Where the randomness comes from.

    Returns
    -------
    X : numpy.ndarray, shape (n_samples, 2), float64
    y : numpy.ndarray, shape (n_samples,), int64

    Examples
    --------
    >>> X, y = make_moons(10)
    >>> X.shape, int(y.sum())
    ((10, 2), 5)
    """
    func = "make_moons"
    n = _count(n_samples, func, "n_samples", 2)
    sigma = _scale(noise, func, "noise")
    rng = _rng(seed, func)
    n_upper = n // 2
    angles = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(angles[:n_upper]), np.sin(angles[:n_upper])])
    lower = np.column_stack([1.0 - np.cos(angles[n_upper:]), 0.5 - np.sin(angles[n_upper:])])
    X = np.vstack([upper, lower])
    y = np.repeat(np.array([0, 1], dtype=np.int64), [n_upper, n - n_upper])
    order = rng.permutation(n)
    X, y = X[order], y[order]
    if sigma:
        X += sigma * rng.standard_normal((n, 2))
    return X, y


def make_shifted_data(n_samples=400, *, shift=(3.0, 3.0), seed=0):
    """The article's data moved away from the origin: a set that needs a bias term.

    The points are those of :func:`make_seed_data` (same seed, no noise) plus ``shift``, and
    the label is 1 where the first coordinate exceeds ``shift[0]``. The dividing line
    ``x0 = shift[0]`` does not pass through the origin, so a model without an intercept,
    whose boundary ``w · x = 0`` always does, cannot find it.

    Parameters
    ----------
    n_samples : int, default 400
        Number of points, at least 1.
    shift : pair of float, default (3.0, 3.0)
        Where the centre of the cloud goes.
    seed : int, None or numpy.random.Generator, default 0
        Where the randomness comes from.

    Returns
    -------
    X : numpy.ndarray, shape (n_samples, 2), float64
    y : numpy.ndarray, shape (n_samples,), int64
        The labels of :func:`make_seed_data`, so a small set can hold a single class in
        the same way (always for ``n_samples=1``).

    Examples
    --------
    >>> X, y = make_shifted_data(5, shift=(3.0, 3.0))
    >>> X0, y0 = make_seed_data(5)
    >>> bool(np.allclose(X, X0 + 3.0)) and bool(np.all(y == y0))
    True
    """
    func = "make_shifted_data"
    n = _count(n_samples, func, "n_samples", 1)
    try:
        offset = np.asarray(shift, dtype=np.float64)
    except (TypeError, ValueError):
        offset = None
    if offset is None or offset.shape != (2,):
        raise TypeError(
            _(
                "{func}() expects shift to be a pair of numbers such as (3.0, 3.0), got {shift!r}."
            ).format(func=func, shift=shift)
        )
    if not np.isfinite(offset).all():
        raise ValueError(
            _("{func}() expects shift to be finite, got {shift!r}.").format(func=func, shift=shift)
        )
    X, y = make_seed_data(n, seed=seed)
    return X + offset, y


def split_train_test(X, y, *, test_fraction=0.3, seed=0, stratify=True):
    """Split a data set at random into a training part and a held-out test part.

    Parameters
    ----------
    X : array_like, shape (m, ...)
        The examples, one per row.
    y : array_like, shape (m,)
        Their labels.
    test_fraction : float, default 0.3
        Share of the rows held out, in (0, 1). ``round(test_fraction * n)`` rows go to the
        test part, moved into [1, n - 1] so that both parts get a row (with ``stratify``,
        into [k, n - k] for k classes, so that both parts can hold every class).
    seed : int, None or numpy.random.Generator, default 0
        Where the randomness comes from.
    stratify : bool, default True
        Keep every class of ``y`` in both parts, in the proportions of the whole set as
        nearly as whole rows allow: each class puts at least one row in each part and,
        unless that minimum forces otherwise, a class of n_c rows sends within one of
        n_test · n_c / n rows to the test part (the largest-remainder rounding).
        A classifier trained on a part without one of the classes has nothing to learn
        (:func:`~sigmoid_lab.training.train` refuses it), and a plain random split of a
        small or unbalanced set can produce one. False splits the rows without looking at
        ``y``.

    Returns
    -------
    X_train, X_test, y_train, y_test : numpy.ndarray
        New arrays (the inputs are not changed), in the order scikit-learn's
        ``train_test_split`` uses. The rows of each part are in random order.

    Raises
    ------
    ValueError
        If X or y is a masked array with masked entries (a split would hand the hidden
        values on as data; the message says how to drop or fill them); if X and y have
        different numbers of rows or fewer than 2; if ``test_fraction`` is
        not in (0, 1); with ``stratify``, if a class has a single row (it cannot be in both
        parts), naming the class and the row.

    Examples
    --------
    >>> X, y = make_seed_data(10)
    >>> X_train, X_test, y_train, y_test = split_train_test(X, y)
    >>> X_train.shape, X_test.shape
    ((7, 2), (3, 2))
    >>> sorted(set(y_train.tolist())), sorted(set(y_test.tolist()))
    ([0, 1], [0, 1])
    """
    func = "split_train_test"
    for value, name in ((X, "X"), (y, "y")):
        # np.asarray would drop the mask and split the hidden values as if they were data.
        if isinstance(value, np.ma.MaskedArray) and np.ma.count_masked(value):
            raise _masked_error(value, func=func, name=name)
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError(
            _("{func}() expects arrays with one row per example, got a scalar.").format(func=func)
        )
    if len(X) != len(y):
        raise ValueError(
            _(
                "{func}() expects one label per row: X has {count} rows but y has {count2} labels."
            ).format(func=func, count=len(X), count2=len(y))
        )
    n = len(X)
    if n < 2:
        raise ValueError(
            _("{func}() needs at least 2 rows to split, got {n}.").format(func=func, n=n)
        )
    fraction = _fraction(test_fraction, func, "test_fraction", 0.0, 1.0, open_interval=True)
    if not isinstance(stratify, (bool, np.bool_)):
        raise TypeError(
            _("{func}() expects stratify to be True or False, got {stratify!r}.").format(
                func=func, stratify=stratify
            )
        )
    rng = _rng(seed, func)
    if not stratify:
        n_test = min(max(round(fraction * n), 1), n - 1)
        order = rng.permutation(n)
        test, train = order[:n_test], order[n_test:]
        return X[train], X[test], y[train], y[test]

    # The rows of each class (for a 2-D y, each distinct row of labels is one class).
    try:
        if y.ndim == 1:
            classes, inverse = np.unique(y, return_inverse=True)
        else:
            classes, inverse = np.unique(y.reshape(n, -1), axis=0, return_inverse=True)
    except TypeError as exc:  # labels that cannot be compared, such as 1 and "yes"
        raise TypeError(
            _(
                "{func}() cannot sort the labels in y into classes ({exc}). Give "
                "labels of one kind (all numbers or all strings), or pass "
                "stratify=False."
            ).format(func=func, exc=exc)
        ) from None
    members = [np.flatnonzero(inverse.ravel() == c) for c in range(len(classes))]
    for label, rows in zip(classes, members, strict=True):
        if rows.size == 1:
            label = np.asarray(label).tolist()
            raise ValueError(
                _(
                    "{func}() cannot keep class {label!r} in both parts: it has a "
                    "single row (row {rows}). Add examples of that class, remove the "
                    "row, or pass stratify=False to split without regard to the "
                    "classes (one part will then lack that class)."
                ).format(func=func, label=label, rows=rows[0])
            )
    k = len(members)
    n_test = min(max(round(fraction * n), k), n - k)
    counts = _stratified_counts(np.array([rows.size for rows in members]), n_test)
    test, train = [], []
    for rows, count in zip(members, counts, strict=True):
        shuffled = rng.permutation(rows)
        test.append(shuffled[:count])
        train.append(shuffled[count:])
    test = rng.permutation(np.concatenate(test))
    train = rng.permutation(np.concatenate(train))
    return X[train], X[test], y[train], y[test]


def _stratified_counts(sizes: np.ndarray, n_test: int) -> np.ndarray:
    """Test rows per class: near n_test · size / n, at least 1 and at most size - 1.

    Largest remainders: each class first gets the whole part of its share, then the rows
    still missing go to the classes with the largest fractional parts (the first such
    class on a tie). Needs k <= n_test <= n - k and every size >= 2.
    """
    share = n_test * sizes / sizes.sum()
    counts = np.clip(np.floor(share).astype(int), 1, sizes - 1)
    while counts.sum() < n_test:
        room = counts < sizes - 1
        gap = np.where(room, share - counts, -np.inf)
        counts[np.argmax(gap)] += 1
    while counts.sum() > n_test:
        room = counts > 1
        excess = np.where(room, counts - share, -np.inf)
        counts[np.argmax(excess)] -= 1
    return counts
