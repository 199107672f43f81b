"""The package's imports, read from its source: data flows one way and privates stay private.

DESIGN §3 and §5: no import cycles (function-level imports count: deferring an import does not
remove the cycle), nothing in the core imports the edge (``io``, ``report``, ``cli``,
``procurement``, ``testing``, ``frames``), and no module imports another module's ``_private`` name. A package
shares internals through a ``_name.py`` module whose names have no leading underscore; such a
private module may be imported only from inside its own package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import attrs
import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src"

#: What each layer may not import (a layer is the package's first name below ``socialvalue``;
#: every other module is the core).
_EDGE = ("io", "report", "cli", "procurement", "testing", "frames", "shipped", "__main__")
_FORBIDDEN: dict[str, frozenset[str]] = {
    "core": frozenset(_EDGE),
    "procurement": frozenset({"io", "report", "cli", "testing", "frames"}),
    "io": frozenset({"report", "cli", "procurement", "testing", "frames"}),
    "frames": frozenset({"report", "cli", "procurement", "testing"}),
    "report": frozenset({"cli", "procurement", "testing"}),
}


@attrs.frozen
class Import:
    """One import statement's effect: ``importer`` loads ``target`` (and maybe takes ``name``)."""

    importer: str
    target: str
    name: str | None
    line: int
    runs: bool  # False inside ``if TYPE_CHECKING:`` (never executed)


def module_names(root: Path) -> dict[str, Path]:
    """Every module below ``root`` by its dotted name (a package by its ``__init__``)."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports(root: Path) -> list[Import]:
    """Every import of one of ``root``'s modules, at any depth of any module below ``root``."""
    modules = module_names(root)
    found: list[Import] = []
    for importer, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = _type_checking_lines(tree)
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for node in ast.walk(tree):
            runs = node.lineno not in typing_only if isinstance(node, ast.stmt) else True
            if isinstance(node, ast.Import):
                found.extend(
                    Import(importer, alias.name, None, node.lineno, runs)
                    for alias in node.names
                    if alias.name in modules
                )
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                if base not in modules:
                    continue
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    if submodule in modules:
                        found.append(Import(importer, submodule, None, node.lineno, runs))
                    else:
                        found.append(Import(importer, base, alias.name, node.lineno, runs))
    return found


def _packages_entered(importer: str, target: str) -> list[str]:
    """The packages whose ``__init__`` runs when ``importer`` imports ``target``."""
    parts = target.split(".")
    entered = [".".join(parts[:i]) for i in range(2, len(parts))]
    return [
        package
        for package in entered
        if not (importer == package or importer.startswith(package + "."))
    ]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the modules importing it runs (``__init__`` of packages entered included)."""
    graph: dict[str, set[str]] = {name: set() for name in module_names(root)}
    for item in imports(root):
        if item.runs:
            entered = [*_packages_entered(item.importer, item.target), item.target]
            graph[item.importer].update(target for target in entered if target != item.importer)
    return graph


def cycles(root: Path) -> list[list[str]]:
    """Import cycles among the modules below ``root`` (imports that run, at any depth)."""
    graph = import_graph(root)
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def layer(module: str) -> str:
    """``io``, ``report``, … for a module of the edge; ``core`` for the rest."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in _EDGE:
        return parts[1]
    return "core" if len(parts) > 1 else "front door"


def upward_imports(root: Path) -> list[str]:
    """Imports against the one-way flow: the core importing the edge, and so on."""
    return [
        f"{item.importer}:{item.line} imports {item.target} ({layer(item.importer)} → "
        f"{layer(item.target)})"
        for item in imports(root)
        if layer(item.target) in _FORBIDDEN.get(layer(item.importer), frozenset())
    ]


def private_imports(root: Path) -> list[str]:
    """Imports of another module's ``_private`` name, or of a private module from outside."""
    problems = []
    for item in imports(root):
        name = item.name
        if (
            name
            and name.startswith("_")
            and not name.startswith("__")
            and item.target != item.importer
        ):
            problems.append(f"{item.importer}:{item.line} imports {item.target}.{name}")
        parts = item.target.split(".")
        for depth, part in enumerate(parts):
            if part.startswith("_") and not part.startswith("__"):
                owner = ".".join(parts[:depth])
                if not (item.importer == owner or item.importer.startswith(owner + ".")):
                    problems.append(
                        f"{item.importer}:{item.line} imports private module {item.target}"
                    )
                break
    return problems


