"""Recall and precision of `analysis extract` against the curated rows (issue 7).

For each seed document with curated rows (002 the five-year plan, 004 the
2022 execution report), compares (indicator, year, kind, value) of the
proposed rows with the curated ones, twice: with the built-in alias table
only, and with the district's curated names added as vocabulary (what the
CLI does). Prints the misses and extras so a reviewer can judge them.

Caveat printed with the results: the built-in aliases were written while
reading these same documents, so these are in-sample figures; the unit
tests' own documents (tests/fixtures/) are the out-of-sample check.

Usage: python scripts/extract_eval.py
"""
from __future__ import annotations

import csv
import sys

from analysis import config
from analysis.extract import extract_file

DOCUMENTS = ["002_c37d50af50f0c12c.txt", "004_2e2771ea7a10172a.txt"]


def key(row) -> tuple:
    return row["indicator"], int(row["year"]), row["kind"], round(float(row["value"]), 6)


def main() -> int:
    gold_rows = list(csv.DictReader(open(config.DEFAULT_INDICATORS, encoding="utf-8")))
    ok = True
    for label, use_vocab in (("built-in aliases", False), ("aliases + curated names", True)):
        print(f"== {label}")
        for doc in DOCUMENTS:
            gold = {key(r) for r in gold_rows if r["source"] == doc}
            district = next(r["district"] for r in gold_rows if r["source"] == doc)
            vocab = {r["indicator_zh"]: r["indicator"] for r in gold_rows if r["district"] == district} if use_vocab else None
            rows, encoding, _ = extract_file(config.RAW_SOURCES_DIR / doc, district, vocabulary=vocab)
            proposed = {key(r) for r in rows}
            hit = gold & proposed
            recall, precision = len(hit) / len(gold), (len(hit) / len(proposed) if proposed else 0.0)
            ok &= recall >= 0.9 and precision >= 0.9
            print(f"{doc}: recall {recall:.1%} ({len(hit)}/{len(gold)}), precision {precision:.1%} "
                  f"({len(hit)}/{len(proposed)}), read as {encoding}")
            for miss in sorted(gold - proposed):
                print(f"   missed {miss}")
            for extra in sorted(proposed - gold):
                print(f"   extra  {extra}")
    print("note: in-sample (aliases written from these documents); see tests/test_extract.py for fresh documents")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
