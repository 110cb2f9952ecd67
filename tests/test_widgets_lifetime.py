"""What making and closing an explorer leaves behind: Matplotlib's state as it was, no widgets."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import weakref

import matplotlib
import matplotlib.pyplot as plt
import pytest
from ipywidgets.widgets.widget import _instances
from matplotlib._pylab_helpers import Gcf

from sigmoid_lab.data import make_seed_data
from sigmoid_lab.display import live_canvas, new_figure
from sigmoid_lab.widgets import (
    activation_explorer,
    gradient_chain_explorer,
    gradient_flow_explorer,
    neuron_explorer,
    tangent_explorer,
    training_explorer,
)

FACTORIES = {
    "neuron": neuron_explorer,
    "tangent": tangent_explorer,
    "gradient_chain": gradient_chain_explorer,
    "activation": activation_explorer,
    "gradient_flow": lambda: gradient_flow_explorer(depth=3, max_depth=4),
    "training": lambda: training_explorer(*make_seed_data(100, seed=0), iterations=20),
}


def _matplotlib_state():
    return (
        matplotlib.get_backend(),
        matplotlib.rcParamsDefault["backend"],
        dict(matplotlib.rcParams),
        plt.get_fignums(),
        dict(Gcf.figs),
        matplotlib.is_interactive(),
    )


@pytest.mark.parametrize("factory", FACTORIES.values(), ids=FACTORIES)
def test_an_explorer_changes_no_matplotlib_state(factory):
    fig = plt.figure()  # a figure of the learner's own, which must stay pyplot's only one
    try:
        before = _matplotlib_state()
        explorer = factory()
        assert _matplotlib_state() == before
        explorer.figure  # noqa: B018 - its Matplotlib form, drawn on demand
        assert _matplotlib_state() == before
        explorer.close()
        assert _matplotlib_state() == before
    finally:
        plt.close(fig)


@pytest.mark.parametrize(
    "setup",
    [
        "import matplotlib.pyplot as plt; plt.switch_backend('svg'); plt.figure()",
        "import matplotlib; matplotlib.use('svg')",
    ],
    ids=["pyplot-imported", "matplotlib-only"],
)
def test_the_first_live_canvas_imports_ipympl_without_switching_the_backend(setup):
    # ipympl's package calls matplotlib.use() when it is imported; only a fresh interpreter
    # shows whether that call still reaches Matplotlib.
    script = textwrap.dedent(
        f"""
        import sys
        {setup}
        import matplotlib
        use = matplotlib.use
        from sigmoid_lab.display import live_canvas, new_figure
        import matplotlib.pyplot as plt

        before = (matplotlib.get_backend(), dict(matplotlib.rcParams), plt.get_fignums())
        assert "ipympl" not in sys.modules
        live_canvas(new_figure(), alt="x")
        assert "ipympl.backend_nbagg" in sys.modules
        after = (matplotlib.get_backend(), dict(matplotlib.rcParams), plt.get_fignums())
        assert after == before, (before[0], after[0])
        assert matplotlib.use is use
        print("kept", after[0])
        """
    )
    done = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "kept svg"
    assert done.stderr == ""


@pytest.mark.parametrize("factory", FACTORIES.values(), ids=FACTORIES)
def test_close_frees_the_widgets_and_the_figure(factory):
    gc.collect()
    widgets_before = set(_instances)
    explorer = factory()
    figure = weakref.ref(explorer.figure)
    explorer.close()
    gc.collect()
    # The explorer itself is still held, as IPython's output history would hold it.
    assert explorer.closed
    assert figure() is None
    assert set(_instances) == widgets_before
    assert explorer.comm is None
    assert explorer.controls == {}
    assert repr(explorer).startswith("[Closed interactive figure: ")
    with pytest.raises(RuntimeError, match="closed"):
        explorer.figure  # noqa: B018
    explorer.close()  # a second close does nothing


def test_a_control_held_after_close_no_longer_runs_the_update():
    explorer = neuron_explorer()
    slider = explorer.controls["w"]
    explorer.close()
    slider.value = 2.0  # a closed widget is not sent the change
    assert explorer.readout.value.startswith("Step at x = −b/w = <b>0.00")


def test_a_live_canvas_closes_with_its_toolbar():
    canvas = live_canvas(new_figure(), alt="An empty figure.")
    toolbar = canvas.toolbar
    assert canvas.model_id in _instances and toolbar.model_id in _instances
    canvas.close()
    toolbar.close()
    assert canvas.comm is None and toolbar.comm is None
