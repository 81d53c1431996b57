"""Normalise source documents to UTF-8 simplified Chinese.

One job: turn a raw document (UTF-8 or GB18030, traditional or simplified,
with or without pinyin after each character) into the text that quotes in
``data/indicators.csv`` are checked against. It is deterministic: the same
raw bytes always give the same text, so ``data/sources/`` can be regenerated
and compared (see ``python -m analysis normalize``).

Garbled characters (mojibake such as ``?。┨``) are left exactly as they are:
guessing them would put words in the document's mouth.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from analysis.exceptions import DataFileError

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Pinyin with tone marks, as the annotated documents print it: 區(qū), 濟(jì).
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
_PINYIN_AFTER_HAN = re.compile(rf"(?<=[{_HAN}])(?:\([{_PINYIN_LETTERS}]+\))+")     # 江(jiang)(jiang): twice, too
# Characters around which a space is a layout artefact of PDF extraction
# ("2015 年的347 亿元"), not a word separator.
_CJK_OR_PUNCT = rf"{_HAN}\u3000-\u303f\uff00-\uffef“”‘’—…·"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK_OR_PUNCT}])[ \t\u00a0]+|[ \t\u00a0]+(?=[{_CJK_OR_PUNCT}])")
_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d)[ \t\u00a0]+(?=[%％])")
_RUNS_OF_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def decode_bytes(raw: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a document, returning ``(text, encoding)``.

    UTF-8 (with or without BOM) is tried first because it is unambiguous;
    otherwise GB18030 (a superset of GBK and GB2312), then whatever
    charset-normalizer detects.

    >>> decode_bytes("区".encode("gbk"))[1]
    'gb18030'
    """
    if not raw.strip():
        raise DataFileError(f"{name}: the file is empty; expected a text document")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise DataFileError(
            f"{name}: cannot tell the text encoding; save it as UTF-8 (or GB18030/GBK) and retry"
        )
    return str(best), best.encoding


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations written after Han characters: ``區(qū)`` → ``區``."""
    return _PINYIN_AFTER_HAN.sub("", text)


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC's ``t2s`` would change (0 for simplified text)."""
    converted = _t2s().convert(text)
    han = [(a, b) for a, b in zip(text, converted) if re.match(rf"[{_HAN}]", a)]
    return sum(a != b for a, b in han) / len(han) if han else 0.0


# A simplified document still has a few characters t2s rewrites (坏 → 坯 in
# 002); a traditional one has ~20 %. Converting only above this share keeps
# simplified documents byte-for-byte intact.
TRADITIONAL_THRESHOLD = 0.02


def to_simplified(text: str) -> str:
    """Convert traditional script to simplified with OpenCC's ``t2s`` profile.

    Text that is already simplified (under ``TRADITIONAL_THRESHOLD`` of its
    characters would change) is returned unchanged.
    """
    if traditional_share(text) < TRADITIONAL_THRESHOLD:
        return text
    return _t2s().convert(text)


