"""Tests of the GeoNames dump reader and importer on files in GeoNames' own format.

The rows (``tests/common.py``) are real records of the shipped data written as
GeoNames writes its tables, zipped or not. Imports run on a copy of the session
gazetteer, so no test rebuilds it except the Ctrl-C test of
``geoclaims gazetteer build --geonames`` (marked slow).
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from common import (
    ALTERNATES,
    HIERARCHY_LINES,
    KHARKIV,
    KHARKIV_OBLAST,
    MOVED,
    UKRAINE,
    empty_gazetteer,
    geoname_lines,
    leftovers,
    sha256,
    ukraine_rows,
    write_dump,
)

from geoclaims import config
from geoclaims.errors import GazetteerError, InputError
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.geonames_dump import DumpFile, iter_geonames, open_dump
from geoclaims.places.geonames_import import (
    check_free_space,
    import_dumps,
    import_geonames,
    place_kind,
)

# -- reading ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".zip", ".txt"])
def test_geonames_dump_reads_zip_and_txt_alike(tmp_path: Path, suffix: str) -> None:
    rows = ukraine_rows()
    dump = write_dump(tmp_path / f"UA{suffix}", geoname_lines(rows))
    assert open_dump(dump).table == "geoname"
    got = list(iter_geonames(dump))
    assert [r.geonameid for r in got] == [r.geonameid for r in rows]
    kharkiv = next(r for r in got if r.geonameid == KHARKIV)
    assert (kharkiv.lat, kharkiv.lon, kharkiv.feature_code) == (*MOVED, "PPLA")
    assert "Харків" in kharkiv.alternates
    assert [r.line for r in got[:3]] == [1, 2, 3]


@pytest.mark.parametrize(
    ("fclass", "code", "kind"),
    [
        ("P", "PPL", "populated_place"),
        ("P", "PPLC", "populated_place"),
        ("P", "PPLQ", "feature"),  # abandoned
        ("A", "ADM1", "admin1"),
        ("A", "ADM2", "admin2"),
        ("A", "ADM3", "feature"),
        ("A", "PCLI", "country"),
        ("A", "PCLH", "feature"),  # historical political entity
        ("L", "CONT", "continent"),
        ("L", "RGN", "feature"),
        ("H", "STM", "feature"),
        ("T", "MT", "feature"),
        ("S", "BLDG", "feature"),
        ("V", "FRST", "feature"),
        ("", "", "feature"),
    ],
)
def test_geonames_dump_place_kind(fclass: str, code: str, kind: str) -> None:
    assert place_kind(fclass, code) == kind


def _cut_last_line(lines: list[str]) -> bytes:
    # A download that stopped mid-line: no line end, columns missing.
    text = "".join(line + "\n" for line in lines)
    return text[: len(text) - len(lines[-1]) // 2 - 1].encode("utf-8")


def _with_field(lines: list[str], index: int, column: int, value: str) -> list[str]:
    fields = lines[index].split("\t")
    fields[column] = value
    return [*lines[:index], "\t".join(fields), *lines[index + 1 :]]


BAD_GEONAME_FILES = [
    pytest.param(lambda ls: _cut_last_line(ls), "LAST", "no line end", id="truncated"),
    pytest.param(lambda ls: [*ls[:2], ls[2] + "\textra", *ls[3:]], 3,
                 "20 tab-separated columns", id="extra-column"),
    pytest.param(lambda ls: [*ls[:4], ls[4].rsplit("\t", 1)[0], *ls[5:]], 5,
                 "18 tab-separated columns", id="missing-column"),
    pytest.param(lambda ls: _with_field(ls, 6, 4, "49,98"), 7,
                 "column 5 (latitude) is '49,98'", id="non-numeric-lat"),
    pytest.param(lambda ls: _with_field(ls, 1, 5, "236.2"), 2,
                 "column 6 (longitude) is '236.2'", id="lon-out-of-range"),
    pytest.param(lambda ls: _with_field(ls, 8, 0, "70x6483"), 9,
                 "column 1 (geonameid) is '70x6483'", id="bad-id"),
    pytest.param(lambda ls: _with_field(ls, 3, 14, "many"), 4,
                 "column 15 (population) is 'many'", id="bad-population"),
    pytest.param(lambda ls: _with_field(ls, 3, 6, "Q"), 4,
                 "column 7 (feature class) is 'Q'", id="bad-class"),
    pytest.param(lambda ls: "".join(x + "\n" for x in ls).encode()[:-40] + b"\xff\xfe\n", "LAST",
                 "not UTF-8", id="not-utf8"),
]


@pytest.mark.parametrize(("damage", "line", "message"), BAD_GEONAME_FILES)
@pytest.mark.parametrize("suffix", [".txt", ".zip"])
def test_geonames_dump_bad_line_names_file_and_line_and_keeps_gazetteer(
    tmp_path: Path, suffix: str, damage, line, message: str  # type: ignore[no-untyped-def]
) -> None:
    lines = geoname_lines(ukraine_rows())
    damaged = damage(lines)
    data = damaged if isinstance(damaged, bytes) else "".join(x + "\n" for x in damaged).encode()
    dump = tmp_path / f"UA{suffix}"
    if suffix == ".zip":
        with zipfile.ZipFile(dump, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("UA.txt", data)
    else:
        dump.write_bytes(data)
    expected_line = data.count(b"\n") + (not data.endswith(b"\n")) if line == "LAST" else line
    target = empty_gazetteer(tmp_path / "gaz")
    before = sha256(target)
    with pytest.raises(InputError) as caught:
        import_geonames([dump], target)
    assert caught.value.path == str(dump)
    assert caught.value.line == expected_line
    assert message in str(caught.value)
    assert f"{dump}:{expected_line}:" in str(caught.value)
    assert sha256(target) == before
    assert leftovers(target.parent) == []


def test_geonames_dump_truncated_zip_is_refused_before_reading(tmp_path: Path) -> None:
    whole = write_dump(tmp_path / "UA.zip", geoname_lines(ukraine_rows())).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="not a readable zip archive") as caught:
        open_dump(cut)
    assert caught.value.path == str(cut)
    assert "download it again" in str(caught.value)


def _zero_data(data: bytearray, info: zipfile.ZipInfo) -> str:
    # Zeros in the middle of the compressed stream (after the 30-byte local header
    # and the name): the archive opens, what inflates is no longer the table.
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    return "download it again"


def _bad_crc(data: bytearray, info: zipfile.ZipInfo) -> str:
    # Every byte inflates, but the checksum of the central directory disagrees.
    central = data.rindex(b"PK\x01\x02")
    data[central + 16 : central + 20] = bytes(4)
    return "the archive is damaged (Bad CRC-32"


@pytest.mark.parametrize("damage", [_zero_data, _bad_crc])
def test_geonames_dump_corrupt_zip_data_names_file_and_line(
    tmp_path: Path, damage  # type: ignore[no-untyped-def]
) -> None:
    dump = write_dump(tmp_path / "UA.zip", geoname_lines(ukraine_rows()))
    with zipfile.ZipFile(dump) as archive:
        info = archive.getinfo("UA.txt")
    data = bytearray(dump.read_bytes())
    message = damage(data, info)
    dump.write_bytes(bytes(data))
    target = empty_gazetteer(tmp_path / "gaz")
    before = sha256(target)
    with pytest.raises(InputError) as caught:
        import_geonames([dump], target)
    assert message in str(caught.value)
    assert caught.value.path == str(dump)
    assert caught.value.line is not None and caught.value.line > 1
    assert f"{dump}:{caught.value.line}:" in str(caught.value)
    assert sha256(target) == before
    assert leftovers(target.parent) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a\tb\tc\td\n", "line 1 has 4 tab-separated columns"),
        ("1\t706483\tuk\tХарків\t\t\t\t\n", "old alternateNames.zip"),
        ("geonameid,name,lat,lon\n", "line 1 has 1 tab-separated columns"),
    ],
)
def test_geonames_dump_unknown_table_is_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    dump = tmp_path / "places.txt"
    dump.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        open_dump(dump)
    assert (caught.value.path, caught.value.line) == (str(dump), 1)


def test_geonames_dump_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such GeoNames dump file"):
        open_dump(tmp_path / "allCountries.zip")


def test_geonames_dump_small_disk_is_refused(tmp_path: Path) -> None:
    # A 10 TB table cannot fit in a test machine's temporary directory.
    dump = DumpFile(path=tmp_path / "allCountries.zip", table="geoname", member=None,
                    size=10**13)
    with pytest.raises(GazetteerError, match=r"allCountries\.zip.*needs about") as caught:
        check_free_space([dump], tmp_path)
    assert caught.value.hint is not None and "--data" in caught.value.hint


def test_geonames_import_full_disk_names_the_file(tmp_path: Path) -> None:
    # SQLite's own "database or disk is full", as on a small disk: the file may not
    # grow past a few pages.
    target = empty_gazetteer(tmp_path / "gaz")
    dump = write_dump(tmp_path / "UA.zip", geoname_lines(ukraine_rows()))
    con = sqlite3.connect(target)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(GazetteerError, match="the disk is full") as caught:
        import_dumps(con, [dump])
    con.close()
    assert re.match(rf"{re.escape(str(dump))}:[1-9][0-9]*: ", str(caught.value))
    assert caught.value.hint is not None and "--data" in caught.value.hint


# -- importing ------------------------------------------------------------------------


def test_geonames_import_reports_bytes_read(gazetteer: Gazetteer, tmp_path: Path) -> None:
    target = empty_gazetteer(tmp_path / "gaz")
    geo = write_dump(tmp_path / "UA.zip", geoname_lines(ukraine_rows()) * 3)
    links = write_dump(tmp_path / "hierarchy.txt", HIERARCHY_LINES)
    seen: list[tuple[str, int, int]] = []
    import_geonames([links, geo], target, read_progress=lambda *a: seen.append(a))
    # The geoname table first, whatever the order given; each ends at its full size.
    assert seen[0][0] == "UA.zip"
    last = {name: (done, total) for name, done, total in seen}
    with zipfile.ZipFile(geo) as archive:
        size = archive.getinfo("UA.txt").file_size
    assert last == {"UA.zip": (size, size), "hierarchy.txt": (
        (tmp_path / "hierarchy.txt").stat().st_size,) * 2}
    ua = [done for name, done, _ in seen if name == "UA.zip"]
    assert len(ua) > 2 and ua == sorted(ua)


def test_geonames_import_takes_geonames_coordinates_and_codes(
    gazetteer: Gazetteer, geonames_gazetteer: Gazetteer
) -> None:
    shipped = gazetteer.by_id(KHARKIV)
    assert shipped is not None and (shipped.lat, shipped.lon) != pytest.approx(MOVED)
    kharkiv = geonames_gazetteer.by_id(KHARKIV)
    assert kharkiv is not None
    assert (kharkiv.lat, kharkiv.lon) == pytest.approx(MOVED)
    assert kharkiv.feature_code == "PPLA"
    # The shipped entry keeps its kind and name; lookups resolve to it.
    assert (kharkiv.kind, kharkiv.name) == ("populated_place", "Kharkiv")
    assert geonames_gazetteer.by_name("Kharkiv")[0].geonameid == KHARKIV
    assert geonames_gazetteer.by_name("Харків")[0].geonameid == KHARKIV


@pytest.mark.parametrize(
    ("name", "gid", "fclass", "code", "lat", "lon"),
    [
        ("Lopan", 900_000_001, "H", "STM", 49.9860, 36.2330),
        ("Derzhprom", 900_000_002, "S", "BLDG", 50.0058, 36.2291),
    ],
)
def test_geonames_import_adds_features_of_other_classes(
    gazetteer: Gazetteer, geonames_gazetteer: Gazetteer,
    name: str, gid: int, fclass: str, code: str, lat: float, lon: float,
) -> None:
    assert gazetteer.by_id(gid) is None
    place = next(p for p in geonames_gazetteer.by_name(name) if p.geonameid == gid)
    assert (place.kind, place.feature_class, place.feature_code) == ("feature", fclass, code)
    assert (place.lat, place.lon) == pytest.approx((lat, lon))
    assert (place.country_code, place.admin1_code) == ("UA", "07")


@pytest.mark.parametrize(("lang", "name", "colloquial", "kept"), ALTERNATES)
def test_geonames_import_alternate_names_filter(
    gazetteer: Gazetteer, geonames_gazetteer: Gazetteer, lang: str, name: str, colloquial: str,
    kept: bool,
) -> None:
    assert KHARKIV not in {p.geonameid for p in gazetteer.by_name(name)}
    assert (KHARKIV in {p.geonameid for p in geonames_gazetteer.by_name(name)}) is kept


def test_geonames_import_hierarchy_links_known_features(geonames_gazetteer: Gazetteer) -> None:
    assert [p.geonameid for p in geonames_gazetteer.parents(KHARKIV)] == [KHARKIV_OBLAST]
    assert [p.geonameid for p in geonames_gazetteer.parents(KHARKIV_OBLAST)] == [UKRAINE]
    assert [p.geonameid for p in geonames_gazetteer.parents(900_000_002)] == [KHARKIV]
    assert geonames_gazetteer.parents(999_999_999) == []


def test_geonames_import_info_counts_and_files(
    gazetteer: Gazetteer, geonames_gazetteer: Gazetteer
) -> None:
    info = geonames_gazetteer.info()
    base = gazetteer.info()
    assert info["feature_classes"]["H"] == base["feature_classes"].get("H", 0) + 1
    assert info["feature_classes"]["S"] == base["feature_classes"].get("S", 0) + 1
    assert info["places"]["feature"] == base["places"].get("feature", 0) + 2
    files = {f["file"]: f for f in info["geonames"]}
    assert list(files) == ["UA.zip", "alternateNamesV2.zip", "hierarchy.txt"]
    ua = files["UA.zip"]
    assert (ua["table"], ua["added"], ua["rows"]) == ("geoname", 2, len(ukraine_rows()))
    assert ua["updated"] == ua["rows"] - 2
    assert len(ua["sha256"]) == 64 and ua["bytes"] > 0
    assert files["hierarchy.txt"] == {**files["hierarchy.txt"], "rows": 4, "links": 3}
    assert info["hierarchy"] == 3
    assert info["version"] != base["version"]
    assert "geonames" not in base
    json.dumps(info)


def test_geonames_import_interrupted_keeps_gazetteer(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    target = empty_gazetteer(tmp_path / "gaz")
    before = sha256(target)
    dump = write_dump(tmp_path / "UA.txt", geoname_lines(ukraine_rows()) * 40)

    def stop(_name: str, done: int, _total: int) -> None:
        if done > 2_000_000:
            raise KeyboardInterrupt  # as Ctrl-C does, in the middle of the file

    with pytest.raises(KeyboardInterrupt):
        import_geonames([dump], target, read_progress=stop)
    assert sha256(target) == before
    assert leftovers(target.parent) == []


# -- command line -----------------------------------------------------------------------


def cli_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES", "CI"}}
    env[config.DATA_ENV] = str(data)
    return env


def test_geonames_cli_bad_dump_fails_before_building(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    target = empty_gazetteer(tmp_path / "gaz")
    before = sha256(target)
    bad = tmp_path / "UA.zip"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "gazetteer", "build", "--geonames", str(bad)],
        capture_output=True, text=True, env=cli_env(target.parent), timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    stderr = " ".join(proc.stderr.split())  # rich wraps at 80 columns in a pipe
    assert f"{bad}: not a readable zip archive" in stderr
    # Refused up front, not after the half minute the build takes.
    assert time.perf_counter() - started < 20
    assert sha256(target) == before
    assert leftovers(target.parent) == []


def test_geonames_cli_files_without_option_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geoclaims", "gazetteer", "build", str(tmp_path / "UA.zip")],
        capture_output=True, text=True, env=cli_env(tmp_path), timeout=120, check=False,
    )
    assert proc.returncode == 1
    assert "only after --geonames" in " ".join(proc.stderr.split())


@pytest.mark.slow
def test_geonames_cli_ctrl_c_during_import_keeps_gazetteer(
    gazetteer: Gazetteer, tmp_path: Path
) -> None:
    target = empty_gazetteer(tmp_path / "gaz")
    before = sha256(target)
    # About 200,000 rows: long enough to be interrupted in the middle.
    dump = write_dump(tmp_path / "UA.txt", geoname_lines(ukraine_rows()) * 36)
    log = tmp_path / "stderr.txt"
    # SIGINT's default handler, even when this test runs with SIGINT ignored.
    code = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "from geoclaims.cli import main; sys.argv = ['geoclaims'] + sys.argv[1:]; main()")
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "gazetteer", "build", "--geonames", str(dump)],
            stdout=subprocess.DEVNULL, stderr=err, env=cli_env(target.parent),
        )
        deadline = time.monotonic() + 300
        while "importing UA.txt" not in log.read_text() and proc.poll() is None:
            assert time.monotonic() < deadline, "the import never started"
            time.sleep(0.1)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        code_ = proc.wait(timeout=120)
    stderr = log.read_text()
    assert code_ == 130, stderr
    assert "interrupted" in stderr and "was left as it was" in stderr
    assert sha256(target) == before
    assert leftovers(target.parent) == []
