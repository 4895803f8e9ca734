"""Spatial expressions: recognition, footprints per news set, and build times.

The footprint section scores every news dev set with spatial expressions by the rule
of :mod:`geoclaims.evaluation.footprints` (found, relation accuracy, sensible), per
set and per gold type; ``--misses`` lists every gold expression that is not sensible.

Reproduce from the repository root (gazetteer built, GEOCLAIMS_DATA set):

    python benchmarks/spatial_bench.py [--eval-dir ../shared/eval] [--out FILE]
        [--sets news_dev,news_dev2_ru_ua,news_dev2_world] [--misses] [--skip-timings]
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


FOOTPRINT_SETS = ("news_dev", "news_dev2_ru_ua", "news_dev2_world", "news_dev_cyrillic")


def footprint_scores(eval_dir: Path, sets: list[str], *, misses: bool) -> list[str]:
    from geoclaims.evaluation.footprints import FootprintScore, score_document
    from geoclaims.geometry.context import place_spans
    from geoclaims.geometry.footprints import build_footprints
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse
    from geoclaims.text.segment import segment
    from geoclaims.text.spatial import find_spatial_expressions

    gaz = Gazetteer.open()
    totals: dict[str, FootprintScore] = {}
    by_lang: dict[str, FootprintScore] = {}
    for name in sets:
        total = FootprintScore()
        for line in (eval_dir / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            doc = json.loads(line)
            seg = segment(doc["text"])
            res = geoparse(doc["text"], gazetteer=gaz, segmentation=seg)
            found = find_spatial_expressions(doc["text"], place_spans(res))
            exprs, fps = build_footprints(doc["text"], found, res, gaz, segmentation=seg)
            problems = {(e.start, e.end): "; ".join(e.problems) for e in exprs if e.problems}
            scored = score_document(doc, fps, problems)
            total.add(scored)
            if doc.get("lang"):
                # Per language of the gold (for the report only; the tool never sees it).
                by_lang.setdefault(f"{name} ({doc['lang']})", FootprintScore()).add(scored)
        totals[name] = total
    totals.update(sorted(by_lang.items()))
    rows = ["| set | expressions | footprints | recall | relation accuracy | sensible |",
            "|---|---:|---:|---:|---:|---:|"]
    for name, t in totals.items():
        d = t.to_dict()
        rows.append(f"| {name} | {d['expressions']} | {d['footprints']} | {d['recall']:.3f} | "
                    f"{d['relation_accuracy']:.3f} | {d['sensible']:.3f} |")
    rows += ["", "| set | gold type | n | recall | relation accuracy | sensible |",
             "|---|---|---:|---:|---:|---:|"]
    for name, t in totals.items():
        for kind, v in t.to_dict()["by_type"].items():
            rows.append(f"| {name} | {kind} | {v['n']} | {v['recall']:.3f} | "
                        f"{v['relation_accuracy']:.3f} | {v['sensible']:.3f} |")
    if misses:
        rows += ["", "Not sensible:", ""]
        for name, t in totals.items():
            rows += [f"- {name} {doc_id}: {kind} {text!r}: {why}"
                     for doc_id, text, kind, why in t.misses]
        rows += ["", "Footprints of no gold expression:", ""]
        for name, t in totals.items():
            rows += [f"+ {name} {doc_id}: {text!r} ({rule})" for doc_id, text, rule in t.extras]
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
    parser.add_argument("--sets", default=",".join(FOOTPRINT_SETS),
                        help="news sets for the footprint section, comma-separated")
    parser.add_argument("--misses", action="store_true",
                        help="list every gold expression that is not sensible")
    parser.add_argument("--skip-timings", action="store_true")
    args = parser.parse_args()
    sets = [s for s in args.sets.split(",") if s]
    lines = [
        "## Spatial expressions",
        "",
        "Reproduce: `python benchmarks/spatial_bench.py`",
        "",
        "Recognition on the `spatial_expressions` of news_dev (one-to-one overlap matching):",
        "",
        *recognition(args.eval_dir / "news_dev.jsonl"),
        "",
        "Footprints per set (rule of `geoclaims.evaluation.footprints`):",
        "",
        *footprint_scores(args.eval_dir, sets, misses=args.misses),
    ]
    if not args.skip_timings:
        lines += [
            "",
            "Footprint build time per expression of the shared example "
            "(warm gazetteer, one core):",
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
