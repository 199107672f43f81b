"""Presentation: numbers, money, dates and labels for a locale, rounded once, explicitly.

Babel formats; this module rounds. Every amount is rounded once, here, with the methodology's
:class:`~socialvalue.RoundingPolicy`, and handed to Babel with ``decimal_quantization=False`` so
the number shown is the number computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, get_currency_symbol

from socialvalue._decimal import calculation_context
from socialvalue.exceptions import UnknownCodeError
from socialvalue.methodology import RoundingPolicy
from socialvalue.money import Money

__all__ = ["LABELS", "SUPPORTED_LOCALES", "Formatter"]

#: Report labels by locale. The Welsh (cy_GB) labels are a first draft by the project, to be
#: reviewed by a Welsh speaker before publication; pass your own with ``Formatter(labels=…)``.
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
            }
        ),
    }
)

#: Locales the report labels are available in.
SUPPORTED_LOCALES = tuple(LABELS)

_COMPACT_STEPS = ((Decimal(10) ** 9, 9), (Decimal(10) ** 6, 6), (Decimal(10) ** 3, 3))


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

    def rounded(self, amount: Decimal, places: int | None = None) -> Decimal:
        """``amount`` rounded once with the policy (or to ``places`` with the policy's mode)."""
        exponent = Decimal(1).scaleb(-(self.rounding.places if places is None else places))
        with calculation_context():
            return amount.quantize(exponent, rounding=self.rounding.mode.value)

    def number(self, amount: Decimal, places: int | None = None) -> str:
        """A plain number, grouped for the locale (quantities: exact unless ``places``)."""
        shown = amount if places is None else self.rounded(amount, places)
        return format_decimal(shown, locale=self.locale, decimal_quantization=False)

    def money(self, amount: Money) -> str:
        """An amount with its currency symbol, rounded with the policy."""
        symbol = get_currency_symbol(amount.currency, locale=self.locale)
        places = max(self.rounding.places, 0)
        pattern = "#,##0" + ("." + "0" * places if places else "")
        rounded = self.rounded(amount.amount)
        text = format_decimal(
            rounded.copy_abs(), format=pattern, locale=self.locale, decimal_quantization=False
        )
        return f"-{symbol}{text}" if rounded < 0 else f"{symbol}{text}"

    def compact(self, amount: Money) -> str:
        """A headline amount: ``£8.5 million``, rounded to one decimal of its scale."""
        symbol = get_currency_symbol(amount.currency, locale=self.locale)
        magnitude = abs(amount.amount)
        for step, power in _COMPACT_STEPS:
            if magnitude >= step:
                with calculation_context():
                    scaled = self.rounded(amount.amount / step, 1) * step
                    if scaled.normalize() == scaled.to_integral_value():
                        scaled = scaled.quantize(Decimal(1).scaleb(power - 1))
                text = format_compact_decimal(
                    scaled.copy_abs(), format_type="long", locale=self.locale, fraction_digits=1
                )
                return f"-{symbol}{text}" if scaled < 0 else f"{symbol}{text}"
        return self.money(amount)

    def percent(self, fraction: Decimal, places: int = 1) -> str:
        """A fraction as a percentage (``0.655`` → ``65.5%``)."""
        with calculation_context():
            shown = self.rounded(fraction * 100, places)
        return f"{format_decimal(shown, locale=self.locale, decimal_quantization=False)}%"

    def date(self, day: dt.date) -> str:
        """A date, long form (``9 June 2023``, ``9 Mehefin 2023``)."""
        return format_date(day, format="long", locale=self.locale)
