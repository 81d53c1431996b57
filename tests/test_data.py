"""The curated table against its sources and against hand-checked numbers.

The one test module that reads the live data/ (by its explicit path): these are the curated
table's own checks. Every other test reads the frozen copy in tests/fixtures/data/.
"""
import csv
import math

import pytest

from analysis import config, series
from analysis.data.numerals import numbers_in


@pytest.fixture(scope="module")
def curated_rows():
    with open(config.DEFAULT_INDICATORS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def data():
    from analysis import load_indicators

    return load_indicators(config.DEFAULT_INDICATORS)

NEGATIVE_WORDS = ("下降", "减少")


def test_every_quote_is_verbatim_in_its_source_and_contains_the_value(curated_rows):
    texts = {}
    for i, row in enumerate(curated_rows, start=2):
        text = texts.setdefault(row["source"], (config.SOURCES_DIR / row["source"]).read_text(encoding="utf-8"))
        assert row["quote"] in text, f"row {i}: quote not in {row['source']}"
        value = float(row["value"])
        assert any(math.isclose(abs(value), n) for n in numbers_in(row["quote"])), f"row {i}: {value} not in quote"
        if value < 0:
            assert any(w in row["quote"] for w in NEGATIVE_WORDS), f"row {i}: negative value without 下降"


# Golden values, read by hand from the documents (source sentence in the comment).
GOLDEN = [
    # 002: 全区地区生产总值从2015年的347亿元增长到2020年的486亿元
    ("万柏林区", "gdp", 2015, "level", 347.0, "current", ""),
    ("万柏林区", "gdp", 2020, "level", 486.0, "current", ""),
    # 004: 地區(qū)生產(chǎn)總值完成620.5億元,同比增長(zhǎng)2.5%
    ("万柏林区", "gdp", 2022, "level", 620.5, "current", ""),
    ("万柏林区", "gdp", 2022, "growth", 2.5, "comparable", ""),
    # 004: 地區(qū)生產(chǎn)總值增長(zhǎng)6.5%左右
    ("万柏林区", "gdp", 2023, "target_growth", 6.5, "comparable", "~"),
    # 002: 经济总量向千亿元规模迈进 (aspiration)
    ("万柏林区", "gdp", 2025, "target_level", 1000.0, "current", "~"),
    # 004: 服務(wù)業(yè)增加值實(shí)現(xiàn)292.1億元,同比下降0.6%
    ("万柏林区", "services_value_added", 2022, "growth", -0.6, "comparable", ""),
    # 004: 固定資產(chǎn)投資實(shí)現(xiàn)141.1億元,同比下降10.5 % ; target 增長(zhǎng)9%
    ("万柏林区", "fixed_asset_investment", 2022, "growth", -10.5, "current", ""),
    ("万柏林区", "fixed_asset_investment", 2023, "target_growth", 9.0, "current", ""),
    # 002: 全社会固定资产投资“十三五”累计完成1160.1亿元
    ("万柏林区", "total_fixed_asset_investment", 2020, "cumulative", 1160.1, "current", ""),
    # 004: 一般公共預(yù)算收入實(shí)現(xiàn)20.26億元,同比下降3.1%
    ("万柏林区", "budget_revenue", 2022, "level", 20.26, "current", ""),
    ("万柏林区", "budget_revenue", 2022, "growth", -3.1, "current", ""),
    # 002: 到2025年底,全区高新技术企业达到227户以上
    ("万柏林区", "high_tech_firms", 2025, "target_level", 227.0, "", ">="),
    # 002: 城镇登记失业率控制在4.0%以内
    ("万柏林区", "registered_unemployment_rate", 2025, "target_level", 4.0, "", "<="),
    # 002: 床位数4500张
    ("万柏林区", "elderly_care_beds", 2025, "target_level", 4500.0, "", ""),
    # 003: 新增优质学位4320个
    ("杏花岭区", "new_school_places", 2022, "target_level", 4320.0, "", ""),
]


@pytest.mark.parametrize("district,indicator,year,kind,value,basis,bound", GOLDEN)
def test_golden_values(data, district, indicator, year, kind, value, basis, bound):
    row = data.query("district == @district and indicator == @indicator and year == @year and kind == @kind")
    assert len(row) == 1
    assert row["value"].iloc[0] == pytest.approx(value)
    assert row["price_basis"].iloc[0] == basis
    assert row["bound"].iloc[0] == bound


REAL = {"gdp", "industrial_value_added", "services_value_added"}
NOMINAL = {"fixed_asset_investment", "retail_sales", "budget_revenue"}


def test_growth_price_basis_follows_chinese_statistical_convention(data):
    growth = data[data["kind"].isin(["growth", "target_growth"])]
    # the one exception: 002's "服务业增加值…年均增幅10%以上" (2016-2020) states no basis, and the table says so
    unstated = growth[growth["price_basis"] == "unstated"]
    assert unstated[["indicator", "year", "period_start"]].values.tolist() == [["services_value_added", 2020, 2016]]
    for row in growth.drop(unstated.index).itertuples():
        if row.indicator in REAL:
            assert row.price_basis == "comparable", row
        elif row.indicator in NOMINAL:
            assert row.price_basis == "current", row


def test_data_readings_of_issue_10(data):
    """The readings revisited in issue 10, each traced to its quote."""
    wbl = data[data["district"] == "万柏林区"].set_index(["indicator", "kind"])
    # 控制在4.0%以内 holds for every year of the plan: a ceiling from 2021
    assert wbl.loc[("registered_unemployment_rate", "target_level"), "period_start"] == 2021
    # 每年参加培训学员…就业率不低于25%: an annual floor
    floor = wbl.loc[("training_employment_rate", "target_level")]
    assert (floor["value"], floor["bound"], floor["period_start"]) == (25, ">=", 2021) and "不低于25%" in floor["quote"]
    # 全社会固定资产投资 (十三五 total) and 固定资产投资 (2022) are different scopes: two indicators
    assert ("total_fixed_asset_investment", "cumulative") in wbl.index
    assert ("fixed_asset_investment", "cumulative") not in wbl.index
    for indicator in ("fitness_service_centres_new", "tech_incubators", "maker_spaces", "roads_upgraded",
                      "streets_with_elderly_centre"):
        assert indicator in wbl.index.get_level_values(0)


def test_minimum_coverage(data):
    wbl = data[data["district"] == "万柏林区"]
    for indicator in REAL | NOMINAL:
        assert not wbl[wbl["indicator"] == indicator].empty, indicator
    targets_2025 = set(wbl.query("kind == 'target_level' and year == 2025")["indicator"])
    assert {"gdp", "high_tech_firms", "industrial_firms_above_scale", "registered_unemployment_rate",
            "elderly_care_beds"} <= targets_2025
    assert set(wbl.query("kind == 'target_growth' and year == 2023")["indicator"]) == {
        "gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "budget_revenue"}
    assert len(data.query("district == '杏花岭区' and year == 2022 and kind == 'target_level'")) >= 20


def test_gdp_aspiration_is_marked_as_overridable(data):
    row = data.query("indicator == 'gdp' and kind == 'target_level'").iloc[0]
    assert row["bound"] == "~" and "override" in row["note"]


def test_series_is_indexed_by_year(data):
    assert series("万柏林区", "budget_revenue", data=data).to_dict() == {2015: 15.4, 2020: 20.1, 2022: 20.26}


# --- the live documents: data/sources/ is what `normalize` makes of data/sources/raw/ -------------------

def test_committed_sources_equal_a_fresh_run(tmp_path):
    from analysis.data.normalize import normalize_sources

    assert normalize_sources(config.RAW_SOURCES_DIR, config.SOURCES_DIR, check=True) == []
    written = normalize_sources(config.RAW_SOURCES_DIR, tmp_path)
    assert sorted(written) == sorted(p.name for p in config.RAW_SOURCES_DIR.glob("*.txt"))
    for p in tmp_path.glob("*.txt"):
        assert p.read_bytes() == (config.SOURCES_DIR / p.name).read_bytes()


def test_raw_copies_are_unchanged_seeds():
    seeds = config.PROJECT_DIR.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout (only on the team's machines)")
    for raw in config.RAW_SOURCES_DIR.glob("*.txt"):
        if (seeds / raw.name).exists():             # documents added later are not seeds
            assert raw.read_bytes() == (seeds / raw.name).read_bytes()
