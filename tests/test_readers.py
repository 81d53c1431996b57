"""Every reader refuses what it cannot read (issue 21): pipes, folders, devices, dangling links, huge files."""
import os

import pytest

from conftest import copy_data
from analysis.cli.main import main
from analysis.data.files import read_limited
from analysis.data.loading import validate_file
from analysis.exceptions import DataFileError, InputDataError, OutputFolderError

KINDS = ["fifo", "folder", "dangling", "dev-zero"]


def make(path, kind):
    """Put at *path* something that is not a regular file."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(path.parent / "nothing-here")
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    return path


@pytest.fixture
def work(tmp_path):
    return copy_data(tmp_path / "data")


@pytest.mark.parametrize("kind", KINDS)
def test_read_limited_refuses_in_one_line(tmp_path, kind):
    with pytest.raises(DataFileError) as caught:
        read_limited(make(tmp_path / "x.txt", kind), 1000, "text document")
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(tmp_path / "x.txt"))


def test_read_limited_refuses_a_file_over_the_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(DataFileError, match="1,001 bytes is larger than the 1,000 accepted"):
        read_limited(path, 1000)


@pytest.mark.parametrize("kind", KINDS)
def test_validate_refuses_what_is_not_a_document_among_the_sources(work, kind, capsys):
    make(work / "sources" / "stray.txt", kind)
    _, problems = validate_file(work / "indicators.csv")
    assert len(problems) == 1 and "stray.txt: is not a regular file" in problems[0]
    assert main(["validate", str(work / "indicators.csv")]) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_the_runner_refuses_what_is_not_a_document_among_the_sources_in_one_line(work, kind):
    from analysis.runner.inputs import validation_key

    make(work / "sources" / "stray.txt", kind)
    with pytest.raises(InputDataError) as caught:
        validation_key(b"", work / "indicators.csv", "pkg")
    assert len(caught.value.problems) == 1 and "stray.txt" in caught.value.problems[0]


@pytest.mark.parametrize("kind", KINDS)
def test_normalize_refuses_what_is_not_a_document_among_the_raw_files(work, kind):
    from analysis.data.normalize import normalize_sources

    make(work / "sources" / "raw" / "stray.txt", kind)
    with pytest.raises(DataFileError, match="stray.txt: is not a regular file"):
        normalize_sources(work / "sources" / "raw", work / "sources", check=True)


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling", "dev-zero"])
def test_extract_refuses_what_is_not_a_document(tmp_path, kind, capsys):
    assert main(["extract", str(make(tmp_path / "doc.txt", kind))]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "doc.txt" in err


def test_extract_refuses_a_document_over_the_size_cap(tmp_path, monkeypatch, capsys):
    from analysis.data import files

    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 1000)
    doc = tmp_path / "doc.txt"
    doc.write_text("增长" * 1000, encoding="utf-8")
    assert main(["extract", str(doc)]) == 1
    assert "is larger than the 1,000 accepted for a text document" in capsys.readouterr().err


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["manifest.json", "summary.json"])
def test_run_refuses_a_manifest_or_summary_that_is_not_a_file(tmp_path, kind, name):
    from analysis.runner import RunOptions, list_reports
    from analysis.runner.publish import read_own

    out = tmp_path / "out"
    out.mkdir()
    make(out / name, kind)
    if kind == "dangling":
        with pytest.raises(OutputFolderError):
            read_own(out / name)
        return
    with pytest.raises(OutputFolderError) as caught:
        read_own(out / name)
    assert "\n" not in str(caught.value) and name in str(caught.value)
    if name == "manifest.json":
        with pytest.raises(OutputFolderError):
            list_reports(RunOptions(out_dir=out))


def test_a_name_file_that_is_a_pipe_is_refused_not_skipped(work):
    from analysis.data.registry import load_registry

    (work / "units.csv").unlink()
    make(work / "units.csv", "fifo")
    with pytest.raises(DataFileError, match="units.csv: is not a regular file"):
        load_registry(work / "indicators.csv")
