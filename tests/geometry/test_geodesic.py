"""Tests of geodesic buffers, distance bands, sectors and distances (metres, WGS84)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod, Transformer
from shapely import GeometryCollection, LineString, MultiPoint, Point, Polygon, box

from geoclaims.errors import GeometryError
from geoclaims.geometry.geodesic import (
    MAX_RADIUS_M,
    area_km2,
    distance_band,
    distance_to_geometry_m,
    geodesic_buffer,
    geodesic_distance_m,
    sample_points,
    sector,
)
from geoclaims.places.gazetteer import Gazetteer

GEOD = Geod(ellps="WGS84")
#: Box around Kursk oblast (lon_min, lat_min, lon_max, lat_max), degrees.
KURSK_BOX = (34.0, 50.8, 38.5, 52.5)
#: Kursk city centre.
KURSK = Point(36.19, 51.73)
#: Points sampled per footprint for the issue's accuracy target.
N_SAMPLES = 1_000
#: Lines long enough to need many local projections (lon, lat degrees).
LONG_LINES = {
    "1500 km parallel at lat 65": LineString([(20.0, 65.0), (52.0, 65.0)]),
    "10 degrees of meridian": LineString([(35.0, 45.0), (35.0, 55.0)]),
    "zigzag at the equator": LineString([(30, 0), (30.5, 0.3), (31, -0.2), (33, 0.5)]),
}


def _slack_m(distance_m: Any) -> Any:
    """The issue's tolerance: 0.5 % of the distance or 50 m, whichever is larger."""
    return np.maximum(0.005 * np.asarray(distance_m), 50.0)


def _ring(anchor: Point, distance_m: float, n: int = 360) -> tuple[Any, Any]:
    """``(lon, lat)`` of points at ``distance_m`` from ``anchor`` on ``n`` bearings."""
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lon, lat, _ = GEOD.fwd(
        np.full(n, anchor.x), np.full(n, anchor.y), az, np.full(n, distance_m)
    )
    return lon, lat


def _kursk_border(gazetteer: Gazetteer) -> Any:
    border = gazetteer.border("RU", "UA")
    assert border is not None, "the gazetteer has no RU-UA border"
    return shapely.clip_by_rect(border, *KURSK_BOX)


# -- the target: point anchors -----------------------------------------

BAND_CASES = [  # (distance_m, tolerance_m)
    (7_000, 2_000),
    (30_000, 5_000),
    (150_000, 30_000),
    (2_000, 3_000),  # tolerance > distance: a disk
]


@pytest.mark.parametrize("lat", [0.0, 48.0, 52.0, 65.0])
@pytest.mark.parametrize(("distance_m", "tolerance_m"), BAND_CASES)
def test_geodesic_band_samples_within_interval(
    lat: float, distance_m: float, tolerance_m: float
) -> None:
    anchor = Point(35.0, lat)
    band = distance_band(anchor, distance_m, tolerance_m)
    lon, lat_ = sample_points(band, N_SAMPLES, seed=int(lat)).T
    dist = geodesic_distance_m(anchor.x, anchor.y, lon, lat_)
    low, high = max(0.0, distance_m - tolerance_m), distance_m + tolerance_m
    assert (dist >= low - _slack_m(low)).all()
    assert (dist <= high + _slack_m(high)).all()
    # The band is filled, not just a thin part of it.
    assert dist.min() < low + 0.1 * (high - low) and dist.max() > high - 0.1 * (
        high - low
    )


@pytest.mark.parametrize("lat", [0.0, 48.0, 52.0, 65.0])
@pytest.mark.parametrize(("distance_m", "tolerance_m"), BAND_CASES)
def test_geodesic_band_rings_just_outside_and_inside(
    lat: float, distance_m: float, tolerance_m: float
) -> None:
    anchor = Point(35.0, lat)
    band = distance_band(anchor, distance_m, tolerance_m)
    outer_m, inner_m = distance_m + tolerance_m, distance_m - tolerance_m
    assert not shapely.contains_xy(band, *_ring(anchor, outer_m * 1.01)).any()
    assert shapely.contains_xy(band, *_ring(anchor, outer_m * 0.99)).all()
    if inner_m > 0:
        assert not shapely.contains_xy(band, *_ring(anchor, inner_m * 0.99)).any()
        assert shapely.contains_xy(band, *_ring(anchor, inner_m * 1.01)).all()
    else:
        assert band.contains(anchor)


