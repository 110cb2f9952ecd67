"""Exercise checkers, one module per chapter (neuron, sigmoid, gradient, training,
activations, faq): each says "not attempted yet" for an untouched placeholder, names the
likely mistake when an answer is wrong, and says what was right when it passes.
"""

from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks.activations import check_leaky_relu_grad, check_silu
from sigmoid_lab.checks.faq import check_gated_update, check_multilabel_predict
from sigmoid_lab.checks.gradient import (
    check_critical_weight,
    check_layers_below,
    check_sigmoid_grad,
)
from sigmoid_lab.checks.neuron import check_collapse, check_neuron, check_step_position
from sigmoid_lab.checks.sigmoid import check_logit, check_sigmoid
from sigmoid_lab.checks.training import check_logistic_gradient, check_loss_from_logits

__all__ = [
    "CheckResult",
    "check_collapse",
    "check_critical_weight",
    "check_gated_update",
    "check_layers_below",
    "check_leaky_relu_grad",
    "check_logistic_gradient",
    "check_logit",
    "check_loss_from_logits",
    "check_multilabel_predict",
    "check_neuron",
    "check_sigmoid",
    "check_sigmoid_grad",
    "check_silu",
    "check_step_position",
]
