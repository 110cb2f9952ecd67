"""Exercise checkers, one module per chapter: neuron (1), sigmoid (2), gradient (3),
training (4), activations (5) and faq (6), with the longest exercises in modules of their
own (article_repair in 4, deep_network in 5, softmax in 6) whose checkers are importable
from their chapter's module too. Each says "not attempted yet" for an untouched
placeholder, names the likely mistake when an answer is wrong (at the first input where it
is wrong, in the exercise's own variable names), and says what was right when it passes.

Predictions ("predict, then run") are in :mod:`sigmoid_lab.checks.predictions`, the closing
self-check questions in :mod:`sigmoid_lab.checks.selfcheck`, and each chapter's own in
:mod:`sigmoid_lab.checks.questions`.
"""

from sigmoid_lab.checks._core import CheckResult
from sigmoid_lab.checks.activations import (
    check_dead_units,
    check_deep_network,
    check_early_stopping,
    check_leaky_relu_grad,
    check_silu,
    check_silu_grad,
)
from sigmoid_lab.checks.faq import (
    check_gate_half_life,
    check_gated_update,
    check_multilabel_predict,
    check_softmax_cross_entropy,
    check_two_class_softmax,
)
from sigmoid_lab.checks.gradient import (
    check_critical_weight,
    check_layers_below,
    check_log_sigmoid_grad,
    check_sigmoid_grad,
    check_tanh_grad,
)
from sigmoid_lab.checks.neuron import (
    check_and_neuron,
    check_collapse,
    check_layer,
    check_level_position,
    check_neuron,
    check_step_position,
)
from sigmoid_lab.checks.sigmoid import (
    check_artanh,
    check_log_sigmoid,
    check_logit,
    check_sigmoid,
)
from sigmoid_lab.checks.training import (
    check_article_repair,
    check_decision_rule,
    check_logistic_gradient,
    check_loss_from_logits,
    check_weighted_loss,
    check_weighted_loss_grad,
)

__all__ = [
    "CheckResult",
    "check_and_neuron",
    "check_artanh",
    "check_article_repair",
    "check_collapse",
    "check_critical_weight",
    "check_dead_units",
    "check_decision_rule",
    "check_deep_network",
    "check_early_stopping",
    "check_gate_half_life",
    "check_gated_update",
    "check_layer",
    "check_layers_below",
    "check_leaky_relu_grad",
    "check_level_position",
    "check_log_sigmoid",
    "check_log_sigmoid_grad",
    "check_logistic_gradient",
    "check_logit",
    "check_loss_from_logits",
    "check_multilabel_predict",
    "check_neuron",
    "check_sigmoid",
    "check_sigmoid_grad",
    "check_silu",
    "check_silu_grad",
    "check_softmax_cross_entropy",
    "check_step_position",
    "check_tanh_grad",
    "check_two_class_softmax",
    "check_weighted_loss",
    "check_weighted_loss_grad",
]
