"""The plan: a config file and the table's rows → validated jobs with their hashes.

Everything a config can get wrong is refused here, in one line, before
anything runs: unknown keys, a path where a name belongs, a value of the wrong
type or size, a ``for_each`` that expands to nothing, duplicate names.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

from analysis.exceptions import ConfigError, DataValidationError, InputDataError, ParameterError
from analysis.runner import confine
from analysis.runner.inputs import (chosen_rows, default_of, forget_row_texts, names_hash, notebook_info, package_hash,
                                    rows_hash, sha256)
from analysis.runner.limits import MAX_PARAMETER_CHARS, load_yaml, short

TOP_LEVEL_KEYS = ("defaults", "reports")
ENTRY_KEYS = ("name", "notebook", "parameters", "for_each")
FOR_EACH = ("district", "target")
PRODUCES = {"district": "district", "target": "indicator"}   # for_each step -> parameter it sets
_TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "None": object}


@dataclass
class Job:
    """One report to produce: plain data, so it pickles to any executor."""
    name: str
    notebook: str                  # path of the source notebook
    parameters: dict
    html: str                      # output path
    key: str = ""                  # hash of everything the output depends on
    hashes: dict = field(default_factory=dict)
    lang: str = "zh"


def read_config(config_path: Path) -> tuple[dict, list]:
    """``(defaults, reports)`` of a config, its shape checked."""
    cfg = load_yaml(config_path)
    if not isinstance(cfg, dict):
        raise ConfigError(f"{config_path}: expected a mapping with 'defaults' and a 'reports' list, got {short(cfg)}",
                          value=cfg, accepted=TOP_LEVEL_KEYS, path=config_path)
    unknown = [str(k) for k in cfg if k not in TOP_LEVEL_KEYS]
    if unknown:
        raise ConfigError(f"{config_path}: unknown top-level key(s) {short(sorted(unknown))}; "
                          f"accepted: {', '.join(TOP_LEVEL_KEYS)}", parameter=unknown[0], accepted=TOP_LEVEL_KEYS,
                          path=config_path)
    defaults = cfg.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ConfigError(f"{config_path}: 'defaults' is {short(defaults)}; it must be a mapping of parameter: value",
                          parameter="defaults", value=defaults, path=config_path)
    reports = cfg.get("reports")
    if not isinstance(reports, list) or not reports:
        raise ConfigError(f"{config_path}: 'reports' is {short(reports)}; it must be a non-empty list of reports",
                          parameter="reports", value=reports, path=config_path)
    return defaults, reports


def run_lang(config_path: Path) -> str:
    """The language of the run's own page (the index): the config's ``defaults.lang``, else Chinese."""
    lang = read_config(config_path)[0].get("lang") or "zh"
    if lang not in ("zh", "en"):
        raise ParameterError(f"{config_path}: defaults: lang {short(lang)} is not supported; accepted: zh, en",
                             parameter="lang", value=lang, accepted=("zh", "en"), path=config_path)
    return lang


def _for_each(entry: dict, where: str) -> list[str]:
    value = entry.get("for_each")
    steps = [] if value is None else [value] if isinstance(value, str) else value
    if not isinstance(steps, list) or any(s not in FOR_EACH for s in steps) or len(set(steps)) != len(steps):
        raise ConfigError(f"{where}: for_each {short(value)} is not supported; accepted: district, target, "
                          "or a list of both such as [district, target]", parameter="for_each", value=value,
                          accepted=FOR_EACH)
    return sorted(steps, key=FOR_EACH.index)           # districts first, then each district's targets


def _districts(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["district"] for r in rows if r.get("district")))


def _target_indicators(rows: list[dict], district: str, target_year, registry) -> list[str]:
    """Indicators of *district* with something to assess (see :mod:`analysis.engine.assessable`), so no page is empty."""
    from analysis.engine.assessable import assessable_indicators

    return assessable_indicators(rows, district, target_year, registry)


def _assessed_year(params: dict, info: dict, registry) -> int:
    """The plan end year a report assesses: its ``target_year``, else (None, the notebooks' default) the
    current plan as of its ``as_of`` (:func:`analysis.engine.timeline.assessed_plan`, from plans.csv)."""
    from analysis.engine.timeline import assessed_plan

    def value(name):
        if name in params:
            return params[name]
        default = info["parameters"].get(name, {}).get("default")
        try:
            return ast.literal_eval(default) if default else None
        except (ValueError, SyntaxError):
            return None

    return assessed_plan(registry, value("target_year"), value("as_of") or None).last_year


def _check_target_year(params: dict, info: dict, registry, where: str) -> None:
    """A report's target year must be a plan's end year in plans.csv (or None): refused before anything runs."""
    try:
        _assessed_year(params, info, registry)
    except ParameterError as exc:
        raise ParameterError(f"{where}: {exc}", parameter=exc.parameter, value=exc.value,
                             accepted=exc.accepted) from None


def expand(base: dict, steps: list[str], rows: list[dict], info: dict, where: str, registry=None) -> list[dict]:
    """The parameter sets of one config entry, one per district and/or target."""
    variants = [base]
    for step in steps:
        if step == "district":
            variants = [{**v, "district": d} for v in variants for d in _districts(rows)]
        else:
            variants = [{**v, "indicator": ind} for v in variants
                        for ind in _target_indicators(rows, v.get("district", default_of(info, "district")),
                                                      _assessed_year(v, info, registry), registry)]
    if not variants:
        scope = "any district" if "district" in steps else base.get("district", default_of(info, "district"))
        raise ConfigError(f"{where}: for_each {', '.join(steps)} matches nothing: no indicator of {scope} has a "
                          f"target in {_assessed_year(base, info, registry)} with an actual figure inside the plan; "
                          "check target_year and district, or drop the report")
    return variants


def check_value(report: str, name: str, value, info: dict, rows: list[dict], district: str | None) -> None:
    """A parameter value must fit the notebook's default's type, its size cap and the data.

    *report* says where: ``"reports.yaml: report 'brief'"``.
    """
    text = json.dumps(value, ensure_ascii=False, default=repr)
    if len(text) > MAX_PARAMETER_CHARS:
        raise ParameterError(f"{report}: parameter {name} is {len(text):,} characters as JSON; "
                             f"the limit is {MAX_PARAMETER_CHARS:,}", parameter=name, accepted=MAX_PARAMETER_CHARS)
    expected = info["type"]
    if expected in _TYPES and expected != "None":
        ok = isinstance(value, _TYPES[expected]) and not (expected in ("int", "float") and isinstance(value, bool))
        if not ok and not (value is None and expected in ("float", "int")):
            raise ParameterError(f"{report}: parameter {name}={short(value)} should be {expected} "
                                 f"like the notebook's default {short(info['default'])}", parameter=name, value=value,
                                 accepted=expected)
    elif not isinstance(value, (str, int, float, bool, list, type(None))):
        raise ParameterError(f"{report}: parameter {name}={short(value)} should be a plain value "
                             "(text, number, true/false or a list)", parameter=name, value=value)
    if name == "district" and value not in {r["district"] for r in rows}:
        accepted = ", ".join(_districts(rows))
        raise ParameterError(f"{report}: district {short(value)} is not in the data; accepted: {accepted}",
                             parameter="district", value=value, accepted=tuple(_districts(rows)))
    if name == "indicator" and value not in {r["indicator"] for r in rows if r["district"] == district}:
        raise ParameterError(f"{report}: indicator {short(value)} is not an indicator of {district}",
                             parameter="indicator", value=value)
    if name == "lang" and value not in ("zh", "en"):
        raise ParameterError(f"{report}: lang {short(value)} is not supported; accepted: zh, en", parameter="lang",
                             value=value, accepted=("zh", "en"))


def _entry(entry, i: int, config_path: Path) -> tuple[str, dict]:
    where = f"{config_path}: report #{i}"
    if not isinstance(entry, dict) or "notebook" not in entry:
        raise ConfigError(f"{where} is {short(entry)}; each report is a mapping with at least 'notebook' (and 'name')")
    unknown = [str(k) for k in entry if k not in ENTRY_KEYS]
    if unknown:
        raise ConfigError(f"{where} has unknown key(s) {short(sorted(unknown))}; accepted: {', '.join(ENTRY_KEYS)}")
    params = entry.get("parameters") or {}
    if not isinstance(params, dict):
        raise ConfigError(f"{where}: 'parameters' is {short(params)}; it must be a mapping of parameter: value")
    return where, params


def load_jobs(config_path: Path, rows: list[dict], out_dir: Path, data_path: Path,
              cached_info: dict | None = None, as_of: str = "", package: str = "") -> tuple[list[Job], dict]:
    """Expand and validate the config into jobs; returns ``(jobs, notebook_info_cache)``.

    *as_of* (the run's assessment date, YYYY-MM-DD) is given to every notebook with an ``as_of``
    parameter unless the config sets one, so the parameters hash, and with it the skip decision,
    changes with the date a page is dated by. *package* is :func:`package_hash` when the caller has it.

    Raises :class:`ConfigError` / :class:`ParameterError` (one line) for anything
    wrong in the config; nothing has run at that point.
    """
    try:
        return _load_jobs(config_path, rows, out_dir, data_path, cached_info, as_of, package)
    finally:
        forget_row_texts()            # the hashes' row texts live for one planning, not for the process


def _load_jobs(config_path, rows, out_dir, data_path, cached_info, as_of, package):
    from analysis.data.registry import load_registry

    defaults, reports = read_config(config_path)
    if as_of and "as_of" not in defaults:
        defaults = {**defaults, "as_of": as_of}
    try:
        registry = load_registry(data_path)          # the name files beside this table
    except DataValidationError as exc:               # a bad name file is bad data: nothing runs (exit 2)
        raise InputDataError(exc.problems + [f"{len(exc.problems)} problem(s) in the name files beside {data_path}; "
                                             "nothing ran. Fix them and run again"]) from None
    cache = dict(cached_info or {})
    pkg = package or package_hash()
    jobs, names = [], set()
    for i, entry in enumerate(reports, start=1):
        where, own = _entry(entry, i, config_path)
        nb_path = confine.notebook_path(entry["notebook"], where)
        template = entry.get("name", nb_path.stem)
        fields = confine.template_fields(template, where)
        steps = _for_each(entry, where)
        nb_hash = sha256(nb_path.read_bytes())
        info_key = sha256(nb_hash + pkg)      # the inspection depends on this code too
        info = cache.get(info_key) or notebook_info(nb_path)
        cache[info_key] = info
        produced = [PRODUCES[s] for s in steps]
        for key in list(own) + produced:
            if key not in info["parameters"]:
                raise ParameterError(f"{where}: unknown parameter {short(key, 40)} for notebook {nb_path.name}; "
                                     f"accepted: {', '.join(info['parameters'])}", parameter=key,
                                     accepted=tuple(info["parameters"]), path=config_path)
        clash = [k for k in produced if k in own]
        if clash:
            raise ConfigError(f"{where}: sets {clash[0]} in 'parameters' and also expands it with for_each; "
                              "drop one of them")
        base = {**{k: v for k, v in defaults.items() if k in info["parameters"]}, **own}
        for params in expand(base, steps, rows, info, where, registry):
            if "target_year" in info["parameters"]:
                _check_target_year(params, info, registry, where)
            missing = [f for f in fields if f not in params]
            if missing:
                raise ConfigError(f"{where}: name {short(template)} uses {{{missing[0]}}}, which this report does not "
                                  f"set; accepted fields: {', '.join(params) or 'none'}")
            name = confine.check_name(template.format(**{f: params[f] for f in fields}), where)
            if name.lower() in names:
                raise ConfigError(f"{where}: report name '{name}' is used twice; names must be unique "
                                  "(add a field such as {district} or {indicator})")
            names.add(name.lower())
            jobs.append(_job(config_path, name, nb_path, nb_hash, pkg, params, info, rows, out_dir, data_path, registry))
    return jobs, cache


def _job(config_path, name, nb_path, nb_hash, pkg, params, info, rows, out_dir, data_path, registry) -> Job:
    district = params.get("district", default_of(info, "district"))
    indicator = params.get("indicator", default_of(info, "indicator"))
    for key, value in params.items():
        check_value(f"{config_path}: report '{name}'", key, value, info["parameters"][key], rows, district)
    read = chosen_rows(rows, district, indicator, info["reads"], registry)
    hashes = {"notebook": nb_hash, "parameters": sha256(json.dumps(params, sort_keys=True, ensure_ascii=False)),
              "data": rows_hash(read, None, None, "all"), "names": names_hash(read, registry), "package": pkg}
    html = confine.inside(out_dir, out_dir / f"{name}.html")
    return Job(name, str(nb_path), {**params, "data_path": str(data_path)}, str(html),
               sha256(json.dumps(hashes, sort_keys=True)), hashes, params.get("lang", default_of(info, "lang") or "zh"))
