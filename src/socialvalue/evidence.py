"""Policy on evidence: how well checked a value must be, and how much rests on each level.

Every proxy value carries a :class:`~socialvalue.provenance.Verification` tag — ``primary``
(read in its source), ``secondary`` (read where another public source quotes it) or
``unverified``. A methodology can refuse values below a level
(:attr:`Methodology.minimum_verification <socialvalue.Methodology.minimum_verification>`);
:func:`refused_values` lists them, naming each value and its tag. :func:`total_by_verification`
says how much of a batch's total rests on each level, exactly: the parts add up to the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from socialvalue.exceptions import Problem
from socialvalue.money import Money
from socialvalue.provenance import Verification

if TYPE_CHECKING:
    from socialvalue.batch import ValuationBatch
    from socialvalue.proxies import ProxyRegistry

__all__ = ["RANK", "meets", "refused_values", "total_by_verification", "weakest"]

#: Verification levels from the strongest evidence to the weakest.
RANK: tuple[Verification, ...] = (
    Verification.PRIMARY,
    Verification.SECONDARY,
    Verification.UNVERIFIED,
)


def meets(tag: Verification, minimum: Verification) -> bool:
    """Whether evidence tagged ``tag`` is at least as strong as ``minimum``.

    >>> meets(Verification.SECONDARY, Verification.SECONDARY)
    True
    >>> meets(Verification.UNVERIFIED, Verification.SECONDARY)
    False
    """
    return RANK.index(tag) <= RANK.index(minimum)


def weakest(tags: Iterable[Verification]) -> Verification:
    """The weakest of several tags: a figure built from others is only as checked as its least.

    >>> weakest([Verification.PRIMARY, Verification.SECONDARY]).value
    'secondary'
    """
    found = list(tags)
    if not found:
        raise ValueError("tags: expected at least one verification tag")
    return max(found, key=RANK.index)


def refused_values(
    registries: Iterable[ProxyRegistry], minimum: Verification, *, prefix: str = "registries"
) -> Iterator[Problem]:
    """Every value whose verification is below ``minimum``, naming the value and its tag."""
    for n, registry in enumerate(registries):
        for i, value in enumerate(registry.values):
            if not meets(value.verification, minimum):
                yield Problem(
                    f"{prefix}[{n}].values[{i}].verification",
                    f"{value.measure} ({value.geography}, valid {value.validity}) in registry "
                    f"{registry.id!r} is {value.verification.value}; this methodology requires "
                    f"at least {minimum.value}",
                )


#: The key under which :func:`total_by_verification` puts amounts that rest on no proxy value:
#: financial measures, whose reported £ is the value.
REPORTED = "reported"


def total_by_verification(
    batch: ValuationBatch,
    *,
    field: Literal["gross", "net", "present_value"] = "present_value",
    currency: str = "GBP",
) -> dict[str, Money]:
    """How much of a batch's total rests on each verification level, exactly.

    Keys are ``primary``, ``secondary``, ``unverified`` (the tag of the proxy value used) and
    ``reported`` (financial measures: the reported £ is the value). Only levels with a group
    appear; the amounts add up to the batch's total of ``field`` exactly.

    >>> from socialvalue import default_methodology, value_many
    >>> from socialvalue.io import example_deliveries
    >>> from socialvalue.money import sum_money
    >>> batch = value_many(example_deliveries(), default_methodology(), unvalued="report")
    >>> parts = total_by_verification(batch)
    >>> sorted(parts)  # the reported £ amounts are transfers, in no total
    ['secondary']
    >>> sum_money(parts.values()) == batch.total_present_value()
    True
    """
    totals: dict[str, Money] = {}
    for group in batch.groups:
        amount = getattr(group, field)
        if not group.counted or amount is None or amount.currency != currency:
            continue  # targets, transfers and excluded overlaps are in no total
        lookup = group.unit.lookup
        level = REPORTED if lookup is None else lookup.value.verification.value
        totals[level] = totals.get(level, Money.zero(currency)) + amount
    order = [tag.value for tag in RANK] + [REPORTED]
    return {level: totals[level] for level in order if level in totals}
