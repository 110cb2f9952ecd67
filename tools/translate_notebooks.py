"""The Chinese edition: gettext catalogues in, Chinese notebooks and the package's .mo out.

Usage::

    python tools/translate_notebooks.py update [NOTEBOOK ...]   # English in, catalogues merged
    python tools/translate_notebooks.py build                   # .mo and notebooks/zh/ written
    python tools/translate_notebooks.py check                   # fails on anything stale

Two kinds of catalogue, both gettext ``.po`` files read and written with Babel:

- ``sigmoid_lab/locale/zh_CN/LC_MESSAGES/sigmoid_lab.po``: the package's messages (errors for
  bad input, advice, figure labels), extracted from every ``_("...")`` and ``N_("...")`` in
  ``sigmoid_lab/``, and the text the notebooks' code writes for a reader (``print`` labels,
  alt texts, legends), extracted from every ``_("...")`` in the English notebooks' code cells.
  Code cells are the same in both editions, so that text is translated when the code runs:
  each notebook imports ``from sigmoid_lab.i18n import gettext as _``. ``build`` compiles the
  catalogue to the ``.mo`` file next to it, which the package reads (:mod:`sigmoid_lab.i18n`).
- ``locale/zh_CN/notebooks/<name>.po``, one per translated notebook (``solutions/<name>.po``
  for a solution): one entry per Markdown cell, its cell id as ``msgctxt`` and its English
  source as ``msgid``. A table the package generates (the glossary, the references) has one
  entry per row instead, keyed ``glossary:<term>`` or ``reference:<key>``.

``update`` merges the English into the catalogues. A new cell or message gets an empty
translation; a cell whose English changed keeps its old translation marked ``fuzzy``, with
the English it was made from as ``#| msgid``, so the translator sees what changed. ``update
notebooks/X.ipynb`` starts the catalogue of a notebook not yet translated.

``build`` writes ``notebooks/zh/<same path>``: the English notebook with each Markdown cell
replaced by its translation, and one code cell added (id ``zh-language``, just before the
first code cell) that calls ``sigmoid_lab.set_language("zh")``. Every other code cell is the
English cell, copied. A code cell whose source did not change keeps its outputs; the others
lose theirs, and ``build`` names the notebooks to run again with
``python tools/execute_notebooks.py notebooks/zh/...``.

``check`` exits with 1 and names every cell or message that needs a translator (untranslated,
or changed in English since it was translated), a ``.mo`` that differs from its ``.po``, and a
Chinese notebook that is not what ``build`` writes.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import gettext
import io
import os
import re
import string
import sys
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CHINESE = NOTEBOOKS / "zh"
LOCALE = "zh_CN"
NOTEBOOK_CATALOGUES = ROOT / "locale" / LOCALE / "notebooks"
PACKAGE = ROOT / "sigmoid_lab"
PACKAGE_PO = PACKAGE / "locale" / LOCALE / "LC_MESSAGES" / "sigmoid_lab.po"
PACKAGE_MO = PACKAGE_PO.with_suffix(".mo")

#: The marks the package uses: gettext as ``_``, ``N_`` for constants, ``pgettext``.
KEYWORDS = {"_": None, "gettext": None, "N_": None, "pgettext": ((1, "c"), 2)}

LANGUAGE_CELL_ID = "zh-language"
LANGUAGE_CELL = (
    "# 中文版：课程包给出的提示、错误信息和图中的文字都用中文（英文版没有这一格）。\n"
    "import sigmoid_lab\n"
    "\n"
    'sigmoid_lab.set_language("zh")'
)

HEADER = {
    "package": "Simplified Chinese messages of the sigmoid_lab package.",
    "notebook": "Simplified Chinese text of {path}, one entry per Markdown cell (msgctxt = id).",
}
_PO_HEADER = (
    "# {title}\n"
    "# Update: python tools/translate_notebooks.py update; then build and check.\n"
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: sigmoid-lab\\n"\n'
    '"Language: zh_CN\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=utf-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
    "\n"
)
# The .mo header is not compared by anything; a fixed date keeps a rebuild byte-identical.
_MO_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


# ------------------------------------------------------------------------------ .po files


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALE, charset="utf-8")
    for message in catalog:
        # Babel reads a multi-line previous msgid ("#| ...") back as comments "| ...": drop
        # them, or every later write would turn them into translator comments.
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalog


def write_catalogue(catalog: Catalog, path: Path, title: str) -> None:
    """Write ``catalog`` with a fixed header (no dates, no tool versions): diffs stay small."""
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=0,  # no wrapping: Babel wraps a long previous msgid (#|) wrongly
        omit_header=True,
        ignore_obsolete=True,
        include_previous=True,
        include_lineno=False,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_PO_HEADER.format(title=title).encode() + buffer.getvalue())


def _new_catalog() -> Catalog:
    return Catalog(locale=LOCALE, project="sigmoid-lab", charset="utf-8", fuzzy=False)


def placeholders(text: str) -> list[str]:
    """The ``{fields}`` of a str.format template, sorted; [] for text that is no template."""
    try:
        return sorted(
            f"{n}!{c}:{s}" for _, n, s, c in string.Formatter().parse(text) if n is not None
        )
    except ValueError:
        return []


# ------------------------------------------------------------------------------ the package


def package_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _code_lines(source: str) -> str:
    """A code cell as Python: IPython's ``%`` and ``!`` lines become blank lines."""
    return "\n".join(
        "" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()
    )


