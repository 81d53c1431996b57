"""Extraction on documents written for these tests (both scripts, one GBK-encoded), and merge."""
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config
from analysis.data.registry import load_registry
from analysis.extract import propose
from analysis.cli.extract import merge
from analysis.data.loading import load_indicators
from analysis.data.schema import COLUMNS
from conftest import FIXTURE_TABLE

FIXTURES = Path(__file__).parent / "fixtures"
REGISTRY = load_registry(FIXTURE_TABLE)          # the names of the fixture table the proposals are for


def extract_file(*args, **kwargs):
    return propose.extract_file(*args, registry=REGISTRY, **kwargs)


def extract_text(*args, **kwargs):
    return propose.extract_text(*args, registry=REGISTRY, **kwargs)


def extract_document(*args, **kwargs):
    return propose.extract_document(*args, registry=REGISTRY, **kwargs)
DISTRICTS = ["万柏林区", "杏花岭区"]

# Hand-read from tests/fixtures/report_2023_simplified.txt: (indicator, year, kind, value, basis, bound)
EXPECTED_2023 = {
    ("gdp", 2023, "level", 655.3, "current", ""), ("gdp", 2023, "growth", 5.1, "comparable", ""),
    ("industrial_value_added", 2023, "level", 190.4, "current", ""),          # 规上工业增加值 alias
    ("industrial_value_added", 2023, "growth", 6.2, "comparable", ""),
    ("services_value_added", 2023, "level", 310.8, "current", ""),
    ("services_value_added", 2023, "growth", 4.3, "comparable", ""),
    ("retail_sales", 2023, "level", 221.6, "current", ""), ("retail_sales", 2023, "growth", 8.0, "current", ""),
    ("fixed_asset_investment", 2023, "level", 150.2, "current", ""),
    ("fixed_asset_investment", 2023, "growth", -3.4, "current", ""),            # 下降 → negative
    ("budget_revenue", 2023, "level", 21.5, "current", ""), ("budget_revenue", 2023, "growth", 6.1, "current", ""),
    ("high_tech_firms_certified", 2023, "cumulative", 80.0, "", ""),
    ("specialised_smes_new", 2023, "cumulative", 30.0, "", ""),
    ("new_urban_employment", 2023, "cumulative", 19200.0, "", ""),
    ("forest_coverage", 2023, "share", 38.6, "", ""),
    # targets section → next year
    ("gdp", 2024, "target_growth", 5.5, "comparable", "~"),                     # 左右
    ("industrial_value_added", 2024, "target_growth", 7.0, "comparable", ">="),  # 以上
    ("fixed_asset_investment", 2024, "target_growth", 6.0, "current", ""),
    ("retail_sales", 2024, "target_growth", 7.0, "current", ""),
    ("budget_revenue", 2024, "target_growth", 5.0, "current", ""),
    ("surveyed_unemployment_rate", 2024, "target_level", 5.5, "", "<="),       # 控制在…以内
}


def as_set(rows):
    return {(r["indicator"], r["year"], r["kind"], r["value"], r["price_basis"], r["bound"]) for r in rows}


def test_execution_report_simplified_utf8():
    rows, encoding, text = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    assert encoding == "utf-8"
    unknown = [r for r in rows if r["indicator"] == "unknown"]
    rows = [r for r in rows if r["indicator"] != "unknown"]
    assert as_set(rows) == EXPECTED_2023
    assert {r["district"] for r in rows} == {"万柏林区"} and {r["status"] for r in rows} == {"proposed"}
    # 新增入统项目60个 is not a registered indicator: proposed for review under its own name, not dropped
    assert [(r["indicator_zh"], r["year"], r["value"], r["status"]) for r in unknown] == [
        ("新增入统项目", 2024, 60.0, "needs_review")]
    for r in rows:
        assert r["quote"] in text and 0 < r["confidence"] <= 1


def test_traditional_pinyin_gbk_twin_gives_the_same_rows():
    rows, encoding, text = extract_file(FIXTURES / "report_2023_traditional_gbk.txt", known_districts=DISTRICTS)
    assert encoding == "gb18030"
    assert as_set(r for r in rows if r["indicator"] != "unknown") == EXPECTED_2023
    assert all(r["quote"] in text for r in rows)


