"""report.export: the progress table as .xlsx (Chinese headers, numbers as numbers) and a CSV with a BOM."""
from conftest import LATE, MID  # noqa: E402
import csv

import pytest
from openpyxl import load_workbook

from analysis import report
from analysis.engine.gaps import gap_table
from analysis.engine.records import to_records

from test_report_assessment import targets_due


@pytest.fixture(scope="module")
def written(tmp_path_factory, data):
    return report.write_progress_workbook(data, "万柏林区", tmp_path_factory.mktemp("xlsx"), as_of=MID)


HEADER = ("序号", "指标", "单位", "属性", "基期值（2020年）", "2021年", "2022年", "2023年", "2024年", "2025年",
          "目标值（2025年）", "目标年均增速（%）", "完成年均增速（%）", "增速口径", "完成率（%）", "时序进度（%）", "完成情况",
          "说明", "数据来源", "责任单位", "原因分析", "下一步措施")


def test_xlsx_is_the_office_layout_with_numbers_as_numbers(written, data):
    sheet = load_workbook(written["xlsx"]).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADER
    assert len(rows) == 1 + targets_due(data)
    gdp = dict(zip(rows[0], rows[1]))
    assert gdp["序号"] == 1 and gdp["指标"] == "地区生产总值" and gdp["单位"] == "亿元" and gdp["属性"] == "方向性"
    assert gdp["完成情况"] == "滞后于预期"                                   # 2023-03-01: the plan runs
    assert isinstance(gdp["基期值（2020年）"], (int, float)) and gdp["基期值（2020年）"] == 486
    assert gdp["2022年"] == pytest.approx(620.5) and gdp["2021年"] is None and gdp["目标值（2025年）"] == 1000
    assert gdp["完成年均增速（%）"] == pytest.approx(12.99, abs=0.01)        # (620.5/486)^(1/2) − 1
    assert gdp["目标年均增速（%）"] == pytest.approx(15.52, abs=0.01)        # (1000/486)^(1/5) − 1
    assert gdp["完成率（%）"] == pytest.approx(62.05) and gdp["时序进度（%）"] == 40   # 620.5/1000; (2022−2020)/5
    # every caveat in words, and the documents the figures come from
    assert "方向性表述" in gdp["说明"] and "规划草案" in gdp["说明"] and "统计口径调整" in gdp["说明"]
    assert "2022年计划执行情况" in gdp["数据来源"]
    assert gdp["责任单位"] is None and gdp["原因分析"] is None and gdp["下一步措施"] is None
    assert sheet["K2"].number_format == '"约"General'                  # the cell holds 1000, Excel shows 约1000
    firms = dict(zip(rows[0], rows[2]))
    assert firms["目标值（2025年）"] == 227 and sheet["K3"].number_format == '"≥"0' and firms["完成率（%）"] is None


def test_xlsx_prints_on_a4_landscape_with_a_frozen_header(written):
    sheet = load_workbook(written["xlsx"]).active
    assert sheet.freeze_panes == "C2"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9   # A4
    assert sheet.print_title_rows == "$1:$1" or sheet.print_title_rows == "1:1"
    assert "评估基准日2023年3月1日" in sheet.oddHeader.right.text
    assert sheet.column_dimensions["R"].width == 60                   # 说明


def test_after_the_plan_the_table_says_what_is_not_entered(tmp_path, data):
    paths = report.write_progress_workbook(data, "万柏林区", tmp_path, as_of=LATE)
    rows = list(load_workbook(paths["xlsx"]).active.iter_rows(values_only=True))
    gdp = dict(zip(rows[0], rows[1]))
    assert gdp["完成情况"] == "按截至2022年数据推算滞后于预期（2025年数据未录入）"
    assert gdp["说明"].startswith("2023—2025年数据未录入；所需文件：2023—2025年计划执行情况报告或统计公报，"
                                 "及“十四五”规划实施情况总结")


def test_csv_has_a_bom_and_the_same_rows(written, data):
    raw = written["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == HEADER and len(rows) == 1 + targets_due(data)
    assert rows[1][:7] == ["1", "地区生产总值", "亿元", "方向性", "486", "", "620.5"] and rows[1][10] == "约1000"
    assert "nan" not in raw.decode("utf-8-sig") and "None" not in raw.decode("utf-8-sig")


def test_runner_records_give_the_same_table(tmp_path, data):
    records = to_records(gap_table(data, target_year=2025, n_paths=1000, as_of=MID))
    paths = report.write_progress_workbook(data, "万柏林区", tmp_path, records=records, stem="table", as_of=MID)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv", "table.xlsx"]
    assert load_workbook(paths["xlsx"]).active.max_row == 1 + targets_due(data)
