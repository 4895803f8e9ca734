"""How much of the resolution gap is the gold coordinates' own error.

LGL, GeoVirus and WikToR carry two gold points per toponym: the original ``lat``/``lon``
and ``lat_wikidata``/``lon_wikidata``, the corrected coordinates published by Kulkarni
et al. (2021). This script counts where the two disagree by more than 161 km, how many
of those disagreements are a flipped sign (a Western-hemisphere place given an eastern
longitude, or a southern one a northern latitude), and scores the same gold-span
predictions against three references:

- ``original``: the points the standard metric uses;
- ``signs fixed``: the original points, with only the flipped signs put right (a point
  is changed when negating its latitude or longitude brings it within 161 km of the
  corrected point, and it is left as it was otherwise);
- ``corrected``: Kulkarni et al.'s points, over the toponyms that have one.

For each reference it also gives the coverage ceiling (some gazetteer entry with the
toponym's name within 161 km of the reference point; see ``coverage_ceiling.py``).
Reproduce:

    python benchmarks/gold_coordinates.py [--corpora lgl,geovirus,wiktor]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The distance (km) of acc@161.
KM = 161.0


def _points(toponym: dict, reference: str) -> tuple[float, float] | None:
    """The (lon, lat) gold point of ``toponym`` under ``reference``, or None."""
    from geoclaims.evaluation.toponyms import haversine_km

    lat, lon = toponym.get("lat"), toponym.get("lon")
    fixed_lat, fixed_lon = toponym.get("lat_wikidata"), toponym.get("lon_wikidata")
    if reference == "corrected":
        return (
            None if fixed_lat is None or fixed_lon is None else (fixed_lon, fixed_lat)
        )
    if lat is None or lon is None:
        return None
    if reference == "signs fixed" and fixed_lat is not None and fixed_lon is not None:
        if float(haversine_km(lon, lat, fixed_lon, fixed_lat)) > KM:
            for flip_lon, flip_lat in ((-lon, lat), (lon, -lat), (-lon, -lat)):
                if float(haversine_km(flip_lon, flip_lat, fixed_lon, fixed_lat)) <= KM:
                    return flip_lon, flip_lat
    return lon, lat


def main() -> int:
    import numpy as np

    from geoclaims._io import iter_jsonl
    from geoclaims.evaluation.toponyms import haversine_km
    from geoclaims.places.gazetteer import Gazetteer
    from geoclaims.places.geoparse import geoparse_corpus
    from geoclaims.places.recognize import lookup_variants

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval"
    )
    parser.add_argument("--corpora", default="lgl,geovirus,wiktor")
    args = parser.parse_args()
    gaz = Gazetteer.open()
    references = ("original", "signs fixed", "corrected")
    disagreement: list[str] = []
    scores: list[str] = []
    for name in args.corpora.split(","):
        docs = list(
            iter_jsonl(args.eval_dir / f"{name}.jsonl", required=("doc_id", "text"))
        )
        preds = {
            r["doc_id"]: {(t["start"], t["end"]): t for t in r["toponyms"]}
            for r in geoparse_corpus(docs, gazetteer=gaz, gold_spans=True)
        }
        toponyms = [(doc["doc_id"], t) for doc in docs for t in doc["toponyms"]]
        table = gaz.lookup_keys(
            {k for _, t in toponyms for k in lookup_variants(t["name"])}
        )
        n_orig = sum(_points(t, "original") is not None for _, t in toponyms)
        both = [
            t for _, t in toponyms if _points(t, "original") and _points(t, "corrected")
        ]
        apart = [
            t
            for t in both
            if float(haversine_km(*_points(t, "original"), *_points(t, "corrected")))
            > KM
        ]
        flipped = sum(
            _points(t, "signs fixed") != _points(t, "original") for t in apart
        )
        disagreement.append(
            f"| {name} | {n_orig} | {len(both)} | {len(apart)} "
            f"({len(apart) / max(len(both), 1):.1%}) | {flipped} |"
        )
        for reference in references:
            n = ok = reach = 0
            for doc_id, t in toponyms:
                point = _points(t, reference)
                if point is None:
                    continue
                n += 1
                pred = preds[doc_id].get((t["start"], t["end"]))
                if (
                    pred
                    and pred["lat"] is not None
                    and float(haversine_km(*point, pred["lon"], pred["lat"])) <= KM
                ):
                    ok += 1
                entries = [
                    p
                    for k in lookup_variants(t["name"])
                    for p, _ in table.get(k, [])
                    if p.lat is not None
                ]
                if (
                    entries
                    and float(
                        np.min(
                            haversine_km(
                                point[0],
                                point[1],
                                np.array([p.lon for p in entries]),
                                np.array([p.lat for p in entries]),
                            )
                        )
                    )
                    <= KM
                ):
                    reach += 1
            scores.append(
                f"| {name} | {reference} | {n} | {ok / n:.3f} | {reach / n:.3f} |"
            )
    print(
        "| corpus | gold with coordinates | also corrected | > 161 km apart "
        "| sign flips |"
    )
    print("|---|---:|---:|---:|---:|")
    print("\n".join(disagreement))
    print()
    print("| corpus | reference | n | acc@161 (gold spans) | coverage ceiling |")
    print("|---|---|---:|---:|---:|")
    print("\n".join(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
