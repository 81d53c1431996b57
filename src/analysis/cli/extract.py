"""``python -m analysis extract DOC`` and ``python -m analysis merge review.csv``.

The yearly update: extract proposes rows from a new report into a review
file; a person sets ``status`` to ``accepted`` (or edits/deletes rows); merge
appends the accepted rows to the curated table after the same validation as
``validate``, refusing conflicts; nothing is written unless everything passes.
"""
from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

from analysis import config
from analysis.cli.argtypes import year_arg
from analysis.data.merge import REVIEW_COLUMNS_EXTRA  # noqa: F401 - kept importable from here


def _table_rows(data_path: Path) -> list[dict]:
    from analysis.data.tableio import read_table

    if not os.path.lexists(data_path):
        return []
    return read_table(data_path)


def _vocabulary(rows: list[dict], district: str | None) -> dict:
    """Chinese names already in the table (for this district): the vocabulary grows with the data."""
    return {r["indicator_zh"]: r["indicator"] for r in rows if district is None or r["district"] == district}


def _cmd_extract(args) -> int:
    from analysis.extract.propose import detect_district, extract_document
    from analysis.data.normalize import normalize_text, read_document, traditional_share
    from analysis.data.registry import load_registry
    from analysis.data.schema import COLUMNS

    doc = Path(args.doc)
    data_path = config.indicators_path(args.data)
    if args.out:
        from analysis.data.write import check_review_out

        check_review_out(args.out, inputs=(doc, data_path))
    registry = load_registry(data_path)              # the name files beside the table in use
    table = _table_rows(data_path)
    raw_text, encoding = read_document(doc)           # read and decode once
    normalized = normalize_text(raw_text, str(doc))
    known = sorted(set(registry.districts) | {r["district"] for r in table})
    district = args.district or detect_district(normalized, known)
    found = extract_document(normalized, district, doc.name, args.year, _vocabulary(table, district), registry)
    rows = found.rows
    script = "traditional (converted to simplified)" if traditional_share(raw_text) >= 0.02 else "simplified"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS + REVIEW_COLUMNS_EXTRA, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if args.out:
        from analysis.data.write import replace_file

        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        replace_file(args.out, buffer.getvalue())
    else:
        sys.stdout.write(buffer.getvalue())
    where = args.out or "stdout"
    unregistered = sum(r["indicator"] == "unknown" for r in rows)
    review = sum(r["status"] == "needs_review" for r in rows) - unregistered
    print(f"read {args.doc} as {encoding}, {script}; {len(rows)} rows proposed for {district or '(no district found)'}"
          f" ({review} partial-year and {unregistered} under names data/indicator_names.csv does not list, "
          f"status needs_review) → {where}. "
          "Review them: set status to 'accepted', then `python -m analysis merge`", file=sys.stderr)
    if found.undated and args.year is None:
        print(f"{found.undated} figure(s) in {doc.name} have no readable year and were not proposed: "
              "rerun with --year YYYY, the year the document was issued", file=sys.stderr)
    return 0


def merge(review_path: Path, data_path: Path | None = None) -> tuple[int, list[str]]:
    """``(rows appended, problems)``: :func:`analysis.data.merge.merge_review` for callers of the earlier API."""
    from analysis.data.merge import merge_review
    from analysis.exceptions import DataValidationError

    try:
        return merge_review(review_path, data_path), []
    except DataValidationError as exc:
        return 0, exc.problems


def _cmd_merge(args) -> int:
    from analysis.data.merge import merge_review
    from analysis.exceptions import DataValidationError

    try:
        added = merge_review(Path(args.review), args.data)
    except DataValidationError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    print(f"merged {added} accepted row(s) into {args.data or config.indicators_path()}; "
          "next: python -m analysis run")
    return 0


def register(sub) -> None:
    p = sub.add_parser("extract", help="propose indicator rows from a new document into a review CSV")
    p.add_argument("doc", help="text document, UTF-8 or GB18030/GBK, simplified or traditional")
    p.add_argument("--district", help="place the document is about (default: a known one it names, else its first 区/县/市)")
    p.add_argument("--year", type=year_arg, help="the year the document was issued, for 今年/去年 (default: its date "
                                                 "line or structure; asked for when figures have no readable year)")
    p.add_argument("--out", help="review CSV to write, e.g. data/review/2024.csv (default: stdout); never an "
                                 "existing file other than a review file, nor inside data/ outside data/review/")
    p.add_argument("--data", type=Path, help="table whose names (and name files beside it) extraction knows "
                                             "(default: data/indicators.csv or $ANALYSIS_DATA)")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("merge", help="append the accepted rows of a review CSV to the curated table")
    p.add_argument("review", help="review CSV written by extract, with status set to 'accepted' on rows to keep")
    p.add_argument("--data", type=Path, help="table to extend (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.set_defaults(func=_cmd_merge)
