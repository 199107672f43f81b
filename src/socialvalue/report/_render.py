"""The Jinja2 environment both HTML documents share: templates and stylesheet from the package."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from socialvalue.report._extras import require
from socialvalue.report._format import Formatter

__all__ = ["render_template", "stylesheet"]


def _source(name: str) -> str:
    return (resources.files("socialvalue.report") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def stylesheet() -> str:
    """The shared stylesheet: screen from 320 px wide, and print (A4, page numbers)."""
    return _source("style.css")


def _environment() -> Any:  # noqa: ANN401 - a jinja2.Environment
    jinja2: Any = require("jinja2", "report")  # checked on every render: it may be missing
    return _made(jinja2)


@functools.cache
def _made(jinja2: Any) -> Any:  # noqa: ANN401 - the jinja2 module, and its Environment
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def render_template(name: str, f: Formatter, **context: object) -> str:
    """Render one of the package's templates for ``f``'s locale.

    Raises:
        MissingExtraError: Jinja2 is not installed (``socialvalue[report]``).
    """
    from socialvalue import __version__  # noqa: PLC0415 - the lazy attribute of the package

    html: str = (
        _environment()
        .get_template(name)
        .render(lang=f.locale.split("_")[0], version=__version__, css=stylesheet(), f=f, **context)
    )
    return html
