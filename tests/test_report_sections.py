"""report.sections: every section of every page, in both languages and for both districts.

A simple page checker: no English sentence on a Chinese page, no Chinese on an English page, no
missing-value marker (nan, None, <NA>), no heading left without content."""
from conftest import LATE, MID  # noqa: E402
import re

import pytest

from analysis import report
from analysis.report.context import PAGES

CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:'()-]+[A-Za-z]{2,}){3,}")
MISSING = re.compile(r"(?<![A-Za-z])(nan|NaN|None|<NA>|&lt;NA&gt;)(?![A-Za-z])")
SECTIONS_OF = {"overview": ["header", "key_messages", "progress_table", "progress_chart", "scenario_grid", "headline",
                            "main_series", "annual_targets", "annual_tasks", "caveats"],
               "brief": ["header", "key_messages", "glance", "headline", "next_targets", "scenario_grid", "annual_tasks"],
               "growth_gap": ["header", "key_messages", "path_chart", "status", "scenario_grid", "annual_targets", "caveats"],
               "projection": ["header", "key_messages", "projection_chart", "projection_table", "scenario_grid", "backtest",
                              "caveats"],
               "explorer": ["header", "explorer"]}


def visible_text(fragment: str) -> str:
    return re.sub(r"<[^>]+>", " ", fragment)


def language_problems(fragments: list, lang: str) -> list[str]:
    """What a reader would trip over in a page of *lang*."""
    problems = []
    for fragment in (f for f in fragments if isinstance(f, str)):
        words = visible_text(fragment)
        problems += [f"missing-value marker: {m}" for m in MISSING.findall(words)]
        if lang == "zh":
            problems += [f"English on a Chinese page: {m.group(0)}" for m in ENGLISH_SENTENCE.finditer(words)]
        else:
            problems += [f"Chinese on an English page: {m.group(0)}" for m in CJK.finditer(words)]
    return problems


def test_checker_catches_what_it_should():
    assert language_problems(["<p>数据表注释：GDP growth is at comparable prices</p>"], "zh")
    assert language_problems(["<p>Data note: 2023年预期目标</p>"], "en")
    assert language_problems(["<td>nan</td>", "<td>&lt;NA&gt;</td>"], "en") == ["missing-value marker: nan",
                                                                              "missing-value marker: &lt;NA&gt;"]
    assert language_problems(["<p>地区生产总值2022年为620.5亿元</p>"], "zh") == []


CASES = [(page, district, lang) for page in PAGES for district in ("万柏林区", "杏花岭区") for lang in ("zh", "en")
         if not (page in ("growth_gap", "projection", "explorer") and district == "杏花岭区")]


@pytest.mark.parametrize("page,district,lang", CASES)
def test_pages_keep_to_one_language_and_show_no_missing_markers(page, district, lang):
    indicator = "gdp" if page in ("growth_gap", "projection", "explorer") else None
    ctx = report.setup(district, lang, indicator=indicator, page=page, n_paths=2000, as_of=MID)
    fragments = [f for name in SECTIONS_OF[page] for f in report.render(ctx, name)]
    assert language_problems(fragments, lang) == []
    html = [f for f in fragments if isinstance(f, str)]
    assert 'id="report-title"' in html[0]
    for i, fragment in enumerate(fragments):
        if isinstance(fragment, str) and fragment.startswith("<h2>"):
            assert i + 1 < len(fragments) and not (isinstance(fragments[i + 1], str) and
                                                   fragments[i + 1].startswith("<h2>")), f"empty heading {fragment}"


def test_overview_of_a_district_with_only_annual_tasks():
    ctx = report.setup("杏花岭区", "zh", page="overview", as_of=MID)
    page = "".join(f for name in SECTIONS_OF["overview"] for f in report.render(ctx, name) if isinstance(f, str))
    assert "杏花岭区2022年度重点任务" in page and "十四五" not in page
    assert "规划实施进度表" not in page and "该目标为" not in page
    assert page.count("◇ 待公布") == 22


