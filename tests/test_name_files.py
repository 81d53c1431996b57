"""The name files travel with their table (issue 17): a table elsewhere is assessed, reported and
planned with the districts, indicators, units and plans beside it, never the project's."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.data.loading import load_indicators
from analysis.data.registry import load_registry, registry_of
from analysis.engine.gaps import gap_table
from analysis.engine.records import to_records
from analysis.exceptions import DataFileError
from conftest import FIXTURE_TABLE, copy_data

SOURCE = "pm25_report.txt"
TEXT = ("2020年全区细颗粒物（PM2.5）平均浓度为50微克/立方米。\n"
        "2022年全区细颗粒物（PM2.5）平均浓度为45微克/立方米。\n"
        "到2025年，细颗粒物（PM2.5）平均浓度降至40微克/立方米。\n")
ROWS = [("2020", "level", "50", "2020年全区细颗粒物（PM2.5）平均浓度为50微克/立方米"),
        ("2022", "level", "45", "2022年全区细颗粒物（PM2.5）平均浓度为45微克/立方米"),
        ("2025", "target_level", "40", "到2025年，细颗粒物（PM2.5）平均浓度降至40微克/立方米")]


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


def append_row(path: Path, **row) -> None:
    """One row under the file's own header (columns it has and the row lacks stay empty)."""
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore").writerow(row)
    append(path, buffer.getvalue().rstrip("\n"))


@pytest.fixture
def other(tmp_path) -> Path:
    """A table elsewhere with its own name files: PM2.5 (lower is better), in a unit only it lists."""
    data = copy_data(tmp_path / "other")
    append_row(data / "units.csv", unit="微克/立方米", name_en="µg/m³", base_unit="微克/立方米", factor="1", count="no")
    append_row(data / "indicator_names.csv", indicator="pm25", name_zh="细颗粒物（PM2.5）平均浓度", aliases="PM2.5",
               name_en="PM2.5 concentration", unit="微克/立方米", direction="lower", attribute="约束性")
    append_row(data / "sources.csv", file=SOURCE, title_zh="万柏林区环境质量公报（测试）",
               title_en="Wanbailin air quality bulletin (test)", date="2023", status="report", districts="万柏林区")
    (data / "sources" / SOURCE).write_text(TEXT, encoding="utf-8")
    for year, kind, value, quote in ROWS:
        append_row(data / "indicators.csv", district="万柏林区", indicator="pm25", indicator_zh="细颗粒物（PM2.5）平均浓度",
                   year=year, kind=kind, value=value, unit="微克/立方米", source=SOURCE, quote=quote)
    return data / "indicators.csv"


def pm25(records: list[dict]) -> dict:
    return next(r for r in records if r["indicator"] == "pm25" and r["target_type"] == "level")


def test_a_lower_is_better_indicator_registered_only_beside_the_table(other):
    data = load_indicators(other)
    assert registry_of(data) is load_registry(other) and registry_of(data).direction("pm25") == "lower"
    assert "pm25" not in load_registry(FIXTURE_TABLE).indicators
    record = pm25(to_records(gap_table(data, district="万柏林区", target_year=2025)))
    # falling from 50 to 45 with 40 as the ceiling to reach: on the way, not there
    assert record["direction"] == "lower" and record["status"] != "achieved" and record["latest_value"] == 45
    assert record["unit"] == "微克/立方米"


def test_gaps_data_other_uses_the_name_files_beside_it(other):
    env = {k: v for k, v in os.environ.items() if k != "ANALYSIS_DATA"}        # a user's shell
    result = subprocess.run([sys.executable, "-m", "analysis", "gaps", "--data", str(other), "--district", "万柏林区",
                             "--target-year", "2025", "--format", "json"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    record = pm25(json.loads(result.stdout))
    assert record["direction"] == "lower" and record["status"] != "achieved"


def test_the_runner_plans_with_the_name_files_beside_the_table(other, tmp_path):
    from analysis.runner.batch import RunOptions, plan

    options = RunOptions(data_path=other, out_dir=tmp_path / "out").resolved()
    names = [job.name for job in plan(options).jobs]
    assert "growth_gap-万柏林区-pm25" in names                  # assessable: a 2025 target, observed in 2022


def test_a_table_without_its_name_files_is_refused_in_one_line(tmp_path):
    lone = tmp_path / "indicators.csv"
    lone.write_bytes(FIXTURE_TABLE.read_bytes())
    with pytest.raises(DataFileError, match=r"indicator_names\.csv: no such file; .* live beside it: copy data/"):
        load_indicators(lone)
    env = {k: v for k, v in os.environ.items() if k != "ANALYSIS_DATA"}
    result = subprocess.run([sys.executable, "-m", "analysis", "validate", str(lone)], capture_output=True, text=True,
                            env=env)
    assert result.returncode != 0 and "no such file" in result.stderr and "Traceback" not in result.stderr


def test_a_frame_without_name_files_says_how_to_give_them():
    frame = pd.DataFrame({"district": ["甲区"], "indicator": ["gdp"], "kind": ["level"], "year": [2022]})
    with pytest.raises(DataFileError, match="carries no name files"):
        gap_table(frame)


def test_no_module_loads_the_project_s_name_files_on_its_own():
    """Only entry points (CLI, report setup, runner plan) load a registry, from the table they were given."""
    package = Path(__file__).parent.parent / "src" / "analysis"
    hidden = []
    for path in sorted(package.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if ("load_registry()" in code and ">>>" not in code) or "or load_registry(" in code:
                hidden.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    # i18n names units for pages: report.setup gives it the page's registry (i18n.use_registry); before
    # that it reads the registry of the table in use ($ANALYSIS_DATA or data/), as documented there
    assert [h for h in hidden if not h.startswith("i18n.py:")] == []
