"""Cache keys cover every input (issue 17): an edit to any kind of input, in a copy, changes the key
of exactly the reports that show it, so exactly those re-run (a report re-runs when its key changes).

Inputs: the package's files of every kind (code, templates, word catalogues, CSS, fonts), the
notebooks, the config and each report's parameters, the table's rows each report reads, and the
name files (districts, indicator names, sources, units, plans) of those rows.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import config
from analysis.runner.inputs import read_rows
from analysis.runner.plan import load_jobs
from conftest import copy_data

W, X = "万柏林区", "杏花岭区"
GDP_PAGES = {f"{page}-{W}-gdp" for page in ("growth_gap", "projection", "explorer")}
DISTRICT_PAGES = {d: {f"overview-{d}", f"brief-{d}", f"brief-en-{d}"} for d in (W, X)}
ALL = DISTRICT_PAGES[W] | DISTRICT_PAGES[X] | GDP_PAGES
# The overview compares the districts of its city (both are in 太原市): it reads its neighbour's rows.
SHOWS = {W: DISTRICT_PAGES[W] | GDP_PAGES | {f"overview-{X}"}, X: DISTRICT_PAGES[X] | {f"overview-{W}"}}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """Copies of the package, the notebooks, the config and the fixture data; keys(): {report: key}."""
    package = tmp_path / "analysis"
    shutil.copytree(config.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    notebooks = tmp_path / "notebooks"
    shutil.copytree(config.NOTEBOOKS_DIR, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", notebooks)
    cfg = tmp_path / "reports.yaml"
    shutil.copy(config.DEFAULT_REPORTS_CONFIG, cfg)
    data = copy_data(tmp_path / "data")

    class Project:
        root, table = tmp_path, data / "indicators.csv"

        def keys(self) -> dict:
            table = self.table
            jobs, _ = load_jobs(cfg, read_rows(table), tmp_path / "out", table)
            return {job.name: job.key for job in jobs}

    p = Project()
    assert set(p.keys()) == ALL
    return p


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_bytes(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n")


def rerun(project, change) -> set:
    before = project.keys()
    change(project.root)
    after = project.keys()
    assert set(after) == set(before)
    return {name for name in after if after[name] != before[name]}


PACKAGE_EDITS = {
    "catalogue (locales/report.yaml)": lambda root: append_bytes(root / "analysis" / "locales" / "report.yaml"),
    "catalogue (locales/assessment.yaml)": lambda root: append_bytes(root / "analysis" / "locales" / "assessment.yaml"),
    "code (.py)": lambda root: append_bytes(root / "analysis" / "engine" / "assess.py"),
    "template (.j2)": lambda root: append_bytes(next((root / "analysis" / "templates").rglob("*.j2"))),
    "CSS": lambda root: append_bytes(next((root / "analysis" / "templates").rglob("*.css"))),
    "font": lambda root: append_bytes(next((root / "analysis" / "fonts").glob("*.otf"))),
    "a file of a new kind": lambda root: (root / "analysis" / "templates" / "report" / "logo.svg").write_text("<svg/>"),
}


@pytest.mark.parametrize("kind", PACKAGE_EDITS)
def test_any_package_file_reruns_every_report(project, kind):
    assert rerun(project, PACKAGE_EDITS[kind]) == ALL


def test_a_notebook_reruns_its_reports_only(project):
    assert rerun(project, lambda root: append_bytes(root / "notebooks" / "projection.ipynb")) == {f"projection-{W}-gdp"}


def test_a_report_s_parameters_rerun_that_report_only(project):
    def change(root):
        edit(root / "reports.yaml", "    parameters:\n      lang: en\n",
             "    parameters:\n      lang: en\n      gdp_target_override: 850.0\n")
    assert rerun(project, change) == {f"brief-en-{W}", f"brief-en-{X}"}


def test_the_config_s_defaults_rerun_the_reports_they_reach(project):
    assert rerun(project, lambda root: edit(root / "reports.yaml", "  lang: zh\n", "  lang: zh\n  n_paths: 4000\n")) \
        == GDP_PAGES - {f"growth_gap-{W}-gdp", f"explorer-{W}-gdp"}      # only the projection takes n_paths


def test_a_row_reruns_the_reports_that_read_it(project):
    # a 杏花岭区 row (value and quote together, as validation wants)
    assert rerun(project, lambda root: edit(root / "data" / "indicators.csv", "4320", "4321")) == SHOWS[X]


def test_marking_a_draft_source_adopted_reruns_the_pages_that_cite_it(project):
    # 002 (the draft plan) is cited by 万柏林区's rows only
    assert rerun(project, lambda root: edit(root / "data" / "sources.csv", ",draft,", ",adopted,")) == SHOWS[W]


def test_a_source_title_reruns_the_pages_that_cite_it(project):
    assert rerun(project, lambda root: edit(root / "data" / "sources.csv", "杏花岭区2022年“两会”报道",
                                            "杏花岭区2022年“两会”报道（修订）")) == SHOWS[X]


def test_a_district_s_english_name_reruns_its_pages_and_its_neighbour_s_overview(project):
    assert rerun(project, lambda root: edit(root / "data" / "districts.csv", "Xinghualing District",
                                            "Xinghualing Dist.")) == SHOWS[X]


def test_a_city_s_english_name_reruns_the_pages_of_its_districts(project):
    assert rerun(project, lambda root: edit(root / "data" / "districts.csv", "Taiyuan", "Taiyuan City")) == ALL


def test_an_indicator_s_name_reruns_the_pages_that_show_it(project):
    # gdp rows: 万柏林区 only; 杏花岭区's overview compares with 万柏林区
    assert rerun(project, lambda root: edit(root / "data" / "indicator_names.csv", ",GDP,亿元,", ",Gross domestic product,亿元,")) \
        == SHOWS[W]


def test_a_unit_reruns_the_pages_with_rows_in_it(project):
    # 张 (beds): both districts have bed targets; no GDP page reads a bed row
    assert rerun(project, lambda root: edit(root / "data" / "units.csv", "张,beds,", "张,hospital beds,")) \
        == DISTRICT_PAGES[W] | DISTRICT_PAGES[X]


def test_a_plan_reruns_every_report(project):
    assert rerun(project, lambda root: edit(root / "data" / "plans.csv", "15th five-year plan",
                                            "Fifteenth five-year plan")) == ALL


def test_nothing_changed_reruns_nothing(project):
    assert rerun(project, lambda root: None) == set()


# --- end to end: the edited copy re-runs the page that shows the edit, and the page shows it ------------------

@pytest.mark.slow
def test_a_catalogue_word_and_an_adopted_source_show_on_the_rerun_page(tmp_path):
    """A copy of the project (package, notebooks, config, fixture data); a run of two briefs; then (a) a word of
    the locale catalogue and (b) the draft plan marked adopted: each re-run, without --force, re-runs exactly the
    pages that show the change, and they show it (issue 17: both were skipped as unchanged)."""
    import os
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(config.PACKAGE_DIR, project / "src" / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(config.NOTEBOOKS_DIR, project / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    cfg = project / "reports.yaml"
    cfg.write_text("reports:\n  - name: brief-{district}\n    notebook: brief\n    for_each: district\n"
                   "    parameters:\n      as_of: '2026-11-28'\n", encoding="utf-8")
    data = copy_data(project / "data")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(project / "src")}        # the copy's package, in the CLI and its kernels

    def run() -> tuple[set, dict]:
        result = subprocess.run([sys.executable, "-m", "analysis", "run", "--config", str(cfg), "--data",
                                 str(data / "indicators.csv"), "--out", str(out), "--jobs", "1"],
                                capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
        ran = {line.split()[1] for line in result.stderr.splitlines() if line.strip().startswith("ok ")}
        return ran, {d: (out / f"brief-{d}.html").read_text(encoding="utf-8") for d in (W, X)}

    ran, pages = run()
    assert ran == {f"brief-{W}", f"brief-{X}"} and "规划目标进度简报" in pages[W]
    draft = "数据来源为规划草案"
    assert draft in pages[W] and draft not in pages[X]                 # 002, the draft, is cited by 万柏林区 only

    edit(project / "src" / "analysis" / "locales" / "report.yaml", "规划目标进度简报", "规划目标进度摘要")
    ran, pages = run()
    # every page re-runs on a package change; the one titled with this word shows the new one
    assert ran == {f"brief-{W}", f"brief-{X}"} and "规划目标进度摘要" in pages[W] and "规划目标进度简报" not in pages[W]

    edit(data / "sources.csv", ",draft,", ",adopted,")
    ran, pages = run()
    assert ran == {f"brief-{W}"} and draft not in pages[W]
