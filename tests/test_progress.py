import pytest

from analysis.progress import (RatioThresholds, ScheduleThresholds, classify_ratio, classify_schedule,
                               scorecard, target_met)


@pytest.mark.parametrize("ratio,expected", [
    (1.2, "on_track"), (0.95, "on_track"), (0.9499, "moderate"), (0.60, "moderate"),
    (0.5999, "insufficient"), (0.0, "insufficient"), (-0.01, "away"), (float("nan"), "no_data"),
])
def test_ratio_boundaries(ratio, expected):
    assert classify_ratio(ratio) == expected


def test_ratio_thresholds_are_parameters():
    assert classify_ratio(0.9, RatioThresholds(on_track=0.9)) == "on_track"


@pytest.mark.parametrize("progress,tau,expected", [
    (45.0, 40.0, "ahead"), (44.99, 40.0, "as_expected"), (35.01, 40.0, "as_expected"),
    (35.0, 40.0, "behind"), (33.86, 40.0, "behind"),
])
def test_schedule_boundaries(progress, tau, expected):
    assert classify_schedule(progress, tau) == expected


def test_schedule_reached_and_band():
    assert classify_schedule(10, 40, reached=True) == "reached"
    assert classify_schedule(33.86, 40.0, thresholds=ScheduleThresholds(band_pp=7)) == "as_expected"


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
    assert card.loc["gdp", "status"] == "met" and card.loc["gdp", "diff_pp"] == pytest.approx(-0.4)
    assert card.loc["fixed_asset_investment", "status"] == "not met"
    assert card.loc["retail_sales", "status"] == "pending"
