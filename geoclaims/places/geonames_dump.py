"""Read GeoNames dump files: the geoname table, alternateNamesV2 and hierarchy.

GeoNames publishes its database as tab-separated dumps (readme.txt of its export/dump
directory): the ``geoname`` table (``allCountries.zip``, one ``XX.zip`` per country,
``cities500.zip`` ... ``cities15000.zip``), ``alternateNamesV2.zip`` and
``hierarchy.zip``. The readers here stream them line by line from the ``.zip`` or the
unzipped ``.txt`` and check every line (column count and types), raising
:class:`~geoclaims.errors.InputError` with the file and line. Importing them into the
gazetteer is :mod:`geoclaims.places.geonames_import`.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from geoclaims.errors import InputError

#: Columns of each GeoNames table (readme.txt of the dump directory).
GEONAME_COLUMNS = 19
ALTERNATE_NAME_COLUMNS = 10
HIERARCHY_COLUMNS = 3
#: Table name -> what the user should give for it (used in error messages).
TABLES = {
    "geoname": "allCountries.zip, XX.zip or citiesN.zip",
    "alternate_names": "alternateNamesV2.zip",
    "hierarchy": "hierarchy.zip",
}
#: Members of GeoNames zip files that are documentation, not data.
_NOT_DATA = {"readme.txt", "iso-languagecodes.txt"}

#: Bytes between two progress reports.
PROGRESS_BYTES = 1 << 20

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_CLASSES = frozenset("AHLPRSTUV")

ReadProgress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class DumpFile:
    """A GeoNames dump file, checked and ready to stream."""

    #: The file as given (``.zip`` or ``.txt``).
    path: Path
    #: One of :data:`TABLES`.
    table: str
    #: The member of a zip file holding the table; None for a ``.txt``.
    member: str | None
    #: Uncompressed size of the table in bytes (for progress).
    size: int


@dataclass(frozen=True, slots=True, kw_only=True)
class GeonameRecord:
    """One line of the GeoNames ``geoname`` table."""

    geonameid: int
    name: str
    asciiname: str
    #: The ``alternatenames`` column, split at commas.
    alternates: tuple[str, ...]
    #: WGS84 degrees, as GeoNames gives them.
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    #: GeoNames admin codes; "" where GeoNames has none ("00" for admin-1 means none).
    admin1_code: str
    admin2_code: str
    population: int
    #: 1-based line in the dump.
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AlternateName:
    """One line of ``alternateNamesV2``."""

    geonameid: int
    #: ISO 639 language ("en", "uk"), a pseudo-language ("link", "post"), or "".
    language: str
    name: str
    is_preferred: bool
    is_short: bool
    is_colloquial: bool
    is_historic: bool
    line: int


def _bad(dump: Path, line: int, what: str, hint: str | None = None) -> InputError:
    return InputError(
        what, path=dump, line=line,
        hint=hint or "the file is truncated or not a GeoNames dump: download it again",
    )


def open_dump(path: str | Path) -> DumpFile:
    """Check a dump file and tell which GeoNames table it holds.

    The table is told by the column count of the first line (19 for ``geoname``, 10 for
    ``alternateNamesV2``, 3 for ``hierarchy``), so renamed files work too.

    Raises
    ------
    InputError
        If the file is missing, is not a readable zip, holds no table, or its first
        line is none of the three GeoNames tables.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError("no such GeoNames dump file", path=file,
                         hint="give allCountries.zip, XX.zip, citiesN.zip, "
                         "alternateNamesV2.zip or hierarchy.zip (or their .txt)")
    member = None
    size = file.stat().st_size
    if zipfile.is_zipfile(file) or file.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(file) as archive:
                infos = [i for i in archive.infolist()
                         if i.filename.lower().endswith(".txt")
                         and Path(i.filename).name.lower() not in _NOT_DATA]
        except (zipfile.BadZipFile, OSError) as err:
            raise InputError(
                f"not a readable zip archive ({err})", path=file,
                hint="the download is truncated or damaged: download it again",
            ) from err
        wanted = [i for i in infos if Path(i.filename).stem == file.stem]
        chosen = wanted or infos
        if len(chosen) != 1:
            names = ", ".join(i.filename for i in infos) or "none"
            raise InputError(
                f"expected one GeoNames table in the archive, found: {names}", path=file,
                hint="give the zip files as GeoNames publishes them",
            )
        member, size = chosen[0].filename, chosen[0].file_size
    with _open_binary(file, member) as handle:
        first = _read_first_line(handle, file)
    columns = first.count(b"\t") + 1
    table = {GEONAME_COLUMNS: "geoname", ALTERNATE_NAME_COLUMNS: "alternate_names",
             HIERARCHY_COLUMNS: "hierarchy"}.get(columns)
    if table is None:
        hint = None
        if columns == 8:
            hint = "this looks like the old alternateNames.zip: use alternateNamesV2.zip"
        raise _bad(
            file, 1,
            f"line 1 has {columns} tab-separated columns; GeoNames' geoname table has "
            f"{GEONAME_COLUMNS}, alternateNamesV2 {ALTERNATE_NAME_COLUMNS}, hierarchy "
            f"{HIERARCHY_COLUMNS}",
            hint or "give GeoNames dump files (geoname table, alternateNamesV2, hierarchy)",
        )
    return DumpFile(path=file, table=table, member=member, size=size)


