"""The package's errors: one base class, each subclass says when it is raised.

The CLI prints ``str(error)`` as one line (or one line per problem) and exits
non-zero, so every message names what was wrong and what would be accepted.
"""
from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error this package raises on purpose."""


class DataFileError(AnalysisError):
    """Raised when an input file cannot be read at all: missing, empty, or not UTF-8."""


class DataValidationError(AnalysisError):
    """Raised when the indicator table breaks one or more rules.

    ``problems`` holds one human-readable line per problem; ``str()`` joins them.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class UnknownSeriesError(AnalysisError):
    """Raised when a district, indicator or kind asked for is not in the table."""


class PriceBasisError(AnalysisError):
    """Raised when a real (comparable-price) rate would be mixed with a nominal one
    without an explicit deflator assumption."""


class InsufficientDataError(AnalysisError):
    """Raised when a calculation needs more observations than the series has."""


class ParameterError(AnalysisError):
    """Raised when a notebook, CLI or config parameter is unknown or out of range."""


class ReportError(AnalysisError):
    """Raised when a report cannot be produced (notebook failed, output not writable, lock held)."""
