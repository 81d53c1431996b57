"""``python -m analysis run``: the scheduled report batch.

Exit codes: 0 all reports produced or unchanged; 1 one or more reports failed
(the others were produced; previous good HTML kept); 2 bad command line or
config (nothing ran); 3 another run holds the output folder's lock.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive whole number")
    return value


def _cmd_run(args) -> int:
    from .exceptions import ParameterError, ReportError
    from .runner import run

    try:
        result = run(args.config, args.data, args.out, jobs=args.jobs, force=args.force, only=args.only,
                     scheduler=args.scheduler, wait=args.wait)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3 if "lock" in str(exc) else 1
    return result.exit_code


def register(sub) -> None:
    p = sub.add_parser("run", help="produce the report suite into reports/ (incremental, parallel, atomic)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, default=config.DEFAULT_REPORTS_CONFIG, help="YAML list of reports (default: reports.yaml)")
    p.add_argument("--data", type=Path, help="indicator CSV (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.add_argument("--out", type=Path, default=config.REPORTS_DIR, help="output folder (default: reports/)")
    p.add_argument("--jobs", type=_positive, help="parallel workers (default: number of cores)")
    p.add_argument("--force", action="store_true", help="re-run reports even if nothing changed")
    p.add_argument("--only", nargs="+", metavar="NAME", help="run only these reports (glob patterns allowed)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                   help="wait this long for another run on the same folder (default: refuse at once)")
    p.set_defaults(func=_cmd_run)
