"""Names available to the doctests in these pages."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _doc_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["EXAMPLES"] = Path(__file__).parent.parent / "examples"
