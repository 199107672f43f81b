"""The methodology: everything that turns a reported quantity into £, as one shareable unit.

A :class:`Methodology` bundles a framework, proxy registries (top layer first), a price index and
price base year, additionality assumptions (a default and per-measure ones), a discount schedule
and year convention, the lookup policy and the presentation rounding. It has an id and a version,
and a :attr:`~Methodology.content_hash` that changes when — and only when — something that affects
a result changes, so a published report can name exactly the methodology behind it.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from socialvalue._decimal import to_decimal
from socialvalue._fields import as_tuple, not_blank as _not_blank, string_tuple
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue._sha256 import sha256_hex
from socialvalue.additionality import Additionality
from socialvalue.discounting import DiscountSchedule, YearConvention
from socialvalue.evidence import refused_values
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.framework import Framework, ValuationKind
from socialvalue.money import RoundingMode
from socialvalue.periods import FinancialYear, parse_period
from socialvalue.prices import IndexBasis, PriceIndex, PriceYearError
from socialvalue.provenance import Verification
from socialvalue.proxies import LookupPolicy, ProxyRegistry, RegistryStack
from socialvalue.ranges import AssumptionRange, Uncertainty
from socialvalue.unvalued import UnvaluedReasons

if TYPE_CHECKING:
    from collections.abc import Callable

    from socialvalue.valuation import UnitValue, ValuationKey

__all__ = [
    "BeforeBaseYear",
    "CalendarPrices",
    "MeasureAssumption",
    "Memo",
    "Methodology",
    "MethodologyRef",
    "OverlapPolicy",
    "ProxyDate",
    "ProxyYears",
    "RoundingPolicy",
]


class ProxyDate(enum.Enum):
    """Which date of a delivery's period proxy values are looked up for.

    * ``PERIOD`` — one value must be valid for the whole period (strictest; a period that spans
      two values is an error asking you to split the delivery);
    * ``START`` / ``MIDDLE`` / ``END`` — the value in force on that day of the period.
    """

    PERIOD = "period"
    START = "start"
    MIDDLE = "middle"
    END = "end"


class CalendarPrices(enum.Enum):
    """How a value in calendar-year prices is rebased with a financial-year index.

    * ``ERROR`` — refuse: the index has no calendar-year points;
    * ``MAJORITY_FINANCIAL_YEAR`` — treat calendar year *Y* prices as financial year *Y/Y+1*
      prices, the financial year holding 9 of its 12 months (an approximation, stated in every
      explanation that uses it).
    """

    ERROR = "error"
    MAJORITY_FINANCIAL_YEAR = "majority_financial_year"


class BeforeBaseYear(enum.Enum):
    """What happens to a value in a year before the appraisal base year.

    * ``REFUSE`` — an error: the value cannot be valued under this methodology (listed as not
      valued in a batch or report, never silently counted);
    * ``COMPOUND`` — compounded forward to the base year at the schedule's rates: a value
      ``n`` years before the base year is multiplied by ``1 ÷ DF(n)``, the inverse of the factor
      that would discount it ``n`` years (so discounting there and back is the identity).
    """

    REFUSE = "refuse"
    COMPOUND = "compound"


class ProxyYears(enum.Enum):
    """Which proxy value prices each later year of an outcome's benefit stream.

    * ``FIRST_YEAR`` — the value of the delivery's own year, in real terms, for every year;
    * ``BY_YEAR`` — each year of the stream is looked up for its own year (carbon values rise
      year by year in real terms); a year with no value follows the lookup policy.
    """

    FIRST_YEAR = "first_year"
    BY_YEAR = "by_year"


class OverlapPolicy(enum.Enum):
    """What valuation does with deliveries of measures the framework says overlap.

    Two deliveries overlap when one's measure lists the other's in ``overlaps_with`` and they
    share the methodology's ``overlap_scope`` (the same project, contract, period …). Of each
    pair, the measure that *declares* the overlap is the second (the one named is the first; if
    both name each other, the one later in the framework).

    * ``WARN`` — flag and list the pair; both stay in the totals;
    * ``EXCLUDE_SECOND`` — the second's value is left out of the de-duplicated totals and
      listed as excluded, with the first it overlaps;
    * ``RAISE`` — an error naming every pair.
    """

    WARN = "warn"
    EXCLUDE_SECOND = "exclude_second"
    RAISE = "raise"


#: Delivery attributes an overlap scope may name; ``period`` matches periods sharing a day.
OVERLAP_SCOPES = ("project", "contract", "reporter", "role", "geography", "period")


def _scope(value: object) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
    unknown = [item for item in items if item not in OVERLAP_SCOPES]
    if unknown:
        raise ValueError(
            f"overlap_scope: {', '.join(map(repr, unknown))} is not one of {OVERLAP_SCOPES}"
        )
    return tuple(str(item) for item in items)


# Converters are Python functions, not the enum classes: attrs reads each converter's
# signature when it creates a class, which for a class costs a hundred times more.
def _rounding_mode(value: object) -> RoundingMode:
    return RoundingMode(value)


def _calendar_prices(value: object) -> CalendarPrices:
    return CalendarPrices(value)


def _year_convention(value: object) -> YearConvention:
    return YearConvention(value)


def _before_base_year(value: object) -> BeforeBaseYear:
    return BeforeBaseYear(value)


def _proxy_years(value: object) -> ProxyYears:
    return ProxyYears(value)


def _overlap_policy(value: object) -> OverlapPolicy:
    return OverlapPolicy(value)


def _lookup_policy(value: object) -> LookupPolicy:
    return LookupPolicy(value)


def _proxy_date(value: object) -> ProxyDate:
    return ProxyDate(value)


@attrs.frozen(kw_only=True)
class RoundingPolicy:
    """How figures are rounded when presented (never before).

    >>> RoundingPolicy().places, RoundingPolicy().mode
    (2, <RoundingMode.HALF_UP: 'ROUND_HALF_UP'>)
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    places: int = 2
    mode: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=_rounding_mode)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.places, bool) or not -12 <= self.places <= 12:
            raise ValueError(f"places: {self.places!r} is outside -12..12")


