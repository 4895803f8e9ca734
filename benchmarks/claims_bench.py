"""Claims: accuracy on every claims corpus, and the speed of the whole analysis on one core.

Reproduce from the repository root (gazetteer built, GEOCLAIMS_DATA set):

    python benchmarks/claims_bench.py [--eval-dir ../shared/eval] [--corpora a,b]
                                      [--timing-corpus lgl | --timing-corpus none]

The news corpora (news_dev, news_dev2_ru_ua, news_dev2_world, news_dev_cyrillic: gold
``claims``) are scored by ``geoclaims.evaluation.claims`` (a corpus whose documents
carry several gold ``lang`` values also per language), PolNeAR (gold ``attributions``) by
``geoclaims.evaluation.polnear``. geoclaims is given only each document's doc_id,
text, outlet and published date.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("news_dev", "news_dev2_ru_ua", "news_dev2_world", "polnear_dev",
           "news_dev_cyrillic")
#: The news corpus shown in full (metrics with their counts, grade confusion matrix).
DETAIL_CORPUS = "news_dev"
#: Figures on PolNeAR's held-out test split, quoted from polnear.README.md (not re-run).
POLNEAR_REFERENCE = (
    "Reference, PolNeAR test split (held out; quoted from `polnear.README.md`, same rule): "
    "Citron retrained on polnear_train: recall 0.550, precision 0.911, source 0.914 "
    "(strict 0.789), cue 0.871, who-says-what 0.536, speech 0.71, other 0.35; "
    "geoclaims then: recall 0.381, precision 0.948, source 0.727, cue 0.727, "
    "speech 0.60, other 0.10."
)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def predict(docs: list[dict[str, Any]], gaz: Any) -> dict[str, list[dict[str, Any]]]:
    """Claims of geoclaims per doc_id, from doc_id, text, outlet and published only."""
    from geoclaims.claims.export import claim_record
    from geoclaims.pipeline import analyze

    preds = {}
    for d in docs:
        report = analyze(d["text"], doc_id=d["doc_id"], outlet=d.get("outlet"),
                         published=d.get("published"), gazetteer=gaz)
        preds[d["doc_id"]] = [claim_record(c, report.footprints) for c in report.claims]
    return preds


def _speed_child(path: str, out: Any) -> None:
    """Worker of :func:`timing`: one CPU, one thread, a warm gazetteer and pipeline."""
    import os
    import resource

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from geoclaims.pipeline import analyze
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse

    gaz = Gazetteer.open()
    texts = [d["text"] for d in read_jsonl(Path(path))]
    analyze(texts[0], gazetteer=gaz)  # loads the gazetteer indexes and the parser
    geo, full = [], []
    for _ in range(2):
        t0 = time.perf_counter()
        for t in texts:
            geoparse(t, gazetteer=gaz)
        t1 = time.perf_counter()
        for t in texts:
            analyze(t, outlet="x", published="2024-10-15", gazetteer=gaz)
        t2 = time.perf_counter()
        geo.append(t1 - t0)
        full.append(t2 - t1)
    out.put((sum(len(t.split()) for t in texts), len(texts), min(geo), min(full),
             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def timing(eval_dir: Path, corpus: str, gaz: Any) -> str:
    """Words/s of geoparsing and of the whole analysis (extract) on one core."""
    import multiprocessing as mp
    import os

    os.environ["OMP_NUM_THREADS"] = "1"
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    child = ctx.Process(target=_speed_child, args=(str(eval_dir / f"{corpus}.jsonl"), queue))
    child.start()
    words, docs, geo, full, rss = queue.get()
    child.join()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"Speed on {corpus} ({docs} documents, {words:,} words; one CPU, best of 2): "
            f"geoparsing **{words / geo:,.0f} words/s** (target >= 20,000); the whole "
            f"analysis as `extract` runs it (places, footprints, claims with the parse) "
            f"**{words / full:,.0f} words/s** (target >= 4,000); peak RSS {rss:,.0f} MB. "
            f"_Load average {load}._")


def main() -> int:
    from geoclaims.evaluation.claims import evaluate_claims, score_claims
    from geoclaims.evaluation.polnear import evaluate_polnear
    from geoclaims.evaluation.tables import (
        CLAIMS_SUMMARY_HEADER,
        POLNEAR_SUMMARY_HEADER,
        format_claims_markdown,
        format_claims_summary_row,
        format_polnear_summary_row,
    )
    from geoclaims.places.gazetteer import Gazetteer

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--corpora", default=",".join(CORPORA),
                        help=f"comma-separated corpus names (default: {','.join(CORPORA)})")
    parser.add_argument("--timing-corpus", default="lgl",
                        help="corpus of the speed line (words/s on one core); 'none' skips it")
    args = parser.parse_args()
    corpora = [c.strip() for c in args.corpora.split(",") if c.strip()]
    missing = [c for c in corpora if not (args.eval_dir / f"{c}.jsonl").is_file()]
    if missing:
        parser.error(f"no {', '.join(missing)} in {args.eval_dir}")
    gaz = Gazetteer.open()
    news: dict[str, dict[str, Any]] = {}
    polnear: dict[str, dict[str, Any]] = {}
    for corpus in corpora:
        path = args.eval_dir / f"{corpus}.jsonl"
        docs = read_jsonl(path)
        print(f"{corpus}: analysing {len(docs)} documents", file=sys.stderr)
        t0 = time.perf_counter()
        # Only what an article's reader would have: no gold field reaches the tool.
        inputs = [{k: d.get(k) for k in ("doc_id", "text", "outlet", "published")}
                  for d in docs]
        preds = predict(inputs, gaz)
        print(f"{corpus}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        if docs and "attributions" in docs[0]:
            polnear[corpus] = evaluate_polnear(path, preds)
            continue
        news[corpus] = evaluate_claims(path, preds)
        # A corpus of several languages is also reported per language, by the gold
        # "lang" of its documents (geoclaims itself detects the language).
        langs = sorted({d["lang"] for d in docs if d.get("lang")})
        if len(langs) > 1:
            for lang in langs:
                part = [d for d in docs if d.get("lang") == lang]
                news[f"{corpus} ({lang})"] = {
                    "corpus": corpus, **score_claims(part, {d["doc_id"]: preds.get(
                        d["doc_id"], []) for d in part}).to_dict()}
    print("## Claims\n")
    print("Reproduce: `python benchmarks/claims_bench.py` (one corpus: `geoclaims eval "
          "../shared/eval/CORPUS.jsonl --task claims|polnear --markdown`). geoclaims is "
          "given only doc_id, text, outlet and published.\n")
    if news:
        print("### News corpora (gold claims)\n")
        print(CLAIMS_SUMMARY_HEADER)
        for corpus, result in news.items():
            print(format_claims_summary_row(corpus, result))
        print()
    if polnear:
        print("### PolNeAR (gold attributions, the rule of polnear.README.md)\n")
        print(POLNEAR_SUMMARY_HEADER)
        for corpus, result in polnear.items():
            print(format_polnear_summary_row(corpus, result))
        print(f"\n{POLNEAR_REFERENCE}\n")
    if DETAIL_CORPUS in news:
        print(f"### {DETAIL_CORPUS} in detail\n")
        print(format_claims_markdown(news[DETAIL_CORPUS]))
        print()
    if args.timing_corpus.lower() != "none":
        print(timing(args.eval_dir, args.timing_corpus, gaz))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
