"""Footprints: the area a spatial expression allows, sized to state its uncertainty.

Each relation has a versioned rule (``"near.v1"``, ``"from_border.v1"`` ...); the
defaults it uses are named constants in :mod:`geoclaims.config`, recorded in every
footprint's ``params`` so that old output stays explainable.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geoclaims import config
from geoclaims.errors import GeometryError
from geoclaims.geometry import geodesic
from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.places.resolve import Resolution
from geoclaims.text.mentions import tokenize
from geoclaims.text.normalize import normalize_name
from geoclaims.text.spatial import SpatialExpression

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: How many sentences back a border phrase looks for the regions it is in.
CONTEXT_SENTENCES = 2

#: Rule key of each relation (a changed default means a new version).
RULES = {
    "distance_from": "distance_from.v1",
    "from_border": "from_border.v1",
    "direction_from": "bearing.v1",
    "near": "near.v1",
    "in_region": "in_region.v1",
    "border_zone": "border_zone.v1",
    "between": "between.v1",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Footprint:
    """The geometry a spatial expression (or a bare place mention) allows."""

    #: EPSG:4326 (lon, lat), valid.
    geometry: BaseGeometry
    #: The expression it comes from (None for a bare place mention).
    expression: SpatialExpression | None
    #: GeoNames ids of the anchors; borders as "RU-UA".
    anchors: tuple[str, ...]
    relation: str
    #: Rule key, e.g. "from_border.v1", and the parameters it used.
    rule: str
    params: Mapping[str, Any] = field(default_factory=dict)
    #: Area (km²) and the radius (km) of a circle of that area: the uncertainty.
    area_km2: float = 0.0
    uncertainty_km: float = 0.0
    #: 1 exact place / small area, 2 near a place, 3 region (ACLED geo_precision).
    precision_class: int = 3

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON geometry."""
        import shapely

        return shapely.geometry.mapping(self.geometry)  # type: ignore[no-any-return]


def precision_class(area_km2: float) -> int:
    """ACLED-like precision class of an area.

    Examples
    --------
    >>> precision_class(20.0), precision_class(900.0), precision_class(30_000.0)
    (1, 2, 3)
    """
    small, medium = config.PRECISION_CLASS_LIMITS_KM2
    return 1 if area_km2 <= small else 2 if area_km2 <= medium else 3


def distance_interval_m(expr: SpatialExpression) -> tuple[float, float]:
    """The [low, high] metres a distance phrase allows (tolerance rule v1).

    "around 7 km" -> 7 km ± 30 %; "7 km" -> ± 15 %; "up to / within 7 km" -> [0, 7];
    "more than 7 km" -> [7, 10.5]; "10-15 km" -> [10, 15]; never tighter than ± 500 m.

    Raises
    ------
    GeometryError
        For a missing, non-positive or absurd distance.

    Examples
    --------
    >>> from geoclaims.text.spatial import find_spatial_expressions
    >>> e = find_spatial_expressions("around 7 km from the border")[0]
    >>> [round(x) for x in distance_interval_m(e)]
    [4900, 9100]
    """
    d = expr.distance_m
    if d is None or d != d:
        raise GeometryError(f"no distance in {expr.text!r}")
    if d <= 0:
        raise GeometryError(f"distance must be positive, got {d!r} m in {expr.text!r}")
    top = expr.distance_max_m if expr.distance_max_m is not None else d
    if top > config.MAX_FOOTPRINT_KM * 1000:
        raise GeometryError(
            f"distance {top / 1000:,.0f} km in {expr.text!r} exceeds "
            f"{config.MAX_FOOTPRINT_KM:,.0f} km: not a place on a map"
        )
    if expr.distance_max_m is not None:
        lo, hi = min(d, top), max(d, top)
        if expr.hedge == "approx":
            lo, hi = lo * (1 - config.PLAIN_TOLERANCE_FRACTION), hi * (1 + config.PLAIN_TOLERANCE_FRACTION)
        return lo, hi
    if expr.hedge == "max":
        return 0.0, d
    if expr.hedge == "min":
        return d, d * config.MIN_HEDGE_UPPER_FACTOR
    frac = (
        config.APPROX_TOLERANCE_FRACTION if expr.hedge == "approx"
        else config.PLAIN_TOLERANCE_FRACTION
    )
    tol = max(d * frac, config.MIN_TOLERANCE_M)
    return max(0.0, d - tol), d + tol


