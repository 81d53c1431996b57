"""Confinement: report names are names, notebooks come from ``notebooks/``, writes stay in ``--out``.

A config is untrusted: it may not turn a report name into a path, run a
notebook from elsewhere, or point the output at the project's own folders.
Every write and delete of a run goes through :func:`inside` first.
"""
from __future__ import annotations

import os
import re
import string
from pathlib import Path

from analysis import config
from analysis.exceptions import ConfigError, OutputFolderError
from analysis.runner.limits import MAX_NAME_CHARS, short

# letters of any script (Chinese characters included) and digits, _ and -, and what a district name may
# hold besides (analysis.data.schema.PLACE_NAME): fullwidth brackets and the middle dot; never a CJK
# compatibility ideograph (a look-alike of an ordinary character)
NAME = re.compile(r"(?![^\uf900-\ufaff\U0002f800-\U0002fa1f]*[\uf900-\ufaff\U0002f800-\U0002fa1f])"
                  r"[^\W_][\w\-（）·]*")
MAX_NAME_BYTES = 200
"""A report name's UTF-8 bytes: file names are limited to 255 bytes and the run adds suffixes (.ipynb, .tmp)."""
FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# names of files and folders a run writes itself
RESERVED = {"index", "manifest", "summary", "failed", "notebooks"}
NAME_RULE = "letters, digits, _, -, Chinese characters, （）and ·, starting with a letter, digit or character"


def template_fields(template, where: str) -> list[str]:
    """The ``{parameter}`` fields of a report-name template, checked to be plain names.

    >>> template_fields("growth_gap-{indicator}", "report #1")
    ['indicator']
    """
    if not isinstance(template, str):
        raise ConfigError(f"{where}: 'name' is {short(template)}; it must be a name such as overview-{{district}}",
                          parameter="name", value=template)
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ConfigError(f"{where}: name {short(template)} has a stray brace ({exc}); "
                          "use {parameter} fields such as {indicator}", parameter="name", value=template) from None
    fields = []
    for literal, field, spec, conversion in parts:
        if field is None:
            continue
        if not FIELD.fullmatch(field) or spec or conversion:
            raise ConfigError(f"{where}: name field {{{short(field, 30)[1:-1]}}} is not a plain parameter name; "
                              "use fields such as {district} or {indicator}", parameter="name", value=template)
        fields.append(field)
    plain = string.Formatter().vformat(template, (), {f: "x" for f in fields})
    check_name(plain, where, template)
    return fields


def check_name(name: str, where: str, shown: str | None = None) -> str:
    """*name* if it is a report name (not a path, not a name the run writes itself)."""
    shown = short(shown if shown is not None else name)
    if len(name) > MAX_NAME_CHARS:
        raise ConfigError(f"{where}: name {shown} is longer than {MAX_NAME_CHARS} characters",
                          parameter="name", value=name, accepted=MAX_NAME_CHARS)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ConfigError(f"{where}: name {shown} is {len(name.encode('utf-8'))} bytes long in UTF-8; at most "
                          f"{MAX_NAME_BYTES} are accepted (a file name holds 255 bytes, a Chinese character 3)",
                          parameter="name", value=name, accepted=MAX_NAME_BYTES)
    if not NAME.fullmatch(name):
        raise ConfigError(f"{where}: name {shown} is not a report name; accepted: {NAME_RULE} "
                          "(no /, \\, . or spaces: a name is not a path)",
                          parameter="name", value=name, accepted=NAME_RULE)
    if name.lower() in RESERVED:
        raise ConfigError(f"{where}: name {shown} collides with a file the run writes itself; "
                          f"not accepted: {', '.join(sorted(RESERVED))} (in any case)",
                          parameter="name", value=name, accepted=tuple(sorted(RESERVED)))
    return name


