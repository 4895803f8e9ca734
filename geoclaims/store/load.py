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
