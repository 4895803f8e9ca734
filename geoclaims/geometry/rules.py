"""Footprint rules: one named, versioned rule per relation, with the parameters it pins.

Each :class:`FootprintRule` says why it exists, which geometry it draws and with
which parameters. The parameters are copied from the documented defaults of
:mod:`geoclaims.config` when the version is defined, so a footprint's rule key
(``"near.v2"``) always means the same radii and tolerances: a new value is a new
version, never a silent change. ``tests/geometry/test_rules.py`` holds a test row
named after every rule.

To add a rule: write its builder (``(expression, places, rule) -> Footprint``), add a
``FootprintRule`` to :data:`RULES` with a reason and its parameters, and a row to the
test table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from geoclaims import config
from geoclaims.errors import GeometryError
from geoclaims.geometry import geodesic
from geoclaims.geometry.anchors import (
    CONTEXT_SENTENCES,
    MissingAnchor,
    anchor_places,
    point_of,
    region_of,
    settlement_sense,
    with_region_word,
)
from geoclaims.geometry.record import Footprint, make_footprint
from geoclaims.text.spatial import ADMINISTRATIVE

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geoclaims.geometry.context import DocumentPlaces
    from geoclaims.places.gazetteer import Place
    from geoclaims.text.spatial import SpatialExpression


@dataclass(frozen=True, slots=True, kw_only=True)
class DistanceTolerance:
    """How a stated distance becomes an interval (tolerance rule v1).

    "around 7 km" -> 7 km ± ``approx_fraction``; "7 km" -> ± ``plain_fraction``;
    "up to / within 7 km" -> [0, 7]; "more than 7 km" -> [7, 7 * ``min_hedge_factor``];
    "10-15 km" -> [10, 15]; never tighter than ± ``min_m``; nothing beyond ``max_km``.
    """

    approx_fraction: float
    plain_fraction: float
    min_m: float
    min_hedge_factor: float
    max_km: float


#: The distance tolerance of every ``.v1`` rule that reads a distance.
TOLERANCE_V1 = DistanceTolerance(
    approx_fraction=config.APPROX_TOLERANCE_FRACTION,
    plain_fraction=config.PLAIN_TOLERANCE_FRACTION,
    min_m=config.MIN_TOLERANCE_M,
    min_hedge_factor=config.MIN_HEDGE_UPPER_FACTOR,
    max_km=config.MAX_FOOTPRINT_KM,
)

#: How far a compass part of a region reaches back past its centroid, as a share of
#: the distance from the centroid to the far edge (in_region.v2).
PART_OVERLAP_V2 = 0.2

#: Radius (km) of the disc standing for a district (admin-2) the gazetteer has no
#: polygon of: a district of about 1,250 km², typical of Russian and Ukrainian raions.
DISTRICT_RADIUS_KM_V2 = 20.0

#: Radius (km) of "near X" of version 1, by what X is (see config.NEAR_RADIUS_KM).
NEAR_RADIUS_V1: Mapping[str, float] = MappingProxyType(dict(config.NEAR_RADIUS_KM))


def distance_interval_m(
    expr: SpatialExpression, tolerance: DistanceTolerance = TOLERANCE_V1
) -> tuple[float, float]:
    """The [low, high] metres a distance phrase allows.

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
    if top > tolerance.max_km * 1000:
        raise GeometryError(
            f"distance {top / 1000:,.0f} km in {expr.text!r} exceeds "
            f"{tolerance.max_km:,.0f} km: not a place on a map"
        )
    if expr.distance_max_m is not None:
        lo, hi = min(d, top), max(d, top)
        if expr.hedge == "approx":
            lo, hi = lo * (1 - tolerance.plain_fraction), hi * (1 + tolerance.plain_fraction)
        return lo, hi
    if expr.hedge == "max":
        return 0.0, d
    if expr.hedge == "min":
        return d, d * tolerance.min_hedge_factor
    frac = tolerance.approx_fraction if expr.hedge == "approx" else tolerance.plain_fraction
    tol = max(d * frac, tolerance.min_m)
    return max(0.0, d - tol), d + tol


def near_radius_km(place: Place, table: Mapping[str, float] = NEAR_RADIUS_V1) -> float:
    """Radius of "near X" for the kind and size of X (documented in config)."""
    if place.kind != "populated_place":
        return table["region"]
    if place.population >= 1_000_000:
        return table["metropolis"]
    if place.population >= 100_000:
        return table["city"]
    if place.population >= 10_000:
        return table["town"]
    return table["village"]


