import json
from conftest import LATE, MID  # noqa: E402
import subprocess
import sys

import pytest

from analysis.engine.gaps import gap_table
from analysis.engine.records import FIELDS, to_records


@pytest.fixture(scope="module")
def table(data):
    frame = gap_table(data, district="万柏林区", as_of=MID)
    return frame[frame["target_type"] != "growth_annual"].set_index("indicator")


def test_gdp_record(table):
    gdp = table.loc["gdp"]
    assert (gdp["base_year"], gdp["latest_year"], gdp["target_year"]) == (2020, 2022, 2025)
    assert gdp["cagr_observed"] == pytest.approx(12.993, abs=1e-3)
    assert gdp["cagr_required"] == pytest.approx(17.243, abs=1e-3)
    assert gdp["gap_pp"] == pytest.approx(-4.249, abs=1e-3)
    assert gdp["tau"] == 40 and gdp["progress_log"] == pytest.approx(33.860, abs=1e-3)
    # R = 12.993 / ((1000/486)^(1/5) − 1 = 15.524) = 0.837; P − τ = 33.86 − 40 = −6.1 → behind, in both languages
    assert gdp["ratio_r"] == pytest.approx(0.837, abs=1e-3)
    assert gdp["status"] == "behind" and gdp["status_zh"] == "滞后于预期" and gdp["status_en"] == "behind schedule"
    assert gdp["target_type"] == "level" and gdp["growth_basis"] == "current" and gdp["as_of_year"] == 2022
    assert 0 < gdp["probability"] < gdp["probability_tolerance"] < 50
    codes = [f["code"] for f in gdp["flags"]]
    assert {"series_break_unclear", "directional_target", "draft_source", "nominal_growth", "sigma_assumed"} <= set(codes)


def test_override_changes_the_answer(data):
    t = gap_table(data, district="万柏林区", indicators=["gdp"], target_overrides={"gdp": 800}, as_of=MID)
    t = t[t["target_type"] == "level"].iloc[0]
    assert t["cagr_required"] == pytest.approx(((800 / 620.5) ** (1 / 3) - 1) * 100)
    # linear progress (620.5 − 486)/(800 − 486) = 134.5/314 = 42.8 % against τ 40 %: within 5 points → on track
    # (log progress ln(620.5/486)/ln(800/486) = 0.24434/0.49846 = 49.0 % is kept as the secondary figure)
    assert t["status"] == "on_track" and t["target_value"] == 800
    assert t["progress"] == pytest.approx(42.834, abs=1e-3) and t["progress_log"] == pytest.approx(49.02, abs=1e-2)
    assert {"code": "target_override", "params": {"value": 800, "original": 1000.0, "unit": "亿元"}} in t["flags"]


def test_target_with_no_new_observation_is_insufficient_data(table):
    firms = table.loc["high_tech_firms"]
    assert firms["status"] == "insufficient_data" and firms["cagr_required"] == pytest.approx(6.4595, abs=1e-3)
    assert firms["progress"] is None or firms["progress"] != firms["progress"]     # unknown, never 0


def test_json_records_have_exactly_the_documented_keys(data):
    records = to_records(gap_table(data, as_of=MID))
    assert all(list(r) == FIELDS for r in records)
    assert {"target_type", "direction", "status", "status_zh", "status_en", "probability", "probability_tolerance",
            "observed_total", "required_per_year", "as_of_year"} <= set(FIELDS)
    assert {r["target_type"] for r in records} >= {"level", "growth_annual", "cumulative", "ceiling"}
    assert all(r["probability_tolerance"] is None for r in records if r["bound"] != "~")
    json.dumps(records)


def test_growth_targets_appear_as_records(data):
    annual = [r for r in to_records(gap_table(data, district="万柏林区", as_of=MID)) if r["target_type"] == "growth_annual"]
    assert {r["indicator"] for r in annual} == {"gdp", "industrial_value_added", "retail_sales",
                                                 "fixed_asset_investment", "budget_revenue"}
    assert {r["status"] for r in annual} == {"pending"} and all(r["target_year"] == 2023 for r in annual)


