"""Drive JupyterLab and Voilà in headless Chromium and report what a student would see.

The browser tests, the test of the tests and ``benchmarks/live_figure_latency.py`` share this
module.
Every check returns a list of problems (plain sentences) instead of raising, so a test can
assert that a good notebook has none and that a broken fixture has the expected ones.

Servers run on 127.0.0.1 with a random token, from private config, data, runtime, settings and
workspace folders, and serve a temporary copy of the notebooks, so nothing in the repository or
the user's home is written. Run as a script, the module prints the widgets a notebook creates,
counted on the kernel side (see :func:`expected_controls`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ARTIFACTS",
    "CHROMIUM_ARGS",
    "CONTROL_KINDS",
    "FIXTURES",
    "NOTEBOOKS",
    "BrowserUnavailable",
    "NotebookReport",
    "PageWatch",
    "Server",
    "chapter_notebooks",
    "chapter_params",
    "check_in_jupyterlab",
    "check_in_voila",
    "count_displayed_controls",
    "drive_controls",
    "expected_controls",
    "find_chromium",
    "install_helpers",
    "launch_browser",
    "missing_browser",
    "open_in_jupyterlab",
    "private_environment",
    "run_all_in_jupyterlab",
    "served_path",
    "start_jupyterlab",
    "start_voila",
    "take_screenshots",
    "wait_for_widgets",
    "wait_until_figure_settles",
]

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(os.environ.get("SIGMOID_LAB_ARTIFACTS", ROOT / "artifacts"))

#: Flags for a headless Chromium that runs as root in a container and never phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: Controls a learner can see, by the front-end view that draws them: the kernel-side count
#: (``_view_name`` in the widget state) must equal the number of elements that match the CSS
#: selector in the page.
CONTROL_KINDS = {
    "slider": (
        {
            "IntSliderView",
            "FloatSliderView",
            "FloatLogSliderView",
            "IntRangeSliderView",
            "FloatRangeSliderView",
            "SelectionSliderView",
            "SelectionRangeSliderView",
        },
        ".widget-slider",
    ),
    "dropdown": ({"DropdownView"}, ".widget-dropdown"),
    "checkbox": ({"CheckboxView"}, ".widget-checkbox"),
    "toggle buttons": ({"ToggleButtonsView"}, ".widget-toggle-buttons"),
    "radio buttons": ({"RadioButtonsView"}, ".widget-radio"),
    # An ipympl canvas, or one of the course's explorers (an anywidget drawn by
    # sigmoid_lab/widgets/static/live_figures.js into an element of class sl-live).
    "live figure": ({"MPLCanvasView", "AnyView"}, ".jupyter-matplotlib-figure, .sl-live"),
    # An explorer's own inputs, drawn by its view: the kernel side lists them in its spec.
    "explorer input": (set(), ".sl-live .sl-control"),
}

HOW_TO_ENABLE = (
    "no Chromium found: install it with `apt-get install -y chromium` (or set "
    "SIGMOID_LAB_CHROMIUM to a Chromium or Chrome binary) to run the browser tests"
)


class BrowserUnavailable(RuntimeError):
    """Raised when Playwright or a Chromium binary is missing."""


def find_chromium() -> str | None:
    """The Chromium binary to drive: ``$SIGMOID_LAB_CHROMIUM`` or the first one on ``PATH``."""
    explicit = os.environ.get("SIGMOID_LAB_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_browser(playwright, executable: str | None = None):
    """Launch headless Chromium (the system's, never a downloaded build)."""
    executable = executable or find_chromium()
    if executable is None:
        raise BrowserUnavailable(HOW_TO_ENABLE)
    return playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )


def missing_browser(env: dict[str, str] | None = None) -> tuple[str, str] | None:
    """What to do when the browser tests cannot run: None, or ("skip"|"fail", reason).

    Locally a missing browser skips the tests with a message saying how to enable them; in CI
    (``CI=true``) it fails them, because a skipped browser test there would hide a broken setup.
    """
    env = os.environ if env is None else env
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the playwright package is missing: pip install -e '.[test]'"
    else:
        if find_chromium() is None:
            reason = HOW_TO_ENABLE
        else:
            return None
    in_ci = env.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return ("fail", f"CI=true, but {reason}") if in_ci else ("skip", reason)


def chapter_notebooks(edition: str = "en") -> list[Path]:
    """The course's pages in reading order: ``notebooks/*.ipynb``, top level only, or the
    Chinese edition's, ``notebooks/zh/*.ipynb``, for ``edition="zh"``.

    ``notebooks/solutions/`` is left out on purpose: the solutions show the same widgets as
    their chapters and are checked by nbval, so a second browser pass would double the run time
    and find nothing new.
    """
    folder = NOTEBOOKS / "zh" if edition == "zh" else NOTEBOOKS
    return sorted(folder.glob("*.ipynb"))


