"""``python -m analysis gaps``: the gap table as an aligned table, JSON or CSV."""
from __future__ import annotations

import json
import sys
import unicodedata

from . import config
from .argtypes import year_arg
from .i18n import number as _fmt


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill



TABLE_COLUMNS = [
    ("district", "区", False), ("indicator_zh", "指标", False), ("latest_year", "最新年", True),
    ("latest_value", "最新值", True), ("target_value", "目标", True), ("bound", "", False),
    ("cagr_observed", "实际增速%", True), ("cagr_required", "所需增速%", True), ("gap_pp", "差距pp", True),
    ("tau", "时序%", True), ("progress_log", "任务%", True), ("status_zh", "判断", False),
    ("probability", "达成概率%", True),
]


def format_table(records: list[dict]) -> str:
    """An aligned plain-text table with Chinese headers and names."""
    cells = [[h for _, h, _ in TABLE_COLUMNS]]
    cells += [[_fmt(r[k]) for k, _, _ in TABLE_COLUMNS] for r in records]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(TABLE_COLUMNS))]
    lines = ["  ".join(_pad(c, w, right) for c, w, (_, _, right) in zip(row, widths, TABLE_COLUMNS)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"* {r['indicator_zh']}: {f}" for r in records for f in r["flags"]]
    return "\n".join(lines + ([""] + notes if notes else []))




def _cmd_gaps(args) -> int:
    import csv

    from .gaps import FIELDS, gap_table, to_records
    from .loading import load_indicators

    data = load_indicators(args.data)
    records = to_records(gap_table(data, district=args.district, target_year=args.target_year))
    if not records:
        print(f"no target levels for {args.target_year}" + (f" in {args.district}" if args.district else ""),
              file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "flags": "; ".join(r["flags"])} for r in records)
    else:
        print(format_table(records))
    return 0


def register(sub) -> None:
    p = sub.add_parser("gaps", help="gap to each target: required growth, progress vs plan time, probability")
    p.add_argument("--data", help="indicator CSV (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.add_argument("--district", help=f"one district, e.g. {config.DEFAULT_DISTRICT} (default: all)")
    p.add_argument("--target-year", type=year_arg, default=config.PLAN_TARGET_YEAR, help="default: %(default)s")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help="default: %(default)s")
    p.set_defaults(func=_cmd_gaps)