Builder = Callable[["SpatialExpression", "DocumentPlaces", "FootprintRule"], Footprint]


@dataclass(frozen=True, slots=True, kw_only=True)
class FootprintRule:
    """One way of turning a spatial expression into a geometry."""

    #: Registry key, ``<name>.v<N>``; recorded on every footprint it makes.
    key: str
    #: The relation of the expressions it builds (:class:`SpatialExpression.relation`).
    relation: str
    #: Why the rule exists and what it draws, for readers of the registry and the docs.
    reason: str
    #: The parameters this version pins (radii, tolerances, depths).
    params: Mapping[str, Any]
    build: Builder

    def __post_init__(self) -> None:
        name, _, version = self.key.rpartition(".")
        if not name or not version.startswith("v") or not version[1:].isdigit():
            raise ValueError(f"rule key must be '<name>.v<N>', got {self.key!r}")

    def make(self, geom: BaseGeometry, expr: SpatialExpression | None,
             anchors: Sequence[str], values: Mapping[str, Any],
             relation: str | None = None) -> Footprint:
        """A footprint of this rule, recording the values it computed."""
        return make_footprint(geom, expr, anchors, relation=relation or self.relation,
                              rule=self.key, values=values)


def _distance_from(expr: SpatialExpression, doc: DocumentPlaces,
                   rule: FootprintRule) -> Footprint:
    anchor = anchor_places(expr, doc)[0]
    lo, hi = distance_interval_m(expr, rule.params["tolerance"])
    geom = geodesic.distance_band(point_of(anchor), (lo + hi) / 2, (hi - lo) / 2)
    return rule.make(geom, expr, [str(anchor.geonameid)], {"low_m": lo, "high_m": hi})


def _relative(expr: SpatialExpression, doc: DocumentPlaces,
              rule: FootprintRule) -> Footprint:
    """ "60 km from their desertion point": a band at that distance from the edge of the
    footprint the text gave that point, the last one before the expression."""
    earlier = [f for f in doc.footprints
               if f.expression is not None and f.expression.end <= expr.start]
    if not earlier:
        raise GeometryError("no earlier place in the text to measure the distance from")
    base = earlier[-1]
    lo, hi = distance_interval_m(expr, rule.params["tolerance"])
    geom = geodesic.distance_band(base.geometry, (lo + hi) / 2, (hi - lo) / 2)
    return rule.make(geom, expr, base.anchors,
                     {"low_m": lo, "high_m": hi, "from_expression": base.expression.text
                      if base.expression is not None else ""}, relation="distance_from")


def _bearing(expr: SpatialExpression, doc: DocumentPlaces, rule: FootprintRule) -> Footprint:
    anchor = anchor_places(expr, doc)[0]
    if expr.bearing_deg is None:
        raise GeometryError("direction without a bearing")
    if expr.distance_m is not None:
        lo, hi = distance_interval_m(expr, rule.params["tolerance"])
    else:
        lo, hi = 0.0, rule.params["default_km"] * 1000
    half = rule.params["half_angle_deg"]
    geom = geodesic.sector(point_of(anchor), expr.bearing_deg, half, lo, max(hi, lo + 1.0))
    return rule.make(geom, expr, [str(anchor.geonameid)],
                     {"bearing_deg": expr.bearing_deg, "half_angle_deg": half,
                      "low_m": lo, "high_m": hi})


def _near(expr: SpatialExpression, doc: DocumentPlaces, rule: FootprintRule) -> Footprint:
    import shapely

    places: list[Place] = []
    for a, b in expr.anchors:
        found = doc.resolutions_in(a, b)
        places.extend(settlement_sense(r) for r in found)
        if not found:  # "around the town": the town named before
            try:
                places.extend(anchor_places(dataclasses.replace(expr, anchors=((a, b),)), doc))
            except MissingAnchor:
                continue  # "near Bohdanivka and <a village the gazetteer lacks>"
    if not places:
        places = anchor_places(expr, doc)
    radii = [near_radius_km(p, rule.params["radius_km"]) for p in places]
    parts = []
    for place, radius in zip(places, radii, strict=True):
        # "near Kursk Oblast", "on the Black Sea": the area grown by the radius; a
        # town (and a region without a polygon): a disc around its point.
        poly = None if place.kind == "populated_place" else doc.gaz.polygon(place.geonameid)
        parts.append(geodesic.geodesic_buffer(poly if poly is not None else point_of(place),
                                              radius * 1000))
    return rule.make(shapely.union_all(parts), expr, [str(p.geonameid) for p in places],
                     {"radius_km": radii})


