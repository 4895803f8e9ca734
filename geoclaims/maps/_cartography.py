"""Map projection helpers for static maps: local projection, scale bar, north arrow.

All geometry enters in EPSG:4326 ``(lon, lat)`` degrees; projected coordinates are
metres of a local azimuthal equidistant projection centred on the data, so
distances from the centre are true and the distortion over a regional map is small.
The scale bar and the north arrow do not rely on that: both are measured
geodesically at the point where they are drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geoclaims.errors import GeometryError

if TYPE_CHECKING:
    import pyproj
    from shapely.geometry.base import BaseGeometry

#: Ellipsoid of every geodesic measure here.
ELLIPSOID = "WGS84"


@dataclass(frozen=True, slots=True)
class LocalProjection:
    """A projected CRS centred on ``(lon, lat)`` with transformers both ways."""

    #: Centre of the projection, degrees.
    lon: float
    lat: float
    #: The projected CRS (metres).
    crs: pyproj.CRS
    #: EPSG:4326 -> projected, ``always_xy`` (lon, lat in; x, y out).
    forward: pyproj.Transformer
    #: Projected -> EPSG:4326, ``always_xy``.
    inverse: pyproj.Transformer

    @classmethod
    def from_proj(
        cls, definition: str, lon: float = 0.0, lat: float = 0.0
    ) -> LocalProjection:
        """Any projected CRS (PROJ string, EPSG code ...) as a LocalProjection."""
        import pyproj

        crs = pyproj.CRS.from_user_input(definition)
        return cls(
            lon,
            lat,
            crs,
            pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True),
            pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
        )

    @property
    def description(self) -> str:
        """One line for a map's credits (projection and centre)."""
        ns = "N" if self.lat >= 0 else "S"
        ew = "E" if self.lon >= 0 else "W"
        return (
            f"azimuthal equidistant, centre {abs(self.lat):.1f}°{ns} "
            f"{abs(self.lon):.1f}°{ew}"
        )


def local_projection(lon: float, lat: float) -> LocalProjection:
    """An azimuthal equidistant projection (WGS84, metres) centred on ``(lon, lat)``.

    Parameters
    ----------
    lon, lat : float
        Centre in degrees.

    Raises
    ------
    GeometryError
        If the centre is not a finite coordinate on the globe.

    Examples
    --------
    >>> proj = local_projection(35.0, 50.0)
    >>> [round(v, 6) for v in proj.forward.transform(35.0, 50.0)]
    [0.0, 0.0]
    >>> proj.description
    'azimuthal equidistant, centre 50.0°N 35.0°E'
    """
    if not (math.isfinite(lon) and math.isfinite(lat) and -90 <= lat <= 90):
        raise GeometryError(
            f"projection centre must be (lon, lat) degrees, got {(lon, lat)!r}"
        )
    lon = ((lon + 180.0) % 360.0) - 180.0
    return LocalProjection.from_proj(
        f"+proj=aeqd +lat_0={lat:.6f} +lon_0={lon:.6f} +datum=WGS84 +units=m +no_defs",
        lon,
        lat,
    )


def project(geometry: BaseGeometry, projection: LocalProjection) -> BaseGeometry:
    """``geometry`` (EPSG:4326) in the coordinates of ``projection`` (metres)."""
    import numpy as np
    import shapely

    def forward(coords: np.ndarray) -> np.ndarray:
        x, y = projection.forward.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, forward)


def geographic_bounds(
    bounds: tuple[float, float, float, float],
    projection: LocalProjection,
    *,
    steps: int = 32,
) -> tuple[float, float, float, float]:
    """Lon/lat box ``(west, south, east, north)`` holding a projected rectangle.

    The rectangle's edges are sampled (``steps`` points each), since straight
    projected edges are curves in degrees.

    Examples
    --------
    >>> proj = local_projection(35.0, 50.0)
    >>> w, s, e, n = geographic_bounds((-50_000, -50_000, 50_000, 50_000), proj)
    >>> round(s, 2), round(n, 2), w < 35.0 < e
    (49.55, 50.45, True)
    """
    import numpy as np

    x0, y0, x1, y1 = bounds
    t = np.linspace(0.0, 1.0, steps)
    xs = np.concatenate(
        [x0 + (x1 - x0) * t, np.full(steps, x1), x1 - (x1 - x0) * t, np.full(steps, x0)]
    )
    ys = np.concatenate(
        [np.full(steps, y0), y0 + (y1 - y0) * t, np.full(steps, y1), y1 - (y1 - y0) * t]
    )
    lon, lat = projection.inverse.transform(xs, ys)
    return (
        float(np.min(lon)),
        float(np.min(lat)),
        float(np.max(lon)),
        float(np.max(lat)),
    )


