"""Sigmoid Lab: the tested code behind an interactive course on the sigmoid function.

Importing the package changes no Matplotlib settings, seeds no random generator and prints
nothing. The math lives in the top-level names; figures, widgets and exercise checkers live
in the subpackages :mod:`sigmoid_lab.plots`, :mod:`sigmoid_lab.widgets` and
:mod:`sigmoid_lab.checks`.
"""

from sigmoid_lab.display import StaticFigure, live_canvas, new_figure, static_figure
from sigmoid_lab.style import COLORS, style_context

# <activations>
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

# </activations>
# <losses>
from sigmoid_lab.losses import binary_cross_entropy, naive_binary_cross_entropy

# </losses>
# <data>
# </data>
# <training>
# </training>
# <nn>
# </nn>

__version__ = "0.1.0"

__all__ = [
    "COLORS",
    "StaticFigure",
    "__version__",
    "live_canvas",
    "new_figure",
    "static_figure",
    "style_context",
    "ACTIVATIONS",
    "Activation",
    "gelu",
    "gelu_grad",
    "get_activation",
    "leaky_relu",
    "leaky_relu_grad",
    "logit",
    "naive_sigmoid",
    "naive_sigmoid_grad",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "silu_grad",
    "tanh",
    "tanh_grad",
    "binary_cross_entropy",
    "naive_binary_cross_entropy",
    # <all>
]
