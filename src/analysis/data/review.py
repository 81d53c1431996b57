"""Review files: what ``extract`` proposes and ``merge`` takes, and accepting rows without editing by hand.

A review file is the table's columns plus ``confidence`` and ``status``, written
as UTF-8 with a byte-order mark so that a spreadsheet (Chinese Excel included)
opens it with its Chinese intact. Rows are numbered as a spreadsheet shows them:
the header is row 1, the first proposal row 2 (the numbers ``merge`` and
``validate`` use in their messages).

``confidence`` is the extractor's own score, 0-1, of how directly the row's
words give the figure: 0.95 a "从A增长到B" pair under one name, 0.8 a figure
right after its name, 0.75 a later figure of a 分别/list sharing one name,
0.65 a number before its name (新创3个…), 0.3 a figure under a name the
registry does not know. It is not a probability and says nothing about the
year or basis read; it orders the rows to check first.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from analysis.exceptions import UsageError

BOM = "\ufeff"
PROPOSED, ACCEPTED = "proposed", "accepted"


def review_text(rows: list[dict], columns: list[str]) -> str:
    """The review file's text: BOM, header, one line per row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return BOM + buffer.getvalue()


def read_review(path: str | os.PathLike) -> tuple[list[str], list[dict]]:
    """(columns, rows) of a review file; :class:`UsageError` naming the file when it is not one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read as a UTF-8 review file ({exc.__class__.__name__}); "
                         "give the file `extract --out` wrote") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = list(reader.fieldnames or [])
    if "status" not in columns or "confidence" not in columns:
        raise UsageError(f"{path} row 1: no 'status' and 'confidence' columns; give the file `extract --out` wrote")
    return columns, list(reader)


def _confidence(row: dict) -> float:
    try:
        return float(row.get("confidence") or 0)
    except ValueError:
        return 0.0


def choose(rows: list[dict], *, accept_all: bool = False, numbers: list[int] | None = None,
           min_confidence: float | None = None, name: str = "review file") -> list[int]:
    """Spreadsheet row numbers to accept: every ``proposed`` row (*accept_all*), those at least
    *min_confidence* sure, or the rows *numbers* names (whatever their status)."""
    if numbers is not None:
        last = len(rows) + 1
        wrong = [n for n in numbers if not 2 <= n <= last]
        if wrong:
            raise UsageError(f"--rows {','.join(map(str, wrong))}: {name} has rows 2-{last} (row 1 is the header)")
        return sorted(set(numbers))
    floor = 0.0 if accept_all else float(min_confidence)
    return [i + 2 for i, r in enumerate(rows) if r.get("status") == PROPOSED and _confidence(r) >= floor]


def accept(path: str | os.PathLike, *, accept_all: bool = False, numbers: list[int] | None = None,
           min_confidence: float | None = None) -> tuple[list[int], list[tuple[int, str]]]:
    """Set ``status`` to ``accepted`` on the chosen rows of the review file *path* (rewritten in place,
    atomically, with its BOM). Returns (rows accepted, [(row, status)] of the rows left as they were)."""
    from analysis.data.write import replace_file

    columns, rows = read_review(path)
    chosen = choose(rows, accept_all=accept_all, numbers=numbers, min_confidence=min_confidence, name=str(path))
    for n in chosen:
        rows[n - 2]["status"] = ACCEPTED
    left = [(i + 2, r.get("status", "")) for i, r in enumerate(rows) if r.get("status") != ACCEPTED]
    replace_file(path, review_text(rows, columns))
    return chosen, left
