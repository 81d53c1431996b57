"""Districts of one city side by side on the indicators they share.

For every indicator that at least two districts of a city have an
assessable target for, one row per district: latest level (with its year and
unit), observed growth with its price basis, required growth, status key.
Built from gap records, so the numbers are exactly those of each district's
own pages.
"""
from __future__ import annotations

import pandas as pd

from analysis.engine.targets import ANNUAL_TYPES as ANNUAL

COLUMNS = ["city", "indicator", "indicator_zh", "district", "unit", "latest_year", "latest_value", "latest_bound", "target_value",
           "bound", "cagr_observed", "cagr_required", "growth_basis", "progress", "tau", "status", "as_of_year"]


def cities_to_compare(records: list[dict], registry) -> dict[str, list[str]]:
    """{city: districts} for cities where at least two districts have an assessable target."""
    from analysis.engine.records import assessable

    assessed = {r["district"] for r in assessable(records) if r["target_type"] not in ANNUAL}
    by_city: dict[str, list[str]] = {}
    for district in sorted(assessed):
        city = registry.districts.get(district, {}).get("city", "")
        if city:
            by_city.setdefault(city, []).append(district)
    return {city: ds for city, ds in by_city.items() if len(ds) >= 2}


def compare_districts(records: list[dict], registry, city: str) -> pd.DataFrame:
    """One row per (shared indicator, district) of *city*; empty when fewer than two districts share one.

    Only plan-end targets (not annual growth targets) with an assessable status count as shared.
    """
    districts = {d for d, row in registry.districts.items() if row.get("city") == city}
    from analysis.engine.records import assessable

    mine = [r | {"city": city} for r in assessable(records) if r["district"] in districts
            and r["target_type"] not in ANNUAL]
    frame = pd.DataFrame(mine, columns=COLUMNS)
    shared = frame.groupby("indicator")["district"].transform("nunique") >= 2
    return frame[shared].sort_values(["indicator", "district"]).reset_index(drop=True)
