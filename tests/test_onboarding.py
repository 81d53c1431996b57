"""Onboarding a district with data only (issue 12, "Done when").

A copy of the fixture data (``tests/fixtures/data/``) in a temporary workspace gets one new district, 汾东区
(fictitious; see ``tests/fixtures/onboarding/README.md``), from two documents
as a user would bring them: its 十四五 plan (2020 levels, 2025 targets) and its
2025 execution report (2025 levels, 2026 growth targets). The only edits are
data: the documents, one line in ``districts.csv``, one line per document in
``sources.csv``, and the review files' ``status`` column. Everything else is the
real command line in subprocesses; ``normalize`` has no option for another
folder, so that one step calls the public ``analysis.data.normalize.normalize_sources``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config
from analysis.data.normalize import normalize_sources
from conftest import FIXTURE_TABLE, copy_data

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "onboarding"
DISTRICT = "汾东区"
DOCUMENTS = ("fendong_plan_2021.txt", "fendong_report_2025.txt")
DISTRICT_LINE = "汾东区,Fendong District,太原市,Taiyuan,山西省,district"
SOURCE_LINES = (
    "fendong_plan_2021.txt,汾东区“十四五”规划纲要（虚构示例）,Fendong 14th five-year plan outline (fictitious),2021,adopted,",
    "fendong_report_2025.txt,汾东区2025年计划执行情况与2026年计划的报告（虚构示例）,"
    "Fendong 2025 plan execution and 2026 plan report (fictitious),2026,report,",
)


def cli(*args, timeout=300) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` as a user runs it (this checkout's package; no $ANALYSIS_DATA)."""
    env = {k: v for k, v in os.environ.items() if k != "ANALYSIS_DATA"}
    env["PYTHONPATH"] = str(config.PACKAGE_DIR.parent)
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=timeout)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{' '.join(result.args[1:])} → exit {result.returncode}\n{result.stderr}"
    return result


def append_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def accept_all(review: Path) -> int:
    """Set every proposal's status to 'accepted', changing nothing else; returns the number of rows."""
    with open(review, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["status"] = "accepted"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    review.write_text(buffer.getvalue(), encoding="utf-8")
    return len(rows)


def table_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def onboarded(tmp_path_factory):
    """The whole onboarding, once: every command's result and what it produced."""
    curated = FIXTURE_TABLE.read_bytes()
    work = copy_data(tmp_path_factory.mktemp("onboard") / "data")
    table = work / "indicators.csv"
    before = table_rows(table)

    # the onboarding edits: documents and name files, nothing in src/, notebooks/ or reports.yaml
    for name in DOCUMENTS:
        shutil.copy(FIXTURES / name, work / "sources" / "raw" / name)
    append_line(work / "districts.csv", DISTRICT_LINE)
    for line in SOURCE_LINES:
        append_line(work / "sources.csv", line)

    out = {"work": work, "table": table, "before": before, "proposals": {}, "merged": {}}
    out["normalized"] = normalize_sources(work / "sources" / "raw", work / "sources")
    for name in DOCUMENTS:
        review = work.parent / f"review-{name}.csv"
        out[f"extract {name}"] = ok(cli("extract", work / "sources" / name, "--district", DISTRICT,
                                        "--data", table, "--out", review))
        out["proposals"][name] = accept_all(review)
        out[f"merge {name}"] = ok(cli("merge", review, "--data", table))
        out["merged"][name] = int(re.search(r"merged (\d+) accepted row", out[f"merge {name}"].stdout).group(1))
    out["validate"] = ok(cli("validate", table))
    out["gaps"] = json.loads(ok(cli("gaps", "--data", table, "--district", DISTRICT, "--target-year", "2025",
                                    "--format", "json")).stdout)
    out["list"] = ok(cli("run", "--data", table, "--list")).stdout.split()
    out["reports"] = work.parent / "out"
    out["run"] = ok(cli("run", "--data", table, "--out", out["reports"], "--jobs", "1",
                        "--only", f"overview-{DISTRICT}", timeout=600))
    out["after"] = table_rows(table)
    out["curated_unchanged"] = FIXTURE_TABLE.read_bytes() == curated
    return out


def test_normalize_writes_only_the_new_documents(onboarded):
    # the five committed sources are already normalised; only the two new ones are (re)written
    assert sorted(onboarded["normalized"]) == sorted(DOCUMENTS)
    for name in DOCUMENTS:
        assert (onboarded["work"] / "sources" / name).is_file()


def test_every_accepted_proposal_is_merged(onboarded):
    for name in DOCUMENTS:
        assert onboarded["proposals"][name] > 0, f"extract proposed nothing from {name}"
        assert onboarded["merged"][name] == onboarded["proposals"][name], name
    new_rows = onboarded["after"][len(onboarded["before"]):]
    assert onboarded["after"][:len(onboarded["before"])] == onboarded["before"]     # appended, nothing rewritten
    assert len(new_rows) == sum(onboarded["proposals"].values())
    assert {r["district"] for r in new_rows} == {DISTRICT}
    assert {r["source"] for r in new_rows} == set(DOCUMENTS)


def test_the_figures_the_assessment_needs_were_read(onboarded):
    rows = {(r["indicator"], r["year"], r["kind"]): float(r["value"])
            for r in onboarded["after"] if r["district"] == DISTRICT}
    # as printed in the fixtures: plan 从2015年的410亿元增长到2020年的596亿元 / 到2025年…达到800亿元左右,
    # report 地区生产总值完成812.4亿元 / 全区高新技术企业总数达到312家
    assert rows[("gdp", "2020", "level")] == 596
    assert rows[("gdp", "2025", "target_level")] == 800
    assert rows[("gdp", "2025", "level")] == 812.4
    assert rows[("high_tech_firms", "2020", "level")] == 185
    assert rows[("high_tech_firms", "2025", "target_level")] == 300
    assert rows[("high_tech_firms", "2025", "level")] == 312


def test_the_onboarded_table_validates(onboarded):
    assert "3 districts" in onboarded["validate"].stdout


def test_the_new_district_has_a_final_assessment(onboarded):
    records = {r["indicator"]: r for r in onboarded["gaps"] if r["target_year"] == 2025}
    assert {r["district"] for r in onboarded["gaps"]} == {DISTRICT}
    # 812.4 亿元 in 2025 against 约800: 812.4 / 800 = 101.6 % of the target, under the 105 % of 超额完成 → 完成;
    # 312 家 against ≥300: 312 / 300 = 104.0 % → 完成
    for indicator in ("gdp", "high_tech_firms"):
        record = records[indicator]
        assert (record["status"], record["final"], record["tau"], record["latest_year"]) == ("completed", True, 100.0, 2025)


def test_the_default_suite_produces_its_overview(onboarded):
    # the suite's for_each: district picks the new district up from the data, with reports.yaml unchanged
    assert f"overview-{DISTRICT}" in onboarded["list"]
    assert f"brief-{DISTRICT}" in onboarded["list"]
    html = (onboarded["reports"] / f"overview-{DISTRICT}.html").read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert title and DISTRICT in title.group(1)
    assert "812.4" in html                               # the merged 2025 level is on the page
    # a second district of 太原市 with assessable targets: its overview now compares it with 万柏林区
    assert "太原市各区县比较" in html and "万柏林区" in html


def test_nothing_outside_the_workspace_was_written(onboarded):
    assert onboarded["curated_unchanged"]
