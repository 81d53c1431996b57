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

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis import config
from analysis.data.namefiles import FILES, parse_due, read_name_file, validate_tables
from analysis.exceptions import DataFileError, DataValidationError, ParameterError

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
        """The plan ending in *target_year*, else the one containing it (plans.csv is the only calendar).

        Raises :class:`ParameterError` when no listed plan covers the year: add the plan's row to
        plans.csv (e.g. ``13th,“十三五”,13th five-year plan,2016,2020,2015``).
        """
        for plan in self.plans:
            if plan.last_year == target_year:
                return plan
        return self.plan_for_year(target_year)

    def plan_for_year(self, year: int) -> Plan:
        """The plan whose years contain *year* (2025 → the 14th); :class:`ParameterError` when none does."""
        for plan in self.plans:
            if plan.first_year <= year <= plan.last_year:
                return plan
        covered = ", ".join(f"{p.first_year}–{p.last_year}" for p in self.plans) or "none"
        raise ParameterError(f"no plan in plans.csv covers {year} (listed: {covered}); add that plan's row to "
                             "plans.csv to assess it", parameter="year", value=year,
                             accepted=tuple((p.first_year, p.last_year) for p in self.plans))

    def plan_named(self, name: str) -> Plan | None:
        return next((p for p in self.plans if p.plan == name), None)

    # --- carried on a frame's attrs ------------------------------------------------------
    def __deepcopy__(self, memo):
        """Read-only once built: pandas deep-copies ``attrs`` on every operation; share it instead."""
        return self


def _paths(data_path: Path) -> dict[str, Path]:
    """The five name files beside the table *data_path* (no other folder is ever consulted)."""
    return {name: Path(data_path).parent / file for name, (file, _) in FILES.items()}


@lru_cache(maxsize=8)
def _load(paths: tuple, stamps: tuple) -> Registry:
    tables = {name: read_name_file(Path(path), FILES[name][1]) for name, path in paths}
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
