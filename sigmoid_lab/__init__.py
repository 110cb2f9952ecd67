"""Sigmoid Lab: the tested code behind an interactive course on the sigmoid function.

Importing the package changes no Matplotlib settings, seeds no random generator and prints
nothing. The math lives in the top-level names; figures, widgets and exercise checkers live
in the subpackages :mod:`sigmoid_lab.plots`, :mod:`sigmoid_lab.widgets` and
:mod:`sigmoid_lab.checks`.
"""

from sigmoid_lab.activations import (
    ACTIVATIONS,
    Activation,
    gelu,
    gelu_grad,
    get_activation,
    leaky_relu,
    leaky_relu_grad,
    logit,
    naive_sigmoid,
    naive_sigmoid_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    silu,
    silu_grad,
    tanh,
    tanh_grad,
)
from sigmoid_lab.data import (
    make_moons,
    make_seed_data,
    make_shifted_data,
    make_xor,
    split_train_test,
)
from sigmoid_lab.display import StaticFigure, live_canvas, new_figure, static_figure
from sigmoid_lab.losses import binary_cross_entropy, naive_binary_cross_entropy
from sigmoid_lab.nn import MLP, MLPResult, train_mlp
from sigmoid_lab.style import COLORS, style_context
from sigmoid_lab.training import (
    TrainingError,
    TrainResult,
    TrainState,
    safe_learning_rate,
    train,
)

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "COLORS",
    "MLP",
    "Activation",
    "MLPResult",
    "StaticFigure",
    "TrainResult",
    "TrainState",
    "TrainingError",
    "__version__",
    "binary_cross_entropy",
    "gelu",
    "gelu_grad",
    "get_activation",
    "leaky_relu",
    "leaky_relu_grad",
    "live_canvas",
    "logit",
    "make_moons",
    "make_seed_data",
    "make_shifted_data",
    "make_xor",
    "naive_binary_cross_entropy",
    "naive_sigmoid",
    "naive_sigmoid_grad",
    "new_figure",
    "relu",
    "relu_grad",
    "safe_learning_rate",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "silu_grad",
    "split_train_test",
    "static_figure",
    "style_context",
    "tanh",
    "tanh_grad",
    "train",
    "train_mlp",
]
