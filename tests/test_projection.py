import numpy as np
import pandas as pd
import pytest

from analysis.exceptions import InsufficientDataError, PriceBasisError
from analysis.engine.projection import DriftModel, LogLinearTrend, PlanRateModel, backtest, simulate

GDP = pd.Series({2015: 347.0, 2020: 486.0, 2022: 620.5})


def widening(frame):
    width = (frame["obs_ci_upper"] - frame["obs_ci_lower"]).to_numpy()
    return bool(np.all(np.diff(width) > 0))


def test_drift_mean_and_shape():
    res = DriftModel(GDP, base_year=2020).fit(2025)
    # 620.5 × 1.129933³ = 895.16
    assert res.forecast(2025).loc[2025] == pytest.approx(895.16, abs=0.01)
    frame = res.summary_frame(alpha=0.05)
    assert list(frame.columns) == ["mean", "obs_ci_lower", "obs_ci_upper"] and list(frame.index) == [2023, 2024, 2025]
    assert widening(frame)
    assert (frame["obs_ci_lower"] < frame["mean"]).all() and (frame["mean"] < frame["obs_ci_upper"]).all()


def test_narrower_alpha_gives_wider_interval():
    res = DriftModel(GDP, base_year=2020).fit(2025)
    assert (res.summary_frame(0.01)["obs_ci_upper"] > res.summary_frame(0.10)["obs_ci_upper"]).all()


def test_trend_uses_statsmodels_prediction_intervals():
    four = pd.Series({2015: 347.0, 2019: 450.0, 2020: 486.0, 2022: 620.5})
    frame = LogLinearTrend(four).fit(2025).summary_frame()
    assert widening(frame)
    with pytest.raises(InsufficientDataError, match="at least 4"):
        LogLinearTrend(GDP)


def test_results_are_immutable_and_simulate_is_a_method():
    import dataclasses

    res = DriftModel(GDP, base_year=2020).fit(until_year=2025)
    res.forecast(2030)
    assert res.until_year == 2025                       # forecasting does not change the fitted result
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.until_year = 2030
    mc = res.simulate(n_paths=20_000, seed=1, target=1000)
    assert mc.years == [2023, 2024, 2025] and 0 < mc.probability < 0.5


def test_plan_rate_real_needs_deflator():
    with pytest.raises(PriceBasisError, match="deflator="):
        PlanRateModel(GDP, {2023: 6.5}, "comparable")
    res = PlanRateModel(GDP, {2023: 6.5}, "comparable", deflator=2.0).fit(2025)
    # 620.5 × 1.0863³ (6.5 % real + 2 % prices, carried forward) = 795.41
    assert res.forecast(2025).loc[2025] == pytest.approx(620.5 * 1.0863 ** 3)
    assert widening(res.summary_frame())


def test_monte_carlo_is_reproducible_and_sensible():
    a = simulate(620.5, 2022, 2025, 12.99, 3.0, target=1000, seed=7)
    b = simulate(620.5, 2022, 2025, 12.99, 3.0, target=1000, seed=7)
    c = simulate(620.5, 2022, 2025, 12.99, 3.0, target=1000, seed=8)
    assert a.probability == b.probability and a.fan.equals(b.fan)
    assert a.probability != c.probability
    assert 0 < a.probability < 0.5                     # median path ends near 895, below 1000
    assert simulate(620.5, 2022, 2025, 12.99, 3.0, target=800, seed=7).probability > 0.95
    assert simulate(5.0, 2022, 2025, 0.0, 3.0, target=4.0, bound="<=", seed=7).probability < 0.05
    assert (a.fan["q95"] - a.fan["q05"]).is_monotonic_increasing


def test_backtest_reports_errors_and_short_series():
    table = backtest(GDP).set_index("model")
    # drift from 2015-2020 (6.97 %/yr) to 2022: 486 × 1.069702² = 556.1, actual 620.5 → −10.4 %
    assert table.loc["drift", "forecast"] == pytest.approx(486 * (486 / 347) ** 0.4, rel=1e-6)
    assert table.loc["drift", "error_pct"] == pytest.approx(-10.38, abs=0.01)
    assert "too short" in table.loc["trend", "note"]
    short = backtest(pd.Series({2022: 620.5}))
    assert short["note"].str.contains("too short").all()
