"""Every test and doctest reads the frozen copy of the data in tests/fixtures/data/, never the live data/.

The curated table grows every year (and gains places and columns); the suite must not change with it.
Only tests/test_data.py, the curated table's own checks, reads data/ (by its explicit path).
Set here, at the project root, so doctests under src/analysis/ and every subprocess a test
starts (CLI, notebooks, runner workers) inherit it.
"""
import atexit
import os
import shutil
import tempfile
from pathlib import Path

FIXTURE_DATA = Path(__file__).resolve().parent / "tests" / "fixtures" / "data"
os.environ["ANALYSIS_DATA"] = str(FIXTURE_DATA / "indicators.csv")
# validated tables (analysis.data.cache) go to a folder of this test process, not ~/.cache
os.environ["ANALYSIS_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="analysis-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ.pop("ANALYSIS_NO_CACHE", None)
