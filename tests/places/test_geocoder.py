"""Tests of the offline geopy-compatible geocoder and the opt-in online wrapper."""

from __future__ import annotations

import functools
import socket
import subprocess
import sys

import geopandas
import numpy as np
import pytest
import shapely
from geopy.exc import GeocoderNotFound, GeocoderQueryError, GeocoderTimedOut
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location
from geopy.point import Point
from pyproj import Geod

from geoclaims.errors import (
    ConfigurationError,
    GeoclaimsError,
    InputError,
    OnlineGeocodingError,
)
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geocoder import OfflineGeocoder, haversine_m
from geoclaims.places.online import OnlineGeocoder, latlon_query, online_geocoder

GEOD = Geod(ellps="WGS84")
SUDZHA, KURSK_OBLAST, RUSSIA = 486816, 538555, 2017370
DONETSK_UA, DONETSK_RU, DONETSK_OBLAST = 709717, 565348, 709716
RAW_KEYS = {
    "geonameid",
    "kind",
    "country_code",
    "admin1_code",
    "population",
    "gazetteer_version",
}


@functools.cache
def _coder(gazetteer: Gazetteer) -> OfflineGeocoder:
    """One geocoder per gazetteer, so its lazy indexes load once per session."""
    return OfflineGeocoder(gazetteer=gazetteer)


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def _refuse_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any socket connection fail loudly for the rest of the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("test tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# -- geocode ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Sudzha", 51.191, 35.271), ("Суджа", 51.191, 35.271)],
)
def test_geocoder_geocode_point(gazetteer, query, lat, lon):  # type: ignore[no-untyped-def]
    loc = _coder(gazetteer).geocode(query)
    assert isinstance(loc, Location)
    assert _distance_m(loc.latitude, loc.longitude, lat, lon) < 1000.0


@pytest.mark.parametrize(
    ("query", "geonameid"),
    [
        ("Sudzha", SUDZHA),
        ("Суджа", SUDZHA),
        ("sudzha", SUDZHA),
        ("Sudzha, Russia", SUDZHA),
        ("Sudzha, Kursk Oblast, Russia", SUDZHA),
        ("Donetsk, Ukraine", DONETSK_UA),
        ("Donetsk, Russia", DONETSK_RU),
        ("Donetsk, RU", DONETSK_RU),
        ("Donetsk, RU-ROS", DONETSK_RU),
        ("Donetsk, Donetsk Oblast", DONETSK_UA),
        ("Kursk Oblast", KURSK_OBLAST),
        ("Kursk region", KURSK_OBLAST),
        ("Kursk", 538560),
    ],
)
def test_geocoder_geocode_geonameid(gazetteer, query, geonameid):  # type: ignore[no-untyped-def]
    loc = _coder(gazetteer).geocode(query)
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == geonameid


@pytest.mark.parametrize(
    ("query", "country_code", "admin1_code"),
    [("Donetsk, Russia", "RU", "61"), ("Donetsk, Ukraine", "UA", "05")],
)
def test_geocoder_geocode_qualifier_region(gazetteer, query, country_code, admin1_code):  # type: ignore[no-untyped-def]
    raw = _coder(gazetteer).geocode(query).raw
    assert (raw["country_code"], raw["admin1_code"]) == (country_code, admin1_code)
    assert raw["kind"] == "populated_place"


@pytest.mark.parametrize("query", ["Sudzha", "Donetsk, Russia"])
def test_geocoder_geocode_raw_record(gazetteer, query):  # type: ignore[no-untyped-def]
    loc = _coder(gazetteer).geocode(query)
    assert RAW_KEYS <= set(loc.raw)
    assert loc.raw["gazetteer_version"] == gazetteer.version
    place = gazetteer.by_id(loc.raw["geonameid"])
    assert place is not None
    assert (loc.latitude, loc.longitude) == (place.lat, place.lon)
    assert loc.address.startswith(place.name)
    # geopy's tuple protocol, which geopandas relies on: (address, (lat, lon)).
    address, (lat, lon) = loc
    assert (address, lat, lon) == (loc.address, place.lat, place.lon)


@pytest.mark.parametrize(
    "query", ["Nowhere-that-does-not-exist-xyz", "", "   ", " , ", "Xyzzyq, Russia"]
)
def test_geocoder_geocode_not_found(gazetteer, query):  # type: ignore[no-untyped-def]
    coder = _coder(gazetteer)
    assert coder.geocode(query) is None
    assert coder.geocode(query, exactly_one=False) is None


