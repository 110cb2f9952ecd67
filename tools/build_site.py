"""Build the course website from ``notebooks/`` and their committed outputs, offline.

Run ``python tools/build_site.py`` (after ``npm ci``, which installs MathJax from
package-lock.json) to build into ``_site/``, or pass ``--out DIR``. Nothing is executed: the
pages show the outputs saved in the notebooks. The build fails on any Sphinx warning (a broken
link between notebooks, an image or script from another site) and prints its time.

The site has two editions, each a Sphinx build of its own with ``docs/conf.py``: English from
``notebooks/`` (without ``notebooks/zh``) into ``_site/``, and Chinese from ``notebooks/zh``
into ``_site/zh/`` with ``language = "zh_CN"``. Each has its own sidebar and search, and each
page links to its counterpart in the other. The two builds run side by side, in two processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
MATHJAX = ROOT / "node_modules" / "mathjax" / "es5" / "tex-chtml.js"
sys.path.insert(0, str(DOCS / "_ext"))

import course_site  # noqa: E402  (the Sphinx extension, which defines the editions)

#: The editions: Sphinx's language and the folder, in the notebooks and in the site.
EDITIONS = tuple((edition.language, edition.folder) for edition in course_site.EDITIONS)

__all__ = ["EDITIONS", "build", "main"]


def build(out: Path, *, quiet: bool = True, source: Path = NOTEBOOKS) -> float:
    """Build the site into ``out`` (replaced whole) and return the seconds it took.

    ``source`` is the folder of notebooks (default: ``notebooks/``); a copy of it, such as
    freshly executed notebooks in a temporary folder, builds the same site from them.

    Raises
    ------
    RuntimeError
        If MathJax is not installed (run ``npm ci``) or Sphinx reports an error or a warning;
        the message says which.
    """
    if not MATHJAX.exists():
        raise RuntimeError(
            f"{MATHJAX} is missing: run `npm ci` in {ROOT} first "
            "(it installs the MathJax version locked in package-lock.json)."
        )
    start = time.perf_counter()
    out = Path(out)
    source = Path(source)
    if out.exists():
        shutil.rmtree(out)
    # The theme and myst use Sphinx APIs due to change in Sphinx 11: their concern.
    env = os.environ | {
        "PYTHONWARNINGS": "ignore::DeprecationWarning,ignore::PendingDeprecationWarning"
    }
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-doctrees-") as doctrees:
        builds = []
        for language, folder in EDITIONS:
            args = ["-b", "html", "-c", str(DOCS), "-d", str(Path(doctrees, language))]
            args += ["-D", f"language={language}", "-W", "--keep-going", "-E"]
            if quiet:
                args.append("-q")
            command = [
                sys.executable,
                "-m",
                "sphinx",
                *args,
                str(source / folder),
                str(out / folder),
            ]
            builds.append((language, subprocess.Popen(command, cwd=ROOT, env=env)))
        failed = [(language, build.wait()) for language, build in builds]
    failed = [(language, status) for language, status in failed if status != 0]
    if failed:
        which = ", ".join(f"{language} (exit status {status})" for language, status in failed)
        raise RuntimeError(f"sphinx-build failed for {which}: see its messages above.")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_site", help="default: _site/")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    parser.add_argument("--source", type=Path, default=NOTEBOOKS, help="default: notebooks/")
    args = parser.parse_args(argv)
    try:
        seconds = build(args.out, quiet=not args.verbose, source=args.source)
    except RuntimeError as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    print(f"Built the site into {args.out} in {seconds:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
