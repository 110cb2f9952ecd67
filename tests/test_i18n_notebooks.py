"""The Chinese notebooks are the English ones with their prose translated, and nothing else.

"Match", for the outputs of a code cell, means: the same number of outputs, in the same order,
each of the same kind (stream of the same name, display data or result with the same MIME
types, or an error of the same exception class); every PNG image of the same size in pixels,
since a figure's size is fixed by the code while its labels are in the reader's language; and
every number of each English text output in the Chinese one, counted with repeats (a Chinese
sentence may name them in another order, and may add a number of its own, such as the 4 of
第 4 章 where the English says "chapter four"). The text itself differs wherever the package
speaks to the reader.
"""

from __future__ import annotations

import base64
import importlib.util
import re
import struct
from collections import Counter
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "translate_notebooks", ROOT / "tools" / "translate_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
PAIRS = [(english, tool.chinese_path(english)) for english in tool.translated_notebooks()]
IDS = [english.relative_to(tool.NOTEBOOKS).as_posix() for english, _ in PAIRS]
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-−+]?\d+)?")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _read(path):
    return nbformat.read(path, as_version=4)


def _png_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for data in re.findall(r"base64,([A-Za-z0-9+/=]+)", text) or []:
        header = base64.b64decode(data[:48])
        sizes.append(struct.unpack(">II", header[16:24]))
    return sizes


def _signature(output) -> tuple:
    """What must match between the editions (see the module docstring)."""
    kind = output.output_type
    if kind == "stream":
        return (kind, output.name, sorted(NUMBER.findall(output.text)))
    if kind == "error":
        return (kind, output.ename, [])
    data = output.get("data", {})
    images = []
    for mime, value in data.items():
        text = value if isinstance(value, str) else "".join(value)
        if mime == "image/png":
            images.append(struct.unpack(">II", base64.b64decode(text[:48])[16:24]))
        elif mime == "text/html":
            images += _png_sizes(text)
    plain = data.get("text/plain", "")
    plain = plain if isinstance(plain, str) else "".join(plain)
    if images:  # a figure's alt text names no number the reader's language could move
        plain = ""
    return (kind, sorted(data), images, sorted(NUMBER.findall(plain)))


def test_every_catalogue_has_its_english_notebook():
    assert PAIRS, "no translated notebook"
    for english, chinese in PAIRS:
        assert english.exists() and chinese.exists()


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=IDS)
def test_code_cells_are_the_english_cells_plus_the_language_cell(english, chinese):
    en, zh = _read(english), _read(chinese)
    zh_cells = [c for c in zh.cells if c.id != tool.LANGUAGE_CELL_ID]
    assert [(c.id, c.cell_type) for c in zh_cells] == [(c.id, c.cell_type) for c in en.cells]
    for a, b in zip(en.cells, zh_cells, strict=True):
        if a.cell_type == "code":
            assert a.source == b.source, a.id
    codes = [c for c in zh.cells if c.cell_type == "code"]
    if codes:  # the language cell comes just before the first code cell
        assert codes[0].id == tool.LANGUAGE_CELL_ID
        assert codes[0].source == tool.LANGUAGE_CELL
    else:
        assert tool.LANGUAGE_CELL_ID not in [c.id for c in zh.cells]


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=IDS)
def test_outputs_match_the_english_edition(english, chinese):
    en = {c.id: c for c in _read(english).cells if c.cell_type == "code"}
    for cell in _read(chinese).cells:
        if cell.cell_type != "code" or cell.id == tool.LANGUAGE_CELL_ID:
            continue
        zh_outputs = [_signature(o) for o in cell.outputs]
        en_outputs = [_signature(o) for o in en[cell.id].outputs]
        assert [o[:-1] for o in zh_outputs] == [o[:-1] for o in en_outputs], cell.id
        for zh_numbers, en_numbers in zip(zh_outputs, en_outputs, strict=True):
            missing = Counter(en_numbers[-1]) - Counter(zh_numbers[-1])
            assert not missing, f"{cell.id}: the Chinese output lacks {sorted(missing)}"


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=IDS)
def test_no_prose_cell_is_left_untranslated(english, chinese):
    assert tool.check_notebook(english) == []
    for cell in _read(chinese).cells:
        if cell.cell_type == "markdown" and cell.id != tool.EDITION_CELL_ID:
            assert CJK.search(cell.source), f"{cell.id} has no Chinese"


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=IDS)
def test_each_edition_links_the_other_under_its_title(english, chinese):
    """One click switches editions, in JupyterLab, on GitHub and on the website."""
    for source, target, label in ((english, chinese, "中文版"), (chinese, english, "English")):
        cell = _read(source).cells[1]
        assert cell.id == tool.EDITION_CELL_ID and label in cell.source, source
        link = cell.source.split("](", 1)[1].rstrip(")")
        assert (source.parent / link).resolve() == target.resolve(), (source, link)


