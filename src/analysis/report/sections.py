"""Sections: what a notebook cell shows. ``section(ctx, "progress_table")`` displays one.

Each section returns a list of fragments (HTML strings and matplotlib Figures)
from :func:`render`, empty when it has nothing to say on this page: no
heading over an empty table. Notebooks are lists of ``section`` calls.
"""
from __future__ import annotations

from analysis.report import charts, explorer, html, messages, missing, projections, tables, text
from analysis.options import OPTIONS
from analysis.exceptions import ParameterError


def _table(ctx, frame, *lead: str, layout: str | None = None, names: int = 1) -> str:
    """*frame* as HTML, its status beside its name and then the columns named by the catalogue keys *lead*."""
    return html.table(frame, ctx.lang, layout=layout, lead=tuple(ctx.t(k) for k in lead), names=names)


def _district_page(ctx) -> bool:
    return ctx.indicator is None


def header(ctx) -> list:
    return [html.header(text.title(ctx, ctx.page), text.as_of(ctx), text.how_to_read(ctx, ctx.page), _counts(ctx))]


def _counts(ctx) -> str:
    """The overview's count of targets per status, worst first, on its first screen."""
    if ctx.page != "overview" or ctx.mode != "plan" or not ctx.records:
        return ""
    counts: dict[tuple[str, bool], int] = {}
    for r in ctx.records:
        key = (r["status"], bool(r.get("final")))
        counts[key] = counts.get(key, 0) + 1
    order = sorted(counts, key=lambda k: tables.SEVERITY.index(k[0]) if k[0] in tables.SEVERITY else 99)
    lead = ctx.t("counts.lead", n=len(ctx.records), target_year=ctx.target_year, plan=ctx.plan_name)
    return html.status_counts(lead, [(k, f, ctx.t("counts.item", n=counts[(k, f)])) for k, f in order], ctx.lang)


def key_messages(ctx) -> list:
    plain = ctx.page == "brief"
    if _district_page(ctx):
        if ctx.mode == "annual":
            return [html.heading(ctx.t("heading.key_messages")), html.paragraph(messages.annual_tasks_message(ctx))]
        if ctx.mode == "none":
            return [html.paragraph(ctx.t("no_targets"), "how-to-read")]
        items = messages.key_messages(ctx, ctx.records, plain)
        # the brief's glance line counts the targets left out, unless there is no finding at all
        closing = messages.summary(ctx, ctx.records) if ctx.page != "brief" or not items else ""
        return [html.heading(ctx.t("heading.key_messages")), html.paragraph(text.plan_standing(ctx)),
                html.messages(items, ctx.t("note.prefix"), ctx.t("sep.clause"), ctx.t("note.end")), html.paragraph(closing)]
    record = ctx.record
    if record is None or not text.is_assessed(record):
        return [html.paragraph(messages.not_assessable(ctx), "how-to-read")]
    return [html.paragraph(text.plan_standing(ctx)),
            html.messages(messages.key_messages(ctx, [record], plain), ctx.t("note.prefix"), ctx.t("sep.clause"),
                          ctx.t("note.end"))]


def progress_table(ctx) -> list:
    if ctx.mode != "plan":
        return []
    assessed = [r for r in ctx.records if text.is_assessed(r)]
    frame = tables.drop_unknown(tables.progress_table(ctx, assessed), [ctx.t("col.remark")]) if assessed else None
    groups = missing.groups(ctx, [r for r in ctx.records if not text.is_assessed(r)])
    return [html.heading(ctx.t("heading.progress_table")), _table(ctx, frame, "col.progress"),
            html.missing_groups(groups)]


def status(ctx) -> list:
    """The indicator page's row of the progress table."""
    record = ctx.record
    if record is None or not text.is_assessed(record):
        return []                    # the key message already says what is missing and where to find it
    return [html.heading(ctx.t("heading.status")), _table(ctx, tables.progress_table(ctx, [record]), "col.progress")]


def compare(ctx) -> list:
    """The overview's comparison with the other districts of its city, once two have assessable targets."""
    if ctx.page != "overview" or ctx.mode != "plan":
        return []
    from analysis.engine.compare import cities_to_compare, compare_districts
    from analysis.engine.gaps import gap_table
    from analysis.engine.records import to_records

    city = ctx.registry.districts.get(ctx.district, {}).get("city", "")
    records = to_records(gap_table(ctx.data, target_year=ctx.target_year, registry=ctx.registry, as_of=ctx.as_of))
    if ctx.district not in cities_to_compare(records, ctx.registry).get(city, []):
        return []
    frame = compare_districts(records, ctx.registry, city)
    return [html.heading(ctx.t("heading.compare", city=ctx.registry.city_name(city, ctx.lang))),
            _table(ctx, tables.compare_table(ctx, frame), "col.required", names=2)]


def progress_chart(ctx) -> list:
    fig = charts.progress_bars(ctx, ctx.records) if ctx.mode == "plan" else None
    return [fig] if fig is not None else []