def _modules_bound(tree: ast.Module, modules: dict[str, Path]) -> dict[str, str]:
    """The names a module binds to one of ``modules`` by importing it, with the module each is."""
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    top = alias.name.split(".")[0]
                    bound[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in modules:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def private_attributes(root: Path) -> list[str]:
    """Uses of another module's ``_private`` name through the module: ``money._helper``.

    ``import socialvalue.money as m`` then ``m._helper`` takes the same private name as
    ``from socialvalue.money import _helper``, which :func:`private_imports` refuses.
    """
    modules = module_names(root)
    problems = []
    for importer, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound = _modules_bound(tree, modules)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            first, _, rest = ast.unparse(node.value).partition(".")
            target = ".".join([bound.get(first, ""), *([rest] if rest else [])])
            if not node.attr.startswith("__") and target in modules and target != importer:
                problems.append(f"{importer}:{node.lineno} uses {target}.{node.attr}")
    return problems


def test_the_package_has_no_import_cycles() -> None:
    assert cycles(SOURCE) == []


def test_the_core_never_imports_the_edge() -> None:
    assert upward_imports(SOURCE) == []


def test_no_module_imports_another_modules_private_names() -> None:
    assert private_imports(SOURCE) == []
    assert private_attributes(SOURCE) == []


def test_the_private_check_finds_a_private_name_taken_through_its_module(tmp_path: Path) -> None:
    # The check read only `from x import _y`; `x._y` took the same private name unseen.
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "money.py": "_places = 2\n",
            "io/__init__.py": "",
            "io/_files.py": "_limit = 1\n",
            "rollup.py": "import socialvalue.money as m\n\nx = m._places\n",
            "batch.py": "from socialvalue import money\n\nx = money._places + money.Money\n",
            "valuation.py": "import socialvalue.money\n\nx = socialvalue.money._places\n",
            "io/_any.py": "from socialvalue.io import _files\n\nx = _files._limit\n",
        },
    )
    assert sorted(private_attributes(root)) == [
        "socialvalue.batch:3 uses socialvalue.money._places",
        "socialvalue.io._any:3 uses socialvalue.io._files._limit",
        "socialvalue.rollup:3 uses socialvalue.money._places",
        "socialvalue.valuation:3 uses socialvalue.money._places",
    ]


def test_tables_are_made_in_the_core_from_records_alone() -> None:
    """``tabular`` converts records for every result type, knowing none of them (#16)."""
    allowed = {
        "socialvalue._extras",
        "socialvalue._decimal",
        "socialvalue.money",
        "socialvalue.exceptions",
    }
    found = {item.target for item in imports(SOURCE) if item.importer == "socialvalue.tabular"}
    assert found
    assert found <= allowed
    assert layer("socialvalue.tabular") == "core"
    assert layer("socialvalue.frames._value") == "frames"


TESTS = Path(__file__).resolve().parent


def imports_of_test_modules(folder: Path) -> list[str]:
    """Every import of a ``test_*`` module by a module in ``folder`` (tests, helpers, strategies).

    Shared builders live in ``helpers.py`` and strategies in ``strategies.py``; importing a test
    module runs its body and ties two modules' tests together (DESIGN §8).
    """
    found = []
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            elif isinstance(node, ast.ImportFrom):  # from . import test_x / from .test_x import y
                names = [node.module or alias.name for alias in node.names]
            else:
                continue
            found.extend(
                f"{path.name}:{node.lineno} imports {name}"
                for name in names
                if name.split(".")[0].startswith("test_")
            )
    return found


def test_no_test_module_imports_another() -> None:
    assert imports_of_test_modules(TESTS) == []


def test_the_test_import_check_finds_one(tmp_path: Path) -> None:
    (tmp_path / "test_a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "test_b.py").write_text(
        "from helpers import y\nfrom test_a import x\n\ndef f():\n    import test_a\n",
        encoding="utf-8",
    )
    (tmp_path / "helpers.py").write_text("from test_a import x\n", encoding="utf-8")
    assert imports_of_test_modules(tmp_path) == [
        "helpers.py:1 imports test_a",
        "test_b.py:2 imports test_a",
        "test_b.py:5 imports test_a",
    ]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "socialvalue" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "files",
    [
        {"__init__.py": "", "a.py": "import socialvalue.b\n", "b.py": "import socialvalue.a\n"},
        {
            "__init__.py": "",
            "a.py": "from socialvalue.b import thing\n",
            "b.py": "def f():\n    from socialvalue import a\n",
        },
        {
            "__init__.py": "",
            "io/__init__.py": "from socialvalue.io._x import y\n",
            "io/_x.py": "y = 1\n",
            "core.py": "from socialvalue.io._x import y\n",
            "io/_z.py": "from socialvalue import core\n",
            "io/_w.py": "from socialvalue.io import y\n",
        },
    ],
)
def test_the_cycle_check_finds_a_cycle(tmp_path: Path, files: dict[str, str]) -> None:
    found = cycles(_tree(tmp_path, files))
    if "core.py" in files:  # core → io.__init__ → io._x is no cycle; io._w → io → … is none
        found += cycles(_tree(tmp_path, {"io/_x.py": "from socialvalue import core\n"}))
    assert found


def test_the_checks_find_an_upward_and_a_private_import(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "valuation.py": "_key = 1\n",
            "rollup.py": "def f():\n    from socialvalue.io import load\n",
            "io/__init__.py": "load = 1\n",
            "io/_files.py": "x = 1\n",
            "report/_build.py": "from socialvalue.valuation import _key\n",
            "cli.py": "from socialvalue.io._files import x\n",
        },
    )
    assert upward_imports(root) == [
        "socialvalue.rollup:2 imports socialvalue.io (core → io)",
    ]
    assert sorted(private_imports(root)) == [
        "socialvalue.cli:1 imports private module socialvalue.io._files",
        "socialvalue.report._build:1 imports socialvalue.valuation._key",
    ]
