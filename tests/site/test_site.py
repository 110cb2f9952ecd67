"""The course website in headless Chromium, built by this test run, with the network cut.

Every request that leaves 127.0.0.1 is aborted and fails the test that made it. Screenshots of
every page, in the light and the dark theme, are saved under ``artifacts/site/``.
"""

from __future__ import annotations

import json
import re

import pytest
import site_harness as harness

from sigmoid_lab.course import BRANCH, CHAPTERS, CONTENTS, REPOSITORY, binder_url

SCREENSHOTS = harness.browser_harness.ARTIFACTS / "site"
PAGES = harness.notebook_pages()
START = CONTENTS.removesuffix(".ipynb") + ".html"

#: Colours and contrast of a page's reading text, links and notes, measured in the page.
CONTRAST = r"""
() => {
  const rgb = (text) => text.match(/[\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  const ratio = (element) => {
    const a = luminance(rgb(getComputedStyle(element).color));
    const b = luminance(background(element));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  const samples = {
    "body text": document.querySelector("article.bd-article p"),
    "link": document.querySelector("article.bd-article p a"),
    "code": document.querySelector("article.bd-article div.highlight pre"),
    "output": document.querySelector("article.bd-article .cell_output pre"),
    "interactive-figure note": document.querySelector(".sl-live-note p"),
    "sidebar link": document.querySelector("nav.bd-docs-nav a"),
  };
  const result = { theme: document.documentElement.dataset.theme,
                   page: luminance(background(document.body)) };
  for (const [name, element] of Object.entries(samples)) {
    if (element) result[name] = ratio(element);
  }
  return result;
}
"""


def _notebook(page: str) -> dict:
    return json.loads((harness.NOTEBOOKS / page).with_suffix(".ipynb").read_text())


def _explorer_count(page: str) -> int:
    """How many explorers the notebook's saved outputs hold as text only (no live figure)."""
    count = 0
    for cell in _notebook(page)["cells"]:
        for output in cell.get("outputs", []):
            text = "".join(output.get("data", {}).get("text/plain", ""))
            live = "application/vnd.sigmoid-lab.figure+json" in output.get("data", {})
            count += text.startswith("[Interactive figure:") and not live
    return count


def _open(new_page, site, page, color_scheme="light"):
    tab, watch = new_page(color_scheme)
    tab.goto(site + page)
    harness.wait_until_ready(tab)
    return tab, watch


def _has_math(page: str) -> bool:
    """Whether the notebook's Markdown holds TeX between dollar signs."""
    text = "".join(
        "".join(cell["source"])
        for cell in _notebook(page)["cells"]
        if cell["cell_type"] == "markdown"
    )
    return re.search(r"\$[^$\s][^$]*\$", text) is not None


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly_and_reads_well(new_page, site, page, color_scheme):
    tab, watch = _open(new_page, site, page, color_scheme)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    stem = page.removesuffix(".html").replace("/", "-")
    tab.screenshot(path=SCREENSHOTS / f"{stem}-{color_scheme}.png")
    assert watch.problems() == []
    measured = tab.evaluate(CONTRAST)
    assert measured.pop("theme") == color_scheme
    page_luminance = measured.pop("page")
    assert (page_luminance > 0.5) == (color_scheme == "light"), page_luminance
    # WCAG AA asks 4.5:1 for body text; every sampled kind of text must reach it.
    low = {name: round(ratio, 2) for name, ratio in measured.items() if ratio < 4.5}
    assert low == {}, f"text with too little contrast in the {color_scheme} theme: {low}"
    assert "body text" in measured and "sidebar link" in measured


@pytest.mark.parametrize("page", PAGES)
def test_page_content(new_page, site, page):
    """Source and Binder links, alt text, typeset math and the interactive figures' notes."""
    tab, watch = _open(new_page, site, page)
    path = f"notebooks/{page.removesuffix('.html')}.ipynb"

    links = tab.eval_on_selector_all(".sl-page-links a", "links => links.map(a => a.href)")
    source = f"https://github.com/{REPOSITORY}/blob/{BRANCH}/{path}"
    assert links == [source, binder_url(path)]

    images = tab.eval_on_selector_all(
        "article img", "images => images.map(i => [i.getAttribute('alt'), i.naturalWidth])"
    )
    assert [alt for alt, _ in images if not (alt or "").strip()] == [], "an image has no alt text"
    assert [alt for alt, width in images if width == 0] == [], "an image did not load"

    math = tab.evaluate(
        """() => {
          const math = [...document.querySelectorAll('article span.math, article div.math')];
          return { math: math.length,
                   typeset: math.filter(m => m.querySelector('mjx-container')).length };
        }"""
    )
    assert math["typeset"] == math["math"], f"math left untypeset: {math}"
    assert (math["math"] > 0) == _has_math(page), f"the notebook's formulas: {math}"

    # Every explorer's text form became a note saying where its controls run, followed by
    # its static version; no page asks the reader to run a cell.
    assert "Run this cell" not in tab.inner_text("article")
    notes = tab.evaluate(
        """() => {
          const outputs = [...document.querySelectorAll('.sl-live-note, .cell_output figure')];
          return outputs.map((node, index) => node.matches('.sl-live-note') ? {
            text: node.innerText,
            links: [...node.querySelectorAll('a')].map(a => a.href),
            next: outputs[index + 1] ? outputs[index + 1].tagName : null,
          } : null).filter(Boolean);
        }"""
    )
    assert len(notes) == _explorer_count(page)
    for note in notes:
        assert note["text"].startswith("Interactive figure: ")
        assert "Its controls run in Jupyter, with Python" in note["text"]
        assert binder_url(path) in note["links"]
        assert note["next"] == "FIGURE", "an interactive figure has no static version after it"
        assert "Its static version follows." in note["text"]
    assert watch.problems() == []


