from analysis.compare import cities_to_compare, compare_districts
from analysis.gaps import gap_table, to_records
from analysis.registry import load_registry

from test_assess import table


def test_two_districts_of_one_city_side_by_side():
    registry = load_registry()
    rows = []
    for district, latest in (("万柏林区", 620.5), ("杏花岭区", 700.0)):
        rows += [(district, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (district, "gdp", 2022, "level", latest, "亿元", "current", "", None),
                 (district, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None),
                 (district, "high_tech_firms", 2025, "target_level", 227, "家", "", ">=", None)]
    records = to_records(gap_table(table(*rows)))
    assert cities_to_compare(records, registry) == {"太原市": ["万柏林区", "杏花岭区"]}
    frame = compare_districts(records, registry, "太原市")
    # only GDP is assessable in both; high-tech firms have no observation and are left out
    assert frame["indicator"].tolist() == ["gdp", "gdp"] and frame["district"].tolist() == ["万柏林区", "杏花岭区"]
    # 杏花岭区: (700/486)^(1/2) − 1 = 20.01 %, nominal
    assert round(frame.loc[1, "cagr_observed"], 2) == round(((700 / 486) ** 0.5 - 1) * 100, 2)
    assert set(frame["growth_basis"]) == {"current"}


def test_no_comparison_with_one_assessable_district(data):
    records = to_records(gap_table(data))
    assert cities_to_compare(records, load_registry()) == {}
