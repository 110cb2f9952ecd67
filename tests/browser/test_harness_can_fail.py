"""The browser checks can fail: broken fixtures make them report the right problems.

A test that never fails proves nothing. Here a working fixture notebook must pass, a notebook
whose slider callback raises and one with a widget the browser cannot render must fail with the
problem a student would see, and the page scan must flag synthetic output markup for each kind
of breakage that users of notebook courses report most. The first tests need no browser.
"""

from __future__ import annotations

import browser_harness as harness
import nbformat
import pytest

# --------------------------------------------------------------------------------------------
# Without a browser
# --------------------------------------------------------------------------------------------


def test_missing_browser_skips_locally_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(harness, "find_chromium", lambda: None)
    action, reason = harness.missing_browser({})
    assert action == "skip"
    assert "apt-get install -y chromium" in reason
    action, reason = harness.missing_browser({"CI": "true"})
    assert action == "fail"
    assert "CI=true" in reason and "apt-get install -y chromium" in reason


def test_present_browser_neither_skips_nor_fails(monkeypatch):
    monkeypatch.setattr(harness, "find_chromium", lambda: "/usr/bin/chromium")
    assert harness.missing_browser({"CI": "true"}) is None


class _FakePage:
    """Just enough of a Playwright page to feed events to a PageWatch."""

    def __init__(self):
        self.handlers = {}

    def on(self, event, handler):
        self.handlers[event] = handler


class _Event:
    def __init__(self, **fields):
        self.__dict__.update(fields)


FONT_CSS = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/all.min.css"


def test_only_known_offline_cdn_lookups_are_ignored():
    page = _FakePage()
    watch = harness.PageWatch(page)
    offline = "net::ERR_NAME_NOT_RESOLVED"
    page.handlers["requestfailed"](_Event(url=FONT_CSS, failure=offline))
    failed_load = f"Failed to load resource: {offline}"
    page.handlers["console"](_Event(type="error", text=failed_load, location={"url": FONT_CSS}))
    assert watch.problems() == []

    widget_js = "https://cdn.jsdelivr.net/npm/sigmoid-lab-missing-widgets@0.0.1/dist/index.js"
    page.handlers["requestfailed"](_Event(url=widget_js, failure=offline))
    page.handlers["response"](_Event(url="http://127.0.0.1:1/lab/api/nothing", status=404))
    page.handlers["pageerror"](RuntimeError("boom"))
    page.handlers["console"](_Event(type="warning", text="only a warning", location={}))
    problems = watch.problems()
    assert len(problems) == 3
    assert any(widget_js in p for p in problems)
    assert any("HTTP 404" in p for p in problems)
    assert any("boom" in p for p in problems)


def _widget_state(models):
    """Widget state as nbclient stores it, from ``{model_id: (view_name, other_state)}``."""
    return {
        "application/vnd.jupyter.widget-state+json": {
            "version_major": 2,
            "version_minor": 0,
            "state": {
                model_id: {
                    "model_name": view.replace("View", "Model"),
                    "state": {"_view_name": view, **state},
                }
                for model_id, (view, state) in models.items()
            },
        }
    }


def test_controls_are_counted_from_the_kernels_widget_state():
    models = {
        "box": ("VBoxView", {"children": ["IPY_MODEL_w", "IPY_MODEL_fig"]}),
        "w": ("FloatSliderView", {"layout": "IPY_MODEL_lay"}),
        "lay": ("LayoutView", {}),
        "fig": ("MPLCanvasView", {}),
        "out": ("OutputView", {"outputs": []}),
        "menu": ("DropdownView", {}),
        "hidden": ("IntSliderView", {}),
        # One of the course's explorers: its view draws the inputs its spec lists.
        "explorer": ("AnyView", {"kind": "neuron", "spec": {"controls": [{}, {}]}}),
    }
    # The Output widget shows the dropdown; the IntSlider exists but is never displayed.
    models["out"][1]["outputs"] = [
        {
            "output_type": "display_data",
            "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "menu"}},
        }
    ]
    view = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "box"}},
    }
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(outputs=[nbformat.from_dict(view)]),
            nbformat.v4.new_code_cell(outputs=[nbformat.from_dict(view)]),
            nbformat.v4.new_code_cell(
                outputs=[
                    nbformat.from_dict(
                        {
                            **view,
                            "data": {
                                "application/vnd.jupyter.widget-view+json": {"model_id": "out"}
                            },
                        }
                    )
                ]
            ),
            nbformat.v4.new_code_cell(
                outputs=[
                    nbformat.from_dict(
                        {
                            **view,
                            "data": {
                                "application/vnd.jupyter.widget-view+json": {
                                    "model_id": "explorer"
                                }
                            },
                        }
                    )
                ]
            ),
        ],
        metadata={"widgets": _widget_state(models)},
    )
    counts = harness.count_displayed_controls(nb)
    # The box is displayed twice, so the browser draws its slider and figure twice; the
    # explorer is one more live figure, with its two inputs.
    assert counts["slider"] == 2
    assert counts["live figure"] == 3
    assert counts["explorer input"] == 2
    assert counts["dropdown"] == 1


