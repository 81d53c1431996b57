"""``python -m analysis extract DOC`` and ``python -m analysis merge review.csv``.

The yearly update: extract proposes rows from a new report into a review
file; a person sets ``status`` to ``accepted`` (or edits/deletes rows); merge
appends the accepted rows to the curated table after the same validation as
``validate``, refusing conflicts; nothing is written unless everything passes.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from analysis import config
from analysis.cli.argtypes import year_arg

REVIEW_COLUMNS_EXTRA = ["confidence", "status"]


def _table_rows(data_path: Path) -> list[dict]:
    if not data_path.exists():
        return []
    return list(csv.DictReader(io.StringIO(data_path.read_text(encoding="utf-8-sig"))))


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
    registry = load_registry(data_path)              # the name files beside the table in use
    table = _table_rows(data_path)
    raw_text, encoding = read_document(doc)           # read and decode once
    normalized = normalize_text(raw_text)
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
        from analysis.render import write_atomic

        write_atomic(Path(args.out), buffer.getvalue())
    else:
        sys.stdout.write(buffer.getvalue())
    where = args.out or "stdout"
    review = sum(r["status"] == "needs_review" for r in rows)
    print(f"read {args.doc} as {encoding}, {script}; {len(rows)} rows proposed for {district or '(no district found)'}"
          f" ({review} partial-year, status needs_review) → {where}. "
          "Review them: set status to 'accepted', then `python -m analysis merge`", file=sys.stderr)
    if found.undated and args.year is None:
        print(f"{found.undated} figure(s) in {doc.name} have no readable year and were not proposed: "
              "rerun with --year YYYY, the year the document was issued", file=sys.stderr)
    return 0


def merge(review_path: Path, data_path: Path | None = None) -> tuple[int, list[str]]:
    """Append accepted review rows to the table; returns (rows appended, problems). Writes only if no problems."""
    from analysis.data.loading import parse_table, read_text_table, validate_file
    from analysis.render import write_atomic
    from analysis.data.schema import COLUMNS, KEY

    data_path = Path(data_path or config.indicators_path())
    review_name = str(review_path)
    review_frame, problems = parse_table(read_text_table(review_path), review_name)
    missing = [c for c in COLUMNS + ["status"] if c not in review_frame.columns]
    if missing:
        return 0, [f"{review_name} row 1: missing column(s) {', '.join(missing)}; use the file `extract` wrote"]
    accepted = review_frame[review_frame["status"].str.lower() == "accepted"]
    if accepted.empty:
        return 0, [f"{review_name}: no row has status 'accepted'; mark the rows to merge, then run merge again"]
    existing_text = read_text_table(data_path)
    existing, _ = parse_table(existing_text, str(data_path))
    index = {tuple(r[k] for k in KEY): (i + 2, r["value"]) for i, r in existing.iterrows()}
    new_rows = []
    for i, row in accepted.iterrows():
        key = tuple(row[k] for k in KEY)
        if key in index:
            line, value = index[key]
            if float(value) != float(row["value"] or "nan"):
                problems.append(f"{review_name} row {i + 2}, column 'value': '{row['value']}' conflicts with "
                                f"'{value}' in {data_path} row {line} for ({', '.join(key[:5])}); "
                                "correct one of them or set the review row's status to 'rejected'")
            continue        # already in the table with the same value
        new_rows.append(row[COLUMNS].to_dict())
    if problems:
        return 0, problems
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writerows(new_rows)
    combined = existing_text.rstrip("\n") + "\n" + buffer.getvalue()
    # Validate the combined table exactly as `validate` would, from a temporary file beside it
    # (so quotes are checked against data/sources/); nothing replaces the table unless it passes.
    tmp = data_path.with_name(f".{data_path.name}.merge-check.csv")
    try:
        tmp.write_text(combined, encoding="utf-8")
        _, problems = validate_file(tmp, sources_dir=data_path.parent / "sources")
    finally:
        tmp.unlink(missing_ok=True)
    if problems:
        first_new = len(existing) + 2
        mapped = []
        for p in problems:
            p = p.replace(str(tmp), f"{data_path} + {review_name}")
            mapped.append(p)
        mapped.append(f"(rows from {first_new} on are the accepted review rows, in order)")
        return 0, mapped
    if new_rows:
        write_atomic(data_path, combined)
    return len(new_rows), []


def _cmd_merge(args) -> int:
    added, problems = merge(Path(args.review), args.data)
    if problems:
        for line in problems:
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
    p.add_argument("--out", help="review CSV to write (default: stdout)")
    p.add_argument("--data", type=Path, help="table whose names (and name files beside it) extraction knows "
                                             "(default: data/indicators.csv or $ANALYSIS_DATA)")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("merge", help="append the accepted rows of a review CSV to the curated table")
    p.add_argument("review", help="review CSV written by extract, with status set to 'accepted' on rows to keep")
    p.add_argument("--data", type=Path, help="table to extend (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.set_defaults(func=_cmd_merge)
