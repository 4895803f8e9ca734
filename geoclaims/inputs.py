"""Any accepted input -> one claims frame: the single home of that dispatch.

Reports, documents (analysed here), saved extractions, exports and stores all become
a GeoDataFrame of :data:`geoclaims.store.frames.CLAIM_COLUMNS` through
:func:`to_claims_frame`, which the interactive map, the brief, ``geoclaims query`` and
the CLI use alike, so that an input reads the same and fails with the same error
everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from geoclaims.errors import InputError

if TYPE_CHECKING:
    import geopandas

    from geoclaims.pipeline import Report
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
            frames.append(_reports_frame(read_reports(path)))
        elif path.suffix.lower() in FRAME_SUFFIXES:
            flush_documents()
            frames.append(read_frame(path))
        else:
            documents.append(path)
    flush_documents()
    if not frames:
        raise InputError("no inputs given", hint="pass documents or saved extractions")
    if len(frames) == 1:
        return fill_later_columns(frames[0])
    columns = list(CLAIM_COLUMNS)
    merged = pd.concat([f[[c for c in columns if c in f.columns]] for f in frames],
                       ignore_index=True)
    return fill_later_columns(gpd.GeoDataFrame(merged, geometry="geometry", crs=CRS))


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
    from geoclaims.store.frames import CLAIM_COLUMNS, LATER_CLAIM_COLUMNS, to_geodataframe
    from geoclaims.store.io import read_frame

    p = Path(path)
    readable = (
        "give a claims store (geoclaims extract --store DIR) or a claims file "
        f"({', '.join(FRAME_SUFFIXES)}, or .json reports)"
    )
    if p.is_dir():
        return fill_later_columns(read_store(p))
    if not p.exists():
        raise InputError("no such claims store or file", path=p, hint=readable)
    suffix = p.suffix.lower()
    if suffix == ".json":
        frame = _reports_frame(read_reports(p))
    elif suffix in FRAME_SUFFIXES:
        frame = read_frame(p)
    else:
        raise InputError(
            f"cannot read claims from a {suffix or 'suffix-less'!r} file", path=p,
            hint=readable,
        )
    missing = [c for c in CLAIM_COLUMNS
               if c not in frame.columns and c not in LATER_CLAIM_COLUMNS]
    if missing:
        raise InputError(
            f"not a claims table: no column(s) {', '.join(map(repr, missing))}",
            path=p,
            hint="export claims with `geoclaims extract -o FILE` or "
            "`geoclaims query STORE -o FILE`",
        )
    schema = to_geodataframe([])
    frame = fill_later_columns(frame)
    frame = gpd.GeoDataFrame(frame[list(schema.columns)], geometry="geometry",
                             crs=schema.crs)
    return frame.astype(schema.dtypes.to_dict())


def to_claims_frame(
    claims: Any,
    *,
    gazetteer: Gazetteer | None = None,
    outlet: str | None = None,
    published: str | None = None,
    what: str = "claims",
) -> geopandas.GeoDataFrame:
    """A claims GeoDataFrame (EPSG:4326) from any accepted input.

    Parameters
    ----------
    claims : GeoDataFrame, Report, iterable of Report, path or iterable of paths
        A claims frame (returned as it is, in EPSG:4326), reports
        (:func:`geoclaims.pipeline.analyze`), or inputs of :func:`read_claims`.
    gazetteer : Gazetteer, optional
        For analysing documents.
    outlet, published : str, optional
        Metadata defaults for documents.
    what : str
        How the caller names its argument in errors.

    Raises
    ------
    InputError
        For anything else, or a frame without the claims columns.

    Examples
    --------
    >>> to_claims_frame(42)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geoclaims.errors.InputError: claims must be a claims GeoDataFrame, Reports, or paths ...
    """
    import geopandas as gpd

    from geoclaims.pipeline import Report

    hint = "build a frame with geoclaims.to_geodataframe or read_claims"
    if isinstance(claims, gpd.GeoDataFrame):
        frame = claims
    elif isinstance(claims, Report):
        frame = _reports_frame([claims])
    else:
        items = [claims] if isinstance(claims, (str, Path)) else (
            list(claims) if isinstance(claims, Iterable)
            and not isinstance(claims, Mapping) and not hasattr(claims, "columns")
            else None)
        if items is not None and items and all(isinstance(i, Report) for i in items):
            frame = _reports_frame(cast("list[Report]", items))
        elif items is not None and all(isinstance(i, (str, Path)) for i in items):
            frame = read_claims(items, gazetteer=gazetteer, outlet=outlet,
                                published=published)
        else:
            raise InputError(
                f"{what} must be a claims GeoDataFrame, Reports, or paths of documents "
                f"or saved claims, got {type(claims).__name__}", hint=hint)
    missing = [c for c in ("doc_id", "claim_id", "statement", "confidence", "geometry")
               if c not in frame.columns]
    if missing:
        raise InputError(f"the claims frame lacks the column(s) {missing}", hint=hint)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    return fill_later_columns(frame)


#: The claims-frame column :func:`add_source_affiliations` fills in.
AFFILIATIONS = "source_affiliations"
#: The claims-frame column :func:`add_location_precision` fills in.
LOCATION_PRECISION = "location_precision"


def fill_later_columns(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with every column that files older than it lack filled in.

    The source columns (:func:`add_source_affiliations`), the location precision
    code (:func:`add_location_precision`), the language (:func:`add_lang`) and the
    written place forms (:func:`add_place_mentions`): what every reader of this
    module returns.
    """
    return add_place_mentions(
        add_lang(add_location_precision(add_source_affiliations(frame)))
    )


