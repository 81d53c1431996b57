"""`extract` is linear in its input (issue 21); the benchmark is benchmarks/bench_extract.py."""
import time

import pytest

from analysis.data.normalize import normalize_text
from analysis.data.registry import load_registry
from analysis.extract.propose import extract_document
from conftest import FIXTURE_TABLE

REPORT = FIXTURE_TABLE.parent.parent / "report_2023_simplified.txt"


def seconds(text: str, clock=time.perf_counter) -> float:
    registry = load_registry(FIXTURE_TABLE)
    started = clock()
    extract_document(normalize_text(text), "万柏林区", "doc.txt", 2024, {}, registry)
    return clock() - started


def test_a_long_run_of_digits_is_read_in_linear_time():
    # issue 21: 20,000 digits took 59 s (every start inside the run backtracked through it); about 1.6 s of this
    # process's CPU now (CPU time: other processes on a loaded machine do not count, as wall time did)
    assert seconds("地区生产总值" + "1" * 20_000 + "亿元\n", time.process_time) < 5


def test_one_long_line_is_read_in_linear_time():
    one = REPORT.read_text(encoding="utf-8").replace("\n", "")
    small, large = one * 60, one * 240                 # ~150 kB and ~600 kB, one paragraph (~0.1 s and ~0.4 s)
    seconds(small)                                     # warm caches
    # this process's CPU time (other processes on a loaded machine do not count), the fastest of three
    # runs of each size, sizes large enough that a scheduler tick is noise; linear is 4x, quadratic 16x,
    # so 8x separates them with room to spare
    cpu = time.process_time
    ratio = min(seconds(large, cpu) for _ in range(3)) / min(seconds(small, cpu) for _ in range(3))
    assert ratio < 8, f"4x the text took {ratio:.1f}x the time"


@pytest.mark.slow
def test_a_one_megabyte_document_is_extracted_in_under_ten_seconds():
    one = REPORT.read_text(encoding="utf-8").replace("\n", "")
    text = one * (1_000_000 // len(one.encode()) + 1)
    assert seconds(text) < 10
