import math

from conftest import MID  # noqa: E402
import pytest

from analysis.engine.annual import annual_targets
from analysis.engine.scenarios import scenario_grid


def test_annual_targets_list_the_acceleration_they_need(data):
    table = annual_targets(data, "万柏林区", as_of=MID).set_index("indicator")
    assert len(table) == 5 and set(table["status"]) == {"pending"}
    # investment fell 10.5 % (nominal) in 2022; the 2023 plan asks +9 %: 19.5 points faster
    assert table.loc["fixed_asset_investment", "acceleration_pp"] == pytest.approx(19.5)
    assert table.loc["gdp", "acceleration_pp"] == pytest.approx(4.0)            # 6.5 − 2.5, both real
    # 两年平均 retail 2021-22 from levels: √(205.2 / 183.2) − 1 = 5.83 % (nominal)
    assert table.loc["retail_sales", "two_year_average"] == pytest.approx((math.sqrt(205.2 / 183.2) - 1) * 100)
    assert table.loc["retail_sales", "two_year_basis"] == "current"
    assert math.isnan(table.loc["gdp", "two_year_average"])                  # no 2021 real rate, no 2020 level basis


def test_scenario_grid_real_growth_times_prices():
    grid = scenario_grid(620.5, 2022, 2025, 1000, "~", real_growth=(2.5, 10.0), price_change=(0.0, 3.0))
    # 620.5 × (1.10 × 1.03)³ = 620.5 × 1.3358 = 828.9 ; 620.5 × 1.025³ = 668.2
    assert grid.loc[10.0, 3.0] == pytest.approx(620.5 * (1.10 * 1.03) ** 3)
    assert grid.loc[2.5, 0.0] == pytest.approx(620.5 * 1.025 ** 3)
    assert not grid.attrs["met"].to_numpy().any()                 # none reaches 950 (约1000 less 5 %)
    easy = scenario_grid(620.5, 2022, 2025, 700, "", real_growth=(2.5,), price_change=(2.0,))
    assert easy.attrs["met"].iloc[0, 0]


def test_a_years_actual_known_only_as_a_bound_or_an_estimate_says_so():
    from test_assess import table

    data = table(("万柏林区", "gdp", 2022, "target_growth", 8, "%", "comparable", "", None),
                 ("万柏林区", "gdp", 2022, "growth", 7, "%", "comparable", ">=", None),          # 增长7%以上
                 ("万柏林区", "retail_sales", 2022, "target_growth", 8, "%", "current", "", None),
                 ("万柏林区", "retail_sales", 2022, "growth", 9, "%", "current", "", None))
    data.loc[data["indicator"] == "retail_sales", "note"] = "预计 (estimate)"
    rows = annual_targets(data, "万柏林区", as_of="2026-11-28").set_index("indicator")
    # at least 7 % against a target of 8 %: the grade could go either way, so it is unknown, not "not completed"
    assert rows.loc["gdp", "actual_bound"] == ">=" and rows.loc["gdp", "status"] == "insufficient_data"
    assert rows.loc["retail_sales", "actual_estimate"] and not rows.loc["gdp", "actual_estimate"]
