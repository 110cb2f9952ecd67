"""Shared test setup: a non-interactive Matplotlib backend, chosen before anything draws, and
Hypothesis without its per-example time limit."""

import sys
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# A property test must pass or fail on what it computes, not on how busy the machine is: the
# default 200 ms deadline per example turned load (a first import, two cores shared by the
# browser tests) into "Flaky" failures.
settings.register_profile("sigmoid-lab", deadline=None)
settings.load_profile("sigmoid-lab")

# Notebooks under tests/ are fixtures for the browser tests (some fail on purpose); they are
# opened by those tests, not compared by nbval.
collect_ignore_glob = ["browser/fixtures/*"]


# tests/browser/browser_harness.py is shared by the browser tests, the website's tests and the
# benchmarks.
sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole session, for tests/browser and tests/site.

    Playwright's sync API runs one event loop per thread, so a second session-wide browser
    started by another folder's fixture would fail while this one is open. Without Chromium
    the tests are skipped with a message, except with CI=true, where that is a failure.
    """
    import browser_harness

    decision = browser_harness.missing_browser()
    if decision is not None:
        action, reason = decision
        if action == "fail":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = browser_harness.launch_browser(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