@attrs.frozen(kw_only=True)
class MeasureAssumption:
    """Additionality assumptions for one measure, overriding the methodology's default.

    Args:
        measure: The measure code.
        additionality: The assumptions.
        note: Why these figures: the evidence or convention behind them.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    measure: str
    additionality: Additionality
    note: str = ""


@attrs.frozen
class Memo:
    """Values derived from one methodology, kept with it: unit values by valuation key.

    The object cannot be rebound or replaced; its table fills as :func:`~socialvalue.unit_value`
    first computes each key's value. That is safe because a methodology never changes, so a
    remembered value never goes stale. It is thread-safe in the sense that two threads computing
    the same key store equal values.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    _unit_values: dict[ValuationKey, UnitValue] = attrs.field(factory=dict, init=False)

    def unit_value(
        self, key: ValuationKey, compute: Callable[[ValuationKey], UnitValue]
    ) -> UnitValue:
        """The unit value remembered for ``key``, computing and remembering it the first time."""
        found = self._unit_values.get(key)
        if found is None:
            found = self._unit_values[key] = compute(key)
        return found

    def __len__(self) -> int:
        return len(self._unit_values)


@attrs.frozen(kw_only=True)
class MethodologyRef:
    """What a result names of the methodology behind it: id, version and content hash."""

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str
    version: str
    content_hash: str

    def __str__(self) -> str:
        return f"{self.id} {self.version} (sha256:{self.content_hash[:12]})"


def _financial_year(value: object) -> FinancialYear | None:
    period = parse_period(value) if isinstance(value, str) else value
    if period is not None and not isinstance(period, FinancialYear):
        raise TypeError(f"expected a financial year such as '2024/25', got {value!r}")
    return period


def _share(value: object) -> Decimal | None:
    if value is None:
        return None
    share = to_decimal(value, what="materiality")
    if not Decimal(0) < share < 1:
        raise ValueError(f"materiality: {share} is not a share in (0, 1); write 1% as 0.01")
    return share


def _optional_verification(value: object) -> Verification | None:
    return None if value is None else Verification(value)