@pytest.mark.parametrize("lat", [0.0, 52.0, 65.0, 85.0])
@pytest.mark.parametrize(
    "radius_m", [100.0, 7_000.0, 100_000.0, 1_000_000.0, 5_000_000.0]
)
def test_geodesic_buffer_boundary_on_circle(lat: float, radius_m: float) -> None:
    anchor = Point(35.0, lat)
    xy = shapely.get_coordinates(shapely.boundary(geodesic_buffer(anchor, radius_m)))
    # Leave out the vertices added along the antimeridian cut and the pole closure.
    xy = xy[(np.abs(xy[:, 0]) < 180.0) & (np.abs(xy[:, 1]) < 90.0)]
    dist = geodesic_distance_m(anchor.x, anchor.y, xy[:, 0], xy[:, 1])
    # Vertices are exact; densified points lie on chords of the 256-gon (7.5e-5 in).
    assert dist.max() == pytest.approx(radius_m, rel=1e-9)
    assert dist.min() >= radius_m * (1 - 8e-5)


# -- the target: a line anchor, the real border ------------------------


def test_geodesic_band_kursk_border_samples(gazetteer: Gazetteer) -> None:
    border = _kursk_border(gazetteer)
    assert GEOD.geometry_length(border) > 250_000
    band = distance_band(border, 7_000, 2_000)
    lon, lat = sample_points(band, N_SAMPLES, seed=7).T
    dist = distance_to_geometry_m(lon, lat, border)
    assert dist.min() >= 5_000 - 50 and dist.max() <= 9_000 + 50
    assert dist.min() < 5_300 and dist.max() > 8_700


def test_geodesic_band_kursk_border_classifies_points(gazetteer: Gazetteer) -> None:
    border = _kursk_border(gazetteer)
    band = distance_band(border, 7_000, 2_000)
    lon, lat = sample_points(geodesic_buffer(border, 12_000), 3_000, seed=3).T
    dist = distance_to_geometry_m(lon, lat, border)
    inside = shapely.contains_xy(band, lon, lat)
    clearly_in = (dist > 5_000 + _slack_m(5_000)) & (dist < 9_000 - _slack_m(9_000))
    clearly_out = (dist < 5_000 - _slack_m(5_000)) | (dist > 9_000 + _slack_m(9_000))
    assert clearly_in.sum() > 500 and clearly_out.sum() > 500
    assert inside[clearly_in].all()
    assert not inside[clearly_out].any()


@pytest.mark.parametrize("name", sorted(LONG_LINES))
@pytest.mark.parametrize("radius_m", [7_000.0, 100_000.0, 1_000_000.0])
def test_geodesic_buffer_long_line_boundary(name: str, radius_m: float) -> None:
    line = LONG_LINES[name]
    buffer = geodesic_buffer(line, radius_m)
    xy = shapely.get_coordinates(shapely.boundary(buffer))
    # A vertex spacing of radius_m / 200 overestimates by < 2e-5 of the radius.
    dist = distance_to_geometry_m(xy[:, 0], xy[:, 1], line, step_m=radius_m / 200)
    # Measured: within 2e-5 of the radius plus the circle polygon's chord error.
    assert np.abs(dist - radius_m).max() <= 1e-4 * radius_m


# -- degrees would fail --------------------------------------------------------


def _extent_km(zone: Any, anchor: Point) -> tuple[float, float]:
    """Geodesic east-west and north-south extent (km) of ``zone`` through ``anchor``."""
    out = []
    for line in (
        LineString([(anchor.x - 1, anchor.y), (anchor.x + 1, anchor.y)]),
        LineString([(anchor.x, anchor.y - 1), (anchor.x, anchor.y + 1)]),
    ):
        (x0, y0), (x1, y1) = shapely.get_coordinates(zone.intersection(line))[[0, -1]]
        out.append(geodesic_distance_m(x0, y0, x1, y1) / 1000)
    return out[0], out[1]


@pytest.mark.parametrize(
    ("method", "ew_km", "ns_km"),
    [
        ("geodesic", 14.0, 14.0),
        ("degrees", 8.7, 14.0),  # 7 km / 111.32 km per degree, buffered in degrees
    ],
)
def test_geodesic_buffer_degrees_would_fail(
    method: str, ew_km: float, ns_km: float
) -> None:
    if method == "geodesic":
        zone = geodesic_buffer(KURSK, 7_000)
    else:
        zone = KURSK.buffer(7_000 / 111_320, quad_segs=64)
    ew, ns = _extent_km(zone, KURSK)
    assert (ew, ns) == (
        pytest.approx(ew_km, rel=0.005),
        pytest.approx(ns_km, rel=0.005),
    )


