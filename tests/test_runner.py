"""The batch runner, end to end, on temporary output folders (slow: kernels run notebooks)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config
from analysis.exceptions import ParameterError
from analysis.runner import run
from conftest import FIXTURE_TABLE, copy_names

from test_notebooks import external_references

pytestmark = pytest.mark.slow

TARGETS = 1    # 万柏林区 targets due in 2025 with a figure inside the plan (GDP); 杏花岭区 has none for 2025
DISTRICTS = 2  # each gets overview, brief and brief-en
SUITE = 3 * DISTRICTS + 3 * TARGETS   # growth_gap, projection and explorer per assessable target


def write_config(path: Path, reports: list[dict], defaults=None) -> Path:
    import yaml
    path.write_text(yaml.safe_dump({"defaults": defaults or {"district": "万柏林区"}, "reports": reports},
                                   allow_unicode=True), encoding="utf-8")
    return path


def quiet(msg):
    pass


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """The default suite, run once into a fresh folder."""
    out = tmp_path_factory.mktemp("reports")
    result = run(config.DEFAULT_REPORTS_CONFIG, out_dir=out, jobs=2, log=quiet, as_of="2026-11-28")
    return out, result


def test_default_suite_runs_end_to_end(suite):
    out, result = suite
    assert result.exit_code == 0 and result.failed == []
    assert len(result.ran) == SUITE
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["growth_gap-万柏林区-gdp"]
    assert entry["status"] == "ok" and entry["parameters"]["indicator"] == "gdp"
    assert entry["parameters"]["as_of"] == "2026-11-28"                      # in the parameters hash: the cache key
    assert set(entry["hashes"]) == {"notebook", "parameters", "data", "names", "package"}
    assert entry["duration_s"] > 0 and entry["started"] and "git_revision" in entry
    for name in ("overview-万柏林区", "brief-万柏林区", "brief-en-万柏林区", "projection-万柏林区-gdp",
                 "explorer-万柏林区-gdp", "overview-杏花岭区", "brief-杏花岭区"):
        html = (out / f"{name}.html").read_text(encoding="utf-8")
        assert external_references(html) == [] and 'id="report-title"' in html
    brief_en = (out / "brief-en-万柏林区.html").read_text(encoding="utf-8")
    assert "Plan progress brief" in brief_en or "five-year plan progress brief" in brief_en
    brief = (out / "brief-万柏林区.html").read_text(encoding="utf-8")
    assert "评估基准日2026年11月28日，数据截至2022年" in brief and "“十四五”规划期已于2025年结束" in brief
    assert "The 14th five-year plan ended in 2025" in brief_en and "Assessed on 2026-11-28" in brief_en
    assert not (out / "growth_gap-万柏林区-high_tech_firms.html").exists()   # nothing to assess, no page
    from openpyxl import load_workbook

    sheet = load_workbook(out / "progress-万柏林区.xlsx").active
    assert sheet["A1"].value == "序号" and sheet["E2"].value == 486           # 地区生产总值 基期值, a number
    assert (out / "progress-万柏林区.csv").read_bytes().startswith("\ufeff".encode("utf-8"))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert external_references(index) == [] and "growth_gap-万柏林区-gdp.html" in index
    # reading order: district by district, overview and briefs before the per-indicator pages
    assert index.index("overview-万柏林区.html") < index.index("brief-万柏林区.html") \
        < index.index("growth_gap-万柏林区-gdp.html") < index.index("overview-杏花岭区.html")


def test_summary_matches_gaps_command(suite):
    out, _ = suite
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    cli = subprocess.run([sys.executable, "-m", "analysis", "gaps", "--as-of", "2026-11-28", "--format", "json"],
                         capture_output=True,
                         text=True, check=True)
    assert summary == json.loads(cli.stdout)


def test_rerun_skips_and_force_reruns(suite):
    out, _ = suite
    index = (out / "index.html").read_bytes()
    (out / "index.html").touch()
    stamp = (out / "index.html").stat().st_mtime_ns
    again = run(config.DEFAULT_REPORTS_CONFIG, out_dir=out, jobs=2, log=quiet, as_of="2026-11-28")
    assert again.ran == [] and len(again.skipped) == SUITE
    # nothing changed, so the index is not written again (the no-op run stays a fraction of a second)
    assert (out / "index.html").stat().st_mtime_ns == stamp and (out / "index.html").read_bytes() == index
    forced = run(config.DEFAULT_REPORTS_CONFIG, out_dir=out, jobs=2, force=True, only=["brief-万柏林区", "brief-en-*"],
                 log=quiet, as_of="2026-11-28")
    assert sorted(forced.ran) == ["brief-en-万柏林区", "brief-en-杏花岭区", "brief-万柏林区"]
    # a page depends on the assessment date: another date is another page, not a cached one
    dated = run(config.DEFAULT_REPORTS_CONFIG, out_dir=out, jobs=2, only=["brief-万柏林区"], log=quiet,
                as_of="2023-03-01")
    assert dated.ran == ["brief-万柏林区"]
    assert "评估基准日2023年3月1日" in (out / "brief-万柏林区.html").read_text(encoding="utf-8")


def test_changing_one_row_reruns_only_its_reports(suite, tmp_path):
    out, _ = suite
    changed = copy_names(tmp_path) / "indicators.csv"          # the table with its name files beside it
    text = FIXTURE_TABLE.read_text(encoding="utf-8")
    # one row: its value and its quote (the value must show in the quote); no sources/ beside this copy
    changed.write_text(text.replace(",1160.1,", ",1160.2,", 1).replace("累计完成1160.1亿元", "累计完成1160.2亿元", 1),
                       encoding="utf-8")
    assert changed.read_text(encoding="utf-8") != text
    result = run(config.DEFAULT_REPORTS_CONFIG, data_path=changed, out_dir=out, jobs=2, log=quiet, as_of="2026-11-28")
    # total_fixed_asset_investment has no 2025 target: only the district-wide reports read it, and the
    # overviews of its city (they compare the city's districts)
    assert sorted(result.ran) == sorted(["brief-en-万柏林区", "brief-万柏林区", "overview-万柏林区", "overview-杏花岭区"])


@pytest.fixture
def small(tmp_path):
    return tmp_path / "out", tmp_path / "reports.yaml"


def test_broken_report_keeps_previous_html_and_others_run(small):
    import nbformat

    out, cfg = small
    good = [{"name": "gap", "notebook": "growth_gap", "parameters": {"indicator": "gdp"}},
            {"name": "brief", "notebook": "brief"}]
    assert run(write_config(cfg, good), out_dir=out, jobs=2, log=quiet, as_of="2026-11-28").exit_code == 0
    before = (out / "gap.html").read_bytes()
    broken = [dict(good[0], parameters={"indicator": "gdp", "target_override": 5e9}), good[1]]
    result = run(write_config(cfg, broken), out_dir=out, jobs=2, force=True, log=quiet, as_of="2026-11-28")
    assert result.exit_code == 1 and result.failed == ["gap"] and "brief" in result.ran
    assert (out / "gap.html").read_bytes() == before
    failed = nbformat.read(out / "failed" / "gap.ipynb", as_version=4)
    assert any(o.get("ename") == "ParameterError" for c in failed.cells for o in c.get("outputs", []))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["gap"]
    assert entry["status"] == "failed" and entry["failure"]["ename"] == "ParameterError"
    assert entry["failure"]["evalue"].startswith("parameter target_override=")   # our own message, as raised
    raised = failed.cells[entry["failure"]["cell_index"]]
    assert [o["ename"] for o in raised.get("outputs", []) if o.get("output_type") == "error"] == ["ParameterError"]
    assert "failed" in (out / "index.html").read_text(encoding="utf-8")
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_parameter_values_are_data_not_code(tmp_path, monkeypatch):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('note = ""  # free text', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import json, pathlib\npathlib.Path(out_file).write_text(json.dumps(note))"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nb.cells[0].source += '\nout_file = ""  # where to write the note'
    (tmp_path / "notebooks").mkdir()
    nb_path = tmp_path / "notebooks" / "echo.ipynb"
    nbformat.write(nb, nb_path)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", tmp_path / "notebooks")     # notebooks come only from there
    pwned = tmp_path / "pwned"
    tricky = f'a "quote", a \'quote\'\nnew line"; import os; os.system("touch {pwned}"); "'
    cfg = write_config(tmp_path / "r.yaml", [{"name": "echo", "notebook": "echo",
                                              "parameters": {"note": tricky, "out_file": str(tmp_path / "note.json")}}],
                       defaults={})
    result = run(cfg, out_dir=tmp_path / "out", jobs=1, log=quiet, as_of="2026-11-28")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "note.json").read_text()) == tricky
    assert not pwned.exists()


def test_yaml_python_tags_are_rejected(tmp_path):
    marker = tmp_path / "made"
    cfg = tmp_path / "evil.yaml"
    cfg.write_text(f'reports:\n  - name: x\n    notebook: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(ParameterError, match="line 3.*no !!python"):   # ConfigError is a ParameterError
        run(cfg, out_dir=tmp_path / "out", log=quiet, as_of="2026-11-28")
    assert not marker.exists()


@pytest.mark.parametrize("report,message", [
    ({"name": "x", "notebook": "nope"}, "unknown notebook 'nope'; accepted: brief, explorer, growth_gap"),
    ({"name": "x", "notebook": "brief", "parameters": {"colour": "red"}}, "unknown parameter 'colour'"),
    ({"name": "x", "notebook": "brief", "parameters": {"target_year": "2025"}}, "target_year='2025' is not a year"),
    ({"name": "x", "notebook": "growth_gap", "parameters": {"indicator": "gpd"}}, "indicator 'gpd' is not an indicator"),
    ({"name": "x", "notebook": "brief", "parameters": {"lang": "fr"}}, "lang 'fr' is not supported"),
])
def test_bad_config_fails_before_anything_runs(tmp_path, report, message):
    cfg = write_config(tmp_path / "r.yaml", [{"name": "ok", "notebook": "brief"}, report])
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace("'", "'")):
        run(cfg, out_dir=tmp_path / "out", log=quiet, as_of="2026-11-28")
    assert not (tmp_path / "out" / "ok.html").exists()
    cli = subprocess.run([sys.executable, "-m", "analysis", "run", "--config", str(cfg), "--out", str(tmp_path / "o2")],
                         capture_output=True, text=True)
    assert cli.returncode == 2 and cli.stderr.count("\n") == 1 and "Traceback" not in cli.stderr


def test_dask_local_cluster_gives_the_same_summary(tmp_path):
    distributed = pytest.importorskip("distributed")
    cfg = write_config(tmp_path / "r.yaml", [{"name": "brief", "notebook": "brief"},
                                             {"name": "gap", "notebook": "growth_gap", "parameters": {"indicator": "gdp"}}])
    local = run(cfg, out_dir=tmp_path / "local", jobs=1, log=quiet, as_of="2026-11-28")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run(cfg, out_dir=tmp_path / "dask", scheduler=cluster.scheduler_address, log=quiet, as_of="2026-11-28")
    assert local.exit_code == remote.exit_code == 0 and sorted(remote.ran) == ["brief", "gap"]
    assert (tmp_path / "local" / "summary.json").read_bytes() == (tmp_path / "dask" / "summary.json").read_bytes()
    assert (tmp_path / "dask" / "gap.html").exists()


def test_notebook_inspection_agrees_with_papermill():
    """The planner reads parameters with ast (no papermill import); papermill must see the same."""
    import papermill

    from analysis.runner import notebook_info

    for path in sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")):
        ours = notebook_info(path)["parameters"]
        theirs = papermill.inspect_notebook(str(path))
        assert list(ours) == list(theirs), path.name
        assert {k: v["default"] for k, v in ours.items()} == {k: v["default"] for k, v in theirs.items()}, path.name