def _missing(value: object) -> bool:
    """True for a missing cell (None or NaN), not for a list of any length."""
    return value is None or (isinstance(value, float) and value != value)


def add_place_mentions(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with a ``place_mentions`` column, the display names where an older
    file lacks the written forms (the document is not at hand to read them from).

    Examples
    --------
    >>> import geopandas
    >>> old = geopandas.GeoDataFrame({"place_names": [["Kursk Oblast"], []]})
    >>> add_place_mentions(old)["place_mentions"].tolist()
    [['Kursk Oblast'], []]
    """
    if "place_mentions" in frame.columns and frame["place_mentions"].notna().all():
        return frame
    out = frame.copy()
    known = out["place_mentions"] if "place_mentions" in out.columns else [None] * len(out)
    out["place_mentions"] = [
        list(names) if _missing(written) else list(written)
        for written, names in zip(known, out["place_names"], strict=True)
    ]
    return out


def add_lang(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with a ``lang`` column, read from each statement where an older file
    lacks it (:func:`geoclaims.text.language.detect_language`).

    Examples
    --------
    >>> import geopandas
    >>> old = geopandas.GeoDataFrame({"statement": ["Минобороны России заявило, что "
    ...                                             "войска отошли от реки к северу."]})
    >>> add_lang(old)["lang"].tolist()
    ['ru']
    """
    if "lang" in frame.columns and frame["lang"].notna().all():
        return frame
    from geoclaims.text.language import detect_language

    out = frame.copy()
    known = out["lang"] if "lang" in out.columns else [None] * len(out)
    out["lang"] = [lang if isinstance(lang, str) else detect_language(str(text)).code
                   for lang, text in zip(known, out["statement"], strict=True)]
    return out


def add_location_precision(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with a ``location_precision`` column, coded where an older file lacks it.

    Extraction codes every footprint and place
    (:mod:`geoclaims.geometry.precision`). A row of an export or store written before
    the column existed holds None there: a footprint row is coded here from its
    relation and its area (a disc of radius ``uncertainty_km``), as a footprint
    record without the code is; the anchors' kinds are not in the frame, so "in
    Russia" reads as a large region (5), not a country (6). Rows placed at a place's
    point (``footprint_relation`` "place") and rows without a location stay <NA>.

    Returns
    -------
    geopandas.GeoDataFrame
        ``frame`` itself when nothing could be filled, else a copy.

    Examples
    --------
    >>> import geopandas as gpd
    >>> old = gpd.GeoDataFrame({"footprint_relation": ["border_zone", "near", "place"],
    ...                         "uncertainty_km": [30.0, 5.0, float("nan")]},
    ...                        geometry=[None, None, None])
    >>> add_location_precision(old)["location_precision"].tolist()
    [5, 2, <NA>]
    """
    import math

    import pandas as pd

    from geoclaims.geometry.precision import footprint_precision
    from geoclaims.store.frames import PLACE_RELATION
    from geoclaims.store.io import is_missing

    n = len(frame)
    present = LOCATION_PRECISION in frame.columns
    values: list[Any] = list(frame[LOCATION_PRECISION]) if present else [None] * n
    relations: list[Any] = (list(frame["footprint_relation"])
                            if "footprint_relation" in frame else [None] * n)
    radii: list[Any] = list(frame["uncertainty_km"]) if "uncertainty_km" in frame else [None] * n
    todo = [i for i in range(n) if is_missing(values[i]) and isinstance(relations[i], str)
            and relations[i] != PLACE_RELATION and not is_missing(radii[i])]
    if present and not todo:
        return frame
    for i in todo:
        values[i] = footprint_precision(relations[i], (),
                                        area_km2=math.pi * float(radii[i]) ** 2)
    out = frame.copy()
    column = pd.Series([None if is_missing(v) else int(v) for v in values],
                       index=out.index, dtype="Int64")
    if present:
        out[LOCATION_PRECISION] = column
    else:
        columns = list(out.columns)
        at = (columns.index("precision_class") + 1 if "precision_class" in columns
              else len(columns))
        out.insert(at, LOCATION_PRECISION, column)
    return out


def add_source_affiliations(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with ``source_affiliations`` and the canonical-source columns filled.

    The affiliations as :func:`_fill_affiliations` reads them, then the columns of
    :data:`CANONICAL_COLUMNS` as :func:`add_canonical_sources` does.

    Examples
    --------
    >>> import geopandas as gpd
    >>> old = gpd.GeoDataFrame({"reporting_source": ["GUR"], "cited_sources": [["GUR"]]},
    ...                        geometry=[None])
    >>> add_source_affiliations(old)["source_ids"].tolist()
    [['ua-hur']]
    """
    return add_canonical_sources(_fill_affiliations(frame))


#: The canonical-source columns :func:`add_canonical_sources` fills in, one value per
#: row (a list parallel to ``cited_sources``, except the organisations).
CANONICAL_COLUMNS = ("source_ids", "canonical_sources", "source_kinds", "source_organisations")


def add_canonical_sources(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with the columns of :data:`CANONICAL_COLUMNS` in every row.

    Extraction records each source's canonical entity
    (:func:`geoclaims.claims.sources.resolve_sources`). Exports and stores written
    before those columns existed lack them or hold None there: for those rows alone
    they are read here from the ``cited_sources`` names, each name by itself
    (:func:`geoclaims.claims.sources.canonical_source`; the in-document coreference
    of "Miller" to "Matthew Miller" needs the document and is not redone).

    Returns
    -------
    geopandas.GeoDataFrame
        ``frame`` itself when nothing was missing, else a copy with the columns
        (placed after ``source_affiliations`` when they were absent).

    Examples
    --------
    >>> import geopandas as gpd
    >>> old = gpd.GeoDataFrame({"cited_sources": [["The Kyiv Post", "Minoborony"]]},
    ...                        geometry=[None])
    >>> add_canonical_sources(old)["canonical_sources"].tolist()
    [['Kyiv Post', 'Ministry of Defence of the Russian Federation']]
    """
    import numpy as np

    from geoclaims.store.io import is_missing

    n = len(frame)
    columns = {c: np.empty(n, dtype=object) for c in CANONICAL_COLUMNS}
    for name, values in columns.items():
        if name in frame.columns:
            for i, value in enumerate(frame[name]):
                values[i] = value
        else:
            values[:] = None
    missing = [i for i in range(n) if any(is_missing(v[i]) for v in columns.values())]
    if not missing and all(c in frame.columns for c in CANONICAL_COLUMNS):
        return frame
    cited: list[Any] = list(frame["cited_sources"]) if "cited_sources" in frame else [None] * n
    known: dict[tuple[str, ...], tuple[list[str], ...]] = {}
    for i in missing:
        names = () if is_missing(cited[i]) else tuple(str(c) for c in cited[i] if c)
        if names not in known:
            known[names] = _canonical_of(names)
        for values, found in zip(columns.values(), known[names], strict=True):
            if is_missing(values[i]):
                values[i] = list(found)
    out = frame.copy()
    at = (list(out.columns).index(AFFILIATIONS) + 1 if AFFILIATIONS in out.columns
          else len(out.columns))
    for name, values in columns.items():
        if name in out.columns:
            out[name] = values
        else:
            out.insert(at, name, values)
            at += 1
    return out


def _canonical_of(names: tuple[str, ...]) -> tuple[list[str], ...]:
    """Ids, canonical names, kinds and organisations of cited source names."""
    from geoclaims.claims.attribution import classify_source
    from geoclaims.claims.model import Source
    from geoclaims.claims.sources import canonical_source

    links = []
    for name in names:
        kind, anonymous = classify_source(name)
        links.append(canonical_source(Source(name=name, type=kind, anonymous=anonymous)))
    return ([s.source_id or "" for s in links], [s.canonical or s.name for s in links],
            [s.kind or "other" for s in links],
            list(dict.fromkeys(s.organisation for s in links if s.organisation)))


def _fill_affiliations(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with a ``source_affiliations`` value in every row.

    Extraction records what each source speaks for (:attr:`Source.affiliation`), and
    frames carry it in the ``source_affiliations`` column. Exports and stores written
    before that column existed lack it, or hold None there: for those rows alone it
    is read here from the reporting and cited source names, as extraction reads it
    (:func:`geoclaims.claims.attribution.speaker_affiliation`). This is the only
    place that computes it after extraction.

    Returns
    -------
    geopandas.GeoDataFrame
        ``frame`` itself when nothing was missing, else a copy with the column
        (placed after ``cited_sources``).

    Examples
    --------
    >>> import geopandas as gpd
    >>> old = gpd.GeoDataFrame({"reporting_source": ["Kremlin spokesperson Dmitry Peskov"],
    ...                         "cited_sources": [["Kremlin spokesperson Dmitry Peskov"]]},
    ...                        geometry=[None])
    >>> _fill_affiliations(old)["source_affiliations"].tolist()
    [['Kremlin']]
    """
    import numpy as np

    from geoclaims.store.io import is_missing

    n = len(frame)
    present = AFFILIATIONS in frame.columns
    values = np.empty(n, dtype=object)  # one list per row, never a 2-D array
    if present:
        for i, value in enumerate(frame[AFFILIATIONS]):
            values[i] = value
    missing = [i for i, v in enumerate(values) if is_missing(v)]
    if present and not missing:
        return frame
    reporting: list[Any] = (
        list(frame["reporting_source"]) if "reporting_source" in frame else [None] * n)
    cited: list[Any] = list(frame["cited_sources"]) if "cited_sources" in frame else [None] * n
    known: dict[tuple[str | None, tuple[str, ...]], list[str]] = {}
    for i in missing:
        names = (None if is_missing(reporting[i]) or not reporting[i] else str(reporting[i]),
                 () if is_missing(cited[i]) else tuple(str(c) for c in cited[i] if c))
        if names not in known:
            known[names] = _affiliations_of(*names)
        values[i] = list(known[names])
    out = frame.copy()
    if present:
        out[AFFILIATIONS] = values
    else:
        columns = list(out.columns)
        at = columns.index("cited_sources") + 1 if "cited_sources" in columns else len(columns)
        out.insert(at, AFFILIATIONS, values)
    return out


def _affiliations_of(reporting: str | None, cited: tuple[str, ...]) -> list[str]:
    """Organisations the reporting source and the cited sources speak for, each once."""
    from geoclaims.claims.attribution import speaker_affiliation

    reporters = [reporting] if reporting else []
    out: list[str] = []
    for name in (*reporters, *(c for c in cited if c and c not in reporters)):
        organisation, _person = speaker_affiliation(name)
        if organisation and organisation not in out:
            out.append(organisation)
    return out


def _reports_frame(reports: list[Report]) -> geopandas.GeoDataFrame:
    """The claims frame of reports, also of reports saved before sources had affiliations.

    Reports read from JSON written before :attr:`Source.affiliation` existed load with
    None there. When no source of ``reports`` has an affiliation or a person, the
    column is read from the names (:func:`add_source_affiliations`); for reports of
    this version that finds the same nothing extraction found.
    """
    from geoclaims.store.frames import to_geodataframe

    frame = to_geodataframe(reports)
    if any(s.affiliation or s.person for r in reports for c in r.claims for s in c.sources):
        return frame
    frame[AFFILIATIONS] = None
    return fill_later_columns(frame)
