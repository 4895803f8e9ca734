"""Claim file formats, a writer and a reader each: GeoJSON, GeoPackage, GeoParquet, CSV.

A writer takes a frame in EPSG:4326 and its column schema
(:func:`geoclaims.store.columns._column_schema`) and writes the file atomically; a
reader returns the frame as stored and the schema the file carries (None for CSV),
which :func:`geoclaims.store.io.read_frame` decodes.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoclaims._io import atomic_write, check_output_directory
from geoclaims.errors import StoreError
from geoclaims.store.columns import _encode_columns, _is_missing, _to_jsonable

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "CSV_GEOMETRY_COLUMN",
    "GEOJSON_DECIMALS",
    "GPKG_LAYER",
    "neutralise_csv_cell",
    "restore_csv_cell",
]

#: Layer name used inside GeoPackage files.
GPKG_LAYER = "claims"
#: Name of the WKT geometry column in CSV files.
CSV_GEOMETRY_COLUMN = "geometry_wkt"
#: GeoJSON coordinates are rounded to this many decimals (about 1 cm).
GEOJSON_DECIMALS = 7

# Key of the column schema: a foreign member of the GeoJSON FeatureCollection
# (RFC 7946 §6.1), GeoPackage layer metadata, GeoParquet pandas ``attrs``.
_SCHEMA_KEY = "geoclaims:schema"
# GDAL splits metadata keys at ":" (domain:key), so GeoPackage uses a plain key.
_GPKG_SCHEMA_KEY = "GEOCLAIMS_SCHEMA"
#: A CSV text cell that a spreadsheet would run as a formula (OWASP "CSV
#: injection": = + - @ tab CR), possibly behind quotes this rule added before.
_CSV_FORMULA = re.compile(r"'*[=+\-@\t\r]")


@contextlib.contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; replace ``path`` with it on success.

    For writers (GDAL, pyarrow) that want a file name rather than a handle. On any
    exception the temporary file and SQLite side files are removed and ``path`` is
    left as it was.
    """
    parent = check_output_directory(path)
    tmp = parent / f".{path.stem}.{uuid.uuid4().hex}.tmp{path.suffix}"
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        for leftover in (
            tmp,
            *(Path(f"{tmp}{s}") for s in ("-journal", "-wal", "-shm")),
        ):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    finally:
        # GDAL may leave SQLite side files even after a successful close.
        for side in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{tmp}{side}").unlink()


# ---------------------------------------------------------------- GeoJSON


def _write_geojson(gdf: gpd.GeoDataFrame, schema: dict[str, Any], path: Path) -> None:
    from shapely.geometry import mapping

    geometry = schema["geometry"]
    properties = [c for c in schema["columns"] if c != geometry]
    data = _encode_columns(gdf, schema, fmt="geojson")
    with atomic_write(path) as handle:
        handle.write('{"type": "FeatureCollection", ')
        handle.write(f'"{_SCHEMA_KEY}": {json.dumps(schema, ensure_ascii=False)},\n')
        handle.write('"features": [\n')
        for i, (geom, row) in enumerate(
            zip(
                data.geometry,
                data[properties].itertuples(index=False, name=None),
                strict=True,
            )
        ):
            try:
                props = {}
                for name, value in zip(properties, row, strict=True):
                    spec = schema["kinds"][name]
                    if spec["kind"] == "json" and isinstance(value, str):
                        value = json.loads(value)
                    props[name] = _to_jsonable(value)
                feature = {
                    "type": "Feature",
                    "properties": props,
                    "geometry": None
                    if geom is None or geom.is_empty
                    else _round_coordinates(mapping(geom)),
                }
                text = json.dumps(feature, ensure_ascii=False, allow_nan=False)
            except (TypeError, ValueError) as err:
                raise StoreError(
                    f"{path}: feature {i} cannot be written ({err})"
                ) from err
            handle.write(("" if i == 0 else ",\n") + text)
        handle.write("\n]}\n")