# --------------------------------------------------------------------------------------------
# With a browser: the page scan on synthetic output markup
# --------------------------------------------------------------------------------------------

STDERR = "application/vnd.jupyter.stderr"


def _cell(text: str, mime: str | None = None, tags: str = "") -> str:
    """One cell of JupyterLab/Voilà output markup holding ``text``."""
    kind = f' data-mime-type="{mime}"' if mime else ""
    output = f'<div class="jp-OutputArea-output"{kind}><pre>{text}</pre></div>'
    return f'<div class="jp-Cell {tags}">{output}</div>'


SYNTHETIC_PAGE = "".join(
    [
        _cell("VBox(children=(FloatSlider(value=1.0, description='w'), Output()))", "text/plain"),
        _cell("&lt;Figure size 480x288 with 1 Axes&gt;", "text/plain"),
        _cell("Loading widget..."),
        _cell("Error displaying widget: model not found"),
        _cell("There was an error when executing cell [4]. Please run Voilà with ...", STDERR),
        _cell("AttributeError: no attribute 'int'", STDERR, "celltag_raises-exception"),
        _cell("/tmp/x.py:3: RuntimeWarning: overflow encountered in exp", STDERR),
        _cell("[Figure: an S-shaped curve]", "text/plain"),
    ]
)


@pytest.mark.browser
def test_page_scan_flags_each_kind_of_breakage(page):
    page.set_content(SYNTHETIC_PAGE)
    harness.install_helpers(page)
    problems = page.evaluate("() => window.__sigmoidLab.scan(true)")
    assert len(problems) == 5, problems
    assert problems[0].startswith("cell 3") and "Loading widget..." in problems[0]
    assert problems[1].startswith("cell 4") and "Error displaying widget" in problems[1]
    assert any(p.startswith("cell 1") and "printed as text" in p for p in problems)
    assert any(p.startswith("cell 2") and "printed as text" in p for p in problems)
    assert any(p.startswith("cell 5") and "error output" in p for p in problems)
    # The tagged error, the warning and the alt text of a static figure are not problems.
    assert not any(p.startswith(("cell 6", "cell 7", "cell 8")) for p in problems)


# --------------------------------------------------------------------------------------------
# With a browser and the servers: the fixture notebooks
# --------------------------------------------------------------------------------------------


def _check(frontend, request, page, expected_controls, name):
    notebook = harness.FIXTURES / f"{name}.ipynb"
    server = request.getfixturevalue("lab" if frontend == "JupyterLab" else "voila")
    check = harness.check_in_jupyterlab if frontend == "JupyterLab" else harness.check_in_voila
    return check(page, server, f"fixtures/{name}.ipynb", expected_controls(notebook))


FRONTENDS = ["JupyterLab", "Voila"]


@pytest.mark.browser
@pytest.mark.parametrize("frontend", FRONTENDS)
def test_working_explorer_passes(frontend, request, page, expected_controls):
    report = _check(frontend, request, page, expected_controls, "explorer_ok")
    assert not report.problems, report.summary()
    # Two explorers, each with a slider and a dropdown, all found and all moved.
    assert report.rendered["slider"] == report.expected["slider"] == 2
    assert report.rendered["dropdown"] == report.expected["dropdown"] == 2
    assert report.rendered["live figure"] == 2


@pytest.mark.browser
@pytest.mark.parametrize("frontend", FRONTENDS)
def test_callback_that_raises_fails(frontend, request, page, expected_controls):
    report = _check(frontend, request, page, expected_controls, "callback_raises")
    raised = [p for p in report.problems if "raised ValueError: update cannot handle w" in p]
    assert raised, report.summary()
    assert any("error shown inside a widget" in p for p in report.problems), report.summary()


@pytest.mark.browser
@pytest.mark.parametrize("frontend", FRONTENDS)
def test_widget_that_cannot_render_fails(frontend, request, page, expected_controls):
    report = _check(frontend, request, page, expected_controls, "widget_cannot_render")
    assert any(
        "could not be displayed" in p and "sigmoid-lab-missing-widgets" in p
        for p in report.problems
    ), report.summary()
    assert any("browser console error" in p for p in report.problems), report.summary()
