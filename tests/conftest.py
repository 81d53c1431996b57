import csv
import io
from pathlib import Path

import pytest

from analysis import config
from analysis.data.write import write_atomic
from analysis.report.page import render_html
from analysis.data.schema import COLUMNS

# The assessment date of the tests that read the table as a mid-term review (the 2022 figures are in,
# the 2023 ones not yet due): tests never depend on today's date.
MID = "2023-03-01"
LATE = "2026-11-28"

ARTIFACTS = config.PROJECT_DIR / "test-artifacts"

# The suite's own data: a frozen copy of the table, its name files and sources (see its README).
# The root conftest.py points $ANALYSIS_DATA here, so every default load in a test reads it too.
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
FIXTURE_TABLE = FIXTURE_DATA / "indicators.csv"
NAME_FILES = ("districts.csv", "indicator_names.csv", "sources.csv", "units.csv", "plans.csv")


@pytest.fixture(scope="session")
def data():
    from analysis import load_indicators

    return load_indicators(FIXTURE_TABLE)


@pytest.fixture(scope="session")
def curated_rows():
    """The fixture table's rows as dicts of strings."""
    with open(FIXTURE_TABLE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def copy_data(dest: Path) -> Path:
    """A writable copy of the fixture data folder (table, name files, sources) at *dest*; returns *dest*."""
    import shutil

    shutil.copytree(FIXTURE_DATA, dest)
    return dest


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the fixture data folder; its table is ``data_copy / "indicators.csv"``."""
    return copy_data(tmp_path / "data")


def write_table(path: Path, rows: list[dict], header=COLUMNS, encoding="utf-8", names=True) -> Path:
    """Write *rows* as a CSV table at *path*; with *names*, the fixture's name files go beside it
    (a table's names live beside it; no other folder is read)."""
    if names:
        copy_names(path.parent)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def table(tmp_path, curated_rows):
    """Write a variant of the first curated rows, with the fixture's name files beside it: table(edit) -> path."""
    def make(edit=None, rows=None, name="table.csv", **kwargs):
        body = [dict(r) for r in (rows if rows is not None else curated_rows[:6])]
        if edit:
            edit(body)
        return write_table(tmp_path / name, body, **kwargs)
    return make


@pytest.fixture
def workspace(tmp_path):
    """A copy of the fixture data to merge into, with the 2023 report normalised into sources/ and listed
    in sources.csv (as merge requires)."""
    from analysis.data.normalize import normalize_file

    data = copy_data(tmp_path / "data")
    (data / "sources" / "report_2023_simplified.txt").write_text(
        normalize_file(Path(__file__).parent / "fixtures" / "report_2023_simplified.txt")[0], encoding="utf-8")
    with open(data / "sources.csv", "a", encoding="utf-8") as f:
        f.write("report_2023_simplified.txt,万柏林区2023年计划执行报告（测试）,Wanbailin 2023 report (test),2024-01,adopted,\n")
    return data


def extract_rows(folder: Path, capsys, name: str, text: str, *args: str) -> list[dict]:
    """Write *text* as document *name* in *folder*, run ``analysis extract`` on it (exit 0 expected) and
    return the proposed rows as dicts."""
    from analysis.cli.main import main

    doc = folder / name
    doc.write_text(text, encoding="utf-8")
    assert main(["extract", str(doc), *args]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def copy_names(folder: Path) -> Path:
    """The fixture's five name files copied into *folder* (kept if already there); returns *folder*."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for name in NAME_FILES:
        if not (folder / name).exists():
            shutil.copy(FIXTURE_DATA / name, folder / name)
    return folder


# --- notebooks, shared by the HTML and browser tests ---------------------------------

NOTEBOOKS = ["overview", "growth_gap", "projection", "brief", "explorer"]
OTHER_PARAMETERS = {
    "overview": {"lang": "en"},
    "growth_gap": {"indicator": "high_tech_firms", "lang": "en"},
    "projection": {"indicator": "gdp", "target_override": 900.0, "growth_assumption": 15.0, "n_paths": 5000,
                   "lang": "en"},
    "brief": {"lang": "en", "gdp_target_override": 850.0},
    "explorer": {"interactive": False, "indicator": "gdp"},
}


def execute(name: str, parameters: dict, out: Path):
    import papermill          # here, not at the top: the fast loop (-m "not slow") never pays its import

    return papermill.execute_notebook(str(config.NOTEBOOKS_DIR / f"{name}.ipynb"), str(out), parameters=parameters,
                                      cwd=str(config.NOTEBOOKS_DIR), progress_bar=False, log_output=False)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """{(notebook, variant): html path}: each notebook run with default and other parameters."""
    folder = ARTIFACTS / "html"
    folder.mkdir(parents=True, exist_ok=True)
    work = tmp_path_factory.mktemp("nb")
    out = {}
    for name in NOTEBOOKS:
        for variant, params in (("default", {"interactive": False} if name == "explorer" else {}),
                                ("other", OTHER_PARAMETERS[name])):
            nb = execute(name, params, work / f"{name}-{variant}.ipynb")
            lang = params.get("lang", "zh")
            path = folder / f"{name}-{variant}.html"
            write_atomic(path, render_html(nb, lang))
            out[(name, variant)] = path
    return out

