"""Projections to the target year, shaped like statsmodels results.

``Model(series, ...).fit(until_year)`` returns an immutable :class:`ProjectionResults`
with ``forecast(until_year)`` (the mean path), ``summary_frame(alpha)`` (a
DataFrame indexed by year with ``mean, obs_ci_lower, obs_ci_upper``: a
*prediction* interval for the level in that year, coverage 1 − alpha, named as
statsmodels names prediction intervals) and ``simulate(n_paths, seed)``.

Uncertainty is multiplicative: log-levels are assumed normal, so intervals
are ``mean × exp(± z σ √h)`` for a random walk with drift and widen with the
horizon h. statsmodels is imported inside the trend model only, never at
``import analysis``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from statistics import NormalDist

import numpy as np
import pandas as pd

from analysis.exceptions import InsufficientDataError, ParameterError, PriceBasisError
from analysis.engine.growth import cagr, to_nominal

from analysis.engine.probability import DEFAULT_SIGMA_PP, MIN_RATES_FOR_SIGMA
from analysis.options import OPTIONS

MIN_POINTS_FOR_TREND = 4


def _levels(series: pd.Series) -> pd.Series:
    s = pd.Series(series, dtype=float).dropna().sort_index()
    s.index = s.index.astype(int)
    if (s <= 0).any():
        raise InsufficientDataError("projections need positive levels")
    return s


@dataclass(frozen=True)
class ProjectionResults:
    """Fitted projection: a mean path and a log-normal spread around it. Set once at ``fit``."""
    model: str
    last_year: int
    last_value: float
    growth_pct: dict = field(default_factory=dict)      # year -> growth assumed into that year (percent)
    sigma_log: float = DEFAULT_SIGMA_PP / 100            # annual std. dev. of log growth
    params: dict = field(default_factory=dict)
    until_year: int | None = None                         # the year fit() projected to
    _trend: object = None                                 # statsmodels results for the trend model

    def _years(self, until_year: int) -> list[int]:
        if until_year <= self.last_year:
            raise ParameterError(f"until_year {until_year} must be after the last observation {self.last_year}")
        return list(range(self.last_year + 1, until_year + 1))

    def forecast(self, until_year: int | None = None) -> pd.Series:
        """Mean projected level for each year after the last observation up to *until_year*."""
        return self.summary_frame(until_year=until_year or self.until_year)["mean"]

    def summary_frame(self, alpha: float = OPTIONS.alpha, until_year: int | None = None) -> pd.DataFrame:
        """Mean and (1 − alpha) prediction interval per year (``obs_ci_*``), like statsmodels'."""
        years = self._years(until_year or self.until_year)
        if self._trend is not None:
            pred = self._trend.get_prediction(np.column_stack([np.ones(len(years)), years]))
            frame = pred.summary_frame(alpha=alpha)
            out = pd.DataFrame({"mean": np.exp(frame["mean"]), "obs_ci_lower": np.exp(frame["obs_ci_lower"]),
                                "obs_ci_upper": np.exp(frame["obs_ci_upper"])})
            out.index = pd.Index(years, name="year")
            return out
        z = NormalDist().inv_cdf(1 - alpha / 2)
        level, rows = self.last_value, []
        for h, year in enumerate(years, start=1):
            level *= 1 + self.growth_pct[year] / 100
            spread = z * self.sigma_log * math.sqrt(h)
            rows.append((year, level, level * math.exp(-spread), level * math.exp(spread)))
        return pd.DataFrame(rows, columns=["year", "mean", "obs_ci_lower", "obs_ci_upper"]).set_index("year")

    def simulate(self, n_paths: int = OPTIONS.n_paths, seed: int = OPTIONS.seed, until_year: int | None = None,
                 target: float | None = None, bound: str = ">=") -> "MonteCarloResult":
        """Monte Carlo paths from the last value at this model's growth and spread (see :func:`simulate`)."""
        until_year = until_year or self.until_year
        growth = self.params.get("growth_pct", self.growth_pct.get(until_year, 0.0))
        return simulate(self.last_value, self.last_year, until_year, growth, self.sigma_log * 100, target, bound,
                        n_paths=n_paths, seed=seed)


def _sigma_from_history(levels: pd.Series, default_pp: float) -> float:
    """Std. dev. of annualised log growth between observations; the default when fewer than 3 intervals."""
    years = np.array(levels.index, dtype=float)
    logs = np.log(levels.to_numpy())
    rates = np.diff(logs) / np.diff(years)
    if len(rates) < MIN_RATES_FOR_SIGMA:
        return default_pp / 100
    return float(np.std(rates, ddof=1))


