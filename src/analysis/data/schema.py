"""What a valid indicator table looks like: columns, vocabularies, rules.

Kept apart from the loader so the extractor (``analysis extract``) and the
merger share one definition of a row.
"""
from __future__ import annotations

import re
import unicodedata

from analysis.config import YEAR_RANGE

COLUMNS = [
    "district", "indicator", "indicator_zh", "year", "kind", "value", "unit",
    "price_basis", "bound", "period_start", "source", "quote", "note", "qualifier",
]
# Columns a table written before they existed may lack: read as empty.
OPTIONAL_COLUMNS = ["qualifier"]

KINDS = {
    "level": "value at the end of the year",
    "growth": "% change on the previous year (or average annual % over period_start..year)",
    "target_level": "target value for the year (a total over period_start..year when period_start is set)",
    "target_growth": "target % change on the previous year (or average annual % over period_start..year)",
    "cumulative": "sum over period_start..year",
    "share": "% of a whole",
}
PRICE_BASES = {"": "does not apply", "current": "nominal, current prices", "comparable": "real, comparable prices",
               "unstated": "a growth rate whose source states no price basis (said wherever it is used)"}
BOUNDS = {"": "exact", ">=": "at least (以上/不低于)", "<=": "at most (以内/控制在)", "~": "approximately (左右)"}
QUALIFIERS = {"": "as the indicator's 属性 in indicator_names.csv says (约束性 binding, 预期性 expected)",
              "binding": "约束性, a binding target", "expected": "预期性, an expected (indicative) target",
              "aspiration": "力争, a stretch goal", "forecast": "预计, a forecast of something the plan does not "
              "deliver (context, not assessed)", "directional": "方向性, a direction read as a figure (assessed "
              "against that reading, which target_override can change)"}

# Kinds whose value is an amount or a count: negative values are errors and
# all rows of one indicator must share one unit.
AMOUNT_KINDS = frozenset({"level", "target_level", "cumulative"})
# Kinds whose value is a percentage.
PERCENT_KINDS = frozenset({"growth", "target_growth", "share"})
GROWTH_KINDS = frozenset({"growth", "target_growth"})

KEY = ["district", "indicator", "year", "kind", "price_basis", "period_start"]
REQUIRED_TEXT = ["district", "indicator", "indicator_zh", "unit", "source", "quote"]
INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def accepted(vocabulary: dict) -> str:
    """'a, b or empty' for error messages."""
    names = [k for k in vocabulary if k]
    text = ", ".join(names)
    return text + " or empty" if "" in vocabulary else text


YEAR = re.compile(r"[0-9]{4}")


def parse_year(text: str) -> int | None:
    """The year in *text* if it is four ASCII digits within YEAR_RANGE, else None.

    >>> parse_year("2022"), parse_year("2_022"), parse_year("+2022")
    (2022, None, None)
    """
    if not isinstance(text, str) or not YEAR.fullmatch(text):
        return None
    year = int(text)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


# --- numbers: the forms a person writes, not everything float() accepts ---------------------------
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
NUMBER_FORMS = ("accepted: plain digits with an optional leading minus and one decimal point, e.g. 620.5, -3.1, "
                "18830 (no +, _, exponent, thousands separator, full-width digits, inf/nan, unit or %)")


def parse_number(text: str) -> float | None:
    """*text* as a float if written in an accepted form (:data:`NUMBER`), else None.

    ``float()`` also reads ``3_47`` (as 347), ``1e3``, ``+5``, ``inf``, ``nan`` and
    full-width digits; a value cell holds none of those.

    >>> parse_number("-10.5"), parse_number("3_47"), parse_number("1e3"), parse_number("+5")
    (-10.5, None, None, None)
    """
    return float(text) if isinstance(text, str) and NUMBER.fullmatch(text) else None


parse_finite = parse_number     # the earlier name


# --- text cells ------------------------------------------------------------------------------------
# Key text fields identify a row: NFC-normalised on reading, invisible characters refused
# (a zero-width space in a district would otherwise make a second, phantom district).
KEY_TEXT = ["district", "indicator", "indicator_zh", "unit", "source", "kind", "price_basis", "bound"]
# A district name becomes part of file names (overview-<district>.html, progress-<district>.xlsx):
# letters of any script (Chinese characters included) and digits, _, -, fullwidth brackets and the
# middle dot (高新区（筹）), starting with a letter or digit, at most MAX_PLACE_BYTES bytes in UTF-8.
# No /, \\, ., spaces or controls: a name is never a path.
PLACE_NAME = re.compile(r"[^\W_][\w\-（）·]*")
MAX_PLACE_BYTES = 90
MAX_INDICATOR_CHARS = 64
# CJK compatibility ideographs look like unified ones (NFC maps them there): a look-alike name.
_COMPATIBILITY = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")


def place_name_problem(name: str) -> str | None:
    """Why *name* cannot be a district name (the words after the quoted name), or None.

    >>> place_name_problem("高新区（筹）") is None, place_name_problem("../../evil")
    (True, "cannot be part of a file name (it has '.', '/'); accepted: Chinese characters, letters, digits, _, -, （）and ·, starting with a letter, digit or character")
    """

    hint = ("accepted: Chinese characters, letters, digits, _, -, （）and ·, "
            "starting with a letter, digit or character")
    look_alike = lookalike_problem(name)
    if look_alike:
        return look_alike
    name = unicodedata.normalize("NFC", name)
    if not PLACE_NAME.fullmatch(name):
        bad = sorted({c for c in name if not PLACE_NAME.fullmatch("a" + c)} or {name[:1]})
        return f"cannot be part of a file name (it has {', '.join(repr(c) for c in bad)}); {hint}"
    if len(name.encode("utf-8")) > MAX_PLACE_BYTES:
        return (f"is {len(name.encode('utf-8'))} bytes long in UTF-8; at most {MAX_PLACE_BYTES} are accepted "
                "(report file names hold it): shorten it")
    return None


def lookalike_problem(name: str) -> str | None:
    """Why *name* is a look-alike (a CJK compatibility ideograph), or None.

    >>> lookalike_problem("万柏林\uf9e3")
    "is written with a look-alike character (U+F9E3 CJK COMPATIBILITY IDEOGRAPH-F9E3); retype it as '万柏林泥'"
    """
    found = _COMPATIBILITY.search(name)
    if not found:
        return None

    char = found.group(0)
    return (f"is written with a look-alike character (U+{ord(char):04X} {unicodedata.name(char, 'CJK COMPATIBILITY IDEOGRAPH')}); "
            f"retype it as '{unicodedata.normalize('NFC', name)}'")


# Free text cells that people type; none may start like a spreadsheet formula. (indicator, kind,
# price_basis and bound have vocabularies none of whose words starts that way.)
FREE_TEXT = ["district", "indicator_zh", "unit", "source", "quote", "note"]
FORMULA_START = ("=", "+", "-", "@")


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet would run *text* as a formula (it starts with =, +, - or @).

    >>> looks_like_formula('=HYPERLINK("http://x")'), looks_like_formula("下降 = decline")
    (True, False)
    """
    return text.startswith(FORMULA_START)


# A note marking an actual figure as the source's estimate (the extractor writes "预计 (estimate)").
ESTIMATE_MARK = "预计"


def estimated(rows):
    """Per row of a table (a DataFrame), whether its note marks the figure as the source's estimate (预计)."""
    return rows["note"].fillna("").astype(str).str.contains(ESTIMATE_MARK, regex=False)
