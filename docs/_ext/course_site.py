"""What turns the notebooks into the course website, beyond what myst-nb does by itself.

- The site has two editions, each built on its own (see ``tools/build_site.py``): English from
  ``notebooks/`` into the site's root, and Chinese from ``notebooks/zh`` into ``zh/``, with
  Sphinx's ``language = "zh_CN"``. :data:`EDITIONS` says which folder and words each uses; the
  English build leaves the other editions' folders out, so its sidebar and search hold English
  pages only.
- Every page's header has a link to the same page in the other edition (relative, so it works
  under any sub-path), and a link from a notebook to its counterpart in the other edition
  becomes a link to that page of the other edition's site.
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
- The themes' words (buttons, tooltips, labels) are in the edition's language: the catalogues
  in ``docs/locales`` (Simplified Chinese) come before Sphinx's and the themes' own, which
  leave some words in English or in Taiwan wording (see :func:`register_theme_words`).
- MathJax and the Chinese font (Noto Sans SC) are copied from ``node_modules/``, which
  ``npm ci`` installs from package-lock.json.
"""

from __future__ import annotations

import html
import json
import logging as std_logging
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import get_translation
from sphinx.search.zh import SearchChinese
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from sigmoid_lab.course import BRANCH, CHAPTERS, REPOSITORY, binder_url
from sigmoid_lab.widgets.base import FIGURE_MIME, STATIC

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
#: The site's own message catalogues (``<language>/LC_MESSAGES/<domain>.po``): the themes' words
#: where their catalogues leave them in English or in another region's wording.
LOCALES = ROOT / "docs" / "locales"
#: The message domains of the themes whose catalogues this extension registers; the "sphinx"
#: domain comes from ``locale_dirs`` in docs/conf.py, which Sphinx reads before its own.
THEME_DOMAINS = ("booktheme",)
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

__all__ = ["EDITIONS", "Edition", "setup"]


@dataclass(frozen=True)
class Edition:
    """One language edition of the site.

    Attributes
    ----------
    language : str
        Sphinx's ``language`` for its build; it picks the edition.
    folder : str
        Its folder inside ``notebooks/`` and inside the site (``""`` for the root).
    tag : str
        Its BCP 47 language tag, for ``lang`` and ``hreflang``.
    name : str
        Its name in its own language: the switch's text on the other edition's pages.
    words : dict
        The words this extension puts on its pages, by key; ``author`` and ``copyright``, when
        given, replace docs/conf.py's (English) ones in this edition's header and footer.
    """

    language: str
    folder: str
    tag: str
    name: str
    words: dict[str, str] = field(default_factory=dict)

    def notebook(self, docname: str) -> str:
        """A page's notebook, from the repository's root."""
        return "/".join(filter(None, ("notebooks", self.folder, f"{docname}.ipynb")))


EDITIONS = (
    Edition(
        "en",
        "",
        "en",
        "English",
        {
            "chapters": "Chapters",
            "solutions": "Solutions",
            "more": "More",
            "source": "Source notebook",
            "binder": "Launch on Binder",
            "switch_title": "This page in English",
            "figure": "Interactive figure: ",
            "runs_where": "Its controls run in Jupyter, with Python: ",
            "launch_page": "launch this page on Binder",
            "or_install": " or install the course on your machine (",
            "see_readme": "see the README",
            "readme": "https://github.com/{repository}#start",
            "close": ").",
            "follows": " Its static version follows.",
            "noscript": "<strong>Interactive figure:</strong> {alt} It is drawn by JavaScript, "
            "which this browser does not run; its static version follows.",
            "start_here": "Sigmoid Lab: start here",
        },
    ),
    Edition(
        "zh_CN",
        "zh",
        "zh-CN",
        "中文",
        {
            "chapters": "章节",
            "solutions": "参考答案",
            "more": "更多",
            "source": "源笔记本",
            "binder": "在 Binder 上打开",
            "switch_title": "本页的中文版",
            "figure": "交互图：",
            "runs_where": "它的控件在 Jupyter 中由 Python 运行：",
            "launch_page": "在 Binder 上打开本页",
            "or_install": "，或者在你的电脑上安装课程（",
            "see_readme": "见 README",
            "readme": "https://github.com/{repository}/blob/{branch}/README.zh-CN.md#开始",
            "close": "）。",
            "follows": "它的静态版本在下面。",
            "noscript": "<strong>交互图：</strong>{alt} 它由 JavaScript 绘制，"
            "而这个浏览器没有运行 JavaScript；它的静态版本在下面。",
            "start_here": "Sigmoid Lab：从这里开始",
            "author": "Sigmoid Lab 作者",
            "copyright": "Sigmoid Lab 作者，MIT 许可证",
        },
    ),
)


