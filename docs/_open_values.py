"""Write docs/open-values.md from the shipped data: ``python docs/_open_values.py``.

The page is generated, never edited by hand: ``tests/test_open_values_page.py`` fails when the
committed page and the data differ, and says to run this script.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from socialvalue import default_methodology
from socialvalue.framework import ValuationKind
from socialvalue.io import (
    MERGED_REGISTRIES,
    SHIPPED_DERIVATIONS,
    SHIPPED_PRICE_INDICES,
    SHIPPED_REGISTRIES,
    shipped_derivation,
    shipped_framework,
    shipped_price_index,
    shipped_registry,
    shipped_unvalued_reasons,
    shipped_wellby,
)
from socialvalue.proxies import ProxyRegistry, ProxyValue

PAGE = Path(__file__).with_name("open-values.md")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _range(value: ProxyValue) -> str:
    if value.low is None and value.high is None:
        return "—"
    return f"{value.low if value.low is not None else '—'}–{value.high or '—'}"


def _validity(value: ProxyValue) -> str:
    end = value.valid_to.isoformat() if value.valid_to else "open"
    return f"{value.valid_from.isoformat()} to {end}"


def _bullets(lines: Iterable[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def _registry(registry: ProxyRegistry, *, default: bool) -> list[str]:
    status = (
        "layered in the default methodology"
        if default
        else "**opt-in**: not in the default methodology"
    )
    out = [
        f"### `{registry.id}`: {registry.title}",
        "",
        f"Version {registry.version}, {status}. Licence: {registry.licence}.",
        "",
        " ".join(registry.description.split()),
        "",
        "| measure | valid | value | low–high | per | prices | net of deadweight | verification |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    out.extend(
        f"| {v.measure} | {_validity(v)} | {v.currency} {v.value} | {_range(v)} | {v.unit} | "
        f"{v.price_base.label} | {'yes' if v.net_of_deadweight else 'no'} | "
        f"{v.verification.value} |"
        for v in registry.values
    )
    sources: dict[str, set[str]] = {}
    for v in registry.values:
        sources.setdefault(v.source.cite(), set()).add(v.licence)
    out += ["", "Sources:", ""]
    out += _bullets(f"{cite} — licence: {'; '.join(sorted(lic))}" for cite, lic in sources.items())
    # Notes that differ only in the year they name are shown once, with "<year>".
    notes: dict[str, list[ProxyValue]] = {}
    for v in registry.values:
        notes.setdefault(_YEAR.sub("<year>", v.note), []).append(v)
    out += ["", "Notes and caveats:", ""]
    for note, group in notes.items():
        if not note.strip():
            continue
        if len(group) == 1:
            where = f"{group[0].measure} {_validity(group[0])}"
            note = group[0].note
        else:
            end = group[-1].valid_to.isoformat() if group[-1].valid_to else "open"
            where = (
                f"{group[0].measure}, {len(group)} values from "
                f"{group[0].valid_from.isoformat()} to {end}"
            )
        out += _bullets([f"*{where}*: {note}"])
    return [*out, ""]


def render() -> str:
    """The page, from the data."""
    methodology = default_methodology()
    framework = shipped_framework()
    default_ids = [layer.id for layer in methodology.registries]
    proxied = [m.code for m in framework.measures() if m.valuation is ValuationKind.PROXY]
    by_default = [code for code in proxied if code in methodology.registry.measures()]
    opt_in = sorted(
        {
            code
            for name in SHIPPED_REGISTRIES
            if name not in default_ids
            for code in shipped_registry(name).measures()
            if code not in by_default
        }
    )
    reasons = shipped_unvalued_reasons()
    lines = [
        "# Open values",
        "",
        "<!-- Generated from the shipped data by docs/_open_values.py: do not edit by hand. -->",
        "",
        "Every value the package ships, with its evidence and caveats. Verification tags: "
        "`primary` — read in the publisher's own document; `secondary` — read only where another "
        "public source quotes or transcribes it; `unverified` values are never shipped (a test "
        "fails if one is). Only openly licensed data ships (OGL, CC BY, public domain; a test "
        "checks every licence); National TOMs, HACT Social Value Bank and other NC/ND values "
        "never do — load yours with `socialvalue registry import` ([Bring your own licensed "
        "set](open-data.md#bring-your-own-licensed-set)).",
        "",
        "## Coverage of the LCRCA framework",
        "",
        f"The framework has {len(proxied)} measures valued by a proxy. The default methodology "
        f"(`{methodology.id}` {methodology.version}) layers "
        + ", ".join(f"`{i}`" for i in default_ids)
        + f" and values {len(by_default)} of them: {', '.join(by_default)}.",
        "",
        "Carried forward past their last value, and marked EXTRAPOLATED in every result: "
        + (", ".join(methodology.carry_forward) or "none")
        + ".",
        "",
        "Opt-in registries add "
        + (", ".join(opt_in) if opt_in else "nothing")
        + " (see each registry for why it is opt-in). The former combined registry "
        + ", ".join(f"`{name}` = {' + '.join(parts)}" for name, parts in MERGED_REGISTRIES.items())
        + " is kept by name.",
        "",
        "Measures with no value by default, and why, in plain words:",
        "",
        "| measure | why |",
        "| --- | --- |",
    ]
    lines += [
        f"| {code} | {_cell(reasons.reason(code) or '')} |"
        for code in proxied
        if code not in by_default and reasons.reason(code)
    ]
    lines += ["", "## Proxy registries", ""]
    for name in sorted(SHIPPED_REGISTRIES, key=lambda n: (n not in default_ids, n)):
        lines += _registry(shipped_registry(name), default=name in default_ids)
    wellby = shipped_wellby()
    lines += [
        "## The WELLBY value",
        "",
        f"`{wellby.id}`: {wellby.title}. {wellby.currency} {wellby.value} per WELLBY "
        f"(range {wellby.low}–{wellby.high}), {wellby.price_base.label} prices; uprating "
        f"elasticity {wellby.uprating_elasticity}; verification {wellby.verification.value}; "
        f"licence {wellby.licence}. Source: {wellby.source.cite()}.",
        "",
        wellby.note,
        "",
        "## Derivations",
        "",
    ]
    for name in SHIPPED_DERIVATIONS:
        derivation = shipped_derivation(name)
        lines += [
            f"### `{derivation.id}`: {derivation.title}",
            "",
            f"For {derivation.measure} (per {derivation.unit}): "
            f"`{derivation.formula()}`. {derivation.note}",
            "",
            "| input | what | value | evidence |",
            "| --- | --- | --- | --- |",
        ]
        for item in derivation.inputs:
            if item.given:
                value, evidence = "given by you", item.note or "no default"
            elif item.from_measure is not None:
                value, evidence = f"the {item.from_measure} value", "looked up on the date"
            elif item.definition:
                value, evidence = f"{item.value} {item.unit}", "definition"
            else:
                cite = item.source.cite() if item.source else ""
                tag = item.verification.value if item.verification else ""
                value = f"{item.value} {item.unit}"
                evidence = f"{cite}; licence {item.licence}; {tag}"
            lines.append(f"| {item.name} | {_cell(item.what)} | {_cell(value)} | {_cell(evidence)} |")
        lines.append("")
    lines += ["## Price indices", ""]
    for name in SHIPPED_PRICE_INDICES:
        index = shipped_price_index(name)
        lines += _bullets(
            [
                f"`{index.id}`: {index.title}, {index.bounds}; licence {index.licence}; "
                f"verification {index.verification.value}. {index.note}".rstrip()
            ]
        )
    return "\n".join([*lines, ""])


def main() -> int:
    """Write the page; with ``--check``, exit 1 if it is out of date instead."""
    text = render()
    if "--check" in sys.argv[1:]:
        return 0 if PAGE.read_text(encoding="utf-8") == text else 1
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
