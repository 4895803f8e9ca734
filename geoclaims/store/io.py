"""Write and read claim GeoDataFrames as GeoJSON, GeoPackage, GeoParquet and CSV.

Here are the entry points: the format chosen by extension, geometry in EPSG:4326,
errors that name the file. Each format's writer and reader are in
:mod:`geoclaims.store.formats`, the column encoding they share in
:mod:`geoclaims.store.columns`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoclaims._io import check_output_directory
from geoclaims.errors import ConfigurationError, InputError, StoreError
from geoclaims.store.columns import (
    CONFIDENCE_ORDER,
    DATETIME_COLUMNS,
    LIST_COLUMNS,
    _column_schema,
    _decode_columns,
)
from geoclaims.store.columns import is_missing as is_missing
from geoclaims.store.formats import (
    GPKG_LAYER,
    _parquet_data,
    _read_csv,
    _read_geojson,
    _read_gpkg,
    _read_parquet,
    _write_csv,
    _write_geojson,
    _write_gpkg,
    _write_parquet,
)
from geoclaims.store.formats import neutralise_csv_cell as neutralise_csv_cell
from geoclaims.store.formats import restore_csv_cell as restore_csv_cell

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "CONFIDENCE_ORDER",
    "DATETIME_COLUMNS",
    "GPKG_LAYER",
    "LIST_COLUMNS",
    "SUPPORTED_FORMATS",
    "check_frame_format",
    "parquet_bytes",
    "read_frame",
    "write_frame",
]

#: File extension -> format name understood by :func:`write_frame` / :func:`read_frame`.
SUPPORTED_FORMATS: dict[str, str] = {
    ".geojson": "geojson",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".csv": "csv",
}
_SUFFIXES = ", ".join(SUPPORTED_FORMATS)


# ---------------------------------------------------------------- format and paths


def _resolve_format(path: Path, format: str | None) -> str:
    if format is not None:
        name = str(format).lower().lstrip(".")
        if name not in SUPPORTED_FORMATS.values():
            raise ConfigurationError(
                f"unknown format {format!r}; supported: "
                f"{', '.join(SUPPORTED_FORMATS.values())}"
            )
        return name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_FORMATS:
        raise ConfigurationError(
            f"cannot tell the file format of {str(path)!r} from its extension "
            f"{suffix or '(none)'!r}; supported extensions: {_SUFFIXES} "
            "(or pass format=...)"
        )
    return SUPPORTED_FORMATS[suffix]


def check_frame_format(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format :func:`write_frame` would write ``path`` in (checked before work).

    Raises
    ------
    ConfigurationError
        If the extension or ``format`` is not a supported one (listing them).
    """
    return _resolve_format(Path(path), format)


# ---------------------------------------------------------------- writers


_WRITERS: dict[str, Callable[[Any, dict[str, Any], Path], None]] = {
    "geojson": _write_geojson,
    "gpkg": _write_gpkg,
    "parquet": _write_parquet,
    "csv": _write_csv,
}


def _in_lonlat(gdf: Any, caller: str) -> gpd.GeoDataFrame:
    """``gdf`` in EPSG:4326 (a missing CRS is taken to be EPSG:4326)."""
    import geopandas as gpd

    if not isinstance(gdf, gpd.GeoDataFrame):
        raise ConfigurationError(
            f"{caller} expects a GeoDataFrame, got {type(gdf).__name__}; "
            "build one with geoclaims.store.frames.to_geodataframe()"
        )
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        return gdf.to_crs("EPSG:4326")
    if gdf.crs is None:
        return gdf.set_crs("EPSG:4326")
    return gdf


def parquet_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    """The GeoParquet file :func:`write_frame` writes for ``gdf``, as bytes.

    For writers that encode in one process and write in another (the claims
    store's workers encode, the parent writes): ``read_frame`` reads the bytes,
    saved as a ``.parquet`` file, exactly as a file from ``write_frame``.

    Raises
    ------
    ConfigurationError
        If ``gdf`` is not a GeoDataFrame.
    StoreError
        If a value cannot be serialised (naming the column), or pyarrow fails.
    """
    gdf = _in_lonlat(gdf, "parquet_bytes")
    data = _parquet_data(gdf, _column_schema(gdf))
    buffer = io.BytesIO()
    try:
        data.to_parquet(buffer, index=False)
    except Exception as err:
        raise StoreError(f"cannot encode GeoParquet ({err})") from err
    return buffer.getvalue()