def test_search_finds_logit(new_page, site):
    tab, watch = _open(new_page, site, "search.html?q=logit")
    results = tab.locator("#search-results ul.search li a")
    # Sphinx lists the results one by one and then says how many it found: wait for that.
    tab.wait_for_function(
        """() => {
          const summary = document.querySelector('#search-results .search-summary');
          const found = summary && summary.textContent.match(/found (\\d+)/);
          const listed = document.querySelectorAll('#search-results ul.search li').length;
          return found !== null && listed >= Number(found[1]);
        }""",
        timeout=30_000,
    )
    found = {
        href.split("?")[0].split("#")[0]
        for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    }
    assert found, "no results for logit"
    mentioning = {
        page for page in PAGES if re.search(r"\blogit\b", json.dumps(_notebook(page)), re.I)
    }
    assert mentioning <= found, (
        f"pages that mention logit but were not found: {mentioning - found}"
    )
    assert watch.problems() == []


def test_sidebar_reaches_every_chapter_and_solution(new_page, site):
    tab, watch = _open(new_page, site, START)
    expected = [chapter.file.removesuffix(".ipynb") + ".html" for chapter in CHAPTERS]
    expected += [chapter.solutions_file.removesuffix(".ipynb") + ".html" for chapter in CHAPTERS]
    # Notebooks that are not chapters or solutions (a glossary) follow, by file name.
    expected += sorted(set(PAGES) - set(expected) - {START})
    # The Chinese edition follows, in the same order of its own (zh/…, by file name).
    expected += sorted(
        path.relative_to(harness.NOTEBOOKS).with_suffix(".html").as_posix()
        for path in (harness.NOTEBOOKS / "zh").rglob("*.ipynb")
    )
    sidebar = tab.eval_on_selector_all(
        "nav.bd-docs-nav a.reference.internal", "links => links.map(a => a.getAttribute('href'))"
    )
    assert sidebar[0] in ("#", START), "the sidebar starts with the start page"
    assert sidebar[1:] == expected, "the sidebar lists chapters, solutions, then the rest"
    for chapter, href in zip(CHAPTERS, expected, strict=False):
        tab.click(f'nav.bd-docs-nav a[href="{href}"]')
        tab.wait_for_url(f"**/{href}")
        harness.wait_until_ready(tab)
        assert chapter.title in tab.inner_text("article h1")
        tab.go_back()
        harness.wait_until_ready(tab)
    assert watch.problems() == []


def test_site_root_opens_the_start_page(new_page, site):
    tab, watch = new_page()
    tab.goto(site)
    tab.wait_for_url(f"**/{START}")
    harness.wait_until_ready(tab)
    assert "Sigmoid Lab" in tab.inner_text("article h1")
    assert watch.problems() == []


def test_code_cells_have_copy_buttons(new_page, site):
    tab, watch = _open(new_page, site, CHAPTERS[0].file.removesuffix(".ipynb") + ".html")
    cells = tab.locator(".cell_input div.highlight")
    assert cells.count() > 0
    assert tab.locator(".cell_input button.copybtn").count() == cells.count()
    assert watch.problems() == []


def test_the_network_guard_catches_a_request_to_another_site(new_page, site):
    # The tests above are only as good as the guard: a page that loads a remote image must fail.
    tab, watch = _open(new_page, site, START)
    tab.evaluate(
        """() => new Promise((resolve) => {
          const image = new Image();
          image.onload = image.onerror = resolve;
          image.src = 'https://mybinder.org/badge_logo.svg';
        })"""
    )
    assert watch.outside == ["https://mybinder.org/badge_logo.svg"]
    assert watch.problems()
