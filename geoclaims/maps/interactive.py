"""Interactive claims maps: Leaflet through folium, layered by source and confidence.

Design:

- One JSON payload per map, inside ``<script type="application/json">`` and escaped for
  that context (:func:`geoclaims.maps._html.json_for_script`). Our script
  (``templates/claims.js``) reads it and builds every popup, tooltip and control
  label with DOM text nodes, so text from documents is never parsed as HTML.
- Geometries are simplified, rounded to 5 decimals (about 1 m) and stored once
  however many claims share them (an oblast polygon is cited by many claims).
- One control filters by confidence grade, publishing outlet, the canonical
  sources of the chain grouped by kind (media outlets, government bodies, people,
  unnamed sources ...), the organisations people speak for, and event date at once:
  a claim is drawn when its grade is on, each of its source groups has one of its
  sources on, and its date is in range.
- Above :data:`DETAIL_LIMIT` rows, claims are aggregated by grid cell, grade and
  sources into counted circles so 100,000 claims still make a usable map.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoclaims._io import atomic_write, check_output_directory
from geoclaims.errors import ConfigurationError, InputError
from geoclaims.geometry.precision import LOCATION_PRECISION
from geoclaims.inputs import fill_later_columns, to_claims_frame
from geoclaims.maps import _assets, _html, _page
from geoclaims.maps._layers import (
    SOURCE_COLUMNS,
    SOURCE_GROUPS,
    aggregate_payload,
    as_list,
    claim_sources,
    optional,
    source_tables,
)
from geoclaims.maps._page import DEFAULT_TILES
from geoclaims.maps.style import (
    ADMIN1_EDGE_COLOUR,
    ATTRIBUTION,
    CONFIDENCE_COLOURS,
    COUNTRY_EDGE_COLOUR,
    LABEL_COLOUR,
    LAND_COLOUR,
    PRECISION_STYLES,
    SEA_COLOUR,
    contrast_text_colour,
)
from geoclaims.store.frames import AREA_POINT_PRECISION_CLASS

if TYPE_CHECKING:
    import folium
    import geopandas

    from geoclaims.places.gazetteer import Gazetteer

#: Above this many (claim, footprint) rows the map aggregates claims by grid cell.
DETAIL_LIMIT = 20_000
#: Above this many point features, points are clustered (Leaflet.markercluster).
CLUSTER_MIN_POINTS = 300
#: Above this many features, vectors are drawn on a canvas instead of SVG.
CANVAS_MIN_FEATURES = 1_500
#: Footprint outlines are simplified by this fraction of their size.
SIMPLIFY_FRACTION = 0.01
#: Decimals kept in coordinates (5 = about 1 m).
COORD_DECIMALS = 5
#: Decimals kept in the offline basemap (3 = about 100 m, finer than its simplification).
BASEMAP_DECIMALS = 3
#: Offline basemaps label at most this many of the places claims are linked to.
MAX_PLACE_LABELS = 60
#: Deepest zoom (clustering needs one even when no tile layer sets it).
MAX_ZOOM = 18


def _simplify(geoms: Any) -> Any:
    """Simplify polygons to 1 % of their size (at least 10 m, at most about 2 km).

    A footprint's size already states its uncertainty; moving its outline by 1 % of
    that size changes nothing a reader can act on, and halves the HTML.
    """
    import numpy as np
    import shapely

    bounds = shapely.bounds(geoms)
    size = np.hypot(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1])
    tolerance = np.clip(size * SIMPLIFY_FRACTION, 1e-4, 2e-2)
    is_point = shapely.get_type_id(geoms) == 0
    out = geoms.copy()
    if (~is_point).any():
        out[~is_point] = shapely.simplify(geoms[~is_point], tolerance[~is_point],
                                          preserve_topology=True)
    return out


def _encode_ring(coords: Any, decimals: int = COORD_DECIMALS) -> list[int]:
    """A ring as flat integer deltas at 10**-decimals degrees (decoded in JS)."""
    import numpy as np

    ints = np.round(np.asarray(coords)[:, :2] * 10**decimals).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return deltas.ravel().tolist()


def _encode(geom: Any, decimals: int = COORD_DECIMALS) -> list[Any]:
    """Compact geometry: ``[0, x, y]`` point, ``[1, rings]`` polygon, ``[2, polygons]``.

    Coordinates are integers at 10**-COORD_DECIMALS degrees, rings delta-encoded, so a
    10,000-claim map stays a few megabytes.
    """
    kind = geom.geom_type
    if kind == "Point":
        return [0, round(geom.x * 10**decimals), round(geom.y * 10**decimals)]
    if kind == "Polygon":
        return [1, [_encode_ring(geom.exterior.coords, decimals),
                    *(_encode_ring(r.coords, decimals) for r in geom.interiors)]]
    if kind == "MultiPolygon":
        return [2, [_encode(part, decimals)[1] for part in geom.geoms]]
    if kind in ("MultiPoint", "GeometryCollection", "LineString", "MultiLineString"):
        # Claims are points or areas; anything else is drawn as its area's hull.
        hull = geom.convex_hull
        return _encode(hull if hull.geom_type in ("Point", "Polygon") else hull.centroid)
    return _encode(geom.representative_point())


def _geometry_table(geoms: Any) -> tuple[list[list[Any]], list[int]]:
    """Unique encoded geometries and, for every input geometry, its index."""
    import numpy as np
    import shapely

    keys = shapely.to_wkb(geoms)
    table: dict[bytes, int] = {}
    unique: list[Any] = []
    index = []
    for key, geom in zip(keys, geoms, strict=True):
        found = table.get(key)
        if found is None:
            found = table[key] = len(unique)
            unique.append(geom)
        index.append(found)
    if not unique:
        return [], index
    simplified = _simplify(np.asarray(unique, dtype=object))
    return [_encode(g) for g in simplified], index


def _quantity_text(q: Any) -> str:
    if isinstance(q, dict):
        if q.get("text"):
            return str(q["text"])
        parts = [q.get("qualifier"), q.get("value"), q.get("unit"), q.get("counted")]
        return " ".join(str(p) for p in parts if p not in (None, ""))
    return str(q)


def _geonames_id(value: Any) -> int | None:
    """A linked place's GeoNames id for display; None for a named region."""
    from geoclaims.places.gazetteer import as_geonames_id

    value = optional(value)
    return None if value is None else as_geonames_id(int(value))


