"""The narrative layer the notebooks call: validated parameters, tables, messages, charts.

Notebooks stay thin: a parameters cell, ``ctx = report.setup(...)``, then one
call per section. Everything here is tested directly; the notebooks only
arrange it.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config, i18n
from .exceptions import ParameterError
from .i18n import number as _fmt
from .i18n import t

MAIN_AMOUNTS = ["gdp", "services_value_added", "industrial_value_added", "retail_sales",
                "fixed_asset_investment", "budget_revenue"]
SOURCE_NAMES = {
    "000_8c3a4b0d049a7f5c.txt": ("太原晚报2021-04-08", "Taiyuan Evening News, 2021-04-08"),
    "001_8505fc8d30ca50d2.txt": ("万柏林区2021年“两会”报道", "Wanbailin 2021 congress report"),
    "002_c37d50af50f0c12c.txt": ("万柏林区“十四五”规划纲要", "Wanbailin 14th five-year plan outline"),
    "003_8df52340b5556471.txt": ("杏花岭区2022年“两会”报道", "Xinghualing 2022 congress report"),
    "004_2e2771ea7a10172a.txt": ("万柏林区2022年计划执行情况与2023年计划报告", "Wanbailin 2022 plan execution and 2023 plan report"),
}


@dataclass
class Context:
    """Validated parameters plus the data every section needs."""
    district: str
    lang: str
    data: pd.DataFrame
    data_path: Path
    indicator: str | None = None
    target_year: int = config.PLAN_TARGET_YEAR
    target_override: float | None = None
    options: dict = field(default_factory=dict)

    @property
    def rows(self) -> pd.DataFrame:
        rows = self.data[self.data["district"] == self.district]
        return rows if self.indicator is None else rows[rows["indicator"] == self.indicator]

    @property
    def indicator_name(self) -> str:
        if self.indicator is None:
            return ""
        return i18n.indicator_label(self.indicator, self.rows["indicator_zh"].iloc[0], self.lang)

    @property
    def unit(self) -> str:
        amounts = self.rows[self.rows["kind"].isin(["level", "target_level", "cumulative"])]
        return i18n.unit_label(amounts["unit"].iloc[0], self.lang) if not amounts.empty else "%"

    def gaps(self, **options) -> list[dict]:
        from .gaps import gap_table, to_records

        overrides = {self.indicator: self.target_override} if self.indicator and self.target_override else None
        table = gap_table(self.data, district=self.district, target_year=self.target_year,
                          indicators=[self.indicator] if self.indicator else None,
                          target_overrides=overrides, **options)
        return to_records(table)


def _minimal_tracebacks() -> None:
    """In a notebook, show a bad parameter as its one-line message rather than a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and hasattr(shell, "InteractiveTB"):
        shell.InteractiveTB.set_mode(mode="Minimal")


def _check_range(name: str, value, low, high, allow_none=False):
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and math.isnan(value)):
        raise ParameterError(f"parameter {name}={value!r} is not a number; accepted: {low} to {high}")
    if not low <= value <= high:
        raise ParameterError(f"parameter {name}={value!r} is out of range; accepted: {low} to {high}")
    return value


def setup(district: str, lang: str = "zh", indicator: str | None = None, data_path: str = "",
          target_year: int = config.PLAN_TARGET_YEAR, target_override: float = 0.0, **options) -> Context:
    """Validate notebook parameters and load the data; raises ParameterError with a one-line fix."""
    from .loading import load_indicators

    _minimal_tracebacks()

    i18n.check_lang(lang)
    path = config.indicators_path(data_path or None)
    if data_path and not Path(data_path).is_file():
        raise ParameterError(f"parameter data_path='{data_path}' is not a file; give the path of an indicator CSV or ''")
    data = load_indicators(path)
    districts = sorted(set(data["district"]))
    if district not in districts:
        raise ParameterError(f"parameter district='{district}' is not in {path.name}; accepted: {', '.join(districts)}")
    if indicator is not None:
        known = sorted(set(data.loc[data["district"] == district, "indicator"]))
        if indicator not in known:
            import difflib
            close = difflib.get_close_matches(indicator, known, n=3) or known[:8]
            raise ParameterError(f"parameter indicator='{indicator}' is not an indicator of {district}; "
                                 f"did you mean: {', '.join(close)}")
    _check_range("target_year", target_year, config.PLAN_BASE_YEAR + 1, config.YEAR_RANGE[1])
    _check_range("target_override", target_override, 0, 1e9)
    limits = {"growth_assumption": (-50, 100), "deflator": (-20, 50), "sigma_pp": (0, 50),
              "alpha": (0.001, 0.5), "n_paths": (1000, 1_000_000), "seed": (0, 2**32 - 1)}
    for name, value in options.items():
        if name in limits:
            _check_range(name, value, *limits[name], allow_none=True)
    return Context(district, lang, data, path, indicator, int(target_year), target_override or None, options)


