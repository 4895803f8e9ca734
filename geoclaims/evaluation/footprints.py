"""Footprint scoring: gold spatial expressions against the footprints a run built.

The rule is issue 15's, item 3:

- A gold expression is *found* when a footprint's expression overlaps its span
  (one to one, by decreasing overlap, as :func:`~geoclaims.evaluation.matching.match_spans`
  matches claims).
- A found expression is *sensible* when the footprint's relation fits the gold type
  (:data:`FITS`) and, when the gold span contains a gold toponym with coordinates,
  that anchor point lies within :data:`ANCHOR_KM` of the footprint (a country in a
  border phrase names the line and is no anchor point: :data:`BORDER_TYPES`); for a distance
  or direction phrase with a stated distance, the footprint's representative point
  must instead lie at the stated distance from the anchor, within
  ``max(DISTANCE_SLACK_KM, DISTANCE_SLACK_SHARE * distance)``.

Scoring needs the geometry, so it takes reports (the output of
:func:`geoclaims.pipeline.analyze`) rather than files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geoclaims.evaluation.matching import match_spans

if TYPE_CHECKING:
    from geoclaims.geometry.record import Footprint

__all__ = [
    "ANCHOR_KM",
    "BORDER_TYPES",
    "DISTANCE_SLACK_KM",
    "DISTANCE_SLACK_SHARE",
    "FITS",
    "FootprintScore",
    "score_document",
]

#: Gold type -> the footprint relations that fit it. A stated distance with a
#: compass word is a gold ``distance_from`` and our ``direction_from``; "7 km from
#: the border" is our ``from_border``.
FITS: Mapping[str, frozenset[str]] = {
    "in_region": frozenset({"in_region"}),
    "near": frozenset({"near"}),
    "distance_from": frozenset({"distance_from", "direction_from", "from_border"}),
    "direction_from": frozenset({"direction_from", "in_region"}),
    "border_zone": frozenset({"border_zone", "from_border"}),
    "between": frozenset({"between"}),
}
#: Gold types whose countries name a border line rather than an anchor point.
BORDER_TYPES = frozenset({"border_zone"})
#: How far (km) a gold anchor may lie from the footprint.
ANCHOR_KM = 30.0
#: Tolerance of a stated distance: the larger of these.
DISTANCE_SLACK_KM = 10.0
DISTANCE_SLACK_SHARE = 0.5


@dataclass
class FootprintScore:
    """Counts over documents; :meth:`add` merges another score."""

    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    same_relation: Counter[str] = field(default_factory=Counter)
    sensible: Counter[str] = field(default_factory=Counter)
    footprints: int = 0
    #: (doc id, gold text, gold type, what went wrong) of every gold expression
    #: that is not sensible.
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: (doc id, expression text, rule) of every footprint no gold expression matched.
    extras: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: FootprintScore) -> None:
        for mine, theirs in ((self.gold, other.gold), (self.found, other.found),
                             (self.same_relation, other.same_relation),
                             (self.sensible, other.sensible)):
            mine.update(theirs)
        self.footprints += other.footprints
        self.misses.extend(other.misses)
        self.extras.extend(other.extras)

    def rate(self, counts: Counter[str], kind: str | None = None) -> float:
        n = self.gold[kind] if kind else sum(self.gold.values())
        hits = counts[kind] if kind else sum(counts.values())
        return hits / n if n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "expressions": sum(self.gold.values()),
            "footprints": self.footprints,
            "recall": round(self.rate(self.found), 3),
            "relation_accuracy": round(self.rate(self.same_relation), 3),
            "sensible": round(self.rate(self.sensible), 3),
            "by_type": {
                kind: {"n": n, "recall": round(self.rate(self.found, kind), 3),
                       "relation_accuracy": round(self.rate(self.same_relation, kind), 3),
                       "sensible": round(self.rate(self.sensible, kind), 3)}
                for kind, n in sorted(self.gold.items())
            },
        }


def _anchor_points(gold: Mapping[str, Any],
                   toponyms: Iterable[Mapping[str, Any]]) -> list[tuple[float, float]]:
    """Gold coordinates of the toponyms inside the gold expression's span.

    In a border phrase a country names the line ("near the border with Ukraine",
    "along the Guyana-Venezuela border"), not a point the strip could come near: its
    centre point, hundreds of km inland, is no anchor (:data:`BORDER_TYPES`).
    """
    return [
        (float(t["lon"]), float(t["lat"])) for t in toponyms
        if t.get("lat") is not None and t.get("lon") is not None
        and gold["start"] <= t["start"] and t["end"] <= gold["end"]
        and not (gold["type"] in BORDER_TYPES and t.get("kind") == "country")
    ]


def _why_not(gold: Mapping[str, Any], fp: Footprint,
             points: Sequence[tuple[float, float]]) -> str:
    """Empty when the footprint is sensible for the gold expression, else the reason."""
    from geoclaims.geometry.geodesic import distance_to_geometry_m, geodesic_distance_m

    if fp.relation not in FITS.get(gold["type"], frozenset()):
        return f"relation {fp.relation} for gold {gold['type']}"
    if not points:
        return ""
    distance = gold.get("distance_km")
    if distance is not None and gold["type"] in ("distance_from", "direction_from"):
        rep = fp.geometry.representative_point()
        slack = max(DISTANCE_SLACK_KM, DISTANCE_SLACK_SHARE * float(distance))
        got = min(geodesic_distance_m(rep.x, rep.y, lon, lat) / 1000 for lon, lat in points)
        return "" if abs(got - float(distance)) <= slack else \
            f"representative point {got:.0f} km from the anchor, gold {distance:g} km"
    near = min(float(distance_to_geometry_m(lon, lat, fp.geometry)) / 1000
               for lon, lat in points)
    return "" if near <= ANCHOR_KM else f"anchor {near:.0f} km from the footprint"


def score_document(doc: Mapping[str, Any], footprints: Sequence[Footprint],
                   problems: Mapping[tuple[int, int], str] | None = None) -> FootprintScore:
    """Score one gold document (a news-set record) against a run's footprints.

    ``problems`` maps an expression span that got no footprint to its reason, which
    the misses then report.
    """
    golds = list(doc.get("spatial_expressions") or [])
    with_expr = [f for f in footprints if f.expression is not None]
    spans = [(f.expression.start, f.expression.end) for f in with_expr
             if f.expression is not None]
    pairs = dict(match_spans([(g["start"], g["end"]) for g in golds], spans,
                             prefer="overlap"))
    score = FootprintScore(footprints=len(with_expr))
    doc_id = str(doc.get("doc_id", ""))
    for i, gold in enumerate(golds):
        kind = gold["type"]
        score.gold[kind] += 1
        if i not in pairs:
            reason = next((why for (s, e), why in (problems or {}).items()
                           if s < gold["end"] and gold["start"] < e), "not found")
            score.misses.append((doc_id, gold["text"], kind, reason))
            continue
        fp = with_expr[pairs[i]]
        score.found[kind] += 1
        score.same_relation[kind] += fp.relation in FITS.get(kind, frozenset())
        why = _why_not(gold, fp, _anchor_points(gold, doc.get("toponyms") or []))
        if why:
            score.misses.append((doc_id, gold["text"], kind, f"{fp.rule}: {why}"))
        else:
            score.sensible[kind] += 1
    matched = set(pairs.values())
    score.extras = [(doc_id, f.expression.text, f.rule) for j, f in enumerate(with_expr)
                    if j not in matched and f.expression is not None]
    return score
