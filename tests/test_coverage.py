"""A figure belongs to the places its document covers (issue 21): sources.csv 'districts', or the title."""
import csv

import pytest

from conftest import copy_data, write_table
from analysis.cli.main import main
from analysis.data.loading import validate_file


COVERS = {"000": "万柏林区", "001": "万柏林区", "002": "万柏林区", "003": "杏花岭区", "004": "万柏林区"}


@pytest.fixture
def work(tmp_path):
    """A copy of the fixture data whose sources.csv has the 'districts' column."""
    work = copy_data(tmp_path / "data")
    lines = (work / "sources.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    if not lines[0].endswith(",districts"):
        lines = [lines[0] + ",districts"] + [f"{line},{COVERS[line[:3]]}" for line in lines[1:]]
    (work / "sources.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return work


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_row_moved_to_another_district_is_refused_in_one_line(work):
    table = work / "indicators.csv"
    rows = rows_of(table)
    moved = next(i for i, r in enumerate(rows) if r["source"].startswith("004") and r["indicator"] == "gdp")
    rows[moved]["district"] = "杏花岭区"           # 万柏林区's GDP, its document and quote kept
    write_table(table, rows)
    _, problems = validate_file(table)
    assert len(problems) == 1
    assert problems[0].endswith(
        f" row {moved + 2}, column 'district': '杏花岭区' is not a place 004_2e2771ea7a10172a.txt covers (万柏林区, "
        "per sources.csv column 'districts' or its title); correct the district or the source, or add the district "
        "to that document's 'districts' in sources.csv")


def test_merge_refuses_a_row_for_a_district_its_document_does_not_cover(work, tmp_path, capsys):
    table = work / "indicators.csv"
    before = table.read_bytes()
    row = dict(next(r for r in rows_of(table) if r["source"].startswith("004") and r["indicator"] == "gdp"),
               district="杏花岭区", confidence="0.9", status="accepted")
    review = write_table(tmp_path / "review.csv", [row], header=list(row))
    assert main(["merge", str(review), "--data", str(table)]) == 1
    err = capsys.readouterr().err
    assert "'杏花岭区' is not a place 004_2e2771ea7a10172a.txt covers" in err and "Traceback" not in err
    assert table.read_bytes() == before


def test_without_a_districts_column_the_title_says_which_districts_a_document_covers(work):
    from analysis.data.registry import load_registry

    text = (work / "sources.csv").read_text(encoding="utf-8").splitlines()
    stripped = [line.rsplit(",", 1)[0] for line in text]          # drop the districts column
    (work / "sources.csv").write_text("\n".join(stripped) + "\n", encoding="utf-8")
    registry = load_registry(work / "indicators.csv")
    assert registry.source_districts("004_2e2771ea7a10172a.txt") == {"万柏林区"}
    assert registry.source_districts("000_8c3a4b0d049a7f5c.txt") == frozenset()     # 太原晚报 names none
    assert registry.source_districts("not-listed.txt") is None


def test_a_misspelt_districts_entry_covers_nothing_and_says_so(work):
    path = work / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",杏花岭区\n", ",杏花林区\n"), encoding="utf-8")
    _, problems = validate_file(work / "indicators.csv")
    assert problems and all("is not a place 003_8df52340b5556471.txt covers (杏花林区," in p for p in problems)