def near_radius_km(place: Place) -> float:
    """Radius of "near X" for the kind and size of X (documented in config)."""
    table = config.NEAR_RADIUS_KM
    if place.kind != "populated_place":
        return table["region"]
    if place.population >= 1_000_000:
        return table["metropolis"]
    if place.population >= 100_000:
        return table["city"]
    if place.population >= 10_000:
        return table["town"]
    return table["village"]


def _finish(
    geom: BaseGeometry, expr: SpatialExpression | None, anchors: Sequence[str],
    relation: str, rule_name: str, params: Mapping[str, Any],
) -> Footprint:
    import shapely

    geom = shapely.make_valid(geom)
    if geom.is_empty:
        raise GeometryError("the footprint is empty (the constraints exclude each other)")
    area = geodesic.area_km2(geom)
    return Footprint(
        geometry=geom, expression=expr, anchors=tuple(anchors), relation=relation,
        rule=RULES[rule_name], params=dict(params), area_km2=round(area, 3),
        uncertainty_km=round((area / 3.141592653589793) ** 0.5, 3),
        precision_class=precision_class(area),
    )


class _Context:
    """What a document says about places, for anchoring expressions."""

    def __init__(self, text: str, resolutions: Sequence[Resolution], gazetteer: Gazetteer):
        self.text = text
        self.gaz = gazetteer
        self.resolutions = [r for r in resolutions if r.place is not None]
        tokens = tokenize(text)
        self._sent_starts = [(t.start, t.sentence) for t in tokens]
        self.doc_countries: Counter[str] = Counter(
            r.place.country_code for r in self.resolutions if r.place is not None
        )

    def sentence_of(self, offset: int) -> int:
        import bisect

        k = bisect.bisect_right(self._sent_starts, (offset, 1 << 30)) - 1
        return self._sent_starts[k][1] if k >= 0 else 0

    def places_in(self, start: int, end: int) -> list[Place]:
        return [r.place for r in self.resolutions_in(start, end) if r.place is not None]

    def sentence_places(self, offset: int, *, back: int = 0) -> list[Place]:
        """Places of the sentence at ``offset`` and of the ``back`` sentences before it."""
        return [r.place for r in self.sentence_resolutions(offset, back=back)
                if r.place is not None]

    def sentence_resolutions(self, offset: int, *, back: int = 0) -> list[Resolution]:
        """Resolved mentions of the sentence at ``offset`` and the ``back`` before it."""
        s = self.sentence_of(offset)
        return [
            r for r in self.resolutions
            if r.place is not None and s - back <= r.mention.sentence <= s
        ]

    def resolutions_in(self, start: int, end: int) -> list[Resolution]:
        return [r for r in self.resolutions if r.mention.start < end and start < r.mention.end]

    def country_of_adjective(self, word: str) -> str | None:
        if not word:
            return None
        key = normalize_name(word)
        hits = self.gaz.lookup_keys([key]).get(key, [])
        countries = [p for p, _ in hits if p.kind == "country"]
        return countries[0].country_code if countries else None