def _round_coordinates(geo: Any) -> Any:
    if isinstance(geo, dict):
        return {k: _round_coordinates(v) for k, v in geo.items()}
    if isinstance(geo, (list, tuple)):
        return [_round_coordinates(v) for v in geo]
    if isinstance(geo, float):
        if not math.isfinite(geo):
            raise ValueError(f"non-finite coordinate {geo!r}")
        return round(geo, GEOJSON_DECIMALS)
    return geo


def _read_geojson(path: Path) -> tuple[Any, dict[str, Any] | None]:
    import geopandas as gpd
    from shapely.geometry import shape

    with path.open("r", encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    schema = data.get(_SCHEMA_KEY)
    features = data.get("features")
    if not isinstance(features, list):
        raise ValueError("'features' is not an array")
    rows: list[dict[str, Any]] = []
    geoms = []
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ValueError(f"feature {i} is not a GeoJSON Feature")
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise ValueError(f"feature {i}: properties is not an object")
        rows.append(props)
        geo = feature.get("geometry")
        geoms.append(None if geo is None else shape(geo))
    columns: list[str] = []
    geometry = "geometry"
    if isinstance(schema, dict):
        geometry = schema.get("geometry", "geometry")
        columns = [c for c in schema.get("columns", []) if c != geometry]
    for props in rows:
        columns.extend(k for k in props if k not in columns)
    import pandas as pd

    frame = pd.DataFrame(
        {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in columns},
        index=pd.RangeIndex(len(rows)),
    )
    frame = frame.infer_objects()
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms), crs="EPSG:4326")
    if geometry != "geometry":
        gdf = gdf.rename_geometry(geometry)
    return gdf, schema if isinstance(schema, dict) else None


# ---------------------------------------------------------------- GeoPackage


def _write_gpkg(gdf: gpd.GeoDataFrame, schema: dict[str, Any], path: Path) -> None:
    import pyogrio

    data = _encode_columns(gdf, schema, fmt="gpkg")
    with _atomic_path(path) as tmp:
        pyogrio.write_dataframe(
            data,
            tmp,
            layer=GPKG_LAYER,
            driver="GPKG",
            # Keep each geometry's own type: points stay points next to multipoints.
            promote_to_multi=False,
            layer_metadata={_GPKG_SCHEMA_KEY: json.dumps(schema, ensure_ascii=False)},
        )


def _read_gpkg(path: Path) -> tuple[Any, dict[str, Any] | None]:
    import pyogrio

    layers = [name for name, _ in pyogrio.list_layers(path)]
    layer = GPKG_LAYER if GPKG_LAYER in layers else (layers[0] if layers else None)
    if layer is None:
        raise ValueError("the GeoPackage has no layer")
    info = pyogrio.read_info(path, layer=layer)
    meta = (info.get("layer_metadata") or {}).get(_GPKG_SCHEMA_KEY)
    gdf = pyogrio.read_dataframe(path, layer=layer)
    schema = json.loads(meta) if meta else None
    if schema and schema.get("geometry", "geometry") != gdf.geometry.name:
        gdf = gdf.rename_geometry(schema["geometry"])
    return gdf, schema


# ---------------------------------------------------------------- GeoParquet


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError as err:
        error = StoreError(
            "GeoParquet needs the package 'pyarrow', which is not installed "
            "(pip install pyarrow, or write .gpkg, .geojson or .csv)"
        )
        error.hint = "pip install pyarrow, or write .gpkg, .geojson or .csv"
        raise error from err


def _parquet_data(gdf: gpd.GeoDataFrame, schema: dict[str, Any]) -> gpd.GeoDataFrame:
    """``gdf`` encoded for GeoParquet, with the column schema in its ``attrs``."""
    _require_pyarrow()
    data = _encode_columns(gdf, schema, fmt="parquet")
    # Only geoclaims' own string attributes travel with the file (the store keeps a
    # document's doc_id there, so a document without rows is still known as done).
    kept = {
        k: v
        for k, v in gdf.attrs.items()
        if isinstance(k, str) and k.startswith("geoclaims:") and isinstance(v, str)
    }
    data.attrs = {**kept, _SCHEMA_KEY: json.dumps(schema, ensure_ascii=False)}
    return data


