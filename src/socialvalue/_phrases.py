"""The words of a valuation's working as data: a message key and its values, no locale.

A :class:`Phrase` is what a step of the working says (how a figure was rebased, discounted,
adjusted …), kept as the key of a catalogue message and the values that fill its named
placeholders. The valuation stores phrases; whoever shows them picks the locale:
:func:`english` gives the English text (``Step.text``, ``explain()``), and
:func:`socialvalue._display.phrase` fills the template of any locale's catalogue. The English
templates here are part of the library's message catalogue (marked ``N_`` for
``pybabel extract``); the report's :data:`~socialvalue.report.LABELS` carry them as
``phrase_<key>``, the step names as ``step_<name>``.

This module imports nothing heavy: the valuation uses it on every unit value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TypeAlias

import attrs

from socialvalue._marks import N_

__all__ = [
    "DATA_TEXT",
    "PHRASES",
    "STEP_NAMES",
    "Phrase",
    "PhraseValue",
    "data_text",
    "english",
    "fill",
    "phrase",
]

#: The values of a phrase that are text from the data (a methodology's words on why a measure
#: is not valued, a proxy value's unit), shown in the data's translation where there is one,
#: else as written: a report lists them when it has no translation.
DATA_TEXT = frozenset({"words", "unit"})


@attrs.frozen
class Phrase:
    """A message of the working: the key of its template in :data:`PHRASES`, and its values.

    Values are text from the data (shown as written), numbers (``Decimal``, shown to six
    places at most, ``≈`` marking a shortened one), other phrases, or a tuple of phrases
    (joined with ``"; "``).
    """

    key: str
    values: tuple[tuple[str, PhraseValue], ...] = ()


PhraseValue: TypeAlias = "str | int | Decimal | Phrase | tuple[Phrase, ...]"


def phrase(key: str, **values: PhraseValue) -> Phrase:
    """A phrase of the working (``key`` must be one of :data:`PHRASES`)."""
    if key not in PHRASES:
        raise KeyError(f"no phrase {key!r}; the phrases are {', '.join(sorted(PHRASES))}")
    return Phrase(key, tuple(values.items()))


#: The English templates of the working's phrases: part of the message catalogue's source.
PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "rebase_not": N_("none: the methodology keeps values in their own prices"),
        "rebase_same": N_("none needed: already in {base} prices"),
        "rebase": N_("{start} → {end} prices with {index}: {start_index} → {end_index}"),
        "rebase_forecast": N_(
            "{start} → {end} prices with {index}: {start_index} → {end_index} "
            "(uses forecast index points)"
        ),
        "price_year": N_(
            "{year} prices treated as {mapped} prices (the financial year holding 9 of the "
            "calendar year's 12 months): an approximation{size}"
        ),
        "price_year_size": N_(
            "; weighting {before} and {mapped} by months (3:9) puts {year} at index {level}, "
            "which would make the value higher by {size}%"
        ),
        "price_year_size_lower": N_(
            "; weighting {before} and {mapped} by months (3:9) puts {year} at index {level}, "
            "which would make the value lower by {size}%"
        ),
        "price_year_no_size": N_(
            " (its size cannot be estimated: the index does not cover both financial years)"
        ),
        "financial": N_("{measure} is reported in {currency}: each unit is worth 1 {currency}"),
        "record_only": N_("{measure} is record-only: counted and reported, never monetised"),
        "net_of_deadweight": N_("the proxy value is already net of deadweight: not applied again"),
        "adjustment_percent_default": N_("{percent}% (default assumption)"),
        "adjustment_percent_measure": N_("{percent}% (measure assumption)"),
        "adjustment_times_default": N_("× {factor} (default assumption)"),
        "adjustment_times_measure": N_("× {factor} (measure assumption)"),
        "proxy": N_(
            "{measure} on {date}: {value} {currency} per {unit} ({price_year} prices), "
            "{geography}{requested}, valid {validity}; layer {layer}{origin}; source: {source}; "
            "licence: {licence}{verification}{extrapolated}"
        ),
        "proxy_for": N_(" (for {geography})"),
        "proxy_from": N_(" from {origin}"),
        "proxy_verification": N_("; verification: {verification}"),
        "proxy_extrapolated": N_("; EXTRAPOLATED (carried forward past its validity)"),
        "discounting": N_(
            "{years} year(s), drop-off {drop_off}% a year, discounted {to} with {schedule} "
            "({edition}), {convention}{rule}{proxies}: {parts}"
        ),
        "discount_to_base": N_("to the appraisal base year {base}"),
        "discount_no_base": N_("from the outcome's first year (no common base year)"),
        "convention_year_0": N_("year 0 convention"),
        "convention_year_1": N_("year 1 convention"),
        "before_base_compound": N_("; years before the base year compound"),
        "before_base_refuse": N_("; years before the base year refuse"),
        "proxy_each_year": N_("; proxy looked up for each year"),
        "proxy_first_year": N_("; first year's proxy value in every year"),
        "reason_target": N_("a target or forecast, not delivered: kept out of delivered totals"),
        "reason_transfer": N_(
            "a transfer (money or resources moved, not created; Green Book): reported, kept out "
            "of NPSV and the social-value total"
        ),
        "reason_transfer_overlaps": N_(
            "a transfer (money or resources moved, not created; Green Book): reported, kept out "
            "of NPSV and the social-value total; it also overlaps {overlaps}"
        ),
        "reason_overlap_excluded": N_(
            "overlaps {overlaps} delivered in the same {scope} (the framework says they may "
            "count the same activity): excluded from the de-duplicated total"
        ),
        "reason_overlap_kept": N_(
            "overlaps {overlaps} in the same {scope}: counted (policy 'warn')"
        ),
        "reason_target_unvalued": N_(
            "a target or forecast, not delivered: kept out of delivered totals; not valued "
            "either: {reason}"
        ),
        "reason_overlap_unvalued": N_(
            "overlaps {overlaps} in the same {scope}; not valued (no £ to exclude), so its "
            "quantity must not be added to {overlaps}'s"
        ),
        "reason_possible_overlap_valued": N_(
            "may count the same activity as {first} (the framework says they may overlap), "
            "delivered in an overlapping period; not de-duplicated, so it stays in the total: "
            "check the two are different activities"
        ),
        "reason_possible_overlap": N_(
            "may count the same activity as {first} (the framework says they may overlap), "
            "delivered in an overlapping period; not de-duplicated, so its quantity must not be "
            "added to {first}'s"
        ),
        "reason_unvalued_words": N_("{words} ({why})"),
        "no_value_in_registry": N_("no value for {measure} in registry {layers}{hint}"),
        "no_value_hint_values": N_(" (its values are for {measures})"),
        "no_value_hint_more": N_(" (its values are for {measures} … ({n} in all))"),
        "no_value_hint_empty": N_(" (it holds no values)"),
        "no_value_elsewhere": N_(
            "no value for {measure} in {where}; values exist only for {geographies}"
        ),
        "no_value_on": N_("no value for {measure} on {period} in {where}; values cover {covered}"),
        "no_value_where_chain": N_("{geography} (or {chain})"),
        "no_value_covered": N_("{geography} in {layer}: {spans}"),
        "discount_year": N_("{year} (year {offset}): {kept} kept × {factor}"),
        "discount_year_proxy": N_(
            "{year} (year {offset}): proxy {proxy} ({price_year} prices) → {gross}, "
            "{kept} kept × {factor}"
        ),
    }
)

#: The names of the working's steps, in English: part of the message catalogue's source.
STEP_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "proxy": N_("proxy"),
        "derivation": N_("derivation"),
        "financial": N_("financial"),
        "record-only": N_("record-only"),
        "rebase": N_("rebase"),
        "price year": N_("price year"),
        "deadweight": N_("deadweight"),
        "leakage": N_("leakage"),
        "displacement": N_("displacement"),
        "substitution": N_("substitution"),
        "attribution": N_("attribution"),
        "multiplier": N_("multiplier"),
        "persistence and discounting": N_("persistence and discounting"),
    }
)


def _english_number(number: Decimal | int) -> str:
    if isinstance(number, int):
        return str(number)
    shown = number.quantize(Decimal("0.000001")).normalize()
    text = f"{shown:f}"
    return text if shown == number else f"≈{text}"


def fill(
    item: Phrase,
    template: Callable[[str], str],
    number: Callable[[Decimal | int], str],
    data: Callable[[str], str] = str,
) -> str:
    """``item`` in words: its template (``template(key)``), each value filled in turn.

    Numbers are shown by ``number``, the :data:`DATA_TEXT` values by ``data`` (a translation
    of the data's text, where there is one), other text as written.
    """

    def shown(name: str, value: PhraseValue) -> str:
        if isinstance(value, Phrase):
            return fill(value, template, number, data)
        if isinstance(value, tuple):
            return "; ".join(fill(part, template, number, data) for part in value)
        if isinstance(value, str):
            return data(value) if name in DATA_TEXT else value
        return number(value)

    return template(item.key).format(**{name: shown(name, value) for name, value in item.values})


def english(item: Phrase) -> str:
    """``item`` in English, numbers as written (six decimal places at most)."""
    return fill(item, PHRASES.__getitem__, _english_number)


def data_text(item: Phrase) -> tuple[str, ...]:
    """The prose from the data inside ``item`` (its :data:`DATA_TEXT` values, nested too)."""
    found: list[str] = []
    for name, value in item.values:
        if isinstance(value, Phrase):
            found.extend(data_text(value))
        elif isinstance(value, tuple):
            for part in value:
                found.extend(data_text(part))
        elif name in DATA_TEXT and isinstance(value, str):
            found.append(value)
    return tuple(found)
