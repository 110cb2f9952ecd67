"""Fixtures for the browser tests: one Chromium, one JupyterLab and one Voilà per session.

Each test gets a fresh browser context (no shared cookies or storage) and, in JupyterLab, its
kernels are shut down afterwards so that one chapter never slows the next.
"""

from __future__ import annotations

import browser_harness as harness
import pytest


def _require_browser() -> None:
    decision = harness.missing_browser()
    if decision is None:
        return
    action, reason = decision
    if action == "fail":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium binary; skips (locally) or fails (CI=true) when there is none."""
    _require_browser()
    return harness.find_chromium()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context, at a laptop's window size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def lab_server(chromium_path):
    """JupyterLab on a copy of notebooks/ and the fixtures, stopped with its kernels at the end."""
    with harness.start_jupyterlab() as server:
        yield server


@pytest.fixture
def lab(lab_server):
    """The session's JupyterLab; the kernels a test started are shut down after it."""
    yield lab_server
    lab_server.shutdown_kernels()


@pytest.fixture(scope="session")
def voila(chromium_path):
    """Voilà (code hidden) on a copy of notebooks/ and the fixtures."""
    with harness.start_voila() as server:
        yield server


@pytest.fixture(scope="session")
def expected_controls():
    """The kernel-side count of each notebook's controls, computed once per notebook."""
    cache: dict = {}

    def count(notebook):
        if notebook not in cache:
            cache[notebook] = harness.expected_controls(notebook)
        return cache[notebook]

    return count
