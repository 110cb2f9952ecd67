"""Checkers for chapter 5's deep network: make it train, and find its dead ReLU units.

Both checks train or measure a network with fixed data, fixed weights and a fixed number of
steps, so the same answer always gets the same verdict; they take well under a second for
the usual answers. Every checker tries its cases in order and reports the first one the
answer gets wrong, with its inputs, named as the exercise names them.

The names here are importable from :mod:`sigmoid_lab.checks.activations` too, where the
chapter's other checkers are.
"""

from __future__ import annotations

import copy
import functools
import math
import numbers
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sigmoid_lab.checks._core import (
    REPLACE_CODE,
    RETURNED_NONE,
    CheckResult,
    NotAttempted,
    call_learner,
    correct,
    describe_error,
    is_placeholder,
    not_attempted,
    require_callable,
    wrong,
)
from sigmoid_lab.data import make_moons
from sigmoid_lab.experiments import format_scientific, make_mlp, train_and_track
from sigmoid_lab.i18n import N_
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.nn import INITS, MLP, MLPResult
from sigmoid_lab.training import EXPLOSION_FACTOR

__all__ = [
    "DEEP_LR",
    "DEEP_SIZES",
    "DEEP_STEPS",
    "DYING_LR",
    "DYING_SIZES",
    "DYING_STEPS",
    "MIN_ACCURACY",
    "MIN_RATIO",
    "check_dead_units",
    "check_deep_network",
    "dying_network",
]


# =========================================================== make the deep network train

#: The network of sections 5.2 and 5.3: six hidden layers of 16 units, one logit.
DEEP_SIZES = (2, 16, 16, 16, 16, 16, 16, 1)
#: How section 5.3 trains it: full-batch gradient descent with this step, this many steps.
DEEP_LR = 0.1
DEEP_STEPS = 800
#: The network "trains" when, at its initial weights, the first layer's gradient is at least
#: MIN_RATIO times the last layer's, and after DEEP_STEPS steps its training accuracy is at
#: least MIN_ACCURACY.
MIN_RATIO = 0.01
MIN_ACCURACY = 0.9
# An input lies in a flat tail where the activation's slope is below this share of its
# slope at 0 (for the sigmoid: below 0.025, that is |z| above about 3.6).
_FLAT = 0.1
# More than this share of the hidden inputs in the flat tails: the network is saturated.
_SATURATED = 0.5
# The activations that saturate: bounded, with a slope that vanishes in both tails.
_BOUNDED = ("sigmoid", "tanh")
# A logit whose spread across the 200 inputs is below this barely depends on the input.
_FADED = 1e-2


@functools.cache
def _deep_data() -> tuple[np.ndarray, np.ndarray]:
    """The data of section 5.3: 200 points of the two moons, noise 0.15."""
    X, y = make_moons(200, noise=0.15, seed=0)
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


def _pre_activations(network: MLP, X: np.ndarray, *, relu_between=True, bias=True):
    """z = A @ W + b of every hidden layer, first layer first.

    ``relu_between=False`` and ``bias=False`` compute two typical mistakes: passing z
    instead of the activation on to the next layer, and leaving out the bias.
    """
    result = []
    signal = X
    with np.errstate(over="ignore", invalid="ignore"):
        for W, b in zip(network.weights[:-1], network.biases[:-1], strict=True):
            z = signal @ W + (b if bias else 0.0)
            result.append(z)
            signal = network.activation.function(z) if relu_between else z
    return result


def _gain(network: MLP) -> float:
    """The size of the weights between hidden layers over Xavier's standard deviation.

    The root mean square of all their entries (pooled, so that it is measured on many
    numbers), divided by the root mean square of Xavier's standard deviations.
    """
    layers = network.weights[1:-1] or network.weights
    largest = max(float(np.max(np.abs(W))) for W in layers)
    if largest == 0 or not math.isfinite(largest):
        return largest
    squares = sum(float(np.sum(np.square(W / largest))) for W in layers)
    expected = sum(W.size * INITS["xavier"](*W.shape) ** 2 for W in layers)
    return largest * math.sqrt(squares / expected)


