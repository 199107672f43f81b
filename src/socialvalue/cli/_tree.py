"""A framework drawn as a tree of themes, outcomes and measures (plain text)."""

from __future__ import annotations

from socialvalue.framework import Framework

__all__ = ["format_framework_tree"]


def format_framework_tree(framework: Framework) -> str:
    """Render a framework as an indented tree of themes, outcomes and measures.

    >>> from socialvalue.io import shipped_framework
    >>> print(format_framework_tree(shipped_framework()))  # doctest: +ELLIPSIS
    Liverpool City Region Combined Authority Social Value Framework (open encoding)
    id lcrca, version 2023.1 — 4 themes, 9 outcomes, 27 measures
    ├── LCR-JOBS  Good local jobs and skills  [pillar:stronger]
    │   ├── LCR-JOBS-1  More local people in good work
    │   │   ├── LCR-EMP-1  Local residents employed on the contract, ...  (FTE-year; proxy)
    ...
    """
    outcomes = sum(len(theme.outcomes) for theme in framework.themes)
    lines = [
        framework.title,
        (
            f"id {framework.id}, version {framework.version} — {len(framework.themes)} themes, "
            f"{outcomes} outcomes, {len(framework.measures())} measures"
        ),
    ]

    def branch(last: bool) -> str:
        return "└── " if last else "├── "

    def stem(last: bool) -> str:
        return "    " if last else "│   "

    for t, theme in enumerate(framework.themes):
        t_last = t == len(framework.themes) - 1
        tags = f"  [{', '.join(theme.tags)}]" if theme.tags else ""
        lines.append(f"{branch(t_last)}{theme.code}  {theme.title}{tags}")
        for o, outcome in enumerate(theme.outcomes):
            o_last = o == len(theme.outcomes) - 1
            lines.append(f"{stem(t_last)}{branch(o_last)}{outcome.code}  {outcome.title}")
            for m, measure in enumerate(outcome.measures):
                m_last = m == len(outcome.measures) - 1
                unit = framework.unit(measure.unit).label
                valuation = measure.valuation.value.replace("_", "-")
                lines.append(
                    f"{stem(t_last)}{stem(o_last)}{branch(m_last)}{measure.code}  "
                    f"{measure.title}  ({unit}; {valuation})"
                )
    return "\n".join(lines)
