"""The report as data: what an annual social value report shows, before any formatting.

Every number is an exact ``Decimal`` or :class:`~socialvalue.Money`, every period a period
object, every status a code; the only words are titles that come from the data (measure, theme
and role titles from the framework, commitment titles, source citations, the explanation steps
written by the valuation). Renderers label, round and format it for a locale, so one built
report renders in English and in Welsh. Every headline figure carries the trace of how it was
obtained.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeAlias

import attrs

from socialvalue.methodology import MethodologyRef, RoundingPolicy
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod
from socialvalue.valuation import Step

__all__ = [
    "AppraisalLine",
    "Column",
    "CommitmentLine",
    "Exclusion",
    "Headline",
    "Indicator",
    "Note",
    "Outcome",
    "Report",
    "RoleSummary",
    "Spotlight",
    "Table",
    "TraceEntry",
]

Pair: TypeAlias = tuple[str, object]

#: The kinds of value a table column holds; renderers format each kind its own way.
COLUMN_KINDS = (
    "code",
    "name",
    "text",
    "money",
    "quantity",
    "count",
    "period",
    "ratio",
    "percent",
)


@attrs.frozen(kw_only=True)
class Column:
    """A table column: a key (renderers label it in their locale) and the kind of value.

    ``kind`` is one of ``code`` (a measure code), ``name`` (a title from the data; ``None``
    when the data has none, shown as "(none)"), ``text`` (other text from the data), ``money``
    (:class:`~socialvalue.Money`), ``quantity`` (an exact ``Decimal``), ``count`` (an ``int``),
    ``period``, ``ratio`` (a ``Decimal`` shown to two places) or ``percent`` (a share).
    """

    key: str
    kind: str = attrs.field(default="text", validator=attrs.validators.in_(COLUMN_KINDS))


@attrs.frozen(kw_only=True)
class Table:
    """A table of a report, with an optional total row computed from unrounded figures.

    Renderers title it from its ``name``. The total row's first cell is ``None``: renderers
    write "Total" in their locale; other cells that do not apply are ``None`` too.
    """

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    total: tuple[object, ...] | None = None


@attrs.frozen(kw_only=True)
class TraceEntry:
    """How one group of figures was obtained: the working and the evidence behind it.

    Attributes:
        id: ``T1``, ``T2`` … (headlines name them).
        measure: The measure's code; ``title`` its title in the framework.
        period: The period of the group's deliveries.
        geography: Where.
        quantity: Their summed quantity (exact).
        deliveries: How many deliveries.
        projects: The projects they belong to, first seen first.
        evidence: Their evidence references, first seen first.
        steps: The working of the unit value, step by step, as the valuation wrote it.
        currency: The currency of the unit value.
        gross: ``quantity`` × the gross unit value; ``None`` for a record-only measure. Likewise
            ``net`` and ``present_value``.
    """

    id: str
    measure: str
    title: str
    period: AnyPeriod
    geography: str
    quantity: Decimal
    deliveries: int
    projects: tuple[str, ...]
    evidence: tuple[str, ...]
    steps: tuple[Step, ...]
    currency: str
    gross: Money | None
    net: Money | None
    present_value: Money | None


@attrs.frozen(kw_only=True)
class Headline:
    """A headline figure: an amount or a quantity, with the trace entries behind it.

    ``key`` is ``total_present_value``, ``gross`` or ``net`` for the amounts (renderers label
    them), or a measure's code for a quantity, with the measure's ``title`` and ``unit`` label
    from the framework (``unit_kind`` is the unit's kind: ``count``, ``people``, ``time`` …).

    ``low`` and ``high`` are the range of an amount, when the methodology's uncertainty gives one
    (low/high proxies and assumption ranges); renderers show the range beside the central
    figure, and nothing when they are ``None``.
    """

    key: str
    amount: Money | None = None
    quantity: Decimal | None = None
    title: str = ""
    unit: str = ""
    trace: tuple[str, ...] = ()
    low: Money | None = None
    high: Money | None = None
    unit_kind: str = ""


@attrs.frozen(kw_only=True)
class Indicator:
    """A derived figure (a share, a ratio): ``value`` = ``numerator`` ÷ ``denominator``.

    Attributes:
        key: ``contracts_with_social_value``, ``local_spend_share``, ``sroi`` or
            ``cost_per_outcome``.
        kind: ``percent`` (a share, shown as a percentage) or ``ratio``.
        value: The figure, exact.
        numerator: What was divided: a quantity or an amount.
        denominator: What it was divided by.
        numerator_measures: The measures the numerator adds up.
        denominator_measure: The measure the denominator counts, if it is one.
        subject: What the figure is about (the project of an SROI ratio), or ``""``.
    """

    key: str
    kind: str
    value: Decimal
    numerator: Decimal | Money
    denominator: Decimal | Money
    numerator_measures: tuple[str, ...] = ()
    denominator_measure: str = ""
    subject: str = ""


@attrs.frozen(kw_only=True)
class CommitmentLine:
    """One commitment's status for the report.

    ``kind`` and ``rag`` are codes (``day_one``, ``not_started`` …) that renderers label;
    ``colour`` is the colour it shows (``green`` for a commitment met, ``complete``, as for
    ``green``; see :attr:`socialvalue.tracking.Rag.colour`); ``role`` is the role's title in the
    framework (or its code); ``reasons`` are the tracking's reasons for the status, as it wrote
    them (a met commitment's cite the evidence that it was met).
    """

    id: str
    title: str
    role: str
    kind: str
    rag: str
    reasons: tuple[str, ...] = ()
    colour: str = ""


@attrs.frozen(kw_only=True)
class Outcome:
    """A measure's delivered quantity, with its present value when it has one.

    ``title`` and ``unit`` come from the framework; ``unit_kind`` is the unit's kind.
    """

    measure: str
    title: str
    quantity: Decimal
    unit: str
    unit_kind: str = ""
    present_value: Money | None = None


@attrs.frozen(kw_only=True)
class RoleSummary:
    """What the authority achieved in one role: its present value and its outcomes.

    ``role`` is the role's title in the framework (``None`` for deliveries with no role);
    ``outcomes`` are sorted by present value, then quantity, largest first.
    """

    role: str | None
    present_value: Money | None
    deliveries: int
    outcomes: tuple[Outcome, ...]


@attrs.frozen(kw_only=True)
class Spotlight:
    """A project spotlight: the authority's words, with its figures pulled from the data.

    ``heading`` and ``text`` are written by the authority (a spotlights file); ``figures`` are
    the project's outcomes and ``present_value`` its total, from the deliveries.
    """

    project: str
    heading: str
    text: str
    figures: tuple[Outcome, ...]
    present_value: Money | None
    deliveries: int


def _pairs(values: Mapping[str, object] | Iterable[tuple[str, object]]) -> tuple[Pair, ...]:
    items = values.items() if isinstance(values, Mapping) else values
    return tuple((str(name), value) for name, value in items)


@attrs.frozen(kw_only=True)
class Note:
    """A note on method: a key that renderers write out in their locale, and its figures.

    ``values`` fills the note's placeholders: a :class:`~socialvalue.MethodologyRef`, titles
    from the data, periods, counts (``n``). Give it as a mapping; it is kept as a tuple of
    ``(name, value)`` pairs, so a note (and a report) stays hashable. The keys are
    ``methodology``, ``prices``, ``no_additionality``, ``additionality``, ``discounting``,
    ``unvalued`` and ``extrapolated``.

    >>> Note(key="unvalued", values={"n": 15})
    Note(key='unvalued', values=(('n', 15),))
    """

    key: str
    values: tuple[Pair, ...] = attrs.field(default=(), converter=_pairs)


@attrs.frozen(kw_only=True)
class Exclusion:
    """A valued (or unvalued) group left out of the headline total, or flagged, and why.

    Attributes:
        measure: The measure's code.
        title: The measure's title.
        project: The project it belongs to.
        role: The role it was delivered in.
        period: Its period.
        quantity: How much.
        present_value: What it would have added (``None`` if it has no £ value).
        kind: ``target``, ``transfer``, ``overlap`` (excluded), ``overlap kept`` (flagged under
            the ``warn`` policy, still counted) or ``possible overlap`` (overlapping measures
            delivered in the same period outside the methodology's ``overlap_scope``: listed,
            not de-duplicated; see :meth:`~socialvalue.ValuationBatch.possible_overlaps`).
        overlaps: The measure it overlaps, if any.
        reason: Why, in words.
    """

    measure: str
    title: str
    project: str
    role: str
    period: AnyPeriod
    quantity: Decimal
    present_value: Money | None
    kind: str
    overlaps: str = ""
    reason: str = ""


@attrs.frozen(kw_only=True)
class AppraisalLine:
    """PVB, PVC and the ratios of one project that has costs.

    Ratios are ``None`` where they have no meaning (no inputs, no costs, nothing attracted).

    Attributes:
        project: The project.
        pvb: Present value of benefits (delivered, de-duplicated, no transfers).
        pvc: Present value of costs.
        inputs: Value of inputs (costs in real base-year prices, undiscounted).
        npsv: PVB − PVC.
        bcr: PVB ÷ PVC.
        sroi: PVB ÷ inputs.
        net_sroi: (PVB − inputs) ÷ inputs.
        attracted: Funding attracted (the methodology's leverage measures), if any.
        leverage: Funding attracted ÷ inputs.
        transfers: Present value of transfers kept out of PVB.
        benefits_unvalued: Outcome measures the project delivered that are counted but not
            valued in money (:attr:`socialvalue.rollup.Totals.benefits_unvalued`): PVB, NPSV
            and the ratios leave them out, and the report says so beside the ratios.
    """

    project: str
    pvb: Money
    pvc: Money
    inputs: Money
    npsv: Money
    bcr: Decimal | None
    sroi: Decimal | None
    net_sroi: Decimal | None
    attracted: Money
    leverage: Decimal | None
    transfers: Money
    benefits_unvalued: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Report:
    """An annual social value report, as data.

    Attributes:
        title: The report's title.
        authority: Who publishes it.
        period: The period it covers, as the publisher names it (``2022/23``).
        methodology: Id, version and content hash of the methodology every figure uses.
        methodology_title: Its title.
        price_base: The period whose prices figures are in, or ``None`` for each value's own.
        rounding: How figures are rounded when shown.
        generated: The date the report was produced.
        headlines: Headline figures, each traceable.
        tables: By role, by theme, by measure, record-only, not valued.
        indicators: Shares and ratios, each with its basis.
        commitments: Commitments' status, if commitments were given.
        notes: Notes on method and additionality, as data (:class:`Note`).
        trace: The appendix: how each group of figures was obtained.
        roles: By role, the present value and outcomes (the members' report's narrative).
        spotlights: Project spotlights, with their figures from the data.
        exclusions: Everything left out of the headline total (targets, transfers, overlaps)
            or flagged, each with its amount and reason.
        appraisal: PVB, PVC, NPSV, BCR, SROI, net SROI and leverage per project with costs.
    """

    title: str
    authority: str
    period: str
    methodology: MethodologyRef
    methodology_title: str
    price_base: AnyPeriod | None
    rounding: RoundingPolicy
    generated: dt.date
    headlines: tuple[Headline, ...]
    tables: tuple[Table, ...]
    indicators: tuple[Indicator, ...] = ()
    commitments: tuple[CommitmentLine, ...] = ()
    notes: tuple[Note, ...] = ()
    trace: tuple[TraceEntry, ...] = ()
    roles: tuple[RoleSummary, ...] = ()
    spotlights: tuple[Spotlight, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    appraisal: tuple[AppraisalLine, ...] = ()

    def table(self, name: str) -> Table:
        """The table with this name (``by_role``, ``by_theme``, ``by_measure`` …)."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)
