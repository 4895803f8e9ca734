"""Canonical-source columns in frames, exports and stores, also of files without them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from geoclaims.inputs import CANONICAL_COLUMNS, read_claims_file, to_claims_frame
from geoclaims.pipeline import analyze
from geoclaims.store import query as q
from geoclaims.store.frames import CLAIM_COLUMNS, LATER_CLAIM_COLUMNS, to_geodataframe
from geoclaims.store.io import read_frame, write_frame

try:
    import pyarrow  # noqa: F401
except ImportError:  # pragma: no cover - pyarrow is a test dependency
    PARQUET = pytest.param("parquet", marks=pytest.mark.skip(reason="pyarrow missing"))
else:
    PARQUET = "parquet"
FORMATS = ["geojson", "gpkg", PARQUET, "csv"]

TEXT = ("The Kyiv Post reported, citing Ukraine's Military Intelligence, that drones hit a "
        "depot near Sudzha on Monday. Kremlin spokesperson Dmitry Peskov said the drones "
        "were shot down over Kursk.")
EXPECTED = {
    "source_ids": [["kyiv-post", "ua-hur"], ["dmitry-peskov"]],
    "canonical_sources": [["Kyiv Post", "Defence Intelligence of Ukraine (HUR)"],
                          ["Dmitry Peskov"]],
    "source_kinds": [["media outlet", "intelligence service"], ["person"]],
    "source_organisations": [[], ["Kremlin"]],
}


@pytest.fixture(scope="module")
def report(gazetteer):  # type: ignore[no-untyped-def]
    return analyze(TEXT, doc_id="k", outlet="Test Wire", published="2024-10-15",
                   gazetteer=gazetteer)


def _by_claim(frame: pd.DataFrame, column: str) -> list[list[str]]:
    first = frame.drop_duplicates("claim_id")
    return [list(v) for v in first[column]]


def test_source_columns_in_the_frame(report) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(report)
    columns = list(gdf.columns)
    at = columns.index("source_affiliations")
    assert columns[at + 1 : at + 5] == list(CANONICAL_COLUMNS)
    assert set(CANONICAL_COLUMNS) <= set(LATER_CLAIM_COLUMNS) & set(CLAIM_COLUMNS)
    for column, expected in EXPECTED.items():
        assert _by_claim(gdf, column) == expected, column
    # parallel to the text's names
    for cited, ids in zip(gdf["cited_sources"], gdf["source_ids"], strict=True):
        assert len(cited) == len(ids)


@pytest.mark.parametrize("fmt", FORMATS)
def test_source_columns_round_trip_every_format(report, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"claims.{fmt}"
    write_frame(to_geodataframe(report), path)
    if fmt == "geojson":
        props = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
        assert props["source_ids"] == ["kyiv-post", "ua-hur"]
    back = read_frame(path)
    for column, expected in EXPECTED.items():
        assert _by_claim(back, column) == expected, column


@pytest.mark.parametrize("fmt", [*FORMATS, "store"])
def test_source_columns_filled_for_older_files(report, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from geoclaims.store.dataset import MANIFEST, STORE_FORMAT, write_document

    old = to_geodataframe(report).drop(columns=list(LATER_CLAIM_COLUMNS))
    if fmt == "store":
        path = tmp_path / "old.store"
        path.mkdir()
        (path / MANIFEST).write_text(json.dumps({"format": STORE_FORMAT}), encoding="utf-8")
        write_document(path, "k", old)
    else:
        path = tmp_path / f"old.{fmt}"
        write_frame(old, path)
    for frame in (read_claims_file(path), to_claims_frame(path)):
        # read from the names alone: the same as extraction found here
        for column, expected in EXPECTED.items():
            assert _by_claim(frame, column) == expected, (fmt, column)


def test_source_columns_query_by_alias_and_canonical_name(report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(report)
    citing = set(gdf[gdf["cited_sources"].map(
        lambda names: "Ukraine's Military Intelligence" in names)]["claim_id"])
    assert citing
    for name in ("GUR", "HUR", "ГУР", "Defence Intelligence of Ukraine",
                 "Ukrainian military intelligence"):
        assert set(q.by_source(gdf, name)["claim_id"]) == citing, name
    assert set(q.by_source(gdf, "Peskov")["claim_id"]) == set(gdf["claim_id"]) - citing
    assert len(q.by_source(gdf, "Hezbollah")) == 0
    # an older export read for `geoclaims query` gets the ids, so aliases match it too
    path = tmp_path / "old.geojson"
    write_frame(gdf.drop(columns=list(LATER_CLAIM_COLUMNS)), path)
    assert set(q.by_source(read_claims_file(path), "GUR")["claim_id"]) == citing
    # a frame without the canonical columns still matches the text's names
    bare = gdf.drop(columns=list(CANONICAL_COLUMNS))
    assert set(q.by_source(bare, "Military Intelligence")["claim_id"]) == citing
