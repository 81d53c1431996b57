"""The yearly update without guessing (issue 18): review files with a BOM, accepting rows by command,
merge refusing a document sources.csv does not list."""
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.data.merge import merge_review
from analysis.data.review import BOM, accept, read_review, review_text
from analysis.data.schema import COLUMNS
from analysis.exceptions import DataValidationError, UsageError

FIXTURES = Path(__file__).parent / "fixtures"


def _rows():
    from analysis.data.registry import load_registry
    from analysis.extract.propose import extract_file
    from conftest import FIXTURE_TABLE

    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=["万柏林区", "杏花岭区"],
                              registry=load_registry(FIXTURE_TABLE))
    return rows


@pytest.fixture
def review(tmp_path):
    path = tmp_path / "review" / "2023.csv"
    path.parent.mkdir()
    path.write_text(review_text(_rows(), COLUMNS + ["confidence", "status"]), encoding="utf-8")
    return path


def _statuses(path):
    return [r["status"] for r in read_review(path)[1]]


def test_accept_all_takes_the_proposed_rows_and_leaves_those_needing_a_person(review):
    before = _statuses(review)
    assert "needs_review" in before and "proposed" in before
    chosen, left = accept(review, accept_all=True)
    after = _statuses(review)
    assert chosen == [i + 2 for i, s in enumerate(before) if s == "proposed"]
    assert [s for s in after if s != "accepted"] == ["needs_review"] * before.count("needs_review")
    assert [n for n, _ in left] == [i + 2 for i, s in enumerate(before) if s == "needs_review"]
    assert review.read_bytes().startswith(BOM.encode("utf-8"))          # still opens right in a spreadsheet


def test_accept_by_confidence_and_by_row_number(review):
    _, rows = read_review(review)
    assert accept(review, min_confidence=0.9)[0] == []          # the fixture's figures all score 0.8 (or 0.3)
    sure = [i + 2 for i, r in enumerate(rows) if r["status"] == "proposed" and float(r["confidence"]) >= 0.8]
    assert sure and len(sure) < len(rows)
    assert accept(review, min_confidence=0.8)[0] == sure
    assert accept(review, numbers=[2])[0] == [2] and _statuses(review)[0] == "accepted"
    with pytest.raises(UsageError, match=r"--rows 1,999: .* has rows 2-\d+ \(row 1 is the header\)"):
        accept(review, numbers=[1, 999])


def test_review_command_lists_accepts_and_says_what_next(review, capsys):
    assert main(["review", str(review)]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[1].startswith("  2  ") and "--accept-all" in listing
    assert main(["review", str(review), "--rows", "2,3-4"]) == 0
    out = capsys.readouterr().out
    assert "accepted 3 row(s)" in out and "rows 2-4" in out and f"python -m analysis merge {review}" in out
    assert _statuses(review)[:3] == ["accepted"] * 3
    with pytest.raises(SystemExit):                          # argparse: exit 2 with one line
        main(["review", str(review), "--min-confidence", "1.5"])
    assert "not a confidence between 0 and 1" in capsys.readouterr().err


def test_merge_refuses_a_document_sources_csv_does_not_list(tmp_path, review):
    from conftest import copy_data

    data = copy_data(tmp_path / "data")
    from analysis.data.normalize import normalize_file

    (data / "sources" / "report_2023_simplified.txt").write_text(
        normalize_file(FIXTURES / "report_2023_simplified.txt")[0], encoding="utf-8")
    accept(review, accept_all=True)
    before = (data / "indicators.csv").read_bytes()
    with pytest.raises(DataValidationError) as refused:
        merge_review(review, data / "indicators.csv")
    [line] = refused.value.problems
    assert line.startswith(f"{review} row 2, column 'source': report_2023_simplified.txt is not listed in ")
    assert "sources.csv; add a line there, then merge again: report_2023_simplified.txt,<title_zh>," in line
    assert (data / "indicators.csv").read_bytes() == before


def test_extract_writes_a_bom_and_prints_the_exact_next_commands(tmp_path):
    out = tmp_path / "data" / "review" / "2023.csv"
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(FIXTURES / "report_2023_simplified.txt"),
                           "--district", "万柏林区", "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))[0] == COLUMNS + ["confidence", "status"]
    said = done.stderr
    assert "report_2023_simplified.txt is not listed in" in said and "report_2023_simplified.txt,<title_zh>" in said
    assert f"python -m analysis review {out} --accept-all" in said and f"then: python -m analysis merge {out}" in said
