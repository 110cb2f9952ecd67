"""One figure style for the whole course, applied in a context, never at import."""

from __future__ import annotations

from contextlib import contextmanager
from importlib import resources

import matplotlib.pyplot as plt

__all__ = ["COLORS", "STYLE_PATH", "style_context"]

STYLE_PATH = str(resources.files("sigmoid_lab").joinpath("sigmoid_lab.mplstyle"))

#: The Okabe-Ito palette by role, so that a colour means the same thing in every chapter.
COLORS = {
    "sigmoid": "#0072B2",  # blue
    "gradient": "#D55E00",  # vermillion
    "reference": "#009E73",  # bluish green
    "accent": "#CC79A7",  # reddish purple
    "warning": "#E69F00",  # orange
    "light": "#56B4E9",  # sky blue
    "neutral": "#000000",
}


@contextmanager
def style_context():
    """Apply the Sigmoid Lab style inside a ``with`` block.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> with style_context():
    ...     fig = Figure()
    """
    with plt.style.context(STYLE_PATH):
        yield
