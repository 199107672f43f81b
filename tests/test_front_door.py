"""The front door: about 40 core names, each written once; moved names warn for one release."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import socialvalue

STUB = Path(socialvalue.__file__).with_name("__init__.pyi")


def _stub_imports() -> dict[str, str]:
    """Name → module, from the front door's stub (the one place its names are written)."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {
        alias.name: node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module is not None
        for alias in node.names
    }


def test_the_front_door_is_small_and_each_name_is_defined_once_in_its_module() -> None:
    public = [name for name in socialvalue.__all__ if name != "__version__"]
    assert 35 <= len(public) <= 50
    assert sorted(socialvalue.__all__) == socialvalue.__all__
    stub = _stub_imports()
    for name in public:
        module = importlib.import_module(stub[name])
        assert name in module.__all__, f"{name} is not in {module.__name__}.__all__"
        assert getattr(socialvalue, name) is getattr(module, name)


def test_the_front_door_reads_its_stub_as_ast_does() -> None:
    # The package reads the stub with a regular expression (ast is slow to import); it must
    # find every name ast finds, each in its module, and nothing else.
    read = socialvalue._front_door()
    expected = {
        name: (f"socialvalue.{name}", None) if module == "socialvalue" else (module, name)
        for name, module in _stub_imports().items()
    }
    assert read == expected
    assert len(read) > 60


def test_dir_shows_the_front_door_and_the_submodules_only() -> None:
    shown = [name for name in dir(socialvalue) if not name.startswith("__")]
    assert set(shown) == set(_stub_imports())
    assert {"Money", "value_many", "io", "report"} <= set(shown)
    assert not {"importlib", "functools", "moved_names", "Any"} & set(shown)


def test_vague_names_stay_out_of_the_front_door() -> None:
    assert not {"Level", "Tie", "Match", "Step", "Status"} & set(socialvalue.__all__)


def test_submodules_load_on_first_use() -> None:
    for name in (
        "io",
        "report",
        "procurement",
        "testing",
        "batch",
        "valuation",
        "frames",
        "tabular",
    ):
        assert getattr(socialvalue, name) is importlib.import_module(f"socialvalue.{name}")
        assert name in dir(socialvalue)


def test_every_moved_name_warns_with_its_new_import_and_still_works() -> None:
    for name, home in socialvalue._MOVED.items():
        with pytest.warns(DeprecationWarning, match=rf"socialvalue\.{name} is deprecated; use"):
            found = getattr(socialvalue, name)
        assert found is getattr(importlib.import_module(home), name)
        assert name not in socialvalue.__all__
    with pytest.warns(DeprecationWarning, match=r"use socialvalue\.additionality\.Level$"):
        _ = socialvalue.Level
    for old, new in socialvalue._RENAMED.items():
        with pytest.warns(
            DeprecationWarning, match=rf"socialvalue\.{old} is deprecated; use {new}$"
        ):
            found = getattr(socialvalue, old)
        home, _, name = new.rpartition(".")
        assert found is getattr(importlib.import_module(home), name)


@pytest.mark.parametrize(
    ("module", "name", "new"),
    [
        ("socialvalue.shipped", "shipped_framework", "socialvalue.io.shipped_framework"),
        ("socialvalue.shipped", "default_methodology", "socialvalue.io.default_methodology"),
        ("socialvalue.rollup", "DIMENSIONS", "socialvalue.batch.DIMENSIONS"),
        ("socialvalue.valuation", "value_many", "socialvalue.batch.value_many"),
        ("socialvalue.valuation", "GROUPABLE", "socialvalue.batch.DELIVERY_DIMENSIONS"),
        ("socialvalue.io", "export_deliveries", "socialvalue.io.write_returns"),
    ],
)
def test_names_moved_between_modules_warn(module: str, name: str, new: str) -> None:
    with pytest.warns(DeprecationWarning, match=rf"{module}\.{name} is deprecated; use {new}$"):
        found = getattr(importlib.import_module(module), name)
    home, _, attribute = new.rpartition(".")
    assert found is getattr(importlib.import_module(home), attribute)


def test_a_deprecation_warning_points_at_the_callers_line() -> None:
    # The front door's warnings named socialvalue/__init__.py, so Python's default filter (which
    # shows a DeprecationWarning only when it is attributed to __main__) hid all 129 of them.
    with pytest.warns(DeprecationWarning, match="socialvalue.Level") as caught:
        _ = socialvalue.Level
    assert [w.filename for w in caught] == [__file__]
    with pytest.warns(DeprecationWarning, match="socialvalue.rollup.DIMENSIONS") as caught:
        _ = importlib.import_module("socialvalue.rollup").DIMENSIONS
    assert [w.filename for w in caught] == [__file__]
    shown = subprocess.run(
        [sys.executable, "-c", "import socialvalue; socialvalue.Level"],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"},
    )
    assert "socialvalue.Level is deprecated; use socialvalue.additionality.Level" in shown.stderr


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'Monkey'"):
        _ = socialvalue.Monkey
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert socialvalue.Money.__name__ == "Money"
