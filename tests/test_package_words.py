"""Words live in catalogues, not code: no reader-facing Chinese in any Python file of the package, no
English sentences for readers in the page-making layers, and every catalogue key the code asks for exists,
including keys built at run time (``t(f"status.{status}")``) for every value they can take.

Left out on purpose: the extractor's clause grammar and vocabulary (``extract/``), the document and quote
grammar of the data readers (``data/schema.py``, ``data/numerals.py``, ``data/normalize.py``) and the few data values named below (words the
data files themselves hold); docstrings, comments and diagnostics for the person running the code
(``raise``, ``problems.append``, argparse help, ``print(..., file=sys.stderr)``), which are English by design.
"""
import ast
import re
from pathlib import Path

import pytest

from analysis import config, i18n

PACKAGE = config.PACKAGE_DIR
HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'-]+[A-Za-z]{2,}){3,}")   # four or more words in a row
MARKUP = re.compile(r'<[^<>]*>|[\w-]+="[^"]*"')                        # HTML tags and attributes are not words
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")           # Han characters and CJK punctuation
GRAMMAR_FILES = ("extract/*.py", "data/schema.py", "data/quotes.py", "data/numerals.py", "data/normalize.py")
DATA_VALUES = {("data/namefiles.py", "ATTRIBUTES"),      # 预期性 / 约束性 as data/indicator_names.csv writes them
               ("i18n.py", "DISPLAY_UNITS"), ("i18n.py", "MONEY"),   # unit names as data/units.csv writes them
               ("report/plotting.py", "FONT_FAMILY")}                 # a font's name
PAGE_LAYERS = ("report/*.py", "i18n.py", "cli/gaps.py")
ALL_FILES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
CHECKED = [p for p in ALL_FILES if not any(p.match(str(PACKAGE / g)) for g in GRAMMAR_FILES)]
PAGE_FILES = sorted({p for g in PAGE_LAYERS for p in PACKAGE.glob(g)})


def _is_diagnostic(node) -> bool:
    if isinstance(node, ast.Raise):
        return True
    if isinstance(node, ast.keyword) and node.arg in ("help", "description", "epilog"):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("append", "extend") and \
                isinstance(func.value, ast.Name) and func.value.id == "problems":
            return True
        if isinstance(func, ast.Name) and func.id == "print" and any(k.arg == "file" for k in node.keywords):
            return True
    return False


