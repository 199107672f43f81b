"""A supplier return template: an XLSX workbook to fill in, which imports back cleanly.

The workbook has:

* **Returns** — the rows to fill in: a heading per column, dropdowns for the measure codes, the
  periods, the units and yes/no, an input message on each column, and text formatting on the
  code and period columns so a spreadsheet does not turn ``2024/25`` or ``1-2`` into a date;
* **Guidance** — how to fill it in, and each measure's title, unit and counting rules;
* **Commitments** — the contract's commitments, pre-listed (when there are any);
* **Lists** — the dropdowns' values (hidden).

:func:`~socialvalue.io.read_returns` reads the **Returns** sheet and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from socialvalue.commitments import Commitment, check_commitments
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.framework import Framework, Measure
from socialvalue.io._atomic import atomic_path
from socialvalue.io._columns import REQUIRED_COLUMNS, RETURN_COLUMNS, column_letter
from socialvalue.io._optional import require_openpyxl
from socialvalue.io._xlsx import as_number, check_text
from socialvalue.periods import AnyPeriod, FinancialQuarter, parse_period

__all__ = ["TEMPLATE_COLUMNS", "make_template"]

#: The columns of a template's Returns sheet, in order (a subset of ``RETURN_COLUMNS``).
TEMPLATE_COLUMNS: tuple[str, ...] = (
    "measure",
    "quantity",
    "unit",
    "period",
    "reporter",
    "contract",
    "project",
    "geography",
    "evidence",
    "note",
    "correction",
)

_PROMPTS = {
    "measure": "A measure code from the list (see the Guidance sheet).",
    "quantity": "The number only, in the measure's unit: 1,250 or 12.5. £ only for £ measures.",
    "unit": "Optional. If given, it must be the measure's unit.",
    "period": "A period from the list, or another such as 2024/25 Q3.",
    "reporter": "Who reports the figure: your organisation.",
    "contract": "The contract the figure was delivered under.",
    "project": "Optional: the project or programme.",
    "geography": "Where it was delivered (UK if left empty).",
    "evidence": "References to the evidence, one a line (Alt+Enter for a new line).",
    "note": "Optional: how the figure was counted, caveats.",
    "correction": "yes if this row corrects an earlier return (only a correction may be negative).",
    "role": "Optional: the authority role the value was created in.",
    "tags": "Optional labels, one a line.",
    "id": "Optional: your own reference for the row.",
}
_WIDTHS = {"measure": 14, "quantity": 12, "unit": 11, "period": 14, "evidence": 30, "note": 40}
_TEXT_COLUMNS = frozenset(RETURN_COLUMNS) - {"quantity"}


_QUARTERS = (
    "Financial quarters: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March."
)
_NO_FORMULAS = (
    "Do not merge cells, and type values rather than formulas: a formula is never calculated "
    "on import, and merged cells are rejected."
)
_CHECKED = (
    "Every row is checked on import; a row with a problem is returned to you with the reasons."
)


def _heading(column: str) -> str:
    return column.capitalize()


def _periods(
    periods: Iterable[AnyPeriod | str] | None, commitments: Sequence[Commitment]
) -> list[AnyPeriod]:
    if periods is not None:
        chosen = [parse_period(p) if isinstance(p, str) else p for p in periods]
    else:
        quarters: set[FinancialQuarter] = set()
        for commitment in commitments:
            window = commitment.window
            if window is not None:
                quarters.update(window.financial_quarters())
        chosen = sorted(quarters)
    if not chosen:
        raise ValidationError(
            [
                Problem(
                    "periods",
                    "give the periods to offer (--period on the command line), or commitments "
                    "with start and due dates",
                )
            ],
            subject="options",
        )
    return list(dict.fromkeys(chosen))


def _measures(
    framework: Framework, measures: Iterable[str] | None, commitments: Sequence[Commitment]
) -> list[Measure]:
    wanted = set(framework.measure_codes() if measures is None else measures)
    wanted.update(c.measure for c in commitments if c.measure is not None)
    for code in sorted(wanted):
        if code not in framework:
            raise UnknownCodeError("measure", code, list(framework.measure_codes()))
    return [measure for measure in framework.measures() if measure.code in wanted]


def _contract(contract: str | None, commitments: Sequence[Commitment]) -> str | None:
    if contract is not None:
        return contract
    named = {c.contract for c in commitments if c.contract}
    return named.pop() if len(named) == 1 else None


def make_template(  # noqa: PLR0913 - keyword-only options of one template
    path: str | os.PathLike[str],
    *,
    framework: Framework,
    contract: str | None = None,
    commitments: Iterable[Commitment] = (),
    periods: Iterable[AnyPeriod | str] | None = None,
    measures: Iterable[str] | None = None,
    columns: Sequence[str] = TEMPLATE_COLUMNS,
    rows: int = 500,
    title: str | None = None,
) -> None:
    """Write a supplier return template for a contract (XLSX), atomically.

    Args:
        path: The ``.xlsx`` file to write.
        framework: The measures, their units and counting rules come from it.
        contract: The contract returned against; by default the one the commitments share.
        commitments: The contract's commitments, pre-listed on their own sheet.
        periods: The periods offered in the dropdown; by default the financial quarters the
            commitments span (from start to due date).
        measures: The measure codes offered; by default every measure of the framework (and
            always the commitments' measures).
        columns: The columns of the Returns sheet (any of ``RETURN_COLUMNS``; must include
            measure, quantity and period).
        rows: How many rows the dropdowns cover.
        title: The title shown on the Guidance sheet.

    Raises:
        MissingExtraError: the ``xlsx`` extra is not installed.
        ValidationError: commitments that do not fit the framework.
        UnknownCodeError: a measure the framework does not define.
        ValueError: no periods to offer, or columns that are not returns columns.
    """
    openpyxl = require_openpyxl()
    listed = list(commitments)
    check_commitments(listed, framework)
    unknown = [column for column in columns if column not in RETURN_COLUMNS]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if unknown or missing or len(set(columns)) != len(columns):
        raise ValueError(
            f"columns: expected distinct columns of {', '.join(RETURN_COLUMNS)} including "
            f"{', '.join(REQUIRED_COLUMNS)}; got {', '.join(columns)}"
        )
    if rows < 1:
        raise ValueError(f"rows: expected at least 1, got {rows}")
    offered = _measures(framework, measures, listed)
    chosen = _periods(periods, listed)
    contract = _contract(contract, listed)

    book = openpyxl.Workbook()
    returns = book.active
    returns.title = "Returns"
    guidance = book.create_sheet("Guidance")
    commitments_sheet = book.create_sheet("Commitments") if listed else None
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"

    ranges = _write_lists(lists, offered, chosen, framework, contract)
    _write_returns(returns, list(columns), ranges, rows, contract)
    _write_guidance(
        guidance,
        framework,
        offered,
        title=title or "Social value return",
        contract=contract,
        columns=list(columns),
    )
    if commitments_sheet is not None:
        _write_commitments(commitments_sheet, listed, framework)
    book.properties.title = title or "Social value return"
    book.properties.creator = "socialvalue"
    with atomic_path(path) as temp:
        book.save(temp)


def _put(sheet: Any, row: int, column: int, value: object, **style: Any) -> Any:  # noqa: ANN401
    """Write a cell: text always as text (never a formula), exact numbers as numbers."""
    if isinstance(value, Decimal):
        number = as_number(value)
        value = number if number is not None else f"{value:f}"
    if isinstance(value, str):
        why = check_text(value)
        if why is not None:
            raise ValueError(f"cannot write {value[:40]!r} to the template: it holds {why}")
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value:
        cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _write_lists(
    sheet: Any,  # noqa: ANN401 - an openpyxl worksheet
    measures: list[Measure],
    periods: list[AnyPeriod],
    framework: Framework,
    contract: str | None,
) -> dict[str, str]:
    units = list(dict.fromkeys(measure.unit for measure in measures))
    columns: dict[str, list[str]] = {
        "measure": [measure.code for measure in measures],
        "period": [period.label for period in periods],
        "unit": units,
        "correction": ["yes", "no"],
        "contract": [contract] if contract else [],
        "role": list(framework.dimension_codes("role") or ()),
    }
    ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        _put(sheet, 1, index, name)
        for row, value in enumerate(values, start=2):
            _put(sheet, row, index, value)
        if values:
            letter = column_letter(index - 1)
            ranges[name] = f"'Lists'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _write_returns(
    sheet: Any,  # noqa: ANN401 - an openpyxl worksheet
    columns: list[str],
    ranges: dict[str, str],
    rows: int,
    contract: str | None,
) -> None:
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415 - optional dependency
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    last = rows + 1
    for index, column in enumerate(columns):
        letter = column_letter(index)
        _put(sheet, 1, index + 1, _heading(column), font=bold, fill=fill)
        dimension = sheet.column_dimensions[letter]
        dimension.width = _WIDTHS.get(column, 18)
        if column in _TEXT_COLUMNS:
            dimension.number_format = "@"  # keep 2024/25 and codes as typed
        strict = column in ("measure", "unit", "correction", "role")
        source = ranges.get(column)
        prompt = _PROMPTS.get(column, "")
        if column == "contract" and contract:
            prompt = f"The contract: {contract}."
        validation = DataValidation(
            type="list" if source else None,
            formula1=source,
            allow_blank=True,
            showDropDown=False,
            showInputMessage=True,
            promptTitle=_heading(column),
            prompt=prompt,
            showErrorMessage=bool(source),
            errorStyle="stop" if strict else "warning",
            errorTitle=_heading(column),
            error=(
                "Choose a value from the list."
                if strict
                else "This is not one of the listed values; keep it only if you are sure."
            ),
        )
        validation.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(validation)
        if column == "contract" and contract:
            # Pre-filled on every row; import treats a row holding only its contract as blank.
            for row in range(2, last + 1):
                _put(sheet, row, index + 1, contract)
    sheet.freeze_panes = "A2"


def _write_guidance(  # noqa: PLR0913 - the parts of one sheet
    sheet: Any,  # noqa: ANN401 - an openpyxl worksheet
    framework: Framework,
    measures: list[Measure],
    *,
    title: str,
    contract: str | None,
    columns: list[str],
) -> None:
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415 - optional dependency

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        (title, Font(bold=True, size=14)),
        (f"Framework: {framework.title} (id {framework.id}, version {framework.version})", None),
        (f"Contract: {contract}" if contract else "Contract: (not stated)", None),
        ("", None),
        ("How to fill in the Returns sheet", bold),
        ("One row for each measure and period. Leave rows you do not use empty.", None),
    ]
    lines.extend((f"{_heading(column)}: {_PROMPTS.get(column, '')}", None) for column in columns)
    lines.extend(
        [
            (_QUARTERS, None),
            (_NO_FORMULAS, None),
            (_CHECKED, None),
            ("", None),
            ("Measures", bold),
        ]
    )
    for row, (text, font) in enumerate(lines, start=1):
        if text:
            _put(sheet, row, 1, text, **({"font": font} if font else {}))
    header_row = len(lines) + 1
    headings = ["Code", "Title", "Unit", "Unit name", "Valued as", "Guidance", "Counting rules"]
    widths = [14, 40, 11, 14, 12, 60, 60]
    for index, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
        _put(sheet, header_row, index, heading, font=bold)
        sheet.column_dimensions[column_letter(index - 1)].width = width
    for row, measure in enumerate(measures, start=header_row + 1):
        unit = framework.unit(measure.unit)
        values = [
            measure.code,
            measure.title,
            unit.code,
            unit.label,
            measure.valuation.value.replace("_", "-"),
            measure.guidance,
            "\n".join(measure.counting_rules),
        ]
        for index, value in enumerate(values, start=1):
            _put(sheet, row, index, value, alignment=wrap)


def _write_commitments(sheet: Any, commitments: list[Commitment], framework: Framework) -> None:  # noqa: ANN401
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415 - optional dependency

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    headings = ["Id", "Title", "Measure", "Target", "Unit", "Start", "Due", "Contract", "Owner"]
    widths = [22, 40, 14, 10, 11, 12, 12, 14, 20]
    for index, (heading, width) in enumerate(zip(headings, widths, strict=True), start=1):
        _put(sheet, 1, index, heading, font=bold)
        sheet.column_dimensions[column_letter(index - 1)].width = width
    for row, commitment in enumerate(commitments, start=2):
        unit = framework.measure(commitment.measure).unit if commitment.measure is not None else ""
        values: list[object] = [
            commitment.id,
            commitment.title,
            commitment.measure or "",
            commitment.target,
            unit,
            commitment.start.isoformat() if commitment.start else "",
            commitment.due.isoformat() if commitment.due else "",
            commitment.contract or "",
            commitment.owner,
        ]
        for index, value in enumerate(values, start=1):
            if value is not None and value != "":
                _put(sheet, row, index, value, alignment=wrap)
    sheet.freeze_panes = "A2"