@pytest.mark.parametrize(
    ("query", "limit"),
    [("Paris", None), ("Paris", 1), ("Paris", 3), ("Donetsk", 2), ("Washington", 10)],
)
def test_geocoder_geocode_list_sorted_and_limited(gazetteer, query, limit):  # type: ignore[no-untyped-def]
    found = _coder(gazetteer).geocode(query, exactly_one=False, limit=limit)
    assert isinstance(found, list) and found
    assert all(isinstance(loc, Location) for loc in found)
    if limit is not None:
        assert len(found) <= limit
    scores = [loc.raw["score"] for loc in found]
    assert scores == sorted(scores, reverse=True)
    assert len({loc.raw["geonameid"] for loc in found}) == len(found)
    best = _coder(gazetteer).geocode(query)
    assert best.raw["geonameid"] == found[0].raw["geonameid"]


@pytest.mark.parametrize(
    ("query", "country_codes", "geonameid"),
    [
        ("Donetsk", "ru", DONETSK_RU),
        ("Donetsk", ["RU"], DONETSK_RU),
        ("Donetsk", ("ua",), DONETSK_UA),
        ("Donetsk", ["fr"], None),
        ("Donetsk, Ukraine", ["ru"], None),
    ],
)
def test_geocoder_geocode_country_codes(gazetteer, query, country_codes, geonameid):  # type: ignore[no-untyped-def]
    coder = _coder(gazetteer)
    loc = coder.geocode(query, country_codes=country_codes)
    assert (None if loc is None else loc.raw["geonameid"]) == geonameid
    found = coder.geocode(query, exactly_one=False, country_codes=country_codes) or []
    wanted = {
        c.upper()
        for c in ([country_codes] if isinstance(country_codes, str) else country_codes)
    }
    assert all(loc.raw["country_code"] in wanted for loc in found)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"limit": 0}, ConfigurationError),
        ({"limit": -2}, ConfigurationError),
        ({"limit": 1.5}, ConfigurationError),
        ({"country_codes": "RUS"}, ConfigurationError),
        ({"country_codes": [7]}, ConfigurationError),
    ],
)
def test_geocoder_geocode_bad_options(gazetteer, kwargs, error):  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        _coder(gazetteer).geocode("Sudzha", exactly_one=False, **kwargs)


@pytest.mark.parametrize("query", [None, 42, ("Sudzha",)])
def test_geocoder_geocode_rejects_non_str(gazetteer, query):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        _coder(gazetteer).geocode(query)


@pytest.mark.parametrize(
    "kwargs", [{"timeout": 10}, {"language": "ru"}, {"timeout": None, "language": "en"}]
)
def test_geocoder_geocode_accepts_geopy_arguments(gazetteer, kwargs):  # type: ignore[no-untyped-def]
    assert _coder(gazetteer).geocode("Sudzha", **kwargs).raw["geonameid"] == SUDZHA


# -- reverse ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", [(51.19, 35.27), "51.19, 35.27", Point(51.19, 35.27), [51.19, 35.27]]
)
def test_geocoder_reverse_nearest(gazetteer, query):  # type: ignore[no-untyped-def]
    loc = _coder(gazetteer).reverse(query)
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == SUDZHA
    assert loc.raw["kind"] == "populated_place"
    assert loc.raw["distance_m"] == pytest.approx(
        _distance_m(51.19, 35.27, loc.latitude, loc.longitude), rel=0.01
    )
    assert RAW_KEYS <= set(loc.raw)


@pytest.mark.parametrize(
    ("query", "kind", "geonameid"),
    [
        ((51.19, 35.27), "admin", KURSK_OBLAST),
        ((51.73, 36.19), "admin", KURSK_OBLAST),
        ((48.0, 37.8), "admin", DONETSK_OBLAST),
        ((51.19, 35.27), "country", RUSSIA),
        ((48.0, 37.8), "country", 690791),
    ],
)
def test_geocoder_reverse_area(gazetteer, query, kind, geonameid):  # type: ignore[no-untyped-def]
    loc = _coder(gazetteer).reverse(query, kind=kind)
    assert isinstance(loc, Location)
    assert loc.raw["geonameid"] == geonameid
    polygon = gazetteer.polygon(geonameid)
    assert polygon is not None and polygon.contains(shapely.Point(query[1], query[0]))
    assert isinstance(loc.raw["approximate"], bool)


@pytest.mark.parametrize("kind", [None, "populated_place", "admin", "country"])
def test_geocoder_reverse_open_sea_is_none(gazetteer, kind):  # type: ignore[no-untyped-def]
    assert _coder(gazetteer).reverse((0.0, -30.0), kind=kind) is None


