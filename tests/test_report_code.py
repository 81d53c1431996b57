"""The report package holds rules, not words: no Chinese and no reader-facing English in its Python files,
and every catalogue key it asks for exists."""
import ast
import re
from pathlib import Path

import pytest

from analysis import config, i18n

PACKAGE = config.PACKAGE_DIR / "report"
FILES = sorted(PACKAGE.glob("*.py"))
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'-]+[A-Za-z]{2,}){3,}")   # four or more words in a row


def _reader_strings(path: Path) -> list[tuple[int, str]]:
    """String constants a reader could see: not docstrings, not error messages (raise …)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            skip.add(id(node.body[0].value))
        if isinstance(node, ast.Raise):
            skip |= {id(n) for n in ast.walk(node)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_chinese_in_report_code(path):
    """Not even in comments or docstrings: every Chinese word of a page lives in a catalogue."""
    found = [f"{path.name}:{n}: {line.strip()}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CJK.search(line)]
    assert found == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_english_sentences_for_readers_in_report_code(path):
    assert [f"{path.name}:{n}: {s}" for n, s in _reader_strings(path) if SENTENCE.search(s)] == []


def test_checks_catch_a_sentence(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('def f():\n    """Doc string is fine here."""\n    if 0:\n        raise ValueError("bad value given here")\n'
                      '    return "Growth of GDP is real"\n', encoding="utf-8")
    assert [s for _, s in _reader_strings(sample) if SENTENCE.search(s)] == ["Growth of GDP is real"]


def test_every_key_the_package_asks_for_exists():
    used = set()
    for path in FILES:
        used |= set(re.findall(r'\bt\(\s*"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "the pattern found no keys"
    assert sorted(k for k in used if not i18n.has(k)) == []
