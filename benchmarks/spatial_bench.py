"""Spatial expressions: recognition on news_dev and footprint build times.

Reproduce from the repository root (gazetteer built, GEOCLAIMS_DATA set):

    python benchmarks/spatial_bench.py [--eval-dir ../shared/eval] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def recognition(corpus: Path) -> list[str]:
    from geoclaims.text.spatial import find_spatial_expressions

    tp = fp = fn = 0
    same_type = 0
    by_type: Counter[str] = Counter()
    hit_type: Counter[str] = Counter()
    for line in corpus.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        doc = json.loads(line)
        pred = find_spatial_expressions(doc["text"])
        used: set[int] = set()
        for g in doc.get("spatial_expressions", []):
            by_type[g["type"]] += 1
            k = next(
                (i for i, p in enumerate(pred)
                 if i not in used and overlap((p.start, p.end), (g["start"], g["end"]))),
                None,
            )
            if k is None:
                fn += 1
                continue
            tp += 1
            hit_type[g["type"]] += 1
            used.add(k)
            same_type += pred[k].relation == g["type"]
        fp += len(pred) - len(used)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    rows = [
        "| corpus | gold | predicted | P (overlap) | R (overlap) | F1 (overlap) "
        "| same relation type |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| {corpus.stem} | {tp + fn} | {tp + fp} | {p:.3f} | {r:.3f} | {f1:.3f} | "
        f"{same_type / tp if tp else 0:.3f} |",
        "",
        "| gold type | n | recalled |",
        "|---|---:|---:|",
    ]
    rows += [f"| {t} | {n} | {hit_type[t] / n:.3f} |" for t, n in by_type.most_common()]
    return rows


def timings(example: Path) -> list[str]:
    from geoclaims.geometry.footprints import DocumentPlaces, build_footprint
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse
    from geoclaims.text.spatial import find_spatial_expressions

    gaz = Gazetteer.open()
    text = example.read_text(encoding="utf-8")
    ctx = DocumentPlaces(text, geoparse(text, gazetteer=gaz), gaz)
    rows = ["| expression | rule | area km² | median ms (20 runs) |", "|---|---|---:|---:|"]
    for expr in find_spatial_expressions(text):
        try:
            fp = build_footprint(expr, ctx)
        except Exception as err:
            rows.append(f"| {expr.text} | no footprint: {err} | | |")
            continue
        runs = []
        for _ in range(20):
            t0 = time.perf_counter()
            build_footprint(expr, ctx)
            runs.append((time.perf_counter() - t0) * 1000)
        rows.append(
            f"| {expr.text} | {fp.rule} | {fp.area_km2:,.0f} | {statistics.median(runs):.1f} |"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--example", type=Path,
        default=ROOT.parent / "shared" / "examples" / "rfa-north-korean-battalion.txt",
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lines = [
        "## Spatial expressions",
        "",
        "Reproduce: `python benchmarks/spatial_bench.py`",
        "",
        "Recognition on the `spatial_expressions` of news_dev (one-to-one overlap matching):",
        "",
        *recognition(args.eval_dir / "news_dev.jsonl"),
        "",
        "Footprint build time per expression of the shared example (warm gazetteer, one core):",
        "",
        *timings(args.example),
    ]
    report = "\n".join(lines) + "\n"
    if args.out:
        from geoclaims._io import atomic_write

        with atomic_write(args.out) as handle:
            handle.write(report)
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
