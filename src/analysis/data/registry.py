"""Names and plans as data: the files beside ``indicators.csv``.

Nothing about one district, one document or one plan lives in code. Five small
tables say it instead, each validated like the indicator table (one line per
problem naming file, row, column, value and what is accepted):

* ``indicator_names.csv``: id, Chinese name and ``|``-separated aliases, English
  name, unit, direction (``higher`` or ``lower`` is better), the price basis its
  growth rates are published on, and 属性 (预期性 / 约束性) where the plan says;
* ``districts.csv``: Chinese name, English name, city (zh and en), province, level;
* ``sources.csv``: document file → title (zh, en), date, status (adopted, draft, news), and the
  districts it covers (``districts``, ``|``-separated; when empty, the districts its title names);
* ``plans.csv``: five-year plans (name, first year, last year, base year);
* ``units.csv``: each unit, its English name, base unit and factor, and whether
  it counts whole things (shown as integers).

The registry travels with its table: :func:`load_registry` reads the five files
beside the table it is given (``--data other/indicators.csv`` reads
``other/districts.csv`` …, never the project's), a table loaded with
:func:`analysis.data.loading.load_indicators` carries its registry in
``frame.attrs["registry"]`` (:func:`registry_of`), and every function that needs
names takes a registry or such a frame. A table without its name files beside
it is refused in one line that says which file to add.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import datetime as _dt

from analysis import config
from analysis.exceptions import DataFileError, DataValidationError
from analysis.i18n import t

FILES = {
    "indicators": ("indicator_names.csv",
                   ["indicator", "name_zh", "aliases", "name_en", "unit", "direction", "growth_basis", "attribute", "note"]),
    "districts": ("districts.csv", ["district", "name_en", "city", "city_en", "province", "level"]),
    "sources": ("sources.csv", ["file", "title_zh", "title_en", "date", "status", "note"]),
    "plans": ("plans.csv", ["plan", "name_zh", "name_en", "first_year", "last_year", "base_year"]),
    "units": ("units.csv", ["unit", "name_en", "base_unit", "factor", "count"]),
}
DIRECTIONS = ("higher", "lower")
GROWTH_BASES = ("", "current", "comparable")
ATTRIBUTES = ("", "预期性", "约束性")
# 属性 → the qualifier a target gets when its row does not say (data/README.md, column qualifier)
ATTRIBUTE_QUALIFIER = dict(zip(ATTRIBUTES[1:], ("expected", "binding")))
LEVELS = ("district", "county", "city", "province")
SOURCE_STATUSES = ("adopted", "draft", "news", "report")


@dataclass(frozen=True)
class IndicatorName:
    indicator: str
    name_zh: str
    aliases: tuple
    name_en: str
    unit: str
    direction: str
    growth_basis: str
    attribute: str


def parse_due(text: str) -> tuple[int, int] | None:
    """'04-30' → (4, 30): the day of the following year by which a year's figures are published;
    None when *text* is not a valid MM-DD (29 February is refused)."""
    try:
        month, day = (int(p) for p in str(text).split("-"))
        _dt.date(2001, month, day)
    except (ValueError, TypeError):
        return None
    return month, day


@dataclass(frozen=True)
class Plan:
    """A five-year plan: τ, base year and titles come from here.

    >>> p = Plan("15th", "“十五五”", "15th five-year plan", 2026, 2030, 2025)
    >>> p.tau(2025), p.tau(2027), p.tau(2031)
    (0.0, 40.0, 100.0)
    """
    plan: str
    name_zh: str
    name_en: str
    first_year: int
    last_year: int
    base_year: int
    figures_due: tuple = (4, 30)     # (month, day) of Y+1 by which year Y's figures are published


    @property
    def years(self) -> int:
        return self.last_year - self.base_year

    def tau(self, year: int) -> float:
        """Share of plan time gone by the end of *year*, percent, within 0 … 100."""
        return min(max((year - self.base_year) / self.years * 100.0, 0.0), 100.0)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Unit:
    unit: str
    name_en: str
    base_unit: str
    factor: float
    count: bool


def _read(path: Path, columns: list[str]) -> list[dict]:
    from analysis.data.files import read_limited

    if not os.path.lexists(path):
        raise DataFileError(f"{path}: no such file; a table's name files ({', '.join(f for f, _ in FILES.values())}) "
                            f"live beside it: copy data/{path.name} into {path.parent} and add this table's names "
                            "(see data/README.md)")
    try:
        text = read_limited(path, 10 * 1024 * 1024, "name file (CSV)", str(path)).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: not UTF-8; re-save it as UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing or len(set(header)) != len(header):
        raise DataValidationError([f"{path.name} row 1: header must be {','.join(columns)}; "
                                   f"missing: {', '.join(missing) or 'none'}; duplicates: "
                                   f"{', '.join(sorted({h for h in header if header.count(h) > 1})) or 'none'}"])
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _check(rows: list[dict], name: str, key: str, rules: dict) -> list[str]:
    """Unique non-empty key, and for each column a predicate with its 'accepted' text."""
    problems, seen = [], set()
    for line, row in enumerate(rows, start=2):
        if not row[key]:
            problems.append(f"{name} row {line}, column '{key}': empty; every row needs one")
        elif row[key] in seen:
            problems.append(f"{name} row {line}, column '{key}': '{row[key]}' appears twice; keep one row")
        seen.add(row[key])
        for column, (ok, accepted) in rules.items():
            if not ok(row[column]):
                problems.append(f"{name} row {line}, column '{column}': '{row[column]}' is not accepted; accepted: {accepted}")
    return problems


def _int(text: str) -> bool:
    return text.isdigit() and config.YEAR_RANGE[0] <= int(text) <= config.YEAR_RANGE[1]


def _positive(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False


class Registry:
    """Every name, plan and unit the package knows, read from data files."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.tables = tables                 # the five files' rows as read (dicts of strings), for cache keys
        self.indicators = {r["indicator"]: IndicatorName(
            r["indicator"], r["name_zh"], tuple(a for a in r["aliases"].split("|") if a), r["name_en"], r["unit"],
            r["direction"], r["growth_basis"], r["attribute"]) for r in tables["indicators"]}
        self.districts = {r["district"]: r for r in tables["districts"]}
        self.sources = {r["file"]: r for r in tables["sources"]}
        self.plans = sorted((Plan(r["plan"], r["name_zh"], r["name_en"], int(r["first_year"]), int(r["last_year"]),
                                  int(r["base_year"]), parse_due(r.get("figures_due") or "04-30"))
                             for r in tables["plans"]), key=lambda p: p.first_year)
        self.units = {r["unit"]: Unit(r["unit"], r["name_en"], r["base_unit"], float(r["factor"]), r["count"] == "yes")
                      for r in tables["units"]}

    # --- names -------------------------------------------------------------------------
    def aliases(self) -> dict[str, str]:
        """Every Chinese name and alias → indicator id (for extraction)."""
        out = {}
        for ind in self.indicators.values():
            for name in (ind.name_zh, *ind.aliases):
                out.setdefault(name, ind.indicator)
        return out

    def indicator_name(self, indicator: str, lang: str, fallback_zh: str = "") -> str:
        ind = self.indicators.get(indicator)
        if lang == "zh":
            return ind.name_zh if ind else (fallback_zh or indicator)
        return ind.name_en if ind and ind.name_en else indicator.replace("_", " ").capitalize()

    def direction(self, indicator: str) -> str:
        ind = self.indicators.get(indicator)
        return ind.direction if ind else "higher"

    def district_name(self, district: str, lang: str) -> str:
        row = self.districts.get(district)
        return district if lang == "zh" or not row else row["name_en"]

    def city_name(self, city: str, lang: str) -> str:
        """The city's name in *lang*, from the districts listed in it."""
        if lang == "zh":
            return city
        return next((row["city_en"] for row in self.districts.values() if row["city"] == city and row["city_en"]), city)

    def source_districts(self, file: str) -> frozenset | None:
        """The districts the document *file* covers: its ``districts`` in sources.csv (``|``-separated),
        else the known districts its Chinese title names; None when sources.csv does not list it."""
        row = self.sources.get(file)
        if row is None:
            return None
        listed = [d.strip() for d in (row.get("districts") or "").split("|") if d.strip()]
        if listed:
            return frozenset(listed)
        return frozenset(d for d in self.districts if d in row["title_zh"])

    def source_title(self, file: str, lang: str) -> str:
        row = self.sources.get(file)
        return file if not row else row["title_zh" if lang == "zh" else "title_en"]

    def unit_name(self, unit: str, lang: str) -> str:
        row = self.units.get(unit)
        return unit if lang == "zh" or not row else row.name_en

    def is_count(self, unit: str) -> bool:
        row = self.units.get(unit)
        return bool(row and row.count)

    def convert(self, value: float, unit: str, to_unit: str) -> float:
        """*value* in *unit* expressed in *to_unit* (same base unit), e.g. 6 万人 → 60000 人."""
        a, b = self.units.get(unit), self.units.get(to_unit)
        if unit == to_unit:
            return value
        if a is None or b is None or a.base_unit != b.base_unit:
            raise DataValidationError([f"cannot convert {unit} to {to_unit}: add both to units.csv with one base unit"])
        return value * a.factor / b.factor

    # --- plans -------------------------------------------------------------------------
    def plan_for(self, target_year: int) -> Plan:
        """The plan ending in *target_year*; else the one containing it; else a five-year plan ending then."""
        for plan in self.plans:
            if plan.last_year == target_year:
                return plan
        for plan in self.plans:
            if plan.first_year <= target_year <= plan.last_year:
                return plan
        first = target_year - 4
        return Plan(f"{target_year}", t("plan.unlisted", "zh", first=first, last=target_year),
                    t("plan.unlisted", "en", first=first, last=target_year), first, target_year, target_year - 5)

    def plan_for_year(self, year: int) -> Plan:
        """The plan whose years contain *year* (2025 → the 14th), else :meth:`plan_for`."""
        for plan in self.plans:
            if plan.first_year <= year <= plan.last_year:
                return plan
        return self.plan_for(year)

    def plan_named(self, name: str) -> Plan | None:
        return next((p for p in self.plans if p.plan == name), None)

    # --- carried on a frame's attrs ------------------------------------------------------
    def __deepcopy__(self, memo):
        """Read-only once built: pandas deep-copies ``attrs`` on every operation; share it instead."""
        return self


