"""Which targets have something to assess — the one rule the runner and the reports share.

Pure Python on rows (dicts of strings, as the CSV reader gives them), so the
batch runner can apply it while planning without importing pandas.
"""
from __future__ import annotations

ACTUAL_KINDS = ("level", "share", "growth", "cumulative")
TARGET_KINDS = ("target_level", "target_growth")


def assessable_indicators(rows, district: str, target_year: int, registry=None) -> list[str]:
    """Indicators of *district* with a target due in *target_year* and an actual figure inside the plan
    (after its base year, in the table's plans.csv), in table order.

    *rows* is a loaded table (which carries its name files) or a list of row dicts with the
    *registry* of the table they came from.

    Examples
    --------
    >>> from analysis.data.registry import load_registry
    >>> rows = [{"district": "A", "indicator": "gdp", "kind": "level", "year": "2022"},
    ...         {"district": "A", "indicator": "gdp", "kind": "target_level", "year": "2025"},
    ...         {"district": "A", "indicator": "firms", "kind": "target_level", "year": "2025"}]
    >>> assessable_indicators(rows, "A", 2025, load_registry())     # the name files of the table in use
    ['gdp']
    """
    from analysis.data.registry import registry_of

    target_year = int(target_year)
    base = (registry or registry_of(rows)).plan_for(target_year).base_year
    mine = [r for r in rows if r.get("district") == district and str(r.get("year", "")).isdigit()]
    observed = {r["indicator"] for r in mine if r.get("kind") in ACTUAL_KINDS and base < int(r["year"]) <= target_year}
    due = [r["indicator"] for r in mine if r.get("kind") in TARGET_KINDS and int(r["year"]) == target_year]
    return [i for i in dict.fromkeys(due) if i in observed]
