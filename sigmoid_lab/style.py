"""One figure style for the whole course, applied in a context, never at import.

The style also lets figures show Chinese text (the Chinese edition's labels, the article's
words) on a machine without any CJK font: the package ships a small subset of Noto Sans SC
(``sigmoid_lab/fonts/``, SIL Open Font License 1.1) that covers every Chinese character the
course uses. It is registered with Matplotlib's font manager the first time a figure is drawn
in :func:`style_context`, and named after the usual font family only inside the context, as a
fallback: Latin letters, digits and Greek keep the family in force (DejaVu Sans by default).
Importing the package changes no Matplotlib setting.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from importlib import resources

import matplotlib
import matplotlib.pyplot as plt
from matplotlib import font_manager

__all__ = ["CJK_FONT_FAMILY", "CJK_FONT_PATH", "COLORS", "STYLE_PATH", "style_context"]

STYLE_PATH = str(resources.files("sigmoid_lab").joinpath("sigmoid_lab.mplstyle"))

#: The shipped CJK font subset and the family name it is registered under.
CJK_FONT_PATH = str(
    resources.files("sigmoid_lab").joinpath("fonts", "SigmoidLabNotoSansSC-Regular.ttf")
)
CJK_FONT_FAMILY = "Sigmoid Lab Noto Sans SC"

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

_registered = False
_lock = threading.Lock()


def register_cjk_font() -> str:
    """Make the shipped CJK font known to Matplotlib (once) and return its family name.

    Adding a font file to the font manager changes no rcParam; it only lets a family list
    that names :data:`CJK_FONT_FAMILY` find it.
    """
    global _registered
    with _lock:
        if not _registered:
            known = {entry.fname for entry in font_manager.fontManager.ttflist}
            if CJK_FONT_PATH not in known:
                font_manager.fontManager.addfont(CJK_FONT_PATH)
            _registered = True
    return CJK_FONT_FAMILY


@contextmanager
def style_context():
    """Apply the Sigmoid Lab style inside a ``with`` block.

    Text made inside the block falls back to the shipped CJK font for characters its own
    family lacks, so Chinese labels render without a system font.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> with style_context():
    ...     fig = Figure()
    """
    family = register_cjk_font()
    with plt.style.context(STYLE_PATH):
        families = [f for f in matplotlib.rcParams["font.family"] if f != family]
        with matplotlib.rc_context({"font.family": [*families, family]}):
            yield
