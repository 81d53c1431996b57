"""The projection page: models fitted once for one target, their tables, and notes as keys.

Notes travel as ``(catalogue key, params)`` and become words in the page's
language only in :func:`notes_text`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from analysis import i18n
from analysis.report import text
from analysis.report.tables import Quantity, frame_of
from analysis.options import OPTIONS


@dataclass
class Projection:
    """Everything the projection page shows for one target."""
    levels: pd.Series
    frames: dict                       # model -> DataFrame(mean, lower, upper) by year
    growth: dict                       # model -> growth assumed (%/yr)
    mc: object | None
    backtest: pd.DataFrame
    alpha: float
    notes: list = field(default_factory=list)


def _interval(frame: pd.DataFrame) -> pd.DataFrame:
    """mean and the prediction interval (``obs_ci_lower``, ``obs_ci_upper``) of a summary frame."""
    return frame[["mean", "obs_ci_lower", "obs_ci_upper"]]


def project(ctx, record: dict, growth_assumption: float | None = None, deflator: float = OPTIONS.deflator,
            sigma_pp: float | None = None, alpha: float = OPTIONS.alpha, n_paths: int = OPTIONS.n_paths,
            seed: int = OPTIONS.seed) -> Projection | None:
    """Drift, plan-rate and (with ≥4 points) log-linear trend projections, a Monte Carlo and a backtest."""
    from analysis.engine.projection import (
        DEFAULT_SIGMA_PP,
        MIN_POINTS_FOR_TREND,
        DriftModel,
        LogLinearTrend,
        PlanRateModel,
        backtest,
        simulate_target,
    )
    from analysis.report.charts import levels_of

    if record is None or record.get("latest_year") is None or record["target_type"] not in ("level", "share", "floor"):
        return None
    ty, by = record["target_year"], record.get("base_year")
    levels = levels_of(ctx, record)
    fitted, notes = {}, []
    if by is not None and len(levels.loc[by:]) >= 2:
        fitted["drift"] = DriftModel(levels.loc[by:], base_year=by, sigma_pp=sigma_pp).fit(ty)
    plan = ctx.rows[(ctx.rows["kind"] == "target_growth") & ctx.rows["period_start"].isna()]
    if not levels.empty and not plan.empty and record["price_basis"] == "current":
        basis = plan["price_basis"].iloc[0]
        fitted["plan_rate"] = PlanRateModel(levels, dict(zip(plan["year"], plan["value"])), basis,
                                            deflator=deflator if basis == "comparable" else None,
                                            sigma_pp=sigma_pp or DEFAULT_SIGMA_PP).fit(ty)
        if basis == "comparable":
            notes.append(("proj.plan_rate_real", {"deflator": f"{deflator:g}"}))
    if len(levels) >= MIN_POINTS_FOR_TREND:
        fitted["trend"] = LogLinearTrend(levels).fit(ty)
        notes.append(("proj.trend_few", {"n": len(levels)}))
    else:
        notes.append(("proj.trend_skipped", {"n": len(levels)}))
    last_year = int(levels.index[-1]) if not levels.empty else None
    frames = {name: _interval(res.summary_frame(alpha=alpha, until_year=ty)) for name, res in fitted.items()
              if last_year is not None and last_year < ty}
    growth = {name: res.params.get("growth_pct", res.growth_pct.get(ty, math.nan)) for name, res in fitted.items()}
    assumed = sigma_pp is None and record.get("sigma_source") != "estimated"     # too few observed rates
    if frames:
        notes.append(("proj.interval_assumed" if assumed else "proj.interval", {"coverage": f"{(1 - alpha) * 100:g}"}))
    mc = None
    mean = growth_assumption if growth_assumption is not None else record.get("cagr_observed")
    if last_year is not None and last_year < ty and mean is not None:
        # the spread the assessment used (estimated from ≥3 annual rates, else assumed), unless the analyst gives one
        sigma = sigma_pp if sigma_pp is not None else (record.get("sigma_pp") or DEFAULT_SIGMA_PP)
        mc = simulate_target(float(levels.iloc[-1]), last_year, ty, mean, sigma, record["target_value"],
                             record["direction"], n_paths=n_paths, seed=seed)
        notes.append(("proj.monte_carlo", {"n_paths": f"{n_paths:,}", "mean": f"{mean:.1f}", "sigma": f"{sigma:.1f}",
                                           "seed": seed}))
        if assumed:
            notes.append(("proj.sigma_assumed", {}))
        growth["monte_carlo"] = mean
    bt = backtest(levels) if len(levels) else pd.DataFrame()
    return Projection(levels, frames, growth, mc, bt, alpha, notes)


def notes_text(ctx, projection: Projection | None) -> list[str]:
    return [ctx.t(key, **params) for key, params in (projection.notes if projection else [])]


def _mc_interval(mc, alpha: float) -> tuple[float, float, float]:
    """Median and the (1 − alpha) simulated range in the final year, from the paths."""
    import numpy as np

    final = np.asarray(mc.paths)[:, -1]
    low, mid, high = np.quantile(final, [alpha / 2, 0.5, 1 - alpha / 2])
    return float(mid), float(low), float(high)


def projection_table(ctx, record: dict, projection: Projection) -> pd.DataFrame:
    """Each model's value in the target year with its (1 − alpha) interval: a prediction interval for the
    models, the same share of simulated paths for the Monte Carlo."""
    from analysis.report.tables import unit_text

    ty, unit = record["target_year"], record["unit"]
    coverage = f"{(1 - projection.alpha) * 100:g}"
    # with the spread assumed (too few observed rates), the interval covers that share only if the assumption holds
    assumed = "_assumed" if any(key == "proj.sigma_assumed" for key, _ in projection.notes) else ""
    head = [ctx.t("col.model"), ctx.t("col.projected", year=ty), ctx.t("col.lower" + assumed, coverage=coverage),
            ctx.t("col.upper" + assumed, coverage=coverage), ctx.t("col.unit"), ctx.t("col.growth_assumption"),
            ctx.t("col.growth_basis")]
    label = unit_text(ctx, unit)
    basis = i18n.basis_label(record["price_basis"], ctx.lang) or None     # every model grows the target's own series
    rows = []
    for name, frame in projection.frames.items():
        end = frame.loc[ty]
        values = (float(end["mean"]), float(end["obs_ci_lower"]), float(end["obs_ci_upper"]))
        rows.append(dict(zip(head, [ctx.t(name), *(Quantity(v, unit, digits=1) for v in values), label,
                                    projection.growth.get(name), basis])))
    if projection.mc is not None:
        values = _mc_interval(projection.mc, projection.alpha)
        rows.append(dict(zip(head, [ctx.t("monte_carlo"), *(Quantity(v, unit, digits=1) for v in values), label,
                                    projection.growth.get("monte_carlo"), basis])))
    return frame_of(rows)


def backtest_table(ctx, record: dict, projection: Projection) -> pd.DataFrame:
    """Hold out the last observation: each model's forecast of it and the error."""
    bt, unit = projection.backtest, record["unit"]
    if bt.empty:
        return bt
    from analysis.report.tables import unit_text

    return frame_of({
        ctx.t("col.model"): [ctx.t(m) for m in bt["model"]],
        ctx.t("col.holdout_year"): [None if pd.isna(y) else text.year(ctx, int(y)) for y in bt["holdout_year"]],
        ctx.t("actual"): [Quantity(None if pd.isna(v) else float(v), unit) for v in bt["actual"]],
        ctx.t("col.forecast"): [Quantity(None if pd.isna(v) else float(v), unit, digits=1) for v in bt["forecast"]],
        ctx.t("col.unit"): unit_text(ctx, unit),
        ctx.t("col.error_pct"): [None if pd.isna(v) else float(v) for v in bt["error_pct"]],
        ctx.t("col.note"): [ctx.t("backtest.too_short") if n else None for n in bt["note"]],
    })
