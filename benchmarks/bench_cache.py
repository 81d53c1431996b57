"""Validate once per content (issue 17): answers on a national table, and a run with nothing to do.

In one run, each command as a user types it (a new process each time, the
median of ``--repeat`` runs), with a validated-table cache folder of its own:

* ``gaps --district X`` on a synthetic table of 2,800 counties (19,600 rows,
  ``synthetic.py``, every quote checked) against ``gaps --district 万柏林区`` on
  the project's own table, both with the cache warm, and the ratio (issue 17:
  at most 2×); the national one also cold (the first call validates and stores)
  and with ``--no-cache``;
* ``run`` of the project's default suite into an empty folder, then ``run``
  again with nothing to do, and the ratio (issue 17: at most 1 %).

Prints the machine. Exit status 1 when a ratio misses its target.
Usage: python benchmarks/bench_cache.py [--districts 2800] [--repeat 3] [--jobs 2]
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_table, district_names  # noqa: E402


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} → exit {result.returncode}\n{result.stderr[-2000:]}")
    return elapsed


def median(args: list[str], env: dict, repeat: int) -> float:
    return statistics.median(timed(args, env) for _ in range(repeat))


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=2800)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    env = {k: v for k, v in os.environ.items() if k not in ("ANALYSIS_DATA", "ANALYSIS_NO_CACHE")}
    env["ANALYSIS_CACHE_DIR"] = str(work / "cache")
    try:
        print(f"machine: {machine()}")
        start = time.perf_counter()
        national = build_table(args.districts, work / "national")
        one = district_names(args.districts)[args.districts // 2]
        rows = sum(1 for _ in national.open(encoding="utf-8")) - 1
        print(f"synthetic table: {args.districts} districts, {rows} rows, built in {time.perf_counter() - start:.1f} s")

        own = ["gaps", "--district", "万柏林区", "--format", "json"]
        big = ["gaps", "--data", str(national), "--district", one, "--format", "json"]
        cold = timed(big, env)                                    # validates and stores
        timed(own, env)
        own_s = median(own, env, args.repeat)
        big_s = median(big, env, args.repeat)
        uncached = median(big + ["--no-cache"], env, 1)
        print(f"gaps --district 万柏林区, own table ({args.repeat} runs, median): {own_s:.2f} s")
        print(f"gaps --district {one}, {args.districts} counties: cold {cold:.2f} s, --no-cache {uncached:.2f} s, "
              f"warm {big_s:.2f} s")
        gaps_ratio = big_s / own_s
        print(f"  ratio national / own: {gaps_ratio:.2f} (target <= 2); the cache saves "
              f"{uncached - big_s:.2f} s a call ({uncached / big_s:.1f}x)")

        out = work / "reports"
        full = timed(["run", "--out", str(out), "--jobs", str(args.jobs)], env)
        reports = len(list(out.glob("*.html"))) - 1               # less index.html
        noop = median(["run", "--out", str(out), "--jobs", str(args.jobs)], env, args.repeat)
        run_ratio = noop / full
        print(f"run, own table: full suite {full:.1f} s ({reports} reports, --jobs {args.jobs}); "
              f"no-op re-run {noop:.2f} s = {run_ratio * 100:.2f} % (target <= 1 %)")
        return 0 if gaps_ratio <= 2 and run_ratio <= 0.01 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
