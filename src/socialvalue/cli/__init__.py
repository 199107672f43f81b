"""The ``socialvalue`` command (also ``python -m socialvalue``).

Needs the ``cli`` extra (click and rich): ``pip install "socialvalue[cli]"``; ``report
--format html`` also needs the ``report`` extra. Errors go to standard error as one readable
message with a non-zero exit code, never a traceback: 1 for bad input, 2 for bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from socialvalue._extras import require
from socialvalue.cli._tree import format_framework_tree
from socialvalue.exceptions import MissingExtraError, SocialValueError, ValidationError

__all__ = ["format_framework_tree", "main"]

_MISSING = (
    "error: the socialvalue command needs the optional packages click and rich: "
    'install them with pip install "socialvalue[cli]"'
)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit per outcome
    """Run the command line; return the exit code (0 success, 1 bad input, 2 bad usage)."""
    try:
        click = require("click", "cli")
        require("rich", "cli")
    except MissingExtraError:
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
    except ValidationError as error:
        # Positions one way: file, row and column as a spreadsheet counts, entries from 1.
        print(f"error: {error.readable()}", file=sys.stderr)  # noqa: T201 - its own message
        return 1
    except SocialValueError as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - the command line's own message
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
    except OSError as error:  # a file or folder the command could not read or write
        where = f" {error.filename}" if error.filename else ""
        print(f"error: cannot use{where}: {error.strerror or error}", file=sys.stderr)  # noqa: T201
        return 1
    return result if isinstance(result, int) else 0
