import pandas as pd
import pytest

from analysis.engine.prices import implied_deflators, series_break_flags, series_break_table


def test_a_window_built_on_an_assumed_year_cannot_tell(data):
    flags = series_break_flags(series_break_table(data))
    gdp = flags[("万柏林区", "gdp")]
    # 2021's real rate is not entered: at 2022's 2.5 % the deflator would be 10.2 % (a "break"), but
    # 620.5/486 = 1.276749 needs a real factor of at least 1.276749 / 1.08² = 1.094606 for a deflator ≤ 8 %:
    # 1.094606 / 1.025 = 1.067909 → 6.8 % real growth in 2021 (the city and the province grew about 9 %)
    assert len(gdp) == 1 and gdp[0]["code"] == "series_break_unclear"
    p = gdp[0]["params"]
    assert (p["start"], p["end"], p["years"], p["assumed_rate"], p["needed"]) == (2020, 2022, [2021], 2.5, 6.8)
    # the deflator the assumption implies is stated: (1.276749 / 1.025²)^(1/2) = 1.1024 → 10.2 % a year
    assert p["deflator"] == 10.2


def test_a_window_with_every_real_rate_known_is_a_break():
    rows = pd.DataFrame({"district": "甲区", "indicator": "gdp", "kind": ["level", "level", "growth", "growth"],
                         "price_basis": ["current", "current", "comparable", "comparable"], "year": [2020, 2022, 2021, 2022],
                         "value": [100.0, 130.0, 2.0, 2.0], "period_start": pd.array([pd.NA] * 4, dtype="Int64")})
    # (130/100)^(1/2) = 1.140175 nominal a year against 1.02 real: deflator 11.8 % > 8 % → series_break
    [flag] = series_break_flags(series_break_table(rows))[("甲区", "gdp")]
    assert flag["code"] == "series_break" and flag["params"]["deflator"] == 11.8


def test_vectorised_table_agrees_with_the_one_series_function(data):
    table = series_break_table(data)
    for (district, indicator), rows in data.groupby(["district", "indicator"]):
        levels = rows[(rows["kind"] == "level") & (rows["price_basis"] == "current")].set_index("year")["value"]
        real = rows[(rows["kind"] == "growth") & (rows["price_basis"] == "comparable")]
        if levels.empty or real.empty:
            continue
        one = implied_deflators(levels.sort_index(), real).reset_index(drop=True)
        mine = table[(table["district"] == district) & (table["indicator"] == indicator)].reset_index(drop=True)
        pd.testing.assert_frame_equal(one, mine[one.columns], check_dtype=False)


def test_implied_gdp_deflator_value(data):
    gdp = data[(data["indicator"] == "gdp")]
    levels = gdp[gdp["kind"] == "level"].set_index("year")["value"]
    real = gdp[gdp["kind"] == "growth"]
    row = implied_deflators(levels, real).iloc[-1]
    # 620.5/486 = 1.276749 nominal; real 1.025² (2021 assumed equal to 2022's 2.5 %) = 1.050625
    # (1.276749/1.050625)^(1/2) = 1.215228^0.5 = 1.102374 → 10.24 %/yr, above the 8 % ceiling
    assert row["deflator"] == pytest.approx(10.237, abs=1e-2)
    assert row["years_assumed"] == 1 and not row["plausible"]


def test_services_2015_2020_average_is_plausible(data):
    svc = data[data["indicator"] == "services_value_added"]
    levels = svc[svc["kind"] == "level"].set_index("year")["value"]
    first = implied_deflators(levels, svc[svc["kind"] == "growth"]).iloc[0]
    # (244.5/150.8)^(1/5) = 1.101477; / 1.10 (年均增幅10%) → 0.13 %/yr: inside the band
    assert (first["start"], first["end"]) == (2015, 2020)
    assert first["deflator"] == pytest.approx(0.134, abs=1e-2) and first["plausible"]


def test_no_flag_for_consistent_series():
    levels = pd.Series({2020: 100.0, 2021: 105.0})
    real = pd.DataFrame({"year": [2021], "value": [3.0], "period_start": [pd.NA]})
    assert implied_deflators(levels, real)["plausible"].all()
