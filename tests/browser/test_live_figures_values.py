"""The numbers each live figure draws in Chromium against the package's, and its readout.

Each explorer's stable form (the output the website draws) is mounted by
``sigmoid_lab/widgets/static/live_figures.js`` in a page served from 127.0.0.1; the test moves
its controls through the same path as a kernel's message and reads back what the view drew
(``el.__slFigure.state``). What the view computes itself (σ(wx + b), the tangent, the chain
of layers) must agree with :mod:`sigmoid_lab` to a relative error of 1e−12 in float64, what
Python handed it must come back unchanged, and the readout under the figure must be the
same HTML as the one Python computes (``explorer.readout.value``). An explorer made in Chinese
draws the words of its ``spec["text"]`` (labels, legends, readout templates) and no English.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import threading

import numpy as np
import pytest

from sigmoid_lab.activations import ACTIVATIONS, sigmoid, sigmoid_grad
from sigmoid_lab.data import make_seed_data
from sigmoid_lab.i18n import language
from sigmoid_lab.plots._args import fmt
from sigmoid_lab.plots.gradients import chain_gradient
from sigmoid_lab.plots.training import boundary_segment
from sigmoid_lab.training import train
from sigmoid_lab.widgets import (
    activation_explorer,
    gradient_chain_explorer,
    gradient_flow_explorer,
    neuron_explorer,
    tangent_explorer,
    training_explorer,
)
from sigmoid_lab.widgets.base import FIGURE_MIME, STATIC
from sigmoid_lab.widgets.networks import layer_gradient_norms

pytestmark = pytest.mark.browser

TOLERANCE = 1e-12

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="live_figures.css"></head><body>
<script type="module">
import * as figures from "./live_figures.js";
window.slFigures = figures;
window.slMount = (payload) => {
  const holder = document.createElement("div");
  holder.className = "sl-live-mount";
  const script = document.createElement("script");
  script.type = figures.FIGURE_MIME;
  script.textContent = JSON.stringify(payload);
  holder.appendChild(script);
  document.body.replaceChildren(holder);
  figures.mountAll();
  return true;
};
window.slReady = true;
</script></body></html>
"""

#: Move the mounted figure's controls as a kernel message would, and return what it drew.
SET_AND_READ = """
(values) => {
  const el = document.querySelector('.sl-live');
  const figure = el.__slFigure;
  figure.model.set('value', { ...figure.values, ...values });
  const plain = (v) => v instanceof Float64Array ? Array.from(v)
    : Array.isArray(v) ? v.map(plain)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
    : v;
  return { state: plain(figure.state), readout: figure.readout(), values: figure.values };
}
"""


@contextlib.contextmanager
def _serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def figure_page(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("live-figures")
    for name in ("live_figures.js", "live_figures.css"):
        shutil.copy(STATIC / name, folder / name)
    (folder / "index.html").write_text(PAGE)
    with _serve(folder) as base:
        context = browser.new_context()
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(base)
                else route.abort("blockedbyclient")
            ),
        )
        page.goto(base + "index.html")
        page.wait_for_function("() => window.slReady === true")
        page.errors = errors
        try:
            yield page
        finally:
            context.close()


def mount(page, explorer):
    bundle, _ = explorer._repr_mimebundle_()
    payload = json.loads(json.dumps(bundle[FIGURE_MIME]))  # exactly what a notebook stores
    page.evaluate("(payload) => window.slMount(payload)", payload)


def drive(page, explorer, **values):
    """Set the values in Python and in the view; return what the view drew."""
    for name, value in values.items():
        explorer.controls[name].value = value
    drawn = page.evaluate(SET_AND_READ, explorer.value)
    assert drawn["values"] == explorer.value
    assert drawn["readout"] == explorer.readout.value
    assert page.errors == []
    return drawn["state"]


def assert_close(drawn, expected):
    drawn = np.asarray(drawn, dtype=float)
    expected = np.asarray(expected, dtype=float)
    assert drawn.shape == expected.shape
    scale = np.maximum(np.abs(expected), np.finfo(float).tiny)
    error = np.max(np.abs(drawn - expected) / scale) if expected.size else 0.0
    assert error <= TOLERANCE, f"largest relative error {error:.3g}"


@pytest.mark.parametrize(
    ("w", "b"), [(1.0, 0.0), (2.0, -3.0), (-4.5, 2.2), (0.0, 1.3), (10.0, 10.0), (-0.1, -10.0)]
)
def test_neuron_curve_matches_the_package(figure_page, w, b):
    explorer = neuron_explorer()
    mount(figure_page, explorer)
    state = drive(figure_page, explorer, w=w, b=b)
    x = np.linspace(-6.0, 6.0, 601)
    assert_close(state["x"], x)
    assert_close(state["curve"], sigmoid(w * x + b))
    assert_close(state["curve"], explorer.artists["curve"].get_ydata())
    if w != 0:
        assert state["step"] == -b / w + 0.0
        assert_close(state["limit"], explorer.artists["limit"].get_ydata())


