"""The runner refuses hostile or careless input before anything runs (exit 2), in one line.

Nothing here executes a notebook: every probe is refused while planning, so these
tests stay in the fast loop (`pytest -m "not slow"`).
"""
import contextlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from filelock import FileLock

from conftest import copy_data, LATE

from analysis import config
from analysis.exceptions import (
    ConfigError, InputDataError, LockHeldError, OutputFolderError, ParameterError, UsageError,
)
from analysis.runner import RunOptions, list_reports, run
from analysis.runner.pool import worker_count
from analysis.runner.limits import MAX_PARAMETER_CHARS, MAX_YAML_DEPTH, short


def quiet(msg):
    pass


def write_config(path: Path, reports, defaults=None, **extra) -> Path:
    body = {"defaults": {"district": "万柏林区"} if defaults is None else defaults, "reports": reports, **extra}
    path.write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return path


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def cli(*args, cwd=None) -> Result:
    """``python -m analysis ARGS`` in this process (no interpreter start-up per probe)."""
    from analysis.cli.main import main

    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:           # argparse's usage errors
                code = exc.code
    finally:
        os.chdir(here)
    return Result(code, out.getvalue(), err.getvalue())


def cli_process(*args) -> subprocess.CompletedProcess:
    """The real thing, in its own interpreter: for probes where memory and tracebacks matter."""
    env = {**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent)}
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def one_line(result) -> str:
    """The whole stderr of a refused command: exactly one line, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def out(tmp_path):
    return tmp_path / "out"


def refused(tmp_path, out, reports, error=ConfigError, match=None, **kwargs):
    cfg = write_config(tmp_path / "r.yaml", reports, **kwargs)
    with pytest.raises(error, match=match) as info:
        run(cfg, out_dir=out, log=quiet, as_of="2026-11-28")
    assert not out.exists(), "a refused config must not even create the output folder"
    assert len(str(info.value)) < 400 and "\n" not in str(info.value)
    return str(info.value)


# --- confinement: names are names, notebooks come from notebooks/ ----------------------------

@pytest.mark.parametrize("name", ["../../x", "/tmp/abs", "a/b", "a\\b", "..", ".hidden", "a b", "x.html", "",
                                  "index", "INDEX", "Index", "manifest", "Summary", "failed", "notebooks",
                                  "x{", "x}", "{indicator.__class__}", "{0}", "{indicator!r}", "-x", "n" * 101])
def test_hostile_report_names_are_refused(tmp_path, out, name):
    message = refused(tmp_path, out, [{"name": name, "notebook": "brief"}])
    assert "report #1" in message and "name" in message


@pytest.mark.parametrize("name", ["brief-万柏林区", "overview_2", "简报", "growth_gap-{indicator}"])
def test_plain_names_and_fields_are_accepted(tmp_path, out, name):
    entry = {"name": name, "notebook": "growth_gap" if "{" in name else "brief"}
    if "{" in name:
        entry["for_each"] = "target"
    cfg = write_config(tmp_path / "r.yaml", [entry])
    names = list_reports(RunOptions(config_path=cfg, out_dir=out))
    assert names and all("/" not in n and "{" not in n for n in names)


def test_a_field_from_the_data_cannot_become_a_path(tmp_path, out, table, curated_rows):
    rows = [dict(r, district="../../evil") for r in curated_rows[:6]]
    data = table(rows=rows)
    cfg = write_config(tmp_path / "r.yaml", [{"name": "o-{district}", "notebook": "overview", "for_each": "district"}],
                       defaults={})
    with pytest.raises(ConfigError, match="is not a report name"):
        run(cfg, data_path=data, out_dir=out, log=quiet, as_of="2026-11-28")
    assert not (tmp_path.parent / "evil.html").exists()


@pytest.mark.parametrize("notebook", ["/anywhere/evil.ipynb", "../../../../anywhere/evil", "../notebooks/brief",
                                      "notebooks/brief", "./brief", "brief/", "nope", 5, ["brief"], {"a": 1}, None])
def test_notebooks_come_only_from_the_notebooks_folder(tmp_path, out, notebook):
    message = refused(tmp_path, out, [{"name": "x", "notebook": notebook}])
    assert "accepted: brief, explorer, growth_gap" in message


def test_a_symlink_in_notebooks_leading_outside_is_refused(tmp_path, out, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "brief.ipynb").symlink_to(config.NOTEBOOKS_DIR / "brief.ipynb")
    (tmp_path / "evil.ipynb").write_text("{}")
    (folder / "evil.ipynb").symlink_to(tmp_path / "evil.ipynb")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)
    message = refused(tmp_path, out, [{"name": "x", "notebook": "evil"}])
    assert "leads outside" in message


@pytest.mark.parametrize("where", ["project", "notebooks", "data", "src", "package", "parent", "root", "file"])
def test_out_may_not_be_the_project_its_sources_or_a_file(tmp_path, where):
    target = {"project": config.PROJECT_DIR, "notebooks": config.NOTEBOOKS_DIR, "data": config.DATA_DIR,  # path only
              "src": config.PROJECT_DIR / "src", "package": config.PACKAGE_DIR, "parent": config.PROJECT_DIR.parent,
              "root": Path("/"), "file": tmp_path / "a-file"}[where]
    if where == "file":
        target.write_text("keep me")
    before = sorted(p.name for p in config.NOTEBOOKS_DIR.iterdir())
    with pytest.raises(OutputFolderError, match="--out"):
        run(config.DEFAULT_REPORTS_CONFIG, out_dir=target, log=quiet, as_of="2026-11-28")
    assert sorted(p.name for p in config.NOTEBOOKS_DIR.iterdir()) == before
    if where == "file":
        assert target.read_text() == "keep me"


def test_out_dot_from_the_project_root_is_refused_by_the_cli():
    result = cli("run", "--out", ".", cwd=config.PROJECT_DIR)
    assert result.returncode == 2 and "is the project folder" in one_line(result)


def test_unwritable_out_is_one_line():
    code, _, err = cli("run", "--out", "/proc/no-such-folder/reports")
    assert code == 2 and err.startswith("error: --out /proc/no-such-folder/reports") and err.count("\n") == 1


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(tmp_path, out):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out.mkdir()
    (out / ".run.lock").symlink_to(victim)
    cfg = write_config(tmp_path / "r.yaml", [{"name": "b", "notebook": "brief"}])
    code, _, err = cli("run", "--config", cfg, "--out", out)
    assert code == 2 and "lock file is a symlink" in err and err.count("\n") == 1
    assert victim.read_text() == "precious"


# --- limits ----------------------------------------------------------------------------------

def billion_laughs(levels=9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("where", ["parameter", "defaults"])
def test_yaml_alias_bomb_is_refused_quickly(tmp_path, out, where):
    bomb = billion_laughs()
    indented = "\n".join("      " + line for line in bomb.splitlines())
    if where == "parameter":
        text = f"reports:\n  - notebook: brief\n    parameters:\n      district:\n  {indented}\n"
    else:
        text = f"defaults:\n  x:\n{indented}\nreports:\n  - notebook: brief\n"
    cfg = tmp_path / "bomb.yaml"
    cfg.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ConfigError, match="expands .through YAML aliases") as info:
        run(cfg, out_dir=out, log=quiet, as_of="2026-11-28")
    assert time.perf_counter() - started < 5
    assert len(str(info.value)) < 300
    result = cli_process("run", "--config", cfg, "--out", out)      # its own process: memory stays bounded
    assert result.returncode == 2 and "aliases" in one_line(result)


def test_recursive_and_deep_yaml_are_refused(tmp_path, out):
    cfg = tmp_path / "loop.yaml"
    cfg.write_text("defaults:\n  x: &x [1, *x]\nreports:\n  - notebook: brief\n")
    with pytest.raises(ConfigError) as info:
        run(cfg, out_dir=out, log=quiet)
    assert (info.value.path, info.value.line) == (str(cfg), 2)
    cfg.write_text("defaults:\n  x: " + "[" * 5000 + "]" * 5000 + "\nreports:\n  - notebook: brief\n")
    with pytest.raises(ConfigError) as info:       # our own depth check, whatever PyYAML's limits say
        run(cfg, out_dir=out, log=quiet)
    assert (info.value.path, info.value.line, info.value.accepted) == (str(cfg), 2, MAX_YAML_DEPTH)


def test_a_syntax_error_is_not_blamed_on_tags_and_an_edited_config_is_read_again(tmp_path, out):
    cfg = tmp_path / "broken.yaml"
    cfg.write_text("reports:\n  - notebook: brief\n    parameters: {district: [\n")
    with pytest.raises(ConfigError) as info:
        list_reports(RunOptions(config_path=cfg, out_dir=out))
    assert info.value.path == str(cfg) and "!!python" not in str(info.value)
    cfg.write_text("reports:\n  - name: one\n    notebook: brief\n")      # fixed: read again, not remembered
    assert list_reports(RunOptions(config_path=cfg, out_dir=out)) == ["one"]
    cfg.write_text("reports:\n  - name: two\n    notebook: brief\n")
    assert list_reports(RunOptions(config_path=cfg, out_dir=out)) == ["two"]


def test_a_few_plain_aliases_still_work(tmp_path, out):
    cfg = tmp_path / "ok.yaml"
    cfg.write_text("defaults: &d\n  district: 万柏林区\nreports:\n  - name: b\n    notebook: brief\n"
                   "    parameters: *d\n")
    assert list_reports(RunOptions(config_path=cfg, out_dir=out)) == ["b"]


def test_parameter_value_size_is_capped_and_never_printed(tmp_path, out):
    huge = "x" * (MAX_PARAMETER_CHARS + 1)
    message = refused(tmp_path, out, [{"name": "b", "notebook": "brief", "parameters": {"district": huge}}],
                      error=ParameterError)
    assert "limit" in message and huge[:200] not in message


def test_short_never_returns_a_huge_value():
    assert len(short("x" * 10_000)) <= 60 and len(short(list(range(10_000)))) <= 60


@pytest.mark.parametrize("option", ["--config", "--data"])
@pytest.mark.parametrize("what", ["/dev/zero", "folder", "huge", "missing"])
def test_input_files_are_checked_by_type_and_size_before_reading(tmp_path, option, what, monkeypatch):
    path = {"/dev/zero": Path("/dev/zero"), "folder": tmp_path, "missing": tmp_path / "nope.csv",
            "huge": tmp_path / "huge.bin"}[what]
    if what == "huge":
        with open(path, "wb") as f:          # a sparse file: large on paper, no disk used
            f.truncate(300 * 1024 * 1024)
    started = time.perf_counter()
    result = cli("run", option, path, "--out", tmp_path / "out")
    assert time.perf_counter() - started < 20
    line = one_line(result)
    assert result.returncode == 2 and str(path) in line
    assert {"/dev/zero": "not a regular file", "folder": "is a folder", "huge": "the limit is",
            "missing": "no such"}[what] in line


def test_binary_config_is_one_line(tmp_path):
    cfg = tmp_path / "bin.yaml"
    cfg.write_bytes(bytes(range(256)) * 8)
    result = cli("run", "--config", cfg, "--out", tmp_path / "out")
    assert result.returncode == 2 and "not UTF-8" in one_line(result)
    cfg.write_bytes(b"reports:\n  - notebook: brief\x00\n")
    result = cli("run", "--config", cfg, "--out", tmp_path / "out")
    assert result.returncode == 2 and str(cfg) in one_line(result)


def test_jobs_above_the_core_count_warn_and_are_capped():
    said = []
    cores = os.cpu_count() or 1
    assert worker_count(cores + 50, 100, said.append) == cores
    assert said and f"--jobs {cores + 50}" in said[0] and "warning" in said[0]
    said.clear()
    assert worker_count(1, 100, said.append) == 1 and said == []
    assert worker_count(None, 1, said.append) == 1             # never more workers than queued reports


# --- config shape ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ("defualts: {}\nreports:\n  - notebook: brief\n", "unknown top-level key(s) ['defualts']; accepted: defaults, reports"),
    ("- notebook: brief\n", "expected a mapping"),
    ("reports: {notebook: brief}\n", "'reports' is"),
    ("reports: []\n", "non-empty list"),
    ("defaults: [1, 2]\nreports:\n  - notebook: brief\n", "'defaults' is [1, 2]; it must be a mapping"),
    ("defaults: 5\nreports:\n  - notebook: brief\n", "'defaults' is 5"),
    ("reports:\n  - 5\n", "report #1 is 5"),
    ("reports:\n  - notebook: brief\n    parameters: 5\n", "'parameters' is 5"),
    ("reports:\n  - notebook: brief\n    parameters: [a]\n", "'parameters' is ['a']"),
    ("reports:\n  - notebook: brief\n    name: [a]\n", "'name' is ['a']"),
    ("reports:\n  - notebook: brief\n    name: 7\n", "'name' is 7"),
    ("reports:\n  - notebook: brief\n    colour: red\n", "unknown key(s) ['colour']"),
    ("reports:\n  - notebook: brief\n    for_each: everything\n", "for_each 'everything' is not supported"),
    ("reports:\n  - notebook: brief\n    parameters: {district: [万柏林区]}\n", "district"),
    ("reports:\n  - notebook: brief\n    parameters: {lang: {a: 1}}\n", "lang="),
    ("reports:\n  - name: b-{district}\n    notebook: brief\n    for_each: district\n    parameters: {district: 万柏林区}\n",
     "also expands it with for_each"),
    ("reports:\n  - name: b\n    notebook: brief\n    for_each: district\n", "'b' is used twice"),
    ("reports:\n  - name: g-{indicator}\n    notebook: brief\n", "uses {indicator}"),
])
def test_config_shape_errors_name_the_field_and_the_fix(tmp_path, out, text, message):
    cfg = tmp_path / "r.yaml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        run(cfg, out_dir=out, log=quiet, as_of="2026-11-28")
    assert message in str(info.value) and str(cfg) in str(info.value)
    assert not out.exists()


def test_for_each_matching_nothing_is_an_error(tmp_path, out):
    cfg = write_config(tmp_path / "r.yaml", [{"name": "g-{indicator}", "notebook": "growth_gap", "for_each": "target"}],
                       defaults={"target_year": 2030})
    result = cli("run", "--config", cfg, "--out", out)
    assert result.returncode == 2 and "matches nothing" in one_line(result) and "2030" in result.stderr


def test_for_each_district_and_target(tmp_path, out, curated_rows):
    cfg = write_config(tmp_path / "r.yaml", [
        {"name": "o-{district}", "notebook": "overview", "for_each": "district"},
        {"name": "g-{district}-{indicator}", "notebook": "growth_gap", "for_each": ["district", "target"],
         "parameters": {"target_year": 2025}},
    ], defaults={})
    names = list_reports(RunOptions(config_path=cfg, out_dir=out))
    districts = list(dict.fromkeys(r["district"] for r in curated_rows))
    assert names[: len(districts)] == [f"o-{d}" for d in districts]
    assert sorted(names[len(districts):]) == sorted(f"g-{d}-{i}" for d, i in assessable(curated_rows))


def test_the_default_suite_gives_every_district_an_overview_and_a_brief(curated_rows):
    names = list_reports(RunOptions(as_of=LATE))
    for district in {r["district"] for r in curated_rows}:
        assert {f"overview-{district}", f"brief-{district}", f"brief-en-{district}"} <= set(names)
    assert len(names) == len(set(names))
    # a per-indicator page only where there is something to assess: a 2025 target and a figure after 2020
    assert {n for n in names if n.startswith("growth_gap-")} == {f"growth_gap-{d}-{i}" for d, i in assessable(curated_rows)}


def assessable(rows):
    """(district, indicator) with a 2025 target and an actual figure in 2021-2025, read by hand from the rows."""
    targets = {(r["district"], r["indicator"]) for r in rows if r["kind"].startswith("target_") and r["year"] == "2025"}
    actual = {(r["district"], r["indicator"]) for r in rows
              if r["kind"] in ("level", "share", "growth", "cumulative") and 2020 < int(r["year"]) <= 2025}
    found = targets & actual
    assert found == {("万柏林区", "gdp")}          # today only GDP has a figure inside the plan
    return found


# --- command line --------------------------------------------------------------------------------

def test_list_prints_every_report_name():
    result = cli("run", "--list")
    assert result.returncode == 0
    assert result.stdout.split() == list_reports(RunOptions())


def test_only_error_points_to_list(tmp_path):
    result = cli("run", "--only", "nosuch*", "--out", tmp_path / "out")
    assert result.returncode == 2 and "run --list" in one_line(result)


@pytest.mark.parametrize("args,message", [
    (["--lang", "en"], "unrecognized arguments: --lang en"),
    (["--wait", "nan"], "--wait: 'nan' is not a number of seconds"),
    (["--wait", "-5"], "--wait: '-5' is not a number of seconds"),
    (["--wait", "inf"], "is not a number of seconds"),
    (["--jobs", "0"], "is not a positive whole number"),
])
def test_bad_options_show_runs_own_usage(args, message):
    result = cli("run", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("usage: python -m analysis run ") and message in result.stderr


def test_a_bad_scheduler_address_is_one_line(tmp_path):
    result = cli("run", "--scheduler", "notaurl", "--out", tmp_path / "out")
    assert result.returncode == 2 and "is not a scheduler address" in one_line(result)


def test_library_callers_get_the_same_checks(tmp_path, out):
    with pytest.raises(UsageError, match="--wait"):
        run(out_dir=out, wait=float("nan"), log=quiet, as_of="2026-11-28")
    with pytest.raises(UsageError, match="--wait"):
        run(out_dir=out, wait=-5, log=quiet, as_of="2026-11-28")


# --- data: the whole table is validated before anything is skipped or run ------------------------

def test_an_invalid_row_anywhere_means_exit_2_and_nothing_runs(tmp_path, out, curated_rows, table):
    rows = [dict(r) for r in curated_rows]
    last = max(i for i, r in enumerate(rows) if r["district"] != "万柏林区")
    rows[last]["year"] = "20222"                        # a district no report below reads
    data = table(rows=rows)
    cfg = write_config(tmp_path / "r.yaml", [{"name": "b", "notebook": "brief"}])
    with pytest.raises(InputDataError) as info:
        run(cfg, data_path=data, out_dir=out, log=quiet, as_of="2026-11-28")
    assert any(f"row {last + 2}, column 'year': '20222'" in p for p in info.value.problems)
    code, _, err = cli("run", "--config", cfg, "--data", data, "--out", tmp_path / "o2")
    assert code == 2 and "'20222'" in err and "nothing ran" in err
    assert "Traceback" not in err and not (tmp_path / "o2").exists()


def test_a_bad_name_file_is_bad_data_too_exit_2_and_nothing_runs(tmp_path, out):
    data = copy_data(tmp_path / "data")
    with open(data / "districts.csv", "a", encoding="utf-8") as f:
        f.write("a/b,AB,太原市,Taiyuan,山西省,district\n")
    cfg = write_config(tmp_path / "r.yaml", [{"name": "b", "notebook": "brief"}])
    code, _, err = cli("run", "--config", cfg, "--data", data / "indicators.csv", "--out", tmp_path / "o3")
    assert code == 2 and "districts.csv row" in err and "nothing ran" in err
    assert "Traceback" not in err and not (tmp_path / "o3").exists()


@pytest.mark.parametrize("content", [
    b"", b"\xff\xfe\x00bad", b"district;indicator;kind;year\n1;2;3;4\n", b"district\n\x00\x00\n",
    b"DISTRICT,INDICATOR,KIND,YEAR\nx,y,level,2020\n",                          # upper-case header
    b"district,indicator,kind,year\nx,y,level,\"" + b"9" * 1_000_000 + b"\"\n",  # a 1 MB field
    "district,indicator,kind,year\n万柏林区,gdp,level,2020\n".encode("cp1252", errors="replace").replace(b"?", b"\xe9"),
])
def test_unreadable_tables_are_one_line(tmp_path, content):
    data = tmp_path / "t.csv"
    data.write_bytes(content)
    result = cli("run", "--data", data, "--out", tmp_path / "out")
    assert result.returncode == 2 and "Traceback" not in result.stderr and str(data) in result.stderr


def test_lock_held_is_exit_3(tmp_path, out):
    cfg = write_config(tmp_path / "r.yaml", [{"name": "b", "notebook": "brief"}])
    out.mkdir()
    with FileLock(str(out / ".run.lock")):
        with pytest.raises(LockHeldError, match="another run is writing"):
            run(cfg, out_dir=out, log=quiet, as_of="2026-11-28")
        code, _, err = cli("run", "--config", cfg, "--out", out)
        assert code == 3 and "another run" in err and err.count("\n") == 1
    assert not (out / "b.html").exists()


def test_cr_only_line_endings_read_the_same_rows(tmp_path):
    from analysis.runner.inputs import read_rows

    from conftest import FIXTURE_TABLE

    text = FIXTURE_TABLE.read_bytes()
    cr = tmp_path / "cr.csv"
    cr.write_bytes(text.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    assert read_rows(cr) == read_rows(FIXTURE_TABLE)


def test_a_city_reading_report_reruns_when_a_neighbour_changes(curated_rows):
    """The overview reads its city's districts (it compares them): a 杏花岭区 row changes its hash."""
    from analysis.runner.inputs import rows_hash

    from analysis.data.registry import load_registry
    from conftest import FIXTURE_TABLE

    registry = load_registry(FIXTURE_TABLE)
    before = rows_hash(curated_rows, "万柏林区", None, "city", registry)
    changed = [dict(r, value="999") if r["district"] == "杏花岭区" and i == len(curated_rows) - 1 else r
               for i, r in enumerate(curated_rows)]
    assert rows_hash(changed, "万柏林区", None, "city", registry) != before
    assert rows_hash(changed, "万柏林区", None, "district") == rows_hash(curated_rows, "万柏林区", None, "district")


