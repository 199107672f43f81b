"""The report as data: what an annual social value report shows, before any formatting.

Every number is an exact ``Decimal`` or :class:`~socialvalue.Money`; renderers round and format
it for a locale. Every headline figure carries the trace of how it was obtained.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from socialvalue.methodology import MethodologyRef, RoundingPolicy
from socialvalue.money import Money

__all__ = [
    "AppraisalLine",
    "Column",
    "CommitmentLine",
    "Exclusion",
    "Headline",
    "Indicator",
    "Report",
    "Table",
    "TraceEntry",
]


@attrs.frozen(kw_only=True)
class Column:
    """A table column: a key, its label and the kind of value it holds.

    ``kind`` is ``text``, ``money``, ``quantity`` or ``count``.
    """

    key: str
    label: str
    kind: str = "text"


@attrs.frozen(kw_only=True)
class Table:
    """A table of a report, with an optional total row computed from unrounded figures."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    total: tuple[object, ...] | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class TraceEntry:
    """How one group of figures was obtained: the working and the evidence behind it."""

    id: str
    measure: str
    title: str
    period: str
    geography: str
    quantity: Decimal
    deliveries: int
    projects: tuple[str, ...]
    evidence: tuple[str, ...]
    present_value: Money | None
    working: str


@attrs.frozen(kw_only=True)
class Headline:
    """A headline figure: an amount or a quantity, with the trace entries behind it."""

    key: str
    label: str
    amount: Money | None = None
    quantity: Decimal | None = None
    unit: str = ""
    trace: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Indicator:
    """A derived figure (a share, a ratio), with how it was computed."""

    key: str
    label: str
    value: Decimal
    kind: str
    basis: str


@attrs.frozen(kw_only=True)
class CommitmentLine:
    """One commitment's status for the report."""

    id: str
    title: str
    role: str
    kind: str
    rag: str
    reasons: str


@attrs.frozen(kw_only=True)
class Exclusion:
    """A valued (or unvalued) group left out of the headline total, or flagged, and why.

    Attributes:
        measure: The measure's code.
        title: The measure's title.
        project: The project it belongs to.
        role: The role it was delivered in.
        period: Its period's label.
        quantity: How much.
        present_value: What it would have added (``None`` if it has no £ value).
        kind: ``target``, ``transfer``, ``overlap`` (excluded) or ``overlap kept`` (flagged under
            the ``warn`` policy, still counted).
        overlaps: The measure it overlaps, if any.
        reason: Why, in words.
    """

    measure: str
    title: str
    project: str
    role: str
    period: str
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


@attrs.frozen(kw_only=True)
class Report:
    """An annual social value report, as data.

    Attributes:
        title: The report's title.
        authority: Who publishes it.
        period: The period it covers (a label such as ``2022/23``).
        methodology: Id, version and content hash of the methodology every figure uses.
        methodology_title: Its title.
        price_base: The prices figures are in (``2024/25``), or ``None`` for each value's own.
        rounding: How figures are rounded when shown.
        generated: The date the report was produced.
        headlines: Headline figures, each traceable.
        tables: By role, by theme, by measure, record-only, not valued.
        indicators: Shares and ratios, each with its basis.
        commitments: Commitments' status, if commitments were given.
        notes: Notes on method and additionality.
        trace: The appendix: how each group of figures was obtained.
        exclusions: Everything left out of the headline total (targets, transfers, overlaps)
            or flagged, each with its amount and reason.
        appraisal: PVB, PVC, NPSV, BCR, SROI, net SROI and leverage per project with costs.
    """

    title: str
    authority: str
    period: str
    methodology: MethodologyRef
    methodology_title: str
    price_base: str | None
    rounding: RoundingPolicy
    generated: dt.date
    headlines: tuple[Headline, ...]
    tables: tuple[Table, ...]
    indicators: tuple[Indicator, ...] = ()
    commitments: tuple[CommitmentLine, ...] = ()
    notes: tuple[str, ...] = ()
    trace: tuple[TraceEntry, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    appraisal: tuple[AppraisalLine, ...] = ()

    def table(self, name: str) -> Table:
        """The table with this name (``by_role``, ``by_theme``, ``by_measure`` …)."""
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)
