"""Names available to the doctests in docs/ (kept here so it is the only conftest beside tests/)."""

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _doc_namespace(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["EXAMPLES"] = Path(__file__).parent / "examples"
