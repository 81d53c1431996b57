"""The clause grammar on the kinds of sentence issue 19 names (each written here, not copied from a document)."""
from pathlib import Path

import pytest

from analysis.data.normalize import normalize_file, normalize_text
from analysis.data.registry import load_registry
from analysis.extract.propose import extract_document, join_broken_lines
from conftest import FIXTURE_TABLE

REGISTRY = load_registry(FIXTURE_TABLE)           # the names of the fixture table

BULLETIN = "2022年某县国民经济和社会发展统计公报\n"


def rows(text, year=None):
    return extract_document(text, "某县", "t.txt", year, registry=REGISTRY).rows


def extraction(text, year=None):
    return extract_document(text, "某县", "t.txt", year, registry=REGISTRY)


def got(text, year=None, status="proposed"):
    return {(r["indicator"], r["year"], r["kind"], r["value"], r["period_start"])
            for r in rows(text, year) if r["status"] == status}


def test_respectively_pairs_each_list_with_its_own_values():
    text = BULLETIN + "全年城乡居民人均可支配收入分别增长6.5%和7.8%,分别达42100元和21500元。"
    assert got(text) == {("urban_disposable_income", 2022, "growth", 6.5, ""),
                         ("rural_disposable_income", 2022, "growth", 7.8, ""),
                         ("urban_disposable_income", 2022, "level", 42100.0, ""),
                         ("rural_disposable_income", 2022, "level", 21500.0, "")}


def test_ordinal_list_of_the_three_industries():
    text = BULLETIN + "第一、二、三产业增加值分别为40亿元、90亿元和120亿元,分别增长4.0%、6.2%和4.8%。"
    assert got(text) == {("primary_value_added", 2022, "level", 40.0, ""), ("secondary_value_added", 2022, "level", 90.0, ""),
                         ("services_value_added", 2022, "level", 120.0, ""),
                         ("primary_value_added", 2022, "growth", 4.0, ""), ("secondary_value_added", 2022, "growth", 6.2, ""),
                         ("services_value_added", 2022, "growth", 4.8, "")}


def test_inverted_order_growth_before_the_amount_in_a_review():
    text = "过去一年,全县地区生产总值增长6.1%达318.5亿元,一产增长3.9%达52.3亿元。"
    assert got(text, 2024) == {("gdp", 2023, "growth", 6.1, ""), ("gdp", 2023, "level", 318.5, ""),
                               ("primary_value_added", 2023, "growth", 3.9, ""),
                               ("primary_value_added", 2023, "level", 52.3, "")}


def test_statistical_forecast_is_last_years_actual_not_a_target():
    assert got("据统计预测,全县地区生产总值增长5.5%达260亿元。", 2024) == {
        ("gdp", 2023, "growth", 5.5, ""), ("gdp", 2023, "level", 260.0, "")}


@pytest.mark.parametrize("text,year,expected", [
    ("“十四五”以来,全市地区生产总值年均增速6.2%。", 2025, ("gdp", 2024, "growth", 6.2, 2021)),
    ("2012—2016年,全市地区生产总值年均增长9.5%。", 2017, ("gdp", 2016, "growth", 9.5, 2012)),
])
def test_averages_carry_their_base_year(text, year, expected):
    assert expected in got(text, year)


def test_plan_targets_in_news_style():
    text = "某市发布十四五规划纲要\n到“十四五”末,第一产业增加值年均增长4%、冲刺60亿元;常住人口城镇化率达到60%。"
    assert got(text, 2021) == {("primary_value_added", 2025, "target_growth", 4.0, 2021),
                               ("primary_value_added", 2025, "target_level", 60.0, ""),
                               ("urbanization_rate", 2025, "target_level", 60.0, "")}


def test_wanyuan_amounts_and_counts_of_people():
    found = {(r["indicator"], r["value"], r["unit"]) for r in rows(BULLETIN + "全年地方财政收入82350万元,增长6.2%。全年城镇新增就业3250人。")}
    assert {("budget_revenue", 82350.0, "万元"), ("budget_revenue", 6.2, "%"), ("new_urban_employment", 3250.0, "人")} <= found


def test_bulletin_table_of_levels_and_growth():
    text = BULLETIN + ("生产总值及其增长速度\n指标 | 绝对数(亿元) | 比上年增长(%)\n地区生产总值 | 250.3 | 5.1\n"
                       "第一产业 | 40.2 | 4.0\n第三产业 | 120.0 | 4.8")
    assert {("services_value_added", 2022, "level", 120.0, ""), ("services_value_added", 2022, "growth", 4.8, ""),
            ("gdp", 2022, "growth", 5.1, "")} <= got(text)


def test_unregistered_names_are_proposed_for_review_not_dropped():
    found = rows(BULLETIN + "全年邮政业务总量2.3亿元,增长5.5%。")
    assert {(r["indicator"], r["indicator_zh"], r["kind"], r["value"], r["status"]) for r in found} == {
        ("unknown", "邮政业务总量", "level", 2.3, "needs_review"), ("unknown", "邮政业务总量", "growth", 5.5, "needs_review")}


def test_a_sector_of_the_economy_is_not_the_whole():
    text = BULLETIN + "全年民营经济实现增加值150亿元,增长6%。其中,第一产业增加值20亿元,第二产业增加值60亿元。"
    assert got(text) == set()
    assert {r["indicator_zh"] for r in rows(text)} == {"民营经济增加值"}


def test_partial_year_figures_are_never_annual():
    text = "1-2月,全县规模以上工业增加值增长6%。3月末,金融机构存款余额300亿元。一季度地区生产总值增长5%。"
    found = rows(text, 2023)
    assert found and {r["status"] for r in found} == {"needs_review"}
    assert all("partial year" in r["note"] for r in found)


@pytest.mark.parametrize("period", ["元至九月", "一至十一月", "元月至十月", "2023年一至八月"])
def test_a_period_in_chinese_numeral_months_is_partial_year(period):
    text = f"{period},全县完成地区生产总值56.7亿元,增长7.5%;社会消费品零售总额46.5亿元,增长12.1%。"
    found = rows(text, 2023)
    assert found and {r["status"] for r in found} == {"needs_review"}
    whole = rows("2023年一至十二月,全县完成地区生产总值56.7亿元,增长7.5%。", 2023)     # December ends the year
    assert whole and {r["status"] for r in whole} == {"proposed"}


def test_net_new_entities_and_the_rd_share_in_their_short_forms():
    found = got("2023年某县国民经济和社会发展统计公报\n全年净增各类市场主体1200户。全县研发投入占GDP比重为2.1%。", 2024)
    assert {(i, k, v) for i, _, k, v, _ in found} >= {("new_market_entities", "cumulative", 1200.0),
                                                      ("rd_intensity", "share", 2.1)}
    assert not [r for r in found if r[0] == "market_entities"]          # a flow, not the stock


def test_the_figure_after_a_round_mark_passed_is_the_value():
    found = got("2022年某县国民经济和社会发展统计公报\n全县地区生产总值突破千亿元,达1023.5亿元,增长6%。", 2023)
    levels = {v for i, _, k, v, _ in found if i == "gdp" and k == "level"}
    assert levels == {1023.5}                                        # not the round 1000 it passed


def test_chinese_numerals_and_fullwidth_digits():
    assert ("new_urban_employment", 2022, "cumulative", 3200.0, 2022) in got(BULLETIN + "全年城镇新增就业三千二百人。")
    assert ("gdp", 2022, "level", 250.3, "") in got(normalize_text(BULLETIN + "全年地区生产总值２５０．３亿元。"))


def test_pdf_line_broken_inside_a_sentence():
    text = "过去一年,我们坚持稳中求进工作总基调,全区实现地区生产总值158.6亿\n元,增长6.5%。\n二、今年工作安排\n"
    found = {r["value"]: r["quote"] for r in rows(text, 2023) if r["indicator"] == "gdp"}
    assert set(found) == {158.6, 6.5} and all(q in text for q in found.values())
    assert join_broken_lines(["短标题", "一、正文"]) == ["短标题", "一、正文"]


def test_pdf_line_broken_inside_a_decimal_keeps_the_sentence_and_its_year():
    text = ("2017年某县人民政府工作报告\n五年来,实现了十三五良好开局。截至2016年末,全县地区生产总值完成96.4亿元,是2011年的1.\n"
            "37倍;规模以上工业增加值完成52.1亿元,是2011年的1.88倍。\n")
    assert {(i, y, v) for i, y, k, v, _ in got(text)} >= {("gdp", 2016, 96.4), ("industrial_value_added", 2016, 52.1)}
    assert join_broken_lines(["1.", "2023年"]) == ["1.", "2023年"]            # an item's number, not a decimal


def test_respectively_across_differently_named_clauses():
    text = "2009年,完成财政总收入50.8亿元,其中一般预算收入18.8亿元,分别增长26.7%和18.9%。"
    assert got(text, 2010) == {("total_fiscal_revenue", 2009, "level", 50.8, ""), ("budget_revenue", 2009, "level", 18.8, ""),
                               ("total_fiscal_revenue", 2009, "growth", 26.7, ""), ("budget_revenue", 2009, "growth", 18.9, "")}


def test_respectively_reaches_an_unregistered_name_for_review():
    text = "2009年,城镇居民人均可支配收入达17840元,农民人均纯收入达8150元,分别增长11.5%和10.8%。"
    assert ("urban_disposable_income", 2009, "growth", 11.5, "") in got(text, 2010)
    assert {(r["indicator_zh"], r["value"]) for r in rows(text, 2010) if r["indicator"] == "unknown"} == {
        ("农民人均纯收入", 8150.0), ("农民人均纯收入", 10.8)}


@pytest.mark.parametrize("text,expected", [
    ("今年主要预期目标:城、乡居民人均可支配收入分别增长8%、9%。",
     {("urban_disposable_income", 2019, "target_growth", 8.0, ""), ("rural_disposable_income", 2019, "target_growth", 9.0, "")}),
    ("这五年,城镇和农村居民人均可支配收入年均增长8.9%和9.6%。",
     {("urban_disposable_income", 2018, "growth", 8.9, 2014), ("rural_disposable_income", 2018, "growth", 9.6, 2014)}),
])
def test_pairs_of_income_names(text, expected):
    assert got(text, 2019) == expected


def test_continuing_sentences_keep_the_target_frame():
    text = ("到“十四五”末,全市地区生产总值要达到300亿元。其中,一产业年均增速保持在2.6%以上、增加值总量冲刺63.3亿元。\n"
            "同时,城镇化率达到45%以上。到2035年,城镇化率达到49%。")
    assert got(text, 2021) == {("gdp", 2025, "target_level", 300.0, ""),
                               ("primary_value_added", 2025, "target_growth", 2.6, 2021),
                               ("primary_value_added", 2025, "target_level", 63.3, ""),
                               ("urbanization_rate", 2025, "target_level", 45.0, ""),
                               ("urbanization_rate", 2035, "target_level", 49.0, "")}


def test_listed_thresholds_are_not_levels():
    text = "2020年,地区生产总值突破6000亿元、增长3.5%,连续迈上5000亿元、6000亿元两大台阶。"
    assert got(text, 2021) == {("gdp", 2020, "level", 6000.0, ""), ("gdp", 2020, "growth", 3.5, "")}


def test_table_printed_one_cell_a_line_with_a_plan_average_column():
    text = ("某区国民经济和社会发展第十四个五年规划纲要\n指标|\n2015年完成|\n2020年完成|\n“十三五”年均增长(%) |\n|\n"
            "一、经济发展|\n|||||\n地区生产总值(亿元) |\n300.41 |\n469.5 |\n9.3 |\n|\n")
    assert {("gdp", 2015, "level", 300.41, ""), ("gdp", 2020, "level", 469.5, ""),
            ("gdp", 2020, "growth", 9.3, 2016)} <= got(text, 2021)


def test_a_bulletin_whose_year_is_only_in_its_table_heading():
    text = ("初步核算,全年完成地区生产总值295.4亿元,比上年增长7.7%。\n2022年全区生产总值及其增长速度\n|\n指标\n|\n绝对数\n|")
    assert got(text, 2023) == {("gdp", 2022, "level", 295.4, ""), ("gdp", 2022, "growth", 7.7, "")}


def test_execution_report_dated_in_the_year_it_reviews():
    text = ("关于某区2021年国民经济和社会发展计划执行情况及2022年计划草案的报告\n2021年12月28日在某区人民代表大会上\n"
            "一年来,全年实现地区生产总值突破700亿元,同比增长8%以上。")
    assert got(text) == {("gdp", 2021, "level", 700.0, ""), ("gdp", 2021, "growth", 8.0, "")}


def test_review_of_the_previous_plan_in_a_plan_text():
    text = ("某市国民经济和社会发展第十四个五年规划纲要\n“十三五”期间,全市GDP年均递增7.52%。全市财政总收入从2015年的50.22亿元"
            "增加到2020年的62.89亿元,年均递增4.58%。社会消费品零售总额年均增长9.65%。")
    found = got(text, 2021)
    assert {("gdp", 2020, "growth", 7.52, 2016), ("total_fiscal_revenue", 2020, "growth", 4.58, 2016),
            ("retail_sales", 2020, "growth", 9.65, 2016)} <= found
    assert not any(k[2].startswith("target") for k in found)


def test_growth_over_several_years_is_not_a_row_but_a_year_to_date_one_is_for_review():
    assert got("这五年,全区规上工业增加值累计增长61.2%。", 2026) == set()
    found = rows("2022年第三季度GDP累计同比增长2.6%。", 2023)
    assert [(r["indicator"], r["value"], r["status"]) for r in found] == [("gdp", 2.6, "needs_review")]


def test_a_year_not_yet_over_is_a_target_in_congress_news():
    text = ("记者从某县第十八届人民代表大会第三次会议上获悉。\n2024年,全县预计地区生产总值增长6%。\n"
            "“2025年,全县地区生产总值增长6.5%左右。”县政府负责人表示。")
    assert got(text) == {("gdp", 2024, "growth", 6.0, ""), ("gdp", 2025, "target_growth", 6.5, "")}
    assert got("2024年,全市一般公共预算收入增长5%。", 2023) == {("budget_revenue", 2024, "target_growth", 5.0, "")}


def test_a_bulletin_of_its_own_year_is_not_turned_into_targets():
    assert got(BULLETIN + "全年地区生产总值250亿元,增长5%。", 2022) == {("gdp", 2022, "level", 250.0, ""),
                                                                   ("gdp", 2022, "growth", 5.0, "")}


def test_a_change_in_yuan_and_a_base_named_with_xiangbi_are_not_levels_or_years():
    text = "五年来,与“十三五”末相比,全区地区生产总值增长180亿元,年均增长6.5%。一般公共预算收入增加3.1亿元。"
    assert got(text, 2026) == {("gdp", 2025, "growth", 6.5, 2021)}


def test_spending_completed_in_a_five_year_review_is_the_period_total():
    text = "五年来,全县固定资产投资完成620亿元,社会消费品零售总额完成1500亿元,一般公共预算收入完成30亿元。"
    found = rows(text, 2026)
    assert {(r["indicator"], r["year"], r["kind"], r["value"], r["period_start"]) for r in found} == {
        ("fixed_asset_investment", 2025, "cumulative", 620.0, 2021), ("retail_sales", 2025, "cumulative", 1500.0, 2021),
        ("budget_revenue", 2025, "level", 30.0, "")}
    assert all(r["confidence"] < 0.8 for r in found if r["kind"] == "cumulative")    # a reading an analyst checks


def test_a_table_row_in_percent_of_an_amount_is_not_read():
    text = ("某县“十四五”规划纲要\n指标 | 2020年 | 2025年目标\n全社会固定资产投资(%) | 10 | 12\n"
            "地区生产总值(亿元) | 300 | 400\n")
    assert {k[0] for k in got(text, 2021)} == {"gdp"}


def test_a_plans_development_base_section_reviews_the_previous_plan():
    text = ("某县国民经济和社会发展第十四个五年规划纲要\n第一章 发展基础\n第一节 “十三五”时期发展成就\n"
            "综合实力显著增强。全县地区生产总值年均增长7.2%,一般公共预算收入达到15亿元。\n第二章 发展目标\n"
            "地区生产总值年均增长6%左右,常住人口城镇化率达到60%。")
    assert got(text, 2021) == {("gdp", 2020, "growth", 7.2, 2016), ("budget_revenue", 2020, "level", 15.0, ""),
                               ("gdp", 2025, "target_growth", 6.0, 2021), ("urbanization_rate", 2025, "target_level", 60.0, "")}


def test_a_short_paragraph_with_figures_before_target_words_is_no_heading():
    text = ("关于某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n一、2023年计划执行情况\n"
            "地区生产总值预计增长6%。固定资产投资增长8%,低于预期目标2个百分点。\n")
    assert got(text) == {("gdp", 2023, "growth", 6.0, ""), ("fixed_asset_investment", 2023, "growth", 8.0, "")}


def test_figures_in_a_quoted_target_are_targets():
    text = "2023年,全区紧紧围绕年初确定的“地区生产总值增长7%、固定资产投资增长10%”目标,实现地区生产总值增长6.8%。"
    assert got(text, 2024) == {("gdp", 2023, "target_growth", 7.0, ""), ("fixed_asset_investment", 2023, "target_growth", 10.0, ""),
                               ("gdp", 2023, "growth", 6.8, "")}


def test_totals_since_a_year_and_year_to_date_figures():
    assert got("2021年以来,全县累计完成固定资产投资800亿元,年均增长9%。", 2024) == {
        ("fixed_asset_investment", 2023, "cumulative", 800.0, 2021), ("fixed_asset_investment", 2023, "growth", 9.0, 2021)}
    found = rows("今年以来,全区地区生产总值增长5.5%,一般公共预算收入完成20亿元。", 2024)
    assert found and {r["status"] for r in found} == {"needs_review"}


def test_a_plan_period_clause_continues_the_figure_and_another_unit_ends_it():
    text = "2020年,全县地区生产总值达到380亿元,“十三五”期间年均增长7%。"
    assert ("gdp", 2020, "growth", 7.0, 2016) in got(text, 2021)
    text = "2025年,社会消费品零售总额164.4亿元,2025年旅游接待人数519.8万人次,“十四五”时期年均增长18.97%。"
    assert got(text, 2026) == {("retail_sales", 2025, "level", 164.4, "")}


def test_readings_to_check_say_so_in_a_code():
    found = rows("五年来,全县固定资产投资完成620亿元。", 2026)
    assert [r["note"] for r in found] == ["check:period_total"]
    across = rows("2009年,完成财政总收入50.8亿元,其中一般预算收入18.8亿元,分别增长26.7%和18.9%。", 2010)
    assert {r["value"] for r in across if "check:paired_across_clauses" in r["note"]} == {26.7, 18.9}
    carried = rows("2023年,全县经济稳中有进。\n全县地区生产总值增长6%。", 2024)
    assert [(r["year"], "check:year_from_earlier_paragraph" in r["note"]) for r in carried] == [(2023, True)]


def test_the_first_year_of_an_average_is_computed_in_one_place():
    from analysis.extract.context import Span
    from analysis.extract.years import average_start
    # period_start is the first year an average covers (issue 20); its base year is the year before
    assert average_start(2025, plan=Span(2021, 2025)) == 2021           # 十四五: the plan's first year
    assert average_start(2022, span_years=2) == 2021                     # 两年平均: 2021 and 2022
    assert average_start(2020, printed=2015, plan=Span(2016, 2020)) == 2016   # 从2015年的…: measured from 2015
    assert average_start(2024) is None                                   # no period: not a row


def test_table_printed_one_cell_a_paragraph_without_bars():
    cells = ["某区国民经济和社会发展第十四个五年规划纲要实施情况中期评估报告", "主要指标进展情况表", "序号", "指标名称",
             "2020年", "基数", "2025年", "目标", "五年年均增长", "指标", "属性", "提前完成(3个)",
             "1", "常住人口城镇化率(%)", "75.2%", "78%", "预期性",
             "2", "进出口总额(亿美元)", "11.77", "15", "预期性",
             "3", "社会消费品零售总额", "(亿元)", "400.5", "560", "7%左右", "预期性", "评估表明,进展总体顺利。"]
    assert got("\n".join(cells), 2023) == {
        ("urbanization_rate", 2020, "share", 75.2, ""), ("urbanization_rate", 2025, "target_level", 78.0, ""),
        ("retail_sales", 2020, "level", 400.5, ""), ("retail_sales", 2025, "target_level", 560.0, ""),
        ("retail_sales", 2025, "target_growth", 7.0, 2021)}