def nice_distance_m(limit_m: float) -> float:
    """The largest 1, 2 or 5 times 10**n metres up to ``limit_m`` (a scale bar).

    Examples
    --------
    >>> nice_distance_m(73_000), nice_distance_m(180), nice_distance_m(1_000)
    (50000.0, 100.0, 1000.0)
    """
    if not (limit_m > 0 and math.isfinite(limit_m)):
        raise GeometryError(
            f"scale bar limit must be a positive length, got {limit_m!r}"
        )
    exponent = math.floor(math.log10(limit_m))
    best = 10.0**exponent
    for step in (2.0, 5.0, 10.0):
        candidate = step * 10.0**exponent
        if candidate <= limit_m * (1 + 1e-12):
            best = candidate
    return float(best)


def scale_bar_span(
    projection: LocalProjection, x: float, y: float, length_m: float
) -> float:
    """Projected length of a bar at ``(x, y)`` whose true length is ``length_m``.

    The bar runs from ``(x, y)`` to ``(x + span, y)`` in projected coordinates; its
    ends, mapped back to the ellipsoid, are ``length_m`` apart along the geodesic.
    This holds for any projection, not just one whose units are true metres.

    Parameters
    ----------
    projection : LocalProjection
        The map's projection.
    x, y : float
        Left end of the bar, projected units.
    length_m : float
        Geodesic length the bar must represent, metres.

    Returns
    -------
    float
        ``span`` in projected units.

    Raises
    ------
    GeometryError
        If the length is not positive or the bar leaves the projection's domain.

    Examples
    --------
    >>> proj = local_projection(35.0, 50.0)
    >>> round(scale_bar_span(proj, 0.0, 0.0, 50_000) / 1000, 1)
    50.0
    >>> merc = LocalProjection.from_proj("EPSG:3857")
    >>> x, y = merc.forward.transform(30.0, 60.0)
    >>> round(scale_bar_span(merc, x, y, 10_000) / 10_000, 1)  # about 1 / cos(60°)
    2.0
    """
    import pyproj

    if not (length_m > 0 and math.isfinite(length_m)):
        raise GeometryError(
            f"scale bar length must be positive metres, got {length_m!r}"
        )
    geod = pyproj.Geod(ellps=ELLIPSOID)
    lon0, lat0 = projection.inverse.transform(x, y)
    span = float(length_m)
    # The true length grows almost linearly with the projected span, so rescaling
    # by the ratio converges in two or three rounds.
    for _ in range(8):
        lon1, lat1 = projection.inverse.transform(x + span, y)
        _, _, distance = geod.inv(lon0, lat0, lon1, lat1)
        if not (math.isfinite(distance) and distance > 0):
            raise GeometryError(
                f"scale bar at {(x, y)!r} leaves the projection's valid area"
            )
        if abs(distance - length_m) <= length_m * 1e-7:
            break
        span *= length_m / distance
    return span


def north_angle_deg(projection: LocalProjection, x: float, y: float) -> float:
    """Direction of true north at ``(x, y)``, degrees clockwise from the map's up.

    0 means north is straight up; positive means the north arrow leans right.

    Examples
    --------
    >>> proj = local_projection(35.0, 50.0)
    >>> round(north_angle_deg(proj, 0.0, 0.0), 6) + 0.0
    0.0
    >>> x, y = proj.forward.transform(45.0, 50.0)
    >>> round(north_angle_deg(proj, x, y))  # meridians converge towards the pole
    -8
    """
    import pyproj

    geod = pyproj.Geod(ellps=ELLIPSOID)
    lon, lat = projection.inverse.transform(x, y)
    lon_n, lat_n, _ = geod.fwd(lon, lat, 0.0, 1_000.0)
    xn, yn = projection.forward.transform(lon_n, lat_n)
    return math.degrees(math.atan2(xn - x, yn - y))
