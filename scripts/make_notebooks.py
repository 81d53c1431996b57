"""The source of notebooks/*.ipynb: each notebook is a parameters cell, a setup call and a list of sections.

Edit NOTEBOOKS below, then run ``python scripts/make_notebooks.py`` and commit both.
``--check`` writes nothing and exits 1 if a committed notebook differs from what
this script produces (tests/test_notebooks.py runs the same check). Per-notebook
metadata (``metadata.analysis.reads``: which rows of the table a report reads,
for the runner's skip-if-unchanged) is declared here and written into each
notebook. Cell ids are fixed so the output is byte-for-byte reproducible.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat as nbf

from analysis.engine.probability import DEFAULT_SIGMA_PP
from analysis.options import OPTIONS

OUT = Path(__file__).resolve().parent.parent / "notebooks"
KERNEL = {"kernelspec": {"display_name": "Python 3 (analysis)", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}

COMMON = '''district = "万柏林区"  # district as in data/indicators.csv, e.g. 万柏林区 or 杏花岭区
lang = "zh"  # report language: zh (Chinese) or en (English)
data_path = ""  # indicator CSV path; empty means data/indicators.csv or $ANALYSIS_DATA
target_year = None  # end year of a plan in data/plans.csv (2025: the 14th); None means the current plan as of as_of
as_of = ""  # assessment date YYYY-MM-DD: what is due, pending or not entered; empty means today'''
INDICATOR = COMMON.replace('lang = "zh"', 'indicator = "gdp"  # indicator id with a target, e.g. gdp, high_tech_firms\nlang = "zh"') + \
    '\ntarget_override = 0.0  # replace the target value, e.g. the GDP aspiration; 0 means use the plan'
PROJECTION = INDICATOR + f'''
growth_assumption = None  # annual growth in % for the Monte Carlo; None means observed growth since the base year
deflator = {OPTIONS.deflator!r}  # expected annual price change (%) to turn real plan rates into nominal
sigma_pp = None  # spread of annual growth in percentage points; None means from history, else {DEFAULT_SIGMA_PP:g}
alpha = {OPTIONS.alpha!r}  # 1 - coverage of the prediction intervals
n_paths = {OPTIONS.n_paths!r}  # Monte Carlo paths
seed = {OPTIONS.seed!r}  # random seed, for reproducible probabilities'''
BRIEF = COMMON + '\ngdp_target_override = 0.0  # replace the GDP target in 亿元; 0 means use the aspiration in the plan'
EXPLORER = INDICATOR + f'''
interactive = True  # True: dropdowns and sliders in JupyterLab (below the static scenarios); False: static only
growth_assumption = 5.0  # starting value of the real-growth slider (%/yr)
deflator = {OPTIONS.deflator!r}  # price assumption (%/yr): the price slider's start and the presets' price change'''

DISTRICT_ARGS = "district=district, lang=lang, data_path=data_path, target_year=target_year, as_of=as_of"
INDICATOR_ARGS = ("district=district, indicator=indicator, lang=lang, data_path=data_path,\n"
                  "                   target_year=target_year, target_override=target_override, as_of=as_of")

NOTEBOOKS = {
    "overview": {
        "intro": "# Overview of a district\nKey messages, the plan implementation progress table (规划实施进度表), the "
                 "scenario grid where the spread of growth is assumed, the latest headline figures, annual targets and "
                 "tasks. A district with only annual tasks gets an annual-task page.",
        "reads": "city", "parameters": COMMON, "setup": DISTRICT_ARGS,
        "sections": ["header", "key_messages", "progress_table", "progress_chart", "compare", "scenario_grid",
                     "headline", "main_series", "annual_targets", "annual_tasks", "caveats"],
    },
    "brief": {
        "intro": "# Decision-maker brief\nDated, plain findings with their caveats beside them, the latest headline "
                 "figures, next year's targets, the scenario grid and the targets at a glance.",
        "reads": "district", "parameters": BRIEF,
        "setup": DISTRICT_ARGS + ",\n                   target_overrides={\"gdp\": gdp_target_override}",
        "sections": ["header", "key_messages", "glance", "headline", "next_targets", "scenario_grid", "annual_tasks"],
    },
    "growth_gap": {
        "intro": "# Growth gap for one indicator\nActual path, the path now required, the even plan path and the target; "
                 "the indicator's row of the progress table; the scenario grid; its annual targets; caveats.",
        "reads": "indicator", "parameters": INDICATOR, "setup": INDICATOR_ARGS,
        "sections": ["header", "key_messages", "path_chart", "status", "scenario_grid", "annual_targets", "caveats"],
    },
    "projection": {
        "intro": "# Projection and scenarios for one indicator\nDrift, plan-rate and (with four or more points) log-linear "
                 "trend projections with prediction intervals, a Monte Carlo fan, and a backtest.",
        "reads": "indicator", "parameters": PROJECTION,
        "setup": INDICATOR_ARGS + ",\n                   growth_assumption=growth_assumption, deflator=deflator, "
                 "sigma_pp=sigma_pp,\n                   alpha=alpha, n_paths=n_paths, seed=seed",
        "sections": ["header", "key_messages", "projection_chart", "projection_table", "scenario_grid", "backtest",
                     "caveats"],
    },
    "explorer": {
        "intro": "# Scenario explorer\nReal growth and a separate price assumption → the value in the target year. The "
                 "rendered page shows the scenario grid, preset paths and their table; in JupyterLab (interactive = True) "
                 "dropdowns for district and indicator, sliders and a numeric readout follow.",
        "reads": "indicator", "parameters": EXPLORER,
        "setup": INDICATOR_ARGS + ",\n                   interactive=interactive, growth_assumption=growth_assumption, "
                 "deflator=deflator",
        "sections": ["header", "explorer"],
    },
}


def build(name: str) -> nbf.NotebookNode:
    """The notebook *name* as this script defines it."""
    spec = NOTEBOOKS[name]
    intro = nbf.v4.new_markdown_cell(spec["intro"], metadata={"tags": ["analyst-only"]})
    params = nbf.v4.new_code_cell(spec["parameters"], metadata={"tags": ["parameters"]})
    setup = nbf.v4.new_code_cell(f'from analysis import report\n\nctx = report.setup(page="{name}", {spec["setup"]})')
    sections = [nbf.v4.new_code_cell(f'report.section(ctx, "{s}")') for s in spec["sections"]]
    cells = [intro, params, setup, *sections]
    for i, cell in enumerate(cells):
        cell["id"] = f"{name}-{i}"
    nb = nbf.v4.new_notebook(cells=cells, metadata=dict(KERNEL, analysis={"reads": spec["reads"]}))
    nbf.validate(nb)
    return nb


def text_of(name: str) -> str:
    return nbf.writes(build(name)) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    differing = []
    for name in NOTEBOOKS:
        path, text = OUT / f"{name}.ipynb", text_of(name)
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                differing.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if differing:
        print("out of date: " + ", ".join(differing) + "; run `python scripts/make_notebooks.py`", file=sys.stderr)
        return 1
    print("notebooks up to date" if check else f"written: {', '.join(NOTEBOOKS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
