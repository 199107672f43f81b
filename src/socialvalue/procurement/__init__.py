"""Procurement: whether social value is in scope, how bids are scored on it, and what follows.

A procurement officer

1. checks whether a contract is **in scope** for social value under the authority's policy
   (:func:`in_scope` with a :class:`SocialValuePolicy`; :data:`LCRCA_POLICY` ships the Liverpool
   City Region Combined Authority's: contracts *above* £20,000, usually weighted 10–20% —
   current practice, not a cap: a weight outside it warns with a
   :class:`SocialValueWeightWarning`);
2. defines an :class:`EvaluationScheme` — price, quality and social value weights in percent
   (adding up to 100), how price is scored (:class:`PriceMethod`), and how social value is scored
   (:class:`SocialValueMethod`): *monetised* (each bid's £ offer valued under a
   :class:`~socialvalue.Methodology` and scored relative to the best offer), *qualitative* (award
   criteria scored in configurable :class:`ScoreBand` s; optionally, as the scheme's own rule,
   a response without a specific, measurable and time-bound commitment scores zero) or both,
   each part's share stated;
3. scores a set of :class:`Bid` s for a :class:`Tender` with :func:`evaluate`, which rejects bad
   bids with every reason (unknown measure, wrong unit, value outside the contract's term, area or
   invited measures, a line no proxy value answers for) instead of scoring them, ranks the rest,
   reports ties, explains every score, and says what the weighting implies: the price of a point
   and the social value weight at which the winner would change;
4. hands the awarded bid's offer to contract tracking with :func:`award` (contractual
   :class:`~socialvalue.Commitment` s), and publishes the criteria as an OCDS sustainability
   fragment with :func:`ocds_sustainability`.

Conventions (all stated again where they are used):

* Weights, shares and band scores are **percentages from 0 to 100**, as exact ``Decimal``
  (``"60"``, not ``"0.6"``); scores are points out of 100.
* Scores are computed exactly and rounded once, to the scheme's ``places``, for presentation;
  ranks and ties are decided on the rounded totals, so bids that look level are reported as tied
  rather than separated by an invisible fraction of a point.
* Nothing in this package reads or writes files.

Import everything from here; the names live in five modules — :mod:`~.scheme` (policy, scope,
methods, bands, criteria, the scheme), :mod:`~.bids` (the tender and its bids),
:mod:`~.evaluation` (checking, scoring, ranking, sensitivity), :mod:`~.award` and :mod:`~.ocds` —
each listing its public names in its ``__all__``, from which this package's ``__all__`` is built.

References:
    Liverpool City Region Combined Authority, *Social Value Annual Report 2023*, "Commissioner:
    Progress" — "Social Value is part of decision-making processes for all contracts above
    £20,000", weighting "between 10% and 20%".
    Cabinet Office, *Procurement Policy Note 06/20* (2020): social value explicitly evaluated with
    a minimum 10% weighting of the total score.
    Cabinet Office, *Procurement Policy Note 002* (2025): minimum 10% weighting; buyers expect
    specific, measurable and time-bound commitments (it sets no rule that a response without one
    scores zero: that is an authority's own scoring choice, ``requires_commitment``).
    Open Contracting Partnership, OCDS Sustainability extension
    (``open-contracting-extensions/ocds_sustainability_extension``): ``release-schema.json`` and
    the ``sustainabilityGoal`` / ``sustainabilityStrategy`` codelists.
"""

# Each public name is written once, in its module's ``__all__``; the package's ``__all__`` is
# built from them. The modules are bound under private names first: the function ``award``
# shadows the module of the same name once it is imported.
from socialvalue.procurement import (
    award as _award_module,
    bids as _bids_module,
    evaluation as _evaluation_module,
    ocds as _ocds_module,
    scheme as _scheme_module,
)
from socialvalue.procurement.award import *  # noqa: F403
from socialvalue.procurement.bids import *  # noqa: F403
from socialvalue.procurement.evaluation import *  # noqa: F403
from socialvalue.procurement.ocds import *  # noqa: F403
from socialvalue.procurement.scheme import *  # noqa: F403

__all__: list[str] = []
__all__ += _scheme_module.__all__
__all__ += _bids_module.__all__
__all__ += _evaluation_module.__all__
__all__ += _award_module.__all__
__all__ += _ocds_module.__all__
