"""Batch report runs: config → jobs → (skip | execute + render) → manifest, summary, index.

Built for unattended use (cron, Airflow):

* **fast**: each worker process keeps one warm Jupyter kernel and runs its
  notebooks in it (papermill injects the parameters, nbclient executes, a
  hidden first cell resets the namespace), so the 1.4 s kernel start and
  pandas/matplotlib imports are paid once per worker, not once per report;
  HTML is rendered in the same worker, in-process;
* **incremental**: a report is skipped when the hashes of its notebook,
  parameters, package source and *the data rows it reads* are unchanged and
  its HTML exists; this path imports nothing heavier than ``yaml`` and ``csv``;
* **atomic and isolated**: every file is written under a temporary name and
  renamed; a failing report keeps its previous HTML, its executed notebook
  goes to ``failed/``, the other reports still run;
* **serialised**: a lock file refuses (or waits for) a second run on the
  same output folder;
* **scalable**: jobs go through any ``concurrent.futures``-style executor; a
  Dask ``distributed`` scheduler address sends them to a cluster.
"""
from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import __version__, config
from .exceptions import ParameterError, ReportError

MANIFEST = "manifest.json"
SUMMARY = "summary.json"
INDEX = "index.html"
LOCK = ".run.lock"
RESET_CELL = ("get_ipython().run_line_magic('reset', '-f')\n"
              "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt")


# --- configuration --------------------------------------------------------------------

@dataclass
class Job:
    """One report to produce: plain data, so it pickles to any executor."""
    name: str
    notebook: str                  # path of the source notebook
    parameters: dict
    html: str                      # output path
    key: str = ""                  # hash of everything the output depends on
    hashes: dict = field(default_factory=dict)
    lang: str = "zh"


def _safe_yaml(path: Path):
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParameterError(f"{path}: no such config file; pass --config PATH") from None
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ParameterError(f"{path}{where}: {problem}; only plain YAML values are accepted "
                             "(no !!python or other tags)") from None


def _read_rows(data_path: Path) -> list[dict]:
    """The table as dicts with the csv module (no pandas on the fast path)."""
    try:
        text = data_path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ParameterError(f"{data_path}: no such indicator table; pass --data PATH") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{data_path}: not UTF-8; run `python -m analysis validate {data_path}`") from None
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(io.StringIO(text))]


def notebook_info(path: Path) -> dict:
    """Parameters (names, defaults, inferred types) and declared reads of a notebook.

    Uses papermill's ``inspect_notebook``; cached by the notebook's hash in the
    manifest so the no-op path does not import papermill.
    """
    import papermill

    params = papermill.inspect_notebook(str(path))
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return {"parameters": {k: {"default": v["default"], "type": _literal_type(v["default"])} for k, v in params.items()},
            "reads": meta.get("analysis", {}).get("reads", "all")}


def _literal_type(default: str) -> str:
    """Type name of a parameter's default literal ('2025' → int); 'None' accepts anything."""
    import ast

    try:
        return type(ast.literal_eval(default)).__name__ if default not in ("None", "") else "None"
    except (ValueError, SyntaxError):
        return "None"


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def package_hash() -> str:
    """Hash of the package source, templates and font: a code change re-runs every report."""
    digest = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".json", ".otf"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(config.PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def rows_hash(rows: list[dict], district: str | None, indicator: str | None, reads: str) -> str:
    """Hash of the rows a report reads: its district, or its district and indicator."""
    chosen = rows
    if reads in ("district", "indicator") and district:
        chosen = [r for r in chosen if r.get("district") == district]
    if reads == "indicator" and indicator:
        chosen = [r for r in chosen if r.get("indicator") == indicator]
    return sha256(json.dumps(sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in chosen)))


_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "None": object}


