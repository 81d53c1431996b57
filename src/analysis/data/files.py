"""Files read safely: the size-capped reader of untrusted input, how messages name a file, a file's digest.

Reading (:func:`read_bytes`) refuses anything but a regular file no larger
than :data:`MAX_FILE_BYTES`, in one line naming the file; messages name a path
with :func:`display_name` and show invisible characters with :func:`visible`.
Writing lives in :mod:`analysis.data.write`. Standard library only: the
runner's fast path imports this module.
"""
from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from pathlib import Path

from analysis.exceptions import DataFileError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest table accepted, checked with ``fstat`` before reading (the curated table is ~30 kB)."""
# Unicode categories that never belong in a header name or key text: controls, format characters
# (zero-width space/joiners, BOM, bidi marks), surrogates, private use, unassigned, line/paragraph separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def display_name(path: str | os.PathLike) -> str:
    """How messages name *path*: relative to the working folder when inside it, else as given;
    control characters in the name shown as ``<U+000A>`` so a message stays one line."""
    path = Path(path)
    text = os.path.relpath(path) if path.is_absolute() and str(path).startswith(os.getcwd() + os.sep) else str(path)
    return visible(text, limit=len(text))


def visible(value: str, limit: int = 60) -> str:
    """*value* for a message: invisible characters as ``<U+200B>``, cut to *limit* characters.

    >>> visible("万柏林区\\u200b")
    '万柏林区<U+200B>'
    """
    shown = value if len(value) <= limit else value[:limit] + f"… ({len(value):,} characters)"
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in INVISIBLE_CATEGORIES else c for c in shown)


def invisible_characters(value: str) -> list[str]:
    """Code points of the invisible or control characters in *value*, e.g. ``['U+200B ZERO WIDTH SPACE']``."""
    return [f"U+{ord(c):04X} {unicodedata.name(c, 'control character')}"
            for c in value if unicodedata.category(c) in INVISIBLE_CATEGORIES]


def read_bytes(path: str | os.PathLike, name: str | None = None) -> bytes:
    """The bytes of a CSV table: :func:`read_limited` within :data:`MAX_FILE_BYTES`."""
    return read_limited(path, MAX_FILE_BYTES, "CSV file", name)


def file_digest(path: Path, length: int = 12) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:length]


MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""Largest source document accepted by ``normalize`` and ``extract`` (a plan outline is ~200 kB)."""


def read_limited(path: str | os.PathLike, limit: int, what: str = "file", name: str | None = None) -> bytes:
    """The bytes of *path* if it is a regular file of at most *limit* bytes; :class:`DataFileError`
    (one line naming the file and the fix) for a folder, device, pipe, socket, dangling link or a larger file.

    Opened without blocking (a FIFO never waits for a writer) and read at most *limit* + 1 bytes
    (a file that grows, or a link to ``/dev/zero``, cannot exhaust memory).
    """
    name = name or display_name(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        dangling = os.path.islink(path)
        raise DataFileError(f"{name}: {'is a link to nothing' if dangling else 'no such file'}; "
                            f"pass the path of a {what}") from None
    except OSError as exc:
        raise DataFileError(f"{name}: cannot read ({exc.strerror}); pass the path of a readable {what}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataFileError(f"{name}: is a folder, not a {what}; remove it or pass the path of a file")
        if not stat.S_ISREG(info.st_mode):
            raise DataFileError(f"{name}: is not a regular file (a device, pipe or socket, or a link to one); "
                                f"remove it or pass the path of a {what}")
        if info.st_size > limit:
            raise DataFileError(f"{name}: {info.st_size:,} bytes is larger than the {limit:,} accepted for a {what}; "
                                "split it or pass the right file")
        with os.fdopen(fd, "rb") as f:
            fd = None
            raw = f.read(limit + 1)
    finally:
        if fd is not None:
            os.close(fd)
    if len(raw) > limit:
        raise DataFileError(f"{name}: larger than the {limit:,} bytes accepted for a {what}; split it")
    return raw


def irregular_entries(folder: str | os.PathLike, pattern: str = "*.txt") -> list[str]:
    """One line per entry of *folder* matching *pattern* that is not a regular file (a FIFO, a folder,
    a device or a link to one, a dangling link): every reader of the folder would refuse it."""
    problems = []
    for path in sorted(Path(folder).glob(pattern)):
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except OSError:
            regular = False
        if not regular:
            problems.append(f"{display_name(path)}: is not a regular file (a folder, pipe, device, or a dangling "
                            "link); remove it, or replace it with the document itself")
    return problems
