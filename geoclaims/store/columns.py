"""Column encoding shared by the claim file formats: a column schema, values to JSON and back.

Every file :func:`geoclaims.store.io.write_frame` writes carries a small schema of its
columns (:func:`_column_schema`). :func:`_encode_columns` turns lists, dicts, dates and
categoricals into what a format can store; :func:`_decode_columns` restores them, from
the schema or, in a file without one (CSV), from the known geoclaims columns.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoclaims.claims.model import Confidence
from geoclaims.errors import StoreError

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "CONFIDENCE_ORDER",
    "DATETIME_COLUMNS",
    "LIST_COLUMNS",
    "is_missing",
]

#: Order of the ``confidence`` categorical, best first.
CONFIDENCE_ORDER: tuple[str, ...] = tuple(c.value for c in Confidence)
#: Columns holding lists or dicts; restored from JSON text even without a schema (CSV).
LIST_COLUMNS: tuple[str, ...] = (
    "source_chain",
    "cited_sources",
    "source_affiliations",
    "source_ids",
    "canonical_sources",
    "source_kinds",
    "source_organisations",
    "cues",
    "quantities",
    "place_names",
    "place_mentions",
    "geonameids",
)
#: Datetime columns; parsed from ISO text even without a schema (CSV).
DATETIME_COLUMNS: tuple[str, ...] = ("published", "event_date")


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
