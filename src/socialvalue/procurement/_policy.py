"""Scope: an authority's social value policy, and whether a contract is in scope under it."""

from __future__ import annotations

from decimal import Decimal

import attrs

from socialvalue.exceptions import Problem, ValidationError
from socialvalue.money import Money
from socialvalue.procurement._common import (
    _not_blank,
    _optional_weight,
    _percent_problem,
    _weight,
)
from socialvalue.procurement._text import _money, _pct
from socialvalue.provenance import Source

__all__ = ["LCRCA_POLICY", "ScopeDecision", "SocialValuePolicy", "in_scope"]


@attrs.frozen(kw_only=True)
class SocialValuePolicy:
    """An authority's rules for social value in procurement.

    Args:
        id: Short identifier, e.g. ``"lcrca"``.
        title: Human title.
        threshold: Contracts whose value is above this are in scope; ``None`` if the policy sets
            no threshold (every contract is then in scope).
        inclusive: Whether a contract worth exactly the threshold is in scope. ``False`` (the
            default) reads "contracts above £20,000" literally: £20,000.00 itself is out of scope.
        minimum_weight: The least social value weight, in percent of the whole evaluation, that
            a scheme under this policy may use (PPN 06/20 and PPN 002: 10).
        maximum_weight: The most, if the policy sets a range (LCRCA: 20); ``None`` if not.
        source: The document the policy is stated in.
        note: Anything a reader should know (e.g. whether the threshold includes VAT, which the
            LCRCA report does not say).

    >>> policy = SocialValuePolicy(id="council", title="Council policy",
    ...                            threshold=Money("50000"), minimum_weight="15")
    >>> policy.minimum_weight
    Decimal('15')
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    threshold: Money | None = attrs.field(factory=lambda: Money("20000"))
    inclusive: bool = False
    minimum_weight: Decimal = attrs.field(
        default=Decimal(10),
        converter=_weight,
    )
    maximum_weight: Decimal | None = attrs.field(
        default=None,
        converter=_optional_weight,
    )
    source: Source | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        problems = [
            problem
            for problem in (
                _percent_problem("minimum_weight", self.minimum_weight),
                None
                if self.maximum_weight is None
                else _percent_problem("maximum_weight", self.maximum_weight),
            )
            if problem is not None
        ]
        if self.maximum_weight is not None and self.maximum_weight < self.minimum_weight:
            problems.append(
                Problem(
                    "maximum_weight",
                    f"{self.maximum_weight} is below the minimum weight {self.minimum_weight}",
                )
            )
        if self.threshold is not None and self.threshold.amount < 0:
            problems.append(Problem("threshold", f"{self.threshold} is negative"))
        if problems:
            raise ValidationError(problems, subject=f"policy {self.id!r}")

    def weight_range(self) -> str:
        """The weights the policy allows, as text: ``10–20%`` or ``at least 10%``."""
        if self.maximum_weight is None:
            return f"at least {_pct(self.minimum_weight)}%"
        return f"{_pct(self.minimum_weight)}–{_pct(self.maximum_weight)}%"


#: The Liverpool City Region Combined Authority's policy as its Social Value Annual Report 2023
#: states it: social value is part of the decision for all contracts *above* £20,000 (so the
#: threshold itself is out of scope), weighted between 10% and 20%. The report does not say
#: whether the £20,000 includes VAT.
LCRCA_POLICY = SocialValuePolicy(
    id="lcrca",
    title="LCRCA Social Value Policy and Framework (procurement)",
    threshold=Money("20000"),
    inclusive=False,
    minimum_weight=Decimal(10),
    maximum_weight=Decimal(20),
    source=Source(
        title="Social Value Annual Report 2023",
        publisher="Liverpool City Region Combined Authority",
        section="Commissioner: Progress",
    ),
    note=(
        '"Social Value is part of decision-making processes for all contracts above £20,000" '
        'and the weighting is "between 10% and 20%". Whether the threshold includes VAT is '
        "not stated."
    ),
)


@attrs.frozen(kw_only=True)
class ScopeDecision:
    """Whether a contract is in scope for social value, and why (true in a boolean context).

    Attributes:
        in_scope: The answer.
        contract_value: The value tested.
        policy: The policy applied.
        reason: The answer in words, with the figures compared.
    """

    in_scope: bool
    contract_value: Money
    policy: SocialValuePolicy
    reason: str

    def __bool__(self) -> bool:
        return self.in_scope


def in_scope(contract_value: Money, policy: SocialValuePolicy = LCRCA_POLICY) -> ScopeDecision:
    """Whether a contract of this value is in scope for social value under ``policy``.

    The threshold is compared with the value exactly; a policy's ``inclusive`` flag says whether
    a contract worth exactly the threshold is in. Under :data:`LCRCA_POLICY` ("all contracts
    above £20,000") it is not:

    >>> bool(in_scope(Money("20000.01"))), bool(in_scope(Money("20000")))
    (True, False)
    >>> print(in_scope(Money("20000")).reason)  # doctest: +ELLIPSIS
    out of scope: 20000.00 GBP is not above the threshold of 20000.00 GBP (LCRCA ...)

    Pass the contract value your policy means (for example the whole-life value, with or
    without VAT); the function does not guess.

    Raises:
        CurrencyMismatchError: the value and the threshold are in different currencies.
    """
    if not isinstance(contract_value, Money):
        raise TypeError(f"contract_value: expected Money, got {type(contract_value).__name__}")
    threshold = policy.threshold
    if threshold is None:
        return ScopeDecision(
            in_scope=True,
            contract_value=contract_value,
            policy=policy,
            reason=f"in scope: {policy.title} sets no threshold",
        )
    inside = contract_value >= threshold if policy.inclusive else contract_value > threshold
    relation = "at or above" if policy.inclusive else "above"
    verdict = "in scope" if inside else "out of scope"
    negation = "" if inside else "not "
    return ScopeDecision(
        in_scope=inside,
        contract_value=contract_value,
        policy=policy,
        reason=(
            f"{verdict}: {_money(contract_value)} is {negation}{relation} the threshold of "
            f"{_money(threshold)} ({policy.title})"
        ),
    )
