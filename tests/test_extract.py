"""Extraction on documents written for these tests (both scripts, one GBK-encoded), and merge."""
import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config
from analysis.extract import extract_file, extract_text
from analysis.extract_cli import merge
from analysis.loading import load_indicators
from analysis.schema import COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"
DISTRICTS = ["万柏林区", "杏花岭区"]

# Hand-read from tests/fixtures/report_2023_simplified.txt: (indicator, year, kind, value, basis, bound)
EXPECTED_2023 = {
    ("gdp", 2023, "level", 655.3, "current", ""), ("gdp", 2023, "growth", 5.1, "comparable", ""),
    ("industrial_value_added", 2023, "level", 190.4, "current", ""),          # 规上工业增加值 alias
    ("industrial_value_added", 2023, "growth", 6.2, "comparable", ""),
    ("services_value_added", 2023, "level", 310.8, "current", ""),
    ("services_value_added", 2023, "growth", 4.3, "comparable", ""),
    ("retail_sales", 2023, "level", 221.6, "current", ""), ("retail_sales", 2023, "growth", 8.0, "current", ""),
    ("fixed_asset_investment", 2023, "level", 150.2, "current", ""),
    ("fixed_asset_investment", 2023, "growth", -3.4, "current", ""),            # 下降 → negative
    ("budget_revenue", 2023, "level", 21.5, "current", ""), ("budget_revenue", 2023, "growth", 6.1, "current", ""),
    ("high_tech_firms_certified", 2023, "cumulative", 80.0, "", ""),
    ("specialised_smes_new", 2023, "cumulative", 30.0, "", ""),
    ("new_urban_employment", 2023, "cumulative", 19200.0, "", ""),
    ("forest_coverage", 2023, "share", 38.6, "", ""),
    # targets section → next year
    ("gdp", 2024, "target_growth", 5.5, "comparable", "~"),                     # 左右
    ("industrial_value_added", 2024, "target_growth", 7.0, "comparable", ">="),  # 以上
    ("fixed_asset_investment", 2024, "target_growth", 6.0, "current", ""),
    ("retail_sales", 2024, "target_growth", 7.0, "current", ""),
    ("budget_revenue", 2024, "target_growth", 5.0, "current", ""),
    ("surveyed_unemployment_rate", 2024, "target_level", 5.5, "", "<="),       # 控制在…以内
}


def as_set(rows):
    return {(r["indicator"], r["year"], r["kind"], r["value"], r["price_basis"], r["bound"]) for r in rows}


def test_execution_report_simplified_utf8():
    rows, encoding, text = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    assert encoding == "utf-8"
    assert as_set(rows) == EXPECTED_2023
    assert {r["district"] for r in rows} == {"万柏林区"} and {r["status"] for r in rows} == {"proposed"}
    for r in rows:
        assert r["quote"] in text and 0 < r["confidence"] <= 1


def test_traditional_pinyin_gbk_twin_gives_the_same_rows():
    rows, encoding, text = extract_file(FIXTURES / "report_2023_traditional_gbk.txt", known_districts=DISTRICTS)
    assert encoding == "gb18030"
    assert as_set(rows) == EXPECTED_2023
    assert all(r["quote"] in text for r in rows)


def test_plan_document_structure():
    rows, _, _ = extract_file(FIXTURES / "plan_excerpt.txt", known_districts=DISTRICTS)
    got = {(r["indicator"], r["year"], r["kind"], r["value"], r["bound"], r["period_start"]) for r in rows}
    assert ("gdp", 2015, "level", 300.0, "", "") in got                 # 从A亿元增长到B亿元: two levels
    assert ("gdp", 2020, "level", 420.0, "", "") in got
    assert ("gdp", 2020, "growth", 7.0, ">=", 2015) in got               # 年均增长7%以上
    assert ("fixed_asset_investment", 2020, "cumulative", 900.5, "", 2016) in got   # “十三五”累计完成
    assert ("high_tech_firms", 2025, "target_level", 200.0, ">=", "") in got        # 到2025年…达到200家以上
    assert ("registered_unemployment_rate", 2025, "target_level", 4.5, "<=", "") in got
    assert ("new_urban_labour_force", 2025, "target_level", 5.0, "", 2021) in got   # 十四五期间: a total
    assert {r["district"] for r in rows} == {"杏花岭区"}


