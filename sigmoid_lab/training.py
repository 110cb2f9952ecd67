"""Logistic regression trained by batch gradient descent, with checks a student can act on.

The model is p(y = 1 | x) = σ(w · x + b). :func:`train` minimises the mean log-loss plus an
optional L2 penalty (l2/2)·‖w‖² (the intercept b is not penalised) by full-batch gradient
descent, the algorithm of the article's section 4, and records how the run went. The
loop is written out at the end of :func:`train`, as chapter 4 teaches it; by default
``train`` runs the same steps through faster loops kept in ``sigmoid_lab._fast_descent``.

What the article's code leaves to chance is settled here:

- Shapes and labels are checked before anything runs. In particular a label column of shape
  (m, 1) is refused with an explanation, because ``(m, 1) - (m,)`` broadcasts into an (m, m)
  matrix: that is the article's own bug. Labels of a single class are refused too: there
  is nothing to separate.
- ``lr="auto"`` takes the step 1/L from the Lipschitz constant L of the gradient, which is
  guaranteed not to diverge; a step that is too large stops the run with
  :class:`TrainingError` instead of returning NaN. L is computed without overflow, and
  features too large for it to exist as a float are refused with a message.
- When the columns of X differ so much in size that the safe step barely moves the weight
  of the smallest, :attr:`TrainResult.advice` says so and says to standardise.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sigmoid_lab._fast_descent import Diverged, descend
from sigmoid_lab._validation import as_float_array, finite_rows_hint, flatten_hint
from sigmoid_lab.activations import logit, sigmoid
from sigmoid_lab.data import _rng
from sigmoid_lab.i18n import gettext as _

__all__ = ["TrainResult", "TrainState", "TrainingError", "safe_learning_rate", "train"]

#: A run is stopped when the loss exceeds this multiple of its starting value (or of log 2,
#: the loss of the all-zero model, if that is larger). Gradient descent with a safe step
#: never increases the objective, so a loss a million times the start means the steps
#: overshoot further each time.
EXPLOSION_FACTOR = 1e6

#: ``converged`` requires the final gradient norm to be below this fraction of the initial
#: one (or of 1, if that is larger).
GRADIENT_TOLERANCE = 1e-6

#: :attr:`TrainResult.advice` says to standardise when the root-mean-square sizes of two
#: columns of the data (the intercept's column of ones included) differ by more than this
#: factor. The safe step is set by the largest column; along a column r times smaller the
#: loss curves about r² times less (for uncorrelated columns), so gradient descent moves its
#: weight about r² times more slowly: 900 times at r = 30, close to the 1000 steps of the
#: default run. The course's own data sets stay below r = 4.
SCALE_RATIO_LIMIT = 30.0

# X.T @ X is formed from X divided by a power of two (exactly) when an entry of X exceeds
# this (about 2.6e120): beyond about 1e154 the plain product would overflow.
_GRAM_SCALING_FROM = 2.0**400


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
    advice : str
        A hint about the data, empty when there is nothing to say. It speaks when the
        root-mean-square sizes of two columns of the data (the intercept's column of ones
        included) differ by more than ``SCALE_RATIO_LIMIT``: it names the largest and the
        smallest column, their sizes and the safe step, and says to standardise the
        features. ``repr`` shows it on a line of its own.
    """

    weights: np.ndarray
    bias: float
    history: dict[str, np.ndarray] = field(repr=False)
    lr: float
    converged: bool
    l2: float = 0.0
    fit_intercept: bool = True
    advice: str = ""

    @property
    def iterations(self) -> int:
        """The number of gradient steps taken."""
        return int(self.history["iteration"][-1])

    def decision_function(self, X) -> np.ndarray:
        """The logits z = X @ w + b, shape (m,).

        Parameters
        ----------
        X : array_like, shape (m, d)
            Points with as many features as the training data.
        """
        X = _check_features(X, "TrainResult.decision_function", self.weights.size)
        return X @ self.weights + self.bias

    def predict_proba(self, X) -> np.ndarray:
        """The probability of class 1, σ(X @ w + b), shape (m,).

        Parameters
        ----------
        X : array_like, shape (m, d)
            Points with as many features as the training data.
        """
        X = _check_features(X, "TrainResult.predict_proba", self.weights.size)
        return sigmoid(X @ self.weights + self.bias)

    def predict(self, X, threshold=0.5) -> np.ndarray:
        """Class labels 0/1: 1 where the probability of class 1 is at least ``threshold``.

        Parameters
        ----------
        X : array_like, shape (m, d)
            Points with as many features as the training data.
        threshold : float, default 0.5
            A probability strictly between 0 and 1.

        Returns
        -------
        numpy.ndarray of int64, shape (m,)

        Notes
        -----
        The comparison is made on the logits, z >= logit(threshold), which is the same as
        ``predict_proba(X) >= threshold`` without the rounding of probabilities near 0 and 1.
        """
        X = _check_features(X, "TrainResult.predict", self.weights.size)
        if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, numbers.Real):
            raise TypeError(
                _(
                    "TrainResult.predict() expects threshold to be a number, got {type} "
                    "{threshold!r}."
                ).format(type=type(threshold).__name__, threshold=threshold)
            )
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                _(
                    "TrainResult.predict() expects threshold to be a probability strictly "
                    "between 0 and 1, got {threshold!r}."
                ).format(threshold=threshold)
            )
        return (X @ self.weights + self.bias >= logit(float(threshold))).astype(np.int64)

    def __repr__(self) -> str:
        weights = np.array2string(self.weights, precision=4, separator=", ")
        loss = self.history["loss"][-1]
        text = (
            f"TrainResult(weights={weights}, bias={self.bias:.4g}, lr={self.lr:.4g}, "
            f"iterations={self.iterations}, loss={loss:.4g}, converged={self.converged})"
        )
        return (
            _("{text}\nAdvice: {advice}").format(text=text, advice=self.advice)
            if self.advice
            else text
        )