def chapter_params(edition: str = "en") -> list:
    """``pytest.param`` per page, with the file name's stem as the test id (``zh/…`` for the
    Chinese edition)."""
    import pytest

    chapters = chapter_notebooks(edition)
    if not chapters:
        skip = pytest.mark.skip(reason=f"notebooks/ holds no {edition} chapter yet")
        return [pytest.param(None, marks=skip, id=f"no-{edition}-chapters")]
    prefix = "zh/" if edition == "zh" else ""
    return [pytest.param(path, id=f"{prefix}{path.stem}") for path in chapters]


def served_path(notebook: Path) -> str:
    """The path a server started by this module serves ``notebook`` at."""
    return f"notebooks/{notebook.relative_to(NOTEBOOKS).as_posix()}"


# --------------------------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: User settings for JupyterLab: no autosave (the served copy is never written back), no news
#: or update checks and no extension manager (there is no network), and every cell in the DOM
#: (no virtual scrolling, so the tests see every output).
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}


def private_environment(base: Path, settings: dict | None = None) -> dict[str, str]:
    """Environment variables that keep Jupyter, IPython and Matplotlib out of the user's home.

    The virtual environment's own data path (``sys.prefix/share/jupyter``) stays on Jupyter's
    search path, so the ipywidgets and ipympl extensions and the python3 kernel are found.
    """
    env = dict(os.environ)
    folders = {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
    }
    for name, folder in folders.items():
        path = base / folder
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH"):
        env.pop(name, None)
    # The kernels must run this interpreter's ipykernel, whatever PATH says.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    folder = base / "lab-settings"
    for plugin, values in {**LAB_SETTINGS, **(settings or {})}.items():
        target = folder / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    return env


@dataclass
class Server:
    """A Jupyter server started by this module, with its address and log."""

    name: str
    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log_path: Path

    def address(self, path: str, **query: str) -> str:
        """The URL of ``path`` on this server, with the token."""
        params = "&".join([f"token={self.token}", *(f"{k}={v}" for k, v in query.items())])
        return f"{self.url}{path}?{params}"

    def api(self, path: str, method: str = "GET", timeout: float = 10.0):
        """Call the server's REST API and return the decoded JSON (or ``None``)."""
        request = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def log(self) -> str:
        """The server's output so far (for a failure message)."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def shutdown_kernels(self) -> None:
        """Shut down every kernel the server runs, so one notebook does not slow the next."""
        with contextlib.suppress(OSError, ValueError):
            for kernel in self.api("/api/kernels") or []:
                with contextlib.suppress(OSError):
                    self.api(f"/api/kernels/{kernel['id']}", method="DELETE", timeout=20)


def _wait_until_ready(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"{server.name} exited with code {server.process.returncode}:\n{server.log()}"
            )
        try:
            server.api("/api/status", timeout=2)
            return
        except urllib.error.HTTPError:
            return  # Voilà has no status endpoint, but any answer means it is listening.
        except (OSError, ValueError):
            time.sleep(0.25)
    raise TimeoutError(f"{server.name} did not answer within {timeout:.0f} s:\n{server.log()}")


def _stop(server: Server) -> None:
    """Stop the server, its kernels and anything else it started, whatever state it is in."""
    try:
        import psutil  # ipykernel depends on it, so it is there wherever a kernel runs
    except ImportError:
        psutil = None
    try:
        descendants = psutil.Process(server.process.pid).children(recursive=True)
    except Exception:
        descendants = []
    if server.process.poll() is None:
        # A clean shutdown stops the kernels too; the signals below are the fallback (and the
        # only way for Voilà, which has no shutdown endpoint).
        try:
            server.api("/api/shutdown", method="POST", timeout=5)
        except (OSError, ValueError):
            pass
        else:
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.process.wait(timeout=10)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if server.process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(server.process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                server.process.wait(timeout=5)
    # Kernels run in sessions of their own, so the process group does not reach them.
    if psutil is None:
        return
    alive = [p for p in descendants if p.is_running()]
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, still_alive = psutil.wait_procs(alive, timeout=5)
    for process in still_alive:
        with contextlib.suppress(psutil.Error):
            process.kill()


@contextlib.contextmanager
def _serve(
    name: str,
    command: list[str],
    base: Path,
    root: Path,
    timeout: float,
    settings: dict | None = None,
):
    token = secrets.token_hex(24)
    port = free_port()
    env = private_environment(base, settings)
    log_path = base / f"{name.lower()}.log"
    command = [arg.format(port=port, token=token, root=root) for arg in command]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name, f"http://127.0.0.1:{port}", token, root, process, log_path)
    try:
        _wait_until_ready(server, timeout)
        yield server
    finally:
        _stop(server)


def _copy_notebooks(target: Path, sources: dict[str, Path]) -> Path:
    """Copy each source folder into ``target/<name>`` (the servers only ever see copies)."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for name, source in sources.items():
        if source.exists():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            (target / name).mkdir(parents=True)
    return target


