"""Write and read claim GeoDataFrames as GeoJSON, GeoPackage, GeoParquet and CSV."""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import json
import math
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoclaims._io import atomic_write, check_output_directory
from geoclaims.claims.model import Confidence
from geoclaims.errors import ConfigurationError, InputError, StoreError

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

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
#: Layer name used inside GeoPackage files.
GPKG_LAYER = "claims"
#: Order of the ``confidence`` categorical, best first.
CONFIDENCE_ORDER: tuple[str, ...] = tuple(c.value for c in Confidence)
#: Columns holding lists or dicts; restored from JSON text even without a schema (CSV).
LIST_COLUMNS: tuple[str, ...] = (
    "source_chain",
    "cited_sources",
    "source_affiliations",
    "cues",
    "quantities",
    "place_names",
    "geonameids",
)
#: Datetime columns; parsed from ISO text even without a schema (CSV).
DATETIME_COLUMNS: tuple[str, ...] = ("published", "event_date")
#: Name of the WKT geometry column in CSV files.
CSV_GEOMETRY_COLUMN = "geometry_wkt"
#: GeoJSON coordinates are rounded to this many decimals (about 1 cm).
GEOJSON_DECIMALS = 7

# Key of the column schema: a foreign member of the GeoJSON FeatureCollection
# (RFC 7946 §6.1), GeoPackage layer metadata, GeoParquet pandas ``attrs``.
_SCHEMA_KEY = "geoclaims:schema"
# GDAL splits metadata keys at ":" (domain:key), so GeoPackage uses a plain key.
_GPKG_SCHEMA_KEY = "GEOCLAIMS_SCHEMA"
_SUFFIXES = ", ".join(SUPPORTED_FORMATS)
#: A CSV text cell that a spreadsheet would run as a formula (OWASP "CSV
#: injection": = + - @ tab CR), possibly behind quotes this rule added before.
_CSV_FORMULA = re.compile(r"'*[=+\-@\t\r]")


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


# ---------------------------------------------------------------- value conversion


def _is_missing(value: Any) -> bool:
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import numpy as np

        if isinstance(value, np.floating):
            return bool(np.isnan(value))
        if isinstance(value, np.datetime64):
            return bool(np.isnat(value))
    except ImportError:  # pragma: no cover - numpy ships with pandas
        pass
    return False


def _to_jsonable(value: Any) -> Any:
    """Plain JSON value for ``value``; raise TypeError for anything else."""
    import numpy as np
    import pandas as pd

    if isinstance(value, (list, tuple, np.ndarray)):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_jsonable(v) for k, v in value.items()}
    if _is_missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    raise TypeError(f"cannot serialise a {type(value).__name__} value: {value!r}")


def _dumps(value: Any) -> str:
    return json.dumps(_to_jsonable(value), ensure_ascii=False, allow_nan=False)


def _plain_list(value: Any) -> Any:
    """Lists back from numpy arrays (as GeoParquet reads list columns)."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return [_plain_list(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_plain_list(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_list(v) for k, v in value.items()}
    return value


def _loads(value: Any, *, column: str, row: int, path: Path) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str):
        return _plain_list(value)
    try:
        return json.loads(value)
    except json.JSONDecodeError as err:
        raise StoreError(
            f"{path}: column {column!r}, row {row}: malformed JSON {value[:60]!r} "
            f"({err.msg}); the file is corrupted or was not written by geoclaims"
        ) from err


# ---------------------------------------------------------------- column schema


def _column_schema(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """Describe how each column must be encoded and restored."""
    import numpy as np
    import pandas as pd

    geometry = gdf.geometry.name
    kinds: dict[str, dict[str, Any]] = {}
    for column in gdf.columns:
        if column == geometry:
            continue
        series = gdf[column]
        dtype = series.dtype
        spec: dict[str, Any] = {"dtype": str(dtype)}
        if isinstance(dtype, pd.CategoricalDtype):
            spec.update(
                kind="category",
                categories=[_to_jsonable(c) for c in dtype.categories],
                ordered=bool(dtype.ordered),
            )
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            spec["kind"] = "datetime"
        elif pd.api.types.is_object_dtype(dtype):
            values = [v for v in series if not is_missing(v)]
            if column in LIST_COLUMNS or any(
                isinstance(v, (list, tuple, dict, np.ndarray)) for v in values
            ):
                spec["kind"] = "json"
            elif values and all(
                isinstance(v, _dt.date) and not isinstance(v, _dt.datetime)
                for v in values
            ):
                spec["kind"] = "date"
            else:
                spec["kind"] = "plain"
        else:
            spec["kind"] = "plain"
        kinds[str(column)] = spec
    return {
        "version": 1,
        "geometry": str(geometry),
        "columns": list(map(str, gdf.columns)),
        "kinds": kinds,
    }


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas NA; False for containers and other values.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), "", [], 0)]
    [True, True, False, False, False]
    """
    if isinstance(value, (list, tuple, dict)):
        return False
    try:
        return _is_missing(value)
    except (TypeError, ValueError):
        return False