def test_a_plans_own_average_column_is_its_target():
    text = ("某区国民经济和社会发展第十四个五年规划纲要\n指标 | 单位 | 2020年 | 2025年 | 年均增长(%) | 属性\n"
            "地区生产总值 | 亿元 | 500 | 700 | 7 | 预期性\n")
    assert got(text, 2021) == {("gdp", 2020, "level", 500.0, ""), ("gdp", 2025, "target_level", 700.0, ""),
                               ("gdp", 2025, "target_growth", 7.0, 2021)}


def test_from_a_to_b_without_dao_and_a_threshold_in_yi():
    text = "全区地区生产总值从2020年的451亿元稳步攀升2025年的550亿元,年均增长3.4%。"
    assert got(text, 2026) == {("gdp", 2020, "level", 451.0, ""), ("gdp", 2025, "level", 550.0, ""),
                               ("gdp", 2025, "growth", 3.4, 2021)}
    found = rows("2025年,全区预计经济总量跨上2000亿台阶,进出口总额15.88亿美元。", 2026)
    assert [(r["indicator"], r["value"], r["unit"], r["bound"]) for r in found] == [("gdp", 2000.0, "亿元", ">=")]


def test_from_a_to_b_of_a_rate_gives_two_shares():
    text = "五年来,全市城镇化率由2020年的50.5%提高到2024年的55.2%,年均提高1.2个百分点。"
    assert got(text, 2025) == {("urbanization_rate", 2020, "share", 50.5, ""),
                               ("urbanization_rate", 2024, "share", 55.2, "")}


def test_a_target_year_clause_continues_the_name_before_it():
    assert got("今后五年,全市地区生产总值年均增长6%左右,到2027年突破3000亿元。", 2023) == {
        ("gdp", 2027, "target_growth", 6.0, 2023), ("gdp", 2027, "target_level", 3000.0, "")}


def test_a_year_inside_a_reviewed_plan_period_keeps_the_period_for_totals():
    text = ("某区国民经济和社会发展第十五个五年规划纲要\n第一章 发展基础\n"
            "“十四五”时期,全区地区生产总值年均增长6.2%,2025年达到880亿元;一般公共预算收入累计完成200亿元。")
    assert got(text, 2026) == {("gdp", 2025, "growth", 6.2, 2021), ("gdp", 2025, "level", 880.0, ""),
                               ("budget_revenue", 2025, "cumulative", 200.0, 2021)}


def test_a_partial_year_cue_late_in_the_opening_marks_only_what_follows_it():
    text = ("某市召开新闻发布会,介绍“十四五”以来经济社会发展成就。据介绍,2021年至2024年,全市地区生产总值年均增长5.8%,"
            "2024年达到3200亿元。今年前三季度,全市地区生产总值增长5.5%。")
    assert got(text, 2025) == {("gdp", 2024, "growth", 5.8, 2021), ("gdp", 2024, "level", 3200.0, "")}
    assert got(text, 2025, status="needs_review") == {("gdp", 2025, "growth", 5.5, "")}


def test_a_later_plan_named_makes_the_earlier_one_a_review_and_its_end_year_frames_averages():
    text = ("某市“十五五”规划建议提出,到2030年,全市地区生产总值突破5000亿元,年均增长5.5%左右;居民人均可支配收入年均增长6%。"
            "“十四五”时期,全市地区生产总值年均增长5.9%,2025年达到3800亿元。")
    assert got(text, 2025) == {("gdp", 2030, "target_level", 5000.0, ""), ("gdp", 2030, "target_growth", 5.5, 2026),
                               ("disposable_income", 2030, "target_growth", 6.0, 2026),
                               ("gdp", 2025, "growth", 5.9, 2021), ("gdp", 2025, "level", 3800.0, "")}


def test_an_average_after_a_named_base_year_covers_the_years_after_it():
    text = ("2024年地区生产总值达8200亿元,是2020年的1.4倍,年均增长6.1%。"
            "2024年,全市一般公共预算收入比2020年增长30%,年均增长6.8%。")
    assert got(text, 2025) == {("gdp", 2024, "level", 8200.0, ""), ("gdp", 2024, "growth", 6.1, 2021),
                               ("budget_revenue", 2024, "growth", 6.8, 2021)}


def test_a_round_mark_passed_yields_to_the_figure_and_a_bracketed_target_follows_its_growth():
    assert got("2022年,全县地区生产总值突破200亿元大关,达到203.5亿元,增长4.1%。", 2023) == {
        ("gdp", 2022, "level", 203.5, ""), ("gdp", 2022, "growth", 4.1, "")}
    text = "2023年,地区生产总值增长5.5%(年初目标6%);固定资产投资下降3%(目标增长8%)。"
    assert got(text, 2024) == {("gdp", 2023, "growth", 5.5, ""), ("gdp", 2023, "target_growth", 6.0, ""),
                               ("fixed_asset_investment", 2023, "growth", -3.0, ""),
                               ("fixed_asset_investment", 2023, "target_growth", 8.0, "")}


def test_one_figure_printed_in_two_units_keeps_both_printings():
    text = ("某区国民经济和社会发展第十四个五年规划纲要\n指标 | 2015年 | 2020年\n人均地区生产总值(元) | 132339 | 189195\n"
            "2020年,人均地区生产总值达到18.9万元。")
    found = {(r["value"], r["unit"]) for r in rows(text, 2021) if r["indicator"] == "per_capita_gdp" and r["year"] == 2020}
    assert found == {(189195.0, "元"), (18.9, "万元")}


def test_a_heading_of_this_years_work_makes_its_figures_targets():
    text = ("一、2023年工作回顾\n全县地区生产总值增长6.2%,达到320亿元。\n二、2024年工作安排\n"
            "推动固定资产投资增长10%,社会消费品零售总额增长7%。")
    assert got(text, 2024) == {("gdp", 2023, "growth", 6.2, ""), ("gdp", 2023, "level", 320.0, ""),
                               ("fixed_asset_investment", 2024, "target_growth", 10.0, ""),
                               ("retail_sales", 2024, "target_growth", 7.0, "")}
    assert ("fixed_asset_investment", 2024, "target_growth", 10.0, "") in got(text.replace("2024年工作安排", "今年重点工作"), 2024)


def test_an_average_over_the_recent_years_it_names():
    assert ("gdp", 2024, "growth", 6.5, 2022) in got("2024年,全县地区生产总值达到300亿元,近三年年均增长6.5%。", 2025)


def test_a_share_of_a_registered_amount_is_proposed_for_review_not_dropped():
    found = rows("2023年,第三产业增加值占地区生产总值的比重为52.3%,规模以上工业增加值占比达到35%。", 2024)
    assert {(r["indicator"], r["indicator_zh"], r["value"], r["status"]) for r in found} == {
        ("unknown", "第三产业增加值占地区生产总值的比重", 52.3, "needs_review"),
        ("unknown", "规模以上工业增加值占比", 35.0, "needs_review")}


def test_a_number_qualifying_places_is_a_condition_not_a_figure():
    assert got("对年度地区生产总值增速达到8%以上的乡镇给予表彰。", 2024) == set()
    assert ("gdp", 2024, "target_growth", 8.0, "") in got("2024年地区生产总值增长8%的目标。", 2024)


def test_a_flow_each_year_of_a_plan_is_a_years_flow_not_the_periods_total():
    text = "某县国民经济和社会发展第十四个五年规划纲要\n“十四五”期间,每年新增城镇就业5000人以上,累计新增城镇就业2.6万人。"
    assert got(text, 2021) == {("new_urban_employment", 2025, "target_level", 5000.0, 2025),
                               ("new_urban_employment", 2025, "target_level", 2.6, 2021)}


def test_the_whole_places_value_added_is_its_gdp():
    assert got("2024年,全区实现增加值3029.6亿元,可比增长5.8%。全区规上工业增加值增长6%。", 2025) == {
        ("gdp", 2024, "level", 3029.6, ""), ("gdp", 2024, "growth", 5.8, ""),
        ("industrial_value_added", 2024, "growth", 6.0, "")}


ASSESSMENT = "某县国民经济和社会发展第十四个五年规划纲要实施情况中期评估报告\n"


def test_an_assessment_reads_the_plans_bracketed_targets_and_flags_its_forecasts():
    text = ASSESSMENT + ("2021—2022年,全县地区生产总值年均增长6.1%,低于规划目标(年均增长7%)0.9个百分点;2022年全县地区生产总值"
                         "达到260亿元,完成规划目标(350亿元)的74.3%。预计到2025年,全县地区生产总值可达到330亿元。")
    assert got(text, 2023) == {("gdp", 2022, "growth", 6.1, 2021), ("gdp", 2022, "level", 260.0, ""),
                               ("gdp", 2025, "target_growth", 7.0, 2021), ("gdp", 2025, "target_level", 350.0, "")}
    forecast = [r for r in rows(text, 2023) if r["value"] == 330.0]
    assert [(r["status"], "check:forecast" in r["note"]) for r in forecast] == [("needs_review", True)]


def test_a_plans_own_yuji_states_its_target():
    text = "某县国民经济和社会发展第十四个五年规划纲要\n预计到2025年,全县地区生产总值达到330亿元。"
    assert got(text, 2021) == {("gdp", 2025, "target_level", 330.0, "")}


def test_a_standing_committee_session_is_no_congress_of_the_years_start():
    text = "某县人民代表大会常务委员会召开第二十次会议\n会议听取了县政府关于2024年经济运行情况的报告。2024年,全县地区生产总值增长6%。"
    assert got(text, 2024) == {("gdp", 2024, "growth", 6.0, "")}


@pytest.mark.parametrize("text,expected", [
    # pre-2014 names of the budget revenues: 公共财政收入 the total (as 财政收入), 地方公共财政收入 the local part
    ("2012年,全县公共财政收入18.7亿元,增长13.2%;地方公共财政收入9.35亿元,增长10.4%。",
     {("total_fiscal_revenue", 2012, "level", 18.7, ""), ("total_fiscal_revenue", 2012, "growth", 13.2, ""),
      ("budget_revenue", 2012, "level", 9.35, ""), ("budget_revenue", 2012, "growth", 10.4, "")}),
    ("2012年,全县规模工业增加值增长12.8%,全口径财政收入增长9.1%,货物出口总额增长6.4%。",
     {("industrial_value_added", 2012, "growth", 12.8, ""), ("total_fiscal_revenue", 2012, "growth", 9.1, ""),
      ("exports", 2012, "growth", 6.4, "")}),
    ("2012年,城乡居民收入分别达到19840元和7215元。",          # 城乡 + a short name: the urban and the rural figure
     {("urban_disposable_income", 2012, "level", 19840.0, ""), ("rural_disposable_income", 2012, "level", 7215.0, "")}),
])
def test_older_and_short_forms_of_registered_names(text, expected):
    assert got(text, 2013) == expected


def test_a_list_after_a_respectively_list_of_amounts_goes_to_the_same_names():
    text = BULLETIN + "全年城镇和农村居民人均可支配收入分别达到4.36万元、2.18万元,增长5.2%、6.9%。"
    assert got(text) == {("urban_disposable_income", 2022, "level", 4.36, ""),
                         ("rural_disposable_income", 2022, "level", 2.18, ""),
                         ("urban_disposable_income", 2022, "growth", 5.2, ""),
                         ("rural_disposable_income", 2022, "growth", 6.9, "")}
    one = BULLETIN + "全年城乡居民人均可支配收入分别达到43600元、21800元,增长6%。"     # one rate for two names: whose?
    assert {k[2] for k in got(one)} == {"level"}
    # a list over five years shares its first figure's base year: neither is a year's growth
    five = "这五年,城乡居民人均可支配收入分别达4.1万元和2.2万元,比2020年增长31.2%、40.5%。"
    assert {k[2] for k in got(five, 2026)} == {"level"}


def test_a_heading_naming_a_plan_frames_targets_for_its_last_year():
    text = "“十五五”时期主要目标\n全区地区生产总值力争突破1500亿元,年均增长6%左右。"
    assert got(text, 2025) == {("gdp", 2030, "target_level", 1500.0, ""), ("gdp", 2030, "target_growth", 6.0, 2026)}


def test_local_level_fiscal_revenue_is_the_budget_revenue():
    text = BULLETIN + "全年地方级财政收入完成8.2亿元,同比增长6.4%。"
    assert got(text) == {("budget_revenue", 2022, "level", 8.2, ""), ("budget_revenue", 2022, "growth", 6.4, "")}


def test_an_estimate_opening_a_sentence_after_a_partial_cue_is_of_the_whole_year():
    text = ("某县2031年国民经济和社会发展计划执行情况的报告\n"
            "今年以来,全县上下攻坚克难,经济运行总体平稳。预计2031年末,地区生产总值完成96亿元,同比增长5.5%。"
            "社会消费品零售总额完成31亿元,同比增长6%。")
    assert got(text, 2032) == {("gdp", 2031, "level", 96.0, ""), ("gdp", 2031, "growth", 5.5, ""),
                               ("retail_sales", 2031, "level", 31.0, ""), ("retail_sales", 2031, "growth", 6.0, "")}


def test_a_named_whole_year_estimate_holds_only_to_the_end_of_its_clause():
    text = ("今年前三季度,规上工业总产值达800亿元,预计全年突破1000亿元;规上工业增加值增长12%。")
    found = {(r["indicator"], r["value"], r["status"]) for r in rows(text, 2031)}
    assert ("industrial_value_added", 12.0, "needs_review") in found
    assert ("industrial_output", 1000.0, "proposed") in found and ("industrial_output", 800.0, "needs_review") in found


JANUARY_CONGRESS = "2032年1月15日讯 某区第二届人民代表大会第三次会议开幕,区长作政府工作报告。\n"


def test_a_january_reports_estimates_are_the_year_just_ended_not_targets():
    text = JANUARY_CONGRESS + "预计全区地区生产总值超过500亿元,增长7%左右;社会消费品零售总额120亿元,增长8%。"
    found = {(r["indicator"], r["year"], r["kind"], r["value"]): r["note"] for r in rows(text)
             if r["status"] == "proposed"}
    assert set(found) == {("gdp", 2031, "level", 500.0), ("gdp", 2031, "growth", 7.0),
                          ("retail_sales", 2031, "level", 120.0), ("retail_sales", 2031, "growth", 8.0)}
    assert all("check:year_from_document" in note for note in found.values())


def test_a_review_paragraph_dates_the_undated_paragraph_after_it_in_a_january_report():
    text = JANUARY_CONGRESS + "某区挂牌成立一年以来,圆满完成了全年主要目标任务。\n全区地区生产总值达到500亿元,增长7%。"
    assert got(text) == {("gdp", 2031, "level", 500.0, ""), ("gdp", 2031, "growth", 7.0, "")}


def test_without_a_review_cue_the_reports_own_year_is_still_a_target():
    text = JANUARY_CONGRESS + "今年主要预期目标:\n全区地区生产总值增长6%左右。"
    assert got(text) == {("gdp", 2032, "target_growth", 6.0, "")}


def test_an_average_naming_no_span_in_the_review_of_a_plans_last_year_is_over_that_plan():
    text = "今年以来,全县经济稳中向好。预计全县地区生产总值达到300亿元、年均增长7.2%;社会消费品零售总额90亿元,年均增长9%。"
    found = {(r["indicator"], r["year"], r["kind"], r["value"], r["period_start"]): r["note"] for r in rows(text, 2030)
             if r["status"] == "proposed"}
    assert set(found) == {("gdp", 2030, "level", 300.0, ""), ("gdp", 2030, "growth", 7.2, 2026),
                          ("retail_sales", 2030, "level", 90.0, ""), ("retail_sales", 2030, "growth", 9.0, 2026)}
    assert "check:average_over_plan" in found[("gdp", 2030, "growth", 7.2, 2026)]


def test_an_average_naming_no_span_in_a_year_that_ends_no_plan_is_not_proposed():
    text = "今年以来,全县经济稳中向好。预计全县地区生产总值达到300亿元、年均增长7.2%。"
    assert got(text, 2028) == {("gdp", 2028, "level", 300.0, "")}


def test_execution_report_table_of_target_and_result_one_cell_a_paragraph():
    text = ("关于某市2023年国民经济和社会发展计划执行情况的报告\n表2:2023年主要指标完成情况\n指标\n年度目标\n完成情况\n备注\n"
            "一、经济增长\n1.地区生产总值\n增长7%左右\n增长5.2%\n860.4亿元\n2.规模以上工业增加值\n增长8%\n下降1.5%\n"
            "二、民生\n3.城镇新增就业\n1.2万人\n1.35万人\n全年各项工作有序推进,民生保障持续加强,群众获得感不断提升。")
    found = got(text)
    assert {("gdp", 2023, "target_growth", 7.0, ""), ("gdp", 2023, "growth", 5.2, ""), ("gdp", 2023, "level", 860.4, ""),
            ("industrial_value_added", 2023, "target_growth", 8.0, ""),
            ("industrial_value_added", 2023, "growth", -1.5, "")} <= found


def test_numbered_table_under_serial_header_still_read_by_years():
    text = ("某区“十四五”规划中期评估报告\n序号\n指标名称\n2020年\n基数\n2025年\n目标\n1\n地区生产总值(亿元)\n500\n700\n")
    assert ("gdp", 2025, "target_level", 700.0, "") in got(text, 2023)


def test_industries_named_with_their_levels_then_growths_respectively():
    text = BULLETIN + "全年地区生产总值260亿元,增长6.0%,其中:第一产业增加值21.5亿元、第二产业增加值98.3亿元、第三产业增加值140.2亿元,分别增长3.1%、6.4%和6.2%。"
    assert {("primary_value_added", 2022, "growth", 3.1, ""), ("secondary_value_added", 2022, "growth", 6.4, ""),
            ("services_value_added", 2022, "growth", 6.2, ""), ("gdp", 2022, "growth", 6.0, "")} <= got(text)


def test_bare_yi_after_an_amount_and_chinese_thousand():
    text = BULLETIN + "全年地区生产总值突破千亿,规上工业产值超1500亿,增长12%;年末户籍人口1.1亿,增长0.5%。"
    found = {(r["indicator"], r["kind"], r["value"], r["unit"], r["bound"]) for r in rows(text)}
    assert {("gdp", "level", 1000.0, "亿元", ">="), ("industrial_output", "level", 1500.0, "亿元", ">=")} <= found
    assert not any(r[0] == "registered_population" and r[1] == "level" for r in found)     # 亿 alone is 元 only for amounts


def test_layout_spaces_around_a_decimal_point_only():
    found = got(BULLETIN + "全年地区生产总值增长6 . 5%,规上工业增加值增长7 %。")
    assert ("gdp", 2022, "growth", 6.5, "") in found and ("gdp", 2022, "growth", 65.0, "") not in found


WORK_REPORT_2026 = "某区政府工作报告\n——2026年1月15日在某区第三届人民代表大会第五次会议上\n"


def test_a_heading_naming_a_finished_plan_reviews_it_in_a_work_report():
    text = WORK_REPORT_2026 + "一、“十四五”发展成就\n综合实力跃上新台阶,地区生产总值年均增长6.3%;五年累计完成固定资产投资1356亿元。"
    assert got(text) == {("gdp", 2025, "growth", 6.3, 2021), ("fixed_asset_investment", 2025, "cumulative", 1356.0, 2021)}


def test_a_statement_that_a_plan_was_five_years_of_something_frames_its_paragraph():
    text = WORK_REPORT_2026 + "“十四五”时期,是我区发展极不平凡的五年。地区生产总值年均增长6.3%,规模以上工业企业由186家增加到265家。"
    assert got(text) == {("gdp", 2025, "growth", 6.3, 2021), ("industrial_firms_above_scale", 2020, "level", 186.0, ""),
                         ("industrial_firms_above_scale", 2025, "level", 265.0, "")}


