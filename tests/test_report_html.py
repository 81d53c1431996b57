"""report.html: escaped text, tables in their own scroll box, statuses that survive printing."""
import pandas as pd

from analysis.report import html
from analysis.report.tables import Quantity, Status


def test_tables_escape_document_text_and_scroll_in_their_own_box():
    out = html.table(pd.DataFrame({"note": ['<script>alert("x")</script> & 区']}, dtype=object), "zh")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert out.startswith('<div class="table-scroll"') and out.endswith("</table></div>")
    assert "<li>&lt;b&gt;</li>" in html.bullet_list(["<b>"])


def test_status_is_a_symbol_and_a_label():
    assert html.status_badge("behind", "zh") == '<span class="status status-behind">▼ 滞后于预期</span>'
    assert html.status_badge("achieved", "en", final=False) == \
        '<span class="status status-achieved">✓ achieved ahead of time</span>'
    assert set(html.SYMBOLS) == {"achieved", "ahead", "on_track", "behind", "off_track", "breached", "not_achieved",
                                 "insufficient_data", "pending", "exceeded", "completed", "basically_completed",
                                 "not_completed", "within_bound", "not_entered", "not_assessed"}


def test_cells_render_by_type_and_unknown_is_a_dash():
    frame = pd.DataFrame([{"a": None, "b": float("nan"), "c": Quantity(1000.0, "亿元", "~"), "d": Status("pending"),
                           "e": 12.993, "f": Quantity(1001.47, "亿元", mark="met", digits=1), "g": pd.NA}], dtype=object)
    out = html.table(frame, "zh")
    assert out.count('">–</td>') == 3 and out.count('class="unknown"') == 2 and 'class="name unknown"' in out
    assert "约1000" in out and "◇ 待公布" in out and ">13.0<" in out and "✓ 1001.5" in out
    assert "nan" not in out and "None" not in out and "NA" not in out


def test_messages_carry_their_caveats_beside_them():
    out = html.messages([("结论<1>", ["注一", "注二"]), ("结论2", [])], "注：", "；")
    assert out == ('<ul class="messages"><li>结论&lt;1&gt;<p class="caveat-inline">注：注一；注二</p></li>'
                   "<li>结论2</li></ul>")
    closed = html.messages([("结论", ["注一", "注二。"])], "注：", "；", "。")
    assert "注：注一；注二。</p>" in closed                  # one sentence, closed once


def test_empty_things_render_nothing():
    assert html.table(pd.DataFrame(), "zh") == "" and html.bullet_list([]) == "" and html.paragraph("") == ""


def test_the_status_sits_beside_the_name_then_the_number_that_matters():
    frame = pd.DataFrame([{"指标": "GDP", "单位": "亿元", "完成进度": 33.9, "评价": Status("behind"), "说明": "x"}],
                         dtype=object)
    out = html.table(frame, "zh", lead=("完成进度",))
    heads = [h.split("</th>")[0] for h in out.split('<th scope="col">')[1:]]
    assert heads == ["指标", "评价", "完成进度", "单位", "说明"]
    # the districts of a comparison keep two name columns before the status
    two = html.answer_first(pd.DataFrame([{"指标": "GDP", "区": "甲", "x": 1, "评价": Status("behind")}], dtype=object),
                            names=2)
    assert list(two.columns) == ["指标", "区", "评价", "x"]


def test_every_cell_carries_its_header_for_the_phone_cards():
    frame = pd.DataFrame([{"指标": "GDP", "评价": Status("behind"), "a<b": 1.0}], dtype=object)
    out = html.table(frame, "zh")
    assert 'class="report-table cards"' in out
    assert '<td class="name" data-label="指标">GDP</td>' in out
    assert 'class="status-cell" data-label="评价"' in out and 'data-label="a&lt;b"' in out
    # a grid is read across and down: it stays a table
    grid = html.table(pd.DataFrame([{"g": 1.0, "p0": 2.0, "p1": 3.0}], dtype=object), "zh", layout="grid")
    assert 'class="report-table grid"' in grid
    # a small table without a status stays a table too
    assert 'class="report-table plain"' in html.table(pd.DataFrame([{"a": "x", "b": 1.0}], dtype=object), "zh")


def test_missing_targets_are_one_line_per_document_with_the_list_behind_it():
    out = html.missing_groups([("26项目标缺2021—2022年数据；所需文件：<报告>", ["甲：仅有基期数据", "乙"])])
    assert out == ('<details class="missing-group"><summary>26项目标缺2021—2022年数据；所需文件：&lt;报告&gt;</summary>'
                   "<ul><li>甲：仅有基期数据</li><li>乙</li></ul></details>")
    assert html.missing_groups([]) == ""


def test_a_sentence_in_a_table_is_classed_prose_and_a_short_word_is_not():
    text = html.table(pd.DataFrame({"指标": ["地区生产总值"], "说明": ["2023—2025年数据未录入；所需文件：2023—2025年计划执行情况报告或统计公报"],
                                         "单位": ["亿元"]}, dtype=object), "zh")
    assert 'class="prose" data-label="说明"' in text and 'class="prose" data-label="单位"' not in text
