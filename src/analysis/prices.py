"""Real versus nominal: implied deflators and series-break flags.

Where a series has nominal levels and real growth rates, their ratio is the
implied price change. Outside ``PLAUSIBLE_DEFLATOR`` it is more likely that
the levels were revised or changed scope (a series break) than that prices
moved so much; the analyst is told, not silently corrected.
"""
from __future__ import annotations

import math

import pandas as pd

# Annual implied deflator (percent) considered plausible for a district.
# China's national GDP deflator moved between about −1.3 % (2009, 2015) and
# +8.1 % (2011) in 2000-2023; a band of −3 % … +8 % leaves room for local swings.
PLAUSIBLE_DEFLATOR = (-3.0, 8.0)


def implied_deflators(levels: pd.Series, real_growth: pd.DataFrame,
                      band: tuple[float, float] = PLAUSIBLE_DEFLATOR) -> pd.DataFrame:
    """Implied annual deflator between consecutive nominal levels.

    Parameters
    ----------
    levels : Series
        Nominal levels indexed by year.
    real_growth : DataFrame
        Rows of real growth with columns ``year``, ``value`` (percent), ``period_start``
        (an average over period_start+1..year when set, else a one-year rate).
    band : (low, high)
        Plausible annual deflator, percent.

    Returns
    -------
    DataFrame with ``start, end, nominal_cagr, real_cagr, years_assumed, deflator, plausible``.
    Years between two levels with no real rate are assumed to grow at the mean
    of the known rates in that window (``years_assumed`` counts them); a window
    with no real rate at all is skipped.
    """
    yearly: dict[int, float] = {}
    for r in real_growth.itertuples():
        if pd.isna(r.period_start):
            yearly[int(r.year)] = r.value
        else:
            for y in range(int(r.period_start) + 1, int(r.year) + 1):
                yearly.setdefault(y, r.value)
    years = sorted(levels.index)
    rows = []
    for y0, y1 in zip(years, years[1:]):
        window = range(y0 + 1, y1 + 1)
        known = [yearly[y] for y in window if y in yearly]
        if not known:
            continue
        fill = sum(known) / len(known)
        real_factor = math.prod(1 + yearly.get(y, fill) / 100 for y in window)
        n = y1 - y0
        nominal_factor = levels[y1] / levels[y0]
        deflator = ((nominal_factor / real_factor) ** (1 / n) - 1) * 100
        rows.append({"start": y0, "end": y1, "nominal_cagr": (nominal_factor ** (1 / n) - 1) * 100,
                     "real_cagr": (real_factor ** (1 / n) - 1) * 100, "years_assumed": n - len(known),
                     "deflator": deflator, "plausible": band[0] <= deflator <= band[1]})
    return pd.DataFrame(rows, columns=["start", "end", "nominal_cagr", "real_cagr", "years_assumed",
                                       "deflator", "plausible"])


def series_break_flags(data: pd.DataFrame, district: str, indicator: str,
                       band: tuple[float, float] = PLAUSIBLE_DEFLATOR) -> list[str]:
    """Plain-language flags for implausible implied deflators of one indicator."""
    rows = data[(data["district"] == district) & (data["indicator"] == indicator)]
    levels = rows[(rows["kind"] == "level") & (rows["price_basis"] == "current")].set_index("year")["value"]
    real = rows[(rows["kind"] == "growth") & (rows["price_basis"] == "comparable")]
    if levels.empty or real.empty:
        return []
    flags = []
    for r in implied_deflators(levels.sort_index(), real, band).itertuples():
        if not r.plausible:
            assumed = f", {r.years_assumed} year(s) of real growth assumed" if r.years_assumed else ""
            flags.append(f"possible series break or revision {r.start}-{r.end}: nominal levels grow "
                         f"{r.nominal_cagr:.1f}%/yr but real growth is {r.real_cagr:.1f}%/yr, an implied "
                         f"deflator of {r.deflator:.1f}%/yr outside {band[0]:g}…{band[1]:g}%{assumed}")
    return flags
