"""``python -m analysis gaps``: the gap table as an aligned table, JSON or CSV."""
from __future__ import annotations

import json
import sys
import unicodedata
import csv
import os

from analysis.cli.argtypes import date_arg, year_arg
from analysis.i18n import basis_label, bound_label, flag_text, number as _fmt, status_label, t


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


# (record field, right-aligned); headers are cli.gaps.<field> in locales/suite.yaml
TABLE_COLUMNS = [
    ("district", False), ("indicator_zh", False), ("target_type_zh", False), ("latest_year", True),
    ("latest_value", True), ("target_text", True), ("unit", False), ("cagr_observed", True), ("cagr_required", True),
    ("basis_zh", False), ("completion_rate", True), ("tau", True), ("progress", True), ("status_zh", False),
    ("trend_zh", False), ("probability", True),
]


def format_table(records: list[dict], lang: str = "zh") -> str:
    """An aligned plain-text table with headers and names in *lang* (Chinese: the table's own names)."""
    rows = [r | {"target_type_zh": t(f"target_type.{r['target_type']}", lang),
                 "trend_zh": status_label(r["trend_status"], lang, False) if r.get("trend_status")
                 and r["status"] != r["trend_status"] else "",
                 "target_text": f"{bound_label(r['bound'], lang)}{r['target_value']:g}",
                 "basis_zh": basis_label(r["growth_basis"], lang) if r["cagr_observed"] is not None else ""}
            for r in records]
    cells = [[t(f"cli.gaps.{k}", lang) for k, _ in TABLE_COLUMNS]]
    cells += [[_fmt(r[k]) for k, _ in TABLE_COLUMNS] for r in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(TABLE_COLUMNS))]
    lines = ["  ".join(_pad(c, w, right) for c, w, (_, right) in zip(row, widths, TABLE_COLUMNS)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [t("cli.gaps.flag", lang, district=r["district"], indicator=r["indicator_zh"], flag=flag_text(f, lang))
             for r in records for f in r["flags"]]
    as_of = sorted({r["as_of_year"] for r in records if r["as_of_year"]})
    day = records[0]["assessment_date"]
    date = t("fmt.date", lang, year=int(day[:4]), month=int(day[5:7]), day=int(day[8:]))
    data = t("subtitle.data_year", lang, year=t("sep.list", lang).join(map(str, as_of))) if as_of \
        else t("subtitle.no_data", lang)
    notes.insert(0, t("cli.gaps.as_of", lang, assessment=t("subtitle.assessment", lang, date=date, data=data)))
    return "\n".join(lines + ([""] + notes if notes else []))


def _cmd_gaps(args) -> int:
    from analysis.engine.gaps import gap_table
    from analysis.engine.records import FIELDS, to_records
    from analysis.data.loading import load_indicators
    from analysis.data.registry import registry_of
    from analysis.engine.timeline import as_of_date, assessed_plan

    if args.no_cache:

        os.environ["ANALYSIS_NO_CACHE"] = "1"
    data = load_indicators(args.data)            # validated once per content (analysis.data.cache)
    as_of = as_of_date(args.as_of)
    records = to_records(gap_table(data, district=args.district, target_year=args.target_year, as_of=as_of,
                                   registry=registry_of(data)))     # the name files beside the table
    if not records:
        registry = registry_of(data)
        plan = assessed_plan(registry, args.target_year, as_of)
        print(f"{args.district or 'the table'}: no targets for {plan.last_year} "
              f"(the {plan.name_en}, {plan.first_year}-{plan.last_year}) as of {as_of.isoformat()}; "
              "pass --target-year for another plan (data/plans.csv)", file=sys.stderr)
        return 1
    if args.format == "json":
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "flags": json.dumps(r["flags"], ensure_ascii=False),
                          "missing_years": " ".join(map(str, r["missing_years"]))} for r in records)
    else:
        print(format_table(records))
    return 0


def register(sub) -> None:
    p = sub.add_parser("gaps", help="gap to each target: required growth, progress vs plan time, probability")
    p.add_argument("--data", help="indicator CSV (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.add_argument("--district", help="one district as written in the table (default: all; see data/districts.csv)")
    p.add_argument("--target-year", type=year_arg, default=None,
                   help="the plan's end year, e.g. 2025 or 2030 (default: the current plan as of the assessment date: "
                        "the plan of the latest year whose figures are due; data/plans.csv)")
    p.add_argument("--as-of", type=date_arg, default=None, metavar="YYYY-MM-DD",
                   help="assessment date (default: today): decides what is due, pending or not entered, "
                        "and whether the plan has ended")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help="default: %(default)s")
    p.add_argument("--no-cache", action="store_true",
                   help="validate the table again instead of trusting an earlier verdict for the same content")
    p.set_defaults(func=_cmd_gaps)
