"""Pure growth arithmetic. Rates in and out are in percent (6.5 means 6.5 %).

No I/O and no globals: numbers or Series in, numbers or frames out.
"""
from __future__ import annotations


import numpy as np

from analysis.exceptions import InsufficientDataError, PriceBasisError


def average_base_year(period_start):
    """The base year of an average annual rate: the year before the first year it covers.

    ``period_start`` is the first year a figure or target covers, for every kind (data/README.md):
    a 十四五 年均 (2021–2025) has period_start 2021 and is measured from the 2020 level. This is the
    one place the engine turns it into a base year. Scalars or arrays.

    >>> average_base_year(2021)
    2020
    """
    return period_start - 1


def cagr(start_value, end_value, years):
    """Compound annual growth rate in percent over *years* (irregular gaps allowed).

    Scalars, or arrays of the same shape (the engine's one formula for every target at once): with
    scalars a non-positive level or span raises :class:`InsufficientDataError`; in arrays that
    element is NaN (unknown), never a number.

    >>> round(cagr(486, 620.5, 2), 2)      # 万柏林区 GDP 2020→2022, nominal
    12.99
    >>> cagr(np.array([486.0, 0.0]), np.array([620.5, 5.0]), np.array([2, 2])).round(2).tolist()
    [12.99, nan]
    """
    if np.ndim(start_value) == 0 and np.ndim(end_value) == 0 and np.ndim(years) == 0:
        if years <= 0:
            raise InsufficientDataError(f"need a positive number of years between observations, got {years}")
        if start_value <= 0 or end_value <= 0:
            raise InsufficientDataError(f"growth needs positive levels, got {start_value} and {end_value}")
        return ((end_value / start_value) ** (1.0 / years) - 1.0) * 100.0
    start, end, span = (np.asarray(x, dtype=float) for x in (start_value, end_value, years))
    with np.errstate(divide="ignore", invalid="ignore"):
        valid = (span > 0) & (start > 0) & (end > 0)
        return np.where(valid, ((end / start) ** (1.0 / span) - 1.0) * 100.0, np.nan)


def cagr_between(levels, start_year: int, end_year: int) -> float:
    """CAGR in percent between two observed years of a level Series indexed by year."""
    for year in (start_year, end_year):
        if year not in levels.index:
            raise InsufficientDataError(f"no observation for {year}; observed years: {list(levels.index)}")
    return cagr(levels[start_year], levels[end_year], end_year - start_year)


def required_growth(latest_value, latest_year, target_value, target_year):
    """Annual growth in percent needed from the latest observation to hit the target in its year
    (scalars or arrays, as :func:`cagr`); the engine's required growth for level targets.

    >>> round(required_growth(620.5, 2022, 1000, 2025), 2)
    17.24
    """
    return cagr(latest_value, target_value, target_year - latest_year)


def to_nominal(real_pct: float, deflator_pct: float) -> float:
    """Nominal growth from real growth and a price change: (1+r)(1+p) − 1, percent."""
    return ((1 + real_pct / 100.0) * (1 + deflator_pct / 100.0) - 1) * 100.0


def to_real(nominal_pct: float, deflator_pct: float) -> float:
    """Real growth from nominal growth and a price change, percent."""
    return ((1 + nominal_pct / 100.0) / (1 + deflator_pct / 100.0) - 1) * 100.0


def comparable_rates(rate_a: float, basis_a: str, rate_b: float, basis_b: str,
                     deflator: float | None = None) -> tuple[float, float]:
    """Return the two rates on one price basis, or refuse to mix them.

    A real (``comparable``) rate meets a nominal (``current``) one only through
    an explicit deflator (expected annual price change in percent): the real
    rate is then converted to nominal.
    """
    if basis_a == basis_b or "" in (basis_a, basis_b):
        return rate_a, rate_b
    if deflator is None:
        raise PriceBasisError(
            f"cannot compare a {basis_a} rate ({rate_a:g} %) with a {basis_b} rate ({rate_b:g} %): "
            "one is real (comparable prices), the other nominal (current prices); "
            "pass deflator=<expected annual price change in %>, e.g. deflator=2.0")
    to_nom = lambda r, b: to_nominal(r, deflator) if b == "comparable" else r  # noqa: E731
    return to_nom(rate_a, basis_a), to_nom(rate_b, basis_b)


def implied_previous_level(level: float, growth_pct: float, price_basis: str) -> float:
    """The previous year's level implied by this year's level and its growth rate.

    Only honest for nominal growth: a real rate says nothing about price
    change, so a nominal level cannot be backed out of it.

    >>> round(implied_previous_level(141.1, -10.5, "current"), 2)   # 固定资产投资 2021
    157.65
    """
    if price_basis != "current":
        raise PriceBasisError(
            f"a previous nominal level cannot be derived from a {price_basis or 'basis-less'} growth rate; "
            "only nominal (current-price) growth gives it; a deflator would be a guess")
    return level / (1 + growth_pct / 100.0)
