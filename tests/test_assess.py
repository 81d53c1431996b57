"""Hand-worked plan-evaluation arithmetic for every target type (the arithmetic is in each test)."""
from conftest import LATE, MID  # noqa: E402
import math

import numpy as np
import pandas as pd
import pytest

from analysis.engine.gaps import gap_table
from analysis.engine.records import to_records
from analysis.engine.probability import probability_reach
from analysis.engine.projection import simulate
from analysis.data.registry import load_registry
from analysis.data.schema import COLUMNS
from conftest import FIXTURE_TABLE


def table(*rows):
    """A typed indicator table from (district, indicator, year, kind, value, unit, basis, bound, period_start)."""
    out = []
    for d, ind, year, kind, value, unit, basis, bound, start in rows:
        out.append({"district": d, "indicator": ind, "indicator_zh": ind, "year": year, "kind": kind,
                    "value": float(value), "unit": unit, "price_basis": basis, "bound": bound,
                    "period_start": start, "source": "x.txt", "quote": "", "note": ""})
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame["period_start"] = pd.array(frame["period_start"], dtype="Int64")
    frame.attrs["registry"] = load_registry(FIXTURE_TABLE)      # the names these rows use: the fixture's
    return frame


def record(data, indicator, target_year=2025, as_of=MID, **kw):
    recs = [r for r in to_records(gap_table(data, target_year=target_year, as_of=as_of, **kw))
            if r["indicator"] == indicator]
    assert len(recs) == 1, recs
    return recs[0]


D = "甲区"
UNEMP = "registered_unemployment_rate"


def ceiling(values):
    rows = [(D, UNEMP, 2025, "target_level", 4.0, "%", "", "<=", 2021)]
    rows += [(D, UNEMP, y, "level", v, "%", "", "", None) for y, v in values.items()]
    return record(table(*rows), UNEMP)


def test_ceiling_breached_in_any_year_of_the_plan():
    rec = ceiling({2021: 3.5, 2022: 4.3})
    assert rec["target_type"] == "ceiling" and rec["direction"] == "lower"
    assert rec["status"] == "breached" and rec["status_zh"] == "突破控制目标"
    assert rec["cagr_required"] is None and rec["probability"] is None
    codes = {f["code"]: f["params"] for f in rec["flags"]}
    assert codes["breached_years"]["years"] == [2022] and codes["bound_every_year"]["years"] == [2021, 2022]


def test_ceiling_kept_is_on_track_and_a_later_breach_is_still_remembered():
    assert ceiling({2021: 3.5, 2022: 3.8})["status"] == "on_track"
    # breached in 2021, back inside in 2022: a bound "for every year" was still broken
    assert ceiling({2021: 4.2, 2022: 3.8})["status"] == "breached"
    # final year observed: kept every year → 控制在目标内; broken once → 突破
    assert ceiling({2021: 3.5, 2025: 3.9})["status"] == "within_bound"
    last = ceiling({2021: 4.5, 2025: 3.9})
    assert last["status"] == "breached" and last["final"] and last["status_zh"] == "突破"


