"""Argument checks and number formatting shared by the plot and widget modules.

Every message names the public function that was called, what was wrong and what to pass
instead, so a learner who mistypes a slider value or a grid can act on it.
"""

from __future__ import annotations

import numbers

import numpy as np

from sigmoid_lab._validation import _hint_for, as_float_array
from sigmoid_lab.i18n import gettext as _

__all__ = ["as_depth", "as_grid", "as_real", "fmt"]


def as_real(func: str, name: str, value: object, *, positive: bool = False) -> float:
    """``value`` as a finite float, or a clear TypeError/ValueError naming ``func``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        # Text and Decimals get the package's conversion hint (float(...)).
        hint = _hint_for(value, None, name)
        raise TypeError(
            _("{func}: {name} must be a real number, got {type}.{hint}").format(
                func=func, name=name, type=type(value).__name__, hint=hint
            )
        )
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(
            _("{func}: {name} must be finite, got {value}.").format(
                func=func, name=name, value=value
            )
        )
    if positive and value <= 0:
        raise ValueError(
            _("{func}: {name} must be positive, got {value}.").format(
                func=func, name=name, value=value
            )
        )
    return value


def as_depth(func: str, depth: object, *, maximum: int | None = None) -> int:
    """``depth`` as a positive int (at most ``maximum``), or a clear error naming ``func``."""
    if isinstance(depth, bool) or not isinstance(depth, numbers.Integral):
        raise TypeError(
            _("{func}: depth must be a whole number of layers, got {type}.").format(
                func=func, type=type(depth).__name__
            )
        )
    depth = int(depth)
    if depth < 1:
        raise ValueError(
            _("{func}: depth must be at least 1 layer, got {depth}.").format(
                func=func, depth=depth
            )
        )
    if maximum is not None and depth > maximum:
        raise ValueError(
            _(
                "{func}: depth {depth} is beyond max_depth={maximum}; raise "
                "max_depth or choose a smaller depth."
            ).format(func=func, depth=depth, maximum=maximum)
        )
    return depth


def as_grid(func: str, name: str, values: object, default: tuple[float, float, int]):
    """A 1-D float array of at least two finite points; ``default`` is (start, stop, num)."""
    if values is None:
        return np.linspace(*default)
    # The package-wide check: clear messages for text, pandas objects and masked arrays.
    grid = as_float_array(values, func=func, name=name).astype(float, copy=False)
    if grid.ndim != 1 or grid.size < 2:
        raise ValueError(
            _(
                "{func}: {name} must be a 1-D array of at least 2 points, got "
                "shape {shape}; try np.linspace({default}, {default2}, {default3})."
            ).format(
                func=func,
                name=name,
                shape=grid.shape,
                default=default[0],
                default2=default[1],
                default3=default[2],
            )
        )
    if not np.all(np.isfinite(grid)):
        raise ValueError(
            _("{func}: {name} contains NaN or infinity; pass finite values.").format(
                func=func, name=name
            )
        )
    return grid


def fmt(value: float, spec: str = ".2f") -> str:
    """Format a number for a label or readout, with a typographic minus sign.

    Examples
    --------
    >>> fmt(-1.5)
    '−1.50'
    >>> fmt(3.2e-7, ".1e")
    '3.2e−07'
    """
    return format(value, spec).replace("-", "−")
