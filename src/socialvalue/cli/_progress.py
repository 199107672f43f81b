"""Progress on standard error while a command reads, checks and values: rows, and rows a second.

Drawn only when standard error is a terminal and ``--no-progress`` is not given, so that
output redirected to a file or read by another program never holds progress text. The bar
appears once 1,000 rows are read (10,000 deliveries valued) or, for a file read in one go,
when the file is large; it is cleared when the step ends, so what a command prints is the same
with or without it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress as RichProgress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

__all__ = ["Progress", "progress_shown"]

#: A file read in one go (a delivery set) shows a spinner from this size, in bytes.
SPINNER_FROM_BYTES = 1_000_000


def progress_shown(*, quiet: bool) -> bool:
    """Whether to draw progress: standard error is a terminal and it was not turned off."""
    return not quiet and sys.stderr.isatty()


class Progress:
    """The progress of one command: callbacks for readers and :func:`value_many`, and spinners.

    With ``shown`` false every method still works and draws nothing.
    Use it in a ``with`` block so the display is cleared before the command prints.
    """

    def __init__(self, *, shown: bool) -> None:
        self.shown = shown
        self._display: RichProgress | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Clear the display (if one was drawn)."""
        if self._display is not None:
            self._display.stop()
            self._display = None

    def _start(self) -> RichProgress:
        if self._display is None:
            self._display = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                _CountColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                # what the command writes to standard output goes there, never into the bar
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._display.start()
        return self._display

    def counter(
        self,
        description: str,
        *,
        total: int | None = None,
        unit: str = "rows",
        show_from: int = 1000,
    ) -> Callable[[int], None] | None:
        """A callback for a reader's or :func:`value_many`'s ``progress``; ``None`` if not shown.

        Args:
            description: What is being done (``reading returns.csv``); shown as text.
            total: How many there will be, if known (a bar fills); else the bar pulses.
            unit: What is counted.
            show_from: Nothing is drawn before this count (a small job shows no bar).
        """
        if not self.shown:
            return None
        task: TaskID | None = None

        def report(done: int) -> None:
            nonlocal task
            if task is None and done < show_from:
                return
            display = self._start()
            if task is None:
                task = display.add_task(description, total=total, unit=unit)
            display.update(task, completed=done)

        return report

    @contextmanager
    def spinner(self, description: str, *, size: int) -> Iterator[None]:
        """A spinner (and the time taken) for a step that reports no counts, if ``size`` is large.

        Args:
            description: What is being done; shown as text.
            size: The size of the file being read, in bytes: below
                :data:`SPINNER_FROM_BYTES` nothing is drawn.
        """
        if not self.shown or size < SPINNER_FROM_BYTES:
            yield
            return
        display = self._start()
        task = display.add_task(description, total=None, unit="")
        try:
            yield
        finally:
            display.remove_task(task)


class _CountColumn(ProgressColumn):
    """How many so far, and how many a second (over the last few seconds)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit", "")
        if not unit:
            return Text("")
        speed = task.finished_speed or task.speed
        rate = "" if speed is None else f", {speed:,.0f} {unit}/s"
        return Text(f"{task.completed:,.0f} {unit}{rate}")
