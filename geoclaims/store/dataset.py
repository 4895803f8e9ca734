"""The embedded claims store: a partitioned GeoParquet dataset, one file per document.

Why GeoParquet files rather than one GeoPackage: a document's rows live in their own
file named after the document, so appending is idempotent by construction (re-running a
document replaces its file atomically, never duplicates rows), concurrent writers never
touch the same file, and dask-geopandas can read the directory lazily for stores larger
than memory. ``_geoclaims_store.json`` records the store format; a store written by an
incompatible version is refused with both version numbers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geoclaims._io import atomic_write
from geoclaims.errors import InputError, StoreError

#: Format version of the store directory.
STORE_FORMAT = 1
#: Marker file naming the format.
MANIFEST = "_geoclaims_store.json"


def _manifest(path: Path) -> dict[str, Any]:
    file = path / MANIFEST
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise StoreError(
            f"{path} is not a geoclaims store (no {MANIFEST}); "
            "create one with `geoclaims extract ... --store DIR`"
        ) from err
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise StoreError(f"{file} is corrupted ({err}); the store cannot be read") from err
    if data.get("format") != STORE_FORMAT:
        raise StoreError(
            f"{path} is a store of format {data.get('format')!r}; this geoclaims reads "
            f"format {STORE_FORMAT}. Re-extract the documents into a new store."
        )
    return data


def open_store(path: str | Path, *, create: bool = False) -> Path:
    """Check (or create) a store directory and return its path.

    Creating is safe against a concurrent creator (two ``extract --store S`` started
    at once on a new ``S``): both end with the same valid store and neither fails.

    Raises
    ------
    StoreError
        If the path is a file, the directory is not a store, is corrupted, or has
        another format version.
    InputError
        If ``create`` and the parent directory does not exist.
    """
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise StoreError(
            f"{p} is a file, not a store directory; give --store a directory "
            "(a new one is created) or the directory of an existing store"
        )
    if create and not (p / MANIFEST).exists():
        _create_store(p)
    _manifest(p)
    return p


def _create_store(p: Path) -> None:
    # The manifest is the first file of a store, so a directory holding anything
    # but a manifest and the temporary files of a concurrent creator writing it is
    # not ours to take; both creators write the same manifest (atomic, idempotent).
    from geoclaims._io import is_temp_name

    if not p.parent.is_dir():
        raise InputError("parent directory does not exist", path=p,
                         hint=f"create {str(p.parent)!r} first")
    try:
        p.mkdir(exist_ok=True)
    except FileExistsError as err:  # a file appeared there meanwhile
        raise StoreError(f"{p} is a file, not a store directory") from err
    others = [
        entry.name
        for entry in p.iterdir()
        if not is_temp_name(entry.name, MANIFEST)
    ]
    if others:
        # Re-checked after the listing: a concurrent creator may have finished and
        # stored its first document while this process was listing.
        if (p / MANIFEST).exists():
            return
        raise StoreError(
            f"{p} exists, is not empty and is not a geoclaims store (it holds "
            f"{sorted(others)[0]!r}); give --store a new or empty directory"
        )
    with atomic_write(p / MANIFEST) as handle:
        json.dump({"format": STORE_FORMAT, "layout": "one GeoParquet file per doc_id"},
                  handle)


#: Attribute of a document file naming its doc_id (kept in the GeoParquet metadata,
#: so a document that produced no rows is still recorded as stored).
DOC_ID_ATTR = "geoclaims:doc_id"
#: Default number of document files read by one partition of ``engine="dask"``.
FILES_PER_PARTITION = 256


def document_file(store: str | Path, doc_id: str) -> Path:
    """The file of ``doc_id`` in a store (it may not exist yet).

    The name is a hash of the doc_id, so any doc_id makes a valid, fixed-length file
    name and a rerun finds the same file.
    """
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:16]
    return Path(store) / f"doc-{digest}.parquet"


def _document_files(store: Path) -> list[Path]:
    return sorted(store.glob("doc-*.parquet"))


def stored_file_names(path: str | Path) -> set[str]:
    """Names of the document files of a store (``document_file(...).name`` of each).

    A cheap test for "is this document done" that reads no file: files appear only
    once complete (atomic writes), so a name present means a finished document.
    """
    return {p.name for p in _document_files(open_store(path))}


def encode_document(doc_id: str, frame: Any) -> bytes:
    """The store file of one document: its claims frame as GeoParquet bytes.

    Runs where the document was analysed (a worker), so that the process writing
    the store only moves bytes (:func:`store_document`).

    Parameters
    ----------
    doc_id : str
        The document, recorded in the file's metadata (a document without rows is
        still known as stored).
    frame : geopandas.GeoDataFrame
        Its rows (:func:`geoclaims.store.frames.to_geodataframe`); may be empty.
    """
    from geoclaims.store.io import parquet_bytes

    frame = frame.copy()
    frame.attrs[DOC_ID_ATTR] = str(doc_id)
    return parquet_bytes(frame)


def store_document(path: str | Path, doc_id: str, payload: bytes) -> Path:
    """Write :func:`encode_document` bytes as the file of ``doc_id``, atomically.

    The file appears under its name only when complete and synced to disk, so a
    document is either wholly in the store or absent, whenever the writer stops.

    Raises
    ------
    InputError
        If the store's parent directory does not exist.
    StoreError
        If the directory is not a store or has another format version.
    """
    store = open_store(path, create=True)
    target = document_file(store, str(doc_id))
    # No sweep per document (a listing of the whole store each time): extract_corpus
    # sweeps the store once per run.
    with atomic_write(target, "wb", sweep=False) as handle:
        handle.write(payload)
    return target


def write_document(path: str | Path, doc_id: str, frame: Any) -> int:
    """Store one document's claims frame, replacing the document if stored before.

    Parameters
    ----------
    path : str or Path
        The store (created if missing; its parent directory must exist).
    doc_id : str
        The document; one file per doc_id.
    frame : geopandas.GeoDataFrame
        Its rows (:func:`geoclaims.store.frames.to_geodataframe`); may be empty.

    Returns
    -------
    int
        Rows written.

    Raises
    ------
    InputError
        If the store's parent directory does not exist.
    StoreError
        If the directory is not a store or has another format version.
    """
    store_document(path, doc_id, encode_document(doc_id, frame))
    return len(frame)


def append_reports(path: str | Path, reports: Iterable[Any]) -> int:
    """Add reports to the store; a document already stored is replaced, not duplicated.

    Returns
    -------
    int
        Rows written.
    """
    from geoclaims.store.frames import to_geodataframe

    open_store(path, create=True)
    return sum(
        write_document(path, str(report.doc_id), to_geodataframe([report]))
        for report in reports
    )


def stored_doc_ids(path: str | Path) -> set[str]:
    """doc_ids already in the store, including documents that produced no rows.

    Raises
    ------
    StoreError
        Naming a corrupted file.
    """
    import pyarrow.parquet as pq

    store = open_store(path)
    ids: set[str] = set()
    for file in _document_files(store):
        try:
            meta = pq.read_schema(file).metadata or {}
            attrs = json.loads(meta.get(b"PANDAS_ATTRS", b"{}"))
            if DOC_ID_ATTR in attrs:
                ids.add(str(attrs[DOC_ID_ATTR]))
            else:  # written before the doc_id attribute existed
                ids.update(pq.read_table(file, columns=["doc_id"]).column(0).to_pylist())
        except Exception as err:
            raise _corrupted(file, err) from err
    return ids


def _corrupted(file: str | Path, err: BaseException) -> StoreError:
    return StoreError(
        f"{file} is corrupted ({type(err).__name__}: {err}); delete it and re-extract"
    )


def _claims_frame(columns: list[str] | None) -> Any:
    """An empty claims frame with ``columns`` (all when None), in schema order."""
    from geoclaims.store.frames import to_geodataframe

    empty = to_geodataframe([])
    return empty if columns is None else empty[columns]


def _read_files_one_by_one(files: list[str], columns: list[str] | None = None) -> Any:
    """Document files read with :func:`read_frame` each (slow; names a bad file)."""
    import geopandas as gpd
    import pandas as pd

    from geoclaims.store.io import read_frame

    empty = _claims_frame(columns)
    frames = [_with_later_columns(f, empty.columns)
              for f in (read_frame(file) for file in files) if len(f)]
    out = pd.concat(
        [f[list(empty.columns)] for f in frames] or [empty], ignore_index=True
    )
    out.attrs = {}
    out = gpd.GeoDataFrame(out, geometry="geometry", crs=empty.crs)
    return out.astype(empty.dtypes.to_dict())


def _with_later_columns(frame: Any, wanted: Any) -> Any:
    """``frame`` with the :data:`LATER_CLAIM_COLUMNS` it lacks, all None (an older file)."""
    from geoclaims.store.frames import LATER_CLAIM_COLUMNS

    for column in LATER_CLAIM_COLUMNS:
        if column in wanted and column not in frame.columns:
            frame[column] = None
    return frame


def _as_objects(frame: Any) -> Any:
    """Text columns as Python objects with None for missing (as write_frame got them).

    Layouts differ in which text columns are all missing (Arrow null type, read as
    objects), and concatenating pandas strings with objects would leave NaN.
    """
    import pandas as pd

    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
            frame[column] = series.astype(object).where(series.notna(), None)
    return frame


def _layout_frame(table: Any, schema: dict[str, Any]) -> Any:
    """pandas frame of Arrow tables of one layout, list columns as Python lists.

    Arrow turns native list columns into Python lists in one call; JSON text is
    parsed value by value. Other columns are left to ``_decode_columns``.
    """
    import pandas as pd
    import pyarrow as pa

    lists: dict[str, list[Any]] = {}
    for name in table.column_names:
        if schema["kinds"].get(name, {}).get("kind") != "json":
            continue
        column = table.column(name)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            try:
                lists[name] = [
                    None if v is None else json.loads(v) for v in column.to_pylist()
                ]
            except json.JSONDecodeError as err:
                raise StoreError(f"column {name!r}: malformed JSON ({err})") from err
        else:
            lists[name] = column.to_pylist()
    frame = _as_objects(table.drop_columns(list(lists)).to_pandas(ignore_metadata=True))
    for name, values in lists.items():
        frame[name] = pd.Series(values, index=frame.index, dtype=object)
    return frame[table.column_names]


def _read_files(files: list[str], columns: list[str] | None = None) -> Any:
    """One claims GeoDataFrame from document files, in file order (a dask partition).

    Every file of a store was written by ``write_frame`` with the claims schema, in
    EPSG:4326 with WKB geometry. Reading them with pyarrow and decoding all rows at
    once is about ten times faster than a geopandas read per file, which spends most
    of its time parsing the same CRS again. Files of one column layout are
    concatenated as Arrow tables (a list column holding JSON text in some files and
    native lists in others makes two layouts).
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    # The store and its file format are one package: the column decoder is shared.
    from geoclaims.store.columns import _decode_columns
    from geoclaims.store.formats import _SCHEMA_KEY
    from geoclaims.store.frames import LATER_CLAIM_COLUMNS

    empty = _claims_frame(columns)
    wanted = list(empty.columns)
    layouts: dict[tuple[bool, ...], tuple[list[Any], list[int]]] = {}
    schema: dict[str, Any] | None = None
    for ordinal, file in enumerate(files):
        try:
            table = pq.ParquetFile(file).read(columns=wanted, use_threads=False)
            for name in LATER_CLAIM_COLUMNS:
                if name in wanted and name not in table.column_names:
                    # A file written before the column existed: None throughout.
                    table = table.append_column(name, pa.nulls(table.num_rows))
            table = table.select([c for c in wanted if c in table.column_names])
            meta = table.schema.metadata or {}
            geo = json.loads(meta[b"geo"])
            attrs = json.loads(meta.get(b"PANDAS_ATTRS", b"{}"))
            file_schema = json.loads(attrs[_SCHEMA_KEY])
        except Exception as err:
            raise _corrupted(file, err) from err
        encoding = geo.get("columns", {}).get("geometry", {}).get("encoding")
        if table.column_names != wanted or encoding != "WKB":
            return _read_files_one_by_one(files, columns)
        schema = schema or file_schema
        layout = tuple(pa.types.is_list(field.type) for field in table.schema)
        tables, ordinals = layouts.setdefault(layout, ([], []))
        tables.append(table)
        ordinals.extend([ordinal] * table.num_rows)
    if not layouts or schema is None:
        return empty
    try:
        frame = pd.concat(
            [
                _layout_frame(
                    pa.concat_tables(tables, promote_options="permissive"), schema
                )
                for tables, _ in layouts.values()
            ],
            ignore_index=True,
        )
    except StoreError:
        _read_files_one_by_one(files, columns)  # raises, naming the file
        raise
    order = np.argsort(
        np.concatenate([np.asarray(o, dtype=np.int64) for _, o in layouts.values()]),
        kind="stable",
    )
    frame = frame.iloc[order].reset_index(drop=True)
    geometry = shapely.from_wkb(frame.pop("geometry").to_numpy())
    # List columns are decoded already (by _layout_frame).
    kinds = {
        column: {"kind": "plain", "dtype": "object"}
        if spec.get("kind") == "json"
        else spec
        for column, spec in schema["kinds"].items()
    }
    try:
        frame = _decode_columns(
            frame, {**schema, "kinds": kinds}, Path(files[0]).parent
        )
    except StoreError:
        _read_files_one_by_one(files, columns)  # raises, naming the file
        raise
    out = gpd.GeoDataFrame(frame, geometry=geometry, crs=empty.crs)
    return out[wanted].astype(empty.dtypes.to_dict())


