"""A small multilayer perceptron in NumPy, to see what the sigmoid does inside a deep network.

The network maps features to one logit through hidden layers with a chosen activation
(any name of :data:`sigmoid_lab.activations.ACTIVATIONS`); the probability of class 1 is the
sigmoid of that logit, and the loss is the binary cross-entropy computed from the logit.
Training is full-batch gradient descent with hand-written backpropagation, short enough to
read in one sitting.

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

from sigmoid_lab._validation import as_float_array
from sigmoid_lab.activations import Activation, get_activation, logit, sigmoid
from sigmoid_lab.data import _rng
from sigmoid_lab.losses import binary_cross_entropy
from sigmoid_lab.training import TrainingError

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


def _check_layer_sizes(layer_sizes) -> tuple[int, ...]:
    func = "MLP"
    if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Sequence):
        raise TypeError(
            f"{func}() expects layer_sizes to be a list of layer widths such as [2, 16, 16, 1], "
            f"got {type(layer_sizes).__name__} {layer_sizes!r}."
        )
    for size in layer_sizes:
        if isinstance(size, (bool, np.bool_)) or not isinstance(size, numbers.Integral):
            raise TypeError(
                f"{func}() expects every layer width to be a whole number, got {size!r} in "
                f"{list(layer_sizes)!r}."
            )
        if size < 1:
            raise ValueError(
                f"{func}() expects every layer width to be at least 1, got {size} in "
                f"{list(layer_sizes)!r}."
            )
    if len(layer_sizes) < 2:
        raise ValueError(
            f"{func}() expects at least an input and an output size, e.g. [2, 1], got "
            f"{list(layer_sizes)!r}."
        )
    if layer_sizes[-1] != 1:
        raise ValueError(
            f"{func}() builds a binary classifier, so the last layer has 1 unit (one logit), "
            f"got {layer_sizes[-1]} in {list(layer_sizes)!r}."
        )
    return tuple(int(size) for size in layer_sizes)


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
        self.activation: Activation = get_activation(activation)
        if not isinstance(init, str) or init not in INITS:
            valid = ", ".join(repr(name) for name in INITS)
            raise ValueError(f"MLP() expects init to be one of {valid}, got {init!r}.")
        self.init = init
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
        X = as_float_array(X, func=func, name="X", finite=True)
        if X.ndim != 2 or X.shape[1] != self.layer_sizes[0]:
            hint = " For a single feature use X.reshape(-1, 1)." if X.ndim == 1 else ""
            raise ValueError(
                f"{func}() expects X of shape (n, {self.layer_sizes[0]}), one row per example, "
                f"got shape {X.shape}.{hint}"
            )
        return X.astype(np.float64, copy=False)

    def _check_y(self, y, n: int, func: str) -> np.ndarray:
        y = as_float_array(y, func=func, name="y")
        if y.ndim == 2 and y.shape[1] == 1:
            raise ValueError(
                f"{func}() expects y of shape ({n},), got a column {y.shape}: (n, 1) minus "
                f"(n,) broadcasts into an (n, n) matrix, the article's bug. Pass y.ravel()."
            )
        if y.shape != (n,):
            raise ValueError(
                f"{func}() expects y of shape ({n},), one label per row of X, got {y.shape}."
            )
        if ((y != 0) & (y != 1)).any():
            found = ", ".join(f"{value:g}" for value in np.unique(y)[:10])
            raise ValueError(f"{func}() expects labels 0 and 1, found {found}.")
        return y.astype(np.float64, copy=False)

    def _forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Pre-activations of every layer and activations of every layer's input."""
        inputs = [X]
        pre = []
        last = self.n_layers - 1
        for index, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = inputs[-1] @ W + b
            pre.append(z)
            if index < last:
                inputs.append(self.activation.function(z))
        return pre, inputs

    def forward(self, X) -> np.ndarray:
        """The output logits, shape (n,).

        Parameters
        ----------
        X : array_like, shape (n, layer_sizes[0])
        """
        X = self._check_X(X, "MLP.forward")
        return self._forward(X)[0][-1][:, 0]

    def predict_proba(self, X) -> np.ndarray:
        """The probability of class 1, σ(logit), shape (n,)."""
        X = self._check_X(X, "MLP.predict_proba")
        return sigmoid(self._forward(X)[0][-1][:, 0])

    def predict(self, X, threshold=0.5) -> np.ndarray:
        """Labels 0/1: 1 where the probability of class 1 is at least ``threshold``."""
        X = self._check_X(X, "MLP.predict")
        if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, numbers.Real):
            raise TypeError(f"MLP.predict() expects threshold to be a number, got {threshold!r}.")
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                f"MLP.predict() expects threshold strictly between 0 and 1, got {threshold!r}."
            )
        logits = self._forward(X)[0][-1][:, 0]
        return (logits >= logit(float(threshold))).astype(np.int64)

    def loss_and_gradients(self, X, y, *, l2=0.0):
        """The mean cross-entropy and its gradient for every layer, by backpropagation.

        Parameters
        ----------
        X : array_like, shape (n, layer_sizes[0])
        y : array_like, shape (n,)
            Labels 0 and 1.
        l2 : float, default 0.0
            Adds (l2/2)·Σ‖W‖² over the weight matrices (not the biases) to the loss.

        Returns
        -------
        loss : float
        grads : list of (dW, db)
            One pair per layer, first layer first, shaped like ``weights[l]`` and
            ``biases[l]``.

        Notes
        -----
        With logits z and p = σ(z), the gradient of the mean loss with respect to z is
        (p - y) / n. Going back through layer l, whose pre-activation is h, the gradient
        with respect to h is the incoming gradient times f'(h), the activation's slope:
        that factor, at most 1/4 for the sigmoid, is what makes gradients vanish.
        """
        func = "MLP.loss_and_gradients"
        X = self._check_X(X, func)
        y = self._check_y(y, X.shape[0], func)
        loss, grads, _ = self._loss_and_gradients(X, y, _check_l2(l2, func))
        return loss, grads

    def _loss_and_gradients(self, X: np.ndarray, y: np.ndarray, l2: float):
        """``(loss, grads, logits)`` for checked inputs."""
        n = X.shape[0]
        pre, inputs = self._forward(X)
        logits = pre[-1][:, 0]
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
                delta = (delta @ self.weights[index].T) * self.activation.gradient(pre[index - 1])
        grads.reverse()
        return loss, grads, logits

    def layer_gradient_norms(self, X, y) -> np.ndarray:
        """The Frobenius norm of each layer's weight gradient, first layer first.

        At initialisation this shows whether the gradient reaches the early layers: for a
        deep sigmoid network the first norms are orders of magnitude below the last ones.

        Parameters
        ----------
        X : array_like, shape (n, layer_sizes[0])
        y : array_like, shape (n,)

        Returns
        -------
        numpy.ndarray, shape (n_layers,)
        """
        _, grads = self.loss_and_gradients(X, y)
        return np.array([np.linalg.norm(dW) for dW, _ in grads])


