"""What a run reads, cheaply: the table's rows, a notebook's parameters, and hashes of both.

This is the no-op path's only reading: ``csv`` and ``json`` from the standard
library, papermill only for a notebook whose inspection is not cached yet.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
import unicodedata
import ast

from analysis import config
from analysis.exceptions import ConfigError, DataFileError, InputDataError
from analysis.runner.limits import MAX_DATA_BYTES, read_capped

REQUIRED_COLUMNS = ("district", "indicator", "kind", "year")


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of text as UTF-8."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def read_table_bytes(data_path: Path) -> bytes:
    """The indicator table's bytes: a regular file under :data:`MAX_DATA_BYTES`, else one line."""

    try:
        return read_capped(data_path, MAX_DATA_BYTES, "indicator table", "--data")
    except ConfigError as exc:
        raise InputDataError([str(exc)]) from None


def read_rows(data_path: Path, raw: bytes | None = None) -> list[dict]:
    """The table as dicts of stripped strings, through the project's one table reader
    (:mod:`analysis.data.tableio`, no pandas).

    Raises :class:`InputDataError` (one line) for a file that is not a UTF-8 CSV
    with the key columns; the full rules are checked by ``loading.validate_file``.
    """
    from analysis.data.tableio import decode, parse_text

    raw = read_table_bytes(data_path) if raw is None else raw
    name = str(data_path)
    try:
        table = parse_text(decode(raw, name), name)
    except DataFileError as exc:
        raise InputDataError([str(exc)]) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    if missing:
        raise InputDataError([f"{data_path} row 1: missing column(s) {', '.join(missing)}; "
                              f"run `python -m analysis validate {data_path}`"])
    return [_nfc(dict(zip(table.header, row))) for row in table.rows]


def _nfc(row: dict) -> dict:
    """Key text in Unicode NFC, as the loader reads it: one district is one string everywhere."""

    from analysis.data.schema import KEY_TEXT

    for column in KEY_TEXT:
        value = row.get(column)
        if value and not unicodedata.is_normalized("NFC", value):
            row[column] = unicodedata.normalize("NFC", value)
    return row


def notebook_info(path: Path) -> dict:
    """Parameters (names, defaults, inferred types) and declared reads of a notebook.

    Reads the cell tagged ``parameters`` with :mod:`ast`, as papermill's
    ``inspect_notebook`` does (a test keeps the two in agreement), without
    importing papermill (seconds) on the planning path.
    """

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    params = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            for node in ast.parse(source).body:
                target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
                    node.target if isinstance(node, ast.AnnAssign) and node.value is not None else None
                if isinstance(target, ast.Name):
                    default = ast.get_source_segment(source, node.value)
                    params[target.id] = {"default": default, "type": _literal_type(default)}
            break
    return {"parameters": params, "reads": nb.get("metadata", {}).get("analysis", {}).get("reads", "all")}


def _literal_type(default: str) -> str:
    """Type name of a parameter's default literal ('2025' → int); 'None' accepts anything."""

    try:
        return type(ast.literal_eval(default)).__name__ if default not in ("None", "") else "None"
    except (ValueError, SyntaxError):
        return "None"


def default_of(info: dict, name: str):
    """A notebook parameter's default as a value (quotes of string literals removed)."""
    value = info["parameters"].get(name, {}).get("default")
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def package_files() -> list[Path]:
    """Every file of the installed package that a page can depend on: code, templates, word
    catalogues (locales/*.yaml), CSS, fonts, of any kind; not Python's byte-code caches."""
    return [p for p in sorted(config.PACKAGE_DIR.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}]


_PACKAGE_HASHES: dict = {}