def notebook_path(entry_value, where: str) -> Path:
    """The notebook a report names: a file in the project's ``notebooks/`` folder, nothing else."""
    folder = Path(config.NOTEBOOKS_DIR)
    available = ", ".join(sorted(p.stem for p in folder.glob("*.ipynb")))
    if not isinstance(entry_value, str) or not entry_value:
        raise ConfigError(f"{where}: 'notebook' is {short(entry_value)}; it must be a notebook name; accepted: {available}",
                          parameter="notebook", value=entry_value, accepted=tuple(available.split(", ")))
    stem = entry_value[:-6] if entry_value.endswith(".ipynb") else entry_value
    if not NAME.fullmatch(stem):
        raise ConfigError(f"{where}: notebook {short(entry_value)} is not a notebook name (paths are not accepted: "
                          f"notebooks come from {folder}); accepted: {available}",
                          parameter="notebook", value=entry_value, accepted=tuple(available.split(", ")))
    path = folder / f"{stem}.ipynb"
    try:
        resolved = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise ConfigError(f"{where}: unknown notebook {short(entry_value)}; accepted: {available}",
                          parameter="notebook", value=entry_value, accepted=tuple(available.split(", "))) from None
    if not resolved.is_file() or not resolved.is_relative_to(folder.resolve()):
        raise ConfigError(f"{where}: notebook {short(entry_value)} leads outside {folder}; accepted: {available}",
                          parameter="notebook", value=entry_value, accepted=tuple(available.split(", ")))
    return resolved


def check_out_dir(out_dir: Path) -> Path:
    """The resolved output folder, refused when it is the project or one of its source folders."""
    out = Path(out_dir)
    if out.is_symlink() and not out.exists():
        raise OutputFolderError(f"--out {out}: is a dangling symlink; pass a folder",
                                parameter="--out", value=str(out), path=out)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out}: is an existing file, not a folder; pass a new or existing folder",
                                parameter="--out", value=str(out), path=out)
    resolved = out.resolve()
    project = Path(config.PROJECT_DIR).resolve()
    protected = {project / "notebooks": "notebooks/", project / "data": "data/", project / "src": "src/",
                 Path(config.NOTEBOOKS_DIR).resolve(): "notebooks/", Path(config.DATA_DIR).resolve(): "data/",
                 Path(config.PACKAGE_DIR).resolve(): "the package"}
    if resolved == project or project.is_relative_to(resolved):
        raise OutputFolderError(f"--out {out}: is the project folder or contains it; "
                                f"pass a folder of its own such as {project / 'reports'}",
                                parameter="--out", value=str(out), path=out)
    from analysis.data.write import protected_folder

    label = protected_folder(resolved)          # .git/ anywhere, tests/, scripts/, benchmarks/ …
    if label is not None:
        raise OutputFolderError(f"--out {out}: is inside {label}, which holds the project's sources; "
                                f"pass a folder of its own such as {project / 'reports'}",
                                parameter="--out", value=str(out), path=out)
    for folder, label in protected.items():
        if resolved == folder or resolved.is_relative_to(folder):
            raise OutputFolderError(f"--out {out}: is inside {label}, which holds the project's sources; "
                                    f"pass a folder of its own such as {project / 'reports'}",
                                    parameter="--out", value=str(out), path=out)
    return resolved


def inside(out_dir: Path, path: Path) -> Path:
    """*path* if its folder, with symlinks resolved, is *out_dir* or below it; else refuse.

    The file itself may be a symlink: writes replace it (rename) and deletes remove
    the link, never its target.
    """
    path = Path(path)
    folder = path.parent.resolve()
    if folder != out_dir and not folder.is_relative_to(out_dir):
        raise OutputFolderError(f"{path}: leads outside the output folder {out_dir} (a symlinked folder?); "
                                "nothing was written there", path=path)
    return folder / path.name


def make_out_dir(out: Path) -> None:
    """Create the output folder, in one line when that is impossible."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(f"--out {out}: cannot create the folder ({exc.strerror}); "
                                "pass a folder you can write to",
                                parameter="--out", value=str(out), path=out) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputFolderError(f"--out {out}: the folder is not writable; pass a folder you can write to",
                                parameter="--out", value=str(out), path=out)
