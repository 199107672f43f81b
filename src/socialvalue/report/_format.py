"""Presentation of a report for one locale: its labels, and its figures rounded with one policy.

The figures are formatted by :mod:`socialvalue._display` (the package's one place for display:
Babel, rounding once with an explicit mode, ``decimal_quantization=False``); a
:class:`Formatter` binds a locale, a :class:`~socialvalue.RoundingPolicy` and the report's
labels to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from socialvalue import _display
from socialvalue._catalogue import N_, Np_, plural_sample, translations as translations_of
from socialvalue.exceptions import UnknownCodeError
from socialvalue.methodology import RoundingPolicy
from socialvalue.money import Money

__all__ = ["LABELS", "SUPPORTED_LOCALES", "Formatter"]


#: The report's own words, in English: the message catalogue's source. A pair has a plural
#: form. Extract with ``pybabel extract -F babel.cfg -k N_ -k Np_:1,2``; translations live in
#: ``socialvalue/locale/<locale>/LC_MESSAGES/socialvalue.po`` (compiled to ``.mo``).
_MESSAGES: Mapping[str, str | tuple[str, str]] = MappingProxyType(
    {
        "report": N_("Social Value Report"),
        "methodology": N_("Methodology"),
        "headlines": N_("Headline figures"),
        "total_present_value": N_("Total social value (present value)"),
        "gross": N_("Gross value"),
        "net": N_("Net value"),
        "present_value": N_("Present value"),
        "by_role": N_("Social value by role"),
        "by_theme": N_("Social value by theme"),
        "by_measure": N_("Social value by measure"),
        "role": N_("Role"),
        "theme": N_("Theme"),
        "measure": N_("Measure"),
        "quantity": N_("Quantity"),
        "carried_forward": N_("Of which valued with a value carried forward"),
        "unit": N_("Unit"),
        "deliveries": N_("Deliveries"),
        "total": N_("Total"),
        "recorded": N_("Counted, not monetised"),
        "not_valued": N_("Not valued"),
        "reason": N_("Reason"),
        "indicators": N_("Indicators"),
        "commitments": N_("Commitments"),
        "status": N_("Status"),
        "notes": N_("Notes on method"),
        "appendix": N_("Appendix: how each figure was obtained"),
        "period": N_("Period"),
        "prices": N_("Prices"),
        "rounding_note": N_(
            "Figures are rounded for presentation; totals are rounded from unrounded sums, "
            "so rounded rows may not add to the rounded total."
        ),
        "reconcile": N_(
            "Rows shown add to {shown}; the total of the unrounded figures is {total}."
        ),
        "generated": N_("Generated"),
        "chart_role": N_("Present value by role"),
        "chart_theme": N_("Present value by theme"),
        "see": N_("see"),
        "projects": N_("Projects"),
        "evidence": N_("Evidence"),
        "title": N_("Title"),
        "id": N_("Id"),
        "none": N_("(none)"),
        "more_evidence": N_("… {n} more"),
        "deliveries_count": Np_(
            "{n} delivery",
            "{n} deliveries",
        ),
        # Quantities in the standard units, by the unit's code: plurals by the catalogue.
        "quantity_fte_year": Np_("{n} FTE-year", "{n} FTE-years"),
        "quantity_hour": Np_("{n} hour", "{n} hours"),
        "quantity_day": Np_("{n} day", "{n} days"),
        "quantity_week": Np_("{n} week", "{n} weeks"),
        "quantity_tco2e": Np_("{n} tonne CO2e", "{n} tonnes CO2e"),
        "indicator_contracts_with_social_value": N_("Contracts in scope that include social value"),
        "basis_contracts_with_social_value": N_(
            "{numerator_measures} ÷ {denominator_measure}: {numerator} of {denominator}"
        ),
        "indicator_local_spend_share": N_(
            "Spend with local and community suppliers, share of spend"
        ),
        "basis_local_spend_share": N_(
            "{numerator_measures} ({numerator}) ÷ total spend ({denominator})"
        ),
        "indicator_sroi": N_("SROI ratio, {subject}"),
        "basis_sroi": N_("present value {numerator} ÷ inputs {denominator}"),
        "note_methodology": N_(
            "Every figure is valued with the methodology {methodology}: {title}."
        ),
        "note_prices": N_("Amounts are in {price_base} prices, restated with {index}."),
        "note_no_additionality": N_(
            "No additionality assumptions are applied (no deadweight, displacement, "
            "leakage, substitution or attribution): net values equal gross values. They "
            "are an upper bound on the value that is additional."
        ),
        "note_additionality": N_(
            "Net values apply the methodology's additionality assumptions (deadweight, "
            "leakage, displacement, substitution, attribution, multiplier); each figure's "
            "working in the appendix shows the factors used."
        ),
        "note_discounting": N_(
            "Present values discount persistence with {schedule} ({edition}), first year "
            "as {convention}."
        ),
        "note_unvalued": Np_(
            "{n} delivery could not be valued (no proxy value, or prices that could not be "
            "restated); it is listed and counted in no total.",
            "{n} deliveries could not be valued (no proxy value, or prices that could not "
            "be restated); they are listed and counted in no total.",
        ),
        "note_extrapolated": N_(
            "Some proxy values were carried forward past their validity; the appendix marks them."
        ),
        "convention_year_0": N_("year 0"),
        "convention_year_1": N_("year 1"),
        "kind_day_one": N_("day one"),
        "kind_future_aspiration": N_("future aspiration"),
        "kind_contractual": N_("contractual"),
        "rag_green": N_("green"),
        "rag_amber": N_("amber"),
        "rag_red": N_("red"),
        "rag_complete": N_("complete"),
        "rag_withdrawn": N_("withdrawn"),
        "rag_not_started": N_("not started"),
        "working_header": N_(
            "{measure}: {quantity} in {period}, {geography} ({deliveries}) — methodology "
            "{methodology}"
        ),
        "working_per_unit": N_("{value} {currency} per unit"),
        "working_quantity": N_(
            "quantity: × {quantity} → gross {gross}, net {net}, present value {present_value}"
        ),
        "working_counted": N_("quantity: {quantity} counted; no £ value"),
        "members_report": N_("Members' report"),
        "count": N_("Number"),
        "annex": N_("Technical annex"),
        "annex_link": N_(
            "The technical annex has every table, what could not be valued, the methods "
            "and the working of every figure"
        ),
        "members_link": N_("The members' report: the story in a few pages"),
        "at_a_glance": N_("At a glance"),
        "members_intro": N_(
            "In {period}, {authority} created {total} of social value (present value, "
            "{prices} prices)."
        ),
        "members_range": N_("Taking the uncertainty into account, between {low} and {high}."),
        "equal_values": N_(
            "Gross, net and present value are the same here: no additionality assumption "
            "or discounting changes them, so one figure is shown."
        ),
        "outcomes": N_("Outcomes delivered"),
        "by_role_story": N_("What we achieved, by role"),
        "by_theme_story": N_("Social value by theme"),
        "role_summary": Np_(
            "{value} of social value, from {n} delivery.",
            "{value} of social value, from {n} deliveries.",
        ),
        "role_counted": Np_(
            "{n} delivery counted; none has a £ value yet.",
            "{n} deliveries counted; none has a £ value yet.",
        ),
        "more_outcomes": Np_(
            "… and {n} more outcome, in the technical annex.",
            "… and {n} more outcomes, in the technical annex.",
        ),
        "no_role": N_("No role stated"),
        "spotlights": N_("Project spotlights"),
        "spotlight_value": N_("Social value: {value}"),
        "needs_attention": N_("Needing attention"),
        "more_in_annex": Np_(
            "… and {n} more, in the technical annex.",
            "… and {n} more, in the technical annex.",
        ),
        "about_figures": N_("About these figures"),
        "not_valued_summary": Np_(
            "{n} delivery could not be valued and is in no total; the technical annex "
            "lists it with the reason.",
            "{n} deliveries could not be valued and are in no total; the technical annex "
            "lists them by measure, with the reasons.",
        ),
        "share": N_("Share of total"),
        "chart_data": N_("The figures in the chart"),
        "chart_alt": N_(
            "Bar chart: {title}. The largest is {first} ({value}); every figure is in the "
            "table that follows."
        ),
        "rest_rows": Np_(
            "… and {n} more row, with a smaller figure: every row is in {file}.",
            "… and {n} more rows, with smaller figures: every row is in {file}.",
        ),
        "appendix_rest": Np_(
            "{n} more working, with a smaller value: every working is in {file}.",
            "{n} more workings, with smaller values: every working is in {file}.",
        ),
        "appendix_sorted": N_("The workings with the largest present value come first."),
        "contents": N_("Contents"),
        "status_counts": N_("Commitments by status"),
        "untranslated": N_("Shown in English (no translation in the data): {items}."),
        "appraisal": N_("Appraisal: benefits, costs and ratios by project"),
        "excluded": N_("Kept out of the social-value total, or kept in with a flag, and why"),
        "immaterial": N_("Outcomes below the materiality threshold"),
        "transfers_total": N_("Transfers (reported, not counted)"),
        "targets_total": N_("Targets and forecasts (not delivered)"),
        "overlaps_total": N_("Overlaps excluded"),
        "raw_present_value": N_("Before exclusions (present value)"),
        "project": N_("Project"),
        "pvb": N_("PVB"),
        "pvc": N_("PVC"),
        "inputs": N_("Inputs"),
        "npsv": N_("NPSV"),
        "bcr": N_("BCR"),
        "benefits_unvalued": N_("Benefits not valued (not in PVB or the ratios)"),
        "sroi": N_("SROI ratio"),
        "net_sroi": N_("Net SROI ratio"),
        "leverage": N_("Leverage ratio"),
        "kind": N_("Kind"),
        "indicator_cost_per_outcome": N_("Cost per outcome, {subject}"),
        "costs": N_("Costs and inputs, with their working"),
        "category": N_("Category"),
        "bearer": N_("Borne by"),
        "amount": N_("Amount as spent"),
        "real": N_("In base-year prices"),
        "note_appraisal": N_(
            "Appraisal: PVB counts delivered, de-duplicated benefits without transfers; "
            "PVC is costs in base-year prices discounted to the appraisal base year; NPSV "
            "= PVB − PVC and BCR = PVB ÷ PVC (Green Book); the SROI ratio is PVB ÷ inputs "
            "and the net SROI ratio (PVB − inputs) ÷ inputs, with inputs the costs in "
            "base-year prices, undiscounted (SROI Guide); the leverage ratio is funding "
            "attracted ÷ inputs."
        ),
        "basis_cost_per_outcome": N_(
            "inputs {numerator} ÷ {denominator} delivered ({denominator_measure})"
        ),
        "note_discounting_base_compound": N_(
            "Present values are discounted to the appraisal base year {base} with "
            "{schedule} ({edition}), each year of a benefit or cost from its own year "
            "({convention}); a value before {base} is compounded forward to it at the "
            "schedule's rates."
        ),
        "note_discounting_base_refuse": N_(
            "Present values are discounted to the appraisal base year {base} with "
            "{schedule} ({edition}), each year of a benefit or cost from its own year "
            "({convention}); a value before {base} is refused and listed as not valued."
        ),
        "note_exclusions": N_(
            "The headline total counts delivered outcomes once and without transfers: "
            "targets and forecasts, transfers (money or resources moved, not created) and "
            "overlapping measures excluded under the methodology's policy ({policy}; same "
            "{scope}) are listed with their amounts and reasons, never added to it."
        ),
        "note_exclusions_with_transfers": N_(
            "The headline total counts delivered outcomes once, transfers included as the "
            "methodology says: targets and forecasts and overlapping measures excluded "
            "under its policy ({policy}; same {scope}) are listed with their amounts and "
            "reasons, never added to it."
        ),
        "scenarios": N_("Low, central and high scenarios"),
        "scenario": N_("Scenario"),
        "sensitivity": N_("Sensitivity: each input moved alone (tornado)"),
        "input": N_("Input"),
        "low": N_("Low"),
        "high": N_("High"),
        "at_low": N_("Present value at low"),
        "at_high": N_("Present value at high"),
        "swing": N_("Swing"),
        "switching_values": N_("Switching values"),
        "switching_value": N_("Switching value"),
        "meaning": N_("Meaning"),
        "npsv_at_low": N_("NPSV at low"),
        "npsv_at_high": N_("NPSV at high"),
        "chart_tornado": N_("Present value with each input at its low and high bound"),
        "bridge_title": N_("What moved between two methodologies"),
        "bridge": N_("Change by cause"),
        "bridge_by_measure": N_("Change by cause and measure"),
        "bridge_details": N_("What changed"),
        "bridge_order": N_(
            "Each cause is substituted in turn, in this order, with the causes before it "
            "already new; the parts add up to the change exactly."
        ),
        "chart_bridge": N_("Present value, old to new, by cause"),
        "old_methodology": N_("Old methodology"),
        "new_methodology": N_("New methodology"),
        "cause": N_("Cause"),
        "cause_framework": N_("Framework"),
        "cause_proxy_values": N_("Proxy values"),
        "cause_prices": N_("Prices (price base and deflator)"),
        "cause_additionality": N_("Additionality"),
        "cause_discounting": N_("Discounting"),
        "cause_other": N_("Other"),
        "note_uncertainty": N_(
            "Scenarios move every proxy value with a published range and every declared "
            "assumption range together; {without_range} of the central {central} ({share}) "
            "is valued with no proxy range and moves only with the assumptions."
        ),
    }
)
_CATEGORIES_BY_INDEX = ("zero", "one", "two", "few", "many", "other")


def _english() -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, message in _MESSAGES.items():
        if isinstance(message, tuple):
            labels[f"{key}.one"], labels[f"{key}.other"] = message
        else:
            labels[key] = message
    return labels


def _translated(locale: str) -> dict[str, str]:
    """The labels in ``locale`` from its compiled catalogue; English where it has no entry."""
    translations = translations_of(locale)
    labels: dict[str, str] = {}
    for key, message in _MESSAGES.items():
        if isinstance(message, tuple):
            one, other = message
            for category in _PLURAL_CATEGORIES:
                sample = plural_sample(locale, category)
                if sample is not None:
                    labels[f"{key}.{category}"] = translations.ngettext(one, other, sample)
        else:
            labels[key] = translations.gettext(message) if message else message
    return labels


_PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's

#: Report labels by locale, from the message catalogues. The Welsh (cy_GB) translation is a
#: first draft by the project, to be reviewed by a Welsh speaker before publication; pass your
#: own with ``Formatter(labels=…)``. Labels with ``{placeholders}`` are filled with figures
#: formatted for the locale; a label written ``key.one``, ``key.other`` … has plural forms
#: (CLDR categories; ``other`` required).
LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en_GB": MappingProxyType(_english()),
        "cy_GB": MappingProxyType(_translated("cy_GB")),
    }
)


#: Locales the report labels are available in.
SUPPORTED_LOCALES = tuple(LABELS)


@attrs.frozen(kw_only=True)
class Formatter:
    """Formats a report's figures for one locale, rounding with one policy.

    >>> from socialvalue import Money
    >>> from socialvalue.methodology import RoundingPolicy
    >>> en = Formatter(locale="en_GB", rounding=RoundingPolicy(places=2))
    >>> en.money(Money("2164000.005"))
    '£2,164,000.01'
    >>> en.compact(Money("2164000"))
    '£2.2 million'
    >>> Formatter(locale="cy_GB", rounding=RoundingPolicy()).compact(Money("2164000"))
    '£2.2 miliwn'
    """

    locale: str = "en_GB"
    rounding: RoundingPolicy = attrs.field(factory=RoundingPolicy)
    labels: Mapping[str, str] | None = None
    titles: Mapping[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        if self.labels is None and self.locale not in LABELS:
            raise UnknownCodeError("report locale", self.locale, list(LABELS))

    def label(self, key: str, default: str | None = None) -> str:
        """A report label in this locale (``default``, if given, for keys with no label)."""
        table = self.labels if self.labels is not None else LABELS[self.locale]
        if key in table:
            return table[key]
        if default is not None and key not in LABELS["en_GB"]:
            return default
        return LABELS["en_GB"][key]

    def title(self, text: str) -> str:
        """A title from the data in this locale: its translation in ``titles``, else as written.

        >>> Formatter(locale="cy_GB", titles={"Employer": "Cyflogwr"}).title("Employer")
        'Cyflogwr'
        """
        return self.titles.get(text, text)

    def text(self, key: str, **values: object) -> str:
        """A label with its ``{placeholders}`` filled, each value formatted by :meth:`value`."""
        return self.label(key).format(**{name: self.value(v) for name, v in values.items()})

    def plural(self, key: str, n: int | Decimal, **values: object) -> str:
        """The plural form of label ``key`` for ``n`` (``key.one``, ``key.other`` …).

        >>> Formatter().plural("deliveries_count", 1), Formatter().plural("deliveries_count", 3)
        ('1 delivery', '3 deliveries')
        """
        table = self.labels if self.labels is not None else LABELS[self.locale]
        if f"{key}.other" not in table:
            table = LABELS["en_GB"]
        forms = {
            category: table[f"{key}.{category}"]
            for category in _PLURAL_CATEGORIES
            if f"{key}.{category}" in table
        }
        filled = {name: self.value(v) for name, v in values.items()}
        return _display.plural(n, forms, locale=self.locale, values=filled)

    def rounded(self, amount: Decimal, places: int | None = None) -> Decimal:
        """``amount`` rounded once with the policy (or to ``places`` with the policy's mode)."""
        return _display.rounded(
            amount,
            self.rounding.places if places is None else places,
            self.rounding.mode.value,
        )

    def number(self, amount: Decimal, places: int | None = None) -> str:
        """A plain number, grouped for the locale (quantities: exact unless ``places``)."""
        return _display.number(
            amount, locale=self.locale, places=places, rounding=self.rounding.mode.value
        )

    def money(self, amount: Money) -> str:
        """An amount with its currency symbol, rounded with the policy."""
        return _display.money(
            amount.amount,
            amount.currency,
            locale=self.locale,
            places=self.rounding.places,
            rounding=self.rounding.mode.value,
        )

    def compact(self, amount: Money) -> str:
        """A headline amount: ``£2.2 million``, rounded to one decimal of its scale."""
        return _display.compact_money(
            amount.amount,
            amount.currency,
            locale=self.locale,
            places=self.rounding.places,
            rounding=self.rounding.mode.value,
        )

    def percent(self, fraction: Decimal, places: int = 1) -> str:
        """A fraction as a percentage (``0.655`` → ``65.5%``)."""
        return _display.percent(
            fraction, locale=self.locale, places=places, rounding=self.rounding.mode.value
        )

    def date(self, day: dt.date) -> str:
        """A date, long form (``9 June 2023``, ``9 Mehefin 2023``)."""
        return _display.date(day, locale=self.locale)

    def value(self, value: object) -> str:
        """Any figure of a report as text: money and dates for the locale, numbers grouped.

        Periods show their label (``2022/23``), methodology references their id, version and
        hash; text from the data is shown as written.

        >>> from socialvalue import FinancialYear
        >>> f = Formatter(locale="cy_GB")
        >>> f.value(Money("1234.5")), f.value(Decimal("14000")), f.value(FinancialYear(2022))
        ('£1,234.50', '14,000', '2022/23')
        """
        if value is None:
            return "—"
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return self.number(Decimal(value))
        if isinstance(value, dt.date):
            return self.date(value)
        label = getattr(value, "label", None)
        if isinstance(label, str):
            return label
        return str(value)