def _write_parquet(gdf: gpd.GeoDataFrame, schema: dict[str, Any], path: Path) -> None:
    data = _parquet_data(gdf, schema)
    with _atomic_path(path) as tmp:
        data.to_parquet(tmp, index=False)


def _read_parquet(path: Path) -> tuple[Any, dict[str, Any] | None]:
    import geopandas as gpd

    _require_pyarrow()
    gdf = gpd.read_parquet(path)
    meta = gdf.attrs.pop(_SCHEMA_KEY, None)
    return gdf, json.loads(meta) if meta else None


# ---------------------------------------------------------------- CSV


def neutralise_csv_cell(value: Any) -> Any:
    """``value`` with a ``'`` in front if a spreadsheet would read it as a formula.

    The OWASP rule for CSV injection: a text cell starting with ``=``, ``+``,
    ``-``, ``@``, tab or carriage return gets a leading single quote. A cell that
    already starts with quotes before such a character gets one more, so that
    :func:`restore_csv_cell` gives back every text exactly. Numbers are left alone
    (``-35.2`` stays a number).

    Examples
    --------
    >>> [neutralise_csv_cell(v) for v in ("=HYPERLINK(x)", "-5", "'=1", "'a", -5)]
    ["'=HYPERLINK(x)", "'-5", "''=1", "'a", -5]
    """
    if isinstance(value, str) and _CSV_FORMULA.match(value):
        return "'" + value
    return value


def restore_csv_cell(value: Any) -> Any:
    """The text :func:`neutralise_csv_cell` was given (inverse of it).

    Examples
    --------
    >>> [restore_csv_cell(v) for v in ("'=HYPERLINK(x)", "'-5", "''=1", "'a")]
    ['=HYPERLINK(x)', '-5', "'=1", "'a"]
    """
    if isinstance(value, str) and value.startswith("'") and _CSV_FORMULA.match(value):
        return value[1:]
    return value


def _write_csv(gdf: gpd.GeoDataFrame, schema: dict[str, Any], path: Path) -> None:
    import pandas as pd
    import shapely

    geometry = schema["geometry"]
    data = pd.DataFrame(_encode_columns(gdf, schema, fmt="csv"))
    wkt = shapely.to_wkt(data[geometry].to_numpy(), rounding_precision=-1)
    position = schema["columns"].index(geometry)
    data = data.drop(columns=[geometry])
    data.insert(position, CSV_GEOMETRY_COLUMN, wkt)
    for column in data.columns:
        if not pd.api.types.is_numeric_dtype(data[column].dtype):
            data[column] = data[column].map(neutralise_csv_cell)
    # CRLF rows (RFC 4180): the csv module quotes only fields holding a character
    # of the line terminator, so with "\n" alone a CR in a text would split its row.
    with atomic_write(path, "wb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        data.to_csv(text, index=False, lineterminator="\r\n")
        text.flush()
        text.detach()


def _read_csv(path: Path) -> tuple[Any, dict[str, Any] | None]:
    import geopandas as gpd
    import pandas as pd
    import shapely

    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column].dtype):
            frame[column] = frame[column].map(restore_csv_cell)
    if CSV_GEOMETRY_COLUMN not in frame.columns:
        raise ValueError(f"no {CSV_GEOMETRY_COLUMN!r} column")
    wkt = [None if _is_missing(v) else v for v in frame[CSV_GEOMETRY_COLUMN]]
    geoms = shapely.from_wkt(wkt)
    position = list(frame.columns).index(CSV_GEOMETRY_COLUMN)
    frame = frame.drop(columns=[CSV_GEOMETRY_COLUMN])
    frame.insert(position, "geometry", geoms)
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"), None
