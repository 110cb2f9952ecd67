"""Build the course website from ``notebooks/`` and their committed outputs, offline.

Run ``python tools/build_site.py`` (after ``npm ci``, which installs MathJax from
package-lock.json) to build into ``_site/``, or pass ``--out DIR``. Nothing is executed: the
pages show the outputs saved in the notebooks. The build fails on any Sphinx warning (a broken
link between notebooks, an image or script from another site) and prints its time.

Sphinx reads ``docs/conf.py``; the source directory is ``notebooks/`` itself, so the links
between notebooks keep working and the start page is the home page.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
MATHJAX = ROOT / "node_modules" / "mathjax" / "es5" / "tex-chtml.js"

__all__ = ["build", "main"]


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
    from sphinx.cmd.build import build_main

    if not MATHJAX.exists():
        raise RuntimeError(
            f"{MATHJAX} is missing: run `npm ci` in {ROOT} first "
            "(it installs the MathJax version locked in package-lock.json)."
        )
    start = time.perf_counter()
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="sigmoid-lab-doctrees-") as doctrees:
        args = ["-b", "html", "-c", str(DOCS), "-d", doctrees, "-W", "--keep-going", "-E"]
        if quiet:
            args.append("-q")
        with warnings.catch_warnings():
            # The theme and myst use Sphinx APIs due to change in Sphinx 11: their concern.
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            status = build_main([*args, str(source), str(out)])
    if status != 0:
        raise RuntimeError(f"sphinx-build failed (exit status {status}): see its messages above.")
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