# --- output helpers -----------------------------------------------------------------

def _name(record: dict, lang: str) -> str:
    return i18n.indicator_label(record["indicator"], record["indicator_zh"], lang)


def _units(ctx: Context) -> dict:
    amounts = ctx.data[(ctx.data["district"] == ctx.district) & ctx.data["kind"].isin(["level", "target_level"])]
    return dict(zip(amounts["indicator"], amounts["unit"]))


def html_table(frame: pd.DataFrame, css_class: str = "report-table", escape: bool = True) -> str:
    """A plain HTML table; cell text is escaped (notes and quotes come from documents)."""
    return frame.to_html(index=False, escape=escape, classes=css_class, border=0, na_rep="–",
                         float_format=lambda v: f"{v:,.1f}")


def show(obj) -> None:
    from IPython.display import HTML, display

    display(HTML(obj) if isinstance(obj, str) else obj)


def header(ctx: Context, report: str) -> str:
    """Title block with the how-to-read note; the renderer uses the h1 as the page title."""
    title = t(report, ctx.lang, district=i18n.district_name(ctx.district, ctx.lang), indicator=ctx.indicator_name)
    return (f'<header class="report-header"><h1 id="report-title">{html.escape(title)}</h1>'
            f'<p class="how-to-read">{html.escape(t("how_to_read", ctx.lang))}</p></header>')


def title_of(ctx: Context, report: str) -> str:
    return t(report, ctx.lang, district=i18n.district_name(ctx.district, ctx.lang), indicator=ctx.indicator_name)


def source_line(ctx: Context, rows: pd.DataFrame | None = None) -> str:
    rows = ctx.rows if rows is None else rows
    names = [SOURCE_NAMES.get(s, (s, s))[0 if ctx.lang == "zh" else 1] for s in dict.fromkeys(rows["source"])]
    return t("source", ctx.lang, sources="；".join(names) if ctx.lang == "zh" else "; ".join(names))



def latest_table(ctx: Context) -> pd.DataFrame:
    """Every indicator's latest level (or share) and latest growth, with units and price basis."""
    rows = ctx.rows
    out = []
    for indicator, group in rows.groupby("indicator", sort=False):
        levels = group[group["kind"].isin(["level", "share", "cumulative"])].sort_values("year")
        growth = group[(group["kind"] == "growth") & group["period_start"].isna()].sort_values("year")
        if levels.empty and growth.empty:
            continue
        last = levels.iloc[-1] if not levels.empty else None
        g = growth.iloc[-1] if not growth.empty else None
        out.append({
            t("indicator", ctx.lang): i18n.indicator_label(indicator, group["indicator_zh"].iloc[0], ctx.lang),
            t("latest_year", ctx.lang): int(last["year"]) if last is not None else "–",
            t("latest", ctx.lang): _fmt(last["value"], 2) if last is not None else "–",
            t("unit", ctx.lang): i18n.unit_label(last["unit"], ctx.lang) if last is not None else "",
            t("growth_rate", ctx.lang): _fmt(g["value"]) if g is not None else "–",
            t("price_basis", ctx.lang): t(g["price_basis"], ctx.lang) if g is not None else "",
        })
    return pd.DataFrame(out)


def status_table(ctx: Context, records: list[dict], with_data_only: bool = False) -> pd.DataFrame:
    """One row per target: latest, target, growth observed/required, τ, progress, both statuses."""
    rows = []
    for r in records:
        if with_data_only and r["latest_year"] is None:
            continue
        rows.append({
            t("indicator", ctx.lang): _name(r, ctx.lang),
            t("latest", ctx.lang): f"{_fmt(r['latest_value'])} ({r['latest_year']})" if r["latest_year"] else "–",
            t("target", ctx.lang): f"{i18n.bound_label(r['bound'], ctx.lang)}{r['target_value']:g} ({r['target_year']})",
            t("observed_growth", ctx.lang): _fmt(r["cagr_observed"]),
            t("required_growth", ctx.lang): _fmt(r["cagr_required"]),
            t("tau", ctx.lang): _fmt(r["tau"]),
            t("progress", ctx.lang): _fmt(r["progress_log"]),
            t("status", ctx.lang): i18n.status_label(r["status"], ctx.lang, r["final"]),
            t("ratio_status", ctx.lang): i18n.status_class(r["status"], ctx.lang),
            t("probability", ctx.lang): _fmt(r["probability"]),
        })
    return pd.DataFrame(rows)