def notebook_code_messages() -> list[tuple[str, int, str, list[str], str | None]]:
    """(where, line, message, comments, context) for each ``_("...")`` in the English
    notebooks' code cells; ``where`` is ``notebooks/<name>.ipynb#<cell id>``."""
    found = []
    for english in translated_notebooks():
        nb = nbformat.read(english, as_version=4)
        name = english.relative_to(ROOT).as_posix()
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            source = io.BytesIO(_code_lines(cell.source).encode("utf-8"))
            for lineno, _func, message, comments in extract_python(
                source, KEYWORDS, ("Translators:",), {"encoding": "utf-8"}
            ):
                if isinstance(message, str):
                    found.append((f"{name}#{cell.id}", lineno, message, comments, None))
    return found


def package_template() -> Catalog:
    """Every marked message of the package and of the notebooks' code, with where it is."""
    template = _new_catalog()
    for path in package_sources():
        where = path.relative_to(ROOT).as_posix()
        for lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            template.add(
                message,
                locations=[(where, lineno)],
                auto_comments=comments,
                context=context,
            )
    for where, lineno, message, comments, context in notebook_code_messages():
        template.add(message, locations=[(where, lineno)], auto_comments=comments, context=context)
    return template


def update_package() -> None:
    template = package_template()
    catalog = read_catalogue(PACKAGE_PO) if PACKAGE_PO.exists() else _new_catalog()
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    write_catalogue(catalog, PACKAGE_PO, HEADER["package"])


def compile_package() -> None:
    catalog = read_catalogue(PACKAGE_PO)
    catalog.creation_date = catalog.revision_date = _MO_DATE
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    PACKAGE_MO.write_bytes(buffer.getvalue())


