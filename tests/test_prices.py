import pandas as pd
import pytest

from analysis.prices import implied_deflators, series_break_flags


def test_gdp_levels_trigger_series_break(data):
    flags = series_break_flags(data, "万柏林区", "gdp")
    assert len(flags) == 1 and "2020-2022" in flags[0] and "series break" in flags[0]


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
