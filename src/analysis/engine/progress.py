"""'Met' for single values (the explorer's readout): a thin wrapper over :func:`analysis.engine.rules.met`.

The annual-target scorecard lives in :mod:`analysis.engine.annual` only; statuses are decided in
:mod:`analysis.engine.assess` and dated in :mod:`analysis.engine.timeline`.
"""
from __future__ import annotations

import math

from analysis.engine import rules


def direction(base_value: float | None, target_value: float, bound: str) -> int:
    """+1 when more is better (growth targets, '>='), −1 when less is better ('<=' or a falling target)."""
    if bound == "<=":
        return -1
    if bound != ">=" and base_value is not None and not math.isnan(base_value) and target_value < base_value:
        return -1
    return 1


def target_met(value: float, target_value: float, bound: str, base_value: float | None = None,
               points: bool = False) -> bool:
    """Whether *value* satisfies the target given its bound (:func:`analysis.engine.rules.met`); a
    falling exact target (below *base_value*) is lower-is-better; *points*: a rate, '~' within 0.5 points.

    >>> target_met(3.8, 4.0, "<="), target_met(960, 1000, "~"), target_met(6.0, 6.5, "~", points=True)
    (True, True, True)
    """
    lower = direction(base_value, target_value, bound) < 0
    return bool(rules.met([value], [target_value], [bound or ""], [lower], "points" if points else "relative")[0])
