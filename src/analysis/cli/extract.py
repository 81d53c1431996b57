"""``python -m analysis extract DOC`` and ``python -m analysis merge review.csv``.

The yearly update: extract proposes rows from a new report into a review
file; a person sets ``status`` to ``accepted`` (or edits/deletes rows); merge
appends the accepted rows to the curated table after the same validation as
``validate``, refusing conflicts; nothing is written unless everything passes.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
import argparse

from analysis import config
from analysis.cli.argtypes import year_arg
from analysis.data.merge import REVIEW_COLUMNS_EXTRA  # noqa: F401 - kept importable from here
from analysis.exceptions import DataValidationError


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
    from analysis.data.review import review_text
    from analysis.data.write import spreadsheet_safe

    # the review file is opened in a spreadsheet: a cell that would start a formula gets an apostrophe
    # (merge reads it back without)
    text = review_text([{k: spreadsheet_safe(v) for k, v in row.items()} for row in rows + found.unread],
                       COLUMNS + REVIEW_COLUMNS_EXTRA)            # the numbers no row carries last (not_read)
    if args.out:
        from analysis.data.write import replace_file

        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        replace_file(args.out, text)          # with a BOM: a spreadsheet opens the Chinese intact
    else:
        sys.stdout.write(text[1:])            # piped on: no BOM
    where = args.out or "stdout"
    unregistered = sum(r["indicator"] == "unknown" for r in rows)
    partial = sum(r["status"] == "needs_review" and "partial year:" in r["note"] for r in rows)
    unsure = sum(r["status"] == "needs_review" for r in rows) - unregistered - partial
    print(f"read {args.doc} as {encoding}, {script}; {len(rows)} rows proposed for {district or '(no district found)'}"
          f" ({partial} partial-year, {unsure} whose year or period is unsure (see check: in note) and {unregistered} "
          f"under names data/indicator_names.csv does not list, status needs_review) → {where}; after them "
          f"{len(found.unread)} other number(s) that no row "
          "carries (status not_read: add a row by hand for any the table tracks).", file=sys.stderr)
    for line in next_steps(args.out, doc.name, registry, district, data_path):
        print(line, file=sys.stderr)
    if found.undated and args.year is None:
        print(f"{found.undated} figure(s) in {doc.name} have no readable year and were not proposed: "
              "rerun with --year YYYY, the year the document was issued", file=sys.stderr)
    return 0


def next_steps(out, source: str, registry, district: str | None, data_path: Path) -> list[str]:
    """The exact commands that follow: the sources.csv line a new document needs, accepting rows, merging."""
    lines = []
    sources = Path(data_path).parent / "sources.csv"
    if registry.source_districts(source) is None:
        lines.append(f"{source} is not listed in {sources}; add a line there before merging: "
                     f"{source_line(source, district)}")
    if not out:
        lines.append(f"to review it in a spreadsheet, write it to a file: --out data/review/{Path(source).stem}.csv")
        return lines
    data = "" if Path(data_path) == config.indicators_path() else f" --data {data_path}"
    lines += [f"next: check the rows in a spreadsheet ({out}, UTF-8 with BOM) and set status to 'accepted', or "
              f"accept them here: python -m analysis review {out} --accept-all (or --rows 2,5 or "
              "--min-confidence 0.8)",
              f"then: python -m analysis merge {out}{data}"]
    return lines


def source_line(source: str, district: str | None) -> str:
    """A sources.csv line to fill in for the document *source*: file, titles, date, status, note, districts."""
    return f"{source},<title_zh>,<title_en>,<YYYY-MM-DD>,<adopted|draft|news>,,{district or '<district>'}"


def merge(review_path: Path, data_path: Path | None = None) -> tuple[int, list[str]]:
    """``(rows appended, problems)``: :func:`analysis.data.merge.merge_review` for callers of the earlier API."""
    from analysis.data.merge import merge_review

    try:
        return merge_review(review_path, data_path), []
    except DataValidationError as exc:
        return 0, exc.problems


def _cmd_merge(args) -> int:
    from analysis.data.merge import merge_review

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


def _row_numbers(text: str) -> list[int]:
    out = []
    try:
        for part in text.split(","):
            first, _, last = part.strip().partition("-")
            out += list(range(int(first), int(last or first) + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of row numbers such as 2,5,7-9") from None
    return out


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a confidence between 0 and 1")
    return value


def _cmd_review(args) -> int:
    from analysis.data.review import accept, read_review

    if not (args.accept_all or args.rows or args.min_confidence is not None):
        _, rows = read_review(args.review)
        print("row  status        conf  indicator / year / kind / value unit basis  | quote")
        for i, r in enumerate(rows, start=2):
            print(f"{i:>3}  {r.get('status', ''):<12}  {r.get('confidence', ''):>4}  {r.get('indicator_zh', '')} / "
                  f"{r.get('year', '')} / {r.get('kind', '')} / {r.get('value', '')} {r.get('unit', '')} "
                  f"{r.get('price_basis', '')}  | {r.get('quote', '')[:40]}")
        print(f"accept with: python -m analysis review {args.review} --accept-all | --rows 2,5 | --min-confidence 0.8")
        return 0
    chosen, left = accept(args.review, accept_all=args.accept_all, numbers=args.rows,
                          min_confidence=args.min_confidence)
    print(f"accepted {len(chosen)} row(s) in {args.review}" + (f": rows {_ranges(chosen)}" if chosen else ""))
    if left:
        print("left as they were: " + "; ".join(f"row {n} {status or '(no status)'}" for n, status in left))
    print(f"next: python -m analysis merge {args.review}")
    return 0


def _ranges(numbers: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(numbers):
        start = n if start is None else start
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(n) if start == n else f"{start}-{n}")
            start = None
    return ",".join(out)


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

    p = sub.add_parser("review", help="list a review CSV's rows, or accept some without editing the file by hand")
    p.add_argument("review", help="review CSV written by extract --out (e.g. data/review/2024.csv)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--accept-all", action="store_true", help="accept every row with status 'proposed' "
                                                               "(needs_review rows stay for a person to check)")
    how.add_argument("--rows", type=_row_numbers, help="accept these rows, as a spreadsheet numbers them "
                                                       "(header = row 1), e.g. 2,5,7-9")
    how.add_argument("--min-confidence", type=_confidence, metavar="X",
                     help="accept the 'proposed' rows whose confidence is at least X (0-1)")
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("merge", help="append the accepted rows of a review CSV to the curated table")
    p.add_argument("review", help="review CSV written by extract, with status set to 'accepted' on rows to keep")
    p.add_argument("--data", type=Path, help="table to extend (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.set_defaults(func=_cmd_merge)