@pytest.mark.parametrize(
    ("max_km", "found"), [(None, True), (100.0, False), (1000.0, True)]
)
def test_geocoder_reverse_max_distance(gazetteer, max_km, found):  # type: ignore[no-untyped-def]
    # 0N 30W lies about 350 km from the nearest island settlement (Fernando de Noronha).
    coder = OfflineGeocoder(gazetteer=gazetteer, reverse_max_distance_km=max_km)
    loc = coder.reverse((0.0, -30.0))
    assert (loc is not None) is found
    if loc is not None and max_km is not None:
        assert loc.raw["distance_m"] <= max_km * 1000


@pytest.mark.parametrize("seed", [0, 1])
def test_geocoder_reverse_matches_brute_force(gazetteer, seed):  # type: ignore[no-untyped-def]
    rows = gazetteer._query(
        "SELECT geonameid, lat, lon FROM places WHERE kind = 'populated_place' "
        "AND lat IS NOT NULL AND lon IS NOT NULL"
    )
    ids = np.array([r[0] for r in rows])
    lats = np.array([r[1] for r in rows], dtype=float)
    lons = np.array([r[2] for r in rows], dtype=float)
    coder = OfflineGeocoder(gazetteer=gazetteer, reverse_max_distance_km=None)
    rng = np.random.default_rng(seed)
    # Random land-ish points, plus the antimeridian and high latitudes.
    points = [
        (float(a), float(b))
        for a, b in zip(
            rng.uniform(-60, 75, 12), rng.uniform(-180, 180, 12), strict=True
        )
    ]
    points += [
        (64.7, 179.9),
        (65.0, -179.95),
        (-17.0, 179.99),
        (78.2, 15.6),
        (-77.8, 166.7),
    ]
    for lat, lon in points:
        loc = coder.reverse((lat, lon))
        dist = haversine_m(lon, lat, lons, lats)
        assert loc is not None
        assert loc.raw["distance_m"] == pytest.approx(float(dist.min()), abs=0.1)
        assert ids[int(np.argmin(dist))] == loc.raw["geonameid"] or np.isclose(
            np.sort(dist)[1], dist.min()
        )


def test_geocoder_reverse_exactly_one_false(gazetteer):  # type: ignore[no-untyped-def]
    found = _coder(gazetteer).reverse((51.19, 35.27), exactly_one=False)
    assert isinstance(found, list) and len(found) == 1
    assert found[0].raw["geonameid"] == SUDZHA


@pytest.mark.parametrize("query", ["abc", None, ("51.19",), object()])
def test_geocoder_reverse_bad_query(gazetteer, query):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        _coder(gazetteer).reverse(query)


def test_geocoder_reverse_latitude_out_of_range(gazetteer):  # type: ignore[no-untyped-def]
    # geopy warns that (lon, lat) may have been swapped, then refuses the point.
    with pytest.raises(InputError), pytest.warns(UserWarning, match="order"):
        _coder(gazetteer).reverse((100.0, 0.0))


@pytest.mark.parametrize("kind", ["city", "admin2", ""])
def test_geocoder_reverse_bad_kind(gazetteer, kind):  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigurationError):
        _coder(gazetteer).reverse((51.19, 35.27), kind=kind)


@pytest.mark.parametrize("value", [0, -5, float("nan"), float("inf"), "100"])
def test_geocoder_bad_max_distance(value):  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigurationError):
        OfflineGeocoder(reverse_max_distance_km=value)


@pytest.mark.parametrize(
    ("lon", "lat", "lons", "lats", "expected_m"),
    [
        (0.0, 0.0, [1.0], [0.0], 111_195.08),
        (0.0, 0.0, [180.0], [0.0], 20_015_114.44),
        (179.5, 0.0, [-179.5], [0.0], 111_195.08),
    ],
)
def test_geocoder_haversine_m(lon, lat, lons, lats, expected_m):  # type: ignore[no-untyped-def]
    got = haversine_m(lon, lat, np.array(lons), np.array(lats))
    assert got[0] == pytest.approx(expected_m, abs=0.5)


# -- geopy and geopandas integration ---------------------------------------------


@pytest.mark.parametrize(
    ("query", "geonameid"), [("Sudzha", SUDZHA), ("Donetsk, Russia", DONETSK_RU)]
)
def test_geocoder_rate_limiter_target(gazetteer, query, geonameid):  # type: ignore[no-untyped-def]
    geocode = RateLimiter(_coder(gazetteer).geocode, min_delay_seconds=0)
    assert geocode(query).raw["geonameid"] == geonameid
    assert geocode(query, exactly_one=False)[0].raw["geonameid"] == geonameid