def test_year_override_and_growth_target_with_rounding_words():
    text = "2024年主要预期目标\n地区生产总值增长6%左右，社零增长8%。"
    rows = extract_text(text, "万柏林区", year=2023)
    assert {(r["indicator"], r["year"], r["kind"], r["value"], r["bound"]) for r in rows} == {
        ("gdp", 2024, "target_growth", 6.0, "~"), ("retail_sales", 2024, "target_growth", 8.0, "")}


def test_seed_documents_meet_recall_and_precision():
    result = subprocess.run([sys.executable, str(config.PROJECT_DIR / "scripts" / "extract_eval.py")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_extract_never_touches_the_table(tmp_path):
    before = config.DEFAULT_INDICATORS.read_bytes()
    out = tmp_path / "review.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(FIXTURES / "report_2023_traditional_gbk.txt"),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0 and "gb18030" in result.stderr and "traditional" in result.stderr
    assert config.DEFAULT_INDICATORS.read_bytes() == before
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == COLUMNS + ["confidence", "status"]


@pytest.fixture
def workspace(tmp_path):
    """A copy of data/ to merge into (with the 2023 report normalised into sources/)."""
    data = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, data)
    from analysis.normalize import normalize_file
    (data / "sources" / "report_2023_simplified.txt").write_text(
        normalize_file(FIXTURES / "report_2023_simplified.txt")[0], encoding="utf-8")
    return data


def review_file(path: Path, rows: list[dict], status="accepted") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS + ["confidence", "status"], lineterminator="\n")
        writer.writeheader()
        writer.writerows([{**r, "status": status} for r in rows])
    return path


def test_merge_appends_accepted_rows_after_validation(workspace, tmp_path):
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    table = workspace / "indicators.csv"
    before = len(load_indicators(table))
    review = review_file(tmp_path / "review.csv", rows)
    added, problems = merge(review, table)
    assert problems == [] and added == len(rows)
    merged = load_indicators(table)
    assert len(merged) == before + len(rows)
    assert merged.query("indicator == 'gdp' and year == 2023 and kind == 'level'")["value"].item() == 655.3
    again, problems = merge(review, table)                 # same rows again: nothing new, no error
    assert (again, problems) == (0, [])


def test_merge_refuses_conflicts_and_writes_nothing(workspace, tmp_path):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    existing = next(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    review = review_file(tmp_path / "review.csv", [{**existing, "value": "999", "confidence": 0.9}])
    added, problems = merge(review, table)
    assert added == 0 and len(problems) == 1
    assert "'999' conflicts with '347'" in problems[0] and "row 2" in problems[0]
    assert table.read_bytes() == before


def test_merge_refuses_invalid_rows_and_unreviewed_files(workspace, tmp_path):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    bad = [dict(rows[0], year="20233")]
    added, problems = merge(review_file(tmp_path / "bad.csv", bad), table)
    assert added == 0 and any("'20233' is not a year" in p for p in problems)
    added, problems = merge(review_file(tmp_path / "unreviewed.csv", rows, status="proposed"), table)
    assert added == 0 and "no row has status 'accepted'" in problems[0]
    assert table.read_bytes() == before


def test_merge_cli_exit_codes(workspace, tmp_path):
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    review = review_file(tmp_path / "review.csv", [dict(rows[0], source="unknown.txt")])
    result = subprocess.run([sys.executable, "-m", "analysis", "merge", str(review), "--data",
                             str(workspace / "indicators.csv")], capture_output=True, text=True)
    assert result.returncode == 1 and "is not a file in" in result.stderr and "Traceback" not in result.stderr
