"""Publishing a run: the manifest (what ran, with which inputs), the gap summary and the index page.

Every file goes through :func:`write` (atomic, and only inside the output
folder). A failed write (a full disk) does not end in a traceback: the run
says which files could not be written and which reports failed.
"""
from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from analysis import __version__, config
from analysis.data import write as disk
from analysis.runner.confine import inside
from analysis.runner.inputs import package_hash, sha256
from analysis.exceptions import DataFileError, OutputFolderError

MANIFEST = "manifest.json"
SUMMARY = "summary.json"
INDEX = "index.html"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write(out_dir: Path, name: str, text: str) -> None:
    """Write *name* atomically into *out_dir* (refusing any path that leads outside it)."""
    disk.write_atomic(inside(out_dir, out_dir / name), text)


MAX_OWN_JSON_BYTES = 256 * 1024 * 1024


def read_own(path: Path) -> str:
    """A JSON file the run wrote itself (manifest, summary): a regular file within a size cap, else
    :class:`OutputFolderError` in one line (a pipe or a link to ``/dev/zero`` would hang or exhaust memory);
    :class:`FileNotFoundError` when it is not there."""
    from analysis.data.files import read_limited

    if not os.path.lexists(path):
        raise FileNotFoundError(path)
    try:
        return read_limited(path, MAX_OWN_JSON_BYTES, "JSON file the run writes").decode("utf-8", errors="replace")
    except DataFileError as exc:
        raise OutputFolderError(f"--out: {exc}") from None


def read_manifest(out_dir: Path) -> dict:
    """The previous run's manifest, or an empty one if there is none or it is unreadable."""
    try:
        body = json.loads(read_own(out_dir / MANIFEST))
    except (OSError, ValueError):
        return {"reports": {}, "notebook_info": {}}
    if not isinstance(body, dict) or not isinstance(body.get("reports"), dict):
        return {"reports": {}, "notebook_info": {}}
    return body


def git_revision() -> str | None:
    """Short git revision of the project (``-dirty`` with uncommitted changes), or None."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=config.PROJECT_DIR, capture_output=True,
                             text=True, timeout=5)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=config.PROJECT_DIR,
                               capture_output=True, text=True, timeout=5).stdout.strip()
        return (out.stdout.strip() + ("-dirty" if dirty else "")) or None
    except (OSError, subprocess.SubprocessError):
        return None


def report_entries(all_jobs, skipped, results: dict, previous: dict, revision, out_dir: Path) -> dict:
    """The manifest's ``reports``: a fresh entry for each report that ran, the previous one otherwise."""
    skipped_names = {j.name for j in skipped}
    reports = {}
    for job in all_jobs:
        entry = dict(previous.get(job.name) or {})
        res = results.get(job.name)
        if res is not None:
            entry.update({"notebook": os.path.relpath(job.notebook, config.PROJECT_DIR), "parameters": job.parameters,
                          "hashes": job.hashes, "git_revision": revision, "started": res["started"],
                          "duration_s": res["duration_s"], "status": res["status"], "error": res["error"],
                          "html": os.path.relpath(job.html, out_dir), "title": res.get("title") or entry.get("title")})
            if res["status"] == "ok":
                entry["key"] = job.key
                entry["last_success"] = res["started"]
                entry.pop("failed_notebook", None)
                entry.pop("failure", None)
            else:
                entry["failed_notebook"] = f"failed/{job.name}.ipynb"
                if res.get("failure"):            # nbclient's ename/evalue and the failing cell's index
                    entry["failure"] = res["failure"]
                else:
                    entry.pop("failure", None)
        elif job.name in skipped_names:
            entry["skipped_at"] = now()
        else:
            entry.setdefault("parameters", job.parameters)
            entry.setdefault("html", os.path.relpath(job.html, out_dir))
        reports[job.name] = entry
    return reports


def gap_summary(data_path: Path, as_of: str = "") -> list[dict]:
    """The gap table's records, as ``python -m analysis gaps --as-of DATE --format json`` prints them."""
    from analysis.engine.gaps import gap_table
    from analysis.engine.records import to_records
    from analysis.data.loading import load_indicators
    from analysis.data.registry import load_registry

    return to_records(gap_table(load_indicators(data_path), as_of=as_of or None, registry=load_registry(data_path)))