def test_plan_document_structure():
    rows, _, _ = extract_file(FIXTURES / "plan_excerpt.txt", known_districts=DISTRICTS)
    got = {(r["indicator"], r["year"], r["kind"], r["value"], r["bound"], r["period_start"]) for r in rows}
    assert ("gdp", 2015, "level", 300.0, "", "") in got                 # 从A亿元增长到B亿元: two levels
    assert ("gdp", 2020, "level", 420.0, "", "") in got
    assert ("gdp", 2020, "growth", 7.0, ">=", 2016) in got               # 年均增长7%以上
    assert ("total_fixed_asset_investment", 2020, "cumulative", 900.5, "", 2016) in got   # “十三五”累计完成
    assert ("high_tech_firms", 2025, "target_level", 200.0, ">=", "") in got        # 到2025年…达到200家以上
    assert ("registered_unemployment_rate", 2025, "target_level", 4.5, "<=", "") in got
    assert ("new_urban_labour_force", 2025, "target_level", 5.0, "", 2021) in got   # 十四五期间: a total
    assert {r["district"] for r in rows} == {"杏花岭区"}


def test_year_override_and_growth_target_with_rounding_words():
    text = "2024年主要预期目标\n地区生产总值增长6%左右，社零增长8%。"
    rows = extract_text(text, "万柏林区", year=2023)
    assert {(r["indicator"], r["year"], r["kind"], r["value"], r["bound"]) for r in rows} == {
        ("gdp", 2024, "target_growth", 6.0, "~"), ("retail_sales", 2024, "target_growth", 8.0, "")}


