"""Values by derivation, shown (issue #15): the DIG-1 device-carbon derivation is the test case.

The figures are the research notes' illustration (not shipped): a 0.17 kg phone donated in 2023,
replacing a new one: 0.17 × 24,865.48 kg CO2e/t ÷ 1000 ÷ 1000 × £264.93/tCO2e (DESNZ carbon value
for 2023, 2022 prices) = £1.119893974788, "about £1.12".
"""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from socialvalue import (
    DataFileError,
    Delivery,
    ProxyRegistry,
    Source,
    ValidationError,
    default_methodology,
    value,
)
from socialvalue.derived import (
    Derivation,
    DerivationError,
    DerivationInput,
    DerivationStep,
    derive,
    derived_proxy,
)
from socialvalue.io import load_derivation, shipped_derivation
from socialvalue.provenance import Verification
from socialvalue.proxies import NoProxyValueError

US = Source(title="Our device donations", publisher="A council")


def test_the_shipped_derivation_has_no_default_mass():
    derivation = shipped_derivation()
    assert derivation.measure == "LCR-DIG-1"
    assert derivation.given_inputs() == ("mass_kg", "displacement_share")
    assert derivation.input("mass_kg").value is None
    with pytest.raises(DerivationError, match=r"give mass_kg .*it has no default"):
        derive(derivation, registry=default_methodology().registry, on=dt.date(2023, 6, 1))


def test_a_phone_in_2023_to_the_penny():
    derived = derive(
        shipped_derivation(),
        given={"mass_kg": "0.17", "displacement_share": "1"},
        registry=default_methodology().registry,
        on=dt.date(2023, 6, 1),
    )
    assert derived.value == Decimal("1.119893974788")
    assert derived.value.quantize(Decimal("0.01")) == Decimal("1.12")
    assert derived.price_base.label == "2022"
    assert derived.verification is Verification.SECONDARY
    assert derived.lines[-1] == (
        "LCR-DIG-1 = mass_kg (0.17) × factor_kgco2e_per_tonne (24865.48) ÷ kg_per_tonne (1000) "
        "÷ kg_per_tonne (1000) × carbon_value (264.93) × displacement_share (1) = 1.119893974788"
    )
    assert any("kilograms in a tonne; definition" in line for line in derived.lines)
    assert any("264.93 GBP per tco2e" in line for line in derived.lines)


def test_a_derived_proxy_shows_its_derivation_in_the_valuation():
    methodology = default_methodology()
    derived = derive(
        shipped_derivation(),
        given={"mass_kg": "1.5", "displacement_share": "0.5"},
        registry=methodology.registry,
        on=dt.date(2023, 6, 1),
    )
    proxy = derived_proxy(derived, source=US)
    assert (proxy.valid_from, proxy.valid_to) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert proxy.verification is Verification.SECONDARY
    registry = ProxyRegistry(
        id="devices",
        title="Devices",
        version="1",
        publisher="Us",
        licence="OGL-UK-3.0",
        values=[proxy],
    )
    ours = attrs.evolve(methodology, registries=(registry, *methodology.registries))
    valuation = value(Delivery(measure="LCR-DIG-1", quantity="40", period="2023/24 Q1"), ours)
    text = valuation.explain(places=2)
    assert "derivation: derived: mass_kg = 1.5 kg" in text
    assert "× displacement_share (0.5) = " in text
    # 1.5 × 24865.48 / 10^6 × 264.93 × 0.5 = 4.94064...; × 40 devices, before rebasing.
    assert derived.value == Decimal("1.5") * Decimal("24865.48") / 1000000 * Decimal(
        "264.93"
    ) * Decimal("0.5")


def test_no_lookup_without_a_registry_and_no_value_for_a_missing_year():
    given = {"mass_kg": "1", "displacement_share": "1"}
    with pytest.raises(DerivationError, match="pass a registry and a date"):
        derive(shipped_derivation(), given=given)
    with pytest.raises(NoProxyValueError):
        derive(
            shipped_derivation(),
            given=given,
            registry=default_methodology().registry,
            on=dt.date(2060, 1, 1),
        )
    with pytest.raises(DerivationError, match="colour cannot be given"):
        derive(shipped_derivation(), given={**given, "colour": "1"})


def _derivation(**changes):
    fields = {
        "id": "d",
        "title": "D",
        "measure": "M-1",
        "unit": "count",
        "start": "a",
        "steps": [DerivationStep(op="subtract", input="b"), DerivationStep(op="divide", input="b")],
        "inputs": [
            DerivationInput(name="a", what="A", value="10", definition=True),
            DerivationInput(name="b", what="B"),
        ],
        "price_base": "2024/25",
        "licence": "OGL-UK-3.0",
    }
    fields.update(changes)
    return Derivation(**fields)


def test_left_to_right_with_four_operations_only():
    assert derive(_derivation(), given={"b": "4"}).value == Decimal("1.5")  # (10 - 4) / 4
    with pytest.raises(DerivationError, match="b is zero"):
        derive(_derivation(), given={"b": "0"})
    with pytest.raises(ValueError, match="'power' is not a valid Operation"):
        DerivationStep(op="power", input="b")
    # Only named inputs: no expression is ever parsed.
    with pytest.raises(ValueError, match="not an input name"):
        DerivationStep(op="add", input="__import__('os')")


def test_an_unsourced_figure_and_bad_names_are_refused():
    with pytest.raises(ValueError, match="needs its source, licence and verification"):
        DerivationInput(name="f", what="F", value="2")
    with pytest.raises(ValidationError) as caught:
        _derivation(
            steps=[DerivationStep(op="add", input="c")],
            inputs=[
                DerivationInput(name="a", what="A", value="1", definition=True),
                DerivationInput(name="b", what="B"),
            ],
            price_base=None,
        )
    messages = [problem.message for problem in caught.value.problems]
    assert "'c' is not one of the inputs" in messages
    assert "'b' is never used" in messages
    assert any("state the price year" in message for message in messages)


def test_a_derivation_file_is_checked(tmp_path):
    path = tmp_path / "d.toml"
    path.write_text(
        'schema = "socialvalue/derivation/1"\nid = "d"\ntitle = "D"\nmeasure = "M"\n'
        'unit = "count"\nlicence = "OGL-UK-3.0"\nstart = "a"\nprice_base = "2024/25"\n'
        'steps = [{ op = "multiply", input = "a", colour = "red" }]\n'
        '[[inputs]]\nname = "a"\nwhat = "A"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="colour"):
        load_derivation(path)
