"""The explorers speak the language in force when they are made, and English is unchanged.

Every word an explorer shows (control labels, title, alt text, the readout, and the labels and
legends the view draws from ``spec["text"]``) comes from the package catalogue. Made after
``set_language("zh")`` an explorer is Chinese throughout and names every number its English
twin names; made in English it writes exactly what it wrote before it was translated.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest

from sigmoid_lab import i18n
from sigmoid_lab.data import make_seed_data
from sigmoid_lab.widgets import (
    activation_explorer,
    gradient_chain_explorer,
    gradient_flow_explorer,
    neuron_explorer,
    tangent_explorer,
    training_explorer,
)
from sigmoid_lab.widgets.base import FIGURE_MIME

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-−+]?\d+)?")


def _scaled_data():
    # Features of very different sizes: train() gives advice, which the readout adds.
    X, y = make_seed_data(120, seed=2)
    return X * np.array([1.0, 500.0]), y


#: Each explorer, and control values to read its readout at (every branch of its text).
CASES = {
    "neuron": (
        lambda: neuron_explorer(),
        [{"w": 4.0, "b": -1.0}, {"w": -2.5, "b": 3.3}, {"w": 0.0, "b": 1.2}],
    ),
    "tangent": (lambda: tangent_explorer(), [{"x0": 1.3}, {"x0": -8.0}]),
    "gradient_chain": (
        lambda: gradient_chain_explorer(),
        [
            {"depth": 1, "x": 0.5, "weight": 1.0},
            {"depth": 30, "x": 5.0, "weight": 1.0},
            {"depth": 20, "x": 0.5, "weight": 8.0},
            {"depth": 4, "x": 0.0, "weight": 2.0},
        ],
    ),
    "activations": (
        lambda: activation_explorer(),
        [{"x": 0.7}, {"sigmoid": False, "relu": False}, {"tanh": True, "x": -2.0}],
    ),
    "gradient_flow": (
        lambda: gradient_flow_explorer(depth=3, max_depth=4, activations=["sigmoid", "relu"]),
        [{"depth": 1}, {"activation": "relu", "depth": 4}],
    ),
    "training": (
        lambda: training_explorer(
            datasets={"plain": make_seed_data(120, seed=2), "scaled": _scaled_data()},
            iterations=50,
            max_iterations=100,
        ),
        [
            {"lr": 0.1, "iterations": 50},
            {"auto_lr": True},
            {"auto_lr": False, "data": "scaled", "lr": 100.0, "iterations": 100},
        ],
    ),
}


@pytest.fixture(autouse=True)
def _english_afterwards():
    before = i18n.get_language()
    yield
    i18n.set_language(before)


def _make(kind, code):
    with i18n.language(code):
        return CASES[kind][0]()


def _readouts(explorer, moves):
    found = []
    for move in moves:
        for name, value in move.items():
            explorer.controls[name].value = value
        found.append(explorer.readout.value)
    return found


def _labels(explorer):
    return [control.description for control in explorer.controls.values()]


def _missing_numbers(english: str, chinese: str) -> Counter:
    return Counter(NUMBER.findall(english)) - Counter(NUMBER.findall(chinese))


@pytest.mark.parametrize("kind", list(CASES))
def test_an_explorer_made_in_chinese_is_chinese_with_the_english_numbers(kind):
    english, chinese = _make(kind, "en"), _make(kind, "zh")
    for text in (chinese.title, chinese.alt):
        assert CJK.search(text), text
    assert any(CJK.search(label) for label in _labels(chinese)), _labels(chinese)
    assert not _missing_numbers(english.alt, chinese.alt)
    plain = chinese._repr_mimebundle_()[0]["text/plain"]
    assert CJK.search(plain.replace(chinese.alt, "")), plain
    assert not _missing_numbers(english._repr_mimebundle_()[0]["text/plain"], plain)
    moves = CASES[kind][1]
    for en, zh in zip(_readouts(english, moves), _readouts(chinese, moves), strict=True):
        assert CJK.search(zh), zh
        assert en != zh
        missing = _missing_numbers(en, zh)
        assert not missing, f"{zh!r} lacks {sorted(missing)} of {en!r}"


@pytest.mark.parametrize("kind", list(CASES))
def test_every_word_the_view_draws_is_translated(kind):
    english, chinese = _make(kind, "en"), _make(kind, "zh")
    en_text, zh_text = english.spec["text"], chinese.spec["text"]
    assert set(en_text) == set(zh_text)
    for key, value in zh_text.items():
        assert CJK.search(value), (key, value)
        assert value != en_text[key]
        # A template keeps its named fields, for the view to fill in.
        assert sorted(re.findall(r"\{(\w+)\}", value)) == sorted(
            re.findall(r"\{(\w+)\}", en_text[key])
        ), key
    # The stable form a notebook saves carries the words, so the website draws them too.
    payload = chinese._repr_mimebundle_()[0][FIGURE_MIME]
    assert payload["spec"]["text"] == zh_text
    assert payload["spec"]["title"] == chinese.title


def test_an_explorer_keeps_the_language_it_was_made_in():
    with i18n.language("zh"):
        explorer = neuron_explorer()
    i18n.set_language("en")
    explorer.controls["w"].value = 3.0
    assert explorer.readout.value.startswith("阶跃位置 x = −b/w = <b>")
    assert explorer.controls["w"].description == "权重 w"


def test_the_matplotlib_form_is_drawn_in_the_explorers_language():
    with i18n.language("zh"):
        explorer = neuron_explorer()
    assert i18n.get_language() == "en"
    ax = explorer.artists["curve"].axes
    assert ax.get_xlabel() == "输入 x"
    assert i18n.get_language() == "en"


def test_the_chinese_follows_the_glossary():
    with i18n.language("zh"):
        neuron = neuron_explorer()
        training = training_explorer(iterations=10, max_iterations=20)
    assert [c.description for c in neuron.controls.values()] == ["权重 w", "偏置 b"]
    assert training.controls["lr"].description == "学习率"
    assert "逻辑回归" in training.title


def test_grammar_variants_are_whole_sentences():
    with i18n.language("zh"):
        rises = neuron_explorer(w=2.0).readout.value
        falls = neuron_explorer(w=-2.0).readout.value
    assert "上升" in rises and "下降" in falls
    one = gradient_chain_explorer(depth=1).readout.value
    many = gradient_chain_explorer(depth=2).readout.value
    assert one.startswith("After 1 layer the gradient is <b>")
    assert many.startswith("After 2 layers the gradient is <b>")


def test_the_errors_of_the_factories_follow_the_language():
    with i18n.language("zh"), pytest.raises(ValueError, match="超出了滑块的范围 −10 到 10"):
        neuron_explorer(w=20)
    with i18n.language("zh"), pytest.raises(ValueError, match="不认识"):
        activation_explorer(["sigmoid", "nonesuch"])
    with i18n.language("zh"), pytest.raises(TypeError, match="不要两者都给"):
        training_explorer(np.zeros((2, 2)), [0, 1], datasets={})


# ------------------------------------------------------------------------------ English


def test_the_english_is_what_it_was():
    # Written out in full: the committed English notebooks hold these very strings.
    explorer = neuron_explorer()
    assert explorer.title == "One neuron: σ(wx + b)"
    assert _labels(explorer) == ["weight w", "bias b"]
    explorer.controls["w"].value = -4.0
    explorer.controls["b"].value = 2.0
    assert explorer.readout.value == (
        "Step at x = −b/w = <b>0.50</b>. The output falls between 0.1 and 0.9 over a width "
        "of 2·ln 9 / |w| = <b>1.10</b>."
    )
    explorer.controls["w"].value = 0.0
    assert explorer.readout.value == (
        "w = 0: the output is σ(b) = 0.881 for every input, a flat line with no step."
    )
    assert explorer._repr_mimebundle_()[0]["text/plain"] == (
        "[Interactive figure: The output σ(wx + b) of one neuron against its input x, an "
        "S-shaped curve from 0 to 1, with its step position x = −b/w marked; the dashed step "
        "function is what the curve approaches as |w| grows. Run this cell in Jupyter to use "
        "its controls; a static version follows.]"
    )
    assert tangent_explorer(x0=0.0).readout.value == (
        "At x₀ = 0.00 the slope is σ′(x₀) = σ(x₀)(1 − σ(x₀)) = <b>0.2500</b>, 100.0% of the "
        "maximum ¼."
    )
    assert gradient_chain_explorer(x=0.5, depth=1, weight=8.0).readout.value == (
        "After 1 layer the gradient is <b>2.0e+00</b> (larger than 1: the gradient has grown). "
        "Largest factor w·σ′(z) along the chain: 2; it can exceed 1 only if |w| > 4 (for a "
        "chain of single units)."
    )
    activations = activation_explorer(shown=[])
    assert activations.readout.value == "Tick an activation to see its values."
    assert activations.spec["text"]["at"] == "at x = {x}"
    flow = gradient_flow_explorer(depth=2, max_depth=2, activations=["sigmoid"])
    assert re.fullmatch(
        r"Sigmoid, 2 hidden layers: the first layer's gradient is <b>[\d.e+-]+</b> times the "
        r"last layer's \(ReLU: [\d.e+-]+\)\.",
        flow.readout.value,
    )
    assert flow.spec["options"]["sigmoid"]["legend"] == "Sigmoid, Xavier"
    assert flow.spec["relu"]["label"] == "ReLU, He (for reference)"
    training = training_explorer(iterations=10, max_iterations=20, auto_lr=True)
    assert _labels(training) == ["learning rate", "iterations", 'lr = "auto" (3.79)']
    assert re.fullmatch(
        r"step used: <b>3\.79</b> \(auto = 1/L\) · final loss <b>[\d.]+</b> · training "
        r"accuracy <b>[\d.]+%</b> · ‖w‖ = <b>[\d.]+</b>, b = <b>−?[\d.]+</b>",
        training.readout.value,
    )
