import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

from socialvalue import (
    Additionality,
    DataFileError,
    Delivery,
    Methodology,
    Money,
    default_methodology,
    load_methodology,
    save_methodology,
    value,
)
from socialvalue.io import methodology_from_text, shipped_registry
from socialvalue.methodology import MeasureAssumption, RoundingPolicy
from socialvalue.money import RoundingMode
from socialvalue.ranges import AssumptionRange, Uncertainty

BAD = sorted((Path(__file__).parent / "data" / "bad_methodologies").glob("*.toml"))
EXAMPLES = Path(__file__).parent.parent / "examples"


def _expected(path):
    return path.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("# expect: ")


def test_default_methodology_is_open_and_pinned():
    methodology = default_methodology()
    assert methodology is default_methodology()
    assert methodology.framework.id == "lcrca"
    assert [r.id for r in methodology.registries] == [
        "desnz-carbon",
        "ons-ashe",
        "dwp-swap",
        "gmca-ucd-skills",
    ]
    assert methodology.price_base.label == "2024/25"
    assert methodology.additionality == Additionality()
    assert methodology.rounding == RoundingPolicy(places=2, mode=RoundingMode.HALF_UP)
    assert len(methodology.content_hash) == 64
    assert str(methodology.ref).startswith("lcrca-default 2026.2 (sha256:")


def test_bundles_round_trip_self_contained(tmp_path):
    methodology = default_methodology()
    for name in ("bundle.toml", "bundle.json"):
        path = tmp_path / name
        save_methodology(methodology, path)
        text = path.read_text()
        assert "shipped:" not in text  # everything written inline
        loaded = load_methodology(path)
        assert loaded == methodology
        assert loaded.content_hash == methodology.content_hash


def test_bundle_references_resolve_next_to_the_file(tmp_path):
    (tmp_path / "values.csv").write_text((EXAMPLES / "partner-values.csv").read_text())
    bundle = tmp_path / "council.toml"
    bundle.write_text(
        'id = "council"\ntitle = "Council"\nversion = "1"\npublisher = "Council"\n'
        'framework = "shipped:lcrca"\nregistries = ["values.csv", "shipped:lcrca-open"]\n'
        'discount_schedule = "shipped:green-book-2022/health"\n'
        '[[assumptions]]\nmeasure = "LCR-COM-1"\nnote = "Our evaluation, 2025"\n'
        '[assumptions.additionality]\ndeadweight = "0.25"\n'
    )
    methodology = load_methodology(bundle)
    assert [r.id for r in methodology.registries] == ["values", "lcrca-open"]
    assert methodology.registries[0].origin == str(tmp_path / "values.csv")
    assert methodology.discount_schedule.id == "health"
    valuation = value(
        Delivery(
            measure="LCR-COM-1", quantity="100", period="2022/23", geography="Liverpool City Region"
        ),
        methodology,
    )
    assert valuation.net == Money("750.00")  # 100 h × £10.00 (synthetic) × (1 − 0.25)
    assert "25% (measure assumption)" in valuation.explain()


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_methodology_bundle(path):
    with pytest.raises(DataFileError) as info:
        load_methodology(path)
    assert _expected(path) in str(info.value), str(info.value)


# --- the content hash changes when, and only when, a result could change ------------------------

NEUTRAL = {
    "title": "Another title",
    "description": "Another description",
    "publisher": "Someone else",
    "version": "99",
    "id": "other-id",
}


@given(st.sampled_from(sorted(NEUTRAL)))
def test_hash_ignores_what_does_not_change_results(field):
    base = default_methodology()
    assert attrs.evolve(base, **{field: NEUTRAL[field]}).content_hash == base.content_hash


def test_hash_ignores_sources_notes_and_licences_of_values():
    base = default_methodology()
    reworded = [
        attrs.evolve(
            registry,
            title="Renamed",
            values=[
                attrs.evolve(v, note="reworded", licence="OGL-UK-3.0") for v in registry.values
            ],
        )
        for registry in base.registries
    ]
    assert attrs.evolve(base, registries=reworded).content_hash == base.content_hash


