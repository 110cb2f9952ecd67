"""What turns the notebooks into the course website, beyond what myst-nb does by itself.

- The start page gets the table of contents (hidden: the sidebar shows it), built from
  :data:`sigmoid_lab.course.CHAPTERS`, so the site's order is the course's order.
- Every page gets a line under its title with a link to its source notebook and one that opens
  it on Binder; a notebook's own Binder badge (an image on mybinder.org) is folded into it.
- An image from another site becomes a text link: no page loads anything from outside its own
  site. Raw HTML that would load something from outside stops the build with a warning.
- An interactive figure (an explorer's ``application/vnd.sigmoid-lab.figure+json`` output)
  is live on the page: the same ES module that draws it in JupyterLab
  (``sigmoid_lab/widgets/static/live_figures.js``, copied into ``_static/sigmoid-lab/``)
  draws it from the saved output, with no kernel. An explorer output saved before the
  figures were drawn in the browser (text only) becomes a note saying where its controls
  run, pointing to the static figure that follows it.
- ``index.html`` sends a visitor of the site's root to the start page.
- MathJax and the Chinese font (Noto Sans SC) are copied from ``node_modules/``, which
  ``npm ci`` installs from package-lock.json.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from sigmoid_lab.course import BRANCH, CHAPTERS, REPOSITORY, binder_url
from sigmoid_lab.widgets.base import FIGURE_MIME, STATIC

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
MATHJAX = ROOT / "node_modules" / "mathjax" / "es5"
#: What a page can load from MathJax: the TeX-to-HTML bundle, its fonts, the TeX extensions
#: it loads on demand, and the menu's accessibility and speech parts.
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml", "input/tex/extensions", "a11y", "sre", "ui"]
#: Noto Sans SC from Fontsource, for the article's Chinese on machines without a CJK font. Its
#: CSS splits the font by ``unicode-range``, so a page downloads only the pieces it shows.
FONT = ROOT / "node_modules" / "@fontsource" / "noto-sans-sc"
FONT_WEIGHTS = (400, 700)
FONT_TARGET = "fonts/noto-sans-sc"
#: The WOFF fallback after each WOFF2 file: every browser that runs the site reads WOFF2.
WOFF_FALLBACK = re.compile(r""",\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)""")
FONT_FILE = re.compile(r"url\(\./files/([^)]+\.woff2)\)")
FONT_FACE = re.compile(r"(?:/\*[^*]*\*/\s*)?@font-face\s*{[^}]*}")
UNICODE_RANGE = re.compile(r"unicode-range:\s*([^;]+);")
#: The theme's Font Awesome script tag (see :func:`drop_icon_script`).
ICON_SCRIPT = re.compile(
    r"""<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\s*"""
)

#: The text form of an explorer, as ``sigmoid_lab.widgets.base.Explorer`` writes it.
EXPLORER_TEXT = re.compile(r"^\[Interactive figure: (?P<alt>.*?)(?: Run this cell\b.*)?\]$", re.S)
#: A URL that leaves the site (a scheme, or a protocol-relative ``//host``).
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
#: Raw HTML that would make the browser fetch something from another site.
REMOTE_LOAD = re.compile(
    r"""<(?:img|script|link|iframe|source|video|audio)\b[^>]*?"""
    r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
    re.I,
)

#: Where the live figures' module and style sheet go in the site, under ``_static``.
LIVE_TARGET = "sigmoid-lab"
#: The module every page loads: it draws the page's saved figures (if any).
LIVE_LOADER = """// Draws the interactive figures saved in this page's notebook outputs.
import { mountAll } from "./live_figures.js";

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll());
} else {
  mountAll();
}
"""

__all__ = ["setup"]


def source_url(docname: str) -> str:
    """The notebook's page on GitHub."""
    return f"https://github.com/{REPOSITORY}/blob/{BRANCH}/notebooks/{docname}.ipynb"


