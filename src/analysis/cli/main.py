"""Command line: ``python -m analysis <command>``.

Every command is registered here, statically. An
:class:`~analysis.exceptions.AnalysisError` becomes readable lines on stderr
and the exit code its type carries (``exit_code``): 1 a check found problems or
a job failed, 2 a bad command line, config or data (argparse's convention),
3 a lock held, 130 interrupted. No tracebacks, and no matching on message text.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis import __version__, config
from analysis.cli import extract as extract_cli, gaps as gaps_cli, run as runner_cli
from analysis.cli.argtypes import year_arg  # noqa: F401 - kept importable from here
from analysis.exceptions import AnalysisError


def _cmd_validate(args) -> int:
    from analysis.data.loading import to_typed, validate_file

    frame, problems = validate_file(args.path)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    data = to_typed(frame)
    print(f"OK {config.indicators_path(args.path)}: {len(data)} rows, "
          f"{data['indicator'].nunique()} indicators, {data['district'].nunique()} districts")
    if args.summary:
        print(indicator_summary(data).to_string())
    return 0


def indicator_summary(data):
    """Rows per (district, indicator) with the kinds and years present."""
    grouped = data.groupby(["district", "indicator", "indicator_zh"], sort=False)
    return grouped.agg(rows=("value", "size"),
                       kinds=("kind", lambda k: ",".join(sorted(set(k)))),
                       years=("year", lambda y: ",".join(str(v) for v in sorted(set(y)))))


def _cmd_normalize(args) -> int:
    from analysis.data.normalize import normalize_sources

    differing = normalize_sources(config.RAW_SOURCES_DIR, config.SOURCES_DIR, check=args.check)
    if args.check:
        if differing:
            print("out of date: " + ", ".join(differing) + "; run `python -m analysis normalize`", file=sys.stderr)
            return 1
        print(f"OK: {config.SOURCES_DIR} matches a fresh normalisation of {config.RAW_SOURCES_DIR}")
        return 0
    print(f"normalised {len(list(config.RAW_SOURCES_DIR.glob('*.txt')))} documents into {config.SOURCES_DIR}"
          f" ({len(differing)} changed)")
    return 0


# commands defined in their own modules: each has register(subparsers)
COMMANDS = {"gaps": gaps_cli.register, "run": runner_cli.register, "extract/merge": extract_cli.register}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="District five-year-plan analysis: validate data, compute growth gaps, render reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check an indicator table; exit 1 with one line per problem")
    p.add_argument("path", nargs="?", help="CSV file (default: data/indicators.csv or $ANALYSIS_DATA)")
    p.add_argument("--summary", action="store_true", help="also print rows per indicator")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("normalize", help="regenerate data/sources/ from data/sources/raw/")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if the committed files differ")
    p.set_defaults(func=_cmd_normalize)

    for register in COMMANDS.values():
        register(sub)
    parser.commands = sub.choices        # name -> its parser, for per-command usage errors
    return parser


INTERNAL_ERROR = 70
"""Exit code of an error the package did not foresee (EX_SOFTWARE): one line on stderr, never a traceback
(``ANALYSIS_DEBUG=1`` shows it)."""


def _plain_streams() -> None:
    """Any terminal encoding (PYTHONIOENCODING=ascii) prints every message: characters it lacks as escapes."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):      # not a text stream we own (captured in tests)
            pass


def main(argv: list[str] | None = None) -> int:
    _plain_streams()
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        # a bad option to a command shows that command's usage, not the top-level one
        parser.commands.get(args.command, parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except AnalysisError as exc:
        problems = getattr(exc, "problems", None)
        for line in problems if problems else [f"error: {exc}"]:
            print(line, file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # `... | head` closed the pipe: not an error of ours.

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        import errno

        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT) or os.environ.get("ANALYSIS_DEBUG"):
            return _internal(exc)
        try:                          # the output could not be written: say so once, on stderr
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            print(f"error: cannot write the output ({exc.strerror}); free some space (or fix the device) "
                  "and run the command again", file=sys.stderr)
        except OSError:
            pass
        return 1
    except Exception as exc:      # noqa: BLE001 - the last line of defence: a user never sees a traceback
        return _internal(exc)


def _internal(exc: BaseException) -> int:
    """One line for an error the package did not foresee (exit 70); ``ANALYSIS_DEBUG=1`` raises it instead."""
    if os.environ.get("ANALYSIS_DEBUG"):
        raise exc
    where = exc.__traceback__
    while where is not None and where.tb_next is not None:
        where = where.tb_next
    place = f" at {Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}" if where else ""
    text = " ".join(str(exc).split())[:300]
    try:
        print(f"internal error{place}: {type(exc).__name__}: {text}; nothing more was done. Please report it "
              "with the command you ran (ANALYSIS_DEBUG=1 shows the traceback)", file=sys.stderr)
    except OSError:
        pass                    # stderr itself is gone (a full disk, a closed pipe)
    return INTERNAL_ERROR