CHANGES = {
    "deadweight": lambda m: attrs.evolve(m, additionality=Additionality(deadweight="0.1")),
    "assumption": lambda m: attrs.evolve(
        m,
        assumptions=(
            MeasureAssumption(measure="LCR-COM-1", additionality=Additionality(attribution="0.2")),
        ),
    ),
    "price base": lambda m: attrs.evolve(m, price_base="2023/24"),
    "no rebasing": lambda m: attrs.evolve(m, price_base=None),
    "year convention": lambda m: attrs.evolve(m, year_convention="year_1"),
    "appraisal base year": lambda m: attrs.evolve(m, appraisal_base_year="2025/26"),
    "no base year": lambda m: attrs.evolve(m, appraisal_base_year=None),
    "before the base year": lambda m: attrs.evolve(m, before_base_year="refuse"),
    "proxy years": lambda m: attrs.evolve(m, proxy_years="first_year"),
    "transfers": lambda m: attrs.evolve(m, count_transfers=True),
    "overlap policy": lambda m: attrs.evolve(m, overlap_policy="warn"),
    "overlap scope": lambda m: attrs.evolve(m, overlap_scope=("role", "period")),
    "leverage": lambda m: attrs.evolve(m, leverage_measures=()),
    "lookup policy": lambda m: attrs.evolve(m, lookup_policy="carry_forward"),
    "proxy date": lambda m: attrs.evolve(m, proxy_date="end"),
    "rounding": lambda m: attrs.evolve(m, rounding=RoundingPolicy(places=0)),
    "a proxy value": lambda m: attrs.evolve(
        m,
        registries=(
            attrs.evolve(
                m.registries[0],
                values=[
                    attrs.evolve(v, value=v.value + 1) if i == 0 else v
                    for i, v in enumerate(m.registries[0].values)
                ],
            ),
        ),
    ),
    "a validity": lambda m: attrs.evolve(
        m,
        registries=(
            attrs.evolve(
                m.registries[0],
                values=[
                    attrs.evolve(v, valid_to=v.valid_to - dt.timedelta(days=1)) if i == 0 else v
                    for i, v in enumerate(m.registries[0].values)
                ],
            ),
        ),
    ),
    "a proxy range": lambda m: attrs.evolve(
        m,
        registries=(
            attrs.evolve(
                m.registries[0],
                values=[
                    attrs.evolve(v, low=v.value) if i == 0 else v
                    for i, v in enumerate(m.registries[0].values)
                ],
            ),
        ),
    ),
    "a declared range": lambda m: attrs.evolve(
        m, uncertainty=Uncertainty(ranges=[AssumptionRange(factor="deadweight", low=0, high="0.1")])
    ),
    "a layer": lambda m: attrs.evolve(
        m, registries=(attrs.evolve(shipped_registry(), id="copy", values=()), *m.registries)
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_hash_changes_when_results_could(change):
    base = default_methodology()
    assert CHANGES[change](base).content_hash != base.content_hash


def test_hash_is_stable_across_runs():
    # The hash is over canonical JSON of strings and integers only: no floats, no dict order,
    # no platform-dependent text; this literal pins it, so a change to it is deliberate.
    text = (
        Path(__file__).parent.parent / "src/socialvalue/data/methodologies/lcrca-default.toml"
    ).read_text()
    again = methodology_from_text(text, format="toml")
    assert (
        again.content_hash
        == default_methodology().content_hash
        == ("270f768053e99471cc4cd65020e0e9c8e600f4c6288e4d181f3112d706b2728f")
    )
    assert isinstance(again, Methodology)


def test_the_hash_covers_how_figures_group():
    base = default_methodology()
    framework = base.framework
    themes = list(framework.themes)
    themes[0] = attrs.evolve(themes[0], code="LCR-JOBS-RENAMED")
    renamed = attrs.evolve(framework, themes=themes)
    assert attrs.evolve(base, framework=renamed).content_hash != base.content_hash


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