def test_overview_has_the_progress_table_and_every_target():
    """Assessed targets are rows; the others one line per missing document, each target listed behind it."""
    from test_report_assessment import targets_due

    ctx = report.setup("万柏林区", "zh", page="overview", n_paths=2000, as_of=MID)
    [heading, table, missing] = report.render(ctx, "progress_table")
    n = targets_due(ctx.data)
    assert heading == "<h2>规划实施进度表</h2>" and table.count("<tr>") == 1 + 1
    assert '<span class="status status-behind">▼ 滞后于预期</span>' in table
    assert "说明" not in table                       # no remark column of dashes for the assessed row
    assert missing.count("<details") == 1 and missing.count("<li>") == n - 2     # the plan's one forecast is no target
    assert f"<summary>{n - 2}项目标缺2021—2022年数据；所需文件：2021—2022年计划执行情况报告或统计公报</summary>" in missing
    assert "城镇新增劳动力" not in missing
    assert "<li>高新技术企业（2025年目标≥227家）：仅有2020年基期数据</li>" in missing


def test_overview_counts_targets_per_status_under_its_title():
    from test_report_assessment import targets_due

    ctx = report.setup("万柏林区", "zh", page="overview", n_paths=2000, as_of=MID)
    [header] = report.render(ctx, "header")
    n = targets_due(ctx.data)
    counts = header[header.index('<p class="status-counts">'):header.index('<p class="how-to-read">')]
    assert counts.startswith(f'<p class="status-counts">“十四五”{n}项2025年目标：')
    # 城镇新增劳动力 is a forecast (qualifier forecast): not assessed, counted apart from the targets lacking data
    assert counts.index("滞后于预期</span> 1项") < counts.index(f"数据不足</span> {n - 2}项")
    assert "不评估（预计数）</span> 1项" in counts
    assert "status-counts" not in report.render(report.setup("万柏林区", "zh", page="brief", as_of=MID), "header")[0]


def test_brief_is_dated_and_has_the_headline_figures_targets_and_grid():
    ctx = report.setup("万柏林区", "zh", page="brief", n_paths=2000, as_of=MID)
    page = "".join(f for name in SECTIONS_OF["brief"] for f in report.render(ctx, name) if isinstance(f, str))
    assert "评估基准日2023年3月1日，数据截至2022年" in page and "2022年主要指标" in page and "2023年预期目标" in page
    assert "情景表：2025年地区生产总值" in page and "注：规划原文为方向性表述" in page
    assert page.index("数据截至2022年") < page.index("主要结论")
    assert "规划期已于" not in page                       # the plan is running on 2023-03-01


def test_brief_after_the_plan_says_it_has_ended_and_what_is_missing():
    ctx = report.setup("万柏林区", "zh", page="brief", n_paths=2000, as_of=LATE)
    page = "".join(f for name in SECTIONS_OF["brief"] for f in report.render(ctx, name) if isinstance(f, str))
    assert "评估基准日2026年11月28日，数据截至2022年" in page
    assert "“十四五”规划期已于2025年结束；终期评估缺2023—2025年数据" in page
    assert page.index("规划期已于2025年结束") < page.index("地区生产总值2022年为")
    assert "按截至2022年数据推算滞后于预期（2025年数据未录入）" in page
    assert "每年需" not in page.split("主要结论")[1].split("</ul>")[0]    # no required rate for years gone by


@pytest.mark.parametrize("as_of, tense", [(MID, "需现价（名义）年均增长"), (LATE, "年须现价（名义）年均增长")])
def test_the_grid_says_what_growth_the_target_took_once_its_years_are_over(as_of, tense):
    ctx = report.setup("万柏林区", "zh", page="growth_gap", n_paths=2000, as_of=as_of)
    grid = "".join(f for f in report.render(ctx, "scenario_grid") if isinstance(f, str))
    assert tense in grid and (("待其数据录入后判定" in grid) == (as_of == LATE))


def test_the_path_chart_labels_past_years_as_past():
    ctx = report.setup("万柏林区", "zh", page="growth_gap", n_paths=2000, as_of=LATE)
    [fig] = [f for f in report.render(ctx, "path_chart") if hasattr(f, "savefig")]
    labels = {text.get_text().replace("\n", "") for ax in fig.axes for legend in [ax.get_legend()] if legend
              for text in legend.get_texts()}                     # a long label is wrapped onto two lines
    assert "达标所需路径（年份已过，数据待录入）" in labels and "实现目标所需路径" not in labels


