"""Locks: one writer at a time for the curated table and for a report folder.

:class:`exclusive_lock` is the one mechanism (an exclusive lock on a file, waited for with a timeout);
:func:`table_lock` is the table's (``.<name>.lock`` beside it, used by ``merge``); the runner holds one
on its output folder (:mod:`analysis.runner.batch`). A held lock becomes :class:`LockHeldError` (exit 3).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from analysis.exceptions import DataFileError, LockHeldError

LOCK_WAIT_S = 60.0
"""How long a writer waits for another writer of the same table before giving up (exit code 3)."""


def lock_path(path: str | os.PathLike) -> Path:
    """The lock file of the table *path*: ``.<name>.lock`` beside the real file (links resolved)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


class exclusive_lock:
    """An exclusive lock on the file *path*, waited for up to *wait* seconds (polling).

    On POSIX it is ``fcntl.flock`` on the file, the call ``filelock`` makes there, so it excludes
    ``filelock.FileLock`` holders too; taking it directly spares the 25 ms that importing ``filelock``
    costs, which a run with nothing to do would otherwise pay. Elsewhere ``filelock`` does it.
    Raises :class:`TimeoutError` when another holder keeps it longer than *wait*, :class:`OSError`
    when the lock file cannot be created.
    """

    def __init__(self, path: str | os.PathLike, wait: float):
        self.path, self.wait, self._fd, self._other = str(path), wait, None, None

    def __enter__(self):
        try:
            import fcntl
        except ImportError:                                  # not POSIX
            from filelock import FileLock, Timeout

            self._other = FileLock(self.path)
            try:
                self._other.acquire(timeout=self.wait)
            except Timeout:
                raise TimeoutError(self.path) from None
            return self
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        deadline = time.monotonic() + max(self.wait, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    os.close(fd)
                    raise TimeoutError(self.path) from None
                time.sleep(min(0.05, left))
            except BaseException:
                os.close(fd)
                raise
        self._fd = fd
        return self

    def __exit__(self, *exc):
        if self._other is not None:
            self._other.release()
        elif self._fd is not None:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class table_lock:
    """Hold the write lock of the table *path* (blocks up to *wait* seconds, then :class:`LockHeldError`).

    >>> import tempfile, pathlib
    >>> table = pathlib.Path(tempfile.mkdtemp()) / "indicators.csv"
    >>> with table_lock(table):
    ...     lock_path(table).exists()
    True
    """

    def __init__(self, path: str | os.PathLike, wait: float = LOCK_WAIT_S):
        self.path, self.wait = lock_path(path), wait
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise DataFileError(f"{self.path}: the lock file is a symlink or not a file; remove it and run again")

    def __enter__(self):
        self.lock = exclusive_lock(self.path, self.wait)
        try:
            self.lock.__enter__()
        except TimeoutError:
            raise LockHeldError(f"another command is writing {self.path.with_name(self.path.name[1:-5])} "
                                f"(lock {self.path}) for more than {self.wait:.0f} s; retry when it has finished") \
                from None
        except OSError as exc:
            raise DataFileError(f"{self.path}: cannot create the lock file ({exc.strerror}); "
                                "the table's folder must be writable") from None
        return self

    def __exit__(self, *exc):
        self.lock.__exit__(*exc)
