"""Footprints from spatial expressions: rules, the shared example, bad input."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geoclaims.errors import GeometryError
from geoclaims.geometry import geodesic
from geoclaims.geometry.footprints import (
    RULES,
    distance_interval_m,
    near_radius_km,
    precision_class,
)
from geoclaims.pipeline import analyze
from geoclaims.text.spatial import find_spatial_expressions


@pytest.fixture(scope="module")
def example_report(example_article, gazetteer):  # type: ignore[no-untyped-def]
    return analyze(str(example_article["text"]), gazetteer=gazetteer)


def _footprint_at(report, offset):  # type: ignore[no-untyped-def]
    for fp in report.footprints:
        if fp.expression is not None and fp.expression.start <= offset < fp.expression.end:
            return fp
    raise AssertionError(f"no footprint covers offset {offset}")


def _lonlat(points):  # type: ignore[no-untyped-def]
    arr = np.asarray(points, dtype=float)  # (n, 2) lon, lat
    return arr[:, 0], arr[:, 1]


def test_footprints_example_seven_km_band(example_report, gazetteer):  # type: ignore[no-untyped-def]
    fp = _footprint_at(example_report, 1501)
    assert fp.rule == RULES["from_border"].key
    assert fp.anchors == ("RU-UA",)
    assert fp.geometry.is_valid and not fp.geometry.is_empty
    russia = gazetteer.polygon(gazetteer.country("RU").geonameid)
    kursk, bryansk = gazetteer.polygon(538555), gazetteer.polygon(571473)
    oblasts = shapely.union(kursk, bryansk)
    # in Russia, inside the two oblasts (tiny tolerance for edge rounding)
    assert shapely.difference(fp.geometry, russia.buffer(1e-6)).area < 1e-9
    assert shapely.difference(fp.geometry, oblasts.buffer(1e-6)).area < 1e-9
    lon, lat = _lonlat(geodesic.sample_points(fp.geometry, 1000, seed=1))
    dist_km = geodesic.distance_to_geometry_m(lon, lat, gazetteer.border("RU", "UA")) / 1000
    assert dist_km.min() >= 4.0
    assert dist_km.max() <= 10.0
    # touches both oblasts
    assert fp.geometry.intersects(kursk) and fp.geometry.intersects(bryansk)


def test_footprints_example_border_zone_on_russian_side(example_report, gazetteer):  # type: ignore[no-untyped-def]
    fp = _footprint_at(example_report, 1440)
    assert fp.rule == RULES["border_zone"].key
    assert fp.params["home"] == "RU" and fp.params["other_side"] == "UA"
    ukraine = gazetteer.polygon(gazetteer.country("UA").geonameid)
    assert shapely.intersection(fp.geometry, ukraine).area < 1e-9
    assert fp.params["depth_km"] > 0


def test_footprints_example_near_donetsk(example_report):  # type: ignore[no-untyped-def]
    fp = _footprint_at(example_report, 4165)
    assert fp.rule == RULES["near"].key
    assert fp.anchors == ("709717",)
    centre = shapely.Point(37.80224, 48.023)
    assert fp.geometry.contains(centre)
    radius_m = fp.params["radius_km"][0] * 1000
    lon, lat = _lonlat(geodesic.sample_points(fp.geometry, 500, seed=2))
    d = geodesic.geodesic_distance_m(37.80224, 48.023, lon, lat)
    assert d.max() <= radius_m * 1.005 + 50


def test_footprints_example_near_two_places(example_report):  # type: ignore[no-untyped-def]
    fp = _footprint_at(example_report, 830)
    assert fp.rule == RULES["near"].key
    assert "486816" in fp.anchors
    assert fp.geometry.contains(shapely.Point(35.271, 51.191))


@pytest.mark.parametrize(
    ("text", "low_m", "high_m"),
    [
        ("around 7 kilometers from the border", 4900, 9100),
        ("7 km from the border", 5950, 8050),
        ("up to 7 km from the border", 0, 7000),
        ("within 10 miles of Kharkiv", 0, 16093.44),
        ("more than 20 km from Pokrovsk", 20000, 30000),
        ("10-15 km from the border", 10000, 15000),
        ("seven kilometres from the border", 5950, 8050),
        ("1 km from the border", 500, 1500),
    ],
)
def test_footprints_distance_interval_rule(text, low_m, high_m):  # type: ignore[no-untyped-def]
    expr = find_spatial_expressions(text)[0]
    lo, hi = distance_interval_m(expr)
    assert lo == pytest.approx(low_m, abs=1)
    assert hi == pytest.approx(high_m, abs=1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The convoy was 7,000,000 km from Kharkiv.", "exceeds"),
        ("The convoy was 0 km from Kharkiv.", "positive"),
        ("The shelling came from the north.", "anchor"),
        ("They were 5 km from Xyzzyqville.", "anchor"),
        ("Troops massed near the Spain-Ukraine border.", "border"),
    ],
)
def test_footprints_bad_input_records_reason(text, reason, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    assert report.expressions, "the phrase must still be recognised"
    assert not report.footprints
    problems = " ".join(p for e in report.expressions for p in e.problems)
    assert reason in problems


def test_footprints_no_shared_border(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(
        "Officials in Madrid said troops gathered close to the Ukrainian border of Spain.",
        gazetteer=gazetteer,
    )
    problems = " ".join(p for e in report.expressions for p in e.problems)
    assert "share no border" in problems or "neighbour" in problems
    assert not [f for f in report.footprints if f.relation == "border_zone"]


@pytest.mark.parametrize(
    ("text", "relation", "anchor"),
    [
        ("Shells fell 30 km north-east of Kharkiv.", "direction_from", "706483"),
        ("Fighting continued south of Kharkiv.", "direction_from", "706483"),
        ("A strike hit near Sumy overnight.", "near", "692194"),
        ("Drones flew between Sumy and Kharkiv.", "between", "692194"),
    ],
)
def test_footprints_place_relations(text, relation, anchor, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    fps = [f for f in report.footprints if f.relation == relation]
    assert fps, [e.problems for e in report.expressions]
    assert anchor in fps[0].anchors
    assert fps[0].geometry.is_valid and fps[0].area_km2 > 0
    assert fps[0].precision_class in (1, 2, 3)


def test_footprints_direction_sector_bearing(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("Shells fell 30 km north-east of Kharkiv.", gazetteer=gazetteer)
    fp = report.footprints[0]
    kharkiv = gazetteer.by_id(706483)
    lon, lat = _lonlat(geodesic.sample_points(fp.geometry, 500, seed=3))
    from pyproj import Geod

    az, _, dist = Geod(ellps="WGS84").inv(
        np.full(lon.shape, kharkiv.lon), np.full(lat.shape, kharkiv.lat), lon, lat
    )
    az = np.mod(az, 360)
    half = fp.params["half_angle_deg"]
    assert np.all(np.abs(((az - 45 + 180) % 360) - 180) <= half + 0.5)
    assert dist.min() >= fp.params["low_m"] * 0.995 - 50
    assert dist.max() <= fp.params["high_m"] * 1.005 + 50


@pytest.mark.parametrize(
    ("population", "kind", "radius"),
    [(500, "populated_place", 5.0), (50_000, "populated_place", 10.0),
     (500_000, "populated_place", 15.0), (2_000_000, "populated_place", 25.0),
     (0, "admin1", 10.0)],
)
def test_footprints_near_radius_table(gazetteer, population, kind, radius):  # type: ignore[no-untyped-def]
    import dataclasses

    base = gazetteer.by_id(486816)
    place = dataclasses.replace(base, population=population, kind=kind)
    assert near_radius_km(place) == radius


@pytest.mark.parametrize(("area", "cls"), [(1.0, 1), (100.0, 1), (101.0, 2), (6000.0, 3)])
def test_footprints_precision_class(area, cls):  # type: ignore[no-untyped-def]
    assert precision_class(area) == cls


def test_footprints_geojson_serialisable(example_report):  # type: ignore[no-untyped-def]
    import json

    for fp in example_report.footprints:
        gj = fp.__geo_interface__
        assert gj["type"] in ("Polygon", "MultiPolygon")
        json.dumps(gj)
        assert shapely.geometry.shape(gj).equals_exact(fp.geometry, 1e-9)


def test_footprints_errors_are_geometry_errors():  # type: ignore[no-untyped-def]
    expr = find_spatial_expressions("7,000,000 km from the border")[0]
    with pytest.raises(GeometryError, match="exceeds"):
        distance_interval_m(expr)


def test_footprints_negative_distance_rejected(gazetteer):  # type: ignore[no-untyped-def]
    report = analyze("The unit was -5 km from Kharkiv at dawn.", gazetteer=gazetteer)
    assert report.expressions and not report.footprints
    assert "positive" in " ".join(report.expressions[0].problems)


@pytest.mark.parametrize(("side", "other"), [("RU", "UA"), ("UA", "RU")])
def test_footprints_border_zone_function(gazetteer, side, other):  # type: ignore[no-untyped-def]
    from geoclaims.geometry.footprints import border_zone

    zone = border_zone(gazetteer, "RU", "UA", 15_000, side=side)
    assert zone.is_valid and not zone.is_empty
    opposite = gazetteer.polygon(gazetteer.country(other).geonameid)
    assert shapely.intersection(zone, opposite).area < 1e-9
    lon, lat = _lonlat(geodesic.sample_points(zone, 300, seed=5))
    d = geodesic.distance_to_geometry_m(lon, lat, gazetteer.border("RU", "UA"))
    assert d.max() <= 15_000 * 1.005 + 50
    with pytest.raises(GeometryError, match="share no border"):
        border_zone(gazetteer, "ES", "UA", 15_000)
    with pytest.raises(GeometryError, match="side"):
        border_zone(gazetteer, "RU", "UA", 15_000, side="PL")


@pytest.mark.parametrize(
    ("text", "home", "region"),
    [
        ("KHARKIV, Ukraine - Officials said drones hit a depot about 12 km from the border "
         "in Russia's Belgorod region overnight.", "RU", 578071),
        ("BELGOROD, Russia - Shelling hit a village about 10 km from the border in Ukraine's "
         "Sumy region, officials said.", "UA", 692196),
    ],
)
def test_footprints_border_side_from_nearest_region(text, home, region, gazetteer):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    bands = [f for f in report.footprints if f.rule.startswith("from_border")]
    assert len(bands) == 1
    assert bands[0].params["home"] == home
    assert bands[0].params["clipped_to"] == [region]
