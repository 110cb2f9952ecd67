"""Make the small CJK font the package ships, so Chinese figure text renders without a system font.

Usage::

    npm ci                                  # the font comes from npm, at the locked version
    python tools/build_font_subset.py       # writes sigmoid_lab/fonts/
    python tools/build_font_subset.py --check   # exit 1 if a character the course uses is missing

The source is Noto Sans SC, regular weight, from the npm package ``@fontsource/noto-sans-sc``
(the version ``package-lock.json`` locks), licensed under the SIL Open Font License 1.1. The
subset keeps only the characters the course writes in Chinese, found in

- the package's catalogue ``sigmoid_lab/locale/*/LC_MESSAGES/*.po`` (messages, figure labels),
- the notebook catalogues ``locale/**/*.po`` and every notebook under ``notebooks/`` (the
  Chinese edition, and the article's words the English chapters quote),
- the package's own source (``sigmoid_lab/**/*.py``: the glossary, quotations, checkers),

plus the common Chinese punctuation and the full-width forms that Noto Sans SC has
(in U+3000–U+303F and U+FF01–U+FF5E).
Latin letters, digits and Greek come from Matplotlib's DejaVu Sans, which the package style
puts first; this font is the fallback for everything else.

Under the licence a modified font may not use the Reserved Font Name ("Source"): the subset is
renamed "Sigmoid Lab Noto Sans SC", a name that also cannot be confused with a full Noto Sans
SC installed on the system. The licence text is shipped beside the font.

Run it again whenever new Chinese text is added; ``tests/test_fonts.py`` fails until then.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
NPM_PACKAGE = ROOT / "node_modules" / "@fontsource" / "noto-sans-sc"
SOURCE = NPM_PACKAGE / "files" / "noto-sans-sc-chinese-simplified-400-normal.woff"
FONTS = ROOT / "sigmoid_lab" / "fonts"
TARGET = FONTS / "SigmoidLabNotoSansSC-Regular.ttf"
LICENCE = FONTS / "OFL.txt"
FAMILY = "Sigmoid Lab Noto Sans SC"
POSTSCRIPT = "SigmoidLabNotoSansSC-Regular"

#: Punctuation a translator may use anywhere: CJK symbols and the full-width forms.
PUNCTUATION = [*range(0x3000, 0x3040), *range(0xFF01, 0xFF5F)]


def is_cjk(character: str) -> bool:
    """True for the characters this font supplies (DejaVu Sans has the rest)."""
    code = ord(character)
    return (
        0x2E80 <= code <= 0x2FDF  # radicals
        or 0x3000 <= code <= 0x30FF  # CJK punctuation, kana
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x4E00 <= code <= 0x9FFF  # unified ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
    )


def _notebook_text(path: Path) -> str:
    """Every source and output text of a notebook (the JSON escapes are decoded)."""
    return json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)


def sources() -> list[Path]:
    """The files whose Chinese characters the font must cover."""
    found = [
        *sorted((ROOT / "sigmoid_lab" / "locale").rglob("*.po")),
        *sorted((ROOT / "locale").rglob("*.po")),
        *sorted((ROOT / "sigmoid_lab").rglob("*.py")),
        *sorted(
            p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
        ),
    ]
    return [p for p in found if "__pycache__" not in p.parts]


def needed_characters() -> set[str]:
    """The CJK characters the course uses."""
    found = set()
    for path in sources():
        text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
        found.update(c for c in text if is_cjk(c))
    return found


def covered(font_path: Path = TARGET) -> set[str]:
    """The characters a font has glyphs for."""
    font = TTFont(font_path, lazy=True)
    return {chr(code) for code in font.getBestCmap()}


def build() -> tuple[int, int, list[str]]:
    """Write the subset and the licence; return (characters, bytes, characters not in Noto)."""
    if not SOURCE.exists():
        raise SystemExit(f"{SOURCE.relative_to(ROOT)} is missing: run npm ci first.")
    font = TTFont(SOURCE, recalcTimestamp=False)
    available = set(font.getBestCmap())
    missing = sorted(c for c in needed_characters() if ord(c) not in available)
    wanted = needed_characters() | {chr(code) for code in PUNCTUATION if code in available}
    options = subset.Options()
    options.layout_features = []  # no GSUB/GPOS features: Matplotlib does not apply them
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    options.drop_tables += ["vhea", "vmtx", "STAT", "BASE"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in wanted if ord(c) in available])
    subsetter.subset(font)
    font.flavor = None  # plain TrueType: Matplotlib's FreeType reads it without WOFF support
    _rename(font)
    FONTS.mkdir(parents=True, exist_ok=True)
    font.save(TARGET, reorderTables=True)
    shutil.copyfile(NPM_PACKAGE / "LICENSE", LICENCE)
    return len(covered()), TARGET.stat().st_size, missing


def _rename(font: TTFont) -> None:
    """Give the subset its own name, as the licence asks of a modified version."""
    names = {
        1: FAMILY,
        2: "Regular",
        3: f"{POSTSCRIPT}; subset of Noto Sans SC for Sigmoid Lab",
        4: f"{FAMILY} Regular",
        6: POSTSCRIPT,
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names or record.nameID in (16, 17):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
    font["OS/2"].usWeightClass = 400


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the shipped subset")
    args = parser.parse_args(argv)
    if args.check:
        missing = sorted(needed_characters() - covered())
        if missing:
            print(f"{len(missing)} characters missing from {TARGET.relative_to(ROOT)}: ")
            print("".join(missing))
            print("Run: python tools/build_font_subset.py")
            return 1
        print("The font subset covers every Chinese character the course uses.")
        return 0
    count, size, missing = build()
    print(f"{TARGET.relative_to(ROOT)}: {count} characters, {size / 1024:.0f} KiB")
    if missing:
        print(f"Not in Noto Sans SC's simplified-Chinese file: {''.join(missing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
