"""Interactive maps: render time and HTML size for 1k / 10k / 100k claims.

Synthetic claims stand in for a corpus: 60 % at GeoNames populated places of
Ukraine and Russia (points), 25 % geodesic "near" buffers (5-25 km) around them,
15 % whole admin-1 regions (shared polygons), with 200-character statements, 40
sources, the five grades and 90 event dates. Each size is rendered three ways in
the same run:

- ``geoclaims`` online (libraries inlined, OSM tiles) and ``--offline`` (libraries
  inlined, Natural Earth basemap from the gazetteer);
- a naive folium baseline: one ``folium.Marker`` with a ``folium.Popup`` per claim
  (the way folium's documentation adds markers), capped at 10,000 claims because it
  grows linearly.

Time is build + render to the HTML string (what ``save_map`` writes), one run per
cell on this machine. Reproduce from the repository root (gazetteer built,
GEOCLAIMS_DATA set)::

    python benchmarks/map_bench.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time

import geopandas as gpd
import numpy as np

from geoclaims.geometry.geodesic import geodesic_buffer
from geoclaims.maps._browser import CHROMIUM_ARGS, CHROMIUM_PATH
from geoclaims.maps.interactive import render_map
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.store.frames import CLAIM_COLUMNS, CONFIDENCE_ORDER

WORDS = ("troops drones shelling artillery village convoy border strike officials "
         "reported said according sources positions advanced withdrew regional governor "
         "infrastructure casualties damaged attack overnight battalion logistics depot").split()
NAIVE_CAP = 10_000


def synthetic_claims(n: int, gaz: Gazetteer, seed: int = 7) -> gpd.GeoDataFrame:
    """``n`` claim rows with realistic geometries, texts and sources."""
    rng = random.Random(seed)
    towns = list(gaz._query(
        "SELECT geonameid, name, lon, lat FROM places WHERE kind = 'populated_place' "
        "AND country_code IN ('UA', 'RU') AND lon BETWEEN 22 AND 48 AND population > 2000"))
    regions = gaz.region_polygons("admin1", country_codes=["UA", "RU"])
    regions = [(p, g) for p, g, _ in regions if g.centroid.x < 48]
    sources = [f"Source {i}" for i in range(40)]
    outlets = [f"Outlet {i}" for i in range(8)]
    dates = np.datetime64("2024-09-01") + np.arange(90)
    buffers: dict[tuple[int, int], object] = {}
    rows = []
    for i in range(n):
        kind = rng.random()
        gid, name, lon, lat = rng.choice(towns)
        if kind < 0.60:
            from shapely.geometry import Point

            geom, relation, precision, unc = Point(lon, lat), "place", 1, float("nan")
        elif kind < 0.85:
            radius = rng.choice((5, 10, 15, 25))
            key = (gid, radius)
            if key not in buffers:
                buffers[key] = geodesic_buffer(Point(lon, lat), radius * 1000.0)
            geom, relation, precision, unc = buffers[key], "near", 2, float(radius)
        else:
            place, geom = rng.choice(regions)
            gid, name, relation, precision, unc = place.geonameid, place.name, "in_region", 3, 80.0
        outlet = rng.choice(outlets)
        cited = rng.sample(sources, rng.choice((0, 1, 1, 2)))
        statement = " ".join(rng.choice(WORDS) for _ in range(24)).capitalize() + "."
        row = dict.fromkeys(CLAIM_COLUMNS)
        row.update(
            claim_id=f"c{i}", doc_id=f"d{i // 12}", outlet=outlet, statement=statement,
            source_chain=[outlet, *cited], reporting_source=cited[0] if cited else outlet,
            cited_sources=cited, anonymous_source=False,
            confidence=rng.choice(CONFIDENCE_ORDER), likelihood=None, cues=["said"],
            event_date=rng.choice(dates), date_precision="day", quantities=[],
            place_names=[name], geonameids=[gid], precision_class=precision,
            footprint_relation=relation, uncertainty_km=unc, url=None, geometry=geom,
        )
        rows.append(row)
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def time_geoclaims(gdf: gpd.GeoDataFrame, offline: bool, gaz: Gazetteer) -> tuple[float, int]:
    start = time.perf_counter()
    html = render_map(gdf, offline=offline, gazetteer=gaz).get_root().render()
    return time.perf_counter() - start, len(html.encode("utf-8"))


def time_naive(gdf: gpd.GeoDataFrame) -> tuple[float, int]:
    import folium

    start = time.perf_counter()
    m = folium.Map(location=[49, 35], zoom_start=6)
    points = gdf.geometry.representative_point()
    for point, statement in zip(points, gdf["statement"], strict=True):
        folium.Marker([point.y, point.x], popup=folium.Popup(statement)).add_to(m)
    html = m.get_root().render()
    return time.perf_counter() - start, len(html.encode("utf-8"))


def time_browser(html: str) -> tuple[float, float]:
    """Seconds until the map is drawn and idle, and to re-filter and redraw after one
    grade toggle, in headless Chromium (Debian's /usr/bin/chromium)."""
    import tempfile
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        path = Path(tmp) / "map.html"
        path.write_text(html, encoding="utf-8")
        browser = pw.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function(
            "document.querySelector('.folium-map').hasAttribute('data-gc-visible')",
            timeout=120_000)
        # Wait until the page is idle (clustering adds markers in chunks), then time
        # one grade toggle in the page: filter, redraw, two animation frames.
        page.evaluate("() => new Promise(r => requestIdleCallback(r, {timeout: 30000}))")
        loaded = time.perf_counter() - start
        toggled = page.evaluate("""() => new Promise(resolve => {
            const box = document.querySelector('[data-group="grade"] input');
            const t0 = performance.now();
            box.click();
            requestAnimationFrame(() => requestAnimationFrame(
                () => resolve((performance.now() - t0) / 1000)));
        })""")
        browser.close()
    return loaded, toggled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--browser", action="store_true",
                        help="also time loading and one toggle in headless Chromium (offline)")
    args = parser.parse_args()
    gaz = Gazetteer.default()
    print(f"# map_bench on {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| claims | geoclaims online | geoclaims offline | naive folium (Marker+Popup) "
          "| Chromium: load, toggle (offline) |")
    print("|---:|---|---|---|---|")
    for n in args.sizes:
        gdf = synthetic_claims(n, gaz)
        on_t, on_b = time_geoclaims(gdf, False, gaz)
        off_t, off_b = time_geoclaims(gdf, True, gaz)
        if n <= NAIVE_CAP:
            nv_t, nv_b = time_naive(gdf)
            naive = f"{nv_t:.2f} s, {nv_b / 1e6:.1f} MB"
        else:
            naive = f"not run (> {NAIVE_CAP:,}; linear growth)"
        browser = "not run"
        if args.browser:
            html = render_map(gdf, offline=True, gazetteer=gaz).get_root().render()
            load_s, toggle_s = time_browser(html)
            browser = f"{load_s:.2f} s, {toggle_s:.2f} s"
        print(f"| {n:,} | {on_t:.2f} s, {on_b / 1e6:.2f} MB | {off_t:.2f} s, "
              f"{off_b / 1e6:.2f} MB | {naive} | {browser} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