def reader_strings(path: Path) -> list[tuple[int, str]]:
    """String constants a reader could see: not docstrings, not diagnostics, not the data values above."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PACKAGE).as_posix()
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and ast.get_docstring(node) is not None:
            skip.add(id(node.body[0].value))
        named = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and (rel, t.id) in DATA_VALUES for t in node.targets)
        if _is_diagnostic(node) or named:
            skip |= {id(n) for n in ast.walk(node)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", CHECKED, ids=_name)
def test_no_chinese_for_readers_in_code(path):
    assert [f"{_name(path)}:{n}: {s[:60]}" for n, s in reader_strings(path) if HAN.search(s)] == []


@pytest.mark.parametrize("path", PAGE_FILES, ids=_name)
def test_no_english_sentences_for_readers_in_the_page_layers(path):
    assert [f"{_name(path)}:{n}: {s[:60]}" for n, s in reader_strings(path) if SENTENCE.search(MARKUP.sub(" ", s))] == []


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("report/*.py")), ids=_name)
def test_no_chinese_at_all_in_report_code(path):
    """Not even in comments or docstrings: every Chinese word of a page lives in a catalogue."""
    found = [f"{_name(path)}:{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CJK.search(line)]
    assert found == []


def test_the_scan_finds_words_and_spares_diagnostics(tmp_path, monkeypatch):
    code = ('import sys\n\ndef f(problems):\n    """Doc 地区 string."""\n    problems.append("bad value 地区 given here")\n'
            '    print("no targets due in 2025", file=sys.stderr)\n    if 0:\n        raise ValueError("错误 in here")\n'
            '    return "地区生产总值", "Growth of GDP is real"\n')
    path = tmp_path / "sample.py"
    path.write_text(code, encoding="utf-8")
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path)
    assert sorted(s for _, s in reader_strings(path)) == ["Growth of GDP is real", "地区生产总值"]
    assert SENTENCE.search(MARKUP.sub(" ", '<p class="alert">{text}</p>')) is None
    assert SENTENCE.search(MARKUP.sub(" ", "<p>Progress is behind schedule</p>"))


# --- catalogue keys -------------------------------------------------------------------------------
LITERAL_KEY = re.compile(r'\bt\(\s*"([a-z_.]+)"')
BUILT_KEY = re.compile(r'\bt\(\s*f"([a-z_.]*)\{')


def test_every_literal_key_the_package_asks_for_exists():
    used = set()
    for path in ALL_FILES:
        used |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50, "the pattern found too few keys"
    assert sorted(k for k in used if not i18n.has(k)) == []


STATUSES = ("achieved", "ahead", "on_track", "behind", "off_track", "breached", "not_achieved",
            "insufficient_data", "pending", "not_entered", "not_assessed", "exceeded", "completed",
            "basically_completed", "not_completed", "within_bound")
FILE_NAME = re.compile(r".*\.(html|csv|json|yaml|py|xlsx|ipynb|txt|css|j2|lock)$")


def _constants(path: Path):
    return [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _flag_codes() -> set[str]:
    """Every flag code the package writes: ``{"code": "draft_source", ...}`` and codes chosen in a variable."""
    codes = set()
    for path in ALL_FILES:
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'"code":\s*"([a-z_]+)"', text))
        codes |= {c for pair in re.findall(r'code = "([a-z_]+)" if .* else "([a-z_]+)"', text) for c in pair}
        codes |= set(re.findall(r'"code":\s*"([a-z_]+)" if', text)) | set(re.findall(r'else "([a-z_]+)", "params"', text))
    return codes


def built_keys() -> dict[str, set[str]]:
    """Every key the package builds at run time (``f"msg.{kind}"``), for every value the code can fill in."""
    from analysis.cli.gaps import TABLE_COLUMNS
    from analysis.data.namefiles import ATTRIBUTES
    from analysis.engine.targets import QUALIFIERS, TARGET_TYPES
    from analysis.report.context import PAGES
    from analysis.report.index import GAP_COLUMNS, REPORT_COLUMNS, REPORT_STATUSES

    return {
        "status.{status}": {f"status.{s}" for s in STATUSES},
        "class.{status}": {f"class.{s}" for s in STATUSES},
        "basis.{price_basis}": {f"basis.{b}" for b in ("", "current", "comparable", "unstated")},
        "caveat.basis.{basis}": {f"caveat.basis.{b}" for b in ("current", "comparable")},
        "bound.{bound}": {f"bound.{b}" for b in (">=", "<=", "~")},
        "attribute.{attribute}": {f"attribute.{a}" for a in ATTRIBUTES if a},
        "target_type.{type}": {f"target_type.{k}" for k in TARGET_TYPES},
        "qualifier.{qualifier}": {f"qualifier.{q}" for q in QUALIFIERS},
        "title.{page}": {f"title.{p}" for p in PAGES} | {f"title.{p}_annual" for p in ("overview", "brief")},
        "msg.{kind}": {"msg.growth_average", "msg.growth_annual", "msg.achieved", "msg.not_achieved"},
        "flag.{code}": {f"flag.{c}" for c in _flag_codes()} | {f"flag.{q}_target" for q in
                                                                ("aspiration", "forecast", "directional")},
        "index.gap.{column}": {f"index.gap.{k}" for k in GAP_COLUMNS},
        "index.report.{column}": {f"index.report.{k}" for k in REPORT_COLUMNS},
        "index.status.{status}": {f"index.status.{s}" for s in REPORT_STATUSES},
        "cli.gaps.{column}": {f"cli.gaps.{k}" for k, _ in TABLE_COLUMNS},
    }


def test_every_key_built_at_run_time_exists_for_every_value():
    keys = built_keys()
    assert len(keys["flag.{code}"]) >= 15, "the flag-code scan found too few codes"
    assert {k: sorted(v for v in values if not i18n.has(v)) for k, values in keys.items()} == {k: [] for k in keys}


def test_every_key_built_at_run_time_is_enumerated():
    """A new ``t(f"prefix.{x}")`` in the code must be added to :func:`built_keys` with its values."""
    prefixes = set()
    for path in ALL_FILES:
        prefixes |= set(BUILT_KEY.findall(path.read_text(encoding="utf-8")))
    enumerated = {k.split("{")[0] for k in built_keys()}
    assert sorted(prefixes - enumerated) == []


def test_every_key_written_as_a_string_exists():
    """Keys held in variables (a projection note's ``("proj.trend_few", {...})``, a model name) exist too."""
    families = {k.split(".")[0] for k in i18n.catalog()["zh"] if "." in k}
    found = {s for path in ALL_FILES for s in _constants(path)
             if re.fullmatch(r"[a-z_]+\.[a-z_.]*[a-z_]", s) and s.split(".")[0] in families and not FILE_NAME.match(s)}
    assert len(found) > 50
    assert sorted(k for k in found if not i18n.has(k)) == []


def test_statuses_listed_here_are_the_engines(data):
    from analysis.engine.gaps import gap_table

    assert set(gap_table(data)["status"]) <= set(STATUSES)