def toctree_cells(pages: list[str]) -> list[dict]:
    """Markdown cells holding the hidden tables of contents.

    The chapters, then the solutions, in the course's order; then, under "More", every other
    page in ``pages`` (document names, without the start page), so that a notebook added to
    ``notebooks/`` is on the site before it has a place in :data:`CHAPTERS`.
    """
    chapters = [chapter.file.removesuffix(".ipynb") for chapter in CHAPTERS]
    solutions = [chapter.solutions_file.removesuffix(".ipynb") for chapter in CHAPTERS]
    known = set(chapters) | set(solutions)
    more = sorted(page for page in pages if page not in known)
    cells = []
    for caption, entries in (("Chapters", chapters), ("Solutions", solutions), ("More", more)):
        if not entries:
            continue
        body = "\n".join(entries)
        source = f"```{{toctree}}\n:hidden:\n:caption: {caption}\n\n{body}\n```\n"
        cell_id = f"site-contents-{caption.lower()}"
        cells.append({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source})
    return cells


def add_contents(app: Sphinx, docname: str, source: list[str]) -> None:
    """Give the start page (the root document) the course's table of contents."""
    if docname != app.config.root_doc:
        return
    pages = [page for page in app.env.found_docs if page != docname]
    notebook = json.loads(source[0])
    notebook["cells"].extend(toctree_cells(pages))
    source[0] = json.dumps(notebook)


def live_figure_markup(payload: dict) -> str:
    """The HTML that stands for a saved figure: its data, drawn by ``live_figures.js``.

    The data sit in a ``<script>`` of the figure's own MIME type, which the browser does not
    run; ``</`` is escaped so that no string in them can end the script early.
    """
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    alt = html.escape(str(payload.get("spec", {}).get("alt", "")))
    return (
        f'<div class="sl-live-mount" data-sl-kind="{html.escape(str(payload.get("kind", "")))}">'
        f'<script type="{FIGURE_MIME}">{data}</script>'
        f'<noscript><p class="sl-live-fallback"><strong>Interactive figure:</strong> {alt} '
        "It is drawn by JavaScript, which this browser does not run; its static version "
        "follows.</p></noscript></div>"
    )


def embed_live_figures(app: Sphinx, docname: str, source: list[str]) -> None:
    """Turn each saved figure output into the markup that draws it live on the page."""
    notebook = json.loads(source[0])
    changed = False
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(FIGURE_MIME)
            if isinstance(payload, dict):
                output["data"] = {"text/html": live_figure_markup(payload)}
                output["metadata"] = {}
                changed = True
    if changed:
        source[0] = json.dumps(notebook)


def keep_outputs_out_of_the_tree(app: Sphinx) -> None:
    """Write myst-nb's copies of the notebooks beside the doctrees, not beside the site.

    myst-nb puts them in ``jupyter_execute/`` next to the output folder, which for ``_site/``
    is the repository itself.
    """
    folder = Path(app.doctreedir) / "jupyter_execute"
    app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))


def _is_binder_badge(paragraph: nodes.paragraph, url: str) -> bool:
    """Whether a paragraph is only a badge: one link to ``url`` around one image."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(children) != 1 or not isinstance(children[0], nodes.reference):
        return False
    link = children[0]
    return link.get("refuri") == url and all(
        isinstance(child, nodes.image) for child in link.children
    )


class PageLinks(SphinxTransform):
    """A line under each page's title: the source notebook and Binder, as text links."""

    default_priority = 400

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        launch = binder_url(f"notebooks/{docname}.ipynb")
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if _is_binder_badge(paragraph, launch):
                paragraph.parent.remove(paragraph)
        title = next(iter(self.document.findall(nodes.title)), None)
        if title is None:
            return
        line = nodes.paragraph(classes=["sl-page-links"])
        line += nodes.reference(
            "", "Source notebook", refuri=source_url(docname), classes=["sl-source-link"]
        )
        line += nodes.Text(" · ")
        line += nodes.reference(
            "",
            "Launch on Binder",
            refuri=launch,
            classes=["sl-binder-link"],
        )
        title.parent.insert(title.parent.index(title) + 1, line)


