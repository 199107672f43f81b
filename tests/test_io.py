"""Every model round-trips through JSON and TOML unchanged."""

import datetime as dt
import json
import os
import stat
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st
from strategies import any_periods, deliveries, frameworks, measures, money, sources, units

from socialvalue import (
    DataFileError,
    FinancialQuarter,
    FinancialYear,
    Framework,
    Measure,
    Money,
    Period,
    Source,
    Unit,
    load_framework,
)
from socialvalue.framework import Crosswalk
from socialvalue.io import (
    atomic_write_text,
    dumps,
    loads,
    save_framework,
    shipped_framework,
    structure,
    unstructure,
)
from socialvalue.periods import AnyPeriod


@pytest.mark.parametrize("fmt", ["json", "toml"])
@given(data=st.data())
def test_models_round_trip(fmt, data):
    strategy, cls = data.draw(
        st.sampled_from(
            [
                (money(), Money),
                (units(), Unit),
                (sources(), Source),
                (measures(), Measure),
                (st.builds(Crosswalk, scheme=st.just("ocds"), code=st.just("x.y")), Crosswalk),
            ]
        )
    )
    obj = data.draw(strategy)
    assert loads(dumps(obj, format=fmt), cls, format=fmt) == obj


@pytest.mark.parametrize("fmt", ["json", "toml"])
@given(framework=frameworks())
def test_frameworks_round_trip(fmt, framework):
    assert loads(dumps(framework, format=fmt), Framework, format=fmt) == framework


@given(any_periods())
def test_periods_round_trip_as_labels(period):
    text = dumps(period, format="json")
    assert json.loads(text) == period.label
    assert loads(text, AnyPeriod, format="json") == period  # type: ignore[arg-type]
    assert loads(text, type(period), format="json") == period


def test_a_period_of_the_wrong_kind_is_refused():
    from socialvalue import DataFileError

    with pytest.raises(
        DataFileError, match="'2022/23 Q1' is a FinancialQuarter, expected a FinancialYear"
    ):
        structure("2022/23 Q1", FinancialYear)
    assert structure("2022/23 Q1", FinancialQuarter) == FinancialQuarter(2022, 1)


def test_decimals_are_written_as_strings_and_read_exactly():
    assert unstructure(Money("12.34")) == {"amount": "12.34"}
    assert loads('{"amount": 12.34}', Money, format="json").amount == Decimal("12.34")
    assert loads("amount = 0.1", Money, format="toml").amount == Decimal("0.1")


def test_dates_are_iso_strings_and_toml_dates_are_accepted():
    source = Source(title="T", publisher="P", published=dt.date(2023, 6, 9))
    assert unstructure(source)["published"] == "2023-06-09"
    text = 'title = "T"\npublisher = "P"\npublished = 2023-06-09\n'
    assert loads(text, Source, format="toml") == source


def test_defaults_are_left_out_of_files():
    assert unstructure(Money("1")) == {"amount": "1"}
    assert "schema" in unstructure(shipped_framework())


def test_save_and_load_framework_files(tmp_path):
    framework = shipped_framework()
    for name in ("lcrca.toml", "lcrca.json"):
        path = tmp_path / name
        save_framework(framework, path)
        assert load_framework(path) == framework
    assert not list(tmp_path.glob(".*.tmp"))


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")

    with pytest.raises(TypeError):
        atomic_write_text(path, 42)  # type: ignore[arg-type]
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_period_in_a_document():
    assert structure("2022-04-01..2022-04-30", Period) == Period(
        dt.date(2022, 4, 1), dt.date(2022, 4, 30)
    )


@given(st.lists(deliveries(), max_size=5))
def test_generated_deliveries_round_trip(batch):
    from socialvalue import DeliverySet

    document = DeliverySet(title="generated", deliveries=batch)
    for fmt in ("json", "toml"):
        assert loads(dumps(document, format=fmt), DeliverySet, format=fmt) == document


def test_deliveries_round_trip():
    from socialvalue import Delivery, DeliverySet
    from socialvalue.io import example_deliveries

    batch = example_deliveries()
    for fmt in ("json", "toml"):
        assert loads(dumps(batch, format=fmt), DeliverySet, format=fmt) == batch
    one = Delivery(
        measure="M1",
        quantity="-1.5",
        period="2022-04-01",
        correction=True,
        evidence=["invoice 12"],
        tags=["q1"],
        role="employer",
    )
    assert loads(
        dumps(DeliverySet(title="t", deliveries=[one]), format="toml"), DeliverySet, format="toml"
    ).deliveries == (one,)


def test_writes_say_why_they_failed_and_keep_ordinary_permissions(tmp_path):
    with pytest.raises(DataFileError, match="cannot write the file"):
        atomic_write_text(tmp_path / "missing" / "r.md", "x")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    with pytest.raises(DataFileError, match="cannot write the file"):
        atomic_write_text(folder, "x")
    existing = tmp_path / "shared.md"
    existing.write_text("old")
    existing.chmod(0o644)
    atomic_write_text(existing, "new")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o644
    fresh = tmp_path / "fresh.md"
    atomic_write_text(fresh, "new")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