def validate_tables(tables: dict[str, list[dict]]) -> list[str]:
    """One line per problem in the five name files."""
    problems = []
    problems += _check(tables["indicators"], FILES["indicators"][0], "indicator", {
        "name_zh": (bool, "a Chinese name"), "direction": (lambda v: v in DIRECTIONS, ", ".join(DIRECTIONS)),
        "growth_basis": (lambda v: v in GROWTH_BASES, "current, comparable or empty"),
        "attribute": (lambda v: v in ATTRIBUTES, ", ".join(filter(None, ATTRIBUTES)) + " or empty"),
        "unit": (lambda v: v == "" or v in {u["unit"] for u in tables["units"]}, "a unit listed in units.csv")})
    problems += _check(tables["districts"], FILES["districts"][0], "district", {
        "name_en": (bool, "an English name"), "level": (lambda v: v in LEVELS, ", ".join(LEVELS))})
    from analysis.data.schema import place_name_problem

    for line, row in enumerate(tables["districts"], start=2):
        why = row["district"] and place_name_problem(row["district"])
        if why:
            problems.append(f"{FILES['districts'][0]} row {line}, column 'district': '{row['district']}' {why}")
    problems += _check(tables["sources"], FILES["sources"][0], "file", {
        "title_zh": (bool, "a Chinese title"), "title_en": (bool, "an English title"),
        "status": (lambda v: v in SOURCE_STATUSES, ", ".join(SOURCE_STATUSES))})
    problems += _check(tables["plans"], FILES["plans"][0], "plan", {
        "first_year": (_int, "a year"), "last_year": (_int, "a year"), "base_year": (_int, "a year")})
    for line, row in enumerate(tables["plans"], start=2):
        if row.get("figures_due") and parse_due(row["figures_due"]) is None:
            problems.append(f"plans.csv row {line}, column 'figures_due': '{row['figures_due']}' is not accepted; "
                            "accepted: MM-DD (the day of the following year by which a year's figures are "
                            "published, e.g. 04-30) or empty")
        if all(_int(row[c]) for c in ("first_year", "last_year", "base_year")) and not (
                int(row["base_year"]) == int(row["first_year"]) - 1 < int(row["last_year"])):
            problems.append(f"plans.csv row {line}: base_year must be first_year − 1 and before last_year, got "
                            f"{row['base_year']}, {row['first_year']}, {row['last_year']}")
    problems += _check(tables["units"], FILES["units"][0], "unit", {
        "factor": (_positive, "a positive number"), "count": (lambda v: v in ("yes", "no"), "yes or no"),
        "base_unit": (bool, "the unit it converts to")})
    return problems