def _native_list_ok(series: pd.Series) -> bool:
    """True when every value is a list of only str or only int (pyarrow list<...>)."""
    import numpy as np

    seen: set[type] = set()
    for value in series:
        if value is None:
            continue
        if not isinstance(value, (list, tuple, np.ndarray)):
            return False
        for item in value:
            if isinstance(item, bool) or not isinstance(item, (str, int, np.integer)):
                return False
            seen.add(str if isinstance(item, str) else int)
    return len(seen) <= 1


def _encode_columns(
    gdf: gpd.GeoDataFrame, schema: dict[str, Any], *, fmt: str
) -> gpd.GeoDataFrame:
    """Copy of ``gdf`` with columns turned into what ``fmt`` can store."""
    import pandas as pd

    out = gdf.copy()
    out.index = pd.RangeIndex(len(out))
    for column, spec in schema["kinds"].items():
        kind = spec["kind"]
        series = out[column]
        try:
            if kind == "json":
                if fmt == "parquet" and _native_list_ok(series):
                    spec["storage"] = "native"
                    out[column] = pd.Series(
                        [None if v is None else _to_jsonable(v) for v in series],
                        index=out.index,
                        dtype=object,
                    )
                else:
                    spec["storage"] = "json"
                    out[column] = pd.Series(
                        [None if is_missing(v) else _dumps(v) for v in series],
                        index=out.index,
                        dtype=object,
                    )
            elif kind == "category":
                out[column] = pd.Series(
                    [None if _is_missing(v) else _to_jsonable(v) for v in series],
                    index=out.index,
                    dtype=object,
                )
            elif kind == "date" or (kind == "datetime" and fmt == "csv"):
                out[column] = pd.Series(
                    [None if _is_missing(v) else v.isoformat() for v in series],
                    index=out.index,
                    dtype=object,
                )
            elif kind == "plain" and pd.api.types.is_object_dtype(series.dtype):
                # Fail early, naming the column, on values no format can store.
                for v in series:
                    _to_jsonable(v)
        except TypeError as err:
            raise StoreError(f"column {column!r}: {err}") from err
    return out


def _frame_schema_kinds(columns: list[str]) -> dict[str, dict[str, Any]]:
    """Column kinds of the geoclaims frame schema whose columns are ``columns``.

    Used for files without an embedded schema (CSV): a file holding exactly the
    columns of ``to_geodataframe(kind="claims")`` (or all but some of
    :data:`~geoclaims.store.frames.LATER_CLAIM_COLUMNS`) or ``kind="places"`` gets
    their dtypes back.
    """
    try:
        from geoclaims.store.frames import CLAIM_COLUMNS, LATER_CLAIM_COLUMNS, PLACE_COLUMNS
    except ImportError:  # pragma: no cover - frames is part of the package
        return {}
    for table in (CLAIM_COLUMNS, PLACE_COLUMNS):
        # A file written before a later column existed lacks only that column.
        if set(columns) - set(table) or set(table) - set(columns) - set(LATER_CLAIM_COLUMNS):
            continue
        kinds: dict[str, dict[str, Any]] = {}
        for column, (dtype, doc) in table.items():
            if column == "geometry":
                continue
            if dtype.startswith("datetime64"):
                kinds[column] = {"kind": "datetime", "dtype": dtype}
            elif dtype == "category":
                kinds[column] = {"kind": "category"}
            elif doc.startswith("list of"):
                kinds[column] = {"kind": "json"}
            else:
                kinds[column] = {"kind": "plain", "dtype": dtype}
        return kinds
    return {}


