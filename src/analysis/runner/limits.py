"""Caps on what a run reads: file sizes, YAML expansion, parameter values.

A config or table is untrusted input: a folder, a device (``/dev/zero``), a
huge file or a YAML "billion laughs" alias bomb is refused in one line before
it can exhaust memory, and no message ever prints a huge value.
"""
from __future__ import annotations

import copy
import hashlib
import os
import stat
from pathlib import Path

from analysis.exceptions import ConfigError

MAX_CONFIG_BYTES = 1_000_000          # reports.yaml: a few kB in practice
MAX_DATA_BYTES = 256 * 1024 * 1024    # indicator CSV: ~100 bytes a row, ~2.5 M rows
MAX_YAML_NODES = 100_000              # nodes after expanding aliases
MAX_YAML_WEIGHT = 2_000_000           # characters of scalars after expanding aliases
MAX_YAML_DEPTH = 50
MAX_PARAMETER_CHARS = 10_000          # one parameter value, as JSON
MAX_NAME_CHARS = 100


def short(value, limit: int = 60) -> str:
    """``repr(value)`` cut to *limit* characters: messages never print a huge value.

    >>> short("x" * 100, 20)
    "'xxxxxxx…(102 chars)"
    """
    if isinstance(value, (list, dict, tuple, set)) and len(value) > limit:
        text = f"<{type(value).__name__} of {len(value)} items>"
    else:
        text = repr(value)
    if len(text) <= limit:
        return text
    suffix = f"…({len(text)} chars)"
    return text[: max(1, limit - len(suffix))] + suffix


def read_capped(path: Path, limit: int, what: str, option: str) -> bytes:
    """The bytes of a regular file of at most *limit* bytes, else a one-line error.

    Parameters
    ----------
    path : Path
        File to read.
    limit : int
        Largest accepted size in bytes.
    what, option : str
        What the file is ("config", "indicator table") and the option that names it,
        for the message.

    Raises
    ------
    ConfigError
        Missing, a folder, not a regular file (a device, a pipe), too large or unreadable.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such {what}; pass {option} PATH", parameter=option, value=str(path), path=path) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the {what} ({exc.strerror}); pass {option} PATH", parameter=option,
                          value=str(path), path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ConfigError(f"{path}: is a folder, not a {what}; pass {option} with a file", parameter=option,
                          value=str(path), path=path)
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"{path}: is not a regular file (a device or pipe); pass {option} with a file",
                          parameter=option, value=str(path), path=path)
    if info.st_size > limit:
        raise ConfigError(f"{path}: the {what} is {info.st_size:,} bytes; the limit is {limit:,} bytes",
                          value=info.st_size, accepted=limit, path=path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the {what} ({exc.strerror}); check its permissions", path=path) from None
    if len(data) > limit:            # grew while we looked
        raise ConfigError(f"{path}: the {what} is over {limit:,} bytes; the limit is {limit:,} bytes",
                          accepted=limit, path=path)
    return data


def load_yaml(path: Path):
    """Parse a config with YAML's safe loader, refusing alias bombs, deep nesting and tags.

    The document is composed to a node graph first (aliases are shared references
    there, so composing costs no more than the text); its size *with aliases
    expanded* is counted before any Python value is built.
    """
    raw = read_capped(path, MAX_CONFIG_BYTES, "config", "--config")
    key = (str(path), hashlib.sha256(raw).hexdigest())
    if key not in _PARSED:               # a run reads its config twice (jobs, index language): parse once
        _PARSED.clear()
        _PARSED[key] = _parse_yaml(raw, path)
    return copy.deepcopy(_PARSED[key])


_PARSED: dict = {}


def _parse_yaml(raw: bytes, path: Path):
    import yaml

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                          "a config is a UTF-8 YAML file", path=path) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        _check_expansion(node, path)
        _check_duplicate_keys(node, path)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        _check_depth(text, path)     # libyaml refuses deep nesting in its own words: say it in ours, with the line
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        # a tag (!!python/object …) is refused by the safe constructor: say what is accepted instead
        hint = ("; only plain YAML values are accepted (no !!python or other tags)"
                if isinstance(exc, yaml.constructor.ConstructorError) else "")
        raise ConfigError(f"{path}{where}: {problem}{hint}", path=path, line=mark.line + 1 if mark else None) from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply; at most {MAX_YAML_DEPTH} levels are accepted", path=path,
                          accepted=MAX_YAML_DEPTH) from None
    finally:
        loader.dispose()


def _check_duplicate_keys(root, path: Path) -> None:
    """Refuse a mapping that names a key twice (YAML would silently keep the last one)."""
    import yaml

    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in keys:
                        raise ConfigError(f"{path} line {key.start_mark.line + 1}: key {short(key.value, 40)} appears "
                                          f"twice in one mapping (first on line {keys[key.value]}); YAML would keep "
                                          "only the last: delete or rename one")
                    keys[key.value] = key.start_mark.line + 1
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def _check_depth(text: str, path: Path) -> None:
    """Refuse nesting deeper than MAX_YAML_DEPTH from the pure-Python event stream, which has no limit of
    its own: run when the fast loader failed, so the limit and its words are ours whatever the installed
    PyYAML's own limits are (shallower over-deep configs are refused by :func:`_check_expansion`)."""
    import yaml

    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):    # the pure-Python parser: no limit of its own
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise ConfigError(f"{path} line {event.start_mark.line + 1}: nested deeper than "
                                      f"{MAX_YAML_DEPTH} levels; write the config flatter", path=path,
                                      line=event.start_mark.line + 1, accepted=MAX_YAML_DEPTH)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return      # a syntax error: reported with its line by the loader below


def _check_expansion(root, path: Path) -> None:
    """Refuse a node graph whose alias-expanded size, weight or depth is over the caps."""
    import yaml

    sizes: dict[int, tuple[int, int, int]] = {}     # id(node) -> (nodes, weight, depth), expanded
    stack = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            nodes = 1 + sum(sizes[id(c)][0] for c in children)
            weight = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            weight += sum(sizes[id(c)][1] for c in children)
            depth = 1 + max((sizes[id(c)][2] for c in children), default=0)
            sizes[key] = (nodes, weight, depth)
            if nodes > MAX_YAML_NODES or weight > MAX_YAML_WEIGHT:
                raise ConfigError(f"{path} line {node.start_mark.line + 1}: expands (through YAML aliases) to more "
                                  f"than {MAX_YAML_NODES:,} values or {MAX_YAML_WEIGHT:,} characters; "
                                  "write the values out, without & anchors and * aliases", path=path,
                                  line=node.start_mark.line + 1, accepted=(MAX_YAML_NODES, MAX_YAML_WEIGHT))
            if depth > MAX_YAML_DEPTH:
                raise ConfigError(f"{path} line {node.start_mark.line + 1}: nested deeper than {MAX_YAML_DEPTH} levels",
                                  path=path, line=node.start_mark.line + 1, accepted=MAX_YAML_DEPTH)
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise ConfigError(f"{path} line {node.start_mark.line + 1}: a YAML alias refers to itself; "
                              "write the values out", path=path, line=node.start_mark.line + 1)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)


def _children(node) -> list:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