def test_a_target_year_clause_with_lizheng_continues_the_name():
    text = WORK_REPORT_2026 + "今后五年,主要目标是:地区生产总值年均增长6%左右,到2030年力争突破600亿元。"
    assert got(text) == {("gdp", 2030, "target_growth", 6.0, 2026), ("gdp", 2030, "target_level", 600.0, "")}


def test_a_results_table_without_years_in_its_done_column():
    text = ("关于某县2025年国民经济和社会发展计划执行情况的报告\n表1 2025年主要指标完成情况\n"
            "指标 | 单位 | 2025年目标 | 完成情况\n地区生产总值 | 亿元 | 6 | 312.5\n规模以上工业增加值增速 | % | 8 | 9.1\n"
            "社会消费品零售总额 | 亿元 | 150 | 121.6\n")
    assert got(text, 2026) == {
        ("gdp", 2025, "target_growth", 6.0, ""), ("gdp", 2025, "level", 312.5, ""),       # 6 beside 312.5: a rate
        ("industrial_value_added", 2025, "target_growth", 8.0, ""), ("industrial_value_added", 2025, "growth", 9.1, ""),
        ("retail_sales", 2025, "target_level", 150.0, ""), ("retail_sales", 2025, "level", 121.6, "")}


def test_a_price_rise_held_to_a_ceiling_is_a_growth_target():
    assert got("2026年主要预期目标\n居民消费价格涨幅控制在2%左右。", 2026) == {("cpi", 2026, "target_growth", 2.0, "")}


def test_quan_nian_in_a_bulletin_is_the_bulletins_year_after_another_year_was_named():
    text = ("2023年某县国民经济和社会发展统计公报\n二、农业2022年,全县粮食播种面积3.8万亩。"
            "三、工业全年规模以上工业增加值66.15亿元,同比增长3.6%。四、投资全年固定资产投资同比下降17.5%。")
    assert got(text) == {("grain_area", 2022, "level", 3.8, ""), ("industrial_value_added", 2023, "level", 66.15, ""),
                         ("industrial_value_added", 2023, "growth", 3.6, ""),
                         ("fixed_asset_investment", 2023, "growth", -17.5, "")}


def test_a_share_named_in_brackets_after_its_phrase():
    text = BULLETIN + "年末常住人口13.22万人,其中城镇常住人口6.04万人,占总人口比重(常住人口城镇化率)为45.71%。"
    assert ("urbanization_rate", 2022, "share", 45.71, "") in got(text)


def test_a_bare_value_added_clause_after_an_output_value_is_that_industrys():
    text = BULLETIN + "规上工业总产值连续三年每年增长30亿元以上,增加值增长13.5%。"
    assert got(text) == {("industrial_value_added", 2022, "growth", 13.5, "")}


def test_a_record_clause_between_a_figure_and_its_growth_keeps_the_name():
    text = BULLETIN + "一般公共预算收入完成10.75亿元,历史首次突破10亿元大关,增长13.16%。"
    assert got(text) == {("budget_revenue", 2022, "level", 10.75, ""), ("budget_revenue", 2022, "growth", 13.16, "")}


def test_a_flow_after_its_stock_in_the_next_clause():
    text = BULLETIN + "年末全县共有国家高新技术企业52家,当年新认定12家。"
    assert got(text) == {("high_tech_firms", 2022, "level", 52.0, ""),
                         ("high_tech_firms_certified", 2022, "cumulative", 12.0, 2022)}


NEWS_2025 = "11月20日,某县召开“十四五”发展成就新闻发布会。\n"


def test_a_review_written_in_the_plans_last_year_dates_its_figures_by_their_own_words():
    text = NEWS_2025 + ("“十四五”时期,某县经济社会发展取得新成效。截至2024年底,全县地区生产总值完成47.12亿元,较“十三五”末"
                        "年均增长4%;人均生产总值较“十三五”末的3.4万元增长到3.9万元。")
    assert got(text, 2025) == {("gdp", 2024, "level", 47.12, ""), ("gdp", 2024, "growth", 4.0, 2021),
                               ("per_capita_gdp", 2020, "level", 3.4, ""), ("per_capita_gdp", 2024, "level", 3.9, "")}


def test_an_estimate_of_the_year_in_its_last_months_is_an_actual():
    text = NEWS_2025 + "预计到2025年末,全县地区生产总值将突破140亿元,年均增长6.2%;社会消费品零售总额达58亿元。"
    assert got(text, 2025) == {("gdp", 2025, "level", 140.0, ""), ("gdp", 2025, "growth", 6.2, 2021),
                               ("retail_sales", 2025, "level", 58.0, "")}


def test_a_plan_period_reviewed_once_is_reviewed_in_later_paragraphs_and_its_first_years_are_named():
    text = NEWS_2025 + ("“十四五”期间,某县经济发展呈现出强劲势头。固定资产投资累计完成314亿元。\n"
                        "“十四五”前四年,全县地区生产总值年均增速达6.6%。")
    assert got(text) == {("fixed_asset_investment", 2025, "cumulative", 314.0, 2021), ("gdp", 2024, "growth", 6.6, 2021)}


def test_a_results_heading_without_a_year_is_of_the_report_it_is_in():
    text = ("关于某市2025年国民经济和社会发展计划执行情况与2026年计划草案的报告\n——2025年12月29日在某市人民代表大会上\n"
            "一、2025年国民经济和社会发展计划执行情况\n一年来,全市经济总体平稳。\n主要经济指标预计完成情况:\n"
            "地区生产总值预计完成95亿元,同比增长1%;\n")
    assert got(text) == {("gdp", 2025, "level", 95.0, ""), ("gdp", 2025, "growth", 1.0, "")}


def test_a_list_after_xinzeng_lists_flows_and_a_bare_measure_is_its_subjects():
    text = BULLETIN + ("全年新增省级专精特新企业26家、高新技术企业29家。全县粮食播种面积77.27万亩,总产量达366156吨。"
                       "全县规模以上工业企业实现总产值434013万元,比上年增长12.5%。")
    assert got(text) >= {("high_tech_firms_certified", 2022, "cumulative", 29.0, 2022),
                         ("grain_output", 2022, "level", 366156.0, ""), ("industrial_output", 2022, "level", 434013.0, ""),
                         ("industrial_output", 2022, "growth", 12.5, "")}


def test_the_targets_after_a_paragraph_on_last_year_are_the_documents_year():
    text = ("某市人大会议开幕\n2015-02-27 17:34:18来源:某报\n市长在政府工作报告中提到,2014年全市实现生产总值1195.6亿元、增长10%。\n"
            "主要预期目标建议为地区生产总值增长8.5%,全社会固定资产投资增长16.7%,城镇新增就业2.25万人,城镇化率提高1.2个百分点,"
            "单位GDP能耗完成省下目标。\n过去的一年,全区经济持续向好。全年预计实现一般公共预算收入85.1亿元。")
    assert got(text) == {("gdp", 2014, "level", 1195.6, ""), ("gdp", 2014, "growth", 10.0, ""),
                         ("gdp", 2015, "target_growth", 8.5, ""), ("total_fixed_asset_investment", 2015, "target_growth", 16.7, ""),
                         ("new_urban_employment", 2015, "target_level", 2.25, 2015), ("budget_revenue", 2014, "level", 85.1, "")}


def test_a_review_since_a_plan_began_runs_to_the_year_before_the_document():
    text = ("10月22日,某市新闻办举行新闻发布会。\n全市地区生产总值由2020年的1100.5亿元增加至2024年的1328.5亿元,前四年年均增长3.6%。\n"
            "“十四五”以来,我市主要指标进展顺利。固定资产投资、社会消费品零售总额年均增速分别达6.8%和5.5%。")
    undated = extract_document(text, "某市", "t.txt", None, registry=REGISTRY)
    assert undated.undated == 2            # no year for 以来 to end before: asked for (--year)
    assert got(text, 2025) == {("gdp", 2020, "level", 1100.5, ""), ("gdp", 2024, "level", 1328.5, ""),
                               ("gdp", 2024, "growth", 3.6, 2021), ("fixed_asset_investment", 2024, "growth", 6.8, 2021),
                               ("retail_sales", 2024, "growth", 5.5, 2021)}


def test_steps_crossed_and_a_from_to_count_within_five_years():
    text = WORK_REPORT_2026 + ("过去五年,规模以上工业企业由23家增至45家。预计2025年,全区地区生产总值完成87.4亿元,五年跨越3个十亿级台阶,"
                               "年均增速达到8%。")
    assert got(text) == {("industrial_firms_above_scale", 2020, "level", 23.0, ""),
                         ("industrial_firms_above_scale", 2025, "level", 45.0, ""),
                         ("gdp", 2025, "level", 87.4, ""), ("gdp", 2025, "growth", 8.0, 2021)}


def test_an_average_after_a_pair_from_a_plans_end_runs_from_that_plan():
    text = ("某县2026年政府工作报告\n—2025年12月18日在县人民代表大会上\n一、“十四五”时期发展成就和2025年主要工作\n"
            "全县地区生产总值(预计数,下同)从“十三五”末的117亿元增长至2025年的163亿元,年均增长6.4%。")
    assert ("gdp", 2025, "growth", 6.4, 2021) in got(text) and ("gdp", 2025, "level", 163.0, "") in got(text)


def test_a_consumer_price_ceiling_is_a_growth_target_and_a_chinese_numeral_year_dates_a_bulletin():
    assert got("2013年主要预期目标\n居民消费价格指数控制在3.5%以内。", 2013) == {("cpi", 2013, "target_growth", 3.5, "")}
    text = "某县二〇二三年国民经济和社会发展统计公报\n某县统计局\n2022年,粮食播种面积3.8万亩。全年粮食总产量16.28万吨。"
    assert ("grain_output", 2023, "level", 16.28, "") in got(text, 2024)


def test_a_pair_without_years_spans_the_years_of_the_pair_before_it():
    text = ("过去的五年,全区地区生产总值从2016年的695.7亿元增加到2021年的1144.2亿元,年均增长8.7%。"
            "规上工业总产值从742亿元增加到1550.2亿元,年均增长15.3%。")
    assert got(text, 2022) >= {("industrial_output", 2016, "level", 742.0, ""), ("industrial_output", 2021, "level", 1550.2, "")}


def test_a_page_on_three_quarters_whose_headline_lacks_the_period_is_partial():
    text = ("实现地区生产总值744.94亿元,同比增长6.3%\n"
            "农业生产形势较好,第一产业增加值145.88亿元,增长3.8%。初步统计,前三季度蔬菜产量增长4.5%。")
    assert got(text, 2024) == set() and {r[0] for r in got(text, 2024, "needs_review")} >= {"gdp", "primary_value_added"}


def test_a_bulletin_with_an_unreadable_title_year_is_of_the_year_before_its_date_line():
    text = "?023年某区国民经济和社会发展统计公报\n(2024年4月)\n一、综合\n全年一般公共预算收入207450万元,增长0.2%。"
    assert got(text) == {("budget_revenue", 2023, "level", 207450.0, ""), ("budget_revenue", 2023, "growth", 0.2, "")}


def test_one_figure_for_town_and_country_together_is_the_whole_populations():
    text = BULLETIN + "全年城乡居民人均可支配收入41950元,增长8.1%。"
    assert got(text) == {("disposable_income", 2022, "level", 41950.0, ""), ("disposable_income", 2022, "growth", 8.1, "")}


def test_a_december_report_reviews_its_own_year_and_what_it_ensured_is_no_target():
    text = ("2017年12月25日在某县人民代表大会上\n2017年工作回顾\n一年来,确保了社会稳定,较好地完成了年初确定的各项目标任务。"
            "预计全年实现地区生产总值38.62亿元,同比增长8.1%;完成全社会固定资产投资18.2亿元,同比增长27%。")
    assert got(text) == {("gdp", 2017, "level", 38.62, ""), ("gdp", 2017, "growth", 8.1, ""),
                         ("total_fixed_asset_investment", 2017, "level", 18.2, ""),
                         ("total_fixed_asset_investment", 2017, "growth", 27.0, "")}


def test_a_growth_takes_the_price_basis_named_in_brackets_before_it():
    text = BULLETIN + ("全县地区生产总值(现价)完成698824万元,同比增长10.67%,地区生产总值(可比价)增速6.1%。"
                       "第一产业完成增加值(现价)为186820万元,同比增长4.52%,可比价增速4.2%。")
    growths = {(r["indicator"], r["value"], r["price_basis"]) for r in rows(text) if r["kind"] == "growth"}
    assert growths == {("gdp", 10.67, "current"), ("gdp", 6.1, "comparable"),
                       ("primary_value_added", 4.52, "current"), ("primary_value_added", 4.2, "comparable")}


def test_a_december_report_reviews_five_years_to_its_own_and_a_one_sided_layout_space_joins_a_decimal():
    text = ("政府工作报告\n2016年12月16日在某县人民代表大会上\n一、过去五年工作回顾\n五年来,全县经济社会发展取得重大成就。"
            "初步统计,2016年,实现地区生产总值189亿元,是2011年的1.74倍;固定资产投资207亿元,是2011年的2 .7倍;"
            "社会消费品零售总额125亿元,是2011年的2倍。规模以上工业企业由115家增加到173家。")
    assert got(text) >= {("gdp", 2016, "level", 189.0, ""), ("retail_sales", 2016, "level", 125.0, ""),
                         ("industrial_firms_above_scale", 2016, "level", 173.0, "")}


def test_a_rank_from_a_year_is_no_year_cue_and_a_stock_counted_now_is_as_of_the_day():
    text = ("某县“十四五”发展成就新闻发布会\n全县地区生产总值年均增长6.6%,2025年首次突破350亿元,在全省排名由2021年第41位上升到第36位。"
            "城乡居民人均可支配收入分别达到45041元、17088元。\n科技创新持续跃升。全县现有高新技术企业达736家。")
    found = got(text, 2025)
    assert ("urban_disposable_income", 2025, "level", 45041.0, "") in found and not any(r[1] == 2021 for r in found)
    assert ("high_tech_firms", 2025, "level", 736.0, "") in got(text, 2025, "needs_review")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\u3000"])
def test_a_layout_space_of_any_kind_beside_a_decimal_point_is_joined(space):
    text = BULLETIN + f"全年全县生产总值620{space}.5亿元,增长6{space}.{space}0%。"
    assert got(text) == {("gdp", 2022, "level", 620.5, ""), ("gdp", 2022, "growth", 6.0, "")}


def test_growth_measured_from_a_plans_end_is_over_several_years_and_not_a_rate_a_year():
    text = ("某县“十四五”发展成就新闻发布会\n2025年,全县城乡居民人均可支配收入分别达到41200元、18800元,"
            "较“十三五”末分别提高31%、48%;一般公共预算收入比2020年增长26%。")
    found = got(text, 2025)
    assert ("urban_disposable_income", 2025, "level", 41200.0, "") in found
    assert not {r for r in found if r[2] == "growth"}


def test_an_exact_figure_is_kept_over_a_round_mark_passed_for_the_same_year():
    text = BULLETIN + "经济总量突破百亿元。2022年,全县完成地区生产总值103.42亿元,按不变价核算,同比增长2.9%。"
    assert {r for r in got(text) if r[2] == "level"} == {("gdp", 2022, "level", 103.42, "")}


def test_figures_of_the_units_a_district_administers_are_for_review():
    text = ("2024年某区国民经济和社会发展计划执行情况\n2024年,全区地区生产总值完成2210.5亿元,增长4.6%;"
            "区属规模以上工业增加值增长2.3%;区属社会消费品零售总额完成281.6亿元,增长1.9%。")
    assert got(text, 2025) == {("gdp", 2024, "level", 2210.5, ""), ("gdp", 2024, "growth", 4.6, "")}
    review = [r for r in rows(text, 2025) if r["status"] == "needs_review"]
    assert {(r["indicator"], r["value"]) for r in review} == {("industrial_value_added", 2.3), ("retail_sales", 281.6),
                                                              ("retail_sales", 1.9)}
    assert all("check:part_of_place" in r["note"] for r in review)


def test_a_list_printing_its_unit_once_after_the_last_number_gives_each_number_that_unit():
    text = BULLETIN + "城镇和农村常住居民人均可支配收入分别达到35120、17460元,同比分别增长6.9%和8.2%。"
    assert got(text) >= {("urban_disposable_income", 2022, "level", 35120.0, ""),
                         ("rural_disposable_income", 2022, "level", 17460.0, "")}


def test_a_sub_aggregate_of_services_is_not_the_tertiary_industry():
    text = BULLETIN + "全年营利性服务业增加值9.6亿元,下降3.0%;其他服务业增加值21.4亿元,增长6.3%。"
    assert not {r for r in got(text) if r[0] == "services_value_added"}


def test_a_years_running_total_of_revenue_is_the_years_figure():
    text = BULLETIN + "财政收入\n全年财政收入跨越90亿元,累计完成93.7亿元,同比增长5.2%。"
    assert ("total_fiscal_revenue", 2022, "level", 93.7, "") in got(text)


def test_a_range_of_years_inside_a_plan_the_paragraph_reviews_is_past():
    text = "回顾“十四五”时期以来,我县地区生产总值增速连续四年超过5%,2021-2024年年均增长6.3%,排全市第3位。"
    assert got(text) == {("gdp", 2024, "growth", 6.3, 2021)}


def test_a_remark_without_a_figure_does_not_end_what_the_name_owns():
    text = BULLETIN + ("全年地区生产总值实现812.6亿元,是全市首个突破八百亿的县,按可比价格计算,比上年增长6.2%。"
                       "一般公共预算收入完成31.2亿元,总量稳居全市第一、全省前列,增长4.4%。")
    assert got(text) >= {("gdp", 2022, "growth", 6.2, ""), ("budget_revenue", 2022, "growth", 4.4, "")}


def test_a_breakdown_by_quarter_in_a_years_bulletin_holds_only_to_its_sentence():
    text = BULLETIN + ("全县实现地区生产总值198.4亿元,比上年增长4.1%。分季度看,GDP一季度同比增长2.0%,上半年同比增长3.1%,"
                       "前三季度同比增长3.6%。人均GDP 43120元。")
    assert ("per_capita_gdp", 2022, "level", 43120.0, "") in got(text)
    assert not {r for r in got(text) if r[3] in (2.0, 3.1, 3.6)}


def test_a_partial_year_cue_still_holds_for_the_paragraph_of_a_partial_year_report():
    text = ("2022年前三季度某县经济运行情况\n前三季度,全县地区生产总值148.2亿元,同比增长3.6%,其中一季度增长2.0%,"
            "上半年增长3.1%。规模以上工业增加值增长5.2%。")
    assert not got(text)


def test_a_work_reports_title_year_is_the_documents_and_not_the_year_of_its_review():
    text = ("(某省)2019年某县人民政府工作报告(全文)\n一年来,全县经济社会保持平稳健康发展。预计全县生产总值61.2亿元、增长7.9%;"
            "农业总产值19.1亿元、下降0.5%\n;规模以上工业总产值80.6亿元、增长9.5%;\n地方一般公共预算收入2.68亿元、增长10.52%。")
    assert ("budget_revenue", 2018, "level", 2.68, "") in got(text, 2019)
    assert not {r for r in got(text, 2019) if r[1] == 2019}


def test_a_year_naming_the_part_of_a_report_on_plans_does_not_date_the_review_after_it():
    # the opening of hold-out 33's AJ04 (a stored copy of a public news page), cut before its figures
    page = normalize_file(Path(__file__).parent / "fixtures/corpus/holdout33/AJ04_理县_news.txt")[0]
    text = page[:page.find("全年预计")] + "全社会固定资产投资达到45亿元。"
    assert got(text, 2018) == {("total_fixed_asset_investment", 2017, "level", 45.0, "")}


def test_a_sentence_naming_what_the_five_years_were_reviews_a_governments_term():
    text = ("某县人民政府工作报告\n2021年12月20日在县第十七届人民代表大会第一次会议上\n一、本届政府和2021年工作回顾\n"
            "这是砥砺奋进、综合实力显著增强的五年。地区生产总值从120.5亿元增长到301亿元;社会消费品零售总额年均增长9%;"
            "累计完成固定资产投资760亿元。")
    assert got(text) == {("gdp", 2016, "level", 120.5, ""), ("gdp", 2021, "level", 301.0, ""),
                         ("retail_sales", 2021, "growth", 9.0, 2017),
                         ("fixed_asset_investment", 2021, "cumulative", 760.0, 2017)}