def package_hash() -> str:
    """Hash of every package file (:func:`package_files`): a change to code or words re-runs every report.

    Contents are hashed once per process for the same files, sizes and modification times."""
    files = package_files()
    stamp = (str(config.PACKAGE_DIR), tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files))
    if stamp not in _PACKAGE_HASHES:
        digest = hashlib.sha256()
        for path in files:
            digest.update(str(path.relative_to(config.PACKAGE_DIR)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        _PACKAGE_HASHES.clear()
        _PACKAGE_HASHES[stamp] = digest.hexdigest()
    return _PACKAGE_HASHES[stamp]


def chosen_rows(rows: list[dict], district: str | None, indicator: str | None, reads: str,
                registry=None) -> list[dict]:
    """The rows a report reads: its district, its district and indicator, its city's districts
    (*registry*: the name files of the table, for the cities), or all."""
    chosen = rows
    if reads == "city" and district:
        districts = registry.districts if registry is not None else {}
        city = districts.get(district, {}).get("city", "")
        chosen = [r for r in chosen if r.get("district") == district
                  or (city and districts.get(r.get("district"), {}).get("city") == city)]
    if reads in ("district", "indicator") and district:
        chosen = [r for r in chosen if r.get("district") == district]
    if reads == "indicator" and indicator:
        chosen = [r for r in chosen if r.get("indicator") == indicator]
    return chosen


# Each row's canonical text, written once per run: a suite's jobs read overlapping rows (a district's
# reports all read its rows), and the name-file rows are the same for every job. Keyed by id() with the
# row kept beside its text, so an id is never reused while its entry lives.
_ROW_TEXT: dict[int, tuple[dict, str]] = {}


def _row_text(row: dict) -> str:
    entry = _ROW_TEXT.get(id(row))
    if entry is None or entry[0] is not row:
        entry = _ROW_TEXT[id(row)] = (row, json.dumps(row, ensure_ascii=False, sort_keys=True))
    return entry[1]


def forget_row_texts() -> None:
    """Drop the row texts kept for hashing (the planner calls it when a run's planning ends)."""
    _ROW_TEXT.clear()


def _hash_rows(rows) -> str:
    return sha256(json.dumps(sorted(_row_text(r) for r in rows)))


def rows_hash(rows: list[dict], district: str | None, indicator: str | None, reads: str, registry=None) -> str:
    """Hash of the rows a report reads (:func:`chosen_rows`)."""
    return _hash_rows(chosen_rows(rows, district, indicator, reads, registry))


def names_hash(chosen: list[dict], registry) -> str:
    """Hash of the name-file rows a report's rows use: their districts (and those districts' cities),
    indicators, sources and units, and every plan. Marking a source adopted in sources.csv re-runs
    the pages that cite it; a new district's line re-runs nothing that does not show it."""
    tables = registry.tables
    districts = {r.get("district") for r in chosen}
    indicators, sources, units = ({r.get(c) for r in chosen} for c in ("indicator", "source", "unit"))
    cities = {row["city"] for row in tables["districts"] if row["district"] in districts and row.get("city")}
    used = {
        "districts": [row for row in tables["districts"] if row["district"] in districts],
        # a city's English name is read from any district listed in it
        "cities": [[row["city"], row.get("city_en", "")] for row in tables["districts"] if row.get("city") in cities],
        "indicators": [row for row in tables["indicators"] if row["indicator"] in indicators],
        "sources": [row for row in tables["sources"] if row["file"] in sources],
        "units": [row for row in tables["units"] if row["unit"] in units],
        "plans": tables["plans"],
    }
    return sha256(json.dumps({k: _hash_rows(v) for k, v in used.items()}, sort_keys=True))


def names_files_hash(data_path: Path) -> str:
    """Hash of the five name files beside the table (their bytes; a missing one hashes as absent)."""
    from analysis.data.namefiles import FILES

    digest = hashlib.sha256()
    for file, _ in FILES.values():
        path = Path(data_path).parent / file
        digest.update(file.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"absent")
    return digest.hexdigest()


def validation_key(raw: bytes, data_path: Path, package: str) -> str:
    """Identity of a validation verdict: the table, its name files, the source texts its quotes are
    checked against, the code."""
    digest = hashlib.sha256(raw)
    digest.update(names_files_hash(data_path).encode())
    sources = Path(data_path).parent / "sources"
    if sources.is_dir():
        from analysis.data.files import MAX_DOCUMENT_BYTES, read_limited

        for path in sorted(sources.glob("*.txt")):
            digest.update(path.name.encode())
            try:
                digest.update(read_limited(path, 4 * MAX_DOCUMENT_BYTES, "normalised document"))
            except DataFileError as exc:       # a pipe, device or dangling link among the sources
                raise InputDataError([str(exc)]) from None
    digest.update(package.encode())
    return digest.hexdigest()