def test_seed_documents_meet_recall_and_precision():
    result = subprocess.run([sys.executable, str(config.PROJECT_DIR / "scripts" / "extract_eval.py")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_extract_never_touches_the_table(tmp_path):
    before = FIXTURE_TABLE.read_bytes()               # the default table in tests ($ANALYSIS_DATA)
    out = tmp_path / "review.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(FIXTURES / "report_2023_traditional_gbk.txt"),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0 and "gb18030" in result.stderr and "traditional" in result.stderr
    assert FIXTURE_TABLE.read_bytes() == before
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")          # BOM: a spreadsheet opens the Chinese intact
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header == COLUMNS + ["confidence", "status"]


def review_file(path: Path, rows: list[dict], status="accepted") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS + ["confidence", "status"], lineterminator="\n")
        writer.writeheader()
        writer.writerows([{**r, "status": status} for r in rows])
    return path


def test_merge_appends_accepted_rows_after_validation(workspace, tmp_path):
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    rows = [r for r in rows if r["indicator"] != "unknown"]
    table = workspace / "indicators.csv"
    before = len(load_indicators(table))
    review = review_file(tmp_path / "review.csv", rows)
    added, problems = merge(review, table)
    assert problems == [] and added == len(rows)
    merged = load_indicators(table)
    assert len(merged) == before + len(rows)
    assert merged.query("indicator == 'gdp' and year == 2023 and kind == 'level'")["value"].item() == 655.3
    again, problems = merge(review, table)                 # same rows again: nothing new, no error
    assert (again, problems) == (0, [])


def test_merge_refuses_an_unregistered_name_until_mapped(workspace, tmp_path):
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    unknown = [r for r in rows if r["indicator"] == "unknown"]
    assert unknown and all(r["status"] == "needs_review" for r in unknown)
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    added, problems = merge(review_file(tmp_path / "review.csv", rows), table)
    assert added == 0 and len(problems) == 1 and table.read_bytes() == before
    assert "新增入统项目" in problems[0] and "indicator_names.csv" in problems[0] and "row " in problems[0]
    mapped = [r for r in rows if r["indicator"] != "unknown"]     # the analyst deletes (or maps) the row
    added, problems = merge(review_file(tmp_path / "mapped.csv", mapped), table)
    assert problems == [] and added == len(mapped)


def test_merge_refuses_conflicts_and_writes_nothing(workspace, tmp_path):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    existing = next(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    review = review_file(tmp_path / "review.csv", [{**existing, "value": "999", "confidence": 0.9}])
    added, problems = merge(review, table)
    assert added == 0 and len(problems) == 1
    assert "'999' conflicts with '347'" in problems[0] and "row 2" in problems[0]
    assert table.read_bytes() == before


def test_merge_refuses_invalid_rows_and_unreviewed_files(workspace, tmp_path):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    bad = [dict(rows[0], year="20233")]
    added, problems = merge(review_file(tmp_path / "bad.csv", bad), table)
    assert added == 0 and any("'20233' is not a year" in p for p in problems)
    added, problems = merge(review_file(tmp_path / "unreviewed.csv", rows, status="proposed"), table)
    assert added == 0 and "no row has status 'accepted'" in problems[0]
    assert table.read_bytes() == before


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_merge_cli_exit_codes(workspace, tmp_path):
    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=DISTRICTS)
    review = review_file(tmp_path / "review.csv", [dict(rows[0], source="unknown.txt")])
    result = subprocess.run([sys.executable, "-m", "analysis", "merge", str(review), "--data",
                             str(workspace / "indicators.csv")], capture_output=True, text=True)
    # a document sources.csv does not list is refused before anything else, in one line naming the line to add
    assert result.returncode == 1 and "unknown.txt is not listed" in result.stderr and "Traceback" not in result.stderr
    assert "nothing was written" in result.stderr


# --- documents not written for the extractor (issue 12): one behaviour per test --------------------

def read(rows, *fields):
    return {tuple(r[f] for f in fields) for r in rows}


def test_partial_year_figures_are_never_annual():
    text = "前三季度，全区实现地区生产总值1291.92亿元，同比增长6.2%。\n四、消费市场\n前三季度全区实现社会消费品零售总额440.96亿元。"
    rows = extract_text(text, "涪陵区", year=2025)
    assert rows and {r["status"] for r in rows} == {"needs_review"}
    assert all("前三季度" in r["note"] for r in rows)
    assert read(rows, "indicator", "year", "kind", "value") == {
        ("gdp", 2025, "level", 1291.92), ("gdp", 2025, "growth", 6.2), ("retail_sales", 2025, "level", 440.96)}


def test_full_year_clause_lifts_a_partial_period():
    text = "一、2023年工作回顾\n1—11月规上工业总产值超4500亿元、增长38%，预计全年首次突破5000亿元大关。"
    rows = extract_text(text, "坪山区", year=2024)
    annual = read([r for r in rows if r["status"] == "proposed"], "indicator", "year", "value", "bound", "note")
    assert annual == {("industrial_output", 2023, 5000.0, ">=", "预计 (estimate)")}
    assert {r["value"] for r in rows if r["status"] == "needs_review"} == {4500.0, 38.0}


def test_ranks_and_completion_ratios_are_not_values():
    text = ("一、2023年国民经济和社会发展计划执行情况\n全市实现地区生产总值3347.6亿元，居全省第4位，增长1.5%；"
            "一般公共预算收入241.5亿元，增长6.4%，分居全省第4、第3位；固定资产投资300亿元，完成年计划385亿元的77.9%，下降18.4%。")
    rows = extract_text(text, "新乡市")
    assert read(rows, "indicator", "kind", "value") == {
        ("gdp", "level", 3347.6), ("gdp", "growth", 1.5), ("budget_revenue", "level", 241.5),
        ("budget_revenue", "growth", 6.4), ("fixed_asset_investment", "level", 300.0),
        ("fixed_asset_investment", "target_level", 385.0),           # 年计划: the year's plan figure
        ("fixed_asset_investment", "growth", -18.4)}
    assert {r["year"] for r in rows} == {2023}


def test_respectively_lists_map_value_by_value():
    text = ("2023年国民经济和社会发展计划\n主要预期目标是：城乡居民人均可支配收入分别增长7%、8%左右；"
            "城镇居民、农村居民人均可支配收入分别增长7.5%、9%。")
    rows = extract_text(text, "咸阳市")
    got = read(rows, "indicator", "year", "kind", "value", "bound")
    assert ("urban_disposable_income", 2023, "target_growth", 7.0, "~") in got
    assert ("rural_disposable_income", 2023, "target_growth", 8.0, "~") in got     # 左右 printed once, for both


def test_shared_suffix_lists_and_city_level_documents():
    rows = extract_text("今年经济社会发展的主要预期目标是：城镇居民、农村居民人均可支配收入分别增长7%、8%。", "福建省",
                        year=2022)
    assert read(rows, "indicator", "year", "kind", "value") == {
        ("urban_disposable_income", 2022, "target_growth", 7.0), ("rural_disposable_income", 2022, "target_growth", 8.0)}


def test_a_total_after_a_flow_yields_both():
    text = "一、2024年国民经济和社会发展计划执行情况\n新认定高新技术企业58家，总数达到231家；城镇新增就业19240人。"
    rows = extract_text(text, "万柏林区")
    assert read(rows, "indicator", "year", "kind", "value", "period_start") == {
        ("high_tech_firms_certified", 2024, "cumulative", 58.0, 2024),
        ("high_tech_firms", 2024, "level", 231.0, ""),
        ("new_urban_employment", 2024, "cumulative", 19240.0, 2024)}         # a one-year flow, not a plan total


def test_trillions_and_plan_period_review_without_printed_years():
    text = ("“十四五”时期是深圳砥砺前行的五年。\n地区生产总值从2020年的2.83万亿元提高到2025年的3.87万亿元，年均增长5.5%。\n"
            "固定资产投资五年累计4.5万亿元。\n居民人均可支配收入从6.5万元提高到8.5万元、年均增长5.5%。\n"
            "商事主体五年净增106万户、总量突破465万户。")
    rows = extract_text(text, "深圳市")
    got = read(rows, "indicator", "year", "kind", "value", "unit", "period_start")
    assert got == {
        ("gdp", 2020, "level", 2.83, "万亿元", ""), ("gdp", 2025, "level", 3.87, "万亿元", ""),
        ("gdp", 2025, "growth", 5.5, "%", 2021),                                 # 年均: average over 2021-2025
        ("fixed_asset_investment", 2025, "cumulative", 4.5, "万亿元", 2021),
        ("disposable_income", 2020, "level", 6.5, "万元", ""), ("disposable_income", 2025, "level", 8.5, "万元", ""),
        ("disposable_income", 2025, "growth", 5.5, "%", 2021),
        ("new_market_entities", 2025, "cumulative", 106.0, "万户", 2021),
        ("market_entities", 2025, "level", 465.0, "万户", "")}


def test_relative_years_need_the_document_year():
    text = "去年全省地区生产总值48810亿元、增长8.0%，今年全省地区生产总值预期增长6.5%。"

    undated = extract_document(text, "福建省")
    assert undated.rows == [] and undated.undated == 3                     # never a year 0
    dated = extract_document(text, "福建省", year=2022)
    assert dated.undated == 0
    assert read(dated.rows, "year", "kind", "value") == {(2021, "level", 48810.0), (2021, "growth", 8.0),
                                                        (2022, "target_growth", 6.5)}


def test_date_line_gives_the_document_year():
    text = "某市人民政府\n2024年3月19日\n今年全市地区生产总值预期增长5%，去年增长4.1%。"
    rows = extract_text(text, "某市")
    assert read(rows, "year", "kind", "value") == {(2024, "target_growth", 5.0)}


def test_growth_against_a_named_year_and_increments_are_not_rows():
    text = ("第一节发展基础\n“十三五”时期，到2020年底，预计实现地区生产总值100.13亿元，同比2015年增长67.86%；"
            "人均地区生产总值91243元，比上年增加14545元。")
    rows = extract_text(text, "梁子湖区")
    assert read(rows, "indicator", "year", "kind", "value") == {
        ("gdp", 2020, "level", 100.13), ("per_capita_gdp", 2020, "level", 91243.0)}
    assert next(r for r in rows if r["indicator"] == "gdp")["note"] == "预计 (estimate)"


def test_text_tables_are_read_row_by_row():
    text = ("指标名称 | 单位 | 2021年 | 2022年 |\n年末常住人口 | 万人 | 446.69 | 443.11 |\n"
            "占常住人口比重 | % | 87 | 87.02 |\n年末户籍人口 | 万人 | 198.74 | 208.13 |")
    from analysis.data.normalize import normalize_text

    rows = extract_text(normalize_text(text), "中山市")
    assert read(rows, "indicator", "year", "kind", "value", "unit") == {
        ("resident_population", 2021, "level", 446.69, "万人"), ("resident_population", 2022, "level", 443.11, "万人"),
        ("registered_population", 2021, "level", 198.74, "万人"), ("registered_population", 2022, "level", 208.13, "万人")}


def test_units_as_printed_with_their_scale_known():
    from analysis.data.registry import load_registry

    text = "颍东区2022年国民经济和社会发展统计公报\n2022年全区实现生产总值2673224万元，按可比价格计算，比上年增长5.2%。"
    rows = extract_text(text, "颍东区")
    level = next(r for r in rows if r["kind"] == "level")
    assert (level["value"], level["unit"], level["price_basis"]) == (2673224.0, "万元", "current")
    assert load_registry().convert(level["value"], level["unit"], "亿元") == pytest.approx(267.3224)


def test_traditional_script_with_pinyin_gives_the_simplified_rows():
    from analysis.data.normalize import normalize_text

    traditional = "張灣區(qū)2022年國(guó)民經(jīng)濟(jì)和社會(huì)發(fā)展統(tǒng)計(jì)公報(bào)\n全區(qū)實現(xiàn)地區(qū)生產(chǎn)總值548.4億元,比上年下降4.9%。"
    simplified = "张湾区2022年国民经济和社会发展统计公报\n全区实现地区生产总值548.4亿元,比上年下降4.9%。"
    rows = extract_text(normalize_text(traditional), "张湾区")
    assert read(rows, "indicator", "year", "kind", "value") == read(extract_text(simplified, "张湾区"),
                                                                    "indicator", "year", "kind", "value")
    assert ("gdp", 2022, "growth", -4.9) in read(rows, "indicator", "year", "kind", "value")


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_cli_asks_for_the_year_in_one_line_and_never_writes_year_zero(tmp_path):
    doc = tmp_path / "notice.txt"
    doc.write_text("去年全区地区生产总值620亿元，增长5%。", encoding="utf-8")
    out = tmp_path / "review.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(doc), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0
    last = result.stderr.strip().splitlines()[-1]
    assert "--year" in last and "2 figure(s)" in last
    assert sum("--year" in line for line in result.stderr.splitlines()) == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    # no proposal and never a year-0 row: the two numbers are only listed as not read, with no year
    assert [(r["status"], r["year"], r["value"]) for r in rows] == [("not_read", "", "620.0"), ("not_read", "", "5.0")]
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(doc), "--year", "2024", "--out", str(out)],
                            capture_output=True, text=True)
    years = {row["year"] for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert result.returncode == 0 and years == {"2023"} and "--year" not in result.stderr.splitlines()[-1]


def test_extract_reads_its_vocabulary_from_the_table_given_by_data(tmp_path):
    from conftest import copy_names

    table = copy_names(tmp_path) / "indicators.csv"
    rows = list(csv.DictReader(io.StringIO(FIXTURE_TABLE.read_text(encoding="utf-8"))))
    with open(table, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows + [dict(rows[0], indicator="night_economy", indicator_zh="夜间经济营业额", unit="亿元")])
    doc = tmp_path / "report.txt"
    doc.write_text("2023年国民经济和社会发展计划执行情况\n万柏林区夜间经济营业额完成12.5亿元。", encoding="utf-8")

    def proposed(*extra):
        out = tmp_path / "review.csv"
        run = subprocess.run([sys.executable, "-m", "analysis", "extract", str(doc), "--out", str(out), *extra],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return {r["indicator"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}

    assert "night_economy" in proposed("--data", str(table))
    assert "night_economy" not in proposed()                     # the default table does not know the name


def test_a_rate_without_a_stated_basis_says_so_in_its_note():
    """增长5.2% states no price basis: the indicator's usual basis is proposed, and the note says it was assumed
    (README: a rate whose source states no basis is recorded unstated where the document does not settle it)."""
    text = "一、2023年工作回顾\n全区地区生产总值增长5.2%，社会消费品零售总额按现价计算增长6.1%。"
    rows = {r["indicator"]: r for r in extract_text(text, "坪山区", year=2024) if r["kind"] == "growth"}
    assert "basis not stated" in rows["gdp"]["note"] and rows["gdp"]["price_basis"] == "comparable"
    assert "basis not stated" not in rows["retail_sales"]["note"] and rows["retail_sales"]["price_basis"] == "current"