def scorecard_table(ctx: Context) -> pd.DataFrame:
    from .progress import scorecard

    card = scorecard(ctx.data, ctx.district)
    if ctx.indicator:
        card = card[card["indicator"] == ctx.indicator]
    return pd.DataFrame({
        t("indicator", ctx.lang): [i18n.indicator_label(i, z, ctx.lang) for i, z in zip(card["indicator"], card["indicator_zh"])],
        t("year", ctx.lang): card["year"],
        t("target", ctx.lang): [f"{i18n.bound_label(b, ctx.lang)}{v:g}%" for b, v in zip(card["bound"], card["target"])],
        t("actual", ctx.lang): [_fmt(v) for v in card["actual"]],
        t("price_basis", ctx.lang): [t(b, ctx.lang) for b in card["price_basis"]],
        t("status", ctx.lang): [i18n.status_label(s, ctx.lang) for s in card["status"]],
    })


LIGHTS = {"green": "#27ae60", "amber": "#f39c12", "red": "#c0392b", "grey": "#95a5a6"}


LIGHT_OF_STATUS = {"achieved": "green", "ahead": "green", "on_track": "green", "behind": "amber",
                   "off_track": "red", "breached": "red", "not_achieved": "red"}


def light_of(record: dict) -> str:
    return LIGHT_OF_STATUS.get(record["status"], "grey")


