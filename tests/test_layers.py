"""The layer contract of geoclaims (STYLE.md section 2): no floor imports a higher one.

Every module of the package is read as source (nothing is imported) and every
import of geoclaims it makes is collected: ``import geoclaims.x``, ``from
geoclaims.x import y``, ``from geoclaims import x`` and relative imports, at module
level, inside functions and under ``if TYPE_CHECKING:``.

TYPE_CHECKING-only imports count. They are no runtime dependency, but a lower
floor that names a higher floor's type in its signatures is coupled to it all the
same, and the type checker follows them (import-linter counts them by default
too). A failure says which imports are TYPE_CHECKING-only.

Imports within one floor are allowed; the floors are ordered by what they really
import (``documents`` only needs ``_io`` and ``errors``, so it sits with ``text``;
``report_io`` < ``store`` < ``corpus``, since each imports the one before it).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "geoclaims"

#: Floors, low to high.
FLOORS = ("L0", "L1", "L2", "L3", "L4", "L5", "L6a", "L6b", "L6c", "L7")
#: Floor of every top-level module and subpackage of geoclaims ("__init__" is the
#: package root: ``geoclaims/__init__.py``, the curated public API).
LAYERS = {
    # L0: imports nothing of geoclaims but L0
    "errors": "L0",
    "_types": "L0",  # planned (STYLE.md section 2)
    "_compat": "L0",  # planned
    "config": "L0",
    "_io": "L0",
    "_workers": "L0",  # process plumbing of corpus runs: signals, parent watch
    # L1: text -> mentions, spans, dates, quantities; document files -> text
    "text": "L1",
    "documents": "L1",
    # L2: gazetteer, recognition, resolution
    "places": "L2",
    # L3: footprints
    "geometry": "L3",
    # L4: claims
    "claims": "L4",
    # L5: analyze(text) -> Report
    "pipeline": "L5",
    # L6: what consumes Reports
    "report_io": "L6a",
    "evaluation": "L6a",
    "store": "L6b",
    "corpus": "L6c",
    "inputs": "L6c",
    # L7: rendering, command line, public API
    "maps": "L7",
    "cli": "L7",
    "__init__": "L7",
    "__main__": "L7",
}


class Import(NamedTuple):
    """One import of a geoclaims module found in a source file."""

    #: ``path:line`` of the import statement.
    where: str
    #: Top-level module or subpackage of geoclaims imported (key of LAYERS).
    target: str
    #: Whether the import sits under ``if TYPE_CHECKING:``.
    type_checking: bool


def _top(dotted: str) -> str | None:
    """``geoclaims.places.gazetteer`` -> ``places``; the root -> ``__init__``."""
    parts = dotted.split(".")
    if parts[0] != "geoclaims":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def find_imports(source: str, module: str, where: str) -> list[Import]:
    """Return the geoclaims imports of ``source``, the text of module ``module``.

    ``module`` is dotted (``geoclaims.claims.extract``; a package's ``__init__``
    is the package itself), so that relative imports can be resolved.
    """
    tree = ast.parse(source)
    guarded: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            guarded.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    is_package = where.endswith("__init__.py")
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + is_package]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            if origin == "geoclaims":  # from geoclaims import errors, __version__
                names = [f"geoclaims.{alias.name}" for alias in node.names]
            else:
                names = [origin]
        else:
            continue
        for name in names:
            target = _top(name)
            if target is None:
                continue
            if target not in LAYERS and name.count(".") == 1 and not _is_module(target):
                target = "__init__"  # a name defined by the package root (__version__)
            guard = id(node) in guarded
            found.append(Import(f"{where}:{node.lineno}", target, guard))
    return sorted(found, key=lambda imp: int(imp.where.rpartition(":")[2]))


def _modules() -> list[tuple[Path, str, str]]:
    """``(path, dotted module name, owner key of LAYERS)`` for every module."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
        dotted = ".".join(rel[:-1] if rel[-1] == "__init__" else rel)
        owner = "__init__" if len(rel) == 2 and rel[1] == "__init__" else rel[1]
        out.append((path, dotted, owner))
    return out


def test_layers_every_module_has_a_floor() -> None:
    owners = {owner for _, _, owner in _modules()}
    assert owners, f"no modules found under {PACKAGE}"
    missing = sorted(owners - LAYERS.keys())
    assert not missing, f"give these modules a floor in LAYERS: {missing}"
    assert set(LAYERS.values()) <= set(FLOORS)


def test_layers_no_floor_imports_a_higher_one() -> None:
    violations = []
    for path, dotted, owner in _modules():
        where = str(path.relative_to(PACKAGE.parent))
        for imp in find_imports(path.read_text(encoding="utf-8"), dotted, where):
            floor, target_floor = LAYERS[owner], LAYERS.get(imp.target)
            if target_floor is None:
                violations.append(f"{imp.where}: geoclaims.{imp.target} has no floor")
            elif FLOORS.index(target_floor) > FLOORS.index(floor):
                kind = " (TYPE_CHECKING only)" if imp.type_checking else ""
                violations.append(
                    f"{imp.where}: {owner} ({floor}) imports {imp.target} "
                    f"({target_floor}){kind}"
                )
    assert not violations, "layer contract broken:\n" + "\n".join(violations)


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("places", "claims"),
        ("store", "maps"),
        ("text", "places"),
        ("claims", "pipeline"),
        ("pipeline", "evaluation"),
    ],
)
def test_layers_named_directions(lower: str, higher: str) -> None:
    assert FLOORS.index(LAYERS[lower]) < FLOORS.index(LAYERS[higher])


def test_layers_find_imports_sees_every_kind() -> None:
    source = """
from __future__ import annotations
import json
import geoclaims.places.gazetteer as gz
from typing import TYPE_CHECKING
from geoclaims import errors, __version__
from . import spans
from ..claims.model import Claim

if TYPE_CHECKING:
    from geoclaims.pipeline import Report

def late():
    from geoclaims.maps.interactive import render_map
"""
    found = find_imports(source, "geoclaims.text.dates", "geoclaims/text/dates.py")
    assert [(i.target, i.type_checking) for i in found] == [
        ("places", False),
        ("errors", False),
        ("__init__", False),
        ("text", False),
        ("claims", False),
        ("pipeline", True),
        ("maps", False),
    ]
    assert found[0].where == "geoclaims/text/dates.py:4"
