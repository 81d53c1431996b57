"""The plan calendar comes only from plans.csv: target_year None is the current plan as of the assessment
date, the same for the engine, the report pages, the progress workbook and the runner; a target year is
valid when a listed plan ends in it (a 13th-plan row makes 2020 assessable)."""
import csv

import pytest
from conftest import LATE, MID, copy_data

from analysis import config, load_indicators, report
from analysis.data.registry import load_registry
from analysis.engine.gaps import gap_table
from analysis.engine.records import to_records
from analysis.engine.timeline import assessed_plan
from analysis.exceptions import ParameterError
from analysis.report.export import progress_frame

AFTER_2025_FIGURES = "2027-06-01"     # the 2026 figures are due: the 15th plan is current


def test_no_plan_calendar_outside_plans_csv():
    assert not any(name.startswith("PLAN_") for name in vars(config))


@pytest.mark.parametrize("as_of,year", [(MID, 2025), (LATE, 2025), (AFTER_2025_FIGURES, 2030)])
def test_none_is_the_current_plan_everywhere(data, as_of, year):
    assert assessed_plan(data.attrs["registry"], None, as_of).last_year == year
    records = to_records(gap_table(data, district="万柏林区", as_of=as_of))
    plan_records = [r for r in records if r["target_type"] not in ("growth_annual", "annual_task")]
    assert {r["target_year"] for r in plan_records} <= {year}
    assert report.setup("万柏林区", as_of=as_of).target_year == year
    frame = progress_frame(data, "万柏林区", as_of=as_of)
    assert len(frame) == len(report.setup("万柏林区", as_of=as_of).records)


def test_a_year_no_plan_ends_in_is_refused_with_the_accepted_years(data):
    for year in (2020, 2023, "2025", True):
        with pytest.raises(ParameterError) as info:
            report.setup("万柏林区", target_year=year, as_of=MID)
        assert info.value.fields() == {"parameter": "target_year", "value": year, "accepted": (2025, 2030)}
    with pytest.raises(ParameterError):
        gap_table(data, target_year=2023, as_of=MID)


def _dated(sources, file: str, date: str) -> None:
    with open(sources, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["file"] == file:
            r["date"] = date
    with open(sources, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _with_13th_plan(tmp_path):
    """A copy of the fixture data with the 十三五 in plans.csv and one 2020 target (the plan's 486 亿元
    sentence read as a target, so its quote validates)."""
    folder = copy_data(tmp_path / "data")
    with open(folder / "plans.csv", "a", encoding="utf-8", newline="") as f:
        f.write("13th,“十三五”,13th five-year plan,2016,2020,2015\n")
    table = folder / "indicators.csv"
    with open(table, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    level = next(r for r in rows if r["indicator"] == "gdp" and r["year"] == "2020" and r["kind"] == "level")
    _dated(folder / "sources.csv", level["source"], "2021-04-08")   # read in 2021, when the 十三五 is assessed
    level = next(r for r in rows if r["indicator"] == "gdp" and r["year"] == "2020" and r["kind"] == "level")
    with open(table, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n").writerow({**level, "kind": "target_level"})
    return table


def test_a_13th_plan_row_makes_2020_a_target_year(tmp_path):
    table = _with_13th_plan(tmp_path)
    registry = load_registry(table)
    assert assessed_plan(registry, 2020).plan == "13th"
    assert assessed_plan(registry, None, "2021-06-01").plan == "13th"   # 2020's figures are due
    ctx = report.setup("万柏林区", "zh", data_path=str(table), target_year=2020, as_of="2021-06-01")
    assert (ctx.target_year, ctx.plan_name, ctx.plan.base_year) == (2020, "“十三五”", 2015)
    same = report.setup("万柏林区", "zh", data_path=str(table), as_of="2021-06-01")
    assert same.target_year == 2020
    gdp = next(r for r in ctx.records if r["indicator"] == "gdp")
    assert (gdp["base_year"], gdp["latest_year"], gdp["target_value"], gdp["final"]) == (2015, 2020, 486.0, True)
    records = to_records(gap_table(load_indicators(table), target_year=2020, as_of="2021-06-01"))
    assert [(r["district"], r["indicator"]) for r in records] == [("万柏林区", "gdp")]


def test_the_runner_resolves_the_same_plan(tmp_path):
    from analysis.runner.batch import RunOptions, list_reports

    table = _with_13th_plan(tmp_path)
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n  - name: g-{indicator}\n    notebook: growth_gap\n    for_each: target\n",
                   encoding="utf-8")
    early = list_reports(RunOptions(config_path=cfg, data_path=table, out_dir=tmp_path / "out", as_of="2021-06-01"))
    assert early == ["g-gdp"]                           # the 十三五's GDP target, due in 2020
    assert list_reports(RunOptions(config_path=cfg, data_path=table, out_dir=tmp_path / "out", as_of=MID)) \
        == list_reports(RunOptions(config_path=cfg, data_path=table, out_dir=tmp_path / "out", as_of=LATE))


def test_a_date_no_listed_plan_covers_is_refused_not_invented(data):
    """plans.csv is the only calendar: before the 14th plan's first figures were due, no plan is current."""
    from analysis.engine.gaps import gap_table
    from analysis.exceptions import ParameterError

    with pytest.raises(ParameterError) as info:
        gap_table(data, district="万柏林区", as_of="2020-06-01")
    assert (info.value.parameter, info.value.value) == ("year", 2019)
    assert (2021, 2025) in info.value.accepted


def test_a_page_as_of_a_date_uses_only_what_was_published_by_then(tmp_path):
    """A figure from a document dated after the assessment date is not known on it: with the 2022 execution
    report dated after MID, the page as of MID reads 2021 as the latest year; with no document of the district
    dated by then, the page is refused in one line naming as_of."""
    folder = copy_data(tmp_path / "data")
    table = folder / "indicators.csv"
    latest = report.setup("万柏林区", "zh", data_path=str(table), as_of=MID).as_of_year
    with open(table, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["district"] == "万柏林区"]
    newest = {r["source"] for r in rows if r["year"] == str(latest) and r["kind"] in ("level", "growth")}
    for source in newest:
        _dated(folder / "sources.csv", source, "2023-06-30")
    later = report.setup("万柏林区", "zh", data_path=str(table), as_of=MID)
    assert later.as_of_year < latest and report.setup("万柏林区", "zh", data_path=str(table), as_of="2023-07-01").as_of_year == latest
    for source in {r["source"] for r in rows}:
        _dated(folder / "sources.csv", source, "2024")
    with pytest.raises(ParameterError) as info:
        report.setup("万柏林区", "zh", data_path=str(table), as_of=MID)
    assert info.value.fields()["parameter"] == "as_of"


def test_a_source_date_that_is_no_date_is_refused_in_one_line(tmp_path):
    """A page as of a date trusts sources.csv's dates, so one that cannot be read is refused, not ignored."""
    from analysis.exceptions import DataValidationError

    folder = copy_data(tmp_path / "data")
    with open(folder / "sources.csv", encoding="utf-8", newline="") as f:
        first = next(csv.DictReader(f))["file"]
    _dated(folder / "sources.csv", first, "2023/05")
    with pytest.raises(DataValidationError, match=r"sources.csv row 2, column 'date': '2023/05' is not accepted; "
                                                  r"accepted: YYYY, YYYY-MM or YYYY-MM-DD"):
        load_registry(folder / "indicators.csv")