def _flat_share(network: MLP, zs) -> float:
    """The share of (input, hidden unit) pairs where the slope is below _FLAT of its value at 0."""
    peak = abs(float(network.activation.gradient(np.array([0.0]))[0]))
    slopes = np.concatenate([np.abs(network.activation.gradient(z)).ravel() for z in zs])
    return float(np.mean(slopes < _FLAT * peak))


def _dead(zs) -> list[np.ndarray]:
    """For each hidden layer, True for the units whose z is <= 0 for every input."""
    return [np.all(z <= 0, axis=0) for z in zs]


@dataclass(frozen=True)
class _Run:
    """What training the learner's network for DEEP_STEPS steps showed."""

    ratio: float
    logit_spread: float
    flat: float
    dead_start: int
    start_loss: float
    blew_up_at: int | None = None
    loss: float = math.nan
    accuracy: float = math.nan
    dead_end: int = 0
    dead_layers: tuple[int, ...] = ()


def _train(network: MLP) -> _Run | str:
    """Measure the learner's network at its start, then train a copy of it as section 5.3
    does; a string says why it cannot be measured.

    Overflow in a network with huge weights is measured (an infinite loss, a saturated
    unit), not printed as a warning.
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _measure_and_train(network)


def _measure_and_train(network: MLP) -> _Run | str:
    X, y = _deep_data()
    net = copy.deepcopy(network)
    zs = _pre_activations(net, X)
    start_loss, grads = net.loss_and_gradients(X, y)
    norms = np.array([np.linalg.norm(dW) for dW, _ in grads])
    if not (math.isfinite(start_loss) and np.isfinite(norms).all()):
        return "overflow"
    with np.errstate(over="ignore", invalid="ignore"):
        logits = net.forward(X)
    measured = {
        "ratio": float(norms[0] / norms[-1]) if norms[-1] > 0 else math.inf,
        "logit_spread": float(np.std(logits)),
        "flat": _flat_share(net, zs),
        "dead_start": int(sum(mask.sum() for mask in _dead(zs))),
        "start_loss": float(start_loss),
    }
    if norms[-1] == 0:
        return _Run(**measured, dead_layers=tuple(_dead_layers(zs)))
    # The rule of train_mlp() and train_and_track(): descent that works never takes the loss
    # a million times above its start (or above log 2).
    limit = EXPLOSION_FACTOR * max(start_loss, math.log(2.0))
    loss = start_loss
    for step in range(DEEP_STEPS + 1):
        if step:
            loss, grads = net.loss_and_gradients(X, y)
        finite = math.isfinite(loss) and all(
            np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in grads
        )
        if not (finite and loss <= limit):
            return _Run(**measured, blew_up_at=step, loss=loss)
        if step == DEEP_STEPS:
            break
        for W, b, (dW, db) in zip(net.weights, net.biases, grads, strict=True):
            W -= DEEP_LR * dW
            b -= DEEP_LR * db
    zs = _pre_activations(net, X)
    return _Run(
        **measured,
        loss=float(loss),
        accuracy=float(np.mean(net.predict(X) == y)),
        dead_end=int(sum(mask.sum() for mask in _dead(zs))),
        dead_layers=tuple(_dead_layers(zs)),
    )


def _dead_layers(zs) -> list[int]:
    """The hidden layers (numbered from 1) whose units are all dead."""
    return [index + 1 for index, mask in enumerate(_dead(zs)) if mask.all()]


def _network_problem(network, exercise: str) -> CheckResult | None:
    """A "Not yet" when the answer is not the untrained network of section 5.3."""
    if isinstance(network, MLPResult):
        return wrong(
            exercise,
            _(
                "You passed the result of train_mlp, a network that has been trained already. "
                "Pass a network as make_mlp(...) builds it: the exercise judges the start, and "
                "the checker trains it."
            ),
        )
    if not isinstance(network, MLP):
        if callable(network):
            return wrong(
                exercise,
                _(
                    "You passed a function. Call it: my_network = make_mlp(sizes, ...) builds "
                    "the network, and that network is what the checker needs."
                ),
            )
        return wrong(
            exercise,
            _(
                "Pass the network that make_mlp(sizes, ...) returns (an sl.MLP), not a {type}."
            ).format(type=type(network).__name__),
        )
    sizes = tuple(network.layer_sizes)
    if sizes != DEEP_SIZES:
        deep = f"[2, {', '.join(['16'] * 6)}, 1]"
        message = _(
            "Your network's layer sizes are {sizes}; the exercise is about the network of "
            "section 5.3, {deep}: six hidden layers of 16 units. Keep sizes as they are and "
            "change the activation, init or weight_scale."
        ).format(sizes=list(sizes), deep=deep)
        if len(sizes) < len(DEEP_SIZES):
            message += _(" A shallower network avoids the problem instead of solving it.")
        return wrong(exercise, message)
    if any(np.any(b != 0) for b in network.biases):
        return wrong(
            exercise,
            _(
                "Your network's biases are not all 0, as make_mlp leaves them: it has been "
                "trained already (train_and_track and train_mlp change a network in place) or "
                "changed by hand. Build it again with make_mlp and pass it untrained."
            ),
        )
    return None


def check_deep_network(network) -> CheckResult:
    """Check a network built to make section 5.3's deep network train.

    The answer is an :class:`~sigmoid_lab.nn.MLP` of sizes ``DEEP_SIZES`` (six hidden layers
    of 16 units), as :func:`~sigmoid_lab.experiments.make_mlp` builds it, with the learner's
    choice of activation, ``init`` and ``weight_scale``. On the 200 points of section 5.3 it
    must pass both tests:

    * at its initial weights, the first layer's gradient is at least ``MIN_RATIO`` (1/100)
      times the last layer's;
    * a copy trained for ``DEEP_STEPS`` (800) full-batch steps with lr = ``DEEP_LR`` (0.1),
      as in section 5.3, reaches a training accuracy of at least ``MIN_ACCURACY`` (0.9).

    A failing network is told what is still wrong, from what was measured: the gradient
    still vanishes (Xavier's or He's weights on the sigmoid), the weights are so large that
    most units sit in the flat tails (saturation), the ReLU units died, the loss blew up,
    or the signal fades on its way forward (weights far too small).

    Examples
    --------
    >>> from sigmoid_lab.experiments import make_mlp
    >>> check_deep_network(make_mlp(DEEP_SIZES, "relu", init="he")).passed
    True
    >>> check_deep_network(make_mlp(DEEP_SIZES, "sigmoid")).passed
    False
    """
    exercise = _("make the deep network train")
    if is_placeholder(network):
        return not_attempted(
            exercise, _("Replace `...` with your network, built with make_mlp(sizes, ...)")
        )
    problem = _network_problem(network, exercise)
    if problem is not None:
        return problem
    name = network.activation.name
    term = _term(network)
    gain = _gain(network)
    run = _train(network)
    size = _("Your weights are about {times} times the size of Xavier's").format(
        times=_times(gain)
    )
    if run == "overflow":
        return wrong(
            exercise,
            _(
                "The network overflows to inf at its initial weights. {size}: far too large. "
                "Use a smaller weight_scale."
            ).format(size=size),
        )
    units = sum(DEEP_SIZES[1:-1])
    if run.blew_up_at is not None:
        loss = f"{run.loss:.3g}" if math.isfinite(run.loss) else str(run.loss)
        return wrong(
            exercise,
            _(
                "The loss blew up at step {step}: it went from {start:.3g} to {loss} ({term}, "
                "lr = {lr}). {size}: too large for this learning rate, so each step overshoots "
                "further. Use smaller weights."
            ).format(
                step=run.blew_up_at,
                start=run.start_loss,
                loss=loss,
                term=term,
                lr=DEEP_LR,
                size=size,
            ),
        )
    if math.isnan(run.accuracy):
        return wrong(
            exercise,
            _(
                "The last layer's gradient is exactly 0: every unit of {layers} outputs 0 for "
                "all 200 points, so no gradient passes through. {size}."
            ).format(layers=_layers(run.dead_layers), size=size),
        )
    facts = _(
        "at the start the first layer's gradient is {ratio} times the last layer's, and after "
        "{steps} steps with lr = {lr} the training accuracy is {accuracy:.3f} (loss {loss})"
    ).format(
        ratio=format_scientific(run.ratio),
        steps=DEEP_STEPS,
        lr=DEEP_LR,
        accuracy=run.accuracy,
        loss=_loss(run.loss),
    )
    # The same facts opening a sentence.
    facts_first = f"{facts[0].upper()}{facts[1:]}"
    slope_rule = _(
        "at z = 0, where the sigmoid's slope is ¼, weight × slope is about {times} times what "
        "Xavier's initialisation assumes (a slope of 1)"
    ).format(times=_times(gain / 4))
    ratio_ok = run.ratio >= MIN_RATIO
    accuracy_ok = run.accuracy >= MIN_ACCURACY
    if ratio_ok and accuracy_ok:
        return correct(
            exercise,
            _(
                "{facts}: the gradient reaches the first layer (at least 1/100 of the last "
                "layer's) and the network learns (at least {minimum}). {why}"
            ).format(
                facts=facts_first,
                minimum=MIN_ACCURACY,
                why=_why_it_trains(network, run, gain, slope_rule),
            ),
        )
    if name in _BOUNDED and run.flat > _SATURATED:
        peak = float(network.activation.gradient(np.array([0.0]))[0])
        return wrong(
            exercise,
            _(
                "Too-large weights saturate the units: at the start {share} of the hidden "
                "units' inputs lie in the flat tails, where {term}'s slope is below a tenth of "
                "its value at 0 (below {below:g}), so those units barely learn. {facts}, below "
                "{minimum}. {size}: smaller ones keep more units on the steep part."
            ).format(
                share=_percent(run.flat),
                term=term,
                below=_FLAT * peak,
                facts=facts_first,
                minimum=MIN_ACCURACY,
                size=size,
            ),
        )
    # The sentence that ends a message: the size of the weights, and what it does.
    if name == "sigmoid":
        ending = _("{size}, so {slope_rule}.").format(size=size, slope_rule=slope_rule)
    else:
        ending = _("{size}.").format(size=size)
    if not ratio_ok:
        if name == "sigmoid":
            ending = _(
                "{size}, so {slope_rule}: each layer passes back less than it receives."
            ).format(size=size, slope_rule=slope_rule)
        message = _(
            "The gradient still vanishes: {facts}. The first layer gets less than 1/100 of the "
            "last layer's gradient. {ending}"
        ).format(facts=facts, ending=ending)
        if name == "sigmoid":
            if network.init == "he":
                message += _(
                    " He's initialisation makes the weights between the 16-unit layers only "
                    "√2 times Xavier's: it is designed for ReLU, which zeroes half its "
                    "inputs, not for a slope of ¼."
                )
            message += _(
                " Make a unit at its steepest point pass the signal back undiminished "
                "(chapter 3's critical weight), or use an activation whose slope is 1."
            )
        return wrong(exercise, message)
    if name == "relu" and (run.dead_layers or run.dead_end > units / 2):
        whole = ""
        if run.dead_layers:
            whole = _(
                " Every unit of {layers} is dead, so no gradient reaches the layers below it."
            ).format(layers=_layers(run.dead_layers))
        return wrong(
            exercise,
            _(
                "The ReLU units died: after training, {dead} of the {units} hidden units output "
                "0 for all 200 points (at the start {start}); a dead unit's weights get no "
                "gradient.{whole} {facts}. {size}: try smaller ones."
            ).format(
                dead=run.dead_end,
                units=units,
                start=run.dead_start,
                whole=whole,
                facts=facts_first,
                size=size,
            ),
        )
    if run.logit_spread < _FADED:
        if gain < 1 and name != "sigmoid":
            ending = _("{size}: too small.").format(size=size)
        return wrong(
            exercise,
            _(
                "The network barely learns: {facts}. At the start its output logit varies by "
                "only {spread} across the 200 inputs: the signal fades on its way forward, so "
                "the output hardly depends on the input. {ending}"
            ).format(facts=facts, spread=format_scientific(run.logit_spread), ending=ending),
        )
    return wrong(
        exercise,
        _(
            "The gradient reaches the first layer, but the network learns too slowly: {facts}, "
            "below {minimum}. {ending}"
        ).format(facts=facts, minimum=MIN_ACCURACY, ending=ending),
    )


# How each activation is named in a message ("{term}'s slope").
_TERMS = {
    "sigmoid": N_("the sigmoid"),
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "Leaky ReLU",
    "silu": "SiLU",
    "gelu": "GELU",
}


def _term(network: MLP) -> str:
    """The activation's name for a message, in the language in force."""
    name = network.activation.name
    return _(_TERMS[name]) if name in _TERMS else network.activation.label