@contextlib.contextmanager
def start_jupyterlab(
    sources: dict[str, Path] | None = None,
    *,
    timeout: float = 90.0,
    settings: dict | None = None,
) -> Iterator[Server]:
    """Run JupyterLab on a copy of ``sources`` (default: notebooks/ and the test fixtures).

    ``settings`` adds user settings by plugin id, on top of :data:`LAB_SETTINGS`; for example
    ``{"@jupyterlab/translation-extension/plugin": {"locale": "zh_CN"}}`` for a Chinese
    interface.

    The server exposes ``window.jupyterapp`` so a test can wait on JupyterLab's own commands.
    """
    sources = sources or {"notebooks": NOTEBOOKS, "fixtures": FIXTURES}
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-lab-") as tmp:
        base = Path(tmp)
        root = _copy_notebooks(base / "served", sources)
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token={token}",
            "--ServerApp.root_dir={root}",
            "--ServerApp.terminals_enabled=False",
            "--ServerApp.allow_root=True",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.extension_manager=readonly",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--KernelManager.shutdown_wait_time=2",
        ]
        with _serve("JupyterLab", command, base, root, timeout, settings) as server:
            yield server


@contextlib.contextmanager
def start_voila(
    sources: dict[str, Path] | None = None, *, timeout: float = 90.0
) -> Iterator[Server]:
    """Run Voilà (code hidden, its default) over a copy of ``sources``.

    Pages are at ``/voila/render/<folder>/<name>.ipynb``.
    """
    sources = sources or {"notebooks": NOTEBOOKS, "fixtures": FIXTURES}
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-voila-") as tmp:
        base = Path(tmp)
        root = _copy_notebooks(base / "served", sources)
        # Voila reads voila.json from the folder it starts in, as in the README's command: it
        # keeps the JupyterLab-only slides extension and its fonts out of Voila's pages.
        shutil.copy(ROOT / "voila.json", root / "voila.json")
        command = [
            sys.executable,
            "-m",
            "voila",
            "{root}",
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            "--port={port}",
            "--Voila.port_retries=0",
            "--token={token}",
            "--ServerApp.allow_root=True",
        ]
        with _serve("Voila", command, base, root, timeout) as server:
            yield server


# --------------------------------------------------------------------------------------------
# What the notebook creates, counted on the kernel side
# --------------------------------------------------------------------------------------------


def _widget_refs(value) -> Iterator[str]:
    """Model ids referenced from a widget state value (``"IPY_MODEL_<id>"`` strings)."""
    if isinstance(value, str):
        if value.startswith("IPY_MODEL_"):
            yield value[len("IPY_MODEL_") :]
    elif isinstance(value, list):
        for item in value:
            yield from _widget_refs(item)
    elif isinstance(value, dict):
        view = value.get("application/vnd.jupyter.widget-view+json")
        if isinstance(view, dict) and "model_id" in view:
            yield view["model_id"]
        for item in value.values():
            yield from _widget_refs(item)


def count_displayed_controls(nb) -> dict[str, int]:
    """Count the controls of every widget an executed notebook displays, by kind.

    ``nb`` must have been executed with ``store_widget_state=True``. A widget displayed twice
    counts twice, as the browser draws it twice.
    """
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    models = state.get("state", {})
    view_kind = {
        view: kind for kind, (views, _selector) in CONTROL_KINDS.items() for view in views
    }
    counts: Counter[str] = Counter({kind: 0 for kind in CONTROL_KINDS})

    def walk(model_id: str, path: tuple[str, ...]) -> None:
        if model_id in path or model_id not in models:
            return
        model_state = models[model_id].get("state", {})
        kind = view_kind.get(model_state.get("_view_name"))
        if kind:
            counts[kind] += 1
        if model_state.get("_view_name") == "AnyView":
            counts["explorer input"] += len(model_state.get("spec", {}).get("controls", []))
        for child in _widget_refs(model_state):
            walk(child, (*path, model_id))

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for root in _widget_refs(output.get("data", {})):
                walk(root, ())
    return dict(counts)


