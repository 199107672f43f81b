"""The members' report: a few pages of narrative, big numbers and spotlights, for any data size.

It is drawn from the same :class:`~socialvalue.report.Report` as the technical annex and links
to it; whatever the number of deliveries, it shows a bounded number of items (the largest
first) and says how many more the annex has.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from socialvalue._decimal import calculation_context
from socialvalue.methodology import RoundingPolicy
from socialvalue.money import Money
from socialvalue.report import _text
from socialvalue.report._charts import bar_chart_svg
from socialvalue.report._format import LABELS, Formatter
from socialvalue.report._model import Headline, Outcome, Report
from socialvalue.report._render import render_template
from socialvalue.tracking import Rag
from socialvalue.units import STANDARD_UNITS

__all__ = [
    "RAG_SHAPES",
    "amount_cards",
    "big_numbers",
    "chart",
    "commitments_view",
    "outcome_line",
    "quantity_text",
    "render_members_html",
]

#: How many of each list the members' report shows; the annex has the rest.
_BIG_NUMBERS = 6
_ROLES = 6
_OUTCOMES_PER_ROLE = 4
_SPOTLIGHT_FIGURES = 5
_ATTENTION = 6
_CHART_BARS = 8

#: RAG statuses in the order shown, each with a shape, so status never rests on colour alone.
RAG_SHAPES: dict[str, str] = {
    "red": "■",
    "amber": "▲",
    "green": "●",
    "complete": "✔",
    "not_started": "○",
    "withdrawn": "✖",
}
_COUNTED_KINDS = frozenset({"count", "people"})


def outcome_line(outcome: Outcome, f: Formatter) -> str:
    """``14,000 hour — Volunteering hours given … (£225.7 thousand)``: one outcome in words."""
    value = f" ({f.compact(outcome.present_value)})" if outcome.present_value is not None else ""
    amount = quantity_text(outcome.quantity, outcome.unit, outcome.unit_kind, f)
    return f"{amount} — {f.title(outcome.title)}{value}"


def quantity_text(quantity: Decimal, unit: str, kind: str, f: Formatter) -> str:
    """A quantity as a reader says it: £ amounts as money, counts bare, others with the unit.

    ``unit`` is the unit's English label; a standard unit's is said with its plural form in
    the locale (``14,000 hours``), any other's with its title translated.

    >>> quantity_text(Decimal(14000), "hour", "time", Formatter())
    '14,000 hours'
    >>> quantity_text(Decimal(1), "FTE-year", "employment", Formatter())
    '1 FTE-year'
    """
    if kind == "money":
        return f.money(Money(quantity, "GBP"))
    if kind in _COUNTED_KINDS:
        return f.number(quantity)
    standard = _STANDARD_LABELS.get(unit)
    if standard is not None and f"quantity_{standard}.other" in LABELS["en_GB"]:
        return f.plural(f"quantity_{standard}", quantity)
    return f"{f.number(quantity)} {f.title(unit)}"


#: The standard units' codes by their English labels.
_STANDARD_LABELS = {unit.label: unit.code for unit in STANDARD_UNITS.values()}


def amount_cards(report: Report, f: Formatter) -> tuple[list[dict[str, str]], str]:
    """The total present value, and gross and net only where they differ from it."""
    amounts = [h for h in report.headlines if h.amount is not None]
    if not amounts:
        return [], ""
    first = amounts[0]
    assert first.amount is not None  # noqa: S101 - filtered above
    shown = [first]
    for headline in amounts[1:]:
        if headline.amount is not None and all(headline.amount != other.amount for other in shown):
            shown.append(headline)
    cards = [
        {
            "figure": f.compact(h.amount),
            "what": _text.headline_label(h, f),
            "exact": f.money(h.amount),
        }
        for h in shown
        if h.amount is not None
    ]
    note = f.label("equal_values") if len(shown) == 1 and len(amounts) > 1 else ""
    return cards, note


def big_numbers(
    headlines: Sequence[Headline], f: Formatter, *, limit: int = _BIG_NUMBERS
) -> list[dict[str, str]]:
    """The outcome headlines as big numbers: the figure, what it counts, and the unit if any."""
    cards = []
    for headline in headlines:
        if headline.quantity is None:
            continue
        plain = headline.unit_kind in _COUNTED_KINDS or headline.unit_kind == "money"
        figure = (
            f.compact(Money(headline.quantity, "GBP"))
            if headline.unit_kind == "money"
            else f.number(headline.quantity)
        )
        cards.append(
            {
                "figure": figure,
                "what": f.title(headline.title) if headline.title else headline.key,
                # the figure as it is said, its unit in the plural the number takes
                "exact": ""
                if plain
                else quantity_text(headline.quantity, headline.unit, headline.unit_kind, f),
            }
        )
    return cards[:limit]


def _svg(labels: tuple[str, ...], values: tuple[Money, ...], f: Formatter, name: str) -> str:
    """A chart's SVG, drawn once for both documents."""
    return _drawn(labels, values, f.locale, f.rounding, name)


