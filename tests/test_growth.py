"""Growth arithmetic against numbers worked out by hand from the documents."""
import math

import pytest

from analysis.engine import growth
from analysis.engine.derive import implied_previous_levels
from analysis.exceptions import InsufficientDataError, PriceBasisError


def test_gdp_cagr_2020_2022():
    # 002: 486 亿元 (2020); 004: 620.5 亿元 (2022). sqrt(620.5/486) = sqrt(1.276749) = 1.129933 → 12.99 %
    assert growth.cagr(486, 620.5, 2) == pytest.approx(12.9933, abs=1e-3)


def test_gdp_cagr_2015_2020_irregular_gap():
    # (486/347)^(1/5) = 1.400576^0.2 = exp(0.336883/5) = 1.069702 → 6.97 %
    import pandas as pd
    levels = pd.Series({2015: 347.0, 2020: 486.0, 2022: 620.5})
    assert growth.cagr_between(levels, 2015, 2020) == pytest.approx(6.970, abs=1e-3)
    with pytest.raises(InsufficientDataError, match="no observation for 2021"):
        growth.cagr_between(levels, 2015, 2021)


def test_required_growth_to_gdp_aspiration():
    # (1000/620.5)^(1/3) = 1.611604^(1/3) = exp(0.477231/3) = exp(0.159077) = 1.172436 → 17.24 %
    assert growth.required_growth(620.5, 2022, 1000, 2025) == pytest.approx(17.2428, abs=1e-3)


def test_required_growth_to_high_tech_firm_target():
    # 002: 166 家 (2020) → 227 家 (2025): (227/166)^(1/5) = 1.367470^0.2 = exp(0.312973/5) = 1.064595 → 6.46 %
    assert growth.required_growth(166, 2020, 227, 2025) == pytest.approx(6.4595, abs=1e-3)



def test_cagr_rejects_non_positive_and_zero_years():
    with pytest.raises(InsufficientDataError):
        growth.cagr(0, 10, 2)
    with pytest.raises(InsufficientDataError):
        growth.cagr(10, 12, 0)


def test_real_nominal_conversion_round_trips():
    assert growth.to_nominal(6.5, 2.0) == pytest.approx(8.63)   # 1.065 × 1.02 = 1.0863
    assert growth.to_real(growth.to_nominal(6.5, 2.0), 2.0) == pytest.approx(6.5)


def test_mixing_real_and_nominal_needs_a_deflator():
    with pytest.raises(PriceBasisError, match=r"pass deflator="):
        growth.comparable_rates(6.5, "comparable", 12.99, "current")
    real_as_nominal, nominal = growth.comparable_rates(6.5, "comparable", 12.99, "current", deflator=2.0)
    assert real_as_nominal == pytest.approx(8.63) and nominal == 12.99


def test_implied_previous_levels(data):
    derived = implied_previous_levels(data).set_index("indicator")
    # 004: 固定资产投资 141.1 亿元, 下降10.5 % → 141.1/0.895 = 157.65
    assert derived.loc["fixed_asset_investment", "value"] == pytest.approx(157.654, abs=1e-3)
    # 社会消费品零售总额 205.2, +2.5 % → 205.2/1.025 = 200.195
    assert derived.loc["retail_sales", "value"] == pytest.approx(200.195, abs=1e-3)
    # 一般公共预算收入 20.26, −3.1 % → 20.26/0.969 = 20.908
    assert derived.loc["budget_revenue", "value"] == pytest.approx(20.908, abs=1e-3)
    assert derived["derived"].all() and (derived["year"] == 2021).all()
    # GDP grew 2.5 % in real terms: the 2021 nominal level cannot be derived honestly.
    assert math.isnan(derived.loc["gdp", "value"]) and "comparable" in derived.loc["gdp", "reason"]


def test_implied_level_from_real_growth_is_refused():
    with pytest.raises(PriceBasisError, match="cannot be derived"):
        growth.implied_previous_level(620.5, 2.5, "comparable")
