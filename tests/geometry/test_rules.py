"""The footprint rule registry: a test row per rule, pinned parameters, named keys."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import shapely

from geoclaims import config
from geoclaims.geometry import geodesic
from geoclaims.geometry.rules import RULES, near_radius_km
from geoclaims.pipeline import analyze

#: One sentence per rule, the anchor (GeoNames id or border) it must use, and a check of
#: the geometry against the rule's own parameters.
RULE_ROWS = [
    ("distance_from.v1", "The convoy was 20 km from Kharkiv at dawn.", "706483"),
    ("bearing.v1", "Shells fell 30 km north-east of Kharkiv.", "706483"),
    ("near.v2", "A strike hit near Sumy overnight.", "692194"),
    ("in_region.v2", "Drones struck targets in Belgorod region overnight.", "578071"),
    ("border_zone.v1", "Shelling hit villages close to the Ukrainian border in Russia's "
                       "Kursk region.", "RU-UA"),
    ("from_border.v1", "KHARKIV, Ukraine - Officials said drones hit a depot about 12 km "
                       "from the border in Russia's Belgorod region.", "RU-UA"),
    ("between.v1", "Drones flew between Sumy and Kharkiv.", "692194"),
    ("admin_boundary.v1", "Fighting raged near the boundary of Kursk and Bryansk Oblasts.",
     "538555"),
    ("relative_distance.v1", "Shells hit near Sumy. The crew fled 30 km from their firing "
     "position.", "692194"),
]


def _check_geometry(key: str, fp, gazetteer) -> None:  # type: ignore[no-untyped-def]
    rule = next(r for r in RULES.values() if r.key == key)
    params = rule.params
    if key in ("distance_from.v1", "bearing.v1"):
        anchor = gazetteer.by_id(int(fp.anchors[0]))
        pts = geodesic.sample_points(fp.geometry, 200, seed=2)
        d = np.asarray(geodesic.geodesic_distance_m(
            np.full(len(pts), anchor.lon), np.full(len(pts), anchor.lat), pts[:, 0], pts[:, 1]))
        assert d.min() >= fp.params["low_m"] * 0.99 - 50
        assert d.max() <= fp.params["high_m"] * 1.01 + 50
    elif key == "near.v2":
        anchor = gazetteer.by_id(int(fp.anchors[0]))
        radius = near_radius_km(anchor, params["radius_km"])
        assert fp.params["radius_km"] == [radius]
        assert fp.uncertainty_km == pytest.approx(radius, rel=0.02)
    elif key == "in_region.v2":
        region = gazetteer.polygon(int(fp.anchors[0]))
        assert shapely.difference(fp.geometry, region.buffer(1e-6)).area < 1e-9
    elif key in ("border_zone.v1", "from_border.v1"):
        a, b = fp.anchors[0].split("-")
        pts = geodesic.sample_points(fp.geometry, 200, seed=4)
        d = geodesic.distance_to_geometry_m(pts[:, 0], pts[:, 1], gazetteer.border(a, b))
        top = params["depth_km"] * 1000 if "depth_km" in params else fp.params["high_m"]
        assert d.max() <= top * 1.01 + 50
    elif key == "between.v1":
        assert fp.params["width_m"] >= params["min_width_m"]
    elif key == "admin_boundary.v1":
        kursk, bryansk = (gazetteer.polygon(int(a)) for a in fp.anchors)
        inside = shapely.union(kursk, bryansk)
        assert shapely.difference(fp.geometry, inside.buffer(1e-6)).area < 1e-9
        assert fp.geometry.intersects(kursk) and fp.geometry.intersects(bryansk)
        pts = geodesic.sample_points(fp.geometry, 200, seed=6)
        shared = shapely.intersection(kursk.boundary, bryansk.buffer(0.01))
        d = geodesic.distance_to_geometry_m(pts[:, 0], pts[:, 1], shared)
        assert d.max() <= params["depth_km"] * 1000 * 1.01 + 50
    elif key == "relative_distance.v1":
        # measured from the edge of the earlier "near Sumy" disc
        anchor = gazetteer.by_id(int(fp.anchors[0]))
        disc_m = near_radius_km(anchor) * 1000
        pts = geodesic.sample_points(fp.geometry, 200, seed=5)
        d = np.asarray(geodesic.geodesic_distance_m(
            np.full(len(pts), anchor.lon), np.full(len(pts), anchor.lat), pts[:, 0], pts[:, 1]))
        assert d.min() >= fp.params["low_m"] + disc_m * 0.98 - 50
        assert d.max() <= fp.params["high_m"] + disc_m * 1.02 + 50
        assert fp.params["from_expression"] == "near Sumy"


@pytest.mark.parametrize(("key", "text", "anchor"), RULE_ROWS, ids=[r[0] for r in RULE_ROWS])
def test_rules_each_rule_builds_its_geometry(gazetteer, key, text, anchor):  # type: ignore[no-untyped-def]
    report = analyze(text, gazetteer=gazetteer)
    made = [f for f in report.footprints if f.rule == key]
    assert made, [(e.relation, e.problems) for e in report.expressions]
    assert anchor in made[0].anchors
    assert made[0].geometry.is_valid and made[0].area_km2 > 0
    _check_geometry(key, made[0], gazetteer)


def test_rules_every_rule_has_a_test_row():  # type: ignore[no-untyped-def]
    assert sorted(r.key for r in RULES.values()) == sorted(row[0] for row in RULE_ROWS)
    assert all(r.reason and r.relation in RULES for r in RULES.values())


def test_rules_a_version_pins_its_parameters(gazetteer, monkeypatch):  # type: ignore[no-untyped-def]
    """Changing a documented default later does not change what ``near.v2`` means."""
    before = analyze("A strike hit near Sumy overnight.", gazetteer=gazetteer).footprints[0]
    monkeypatch.setitem(config.NEAR_RADIUS_KM, "city", 99.0)
    monkeypatch.setattr(config, "APPROX_TOLERANCE_FRACTION", 0.9)
    after = analyze("A strike hit near Sumy overnight.", gazetteer=gazetteer).footprints[0]
    assert after.params == before.params
    assert after.geometry.equals_exact(before.geometry, 1e-9)
    with pytest.raises(TypeError):
        RULES["near"].params["radius_km"]["city"] = 1.0  # type: ignore[index]


@pytest.mark.parametrize("key", ["near", "near.1", "near.va", ".v1"])
def test_rules_key_must_be_versioned(key):  # type: ignore[no-untyped-def]
    rule = RULES["near"]
    with pytest.raises(ValueError, match=r"<name>\.v<N>"):
        dataclasses.replace(rule, key=key)
