"""The shape every widget factory returns: a live figure drawn in the browser.

An :class:`Explorer` is an anywidget: its view (``static/live_figures.js``) draws the figure as
SVG, with its own labelled controls, and redraws it as a control moves without asking the
kernel, so a slider responds within a frame. The same module draws the figure on the course
website, where no kernel runs: the explorer's output carries, besides the widget, a
:data:`FIGURE_MIME` bundle with everything the view needs (settings, control values, data),
which is stable from run to run, so that the committed notebooks hold it instead of the
random widget id.

Python stays the single source of numerical truth: the factory hands the view what is not a
one-line formula (training runs, gradient norms, activation curves) as data computed by the
package; what the view computes itself (σ(wx + b), a tangent) uses the stable formulas of
:mod:`sigmoid_lab.activations`. From Python a test sets ``controls[name].value`` and reads the
state: :attr:`Explorer.readout` (the same text the view shows) and, drawn on demand with the
package's plot functions, :attr:`Explorer.figure` and :attr:`Explorer.artists`.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import anywidget
import ipywidgets
import numpy as np
import traitlets

from sigmoid_lab.i18n import get_language, language
from sigmoid_lab.i18n import gettext as _
from sigmoid_lab.widgets import _cells

__all__ = ["FIGURE_MIME", "STATIC", "Control", "Explorer", "Readout", "encode"]

#: The package's ES module and style sheet for the live figures.
STATIC = Path(__file__).resolve().parent / "static"
#: The MIME type of an explorer's stable form: ``{"kind", "spec", "value", "version"}``.
FIGURE_MIME = "application/vnd.sigmoid-lab.figure+json"
FORMAT_VERSION = 1


def encode(values) -> str:
    """Float64 values as base64 text of their little-endian bytes: exact, and one line."""
    array = np.ascontiguousarray(np.asarray(values, dtype="<f8").ravel())
    return base64.b64encode(array.tobytes()).decode("ascii")


def decode(text: str) -> np.ndarray:
    """The inverse of :func:`encode`."""
    return np.frombuffer(base64.b64decode(text), dtype="<f8").copy()


def slider_value(low: float, step: float, index: int) -> float:
    """The value at position ``index`` of a slider, as the view computes it."""
    return round(low + index * step, 10)


class Control(traitlets.HasTraits):
    """One control of an explorer, as Python sees it: set ``value`` to move it.

    Drawn by the view as a labelled range input (``"float"``, ``"int"``, ``"log"``), a
    checkbox or a select. A value set from Python is checked like an ipywidgets control's:
    a number outside the range is clipped to it, a number between slider positions goes to
    the nearest one (the view shows positions only), a log slider goes to the nearest of
    its values, and a select's value must be one of its options.

    Attributes
    ----------
    name, type, description : str
    value : float, int, bool or str
    min, max, step : float or None
        A slider's range and step (for ``"log"``: of the exponent of 10).
    options : list of (label, value) or None
        A select's choices.
    disabled : bool
        Whether the view greys the control out (the training explorer's learning rate while
        ``lr = "auto"`` is ticked).
    """

    value = traitlets.Any()
    disabled = traitlets.Bool(False)

    def __init__(
        self,
        name: str,
        type: str,
        description: str,
        value,
        *,
        min: float | None = None,
        max: float | None = None,
        step: float | None = None,
        options: list | None = None,
        readout_format: str | None = None,
        color: str | None = None,
    ):
        self.name = name
        self.type = type
        self.description = description
        self.min, self.max, self.step = min, max, step
        self.options = [tuple(option) for option in options] if options is not None else None
        self.readout_format = readout_format
        self.color = color
        self.grid = None
        if type == "log":
            count = round((max - min) / step)
            self.grid = [float(10.0 ** slider_value(min, step, k)) for k in range(count + 1)]
        super().__init__(value=value)

    @traitlets.validate("value")
    def _check_value(self, proposal):
        value = proposal["value"]
        if self.type == "checkbox":
            return bool(value)
        if self.type == "select":
            allowed = [option for _, option in self.options]
            if value not in allowed:
                raise traitlets.TraitError(
                    _("{control}: {value!r} is not one of the options {allowed}.").format(
                        control=self.description, value=value, allowed=allowed
                    )
                )
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise traitlets.TraitError(
                _("{control}: expected a number, got {type}.").format(
                    control=self.description, type=type(value).__name__
                )
            )
        value = float(value)
        if math.isnan(value):
            raise traitlets.TraitError(
                _("{control}: expected a number, got NaN.").format(control=self.description)
            )
        if self.type == "log":
            target = math.log10(value) if value > 0 else -math.inf
            exponents = [math.log10(g) for g in self.grid]
            return self.grid[int(np.argmin([abs(e - target) for e in exponents]))]
        value = min(max(value, self.min), self.max)
        index = round((value - self.min) / self.step)
        value = slider_value(self.min, self.step, index)
        return round(value) if self.type == "int" else value

    def spec(self) -> dict:
        """What the view needs to draw this control."""
        spec = {"name": self.name, "type": self.type, "label": self.description}
        if self.type in ("float", "int", "log"):
            spec.update(min=self.min, max=self.max, step=self.step)
        if self.readout_format:
            spec["format"] = self.readout_format
        if self.grid is not None:
            spec["grid"] = self.grid
        if self.options is not None:
            spec["options"] = [list(option) for option in self.options]
        if self.color:
            spec["color"] = self.color
        return spec

    def __repr__(self) -> str:
        return f"Control({self.name!r}, {self.type!r}, value={self.value!r})"


class Readout:
    """The line of text under a figure, as HTML: ``readout.value``.

    The view writes the same text, computed in the browser; Python computes it here with
    the package's numbers, so a test without a browser can read it.
    """

    def __init__(self):
        self.value = ""

    @property
    def text(self) -> str:
        """The readout without its HTML tags."""
        import re

        return html.unescape(re.sub(r"<[^>]+>", "", self.value))

    def __repr__(self) -> str:
        return f"Readout({self.text!r})"


class Explorer(anywidget.AnyWidget):
    """A live figure with its controls, drawn in the browser by ``static/live_figures.js``.

    Attributes
    ----------
    kind : str
        Which figure the view draws (``"neuron"``, ``"tangent"``, ...).
    spec : dict
        What does not change as the controls move: the controls' descriptions, the axes,
        the data the package computed (float arrays as :func:`encode` text), and under
        ``"text"`` every word the view writes (axis labels, legend entries, the readout's
        templates with named fields such as ``{step}``), in the language that was in force
        when the explorer was made (see :mod:`sigmoid_lab.i18n`).
    value : dict
        The current value of every control, by name; the view and Python keep it in step.
    controls : dict of str to Control
        The controls, by name. A test sets ``controls["w"].value``.
    readout : Readout
        The text under the figure; ``readout.value`` is its HTML.
    alt, title : str
        What the figure shows, for readers who cannot see it (also its caption); the bold
        line above the controls.
    figure, artists
        The same figure drawn with Matplotlib by the package's plot functions, made when
        first asked for (in the language the explorer was made in) and from then on kept in
        step with the controls: a test reads ``artists["curve"].get_ydata()``.
    closed : bool
        Whether :meth:`close` has run.

    Notes
    -----
    A widget stays in the kernel until it is closed. In JupyterLab and Jupyter Notebook 7,
    which tell the kernel which cell runs, an explorer is closed by itself once every cell
    that made or displayed it has run again or been deleted. Elsewhere, call :meth:`close`.
    """

    _esm = STATIC / "live_figures.js"
    _css = STATIC / "live_figures.css"

    kind = traitlets.Unicode().tag(sync=True)
    spec = traitlets.Dict().tag(sync=True)
    value = traitlets.Dict().tag(sync=True)

    closed = False

    def __init__(
        self,
        kind: str,
        controls: Mapping[str, Control],
        spec: Mapping,
        *,
        alt: str,
        title: str | None = None,
        control_rows: Iterable[Iterable[str]] | None = None,
        describe: Callable[[dict], str],
        static: Callable[[], tuple] | None = None,
    ):
        """
        Parameters
        ----------
        kind : str
            The figure the view draws.
        controls : mapping of str to Control
        spec : mapping
            The figure's settings and data (JSON: numbers, strings, lists, dicts). Its
            ``"text"``, a dict of the figure's own words already translated, is completed
            with the caption's and the error message's templates.
        alt : str
            What the figure shows, for readers who cannot see it; also the caption.
        title : str, optional
        control_rows : list of lists of str, optional
            The controls' names row by row; one row by default.
        describe : callable
            ``describe(values)``: the readout's HTML for the control values, the same text
            as the view's.
        static : callable, optional
            ``static()`` returns ``(figure, artists, update)``: the Matplotlib figure, its
            artists by name, and ``update(**values)`` that moves them. Called when
            :attr:`figure` or :attr:`artists` is first read.
        """
        self.controls = dict(controls)
        self.alt = alt
        self.title = title
        self.readout = Readout()
        self._describe = describe
        self._static = static
        self._drawn: tuple | None = None
        self._drawn_values: dict | None = None
        self._syncing = False
        rows = [list(row) for row in control_rows] if control_rows else [list(self.controls)]
        # Every word is looked up now, so the explorer keeps the language it was made in.
        self._language = get_language()
        text = {
            "caption": _("Figure: {alt}"),
            "error": _("This figure could not be drawn: {error}"),
            **spec.get("text", {}),
        }
        self._plain_text = _(
            "[Interactive figure: {alt} Run this cell in Jupyter to use its controls; a static "
            "version follows.]"
        ).format(alt=alt)
        self._closed_text = _(
            "[Closed interactive figure: {alt} Run the cell that made it again to get a new one.]"
        ).format(alt=alt)
        full_spec = {
            "title": title,
            "alt": alt,
            "controls": [control.spec() for control in self.controls.values()],
            "rows": rows,
            **spec,
            "text": text,
        }
        super().__init__(kind=kind, spec=full_spec, value=self.values())
        for control in self.controls.values():
            control.observe(self._control_moved, names="value")
        self.observe(self._on_value, names="value")
        self._refresh_readout()
        _cells.made_or_shown(self)

    # ------------------------------------------------------------------ values

    def values(self) -> dict[str, object]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _control_moved(self, change) -> None:
        if self._syncing:
            return
        self.value = {**self.value, change["owner"].name: change["new"]}

    def _on_value(self, change) -> None:
        # From the view (a learner moved a control) or from _control_moved.
        self._syncing = True
        try:
            for name, value in change["new"].items():
                control = self.controls.get(name)
                if control is not None and control.value != value:
                    control.value = value
        finally:
            self._syncing = False
        self._refresh_readout()
        if self._drawn is not None:
            # Once a test holds the Matplotlib artists, they follow every move.
            self._static_state()

    def _refresh_readout(self) -> None:
        self.readout.value = self._describe(self.values())

    # ------------------------------------------------------------------ static form

    def _static_state(self) -> tuple:
        if self.closed:
            raise RuntimeError(
                _("This explorer was closed; run the cell that made it again to get a new one.")
            )
        if self._static is None:
            raise AttributeError(_("This explorer has no Matplotlib form."))
        # Drawn in the language the explorer was made in, like its view and readout.
        with language(self._language):
            if self._drawn is None:
                self._drawn = self._static()
            values = self.values()
            if values != self._drawn_values:
                self._drawn[2](**values)
                self._drawn_values = values
        return self._drawn

    @property
    def figure(self):
        """The figure for the current values, drawn with Matplotlib (made on first use)."""
        return self._static_state()[0]

    @property
    def artists(self) -> dict:
        """The Matplotlib artists of :attr:`figure`, by name, for the current values."""
        return self._static_state()[1]

    def figure_payload(self) -> dict:
        """The explorer's stable form: what the view needs to draw it without a kernel."""
        return {
            "version": FORMAT_VERSION,
            "kind": self.kind,
            "spec": self.spec,
            "value": self.value,
        }

    def _repr_mimebundle_(self, **kwargs):
        # The text form is what a reader sees where neither the widget nor the figure's own
        # MIME type can be shown (GitHub, nbviewer), so it says what to do.
        _cells.made_or_shown(self)
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self._plain_text
        data[FIGURE_MIME] = self.figure_payload()
        return data, metadata

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Close the widget (and its layout) and let go of its data and Matplotlib figure.

        :attr:`controls` becomes empty and :attr:`figure` unavailable. Closing twice does
        nothing.
        """
        if self.closed:
            return
        if "controls" not in vars(self):
            super().close()  # __init__ stopped before it made anything
            return
        self.closed = True
        _cells.forget(self)
        for control in self.controls.values():
            control.unobserve(self._control_moved, names="value")
        # The widgets it holds in synced traits (its layout), then itself.
        held = [getattr(self, name, None) for name in self.keys]
        super().close()
        for widget in held:
            if isinstance(widget, ipywidgets.Widget):
                widget.close()
        self.controls = {}
        self._drawn = None
        self._static = None

    def __repr__(self) -> str:
        if self.closed:
            return self._closed_text
        return f"<{type(self).__name__} {self.kind!r}: {self.values()}>"
