"""Time the website's pages from navigation to ready, in headless Chromium on a local server.

Run with ``python -m benchmarks.site_load [--site DIR] [--loads N]``. Without ``--site`` it
builds the site into a temporary folder first (``tools/build_site.py``; needs ``npm ci``) and
reports the build time. The site is served by a static file server on 127.0.0.1, and every
request to another host is aborted (and reported: there should be none).

A page is ready when its ``load`` event has fired and MathJax, on a page with math, has
finished typesetting (``MathJax.startup.promise``). Its time runs from the navigation's start
(``performance.timeOrigin``) to that moment, as the page measures it. Each load is cold: a new
browser context, so nothing is cached. The table gives the first load of each page (the
browser's own caches are cold too), the median and the slowest, and the median CPU time the
page's renderer process used until ready (Chromium's ``ProcessTime`` metric): the machine is
shared, and when other work holds the cores, the wall-clock time grows past the CPU time the
page needs.

Target: every chapter's median <= 1000 ms. The exit status is 0 when every chapter meets it,
1 otherwise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The site harness lives with the site's tests; the benchmark loads pages the same way.
sys.path.insert(0, str(ROOT / "tests" / "site"))

import site_harness as harness  # noqa: E402

from sigmoid_lab.course import CHAPTERS, CONTENTS  # noqa: E402

__all__ = ["main"]

TARGET_MS = 1000.0


def _measure(browser, base: str, page: str, loads: int):
    """``loads`` cold load times of ``page`` in ms, the renderer's CPU ms, and any problem."""
    times, cpu, problems = [], [], []
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            tab = context.new_page()
            watch = harness.PageWatch(tab)
            devtools = context.new_cdp_session(tab)
            devtools.send("Performance.enable")
            tab.goto(base + page, wait_until="commit")
            times.append(harness.wait_until_ready(tab))
            metrics = devtools.send("Performance.getMetrics")["metrics"]
            cpu.append(1000 * next(m["value"] for m in metrics if m["name"] == "ProcessTime"))
            problems += watch.problems()
        finally:
            context.close()
    return times, cpu, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--loads", type=int, default=7, help="cold loads per page (default 7)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    pages = [CONTENTS] + [chapter.file for chapter in CHAPTERS]
    pages = [page.removesuffix(".ipynb") + ".html" for page in pages]
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-site-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "_site"
            seconds = harness.build_site.build(site)
            print(f"Built the site in {seconds:.1f} s.\n")
        with harness.serve(site) as base, sync_playwright() as playwright:
            browser = harness.browser_harness.launch_browser(playwright)
            try:
                rows = [(page, *_measure(browser, base, page, args.loads)) for page in pages]
            finally:
                browser.close()

    print(f"Cold page loads on a local static server, {args.loads} per page, ms to ready")
    print(
        f"{'page':<34} {'first':>7} {'median':>7} {'max':>7} {'CPU':>7}  "
        f"target: median <= {TARGET_MS:.0f} ms"
    )
    ok = True
    for page, times, cpu, problems in rows:
        median = statistics.median(times)
        meets = median <= TARGET_MS and not problems
        ok &= meets
        print(
            f"{page:<34} {times[0]:7.0f} {median:7.0f} {max(times):7.0f} "
            f"{statistics.median(cpu):7.0f}  {'ok' if meets else 'MISSED'}"
        )
        for problem in sorted(set(problems)):
            print(f"    {problem}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
