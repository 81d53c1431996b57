"""report.context: parameters fail with a one-line fix; the page knows its plan, its data year and its kind."""
from conftest import MID  # noqa: E402
import pytest

from analysis import report
from analysis.exceptions import ParameterError


@pytest.mark.parametrize("kwargs,fields", [
    ({"district": "西城区"}, {"parameter": "district", "value": "西城区", "accepted": ("万柏林区", "杏花岭区")}),
    ({"district": "万柏林区", "indicator": "gpd"}, {"parameter": "indicator", "value": "gpd"}),
    ({"district": "万柏林区", "lang": "fr"}, {"parameter": "lang", "value": "fr", "accepted": ("zh", "en")}),
    ({"district": "万柏林区", "target_year": 1900}, {"parameter": "target_year", "value": 1900}),
    ({"district": "万柏林区", "deflator": 99}, {"parameter": "deflator", "value": 99, "accepted": (-20, 50)}),
    ({"district": "万柏林区", "n_paths": "many"}, {"parameter": "n_paths", "value": "many"}),
    ({"district": "万柏林区", "data_path": "/no/such.csv"}, {"parameter": "data_path", "path": "/no/such.csv"}),
    ({"district": "万柏林区", "page": "summary"}, {"parameter": "page", "value": "summary"}),
    ({"district": "万柏林区", "target_overrides": {"gdp": -1}}, {"parameter": "target_overrides[gdp]", "value": -1}),
])
def test_bad_parameters_give_one_line_fix(kwargs, fields):
    with pytest.raises(ParameterError) as info:
        report.setup(**kwargs, as_of=MID)
    found = info.value.fields()
    assert {k: found.get(k) for k in fields} == fields and "\n" not in str(info.value)


def test_plan_and_names_come_from_the_registry():
    ctx = report.setup("万柏林区", "en", indicator="gdp", as_of=MID)
    assert ctx.plan_name == "14th five-year plan" and ctx.district_name == "Wanbailin District"
    assert ctx.indicator_name == "GDP"
    later = report.setup("万柏林区", "zh", target_year=2030, as_of=MID)
    assert later.plan_name == "“十五五”" and later.plan.base_year == 2025


def test_as_of_year_is_the_latest_observation_not_the_clock():
    assert report.setup("万柏林区", as_of=MID).as_of_year == 2022        # the 2022 execution report is the newest source
    assert report.setup("杏花岭区", as_of=MID).as_of_year is None        # only targets so far


def test_mode_fits_what_the_district_has():
    assert report.setup("万柏林区", as_of=MID).mode == "plan"
    assert report.setup("杏花岭区", as_of=MID).mode == "annual"          # 22 tasks for 2022, no five-year targets
    assert report.setup("万柏林区", target_year=2030, as_of=MID).mode == "none"


def test_overrides_reach_the_records():
    ctx = report.setup("万柏林区", indicator="gdp", target_override=800, as_of=MID)
    assert ctx.record["target_value"] == 800
    brief = report.setup("万柏林区", page="brief", target_overrides={"gdp": 850.0, "high_tech_firms": 0.0}, as_of=MID)
    assert brief.target_overrides == {"gdp": 850.0}           # 0 keeps the plan's value
    assert next(r for r in brief.records if r["indicator"] == "gdp")["target_value"] == 850