def _execute_and_count(path: Path) -> dict:
    """Run a notebook in a fresh kernel and count what it displays (runs in a subprocess)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    errors = [
        f"cell {index}: {output.get('ename')}: {output.get('evalue')}"
        for index, cell in enumerate(nb.cells)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
        and "raises-exception" not in cell.get("metadata", {}).get("tags", [])
    ]
    return {"counts": count_displayed_controls(nb), "errors": errors}


def expected_controls(notebook: Path, *, timeout: float = 600.0) -> dict:
    """Run ``notebook`` (a copy of it, in a fresh kernel) and count the controls it displays.

    The count comes from the kernel's widget state, not from any browser, so it is an
    independent reference for what the page must show. Runs in a subprocess with private
    Jupyter folders, so no event loop is shared with Playwright's.

    Returns
    -------
    dict
        ``{"counts": {kind: n, ...}, "errors": [unexpected error outputs]}``.
    """
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-count-") as tmp:
        base = Path(tmp)
        copy = base / "work" / notebook.name
        copy.parent.mkdir()
        shutil.copy2(notebook, copy)
        result = subprocess.run(
            [sys.executable, __file__, "count", str(copy)],
            env=private_environment(base),
            cwd=copy.parent,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"could not execute {notebook.name}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# Console, failed requests and known offline CDN look-ups
# --------------------------------------------------------------------------------------------

#: Requests that fail only because this machine is offline, and what they are for. Anything
#: else that fails (a 404 from our server, a widget module fetched from a CDN because it is
#: not installed) is a problem.
KNOWN_OFFLINE_LOOKUPS = [
    (
        re.compile(
            r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/fontawesome-free@[^/]+/css/"
            r"(all|v4-shims)\.min\.css$"
        ),
        "Voilà's lab template links the Font Awesome icon CSS from a CDN",
    ),
    (
        re.compile(r"^https://mybinder\.org/badge_logo\.svg$"),
        "each chapter's 'launch Binder' badge is an image served by mybinder.org",
    ),
]
_OFFLINE_FAILURES = ("net::ERR_NAME_NOT_RESOLVED", "net::ERR_INTERNET_DISCONNECTED")


def is_known_offline_lookup(url: str, failure: str) -> bool:
    """True if ``url`` is a known CDN look-up that failed only for lack of a network."""
    return (failure.split() or [""])[0] in _OFFLINE_FAILURES and any(
        pattern.match(url) for pattern, _why in KNOWN_OFFLINE_LOOKUPS
    )


class PageWatch:
    """Record console errors, uncaught exceptions, failed requests and HTTP errors of a page."""

    def __init__(self, page):
        self.console_errors: list[tuple[str, str]] = []
        self.page_errors: list[str] = []
        self.failed_requests: list[tuple[str, str]] = []
        self.bad_responses: list[tuple[str, int]] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", self._on_request_failed)
        page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if message.type == "error":
            url = (message.location or {}).get("url", "")
            self.console_errors.append((message.text, url))

    def _on_request_failed(self, request) -> None:
        self.failed_requests.append((request.url, request.failure or ""))

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.bad_responses.append((response.url, response.status))

    def problems(self) -> list[str]:
        """Everything recorded so far, less the known offline CDN look-ups."""
        offline = {
            url for url, failure in self.failed_requests if is_known_offline_lookup(url, failure)
        }
        found = []
        for text, url in self.console_errors:
            # Chromium logs each failed load once more as a console error at the same URL.
            if url in offline and text.startswith("Failed to load resource: net::ERR_"):
                continue
            found.append(f"browser console error: {_shorten(text)} (at {url or 'unknown'})")
        found += [f"uncaught exception in the page: {_shorten(e)}" for e in self.page_errors]
        found += [
            f"request failed: {url} ({failure})"
            for url, failure in self.failed_requests
            if url not in offline
        ]
        found += [f"HTTP {status} for {url}" for url, status in self.bad_responses]
        return found


def _shorten(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# Helpers that run in the page (JupyterLab and Voilà share the output-area markup)
# --------------------------------------------------------------------------------------------

#: Defines ``window.__sigmoidLab`` in a page: control tagging, figure fingerprints, the scan.
PAGE_HELPERS = "\n".join(
    line
    for line in (Path(__file__).resolve().parent / "page_helpers.js").read_text().splitlines()
    if not line.startswith("//")
)

#: JupyterLab's notebook model, read through ``window.jupyterapp``: error outputs by cell
#: (with their tags) and the cells that never ran. Tags are copied onto the cell nodes as
#: ``celltag_<tag>`` classes, as Voilà's template does, so the page scan treats both alike.
LAB_NOTEBOOK_STATE = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const errors = [];
  const notRun = [];
  panel.content.widgets.forEach((cell, index) => {
    const tags = cell.model.getMetadata('tags') || [];
    tags.forEach((tag) => cell.node.classList.add('celltag_' + tag));
    if (cell.model.type !== 'code') return;
    const empty = !cell.model.sharedModel.getSource().trim();
    if (cell.model.executionCount === null && !empty) notRun.push(index + 1);
    for (let i = 0; i < cell.model.outputs.length; i++) {
      const output = cell.model.outputs.get(i).toJSON();
      if (output.output_type === 'error') {
        errors.push({
          cell: index + 1,
          expected: tags.includes('raises-exception'),
          text: output.ename + ': ' + output.evalue,
        });
      }
    }
  });
  return { errors, notRun };
}
"""

