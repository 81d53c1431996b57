"""Validated means runnable (issue 21): rows generated from the schema that `validate` accepts go through
the engine (`gaps`) without an error; no traceback reaches a user from the commands the probes used."""
import csv
import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DATA
from analysis.cli.main import main
from analysis.data.schema import BOUNDS, COLUMNS, GROWTH_KINDS, KINDS, PERCENT_KINDS, PRICE_BASES

BASE_ROWS = list(csv.DictReader(open(FIXTURE_DATA / "indicators.csv", encoding="utf-8", newline="")))
INDICATORS = sorted({(r["indicator"], r["indicator_zh"], r["unit"]) for r in BASE_ROWS
                     if r["kind"] in ("level", "target_level", "cumulative")})
DISTRICTS = sorted({r["district"] for r in BASE_ROWS})


def _value_text(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@st.composite
def rows(draw):
    """One indicator row as a person (or the extractor) might write it, from the schema's vocabularies."""
    indicator, zh, amount_unit = draw(st.sampled_from(INDICATORS))
    kind = draw(st.sampled_from(sorted(KINDS)))
    year = draw(st.integers(2014, 2031))
    start = draw(st.one_of(st.just(""), st.integers(2014, year).map(str)))
    percent = kind in PERCENT_KINDS
    value = draw(st.floats(-30, 30) if kind in GROWTH_KINDS else st.floats(0, 100) if percent
                 else st.floats(0, 5000))
    text = _value_text(value)
    unit = "%" if percent else amount_unit
    basis = draw(st.sampled_from(["current", "comparable", "unstated"])) if kind in GROWTH_KINDS else \
        draw(st.sampled_from(sorted(PRICE_BASES)))
    shown = f"下降{text.lstrip('-')}" if text.startswith("-") else text
    return {"district": draw(st.sampled_from(DISTRICTS)), "indicator": indicator, "indicator_zh": zh,
            "year": str(year), "kind": kind, "value": text, "unit": unit, "price_basis": basis,
            "bound": draw(st.sampled_from(sorted(BOUNDS))), "period_start": start, "source": "synthetic.txt",
            "quote": f"{year}年{zh}{shown}{unit}", "note": ""}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The fixture's name files, without sources/ (generated quotes are checked against their value only)."""
    folder = tmp_path_factory.mktemp("generated") / "data"
    shutil.copytree(FIXTURE_DATA, folder, ignore=shutil.ignore_patterns("sources"))
    return folder


def check(folder, extra):
    from analysis.data.loading import load_indicators, validate_file
    from analysis.data.registry import registry_of
    from analysis.engine.gaps import gap_table
    from analysis.engine.records import to_records
    from analysis.exceptions import AnalysisError

    path = folder / "indicators.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(BASE_ROWS + extra)
    _, problems = validate_file(path)
    if problems:
        return "refused"
    data = load_indicators(path)
    for target_year in (None, 2025, 2030):
        try:
            to_records(gap_table(data, target_year=target_year, registry=registry_of(data)))
        except AnalysisError as exc:            # a refusal in words is allowed; anything else is a bug
            assert "\n" not in str(exc) or getattr(exc, "problems", None)
    return "ran"


# a table per example in a temporary folder: slow examples and a function-scoped folder are expected
UNHURRIED = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}


@settings(max_examples=12, **UNHURRIED)
@given(st.lists(rows(), min_size=1, max_size=4))
def test_rows_validate_accepts_go_through_the_engine(folder, extra):
    os.environ["ANALYSIS_NO_CACHE"] = "1"
    check(folder, extra)


@pytest.mark.slow
@settings(max_examples=150, **UNHURRIED)
@given(st.lists(rows(), min_size=1, max_size=6))
def test_many_generated_tables_validate_accepts_go_through_the_engine(folder, extra):
    os.environ["ANALYSIS_NO_CACHE"] = "1"
    check(folder, extra)


def test_a_level_row_with_a_period_start_is_refused_or_runs(folder, capsys):
    """Issue 21: a level row with period_start merged and validated, then gaps failed in the series-break code."""
    gdp = next(r for r in BASE_ROWS if r["indicator"] == "gdp" and r["kind"] == "level" and r["year"] == "2022")
    outcome = check(folder, [dict(gdp, year="2023", period_start="2021", value="700",
                                  quote="2023年地区生产总值700亿元")])
    assert outcome in ("refused", "ran")
    code = main(["gaps", "--data", str(folder / "indicators.csv"), "--format", "json"])
    assert code in (0, 1, 2) and "Traceback" not in capsys.readouterr().err


def test_an_unforeseen_error_is_one_line_and_exit_70(monkeypatch, capsys):
    from analysis.cli import main as cli_main

    def broken(args):
        raise ValueError("could not convert string to float: 'abc'\nsecond line")
    parser = cli_main.build_parser()
    monkeypatch.setattr(cli_main, "build_parser", lambda: parser)
    parser.commands["validate"].set_defaults(func=broken)
    monkeypatch.delenv("ANALYSIS_DEBUG", raising=False)
    assert main(["validate"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("internal error at test_validated_runs.py:")
    assert "ValueError: could not convert string to float: 'abc' second line" in err


@pytest.mark.slow
def test_an_ascii_terminal_gets_escapes_not_a_traceback():
    import subprocess
    import sys

    env = dict(os.environ, PYTHONIOENCODING="ascii", ANALYSIS_DATA=str(FIXTURE_DATA / "indicators.csv"))
    result = subprocess.run([sys.executable, "-m", "analysis", "gaps"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr and "\\u" in result.stdout


def test_a_full_stdout_is_one_line_and_exit_1():
    import subprocess
    import sys

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    env = dict(os.environ, ANALYSIS_DATA=str(FIXTURE_DATA / "indicators.csv"))
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "analysis", "gaps"], stdout=full, stderr=subprocess.PIPE,
                                text=True, env=env)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: cannot write the output (No space left on device)")


def test_a_label_with_dollar_signs_is_text_not_mathtext():
    import matplotlib

    import analysis.report.plotting  # noqa: F401 - sets the project's rcParams
    from matplotlib.figure import Figure

    assert matplotlib.rcParams["text.parse_math"] is False
    fig = Figure()
    ax = fig.subplots()
    ax.set_title("成本$5$与$x^")            # unbalanced: mathtext would raise ValueError
    fig.savefig(__import__("io").BytesIO(), format="png")


@pytest.mark.parametrize("kind,start,year,message", [
    ("level", "2021", "2022", "is set for a level"),
    ("share", "2020", "2022", "is set for a share"),
    ("growth", "2022", "2022", "is not before year 2022"),           # a one-year growth has no period_start
    ("growth", "2020", "2022", "write 2021 for an average over 2021–2022"),   # the base year as period_start
    ("cumulative", "2023", "2022", "a period cannot start after its year"),
])
def test_a_period_that_means_nothing_is_refused_at_validate(table, kind, start, year, message):
    from analysis.data.loading import validate_file

    gdp = {"level": 0, "share": 0, "growth": 1, "cumulative": 0}
    row = dict(next(r for r in BASE_ROWS if r["indicator"] == "gdp" and r["kind"] == ("growth" if kind == "growth"
                                                                                      else "level")))
    row.update(kind=kind, period_start=start, year=year)
    if kind == "share":
        row.update(unit="%", price_basis="")
    if kind == "cumulative":
        row.update(price_basis="")
    path = table(rows=[row])
    _, problems = validate_file(path)
    assert any("column 'period_start'" in p and message in p for p in problems), problems
