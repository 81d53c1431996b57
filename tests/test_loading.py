"""One test per validation rule, each with its own bad file; loader round trip; CLI behaviour."""
import subprocess
import sys

import pandas as pd
import pytest

from analysis import load_indicators, series
from analysis.exceptions import DataFileError, DataValidationError, UnknownSeriesError
from analysis.data.loading import validate_file
from analysis.data.schema import COLUMNS


def problems_of(path):
    return validate_file(path)[1]


def set_cell(row, column, value):
    def edit(rows):
        rows[row][column] = value
    return edit


@pytest.mark.parametrize("column,value,expected", [
    ("value", "abc", "row 3, column 'value': 'abc' is not a number in an accepted form"),
    ("value", "nan", "row 3, column 'value': 'nan' is not a number in an accepted form"),
    ("value", "inf", "row 3, column 'value': 'inf' is not a number in an accepted form"),
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
    from conftest import copy_names

    path = copy_names(tmp_path) / "copy.csv"
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


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_cli_validate_ok():
    result = run_cli("validate")
    assert result.returncode == 0
    assert result.stdout.startswith("OK ") and "rows" in result.stdout and "districts" in result.stdout


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
def test_cli_validate_bad_file_exits_1_without_traceback(table):
    path = table(set_cell(1, "year", "20222"))
    before = path.read_bytes()
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{path} row 3, column 'year': '20222'" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
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


# --- integrity: a value must be in its quote; key text without invisible characters; no formulas ----------

QUOTE_FORMS = ("the quote must show the figure as printed (620.5), with thousands separators (18,830), after 下降 "
               "for a negative value, scaled to the unit by 万/亿 (6 万人: 6万人) or as a Chinese numeral "
               "(1000 亿元: 千亿元); correct the value or the quote")


def test_tampered_value_is_refused(table):
    # row 4 is GDP 2022, 620.5 亿元; the quote still says 620.5
    path = table(set_cell(2, "value", "720.5"))
    assert problems_of(path) == [f"{path} row 4, column 'value': '720.5' is not in its quote "
                                 f"'地区生产总值完成620.5亿元,同比增长2.5%'; {QUOTE_FORMS}"]


def test_decline_entered_as_a_rise_is_refused(table, curated_rows):
    fai = [r for r in curated_rows if r["indicator"] == "fixed_asset_investment" and r["kind"] == "growth"]
    path = table(set_cell(0, "value", "10.5"), rows=fai)
    assert problems_of(path) == [f"{path} row 2, column 'value': '10.5' is positive but its quote "
                                 "'固定资产投资实现141.1亿元,同比下降10.5%' prints it as a decline; "
                                 "a decline is negative: write -10.5"]


def test_every_curated_row_passes_every_rule(curated_rows):
    frame, problems = validate_file()
    assert problems == [] and len(frame) == len(curated_rows)


@pytest.mark.parametrize("column,char,named", [
    ("district", "\u200b", "U+200B ZERO WIDTH SPACE"),
    ("district", "\u200d", "U+200D ZERO WIDTH JOINER"),
    ("indicator_zh", "\u200c", "U+200C ZERO WIDTH NON-JOINER"),
    ("unit", "\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),        # a BOM inside text
    ("source", "\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("district", "\x07", "U+0007 control character"),
])
def test_invisible_characters_in_key_text_are_refused(table, column, char, named):
    def edit(rows):
        rows[1][column] = rows[1][column][:2] + char + rows[1][column][2:]
    path = table(edit)
    problems = problems_of(path)
    shown = f"<U+{ord(char):04X}>"
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path} row 3, column '{column}': '")
    assert problems[0].endswith(f"' contains an invisible or control character ({named}); delete it (retype the cell)")
    assert shown in problems[0]


def test_zero_width_space_makes_no_phantom_district(table):
    with pytest.raises(DataValidationError, match=r"row 3, column 'district': '万柏林区<U\+200B>'"):
        load_indicators(table(set_cell(1, "district", "万柏林区\u200b")))


def test_nul_in_district_is_refused(table):
    path = table(set_cell(1, "district", "万柏林区\0"))
    with pytest.raises(DataFileError) as info:
        validate_file(path)
    assert str(info.value) == (f"{path} row 3, column 'district': contains a NUL byte; this is a binary file, "
                               "not a CSV table: export the table again as CSV UTF-8")


def rows_read(path):
    from analysis.data.tableio import read_table

    return read_table(path)


def test_key_text_is_nfc_normalised(table):
    # 'é' composed (U+00E9) and decomposed (e + U+0301) are one district after loading
    def edit(rows):
        for i, r in enumerate(rows):
            r["district"] = "Cafe\u0301区" if i % 2 else "Caf\u00e9区"
    path = table(edit)
    (path.parent / "districts.csv").write_text("district,name_en,city,city_en,province,level\nCaf\u00e9区,Cafe,,,,district\n",
                                               encoding="utf-8")
    sources = sorted({r["source"] for r in rows_read(path)})     # the documents cover the renamed district
    (path.parent / "sources.csv").write_text("file,title_zh,title_en,date,status,note,districts\n" + "".join(
        f"{s},t,t,2021,news,,Caf\u00e9区\n" for s in sources), encoding="utf-8")
    data = load_indicators(path)
    assert data["district"].unique().tolist() == ["Caf\u00e9区"]


def test_python_only_numeral_is_refused(table):
    path = table(set_cell(0, "value", "3_47"))                 # float("3_47") == 347.0
    assert problems_of(path) == [f"{path} row 2, column 'value': '3_47' is not a number in an accepted form; "
                                 "accepted: plain digits with an optional leading minus and one decimal point, "
                                 "e.g. 620.5, -3.1, 18830 (no +, _, exponent, thousands separator, full-width digits, "
                                 "inf/nan, unit or %)"]


@pytest.mark.parametrize("column,text", [
    ("note", '=HYPERLINK("http://evil.example","click")'),
    ("note", "+1"),
    ("note", "-1"),
    ("quote", "@SUM(A1:A3)"),
    ("district", "=万柏林区"),
    ("indicator_zh", "-地区生产总值"),
])
def test_formula_cells_are_refused(table, column, text):
    path = table(set_cell(1, column, text))
    assert problems_of(path) == [f"{path} row 3, column '{column}': '{text}' starts with '{text[0]}', which a "
                                 "spreadsheet runs as a formula; reword it so that it starts with a letter or digit"]


def test_negative_value_is_a_number_not_a_formula(table, curated_rows):
    declines = [r for r in curated_rows if r["value"].startswith("-")]
    assert declines and problems_of(table(rows=declines)) == []


def test_cr_only_file_is_read_with_its_line_numbers(table, tmp_path):
    lf = table(set_cell(2, "value", "720.5"))
    cr = tmp_path / "cr.csv"
    cr.write_bytes(lf.read_bytes().replace(b"\n", b"\r"))
    problems = problems_of(cr)
    assert len(problems) == 1 and problems[0].startswith(f"{cr} row 4, column 'value': '720.5' is not in its quote")


def test_row_numbers_are_the_files_line_numbers(table, tmp_path):
    # a note spanning three lines in row 2 and a blank line: the bad year is on line 6
    def edit(rows):
        rows[0]["note"] = "first line\nsecond line\nthird line"
        rows[1]["year"] = "20222"
    text = table(edit).read_text(encoding="utf-8")
    lines = text.split("\n")
    path = tmp_path / "lines.csv"
    path.write_text("\n".join(lines[:4] + [""] + lines[4:]), encoding="utf-8")
    assert lines[4].startswith("万柏林区,gdp,地区生产总值,20222")
    problems = problems_of(path)
    assert len(problems) == 1 and problems[0].startswith(f"{path} row 6, column 'year': '20222'")


def test_duplicate_header_is_refused(table, curated_rows):
    path = table(header=COLUMNS + ["note"])
    with pytest.raises(DataFileError) as info:
        validate_file(path)
    assert str(info.value) == (f"{path} row 1, column 'note': appears twice in the header (columns 13 and 15); "
                               "delete or rename one")


def test_upper_case_header_gets_a_hint(table, curated_rows):
    rows = [{("District" if k == "district" else k): v for k, v in r.items()} for r in curated_rows[:3]]
    path = table(rows=rows, header=["District"] + COLUMNS[1:])
    assert problems_of(path) == [f"{path} row 1, column 'District': unexpected column; header names are compared "
                                 "exactly (lower-case): rename it 'district'"]


def test_semicolon_delimiter_gets_a_hint(table, tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text(table().read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 1: the file seems to use ';' as delimiter; save it with ','"):
        validate_file(path)


def test_long_field_is_refused(table):
    path = table(set_cell(1, "note", "x" * 1_000_000))
    with pytest.raises(DataFileError) as info:
        validate_file(path)
    assert str(info.value) == (f"{path} row 3, column 'note': a cell of 1,000,000 characters is longer than the "
                               "4,000 accepted; shorten it (or close the quotation mark opened there)")


def cp1252_table(tmp_path):
    """A table saved by a Western-European spreadsheet: é is the single byte 0xe9."""
    path = tmp_path / "cp1252.csv"
    path.write_bytes((",".join(COLUMNS) + "\nLyon,gdp,GDP,2022,level,1,x,,,,s.txt,1 bn,café\n").encode("cp1252"))
    return path


def test_cp1252_file_is_refused(tmp_path):
    path = cp1252_table(tmp_path)
    with pytest.raises(DataFileError) as info:
        validate_file(path)
    assert str(info.value).startswith(f"{path} row 2, column 'note': not UTF-8 (byte 0xe9")
    assert "re-save it as UTF-8" in str(info.value)


@pytest.mark.parametrize("where,expected", [
    ("folder", ": is a folder, not a CSV file; remove it or pass the path of a file"),
    ("/dev/zero", ": is not a regular file (a device, pipe or socket, or a link to one); remove it or pass the path of a CSV file"),
])
def test_folders_and_devices_are_refused(tmp_path, where, expected):
    path = tmp_path if where == "folder" else where
    with pytest.raises(DataFileError) as info:
        load_indicators(path)                    # also before hashing for the cache: /dev/zero never ends
    assert str(info.value) == f"{path}{expected}"


def test_oversize_file_is_refused(table, monkeypatch):
    from analysis.data import files

    path = table()
    size = path.stat().st_size
    monkeypatch.setattr(files, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(DataFileError) as info:
        validate_file(path)
    assert str(info.value) == (f"{path}: {size:,} bytes is larger than the {size - 1:,} accepted for a CSV file; "
                               "split it or pass the right file")


def test_source_must_be_a_name_not_a_path(tmp_path, curated_rows):
    from conftest import write_table
    (tmp_path / "sources").mkdir()
    path = write_table(tmp_path / "t.csv", [dict(curated_rows[0], source="../t.csv")])
    assert problems_of(path) == [f"{path} row 2, column 'source': '../t.csv' is not a file in {tmp_path / 'sources'}; "
                                 "accepted: a normalised document name (see `python -m analysis normalize`)"]


@pytest.mark.slow    # runs the CLI in a subprocess (seconds)
@pytest.mark.parametrize("make", ["cp1252", "folder", "/dev/zero"])
def test_cli_refuses_unreadable_input_in_one_line(table, tmp_path, make):
    path = {"cp1252": lambda: cp1252_table(tmp_path),
            "folder": lambda: tmp_path, "/dev/zero": lambda: "/dev/zero"}[make]()
    result = run_cli("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {path}")


# --- merge goes through the same validation ---------------------------------------------------------------

@pytest.fixture
def workspace(tmp_path):
    from conftest import copy_data

    return copy_data(tmp_path / "data") / "indicators.csv"


def review(path, rows):
    from conftest import write_table
    return write_table(path, [dict(r, confidence="0.9", status="accepted") for r in rows],
                       header=COLUMNS + ["confidence", "status"])


def test_merge_refuses_a_tampered_review_row(workspace, tmp_path, curated_rows):
    from analysis.cli.extract import merge

    before = workspace.read_bytes()
    gdp_2022 = curated_rows[2]                       # 620.5 亿元, quoted from 004
    tampered = dict(gdp_2022, year="2021", value="720.5")    # a new key, the old quote
    added, problems = merge(review(tmp_path / "review.csv", [tampered]), workspace)
    assert added == 0 and workspace.read_bytes() == before
    row = len(curated_rows) + 2           # the review row follows the table's rows and its header
    assert problems[0] == (f"{workspace} + {tmp_path / 'review.csv'} row {row}, column 'value': '720.5' is not in its "
                           f"quote '地区生产总值完成620.5亿元,同比增长2.5%'; {QUOTE_FORMS}")


def test_merge_refuses_a_formula_in_a_review_note(workspace, tmp_path, curated_rows):
    from analysis.cli.extract import merge

    before = workspace.read_bytes()
    row = dict(curated_rows[2], year="2021", note='=HYPERLINK("http://evil.example","x")')
    row["value"], row["quote"] = "620.5", curated_rows[2]["quote"]
    added, problems = merge(review(tmp_path / "review.csv", [row]), workspace)
    assert added == 0 and workspace.read_bytes() == before
    row = len(curated_rows) + 2           # the review row follows the table's rows and its header
    assert f"row {row}, column 'note': '=HYPERLINK(" in problems[0] and "runs as a formula" in problems[0]