def build_footprint(
    expr: SpatialExpression, ctx: _Context
) -> Footprint:
    """Build the footprint of one expression.

    Raises
    ------
    GeometryError
        With the reason when no footprint can be made.
    """
    if expr.problems:
        raise GeometryError("; ".join(expr.problems))
    if expr.border or expr.relation == "border_zone":
        return _border_footprint(expr, ctx)
    anchors = [p for a, b in expr.anchors for p in ctx.places_in(a, b)]
    if not anchors:
        names = ", ".join(repr(ctx.text[a:b]) for a, b in expr.anchors) or "none"
        raise GeometryError(f"anchor did not resolve to a place (anchors: {names})")
    if expr.relation == "near":
        return _near(expr, [_settlement_sense(r) for a, b in expr.anchors
                            for r in ctx.resolutions_in(a, b)])
    if expr.relation == "in_region":
        return _in_region(expr, anchors, ctx)
    if expr.relation == "distance_from":
        lo, hi = distance_interval_m(expr)
        point = _point(anchors[0])
        geom = geodesic.distance_band(point, (lo + hi) / 2, (hi - lo) / 2)
        return _finish(geom, expr, [str(anchors[0].geonameid)], "distance_from",
                       "distance_from", {"low_m": lo, "high_m": hi})
    if expr.relation == "direction_from":
        if expr.bearing_deg is None:
            raise GeometryError("direction without a bearing")
        if expr.distance_m is not None:
            lo, hi = distance_interval_m(expr)
        else:
            lo, hi = 0.0, config.DIRECTION_DEFAULT_KM * 1000
        geom = geodesic.sector(
            _point(anchors[0]), expr.bearing_deg, config.DIRECTION_HALF_ANGLE_DEG,
            lo, max(hi, lo + 1.0),
        )
        return _finish(geom, expr, [str(anchors[0].geonameid)], "direction_from",
                       "direction_from", {"bearing_deg": expr.bearing_deg,
                                          "half_angle_deg": config.DIRECTION_HALF_ANGLE_DEG,
                                          "low_m": lo, "high_m": hi})
    if expr.relation == "between":
        return _between(expr, anchors)
    raise GeometryError(f"no footprint rule for relation {expr.relation!r}")


def _point(place: Place) -> BaseGeometry:
    import shapely

    if place.lat is None or place.lon is None:
        raise GeometryError(f"{place.name} ({place.geonameid}) has no coordinates")
    return shapely.Point(place.lon, place.lat)


def _settlement_sense(res: Resolution) -> Place:
    """For "near X": the town X rather than the region named after it ("near Kursk")."""
    assert res.place is not None  # only resolved mentions reach here
    if res.place.kind in ("admin1", "admin2"):
        for cand in res.candidates:
            if cand.place.kind == "populated_place" and cand.place.country_code == res.place.country_code:
                return cand.place
    return res.place


def _near(expr: SpatialExpression, anchors: Sequence[Place]) -> Footprint:
    import shapely

    parts, radii = [], []
    for place in anchors:
        radius = near_radius_km(place)
        radii.append(radius)
        parts.append(geodesic.geodesic_buffer(_point(place), radius * 1000))
    return _finish(shapely.union_all(parts), expr, [str(p.geonameid) for p in anchors],
                   "near", "near", {"radius_km": radii})


def _in_region(expr: SpatialExpression, anchors: Sequence[Place], ctx: _Context) -> Footprint:
    import shapely

    polys = []
    for place in anchors:
        poly = ctx.gaz.polygon(place.geonameid)
        if poly is None and place.kind == "populated_place":
            # "in the Pokrovsk area": a town's area is its "near" buffer.
            poly = geodesic.geodesic_buffer(_point(place), near_radius_km(place) * 1000)
        if poly is not None:
            polys.append(poly)
    if not polys:
        raise GeometryError("the region has no polygon in the gazetteer")
    geom = shapely.union_all(polys)
    if expr.qualifier:
        geom = _part_of(geom, expr.qualifier)
    return _finish(geom, expr, [str(p.geonameid) for p in anchors], "in_region",
                   "in_region", {"part": expr.qualifier})


def _part_of(geom: BaseGeometry, part: str) -> BaseGeometry:
    """The N/S/E/W/NE... part of a region: the half or quadrant beyond its centroid."""
    import shapely

    minx, miny, maxx, maxy = geom.bounds
    c = geom.centroid
    x0, x1, y0, y1 = minx, maxx, miny, maxy
    if "N" in part:
        y0 = c.y
    if "S" in part:
        y1 = c.y
    if "E" in part:
        x0 = c.x
    if "W" in part:
        x1 = c.x
    return shapely.intersection(geom, shapely.box(x0, y0, x1, y1))