def edition_of(config) -> Edition:
    """The edition a build makes, by its ``language`` (English unless another one's)."""
    return next((e for e in EDITIONS if e.language == config.language), EDITIONS[0])


def other_edition(edition: Edition) -> Edition:
    """The edition the header's switch leads to."""
    return next(e for e in EDITIONS if e != edition)


def source_url(docname: str, edition: Edition = EDITIONS[0]) -> str:
    """The notebook's page on GitHub."""
    return f"https://github.com/{REPOSITORY}/blob/{BRANCH}/{edition.notebook(docname)}"


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search, with its browser-side stemmer under the name it is defined by.

    Sphinx 9.0 ships ``english-stemmer.js`` for Chinese (the Latin words in Chinese text are
    stemmed as English), which defines ``EnglishStemmer``, but names the stemmer after the
    language, ``ChineseStemmer``: every page would throw "ChineseStemmer is not defined" and
    the search would find nothing.
    """

    language_name = "English"


def choose_edition(app: Sphinx, config) -> None:
    """Set up the build for its edition: what it leaves out, its source links, its search.

    The English build reads ``notebooks/`` without the other editions' folders; the Chinese
    one reads ``notebooks/zh``, so its source and download buttons point there, and its
    search index splits Chinese text into words with jieba (what Sphinx uses for Chinese).
    """
    edition = edition_of(config)
    if not edition.folder:
        others = [e.folder for e in EDITIONS if e.folder]
        config.exclude_patterns = [*config.exclude_patterns, *others, *(f"{f}/**" for f in others)]
    for key in ("author", "copyright"):
        if key in edition.words:
            setattr(config, key, edition.words[key])
    options = dict(config.html_theme_options)
    options["path_to_docs"] = str(PurePosixPath("notebooks", edition.folder))
    config.html_theme_options = options
    if edition.language.startswith("zh"):
        try:
            import jieba
        except ImportError as error:
            raise ExtensionError(
                "the Chinese edition's search needs jieba to split Chinese text into words: "
                "`pip install -e .[test]` installs it."
            ) from error
        jieba.setLogLevel(std_logging.WARNING)  # not "Loading model cost …" on every build
        app.add_search_language(ChineseSearch)


def register_theme_words(app: Sphinx) -> None:
    """Compile the site's catalogues for the build's language, and register the themes' domains.

    Each ``.po`` file in :data:`LOCALES` is compiled to the ``.mo`` beside it when it is newer
    (as Sphinx does for the "sphinx" domain of ``locale_dirs``). The domains in
    :data:`THEME_DOMAINS` are registered here, in the extension's setup, before the theme's own
    setup registers its catalogue (the theme is loaded with the builder): in
    :func:`sphinx.locale.init` the first catalogue of a domain is the one asked first, and
    the later ones are its fallbacks, so a word found here wins and the others stay the
    theme's. :func:`check_theme_words` checks that this held.
    """
    language = app.config.language
    repository = CatalogRepository(LOCALES.parent, [LOCALES.name], language, "utf-8")
    for catalogue in repository.catalogs:
        if catalogue.is_outdated():
            catalogue.write_mo(language)
    for domain in THEME_DOMAINS:
        app.add_message_catalog(domain, LOCALES)


def check_theme_words(app: Sphinx) -> None:
    """Stop the build if a word of the site's catalogues is not what the pages will get.

    Once the theme is loaded, every message in ``docs/locales`` for the build's language must
    translate to its ``msgstr`` in the ``.po`` file: this fails if another catalogue of the
    same domain came first, or if a ``.mo`` file is out of step with its source.
    """
    folder = LOCALES / app.config.language / "LC_MESSAGES"
    for source in sorted(folder.glob("*.po")):
        with source.open("rb") as file:
            messages = [m for m in read_po(file) if m.id and m.string]
        translate = get_translation(source.stem)
        wrong = [m.id for m in messages if str(translate(m.id)) != m.string]
        if wrong:
            raise ExtensionError(
                f"{source.relative_to(ROOT)}: the build translates {wrong} otherwise; another "
                f"catalogue of the {source.stem!r} domain was registered first."
            )


def toctree_cells(pages: list[str], edition: Edition = EDITIONS[0]) -> list[dict]:
    """Markdown cells holding the hidden tables of contents, captioned in ``edition``'s words.

    The chapters, then the solutions, in the course's order; then, under "More", every other
    page in ``pages`` (document names, without the start page), so that a notebook added to
    ``notebooks/`` is on the site before it has a place in :data:`CHAPTERS`.
    """
    chapters = [chapter.file.removesuffix(".ipynb") for chapter in CHAPTERS]
    solutions = [chapter.solutions_file.removesuffix(".ipynb") for chapter in CHAPTERS]
    known = set(chapters) | set(solutions)
    more = sorted(page for page in pages if page not in known)
    cells = []
    for key, entries in (("chapters", chapters), ("solutions", solutions), ("more", more)):
        if not entries:
            continue
        body = "\n".join(entries)
        caption = edition.words[key]
        source = f"```{{toctree}}\n:hidden:\n:caption: {caption}\n\n{body}\n```\n"
        cell_id = f"site-contents-{key}"
        cells.append({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source})
    return cells


def add_contents(app: Sphinx, docname: str, source: list[str]) -> None:
    """Give the start page (the root document) the course's table of contents."""
    if docname != app.config.root_doc:
        return
    pages = [page for page in app.env.found_docs if page != docname]
    notebook = json.loads(source[0])
    notebook["cells"].extend(toctree_cells(pages, edition_of(app.config)))
    source[0] = json.dumps(notebook)