def _times(value: float) -> str:
    """A factor for a message: 0.99, 4, 63, 1.0 × 10²⁰⁰."""
    if value >= 1000:
        return format_scientific(value)
    return f"{value:.0f}" if value >= 10 else f"{value:.2g}"


def _loss(value: float) -> str:
    return f"{value:.3f}" if value < 1000 else format_scientific(value)


def _layers(layers) -> str:
    """ "hidden layer 6" or "hidden layers 5 and 6"."""
    if len(layers) == 1:
        return _("hidden layer {layer}").format(layer=layers[0])
    return _("hidden layers {layers} and {last}").format(
        layers=", ".join(str(n) for n in layers[:-1]), last=layers[-1]
    )


def _percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def _why_it_trains(network: MLP, run: _Run, gain: float, slope_rule: str) -> str:
    """What the passing choice does, in the terms of the chapter."""
    name = network.activation.name
    term = _term(network)
    if name == "sigmoid":
        text = _(
            "Your weights are about {times} times the size of Xavier's, so {slope_rule}."
        ).format(times=_times(gain), slope_rule=slope_rule)
        if run.flat > _SATURATED:
            text += _(
                " At the start {share} of the hidden units' inputs already lie in the flat "
                "tails (slope below a tenth of ¼): larger weights put more of them there."
            ).format(share=_percent(run.flat))
        return text
    if name == "tanh":
        return _(
            "tanh is the sigmoid rescaled, tanh(z) = 2σ(2z) − 1, with slope 1 at 0: the "
            "slope Xavier's initialisation assumes."
        )
    if name in ("relu", "leaky_relu"):
        text = _(
            "{term}'s slope is exactly 1 wherever a unit is active, so the activation does "
            "not shrink the backward signal."
        ).format(term=term)
        if network.init != "he":
            text += _(' He\'s initialisation (init="he") is the one designed for it.')
        return text
    return _("{term}'s slope is close to 1 for large positive inputs, as ReLU's is.").format(
        term=term
    )