def _in_region(expr: SpatialExpression, doc: DocumentPlaces,
               rule: FootprintRule) -> Footprint:
    import shapely

    anchors = anchor_places(expr, doc)
    polys = []
    for place in anchors:
        poly = doc.gaz.polygon(place.geonameid)
        if poly is None and place.kind == "populated_place":
            # "in the Pokrovsk area": a town's area is its "near" buffer.
            radius = near_radius_km(place, rule.params["radius_km"])
            poly = geodesic.geodesic_buffer(point_of(place), radius * 1000)
        elif poly is None and place.kind == "admin2" and place.lat is not None:
            # A district the gazetteer has no polygon of: a disc about its size
            # around the mean position of its settlements.
            poly = geodesic.geodesic_buffer(point_of(place),
                                            rule.params["district_radius_km"] * 1000)
        if poly is not None:
            polys.append(poly)
    if not polys:
        raise MissingAnchor("the region has no polygon in the gazetteer")
    geom = shapely.union_all(polys)
    if expr.qualifier:
        geom = _part_of(geom, expr.qualifier, rule.params["part_overlap"])
    return rule.make(geom, expr, [str(p.geonameid) for p in anchors],
                     {"part": expr.qualifier})


def _part_of(geom: BaseGeometry, part: str, overlap: float) -> BaseGeometry:
    """The N/S/E/W/NE... or central (C) part of a region.

    A compass part is the half (or quadrant) beyond the centroid, reaching back past
    it by ``overlap`` of the distance to the far edge: "western Russia" or "the west of
    Zaporizhzhia oblast" is vague about where the west begins, and its footprint says
    so by holding the middle too. The central part is the middle half of the extent.
    """
    import shapely

    minx, miny, maxx, maxy = geom.bounds
    c = geom.centroid
    x0, x1, y0, y1 = minx, maxx, miny, maxy
    if "C" in part:
        x0, x1 = (minx + c.x) / 2, (c.x + maxx) / 2
        y0, y1 = (miny + c.y) / 2, (c.y + maxy) / 2
    if "N" in part:
        y0 = c.y - overlap * (c.y - miny)
    if "S" in part:
        y1 = c.y + overlap * (maxy - c.y)
    if "E" in part:
        x0 = c.x - overlap * (c.x - minx)
    if "W" in part:
        x1 = c.x + overlap * (maxx - c.x)
    return shapely.intersection(geom, shapely.box(x0, y0, x1, y1))


def _between(expr: SpatialExpression, doc: DocumentPlaces, rule: FootprintRule) -> Footprint:
    import shapely

    anchors = anchor_places(expr, doc)
    if len(anchors) < 2:
        raise MissingAnchor("'between' needs two resolved places")
    if any(p.kind in ("country", "continent", "admin1") for p in anchors[:2]):
        # "talks between North Korea and Russia" relates two states; it places nothing.
        raise GeometryError("'between' two countries or regions is a relation, not a place")
    a, b = point_of(anchors[0]), point_of(anchors[1])
    span = float(geodesic.geodesic_distance_m(a.x, a.y, b.x, b.y))
    width = max(span * rule.params["width_fraction"], rule.params["min_width_m"])
    geom = geodesic.geodesic_buffer(shapely.LineString([a, b]), width / 2)
    return rule.make(geom, expr, [str(p.geonameid) for p in anchors[:2]], {"width_m": width})


def _admin_boundary(expr: SpatialExpression, doc: DocumentPlaces,
                    rule: FootprintRule) -> Footprint:
    """ "near the boundary of Kursk and Bryansk Oblasts": a strip along the stretches of
    boundary the named regions share, inside them."""
    import shapely

    regions: list[Place] = []
    for a, b in expr.anchors:
        found = [region_of(r) for r in doc.resolutions_in(a, b)]
        if not found:
            place = with_region_word(doc.text[a:b], expr, doc)
            found = [place] if place is not None else []
        regions.extend(p for p in found if p.kind in ("admin1", "admin2"))
    polys = {p.geonameid: doc.gaz.polygon(p.geonameid) for p in regions}
    shapes = [(gid, g) for gid, g in polys.items() if g is not None]
    if len(shapes) < 2:
        raise MissingAnchor("a boundary between regions needs two regions with polygons")
    touch = rule.params["touch_deg"]
    lines = [
        shapely.intersection(ga.boundary, shapely.buffer(gb, touch))
        for i, (_, ga) in enumerate(shapes) for _, gb in shapes[i + 1:]
    ]
    line = shapely.union_all([ln for ln in lines if not ln.is_empty])
    if line.is_empty:
        raise GeometryError("the named regions share no boundary")
    union = shapely.union_all([g for _, g in shapes])
    band = geodesic.geodesic_buffer(line, rule.params["depth_km"] * 1000)
    return rule.make(shapely.intersection(band, union), expr, [str(gid) for gid, _ in shapes],
                     {"depth_km": rule.params["depth_km"]}, relation="border_zone")