LAB_KERNEL_IDLE = r"""
() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const context = panel && panel.sessionContext;
  const kernel = context && context.session && context.session.kernel;
  // What the status bar shows as "<kernel name> | Idle", read from the model so the check
  // does not depend on the interface language (a Chinese JupyterLab shows 空闲).
  return !!kernel && context.isReady && !context.hasNoKernel
    && context.kernelDisplayStatus === 'idle'
    && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
}
"""

#: Run All has finished when the kernel is idle, no prompt shows ``[*]`` and every non-empty
#: code cell up to the first unexpected error has an execution count. The command's own
#: promise is not enough: it settles at the first error, even an expected one, while the
#: kernel still works through the cells queued after it (their prompts lose the ``[*]``).
LAB_RUN_FINISHED = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const prompts = [...panel.node.querySelectorAll('.jp-InputPrompt')];
  if (prompts.some((prompt) => prompt.innerText.includes('[*]'))) return false;
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code' || !cell.model.sharedModel.getSource().trim()) continue;
    if (cell.model.executionCount === null) return false;
    const tags = cell.model.getMetadata('tags') || [];
    for (let i = 0; i < cell.model.outputs.length; i++) {
      if (cell.model.outputs.get(i).type === 'error' && !tags.includes('raises-exception')) {
        return true;  // the kernel drops the cells queued after an unexpected error
      }
    }
  }
  return true;
}
"""


# --------------------------------------------------------------------------------------------
# Checks shared by both front ends
# --------------------------------------------------------------------------------------------


@dataclass
class NotebookReport:
    """What one notebook looked like in one front end, and everything that was wrong."""

    frontend: str
    notebook: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    expected: dict[str, int] = field(default_factory=dict)
    rendered: dict[str, int] = field(default_factory=dict)
    screenshots: list[Path] = field(default_factory=list)

    def add(self, problems) -> None:
        """Add problems not already reported (a scan after interaction repeats older ones)."""
        for problem in problems:
            if problem not in self.problems:
                self.problems.append(problem)

    def summary(self) -> str:
        """A failure message: the problems, then what was checked and where the pictures are."""
        lines = [f"{self.notebook} in {self.frontend}: {len(self.problems)} problem(s)"]
        lines += [f"  - {problem}" for problem in self.problems]
        lines += [f"  note: {note}" for note in self.notes]
        lines.append(f"  controls expected {self.expected}, rendered {self.rendered}")
        if self.screenshots:
            lines.append(f"  screenshots in {self.screenshots[0].parent}")
        return "\n".join(lines)


def install_helpers(page) -> None:
    """Define ``window.__sigmoidLab`` (see :data:`PAGE_HELPERS`) in the current document."""
    page.evaluate(PAGE_HELPERS)


def wait_for_widgets(page, report: NotebookReport, timeout: float) -> None:
    """Wait until no widget is still loading and every live figure has drawn once."""
    install_helpers(page)
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "() => window.__sigmoidLab.pendingText().length === 0"
            " && window.__sigmoidLab.undrawnFigures().length === 0",
            timeout=timeout * 1000,
            polling=200,
        )
    for place in page.evaluate("() => window.__sigmoidLab.undrawnFigures()"):
        report.add([f"{place}: a live figure stayed blank"])


def check_counts(page, report: NotebookReport, expected: dict[str, int]) -> None:
    """Compare the rendered controls with the kernel-side count, kind by kind."""
    selectors = {kind: selector for kind, (_views, selector) in CONTROL_KINDS.items()}
    report.expected = dict(expected)
    report.rendered = page.evaluate(
        "sel => Object.fromEntries(Object.entries(sel).map(([kind, css]) =>"
        " [kind, document.querySelectorAll(css).length]))",
        selectors,
    )
    for kind, want in expected.items():
        got = report.rendered.get(kind, 0)
        if got != want:
            report.add([f"{kind}: the notebook displays {want}, the page shows {got}"])


def _figure_hash(page, control_id: int) -> str:
    return page.evaluate("id => window.__sigmoidLab.figureState(id).hash", control_id)


def _wait_for_new_figure(page, control_id: int, before: str, timeout: float):
    """Wait until the figure changes or the widget shows a new error.

    Returns "changed", the last line of the new error, or None if nothing happened.
    """
    try:
        outcome = page.wait_for_function(
            """([id, before]) => {
              if (window.__sigmoidLab.figureState(id).hash !== before) return 'changed';
              const errors = window.__sigmoidLab.newWidgetErrors(id, false);
              return errors.length ? errors[errors.length - 1] : null;
            }""",
            arg=[control_id, before],
            timeout=timeout * 1000,
            polling=100,
        )
    except Exception:
        return None
    return outcome.json_value()


def wait_until_figure_settles(
    page, control_id: int, quiet: float = 0.4, limit: float = 10.0
) -> str:
    """Wait until the control's figure has stopped changing; return its final fingerprint."""
    last = _figure_hash(page, control_id)
    stable_since = time.monotonic()
    deadline = stable_since + limit
    while time.monotonic() < deadline:
        time.sleep(0.1)
        current = _figure_hash(page, control_id)
        if current != last:
            last, stable_since = current, time.monotonic()
        elif time.monotonic() - stable_since >= quiet:
            break
    return last