# ================================================================== the dead ReLU units

#: How the network of the dead-units exercise is trained: a learning rate far too large.
DYING_SIZES = (2, 32, 32, 1)
DYING_LR = 4.0
DYING_STEPS = 300

_DEAD_HINT = N_(
    "A hidden layer turns its input A, shape (m, n_in), into z = A @ W + b, with W = "
    "network.weights[l] of shape (n_in, n_out) and b = network.biases[l]: a matrix product, "
    "@, not *. The input of hidden layer 2 is the output of hidden layer 1, not X."
)


@functools.cache
def dying_network() -> tuple[MLP, MLP, np.ndarray, np.ndarray]:
    """The ReLU network of the dead-units exercise, before and after training.

    A network of sizes ``DYING_SIZES`` with He's initialisation, trained on section 5.3's
    200 points for ``DYING_STEPS`` full-batch steps with lr = ``DYING_LR``, a step so large
    that it pushes many units' inputs below 0 for every point.

    Returns
    -------
    before, after : MLP
        The network at its initial weights and after training. Do not change them: the
        result is computed once and shared.
    X, y : numpy.ndarray
        The data, read-only.
    """
    X, y = _deep_data()
    before = make_mlp(DYING_SIZES, "relu", init="he")
    after = copy.deepcopy(before)
    train_and_track(after, X, y, lr=DYING_LR, epochs=DYING_STEPS, every=DYING_STEPS)
    return before, after, X, y


