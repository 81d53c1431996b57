"""`extract` is linear in its input (issue 21): seconds for 250 kB and 1 MB documents of three shapes.

Shapes: the 2023 report repeated (many short paragraphs), the same text on one line (one paragraph of
1 MB, no line breaks), and a run of digits (one number of a million digits). Each is run as a user runs
it (``python -m analysis extract DOC``, a fresh interpreter) and in process (extraction only); the
ratio of 1 MB to 250 kB is about 4 for a linear extractor (issue 21 measured 87 s for 250 kB on one line
and 59 s for 20,000 digits before). Target: every 1 MB document under 10 s.

Usage: ``.venv/bin/python benchmarks/bench_extract.py``
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "fixtures" / "report_2023_simplified.txt"


def documents(size: int) -> dict[str, str]:
    base = REPORT.read_text(encoding="utf-8")
    one = base.replace("\n", "")
    return {"paragraphs": (base * (size // len(base.encode()) + 1)),
            "one line": (one * (size // len(one.encode()) + 1)),
            "digits": "地区生产总值" + "1" * size + "亿元\n"}


def cli_seconds(path: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(path), "--district", "万柏林区",
                             "--year", "2024"], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return time.perf_counter() - started


def in_process_seconds(text: str) -> float:
    from analysis.data.normalize import normalize_text
    from analysis.data.registry import load_registry
    from analysis.extract.propose import extract_document

    registry = load_registry()
    started = time.perf_counter()
    extract_document(normalize_text(text), "万柏林区", "doc.txt", 2024, {}, registry)
    return time.perf_counter() - started


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    print(f"{'shape':<12}{'size':>10}{'cli s':>9}{'extract s':>11}")
    worst, ratios = 0.0, []
    for shape in ("paragraphs", "one line", "digits"):
        seconds = {}
        for size in (250_000, 1_000_000):
            text = documents(size)[shape]
            path = folder / f"{shape.replace(' ', '_')}-{size}.txt"
            path.write_text(text, encoding="utf-8")
            cli, inner = cli_seconds(path), in_process_seconds(text)
            seconds[size] = inner
            worst = max(worst, cli) if size == 1_000_000 else worst
            print(f"{shape:<12}{len(text.encode()):>10,}{cli:>9.2f}{inner:>11.2f}")
        ratios.append(seconds[1_000_000] / max(seconds[250_000], 1e-3))
    print(f"1 MB / 250 kB (extraction only): {', '.join(f'{r:.1f}' for r in ratios)} (linear: about 4)")
    print(f"slowest 1 MB document through the CLI: {worst:.1f} s (target: under 10 s)")
    return 0 if worst < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
