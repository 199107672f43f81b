"""Policy on evidence: a minimum verification level, and how much rests on each level."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from socialvalue import (
    Delivery,
    Money,
    ProxyRegistry,
    ProxyValue,
    Source,
    ValidationError,
    default_methodology,
    value_many,
)
from socialvalue.evidence import meets, total_by_verification, weakest
from socialvalue.io import dumps, example_deliveries, loads
from socialvalue.methodology import Methodology
from socialvalue.money import sum_money
from socialvalue.provenance import Verification


def _registry(verification):
    return ProxyRegistry(
        id="council",
        title="Council values",
        version="1",
        publisher="Council",
        licence="OGL-UK-3.0",
        values=[
            ProxyValue(
                measure="LCR-SPD-1",
                unit="gbp",
                value="0.5",
                price_base="2024/25",
                valid_from=dt.date(2020, 4, 1),
                source=Source(title="Our study", publisher="Council"),
                licence="OGL-UK-3.0",
                verification=verification,
            )
        ],
    )


def test_levels_are_ordered():
    assert meets(Verification.PRIMARY, Verification.SECONDARY)
    assert not meets(Verification.SECONDARY, Verification.PRIMARY)
    assert weakest([Verification.PRIMARY, Verification.UNVERIFIED]) is Verification.UNVERIFIED
    with pytest.raises(ValueError, match="at least one"):
        weakest([])


def test_a_methodology_refuses_unverified_values_naming_each():
    base = default_methodology()
    layered = attrs.evolve(base, registries=(_registry("unverified"), *base.registries))
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(layered, minimum_verification="secondary")
    assert len(caught.value.problems) == 1
    assert str(caught.value) == (
        "methodology 'lcrca-default': registries[0].values[0].verification: LCR-SPD-1 (UK, "
        "valid 2020-04-01..) in registry 'council' is unverified; this methodology requires at "
        "least secondary"
    )
    # Without the policy (the default) the same layering is accepted.
    assert layered.minimum_verification is None


def test_the_policy_travels_in_the_file_and_the_hash():
    base = default_methodology()
    strict = attrs.evolve(base, minimum_verification="secondary")
    assert strict.content_hash != base.content_hash
    again = loads(dumps(strict, format="toml"), Methodology, format="toml")
    assert again.minimum_verification is Verification.SECONDARY
    assert again.content_hash == strict.content_hash


def test_how_much_rests_on_each_level_adds_up_exactly():
    base = default_methodology()
    methodology = attrs.evolve(base, registries=(_registry("unverified"), *base.registries))
    deliveries = [
        *example_deliveries(),
        Delivery(measure="LCR-SPD-1", quantity="600", period="2022/23"),
    ]
    batch = value_many(deliveries, methodology, unvalued="report")
    parts = batch.total_by_verification()
    # No "reported" part: the amounts reported in pounds are transfers (#13), in no total.
    assert list(parts) == ["secondary", "unverified"]
    # £300 of 2022/23 compounded forward to the 2024/25 base year: × 1.035² exactly.
    assert parts["unverified"] == Money("300") * Decimal("1.071225")
    assert parts["secondary"] == sum_money(
        g.present_value
        for g in batch.groups
        if g.key.measure in ("LCR-COM-1", "LCR-SKL-1", "LCR-SKL-6")
    )
    assert sum_money(parts.values()) == batch.total_present_value()
    gross = total_by_verification(batch, field="gross")
    assert sum_money(gross.values()) == batch.total_gross()
