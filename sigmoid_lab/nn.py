"""A small multilayer perceptron in NumPy, to see what the sigmoid does inside a deep network.

The network maps features to one logit through hidden layers with a chosen activation
(any name of :data:`sigmoid_lab.activations.ACTIVATIONS`); the probability of class 1 is the
sigmoid of that logit, and the loss is the binary cross-entropy computed from the logit.
Training is full-batch gradient descent with hand-written backpropagation, short enough to
read in one sitting. Its inputs are checked as :func:`sigmoid_lab.training.train` checks
them, with the same helpers, and a run whose loss goes up instead of down stops with the same
:class:`~sigmoid_lab.training.TrainingError`, naming the likely cause.

Chapter 5 uses it for two experiments:

- :meth:`MLP.layer_gradient_norms` shows how large the gradient of each layer is at
  initialisation. With the sigmoid, whose slope is at most 1/4, the gradient shrinks layer
  after layer on its way back to the input (it *vanishes*); with ReLU it does not.
- :func:`train_mlp` trains the same network with different activations, to compare loss
  curves, and a wide sigmoid network on noisy data, to show that the sigmoid does not
  prevent overfitting.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from sigmoid_lab._validation import as_float_array, flatten_hint
from sigmoid_lab.activations import ACTIVATIONS, Activation, get_activation, logit, sigmoid
from sigmoid_lab.data import _rng
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.losses import binary_cross_entropy
from sigmoid_lab.training import (
    EXPLOSION_FACTOR,
    TrainingError,
    _check_both_classes,
    _check_count,
    _check_features,
    _check_labels,
)

__all__ = ["INITS", "MLP", "MLPResult", "train_mlp"]

#: The weight initialisations, by name: the standard deviation of the normal distribution the
#: weights of a layer with ``fan_in`` inputs and ``fan_out`` outputs are drawn from.
INITS: dict[str, Callable[[int, int], float]] = {
    # Glorot & Bengio (2010): keeps the variance of the signal about constant forwards and
    # backwards through layers whose activation has slope 1 at 0 (tanh; also the linear part).
    "xavier": lambda fan_in, fan_out: math.sqrt(2.0 / (fan_in + fan_out)),
    # He et al. (2015): twice the variance, to make up for ReLU setting half its inputs to 0.
    "he": lambda fan_in, fan_out: math.sqrt(2.0 / fan_in),
}


#: Features whose root-mean-square size is above this are "large" when a run diverges: the
#: initial weights are drawn for inputs of size about 1 (see INITS), so the advice is then to
#: standardise the features, not only to lower the learning rate.
LARGE_FEATURE = 10.0


def _check_width(size, func: str, what: str, sizes) -> int:
    """One layer width: a whole number of at least 1."""
    shown = _(" in {list!r}").format(list=list(sizes)) if sizes is not None else ""
    if isinstance(size, (bool, np.bool_)) or not isinstance(size, numbers.Integral):
        hint = ""
        if isinstance(size, (float, np.floating)) and float(size).is_integer() and size >= 1:
            hint = _(" Write {value} (or int({size!r})).").format(value=int(size), size=size)
        elif isinstance(size, str) and size.strip().isdigit():
            hint = _(" Write {value} (or int({size!r})).").format(value=int(size), size=size)
        raise TypeError(
            _(
                "{func}() expects {what} to be a whole number of units (an int), "
                "got {type} {size!r}{shown}.{hint}"
            ).format(
                func=func, what=what, type=type(size).__name__, size=size, shown=shown, hint=hint
            )
        )
    if size < 1:
        raise ValueError(
            _("{func}() expects {what} to be at least 1, got {size}{shown}.").format(
                func=func, what=what, size=size, shown=shown
            )
        )
    return int(size)


def _as_sequence(value):
    """A list from a list, tuple or 1-D NumPy array; None for anything else."""
    if isinstance(value, np.ndarray):
        return value.tolist() if value.ndim == 1 else None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        return None
    return list(value)


def _check_layer_sizes(layer_sizes, func: str = "MLP") -> tuple[int, ...]:
    sizes = _as_sequence(layer_sizes)
    if sizes is None:
        raise TypeError(
            _(
                "{func}() expects layer_sizes to be a list of layer widths such as "
                "[2, 16, 16, 1], got {type} {layer_sizes!r}."
            ).format(func=func, type=type(layer_sizes).__name__, layer_sizes=layer_sizes)
        )
    for size in sizes:
        _check_width(size, func, _("every layer width"), sizes)
    if len(sizes) < 2:
        raise ValueError(
            _(
                "{func}() expects at least an input and an output size, e.g. [2, "
                "1], got {sizes!r}."
            ).format(func=func, sizes=sizes)
        )
    if sizes[-1] != 1:
        raise ValueError(
            _(
                "{func}() builds a binary classifier, so the last layer has 1 unit "
                "(one logit), got {sizes} in {sizes2!r}."
            ).format(func=func, sizes=sizes[-1], sizes2=sizes)
        )
    return tuple(int(size) for size in sizes)


def _check_hidden(hidden, func: str) -> tuple[int, ...]:
    """The hidden widths of :func:`train_mlp`: one whole number, or a sequence of them."""
    if isinstance(hidden, numbers.Integral) and not isinstance(hidden, (bool, np.bool_)):
        return (_check_width(hidden, func, "hidden", None),)
    widths = _as_sequence(hidden)
    if widths is None:
        hint = ""
        if isinstance(hidden, (float, np.floating)) and float(hidden).is_integer() and hidden >= 1:
            hint = _(" Write hidden={value} (or int({hidden!r})).").format(
                value=int(hidden), hidden=hidden
            )
        raise TypeError(
            _(
                "{func}() expects hidden to be the width of the hidden layer, or a "
                "sequence of widths such as (16, 16), or () for no hidden layer; "
                "got {type} {hidden!r}.{hint}"
            ).format(func=func, type=type(hidden).__name__, hidden=hidden, hint=hint)
        )
    return tuple(_check_width(width, func, _("every hidden width"), widths) for width in widths)


def _check_activation(activation, func: str) -> Activation:
    try:
        return get_activation(activation)
    except (TypeError, ValueError) as error:
        valid = ", ".join(repr(name) for name in ACTIVATIONS)
        raise type(error)(
            _(
                "{func}() expects activation to be the name of an activation (or "
                "an Activation), got {type} {activation!r}. Valid names: {valid}."
            ).format(func=func, type=type(activation).__name__, activation=activation, valid=valid)
        ) from None


def _check_init(init, func: str) -> str:
    valid = ", ".join(repr(name) for name in INITS)
    if not isinstance(init, str):
        raise TypeError(
            _("{func}() expects init to be one of {valid}, got {type} {init!r}.").format(
                func=func, valid=valid, type=type(init).__name__, init=init
            )
        )
    if init not in INITS:
        raise ValueError(
            _("{func}() expects init to be one of {valid}, got {init!r}.").format(
                func=func, valid=valid, init=init
            )
        )
    return init


def _check_X(X, func: str, n_inputs: int | None = None) -> np.ndarray:
    """X as a finite 2-D float64 array (with ``n_inputs`` columns), or a clear error."""
    # train()'s checks, on X as it was passed, so that each hint fits the type passed.
    array = _check_features(X, func)
    if n_inputs is not None and array.shape[1] != n_inputs:
        raise ValueError(
            _(
                "{func}() expects X of shape (m, {n_inputs}), one column per input "
                "of the network, got shape {shape}."
            ).format(func=func, n_inputs=n_inputs, shape=array.shape)
        )
    return array


def _check_y(y, n: int, func: str) -> np.ndarray:
    """y as a float64 vector of 0/1, one label per row of X, or a clear error."""
    array = as_float_array(y, func=func, name="y")
    if array.ndim == 2 and array.shape[1] == 1:
        raise ValueError(
            _(
                "{func}() expects y of shape ({n},), got a column of shape "
                "{shape}: (m, 1) minus (m,) broadcasts into an (m, m) matrix, the "
                "article's bug. Pass {flatten_hint} instead."
            ).format(func=func, n=n, shape=array.shape, flatten_hint=flatten_hint(y, "y"))
        )
    if array.ndim != 1:
        raise ValueError(
            _(
                "{func}() expects y to be 1-D, one 0/1 label per row of X, got "
                "shape {shape}. np.ravel(y) flattens it if it holds one label per "
                "row."
            ).format(func=func, shape=array.shape)
        )
    return _check_labels(y, n, func)


def _check_l2(l2, func: str) -> float:
    if isinstance(l2, (bool, np.bool_)) or not isinstance(l2, numbers.Real):
        raise TypeError(
            _("{func}() expects l2 to be a number >= 0, got {type} {l2!r}.").format(
                func=func, type=type(l2).__name__, l2=l2
            )
        )
    if not (math.isfinite(l2) and l2 >= 0):
        raise ValueError(
            _(
                "{func}() expects l2 to be a finite number >= 0 (the weight of the "
                "penalty (l2/2)·Σ‖W‖²; 0 means no penalty), got {l2!r}."
            ).format(func=func, l2=l2)
        )
    return float(l2)


def _check_step(lr, func: str) -> float:
    if isinstance(lr, str) and lr == "auto":
        raise ValueError(
            _(
                "{func}() expects lr to be a positive number such as 0.1, got "
                "'auto': a network has no step that is safe from every start "
                "(lr='auto' is train()'s, for logistic regression)."
            ).format(func=func)
        )
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise TypeError(
            _(
                "{func}() expects lr to be a positive number such as 0.1, got {type} {lr!r}."
            ).format(func=func, type=type(lr).__name__, lr=lr)
        )
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(
            _("{func}() expects lr to be a positive finite number, got {lr!r}.").format(
                func=func, lr=lr
            )
        )
    return float(lr)


def _column_sizes(X: np.ndarray) -> np.ndarray:
    """The root-mean-square size of each column, without overflow for huge entries."""
    largest = float(np.abs(X).max())
    if largest == 0.0:
        return np.zeros(X.shape[1])
    return np.sqrt(np.mean(np.square(X / largest), axis=0)) * largest


_STANDARDISE = N_(
    "Standardise the features first: X = (X - X.mean(axis=0)) / X.std(axis=0), with the "
    "same mean and std for new points."
)


def _large_feature(X: np.ndarray) -> str | None:
    """A sentence naming the largest column of X if its size is far from 1, else None."""
    sizes = _column_sizes(X)
    column = int(np.argmax(sizes))
    if not sizes[column] > LARGE_FEATURE:
        return None
    return _(
        "column {column} of X has a root-mean-square size of {sizes:.3g}, "
        "and the network's initial weights are drawn for inputs of size "
        "about 1"
    ).format(column=column, sizes=sizes[column])


def _divergence(func: str, what: str, lr: float, X: np.ndarray) -> TrainingError:
    """The error for a run whose loss went up instead of down, naming the likely cause.

    Features far from size 1 (root-mean-square above ``LARGE_FEATURE``) are named first:
    standardising fixes that cause, where a smaller lr only shrinks every step to suit the
    largest feature.
    """
    large = _large_feature(X)
    if large is not None:
        return TrainingError(
            _(
                "{func}() {what} The cause is the size of the inputs: {large}. "
                "{standardise} A smaller lr would only shrink every step to suit "
                "the largest feature."
            ).format(func=func, what=what, large=large, standardise=_(_STANDARDISE))
        )
    return TrainingError(
        _(
            "{func}() {what} The learning rate lr={lr:g} is too large for this "
            "network on this data; try lr={value:g}."
        ).format(func=func, what=what, lr=lr, value=lr / 10)
    )


def _overflow_error(X: np.ndarray, weights, func: str) -> ValueError:
    """The error for a forward or backward pass that overflowed to inf or NaN."""
    problem = _(
        "{func}() cannot compute the network: its values overflow to inf on the way"
    ).format(func=func)
    large = _large_feature(X)
    if large is not None:
        return ValueError(
            _("{problem}, because {large}. {standardise}").format(
                problem=problem, large=large, standardise=_(_STANDARDISE)
            )
        )
    weight = max(float(np.abs(W).max()) for W in weights)
    return ValueError(
        _(
            "{problem}, because the weights reach {weight:.3g}: they have "
            "blown up, as in a training run whose learning rate is too large. "
            "Train the network again with a smaller lr."
        ).format(problem=problem, weight=weight)
    )


class MLP:
    """A fully connected network with one logit output, for binary classification.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths from input to output, e.g. ``[2, 16, 16, 1]``: 2 features, two hidden layers
        of 16 units, one output logit. The last width must be 1.
    activation : str or Activation, default "sigmoid"
        The activation of every hidden layer, a name of
        :data:`sigmoid_lab.activations.ACTIVATIONS`. The output layer is linear (its logit
        goes through a sigmoid in :meth:`predict_proba` and in the loss).
    seed : int, None or numpy.random.Generator, default 0
        Where the initial weights come from.
    init : {"xavier", "he"}, default "xavier"
        How the weights of a layer with ``fan_in`` inputs and ``fan_out`` outputs are drawn,
        from a normal distribution with mean 0 and standard deviation

        - ``"xavier"`` (Glorot): sqrt(2 / (fan_in + fan_out)), which keeps the size of the
          signal about the same from layer to layer, forwards and backwards, when the
          activation has slope about 1 near 0 (tanh);
        - ``"he"``: sqrt(2 / fan_in), twice the variance, for ReLU, which zeroes half of
          its inputs.

        Biases start at 0. Neither rescues the sigmoid in a deep network: its slope is at
        most 1/4, so the backward signal still shrinks by a factor of about 4 per layer.

    Raises
    ------
    TypeError, ValueError
        For a width that is not a whole number >= 1 (a float such as 16.0, a bool, a
        string), a last width other than 1, an unknown activation or init, or a bad seed.
        The methods that take X and y check them as :func:`train_mlp` does. ``forward``,
        ``predict_proba`` and ``predict`` raise ValueError when the values overflow on their
        way through the layers; ``loss_and_gradients`` does when X is the cause (see there).

    Attributes
    ----------
    layer_sizes : tuple of int
    activation : Activation
    weights : list of numpy.ndarray
        ``weights[l]`` has shape (layer_sizes[l], layer_sizes[l + 1]).
    biases : list of numpy.ndarray
        ``biases[l]`` has shape (layer_sizes[l + 1],).

    Examples
    --------
    >>> from sigmoid_lab.data import make_moons
    >>> X, y = make_moons(100)
    >>> net = MLP([2, 8, 8, 1], "relu", seed=0)
    >>> net.forward(X).shape
    (100,)
    >>> net.layer_gradient_norms(X, y).shape
    (3,)
    """

    def __init__(self, layer_sizes, activation="sigmoid", *, seed=0, init="xavier"):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        self.activation: Activation = _check_activation(activation, "MLP")
        self.init = _check_init(init, "MLP")
        rng = _rng(seed, "MLP")
        self.weights = []
        self.biases = []
        for fan_in, fan_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:], strict=True):
            std = INITS[init](fan_in, fan_out)
            self.weights.append(std * rng.standard_normal((fan_in, fan_out)))
            self.biases.append(np.zeros(fan_out))

    def __repr__(self) -> str:
        return (
            f"MLP({list(self.layer_sizes)}, activation={self.activation.name!r}, "
            f"init={self.init!r})"
        )

    @property
    def n_layers(self) -> int:
        """The number of weight layers (hidden layers + 1)."""
        return len(self.weights)

    def _check_X(self, X, func: str) -> np.ndarray:
        return _check_X(X, func, self.layer_sizes[0])

    def _forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Pre-activations of every layer and activations of every layer's input.

        Values too large for a float64 become inf or NaN without a warning; the public
        methods check the result (:meth:`_logits`), training checks the loss.
        """
        inputs = [X]
        pre = []
        last = self.n_layers - 1
        with np.errstate(over="ignore", invalid="ignore"):
            for index, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
                z = inputs[-1] @ W + b
                pre.append(z)
                if index < last:
                    inputs.append(self.activation.function(z))
        return pre, inputs

    def _logits(self, X: np.ndarray, func: str) -> np.ndarray:
        """The output logits for checked X; ValueError if the forward pass overflows."""
        logits = self._forward(X)[0][-1][:, 0]
        if not np.isfinite(logits).all():
            raise _overflow_error(X, self.weights, func)
        return logits

    def forward(self, X) -> np.ndarray:
        """The output logits, shape (m,).

        Parameters
        ----------
        X : array_like, shape (m, layer_sizes[0])
        """
        X = self._check_X(X, "MLP.forward")
        return self._logits(X, "MLP.forward")

    def predict_proba(self, X) -> np.ndarray:
        """The probability of class 1, σ(logit), shape (m,)."""
        X = self._check_X(X, "MLP.predict_proba")
        return sigmoid(self._logits(X, "MLP.predict_proba"))

    def predict(self, X, threshold=0.5) -> np.ndarray:
        """Labels 0/1: 1 where the probability of class 1 is at least ``threshold``."""
        X = self._check_X(X, "MLP.predict")
        if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, numbers.Real):
            raise TypeError(
                _("MLP.predict() expects threshold to be a number, got {threshold!r}.").format(
                    threshold=threshold
                )
            )
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                _(
                    "MLP.predict() expects threshold strictly between 0 and 1, got {threshold!r}."
                ).format(threshold=threshold)
            )
        logits = self._logits(X, "MLP.predict")
        return (logits >= logit(float(threshold))).astype(np.int64)

    def loss_and_gradients(self, X, y, *, l2=0.0):
        """The mean cross-entropy and its gradient for every layer, by backpropagation.

        Parameters
        ----------
        X : array_like, shape (m, layer_sizes[0])
        y : array_like, shape (m,)
            Labels 0 and 1.
        l2 : float, default 0.0
            Adds (l2/2)·Σ‖W‖² over the weight matrices (not the biases) to the loss.

        Returns
        -------
        loss : float
            Infinite or NaN, without a warning, when the weights have blown up (as in a
            diverging training run): a training loop checks it.
        grads : list of (dW, db)
            One pair per layer, first layer first, shaped like ``weights[l]`` and
            ``biases[l]``.

        Raises
        ------
        TypeError, ValueError
            For X or y that cannot work, as :func:`train_mlp` checks them; ValueError also
            when X is so large (a column of root-mean-square size above ``LARGE_FEATURE``)
            that the values overflow.

        Notes
        -----
        With logits z and p = σ(z), the gradient of the mean loss with respect to z is
        (p - y) / n. Going back through layer l, whose pre-activation is h, the gradient
        with respect to h is the incoming gradient times f'(h), the activation's slope:
        that factor, at most 1/4 for the sigmoid, is what makes gradients vanish.
        """
        func = "MLP.loss_and_gradients"
        X = self._check_X(X, func)
        y = _check_y(y, X.shape[0], func)
        loss, grads, _logits = self._loss_and_gradients(X, y, _check_l2(l2, func))
        finite = math.isfinite(loss) and all(
            np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in grads
        )
        if not finite and _large_feature(X) is not None:
            raise _overflow_error(X, self.weights, func)
        return loss, grads

    def _loss_and_gradients(self, X: np.ndarray, y: np.ndarray, l2: float):
        """``(loss, grads, logits)`` for checked inputs.

        Overflow gives inf or NaN without a warning: the callers check the values.
        """
        n = X.shape[0]
        pre, inputs = self._forward(X)
        logits = pre[-1][:, 0]
        with np.errstate(over="ignore", invalid="ignore"):
            loss = binary_cross_entropy(logits, y)
            if l2:
                loss += 0.5 * l2 * sum(float(np.sum(W * W)) for W in self.weights)
            delta = ((sigmoid(logits) - y) / n)[:, None]  # d loss / d logits
            grads = []
            for index in range(self.n_layers - 1, -1, -1):
                dW = inputs[index].T @ delta
                if l2:
                    dW += l2 * self.weights[index]
                grads.append((dW, delta.sum(axis=0)))
                if index:
                    slope = self.activation.gradient(pre[index - 1])
                    delta = (delta @ self.weights[index].T) * slope
        grads.reverse()
        return float(loss), grads, logits

    def layer_gradient_norms(self, X, y) -> np.ndarray:
        """The Frobenius norm of each layer's weight gradient, first layer first.

        At initialisation this shows whether the gradient reaches the early layers: for a
        deep sigmoid network the first norms are orders of magnitude below the last ones.

        Parameters
        ----------
        X : array_like, shape (m, layer_sizes[0])
        y : array_like, shape (m,)

        Returns
        -------
        numpy.ndarray, shape (n_layers,)
        """
        _loss, grads = self.loss_and_gradients(X, y)
        return np.array([_norm(dW) for dW, _ in grads])