def test_a_prefectures_own_units_are_for_review_too():
    text = "2017年某州国民经济和社会发展统计公报\n全年州属固定资产投资71.4亿元,同比增长0.4%。"
    assert not got(text) and {r["value"] for r in rows(text) if "check:part_of_place" in r["note"]} == {71.4, 0.4}


def test_one_rate_after_a_respectively_pair_with_jun_is_each_names():
    text = BULLETIN + "全年城乡居民人均可支配收入分别达到41200元和17300元,均增长7.1%。"
    assert got(text) == {("urban_disposable_income", 2022, "level", 41200.0, ""),
                         ("rural_disposable_income", 2022, "level", 17300.0, ""),
                         ("urban_disposable_income", 2022, "growth", 7.1, ""),
                         ("rural_disposable_income", 2022, "growth", 7.1, "")}


def test_averages_listed_after_names_each_with_its_own_value_go_to_those_names_in_order():
    text = ("“十三五”期间,县域经济实力明显增强。2020年实现地区生产总值512.3亿元、人均生产总值5.8万元,"
            "年均分别增长6.2%、5.9%。")
    assert got(text, 2021) == {("gdp", 2020, "level", 512.3, ""), ("per_capita_gdp", 2020, "level", 5.8, ""),
                               ("gdp", 2020, "growth", 6.2, 2016), ("per_capita_gdp", 2020, "growth", 5.9, 2016)}


def test_a_rural_or_urban_income_is_never_the_whole_populations():
    # 年人均 inside a registered name; a qualifier without a registered name goes to review, not to the total
    text = BULLETIN + "全年城镇和农村常住居民年人均可支配收入分别增长9.5%、10.5%。农民人均可支配收入15000元。"
    assert got(text) == {("urban_disposable_income", 2022, "growth", 9.5, ""),
                         ("rural_disposable_income", 2022, "growth", 10.5, "")}
    assert {r["value"] for r in rows(text) if r["indicator"] == "unknown"} == {15000.0}


def test_a_herding_areas_rural_income_is_never_the_whole_populations():
    # the fixture's names do not list 农村牧区…: not proposed as anyone's, and its numbers still shown
    found = extract_document(BULLETIN + "全年农村牧区常住居民人均可支配收入14394元,同比增长10%。", "某县", "t.txt",
                             registry=REGISTRY)
    assert not [r for r in found.rows if r["status"] == "proposed"]
    assert {14394.0, 10.0} <= {r["value"] for r in found.rows + found.unread}


def test_so_far_this_year_in_a_report_delivered_after_the_year_is_the_whole_year():
    # the opening of hold-out 34's AK07 (a stored copy of a public web page): a plan-execution report on 2022
    # delivered on 4 January 2023, whose 今年以来 was written of the whole of 2022
    page = normalize_file(Path(__file__).parent / "fixtures/corpus/holdout34/AK07_西城区_annual_report.txt")[0]
    text = page[:page.find("全区地区生产总值")] + "全区地区生产总值实现570.1亿元,同比增长4.1%。"
    assert got(text) == {("gdp", 2022, "level", 570.1, ""), ("gdp", 2022, "growth", 4.1, "")}


def test_growth_in_a_review_of_several_years_is_not_a_years_rate():
    review = ("某县人民政府工作报告\n2021年1月\n一、“十三五”发展成就\n过去五年,地区生产总值达到250亿元,年均增长7%;"
              "城乡居民人均可支配收入达到38504元、15326元,分别增长38.4%、49%。")
    assert got(review) == {("gdp", 2020, "level", 250.0, ""), ("gdp", 2020, "growth", 7.0, 2016),
                           ("urban_disposable_income", 2020, "level", 38504.0, ""),
                           ("rural_disposable_income", 2020, "level", 15326.0, "")}
    from_plan_end = ("2021年某县人民政府工作报告\n2020年,全县完成地区生产总值233亿元、较“十二五”末增长27%;"
                     "城乡居民人均可支配收入达到38504元、15326元,分别增长38.4%、49%。")
    assert not {r for r in got(from_plan_end) if r[2] == "growth"}
    this_year = review.replace("过去五年,", "过去五年,全年")                 # 全年: the year's rate after all
    assert ("urban_disposable_income", 2020, "growth", 38.4, "") in got(this_year)


def test_five_years_average_names_its_span():
    text = "2012年2月9日\n一、过去五年的工作\n2011年,全县实现地区生产总值82.26亿元,五年年均增长12.9%。"
    assert got(text) == {("gdp", 2011, "level", 82.26, ""), ("gdp", 2011, "growth", 12.9, 2007)}


def test_from_to_with_fazhan_and_a_stock_at_years_end_after_a_flow():
    review = ("某县人民政府工作报告\n2021年2月7日\n一、“十三五”时期及2020年工作回顾\n五年来,全县经济社会发展稳中有进。"
              "2020年,高新技术企业由14家发展到36家。")
    assert ("high_tech_firms", 2020, "level", 36.0, "") in got(review)
    bulletin = BULLETIN + "全年新登记市场主体11428户,年末实有66094户。"
    assert ("market_entities", 2022, "level", 66094.0, "") in got(bulletin)


def test_growths_after_a_respectively_pair_joined_by_a_dunhao():
    text = BULLETIN + "城乡居民人均可支配收入分别达到37462元和17597元、增长7%和10%。"
    assert got(text) == {("urban_disposable_income", 2022, "level", 37462.0, ""),
                         ("rural_disposable_income", 2022, "level", 17597.0, ""),
                         ("urban_disposable_income", 2022, "growth", 7.0, ""),
                         ("rural_disposable_income", 2022, "growth", 10.0, "")}


def test_the_places_own_name_before_a_short_alias_does_not_glue_it():
    text = "2022年1月\n2021年,武宣经济增长预计增长10%左右。"
    found = {(r["indicator"], r["year"], r["kind"], r["value"]) for r in
             extract_document(text, "武宣县", "t.txt", registry=REGISTRY).rows if r["status"] == "proposed"}
    assert found == {("gdp", 2021, "growth", 10.0)}
    elsewhere = {r["indicator"] for r in extract_document(text, "某县", "t.txt", registry=REGISTRY).rows}
    assert "gdp" not in elsewhere                     # another place's 武宣经济增长 is not this one's GDP


def test_a_crops_output_after_its_area_across_a_semicolon():
    text = BULLETIN + "主要农产品产量:粮食种植面积27.3万亩,同比下降3.4%;总产量9.29万吨,下降3.5%。"
    assert ("grain_output", 2022, "level", 9.29, "") in got(text)


def test_a_period_right_after_the_titles_year_makes_an_execution_report_partial_year():
    text = ("关于2019年上半年国民经济和社会发展 计划执行情况的报告\n2019-11-18 16:54文章来源:发改局\n"
            "一、国民经济和社会发展计划执行情况\n——地区生产总值(GDP)22.99亿元,同比增长6%(下同)。")
    assert not got(text)
    assert {r["value"] for r in rows(text) if r["status"] == "needs_review"} == {22.99, 6.0}
    whole = text.replace("上半年", "")                       # the same report on the whole year
    assert got(whole) == {("gdp", 2019, "level", 22.99, ""), ("gdp", 2019, "growth", 6.0, "")}


def test_a_reading_of_a_work_report_published_by_june_reviews_the_year_before():
    # the title runs into the source line and the first paragraph (no punctuation between them)
    text = ("2020年某市政府工作报告解读(一):经济社会保持平稳健康发展\n来源:某某报发布日期:2020-05-14 17:30\n"
            "一年来,在市委的坚强领导下,经济社会保持平稳健康发展\n全市地区生产总值257.02亿元,增长5.2%。")
    assert got(text) == {("gdp", 2019, "level", 257.02, ""), ("gdp", 2019, "growth", 5.2, "")}


def test_a_quarter_named_in_passing_in_a_whole_years_sentence_holds_to_its_clause():
    text = ("2018年1月19日在某县第十六届人民代表大会第二次会议上\n一、2017年国民经济和社会发展计划执行情况\n"
            "预计全年实现地区生产总值390亿元,增长9%,三季度三次产业比重为3.2:46.3:50.5;"
            "实现一般公共预算收入31.60亿元,同口径增长7.5%。")
    assert got(text) == {("gdp", 2017, "level", 390.0, ""), ("gdp", 2017, "growth", 9.0, ""),
                         ("budget_revenue", 2017, "level", 31.6, ""), ("budget_revenue", 2017, "growth", 7.5, "")}


_TWO_ROW_HEADER = ("附表1:按当年价格计算的国内生产总值\n|\n项目|\n现价(亿元) |\n增速% (可比价) |\n构成% |\n|\n|\n2015年|\n"
                   "2016年|\n||||\n|\n国内生产总值|\n48.26 |\n56.69 |\n13.5 |\n—|\n|\n第一产业|\n14.22 |\n16.35 |\n6.2 |\n"
                   "28.8 |\n")


@pytest.mark.parametrize("title", ["2016年某县国民经济和社会发展统计公报\n", "2016年,全县经济运行稳中有进。\n"])
def test_years_under_a_price_header_cell_are_the_value_columns(title):
    found = got(title + _TWO_ROW_HEADER, 2017)
    assert {("gdp", 2015, "level", 48.26, ""), ("gdp", 2016, "level", 56.69, ""),
            ("primary_value_added", 2015, "level", 14.22, ""), ("primary_value_added", 2016, "level", 16.35, "")} <= found
    assert not {r for r in found if r[3] in (48.26, 14.22) and r[1] == 2016}


def test_a_review_heading_alone_on_its_line_dates_an_undated_work_report():
    text = ("政府工作报告\n  在某县第十七届人民代表大会第三次会议上的报告\n  2018年工作回顾\n"
            "  2018年,我们较好完成了全年主要目标任务。预计实现地区生产总值485亿元,增长6.8%。\n")
    assert got(text) == {("gdp", 2018, "level", 485.0, ""), ("gdp", 2018, "growth", 6.8, "")}


def test_this_year_so_far_opening_a_whole_year_bulletin_is_not_a_period():
    text = ("今年以来,全县坚持稳中求进,全力促进经济稳步向好。\n一、综合\n"
            "初步核算,2017年地区生产总值全年完成116.5亿元,按可比价格计算,比上年同期增长4.6%。\n")
    assert got(text, 2018) == {("gdp", 2017, "level", 116.5, ""), ("gdp", 2017, "growth", 4.6, "")}
    half = "今年以来,全县地区生产总值完成56.5亿元,增长4.6%。\n"          # nothing names a whole year: a period
    assert not got(half, 2018) and got(half, 2018, "needs_review")


def test_the_five_years_of_a_cited_work_report_are_the_five_before_it():
    text = ("2023年1月13日\n遂平县人民政府2022年政府工作报告中提到,遂平县在过去五年里,生产总值由180.6亿元增加到258.33亿元,"
            "年均增长7.7%。\n")
    assert got(text) >= {("gdp", 2016, "level", 180.6, ""), ("gdp", 2021, "level", 258.33, ""),
                         ("gdp", 2021, "growth", 7.7, 2017)}


def test_a_shorter_term_reviewed_spans_its_own_years():
    text = ("政府工作报告\n(2022年1月5日)\n一、过去四年工作回顾\n"
            "过去四年,预计全旗一般公共预算收入累计完成25.32亿元;固定资产投资累计完成65.3亿元,年均增长2.3%。\n")
    assert got(text) >= {("budget_revenue", 2021, "cumulative", 25.32, 2018),
                         ("fixed_asset_investment", 2021, "growth", 2.3, 2018)}


def test_bi_zeng_is_a_growth_over_the_year_before():
    text = "2019年,全县生产总值、规上工业增加值分别比增5.1%和15.3%。"
    assert got(text, 2020) == {("gdp", 2019, "growth", 5.1, ""), ("industrial_value_added", 2019, "growth", 15.3, "")}


def test_a_review_named_inline_as_the_reports_first_part_dates_it():
    text = ("区长作了政府工作报告。报告分为三个部分:一是2018年工作回顾;二、2019年的主要工作。\n"
            "2018年,我们完成一般公共预算收入160.5亿元;预计地区生产总值将达到1400亿元,同比增长5.3%。\n")
    assert got(text) >= {("gdp", 2018, "level", 1400.0, ""), ("gdp", 2018, "growth", 5.3, "")}


def test_a_from_to_pair_without_de_before_its_last_value():
    text = "2022年,全县生产总值从2015年的39.70亿元增长到2020年61.95亿元,年均增长9.3%。"
    found = got(text, 2023)
    assert {("gdp", 2015, "level", 39.7, ""), ("gdp", 2020, "level", 61.95, "")} <= found
    assert not any(v == 2020.0 for _, _, _, v, _ in found)                      # the year is not a value


def test_a_target_and_results_table_with_a_two_row_header_one_cell_a_line():
    cells = ["2017年国民经济和社会发展主要目标完成情况", "序号", "指标名称", "2017年目标", "2017年实绩", "完成情况评价",
             "比上年增长(%)", "总量", "比上年增长(%)", "1", "地区生产总值△", "8", "553.2亿元", "8.1", "超额完成",
             "2", "城镇居民人均可支配收入", "8", "50286元", "9.3", "超额完成"]
    text = "关于某县2017年国民经济和社会发展计划执行情况与2018年国民经济和社会发展计划草案的报告\n" + "\n".join(cells) + "\n"
    assert got(text) == {("gdp", 2017, "target_growth", 8.0, ""), ("gdp", 2017, "level", 553.2, ""),
                         ("gdp", 2017, "growth", 8.1, ""), ("urban_disposable_income", 2017, "target_growth", 8.0, ""),
                         ("urban_disposable_income", 2017, "level", 50286.0, ""),
                         ("urban_disposable_income", 2017, "growth", 9.3, "")}


def test_a_sectors_value_after_a_remark_on_it():
    text = "2022年,第一产业稳中有进,全年实现增加值4.1亿元,较上年增长1.4%;第二产业支撑有力,全年实现增加值764.22亿元,增长4.1%。"
    assert got(text, 2023) >= {("primary_value_added", 2022, "level", 4.1, ""), ("primary_value_added", 2022, "growth", 1.4, ""),
                               ("secondary_value_added", 2022, "level", 764.22, "")}


def test_a_december_congress_estimating_its_own_year_gives_actuals():
    text = ("12月31日,在某县第十八届人民代表大会第二次会议上,县长作政府工作报告。\n"
            "预计到2022年底,全县实现GDP243亿元,增长7%左右;实现一般公共预算收入16亿元。\n")
    assert got(text) >= {("gdp", 2022, "level", 243.0, ""), ("budget_revenue", 2022, "level", 16.0, "")}
    dated = ("2022-12-30 10:13 来源:新京报\n12月29日,某区人民代表大会开幕,区长作了政府工作报告。\n"
             "区长指出,某区克服多重超预期因素冲击,预计全年地区生产总值将超过1300亿元、增长1%。\n")
    assert {(i, y, k) for i, y, k, _, _ in got(dated)} == {("gdp", 2022, "level"), ("gdp", 2022, "growth")}


def test_a_two_year_average_is_for_review_not_a_years_rate():
    text = BULLETIN + "全年地区生产总值87.36亿元,比上年增长8%,两年平均增长6%。"
    assert ("gdp", 2022, "growth", 8.0, "") in got(text)
    assert not any(v == 6.0 for _, _, _, v, _ in got(text))
    assert any(r["value"] == 6.0 and "check:short_average" in r["note"] for r in rows(text) if r["status"] == "needs_review")
    # still read with the first year it covers, for the analyst who keeps it
    assert ("gdp", 2022, "growth", 5.3, 2021) in got(BULLETIN + "全年地区生产总值250亿元,两年平均增长5.3%。", None, "needs_review")


def test_a_price_base_year_is_no_date():
    text = ("某县2021年国民经济和社会发展统计公报\n初步核算,2021年全县地区生产总值完成1017805万元,"
            "按2020年不变价格计算比上年增长9.4%,其中:第一产业增加值343046万元,同比增长8.6%。\n")
    assert {(i, y) for i, y, _, _, _ in got(text)} == {("gdp", 2021), ("primary_value_added", 2021)}


def test_a_base_year_marked_same_below_holds_for_the_growths_after_it():
    text = ("2016年,预计全县生产总值340亿元,比2012年(下同)增长47.7%;固定资产投资353.7亿元,增长125.1%。\n")
    found = got(text, 2016)
    assert ("gdp", 2016, "level", 340.0, "") in found and not any(k == "growth" for _, _, k, _, _ in found)


@pytest.mark.parametrize("text", ["2022年末全县户籍总户数19.13万户,总人口54.41万人。", "2022年末全市户籍户数为42.99万户,人口54.41万人。"])
def test_registered_households_then_population_is_the_registered_population(text):
    assert ("registered_population", 2022, "level", 54.41, "") in got(text, 2023)


def test_zeng_jia_and_jiang_di_with_a_percentage_are_growths():
    text = "2021年,规上工业总产值同比增加28.4%,全社会固定资产投资降低28.5%。"
    assert got(text, 2022) == {("industrial_output", 2021, "growth", 28.4, ""),
                               ("total_fixed_asset_investment", 2021, "growth", -28.5, "")}


def test_an_estimate_naming_no_year_after_a_quarter_is_the_quarters():
    text = ("会议通报了某县2018年一季度经济运行情况。第一季度,主要经济指标实现了“开门红”。"
            "预计全县完成地区生产总值30.6亿元,同比增长8.4%。\n")
    assert not got(text, 2018) and {v for _, _, _, v, _ in got(text, 2018, "needs_review")} >= {30.6, 8.4}


def test_a_table_header_with_no_cell_over_the_names():
    text = ("2019年某市国民经济和社会发展统计公报\n表1 2019年某市生产总值\n| 绝对数(亿元) | 比上年增长(%) |\n"
            "地区生产总值 | 617.50 | 5.2 |\n第一产业 | 37.11 | 2.6 |\n")
    assert got(text) == {("gdp", 2019, "level", 617.5, ""), ("gdp", 2019, "growth", 5.2, ""),
                         ("primary_value_added", 2019, "level", 37.11, ""), ("primary_value_added", 2019, "growth", 2.6, "")}


def test_a_speech_date_line_is_not_joined_to_the_heading_under_it():
    text = ("2024年《政府工作报告》(摘登)\n——2024年1月9日在某市第十七届人民代表大会第三次会议上\n2023年工作回顾\n"
            "这一年,综合实力更有分量。预计全年地区生产总值增长7.5%,一般公共预算收入增长7.3%。\n")
    assert got(text) == {("gdp", 2023, "growth", 7.5, ""), ("budget_revenue", 2023, "growth", 7.3, "")}


def test_the_years_plan_opening_a_line_is_a_target_and_the_whole_year_estimate_an_actual():
    text = ("一、2023年计划执行情况\n——年计划完成地区生产总值617亿元以上,1—9月完成428.3亿元,同比增长2.2%,"
            "全年预计完成600亿元,完成年计划的97%。\n")
    found = got(text, 2023)
    assert ("gdp", 2023, "target_level", 617.0, "") in found and ("gdp", 2023, "level", 600.0, "") in found
    assert not any(v in (428.3, 2.2) for _, _, _, v, _ in found)


def test_a_congress_of_late_december_reviews_its_own_year():
    text = ("12月27日,某市第十八届人民代表大会第五次会议隆重开幕。市长作政府工作报告。报告分为三部分:一、2024年工作回顾;"
            "二、扎实做好2025年工作;三、全面加强政府自身建设。\n"
            "市长指出,全市高质量发展迈出坚实步伐。预计全年地区生产总值增长5%左右,一般公共预算总收入增长13.8%。\n")
    assert got(text) == {("gdp", 2024, "growth", 5.0, ""), ("total_fiscal_revenue", 2024, "growth", 13.8, "")}


def test_a_year_described_as_a_plans_first_year_keeps_its_figures():
    text = "他说,2016年是“十三五”规划开局之年,全年完成生产总值699.3亿元、增长10%。"
    assert got(text, 2017) == {("gdp", 2016, "level", 699.3, ""), ("gdp", 2016, "growth", 10.0, "")}


def test_a_year_after_a_long_dash_is_a_year_and_a_range_is_not():
    text = "报告分为三部分:一、2024年工作回顾;二、扎实做好2025年工作。市长指出——2024年,全市地区生产总值增长5%左右。"
    assert got(text, 2024) == {("gdp", 2024, "growth", 5.0, "")}
    assert ("gdp", 2024, "growth", 7.4, 2021) in got("2021—2024年,全市地区生产总值年均增长7.4%。", 2025)


def test_a_heading_on_a_plans_last_year_and_the_plan_reviews_the_year_first():
    text = ('2021年某市人民政府工作报告\n--2021年1月12日在某市第十六届人民代表大会第五次会议上\n一、2020年及"十三五"工作回顾\n'
            '2020年,是我市经济社会发展极不平凡的一年。全市上下奋力夺取了"双胜利",为顺利实现"十三五"收官、全面建成小康社会'
            '画上了圆满句号。\n预计,完成地区生产总值390亿元,增长5%;固定资产投资、进出口总额分别增长12.5%和0.4%。\n')
    assert got(text) >= {("gdp", 2020, "level", 390.0, ""), ("gdp", 2020, "growth", 5.0, ""),
                         ("fixed_asset_investment", 2020, "growth", 12.5, "")}


def test_grain_output_after_its_area_as_a_bare_total():
    assert ("grain_output", 2023, "level", 14.31, "") in got("2023年粮食种植面积12万亩,总产14.31万吨。", 2024)


def test_the_urban_residents_share_of_the_residents_is_the_urbanisation_rate():
    split = "年末全区常住人口57.8万人,其中,城镇常住人口39.2万人,占常住人口的比重为67.8%;乡村常住人口18.6万人,占常住人口比重为32.2%。"
    assert ("urbanization_rate", 2022, "share", 67.8, "") in got(BULLETIN + split)
    assert ("urbanization_rate", 2022, "share", 32.2, "") not in got(BULLETIN + split)
    assert ("urbanization_rate", 2022, "share", 58.2, "") in got(BULLETIN + "城镇人口占常住人口比重为58.2%。")
    registered = "年末全市户籍人口105.7万人,其中,城镇人口30.6万人,占总人口比重为29%。"
    assert not {r for r in got(BULLETIN + registered) if r[0] == "urbanization_rate"}


def test_a_round_mark_printed_with_guo_or_yueshang_yields_to_the_exact_figure():
    def levels(text, year):
        return {(r[1], r[3]) for r in got(text, year) if r[0] == "gdp" and r[2] == "level"}
    assert levels("某县去年生产总值过千亿元。2012年,全年完成生产总值1003.89亿元,增长15%。", 2013) == {(2012, 1003.89)}
    assert levels("过去五年,经济总量跃上千亿元台阶,2020年全市实现生产总值1097亿元。", 2021) == {(2020, 1097.0)}


def test_not_more_than_is_a_ceiling():
    found = rows("2024年主要预期目标:居民消费价格涨幅不超过3%。", 2024)
    assert [(r["kind"], r["value"], r["bound"]) for r in found if r["indicator"] == "cpi"] == [("target_growth", 3.0, "<=")]


def test_po_before_a_round_figure_is_a_mark_passed():
    found = rows("2024年,规模以上固定资产投资破百亿元,打破历史纪录。", 2025)
    assert [(r["indicator"], r["value"], r["bound"]) for r in found if r["status"] == "proposed"] == \
        [("fixed_asset_investment", 100.0, ">=")]


def test_a_customs_districts_trade_is_not_the_places():
    text = (BULLETIN + "关区外贸进出口总额551.2亿元,同比增长34.4%。其中,进口319亿元,同比增长35.6%,出口232.2亿元,同比增长32.8%。"
            "全年,海关关税收入43.1亿元。市外贸进出口总值117.7亿元,增速较同期持平。\n据海关统计,全年出口总额80.5亿元。")
    trade = {(r[0], r[2], r[3]) for r in got(text) if r[0] in ("imports_exports", "exports", "imports")}
    assert trade == {("imports_exports", "level", 117.7), ("exports", "level", 80.5)}


def test_both_values_of_a_two_year_average_list_go_to_review():
    found = got("2021年,全县城乡居民人均可支配收入两年平均分别增长6.5%、8.2%。", status="needs_review")
    assert {(r[0], r[3], r[4]) for r in found} == {("urban_disposable_income", 6.5, 2020),
                                                   ("rural_disposable_income", 8.2, 2020)}


def test_one_word_for_several_indicators_before_a_respectively_list():
    text = BULLETIN + "全县地区生产总值达到115.77亿元,这是继2021年突破100亿元之后又跃上新的台阶,三次产业分别完成15.17亿元、40.86亿元、59.74亿元。"
    assert {("primary_value_added", 2022, "level", 15.17, ""), ("secondary_value_added", 2022, "level", 40.86, ""),
            ("services_value_added", 2022, "level", 59.74, "")} <= got(text)
    assert not {r for r in got(text) if r[1] == 2021}
    spent = {(r[0], r[3]) for r in got("2024年,一般公共预算收支分别增长7.6%、5.7%。")}
    assert spent == {("budget_revenue", 7.6), ("budget_expenditure", 5.7)}
    spent = {(r[0], r[3]) for r in got("2022年,地方一般公共预算收入、支出分别完成18.23亿元、38.37亿元。")}
    assert spent == {("budget_revenue", 18.23), ("budget_expenditure", 38.37)}
    assert not got(BULLETIN + "三次产业结构调整为7.2:41.2:51.6。")


def test_a_rate_below_its_control_target_gives_the_target_too():
    assert got("2020年,城镇登记失业率2.89%,低于4%的控制目标。") == {
        ("registered_unemployment_rate", 2020, "share", 2.89, ""),
        ("registered_unemployment_rate", 2020, "target_level", 4.0, "")}


def test_the_whole_country_or_province_is_not_the_documents_place():
    text = "2023年,全省地区生产总值增长5.3%,全国国内生产总值增长5.2%,全县地区生产总值增长6.5%。"
    assert {(r[0], r[3]) for r in got(text, 2024)} == {("gdp", 6.5)}
    province = extract_document("2023年,全省地区生产总值增长5.3%。", "某省", "t.txt", 2024, registry=REGISTRY).rows
    assert [(r["indicator"], r["value"]) for r in province] == [("gdp", 5.3)]


def test_a_half_year_scorecard_headline_is_a_part_of_its_own_year():
    text = ("【半年成绩单】某县:经济运行总体平稳\n2018-07-27 21:40:32\n"
            "地区生产总值137.31亿元,同比增长8.7%;一般公共预算收入6.4亿元......今年1—6月,某县经济运行总体平稳。\n")
    assert not got(text)
    assert {(r[0], r[1], r[3]) for r in got(text, status="needs_review")} == {
        ("gdp", 2018, 137.31), ("gdp", 2018, 8.7), ("budget_revenue", 2018, 6.4)}


def test_a_target_lead_before_a_colon_holds_over_its_list():
    text = ("一、 精彩的2012年\n——以主要指标高位增长为标志。某县地区生产总值同比增长13.4%。\n二、奋进的2013年\n"
            "(二)主要目标:地区生产总值增长11%;公共财政预算收入增长12%;城镇登记失业率控制在4.2%以内;\n")
    assert got(text) - {("gdp", 2012, "growth", 13.4, "")} == {("gdp", 2013, "target_growth", 11.0, ""), ("budget_revenue", 2013, "target_growth", 12.0, ""),
                               ("registered_unemployment_rate", 2013, "target_level", 4.2, "")}


def test_an_unregistered_name_closing_a_respectively_list_keeps_the_others_values():
    text = "2012年,某县地区生产总值、公共财政预算收入、城镇居民人均可支配收入、农民人均纯收入同比分别增长13.4%、13%、12.2%、13.7%。"
    found = extraction(text, 2013)
    assert {(r["indicator"], r["value"]) for r in found.rows if r["status"] == "proposed"} == {
        ("gdp", 13.4), ("budget_revenue", 13.0), ("urban_disposable_income", 12.2)}
    assert 13.7 in {r["value"] for r in found.unread}


def test_a_footnote_mark_between_a_number_and_its_unit():
    assert ("new_urban_employment", 2023, "cumulative", 4.2, 2023) in got("2023年,城镇新增就业人员4.20*万人。", 2024)


def test_a_negative_value_printed_with_a_minus_inside_a_respectively_list():
    text = "2023年,规模以上工业增加值、固定资产投资、社会消费品零售总额分别增长5.6%、-24.4%、9.9%。"
    assert {(r[0], r[3]) for r in got(text, 2024)} == {
        ("industrial_value_added", 5.6), ("fixed_asset_investment", -24.4), ("retail_sales", 9.9)}


@pytest.mark.parametrize("names", ["第一产业、第二产业、第三产业", "第一、二、三产业", "一产、二产、三产"])
def test_the_three_industries_listed_in_full_or_by_ordinal(names):
    assert {(r[0], r[3]) for r in got(f"2024年,{names}分别增长3.5%、3.4%、7.3%。", 2025)} == {
        ("primary_value_added", 3.5), ("secondary_value_added", 3.4), ("services_value_added", 7.3)}


def test_the_average_over_the_past_five_years_after_the_years_growth():
    text = "2015年,全区生产总值达到1580亿元,比上年增长5%,过去五年年均增长7.5%。"
    assert ("gdp", 2015, "growth", 7.5, 2011) in got(text, 2016)


def test_a_short_line_of_prose_broken_before_its_verb():
    text = "一、2018年工作回顾\n———经济发展稳中有进,总体向好。全市生产总值\n增长7.6%,全部财政收入增长18.5%。\n"
    found = [r for r in rows(text, 2019) if r["indicator"] == "gdp"]
    assert [(r["year"], r["value"]) for r in found] == [(2018, 7.6)] and found[0]["quote"] in text
    assert join_broken_lines(["二、主要指标", "增长情况"]) == ["二、主要指标", "增长情况"]


def test_a_name_starting_inside_a_shorter_one_and_running_past_it():
    assert got(BULLETIN + "年末常住人口城镇化率为80.36%,比上年末提高0.13个百分点。") == {
        ("urbanization_rate", 2022, "share", 80.36, "")}


def test_a_record_since_a_year_opens_no_span():
    text = "2019年,全市地区生产总值增长7.2%,为2014年以来首次高于全省平均增速。其中第一产业增加值增长2.3%。"
    assert ("primary_value_added", 2019, "growth", 2.3, "") in got(text, 2020)


def test_a_price_basis_glued_before_a_short_name_and_a_footnote_before_the_value():
    text = BULLETIN + "全县实现当年价生产总值[1]2137232万元,比上年增长4.8%(按2020年不变价计算,下同)。"
    assert {("gdp", 2022, "level", 2137232.0, ""), ("gdp", 2022, "growth", 4.8, "")} == got(text)


def test_the_size_of_steps_crossed_is_not_a_level():
    text = "“十四五”时期,地区生产总值相继跨越两个百亿台阶,人均GDP超过9万元。"
    assert {r[0] for r in got(text, 2026)} == {"per_capita_gdp"}


def test_firms_above_scale_and_the_output_value_they_realised():
    text = "2022年,全市672家规上工业企业累计实现产值620.37亿元,同比增长11.2%。"
    assert {("industrial_firms_above_scale", 2022, "level", 672.0, ""), ("industrial_output", 2022, "level", 620.37, ""),
            ("industrial_output", 2022, "growth", 11.2, "")} <= got(text, 2023)


def test_growth_printed_with_zeng_alone_a_space_before_percent_and_a_word_broken_across_lines():
    assert ("gdp", 2020, "growth", 6.0, "") in got("2020年,全县实现地区生产总值245.19亿元,按可比价格计算,比上年增6%。", 2021)
    assert ("gdp", 2022, "growth", 6.0, "") in got(BULLETIN + "全县生产总值完成26.55亿元,同比增长6.0 %。")
    assert ("gdp", 2022, "growth", 6.0, "") in got(BULLETIN + "初步核算,全县生产总值完成26.55亿元,同比增\n长6.0%。")


def test_output_growth_at_current_prices_and_a_flow_of_approved_firms():
    assert ("industrial_output", 2021, "growth", 24.2, "") in got("2021年,规上工业总产值1818亿元,现价增长24.2%。", 2022)
    assert ("high_tech_firms_certified", 2024, "cumulative", 18.0, 2024) in got("2024年,获批高新技术企业18家。", 2025)


def test_a_growth_of_an_amount_in_dollars_is_not_proposed():
    text = "2017年,外贸进出口总额3.2亿美元,增长12.4%;人均GDP为78655元(按年平均汇率折算为11162美元),比上年增长7.8%。"
    found = extraction(text, 2018)
    assert {(r["indicator"], r["kind"], r["value"]) for r in found.rows if r["status"] == "proposed"} == {
        ("per_capita_gdp", "level", 78655.0), ("per_capita_gdp", "growth", 7.8)}
    assert 12.4 in {r["value"] for r in found.unread}


def test_a_year_described_before_yinianlai_is_the_year_reviewed():
    text = ("2024年是新中国成立75周年,是实施“十四五”规划的关键之年。一年来,全县上下砥砺奋进,"
            "预计地区生产总值增长6.5%,社会消费品零售总额148.4亿元。\n")
    assert {(r[0], r[1], r[3]) for r in got(text)} == {("gdp", 2024, 6.5), ("retail_sales", 2024, 148.4)}


def test_any_target_named_before_a_colon_holds_over_its_list():
    text = ("2025年是“十四五”收官之年。\n建议2025年全县经济社会发展的努力目标为:全县生产总值增长7%;固定资产投资增长10%以上;"
            "城镇调查失业率控制在5%以内。\n")
    assert {(r[0], r[2]) for r in got(text, 2025)} == {("gdp", "target_growth"), ("fixed_asset_investment", "target_growth"),
                                                       ("surveyed_unemployment_rate", "target_level")}


def test_better_than_expected_sets_no_target():
    text = ("5月8日,记者从县统计局获悉,今年以来,我县坚持一手抓疫情防控,一手抓经济社会发展。虽然一季度县域经济增速有所"
            "回落,但是发展形势好于预期,速度高于全国平均水平。据统计,全县一季度实现地区生产总值(GDP)46.6亿元,增速排全市第三位。")
    assert not got(text, 2020)
    assert ("gdp", 2020, "level", 46.6, "") in got(text, 2020, status="needs_review")


def test_each_item_of_a_list_after_leiji_is_a_total():
    text = "过去五年,预计五年累计完成固定资产投资2676.8亿元、社会消费品零售总额2131亿元。"
    assert {(r[0], r[2], r[4]) for r in got(text, 2021)} == {("fixed_asset_investment", "cumulative", 2016),
                                                             ("retail_sales", "cumulative", 2016)}


def test_results_against_the_targets_after_a_colon_are_results():
    text = ("——某某主持会议 某某作政府工作报告\n某某指出,2014年,在省委、省政府的坚强领导下,较好的完成了市十五届人大二次会议"
            "确定的目标任务:经济持续较快发展,实现地区生产总值1261.6亿元,增长10.8%。高于上年0.6个百分点。")
    assert got(text) == {("gdp", 2014, "level", 1261.6, ""), ("gdp", 2014, "growth", 10.8, "")}


def test_two_round_marks_crossed_and_a_countys_own_economy():
    text = "过去五年,地区生产总值连续跨越500亿元、600亿元两个百亿关口。"
    assert not got(text, 2021)
    county = "2023年,着力推动县域经济高质量发展,完成地区生产总值113.8亿元,增长6.5%。"
    assert {(r[0], r[3]) for r in got(county, 2024)} == {("gdp", 113.8), ("gdp", 6.5)}


def test_a_target_and_estimate_table_printed_one_cell_a_paragraph_without_numbers_for_rows():
    text = ("关于某市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n2023年国民经济和社会发展主要指标预计完成情况\n\n"
            "全年预期目标(增速%\n\n预计全年完成情况\n\n(增速%\n\n地区生产总值\n\n8.5\n\n7.5\n\n固定资产投资\n\n15\n\n10\n")
    found = rows(text, 2024)
    assert {(r["indicator"], r["year"], r["kind"], r["value"]) for r in found} == {
        ("gdp", 2023, "target_growth", 8.5), ("gdp", 2023, "growth", 7.5),
        ("fixed_asset_investment", 2023, "target_growth", 15.0), ("fixed_asset_investment", 2023, "growth", 10.0)}
    assert all(r["quote"] in text for r in found)


def test_every_quote_is_found_as_printed_despite_layout_spaces():
    text = "2022年,社会消费品零售总额269.5亿元,同比增长11 . 5%;城镇居民人均可支配收入49532元,增长5 .2%,增长6.0 %。\n"
    found = rows(text, 2023)
    assert {r["value"] for r in found} >= {269.5, 11.5, 49532.0}
    assert all(r["quote"] in text for r in found)


def test_a_ratio_to_a_plans_end_neither_dates_the_figure_nor_stops_the_average_after_it():
    text = ("五年来,全市经济实力显著增强。人均生产总值达到46271元,是“十一五”末的2倍,年均增长13.2%;"
            "全社会固定资产投资累计1098.1亿元,是“十一五”的3.1倍,年均增长18.1%。")
    assert got(text, 2016) == {("per_capita_gdp", 2015, "level", 46271.0, ""),
                               ("per_capita_gdp", 2015, "growth", 13.2, 2011),
                               ("total_fixed_asset_investment", 2015, "cumulative", 1098.1, 2011),
                               ("total_fixed_asset_investment", 2015, "growth", 18.1, 2011)}


def test_a_count_of_indicators_a_margin_over_a_target_and_another_firms_flow_are_not_figures():
    assert not got("2022年,地区生产总值、服务业增加值、全体居民人均可支配收入等16项主要指标增速位居全市前列。", 2023)
    assert got("2020年,全区一般公共预算收入完成79.92亿元,超预期目标8.57亿元。", 2021) == {
        ("budget_revenue", 2020, "level", 79.92, "")}
    assert not got("2023年,全年新认定省级专精特新中小企业12家。", 2024)
    assert ("industrial_firms_above_scale", 2023, "level", 12.0, "") not in got(
        "2023年,全年新增规上工业企业51家,新认定省级专精特新中小企业12家。", 2024)


def test_one_harvest_a_density_and_other_populations_are_not_the_years_figure():
    text = ("2019年,春收粮食产量396吨,早稻粮食产量3万吨,全年粮食产量40万吨。常住人口密度为每平方公里6595人。"
            "全市户籍人均生产总值为141647元,常住人均生产总值为98094元。按2019年平均常住人口128.64万人计算。")
    assert got(text, 2020) == {("grain_output", 2019, "level", 40.0, ""), ("per_capita_gdp", 2019, "level", 98094.0, "")}
    assert {r["value"] for r in rows(text, 2020) if r["status"] == "needs_review"} >= {396.0, 3.0, 141647.0}


def test_last_years_level_beside_this_years_is_last_years():
    assert got("2021年,按常住人口计算人均GDP由上年的45009元提高到50234元。", 2022) == {
        ("per_capita_gdp", 2020, "level", 45009.0, ""), ("per_capita_gdp", 2021, "level", 50234.0, "")}
    assert got("2021年,人均生产总值44798元,比上年40793元增加4005元。", 2022) == {
        ("per_capita_gdp", 2021, "level", 44798.0, ""), ("per_capita_gdp", 2020, "level", 40793.0, "")}


def test_a_sentence_about_a_zone_inside_the_place_is_not_the_places():
    zone = ("其中,2021年洋浦经济开发区主要经济指标成绩喜人,地区生产总值、固定资产投资分别增长30%、115.7%。"
            "2021年,县经济开发区实现规上工业增加值50亿元。")
    found = extraction(zone, 2022)
    assert not [r for r in found.rows if r["status"] == "proposed"]
    assert {r["value"] for r in found.unread} == {30.0, 115.7, 50.0}         # listed, not dropped
    assert got("2021年,依托经济开发区,地区生产总值增长8%。", 2022) == {("gdp", 2021, "growth", 8.0, "")}
    own = extract_document("2021年,某高新区实现地区生产总值50亿元。", "某高新区", "t.txt", 2022, registry=REGISTRY)
    assert [(r["indicator"], r["value"]) for r in own.rows] == [("gdp", 50.0)]


