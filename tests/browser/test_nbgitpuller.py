"""A teacher's JupyterHub link, followed in a browser: it pulls the course and opens a chapter.

``sigmoid_lab.course.git_pull_link`` writes the link. A JupyterHub cannot run here, so the test
follows the same link without the hub's ``/hub/user-redirect/`` prefix (``hub=False``) on a
local Jupyter server with nbgitpuller, pulling from a ``file://`` clone of this repository:
everything after the prefix (nbgitpuller's query, the clone, the merge, the redirect into
JupyterLab) is what a student's own server does behind a hub.
"""

from __future__ import annotations

import re
import subprocess

import browser_harness as harness
import pytest

from sigmoid_lab import course

pytestmark = pytest.mark.browser

CHAPTER = course.CHAPTERS[0].file


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """A clone of this repository's committed history with a ``main`` branch, to pull from."""
    path = tmp_path_factory.mktemp("origin") / "sigmoid-lab"
    subprocess.run(["git", "clone", "--quiet", str(harness.ROOT), str(path)], check=True)
    subprocess.run(["git", "-C", str(path), "checkout", "--quiet", "-B", "main"], check=True)
    return path


def _follow(page, server, link: str) -> None:
    """Open the link as a student would and wait until the chapter's kernel is idle."""
    page.goto(f"{link}&token={server.token}", timeout=120_000)
    page.wait_for_url(re.compile(r"/lab/tree/"), timeout=120_000)
    page.wait_for_function(harness.LAB_KERNEL_IDLE, timeout=120_000, polling=200)


def test_the_link_pulls_the_course_and_opens_the_chapter(page, chromium_path, origin):
    with harness.start_jupyterlab(sources={"fixtures": harness.FIXTURES}) as server:
        link = course.git_pull_link(server.url, CHAPTER, hub=False, repository=f"file://{origin}")
        _follow(page, server, link)
        opened = page.evaluate("() => window.jupyterapp.shell.currentWidget.context.path")
        assert opened == f"{course.PULL_FOLDER}/notebooks/{CHAPTER}"
        pulled = server.root / course.PULL_FOLDER
        assert (pulled / "notebooks" / CHAPTER).is_file()
        assert (pulled / "sigmoid_lab" / "__init__.py").is_file()
        heading = page.locator(".jp-RenderedMarkdown h1").first
        heading.wait_for()
        assert "Build a neuron" in heading.inner_text()
        shots = harness.ARTIFACTS / "screenshots" / "nbgitpuller"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "pulled-chapter.png"))

        # A second visit keeps what the student changed: nbgitpuller merges, it never resets.
        mine = pulled / "notebooks" / "my-notes.ipynb"
        mine.write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
        _follow(page, server, link)
        assert mine.is_file()


def test_the_hub_link_differs_only_by_the_hub_prefix():
    local = course.git_pull_link("http://127.0.0.1:8888", CHAPTER, hub=False)
    hub = course.git_pull_link("https://hub.example.edu/", CHAPTER)
    assert hub.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert local.split("?", 1)[1] == hub.split("?", 1)[1]
