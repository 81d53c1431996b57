import json
import subprocess
import sys

import pytest

from analysis.gaps import FIELDS, gap_table, to_records


@pytest.fixture(scope="module")
def table(data):
    return gap_table(data, district="万柏林区", n_paths=20_000).set_index("indicator")


def test_gdp_record(table):
    gdp = table.loc["gdp"]
    assert (gdp["base_year"], gdp["latest_year"], gdp["target_year"]) == (2020, 2022, 2025)
    assert gdp["cagr_observed"] == pytest.approx(12.993, abs=1e-3)
    assert gdp["cagr_required"] == pytest.approx(17.243, abs=1e-3)
    assert gdp["gap_pp"] == pytest.approx(-4.249, abs=1e-3)
    assert gdp["tau"] == 40 and gdp["progress_log"] == pytest.approx(33.860, abs=1e-3)
    # R = 12.993 / ((1000/486)^(1/5) − 1 = 15.524) = 0.837 → moderate progress; P − τ = −6.1 → 滞后于预期
    assert gdp["ratio_r"] == pytest.approx(0.837, abs=1e-3)
    assert gdp["status_en"] == "moderate progress" and gdp["status_zh"] == "滞后于预期"
    assert 0 < gdp["probability"] < 50
    assert any("series break" in f for f in gdp["flags"]) and any("override" in f for f in gdp["flags"])


def test_override_changes_the_answer(data):
    t = gap_table(data, district="万柏林区", indicators=["gdp"], target_overrides={"gdp": 800}, n_paths=5000)
    assert t.iloc[0]["cagr_required"] == pytest.approx(((800 / 620.5) ** (1 / 3) - 1) * 100)
    assert t.iloc[0]["status_en"] == "on track"


def test_target_with_no_new_observation_is_insufficient_data(table):
    firms = table.loc["high_tech_firms"]
    assert firms["status_zh"] == "数据不足" and firms["cagr_required"] == pytest.approx(6.4595, abs=1e-3)


def test_json_records_have_exactly_the_documented_keys(data):
    records = to_records(gap_table(data, n_paths=1000))
    assert all(list(r) == FIELDS for r in records)
    json.dumps(records)


def run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", "gaps", *args], capture_output=True, text=True)


def test_cli_json_and_table():
    result = run("--district", "万柏林区", "--format", "json")
    assert result.returncode == 0
    gdp = next(r for r in json.loads(result.stdout) if r["indicator"] == "gdp")
    assert round(gdp["cagr_required"], 2) == 17.24
    table = run("--district", "万柏林区")
    assert table.returncode == 0 and "地区生产总值" in table.stdout and "滞后于预期" in table.stdout


@pytest.mark.parametrize("args,message", [
    (["--district", "西城区"], "unknown district '西城区'"),
    (["--target-year", "20x"], "is not a year"),
    (["--format", "xml"], "invalid choice"),
])
def test_cli_bad_arguments(args, message):
    result = run(*args)
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr
