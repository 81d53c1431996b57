"""Nothing with a number dropped silently (issue 19): numbers no proposed row carries are listed as not_read,
after the proposals in the review file, and merge refuses them until a person gives them a reading."""
import csv
import io
import subprocess
import sys

import pytest

from analysis.data.merge import merge_review
from analysis.data.registry import load_registry
from analysis.data.review import accept, read_review
from analysis.exceptions import DataValidationError
from analysis.extract.propose import extract_document
from conftest import FIXTURE_TABLE

BULLETIN = "某县2022年国民经济和社会发展统计公报\n"


def _found(text):
    return extract_document(text, "某县", "doc.txt", registry=load_registry(FIXTURE_TABLE))


def test_numbers_no_row_carries_are_listed_with_their_clause():
    found = _found(BULLETIN + "全年地区生产总值120.5亿元,增长6.1%,是2015年的1.8倍。生猪出栏7.0万头,"
                              "新增市场主体7500余户。户籍人口86.3万,常住人口766579。")
    assert {(r["value"], r["unit"]) for r in found.unread} == {(1.8, "倍"), (7.0, "万头"), (766579.0, "")}
    # 户籍人口86.3万, is read (万人); 7500余户 too (at least 7500)
    assert {r["value"] for r in found.rows} == {120.5, 6.1, 86.3, 7500.0}
    quotes = {r["value"]: r["quote"] for r in found.unread}
    assert quotes[1.8] == "增长6.1%,是2015年的1.8倍" and quotes[7.0] == "生猪出栏7.0万头"
    assert all(r["status"] == "not_read" and r["indicator"] == "unknown" and r["year"] == "" and
               r["confidence"] == 0.0 for r in found.unread)


def test_a_number_before_wan_or_yi_is_listed_whatever_follows():
    found = _found(BULLETIN + "全年接待游客由120万增加到150万人次。")
    assert {(r["value"], r["unit"]) for r in found.unread} == {(120.0, "万"), (150.0, "万人次")}


def test_dates_years_and_ordinals_are_not_listed():
    found = _found(BULLETIN + "2023年3月15日发布。全年地区生产总值120.5亿元,居全市第3位。\n表1 主要指标\n图2 增长速度")
    assert found.unread == []


def test_a_value_set_aside_for_another_reading_of_the_same_key_is_listed_not_lost():
    # two amounts for one indicator and year: one is proposed, the other must still be shown
    found = _found(BULLETIN + "全年地区生产总值120.5亿元。全年地区生产总值118.2亿元。")
    proposed = {r["value"] for r in found.rows if r["indicator"] == "gdp" and r["kind"] == "level"}
    assert len(proposed) == 1
    assert {120.5, 118.2} - proposed <= {r["value"] for r in found.unread}


def test_review_file_lists_them_last_accept_all_leaves_them_and_merge_refuses_one_accepted(tmp_path):
    from conftest import copy_data

    doc = tmp_path / "doc.txt"
    doc.write_text(BULLETIN + "全年地区生产总值120.5亿元,增长6.1%。生猪出栏7.0万头。\n", encoding="utf-8")
    out = tmp_path / "review" / "x.csv"
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(doc), "--district", "某县",
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    statuses = [r["status"] for r in rows]
    assert statuses[-1] == "not_read" and statuses.count("not_read") == 1 and rows[-1]["value"] == "7.0"
    assert statuses.index("not_read") > max(i for i, s in enumerate(statuses) if s != "not_read") - 1
    assert "1 other number(s) that no row carries" in done.stderr
    accept(out, accept_all=True)
    assert [r["status"] for r in read_review(out)[1]][-1] == "not_read"
    accept(out, numbers=[len(rows) + 1])                          # a person accepts it without filling it in
    data = copy_data(tmp_path / "data")
    before = (data / "indicators.csv").read_bytes()
    with pytest.raises(DataValidationError) as refused:
        merge_review(out, data / "indicators.csv")
    [line] = refused.value.problems
    assert line.startswith(f"{out} row {len(rows) + 1}, column 'indicator'") and "by hand" in line
    assert (data / "indicators.csv").read_bytes() == before


def test_a_fall_read_as_a_negative_growth_is_carried():
    found = _found(BULLETIN + "全年地区生产总值120.5亿元,下降3.4%。")
    assert ("gdp", -3.4) in {(r["indicator"], r["value"]) for r in found.rows} and found.unread == []


def test_ratios_and_dates_are_not_amounts():
    found = _found(BULLETIN + "三次产业结构为11.1:46.8:42.1。发布时间:2023-02-22。")
    assert found.unread == []


@pytest.mark.parametrize("separator", ["\t", " ", " | "])
def test_a_text_tables_cells_no_row_carries_are_listed(separator):
    table = ["指标名称", "单位", "数值", "比上年增长"], ["粮食播种面积", "万亩", "120.5", "6.1"]
    found = _found("某县2022年主要指标\n" + "\n".join(separator.join(row) for row in table))
    assert {r["value"] for r in found.unread} >= {120.5, 6.1}


def test_a_number_before_words_no_unit_reads_is_listed_but_not_a_change_in_points_or_a_code():
    found = _found(BULLETIN + "全区生产总值同比增长8.5虬比全市高2.5个百分点。详见art_7588页,用时3个月。")
    assert {r["value"] for r in found.unread} == {8.5}


def test_a_magnitude_in_words_inside_a_word_is_a_target_or_listed():
    found = _found("2021年9月某县新闻\n确保“十四五”期间实现地区生产总值‘双千亿’目标。\n打造三百亿级产业集群。")
    assert {(r["indicator"], r["year"], r["kind"], r["value"]) for r in found.rows if r["status"] == "proposed"} == {
        ("gdp", 2025, "target_level", 1000.0)}
    assert [(r["value"], r["unit"], r["quote"]) for r in found.unread] == [(300.0, "亿", "打造三百亿级产业集群")]


def test_the_summary_counts_partial_year_and_unsure_rows_apart(tmp_path, capsys):
    from analysis.cli.main import main

    doc = tmp_path / "doc.txt"
    doc.write_text("某县2023年经济运行情况\n累计完成固定资产投资271.9亿元,年均增长6.5%。\n一季度,全县规模以上工业增加值增长8.2%。\n",
                   encoding="utf-8")
    assert main(["extract", str(doc), "--district", "某县"]) == 0
    err = capsys.readouterr().err
    assert "(1 partial-year, 1 whose year or period is unsure" in err


@pytest.mark.parametrize("minus", ["-", "−", "－"])
def test_a_fall_printed_with_a_minus_in_a_table_cell_is_listed_with_its_sign_but_not_a_dates_part(minus):
    found = _found(f"某县2016年1-3月经济数据\n指标名称 | 单位 | 1季度累计 | 增长速度(±%) |\n第二产业 | 亿元 | 54.36 | {minus}0.3 |\n"
                   f"信息提供日期:2016{minus}05{minus}06")
    assert -0.3 in {r["value"] for r in found.unread}
    assert not {5.0, 6.0} & {r["value"] for r in found.unread}


def test_an_amount_with_decimals_between_1900_and_2100_is_no_year():
    found = _found("某市2022年经济\n历年 | 数值 |\n某年 | 2080.54 |\n2016 |")
    assert 2080.54 in {r["value"] for r in found.unread} and 2016.0 not in {r["value"] for r in found.unread}