def test_intervals_from_an_assumed_spread_say_so_in_their_label():
    ctx = report.setup("万柏林区", "zh", indicator="gdp", page="projection", n_paths=2000, as_of=MID)
    page = "".join(f for f in report.render(ctx, "projection_table") if isinstance(f, str))
    notes = "".join(f for f in report.render(ctx, "caveats") if isinstance(f, str))
    assert "标准差为假设值" in notes                    # three observations: fewer than 3 annual rates
    assert "95%区间下限（按假设波动）" in page and "95%预测区间下限" not in page
    assert "按假设的增速波动计算" in notes and "为95%预测区间" not in notes
    [fig] = [f for f in report.render(ctx, "projection_chart") if hasattr(f, "savefig")]
    labels = {t.get_text().replace("\n", "") for t in fig.axes[0].get_legend().get_texts()}
    assert "各模型95%区间（按假设波动）" in labels and "模拟90%区间（按假设波动）" in labels


def test_indicator_page_without_data_has_one_line_not_empty_sections():
    ctx = report.setup("万柏林区", "zh", indicator="high_tech_firms", page="growth_gap", n_paths=2000, as_of=MID)
    assert report.render(ctx, "path_chart") == []
    [line] = report.render(ctx, "key_messages")
    assert "尚无规划期内的统计数据" in line and "另有" not in line


def test_every_assessable_indicator_page_has_a_chart():
    for indicator in report.assessable_indicators(report.setup("万柏林区", as_of=MID).data, "万柏林区", 2025):
        for page, name in (("growth_gap", "path_chart"), ("projection", "projection_chart")):
            ctx = report.setup("万柏林区", indicator=indicator, page=page, n_paths=2000, as_of=MID)
            assert any(hasattr(f, "savefig") for f in report.render(ctx, name)), (indicator, page)


def test_unknown_section_is_a_clear_error():
    from analysis.exceptions import ParameterError

    with pytest.raises(ParameterError, match="section 'scorecard' is unknown; accepted: header"):
        report.render(report.setup("万柏林区", as_of=MID), "scorecard")


def test_indicator_page_row_of_the_progress_table_only_when_assessed():
    gdp = report.setup("万柏林区", "zh", indicator="gdp", page="growth_gap", n_paths=2000, as_of=MID)
    [heading, table] = report.render(gdp, "status")
    assert heading == "<h2>目标进度</h2>" and table.count("<tr>") == 2 and "约1000" in table
    assert report.render(report.setup("万柏林区", indicator="high_tech_firms", page="growth_gap", as_of=MID), "status") == []


def test_pages_of_a_target_whose_year_is_in_give_the_assessment_not_no_target_or_a_forecast(tmp_path, curated_rows):
    from conftest import write_table

    rows = [dict(r) for r in curated_rows]
    for r in rows:              # the GDP level read as the target year's: a final figure below the target
        if r["district"] == "万柏林区" and r["indicator"] == "gdp" and r["kind"] == "level" and r["year"] == "2022":
            r["year"] = "2025"
    path = write_table(tmp_path / "indicators.csv", rows)
    ctx = report.setup("万柏林区", "zh", indicator="gdp", page="explorer", data_path=str(path), n_paths=2000, as_of=LATE)
    page = "".join(f for f in report.render(ctx, "explorer") if isinstance(f, str))
    assert "2025年的数值已经录入" in page and "终期评价" in page and "没有可比较的数值目标" not in page
    assert "注：" in page                     # the finding keeps its caveats (the source is a plan draft)
    header = "".join(f for f in report.render(ctx, "header") if isinstance(f, str))
    assert "本页给出评价" in header and "情景表" not in header         # no grid on the page to explain
    ctx = report.setup("万柏林区", "zh", indicator="gdp", page="projection", data_path=str(path), n_paths=2000, as_of=LATE)
    assert [f for f in report.render(ctx, "projection_table")] == [
        '<p class="how-to-read">2025年的数值已经录入，不再需要预测；评价见上文。</p>'] and not report.render(ctx, "backtest")
    assert "对数线性趋势" not in "".join(f for f in report.render(ctx, "caveats") if isinstance(f, str))


def test_a_plan_with_nothing_assessed_yet_says_so_under_its_heading(tmp_path, curated_rows):
    from conftest import write_table

    rows = [r for r in curated_rows if not (r["district"] == "万柏林区" and r["kind"] in ("level", "growth", "share")
                                            and r["year"] > "2020")]
    path = write_table(tmp_path / "indicators.csv", rows)
    for page in ("overview", "brief"):
        ctx = report.setup("万柏林区", "zh", page=page, data_path=str(path), n_paths=2000, as_of=MID)
        fragments = report.render(ctx, "key_messages")
        assert fragments[0] == "<h2>主要结论</h2>" and "尚无规划期内的统计数据，暂无法评估" in fragments[-1]
