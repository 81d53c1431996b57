"""Names are one string (issue 21): NFC everywhere, look-alikes refused, names that make file names checked at validate."""
import csv

import pytest

from conftest import copy_data, write_table
from analysis.data.loading import validate_file
from analysis.data.registry import load_registry
from analysis.exceptions import ConfigError, DataValidationError
from analysis.runner import RunOptions, list_reports
from analysis.runner.confine import MAX_NAME_BYTES, check_name
from analysis.runner.inputs import read_rows

LOOK_ALIKE = "万柏\uf9f4区"           # 林 written as U+F9F4 CJK COMPATIBILITY IDEOGRAPH: NFC folds it to 万柏林区


@pytest.fixture
def work(tmp_path):
    return copy_data(tmp_path / "data")


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rename(work, old, new, in_districts=True):
    table = work / "indicators.csv"
    write_table(table, [dict(r, district=new if r["district"] == old else r["district"]) for r in rows_of(table)])
    if in_districts:
        path = work / "districts.csv"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        sources = work / "sources.csv"
        sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return table


def test_a_look_alike_district_is_refused_at_validate(work):
    table = rename(work, "万柏林区", LOOK_ALIKE, in_districts=False)
    _, problems = validate_file(table)
    assert len(problems) == 1
    assert problems[0].endswith(f"column 'district': '{LOOK_ALIKE}' is written with a look-alike character "
                                "(U+F9F4 CJK COMPATIBILITY IDEOGRAPH-F9F4); retype it as '万柏林区'")


def test_a_look_alike_in_the_name_file_is_refused(work):
    path = work / "districts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("杏花岭区", "杏花岭\uf9e3"), encoding="utf-8")
    with pytest.raises(DataValidationError, match="districts.csv row 3, column 'district': .* look-alike"):
        load_registry(work / "indicators.csv")


def test_the_runner_reads_names_in_nfc_as_the_loader_does(work):
    table = work / "indicators.csv"
    rows = rows_of(table)
    rows[0]["district"] = "Cafe\u0301区"
    write_table(table, rows)
    assert read_rows(table)[0]["district"] == "Caf\u00e9区"


@pytest.mark.parametrize("name", ["../../evil", "a/b", ".hidden", "经开区 (筹)", "a\\b", "区" * 31])
def test_a_district_name_that_cannot_be_a_file_name_is_refused_at_validate_with_the_fix(work, name):
    table = rename(work, "杏花岭区", name)
    _, problems = validate_file(table)
    assert len(problems) == 1 and f"column 'district': '{name}' " in problems[0]
    assert "cannot be part of a file name" in problems[0] or "bytes long in UTF-8" in problems[0]
    with pytest.raises(DataValidationError, match="districts.csv row 3, column 'district'"):
        load_registry(table)


def test_a_district_with_fullwidth_brackets_runs_in_the_default_suite(work, tmp_path):
    from analysis import config

    table = rename(work, "杏花岭区", "高新区（筹）")
    assert validate_file(table)[1] == []
    names = list_reports(RunOptions(config_path=config.DEFAULT_REPORTS_CONFIG, data_path=table,
                                    out_dir=tmp_path / "out"))
    assert "overview-高新区（筹）" in names and "brief-en-高新区（筹）" in names


def test_a_report_name_is_limited_in_bytes_not_only_in_characters():
    name = "区" * 84                        # 84 characters, 252 bytes: over the limit once .ipynb is added
    with pytest.raises(ConfigError, match=f"252 bytes long in UTF-8; at most {MAX_NAME_BYTES}"):
        check_name(name, "report #1")
    assert check_name("区" * 66, "report #1")


def test_a_look_alike_report_name_is_refused():
    with pytest.raises(ConfigError, match="is not a report name"):
        check_name("overview-" + LOOK_ALIKE, "report #1")
