"""Key messages: the finding of each target in one sentence, its notes, and the page's closing summary.

In: a Context and gap records (:mod:`analysis.engine.records`). Out: plain strings (no HTML), every
word from the catalogue (locales/report.yaml) keyed by status and flag codes, numbers through
:mod:`.text`. The required growth a brief shows is written here (``_required``).
"""
from __future__ import annotations

from analysis import i18n
from analysis.engine.probability import tolerance_threshold
from analysis.options import OPTIONS
from analysis.report import text

def _headline(ctx, r: dict, plain: bool) -> str:
    unit, kind = r["unit"], r["target_type"]
    values = {"name": text.record_name(ctx, r), "latest_year": r["latest_year"], "status": text.status(ctx, r),
              "latest": text.amount(ctx, r["latest_value"], unit, r.get("latest_bound") or ""), "target": text.amount(ctx, r["target_value"], unit, r["bound"]),
              "target_year": r["target_year"], "base_year": r["base_year"], "cagr": text.rate(r.get("cagr_observed")),
              "at_basis": text.at_basis(ctx, r.get("growth_basis") or r.get("price_basis", "")), "progress": text.rate(r.get("progress"), 0 if plain else 1),
              "tau": text.rate(r.get("tau"), 0 if plain else 1), "first": r.get("period_start") or ctx.plan.first_year}
    if kind in ("growth_average", "growth_annual"):
        return ctx.t(f"msg.{kind}", **values)
    if kind in ("ceiling", "floor"):
        return ctx.t("msg.ceiling", **values)
    if kind in ("cumulative", "annual_task"):
        return ctx.t("msg.cumulative", **values, total=text.amount(ctx, r.get("observed_total"), unit))
    values["completion"] = text.rate(r.get("completion_rate"))
    values["progress_log"] = text.rate(r.get("progress_log"), 0 if plain else 1)
    if r.get("final"):
        if r["status"] == "insufficient_data":           # a final figure known only as a bound that cannot decide
            values["completion"] = i18n.bound_label(r.get("latest_bound") or "", ctx.lang) + text.bound_rate(
                r.get("completion_rate"), r.get("latest_bound") or "")
            return ctx.t("msg.final_undecided", **values)
        return ctx.t("msg.final", **values)
    if r["status"] == "achieved":
        return ctx.t("msg.achieved", **values)
    head = ctx.t("msg.level_plain" if plain else "msg.level", **values)
    if r.get("qualifier") == "directional":
        head = ctx.t("msg.directional", target=values["target"]) + head
    return head


def _required(ctx, r: dict) -> str:
    if r.get("deadline_passed"):
        return ""                     # the years it would need are past: the probability says what is left
    span = text.years(ctx, r["latest_year"] + 1, r["target_year"])
    values = {"as_of": r["latest_year"], "years": span, "target_year": r["target_year"],
              "target": text.amount(ctx, r["target_value"], r["unit"], r["bound"]), "required": text.rate(r.get("cagr_required")),
              "at_basis": text.at_basis(ctx, r.get("growth_basis", ""))}
    if r["target_type"] == "cumulative" and r.get("required_per_year") is not None:
        return ctx.t("msg.cumulative_required", **values, per_year=text.amount(ctx, r["required_per_year"], r["unit"]))
    if r.get("cagr_required") is None:
        return ""
    if r["target_type"] in ("growth_average", "growth_annual"):
        return ctx.t("msg.growth_required", **values)
    if r.get("cagr_required_tolerance") is not None:       # the grid's rule: '~' is met at the band's edge
        return ctx.t("msg.required_tolerance", **values, required_tol=text.rate(r["cagr_required_tolerance"]),
                     tolerance=OPTIONS.tolerance_text(), target_exact=text.amount(ctx, r["target_value"], r["unit"]),
                     threshold=text.amount(ctx, float(tolerance_threshold(r["target_value"], r.get("direction") == "lower")),
                                      r["unit"]))
    return ctx.t("msg.required", **values)


