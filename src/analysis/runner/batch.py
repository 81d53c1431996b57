"""One run: options → plan → lock → execute what changed → publish; exit codes as exception types."""
from __future__ import annotations

import fnmatch
import math
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from analysis import config
from analysis.exceptions import (
    DataFileError,
    InputDataError,
    LockHeldError,
    OutputFolderError,
    ParameterError,
    ReportsFailedError,
    RunInterruptedError,
    UsageError,
)
from analysis.data.lock import exclusive_lock
from analysis.runner import confine, publish
from analysis.runner.inputs import package_hash, read_rows, read_table_bytes, sha256, validation_key
from analysis.runner.plan import Job, load_jobs, run_lang

LOCK = ".run.lock"
MAX_WAIT_S = 7 * 24 * 3600


@dataclass(frozen=True)
class RunOptions:
    """Everything a run is told; resolved once, passed down instead of a dozen arguments."""
    config_path: Path = config.DEFAULT_REPORTS_CONFIG
    data_path: Path | None = None        # default: $ANALYSIS_DATA or data/indicators.csv
    out_dir: Path | None = None          # default: reports/
    jobs: int | None = None              # default: the number of cores
    force: bool = False
    only: tuple[str, ...] = ()
    scheduler: str | None = None
    wait: float = 0.0
    executor: object = None              # any concurrent.futures executor (tests, embedding)
    log: Callable[[str], None] | None = None
    reuse_kernel: bool = True
    timeout: int = 600
    as_of: str = ""                      # assessment date YYYY-MM-DD; default: today (a report parameter)

    def resolved(self) -> "RunOptions":
        """Paths made absolute and checked, defaults filled in, limits applied."""

        if not isinstance(self.wait, (int, float)) or math.isnan(self.wait) or not 0 <= self.wait <= MAX_WAIT_S:
            raise UsageError(f"--wait {self.wait!r}: expected a number of seconds from 0 to {MAX_WAIT_S}",
                             parameter="--wait", value=self.wait, accepted=(0, MAX_WAIT_S))
        if self.scheduler is not None:
            from analysis.runner.execute import check_scheduler    # kernels and Dask: only when reports run

            check_scheduler(self.scheduler)
        data = Path(self.data_path or config.indicators_path()).absolute()
        from analysis.engine.timeline import as_of_date

        try:
            as_of = as_of_date(self.as_of or None).isoformat()
        except (TypeError, ValueError):
            raise UsageError(f"--as-of {self.as_of!r}: expected a date YYYY-MM-DD, e.g. 2026-11-28",
                             parameter="--as-of", value=self.as_of, accepted="YYYY-MM-DD") from None
        return replace(self, as_of=as_of, config_path=Path(self.config_path or config.DEFAULT_REPORTS_CONFIG).absolute(),
                       data_path=data, out_dir=confine.check_out_dir(Path(self.out_dir or config.REPORTS_DIR)),
                       only=tuple(self.only or ()), log=self.log or _stderr)


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class RunResult:
    """What a run did: report names that ran, were skipped (unchanged) and failed."""
    ran: list
    skipped: list
    failed: list
    duration_s: float
    manifest: Path
    errors: dict = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return ReportsFailedError.exit_code if self.failed else 0


@dataclass
class Plan:
    jobs: list[Job]
    selected: list[Job]
    info_cache: dict
    validated: str
    previous: dict
    lang: str = "zh"               # the index page's language: the config's defaults.lang
    package: str = ""              # package_hash(), taken once per run (it lists and stats every package file)


def plan(options: RunOptions) -> Plan:
    """Config and table → validated jobs and the selection; raises a UsageError, nothing written."""
    manifest = publish.read_manifest(options.out_dir)
    raw = read_table_bytes(options.data_path)
    rows = read_rows(options.data_path, raw)
    package = package_hash()
    jobs, cache = load_jobs(options.config_path, rows, options.out_dir, options.data_path,
                            manifest.get("notebook_info"), as_of=options.as_of, package=package)
    selected = jobs
    if options.only:
        selected = [j for j in jobs if any(fnmatch.fnmatch(j.name, p) for p in options.only)]
        if not selected:
            raise ParameterError(f"--only {' '.join(options.only)[:200]} matches no report of {options.config_path.name}; "
                                 f"`python -m analysis run --list` prints the {len(jobs)} report names",
                                 parameter="--only", value=options.only, accepted=tuple(j.name for j in jobs),
                                 path=options.config_path)
    return Plan(jobs, selected, cache, validation_key(raw, options.data_path, package), manifest,
                run_lang(options.config_path), package)


def _validate_table(data_path: Path, raw: bytes) -> None:
    """The whole table must pass ``validate`` before anything is skipped or run (exit 2 otherwise).

    Once per content: a table whose exact bytes, name files, documents and code passed before
    (:mod:`analysis.data.cache`) is not validated again, and one that passes now is stored for the
    reports' kernels, ``gaps`` and the next run."""
    from analysis.data import cache

    content = cache.content_key(data_path, raw) if cache.enabled() else None
    if content and cache.has(content):
        return
    from analysis.data.loading import to_typed, validate_file

    try:
        frame, problems = validate_file(data_path)
    except DataFileError as exc:
        raise InputDataError([str(exc)]) from None
    if problems:
        raise InputDataError(problems + [f"{len(problems)} problem(s) in {data_path}; nothing ran. "
                                         f"Fix them (`python -m analysis validate {data_path}`) and run again"])
    if content:
        cache.put(content, to_typed(frame))