def main_series(ctx) -> list:
    fig = charts.main_series(ctx)
    return [fig] if fig is not None else []


def headline(ctx) -> list:
    frame = tables.headline_table(ctx)
    if frame.empty:
        return []
    return [html.heading(ctx.t("heading.headline", year=ctx.as_of_year)), _table(ctx, frame)]


def annual_targets(ctx) -> list:
    frame = tables.annual_targets_table(ctx)
    return [html.heading(ctx.t("heading.annual_targets")), _table(ctx, frame, "col.acceleration")] if not frame.empty else []


def next_targets(ctx) -> list:
    """Annual targets after the latest data: what the district has set itself for next year."""
    after = ctx.as_of_year or ctx.plan.base_year
    frame = tables.annual_targets_table(ctx, after_year=after)
    return [html.heading(ctx.t("heading.next_targets", year=after + 1)), _table(ctx, frame, "col.acceleration")] if not frame.empty else []


def annual_tasks(ctx) -> list:
    if ctx.annual_tasks.empty or not _district_page(ctx):
        return []
    year = int(ctx.annual_tasks["year"].max())
    return [html.heading(ctx.t("heading.annual_tasks", year=year)), _table(ctx, tables.annual_tasks_table(ctx))]


def glance(ctx) -> list:
    """The assessed targets in one table (from two on: one target is already the key message), and a
    line on how many cannot be assessed yet."""
    frame = tables.glance_table(ctx, ctx.records)
    if frame.empty:
        return []
    hidden = len(ctx.records) - len(frame) - sum(text.is_forecast(r) for r in ctx.records)   # forecasts: no target
    table = [html.heading(ctx.t("heading.glance")), _table(ctx, frame, "col.required")] if len(frame) > 1 else []
    return table + [html.paragraph(ctx.t("msg.glance_hidden", n=hidden) if hidden else "", "how-to-read")]


def _grid(ctx, record) -> list:
    nominal = record["price_basis"] == "current"
    intro = ctx.t("scenario.intro" if nominal else "scenario.intro_plain", as_of=record["latest_year"],
                  latest=text.amount(ctx, record["latest_value"], record["unit"]), target_year=record["target_year"],
                  unit=tables.unit_text(ctx, record["unit"]),
                  target=text.amount(ctx, record["target_value"], record["unit"], record["bound"] or ""))
    out = [html.heading(ctx.t("heading.scenario_grid", indicator=text.record_name(ctx, record),
                              target_year=record["target_year"])),
           html.paragraph(intro),
           # the unit is in the sentence above: one column less for a phone
           _table(ctx, tables.scenario_table(ctx, record).drop(columns=[ctx.t("col.unit")]), layout="grid")]
    past = "_past" if record.get("deadline_passed") else ""      # the years it took are over: not a live need
    years = text.years(ctx, record["latest_year"] + 1, record["target_year"])
    if nominal and record.get("cagr_required_tolerance") is not None:       # the rule the ticks follow, then 1000 itself
        out.append(html.paragraph(ctx.t("scenario.required_tolerance" + past, required=text.rate(record["cagr_required"]),
                                         required_tol=text.rate(record["cagr_required_tolerance"]),
                                         tolerance=OPTIONS.tolerance_text(), years=years,
                                         target_exact=text.amount(ctx, record["target_value"], record["unit"])),
                                  "how-to-read"))
    elif nominal and record.get("cagr_required") is not None:
        out.append(html.paragraph(ctx.t("scenario.required" + past, required=text.rate(record["cagr_required"]),
                                         years=years), "how-to-read"))
    return out


def scenario_grid(ctx) -> list:
    """Where the spread of growth is assumed, the grid leads instead of one probability."""
    chosen = [r for r in ctx.records if explorer.explorable(r) and text.is_assessed(r)
              and (not text.chance_stated(r) or ctx.indicator)]
    return [fragment for r in chosen for fragment in _grid(ctx, r)]


def caveats(ctx) -> list:
    items = text.caveats(ctx, ctx.records)
    if ctx.page == "projection" and not text.target_year_in(ctx.record):      # no projection made: no notes on one
        items = projections.notes_text(ctx, _projection(ctx)) + items
    if not items:
        return []
    return [html.heading(ctx.t("heading.caveats")), html.bullet_list(items)]


def path_chart(ctx) -> list:
    record = ctx.record
    if record is None or not text.is_assessed(record):
        return []
    fig = charts.path_to_target(ctx, record, projection=_drift_path(ctx, record))
    return [fig] if fig is not None else []


def _drift_path(ctx, record):
    proj = _projection(ctx)
    if proj is None or "drift" not in proj.frames:
        return None
    return proj.frames["drift"]["mean"]


