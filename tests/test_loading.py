"""One test per validation rule, each with its own bad file; loader round trip; CLI behaviour."""
import subprocess
import sys

import pandas as pd
import pytest

from analysis import load_indicators, series
from analysis.exceptions import DataFileError, DataValidationError, UnknownSeriesError
from analysis.loading import validate_file
from analysis.schema import COLUMNS


def problems_of(path):
    return validate_file(path)[1]


def set_cell(row, column, value):
    def edit(rows):
        rows[row][column] = value
    return edit


@pytest.mark.parametrize("column,value,expected", [
    ("value", "abc", "row 3, column 'value': 'abc' is not a finite number"),
    ("value", "nan", "row 3, column 'value': 'nan' is not a finite number"),
    ("value", "inf", "row 3, column 'value': 'inf' is not a finite number"),
    ("year", "20222", "row 3, column 'year': '20222' is not a year between 1949 and 2100"),
    ("year", "1900", "row 3, column 'year': '1900' is not a year between 1949 and 2100"),
    ("kind", "levle", "row 3, column 'kind': 'levle' is not a kind; accepted: level, growth"),
    ("price_basis", "real", "row 3, column 'price_basis': 'real' is not a price basis; accepted: current, comparable"),
    ("bound", "≥", "row 3, column 'bound': '≥' is not a bound; accepted: >=, <=, ~"),
])
def test_bad_cells_are_named(table, column, value, expected):
    problems = problems_of(table(set_cell(1, column, value)))
    assert len(problems) == 1 and expected in problems[0] and problems[0].startswith(str(table().parent))


def test_missing_column(table):
    path = table(header=[c for c in COLUMNS if c != "unit"])
    assert any("column 'unit': missing column" in p for p in problems_of(path))


def test_extra_column(table):
    path = table(edit=lambda rows: [r.update(extra="x") for r in rows], header=COLUMNS + ["extra"])
    assert problems_of(path) == [f"{path} row 1, column 'extra': unexpected column; accepted columns: {', '.join(COLUMNS)}"]


def test_negative_level(table):
    problems = problems_of(table(set_cell(0, "value", "-347")))
    assert problems == [f"{table().parent}/table.csv row 2, column 'value': '-347' is negative; "
                        "a level is an amount or count and must be 0 or more"]


def test_negative_growth_is_fine(table, curated_rows):
    assert problems_of(table(rows=[r for r in curated_rows if r["kind"] == "growth"])) == []


def test_two_units_for_one_indicator(table):
    problems = problems_of(table(set_cell(1, "unit", "万元")))
    assert len(problems) == 1 and "row 3, column 'unit': '万元' differs from '亿元' in row 2" in problems[0]


def test_conflicting_duplicate_names_both_rows(table, curated_rows):
    twin = dict(curated_rows[0], value="350")
    problems = problems_of(table(rows=curated_rows[:3] + [twin]))
    assert len(problems) == 1
    assert "row 5, column 'value': '350' conflicts with '347' in row 2" in problems[0]


def test_not_utf8_says_how_to_fix(table):
    with pytest.raises(DataFileError, match=r"not UTF-8 .*iconv -f GB18030 -t UTF-8"):
        validate_file(table(encoding="gb18030"))


def test_empty_file(tmp_path):
    (tmp_path / "e.csv").write_text("")
    with pytest.raises(DataFileError, match="empty"):
        validate_file(tmp_path / "e.csv")


def test_header_only_file(tmp_path):
    (tmp_path / "h.csv").write_text(",".join(COLUMNS) + "\n")
    with pytest.raises(DataFileError, match="no rows"):
        validate_file(tmp_path / "h.csv")


def test_bom_and_stray_whitespace_are_accepted(table, curated_rows):
    padded = [{k: f"  {v} " for k, v in r.items()} for r in curated_rows[:4]]
    path = table(rows=padded, encoding="utf-8-sig")
    assert problems_of(path) == []
    assert load_indicators(path)["district"].iloc[0] == "万柏林区"


def test_quote_must_be_in_source(tmp_path, curated_rows):
    from conftest import write_table
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / curated_rows[0]["source"]).write_text("无关的文字", encoding="utf-8")
    problems = problems_of(write_table(tmp_path / "t.csv", curated_rows[:1]))
    assert "column 'quote'" in problems[0] and "not verbatim" in problems[0]


def test_load_raises_with_all_problems(table):
    def two(rows):
        rows[0]["year"] = "x"
        rows[1]["kind"] = "y"
    with pytest.raises(DataValidationError) as info:
        load_indicators(table(two))
    assert len(info.value.problems) == 2


def test_round_trip(data, tmp_path):
    path = tmp_path / "copy.csv"
    data.to_csv(path, index=False)
    again = load_indicators(path)
    pd.testing.assert_frame_equal(again, data)
    assert data["year"].dtype.kind == "i" and data["value"].dtype.kind == "f"


def test_series_errors_suggest(data):
    with pytest.raises(UnknownSeriesError, match="did you mean: gdp"):
        series("万柏林区", "gpd", data=data)
    with pytest.raises(UnknownSeriesError, match="accepted: 万柏林区"):
        series("万柏林", "gdp", data=data)


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True)


def test_cli_validate_ok():
    result = run_cli("validate")
    assert result.returncode == 0
    assert result.stdout.startswith("OK ") and "rows" in result.stdout and "districts" in result.stdout


def test_cli_validate_bad_file_exits_1_without_traceback(table):
    path = table(set_cell(1, "year", "20222"))
    before = path.read_bytes()
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path} row 3, column 'year': '20222'" in result.stderr
    assert path.read_bytes() == before


def test_cli_missing_file():
    result = run_cli("validate", "/no/such.csv")
    assert result.returncode == 1 and result.stderr.startswith("error: /no/such.csv: no such file")


def test_cached_tables_are_copies_and_changes_are_revalidated(table):
    path = table()
    first = load_indicators(path)
    first.loc[0, "value"] = -1.0                       # a caller editing its frame
    assert load_indicators(path).loc[0, "value"] == 347.0
    table(set_cell(1, "year", "20222"))                # same path, new content
    with pytest.raises(DataValidationError, match="'20222' is not a year"):
        load_indicators(path)