def tidy_whitespace(text: str) -> str:
    """Unify line ends, drop layout spaces next to Chinese text, squeeze blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        line = _SPACE_NEXT_TO_CJK.sub("", line)
        line = _SPACE_BEFORE_PERCENT.sub("", line)
        line = _RUNS_OF_SPACES.sub(" ", line)
        lines.append(line.strip())
    text = "\n".join(lines)
    return _MANY_BLANK_LINES.sub("\n\n", text).strip() + "\n"


# Invisible formatting characters (Unicode category Cf: zero-width space/joiners, soft hyphen, word
# joiner, BOM, bidi marks) between the digits of a number are a copy-paste or typesetting artefact;
# left in, "7<U+200B>20.5亿元" would read as 20.5. They are removed; fullwidth digits and ％ become ASCII.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")     # and the percent sign (５．２％)
_FORMAT = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_FORMAT_IN_NUMBER = re.compile(rf"(?<=[0-9])[{_FORMAT}]+(?=[0-9.,])|(?<=[0-9.,])[{_FORMAT}]+(?=[0-9])")
_FULLWIDTH_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")
# Thousands separators before a unit (39,175元, 26,500人; a yearbook's 16 100元, one space a group): one number, not
# 39 and 175. Only groups of three digits after the first one to three, each after the same separator, and only before
# an amount's unit, so a clause break (增长6,2023年…) is left alone.
_THOUSANDS = re.compile(r"(?<![0-9.])(?<![0-9],)([1-9][0-9]{0,2})((?P<sep>[,\u00a0\u2009\u202f ])[0-9]{3}(?:(?P=sep)[0-9]{3})*)"
                        r"(?=(?:\.[0-9]+)?\s*(?:万|亿|元|人|户|家|个|项|吨|亩|公里|平方))")
# A space between digits is kept (dates and times print one: 2022-08-03 11:06:54) unless what follows
# reads as an amount (digits, then 万/亿/a measure word/%): "7 20.5亿元" has no one reading.
LAYOUT_SPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"      # a space a page's layout may put inside a number
_SPACE_IN_AMOUNT = re.compile(rf"(?<=[0-9]){LAYOUT_SPACE}+"
                              r"(?=[0-9]+(?:\.[0-9]+)?\s*(?:万|亿|元|%|％|人|户|家|个|项|吨|亩|公里|平方))")


# A percentage written in words (百分之六十二点五) is the figure 62.5%: read by cn2an (imported only when one is printed)
_PERCENT_IN_WORDS = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)")


def _percent_in_digits(match: re.Match) -> str:
    import cn2an

    try:
        return f"{cn2an.cn2an(match.group(1), 'smart'):g}%"
    except ValueError:                     # not a number cn2an reads: left as printed
        return match.group(0)


def clean_numbers(text: str, name: str = "<text>") -> str:
    """Numbers made readable: invisible characters inside them removed, fullwidth digits and
    decimal points made ASCII, a percentage in words (百分之六十二点五) printed in digits, thousands separators
    before a unit removed; a space between the digits of an
    amount refused with its line and column.

    >>> clean_numbers("完成7\\u200b20.5亿元，增长２．５%，收入39,175元")
    '完成720.5亿元，增长2.5%，收入39175元'
    """
    text = _FORMAT_IN_NUMBER.sub("", text.translate(_FULLWIDTH_DIGITS))
    text = _FULLWIDTH_POINT.sub(".", text)
    if "百分之" in text:
        text = _PERCENT_IN_WORDS.sub(_percent_in_digits, text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(m["sep"], ""), text)
    match = _SPACE_IN_AMOUNT.search(text)
    if match:
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - line_start + 1
        shown = text[line_start:line_end if line_end >= 0 else len(text)][max(0, column - 13):column + 12]
        raise DataFileError(f"{name} line {line}, column {column}: a space between the digits of a number "
                            f"('{shown.strip()}') makes it two readings; delete the space, or separate the "
                            "numbers with a word")
    return text


def normalize_text(text: str, name: str = "<text>") -> str:
    """Full normalisation: pinyin stripped, simplified script, numbers cleaned, tidy whitespace.

    >>> normalize_text("萬柏林區(qū) 2022 年")
    '万柏林区2022年\\n'
    """
    return tidy_whitespace(clean_numbers(to_simplified(strip_pinyin(text)), name))


def read_document(path: Path) -> tuple[str, str]:
    """Read and decode one document as it is; returns ``(text, detected_encoding)``."""
    from analysis.data.files import MAX_DOCUMENT_BYTES, read_limited

    path = Path(path)
    raw = read_limited(path, MAX_DOCUMENT_BYTES, "text document", str(path))
    return decode_bytes(raw, str(path))


def normalize_file(path: Path) -> tuple[str, str]:
    """Read and normalise one document; returns ``(text, detected_encoding)``."""
    text, encoding = read_document(path)
    return normalize_text(text, str(path)), encoding


def normalize_sources(raw_dir: Path, out_dir: Path, check: bool = False) -> list[str]:
    """Regenerate ``out_dir/<name>`` from every ``raw_dir/*.txt``.

    With ``check=True`` nothing is written; the return value lists the files
    whose committed normalised text differs from a fresh run (empty = in sync).
    """
    from analysis.data.files import MAX_DOCUMENT_BYTES, irregular_entries, read_limited
    from analysis.data.write import replace_file

    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    problems = irregular_entries(raw_dir) + irregular_entries(out_dir)
    if problems:
        raise DataFileError(problems[0])
    differing = []
    for raw in sorted(raw_dir.glob("*.txt")):
        text, _ = normalize_file(raw)
        target = out_dir / raw.name
        current = (read_limited(target, 4 * MAX_DOCUMENT_BYTES, "normalised document").decode("utf-8", "replace")
                   if os.path.lexists(target) else None)
        if current != text:
            differing.append(raw.name)
            if not check:
                replace_file(target, text)
    return differing
