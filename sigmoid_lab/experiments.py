"""Measurements behind chapter 5: what a deep sigmoid network does, and how far noise lets a
classifier go.

- :func:`make_mlp` builds an :class:`~sigmoid_lab.nn.MLP` whose initial weights are scaled by
  a factor, to compare initialisations; :func:`activation_spread` measures how much each
  hidden layer's output still varies from one input to the next, and
  :func:`gradient_ratio` how much smaller the first layer's gradient is than the last's.
- :func:`train_and_track` trains a network by the same full-batch gradient descent as
  :func:`~sigmoid_lab.nn.train_mlp` while recording its accuracy on held-out data, so that a
  curve shows when more training starts to hurt.
- :func:`moons_posterior` and :func:`moons_bayes_accuracy` compute the best accuracy any
  classifier can reach on :func:`~sigmoid_lab.data.make_moons` data with Gaussian noise
  (the Bayes accuracy): no model, however trained, beats it on new points on average.
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Mapping

import numpy as np

from sigmoid_lab._validation import as_float_array, as_real_scalar
from sigmoid_lab.activations import sigmoid
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.nn import MLP
from sigmoid_lab.training import EXPLOSION_FACTOR, TrainingError

__all__ = [
    "activation_spread",
    "format_scientific",
    "gradient_ratio",
    "hidden_activations",
    "make_mlp",
    "moons_bayes_accuracy",
    "moons_posterior",
    "train_and_track",
]


# ------------------------------------------------------------------------------ checks


def _positive(value, func: str, name: str) -> float:
    value = as_real_scalar(value, func=func, name=name)
    if value <= 0:
        raise ValueError(
            _("{func}() expects {name} to be a positive number, got {value!r}.").format(
                func=func, name=name, value=value
            )
        )
    return value


def _whole(value, func: str, name: str, minimum: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(
            _(
                "{func}() expects {name} to be a whole number (an int), got {type} {value!r}."
            ).format(func=func, name=name, type=type(value).__name__, value=value)
        )
    if value < minimum:
        raise ValueError(
            _("{func}() expects {name} to be at least {minimum}, got {value}.").format(
                func=func, name=name, minimum=minimum, value=value
            )
        )
    return int(value)


def _check_model(model, func: str) -> MLP:
    if not isinstance(model, MLP):
        hint = _(" Pass its .model attribute.") if hasattr(model, "model") else ""
        raise TypeError(
            _("{func}() expects model to be a sigmoid_lab.MLP, got {type}.{hint}").format(
                func=func, type=type(model).__name__, hint=hint
            )
        )
    return model


def _check_X(model: MLP, X, func: str, *, name: str = "X", min_rows: int = 1) -> np.ndarray:
    X = as_float_array(X, func=func, name=name, finite=True)
    width = model.layer_sizes[0]
    if X.ndim != 2 or X.shape[1] != width:
        # np.reshape works for lists and pandas objects too, which have no .reshape.
        hint = (
            _(" For a single feature use np.reshape({name}, (-1, 1)).").format(name=name)
            if X.ndim == 1
            else ""
        )
        raise ValueError(
            _(
                "{func}() expects {name} of shape (m, {width}), one row per "
                "example, got shape {shape}.{hint}"
            ).format(func=func, name=name, width=width, shape=X.shape, hint=hint)
        )
    if X.shape[0] < min_rows:
        raise ValueError(
            _(
                "{func}() expects at least {min_rows} rows in {name}, got {shape}: "
                "a spread across inputs needs several inputs."
            ).format(func=func, min_rows=min_rows, name=name, shape=X.shape[0])
        )
    return X.astype(np.float64, copy=False)


# ------------------------------------------------------------------- deep networks


def make_mlp(layer_sizes, activation="sigmoid", *, init="xavier", weight_scale=1.0, seed=0):
    """An :class:`~sigmoid_lab.nn.MLP` whose initial weights are multiplied by ``weight_scale``.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths from input to output, e.g. ``[2, 16, 16, 1]`` (see :class:`~sigmoid_lab.nn.MLP`).
    activation : str, default "sigmoid"
        Activation of the hidden layers.
    init : {"xavier", "he"}, default "xavier"
        The initialisation whose weights are then scaled.
    weight_scale : float, default 1.0
        Positive factor applied to every weight matrix (not to the biases, which start at 0).
        Glorot & Bengio (2010) and LeCun et al. (1998, "Efficient BackProp") note that the
        sigmoid's slope at 0 is 1/4 where tanh's is 1, so weights about 4 times larger give a
        sigmoid layer the gain that the Xavier initialisation assumes.
    seed : int, None or numpy.random.Generator, default 0
        Where the initial weights come from; the same seed gives the same weights as
        ``MLP(layer_sizes, activation, seed=seed, init=init)`` before scaling.

    Returns
    -------
    MLP

    Raises
    ------
    TypeError, ValueError
        For a ``weight_scale`` that is not a positive finite number, and for every argument
        :class:`~sigmoid_lab.nn.MLP` refuses.
    """
    scale = _positive(weight_scale, "make_mlp", "weight_scale")
    model = MLP(layer_sizes, activation, seed=seed, init=init)
    for W in model.weights:
        W *= scale
    return model


def hidden_activations(model, X) -> list[np.ndarray]:
    """The output of every hidden layer for the inputs ``X``, first layer first.

    Parameters
    ----------
    model : MLP
    X : array_like, shape (m, model.layer_sizes[0])

    Returns
    -------
    list of numpy.ndarray
        One array per hidden layer, shape (m, width of that layer). Multiplying the last one
        by the output weights and adding the output bias gives ``model.forward(X)``.

    Raises
    ------
    TypeError
        If ``model`` is not an MLP (an ``MLPResult`` holds one in ``.model``).
    ValueError
        If ``X`` has the wrong shape or holds NaN or infinite values, or if a layer's values
        overflow to inf (inputs or weights far too large).
    """
    func = "hidden_activations"
    model = _check_model(model, func)
    signal = _check_X(model, X, func)
    outputs = []
    for layer, (W, b) in enumerate(zip(model.weights[:-1], model.biases[:-1], strict=True)):
        with np.errstate(over="ignore", invalid="ignore"):
            signal = model.activation.function(signal @ W + b)
        if not np.isfinite(signal).all():
            raise ValueError(
                _(
                    "{func}() cannot compute hidden layer {value}: its values overflow "
                    "to inf. Standardise X (X - X.mean(axis=0)) / X.std(axis=0), or "
                    "build the network with smaller weights."
                ).format(func=func, value=layer + 1)
            )
        outputs.append(signal)
    return outputs


def activation_spread(model, X) -> np.ndarray:
    """How much each hidden layer's output varies across the inputs ``X``.

    For each hidden layer, the standard deviation of every unit's output over the rows of
    ``X``, averaged over the layer's units. When it falls towards 0 from layer to layer, every
    input produces nearly the same signal: the network's output no longer depends on its input.

    Parameters
    ----------
    model : MLP
    X : array_like, shape (m, model.layer_sizes[0]), n >= 2

    Returns
    -------
    numpy.ndarray, shape (number of hidden layers,)

    Raises
    ------
    TypeError
        If ``model`` is not an MLP.
    ValueError
        If ``X`` has the wrong shape, fewer than 2 rows, or NaN or infinite values, or if a
        layer overflows (see :func:`hidden_activations`).
    """
    model = _check_model(model, "activation_spread")
    _check_X(model, X, "activation_spread", min_rows=2)
    return np.array([_spread(layer) for layer in hidden_activations(model, X)])


def _spread(layer: np.ndarray) -> float:
    """The mean over columns of each column's standard deviation, without overflow.

    The values are divided by the largest first: the squares of values above about 1e154
    are inf.
    """
    largest = float(np.abs(layer).max())
    if largest == 0.0:
        return 0.0
    return largest * float((layer / largest).std(axis=0).mean())


def gradient_ratio(model, X, y) -> float:
    """The first layer's weight-gradient norm divided by the last layer's.

    Parameters
    ----------
    model : MLP
    X : array_like, shape (m, model.layer_sizes[0])
    y : array_like, shape (m,)
        Labels 0 and 1.

    Returns
    -------
    float
        ``norms[0] / norms[-1]`` for ``norms = model.layer_gradient_norms(X, y)``: about 1
        when the gradient keeps its size on the way back, far below 1 when it vanishes.

    Raises
    ------
    TypeError, ValueError
        As :meth:`MLP.layer_gradient_norms` does for bad ``X`` or ``y``; ValueError also when
        the last layer's gradient is exactly 0.
    """
    norms = _check_model(model, "gradient_ratio").layer_gradient_norms(X, y)
    if norms[-1] == 0:
        raise ValueError(
            _(
                "gradient_ratio() cannot divide by the last layer's gradient: it "
                "is exactly 0 (the last hidden layer outputs 0 for every input, or "
                "every prediction is already exactly right), so the ratio is "
                "undefined."
            )
        )
    return float(norms[0] / norms[-1])


def train_and_track(model, X, y, *, lr, epochs, held_out=None, every=1, l2=0.0):
    """Train ``model`` in place by full-batch gradient descent, recording accuracies.

    The steps are those of :func:`~sigmoid_lab.nn.train_mlp` (so the same network, data and
    settings end with the same weights), with the accuracy on held-out data recorded along
    the way.

    Parameters
    ----------
    model : MLP
        The network to train; its weights and biases change.
    X : array_like, shape (m, d)
    y : array_like, shape (m,)
        Training data, labels 0 and 1.
    lr : float
        Step size, positive.
    epochs : int
        Number of gradient steps, at least 0.
    held_out : mapping of str to (X, y), optional
        Data sets the network is not trained on, e.g.
        ``{"validation": (X_val, y_val), "test": (X_test, y_test)}``.
    every : int, default 1
        Record after every ``every`` steps (and always after the last one).
    l2 : float, default 0.0
        Weight of the penalty (l2/2)·Σ‖W‖², as in ``train_mlp``.

    Returns
    -------
    dict of numpy.ndarray
        ``"epoch"`` (steps taken), ``"loss"`` (the objective, penalty included),
        ``"train_accuracy"`` and ``"<name>_accuracy"`` for each held-out set, one entry per
        recorded epoch.

    Raises
    ------
    TypeError, ValueError
        For arguments of the wrong type, shape or range, naming the argument.
    ValueError
        If the network overflows at its initial weights.
    TrainingError
        Where :func:`~sigmoid_lab.nn.train_mlp` raises it: if the loss becomes NaN or
        infinite, grows beyond ``EXPLOSION_FACTOR`` times max(its start, log 2), or ends above
        where it started (the step is too large). The weights are then those of that step.
    """
    func = "train_and_track"
    model = _check_model(model, func)
    lr = _positive(lr, func, "lr")
    epochs = _whole(epochs, func, "epochs", 0)
    every = _whole(every, func, "every", 1)
    l2 = as_real_scalar(l2, func=func, name="l2")
    if l2 < 0:
        raise ValueError(
            _("{func}() expects l2 to be a number >= 0, got {l2!r}.").format(func=func, l2=l2)
        )
    sets = {"train": _check_data(model, X, y, func, "X", "y")}
    if held_out is not None:
        if not isinstance(held_out, Mapping):
            raise TypeError(
                _(
                    "{func}() expects held_out to be a dict such as {{'test': (X_test, "
                    "y_test)}}, got {type}."
                ).format(func=func, type=type(held_out).__name__)
            )
        for name, pair in held_out.items():
            if not isinstance(name, str) or name == "train":
                raise ValueError(
                    _(
                        "{func}() expects the names in held_out to be strings other than "
                        "'train', got {name!r}."
                    ).format(func=func, name=name)
                )
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise TypeError(
                    _(
                        "{func}() expects held_out[{name!r}] to be a pair (X, y), got {type}."
                    ).format(func=func, name=name, type=type(pair).__name__)
                )
            sets[name] = _check_data(model, *pair, func, f"X of {name!r}", f"y of {name!r}")
    X, y = sets["train"]
    record = {"epoch": [], "loss": [], **{f"{name}_accuracy": [] for name in sets}}
    start = limit = math.inf
    for epoch in range(epochs + 1):
        loss, grads = model.loss_and_gradients(X, y, l2=l2)
        if epoch == 0:
            finite = all(np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in grads)
            if not (math.isfinite(loss) and finite):
                raise ValueError(
                    _(
                        "{func}() cannot compute the network at its initial weights: its "
                        "values overflow to inf. Build it again (make_mlp) with a smaller "
                        "weight_scale."
                    ).format(func=func)
                )
            # The rule of train() and train_mlp(): descent that works never takes the loss a
            # million times above its start (or above log 2, the loss of a constant 1/2).
            start, limit = loss, EXPLOSION_FACTOR * max(loss, math.log(2.0))
        if not loss <= limit:  # also true for NaN
            what = (
                _("became {loss}").format(loss=loss)
                if not math.isfinite(loss)
                else _("reached {loss:.3g}").format(loss=loss)
            )
            raise TrainingError(
                _(
                    "{func}() stopped at epoch {epoch}: the loss {what} (it started at "
                    "{start:.3g}). The learning rate lr={lr:g} is too large for this "
                    "network; try lr={value:g}."
                ).format(func=func, epoch=epoch, what=what, start=start, lr=lr, value=lr / 10)
            )
        if epoch % every == 0 or epoch == epochs:
            record["epoch"].append(epoch)
            record["loss"].append(loss)
            for name, (X_set, y_set) in sets.items():
                record[f"{name}_accuracy"].append(np.mean(model.predict(X_set) == y_set))
        if epoch == epochs:
            break
        with np.errstate(over="ignore", invalid="ignore"):
            for W, b, (dW, db) in zip(model.weights, model.biases, grads, strict=True):
                W -= lr * dW
                b -= lr * db
    if loss > start:
        raise TrainingError(
            _(
                "{func}() ended with the loss at {loss:.3g}, above where it "
                "started ({start:.3g}): the steps overshoot instead of descending. "
                "The learning rate lr={lr:g} is too large for this network; try "
                "lr={value:g}."
            ).format(func=func, loss=loss, start=start, lr=lr, value=lr / 10)
        )
    return {key: np.asarray(values) for key, values in record.items()}


def _check_data(model: MLP, X, y, func: str, x_name: str, y_name: str):
    X = _check_X(model, X, func, name=x_name)
    y = np.asarray(as_float_array(y, func=func, name=y_name), dtype=np.float64)
    if y.shape != (X.shape[0],):
        raise ValueError(
            _(
                "{func}() expects {y_name} of shape ({shape},), one label per row "
                "of {x_name}, got shape {shape2}."
            ).format(func=func, y_name=y_name, shape=X.shape[0], x_name=x_name, shape2=y.shape)
        )
    if ((y != 0) & (y != 1)).any():
        raise ValueError(
            _("{func}() expects the labels {y_name} to be 0 and 1.").format(
                func=func, y_name=y_name
            )
        )
    return X, y


# ------------------------------------------------------------------ the Bayes ceiling


def _check_noise(noise, func: str) -> float:
    noise = as_real_scalar(noise, func=func, name="noise")
    if noise <= 0:
        raise ValueError(
            _(
                "{func}() expects noise > 0, got {noise!r}. Without noise the two "
                "half circles do not touch, so the Bayes accuracy is exactly 1."
            ).format(func=func, noise=noise)
        )
    return noise


@functools.lru_cache(maxsize=8)
def _legendre(n_nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes and weights on [-1, 1], computed once per size."""
    return np.polynomial.legendre.leggauss(n_nodes)


