"""Geodesic footprints: build times and accuracy of bands, buffers and sectors.

Times :mod:`geoclaims.geometry.geodesic` on the real Russia-Ukraine border from the
gazetteer, clipped to a box around Kursk oblast (lon 34-38.5, lat 50.8-52.5, about
290 km of border): the issue's target is an oblast-scale footprint in < 50 ms.
Each timing is the median of ``--runs`` calls after one untimed first call (also
reported). The accuracy section samples 1,000 points in each footprint and checks
their geodesic distance to the anchor against the stated interval, and measures
how far the footprint's boundary (vertices and edges) is from the interval's bounds.

Reproduce from the repository root (gazetteer built, GEOCLAIMS_DATA set)::

    python benchmarks/footprint_bench.py [--runs 20] [--skip-accuracy]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely import LineString, Point

from geoclaims.geometry.geodesic import (
    distance_band,
    distance_to_geometry_m,
    geodesic_buffer,
    geodesic_distance_m,
    sample_points,
    sector,
)
from geoclaims.places.gazetteer import Gazetteer

#: Box around Kursk oblast (lon_min, lat_min, lon_max, lat_max), degrees.
KURSK_BOX = (34.0, 50.8, 38.5, 52.5)
KURSK = Point(36.19, 51.73)
SUDZHA = Point(35.27, 51.19)
#: The issue's accuracy target: 0.5 % of the distance or 50 m, whichever is larger.
REL_TOL, ABS_TOL_M = 0.005, 50.0
GEOD = pyproj.Geod(ellps="WGS84")
COMMAND = "python benchmarks/footprint_bench.py"


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """First-call and median wall-clock time (ms) of ``fn``, and its result."""
    start = time.perf_counter()
    result = fn()
    first_ms = (time.perf_counter() - start) * 1e3
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return first_ms, statistics.median(times), result


def timings(border: Any, clipped: Any, runs: int) -> list[str]:
    near_border = sample_points(geodesic_buffer(border, 50_000), 1_000, seed=1)
    parallel = LineString([(20.0, 65.0), (52.0, 65.0)])
    near_parallel = sample_points(geodesic_buffer(parallel, 100_000), 1_000, seed=2)
    km = GEOD.geometry_length(clipped) / 1000
    cases: list[tuple[str, Callable[[], Any], str]] = [
        (
            f"`distance_band` 7 +- 2 km of the border in the Kursk box ({km:.0f} km)",
            lambda: distance_band(clipped, 7_000, 2_000),
            "< 50 ms",
        ),
        (
            "`geodesic_buffer` 7 km of the border in the Kursk box",
            lambda: geodesic_buffer(clipped, 7_000),
            "< 50 ms",
        ),
        (
            "`distance_band` 20 +- 5 km of the whole RU-UA border "
            f"({GEOD.geometry_length(border) / 1000:,.0f} km)",
            lambda: distance_band(border, 20_000, 5_000),
            "",
        ),
        (
            "`geodesic_buffer` 7 km of a point (Kursk)",
            lambda: geodesic_buffer(KURSK, 7_000),
            "",
        ),
        (
            "`distance_band` 30 +- 5 km of a point",
            lambda: distance_band(KURSK, 30_000, 5_000),
            "",
        ),
        (
            "`sector` 25-35 km, bearing 0 +- 22.5 deg (Sudzha)",
            lambda: sector(SUDZHA, 0.0, 22.5, 25_000, 35_000),
            "",
        ),
        (
            "`distance_to_geometry_m` 1,000 points to the whole RU-UA border",
            lambda: distance_to_geometry_m(*near_border.T, border),
            "",
        ),
        (
            "`distance_to_geometry_m` 1,000 points to a 1,500 km line (lat 65)",
            lambda: distance_to_geometry_m(*near_parallel.T, parallel),
            "< 2 s",
        ),
    ]
    rows = [
        "| operation | first call (ms) | median (ms) | vertices | target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, fn, target in cases:
        print(f"timing {label} ...", file=sys.stderr)
        first_ms, median_ms, result = timed(fn, runs)
        vertices = (
            f"{shapely.get_num_coordinates(result):,}"
            if isinstance(result, shapely.Geometry)
            else ""
        )
        rows.append(
            f"| {label} | {first_ms:.1f} | {median_ms:.1f} | {vertices} | {target} |"
        )
    return rows


def _boundary_error(zone: Any, anchor: Any, bounds_m: list[float]) -> float:
    """Largest relative distance of the boundary from the nearest bound.

    The boundary is densified (to 0.0005 degrees) so that points along its edges,
    not only its vertices, are measured.
    """
    xy = shapely.get_coordinates(shapely.segmentize(shapely.boundary(zone), 0.0005))
    xy = xy[(np.abs(xy[:, 0]) < 180.0) & (np.abs(xy[:, 1]) < 90.0)]
    if isinstance(anchor, Point):
        dist = geodesic_distance_m(anchor.x, anchor.y, xy[:, 0], xy[:, 1])
    else:
        dist = distance_to_geometry_m(xy[:, 0], xy[:, 1], anchor, step_m=20.0)
    rel = np.min([np.abs(dist - b) / b for b in bounds_m], axis=0)
    return float(rel.max())


def accuracy(clipped: Any) -> list[str]:
    cases: list[tuple[str, Any, float, float]] = [
        (f"point lat {lat:g}", Point(35.0, lat), d, t)
        for lat in (0.0, 48.0, 52.0, 65.0)
        for d, t in ((7_000, 2_000), (30_000, 5_000), (150_000, 30_000))
    ]
    cases.append(("RU-UA border, Kursk box", clipped, 7_000, 2_000))
    rows = [
        "| anchor | band (km) | samples outside the interval | "
        "max excess of a sample (rel.) | max boundary error (rel.) |",
        "|---|---|---:|---:|---:|",
    ]
    worst = 0.0
    for label, anchor, d, t in cases:
        print(f"accuracy {label} {d / 1000:g} +- {t / 1000:g} km ...", file=sys.stderr)
        band = distance_band(anchor, d, t)
        lon, lat = sample_points(band, 1_000, seed=0).T
        if isinstance(anchor, Point):
            dist = geodesic_distance_m(anchor.x, anchor.y, lon, lat)
        else:
            dist = distance_to_geometry_m(lon, lat, anchor, step_m=20.0)
        low, high = d - t, d + t
        excess = np.maximum(low - dist, dist - high)
        allowed = np.maximum(REL_TOL * np.where(dist < low, low, high), ABS_TOL_M)
        outside = int((excess > allowed).sum())
        rel_excess = max(0.0, float((excess / np.where(dist < low, low, high)).max()))
        boundary = _boundary_error(band, anchor, [low, high])
        worst = max(worst, boundary, rel_excess)
        rows.append(
            f"| {label} | {d / 1000:g} +- {t / 1000:g} | {outside} / 1000 | "
            f"{rel_excess:.1e} | {boundary:.1e} |"
        )
    rows.append("")
    rows.append(
        f"Largest relative error observed: {worst:.1e} "
        f"(target: {REL_TOL:.1%} or {ABS_TOL_M:g} m)."
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs (default 20)")
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args(argv)
    border = Gazetteer.open().border("RU", "UA")
    if border is None:
        print("the gazetteer has no RU-UA border", file=sys.stderr)
        return 1
    clipped = shapely.clip_by_rect(border, *KURSK_BOX)
    out = [
        "# Geodesic footprint benchmark",
        "",
        f"Command: `{COMMAND} --runs {args.runs}`  ",
        f"Python {platform.python_version()}, shapely {shapely.__version__} "
        f"(GEOS {shapely.geos_version_string}), pyproj {pyproj.__version__} "
        f"(PROJ {pyproj.proj_version_str}), numpy {np.__version__}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}.",
        "",
        "## Build times",
        "",
        *timings(border, clipped, args.runs),
    ]
    if not args.skip_accuracy:
        out += ["", "## Accuracy (1,000 sampled points per footprint)", ""]
        out += accuracy(clipped)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