@pytest.mark.parametrize("x0", [1.0, 0.0, -8.0, 8.0, 3.7, -0.3])
def test_tangent_matches_the_package(figure_page, x0):
    explorer = tangent_explorer()
    mount(figure_page, explorer)
    state = drive(figure_page, explorer, x0=x0)
    x = np.linspace(-8.0, 8.0, 401)
    assert_close(state["curve"], sigmoid(x))
    assert_close(state["gradient"], sigmoid_grad(x))
    assert_close([state["value"], state["slope"]], [sigmoid(x0), sigmoid_grad(x0)])
    # The tangent line crosses 0: compare it with the package's drawn line where it is not
    # a difference of nearly equal numbers, and exactly as the same formula elsewhere.
    assert_close(state["tangent"], explorer.artists["tangent"].get_ydata())


@pytest.mark.parametrize(
    ("depth", "x", "weight"),
    [(10, 0.0, 1.0), (30, 5.0, 1.0), (30, 0.5, 8.0), (1, -10.0, 0.5), (20, 2.3, 5.5)],
)
def test_gradient_chain_matches_the_package(figure_page, depth, x, weight):
    explorer = gradient_chain_explorer()
    mount(figure_page, explorer)
    state = drive(figure_page, explorer, depth=depth, x=x, weight=weight)
    chain = chain_gradient(x, depth, weight=weight)
    assert_close(state["product"], np.abs(chain.products))
    assert_close(state["factors"], chain.factors)
    assert_close(state["bound"], (weight / 4) ** np.arange(1, 31))


def test_activation_values_match_the_package(figure_page):
    explorer = activation_explorer(shown=list(ACTIVATIONS))
    mount(figure_page, explorer)
    for x in (-4.0, -3.0, -0.1, 0.0, 0.7, 4.0):
        state = drive(figure_page, explorer, x=x)
        for name, (f, g) in state.items():
            point = np.array([x])
            assert_close(
                [f, g],
                [ACTIVATIONS[name].function(point)[0], ACTIVATIONS[name].gradient(point)[0]],
            )
    state = drive(figure_page, explorer, relu=False, gelu=False)
    assert set(state) == set(ACTIVATIONS) - {"relu", "gelu"}


def test_gradient_flow_matches_the_package(figure_page):
    explorer = gradient_flow_explorer(depth=3, max_depth=6, activations=["sigmoid", "tanh"])
    mount(figure_page, explorer)
    for depth, activation in [(3, "sigmoid"), (6, "tanh"), (1, "sigmoid")]:
        state = drive(figure_page, explorer, depth=depth, activation=activation)
        assert_close(state["norms"], layer_gradient_norms(depth, activation))
        assert_close(state["reference"], layer_gradient_norms(depth, "relu"))
        assert state["layers"] == list(range(1, depth + 2))


def test_training_runs_match_the_package(figure_page):
    X, y = make_seed_data(200, seed=3)
    explorer = training_explorer(X, y, iterations=100, max_iterations=400)
    mount(figure_page, explorer)
    for lr, n, auto in [(0.1, 100, False), (10.0, 400, False), (0.001, 10, False), (1, 250, True)]:
        state = drive(figure_page, explorer, lr=lr, iterations=n, auto_lr=auto)
        rate = explorer.result.lr
        run = train(X, y, lr="auto" if auto else rate, iterations=n, record_every=1)
        drawn = np.asarray(state["iteration"], dtype=int)
        assert drawn[0] == 0 and drawn[-1] == n
        assert_close(state["loss"], run.history["loss"][drawn])
        assert_close(state["accuracy"], run.history["accuracy"][drawn])
        assert_close(state["weights"], run.weights)
        assert_close([state["bias"]], [run.bias])
        xs, ys = boundary_segment(run.weights, run.bias, explorer.spec["extent"])
        assert_close(np.ravel(state["boundary"]), np.concatenate([xs, ys]))


def test_the_readouts_match_python_over_a_sweep(figure_page):
    """Readouts are the same HTML in the browser and in Python, number formats included."""
    explorer = neuron_explorer()
    mount(figure_page, explorer)
    for w in np.round(np.arange(-10, 10.01, 1.3), 1):
        for b in (-9.9, -1.5, 0.0, 0.4, 7.7):
            drive(figure_page, explorer, w=float(w), b=b)
    explorer = gradient_chain_explorer()
    mount(figure_page, explorer)
    for depth in (1, 7, 30):
        for x in (-10.0, -0.4, 0.5, 9.9):
            for weight in (0.5, 4.0, 4.1, 8.0):
                drive(figure_page, explorer, depth=depth, x=x, weight=weight)


