"""period_start is the first year a figure covers, for averages too (issue 20): the corpus labels are written
that way (the extractor's average_start: tests/test_extract_grammar.py), and the engine derives the base
year in one place."""
import csv
import re
from pathlib import Path

import pytest

from analysis.engine.growth import average_base_year

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def test_the_engine_measures_an_average_from_the_year_before():
    assert average_base_year(2021) == 2020 and average_base_year(2016) == 2015


def _labels():
    for path in sorted(CORPUS.rglob("expected.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                yield path.relative_to(CORPUS), line, row


# 两年平均增长5.9% in a 2021 bulletin runs over 2020–2021: its period_start 2020 is its first year, not a plan's base
_SHORT_AVERAGE = re.compile(r"(?:两|二|三|2|3)年平均")


@pytest.mark.parametrize("folder", sorted({str(p.parent.relative_to(CORPUS)) for p in CORPUS.rglob("expected.csv")}))
def test_no_corpus_average_is_labelled_from_its_base_year(folder):
    """A 年均 label whose period_start is a five-year plan's base year (2015, 2020: years ending in 0 or 5)
    while its year lies in that plan is the reading before issue 20."""
    old = [f"{path} row {line}: period_start {row['period_start']} is the base year of the plan "
           f"{int(row['period_start']) + 1}–{int(row['period_start']) + 5}; write {int(row['period_start']) + 1}"
           for path, line, row in _labels() if str(path.parent) == folder
           and row["kind"] in ("growth", "target_growth") and row["period_start"]
           and int(row["period_start"]) % 5 == 0 and 0 < int(row["year"]) - int(row["period_start"]) <= 5
           and not _SHORT_AVERAGE.search(row["quote"])]
    assert not old, "\n".join(old)
