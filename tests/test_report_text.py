"""report.text: sentences written from the numbers, words from the catalogue, dated and plan-aware."""
from conftest import LATE, MID  # noqa: E402
import pytest

from analysis import report
from analysis.report import messages, text


@pytest.fixture(scope="module")
def gdp_zh():
    ctx = report.setup("万柏林区", "zh", indicator="gdp", n_paths=5000, as_of=MID)
    return ctx, ctx.record


def test_message_is_written_from_the_numbers(gdp_zh):
    ctx, record = gdp_zh
    message = messages.message(ctx, record)
    # required: (1000 / 620.5)^(1/3) − 1 = 17.24 % a year, at current prices
    assert f"{record['cagr_required']:.1f}%" == "17.2%"
    assert "620.5亿元" in message and "约1000亿元" in message and "滞后于预期" in message
    # the grid's rule for 约1000: at least 950; (950 / 620.5)^(1/3) − 1 = 15.26 % a year; 1000 itself 17.2 %
    assert record["cagr_required_tolerance"] == pytest.approx(15.255, abs=1e-3)
    assert "截至2022年数据" in message and "2023—2025年每年需按现价（名义）增长15.3%；达到1000亿元本身需17.2%" in message
    assert "今后每年" not in message                          # the years are named, whatever the clock says
    assert "不低于950亿元" in message                          # the ±5 % band of 约1000, said as such


def test_english_message_uses_one_form_of_an_amount():
    ctx = report.setup("万柏林区", "en", indicator="gdp", n_paths=5000, as_of=MID)
    message = messages.message(ctx, ctx.record)
    assert "62.05 bn yuan" in message and "620.5" not in message and "~100 bn yuan" in message
    assert "behind schedule" in message and "at current prices (nominal)" in message


def test_the_brief_leads_with_the_grid_when_the_spread_is_assumed():
    ctx = report.setup("万柏林区", "zh", page="brief", n_paths=5000, as_of=MID)
    [(message, notes)] = messages.key_messages(ctx, ctx.records, plain=True)
    assert "概率约" not in message and "仅供参考" not in message and "不给出概率；可能结果见情景表" in message and "时序进度40%" in message
    assert "为2025年目标约1000亿元的62.1%" in message                  # completion 620.5 / 1000
    assert message.startswith("（规划原文为方向性表述，按分析人员确认的约1000亿元评估）")
    assert any("方向性表述" in n for n in notes) and any("统计口径调整" in n for n in notes)
    assert any("规划草案" in n for n in notes)


def test_an_override_is_in_the_message():
    ctx = report.setup("万柏林区", "zh", indicator="gdp", target_override=800, n_paths=1000, as_of=MID)
    assert "800亿元" in messages.message(ctx, ctx.record)


def test_titles_use_the_plan_name_and_fit_the_district():
    assert text.title(report.setup("万柏林区", page="brief", as_of=MID), "brief") == "万柏林区“十四五”规划目标进度简报"
    assert "“十五五”" in text.title(report.setup("万柏林区", indicator="gdp", target_year=2030, as_of=MID), "growth_gap")
    annual = report.setup("杏花岭区", page="overview", as_of=MID)
    assert text.title(annual, "overview") == "杏花岭区2022年度重点任务" and "十四五" not in text.title(annual, "overview")
    assert text.title(report.setup("杏花岭区", "en", page="brief", as_of=MID), "brief") == \
        "Xinghualing District: brief on the annual tasks for 2022"
    assert text.as_of(report.setup("万柏林区", as_of=MID)) == "评估基准日2023年3月1日，数据截至2022年"
    assert text.as_of(annual) == "评估基准日2023年3月1日，尚无统计数据"
    assert text.as_of(report.setup("万柏林区", "en", as_of=LATE)) == "Assessed on 2026-11-28; data up to 2022"


