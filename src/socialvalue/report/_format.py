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
from socialvalue.exceptions import UnknownCodeError
from socialvalue.methodology import RoundingPolicy
from socialvalue.money import Money

__all__ = ["LABELS", "SUPPORTED_LOCALES", "Formatter"]

#: Report labels by locale. The Welsh (cy_GB) labels are a first draft by the project, to be
#: reviewed by a Welsh speaker before publication; pass your own with ``Formatter(labels=…)``.
#: Labels with ``{placeholders}`` are filled with figures formatted for the locale; a label
#: written ``key.one``, ``key.other`` … has plural forms (CLDR categories; ``other`` required).
LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en_GB": MappingProxyType(
            {
                "report": "Social Value Report",
                "methodology": "Methodology",
                "headlines": "Headline figures",
                "total_present_value": "Total social value (present value)",
                "gross": "Gross value",
                "net": "Net value",
                "present_value": "Present value",
                "by_role": "Social value by role",
                "by_theme": "Social value by theme",
                "by_measure": "Social value by measure",
                "role": "Role",
                "theme": "Theme",
                "measure": "Measure",
                "quantity": "Quantity",
                "carried_forward": "Of which valued with a value carried forward",
                "unit": "Unit",
                "deliveries": "Deliveries",
                "total": "Total",
                "recorded": "Counted, not monetised",
                "not_valued": "Not valued",
                "reason": "Reason",
                "appraisal": "Appraisal: benefits, costs and ratios by project",
                "excluded": "Not in the social-value total, and why",
                "immaterial": "Outcomes below the materiality threshold",
                "transfers_total": "Transfers (reported, not counted)",
                "targets_total": "Targets and forecasts (not delivered)",
                "overlaps_total": "Overlaps excluded",
                "raw_present_value": "Before exclusions (present value)",
                "project": "Project",
                "pvb": "PVB",
                "pvc": "PVC",
                "inputs": "Inputs",
                "npsv": "NPSV",
                "bcr": "BCR",
                "sroi": "SROI ratio",
                "net_sroi": "Net SROI ratio",
                "leverage": "Leverage ratio",
                "kind": "Kind",
                "share": "Share of total",
                "indicators": "Indicators",
                "commitments": "Commitments",
                "status": "Status",
                "notes": "Notes on method",
                "appendix": "Appendix: how each figure was obtained",
                "period": "Period",
                "prices": "Prices",
                "rounding_note": (
                    "Figures are rounded for presentation; totals are rounded from unrounded "
                    "sums, so rounded rows may not add to the rounded total."
                ),
                "reconcile": (
                    "Rows shown add to {shown}; the total of the unrounded figures is {total}."
                ),
                "generated": "Generated",
                "chart_role": "Present value by role",
                "chart_theme": "Present value by theme",
                "see": "see",
                "projects": "Projects",
                "evidence": "Evidence",
                "title": "",
                "id": "Id",
                "none": "(none)",
                "more_evidence": "… {n} more",
                "deliveries_count.one": "{n} delivery",
                "deliveries_count.other": "{n} deliveries",
                "indicator_contracts_with_social_value": (
                    "Contracts in scope that include social value"
                ),
                "basis_contracts_with_social_value": (
                    "{numerator_measures} ÷ {denominator_measure}: {numerator} of {denominator}"
                ),
                "indicator_local_spend_share": (
                    "Spend with local and community suppliers, share of spend"
                ),
                "basis_local_spend_share": (
                    "{numerator_measures} ({numerator}) ÷ total spend ({denominator})"
                ),
                "indicator_sroi": "SROI ratio, {subject}",
                "basis_sroi": "present value {numerator} ÷ inputs {denominator}",
                "indicator_cost_per_outcome": "Cost per outcome, {subject}",
                "costs": "Costs and inputs, with their working",
                "category": "Category",
                "bearer": "Borne by",
                "amount": "Amount as spent",
                "real": "In base-year prices",
                "note_appraisal": (
                    "Appraisal: PVB counts delivered, de-duplicated benefits without transfers; "
                    "PVC is costs in base-year prices discounted to the appraisal base year; "
                    "NPSV = PVB − PVC and BCR = PVB ÷ PVC (Green Book); the SROI ratio is PVB ÷ "
                    "inputs and the net SROI ratio (PVB − inputs) ÷ inputs, with inputs the "
                    "costs in base-year prices, undiscounted (SROI Guide); the leverage ratio is "
                    "funding attracted ÷ inputs."
                ),
                "basis_cost_per_outcome": (
                    "inputs {numerator} ÷ {denominator} delivered ({denominator_measure})"
                ),
                "note_discounting_base_compound": (
                    "Present values are discounted to the appraisal base year {base} with "
                    "{schedule} ({edition}), each year of a benefit or cost from its own year "
                    "({convention}); a value before {base} is compounded forward to it at the "
                    "schedule's rates."
                ),
                "note_discounting_base_refuse": (
                    "Present values are discounted to the appraisal base year {base} with "
                    "{schedule} ({edition}), each year of a benefit or cost from its own year "
                    "({convention}); a value before {base} is refused and listed as not valued."
                ),
                "note_exclusions": (
                    "The headline total counts delivered outcomes once and without transfers: "
                    "targets and forecasts, transfers (money or resources moved, not created) "
                    "and overlapping measures excluded under the methodology's policy ({policy}; "
                    "same {scope}) are listed with their amounts and reasons, never added to it."
                ),
                "note_exclusions_with_transfers": (
                    "The headline total counts delivered outcomes once, transfers included as "
                    "the methodology says: targets and forecasts and overlapping measures "
                    "excluded under its policy ({policy}; same {scope}) are listed with their "
                    "amounts and reasons, never added to it."
                ),
                "note_methodology": (
                    "Every figure is valued with the methodology {methodology}: {title}."
                ),
                "note_prices": "Amounts are in {price_base} prices, restated with {index}.",
                "note_no_additionality": (
                    "No additionality assumptions are applied (no deadweight, displacement, "
                    "leakage, substitution or attribution): net values equal gross values. They "
                    "are an upper bound on the value that is additional."
                ),
                "note_additionality": (
                    "Net values apply the methodology's additionality assumptions (deadweight, "
                    "leakage, displacement, substitution, attribution, multiplier); each "
                    "figure's working in the appendix shows the factors used."
                ),
                "note_discounting": (
                    "Present values discount persistence with {schedule} ({edition}), first "
                    "year as {convention}."
                ),
                "note_unvalued.one": (
                    "{n} delivery could not be valued (no proxy value, or prices that could not "
                    "be restated); it is listed and counted in no total."
                ),
                "note_unvalued.other": (
                    "{n} deliveries could not be valued (no proxy value, or prices that could "
                    "not be restated); they are listed and counted in no total."
                ),
                "note_extrapolated": (
                    "Some proxy values were carried forward past their validity; the appendix "
                    "marks them."
                ),
                "convention_year_0": "year 0",
                "convention_year_1": "year 1",
                "kind_day_one": "day one",
                "kind_future_aspiration": "future aspiration",
                "kind_contractual": "contractual",
                "rag_green": "green",
                "rag_amber": "amber",
                "rag_red": "red",
                "rag_complete": "complete",
                "rag_withdrawn": "withdrawn",
                "rag_not_started": "not started",
                "working_header": (
                    "{measure}: {quantity} in {period}, {geography} ({deliveries}) — "
                    "methodology {methodology}"
                ),
                "working_per_unit": "{value} {currency} per unit",
                "working_quantity": (
                    "quantity: × {quantity} → gross {gross}, net {net}, present value "
                    "{present_value}"
                ),
                "working_counted": "quantity: {quantity} counted; no £ value",
                "scenarios": "Low, central and high scenarios",
                "scenario": "Scenario",
                "sensitivity": "Sensitivity: each input moved alone (tornado)",
                "input": "Input",
                "low": "Low",
                "high": "High",
                "at_low": "Present value at low",
                "at_high": "Present value at high",
                "swing": "Swing",
                "switching_values": "Switching values",
                "switching_value": "Switching value",
                "meaning": "Meaning",
                "npsv_at_low": "NPSV at low",
                "npsv_at_high": "NPSV at high",
                "chart_tornado": "Present value with each input at its low and high bound",
                "bridge_title": "What moved between two methodologies",
                "bridge": "Change by cause",
                "bridge_by_measure": "Change by cause and measure",
                "bridge_details": "What changed",
                "bridge_order": (
                    "Each cause is substituted in turn, in this order, with the causes before it "
                    "already new; the parts add up to the change exactly."
                ),
                "chart_bridge": "Present value, old to new, by cause",
                "old_methodology": "Old methodology",
                "new_methodology": "New methodology",
                "cause": "Cause",
                "cause_framework": "Framework",
                "cause_proxy_values": "Proxy values",
                "cause_prices": "Prices (price base and deflator)",
                "cause_additionality": "Additionality",
                "cause_discounting": "Discounting",
                "cause_other": "Other",
                "note_uncertainty": (
                    "Scenarios move every proxy value with a published range and every declared "
                    "assumption range together; {without_range} of the central {central} "
                    "({share}) is valued with no proxy range and moves only with the "
                    "assumptions."
                ),
            }
        ),
        "cy_GB": MappingProxyType(
            {
                "report": "Adroddiad Gwerth Cymdeithasol",
                "methodology": "Methodoleg",
                "headlines": "Prif ffigurau",
                "total_present_value": "Cyfanswm gwerth cymdeithasol (gwerth presennol)",
                "gross": "Gwerth gros",
                "net": "Gwerth net",
                "present_value": "Gwerth presennol",
                "by_role": "Gwerth cymdeithasol yn ôl rôl",
                "by_theme": "Gwerth cymdeithasol yn ôl thema",
                "by_measure": "Gwerth cymdeithasol yn ôl mesur",
                "role": "Rôl",
                "theme": "Thema",
                "measure": "Mesur",
                "quantity": "Nifer",
                "carried_forward": "O'r rhain, wedi'u prisio â gwerth a gariwyd ymlaen",
                "unit": "Uned",
                "deliveries": "Cyflawniadau",
                "total": "Cyfanswm",
                "recorded": "Wedi'u cyfrif, heb eu prisio",
                "not_valued": "Heb eu prisio",
                "reason": "Rheswm",
                "appraisal": "Arfarniad: buddion, costau a chymarebau fesul prosiect",
                "excluded": "Heb eu cynnwys yn y cyfanswm gwerth cymdeithasol, a pham",
                "immaterial": "Canlyniadau o dan y trothwy perthnasedd",
                "transfers_total": "Trosglwyddiadau (wedi'u hadrodd, heb eu cyfrif)",
                "targets_total": "Targedau a rhagolygon (heb eu cyflawni)",
                "overlaps_total": "Gorgyffwrdd wedi'i eithrio",
                "raw_present_value": "Cyn eithriadau (gwerth presennol)",
                "project": "Prosiect",
                "pvb": "PVB",
                "pvc": "PVC",
                "inputs": "Mewnbynnau",
                "npsv": "NPSV",
                "bcr": "BCR",
                "sroi": "Cymhareb SROI",
                "net_sroi": "Cymhareb SROI net",
                "leverage": "Cymhareb trosoledd",
                "kind": "Math",
                "share": "Cyfran o'r cyfanswm",
                "indicators": "Dangosyddion",
                "commitments": "Ymrwymiadau",
                "status": "Statws",
                "notes": "Nodiadau ar y dull",
                "appendix": "Atodiad: sut y cafwyd pob ffigur",
                "period": "Cyfnod",
                "prices": "Prisiau",
                "rounding_note": (
                    "Mae ffigurau wedi'u talgrynnu i'w cyflwyno; mae cyfansymiau wedi'u "
                    "talgrynnu o symiau heb eu talgrynnu, felly efallai na fydd y rhesi'n adio "
                    "i'r cyfanswm."
                ),
                "reconcile": (
                    "Mae'r rhesi a ddangosir yn adio i {shown}; cyfanswm y ffigurau heb eu "
                    "talgrynnu yw {total}."
                ),
                "generated": "Cynhyrchwyd",
                "chart_role": "Gwerth presennol yn ôl rôl",
                "chart_theme": "Gwerth presennol yn ôl thema",
                "see": "gweler",
                "projects": "Prosiectau",
                "evidence": "Tystiolaeth",
                "title": "",
                "id": "Id",
                "none": "(dim)",
                "more_evidence": "… {n} arall",
                "deliveries_count.other": "{n} cyflawniad",
                "indicator_contracts_with_social_value": (
                    "Contractau o fewn cwmpas sy'n cynnwys gwerth cymdeithasol"
                ),
                "basis_contracts_with_social_value": (
                    "{numerator_measures} ÷ {denominator_measure}: {numerator} o {denominator}"
                ),
                "indicator_local_spend_share": (
                    "Gwariant gyda chyflenwyr lleol a chymunedol, cyfran o'r gwariant"
                ),
                "basis_local_spend_share": (
                    "{numerator_measures} ({numerator}) ÷ cyfanswm y gwariant ({denominator})"
                ),
                "indicator_sroi": "Cymhareb SROI, {subject}",
                "basis_sroi": "gwerth presennol {numerator} ÷ mewnbynnau {denominator}",
                "indicator_cost_per_outcome": "Cost fesul canlyniad, {subject}",
                "costs": "Costau a mewnbynnau, gyda'u gwaith cyfrifo",
                "category": "Categori",
                "bearer": "Yn cael ei ysgwyddo gan",
                "amount": "Swm fel y'i gwariwyd",
                "real": "Mewn prisiau blwyddyn sylfaen",
                "note_appraisal": (
                    "Arfarniad: mae PVB yn cyfrif buddion a gyflawnwyd, heb ddyblygu a heb "
                    "drosglwyddiadau; PVC yw costau mewn prisiau blwyddyn sylfaen wedi'u "
                    "disgowntio i flwyddyn sylfaen yr arfarniad; NPSV = PVB − PVC a BCR = PVB ÷ "
                    "PVC (Llyfr Gwyrdd); cymhareb SROI yw PVB ÷ mewnbynnau a'r gymhareb SROI net "
                    "(PVB − mewnbynnau) ÷ mewnbynnau, gyda mewnbynnau'n gostau mewn prisiau "
                    "blwyddyn sylfaen, heb eu disgowntio (Canllaw SROI); cymhareb trosoledd yw'r "
                    "cyllid a ddenwyd ÷ mewnbynnau."
                ),
                "basis_cost_per_outcome": (
                    "mewnbynnau {numerator} ÷ {denominator} wedi'u cyflawni ({denominator_measure})"
                ),
                "note_discounting_base_compound": (
                    "Mae gwerthoedd presennol wedi'u disgowntio i flwyddyn sylfaen yr arfarniad "
                    "{base} gyda {schedule} ({edition}), pob blwyddyn o fudd neu gost o'i "
                    "blwyddyn ei hun ({convention}); mae gwerth cyn {base} yn cael ei gyfansoddi "
                    "ymlaen ati ar gyfraddau'r atodlen."
                ),
                "note_discounting_base_refuse": (
                    "Mae gwerthoedd presennol wedi'u disgowntio i flwyddyn sylfaen yr arfarniad "
                    "{base} gyda {schedule} ({edition}), pob blwyddyn o fudd neu gost o'i "
                    "blwyddyn ei hun ({convention}); gwrthodir gwerth cyn {base} a'i restru fel "
                    "heb ei brisio."
                ),
                "note_exclusions": (
                    "Mae'r prif gyfanswm yn cyfrif canlyniadau a gyflawnwyd unwaith a heb "
                    "drosglwyddiadau: mae targedau a rhagolygon, trosglwyddiadau (arian neu "
                    "adnoddau a symudwyd, nid a grëwyd) a mesurau sy'n gorgyffwrdd a eithriwyd "
                    "dan bolisi'r fethodoleg ({policy}; yr un {scope}) wedi'u rhestru gyda'u "
                    "symiau a'u rhesymau, a byth wedi'u hychwanegu ato."
                ),
                "note_exclusions_with_transfers": (
                    "Mae'r prif gyfanswm yn cyfrif canlyniadau a gyflawnwyd unwaith, gyda "
                    "throsglwyddiadau fel y dywed y fethodoleg: mae targedau a rhagolygon a "
                    "mesurau sy'n gorgyffwrdd a eithriwyd dan ei pholisi ({policy}; yr un "
                    "{scope}) wedi'u rhestru gyda'u symiau a'u rhesymau, a byth wedi'u "
                    "hychwanegu ato."
                ),
                "note_methodology": (
                    "Mae pob ffigur wedi'i brisio gyda'r fethodoleg {methodology}: {title}."
                ),
                "note_prices": (
                    "Mae'r symiau mewn prisiau {price_base}, wedi'u hailddatgan gyda {index}."
                ),
                "note_no_additionality": (
                    "Ni chymhwysir unrhyw dybiaethau ychwanegolrwydd (dim pwysau marw, dadleoli, "
                    "gollyngiad, amnewid na phriodoli): mae gwerthoedd net yn hafal i werthoedd "
                    "gros. Maent yn derfyn uchaf ar y gwerth sy'n ychwanegol."
                ),
                "note_additionality": (
                    "Mae gwerthoedd net yn cymhwyso tybiaethau ychwanegolrwydd y fethodoleg "
                    "(pwysau marw, gollyngiad, dadleoli, amnewid, priodoli, lluosydd); mae "
                    "gwaith pob ffigur yn yr atodiad yn dangos y ffactorau a ddefnyddiwyd."
                ),
                "note_discounting": (
                    "Mae gwerthoedd presennol yn disgowntio parhad gyda {schedule} ({edition}), "
                    "gyda'r flwyddyn gyntaf fel {convention}."
                ),
                "note_unvalued.other": (
                    "Ni ellid prisio {n} cyflawniad (dim gwerth procsi, neu brisiau na ellid eu "
                    "hailddatgan); maent wedi'u rhestru ac nid ydynt wedi'u cyfrif mewn unrhyw "
                    "gyfanswm."
                ),
                "note_extrapolated": (
                    "Cafodd rhai gwerthoedd procsi eu cario ymlaen y tu hwnt i'w dilysrwydd; "
                    "mae'r atodiad yn eu nodi."
                ),
                "convention_year_0": "blwyddyn 0",
                "convention_year_1": "blwyddyn 1",
                "kind_day_one": "diwrnod un",
                "kind_future_aspiration": "dyhead i'r dyfodol",
                "kind_contractual": "cytundebol",
                "rag_green": "gwyrdd",
                "rag_amber": "ambr",
                "rag_red": "coch",
                "rag_complete": "wedi'i gwblhau",
                "rag_withdrawn": "wedi'i dynnu'n ôl",
                "rag_not_started": "heb ddechrau",
                "working_header": (
                    "{measure}: {quantity} yn {period}, {geography} ({deliveries}) — "
                    "methodoleg {methodology}"
                ),
                "working_per_unit": "{value} {currency} yr uned",
                "working_quantity": (
                    "nifer: × {quantity} → gros {gross}, net {net}, gwerth presennol "
                    "{present_value}"
                ),
                "working_counted": "nifer: {quantity} wedi'i gyfrif; dim gwerth £",
                "scenarios": "Senarios isel, canolog ac uchel",
                "scenario": "Senario",
                "sensitivity": "Sensitifrwydd: pob mewnbwn wedi'i symud ar ei ben ei hun",
                "input": "Mewnbwn",
                "low": "Isel",
                "high": "Uchel",
                "at_low": "Gwerth presennol ar yr isaf",
                "at_high": "Gwerth presennol ar yr uchaf",
                "swing": "Gwahaniaeth",
                "switching_values": "Gwerthoedd newid",
                "switching_value": "Gwerth newid",
                "meaning": "Ystyr",
                "npsv_at_low": "NPSV ar yr isaf",
                "npsv_at_high": "NPSV ar yr uchaf",
                "chart_tornado": "Gwerth presennol gyda phob mewnbwn ar ei derfyn isaf ac uchaf",
                "bridge_title": "Beth a symudodd rhwng dwy fethodoleg",
                "bridge": "Newid yn ôl achos",
                "bridge_by_measure": "Newid yn ôl achos a mesur",
                "bridge_details": "Beth a newidiodd",
                "bridge_order": (
                    "Mae pob achos yn cael ei amnewid yn ei dro, yn y drefn hon, gyda'r achosion "
                    "o'i flaen eisoes yn newydd; mae'r rhannau'n adio i'r newid yn union."
                ),
                "chart_bridge": "Gwerth presennol, hen i newydd, yn ôl achos",
                "old_methodology": "Hen fethodoleg",
                "new_methodology": "Methodoleg newydd",
                "cause": "Achos",
                "cause_framework": "Fframwaith",
                "cause_proxy_values": "Gwerthoedd procsi",
                "cause_prices": "Prisiau (sylfaen prisiau a datchwyddwr)",
                "cause_additionality": "Ychwanegolrwydd",
                "cause_discounting": "Disgowntio",
                "cause_other": "Arall",
                "note_uncertainty": (
                    "Mae'r senarios yn symud pob gwerth procsi sydd ag ystod gyhoeddedig a phob "
                    "ystod tybiaeth a ddatganwyd gyda'i gilydd; mae {without_range} o'r "
                    "{central} canolog ({share}) wedi'i brisio heb ystod procsi ac yn symud "
                    "gyda'r tybiaethau yn unig."
                ),
            }
        ),
    }
)

_PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's

#: Locales the report labels are available in.
SUPPORTED_LOCALES = tuple(LABELS)


@attrs.frozen(kw_only=True)
class Formatter:
    """Formats a report's figures for one locale, rounding with one policy.

    >>> from socialvalue import Money
    >>> from socialvalue.methodology import RoundingPolicy
    >>> en = Formatter(locale="en_GB", rounding=RoundingPolicy(places=2))
    >>> en.money(Money("8484000.005"))
    '£8,484,000.01'
    >>> en.compact(Money("8484000"))
    '£8.5 million'
    >>> Formatter(locale="cy_GB", rounding=RoundingPolicy()).compact(Money("8484000"))
    '£8.5 miliwn'
    """

    locale: str = "en_GB"
    rounding: RoundingPolicy = attrs.field(factory=RoundingPolicy)
    labels: Mapping[str, str] | None = None

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

    def text(self, key: str, **values: object) -> str:
        """A label with its ``{placeholders}`` filled, each value formatted by :meth:`value`."""
        return self.label(key).format(**{name: self.value(v) for name, v in values.items()})

    def plural(self, key: str, n: int, **values: object) -> str:
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
        """A headline amount: ``£8.5 million``, rounded to one decimal of its scale."""
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