class LocalResourcesOnly(SphinxTransform):
    """Turn images from other sites into text links; refuse raw HTML that loads from one."""

    default_priority = 410

    def apply(self, **kwargs) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not REMOTE.match(uri):
                continue
            text = nodes.Text(image.get("alt") or uri)
            if isinstance(image.parent, nodes.reference):
                image.parent["classes"].append("sl-text-link")
                image.replace_self(text)
            else:
                image.replace_self(nodes.reference("", "", text, refuri=uri))
        for raw in self.document.findall(nodes.raw):
            found = REMOTE_LOAD.search(raw.astext())
            if found:
                logger.warning(
                    "raw HTML loads a file from another site (%s…): the site must work "
                    "offline; ship the file with the site or link to it instead.",
                    found.group(0)[:80],
                    location=raw,
                )


def _is_static_figure(node: nodes.Node) -> bool:
    return isinstance(node, nodes.image) or (
        isinstance(node, nodes.raw) and "<figure" in node.astext()
    )


class ExplorerNotes(SphinxTransform):
    """Replace an explorer's "run this cell" text with where its controls run.

    Only outputs saved before the explorers were drawn in the browser are text alone; the
    others are drawn live (:func:`embed_live_figures`).
    """

    default_priority = 420

    def apply(self, **kwargs) -> None:
        docname = self.env.docname
        # Outputs in page order: explorers and static figures.
        outputs = []
        for node in self.document.findall(
            lambda n: isinstance(n, (nodes.literal_block, nodes.raw, nodes.image))
        ):
            if isinstance(node, nodes.literal_block) and "output" in node["classes"]:
                match = EXPLORER_TEXT.match(node.astext().strip())
                if match:
                    outputs.append(("explorer", node, match.group("alt").strip()))
                    continue
            if _is_static_figure(node):
                outputs.append(("figure", node, None))
        for index, (kind, node, alt) in enumerate(outputs):
            if kind != "explorer":
                continue
            following = next((k for k, _, _ in outputs[index + 1 :]), None)
            note = explorer_note(alt, docname, following == "figure")
            node.replace_self(note)
            note["classes"] = ["sl-live-note"]  # not the output classes replace_self copied


class FolderLinks(SphinxTransform):
    """Point a link to a folder of notebooks (``[solutions/](solutions/)``) at its first page.

    On GitHub such a link lists the folder; the site has no listing, but its sidebar lists the
    folder's pages under the first one.
    """

    default_priority = 430

    def apply(self, **kwargs) -> None:
        here = Path(self.env.doc2path(self.env.docname)).parent
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("reftype") != "myst" or node.get("refdomain") == "doc":
                continue
            folder = (here / node["reftarget"]).resolve()
            if not folder.is_dir():
                continue
            pages = sorted(folder.glob("*.ipynb"))
            if pages:
                node["refdomain"] = "doc"
                node["reftarget"] = self.env.path2doc(str(pages[0]))
                node["reftargetid"] = None


def explorer_note(alt: str, docname: str, figure_follows: bool) -> nodes.container:
    """The note that stands for an interactive figure on the static site."""
    note = nodes.container(classes=["sl-live-note"])
    heading = nodes.paragraph()
    heading += nodes.strong("", "Interactive figure: ")
    heading += nodes.Text(alt)
    note += heading
    where = nodes.paragraph()
    where += nodes.Text("Its controls run in Jupyter, with Python: ")
    where += nodes.reference(
        "", "launch this page on Binder", refuri=binder_url(f"notebooks/{docname}.ipynb")
    )
    where += nodes.Text(" or install the course on your machine (")
    where += nodes.reference("", "see the README", refuri=f"https://github.com/{REPOSITORY}#start")
    where += nodes.Text(").")
    if figure_follows:
        where += nodes.Text(" Its static version follows.")
    note += where
    return note


