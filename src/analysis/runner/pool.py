"""The pool: queued jobs → workers (local processes or Dask) → one result per report.

In: the jobs to run and the run's options (workers, scheduler, timeout, executor). Out: each finished
report's result dict (status, error, duration) and whether the run was interrupted (Ctrl-C, SIGTERM);
a lost worker fails its report, not the run. Progress goes to a bar on a terminal, a line per report
otherwise.
"""
from __future__ import annotations

import os
import sys
from dataclasses import asdict
from datetime import datetime, timezone

from analysis.runner import execute
from analysis.runner.plan import Job


def failure_record(job: Job, exc: BaseException) -> dict:
    return {"name": job.name, "status": "failed", "error": f"{type(exc).__name__}: {exc}".splitlines()[0][:500],
            "started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "duration_s": 0.0}


def worker_count(requested: int | None, queued: int, log) -> int:
    """Workers to start: at most the cores (a warning when more were asked), at most the queued reports."""
    cores = os.cpu_count() or 1
    if requested and requested > cores:
        log(f"warning: --jobs {requested} is more than the {cores} cores of this machine; using {cores}")
    return max(1, min(requested or cores, cores, queued))


def execute_all(to_run: list[Job], opts) -> tuple[dict, bool]:
    """Results of the reports that finished, and whether the run was interrupted (Ctrl-C, SIGTERM)."""
    from concurrent.futures import as_completed

    executor, client = opts.executor, None
    own = executor is None
    if own:
        executor, client = execute.make_executor(worker_count(opts.jobs, len(to_run), opts.log), opts.scheduler)
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(to_run), unit="report", desc="reports")
    results, interrupted, futures = {}, False, {}
    try:
        futures = {executor.submit(execute.execute_job, asdict(job), str(opts.out_dir), opts.timeout,
                                   opts.reuse_kernel): job for job in to_run}
        for future in as_completed(futures):
            job = futures[future]
            try:
                res = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its report, not the run
                res = failure_record(job, exc)
            results[job.name] = res
            if progress is not None:
                progress.update(1)
                progress.set_postfix_str(job.name)
            else:
                opts.log(f"{res['status']:>6} {job.name} ({res['duration_s']:.1f} s)"
                         + (f": {res['error']}" if res["error"] else ""))
    except KeyboardInterrupt:
        interrupted = True
        for future in futures:
            future.cancel()
    finally:
        if progress is not None:
            progress.close()
        if own and client is None:
            if interrupted:
                execute.stop_executor(executor)
            else:
                execute.close_executor(executor)
        if client is not None:
            client.close()
    return results, interrupted
