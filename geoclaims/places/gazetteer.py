"""Read-only access to the compiled offline gazetteer."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geoclaims import config
from geoclaims.errors import GazetteerError, GazetteerVersionError
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.normalize import normalize_name

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Kinds of place, from largest to smallest.
KINDS = ("continent", "region", "country", "admin1", "admin2", "populated_place", "feature")


def as_geonames_id(gazetteer_id: int) -> int | None:
    """The GeoNames id a gazetteer id stands for; None for a named region.

    Named regions that geoclaims composes ("Donbas", from
    ``geoclaims/data/regions.csv``) carry negative ids, which key them in the
    gazetteer and in claims but are no GeoNames feature.

    Examples
    --------
    >>> as_geonames_id(709717), as_geonames_id(-455732316)
    (709717, None)
    """
    return gazetteer_id if gazetteer_id > 0 else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """One gazetteer entry (a GeoNames feature)."""

    #: GeoNames id (negative for a named region geoclaims composes: see
    #: :attr:`geonames_id`).
    geonameid: int
    #: GeoNames' preferred name ("Kurskaya oblast'", "Kupyansk"); what resolution uses.
    name: str
    #: One of :data:`KINDS`.
    kind: str
    #: GeoNames feature class (A, P, L ...) and code (PCLI, ADM1, PPL, PPLC ...).
    feature_class: str
    feature_code: str
    #: ISO 3166-1 alpha-2 country code ("" for continents).
    country_code: str
    #: GeoNames admin-1 and admin-2 codes ("" when unknown).
    admin1_code: str
    admin2_code: str
    #: WGS84 coordinates in degrees (a label point for areas).
    lon: float | None
    lat: float | None
    population: int
    #: ISO 3166 code for countries and subdivisions ("RU-KRS").
    iso_code: str
    #: How many distinct names the place has (a proxy for prominence).
    n_names: int
    #: Version of the gazetteer this record came from (provenance).
    gazetteer_version: str
    #: The English name readers use ("Kursk Oblast", "Kupiansk"), chosen at build time
    #: by the rule of :mod:`geoclaims.places.display`; ``name`` when not given.
    display_name: str = ""

    def __post_init__(self) -> None:
        if not self.display_name:
            # Frozen record: fill the documented fallback once, at construction.
            object.__setattr__(self, "display_name", self.name)

    @property
    def geonames_id(self) -> int | None:
        """The GeoNames id; None for a named region (:func:`as_geonames_id`)."""
        return as_geonames_id(self.geonameid)

    @property
    def admin1_key(self) -> str:
        """``"RU.41"``: country and admin-1 code, the key of the admin-1 region."""
        return f"{self.country_code}.{self.admin1_code}"

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON point of the place."""
        return {"type": "Point", "coordinates": (self.lon, self.lat)}


_PLACE_COLUMNS = (
    "geonameid, name, kind, feature_class, feature_code, country_code, admin1_code, "
    "admin2_code, lat, lon, population, iso_code, n_names, display_name"
)
_CHUNK = 900


