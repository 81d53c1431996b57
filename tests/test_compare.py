from analysis.engine.compare import cities_to_compare, compare_districts
from analysis.engine.gaps import gap_table
from analysis.engine.records import to_records
from analysis.data.registry import load_registry

from conftest import MID
from test_assess import table


def test_two_districts_of_one_city_side_by_side():
    registry = load_registry()
    rows = []
    for district, latest in (("万柏林区", 620.5), ("杏花岭区", 700.0)):
        rows += [(district, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (district, "gdp", 2022, "level", latest, "亿元", "current", "", None),
                 (district, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None),
                 (district, "high_tech_firms", 2025, "target_level", 227, "家", "", ">=", None)]
    records = to_records(gap_table(table(*rows), as_of=MID))
    assert cities_to_compare(records, registry) == {"太原市": ["万柏林区", "杏花岭区"]}
    frame = compare_districts(records, registry, "太原市")
    # only GDP is assessable in both; high-tech firms have no observation and are left out
    assert frame["indicator"].tolist() == ["gdp", "gdp"] and frame["district"].tolist() == ["万柏林区", "杏花岭区"]
    # 杏花岭区: (700/486)^(1/2) − 1 = 20.01 %, nominal
    assert round(frame.loc[1, "cagr_observed"], 2) == round(((700 / 486) ** 0.5 - 1) * 100, 2)
    assert set(frame["growth_basis"]) == {"current"}


def test_no_comparison_with_one_assessable_district(data):
    records = to_records(gap_table(data, as_of=MID))
    assert cities_to_compare(records, load_registry()) == {}


def test_overview_section_puts_the_city_side_by_side(tmp_path, curated_rows):
    """杏花岭区 gets GDP figures inside the plan: the 万柏林区 overview then shows both districts."""
    from conftest import write_table

    from analysis import report
    from analysis.report import sections

    extra = [dict(curated_rows[0], district="杏花岭区", year=y, kind=k, value=v, bound=b, quote=q, source="x.txt")
             for y, k, v, b, q in (("2020", "level", "300", "", "300亿元"), ("2022", "level", "360", "", "360亿元"),
                                   ("2025", "target_level", "500", "", "500亿元"))]
    path = write_table(tmp_path / "indicators.csv", curated_rows + extra)
    ctx = report.setup("万柏林区", "zh", data_path=str(path), page="overview", as_of=MID)
    [heading, table] = sections.render(ctx, "compare")
    assert "太原市各区县比较" in heading and table.count("<tr>") == 1 + 2          # header + GDP of each district
    assert "杏花岭区" in table and "万柏林区" in table and "现价（名义）" in table
    # 杏花岭区 (360/300)^(1/2) − 1 = 9.5 % a year, nominal
    assert "9.5" in table
    en = report.setup("万柏林区", "en", data_path=str(path), page="overview", as_of=MID)
    assert "Districts of Taiyuan side by side" in sections.render(en, "compare")[0]
    alone = report.setup("万柏林区", "zh", page="overview", as_of=MID)
    assert sections.render(alone, "compare") == []


def test_a_latest_figure_given_only_as_a_bound_keeps_it_side_by_side():
    rows = []
    for district, bound in (("万柏林区", ""), ("杏花岭区", ">=")):
        rows += [(district, "gdp", 2020, "level", 486, "亿元", "current", "", None),
                 (district, "gdp", 2022, "level", 700, "亿元", "current", bound, None),
                 (district, "gdp", 2025, "target_level", 1000, "亿元", "current", "~", None)]
    frame = compare_districts(to_records(gap_table(table(*rows), as_of=MID)), load_registry(), "太原市")
    assert frame.set_index("district")["latest_bound"].to_dict() == {"万柏林区": "", "杏花岭区": ">="}
