"""The website's build, without a browser: its command, its failures, and what it rewrites.

A small notebook with every kind of content the site must not load from another host (an
image, a badge inside a link, a script in an output) and an interactive figure's text is built
with the site's configuration, and the HTML is read.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import site_harness as harness
from sphinx.cmd.build import build_main

from sigmoid_lab.course import CONTENTS, binder_url

ROOT = harness.ROOT
EXPLORER_TEXT = (
    "[Interactive figure: A curve that moves with the slider. Run this cell in Jupyter to use "
    "its controls; a static version follows.]"
)


def _site_command() -> str:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- site-command -->\n```bash\n(.*?)\n```", readme, re.S)
    assert block, "README.md needs the site's build command in a bash block after the marker"
    return block.group(1)


def test_readme_command_builds_into_site(monkeypatch):
    command = _site_command()
    assert "npm ci" in command, "MathJax and the font come from npm: the command must install"
    assert command.endswith("python tools/build_site.py")
    built = []
    monkeypatch.setattr(
        harness.build_site, "build", lambda out, quiet, source: built.append(out) or 1.0
    )
    assert harness.build_site.main([]) == 0
    assert built == [ROOT / "_site"]


def test_pages_workflow_runs_the_readme_command_and_publishes_site():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "<!-- site-command -->" in workflow
    assert "path: _site" in workflow


def test_build_without_npm_packages_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(harness.build_site, "MATHJAX", tmp_path / "missing" / "tex-chtml.js")
    with pytest.raises(RuntimeError, match="run `npm ci`"):
        harness.build_site.build(tmp_path / "out")
    assert not (tmp_path / "out").exists()


_cell_ids = itertools.count()


def _cell(cell_type: str, source: str, outputs: list | None = None) -> dict:
    cell = {"cell_type": cell_type, "id": f"cell-{next(_cell_ids)}", "metadata": {}}
    cell["source"] = source
    if cell_type == "code":
        cell |= {"execution_count": 1, "outputs": outputs or []}
    return cell


def _display(data: dict) -> dict:
    return {"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": data}


def _build(tmp_path: Path, cells: list[dict]) -> tuple[str, str]:
    """Build one start page made of ``cells``; its HTML and the build's warnings."""
    _require_npm_packages()
    source = tmp_path / "notebooks"
    source.mkdir()
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (source / CONTENTS).write_text(json.dumps(notebook))
    warnings = tmp_path / "warnings.txt"
    args = ["-b", "html", "-q", "-c", str(ROOT / "docs"), "-d", str(tmp_path / "doctrees")]
    status = build_main([*args, "-w", str(warnings), str(source), str(tmp_path / "out")])
    assert status == 0
    page = (tmp_path / "out" / CONTENTS.replace(".ipynb", ".html")).read_text()
    return page, warnings.read_text()


def _require_npm_packages() -> None:
    decision = harness.missing_node_modules()
    if decision is not None:
        action, reason = decision
        (pytest.fail if action == "fail" else pytest.skip)(reason)


def test_images_from_other_sites_become_text_links(tmp_path):
    page, _ = _build(
        tmp_path,
        [
            _cell("markdown", "# Start\n\n![A logo](https://example.org/logo.png)"),
            _cell(
                "markdown", "[![Launch on Binder](https://mybinder.org/badge_logo.svg)](x.html)"
            ),
        ],
    )
    assert "https://example.org/logo.png" in page  # still reachable, as a link
    assert not re.search(r"<img[^>]+src=\"https://", page)
    assert re.search(r'<a [^>]*href="https://example.org/logo.png"[^>]*>A logo</a>', page)
    assert ">Launch on Binder</a>" in page


def test_own_binder_badge_joins_the_page_links(tmp_path):
    launch = binder_url(f"notebooks/{CONTENTS}")
    badge = f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({launch})"
    page, _ = _build(tmp_path, [_cell("markdown", f"# Start\n\n{badge}\n\nText.")])
    assert "badge_logo.svg" not in page
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    assert article.count(f'href="{launch}"') == 1  # the header's launch button is the other
    assert 'class="sl-page-links"' in page


def test_raw_html_that_loads_from_another_site_is_a_build_warning(tmp_path):
    script = '<script src="https://cdn.example.org/widget.js"></script><p>a widget</p>'
    _, warnings = _build(
        tmp_path,
        [_cell("markdown", "# Start"), _cell("code", "show()", [_display({"text/html": script})])],
    )
    assert "raw HTML loads a file from another site" in warnings


def test_explorer_text_becomes_a_note_that_promises_only_what_follows(tmp_path):
    figure = '<figure><img src="data:image/png;base64,iVBORw0KGgo=" alt="A curve."/></figure>'
    explorer = _display({"text/plain": EXPLORER_TEXT})
    page, _ = _build(
        tmp_path,
        [
            _cell("markdown", "# Start"),
            _cell("code", "explorer()", [explorer]),
            _cell("code", "static()", [_display({"text/html": figure, "text/plain": "[Figure]"})]),
            _cell("code", "explorer()", [explorer]),  # no static version after this one
        ],
    )
    notes = re.findall(r'<div class="sl-live-note[^"]*">(.*?)</div>', page, re.S)
    assert len(notes) == 2
    assert all("A curve that moves with the slider." in note for note in notes)
    assert all("Run this cell" not in note for note in notes)
    assert ["follows." in note for note in notes] == [True, False]
    assert "Run this cell" not in page
