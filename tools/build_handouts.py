"""Print every chapter as a PDF handout, from the website's pages, with Debian's Chromium.

Usage::

    python tools/build_handouts.py                 # build the site, then _handouts/*.pdf
    python tools/build_handouts.py --site _site    # print an already built site

A handout is the chapter's web page printed to A4: the text, the code with its outputs, the
static figures and the typeset math, without the site's sidebar and header. The site is served
on 127.0.0.1 while it prints, and Chromium reaches nothing else. Everything the page needs
(MathJax, the Chinese font) comes from the site itself, so this works offline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "site"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import browser_harness  # noqa: E402
import site_harness  # noqa: E402
from build_site import build  # noqa: E402

from sigmoid_lab.course import CHAPTERS  # noqa: E402

__all__ = ["PRINT_CSS", "main", "print_chapters"]

#: Hide what only makes sense on screen: navigation, search, the theme switch, the page's own
#: table of contents and the links under the title; keep every figure, and every heading, whole
#: on one page.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.prev-next-area, .header-article, .bd-search, .theme-switch-button, .sl-page-links,
.copybtn, .bd-header-announcement, .bd-sidebar-toggle { display: none !important; }
html, body, .bd-container, .bd-container__inner, .bd-page-width, .bd-main, .bd-content,
.bd-article-container, .bd-article {
  max-width: none !important; width: auto !important; margin: 0 !important;
  padding: 0 !important; flex: 1 1 auto !important; overflow: visible !important;
}
h1 { text-align: left !important; }
pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
div.cell, .cell_output, img, figure, table { break-inside: avoid; }
h1, h2, h3, h4 { break-inside: avoid; break-after: avoid; }
"""


def print_chapters(base_url: str, out: Path, browser) -> list[Path]:
    """Print each chapter page of the site at ``base_url`` into ``out``; return the PDF paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    try:
        page = context.new_page()
        site_harness.PageWatch(page)  # every request that leaves 127.0.0.1 is aborted
        for chapter in CHAPTERS:
            name = chapter.file.removesuffix(".ipynb")
            page.goto(f"{base_url}/{name}.html")
            site_harness.wait_until_ready(page)
            page.add_style_tag(content=PRINT_CSS)
            page.emulate_media(media="print")
            target = out / f"{name}.pdf"
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
            )
            written.append(target)
    finally:
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "_handouts", help="where the PDFs go")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-handouts-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "_site"
            build(site)
        with site_harness.serve(site) as base, sync_playwright() as playwright:
            browser = browser_harness.launch_browser(playwright)
            try:
                paths = print_chapters(base, args.out, browser)
            finally:
                browser.close()
    for path in paths:
        print(f"{path.stat().st_size / 1024:7.0f} KiB  {path.relative_to(ROOT)}")
    print(f"{len(paths)} handouts in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
