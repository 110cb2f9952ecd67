"""The course website in headless Chromium, built by this test run, with the network cut.

The site has two editions: English at the root and Chinese under ``zh/``, each with its own
sidebar and search, and a switch on every page to the same page in the other. Every request
that leaves 127.0.0.1 is aborted and fails the test that made it. Screenshots of every page of
both editions, in the light and the dark theme, are saved under ``artifacts/site/``.
"""

from __future__ import annotations

import json
import re

import pytest
import site_harness as harness

from sigmoid_lab.course import BRANCH, CHAPTERS, CONTENTS, REPOSITORY, binder_url

SCREENSHOTS = harness.browser_harness.ARTIFACTS / "site"
#: Each edition's folder in the site, its pages' ``lang``, and the words its pages show.
EDITIONS = {
    "": {
        "lang": "en",
        "switch": "中文",
        "figure": "Interactive figure: ",
        "runs": "Its controls run in Jupyter, with Python",
        "follows": "Its static version follows.",
    },
    "zh": {
        "lang": "zh-CN",
        "switch": "English",
        "figure": "交互图：",
        "runs": "它的控件在 Jupyter 中由 Python 运行",
        "follows": "它的静态版本在下面。",
    },
}
PAGES = harness.notebook_pages()
ZH_PAGES = harness.notebook_pages("zh")
ALL_PAGES = PAGES + ZH_PAGES
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
    "edition switch": document.querySelector(".sl-edition-switch"),
  };
  const result = { theme: document.documentElement.dataset.theme,
                   page: luminance(background(document.body)) };
  for (const [name, element] of Object.entries(samples)) {
    if (element) result[name] = ratio(element);
  }
  return result;
}
"""


def _edition(page: str) -> str:
    """The folder of the edition a page (relative to the site's root) belongs to."""
    return "zh" if page.startswith("zh/") else ""


def _counterpart(page: str) -> str:
    """The same page in the other edition, relative to the site's root."""
    return page.removeprefix("zh/") if _edition(page) else f"zh/{page}"


def _shown(text: str) -> str:
    """Text as compared with a page's: the site's curly quotes straightened."""
    return text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))


