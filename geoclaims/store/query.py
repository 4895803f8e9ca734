"""Vectorised queries on claim GeoDataFrames: where, near what, who, how sure, when.

Every verb also takes a lazy dask-geopandas GeoDataFrame (``read_store(...,
engine="dask")``) and returns a lazy frame: names are resolved once against the
gazetteer, then the same pandas verb runs on each partition (``map_partitions``).
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from geoclaims.claims.model import Confidence
from geoclaims.errors import ConfigurationError, InputError

if TYPE_CHECKING:
    import geopandas
    import pandas
    from shapely.geometry.base import BaseGeometry

    from geoclaims.places.gazetteer import Gazetteer, Place

Predicate = Literal["intersects", "within"]

#: "UA", "RU-KRS": a region given as an ISO 3166 code.
_ISO_CODE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")
#: Kinds that can be a region of :func:`within`, most preferred first.
_REGION_KINDS = ("country", "admin1")
#: How many close matches an "unknown region" error lists.
_N_CLOSE = 5


def _gazetteer(gazetteer: Gazetteer | None) -> Gazetteer:
    if gazetteer is not None:
        return gazetteer
    from geoclaims.places.gazetteer import Gazetteer

    return Gazetteer.default()


def _is_lazy(gdf: Any) -> bool:
    """True for a dask-geopandas frame (tested without importing dask)."""
    return type(gdf).__module__.startswith("dask_geopandas")


def _per_partition(gdf: Any, verb: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a pandas verb on every partition of a lazy frame (stays lazy)."""
    return gdf.map_partitions(verb, *args, meta=gdf._meta, **kwargs)


def _check_frame(gdf: Any, *columns: str) -> None:
    import geopandas

    if _is_lazy(gdf):
        import dask_geopandas

        frame_types: tuple[type[Any], ...] = (dask_geopandas.GeoDataFrame,)
    else:
        frame_types = (geopandas.GeoDataFrame,)
    if not isinstance(gdf, frame_types):
        raise InputError(f"expected a GeoDataFrame, got {type(gdf).__name__}")
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        raise InputError(
            f"GeoDataFrame lacks column(s) {', '.join(map(repr, missing))}",
            hint="build it with geoclaims.store.frames.to_geodataframe()",
        )


def _km(km: Any) -> float:
    try:
        value = float(km)
    except (TypeError, ValueError):
        raise ConfigurationError(f"km must be a number, got {km!r}") from None
    if not value > 0:
        raise ConfigurationError(f"km must be > 0, got {km!r}")
    return value


def _region_names(gaz: Gazetteer) -> list[str]:
    # Gazetteer has no public listing by kind; the names of countries and admin-1
    # regions are only needed to suggest close matches in an error message.
    rows = gaz._query(
        "SELECT name, display_name FROM places WHERE kind IN ('country', 'admin1')"
    )
    return sorted({name for row in rows for name in row})


def _describe(place: Place) -> str:
    code = place.iso_code or place.country_code
    shown = place.display_name
    also = "" if shown == place.name else f", GeoNames {place.name!r}"
    return f"{shown} ({place.kind}, {code}{also})"


def _region_candidates(name: str, gaz: Gazetteer) -> list[Place]:
    """Countries and admin-1 regions with a polygon called ``name``."""
    from geoclaims.places.build import ADMIN_TYPE_WORDS

    found = [p for p in gaz.by_name(name) if p.kind in _REGION_KINDS]
    words = name.split()
    if not found and len(words) > 1 and words[-1].lower() in ADMIN_TYPE_WORDS:
        # "Kursk Oblast" is not a gazetteer name: the type word says an admin
        # region of the base name is meant (as places.geocoder reads it).
        base = name[: len(name) - len(words[-1])].strip()
        found = [p for p in gaz.by_name(base) if p.kind == "admin1"]
    return [p for p in found if gaz.polygon(p.geonameid) is not None]