def read_store(
    path: str | Path,
    *,
    engine: str = "pandas",
    columns: Iterable[str] | None = None,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Any:
    """Read the whole store back as a claims GeoDataFrame (same schema as extract).

    Parameters
    ----------
    path : str or Path
        The store directory.
    engine : {"pandas", "dask"}
        "pandas" reads everything into memory. "dask" returns a lazy
        dask-geopandas GeoDataFrame (needs ``dask-geopandas``) with the same columns
        and dtypes, decoded the same way (lists, ordered ``confidence``, datetimes);
        nothing is read until it is computed. The query verbs of
        :mod:`geoclaims.store.query` accept it and stay lazy.
    columns : iterable of str, optional
        Read only these columns of :data:`~geoclaims.store.frames.CLAIM_COLUMNS`
        (``geometry`` is always read). Skipping the list and text columns makes
        reading several times faster; the spatial verbs need only ``geometry``.
    files_per_partition : int, default :data:`FILES_PER_PARTITION`
        Document files per dask partition.

    Raises
    ------
    StoreError
        For a corrupted file (named; with "dask", when the partition holding it is
        computed) or an incompatible store.
    InputError
        For an unknown engine.
    """
    from geoclaims.store.frames import CLAIM_COLUMNS

    if engine not in ("pandas", "dask"):
        raise InputError(f"unknown engine {engine!r}; use 'pandas' or 'dask'")
    selected: list[str] | None = None
    if columns is not None:
        asked = {columns} if isinstance(columns, str) else set(columns)
        unknown = sorted(asked - set(CLAIM_COLUMNS))
        if unknown:
            raise InputError(
                f"unknown column(s) {', '.join(map(repr, unknown))}; the store has "
                f"{', '.join(CLAIM_COLUMNS)}"
            )
        selected = [c for c in CLAIM_COLUMNS if c in asked or c == "geometry"]
    store = open_store(path)
    files = [str(f) for f in _document_files(store)]
    if engine == "dask":
        try:
            import dask
            import dask.dataframe as dd
            import dask_geopandas
        except ImportError as err:
            raise StoreError(
                "engine='dask' needs dask-geopandas: pip install dask-geopandas"
            ) from err
        meta = _claims_frame(selected)
        # Keep the claims schema: dask would turn object columns (text, and lists of
        # str) into pyarrow strings.
        with dask.config.set({"dataframe.convert-string": False}):
            if not files:
                return dask_geopandas.from_geopandas(meta, npartitions=1)
            step = max(1, int(files_per_partition))
            chunks = [files[i : i + step] for i in range(0, len(files), step)]
            return dd.from_map(
                _read_files,
                chunks,
                columns=selected,
                meta=meta,
                label="read-claims-store",
            )
    return _read_files(files, selected)