def live_figure_markup(payload: dict, edition: Edition = EDITIONS[0]) -> str:
    """The HTML that stands for a saved figure: its data, drawn by ``live_figures.js``.

    The data sit in a ``<script>`` of the figure's own MIME type, which the browser does not
    run; ``</`` is escaped so that no string in them can end the script early.
    """
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    alt = html.escape(str(payload.get("spec", {}).get("alt", "")))
    return (
        f'<div class="sl-live-mount" data-sl-kind="{html.escape(str(payload.get("kind", "")))}">'
        f'<script type="{FIGURE_MIME}">{data}</script>'
        f'<noscript><p class="sl-live-fallback">{edition.words["noscript"].format(alt=alt)}'
        "</p></noscript></div>"
    )


def embed_live_figures(app: Sphinx, docname: str, source: list[str]) -> None:
    """Turn each saved figure output into the markup that draws it live on the page."""
    notebook = json.loads(source[0])
    changed = False
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(FIGURE_MIME)
            if isinstance(payload, dict):
                markup = live_figure_markup(payload, edition_of(app.config))
                output["data"] = {"text/html": markup}
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
        edition = edition_of(self.config)
        launch = binder_url(edition.notebook(docname))
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if _is_binder_badge(paragraph, launch):
                paragraph.parent.remove(paragraph)
        title = next(iter(self.document.findall(nodes.title)), None)
        if title is None:
            return
        line = nodes.paragraph(classes=["sl-page-links"])
        line += nodes.reference(
            "",
            edition.words["source"],
            refuri=source_url(docname, edition),
            classes=["sl-source-link"],
        )
        line += nodes.Text(" · ")
        line += nodes.reference(
            "",
            edition.words["binder"],
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
            note = explorer_note(alt, docname, following == "figure", edition_of(self.config))
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


def _site_source(env) -> Path:
    """The folder of notebooks the whole site comes from (``notebooks/`` or a copy of it)."""
    srcdir = Path(env.srcdir).resolve()
    folder = edition_of(env.config).folder
    return srcdir.parents[len(PurePosixPath(folder).parts) - 1] if folder else srcdir


def _in_this_edition(env, path: Path) -> bool:
    """Whether a notebook is a page of the edition being built."""
    srcdir = Path(env.srcdir).resolve()
    if not path.is_relative_to(srcdir):
        return False
    if edition_of(env.config).folder:
        return True
    return not any(path.is_relative_to(srcdir / e.folder) for e in EDITIONS if e.folder)


class EditionLinks(SphinxTransform):
    """Point a link to a notebook of another edition at that edition's page on the site.

    Each notebook links to its counterpart (``zh/01-build-a-neuron.ipynb``, and back with
    ``../01-build-a-neuron.ipynb``). The editions are built apart, so Sphinx knows no such
    document; but each edition's site mirrors its folder of notebooks, so the same relative
    path, ending in ``.html``, is the counterpart's page.
    """

    default_priority = 431

    def apply(self, **kwargs) -> None:
        here = Path(self.env.doc2path(self.env.docname)).resolve().parent
        srcdir = Path(self.env.srcdir)
        site = _site_source(self.env)
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst":
                continue
            if node.get("refdomain") == "doc":
                # myst has made a notebook's path a document name, from the source folder
                # (or an absolute path, for a notebook outside it).
                target = (srcdir / f"{node['reftarget']}.ipynb").resolve()
                fragment = node.get("reftargetid") or ""
            else:
                path, _, fragment = node["reftarget"].partition("#")
                target = (here / path).resolve()
            if (
                target.suffix != ".ipynb"
                or not target.is_file()
                or not target.is_relative_to(site)
                or _in_this_edition(self.env, target)
            ):
                continue
            url = Path(os.path.relpath(target.with_suffix(".html"), here)).as_posix()
            link = nodes.reference(
                "", "", *node.children, refuri=url + (fragment and "#" + fragment)
            )
            link["classes"] = ["sl-edition-link"]
            node.replace_self(link)


def edition_switch(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give each page the link to its counterpart in the other edition (``edition-switch.html``).

    The link is relative, so it works from any folder and under any sub-path. A notebook with
    no counterpart leads to the other edition's start page; the pages Sphinx makes itself
    (search, index) exist in both.
    """
    edition = edition_of(app.config)
    other = other_edition(edition)
    up = "../" * (pagename.count("/") + len(PurePosixPath(edition.folder).parts))
    site = _site_source(app.env)
    target = pagename
    if pagename in app.env.found_docs:
        counterpart = site / other.folder / f"{pagename}.ipynb"
        if not counterpart.is_file():
            target = app.config.root_doc
    href = up + "/".join(filter(None, (other.folder, f"{target}.html")))
    context["sl_edition_switch"] = {
        "href": href,
        "name": other.name,
        "tag": other.tag,
        "title": other.words["switch_title"],
    }
    link = f'<link rel="alternate" hreflang="{other.tag}" href="{html.escape(href)}">'
    context["metatags"] = context.get("metatags", "") + "\n" + link


def explorer_note(
    alt: str, docname: str, figure_follows: bool, edition: Edition = EDITIONS[0]
) -> nodes.container:
    """The note that stands for an interactive figure on the static site."""
    words = edition.words
    note = nodes.container(classes=["sl-live-note"])
    heading = nodes.paragraph()
    heading += nodes.strong("", words["figure"])
    heading += nodes.Text(alt)
    note += heading
    where = nodes.paragraph()
    where += nodes.Text(words["runs_where"])
    where += nodes.reference(
        "", words["launch_page"], refuri=binder_url(edition.notebook(docname))
    )
    where += nodes.Text(words["or_install"])
    readme = words["readme"].format(repository=REPOSITORY, branch=BRANCH)
    where += nodes.reference("", words["see_readme"], refuri=readme)
    where += nodes.Text(words["close"])
    if figure_follows:
        where += nodes.Text(words["follows"])
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
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>Sigmoid Lab</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
</head>
<body><p><a href="{target}">{text}</a></p></body>
</html>
"""


def write_index(app: Sphinx, exception: Exception | None) -> None:
    """Send a visitor of the site's root (``index.html``) to the start page."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    target = html.escape(app.builder.get_target_uri(app.config.root_doc))
    edition = edition_of(app.config)
    page = REDIRECT.format(target=target, lang=edition.tag, text=edition.words["start_here"])
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    register_theme_words(app)
    app.connect("builder-inited", check_theme_words)
    app.connect("config-inited", choose_edition)
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
    app.add_transform(EditionLinks)
    app.connect("html-page-context", edition_switch)
    app.connect("build-finished", copy_live_figures)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", copy_font)
    app.connect("build-finished", drop_icon_script)
    app.connect("build-finished", write_index)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
