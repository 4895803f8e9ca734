"""Linear time: claim extraction on a long document, a brief of many claims.

Two measurements, each on input that used to take quadratic time:

- **extraction.** "Shelling hit Kursk, Sudzha and Bryansk, officials said."
  repeated N and 4N times (issue 12). For each size: geoparsing, spatial
  expressions + footprints, claim extraction (``extract_claims``), and the whole
  ``analyze``; the ratio 4N / N of each (about 4 when linear, 16 when quadratic).
- **brief.** ``render_brief`` to PNG of 100 / 1,000 / 5,000 claims all at Sudzha (so
  that every number crowds the same spot), in three grades. The claims come from
  ``analyze`` of repeated sentences; only ``render_brief`` is timed.

Times are wall-clock seconds (and CPU seconds, less sensitive to other load on the
machine), one run per cell after a warm-up. Reproduce from the repository root
(gazetteer built, GEOCLAIMS_DATA set)::

    python benchmarks/linear_bench.py [--sentences 2000] [--claims 100 1000 5000]
        [--skip extraction,brief]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The sentence of issue 12: three places, one anonymous source.
SENTENCE = "Shelling hit Kursk, Sudzha and Bryansk, officials said. "
#: Co-located claims for the brief, one of each grade in turn.
BRIEF_SENTENCES = (
    "Shelling hit Sudzha on Monday, officials said. ",
    "Troops reportedly crossed into Sudzha overnight with armour. ",
    "The Kremlin denied that any depot near Sudzha was hit. ",
)
#: The growth of the document between the two extraction runs.
GROWTH = 4


def timed(call: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall seconds, CPU seconds and result of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def extraction(sentences: int, gaz: Any) -> list[str]:
    """Markdown rows: each stage of ``analyze`` at N and 4N sentences."""
    from geoclaims.claims.extract import extract_claims
    from geoclaims.geometry.footprints import build_footprints
    from geoclaims.pipeline import analyze
    from geoclaims.places.geoparse import geoparse
    from geoclaims.text.spatial import find_spatial_expressions

    analyze(SENTENCE * 10, gazetteer=gaz)  # warm the caches
    stages: dict[str, list[tuple[float, float]]] = {}
    sizes = (sentences, GROWTH * sentences)
    for n in sizes:
        text = SENTENCE * n
        print(f"extraction: {n:,} sentences", file=sys.stderr)
        w, c, res = timed(lambda text=text: geoparse(text, gazetteer=gaz))
        stages.setdefault("geoparse", []).append((w, c))
        w, c, (_, fps) = timed(lambda text=text, res=res: build_footprints(
            text, find_spatial_expressions(text), res, gaz))
        stages.setdefault("spatial expressions + footprints", []).append((w, c))
        w, c, claims = timed(lambda text=text, res=res, fps=fps: extract_claims(
            text, outlet="Test Wire", published=None, resolutions=res, footprints=fps))
        assert len(claims) == n
        stages.setdefault("claim extraction", []).append((w, c))
        w, c, _ = timed(lambda text=text: analyze(text, outlet="Test Wire", gazetteer=gaz))
        stages.setdefault("analyze (all of it)", []).append((w, c))
    rows = [
        f"| stage | {sizes[0]:,} sentences: wall s (CPU s) | {sizes[1]:,} sentences: "
        "wall s (CPU s) | ratio (CPU) |",
        "|---|---:|---:|---:|",
    ]
    for stage, ((w1, c1), (w4, c4)) in stages.items():
        rows.append(f"| {stage} | {w1:.2f} ({c1:.2f}) | {w4:.2f} ({c4:.2f}) | "
                    f"{c4 / c1:.1f} |")
    return rows


def brief(sizes: list[int], gaz: Any) -> list[str]:
    """Markdown rows: ``render_brief`` to PNG of ``n`` co-located claims."""
    from geoclaims.maps.static import render_brief
    from geoclaims.pipeline import analyze
    from geoclaims.store.frames import to_geodataframe

    def frame(n: int) -> Any:
        text = "".join(BRIEF_SENTENCES[i % 3] for i in range(n))
        out = to_geodataframe(analyze(text, outlet="Test Wire", published="2024-10-15",
                                      gazetteer=gaz))
        assert len(out) == n
        return out

    rows = ["| claims | render_brief to PNG: wall s | CPU s | PNG MB |",
            "|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        render_brief(frame(3), Path(tmp) / "warm.png", gazetteer=gaz)
        for n in sizes:
            claims = frame(n)
            target = Path(tmp) / f"brief-{n}.png"
            print(f"brief: {n:,} claims", file=sys.stderr)
            w, c, _ = timed(lambda claims=claims, target=target: render_brief(
                claims, target, gazetteer=gaz))
            rows.append(f"| {n:,} | {w:.2f} | {c:.2f} | "
                        f"{target.stat().st_size / 1e6:.2f} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=2000,
                        help="N: the extraction runs on N and 4N sentences (default 2000)")
    parser.add_argument("--claims", type=int, nargs="+", default=[100, 1000, 5000],
                        help="brief sizes (default 100 1000 5000)")
    parser.add_argument("--skip", default="", help="comma-separated: extraction,brief")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    from geoclaims.places.gazetteer import Gazetteer

    gaz = Gazetteer.open()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent).stdout.strip()
    print("## Linear time (issue 12)\n")
    print("Reproduce: `python benchmarks/linear_bench.py`\n")
    print(f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"{platform.platform()}; {os.cpu_count()} CPUs; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} at start")
    print(f"- python {platform.python_version()}; geoclaims at {commit or 'unknown'}; "
          f"gazetteer {gaz.version}\n")
    if "extraction" not in skip:
        print(f"### Extraction: the sentence of issue 12 repeated N and {GROWTH}N times\n")
        print(f"`{SENTENCE.strip()}` repeated; one run per cell after a warm-up.\n")
        print("\n".join(extraction(args.sentences, gaz)) + "\n")
    if "brief" not in skip:
        print("### Brief: co-located claims\n")
        print("Claims all at Sudzha, three grades in turn; `render_brief` to PNG "
              "(A4, 200 dpi), one run per size.\n")
        print("\n".join(brief(args.claims, gaz)) + "\n")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
