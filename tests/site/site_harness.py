"""Build, serve and load the course website in headless Chromium, with the network cut.

Shared by the site's browser tests (``tests/site``) and ``benchmarks/site_load.py``. The site is
served by a static file server on 127.0.0.1 and a free port; a page may request nothing else:
every request to another host is aborted and recorded, and counts as a failure, as do console
errors, uncaught exceptions, failed requests and HTTP errors.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tools"))

import browser_harness  # noqa: E402
import build_site  # noqa: E402

__all__ = [
    "MATHJAX_MODULES",
    "PageWatch",
    "browser_harness",
    "build_site",
    "missing_node_modules",
    "notebook_pages",
    "serve",
    "wait_until_ready",
]

#: Where ``npm ci`` puts MathJax; the build copies it into the site.
MATHJAX_MODULES = ROOT / "node_modules" / "mathjax"
LOCAL_HOSTS = {"127.0.0.1"}


def missing_node_modules(env: dict[str, str] | None = None) -> tuple[str, str] | None:
    """None when MathJax is installed, else ("skip"|"fail", reason): fail with CI=true."""
    env = os.environ if env is None else env
    if build_site.MATHJAX.exists():
        return None
    reason = f"{build_site.MATHJAX} is missing: run `npm ci` to build the site"
    in_ci = env.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return ("fail", f"CI=true, but {reason}") if in_ci else ("skip", reason)


def notebook_pages(folder: str = "") -> list[str]:
    """The page of each notebook, relative to the site's root: chapters, start page, solutions.

    ``folder`` is the edition's (``"zh"`` for the Chinese one, whose pages are under ``zh/``).
    """
    edition = NOTEBOOKS / folder
    found = sorted(edition.glob("*.ipynb")) + sorted(edition.glob("solutions/*.ipynb"))
    return [path.relative_to(NOTEBOOKS).with_suffix(".html").as_posix() for path in found]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed while a font or script was still streaming: the browser's choice.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL, ending in ``/``.

    The server is shut down when the block ends, however it ends.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class PageWatch:
    """Cut a page off from every host but 127.0.0.1 and record whatever goes wrong in it."""

    def __init__(self, page):
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[str] = []
        self.bad_responses: list[str] = []
        page.route("**/*", self._route)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort("blockedbyclient")

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = (message.location or {}).get("url", "")
            self.console_errors.append(f"{message.text} (at {where or 'unknown'})")

    def _on_failed(self, request) -> None:
        if request.url not in self.outside:  # already reported as a request to another site
            self.failed_requests.append(f"{request.url} ({request.failure})")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.bad_responses.append(f"HTTP {response.status} for {response.url}")

    def problems(self) -> list[str]:
        """Every request to another site, console error, exception, failure and HTTP error."""
        return (
            [f"request to another site (aborted): {url}" for url in self.outside]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"uncaught exception: {text}" for text in self.page_errors]
            + [f"request failed: {text}" for text in self.failed_requests]
            + self.bad_responses
        )


#: Resolves when the page has loaded and MathJax (if the page loads it) has typeset it; throws
#: if MathJax has not started within the time limit (its script failed to load or run).
READY = """
async (limit) => {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  }
  if (document.querySelector('script[src*="mathjax/"]')) {
    const deadline = performance.now() + limit;
    while (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) {
      if (performance.now() > deadline) throw new Error("MathJax did not start");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await MathJax.startup.promise;
  }
  return performance.now();
}
"""


def wait_until_ready(page, timeout_ms: float = 30_000) -> float:
    """Wait for the load event and MathJax; returns ms from navigation start to ready."""
    page.set_default_timeout(timeout_ms)
    return page.evaluate(READY, timeout_ms)