@functools.lru_cache(maxsize=8)
def _drawn(
    labels: tuple[str, ...],
    values: tuple[Money, ...],
    locale: str,
    rounding: RoundingPolicy,
    name: str,
) -> str:
    # The chart uses only the locale and rounding of a formatter, never its labels.
    f = Formatter(locale=locale, rounding=rounding, labels={})
    return bar_chart_svg(labels, values, title="", f=f, name=name)


def chart(
    report: Report, name: str, title_key: str, f: Formatter, *, draw: bool = True
) -> dict[str, Any] | None:
    """A bar chart of a money table's present values, its text alternative and its data table."""
    table = report.table(name)
    rows = [(row[0], value) for row in table.rows if isinstance(value := row[-1], Money)]
    if not rows:
        return None
    rows.sort(key=lambda item: -item[1].amount)
    rows = rows[:_CHART_BARS]
    first = table.columns[0]
    labels = [_text.cell_text(label, first.kind, f) for label, _ in rows]
    values = [value for _, value in rows]
    title = f.label(title_key)
    with calculation_context():
        total = sum((value.amount for value in values), Decimal(0))
        shares = [value.amount / total if total else Decimal(0) for value in values]
    return {
        "id": name,
        "title": title,
        # The caption names the chart; the SVG carries no title of its own to read twice.
        "svg": _svg(tuple(labels), tuple(values), f, name) if draw else "",
        "alt": f.text("chart_alt", title=title, first=labels[0], value=f.compact(values[0])),
        "data_title": f"{f.label('chart_data')}: {title}",
        "headings": [_text.column_label(first, f), f.label("present_value"), f.label("share")],
        "rows": [
            [label, f.money(value), f.percent(share)]
            for label, value, share in zip(labels, values, shares, strict=True)
        ],
    }


def _roles(report: Report, f: Formatter) -> tuple[list[dict[str, Any]], str]:
    shown = []
    for role in report.roles[:_ROLES]:
        if role.present_value is not None:
            summary = f.plural(
                "role_summary",
                role.deliveries,
                value=f.compact(role.present_value),
            )
        else:
            summary = f.plural("role_counted", role.deliveries)
        rest = len(role.outcomes) - _OUTCOMES_PER_ROLE
        shown.append(
            {
                "title": f.title(role.role) if role.role else f.label("no_role"),
                "summary": summary,
                "outcomes": [outcome_line(o, f) for o in role.outcomes[:_OUTCOMES_PER_ROLE]],
                "more": f.plural("more_outcomes", rest) if rest > 0 else "",
            }
        )
    rest = len(report.roles) - _ROLES
    return shown, (f.plural("more_in_annex", rest) if rest > 0 else "")


def _spotlights(report: Report, f: Formatter) -> list[dict[str, Any]]:
    return [
        {
            "heading": s.heading,
            "project": s.project,
            "value": (
                f.text("spotlight_value", value=f.compact(s.present_value))
                if s.present_value is not None
                else ""
            ),
            "paragraphs": [p.strip() for p in s.text.split("\n\n") if p.strip()],
            "figures": [outcome_line(o, f) for o in s.figures[:_SPOTLIGHT_FIGURES]],
        }
        for s in report.spotlights
    ]