# -- sectors -------------------------------------------------------------------


SECTOR_CASES = [  # (lat, bearing_deg, half_angle_deg, min_m, max_m)
    (0.0, 0.0, 22.5, 25_000, 35_000),
    (52.0, 90.0, 45.0, 0, 30_000),
    (65.0, 225.0, 10.0, 100_000, 400_000),
    (48.0, 350.0, 180.0, 5_000, 10_000),  # full annulus
]


@pytest.mark.parametrize(("lat", "bearing", "half", "min_m", "max_m"), SECTOR_CASES)
def test_geodesic_sector_samples(
    lat: float, bearing: float, half: float, min_m: float, max_m: float
) -> None:
    anchor = Point(35.0, lat)
    zone = sector(anchor, bearing, half, min_m, max_m)
    lon, lat_ = sample_points(zone, N_SAMPLES, seed=1).T
    az, _, dist = GEOD.inv(np.full(N_SAMPLES, 35.0), np.full(N_SAMPLES, lat), lon, lat_)
    assert (dist >= min_m - _slack_m(min_m)).all() and (
        dist <= max_m + _slack_m(max_m)
    ).all()
    off_axis = np.abs((az - bearing + 180.0) % 360.0 - 180.0)
    assert (off_axis <= half + 0.05).all()


@pytest.mark.parametrize(("lat", "bearing", "half", "min_m", "max_m"), SECTOR_CASES)
def test_geodesic_sector_excludes_neighbours(
    lat: float, bearing: float, half: float, min_m: float, max_m: float
) -> None:
    anchor = Point(35.0, lat)
    zone = sector(anchor, bearing, half, min_m, max_m)
    mid_m = (min_m + max_m) / 2
    outside = [(bearing, max_m * 1.01)] + ([(bearing, min_m * 0.99)] if min_m else [])
    if half < 180:
        outside += [(bearing + half + 1, mid_m), (bearing - half - 1, mid_m)]
    az, dist_m = np.array(outside).T
    lon, lat_, _ = GEOD.fwd(np.full(az.size, 35.0), np.full(az.size, lat), az, dist_m)
    assert not shapely.contains_xy(zone, lon, lat_).any()
    lon, lat_, _ = GEOD.fwd(35.0, lat, bearing + 0.9 * half, mid_m)
    assert shapely.contains_xy(zone, lon, lat_)


# -- property test -------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    lon=st.floats(-179.0, 179.0),
    lat=st.floats(-70.0, 70.0),
    log_distance=st.floats(math.log(100.0), math.log(500_000.0)),
    tolerance_fraction=st.floats(0.05, 0.9),
    bearing=st.floats(0.0, 360.0),
    half=st.floats(1.0, 180.0),
    min_fraction=st.floats(0.0, 0.9),
)
def test_geodesic_property_band_and_sector(
    lon: float,
    lat: float,
    log_distance: float,
    tolerance_fraction: float,
    bearing: float,
    half: float,
    min_fraction: float,
) -> None:
    distance_m = math.exp(log_distance)
    tolerance_m = distance_m * tolerance_fraction
    n = 200
    # Tighter than the target, which is loose for short distances.
    slack_m = lambda d: 1e-3 * d + 1.0  # noqa: E731

    band = distance_band(Point(lon, lat), distance_m, tolerance_m)
    plon, plat = sample_points(band, n, seed=0).T
    dist = geodesic_distance_m(lon, lat, plon, plat)
    low, high = distance_m - tolerance_m, distance_m + tolerance_m
    assert (dist >= low - slack_m(low)).all() and (dist <= high + slack_m(high)).all()

    min_m = distance_m * min_fraction
    zone = sector(Point(lon, lat), bearing, half, min_m, distance_m)
    plon, plat = sample_points(zone, n, seed=0).T
    az, _, dist = GEOD.inv(np.full(n, lon), np.full(n, lat), plon, plat)
    assert (dist >= min_m - slack_m(min_m)).all()
    assert (dist <= distance_m + slack_m(distance_m)).all()
    off_axis = np.abs((az - bearing + 180.0) % 360.0 - 180.0)
    assert (off_axis <= half + 0.05).all()


