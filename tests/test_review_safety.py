"""Review files safe to open (issue 21): formula-like cells with an apostrophe in the review CSV and the
progress spreadsheets, read back without it; configs with a key twice refused."""

import pytest

from analysis.data.write import from_spreadsheet, spreadsheet_safe
from analysis.exceptions import ConfigError
from conftest import extract_rows


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1",
                                  "'=1", "''x", "'plain", "plain", "", "-3.4", "620.5"])
def test_spreadsheet_safe_round_trips(text):
    safe = spreadsheet_safe(text)
    assert not safe.startswith(("=", "+", "@", "\t")) and (not safe.startswith("-") or safe == text)
    assert from_spreadsheet(safe) == text


def test_extract_writes_formula_like_cells_with_an_apostrophe(tmp_path, capsys):
    rows = extract_rows(tmp_path, capsys, "2023年万柏林区报告.txt",
                        "2023年万柏林区国民经济和社会发展计划执行情况\n=HYPERLINK(\"http://evil.example\")地区生产总值完成655.3亿元。\n",
                        "--district", "万柏林区", "--year", "2024")
    quotes = [r["quote"] for r in rows if r["indicator"] == "gdp"]
    assert quotes and all(q.startswith("'=") for q in quotes)
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())


def test_merge_reads_the_apostrophe_back_and_still_refuses_the_formula(tmp_path, curated_rows):
    from conftest import copy_data, write_table
    from analysis.data.merge import merge_review
    from analysis.exceptions import DataValidationError

    work = copy_data(tmp_path / "data")
    row = dict(curated_rows[2], year="2021", note=spreadsheet_safe('=HYPERLINK("http://evil.example","x")'),
               confidence="0.9", status="accepted")
    review = write_table(tmp_path / "review.csv", [row], header=list(row))
    with pytest.raises(DataValidationError) as caught:
        merge_review(review, work / "indicators.csv")
    assert any("column 'note': '=HYPERLINK(" in p and "formula" in p for p in caught.value.problems)


def test_the_progress_workbook_keeps_formula_like_text_as_text(tmp_path, monkeypatch):
    import pandas as pd
    from openpyxl import load_workbook

    from analysis.report import export

    monkeypatch.setattr(export, "office_table", lambda *a, **k: pd.DataFrame({"文件": ['=HYPERLINK("x")', "ok"]}))
    paths = export.write_progress_workbook(None, "万柏林区", tmp_path, records=[])
    cell = load_workbook(paths["xlsx"]).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")' and cell.quotePrefix
    assert "'=HYPERLINK" in paths["csv"].read_text(encoding="utf-8-sig")


def test_the_progress_csv_escapes_formula_like_text():
    import pandas as pd

    from analysis.report.export import _csv_text

    text = _csv_text(pd.DataFrame({"文件": ['=HYPERLINK("x")', "ok"]}), "zh")
    assert text.splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\""


def test_a_config_with_a_key_twice_is_refused_with_both_lines(tmp_path):
    from analysis.runner.limits import load_yaml

    path = tmp_path / "r.yaml"
    path.write_text("reports:\n  - name: a\n    notebook: brief\n    notebook: overview\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"line 4: key 'notebook' appears twice in one mapping \(first on line 3\)"):
        load_yaml(path)


def test_a_config_with_aliases_and_merge_keys_is_still_accepted(tmp_path):
    from analysis.runner.limits import load_yaml

    path = tmp_path / "r.yaml"
    path.write_text("base: &b {notebook: brief}\nreports:\n  - <<: *b\n    name: a\n  - <<: *b\n    name: b\n",
                    encoding="utf-8")
    assert [r["name"] for r in load_yaml(path)["reports"]] == ["a", "b"]
