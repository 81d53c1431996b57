"""Checks on the visible text of a rendered page: one language per page, no missing-value markers.

Used by the browser tests on ``document.body.innerText``; pure functions on
strings, so the rules are tested here by their doctests.

A Chinese page may use Latin letters for what is not English prose: file
names and paths, hashes, version strings, units and abbreviations (km, %,
GDP, R&D, UTC). Three or more English words in a row, with no Chinese
between them, are an English sentence (or phrase) on a Chinese page.

An English page may show a Chinese name only beside its translation, the
English first and the Chinese in brackets after it: "Wanbailin District
(万柏林区)". Chinese leading with an English gloss after it ("2023年预期目标
(annual plan target)") is Chinese text on an English page.
"""
from __future__ import annotations

import re

CJK_CHAR = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019\u00b7\u2014"
CJK_RUN = re.compile(f"[{CJK_CHAR}][{CJK_CHAR}{CJK_PUNCT}0-9]*")
# Latin text that is not prose: paths and file names, hashes, versions, e-mail/URLs.
NOT_PROSE = re.compile(
    r"\S*/\S*"                                                # paths and URLs: data/README.md
    r"|\b[\w.-]+\.(?:csv|md|html|json|xlsx|ipynb|yaml|yml|txt|png|pdf)\b"   # file names
    r"|\bsha256:[0-9a-f]+"                                    # data version hash
    r"|\b[0-9a-f]{7,40}\b"                                    # git revision
)
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# Units and abbreviations that stand in Chinese text as they are.
ALLOWED_WORDS = {"km", "kg", "pp", "bn", "yr"}
MISSING = re.compile(r"(?<![A-Za-z])(?:nan|NaN|NaT|None(?! of\b)|<NA>)(?![A-Za-z])")
TRANSLATED_AFTER = re.compile(r"[A-Za-z][^\n]{0,3}[(（]\s*[“‘\"]?$")   # "Wanbailin District (" before the name


def _is_prose_word(word: str) -> bool:
    """An English word, not an acronym (GDP, UTC, R&D) or an allowed unit."""
    return not (word.isupper() or word.lower() in ALLOWED_WORDS)


def english_runs(text: str, min_words: int = 3) -> list[str]:
    """Stretches of *text* with no Chinese that hold ``min_words`` or more English words.

    Examples
    --------
    >>> english_runs("数据表注释：GDP growth is at comparable prices (real) in Chinese statistics")
    ['GDP growth is at comparable prices (real) in Chinese statistics']
    >>> english_runs("数据表注释：2023年预期目标 (annual plan target)")
    ['(annual plan target)']
    >>> english_runs("地区生产总值（GDP）620.5亿元，R&D投入2.5%，里程12 km")
    []
    >>> english_runs("数据版本: indicators.csv sha256:a42cda405be2 · 程序版本: analysis 0.1.0 · UTC")
    []
    """
    found = []
    for segment in re.split(f"[{CJK_CHAR}{CJK_PUNCT}]+", text):
        words = [w for w in WORD.findall(NOT_PROSE.sub(" ", segment)) if _is_prose_word(w)]
        if len(words) >= min_words:
            found.append(segment.strip())
    return found


def untranslated_chinese(text: str) -> list[str]:
    """Chinese runs in English *text* that do not stand beside their translation.

    Examples
    --------
    >>> untranslated_chinese("Wanbailin District (万柏林区): GDP 62.05 bn yuan")
    []
    >>> untranslated_chinese("14th five-year plan (“十四五”) targets")
    []
    >>> untranslated_chinese("Data note: 2023年预期目标 (annual plan target)")
    ['2023年预期目标']
    >>> untranslated_chinese("Status: 滞后于预期")
    ['滞后于预期']
    """
    found = []
    for match in CJK_RUN.finditer(text):
        before, after = text[max(0, match.start() - 60):match.start()], text[match.end():]
        beside = TRANSLATED_AFTER.search(before) and re.match(r"^[”’\"]?\s*[)）]", after)
        if not beside:
            start = match.start()
            while start > 0 and text[start - 1].isdigit():      # show "2023年…", not "年…"
                start -= 1
            found.append(text[start:match.end()])
    return found


def missing_markers(text: str) -> list[str]:
    """Missing-value markers pandas or Python leak into a page: nan, NaN, NaT, None, <NA>.

    Examples
    --------
    >>> missing_markers("最新值 <NA>，增速 nan%，状态 None")
    ['<NA>', 'nan', 'None']
    >>> missing_markers("None of the targets is missed; Nanjing; Jinan; Financial; –")
    []
    """
    return MISSING.findall(text)


def language_problems(text: str, lang: str) -> list[str]:
    """What breaks the page's one language: English runs on a zh page, loose Chinese on an en page.

    Examples
    --------
    >>> language_problems("地区生产总值为620.5亿元", "zh")
    []
    >>> language_problems("GDP reached 62.05 bn yuan; 滞后于预期", "en")
    ['滞后于预期']
    """
    if lang.lower().startswith("zh"):
        return english_runs(text)
    return untranslated_chinese(text)