def test_a_numbered_items_year_and_a_census_moment_date_their_figures():
    text = ("2、行政区域面积542平方公里。\n10、2016年,某县实现地区生产总值74.96亿元。\n"
            "11、截至2020年11月1日零时,某县常住人口为326968人。")
    assert got(text, 2023) == {("gdp", 2016, "level", 74.96, ""), ("resident_population", 2020, "level", 326968.0, "")}
    listed = got("2019、2020年地区生产总值分别为50亿元和55亿元。", 2021)    # a list of years is no cue of its last
    assert ("gdp", 2020, "level", 50.0, "") not in listed


def test_a_figure_marked_an_estimate_after_it_is_last_years_in_a_congress_report():
    text = ("2022年某县人民政府工作报告\n"
            "一是发展提质。全年实现地区生产总值1500亿元(预计,下同)、增长9%;一般公共预算收入达208.3亿元、增长10.8%。")
    assert {(r[0], r[1], r[2]) for r in got(text, 2022)} == {
        ("gdp", 2021, "level"), ("gdp", 2021, "growth"), ("budget_revenue", 2021, "level"),
        ("budget_revenue", 2021, "growth")}


def test_a_reposted_pages_own_headline_at_its_foot_names_its_period():
    text = ("力推31个省市重点项目建设\n某县完成固定资产投资61.5亿元,增长16.3%。\n"
            "某县委书记:今年将确保全年完成固定资产投资320亿元。\n原标题:某县一季度GDP58.4亿元 同比增长10.9%")
    assert got(text, 2015) == {("fixed_asset_investment", 2015, "target_level", 320.0, "")}
    assert {r["value"] for r in rows(text, 2015) if r["status"] == "needs_review"} >= {61.5, 16.3, 58.4, 10.9}


def test_a_stretch_target_of_a_flow_is_the_same_flow_not_the_stock():
    assert not got("2015年,确保新增规上工业企业40户,力争50户。", 2015)
    assert got("2023年,新晋高新企业60家。", 2024) == {("high_tech_firms_certified", 2023, "cumulative", 60.0, 2023)}


def test_an_amount_restated_in_another_currency_in_brackets_is_an_aside():
    assert got("2019年,某县GDP突破4000亿元(人民币,下同,809.18亿新元),达到4045.06亿元。", 2020) == {
        ("gdp", 2019, "level", 4045.06, "")}


def test_a_bulletins_year_after_a_chart_caption_glued_to_the_next_sentence():
    text = ("2022年某市国民经济和社会发展统计公报\n"
            "年末全市常住人口373.1万人。2018-2022年末全市常住人口数全年新增城镇就业人员7.27万人。")
    assert ("new_urban_employment", 2022, "cumulative", 7.27, 2022) in got(text, 2023)


def test_a_pdfs_block_of_body_text_is_read_across_its_lines_and_page_numbers():
    text = ("政 府 工 作 报 告\n一、2021 年工作回顾\n"
            "2021 年,我们坚持以习近平新时代中国特色社会主义思想\n为指导,统筹推进生态治理、疫情防控和经济社会发展,全\n"
            "年完成地区生产总值 21.5 亿元,达到年初预定目标任务;社会\n消费品零售总额完成 3.2 亿元,同比下降 9.7%;农村常住居\n"
            "民人均可支配收入 16883\n- 2 -\n元,同比增长 9.7%。\n")
    norm = normalize_text(text)
    found = [r for r in rows(norm, 2022) if r["status"] == "proposed"]
    assert {(r["indicator"], r["year"], r["kind"], r["value"]) for r in found} == {
        ("gdp", 2021, "level", 21.5), ("retail_sales", 2021, "level", 3.2), ("retail_sales", 2021, "growth", -9.7),
        ("rural_disposable_income", 2021, "level", 16883.0), ("rural_disposable_income", 2021, "growth", 9.7)}
    assert all(r["quote"] in norm for r in found)                # the page number's line inside a quote, as printed


def test_a_page_set_one_phrase_a_line():
    text = ("2023 成就鼓舞人心\n2023年是某市发展历程中极不寻常的一年。\n"
            "争取增发国债、专项债规模均列全省第一,596个省大中型项目投资完成年度计划的117.5%\n全年GDP\n增长5.3%左右\n"
            "促消费成效明显,发放消费券1.5亿元,网络零售额突破600亿元\n规模以上工业增加值增长10%以上\n"
            "城镇和农村居民人均可支配收入\n分别增长4.5%、8.5%左右\n")
    assert {(r[0], r[1], r[2], r[3]) for r in got(text, 2024)} == {
        ("gdp", 2023, "growth", 5.3), ("industrial_value_added", 2023, "growth", 10.0),
        ("urban_disposable_income", 2023, "growth", 4.5), ("rural_disposable_income", 2023, "growth", 8.5)}


def test_an_aside_and_a_plans_first_years_keep_the_subject_of_a_long_review():
    text = ("2024年,经济实力显著提升。1978年全区生产总值仅超亿元,经过长期发展,2005年突破50亿元,2010年突破100亿元。"
            "人均生产总值1978年仅为217元,到“十一五”初突破万元,2023年达到58733元,是1978年的270.7倍。")
    found = got(text, 2024)
    assert {("gdp", 2005, "level", 50.0, ""), ("gdp", 2010, "level", 100.0, ""),
            ("per_capita_gdp", 2023, "level", 58733.0, "")} <= found


def test_a_bracket_broken_at_a_line_end_is_joined():
    text = "2019年,预计全年地区生产总值增长8.3%;固定资产投资(\n不含农户)增长20%;公共财政总收入12.77亿元。\n"
    assert ("fixed_asset_investment", 2019, "growth", 20.0, "") in got(text, 2020)


def test_wan_alone_closing_a_clause_is_ten_thousand_of_a_count_or_of_yuan_per_head():
    assert got("2019年末常住人口110.7万,城镇化率60.2%。", 2020) == {
        ("resident_population", 2019, "level", 110.7, ""), ("urbanization_rate", 2019, "share", 60.2, "")}
    assert {r["unit"] for r in rows("2019年末常住人口110.7万,城镇化率60.2%。", 2020)} == {"万人", "%"}
    assert ("per_capita_gdp", 2019, "level", 5.62, "") in got("2019年,人均地区生产总值达到5.62万,增长6%。", 2020)
    assert got("2019年,地区生产总值增长6%,总量突破1万,居全省前列。", 2020) == {("gdp", 2019, "growth", 6.0, "")}


def test_a_long_review_pairs_its_first_and_last_years_and_reads_yi_alone_before_a_change():
    text = ("1978年至2018年,全市生产总值由2.5亿元跃升至420亿元,提高了近167倍,年均增长10.8%;"
            "一般公共预算收入由0.24亿增加到14.6亿元。人均GDP由207元增加到29466元。")
    assert got(text, 2018) == {("gdp", 1978, "level", 2.5, ""), ("gdp", 2018, "level", 420.0, ""),
                               ("gdp", 2018, "growth", 10.8, 1979), ("budget_revenue", 1978, "level", 0.24, ""),
                               ("budget_revenue", 2018, "level", 14.6, ""), ("per_capita_gdp", 1978, "level", 207.0, ""),
                               ("per_capita_gdp", 2018, "level", 29466.0, "")}


def test_a_years_main_work_heading_makes_the_targets_under_it_that_years():
    text = ("2017年4月22日,某市第八届人民代表大会第一次会议开幕。\n今后五年的重点目标\n地区生产总值突破3000亿元;\n"
            "2017年主要工作\n全市经济社会发展主要预期目标:\n地区生产总值增长7.5%以上;\n固定资产投资增长11%;\n")
    found = got(text, 2017)
    assert {("gdp", 2017, "target_growth", 7.5, ""), ("fixed_asset_investment", 2017, "target_growth", 11.0, "")} <= found
    assert not {k for k in found if k[1] == 2021 and k[2] == "target_growth"}


def test_a_bracketed_aside_between_a_plan_period_and_its_average():
    assert got("2020年全市地区生产总值613.58亿元,“十三五”期间(下同)年均增长4%。", 2021) == {
        ("gdp", 2020, "level", 613.58, ""), ("gdp", 2020, "growth", 4.0, 2016)}


def test_a_report_on_part_of_a_year_that_names_the_year_only_as_still_ahead():
    text = ("记者从县统计局获悉,初步核算,全县地区生产总值达81.6亿元,同比增长5.2%,稳中向好的态势为全年经济目标打下了坚实基础。\n"
            "一季度,全县工业经济表现亮眼,规上工业增加值增长6.5%。")
    assert not got(text, 2025)
    assert {r["value"] for r in rows(text, 2025) if r["status"] == "needs_review"} >= {81.6, 5.2, 6.5}


def test_a_bulletin_stored_without_its_title_takes_its_year_from_its_exchange_rate_or_survey():
    text = ("初步核算,全年全市地区生产总值实现1842.5亿元,按不变价格计算,比上年增长3.5%。人均地区生产总值59447元,"
            "按2022年平均汇率计算为8838美元。\n据2022年人口抽样调查,年末全市常住人口为310.0万人。")
    assert {(r[0], r[1], r[2]) for r in got(text, 2023)} == {
        ("gdp", 2022, "level"), ("gdp", 2022, "growth"), ("per_capita_gdp", 2022, "level"),
        ("resident_population", 2022, "level")}


def test_the_urban_and_rural_resident_pair_and_a_registered_name_opening_an_unregistered_list():
    assert {(r[0], r[3]) for r in got("2022年,城乡常住居民人均可支配收入达到51900元和24820元,分别增长7.5%和8%。", 2023)} == {
        ("urban_disposable_income", 51900.0), ("rural_disposable_income", 24820.0),
        ("urban_disposable_income", 7.5), ("rural_disposable_income", 8.0)}
    assert got("2025年,固定资产投资、工业投资、工业技术改造投资分别增长6.2%、19.3%、35.8%。", 2026) == {
        ("fixed_asset_investment", 2025, "growth", 6.2, "")}


def test_a_heading_naming_the_year_and_then_the_plan_reviews_the_year_first():
    text = ("一、2025年主要工作和“十四五”时期发展回顾\n"
            "一是全力以赴拼经济。推动地区生产总值实现1905.23亿元、增长4.5%,增速全市第四。")
    assert got(text, 2026) == {("gdp", 2025, "level", 1905.23, ""), ("gdp", 2025, "growth", 4.5, "")}


def test_a_target_for_the_whole_year_does_not_make_a_report_on_part_of_it_annual():
    text = ("力推重点项目建设\n某县完成固定资产投资61.5亿元,增长16.3%。\n"
            "某县委书记:今年将确保全年完成固定资产投资320亿元。\n一季度,全县地区生产总值58.4亿元,同比增长10.9%。")
    assert got(text, 2015) == {("fixed_asset_investment", 2015, "target_level", 320.0, "")}
    assert {r["value"] for r in rows(text, 2015) if r["status"] == "needs_review"} >= {61.5, 16.3, 58.4, 10.9}


def test_a_bulletin_stored_without_its_title_or_a_named_year_is_of_the_year_before_its_issue():
    text = "初步核算,全年全市地区生产总值实现1842.5亿元,按不变价格计算,比上年增长3.5%。\n全年全市居民消费价格比上年上涨1.9%。"
    assert {(r[0], r[1]) for r in got(text, 2023)} == {("gdp", 2022), ("cpi", 2022)}


def test_a_growth_printed_with_its_comparison_after_the_verb():
    assert got("2023年,第三产业增加值380亿元,增长同比7.1%。", 2024) == {
        ("services_value_added", 2023, "level", 380.0, ""), ("services_value_added", 2023, "growth", 7.1, "")}


def test_one_value_after_a_list_of_names_with_jun_is_every_names():
    assert got(BULLETIN + "全年一般公共预算收入、税收收入均增长7%。") >= {
        ("budget_revenue", 2022, "growth", 7.0, ""), ("tax_revenue", 2022, "growth", 7.0, "")}
    assert got(BULLETIN + "全年城乡居民人均可支配收入均增长6.5%。") == {
        ("urban_disposable_income", 2022, "growth", 6.5, ""), ("rural_disposable_income", 2022, "growth", 6.5, "")}


@pytest.mark.parametrize("opening", ["半年来,全县经济稳中有进。", "全县经济实现“时间过半、任务过半”。", "首季度,全县经济开局良好。",
                                     "前5个月,全县经济稳中有进。", "1-3季度,全县经济稳中有进。", "第1季度,全县经济稳中有进。"])
def test_words_for_a_half_year_a_first_quarter_or_the_first_months_mark_a_page_partial(opening):
    text = opening + "地区生产总值完成65.2亿元,同比增长6.3%。"
    assert got(text, 2024) == set()
    assert got(text, 2024, "needs_review") == {("gdp", 2024, "level", 65.2, ""), ("gdp", 2024, "growth", 6.3, "")}


def test_a_percentage_written_in_words_is_read():
    text = normalize_text(BULLETIN + "全年地区生产总值比上年增长百分之六点五。")
    assert got(text) == {("gdp", 2022, "growth", 6.5, "")}


@pytest.mark.parametrize("dateline", ["2024/01/15 09:00", "2024.1.15"])
def test_a_date_line_with_slashes_or_points_dates_the_page(dateline):
    text = f"某县召开人民代表大会\n{dateline}\n过去一年,全县地区生产总值增长6%。今年地区生产总值预期增长6.5%。"
    assert got(text) == {("gdp", 2023, "growth", 6.0, ""), ("gdp", 2024, "target_growth", 6.5, "")}


def test_whole_city_in_a_countys_document_is_its_citys_and_a_share_of_it_keeps_the_subject():
    text = "某县2022年国民经济和社会发展统计公报\n全年全市地区生产总值增长5.2%,全州地区生产总值增长5.9%,全县地区生产总值增长6.1%。" \
           "全县规模以上工业增加值80亿元,占全市规模以上工业增加值的比重为30.5%,比上年增长8.4%。"
    assert got(text) == {("gdp", 2022, "growth", 6.1, ""), ("industrial_value_added", 2022, "level", 80.0, ""),
                         ("industrial_value_added", 2022, "growth", 8.4, "")}


def test_since_the_year_just_ended_dates_the_whole_year_after_it():
    text = "2018年以来,全区经济保持良好态势。\n全年地区生产总值完成1378.8亿元,同比增长9.5%。"
    assert got(text, 2019) == {("gdp", 2018, "level", 1378.8, ""), ("gdp", 2018, "growth", 9.5, "")}


def test_a_pair_from_a_plans_end_frames_the_averages_and_pairs_after_it_in_its_sentence():
    text = "全区地区生产总值由“十二五”末的1123亿元增加到2020年的1700亿元,年均增长6.2%;固定资产投资年均增长6.2%;" \
           "社会消费品零售总额由84.4亿元增加到127亿元,年均增长8.5%。"
    assert got(text, 2021) >= {("fixed_asset_investment", 2020, "growth", 6.2, 2016), ("retail_sales", 2015, "level", 84.4, ""),
                               ("retail_sales", 2020, "level", 127.0, ""), ("retail_sales", 2020, "growth", 8.5, 2016)}


def test_a_base_years_level_in_brackets_before_a_multiple_is_that_years_and_dates_nothing_after_it():
    text = "2018年,全县地区生产总值达147.38亿元,人均3.84万元,分别是1978年的190和192倍;第三产业增加值达50.24亿元," \
           "是1978年(0.18亿)的278倍;实现财政总收入9.89亿元,比1950年(16.91万元)增长了2351倍。"
    assert got(text, 2019) >= {("gdp", 2018, "level", 147.38, ""), ("services_value_added", 1978, "level", 0.18, ""),
                               ("services_value_added", 2018, "level", 50.24, ""),
                               ("total_fiscal_revenue", 2018, "level", 9.89, ""),
                               ("total_fiscal_revenue", 1950, "level", 16.91, "")}


def test_per_head_alone_after_a_gdp_figure_is_gdp_per_head():
    text = "2017年,全县生产总值完成30亿元,增长8%,人均达到5.62万元。"
    assert got(text, 2018) == {("gdp", 2017, "level", 30.0, ""), ("gdp", 2017, "growth", 8.0, ""),
                               ("per_capita_gdp", 2017, "level", 5.62, "")}


def test_yu_between_a_number_and_its_unit_is_at_least_that_number():
    found = [r for r in rows(BULLETIN + "全年新增市场主体7600余户。") if r["status"] == "proposed"]
    assert [(r["indicator"], r["value"], r["bound"]) for r in found] == [("new_market_entities", 7600.0, ">=")]


def test_a_long_list_after_xinzeng_lists_flows_to_its_end():
    text = "2023年,新增国家科技型中小企业191户、高新技术企业73户、专精特新“小巨人”企业7户、制造业单项冠军企业9户、" \
           "规上工业企业89户,增量总量均位居全省前列。"
    assert ("industrial_firms_above_scale", 2023, "level", 89.0, "") not in got(text, 2024)


def test_market_entities_are_counted_in_jia_as_in_hu():
    assert got(BULLETIN + "年末市场主体总数达16万家。") == {("market_entities", 2022, "level", 16.0, "")}


def test_revenue_raised_in_the_place_is_not_its_budget_revenue():
    text = BULLETIN + "全年来源地一般公共预算收入46.89亿元;地方一般公共预算收入12.3亿元。"
    assert got(text) == {("budget_revenue", 2022, "level", 12.3, "")}


def test_a_price_index_level_is_not_its_rise():
    assert got(BULLETIN + "全年居民消费价格指数102.2%,上涨2.2%。") == {("cpi", 2022, "growth", 2.2, "")}


def test_a_base_years_level_printed_inside_a_multiple_and_the_average_after_it():
    text = "2018年全县地区生产总值达到189亿元,是改革开放前1978年1.3亿元的143倍,年均增长12.3%。"
    assert got(text, 2019) == {("gdp", 2018, "level", 189.0, ""), ("gdp", 1978, "level", 1.3, ""),
                               ("gdp", 2018, "growth", 12.3, 1979)}


def test_per_head_alone_after_earlier_years_gdp_per_head_in_its_sentence():
    text = "1987年全县人均地区生产总值达到1124元;2018年人均达到54562元,实现了跨越。"
    assert got(text, 2019) == {("per_capita_gdp", 1987, "level", 1124.0, ""), ("per_capita_gdp", 2018, "level", 54562.0, "")}


def test_a_count_right_after_a_xinzeng_clause_of_counts_is_one_more_flow():
    text = "2024年,全年新增国家级专精特新“小巨人”企业4家,高新技术企业101家。"
    assert got(text, 2025) == {("high_tech_firms_certified", 2024, "cumulative", 101.0, 2024)}


def test_zongliang_opening_a_clause_after_a_gdp_figure_is_the_gdp():
    text = "2023年,全区地区生产总值同比增长8.5%,增速连续三年排名第一;总量跃升到5202.01亿元。"
    assert got(text, 2024) == {("gdp", 2023, "growth", 8.5, ""), ("gdp", 2023, "level", 5202.01, "")}


def test_the_day_a_report_was_given_dates_it_before_the_day_its_page_was_posted():
    text = "政府工作报告\n发布时间:2021-01-21 11:16\n2020年12月24日在某县第九届人民代表大会第五次会议上\n" \
           "过去一年,全县地区生产总值增长6%。"
    assert got(text) == got(text, 2020) == {("gdp", 2020, "growth", 6.0, "")}


def test_another_named_place_opening_a_clause_is_that_places_figure_but_an_abbreviation_of_its_own_is_not():
    text = "2022年,全县地区生产总值增长6.1%;甲乙县规模以上工业增加值增长5.2%。"
    assert got(text, 2023) == {("gdp", 2022, "growth", 6.1, "")}
    own = extract_document("初步核算,按不变价计算,2022年阿左旗生产总值增长6.5%。", "阿拉善左旗", "t.txt", 2023, registry=REGISTRY)
    assert {(r["indicator"], r["value"]) for r in own.rows if r["status"] == "proposed"} == {("gdp", 6.5)}


