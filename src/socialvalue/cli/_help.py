"""Each command's own examples, shown at the end of its ``--help`` (and all of them for the group).

Every example here runs as printed from a folder holding the files it names; the tests run them.
"""

from __future__ import annotations

__all__ = ["EXAMPLES", "examples"]

#: Per command: (command line, what it does).
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "report": (
        (
            "socialvalue report -o report.html",
            "the annual report of the shipped LCRCA 2023 example, as one self-contained file",
        ),
        (
            "socialvalue report returns.csv --rejected fix-these.csv",
            (
                "a report from suppliers' returns; rows with problems are left out and written "
                "to correct"
            ),
        ),
        (
            "socialvalue report returns.toml --registry our-values.csv --locale cy_GB",
            "your deliveries, your values layered on top, in Welsh",
        ),
        ("socialvalue report -o tables --format csv", "every table as CSV, into a folder"),
    ),
    "value": (
        ("socialvalue value --explain", "figures, gaps, and the working of each"),
        ("socialvalue value returns.csv --by project", "your returns, by project"),
        ("socialvalue value --format json", "the figures as JSON, for other tools"),
        (
            "socialvalue value --scenarios --methodology examples/lcrca-ranges.toml",
            "low, central and high totals, and each input's swing",
        ),
    ),
    "diff": (
        (
            (
                "socialvalue diff lcrca-default examples/lcrca-ranges.toml --format html "
                "-o bridge.html"
            ),
            "what moved between two methodologies, by cause",
        ),
    ),
    "explain": (
        (
            'socialvalue explain LCR-COM-2 --project "Adult Education Budget"',
            "how one figure was obtained",
        ),
        ("socialvalue explain LCR-COM-1 --format json", "the same for another measure, as JSON"),
    ),
    "framework": (("socialvalue framework", "the shipped LCRCA framework as a tree"),),
    "validate": (
        (
            "socialvalue validate our-values.csv --framework lcrca",
            "every problem in a file, with its row and column or key path",
        ),
        ("socialvalue validate returns.csv", "a returns file, checked with the import rules"),
    ),
    "commitments": (
        (
            (
                "socialvalue commitments examples/lcrca-progress.toml "
                "--deliveries examples/hr3-returns.toml --quarter '2025/26 Q1'"
            ),
            "the quarterly summary for the Executive Leadership Team",
        ),
        ("socialvalue commitments --format json", "the summary as JSON"),
    ),
    "template": (
        ("socialvalue template returns.xlsx", "a return template for this financial year"),
        (
            "socialvalue template returns.xlsx --contract K-2025-014",
            "the same, with the contract column filled in",
        ),
    ),
    "registry": (
        (
            "socialvalue registry import licensed.xlsx --mapping mapping.toml -o ours.toml",
            "a registry from a value file you are licensed to use",
        ),
    ),
    "import": (
        (
            "socialvalue import returns.xlsx --rejected fix-these.xlsx",
            "every row accepted or rejected with its reasons",
        ),
        (
            "socialvalue import returns.csv --accepted deliveries.toml",
            "keep the accepted rows as a delivery set",
        ),
    ),
}


def examples(command: str | None = None) -> str:
    """The ``Examples:`` epilog of one command (of every command when ``None``)."""
    chosen = (
        EXAMPLES[command]
        if command is not None
        else tuple(pair for pairs in EXAMPLES.values() for pair in pairs[:1])
    )
    lines = ["\b", "Examples:"]
    for line, what in chosen:
        lines.append(f"  {line}")
        lines.append(f"        {what}")
    return "\n".join(lines) + "\n"
