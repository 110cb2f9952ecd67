"""The browser tests do not depend on JupyterLab's interface language.

A student in China may run JupyterLab in Chinese (the zh_CN language pack): the status bar
then says 空闲, not "Idle", and the menus 文件, 编辑, …. The harness reads the kernel's state
from JupyterLab's own objects, never from the interface's words. These tests run the Chinese
edition (notebooks/zh) in a Chinese JupyterLab, as a student in China would, and check that
the interface really is Chinese; the English edition runs in an English JupyterLab
(test_jupyterlab.py).
"""

from __future__ import annotations

import browser_harness as harness
import pytest

pytestmark = pytest.mark.browser

CHINESE = {"@jupyterlab/translation-extension/plugin": {"locale": "zh_CN"}}


@pytest.fixture(scope="module")
def chinese_lab(chromium_path):
    with harness.start_jupyterlab(settings=CHINESE) as server:
        yield server


@pytest.mark.parametrize("notebook", harness.chapter_params("zh"))
def test_the_chinese_edition_runs_and_its_controls_redraw_in_a_chinese_jupyterlab(
    notebook, chinese_lab, page, expected_controls
):
    report = harness.check_in_jupyterlab(
        page,
        chinese_lab,
        harness.served_path(notebook),
        expected_controls(notebook),
        shots=harness.ARTIFACTS / "screenshots" / "jupyterlab-zh",
    )
    menus = page.locator("#jp-menu-panel").inner_text()
    status = page.locator("#jp-main-statusbar").inner_text()
    chinese_lab.shutdown_kernels()
    assert "文件" in menus, f"the interface is not Chinese: menus read {menus!r}"
    assert "空闲" in status, f"the status bar does not say 空闲: {status!r}"
    assert not report.problems, report.summary()
