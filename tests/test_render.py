"""The HTML layer: tables that scroll in their own box, numbers that never wrap, one stylesheet, print rules."""
import re

import nbformat
import pytest

from analysis import i18n
from analysis.report.page import NUMBER_CELL, render_html, responsive_tables, stylesheet


def test_every_table_is_wrapped_once_and_numbers_are_marked():
    html = ('<p>x</p><table><tr><th>指标</th><th>最新值</th></tr>'
            '<tr><td>地区生产总值</td><td>620.5 (2022)</td></tr></table>'
            '<div class="table-scroll"><table><tr><td>滞后于预期</td><td>约1000</td></tr></table></div>')
    out = responsive_tables(html)
    assert out.count('class="table-scroll"') == 2          # the bare table gained a box, the boxed one no second
    assert out.count("<table") == 2
    assert '<td class="num">620.5 (2022)</td>' in out and '<td class="num">约1000</td>' in out
    assert "<td>地区生产总值</td>" in out and "<td>滞后于预期</td>" in out


def test_existing_cell_classes_are_kept():
    out = responsive_tables('<table><tr><td class="delta">-4.2</td></tr></table>')
    assert '<td class="delta num">-4.2</td>' in out


def test_html_without_tables_is_returned_unchanged():
    text = "<p>地区生产总值2022年为620.5亿元</p>"
    assert responsive_tables(text) is text


@pytest.mark.parametrize("cell", ["13.0", "-4.2", "约1000", "≥227", "≤4.5%", "620.5（2022）", "62.05 bn yuan (2022)",
                                  "17.2 个百分点", "1,000", "–"])
def test_number_cells(cell):
    assert NUMBER_CELL.match(cell)


@pytest.mark.parametrize("cell", ["地区生产总值", "滞后于预期", "behind schedule", "GDP",
                                  "2022年较上年增长很多很多", "3 targets have no data yet"])
def test_text_cells(cell):
    assert not NUMBER_CELL.match(cell)


def test_stylesheet_styles_every_status_key():
    """Each status key the assessment engine emits has its own mark (status status-{key})."""
    keys = [k.split(".", 1)[1] for k in i18n.catalog()["zh"] if k.startswith("status.")]
    assert "behind" in keys and "insufficient_data" in keys
    css = stylesheet()
    missing = [k for k in keys if not re.search(rf"\.status-{k}\b", css)]
    assert missing == []


def test_stylesheet_prints_on_a4_and_keeps_marks():
    css = stylesheet()
    assert re.search(r"@page\s*{[^}]*size:\s*A4[^}]*margin:", css)
    print_rules = css[css.index("@media print"):]
    assert "break-after: avoid" in print_rules and "break-inside: avoid" in print_rules
    assert css.count("print-color-adjust: exact") >= 2     # .status and the older .light dots
    assert re.search(r"\.table-scroll\s*{[^}]*overflow-x:\s*auto", css)
    assert re.search(r"img\s*{[^}]*max-width:\s*100%", css)


@pytest.mark.parametrize("lang, alt", [("zh", "图表"), ("en", "Chart")])
def test_rendered_page_embeds_the_stylesheet_and_wraps_tables(lang, alt):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "<table><tr><td>GDP</td><td>13.0</td></tr></table>"}),
        nbformat.v4.new_output("display_data", data={"image/png": _PNG, "text/plain": "<Figure>"}),
    ]
    nb.cells.append(cell)
    page = render_html(nb, lang)
    assert stylesheet().strip()[:200] in page                       # inlined: the page works offline
    assert '<div class="table-scroll"><table>' in page and '<td class="num">13.0</td>' in page
    assert f'alt="{alt}"' in page and "No description" not in page


# 1×1 transparent PNG
_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
