"""Benchmark the batch runner (issue 6) against the naive loop, in one run.

Baseline: what a user would write by hand: for each report of the suite,
``papermill`` CLI, then ``jupyter nbconvert --to html --no-input``, one after
the other, over the same notebooks and parameters.

Measured:
* full default suite with ``python -m analysis run`` (budget ≤ 0.30× baseline);
* no-op re-run (budget ≤ 3 % of the full run);
* after changing one data row of one indicator: which reports re-run.

Usage: python benchmarks/bench_runner.py [--limit N] [--jobs N]
``--limit`` restricts both sides to the first N reports (quick check).
Exit 1 if a budget is exceeded.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import config
from analysis.runner import load_jobs, run

BIN = Path(sys.executable).parent


def baseline(jobs, work: Path) -> float:
    start = time.perf_counter()
    for job in jobs:
        executed = work / f"{job.name}.ipynb"
        args = [str(BIN / "papermill"), job.notebook, str(executed), "--cwd", str(config.NOTEBOOKS_DIR)]
        for key, value in job.parameters.items():
            args += ["-p", key, str(value)] if not isinstance(value, str) else ["-p", key, value]
        subprocess.run(args, check=True, capture_output=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                       check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--jobs", type=int, help="runner workers (default: cores)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-runner-"))
    try:
        out = work / "reports"
        jobs, _ = load_jobs(config.DEFAULT_REPORTS_CONFIG, config.indicators_path(), out)
        jobs = jobs[: args.limit] if args.limit else jobs
        only = [j.name for j in jobs]
        quiet = lambda msg: None  # noqa: E731
        print(f"{len(jobs)} reports")

        base = baseline(jobs, work)
        print(f"baseline (papermill CLI + nbconvert CLI, sequential): {base:.1f} s ({base / len(jobs):.2f} s/report)")

        start = time.perf_counter()
        result = run(out_dir=out, jobs=args.jobs, only=only, log=quiet)
        full = time.perf_counter() - start
        assert not result.failed, result.failed
        print(f"python -m analysis run (full): {full:.1f} s  ratio {full / base:.3f} (budget 0.30)")

        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", "run", "--out", str(out), "--only", *only],
                       check=True, capture_output=True)
        noop = time.perf_counter() - start
        print(f"no-op re-run (CLI, new process): {noop:.2f} s  = {noop / full * 100:.1f} % of the full run (budget 3 %)")

        data = work / "indicators.csv"
        text = config.DEFAULT_INDICATORS.read_text(encoding="utf-8")
        data.write_text(text.replace(",620.5,", ",621.0,", 1), encoding="utf-8")   # GDP 2022 level
        start = time.perf_counter()
        changed = run(data_path=data, out_dir=out, jobs=args.jobs, only=only, log=quiet)
        print(f"one row changed (GDP 2022 level): re-ran {len(changed.ran)} of {len(jobs)} in "
              f"{time.perf_counter() - start:.1f} s: {', '.join(sorted(changed.ran))}")
        ok = full / base <= 0.30 and noop / full <= 0.03
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