def write_progress_tables(out_dir: Path, summary: list[dict], data_path: Path, as_of: str = "") -> list[str]:
    """规划实施进度表 per district as ``progress-{district}.xlsx`` and ``.csv`` (UTF-8 with BOM) in *out_dir*,
    for the plan the summary assesses; one line per file that could not be written."""
    from analysis.report.export import write_progress_workbook

    from analysis.engine.targets import ANNUAL_TYPES

    plan_years = [r["target_year"] for r in summary if r["target_type"] not in ANNUAL_TYPES]
    if not plan_years:
        return []
    problems = []
    for district in dict.fromkeys(r["district"] for r in summary):
        try:
            inside(out_dir, out_dir / f"progress-{district}.xlsx")
            write_progress_workbook(data_path, district, out_dir, records=summary, target_year=max(plan_years),
                                    data_path=data_path, as_of=as_of or None)
        except OSError as exc:
            problems.append(f"{out_dir / f'progress-{district}.xlsx'}: {exc.strerror or exc}")
    return problems


def publish(out_dir: Path, body: dict, data_path: Path, summary_key: str | None, log, as_of: str = "",
            package: str = "") -> list[str]:
    """Write summary (when its inputs changed or it is missing), manifest and index.

    *summary_key* None means "do not recompute the summary" (an interrupted run).
    Returns one line per file that could not be written (empty when all were).
    """
    problems = []
    summary_path = out_dir / SUMMARY
    summary = None
    if summary_key is not None and (body.get("summary_key") != summary_key or not summary_path.exists()):
        summary = gap_summary(data_path, as_of)
        try:
            write(out_dir, SUMMARY, json.dumps(summary, ensure_ascii=False, indent=1))
            body["summary_key"] = summary_key
        except OSError as exc:
            problems.append(f"{summary_path}: {exc.strerror or exc}")
            body.pop("summary_key", None)
        problems += write_progress_tables(out_dir, summary, data_path, as_of)
    # the index shows the reports' entries and the summary: a run that changed neither (a no-op: only
    # 'skipped_at' moves) keeps the index it has, dated when it was made
    shown = {name: {k: v for k, v in entry.items() if k != "skipped_at"} for name, entry in body["reports"].items()}
    index_key = sha256(json.dumps([shown, body.get("summary_key"), body.get("lang", "zh"), package or package_hash()],
                                  sort_keys=True, ensure_ascii=False, default=str))
    rewrite_index = body.get("index_key") != index_key or not (out_dir / INDEX).exists()
    body["index_key"] = index_key if rewrite_index else body.get("index_key")
    try:
        write(out_dir, MANIFEST, json.dumps(body, ensure_ascii=False, indent=1, default=str))
    except OSError as exc:
        problems.append(f"{out_dir / MANIFEST}: {exc.strerror or exc}")
    if not rewrite_index:
        return problems
    if summary is None:
        try:
            summary = json.loads(read_own(summary_path))
        except (OSError, ValueError):
            summary = []
    from analysis import i18n
    from analysis.data.registry import load_registry
    from analysis.report.index import write_index

    i18n.use_registry(load_registry(data_path))      # names and units of the run's table, not the project's
    try:
        write_index(out_dir, body, summary, inside(out_dir, out_dir / INDEX), body.get("lang", "zh"))
    except OSError as exc:
        problems.append(f"{out_dir / INDEX}: {exc.strerror or exc}")
        body.pop("index_key", None)
        try:                                  # not written: the next run must try again
            write(out_dir, MANIFEST, json.dumps(body, ensure_ascii=False, indent=1, default=str))
        except OSError:
            pass
    return problems


def manifest_body(reports: dict, revision, data_path: Path, config_path: Path, info_cache: dict,
                  previous: dict, **extra) -> dict:
    """The manifest: generation time, versions, inputs, reports, cached notebook inspections."""
    body = {"generated": now(), "version": __version__, "git_revision": revision, "data": str(data_path),
            "config": str(config_path), "reports": reports, "notebook_info": info_cache}
    for key in ("summary_key", "validated", "index_key"):
        if previous.get(key):
            body[key] = previous[key]
    body.update(extra)
    return body