def _registries(value: Iterable[ProxyRegistry]) -> tuple[ProxyRegistry, ...]:
    return tuple(value)


def _assumptions(value: Iterable[MeasureAssumption]) -> tuple[MeasureAssumption, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Methodology:
    """A framework, proxy values and assumptions, bundled so partners value things the same way.

    Args:
        id: Short identifier.
        title: Human title.
        version: Version; bump it with every change.
        publisher: Who maintains it.
        description: Free text.
        framework: The taxonomy of measures.
        registries: Proxy registries, top layer first (the first wins; the rest fill gaps).
        price_index: Index used to restate proxy values and £ amounts in ``price_base`` prices.
        price_base: The financial year whose prices results are in; ``None`` leaves every value
            in its own year's prices (nominal), and then no index is needed.
        calendar_prices: How calendar-year prices meet a financial-year index.
        additionality: Default assumptions for every measure.
        assumptions: Per-measure assumptions, overriding the default.
        discount_schedule: Rates for present values.
        year_convention: Whether a value in the base year (or, with no base year, the first year
            of benefit) is year 0 or year 1.
        appraisal_base_year: The financial year present values are discounted to, separately
            from the price base; each year of a stream is discounted from its own year. ``None``
            discounts each outcome only over its own persistence, from its first year (no
            common base year; older methodologies).
        before_base_year: What a value in a year before the base year does
            (:class:`BeforeBaseYear`).
        proxy_years: Which proxy value prices each later year of a stream (:class:`ProxyYears`).
        count_transfers: Whether measures whose value type is ``transfer`` count towards the
            social-value total and NPSV (default: no — money moved is not value created).
        overlap_policy: What happens to overlapping measures (:class:`OverlapPolicy`).
        overlap_scope: What overlapping deliveries must share to be flagged (any of
            :data:`OVERLAP_SCOPES`).
        leverage_measures: Measures counting additional funding attracted (in £), for the
            leverage ratio of a rollup with costs.
        materiality: An optional share of the total below which an outcome is listed as
            immaterial (a screen that lists, never removes).
        lookup_policy: What a proxy lookup does outside the values' dated range.
        carry_forward: Measures whose lookups carry the latest value forward past its validity
            even under a strict ``lookup_policy`` (each result is marked extrapolated).
        proxy_date: Which date of a delivery's period proxy values are looked up for.
        rounding: How results are rounded when presented.
        minimum_verification: The weakest evidence a proxy value may rest on (``secondary``
            refuses ``unverified`` values; ``primary`` refuses both others); ``None`` accepts
            every value. See :mod:`socialvalue.evidence`.
        unvalued_reasons: Why measures without a value have none, in plain words; a batch's
            unvalued groups say it (see :mod:`socialvalue.unvalued`).
        uncertainty: Declared ranges on assumptions and the discount rates, and how Monte Carlo
            draws inputs (:class:`~socialvalue.ranges.Uncertainty`); no central figure
            depends on it.

    Raises:
        ValidationError: listing every problem: registries whose measures or units disagree with
            the framework, assumptions for unknown measures or given twice, a price base outside
            the price index or without one, values below ``minimum_verification`` (each named
            with its tag).
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    version: str = attrs.field(validator=_not_blank)
    publisher: str = attrs.field(validator=_not_blank)
    description: str = ""
    framework: Framework
    registries: tuple[ProxyRegistry, ...] = attrs.field(converter=_registries)
    price_index: PriceIndex | None = None
    price_base: FinancialYear | None = attrs.field(default=None, converter=_financial_year)
    calendar_prices: CalendarPrices = attrs.field(
        default=CalendarPrices.ERROR, converter=_calendar_prices
    )
    additionality: Additionality = attrs.field(factory=Additionality)
    assumptions: tuple[MeasureAssumption, ...] = attrs.field(default=(), converter=_assumptions)
    discount_schedule: DiscountSchedule
    year_convention: YearConvention = attrs.field(
        default=YearConvention.YEAR_0, converter=_year_convention
    )
    appraisal_base_year: FinancialYear | None = attrs.field(default=None, converter=_financial_year)
    before_base_year: BeforeBaseYear = attrs.field(
        default=BeforeBaseYear.REFUSE, converter=_before_base_year
    )
    proxy_years: ProxyYears = attrs.field(default=ProxyYears.FIRST_YEAR, converter=_proxy_years)
    count_transfers: bool = False
    overlap_policy: OverlapPolicy = attrs.field(
        default=OverlapPolicy.WARN, converter=_overlap_policy
    )
    overlap_scope: tuple[str, ...] = attrs.field(
        default=("project", "contract", "period"), converter=_scope
    )
    leverage_measures: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    materiality: Decimal | None = attrs.field(default=None, converter=_share)
    lookup_policy: LookupPolicy = attrs.field(default=LookupPolicy.STRICT, converter=_lookup_policy)
    carry_forward: tuple[str, ...] = attrs.field(default=(), converter=string_tuple)
    proxy_date: ProxyDate = attrs.field(default=ProxyDate.PERIOD, converter=_proxy_date)
    rounding: RoundingPolicy = attrs.field(factory=RoundingPolicy)
    minimum_verification: Verification | None = attrs.field(
        default=None, converter=_optional_verification
    )
    unvalued_reasons: UnvaluedReasons | None = None
    uncertainty: Uncertainty = attrs.field(factory=Uncertainty)
    _assumption_index: Mapping[str, MeasureAssumption] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _stack: RegistryStack = attrs.field(init=False, repr=False, eq=False, hash=False)
    _hash: str = attrs.field(init=False, repr=False, eq=False, hash=False)
    _memo: Memo = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not self.registries:
            problems.append(Problem("registries", "name at least one proxy registry"))
            stack = None
        else:
            stack = RegistryStack(self.registries)
            try:
                stack.check_against(self.framework)
            except ValidationError as error:
                problems.extend(
                    Problem(problem.location.replace("layers[", "registries[", 1), problem.message)
                    for problem in error.problems
                )
        index: dict[str, MeasureAssumption] = {}
        for i, assumption in enumerate(self.assumptions):
            where = f"assumptions[{i}].measure"
            if assumption.measure in index:
                problems.append(Problem(where, f"{assumption.measure} is given twice"))
            elif assumption.measure not in self.framework:
                unknown = UnknownCodeError(
                    "measure", assumption.measure, list(self.framework.measure_codes())
                )
                problems.append(Problem(where, unknown.message))
            elif self.framework.measure(assumption.measure).valuation is ValuationKind.RECORD_ONLY:
                problems.append(
                    Problem(where, f"{assumption.measure} is record-only: it is never valued")
                )
            else:
                index[assumption.measure] = assumption
        problems.extend(self._check_prices())
        problems.extend(
            Problem(f"carry_forward[{i}]", f"{code} is not a proxy measure of the framework")
            for i, code in enumerate(self.carry_forward)
            if code not in self.framework
            or self.framework.measure(code).valuation is not ValuationKind.PROXY
        )
        if self.minimum_verification is not None:
            problems.extend(refused_values(self.registries, self.minimum_verification))
        problems.extend(self._check_ranges(index))
        if problems:
            raise ValidationError(problems, subject=f"methodology {self.id!r}")
        object.__setattr__(self, "_assumption_index", MappingProxyType(index))
        object.__setattr__(self, "_stack", stack)
        object.__setattr__(self, "_hash", _content_hash(self))
        object.__setattr__(self, "_memo", Memo())

    def _check_prices(self) -> list[Problem]:
        if self.price_base is None:
            return []
        if self.price_index is None:
            return [Problem("price_index", "a price base needs a price index to rebase with")]
        if self.price_index.basis is not IndexBasis.FINANCIAL_YEAR:
            return [Problem("price_index", "the price index must be by financial year")]
        try:
            self.price_index.point(self.price_base)
        except PriceYearError as error:
            return [Problem("price_base", str(error))]
        return []

    def _check_ranges(self, index: Mapping[str, MeasureAssumption]) -> list[Problem]:
        problems: list[Problem] = []
        seen: set[tuple[str | None, str]] = set()
        for i, declared in enumerate(self.uncertainty.ranges):
            where = f"uncertainty.ranges[{i}]"
            if (declared.measure, declared.factor) in seen:
                problems.append(Problem(where, f"{declared.label} is given twice"))
                continue
            seen.add((declared.measure, declared.factor))
            if declared.measure is None:
                central_of = self.additionality
            elif declared.measure not in self.framework:
                unknown = UnknownCodeError(
                    "measure", declared.measure, list(self.framework.measure_codes())
                )
                problems.append(Problem(f"{where}.measure", unknown.message))
                continue
            elif self.framework.measure(declared.measure).valuation is ValuationKind.RECORD_ONLY:
                problems.append(Problem(f"{where}.measure", f"{declared.measure} is record-only"))
                continue
            else:
                own = index.get(declared.measure)
                central_of = self.additionality if own is None else own.additionality
            problems.extend(_range_problems(declared, getattr(central_of, declared.factor), where))
        discount = self.uncertainty.discount
        if discount is not None:
            lowest = min(band.rate for band in self.discount_schedule.bands)
            if lowest + discount.low < 0:
                problems.append(
                    Problem(
                        "uncertainty.discount.low",
                        f"a shift of {discount.low} takes the rate {lowest} below zero",
                    )
                )
        return problems

    @property
    def registry(self) -> RegistryStack:
        """The registries as one stack, top layer first."""
        return self._stack

    @property
    def content_hash(self) -> str:
        """SHA-256 of everything that affects a result, as hex (stable across machines)."""
        return self._hash

    @property
    def ref(self) -> MethodologyRef:
        """Id, version and content hash, for results and reports to name."""
        return MethodologyRef(id=self.id, version=self.version, content_hash=self._hash)

    def unvalued_reason(self, measure: str) -> str | None:
        """Why ``measure`` has no value, in plain words, when no layer holds any value for it."""
        if self.unvalued_reasons is None or measure in self._stack.measures():
            return None
        return self.unvalued_reasons.reason(measure)

    def lookup_policy_for(self, measure: str) -> LookupPolicy:
        """The lookup policy for one measure: carry-forward if the methodology names it."""
        if measure in self.carry_forward:
            return LookupPolicy.CARRY_FORWARD
        return self.lookup_policy

    def additionality_for(self, measure: str) -> tuple[Additionality, str]:
        """The assumptions for a measure and where they come from (``default`` or ``measure``)."""
        assumption = self._assumption_index.get(measure)
        if assumption is None:
            return self.additionality, "default"
        return assumption.additionality, "measure"

    def memo(self) -> Memo:
        """The values derived from this methodology so far (unit values); see :class:`Memo`."""
        return self._memo


def _range_problems(declared: AssumptionRange, central: Decimal, where: str) -> list[Problem]:
    problems = []
    if not declared.low <= central <= declared.high:
        problems.append(
            Problem(
                where,
                f"{declared.label}: the central value {central} is outside "
                f"[{declared.low}, {declared.high}]",
            )
        )
    if declared.factor == "multiplier":
        if declared.low < 1:
            problems.append(Problem(f"{where}.low", f"{declared.low} is less than 1"))
    elif declared.low < 0 or declared.high > 1:
        problems.append(Problem(where, f"[{declared.low}, {declared.high}] is not within [0, 1]"))
    return problems


def _uncertainty_data(uncertainty: Uncertainty) -> dict[str, Any]:
    discount = uncertainty.discount
    return {
        "ranges": sorted(
            [
                r.measure or "",
                r.factor,
                _d(r.low),
                _d(r.high),
                r.distribution.value,
                _d(r.sd) or "",
            ]
            for r in uncertainty.ranges
        ),
        "discount": None
        if discount is None
        else [_d(discount.low), _d(discount.high), discount.distribution.value, _d(discount.sd)],
        "proxies": sorted(
            [p.measure or "", p.distribution.value, _d(p.sd) or ""] for p in uncertainty.proxies
        ),
    }


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value.normalize())


def _additionality_data(value: Additionality) -> dict[str, Any]:
    return {
        "deadweight": _d(value.deadweight),
        "leakage": _d(value.leakage),
        "displacement": _d(value.displacement),
        "substitution": _d(value.substitution),
        "attribution": _d(value.attribution),
        "multiplier": _d(value.multiplier),
        "duration_years": value.duration_years,
        "drop_off": _d(value.drop_off),
    }


def _appraisal_data(methodology: Methodology) -> dict[str, Any]:
    """The appraisal rules (#13) that differ from their defaults, for the hash."""
    found: dict[str, Any] = {}
    if methodology.appraisal_base_year is not None:
        found["base_year"] = methodology.appraisal_base_year.label
    if methodology.before_base_year is not BeforeBaseYear.REFUSE:
        found["before_base_year"] = methodology.before_base_year.value
    if methodology.proxy_years is not ProxyYears.FIRST_YEAR:
        found["proxy_years"] = methodology.proxy_years.value
    if methodology.count_transfers:
        found["count_transfers"] = True
    if methodology.overlap_policy is not OverlapPolicy.WARN:
        found["overlap_policy"] = methodology.overlap_policy.value
    if methodology.overlap_scope != ("project", "contract", "period"):
        found["overlap_scope"] = list(methodology.overlap_scope)
    if methodology.leverage_measures:
        found["leverage_measures"] = list(methodology.leverage_measures)
    return found


def _content_hash(methodology: Methodology) -> str:
    """Hash what changes a figure or how figures group; titles, notes, sources and licences do not.

    Decimals are normalised (``1.50`` and ``1.5`` hash alike, as they value alike).
    """
    framework = methodology.framework
    data: dict[str, Any] = {
        "measures": [
            [
                theme.code,
                outcome.code,
                m.code,
                m.unit,
                m.valuation.value,
                m.value_type.value,
                sorted(framework.tags_of(m.code)),
                framework.unit_of(m.code).currency,
            ]
            for theme, outcome, m in framework.walk()
        ],
        "registries": [
            {
                "geographies": [[g.code, g.parent] for g in layer.geographies],
                "values": sorted(
                    [
                        v.measure,
                        v.unit,
                        _d(v.value),
                        v.currency,
                        v.price_base.label,
                        v.valid_from.isoformat(),
                        v.valid_to.isoformat() if v.valid_to else "",
                        v.geography,
                        v.net_of_deadweight,
                        v.value_type.value if v.value_type else "",
                        # The range: scenarios, sensitivity and simulations depend on it.
                        _d(v.low) or "",
                        _d(v.high) or "",
                    ]
                    for v in layer.values
                ),
            }
            for layer in methodology.registries
        ],
        "price_index": None
        if methodology.price_index is None or methodology.price_base is None
        else [[p.year.label, _d(p.value)] for p in methodology.price_index.points],
        "price_base": None if methodology.price_base is None else methodology.price_base.label,
        "calendar_prices": methodology.calendar_prices.value,
        "additionality": _additionality_data(methodology.additionality),
        "assumptions": sorted(
            [a.measure, _additionality_data(a.additionality)] for a in methodology.assumptions
        ),
        "discount": [
            [b.first_year, b.last_year, _d(b.rate)] for b in methodology.discount_schedule.bands
        ],
        "year_convention": methodology.year_convention.value,
        "lookup_policy": methodology.lookup_policy.value,
        "proxy_date": methodology.proxy_date.value,
        "rounding": [methodology.rounding.places, methodology.rounding.mode.value],
    }
    appraisal = _appraisal_data(methodology)
    if appraisal:  # only what differs from the defaults: older hashes hold
        data["appraisal"] = appraisal
    if methodology.carry_forward:  # absent when unset: older hashes hold
        data["carry_forward"] = sorted(methodology.carry_forward)
    if methodology.minimum_verification is not None:  # absent when unset: older hashes hold
        data["minimum_verification"] = methodology.minimum_verification.value
    if methodology.uncertainty.declared:
        # Only when declared, so that a methodology without ranges keeps its hash; ranges change
        # no central figure, but scenarios and simulations depend on them.
        data["uncertainty"] = _uncertainty_data(methodology.uncertainty)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return sha256_hex(text.encode("ascii"))
