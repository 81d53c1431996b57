"""The runner's processes: nothing outlives a killed run, Ctrl-C is prompt, a full disk is reported.

Slow: each test starts kernels. Runs are small (2–6 reports) so the whole file takes seconds.
"""
import csv
import errno
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
import yaml

from analysis import config
from analysis.exceptions import ReportsFailedError
from analysis.i18n import t
from analysis.report.index import failure_banner
from conftest import FIXTURE_TABLE, copy_names

pytestmark = pytest.mark.slow

INDICATORS = ["gdp", "high_tech_firms", "industrial_firms_above_scale", "national_key_labs_new", "fitness_trails_new",
              "football_pitches_new"]


def write_config(path: Path, n: int) -> Path:
    reports = [{"name": f"gap-{ind}", "notebook": "growth_gap", "parameters": {"indicator": ind}}
               for ind in INDICATORS[:n]]
    path.write_text(yaml.safe_dump({"defaults": {"district": "万柏林区"}, "reports": reports}, allow_unicode=True),
                    encoding="utf-8")
    return path


@pytest.fixture
def private_tmp(tmp_path):
    """A run's own TMPDIR, runtime folder base and Jupyter runtime dir, so leftovers are ours to count
    (other runs share /tmp); the runtime base is short, as a socket path must be."""
    import shutil
    import tempfile

    tmp, runtime = Path(tempfile.mkdtemp(prefix="rt-", dir="/tmp")), tmp_path / "runtime"
    runtime.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "JUPYTER_RUNTIME_DIR": str(runtime), "ANALYSIS_RUNTIME_DIR": str(tmp),
           "PYTHONPATH": str(config.PACKAGE_DIR.parent)}
    yield env, tmp, runtime
    shutil.rmtree(tmp, ignore_errors=True)