def _title(page: str) -> str:
    """The notebook's title: its first level-1 heading (quotes straight, see :func:`_shown`)."""
    for cell in _notebook(page)["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if cell["cell_type"] == "markdown" and line.startswith("# "):
                return _shown(line.removeprefix("# ").strip())
    raise AssertionError(f"{page} has no title")


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
@pytest.mark.parametrize("page", ALL_PAGES)
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
    assert {"body text", "sidebar link", "edition switch"} <= set(measured)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_content(new_page, site, page):
    """Language, source and Binder links, alt text, typeset math and the figures' notes."""
    tab, watch = _open(new_page, site, page)
    path = f"notebooks/{page.removesuffix('.html')}.ipynb"
    words = EDITIONS[_edition(page)]
    assert tab.get_attribute("html", "lang") == words["lang"]

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
        assert note["text"].startswith(words["figure"])
        assert words["runs"] in note["text"]
        assert binder_url(path) in note["links"]
        assert note["next"] == "FIGURE", "an interactive figure has no static version after it"
        assert words["follows"] in note["text"]
    assert watch.problems() == []


def _search(new_page, site, edition: str, query: str) -> tuple[set[str], list[str]]:
    """The pages (relative to the site's root) the edition's search finds, and any problem."""
    folder = f"{edition}/" if edition else ""
    tab, watch = _open(new_page, site, f"{folder}search.html?q={query}")
    # Sphinx lists the results one by one, then writes its summary: wait for the summary.
    tab.wait_for_function(
        """() => {
          const summary = document.querySelector('#search-results .search-summary');
          return summary !== null && summary.textContent.trim() !== '';
        }""",
        timeout=30_000,
    )
    hrefs = tab.eval_on_selector_all(
        "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))"
    )
    found = {folder + href.split("?")[0].split("#")[0] for href in hrefs}
    return found, watch.problems()


def _mentioning(pages: list[str], pattern: str) -> set[str]:
    """The pages whose notebook's Markdown matches ``pattern``."""
    return {
        page
        for page in pages
        if any(
            re.search(pattern, "".join(cell["source"]), re.I)
            for cell in _notebook(page)["cells"]
            if cell["cell_type"] == "markdown"
        )
    }


def test_search_finds_logit_in_the_english_edition_only(new_page, site):
    found, problems = _search(new_page, site, "", "logit")
    assert found, "no results for logit"
    assert found <= set(PAGES) | {"genindex.html"}, "the English search leaves its edition"
    missing = _mentioning(PAGES, r"\blogit\b") - found
    assert not missing, f"pages that mention logit but were not found: {missing}"
    assert problems == []


@pytest.mark.parametrize("query", ["逻辑", "激活", "sigmoid"])
def test_search_in_the_chinese_edition_finds_chinese_pages(new_page, site, query):
    found, problems = _search(new_page, site, "zh", query)
    assert found, f"no results for {query}"
    assert found <= set(ZH_PAGES) | {"zh/genindex.html"}, "the Chinese search leaves its edition"
    mentioning = _mentioning(ZH_PAGES, re.escape(query))
    assert mentioning, f"no Chinese notebook mentions {query}: pick another term"
    missing = mentioning - found
    assert not missing, f"pages that mention {query} but were not found: {missing}"
    assert problems == []


@pytest.mark.parametrize("edition", ["", "zh"])
def test_sidebar_reaches_every_chapter_and_solution_of_its_edition_only(new_page, site, edition):
    folder = f"{edition}/" if edition else ""
    pages = [page.removeprefix(folder) for page in (ZH_PAGES if edition else PAGES)]
    tab, watch = _open(new_page, site, folder + START)
    expected = [chapter.file.removesuffix(".ipynb") + ".html" for chapter in CHAPTERS]
    expected += [chapter.solutions_file.removesuffix(".ipynb") + ".html" for chapter in CHAPTERS]
    # Notebooks that are not chapters or solutions (a glossary) follow, by file name.
    expected += sorted(set(pages) - set(expected) - {START})
    sidebar = tab.eval_on_selector_all(
        "nav.bd-docs-nav a.reference.internal", "links => links.map(a => a.getAttribute('href'))"
    )
    assert sidebar[0] in ("#", START), "the sidebar starts with the start page"
    assert sidebar[1:] == expected, "the sidebar lists chapters, solutions, then the rest"
    for chapter, href in zip(CHAPTERS, expected, strict=False):
        tab.click(f'nav.bd-docs-nav a[href="{href}"]')
        tab.wait_for_url(f"**/{folder}{href}")
        harness.wait_until_ready(tab)
        assert _title(folder + chapter.file.removesuffix(".ipynb")) in _shown(
            tab.inner_text("article h1")
        )
        tab.go_back()
        harness.wait_until_ready(tab)
    assert watch.problems() == []


@pytest.mark.parametrize("page", ALL_PAGES)
def test_switch_opens_the_same_page_in_the_other_edition(new_page, site, page):
    tab, watch = _open(new_page, site, page)
    words = EDITIONS[_edition(page)]
    other = EDITIONS[_edition(_counterpart(page))]
    switch = tab.locator(".bd-header-article .sl-edition-switch")
    assert switch.count() == 1 and switch.is_visible(), "the header has one visible switch"
    assert switch.inner_text().strip() == words["switch"]
    assert switch.get_attribute("hreflang") == other["lang"]
    assert switch.get_attribute("lang") == other["lang"]
    assert not re.match(r"^(?:[a-z]+:)?/", switch.get_attribute("href")), "a relative link"
    alternate = tab.locator(f'link[rel="alternate"][hreflang="{other["lang"]}"]')
    assert alternate.get_attribute("href") == switch.get_attribute("href")
    switch.click()
    tab.wait_for_url(site + _counterpart(page))
    harness.wait_until_ready(tab)
    assert tab.get_attribute("html", "lang") == other["lang"]
    assert _title(_counterpart(page)) in _shown(tab.inner_text("article h1"))
    assert watch.problems() == []


def test_notebook_links_between_editions_lead_to_the_counterpart(new_page, site):
    """Each notebook's "edition-link" cell becomes a link to the other edition's page."""
    for page in (CHAPTERS[0].file.removesuffix(".ipynb") + ".html", f"zh/{START}"):
        tab, watch = _open(new_page, site, page)
        link = tab.locator("article a.sl-edition-link").first
        link.click()
        tab.wait_for_url(site + _counterpart(page))
        harness.wait_until_ready(tab)
        assert _title(_counterpart(page)) in _shown(tab.inner_text("article h1"))
        assert watch.problems() == []


@pytest.mark.parametrize("edition", ["", "zh"])
def test_site_root_opens_the_start_page(new_page, site, edition):
    folder = f"{edition}/" if edition else ""
    tab, watch = new_page()
    tab.goto(site + folder)
    tab.wait_for_url(f"{site}{folder}{START}")
    harness.wait_until_ready(tab)
    assert _title(folder + START) in _shown(tab.inner_text("article h1"))
    assert tab.get_attribute("html", "lang") == EDITIONS[edition]["lang"]
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
