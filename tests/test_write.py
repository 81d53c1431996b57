"""The curated table has one writer (issue 21): merge under a lock, atomic and durable; extract --out confined."""
import csv
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import config
from analysis.cli.main import main
from analysis.data.loading import load_indicators
from analysis.data.merge import merge_review
from analysis.data.schema import COLUMNS
from analysis.data.lock import lock_path, table_lock
from analysis.data.write import check_review_out, replace_file
from analysis.exceptions import DataValidationError, LockHeldError, UsageError

FIXTURES = Path(__file__).parent / "fixtures"
REVIEW_HEADER = COLUMNS + ["confidence", "status"]


def proposed():
    from analysis.extract.propose import extract_file

    from analysis.data.registry import load_registry
    from conftest import FIXTURE_TABLE

    rows, _, _ = extract_file(FIXTURES / "report_2023_simplified.txt", known_districts=["万柏林区", "杏花岭区"],
                              registry=load_registry(FIXTURE_TABLE))
    return rows


def review_file(path: Path, rows: list[dict], status="accepted") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=REVIEW_HEADER, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows([{**r, "status": status} for r in rows])
    return path


# --- the writer ------------------------------------------------------------------------------------------

def test_replace_file_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "indicators.csv"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    replace_file(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["indicators.csv"]


def test_replace_file_refuses_a_target_that_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    with pytest.raises(Exception, match="not a regular file"):
        replace_file(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_held_table_lock_is_exit_code_3(tmp_path):
    table = tmp_path / "indicators.csv"
    table.write_text("x\n", encoding="utf-8")
    with table_lock(table):
        with pytest.raises(LockHeldError) as caught:
            with table_lock(table, wait=0.1):
                pass
    assert caught.value.exit_code == 3 and str(lock_path(table)) in str(caught.value)


# --- merge: a library function, one line per problem, never a traceback ----------------------------------

def test_merge_review_raises_problems_as_lines_and_writes_nothing(workspace, tmp_path):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    with pytest.raises(DataValidationError) as caught:
        merge_review(review_file(tmp_path / "r.csv", proposed(), status="proposed"), table)
    assert caught.value.problems == [f"{tmp_path / 'r.csv'}: no row has status 'accepted'; "
                                     "mark the rows to merge, then run merge again"]
    assert table.read_bytes() == before


@pytest.mark.parametrize("value", ["abc", "620.5亿", ""])
def test_merge_of_a_value_that_is_not_a_number_on_an_existing_key_is_one_line(workspace, tmp_path, value,
                                                                              curated_rows):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    review = review_file(tmp_path / "r.csv", [dict(curated_rows[2], value=value)])
    with pytest.raises(DataValidationError) as caught:
        merge_review(review, table)
    assert len(caught.value.problems) == 1 and "column 'value'" in caught.value.problems[0]
    assert table.read_bytes() == before


def test_merge_refusing_duplicate_rows_names_the_table_and_the_review_not_a_temporary_file(workspace, tmp_path):
    table = workspace / "indicators.csv"
    row = proposed()[0]
    review = review_file(tmp_path / "r.csv", [row, dict(row, value="1")])
    with pytest.raises(DataValidationError) as caught:
        merge_review(review, table)
    assert any(f"{table} + {review}" in p for p in caught.value.problems)
    assert not any(".tmp" in p or "merge-check" in p for p in caught.value.problems)
    assert sorted(p.name for p in workspace.iterdir() if p.name.startswith(".") and "lock" not in p.name) == []


def test_merge_keeps_the_mode_of_the_table(workspace, tmp_path):
    table = workspace / "indicators.csv"
    os.chmod(table, 0o640)
    assert merge_review(review_file(tmp_path / "r.csv", proposed()[:2]), table) == 2
    assert stat.S_IMODE(table.stat().st_mode) == 0o640


_MERGE_AT = """
import sys, time
from analysis.data.merge import merge_review
start = float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
print(merge_review(sys.argv[1], sys.argv[2]))
"""


@pytest.mark.slow       # two interpreters (~3 s)
def test_two_merges_at_once_keep_every_row(workspace, tmp_path):
    table = workspace / "indicators.csv"
    from analysis.data.merge import UNKNOWN_INDICATOR

    rows = [r for r in proposed() if r["indicator"] != UNKNOWN_INDICATOR]      # merge refuses unmapped names
    before = len(load_indicators(table))
    halves = [review_file(tmp_path / "a.csv", rows[0::2]), review_file(tmp_path / "b.csv", rows[1::2])]
    for trial in range(3):
        shutil.copy(workspace / "indicators.csv", tmp_path / "start.csv") if trial == 0 else \
            shutil.copy(tmp_path / "start.csv", table)
        start = time.time() + 2.5           # both interpreters imported, then both merge at once
        procs = [subprocess.Popen([sys.executable, "-c", _MERGE_AT, str(review), str(table), str(start)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for review in halves]
        outputs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outputs
        assert len(load_indicators(table)) == before + len(rows)
    assert not [p for p in workspace.iterdir() if p.suffix == ".tmp"]


# --- extract --out: never the table, a device, its own input or a source folder ---------------------------

def extract(*args) -> int:
    return main(["extract", str(FIXTURES / "report_2023_simplified.txt"), *map(str, args)])


def test_extract_out_refuses_the_curated_table_and_leaves_it_as_it_was(workspace, capsys):
    table = workspace / "indicators.csv"
    before = table.read_bytes()
    assert extract("--out", table) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a review file" in err and "data/review/review.csv" in err
    assert extract("--out", table, "--data", table) == 2
    assert "is the file extract reads" in capsys.readouterr().err
    assert table.read_bytes() == before


def test_extract_out_refuses_its_own_input(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("2023年地区生产总值完成655.3亿元\n", encoding="utf-8")
    assert main(["extract", str(doc), "--out", str(doc)]) == 2
    assert doc.read_text(encoding="utf-8") == "2023年地区生产总值完成655.3亿元\n"
    assert "is the file extract reads" in capsys.readouterr().err


def test_extract_out_refuses_its_own_input_as_a_review_file(tmp_path, capsys):
    doc = review_file(tmp_path / "review.csv", [])
    with pytest.raises(UsageError, match="is the file extract reads"):
        check_review_out(doc, inputs=(doc,))


@pytest.mark.parametrize("make", ["fifo", "folder", "device", "symlink"])
def test_extract_out_refuses_what_is_not_a_regular_file(tmp_path, make, capsys):
    target = {"fifo": lambda: os.mkfifo(tmp_path / "x") or tmp_path / "x",
              "folder": lambda: tmp_path,
              "device": lambda: Path("/dev/null"),
              "symlink": lambda: (tmp_path / "link").symlink_to(review_file(tmp_path / "r.csv", []))
              or tmp_path / "link"}[make]()
    assert extract("--out", target) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert make != "fifo" or stat.S_ISFIFO(os.lstat(target).st_mode)
    assert make != "device" or stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_extract_out_replaces_its_own_review_file(tmp_path):
    out = review_file(tmp_path / "review.csv", [])
    assert extract("--out", out) == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) > 10


@pytest.mark.parametrize("where", [".git/review.csv", "tests/review.csv", "src/review.csv", "data/x.csv",
                                   "data/sources/review.csv"])
def test_extract_out_refuses_git_and_source_folders(where):
    with pytest.raises(UsageError, match="holds the project's sources"):
        check_review_out(config.PROJECT_DIR / where)


def test_extract_out_writes_review_files_into_data_review(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "DATA_DIR", tmp_path / "data")  # path only
    out = tmp_path / "data" / "review" / "2023.csv"
    assert check_review_out(out) == out
    assert extract("--out", out) == 0 and out.is_file()


def test_data_review_is_git_ignored():
    result = subprocess.run(["git", "check-ignore", "-q", "data/review/2023.csv"], cwd=config.PROJECT_DIR)
    assert result.returncode == 0


@pytest.mark.parametrize("where", [".git/x", "tests", "tests/out", "scripts", "benchmarks", "data/review"])
def test_run_out_refuses_git_and_tracked_source_folders(where):
    from analysis.exceptions import OutputFolderError
    from analysis.runner.confine import check_out_dir

    with pytest.raises(OutputFolderError, match="holds the project's sources"):
        check_out_dir(config.PROJECT_DIR / where)


def test_run_out_refuses_any_git_folder(tmp_path):
    from analysis.exceptions import OutputFolderError
    from analysis.runner.confine import check_out_dir

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    with pytest.raises(OutputFolderError, match=r"inside \.git/"):
        check_out_dir(tmp_path / "repo" / ".git" / "reports")