def run(*args):
    return subprocess.run([sys.executable, "-m", "analysis", "gaps", *args], capture_output=True, text=True)


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_cli_json_and_table():
    from conftest import FIXTURE_TABLE

    data = ("--data", str(FIXTURE_TABLE))
    result = run(*data, "--district", "万柏林区", "--as-of", MID, "--format", "json")
    assert result.returncode == 0
    records = json.loads(result.stdout)
    gdp = next(r for r in records if r["indicator"] == "gdp" and r["target_type"] == "level")
    assert round(gdp["cagr_required"], 2) == 17.24 and gdp["status"] == "behind"
    assert {r["status"] for r in records if r["target_type"] == "growth_annual"} == {"pending"}
    table = run(*data, "--district", "万柏林区", "--as-of", MID)
    assert table.returncode == 0 and "地区生产总值" in table.stdout and "滞后于预期" in table.stdout
    assert "现价（名义）" in table.stdout and "评估基准日2023年3月1日，数据截至2022年" in table.stdout
    csv_out = run(*data, "--district", "万柏林区", "--as-of", MID, "--format", "csv").stdout.splitlines()
    assert {"unit", "price_basis", "growth_basis"} <= set(csv_out[0].split(","))


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_cli_after_the_plan_ended():
    """The issue's 'done when' on the command line: 2026-11-28, the 14th plan over, 2023-2025 not entered."""
    from conftest import FIXTURE_TABLE

    result = run("--data", str(FIXTURE_TABLE), "--district", "万柏林区", "--as-of", LATE, "--format", "json")
    records = json.loads(result.stdout)
    gdp = next(r for r in records if r["indicator"] == "gdp" and r["target_type"] == "level")
    # 620.5 / 1000 × 100 = 62.05; τ 40 % against linear progress 26.2 % → behind, on 2022 data
    assert (gdp["status"], gdp["trend_status"], gdp["plan_ended"], gdp["final"]) == ("not_entered", "behind", True, False)
    assert gdp["completion_rate"] == pytest.approx(62.05) and gdp["qualifier"] == "directional"
    assert gdp["assessment_date"] == LATE and gdp["data_year"] == 2022 and gdp["missing_years"] == [2023, 2024, 2025]
    assert {r["status"] for r in records if r["target_type"] == "growth_annual"} == {"not_entered"}
    labour = next(r for r in records if r["indicator"] == "new_urban_labour_force")
    assert (labour["qualifier"], labour["status"], labour["probability"]) == ("forecast", "not_assessed", None)
    none = run("--data", str(FIXTURE_TABLE), "--district", "杏花岭区", "--target-year", "2030", "--as-of", LATE)
    assert none.returncode == 1 and none.stderr.count("\n") == 1 and "None" not in none.stderr
    assert "杏花岭区: no targets for 2030" in none.stderr


@pytest.mark.parametrize("args,message", [
    (["--district", "西城区"], "unknown district '西城区'"),
    (["--target-year", "20x"], "is not a year"),
    (["--format", "xml"], "invalid choice"),
])
@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_cli_bad_arguments(args, message):
    result = run(*args)
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_a_latest_figure_given_as_a_bound_is_flagged(data):
    # "突破700亿元" is recorded as 700 with bound >=: the assessment uses 700, and the record says the figure
    # is a lower bound (the seed's latest GDP, 620.5 in 2022, stands in for such a figure here).
    from analysis.i18n import flag_text

    def gdp_flags(frame):
        t = gap_table(frame, district="万柏林区", indicators=["gdp"])
        return t[t["target_type"] == "level"].iloc[0]["flags"]

    assert not [f for f in gdp_flags(data) if f["code"].startswith("latest_at")]
    bounded = data.copy()
    latest = (bounded["indicator"] == "gdp") & (bounded["kind"] == "level") & (bounded["year"] == 2022)
    assert latest.sum() == 1
    bounded.loc[latest, "bound"] = ">="
    flag = next(f for f in gdp_flags(bounded) if f["code"].startswith("latest_at"))
    assert flag == {"code": "latest_at_least", "params": {"year": 2022}}
    assert "2022年数值为原文给出的下限" in flag_text(flag, "zh") and "lower bound" in flag_text(flag, "en")


