"""How likely a target is, under a stated model of annual growth, in closed form.

The model: log growth in each remaining year is independent and normal,
``ln(1 + g_t) ~ N(ln(1 + μ), σ²)``. Then the level in the target year is
log-normal and

    P(X_T ≥ x*) = 1 − Φ((ln(x*/x_t) − h·ln(1 + μ)) / (σ √h))

with h the years left. The Monte Carlo in :mod:`analysis.engine.projection` draws
from the same model (a test holds the two within 0.5 pp); it is kept for the
fan chart only. σ is estimated from observed annual rates when there are at
least three, and otherwise assumed (``DEFAULT_SIGMA_PP``) and said to be.

All functions take NumPy arrays (one element per target) so a gap table for
thousands of districts costs a few vector operations.
"""
from __future__ import annotations

import numpy as np

from analysis.options import OPTIONS

# Annual spread of log growth assumed when a series has fewer than three
# observed annual rates (percentage points). District nominal aggregates swing
# by several points a year (2022: retail +2.5 %, investment −10.5 %); 3 points
# is a deliberately modest default, always reported as an assumption.
DEFAULT_SIGMA_PP = 3.0
MIN_RATES_FOR_SIGMA = 3
# '~' (左右 / aspiration) tolerance: within 5 % of a level, 0.5 points of a rate (analysis.options).
APPROX_TOLERANCE = OPTIONS.approx_tolerance
APPROX_TOLERANCE_PP = OPTIONS.approx_tolerance_pp


def normal_sf(z):
    """Upper tail of the standard normal, vectorised (scipy's ndtr)."""
    from scipy.special import ndtr

    return 1.0 - ndtr(z)


def probability_reach(start, years_left, mean_growth_pct, sigma_pp, threshold, lower_is_better=False):
    """Chance (0–1) that a level growing at N(μ, σ) log-rates from *start* ends at or beyond *threshold*.

    Parameters
    ----------
    start, threshold : array-like
        Latest level and the level to reach (same unit).
    years_left : array-like
        Years from the latest observation to the target year (> 0).
    mean_growth_pct, sigma_pp : array-like
        Mean annual growth (percent) and spread of annual log growth (points).
    lower_is_better : array-like of bool
        For ceilings and falling targets: the chance of ending at or below.

    Examples
    --------
    >>> float(probability_reach(100.0, 1, 0.0, 3.0, 100.0))   # no drift: a coin toss
    0.5
    """
    start, h, mu, sigma, threshold = (np.asarray(a, dtype=float) for a in
                                      (start, years_left, mean_growth_pct, sigma_pp, threshold))
    with np.errstate(divide="ignore", invalid="ignore"):
        need = np.log(threshold / start)
        drift = h * np.log1p(mu / 100.0)
        z = (need - drift) / (sigma / 100.0 * np.sqrt(h))
        up = normal_sf(z)
    p = np.where(np.asarray(lower_is_better, dtype=bool), 1.0 - up, up)
    return p[()] if p.ndim == 0 else p


def sigma_from_rates(log_rates: np.ndarray) -> tuple[float, str, int]:
    """(σ in points, 'estimated' | 'assumed', number of rates) from observed annual log growth rates."""
    rates = np.asarray(log_rates, dtype=float)
    rates = rates[np.isfinite(rates)]
    if len(rates) >= MIN_RATES_FOR_SIGMA:
        return float(np.std(rates, ddof=1) * 100.0), "estimated", len(rates)
    return DEFAULT_SIGMA_PP, "assumed", len(rates)


def tolerance_threshold(target, direction_lower, tolerance: float = APPROX_TOLERANCE):
    """The edge of a '~' target's tolerance band on the side that counts: 约1000 → 950 (higher is better)."""
    target = np.asarray(target, dtype=float)
    return np.where(np.asarray(direction_lower, dtype=bool), target * (1 + tolerance), target * (1 - tolerance))
