"""Widget factories: each returns an :class:`~sigmoid_lab.widgets.base.Explorer` whose controls,
artists and canvas are reachable, so a test can move a slider and check the figure."""

from sigmoid_lab.widgets.base import Explorer

__all__ = ["Explorer"]
