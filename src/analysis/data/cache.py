"""Validate once per content: typed tables that passed validation, kept on disk by what they were made of.

Validation (pandera, every quote against its document) is most of the cost of
answering one question about a large table: ~4 s for 2,800 counties. A table
that passed is stored as a pickle under the cache folder, named by a hash of
everything the verdict depends on:

* the table's bytes and the bytes of its five name files;
* the documents its quotes are checked against (``sources/*.txt`` beside it: name, size, inode,
  modification and change times, as git's index does, so thousands of documents cost one ``stat``
  each; the change time moves on every write and cannot be set back, so an edit that keeps the
  size and restores the modification time is still seen);
* the package (every file, :func:`analysis.runner.inputs.package_hash`) and the pandas version.

Any change to any of them is a new key, so a stale verdict cannot be served.
The folder is ``$ANALYSIS_CACHE_DIR``, else ``$XDG_CACHE_HOME/analysis``, else
``~/.cache/analysis``; ``--no-cache`` (or ``ANALYSIS_NO_CACHE=1``) bypasses it.
Only the newest :data:`KEEP` tables are kept. A file that cannot be read back is
ignored and validation runs again.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
import tempfile

KEEP = 16
FORMAT = b"validated-table v1"


def enabled() -> bool:
    """False when ``ANALYSIS_NO_CACHE`` is set to anything but '' or '0' (``--no-cache``)."""
    return os.environ.get("ANALYSIS_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """Where validated tables are kept (see the module's docstring)."""
    if os.environ.get("ANALYSIS_CACHE_DIR"):
        return Path(os.environ["ANALYSIS_CACHE_DIR"]) / "validated"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "analysis" / "validated"


def content_key(path: Path, raw: bytes) -> str:
    """Hash of the table *raw* (read from *path*), its name files, its documents' stat stamps and the code."""
    from importlib.metadata import version

    from analysis.data.namefiles import FILES
    from analysis.runner.inputs import package_hash

    here = Path(path).parent
    digest = hashlib.sha256(FORMAT)
    digest.update(hashlib.sha256(raw).digest())
    for file, _ in FILES.values():
        name_file = here / file
        digest.update(file.encode())
        digest.update(hashlib.sha256(name_file.read_bytes()).digest() if name_file.is_file() else b"absent")
    sources = here / "sources"
    if sources.is_dir():
        with os.scandir(sources) as entries:
            stamps = sorted((e.name, st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
                            for e in entries if e.name.endswith(".txt") and e.is_file() for st in (e.stat(),))
        digest.update(repr(stamps).encode())
    digest.update(package_hash().encode())
    digest.update(version("pandas").encode())
    return digest.hexdigest()


def _file(key: str) -> Path:
    return cache_dir() / f"{key}.pkl"


def has(key: str) -> bool:
    """Whether a table with this key passed validation (no pandas needed to ask)."""
    return _file(key).is_file()


def get(key: str):
    """The typed frame stored under *key*, or None (absent, or unreadable: then removed)."""
    path = _file(key)
    if not path.is_file():
        return None
    import pandas as pd

    try:
        frame = pd.read_pickle(path)
    except Exception:  # noqa: BLE001 - a damaged or foreign file is a miss, never an answer
        path.unlink(missing_ok=True)
        return None
    return frame if isinstance(frame, pd.DataFrame) else None


def put(key: str, frame) -> None:
    """Store a validated typed *frame* under *key* (written whole, then renamed); keep the newest :data:`KEEP`.

    A folder that cannot be written is no error: the next call validates again."""

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        plain = frame.copy()
        plain.attrs = {}
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-", suffix=".pkl", delete=False) as tmp:
            plain.to_pickle(tmp.name)
        os.replace(tmp.name, _file(key))
        kept = sorted(folder.glob("*.pkl"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
