"""Rebuild src/analysis/fonts/NotoSansSC-Subset.otf (maintainers only).

Charts must show Chinese on a fresh machine that has only the pip-installed
project, so the package ships a subset of Noto Sans CJK SC (SIL Open Font
License 1.1): the 3,755 level-1 characters of GB 2312 (the common hanzi),
every character used in data/*.csv and the package's own strings (code and locales),
ASCII and CJK punctuation. About 1.5 MB instead of the 16 MB face.

Needs Debian's fonts-noto-cjk and fontTools:
    apt-get install fonts-noto-cjk && pip install fonttools
    python scripts/build_font_subset.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / "src" / "analysis" / "fonts" / "NotoSansSC-Subset.otf"
FAMILY = "Noto Sans SC Subset"


def gb2312_level1() -> str:
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def project_text() -> str:
    # Every file of data/ (place names such as 弋江区 are outside GB 2312 level 1) and the package's own
    # strings, in its subpackages and locale files.
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").glob("*.csv"))]
    package = ROOT / "src" / "analysis"
    parts += [p.read_text(encoding="utf-8") for p in sorted([*package.rglob("*.py"), *package.rglob("*.yaml")])]
    return "".join(parts)


def main() -> int:
    if not SOURCE.exists():
        print(f"{SOURCE} not found: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    collection = TTCollection(str(SOURCE))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    text = gb2312_level1() + project_text()
    text += "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！“”‘’（）《》【】—…·％～〇≥≤±×÷→←↑↓●○■□▲△◆"
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(TARGET))
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