class _Strings:
    """A table of repeated strings (source names, cues, places), referenced by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: Any) -> int:
        if optional(value) is None:
            return -1
        text = str(value)
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.items)
            self.items.append(text)
        return found


def _place_cells(
    strings: _Strings, names: list[Any], ids: list[Any], written: list[Any]
) -> list[list[Any]]:
    """``[name, GeoNames id]`` per linked place, and the written form third where
    the document writes the place otherwise ('Курской области' for Kursk Oblast)."""
    cells: list[list[Any]] = []
    for i, (name, gid) in enumerate(itertools.zip_longest(names, ids)):
        cell: list[Any] = [strings(name), _geonames_id(gid)]
        form = optional(written[i]) if i < len(written) else None
        if form is not None and str(form) != str(name):
            cell.append(strings(form))
        cells.append(cell)
    return cells


def _detail_payload(gdf: geopandas.GeoDataFrame, grades: list[str]) -> dict[str, Any]:
    import pandas as pd

    claim_keys = list(zip(gdf["doc_id"], gdf["claim_id"], strict=True))
    first: dict[tuple[str, str], int] = {}
    for i, key in enumerate(claim_keys):
        first.setdefault(key, i)
    take = list(first.values())
    col = {c: gdf[c].to_numpy()[take] for c in (
        *SOURCE_COLUMNS, "statement", "source_chain",
        "confidence", "likelihood", "cues", "event_date", "date_precision", "quantities",
        "place_names", "geonameids", "url", "doc_id")}
    # Written forms of the places (a frame from before the column has none).
    col["place_mentions"] = (gdf["place_mentions"].to_numpy()[take]
                             if "place_mentions" in gdf.columns else [None] * len(take))
    sources = [claim_sources(*cells)
               for cells in zip(*(col[c] for c in SOURCE_COLUMNS), strict=True)]
    counters: list[Counter[str]] = [Counter() for _ in SOURCE_GROUPS]
    for src in sources:
        for counter, members in zip(counters, src, strict=True):
            counter.update(set(members))
    positions, source_groups, source_counts = source_tables(counters)
    events = pd.to_datetime(pd.Series(col["event_date"])).dt.strftime("%Y-%m-%d")
    dates = sorted({d for d in events if isinstance(d, str)})
    date_index = {d: i for i, d in enumerate(dates)}
    grade_index = {g: i for i, g in enumerate(grades)}
    strings = _Strings()
    claims = []
    for j, src in enumerate(sources):
        event = events.iloc[j]
        claim: dict[str, Any] = {
            "s": str(col["statement"][j]),
            "c": [strings(c) for c in as_list(col["source_chain"][j])],
            "g": grade_index[str(col["confidence"][j])],
            "l": strings(col["likelihood"][j]),
            "cu": [strings(c) for c in as_list(col["cues"][j])],
            "d": date_index[event] if isinstance(event, str) else -1,
            "dp": strings(col["date_precision"][j]),
            "q": [_quantity_text(q) for q in as_list(col["quantities"][j])],
            "p": _place_cells(strings, as_list(col["place_names"][j]),
                              as_list(col["geonameids"][j]),
                              as_list(col["place_mentions"][j])),
            "u": _html.safe_url(optional(col["url"][j])), "doc": strings(col["doc_id"][j]),
        }
        for field in ("q", "u", "l", "dp"):
            if claim[field] in (None, -1, []):
                del claim[field]
        # Source ids in each of SOURCE_GROUPS, in order.
        claim["k"] = [sorted(position[n] for n in set(members))
                      for position, members in zip(positions, src, strict=True)]
        claims.append(claim)
    located = (gdf.geometry.notna() & ~gdf.geometry.is_empty).to_numpy()
    geoms, geom_index = _geometry_table(gdf.geometry.values[located])
    claim_of = {key: i for i, key in enumerate(first)}
    rows = located.nonzero()[0]
    precision = gdf["precision_class"].to_numpy()[rows]
    relation = gdf["footprint_relation"].to_numpy()[rows]
    uncertainty = gdf["uncertainty_km"].to_numpy(dtype=float, na_value=float("nan"))[rows]
    codes = _location_codes(gdf)[rows]
    # [claim, geometry, precision class, relation, uncertainty km, location precision]
    features = [
        [claim_of[claim_keys[i]], g, int(p), strings(r),
         None if math.isnan(u) else round(float(u), 1), None if c == 0 else int(c)]
        for i, g, p, r, u, c in zip(rows, geom_index, precision, relation, uncertainty,
                                    codes, strict=True)
    ]
    grade_counts = Counter(grades[c["g"]] for c in claims)
    drawn = {f[0] for f in features}
    for i, claim in enumerate(claims):
        if i not in drawn:
            claim["m"] = False
    return {
        "claims": claims, "features": features, "geoms": geoms, "dates": dates,
        "strings": strings.items, "groups": source_groups,
        "counts": {"grade": dict(grade_counts), **source_counts},
    }


def _location_codes(gdf: geopandas.GeoDataFrame) -> Any:
    """The rows' location precision codes as ints, 0 where unknown."""
    import numpy as np
    import pandas as pd

    if "location_precision" not in gdf.columns:
        return np.zeros(len(gdf), dtype=np.int64)
    codes = pd.to_numeric(gdf["location_precision"], errors="coerce")
    return codes.fillna(0).to_numpy(dtype=np.int64)


