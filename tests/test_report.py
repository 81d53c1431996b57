"""The narrative layer: parameter errors, escaping, messages written from the numbers."""
import pytest

from analysis import i18n, report
from analysis.exceptions import ParameterError


@pytest.mark.parametrize("kwargs,message", [
    ({"district": "西城区"}, "parameter district='西城区' is not in indicators.csv; accepted: 万柏林区, 杏花岭区"),
    ({"district": "万柏林区", "indicator": "gpd"}, "parameter indicator='gpd' is not an indicator of 万柏林区; did you mean: gdp"),
    ({"district": "万柏林区", "lang": "fr"}, "lang 'fr' is not supported; accepted: zh, en"),
    ({"district": "万柏林区", "target_year": 2019}, "parameter target_year=2019 is out of range"),
    ({"district": "万柏林区", "deflator": 99}, "parameter deflator=99 is out of range; accepted: -20 to 50"),
    ({"district": "万柏林区", "n_paths": "many"}, "parameter n_paths='many' is not a number"),
    ({"district": "万柏林区", "data_path": "/no/such.csv"}, "parameter data_path='/no/such.csv' is not a file"),
])
def test_bad_parameters_give_one_line_fix(kwargs, message):
    with pytest.raises(ParameterError) as info:
        report.setup(**kwargs)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_tables_escape_document_text():
    import pandas as pd
    out = report.html_table(pd.DataFrame({"note": ['<script>alert("x")</script> & 区']}))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert "<li>&lt;b&gt;</li>" in report.list_html(["<b>"])


def test_key_messages_are_written_from_the_numbers():
    ctx = report.setup("万柏林区", "zh", indicator="gdp")
    record = report.record_for(ctx, ctx.gaps(n_paths=5000))
    [message] = report.key_messages(ctx, [record])
    assert f"{record['cagr_required']:.1f}%" in message and "滞后于预期" in message and "620.5亿元" in message
    override = report.setup("万柏林区", "zh", indicator="gdp", target_override=800)
    assert "800亿元" in report.key_messages(override, override.gaps(n_paths=1000))[0]


def test_english_report_has_no_chinese_status_words():
    ctx = report.setup("万柏林区", "en")
    records = ctx.gaps(n_paths=1000)
    text = " ".join(report.key_messages(ctx, records))
    assert "behind schedule" in text and "滞后" not in text and "GDP" in text


def test_flags_are_translated_for_chinese_reports(data):
    ctx = report.setup("万柏林区", "zh", indicator="gdp")
    caveats = " ".join(report.caveats(ctx, ctx.gaps(n_paths=1000)))
    assert "可能存在统计口径调整或数据修订" in caveats and "series break" not in caveats


def test_every_i18n_key_exists_in_both_languages():
    assert set(i18n.TEXT["zh"]) == set(i18n.TEXT["en"])


def test_traffic_light_puts_red_first():
    ctx = report.setup("万柏林区", "zh")
    html = report.traffic_light_html(ctx, ctx.gaps(n_paths=1000))
    assert html.index("地区生产总值") < html.index("高新技术企业")
    # GDP is behind schedule (amber); nothing is red, so it leads the table
    assert report.LIGHTS["amber"] in html.split("</tr>")[1]


def test_preset_scenarios_cover_required_growth():
    ctx = report.setup("万柏林区", "zh", indicator="gdp")
    record = report.record_for(ctx, ctx.gaps(n_paths=1000))
    table = report.preset_scenarios(ctx, record)
    required = table[table["情景"] == "实现目标所需增速"].iloc[0]
    assert required["进度判断"] == "达到" and required["2025"] == "1,000.0"