def _check_value(report: str, name: str, value, info: dict, rows: list[dict], district: str | None):
    """Values of parameters must fit the notebook's defaults and the data, before anything runs."""
    expected = info["type"]
    if expected in _TYPES and expected != "None":
        ok = isinstance(value, _TYPES[expected]) and not (expected in ("int", "float") and isinstance(value, bool))
        if not ok and not (value is None and expected in ("float", "int")):
            raise ParameterError(f"report '{report}': parameter {name}={value!r} should be {expected} "
                                 f"like the notebook's default {info['default']}")
    if name == "district" and value not in {r["district"] for r in rows}:
        accepted = ", ".join(sorted({r["district"] for r in rows}))
        raise ParameterError(f"report '{report}': district {value!r} is not in the data; accepted: {accepted}")
    if name == "indicator" and value not in {r["indicator"] for r in rows if r["district"] == district}:
        raise ParameterError(f"report '{report}': indicator {value!r} is not an indicator of {district}")
    if name == "lang" and value not in ("zh", "en"):
        raise ParameterError(f"report '{report}': lang {value!r} is not supported; accepted: zh, en")


def _target_indicators(rows: list[dict], district: str, target_year: int) -> list[str]:
    seen = []
    for r in rows:
        if r["district"] == district and r["kind"] == "target_level" and r["year"] == str(target_year) \
                and r["indicator"] not in seen:
            seen.append(r["indicator"])
    return seen


def load_jobs(config_path: Path, data_path: Path, out_dir: Path, cached_info: dict | None = None) -> tuple[list[Job], dict]:
    """Expand and validate the config into jobs; returns ``(jobs, notebook_info_cache)``.

    Raises ParameterError (one line) for an unknown notebook, unknown parameter
    or bad value; nothing has run at that point.
    """
    cfg = _safe_yaml(config_path)
    if not isinstance(cfg, dict) or not isinstance(cfg.get("reports"), list):
        raise ParameterError(f"{config_path}: expected a mapping with a 'reports' list")
    defaults = cfg.get("defaults") or {}
    rows = _read_rows(data_path)
    cache = dict(cached_info or {})
    pkg = package_hash()
    jobs, names = [], set()
    for i, entry in enumerate(cfg["reports"], start=1):
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ParameterError(f"{config_path}: report #{i} needs at least 'notebook' (and 'name')")
        unknown_keys = set(entry) - {"name", "notebook", "parameters", "for_each"}
        if unknown_keys:
            raise ParameterError(f"{config_path}: report #{i} has unknown key(s) {sorted(unknown_keys)}; "
                                 "accepted: name, notebook, parameters, for_each")
        nb_path = (config_path.parent / "notebooks" / f"{entry['notebook']}.ipynb")
        if not nb_path.is_file():
            nb_path = Path(entry["notebook"]) if Path(entry["notebook"]).suffix == ".ipynb" else config.NOTEBOOKS_DIR / f"{entry['notebook']}.ipynb"
        if not nb_path.is_file():
            available = ", ".join(sorted(p.stem for p in config.NOTEBOOKS_DIR.glob("*.ipynb")))
            raise ParameterError(f"{config_path}: report #{i}: unknown notebook '{entry['notebook']}'; accepted: {available}")
        nb_bytes = nb_path.read_bytes()
        nb_hash = sha256(nb_bytes)
        info_key = sha256(nb_hash + pkg)      # the inspection depends on this code too
        info = cache.get(info_key) or notebook_info(nb_path)
        cache[info_key] = info
        base = {**{k: v for k, v in defaults.items() if k in info["parameters"]}, **(entry.get("parameters") or {})}
        variants = [base]
        if entry.get("for_each") == "target":
            district = base.get("district", info["parameters"].get("district", {}).get("default", "").strip('"'))
            year = base.get("target_year", config.PLAN_TARGET_YEAR)
            variants = [{**base, "indicator": ind} for ind in _target_indicators(rows, district, year)]
        elif entry.get("for_each") is not None:
            raise ParameterError(f"{config_path}: report #{i}: for_each '{entry['for_each']}' is not supported; accepted: target")
        for params in variants:
            name = str(entry.get("name", entry["notebook"])).format(**params)
            if name in names:
                raise ParameterError(f"{config_path}: report name '{name}' is used twice; names must be unique")
            names.add(name)
            for key, value in params.items():
                if key not in info["parameters"]:
                    raise ParameterError(f"report '{name}': unknown parameter '{key}' for notebook {nb_path.name}; "
                                         f"accepted: {', '.join(info['parameters'])}")
            district = params.get("district", _default(info, "district"))
            indicator = params.get("indicator", _default(info, "indicator"))
            for key, value in params.items():
                _check_value(name, key, value, info["parameters"][key], rows, district)
            run_params = {**params, "data_path": str(data_path)}
            hashes = {"notebook": nb_hash, "parameters": sha256(json.dumps(params, sort_keys=True, ensure_ascii=False)),
                      "data": rows_hash(rows, district, indicator, info["reads"]), "package": pkg}
            key = sha256(json.dumps(hashes, sort_keys=True))
            jobs.append(Job(name, str(nb_path), run_params, str(out_dir / f"{name}.html"), key, hashes,
                            params.get("lang", _default(info, "lang") or "zh")))
    return jobs, cache


