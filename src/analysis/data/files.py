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
    """The bytes of a regular file no larger than :data:`MAX_FILE_BYTES`; :class:`DataFileError` otherwise."""
    name = name or display_name(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DataFileError(f"{name}: no such file; pass the path of a CSV file") from None
    except OSError as exc:
        raise DataFileError(f"{name}: cannot read ({exc.strerror}); pass the path of a readable CSV file") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataFileError(f"{name}: is a folder; pass the path of a CSV file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise DataFileError(f"{name}: is not a regular file (a device, pipe or socket); pass the path of a CSV file")
        if info.st_size > MAX_FILE_BYTES:
            raise DataFileError(f"{name}: {info.st_size:,} bytes is larger than the {MAX_FILE_BYTES:,} accepted; "
                                "pass the indicator table, or split the file")
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)   # the file may have grown since fstat
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(f"{name}: larger than the {MAX_FILE_BYTES:,} bytes accepted; pass the indicator table")
    return raw


def file_digest(path: Path, length: int = 12) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:length]
