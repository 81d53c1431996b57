"""Notebook parameters, validated once, and the data every section needs (the Context)."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import difflib

from analysis import config, i18n
from analysis.exceptions import ParameterError

OBSERVED_KINDS = ("level", "growth", "share", "cumulative")
ENGINE_OPTIONS = ("n_paths", "seed", "sigma_pp")
PAGES = ("overview", "brief", "growth_gap", "projection", "explorer")
LIMITS = {"growth_assumption": (-50, 100), "deflator": (-20, 50), "sigma_pp": (0, 50),
          "alpha": (0.001, 0.5), "n_paths": (1000, 1_000_000), "seed": (0, 2**32 - 1)}


@dataclass
class Context:
    """Validated parameters plus the data every section needs.

    Records (the assessment) are computed once, on first use, and shared by
    every section of the page.
    """
    district: str
    lang: str
    data: pd.DataFrame
    data_path: Path
    indicator: str | None = None
    target_year: int | None = None
    target_overrides: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    page: str = "overview"
    cache: dict = field(default_factory=dict, repr=False)
    as_of: dt.date = field(default_factory=dt.date.today)

    def __post_init__(self):
        """The target year from data/plans.csv: None becomes the current plan's end year as of ``as_of``
        (:func:`analysis.engine.timeline.assessed_plan`); a year no listed plan ends in is refused."""
        from analysis.engine.timeline import assessed_plan

        self.target_year = assessed_plan(self.registry, self.target_year, self.as_of).last_year

    def t(self, key: str, **values) -> str:
        """The catalogue text for *key* in the page's language."""
        return i18n.t(key, self.lang, **values)

    # --- names -----------------------------------------------------------------------------
    @cached_property
    def registry(self):
        """The name files of the page's table (loaded beside it; carried on the frame)."""
        from analysis.data.registry import registry_of

        return registry_of(self.data)

    @property
    def plan(self):
        """The five-year plan whose targets the page assesses (from data/plans.csv)."""
        return self.registry.plan_for(self.target_year)

    @property
    def plan_ended(self) -> bool:
        """Whether the assessed plan's last year is over on the assessment date."""
        from analysis.engine.timeline import plan_ended

        return plan_ended(self.plan, self.as_of)

    @property
    def plan_name(self) -> str:
        return self.plan.name(self.lang)

    @property
    def district_name(self) -> str:
        return self.registry.district_name(self.district, self.lang)

    def name_of(self, indicator: str, indicator_zh: str = "") -> str:
        return i18n.indicator_label(indicator, indicator_zh, self.lang)

    @property
    def indicator_name(self) -> str:
        if self.indicator is None:
            return ""
        return self.name_of(self.indicator, self.rows["indicator_zh"].iloc[0])

    # --- rows ------------------------------------------------------------------------------
    @property
    def district_rows(self) -> pd.DataFrame:
        return self.data[self.data["district"] == self.district]

    @property
    def rows(self) -> pd.DataFrame:
        rows = self.district_rows
        return rows if self.indicator is None else rows[rows["indicator"] == self.indicator]

    @property
    def as_of_year(self) -> int | None:
        """Latest year with an observed figure for the district (not a target)."""
        observed = self.district_rows[self.district_rows["kind"].isin(OBSERVED_KINDS)]
        return int(observed["year"].max()) if not observed.empty else None

    # --- the assessment --------------------------------------------------------------------
    @cached_property
    def all_records(self) -> list[dict]:
        """The engine's records for the district: targets due in the target year and annual growth targets."""
        from analysis.report.assessment import gap_records

        options = {k: v for k, v in self.options.items() if k in ENGINE_OPTIONS and v is not None}
        return gap_records(self.data, self.district, self.target_year, overrides=self.target_overrides,
                           data_path=self.data_path, as_of=self.as_of, **options)

    def gaps(self, **options) -> list[dict]:
        """The page's records with other engine options (n_paths, seed, sigma_pp); not cached."""
        from analysis.report.assessment import gap_records

        records = gap_records(self.data, self.district, self.target_year, overrides=self.target_overrides,
                              data_path=self.data_path, as_of=self.as_of, **options)
        return [r for r in records if r["target_year"] == self.target_year
                and (self.indicator is None or r["indicator"] == self.indicator)]

    @property
    def records(self) -> list[dict]:
        """The plan targets of this page (due in the target year): the district's, or the one indicator's.
        Annual growth targets have their own table (sections ``annual_targets``, ``next_targets``)."""
        return [r for r in self.all_records if r["target_year"] == self.target_year
                and (self.indicator is None or r["indicator"] == self.indicator)]

    @property
    def record(self) -> dict | None:
        """The indicator's record for the target year (a level-type target first)."""
        from analysis.engine.targets import TYPES

        records = sorted(self.records, key=lambda r: TYPES[r["target_type"]].order if r["target_type"] in TYPES else 99)
        return records[0] if records else None

    @cached_property
    def annual_tasks(self) -> pd.DataFrame:
        from analysis.report.assessment import annual_tasks

        return annual_tasks(self.all_records)

    @property
    def mode(self) -> str:
        """'plan' when the district has targets for the target year, 'annual' when it has only
        annual tasks, 'none' when it has neither: the overview and brief pick their title by it."""
        if self.records:
            return "plan"
        return "annual" if not self.annual_tasks.empty else "none"