def _basemap(
    bounds: tuple[float, float, float, float], gazetteer: Gazetteer, linked: Iterable[int]
) -> dict[str, Any]:
    """Countries, admin-1 regions and labels from the gazetteer, around the claims.

    Labels name the countries in view and the places the claims are linked to.
    """
    import numpy as np
    import shapely

    from geoclaims.maps._regions import regions_in_window

    minx, miny, maxx, maxy = bounds
    extent = max(maxx - minx, maxy - miny, 2.0)
    pad = max(6.0, extent)
    window = (max(-180.0, minx - pad), max(-85.0, miny - pad),
              min(180.0, maxx + pad), min(85.0, maxy + pad))
    countries, admin1 = regions_in_window(gazetteer, window)
    tolerance = min(0.05, extent / 300)

    def prepare(geoms: list[Any]) -> list[list[Any]]:
        if not geoms:
            return []
        arr = shapely.simplify(np.asarray(geoms, dtype=object), tolerance,
                               preserve_topology=True)
        parts = shapely.get_parts(arr)
        parts = parts[shapely.get_type_id(parts) == 3]  # polygons only
        return [_encode(part, BASEMAP_DECIMALS) for part in parts if not part.is_empty]

    labels = []
    for place, geom in countries:
        point = geom.representative_point()
        if not point.is_empty:
            labels.append([place.display_name.upper(), round(point.x, 3), round(point.y, 3), 0])
    for geonameid in linked:
        town = gazetteer.by_id(geonameid)
        if town is not None and town.kind in ("populated_place", "admin1") \
                and town.lon is not None and town.lat is not None:
            labels.append([town.display_name, round(town.lon, 4), round(town.lat, 4), 1])
    return {
        "scale": 10**BASEMAP_DECIMALS,
        "countries": prepare([g for _, g in countries]),
        "admin1": prepare([g for _, g, _ in admin1]),
        "labels": labels,
        "style": {"sea": SEA_COLOUR, "land": LAND_COLOUR, "country": COUNTRY_EDGE_COLOUR,
                  "admin1": ADMIN1_EDGE_COLOUR, "label": LABEL_COLOUR},
    }