def _default(info: dict, name: str):
    value = info["parameters"].get(name, {}).get("default")
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# --- execution (runs in worker processes) ----------------------------------------------

_KERNEL = {}


def _shutdown_kernel() -> None:
    km = _KERNEL.pop("km", None)
    if km is not None:
        try:
            km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - best effort at exit
            pass
    import shutil

    shutil.rmtree(_KERNEL.pop("socket_dir", ""), ignore_errors=True)


def _kernel_manager(cwd: str):
    """This worker's warm kernel (started on first use, restarted if it died)."""
    import threading

    key = threading.get_ident()
    km = _KERNEL.get("km") if _KERNEL.get("thread") == key else None
    if km is not None and km.is_alive():
        return km
    from jupyter_client.manager import KernelManager

    # IPC (unix sockets) rather than TCP: no open ports, and no "running over TCP
    # without encryption" warning in every scheduled run's log.
    socket_dir = tempfile.mkdtemp(prefix="analysis-kernel-")
    ipc = os.name == "posix"
    km = KernelManager(kernel_name="python3", transport="ipc" if ipc else "tcp",
                       ip=str(Path(socket_dir) / "k") if ipc else "127.0.0.1")
    _KERNEL["socket_dir"] = socket_dir
    km.start_kernel(cwd=cwd, extra_arguments=["--HistoryManager.enabled=False"])
    _KERNEL.update(km=km, thread=key)
    import atexit
    import multiprocessing.util

    atexit.register(_shutdown_kernel)
    # multiprocessing workers leave through os._exit: only Finalize hooks run there
    multiprocessing.util.Finalize(None, _shutdown_kernel, exitpriority=10)
    return km


