"""The notebooks' one source (scripts/make_notebooks.py): the committed .ipynb files are what it makes, and
each is a parameters cell, a setup call and one section call per cell. Fast: nothing is executed."""
import importlib.util
import re

import nbformat

from analysis import config
from analysis.report import SECTIONS

from conftest import NOTEBOOKS


def _source():
    spec = importlib.util.spec_from_file_location("make_notebooks", config.PROJECT_DIR / "scripts" / "make_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_notebooks_are_what_the_source_makes():
    source = _source()
    assert sorted(source.NOTEBOOKS) == sorted(NOTEBOOKS)
    for name in NOTEBOOKS:
        committed = (config.NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8")
        assert committed == source.text_of(name), f"{name}.ipynb differs: run python scripts/make_notebooks.py"


def test_the_check_mode_reports_a_stale_notebook(tmp_path, monkeypatch):
    source = _source()
    for name in NOTEBOOKS:
        (tmp_path / f"{name}.ipynb").write_text(source.text_of(name), encoding="utf-8")
    monkeypatch.setattr(source, "OUT", tmp_path)
    assert source.main(["--check"]) == 0
    (tmp_path / "brief.ipynb").write_text("{}", encoding="utf-8")
    assert source.main(["--check"]) == 1


def test_notebooks_are_lists_of_sections():
    for name in NOTEBOOKS:
        nb = nbformat.read(config.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        assert nb.metadata["analysis"]["reads"] in ("district", "indicator", "city")  # for the runner's skip check
        assert code[1].startswith(f'from analysis import report\n\nctx = report.setup(page="{name}", ')
        calls = [re.fullmatch(r'report\.section\(ctx, "(\w+)"\)', c) for c in code[2:]]
        assert all(calls), f"{name}: a cell holds more than one section call"
        assert {m[1] for m in calls} <= set(SECTIONS) and calls[0][1] == "header"
