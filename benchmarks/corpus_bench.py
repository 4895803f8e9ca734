"""Corpus scale: spatial queries on 1,000,000 claims, extraction throughput, store I/O.

Three sections, each printed as markdown on stdout (progress on stderr):

``query``
    1,000,000 synthetic claim rows with the claims schema: 60 % points, 40 % small
    polygons (32-gon circles of radius 1-15 km), uniform over lon 22-48, lat 44-57
    (Ukraine and western Russia). ``within(gdf, "Kursk Oblast")`` and
    ``near(gdf, "Sudzha", km=30)`` in memory: the first call on a fresh frame
    (it builds the STRtree) and the median of later calls (tree cached on the
    frame). Then the same rows written to a store (``--store-docs`` files) and
    ``within`` on ``read_store(..., engine="dask")``, computed: reading, decoding
    and querying every partition.
``extract``
    ``extract_corpus`` on gold corpora of ``../shared/eval`` with ``--jobs 1`` and
    ``--jobs 2`` into fresh stores: documents/s and words/s over the whole run
    (worker start-up included), the scaling ratio, and the CPU seconds of the
    parent and its workers (less sensitive to other load on the machine).
``append``
    100,000 synthetic rows appended as 5,000 documents of 20 rows
    (``write_document``), then read back with both engines.

Reproduce from the repository root (gazetteer built, GEOCLAIMS_DATA set)::

    python benchmarks/corpus_bench.py [--skip query,extract,append] [--rows N]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python benchmarks/corpus_bench.py"
#: Area of the synthetic footprints: lon_min, lat_min, lon_max, lat_max (degrees).
AREA = (22.0, 44.0, 48.0, 57.0)
#: Degrees of latitude per km (enough for synthetic circles).
DEG_PER_KM = 1 / 111.2


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def synthetic_claims(n: int, *, seed: int, docs: int) -> Any:
    """``n`` claim rows with the claims schema, spread over ``docs`` documents."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from geoclaims.store.frames import CLAIM_COLUMNS, CONFIDENCE_ORDER, CRS

    rng = np.random.default_rng(seed)
    lon = rng.uniform(AREA[0], AREA[2], n)
    lat = rng.uniform(AREA[1], AREA[3], n)
    geometry = shapely.points(lon, lat)
    polygons = rng.random(n) < 0.4
    radius = rng.uniform(1.0, 15.0, int(polygons.sum())) * DEG_PER_KM
    geometry[polygons] = shapely.buffer(geometry[polygons], radius, quad_segs=8)
    doc = np.sort(rng.integers(0, docs, n))
    relation = np.where(polygons, "near", "place")
    data = {
        "claim_id": [f"c{k}" for k in range(n)],
        "doc_id": [f"doc-{d:07d}" for d in doc],
        "outlet": ["Synthetic Wire"] * n,
        "published": pd.Series(pd.Timestamp("2024-10-16"), index=range(n)),
        "statement": [f"Synthetic claim number {k}." for k in range(n)],
        "source_chain": [["Synthetic Wire", "officials"] for _ in range(n)],
        "reporting_source": ["Synthetic Wire"] * n,
        "cited_sources": [["officials"] for _ in range(n)],
        "anonymous_source": rng.random(n) < 0.2,
        "confidence": pd.Categorical.from_codes(
            rng.integers(0, len(CONFIDENCE_ORDER), n),
            categories=list(CONFIDENCE_ORDER),
            ordered=True,
        ),
        "likelihood": [None] * n,
        "cues": [["said"] for _ in range(n)],
        "event_date": pd.Series(pd.Timestamp("2024-10-15"), index=range(n)),
        "date_precision": ["day"] * n,
        "quantities": [[] for _ in range(n)],
        "place_names": [["Somewhere"] for _ in range(n)],
        "geonameids": [[int(g)] for g in rng.integers(1, 10_000_000, n)],
        "precision_class": np.where(polygons, 2, 1).astype("int64"),
        "footprint_relation": relation.astype(object),
        "uncertainty_km": np.where(polygons, 5.0, np.nan),
        "url": [None] * n,
    }
    frame = pd.DataFrame({k: data[k] for k in CLAIM_COLUMNS if k != "geometry"}).astype(
        {k: v[0] for k, v in CLAIM_COLUMNS.items() if k != "geometry"}
    )
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=CRS)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its terminated children."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def write_store(gdf: Any, store: Path) -> tuple[float, int]:
    """Write ``gdf`` to a new store, one file per doc_id; (seconds, files)."""
    from geoclaims.store.dataset import write_document

    start = time.perf_counter()
    files = 0
    for doc_id, rows in gdf.groupby("doc_id", sort=False):
        write_document(store, str(doc_id), rows)
        files += 1
    return time.perf_counter() - start, files


