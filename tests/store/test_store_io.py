"""Tests of geoclaims.store.io: round trips, atomic writes, error messages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pandas.testing import assert_frame_equal

from geoclaims.errors import ConfigurationError, InputError, StoreError
from geoclaims.store import io as store_io
from geoclaims.store.io import CONFIDENCE_ORDER, read_frame, write_frame

try:
    import pyarrow  # noqa: F401
except ImportError:  # GeoParquet needs pyarrow, not (yet) a declared dependency
    HAS_PYARROW = False
else:
    HAS_PYARROW = True
PARQUET = pytest.param(
    "parquet", marks=pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow missing")
)
FORMATS = ["geojson", "gpkg", PARQUET, "csv"]

KHARKIV = shapely.Point(36.2304, 49.9935)
BAND = shapely.Polygon([(30.1, 50.2), (31.25, 50.2), (31.25, 51.0), (30.1, 50.2)])
MULTI = shapely.MultiPoint([(-179.5, -89.25), (179.5, 89.25)])


def make_frame(*, utc: bool = True) -> gpd.GeoDataFrame:
    """A small claims-like frame with every column kind of to_geodataframe()."""
    published = pd.to_datetime(["2024-03-01", "2024-03-02", "2024-03-03"])
    return gpd.GeoDataFrame(
        {
            "claim_id": ["c1", "c2", "c3"],
            "outlet": ["Reuters", None, "AP"],
            "statement": ["NA", 'Shelling hit "X", near [Y]', "Ünïcode — ok"],
            "source_chain": [["Reuters", "ministry"], [], ["AP"]],
            "cited_sources": [["ministry"], [], []],
            "cues": [["said"], ["reportedly", "claimed"], []],
            "quantities": [
                [{"value": 3, "unit": "km", "text": "3 km"}],
                [],
                [{"value": 1.5, "unit": None}],
            ],
            "place_names": [["Kharkiv"], ["Kyiv", "Lviv"], []],
            "geonameids": [[706483], [703448, 702550], []],
            "anonymous_source": [False, True, False],
            "confidence": pd.Categorical(
                ["reported", "denied", None], categories=CONFIDENCE_ORDER, ordered=True
            ),
            "published": published.tz_localize("UTC") if utc else published,
            "event_date": pd.to_datetime(["2024-02-28", None, "2024-03-03"]),
            "uncertainty_km": [1.0, float("nan"), 0.25],
            "precision_class": [1, 2, 3],
        },
        geometry=[KHARKIV, BAND, MULTI],
        crs="EPSG:4326",
    )


def assert_same(read: gpd.GeoDataFrame, original: gpd.GeoDataFrame) -> None:
    assert list(read.columns) == list(original.columns)
    assert read.crs is not None and read.crs.equals("EPSG:4326")
    assert_frame_equal(
        pd.DataFrame(read.drop(columns="geometry")),
        pd.DataFrame(original.drop(columns="geometry")),
    )
    for got, want in zip(read.geometry, original.geometry, strict=True):
        if want is None:
            assert got is None
        else:
            assert got.equals_exact(want, tolerance=1e-7)


def no_temp_files(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_round_trip(tmp_path: Path, fmt: str) -> None:
    gdf = make_frame()
    path = tmp_path / f"claims.{fmt}"
    assert write_frame(gdf, path) == path
    back = read_frame(path)
    assert_same(back, gdf)
    assert back["confidence"].cat.ordered
    assert list(back["confidence"].cat.categories) == list(CONFIDENCE_ORDER)
    assert back["geonameids"][1] == [703448, 702550]
    assert back["quantities"][0] == [{"value": 3, "unit": "km", "text": "3 km"}]
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_round_trip_none_geometry_and_naive_datetimes(
    tmp_path: Path, fmt: str
) -> None:
    gdf = make_frame(utc=False)
    gdf.loc[1, "geometry"] = None
    path = tmp_path / f"claims.{fmt}"
    write_frame(gdf, path)
    assert_same(read_frame(path), gdf)


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_round_trip_filtered_frame_and_geometry_name(
    tmp_path: Path, fmt: str
) -> None:
    gdf = make_frame().iloc[[2, 0]].rename_geometry("footprint")
    path = tmp_path / f"claims.{fmt}"
    write_frame(gdf, path)
    back = read_frame(path)
    expected = gdf.reset_index(drop=True)
    if fmt == "csv":  # CSV has no schema: the geometry column is "geometry"
        expected = expected.rename_geometry("geometry")
    assert back.geometry.name == expected.geometry.name
    if expected.geometry.name != "geometry":
        back = back.rename_geometry("geometry")
        expected = expected.rename_geometry("geometry")
    assert_same(back, expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_round_trip_empty_frame(tmp_path: Path, fmt: str) -> None:
    gdf = make_frame().iloc[:0]
    path = tmp_path / f"claims.{fmt}"
    write_frame(gdf, path)
    back = read_frame(path)
    assert len(back) == 0
    assert list(back.columns) == list(gdf.columns)


def test_io_round_trip_date_objects_and_other_categoricals(tmp_path: Path) -> None:
    gdf = make_frame()
    gdf["event_day"] = [dt.date(2024, 2, 28), None, dt.date(2024, 3, 3)]
    gdf["kind"] = pd.Categorical(["a", "b", "a"])
    for fmt in ("geojson", "gpkg", "parquet")[: 3 if HAS_PYARROW else 2]:
        path = tmp_path / f"claims.{fmt}"
        write_frame(gdf, path)
        assert_same(read_frame(path), gdf)


def test_io_parquet_keeps_str_and_int_lists_native(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")

    path = tmp_path / "claims.parquet"
    write_frame(make_frame(), path)
    schema = pq.read_schema(path)
    assert str(schema.field("place_names").type) == "list<element: string>"
    assert str(schema.field("geonameids").type) == "list<element: int64>"
    assert str(schema.field("quantities").type) == "string"  # dicts as JSON text
    assert b"geo" in schema.metadata  # GeoParquet metadata


def test_io_gpkg_layer_and_json_text(tmp_path: Path) -> None:
    import pyogrio

    path = tmp_path / "claims.gpkg"
    write_frame(make_frame(), path)
    assert [name for name, _ in pyogrio.list_layers(path)] == ["claims"]
    raw = pyogrio.read_dataframe(path, layer="claims")
    assert json.loads(raw["source_chain"][0]) == ["Reuters", "ministry"]
    assert pd.api.types.is_datetime64_any_dtype(raw["published"])


def test_io_csv_geometry_wkt_and_json_text(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    write_frame(make_frame(), path)
    raw = pd.read_csv(path)
    assert "geometry_wkt" in raw.columns and "geometry" not in raw.columns
    assert shapely.from_wkt(raw["geometry_wkt"][0]).equals(KHARKIV)
    assert json.loads(raw["cues"][1]) == ["reportedly", "claimed"]
    assert raw["published"][0].startswith("2024-03-01T00:00:00")


def test_io_geojson_rfc7946(tmp_path: Path) -> None:
    gdf = make_frame().to_crs("EPSG:3857")  # written back in lon/lat
    gdf.loc[2, "geometry"] = None
    path = tmp_path / "claims.geojson"
    write_frame(gdf, path)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    assert len(data["features"]) == 3

    def coords(obj: object) -> list[tuple[float, float]]:
        if isinstance(obj, list) and obj and isinstance(obj[0], (int, float)):
            return [(obj[0], obj[1])]
        return (
            [c for item in obj for c in coords(item)] if isinstance(obj, list) else []
        )

    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert "geometry" in feature
        if feature["geometry"] is None:
            continue
        assert feature["geometry"]["type"] in ("Point", "Polygon", "MultiPoint")
        for lon, lat in coords(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, 7) == lon and round(lat, 7) == lat
    first = data["features"][0]
    assert first["geometry"]["coordinates"] == pytest.approx([36.2304, 49.9935])
    props = first["properties"]
    assert props["source_chain"] == ["Reuters", "ministry"]
    assert props["quantities"] == [{"value": 3, "unit": "km", "text": "3 km"}]
    assert props["confidence"] == "reported"
    assert props["published"].startswith("2024-03-01T00:00:00")
    assert data["features"][2]["properties"]["confidence"] is None

    geojson = pytest.importorskip("geojson")
    assert geojson.loads(text).is_valid


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_missing_directory_error(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "no" / "such" / f"claims.{fmt}"
    with pytest.raises(InputError, match="output directory does not exist") as info:
        write_frame(make_frame(), path)
    assert str(path) in str(info.value)
    assert "create" in str(info.value)
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("name", ["claims.shp", "claims.json", "claims"])
def test_io_unknown_extension_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(
        ConfigurationError, match=r"\.geojson, \.gpkg, \.parquet, \.csv"
    ):
        write_frame(make_frame(), tmp_path / name)
    with pytest.raises(ConfigurationError, match="supported"):
        read_frame(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_io_explicit_format(tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    write_frame(make_frame(), path, format="geojson")
    assert_same(read_frame(path, format="geojson"), make_frame())
    with pytest.raises(ConfigurationError, match="unknown format 'shp'"):
        write_frame(make_frame(), path, format="shp")


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_unserialisable_value_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    gdf = make_frame()
    gdf["extra"] = pd.Series(["ok", "ok", object()], dtype=object)
    path = tmp_path / f"claims.{fmt}"
    with pytest.raises(StoreError, match=r"extra|feature 2"):
        write_frame(gdf, path)
    assert list(tmp_path.iterdir()) == []

    write_frame(make_frame(), path)
    before = path.read_bytes()
    with pytest.raises(StoreError):
        write_frame(gdf, path)
    assert path.read_bytes() == before
    assert no_temp_files(tmp_path)


def test_io_geojson_failure_mid_stream_cleans_up(tmp_path: Path) -> None:
    # The value fails only at the third feature, after the first two were written
    # to the temporary file: the temporary file must be removed, the target kept.
    gdf = make_frame()
    gdf.loc[2, "geometry"] = shapely.Point(float("nan"), 1.0)
    path = tmp_path / "claims.geojson"
    path.write_text("previous", encoding="utf-8")
    with pytest.raises(StoreError, match="feature 2"):
        write_frame(gdf, path)
    assert path.read_text(encoding="utf-8") == "previous"
    assert no_temp_files(tmp_path)


@pytest.mark.parametrize("fmt", ["gpkg", PARQUET])
def test_io_writer_crash_cleans_up(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyogrio

    def crash(_df: object, tmp: object, *args: object, **kwargs: object) -> None:
        Path(str(tmp)).write_bytes(b"half a file")
        Path(f"{tmp}-journal").write_bytes(b"journal")
        raise OSError("disk full")

    path = tmp_path / f"claims.{fmt}"
    write_frame(make_frame(), path)
    before = path.read_bytes()
    if fmt == "gpkg":
        monkeypatch.setattr(pyogrio, "write_dataframe", crash)
    else:
        monkeypatch.setattr(gpd.GeoDataFrame, "to_parquet", crash)
    with pytest.raises(StoreError, match="disk full"):
        write_frame(make_frame(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize(
    ("fmt", "content"),
    [
        ("geojson", b'{"type": "FeatureCollection", "features": [{"type": "Fea'),
        ("geojson", b'{"type": "Feature", "properties": {}, "geometry": null}'),
        ("geojson", b"\xff\xfe not json"),
        ("gpkg", b"SQLite format 3\x00" + b"\x00" * 200),
        ("gpkg", b"not a geopackage at all"),
        pytest.param("parquet", b"PAR1" + b"\x00" * 64, marks=PARQUET.marks),
        ("csv", b"a,b\n1,2\n"),
        ("csv", b'claim_id,geometry_wkt\nc1,"POINT (1 2"\n'),
    ],
)
@pytest.mark.filterwarnings("ignore:GPKG:RuntimeWarning")
def test_io_corrupted_file_error(tmp_path: Path, fmt: str, content: bytes) -> None:
    path = tmp_path / f"broken.{fmt}"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="broken") as info:
        read_frame(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_io_corrupted_list_column_error(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"claims.{fmt}"
    write_frame(make_frame(), path)
    if fmt == "csv":
        frame = pd.read_csv(path)
        frame.loc[0, "cues"] = '["said"'
        frame.to_csv(path, index=False)
        with pytest.raises(StoreError, match=r"'cues', row 0: malformed JSON"):
            read_frame(path)
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["features"][0]["properties"]["published"] = "not a date"
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(StoreError, match="published"):
            read_frame(path)


def test_io_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_frame(tmp_path / "absent.gpkg")


def test_io_store_module_constants_match_frames() -> None:
    frames = pytest.importorskip("geoclaims.store.frames")
    assert store_io.CONFIDENCE_ORDER == frames.CONFIDENCE_ORDER


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_pipeline_integration(tmp_path: Path, gazetteer: object, fmt: str) -> None:
    frames = pytest.importorskip("geoclaims.store.frames")
    from geoclaims.pipeline import analyze

    text = (
        "Kharkiv, March 3. Russian forces shelled Kharkiv overnight, the regional "
        "governor said. Officials in Kyiv denied reports of an attack 30 km north "
        "of Lviv, Reuters reported, citing two anonymous sources."
    )
    report = analyze(
        text, doc_id="t1", outlet="Reuters", published="2024-03-03", gazetteer=gazetteer
    )
    gdf = frames.to_geodataframe(report)
    assert len(gdf) > 0
    path = tmp_path / f"claims.{fmt}"
    write_frame(gdf, path)
    back = read_frame(path)
    if fmt == "gpkg":
        # GeoPackage stores datetimes to the millisecond.
        for column in ("published", "event_date"):
            back[column] = back[column].astype(gdf[column].dtype)
    assert_same(back, gdf)


@pytest.mark.parametrize("fmt", FORMATS)
def test_io_exports_carry_source_affiliations(tmp_path: Path, gazetteer: object, fmt: str) -> None:
    from geoclaims.pipeline import analyze
    from geoclaims.store.frames import to_geodataframe

    report = analyze("Kremlin spokesperson Dmitry Peskov said the talks in Minsk had failed.",
                     doc_id="p", outlet="Test Wire", gazetteer=gazetteer)
    path = tmp_path / f"claims.{fmt}"
    write_frame(to_geodataframe(report), path)
    if fmt == "geojson":
        props = json.loads(path.read_text(encoding="utf-8"))["features"][0]["properties"]
        assert props["source_affiliations"] == ["Kremlin"]
    elif fmt == "csv":
        assert json.loads(pd.read_csv(path)["source_affiliations"][0]) == ["Kremlin"]
    assert list(read_frame(path)["source_affiliations"]) == [["Kremlin"]]


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow missing")
@pytest.mark.parametrize("crs", ["EPSG:4326", "EPSG:3857"])
def test_io_parquet_bytes_read_back_like_a_file(tmp_path: Path, crs: str) -> None:
    gdf = make_frame().to_crs(crs)
    path = tmp_path / "claims.parquet"
    path.write_bytes(store_io.parquet_bytes(gdf))
    assert_same(read_frame(path), make_frame())
    with pytest.raises(ConfigurationError, match="expects a GeoDataFrame"):
        store_io.parquet_bytes(pd.DataFrame(make_frame()))


# -- CSV injection (OWASP): formula cells neutralised, restored on reading (issue 12)

FORMULA_TEXTS = [
    "=HYPERLINK(\"http://evil.example\", \"click\")",
    "+7 (495) 123-45-67",
    "-2 killed, officials said",
    "@SUM(A1:A9)",
    "\tindented",
    "\rcarriage return",
    "'=already quoted once",
    "''-twice",
    "'plain quote stays",
    "line one\r\nline two",
]


@pytest.mark.parametrize("text", FORMULA_TEXTS)
def test_io_csv_neutralises_formula_cells_and_reads_them_back(
    tmp_path: Path, text: str
) -> None:
    import csv

    original = make_frame()
    original["statement"] = [text, "ok", "=1+1"]
    original["outlet"] = [text, None, "@AP"]
    original["source_chain"] = [[text], [], ["-x"]]
    original["uncertainty_km"] = [-1.5, float("nan"), 0.25]
    original.geometry = [shapely.Point(-73.9857, -40.5), BAND, MULTI]
    path = tmp_path / "claims.csv"
    write_frame(original, path)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column, cell in row.items():
            if column in ("uncertainty_km", "precision_class"):
                continue
            assert not cell or cell[0] not in "=+-@\t\r", (column, cell)
    assert rows[0]["uncertainty_km"] == "-1.5"  # numbers stay numbers
    assert rows[0]["statement"] in (text, "'" + text)
    assert rows[2]["statement"] == "'=1+1"
    assert_same(read_frame(path), original)
