"""The index page speaks one language: the run's (the config's defaults.lang), Chinese by default."""
import re

import pytest

from analysis.i18n import t
from analysis.report.index import write_index

MANIFEST = {"generated": "2026-01-01T00:00:00+00:00", "version": "0", "git_revision": None, "reports": {
    "brief-万柏林区": {"status": "ok", "html": "brief-万柏林区.html", "last_success": "2026-01-01T00:00:00+00:00",
                    "parameters": {"district": "万柏林区"}, "title": "t", "started": "2026-01-01T00:00:00+00:00",
                    "duration_s": 1.0},
    "gap": {"status": "failed", "html": "gap.html", "parameters": {"district": "万柏林区"}, "error": "ParameterError: x"}}}
SUMMARY = [{"district": "万柏林区", "indicator": "gdp", "indicator_zh": "地区生产总值", "latest_year": 2022,
            "latest_value": 620.5, "target_value": 1000.0, "cagr_observed": 13.0, "cagr_required": 17.2, "gap_pp": -4.2,
            "status": "behind", "final": False, "probability": 0.1}]


@pytest.mark.parametrize("lang, other", [("zh", "en"), ("en", "zh")])
def test_index_in_one_language(tmp_path, lang, other):
    page = write_index(tmp_path, MANIFEST, SUMMARY, lang=lang).read_text(encoding="utf-8").split("</style>")[1]
    page = re.sub(r"<[^>]*>", " ", page)                  # the words, not the markup (class="failed")
    for key in ("index.title", "index.heading.gaps", "index.gap.cagr_required", "index.report.status",
                "index.status.failed"):
        assert t(key, lang) in page and t(key, other) not in page
    head = write_index(tmp_path, MANIFEST, SUMMARY, lang=lang).read_text(encoding="utf-8")[:200]
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in head
    assert t("status.behind", lang) in page and "17.2" in page


def test_index_in_english_has_no_chinese_but_the_reports_own_names(tmp_path):
    page = write_index(tmp_path, MANIFEST, SUMMARY, lang="en").read_text(encoding="utf-8")
    body = re.sub(r"<code>.*?</code>|href=\"[^\"]*\"", "", page.split("<main>")[1])
    assert re.findall(r"[\u4e00-\u9fff]+", body) == []


def test_index_dates_its_judgements_and_shows_amounts_with_unit_bound_and_trend(tmp_path):
    summary = [{**SUMMARY[0], "unit": "亿元", "bound": "~", "assessment_date": "2026-11-28", "status": "not_entered",
                "trend_status": "behind"},
               {"district": "包河区", "indicator": "gdp", "indicator_zh": "地区生产总值", "latest_year": 2025, "unit": "亿元",
                "latest_value": 2000.0, "latest_bound": ">=", "target_value": 2300.0, "bound": "",
                "status": "insufficient_data", "final": True, "assessment_date": "2026-11-28",
                "flags": [{"code": "bound_undecided", "params": {}}]},
               {"district": "万柏林区", "indicator": "high_tech_firms", "latest_year": None, "status": "not_entered",
                "assessment_date": "2026-11-28"}]
    page = re.sub(r"<[^>]*>", " ", write_index(tmp_path, MANIFEST, summary, lang="zh").read_text(encoding="utf-8"))
    assert "评估基准日2026年11月28日" in page and "2项目标（共3项" in page
    assert "≥2000亿元" in page and "约1000亿元" in page and "620.5亿元" in page
    assert "未录入（按截至2022年数据推算：滞后于预期）" in page


def test_on_a_phone_the_index_shows_reports_not_the_run_log(tmp_path):
    page = write_index(tmp_path, MANIFEST, SUMMARY, lang="zh").read_text(encoding="utf-8")
    row = re.search(r'<tr class="ok">.*?</tr>', page, re.S).group(0)
    assert row.count('run-detail') == 3                                  # started, duration, parameters
    assert re.search(r'<td class="unknown" data-label="[^"]*">\s*</td>', row)   # no error: no line on the card
    assert "main table.cards td.run-detail { display: none; }" in page
    basis = re.search(r'<td([^>]*) data-label="增速口径">', page).group(1)
    assert 'class="name"' not in basis                                 # a value under its label, not a title


def test_an_annual_growth_row_names_its_basis(tmp_path):
    row = {"district": "瑶海区", "indicator": "gdp", "indicator_zh": "地区生产总值", "latest_year": 2021,
           "latest_value": 9.6, "unit": "%", "target_value": 9.0, "target_type": "growth_annual",
           "price_basis": "comparable", "status": "achieved", "final": True, "cagr_observed": None}
    page = write_index(tmp_path, MANIFEST, [row], lang="zh").read_text(encoding="utf-8")
    assert re.search(r'data-label="增速口径">可比价（实际）</td>', page)


def test_the_index_lists_what_the_pages_assess_with_its_target_year_and_no_need_for_years_gone_by(tmp_path):
    plan = {**SUMMARY[0], "target_year": 2025, "assessment_date": "2026-11-28", "status": "not_entered",
            "trend_status": "behind", "deadline_passed": True}
    annual = {"district": "瑶海区", "indicator": "gdp", "indicator_zh": "地区生产总值", "target_year": 2021,
              "latest_year": 2021, "latest_value": 9.6, "unit": "%", "target_value": 8.0, "target_type": "growth_annual",
              "price_basis": "comparable", "status": "achieved", "final": True, "assessment_date": "2026-11-28"}
    base_only = {"district": "万柏林区", "indicator": "high_tech_firms", "indicator_zh": "高新技术企业",
                 "target_year": 2025, "latest_year": 2020, "latest_value": 80.0, "status": "not_entered",
                 "assessment_date": "2026-11-28"}
    page = write_index(tmp_path, MANIFEST, [plan, annual, base_only], lang="zh").read_text(encoding="utf-8")
    assert re.search(r'data-label="目标年份">2025</td>', page) and re.search(r'data-label="目标年份">2021</td>', page)
    assert "高新技术企业" not in page.split("</style>")[1] and "2项目标（共3项" in re.sub(r"<[^>]*>", " ", page)
    assert "17.2" not in page and "<th>所需增速%</th>" not in page       # no column of dashes either
    assert re.search(r'data-label="指标">地区生产总值增速</td>', page)      # the 2021 target's figures are rates


def test_a_verdict_on_an_estimate_says_so_in_the_index(tmp_path):
    row = {**SUMMARY[0], "target_year": 2025, "latest_year": 2025, "latest_value": 840.0, "status": "not_completed",
           "final": True, "assessment_date": "2026-11-28",
           "flags": [{"code": "latest_estimate", "params": {"year": 2025}}]}
    page = write_index(tmp_path, MANIFEST, [row], lang="zh").read_text(encoding="utf-8")
    assert "（据预计数，待正式数据确认）" in page
    plain = write_index(tmp_path, MANIFEST, [{**row, "flags": []}], lang="zh").read_text(encoding="utf-8")
    assert "据预计数" not in plain
