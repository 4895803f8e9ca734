"""Offline, geopy-compatible geocoder backed by the gazetteer."""

from __future__ import annotations

import dataclasses
import math
import re
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.places.geoparse import geoparse
from geoclaims.text.mentions import ADMIN_WORDS
from geoclaims.text.normalize import normalize_name

if TYPE_CHECKING:
    from geopy.location import Location

#: Margin by which a region is ranked below a settlement of the same name inside
#: it ("Kursk" the city before Kursk Oblast, "Kyiv" the city before the city region)
#: unless the query names the region ("Kursk Oblast"). That is geocoder convention
#: (Nominatim, GeoNames search); the resolver, tuned for news text, may prefer the
#: region, which a bare name often means in reporting.
NAMESAKE_MARGIN = 0.01
#: A populated place farther than this from the point is not its reverse-geocoding
#: answer: the result is None, as online geocoders answer for the open sea.
REVERSE_MAX_DISTANCE_KM = 100.0
#: Radius of the first bounding box searched by :meth:`OfflineGeocoder.reverse`;
#: the box grows fourfold until it holds a place within its radius.
REVERSE_START_RADIUS_KM = 10.0
#: Kinds accepted by :meth:`OfflineGeocoder.reverse`.
ReverseKind = Literal["populated_place", "admin", "country"]
_REVERSE_KINDS = ("populated_place", "admin", "country")

#: Mean Earth radius (IUGG) in meters, as used for haversine distances.
_EARTH_RADIUS_M = 6_371_008.8
#: Words after a name that say which kind of place is meant ("Kursk Oblast",
#: "Donetsk city"); the resolver reads them as a context hint.
_KIND_WORDS = ADMIN_WORDS | {"city", "town", "village"}
#: "UA", "RU-KRS": an ISO 3166 code given as a qualifier.
_ISO_CODE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")
#: How a query's comma-separated parts are joined for the resolver (see ``_rank``).
_JOINER = " in "