def _log_class_densities(X: np.ndarray, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Log densities of ``make_moons`` class 0 and class 1 at the rows of ``X``.

    A class's density is the normal density N(x; c(t), noise²·I) averaged over the angle t,
    uniform on [0, π], of the half circle c(t); the average is a Gauss-Legendre rule whose
    nodes are spaced well below the noise, computed with log-sum-exp so that far points do
    not underflow.
    """
    nodes, weights = _legendre(max(64, math.ceil(16 * math.pi / noise)))
    angles = 0.5 * math.pi * (nodes + 1.0)
    log_weights = np.log(0.5 * weights)  # the mean over [0, π]: (π/2)·w / π
    centres = (
        np.column_stack([np.cos(angles), np.sin(angles)]),
        np.column_stack([1.0 - np.cos(angles), 0.5 - np.sin(angles)]),
    )
    log_norm = -math.log(2.0 * math.pi * noise**2)
    result = []
    for centre in centres:
        # |x − c|² expanded, so that one matrix product does the work of an (n, nodes, 2) array.
        squared = (X * X).sum(axis=1)[:, None] - 2.0 * X @ centre.T + (centre * centre).sum(axis=1)
        np.maximum(squared, 0.0, out=squared)
        exponent = log_weights - squared / (2.0 * noise**2)
        top = exponent.max(axis=1)
        result.append(log_norm + top + np.log(np.exp(exponent - top[:, None]).sum(axis=1)))
    return result[0], result[1]


def moons_posterior(X, *, noise) -> np.ndarray:
    """P(y = 1 | x) for :func:`~sigmoid_lab.data.make_moons` data with equal class sizes.

    ``make_moons`` draws each class's angle uniformly on [0, π] and adds Gaussian noise of
    standard deviation ``noise`` to both coordinates, so a class's density at x is the
    normal density averaged along its half circle, and by Bayes' rule with equal priors
    P(y = 1 | x) = f₁(x) / (f₀(x) + f₁(x)) = σ(log f₁(x) − log f₀(x)).
    Predicting 1 where this exceeds 1/2 is the Bayes classifier: no rule has a higher
    expected accuracy on new points.

    Parameters
    ----------
    X : array_like, shape (m, 2)
    noise : float
        The ``noise`` passed to ``make_moons``, positive.

    Returns
    -------
    numpy.ndarray, shape (m,)

    Raises
    ------
    TypeError, ValueError
        If ``X`` is not an (m, 2) array of finite numbers, or ``noise`` not a positive number.

    Notes
    -----
    The average over the angle is a Gauss-Legendre rule with max(64, ⌈16π/noise⌉) nodes; it
    agrees with adaptive quadrature (``scipy.integrate.quad``) to about 1e-10 (see the tests).
    """
    func = "moons_posterior"
    noise = _check_noise(noise, func)
    X = as_float_array(X, func=func, name="X", finite=True)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            _("{func}() expects X of shape (m, 2), got shape {shape}.").format(
                func=func, shape=X.shape
            )
        )
    log_f0, log_f1 = _log_class_densities(X.astype(np.float64, copy=False), noise)
    return sigmoid(log_f1 - log_f0)


def moons_bayes_accuracy(noise, *, step=None) -> float:
    """The expected accuracy of the Bayes classifier on ``make_moons(..., noise=noise)`` data.

    With equal class sizes it is ½∫ max(f₀(x), f₁(x)) dx, the integral taken here by the
    midpoint rule over a box reaching 8·noise beyond both half circles (the densities
    outside are below e⁻³²). No classifier has a higher expected accuracy on new points.

    Parameters
    ----------
    noise : float
        The ``noise`` passed to ``make_moons``, positive.
    step : float, optional
        Grid spacing of the midpoint rule; default noise / 8. The densities are smooth except
        where max switches between them, and halving the step changes the result by less
        than 1e-4 for noise from 0.2 to 1 (see the tests).

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If ``noise`` or ``step`` is not a positive number.
    """
    func = "moons_bayes_accuracy"
    noise = _check_noise(noise, func)
    step = noise / 8.0 if step is None else _positive(step, func, "step")
    margin = 8.0 * noise
    xs = np.arange(-1.0 - margin, 2.0 + margin, step) + step / 2
    ys = np.arange(-1.0 - margin, 1.0 + margin, step) + step / 2
    total = 0.0
    for row in np.array_split(np.arange(ys.size), max(1, ys.size // 8)):
        grid = np.column_stack([np.tile(xs, row.size), np.repeat(ys[row], xs.size)])
        log_f0, log_f1 = _log_class_densities(grid, noise)
        total += float(np.exp(np.maximum(log_f0, log_f1)).sum())
    return 0.5 * total * step * step


# ------------------------------------------------------------------------- printing

_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_scientific(value, digits=2) -> str:
    """Write a number as ``"6.6 × 10⁵"``, with ``digits`` significant digits.

    Parameters
    ----------
    value : float
        A finite number.
    digits : int, default 2
        Significant digits, at least 1.

    Returns
    -------
    str
        ``"0"`` for 0; no power of ten when the exponent is 0 (``"2.5"``).

    Raises
    ------
    TypeError, ValueError
        If ``value`` is not a finite number or ``digits`` not a whole number >= 1.

    Examples
    --------
    >>> format_scientific(664_000.0)
    '6.6 × 10⁵'
    >>> format_scientific(-0.00151, 3)
    '−1.51 × 10⁻³'
    """
    func = "format_scientific"
    value = as_real_scalar(value, func=func, name="value")
    digits = _whole(digits, func, "digits", 1)
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    mantissa = mantissa.replace("-", "−")
    power = int(exponent)
    if power == 0:
        return mantissa
    return f"{mantissa} × 10{str(power).translate(_SUPERSCRIPTS)}"