def commitments_view(report: Report, f: Formatter) -> dict[str, Any] | None:
    """Counts by status (shape and word) and the commitments needing attention."""
    if not report.commitments:
        return None
    counts: dict[str, int] = {}
    for line in report.commitments:
        counts[line.rag] = counts.get(line.rag, 0) + 1
    order = [rag for rag in RAG_SHAPES if rag in counts] + sorted(set(counts) - set(RAG_SHAPES))
    attention = [c for c in report.commitments if c.rag in ("red", "amber")]
    attention.sort(key=lambda c: (c.rag != "red", c.id))
    rest = len(attention) - _ATTENTION
    return {
        "counts": [
            (rag, RAG_SHAPES.get(rag, "•"), _rag_word(rag, f), f.number(Decimal(counts[rag])))
            for rag in order
        ],
        "attention": [
            (
                c.rag,
                RAG_SHAPES.get(c.rag, "•"),
                _rag_word(c.rag, f),
                f.title(c.title),
                f.title(c.role),
            )
            for c in attention[:_ATTENTION]
        ],
        "more": f.plural("more_in_annex", rest) if rest > 0 else "",
    }


def _rag_word(rag: str, f: Formatter) -> str:
    """A status in words, with its colour where the word is not one (``Complete (green)``)."""
    colour = Rag(rag).colour if rag in _RAG_VALUES else ""
    word = _text.rag_word(rag, colour, f)
    return word[:1].upper() + word[1:]


_RAG_VALUES = frozenset(rag.value for rag in Rag)


def _about(report: Report, f: Formatter) -> list[str]:
    lines = [_text.note_text(n, f) for n in report.notes if n.key in ("methodology", "prices")]
    missing = sum(n for row in report.table("not_valued").rows if isinstance(n := row[4], int))
    if missing:
        lines.append(f.plural("not_valued_summary", missing))
    lines.append(f.label("rounding_note"))
    return lines


def render_members_html(
    report: Report,
    f: Formatter | None = None,
    *,
    annex_href: str | None = None,
    charts: bool = True,
) -> str:
    """The members' report: a few pages, whatever the data size, linking to the annex.

    Args:
        report: A report built by :func:`build_report` (with ``spotlights`` for the spotlights).
        f: Locale, rounding and labels (default: ``en_GB`` with the report's rounding).
        annex_href: Where the technical annex is (a relative link), if it is published.
        charts: Whether to draw the charts (their data tables are always there).

    Raises:
        MissingExtraError: Jinja2 is not installed (``socialvalue[report]``).

    Examples:
        >>> import datetime as dt
        >>> import socialvalue as sv
        >>> from socialvalue.report import build_report, render_members_html
        >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       title="Annual report", authority="LCRCA", period="2022/23",
        ...                       generated=dt.date(2026, 1, 1))
        >>> html = render_members_html(report, annex_href="annex.html", charts=False)
        >>> "In 2022/23, LCRCA created £267.8 thousand of social value" in html
        True
    """
    f = f if f is not None else Formatter(rounding=report.rounding)
    total = next((h.amount for h in report.headlines if h.amount is not None), None)
    first = report.headlines[0] if report.headlines else None
    prices = report.price_base.label if report.price_base is not None else "—"
    amounts, equal_note = amount_cards(report, f)
    roles, roles_more = _roles(report, f)
    view = {
        "title": report.title,
        "authority": report.authority,
        "document": f.label("members_report"),
        "period_line": f"{f.label('period')}: {report.period}. {f.label('generated')}: "
        f"{f.date(report.generated)}.",
        "annex_href": annex_href,
        "annex_link": f.label("annex_link"),
        "glance": f.label("at_a_glance"),
        "intro": f.text(
            "members_intro",
            period=report.period,
            authority=report.authority,
            total=f.compact(total) if total is not None else "—",
            prices=prices,
        ),
        "range": (
            f.text("members_range", low=f.compact(first.low), high=f.compact(first.high))
            if first is not None and first.low is not None and first.high is not None
            else ""
        ),
        "amounts": amounts,
        "equal_note": equal_note,
        "outcomes": f.label("outcomes"),
        "big": big_numbers(report.headlines, f),
        "roles_title": f.label("by_role_story"),
        "roles": roles,
        "roles_more": roles_more,
        "role_chart": chart(report, "by_role", "chart_role", f, draw=charts),
        "themes_title": f.label("by_theme_story"),
        "theme_chart": chart(report, "by_theme", "chart_theme", f, draw=charts),
        "spotlights_title": f.label("spotlights"),
        "spotlights": _spotlights(report, f),
        "commitments_title": f.label("commitments"),
        "commitments": commitments_view(report, f),
        "status_counts": f.label("status_counts"),
        "status_label": f.label("status"),
        "count_label": f.label("count"),
        "attention_title": f.label("needs_attention"),
        "about": f.label("about_figures"),
        "about_lines": _about(report, f),
    }
    return render_template("members.html.j2", f, v=view)