class Gazetteer:
    """The offline gazetteer: places, names, polygons and borders.

    Use :meth:`open` (or :meth:`default`); the constructor is cheap and internal.

    Examples
    --------
    >>> gaz = Gazetteer.open()                                # doctest: +SKIP
    >>> [p.name for p in gaz.by_name("Sudzha")][:1]           # doctest: +SKIP
    ['Sudzha']
    """

    def __init__(self, connection: sqlite3.Connection, path: Path, meta: Mapping[str, str]):
        self._con = connection
        self.path = path
        self.meta = dict(meta)
        self.version = self.meta.get("version", "?")
        self._places: dict[int, Place] = {}
        self._polygons: dict[int, tuple[BaseGeometry, bool] | None] = {}
        self._borders: dict[tuple[str, str], BaseGeometry | None] = {}
        self._by_code: dict[tuple[str, ...], Place | None] = {}
        self._lock = threading.Lock()

    _default: Gazetteer | None = None

    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open an artifact (see :func:`geoclaims.config.gazetteer_path`).

        Raises
        ------
        GazetteerNotFoundError
            If there is no artifact.
        GazetteerVersionError
            If it was built with another schema version.
        """
        file = config.gazetteer_path(path)
        con = sqlite3.connect(f"file:{file}?mode=ro", uri=True, check_same_thread=False)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as err:
            con.close()
            raise GazetteerError(
                f"{file} is not a geoclaims gazetteer ({err}); "
                "rebuild it with `geoclaims gazetteer build`"
            ) from err
        found = meta.get("schema_version")
        if found != str(config.GAZETTEER_SCHEMA_VERSION):
            con.close()
            raise GazetteerVersionError(
                f"{file} has gazetteer schema {found!r}, this geoclaims reads "
                f"{config.GAZETTEER_SCHEMA_VERSION}. {GazetteerVersionError.hint}"
            )
        return cls(con, file, meta)

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer at the configured location, opened once per process."""
        if cls._default is None or cls._default.path != config.gazetteer_path():
            cls._default = cls.open()
        return cls._default

    # -- records ---------------------------------------------------------------

    def _make(self, row: tuple[Any, ...]) -> Place:
        gid = row[0]
        place = self._places.get(gid)
        if place is None:
            place = Place(
                geonameid=gid, name=row[1], kind=row[2], feature_class=row[3],
                feature_code=row[4], country_code=row[5], admin1_code=row[6],
                admin2_code=row[7], lat=row[8], lon=row[9], population=row[10],
                iso_code=row[11], n_names=row[12], gazetteer_version=self.version,
                display_name=row[13],
            )
            self._places[gid] = place
        return place

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, tuple(params)).fetchall()

    def by_id(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, or None."""
        if geonameid in self._places:
            return self._places[geonameid]
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonameid = ?", (int(geonameid),)
        )
        return self._make(rows[0]) if rows else None

    def _rows_for_keys(self, sql: str, keys: Iterable[str]) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` (with one ``{marks}`` placeholder) for many keys at once,
        in chunks that stay under SQLite's limit on bound parameters."""
        uniq = sorted(set(keys))
        rows: list[tuple[Any, ...]] = []
        for i in range(0, len(uniq), _CHUNK):
            chunk = uniq[i : i + _CHUNK]
            rows.extend(self._query(sql.format(marks=",".join("?" * len(chunk))), chunk))
        return rows

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, list[tuple[Place, int]]]:
        """Places for many normalised name keys at once: key -> [(place, flags)]."""
        out: dict[str, list[tuple[Place, int]]] = {}
        sql = (
            f"SELECT n.key, n.flags, p.{_PLACE_COLUMNS.replace(', ', ', p.')} "
            "FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.key IN ({marks})"
        )
        for row in self._rows_for_keys(sql, keys):
            out.setdefault(row[0], []).append((self._make(row[2:]), row[1]))
        return out

    def variant_hits(self, keys: Iterable[str]) -> dict[str, list[Place]]:
        """Places whose name has one of these spelling keys
        (:func:`geoclaims.places.spelling.spelling_key`): key -> places. Empty for a
        gazetteer built before variants were indexed."""
        if not self._has_table("variants"):
            return {}
        out: dict[str, list[Place]] = {}
        sql = (
            f"SELECT v.key, p.{_PLACE_COLUMNS.replace(', ', ', p.')} "
            "FROM variants v JOIN places p ON p.geonameid = v.geonameid "
            "WHERE v.key IN ({marks})"
        )
        for row in self._rows_for_keys(sql, keys):
            out.setdefault(row[0], []).append(self._make(row[1:]))
        return out

    def common_zipf(self, keys: Iterable[str]) -> dict[str, float]:
        """English word frequency (Zipf scale) of the name keys that are common words."""
        query = "SELECT key, zipf FROM common WHERE key IN ({marks})"
        return dict(self._rows_for_keys(query, keys))

    def given_names(self, keys: Iterable[str]) -> dict[str, int]:
        """Frequency (1-13) of the keys that are common English first names."""
        return dict(
            self._rows_for_keys("SELECT key, freq FROM given_names WHERE key IN ({marks})", keys)
        )

    def by_name(self, name: str) -> list[Place]:
        """Places called ``name`` (any known name), most prominent first."""
        hits = self.lookup_keys([normalize_name(name)]).get(normalize_name(name), [])
        flags: dict[int, int] = {}
        places: dict[int, Place] = {}
        for place, f in hits:
            flags[place.geonameid] = flags.get(place.geonameid, 0) | f
            places[place.geonameid] = place
        # Places bearing the name as their own (primary or curated) rank before those
        # that carry it as an alternate or short form ("Donetsk" of Donetsk Oblast).
        return sorted(
            places.values(),
            key=lambda p: (
                flags[p.geonameid] & NameFlag.OWN == 0,
                KINDS.index(p.kind) > 2,
                -p.population,
                p.geonameid,
            ),
        )

    def country(self, country_code: str) -> Place | None:
        """The country with this ISO alpha-2 code."""
        key = ("country", country_code.upper())
        if key not in self._by_code:
            rows = self._query(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind = 'country' "
                "AND country_code = ?",
                key[1:],
            )
            self._by_code[key] = self._make(rows[0]) if rows else None
        return self._by_code[key]

    def admin1(self, country_code: str, admin1_code: str) -> Place | None:
        """The admin-1 region with this GeoNames admin-1 code."""
        key = ("admin1", country_code.upper(), admin1_code)
        if key not in self._by_code:
            rows = self._query(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind = 'admin1' "
                "AND country_code = ? AND admin1_code = ?",
                key[1:],
            )
            self._by_code[key] = self._make(rows[0]) if rows else None
        return self._by_code[key]

    def by_iso(self, iso_code: str) -> Place | None:
        """The country or subdivision with this ISO 3166 code ("UA", "RU-KRS")."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE iso_code = ? "
            "ORDER BY kind = 'country' DESC LIMIT 1",
            (iso_code.upper(),),
        )
        return self._make(rows[0]) if rows else None

    # -- geometry --------------------------------------------------------------

    def polygon(self, geonameid: int) -> BaseGeometry | None:
        """The polygon of a country, admin-1 region or named region, or None."""
        got = self.polygon_record(geonameid)
        return None if got is None else got[0]

    def polygon_record(self, geonameid: int) -> tuple[BaseGeometry, bool] | None:
        """``(polygon, approximate)`` for a place, or None when it has none."""
        if geonameid not in self._polygons:
            import shapely

            rows = self._query(
                "SELECT wkb, approximate FROM polygons WHERE geonameid = ?", (geonameid,)
            )
            self._polygons[geonameid] = (
                (shapely.from_wkb(rows[0][0]), bool(rows[0][1])) if rows else None
            )
        return self._polygons[geonameid]

    def region_polygons(
        self, kind: str, *, country_codes: Iterable[str] | None = None
    ) -> list[tuple[Place, BaseGeometry, bool]]:
        """Every ``(place, polygon, approximate)`` of one kind, e.g. for a basemap.

        Parameters
        ----------
        kind : {"country", "admin1"}
            Countries carry Natural Earth admin-0 shapes; admin-1 regions carry
            Natural Earth admin-1 shapes or, in a build without them, approximate ones
            (``approximate`` is then True).
        country_codes : iterable of str, optional
            Keep only places of these ISO alpha-2 countries.

        Returns
        -------
        list of (Place, shapely geometry, bool)
            In geonameid order; geometries in EPSG:4326 ``(lon, lat)``.
        """
        import shapely

        sql = (
            f"SELECT p.{_PLACE_COLUMNS.replace(', ', ', p.')}, g.wkb, g.approximate "
            "FROM places p JOIN polygons g ON g.geonameid = p.geonameid "
            "WHERE p.kind = ?"
        )
        if country_codes is None:
            rows = self._query(sql + " ORDER BY p.geonameid", (kind,))
        else:
            codes = sorted({c.upper() for c in country_codes})
            rows = []
            for i in range(0, len(codes), _CHUNK):
                chunk = codes[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows.extend(self._query(
                    sql + f" AND p.country_code IN ({marks})", (kind, *chunk)
                ))
            rows.sort(key=lambda row: row[0])
        n = len(_PLACE_COLUMNS.split(", "))
        return [
            (self._make(row[:n]), shapely.from_wkb(row[n]), bool(row[n + 1]))
            for row in rows
        ]

    def border(self, a: str, b: str) -> BaseGeometry | None:
        """The land border line between two countries (ISO alpha-2), or None."""
        import shapely

        x, y = sorted((a.upper(), b.upper()))
        if (x, y) not in self._borders:
            rows = self._query("SELECT wkb FROM borders WHERE a = ? AND b = ?", (x, y))
            self._borders[(x, y)] = shapely.from_wkb(rows[0][0]) if rows else None
        return self._borders[(x, y)]

    def neighbours(self, country_code: str) -> list[str]:
        """Countries sharing a land border with ``country_code``."""
        cc = country_code.upper()
        rows = self._query("SELECT a, b FROM borders WHERE a = ? OR b = ?", (cc, cc))
        return sorted({b if a == cc else a for a, b in rows})

    def _has_table(self, name: str) -> bool:
        return bool(self._query(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ))

    def register_oblasts(self, name: str, *, cities_only: bool = False) -> list[Place]:
        """The oblasts Ukraine's register of settlements puts a settlement called
        ``name`` in (Ukrainian or its official romanisation), by id; empty when it has
        none or the gazetteer has no register (:mod:`geoclaims.places.ua_register`).
        With ``cities_only``, only the oblasts where it is a city (category "M")."""
        if not self._has_table("register"):
            return []
        where = " AND category = 'M'" if cities_only else ""
        rows = self._query(f"SELECT DISTINCT oblast FROM register WHERE key = ?{where} "
                           "ORDER BY 1", (normalize_name(name),))
        return [p for p in (self.by_id(gid) for (gid,) in rows) if p is not None]

    def parents(self, geonameid: int) -> list[Place]:
        """The parents GeoNames' hierarchy gives a place, in geonameid order.

        Only a gazetteer built with ``--geonames ... hierarchy.zip`` has them; others
        return an empty list.
        """
        if not self._has_table("hierarchy"):
            return []
        rows = self._query(
            f"SELECT p.{_PLACE_COLUMNS.replace(', ', ', p.')} FROM hierarchy h "
            "JOIN places p ON p.geonameid = h.parent WHERE h.child = ? ORDER BY h.parent",
            (int(geonameid),),
        )
        return [self._make(row) for row in rows]

    def info(self) -> dict[str, Any]:
        """Counts and provenance of the artifact.

        Besides the metadata: places per kind and per GeoNames feature class, names,
        polygons, borders and, for a build with GeoNames dumps, the files imported
        (``geonames``: name, table, size, SHA-256, rows read and imported) and the
        hierarchy links.
        """
        import json

        counts = dict(self._query("SELECT kind, COUNT(*) FROM places GROUP BY kind"))
        classes = self._query(
            "SELECT feature_class, COUNT(*) FROM places GROUP BY feature_class"
        )
        n_names = self._query("SELECT COUNT(*) FROM names")[0][0]
        n_poly = self._query("SELECT approximate, COUNT(*) FROM polygons GROUP BY 1")
        out = {
            "path": str(self.path),
            "size_mb": round(self.path.stat().st_size / 1e6, 1),
            **self.meta,
            "places": counts,
            "feature_classes": {c or "(none)": n for c, n in classes},
            "names": n_names,
            "polygons": {("approximate" if a else "exact"): n for a, n in n_poly},
            "borders": self._query("SELECT COUNT(*) FROM borders")[0][0],
        }
        if "geonames" in self.meta:
            out["geonames"] = json.loads(self.meta["geonames"])
        if self._has_table("hierarchy"):
            out["hierarchy"] = self._query("SELECT COUNT(*) FROM hierarchy")[0][0]
        return out
