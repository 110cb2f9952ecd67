"""Logistic regression trained by batch gradient descent, with checks a student can act on.

The model is p(y = 1 | x) = σ(w · x + b). :func:`train` minimises the mean log-loss plus an
optional L2 penalty (l2/2)·‖w‖² (the intercept b is not penalised) by full-batch gradient
descent, the algorithm of the article's section 4, and records how the run went.

Two things the article's code leaves to chance are settled here:

- Shapes and labels are checked before anything runs. In particular a label column of shape
  (n, 1) is refused with an explanation, because ``(n, 1) - (n,)`` broadcasts into an (n, n)
  matrix: that is the article's own bug.
- ``lr="auto"`` takes the step 1/L from the Lipschitz constant L of the gradient, which is
  guaranteed not to diverge; a step that is too large stops the run with
  :class:`TrainingError` instead of returning NaN.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.data import _rng

__all__ = ["TrainResult", "TrainState", "TrainingError", "safe_learning_rate", "train"]

#: A run is stopped when the loss exceeds this multiple of its starting value (or of log 2,
#: the loss of the all-zero model, if that is larger). Gradient descent with a safe step
#: never increases the objective, so a loss a million times the start means the steps
#: overshoot further each time.
EXPLOSION_FACTOR = 1e6

#: ``converged`` requires the final gradient norm to be below this fraction of the initial
#: one (or of 1, if that is larger).
GRADIENT_TOLERANCE = 1e-6

# The loss is first computed from u = 1 + e^m, which the gradient needs anyway (m = ±z, see
# the loops below), as mean(log u) or mean(log u + (1 - y) z). That sum is accurate to about
# 1e-15 in absolute terms, not in relative terms, and it is infinite when e^m overflows.
# Below this value (or when it is not finite) the loss is recomputed in the stable logaddexp
# form, which is exact to rounding.
_FAST_LOSS_FLOOR = 1e-6

# Data with n·(d + 2) values up to this (8 MiB of float64) are copied once, with a sign per
# row, for a loop that makes fewer NumPy calls and fewer passes per iteration
# (_descend_signed). Larger data go through a loop that only reads X (_descend_blocked).
_COPY_LIMIT = 1 << 20
# Values of that copy per chunk: a chunk (512 KiB) and its scratch rows fit in L2 cache.
_CHUNK = 1 << 16
# Rows per block in the loop for large data: a block of X and its scratch rows fit in L2 cache.
_BLOCK = 1 << 14
# X @ v is computed as a matrix product with about this many columns (see _blocks), for
# data with at least this many rows; below, the plain product is as fast.
_PACKED_COLUMNS = 8
_PACKED_MIN_ROWS = 4096


class TrainingError(RuntimeError):
    """Raised when the loss of a training run becomes non-finite or explodes.

    The message names the iteration and the learning rate, and suggests a smaller one.
    """


@dataclass(frozen=True)
class TrainState:
    """A snapshot of a run in progress, passed to the ``callback`` of :func:`train`.

    Attributes
    ----------
    iteration : int
        How many gradient steps have been taken.
    weights : numpy.ndarray
        A copy of the current weights.
    bias : float
        The current intercept.
    loss : float
        The current objective (mean log-loss plus the L2 penalty).
    accuracy : float
        The current training accuracy.
    grad_norm : float
        The norm of the current gradient.
    """

    iteration: int
    weights: np.ndarray
    bias: float
    loss: float
    accuracy: float
    grad_norm: float


@dataclass(frozen=True, repr=False)
class TrainResult:
    """The outcome of :func:`train`: the parameters, the history and a fitted model.

    Attributes
    ----------
    weights : numpy.ndarray, shape (d,)
        The learned weights w.
    bias : float
        The learned intercept b (0.0 when ``fit_intercept=False``).
    history : dict of numpy.ndarray
        One entry per recorded iteration (every ``record_every`` iterations and the last):
        ``"iteration"``; ``"loss"``, the objective (mean log-loss plus (l2/2)·‖w‖²);
        ``"log_loss"``, the mean log-loss alone; ``"accuracy"`` on the training data;
        ``"grad_norm"``, the norm of the gradient of the objective with respect to (w, b);
        ``"weight_norm"``, ‖w‖ (without b).
    lr : float
        The step size used (1/L when ``lr="auto"``).
    converged : bool
        True when the final gradient norm is below ``GRADIENT_TOLERANCE`` times the initial
        one (or 1, if larger). Always False when ``l2 == 0`` and the weights separate the
        training data perfectly: the loss then has no minimum, it only approaches 0 while
        ‖w‖ grows without bound.
    l2 : float
        The penalty weight used.
    fit_intercept : bool
        Whether b was learned.
    """

    weights: np.ndarray
    bias: float
    history: dict[str, np.ndarray] = field(repr=False)
    lr: float
    converged: bool
    l2: float = 0.0
    fit_intercept: bool = True

    @property
    def iterations(self) -> int:
        """The number of gradient steps taken."""
        return int(self.history["iteration"][-1])

    def decision_function(self, X) -> np.ndarray:
        """The logits z = X @ w + b, shape (n,).

        Parameters
        ----------
        X : array_like, shape (n, d)
            Points with as many features as the training data.
        """
        X = _check_features(X, "TrainResult.decision_function", self.weights.size)
        return X @ self.weights + self.bias

    def predict_proba(self, X) -> np.ndarray:
        """The probability of class 1, σ(X @ w + b), shape (n,).

        Parameters
        ----------
        X : array_like, shape (n, d)
            Points with as many features as the training data.
        """
        X = _check_features(X, "TrainResult.predict_proba", self.weights.size)
        return sigmoid(X @ self.weights + self.bias)

    def predict(self, X, threshold=0.5) -> np.ndarray:
        """Class labels 0/1: 1 where the probability of class 1 is at least ``threshold``.

        Parameters
        ----------
        X : array_like, shape (n, d)
            Points with as many features as the training data.
        threshold : float, default 0.5
            A probability strictly between 0 and 1.

        Returns
        -------
        numpy.ndarray of int64, shape (n,)

        Notes
        -----
        The comparison is made on the logits, z >= logit(threshold), which is the same as
        ``predict_proba(X) >= threshold`` without the rounding of probabilities near 0 and 1.
        """
        X = _check_features(X, "TrainResult.predict", self.weights.size)
        if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, numbers.Real):
            raise TypeError(
                f"TrainResult.predict() expects threshold to be a number, got "
                f"{type(threshold).__name__} {threshold!r}."
            )
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                f"TrainResult.predict() expects threshold to be a probability strictly between "
                f"0 and 1, got {threshold!r}."
            )
        return (X @ self.weights + self.bias >= logit(float(threshold))).astype(np.int64)

    def __repr__(self) -> str:
        weights = np.array2string(self.weights, precision=4, separator=", ")
        loss = self.history["loss"][-1]
        return (
            f"TrainResult(weights={weights}, bias={self.bias:.4g}, lr={self.lr:.4g}, "
            f"iterations={self.iterations}, loss={loss:.4g}, converged={self.converged})"
        )


# ----------------------------------------------------------------------------- checks


def _shape_text(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else str(tuple(shape))


def _check_features(X, func: str, n_features: int | None = None) -> np.ndarray:
    """X as a finite 2-D float64 array, or an error that says how to fix it."""
    X = as_float_array(X, func=func, name="X")
    if X.ndim == 1:
        raise ValueError(
            f"{func}() expects X to be 2-D, one row per example and one column per feature, "
            f"got a 1-D array of shape {_shape_text(X.shape)}. For a single feature use "
            f"X.reshape(-1, 1); for a single example with several features, X.reshape(1, -1)."
        )
    if X.ndim != 2:
        raise ValueError(
            f"{func}() expects X to be 2-D, one row per example and one column per feature, "
            f"got {X.ndim}-D with shape {_shape_text(X.shape)}."
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{func}() got an empty X of shape {X.shape}; it needs data.")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(
            f"{func}() expects X with {n_features} column(s), one per weight of the model, "
            f"got {X.shape[1]}."
        )
    X = X.astype(np.float64, copy=False)
    finite_rows = np.isfinite(X).all(axis=1)
    if not finite_rows.all():
        bad = np.flatnonzero(~finite_rows)
        shown = ", ".join(str(i) for i in bad[:5]) + (", ..." if bad.size > 5 else "")
        rows = "1 row" if bad.size == 1 else f"{bad.size} rows"
        raise ValueError(
            f"{func}() found NaN or infinite values in X, in {rows} of {X.shape[0]} "
            f"(row {shown}). Drop or fill those rows first, for example "
            f"keep = np.isfinite(X).all(axis=1); X, y = X[keep], y[keep]."
        )
    return X


def _check_labels(y, n_rows: int, func: str) -> np.ndarray:
    """y as a float64 vector of 0/1 of length ``n_rows``, or an explanation."""
    y = as_float_array(y, func=func, name="y")
    if y.ndim == 2 and y.shape[1] == 1:
        n = y.shape[0]
        raise ValueError(
            f"{func}() expects y to be 1-D with shape ({n},), got a column of shape "
            f"({n}, 1). This is the bug in the article's code: NumPy broadcasts "
            f"({n}, 1) - ({n},) into a ({n}, {n}) matrix instead of {n} differences, and the "
            f"gradient silently becomes wrong. Pass y.ravel() instead."
        )
    if y.ndim != 1:
        raise ValueError(
            f"{func}() expects y to be 1-D, one 0/1 label per row of X, got shape "
            f"{_shape_text(y.shape)}. Use y.ravel() if it holds one label per row."
        )
    if y.shape[0] != n_rows:
        raise ValueError(
            f"{func}() expects one label per row of X: X has {n_rows} rows but y has "
            f"{y.shape[0]} labels."
        )
    wrong = (y != 0) & (y != 1)
    if wrong.any():
        found = np.unique(y)
        shown = ", ".join(f"{v:g}" for v in found[:10]) + (", ..." if found.size > 10 else "")
        raise ValueError(
            f"{func}() expects y to hold only the labels 0 and 1, found the values {shown}. "
            f"Map your two classes to 0 and 1 first, e.g. y = (y == positive_class).astype(int) "
            f"(for labels -1/1: (y > 0).astype(int))."
        )
    return y.astype(np.float64, copy=False)


def _check_l2(l2, func: str) -> float:
    if isinstance(l2, (bool, np.bool_)) or not isinstance(l2, numbers.Real):
        raise TypeError(
            f"{func}() expects l2 to be a number >= 0, got {type(l2).__name__} {l2!r}."
        )
    l2 = float(l2)
    if not (math.isfinite(l2) and l2 >= 0):
        raise ValueError(
            f"{func}() expects l2 to be a finite number >= 0 (the weight of the penalty "
            f"(l2/2)·‖w‖²; 0 means no penalty), got {l2!r}."
        )
    return l2


def _check_flag(value, func: str, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{func}() expects {name} to be True or False, got {value!r}.")
    return bool(value)


def _check_count(value, func: str, name: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        hint = ""
        if isinstance(value, float) and value.is_integer():
            hint = f" Write {int(value)} or int({value!r})."
        raise TypeError(
            f"{func}() expects {name} to be a whole number (an int), got "
            f"{type(value).__name__} {value!r}.{hint}"
        )
    if value < minimum:
        what = "non-negative" if minimum == 0 else f"at least {minimum}"
        raise ValueError(f"{func}() expects {name} to be {what}, got {value}.")
    return int(value)


def _check_lr(lr, func: str) -> float | None:
    """The step as a float, or None for "auto"."""
    if isinstance(lr, str):
        if lr == "auto":
            return None
        raise ValueError(f"{func}() expects lr to be a positive number or 'auto', got {lr!r}.")
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise TypeError(
            f"{func}() expects lr to be a positive number or 'auto', got "
            f"{type(lr).__name__} {lr!r}."
        )
    lr = float(lr)
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(
            f"{func}() expects lr to be a positive finite number or 'auto', got {lr!r}. "
            f"lr='auto' picks a step that cannot diverge."
        )
    return lr


def _initial_parameters(init, seed, d: int, fit_intercept: bool, func: str):
    """Starting weights and bias from ``init`` (None/"zeros", "random" or an array)."""
    if init is None or (isinstance(init, str) and init == "zeros"):
        return np.zeros(d), 0.0
    if isinstance(init, str):
        if init == "random":
            return _rng(seed, func).standard_normal(d), 0.0
        raise ValueError(
            f"{func}() expects init to be None, 'zeros', 'random' or an array of "
            f"{d} weights{f' (or {d + 1} with the bias last)' if fit_intercept else ''}, "
            f"got {init!r}."
        )
    start = as_float_array(init, func=func, name="init", finite=True).astype(np.float64)
    if start.shape == (d,):
        return start.copy(), 0.0
    if fit_intercept and start.shape == (d + 1,):
        return start[:d].copy(), float(start[d])
    raise ValueError(
        f"{func}() expects init to hold {d} weights"
        f"{f' (or {d + 1}: the weights, then the bias)' if fit_intercept else ''}, got shape "
        f"{_shape_text(start.shape)}."
    )


# ------------------------------------------------------------------------ learning rate


def _lipschitz(X: np.ndarray, l2: float, fit_intercept: bool) -> float:
    """L = ‖A‖₂² / (4n) + l2, with A = [X, 1] (or X), from the small Gram matrix AᵀA."""
    n = X.shape[0]
    gram = X.T @ X
    if fit_intercept:
        column_sums = X.sum(axis=0)
        gram = np.block([[gram, column_sums[:, None]], [column_sums[None, :], np.array([[n]])]])
    largest = float(np.linalg.eigvalsh(gram)[-1])
    return max(largest, 0.0) / (4.0 * n) + l2


def safe_learning_rate(X, l2=0.0, fit_intercept=True) -> float:
    """The step 1/L that gradient descent on the logistic loss can always take.

    L bounds how fast the gradient of the objective can change. For the mean log-loss,
    whose Hessian is Aᵀ diag(σ'(z)) A / n with σ' <= 1/4, and the penalty (l2/2)·‖w‖²,

        L = ‖A‖₂² / (4n) + l2,   A = [X, 1]  (A = X when ``fit_intercept=False``),

    where ‖A‖₂ is the largest singular value. With the step 1/L every gradient step lowers
    the objective, whatever the data, so training cannot diverge.

    Parameters
    ----------
    X : array_like, shape (n, d)
        The training features.
    l2 : float, default 0.0
        The penalty weight (adds l2 to L).
    fit_intercept : bool, default True
        Whether the model has an intercept (the column of ones in A).

    Returns
    -------
    float
        1/L. If L is 0 (all-zero features, no intercept, no penalty) the objective does not
        depend on w, and 1.0 is returned.

    Examples
    --------
    >>> from sigmoid_lab.data import make_seed_data
    >>> X, y = make_seed_data()
    >>> round(safe_learning_rate(X), 2)
    3.79
    """
    func = "safe_learning_rate"
    X = _check_features(X, func)
    l2 = _check_l2(l2, func)
    fit_intercept = _check_flag(fit_intercept, func, "fit_intercept")
    lipschitz = _lipschitz(X, l2, fit_intercept)
    return 1.0 / lipschitz if lipschitz > 0 else 1.0


# ------------------------------------------------------------------------------- train


def train(
    X,
    y,
    *,
    lr="auto",
    iterations=1000,
    l2=0.0,
    fit_intercept=True,
    seed=None,
    init=None,
    record_every=1,
    callback: Callable | None = None,
) -> TrainResult:
    r"""Fit logistic regression by batch gradient descent.

    Minimises the objective

    .. math:: J(w, b) = \frac{1}{n} \sum_i \left[\log(1 + e^{z_i}) - y_i z_i\right]
              + \frac{l_2}{2} \lVert w \rVert^2, \qquad z_i = x_i \cdot w + b,

    the mean log-loss (binary cross-entropy computed from the logits z, so that it stays
    finite for every z) plus an L2 penalty on w, by ``iterations`` full-batch steps
    ``(w, b) -= lr * ∇J``.

    Parameters
    ----------
    X : array_like, shape (n, d)
        Features, one row per example. A single feature must still be a column:
        ``X.reshape(-1, 1)``.
    y : array_like, shape (n,)
        Labels 0 and 1 (int, bool or float).
    lr : float or "auto", default "auto"
        The step size. ``"auto"`` uses :func:`safe_learning_rate`, 1/L, the largest step
        that is guaranteed to lower the objective at every iteration.
    iterations : int, default 1000
        Number of gradient steps (0 evaluates the starting point only).
    l2 : float, default 0.0
        Weight of the penalty (l2/2)·‖w‖². scikit-learn's ``LogisticRegression(C=C)``
        minimises the same objective with ``l2 = 1 / (C * n)``.
    fit_intercept : bool, default True
        Learn the intercept b (not penalised). If False, b stays 0 and every decision
        boundary passes through the origin.
    seed : int, None or numpy.random.Generator, optional
        Used only by ``init="random"``.
    init : None, "zeros", "random" or array_like, optional
        Starting point: zeros (default, the usual start for this convex problem); standard
        normal weights as in the article (``np.random.randn``), with b = 0; or an array of
        d weights, or of d + 1 values with the bias last.
    record_every : int, default 1
        Record the history every this many iterations (the start and the last iteration are
        always recorded). Larger values make long runs faster: between records the loss is
        not computed.
    callback : callable, optional
        Called as ``callback(iteration, state)`` at every recorded iteration, with a
        :class:`TrainState`; use it for a progress bar.

    Returns
    -------
    TrainResult
        The weights, the bias, the history and ``predict_proba`` / ``predict``.

    Raises
    ------
    TypeError, ValueError
        For inputs that cannot work, with a message that says how to fix them: X not 2-D,
        y of shape (n, 1) instead of (n,) (the article's broadcasting bug), different
        numbers of rows, labels other than 0/1, NaN or infinity in X, a learning rate that
        is not a positive number or "auto", a negative or fractional number of iterations,
        a negative ``l2``.
    TrainingError
        If the loss becomes NaN or infinite, or grows beyond ``EXPLOSION_FACTOR`` times its
        starting value: the learning rate is too large. The message names the iteration.

    See Also
    --------
    safe_learning_rate : The step used by ``lr="auto"``.

    Notes
    -----
    How a step that is too large shows: the gradient of the log-loss is bounded, so without
    a penalty even a huge ``lr`` cannot send the weights to infinity. They grow at most
    linearly, and on separable data the result is merely an overconfident model. With
    ``l2 > 0`` a step above 2/L makes the weights swing from side to side with growing
    amplitude; that is what :class:`TrainingError` stops.

    Speed: every iteration makes two products with the data (for z and for the gradient)
    and a few in-place passes over n values, in cache-sized chunks. Data of up to 2^20
    values n·(d + 2) (8 MiB) are first copied, once, into a layout that needs fewer NumPy
    calls per iteration, which is what counts for small n; larger X is only read (and
    copied only if it is not float64 or not contiguous). ``python -m benchmarks.training``
    compares one iteration with the floor of one ``X @ w``, one ``np.exp`` and one
    ``X.T @ r``.

    Examples
    --------
    >>> from sigmoid_lab.data import make_seed_data
    >>> X, y = make_seed_data()
    >>> result = train(X, y, l2=0.01, iterations=500)
    >>> float(result.history["accuracy"][-1])
    0.995
    >>> result.predict([[1.0, 0.0], [-1.0, 0.0]])
    array([1, 0])
    """
    func = "train"
    X = _check_features(X, func)
    n, d = X.shape
    y = _check_labels(y, n, func)
    step = _check_lr(lr, func)
    iterations = _check_count(iterations, func, "iterations", 0)
    l2 = _check_l2(l2, func)
    fit_intercept = _check_flag(fit_intercept, func, "fit_intercept")
    record_every = _check_count(record_every, func, "record_every", 1)
    if callback is not None and not callable(callback):
        raise TypeError(
            f"{func}() expects callback to be a function callback(iteration, state) or None, "
            f"got {type(callback).__name__}."
        )
    weights, bias = _initial_parameters(init, seed, d, fit_intercept, func)
    if step is None:
        lipschitz = _lipschitz(X, l2, fit_intercept)
        step = 1.0 / lipschitz if lipschitz > 0 else 1.0
    if not (X.flags.c_contiguous or X.flags.f_contiguous):
        # One copy now instead of a hidden one inside every matrix product.
        X = np.ascontiguousarray(X)

    records = _descend(
        X,
        y,
        weights,
        bias,
        lr=step,
        l2=l2,
        fit_intercept=fit_intercept,
        iterations=iterations,
        record_every=record_every,
        callback=callback,
    )
    history, weights, bias = records
    initial, final = history["grad_norm"][0], history["grad_norm"][-1]
    separated = l2 == 0 and history["accuracy"][-1] == 1.0
    converged = bool(final <= GRADIENT_TOLERANCE * max(1.0, initial) and not separated)
    return TrainResult(
        weights=weights,
        bias=bias,
        history=history,
        lr=step,
        converged=converged,
        l2=l2,
        fit_intercept=fit_intercept,
    )


def _exact_log_loss(X: np.ndarray, theta: np.ndarray, y: np.ndarray) -> float:
    """Mean log-loss at θ = (-w, -b), exact to rounding for every finite logit.

    The loss of one example is softplus(m) = log(1 + e^m) with m = (1 - 2y) z, the logit
    seen from the wrong class; ``np.logaddexp(0, m)`` evaluates it without overflow and
    keeps its relative accuracy when it is tiny.
    """
    neg_z = X @ theta[:-1] + theta[-1]
    return float(np.mean(np.logaddexp(0.0, (2.0 * y - 1.0) * neg_z)))


def _blocks(X: np.ndarray, v: np.ndarray, size: int):
    """Cut X into blocks of ``size`` rows and plan the product X @ v for each.

    Returns ``(blocks, spread)``. Each block is ``(X_block, products, scratch, start)``: its
    rows of X; the list of ``(left, right, out)`` such that the calls
    ``np.dot(left, right, out)`` write X_block @ v into the first row of ``scratch``, a
    (2, rows) buffer shared by all blocks; and the index of its first row.

    X @ v for a tall, narrow X is a matrix-vector product that BLAS runs slowly (about 1 ns
    per row for two columns). Viewing ``pack`` consecutive rows as one row of an
    (n/pack, d*pack) matrix turns it into a matrix-matrix product with the block-diagonal
    (d*pack, pack) matrix diag(v, ..., v), which BLAS runs two to three times faster.
    ``spread`` views the diagonal blocks of that matrix (``packed``), so that one
    ``np.copyto(spread, v)`` refreshes all of them; leftover rows use the plain product.
    """
    n, d = X.shape
    pack = 1
    if n >= _PACKED_MIN_ROWS and X.flags.c_contiguous:
        pack = max(1, _PACKED_COLUMNS // d)
    packed = np.zeros((d * pack, pack))
    item = packed.itemsize
    spread = np.lib.stride_tricks.as_strided(
        packed, shape=(pack, d), strides=((d * pack + 1) * item, pack * item)
    )
    scratch = np.empty((2, size))
    blocks = []
    for lo in range(0, n, size):
        hi = min(lo + size, n)
        X_block, out = X[lo:hi], scratch[0, : hi - lo]
        whole = (hi - lo) - (hi - lo) % pack if pack > 1 else 0
        products = []
        if whole:
            left = X_block[:whole].reshape(-1, d * pack)
            products.append((left, packed, out[:whole].reshape(-1, pack)))
        if whole < hi - lo:
            products.append((X_block[whole:], v, out[whole:]))
        blocks.append((X_block, products, scratch[:, : hi - lo], lo))
    return blocks, (spread if pack > 1 else None)


def _descend(X, y, weights, bias, *, lr, l2, fit_intercept, iterations, record_every, callback):
    """The gradient-descent loop; returns ``(history, weights, bias)``.

    The loop is written for speed, since a widget reruns it on every slider release and a
    long run takes 10^5 iterations. Data with n·(d + 2) <= ``_COPY_LIMIT`` values go
    through :func:`_descend_signed`, which copies X once to make fewer NumPy calls; larger
    data through :func:`_descend_blocked`, which only reads X. Both work on the negated
    parameters θ = (-w, -b) and return, for each recorded iteration, θ, the step
    ``θ_next - shrink·θ`` (lr times the gradient of the mean log-loss with respect to
    (w, b); shrink = 1 - lr·l2 for w, 1 for b), the mean log-loss and the number of correct
    predictions. The history is built from those once, after the loop.
    """
    n, d = X.shape
    theta = np.append(-weights, -bias)
    loop = _descend_signed if n * (d + 2) <= _COPY_LIMIT else _descend_blocked
    thetas, steps, log_losses, corrects = loop(
        X,
        y,
        theta,
        lr=lr,
        l2=l2,
        fit_intercept=fit_intercept,
        iterations=iterations,
        record_every=record_every,
        callback=callback,
    )
    weights_hist = -thetas[:, :d]
    gradient = steps / lr
    gradient[:, :d] += l2 * weights_hist
    weight_norm = np.linalg.norm(weights_hist, axis=1)
    log_loss = np.array(log_losses)
    history = {
        "iteration": np.append(np.arange(0, iterations, record_every), iterations),
        "loss": log_loss + 0.5 * l2 * weight_norm**2,
        "log_loss": log_loss,
        "accuracy": np.array(corrects) / n,
        "grad_norm": np.linalg.norm(gradient, axis=1),
        "weight_norm": weight_norm,
    }
    return history, -theta[:d], -float(theta[d])


def _state(iteration, theta, step, lr, l2, loss, correct, n) -> TrainState:
    """The snapshot passed to a callback, from θ = (-w, -b) and the step taken from it."""
    d = theta.size - 1
    gradient = step / lr
    gradient[:d] -= l2 * theta[:d]
    return TrainState(
        iteration=iteration,
        weights=-theta[:d],
        bias=-float(theta[d]),
        loss=loss,
        accuracy=correct / n,
        grad_norm=float(np.linalg.norm(gradient)),
    )


def _descend_signed(X, y, theta, *, lr, l2, fit_intercept, iterations, record_every, callback):
    """The loop on a signed copy of X, arranged to make few NumPy calls; updates ``theta``.

    Returns ``(thetas, steps, log_losses, corrects)``, one entry per recorded iteration.

    For n up to a few thousand an iteration costs mostly the fixed price of each NumPy call
    (0.3 to 1.5 µs), not arithmetic; for more, the passes over n values. So X is copied
    once, into n·(d + 2) values (8 MiB at most, see ``_COPY_LIMIT``) shaped so that one
    call does the work of several, next to a few scratch arrays of n values:

    - The rows aᵢ = [xᵢ, 1] are multiplied by sᵢ = 2yᵢ - 1 and transposed, into a
      (d + 1, n) array (which BLAS multiplies faster than a tall (n, d + 1) one), so that
      one product with θ gives the margins mᵢ = -sᵢzᵢ, the logit seen from the wrong
      class, for both classes at once. The loss of an example is then log(1 + e^m), with
      no label term, and its gradient with respect to θ is σ(m)·sᵢaᵢ.
    - exp, then + 1, give u = 1 + e^m in place; log u is the loss of each example, and
      (lr/n)/u = (lr/n)(1 - σ(m)) weighs its row in the step
      -(lr/n) Σ σ(mᵢ) sᵢaᵢ = Σ ((lr/n)/uᵢ) sᵢaᵢ - (lr/n) Σ sᵢaᵢ. (Not (lr/n)·e^m/u, which
      is NaN once e^m overflows.) ``back`` is that array with a row of ones below and the
      column -(lr/n) Σ sᵢaᵢ on the right, and the rows (lr/n)/u and log u end in the
      weights 1 and 0: so one matrix product gives the step, constant part included, and
      the summed loss.
    - The accuracy is one comparison with a threshold per example and one count: z >= 0
      predicts class 1, so the prediction is right where m <= 0 for class 1 and where
      m < 0 for class 0, and for a float, m < 0 is the same as m <= -5e-324.
    - The examples go in chunks of about ``_CHUNK`` values of the copy (a single chunk
      for small data), each with its own arrays, so that a chunk stays in the L2 cache
      from the first product to the second. The constant column goes with the last chunk
      and is zero in the others.
    - θ and the product share the array ``state``, so one assignment records both; the
      loss and the accuracy are computed only at recorded iterations.
    """
    n, d = X.shape
    scale = lr / n
    sign = 2.0 * y - 1.0
    threshold = np.where(y == 1, 0.0, np.nextafter(0.0, -1.0))
    hit = np.empty(n, dtype=bool)
    width = max(1, _CHUNK // (d + 2))
    width = -(-n // -(-n // width))  # chunks of equal width
    margins = np.empty(min(n, width) + 1)
    # state = [θ | back @ by_row]: the step is the first column of the product, the summed
    # loss the last entry of its second column.
    state = np.empty(d + 1 + 2 * (d + 2))
    product = state[d + 1 :].reshape(d + 2, 2)
    step, loss_at = product[: d + 1, 0], state.size - 1
    state[: d + 1] = theta
    now, v = state[: d + 1], state[:d]
    partial = np.empty_like(product)
    chunks = []
    for lo in range(0, n, width):
        hi = min(lo + width, n)
        back = np.zeros((d + 2, hi - lo + 1))
        np.multiply(X[lo:hi].T, sign[lo:hi], out=back[:d, :-1])
        if fit_intercept:
            back[d, :-1] = sign[lo:hi]  # else the bias row stays 0, and so does the bias
        back[d + 1, :-1] = 1.0
        per_example = np.zeros((2, hi - lo + 1))  # rows (lr/n)/u and log u, weights 1 and 0
        per_example[0, -1] = 1.0
        chunks.append(
            (
                back[: d + 1],  # whole rows, contiguous for BLAS; the last margin is unused
                margins[: hi - lo + 1],
                margins[: hi - lo],
                threshold[lo:hi],
                hit[lo:hi],
                per_example[0, :-1],
                per_example[1, :-1],
                back,
                per_example.T,
                partial if lo else None,  # chunks after the first add their product
            )
        )
    # The constant column -(lr/n) Σ sᵢaᵢ, in the last chunk (back is still its array).
    back[: d + 1, -1] = -scale * np.append(sign @ X, sign.sum() if fit_intercept else 0.0)

    n_records = -(-iterations // record_every) + 1
    recorded = np.empty((n_records, state.size))
    log_losses, corrects = [], []
    record_loss, record_correct = log_losses.append, corrects.append
    # The loss of the start point sets the limit; NaN until then, so that the first record
    # goes through the one test that is rarely true in the loop.
    limit = start = math.nan
    outer_errstate = np.geterr()
    shrink = np.append(np.full(d, 1.0 - lr * l2), 1.0)  # the intercept is not penalised
    one, scale0, half_l2 = np.array(1.0), np.array(scale), 0.5 * l2
    fast_floor, inf = _FAST_LOSS_FLOOR, math.inf
    dot, exp, add, log, divide = np.dot, np.exp, np.add, np.log, np.divide
    multiply, less_equal, count_nonzero = np.multiply, np.less_equal, np.count_nonzero
    value = state.item

    j = next_record = 0
    # e^m overflows to inf for m > 709; then (lr/n)/u = 0, the right limit, and the loss is
    # recomputed exactly. A NaN from weights that have blown up is caught at the next record.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(iterations + 1):
            if k != next_record:
                for signed, margins, margin, _, _, r, _, back, by_row, partial in chunks:
                    dot(now, signed, margins)
                    exp(margin, margin)
                    add(margin, one, margin)  # u = 1 + e^m
                    divide(scale0, margin, r)
                    if partial is None:
                        dot(back, by_row, product)
                    else:
                        dot(back, by_row, partial)
                        add(product, partial, product)
                if l2:
                    multiply(now, shrink, now)
                add(now, step, now)
                continue

            correct = 0
            for signed, margins, margin, threshold, hit, r, log_u, back, by_row, partial in chunks:
                dot(now, signed, margins)
                less_equal(margin, threshold, hit)
                correct += count_nonzero(hit)
                exp(margin, margin)
                add(margin, one, margin)
                log(margin, log_u)
                divide(scale0, margin, r)
                if partial is None:
                    dot(back, by_row, product)
                else:
                    dot(back, by_row, partial)
                    add(product, partial, product)
            log_loss = value(loss_at) / n
            if not fast_floor < log_loss < inf:
                log_loss = _exact_log_loss(X, now, y)
            recorded[j] = state
            record_loss(log_loss)
            record_correct(correct)
            loss = log_loss + half_l2 * float(dot(v, v)) if l2 else log_loss
            if not loss <= limit:
                if k == 0:
                    start = loss
                    limit = EXPLOSION_FACTOR * max(loss, math.log(2.0))
                if not loss <= limit:
                    raise _explosion(k, loss, start, lr, X, l2, fit_intercept)
            if callback is not None:
                snapshot = _state(k, now, step, lr, l2, loss, correct, n)
                with np.errstate(**outer_errstate):
                    callback(k, snapshot)
            if k == iterations:
                break
            j += 1
            next_record += record_every
            if next_record > iterations:
                next_record = iterations
            if l2:
                multiply(now, shrink, now)
            add(now, step, now)
    theta[:] = now
    steps = recorded[:, d + 1 :].reshape(n_records, d + 2, 2)[:, : d + 1, 0]
    return recorded[:, : d + 1], steps, log_losses, corrects


def _descend_blocked(X, y, theta, *, lr, l2, fit_intercept, iterations, record_every, callback):
    """The loop for large data, which only reads X; updates ``theta``.

    Returns ``(thetas, steps, log_losses, corrects)``, one entry per recorded iteration.
    X is read by two products per iteration; all the rest happens in place in small
    buffers made once:

    - The examples go in blocks of ``_BLOCK`` rows. A block of X and its two scratch rows
      fit in the L2 cache, so the second product with X and the ufuncs in between do not
      go back to main memory (the floor in ``benchmarks/training.py`` reads X twice).
    - With θ = (v, c) = (-w, -b), ``X @ v + c`` is -z and ``np.exp`` of it is e^(-z), the
      quantity in σ(z) = 1 / (1 + e^(-z)), with no negation pass. v and c share one array,
      so one ufunc updates both.
    - The label terms are sums that do not change: the gradient Xᵀ(σ - y) is Xᵀσ - Xᵀy,
      and the loss term Σ (1 - y) z is (Xᵀ(1 - y)) · w + n₀ b. They are computed once, so
      y is not read inside the loop.
    - The step size is folded into the sigmoid: ``np.divide(lr/n, 1 + e^(-z))`` gives
      (lr/n) σ(z), and its product with X is then the step itself.
    - Constants are 0-d arrays, which ufuncs take faster than Python floats.
    - The loss and the accuracy are computed only at recorded iterations.
    """
    n, d = X.shape
    scale = lr / n
    # θ = (v, c) and the step, lr times the gradient of the mean log-loss with respect to
    # (w, b), side by side so that one assignment records both.
    state = np.zeros(2 * (d + 1))
    theta_now, step = state[: d + 1], state[d + 1 :]
    theta_now[:] = theta
    v, c = theta_now[:d], theta_now[d:].reshape(())  # views into θ
    step_v = step[:d]
    partial = np.empty(d)
    size = min(n, _BLOCK)
    ones = np.ones(size)
    hit = np.empty(size, dtype=bool)
    is_one = y.astype(bool)
    planned, spread = _blocks(X, v, size)
    blocks = [
        (
            X_block,
            products,
            scratch,
            lo,
            ones[: len(X_block)],
            hit[: len(X_block)],
            is_one[lo : lo + len(X_block)],
        )
        for X_block, products, scratch, lo in planned
    ]
    # Subtracted from the step: (lr/n) (Xᵀy, Σy), the label part of the gradient.
    label_step = scale * np.append(y @ X, y.sum())
    # -(Xᵀ(1 - y), n₀) · θ = Σ (1 - y) z, the label part of the loss.
    zero_class = np.append((1.0 - y) @ X, n - y.sum())
    if not fit_intercept:
        label_step[d] = zero_class[d] = 0.0
    one, zero, scale0 = np.array(1.0), np.array(0.0), np.array(scale)
    shrink = np.append(np.full(d, 1.0 - lr * l2), 1.0)  # the intercept is not penalised

    n_records = -(-iterations // record_every) + 1
    recorded = np.empty((n_records, state.size))
    log_losses, corrects = [], []
    limit = start = math.nan
    outer_errstate = np.geterr()
    dot, exp, add, divide, subtract = np.dot, np.exp, np.add, np.divide, np.subtract
    log, multiply, less_equal, equal = np.log, np.multiply, np.less_equal, np.equal
    count_nonzero, copyto, add_reduce = np.count_nonzero, np.copyto, np.add.reduce

    j = next_record = 0
    # e^(-z) overflows to inf for z < -709; then σ(z) = 1 / (1 + inf) = 0 is still right.
    # A NaN from weights that have blown up is caught at the next record, not warned about.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for k in range(iterations + 1):
            if spread is not None:
                copyto(spread, v)
            bias_step = 0.0
            if k != next_record:
                for X_block, products, (t, _), lo, *_ in blocks:
                    for left, right, out in products:
                        dot(left, right, out)  # -z (without the intercept)
                    add(t, c, t)
                    exp(t, t)
                    add(t, one, t)
                    divide(scale0, t, t)  # (lr/n) σ(z)
                    dot(t, X_block, partial if lo else step_v)
                    if lo:
                        add(step_v, partial, step_v)
                    if fit_intercept:
                        # Not a BLAS dot with ones: OpenBLAS spreads dot products of more
                        # than 10^4 values over threads, which stall on a busy machine.
                        bias_step += add_reduce(t)
                step[d] = bias_step
                subtract(step, label_step, step)
                if l2:
                    multiply(theta_now, shrink, theta_now)
                add(theta_now, step, theta_now)
                continue

            log_u_sum = 0.0
            correct = 0
            for X_block, products, scratch, lo, ones_b, hit_b, is_one_b in blocks:
                neg_z, r = scratch
                for left, right, out in products:
                    dot(left, right, out)
                add(neg_z, c, neg_z)
                less_equal(neg_z, zero, hit_b)  # predicted class 1 where z >= 0
                equal(hit_b, is_one_b, hit_b)
                correct += count_nonzero(hit_b)
                exp(neg_z, r)
                add(r, one, r)
                log(r, neg_z)  # log(1 + e^(-z)), a term of the loss
                divide(scale0, r, r)
                dot(r, X_block, partial if lo else step_v)
                if lo:
                    add(step_v, partial, step_v)
                block_log_u, block_r = dot(scratch, ones_b).tolist()
                log_u_sum += block_log_u
                bias_step += block_r
            step[d] = bias_step if fit_intercept else 0.0
            subtract(step, label_step, step)
            # log(1 + e^z) - y z = log(1 + e^(-z)) + (1 - y) z, summed over the examples.
            log_loss = (log_u_sum - float(dot(zero_class, theta_now))) / n
            if not _FAST_LOSS_FLOOR < log_loss < math.inf:
                log_loss = _exact_log_loss(X, theta_now, y)
            recorded[j] = state
            log_losses.append(log_loss)
            corrects.append(correct)
            loss = log_loss + 0.5 * l2 * float(dot(v, v)) if l2 else log_loss
            if k == 0:
                start = loss
                limit = EXPLOSION_FACTOR * max(loss, math.log(2.0))
            if not loss <= limit:
                raise _explosion(k, loss, start, lr, X, l2, fit_intercept)
            if callback is not None:
                snapshot = _state(k, theta_now, step, lr, l2, loss, correct, n)
                with np.errstate(**outer_errstate):
                    callback(k, snapshot)
            j += 1
            next_record = min(k + record_every, iterations)
            if k == iterations:
                break
            if l2:
                multiply(theta_now, shrink, theta_now)
            add(theta_now, step, theta_now)
    theta[:] = theta_now
    return recorded[:, : d + 1], recorded[:, d + 1 :], log_losses, corrects


def _explosion(iteration, loss, start, lr, X, l2, fit_intercept) -> TrainingError:
    """The error for a run whose loss blew up, with the safe step for this data."""
    lipschitz = _lipschitz(X, l2, fit_intercept)
    safe = 1.0 / lipschitz if lipschitz > 0 else 1.0
    what = f"became {loss}" if not math.isfinite(loss) else f"reached {loss:.3g}"
    return TrainingError(
        f"train() stopped at iteration {iteration}: the loss {what} (it started at "
        f"{start:.3g}). The learning rate lr={lr:g} is too large for this data: each step "
        f"overshoots further and the weights blow up. Use a smaller lr, or lr='auto', which "
        f"picks 1/L = {safe:.3g} here and cannot diverge."
    )
