"""How far resolution is from its ceiling: which gold toponyms the gazetteer can reach.

A gold toponym is reachable when some gazetteer entry with its name lies within 161 km
of the gold point. Accuracy among reachable toponyms measures the ranking alone; the
unreachable share is the gazetteer's coverage gap. Reproduce:

    python benchmarks/coverage_ceiling.py [--corpora lgl,geovirus,wiktor]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    import numpy as np

    from geoclaims._io import iter_jsonl
    from geoclaims.evaluation.toponyms import haversine_km
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse_corpus
    from geoclaims.places.recognize import lookup_variants

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--corpora", default="lgl,geovirus,wiktor")
    args = parser.parse_args()
    gaz = Gazetteer.open()
    print("| corpus | gold with coordinates | reachable | acc@161 (all) "
          "| acc@161 among reachable |")
    print("|---|---:|---:|---:|---:|")
    for name in args.corpora.split(","):
        path = args.eval_dir / f"{name}.jsonl"
        docs = list(iter_jsonl(path, required=("doc_id", "text")))
        preds = {r["doc_id"]: r["toponyms"]
                 for r in geoparse_corpus(docs, gazetteer=gaz, gold_spans=True)}
        n = reach = ok = ok_reach = 0
        for doc in docs:
            by_span = {(t["start"], t["end"]): t for t in preds[doc["doc_id"]]}
            for t in doc["toponyms"]:
                if t.get("lat") is None or t.get("lon") is None:
                    continue
                n += 1
                keys = lookup_variants(t["name"])
                table = gaz.lookup_keys(keys)
                pts = [(p.lon, p.lat) for k in keys for p, _ in table.get(k, [])
                       if p.lat is not None]
                reachable = bool(pts) and bool(np.min(haversine_km(
                    t["lon"], t["lat"], np.array([p[0] for p in pts]), np.array([p[1] for p in pts])
                )) <= 161)
                pred = by_span.get((t["start"], t["end"]))
                right = bool(pred and pred["lat"] is not None and float(
                    haversine_km(t["lon"], t["lat"], pred["lon"], pred["lat"])) <= 161)
                reach += reachable
                ok += right
                ok_reach += right and reachable
        print(f"| {name} | {n} | {reach / n:.3f} | {ok / n:.3f} | {ok_reach / max(reach, 1):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