def _hand_network() -> tuple[MLP, np.ndarray]:
    """A small ReLU network whose dead units are known by construction.

    Hidden layer 1: unit 1 is killed by a bias of −10; unit 2 is active on some inputs only;
    unit 3 has z = 0 exactly for every input (a zero weight column and bias); unit 4 is
    always active. Hidden layer 2: unit 1 gets only negative contributions; unit 2 is dead
    because it is fed by the dead unit 1 of layer 1 (it would be active on z instead of
    ReLU(z)); unit 3 is active on some inputs.
    """
    net = MLP([2, 4, 3, 1], "relu")
    net.weights[0][:] = [[1.0, 1.0, 0.0, 0.5], [1.0, 0.0, 0.0, 0.5]]
    net.biases[0][:] = [-10.0, 0.0, 0.0, 5.0]
    net.weights[1][:] = [[0.0, -1.0, 0.0], [-1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [-1.0, 0.0, 0.0]]
    net.biases[1][:] = [0.0, -0.5, -0.5]
    net.weights[2][:] = [[1.0], [1.0], [1.0]]
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0], [2.0, 1.0], [-1.0, -2.0]])
    return net, X


def _dead_cases():
    net, X = _hand_network()
    _before, after, X_moons, _y = dying_network()
    return (
        (_("the small network built by hand"), net, X),
        (
            _("the network trained with lr = {lr:g} on the 200 points").format(lr=DYING_LR),
            after,
            X_moons,
        ),
    )


