"""socialvalue.procurement as a package: its public names, and the rule on private names."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

from socialvalue import procurement

PUBLIC_MODULES = ("scheme", "bids", "evaluation", "award", "ocds")
PACKAGE = Path(procurement.__file__).parent


def module(name):
    # ``import socialvalue.procurement.award`` would give the function ``award``, which the
    # package binds over the module of the same name; importlib returns the module itself.
    return importlib.import_module(f"socialvalue.procurement.{name}")


def test_the_package_is_five_public_modules_and_one_internal_one():
    names = sorted(info.name for info in pkgutil.iter_modules([str(PACKAGE)]))
    assert names == sorted(["_common", *PUBLIC_MODULES])


def test_the_package_exports_exactly_what_its_modules_export_each_name_once():
    written = [name for part in PUBLIC_MODULES for name in module(part).__all__]
    assert len(written) == len(set(written))
    assert sorted(procurement.__all__) == sorted(written)


@pytest.mark.parametrize("part", PUBLIC_MODULES)
def test_each_exported_name_is_defined_in_the_module_that_exports_it(part):
    source = module(part)
    for name in source.__all__:
        exported = getattr(procurement, name)
        assert exported is getattr(source, name)
        if hasattr(exported, "__module__") and not isinstance(exported, str):
            assert exported.__module__ == source.__name__, name


def test_the_public_api_is_unchanged():
    earlier = [
        "AwardCriterion",
        "Bid",
        "BidScore",
        "CriterionScore",
        "Evaluation",
        "EvaluationScheme",
        "LCRCA_POLICY",
        "LineValue",
        "OCDS_CROSSWALK",
        "OfferBasis",
        "OfferLine",
        "PriceMethod",
        "QualitativeResponse",
        "RejectedBid",
        "ScopeDecision",
        "ScoreBand",
        "SocialValueMethod",
        "SocialValuePolicy",
        "Tender",
        "Tie",
        "WeightSensitivity",
        "WinnerChange",
        "award",
        "evaluate",
        "in_scope",
        "ocds_sustainability",
    ]
    assert set(earlier) <= set(procurement.__all__)
    # Added since: the warning for a social value weight outside a policy's usual range.
    assert sorted(set(procurement.__all__) - set(earlier)) == ["SocialValueWeightWarning"]


def private_imports(path):
    """Every ``_private`` name a source file imports from another module, as ``module.name``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found.extend(
                f"{node.module}.{alias.name}" for alias in node.names if alias.name.startswith("_")
            )
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_no_module_imports_another_modules_private_name(path):
    assert private_imports(path) == []


def test_the_private_name_check_finds_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from __future__ import annotations\n"
        "from socialvalue._decimal import to_decimal\n"
        "from socialvalue.procurement.scheme import EvaluationScheme, _duplicates\n"
        "from socialvalue.procurement._common import HUNDRED\n",
        encoding="utf-8",
    )
    # Names from an internal module (``_common``, the core's ``_decimal``) are public inside
    # the package; a module's own ``_private`` name is not.
    assert private_imports(bad) == ["socialvalue.procurement.scheme._duplicates"]
