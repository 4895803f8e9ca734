"""One claims frame from any mix of inputs: documents, saved extractions, exports, stores."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from geoclaims.errors import InputError

if TYPE_CHECKING:
    import geopandas

    from geoclaims.places.gazetteer import Gazetteer

#: Suffixes read as exports of :func:`geoclaims.store.io.write_frame`.
FRAME_SUFFIXES = (".geojson", ".gpkg", ".parquet", ".csv")


def read_claims(
    inputs: Iterable[str | Path],
    *,
    gazetteer: Gazetteer | None = None,
    outlet: str | None = None,
    published: str | None = None,
) -> geopandas.GeoDataFrame:
    """Read claims from documents or saved results into one claims GeoDataFrame.

    Parameters
    ----------
    inputs : iterable of str or Path
        Any mix of: documents (``.txt``/``.html`` with ``NAME.meta.json`` sidecars,
        ``.jsonl`` corpora, or directories of them), which are analysed; saved
        extractions (``.json`` from ``geoclaims extract -o out.json``); exports
        (``.geojson``, ``.gpkg``, ``.parquet``, ``.csv``); claims stores (a directory
        holding ``_geoclaims_store.json``).
    gazetteer : Gazetteer, optional
        Used only for documents; defaults to :meth:`Gazetteer.default`.
    outlet, published : str, optional
        Metadata defaults for documents.

    Returns
    -------
    geopandas.GeoDataFrame
        The schema of :data:`geoclaims.store.frames.CLAIM_COLUMNS`, in input order.

    Raises
    ------
    InputError
        For a missing input or nothing to read.
    """
    import geopandas as gpd
    import pandas as pd

    from geoclaims.documents import iter_documents
    from geoclaims.pipeline import analyze
    from geoclaims.report_io import read_reports
    from geoclaims.store.dataset import MANIFEST, read_store
    from geoclaims.store.frames import CLAIM_COLUMNS, CRS, to_geodataframe
    from geoclaims.store.io import read_frame

    frames = []
    documents: list[Path] = []

    def flush_documents() -> None:
        if not documents:
            return
        gaz = gazetteer
        if gaz is None:
            from geoclaims.places.gazetteer import Gazetteer

            gaz = Gazetteer.default()
        reports = [analyze(doc.text, gazetteer=gaz, **doc.analyze_kwargs())
                   for doc in iter_documents(documents, outlet=outlet, published=published)]
        frames.append(to_geodataframe(reports))
        documents.clear()

    for raw in inputs:
        path = Path(raw)
        if path.is_dir() and (path / MANIFEST).exists():
            flush_documents()
            frames.append(read_store(path))
        elif path.suffix.lower() == ".json" and not path.name.endswith(".meta.json"):
            flush_documents()
            if not path.exists():
                raise InputError("no such file", path=path)
            frames.append(to_geodataframe(read_reports(path)))
        elif path.suffix.lower() in FRAME_SUFFIXES:
            flush_documents()
            frames.append(read_frame(path))
        else:
            documents.append(path)
    flush_documents()
    if not frames:
        raise InputError("no inputs given", hint="pass documents or saved extractions")
    if len(frames) == 1:
        return frames[0]
    columns = list(CLAIM_COLUMNS)
    merged = pd.concat([f[[c for c in columns if c in f.columns]] for f in frames],
                       ignore_index=True)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=CRS)


def read_claims_file(path: str | Path) -> geopandas.GeoDataFrame:
    """Claims saved earlier, from a store or from any file ``extract -o`` writes.

    What ``geoclaims query`` reads: the frame has the columns, order and dtypes of
    :func:`geoclaims.store.dataset.read_store`, so every query verb works the same
    on a store and on an export of it.

    Parameters
    ----------
    path : str or Path
        A claims store directory, an export (``.geojson``, ``.gpkg``, ``.parquet``,
        ``.csv`` from :func:`geoclaims.store.io.write_frame`) or saved reports
        (``.json`` from ``geoclaims extract -o out.json``).

    Returns
    -------
    geopandas.GeoDataFrame
        The schema of :data:`geoclaims.store.frames.CLAIM_COLUMNS`.

    Raises
    ------
    InputError
        If ``path`` does not exist, has another suffix, or holds no claims table
        (naming the missing columns).
    StoreError
        If the store or file is corrupted (naming it).
    """
    import geopandas as gpd

    from geoclaims.report_io import read_reports
    from geoclaims.store.dataset import read_store
    from geoclaims.store.frames import CLAIM_COLUMNS, to_geodataframe
    from geoclaims.store.io import read_frame

    p = Path(path)
    readable = (
        "give a claims store (geoclaims extract --store DIR) or a claims file "
        f"({', '.join(FRAME_SUFFIXES)}, or .json reports)"
    )
    if p.is_dir():
        return read_store(p)
    if not p.exists():
        raise InputError("no such claims store or file", path=p, hint=readable)
    suffix = p.suffix.lower()
    if suffix == ".json":
        frame = to_geodataframe(read_reports(p))
    elif suffix in FRAME_SUFFIXES:
        frame = read_frame(p)
    else:
        raise InputError(
            f"cannot read claims from a {suffix or 'suffix-less'!r} file", path=p,
            hint=readable,
        )
    missing = [c for c in CLAIM_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            f"not a claims table: no column(s) {', '.join(map(repr, missing))}",
            path=p,
            hint="export claims with `geoclaims extract -o FILE` or "
            "`geoclaims query STORE -o FILE`",
        )
    schema = to_geodataframe([])
    frame = gpd.GeoDataFrame(frame[list(schema.columns)], geometry="geometry",
                             crs=schema.crs)
    return frame.astype(schema.dtypes.to_dict())