# --- errors carry fields (parameter, value, accepted, path), not only words ----------------------

@pytest.mark.parametrize("report,parameter,value", [
    ({"name": "x" * 200, "notebook": "brief"}, "name", "x" * 200),
    ({"name": "index", "notebook": "brief"}, "name", "index"),
    ({"name": "x", "notebook": "../secrets"}, "notebook", "../secrets"),
    ({"name": "x", "notebook": "nope"}, "notebook", "nope"),
])
def test_config_refusals_name_the_field_and_value(tmp_path, out, report, parameter, value):
    cfg = write_config(tmp_path / "r.yaml", [report])
    with pytest.raises(ConfigError) as info:
        run(cfg, out_dir=out, log=quiet, as_of=LATE)
    assert (info.value.parameter, info.value.value) == (parameter, value)
    assert info.value.accepted is not None
    if parameter == "notebook":
        assert "brief" in info.value.accepted


@pytest.mark.parametrize("options,parameter", [
    ({"wait": -1}, "--wait"), ({"as_of": "yesterday"}, "--as-of"), ({"only": ("nothing-like-this*",)}, "--only"),
    ({"scheduler": "not an address"}, "--scheduler"), ({"out_dir": config.PROJECT_DIR}, "--out"),
])
def test_run_option_refusals_name_the_option(out, options, parameter):
    with pytest.raises(UsageError) as info:
        run(**{"out_dir": out, "log": quiet, "as_of": LATE, **options})
    assert info.value.parameter == parameter and info.value.value is not None


def test_a_review_file_refusal_names_the_option(tmp_path):
    from analysis.data.write import check_review_out

    with pytest.raises(UsageError) as info:
        check_review_out(tmp_path)                       # a folder
    assert info.value.fields() == {"parameter": "--out", "value": str(tmp_path), "path": str(tmp_path)}
