"""Numbers are read, not found (issue 21): cleaned at normalize, whole tokens with an agreeing unit at validate."""

import pytest

from analysis.cli.main import main
from analysis.data.normalize import normalize_text
from analysis.data.quotes import value_in_quote
from analysis.exceptions import DataFileError
from conftest import extract_rows

GDP_QUOTE = "地区生产总值完成620.5亿元,同比增长2.5%"


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200d"])
def test_normalize_removes_invisible_characters_inside_numbers(hidden):
    assert normalize_text(f"地区生产总值完成7{hidden}20.5亿元") == "地区生产总值完成720.5亿元\n"
    assert normalize_text(f"增长2.{hidden}5%") == "增长2.5%\n"


def test_normalize_maps_fullwidth_digits_and_decimal_points():
    assert normalize_text("地区生产总值完成６２０．５亿元") == "地区生产总值完成620.5亿元\n"


def test_normalize_refuses_a_space_between_the_digits_of_an_amount_with_line_and_column():
    with pytest.raises(DataFileError) as caught:
        normalize_text("标题\n地区生产总值完成7 20.5亿元", "doc.txt")
    message = str(caught.value)
    assert message.startswith("doc.txt line 2, column 10: ") and "7 20.5亿元" in message and "\n" not in message


@pytest.mark.parametrize("printed,read", [("收入39,175元和19,156元", "收入39175元和19156元"),
                                          ("控制在26,500人以内", "控制在26500人以内"),
                                          ("完成1,234,567.5万元", "完成1234567.5万元"),
                                          ("增长6,2023年", "增长6,2023年"),          # a clause break before a year
                                          ("分别为5,10家", "分别为5,10家"),          # not a group of three
                                          ("收入16 100元,20 063元", "收入16100元,20063元"),    # a yearbook's spaced groups
                                          ("完成1\u2009234\u2009567.5万元", "完成1234567.5万元")])   # thin spaces
def test_normalize_removes_thousands_separators_before_a_unit(printed, read):
    assert normalize_text(printed) == read + "\n"


@pytest.mark.parametrize("printed", ["完成1,234 567万元", "常住人口57.46 49万人"])      # mixed separators; no group of three
def test_normalize_refuses_digits_spaced_otherwise_than_in_groups_of_three(printed):
    with pytest.raises(DataFileError, match="a space between the digits"):
        normalize_text(printed, "doc.txt")


def test_normalize_keeps_spaces_between_dates_and_times():
    assert normalize_text("发表于:2022-08-03 11:06:54") == "发表于:2022-08-03 11:06:54\n"


def test_extract_reads_the_whole_number_across_an_invisible_character(tmp_path, capsys):
    rows = extract_rows(tmp_path, capsys, "2022年万柏林区报告.txt",
                        "2022年万柏林区国民经济和社会发展计划执行情况\n2022年,全区地区生产总值完成7\u200b20.5亿元。\n",
                        "--district", "万柏林区", "--year", "2023")
    assert [r["value"] for r in rows if r["indicator"] == "gdp"] == ["720.5"]


@pytest.mark.parametrize("value,unit,kind,quote,reason", [
    (20.5, "亿元", "level", "地区生产总值完成7\u200b20.5亿元", "absent"),        # split by a zero-width space
    (20.5, "亿元", "level", "地区生产总值完成7\u00ad20.5亿元", "absent"),        # … or a soft hyphen
    (2.5, "亿元", "level", GDP_QUOTE, "unit"),                                  # the growth rate as a level
    (620.5, "%", "growth", GDP_QUOTE, "absent"),                               # the level as a rate
    (5, "%", "share", "新增企业5家", "unit"),                                   # a count as a share
    (5, "亿元", "level", "新增企业5家,完成投资10亿元", "unit"),                 # beside another unit
    (620.5, "亿元", "level", "完成620.5万元", "absent"),                         # 万元 is not 亿元
])
def test_a_value_shown_only_as_another_quantity_is_refused(value, unit, kind, quote, reason):
    assert value_in_quote(value, unit, kind, quote) == reason


@pytest.mark.parametrize("value,unit,kind,quote", [
    (227, "家", "target_level", "到2025年底,全区高新技术企业达到227户以上"),   # 户 and 家 both count firms
    (2000, "亿元", "target_level", "经济总量跨上2000亿台阶"),
    (1008.5, "亿元", "level", "1全区生产总值(亿元) 1000 1008.5完成"),          # a table: the unit in the header
    (6.5, "%", "target_growth", "年均增长6.5%左右"),
])
def test_a_value_with_its_unit_or_in_a_table_cell_is_accepted(value, unit, kind, quote):
    assert value_in_quote(value, unit, kind, quote) is None


def test_validate_names_the_quantity_problem_in_one_line(table, capsys):
    def as_level(rows):
        rows[2].update(year="2021", value="2.5")          # GDP 2022 level row, the growth figure as its value
    path = table(as_level)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "column 'value': '2.5' appears in its quote" in err and "only as another quantity" in err
