"""``python -m analysis run``: the scheduled report batch.

Exit codes: 0 all reports produced or unchanged; 1 one or more reports failed
(the others were produced; previous good HTML kept); 2 bad command line,
config or data (nothing ran); 3 another run holds the output folder's lock;
130 interrupted (Ctrl-C, SIGTERM or SIGHUP: queued reports cancelled, the manifest
lists those that finished).
"""
from __future__ import annotations

import argparse
import os
import signal
from pathlib import Path

from analysis import config
from analysis.cli.argtypes import date_arg, positive_int, seconds
from analysis.exceptions import ReportsFailedError


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def _cmd_run(args) -> int:
    from analysis.runner import RunOptions, list_reports, run

    if args.no_cache:
        os.environ["ANALYSIS_NO_CACHE"] = "1"        # this process and the report kernels validate afresh
    options = RunOptions(config_path=args.config, data_path=args.data, out_dir=args.out, jobs=args.jobs,
                         force=args.force, only=tuple(args.only or ()), scheduler=args.scheduler, wait=args.wait,
                         as_of=args.as_of.isoformat() if args.as_of else "")
    if args.list:
        for name in list_reports(options):
            print(name)
        return 0
    # a scheduler's stop (SIGTERM) and a closed terminal (SIGHUP): the same as Ctrl-C
    stops = [sig for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if sig is not None]
    previous = {sig: signal.signal(sig, _raise_interrupt) for sig in stops}
    try:
        result = run(options=options)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if result.failed:
        raise ReportsFailedError(f"{len(result.failed)} report(s) failed: {', '.join(result.failed)}; "
                                 f"the others were produced (see {result.manifest.parent / 'index.html'})")
    return 0


def register(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("run", help="produce the report suite into reports/ (incremental, parallel, atomic)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, default=config.DEFAULT_REPORTS_CONFIG, help="YAML list of reports (default: reports.yaml)")
    p.add_argument("--data", type=Path, help="indicator CSV (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.add_argument("--out", type=Path, default=config.REPORTS_DIR, help="output folder (default: reports/)")
    p.add_argument("--jobs", type=positive_int, help="parallel workers (default and maximum: number of cores)")
    p.add_argument("--force", action="store_true", help="re-run reports even if nothing changed")
    p.add_argument("--only", nargs="+", metavar="NAME", help="run only these reports (glob patterns; see --list)")
    p.add_argument("--list", action="store_true", help="print every report name the config expands to, run nothing")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    p.add_argument("--wait", type=seconds, default=0, metavar="SECONDS",
                   help="wait this long (0 to 604800) for another run on the same folder (default: refuse at once)")
    p.add_argument("--as-of", type=date_arg, default=None, metavar="YYYY-MM-DD",
                   help="assessment date every page is dated by (default: today; a report parameter, so a new "
                        "date re-runs the reports)")
    p.add_argument("--no-cache", action="store_true",
                   help="validate the table again instead of trusting an earlier verdict for the same content")
    p.set_defaults(func=_cmd_run)
    return p