def _paths(data_path: Path) -> dict[str, Path]:
    """The five name files beside the table *data_path* (no other folder is ever consulted)."""
    return {name: Path(data_path).parent / file for name, (file, _) in FILES.items()}


@lru_cache(maxsize=8)
def _load(paths: tuple, stamps: tuple) -> Registry:
    tables = {name: _read(Path(path), FILES[name][1]) for name, path in paths}
    problems = validate_tables(tables)
    if problems:
        raise DataValidationError(problems)
    return Registry(tables)


def load_registry(data_path: str | os.PathLike | None = None) -> Registry:
    """The registry beside the indicator table *data_path* (default: the table in use,
    ``$ANALYSIS_DATA`` or ``data/indicators.csv``, as for :func:`analysis.config.indicators_path`).

    >>> reg = load_registry()
    >>> reg.plan_for(2030).base_year, reg.district_name("万柏林区", "en")
    (2025, 'Wanbailin District')
    """
    paths = _paths(config.indicators_path(data_path))
    stamps = tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in paths.values())
    return _load(tuple((k, str(v)) for k, v in paths.items()), stamps)


def registry_of(data) -> Registry:
    """The registry a loaded table carries (``frame.attrs["registry"]``, set by ``load_indicators``).

    Raises :class:`DataFileError` for a frame built by hand: pass ``registry=load_registry(path)``
    with the path of the table its names belong to.
    """
    registry = getattr(data, "attrs", {}).get("registry")
    if not isinstance(registry, Registry):
        raise DataFileError("this table carries no name files: load it with analysis.load_indicators(path), "
                            "or pass registry=analysis.data.registry.load_registry(path) for the table it belongs to")
    return registry