def write_frame(
    gdf: gpd.GeoDataFrame, path: str | os.PathLike[str], *, format: str | None = None
) -> Path:
    """Write a claims GeoDataFrame to ``path`` atomically.

    The file appears under its final name only when it is complete: it is written
    to a temporary file in the same directory and moved into place with
    :func:`os.replace`. On failure no partial file is left and an existing ``path``
    is untouched.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Typically from :func:`geoclaims.store.frames.to_geodataframe`. Geometry is
        reprojected to EPSG:4326 (lon, lat) if it has another CRS; a missing CRS is
        taken to be EPSG:4326. The index is not written.
    path : str or Path
        Target file; its extension picks the format unless ``format`` is given:

        - ``.geojson``: RFC 7946 FeatureCollection, lon/lat, no ``crs`` member,
          coordinates rounded to 7 decimals; lists/dicts as JSON arrays/objects,
          categoricals as strings, datetimes as ISO 8601 strings.
        - ``.gpkg``: layer ``"claims"``; lists/dicts as JSON text, datetimes kept
          (GeoPackage stores them to the millisecond).
        - ``.parquet``: GeoParquet; lists of only str or only int kept as native
          lists, other lists and dicts as JSON text.
        - ``.csv``: geometry as WKT in column ``geometry_wkt``; lists/dicts as JSON
          text, datetimes as ISO 8601 strings.
    format : {"geojson", "gpkg", "parquet", "csv"}, optional
        Overrides the extension.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    InputError
        If the target directory does not exist.
    ConfigurationError
        If the extension or ``format`` is not one of the supported ones.
    StoreError
        If a value cannot be serialised (naming the column or feature), or the
        underlying writer fails.
    """
    target = Path(path)
    fmt = _resolve_format(target, format)
    check_output_directory(target)
    gdf = _in_lonlat(gdf, "write_frame")
    schema = _column_schema(gdf)
    try:
        _WRITERS[fmt](gdf, schema, target)
    except (StoreError, InputError):
        raise
    except Exception as err:
        raise StoreError(f"{target}: cannot write {fmt} file ({err})") from err
    return target


# ---------------------------------------------------------------- readers


_READERS: dict[str, Callable[[Path], tuple[Any, dict[str, Any] | None]]] = {
    "geojson": _read_geojson,
    "gpkg": _read_gpkg,
    "parquet": _read_parquet,
    "csv": _read_csv,
}


def read_frame(
    path: str | os.PathLike[str], *, format: str | None = None
) -> gpd.GeoDataFrame:
    """Read a file written by :func:`write_frame` back into a GeoDataFrame.

    List and dict columns are parsed back from JSON text, ``confidence`` becomes the
    ordered categorical (confirmed < reported < unverified < disputed < denied),
    datetime, date and other categorical columns are restored. GeoJSON, GeoPackage
    and GeoParquet files carry a small column schema; CSV files have none, so only
    the known geoclaims columns (:data:`LIST_COLUMNS`, :data:`DATETIME_COLUMNS`,
    ``confidence``) are restored there.

    Parameters
    ----------
    path : str or Path
        A ``.geojson``, ``.gpkg``, ``.parquet`` or ``.csv`` file.
    format : {"geojson", "gpkg", "parquet", "csv"}, optional
        Overrides the extension.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326, with a RangeIndex.

    Raises
    ------
    InputError
        If ``path`` does not exist.
    ConfigurationError
        If the extension or ``format`` is not a supported one.
    StoreError
        If the file is corrupted or cannot be read (naming the file).
    """
    source = Path(path)
    fmt = _resolve_format(source, format)
    if not source.exists():
        raise InputError("file not found", path=source, hint="check the path")
    try:
        gdf, schema = _READERS[fmt](source)
        gdf = _decode_columns(gdf, schema, source)
        if schema and isinstance(schema.get("columns"), list):
            order = [c for c in schema["columns"] if c in gdf.columns]
            order += [c for c in gdf.columns if c not in order]
            gdf = gdf[order]
    except StoreError:
        raise
    except Exception as err:
        error = StoreError(
            f"{source}: cannot read {fmt} file ({type(err).__name__}: {err}); "
            "it is corrupted or not a geoclaims export"
        )
        error.hint = "write it again with geoclaims.store.io.write_frame"
        raise error from err
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf
