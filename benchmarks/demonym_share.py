"""Recognition on a corpus with and without its demonym gold spans ("Russian", "Iraqi").

geoclaims does not tag demonyms as toponyms (by design); LGL annotates many. This script
measures how much of the recognition gap they account for. Reproduce:

    python benchmarks/demonym_share.py [--corpus ../shared/eval/lgl.jsonl]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from geoclaims._io import iter_jsonl
    from geoclaims.evaluation.toponyms import score_recognition
    from geoclaims.places.build import FLAG_DEMONYM
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse_corpus
    from geoclaims.text.normalize import normalize_name

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "eval" / "lgl.jsonl")
    args = parser.parse_args()
    gaz = Gazetteer.open()
    docs = list(iter_jsonl(args.corpus, required=("doc_id", "text")))
    keys = {normalize_name(t["name"]) for d in docs for t in d.get("toponyms", [])}
    table = gaz.lookup_keys(keys)

    def demonym(name: str) -> bool:
        hits = table.get(normalize_name(name), [])
        return bool(hits) and all(flags == FLAG_DEMONYM for _, flags in hits)

    n = sum(demonym(t["name"]) for d in docs for t in d["toponyms"])
    without = [{**d, "toponyms": [t for t in d["toponyms"] if not demonym(t["name"])]}
               for d in docs]
    preds = {r["doc_id"]: r["toponyms"] for r in geoparse_corpus(docs, gazetteer=gaz)}
    full, rest = score_recognition(docs, preds), score_recognition(without, preds)
    print(f"| {args.corpus.stem} | demonym gold spans | strict P/R/F1 all gold | "
          "strict P/R/F1 without demonyms |\n|---|---:|---|---|")
    print(f"| {args.corpus.stem} | {n} | {full.strict_precision:.3f} / {full.strict_recall:.3f} / "
          f"{full.strict_f1:.3f} | {rest.strict_precision:.3f} / {rest.strict_recall:.3f} / "
          f"{rest.strict_f1:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
