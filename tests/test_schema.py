"""The cell rules on their own: number forms, years, formula cells, a value shown by its quote."""
import pytest

from analysis.data.quotes import quote_numbers, value_in_quote
from analysis.data.schema import looks_like_formula, parse_number, parse_year


@pytest.mark.parametrize("text,number", [("620.5", 620.5), ("-10.5", -10.5), ("18830", 18830.0), ("0", 0.0),
                                         ("4.0", 4.0), ("0.5", 0.5)])
def test_accepted_number_forms(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", [
    "3_47",      # float() reads 347
    "1e3", "1E3", "0x10", "+5", "inf", "-inf", "nan", "NaN",
    "1,000", "18,830", ".5", "5.", "5%", "5亿", "３４７",   # full-width digits: float() reads 347
    "٣٤٧",       # Arabic-Indic digits: float() reads 347
    " 5", "", "--5", "5-",
])
def test_refused_number_forms(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,year", [("2022", 2022), ("2_022", None), ("+2022", None), ("２０２２", None),
                                       ("20222", None), ("1900", None), ("2100", 2100)])
def test_years(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text,formula", [('=HYPERLINK("http://example.com","x")', True), ("+1", True),
                                          ("-1+2", True), ("@SUM(A1:A3)", True), ("下降 = decline", False),
                                          ("“十四五”期间", False), ("", False)])
def test_formula_cells(text, formula):
    assert looks_like_formula(text) is formula


@pytest.mark.parametrize("value,unit,kind,quote", [
    (620.5, "亿元", "level", "地区生产总值完成620.5亿元,同比增长2.5%"),             # as printed
    (2.5, "%", "growth", "地区生产总值完成620.5亿元,同比增长2.5%"),
    (4.0, "%", "target_level", "城镇登记失业率控制在4.0%以内"),
    (4.0, "%", "target_level", "城镇登记失业率控制在4%以内"),                        # 4.0 is the number 4
    (18830, "人", "cumulative", "推动城镇新增就业人员18,830人"),                     # thousands separator
    (18830, "人", "cumulative", "推动城镇新增就业人员18830人"),
    (-10.5, "%", "growth", "固定资产投资实现141.1亿元,同比下降10.5%"),               # decline: absolute value
    (-0.6, "%", "growth", "服务业增加值实现292.1亿元,同比下降0.6%"),
    (-3.0, "%", "growth", "增速为-3%"),                                              # printed with a sign
    (6, "万人", "target_level", "城镇新增劳动力预计达到6万人"),                        # as printed, unit 万人
    (60000, "人", "target_level", "城镇新增劳动力预计达到6万人"),                      # scaled: 6 × 10,000
    (6, "万人", "target_level", "城镇新增劳动力预计达到60000人"),                      # scaled: 60,000 / 10,000
    (2.7, "万户", "cumulative", "全区新增市场主体2.7万余户"),
    (1000, "亿元", "target_level", "主要经济指标稳步前移,经济总量向千亿元规模迈进"),     # Chinese numeral
    (2, "万人", "target_level", "培训两万人"),
    (3, "个", "target_level", "新建三个公园"),
    (0, "%", "growth", "与上年持平"),
])
def test_value_shown_by_its_quote(value, unit, kind, quote):
    assert value_in_quote(value, unit, kind, quote) is None


@pytest.mark.parametrize("value,unit,kind,quote,reason", [
    (720.5, "亿元", "level", "地区生产总值完成620.5亿元,同比增长2.5%", "absent"),    # tampered, old figure kept
    (20.5, "亿元", "level", "地区生产总值完成620.5亿元", "absent"),                   # part of a number is not it
    (620, "亿元", "level", "地区生产总值完成620.5亿元", "absent"),
    (1883, "人", "cumulative", "推动城镇新增就业人员18830人", "absent"),
    (-10.5, "%", "growth", "同比增长10.5%", "absent"),                               # a rise entered as a fall
    (10.5, "%", "growth", "固定资产投资实现141.1亿元,同比下降10.5%", "sign"),       # a fall entered as a rise
    (60000, "万人", "target_level", "城镇新增劳动力预计达到6万人", "absent"),         # wrong scale
    (15, "%", "target_level", "“十四五”期间城镇新增劳动力预计达到6万人", "absent"),   # 十四五 is not a numeral
])
def test_value_not_shown_by_its_quote(value, unit, kind, quote, reason):
    assert value_in_quote(value, unit, kind, quote) == reason


def test_quote_numbers_reads_signs_separators_and_magnitudes():
    # 18,830 is read both as one number and as a list "18, 830" (clauses are separated by ',' too)
    assert set(quote_numbers("完成18,830人,下降3.1%,新增2.7万余户,3-5个")) == {
        (18830.0, 1.0, False), (3.1, 1.0, True), (2.7, 10000.0, False), (3.0, 1.0, False), (5.0, 1.0, False),
        (18.0, 1.0, False), (830.0, 1.0, False)}


def test_every_curated_row_is_shown_by_its_quote(curated_rows):
    failing = [(line, r["value"], r["quote"]) for line, r in enumerate(curated_rows, start=2)
               if value_in_quote(float(r["value"]), r["unit"], r["kind"], r["quote"]) is not None]
    assert failing == []