def _read_first_line(handle: IO[bytes], file: Path) -> bytes:
    try:
        return handle.readline().rstrip(b"\r\n")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
        raise _bad(file, 1, f"cannot read the file ({err})") from err


@contextlib.contextmanager
def _open_binary(file: Path, member: str | None) -> Iterator[IO[bytes]]:
    if member is None:
        with file.open("rb", buffering=1 << 20) as handle:
            yield handle
        return
    with zipfile.ZipFile(file) as archive, archive.open(member) as raw:
        # ZipExtFile's own readline runs in Python; a BufferedReader's runs in C.
        yield io.BufferedReader(cast("io.RawIOBase", raw), buffer_size=1 << 20)


def iter_lines(
    dump: DumpFile, columns: int, *, on_bytes: ReadProgress | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(line number, fields)`` of every line, each checked to have ``columns`` fields.

    Blank lines are skipped. ``on_bytes(file name, bytes read, total bytes)`` is called
    every :data:`PROGRESS_BYTES` and at the end.

    Raises
    ------
    InputError
        On a line with another number of columns, a line that is not UTF-8, or a damaged
        or truncated archive, naming the file and the line.
    """
    label = dump.path.name
    done = reported = 0
    lineno = 0
    with _open_binary(dump.path, dump.member) as handle:
        try:
            for raw in handle:
                lineno += 1
                done += len(raw)
                if on_bytes is not None and done - reported >= PROGRESS_BYTES:
                    on_bytes(label, done, dump.size)
                    reported = done
                ended = raw.endswith(b"\n")
                raw = raw.rstrip(b"\r\n")
                if not raw.strip():
                    continue
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as err:
                    raise _bad(dump.path, lineno, f"line is not UTF-8 ({err.reason} at "
                               f"byte {err.start})") from err
                fields = text.split("\t")
                if len(fields) != columns:
                    cut = "" if ended else " and no line end (the file is cut short)"
                    raise _bad(
                        dump.path, lineno,
                        f"line has {len(fields)} tab-separated columns{cut}; the "
                        f"GeoNames {dump.table} table has {columns}",
                    )
                yield lineno, fields
        except (zipfile.BadZipFile, zlib.error, EOFError) as err:
            raise _bad(dump.path, lineno + 1, f"the archive is damaged ({err})") from err
    if on_bytes is not None:
        on_bytes(label, done, max(done, dump.size))


def _int(value: str, column: str, dump: Path, line: int, *, empty: int | None = None) -> int:
    if value == "" and empty is not None:
        return empty
    try:
        return int(value)
    except ValueError:
        raise _bad(dump, line, f"column {column} is {value!r}, not an integer") from None


def _coordinate(value: str, column: str, limit: float, dump: Path, line: int) -> float:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not -limit <= number <= limit:
        raise _bad(dump, line, f"column {column} is {value!r}, not a number between "
                   f"-{limit:g} and {limit:g}")
    return number


def parse_geoname(fields: Sequence[str], dump: Path, line: int) -> GeonameRecord:
    """Check and convert the 19 fields of a ``geoname`` line.

    Raises
    ------
    InputError
        On a field of the wrong type, naming the column, the value, file and line.
    """
    gid = _int(fields[0], "1 (geonameid)", dump, line)
    if gid <= 0:
        raise _bad(dump, line, f"column 1 (geonameid) is {fields[0]!r}, not a positive id")
    if not fields[1].strip():
        raise _bad(dump, line, "column 2 (name) is empty")
    lat = _coordinate(fields[4], "5 (latitude)", 90.0, dump, line)
    lon = _coordinate(fields[5], "6 (longitude)", 180.0, dump, line)
    fclass = fields[6]
    if fclass and fclass not in _CLASSES:
        raise _bad(dump, line, f"column 7 (feature class) is {fclass!r}, not one of "
                   "A H L P R S T U V")
    country = fields[8]
    if country and not _COUNTRY.fullmatch(country):
        raise _bad(dump, line, f"column 9 (country code) is {country!r}, not two letters")
    population = _int(fields[14], "15 (population)", dump, line, empty=0)
    _int(fields[15], "16 (elevation)", dump, line, empty=0)
    _int(fields[16], "17 (dem)", dump, line, empty=0)
    if not _DATE.fullmatch(fields[18]):
        raise _bad(dump, line, f"column 19 (modification date) is {fields[18]!r}, "
                   "not YYYY-MM-DD")
    admin1 = fields[10]
    return GeonameRecord(
        geonameid=gid, name=fields[1], asciiname=fields[2],
        alternates=tuple(a for a in fields[3].split(",") if a),
        lat=lat, lon=lon, feature_class=fclass, feature_code=fields[7],
        country_code=country,
        # GeoNames gives admin-1 code "00" to features in no admin-1 region.
        admin1_code="" if admin1 == "00" else admin1, admin2_code=fields[11],
        population=max(population, 0), line=line,
    )


def parse_alternate_name(fields: Sequence[str], dump: Path, line: int) -> AlternateName:
    """Check and convert the 10 fields of an ``alternateNamesV2`` line.

    Raises
    ------
    InputError
        On a field of the wrong type, naming the column, the value, file and line.
    """
    _int(fields[0], "1 (alternateNameId)", dump, line)
    gid = _int(fields[1], "2 (geonameid)", dump, line)
    flags = []
    for k, column in enumerate(("isPreferredName", "isShortName", "isColloquial",
                                "isHistoric"), start=4):
        if fields[k] not in ("", "0", "1"):
            raise _bad(dump, line, f"column {k + 1} ({column}) is {fields[k]!r}, "
                       "not empty, 0 or 1")
        flags.append(fields[k] == "1")
    return AlternateName(
        geonameid=gid, language=fields[2], name=fields[3], is_preferred=flags[0],
        is_short=flags[1], is_colloquial=flags[2], is_historic=flags[3], line=line,
    )


def parse_hierarchy(fields: Sequence[str], dump: Path, line: int) -> tuple[int, int, str]:
    """``(parent id, child id, type)`` of a ``hierarchy`` line ("ADM" for admin links).

    Raises
    ------
    InputError
        If an id is not an integer, naming the column, the value, file and line.
    """
    parent = _int(fields[0], "1 (parentId)", dump, line)
    child = _int(fields[1], "2 (childId)", dump, line)
    return parent, child, fields[2]


def format_geoname(
    record: GeonameRecord, *, timezone: str = "", modified: str = "2024-01-01"
) -> str:
    """A ``geoname`` table line (no line end) for a record: the inverse of parsing.

    Columns the record lacks (cc2, admin-3/4 codes, elevation) are left empty, as
    GeoNames leaves them when unknown; dem is 0.

    Examples
    --------
    >>> rec = GeonameRecord(geonameid=703448, name="Kyiv", asciiname="Kyiv",
    ...     alternates=("Kiev", "Київ"), lat=50.45466, lon=30.5238, feature_class="P",
    ...     feature_code="PPLC", country_code="UA", admin1_code="12", admin2_code="",
    ...     population=2797553, line=0)
    >>> line = format_geoname(rec, timezone="Europe/Kyiv")
    >>> line.count("\\t") + 1, parse_geoname(line.split("\\t"), Path("-"), 1).lat
    (19, 50.45466)
    """
    fields = [
        str(record.geonameid), record.name, record.asciiname, ",".join(record.alternates),
        repr(record.lat), repr(record.lon), record.feature_class, record.feature_code,
        record.country_code, "", record.admin1_code, record.admin2_code, "", "",
        str(record.population), "", "0", timezone, modified,
    ]
    return "\t".join(fields)


def iter_geonames(path: str | Path) -> Iterator[GeonameRecord]:
    """Every feature of a GeoNames ``geoname`` table (``.zip`` or ``.txt``), streamed.

    Raises
    ------
    InputError
        If the file is not a ``geoname`` table or a line is malformed (file and line).
    """
    dump = open_dump(path)
    if dump.table != "geoname":
        raise InputError(f"holds the GeoNames {dump.table} table, not geoname", path=path)
    for line, fields in iter_lines(dump, GEONAME_COLUMNS):
        yield parse_geoname(fields, dump.path, line)
