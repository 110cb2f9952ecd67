"""Plot functions of chapters 4 to 6: they draw what they say, on the axes they are given."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.contour import ContourSet
from matplotlib.lines import Line2D

from sigmoid_lab.activations import sigmoid
from sigmoid_lab.data import make_seed_data
from sigmoid_lab.display import new_figure
from sigmoid_lab.plots.activations import plot_activations
from sigmoid_lab.plots.networks import plot_layer_gradient_norms, plot_train_test_accuracy
from sigmoid_lab.plots.training import (
    boundary_segment,
    nice_ceiling,
    plain_log_axis,
    plot_cross_entropy_comparison,
    plot_history,
    plot_probability_surface,
    plot_training_curves,
    plot_training_overview,
    probability_grid,
    scale_loss_axis,
    steady_step_axis,
)
from sigmoid_lab.training import train


@pytest.fixture(scope="module")
def data():
    return make_seed_data(200, seed=1)


@pytest.fixture(scope="module")
def result(data):
    X, y = data
    return train(X, y, lr=1.0, iterations=60)


def test_plot_history_draws_one_line_per_run_on_the_given_axes(result):
    ax = new_figure().add_subplot()
    lines = plot_history({"a": result, "b": result.history}, "weight_norm", ax=ax, logy=True)
    assert set(lines) == {"a", "b"}
    assert all(line.axes is ax for line in lines.values())
    np.testing.assert_array_equal(lines["a"].get_ydata(), result.history["weight_norm"])
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "weight norm"


def test_plot_history_reads_epochs_too():
    history = {"epoch": np.arange(3), "loss": np.array([1.0, 0.5, 0.2])}
    lines = plot_history({"net": history})
    assert lines["net"].axes.get_xlabel() == "epoch"


def test_plot_history_errors_say_what_to_pass(result):
    with pytest.raises(TypeError, match="pass a dict"):
        plot_history(result)
    with pytest.raises(ValueError, match=r"no 'speed'.*loss"):
        plot_history({"a": result}, "speed")
    with pytest.raises(TypeError, match="training result"):
        plot_history({"a": [1, 2, 3]})


def test_loss_axis_is_logarithmic_only_when_the_loss_spans_decades():
    ax = new_figure().add_subplot()
    scale_loss_axis(ax, np.array([0.69, 0.1, 0.01]))
    assert ax.get_yscale() == "log"
    assert ax.get_ylim()[0] < 0.01 and ax.get_ylim()[1] > 0.69
    scale_loss_axis(ax, np.array([0.693, 0.69, 0.685]))
    assert ax.get_yscale() == "linear"
    assert ax.get_ylim()[0] < 0.685 < 0.693 < ax.get_ylim()[1]


def test_a_steady_loss_axis_stays_put_while_the_curve_fits_and_fills_it():
    ax = new_figure().add_subplot()
    scale_loss_axis(ax, np.array([0.69, 0.02]), steady=True)
    assert ax.get_yscale() == "log"
    limits = ax.get_ylim()
    # A round lower limit with room under the lowest loss: 0.02 / 1.3 -> 0.01.
    assert limits[0] == pytest.approx(0.01)
    scale_loss_axis(ax, np.array([0.69, 0.012]), steady=True)
    assert ax.get_ylim() == limits
    # Out of the axis: refitted.
    scale_loss_axis(ax, np.array([0.69, 0.005]), steady=True)
    assert ax.get_ylim()[0] < 0.005
    # Inside but filling less than half of the decades shown: refitted, and linear.
    scale_loss_axis(ax, np.array([0.69, 0.6]), steady=True)
    assert ax.get_yscale() == "linear"
    assert ax.get_ylim()[0] < 0.6 < 0.69 < ax.get_ylim()[1]
    linear = ax.get_ylim()
    scale_loss_axis(ax, np.array([0.69, 0.605]), steady=True)
    assert ax.get_ylim() == linear


def test_an_unsteady_loss_axis_follows_every_call():
    ax = new_figure().add_subplot()
    scale_loss_axis(ax, np.array([0.69, 0.02]))
    limits = ax.get_ylim()
    scale_loss_axis(ax, np.array([0.69, 0.012]))
    assert ax.get_ylim() != limits


@given(st.floats(1e-6, 1e9))
def test_nice_ceiling_is_the_next_round_number(value):
    nice = nice_ceiling(value)
    assert value * (1 - 1e-9) <= nice <= 1.5 * value * (1 + 1e-9)
    mantissa = nice / 10 ** np.floor(np.log10(nice) + 1e-12)
    assert any(np.isclose(mantissa, m) for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8))


def test_nice_ceiling_rejects_what_has_no_round_ceiling():
    with pytest.raises(ValueError, match="positive"):
        nice_ceiling(0.0)


def test_the_step_axis_grows_at_once_and_shrinks_only_below_half():
    ax = new_figure().add_subplot()
    ax.plot([0, 300], [1, 0])
    steady_step_axis(ax, 300)
    assert ax.get_xlim() == (0, 300)
    steady_step_axis(ax, 310)
    assert ax.get_xlim() == (0, 400)
    steady_step_axis(ax, 300)
    assert ax.get_xlim() == (0, 400)
    steady_step_axis(ax, 190)
    assert ax.get_xlim() == (0, 200)
    steady_step_axis(ax, 0)
    assert ax.get_xlim() == (0, 1)


def test_log_axes_are_labelled_with_plain_numbers():
    ax = new_figure().add_subplot()
    ax.plot([0, 1], [0.03, 0.69])
    plain_log_axis(ax)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels(minor=True) if t.get_text()]
    labels += [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "0.1" in labels and "0.3" in labels
    assert not any("10^" in label or "times" in label for label in labels)


def test_plot_training_curves_makes_two_panels(result):
    lines = plot_training_curves(result)
    assert lines["loss"].axes is not lines["accuracy"].axes
    np.testing.assert_array_equal(lines["accuracy"].get_ydata(), result.history["accuracy"])


@settings(max_examples=60, deadline=None)
@given(
    w=st.tuples(st.floats(-5, 5), st.floats(-5, 5)).filter(lambda w: np.hypot(*w) > 1e-3),
    b=st.floats(-3, 3),
)
def test_boundary_segment_lies_on_the_line_and_inside_the_box(w, b):
    extent = (-2.0, 3.0, -1.0, 2.0)
    xs, ys = boundary_segment(np.array(w), b, extent)
    assert xs.size in (0, 2)
    if xs.size:
        np.testing.assert_allclose(w[0] * xs + w[1] * ys + b, 0.0, atol=1e-8)
        assert np.all((xs >= -2 - 1e-9) & (xs <= 3 + 1e-9))
        assert np.all((ys >= -1 - 1e-9) & (ys <= 2 + 1e-9))


def test_boundary_segment_misses_the_box():
    xs, ys = boundary_segment(np.array([1.0, 0.0]), -10.0, (-1, 1, -1, 1))
    assert xs.size == 0 and ys.size == 0


def test_probability_grid_rows_follow_the_second_feature():
    grid = probability_grid(lambda P: sigmoid(5 * P[:, 1]), (-1, 1, -1, 1), resolution=11)
    assert grid.shape == (11, 11)
    assert grid[0, 5] < 0.01 and grid[-1, 5] > 0.99  # bottom row low, top row high


def test_probability_surface_of_a_linear_model_draws_its_exact_boundary(data, result):
    X, y = data
    artists = plot_probability_surface(result, X, y, resolution=40)
    assert isinstance(artists.boundary, Line2D)
    xs, ys = artists.boundary.get_data()
    np.testing.assert_allclose(
        result.weights[0] * xs + result.weights[1] * ys + result.bias, 0.0, atol=1e-8
    )
    assert artists.image.get_array().shape == (40, 40)
    assert len(artists.points[0].get_offsets()) == np.sum(y == 0)
    assert len(artists.points[1].get_offsets()) == np.sum(y == 1)


def test_probability_surface_of_any_function_draws_a_contour(data):
    X, y = data
    artists = plot_probability_surface(lambda P: sigmoid(P[:, 0] * P[:, 1]), X, y, colorbar=False)
    assert isinstance(artists.boundary, ContourSet)
    # A constant model has no boundary to draw.
    flat = plot_probability_surface(lambda P: np.full(len(P), 0.9), X, y, colorbar=False)
    assert flat.boundary is None


def test_probability_surface_rejects_bad_input(data):
    X, y = data
    with pytest.raises(TypeError, match="predict_proba"):
        plot_probability_surface(object(), X, y)
    with pytest.raises(ValueError, match=r"shape \(m, 2\)"):
        plot_probability_surface(lambda P: P[:, 0], np.ones((5, 3)), np.ones(5))
    with pytest.raises(ValueError, match="must have shape"):
        plot_probability_surface(lambda P: P[:, 0], X, y[:-1])


def test_training_overview_draws_three_panels(data, result):
    X, y = data
    overview = plot_training_overview(result, X, y)
    axes = {overview["loss"].axes, overview["accuracy"].axes, overview["surface"].image.axes}
    assert len(axes) == 3


def test_cross_entropy_comparison_marks_where_the_textbook_form_breaks():
    z = np.linspace(0, 45, 181)
    artists = plot_cross_entropy_comparison(z)
    stable_1 = artists["stable y=1"].get_ydata()
    stable_0 = artists["stable y=0"].get_ydata()
    assert np.all(np.isfinite(stable_1)) and np.all(np.isfinite(stable_0))
    np.testing.assert_allclose(stable_0[-1], 45.0, rtol=1e-12)  # loss of y=0 at z=45 is ~z
    assert stable_1[-1] > 0  # tiny, but not rounded to 0
    broken = artists["not finite"]
    # p = σ(z) rounds to 1.0 from z ≈ 36.7 on: exactly where the textbook form breaks.
    assert 36.0 < broken.min() < 37.5
    textbook = artists["textbook y=1"].get_ydata()
    assert np.isnan(textbook[z > 37.5]).all()
    assert np.isfinite(textbook[z < 36]).all()
    assert artists["stable y=1"].axes.get_yscale() == "log"


def test_cross_entropy_comparison_prints_no_warning(recwarn):
    plot_cross_entropy_comparison(np.array([-40.0, 0.0, 40.0]))
    assert len(recwarn) == 0


def test_plot_activations_draws_functions_and_derivatives():
    lines = plot_activations(["sigmoid", "relu"])
    ax_f, ax_g = lines.axes
    assert set(lines.functions) == set(lines.gradients) == {"sigmoid", "relu"}
    assert max(lines.gradients["sigmoid"].get_ydata()) == pytest.approx(0.25, abs=1e-4)
    assert ax_f.get_ylabel() and ax_g.get_ylabel()
    with pytest.raises(ValueError, match=r"unknown activation.*sigmoid"):
        plot_activations(["sigmoidd"])
    with pytest.raises(ValueError, match="at least one"):
        plot_activations([])
    with pytest.raises(TypeError, match="activation names"):
        plot_activations([3])


def test_plot_layer_gradient_norms_one_point_per_layer():
    lines = plot_layer_gradient_norms({"sigmoid": [1e-5, 1e-3, 1e-1], "relu": [0.1, 0.2, 0.3]})
    np.testing.assert_array_equal(lines["sigmoid"].get_xdata(), [1, 2, 3])
    assert lines["sigmoid"].axes.get_yscale() == "log"
    with pytest.raises(ValueError, match="one norm per layer"):
        plot_layer_gradient_norms(np.ones((2, 2)))


def test_plot_train_test_accuracy_draws_two_bars_per_model():
    bars = plot_train_test_accuracy({"net": (1.0, 0.8), "logistic": (0.85, 0.84)})
    assert [b.get_height() for b in bars["train"]] == [1.0, 0.85]
    assert [b.get_height() for b in bars["test"]] == [0.8, 0.84]
    with pytest.raises(TypeError, match="pass a dict"):
        plot_train_test_accuracy([(1.0, 0.8)])


def test_probability_surface_of_a_network_traces_its_boundary():
    from sigmoid_lab.data import make_moons
    from sigmoid_lab.nn import train_mlp
    from sigmoid_lab.plots.training import plot_probability_surface

    X, y = make_moons(120, seed=2)
    net = train_mlp(X, y, hidden=(8,), epochs=200, lr=0.5)
    for model in (net, net.model, net.predict_proba):
        artists = plot_probability_surface(model, X, y)
        assert artists.boundary is not None


def test_boundary_segment_of_a_nearly_flat_line_stays_inside_the_box():
    # The line 1e-9·x + y + 1 = 0 crosses y = −1 at x = 0: only x ≤ 0 lies inside the box.
    xs, ys = boundary_segment(np.array([1e-9, 1.0]), 1.0, (-2.0, 3.0, -1.0, 2.0))
    assert xs.size == 2
    assert np.all(ys >= -1.0 - 1e-12) and np.all(xs <= 1e-3)