# ------------------------------------------------------------------------------ Chinese

#: Every text the mounted figure shows, by where it is.
DRAWN_TEXT = """
() => {
  const el = document.querySelector('.sl-live');
  const all = (selector) => Array.from(el.querySelectorAll(selector), (n) => n.textContent);
  return {
    svg: all('svg text'),
    labels: all('label'),
    options: all('option'),
    title: all('.sl-live-title'),
    caption: all('figcaption'),
    alt: Array.from(el.querySelectorAll('svg[aria-label]'), (n) => n.getAttribute('aria-label')),
  };
}
"""

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _scaled_seed_data():
    X, y = make_seed_data(120, seed=2)
    return X * np.array([1.0, 500.0]), y  # features of very different sizes: advice


#: (factory, the spec["text"] keys drawn as they are, control values to sweep).
CHINESE = {
    "neuron": (
        neuron_explorer,
        ["xlabel", "ylabel", "limit", "step"],
        [{"w": w, "b": b} for w in (-4.5, 0.0, 0.1, 6.0) for b in (-1.5, 0.0, 7.7)],
    ),
    "tangent": (
        tangent_explorer,
        ["xlabel", "ylabel", "tangent", "maximum"],
        [{"x0": x0} for x0 in (-8.0, -0.3, 0.0, 3.7)],
    ),
    "gradient_chain": (
        gradient_chain_explorer,
        ["xlabel", "ylabel", "float32", "best", "bound", "chain"],
        [
            {"depth": depth, "x": x, "weight": weight}
            for depth in (1, 7, 30)
            for x in (-10.0, 0.5)
            for weight in (0.5, 4.1, 8.0)
        ],
    ),
    "activations": (
        activation_explorer,
        ["xlabel", "title_f", "title_grad"],
        [{"x": 0.7}, {"sigmoid": False, "relu": False}, {"tanh": True, "x": -2.0}],
    ),
    "gradient_flow": (
        lambda: gradient_flow_explorer(depth=3, max_depth=4, activations=["sigmoid", "relu"]),
        ["xlabel", "ylabel"],
        [{"depth": 1}, {"activation": "relu", "depth": 4}],
    ),
    "training": (
        lambda: training_explorer(
            datasets={"plain": make_seed_data(120, seed=2), "scaled": _scaled_seed_data()},
            iterations=50,
            max_iterations=100,
        ),
        [
            "iteration",
            "loss_label",
            "loss_title",
            "accuracy_label",
            "accuracy_title",
            "x1",
            "x2",
            "surface_title",
        ],
        [
            {"lr": 0.1, "iterations": 50},
            {"auto_lr": True},
            {"auto_lr": False, "data": "scaled", "lr": 100.0, "iterations": 100},
            {"lr": 0.001, "iterations": 10},
        ],
    ),
}


@pytest.mark.parametrize("kind", list(CHINESE))
def test_a_chinese_explorer_draws_its_specs_words_and_pythons_readout(figure_page, kind):
    factory, drawn_keys, sweep = CHINESE[kind]
    with language("zh"):
        explorer = factory()
    mount(figure_page, explorer)
    readouts = []
    for values in sweep:
        drive(figure_page, explorer, **values)  # the readout, byte for byte
        readouts.append(explorer.readout.value)
        drawn = figure_page.evaluate(DRAWN_TEXT)
        assert set(drawn["labels"]) == {c.description for c in explorer.controls.values()}
    assert all(CJK.search(readout) for readout in readouts), readouts
    text = explorer.spec["text"]
    for key in drawn_keys:
        assert text[key] in drawn["svg"], key
    assert drawn["title"] == [explorer.title]
    assert drawn["caption"] == [text["caption"].format(alt=explorer.alt)]
    assert drawn["alt"] == [explorer.alt]
    assert CJK.search(drawn["caption"][0]) and CJK.search(drawn["title"][0])
    every = " ".join(drawn["svg"] + drawn["labels"] + drawn["options"] + drawn["caption"])
    assert "undefined" not in every and "{" not in every
    # The English words of the same figure are nowhere: the view wrote none of its own.
    english = factory().spec["text"]
    for key in drawn_keys:
        assert english[key] not in drawn["svg"], key
    if kind == "tangent":
        x0 = sweep[-1]["x0"]
        note = text["note"].format(
            fmt=fmt(x0),
            fmt2=fmt(float(sigmoid(x0)), ".3f"),
            fmt3=fmt(float(sigmoid_grad(x0)), ".4f"),
        )
        assert note.replace("\n", "") in drawn["svg"]
    if kind == "gradient_flow":
        assert explorer.spec["relu"]["label"] in drawn["svg"]
        assert explorer.spec["options"]["relu"]["legend"] in drawn["svg"]
    if kind == "training":
        assert any("训练失败" in r for r in readouts) and any("建议" in r for r in readouts)