def query_section(args: argparse.Namespace, gaz: Any, tmp: Path) -> list[str]:
    from geoclaims.store import query
    from geoclaims.store.dataset import read_store

    log(f"query: generating {args.rows:,} rows")
    gen_s, gdf = timed(
        lambda: synthetic_claims(args.rows, seed=1, docs=args.store_docs)
    )
    polygons = int((gdf.geom_type == "Polygon").sum())
    verbs: list[tuple[str, Callable[[Any], Any]]] = [
        (
            '`within(gdf, "Kursk Oblast")`',
            lambda g: query.within(g, "Kursk Oblast", gazetteer=gaz),
        ),
        (
            '`near(gdf, "Sudzha", km=30)`',
            lambda g: query.near(g, "Sudzha", km=30, gazetteer=gaz),
        ),
    ]
    out = [
        "### Spatial queries on 1,000,000 claims",
        "",
        f"{len(gdf):,} rows ({polygons:,} polygons, the rest points), generated in "
        f"{gen_s:.1f} s. First call = fresh frame (builds the STRtree); cached = median "
        f"of {args.runs} later calls on the same frame.",
        "",
        "| query | rows out | first call s | cached s | target |",
        "|---|---:|---:|---:|---|",
    ]
    for name, verb in verbs:
        fresh = gdf.copy()  # no spatial index yet
        first, result = timed(lambda v=verb, f=fresh: v(f))
        cached = statistics.median(
            timed(lambda v=verb, f=fresh: v(f))[0] for _ in range(args.runs)
        )
        out.append(f"| {name} | {len(result):,} | {first:.2f} | {cached:.3f} | < 2 s |")
        log(f"query: {name} {first:.2f} s first, {cached:.3f} s cached")
    store = tmp / "million.store"
    log(f"query: writing the rows to {args.store_docs:,} document files")
    write_s, files = write_store(gdf, store)
    expected = len(verbs[0][1](gdf))
    del gdf, fresh
    out += [
        "",
        f"The same rows in a store of {files:,} document files "
        f"({args.rows // files:,} rows each; written in {write_s:.0f} s), read through "
        'dask-geopandas (`read_store(store, engine="dask")`, 256 files per partition, '
        "dask's default threaded scheduler), then `within` computed:",
        "",
        "| step | s |",
        "|---|---:|",
    ]
    lazy_s, lazy = timed(lambda: read_store(store, engine="dask"))
    build_s, selected = timed(lambda: query.within(lazy, "Kursk Oblast", gazetteer=gaz))
    compute_s, result = timed(selected.compute)
    assert len(result) == expected, (len(result), expected)
    out.append(
        f"| open the store lazily ({lazy.npartitions} partitions) | {lazy_s:.2f} |"
    )
    out.append(f"| `within` (lazy, resolves the region) | {build_s:.2f} |")
    out.append(
        f"| compute: read, decode, query every partition ({len(result):,} rows out) "
        f"| {compute_s:.1f} |"
    )
    log(f"query: dask within {compute_s:.1f} s")
    few = ["doc_id", "claim_id", "confidence"]
    lean = read_store(store, engine="dask", columns=few)
    lean_s, lean_result = timed(
        lambda: query.within(lean, "Kursk Oblast", gazetteer=gaz).compute()
    )
    assert len(lean_result) == expected
    out.append(
        f"| same, reading only {', '.join(few)} and geometry "
        f"(`columns=`) | {lean_s:.1f} |"
    )
    log(f"query: dask within, 4 columns {lean_s:.1f} s")
    pandas_s, frame = timed(lambda: read_store(store))
    within_s, _ = timed(lambda: query.within(frame, "Kursk Oblast", gazetteer=gaz))
    out.append(f"| for comparison: `read_store(store)` into memory | {pandas_s:.1f} |")
    out.append(f"| then `within` on it (first call) | {within_s:.2f} |")
    shutil.rmtree(store)
    return out


