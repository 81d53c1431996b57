"""Runs do not step on each other (issue 21): each run's kernels live in its own short runtime folder,
clean-up removes only that folder, and SIGHUP ends a run as SIGTERM and Ctrl-C do."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from analysis import config
from analysis.runner import execute


def test_the_runtime_folder_is_short_whatever_tmpdir_is(monkeypatch, tmp_path):
    monkeypatch.delenv(execute.BASE_ENV, raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path / ("x" * 200)))
    tempfile.tempdir = None                    # tempfile caches $TMPDIR
    try:
        assert execute.runtime_base() in ("/tmp", "/var/tmp", "/dev/shm")
    finally:
        tempfile.tempdir = None


def test_stopping_one_run_leaves_another_runs_kernel_folders_alone(monkeypatch):
    base = Path(tempfile.mkdtemp(prefix="rb-", dir="/tmp"))
    monkeypatch.setenv(execute.BASE_ENV, str(base))
    try:
        first, _ = execute.make_executor(1, None)
        second, _ = execute.make_executor(1, None)
        assert first.runtime_dir != second.runtime_dir
        theirs = Path(second.runtime_dir) / "k-kernel"        # a kernel of the other run, starting meanwhile
        theirs.mkdir()
        (Path(first.runtime_dir) / "k-mine").mkdir()
        execute.stop_executor(first)                            # Ctrl-C of the first run
        assert not Path(first.runtime_dir).exists()
        assert theirs.is_dir(), "the other run's kernel folder was removed"
        execute.close_executor(second)
        assert list(base.iterdir()) == []
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


def test_a_kernel_of_a_run_starts_inside_the_runs_folder(monkeypatch):
    base = Path(tempfile.mkdtemp(prefix="rb-", dir="/tmp"))
    monkeypatch.setenv(execute.RUNTIME_ENV, str(base / "ak-run"))
    calls = []

    class Fake:
        def __init__(self, **kwargs):
            calls.append(kwargs)
            self.provisioner = None

        def start_kernel(self, **kwargs):
            pass

    import jupyter_client.manager

    monkeypatch.setattr(jupyter_client.manager, "KernelManager", Fake)
    monkeypatch.setattr(execute, "_KERNELS", {})
    try:
        execute._kernel_manager(str(base))
        folder = Path(calls[0]["connection_file"]).parent
        assert folder.parent == base / "ak-run" and len(calls[0]["ip"]) < 80
        execute.shutdown_kernels()
        assert not (base / "ak-run").exists(), "the last worker removes the empty run folder"
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow      # starts a run with kernels (~20 s)
def test_sighup_ends_a_run_like_sigterm_with_the_manifest(tmp_path):
    from conftest import FIXTURE_TABLE

    cfg = tmp_path / "r.yaml"
    reports = [{"name": f"gap-{i}", "notebook": "growth_gap", "parameters": {"indicator": i}}
               for i in ("gdp", "fixed_asset_investment", "budget_revenue", "retail_sales")]
    cfg.write_text(yaml.safe_dump({"defaults": {"district": "万柏林区"}, "reports": reports}, allow_unicode=True),
                   encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent), "ANALYSIS_DATA": str(FIXTURE_TABLE)}
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "run", "--config", str(cfg), "--out", str(out),
                             "--jobs", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if line.strip().startswith("ok gap-"):
            break
    proc.send_signal(signal.SIGHUP)
    code = proc.wait(timeout=20)
    rest = proc.stderr.read()
    assert code == 130 and "Traceback" not in rest, rest
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest.get("interrupted") and (out / "index.html").exists()
    time.sleep(0.5)
