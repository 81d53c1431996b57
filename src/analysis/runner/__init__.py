"""Batch report runs: config → jobs → (skip | execute + render) → manifest, summary, index.

Built for unattended use (cron, Airflow), split along its seams:

* :mod:`.plan` (with :mod:`.inputs`, :mod:`.confine`, :mod:`.limits`): the config
  and the table's rows become validated jobs with the hashes of everything each
  output depends on. A config is untrusted: names are names, notebooks come
  from ``notebooks/``, sizes and YAML alias expansion are capped;
* :mod:`.execute` (with :mod:`.hygiene`): each worker process keeps one warm
  Jupyter kernel and renders HTML in-process; workers and kernels end with the
  run, even after ``kill -9``; :mod:`.pool` hands the queued jobs to the
  workers and collects one result per report;
* :mod:`.publish`: manifest, gap summary and index page, written atomically
  and only inside the output folder;
* :mod:`.batch`: :func:`run` with :class:`RunOptions`: incremental (a report is
  skipped when its notebook, parameters, package source and *the data rows it
  reads* are unchanged), serialised by a lock file, interruptible (Ctrl-C
  cancels queued reports and keeps the manifest of those that finished).

Exit codes are exception types (:mod:`analysis.exceptions`): 0 all produced or
unchanged, 1 some failed, 2 bad command line/config/data, 3 lock held, 130
interrupted.
"""
from __future__ import annotations

from .batch import LOCK, RunOptions, RunResult, list_reports, run
from .inputs import notebook_info, package_hash, rows_hash, sha256
from .plan import Job, load_jobs
from .publish import INDEX, MANIFEST, SUMMARY, read_manifest

__all__ = ["INDEX", "LOCK", "MANIFEST", "SUMMARY", "Job", "RunOptions", "RunResult", "execute_job", "list_reports",
           "load_jobs", "notebook_info", "package_hash", "read_manifest", "rows_hash", "run", "sha256"]


def __getattr__(name):
    # the kernel machinery loads when a report runs, not when a no-op run starts
    if name == "execute_job":
        from .execute import execute_job

        return execute_job
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
