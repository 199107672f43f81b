"""Publication: the scheme's social value criteria as an OCDS sustainability fragment."""

from __future__ import annotations

from socialvalue.procurement._common import HUNDRED, pct
from socialvalue.procurement.scheme import EvaluationScheme, SocialValueMethod

__all__ = ["OCDS_CROSSWALK", "ocds_sustainability"]

#: The crosswalk scheme (:class:`~socialvalue.Crosswalk`) a measure uses to name its OCDS
#: sustainability goal code; :func:`ocds_sustainability` reads it for invited measures.
OCDS_CROSSWALK = "ocds-sustainability"


def ocds_sustainability(scheme: EvaluationScheme) -> dict[str, object]:
    """The scheme's social value criteria as an OCDS sustainability extension fragment.

    Returns a JSON-ready object to merge into a release's ``tender`` (or a lot):
    ``hasSustainability`` and ``sustainability[]``, each entry with ``goal`` (when known),
    ``strategies`` and ``description``. These field names, and the strategy codes
    ``awardCriteria`` and ``contractPerformanceConditions``, are those of the OCDS
    Sustainability extension (``release-schema.json``, README and
    ``codelists/sustainabilityStrategy.csv`` of
    ``open-contracting-extensions/ocds_sustainability_extension``).
    ``contractPerformanceConditions`` is added when the scheme is ``contractual`` (the winning
    offer is written into the contract).

    Goals are never guessed: a qualitative criterion's goal is its ``ocds_goal``; a monetised
    part's goals are the invited measures' crosswalk codes in the ``ocds-sustainability``
    scheme (:data:`OCDS_CROSSWALK`). Where none is configured the entry has no ``goal``, as the
    extension allows. Entries with the same goal are merged. The goal codelist is open and the
    schema advises also listing a sub-code's ancestors (``social`` for ``social.smeInclusion``):
    configure them if you follow that advice.

    >>> import json
    >>> from socialvalue.procurement import AwardCriterion, EvaluationScheme, ScoreBand
    >>> scheme = EvaluationScheme(
    ...     id="s", title="Services", price_weight=60, quality_weight=30, social_value_weight=10,
    ...     social_value_method="qualitative",
    ...     bands=[ScoreBand(label="Good", score=70), ScoreBand(label="None", score=0)],
    ...     criteria=[AwardCriterion(id="1a", title="Create and retain high-quality jobs",
    ...                              weight=100, ocds_goal="social")])
    >>> print(json.dumps(ocds_sustainability(scheme)))  # doctest: +NORMALIZE_WHITESPACE
    {"hasSustainability": true, "sustainability": [{"goal": "social",
     "strategies": ["awardCriteria", "contractPerformanceConditions"],
     "description": "Social value award criterion 1a Create and retain high-quality jobs
     (qualitative; 100% of the 10% social value weight)"}]}
    """
    if scheme.social_value_weight == 0:
        return {"hasSustainability": False}
    strategies = ["awardCriteria"]
    if scheme.contractual:
        strategies.append("contractPerformanceConditions")
    entries: list[tuple[str | None, str]] = []
    sv = pct(scheme.social_value_weight)
    if scheme.has_monetised_part:
        share = pct(scheme.monetised_fraction * HUNDRED)
        text = (
            f"Social value offers valued in £ and scored relative to the best offer "
            f"({share}% of the {sv}% social value weight)"
        )
        goals: list[str | None] = list(_monetised_goals(scheme)) or [None]
        entries.extend((goal, text) for goal in goals)
    entries.extend(
        (
            criterion.ocds_goal,
            f"Social value award criterion {criterion.id} {criterion.title} (qualitative; "
            f"{pct(criterion.weight)}% of the {sv}% social value weight)"
            if scheme.social_value_method is SocialValueMethod.QUALITATIVE
            else f"Social value award criterion {criterion.id} {criterion.title} (qualitative; "
            f"{pct(criterion.weight)}% of the qualitative part)",
        )
        for criterion in (scheme.criteria if scheme.has_qualitative_part else ())
    )
    merged: dict[str | None, list[str]] = {}
    for goal, text in entries:
        texts = merged.setdefault(goal, [])
        if text not in texts:
            texts.append(text)
    sustainability: list[dict[str, object]] = []
    for goal, texts in merged.items():
        entry: dict[str, object] = {} if goal is None else {"goal": goal}
        entry["strategies"] = list(strategies)
        entry["description"] = "; ".join(texts)
        sustainability.append(entry)
    return {"hasSustainability": True, "sustainability": sustainability}


def _monetised_goals(scheme: EvaluationScheme) -> list[str]:
    methodology = scheme.methodology
    if methodology is None:
        return []
    framework = methodology.framework
    codes = scheme.measures if scheme.measures is not None else framework.measure_codes()
    goals: list[str] = []
    for code in codes:
        for crosswalk in framework.measure(code).crosswalk:
            if crosswalk.scheme == OCDS_CROSSWALK and crosswalk.code not in goals:
                goals.append(crosswalk.code)
    return goals
