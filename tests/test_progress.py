import pytest

from analysis.engine.progress import scorecard, target_met


def test_bounds():
    assert target_met(4.0, 4.0, "<=") and not target_met(4.1, 4.0, "<=")        # unemployment ceiling
    assert target_met(227, 227, ">=") and not target_met(226, 227, ">=")
    assert target_met(950, 1000, "~") and not target_met(949, 1000, "~")         # 5 % tolerance
    assert target_met(6.0, 6.5, "~", tolerance_pp=0.5) and not target_met(5.9, 6.5, "~", tolerance_pp=0.5)
    assert target_met(8, 10, "", base_value=12)                                   # a falling exact target


def test_scorecard_pending_then_met(data):
    card = scorecard(data, "万柏林区")
    assert set(card["status"]) == {"pending"} and len(card) == 5
    gdp = data[(data["indicator"] == "gdp") & (data["kind"] == "growth")].copy()
    gdp["year"], gdp["value"] = 2023, 6.1                    # within 0.5 pp of "6.5 % 左右"
    fai = data[(data["indicator"] == "fixed_asset_investment") & (data["kind"] == "growth")].copy()
    fai["year"], fai["value"] = 2023, 5.0                    # target 9 %
    import pandas as pd
    card = scorecard(pd.concat([data, gdp, fai]), "万柏林区").set_index("indicator")
    assert card.loc["gdp", "status"] == "achieved" and card.loc["gdp", "diff_pp"] == pytest.approx(-0.4)
    assert card.loc["fixed_asset_investment", "status"] == "not_achieved"
    assert card.loc["retail_sales", "status"] == "pending"
