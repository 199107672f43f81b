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
                "unit": "Unit",
                "deliveries": "Deliveries",
                "total": "Total",
                "recorded": "Counted, not monetised",
                "not_valued": "Not valued",
                "reason": "Reason",
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
                "title": "Title",
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
                "members_report": "Members' report",
                "count": "Number",
                "annex": "Technical annex",
                "annex_link": (
                    "The technical annex has every table, what could not be valued, the "
                    "methods and the working of every figure"
                ),
                "members_link": "The members' report: the story in a few pages",
                "at_a_glance": "At a glance",
                "members_intro": (
                    "In {period}, {authority} created {total} of social value (present value, "
                    "{prices} prices)."
                ),
                "members_range": "Taking the uncertainty into account, between {low} and {high}.",
                "equal_values": (
                    "Gross, net and present value are the same here: no additionality "
                    "assumption or discounting changes them, so one figure is shown."
                ),
                "outcomes": "Outcomes delivered",
                "by_role_story": "What we achieved, by role",
                "by_theme_story": "Social value by theme",
                "role_summary.one": "{value} of social value, from {n} delivery.",
                "role_summary.other": "{value} of social value, from {n} deliveries.",
                "role_counted.one": "{n} delivery counted; none has a £ value yet.",
                "role_counted.other": "{n} deliveries counted; none has a £ value yet.",
                "more_outcomes.one": "… and {n} more outcome, in the technical annex.",
                "more_outcomes.other": "… and {n} more outcomes, in the technical annex.",
                "no_role": "No role stated",
                "spotlights": "Project spotlights",
                "spotlight_value": "Social value: {value}",
                "needs_attention": "Needing attention",
                "more_in_annex.one": "… and {n} more, in the technical annex.",
                "more_in_annex.other": "… and {n} more, in the technical annex.",
                "about_figures": "About these figures",
                "not_valued_summary.one": (
                    "{n} delivery could not be valued and is in no total; the technical annex "
                    "lists it with the reason."
                ),
                "not_valued_summary.other": (
                    "{n} deliveries could not be valued and are in no total; the technical annex "
                    "lists them by measure, with the reasons."
                ),
                "share": "Share",
                "chart_data": "The figures in the chart",
                "chart_alt": (
                    "Bar chart: {title}. The largest is {first} ({value}); every figure is in the "
                    "table that follows."
                ),
                "rest_rows.one": (
                    "… and {n} more row, with a smaller figure: every row is in {file}."
                ),
                "rest_rows.other": (
                    "… and {n} more rows, with smaller figures: every row is in {file}."
                ),
                "appendix_rest.one": (
                    "{n} more working, with a smaller value: every working is in {file}."
                ),
                "appendix_rest.other": (
                    "{n} more workings, with smaller values: every working is in {file}."
                ),
                "appendix_sorted": "The workings with the largest present value come first.",
                "contents": "Contents",
                "status_counts": "Commitments by status",
                "untranslated": "Shown in English (no translation in the data): {items}.",
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
                "unit": "Uned",
                "deliveries": "Cyflawniadau",
                "total": "Cyfanswm",
                "recorded": "Wedi'u cyfrif, heb eu prisio",
                "not_valued": "Heb eu prisio",
                "reason": "Rheswm",
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
                "title": "Teitl",
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
                "members_report": "Adroddiad i'r aelodau",
                "count": "Nifer",
                "annex": "Atodiad technegol",
                "annex_link": (
                    "Mae'r atodiad technegol yn cynnwys pob tabl, yr hyn na ellid ei brisio, y "
                    "dulliau a gwaith pob ffigur"
                ),
                "members_link": "Yr adroddiad i'r aelodau: y stori mewn ychydig dudalennau",
                "at_a_glance": "Cipolwg",
                "members_intro": (
                    "Yn {period}, creodd {authority} {total} o werth cymdeithasol (gwerth "
                    "presennol, prisiau {prices})."
                ),
                "members_range": "O ystyried yr ansicrwydd, rhwng {low} a {high}.",
                "equal_values": (
                    "Mae'r gwerth gros, net a phresennol yr un fath yma: nid oes tybiaeth "
                    "ychwanegolrwydd na disgowntio yn eu newid, felly dangosir un ffigur."
                ),
                "outcomes": "Canlyniadau a gyflawnwyd",
                "by_role_story": "Yr hyn a gyflawnwyd, yn ôl rôl",
                "by_theme_story": "Gwerth cymdeithasol yn ôl thema",
                "role_summary.zero": "{value} o werth cymdeithasol, o {n} cyflawniad.",
                "role_summary.one": "{value} o werth cymdeithasol, o {n} cyflawniad.",
                "role_summary.two": "{value} o werth cymdeithasol, o {n} gyflawniad.",
                "role_summary.few": "{value} o werth cymdeithasol, o {n} chyflawniad.",
                "role_summary.many": "{value} o werth cymdeithasol, o {n} chyflawniad.",
                "role_summary.other": "{value} o werth cymdeithasol, o {n} cyflawniad.",
                "role_counted.other": (
                    "{n} cyflawniad wedi'u cyfrif; nid oes gwerth £ i'r un ohonynt eto."
                ),
                "more_outcomes.other": "… a {n} canlyniad arall, yn yr atodiad technegol.",
                "no_role": "Dim rôl wedi'i nodi",
                "spotlights": "Prosiectau dan sylw",
                "spotlight_value": "Gwerth cymdeithasol: {value}",
                "needs_attention": "Angen sylw",
                "more_in_annex.other": "… a {n} arall, yn yr atodiad technegol.",
                "about_figures": "Am y ffigurau hyn",
                "not_valued_summary.other": (
                    "Ni ellid prisio {n} cyflawniad ac nid ydynt mewn unrhyw gyfanswm; mae'r "
                    "atodiad technegol yn eu rhestru yn ôl mesur, gyda'r rhesymau."
                ),
                "share": "Cyfran",
                "chart_data": "Y ffigurau yn y siart",
                "chart_alt": (
                    "Siart bar: {title}. Y mwyaf yw {first} ({value}); mae pob ffigur yn y tabl "
                    "sy'n dilyn."
                ),
                "rest_rows.other": (
                    "… a {n} rhes arall, gyda ffigurau llai: mae pob rhes yn {file}."
                ),
                "appendix_rest.other": (
                    "{n} gwaith arall, gyda gwerthoedd llai: mae pob gwaith yn {file}."
                ),
                "appendix_sorted": "Daw'r gwaith gyda'r gwerth presennol mwyaf yn gyntaf.",
                "contents": "Cynnwys",
                "status_counts": "Ymrwymiadau yn ôl statws",
                "untranslated": "Yn Saesneg (dim cyfieithiad yn y data): {items}.",
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