def test_geocoder_geopandas_geocode(gazetteer):  # type: ignore[no-untyped-def]
    df = geopandas.tools.geocode(
        ["Sudzha", "Donetsk, Russia", "Nowhere-that-does-not-exist-xyz"],
        provider=OfflineGeocoder,
        gazetteer=gazetteer,
    )
    assert df.crs == "EPSG:4326"
    assert df.geometry.iloc[0].x == pytest.approx(35.271, abs=0.01)
    assert df.geometry.iloc[0].y == pytest.approx(51.191, abs=0.01)
    assert df.address.iloc[1].startswith("Donetsk")
    assert df.geometry.iloc[2].is_empty


def test_geocoder_geopandas_reverse_geocode(gazetteer):  # type: ignore[no-untyped-def]
    df = geopandas.tools.reverse_geocode(
        [shapely.Point(35.27, 51.19), shapely.Point(-30.0, 0.0)],
        provider=OfflineGeocoder,
        gazetteer=gazetteer,
    )
    assert df.address.iloc[0].startswith("Sudzha")
    assert df.geometry.iloc[1].is_empty


# -- online (offline parts only; nothing here touches the network) ---------------


@pytest.mark.parametrize("user_agent", ["", "   ", None])
def test_online_empty_user_agent(monkeypatch, user_agent):  # type: ignore[no-untyped-def]
    _refuse_network(monkeypatch)
    with pytest.raises(ConfigurationError):
        online_geocoder("nominatim", user_agent=user_agent)


@pytest.mark.parametrize("service", ["no-such-geocoder", "nominatimm", ""])
def test_online_unknown_service(monkeypatch, service):  # type: ignore[no-untyped-def]
    _refuse_network(monkeypatch)
    with pytest.raises(GeoclaimsError) as info:
        online_geocoder(service, user_agent="geoclaims-tests")
    assert isinstance(info.value, ConfigurationError)
    if service:
        assert isinstance(info.value.__cause__, GeocoderNotFound)


@pytest.mark.parametrize(
    ("service", "kwargs"),
    [
        ("nominatim", {"min_delay_seconds": 0.5}),
        ("photon", {"min_delay_seconds": -1}),
        ("photon", {"max_retries": -1}),
        ("photon", {"error_wait_seconds": float("nan")}),
        ("nominatim", {"error_wait_seconds": 0.5}),  # geopy wants >= min delay
        (
            "googlev3",
            {},
        ),  # geopy requires an api_key: its ConfigurationError is wrapped
    ],
)
def test_online_bad_settings(monkeypatch, service, kwargs):  # type: ignore[no-untyped-def]
    _refuse_network(monkeypatch)
    with pytest.raises(ConfigurationError):
        online_geocoder(service, user_agent="geoclaims-tests", **kwargs)


@pytest.mark.parametrize(
    "geopy_error", [GeocoderTimedOut("slow"), GeocoderQueryError("bad query")]
)
def test_online_errors_wrapped(monkeypatch, geopy_error):  # type: ignore[no-untyped-def]
    _refuse_network(monkeypatch)
    coder = online_geocoder(
        "photon",
        user_agent="geoclaims-tests",
        min_delay_seconds=0,
        max_retries=0,
        error_wait_seconds=0,
    )
    assert isinstance(coder, OnlineGeocoder)

    def fail(query, **kwargs):  # type: ignore[no-untyped-def]
        raise geopy_error

    monkeypatch.setattr(coder.geocoder, "geocode", fail)
    monkeypatch.setattr(coder.geocoder, "reverse", fail)
    with pytest.raises(OnlineGeocodingError) as info:
        coder.geocode("Sudzha")
    assert info.value.__cause__ is geopy_error
    with pytest.raises(OnlineGeocodingError):
        coder.reverse(latlon_query(35.27, 51.19))


def test_online_passes_results_through(monkeypatch):  # type: ignore[no-untyped-def]
    _refuse_network(monkeypatch)
    coder = online_geocoder("photon", user_agent="geoclaims-tests", min_delay_seconds=0)
    calls = []
    fake = Location("Sudzha", (51.19, 35.27), {"fake": True})

    def answer(query, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((query, kwargs))
        return fake

    monkeypatch.setattr(coder.geocoder, "geocode", answer)
    assert coder.geocode("Sudzha", exactly_one=True) is fake
    assert coder("Sudzha") is fake
    assert calls == [("Sudzha", {"exactly_one": True}), ("Sudzha", {})]


@pytest.mark.parametrize(("lon", "lat"), [(35.27, 51.19), (-30.0, 0.0)])
def test_online_latlon_query(lon, lat):  # type: ignore[no-untyped-def]
    assert latlon_query(lon, lat) == (lat, lon)


@pytest.mark.parametrize("module", ["geoclaims.places.online"])
def test_online_not_imported_by_default(module):  # type: ignore[no-untyped-def]
    code = f"import sys, geoclaims; sys.exit({module!r} in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