# -- poles, antimeridian, other anchors ----------------------------------------


@pytest.mark.parametrize(
    ("anchor", "radius_m", "geom_type", "pole"),
    [
        (Point(179.9, 10.0), 50_000, "MultiPolygon", None),
        (Point(-179.5, 70.0), 500_000, "MultiPolygon", None),
        (Point(35.0, 65.0), 3_000_000, "Polygon", 90.0),
        (Point(-60.0, -80.0), 1_500_000, "Polygon", -90.0),
    ],
)
def test_geodesic_buffer_antimeridian_and_poles(
    anchor: Point, radius_m: float, geom_type: str, pole: float | None
) -> None:
    zone = geodesic_buffer(anchor, radius_m)
    assert zone.geom_type == geom_type and zone.is_valid
    minx, miny, maxx, maxy = zone.bounds
    assert -180.0 <= minx and maxx <= 180.0 and -90.0 <= miny and maxy <= 90.0
    if pole is not None:
        assert zone.contains(Point(0.0, pole * 0.99999))
    lon, lat = sample_points(zone, N_SAMPLES, seed=5).T
    assert geodesic_distance_m(anchor.x, anchor.y, lon, lat).max() <= radius_m
    # Area against GeographicLib's area of the exact circle (which handles poles).
    ring_lon, ring_lat = _ring(anchor, radius_m, n=20_000)
    exact_km2 = abs(GEOD.polygon_area_perimeter(ring_lon, ring_lat)[0]) / 1e6
    assert area_km2(zone) == pytest.approx(exact_km2, rel=2e-4)


@pytest.mark.parametrize(
    ("anchor", "radius_m"),
    [
        (box(35.0, 51.0, 35.5, 51.3), 5_000),
        (
            Polygon(
                box(35, 51, 36, 52).exterior, [box(35.2, 51.2, 35.8, 51.8).exterior]
            ),
            3_000,
        ),
        (MultiPoint([(35.0, 51.0), (35.1, 51.05)]), 4_000),
        (
            GeometryCollection(
                [Point(36.0, 51.5), LineString([(35, 51), (35.4, 51.2)])]
            ),
            6_000,
        ),
    ],
)
def test_geodesic_buffer_other_anchors(anchor: Any, radius_m: float) -> None:
    zone = geodesic_buffer(anchor, radius_m)
    assert zone.is_valid and zone.covers(anchor)
    lon, lat = sample_points(zone, N_SAMPLES, seed=2).T
    dist = distance_to_geometry_m(lon, lat, anchor)
    assert dist.max() <= radius_m + _slack_m(radius_m)
    # Points clearly farther away are outside (e.g. in the middle of a hole).
    lon, lat = sample_points(
        shapely.envelope(geodesic_buffer(anchor, 3 * radius_m)), 2_000
    ).T
    far = distance_to_geometry_m(lon, lat, anchor, step_m=100) > radius_m + _slack_m(
        radius_m
    )
    assert far.sum() > 100 and not shapely.contains_xy(zone, lon[far], lat[far]).any()


@pytest.mark.parametrize(("distance_m", "tolerance_m"), [(7_000, 0), (7_000, 7_000)])
def test_geodesic_band_degenerate_tolerances(
    distance_m: float, tolerance_m: float
) -> None:
    band = distance_band(KURSK, distance_m, tolerance_m)
    if tolerance_m == 0:
        assert band.is_empty and band.geom_type == "Polygon"
    else:  # d - tol <= 0: the whole disk
        assert band.contains(KURSK)
        assert area_km2(band) == pytest.approx(math.pi * 14**2, rel=1e-3)


# -- bad input -----------------------------------------------------------------