def test_a_respectively_list_with_unregistered_names_inside_is_read_by_position():
    text = BULLETIN + "全年地区生产总值、规模以上服务业营业收入、社会消费品零售总额和城镇居民人均可支配收入分别增长5.8%、35%、4%和6.5%。"
    assert got(text) == {("gdp", 2022, "growth", 5.8, ""), ("retail_sales", 2022, "growth", 4.0, ""),
                         ("urban_disposable_income", 2022, "growth", 6.5, "")}


def test_an_events_date_inside_a_sentence_far_from_the_top_does_not_date_the_page():
    text = "甲县,隶属某某自治州。地处高原东北边缘,东邻乙县,北接丙县、丁县,与戊县插花接壤,总面积1557.68平方公里,辖11个镇、" \
           "5个乡。甲县古称洮州,西晋置县,北魏以其地为洮州,民国二年改洮州厅为甲县,其后几经调整,沿用至今,是多民族聚居的县," \
           "境内有汉、回、藏等民族,山川秀美,物产丰富,历史上是茶马互市的重镇,也是古丝绸之路南线的要冲。" \
           "2020年2月28日,省人民政府批准甲县退出贫困县。2022年,甲县地区生产总值29.74亿元,比上年实际增长4.2%。"
    found = extract_document(text, "甲县", "t.txt", registry=REGISTRY).rows
    assert {(r["indicator"], r["year"], r["kind"], r["value"]) for r in found if r["status"] == "proposed"} == {
        ("gdp", 2022, "level", 29.74), ("gdp", 2022, "growth", 4.2)}


def test_the_places_own_budget_revenue_beside_the_one_with_the_parts_passed_up():
    text = BULLETIN + "全年一般公共预算收入15.73亿元,增长7.5%;一般公共预算地方收入10.34亿元,增长8%。"
    assert got(text) == {("budget_revenue", 2022, "level", 10.34, ""), ("budget_revenue", 2022, "growth", 8.0, "")}


def test_two_names_then_two_amounts_with_their_units_pair_in_order():
    text = BULLETIN + "全年完成财政总收入和一般公共预算收入1.9亿元、1.2亿元。"
    assert got(text) == {("total_fiscal_revenue", 2022, "level", 1.9, ""), ("budget_revenue", 2022, "level", 1.2, "")}


def test_xinzhuce_newly_registered_is_a_flow():
    assert got(BULLETIN + "全年新注册市场主体2388户,增长12.5%。") == {("new_market_entities", 2022, "cumulative", 2388.0, 2022)}


def test_a_growth_after_zeng_alone_and_the_registered_population_named_in_brackets():
    assert got(BULLETIN + "全年第三产业增加值352.19亿元,增7.6%。") == {
        ("services_value_added", 2022, "level", 352.19, ""), ("services_value_added", 2022, "growth", 7.6, "")}
    assert ("registered_population", 2022, "level", 16.12, "") in got(BULLETIN + "年末常住人口12.72万人,总人口(户籍)16.12万人。")


def test_a_semicolon_clause_with_no_subject_of_its_own_goes_on_with_the_one_before():
    assert got(BULLETIN + "全年实现地区生产总值2082.17亿元;按可比价格计算,比上年增长8.8%。") == {
        ("gdp", 2022, "level", 2082.17, ""), ("gdp", 2022, "growth", 8.8, "")}


def test_a_range_of_years_before_a_respectively_list_gives_one_value_a_year():
    text = "2016-2020年,全县地区生产总值分别为245.95亿元、279.71亿元、297.73亿元、303.08亿元、316.3亿元,年均增速为7.6%。"
    assert got(text, 2021) == {("gdp", 2016, "level", 245.95, ""), ("gdp", 2017, "level", 279.71, ""),
                               ("gdp", 2018, "level", 297.73, ""), ("gdp", 2019, "level", 303.08, ""),
                               ("gdp", 2020, "level", 316.3, ""), ("gdp", 2020, "growth", 7.6, 2016)}


def test_a_years_comparison_with_an_earlier_year_frames_the_pairs_and_averages_after_it():
    text = "五年来,全市经济持续发展。2015年与2010年相比,全市生产总值从127.94亿元增加到254.39亿元,年均增长10.2%。" \
           "2015年,固定资产投资62.63亿元,年均增长26.9%。"
    assert got(text, 2016) >= {("gdp", 2010, "level", 127.94, ""), ("gdp", 2015, "level", 254.39, ""),
                               ("gdp", 2015, "growth", 10.2, 2011), ("fixed_asset_investment", 2015, "growth", 26.9, 2011)}


def test_firms_above_scale_making_their_industrial_output_is_the_above_scale_output():
    text = BULLETIN + "全年857家规模以上工业企业实现工业总产值4999.28亿元,比上年增长21.7%;工业增加值1000亿元。"
    assert {k for k in got(text) if k[0] == "industrial_output"} == {
        ("industrial_output", 2022, "level", 4999.28, ""), ("industrial_output", 2022, "growth", 21.7, "")}


def test_a_plans_closing_and_the_next_ones_opening_named_as_events_do_not_frame_a_terms_figures():
    text = "政府工作报告\n——2022年1月20日在某县第十六届人民代表大会第二次会议上\n五年来,我们坚持稳中求进,“十三五”规划胜利收官," \
           "“十四五”规划顺利开局。全县地区生产总值累计完成288.2亿元,年均增长4.1%。"
    assert ("gdp", 2021, "growth", 4.1, 2017) in got(text)


@pytest.mark.parametrize("sentence,last", [("今后五年,地区生产总值年均增长7%以上。", 2026),
                                           ("今后五年,力争地区生产总值年均增长10.5%,到2025年达到1000亿元。", 2025)])
def test_the_next_five_years_at_a_december_congress_start_next_year_unless_their_end_is_named(sentence, last):
    text = "某县第九届人民代表大会第一次会议开幕\n2021/12/06 21:48\n报告提出:" + sentence
    growth = {k for k in got(text) if k[0] == "gdp" and k[2] == "target_growth"}
    assert {(k[1], k[4]) for k in growth} == {(last, last - 4)}


def test_a_term_reviews_heading_of_five_years_frames_its_pairs_and_per_head_revenue_is_not_revenue():
    text = "政府工作报告\n2022年1月12日在某县第十八届人民代表大会第一次会议上\n——五年奋勇争先,我们交出了一份优异的答卷。" \
           "地区生产总值从179.92亿元预计增加到245亿元,年均增长5%;人均一般公共预算收入从2013元增加到2433元,年均增长4.8%。"
    assert got(text) == {("gdp", 2016, "level", 179.92, ""), ("gdp", 2021, "level", 245.0, ""),
                         ("gdp", 2021, "growth", 5.0, 2017)}


def test_a_comparison_with_an_earlier_part_of_the_year_does_not_make_the_years_figures_partial():
    text = "2020年,全区实现地区生产总值833.96亿元,同比增长3.0%,较前三季度提高1.5个百分点,第一产业增加值3.31亿元。"
    assert got(text, 2021) == {("gdp", 2020, "level", 833.96, ""), ("gdp", 2020, "growth", 3.0, ""),
                               ("primary_value_added", 2020, "level", 3.31, "")}


def test_a_growth_after_taking_out_a_tax_refund_goes_on_with_its_revenue():
    text = BULLETIN + "全年地方一般公共预算收入完成142.05亿元,扣除留抵退税因素后可比增长11.8%。"
    assert got(text) == {("budget_revenue", 2022, "level", 142.05, ""), ("budget_revenue", 2022, "growth", 11.8, "")}


def test_targets_printed_as_growth_target_or_under_a_years_plan():
    assert got("2026年主要预期目标:地区生产总值增长目标5.5%。", 2026) == {("gdp", 2026, "target_growth", 5.5, "")}
    text = "预计到2022年底,全县实现地区生产总值243亿元,计划2023年地区生产总值增长8.5%以上。"
    assert ("gdp", 2023, "target_growth", 8.5, "") in got(text, 2023)


def test_one_value_after_a_respectively_list_is_each_names():
    assert got(BULLETIN + "全年城镇、农村居民人均可支配收入预计分别同比增长8%左右。") == {
        ("urban_disposable_income", 2022, "growth", 8.0, ""), ("rural_disposable_income", 2022, "growth", 8.0, "")}


def test_a_count_right_after_the_words_for_the_firms_above_scale_is_their_number():
    assert got(BULLETIN + "年末全县共有工业企业120户,其中规模以上工业32户。") == {
        ("industrial_firms_above_scale", 2022, "level", 32.0, "")}


def test_a_value_named_a_target_right_after_the_result_is_the_target():
    assert got(BULLETIN + "全年城镇登记失业率为3.8%,继续控制在4.5%的目标范围内。") == {
        ("registered_unemployment_rate", 2022, "share", 3.8, ""),
        ("registered_unemployment_rate", 2022, "target_level", 4.5, "")}


def test_a_running_total_no_year_words_bound_is_for_review_not_a_years_level():
    text = "政府工作报告\n2022年1月10日\n一、2021年工作回顾\n累计完成固定资产投资2719亿元,年均增长6.5%。全年财政收入跨越130亿元,累计完成136.6亿元。" \
           "累计实现规上工业总产值2011.9亿元,同比增长7.8%。"
    assert ("fixed_asset_investment", 2021, "level", 2719.0, "") not in got(text)
    assert ("fixed_asset_investment", 2021, "level", 2719.0, "") in got(text, status="needs_review")
    assert {("total_fiscal_revenue", 2021, "level", 136.6, ""),
            ("industrial_output", 2021, "level", 2011.9, "")} <= got(text)


def test_the_export_delivery_value_of_industry_is_not_exports():
    text = BULLETIN + "全年规模以上工业总产值1000亿元,其中出口交货值738.56亿元,下降8.6%。全年出口总额52.3亿元。"
    found = got(text)
    assert ("exports", 2022, "level", 52.3, "") in found
    assert not {r for r in found if r[0] == "exports" and r[3] in (738.56, -8.6)}


def test_figures_dated_only_by_the_pages_own_year_are_for_review():
    text = "2019-06-12 来源:某区政府网\n全区地区生产总值完成1378.8亿元,同比增长9.5%。\n"
    assert got(text) == set()
    assert {("gdp", 2019, "level", 1378.8, ""), ("gdp", 2019, "growth", 9.5, "")} <= got(text, status="needs_review")
    assert got(text, 2019) == set()                                        # a year given is the page's year too
    # the year before, in a report reviewing it, and a congress at the year's end reviewing its own year, stay
    assert ("gdp", 2018, "level", 1378.8, "") in got("2019年1月10日 政府工作报告\n一年来,全区地区生产总值完成1378.8亿元。")
    assert ("gdp", 2019, "level", 1378.8, "") in got("12月27日,某区第十八届人民代表大会第五次会议开幕。区长作政府工作报告。\n"
                                                      "一、2019年工作回顾\n预计全区地区生产总值完成1378.8亿元。")


def test_a_quarter_opening_a_sentence_after_a_plans_words_is_never_an_annual_target():
    text = "日期:2022/04/26\n年初以来,某县制定了某县2022年稳增长30条政策措施,确保全县经济社会保持平稳健康发展。" \
           "一季度,全县地区生产总值完成26.7亿元,增长6.6%;完成固定资产投资36.8亿元,增长22%。"
    assert got(text) == set()
    assert {r["value"] for r in rows(text) if "一季度" in r["note"]} == {26.7, 6.6, 36.8, 22.0}
    assert ("gdp", 2022, "target_growth", 6.0, "") in got("2022年1月10日\n今年以来,确保全年地区生产总值增长6%。")


def test_as_at_a_year_then_a_comma_dates_the_figures_after_it():
    text = "2023年,某县常住人口131.06万人。截至2022年,某县地区生产总值651.57亿元,按可比价同比增长1.6%。"
    assert got(text) >= {("gdp", 2022, "level", 651.57, ""), ("gdp", 2022, "growth", 1.6, "")}
    assert not {r for r in got(text) if r[0] == "gdp" and r[1] == 2023}


def test_a_plan_period_opening_a_sentence_frames_the_pairs_of_the_clauses_after_it():
    text = "2026年1月20日\n综合实力实现历史性跨越。“十四五”期间,某县地区生产总值年均增长10.3%;" \
           "地方一般公共预算收入从14.92亿元增长到45.96亿元,年均增长25.2%。"
    assert got(text) == {("gdp", 2025, "growth", 10.3, 2021), ("budget_revenue", 2020, "level", 14.92, ""),
                         ("budget_revenue", 2025, "level", 45.96, ""), ("budget_revenue", 2025, "growth", 25.2, 2021)}


def test_marks_crossed_one_after_another_are_not_a_years_level():
    text = BULLETIN + "全县生产总值接连突破300亿元、400亿元,规模以上工业总产值连续两年突破100亿元,粮食产量连续七年超140亿斤。" \
                      "全年地区生产总值412.5亿元。"
    assert got(text) == {("gdp", 2022, "level", 412.5, "")}
    assert {300.0, 400.0, 100.0, 140.0} <= {r["value"] for r in extraction(text).unread}      # listed, not dropped


def test_a_paragraph_broken_inside_a_pair_from_the_tenth_plans_end_is_joined_and_read():
    text = "政府工作报告\n——2011年1月13日在县第十五届人民代表大会第五次会议上\n\n" \
           "——过去的五年,是县域经济快速增长的五年。五年来,主要经济指标快速增长。全县生产总值由“十五”末的\n\n" \
           "12.8亿元增加到19.2亿元,年均增长8.4%。"
    assert got(text) == {("gdp", 2005, "level", 12.8, ""), ("gdp", 2010, "level", 19.2, ""),
                         ("gdp", 2010, "growth", 8.4, 2006)}


def test_one_more_step_of_a_hundred_yi_is_not_a_level():
    text = BULLETIN + "全年实现地区生产总值再迈上新的百亿,达到512.3亿元。"
    assert got(text) == {("gdp", 2022, "level", 512.3, "")}


def test_a_prefectures_name_glued_to_the_gdp_and_its_its_clause_are_another_places():
    text = "2023年大兴安岭地区生产总值为151.80亿元,位列全省倒数第一,其第一、二、三产业增加值分别为51.20亿元、15.70亿元、85.00亿元。\n" \
           "2023年七台河市实现地区生产总值262.90亿元,其第一、二、三产业实现增加值分别为43.40亿元、109.90亿元、109.60亿元。"
    found = extract_document(text, "七台河市", "t.txt", 2024, registry=REGISTRY)
    assert {(r["indicator"], r["value"]) for r in found.rows if r["status"] == "proposed"} == {
        ("gdp", 262.9), ("primary_value_added", 43.4), ("secondary_value_added", 109.9), ("services_value_added", 109.6)}
    # 其中 / 区属 / 推动 before the name are not another place's
    assert ("gdp", 2023, "level", 500.0, "") in got("2023年,推动地区生产总值实现500亿元,其中第一产业增加值达50亿元。", 2024)


def test_a_review_of_the_governments_term_frames_its_sums_and_two_interleaved_pairs():
    text = "政府工作报告\n2022年1月6日在某县第十六届人民代表大会第一次会议上\n一、本届人民政府工作回顾\n" \
           "地区生产总值累计突破270亿元,社会消费品零售总额累计达到100亿元;" \
           "城乡居民人均可支配收入从25475元和8892元增加到32432元和12787元。"
    assert got(text) == {("gdp", 2021, "cumulative", 270.0, 2017), ("retail_sales", 2021, "cumulative", 100.0, 2017),
                         ("urban_disposable_income", 2016, "level", 25475.0, ""),
                         ("rural_disposable_income", 2016, "level", 8892.0, ""),
                         ("urban_disposable_income", 2021, "level", 32432.0, ""),
                         ("rural_disposable_income", 2021, "level", 12787.0, "")}
    # the year first, then the term (一、2021年及本届政府工作回顾): the year's figures
    assert ("fixed_asset_investment", 2021, "level", 1250.0, "") in got(
        "政府工作报告\n2022年1月6日\n一、2021年及本届政府工作回顾\n固定资产投资完成1250亿元。")


@pytest.mark.parametrize("period", ["2031年前三季度", "2031年1-9月", "2031年1至9月"])
def test_a_year_then_a_part_of_it_dates_the_figures_and_the_estimate_after_them(period):
    text = f"{period},规上工业总产值达800亿元,预计全年突破1000亿元。"
    assert ("industrial_output", 2031, "level", 1000.0, "") in got(text, 2031)
    assert ("industrial_output", 2031, "level", 800.0, "") in got(text, 2031, status="needs_review")


def test_an_average_written_with_zeng_alone_is_an_average():
    text = "“十三五”期间,一般公共预算收入从6.61亿元增加到9.86亿元,年均增8.34%。"
    assert ("budget_revenue", 2020, "growth", 8.34, 2016) in got(text, 2021)


def test_as_at_a_years_end_on_an_undated_profile_page_dates_the_figure_after_it():
    text = "某县历史悠久。2007年,入选文化旅游大县。[2]总面积2070平方千米。[29]截至2022年末,某县常住人口为127592人。[64]"
    assert got(text) == {("resident_population", 2022, "level", 127592.0, "")}


def test_an_earlier_whole_year_opening_a_sentence_on_a_page_about_a_half_year_is_annual():
    text = "今年上半年,某县实现地区生产总值363.2亿元,增长13.3%。\n\n2020年,某县实现地区生产总值703.4亿元,居全省第2位。"
    assert got(text, 2021) == {("gdp", 2020, "level", 703.4, "")}
    assert ("gdp", 2021, "level", 363.2, "") in got(text, 2021, status="needs_review")


def test_growths_listed_with_zengsu_fenbie_go_to_the_names_of_the_clauses_before():
    text = BULLETIN + "初步核算,全年地区生产总值875.14亿元,比上年增长5.4%。其中,第一产业增加值23.70亿元," \
                      "第二产业增加值353.96亿元,第三产业增加值497.48亿元,增速分别为4.4%、4.8%、6.0%。"
    assert {("primary_value_added", 2022, "growth", 4.4, ""), ("secondary_value_added", 2022, "growth", 4.8, ""),
            ("services_value_added", 2022, "growth", 6.0, "")} <= got(text)


def test_entities_newly_set_up_are_a_flow_and_those_on_the_register_the_stock():
    text = BULLETIN + "全年新设市场经营主体32673户,比上年下降4.62%。年末在册市场经营主体180392户,比上年增长9.50%。"
    assert got(text) == {("new_market_entities", 2022, "cumulative", 32673.0, 2022),
                         ("market_entities", 2022, "level", 180392.0, "")}


def test_a_part_of_the_year_in_brackets_marks_only_the_bracket():
    text = "一、2020年全市国民经济和社会发展计划执行情况\n2020年,其中:地区生产总值完成128.3亿元,同比增长1.1%" \
           "(增速由上半年-5.5%转为增长1.1%),低年度计划5.3个百分点;规模以上工业增加值完成19.3亿元,同比增长3.2%" \
           "(增速由上半年-11.1%转为增长3.2%)。\n2021年上半年,一般公共预算收入完成4.7亿元,同比增长54.7%" \
           "(1-7月份,一般公共预算收入完成5.5亿元);城镇常住居民人均可支配收入完成18842元。"
    assert {("industrial_value_added", 2020, "level", 19.3, ""), ("industrial_value_added", 2020, "growth", 3.2, "")} \
        <= got(text, 2021)
    assert ("urban_disposable_income", 2021, "level", 18842.0, "") in got(text, 2021, status="needs_review")


def test_the_places_own_name_ending_in_chengshi_is_not_the_urban_part():
    found = extract_document("去年,晋城市地区生产总值完成637.04亿元、增长4.3%;城市居民人均可支配收入30000元。",
                             "晋城市", "t.txt", 2021, registry=REGISTRY)
    assert {(r["indicator"], r["value"]) for r in found.rows if r["status"] == "proposed"} == {
        ("gdp", 637.04), ("gdp", 4.3)}        # 城市居民 before 人均可支配收入 still makes it the urban part, not the whole's


def test_a_bulletins_chart_of_five_years_names_the_year_of_its_figures():
    text = "某县统计局\n(2023年3月15日)\n一、综合\n初步核算,全年实现地区生产总值2211.84亿元,比上年增长3.8%。\n" \
           "图1 2018-2022年地区生产总值及其增长速度\n全年城镇新增就业1.61万人。"
    assert got(text) == {("gdp", 2022, "level", 2211.84, ""), ("gdp", 2022, "growth", 3.8, ""),
                         ("new_urban_employment", 2022, "cumulative", 1.61, 2022)}


