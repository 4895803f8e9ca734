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

    Raises
    ------
    StoreError
        If the directory is not a store, is corrupted, or has another format version.
    InputError
        If ``create`` and the parent directory does not exist.
    """
    p = Path(path)
    if create and not p.exists():
        if not p.parent.exists():
            raise InputError("parent directory does not exist", path=p,
                             hint=f"create {str(p.parent)!r} first")
        p.mkdir()
    if create and not (p / MANIFEST).exists():
        if any(p.iterdir()):
            raise StoreError(f"{p} exists, is not empty and is not a geoclaims store")
        with atomic_write(p / MANIFEST) as handle:
            json.dump({"format": STORE_FORMAT, "layout": "one GeoParquet file per doc_id"},
                      handle)
    _manifest(p)
    return p


def _doc_file(store: Path, doc_id: str) -> Path:
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:16]
    return store / f"doc-{digest}.parquet"


def append_reports(path: str | Path, reports: Iterable[Any]) -> int:
    """Add reports to the store; a document already stored is replaced, not duplicated.

    Returns
    -------
    int
        Rows written.
    """
    from geoclaims.store.frames import to_geodataframe
    from geoclaims.store.io import write_frame

    store = open_store(path, create=True)
    rows = 0
    for report in reports:
        frame = to_geodataframe([report])
        write_frame(frame, _doc_file(store, str(report.doc_id)), format="parquet")
        rows += len(frame)
    return rows


def stored_doc_ids(path: str | Path) -> set[str]:
    """doc_ids already in the store (to skip finished documents on a rerun)."""
    import pyarrow.parquet as pq

    store = open_store(path)
    ids: set[str] = set()
    for file in sorted(store.glob("doc-*.parquet")):
        try:
            ids.update(pq.read_table(file, columns=["doc_id"]).column(0).to_pylist())
        except Exception as err:  # noqa: BLE001 - any reader failure means a bad file
            raise StoreError(f"{file} is corrupted ({err}); delete it and re-extract") from err
    return ids


def read_store(path: str | Path, *, engine: str = "pandas") -> Any:
    """Read the whole store back as a claims GeoDataFrame (same schema as extract).

    Parameters
    ----------
    engine : {"pandas", "dask"}
        "dask" returns a lazy dask-geopandas frame (needs ``dask-geopandas``).

    Raises
    ------
    StoreError
        For a corrupted file (named) or an incompatible store.
    """
    import geopandas as gpd
    import pandas as pd

    from geoclaims.store.frames import to_geodataframe
    from geoclaims.store.io import read_frame

    store = open_store(path)
    files = sorted(store.glob("doc-*.parquet"))
    if engine == "dask":
        try:
            import dask_geopandas
        except ImportError as err:
            raise StoreError("engine='dask' needs dask-geopandas: pip install dask-geopandas") from err
        return dask_geopandas.read_parquet([str(f) for f in files])
    if engine != "pandas":
        raise InputError(f"unknown engine {engine!r}; use 'pandas' or 'dask'")
    if not files:
        return to_geodataframe([])
    frames = [read_frame(f) for f in files]
    out = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=4326)
