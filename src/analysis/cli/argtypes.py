"""argparse types shared by the commands: each turns a bad value into a one-line usage error."""
from __future__ import annotations

import argparse
import math
import datetime as dt
import re


def year_arg(text: str) -> int:
    """argparse type: a year between 1949 and 2100, else a one-line usage error."""
    from analysis.data.schema import parse_year

    year = parse_year(text)
    if year is None:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a year between 1949 and 2100")
    return year


def positive_int(text: str) -> int:
    """argparse type: a whole number ≥ 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a positive whole number")
    return value


def seconds(text: str, limit: float = 7 * 24 * 3600) -> float:
    """argparse type: a finite number of seconds from 0 to a week (``nan``, ``inf``, ``-5`` refused)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 <= value <= limit:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a number of seconds from 0 to {int(limit)}")
    return value


def date_arg(text: str):
    """argparse type: an assessment date YYYY-MM-DD (years 1949 to 2100), else a one-line usage error."""

    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a date YYYY-MM-DD, e.g. 2026-11-28") from None
    if not 1949 <= value.year <= 2100:
        raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a date between 1949 and 2100")
    return value