def test_the_years_task_is_a_target_and_the_margin_over_it_is_not_a_figure():
    text = BULLETIN + "全年城镇新增就业1508人,完成全年任务1100人的137%。全年固定资产投资完成17亿元,超额完成年度任务2.1亿元。"
    assert got(text) == {("new_urban_employment", 2022, "cumulative", 1508.0, 2022),
                         ("new_urban_employment", 2022, "target_level", 1100.0, 2022),
                         ("fixed_asset_investment", 2022, "level", 17.0, "")}


def test_a_year_column_beside_the_share_of_the_plan_done_is_the_years_plan():
    text = "某区经济发展数据(2016年1-3月)\n指标名称 | 单位 | 1季度累计 | 同比增速(±%) | 2016年 | 完成年度计划(%) |\n" \
           "固定资产投资额 | 亿元 | 69.88 | 9.1 | 270.7 | 25.8 |"
    assert got(text, 2016) == {("fixed_asset_investment", 2016, "target_level", 270.7, "")}


def test_output_and_value_added_of_industry_listed_in_one_word_and_a_count_that_is_a_clauses_subject():
    text = BULLETIN + "全年规模以上工业总产值和增加值同比分别增长16.1%、28.1%。新增高新技术企业110家,36家企业跻身全市500强。"
    assert got(text) == {("industrial_output", 2022, "growth", 16.1, ""), ("industrial_value_added", 2022, "growth", 28.1, ""),
                         ("high_tech_firms_certified", 2022, "cumulative", 110.0, 2022)}


def test_results_measured_against_the_years_targets_in_a_half_year_report_are_the_half_years():
    text = "关于某县2025年国民经济和社会发展计划上半年执行情况的报告\n\n上半年,计划执行基本顺利,对照年初确定的13个指标预期目标," \
           "7个指标符合预期目标。全县完成一般公共预算收入43.56亿元、占年度目标任务的54%。"
    assert got(text) == set()
    assert got(text, status="needs_review") == {("budget_revenue", 2025, "level", 43.56, "")}


def test_an_amount_a_head_of_a_million_yuan_or_more_is_a_misprinted_unit_for_review():
    found = extraction(BULLETIN + "全年实现地区生产总值138.23亿元,人均地区生产总值约23131万元。")
    row = next(r for r in found.rows if r["indicator"] == "per_capita_gdp")
    assert (row["status"], row["value"]) == ("needs_review", 23131.0) and "check:implausible_magnitude" in row["note"]
    assert ("per_capita_gdp", 2022, "level", 8.33, "") in got(BULLETIN + "全年人均地区生产总值8.33万元。")


def test_as_at_a_month_of_a_year_is_a_stock_for_review_and_a_years_end_after_it_is_annual():
    text = "截至2025年9月,某县总面积1.22万平方公里,常住人口10.3万人。截至2023年末,某县常住人口10.25万人。\n\n" \
           "2024年,某县地区生产总值达280.29亿元。"
    assert got(text, 2026) == {("resident_population", 2023, "level", 10.25, ""), ("gdp", 2024, "level", 280.29, "")}
    month = next(r for r in rows(text, 2026) if r["value"] == 10.3)
    assert (month["year"], month["status"]) == (2025, "needs_review") and "截至2025年9月" in month["note"]
    # 按其2019年末常住人口…计算 inside a clause after a quarter is no year's end of its own
    text = "某县2020年一季度实现GDP约14.94亿元,按其2019年末常住人口15.71万人计算,人均地区生产总值约0.95万元。"
    assert got(text, 2020) == set()


def test_a_table_with_a_year_a_row_and_a_growth_column_after_a_names():
    text = "某市历年生产总值\n年份 | GDP(亿元) | 增速(%) |\n2017年 | 2350.76 | 9.2 |\n2016年 | 2080.54 | 8.7 |"
    assert got(text, 2023) == {("gdp", 2017, "level", 2350.76, ""), ("gdp", 2017, "growth", 9.2, ""),
                               ("gdp", 2016, "level", 2080.54, ""), ("gdp", 2016, "growth", 8.7, "")}


def test_investment_in_a_sector_is_not_the_sectors_value_added():
    assert got("2017年,第一产业完成投资18987万元,第二产业完成投资260810万元。") == set()


def test_as_at_a_month_dates_only_its_own_sentence():
    text = "某县简介\n某县,隶属某市。截至2019年,某县户籍人口104.94万人。截至2021年10月,某县下辖3个街道、15个镇。" \
           "全县地区生产总值256.93亿元,人均生产总值为29615元。"
    assert {("gdp", 2019, "level", 256.93, ""), ("per_capita_gdp", 2019, "level", 29615.0, "")} <= got(text, 2022)


def test_per_head_gdp_per_resident_is_the_figure_when_per_registered_is_printed_beside_it():
    text = BULLETIN + "按户籍人口计算,全县人均地区生产总值103007元,比上年增长5.5%。按常住人口计算,全县人均地区生产总值79995元,比上年增长5.1%。"
    assert got(text) == {("per_capita_gdp", 2022, "level", 79995.0, ""), ("per_capita_gdp", 2022, "growth", 5.1, "")}
    alone = BULLETIN + "按户籍人口计算,全县人均地区生产总值103007元。"
    assert got(alone) == {("per_capita_gdp", 2022, "level", 103007.0, "")}


def test_prose_with_every_number_on_a_line_of_its_own_is_read_joined():
    text = "某县政府工作报告\n2011年,地区生产总值、财政总收入分别是\n2007\n年的\n2.2\n倍、\n3.9\n倍。实现农业增加值\n45.42\n" \
           "亿元。实现服务业增加值\n83.81\n亿元,增长\n17.3%\n。"
    assert {("services_value_added", 2011, "level", 83.81, ""), ("services_value_added", 2011, "growth", 17.3, "")} \
        <= got(text, 2012)


def test_a_clause_with_no_subject_after_a_total_clause_is_one_more_total():
    text = "政府工作报告--2017年12月6日在市五届人大一次会议上\n一、过去五年工作回顾\n" \
           "预计地区生产总值由2012年的34.9亿元提高到40.2亿元,年均增长5.9%;累计实施固定资产投资项目269个,完成固定资产投资88亿元。"
    found = got(text)
    assert ("fixed_asset_investment", 2017, "cumulative", 88.0, 2013) in found
    assert not any(k[0] == "fixed_asset_investment" and k[2] == "level" for k in found)


def test_a_heading_run_into_the_text_names_the_year_reviewed():
    text = "2020年某县政府工作报告\n2020年某县政府工作报告——在某县第十七届人民代表大会第四次会议上各位代表:现在,我代表县人民政府" \
           "向大会作工作报告。一、2019年工作回顾即将过去的一年,全县经济社会发展保持稳中向好态势。预计全年地区生产总值增长8%(预计数,下同)。"
    assert got(text) == got(text, 2019) == got(text, 2020) == {("gdp", 2019, "growth", 8.0, "")}


def test_the_year_about_to_pass_is_the_year_of_the_speech():
    text = "某县政府工作报告\n即将过去的一年,全县经济保持稳中向好态势。预计全年地区生产总值增长8%。"       # given, 2019: no date printed
    assert got(text, 2019) == {("gdp", 2019, "growth", 8.0, "")}


def test_a_year_in_brackets_after_a_figure_dates_it():
    text = "某县简介\n某县,隶属某市。地区生产总值288.52亿元(2022年)。常住人口43.3万人(2010年第六次全国人口普查)。"
    assert got(text, 2023) == {("gdp", 2022, "level", 288.52, ""), ("resident_population", 2010, "level", 43.3, "")}
    assert ("gdp", 2020, "level", 288.52, "") not in got(text.replace("(2022年)", "(2020年价格)"), 2023)


def test_real_growth_after_a_level_goes_on_with_its_subject_at_comparable_prices():
    found = rows("某县2019年实现地区生产总值132.56亿元,实际比上年增长5.8%。城镇居民人均可支配收入32000元,实际增长5.1%。", 2020)
    basis = {(r["indicator"], r["kind"], r["value"]): r["price_basis"] for r in found if r["status"] == "proposed"}
    assert basis[("gdp", "growth", 5.8)] == "comparable" and basis[("urban_disposable_income", "growth", 5.1)] == "comparable"


def test_a_like_for_like_growth_beside_the_published_one_is_not_at_comparable_prices():
    for text in ("2019年,一般公共预算收入实现194.1亿元,同比增长0.3%(剔除减税降费因素后同口径实际增长11.67%)。",
                 "2019年,一般公共预算收入实现194.1亿元,同比增长0.3%,按可比口径同比增长11.67%。"):
        assert {k for k in got(text, 2020) if k[2] == "growth"} == {("budget_revenue", 2019, "growth", 0.3, "")}


def test_a_plans_sum_over_the_plan_before_is_no_years_growth():
    text = "1月28日,某市召开新闻发布会,介绍“十四五”时期的经济社会发展成就。\n“十四五”以来,地区生产总值从2020年的1061.1亿元增至" \
           "2025年的1330.4亿元,年均增长3.5%。投资规模扩大结构向优,全市固定资产投资累计完成3374亿元,较“十三五”时期增长7%。"
    assert not any(k[0] == "fixed_asset_investment" and k[2] == "growth" for k in got(text, 2026))


def test_a_count_opening_its_clause_before_other_firms_is_theirs():
    text = "“十四五”期间,经开区壮大创新型企业集群,聚集超2300家国家高新技术企业,190家国家级专精特新小巨人企业,数量位居前列。"
    assert ("high_tech_firms", 2025, "level", 190.0, "") not in got(text, 2026)
    assert ("high_tech_firms", 2023, "level", 45.0, "") in got("2023年,全县有高新技术企业45家、规上工业企业128家。", 2024)


def test_a_title_printed_again_after_a_date_line_dates_no_figure():
    text = "——2021年1月7日在某区第十届人民代表大会第五次会议上\n区长:某某\n2021年某区政府工作报告\n" \
           "——2021年1月7日在某区第十届人民代表大会第五次会议上\n一、2020年及“十三五”工作回\n过去一年,是极不平凡的一年。\n" \
           "预计,全区地区生产总值增长4.7%。财政收入52.3亿元,增长3.2%。"
    assert {(k[0], k[1], k[2]) for k in got(text)} == {("gdp", 2020, "growth"), ("total_fiscal_revenue", 2020, "level"),
                                                       ("total_fiscal_revenue", 2020, "growth")}


def test_on_a_page_about_several_places_another_places_paragraph_is_not_the_places():
    text = "本报讯 日前,凉州区、某县、天祝县被评定为2022年县域经济发展进步县。\n" \
           "2022年,凉州区立足发展“城市服务型”县域经济,全年生产总值达到417.7亿元,固定资产投资增长16%。\n" \
           "某县围绕农业优先型发展方向,2022年,实现生产总值80.9亿元、增长6.5%。固定资产投资增长21.1%。\n" \
           "天祝县牢牢把握“三新一高”导向。2022年,全县经济总量达到71.1亿元,地区生产总值增长8.2%。"
    found = extraction(text, 2023)
    assert {k for k in got(text, 2023) if k[0] in ("gdp", "fixed_asset_investment")} == {
        ("gdp", 2022, "level", 80.9, ""), ("gdp", 2022, "growth", 6.5, ""), ("fixed_asset_investment", 2022, "growth", 21.1, "")}
    assert {417.7, 71.1} <= {r["value"] for r in found.unread}          # the siblings' figures are listed, not dropped


def test_an_investment_price_index_is_not_the_investment():
    found = got("2018年,全县固定资产投资价格上涨3.7%,居民消费价格上涨2%。", 2019)
    assert not any(k[0] == "fixed_asset_investment" for k in found)


def test_a_price_ceiling_kept_in_a_review_is_for_review_not_the_years_rise():
    found = rows("2022年,全县居民消费价格指数控制在3%以内。居民消费价格上涨2.1%。", 2023)
    status = {r["value"]: r["status"] for r in found if r["indicator"] == "cpi"}
    assert status == {3.0: "needs_review", 2.1: "proposed"}


def test_several_places_counted_before_a_name_are_not_the_places():
    text = "某市政府工作报告\n——2020年1月10日在某市人民代表大会上\n过去一年,全市地区生产总值增长7%。乐都、民和、互助三县区GDP突破百亿元。"
    assert got(text) == {("gdp", 2019, "growth", 7.0, "")}


def test_a_levels_increase_over_a_plan_is_not_a_sum_of_its_years():
    text = "1月22日,某县召开经济工作会议。“十四五”期间,地区生产总值从81.1亿元预计增至130亿元,五年累计增量预计超48.9亿元。"
    assert not any(k[1:4] == (2025, "cumulative", 48.9) for k in got(text, 2026))


def test_a_census_count_is_the_census_years():
    assert got("2021年5月,全县发布第七次全国人口普查公报,常住人口1382713人。", 2022) == {
        ("resident_population", 2020, "level", 1382713.0, "")}
    assert got("按七普常住人口计算,全县2023年人均地区生产总值为132759元。常住人口52.1万人。", 2024) == {
        ("per_capita_gdp", 2023, "level", 132759.0, ""), ("resident_population", 2023, "level", 52.1, "")}


def test_averages_after_one_whose_base_year_the_sentence_names_share_it():
    text = "2021年,全县实现地区生产总值65.96亿元,是2012年25.73亿元的2.56倍,年均增长11%;一般公共预算收入年均增长8.07%;" \
           "社会消费品零售总额年均增长15.72%。"
    found = got(text, 2022)
    assert {("budget_revenue", 2021, "growth", 8.07, 2013), ("retail_sales", 2021, "growth", 15.72, 2013)} <= found


def test_a_bracket_after_a_total_population_names_which_it_is():
    found = got(BULLETIN + "年末全县总人口11.14万人[注3](户籍人口)。年末全县总人口10.5万人。")
    assert ("registered_population", 2022, "level", 11.14, "") in found
    assert not any(k[3] == 10.5 for k in found)               # 总人口 alone says neither: for review, as unknown


def test_a_growth_noun_after_the_rate_makes_it_growth():
    text = "2023年,全县地区生产总值以7.6%的增速领跑全市。规上工业增加值实现了12.1%的增长。城镇化率以55.2%的水平居全市第二。"
    assert got(text, 2024) == {("gdp", 2023, "growth", 7.6, ""), ("industrial_value_added", 2023, "growth", 12.1, ""),
                               ("urbanization_rate", 2023, "share", 55.2, "")}
    assert got("2023年,全县经济总量连续多年保持5%以上的稳步增长。", 2024) == set()     # a floor over years
    assert got("2023年,全县以8%的地区生产总值增速位居全市第二,以12.5%的规上工业增加值增幅领跑全市。", 2024) == {
        ("gdp", 2023, "growth", 8.0, ""), ("industrial_value_added", 2023, "growth", 12.5, "")}    # the name after the rate


def test_a_bulletin_stored_without_its_title_and_issued_in_spring_is_of_the_year_before():
    text = "某县统计局\n(2018年3月20日)\n一、综合\n初步核算,全年实现地区生产总值91.10亿元,比上年增长8.5%。"
    found = rows(text)
    assert {(r["year"], r["value"], r["status"]) for r in found if r["indicator"] == "gdp"} == {
        (2017, 91.1, "proposed"), (2017, 8.5, "proposed")}


def test_a_census_day_near_the_top_does_not_date_the_page():
    text = "某县(某省某市下辖县)\n某县,总面积1969平方千米;根据第七次人口普查数据,截至2020年11月1日零时,某县常住人口为1384282人。\n" \
           "2022年,某县实现生产总值546.3亿元,同比增长3.0%。"
    assert got(text) == {("resident_population", 2020, "level", 1384282.0, ""), ("gdp", 2022, "level", 546.3, ""),
                         ("gdp", 2022, "growth", 3.0, "")}


def test_per_head_before_residents_names_the_disposable_income_too():
    text = "2024年,城镇、农村人均居民可支配收入分别完成56477元、28873元,分别增长4.7%、6.6%。"
    assert got(text, 2025) == {("urban_disposable_income", 2024, "level", 56477.0, ""),
                               ("urban_disposable_income", 2024, "growth", 4.7, ""),
                               ("rural_disposable_income", 2024, "level", 28873.0, ""),
                               ("rural_disposable_income", 2024, "growth", 6.6, "")}


def test_a_span_ending_at_a_plans_end_names_its_last_year():
    text = "1月8日,某县召开会议。“十四五”期间,地区生产总值从“十三五”末的72.8亿元跃升至“十四五”末的134亿元。"
    assert got(text, 2026) == {("gdp", 2020, "level", 72.8, ""), ("gdp", 2025, "level", 134.0, "")}


def test_urban_residents_share_of_the_total_is_the_urbanisation_rate():
    found = got(BULLETIN + "年末全县常住人口13.6万人,其中城镇常住人口6.32万人,占总人口比重为46.5%。")
    assert ("urbanization_rate", 2022, "share", 46.5, "") in found
    assert not any(k[0] == "urbanization_rate" for k in got(BULLETIN + "年末城镇人口6.32万人,占总人口比重为46.5%。"))


def test_steps_counted_in_any_numeral_are_thresholds_not_figures():
    text = "五年来,地区生产总值连跨八个百亿元台阶,2020年突破2000亿元大关,达到2045.0亿元,是2015年的1.7倍,年均增长7.8%。"
    assert got(text, 2021) == {("gdp", 2020, "level", 2045.0, ""), ("gdp", 2020, "growth", 7.8, 2016)}


def test_residents_income_per_head_and_a_budget_without_its_revenue_are_named():
    text = "2021年,城乡居民人均收入预计分别达到40590元、25700元,同比增长11.27%。"
    assert got(text, 2022) == {("urban_disposable_income", 2021, "level", 40590.0, ""),
                               ("rural_disposable_income", 2021, "level", 25700.0, "")}     # one rate for two: neither
    assert ("budget_revenue", 2025, "target_growth", 8.0, "") in got("2025年主要预期目标是:一般公共财政预算增长8%。", 2025)


def test_a_paragraph_on_the_units_a_place_administers_is_for_review():
    text = BULLETIN + "全区实现生产总值500亿元。\n区属主要经济指标(不含某经济技术开发区) 实现区属生产总值353.73亿元。其中:第一产业增加值13.19亿元,同比下降1.1%。"
    status = {r["value"]: r["status"] for r in rows(text) if r["indicator"] == "primary_value_added"}
    assert status and set(status.values()) == {"needs_review"}


def test_the_census_day_alone_dates_a_population_count():
    text = "某县概况\n截至2020年11月1日,常住人口为485252人。2022年,全县实现地区生产总值200亿元。"
    assert got(text, 2023) == {("resident_population", 2020, "level", 485252.0, ""), ("gdp", 2022, "level", 200.0, "")}


def test_a_ruled_table_of_targets_and_results_gives_both():
    text = "一、2021年国民经济和社会发展计划执行情况\n表一:2021年国民经济与社会发展有关指标完成情况\n" \
           "属性|指标名称|人代会目标|完成情况|全市排名\n增幅|绝对值|评价\n预期性|地区生产总值| 8%左右| 9.7 | 853.2亿元|完成| 2\n" \
           "常住人口城镇化率| 68% | 73.3(*) |完成| 1\n固定资产投资| 11% | 25.6% | 2"
    assert got(text, 2022) == {("gdp", 2021, "target_growth", 8.0, ""), ("gdp", 2021, "growth", 9.7, ""),
                               ("gdp", 2021, "level", 853.2, ""), ("urbanization_rate", 2021, "target_level", 68.0, ""),
                               ("urbanization_rate", 2021, "share", 73.3, ""),
                               ("fixed_asset_investment", 2021, "target_growth", 11.0, ""),
                               ("fixed_asset_investment", 2021, "growth", 25.6, "")}


def test_a_year_inside_an_aside_does_not_date_what_follows_it():
    text = BULLETIN + "全年实现地区生产总值2003.3亿元(经最终核实,2021年GDP修订为1949.8亿元)。按常住人口计算,人均地区生产总值17.26万元。"
    found = got(text)
    assert ("per_capita_gdp", 2022, "level", 17.26, "") in found and ("gdp", 2021, "level", 1949.8, "") in found
