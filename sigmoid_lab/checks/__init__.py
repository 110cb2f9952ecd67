"""Exercise checkers: each says "not attempted yet" for an untouched placeholder, names the
likely mistake when an answer is wrong, and says what was right when it passes.
"""

from sigmoid_lab.checks.functions import (
    CheckResult,
    check_collapse,
    check_critical_weight,
    check_layers_below,
    check_logit,
    check_neuron,
    check_sigmoid,
    check_sigmoid_grad,
    check_step_position,
)
from sigmoid_lab.checks.networks import (
    check_gated_update,
    check_leaky_relu_grad,
    check_multilabel_predict,
    check_silu,
)
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