def _as_masks(value, network: MLP, X: np.ndarray, exercise: str) -> list[np.ndarray] | CheckResult:
    """The learner's answer as one boolean array per hidden layer, or a "Not yet"."""
    widths = network.layer_sizes[1:-1]
    hidden = len(widths)
    m = X.shape[0]
    if value is None:
        return wrong(exercise, _(RETURNED_NONE))
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return wrong(
            exercise,
            _(
                "Your function returned one array of shape {shape}; return a list with one "
                "array per hidden layer (this network has {hidden}), each with one True/False "
                "per unit."
            ).format(shape=value.shape, hidden=hidden),
        )
    if isinstance(value, (numbers.Number, np.generic)):
        return wrong(
            exercise,
            _(
                "Your function returned one number ({value!r}); return a list with one "
                "True/False array per hidden layer. Count the dead units afterwards with "
                "mask.sum()."
            ).format(value=value),
        )
    if not isinstance(value, (Sequence, np.ndarray)) or isinstance(value, (str, bytes)):
        return wrong(
            exercise,
            _("Return a list with one True/False array per hidden layer, not a {type}.").format(
                type=type(value).__name__
            ),
        )
    items = list(value)
    if len(items) == hidden + 1:
        return wrong(
            exercise,
            _(
                "Your function returned {count} arrays for a network with {hidden} hidden "
                "layers: leave out the output layer (network.weights[-1]), which has no ReLU."
            ).format(count=len(items), hidden=hidden),
        )
    if len(items) != hidden:
        return wrong(
            exercise,
            _(
                "Your function returned {count} items for a network with {hidden} hidden "
                "layers: return one True/False array per hidden layer."
            ).format(count=len(items), hidden=hidden),
        )
    if all(isinstance(item, (numbers.Number, np.generic)) for item in items):
        return wrong(
            exercise,
            _(
                "Your function returned a number per layer ({numbers}); return the True/False "
                "array of each layer, one entry per unit. Count the dead units afterwards with "
                "mask.sum()."
            ).format(numbers=[_plain(item) for item in items]),
        )
    masks = []
    for layer, (item, width) in enumerate(zip(items, widths, strict=True), start=1):
        try:
            array = np.asarray(item)
            numeric = array.astype(float)
        except (TypeError, ValueError):
            return wrong(
                exercise,
                _(
                    "For hidden layer {layer} your function returned a {type}, not an array of "
                    "True/False."
                ).format(layer=layer, type=type(item).__name__),
            )
        if array.shape != (width,):
            if array.shape == (m,):
                detail = _(
                    "one entry per input ({m}), not per unit ({width}): reduce over axis 0, "
                    "the inputs, so that one entry per unit (column) is left"
                ).format(m=m, width=width)
            elif array.shape == (m, width):
                detail = _(
                    "one entry per input and unit: a unit is dead only if its output is 0 for "
                    "every input, so reduce over axis 0 with np.all"
                )
            else:
                detail = _("expected one entry per unit, shape ({width},)").format(width=width)
            return wrong(
                exercise,
                _(
                    "For hidden layer {layer} ({width} units, {m} inputs) your function "
                    "returned shape {shape}: {detail}."
                ).format(layer=layer, width=width, m=m, shape=array.shape, detail=detail),
            )
        if array.dtype != bool:
            if not np.isin(numeric, (0.0, 1.0)).all():
                if ((numeric >= 0) & (numeric <= 1)).all():
                    return wrong(
                        exercise,
                        _(
                            "For hidden layer {layer} your function returned numbers between 0 "
                            "and 1, such as {share:.3g}: a share of inputs, where True/False "
                            "per unit is asked. A unit is dead when its output is 0 for all "
                            "inputs: np.all(..., axis=0)."
                        ).format(layer=layer, share=numeric[~np.isin(numeric, (0.0, 1.0))][0]),
                    )
                return wrong(
                    exercise,
                    _(
                        "For hidden layer {layer} your function returned numbers such as "
                        "{value}; return True/False per unit."
                    ).format(layer=layer, value=_plain(numeric.flat[0])),
                )
        masks.append(numeric.astype(bool))
    return masks


