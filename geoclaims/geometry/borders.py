"""Bands along international borders: which border a text means, and on which side."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geoclaims import config
from geoclaims.errors import GeometryError
from geoclaims.geometry import geodesic
from geoclaims.geometry.anchors import region_of
from geoclaims.text.spatial import ACROSS

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geoclaims.geometry.context import DocumentPlaces
    from geoclaims.geometry.record import Footprint
    from geoclaims.geometry.rules import FootprintRule
    from geoclaims.places.gazetteer import Gazetteer, Place
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.spatial import SpatialExpression


def _proximity_votes(
    resolutions: Sequence[Resolution], expr: SpatialExpression, other: str | None, *,
    inland: bool, proximity_chars: float,
) -> dict[str, float]:
    """Country votes of the places around an expression, weighted by closeness."""
    votes: dict[str, float] = {}
    for r in resolutions:
        place = r.place
        if place is None or place.country_code == other:
            continue
        if inland and place.kind == "country":
            continue
        gap = max(0, r.mention.start - expr.end, expr.start - r.mention.end)
        code = place.country_code
        votes[code] = votes.get(code, 0.0) + 1.0 / (1.0 + gap / proximity_chars)
    return votes


def _neighbour_pair(doc: DocumentPlaces, expr: SpatialExpression) -> list[str]:
    """The first two countries of the expression's sentence that share a border,
    nearest to the expression first (empty when there are none)."""
    by_gap: dict[str, int] = {}
    for r in doc.sentence_resolutions(expr.start):
        if r.place is None or not r.place.country_code or r.place.kind == "continent":
            continue
        gap = max(0, r.mention.start - expr.end, expr.start - r.mention.end)
        code = r.place.country_code
        by_gap[code] = min(gap, by_gap.get(code, gap))
    codes = sorted(by_gap, key=by_gap.__getitem__)
    for i, a in enumerate(codes):
        neighbours = doc.gaz.neighbours(a)
        for b in codes[i + 1:]:
            if b in neighbours:
                return [a, b]
    return []


#: How far (degrees) from the region across the border the stretch facing it reaches.
FACING_DEG = 0.05
#: How far (degrees) around a named town a border may run to be "its" border.
TOWN_REACH_DEG = 0.5


def _neighbours_along(gaz: Gazetteer, home: str, neighbours: Sequence[str],
                      regions: Sequence[Place]) -> list[str]:
    """Neighbours of ``home`` whose border touches the named regions, longest first.

    "in the border areas" of a Kharkiv story names no neighbour, but Kharkiv Oblast
    borders only Russia; a town counts with the :data:`TOWN_REACH_DEG` around it.
    """
    import shapely

    polys = [g for g in (gaz.polygon(p.geonameid) for p in regions
                         if p.country_code == home and p.kind != "country") if g is not None]
    polys += [shapely.Point(p.lon, p.lat).buffer(TOWN_REACH_DEG) for p in regions
              if p.country_code == home and p.kind == "populated_place"
              and p.lon is not None and p.lat is not None]
    if not polys:
        return []
    area = shapely.buffer(shapely.union_all(polys), 0.05)
    lengths = {}
    for cc in neighbours:
        line = gaz.border(home, cc)
        if line is not None:
            touching = shapely.intersection(line, area)
            if not touching.is_empty:
                lengths[cc] = touching.length
    return sorted(lengths, key=lambda cc: -lengths[cc])


def border_band(
    expr: SpatialExpression, doc: DocumentPlaces, rule: FootprintRule
) -> Footprint:
    """A band along an international border, on the side the text places it.

    ``rule`` is ``border_zone.v1`` (0 to its depth) or ``from_border.v1`` (the stated
    distance with its tolerance).
    """
    import shapely

    from geoclaims.geometry.rules import distance_interval_m

    back = rule.params["context_sentences"]
    near_res = [r for r in doc.sentence_resolutions(expr.start)
                if r.place is not None and r.place.kind != "continent"]
    if not any(r.place is not None and r.place.kind in ("admin1", "admin2")
               for r in near_res):
        # "... deserted in Kursk and Bryansk regions. They fled 7 km from the border":
        # the regions may be named in the sentences just before.
        near_res = [r for r in doc.sentence_resolutions(expr.start, back=back)
                    if r.place is not None and r.place.kind != "continent"]
    nearby = [r.place for r in near_res if r.place is not None]
    regions = [p for p in nearby if p.kind in ("admin1", "admin2")]
    named_regions = [region_of(r) for a, b in expr.anchors
                     for r in doc.resolutions_in(a, b)]
    # "just across the border from Kursk": the region named lies on the other side.
    facing = named_regions if expr.qualifier == ACROSS else []
    if facing:
        named_regions = []
        near_res = [r for r in near_res if r.place is not None
                    and r.place.country_code != facing[0].country_code]
        nearby = [r.place for r in near_res if r.place is not None]
        regions = [p for p in nearby if p.kind in ("admin1", "admin2")]
    if named_regions:
        # "up to 10 km deep into Kursk": the region the phrase names is the side.
        nearby = regions = [p for p in named_regions if p.kind in ("admin1", "admin2")] \
            or nearby
        near_res = [r for a, b in expr.anchors for r in doc.resolutions_in(a, b)]
    # "the Guyana-Venezuela border" names both sides; the text's places tell home.
    pair = [q if re.fullmatch(r"[A-Z]{2}", q) else doc.country_of_adjective(q)
            for q in re.split(r"[-–]", expr.qualifier)]  # "IN-PK": a named line
    named = [cc for cc in pair if cc]
    other = named[0] if len(named) == 1 and len(pair) == 1 else None
    if facing:
        named, other = [], facing[0].country_code
    elif not named:
        # "Hezbollah and Israel traded cross-border fire as strikes hit southern
        # Lebanon": two neighbours its own sentence names are the border's two sides.
        named = _neighbour_pair(doc, expr)
    # Places closer to the expression weigh more: in "KHARKIV, Ukraine - ... 12 km from
    # the border in Russia's Belgorod region" the region right after it tells the side.
    chars = rule.params["proximity_chars"]
    home_votes = _proximity_votes(near_res, expr, other, inland=True, proximity_chars=chars)
    if not home_votes:
        home_votes = _proximity_votes(near_res, expr, other, inland=False,
                                      proximity_chars=chars)
    if not home_votes:
        home_votes = {cc: float(n) for cc, n in doc.doc_countries.items() if cc != other}
    if not home_votes and facing and other is not None:
        # "just across the border from Kursk": the neighbour whose border it faces.
        along = _neighbours_along(doc.gaz, other, doc.gaz.neighbours(other), facing)
        home_votes = {along[0]: 1.0} if along else {}
    if not home_votes and len(named) < 2:
        raise GeometryError("cannot tell which country's border is meant")
    if len(named) == 2:
        home = max(named, key=lambda cc: home_votes.get(cc, 0.0))
        other = named[1] if home == named[0] else named[0]
    else:
        home = max(home_votes, key=home_votes.__getitem__)  # the first of equals
    gaz = doc.gaz
    neighbours = gaz.neighbours(home)
    if other is None:
        ranked = [cc for cc, _ in doc.doc_countries.most_common() if cc in neighbours]
        if not ranked:
            ranked = _neighbours_along(gaz, home, neighbours, nearby)
        if not ranked:
            raise GeometryError(f"no neighbour of {home} is named; which border is meant?")
        other = ranked[0]
    line = gaz.border(home, other)
    if line is None:
        raise GeometryError(f"{home} and {other} share no border")
    if facing:
        far = [g for g in (gaz.polygon(p.geonameid) for p in facing) if g is not None]
        if far:
            line = shapely.intersection(line, shapely.buffer(shapely.union_all(far),
                                                             FACING_DEG))
            if line.is_empty:
                raise GeometryError(f"{facing[0].name} is not on the {home}-{other} border")
    country = gaz.country(home)
    side = gaz.polygon(country.geonameid) if country else None
    clip = None
    in_home = [p for p in regions if p.country_code == home]
    if in_home:
        polys = [g for g in (gaz.polygon(p.geonameid) for p in in_home) if g is not None]
        if polys:
            clip = shapely.union_all(polys)
    if "depth_km" in rule.params:
        lo, hi = 0.0, rule.params["depth_km"] * 1000
        values: dict[str, object] = {"depth_km": rule.params["depth_km"]}
    else:
        lo, hi = distance_interval_m(expr, rule.params["tolerance"])
        values = {"low_m": lo, "high_m": hi}
    if clip is not None:
        # Only the stretch of border near the named regions matters (and is fast).
        reach = shapely.buffer(clip.envelope, (hi / 111_000) * 2 + 0.1)
        line = shapely.intersection(line, reach)
        if line.is_empty:
            raise GeometryError(f"the named regions are not near the {home}-{other} border")
    band = geodesic.distance_band(line, (lo + hi) / 2, (hi - lo) / 2) if lo > 0 else \
        geodesic.geodesic_buffer(line, hi)
    geom: BaseGeometry = band
    box = band.bounds
    # Cut the (large, detailed) country and region polygons to the band's box first.
    if side is not None:
        geom = shapely.intersection(geom, shapely.clip_by_rect(side, *box))
    if clip is not None:
        geom = shapely.intersection(geom, shapely.clip_by_rect(clip, *box))
    values = {**values, "home": home, "other_side": other,
              "clipped_to": [p.geonameid for p in in_home]}
    return rule.make(geom, expr, [f"{min(home, other)}-{max(home, other)}"], values,
                     relation=expr.relation)


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
    >>> from geoclaims.places.gazetteer import Gazetteer
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
