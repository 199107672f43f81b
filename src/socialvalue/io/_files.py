"""Reading and writing files safely: size limits, strict decoding, atomic writes."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from socialvalue.exceptions import DataFileError, Problem
from socialvalue.io._atomic import atomic_path, not_unicode

__all__ = [
    "MAX_FILE_BYTES",
    "OutsideFolderError",
    "atomic_write_bytes",
    "atomic_write_text",
    "file_inside",
    "open_regular",
    "read_text",
]

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


def file_inside(
    folder: Path,
    reference: str,
    search_paths: Sequence[Path] = (),
    where: str = "",
    *,
    owner: str = "bundle",
) -> Path:
    """The file ``reference`` names, if it lies inside ``folder`` or one of ``search_paths``.

    A methodology bundle (or an import mapping, ``owner="mapping"``) may name only files in
    its own folder or an allowed search path: no absolute path, no ``..`` out of the folder.

    Raises:
        OutsideFolderError: the reference leaves the allowed folders, or cannot name a file;
            the message starts with ``where`` and never shows the referenced file's content.
    """
    try:
        return _find_inside(folder, reference, search_paths, where, owner)
    except (OSError, ValueError) as error:
        if isinstance(error, OutsideFolderError):
            raise
        shown = reference if len(reference) <= 80 else reference[:79] + "…"
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise OutsideFolderError(f"{where}: {shown!r} cannot name a file ({reason})") from None


def _find_inside(
    folder: Path, reference: str, search_paths: Sequence[Path], where: str, owner: str
) -> Path:
    file_name = reference.partition("#")[0]
    relative = Path(file_name)
    if not file_name.strip() or relative.is_absolute() or relative.drive:
        raise OutsideFolderError(
            f"{where}: {reference!r} is not a path relative to the {owner}'s folder"
        )
    for base in (folder, *search_paths):
        root = base.resolve()
        path = (root / relative).resolve()
        if path.is_relative_to(root) and path.exists():
            return path
    roots = (folder, *search_paths)
    for base in roots:
        if (base.resolve() / relative).resolve().is_relative_to(base.resolve()):
            return base.resolve() / relative  # inside, but missing: the loader says so
    raise OutsideFolderError(
        f"{where}: {reference!r} lies outside the {owner}'s folder; references must name files "
        "inside it (or in an allowed search path)"
    )


class OutsideFolderError(ValueError):
    """A reference to a file outside the allowed folders (always turned into a Problem)."""


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, like :func:`atomic_write_text`.

    Raises:
        DataFileError: the file cannot be written.
    """
    with atomic_path(path) as temp:
        temp.write_bytes(data)
