"""Fuzz every loader with hostile input: only the library's documented errors may come out.

Each test draws :func:`strategies.fuzz_examples` inputs: 200 by default, 1,000 in the ``ci``
profile and 10,000 in the ``deep`` one::

    HYPOTHESIS_PROFILE=deep python -m pytest -p no:cacheprovider -m fuzz tests/test_fuzz.py

One loader at a time, with the number of inputs each drew (see docs/developing.md)::

    HYPOTHESIS_PROFILE=deep nice -n 10 python -m pytest -p no:cacheprovider -q -m fuzz \
        tests/test_fuzz.py -k returns_xlsx --hypothesis-show-statistics

"Documented" means a :class:`~socialvalue.SocialValueError` for files and labels; for
``Money`` (a value type built in code) the ``ValueError`` or ``TypeError`` its docstring names.
A clean returns file must also account for every row: accepted + rejected + blank = rows
written, and each rejected row holds its cells exactly as the file does. Files are written as
bytes and, half the time, mutated (:func:`mutated`): BOMs, odd delimiters and line ends, bad
UTF-8, huge integers, deep nesting, duplicated keys, markup and XML entity declarations, spans
deleted or repeated, the end cut off. Workbooks are written part by part (no openpyxl), so ten
thousand take minutes, and their XML parts are mutated the same way.
"""

import contextlib
import csv
import functools
import io
import json
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

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
from socialvalue.io import (
    dumps,
    import_registry,
    load,
    load_methodology,
    load_registry_csv,
    shipped_framework,
)
from socialvalue.io._methodology import methodology_from_text
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


#: Bytes a hostile file holds: BOMs, odd delimiters and line ends, quotes, bad UTF-8 (a lone
#: surrogate encoded, a stray continuation byte), Unicode digits, huge integers and exponents,
#: deep nesting, duplicated keys, markup and mathtext, formulas and XML entity declarations.
SNIPPETS = [
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\r",
    b"\r\n",
    b"\n\n",
    b";",
    b"\t",
    b"|",
    b",",
    b",,,,,,,,",
    b'"',
    b'""',
    b"'",
    b"=",
    b"-",
    b"+",
    b"- ",
    b"\xc2\xa3",
    b"\xc2\xa3 ",
    b"\xff",
    b"\x80",
    b"\xed\xa0\x80",
    b"\\ud800",
    "\u0661\u0662\u0663".encode(),
    "\uff11\uff12".encode(),
    b"1_000",
    b"9" * 5000,
    b"-" + b"9" * 40,
    b"1e999999",
    b"1e9999999999999999999",
    b"NaN",
    b"[" * 3000,
    b"{" * 3000,
    b"[[" * 200,
    b'{"a":' * 2000,
    b"a = [" * 200,
    b'"measure": "x", "measure": "y", ',
    b'id = "x"\nid = "y"\n',
    b"[x]\n[x]\n",
    b"9999-12-31",
    b"0001-01-01",
    b"2200/01",
    b"[/bold] x",
    b"[link=https://evil.example]x[/link]",
    b"$\\foo$",
    b"<script>",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
    b"&b;",
    b"]]>",
]


