"""Every chapter in Voilà, the classroom presentation mode: code hidden, widgets live, in
both editions (English and Chinese).

The same checks as in JupyterLab, on the page Voilà renders after running the notebook on the
server.
"""

from __future__ import annotations

import browser_harness as harness
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("notebook", harness.chapter_params() + harness.chapter_params("zh"))
def test_chapter_runs_and_every_control_redraws_in_voila(notebook, voila, page, expected_controls):
    report = harness.check_in_voila(
        page, voila, harness.served_path(notebook), expected_controls(notebook)
    )
    print(report.summary())  # shown with -rP: what was checked, and where the pictures are
    assert not report.problems, report.summary()
