"""The ``socialvalue`` command (also ``python -m socialvalue``).

Needs the ``cli`` extra (click and rich): ``pip install "socialvalue[cli]"``; ``report
--format html`` also needs the ``report`` extra. Errors go to standard error as one readable
message with a non-zero exit code, never a traceback: 1 for bad input, 2 for bad usage.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from socialvalue._extras import require

if TYPE_CHECKING:
    from socialvalue.cli._tree import format_framework_tree

__all__ = ["format_framework_tree", "main"]

_MISSING = (
    "error: the socialvalue command needs the optional packages click and rich: "
    'install them with pip install "socialvalue[cli]"'
)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def __getattr__(name: str) -> Any:  # noqa: ANN401 - a module attribute
    # Imported on first use: --help must not load the models (PEP 562).
    if name == "format_framework_tree":
        from socialvalue.cli._tree import format_framework_tree  # noqa: PLC0415

        return format_framework_tree
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The command-line option for a library option whose name differs (others: ``--`` + name).
_OPTIONS = {"periods": "--period"}


def _failure(error: Exception) -> int:
    """The exit code for an error the commands raised (after click's own); re-raise the rest."""
    # Imported here, not at the top: the models are not loaded for --help.
    from socialvalue.exceptions import SocialValueError, ValidationError  # noqa: PLC0415

    if isinstance(error, ValidationError) and error.subject == "options":
        # The library's options are the command's: named as typed (--delimiter), not as keys of
        # a Python call ("options: key delimiter").
        for problem in error.problems:
            option = _OPTIONS.get(problem.location, f"--{problem.location.replace('_', '-')}")
            print(f"error: {option}: {problem.message}", file=sys.stderr)  # noqa: T201
        return 1
    if isinstance(error, ValidationError):
        # Positions one way: file, row and column as a spreadsheet counts, entries from 1.
        print(f"error: {error.readable()}", file=sys.stderr)  # noqa: T201 - its own message
        return 1
    if isinstance(error, SocialValueError):
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - the command line's own message
        return 1
    if isinstance(error, BrokenPipeError):  # pragma: no cover - e.g. piped into `head`
        return 0
    if isinstance(error, OSError):  # a file or folder the command could not read or write
        where = f" {error.filename}" if error.filename else ""
        print(f"error: cannot use{where}: {error.strerror or error}", file=sys.stderr)  # noqa: T201
        return 1
    raise error


def _warning_shower(previous: Any) -> Any:  # noqa: ANN401 - warnings.showwarning's type
    """A ``warnings.showwarning``: the library's own warnings as one line, others as before.

    An overlap under ``overlap_policy = "warn"`` printed Python's form: a module's path, its
    line number and a line of its source code.
    """

    def show(  # noqa: PLR0913, PLR0917 - warnings.showwarning's signature
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if category.__module__.split(".")[0] == "socialvalue":
            print(f"warning: {_one_line(str(message))}", file=file or sys.stderr)
            return
        previous(message, category, filename, lineno, file, line)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 1 bad input, 2 bad usage)."""
    with warnings.catch_warnings():  # the library's warnings in one line (restored after)
        warnings.showwarning = _warning_shower(warnings.showwarning)
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:  # noqa: PLR0911 - one exit per outcome
    try:
        click = require("click", "cli")
        require("rich", "cli")
    except ImportError:  # MissingExtraError
        print(_MISSING, file=sys.stderr)  # noqa: T201 - the command line's own message
        return 1
    from socialvalue.cli._commands import cli  # noqa: PLC0415 - needs click, checked just above

    try:
        result = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="socialvalue",
            standalone_mode=False,
        )
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.UsageError as error:
        # One line: what was wrong and the fix; the command's --help has the rest.
        print(f"error: {_one_line(error.format_message())}", file=sys.stderr)  # noqa: T201
        return 2
    except click.ClickException as error:
        print(f"error: {_one_line(error.format_message())}", file=sys.stderr)  # noqa: T201
        return 1
    except click.Abort:
        return 1
    except Exception as error:  # noqa: BLE001 - sorted by _failure, which re-raises the rest
        return _failure(error)
    return result if isinstance(result, int) else 0
