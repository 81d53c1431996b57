"""One rule for 'met', respecting the target's direction and bound, and the grade of a final assessment.

Every part of the engine that asks "is this value at or beyond the target?" asks here: levels,
plan totals, ceilings and floors, average and annual growth, annual tasks, the scenario grid.

* ``met`` — at or beyond the target in the better direction; a ``~`` (左右, about) target within
  its tolerance short of it: 5 % of the target for amounts (``scale="relative"``), 0.5 points for
  rates (``scale="points"``).
* ``final_grade`` — the words a plan office writes in a 终期评估 once the target year's figure is in
  (README "Methods"): ``exceeded`` 超额完成 (beyond the target by at least the tolerance band),
  ``completed`` 完成 (met), ``basically_completed`` 基本完成 (short by less than the band, exact
  targets only: a ``~`` target is met there), ``not_completed`` 未完成; ceilings: ``within_bound``
  控制在目标内 / ``breached`` 突破.

Vectorised: arrays in, arrays out; an unknown value (NaN) is never met.
"""
from __future__ import annotations

import numpy as np

from analysis.engine.probability import APPROX_TOLERANCE, APPROX_TOLERANCE_PP

EPS = 1e-12
FINAL_STATUSES = ("exceeded", "completed", "basically_completed", "not_completed", "within_bound", "breached")


def band(target, scale: str = "relative"):
    """The tolerance band in the margin's terms: 5 % of the target, or 0.5 points for rates."""
    return np.full(np.shape(target), APPROX_TOLERANCE if scale == "relative" else APPROX_TOLERANCE_PP, dtype=float)


def margin(value, target, lower, scale: str = "relative"):
    """How far *value* is beyond *target* in the better direction: a share of the target (relative)
    or points (rates). Negative = short of the target.

    >>> float(margin(620.5, 1000.0, False)), float(margin(3.8, 4.0, True, "points"))
    (-0.3795, 0.20000000000000018)
    """
    value, target = np.asarray(value, dtype=float), np.asarray(target, dtype=float)
    sign = np.where(np.asarray(lower, dtype=bool), -1.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = sign * (value - target)
        if scale == "relative":
            return np.where(target != 0, diff / np.abs(target), np.sign(diff) * np.inf)
        return diff


def met(value, target, bound, lower, scale: str = "relative"):
    """Whether *value* meets the target: at or beyond it in the better direction, a '~' target within
    its tolerance short of it.

    >>> met([960.0, 949.0], [1000.0, 1000.0], ["~", "~"], [False, False]).tolist()
    [True, False]
    >>> met([4.1, 8.0], [4.0, 10.0], ["<=", ""], [True, True]).tolist()      # a ceiling; a falling target
    [False, True]
    >>> met([6.0], [6.5], ["~"], [False], "points").tolist()
    [True]
    """
    m = margin(value, target, lower, scale)
    slack = np.where(np.asarray(bound, dtype=object) == "~", band(m, scale), 0.0)
    return np.isfinite(np.asarray(value, dtype=float)) & (m >= -slack - EPS)


def final_grade(value, target, bound, lower, scale: str = "relative", ceiling=False):
    """The final assessment's key for each target whose target-year figure is known (see module text).

    Hand-worked: target 1000, exact: 1060 is 6 % beyond (≥ 5 %) → exceeded; 1010 → completed;
    960 is 4 % short (< 5 %) → basically_completed; 940 → not_completed. About 1000 ('~'): 960 is met.

    >>> final_grade([1060, 1010, 960, 940, 960], [1000] * 5, ["", "", "", "", "~"], [False] * 5).tolist()
    ['exceeded', 'completed', 'basically_completed', 'not_completed', 'completed']
    >>> final_grade([3.8, 4.2], [4.0, 4.0], ["<=", "<="], [True, True], ceiling=[True, True]).tolist()
    ['within_bound', 'breached']
    """
    m = margin(value, target, lower, scale)
    b = band(m, scale)
    ok = met(value, target, bound, lower, scale)
    exact = np.asarray(bound, dtype=object) != "~"
    grade = np.select([m >= b - EPS, ok, exact & (m >= -b - EPS)],
                      ["exceeded", "completed", "basically_completed"], default="not_completed").astype(object)
    ceiling = np.broadcast_to(np.asarray(ceiling, dtype=bool), grade.shape)
    return np.where(ceiling, np.where(ok, "within_bound", "breached"), grade).astype(object)


# A final grade the bound of the figure cannot decide: "at least 2000" against 2300 may be either side.
_SHORT = {"not_completed", "basically_completed"}
_UNDECIDED = {(">=", "higher"): _SHORT, ("<=", "lower"): _SHORT | {"breached"}}


def undecided_by_bound(grade: str, figure_bound: str | None, direction: str) -> bool:
    """Whether *grade* rests on a figure known only as a bound on the side that could reverse it (≥2000 graded
    short of 2300; ≤4 % graded breached against a ceiling of 3.5 %): the grade is then unknown."""
    return grade in _UNDECIDED.get((figure_bound or "", direction), ())