def test_the_language_cell_outputs_nothing():
    for _, chinese in PAIRS:
        for cell in _read(chinese).cells:
            if cell.id == tool.LANGUAGE_CELL_ID:
                assert cell.outputs == []


# ------------------------------------------------------------------------------ the tool


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """A notebooks/ folder, its catalogues and its Chinese edition, all under tmp_path."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    monkeypatch.setattr(tool, "NOTEBOOKS", notebooks)
    monkeypatch.setattr(tool, "CHINESE", notebooks / "zh")
    monkeypatch.setattr(tool, "NOTEBOOK_CATALOGUES", tmp_path / "locale" / "notebooks")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    nb = nbformat.v4.new_notebook()
    cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nSome prose."),
        nbformat.v4.new_code_cell("x = 1\nprint(x)"),
        nbformat.v4.new_markdown_cell("More prose."),
    ]
    for cell, cell_id in zip(cells, ["t-00", "t-01", "t-02"], strict=True):
        cell.id = cell_id
    nb.cells = cells
    english = notebooks / "demo.ipynb"
    nbformat.write(nb, english)
    return english


def _translate(english, translations):
    path = tool.catalogue_path(english)
    catalog = tool.read_catalogue(path)
    for message in catalog:
        if message.id and message.context in translations:
            message.string = translations[message.context]
            message.flags.discard("fuzzy")
    tool.write_catalogue(catalog, path, "test")


def test_update_build_and_check_in_a_sandbox(sandbox):
    tool.update_notebook(sandbox)
    problems = tool.check_notebook(sandbox)
    assert any("cell t-00 has no translation" in p for p in problems)
    _translate(sandbox, {"t-00": "# 标题\n\n一些文字。", "t-02": "更多文字。"})
    tool.build_notebooks()
    assert tool.check_notebook(sandbox) == []
    zh = _read(tool.chinese_path(sandbox))
    assert [c.id for c in zh.cells] == ["t-00", tool.LANGUAGE_CELL_ID, "t-01", "t-02"]
    assert zh.cells[2].source == "x = 1\nprint(x)"


def test_a_changed_english_cell_is_named_and_its_entry_marked_fuzzy(sandbox):
    tool.update_notebook(sandbox)
    _translate(sandbox, {"t-00": "# 标题\n\n一些文字。", "t-02": "更多文字。"})
    tool.build_notebooks()
    nb = _read(sandbox)
    nb.cells[2].source = "More prose, changed."
    nb.cells[1].source = "x = 2\nprint(x)"
    nbformat.write(nb, sandbox)
    assert tool.check_notebook(sandbox) == [
        "notebooks/demo.ipynb: cell t-02 changed in English (run update, then translate)",
        "notebooks/zh/demo.ipynb is not what build writes (run build)",
    ]
    tool.update_notebook(sandbox)
    catalogue = tool.catalogue_path(sandbox)
    entry = next(m for m in tool.read_catalogue(catalogue) if m.context == "t-02")
    assert entry.fuzzy and entry.string == "更多文字。"
    # The English the translation was made from, for the translator to compare.
    assert '#, fuzzy\n#| msgid "More prose."\nmsgctxt "t-02"' in catalogue.read_text()
    assert (
        "cell t-02 changed in English since it was translated" in tool.check_notebook(sandbox)[0]
    )
    # Until it is translated again the reader sees the English, never the stale Chinese.
    tool.build_notebooks()
    zh = _read(tool.chinese_path(sandbox))
    assert zh.cells[3].source == "More prose, changed."
    assert zh.cells[2].source == "x = 2\nprint(x)" and zh.cells[2].outputs == []


def test_the_chinese_edition_is_complete_current_and_what_build_writes():
    """What ``python tools/translate_notebooks.py check`` reports: no untranslated or stale
    entry, a .mo equal to its .po, and every Chinese notebook equal to what ``build`` writes."""
    assert tool.main(["check"]) == 0


def test_text_the_code_writes_is_extracted_for_the_package_catalogue(sandbox, monkeypatch):
    """``_("...")`` in a code cell reaches the package catalogue; the code stays the same."""
    monkeypatch.setattr(tool, "package_sources", list)  # the sandbox has no package
    nb = _read(sandbox)
    nb.cells[1].source = (
        "%matplotlib inline\n"
        'print(_("training accuracy:"), 0.5)\n'
        'label = f"{3}"  # an f-string is no message\n'
        'show(fig, alt=_("An S-curve."))'
    )
    nbformat.write(nb, sandbox)
    tool.update_notebook(sandbox)
    found = tool.notebook_code_messages()
    assert [(where, message) for where, _line, message, _c, _ctx in found] == [
        ("notebooks/demo.ipynb#t-01", "training accuracy:"),
        ("notebooks/demo.ipynb#t-01", "An S-curve."),
    ]
    template = {m.id: m for m in tool.package_template() if m.id}
    assert template["training accuracy:"].locations == [("notebooks/demo.ipynb#t-01", 2)]
    tool.build_notebooks()
    zh = _read(tool.chinese_path(sandbox))
    assert zh.cells[2].source == nb.cells[1].source


#: Calls whose positional arguments a reader sees, and keyword arguments that carry text.
WRITERS = {"print", "set_title", "set_xlabel", "set_ylabel", "suptitle", "text", "annotate"}
TEXT_ARGUMENTS = {"alt", "title", "label", "xlabel", "ylabel"}
#: Code and formulas inside a printed label, which no edition translates: calls (``exp(``),
#: dotted names (``sl.sigmoid``) and the names of functions in formulas.
CODE_WORDS = re.compile(r"[A-Za-z_][\w.]*\(|\b\w+\.\w+\b|\b(?:exp|ln|log|tanh)\b")


def test_every_text_the_notebooks_code_writes_is_marked_for_translation():
    """A string literal that a code cell prints or shows as alt text goes through ``_()``.

    The Chinese edition runs the English code, so text written straight into a literal
    would reach a Chinese reader in English.
    """
    import ast

    unmarked = []
    for english in tool.translated_notebooks():
        for cell in _read(english).cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(tool._code_lines(cell.source))
            marked = {
                id(arg)
                for node in ast.walk(tree)
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_"
                for arg in node.args
            }
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                texts = list(node.args) if name in WRITERS else []
                texts += [k.value for k in node.keywords if k.arg in TEXT_ARGUMENTS]
                for text in texts:
                    if id(text) in marked:
                        continue
                    if isinstance(text, ast.JoinedStr):  # the words around the {fields}
                        words = "".join(
                            v.value for v in text.values if isinstance(v, ast.Constant)
                        )
                    elif isinstance(text, ast.Constant) and isinstance(text.value, str):
                        words = text.value
                    else:
                        continue
                    if re.search(r"[A-Za-z]{2,}", CODE_WORDS.sub("", words)):
                        unmarked.append(f"{english.name}#{cell.id}: {ast.unparse(text)[:70]}")
    assert not unmarked, "\n".join(unmarked)


def test_no_code_cell_rebinds_the_translation_function():
    """``_`` is gettext once a notebook imports it: ``for _ in …`` or ``_ = …`` at a cell's top
    level would break every ``_("...")`` after it."""
    import ast

    rebinds = []
    for english in tool.translated_notebooks():
        for cell in _read(english).cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(tool._code_lines(cell.source))
            for node in tree.body:
                targets = []
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                    targets = getattr(node, "targets", None) or [node.target]
                elif isinstance(node, (ast.For, ast.With)):
                    targets = (
                        [node.target]
                        if isinstance(node, ast.For)
                        else [item.optional_vars for item in node.items if item.optional_vars]
                    )
                names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
                if "_" in names:
                    rebinds.append(f"{english.name}#{cell.id}: {ast.unparse(node)[:60]}")
    assert not rebinds, "\n".join(rebinds)