def test_summary_counts_targets_and_points_to_the_table():
    from test_report_assessment import targets_due

    ctx = report.setup("万柏林区", as_of=MID)
    n = targets_due(ctx.data)
    assert messages.summary(ctx, ctx.records) == (f"“十四五”共{n}项2025年目标，其中1项有规划期内的统计数据可以评估；其余{n - 2}项尚缺数据，"
                                              "所缺数据及其来源文件见规划实施进度表下方的清单。"
                                              "另有1项（城镇新增劳动力）在规划中是预计数而非目标，不作评价。")


def test_annual_tasks_say_which_report_will_tell():
    ctx = report.setup("杏花岭区", as_of=MID)
    assert messages.annual_tasks_message(ctx) == ("2022年度计划确定重点任务22项，尚无完成情况数据；"
                                             "所需文件：2022年计划执行情况报告（2023年发布）或统计公报。")


def test_an_indicator_page_without_data_says_why_in_one_line():
    ctx = report.setup("万柏林区", "en", indicator="high_tech_firms", as_of=MID)
    assert messages.not_assessable(ctx) == ("High-tech firms has no actual figure from the plan period yet and cannot be "
                                        "assessed: only the 2020 base value; needed: the plan-execution reports or "
                                        "statistical communiqués for 2021-2022.")


def test_caveats_name_the_price_basis_of_each_growth_figure():
    ctx = report.setup("万柏林区", as_of=MID)
    caveats = text.caveats(ctx, ctx.records)
    assert caveats[0].startswith("地区生产总值、规模以上工业增加值、服务业增加值的年度增速按可比价（实际）公布")
    assert any("现价（名义）口径" in c for c in caveats) and any("5%以内" in c for c in caveats)


def test_probability_words():
    assert [text.probability(p) for p in (None, 0.4, 9.8, 99.6, 100.0)] == ["–", "<1", "10", ">99", "100"]


def _synthetic(ctx, **fields):
    base = dict(ctx.record, flags=[], probability=None, probability_tolerance=None, cagr_required=None)
    return base | fields


def test_messages_for_other_target_types():
    ctx = report.setup("万柏林区", "zh", indicator="gdp", n_paths=1000, as_of=MID)
    growth = _synthetic(ctx, target_type="growth_average", unit="%", target_value=6.5, bound="~", period_start=2021,
                        latest_year=2022, cagr_observed=5.21, growth_basis="comparable", status="behind", final=False)
    assert messages.message(ctx, growth).startswith(
        "地区生产总值2021—2022年按可比价（实际）年均增长5.2%，规划目标为年均增长约6.5%，滞后于预期。")
    annual = _synthetic(ctx, target_type="growth_annual", unit="%", target_value=6.5, bound="~", latest_year=2023,
                        latest_value=5.0, target_year=2023, growth_basis="comparable", status="not_achieved", final=True)
    assert messages.message(ctx, annual) == "地区生产总值2023年按可比价（实际）增长5%，年度目标为约6.5%，未实现。"
    total = _synthetic(ctx, target_type="cumulative", unit="亿元", target_value=600.0, bound="", period_start=2021,
                       latest_year=2022, observed_total=308.3, required_per_year=97.2, progress=51.4, tau=40.0,
                       status="ahead", final=False)
    # (600 − 308.3) / 3 remaining years = 97.2 a year
    assert messages.message(ctx, total) == ("地区生产总值2021—2022年累计完成308.3亿元，为规划期目标600亿元的51.4%"
                                        "（时序进度40.0%），快于预期。截至2022年数据，2023—2025年每年需完成97.2亿元。")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("when", ["mid-plan", "after the plan"])
def test_a_probability_is_worded_once(lang, when):
    """'约13%' / 'about 13%' / '不足1%' come from one place: never '约约', 'about about' or '约<1%'."""
    options = {"as_of": MID} if when == "mid-plan" else {}
    ctx = report.setup("万柏林区", lang, indicator="gdp", page="growth_gap", n_paths=2000, sigma_pp=3.0, **options)
    said = " ".join(m for m, _ in messages.key_messages(ctx, [ctx.record]))
    assert ("可能性约" in said or "概率约" in said) if lang == "zh" else " about " in said
    for wrong in ("约约", "about about", "约<", "约>", "about <", "about >", "%%"):
        assert wrong not in said


