"""Edge cases found in review: each once a wrong number, a lost delivery or a traceback."""

import os
import stat
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from test_valuation import PLAIN, proxy, registry

from socialvalue import (
    DataFileError,
    Delivery,
    Money,
    Rollup,
    ValidationError,
    default_methodology,
    load_methodology,
    value_many,
)
from socialvalue.cli import main
from socialvalue.io import atomic_write_text, example_deliveries
from socialvalue.proxies import GeographyLink, NoProxyValueError
from socialvalue.report import Formatter


def test_a_year_outside_the_price_index_is_reported_not_raised():
    late = [Delivery(measure="LCR-COM-2", quantity="100", period="2031/32")]
    batch = value_many(late, default_methodology(), unvalued="report")
    assert "cannot restate 2031/32 prices" in batch.unvalued[0].reason
    with pytest.raises(ValidationError, match="2031/32 is not in gdp-deflator"):
        value_many(late, default_methodology())


def test_financial_amounts_take_their_price_year_from_the_proxy_date_rule():
    strict = attrs.evolve(default_methodology(), proxy_date="period")
    two_years = [Delivery(measure="LCR-COM-2", quantity="100", period="2021-08-01..2023-07-31")]
    batch = value_many(two_years, strict, unvalued="report")
    assert "spans the financial years 2021/22 to 2023/24" in batch.unvalued[0].reason
    middle = value_many(two_years, default_methodology())
    # priced at the middle of the period (2022-07-31, in 2022/23): 100 × 100 / 91.2996 (a
    # donation is a transfer: valued and listed, kept out of the counted total)
    (group,) = middle.groups
    assert group.gross is not None
    assert group.gross.quantize(2) == Money("109.53")
    assert middle.total_gross() == Money("0")


def test_a_local_value_starting_mid_period_is_not_skipped():
    reg = registry(
        proxy("LCR-COM-1", "hour", "10", start=(2018, 4, 1), geography="UK"),
        proxy("LCR-COM-1", "hour", "12", start=(2022, 5, 1), geography="England"),
    )
    with pytest.raises(
        NoProxyValueError, match="2022/23 spans more than one value of LCR-COM-1 in England"
    ):
        reg.lookup(
            "LCR-COM-1", Delivery(measure="x", quantity=0, period="2022/23").period, "England"
        )


def test_rollups_count_what_they_could_not_value():
    rolled = Rollup.of(example_deliveries(), default_methodology(), ("role",), unvalued="report")
    assert rolled.total().count + rolled.unvalued == len(example_deliveries())
    assert rolled.merge(rolled).unvalued == 2 * rolled.unvalued


def test_the_hash_covers_how_figures_group():
    base = default_methodology()
    framework = base.framework
    themes = list(framework.themes)
    themes[0] = attrs.evolve(themes[0], code="LCR-JOBS-RENAMED")
    renamed = attrs.evolve(framework, themes=themes)
    assert attrs.evolve(base, framework=renamed).content_hash != base.content_hash


@pytest.mark.parametrize("quantity", ["1E+30", "1" * 29, "0." + "1" * 21])
def test_quantities_beyond_exact_arithmetic_are_refused(quantity):
    with pytest.raises(ValueError, match="too large"):
        Delivery(measure="LCR-COM-1", quantity=quantity, period="2022/23")


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


def test_report_to_a_bad_path_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["report", "-o", str(tmp_path / "missing" / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "cannot write the file" in err
    assert "Traceback" not in err


def test_a_hash_in_the_bundle_folder_is_not_a_schedule_separator(tmp_path):
    folder = tmp_path / "we#ird"
    folder.mkdir()
    shipped = Path(__file__).parent.parent / "src/socialvalue/data/discounting/green-book-2022.toml"
    (folder / "gb.toml").write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    bundle = folder / "m.toml"
    bundle.write_text(
        'id = "m"\ntitle = "m"\nversion = "1"\npublisher = "p"\nframework = "shipped:lcrca"\n'
        'registries = ["shipped:lcrca-open"]\ndiscount_schedule = "gb.toml#health"\n'
    )
    assert load_methodology(bundle).discount_schedule.id == "health"


def test_explain_period_selects_deliveries_within_it(capsys):
    assert main(["explain", "LCR-COM-2", "--period", "2022/23"]) == 0
    out = capsys.readouterr().out
    assert "LCR-COM-2: 10000 in 2022/23" in out  # Housing Retrofit Programme
    assert "× 300 →" in out  # Headbolt Lane Station
    assert "2021-08-01..2023-07-31" not in out  # AEB's two years are not within 2022/23


def test_negative_amounts_format_consistently():
    f = Formatter()
    assert f.money(Money("-2500000")) == "-£2,500,000.00"
    assert f.compact(Money("-2500000")) == "-£2.5 million"
    assert f.money(Money("-0.004")) == "£0.00"


def test_geography_chain_is_cached_per_stack():
    reg = registry(proxy("LCR-COM-1", "hour", "10"))
    stack = reg.layered_over(registry(proxy("LCR-COM-1", "hour", "9"), id="base"))
    assert stack.geography_chain("Liverpool City Region") is stack.geography_chain(
        "Liverpool City Region"
    )
    assert GeographyLink(code="A").parent is None
    assert Decimal(1) == Decimal("1.0")
    assert PLAIN.id == "test"