BAD_INPUT: list[tuple[str, Callable[[], Any], str]] = [
    ("zero radius", lambda: geodesic_buffer(KURSK, 0), "radius_m .* got 0"),
    ("negative radius", lambda: geodesic_buffer(KURSK, -5.0), "got -5.0"),
    ("NaN radius", lambda: geodesic_buffer(KURSK, math.nan), "got nan"),
    ("7,000,000 km", lambda: geodesic_buffer(KURSK, 7e9), "too large for a footprint"),
    ("string radius", lambda: geodesic_buffer(KURSK, "7 km"), "got '7 km'"),
    ("bool radius", lambda: geodesic_buffer(KURSK, True), "got True"),
    ("empty geometry", lambda: geodesic_buffer(Point(), 1_000), "empty"),
    (
        "not a geometry",
        lambda: geodesic_buffer((36.19, 51.73), 1_000),
        "shapely geometry",
    ),
    ("lat, lon swapped", lambda: geodesic_buffer(Point(51.73, 136.19), 1_000), "lat"),
    ("resolution 0", lambda: geodesic_buffer(KURSK, 1_000, resolution=0), "resolution"),
    ("zero distance", lambda: distance_band(KURSK, 0, 100), "distance_m .* got 0"),
    ("negative distance", lambda: distance_band(KURSK, -1, 100), "got -1"),
    ("NaN distance", lambda: distance_band(KURSK, math.nan, 100), "got nan"),
    (
        "negative tolerance",
        lambda: distance_band(KURSK, 1_000, -1),
        "tolerance_m .* >= 0",
    ),
    ("NaN tolerance", lambda: distance_band(KURSK, 1_000, math.nan), "tolerance_m"),
    ("sum too large", lambda: distance_band(KURSK, MAX_RADIUS_M, 1), "too large"),
    ("half angle 0", lambda: sector(KURSK, 0, 0, 0, 1_000), "half_angle_deg .* got 0"),
    ("half angle 181", lambda: sector(KURSK, 0, 181, 0, 1_000), "got 181"),
    ("NaN bearing", lambda: sector(KURSK, math.nan, 10, 0, 1_000), "bearing_deg"),
    ("min = max", lambda: sector(KURSK, 0, 10, 1_000, 1_000), "min_m must be < max_m"),
    ("min > max", lambda: sector(KURSK, 0, 10, 2_000, 1_000), "min_m must be < max_m"),
    ("negative min", lambda: sector(KURSK, 0, 10, -1, 1_000), "min_m"),
    ("max too large", lambda: sector(KURSK, 0, 10, 0, 6e6), "too large"),
    ("line anchor", lambda: sector(LineString([(0, 0), (1, 1)]), 0, 10, 0, 1), "Point"),
    ("zero step", lambda: distance_to_geometry_m(0, 0, KURSK, step_m=0), "step_m"),
    (
        "sample a line",
        lambda: sample_points(LineString([(0, 0), (1, 1)]), 5),
        "no area",
    ),
    ("sample -1", lambda: sample_points(box(0, 0, 1, 1), -1), "n must be"),
]


