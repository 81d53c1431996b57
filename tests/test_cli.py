"""The command line: every command registered statically, exit codes chosen by exception type."""
import inspect
import subprocess
import sys

import pytest

from analysis.cli import main as cli
from analysis import exceptions
from analysis.exceptions import (
    AnalysisError, ConfigError, InputDataError, LockHeldError, OutputFolderError, ParameterError, ReportsFailedError,
    RunInterruptedError, UsageError,
)


def test_every_command_is_registered_statically():
    parser = cli.build_parser()
    assert {"validate", "normalize", "gaps", "run", "extract", "merge"} <= set(parser.commands)
    assert not hasattr(cli, "_register_optional_commands")


def test_command_modules_import_on_their_own_without_a_loop():
    for module in ("analysis.cli.gaps", "analysis.cli.extract", "analysis.cli.run", "analysis.cli.main"):
        result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command,args", [("run", []), ("gaps", []), ("extract", ["doc.txt"]), ("validate", [])])
def test_a_bad_option_shows_the_commands_own_usage(command, args, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main([command, *args, "--no-such-option"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.startswith(f"usage: python -m analysis {command} ") and "--no-such-option" in err


@pytest.mark.parametrize("error,code", [
    (ReportsFailedError("2 report(s) failed: a, b"), 1),
    (UsageError("bad"), 2), (ParameterError("bad"), 2), (ConfigError("bad"), 2), (OutputFolderError("bad"), 2),
    (InputDataError(["t.csv row 3: bad", "1 problem(s)"]), 2),
    (UsageError("the lock file is a symlink"), 2),            # the word "lock" does not make it a 3
    (LockHeldError("another run"), 3),
    (RunInterruptedError("interrupted"), 130),
    (AnalysisError("anything else"), 1),
])
def test_exit_codes_follow_the_exception_type(monkeypatch, capsys, error, code):
    def raising(args):
        raise error

    monkeypatch.setattr(cli, "_cmd_normalize", raising)
    assert cli.main(["normalize"]) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    problems = getattr(error, "problems", None)
    assert err.splitlines() == (problems if problems else [f"error: {error}"])


def test_ctrl_c_outside_a_run_is_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_normalize", interrupted)
    assert cli.main(["normalize"]) == 130


def test_every_exception_says_when_it_is_raised_and_its_exit_code():
    classes = [c for _, c in inspect.getmembers(exceptions, inspect.isclass) if issubclass(c, AnalysisError)]
    assert len(classes) >= 10
    for cls in classes:
        assert "Raised when" in (cls.__doc__ or "") or "Raised (as a subclass) when" in (cls.__doc__ or ""), cls
        assert cls.exit_code in (1, 2, 3, 130), cls
    codes = {c.exit_code for c in classes}
    assert codes == {1, 2, 3, 130}
