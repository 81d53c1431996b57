"""A synthetic indicator table of many county-level districts, every figure quoted.

Each district gets the shape of 万柏林区's real rows: levels for 2015, 2020 and
2022, growth in 2022 (a decline among them), the 2023 annual targets in one
sentence, 2025 target levels with bounds (an approximate aspiration, an
``>=`` floor, an exact count), an unemployment ceiling and plan-period totals.
Every quote is a sentence of one of the district's two synthetic source
documents (its plan and its 2022 execution report), written to
``out_dir/sources/``, and shows its figure in one of the forms validation
accepts (as printed, with a thousands separator, as the absolute value after
下降, scaled by 万, as a Chinese numeral), so ``validate`` passes in full.

Usage (from benchmarks/): ``from synthetic import build_table``.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

COLUMNS = ["district", "indicator", "indicator_zh", "year", "kind", "value", "unit", "price_basis", "bound",
           "period_start", "source", "quote", "note"]
# Two characters of a place name, then 县 or 区: 60 × 59 × 2 distinct names.
_NAME_CHARS = ("安宁平阳山河东西南北清源泉水石城中华兴隆丰泰和顺康德永福昌盛文武光明新乐长春"
               "金玉龙凤云海江湖")


def district_names(n: int) -> list[str]:
    """*n* distinct county-like names, deterministic."""
    names = []
    for i, a in enumerate(_NAME_CHARS):
        for b in _NAME_CHARS:
            if a == b:
                continue
            for suffix in "县区":
                names.append(f"{a}{b}{suffix}")
    if n > len(names):
        raise ValueError(f"at most {len(names)} synthetic districts")
    return names[:n]


def _money(rng: random.Random, low: float, high: float) -> str:
    return f"{rng.uniform(low, high):.1f}"


def district_rows(name: str, code: str, rng: random.Random) -> tuple[list[dict], str, str]:
    """Rows of one district plus the text of its plan and its 2022 execution report."""
    plan, report = f"{code}_plan.txt", f"{code}_report.txt"
    g15 = _money(rng, 150, 400)
    g20 = f"{float(g15) * rng.uniform(1.2, 1.5):.1f}"
    g22 = f"{float(g20) * rng.uniform(1.05, 1.3):.1f}"
    g25_chinese = float(g22) > 600
    g25 = "1000" if g25_chinese else str(int(float(g22) * 1.3))
    s15, s20, s22 = _money(rng, 50, 150), _money(rng, 150, 250), _money(rng, 250, 300)
    b15, b20, b22 = _money(rng, 10, 15), _money(rng, 15, 20), _money(rng, 18, 22)
    r20, r22 = _money(rng, 100, 200), _money(rng, 200, 250)
    gdp_growth, ind_growth, svc_growth = (f"{rng.uniform(0.5, 6):.1f}" for _ in range(3))
    rev_decline = f"{rng.uniform(0.5, 5):.1f}"
    t_gdp, t_ind, t_fai, t_ret, t_rev = (str(rng.choice([5, 6, 6.5, 7, 8, 9])) for _ in range(5))
    firms20, firms25 = rng.randint(80, 200), rng.randint(210, 300)
    big20, big25 = rng.randint(10, 40), rng.randint(45, 80)
    labour = rng.choice([3, 4, 5, 6, 8])
    employed = rng.randint(10_000, 30_000)
    forest20, forest22 = f"{rng.uniform(20, 40):.2f}", f"{rng.uniform(40, 45):.2f}"

    s = {
        "gdp_path": f"全区地区生产总值从2015年的{g15}亿元增长到2020年的{g20}亿元",
        "svc_path": f"服务业增加值从2015年的{s15}亿元增长到2020年的{s20}亿元",
        "rev_path": f"一般公共预算收入从2015年的{b15}亿元增长到2020年的{b20}亿元",
        "retail20": f"社会消费品零售总额2020年达到{r20}亿元",
        "firms": f"高新技术企业{firms20}家,规上工业企业数由现在的{big20}家增加到{big25}家",
        "forest20": f"全区森林覆盖率达{forest20}%",
        "gdp25": "主要经济指标稳步前移,经济总量向千亿元规模迈进" if g25_chinese
                 else f"到2025年,经济总量达到{g25}亿元左右",
        "firms25": f"到2025年底,全区高新技术企业达到{firms25}户以上",
        "jobs25": f"“十四五”期间城镇新增劳动力预计达到{labour}万人,城镇登记失业率控制在4.0%以内",
        "gdp22": f"地区生产总值完成{g22}亿元,同比增长{gdp_growth}%",
        "ind22": f"规模以上工业增加值同比增长{ind_growth}%",
        "svc22": f"服务业增加值实现{s22}亿元,同比增长{svc_growth}%",
        "retail22": f"社会消费品零售总额实现{r22}亿元",
        "rev22": f"一般公共预算收入实现{b22}亿元,同比下降{rev_decline}%",
        "targets23": (f"2023年全区经济社会发展的主要预期目标是:地区生产总值增长{t_gdp}%左右,"
                      f"规模以上工业增加值增长{t_ind}%,固定资产投资增长{t_fai}%,"
                      f"社会消费品零售总额增长{t_ret}%,一般公共预算收入增长{t_rev}%"),
        "jobs22": f"推动城镇新增就业人员{employed:,}人",
        "entities22": "全区新增市场主体2.7万余户",
        "forest22": f"全区森林覆盖率达{forest22}%",
    }
    in_plan = {"gdp_path", "svc_path", "rev_path", "retail20", "firms", "forest20", "gdp25", "firms25", "jobs25"}

    def row(indicator, zh, year, kind, value, unit, sentence, basis="", bound="", start="", note=""):
        return {"district": name, "indicator": indicator, "indicator_zh": zh, "year": year, "kind": kind,
                "value": value, "unit": unit, "price_basis": basis, "bound": bound, "period_start": start,
                "source": plan if sentence in in_plan else report, "quote": s[sentence], "note": note}

    rows = [
        row("gdp", "地区生产总值", 2015, "level", g15, "亿元", "gdp_path", "current"),
        row("gdp", "地区生产总值", 2020, "level", g20, "亿元", "gdp_path", "current"),
        row("gdp", "地区生产总值", 2022, "level", g22, "亿元", "gdp22", "current"),
        row("gdp", "地区生产总值", 2022, "growth", gdp_growth, "%", "gdp22", "comparable"),
        row("gdp", "地区生产总值", 2023, "target_growth", t_gdp, "%", "targets23", "comparable", "~"),
        row("gdp", "地区生产总值", 2025, "target_level", g25, "亿元", "gdp25", "current", "~",
            note="aspiration; an analyst may override it"),
        row("industrial_value_added", "规模以上工业增加值", 2022, "growth", ind_growth, "%", "ind22", "comparable"),
        row("industrial_value_added", "规模以上工业增加值", 2023, "target_growth", t_ind, "%", "targets23",
            "comparable"),
        row("services_value_added", "服务业增加值", 2015, "level", s15, "亿元", "svc_path", "current"),
        row("services_value_added", "服务业增加值", 2020, "level", s20, "亿元", "svc_path", "current"),
        row("services_value_added", "服务业增加值", 2022, "level", s22, "亿元", "svc22", "current"),
        row("services_value_added", "服务业增加值", 2022, "growth", svc_growth, "%", "svc22", "comparable"),
        row("retail_sales", "社会消费品零售总额", 2020, "level", r20, "亿元", "retail20", "current"),
        row("retail_sales", "社会消费品零售总额", 2022, "level", r22, "亿元", "retail22", "current"),
        row("retail_sales", "社会消费品零售总额", 2023, "target_growth", t_ret, "%", "targets23", "current"),
        row("fixed_asset_investment", "固定资产投资", 2023, "target_growth", t_fai, "%", "targets23", "current"),
        row("budget_revenue", "一般公共预算收入", 2015, "level", b15, "亿元", "rev_path", "current"),
        row("budget_revenue", "一般公共预算收入", 2020, "level", b20, "亿元", "rev_path", "current"),
        row("budget_revenue", "一般公共预算收入", 2022, "level", b22, "亿元", "rev22", "current"),
        row("budget_revenue", "一般公共预算收入", 2022, "growth", f"-{rev_decline}", "%", "rev22", "current"),
        row("budget_revenue", "一般公共预算收入", 2023, "target_growth", t_rev, "%", "targets23", "current"),
        row("high_tech_firms", "高新技术企业", 2020, "level", firms20, "家", "firms"),
        row("high_tech_firms", "高新技术企业", 2025, "target_level", firms25, "家", "firms25", bound=">="),
        row("industrial_firms_above_scale", "规上工业企业数", 2020, "level", big20, "家", "firms"),
        row("industrial_firms_above_scale", "规上工业企业数", 2025, "target_level", big25, "家", "firms"),
        row("registered_unemployment_rate", "城镇登记失业率", 2025, "target_level", "4.0", "%", "jobs25", bound="<="),
        row("new_urban_labour_force", "城镇新增劳动力", 2025, "target_level", labour, "万人", "jobs25", start=2021),
        row("new_urban_employment", "城镇新增就业人员", 2022, "cumulative", employed, "人", "jobs22", start=2022),
        row("new_market_entities", "新增市场主体", 2022, "cumulative", "2.7", "万户", "entities22", bound=">=",
            start=2022),
        row("forest_coverage", "森林覆盖率", 2020, "share", forest20, "%", "forest20"),
        row("forest_coverage", "森林覆盖率", 2022, "share", forest22, "%", "forest22"),
    ]
    plan_text = "。\n".join(s[k] for k in s if k in in_plan) + "。\n"
    report_text = "。\n".join(s[k] for k in s if k not in in_plan) + "。\n"
    return rows, plan_text, report_text


def build_table(n_districts: int, out_dir: Path, seed: int = 2025) -> Path:
    """Write ``out_dir/indicators.csv`` and ``out_dir/sources/*.txt`` for *n_districts*; return the CSV path.

    Parameters
    ----------
    n_districts : int
        Number of districts (at most 7,080 distinct names).
    out_dir : Path
        Folder to write into (created if missing); ``validate`` checks quotes
        against ``out_dir/sources`` as it does for ``data/``.
    seed : int
        Seed of the figures; the same seed gives the same files.

    Returns
    -------
    Path
        The table, about 31 rows per district.
    """
    out_dir = Path(out_dir)
    sources = out_dir / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    path = out_dir / "indicators.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        names = district_names(n_districts)
        for i, name in enumerate(names):
            code = f"{i:05d}"
            rows, plan_text, report_text = district_rows(name, code, rng)
            (sources / f"{code}_plan.txt").write_text(plan_text, encoding="utf-8")
            (sources / f"{code}_report.txt").write_text(report_text, encoding="utf-8")
            writer.writerows(rows)
    _write_names(out_dir, names)
    return path


def _write_names(out_dir: Path, names: list[str]) -> None:
    """The five name files beside the table: its own districts.csv and sources.csv, and the project's
    indicator names, units and plans (the synthetic rows use the project's indicators)."""
    import shutil

    from analysis import config

    for name in ("indicator_names.csv", "units.csv", "plans.csv"):
        shutil.copy(config.DATA_DIR / name, out_dir / name)
    with open(out_dir / "districts.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["district", "name_en", "city", "city_en", "province", "level"])
        writer.writerows([name, f"County {i}", "", "", "", "county"] for i, name in enumerate(names))
    with open(out_dir / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["file", "title_zh", "title_en", "date", "status", "note", "districts"])
        for i, name in enumerate(names):          # each document covers its own district
            writer.writerow([f"{i:05d}_plan.txt", "规划（合成）", "plan (synthetic)", "", "adopted", "", name])
            writer.writerow([f"{i:05d}_report.txt", "执行报告（合成）", "report (synthetic)", "", "report", "", name])