@pytest.mark.parametrize(
    ("call", "match"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_geodesic_bad_input_raises(call: Callable[[], Any], match: str) -> None:
    with pytest.raises(GeometryError, match=match):
        call()


# -- distances, areas, sampling ------------------------------------------------


@pytest.mark.parametrize(
    ("lon1", "lat1", "lon2", "lat2", "expected_m"),
    [
        (35.0, 0.0, 35.0, 1.0, 110_574.4),  # a degree of latitude at the equator
        (0.0, 0.0, 1.0, 0.0, 111_319.5),  # a degree of longitude at the equator
        (36.19, 51.73, 36.19, 51.73, 0.0),
    ],
)
def test_geodesic_distance_known_values(
    lon1: float, lat1: float, lon2: float, lat2: float, expected_m: float
) -> None:
    got = geodesic_distance_m(lon1, lat1, lon2, lat2)
    assert isinstance(got, float) and got == pytest.approx(expected_m, abs=0.1)


def test_geodesic_distance_broadcasts() -> None:
    lon = np.array([[35.0], [36.0], [37.0]])
    got = geodesic_distance_m(lon, [51.0, 52.0], 35.0, 51.0)
    assert got.shape == (3, 2) and got[0, 0] == 0.0


@pytest.mark.parametrize(
    ("geom", "lon", "lat", "expected_m"),
    [
        (KURSK, 36.29, 51.73, geodesic_distance_m(36.19, 51.73, 36.29, 51.73)),
        (box(35, 51, 36, 52), 35.5, 51.5, 0.0),  # inside a polygon
        (box(35, 51, 36, 52), 35.5, 52.0 + 1 / 111.25, 1_000.0),  # 1 km north of it
        (LineString([(35, 50), (35, 53)]), 35.1, 51.5, 6_944.0),
    ],
)
def test_geodesic_distance_to_geometry_values(
    geom: Any, lon: float, lat: float, expected_m: float
) -> None:
    got = distance_to_geometry_m(lon, lat, geom)
    assert isinstance(got, float) and got == pytest.approx(expected_m, abs=2.0)


@pytest.mark.parametrize("step_m", [50.0, 500.0])
def test_geodesic_distance_to_geometry_step_error(step_m: float) -> None:
    line = LineString([(30.0, 65.0), (31.0, 65.1), (33.2, 64.9)])  # ~150 km
    lon, lat = sample_points(geodesic_buffer(line, 20_000), 200, seed=4).T
    coarse = distance_to_geometry_m(lon, lat, line, step_m=step_m)
    fine = distance_to_geometry_m(lon, lat, line, step_m=2.0)  # within 1 m of exact
    # The vertex minimum overestimates, by at most step_m / 2.
    assert (coarse >= fine - 1.0).all() and (coarse <= fine + step_m / 2).all()
    assert (coarse - fine).max() > 0.01  # the step does matter


def test_geodesic_distance_to_geometry_long_line_matches_brute_force() -> None:
    line = LONG_LINES["1500 km parallel at lat 65"]
    lon, lat = sample_points(geodesic_buffer(line, 200_000), N_SAMPLES, seed=4).T
    got = distance_to_geometry_m(lon, lat, line)
    vertices = shapely.get_coordinates(
        shapely.segmentize(line, 0.001)
    )  # ~47 m at lat 65
    for i in range(0, N_SAMPLES, 50):
        n = len(vertices)
        brute = GEOD.inv(np.full(n, lon[i]), np.full(n, lat[i]), *vertices.T)[2].min()
        assert got[i] == pytest.approx(brute, abs=25.0)


def test_geodesic_distance_to_geometry_nan_and_shape() -> None:
    got = distance_to_geometry_m([[35.1, math.nan]], [[51.5, 51.5]], KURSK)
    assert got.shape == (1, 2) and math.isnan(got[0, 1]) and got[0, 0] > 0


def test_geodesic_area_of_box_matches_equal_area_projection() -> None:
    square = box(35.0, 51.0, 36.0, 52.0)
    to_ease = Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
    dense = shapely.segmentize(square, 0.001)
    projected = shapely.transform(
        dense, lambda xy: np.column_stack(to_ease.transform(*xy.T))
    )
    assert area_km2(square) == pytest.approx(projected.area / 1e6, rel=1e-5)


@pytest.mark.parametrize(
    ("geom", "expected_km2"),
    [
        (
            Polygon(box(35, 51, 36, 52).exterior, [box(35, 51, 35.5, 51.5).exterior]),
            0.75,
        ),
        (Polygon(box(35, 51, 36, 52).exterior.coords[::-1]), 1.0),  # clockwise
        (LineString([(35, 51), (36, 52)]), 0.0),
    ],
)
def test_geodesic_area_holes_and_orientation(geom: Any, expected_km2: float) -> None:
    unit_km2 = area_km2(box(35, 51, 36, 52))
    assert area_km2(geom) == pytest.approx(expected_km2 * unit_km2, rel=2e-3)


@pytest.mark.parametrize("radius_m", [1_000.0, 7_000.0, 50_000.0])
def test_geodesic_area_of_small_circle(radius_m: float) -> None:
    assert area_km2(geodesic_buffer(KURSK, radius_m)) == pytest.approx(
        math.pi * (radius_m / 1000) ** 2, rel=2e-4
    )


@pytest.mark.parametrize(
    ("polygon", "n"),
    [
        (box(35.0, 51.0, 36.0, 52.0), 500),
        (
            geodesic_buffer(Point(179.9, 10.0), 50_000),
            1_000,
        ),  # split at the antimeridian
        (box(0, 0, 1, 1), 0),
    ],
)
def test_geodesic_sample_points_inside_and_reproducible(polygon: Any, n: int) -> None:
    points = sample_points(polygon, n, seed=11)
    assert points.shape == (n, 2)
    assert shapely.contains_xy(polygon, points[:, 0], points[:, 1]).all()
    np.testing.assert_array_equal(points, sample_points(polygon, n, seed=11))
    if polygon.geom_type == "MultiPolygon":  # both sides of the antimeridian
        assert (points[:, 0] > 0).any() and (points[:, 0] < 0).any()