def _value(page, control_id: int):
    return page.evaluate("id => window.__sigmoidLab.value(id)", control_id)


def _press_until_moved(page, control, handle, control_id: int) -> str | None:
    """Press arrow keys on a slider handle; return the key that moved it, or None."""
    start = _value(page, control_id)
    for key in ("ArrowRight", "ArrowLeft", "PageUp", "PageDown"):
        handle.focus()
        for _ in range(3):
            page.keyboard.press(key)
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "([id, start]) => window.__sigmoidLab.value(id) !== start",
                arg=[control_id, start],
                timeout=1000,
                polling=50,
            )
        if _value(page, control_id) != start:
            return key
    return None


def _drag(page, control, handle, control_id: int) -> bool:
    """Drag a slider handle 50 px towards the middle of its track; True if the value moved."""
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    track = control.locator(".noUi-target").first.bounding_box() or box
    if not box:
        return False
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    direction = 1 if x < track["x"] + track["width"] / 2 else -1
    start = _value(page, control_id)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + direction * 50, y, steps=10)
    page.mouse.up()
    return _changed(page, control_id, start)


def _changed(page, control_id: int, start) -> bool:
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "([id, start]) => window.__sigmoidLab.value(id) !== start",
            arg=[control_id, start],
            timeout=2000,
            polling=50,
        )
    return _value(page, control_id) != start


def _click_to_change(page, target, control_id: int) -> bool:
    start = _value(page, control_id)
    target.click()
    return _changed(page, control_id, start)


def _actions(page, control, info, drag: bool) -> list:
    """How a learner changes this control: (description, action returning True if it moved)."""
    control_id = info["id"]
    kind = info["kind"]
    if kind == "slider":
        handle = control.locator(".noUi-handle").first
        actions = [
            (
                "the keyboard",
                lambda: _press_until_moved(page, control, handle, control_id) is not None,
            )
        ]
        if drag:
            actions.append(("a mouse drag", lambda: _drag(page, control, handle, control_id)))
        return actions
    if kind == "dropdown":
        select = control.locator("select")

        def choose():
            start = _value(page, control_id)
            current = select.evaluate("s => s.selectedIndex")
            select.select_option(index=(current + 1) % info["options"])
            return _changed(page, control_id, start)

        return [("a new choice", choose)]
    if kind == "checkbox":
        box = control.locator("input[type=checkbox]")
        return [("a click", lambda: _click_to_change(page, box, control_id))]
    if kind == "toggle buttons":
        other = control.locator("button:not(.mod-active)").first
        return [("a click on another option", lambda: _click_to_change(page, other, control_id))]
    other = control.locator("input[type=radio]:not(:checked)").first
    return [("a click on another option", lambda: _click_to_change(page, other, control_id))]


