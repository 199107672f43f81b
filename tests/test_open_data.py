"""Provenance of everything shipped: each value names its source, licence, price year and how it
was verified, and only openly licensed data ships (issue #15).

The checks read the raw TOML, not the loaded models, so a key left out of a file (which a model
would fill with a default such as ``verification = "unverified"``) is caught.
"""

import csv
import io
import re
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import pytest

from socialvalue import Delivery, ValidationError, default_methodology, value, value_many
from socialvalue.io import (
    MERGED_REGISTRIES,
    SHIPPED_REGISTRIES,
    example_deliveries,
    shipped_registry,
)

DATA = resources.files("socialvalue") / "data"

#: Licences shipped data may carry: Open Government Licence, Creative Commons Attribution, public
#: domain. Anything else (CC BY-NC-ND, "all rights reserved", "quoted fact") fails.
ALLOWED_LICENCE = re.compile(r"^(OGL-UK-3\.0|CC-BY-4\.0|public domain)(\b|$)")
SHIPPED_VERIFICATION = {"primary", "secondary"}
VALUE_FOLDERS = ("registries", "prices", "discounting", "wellbeing", "derivations")


def _files(folder):
    base = DATA / folder
    if not base.is_dir():
        return []
    return sorted(
        (item for item in base.iterdir() if item.name.endswith(".toml")), key=lambda i: i.name
    )


def _shipped_files():
    return [item for folder in VALUE_FOLDERS for item in _files(folder)]


