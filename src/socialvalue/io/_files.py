"""Reading and writing files safely: size limits, strict decoding, atomic writes."""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from socialvalue.exceptions import DataFileError, Problem
from socialvalue.io._atomic import atomic_path, not_unicode

__all__ = ["MAX_FILE_BYTES", "atomic_write_text", "open_regular", "read_text"]

#: Largest file read by default (bytes); pass ``max_bytes`` to read larger trusted files.
MAX_FILE_BYTES = 64 * 1024 * 1024


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open an ordinary file for reading in binary; refuse a FIFO, a device or a folder.

    The file is opened without blocking and checked before anything is read, so a named pipe
    given as an input is refused at once instead of waiting for a writer for ever.

    Raises:
        DataFileError: the file cannot be opened, or is not an ordinary file.
    """
    name = os.fspath(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise DataFileError(
            name, [Problem("", f"cannot read the file: {error.strerror}")]
        ) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe, device or socket"
        raise DataFileError(name, [Problem("", f"not an ordinary file: it is {kind}")])
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing files over ``max_bytes`` and undecodable bytes."""
    name = os.fspath(path)
    try:
        with open_regular(path) as handle:
            # Read what the file holds (plus one byte, to see it grow), never a buffer of the
            # limit's size for a small file.
            size = min(os.fstat(handle.fileno()).st_size, max_bytes)
            data = handle.read(size + 1)
            if len(data) > size and len(data) <= max_bytes:
                data += handle.read(max_bytes + 1 - len(data))
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
    try:
        with atomic_path(path) as temp:
            temp.write_text(text, encoding="utf-8", newline="\n")
    except UnicodeEncodeError as error:
        raise not_unicode(path, error) from None