def table_problems(frame, registry: Registry, name: str = "indicators.csv") -> list[str]:
    """Rows of the indicator table (indexed by line number) whose district, indicator or source
    the name files do not list: onboarding a district is one line in districts.csv."""
    problems = coverage_problems(frame, registry, name)
    # sources.csv is optional per document (a report then names the file); districts and indicators are not
    checks = (("district", registry.districts, "districts.csv"), ("indicator", registry.indicators, "indicator_names.csv"))
    for column, known, file in checks:
        for value in sorted(set(frame[column]) - set(known)):
            line = int(frame.index[frame[column] == value][0])      # the frame is indexed by the file's line
            problems.append(f"{name} row {line}, column '{column}': '{value}' is not listed in {file}; add one line there")
    return problems


def coverage_problems(frame, registry: Registry, name: str = "indicators.csv") -> list[str]:
    """Rows whose district the document in ``source`` does not cover (sources.csv ``districts``, or the
    districts its title names): a figure belongs to the places its document is about."""
    problems = []
    pairs = frame[["district", "source"]].drop_duplicates()
    for line, district, source in zip(pairs.index.tolist(), pairs["district"].tolist(), pairs["source"].tolist()):
        covered = registry.source_districts(source)
        if covered is None or district in covered:
            continue
        where = ", ".join(sorted(covered)) if covered else "no district (its title names none)"
        problems.append(f"{name} row {int(line)}, column 'district': '{district}' is not a place {source} covers "
                        f"({where}, per sources.csv column 'districts' or its title); correct the district or the "
                        "source, or add the district to that document's 'districts' in sources.csv")
    return problems
