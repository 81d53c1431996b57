"""Regenerate notebooks/*.ipynb (maintainers). The notebooks are the source analysts edit;
this script records how they were laid out and keeps them consistent: edit here, run, commit."""
import nbformat as nbf
from pathlib import Path
OUT = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL = {"kernelspec": {"display_name": "Python 3 (analysis)", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}

def md(text, analyst=True):
    c = nbf.v4.new_markdown_cell(text)
    if analyst: c.metadata["tags"] = ["analyst-only"]
    return c

def code(src, tags=None):
    c = nbf.v4.new_code_cell(src)
    if tags: c.metadata["tags"] = tags
    return c

COMMON = '''district = "万柏林区"  # district as in data/indicators.csv, e.g. 万柏林区 or 杏花岭区
lang = "zh"  # report language: zh (Chinese) or en (English)
data_path = ""  # indicator CSV path; empty means data/indicators.csv or $ANALYSIS_DATA
target_year = 2025  # year of the targets to assess (plan end year)'''

READS = {"overview": "district", "brief": "district", "growth_gap": "indicator", "projection": "indicator",
         "explorer": "indicator"}

def nb(name, intro, params, setup_call, body):
    cells = [md(intro), code(params, ["parameters"]),
             code("from analysis import report\n\n" + setup_call)] + body
    # "reads" tells the batch runner which rows of the table this report depends on
    n = nbf.v4.new_notebook(cells=cells, metadata=dict(KERNEL, analysis={"reads": READS[name]}))
    nbf.validate(n)
    nbf.write(n, OUT / f"{name}.ipynb")

nb("overview",
   "# Overview of a district\nEvery indicator's latest level and growth, status against its targets, the annual-target "
   "scorecard and the main series. Parameters are in the cell tagged `parameters`; all logic lives in `analysis.report`.",
   COMMON,
   'ctx = report.setup(district=district, lang=lang, data_path=data_path, target_year=target_year)\n'
   'records = ctx.gaps()',
   [code('report.show_header(ctx, "overview")\nreport.show(report.messages_html(report.key_messages(ctx, records)))'),
    code('report.show(report.heading("traffic_light", ctx))\nreport.show(report.traffic_light_html(ctx, records))'),
    code('report.show(report.heading("main_series", ctx))\nreport.chart_main_series(ctx);'),
    code('report.show(report.heading("growth_table", ctx))\nreport.show(report.html_table(report.latest_table(ctx)))'),
    code('report.show(report.heading("status", ctx))\nreport.show(report.html_table(report.status_table(ctx, records)))\nreport.chart_progress(ctx, records);'),
    code('report.show(report.heading("scorecard", ctx))\nreport.show(report.html_table(report.scorecard_table(ctx)))'),
    code('report.show(report.heading("caveats", ctx))\nreport.show(report.list_html(report.caveats(ctx, records)))'),
   ])

GAP_PARAMS = COMMON.replace('lang = "zh"', 'indicator = "gdp"  # indicator id with a target, e.g. gdp, high_tech_firms\nlang = "zh"') + \
    '\ntarget_override = 0.0  # replace the target value, e.g. the GDP aspiration; 0 means use the plan'
nb("growth_gap",
   "# Growth gap for one indicator\nActual path, the path now required, the even plan path and the target; time elapsed "
   "against task progress; observed against required growth; caveats in words.",
   GAP_PARAMS,
   'ctx = report.setup(district=district, indicator=indicator, lang=lang, data_path=data_path,\n'
   '                   target_year=target_year, target_override=target_override)\n'
   'record = report.record_for(ctx, ctx.gaps())',
   [code('report.show_header(ctx, "growth_gap")\n'
         'report.show(report.messages_html(report.key_messages(ctx, [record])) if record else report.no_target_html(ctx))'),
    code('if record:\n    report.chart_path(ctx, record);'),
    code('if record:\n    report.show(report.html_table(report.status_table(ctx, [record])))'),
    code('report.show(report.heading("scorecard", ctx))\nreport.show(report.html_table(report.scorecard_table(ctx)))'),
    code('report.show(report.heading("caveats", ctx))\nreport.show(report.list_html(report.caveats(ctx, [record] if record else [])))'),
   ])

PROJ_PARAMS = GAP_PARAMS + '''
growth_assumption = None  # annual growth in % for the Monte Carlo; None means observed growth since the base year
deflator = 2.0  # expected annual price change (%) to turn real plan rates into nominal
sigma_pp = None  # spread of annual growth in percentage points; None means from history, else 3
alpha = 0.05  # 1 - confidence level of the intervals
n_paths = 100000  # Monte Carlo paths
seed = 20210101  # random seed, for reproducible probabilities'''
nb("projection",
   "# Projection and scenarios for one indicator\nDrift (past average growth), plan-rate and log-linear trend "
   "projections with intervals, a Monte Carlo fan and the probability of reaching the target, and a backtest.",
   PROJ_PARAMS,
   'ctx = report.setup(district=district, indicator=indicator, lang=lang, data_path=data_path,\n'
   '                   target_year=target_year, target_override=target_override, growth_assumption=growth_assumption,\n'
   '                   deflator=deflator, sigma_pp=sigma_pp, alpha=alpha, n_paths=n_paths, seed=seed)\n'
   'record = report.record_for(ctx, ctx.gaps(n_paths=n_paths, seed=seed, sigma_pp=sigma_pp))\n'
   'scen = report.projections(ctx, record, growth_assumption, deflator, sigma_pp, alpha, n_paths, seed) if record else None',
   [code('report.show_header(ctx, "projection")\n'
         'report.show(report.messages_html(report.key_messages(ctx, [record])) if record else report.no_target_html(ctx))'),
    code('if scen:\n    report.chart_fan(ctx, record, scen);'),
    code('if scen is not None and not scen.summary.empty:\n    report.show(report.html_table(scen.summary))'),
    code('if scen is not None and not scen.backtest.empty:\n    report.show(report.heading("backtest", ctx))\n'
         '    report.show(report.html_table(report.backtest_table(ctx, scen.backtest)))'),
    code('report.show(report.heading("caveats", ctx))\n'
         'report.show(report.list_html((scen.notes if scen else []) + report.caveats(ctx, [record] if record else [])))'),
   ])

BRIEF_PARAMS = COMMON + '\ngdp_target_override = 0.0  # replace the GDP target in 亿元; 0 means use the aspiration in the plan'
nb("brief",
   "# Decision-maker brief\nOne screen in plain language: key messages written from the numbers and a traffic-light "
   "table. No code, no jargon in the rendered page.",
   BRIEF_PARAMS,
   'ctx = report.setup(district=district, lang=lang, data_path=data_path, target_year=target_year,\n'
   '                   target_override=gdp_target_override)\n'
   'records = report.brief_records(ctx, gdp_target_override)',
   [code('report.show_header(ctx, "brief")\nreport.show(report.heading("key_messages", ctx))\n'
         'report.show(report.messages_html(report.key_messages(ctx, records, plain=True)))'),
    code('report.show(report.heading("traffic_light", ctx))\nreport.show(report.traffic_light_html(ctx, records, assessable_only=True))'),
   ])

EXP_PARAMS = GAP_PARAMS + '''
interactive = True  # True: sliders in JupyterLab; False: static table of preset scenarios (for HTML)
growth_assumption = 10.0  # starting value of the real-growth slider (%)
deflator = 2.0  # starting value of the price slider (%)'''
nb("explorer",
   "# Scenario explorer (JupyterLab)\nMove the sliders: real growth, price change and the target redraw the path. "
   "Rendered to HTML (interactive=False) it shows a static table of preset scenarios instead.",
   EXP_PARAMS,
   'ctx = report.setup(district=district, indicator=indicator, lang=lang, data_path=data_path,\n'
   '                   target_year=target_year, target_override=target_override,\n'
   '                   growth_assumption=growth_assumption, deflator=deflator)\n'
   'record = report.record_for(ctx, ctx.gaps(n_paths=1000))',
   [code('report.show_header(ctx, "explorer")'),
    code('if record is None or record["latest_year"] is None:\n    report.show(report.no_target_html(ctx))\n'
         'elif interactive:\n    display(report.explorer_widget(ctx, record, growth_assumption, deflator))\n'
         'else:\n    report.show(report.html_table(report.preset_scenarios(ctx, record, deflator)))'),
   ])
print("written")