def _plain(value) -> object:
    """A NumPy number as a plain Python number, for a message."""
    return value.item() if isinstance(value, np.generic) else value


def _dead_mistake(masks, network: MLP, X: np.ndarray) -> str | None:
    """The typical mistake the learner's masks reproduce on this network, if any."""
    zs = _pre_activations(network, X)
    candidates = [
        (
            [np.any(z <= 0, axis=0) for z in zs],
            _(
                "You mark units whose output is 0 for some input (np.any). A healthy ReLU unit is "
                "0 for many inputs; it is dead only if it is 0 for every input: np.all."
            ),
        ),
        (
            [np.any(z > 0, axis=0) for z in zs],
            _(
                "You mark the units that are alive (active for some input); the question asks "
                "for the dead ones."
            ),
        ),
        (
            [np.all(z < 0, axis=0) for z in zs],
            _(
                "You test z < 0. A unit whose z is exactly 0 for every input also outputs 0, and "
                "its slope there is 0 too (ReLU′(0) = 0 here), so it is dead as well: test "
                "z <= 0, or the output == 0."
            ),
        ),
        (
            _dead(_pre_activations(network, X, bias=False)),
            _(
                "You leave out the bias: z = A @ W + b. A large negative bias is exactly what "
                "can keep a unit's z below 0 for every input."
            ),
        ),
        (
            _dead(_pre_activations(network, X, relu_between=False)),
            _(
                "You pass z itself on to the next layer. The next layer's input is the ReLU of z, "
                "np.maximum(z, 0): a dead unit sends 0, not its negative z."
            ),
        ),
    ]
    for candidate, message in candidates:
        if all(np.array_equal(a, b) for a, b in zip(masks, candidate, strict=True)):
            return message
    return None


