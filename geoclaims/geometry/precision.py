"""Location precision codes of the UCDP GED convention, for footprints, places and claims.

The UCDP Georeferenced Event Dataset codes how precisely an event is located
(``where_prec``, UCDP GED codebook); analysts filter and weight by it. The seven
codes (:data:`LOCATION_PRECISION`):

1. the exact location is known;
2. within about 25 km of a known point;
3. only the second-order administrative unit (a district) is known;
4. only the first-order administrative unit (a province, an oblast) is known;
5. a larger named region, or a line such as a border or a front;
6. only the country is known;
7. international waters or airspace.

A footprint is coded by the first row of :data:`ROWS` that matches its relation, the
kind of its anchors and its size; a relation that no row names (a rule added after
this table) falls through to :func:`size_precision`, so it still gets a code. A place
mentioned without a spatial expression is coded by its kind alone
(:func:`place_precision`). A claim takes the most precise code of its located
evidence (:func:`claim_precision`).

Decisions the codebook leaves open, and why:

- A named town or city is 1, as UCDP and ACLED code a settlement named as where
  something happened; a metropolis (:data:`METROPOLIS_POPULATION`) is 2, since its
  area ("near" disc of 25 km, :data:`geoclaims.config.NEAR_RADIUS_KM`) is the
  code-2 radius itself and the text does not say where in it. "In the Pokrovsk
  area" is 2: the text names an area around the town, which the ``in_region`` rule
  draws as the town's "near" disc.
- "Northern Kursk region" stays 4: it is a part of a known admin-1 unit, so it is
  no less precise than "Kursk region". "Northern Ukraine", a part of a country, is
  UCDP's own example of 5.
- A named region inside one country (Donbas, Darfur) is 5; one spanning countries
  (the Middle East, the Baltic states) is 6, the coarsest land code.
- A distance or direction from a place is 2 only while the whole footprint lies
  within :data:`POINT_REACH_KM` of the place; "40 km from Kharkiv" is coded by its
  size, and never finer than 3.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from geoclaims.places.gazetteer import Place

__all__ = [
    "LOCATION_PRECISION",
    "METROPOLIS_POPULATION",
    "POINT_REACH_KM",
    "ROWS",
    "PrecisionRow",
    "claim_precision",
    "evidence_of",
    "footprint_precision",
    "is_location_precision",
    "matching_row",
    "place_precision",
    "size_precision",
]

#: What each code means (UCDP GED ``where_prec``), as maps and docs show it.
LOCATION_PRECISION: Mapping[int, str] = MappingProxyType({
    1: "exact location",
    2: "within about 25 km of a known point",
    3: "second-order administrative unit (district)",
    4: "first-order administrative unit (province, oblast)",
    5: "larger named region, or a line such as a border or front",
    6: "country",
    7: "international waters or airspace",
})

#: Radius (km) of code 2: "within ca 25 km of a known point" (UCDP GED codebook).
POINT_REACH_KM = 25.0
#: Inhabitants from which a settlement is a metropolis, coded 2 (its "near" radius
#: of :data:`geoclaims.config.NEAR_RADIUS_KM` is :data:`POINT_REACH_KM`).
METROPOLIS_POPULATION = 1_000_000

#: Upper area limits (km²) of the codes that :func:`size_precision` gives: a spot
#: (a disc of about 2 km radius), the code-2 disc, a typical district (Russian and
#: Ukrainian raions are 1,000-8,000 km²) and a typical province (oblasts are
#: 20,000-150,000 km²). Above the last, a footprint is a "larger region" (5).
SIZE_LIMITS_KM2: tuple[tuple[float, int], ...] = (
    (12.5, 1),
    (3.141592653589793 * POINT_REACH_KM**2, 2),
    (10_000.0, 3),
    (250_000.0, 4),
)
#: Code of a footprint larger than every :data:`SIZE_LIMITS_KM2`: size alone never
#: says "country" (6) or "at sea" (7); those name what a place is.
LARGEST_SIZE_CODE = 5

#: Relations that draw a geometry around an anchor's point.
POINT_RELATIONS = frozenset({"near", "distance_from", "direction_from"})
#: Relations that draw a strip along a line: a border, or the line joining two places.
LINE_RELATIONS = frozenset({"border_zone", "from_border", "between"})
#: Place kinds that are points on the map (not areas).
POINT_KINDS = frozenset({"populated_place", "feature"})
#: Pseudo-kind of a hydrographic feature (GeoNames feature class H: SEA, OCN, GULF ...).
WATER = "water"
#: Relation of a place mentioned without a spatial expression.
BARE = "place"

#: Coarsest first: the order in which anchors' kinds are compared.
_COARSE_TO_FINE = ("continent", "region", "country", WATER, "admin1", "admin2",
                   "populated_place", "feature")


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """What a code is read from: a footprint's relation, anchors and size."""

    #: The footprint's relation, or :data:`BARE` for a place by itself.
    relation: str
    #: The coarsest kind among the anchors (:data:`WATER` for a sea), or "" for none.
    kind: str = ""
    #: The anchors are all points (settlements, sites) with coordinates.
    points: bool = False
    #: A settlement anchor has :data:`METROPOLIS_POPULATION` inhabitants or more.
    metropolis: bool = False
    #: The anchor of a named region lies in one country.
    national: bool = False
    #: A part of the anchor ("northern"), for ``in_region``.
    part: bool = False
    #: Farthest distance (km) of the footprint from its nearest anchor point; None
    #: when unknown (no geometry, or anchors without points).
    reach_km: float | None = None
    area_km2: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class PrecisionRow:
    """One row of :data:`ROWS`: when it applies, and the code it gives."""

    #: Name of the row, as tests and docs refer to it.
    name: str
    #: The code; None for "by size" (:func:`size_precision`, at least ``floor``).
    code: int | None
    reason: str
    #: Relations it applies to (None: any).
    relations: frozenset[str] | None = None
    #: Coarsest anchor kinds it applies to (None: any).
    kinds: frozenset[str] | None = None
    #: Required values of :class:`Evidence` flags (None: either).
    points: bool | None = None
    metropolis: bool | None = None
    national: bool | None = None
    part: bool | None = None
    #: Applies while ``reach_km`` is at most / above this many km (None: any reach).
    max_reach_km: float | None = None
    min_reach_km: float | None = None
    #: Least code of a "by size" row.
    floor: int = 1

    def matches(self, ev: Evidence) -> bool:
        """True when this row applies to ``ev``."""
        if self.relations is not None and ev.relation not in self.relations:
            return False
        if self.kinds is not None and ev.kind not in self.kinds:
            return False
        for flag in ("points", "metropolis", "national", "part"):
            wanted = getattr(self, flag)
            if wanted is not None and getattr(ev, flag) != wanted:
                return False
        if self.max_reach_km is not None and (
                ev.reach_km is None or ev.reach_km > self.max_reach_km):
            return False
        return self.min_reach_km is None or (
            ev.reach_km is not None and ev.reach_km > self.min_reach_km)

    def code_of(self, ev: Evidence) -> int:
        """The code this row gives ``ev``."""
        if self.code is not None:
            return self.code
        return max(self.floor, size_precision(ev.area_km2))


