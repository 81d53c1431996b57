"""report.assessment: the one adapter to the engine; records carry the contract's keys."""
from conftest import LATE, MID  # noqa: E402
import math

import pytest

from analysis.report import assessment

CONTRACT_KEYS = {"district", "indicator", "indicator_zh", "unit", "plan", "target_type", "direction", "price_basis",
                 "growth_basis", "base_year", "base_value", "latest_year", "latest_value", "as_of_year", "target_year",
                 "target_value", "bound", "period_start", "cagr_observed", "cagr_required", "gap_pp", "tau", "progress",
                 "observed_total", "required_per_year", "status", "final", "projected_value", "probability",
                 "probability_tolerance", "sigma_pp", "sigma_source", "flags"}


def targets_due(data, district: str = "万柏林区", year: int = 2025) -> int:
    """Target rows of *district* due in *year*, counted in the table itself (the table grows each spring)."""
    return int((data["district"].eq(district) & data["kind"].str.startswith("target") & data["year"].eq(year)).sum())


def annual_growth_targets(data, district: str = "万柏林区") -> int:
    return int((data["district"].eq(district) & data["kind"].eq("target_growth") & data["period_start"].isna()).sum())


@pytest.fixture(scope="module")
def records(data):
    return assessment.gap_records(data, "万柏林区", 2025, n_paths=5000, as_of=MID)


def test_records_have_the_contract_keys(records, data):
    # the plan's targets for 2025 and its annual growth targets (five for 2023)
    assert len(records) == targets_due(data) + annual_growth_targets(data) and annual_growth_targets(data) == 5
    for r in records:
        assert CONTRACT_KEYS <= set(r), CONTRACT_KEYS - set(r)
        assert all(isinstance(f, dict) and set(f) == {"code", "params"} for f in r["flags"])
        assert not any(isinstance(v, float) and math.isnan(v) for v in r.values())


def test_gdp_record(records):
    gdp = next(r for r in records if r["indicator"] == "gdp" and r["target_year"] == 2025)
    assert (gdp["status"], gdp["unit"], gdp["plan"], gdp["target_type"]) == ("behind", "亿元", "14th", "level")
    assert gdp["growth_basis"] == "current" and gdp["as_of_year"] == 2022 and gdp["final"] is False
    # linear progress (620.5 − 486) / (1000 − 486) = 134.5 / 514 = 26.2 %; log: ln(620.5/486) / ln(1000/486)
    # = 0.2443 / 0.7214 = 33.9 %; completion 620.5 / 1000 = 62.05 %
    assert gdp["progress"] == pytest.approx(26.17, abs=0.01) and gdp["progress_log"] == pytest.approx(33.86, abs=0.01)
    assert gdp["completion_rate"] == pytest.approx(62.05)
    assert gdp["probability"] < gdp["probability_tolerance"]     # 1000 itself is harder than ≥950
    assert gdp["sigma_source"] == "assumed"                       # one annual rate observed in the plan


def test_only_a_base_value_means_progress_unknown_not_zero(records):
    firms = next(r for r in records if r["indicator"] == "high_tech_firms")
    assert firms["latest_year"] == 2020 and firms["progress"] is None and firms["status"] == "insufficient_data"


def test_assessable_indicators_take_a_frame_or_csv_rows(data, curated_rows):
    assert assessment.assessable_indicators(data, "万柏林区", 2025) == ["gdp"]
    assert assessment.assessable_indicators(curated_rows, "万柏林区", 2025, data.attrs["registry"]) == ["gdp"]
    assert assessment.assessable_indicators(data, "杏花岭区", 2025) == []
    assert assessment.assessable_indicators(data, "杏花岭区", 2022) == []   # tasks, but nothing observed yet


def test_annual_targets_need_acceleration(data):
    table = assessment.annual_targets(data, "万柏林区", as_of=MID).set_index("indicator")
    assert len(table) == 5 and set(table["year"]) == {2023} and set(table["status"]) == {"pending"}
    # GDP: 6.5% (comparable) target for 2023 against 2.5% real growth in 2022: 4.0 points more
    assert table.loc["gdp", "acceleration_pp"] == pytest.approx(4.0)
    # investment: 9% nominal against −10.5% in 2022: 19.5 points more
    assert table.loc["fixed_asset_investment", "acceleration_pp"] == pytest.approx(19.5)


def test_annual_tasks_are_one_year_targets(data):
    tasks = assessment.annual_tasks(assessment.gap_records(data, "杏花岭区", 2025, as_of=MID))
    assert len(tasks) == 22 and set(tasks["year"]) == {2022} and set(tasks["status"]) == {"pending"}
    # the 2022 figures were due by 2023-04-30: on 2026-11-28 they are published but not in the table
    late = assessment.annual_tasks(assessment.gap_records(data, "杏花岭区", 2025, as_of=LATE))
    assert set(late["status"]) == {"not_entered"}
    assert assessment.annual_tasks(assessment.gap_records(data, "万柏林区", 2025, as_of=MID)).empty


def test_scenario_grid_is_real_growth_times_prices(records):
    gdp = next(r for r in records if r["indicator"] == "gdp" and r["target_year"] == 2025)
    grid = assessment.scenario_grid(gdp, real_growth=(5.0, 15.0), price_change=(0.0, 2.0))
    # 620.5 × (1.05 × 1.02)^3 = 620.5 × 1.22848 = 762.27
    assert grid.loc[5.0, 2.0] == pytest.approx(762.27, abs=0.01)
    # 620.5 × (1.15 × 1.02)^3 = 620.5 × 1.61397 = 1001.47: meets 约1000 (≥950)
    assert grid.loc[15.0, 2.0] == pytest.approx(1001.47, abs=0.01) and grid.attrs["met"].loc[15.0, 2.0]
    assert not grid.attrs["met"].loc[5.0, 2.0]