def resolve_region(region: Any, gazetteer: Gazetteer | None = None) -> BaseGeometry:
    """The polygon of a region given by name, ISO 3166 code or geometry.

    A name is looked up among countries and admin-1 regions that have a polygon;
    a country is preferred over an admin-1 region of the same name ("Georgia" is
    the country; say "US-GA" for the state). "Kursk Oblast" falls back to the
    admin-1 region called "Kursk".

    Raises
    ------
    ConfigurationError
        If the name is unknown (listing close matches) or names several regions
        of the same rank (listing them with their countries).
    """
    from shapely.geometry.base import BaseGeometry

    if isinstance(region, BaseGeometry):
        if region.is_empty:
            raise ConfigurationError("region geometry is empty")
        return region
    if not isinstance(region, str) or not region.strip():
        raise ConfigurationError(
            f"region must be a name, an ISO 3166 code or a shapely geometry, "
            f"got {region!r}"
        )
    gaz = _gazetteer(gazetteer)
    name = region.strip()
    if _ISO_CODE.match(name):
        place = gaz.by_iso(name)
        if place is not None:
            polygon = gaz.polygon(place.geonameid)
            if polygon is not None:
                return polygon
    candidates = _region_candidates(name, gaz)
    if not candidates:
        close = difflib.get_close_matches(
            name, _region_names(gaz), n=_N_CLOSE, cutoff=0.6
        )
        hint = f"close matches: {', '.join(close)}" if close else "no close match"
        raise ConfigurationError(
            f"unknown region {region!r} (no country or admin-1 region with a polygon "
            f"has this name); {hint}"
        )
    best = min(_REGION_KINDS.index(p.kind) for p in candidates)
    top = [p for p in candidates if _REGION_KINDS.index(p.kind) == best]
    if len(top) > 1:
        listing = "; ".join(_describe(p) for p in top)
        raise ConfigurationError(
            f"ambiguous region {region!r}: {listing}. "
            "Pass an ISO 3166 code or a geometry instead."
        )
    polygon = gaz.polygon(top[0].geonameid)
    if polygon is None:  # pragma: no cover - candidates are filtered on polygons
        raise ConfigurationError(f"region {region!r} has no polygon")
    return polygon


def resolve_point(
    place: Any, gazetteer: Gazetteer | None = None
) -> tuple[float, float]:
    """``(lon, lat)`` of a place name (most prominent sense), point or pair.

    Raises
    ------
    ConfigurationError
        If the name is unknown (listing close region names) or has no coordinates.
    """
    from shapely.geometry import Point

    if isinstance(place, Point):
        return float(place.x), float(place.y)
    if isinstance(place, tuple | list) and len(place) == 2:
        lon, lat = (float(v) for v in place)
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise ConfigurationError(f"(lon, lat) out of range: {place!r}")
        return lon, lat
    if not isinstance(place, str) or not place.strip():
        raise ConfigurationError(
            f"place must be a name, a (lon, lat) pair or a shapely Point, got {place!r}"
        )
    gaz = _gazetteer(gazetteer)
    hits = [
        p for p in gaz.by_name(place.strip()) if p.lon is not None and p.lat is not None
    ]
    if not hits:
        close = difflib.get_close_matches(place, _region_names(gaz), n=_N_CLOSE)
        hint = f"close matches: {', '.join(close)}" if close else "no close match"
        raise ConfigurationError(f"unknown place {place!r}; {hint}")
    best = hits[0]
    return float(best.lon), float(best.lat)  # type: ignore[arg-type]


def _select(gdf: geopandas.GeoDataFrame, area: BaseGeometry, predicate: str) -> Any:
    """Rows of ``gdf`` whose geometry satisfies ``predicate`` against ``area``."""
    import numpy as np

    # The STRtree answers predicate(area, row_geometry): "row within area" is
    # "area contains row". Missing and empty geometries never match.
    tree_predicate = "contains" if predicate == "within" else "intersects"
    positions = np.sort(gdf.sindex.query(area, predicate=tree_predicate))
    return gdf.iloc[positions]


def within(
    gdf: geopandas.GeoDataFrame,
    region: Any,
    *,
    predicate: Predicate = "intersects",
    gazetteer: Gazetteer | None = None,
) -> geopandas.GeoDataFrame:
    """Rows whose geometry lies in a region.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        EPSG:4326, e.g. from :func:`geoclaims.store.frames.to_geodataframe`.
    region : str or shapely geometry
        A country or admin-1 name ("Kursk Oblast"), an ISO 3166 code ("UA",
        "RU-KRS") or a geometry in ``(lon, lat)`` degrees.
    predicate : {"intersects", "within"}, default "intersects"
        "intersects" keeps footprints that touch the region (a border zone
        straddling it counts); "within" keeps only those wholly inside.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.

    Raises
    ------
    ConfigurationError
        Unknown or ambiguous region name, or bad predicate.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> import geopandas
    >>> points = geopandas.points_from_xy([35, 40], [51, 51])
    >>> gdf = geopandas.GeoDataFrame(geometry=points, crs="EPSG:4326")
    >>> len(within(gdf, box(34, 50, 36, 52)))
    1
    """
    if predicate not in ("intersects", "within"):
        raise ConfigurationError(
            f"predicate must be 'intersects' or 'within', got {predicate!r}"
        )
    _check_frame(gdf)
    area = resolve_region(region, gazetteer)
    if _is_lazy(gdf):
        return _per_partition(gdf, _select, area, predicate)
    return _select(gdf, area, predicate)


