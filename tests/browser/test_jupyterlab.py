"""Every chapter in JupyterLab, as a student meets it: run all, look, move every control.

The chapters are found at collection time (``notebooks/*.ipynb``), so a new chapter is tested
without new test code. See ``browser_harness.chapter_notebooks`` for why the solutions are not.
"""

from __future__ import annotations

import browser_harness as harness
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("notebook", harness.chapter_params())
def test_chapter_runs_and_every_control_redraws_in_jupyterlab(
    notebook, lab, page, expected_controls
):
    report = harness.check_in_jupyterlab(
        page, lab, f"notebooks/{notebook.name}", expected_controls(notebook)
    )
    print(report.summary())  # shown with -rP: what was checked, and where the pictures are
    assert not report.problems, report.summary()