# ----------------------------------------------------------------------------- checks


def _shape_text(shape: tuple[int, ...]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else str(tuple(shape))


def _check_features(X, func: str, n_features: int | None = None) -> np.ndarray:
    """X as a finite 2-D float64 array, or an error that says how to fix it."""
    given = X
    X = as_float_array(X, func=func, name="X")
    if X.ndim == 1:
        # np.reshape works for lists and pandas objects too, which have no .reshape.
        raise ValueError(
            _(
                "{func}() expects X to be 2-D, one row per example and one column per feature, "
                "got a 1-D array of shape {shape_text}. For a single feature use np.reshape(X, "
                "(-1, 1)); for a single example with several features, np.reshape(X, (1, -1))."
            ).format(func=func, shape_text=_shape_text(X.shape))
        )
    if X.ndim != 2:
        raise ValueError(
            _(
                "{func}() expects X to be 2-D, one row per example and one column per feature, "
                "got {ndim}-D with shape {shape_text}."
            ).format(func=func, ndim=X.ndim, shape_text=_shape_text(X.shape))
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(
            _("{func}() got an empty X of shape {shape}; it needs data.").format(
                func=func, shape=X.shape
            )
        )
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(
            _(
                "{func}() expects X with {n_features} column(s), one per weight of the model, "
                "got {shape}."
            ).format(func=func, n_features=n_features, shape=X.shape[1])
        )
    X = X.astype(np.float64, copy=False)
    finite_rows = np.isfinite(X).all(axis=1)
    if not finite_rows.all():
        bad = np.flatnonzero(~finite_rows)
        shown = ", ".join(str(i) for i in bad[:5]) + (", ..." if bad.size > 5 else "")
        rows = _("1 row") if bad.size == 1 else _("{size} rows").format(size=bad.size)
        raise ValueError(
            _(
                "{func}() found NaN or infinite values in X, in {rows} of {shape} (row {shown}). "
                "Drop or fill those rows first, for example {finite_rows_hint}."
            ).format(
                func=func,
                rows=rows,
                shape=X.shape[0],
                shown=shown,
                finite_rows_hint=finite_rows_hint(given),
            )
        )
    return X


def _check_labels(y, n_rows: int, func: str) -> np.ndarray:
    """y as a float64 vector of 0/1 of length ``n_rows``, or an explanation."""
    given = y
    y = as_float_array(y, func=func, name="y")
    if y.ndim == 2 and y.shape[1] == 1:
        n = y.shape[0]
        raise ValueError(
            _(
                "{func}() expects y to be 1-D with shape ({n},), got a column of shape ({n}, 1). "
                "This is the bug in the article's code: NumPy broadcasts ({n}, 1) - ({n},) into "
                "a ({n}, {n}) matrix instead of {n} differences, and the gradient silently "
                "becomes wrong. Pass {flatten_hint} instead."
            ).format(func=func, n=n, flatten_hint=flatten_hint(given, "y"))
        )
    if y.ndim != 1:
        raise ValueError(
            _(
                "{func}() expects y to be 1-D, one 0/1 label per row of X, got shape "
                "{shape_text}. Use np.ravel(y) if it holds one label per row."
            ).format(func=func, shape_text=_shape_text(y.shape))
        )
    if y.shape[0] != n_rows:
        raise ValueError(
            _(
                "{func}() expects one label per row of X: X has {n_rows} rows but y has {shape} "
                "labels."
            ).format(func=func, n_rows=n_rows, shape=y.shape[0])
        )
    wrong = (y != 0) & (y != 1)
    if wrong.any():
        found = np.unique(y)
        shown = ", ".join(f"{v:g}" for v in found[:10]) + (", ..." if found.size > 10 else "")
        raise ValueError(
            _(
                "{func}() expects y to hold only the labels 0 and 1, found the values {shown}. "
                "Map your two classes to 0 and 1 first, e.g. y = (y == "
                "positive_class).astype(int) (for labels -1/1: (y > 0).astype(int))."
            ).format(func=func, shown=shown)
        )
    return y.astype(np.float64, copy=False)


def _check_both_classes(y: np.ndarray, func: str) -> None:
    """Refuse 0/1 labels of a single class, from which a classifier has nothing to learn.

    ``y`` is the output of :func:`_check_labels`; ``func`` names the caller in the message.
    """
    n_ones = int(np.count_nonzero(y))
    if 0 < n_ones < y.size:
        return
    only, missing = (1, 0) if n_ones else (0, 1)
    labels = (
        _("its only label is") if y.size == 1 else _("all {size} labels are").format(size=y.size)
    )
    raise ValueError(
        _(
            "{func}() needs examples of both classes, 0 and 1, but y contains only class "
            "{only} ({labels} {only}). A classifier learns what separates the two classes: "
            "from one class alone the loss keeps falling as the model pushes every "
            "probability towards {only}, and there is no boundary to find. Add examples of "
            "class {missing}; to hold out test data, split_train_test(X, y) keeps both "
            "classes in both parts."
        ).format(func=func, only=only, labels=labels, missing=missing)
    )


def _check_l2(l2, func: str) -> float:
    if isinstance(l2, (bool, np.bool_)) or not isinstance(l2, numbers.Real):
        raise TypeError(
            _("{func}() expects l2 to be a number >= 0, got {type} {l2!r}.").format(
                func=func, type=type(l2).__name__, l2=l2
            )
        )
    l2 = float(l2)
    if not (math.isfinite(l2) and l2 >= 0):
        raise ValueError(
            _(
                "{func}() expects l2 to be a finite number >= 0 (the weight of the penalty "
                "(l2/2)·‖w‖²; 0 means no penalty), got {l2!r}."
            ).format(func=func, l2=l2)
        )
    return l2


def _check_flag(value, func: str, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(
            _("{func}() expects {name} to be True or False, got {value!r}.").format(
                func=func, name=name, value=value
            )
        )
    return bool(value)


def _check_count(value, func: str, name: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        hint = ""
        if isinstance(value, float) and value.is_integer():
            hint = _(" Write {value} or int({value2!r}).").format(value=int(value), value2=value)
        raise TypeError(
            _(
                "{func}() expects {name} to be a whole number (an int), got {type} "
                "{value!r}.{hint}"
            ).format(func=func, name=name, type=type(value).__name__, value=value, hint=hint)
        )
    if value < minimum:
        what = (
            _("non-negative") if minimum == 0 else _("at least {minimum}").format(minimum=minimum)
        )
        raise ValueError(
            _("{func}() expects {name} to be {what}, got {value}.").format(
                func=func, name=name, what=what, value=value
            )
        )
    return int(value)


def _check_lr(lr, func: str) -> float | None:
    """The step as a float, or None for "auto"."""
    if isinstance(lr, str):
        if lr == "auto":
            return None
        raise ValueError(
            _("{func}() expects lr to be a positive number or 'auto', got {lr!r}.").format(
                func=func, lr=lr
            )
        )
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise TypeError(
            _("{func}() expects lr to be a positive number or 'auto', got {type} {lr!r}.").format(
                func=func, type=type(lr).__name__, lr=lr
            )
        )
    lr = float(lr)
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(
            _(
                "{func}() expects lr to be a positive finite number or 'auto', got {lr!r}. "
                "lr='auto' picks a step that cannot diverge."
            ).format(func=func, lr=lr)
        )
    return lr


def _initial_parameters(init, seed, d: int, fit_intercept: bool, func: str):
    """Starting weights and bias from ``init`` (None/"zeros", "random" or an array)."""
    if init is None or (isinstance(init, str) and init == "zeros"):
        return np.zeros(d), 0.0
    if isinstance(init, str):
        if init == "random":
            return _rng(seed, func).standard_normal(d), 0.0
        if fit_intercept:
            message = _(
                "{func}() expects init to be None, 'zeros', 'random' or an array of {d} "
                "weights (or {d1} with the bias last), got {init!r}."
            )
        else:
            message = _(
                "{func}() expects init to be None, 'zeros', 'random' or an array of {d} "
                "weights, got {init!r}."
            )
        raise ValueError(message.format(func=func, d=d, d1=d + 1, init=init))
    start = as_float_array(init, func=func, name="init", finite=True).astype(np.float64)
    if start.shape == (d,):
        return start.copy(), 0.0
    if fit_intercept and start.shape == (d + 1,):
        return start[:d].copy(), float(start[d])
    if fit_intercept:
        message = _(
            "{func}() expects init to hold {d} weights (or {d1}: the weights, then the bias), "
            "got shape {shape}."
        )
    else:
        message = _("{func}() expects init to hold {d} weights, got shape {shape}.")
    raise ValueError(message.format(func=func, d=d, d1=d + 1, shape=_shape_text(start.shape)))


# ------------------------------------------------------------------------ learning rate


def _scaled_gram(X: np.ndarray, fit_intercept: bool) -> tuple[np.ndarray, int]:
    """(G, e): the Gram matrix G = BᵀB of B = A / 2^e, with A = [X, 1] (or X).

    e is 0 for ordinary data. When an entry of X exceeds ``_GRAM_SCALING_FROM``, or (without
    the column of ones) every entry is below its inverse, 2^e is the smallest power of two
    above every |entry|, so that the entries of X / 2^e lie in [0.5, 1) at most and G
    neither overflows (X.T @ X itself does for entries beyond about 1e154, and the column
    sums for entries near the largest float) nor underflows. Dividing by a power of two is
    exact.
    """
    n = X.shape[0]
    largest = max(float(X.max()), -float(X.min()))
    huge = largest > _GRAM_SCALING_FROM
    tiny = 0 < largest < 1.0 / _GRAM_SCALING_FROM and not fit_intercept
    exponent = math.frexp(largest)[1] if huge or tiny else 0
    B = np.ldexp(X, -exponent) if exponent else X
    gram = B.T @ B
    if fit_intercept:
        ones = math.ldexp(1.0, -exponent)  # the column of ones, divided by 2^e too
        column_sums = B.sum(axis=0) * ones
        corner = np.array([[n * ones * ones]])
        gram = np.block([[gram, column_sums[:, None]], [column_sums[None, :], corner]])
    return gram, exponent


def _lipschitz_and_scales(
    X: np.ndarray, l2: float, fit_intercept: bool, func: str
) -> tuple[float, np.ndarray]:
    """L = ‖A‖₂² / (4m) + l2, and the root-mean-square size of each column of A.

    A = [X, 1] (or X); both come from the small Gram matrix AᵀA. Raises ValueError when L
    or the safe step 1/L is beyond the largest float64, for features that are not all zero.
    """
    n = X.shape[0]
    gram, exponent = _scaled_gram(X, fit_intercept)
    largest = max(float(np.linalg.eigvalsh(gram)[-1]), 0.0)
    try:
        # ‖A‖₂² = 4^e ‖B‖₂²; math.ldexp raises OverflowError where the result overflows.
        lipschitz = math.ldexp(largest / (4.0 * n), 2 * exponent) + l2
    except OverflowError:
        lipschitz = math.inf
    size = max(float(X.max()), -float(X.min()))
    if not math.isfinite(lipschitz):
        raise _scale_error(func, size, "large")
    if size > 0 and (lipschitz == 0 or not math.isfinite(1.0 / lipschitz)):
        raise _scale_error(func, size, "small")
    # The diagonal of AᵀA holds the sums of squares of the columns.
    scales = [math.ldexp(math.sqrt(g / n), exponent) for g in np.diagonal(gram).tolist()]
    return lipschitz, np.array(scales)


def _scale_error(func: str, size: float, how: str) -> ValueError:
    """The error for features too large (or too small) for L (or 1/L) to be a float."""
    if how == "large":
        beyond = _("the Lipschitz constant L of the gradient, which sets the safe step 1/L, is")
    else:
        beyond = _("the safe step 1/L, from the Lipschitz constant L of the gradient, is")
    if how == "large":
        cannot = _(
            "{func}() cannot use features this large: the largest |value| in X is {size:.3g}, "
        )
    else:
        cannot = _(
            "{func}() cannot use features this small: the largest |value| in X is {size:.3g}, "
        )
    return ValueError(
        cannot.format(func=func, size=size)
        + _(
            "so {beyond} beyond the largest float (about 1.8e308). Scale the features to sizes "
            "near 1 first, for example divide each column by its largest size, {scale}, then "
            "standardise them: {standardise}."
        ).format(
            beyond=beyond,
            scale="scale = np.abs(X).max(axis=0); X = X / np.where(scale > 0, scale, 1.0)",
            standardise="X = (X - X.mean(axis=0)) / X.std(axis=0)",
        )
    )


def _safe_step(lipschitz: float) -> float:
    """1/L, or 1.0 when L is 0 (all-zero features, no intercept, no penalty)."""
    return 1.0 / lipschitz if lipschitz > 0 else 1.0


def _scale_advice(scales: np.ndarray, n_features: int, lipschitz: float) -> str:
    """Advice to standardise when column sizes differ by more than SCALE_RATIO_LIMIT.

    ``scales`` are the root-mean-square sizes of the columns of A = [X, 1] (or X).
    """
    used = np.flatnonzero(scales > 0)  # an all-zero column slows nothing down
    if used.size < 2:
        return ""
    big, small = used[np.argmax(scales[used])], used[np.argmin(scales[used])]
    ratio = scales[big] / scales[small]
    if not ratio > SCALE_RATIO_LIMIT:
        return ""

    def name(column):
        if column == n_features:
            return _("the intercept's column of ones")
        return _("column {column} of X").format(column=column)

    return _(
        "The columns of the data differ in size by a factor of {ratio:.3g}: {name} has a "
        "root-mean-square size of {scales:.3g}, {name2} {scales2:.3g}. Gradient descent "
        "needs steps small enough for the largest (the safe step 1/L is {safe_step:.3g} "
        "here), and with such steps the weights of the much smaller columns barely move, "
        "so training can stop far from the best model. Standardise the features first: X "
        "= (X - X.mean(axis=0)) / X.std(axis=0), and use the same mean and std for new "
        "points."
    ).format(
        ratio=ratio,
        name=name(big),
        scales=scales[big],
        name2=name(small),
        scales2=scales[small],
        safe_step=_safe_step(lipschitz),
    )


def safe_learning_rate(X, l2=0.0, fit_intercept=True) -> float:
    """The step 1/L that gradient descent on the logistic loss can always take.

    L bounds how fast the gradient of the objective can change. For the mean log-loss,
    whose Hessian is Aᵀ diag(σ'(z)) A / n with σ' <= 1/4, and the penalty (l2/2)·‖w‖²,

        L = ‖A‖₂² / (4m) + l2,   A = [X, 1]  (A = X when ``fit_intercept=False``),

    where ‖A‖₂ is the largest singular value. With the step 1/L every gradient step lowers
    the objective, whatever the data, so training cannot diverge.

    Parameters
    ----------
    X : array_like, shape (m, d)
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

    Raises
    ------
    TypeError, ValueError
        For X that is not a finite 2-D array of numbers, and for ``l2`` or
        ``fit_intercept`` of the wrong kind.
    ValueError
        If L is beyond the largest float64 (features of size above about 1e154), or 1/L is
        (features below about 1e-154, without intercept or penalty): the message says to
        scale the features.

    Notes
    -----
    ‖A‖₂² is the largest eigenvalue of the (d + 1, d + 1) matrix AᵀA. For features above
    2^400 in size (or, without intercept, all below 2^-400), AᵀA is formed from A divided
    by a power of two and L scaled back, so that nothing overflows or underflows on the way.

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
    lipschitz, _ = _lipschitz_and_scales(X, l2, fit_intercept, func)
    return _safe_step(lipschitz)


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
    fast=True,
) -> TrainResult:
    r"""Fit logistic regression by batch gradient descent.

    Minimises the objective

    .. math:: J(w, b) = \frac{1}{n} \sum_i \left[\log(1 + e^{z_i}) - y_i z_i\right]
              + \frac{l_2}{2} \lVert w \rVert^2, \qquad z_i = x_i \cdot w + b,

    the mean log-loss (binary cross-entropy computed from the logits z, so that it stays
    finite for every z) plus an L2 penalty on w, by ``iterations`` full-batch steps
    ``(w, b) -= lr * ∇J``, with ∇J = (Xᵀ(σ(z) - y)/m + l2·w, mean(σ(z) - y)).

    Parameters
    ----------
    X : array_like, shape (m, d)
        Features, one row per example. A single feature must still be a column:
        ``np.reshape(X, (-1, 1))``.
    y : array_like, shape (m,)
        Labels 0 and 1 (int, bool or float), with examples of both classes.
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
    fast : bool, default True
        Run the loops of ``sigmoid_lab._fast_descent``, which take the same steps and
        record the same history with fewer NumPy calls and passes over the data (the
        results agree to about 1e-12; see Notes). False runs the plain loop written out at
        the end of this function, the algorithm as chapter 4 teaches it.

    Returns
    -------
    TrainResult
        The weights, the bias, the history, ``predict_proba`` / ``predict``, and
        ``advice`` (non-empty when the feature sizes differ so much that training is slow).

    Raises
    ------
    TypeError, ValueError
        For inputs that cannot work, with a message that says how to fix them: X not 2-D,
        y of shape (m, 1) instead of (m,) (the article's broadcasting bug), different
        numbers of rows, labels other than 0/1, labels of only one class (one example
        included), NaN or infinity in X, features so large (above about 1e154) that the
        Lipschitz constant L overflows, a learning rate that is not a positive number or
        "auto", a negative or fractional number of iterations, a negative ``l2``.
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

    Speed: an iteration of the plain loop makes two products with the data (for z and for
    the gradient) and several passes over m values, each a NumPy call with its own fixed
    cost. ``fast=True`` computes the same quantities with fewer calls and fewer passes
    (``sigmoid_lab._fast_descent`` says how); ``python -m benchmarks.training`` compares
    one of its iterations with the floor of one ``X @ w``, one ``np.exp`` and one
    ``X.T @ r``. The two loops round differently, so their weights differ by rounding
    errors, about 1e-15 relative per step.

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
    _check_both_classes(y, func)
    step = _check_lr(lr, func)
    iterations = _check_count(iterations, func, "iterations", 0)
    l2 = _check_l2(l2, func)
    fit_intercept = _check_flag(fit_intercept, func, "fit_intercept")
    record_every = _check_count(record_every, func, "record_every", 1)
    if callback is not None and not callable(callback):
        raise TypeError(
            _(
                "{func}() expects callback to be a function callback(iteration, state) or None, "
                "got {type}."
            ).format(func=func, type=type(callback).__name__)
        )
    fast = _check_flag(fast, func, "fast")
    weights, bias = _initial_parameters(init, seed, d, fit_intercept, func)
    lipschitz, scales = _lipschitz_and_scales(X, l2, fit_intercept, func)
    if step is None:
        step = _safe_step(lipschitz)
    settings = {"lr": step, "l2": l2, "fit_intercept": fit_intercept}
    advice = _scale_advice(scales, d, lipschitz)
    if fast:
        # The same steps as the plain loop below, computed with fewer NumPy calls and fewer
        # passes over X (see sigmoid_lab._fast_descent).
        history, weights, bias = _descend_fast(
            X, y, weights, bias, iterations, record_every, callback, lipschitz, **settings
        )
        return _result(history, weights, bias, advice, **settings)

    # The plain loop: full-batch gradient descent on J, recording the history as it goes.
    history = {
        "iteration": [],
        "loss": [],
        "log_loss": [],
        "accuracy": [],
        "grad_norm": [],
        "weight_norm": [],
    }
    start = limit = math.nan
    callers_errstate = np.geterr()
    # A step that is far too large can send the weights to infinity, and then z to NaN.
    # That happens without a warning here: the check of the loss at the next record stops
    # the run with a TrainingError that explains it.
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(iterations + 1):
            z = X @ weights + bias  # the logits
            residual = sigmoid(z) - y  # ∂(log-loss of example i)/∂zᵢ = σ(zᵢ) - yᵢ
            gradient_w = X.T @ residual / n + l2 * weights  # ∇J with respect to w, then b
            gradient_b = residual.mean() if fit_intercept else 0.0  # b stays 0 if not learned
            if k % record_every == 0 or k == iterations:
                # log(1 + e^z) - y·z is log(1 + e^m) with m = (1 - 2y)·z, the logit seen from
                # the wrong class; np.logaddexp(0, m) keeps it finite for every z and
                # accurate when it is tiny (a well-fitted example).
                log_loss = float(np.mean(np.logaddexp(0.0, (1.0 - 2.0 * y) * z)))
                loss = log_loss + 0.5 * l2 * float(weights @ weights)
                accuracy = float(np.mean((z >= 0) == (y == 1)))  # z >= 0 predicts class 1
                grad_norm = float(np.linalg.norm(np.append(gradient_w, gradient_b)))
                history["iteration"].append(k)
                history["loss"].append(loss)
                history["log_loss"].append(log_loss)
                history["accuracy"].append(accuracy)
                history["grad_norm"].append(grad_norm)
                history["weight_norm"].append(float(np.linalg.norm(weights)))
                if k == 0:
                    start, limit = loss, EXPLOSION_FACTOR * max(loss, math.log(2.0))
                if not loss <= limit:  # true as well for a NaN or infinite loss
                    raise _explosion(k, loss, start, step, lipschitz)
                if callback is not None:
                    state = TrainState(k, weights.copy(), float(bias), loss, accuracy, grad_norm)
                    with np.errstate(**callers_errstate):
                        callback(k, state)
            if k < iterations:  # the step; the last pass only records where the run ended
                weights = weights - step * gradient_w
                bias = bias - step * gradient_b
    history = {name: np.array(values) for name, values in history.items()}
    return _result(history, weights, bias, advice, **settings)


def _result(history, weights, bias, advice, *, lr, l2, fit_intercept) -> TrainResult:
    """The TrainResult of a run, with ``converged`` judged from its history."""
    initial, final = history["grad_norm"][0], history["grad_norm"][-1]
    separated = l2 == 0 and history["accuracy"][-1] == 1.0
    converged = bool(final <= GRADIENT_TOLERANCE * max(1.0, initial) and not separated)
    return TrainResult(
        weights=weights,
        bias=float(bias),
        history=history,
        lr=lr,
        converged=converged,
        l2=l2,
        fit_intercept=fit_intercept,
        advice=advice,
    )


def _descend_fast(
    X, y, weights, bias, iterations, record_every, callback, lipschitz, *, lr, l2, fit_intercept
):
    """Run :func:`sigmoid_lab._fast_descent.descend`; returns ``(history, weights, bias)``."""
    if not (X.flags.c_contiguous or X.flags.f_contiguous):
        # One copy now instead of a hidden one inside every matrix product.
        X = np.ascontiguousarray(X)
    report = None
    if callback is not None:

        def report(iteration, values):
            callback(iteration, TrainState(iteration=iteration, **values))

    try:
        return descend(
            X,
            y,
            weights,
            bias,
            lr=lr,
            l2=l2,
            fit_intercept=fit_intercept,
            iterations=iterations,
            record_every=record_every,
            callback=report,
            explosion_factor=EXPLOSION_FACTOR,
        )
    except Diverged as stop:
        raise _explosion(stop.iteration, stop.loss, stop.start, lr, lipschitz) from None


def _explosion(iteration, loss, start, lr, lipschitz) -> TrainingError:
    """The error for a run whose loss blew up, with the safe step for this data."""
    what = (
        _("became {loss}").format(loss=loss)
        if not math.isfinite(loss)
        else _("reached {loss:.3g}").format(loss=loss)
    )
    return TrainingError(
        _(
            "train() stopped at iteration {iteration}: the loss {what} (it started at "
            "{start:.3g}). The learning rate lr={lr:g} is too large for this data: each step "
            "overshoots further and the weights blow up. Use a smaller lr, or lr='auto', "
            "which picks 1/L = {safe_step:.3g} here and cannot diverge."
        ).format(
            iteration=iteration, what=what, start=start, lr=lr, safe_step=_safe_step(lipschitz)
        )
    )
