import csv
import io
from pathlib import Path

import pytest

from analysis import config
from analysis.schema import COLUMNS

ARTIFACTS = config.PROJECT_DIR / "test-artifacts"


@pytest.fixture(scope="session")
def data():
    from analysis import load_indicators

    return load_indicators()


@pytest.fixture(scope="session")
def curated_rows():
    with open(config.DEFAULT_INDICATORS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_table(path: Path, rows: list[dict], header=COLUMNS, encoding="utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def table(tmp_path, curated_rows):
    """Write a variant of the first curated rows: table(edit) -> path."""
    def make(edit=None, rows=None, name="table.csv", **kwargs):
        body = [dict(r) for r in (rows if rows is not None else curated_rows[:6])]
        if edit:
            edit(body)
        return write_table(tmp_path / name, body, **kwargs)
    return make
