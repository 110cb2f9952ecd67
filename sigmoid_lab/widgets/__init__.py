"""Widget factories: each returns an :class:`~sigmoid_lab.widgets.base.Explorer`, a live figure
drawn in the browser (JupyterLab, Voilà, the course website) whose controls, readout and
Matplotlib form are reachable from Python, so a test can move a slider and check the figure.
"""

from sigmoid_lab.widgets.base import Explorer
from sigmoid_lab.widgets.curves import neuron_explorer, tangent_explorer
from sigmoid_lab.widgets.gradients import gradient_chain_explorer
from sigmoid_lab.widgets.networks import activation_explorer, gradient_flow_explorer
from sigmoid_lab.widgets.training import training_explorer

__all__ = [
    "Explorer",
    "activation_explorer",
    "gradient_chain_explorer",
    "gradient_flow_explorer",
    "neuron_explorer",
    "tangent_explorer",
    "training_explorer",
]
