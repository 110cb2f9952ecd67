"""The package speaks English by default and Chinese on request, from complete catalogues."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import sigmoid_lab as sl
from sigmoid_lab import i18n
from sigmoid_lab.plots import plot_activations, plot_neuron

ROOT = Path(__file__).resolve().parents[1]


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "translate_notebooks", ROOT / "tools" / "translate_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(autouse=True)
def _english_afterwards():
    before = i18n.get_language()
    yield
    i18n.set_language(before)


def _message(call) -> str:
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    return str(info.value)


# ------------------------------------------------------------------------------ the setting


def test_english_is_the_default_and_set_language_switches():
    assert sl.get_language() == "en"
    assert sl.set_language("zh") is None  # nothing to print under the notebook's cell
    assert sl.get_language() == "zh"
    sl.set_language("en")
    assert sl.get_language() == "en"


@pytest.mark.parametrize("spelling", ["zh", "zh-CN", "zh_CN", "zh-Hans", "中文", " ZH "])
def test_the_usual_spellings_of_chinese_are_understood(spelling):
    sl.set_language(spelling)
    assert sl.get_language() == "zh"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="'en', 'zh'"):
        sl.set_language("fr")


def test_the_environment_variable_sets_the_starting_language():
    code = "import sigmoid_lab as sl; print(sl.get_language()); sl.sigmoid('a')"
    env = {**os.environ, "SIGMOID_LAB_LANG": "zh"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.stdout.strip() == "zh"
    assert "请传入数，而不是文本" in run.stderr


def test_an_unknown_environment_value_warns_and_keeps_english():
    code = "import sigmoid_lab as sl; print(sl.get_language())"
    env = {**os.environ, "SIGMOID_LAB_LANG": "klingon", "PYTHONWARNINGS": "default"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.stdout.strip() == "en"
    assert "SIGMOID_LAB_LANG='klingon'" in run.stderr


def test_the_language_context_restores_the_language():
    with i18n.language("zh"):
        assert i18n.gettext("input x") == "输入 x"
    assert i18n.get_language() == "en"
    assert i18n.gettext("input x") == "input x"


# ------------------------------------------------------------------------------ messages


def test_errors_stay_in_english_by_default():
    assert _message(lambda: sl.sigmoid("abc")) == (
        "sigmoid() expects numbers (a float, a list of floats or a NumPy array), got str "
        "'abc'. Pass numbers, not text."
    )


def test_errors_for_bad_input_are_in_chinese_after_the_call():
    sl.set_language("zh")
    message = _message(lambda: sl.train([[1.0], [2.0]], [[1], [0]]))
    assert message.startswith("train() 需要 y 是一维的，形状为 (2,)")
    assert "np.ravel(y)" in message  # the code to type stays code
    message = _message(lambda: sl.train([[1.0], [2.0]], [1, 1]))
    assert "只有类别 1" in message and "split_train_test(X, y)" in message


def test_advice_is_written_in_the_language_in_force_when_training():
    X = np.array([[1.0, 1000.0], [2.0, 3000.0], [0.5, 100.0]])
    sl.set_language("zh")
    result = sl.train(X, [1, 0, 1], iterations=2)
    assert "请先标准化特征" in result.advice
    assert "建议：" in repr(result)


def test_figure_labels_follow_the_language():
    sl.set_language("zh")
    artists = plot_neuron(1.0, 0.0)
    ax = artists["curve"].axes
    assert ax.get_xlabel() == "输入 x"
    assert "阶跃位置 x = −b/w" in [t.get_text() for t in ax.get_legend().get_texts()]
    lines = plot_activations(["sigmoid", "leaky_relu"])
    labels = [line.get_label() for line in lines.functions.values()]
    assert labels == ["Sigmoid", "Leaky ReLU（斜率 0.01）"]
    assert lines.axes[1].get_title() == "导数"


# ------------------------------------------------------------------------------ catalogues


def test_every_marked_message_has_a_current_translation_with_the_same_fields():
    # check_package() fails on a message with no translation, on one whose English changed
    # (fuzzy), on a translation whose {fields} differ from the English, and on a .mo that
    # differs from the .po (compiled before the last edit, or not at all).
    assert tool.check_package() == []


def test_a_mo_that_differs_from_the_po_is_reported(tmp_path, monkeypatch):
    catalog = tool.read_catalogue(tool.PACKAGE_PO)
    message = next(m for m in catalog if m.id == "input x")
    message.string = "输入的 x"
    stale_po = tmp_path / "sigmoid_lab.po"
    tool.write_catalogue(catalog, stale_po, "test")
    monkeypatch.setattr(tool, "PACKAGE_PO", stale_po)
    assert any("differs from its .po" in p for p in tool.check_package())


def test_the_catalogue_is_complete_and_its_fields_match():
    catalog = tool.read_catalogue(tool.PACKAGE_PO)
    entries = [m for m in catalog if m.id]
    assert len(entries) > 300
    for entry in entries:
        assert entry.string and not entry.fuzzy, entry.id
        assert tool.placeholders(entry.string) == tool.placeholders(entry.id), entry.id


def test_a_translated_message_differs_from_the_english_unless_it_is_a_formula():
    # A translator who pasted the English back would leave the learner without Chinese.
    catalog = tool.read_catalogue(tool.PACKAGE_PO)
    same = [m.id for m in catalog if m.id and m.string == m.id]
    assert same == []
