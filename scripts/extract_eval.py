"""Recall and precision of `analysis extract`, on the seed documents and on the corpus.

Matching rule: a proposed row matches a labelled row when (indicator, year,
kind, value, period_start) are equal; bound, unit, price basis, quote and note
are not compared. Recall = matched labelled rows / labelled rows; precision =
matched proposed rows / proposed rows.

Seeds: sources 002 (the five-year plan) and 004 (the 2022 execution report)
against their curated rows in data/indicators.csv (or the table
``$ANALYSIS_DATA`` names, with its sources/raw/ beside it), twice: with the
registry's names only, and with the district's curated names added (what the
CLI does). These are in-sample: the aliases were first written from them.

Corpus (tests/fixtures/corpus, real documents from other places, see its
README): annual rows (status ``expected``) against proposals with status
``proposed``; reported overall and per document kind. Partial-year labels
(status ``needs_review``) are not annual values: a proposal with status
``proposed`` that matches one is a *partial-as-annual* failure; proposals
with status ``needs_review`` are reported apart and not counted in precision.
When extraction reports figures without a readable year, the document is run
again with the manifest's year, as a user answering the `--year` prompt would.

Usage: python scripts/extract_eval.py [-v]   (exit 1 when a threshold is missed)
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from analysis import config
from analysis.extract.propose import extract_document
from analysis.data.normalize import normalize_file

SEEDS = ["002_c37d50af50f0c12c.txt", "004_2e2771ea7a10172a.txt"]
CORPUS_DIR = config.PROJECT_DIR / "tests" / "fixtures" / "corpus"
# Rounds of the corpus: the development set, and hold-out rounds labelled before the extractor saw them.
ROUNDS = {"development": CORPUS_DIR, "hold-out 1": CORPUS_DIR / "holdout", "hold-out 2": CORPUS_DIR / "holdout2",
          "hold-out 3": CORPUS_DIR / "holdout3"}
# Rounds measured and printed, but not held to THRESHOLDS (nor to tests/test_extract_corpus.py's): their first
# measurement is below them and the extractor has not been worked on them yet. Their labels are still checked.
REPORTED = {"hold-out places": CORPUS_DIR / "holdout_places"}
THRESHOLDS = {"seed_recall": 0.9, "seed_precision": 0.9, "corpus_recall": 0.9, "corpus_precision": 0.95}


def key(row) -> tuple:
    start = str(row["period_start"]).strip()
    return row["indicator"], int(row["year"]), row["kind"], round(float(row["value"]), 6), int(start) if start else None


@dataclass
class Score:
    labelled: int = 0
    proposed: int = 0
    matched_labels: int = 0
    matched_proposals: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, gold: set, proposed: set, label: str = "") -> None:
        self.labelled += len(gold)
        self.proposed += len(proposed)
        self.matched_labels += len(gold & proposed)
        self.matched_proposals += len(proposed & gold)
        self.misses += [(label, k) for k in sorted(gold - proposed, key=str)]
        self.extras += [(label, k) for k in sorted(proposed - gold, key=str)]

    @property
    def recall(self) -> float:
        return self.matched_labels / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.matched_proposals / self.proposed if self.proposed else 1.0

    def line(self, name: str) -> str:
        return (f"{name}: recall {self.recall:.1%} ({self.matched_labels}/{self.labelled}), "
                f"precision {self.precision:.1%} ({self.matched_proposals}/{self.proposed})")


@dataclass
class CorpusResult:
    overall: Score
    by_kind: dict
    partial_as_annual: list           # (file, key) proposed as annual although labelled partial-year
    partial_flagged: int              # partial-year labels proposed with status needs_review
    partial_labels: int
    reruns: list                      # files that needed --year


def seed_scores(use_curated_names: bool) -> dict[str, Score]:
    table = config.indicators_path()              # $ANALYSIS_DATA (the tests' frozen copy) or data/indicators.csv
    gold_rows = list(csv.DictReader(open(table, encoding="utf-8")))
    scores = {}
    for doc in SEEDS:
        gold = {key(r) for r in gold_rows if r["source"] == doc}
        district = next(r["district"] for r in gold_rows if r["source"] == doc)
        names = {r["indicator_zh"]: r["indicator"] for r in gold_rows if r["district"] == district} if use_curated_names else None
        text, _ = normalize_file(table.parent / "sources" / "raw" / doc)
        rows = extract_document(text, district, doc, vocabulary=names).rows
        score = Score()
        score.add(gold, {key(r) for r in rows if r["status"] == "proposed"}, doc)
        scores[doc] = score
    return scores


def corpus_documents(corpus_dirs) -> list[tuple[Path, dict, list]]:
    """(folder, manifest row, its labelled rows) of every document in *corpus_dirs*."""
    out = []
    for folder in corpus_dirs:
        labels = list(csv.DictReader(open(folder / "expected.csv", encoding="utf-8")))
        for doc in csv.DictReader(open(folder / "manifest.csv", encoding="utf-8")):
            out.append((folder, doc, [r for r in labels if r["source"] == doc["file"]]))
    return out


def corpus_scores(corpus_dirs=tuple(ROUNDS.values())) -> CorpusResult:
    overall, by_kind = Score(), defaultdict(Score)
    partial_as_annual, flagged, partial_labels, reruns = [], 0, 0, []
    for corpus_dir, doc, mine in corpus_documents(corpus_dirs):
        text, _ = normalize_file(corpus_dir / doc["file"])
        found = extract_document(text, doc["place"], doc["file"])
        if found.undated:
            reruns.append(doc["file"])
            found = extract_document(text, doc["place"], doc["file"], year=int(doc["year"]))
        annual = {key(r) for r in mine if r["status"] == "expected"}
        partial = {key(r) for r in mine if r["status"] == "needs_review"}
        proposed = {key(r) for r in found.rows if r["status"] == "proposed"}
        review = {key(r) for r in found.rows if r["status"] == "needs_review"}
        overall.add(annual, proposed, doc["file"])
        by_kind[doc["kind"]].add(annual, proposed, doc["file"])
        partial_as_annual += [(doc["file"], k) for k in sorted(partial & proposed, key=str)]
        flagged += len(partial & review)
        partial_labels += len(partial)
    return CorpusResult(overall, dict(by_kind), partial_as_annual, flagged, partial_labels, reruns)


def main(verbose: bool = False) -> int:
    ok = True
    for label, use_names in (("registry names", False), ("registry + curated names", True)):
        print(f"== seeds, {label}")
        for doc, score in seed_scores(use_names).items():
            ok &= score.recall >= THRESHOLDS["seed_recall"] and score.precision >= THRESHOLDS["seed_precision"]
            print(score.line(doc))
            for what, items in (("missed", score.misses), ("extra ", score.extras)):
                for _, k in items:
                    print(f"   {what} {k}")
    for name, folder in ROUNDS.items():
        print(corpus_scores([folder]).overall.line(f"corpus, {name} ({folder.relative_to(config.PROJECT_DIR)})"))
    for name, folder in REPORTED.items():
        reported = corpus_scores([folder])
        print(reported.overall.line(f"corpus, {name} ({folder.relative_to(config.PROJECT_DIR)}), reported, "
                                    f"not enforced"))
        print(f"   partial-year figures proposed as annual: {len(reported.partial_as_annual)}; "
              f"flagged needs_review: {reported.partial_flagged}/{reported.partial_labels}")
        if verbose:
            for what, items in (("missed", reported.overall.misses), ("extra ", reported.overall.extras)):
                for doc, k in items:
                    print(f"   {what} {doc[:3]} {k}")
    result = corpus_scores()
    print("== corpus, all rounds, annual rows")
    print(result.overall.line("all documents"))
    for kind, score in sorted(result.by_kind.items()):
        print("  " + (score.line(kind) if score.labelled else f"{kind}: no annual rows (by design)"))
    print(f"partial-year figures proposed as annual: {len(result.partial_as_annual)}; "
          f"flagged needs_review: {result.partial_flagged}/{result.partial_labels}")
    print(f"documents that needed --year: {', '.join(result.reruns) or 'none'}")
    for item in result.partial_as_annual:
        print(f"   partial-as-annual {item}")
    if verbose:
        for what, items in (("missed", result.overall.misses), ("extra ", result.overall.extras)):
            for doc, k in items:
                print(f"   {what} {doc[:3]} {k}")
    ok &= (result.overall.recall >= THRESHOLDS["corpus_recall"] and
           result.overall.precision >= THRESHOLDS["corpus_precision"] and not result.partial_as_annual)
    print("note: seeds are in-sample (names first written from them). Every corpus round was labelled by reading "
          "before the extractor saw it; the development round and hold-outs 1-2 were then tuned on, so their "
          "figures above are in-sample too. First measurements, before any tuning on them, are in "
          "tests/fixtures/corpus/README.md")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