def check_npm_packages(app: Sphinx) -> None:
    """Stop early, saying what to run, when ``npm ci`` has not installed what pages load."""
    for needed in (MATHJAX / "tex-chtml.js", FONT / f"{FONT_WEIGHTS[0]}.css"):
        if not needed.exists():
            raise ExtensionError(
                f"{needed} is missing: run `npm ci` in {ROOT} first "
                "(it installs the versions locked in package-lock.json)."
            )
    for weight in FONT_WEIGHTS:
        app.add_css_file(f"{FONT_TARGET}/{weight}.css")


def _characters(outdir: Path) -> set[int]:
    """Every character the site's pages and search index hold."""
    used: set[int] = set()
    for page in [*outdir.rglob("*.html"), outdir / "searchindex.js"]:
        if page.exists():
            used.update(map(ord, set(page.read_text(encoding="utf-8"))))
    return used


def _covers(unicode_range: str, used: set[int]) -> bool:
    """Whether a CSS ``unicode-range`` (``U+4e00-4e3f,U+4e5a``) holds a character in ``used``."""
    for part in unicode_range.split(","):
        first, _, last = part.strip().removeprefix("U+").removeprefix("u+").partition("-")
        low, high = int(first, 16), int(last or first, 16)
        if any(low <= code <= high for code in used):
            return True
    return False


def copy_font(app: Sphinx, exception: Exception | None) -> None:
    """Copy the font's pieces that the site's text needs, with the rules that load them.

    Fontsource splits Noto Sans SC into about a hundred pieces by ``unicode-range``; a rule
    whose range holds no character of the site is left out, which keeps the CSS every page
    parses small.
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    used = _characters(outdir)
    target = outdir / "_static" / FONT_TARGET
    (target / "files").mkdir(parents=True, exist_ok=True)
    for weight in FONT_WEIGHTS:
        css = WOFF_FALLBACK.sub("", (FONT / f"{weight}.css").read_text())
        rules = FONT_FACE.findall(css)
        kept = [rule for rule in rules if _covers(UNICODE_RANGE.search(rule).group(1), used)]
        (target / f"{weight}.css").write_text("\n\n".join(kept) + "\n")
        for name in FONT_FILE.findall("".join(kept)):
            shutil.copy2(FONT / "files" / name, target / "files" / name)


def drop_icon_script(app: Sphinx, exception: Exception | None) -> None:
    """Take the theme's Font Awesome script (1.5 MB) off every page.

    The theme's stylesheet already draws its icons with the Font Awesome web fonts; the script
    only turns them into SVG, which is there "so that users can add custom icons". The site
    has none, and the script was measured to add 100 to 300 ms to every page's load.
    """
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = ICON_SCRIPT.sub("", text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


def copy_live_figures(app: Sphinx, exception: Exception | None) -> None:
    """Copy the live figures' module and style sheet, and write the loader every page runs."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / LIVE_TARGET
    target.mkdir(parents=True, exist_ok=True)
    for name in ("live_figures.js", "live_figures.css"):
        shutil.copy2(STATIC / name, target / name)
    (target / "site.js").write_text(LIVE_LOADER, encoding="utf-8")


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        source = MATHJAX / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)


REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sigmoid Lab</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body><p><a href="{target}">Sigmoid Lab: start here</a></p></body>
</html>
"""


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """Send a visitor of the site's root (``index.html``) to the start page."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = html.escape(app.builder.get_target_uri(app.config.root_doc))
    (Path(app.outdir) / "index.html").write_text(REDIRECT.format(target=target))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", check_npm_packages)
    app.connect("builder-inited", keep_outputs_out_of_the_tree, priority=900)
    app.connect("source-read", add_contents)
    app.connect("source-read", embed_live_figures)
    app.add_js_file(f"{LIVE_TARGET}/site.js", type="module")
    app.add_css_file(f"{LIVE_TARGET}/live_figures.css")
    app.add_transform(PageLinks)
    app.add_transform(LocalResourcesOnly)
    app.add_transform(ExplorerNotes)
    app.add_transform(FolderLinks)
    app.connect("build-finished", copy_live_figures)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", copy_font)
    app.connect("build-finished", drop_icon_script)
    app.connect("build-finished", write_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