def extract_section(args: argparse.Namespace, tmp: Path) -> list[str]:
    from geoclaims.corpus import extract_corpus

    out = [
        "### Extraction throughput (`extract_corpus`)",
        "",
        "Into a fresh store each run; seconds are the whole run, worker start-up "
        "(spawned processes importing geoclaims and opening the gazetteer) included. "
        "Words = whitespace-split tokens. Scaling = documents/s with 2 jobs over 1 job. "
        "CPU s = user + system time of this process and its worker processes.",
        "",
        "| corpus | docs | words | jobs | s | docs/s | words/s | CPU s | words/CPU-s "
        "| rows | scaling |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in args.corpora.split(","):
        corpus = args.eval_dir / f"{name}.jsonl"
        rates: dict[int, float] = {}
        for jobs in (1, 2):
            store = tmp / f"{name}-{jobs}.store"
            log(f"extract: {name} --jobs {jobs}")
            cpu = cpu_seconds()
            r = extract_corpus([corpus], store=store, jobs=jobs, progress=False)
            cpu = cpu_seconds() - cpu
            if r.failed:
                log(f"extract: {r.failed} documents failed, see {r.errors_path}")
            rates[jobs] = r.docs_per_s
            scaling = f"{rates[2] / rates[1]:.2f}x" if jobs == 2 else ""
            out.append(
                f"| {name} | {r.done + r.failed:,} | {r.words:,} | {jobs} | {r.seconds:.1f} "
                f"| {r.docs_per_s:.1f} | {r.words / r.seconds:,.0f} | {cpu:.1f} "
                f"| {r.words / cpu:,.0f} | {r.rows:,} | {scaling} |"
            )
            shutil.rmtree(store)
    last = args.eval_dir / f"{args.corpora.split(',')[-1]}.jsonl"
    return out + stage_costs(last, tmp)


def stage_costs(corpus: Path, tmp: Path, n: int = 100) -> list[str]:
    """Median milliseconds per document of each step of ``jobs=1``, one process."""
    from geoclaims.documents import iter_documents
    from geoclaims.pipeline import analyze
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.store.dataset import encode_document, store_document
    from geoclaims.store.frames import to_geodataframe

    gaz = Gazetteer.open()
    docs = [d for _, d in zip(range(n), iter_documents([corpus]), strict=False)]
    steps: dict[str, list[float]] = {
        k: [] for k in ("analyze", "frame", "encode", "write")
    }
    for doc in docs:
        t0 = time.perf_counter()
        report = analyze(doc.text, **doc.analyze_kwargs(), gazetteer=gaz)
        t1 = time.perf_counter()
        frame = to_geodataframe([report])
        t2 = time.perf_counter()
        payload = encode_document(doc.doc_id, frame)
        t3 = time.perf_counter()
        store_document(tmp / "stages.store", doc.doc_id, payload)
        t4 = time.perf_counter()
        for key, seconds in zip(
            steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True
        ):
            steps[key].append(seconds * 1e3)
    shutil.rmtree(tmp / "stages.store")
    ms = {k: statistics.median(v) for k, v in steps.items()}
    return [
        "",
        f"Where a document's time goes with `--jobs 1` (median ms over the first "
        f"{len(docs)} documents of {corpus.stem}, warm gazetteer): analysis "
        f"(`analyze`) {ms['analyze']:.1f}, claims frame (`to_geodataframe`) "
        f"{ms['frame']:.1f}, GeoParquet encoding (`encode_document`, done by the "
        f"workers) {ms['encode']:.1f}, atomic synced write (`store_document`, done by "
        f"the parent) {ms['write']:.1f}.",
    ]


def append_section(args: argparse.Namespace, tmp: Path) -> list[str]:
    from geoclaims.store.dataset import read_store, stored_doc_ids, stored_file_names

    docs, rows = args.append_rows // 20, args.append_rows
    log(f"append: {rows:,} rows in {docs:,} documents")
    gdf = synthetic_claims(rows, seed=2, docs=docs)
    store = tmp / "append.store"
    write_s, files = write_store(gdf, store)
    size_mb = sum(f.stat().st_size for f in store.iterdir()) / 1e6
    names_s, _ = timed(lambda: stored_file_names(store))
    ids_s, ids = timed(lambda: stored_doc_ids(store))
    pandas_s, frame = timed(lambda: read_store(store))
    dask_s, computed = timed(lambda: read_store(store, engine="dask").compute())
    assert len(frame) == len(computed) == rows and len(ids) == files
    shutil.rmtree(store)
    return [
        "### Store append and read-back",
        "",
        f"{rows:,} synthetic rows (claims schema, 40 % polygons) as {files:,} documents "
        f"of about {rows // files} rows, one `write_document` call (one atomic GeoParquet "
        f"file) each; {size_mb:.0f} MB on disk.",
        "",
        "| step | s | rows/s |",
        "|---|---:|---:|",
        f"| append (`write_document` x {files:,}) | {write_s:.1f} | {rows / write_s:,.0f} |",
        "| list finished documents (`stored_file_names`, what a resumed run reads) "
        f"| {names_s:.3f} | |",
        f"| `stored_doc_ids` (reads each file's metadata) | {ids_s:.1f} | |",
        f"| `read_store(store)` (pandas) | {pandas_s:.1f} | {rows / pandas_s:,.0f} |",
        f'| `read_store(store, engine="dask").compute()` | {dask_s:.1f} | {rows / dask_s:,.0f} |',
    ]


def load_line() -> str:
    return "_Load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + "._"


def main() -> int:
    import geoclaims
    from geoclaims.places.gazetteer import Gazetteer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--skip", default="", help="Comma list of query,extract,append."
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--store-docs",
        type=int,
        default=1_000,
        help="Document files of the query section's store.",
    )
    parser.add_argument("--append-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval"
    )
    parser.add_argument("--corpora", default="news_dev,lgl")
    parser.add_argument("--tmp", type=Path, default=None, help="Scratch directory.")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    gaz = Gazetteer.open()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        "## Corpus scale (issue 7)",
        "",
        f"Reproduce: `{COMMAND}`",
        "",
        f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"{platform.platform()}; {os.cpu_count()} CPUs; load average {load} at start",
        "- load average at the end of each section is printed below it",
        f"- python {platform.python_version()}; geoclaims {geoclaims.__version__}; "
        f"gazetteer {gaz.version}",
        "",
    ]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory(dir=args.tmp) as scratch:
        tmp = Path(scratch)
        sections: list[tuple[str, Callable[[], list[str]]]] = [
            ("query", lambda: query_section(args, gaz, tmp)),
            ("extract", lambda: extract_section(args, tmp)),
            ("append", lambda: append_section(args, tmp)),
        ]
        for name, section in sections:
            if name not in skip:
                print("\n".join([*section(), "", load_line(), ""]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