def test_a_final_figure_known_only_as_a_bound_is_a_finding_with_its_bound(data):
    """2025 GDP "跨上900亿元台阶" against 约1000: the grade cannot be told. The page says so with the bound
    (≥900), counts it among the findings, and does not call it missing."""
    from analysis.engine.gaps import gap_table
    from analysis.engine.records import to_records

    frame = data.copy()
    row = frame[(frame["indicator"] == "gdp") & (frame["kind"] == "level") & (frame["year"] == 2022)].iloc[0]
    frame.loc[len(frame)] = row.copy()
    frame.loc[len(frame) - 1, ["year", "value", "bound", "quote"]] = [2025, 900.0, ">=", "跨上900亿元台阶"]
    records = to_records(gap_table(frame, district="万柏林区", indicators=["gdp"], as_of=LATE))
    [record] = [r for r in records if r["target_type"] == "level"]
    assert (record["status"], record["latest_bound"]) == ("insufficient_data", ">=")
    assert text.is_assessed(record)
    ctx = report.setup("万柏林区", "zh", page="brief", as_of=LATE)
    said = messages.message(ctx, record)
    assert "≥900亿元" in said and "完成率≥90.0%" in said and "暂无法判定" in said and "终期评价：数据不足" not in said
    ctx_en = report.setup("万柏林区", "en", page="brief", as_of=LATE)
    assert "cannot be told" in messages.message(ctx_en, record)


@pytest.mark.parametrize("page", ["growth_gap", "overview", "brief"])
def test_no_page_states_a_chance_on_an_assumed_spread(page):
    """万柏林区 has too few annual rates to estimate the spread: every page says so and points to the
    scenario grid; none gives a probability (the brief and the overview used to disagree)."""
    ctx = report.setup("万柏林区", "zh", indicator="gdp" if page == "growth_gap" else None, page=page,
                       n_paths=2000, as_of=MID)
    record = next(r for r in ctx.records if r["indicator"] == "gdp" and r["target_type"] == "level")
    assert record["sigma_source"] == "assumed" and record["probability"] is not None   # the engine still has it
    said = messages.message(ctx, record, plain=page == "brief")
    assert "不给出概率；可能结果见情景表" in said and "可能性约" not in said and "概率约" not in said


def test_a_rate_known_only_as_a_bound_is_rounded_toward_the_side_it_bounds():
    from analysis.report.text import bound_rate

    assert bound_rate(2000 / 2300 * 100, ">=") == "86.9"       # at least 86.96 %: '87.0' would claim more
    assert bound_rate(86.91, "<=") == "87.0" and bound_rate(86.96, "") == "87.0" and bound_rate(None, ">=") == "–"


def test_the_summary_names_the_plans_forecasts_it_does_not_assess():
    ctx = report.setup("万柏林区", "zh", page="overview", n_paths=2000, as_of=LATE)
    forecasts = [r for r in ctx.records if r["status"] == "not_assessed"]
    said = messages.summary(ctx, ctx.records)
    assert forecasts and f"另有{len(forecasts)}项（" in said and text.record_name(ctx, forecasts[0]) in said
    k = len(ctx.records) - sum(text.is_assessed(r) for r in ctx.records) - len(forecasts)
    assert f"其余{k}项尚缺数据" in said


@pytest.mark.parametrize("as_of, words", [(MID, "2025年情景预测"), (LATE, "2025年情景推算（该年已过）")])
def test_a_projection_of_a_year_already_over_is_titled_an_estimate(as_of, words):
    ctx = report.setup("万柏林区", "zh", indicator="gdp", page="projection", n_paths=2000, as_of=as_of)
    assert text.title(ctx, "projection").endswith(words)