def near(
    gdf: geopandas.GeoDataFrame,
    place: Any,
    *,
    km: float,
    gazetteer: Gazetteer | None = None,
) -> geopandas.GeoDataFrame:
    """Rows whose geometry comes within ``km`` (geodesic) of a place.

    ``place`` is a name (its most prominent sense: "Donetsk" is the city), a
    ``(lon, lat)`` pair or a shapely Point. The test is an intersection with the
    geodesic buffer of the point (:func:`geodesic_buffer`).
    """
    from shapely.geometry import Point

    from geoclaims.geometry.geodesic import geodesic_buffer

    radius_km = _km(km)
    _check_frame(gdf)
    lon, lat = resolve_point(place, gazetteer)
    area = geodesic_buffer(Point(lon, lat), radius_km * 1000.0)
    if _is_lazy(gdf):
        return _per_partition(gdf, _select, area, "intersects")
    return _select(gdf, area, "intersects")


def near_border(
    gdf: geopandas.GeoDataFrame,
    a: str,
    b: str,
    *,
    km: float,
    gazetteer: Gazetteer | None = None,
) -> geopandas.GeoDataFrame:
    """Rows whose geometry comes within ``km`` (geodesic) of the a-b land border.

    Raises
    ------
    ConfigurationError
        If the countries (ISO alpha-2) share no land border in the gazetteer.
    """
    from geoclaims.geometry.geodesic import geodesic_buffer

    radius_km = _km(km)
    _check_frame(gdf)
    gaz = _gazetteer(gazetteer)
    line = gaz.border(str(a), str(b))
    if line is None or line.is_empty:
        neighbours = ", ".join(gaz.neighbours(str(a))) or "none"
        raise ConfigurationError(
            f"no land border between {a!r} and {b!r} in the gazetteer; "
            f"neighbours of {str(a).upper()}: {neighbours}"
        )
    area = geodesic_buffer(line, radius_km * 1000.0)
    if _is_lazy(gdf):
        return _per_partition(gdf, _select, area, "intersects")
    return _select(gdf, area, "intersects")


def by_source(gdf: geopandas.GeoDataFrame, name: str) -> geopandas.GeoDataFrame:
    """Rows citing the source ``name``: by the text's names, canonical names or aliases.

    A row matches when a name of its source chain or of its ``canonical_sources``
    contains ``name`` (case-insensitive), or when one of its ``source_ids`` is an
    alias-table entity that ``name`` names
    (:func:`geoclaims.claims.sources.source_ids_matching`): ``by_source(gdf, "GUR")``
    finds the claims citing "Ukraine's Military Intelligence". Frames without the
    canonical columns (an older file read directly) match by the chain's names.
    """
    import numpy as np
    import pandas as pd

    from geoclaims.claims.sources import source_ids_matching

    _check_frame(gdf, "source_chain")
    if not isinstance(name, str) or not name:
        raise ConfigurationError(f"name must be a non-empty str, got {name!r}")
    if _is_lazy(gdf):
        return _per_partition(gdf, by_source, name)
    hits = []
    for column in ("source_chain", "canonical_sources"):
        if column not in gdf.columns:
            continue
        cells = pd.Series(gdf[column].to_numpy(), index=np.arange(len(gdf)))
        flat = cells.explode().dropna().astype(str)
        hits.append(flat.index[flat.str.contains(name, case=False, regex=False).to_numpy()])
    ids = source_ids_matching(name)
    if ids and "source_ids" in gdf.columns:
        cells = pd.Series(gdf["source_ids"].to_numpy(), index=np.arange(len(gdf)))
        flat = cells.explode().dropna().astype(str)
        hits.append(flat.index[flat.isin(ids).to_numpy()])
    return gdf.iloc[np.unique(np.concatenate(hits).astype(np.int64))]


def by_confidence(
    gdf: geopandas.GeoDataFrame, at_least: str | Confidence = "reported"
) -> geopandas.GeoDataFrame:
    """Rows at least as well established as ``at_least`` (confirmed is best).

    ``by_confidence(gdf, "reported")`` keeps confirmed and reported claims.
    """
    import numpy as np
    import pandas as pd

    _check_frame(gdf, "confidence")
    try:
        limit = Confidence.parse(str(at_least)).rank
    except ValueError as err:
        raise ConfigurationError(str(err)) from err
    if _is_lazy(gdf):
        return _per_partition(gdf, by_confidence, at_least)
    order = [c.value for c in Confidence]
    codes = pd.Categorical(gdf["confidence"], categories=order, ordered=True).codes
    return gdf.iloc[np.flatnonzero((codes >= 0) & (codes <= limit))]