def drive_controls(page, report: NotebookReport, timeout: float = 20.0) -> list[dict]:
    """Change every control as a learner would, and check that its figure redraws.

    Every slider moves with the arrow keys (the first one is also dragged with the mouse),
    every dropdown gets another choice, every checkbox is clicked, and toggle and radio buttons
    get another option. After each change the figure that belongs to the control (the ipympl
    canvas or image in the same widget) must show different pixels within ``timeout`` seconds;
    a traceback in the widget instead is reported with its message.
    """
    install_helpers(page)
    controls = page.evaluate("() => window.__sigmoidLab.tagControls()")
    dragged = False
    for info in controls:
        name = f"{info['kind']} '{info['label'] or '(no label)'}' in {info['where']}"
        if page.evaluate("id => window.__sigmoidLab.disabled(id)", info["id"]):
            report.notes.append(f"{name} is disabled; not changed")
            continue
        if info["options"] < 2 and info["kind"] in ("dropdown", "toggle buttons", "radio buttons"):
            report.notes.append(f"{name} has a single option; not changed")
            continue
        if info["figures"] == 0:
            report.notes.append(f"{name} has no figure next to it; only errors are checked")
        control = page.locator(f'[data-sl-control="{info["id"]}"]')
        control.scroll_into_view_if_needed()
        drag = info["kind"] == "slider" and not dragged
        dragged = dragged or drag
        for how, act in _actions(page, control, info, drag):
            before = wait_until_figure_settles(page, info["id"])
            page.evaluate("id => window.__sigmoidLab.newWidgetErrors(id, true)", info["id"])
            if not act():
                report.add([f"{name} did not change with {how}"])
                continue
            if info["figures"] == 0:
                continue
            outcome = _wait_for_new_figure(page, info["id"], before, timeout)
            if outcome is None:
                report.add([f"{name}: changing it with {how} did not change its figure"])
            elif outcome != "changed":
                report.add([f"{name}: changing it with {how} raised {outcome}"])
    return controls


def take_screenshots(page, report: NotebookReport, folder: Path, stem: str, moment: str) -> None:
    """Save the page and each widget's output as PNGs named ``<stem>-<what>-<moment>.png``.

    The page shot is the window with the first widget scrolled into view (both front ends
    scroll inside the page, so a full-page shot would show no more); each widget's output is
    saved whole.
    """
    folder.mkdir(parents=True, exist_ok=True)
    install_helpers(page)
    widgets = page.evaluate("() => window.__sigmoidLab.tagWidgetOutputs()")
    if widgets:
        page.locator('[data-sl-widget="0"]').scroll_into_view_if_needed()
    path = folder / f"{stem}-page-{moment}.png"
    page.screenshot(path=path)
    report.screenshots.append(path)
    for index in widgets:
        path = folder / f"{stem}-widget{index + 1}-{moment}.png"
        with contextlib.suppress(Exception):
            page.locator(f'[data-sl-widget="{index}"]').screenshot(path=path, timeout=10000)
            report.screenshots.append(path)