def test_a_final_figure_known_only_as_a_bound_is_not_graded_when_the_bound_cannot_decide(data):
    # 2025 GDP "跨上…台阶": at least X. Against the target 约1000 (met within 5 %): at least 900 (90 %, the bound alone
    # reads 未完成) may be anything from 未完成 to 超额完成, so the grade is unknown (insufficient_data, flag
    # bound_undecided with the bound's own grade); at least 1060 (106 % ≥ 105 %) is 超额完成 whatever the exact figure.
    from analysis.i18n import flag_text

    def final_gdp(value):
        frame = data.copy()
        row = frame[(frame["indicator"] == "gdp") & (frame["kind"] == "level") & (frame["year"] == 2022)].iloc[0]
        frame.loc[len(frame)] = row.copy()
        frame.loc[len(frame) - 1, ["year", "value", "bound", "quote"]] = [2025, value, ">=", f"跨上{value}亿元台阶"]
        t = gap_table(frame, district="万柏林区", indicators=["gdp"], as_of=LATE)
        return t[t["target_type"] == "level"].iloc[0]

    short = final_gdp(900.0)
    assert (short["status"], bool(short["final"])) == ("insufficient_data", True)
    flag = next(f for f in short["flags"] if f["code"] == "bound_undecided")
    assert flag["params"] == {"year": 2025, "target": 1000, "unit": "亿元", "grade": "not_completed"}
    assert "无法判定" in flag_text(flag, "zh") and "未完成" in flag_text(flag, "zh") and "目标1000亿元" in flag_text(flag, "zh")
    assert not [f for f in short["flags"] if f["code"] == "latest_at_least"]
    ahead = final_gdp(1060.0)
    assert ahead["status"] == "exceeded" and not [f for f in ahead["flags"] if f["code"] == "bound_undecided"]


def test_an_undecided_bound_still_counts_as_something_to_show(data):
    # the city comparison and the pages list a final figure known only as a bound (数据不足, flag bound_undecided):
    # it is a figure against a target, shown as undecided, not a missing one
    from analysis.engine.records import assessable

    undecided = {"status": "insufficient_data", "trend_status": None,
                 "flags": [{"code": "bound_undecided", "params": {"year": 2025, "target": 2300, "grade": "not_completed"}}]}
    missing = {"status": "insufficient_data", "trend_status": None, "flags": [{"code": "no_observation", "params": {}}]}
    assert assessable([undecided, missing]) == [undecided]


def test_a_judgement_on_an_estimated_figure_says_it_is_provisional(data):
    # a 2022 GDP level the analyst noted as 预计 (an estimate in the source): the record carries latest_estimate
    from analysis.i18n import flag_text

    def gdp_flags(frame):
        t = gap_table(frame, district="万柏林区", indicators=["gdp"], as_of=MID)
        return [f for f in t[t["target_type"] == "level"].iloc[0]["flags"] if f["code"] == "latest_estimate"]

    assert gdp_flags(data) == []
    estimated = data.copy()
    latest = (estimated["indicator"] == "gdp") & (estimated["kind"] == "level") & (estimated["year"] == 2022)
    estimated.loc[latest, "note"] = "预计 (estimate)"
    (flag,) = gdp_flags(estimated)
    assert flag == {"code": "latest_estimate", "params": {"year": 2022}}
    assert "预计数" in flag_text(flag, "zh") and "estimate" in flag_text(flag, "en")


def test_a_lone_figure_is_no_substitute_base_year(data):
    """A target whose only figure is the final year's has no base to measure growth from: no note claims
    that year as the base (以2025年为基期 next to a 2025 judgement meant nothing)."""
    frame = data.copy()
    row = frame[(frame["indicator"] == "gdp") & (frame["kind"] == "level") & (frame["year"] == 2022)].iloc[0]
    frame = frame[~((frame["indicator"] == "gdp") & frame["kind"].isin(["level", "growth"]))].reset_index(drop=True)
    frame.loc[len(frame)] = row.copy()
    frame.loc[len(frame) - 1, ["year", "value"]] = [2025, 1010.0]
    [rec] = [r for r in to_records(gap_table(frame, district="万柏林区", indicators=["gdp"], as_of=LATE))
             if r["target_type"] == "level"]
    assert rec["latest_year"] == 2025 and rec["final"]
    assert "base_year_substitute" not in [f["code"] for f in rec["flags"]]
