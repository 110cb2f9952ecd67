"""The Explorer every factory returns: controls from Python, the stable form, the text form."""

from __future__ import annotations

import json

import pytest
import traitlets

from sigmoid_lab.widgets.base import FIGURE_MIME, Control, Explorer, decode, encode
from sigmoid_lab.widgets.curves import neuron_explorer


def _explorer(**spec):
    controls = {
        "height": Control("height", "float", "height", 1.0, min=0.0, max=3.0, step=0.1),
        "on": Control("on", "checkbox", "on", True),
        "kind": Control("kind", "select", "kind", "a", options=[("A", "a"), ("B", "b")]),
    }
    return Explorer(
        "neuron",
        controls,
        spec,
        alt="A line.",
        title="T",
        describe=lambda values: f"height <b>{values['height']}</b>",
    )


def test_a_control_set_from_python_reaches_the_view_and_the_readout():
    explorer = _explorer()
    explorer.controls["height"].value = 2.5
    assert explorer.value == {"height": 2.5, "on": True, "kind": "a"}
    assert explorer.readout.value == "height <b>2.5</b>"
    assert explorer.readout.text == "height 2.5"


def test_a_move_in_the_view_reaches_the_controls():
    explorer = _explorer()
    explorer.value = {"height": 0.7, "on": False, "kind": "b"}  # as the view's message sets it
    assert explorer.values() == {"height": 0.7, "on": False, "kind": "b"}
    assert explorer.readout.value == "height <b>0.7</b>"


def test_controls_keep_to_their_range_and_positions():
    control = Control("x", "float", "x", 0.0, min=-4.0, max=4.0, step=0.1)
    control.value = 9.0
    assert control.value == 4.0
    control.value = 0.123
    assert control.value == 0.1
    depth = Control("n", "int", "n", 3, min=1, max=30, step=1)
    depth.value = 7.4
    assert depth.value == 7 and isinstance(depth.value, int)
    rate = Control("lr", "log", "lr", 0.1, min=-3.0, max=2.0, step=0.1)
    rate.value = 3.0
    assert rate.value == pytest.approx(10**0.5)
    assert rate.value in rate.grid
    with pytest.raises(traitlets.TraitError, match="expected a number"):
        control.value = "a"
    with pytest.raises(traitlets.TraitError, match="not one of the options"):
        _explorer().controls["kind"].value = "c"


def test_the_stable_form_holds_what_the_view_needs_and_is_json():
    explorer = _explorer(data=encode([0.1, 1e-300, float("inf")]))
    data, _ = explorer._repr_mimebundle_()
    payload = data[FIGURE_MIME]
    assert json.loads(json.dumps(payload)) == payload
    assert payload["kind"] == "neuron" and payload["version"] == 1
    assert payload["value"] == {"height": 1.0, "on": True, "kind": "a"}
    assert [c["name"] for c in payload["spec"]["controls"]] == ["height", "on", "kind"]
    assert payload["spec"]["alt"] == "A line."
    assert list(decode(payload["spec"]["data"])) == [0.1, 1e-300, float("inf")]


def test_the_stable_form_is_the_same_for_the_same_call():
    first = neuron_explorer(w=2.0)._repr_mimebundle_()[0][FIGURE_MIME]
    second = neuron_explorer(w=2.0)._repr_mimebundle_()[0][FIGURE_MIME]
    assert first == second


def test_the_text_form_says_how_to_use_it():
    # Shown where neither the widget nor the figure can run: GitHub, nbviewer.
    data, _ = _explorer()._repr_mimebundle_()
    assert data["text/plain"].startswith("[Interactive figure: A line. Run this cell in Jupyter")
    assert "application/vnd.jupyter.widget-view+json" in data


def test_the_matplotlib_form_follows_the_controls_once_read():
    explorer = neuron_explorer()
    curve = explorer.artists["curve"]
    explorer.controls["w"].value = -3.0
    assert curve.get_ydata()[0] > 0.99  # a falling curve
    assert explorer.artists["curve"] is curve