def execute_job(job: dict, out_dir: str, timeout: int = 600, reuse_kernel: bool = True) -> dict:
    """Execute one report and render its HTML; never raises for a failing notebook.

    Returns a result dict with ``status`` ('ok' or 'failed'), ``error`` (one line),
    timing and paths. The previous HTML is only replaced after a successful render.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from .render import render_html, write_atomic

    started = time.time()
    out = Path(out_dir)
    nb = parameterize_notebook(load_notebook_node(job["notebook"]), job["parameters"])
    reset = nbformat.v4.new_code_cell(RESET_CELL, metadata={"tags": ["analyst-only"]})
    nb.cells.insert(0, reset)
    cwd = str(Path(job["notebook"]).parent)
    km = _kernel_manager(cwd) if reuse_kernel else None
    client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", allow_errors=False,
                            resources={"metadata": {"path": cwd}})
    error = None
    try:
        client.execute(cleanup_kc=not reuse_kernel, cwd=cwd)
    except CellExecutionError as exc:
        error = f"{exc.ename}: {exc.evalue}".splitlines()[0]
    except DeadKernelError as exc:
        error = f"kernel died: {exc}".splitlines()[0]
        _KERNEL.clear()
    except Exception as exc:  # noqa: BLE001 - a scheduler wants a result, not a crash
        error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    finally:
        if reuse_kernel and client.kc is not None:
            client.kc.stop_channels()
    nb.cells.pop(0)
    if error is None:
        try:
            html = render_html(nb, job["lang"], Path(job["parameters"].get("data_path") or config.indicators_path()))
            write_atomic(out / "notebooks" / f"{job['name']}.ipynb", nbformat.writes(nb))
            write_atomic(Path(job["html"]), html)
            (out / "failed" / f"{job['name']}.ipynb").unlink(missing_ok=True)
        except Exception as exc:  # noqa: BLE001
            error = f"rendering failed: {type(exc).__name__}: {exc}".splitlines()[0]
    if error is not None:
        write_atomic(out / "failed" / f"{job['name']}.ipynb", nbformat.writes(nb))
    from .render import report_title

    return {"name": job["name"], "status": "failed" if error else "ok", "error": error, "title": report_title(nb),
            "started": datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(time.time() - started, 3), "pid": os.getpid()}


# --- orchestration ------------------------------------------------------------------------

def git_revision() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=config.PROJECT_DIR, capture_output=True,
                             text=True, timeout=5)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=config.PROJECT_DIR,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return (out.stdout.strip() + ("-dirty" if dirty else "")) or None
    except (OSError, subprocess.SubprocessError):
        return None


def read_manifest(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"reports": {}, "notebook_info": {}}


@dataclass
class RunResult:
    ran: list
    skipped: list
    failed: list
    duration_s: float
    manifest: Path

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def _executor(jobs: int, scheduler: str | None):
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise ParameterError("--scheduler needs dask.distributed: pip install 'dask[distributed]'") from None
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise ReportError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        return client.get_executor(), client
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Not "fork": a parent that has used zmq or asyncio (a notebook server, a test
    # session that ran papermill) deadlocks forked children. forkserver starts
    # workers from a clean process and costs one import per worker.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)), None


def run(config_path: Path | None = None, data_path: Path | None = None, out_dir: Path | None = None,
        jobs: int | None = None, force: bool = False, only: list[str] | None = None, scheduler: str | None = None,
        wait: float = 0, executor=None, log=None, reuse_kernel: bool = True) -> RunResult:
    """Run the report suite; see the module docstring. Returns what ran, was skipped and failed."""
    from filelock import FileLock, Timeout

    started = time.time()
    config_path = Path(config_path or config.DEFAULT_REPORTS_CONFIG)
    data_path = Path(data_path or config.indicators_path()).resolve()
    out_dir = Path(out_dir or config.REPORTS_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    log = log or (lambda msg: print(msg, file=sys.stderr))
    lock = FileLock(str(out_dir / LOCK))
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise ReportError(f"another run is writing {out_dir} (lock {out_dir / LOCK}); "
                          f"wait for it to finish or pass --wait SECONDS") from None
    try:
        return _run_locked(config_path, data_path, out_dir, jobs, force, only, scheduler, executor, log,
                           started, reuse_kernel)
    finally:
        lock.release()


def _run_locked(config_path, data_path, out_dir, jobs, force, only, scheduler, executor, log, started,
                reuse_kernel) -> RunResult:
    manifest = read_manifest(out_dir)
    all_jobs, info_cache = load_jobs(config_path, data_path, out_dir, manifest.get("notebook_info"))
    selected = all_jobs
    if only:
        selected = [j for j in all_jobs if any(fnmatch.fnmatch(j.name, pattern) for pattern in only)]
        if not selected:
            raise ParameterError(f"--only {' '.join(only)} matches no report; reports: "
                                 + ", ".join(j.name for j in all_jobs[:10]) + (" …" if len(all_jobs) > 10 else ""))
    previous = manifest.get("reports", {})
    to_run, skipped = [], []
    for job in selected:
        before = previous.get(job.name, {})
        fresh = before.get("status") == "ok" and before.get("key") == job.key and Path(job.html).exists()
        (skipped if fresh and not force else to_run).append(job)
    results = {}
    if to_run:
        # Bad data must fail once, here, with the validator's lines: not once per report.
        from .loading import load_indicators

        load_indicators(data_path)
        results = _execute_all(to_run, out_dir, jobs, scheduler, executor, log, reuse_kernel)
    revision = git_revision() if to_run else manifest.get("git_revision")
    reports = {}
    for job in all_jobs:
        entry = dict(previous.get(job.name, {}))
        if job.name in results:
            res = results[job.name]
            entry.update({"notebook": os.path.relpath(job.notebook, config.PROJECT_DIR), "parameters": job.parameters,
                          "hashes": job.hashes, "git_revision": revision, "started": res["started"],
                          "duration_s": res["duration_s"], "status": res["status"], "error": res["error"],
                          "html": os.path.relpath(job.html, out_dir), "title": res.get("title") or entry.get("title")})
            if res["status"] == "ok":
                entry["key"] = job.key
                entry["last_success"] = res["started"]
            else:
                entry["failed_notebook"] = f"failed/{job.name}.ipynb"
        elif job in skipped:
            entry["skipped_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        reports[job.name] = entry
    from .render import write_atomic

    summary_path = out_dir / SUMMARY
    if to_run or not summary_path.exists():
        write_atomic(summary_path, json.dumps(_summary(data_path), ensure_ascii=False, indent=1))
    body = {"generated": datetime.now(timezone.utc).isoformat(timespec="seconds"), "version": __version__,
            "git_revision": revision, "data": str(data_path), "config": str(config_path),
            "reports": reports, "notebook_info": info_cache}
    write_atomic(out_dir / MANIFEST, json.dumps(body, ensure_ascii=False, indent=1, default=str))
    from .index import write_index

    write_index(out_dir, body, json.loads(summary_path.read_text(encoding="utf-8")))
    failed = [name for name, r in results.items() if r["status"] == "failed"]
    result = RunResult([j.name for j in to_run], [j.name for j in skipped], failed,
                       round(time.time() - started, 3), out_dir / MANIFEST)
    log(f"{len(result.ran)} ran, {len(result.skipped)} skipped (unchanged), {len(failed)} failed "
        f"in {result.duration_s:.1f} s; open {out_dir / INDEX}")
    for name in failed:
        log(f"FAILED {name}: {results[name]['error']} (notebook: {out_dir / 'failed' / (name + '.ipynb')})")
    return result


def _summary(data_path: Path) -> list[dict]:
    from .gaps import gap_table, to_records
    from .loading import load_indicators

    return to_records(gap_table(load_indicators(data_path)))


def _execute_all(to_run, out_dir, jobs, scheduler, executor, log, reuse_kernel) -> dict:
    from concurrent.futures import as_completed

    own_executor, client = (None, None)
    if executor is None:
        own_executor, client = _executor(jobs or os.cpu_count() or 1, scheduler)
        executor = own_executor
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(to_run), unit="report", desc="reports")
    results = {}
    try:
        futures = {executor.submit(execute_job, asdict(job), str(out_dir), 600, reuse_kernel): job for job in to_run}
        for future in as_completed(futures):
            job = futures[future]
            try:
                res = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its report, not the run
                res = {"name": job.name, "status": "failed", "error": f"{type(exc).__name__}: {exc}".splitlines()[0],
                       "started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "duration_s": 0.0}
            results[job.name] = res
            if progress is not None:
                progress.update(1)
                progress.set_postfix_str(job.name)
            else:
                log(f"{res['status']:>6} {job.name} ({res['duration_s']:.1f} s)" + (f": {res['error']}" if res["error"] else ""))
    finally:
        if progress is not None:
            progress.close()
        if own_executor is not None:
            own_executor.shutdown(wait=True)
        if client is not None:
            client.close()
    return results
