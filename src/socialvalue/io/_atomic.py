"""Atomic writes of files produced piece by piece: a temporary file, then a rename.

The one way socialvalue writes a file: :func:`atomic_path` (and, on it, :func:`atomic_text`
for streams such as a CSV export of a million rows, and :func:`~socialvalue.io.atomic_write_text`
for text already in memory), or a path handed to a library that saves itself (openpyxl).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from socialvalue.exceptions import DataFileError, Problem

__all__ = ["atomic_path", "atomic_text", "not_unicode"]


def _mode_for(target: Path) -> int:
    """The mode an ordinary write would give: the existing file's, else what the umask allows."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(target: Path, error: OSError) -> DataFileError:
    return DataFileError(
        os.fspath(target), [Problem("", f"cannot write the file: {error.strerror or error}")]
    )


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path`` in one rename.

    Whatever is written to the temporary path is flushed to disk before the rename. On an error
    the temporary file is removed and ``path`` is left as it was.

    Raises:
        DataFileError: the file cannot be written (no such folder, no permission, disk full).
    """
    target = Path(path)
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=target.parent or Path(), prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _cannot_write(target, error) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        with temp.open("rb+") as stream:
            os.fsync(stream.fileno())
        # mkstemp makes an owner-only file; give it the mode an ordinary write would.
        temp.chmod(_mode_for(target))
        temp.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _cannot_write(target, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


@contextlib.contextmanager
def atomic_text(path: str | os.PathLike[str], *, bom: bool = False) -> Iterator[IO[str]]:
    """Yield a UTF-8 text stream (``newline=""``, for the csv module) written atomically."""
    with atomic_path(path) as temp, temp.open("w", encoding="utf-8", newline="") as stream:
        if bom:
            stream.write("\ufeff")
        try:
            yield stream
        except UnicodeEncodeError as error:
            raise not_unicode(path, error) from None


def not_unicode(path: str | os.PathLike[str], error: UnicodeEncodeError) -> DataFileError:
    """The error for text that cannot be written as UTF-8 (a lone surrogate)."""
    bad = error.object[error.start : error.end]
    return DataFileError(
        os.fspath(path),
        [
            Problem(
                "",
                f"cannot write text that is not valid Unicode ({bad!r} at character "
                f"{error.start + 1}: a lone surrogate); nothing was written",
            )
        ],
    )
