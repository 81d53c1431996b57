"""The one writer of the curated table (and of any file that must never be seen half-written).

Output files (pages, manifest, workbooks) go through :func:`write_atomic`: a
temporary file beside the target renamed into place, without the table's lock
and fsyncs (a lost page is made again by the next run).

Every write of an indicator table goes through :func:`replace_table` while
:func:`~analysis.data.lock.table_lock` is held: the lock is a file beside the table
(``.<name>.lock``), the mechanism the runner uses for its output folder, so
two ``merge`` commands queue instead of losing a row. The new content goes to
a uniquely named temporary file in the same folder, takes the original's
permission bits, is flushed to disk (``fsync``) and renamed over the table;
the folder is then fsynced so the rename survives a power cut. Only
``merge`` (:mod:`analysis.data.merge`) calls it.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from analysis.exceptions import DataFileError, UsageError

def replace_file(path: str | os.PathLike, content: str | bytes, mode: int | None = None) -> None:
    """Replace *path* by *content* atomically and durably.

    A uniquely named temporary file in the same folder, the permission bits of
    the file it replaces (or *mode*, or 0666 less the umask for a new file),
    ``fsync`` of the file, rename, ``fsync`` of the folder. A symbolic link is
    followed (the file it points to is replaced); a target that exists and is
    not a regular file is refused with :class:`DataFileError`.
    """
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise DataFileError(f"{path}: exists and is not a regular file (a folder, device or pipe); "
                            "pass the path of a file")
    if mode is None:
        if info is not None:
            mode = stat.S_IMODE(info.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass            # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def replace_table(path: str | os.PathLike, text: str) -> None:
    """Replace the indicator table *path* by *text*; the caller holds :func:`table_lock` on it."""
    replace_file(path, text)


# --- where other commands may write ------------------------------------------------------------------
REVIEW_DIR_NAME = "review"
"""``data/review/``: the one folder under ``data/`` a command other than ``merge`` writes (review files; git-ignored)."""
_SOURCE_FOLDERS = ("src", "notebooks", "tests", "scripts", "benchmarks", "data")


def protected_folder(path: str | os.PathLike) -> str | None:
    """What makes *path* (resolved) a place no command writes into, or None.

    Inside a ``.git`` folder anywhere, or inside one of the project's tracked source folders
    (``src/``, ``notebooks/``, ``tests/``, ``scripts/``, ``benchmarks/``, ``data/``), except
    ``data/review/``.

    >>> from analysis import config
    >>> protected_folder(config.PROJECT_DIR / "tests" / "x.csv")
    'tests/'
    >>> protected_folder(config.DATA_DIR / "review" / "x.csv") is None
    True
    """
    from analysis import config

    resolved = Path(os.path.realpath(path))
    if ".git" in resolved.parts:
        return ".git/"
    project = Path(os.path.realpath(config.PROJECT_DIR))
    review = Path(os.path.realpath(config.DATA_DIR)) / REVIEW_DIR_NAME
    if resolved == review or resolved.is_relative_to(review):
        return None
    for name in _SOURCE_FOLDERS:
        folder = project / name
        if resolved == folder or resolved.is_relative_to(folder):
            return f"{name}/"
    data = Path(os.path.realpath(config.DATA_DIR))
    if resolved == data or resolved.is_relative_to(data):
        return "data/"
    return None


def _first_line(path: Path, limit: int = 65536) -> str:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        head = f.read(limit)
    return head.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8-sig", errors="replace")


def check_review_out(out: str | os.PathLike, inputs: tuple = ()) -> Path:
    """*out* if ``extract`` may write its review file there; :class:`UsageError` (one line) otherwise.

    Refused: one of *inputs* (the document, the table), an existing file that is not a review file
    (its first line is not the review header), anything that is not a regular file (a folder,
    device, pipe, symbolic link), a path inside ``.git`` or a source folder of the project
    (``data/`` only in ``data/review/``).
    """
    from analysis.data.schema import COLUMNS

    out = Path(out)
    shown = f"--out {out}"
    fix = f"pass a new file such as {Path('data') / REVIEW_DIR_NAME / 'review.csv'}"
    if os.path.lexists(out):
        if out.is_symlink():
            raise UsageError(f"{shown}: is a symbolic link; {fix}", parameter="--out", value=str(out), path=out)
        info = os.stat(out)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{shown}: is a folder; {fix}", parameter="--out", value=str(out), path=out)
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{shown}: is not a regular file (a device, pipe or socket); {fix}",
                             parameter="--out", value=str(out), path=out)
        for other in inputs:
            if other is not None and os.path.exists(other) and os.path.samefile(out, other):
                raise UsageError(f"{shown}: is the file extract reads ({other}); {fix}",
                                 parameter="--out", value=str(out), path=out)
        header = _first_line(out).split(",")
        if not set(COLUMNS) | {"status"} <= {h.strip() for h in header}:
            raise UsageError(f"{shown}: exists and is not a review file written by extract (its first line is not "
                             f"the review header); extract replaces only its own review files: {fix}",
                             parameter="--out", value=str(out), path=out)
    label = protected_folder(out)
    if label is not None:
        raise UsageError(f"{shown}: is inside {label}, which holds the project's sources (data/ only in "
                         f"data/{REVIEW_DIR_NAME}/); {fix}", parameter="--out", value=str(out), path=out)
    return out


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write to a temporary file beside *path*, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)
        # mkstemp makes the file private (0600); a report is meant to be read by others.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- cells a spreadsheet would run -------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell) -> str:
    """*cell* as text a spreadsheet shows rather than runs: one starting like a formula (=, +, -, @,
    tab, CR) gets a leading apostrophe; numbers (-3.4) are left alone.

    >>> spreadsheet_safe('=HYPERLINK("http://x")'), spreadsheet_safe("-3.4"), spreadsheet_safe("'=1")
    ('\\'=HYPERLINK("http://x")', '-3.4', "''=1")
    """
    from analysis.data.schema import NUMBER

    text = "" if cell is None else str(cell)
    if text.startswith(_FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    if text.startswith("'") and text[1:2] in ("'",) + _FORMULA_START:
        return "'" + text              # an apostrophe of its own survives the round trip
    return text


def from_spreadsheet(cell: str) -> str:
    """The inverse of :func:`spreadsheet_safe`: the apostrophe it added removed.

    >>> from_spreadsheet("'=HYPERLINK(1)"), from_spreadsheet("'plain"), from_spreadsheet("''=1")
    ('=HYPERLINK(1)', "'plain", "'=1")
    """
    if cell.startswith("'") and cell[1:2] in ("'",) + _FORMULA_START:
        return cell[1:]
    return cell