_LOCATED = frozenset({BARE, "in_region"})
_AREAL = frozenset({BARE, "in_region", "near"})

#: The code table, first matching row wins; nothing matching is coded by size.
ROWS: tuple[PrecisionRow, ...] = (
    PrecisionRow(
        name="at_sea", code=7, relations=_LOCATED, kinds=frozenset({WATER}),
        reason="'in the Black Sea': international waters (or the airspace above)"),
    PrecisionRow(
        name="line", code=5, relations=LINE_RELATIONS,
        reason="'close to the border', '7 km from the border', 'between Sumy and "
               "Kharkiv': a strip along a line"),
    PrecisionRow(
        name="near_point", code=2, relations=POINT_RELATIONS, points=True,
        max_reach_km=POINT_REACH_KM,
        reason="'near Sudzha', '12 km from Sudzha': all within 25 km of a place"),
    PrecisionRow(
        name="far_from_point", code=None, floor=3, relations=POINT_RELATIONS, points=True,
        min_reach_km=POINT_REACH_KM,
        reason="'40 km from Kharkiv': beyond 25 km of the place, so coded by its size, "
               "never finer than a district"),
    PrecisionRow(
        name="settlement", code=1, relations=frozenset({BARE}),
        kinds=frozenset({"populated_place"}), metropolis=False,
        reason="'in Sudzha', 'shelling hit Kursk': a named town or city"),
    PrecisionRow(
        name="metropolis", code=2, relations=frozenset({BARE}),
        kinds=frozenset({"populated_place"}), metropolis=True,
        reason="'in Kharkiv': a city so large that only a 25 km radius is known"),
    PrecisionRow(
        name="settlement_area", code=2, relations=frozenset({"in_region"}),
        kinds=frozenset({"populated_place"}),
        reason="'in the Pokrovsk area', 'across Kharkiv': the area around a town, "
               "drawn as its 'near' disc"),
    PrecisionRow(
        name="site", code=1, relations=_LOCATED, kinds=frozenset({"feature"}),
        reason="a named site (a plant, a bridge)"),
    PrecisionRow(
        name="admin2", code=3, relations=_AREAL, kinds=frozenset({"admin2"}),
        reason="'in Sudzhansky district': a second-order unit"),
    PrecisionRow(
        name="admin1", code=4, relations=_AREAL, kinds=frozenset({"admin1"}),
        reason="'in Kursk Oblast', 'in northern Kursk region': a part of a known "
               "province is no coarser than the province"),
    PrecisionRow(
        name="part_of_country", code=5, relations=_AREAL, kinds=frozenset({"country"}),
        part=True, reason="'in northern Ukraine': a part of a country"),
    PrecisionRow(
        name="named_region", code=5, relations=_AREAL, kinds=frozenset({"region"}),
        national=True, reason="'in Donbas': a named region inside one country"),
    PrecisionRow(
        name="country", code=6, relations=_AREAL,
        kinds=frozenset({"country", "region", "continent"}),
        reason="'in Russia'; a region spanning countries ('the Middle East') or a "
               "continent is no more precise"),
)