@st.composite
def mutated(draw, base: bytes, snippets=SNIPPETS) -> bytes:
    """``base`` with one to three edits: a snippet inserted or written over it, a span deleted or
    repeated, or the end cut off."""
    data = bytearray(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        span = draw(st.integers(min_value=0, max_value=64))
        operation = draw(st.sampled_from(["insert", "replace", "delete", "repeat", "cut"]))
        if operation == "insert":
            data[at:at] = draw(st.sampled_from(snippets))
        elif operation == "replace":
            data[at : at + span] = draw(st.sampled_from(snippets))
        elif operation == "delete":
            del data[at : at + span]
        elif operation == "repeat":
            data[at:at] = data[at : at + span] * draw(st.integers(min_value=2, max_value=50))
        else:
            del data[at:]
    return bytes(data)


def _write(folder: str, name: str, data: bytes) -> Path:
    path = Path(folder) / name
    path.write_bytes(data)
    return path


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


def _csv_bytes(rows, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["measure", "quantity", "period", "project"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@FUZZ
@given(
    returns_rows,
    st.sampled_from([",", ";", "\t", "|"]),
    st.booleans(),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
    st.data(),
)
def test_returns_csv_accounts_for_every_row(rows, delimiter, hostile, encoding, data):
    """Clean files account for every row; mutated bytes raise only documented errors."""
    content = _csv_bytes(rows, delimiter)
    if hostile:
        content = data.draw(mutated(content), label="bytes")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, "r.csv", content)
        try:
            result = read_returns(path, framework=LCRCA, delimiter=delimiter, encoding=encoding)
        except SocialValueError:
            return
        numbers = [row.row for row in result.rejected]
        assert len(set(numbers)) == len(numbers)
        if not hostile and encoding.startswith("utf-8"):
            _account_for_rows(result, rows)


xlsx_values = st.one_of(
    cells,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Returns" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}
#: What a hostile workbook's XML holds besides the bytes of any file.
XML_SNIPPETS = [
    *SNIPPETS,
    b'<c r="XFD1"><v>1</v></c>',
    b'<c r="A1048577"><v>1</v></c>',
    b'<c r="XFE1"><v>1</v></c>',
    b'<c r="B2" t="s"><v>99999999</v></c>',
    b'<c r="B2" t="s"><v>-1</v></c>',
    b'<c r="B2"><v>NaN</v></c>',
    b'<c r="B2"><v>1E+308</v></c>',
    b'<c r="B2"><v>' + b"9" * 5000 + b"</v></c>",
    b'<c r="B2" t="b"><v>2</v></c>',
    b'<c r="B2" t="d"><v>9999-12-31T00:00:00</v></c>',
    b'<c r="B2" t="e"><v>#DIV/0!</v></c>',
    b'<c r="B2"><f>HYPERLINK("http://evil.example")</f></c>',
    b'<c r="B2" t="inlineStr"><is><t>=1+1</t></is></c>',
    b'<row r="5"><c r="A5" t="inlineStr"><is><t>LCR-COM-1</t></is></c></row>',
    b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
    b'<dimension ref="A1:XFD1048576"/>',
    b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    b"<si><t>x</t></si>" * 500,
    b'<sst count="4000000" uniqueCount="4000000">',
    b'<sheet name="Returns" sheetId="2" r:id="rId1"/>',
    b'<sheet name="Chart" sheetId="3" r:id="rId9"/>',
]


def _xlsx_cell(ref: str, value, strings: list[str], inline: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(ILLEGAL_XML.sub("", value))
    if inline:
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    strings.append(text)
    return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'


def _xlsx_parts(rows, *, inline: bool) -> dict[str, bytes]:
    """A workbook's parts as bytes, written directly (no openpyxl: thousands a minute)."""
    strings: list[str] = []
    lines = []
    for number, row in enumerate([["measure", "quantity", "period", "project"], *rows], 1):
        row_cells = "".join(
            _xlsx_cell(f"{'ABCDEFGH'[i]}{number}", value, strings, inline)
            for i, value in enumerate(row)
        )
        lines.append(f'<row r="{number}">{row_cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(lines)}</sheetData></worksheet>"
    )
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
        + "</sst>"
    )
    parts = {name: text.encode() for name, text in _XLSX_PARTS.items()}
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    parts["xl/sharedStrings.xml"] = shared.encode("utf-8")
    return parts


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


#: XML 1.0 cannot hold these characters (a workbook writer drops them too).
ILLEGAL_XML = __import__("re").compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@FUZZ
@given(
    st.lists(st.lists(xlsx_values, min_size=1, max_size=5), min_size=1, max_size=5),
    st.booleans(),
    st.lists(
        st.sampled_from(
            [
                "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet1.xml",
                "xl/sharedStrings.xml",
                "xl/workbook.xml",
                "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels",
            ]
        ),
        max_size=2,
    ),
    st.data(),
)
def test_returns_xlsx_raises_only_documented_errors(rows, inline, targets, data):
    """Workbooks written part by part, some with their XML mutated, a part dropped or a ZIP
    cut short: only documented errors, and clean ones account for every row."""
    pytest.importorskip("openpyxl")
    parts = _xlsx_parts(rows, inline=inline)
    for target in targets:
        if data.draw(st.integers(min_value=0, max_value=9), label="drop") == 0:
            parts.pop(target, None)
        elif target in parts:
            parts[target] = data.draw(mutated(parts[target], XML_SNIPPETS), label=target)
    content = _zip(parts)
    if data.draw(st.integers(min_value=0, max_value=19), label="cut zip") == 0:
        content = data.draw(mutated(content), label="zip bytes")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, "r.xlsx", content)
        try:
            result = read_returns(path, framework=LCRCA)
        except SocialValueError:
            return
        numbers = [row.row for row in result.rejected]
        assert len(set(numbers)) == len(numbers)
        if not targets:
            accounted = len(result.accepted) + len(result.rejected) + result.blank_rows
            assert accounted == len(rows)


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


#: JSON Lines a parser may mishandle: duplicated keys, huge integers and exponents, deep
#: nesting, a BOM, a lone surrogate escape, a top level that is not an object.
JSONL_SPECIALS = [
    '{"measure": "LCR-COM-1", "measure": "LCR-EMP-1", "quantity": "1", "period": "2022/23"}',
    '{"measure": "LCR-COM-1", "quantity": 1' + "0" * 5000 + ', "period": "2022/23"}',
    '{"measure": "LCR-COM-1", "quantity": 1e999999, "period": "2022/23"}',
    '{"measure": "LCR-COM-1", "quantity": 1e9999999999999999999, "period": "2022/23"}',
    '{"measure": "LCR-COM-1", "quantity": -' + "9" * 40 + ', "period": "2022/23"}',
    '{"measure": "LCR-COM-1", "quantity": "-", "period": "2022/23"}',
    '{"measure": "LCR-COM-1", "quantity": "\u00a3", "period": "9999-12-31"}',
    '{"measure": "LCR-COM-1", "quantity": "\u0661", "period": "0001-01-01"}',
    '{"measure": "\ud800", "quantity": "1", "period": "2022/23"}',
    '\ufeff{"measure": "LCR-COM-1", "quantity": "1", "period": "2022/23"}',
    "[" * 100_000,
    '{"a":' * 50_000,
    "[1, 2]",
    '"text"',
    "null",
    "NaN",
    "",
]


@FUZZ
@given(
    st.lists(
        st.one_of(json_trees.map(_jsonl_line), hostile_texts(), st.sampled_from(JSONL_SPECIALS)),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
    st.data(),
)
def test_returns_jsonl_accounts_for_every_line(lines, hostile, data):
    lines = [line.replace("\n", " ").replace("\r", " ").replace("\x00", "") for line in lines]
    text = "\n".join(lines) + "\n"
    content = text.encode("utf-8", "surrogatepass")
    if hostile:
        content = data.draw(mutated(content), label="bytes")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, "r.jsonl", content)
        try:
            result = read_returns(path, framework=LCRCA)
        except SocialValueError:
            return
        numbers = [row.row for row in result.rejected]
        assert len(set(numbers)) == len(numbers)
        if not hostile:
            accounted = len(result.accepted) + len(result.rejected) + result.blank_rows
            assert accounted == len(lines)


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


def _texts(model, fmt: str):
    """Documents of ``model`` in ``fmt`` as bytes: valid ones with hostile parts, wild trees,
    hostile text, deep nesting and huge integers, and any of those with its bytes mutated."""

    def as_json(data) -> str:
        return json.dumps(data, default=str)

    def as_toml(data) -> str:
        tomli_w = pytest.importorskip("tomli_w")
        try:
            return tomli_w.dumps(data) if isinstance(data, dict) else f"x = {json.dumps(data)}"
        except (TypeError, ValueError):
            return json.dumps(data, default=str)

    documents = _documents(model)
    write = as_json if fmt == "json" else as_toml
    specials = (
        [
            "[" * 50_000,
            "{" + '"a":{' * 50_000,
            '{"id": "x", "id": "y"}',
            "1" + "0" * 5000,
            "\ufeff{}",
        ]
        if fmt == "json"
        else ["a = " + "[" * 50_000, "a = " + "9" * 5000, 'id = "x"\nid = "y"', "\ufeffid = 1"]
    )
    texts = st.one_of(
        documents.map(write),
        hostile_texts(surrogates=True),
        st.sampled_from(specials),
    ).map(lambda text: text.encode("utf-8", "surrogatepass"))
    return st.one_of(texts, texts.flatmap(mutated))


METHODOLOGY = default_methodology()
FORMATS = pytest.mark.parametrize("fmt", ["toml", "json"])


@functools.cache
def _document_texts(kind: str, fmt: str):
    model = {"framework": METHODOLOGY.framework, "registry": METHODOLOGY.registries[0]}
    return _texts(model.get(kind, METHODOLOGY), fmt)


@FORMATS
@FUZZ
@given(data=st.data())
def test_framework_documents_raise_only_data_file_errors(fmt, data):
    content = data.draw(_document_texts("framework", fmt), label="file")
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(SocialValueError):
        load(_write(folder, f"f.{fmt}", content), Framework)


@FORMATS
@FUZZ
@given(data=st.data())
def test_registry_documents_raise_only_data_file_errors(fmt, data):
    content = data.draw(_document_texts("registry", fmt), label="file")
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(SocialValueError):
        load(_write(folder, f"r.{fmt}", content), ProxyRegistry)


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
@given(registry_rows, st.booleans(), st.data())
def test_registry_csv_raises_only_data_file_errors(rows, hostile, data):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    content = (registry_header + buffer.getvalue()).encode("utf-8")
    if hostile:
        content = data.draw(mutated(content), label="bytes")
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(SocialValueError):
        load_registry_csv(_write(folder, "r.csv", content), publisher="p", licence="OGL")


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


@functools.cache
def _bundle_files() -> dict[str, bytes]:
    """A methodology bundle whose parts are files beside it (copies of the shipped data)."""
    from importlib import resources

    data = resources.files("socialvalue") / "data"
    files = {
        "framework.toml": (data / "frameworks" / "lcrca.toml").read_bytes(),
        "values.toml": (data / "registries" / "dwp-swap.toml").read_bytes(),
        "prices.toml": (data / "prices" / "gdp-deflator-hmt-2026-03.toml").read_bytes(),
        "discounting.toml": (data / "discounting" / "green-book-2022.toml").read_bytes(),
        "reasons.toml": (data / "unvalued" / "lcrca-open.toml").read_bytes(),
    }
    text = (data / "methodologies" / "lcrca-default.toml").read_text(encoding="utf-8")
    for shipped, local in [
        ('"shipped:lcrca"', '"framework.toml"'),
        ('"shipped:dwp-swap"', '"values.toml"'),
        ('"shipped:gdp-deflator-hmt-2026-03"', '"prices.toml"'),
        ('"shipped:green-book-2022/standard"', '"discounting.toml#standard"'),
        ('"shipped:lcrca-open"', '"reasons.toml"'),
    ]:
        assert shipped in text
        text = text.replace(shipped, local)
    files["methodology.toml"] = text.encode("utf-8")
    return files


#: References a bundle may hold that must be refused without reading: outside its folder,
#: absolute, a device, a folder, too long to be a file name, a missing schedule.
BUNDLE_REFERENCES = [
    b'"../outside.toml"',
    b'"/etc/passwd"',
    b'"/dev/zero"',
    b'"."',
    b'"sub/../../x.toml"',
    b'"' + b"a" * 5000 + b'.toml"',
    b'"discounting.toml#nope"',
    b'"values.toml#x"',
    b'"framework.toml\\u0000"',
    b'"shipped:nope"',
    b'"values.csv"',
]


@FUZZ
@given(
    st.sampled_from(sorted(_bundle_files())),
    st.booleans(),
    st.data(),
)
def test_methodology_bundles_raise_only_data_file_errors(target, text_only, data):
    """A bundle with one of its files (the bundle itself or a part) mutated, or bundle text."""
    files = dict(_bundle_files())
    if text_only:
        files["methodology.toml"] = data.draw(
            _document_texts("methodology", "toml"), label="bundle"
        )
    else:
        files[target] = data.draw(
            mutated(files[target], [*SNIPPETS, *BUNDLE_REFERENCES]), label=target
        )
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder) / "bundle"
        bundle.mkdir()
        (Path(folder) / "outside.toml").write_text('secret = "hunter2"\n', encoding="utf-8")
        for name, content in files.items():
            _write(str(bundle), name, content)
        try:
            load_methodology(bundle / "methodology.toml")
        except SocialValueError as error:
            assert "hunter2" not in str(error)  # noqa: PT017 - any refused file, never echoed


@FORMATS
@FUZZ
@given(data=st.data())
def test_methodology_documents_raise_only_data_file_errors(fmt, data):
    text = data.draw(_document_texts("methodology", fmt), label="text").decode(
        "utf-8", "surrogateescape"
    )
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(SocialValueError):
        methodology_from_text(text, format=fmt, source="m", folder=Path(folder))


def test_fuzz_examples_follow_the_profile(monkeypatch):
    from strategies import fuzz_examples as examples

    monkeypatch.setenv("HYPOTHESIS_PROFILE", "deep")
    assert examples() == 10_000
    monkeypatch.setenv("HYPOTHESIS_PROFILE", "ci")
    assert examples() == 1_000
    assert Decimal(examples()) >= 1_000