def _minimal_tracebacks() -> None:
    """In a notebook, show a bad parameter as its one-line message rather than a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "InteractiveTB"):
        shell.InteractiveTB.set_mode(mode="Minimal")


def check_range(name: str, value, low, high, allow_none: bool = False):
    """*value* if it is a number within [low, high]; else ParameterError with the accepted range."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and math.isnan(value)):
        raise ParameterError(f"parameter {name}={value!r} is not a number; accepted: {low} to {high}", parameter=name,
                             value=value, accepted=(low, high))
    if not low <= value <= high:
        raise ParameterError(f"parameter {name}={value!r} is out of range; accepted: {low} to {high}", parameter=name,
                             value=value, accepted=(low, high))
    return value


def setup(district: str, lang: str = "zh", indicator: str | None = None, data_path: str = "",
          target_year: int | None = None, target_override: float = 0.0,
          target_overrides: dict | None = None, page: str = "overview", as_of: str = "", **options) -> Context:
    """Validate notebook parameters and load the data.

    Parameters
    ----------
    district, lang, indicator, data_path
        As in the notebooks' parameters cell.
    target_year : int, optional
        The end year of a plan listed in the table's ``plans.csv``; None (the default): the current plan
        as of *as_of* (:func:`analysis.engine.timeline.assessed_plan`).
    page : str
        Which report the sections belong to (overview, brief, growth_gap, projection, explorer).
    target_override : float
        Replaces the target of *indicator* (0 keeps the plan's).
    target_overrides : dict, optional
        ``{indicator: value}`` for district pages (e.g. the brief's GDP aspiration); 0 keeps the plan's.
    as_of : str
        The assessment date, YYYY-MM-DD; '' means today. Decides what is due, pending or not entered.
    **options
        Page options (growth_assumption, deflator, sigma_pp, alpha, n_paths, seed, interactive …).

    Returns
    -------
    Context

    Raises
    ------
    ParameterError
        One line naming the parameter, the bad value and what is accepted.
    """
    from analysis.data.loading import load_indicators

    _minimal_tracebacks()
    i18n.check_lang(lang)
    if page not in PAGES:
        raise ParameterError(f"page '{page}' is unknown; accepted: {', '.join(PAGES)}", parameter="page", value=page,
                             accepted=PAGES)
    if data_path and not Path(data_path).is_file():
        raise ParameterError(f"parameter data_path='{data_path}' is not a file; give the path of an indicator CSV or ''",
                             parameter="data_path", value=data_path, path=data_path)
    path = config.indicators_path(data_path or None)
    data = load_indicators(path)
    districts = sorted(set(data["district"]))
    if district not in districts:
        raise ParameterError(f"parameter district='{district}' is not in {path.name}; accepted: {', '.join(districts)}",
                             parameter="district", value=district, accepted=tuple(districts), path=path)
    if indicator is not None:
        known = sorted(set(data.loc[data["district"] == district, "indicator"]))
        if indicator not in known:
            close = difflib.get_close_matches(indicator, known, n=3) or known[:8]
            raise ParameterError(f"parameter indicator='{indicator}' is not an indicator of {district}; "
                                 f"did you mean: {', '.join(close)}", parameter="indicator", value=indicator,
                                 accepted=tuple(known), path=path)
    date = _as_of(as_of)
    check_range("target_override", target_override, 0, 1e9)
    overrides = {k: v for k, v in (target_overrides or {}).items() if check_range(f"target_overrides[{k}]", v, 0, 1e9)}
    if indicator and target_override:
        overrides[indicator] = target_override
    for name, value in options.items():
        if name in LIMITS:
            check_range(name, value, *LIMITS[name], allow_none=True)
    from analysis.data.registry import registry_of
    from analysis.engine.timeline import published_by

    known = published_by(data, registry_of(data), date)      # a page as of a date shows what was published by then
    if not (known["district"] == district).any():
        raise ParameterError(f"parameter as_of='{date.isoformat()}': no figure of {district} in {path.name} comes from a "
                             f"document dated by then (see the dates in sources.csv); give a later date or ''",
                             parameter="as_of", value=as_of, path=path)
    data = known
    ctx = Context(district, lang, data, path, indicator, target_year, overrides, options, page, as_of=date)
    i18n.use_registry(ctx.registry)          # names and units on this page: the name files beside its table
    return ctx


def _as_of(value) -> dt.date:
    """The assessment date parameter: a date, 'YYYY-MM-DD' or '' (today)."""
    from analysis.engine.timeline import as_of_date

    if isinstance(value, dt.date):
        return value
    try:
        if value not in ("", None) and not (isinstance(value, str) and len(value) == 10):
            raise ValueError
        date = as_of_date(value)
    except (TypeError, ValueError):
        raise ParameterError(f"parameter as_of={value!r} is not a date; accepted: YYYY-MM-DD (e.g. 2026-11-28) "
                             "or '' for today", parameter="as_of", value=value,
                             accepted="YYYY-MM-DD or ''") from None
    if not config.YEAR_RANGE[0] <= date.year <= config.YEAR_RANGE[1]:
        raise ParameterError(f"parameter as_of={value!r} is out of range; accepted: a date in "
                             f"{config.YEAR_RANGE[0]} to {config.YEAR_RANGE[1]}", parameter="as_of", value=value,
                             accepted=config.YEAR_RANGE)
    return date
