"""Session-wide fixtures: real gazetteer, shared example and reference data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from geoclaims import config
from geoclaims.maps._browser import CHROMIUM_ARGS, CHROMIUM_PATH
from geoclaims.places.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
IN_CI = bool(os.environ.get("CI"))


def require(path: Path) -> Path:
    """Skip locally, fail on CI, when a shared reference file is missing."""
    if not path.exists():
        message = f"reference data missing: {path}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The real gazetteer: GEOCLAIMS_DATA's if built, else built once for the session."""
    try:
        return Gazetteer.open()
    except FileNotFoundError:
        pass
    from geoclaims.places.build import build_gazetteer

    target = tmp_path_factory.mktemp("gazetteer") / config.GAZETTEER_FILENAME
    admin1 = SHARED / "data" / "naturalearth" / "ne_10m_admin1.gpkg"
    build_gazetteer(target, admin1=admin1 if admin1.exists() else None)
    return Gazetteer.open(target)


@pytest.fixture(scope="session")
def geonames_gazetteer(gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A copy of the session gazetteer with Ukraine imported from GeoNames dump files.

    UA.zip holds Ukraine's shipped settlements (Kharkiv moved), a river and a building;
    alternateNamesV2.zip and hierarchy.txt add names and links (``tests/common.py``).
    They are given out of order: the importer takes the geoname table first.
    """
    from common import (
        HIERARCHY_LINES,
        alternate_lines,
        copy_of,
        geoname_lines,
        ukraine_rows,
        write_dump,
    )

    from geoclaims.places.geonames_import import import_geonames

    folder = tmp_path_factory.mktemp("geonames")
    target = copy_of(gazetteer, folder)
    geo = write_dump(folder / "UA.zip", geoname_lines(ukraine_rows()))
    alt = write_dump(folder / "alternateNamesV2.zip", alternate_lines())
    links = write_dump(folder / "hierarchy.txt", HIERARCHY_LINES)
    import_geonames([links, alt, geo], target)
    return Gazetteer.open(target)


@pytest.fixture(scope="session")
def example_article() -> dict[str, object]:
    """The shared example article: text and metadata."""
    base = SHARED / "examples" / "rfa-north-korean-battalion"
    text = require(base.with_suffix(".txt")).read_text(encoding="utf-8")
    meta = json.loads(require(base.with_suffix(".meta.json")).read_text(encoding="utf-8"))
    return {"text": text, **meta}


@pytest.fixture
def data_dir_env(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Isolate GEOCLAIMS_DATA and set_data_dir() for one test."""
    monkeypatch.delenv(config.DATA_ENV, raising=False)
    config.set_data_dir(None)
    yield monkeypatch
    config.set_data_dir(None)


CHROMIUM = Path(os.environ.get("GEOCLAIMS_CHROMIUM", CHROMIUM_PATH))


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A real headless Chromium driven by Playwright; skipped locally when absent."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed (pip install playwright)"
    if reason is None and not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set GEOCLAIMS_CHROMIUM)"
    if reason is not None:
        if IN_CI:
            pytest.fail(f"browser tests must run on CI: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=list(CHROMIUM_ARGS))
        yield instance
        instance.close()
