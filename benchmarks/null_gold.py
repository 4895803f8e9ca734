"""Places the gazetteer lacks: how often a null-gold mention is still placed wrongly.

A gold toponym with no ``geonameid`` names a place the gazetteer does not have (a
village, a district, a water body). Resolving its gold span should leave it unresolved
or put it within 161 km of the gold point; a point further away, or any point when gold
has none, is wrong (issue 16: at most 10 %). Reproduce:

    python benchmarks/null_gold.py [--corpora news_dev,news_dev2_ru_ua] [-v]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = "news_dev,news_dev2_ru_ua,news_dev2_world,news_dev_cyrillic"
KM = 161.0


def wrongly_placed(gold: dict, pred: dict | None) -> bool:
    """True when ``pred`` puts a null-gold mention somewhere gold does not allow."""
    from geoclaims.evaluation.toponyms import haversine_km

    if pred is None or pred.get("lat") is None or pred.get("lon") is None:
        return False
    if gold.get("lat") is None or gold.get("lon") is None:
        return True
    km = float(haversine_km(gold["lon"], gold["lat"], pred["lon"], pred["lat"]))
    return km > KM


def main() -> int:
    from geoclaims._io import iter_jsonl
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse_corpus

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--corpora", default=NEWS)
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every wrongly placed mention")
    args = parser.parse_args()
    gaz = Gazetteer.open()
    rows, misses = [], []
    for name in args.corpora.split(","):
        path = args.eval_dir / f"{name}.jsonl"
        docs = list(iter_jsonl(path, required=("doc_id", "text")))
        preds = {r["doc_id"]: r["toponyms"]
                 for r in geoparse_corpus(docs, gazetteer=gaz, gold_spans=True)}
        total = wrong = 0
        for doc in docs:
            by_span = {(t["start"], t["end"]): t for t in preds[doc["doc_id"]]}
            for gold in doc.get("toponyms", []):
                if gold.get("geonameid") is not None:
                    continue
                total += 1
                pred = by_span.get((gold["start"], gold["end"]))
                if wrongly_placed(gold, pred):
                    wrong += 1
                    assert pred is not None
                    misses.append(f"{name} {doc['doc_id']}: {gold['name']!r} -> "
                                  f"{pred.get('geonameid')} ({pred['lat']:.2f}, "
                                  f"{pred['lon']:.2f}) {pred.get('kind')}")
        share = wrong / total if total else 0.0
        rows.append(f"| {name} | {total} | {wrong} ({share:.3f}) |")
    print("| set | null-gold mentions | wrongly placed |")
    print("|---|---:|---:|")
    print("\n".join(rows))
    if args.verbose:
        print()
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