def by_precision(gdf: geopandas.GeoDataFrame, at_most: int) -> geopandas.GeoDataFrame:
    """Rows located at least as precisely as location precision code ``at_most``.

    Codes follow the UCDP GED convention (:mod:`geoclaims.geometry.precision`): 1
    exact location, 2 within about 25 km of a known point, 3 second-order admin
    unit, 4 first-order admin unit, 5 larger region or a line, 6 country, 7
    international waters. ``by_precision(gdf, 4)`` keeps the rows coded 1 to 4; a
    claim's code is the least of its rows', so the claims kept are exactly those
    whose code is at most ``at_most``, each with its rows that precise. Rows without
    a location (<NA>) never match.

    Raises
    ------
    ConfigurationError
        If ``at_most`` is not an int from 1 to 7.

    Examples
    --------
    >>> import geopandas, pandas
    >>> gdf = geopandas.GeoDataFrame(
    ...     {"location_precision": pandas.array([1, 4, 6, None], dtype="Int64")},
    ...     geometry=[None] * 4)
    >>> by_precision(gdf, 4)["location_precision"].tolist()
    [1, 4]
    """
    import numpy as np
    import pandas as pd

    from geoclaims.geometry.precision import LOCATION_PRECISION, is_location_precision

    if not is_location_precision(at_most):
        codes = ", ".join(f"{k} {v}" for k, v in LOCATION_PRECISION.items())
        raise ConfigurationError(
            f"at_most must be a location precision code 1-7, got {at_most!r} ({codes})")
    _check_frame(gdf, "location_precision")
    if _is_lazy(gdf):
        return _per_partition(gdf, by_precision, at_most)
    codes = pd.array(gdf["location_precision"], dtype="Int64")
    return gdf.iloc[np.flatnonzero((codes <= at_most).fillna(False).to_numpy(dtype=bool))]


def _timestamp(value: Any, name: str) -> Any:
    import pandas as pd

    if value is None:
        return None
    if not isinstance(value, str | date | datetime | pd.Timestamp):
        raise ConfigurationError(f"{name} must be a date or ISO str, got {value!r}")
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ConfigurationError(f"{name} is not a date: {value!r}") from err


def between(
    gdf: geopandas.GeoDataFrame, start: Any, end: Any
) -> geopandas.GeoDataFrame:
    """Rows whose ``event_date`` is in ``[start, end]`` (inclusive; None = open).

    Rows without an event date never match.
    """
    import numpy as np

    _check_frame(gdf, "event_date")
    lo, hi = _timestamp(start, "start"), _timestamp(end, "end")
    if lo is not None and hi is not None and lo > hi:
        raise ConfigurationError(f"start {start!r} is after end {end!r}")
    if _is_lazy(gdf):
        return _per_partition(gdf, between, start, end)
    dates = gdf["event_date"]
    mask = dates.notna().to_numpy().copy()
    if lo is not None:
        mask &= (dates >= lo).to_numpy()
    if hi is not None:
        mask &= (dates <= hi).to_numpy()
    return gdf.iloc[np.flatnonzero(mask)]


def distance_to(
    gdf: geopandas.GeoDataFrame, place: Any, gazetteer: Gazetteer | None = None
) -> pandas.Series:
    """Geodesic distance (km) from a place to the nearest point of each geometry.

    Computed in an azimuthal equidistant projection centred on the place, where
    distances *from the centre* are exact geodesic distances; the approximation
    is that geometry edges, straight in lon/lat, are projected vertex by vertex,
    so a long edge passing close to the place may be measured slightly long
    (footprints are densified buffers, so the error is small). 0 inside a polygon;
    NaN for missing or empty geometries.
    """
    import pandas as pd
    from shapely.geometry import Point

    _check_frame(gdf)
    lon, lat = resolve_point(place, gazetteer)
    if _is_lazy(gdf):
        return gdf.map_partitions(
            distance_to, (lon, lat), meta=pd.Series(dtype="float64", name="distance_km")
        )
    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    projected = gdf.geometry.to_crs(aeqd)
    distance_m = projected.distance(Point(0.0, 0.0))
    distance_m[projected.is_empty | projected.isna()] = float("nan")
    return pd.Series(
        distance_m.to_numpy() / 1000.0, index=gdf.index, name="distance_km"
    )
