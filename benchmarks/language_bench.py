"""Language detection (geoclaims.text.language) on every corpus of ../shared/eval.

Prints, per corpus, how many documents get each code and, where the corpus states a
language per document (news_dev_cyrillic's ``lang``), the accuracy against it; the
other corpora are English throughout. Also the detector's speed.

    python benchmarks/language_bench.py [--eval-dir ../shared/eval]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from geoclaims.text.language import detect_language


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    args = parser.parse_args()
    print("| corpus | docs | detected | right | accuracy |")
    print("|---|---:|---|---:|---:|")
    chars = 0
    seconds = 0.0
    for path in sorted(args.eval_dir.glob("*.jsonl")):
        if path.name.startswith("polnear"):
            texts = [(json.loads(line)["text"], "en") for line in path.open(encoding="utf-8")]
        else:
            texts = [(rec["text"], rec.get("lang", "en")) for rec in
                     map(json.loads, path.open(encoding="utf-8"))]
        print(f"{path.stem} ...", file=sys.stderr)
        t0 = time.perf_counter()
        found = [detect_language(text).code for text, _ in texts]
        seconds += time.perf_counter() - t0
        chars += sum(len(t) for t, _ in texts)
        counts = Counter(found)
        right = sum(f == gold for f, (_, gold) in zip(found, texts, strict=True))
        shown = ", ".join(f"{code} {n:,}" for code, n in counts.most_common())
        print(f"| {path.stem} | {len(texts):,} | {shown} | {right:,} | "
              f"{right / max(1, len(texts)):.3f} |")
    print(f"\nspeed: {chars / seconds / 1e6:.1f} M characters/s on one core")


if __name__ == "__main__":
    main()