def _norm(matrix: np.ndarray) -> float:
    """The Frobenius norm, without overflow for entries above 1e154 (whose squares are inf)."""
    largest = float(np.abs(matrix).max()) if matrix.size else 0.0
    if largest == 0.0:
        return 0.0
    return largest * float(np.linalg.norm(matrix / largest))


@dataclass(frozen=True, repr=False)
class MLPResult:
    """The outcome of :func:`train_mlp`.

    Attributes
    ----------
    model : MLP
        The trained network.
    history : dict of numpy.ndarray
        ``"epoch"`` (0 to ``epochs``), ``"loss"`` (the objective, with the L2 penalty) and
        ``"accuracy"`` on the training data, after that many gradient steps.
    """

    model: MLP
    history: dict[str, np.ndarray] = field(repr=False)

    def predict_proba(self, X) -> np.ndarray:
        """The probability of class 1 for each row of X."""
        return self.model.predict_proba(X)

    def predict(self, X, threshold=0.5) -> np.ndarray:
        """Labels 0/1 for each row of X."""
        return self.model.predict(X, threshold)

    def __repr__(self) -> str:
        return (
            f"MLPResult(model={self.model!r}, epochs={int(self.history['epoch'][-1])}, "
            f"loss={self.history['loss'][-1]:.4g}, accuracy={self.history['accuracy'][-1]:.3f})"
        )


def train_mlp(
    X,
    y,
    *,
    hidden=(16, 16),
    activation="relu",
    lr=0.1,
    epochs=300,
    seed=0,
    l2=0.0,
    callback: Callable | None = None,
    init="xavier",
) -> MLPResult:
    """Train an :class:`MLP` by full-batch gradient descent on the mean cross-entropy.

    Parameters
    ----------
    X : array_like, shape (m, d)
        Features.
    y : array_like, shape (m,)
        Labels 0 and 1.
    hidden : int or sequence of int, default (16, 16)
        Widths of the hidden layers (one int for a single hidden layer); ``()`` gives
        logistic regression.
    activation : str, default "relu"
        Activation of the hidden layers, a name of
        :data:`sigmoid_lab.activations.ACTIVATIONS`.
    lr : float, default 0.1
        Step size.
    epochs : int, default 300
        Number of gradient steps (each uses all the data).
    seed : int, None or numpy.random.Generator, default 0
        For the initial weights.
    l2 : float, default 0.0
        Weight of the penalty (l2/2)·Σ‖W‖².
    callback : callable, optional
        Called as ``callback(epoch, loss)`` after each evaluation, e.g. for a progress bar.
    init : {"xavier", "he"}, default "xavier"
        Weight initialisation (see :class:`MLP`).

    Returns
    -------
    MLPResult

    Raises
    ------
    TypeError, ValueError
        For inputs that cannot work, with a message that says how to fix them, as
        :func:`sigmoid_lab.training.train` does: X not 2-D or with NaN, y of shape (m, 1)
        (the article's broadcasting bug), labels other than 0/1, y of a single class (or a
        single example), a width that is not a whole number >= 1, an unknown activation or
        init, a learning rate that is not a positive number, a fractional or negative number
        of epochs, a negative ``l2``. ValueError also when X is so large that the forward
        pass overflows at the initial weights.
    TrainingError
        If the loss becomes NaN or infinite, or grows beyond ``EXPLOSION_FACTOR`` times its
        starting value (the rule of :func:`~sigmoid_lab.training.train`), or ends above its
        starting value: gradient descent with a step that suits the network lowers the
        loss. The message names the epoch and the likely cause: features far from size 1
        (root-mean-square above ``LARGE_FEATURE``), which standardising fixes, or else a
        learning rate too large.

    Examples
    --------
    >>> from sigmoid_lab.data import make_moons
    >>> X, y = make_moons(200, noise=0.1)
    >>> result = train_mlp(X, y, epochs=500, lr=0.5)
    >>> bool(result.history["accuracy"][-1] > 0.95)
    True
    """
    func = "train_mlp"
    X = _check_X(X, func)
    y = _check_y(y, X.shape[0], func)
    _check_both_classes(y, func)
    sizes = [X.shape[1], *_check_hidden(hidden, func), 1]
    activation = _check_activation(activation, func)
    init = _check_init(init, func)
    rng = _rng(seed, func)
    lr = _check_step(lr, func)
    epochs = _check_count(epochs, func, "epochs", 0)
    l2 = _check_l2(l2, func)
    if callback is not None and not callable(callback):
        raise TypeError(
            _(
                "{func}() expects callback to be a function callback(epoch, loss) "
                "or None, got {type}."
            ).format(func=func, type=type(callback).__name__)
        )
    model = MLP(sizes, activation, seed=rng, init=init)

    losses = np.empty(epochs + 1)
    accuracy = np.empty(epochs + 1)
    limit = math.inf
    for epoch in range(epochs + 1):
        loss, grads, logits = model._loss_and_gradients(X, y, l2)
        if epoch == 0:
            finite = all(np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in grads)
            if not (math.isfinite(loss) and finite):
                raise _overflow_error(X, model.weights, func)
            # As in train(): gradient descent that works never takes the loss a million
            # times above where it started (or above log 2, the loss of a constant 1/2).
            limit = EXPLOSION_FACTOR * max(loss, math.log(2.0))
        if not loss <= limit:  # also true for NaN
            what = (
                _("became {loss}").format(loss=loss)
                if not math.isfinite(loss)
                else _("reached {loss:.3g}").format(loss=loss)
            )
            raise _divergence(
                func,
                _(
                    "stopped at epoch {epoch}: the loss {what} (it started at "
                    "{losses:.3g}), so each step overshoots further and the weights "
                    "blow up."
                ).format(epoch=epoch, what=what, losses=losses[0]),
                lr,
                X,
            )
        losses[epoch] = loss
        accuracy[epoch] = np.mean((logits >= 0) == (y == 1))
        if callback is not None:
            callback(epoch, loss)
        if epoch == epochs:
            break
        with np.errstate(over="ignore", invalid="ignore"):
            for W, b, (dW, db) in zip(model.weights, model.biases, grads, strict=True):
                W -= lr * dW
                b -= lr * db
    if losses[-1] > losses[0]:
        # Gradient descent with a step that suits the network lowers the loss; ending above
        # the start means the steps overshot (typically into a 50 % model).
        peak = int(np.argmax(losses))
        raise _divergence(
            func,
            _(
                "ended with the loss at {losses:.3g}, above where it started "
                "({losses2:.3g}; it peaked at {losses3:.3g} at epoch {peak}): the "
                "steps overshoot instead of descending."
            ).format(losses=losses[-1], losses2=losses[0], losses3=losses[peak], peak=peak),
            lr,
            X,
        )
    history = {"epoch": np.arange(epochs + 1), "loss": losses, "accuracy": accuracy}
    return MLPResult(model=model, history=history)