def test_average_growth_target_chains_real_rates():
    # period_start is the first year the average covers (2021-2025); the engine measures from 2020
    data = table((D, "gdp", 2025, "target_growth", 6.5, "%", "comparable", "", 2021),
                 (D, "gdp", 2021, "growth", 8.0, "%", "comparable", "", None),
                 (D, "gdp", 2022, "growth", 2.5, "%", "comparable", "", None),
                 # nominal levels must not be used for a real target
                 (D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (D, "gdp", 2022, "level", 620.5, "亿元", "current", "", None))
    rec = record(data, "gdp")
    assert rec["target_type"] == "growth_average" and rec["growth_basis"] == "comparable"
    assert (rec["period_start"], rec["base_year"], rec["latest_year"]) == (2021, 2020, 2022)
    # observed: √(1.08 × 1.025) − 1 = √1.107 − 1 = 5.214 %
    assert rec["cagr_observed"] == pytest.approx((math.sqrt(1.08 * 1.025) - 1) * 100) == pytest.approx(5.21, abs=0.005)
    # required for 2023-25: (1.065⁵ / 1.107)^(1/3) − 1 = (1.370087 / 1.107)^(1/3) − 1 = 7.372 %
    assert rec["cagr_required"] == pytest.approx(((1.065 ** 5 / 1.107) ** (1 / 3) - 1) * 100)
    assert rec["cagr_required"] == pytest.approx(7.37, abs=0.005)
    # progress ln 1.107 / (5 ln 1.065) = 0.10165 / 0.31487 = 32.3 % against τ = 2/5 = 40 % → behind
    assert rec["progress"] == pytest.approx(math.log(1.107) / (5 * math.log(1.065)) * 100)
    assert rec["tau"] == 40 and rec["status"] == "behind"
    assert 0 < rec["probability"] < 100 and rec["probability_tolerance"] is None


def test_average_growth_with_a_missing_year_is_not_guessed():
    data = table((D, "gdp", 2025, "target_growth", 6.5, "%", "comparable", "", 2021),
                 (D, "gdp", 2022, "growth", 2.5, "%", "comparable", "", None))
    rec = record(data, "gdp")
    assert rec["status"] == "insufficient_data" and rec["cagr_observed"] is None
    assert {"code": "missing_rates", "params": {"years": [2021]}} in rec["flags"]


def test_plan_total_adds_up_annual_flows():
    ind = "new_urban_employment"
    data = table((D, ind, 2025, "target_level", 60000, "人", "", "", 2021),
                 (D, ind, 2021, "cumulative", 12000, "人", "", "", 2021),
                 (D, ind, 2022, "cumulative", 18830, "人", "", "", 2022))
    rec = record(data, ind)
    assert rec["target_type"] == "cumulative"
    # 12000 + 18830 = 30830 so far; (60000 − 30830) / 3 years = 9723.3 a year still needed
    assert rec["observed_total"] == 30830 and rec["required_per_year"] == pytest.approx(29170 / 3)
    assert round(rec["required_per_year"], 1) == 9723.3
    # progress 30830 / 60000 = 51.4 % against τ = 2/5 = 40 % → ahead
    assert rec["progress"] == pytest.approx(51.383, abs=1e-3) and rec["tau"] == 40 and rec["status"] == "ahead"
    assert rec["cagr_required"] is None


def test_plan_total_converts_units_and_flags_a_missing_year():
    ind = "new_urban_employment"
    data = table((D, ind, 2025, "target_level", 6, "万人", "", "", 2021),
                 (D, ind, 2021, "cumulative", 12000, "人", "", "", 2021),
                 (D, ind, 2022, "cumulative", 18830, "人", "", "", 2022))
    rec = record(data, ind)
    assert rec["observed_total"] == pytest.approx(3.083)          # 30830 人 = 3.083 万人
    gap = record(table((D, ind, 2025, "target_level", 6, "万人", "", "", 2021),
                       (D, ind, 2022, "cumulative", 18830, "人", "", "", 2022)), ind)
    assert gap["status"] == "insufficient_data" and gap["observed_total"] is None
    assert {"code": "missing_flows", "params": {"years": [2021]}} in gap["flags"]


def test_annual_growth_target_against_its_actual():
    data = table((D, "retail_sales", 2023, "target_growth", 8, "%", "current", "", None),
                 (D, "retail_sales", 2023, "growth", 6.1, "%", "current", "", None),
                 (D, "gdp", 2023, "target_growth", 6.5, "%", "comparable", "~", None),
                 (D, "gdp", 2023, "growth", 6.1, "%", "comparable", "", None))
    retail, gdp = record(data, "retail_sales"), record(data, "gdp")
    assert retail["target_type"] == "growth_annual" and retail["status"] == "not_completed"
    assert retail["gap_pp"] == pytest.approx(6.1 - 8)
    assert gdp["status"] == "completed"          # 6.1 is within 0.5 points of "6.5左右": 完成


def test_gdp_probability_of_the_figure_is_below_that_of_its_band(data):
    rec = next(
        r for r in to_records(gap_table(data, district="万柏林区", as_of=MID)) if r["indicator"] == "gdp" and r["target_type"] == "level")
    assert rec["probability"] < rec["probability_tolerance"]
    # closed form by hand: ln(1000/620.5) = 0.47722; 3·ln(1.129933) = 0.36636; σ√3 = 0.051962
    z = (math.log(1000 / 620.5) - 3 * math.log(1.1299332)) / (0.03 * math.sqrt(3))
    assert rec["probability"] == pytest.approx((1 - 0.5 * (1 + math.erf(z / math.sqrt(2)))) * 100, abs=1e-3)
    assert rec["sigma_source"] == "assumed" and any(f["code"] == "sigma_assumed" for f in rec["flags"])
    assert rec["growth_basis"] == "current" and rec["as_of_year"] == 2022


@pytest.mark.parametrize("mean,sigma,target", [(12.99, 3.0, 1000), (12.99, 3.0, 950), (5.0, 8.0, 700), (-2.0, 4.0, 600)])
def test_closed_form_agrees_with_monte_carlo(mean, sigma, target):
    closed = float(probability_reach(620.5, 3, mean, sigma, target)) * 100
    mc = simulate(620.5, 2022, 2025, mean, sigma, target=target, n_paths=200_000, seed=3).probability * 100
    assert abs(closed - mc) < 0.5


def test_fifteenth_plan_from_the_2025_base():
    data = table((D, "gdp", 2025, "level", 700, "亿元", "current", "", None),
                 (D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (D, "gdp", 2030, "target_level", 1000, "亿元", "current", "~", None))
    rec = record(data, "gdp", target_year=2030)
    # (1000/700)^(1/5) − 1 = 7.39 %; τ = (2025 − 2025)/5 = 0
    assert rec["plan"] == "15th" and rec["base_year"] == 2025 and rec["tau"] == 0
    assert rec["cagr_required"] == pytest.approx(((1000 / 700) ** 0.2 - 1) * 100) == pytest.approx(7.39, abs=0.005)
    assert rec["status"] == "insufficient_data"


def test_final_assessment_when_the_target_year_is_observed():
    data = table((D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (D, "gdp", 2025, "level", 700, "亿元", "current", "", None),
                 (D, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None))
    rec = record(data, "gdp")
    assert rec["final"] and rec["tau"] == 100 and rec["status"] == "not_completed"
    assert rec["status_zh"] == "未完成" and rec["cagr_required"] is None and rec["probability"] is None
    assert {"code": "final_assessment", "params": {"as_of_year": 2025}} in rec["flags"]
    reached = record(table(*[r for r in [(D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                                         (D, "gdp", 2025, "level", 960, "亿元", "current", "", None),
                                         (D, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None)]]), "gdp")
    assert reached["status"] == "completed" and reached["status_zh"] == "完成"   # 960 is within 5 % of 约1000


def final(value, target=1000, bound="", as_of=LATE):
    """The 2025 GDP record of a district with a 2025 figure *value* against *target*."""
    return record(table((D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                        (D, "gdp", 2025, "level", value, "亿元", "current", "", None),
                        (D, "gdp", 2025, "target_level", target, "亿元", "current", bound, None)), "gdp", as_of=as_of)


def test_final_assessment_uses_the_office_vocabulary():
    # completion 1060/1000 = 106 % ≥ 105 % → 超额完成; 1010 → 101 %: 完成; 960 → 96 %, 4 % short of an exact target
    # (within the 5 % band) → 基本完成; 940 → 94 % → 未完成; 约1000 (~): 960 is within 5 % → 完成
    cases = [(1060, "", "exceeded", "超额完成"), (1010, "", "completed", "完成"),
             (960, "", "basically_completed", "基本完成"), (940, "", "not_completed", "未完成"),
             (960, "~", "completed", "完成")]
    for value, bound, key, words in cases:
        rec = final(value, bound=bound)
        assert (rec["status"], rec["status_zh"], rec["final"]) == (key, words, True), (value, bound)
        assert rec["completion_rate"] == pytest.approx(value / 1000 * 100) and rec["trend_status"] is None
        assert rec["plan_ended"] is True and rec["missing_years"] == []
    # the grade does not depend on the assessment date once the figure is in
    assert final(1060, as_of=MID)["status"] == "exceeded"


def test_final_grade_of_a_rate_is_in_points():
    data = table((D, "gdp", 2023, "target_growth", 6.5, "%", "comparable", "", None),
                 (D, "gdp", 2023, "growth", 7.0, "%", "comparable", "", None))
    # 7.0 − 6.5 = +0.5 points: at the 0.5-point band → 超额完成; 6.2 is 0.3 short of an exact 6.5 → 基本完成
    assert record(data, "gdp", target_year=2025)["status"] == "exceeded"
    data.loc[1, "value"] = 6.2
    assert record(data, "gdp", target_year=2025)["status"] == "basically_completed"


def test_ended_plan_without_the_final_figure_is_not_entered_with_a_trend():
    rows = [(D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
            (D, "gdp", 2022, "level", 620.5, "亿元", "current", "", None),
            (D, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None)]
    # τ = (2022 − 2020)/5 = 40 %; linear progress (620.5 − 486)/(1000 − 486) = 26.2 % → 13.8 points behind
    late = record(table(*rows), "gdp", as_of=LATE)
    assert (late["status"], late["trend_status"], late["final"], late["plan_ended"]) == \
        ("not_entered", "behind", False, True)
    assert late["assessment_date"] == "2026-11-28" and late["data_year"] == 2022
    assert late["missing_years"] == [2023, 2024, 2025] and late["completion_rate"] == pytest.approx(62.05)
    # 2026-03-01: the plan is over but the 2025 figure is due only by 2026-04-30 → pending
    assert record(table(*rows), "gdp", as_of="2026-03-01")["status"] == "pending"
    mid = record(table(*rows), "gdp", as_of=MID)
    assert (mid["status"], mid["plan_ended"], mid["missing_years"]) == ("behind", False, [])


def test_annual_target_is_pending_until_its_figure_is_due():
    data = table((D, "gdp", 2023, "target_growth", 6.5, "%", "comparable", "~", None))
    # the 2023 figure is due by 2024-04-30 (the default, data/plans.csv figures_due)
    assert record(data, "gdp", as_of="2024-04-29")["status"] == "pending"
    assert record(data, "gdp", as_of="2024-04-30")["status"] == "not_entered"
    assert record(data, "gdp", as_of="2024-04-30")["missing_years"] == [2023]


def test_ceiling_without_period_start_binds_in_the_target_year_only():
    rows = [(D, "energy_intensity", 2020, "level", 1.2, "吨标准煤/万元", "", "", None),
            (D, "energy_intensity", 2022, "level", 1.1, "吨标准煤/万元", "", "", None),
            (D, "energy_intensity", 2025, "target_level", 1.0, "吨标准煤/万元", "", "<=", None)]
    rec = record(table(*rows), "energy_intensity")
    # above 1.0 in 2022 but falling: a reduction target before 2025, not a breach.
    # progress (1.1 − 1.2)/(1.0 − 1.2) = 50 % against τ 40 %: 10 points ahead (≥ 5) → ahead of schedule
    assert rec["target_type"] == "ceiling" and rec["status"] == "ahead"
    assert rec["progress"] == pytest.approx(50.0)
    done = record(table(*rows, (D, "energy_intensity", 2025, "level", 0.98, "吨标准煤/万元", "", "", None)),
                  "energy_intensity")
    assert (done["status"], done["status_zh"], done["final"]) == ("within_bound", "控制在目标内", True)


def test_level_reached_early_and_moving_away():
    rows = [(D, "high_tech_firms", 2020, "level", 166, "家", "", "", None),
            (D, "high_tech_firms", 2025, "target_level", 227, "家", "", ">=", None)]
    early = record(table(*rows, (D, "high_tech_firms", 2022, "level", 231, "家", "", "", None)), "high_tech_firms")
    assert early["status"] == "achieved" and early["status_zh"] == "提前实现" and early["cagr_required"] is None
    away = record(table(*rows, (D, "high_tech_firms", 2022, "level", 150, "家", "", "", None)), "high_tech_firms")
    assert away["status"] == "off_track" and away["progress"] < 0


def test_every_status_has_words_in_both_languages_and_they_agree():
    from analysis.i18n import status_class, status_label

    for key in ("achieved", "ahead", "on_track", "behind", "off_track", "breached", "not_achieved",
                "insufficient_data", "pending"):
        for lang in ("zh", "en"):
            assert status_label(key, lang) != f"status.{key}" and status_class(key, lang) != f"class.{key}"


def test_scale_many_districts_equals_one_at_a_time():
    rows = []
    for i, v in enumerate(np.linspace(500, 900, 6)):
        d = f"区{i}"
        rows += [(d, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (d, "gdp", 2022, "level", float(v), "亿元", "current", "", None),
                 (d, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None)]
    data = table(*rows)
    together = to_records(gap_table(data, as_of=MID))
    apart = [to_records(gap_table(data, district=f"区{i}", as_of=MID))[0] for i in range(6)]
    assert together == apart


def test_default_plan_is_the_current_plan_as_of_the_assessment_date():
    # 2025 actuals and 2026 annual targets: on 2026-11-28 the latest year whose figures are due is 2025,
    # so the default assessment is the 14th plan's final one; from May 2027 it is the 15th plan (none here)
    data = table((D, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (D, "gdp", 2025, "level", 800, "亿元", "current", "", None),
                 (D, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None),
                 (D, "gdp", 2026, "target_growth", 5, "%", "comparable", "~", None))
    records = to_records(gap_table(data, as_of=LATE))
    assert [(r["plan"], r["target_year"], r["status"]) for r in records] == [("14th", 2025, "not_completed")]
    later = to_records(gap_table(data, as_of="2027-05-01"))
    assert [(r["plan"], r["target_year"], r["status"]) for r in later] == [("15th", 2026, "not_entered")]
