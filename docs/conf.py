"""Sphinx configuration of the course website, built from ``notebooks/`` by tools/build_site.py.

The site has two editions, each its own build with this configuration: English from
``notebooks/`` into ``_site/``, and Chinese from ``notebooks/zh`` into ``_site/zh`` with
``-D language=zh_CN`` (the theme's words in Chinese, and a Chinese search index). The source
directory is the edition's folder of notebooks itself, so the links between notebooks work
unchanged and the start page is the home page; ``course_site.py`` sets what differs between
the editions and links each page to its counterpart. The notebooks are
not executed: the site shows their committed outputs. Everything a page loads is served from the
site: the theme's own files, MathJax copied from ``node_modules/`` (npm, locked by
package-lock.json), and ``docs/_static``.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

from sigmoid_lab.course import BRANCH, CONTENTS, REPOSITORY  # noqa: E402

project = "Sigmoid Lab"
author = "The Sigmoid Lab authors"
copyright = "the Sigmoid Lab authors, MIT licence"

extensions = [
    "myst_nb",
    "sphinx_copybutton",
    "sphinx.ext.mathjax",
    "sphinx.ext.githubpages",  # .nojekyll, so GitHub Pages serves _static/
    "course_site",
]

# English unless the build says otherwise (tools/build_site.py passes -D language=zh_CN).
language = "en"
root_doc = CONTENTS.removesuffix(".ipynb")
exclude_patterns = ["**/.ipynb_checkpoints"]
# Only notebooks are pages; a stray Markdown or reST file in notebooks/ is not part of the site.
source_suffix = {".ipynb": "myst-nb"}

# The committed outputs are the content; nothing runs at build time.
nb_execution_mode = "off"
# No ipywidgets embed scripts: they come from a CDN, and the saved notebooks hold no widget
# state. Each explorer's saved figure (application/vnd.sigmoid-lab.figure+json) is drawn live
# by course_site.py with the package's own ES module instead.
nb_ipywidgets_js = {}
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3
# Solutions pages go from the title straight to "### Exercise N" (one H3 per exercise, as in
# the chapters), and a traceback that the IPython lexer cannot read is shown in plain text.
suppress_warnings = ["myst.header", "misc.highlighting_failure"]

# MathJax 3 from npm, copied into _static/mathjax by course_site.py (relative to _static).
mathjax_path = "mathjax/tex-chtml.js"

html_theme = "sphinx_book_theme"
html_title = "Sigmoid Lab"
html_static_path = ["_static"]
templates_path = ["_templates"]
# The theme's words in the Chinese edition, where Sphinx's and the themes' own catalogues leave
# them in English or in Taiwan wording: Sphinx reads the "sphinx" domain from here before its
# own catalogue and the theme's (course_site.py registers the "booktheme" domain).
locale_dirs = [str(DOCS / "locales")]
html_css_files = ["course.css"]
html_favicon = "_static/favicon.svg"
html_last_updated_fmt = None
# Light, dark, or the reader's system setting (the default); the switch sits in the header.
html_context = {"default_mode": "auto"}
html_theme_options = {
    "repository_url": f"https://github.com/{REPOSITORY}",
    "repository_branch": BRANCH,
    "path_to_docs": "notebooks",
    "use_repository_button": True,
    "use_source_button": True,
    "use_download_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "notebook_interface": "jupyterlab",
    },
    # The link to this page in the other edition, before the theme's buttons.
    "article_header_end": ["edition-switch.html", "article-header-buttons.html"],
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "pygments_light_style": "default",
    "pygments_dark_style": "github-dark",
}
