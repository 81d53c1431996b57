"""Validate once per content (issue 17): a table that passed is not validated again until a byte of it,
its name files, its documents or the code changes; ``--no-cache`` bypasses the stored verdict."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.data import cache, loading
from analysis.exceptions import DataValidationError
from conftest import copy_data


@pytest.fixture
def counted(tmp_path, monkeypatch):
    """(table in a fresh copy, load() -> frame, validations: list) with a cache folder of its own."""
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ANALYSIS_NO_CACHE", raising=False)
    table = copy_data(tmp_path / "data") / "indicators.csv"
    calls = []
    real = loading._validate_raw

    def spy(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(loading, "_validate_raw", spy)

    def load():
        loading._VALIDATED.clear()                       # as a new process would start
        return loading.load_indicators(table)
    return table, load, calls


def test_a_table_is_validated_once_per_content(counted):
    table, load, calls = counted
    first = load()
    second = load()
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, second)
    assert second.attrs["registry"] is first.attrs["registry"] and second.attrs["data_path"] == str(table)
    assert len(list(cache.cache_dir().glob("*.pkl"))) == 1


@pytest.mark.parametrize("what", ["table", "name file", "document", "a new document", "same size and time"])
def test_any_byte_of_an_input_is_a_new_verdict(counted, what):
    table, load, calls = counted
    load()
    here = table.parent
    if what == "table":
        table.write_text(table.read_text(encoding="utf-8").replace("4320", "4321", 1), encoding="utf-8")
        with pytest.raises(DataValidationError, match="4321"):      # the quote still says 4320: caught again
            load()
    else:
        if what == "name file":
            target = here / "districts.csv"
            target.write_text(target.read_text(encoding="utf-8").replace("Xinghualing District", "Xinghualing"),
                              encoding="utf-8")
        elif what == "document":
            target = next((here / "sources").glob("003_*.txt"))
            target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        elif what == "same size and time":          # one character for another, the old modification time put back
            target = next((here / "sources").glob("003_*.txt"))
            before, text = target.stat(), target.read_text(encoding="utf-8")
            target.write_text(text.replace("年", "月", 1), encoding="utf-8")
            os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
            assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
            with pytest.raises(DataValidationError, match="not verbatim"):     # a quote lost its sentence: seen
                load()
        else:
            (here / "sources" / "new.txt").write_text("新文件", encoding="utf-8")
        if what != "same size and time":
            load()
    assert len(calls) == 2


def test_the_package_is_part_of_the_key(counted, monkeypatch):
    table, load, calls = counted
    load()
    monkeypatch.setattr("analysis.runner.inputs.package_hash", lambda: "another version of the code")
    load()
    assert len(calls) == 2


def test_no_cache_validates_again(counted, monkeypatch):
    table, load, calls = counted
    load()
    monkeypatch.setenv("ANALYSIS_NO_CACHE", "1")
    load()
    load()
    assert len(calls) == 3


def test_a_damaged_cache_file_is_a_miss(counted):
    table, load, calls = counted
    load()
    for path in cache.cache_dir().glob("*.pkl"):
        path.write_bytes(b"not a pickle")
    assert len(load()) > 0 and len(calls) == 2


def test_an_unwritable_cache_folder_is_no_error(counted, monkeypatch, tmp_path):
    table, load, calls = counted
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(blocker))          # a file where the folder should be
    load()
    load()
    assert len(calls) == 2


def test_gaps_and_run_take_no_cache(tmp_path):
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")}
    gaps = subprocess.run([sys.executable, "-m", "analysis", "gaps", "--no-cache", "--format", "json"],
                          capture_output=True, text=True, env=env)
    assert gaps.returncode == 0, gaps.stderr
    assert not (tmp_path / "cache").exists()                        # bypassed: nothing read, nothing stored
    gaps = subprocess.run([sys.executable, "-m", "analysis", "gaps", "--format", "json"], capture_output=True,
                          text=True, env=env)
    assert gaps.returncode == 0 and len(list((tmp_path / "cache" / "validated").glob("*.pkl"))) == 1
    listed = subprocess.run([sys.executable, "-m", "analysis", "run", "--no-cache", "--list"], capture_output=True,
                            text=True, env=env)
    assert listed.returncode == 0 and "overview-万柏林区" in listed.stdout