class DriftModel:
    """Constant growth (CAGR) from a base year to the last observation, carried forward.

    >>> res = DriftModel(pd.Series({2020: 486.0, 2022: 620.5})).fit(2025)
    >>> round(float(res.forecast(2025).loc[2025]), 1)
    895.2
    """

    def __init__(self, series: pd.Series, base_year: int | None = None, sigma_pp: float | None = None):
        self.levels = _levels(series)
        if len(self.levels) < 2:
            raise InsufficientDataError("the drift model needs at least two observed years")
        self.base_year = int(base_year if base_year is not None else self.levels.index[0])
        if self.base_year not in self.levels.index or self.base_year >= self.levels.index[-1]:
            raise ParameterError(f"base_year {self.base_year} must be an observed year before the last one; "
                                 f"observed: {list(self.levels.index)}")
        self.sigma_pp = sigma_pp

    def fit(self, until_year: int) -> ProjectionResults:
        last_year, last = int(self.levels.index[-1]), float(self.levels.iloc[-1])
        rate = cagr(self.levels[self.base_year], last, last_year - self.base_year)
        sigma = self.sigma_pp / 100 if self.sigma_pp is not None else _sigma_from_history(self.levels, DEFAULT_SIGMA_PP)
        years = range(last_year + 1, max(until_year, last_year + 1) + 50)
        return ProjectionResults("drift", last_year, last, {y: rate for y in years}, sigma,
                                 {"growth_pct": rate, "base_year": self.base_year}, until_year)


class PlanRateModel:
    """Growth at the plan's annual target rates, the last one carried forward.

    Parameters
    ----------
    series : Series
        Nominal levels by year.
    rates : dict[int, float] or float
        Target growth (percent) by year, or one rate for every year.
    rates_basis : {"current", "comparable"}
        Price basis of the rates; comparable (real) rates need ``deflator``.
    deflator : float, optional
        Expected annual price change, percent, to turn real rates into nominal.
    """

    def __init__(self, series: pd.Series, rates, rates_basis: str = "current",
                 deflator: float | None = None, sigma_pp: float = DEFAULT_SIGMA_PP):
        self.levels = _levels(series)
        if self.levels.empty:
            raise InsufficientDataError("the plan-rate model needs at least one observed level")
        self.rates = dict(rates) if isinstance(rates, dict) else {None: float(rates)}
        if not self.rates:
            raise InsufficientDataError("no plan rates given")
        if rates_basis == "comparable" and deflator is None:
            raise PriceBasisError("plan rates are real (comparable prices) but the levels are nominal; "
                                  "pass deflator=<expected annual price change in %>, e.g. deflator=2.0")
        self.rates_basis, self.deflator, self.sigma_pp = rates_basis, deflator, sigma_pp

    def fit(self, until_year: int) -> ProjectionResults:
        last_year, last = int(self.levels.index[-1]), float(self.levels.iloc[-1])
        known = sorted((y, r) for y, r in self.rates.items() if y is not None)
        growth, current = {}, self.rates.get(None, known[0][1] if known else 0.0)
        for year in range(last_year + 1, max(until_year, last_year + 1) + 50):
            for y, r in known:
                if y <= year:
                    current = r
            growth[year] = to_nominal(current, self.deflator) if self.rates_basis == "comparable" else current
        return ProjectionResults("plan_rate", last_year, last, growth, self.sigma_pp / 100,
                                 {"rates": self.rates, "rates_basis": self.rates_basis, "deflator": self.deflator},
                                 until_year)


class LogLinearTrend:
    """OLS of ln(level) on year (statsmodels); prediction intervals from the regression.

    Irregular years are fine. Needs four observations: with three, one
    residual degree of freedom makes the interval meaningless.
    """

    def __init__(self, series: pd.Series):
        self.levels = _levels(series)
        if len(self.levels) < MIN_POINTS_FOR_TREND:
            raise InsufficientDataError(f"the trend model needs at least {MIN_POINTS_FOR_TREND} observed years, "
                                        f"got {len(self.levels)}")

    def fit(self, until_year: int) -> ProjectionResults:
        import statsmodels.api as sm

        years = np.array(self.levels.index, dtype=float)
        res = sm.OLS(np.log(self.levels.to_numpy()), sm.add_constant(years)).fit()
        slope = float(res.params[1])
        last_year = int(self.levels.index[-1])
        fitted_last = float(np.exp(res.params[0] + slope * last_year))
        rate = (math.exp(slope) - 1) * 100
        return ProjectionResults("trend", last_year, fitted_last, {}, float(np.sqrt(res.scale)),
                                 {"growth_pct": rate, "r2": float(res.rsquared), "nobs": int(res.nobs)},
                                 until_year, _trend=res)


MODELS = {"drift": DriftModel, "trend": LogLinearTrend}


