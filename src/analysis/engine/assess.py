"""Per-type arithmetic of a plan evaluation, vectorised over every target at once.

Each ``_assess_*`` function takes the classified targets of one type (indexed
by ``tid``) and returns a frame of measures on the same index. Rates are in
percent, gaps in percentage points, τ and progress in percent of the plan.

* level — observed CAGR since the base year, required CAGR to the target,
  τ against linear progress (x_t − x_0)/(x_T − x_0), the progress an office
  reads against 时序进度; log progress ln(x_t/x_0)/ln(x_T/x_0) is kept as a
  labelled secondary figure; completion_rate = x_t / x_T × 100 (完成率);
* share — the same with linear progress and changes in points per year;
* ceiling / floor — met while inside the bound, ``breached`` when outside; with
  ``period_start`` every observed year from then on is checked;
* growth_average — the chained average of observed annual rates from period_start
  (the first year covered) to the target year, on the target's price basis; required average for the remaining years
  ((1+g)^n / Π(1+rᵢ))^(1/remaining) − 1; progress ln Π / ln (1+g)^n;
* growth_annual — actual against target, gap in points;
* cumulative — Σ annual flows inside the plan; required per year
  (target − total) / years left; progress = completion_rate = total / target.
* annual_task — one year's task (period_start = year), measured like a total.

'Met' is :func:`analysis.engine.rules.met` everywhere (direction and '~' respected).

Status keys (words only in ``analysis.i18n``): achieved, ahead, on_track,
behind, off_track, breached, not_achieved, insufficient_data, pending.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.engine import growth, observed, rules
from analysis.engine.growth import average_base_year
from analysis.options import OPTIONS

SCHEDULE_BAND_PP = OPTIONS.schedule_band_pp


def schedule_status(progress, tau, band_pp: float = SCHEDULE_BAND_PP):
    """Status from task progress P and time elapsed τ: moving away (P < 0) is off_track,
    P − τ ≥ band ahead, ≤ −band behind, else on_track; unknown P is insufficient_data.

    >>> schedule_status(np.array([33.86, 60.0, -3.0, np.nan]), np.array([40.0, 40.0, 40.0, 40.0])).tolist()
    ['behind', 'ahead', 'off_track', 'insufficient_data']
    """
    progress, tau = np.asarray(progress, dtype=float), np.asarray(tau, dtype=float)
    diff = progress - tau
    return np.select([~np.isfinite(progress), progress < 0, diff >= band_pp, diff <= -band_pp],
                     ["insufficient_data", "off_track", "ahead", "behind"], default="on_track").astype(object)


def _frame(tg: pd.DataFrame, **columns) -> pd.DataFrame:
    return pd.DataFrame(columns, index=tg.index)


def assess_levels(tg: pd.DataFrame, data: pd.DataFrame, registry, base_year: int, band_pp: float) -> pd.DataFrame:
    """Level and share targets."""
    obs = observed.match(tg, data, ["level", "share"], registry)
    bl = observed.base_and_latest(obs, base_year).reindex(tg.index)
    by, bv, ly, lv = (bl[c].to_numpy(dtype=float) for c in ("base_year", "base_value", "latest_year", "latest_value"))
    ty, tv = tg["year"].to_numpy(dtype=float), tg["target_value"].to_numpy(dtype=float)
    lower, share = tg["direction"].eq("lower").to_numpy(), tg["target_type"].eq("share").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        measured = ly > by
        met = rules.met(lv, tv, tg["bound"].to_numpy(), lower)
        final = ly >= ty
        tau = np.clip((ly - by) / (ty - by) * 100, 0, 100)
        p_lin = np.where(tv != bv, (lv - bv) / (tv - bv) * 100, np.nan)
        p_log = np.where((np.minimum(bv, np.minimum(lv, tv)) > 0) & (tv != bv),
                         np.log(lv / bv) / np.log(tv / bv) * 100, np.nan)
        progress = np.where(measured | met, p_lin, np.nan)
        # 完成率: any figure inside the plan (after its base year), the base itself excluded
        completion = np.where(np.isfinite(lv) & (ly > base_year) & (tv != 0), lv / tv * 100, np.nan)
        cagr_obs = np.where(measured & ~share, growth.cagr(bv, lv, ly - by), np.nan)
        open_ = (ly < ty) & ~met & np.isfinite(lv)
        cagr_req = np.where(open_ & ~share, growth.required_growth(lv, ly, tv, ty), np.nan)
        # a '~' target is met at the edge of its band (the rule the scenario grid marks): the growth that needs
        edge = np.where(lower, tv * (1 + rules.band(tv)), tv * (1 - rules.band(tv)))
        approx = tg["bound"].eq("~").to_numpy()
        cagr_req_tol = np.where(open_ & ~share & approx & ~rules.met(lv, tv, tg["bound"].to_numpy(), lower),
                                growth.required_growth(lv, ly, edge, ty), np.nan)
        plan_rate = growth.cagr(bv, tv, ty - by)
        change_obs = np.where(measured & share, (lv - bv) / (ly - by), np.nan)
        change_req = np.where(open_ & share, (tv - lv) / (ty - ly), np.nan)
    status = schedule_status(progress, tau, band_pp)
    status = np.where(met & ~final, "achieved", status)
    status = np.where(final, np.where(met, "achieved", "not_achieved"), status)
    status = np.where(np.isfinite(lv), status, "insufficient_data")
    return _frame(tg, base_year=by, base_value=bv, latest_year=ly, latest_value=lv, tau=tau, progress=progress,
                  completion_rate=completion, progress_linear=np.where(measured, p_lin, np.nan), progress_log=np.where(measured, p_log, np.nan),
                  cagr_observed=cagr_obs, cagr_required=cagr_req, cagr_required_tolerance=cagr_req_tol,
                  gap_pp=cagr_obs - cagr_req,
                  ratio_r=np.where(plan_rate != 0, cagr_obs / plan_rate, np.nan),
                  change_observed_pp=change_obs, change_required_pp=change_req,
                  projected_value=np.where(open_ & measured & ~share, lv * (1 + cagr_obs / 100) ** (ty - ly), np.nan),
                  status=status, final=final & np.isfinite(lv), growth_basis=np.where(share, "", tg["price_basis"]),
                  substituted_base=np.isfinite(by) & (by != base_year), converted=_any(obs, tg))


def _any(obs: pd.DataFrame, tg: pd.DataFrame, column: str = "converted") -> np.ndarray:
    if obs.empty or column not in obs:
        return np.zeros(len(tg), dtype=bool)
    return obs.groupby("tid")[column].any().reindex(tg.index).fillna(False).to_numpy(dtype=bool)


def assess_bounds(tg: pd.DataFrame, data: pd.DataFrame, registry, base_year: int) -> tuple[pd.DataFrame, dict]:
    """Ceilings and floors; returns measures and {tid: (years checked, years outside)}."""
    obs = observed.match(tg, data, ["level", "share"], registry)
    start = tg["period_start"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    latest = obs.groupby("tid")["year"].max().reindex(tg.index).to_numpy(dtype=float)
    window_start = np.where(np.isfinite(start), start, latest)
    obs = obs[obs["year"] >= obs["tid"].map(pd.Series(window_start, index=tg.index))]
    outside = ~rules.met(obs["value"], obs["tid"].map(tg["target_value"]), obs["tid"].map(tg["bound"]),
                         obs["tid"].map(tg["direction"].eq("lower")))
    checked = obs.groupby("tid")["year"].apply(list).to_dict() if not obs.empty else {}
    breached = obs[outside].groupby("tid")["year"].apply(list).to_dict() if outside.any() else {}
    last = obs.groupby("tid")[["year", "value"]].last().reindex(tg.index)
    ly, ty = last["year"].to_numpy(dtype=float), tg["year"].to_numpy(dtype=float)
    has = np.isfinite(ly)
    out_any = np.array([tid in breached for tid in tg.index], dtype=bool)
    final = has & (ly >= ty)
    status = np.where(~has, "insufficient_data", np.where(final, np.where(out_any, "not_achieved", "achieved"),
                                                          np.where(out_any, "breached", "on_track")))
    tau = np.clip((ly - base_year) / (ty - base_year) * 100, 0, 100)
    frame = _frame(tg, latest_year=ly, latest_value=last["value"].to_numpy(dtype=float), tau=tau, status=status,
                   final=final, growth_basis="", converted=_any(obs, tg))
    return frame, {tid: (checked.get(tid, []), breached.get(tid, [])) for tid in tg.index}


def _run_of_years(obs: pd.DataFrame, tg: pd.DataFrame, start: np.ndarray):
    run, first_missing = observed.contiguous_prefix(obs, pd.Series(start, index=tg.index))
    grouped = run.groupby("tid")
    return grouped, first_missing.reindex(tg.index).to_numpy(dtype=float)


def assess_growth_average(tg: pd.DataFrame, data: pd.DataFrame, registry, band_pp: float) -> pd.DataFrame:
    """Average annual growth targets (period_start = the first year the average covers)."""
    b0 = average_base_year(tg["period_start"].astype("Float64").to_numpy(dtype=float, na_value=np.nan))
    rates = observed.annual_log_rates(tg, data, registry)
    rates = rates[rates["year"] > rates["tid"].map(pd.Series(b0, index=tg.index))].sort_values(["tid", "year"])
    grouped, first_missing = _run_of_years(rates, tg, b0 + 1)
    logsum = grouped["log_rate"].sum().reindex(tg.index).to_numpy(dtype=float)
    k = grouped.size().reindex(tg.index).fillna(0).to_numpy(dtype=float)
    ty, g = tg["year"].to_numpy(dtype=float), tg["target_value"].to_numpy(dtype=float)
    n = ty - b0
    goal = n * np.log1p(g / 100)
    with np.errstate(divide="ignore", invalid="ignore"):
        has = k > 0
        observed_avg = np.where(has, np.expm1(logsum / k) * 100, np.nan)
        progress = np.where(has & (goal != 0), logsum / goal * 100, np.nan)
        tau = np.clip(k / n * 100, 0, 100)
        left = n - k
        required = np.where(has & (left > 0), np.expm1((goal - logsum) / left) * 100, np.nan)
    final = has & (left <= 0)
    met_final = rules.met(observed_avg, g, tg["bound"].to_numpy(), tg["direction"].eq("lower").to_numpy(), "points")
    status = np.where(final, np.where(met_final, "achieved", "not_achieved"), schedule_status(progress, tau, band_pp))
    status = np.where(has, status, "insufficient_data")
    return _frame(tg, base_year=b0, latest_year=np.where(has, b0 + k, np.nan), latest_value=observed_avg,
                  cagr_observed=observed_avg, cagr_required=required, gap_pp=observed_avg - required, tau=tau,
                  progress=progress, status=status, final=final, growth_basis=tg["price_basis"],
                  achieved_index=np.exp(logsum), missing_from=first_missing)


def assess_growth_annual(tg: pd.DataFrame, data: pd.DataFrame, registry) -> pd.DataFrame:
    """One year's growth target against that year's actual rate (same price basis)."""
    obs = observed.match(tg, data, ["growth"], registry, annual_only=True)
    obs = obs[obs["year"].eq(obs["target_year"])].groupby("tid")["value"].last().reindex(tg.index)
    actual, g = obs.to_numpy(dtype=float), tg["target_value"].to_numpy(dtype=float)
    met = rules.met(actual, g, tg["bound"].to_numpy(), tg["direction"].eq("lower").to_numpy(), "points")
    known = np.isfinite(actual)
    status = np.where(known, np.where(met, "achieved", "not_achieved"), "pending")
    return _frame(tg, latest_year=np.where(known, tg["year"], np.nan), latest_value=actual, gap_pp=actual - g,
                  status=status, final=known, tau=np.where(known, 100.0, np.nan), growth_basis=tg["price_basis"])


def assess_cumulative(tg: pd.DataFrame, data: pd.DataFrame, registry, band_pp: float) -> pd.DataFrame:
    """Plan-period totals from one-year flows (kind cumulative with period_start = year) or running totals."""
    first = tg["period_start"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    obs = observed.match(tg, data, ["cumulative"], registry)
    start = obs["tid"].map(pd.Series(first, index=tg.index))
    flows = obs[obs["period_start"].astype("Float64").eq(obs["year"]).fillna(False) & (obs["year"] >= start)]
    running = obs[obs["period_start"].astype("Float64").eq(start).fillna(False) & (obs["year"] > start)]
    grouped, first_missing = _run_of_years(flows.sort_values(["tid", "year"]), tg, first)
    total = grouped["value"].sum().reindex(tg.index).to_numpy(dtype=float)
    ly = grouped["year"].max().reindex(tg.index).to_numpy(dtype=float)
    run_last = running.groupby("tid")[["year", "value"]].last().reindex(tg.index)
    use_running = run_last["year"].to_numpy(dtype=float) >= np.nan_to_num(ly, nan=-1)
    total = np.where(use_running, run_last["value"].to_numpy(dtype=float), total)
    ly = np.where(use_running, run_last["year"].to_numpy(dtype=float), ly)
    ty, tv = tg["year"].to_numpy(dtype=float), tg["target_value"].to_numpy(dtype=float)
    has = np.isfinite(total)
    with np.errstate(divide="ignore", invalid="ignore"):
        tau = np.clip((ly - first + 1) / (ty - first + 1) * 100, 0, 100)
        progress = np.where(has & (tv != 0), total / tv * 100, np.nan)
        met = rules.met(total, tv, tg["bound"].to_numpy(), tg["direction"].eq("lower").to_numpy())
        final = has & (ly >= ty)
        required = np.where(has & ~met & ~final, (tv - total) / (ty - ly), np.nan)
    status = np.where(final, np.where(met, "achieved", "not_achieved"),
                      np.where(met, "achieved", schedule_status(progress, tau, band_pp)))
    status = np.where(has, status, "insufficient_data")
    return _frame(tg, latest_year=ly, latest_value=total, observed_total=total, required_per_year=required, tau=tau,
                  progress=progress, completion_rate=progress, status=status, final=final, growth_basis="", missing_from=first_missing,
                  converted=_any(flows, tg) | _any(running, tg))
