"""Real versus nominal: implied deflators and series-break flags.

Where a series has nominal levels and real growth rates, their ratio is the
implied price change. Outside ``PLAUSIBLE_DEFLATOR`` it is more likely that
the levels were revised or changed scope (a series break) than that prices
moved so much; the analyst is told, not silently corrected. A window whose real
rate had to be assumed for some year cannot tell: it is flagged
``series_break_unclear`` with the year assumed, the rate assumed and the real
growth that year would need for the deflator to be plausible, never as a break.
"""
from __future__ import annotations

import math

import numpy as np
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
        (the first year of an average over period_start..year when set, else a one-year rate).
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
            for y in range(int(r.period_start), int(r.year) + 1):
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


def series_break_table(data: pd.DataFrame, band: tuple[float, float] = PLAUSIBLE_DEFLATOR) -> pd.DataFrame:
    """:func:`implied_deflators` for every (district, indicator) of *data* at once.

    Same rule, vectorised: consecutive nominal levels, the real rates of the
    years between them (annual rates first, then multi-year averages spread
    over their years, missing years at the mean of the known ones).

    Returns
    -------
    DataFrame with ``district, indicator, start, end, nominal_cagr, real_cagr,
    years_assumed, deflator, plausible``; only windows with a known real rate.
    """
    columns = ["district", "indicator", "start", "end", "nominal_cagr", "real_cagr", "years_assumed",
               "deflator", "plausible"]
    keys = ["district", "indicator"]
    levels = data[(data["kind"] == "level") & (data["price_basis"] == "current")]
    real = data[(data["kind"] == "growth") & (data["price_basis"] == "comparable")]
    if levels.empty or real.empty:
        return pd.DataFrame(columns=columns)
    annual = real[real["period_start"].isna()][keys + ["year", "value"]]
    spread = real[real["period_start"].notna()]
    spread = spread[spread["period_start"] <= spread["year"]]     # an average covers period_start..year
    spread = spread.assign(year=[list(range(int(p), int(y) + 1)) for p, y in
                                 zip(spread["period_start"], spread["year"])]).explode("year")
    spread = spread.dropna(subset=["year"])
    yearly = pd.concat([annual, spread[keys + ["year", "value"]]], ignore_index=True)
    yearly["year"] = yearly["year"].astype(int)
    yearly = yearly.drop_duplicates(keys + ["year"], keep="first").rename(columns={"value": "rate"})
    levels = levels[keys + ["year", "value"]].sort_values(keys + ["year"])
    levels = levels.merge(yearly[keys].drop_duplicates(), on=keys)
    prev = levels.groupby(keys)[["year", "value"]].shift()
    pairs = levels.assign(start=prev["year"], v0=prev["value"]).dropna(subset=["start"])
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    pairs = pairs.rename(columns={"year": "end", "value": "v1"}).reset_index(drop=True)
    pairs["pair"] = pairs.index
    window = pairs.assign(year=[list(range(int(a) + 1, int(b) + 1)) for a, b in zip(pairs["start"], pairs["end"])])
    window = window.explode("year").astype({"year": int}).merge(yearly, on=keys + ["year"], how="left")
    known = window.groupby("pair")["rate"].agg(["count", "mean"])
    log_known = np.log1p(window["rate"] / 100).groupby(window["pair"]).sum()
    assumed_years = window[window["rate"].isna()].groupby("pair")["year"].apply(list)
    window["rate"] = window["rate"].fillna(window["pair"].map(known["mean"]))
    log_real = np.log1p(window["rate"] / 100).groupby(window["pair"]).sum()
    pairs = pairs.join(known).assign(log_real=log_real, log_known=log_known)
    pairs["assumed_years"] = pairs["pair"].map(assumed_years)
    pairs = pairs[pairs["count"] > 0]
    n = pairs["end"] - pairs["start"]
    nominal = np.log(pairs["v1"] / pairs["v0"])
    k = n - pairs["count"]
    # the real growth each assumed year would need for the deflator to stay at the band's top
    with np.errstate(divide="ignore", invalid="ignore"):
        needed = np.expm1((nominal - n * np.log1p(band[1] / 100) - pairs["log_known"]) / k) * 100
    out = pd.DataFrame({
        "district": pairs["district"], "indicator": pairs["indicator"], "start": pairs["start"].astype(int),
        "end": pairs["end"].astype(int), "nominal_cagr": np.expm1(nominal / n) * 100,
        "real_cagr": np.expm1(pairs["log_real"] / n) * 100, "years_assumed": (n - pairs["count"]).astype(int),
        "deflator": np.expm1((nominal - pairs["log_real"]) / n) * 100,
        "assumed_years": [y if isinstance(y, list) else [] for y in pairs["assumed_years"]],
        "assumed_rate": pairs["mean"], "needed_real": np.where(k > 0, needed, np.nan)})
    out["plausible"] = out["deflator"].between(*band)
    return out.reset_index(drop=True)[columns + ["assumed_years", "assumed_rate", "needed_real"]]


def series_break_flags(breaks: pd.DataFrame, band: tuple[float, float] = PLAUSIBLE_DEFLATOR) -> dict:
    """{(district, indicator): [flag, …]} for implausible implied deflators, as codes with parameters."""
    out: dict = {}
    for r in breaks[~breaks["plausible"]].itertuples(index=False):
        if getattr(r, "assumed_years", None):        # built on an assumed year: cannot tell
            out.setdefault((r.district, r.indicator), []).append({"code": "series_break_unclear", "params": {
                "start": int(r.start), "end": int(r.end), "nominal_cagr": round(float(r.nominal_cagr), 1),
                "years": [int(y) for y in r.assumed_years], "assumed_rate": round(float(r.assumed_rate), 1),
                "needed": round(float(r.needed_real), 1), "deflator": round(float(r.deflator), 1),
                "low": band[0], "high": band[1]}})
            continue
        out.setdefault((r.district, r.indicator), []).append({"code": "series_break", "params": {
            "start": int(r.start), "end": int(r.end), "nominal_cagr": round(float(r.nominal_cagr), 1),
            "real_cagr": round(float(r.real_cagr), 1), "deflator": round(float(r.deflator), 1),
            "low": band[0], "high": band[1], "years_assumed": int(r.years_assumed)}})
    return out
