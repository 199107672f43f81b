"""Where a command writes, and in which format: the output path and ``--format`` agree.

The extension decides the format unless ``--format`` is given; a mismatch is an error, never a
PDF holding HTML. Only formats that are folders (CSV tables: one file per table) write a folder,
and the command says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from socialvalue.io import atomic_write_bytes, atomic_write_text

if TYPE_CHECKING:
    from socialvalue.report import Formatter, Report

__all__ = ["FILE_FORMATS", "FOLDER_FORMATS", "Output", "resolve_output", "write_documents"]

#: Formats written as one file, with their extensions (the first is the default's).
FILE_FORMATS: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm"),
    "md": (".md", ".markdown"),
    "pdf": (".pdf",),
}
#: Formats written as a folder of files.
FOLDER_FORMATS: tuple[str, ...] = ("csv",)


@attrs.frozen
class Output:
    """The resolved output: its format, its path and whether that path is a folder."""

    format: str
    path: Path

    @property
    def is_folder(self) -> bool:
        """Whether the format writes a folder of files."""
        return self.format in FOLDER_FORMATS


def _format_of_suffix(suffix: str) -> str | None:
    for name, suffixes in FILE_FORMATS.items():
        if suffix in suffixes:
            return name
    return None


def resolve_output(output: str | None, fmt: str | None, *, stem: str = "report") -> Output:
    """The format and path to write, from ``-o`` and ``--format``.

    >>> resolve_output("out.pdf", None)
    Output(format='pdf', path=PosixPath('out.pdf'))
    >>> resolve_output(None, "csv")
    Output(format='csv', path=PosixPath('report-csv'))

    Raises:
        click.UsageError: the extension and ``--format`` disagree, or the extension names no
            format.
    """
    import click  # noqa: PLC0415 - the cli extra, checked by main()

    known = ", ".join(s for suffixes in FILE_FORMATS.values() for s in suffixes)
    if output is None:
        chosen = fmt or "html"
        if chosen in FOLDER_FORMATS:
            return Output(chosen, Path(f"{stem}-{chosen}"))
        return Output(chosen, Path(f"{stem}{FILE_FORMATS[chosen][0]}"))
    path = Path(output)
    suffix = path.suffix.lower()
    implied = _format_of_suffix(suffix)
    folder_like = output.endswith(("/", "\\")) or path.is_dir() or not suffix
    if fmt is None:
        if implied is not None:
            return Output(implied, path)
        if folder_like:
            raise click.UsageError(
                f"-o {output}: a folder is written only for --format csv; give a file name "
                f"ending {known}, or add --format csv"
            )
        if suffix == ".csv":
            raise click.UsageError(
                f"-o {output}: CSV tables are written one file each into a folder; give a "
                f"folder, e.g. -o {path.with_suffix('')}-csv --format csv"
            )
        raise click.UsageError(
            f"-o {output}: unknown extension {suffix}; use one of {known}, or a folder with "
            "--format csv"
        )
    if fmt in FOLDER_FORMATS:
        if not folder_like:
            raise click.UsageError(
                f"--format {fmt} writes a folder of tables, but -o {output} names a file; give "
                f"a folder, e.g. -o {path.with_suffix('')}-{fmt}"
            )
        return Output(fmt, path)
    if implied != fmt:
        wanted = FILE_FORMATS[fmt][0]
        raise click.UsageError(
            f"--format {fmt} does not match -o {output}; name the file {path.stem}{wanted}, "
            "or leave out --format to let the extension decide"
        )
    return Output(fmt, path)


def write_documents(report: Report, f: Formatter, target: Output) -> list[Path]:
    """Write the members' report at ``target``, the technical annex and its data beside it.

    ``report.html`` gives ``report.html`` (members' report), ``report-annex.html`` (technical
    annex) and ``report-annex-data/`` (every table and every working as CSV); likewise for PDF.
    Returns the paths written, the members' report first.
    """
    from socialvalue.report import (  # noqa: PLC0415 - the report extra
        render_csv_tables,
        render_html,
        render_members_html,
    )

    path = target.path
    annex = path.with_name(f"{path.stem}-annex{path.suffix}")
    data = path.with_name(f"{path.stem}-annex-data")
    members = render_members_html(report, f, annex_href=annex.name)
    technical = render_html(report, f, members_href=path.name, csv_href=data.name)
    if target.format == "pdf":
        from socialvalue.report import html_to_pdf  # noqa: PLC0415 - the pdf extra

        atomic_write_bytes(path, html_to_pdf(members))  # fails first if the folder is missing
        atomic_write_bytes(annex, html_to_pdf(technical))
    else:
        atomic_write_text(path, members)
        atomic_write_text(annex, technical)
    data.mkdir(exist_ok=True)
    for name, text in render_csv_tables(report, f).items():
        atomic_write_text(data / f"{name}.csv", text)
    return [path, annex, data]