def start(args, env):
    return subprocess.Popen([sys.executable, "-m", "analysis", "run", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_kernel(proc, timeout=90):
    """The run's descendants once a kernel is running among them."""
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = parent.children(recursive=True)
        if any("ipykernel" in " ".join(_cmdline(k)) for k in kids):
            return kids
        time.sleep(0.2)
    raise AssertionError("no kernel started: " + proc.stderr.read() if proc.poll() is not None else "timeout")


def _cmdline(p):
    try:
        return p.cmdline()
    except psutil.Error:
        return []


def test_kill_9_leaves_no_worker_kernel_or_socket_folder(tmp_path, private_tmp):
    env, tmp, runtime = private_tmp
    out = tmp_path / "out"
    proc = start(["--config", write_config(tmp_path / "r.yaml", 4), "--out", out, "--jobs", "2"], env)
    kids = wait_for_kernel(proc)
    assert any("ipykernel" in " ".join(_cmdline(k)) for k in kids)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(kids, timeout=5)
    assert alive == [], [(_cmdline(p), p.pid) for p in alive]
    html_after_kill = sorted(p.name for p in out.glob("*.html"))
    time.sleep(1)
    assert sorted(p.name for p in out.glob("*.html")) == html_after_kill, "no report is written after the run died"
    assert list(tmp.iterdir()) == [], "kernel socket folders left behind"
    assert list(runtime.iterdir()) == [], "kernel connection files left behind"


def test_ctrl_c_cancels_queued_reports_and_writes_the_manifest(tmp_path, private_tmp):
    env, tmp, runtime = private_tmp
    out = tmp_path / "out"
    proc = start(["--config", write_config(tmp_path / "r.yaml", 6), "--out", out, "--jobs", "1"], env)
    finished = []
    for line in proc.stderr:                 # one line per finished report (stderr is not a terminal)
        if line.strip().startswith("ok gap-"):
            finished.append(line.split()[1])
            break
    kids = psutil.Process(proc.pid).children(recursive=True)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    code = proc.wait(timeout=10)
    elapsed = time.monotonic() - sent
    rest = proc.stderr.read()
    assert code == 130, rest
    assert elapsed < 3, f"Ctrl-C took {elapsed:.1f} s"
    assert "interrupted" in rest and "Traceback" not in rest
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    done = {n for n, r in manifest["reports"].items() if r.get("status") == "ok"}
    assert set(finished) <= done and len(done) < 6
    assert set(manifest["interrupted"]["cancelled"]) == {f"gap-{i}" for i in INDICATORS} - done
    assert all((out / f"{n}.html").exists() for n in done)
    _, alive = psutil.wait_procs(kids, timeout=5)
    assert alive == []
    assert list(tmp.iterdir()) == [] and list(runtime.iterdir()) == []


def test_some_failed_is_exit_1_in_one_line(tmp_path):
    cfg = tmp_path / "r.yaml"
    cfg.write_text(yaml.safe_dump({"reports": [
        {"name": "gap", "notebook": "growth_gap", "parameters": {"indicator": "gdp", "target_override": 5e9}},
        {"name": "gap2", "notebook": "growth_gap", "parameters": {"indicator": "high_tech_firms"}}]}), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "run", "--config", str(cfg), "--out", str(tmp_path / "o"),
                             "--jobs", "1"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: 1 report(s) failed: gap;")
    assert (tmp_path / "o" / "gap2.html").exists() and (tmp_path / "o" / "failed" / "gap.ipynb").exists()
    index = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert t("index.kept", "zh", names="")[:6] not in index and t("index.none_kept", "zh") in index   # a fresh folder


def full_disk(monkeypatch, which):
    """Make every atomic write whose file name passes *which* fail as a full disk does."""
    from analysis.data import write as disk

    real = disk.write_atomic

    def write_atomic(path, text):
        if which(Path(path).name):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, text)

    monkeypatch.setattr(disk, "write_atomic", write_atomic)


def test_full_disk_for_reports_lists_them_and_writes_the_manifest(tmp_path, monkeypatch):
    from analysis.runner import run

    full_disk(monkeypatch, lambda name: name.endswith(".html") and name != "index.html")
    with ThreadPoolExecutor(1) as pool:
        result = run(write_config(tmp_path / "r.yaml", 2), out_dir=tmp_path / "out", executor=pool, log=lambda m: None, as_of="2026-11-28")
    assert result.exit_code == 1 and sorted(result.failed) == ["gap-gdp", "gap-high_tech_firms"]
    assert all("No space left on device" in e for e in result.errors.values())
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert {r["status"] for r in manifest["reports"].values()} == {"failed"}
    assert (tmp_path / "out" / "failed" / "gap-gdp.ipynb").exists()


def test_full_disk_everywhere_is_one_line_naming_the_failed_reports(tmp_path, monkeypatch, capsys):
    from analysis.runner import run

    full_disk(monkeypatch, lambda name: True)
    with ThreadPoolExecutor(1) as pool:
        with pytest.raises(ReportsFailedError) as info:
            run(write_config(tmp_path / "r.yaml", 2), out_dir=tmp_path / "out", executor=pool, log=lambda m: None, as_of="2026-11-28")
    message = str(info.value)
    assert info.value.exit_code == 1 and "\n" not in message
    assert "manifest.json" in message and "No space left on device" in message
    assert "gap-gdp" in message and "gap-high_tech_firms" in message


def test_summary_and_index_follow_the_data_even_when_every_report_is_skipped(tmp_path):
    from analysis.runner import run
    from analysis.runner.publish import gap_summary

    cfg = write_config(tmp_path / "r.yaml", 1)                    # growth_gap for gdp: reads the gdp rows only
    out = tmp_path / "out"
    assert run(cfg, out_dir=out, jobs=1, log=lambda m: None, as_of="2026-11-28").exit_code == 0
    before = (out / "summary.json").read_text(encoding="utf-8")
    changed = copy_names(tmp_path) / "indicators.csv"          # the table with its name files beside it
    with open(FIXTURE_TABLE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["district"] == "万柏林区" and r["indicator"] == "high_tech_firms" and r["kind"] == "level")
    old = row["value"]
    new = str(int(float(old)) + 1)                     # a count: one firm more, in the value and in its quote
    row.update(value=new, quote=row["quote"].replace(old, new))
    with open(changed, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run(cfg, data_path=changed, out_dir=out, jobs=1, log=lambda m: None, as_of="2026-11-28")
    assert result.ran == [] and result.skipped == ["gap-gdp"]
    after = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (out / "summary.json").read_text(encoding="utf-8") != before
    assert after == json.loads(json.dumps(gap_summary(changed, as_of="2026-11-28")))


def test_failure_banner_promises_a_kept_version_only_when_there_is_one(tmp_path):
    (tmp_path / "old.html").write_text("good")
    reports = {"new": {"status": "failed", "html": "new.html"},
               "old": {"status": "failed", "html": "old.html", "last_success": "2025-01-01T00:00:00+00:00"}}
    for lang in ("zh", "en"):
        kept = t("index.kept", lang, names="|").split("|")[0]
        both = failure_banner(reports, tmp_path, lang)
        assert kept in both and "old" in both.split(kept)[1] and "new" not in both.split(kept)[1]
        fresh = failure_banner({"new": reports["new"]}, tmp_path, lang)
        assert kept not in fresh and t("index.none_kept", lang) in fresh
    assert failure_banner({"a": {"status": "ok"}}, tmp_path) == ""