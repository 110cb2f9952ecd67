"""The Chinese edition's page chrome in headless Chromium: every theme word in Simplified Chinese.

The chrome is what the themes (sphinx-book-theme on pydata-sphinx-theme) put around the course:
the header and its buttons, the sidebars, the search field and dialog, the theme menu and the
footer. On every Chinese page, none of its text, tooltips (``title``), ``aria-label``,
``placeholder`` or ``alt`` may hold an English word, except the names below, and the Taiwan
wording 列印 ("print") may not appear. The course content (the article, and its page titles
and headings repeated in the sidebars and the previous/next links) is the notebooks': their
code and formulas are English by design. The English pages keep the themes' English words.
Screenshots of a Chinese page with the search dialog open and with the theme menu open are
saved under ``artifacts/site/``.
"""

from __future__ import annotations

import re

import pytest
import site_harness as harness

SCREENSHOTS = harness.browser_harness.ARTIFACTS / "site"
ZH_PAGES = [*harness.notebook_pages("zh"), "zh/search.html", "zh/genindex.html"]
#: Names, file types and key caps the Chinese chrome shows as they are.
NAMES = {"Sigmoid", "Lab", "Binder", "MIT", "PDF", "pdf", "ipynb", "Ctrl", "K", "JavaScript"}
TAIWAN = "列印"

#: Every piece of the chrome's text and every label the page shows or announces: a list of
#: [where, attribute or "text", value]. Left out: the article (the notebook), the print-only
#: copy of the page's contents (never on screen), the sidebars' and previous/next links'
#: page titles and headings (the notebooks' words), and an element in another language than the
#: page's (the switch to the English edition, named in English, with lang="en").
CHROME_WORDS = r"""
() => {
  const CONTENT = "article.bd-article, .onlyprint, .bd-sidenav a, nav.page-toc a, "
    + ".prev-next-title, script, style, template";
  const PAGE_TITLES = "a.left-prev, a.right-next";
  const LABELS = ["title", "aria-label", "placeholder", "alt", "data-bs-title",
                  "data-bs-original-title", "data-tooltip"];
  const inPageLanguage = (element) => {
    const holder = element.closest("[lang]");
    return !holder || holder.lang === document.documentElement.lang;
  };
  const where = (element) => element.tagName.toLowerCase()
    + (typeof element.className === "string" && element.className.trim()
       ? "." + element.className.trim().split(/\s+/).join(".") : "");
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(CONTENT) || !inPageLanguage(element)) continue;
    for (const name of LABELS) {
      if (name === "title" && element.matches(PAGE_TITLES)) continue;
      const value = element.getAttribute(name);
      if (value && value.trim()) found.push([where(element), name, value.trim()]);
    }
    for (const node of element.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      // With scripts on, a <noscript>'s content is its HTML source: read it as a page would.
      const text = element.matches("noscript")
        ? new DOMParser().parseFromString(node.textContent, "text/html").body.textContent
        : node.textContent;
      if (text.trim()) found.push([where(element), "text", text.trim()]);
    }
  }
  return found;
}
"""


def english_words(text: str) -> list[str]:
    """The words of Latin letters in ``text`` that are not among :data:`NAMES`."""
    return [word for word in re.findall(r"[A-Za-z]+", text) if word not in NAMES]


def _open(new_page, site, page):
    tab, watch = new_page()
    tab.goto(site + page)
    harness.wait_until_ready(tab)
    return tab, watch


def _english_in_chrome(tab) -> list[tuple[str, str, str]]:
    return [tuple(item) for item in tab.evaluate(CHROME_WORDS) if english_words(item[2])]


def test_english_words_are_found():
    assert english_words("Toggle primary sidebar") == ["Toggle", "primary", "sidebar"]
    assert english_words("© Copyright the Sigmoid Lab authors.") == ["Copyright", "the", "authors"]
    assert english_words("在 Binder 上启动 · 打印为 PDF · .ipynb · Ctrl+K") == []


@pytest.mark.parametrize("page", ZH_PAGES)
def test_chinese_page_chrome_is_in_chinese(new_page, site, page):
    tab, watch = _open(new_page, site, page)
    assert watch.problems() == []
    assert _english_in_chrome(tab) == []
    assert TAIWAN not in tab.content()
    # The chrome was read: the theme's buttons and the footer are there, in Chinese.
    chrome = tab.evaluate(CHROME_WORDS)
    labels = {value for _, _, value in chrome}
    assert {"颜色模式", "跟随系统", "搜索"} <= labels
    assert any("版权所有" in value for value in labels)


def test_search_results_are_announced_in_chinese(new_page, site):
    tab, watch = _open(new_page, site, "zh/search.html?q=神经元")
    summary = tab.locator("#search-results .search-summary")
    summary.wait_for()
    tab.wait_for_function(
        "() => document.querySelector('#search-results .search-summary').innerText.trim()"
    )
    heading = tab.inner_text("#search-results h2")
    assert (heading, english_words(summary.inner_text())) == ("搜索结果", [])
    assert watch.problems() == []


def test_search_dialog_and_theme_menu_in_chinese(new_page, site):
    """Open the search dialog and the theme menu, read what they show, and screenshot them."""
    tab, watch = _open(new_page, site, "zh/01-build-a-neuron.html")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    tab.locator("button.search-button__button:visible").first.click()
    field = tab.locator("#pst-search-dialog input[type=search]")
    field.wait_for(state="visible")
    assert english_words(field.get_attribute("placeholder")) == []
    assert english_words(tab.inner_text("#pst-search-dialog")) == []
    tab.screenshot(path=SCREENSHOTS / "zh-chrome-search-dialog.png")
    tab.keyboard.press("Escape")
    field.wait_for(state="hidden")

    tab.locator("button.theme-switch-button:visible").first.click()
    menu = tab.locator(".theme-switch-container .dropdown-menu.show")
    menu.wait_for(state="visible")
    assert menu.inner_text().split() == ["跟随系统", "浅色", "深色"]
    tab.screenshot(path=SCREENSHOTS / "zh-chrome-theme-menu.png")
    assert watch.problems() == []


def test_english_pages_keep_the_theme_words(new_page, site):
    tab, watch = _open(new_page, site, "01-build-a-neuron.html")
    labels = {value for _, _, value in tab.evaluate(CHROME_WORDS)}
    expected = {
        "Toggle primary sidebar",
        "Toggle secondary sidebar",
        "Main",
        "Color mode",
        "System Settings",
        "Print to PDF",
        "Launch on Binder",
        "Binder logo",
        "Search...",
    }
    assert expected <= labels, expected - labels
    assert tab.get_attribute("nav.bd-docs-nav", "aria-label") == "Main"
    assert watch.problems() == []
