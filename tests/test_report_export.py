"""report.export: the progress table as .xlsx (Chinese headers, numbers as numbers) and a CSV with a BOM."""
from conftest import MID  # noqa: E402
import csv

import pytest
from openpyxl import load_workbook

from analysis import report
from analysis.engine.gaps import gap_table, to_records

from test_report_assessment import targets_due


@pytest.fixture(scope="module")
def written(tmp_path_factory, data):
    return report.write_progress_workbook(data, "万柏林区", tmp_path_factory.mktemp("xlsx"), as_of=MID)


def test_xlsx_reads_back_with_chinese_headers_and_numeric_cells(written, data):
    sheet = load_workbook(written["xlsx"]).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("指标", "单位", "属性", "基期值（2020年）", "2022年", "年均增速（%）", "增速口径", "目标（2025年）",
                       "完成进度（%）", "评价", "说明")
    assert len(rows) == 1 + targets_due(data)
    gdp = dict(zip(rows[0], rows[1]))
    assert gdp["指标"] == "地区生产总值" and gdp["单位"] == "亿元" and gdp["评价"] == "滞后于预期"
    assert isinstance(gdp["基期值（2020年）"], (int, float)) and gdp["基期值（2020年）"] == 486
    assert gdp["2022年"] == pytest.approx(620.5) and gdp["目标（2025年）"] == 1000
    assert gdp["年均增速（%）"] == pytest.approx(12.99, abs=0.01)     # (620.5/486)^(1/2) − 1
    assert sheet["H2"].number_format == '"约"General'                  # the cell holds 1000, Excel shows 约1000
    firms = dict(zip(rows[0], rows[2]))
    assert firms["目标（2025年）"] == 227 and sheet["H3"].number_format == '"≥"0' and firms["完成进度（%）"] is None


def test_csv_has_a_bom_and_the_same_rows(written, data):
    raw = written["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "指标" and len(rows) == 1 + targets_due(data)
    assert rows[1][:5] == ["地区生产总值", "亿元", "预期性", "486", "620.5"] and rows[1][7] == "约1000"
    assert "nan" not in raw.decode("utf-8-sig") and "None" not in raw.decode("utf-8-sig")


def test_runner_records_give_the_same_table(tmp_path, data):
    records = to_records(gap_table(data, target_year=2025, n_paths=1000, as_of=MID))
    paths = report.write_progress_workbook(data, "万柏林区", tmp_path, records=records, stem="table", as_of=MID)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv", "table.xlsx"]
    assert load_workbook(paths["xlsx"]).active.max_row == 1 + targets_due(data)