def _between(expr: SpatialExpression, anchors: Sequence[Place]) -> Footprint:
    import shapely

    if len(anchors) < 2:
        raise GeometryError("'between' needs two resolved places")
    if any(p.kind in ("country", "continent", "admin1") for p in anchors[:2]):
        # "talks between North Korea and Russia" relates two states; it places nothing.
        raise GeometryError("'between' two countries or regions is a relation, not a place")
    a, b = _point(anchors[0]), _point(anchors[1])
    span = float(geodesic.geodesic_distance_m(a.x, a.y, b.x, b.y))
    width = max(span * config.BETWEEN_WIDTH_FRACTION, 2000.0)
    geom = geodesic.geodesic_buffer(shapely.LineString([a, b]), width / 2)
    return _finish(geom, expr, [str(p.geonameid) for p in anchors[:2]], "between",
                   "between", {"width_m": width})


def _proximity_votes(
    resolutions: Sequence[Resolution], expr: SpatialExpression, other: str | None, *,
    inland: bool,
) -> Counter[str]:
    """Country votes of the places around an expression, weighted by closeness."""
    votes: Counter[str] = Counter()
    for r in resolutions:
        place = r.place
        if place is None or place.country_code == other:
            continue
        if inland and place.kind == "country":
            continue
        gap = max(0, r.mention.start - expr.end, expr.start - r.mention.end)
        votes[place.country_code] += 1.0 / (1.0 + gap / config.PROXIMITY_CHARS)
    return votes


def _border_footprint(expr: SpatialExpression, ctx: _Context) -> Footprint:
    """A band along an international border, on the side the text places it."""
    import shapely

    near_res = [r for r in ctx.sentence_resolutions(expr.start) if r.place.kind != "continent"]
    if not any(r.place.kind in ("admin1", "admin2") for r in near_res):
        # "... deserted in Kursk and Bryansk regions. They fled 7 km from the border":
        # the regions may be named in the sentences just before.
        near_res = [
            r for r in ctx.sentence_resolutions(expr.start, back=CONTEXT_SENTENCES)
            if r.place.kind != "continent"
        ]
    nearby = [r.place for r in near_res]
    regions = [p for p in nearby if p.kind in ("admin1", "admin2")]
    other = ctx.country_of_adjective(expr.qualifier)
    # Places closer to the expression weigh more: in "KHARKIV, Ukraine - ... 12 km from
    # the border in Russia's Belgorod region" the region right after it tells the side.
    home_votes = _proximity_votes(near_res, expr, other, inland=True)
    if not home_votes:
        home_votes = _proximity_votes(near_res, expr, other, inland=False)
    if not home_votes:
        home_votes = Counter(
            {cc: n for cc, n in ctx.doc_countries.items() if cc != other}
        )
    if not home_votes:
        raise GeometryError("cannot tell which country's border is meant")
    home = home_votes.most_common(1)[0][0]
    neighbours = ctx.gaz.neighbours(home)
    if other is None:
        ranked = [cc for cc, _ in ctx.doc_countries.most_common() if cc in neighbours]
        if not ranked:
            raise GeometryError(f"no neighbour of {home} is named; which border is meant?")
        other = ranked[0]
    line = ctx.gaz.border(home, other)
    if line is None:
        raise GeometryError(f"{home} and {other} share no border")
    side = ctx.gaz.polygon(ctx.gaz.country(home).geonameid) if ctx.gaz.country(home) else None
    clip = None
    in_home = [p for p in regions if p.country_code == home]
    if in_home:
        polys = [ctx.gaz.polygon(p.geonameid) for p in in_home]
        polys = [g for g in polys if g is not None]
        if polys:
            clip = shapely.union_all(polys)
    if expr.relation == "border_zone":
        lo, hi = 0.0, config.BORDER_ZONE_DEPTH_KM * 1000
        rule_name, params = "border_zone", {"depth_km": config.BORDER_ZONE_DEPTH_KM}
    else:
        lo, hi = distance_interval_m(expr)
        rule_name, params = "from_border", {"low_m": lo, "high_m": hi}
    if clip is not None:
        # Only the stretch of border near the named regions matters (and is fast).
        reach = shapely.buffer(clip.envelope, (hi / 111_000) * 2 + 0.1)
        line = shapely.intersection(line, reach)
        if line.is_empty:
            raise GeometryError(f"the named regions are not near the {home}-{other} border")
    band = geodesic.distance_band(line, (lo + hi) / 2, (hi - lo) / 2) if lo > 0 else \
        geodesic.geodesic_buffer(line, hi)
    geom = band
    box = band.bounds
    # Cut the (large, detailed) country and region polygons to the band's box first.
    if side is not None:
        geom = shapely.intersection(geom, shapely.clip_by_rect(side, *box))
    if clip is not None:
        geom = shapely.intersection(geom, shapely.clip_by_rect(clip, *box))
    params = {**params, "home": home, "other_side": other,
              "clipped_to": [p.geonameid for p in in_home]}
    return _finish(geom, expr, [f"{min(home, other)}-{max(home, other)}"], expr.relation,
                   rule_name, params)