def check_dead_units(dead_units: Callable) -> CheckResult:
    """Check ``dead_units(network, X)``: which ReLU units are dead on the inputs ``X``.

    Expected: a list with one boolean array per hidden layer of ``network`` (an
    :class:`~sigmoid_lab.nn.MLP` with ReLU units), True for the units whose input z is <= 0
    for every row of ``X``, so that their output and their slope are 0 for every input.

    Tried on a small network built by hand (a unit killed by a bias of −10, one whose z is
    exactly 0, one dead only because of the layer below it) and on :func:`dying_network`.
    Names these mistakes: np.any for np.all, the live units instead of the dead, z < 0 for
    z <= 0, a forgotten bias, z instead of ReLU(z) passed to the next layer, the output
    layer included, counts or shares instead of True/False, and the wrong axis.

    Examples
    --------
    >>> import numpy as np
    >>> def dead_units(network, X):
    ...     masks, A = [], X
    ...     for W, b in zip(network.weights[:-1], network.biases[:-1]):
    ...         z = A @ W + b
    ...         masks.append(np.all(z <= 0, axis=0))
    ...         A = np.maximum(z, 0)
    ...     return masks
    >>> check_dead_units(dead_units).passed
    True
    """
    exercise = _("dead ReLU units")
    require_callable(dead_units, "check_dead_units", "dead_units")
    try:
        for case, network, X in _dead_cases():
            call = call_learner(dead_units, copy.deepcopy(network), X.copy())
            if call.error is not None:
                return wrong(exercise, _dead_error(call.error, case))
            masks = _as_masks(call.value, network, X, exercise)
            if isinstance(masks, CheckResult):
                return masks
            truth = _dead(_pre_activations(network, X))
            if all(np.array_equal(a, b) for a, b in zip(masks, truth, strict=True)):
                continue
            mistake = _dead_mistake(masks, network, X)
            if mistake is not None:
                return wrong(
                    exercise, _("On {case}: {mistake}").format(case=case, mistake=mistake)
                )
            return wrong(exercise, _first_dead_miss(case, masks, truth, network, X))
    except NotAttempted:
        return not_attempted(exercise, _(REPLACE_CODE))
    before, after, X_moons, _y = dying_network()
    counts = [int(mask.sum()) for mask in _dead(_pre_activations(after, X_moons))]
    at_start = [int(mask.sum()) for mask in _dead(_pre_activations(before, X_moons))]
    widths = DYING_SIZES[1:-1]
    found = _and(
        [
            _("{count} of the {width} units of hidden layer {layer}").format(
                count=count, width=width, layer=layer
            )
            for layer, (count, width) in enumerate(zip(counts, widths, strict=True), start=1)
        ]
    )
    return correct(
        exercise,
        _(
            "Right on the small network built by hand and on the network trained with lr = "
            "{lr:g}, where your function finds {found} dead (before training: {before}). A dead "
            "unit outputs 0 and has slope 0 for every input, so its weights get no gradient and "
            "stop changing; in hidden layer 1, whose inputs are fixed, nothing revives it."
        ).format(lr=DYING_LR, found=found, before=_and([str(count) for count in at_start])),
    )


def _and(items: list[str]) -> str:
    """ "a", "a and b", "a and b and c": the items joined by the language's "and"."""
    text = items[0]
    for item in items[1:]:
        # Translators: joins two items of a list, or a list and one more item.
        text = _("{first} and {then}").format(first=text, then=item)
    return text


def _dead_error(error: Exception, case: str) -> str:
    if isinstance(error, AttributeError) and "MLP" in str(error):
        return _(
            "On {case}: {error}. The network's weight matrices are network.weights (a list, "
            "first layer first, the output layer last) and its biases network.biases."
        ).format(case=case, error=error)
    return _("On {case}: {mistake}").format(
        case=case, mistake=describe_error(error, _(_DEAD_HINT))
    )


def _first_dead_miss(case, masks, truth, network, X) -> str:
    zs = _pre_activations(network, X)
    for layer, (got, expected, z) in enumerate(zip(masks, truth, zs, strict=True), start=1):
        wrong_units = np.flatnonzero(got != expected)
        if wrong_units.size:
            unit = int(wrong_units[0])
            positive = int(np.sum(z[:, unit] > 0))
            if expected[unit]:
                return _(
                    "On {case}, unit {unit} of hidden layer {layer} is dead: its z is <= 0 for "
                    "all {m} inputs (at most {largest:.3g}), but your function says it is alive."
                ).format(
                    case=case, unit=unit, layer=layer, m=X.shape[0], largest=np.max(z[:, unit])
                )
            return _(
                "On {case}, unit {unit} of hidden layer {layer} is alive: its z is positive for "
                "{positive} of the {m} inputs, but your function says it is dead."
            ).format(case=case, unit=unit, layer=layer, positive=positive, m=X.shape[0])
    raise AssertionError("no difference")  # pragma: no cover