def size_precision(area_km2: float) -> int:
    """The code of a footprint known only by its area (:data:`SIZE_LIMITS_KM2`).

    Examples
    --------
    >>> [size_precision(a) for a in (3.0, 300.0, 5_000.0, 30_000.0, 2_000_000.0)]
    [1, 2, 3, 4, 5]
    """
    for limit, code in SIZE_LIMITS_KM2:
        if area_km2 <= limit:
            return code
    return LARGEST_SIZE_CODE


def kind_of(place: Place) -> str:
    """The kind a code is read from: the gazetteer kind, or :data:`WATER`."""
    return WATER if place.feature_class == "H" else place.kind


def _coarsest(kinds: Iterable[str]) -> str:
    known = [k for k in kinds if k in _COARSE_TO_FINE]
    return min(known, key=_COARSE_TO_FINE.index) if known else ""


def _reach_km(geometry: BaseGeometry, places: Sequence[Place]) -> float | None:
    """Farthest geodesic distance (km) of ``geometry``'s vertices from the nearest place."""
    import numpy as np
    import shapely

    from geoclaims.geometry.geodesic import geodesic_distance_m

    points = [(p.lon, p.lat) for p in places if p.lon is not None and p.lat is not None]
    coords = shapely.get_coordinates(geometry)
    if not points or not len(coords):
        return None
    anchors = np.asarray(points, dtype=float)
    dist = geodesic_distance_m(coords[:, :1], coords[:, 1:2], anchors[:, 0], anchors[:, 1])
    # Round to 10 m: a 25 km buffer's vertices sit at 25 km up to float error.
    return round(float(np.max(np.min(dist, axis=1))) / 1000.0, 2)