def _as_datetime_dtype(series: pd.Series, dtype: str) -> pd.Series:
    """``series`` as datetime ``dtype``, localising or dropping the time zone."""
    import pandas as pd

    target = pd.api.types.pandas_dtype(dtype)
    target_tz = getattr(target, "tz", None)
    current_tz = getattr(series.dtype, "tz", None)
    if target_tz is not None and current_tz is None:
        series = series.dt.tz_localize(target_tz)
    elif target_tz is None and current_tz is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    return series.astype(target)


def _decode_columns(
    df: pd.DataFrame, schema: dict[str, Any] | None, path: Path
) -> pd.DataFrame:
    """Restore list, datetime, date and categorical columns read from a file."""
    import pandas as pd

    is_object = pd.api.types.is_object_dtype
    kinds: dict[str, dict[str, Any]] = dict((schema or {}).get("kinds", {}))
    if schema is None:
        kinds.update(_frame_schema_kinds(list(df.columns)))
    for column in df.columns:
        if column in kinds:
            continue
        if column in LIST_COLUMNS:
            kinds[column] = {"kind": "json"}
        elif column in DATETIME_COLUMNS:
            kinds[column] = {"kind": "datetime"}
        elif column == "confidence":
            kinds[column] = {"kind": "category"}
    for column, spec in kinds.items():
        if column not in df.columns:
            continue
        kind = spec.get("kind")
        series = df[column]
        try:
            if kind == "json":
                df[column] = pd.Series(
                    [
                        _loads(v, column=column, row=i, path=path)
                        for i, v in enumerate(series)
                    ],
                    index=df.index,
                    dtype=object,
                )
            elif kind == "datetime":
                if not pd.api.types.is_datetime64_any_dtype(series.dtype):
                    series = pd.to_datetime(series, format="ISO8601")
                if "dtype" in spec and str(series.dtype) != spec["dtype"]:
                    series = _as_datetime_dtype(series, spec["dtype"])
                df[column] = series
            elif kind == "date":
                df[column] = pd.Series(
                    [
                        None if _is_missing(v) else _dt.date.fromisoformat(str(v)[:10])
                        for v in series
                    ],
                    index=df.index,
                    dtype=object,
                )
            elif kind == "category":
                if "categories" in spec:
                    categories, ordered = spec["categories"], spec["ordered"]
                else:
                    categories, ordered = list(CONFIDENCE_ORDER), True
                if column == "confidence":
                    categories, ordered = list(CONFIDENCE_ORDER), True
                values = [None if _is_missing(v) else v for v in series]
                df[column] = pd.Categorical(
                    values, categories=categories, ordered=ordered
                )
            elif spec.get("dtype") == "object" and not is_object(series.dtype):
                # Text columns come back as ``str`` (or float when all missing);
                # the frame keeps Python objects with None for missing.
                df[column] = pd.Series(
                    [None if _is_missing(v) else v for v in series.astype(object)],
                    index=df.index,
                    dtype=object,
                )
            elif "dtype" in spec and str(series.dtype) != spec["dtype"]:
                with contextlib.suppress(TypeError, ValueError):
                    df[column] = series.astype(spec["dtype"])
        except StoreError:
            raise
        except (TypeError, ValueError) as err:
            raise StoreError(
                f"{path}: column {column!r} cannot be restored as {kind} ({err}); "
                "the file is corrupted or was not written by geoclaims"
            ) from err
    return df


# ---------------------------------------------------------------- writers


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


def _read_parquet(path: Path) -> tuple[Any, dict[str, Any] | None]:
    import geopandas as gpd

    _require_pyarrow()
    gdf = gpd.read_parquet(path)
    meta = gdf.attrs.pop(_SCHEMA_KEY, None)
    return gdf, json.loads(meta) if meta else None


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