def _check_l2(l2, func: str) -> float:
    if isinstance(l2, (bool, np.bool_)) or not isinstance(l2, numbers.Real):
        raise TypeError(f"{func}() expects l2 to be a number >= 0, got {l2!r}.")
    if not (math.isfinite(l2) and l2 >= 0):
        raise ValueError(f"{func}() expects l2 to be a finite number >= 0, got {l2!r}.")
    return float(l2)


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
    X : array_like, shape (n, d)
        Features.
    y : array_like, shape (n,)
        Labels 0 and 1.
    hidden : sequence of int, default (16, 16)
        Widths of the hidden layers; ``()`` gives logistic regression.
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
    TrainingError
        If the loss becomes NaN or infinite (the step is too large); the message names the
        epoch.

    Examples
    --------
    >>> from sigmoid_lab.data import make_moons
    >>> X, y = make_moons(200, noise=0.1)
    >>> result = train_mlp(X, y, epochs=500, lr=0.5)
    >>> bool(result.history["accuracy"][-1] > 0.95)
    True
    """
    func = "train_mlp"
    X = as_float_array(X, func=func, name="X", finite=True)
    if X.ndim != 2:
        hint = " For a single feature use X.reshape(-1, 1)." if X.ndim == 1 else ""
        raise ValueError(f"{func}() expects X to be 2-D (n, d), got shape {X.shape}.{hint}")
    if isinstance(hidden, numbers.Integral):
        hidden = (hidden,)
    model = MLP([X.shape[1], *hidden, 1], activation, seed=seed, init=init)
    y = model._check_y(y, X.shape[0], func)
    X = X.astype(np.float64, copy=False)
    if isinstance(lr, (bool, np.bool_)) or not isinstance(lr, numbers.Real):
        raise TypeError(f"{func}() expects lr to be a positive number, got {lr!r}.")
    if not (math.isfinite(lr) and lr > 0):
        raise ValueError(f"{func}() expects lr to be a positive finite number, got {lr!r}.")
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, numbers.Integral):
        raise TypeError(f"{func}() expects epochs to be a whole number (an int), got {epochs!r}.")
    if epochs < 0:
        raise ValueError(f"{func}() expects epochs to be non-negative, got {epochs}.")
    l2 = _check_l2(l2, func)
    if callback is not None and not callable(callback):
        raise TypeError(f"{func}() expects callback to be a function or None, got {callback!r}.")

    losses = np.empty(epochs + 1)
    accuracy = np.empty(epochs + 1)
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs + 1):
            loss, grads, logits = model._loss_and_gradients(X, y, l2)
            if not math.isfinite(loss):
                raise TrainingError(
                    f"{func}() stopped at epoch {epoch}: the loss became {loss}. The learning "
                    f"rate lr={lr:g} is too large for this network; try lr={lr / 10:g}."
                )
            losses[epoch] = loss
            accuracy[epoch] = np.mean((logits >= 0) == (y == 1))
            if callback is not None:
                callback(epoch, loss)
            if epoch == epochs:
                break
            for W, b, (dW, db) in zip(model.weights, model.biases, grads, strict=True):
                W -= lr * dW
                b -= lr * db
    history = {"epoch": np.arange(epochs + 1), "loss": losses, "accuracy": accuracy}
    return MLPResult(model=model, history=history)
