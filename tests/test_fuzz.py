"""Fuzz every loader with hostile input: only the library's documented errors may come out.

Each test draws :func:`strategies.fuzz_examples` inputs: 200 by default, 1,000 in the ``ci``
profile and 10,000 in the ``deep`` one::

    HYPOTHESIS_PROFILE=deep python -m pytest -p no:cacheprovider -m fuzz tests/test_fuzz.py

"Documented" means a :class:`~socialvalue.SocialValueError` for files and labels; for
``Money`` (a value type built in code) the ``ValueError`` or ``TypeError`` its docstring names.
A returns import must also account for every row: accepted + rejected + blank = rows written,
and each rejected row holds its cells exactly as the file does.
"""

import contextlib
import csv
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from strategies import fuzz_examples, hostile_numbers, hostile_period_labels, hostile_texts

from socialvalue import (
    Framework,
    Money,
    ProxyRegistry,
    SocialValueError,
    default_methodology,
    parse_period,
)
from socialvalue._text import unguard_formula
from socialvalue.io import dumps, import_registry, loads, shipped_framework
from socialvalue.io._methodology import methodology_from_text
from socialvalue.io._registry_csv import registry_from_csv_text
from socialvalue.io._returns import read_returns

pytestmark = pytest.mark.fuzz

LCRCA = shipped_framework()
FUZZ = settings(
    max_examples=fuzz_examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MEASURES = st.sampled_from(["LCR-COM-1", "LCR-PRC-1", "LCR-EMP-1", "NOPE", ""])


def _no_surrogates(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


cells = st.one_of(
    hostile_numbers(),
    hostile_period_labels(),
    hostile_texts().map(_no_surrogates),
    MEASURES,
).map(lambda text: text.replace("\x00", ""))


@FUZZ
@given(st.one_of(hostile_period_labels(), hostile_texts(surrogates=True), hostile_numbers()))
def test_periods_raise_only_period_parse_errors(text):
    try:
        period = parse_period(text)
    except SocialValueError:
        return
    assert parse_period(period.label) == period
    period.financial_quarters()


@FUZZ
@given(st.one_of(hostile_numbers(), hostile_texts(surrogates=True)))
def test_money_raises_only_value_or_type_errors_and_never_later(text):
    try:
        amount = Money(text)
    except (ValueError, TypeError) as error:
        assert str(error).startswith("amount: ")  # noqa: PT017 - any drawn text, one prefix
        return
    operations = (
        lambda: amount + Money("0.01"),
        lambda: -amount,
        lambda: amount * 3,
        lambda: abs(amount) / 7,
    )
    for operation in operations:
        # Arithmetic may leave the declared boundaries (an error that says so), never with a
        # decimal signal such as InvalidOperation or Overflow.
        try:
            operation().quantize(2)
        except ValueError as error:
            assert "too large" in str(error)  # noqa: PT017 - any drawn amount, one reason
    str(amount)


returns_rows = st.lists(
    st.tuples(MEASURES, hostile_numbers(), hostile_period_labels(), cells),
    min_size=1,
    max_size=6,
).map(lambda rows: [[cell.replace("\x00", "") for cell in row] for row in rows])


def _account_for_rows(result, rows) -> None:
    assert len(result.accepted) + len(result.rejected) + result.blank_rows == len(rows)
    for rejected in result.rejected:
        original = rows[rejected.row - 2]
        assert rejected.cells[: len(original)] == tuple(unguard_formula(c) for c in original)


@FUZZ
@given(returns_rows)
def test_returns_csv_accounts_for_every_row(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["measure", "quantity", "period", "project"])
            writer.writerows(rows)
        try:
            result = read_returns(path, framework=LCRCA)
        except SocialValueError:
            return
        # A row whose cells are all blank is a blank row; csv may also fold a lone "" row.
        _account_for_rows(result, rows)


xlsx_values = st.one_of(
    cells,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.none(),
)


@FUZZ
@given(st.lists(st.lists(xlsx_values, min_size=1, max_size=5), min_size=1, max_size=5))
def test_returns_xlsx_raises_only_documented_errors(rows):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Returns")
    sheet.append(["measure", "quantity", "period", "project"])
    for row in rows:
        sheet.append(
            [
                ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
                for value in row
            ]
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.xlsx"
        book.save(path)
        try:
            result = read_returns(path, framework=LCRCA)
        except SocialValueError:
            return
        assert len(result.accepted) + len(result.rejected) + result.blank_rows == len(rows)


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([1e308, -0.0, 0.1]),
    hostile_numbers(),
    hostile_period_labels(),
    hostile_texts(surrogates=True),
)
json_trees = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["measure", "quantity", "period", "note", "id", "themes", "values", "x"]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def _jsonl_line(tree) -> str:
    return json.dumps(tree, default=str)


@FUZZ
@given(st.lists(st.one_of(json_trees.map(_jsonl_line), hostile_texts()), min_size=1, max_size=5))
def test_returns_jsonl_accounts_for_every_line(lines):
    lines = [line.replace("\n", " ").replace("\r", " ").replace("\x00", "") for line in lines]
    text = "\n".join(lines) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.jsonl"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            result = read_returns(path, framework=LCRCA)
        except SocialValueError:
            return
        assert len(result.accepted) + len(result.rejected) + result.blank_rows == len(lines)


def _documents(model):
    """Valid documents of ``model`` with parts replaced by hostile values, and wild trees."""
    base = json.loads(dumps(model, format="json"))

    @st.composite
    def mutated(draw):
        data = json.loads(json.dumps(base))
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            target = data
            while isinstance(target, (dict, list)) and target:
                keys = list(target) if isinstance(target, dict) else list(range(len(target)))
                key = draw(st.sampled_from(keys))
                if not isinstance(target[key], (dict, list)) or draw(st.booleans()):
                    target[key] = draw(json_trees)
                    break
                target = target[key]
        return data

    return st.one_of(mutated(), json_trees)


def _texts(model):
    def as_json(data) -> str:
        return json.dumps(data, default=str)

    def as_toml(data) -> str:
        tomli_w = pytest.importorskip("tomli_w")
        try:
            return tomli_w.dumps(data) if isinstance(data, dict) else f"x = {json.dumps(data)}"
        except (TypeError, ValueError):
            return json.dumps(data, default=str)

    documents = _documents(model)
    return st.one_of(
        documents.map(lambda d: ("json", as_json(d))),
        documents.map(lambda d: ("toml", as_toml(d))),
        hostile_texts().map(lambda t: ("toml", t)),
        st.sampled_from(
            [("json", "[" * 50_000), ("toml", "a = " + "[" * 50_000), ("toml", "a = " + "9" * 5000)]
        ),
    )


METHODOLOGY = default_methodology()


@FUZZ
@given(_texts(METHODOLOGY.framework))
def test_framework_documents_raise_only_data_file_errors(document):
    fmt, text = document
    with contextlib.suppress(SocialValueError):
        loads(text, Framework, format=fmt)


@FUZZ
@given(_texts(METHODOLOGY.registries[0]))
def test_registry_documents_raise_only_data_file_errors(document):
    fmt, text = document
    with contextlib.suppress(SocialValueError):
        loads(text, ProxyRegistry, format=fmt)


registry_header = (
    "code,unit,value,price_year,valid_from,source_title,source_publisher,licence,low,note\n"
)
registry_rows = st.lists(
    st.tuples(
        MEASURES,
        st.sampled_from(["hour", "gbp", "x", ""]),
        hostile_numbers(),
        hostile_period_labels(),
        hostile_period_labels(),
        hostile_texts().map(_no_surrogates),
        st.just("p"),
        st.just("OGL"),
        hostile_numbers(),
        hostile_texts().map(_no_surrogates),
    ),
    min_size=1,
    max_size=5,
)


@FUZZ
@given(registry_rows)
def test_registry_csv_raises_only_data_file_errors(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    with contextlib.suppress(SocialValueError):
        registry_from_csv_text(
            registry_header + buffer.getvalue(),
            source="r.csv",
            id="r",
            title=None,
            version="1",
            publisher="p",
            licence="OGL",
        )


_IMPORT_MAPPING = """\
schema = "socialvalue/registry-import/1"
id = "ours"
title = "Ours"
version = "1"
publisher = "Us"
licence = "Ours"
verification = "primary"
source = {title = "S", publisher = "P"}
columns = {code = "Ref", value = "Value", unit = "Unit", price_year = "Year", \
valid_from = "From", valid_to = "To", low = "Low", source = "Source", note = "Note"}
crosswalk = {id = "w", title = "W", from_scheme = "a", to_scheme = "lcrca", links = [\
{code = "LCR-COM-1", to = "LCR-COM-1"}, {code = "LCR-EMP-1", to = "LCR-EMP-1"}]}
"""
import_rows = st.lists(
    st.tuples(
        MEASURES,
        hostile_numbers(),
        st.sampled_from(["hour", "fte_year", "x", ""]),
        hostile_period_labels(),
        hostile_period_labels(),
        hostile_period_labels(),
        hostile_numbers(),
        hostile_texts().map(_no_surrogates),
        hostile_texts().map(_no_surrogates),
    ).map(lambda row: tuple(cell.replace("\x00", "") for cell in row)),
    min_size=1,
    max_size=5,
)


@FUZZ
@given(import_rows)
def test_registry_import_raises_only_data_file_errors(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [("Ref", "Value", "Unit", "Year", "From", "To", "Low", "Source", "Note"), *rows]
    )
    with tempfile.TemporaryDirectory() as folder:
        values = Path(folder) / "values.csv"
        values.write_text(buffer.getvalue(), encoding="utf-8")
        mapping = Path(folder) / "mapping.toml"
        mapping.write_text(_IMPORT_MAPPING, encoding="utf-8")
        with contextlib.suppress(SocialValueError):
            import_registry(values, mapping=mapping, framework=LCRCA, strict=False)


@FUZZ
@given(_texts(METHODOLOGY))
def test_methodology_documents_raise_only_data_file_errors(document):
    fmt, text = document
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(SocialValueError):
        methodology_from_text(text, format=fmt, source="m", folder=Path(folder))


def test_fuzz_examples_follow_the_profile(monkeypatch):
    from strategies import fuzz_examples as examples

    monkeypatch.setenv("HYPOTHESIS_PROFILE", "deep")
    assert examples() == 10_000
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "ci")
    assert examples() == 1_000
    assert Decimal(examples()) >= 1_000
