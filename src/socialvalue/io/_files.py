"""Reading and writing files safely: size limits, strict decoding, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

from socialvalue.exceptions import DataFileError, Problem
from socialvalue.io._atomic import atomic_path

__all__ = ["MAX_FILE_BYTES", "atomic_write_bytes", "atomic_write_text", "read_text"]

#: Largest file read by default (bytes); pass ``max_bytes`` to read larger trusted files.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing files over ``max_bytes`` and undecodable bytes."""
    name = os.fspath(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DataFileError(
            name, [Problem("", f"cannot read the file: {error.strerror}")]
        ) from None
    if len(data) > max_bytes:
        raise DataFileError(
            name, [Problem("", f"file is larger than the limit of {max_bytes:,} bytes")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileError(
            name, [Problem("", f"not UTF-8 text (bad byte at offset {error.start})")]
        ) from None
    if "\x00" in text:
        raise DataFileError(name, [Problem("", "binary data (NUL bytes) in a text file")])
    return text


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file in the same folder, then rename.

    Readers see either the old file or the whole new one, never a half-written file.

    Raises:
        DataFileError: the file cannot be written (no such folder, no permission, disk full).
    """
    with atomic_path(path) as temp:
        temp.write_text(text, encoding="utf-8", newline="\n")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, like :func:`atomic_write_text`.

    Raises:
        DataFileError: the file cannot be written.
    """
    with atomic_path(path) as temp:
        temp.write_bytes(data)
