"""The package's errors: one base class, each subclass says when it is raised.

The CLI prints ``str(error)`` as one line (or one line per problem) and exits
with the error's ``exit_code``, chosen by type, never by reading the message:

====  =====================================  ==========================================
code  class                                  meaning
====  =====================================  ==========================================
1     :class:`AnalysisError`,                a check found problems, a job failed;
      :class:`ReportsFailedError`            for ``run``: some reports failed, the
                                             others were produced
2     :class:`UsageError` and subclasses     bad command line, config or data: nothing ran
3     :class:`LockHeldError`                 another run holds the output folder's lock
70    (any other exception)                  an error the package did not foresee: one line,
                                             ``ANALYSIS_DEBUG=1`` shows the traceback
130   :class:`RunInterruptedError`           interrupted (Ctrl-C, SIGTERM, SIGHUP)
====  =====================================  ==========================================
"""
from __future__ import annotations


class AnalysisError(Exception):
    """Base class of every error this package raises on purpose.

    Raised (as a subclass) when the package refuses an input or an operation;
    ``exit_code`` is what the command line exits with.
    """

    exit_code = 1


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


class CatalogueKeyError(AnalysisError):
    """Raised when code asks for a word no catalogue (``locales/*.yaml``) defines: a page never shows
    a raw key. ``key`` and ``lang`` say which."""

    def __init__(self, key: str, lang: str):
        self.key, self.lang = key, lang
        super().__init__(f"catalogue key '{key}' ({lang}) is not defined in src/analysis/locales/*.yaml; add it under zh and en")


class ReportsFailedError(AnalysisError):
    """Raised when one or more reports of a run failed (or could not be written) while
    the others were produced; the manifest and ``failed/`` say which (exit code 1)."""

    exit_code = 1


class UsageError(AnalysisError):
    """Raised when the command line, a config or an input file cannot be used; nothing ran
    (exit code 2).

    Besides its one-line message the error carries what went wrong as fields, for callers
    and tests that must not read the wording: ``parameter`` (the name refused), ``value``
    (what was given), ``accepted`` (what would have been), ``path`` (the file) and ``line``
    (1-based line in that file); each is None where it does not apply.
    """

    exit_code = 2

    def __init__(self, message: str = "", *, parameter: str | None = None, value=None, accepted=None,
                 path=None, line: int | None = None):
        super().__init__(message)
        self.parameter, self.value, self.accepted = parameter, value, accepted
        self.path, self.line = (str(path) if path is not None else None), line

    def fields(self) -> dict:
        """The fields that are set, e.g. ``{"parameter": "lang", "value": "fr", "accepted": ("zh", "en")}``."""
        return {k: v for k, v in vars(self).items() if k in FIELDS and v is not None}


FIELDS = ("parameter", "value", "accepted", "path", "line")


class ParameterError(UsageError):
    """Raised when a notebook, CLI or config parameter is unknown or out of range."""


class ConfigError(ParameterError):
    """Raised when a report config is malformed, too large, names a path where a name
    belongs, or expands to nothing."""


class InputDataError(UsageError):
    """Raised when ``run`` is given an indicator table that is unreadable or breaks a rule.

    ``problems`` holds one line per problem, as :class:`DataValidationError` does.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class OutputFolderError(UsageError):
    """Raised when ``--out`` is not a folder the runner may write: the project itself, a
    source folder, an existing file, read-only, or a lock file that is a symlink."""


class ReportError(AnalysisError):
    """Raised when a report cannot be produced (output could not be written)."""


class LockHeldError(ReportError):
    """Raised when another run holds the lock on the output folder (exit code 3)."""

    exit_code = 3


class RunInterruptedError(AnalysisError):
    """Raised when a run is interrupted (Ctrl-C or SIGTERM) after cancelling the queued
    reports and writing the manifest of those that finished (exit code 130)."""

    exit_code = 130
