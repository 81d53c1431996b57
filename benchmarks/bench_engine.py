"""Benchmark the growth-gap engine (issue 4). Prints measured figures and ratios.

* Monte Carlo, 100,000 paths, for every indicator with a target (the full gap
  table, all districts), budget 0.5 s.
* ``python -c "import analysis"`` against ``python -c "import pandas"``,
  measured alternately in the same run (median of N), budget 1.2×.

Usage: python benchmarks/bench_engine.py [--repeat N]
Exit 1 if a budget is exceeded.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def time_command(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from analysis import load_indicators
    from analysis.engine.gaps import gap_table
    from analysis.engine.projection import simulate

    data = load_indicators()
    gap_table(data, n_paths=1000)  # warm caches and imports
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        table = gap_table(data, n_paths=100_000)
        runs.append(time.perf_counter() - start)
    simulated = int(table["probability"].notna().sum())
    mc_only = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for rec in table.dropna(subset=["latest_value", "cagr_observed"]).itertuples():
            simulate(rec.latest_value, rec.latest_year, rec.target_year, rec.cagr_observed, 3.0, rec.target_value)
        mc_only.append(time.perf_counter() - start)
    targets = data[data["kind"] == "target_level"]
    stress = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for t in targets.itertuples():
            # every target, as if observed three years earlier at 3/4 of it
            simulate(t.value * 0.75, t.year - 3, t.year, 8.0, 3.0, t.value, t.bound or ">=")
        stress.append(time.perf_counter() - start)
    print(f"stress: 100,000-path Monte Carlo for all {len(targets)} target rows: median {statistics.median(stress):.3f} s")
    mc = max(statistics.median(runs), statistics.median(stress))
    print(f"gap table with 100,000-path Monte Carlo: {len(table)} targets, {simulated} simulated, "
          f"median {statistics.median(runs):.3f} s (simulation alone {statistics.median(mc_only):.3f} s)")
    print(f"Monte Carlo budget 0.5 s: worst of the two {mc:.3f} s")

    pandas_t, analysis_t = [], []
    for _ in range(args.repeat):
        pandas_t.append(time_command("import pandas"))
        analysis_t.append(time_command("import analysis"))
    ratio = statistics.median(analysis_t) / statistics.median(pandas_t)
    print(f"import analysis {statistics.median(analysis_t):.3f} s vs import pandas "
          f"{statistics.median(pandas_t):.3f} s: ratio {ratio:.2f} (budget 1.2)")
    return 0 if mc <= 0.5 and ratio <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
