"""Benchmark validation and the gap table at county scale (issue 13). Prints figures and ratios.

Builds a synthetic table of 2,800 county-level districts shaped like 万柏林区's
rows (see ``synthetic.py``; every figure quoted in a synthetic source
document, so validation runs every check, quotes included), then measures:

* ``validate`` (``validate_file``): seconds and microseconds per row;
* ``gap_table(data, district=None, target_year=2025)`` against
  ``gap_table(data, district=<one>, target_year=2025)`` on the same table in
  the same run, and their ratio (issue 13 asks for at most 10×).

The all-district gap table runs in a child process stopped after
``--gaps-limit`` seconds, so one run stays under about two minutes; a stopped
run prints a lower bound of the ratio. Nothing is asserted about timings.

Usage: python benchmarks/bench_scale.py [--districts 2800] [--repeat 1] [--gaps-limit 75]
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_table  # noqa: E402


def _timed_gaps(data, district, queue) -> None:
    from analysis.engine.gaps import gap_table

    start = time.perf_counter()
    table = gap_table(data, district=district, target_year=2025)
    queue.put((time.perf_counter() - start, len(table)))


def gaps_with_limit(data, district, limit: float) -> tuple[float | None, int | None]:
    """(seconds, targets) of one gap_table call in a forked child; (None, None) if it ran past *limit*."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_timed_gaps, args=(data, district, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return None, None
    return queue.get()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=2800)
    parser.add_argument("--repeat", type=int, default=1, help="validate runs (median printed)")
    parser.add_argument("--gaps-limit", type=float, default=75.0, help="seconds allowed for the all-district gaps")
    args = parser.parse_args()

    from analysis.engine.gaps import gap_table
    from analysis.data.loading import to_typed, validate_file

    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        start = time.perf_counter()
        path = build_table(args.districts, Path(folder))
        print(f"synthetic table: {args.districts:,} districts, {len(list((Path(folder) / 'sources').iterdir())):,} "
              f"source documents, built in {time.perf_counter() - start:.1f} s")

        validate_file(build_table(1, Path(folder) / "warm-up"))     # imports (pandera), not timed
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            frame, problems = validate_file(path)
            runs.append(time.perf_counter() - start)
        if problems:
            print(f"the synthetic table does not validate ({len(problems)} problems), e.g.:", *problems[:3], sep="\n")
            return 1
        seconds = statistics.median(runs)
        print(f"validate: {len(frame):,} rows in {seconds:.2f} s, {seconds / len(frame) * 1e6:.1f} µs per row "
              f"(median of {args.repeat}; every check ran, 0 problems)")

        data = to_typed(frame)
        one = data["district"].iloc[0]
        gap_table(data, district=one, target_year=2025)          # imports and caches, not timed
        start = time.perf_counter()
        single = gap_table(data, district=one, target_year=2025)
        one_seconds = time.perf_counter() - start
        print(f"gaps, one district ({one}): {one_seconds:.3f} s, {len(single)} targets")

        all_seconds, targets = gaps_with_limit(data, None, args.gaps_limit)
        if all_seconds is None:
            print(f"gaps, all {args.districts:,} districts: stopped after {args.gaps_limit:.0f} s")
            print(f"ratio all/one: more than {args.gaps_limit / one_seconds:.0f}× (issue 13 asks for at most 10×)")
        else:
            print(f"gaps, all {args.districts:,} districts: {all_seconds:.2f} s, {targets:,} targets")
            print(f"ratio all/one: {all_seconds / one_seconds:.1f}× (issue 13 asks for at most 10×; "
                  f"{args.districts:,} districts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
