"""Every third-party module the package imports is declared in pyproject.toml.

A package that happened to be installed on a developer's machine once hid a missing
dependency (lxml's HTML cleaner) from CI; this reads the imports from the source.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "geoclaims"
#: Optional extras whose modules the package imports lazily, behind a clear error.
EXTRAS = ("dask",)


def _requirement_name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {_requirement_name(r) for r in project["dependencies"]}
    for extra in EXTRAS:
        names |= {_requirement_name(r) for r in project["optional-dependencies"][extra]}
    return names


def _imported_modules() -> dict[str, str]:
    """Top-level third-party module -> one file importing it."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "geoclaims":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_dependencies_every_import_is_declared() -> None:
    providers = importlib.metadata.packages_distributions()
    declared = _declared()
    missing = {}
    for module, where in _imported_modules().items():
        dists = {_requirement_name(d) for d in providers.get(module, [])}
        if not dists & declared:
            missing[module] = (where, sorted(dists))
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


@pytest.mark.parametrize("module", ["lxml.html.clean", "trafilatura", "offlinefolium",
                                    "xyzservices", "branca.element"])
def test_dependencies_runtime_modules_import(module: str) -> None:
    """What HTML input and maps need is installed by ``pip install .`` alone."""
    __import__(module)