def border_zone(
    gazetteer: Gazetteer,
    country_a: str,
    country_b: str,
    depth_m: float = config.BORDER_ZONE_DEPTH_KM * 1000,
    side: str | None = None,
) -> BaseGeometry:
    """The strip along the ``country_a``-``country_b`` land border, ``depth_m`` deep.

    Parameters
    ----------
    gazetteer : Gazetteer
        Supplies the border line and the country polygons.
    country_a, country_b : str
        ISO 3166-1 alpha-2 codes.
    depth_m : float
        Depth of the zone in metres, measured geodesically from the border line.
    side : str, optional
        Keep only the part inside this country (one of the two); both sides when None.

    Returns
    -------
    shapely geometry
        EPSG:4326 polygon(s).

    Raises
    ------
    GeometryError
        If the countries share no border, ``side`` is neither of them, or the depth is
        not positive.

    Examples
    --------
    >>> zone = border_zone(Gazetteer.open(), "RU", "UA", 15_000, side="RU")  # doctest: +SKIP
    >>> round(geodesic.area_km2(zone))                                     # doctest: +SKIP
    21950
    """
    import shapely

    line = gazetteer.border(country_a, country_b)
    if line is None:
        raise GeometryError(f"{country_a.upper()} and {country_b.upper()} share no border")
    zone = geodesic.geodesic_buffer(line, depth_m)
    if side is None:
        return zone
    if side.upper() not in (country_a.upper(), country_b.upper()):
        raise GeometryError(f"side must be {country_a!r} or {country_b!r}, got {side!r}")
    country = gazetteer.country(side)
    polygon = gazetteer.polygon(country.geonameid) if country is not None else None
    if polygon is None:
        raise GeometryError(f"no polygon for country {side!r}")
    return shapely.intersection(zone, shapely.clip_by_rect(polygon, *zone.bounds))


def build_footprints(
    text: str,
    expressions: Sequence[SpatialExpression],
    resolutions: Sequence[Resolution],
    gazetteer: Gazetteer,
) -> tuple[list[SpatialExpression], list[Footprint]]:
    """Footprints of all expressions of a document.

    Returns
    -------
    (expressions, footprints)
        The expressions, each with ``problems`` filled in when its footprint could
        not be built (nothing raises), and the footprints that could.
    """
    ctx = _Context(text, resolutions, gazetteer)
    out_expr: list[SpatialExpression] = []
    out_fp: list[Footprint] = []
    for expr in expressions:
        try:
            out_fp.append(build_footprint(expr, ctx))
            out_expr.append(expr)
        except GeometryError as err:
            problems = tuple(dict.fromkeys((*expr.problems, str(err))))
            out_expr.append(dataclasses.replace(expr, problems=problems))
    return out_expr, out_fp