class OfflineGeocoder:
    """A geopy-compatible geocoder that never leaves the machine.

    ``geocode`` and ``reverse`` take the arguments of geopy's geocoders and return
    :class:`geopy.location.Location` objects whose ``raw`` is the gazetteer record
    (``geonameid``, ``kind``, ``country_code``, ``admin1_code``, ``population``,
    ``gazetteer_version`` ...) plus ``score`` or ``distance_m``.

    It is a drop-in target for ``geopy.extra.rate_limiter.RateLimiter`` (no delay
    is needed) and for geopandas: ``geopandas.tools.geocode(strings,
    provider=OfflineGeocoder)`` and ``geopandas.tools.reverse_geocode(points,
    provider=OfflineGeocoder)`` work, any other keyword (``gazetteer=``) being
    passed to the constructor. A string provider name does not: geopandas looks
    strings up in geopy's registry of online services, which geoclaims leaves alone.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`, opened on first use.
    reverse_max_distance_km : float or None, optional
        Farthest populated place :meth:`reverse` returns, in km; None for no limit.
        Default :data:`REVERSE_MAX_DISTANCE_KM`.

    Raises
    ------
    ConfigurationError
        If ``reverse_max_distance_km`` is not a positive number.

    Examples
    --------
    >>> coder = OfflineGeocoder()                               # doctest: +SKIP
    >>> coder.geocode("Donetsk, Russia").raw["geonameid"]       # doctest: +SKIP
    565348
    >>> coder.reverse("51.19, 35.27").address                   # doctest: +SKIP
    "Sudzha, Kurskaya oblast', Russia"
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        reverse_max_distance_km: float | None = REVERSE_MAX_DISTANCE_KM,
    ) -> None:
        if reverse_max_distance_km is not None and not (
            isinstance(reverse_max_distance_km, int | float)
            and math.isfinite(reverse_max_distance_km)
            and reverse_max_distance_km > 0
        ):
            raise ConfigurationError(
                "reverse_max_distance_km must be a positive number of km or None, "
                f"got {reverse_max_distance_km!r}"
            )
        self._gazetteer = gazetteer
        self._max_distance_m = (
            None
            if reverse_max_distance_km is None
            else reverse_max_distance_km * 1000.0
        )
        self._lock = threading.Lock()
        # Populated places sorted by latitude: ids, lat, lon (loaded on first reverse).
        self._points: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        # Admin-1 and country polygons: ids, approximate flags, STRtree.
        self._areas: tuple[np.ndarray, np.ndarray, Any] | None = None
        # (country_code, admin1_code or "") -> the country or region, for addresses.
        self._containers: dict[tuple[str, str], Place | None] = {}

    def __repr__(self) -> str:
        path = "default" if self._gazetteer is None else str(self._gazetteer.path)
        return f"OfflineGeocoder(gazetteer={path})"

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer answering the queries."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    # -- forward ---------------------------------------------------------------

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        limit: int | None = None,
        country_codes: str | Iterable[str] | None = None,
        language: str | None = None,
    ) -> Location | list[Location] | None:
        """Find the place a name refers to.

        The query is ranked by the resolver of
        :func:`~geoclaims.places.geoparse.geoparse` with the whole name as the
        mention. Comma-separated qualifiers narrow it
        down, most specific first (``"Donetsk, Russia"``, ``"Sudzha, Kursk Oblast,
        Russia"``, ``"Donetsk, UA"``): the resolver's containment rule lifts the
        candidates inside each qualifier, and those outside are dropped when any
        candidate lies inside. A qualifier that names no country or admin-1 region,
        or contains none of the candidates, is ignored.

        A region is ranked just below a settlement of the same name inside it
        (:data:`NAMESAKE_MARGIN`): ``"Kursk"`` is the city, ``"Kursk Oblast"`` or
        ``"Kursk region"`` the region.

        Parameters
        ----------
        query : str
            A place name, optionally followed by ``", <admin-1 or country>"`` parts
            (names or ISO 3166 codes).
        exactly_one : bool, default True
            Return the best match only, else a list ranked by score.
        timeout : float, optional
            Accepted for geopy compatibility and ignored (nothing is fetched).
        limit : int, optional
            Most results returned when ``exactly_one`` is False. The resolver keeps
            at most five candidates per name.
        country_codes : str or iterable of str, optional
            ISO 3166-1 alpha-2 codes the result must lie in (a strict filter, as
            in geopy's Nominatim).
        language : str, optional
            Accepted for geopy compatibility and ignored: addresses use the
            gazetteer's preferred names.

        Returns
        -------
        geopy.location.Location, list of Location, or None
            None when nothing matches. ``raw`` carries the gazetteer record and
            the candidate ``score``; ``point`` is (lat, lon) as in geopy.

        Raises
        ------
        InputError
            If ``query`` is not a str.
        ConfigurationError
            If ``limit`` or ``country_codes`` is malformed.
        """
        del timeout, language  # offline and single-language: accepted, not used
        if not isinstance(query, str):
            raise InputError(
                f"query must be a str, got {type(query).__name__}: {query!r}"
            )
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 1
        ):
            raise ConfigurationError(
                f"limit must be a positive int or None, got {limit!r}"
            )
        codes = _country_codes(country_codes)
        parts = [p.strip() for p in query.split(",")]
        parts = [p for p in parts if p]
        if not parts:
            return None
        if codes is None:
            scored = self._rank(parts)
        else:
            scored = {}
            for cc in sorted(codes):
                country = self._container(cc, "")
                if country is None:
                    continue
                # Naming the country as a qualifier lets containment lift its
                # places into the resolver's top candidates before the filter.
                for gid, (place, score) in self._rank([*parts, country.name]).items():
                    if gid not in scored or score > scored[gid][1]:
                        scored[gid] = (place, score)
            scored = {g: ps for g, ps in scored.items() if ps[0].country_code in codes}
        ranked = sorted(
            scored.values(), key=lambda ps: (-ps[1], -ps[0].population, ps[0].geonameid)
        )
        found = [self._location(p, {"score": round(s, 4)}) for p, s in ranked]
        if not found:
            return None
        if exactly_one:
            return found[0]
        return found if limit is None else found[:limit]

    def _rank(self, parts: Sequence[str]) -> dict[int, tuple[Place, float]]:
        """Head candidates of ``parts`` (name, qualifiers ...) with geocoder scores."""
        gaz = self.gazetteer
        # "Donetsk, Ukraine" is read as "Donetsk in Ukraine": the resolver's
        # containment rule applies to both, but after a comma its list rule would
        # also read "Oblast" in "Kyiv, Kyiv Oblast" as a hint that Kyiv is a region.
        text = _JOINER.join(parts)
        spans, start = [], 0
        for part in parts:
            spans.append((start, start + len(part)))
            start += len(part) + len(_JOINER)
        spans[0] = _name_span(parts[0], gaz)
        by_span = {
            (r.mention.start, r.mention.end): r
            for r in geoparse(text, gazetteer=gaz, spans=spans)
        }
        head = by_span.get(spans[0])
        if head is None:
            return {}
        candidates = [c for c in head.candidates if c.place.lat is not None]
        for part, span in zip(parts[1:], spans[1:], strict=True):
            res = by_span.get(span)
            areas = (
                []
                if res is None
                else [
                    c.place
                    for c in res.candidates
                    if c.place.kind in ("country", "admin1")
                ]
            )
            if _ISO_CODE.match(part):
                coded = gaz.by_iso(part)
                if coded is not None:
                    areas.append(coded)
            inside = [c for c in candidates if any(_within(c.place, a) for a in areas)]
            if inside:
                candidates = inside
        scores = {c.place.geonameid: c.score for c in candidates}
        if head.mention.hint != "admin":
            for area in candidates:
                if area.place.kind not in ("admin1", "admin2"):
                    continue
                inner = [
                    scores[c.place.geonameid]
                    for c in candidates
                    if c.place.kind == "populated_place"
                    and _within(c.place, area.place)
                ]
                if inner:
                    best = max(inner) - NAMESAKE_MARGIN
                    scores[area.place.geonameid] = min(
                        scores[area.place.geonameid], best
                    )
        return {
            c.place.geonameid: (c.place, scores[c.place.geonameid]) for c in candidates
        }

    # -- reverse ---------------------------------------------------------------

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        language: str | None = None,
        kind: ReverseKind | None = None,
    ) -> Location | list[Location] | None:
        """Name the place at a point.

        Parameters
        ----------
        query : str, (lat, lon) sequence or geopy.point.Point
            The point in geopy's order, **latitude first**: ``"51.19, 35.27"``,
            ``(51.19, 35.27)`` or ``Point(51.19, 35.27)``; degrees WGS84.
        exactly_one : bool, default True
            Return a Location, else a list holding it (as geopy's Nominatim).
        timeout : float, optional
            Accepted for geopy compatibility and ignored.
        language : str, optional
            Accepted for geopy compatibility and ignored.
        kind : {None, "populated_place", "admin", "country"}, optional
            None or ``"populated_place"``: the nearest populated place (within
            the geocoder's ``reverse_max_distance_km``), ``raw["distance_m"]``
            giving the haversine distance in meters. ``"admin"``: the admin-1
            region whose polygon contains the point, else the country.
            ``"country"``: the country whose polygon contains the point.
            Area results carry ``raw["approximate"]`` (polygon approximated from
            settlements, not surveyed).

        Returns
        -------
        geopy.location.Location, list of Location, or None
            None when nothing is near enough or no polygon contains the point.

        Raises
        ------
        InputError
            If ``query`` is not a valid coordinate pair.
        ConfigurationError
            If ``kind`` is not one of the accepted values.
        """
        del timeout, language
        from geopy.point import Point as GeopyPoint

        if kind is not None and kind not in _REVERSE_KINDS:
            raise ConfigurationError(
                f"kind must be one of {(None, *_REVERSE_KINDS)!r}, got {kind!r}"
            )
        try:
            if query is None:  # geopy reads Point(None) as (0, 0)
                raise ValueError("no coordinates")
            point = GeopyPoint(query)
        except (TypeError, ValueError) as err:
            raise InputError(
                f"reverse() needs a point as 'lat, lon', (lat, lon) or geopy Point, "
                f"got {query!r} ({err})"
            ) from err
        lat, lon = float(point.latitude), float(point.longitude)
        if kind in (None, "populated_place"):
            found = self._nearest(lon, lat)
        else:
            found = self._containing(lon, lat, admin1=kind == "admin")
        if found is None:
            return None
        return found if exactly_one else [found]

    def _nearest(self, lon: float, lat: float) -> Location | None:
        """The nearest populated place, searched in growing bounding boxes."""
        gids, lats, lons = self._populated_points()
        limit_m = self._max_distance_m or math.pi * _EARTH_RADIUS_M
        radius_m = min(REVERSE_START_RADIUS_KM * 1000.0, limit_m)
        while True:
            lo, hi, half_width_deg = _bounding_box(lat, radius_m)
            band = slice(
                np.searchsorted(lats, lat - lo, side="left"),
                np.searchsorted(lats, lat + hi, side="right"),
            )
            dlon = np.abs((lons[band] - lon + 180.0) % 360.0 - 180.0)
            idx = np.flatnonzero(dlon <= half_width_deg) + (band.start or 0)
            if idx.size:
                dist_m = haversine_m(lon, lat, lons[idx], lats[idx])
                k = int(np.argmin(dist_m))
                # The box holds every point within radius_m, so a hit inside that
                # radius is the global nearest.
                if dist_m[k] <= radius_m:
                    place = self.gazetteer.by_id(int(gids[idx[k]]))
                    if place is None:  # pragma: no cover - ids come from the same table
                        return None
                    return self._location(
                        place, {"distance_m": round(float(dist_m[k]), 1)}
                    )
            if radius_m >= limit_m:
                return None
            radius_m = min(radius_m * 4.0, limit_m)

    def _containing(self, lon: float, lat: float, *, admin1: bool) -> Location | None:
        """The admin-1 region (or country) whose polygon contains the point."""
        import shapely

        gids, approximate, tree = self._area_index()
        hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
        gaz = self.gazetteer
        found = [
            (place, bool(approximate[i]))
            for i in hits
            if (place := gaz.by_id(int(gids[i]))) is not None
        ]
        countries = {p.country_code for p, _ in found if p.kind == "country"}
        for wanted in ("admin1", "country") if admin1 else ("country",):
            # Approximate admin-1 polygons may meet at the point: prefer the one in
            # the country whose polygon holds it, then the lowest id (stable).
            same = sorted(
                ((p, a) for p, a in found if p.kind == wanted),
                key=lambda pa: (pa[0].country_code not in countries, pa[0].geonameid),
            )
            if same:
                place, approx = same[0]
                return self._location(place, {"approximate": approx})
        return None

    # -- lazy indexes ----------------------------------------------------------

    def _populated_points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        with self._lock:
            if self._points is None:
                rows = self.gazetteer._query(
                    "SELECT geonameid, lat, lon FROM places "
                    "WHERE kind = 'populated_place' AND lat IS NOT NULL "
                    "AND lon IS NOT NULL ORDER BY lat"
                )
                arr = np.array(rows, dtype=float).reshape(-1, 3)
                self._points = (arr[:, 0].astype(np.int64), arr[:, 1], arr[:, 2])
            return self._points

    def _area_index(self) -> tuple[np.ndarray, np.ndarray, Any]:
        with self._lock:
            if self._areas is None:
                import shapely

                rows = self.gazetteer._query(
                    "SELECT pg.geonameid, pg.approximate, pg.wkb FROM polygons pg "
                    "JOIN places p ON p.geonameid = pg.geonameid "
                    "WHERE p.kind IN ('admin1', 'country') ORDER BY pg.geonameid"
                )
                geoms = shapely.from_wkb([r[2] for r in rows])
                self._areas = (
                    np.array([r[0] for r in rows], dtype=np.int64),
                    np.array([bool(r[1]) for r in rows], dtype=bool),
                    shapely.STRtree(geoms),
                )
            return self._areas

    # -- results ---------------------------------------------------------------

    def _location(self, place: Place, extra: dict[str, Any]) -> Location:
        from geopy.location import Location

        raw = dataclasses.asdict(place)
        raw.update(extra)
        return Location(self._address(place), (place.lat, place.lon), raw)

    def _address(self, place: Place) -> str:
        """``"Sudzha, Kurskaya oblast', Russia"``: the place and what holds it."""
        parts = [place.name]
        if place.kind in ("admin2", "populated_place", "feature") and place.admin1_code:
            region = self._container(place.country_code, place.admin1_code)
            if region is not None and region.name != place.name:
                parts.append(region.name)
        if place.kind not in ("country", "continent") and place.country_code:
            country = self._container(place.country_code, "")
            if country is not None:
                parts.append(country.name)
        return ", ".join(parts)

    def _container(self, country_code: str, admin1_code: str) -> Place | None:
        """The country (``admin1_code=""``) or admin-1 region, memoised.

        The gazetteer answers these by scanning its places table; an address
        needs two of them per result.
        """
        key = (country_code, admin1_code)
        if key not in self._containers:
            gaz = self.gazetteer
            self._containers[key] = (
                gaz.admin1(country_code, admin1_code)
                if admin1_code
                else gaz.country(country_code)
            )
        return self._containers[key]


def haversine_m(
    lon: float, lat: float, lons: np.ndarray, lats: np.ndarray
) -> np.ndarray:
    """Great-circle distances in meters from one point to many (spherical Earth).

    Parameters
    ----------
    lon, lat : float
        The origin, degrees.
    lons, lats : ndarray
        The targets, degrees.

    Returns
    -------
    ndarray
        Distances in meters, on a sphere of the mean Earth radius.

    Examples
    --------
    >>> import numpy as np
    >>> round(float(haversine_m(0.0, 0.0, np.array([1.0]), np.array([0.0]))[0]))
    111195
    """
    p1, p2 = math.radians(lat), np.radians(lats)
    dphi = p2 - p1
    dlam = np.radians(lons) - math.radians(lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlam / 2) ** 2
    dist_m: np.ndarray = 2 * _EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
    return dist_m


def _bounding_box(lat: float, radius_m: float) -> tuple[float, float, float]:
    """Degrees south, north and east/west of ``lat`` holding a circle of ``radius_m``.

    The longitude half-width is the exact bound asin(sin(r/R) / cos(lat))
    (Matuschek, "Finding points within a distance of a latitude/longitude"), and
    becomes 180 when the circle reaches a pole.
    """
    angle = radius_m / _EARTH_RADIUS_M
    dlat = math.degrees(angle)
    if abs(lat) + dlat >= 90.0 or angle >= math.pi / 2:
        return dlat, dlat, 180.0
    ratio = math.sin(angle) / math.cos(math.radians(lat))
    return dlat, dlat, 180.0 if ratio >= 1.0 else math.degrees(math.asin(ratio))


def _name_span(name: str, gaz: Gazetteer) -> tuple[int, int]:
    """Span of the name proper in the head of a query.

    "Kursk Oblast" is not itself a gazetteer name: the mention becomes "Kursk" and
    the resolver reads "Oblast" after it as a hint that a region is meant. Names
    that include such a word ("Texas County") keep their full span.
    """
    words = name.split()
    full = (0, len(name))
    if len(words) < 2 or words[-1].lower() not in _KIND_WORDS:
        return full
    key = normalize_name(name)
    if gaz.lookup_keys([key]).get(key):
        return full
    return (0, len(name[: len(name) - len(words[-1])].rstrip()))


def _country_codes(value: str | Iterable[str] | None) -> set[str] | None:
    """Upper-case alpha-2 codes from geopy's ``country_codes`` argument."""
    if value is None:
        return None
    codes = [value] if isinstance(value, str) else list(value)
    out = set()
    for code in codes:
        if not (isinstance(code, str) and len(code) == 2 and code.isalpha()):
            raise ConfigurationError(
                "country_codes must be ISO 3166-1 alpha-2 codes such as 'ua', "
                f"got {code!r}"
            )
        out.add(code.upper())
    return out


def _within(place: Place, area: Place) -> bool:
    """Whether ``area`` (a country, admin-1 or admin-2 region) holds ``place``."""
    if place.geonameid == area.geonameid or place.country_code != area.country_code:
        return False
    if area.kind == "country":
        return place.kind != "country"
    if area.kind == "admin1":
        return place.kind in ("admin2", "populated_place", "feature") and (
            place.admin1_code == area.admin1_code
        )
    if area.kind == "admin2":
        return place.kind in ("populated_place", "feature") and (
            (place.admin1_code, place.admin2_code)
            == (area.admin1_code, area.admin2_code)
        )
    return False