def build_payload(
    gdf: geopandas.GeoDataFrame,
    *,
    title: str | None = None,
    detail_limit: int = DETAIL_LIMIT,
    basemap_from: Gazetteer | None = None,
) -> dict[str, Any]:
    """The JSON data a claims map draws (see ``templates/claims.js``).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Claims frame (:data:`geoclaims.store.frames.CLAIM_COLUMNS`).
    title : str, optional
        Shown in the map header (as text).
    detail_limit : int
        Rows above which claims are aggregated by grid cell.
    basemap_from : Gazetteer, optional
        Draw countries and admin-1 regions from this gazetteer (offline basemap).

    Returns
    -------
    dict
        Plain JSON-able data.
    """
    from geoclaims.store.frames import CONFIDENCE_ORDER

    missing = [c for c in ("doc_id", "claim_id", "statement", "confidence", "geometry")
               if c not in gdf.columns]
    if missing:
        raise InputError(f"the claims frame lacks the columns {missing}",
                         hint="build it with geoclaims.to_geodataframe or read_claims")
    gdf = fill_later_columns(gdf)  # a frame of an older export may lack them
    total_claims = gdf.groupby(["doc_id", "claim_id"]).ngroups if len(gdf) else 0
    gdf = gdf.reset_index(drop=True)
    located = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].reset_index(drop=True)
    present = set(gdf["confidence"].astype(str))
    grades = [g for g in CONFIDENCE_ORDER if g in present]
    aggregated = len(located) > detail_limit
    if not len(gdf):
        _, no_groups, no_counts = source_tables([Counter() for _ in SOURCE_GROUPS])
        body: dict[str, Any] = {"claims": [], "features": [], "geoms": [], "dates": [],
                                "strings": [], "groups": no_groups,
                                "counts": {"grade": {}, **no_counts}}
    elif aggregated:
        body = aggregate_payload(located, grades, COORD_DECIMALS)
    else:
        body = _detail_payload(gdf, grades)
    drawn_claims = located.groupby(["doc_id", "claim_id"]).ngroups if len(located) else 0
    n_docs = gdf["doc_id"].nunique()
    summary = f"{total_claims} claims from {n_docs} document{'s' * (n_docs != 1)}"
    if total_claims > drawn_claims:
        summary += f"; {total_claims - drawn_claims} without a location are not drawn"
    if aggregated:
        summary += (f"; aggregated into {len(body['features'])} circles "
                    f"(grid of {body['cell_deg']:g}°)")
    n_points = sum(1 for g in body["geoms"] if g[0] == 0)
    payload = {
        "title": title or "", "summary": summary, "grades": grades,
        "colours": CONFIDENCE_COLOURS,
        "text_colours": {g: contrast_text_colour(c) for g, c in CONFIDENCE_COLOURS.items()},
        "dashes": {str(k): v.dash_array for k, v in PRECISION_STYLES.items()},
        "precision": {str(k): v.label for k, v in PRECISION_STYLES.items()},
        "location_precision": {str(k): v for k, v in LOCATION_PRECISION.items()},
        "attribution": _html.text(ATTRIBUTION),
        "cluster": n_points >= CLUSTER_MIN_POINTS,
        "canvas": len(body["features"]) >= CANVAS_MIN_FEATURES,
        "scale": 10**COORD_DECIMALS, "max_zoom": MAX_ZOOM, "bounds": None, **body,
    }
    if len(located):
        # Fit the view to what is local: a country-wide claim drawn at the country's
        # label point would otherwise stretch the view across a continent.
        local = located[located["precision_class"] < AREA_POINT_PRECISION_CLASS]
        focus = local if len(local) else located
        minx, miny, maxx, maxy = (float(v) for v in focus.total_bounds)
        payload["bounds"] = [[miny, minx], [maxy, maxx]]  # Leaflet wants (lat, lon)
        if basemap_from is not None:
            cited = Counter(int(g) for ids in located["geonameids"] for g in as_list(ids)
                            if optional(g) is not None)
            # Name the most cited places only: thousands of labels would bury the map.
            linked = sorted(g for g, _ in sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))
                            [:MAX_PLACE_LABELS])
            payload["base"] = _basemap((minx, miny, maxx, maxy), basemap_from, linked)
    return payload