@dataclass
class MonteCarloResult:
    """Simulated paths, the probability of meeting the target, and fan quantiles."""
    probability: float
    paths: np.ndarray = field(repr=False)     # (n_paths, years)
    years: list
    n_paths: int
    mean_growth_pct: float
    sigma_pp: float
    seed: int
    quantiles: tuple = (0.05, 0.25, 0.5, 0.75, 0.95)

    @cached_property
    def fan(self) -> pd.DataFrame:
        """Quantiles by year (columns q05 … q95), computed on first use: sorting 100,000
        paths costs more than the simulation itself, and the probability does not need it."""
        values = np.quantile(self.paths, self.quantiles, axis=0).T
        return pd.DataFrame(values, index=pd.Index(self.years, name="year"),
                            columns=[f"q{round(q * 100):02d}" for q in self.quantiles])


def simulate(start_value: float, start_year: int, until_year: int, mean_growth_pct: float,
             sigma_pp: float = DEFAULT_SIGMA_PP, target: float | None = None, bound: str = ">=",
             n_paths: int = OPTIONS.n_paths, seed: int = OPTIONS.seed,
             quantiles=(0.05, 0.25, 0.5, 0.75, 0.95)) -> MonteCarloResult:
    """Monte Carlo of annual log growth ~ Normal(ln(1 + mean), sigma), independent across years.

    The same model as :func:`analysis.engine.probability.probability_reach`, whose
    closed form gives the probability; the paths are for fan charts. The
    probability counts paths whose value in *until_year* meets *target* (at or
    below it for ``bound="<="``, at or above otherwise). Seeded, so the same
    inputs give the same answer. The fan's q05–q95 band is a 90 % interval.
    """
    if until_year <= start_year:
        raise ParameterError(f"until_year {until_year} must be after {start_year}")
    rng = np.random.default_rng(seed)
    horizon = until_year - start_year
    # In place, float32, laid out (years, paths) so the running product walks
    # contiguous rows: ~3x faster than the obvious float64 version, and
    # float32's 7 digits are ample for probabilities and fan quantiles.
    factors = rng.standard_normal((horizon, n_paths), dtype=np.float32)
    factors *= sigma_pp / 100
    factors += math.log1p(mean_growth_pct / 100)
    np.cumsum(factors, axis=0, out=factors)
    np.exp(factors, out=factors)
    factors *= start_value
    paths = factors.T                                      # (n_paths, years) view
    years = list(range(start_year + 1, until_year + 1))
    final = paths[:, -1]
    probability = math.nan
    if target is not None:
        probability = float(np.mean(final <= target) if bound == "<=" else np.mean(final >= target))
    return MonteCarloResult(probability, paths, years, n_paths, mean_growth_pct, sigma_pp, seed, tuple(quantiles))


def simulate_target(start_value: float, start_year: int, target_year: int, mean_growth_pct: float,
                    sigma_pp: float, target: float, direction: str,
                    n_paths: int = OPTIONS.n_paths, seed: int = OPTIONS.seed) -> MonteCarloResult:
    """:func:`simulate` for a target as written: the probability is that of reaching *target*
    itself (not the lower edge of a '~' tolerance band), in the target's *direction* (the gap
    record's ``direction``: ``lower`` is better, or ``higher``)."""
    return simulate(start_value, start_year, target_year, mean_growth_pct, sigma_pp, target,
                    "<=" if direction == "lower" else ">=", n_paths=n_paths, seed=seed)


def backtest(series: pd.Series, models=("drift", "trend")) -> pd.DataFrame:
    """Hold out the last observation, forecast it from the rest, report the error per model."""
    levels = _levels(series)
    rows = []
    for name in models:
        if len(levels) < 2:
            rows.append({"model": name, "holdout_year": None, "actual": math.nan, "forecast": math.nan,
                         "error_pct": math.nan, "note": "too short to backtest: fewer than 2 observations"})
            continue
        train, holdout_year = levels.iloc[:-1], int(levels.index[-1])
        try:
            res = MODELS[name](train).fit(until_year=holdout_year)
            predicted = float(res.forecast(holdout_year).loc[holdout_year])
            actual = float(levels.iloc[-1])
            rows.append({"model": name, "holdout_year": holdout_year, "actual": actual, "forecast": predicted,
                         "error_pct": (predicted / actual - 1) * 100, "note": ""})
        except InsufficientDataError as exc:
            rows.append({"model": name, "holdout_year": holdout_year, "actual": float(levels.iloc[-1]),
                         "forecast": math.nan, "error_pct": math.nan, "note": f"too short to backtest: {exc}"})
    return pd.DataFrame(rows, columns=["model", "holdout_year", "actual", "forecast", "error_pct", "note"])
