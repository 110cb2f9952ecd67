"""plot_accuracy_curves: it draws each recorded data set and the ceiling, on the axes given."""

from __future__ import annotations

import numpy as np
import pytest

from sigmoid_lab.data import make_moons
from sigmoid_lab.display import new_figure
from sigmoid_lab.experiments import make_mlp, train_and_track
from sigmoid_lab.plots.networks import plot_accuracy_curves


@pytest.fixture(scope="module")
def history():
    X, y = make_moons(40, noise=0.3, seed=1)
    held_out = {"validation": make_moons(30, noise=0.3, seed=2), "test": make_moons(50, seed=3)}
    return train_and_track(
        make_mlp([2, 8, 1]), X, y, lr=2.0, epochs=40, every=10, held_out=held_out
    )


def test_each_data_set_gets_its_line_with_the_recorded_values(history):
    ax = new_figure().add_subplot()
    lines = plot_accuracy_curves(history, ax=ax, labels={"test": "new points"}, ceiling=0.9)
    assert set(lines) == {"train", "validation", "test", "ceiling"}
    for name in ("train", "validation", "test"):
        np.testing.assert_array_equal(lines[name].get_xdata(), history["epoch"])
        np.testing.assert_array_equal(lines[name].get_ydata(), history[f"{name}_accuracy"])
        assert lines[name].axes is ax
    assert len({lines[name].get_color() for name in ("train", "validation", "test")}) == 3
    assert list(lines["ceiling"].get_ydata()) == [0.9, 0.9]
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend == ["train", "validation", "new points", "best possible (Bayes) accuracy"]


def test_data_sets_with_other_names_get_colours_of_their_own(history):
    renamed = {
        "epoch": history["epoch"],
        "train_accuracy": history["train_accuracy"],
        "validation_accuracy": history["validation_accuracy"],
        "new_accuracy": history["test_accuracy"],
        "old_accuracy": history["test_accuracy"],
    }
    lines = plot_accuracy_curves(renamed)
    assert len({line.get_color() for line in lines.values()}) == 4


def test_without_a_ceiling_only_the_data_sets_are_drawn(history):
    lines = plot_accuracy_curves({"epoch": history["epoch"], "a_accuracy": history["loss"]})
    assert set(lines) == {"a"}
    assert lines["a"].axes.get_xlabel() == "gradient steps (epochs)"


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ([1, 2], TypeError, "train_and_track"),
        ({"epoch": [0, 1]}, ValueError, "_accuracy"),
        ({"train_accuracy": [0.5]}, ValueError, "epoch"),
        ({"epoch": [0, 1], "train_accuracy": [0.5]}, ValueError, "must match"),
    ],
)
def test_a_wrong_history_is_explained(value, error, match):
    with pytest.raises(error, match=match):
        plot_accuracy_curves(value)