def list_reports(options: RunOptions) -> list[str]:
    """Every report name the config expands to, in config order (``run --list``)."""
    return [j.name for j in plan(options.resolved()).jobs]


def run(config_path: Path | None = None, data_path: Path | None = None, out_dir: Path | None = None,
        options: RunOptions | None = None, **kwargs) -> RunResult:
    """Run the report suite; see :mod:`analysis.runner`.

    Parameters
    ----------
    config_path, data_path, out_dir : path, optional
        The config (default ``reports.yaml``), the indicator table and the output folder.
    options : RunOptions, optional
        All options at once; keyword arguments (``jobs=2``, ``force=True``, ``only=["brief*"]``,
        ``log=print`` …) are the same fields one by one.

    Returns
    -------
    RunResult
        ``exit_code`` 0 when every report was produced or unchanged, 1 when some failed.

    Raises
    ------
    UsageError (exit 2), LockHeldError (3), RunInterruptedError (130), ReportsFailedError (1, when
    the manifest itself could not be written).
    """

    base = options or RunOptions()
    paths = {k: v for k, v in (("config_path", config_path), ("data_path", data_path), ("out_dir", out_dir)) if v}
    if "only" in kwargs:
        kwargs["only"] = tuple(kwargs["only"] or ())
    opts = replace(base, **paths, **kwargs).resolved()
    started = time.time()
    the_plan = plan(opts)
    from analysis.data import cache

    # a verdict for these exact bytes is kept in the manifest and in the validated-table cache
    if not cache.enabled() or the_plan.previous.get("validated") != the_plan.validated:
        _validate_table(opts.data_path, read_table_bytes(opts.data_path))
    confine.make_out_dir(opts.out_dir)
    with _lock(opts.out_dir, opts.wait):
        return _run_locked(opts, the_plan, started)


class _lock:
    """The output folder's lock file: refuses a symlink, maps a held lock to LockHeldError."""

    def __init__(self, out_dir: Path, wait: float):
        path = out_dir / LOCK
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise OutputFolderError(f"{path}: the lock file is a symlink or not a file; remove it and run again",
                                    parameter="--out", value=str(out_dir), path=path)
        self.path, self.lock = path, exclusive_lock(path, wait)

    def __enter__(self):
        try:
            self.lock.__enter__()
        except TimeoutError:
            raise LockHeldError(f"another run is writing {self.path.parent} (lock {self.path}); "
                                "wait for it to finish or pass --wait SECONDS") from None
        except OSError as exc:
            raise OutputFolderError(f"{self.path}: cannot create the lock file ({exc.strerror}); "
                                    "pass an --out folder you can write to",
                                    parameter="--out", value=str(self.path.parent), path=self.path) from None

    def __exit__(self, *exc):
        self.lock.__exit__(*exc)


def _run_locked(opts: RunOptions, the_plan: Plan, started: float) -> RunResult:
    previous = publish.read_manifest(opts.out_dir)        # re-read: another run may have finished meanwhile
    before = previous.get("reports", {})
    to_run, skipped = [], []
    for job in the_plan.selected:
        entry = before.get(job.name) or {}
        fresh = entry.get("status") == "ok" and entry.get("key") == job.key and Path(job.html).exists()
        (skipped if fresh and not opts.force else to_run).append(job)
    results, interrupted = {}, False
    if to_run:
        from analysis.runner.pool import execute_all         # a run with nothing to do never loads it

        results, interrupted = execute_all(to_run, opts)
    revision = publish.git_revision() if results else previous.get("git_revision")
    reports = publish.report_entries(the_plan.jobs, skipped, results, before, revision, opts.out_dir)
    body = publish.manifest_body(reports, revision, opts.data_path, opts.config_path, the_plan.info_cache, previous,
                                 validated=the_plan.validated, lang=the_plan.lang)
    cancelled = [j.name for j in to_run if j.name not in results]
    if interrupted:
        body["interrupted"] = {"at": publish.now(), "cancelled": cancelled}
    summary_key = None if interrupted else sha256(the_plan.validated + the_plan.package + opts.as_of)
    problems = publish.publish(opts.out_dir, body, opts.data_path, summary_key, opts.log, as_of=opts.as_of,
                               package=the_plan.package)
    failed = [name for name, r in results.items() if r["status"] == "failed"]
    result = RunResult([j.name for j in to_run if j.name in results], [j.name for j in skipped], failed,
                       round(time.time() - started, 3), opts.out_dir / publish.MANIFEST,
                       {n: results[n]["error"] for n in failed})
    for name in failed:
        opts.log(f"FAILED {name}: {results[name]['error']} (notebook: {opts.out_dir / 'failed' / (name + '.ipynb')})")
    if interrupted:
        raise RunInterruptedError(f"interrupted: {len(result.ran)} report(s) finished, {len(cancelled)} cancelled; "
                                  f"the manifest lists what finished ({result.manifest})")
    if problems:
        raise ReportsFailedError(f"could not write {'; '.join(problems)}; failed reports: "
                                 f"{', '.join(failed) or 'none'}; free space or fix permissions and run again")
    opts.log(f"{len(result.ran)} ran, {len(result.skipped)} skipped (unchanged), {len(failed)} failed "
             f"in {result.duration_s:.1f} s; open {opts.out_dir / publish.INDEX}")
    return result
