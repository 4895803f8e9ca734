"""Tests of the public surface of ``geoclaims`` (httpx test_exported_members style)."""

from __future__ import annotations
import __future__

import ast
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import geoclaims

#: Dunder names that belong to the public API.
PUBLIC_DUNDERS = {"__version__"}
#: Heavy optional libraries that `import geoclaims` must not pull in (STYLE §8).
HEAVY = ["spacy", "folium", "geopandas", "matplotlib"]


def bound_in_init() -> set[str]:
    """Names that geoclaims/__init__.py itself binds (imports, assignments, defs)."""
    tree = ast.parse(Path(geoclaims.__file__).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
    return {n for n in names if not n.startswith("_") or n in PUBLIC_DUNDERS}


def test_api_all_is_sorted() -> None:
    assert geoclaims.__all__ == sorted(geoclaims.__all__)
    assert len(set(geoclaims.__all__)) == len(geoclaims.__all__)


def test_api_all_equals_public_names() -> None:
    assert set(geoclaims.__all__) == bound_in_init()


def test_api_no_unlisted_public_objects() -> None:
    # Everything public in the namespace is exported, except submodules bound by
    # importing them and the __future__ feature flag.
    public = {
        name
        for name, value in vars(geoclaims).items()
        if (not name.startswith("_") or name in PUBLIC_DUNDERS)
        and not isinstance(value, types.ModuleType | __future__._Feature)
    }
    assert public == set(geoclaims.__all__) - {"errors"}


@pytest.mark.parametrize("name", geoclaims.__all__)
def test_api_exported_names_resolve(name: str) -> None:
    assert getattr(geoclaims, name) is not None


@pytest.mark.parametrize(
    "name",
    [n for n in geoclaims.__all__ if isinstance(getattr(geoclaims, n), type)],
)
def test_api_exported_class_module(name: str) -> None:
    assert getattr(geoclaims, name).__module__ == "geoclaims"


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in geoclaims.__all__
        if callable(getattr(geoclaims, n))
        and not isinstance(getattr(geoclaims, n), type)
    ],
)
def test_api_exported_function_module(name: str) -> None:
    assert getattr(geoclaims, name).__module__ == "geoclaims"


def test_api_exports_the_records() -> None:
    assert {
        "Gazetteer",
        "Place",
        "Mention",
        "Resolution",
        "Candidate",
        "geoparse",
    } <= set(geoclaims.__all__)
    assert isinstance(geoclaims.__version__, str)
    assert geoclaims.errors.GeoclaimsError.__name__ == "GeoclaimsError"


@pytest.mark.parametrize("module", ["geoclaims", "geoclaims.cli"])
def test_api_import_does_not_load_heavy_libraries(module: str) -> None:
    code = (
        f"import sys, json, {module}\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(proc.stdout) == []
