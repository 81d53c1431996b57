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
