"""Sigmoid Lab: the tested code behind an interactive course on the sigmoid function.

Importing the package, or making its figures and widgets, changes no Matplotlib setting and
no pyplot state; importing it seeds no random generator and prints nothing. The math lives
in the top-level names; figures, widgets and exercise checkers live in the subpackages
:mod:`sigmoid_lab.plots`, :mod:`sigmoid_lab.widgets` and :mod:`sigmoid_lab.checks`.
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
from sigmoid_lab.calibration import ReliabilityTable, reliability_table
from sigmoid_lab.data import (
    make_moons,
    make_seed_data,
    make_shifted_data,
    make_xor,
    split_train_test,
)
from sigmoid_lab.display import StaticFigure, live_canvas, new_figure, static_figure
from sigmoid_lab.distributions import (
    empirical_cdf,
    logistic_cdf,
    logistic_pdf,
    logistic_quantile,
    max_cdf_gap,
    sample_logistic,
)
from sigmoid_lab.generative import (
    GaussianClassifier,
    fit_shared_gaussian,
    gaussian_posterior,
    sample_gaussian_classes,
)
from sigmoid_lab.i18n import get_language, set_language
from sigmoid_lab.likelihood import (
    bernoulli_likelihood,
    descent_path,
    finite_difference_gradient,
    half_squared_error,
    half_squared_error_gradient,
    log_loss_gradient,
    log_loss_hessian,
    loss_along_line,
    max_relative_error,
    mean_log_loss,
    per_example_log_loss,
    saturation_threshold,
)
from sigmoid_lab.losses import binary_cross_entropy, naive_binary_cross_entropy
from sigmoid_lab.nn import MLP, MLPResult, train_mlp
from sigmoid_lab.softmax import (
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
    log_softmax,
    one_hot,
    softmax,
)
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
    "GaussianClassifier",
    "MLPResult",
    "ReliabilityTable",
    "StaticFigure",
    "TrainResult",
    "TrainState",
    "TrainingError",
    "__version__",
    "bernoulli_likelihood",
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "descent_path",
    "empirical_cdf",
    "finite_difference_gradient",
    "fit_shared_gaussian",
    "gaussian_posterior",
    "gelu",
    "gelu_grad",
    "get_activation",
    "get_language",
    "half_squared_error",
    "half_squared_error_gradient",
    "leaky_relu",
    "leaky_relu_grad",
    "live_canvas",
    "log_loss_gradient",
    "log_loss_hessian",
    "log_softmax",
    "logistic_cdf",
    "logistic_pdf",
    "logistic_quantile",
    "logit",
    "loss_along_line",
    "make_moons",
    "make_seed_data",
    "make_shifted_data",
    "make_xor",
    "max_cdf_gap",
    "max_relative_error",
    "mean_log_loss",
    "naive_binary_cross_entropy",
    "naive_sigmoid",
    "naive_sigmoid_grad",
    "new_figure",
    "one_hot",
    "per_example_log_loss",
    "reliability_table",
    "relu",
    "relu_grad",
    "safe_learning_rate",
    "sample_gaussian_classes",
    "sample_logistic",
    "saturation_threshold",
    "set_language",
    "sigmoid",
    "sigmoid_grad",
    "silu",
    "silu_grad",
    "softmax",
    "split_train_test",
    "static_figure",
    "style_context",
    "tanh",
    "tanh_grad",
    "train",
    "train_mlp",
]