def render_map(
    claims: Any,
    *,
    title: str | None = None,
    offline: bool = False,
    tiles: str | None = DEFAULT_TILES,
    attribution: str | None = None,
    gazetteer: Gazetteer | None = None,
    detail_limit: int = DETAIL_LIMIT,
    outlet: str | None = None,
    published: str | None = None,
) -> folium.Map:
    """Draw claims on an interactive map, switchable by source, grade and date.

    Parameters
    ----------
    claims : GeoDataFrame, Report, iterable of Report, or paths
        A claims frame (:func:`geoclaims.to_geodataframe`), reports, or inputs for
        :func:`geoclaims.inputs.read_claims` (documents, ``out.json``, exports,
        stores).
    title : str, optional
        Map title (shown as text, never as HTML).
    offline : bool, default False
        Inline every script and style sheet and draw a Natural Earth basemap from the
        gazetteer's own polygons instead of web tiles, so the HTML works with no
        network at all.
    tiles : str or None, default "OpenStreetMap"
        Online tile set: an xyzservices name or an http(s) URL template with
        ``{z}/{x}/{y}``; ignored when ``offline``.
    attribution : str, optional
        Credit for the tiles, as plain text; required with a tile URL.
    gazetteer : Gazetteer, optional
        For the offline basemap and for analysing documents; defaults to
        :meth:`Gazetteer.default`.
    detail_limit : int
        Above this many (claim, footprint) rows, claims are aggregated by grid cell.
    outlet, published : str, optional
        Metadata defaults when ``claims`` are documents.

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` (atomic) or ``Map.save``.

    Raises
    ------
    InputError
        For inputs that are neither claims nor readable files.
    ConfigurationError
        If ``offline`` and the vendored Leaflet files are not installed.

    Examples
    --------
    >>> import geoclaims                                            # doctest: +SKIP
    >>> m = render_map(geoclaims.analyze("Drones hit Sudzha, officials said."))
    ...                                                             # doctest: +SKIP
    >>> save_map(m, "map.html")                                     # doctest: +SKIP
    """
    import folium
    import folium.plugins

    _check_positive("detail_limit", detail_limit)
    # Checked before any analysis: a bad tile option should not cost a corpus run.
    tile_layer = None if offline else _page.tile_layer(tiles, attribution)
    gaz = gazetteer
    if offline and gaz is None:
        from geoclaims.places.gazetteer import Gazetteer

        gaz = Gazetteer.default()
    gdf = to_claims_frame(claims, gazetteer=gaz, outlet=outlet, published=published,
                          what="render_map's claims")
    payload = build_payload(gdf, title=title, detail_limit=detail_limit,
                            basemap_from=gaz if offline else None)
    if tile_layer is not None:
        payload["tiles"] = tile_layer
    payload_json = _html.json_for_script(payload)
    # Tiles are drawn by our script from the payload (see geoclaims.maps._page), so no
    # folium element carries a URL or attribution the user typed.
    m = folium.Map(location=[48.5, 35.0], zoom_start=5, tiles=None,
                   control_scale=True, prefer_canvas=False)
    # Only what the claims layer uses, inlined from folium-offline: folium's defaults
    # add jQuery, Bootstrap and Font Awesome from six more hosts, and a page that
    # loads no script from elsewhere cannot be changed by a CDN.
    m.default_js = []
    m.default_css = []
    fullscreen = folium.plugins.Fullscreen(position="topleft")
    fullscreen.default_js = []
    fullscreen.default_css = []
    assets = [*_assets.LEAFLET, *_assets.FULLSCREEN]
    if payload["cluster"]:
        assets += _assets.MARKERCLUSTER
    m.add_child(fullscreen)
    m.add_child(_page.claims_page(payload_json, assets, title=title))
    seed = hashlib.sha1(payload_json.encode("utf-8")).hexdigest()[:12]
    _page.stabilise_ids(m.get_root(), seed)
    return m


def check_map_path(path: str | Path) -> Path:
    """Check an output path before any work: ``.html`` suffix, existing directory.

    Raises
    ------
    InputError
        Naming the path and the fix.
    """
    target = Path(path)
    if target.suffix.lower() not in (".html", ".htm"):
        raise InputError("a map is written as .html", path=target,
                         hint="name the output map.html")
    check_output_directory(target)
    return target


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write a map's HTML atomically (the file is complete or absent).

    Raises
    ------
    InputError
        If the directory does not exist or the suffix is not ``.html``/``.htm``.
    """
    target = check_map_path(path)
    html = m.get_root().render()
    with atomic_write(target) as handle:
        handle.write(html)
    return target


def _check_positive(name: str, value: int) -> None:
    if value <= 0:
        raise ConfigurationError(f"{name} must be positive, got {value}")