def _save_failure(page, report: NotebookReport, folder: Path, stem: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-page-failure.png"
    with contextlib.suppress(Exception):
        page.screenshot(path=path)
        report.screenshots.append(path)


def _clear_old_screenshots(folder: Path, stem: str) -> None:
    for old in folder.glob(f"{stem}-*.png"):
        old.unlink()


def _finish(page, report, watch, folder: Path, stem: str, expected, timeout: float, scan):
    """The part both front ends share, once the notebook has run."""
    wait_for_widgets(page, report, timeout=min(timeout, 60))
    report.add(scan())
    check_counts(page, report, expected["counts"])
    report.notes += [f"kernel-side error: {error}" for error in expected.get("errors", [])]
    take_screenshots(page, report, folder, stem, "before")
    drive_controls(page, report)
    report.add(scan())
    take_screenshots(page, report, folder, stem, "after")
    report.add(watch.problems())
    return report


# --------------------------------------------------------------------------------------------
# JupyterLab and Voilà
# --------------------------------------------------------------------------------------------


def open_in_jupyterlab(page, server: Server, path: str, timeout: float = 90.0) -> None:
    """Open ``path`` in JupyterLab and wait until its kernel is really idle.

    The toolbar's circle says idle before any kernel exists, so the session itself is asked:
    ready, with a kernel, shown as idle (what the status bar says as "Python 3 | Idle"), and
    the kernel connected and idle. No text of the interface is read, so the check works in
    any interface language.
    """
    page.goto(server.address(f"/lab/tree/{path}", reset=""), timeout=timeout * 1000)
    page.wait_for_function(LAB_KERNEL_IDLE, timeout=timeout * 1000, polling=100)
    # The file browser takes a third of the width; a learner reading a chapter closes it.
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")


def run_all_in_jupyterlab(page, timeout: float = 300.0) -> None:
    """Run All Cells (the Run menu's command) and wait until every cell has finished."""
    page.evaluate(
        """() => {
          window.__slRunAll = null;
          window.jupyterapp.commands.execute('notebook:run-all-cells').then(
            (ok) => { window.__slRunAll = { ok }; },
            (error) => { window.__slRunAll = { error: String(error) }; });
        }"""
    )
    page.wait_for_function("() => window.__slRunAll !== null", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    # Finished, and still finished a moment later: widgets talk to the kernel as they render.
    while True:
        remaining = max(deadline - time.monotonic(), 1.0)
        page.wait_for_function(LAB_RUN_FINISHED, timeout=remaining * 1000, polling=100)
        time.sleep(0.5)
        if page.evaluate(LAB_RUN_FINISHED) or time.monotonic() > deadline:
            break
    page.wait_for_function(LAB_KERNEL_IDLE, timeout=timeout * 1000, polling=100)


def _lab_model_problems(page) -> list[str]:
    state = page.evaluate(LAB_NOTEBOOK_STATE)
    problems = [
        f"cell {error['cell']}: error output: {_shorten(error['text'], 200)}"
        for error in state["errors"]
        if not error["expected"]
    ]
    if state["notRun"]:
        cells = ", ".join(str(n) for n in state["notRun"])
        problems.append(f"code cells {cells} never ran (Run All stopped at an error)")
    return problems


def check_in_jupyterlab(
    page,
    server: Server,
    path: str,
    expected: dict,
    *,
    shots: Path | None = None,
    timeout: float = 300.0,
) -> NotebookReport:
    """Open, run and drive one notebook in JupyterLab; return what was wrong.

    ``path`` is relative to the server's root (``notebooks/02-meet-the-sigmoid.ipynb``);
    ``expected`` comes from :func:`expected_controls`.
    """
    report = NotebookReport("JupyterLab", path)
    watch = PageWatch(page)
    folder = shots or ARTIFACTS / "screenshots" / "jupyterlab"
    stem = path.removeprefix("notebooks/").removesuffix(".ipynb").replace("/", "__")
    _clear_old_screenshots(folder, stem)
    open_in_jupyterlab(page, server, path)
    try:
        run_all_in_jupyterlab(page, timeout)
    except Exception as error:
        report.add([f"Run All did not finish within {timeout:.0f} s ({_shorten(error, 200)})"])
        report.add(_lab_model_problems(page))
        report.notes.append("server log, last lines:\n" + server.log()[-3000:])
        _save_failure(page, report, folder, stem)
        return report
    report.add(_lab_model_problems(page))

    def scan():
        page.evaluate(LAB_NOTEBOOK_STATE)  # copies the cell tags onto the cell nodes
        return page.evaluate("() => window.__sigmoidLab.scan(false)")

    return _finish(page, report, watch, folder, stem, expected, timeout, scan)


def check_in_voila(
    page,
    server: Server,
    path: str,
    expected: dict,
    *,
    shots: Path | None = None,
    timeout: float = 300.0,
) -> NotebookReport:
    """Open one notebook in Voilà (code hidden), wait for it to run, drive it, report.

    The notebook's kernel is shut down at the end: Voilà's own shutdown-on-leave request is
    refused by a token-protected server (it carries no ``_xsrf`` field), so without this every
    page view would leave a kernel running.
    """
    report = NotebookReport("Voila", path)
    watch = PageWatch(page)
    folder = shots or ARTIFACTS / "screenshots" / "voila"
    stem = path.removeprefix("notebooks/").removesuffix(".ipynb").replace("/", "__")
    _clear_old_screenshots(folder, stem)
    page.goto(server.address(f"/voila/render/{path}"), timeout=timeout * 1000, wait_until="commit")
    try:
        # Voilà runs every cell on the server while its spinner counts them, then swaps the
        # spinner for the outputs.
        page.wait_for_selector("#loading", state="detached", timeout=timeout * 1000)
        page.wait_for_selector("#rendered_cells", state="visible", timeout=timeout * 1000)
    except Exception:
        progress = page.locator("#loading_text")
        said = progress.inner_text(timeout=2000) if progress.count() else "no spinner text"
        report.add([f"Voilà did not finish within {timeout:.0f} s (its spinner said: {said!r})"])
        report.notes.append("server log, last lines:\n" + server.log()[-3000:])
        report.add(watch.problems())
        _save_failure(page, report, folder, stem)
        return report
    try:
        code_shown = page.locator(".jp-CodeCell .jp-InputArea:visible").count()
        if code_shown:
            report.add([f"{code_shown} code cell(s) are visible; Voilà should hide the code"])
        install_helpers(page)
        return _finish(
            page,
            report,
            watch,
            folder,
            stem,
            expected,
            timeout,
            lambda: page.evaluate("() => window.__sigmoidLab.scan(true)"),
        )
    finally:
        with contextlib.suppress(Exception):
            kernel = page.evaluate(
                "() => JSON.parse(document.getElementById('jupyter-config-data')"
                ".textContent).kernelId"
            )
            server.api(f"/voila/api/shutdown/{kernel}", method="POST")


def _main(argv: list[str]) -> int:
    """``python browser_harness.py count NOTEBOOK``: print the kernel-side count as JSON."""
    if len(argv) != 2 or argv[0] != "count":
        print("usage: browser_harness.py count NOTEBOOK", file=sys.stderr)
        return 2
    print(json.dumps(_execute_and_count(Path(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