def _probability(ctx, r: dict, plain: bool) -> str:
    p, p_tol = r.get("probability"), r.get("probability_tolerance")
    if (p is None and p_tol is None) or r.get("final"):
        return ""
    if not text.chance_stated(r):              # the brief, the overview and the gap page say why, and show the grid
        return ctx.t("msg.scenario_instead")
    unit = r["unit"]
    values = {"base_year": r["base_year"], "target_year": r["target_year"], "tolerance": OPTIONS.tolerance_text(),
              "data_year": r.get("latest_year"),
              "target": text.amount(ctx, r["target_value"], unit, r["bound"]), "target_exact": text.amount(ctx, r["target_value"], unit),
              "threshold": text.amount(ctx, float(tolerance_threshold(r["target_value"], r.get("direction") == "lower")), unit),
              "p": text.chance(ctx, p), "p_tol": text.chance(ctx, p_tol)}
    key = "msg.probability_both" if p is not None and p_tol is not None else (
        "msg.probability_tolerance" if p_tol is not None else "msg.probability")
    if key == "msg.probability_tolerance":
        values["p"] = values["p_tol"]
    if r.get("deadline_passed"):          # worded as an estimate from old data, never as a live chance
        key += "_passed"
    return ctx.t(key, **values)


def message(ctx, record: dict, plain: bool = False) -> str:
    """The finding for one assessed target, written from its numbers."""
    parts = [_headline(ctx, record, plain)]
    if not record.get("final") and record["status"] != "achieved" and record.get("latest_year") is not None \
            and record["latest_year"] < record["target_year"]:
        parts += [_required(ctx, record), _probability(ctx, record, plain)]
    return text.sentences(ctx, parts)


# Flags the finding itself already says (its price basis, whether the spread is assumed) or that only
# explain why there is no finding (the progress table's remark says that).
SAID_IN_MESSAGE = ("nominal_growth", "real_growth", "sigma_assumed", "sigma_estimated", "no_observation",
                   "no_growth_yet", "missing_flows", "trend_estimate")


def notes(ctx, record: dict) -> list[str]:
    """The caveats that qualify one record's finding (its flags, in words)."""
    return [i18n.flag_text(f, ctx.lang) for f in record.get("flags", []) if f["code"] not in SAID_IN_MESSAGE]


def key_messages(ctx, records: list[dict], plain: bool = False) -> list[tuple[str, list[str]]]:
    """(finding, its caveats) for every assessed record."""
    return [(message(ctx, r, plain), notes(ctx, r)) for r in records if text.is_assessed(r)]


def summary(ctx, records: list[dict]) -> str:
    """How many targets exist and how many can be assessed."""
    n, m = len(records), sum(text.is_assessed(r) for r in records)
    forecasts = [r for r in records if text.is_forecast(r)]
    values = {"plan": ctx.plan_name, "n": n, "m": m, "k": n - m - len(forecasts), "target_year": ctx.target_year}
    if n == 0 or m == n:
        return ""
    said = ctx.t("msg.summary" if m else "msg.summary_none", **values)
    if forecasts:
        said += ctx.t("msg.summary_forecasts", j=len(forecasts),
                      names=text.joined(ctx, [text.record_name(ctx, r) for r in forecasts]))
    return said


def annual_tasks_message(ctx) -> str:
    tasks = ctx.annual_tasks
    year_ = int(tasks["year"].max())
    tasks = tasks[tasks["year"] == year_]
    key = "msg.annual_tasks_not_entered" if tasks["status"].eq("not_entered").any() else "msg.annual_tasks"
    return ctx.t(key, year=year_, n=len(tasks), document=ctx.t("document.one", year=year_, publish=year_ + 1))


def not_assessable(ctx) -> str:
    """The one line an indicator page shows when its indicator has nothing to assess."""
    record = ctx.record
    if record is None:
        return ctx.t("msg.no_target", indicator=ctx.indicator_name, target_year=ctx.target_year)
    return ctx.t("msg.not_assessable", indicator=ctx.indicator_name, remark=text.remark(ctx, record))