def traffic_light_html(ctx: Context, records: list[dict], assessable_only: bool = False) -> str:
    """Traffic-light table for decision makers (escaped text, coloured dots).

    With ``assessable_only`` only targets with an observed value are listed and
    the rest are counted in one line, so the brief fits one screen.
    """
    hidden = [r for r in records if r["latest_year"] is None] if assessable_only else []
    records = [r for r in records if r not in hidden]
    head = [t("indicator", ctx.lang), t("latest", ctx.lang), t("target", ctx.lang), t("status", ctx.lang),
            t("required_growth", ctx.lang)]
    body = []
    order = {"red": 0, "amber": 1, "green": 2, "grey": 3}
    for r in sorted(records, key=lambda r: order[light_of(r)]):
        light = light_of(r)
        name = _name(r, ctx.lang)
        latest = (f"{_fmt(r['latest_value'])}（{r['latest_year']}）" if ctx.lang == "zh" else
                  f"{_fmt(r['latest_value'])} ({r['latest_year']})") if r["latest_year"] else "–"
        cells = [name, latest, f"{i18n.bound_label(r['bound'], ctx.lang)}{r['target_value']:g}",
                 i18n.status_label(r["status"], ctx.lang, r["final"]), _fmt(r["cagr_required"])]
        dot = f'<span class="light" style="background:{LIGHTS[light]}" title="{light}"></span>'
        body.append("<tr><td>" + dot + "</td>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    head_html = "<tr><th></th>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"
    table = f'<table class="report-table traffic">{head_html}{"".join(body)}</table>'
    if hidden:
        table += f'<p class="how-to-read">{html.escape(t("not_assessed", ctx.lang, n=len(hidden)))}</p>'
    return table


def key_messages(ctx: Context, records: list[dict], plain: bool = False) -> list[str]:
    """Findings written from the numbers; ``plain`` avoids evaluation terms (for the brief)."""
    zh = ctx.lang == "zh"
    msgs = []
    measured = [r for r in records if r["latest_year"] and r["base_year"] and r["latest_year"] > r["base_year"]]
    units = _units(ctx)
    for r in measured:
        name, unit = _name(r, ctx.lang), units.get(r["indicator"], "")
        status = i18n.status_label(r["status"], ctx.lang, r["final"])
        if zh:
            progress = (f"规划期已过{_fmt(r['tau'], 0)}%，目标完成约{_fmt(r['progress_log'], 0)}%" if plain else
                        f"任务进度{_fmt(r['progress_log'])}%、时序进度{_fmt(r['tau'])}%")
            basis = i18n.basis_label(r["growth_basis"], "zh")
            msg = (f"截至{r['as_of_year']}年，{name}{r['latest_year']}年为{i18n.amount(r['latest_value'], unit, 'zh')}，"
                   f"{r['base_year']}年以来年均增长{_fmt(r['cagr_observed'])}%{'（' + basis + '）' if basis else ''}，"
                   f"{progress}，{status}。")
            if not math.isnan(r["cagr_required"] or math.nan):
                msg += f"要在{r['target_year']}年达到{i18n.amount(r['target_value'], unit, 'zh')}，今后每年需增长{_fmt(r['cagr_required'])}%"
                if r["probability"] is not None and r["sigma_source"] == "estimated":
                    msg += f"，按现有增速达到{i18n.amount(r['target_value'], unit, 'zh')}的概率约{_fmt(r['probability'], 0)}%"
                msg += "。"
        else:
            progress = (f"{_fmt(r['tau'], 0)}% of the plan period has passed and about {_fmt(r['progress_log'], 0)}% "
                        "of the way to the target is done" if plain else
                        f"task progress {_fmt(r['progress_log'])}% against {_fmt(r['tau'])}% of plan time elapsed")
            basis = i18n.basis_label(r["growth_basis"], "en")
            msg = (f"As of {r['as_of_year']}: {name} reached {i18n.amount(r['latest_value'], unit, 'en')} in "
                   f"{r['latest_year']}, growing {_fmt(r['cagr_observed'])}% a year since {r['base_year']}"
                   f"{' at ' + basis if basis else ''}; {progress}: {status}.")
            if r["cagr_required"] is not None:
                msg += (f" Reaching {i18n.amount(r['target_value'], unit, 'en')} by {r['target_year']} now needs "
                        f"{_fmt(r['cagr_required'])}% a year")
                if r["probability"] is not None and r["sigma_source"] == "estimated":
                    msg += f"; at the current pace the chance of reaching it is about {_fmt(r['probability'], 0)}%"
                msg += "."
        msgs.append(msg)
    waiting = [r for r in records if r not in measured]
    if waiting:
        names = ("、" if zh else ", ").join(_name(r, ctx.lang) for r in waiting[:6])
        more = len(waiting) - 6
        if zh:
            msgs.append(f"另有{len(waiting)}项目标（{names}{'等' if more > 0 else ''}）尚无规划期内的实际数据，暂无法评估，"
                        "需在下一年度执行报告公布后更新。")
        else:
            msgs.append(f"{len(waiting)} more targets ({names}{', …' if more > 0 else ''}) have no actual figure "
                        "within the plan period yet and cannot be assessed until the next execution report.")
    return msgs


def messages_html(messages: list[str]) -> str:
    return "<ul class=\"messages\">" + "".join(f"<li>{html.escape(m)}</li>" for m in messages) + "</ul>"


def caveats(ctx: Context, records: list[dict] | None = None) -> list[str]:
    """Price basis, notes and data flags in words."""
    zh = ctx.lang == "zh"
    out = []
    rows = ctx.rows
    growth = rows[rows["kind"].isin(["growth", "target_growth"])]
    for basis in sorted(set(growth["price_basis"])):
        chosen = growth[growth["price_basis"] == basis].drop_duplicates("indicator")
        names = ("、" if zh else ", ").join(i18n.indicator_label(i, z, ctx.lang)
                                            for i, z in zip(chosen["indicator"], chosen["indicator_zh"]))
        if zh:
            out.append(f"{names}的增速为{t(basis, 'zh')}口径。" + ("总量为现价，与实际增速不可直接比较。" if basis == "comparable" else ""))
        else:
            out.append(f"Growth of {names} is at {t(basis, 'en')}." + (" Levels are at current prices and cannot be compared with real growth directly." if basis == "comparable" else ""))
    for r in records or []:
        for flag in r["flags"]:
            out.append(f"{_name(r, ctx.lang)}{'：' if zh else ': '}{i18n.flag_text(flag, ctx.lang)}")
    if ctx.indicator:
        for note in dict.fromkeys(n for n in rows["note"] if n):
            out.append(f"{t('data_note', ctx.lang)}{'：' if zh else ': '}{note}")
    return out


def list_html(items: list[str], css_class: str = "caveats") -> str:
    return f'<ul class="{css_class}">' + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def heading(text_key: str, ctx: Context) -> str:
    return f"<h2>{html.escape(t(text_key, ctx.lang))}</h2>"


# --- charts ------------------------------------------------------------------------

def _axes():
    import matplotlib.pyplot as plt

    from . import plotting  # noqa: F401  (registers the CJK font)

    return plt.subplots()


def chart_main_series(ctx: Context):
    from .plotting import plot_levels

    rows = ctx.data[(ctx.data["district"] == ctx.district) & (ctx.data["kind"] == "level")
                    & ctx.data["indicator"].isin(MAIN_AMOUNTS)]
    if rows.empty:
        return None
    label = "indicator_zh" if ctx.lang == "zh" else "indicator"
    table = rows.pivot_table(index="year", columns=label, values="value")
    fig, ax = _axes()
    return plot_levels(ax, table, i18n.unit_label(rows["unit"].iloc[0], ctx.lang), source_line(ctx, rows), ctx.lang, t("main_series", ctx.lang))


def chart_path(ctx: Context, record: dict):
    from .loading import series
    from .plotting import plot_path_to_target
    from .projection import DriftModel

    levels = series(ctx.district, ctx.indicator, data=ctx.data).loc[: record["target_year"]]
    if levels.empty:
        return None
    projection = None
    if record["latest_year"] and record["base_year"] and record["latest_year"] > record["base_year"] \
            and record["latest_year"] < record["target_year"]:
        res = DriftModel(levels.loc[record["base_year"]:], base_year=record["base_year"]).fit(record["target_year"])
        projection = res.forecast(record["target_year"])
    fig, ax = _axes()
    return plot_path_to_target(ax, levels, record, ctx.unit, source_line(ctx), ctx.lang, projection,
                               title=ctx.indicator_name)


def chart_progress(ctx: Context, records: list[dict]):
    from .plotting import plot_progress

    if not any(r["latest_year"] and r["base_year"] and r["latest_year"] > r["base_year"] for r in records):
        return None
    fig, ax = _axes()
    return plot_progress(ax, records, source_line(ctx), ctx.lang, f"{t('progress', ctx.lang)} / {t('tau', ctx.lang)}")


def show_header(ctx: Context, report: str) -> None:
    """Display the title block; its metadata gives the HTML page its <title>."""
    from IPython.display import HTML, display

    from .render import TITLE_KEY

    display(HTML(header(ctx, report)), metadata={TITLE_KEY: title_of(ctx, report)})


def record_for(ctx: Context, records: list[dict]) -> dict | None:
    """The record of ctx.indicator's target due in the target year (not an annual growth target)."""
    mine = [r for r in records if r["indicator"] == ctx.indicator]
    return next((r for r in mine if r["target_year"] == ctx.target_year and r["target_type"] != "growth_annual"),
                mine[0] if mine else None)


def no_target_html(ctx: Context) -> str:
    return f'<p class="how-to-read">{html.escape(t("no_targets", ctx.lang))}</p>'


@dataclass
class Scenarios:
    """Everything the projection notebook shows for one indicator."""
    levels: pd.Series
    frames: dict
    summary: pd.DataFrame
    mc: object | None
    backtest: pd.DataFrame
    notes: list


def projections(ctx: Context, record: dict, growth_assumption: float | None = None, deflator: float = 2.0,
                sigma_pp: float | None = None, alpha: float = 0.05, n_paths: int = 100_000,
                seed: int = 20210101) -> Scenarios:
    """Drift, plan-rate and trend projections, a Monte Carlo, and a backtest for ctx.indicator."""
    from .loading import series
    from .projection import DEFAULT_SIGMA_PP, DriftModel, LogLinearTrend, PlanRateModel, backtest, simulate_target

    zh = ctx.lang == "zh"
    ty, tv = record["target_year"], record["target_value"]
    levels = series(ctx.district, ctx.indicator, data=ctx.data).loc[:ty]
    frames, fitted, notes = {}, {}, []
    by = record["base_year"]
    if by is not None and len(levels.loc[by:]) >= 2:
        fitted["drift"] = DriftModel(levels.loc[by:], base_year=by, sigma_pp=sigma_pp).fit(ty)
    plan = ctx.rows[ctx.rows["kind"] == "target_growth"]
    if not levels.empty and not plan.empty:
        basis = plan["price_basis"].iloc[0]
        rates = dict(zip(plan["year"], plan["value"]))
        fitted["plan_rate"] = PlanRateModel(levels, rates, basis, deflator=deflator if basis == "comparable" else None,
                                            sigma_pp=sigma_pp or DEFAULT_SIGMA_PP).fit(ty)
        if basis == "comparable":
            notes.append(f"年度计划增速为可比价，按价格指数假设{deflator:g}%换算为现价增速。" if zh else
                         f"Plan rates are real; converted to nominal with a price assumption of {deflator:g}% a year.")
    from .projection import MIN_POINTS_FOR_TREND

    if len(levels) >= MIN_POINTS_FOR_TREND:
        fitted["trend"] = LogLinearTrend(levels).fit(ty)
        notes.append("对数线性趋势仅有少量观测值，区间很宽，仅供参考。" if zh else
                     "The log-linear trend rests on very few observations; its interval is wide and indicative only.")
    else:
        notes.append(i18n.flag_text({"code": "trend_too_short", "params": {"n": len(levels)}}, ctx.lang))
    last_year = int(levels.index[-1]) if not levels.empty else None
    for name, res in fitted.items():
        if last_year is not None and last_year < ty:
            frames[name] = res.summary_frame(alpha=alpha, until_year=ty)
    rows = []
    for name, frame in frames.items():
        end = frame.loc[ty]
        rows.append({t("model", ctx.lang): t(name, ctx.lang), t("projected", ctx.lang): _fmt(end["mean"]),
                     t("interval", ctx.lang): t("prediction_interval", ctx.lang, pct=round((1 - alpha) * 100)),
                     t("lower", ctx.lang): _fmt(end["obs_ci_lower"]), t("upper", ctx.lang): _fmt(end["obs_ci_upper"]),
                     t("growth_assumption", ctx.lang): _fmt(fitted[name].params.get("growth_pct",
                                                            fitted[name].growth_pct.get(ty, math.nan)))})
    mc = None
    mean = growth_assumption if growth_assumption is not None else record.get("cagr_observed")
    if last_year is not None and last_year < ty and mean is not None and not math.isnan(mean):
        sigma = sigma_pp if sigma_pp is not None else (fitted["drift"].sigma_log * 100 if "drift" in fitted else DEFAULT_SIGMA_PP)
        mc = simulate_target(float(levels.iloc[-1]), last_year, ty, mean, sigma, tv, record["bound"],
                             record["base_value"], n_paths=n_paths, seed=seed)
        rows.append({t("model", ctx.lang): t("monte_carlo", ctx.lang), t("projected", ctx.lang): _fmt(float(mc.fan["q50"].iloc[-1])),
                     t("interval", ctx.lang): t("simulated_interval", ctx.lang, pct=90),
                     t("lower", ctx.lang): _fmt(float(mc.fan["q05"].iloc[-1])),
                     t("upper", ctx.lang): _fmt(float(mc.fan["q95"].iloc[-1])),
                     t("growth_assumption", ctx.lang): _fmt(mean)})
        notes.append(f"蒙特卡洛模拟：{n_paths:,}条路径，年增速服从均值{mean:.1f}%、标准差{sigma:.1f}个百分点的正态分布，"
                     f"各年对数增速独立；随机种子{seed}。达到{tv:g}的概率为{mc.probability * 100:.1f}%。" if zh else
                     f"Monte Carlo: {n_paths:,} paths, annual growth normal with mean {mean:.1f}% and sd {sigma:.1f} "
                     f"points, independent years; seed {seed}. Probability of reaching {tv:g}: {mc.probability * 100:.1f}%.")
    bt = backtest(levels) if not levels.empty else pd.DataFrame()
    return Scenarios(levels, frames, pd.DataFrame(rows), mc, bt, notes)


def backtest_table(ctx: Context, bt: pd.DataFrame) -> pd.DataFrame:
    if bt.empty:
        return bt
    return pd.DataFrame({
        t("model", ctx.lang): [t(m, ctx.lang) for m in bt["model"]],
        t("year", ctx.lang): bt["holdout_year"].astype("Int64"),
        t("actual", ctx.lang): [_fmt(v) for v in bt["actual"]],
        t("projected", ctx.lang): [_fmt(v) for v in bt["forecast"]],
        t("error_pct", ctx.lang): [_fmt(v) for v in bt["error_pct"]],
        t("note", ctx.lang): [("数据太少，无法回测" if ctx.lang == "zh" and n else n) for n in bt["note"]],
    })


def chart_fan(ctx: Context, record: dict, scen: Scenarios):
    from .plotting import plot_fan

    if scen.levels.empty or not (scen.frames or scen.mc):
        return None
    fig, ax = _axes()
    return plot_fan(ax, scen.levels, scen.frames, ctx.unit, source_line(ctx), ctx.lang, record["target_value"],
                    record["target_year"], scen.mc.fan if scen.mc else None, title=title_of(ctx, "projection"))


def preset_scenarios(ctx: Context, record: dict, deflator: float = 2.0) -> pd.DataFrame:
    """The explorer's static fallback: the target-year value under a few growth assumptions."""
    from .growth import to_nominal
    from .progress import target_met

    if record["latest_year"] is None or record["latest_year"] >= record["target_year"]:
        return pd.DataFrame()
    presets = []
    if record["cagr_observed"] is not None:
        presets.append(("既往年均增速" if ctx.lang == "zh" else "Past average growth", record["cagr_observed"]))
    if record["cagr_required"] is not None:
        presets.append(("实现目标所需增速" if ctx.lang == "zh" else "Growth required", record["cagr_required"]))
    plan = ctx.rows[ctx.rows["kind"] == "target_growth"]
    if not plan.empty:
        rate, basis = float(plan["value"].iloc[-1]), plan["price_basis"].iloc[-1]
        nominal = to_nominal(rate, deflator) if basis == "comparable" else rate
        presets.append((f"年度计划增速{rate:g}%" + (f"+价格{deflator:g}%" if basis == "comparable" else "")
                        if ctx.lang == "zh" else f"Plan rate {rate:g}%" + (f" + prices {deflator:g}%" if basis == "comparable" else ""),
                        nominal))
    for g in (0.0, 5.0, 10.0):
        presets.append(((f"年均增长{g:g}%" if ctx.lang == "zh" else f"{g:g}% a year"), g))
    h = record["target_year"] - record["latest_year"]
    rows = []
    for name, g in presets:
        value = record["latest_value"] * (1 + g / 100) ** h
        met = target_met(value, record["target_value"], record["bound"], record["base_value"])
        rows.append({t("scenario", ctx.lang): name, t("growth_assumption", ctx.lang): _fmt(g),
                     f"{record['target_year']}": _fmt(value),
                     t("target", ctx.lang): f"{i18n.bound_label(record['bound'], ctx.lang)}{record['target_value']:g}",
                     t("status", ctx.lang): ("达到" if met else "未达到") if ctx.lang == "zh" else ("met" if met else "not met")})
    return pd.DataFrame(rows)


def explorer_widget(ctx: Context, record: dict, growth: float, deflator: float):
    """ipywidgets sliders (growth, price assumption, target) redrawing the projection live."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from .loading import series
    from .plotting import plot_path_to_target

    levels = series(ctx.district, ctx.indicator, data=ctx.data)
    tv = record["target_value"]

    def draw(growth_pct, price_pct, target):
        fig, ax = _axes()
        rec = dict(record, target_value=target)
        h = range(1, record["target_year"] - record["latest_year"] + 1)
        nominal = (1 + growth_pct / 100) * (1 + price_pct / 100) - 1
        path = pd.Series({record["latest_year"] + k: record["latest_value"] * (1 + nominal) ** k for k in h})
        plot_path_to_target(ax, levels, rec, ctx.unit, source_line(ctx), ctx.lang, path, title=ctx.indicator_name)
        plt.show()

    return widgets.interactive(
        draw,
        growth_pct=widgets.FloatSlider(value=growth, min=-10, max=30, step=0.5, description=t("growth_assumption", ctx.lang)),
        price_pct=widgets.FloatSlider(value=deflator, min=-5, max=10, step=0.5, description=t("deflator", ctx.lang)),
        target=widgets.FloatSlider(value=tv, min=tv * 0.5, max=tv * 1.5, step=tv / 100, description=t("target", ctx.lang)),
    )


def brief_records(ctx: Context, gdp_target_override: float = 0.0) -> list[dict]:
    """Gap records for the brief, with the analyst's GDP target when given."""
    from .gaps import gap_table, to_records

    overrides = {"gdp": gdp_target_override} if gdp_target_override else None
    return to_records(gap_table(ctx.data, district=ctx.district, target_year=ctx.target_year,
                                target_overrides=overrides))
