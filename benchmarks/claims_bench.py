"""Claims: accuracy on news_dev and the cost of claim extraction over geoparsing.

Reproduce from the repository root (gazetteer built, GEOCLAIMS_DATA set):

    python benchmarks/claims_bench.py [--eval-dir ../shared/eval]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from geoclaims.claims.export import claim_record
    from geoclaims.claims.extract import extract_claims
    from geoclaims.evaluation.claims import evaluate_claims
    from geoclaims.evaluation.tables import format_claims_markdown
    from geoclaims.geometry.footprints import build_footprints
    from geoclaims.pipeline import analyze
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse
    from geoclaims.text.dates import parse_published
    from geoclaims.text.spatial import find_spatial_expressions

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--timing-corpus", default="lgl")
    args = parser.parse_args()
    gaz = Gazetteer.open()
    corpus = args.eval_dir / "news_dev.jsonl"
    docs = [json.loads(x) for x in corpus.read_text(encoding="utf-8").split("\n") if x.strip()]
    preds = {}
    for d in docs:
        report = analyze(d["text"], doc_id=d["doc_id"], outlet=d.get("outlet"),
                         published=d.get("published"), gazetteer=gaz)
        preds[d["doc_id"]] = [claim_record(c, report.footprints) for c in report.claims]
    print("## Claims\n")
    print("Reproduce: `python benchmarks/claims_bench.py` "
          "(or `geoclaims eval ../shared/eval/news_dev.jsonl --task claims --markdown`)\n")
    print(format_claims_markdown(evaluate_claims(corpus, preds)))
    # Cost of claims over geoparsing, on a corpus of plain news texts.
    texts = [json.loads(x)["text"] for x in
             (args.eval_dir / f"{args.timing_corpus}.jsonl").read_text(encoding="utf-8").split("\n")
             if x.strip()]
    geo, foot, claim = [], [], []
    published = parse_published("2024-10-15")
    for _ in range(3):
        t0 = time.perf_counter()
        parsed = [geoparse(t, gazetteer=gaz) for t in texts]
        t1 = time.perf_counter()
        footprints = [build_footprints(t, find_spatial_expressions(t), res, gaz)[1]
                      for t, res in zip(texts, parsed, strict=True)]
        t2 = time.perf_counter()
        for t, res, fps in zip(texts, parsed, footprints, strict=True):
            extract_claims(t, outlet="x", published=published, resolutions=res, footprints=fps)
        t3 = time.perf_counter()
        geo.append(t1 - t0)
        foot.append(t2 - t1)
        claim.append(t3 - t2)
    g, f, c = (statistics.median(x) for x in (geo, foot, claim))
    print(f"\nThroughput on {args.timing_corpus} ({len(texts)} documents, median of 3): "
          f"geoparsing {g:.2f} s; spatial expressions + footprints {f:.2f} s; "
          f"claim extraction {c:.2f} s = **{c / g:.2f}x** the geoparsing time (target <= 2x).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
