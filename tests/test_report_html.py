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
                                 "insufficient_data", "pending"}


def test_cells_render_by_type_and_unknown_is_a_dash():
    frame = pd.DataFrame([{"a": None, "b": float("nan"), "c": Quantity(1000.0, "亿元", "~"), "d": Status("pending"),
                           "e": 12.993, "f": Quantity(1001.47, "亿元", mark="met", digits=1), "g": pd.NA}], dtype=object)
    out = html.table(frame, "zh")
    assert out.count('<td class="unknown">–</td>') == 3
    assert "约1000" in out and "◇ 待公布" in out and ">13.0<" in out and "✓ 1001.5" in out
    assert "nan" not in out and "None" not in out and "NA" not in out


def test_messages_carry_their_caveats_beside_them():
    out = html.messages([("结论<1>", ["注一", "注二"]), ("结论2", [])], "注：", "；")
    assert out == ('<ul class="messages"><li>结论&lt;1&gt;<p class="caveat-inline">注：注一；注二</p></li>'
                   "<li>结论2</li></ul>")


def test_empty_things_render_nothing():
    assert html.table(pd.DataFrame(), "zh") == "" and html.bullet_list([]) == "" and html.paragraph("") == ""
