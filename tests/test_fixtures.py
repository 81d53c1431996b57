"""The suite runs on its own data: the yearly update of data/ leaves every test but test_data.py alone.

``tests/fixtures/data/`` is a frozen copy of the table, its name files and its documents; the
root ``conftest.py`` points ``$ANALYSIS_DATA`` at it. Here: no test module reaches for the live
files, and the yearly update (README, "The yearly update") merged into a copy of the live table,
with the project's paths pointed at that copy, keeps a representative part of the suite green.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from analysis import config
from conftest import FIXTURE_DATA, FIXTURE_TABLE

TESTS = Path(__file__).parent
# what only the curated table's own checks (and this module) may name; a line that uses the
# path without reading it (the --out guard) says so with a '# path only' comment
LIVE = re.compile(r"\b(DEFAULT_INDICATORS|DATA_DIR|SOURCES_DIR|RAW_SOURCES_DIR)\b|[\"']data/indicators\.csv")
OWN_CHECKS = {"test_data.py", "test_fixtures.py"}
# the tests that broke when the yearly update was merged into the live table (issue 17), and more
SUBSET = ["test_gaps.py", "test_assess.py", "test_growth.py", "test_report_explorer.py", "test_report_tables.py",
          "test_report_text.py"]


def test_tests_read_the_fixture_data():
    assert Path(os.environ["ANALYSIS_DATA"]) == FIXTURE_TABLE
    assert config.indicators_path() == FIXTURE_TABLE
    for name in ("indicators.csv", "districts.csv", "indicator_names.csv", "sources.csv", "units.csv", "plans.csv"):
        assert (FIXTURE_DATA / name).is_file(), name
    assert sorted(p.name for p in (FIXTURE_DATA / "sources").glob("*.txt")) == \
        sorted(p.name for p in (FIXTURE_DATA / "sources" / "raw").glob("*.txt"))


def test_no_test_module_names_the_live_data():
    offenders = {p.name: sorted({m.group(0) for line in p.read_text(encoding="utf-8").splitlines()
                                 if "# path only" not in line for m in LIVE.finditer(line)})
                 for p in sorted(TESTS.glob("*.py")) if p.name not in OWN_CHECKS}
    assert {k: v for k, v in offenders.items() if v} == {}


PLUGIN = '''
"""Point the project's live paths at {data} (a copy of data/ after the yearly update)."""
from pathlib import Path

from analysis import config

config.DATA_DIR = Path({data!r})
config.SOURCES_DIR = config.DATA_DIR / "sources"
config.RAW_SOURCES_DIR = config.SOURCES_DIR / "raw"
config.DEFAULT_INDICATORS = config.DATA_DIR / "indicators.csv"
'''


def _yearly_update(data: Path, tmp_path: Path) -> int:
    """Steps 1-3 of the README's yearly update, on *data*: the 2023 report in, its GDP rows merged."""
    from analysis.data.normalize import normalize_file

    document = TESTS / "fixtures" / "report_2023_simplified.txt"
    (data / "sources" / "raw" / "report_2023.txt").write_bytes(document.read_bytes())
    (data / "sources" / "report_2023.txt").write_text(normalize_file(document)[0], encoding="utf-8")
    review = tmp_path / "review.csv"
    env = {**os.environ, "ANALYSIS_DATA": str(data / "indicators.csv")}
    run = subprocess.run([sys.executable, "-m", "analysis", "extract", str(data / "sources" / "report_2023.txt"),
                          "--district", "万柏林区", "--out", str(review)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    # the closing lines say what to do: the sources.csv line the new document needs, and the exact commands
    assert "report_2023.txt is not listed in" in run.stderr and f"python -m analysis merge {review}" in run.stderr
    assert f"python -m analysis review {review} --accept-all" in run.stderr
    with open(data / "sources.csv", "a", encoding="utf-8") as f:
        f.write("report_2023.txt,万柏林区2023年计划执行报告,Wanbailin 2023 plan report,2024-01,adopted,,万柏林区\n")
    with open(review, encoding="utf-8-sig", newline="") as f:
        rows = [n for n, r in enumerate(csv.DictReader(f), start=2) if r["indicator"] == "gdp" and r["year"] == "2023"]
    assert len(rows) >= 2
    run = subprocess.run([sys.executable, "-m", "analysis", "review", str(review), "--rows", ",".join(map(str, rows))],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0 and f"accepted {len(rows)} row(s)" in run.stdout, run.stdout + run.stderr
    run = subprocess.run([sys.executable, "-m", "analysis", "merge", str(review), "--data", str(data / "indicators.csv")],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    return len(rows)


def test_the_yearly_update_of_the_live_table_leaves_the_suite_green(tmp_path):
    live = shutil.copytree(config.DATA_DIR, tmp_path / "data")
    before = live.joinpath("indicators.csv").read_text(encoding="utf-8")
    added = _yearly_update(live, tmp_path)
    after = live.joinpath("indicators.csv").read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(before.splitlines()) + added and "655.3" in after
    (tmp_path / "yearly_update.py").write_text(PLUGIN.format(data=str(live)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    env.pop("ANALYSIS_DATA", None)            # the root conftest sets it again, as in any test run
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "yearly_update",
                             "-m", "not slow", "-n", "0", *(str(TESTS / name) for name in SUBSET)],
                            capture_output=True, text=True, env=env, cwd=config.PROJECT_DIR, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and "failed" not in result.stdout.splitlines()[-1]
