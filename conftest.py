"""Every test and doctest reads the frozen copy of the data in tests/fixtures/data/, never the live data/.

The curated table grows every year (and gains places and columns); the suite must not change with it.
Only tests/test_data.py, the curated table's own checks, reads data/ (by its explicit path).
Set here, at the project root, so doctests under src/analysis/ and every subprocess a test
starts (CLI, notebooks, runner workers) inherit it.
"""
import os
from pathlib import Path

FIXTURE_DATA = Path(__file__).resolve().parent / "tests" / "fixtures" / "data"
os.environ["ANALYSIS_DATA"] = str(FIXTURE_DATA / "indicators.csv")
