"""The methods a scheme scores with: price formula, social value method, offer basis."""

from __future__ import annotations

import enum

__all__ = ["_BASIS_WORDS", "OfferBasis", "PriceMethod", "SocialValueMethod"]


class PriceMethod(enum.Enum):
    """How a bid's price is scored.

    ``w`` is the price weight, ``L`` the lowest price of the bids scored, ``p`` the bid's price.

    * ``LOWEST_PRICE_RATIO`` — ``w × L ÷ p``: the lowest price scores the full weight, a price
      twice the lowest scores half. The usual formula in UK public procurement.
    * ``RELATIVE_DIFFERENCE`` — ``w × (1 − (p − L) ÷ L)``, never below 0: every 1% above the
      lowest price loses 1% of the weight; a price twice the lowest or more scores nothing.

    Both depend only on prices relative to the lowest, so scaling every price by the same
    factor changes no score.
    """

    LOWEST_PRICE_RATIO = "lowest_price_ratio"
    RELATIVE_DIFFERENCE = "relative_difference"


class SocialValueMethod(enum.Enum):
    """How the social value part is scored.

    * ``MONETISED`` — each bid's offer (quantities of measures over the contract) is valued in £
      under the scheme's methodology; score = weight × offer ÷ best offer.
    * ``QUALITATIVE`` — evaluators place each response to each award criterion in a score band;
      a response without a specific, measurable and time-bound commitment scores zero (PPN 002).
    * ``COMBINED`` — both; ``monetised_share`` says what percentage of the social value weight
      the monetised part carries, the rest goes to the qualitative part.
    """

    MONETISED = "monetised"
    QUALITATIVE = "qualitative"
    COMBINED = "combined"


class OfferBasis(enum.Enum):
    """Which £ of an offer line's valuation counts as the offer (and the promised value).

    * ``GROSS`` — quantity × proxy value, before additionality (what TOMs-style £ offers usually
      quote);
    * ``NET`` — after the methodology's additionality assumptions (the default: it is what
      :func:`~socialvalue.track` compares a contractual commitment's promised £ with, so the £
      promised at bid and the £ delivered are measured alike);
    * ``PRESENT_VALUE`` — net, persisted and discounted as the methodology says.
    """

    GROSS = "gross"
    NET = "net"
    PRESENT_VALUE = "present_value"


_BASIS_WORDS = {
    OfferBasis.GROSS: "gross £",
    OfferBasis.NET: "net £",
    OfferBasis.PRESENT_VALUE: "present value",
}
