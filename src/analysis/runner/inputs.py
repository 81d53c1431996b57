"""What a run reads, cheaply: the table's rows, a notebook's parameters, and hashes of both.

This is the no-op path's only reading: ``csv`` and ``json`` from the standard
library, papermill only for a notebook whose inspection is not cached yet.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from analysis import config
from analysis.exceptions import InputDataError
from analysis.runner.limits import MAX_DATA_BYTES, read_capped

REQUIRED_COLUMNS = ("district", "indicator", "kind", "year")


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of text as UTF-8."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def read_table_bytes(data_path: Path) -> bytes:
    """The indicator table's bytes: a regular file under :data:`MAX_DATA_BYTES`, else one line."""
    from analysis.exceptions import ConfigError

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
    from analysis.exceptions import DataFileError
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
    import unicodedata

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
    import ast

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
    import ast

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


def package_hash() -> str:
    """Hash of the package source, templates and font: a code change re-runs every report."""
    digest = hashlib.sha256()
    for path in sorted(config.PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".json", ".otf"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(config.PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def rows_hash(rows: list[dict], district: str | None, indicator: str | None, reads: str) -> str:
    """Hash of the rows a report reads: its district, its district and indicator, or its city's districts."""
    chosen = rows
    if reads == "city" and district:
        from analysis.data.registry import load_registry

        districts = load_registry().districts
        city = districts.get(district, {}).get("city", "")
        chosen = [r for r in chosen if r.get("district") == district
                  or (city and districts.get(r.get("district"), {}).get("city") == city)]
    if reads in ("district", "indicator") and district:
        chosen = [r for r in chosen if r.get("district") == district]
    if reads == "indicator" and indicator:
        chosen = [r for r in chosen if r.get("indicator") == indicator]
    return sha256(json.dumps(sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in chosen)))


def validation_key(raw: bytes, data_path: Path, package: str) -> str:
    """Identity of a validation verdict: the table, the source texts its quotes are checked against, the code."""
    digest = hashlib.sha256(raw)
    sources = Path(data_path).parent / "sources"
    if sources.is_dir():
        for path in sorted(sources.glob("*.txt")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update(package.encode())
    return digest.hexdigest()
