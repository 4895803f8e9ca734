"""The location precision code in every export, in queries, and for older files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from geoclaims.claims.export import claim_record
from geoclaims.errors import ConfigurationError
from geoclaims.inputs import read_claims_file, to_claims_frame
from geoclaims.pipeline import analyze
from geoclaims.report_io import read_reports, write_reports
from geoclaims.store import query as q
from geoclaims.store.frames import CLAIM_COLUMNS, LATER_CLAIM_COLUMNS, to_geodataframe
from geoclaims.store.io import read_frame, write_frame

FORMATS = ["geojson", "gpkg", "parquet", "csv"]

TEXT = ("Ukraine's General Staff said on Monday that drones hit an oil depot near Sudzha. "
        "Officials said missiles hit targets from Russia overnight. "
        "The prime minister will hold a press conference on prices next week, his office "
        "said.")
#: Code of each claim, in order: near Sudzha, Russia (a place named without a spatial
#: expression), no location.
EXPECTED = [2, 6, None]


@pytest.fixture(scope="module")
def report(gazetteer):  # type: ignore[no-untyped-def]
    return analyze(TEXT, doc_id="p", outlet="Test Wire", published="2024-10-15",
                   gazetteer=gazetteer)


def _codes(frame: pd.DataFrame) -> list[int | None]:
    first = frame.drop_duplicates("claim_id")
    return [None if pd.isna(v) else int(v) for v in first["location_precision"]]


def test_precision_columns_claims_and_frame(report) -> None:  # type: ignore[no-untyped-def]
    assert [c.location_precision for c in report.claims] == EXPECTED
    gdf = to_geodataframe(report)
    columns = list(gdf.columns)
    assert columns == list(CLAIM_COLUMNS)
    assert columns[columns.index("precision_class") + 1] == "location_precision"
    assert str(gdf["location_precision"].dtype) == "Int64"
    assert _codes(gdf) == EXPECTED
    places = to_geodataframe(report, kind="places")
    assert dict(zip(places["name"], places["location_precision"], strict=True)) == {
        "Ukraine": 6, "Sudzha": 1, "Russia": 6}


@pytest.mark.parametrize("fmt", FORMATS)
def test_precision_columns_round_trip_every_format(report, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"claims.{fmt}"
    write_frame(to_geodataframe(report), path)
    if fmt == "geojson":
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        assert [f["properties"]["location_precision"] for f in features] == EXPECTED
    for back in (read_frame(path), read_claims_file(path)):
        assert _codes(back) == EXPECTED, fmt
        assert str(back["location_precision"].dtype) == "Int64"


def test_precision_columns_claims_jsonl_and_report_json(report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    records = [claim_record(c, report.footprints) for c in report.claims]
    assert [r["location_precision"] for r in records] == EXPECTED
    json.dumps(records)  # plain JSON
    path = tmp_path / "reports.json"
    write_reports([report], path)
    (back,) = read_reports(path)
    assert [c.location_precision for c in back.claims] == EXPECTED
    assert [f.location_precision for f in back.footprints] == [2]
    assert _codes(read_claims_file(path)) == EXPECTED


def test_precision_columns_report_json_older_than_the_field(report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.json"
    write_reports([report], path)
    data = json.loads(path.read_text(encoding="utf-8"))

    def strip(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "location_precision"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    path.write_text(json.dumps(strip(data)), encoding="utf-8")
    (back,) = read_reports(path)
    assert [c.location_precision for c in back.claims] == [None, None, None]
    # a footprint without the field is coded from its relation and area
    assert [f.location_precision for f in back.footprints] == [2]
    assert _codes(to_geodataframe(back)) == EXPECTED


@pytest.mark.parametrize("fmt", [*FORMATS, "store"])
def test_precision_columns_older_files_load(report, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from geoclaims.store.dataset import MANIFEST, STORE_FORMAT, write_document

    old = to_geodataframe(report).drop(columns=["location_precision"])
    assert "location_precision" in LATER_CLAIM_COLUMNS
    if fmt == "store":
        path = tmp_path / "old.store"
        path.mkdir()
        (path / MANIFEST).write_text(json.dumps({"format": STORE_FORMAT}), encoding="utf-8")
        write_document(path, "p", old)
    else:
        path = tmp_path / f"old.{fmt}"
        write_frame(old, path)
    for frame in (read_claims_file(path), to_claims_frame(path)):
        assert list(frame.columns) == list(CLAIM_COLUMNS)
        # The footprint row is coded from its relation and size; the rows placed at a
        # place's point cannot be (the frame lacks the place's kind) and stay empty.
        assert _codes(frame) == [2, None, None], fmt


def test_precision_columns_query(report) -> None:  # type: ignore[no-untyped-def]
    gdf = to_geodataframe(report)
    assert _codes(q.by_precision(gdf, 2)) == [2]
    assert _codes(q.by_precision(gdf, 5)) == [2]
    assert _codes(q.by_precision(gdf, 6)) == [2, 6]
    assert _codes(gdf.claims.by_precision(7)) == [2, 6]
    for bad in (0, 8, "2", 2.0, True):
        with pytest.raises(ConfigurationError, match="location precision code"):
            q.by_precision(gdf, bad)


def test_precision_columns_cli_query(report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "claims.parquet"
    write_frame(to_geodataframe(report), path)
    out = tmp_path / "precise.geojson"
    run = subprocess.run(
        [sys.executable, "-m", "geoclaims", "query", str(path), "-o", str(out),
         "--precision-max", "4"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["location_precision"] for f in features] == [2]
    bad = subprocess.run(
        [sys.executable, "-m", "geoclaims", "query", str(path), "-o", str(out),
         "--precision-max", "9"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