def translations(catalog: Catalog) -> dict[tuple[str | None, str], str]:
    """(context, English) -> Chinese, for the entries a reader is shown (not fuzzy, not empty)."""
    return {
        (m.context, m.id): m.string
        for m in catalog
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def compiled_translations(path: Path = PACKAGE_MO) -> dict[tuple[str | None, str], str]:
    """What the .mo holds, in the same form as :func:`translations`."""
    with path.open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    found = {}
    for key, value in mo._catalog.items():  # the parsed table; gettext has no public reader
        if key == "":
            continue
        context, _, message = key.rpartition("\x04")
        found[(context or None, message)] = value
    return found


def check_package() -> list[str]:
    problems = []
    catalog = read_catalogue(PACKAGE_PO)
    known = {(m.context, m.id): m for m in catalog if m.id}
    for message in package_template():
        if not message.id:
            continue
        where = ", ".join(f"{f}" for f, _ in message.locations)
        entry = known.get((message.context, message.id))
        if entry is None:
            problems.append(f"{where}: {message.id!r} is not in the catalogue (run update)")
        elif not entry.string:
            problems.append(f"{where}: {message.id!r} has no translation")
        elif entry.fuzzy:
            problems.append(f"{where}: {message.id!r} changed in English since it was translated")
        elif placeholders(entry.string) != placeholders(message.id):
            problems.append(
                f"{where}: the translation of {message.id!r} has the fields "
                f"{placeholders(entry.string)}, the English {placeholders(message.id)}"
            )
    if not PACKAGE_MO.exists() or compiled_translations() != translations(catalog):
        problems.append(f"{PACKAGE_MO.relative_to(ROOT)} differs from its .po (run build)")
    return problems


# ------------------------------------------------------------------------------ generated tables


def _glossary_units(source: str) -> list[tuple[str, str]]:
    from sigmoid_lab.glossary import TERMS

    return [(f"glossary:{term.english}", term.definition) for term in TERMS]


def _glossary_table(chinese: dict[str, str], source: str) -> str:
    """The glossary table with the Chinese term first and the meaning in Chinese."""
    from sigmoid_lab.course import CHAPTERS, CONTENTS
    from sigmoid_lab.glossary import TERMS

    files = {0: CONTENTS, **{chapter.number: chapter.file for chapter in CHAPTERS}}
    lines = ["| 中文 | English | 含义 | 章节 |", "|---|---|---|---|"]
    for term in TERMS:
        term_zh = f"{term.chinese} †" if term.in_article else term.chinese
        meaning = chinese.get(f"glossary:{term.english}", term.definition)
        # The Chinese chapter once it exists, the English one until then.
        target = files[term.chapter]
        target = target if (CHINESE / target).exists() else f"../{target}"
        cells = (term_zh, term.english, meaning.replace("|", "\\|"), f"[{term.chapter}]({target})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _reference_units(source: str) -> list[tuple[str, str]]:
    from sigmoid_lab.references import REFERENCES

    return [(f"reference:{r.key}", r.contribution) for r in REFERENCES]


def _reference_table(chinese: dict[str, str], source: str) -> str:
    """The timeline with the works cited as published and why the course cites them, in Chinese."""
    from sigmoid_lab.references import REFERENCES

    lines = ["| 年份 | 文献 | 课程为什么引用它 |", "|---|---|---|"]
    for r in REFERENCES:
        why = chinese.get(f"reference:{r.key}", r.contribution)
        lines.append(f"| {r.year} | {r.citation()} | {why} |")
    return "\n".join(lines)


def _chapter_units(source: str) -> list[tuple[str, str]]:
    from sigmoid_lab.course import CHAPTERS

    units = []
    for chapter in CHAPTERS:
        units += [(f"chapter:{chapter.number}:title", chapter.title)]
        units += [(f"chapter:{chapter.number}:goal", chapter.goal)]
    return units


def _minutes(minutes: int) -> str:
    return f"{minutes // 60} 小时 {minutes % 60} 分钟" if minutes >= 60 else f"{minutes} 分钟"


def chapter_rows(chinese: dict[str, str]) -> list:
    """(chapter, Chinese title, Chinese goal) for every chapter, English where untranslated."""
    from sigmoid_lab.course import CHAPTERS

    return [
        (
            chapter,
            chinese.get(f"chapter:{chapter.number}:title", chapter.title),
            chinese.get(f"chapter:{chapter.number}:goal", chapter.goal),
        )
        for chapter in CHAPTERS
    ]


def _chapter_map(chinese: dict[str, str], source: str) -> str:
    """The start page's chapter map in Chinese; the article's section titles as printed."""
    from sigmoid_lab.course import binder_badge_markdown

    lines = ["| 原文章节 | 章节 | 目标 | 时间 | 打开 |", "|---|---|---|---|---|"]
    for chapter, title, goal in chapter_rows(chinese):
        zh = CHINESE / chapter.file
        path = f"notebooks/zh/{chapter.file}" if zh.exists() else chapter.path
        lines.append(
            f"| 原文 §{chapter.number} {chapter.article_title} "
            f"| [{chapter.number}. {title}]({chapter.file}) | {goal} "
            f"| {_minutes(chapter.minutes)} | {binder_badge_markdown(path)} |"
        )
    return "\n".join(lines)


def _prose_units(source: str) -> list[tuple[str, str]]:
    """The start page's chapter introduction: its prose, without the computed time note."""
    return [("ch00-06:prose", source.rsplit("\n\n", 1)[0])]


def _prose_and_times(chinese: dict[str, str], source: str) -> str:
    from sigmoid_lab import course

    prose = chinese.get("ch00-06:prose", source.rsplit("\n\n", 1)[0])
    total = sum(chapter.minutes for chapter in course.CHAPTERS)
    note = (
        f"时间按英文版各章的长度估计：阅读按每分钟 {course.READING_WORDS_PER_MINUTE} 个英文单词，"
        f"每个代码格 {course.MINUTES_PER_CODE_CELL * 60:.0f} 秒，每道练习 "
        f"{course.MINUTES_PER_EXERCISE} 分钟，每个交互图 {course.MINUTES_PER_EXPLORER} 分钟，"
        f"每个预测 {getattr(course, 'MINUTES_PER_PREDICTION', 0)} 分钟：共计 {_minutes(total)}。"
    )
    return f"{prose}\n\n{note}"


#: Cells the package generates: (notebook, cell id) -> (units, render from translations).
GENERATED = {
    ("00-start-here.ipynb", "ch00-06"): (_prose_units, _prose_and_times),
    ("00-start-here.ipynb", "ch00-07"): (_chapter_units, _chapter_map),
    ("glossary.ipynb", "glossary-01"): (_glossary_units, _glossary_table),
    ("references.ipynb", "references-01"): (_reference_units, _reference_table),
}


# ------------------------------------------------------------------------------ notebooks


def catalogue_path(english: Path) -> Path:
    return NOTEBOOK_CATALOGUES / english.relative_to(NOTEBOOKS).with_suffix(".po")


def chinese_path(english: Path) -> Path:
    return CHINESE / english.relative_to(NOTEBOOKS)


def translated_notebooks() -> list[Path]:
    """The English notebooks that have a catalogue."""
    found = []
    for po in sorted(NOTEBOOK_CATALOGUES.rglob("*.po")):
        found.append(NOTEBOOKS / po.relative_to(NOTEBOOK_CATALOGUES).with_suffix(".ipynb"))
    return found


def units(english: Path) -> list[tuple[str, str]]:
    """(context, English text) for everything a translator translates in a notebook."""
    nb = nbformat.read(english, as_version=4)
    name = english.relative_to(NOTEBOOKS).as_posix()
    found = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.id == EDITION_CELL_ID:
            continue
        generated = GENERATED.get((name, cell.id))
        if generated is not None:
            found.extend(generated[0](cell.source))
        else:
            found.append((cell.id, cell.source))
    return found


def update_notebook(english: Path) -> None:
    """Merge the notebook's English into its catalogue, keyed by cell id."""
    path = catalogue_path(english)
    old = {m.context: m for m in read_catalogue(path) if m.id} if path.exists() else {}
    catalog = _new_catalog()
    for context, text in units(english):
        before = old.get(context)
        if before is None:
            catalog.add(text, "", context=context)
        elif before.id == text:
            catalog.add(text, before.string, context=context, flags=before.flags)
        else:
            catalog.add(
                text,
                before.string,
                context=context,
                flags={"fuzzy"} if before.string else set(),
                previous_id=before.id if before.string else (),
            )
    title = HEADER["notebook"].format(path=english.relative_to(ROOT).as_posix())
    write_catalogue(catalog, path, title)


_NOTEBOOK_LINK = re.compile(r"\]\(([^()\s:#]+(?:\.ipynb|/))(#[^()\s]*)?\)")


def localise_links(text: str, english: Path) -> str:
    """Point each link to a notebook (or a folder) at its Chinese edition if there is one, else
    the English.

    A translator writes the links as in the English (``[目录](00-start-here.ipynb)``); until
    the linked notebook is translated, the link leads to the English notebook instead of
    nowhere.
    """
    folder = chinese_path(english).parent

    def replace(match: re.Match) -> str:
        target, anchor = match.group(1), match.group(2) or ""
        if (folder / target).exists() or target.startswith("../"):
            return match.group(0)
        english_target = os.path.relpath(english.parent / target, folder)
        return f"]({Path(english_target).as_posix()}{anchor})"

    return _NOTEBOOK_LINK.sub(replace, text)


#: The cell, just under each English notebook's title, that links its Chinese edition; in the
#: Chinese notebook ``build`` writes the link back to the English one in its place, so each
#: page of either edition (JupyterLab, GitHub, the website) switches to the other in one click.
EDITION_CELL_ID = "edition-link"
CHINESE_EDITION = "[中文版（简体中文）]({path})"
ENGLISH_EDITION = "[English edition]({path})"


def edition_link(source: Path, target: Path, template: str) -> str:
    """The Markdown link from notebook ``source`` to notebook ``target``."""
    return template.format(path=Path(os.path.relpath(target, source.parent)).as_posix())


def _language_cell():
    cell = nbformat.v4.new_code_cell(LANGUAGE_CELL)
    cell.id = LANGUAGE_CELL_ID
    return cell


def build_notebook(english: Path) -> nbformat.NotebookNode:
    """The Chinese notebook: translated Markdown, the English code cells, the language cell.

    Outputs are those of the current Chinese notebook for every code cell whose source is
    unchanged; other code cells have none (run tools/execute_notebooks.py on it).
    """
    nb = nbformat.read(english, as_version=4)
    name = english.relative_to(NOTEBOOKS).as_posix()
    chinese = {
        context: text
        for (context, _), text in translations(read_catalogue(catalogue_path(english))).items()
    }
    current = {}
    target = chinese_path(english)
    if target.exists():
        current = {c.id: c for c in nbformat.read(target, as_version=4).cells}
    cells = []
    for cell in nb.cells:
        cell = copy.deepcopy(cell)
        if cell.cell_type == "markdown":
            generated = GENERATED.get((name, cell.id))
            if cell.id == EDITION_CELL_ID:
                cell.source = edition_link(target, english, ENGLISH_EDITION)
            elif generated is not None:
                cell.source = localise_links(generated[1](chinese, cell.source), english)
            else:
                cell.source = localise_links(chinese.get(cell.id, cell.source), english)
        elif cell.cell_type == "code":
            if not any(c.cell_type == "code" for c in cells):
                cells.append(_keep_outputs(_language_cell(), current))
            cell = _keep_outputs(cell, current)
        cells.append(cell)
    nb.cells = cells
    return nb


def _keep_outputs(cell, current):
    before = current.get(cell.id)
    if before is not None and before.cell_type == "code" and before.source == cell.source:
        cell.outputs = before.outputs
        cell.execution_count = before.execution_count
    else:
        cell.outputs = []
        cell.execution_count = None
    return cell


def _same_text(a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> bool:
    key = [(c.id, c.cell_type, c.source) for c in a.cells]
    return key == [(c.id, c.cell_type, c.source) for c in b.cells]


def build_notebooks() -> list[Path]:
    """Write every Chinese notebook that changed; return those that need running."""
    stale = []
    for english in translated_notebooks():
        built = build_notebook(english)
        target = chinese_path(english)
        old = nbformat.read(target, as_version=4) if target.exists() else None
        if old is not None and _same_text(old, built) and old.metadata == built.metadata:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(built, target)
        before = {c.id: c.source for c in old.cells if c.cell_type == "code"} if old else {}
        if any(
            c.cell_type == "code" and before.get(c.id) != c.source for c in built.cells
        ):  # a new or changed code cell has no outputs yet
            stale.append(target)
    return stale


def check_notebook(english: Path) -> list[str]:
    problems = []
    where = english.relative_to(ROOT).as_posix()
    if not english.exists():
        return [f"{catalogue_path(english).relative_to(ROOT)}: no English notebook {where}"]
    catalog = read_catalogue(catalogue_path(english))
    known = {m.context: m for m in catalog if m.id}
    for context, text in units(english):
        entry = known.get(context)
        what = f"cell {context}" if ":" not in context else context
        if entry is None:
            problems.append(f"{where}: {what} is new and has no translation (run update)")
        elif entry.id != text:
            problems.append(f"{where}: {what} changed in English (run update, then translate)")
        elif not entry.string:
            problems.append(f"{where}: {what} has no translation")
        elif entry.fuzzy:
            problems.append(f"{where}: {what} changed in English since it was translated")
    target = chinese_path(english)
    if not target.exists() or not _same_text(
        nbformat.read(target, as_version=4), build_notebook(english)
    ):
        problems.append(f"{target.relative_to(ROOT)} is not what build writes (run build)")
    return problems


# ------------------------------------------------------------------------------ README.zh-CN.md

README = ROOT / "README.md"
README_ZH = ROOT / "README.zh-CN.md"
START_PAGE = NOTEBOOKS / "00-start-here.ipynb"


def _command_block(text: str, marker: str) -> str:
    """The fenced code block that follows ``<!-- marker -->`` in a README."""
    match = re.search(rf"<!-- {marker} -->\n(```[^\n]*\n.*?\n```)", text, re.S)
    if match is None:
        raise ValueError(f"no <!-- {marker} --> block")
    return match.group(1)


def readme_chapter_table() -> str:
    """The Chinese README's chapter table, from the package and the start page's catalogue."""
    chinese = {}
    if catalogue_path(START_PAGE).exists():
        chinese = {
            context: text
            for (context, _), text in translations(
                read_catalogue(catalogue_path(START_PAGE))
            ).items()
        }
    lines = ["| # | 章节 | 原文章节 | 目标 | 时间 |", "|---|---|---|---|---|"]
    for chapter, title, goal in chapter_rows(chinese):
        zh = f"notebooks/zh/{chapter.file}"
        path = zh if (ROOT / zh).exists() else chapter.path
        lines.append(
            f"| {chapter.number} | [{title}]({path}) | 原文 §{chapter.number} "
            f"{chapter.article_title} | {goal} | {_minutes(chapter.minutes)} |"
        )
    return "\n".join(lines)


def build_readme(text: str) -> str:
    """``README.zh-CN.md`` with its table and its commands taken from the package and README.md."""
    english = README.read_text(encoding="utf-8")
    text = re.sub(
        r"(<!-- chapters -->\n).*?(<!-- /chapters -->)",
        lambda m: m.group(1) + readme_chapter_table() + "\n" + m.group(2),
        text,
        flags=re.S,
    )
    for marker in ("open-command", "test-command"):
        block = _command_block(english, marker)
        text = re.sub(
            rf"(<!-- {marker} -->\n)```[^\n]*\n.*?```",
            lambda m, block=block: m.group(1) + block,
            text,
            flags=re.S,
        )
    return text


def check_readme() -> list[str]:
    if not README_ZH.exists():
        return ["README.zh-CN.md is missing"]
    text = README_ZH.read_text(encoding="utf-8")
    if build_readme(text) != text:
        return ["README.zh-CN.md: its chapter table or commands are out of date (run build)"]
    return []


# ------------------------------------------------------------------------------ commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "build", "check"])
    parser.add_argument("notebooks", nargs="*", help="English notebooks to start translating")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.command == "update":
        update_package()
        for english in sorted(
            {*translated_notebooks(), *(Path(p).resolve() for p in args.notebooks)}
        ):
            update_notebook(english)
        print("Catalogues updated; translate the empty and fuzzy entries, then run build.")
        return 0
    if args.command == "build":
        compile_package()
        if README_ZH.exists():
            README_ZH.write_text(build_readme(README_ZH.read_text(encoding="utf-8")), "utf-8")
        for target in build_notebooks():
            print(f"run: python tools/execute_notebooks.py {target.relative_to(ROOT)}")
        return 0
    problems = check_package() + check_readme()
    for english in translated_notebooks():
        problems += check_notebook(english)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} to do: a translator fixes the catalogues, then update and build.")
        return 1
    print("Every catalogue is translated and up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