def evidence_of(relation: str, places: Sequence[Place], *, area_km2: float = 0.0,
                geometry: BaseGeometry | None = None, part: bool = False,
                rule: str = "") -> Evidence:
    """The :class:`Evidence` of a footprint (or of a bare place: ``relation`` BARE).

    Parameters as :func:`footprint_precision`'s.
    """
    name = rule.rpartition(".")[0]
    if name in LINE_RELATIONS:
        relation = name
    kinds = [kind_of(p) for p in places]
    points = bool(places) and all(k in POINT_KINDS for k in kinds)
    reach = None
    if geometry is not None and points and relation != BARE:
        reach = _reach_km(geometry, places)
    return Evidence(
        relation=relation, kind=_coarsest(kinds), points=points,
        metropolis=any(p.kind == "populated_place" and p.population >= METROPOLIS_POPULATION
                       for p in places),
        national=any(p.kind == "region" and bool(p.country_code) for p in places),
        part=part, reach_km=reach, area_km2=area_km2,
    )


def matching_row(ev: Evidence, rows: Sequence[PrecisionRow] = ROWS) -> PrecisionRow | None:
    """The first row of ``rows`` that applies to ``ev``, or None."""
    return next((row for row in rows if row.matches(ev)), None)


def code_of(ev: Evidence, rows: Sequence[PrecisionRow] = ROWS) -> int:
    """The code of the first row matching ``ev``; by size when none does."""
    row = matching_row(ev, rows)
    if row is not None:
        return row.code_of(ev)
    code = size_precision(ev.area_km2)
    if ev.reach_km is not None and ev.reach_km > POINT_REACH_KM:
        code = max(code, 3)
    return code


def footprint_precision(relation: str, places: Sequence[Place], *, area_km2: float,
                        geometry: BaseGeometry | None = None, part: bool = False,
                        rule: str = "") -> int:
    """The location precision code of a footprint.

    Parameters
    ----------
    relation : str
        The footprint's relation ("near", "in_region", ..., or one added later).
    places : sequence of Place
        Its anchors' places (none for a border).
    area_km2 : float
        Its area.
    geometry : shapely geometry, optional
        Its geometry, EPSG:4326 ``(lon, lat)``: how far it reaches from a point anchor.
    part : bool
        True when it is a part of its anchor ("northern ...").
    rule : str
        Its rule key. A rule named after a line relation codes it as that line:
        "7 km from the border" keeps the relation ``distance_from`` of its phrase,
        but its rule ``from_border.v1`` draws a band along the border.

    Returns
    -------
    int
        1 to 7 (:data:`LOCATION_PRECISION`).

    Examples
    --------
    >>> footprint_precision("border_zone", [], area_km2=4_000.0)
    5
    >>> footprint_precision("along_river", [], area_km2=30_000.0)   # a later relation
    4
    >>> footprint_precision("distance_from", [], area_km2=800.0, rule="from_border.v1")
    5
    """
    return code_of(evidence_of(relation, places, area_km2=area_km2, geometry=geometry,
                               part=part, rule=rule))


def place_precision(place: Place) -> int:
    """The code of a place named without a spatial expression ("in Sudzha").

    Kinds no row names (none today) are coded as a larger region (5).
    """
    ev = evidence_of(BARE, [place])
    row = matching_row(ev)
    return LARGEST_SIZE_CODE if row is None else row.code_of(ev)


def claim_precision(footprint_codes: Iterable[int],
                    place_codes: Iterable[int] = ()) -> int | None:
    """A claim's code: its most precise footprint's, else its most precise place's.

    None when the claim has neither (no location).

    Examples
    --------
    >>> claim_precision([4, 2], [1]), claim_precision([], [6, 4]), claim_precision([])
    (2, 4, None)
    """
    codes = [c for c in footprint_codes if c]
    if not codes:
        codes = [c for c in place_codes if c]
    return min(codes) if codes else None


def is_location_precision(value: object) -> bool:
    """True for an int code 1 to 7 (not a bool).

    Examples
    --------
    >>> is_location_precision(3), is_location_precision(0), is_location_precision(True)
    (True, False, False)
    """
    return isinstance(value, int) and not isinstance(value, bool) and value in LOCATION_PRECISION