def _licences(text):
    """The licences a licence string names: its parts split at ``;`` outside brackets
    (``"CC-BY-4.0 (the workbook); OGL-UK-3.0 (the rate; line not seen)"`` names two)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [part.strip() for part in [*parts, text[start:]]]


def _allowed(item):
    return isinstance(item, str) and all(ALLOWED_LICENCE.match(part) for part in _licences(item))


def licence_problems(data, where=""):
    """Every ``licence`` key anywhere in a parsed file that is outside the allow-list (each
    licence of a string naming several)."""
    if isinstance(data, dict):
        for key, item in data.items():
            path = f"{where}.{key}" if where else key
            if key == "licence" and not _allowed(item):
                yield f"{path}: licence {item!r} is not OGL, CC BY or public domain"
            else:
                yield from licence_problems(item, path)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from licence_problems(item, f"{where}[{i}]")


def value_problems(values):
    """Every registry value lacking a source (title, publisher, address), licence, price year
    or verification tag, or carrying a tag that must not ship."""
    for i, entry in enumerate(values):
        where = f"values[{i}] ({entry.get('measure')})"
        for key in ("licence", "price_base", "verification", "source", "value", "unit"):
            if key not in entry:
                yield f"{where}: no {key}"
        source = entry.get("source", {})
        for key in ("title", "publisher", "url"):
            if not source.get(key):
                yield f"{where}: source has no {key}"
        if entry.get("verification", "primary") not in SHIPPED_VERIFICATION:
            yield f"{where}: verification {entry['verification']!r} must not ship"


def test_the_checks_catch_a_value_without_provenance():
    bad = [
        {
            "measure": "X-1",
            "unit": "hour",
            "value": "1",
            "licence": "CC BY-NC-ND 4.0",
            "source": {"title": "A bank"},
        }
    ]
    assert list(value_problems(bad)) == [
        "values[0] (X-1): no price_base",
        "values[0] (X-1): no verification",
        "values[0] (X-1): source has no publisher",
        "values[0] (X-1): source has no url",
    ]
    assert list(licence_problems({"values": bad})) == [
        "values[0].licence: licence 'CC BY-NC-ND 4.0' is not OGL, CC BY or public domain"
    ]
    # A string naming several licences is checked licence by licence (the first only, before).
    second = {"licence": "CC-BY-4.0 (a workbook); CC BY-NC-ND 4.0 (a bank; terms seen)"}
    (problem,) = licence_problems(second)
    assert problem.endswith(
        "CC BY-NC-ND 4.0 (a bank; terms seen)' is not OGL, CC BY or public domain"
    )
    both = "CC-BY-4.0 (GMCA, line seen); OGL-UK-3.0 (DfE, as normally published; line not seen)"
    assert list(licence_problems({"licence": both})) == []
    assert list(value_problems([{**bad[0], "verification": "unverified"}]))[-1] == (
        "values[0] (X-1): verification 'unverified' must not ship"
    )


@pytest.mark.parametrize("item", _files("registries"), ids=lambda item: item.name)
def test_every_shipped_value_has_source_licence_price_year_and_tag(item):
    data = tomllib.loads(item.read_text(encoding="utf-8"))
    assert data["values"], item.name
    assert list(value_problems(data["values"])) == []


@pytest.mark.parametrize("item", _shipped_files(), ids=lambda item: item.name)
def test_only_open_licences_ship(item):
    data = tomllib.loads(item.read_text(encoding="utf-8"))
    if item.parent.name != "discounting":  # rates only: the schedule model has no licence field
        assert "licence" in data, f"{item.name} names no licence"
    assert list(licence_problems(data)) == []


def test_every_registry_file_is_listed_and_loads():
    assert {item.name for item in _files("registries")} == set(SHIPPED_REGISTRIES.values())
    for name in (*SHIPPED_REGISTRIES, *MERGED_REGISTRIES):
        assert shipped_registry(name).values, name


def test_no_licensed_framework_values_ship():
    text = "\n".join(item.read_text(encoding="utf-8") for item in _shipped_files()).lower()
    for word in ("national toms", "hact", "social value bank", "nc-nd"):
        for line in text.splitlines():
            # The headers may say these values are never shipped; no value may cite them.
            if word in line:
                assert line.lstrip().startswith("#"), line


def test_default_methodology_layers_one_registry_per_family_without_gross_wages():
    methodology = default_methodology()
    assert [r.id for r in methodology.registries] == [
        "desnz-carbon",
        "ons-ashe",
        "dwp-swap",
        "gmca-ucd-skills",
    ]
    assert "ons-ashe-earnings" not in {r.id for r in methodology.registries}
    for measure in ("LCR-EMP-1", "LCR-EMP-2", "LCR-INV-1"):
        assert measure not in methodology.registry.measures()


#: Employment and local spend: no open benchmark nets them down, and the Green Book 2026 says to
#: assume full displacement of jobs and not to count multipliers (research findings-3.md).
_JOBS_AND_SPEND = {
    "LCR-EMP-1": "8.41",
    "LCR-EMP-2": "8.41",
    "LCR-INV-1": "8.41",
    "LCR-SPD-1": "6.43",
    "LCR-SPD-2": "6.43",
}


def test_jobs_and_local_spend_stay_unvalued_by_default_and_the_main_job_says_why():
    methodology = default_methodology()
    reasons = {r.measure: r for r in methodology.unvalued_reasons.reasons}
    for measure, paragraph in _JOBS_AND_SPEND.items():
        assert measure not in methodology.registry.measures()
        # No additionality is invented for them: the default states none, per measure or overall.
        assert methodology.additionality_for(measure) == (methodology.additionality, "default")
        assert paragraph in reasons[measure].evidence, measure
    batch = value_many(example_deliveries(), methodology, unvalued="report")
    said = {g.key.measure: g.reason for g in batch.unvalued}
    for measure in ("LCR-EMP-1", "LCR-EMP-2", "LCR-INV-1"):  # the ones in the example
        assert said[measure].startswith(reasons[measure].reason), measure
        assert "Green Book" in said[measure]


def test_the_main_job_total_and_what_it_values():
    batch = value_many(example_deliveries(), default_methodology(), unvalued="report")
    # Volunteering (£241,795.20), 10 SWAP completers × £1,400 (DWP, net of deadweight, 2022/23)
    # and 11 apprenticeship starts × £645.072 (2010/11 prices, gmca-ucd-skills: £11,039.24 once
    # rebased and compounded), all compounded forward from 2022/23 to the 2024/25 appraisal base
    # year (× 1.071225); the donations, in-kind gifts, training and funding attracted are
    # transfers (#13). It was £2,693,507.91 before #13 (transfers counted, no common base year)
    # and £256,792.35 before LCR-SKL-1 was valued (#15).
    assert str(batch.total_present_value().quantize(2).amount) == "267831.59"
    proxied = {
        g.key.measure for g in batch.groups if g.unit.lookup is not None and g.unit.monetised
    }
    assert proxied == {"LCR-COM-1", "LCR-SKL-1", "LCR-SKL-6"}


@pytest.mark.parametrize(
    ("period", "amount", "extrapolated"),
    [
        ("2022/23", "14.72", False),
        ("2023/24", "14.72", True),  # no open April 2023 median: 2022/23 carried forward
        ("2024/25", "14.72", True),
        ("2025/26", "17.96", False),  # ONS, Low and high pay in the UK: 2025
    ],
)
def test_volunteering_is_valued_by_default_and_carry_forward_says_so(period, amount, extrapolated):
    valuation = value(
        Delivery(measure="LCR-COM-1", quantity="10", period=period), default_methodology()
    )
    assert str(valuation.unit.lookup.value.value) == amount
    assert valuation.unit.extrapolated is extrapolated
    assert ("EXTRAPOLATED" in valuation.explain()) is extrapolated


def test_only_the_measures_a_methodology_names_are_carried_forward():
    methodology = default_methodology()
    assert methodology.carry_forward == ("LCR-COM-1",)
    later = Delivery(measure="LCR-SKL-6", quantity="1", period="2026/27")
    batch = value_many([later], methodology, unvalued="report")
    assert "no value for LCR-SKL-6 on 2026-09-30" in batch.unvalued[0].reason
    with pytest.raises(ValidationError, match=r"carry_forward\[0\]: LCR-SKL-3 is not a proxy"):
        attrs.evolve(methodology, carry_forward=["LCR-SKL-3"])


def test_gaps_say_why_in_plain_words_and_only_for_measures_without_any_value():
    methodology = default_methodology()
    deliveries = [
        Delivery(measure="LCR-SPD-1", quantity="1000", period="2022/23"),
        Delivery(measure="LCR-ENV-2", quantity="1", period="2060/61"),  # a date gap, not a gap
    ]
    batch = value_many(deliveries, methodology, unvalued="report")
    spend, carbon = batch.unvalued
    assert spend.reason.startswith("Money spent locally is recorded in pounds")
    assert "(no value for LCR-SPD-1 in registry desnz-carbon" in spend.reason
    assert carbon.reason.startswith("no value for LCR-ENV-2 on 2060-09-30")
    without = attrs.evolve(methodology, unvalued_reasons=None)
    assert (
        value_many(deliveries[:1], without, unvalued="report")
        .unvalued[0]
        .reason.startswith("no value for LCR-SPD-1")
    )


def test_no_shipped_text_quotes_a_national_toms_figure():
    """The LCR-EDI-1 evidence quoted the LCRCA report's National TOMs figure (£404 an employee):
    a licensed (CC BY-NC-ND) value, in shipped data, though no calculation used it."""
    for folder in (*VALUE_FOLDERS, "unvalued", "methodologies", "frameworks", "examples"):
        for item in _files(folder):
            assert "£404" not in item.read_text(encoding="utf-8"), item.name


# --- examples and docs ship values too ------------------------------------------------------------

ROOT = Path(__file__).parent.parent
#: ``licence="…"`` (Python) or ``licence = "…"`` (TOML) anywhere in an example or a page.
LICENCE_SETTING = re.compile(r"""\blicence\s*=\s*(["'])(.*?)\1""")
#: A fenced block in a page (possibly indented, inside a list item): its language and its body.
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
#: A registry's own licence may defer to its values'; it then names no licence to check.
DEFERS = "see each value"
#: An import mapping names the licence a user holds for values the user supplies; it ships no
#: value, so its licence (National TOMs, say) is the user's, and is not checked here.
IMPORT_MAPPING = 'schema = "socialvalue/registry-import/1"'


def _csv_licences(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    if rows and {"value", "licence"} <= set(rows[0]):
        yield from ((f"row {i}", row["licence"]) for i, row in enumerate(rows, start=2))


def _code_licences(text):
    if IMPORT_MAPPING in text:
        return
    for found in LICENCE_SETTING.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        yield f"line {line}", found.group(2)


def shipped_example_licences(path):
    """Every licence a value (or a registry) is given in one example or documentation file, as
    (where, licence) pairs."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        yield from _csv_licences(text)
    elif path.suffix in (".py", ".toml"):
        yield from _code_licences(text)
    elif path.suffix == ".md":
        for block in FENCE.finditer(text):
            body = "\n".join(line.removeprefix(block.group(1)) for line in block[3].splitlines())
            reader = _csv_licences if block.group(2) == "csv" else _code_licences
            at = text.count("\n", 0, block.start()) + 1
            yield from ((f"block at line {at}, {where}", item) for where, item in reader(body))


def _example_files():
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.is_file())
    return [*examples, *sorted((ROOT / "docs").glob("*.md"))]


def test_the_example_licence_check_catches_a_non_open_value(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Text.\n\n  ```pycon\n  >>> sv.ProxyValue(licence='CC BY-NC-ND 4.0', value='1')\n  ```\n"
        '```toml\nlicence = "see each value"\n[[values]]\nlicence = "OGL-UK-3.0"\n```\n'
        "```csv\ncode,value,licence\nX,1,quoted from a public report\n```\n",
        encoding="utf-8",
    )
    found = [item for _, item in shipped_example_licences(page)]
    assert found == [
        "CC BY-NC-ND 4.0",
        "see each value",
        "OGL-UK-3.0",
        "quoted from a public report",
    ]
    bad = [item for item in found if item != DEFERS and not _allowed(item)]
    assert bad == ["CC BY-NC-ND 4.0", "quoted from a public report"]
    table = tmp_path / "values.csv"
    table.write_text("code,value,licence\nX,1,OGL-UK-3.0\nY,2,CC BY-NC-ND 4.0\n", encoding="utf-8")
    assert list(shipped_example_licences(table)) == [
        ("row 2", "OGL-UK-3.0"),
        ("row 3", "CC BY-NC-ND 4.0"),
    ]


@pytest.mark.parametrize("path", _example_files(), ids=lambda path: path.name)
def test_examples_and_docs_ship_only_openly_licensed_values(path):
    """A value quoted from a public report keeps its licence: an example or a page may carry only
    open values (OGL, CC BY, public domain — a synthetic value is the project's own, public
    domain); a user's licensed set is loaded by the user, never shipped."""
    problems = [
        f"{path.name}, {where}: licence {item!r} is not OGL, CC BY or public domain"
        for where, item in shipped_example_licences(path)
        if item != DEFERS and not _allowed(item)
    ]
    assert problems == []
