"""Fixtures for the website's browser tests: the site, built by the test run, and its server.

The site is built once per session into a temporary folder, from the notebooks as they are,
so the README's test command always tests the current notebooks. Without Chromium or without
``node_modules`` (``npm ci``) the tests are skipped with a message, except in CI (``CI=true``),
where either is a failure. Set ``SIGMOID_LAB_SITE`` to an already built site (the output of
``tools/build_site.py``) to test that instead of building one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import site_harness as harness


def _require(decision: tuple[str, str] | None) -> None:
    if decision is None:
        return
    action, reason = decision
    if action == "fail":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory):
    """The built site (a fresh build of the current notebooks, or ``SIGMOID_LAB_SITE``)."""
    if os.environ.get("SIGMOID_LAB_SITE"):
        return Path(os.environ["SIGMOID_LAB_SITE"]).resolve()
    _require(harness.missing_node_modules())
    folder = tmp_path_factory.mktemp("site") / "_site"
    seconds = harness.build_site.build(folder)
    print(f"\nbuilt the site in {seconds:.1f} s")
    return folder


@pytest.fixture(scope="session")
def site(site_dir):
    """The base URL of the site, served on 127.0.0.1 until the session ends."""
    with harness.serve(site_dir) as base:
        yield base


@pytest.fixture
def new_page(browser):
    """Make pages in fresh contexts, cut off from every host but 127.0.0.1: (page, watch)."""
    contexts = []

    def make(color_scheme: str = "light"):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, color_scheme=color_scheme
        )
        contexts.append(context)
        page = context.new_page()
        return page, harness.PageWatch(page)

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
