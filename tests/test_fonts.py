"""Chinese text in figures renders from the shipped font subset, with no missing glyph."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from fontTools.ttLib import TTFont
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import sigmoid_lab as sl
from sigmoid_lab import plots
from sigmoid_lab.display import new_figure
from sigmoid_lab.i18n import language
from sigmoid_lab.style import CJK_FONT_FAMILY, CJK_FONT_PATH, style_context

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "sigmoid_lab" / "fonts"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


subset = _load("build_font_subset")
translate = _load("translate_notebooks")


def _png(fig) -> bytes:
    """Draw ``fig`` to PNG bytes; a glyph missing from every font in its family list fails."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph \d+ .* missing from font")
        fig.savefig(buffer, format="png")
    return buffer.getvalue()


# ------------------------------------------------------------------------------ the file


def test_the_subset_has_every_chinese_character_of_the_catalogues_and_notebooks():
    # Every CJK character in the package catalogue, the notebook catalogues, notebooks/zh and
    # the English notebooks (which quote the article) and the package source.
    needed = subset.needed_characters()
    text = "".join(
        json.dumps(json.loads(p.read_text("utf-8")), ensure_ascii=False)
        for p in (ROOT / "notebooks" / "zh").rglob("*.ipynb")
    )
    text += "".join(p.read_text("utf-8") for p in (ROOT / "locale").rglob("*.po"))
    text += translate.PACKAGE_PO.read_text("utf-8")
    assert {c for c in text if subset.is_cjk(c)} <= needed
    missing = sorted(needed - subset.covered(Path(CJK_FONT_PATH)))
    assert missing == [], f"run python tools/build_font_subset.py: {''.join(missing)}"


def test_the_subset_is_small_and_renamed_with_its_licence():
    size = Path(CJK_FONT_PATH).stat().st_size
    assert size < 400_000, f"{size} bytes"
    font = TTFont(CJK_FONT_PATH)
    assert font["name"].getDebugName(1) == CJK_FONT_FAMILY
    assert "Source" not in CJK_FONT_FAMILY  # the Reserved Font Name of the original
    licence = (FONTS / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "glyf" in font  # TrueType outlines, which every Matplotlib backend embeds


def test_importing_the_package_registers_no_font_and_changes_no_setting():
    code = (
        "import matplotlib, json\n"
        "from matplotlib import font_manager\n"
        "before = dict(matplotlib.rcParams)\n"
        "import sigmoid_lab\n"
        "fonts = [f.fname for f in font_manager.fontManager.ttflist]\n"
        "print(json.dumps([before == dict(matplotlib.rcParams), "
        "any('SigmoidLab' in f for f in fonts)]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == [True, False]


def test_the_style_context_adds_the_font_as_a_fallback_and_restores_the_settings():
    before = dict(matplotlib.rcParams)
    with style_context():
        family = list(matplotlib.rcParams["font.family"])
    assert family[-1] == CJK_FONT_FAMILY and family[0] != CJK_FONT_FAMILY
    assert dict(matplotlib.rcParams) == before


# ------------------------------------------------------------------------------ drawing


def test_every_translated_message_draws_without_a_missing_glyph():
    catalog = translate.read_catalogue(translate.PACKAGE_PO)
    strings = [m.string for m in catalog if m.id and m.string]
    with style_context():
        fig = new_figure(figsize=(8, 0.25 * len(strings)))
        for row, text in enumerate(strings):
            fig.text(0.01, 1 - (row + 1) / (len(strings) + 1), text, fontsize=6)
    assert _png(fig).startswith(b"\x89PNG")


def _figure_of(drawn):
    """The figure of whatever a plot function returned (a dict or dataclass of artists)."""
    if isinstance(drawn, Figure):
        return drawn
    if isinstance(drawn, Axes):
        return drawn.figure
    if isinstance(drawn, Artist):
        return drawn.get_figure(root=True)
    values = drawn.values() if isinstance(drawn, dict) else vars(drawn).values()
    for value in values:
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, (Figure, Axes, Artist)):
                return _figure_of(item)
            if isinstance(item, dict) or hasattr(item, "__dataclass_fields__"):
                found = _figure_of(item)
                if found is not None:
                    return found
    return None


def _every_plot():
    """Each plot function of the package once, with small data."""
    X, y = sl.make_seed_data(60, seed=0)
    run = sl.train(X, y, iterations=30)
    p = run.predict_proba(X)
    grid = np.linspace(-1, 1, 50)
    t = np.linspace(-1, 1, 21)
    history = {"epoch": np.arange(3), "train_accuracy": np.array([0.5, 0.7, 0.9])}
    yield plots.plot_neuron(2.0, -1.0)
    yield plots.plot_sigmoid()
    yield plots.plot_logit()
    yield plots.plot_sigmoid_grad()
    yield plots.plot_tangent(1.0)
    yield plots.plot_gradient_chain(0.5, 6)
    yield plots.plot_gradient_rounding()
    yield plots.plot_finite_difference_error()
    yield plots.plot_activations()
    yield plots.plot_logistic_samples(sl.sample_logistic(200, seed=0))
    yield plots.plot_two_layer_net([[1.0], [-1.0]], [0.0, 1.0], [[1.0, 2.0]], [0.5])
    yield plots.plot_fit_to_labels(grid[:10], np.arange(10) % 2, grid, np.sin(grid))
    yield plots.plot_history({"lr = 0.1": run})
    yield plots.plot_training_curves(run)
    yield plots.plot_training_overview(run, X, y)
    yield plots.plot_probability_surface(run, X, y)
    yield plots.plot_cross_entropy_comparison()
    yield plots.plot_loss_along_line(t, t**2)
    yield plots.plot_reliability({"held out": sl.reliability_table(p, y)})
    yield plots.plot_layer_gradient_norms(np.array([1.0, 0.1, 0.01]))
    yield plots.plot_train_test_accuracy({"sigmoid net": (1.0, 0.8)})
    yield plots.plot_accuracy_curves(history, ceiling=0.95)
    yield plots.small_multiples(plots.plot_neuron, [{"w": 1, "b": 0}, {"w": 5, "b": 0}])


@pytest.mark.parametrize("code", ["zh", "en"])
def test_every_plot_draws_without_a_missing_glyph(code):
    with language(code):
        figures = [_figure_of(drawn) for drawn in _every_plot()]
    assert None not in figures and len(figures) == 23
    for fig in figures:
        assert _png(fig).startswith(b"\x89PNG")