def _border(expr: SpatialExpression, doc: DocumentPlaces, rule: FootprintRule) -> Footprint:
    from geoclaims.geometry.borders import border_band

    return border_band(expr, doc, rule)


def _rule(key: str, relation: str, reason: str, build: Builder, **params: Any) -> FootprintRule:
    return FootprintRule(key=key, relation=relation, reason=reason, build=build,
                         params=MappingProxyType(params))


#: Every footprint rule, by the relation it builds.
RULES: Mapping[str, FootprintRule] = MappingProxyType({rule.relation: rule for rule in (
    _rule("distance_from.v1", "distance_from",
          "'7 km from Kharkiv': a ring around the anchor, as wide as the distance's "
          "tolerance.", _distance_from, tolerance=TOLERANCE_V1),
    _rule("bearing.v1", "direction_from",
          "'30 km north-east of Kharkiv', 'south of Korenevo': a sector of the compass "
          "direction, between the stated distances or out to a default reach.",
          _bearing, tolerance=TOLERANCE_V1, half_angle_deg=config.DIRECTION_HALF_ANGLE_DEG,
          default_km=config.DIRECTION_DEFAULT_KM),
    _rule("near.v2", "near",
          "'near Sumy': a disc whose radius grows with the place (village to "
          "metropolis); a region named like its capital means the town; 'near Kursk "
          "Oblast', 'on the Black Sea': the area grown by the region radius (v1: a "
          "disc around its point).",
          _near, radius_km=NEAR_RADIUS_V1),
    _rule("in_region.v2", "in_region",
          "'in Kursk region', 'in northern Donetsk', 'in central Mali': the region's "
          "polygon, or its part beyond the centroid reaching back past it by "
          "part_overlap (v1: no overlap, no central part); a town's area is its "
          "near-disc, a district without a polygon a disc of district_radius_km.",
          _in_region, radius_km=NEAR_RADIUS_V1, part_overlap=PART_OVERLAP_V2,
          district_radius_km=DISTRICT_RADIUS_KM_V2),
    _rule("border_zone.v1", "border_zone",
          "'close to the Ukrainian border': a strip along the border on the side the "
          "text's places are on, clipped to the regions it names.",
          _border, depth_km=config.BORDER_ZONE_DEPTH_KM, context_sentences=CONTEXT_SENTENCES,
          proximity_chars=config.PROXIMITY_CHARS),
    _rule("from_border.v1", "from_border",
          "'7 km from the border': a band at the stated distance from the border line, "
          "on the side and in the regions the text names.",
          _border, tolerance=TOLERANCE_V1, context_sentences=CONTEXT_SENTENCES,
          proximity_chars=config.PROXIMITY_CHARS),
    _rule("admin_boundary.v1", "admin_boundary",
          "'near the boundary of Kursk and Bryansk Oblasts': a strip along the boundary "
          "the named regions share, depth_km deep on both sides, inside them.",
          _admin_boundary, depth_km=config.BORDER_ZONE_DEPTH_KM, touch_deg=0.01),
    _rule("relative_distance.v1", "relative_distance",
          "'60 km from their desertion point': a band at the stated distance from the "
          "footprint an earlier expression gave that point.",
          _relative, tolerance=TOLERANCE_V1),
    _rule("between.v1", "between",
          "'between Sumy and Kharkiv': a corridor along the line joining two places, "
          "a quarter of its length wide.", _between,
          width_fraction=config.BETWEEN_WIDTH_FRACTION, min_width_m=2000.0),
)})


def rule_for(expr: SpatialExpression) -> FootprintRule:
    """The rule that builds ``expr``'s relation.

    Raises
    ------
    GeometryError
        When no rule builds that relation.
    """
    relation = (
        "from_border" if expr.border and expr.relation != "border_zone"
        else "admin_boundary" if expr.qualifier == ADMINISTRATIVE
        else "relative_distance" if expr.relative else expr.relation
    )
    rule = RULES.get(relation)
    if rule is None:
        raise GeometryError(f"no footprint rule for relation {expr.relation!r}")
    return rule