def _projection(ctx):
    """Fitted once per page and shared by the chart, the tables and the notes."""
    if "projection" not in ctx.cache:
        o = ctx.options
        ctx.cache["projection"] = projections.project(
            ctx, ctx.record, o.get("growth_assumption"), o.get("deflator", OPTIONS.deflator), o.get("sigma_pp"),
            o.get("alpha", OPTIONS.alpha), o.get("n_paths", OPTIONS.n_paths), o.get("seed", OPTIONS.seed)) if ctx.record else None
    return ctx.cache["projection"]


def projection_chart(ctx) -> list:
    fig = charts.fan(ctx, ctx.record, _projection(ctx)) if ctx.record else None
    return [fig] if fig is not None else []


def projection_table(ctx) -> list:
    proj = _projection(ctx)
    if text.target_year_in(ctx.record):
        return [html.paragraph(ctx.t("proj.final", target_year=ctx.record["target_year"]), "how-to-read")]
    if proj is None or (not proj.frames and proj.mc is None):
        return []
    return [html.heading(ctx.t("heading.projection")), _table(ctx, projections.projection_table(ctx, ctx.record, proj))]


def backtest(ctx) -> list:
    proj = _projection(ctx)
    if proj is None or proj.backtest.empty or text.target_year_in(ctx.record):
        return []
    return [html.heading(ctx.t("heading.backtest")), _table(ctx, projections.backtest_table(ctx, ctx.record, proj))]


def explore(ctx) -> list:
    """Static: the grid, the preset paths and their table. Interactive (JupyterLab): the widgets too."""
    record = ctx.record
    if not explorer.explorable(record):
        if text.target_year_in(record):
            # the target year's figure is in: nothing left to explore, the assessment itself is the answer
            return [html.paragraph(ctx.t("explorer.final", target_year=record["target_year"]), "how-to-read"),
                    html.messages(messages.key_messages(ctx, [record]), ctx.t("note.prefix"), ctx.t("sep.clause"),
                                  ctx.t("note.end"))]         # with its caveats: an estimate, a bound
        return [html.paragraph(messages.not_assessable(ctx) if record is None or not text.is_assessed(record)
                               else ctx.t("no_targets"), "how-to-read")]
    price = ctx.options.get("deflator", OPTIONS.deflator)
    out = _grid(ctx, record)
    fig = charts.path_to_target(ctx, record, scenarios=explorer.scenario_paths(ctx, record, price))
    out += ([fig] if fig is not None else [])
    out += [html.heading(ctx.t("heading.presets")), _table(ctx, explorer.presets_table(ctx, record, price), "col.verdict", layout="cards")]
    if ctx.options.get("interactive"):
        out.append(explorer.widget(ctx, ctx.options.get("growth_assumption") or 5.0, price))
    else:
        out.append(html.paragraph(ctx.t("explorer.static"), "how-to-read"))
    return out


SECTIONS = {
    "header": header, "key_messages": key_messages, "progress_table": progress_table, "status": status,
    "progress_chart": progress_chart, "compare": compare, "main_series": main_series, "headline": headline,
    "annual_targets": annual_targets, "next_targets": next_targets, "annual_tasks": annual_tasks, "glance": glance,
    "scenario_grid": scenario_grid, "caveats": caveats, "path_chart": path_chart, "projection_chart": projection_chart,
    "projection_table": projection_table, "backtest": backtest, "explorer": explore,
}


def render(ctx, name: str) -> list:
    """The fragments of section *name* (HTML strings, Figures, widgets)."""

    if name not in SECTIONS:
        raise ParameterError(f"section '{name}' is unknown; accepted: {', '.join(SECTIONS)}", parameter="section",
                             value=name, accepted=tuple(SECTIONS))
    return [f for f in SECTIONS[name](ctx) if f is not None and f != ""]


def footer(ctx) -> str:
    """The page's sources for its footer: the documents its figures come from, by title (data/sources.csv),
    and the section of the method they are assessed by."""
    return ctx.t("footer.sources", sources=ctx.t("sep.clause").join(
        ctx.registry.source_title(s, ctx.lang) for s in dict.fromkeys(ctx.rows["source"]))) + ctx.t("footer.method")


def chart_html(fig) -> str:
    """A Figure as the page shows it: an SVG image with the chart's title as its alternative text."""
    from analysis.report.plotting import svg_chart

    svg, sizes = svg_chart(fig)
    return html.chart(svg, fig.get_label().replace("\n", ""), sizes)


def section(ctx, name: str) -> None:
    """Display section *name* in the notebook; the header also names the page for the HTML <title>."""
    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    from analysis.report.page import SOURCES_KEY, TITLE_KEY

    for fragment in render(ctx, name):
        if isinstance(fragment, str):
            metadata = {TITLE_KEY: text.title(ctx, ctx.page), SOURCES_KEY: footer(ctx)} if name == "header" else None
            display(HTML(fragment), metadata=metadata)
        elif hasattr(fragment, "savefig"):
            display(HTML(chart_html(fragment)))
            plt.close(fragment)
        else:
            display(fragment)
