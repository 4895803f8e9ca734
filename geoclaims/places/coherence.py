"""Context features of the joint resolution: what the other places of a document say.

Each round of :func:`geoclaims.places.resolve.resolve_mentions` re-ranks every
mention's candidates given the current choice for the others
(:func:`_rank_with_context`): their votes for a country, admin-1 region and county,
the regions named as containers, closeness to the places chosen (:func:`_proximity`)
and pair support between names' likely readings (:func:`_pair_support`), distances by
the haversine formula over whole candidate matrices.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from geoclaims.places.features import (
    CONTAINER_WEIGHT,
    Candidate,
    _contains,
    _hint_match,
    _score,
)
from geoclaims.places.gazetteer import Place
from geoclaims.places.recognize import Found

#: Distance scale (km) of the proximity feature.
PROXIMITY_KM = 300.0
#: Distance scale (km) of the nearest-place feature.
NEAREST_KM = 100.0
#: Readings of another name that may support a candidate (best by prior score).
SUPPORT_READINGS = 10
#: Distance scale (km) at which two readings support each other.
SUPPORT_KM = 50.0


#: Votes of a document's mentions for a country, admin-1 or county key, weighted by
#: how sure each choice is (float counts: a Counter holds ints).
_Votes = dict[str, float]

_CONTEXT_FEATURES = (
    "country_context", "admin1_context", "admin2_context", "containment", "proximity",
    "nearest", "pair_support", "same_sense",
)


def haversine_km(lat: Any, lon: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance (km, mean Earth radius) between points in radians; arrays
    broadcast against each other."""
    a = np.sin((lat2 - lat) / 2) ** 2 + np.cos(lat) * np.cos(lat2) * np.sin((lon2 - lon) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _rank_with_context(
    found: Sequence[Found],
    choices: Sequence[Sequence[tuple[Place, Mapping[str, float], float]]],
    containers: Mapping[int, list[Place]],
    explicit_sense: Mapping[str, str],
    support: Sequence[Mapping[int, float]],
) -> list[list[Candidate]]:
    """Re-rank every mention's candidates given the current choice for the others."""
    votes_cc: list[_Votes] = []
    votes_a1: list[_Votes] = []
    votes_a2: list[_Votes] = []
    points: list[tuple[float, float, float, str]] = []
    for item, scored in zip(found, choices, strict=True):
        # A mention votes once at each level, for its current choice.
        cc: _Votes = {}
        a1: _Votes = {}
        a2: _Votes = {}
        if scored:
            top = scored[0]
            gap = top[2] - scored[1][2] if len(scored) > 1 else 3.0
            weight = min(1.0, max(0.2, gap / 3.0))
            cc[top[0].country_code] = weight
            if top[0].kind in ("admin1", "admin2", "populated_place"):
                a1[top[0].admin1_key] = weight
            if top[0].admin2_code:
                a2[_admin2_key(top[0])] = weight
            if top[0].lat is not None and top[0].kind not in ("country", "continent"):
                points.append(
                    (top[0].lat, top[0].lon or 0.0, weight, item.mention.text.lower())
                )
        votes_cc.append(cc)
        votes_a1.append(a1)
        votes_a2.append(a2)
    total_a2, total_cc, total_a1 = _summed(votes_a2), _summed(votes_cc), _summed(votes_a1)
    proximity = _proximity(found, choices, points)
    # A name repeated in the document must not vote for itself: its own votes are
    # those of every mention of the same name.
    group_cc: dict[str, _Votes] = defaultdict(dict)
    group_a1: dict[str, _Votes] = defaultdict(dict)
    group_a2: dict[str, _Votes] = defaultdict(dict)
    for item, cc, a1, a2 in zip(found, votes_cc, votes_a1, votes_a2, strict=True):
        _add_votes(group_cc[item.mention.text.lower()], cc)
        _add_votes(group_a1[item.mention.text.lower()], a1)
        _add_votes(group_a2[item.mention.text.lower()], a2)
    sum_cc, sum_a1, sum_a2 = (sum(t.values()) for t in (total_cc, total_a1, total_a2))
    result: list[list[Candidate]] = []
    for idx, (item, scored) in enumerate(zip(found, choices, strict=True)):
        own_cc = group_cc[item.mention.text.lower()]
        own_a1 = group_a1[item.mention.text.lower()]
        own_a2 = group_a2[item.mention.text.lower()]
        n_a2 = sum_a2 - sum(own_a2.values())
        n_cc = sum_cc - sum(own_cc.values())
        n_a1 = sum_a1 - sum(own_a1.values())
        sense = explicit_sense.get(item.mention.text.lower(), "")
        ranked = []
        for k_cand, (place, feats, _) in enumerate(scored):
            f = {k: v for k, v in feats.items() if k not in _CONTEXT_FEATURES}
            cc_key = place.country_code
            if n_cc > 0:
                f["country_context"] = (total_cc.get(cc_key, 0.0) - own_cc.get(cc_key, 0.0)) / n_cc
            if n_a1 > 0 and place.kind not in ("country", "continent"):
                key = place.admin1_key
                f["admin1_context"] = (total_a1.get(key, 0.0) - own_a1.get(key, 0.0)) / n_a1
            if n_a2 > 0 and place.admin2_code:
                key2 = _admin2_key(place)
                f["admin2_context"] = (total_a2.get(key2, 0.0) - own_a2.get(key2, 0.0)) / n_a2
            inside = [CONTAINER_WEIGHT[c.kind] for c in containers.get(idx, ())
                      if _contains(c, place)]
            if inside:
                f["containment"] = max(inside)
            if max(inside, default=0.0) > CONTAINER_WEIGHT["country"] or f.get(
                "admin2_context", 0.0
            ) > 0.0:
                # pinned: "Lebanon, Pa.", or its county is named elsewhere
                f.pop("country_namesake", None)
            backed = support[idx].get(place.geonameid)
            if backed is not None:
                f["pair_support"] = backed
            near = proximity[idx][k_cand]
            if near is not None:
                f["proximity"], f["nearest"] = near
            if sense and not item.mention.hint:
                f["same_sense"] = _hint_match(sense, place)
            ranked.append(Candidate(place=place, score=round(_score(f), 4), features=f))
        ranked.sort(key=lambda c: (-c.score, -c.place.population, c.place.geonameid))
        result.append(ranked)
    return result


def _summed(votes: Sequence[_Votes]) -> _Votes:
    """The sum of ``votes``, key by key."""
    total: _Votes = {}
    for v in votes:
        _add_votes(total, v)
    return total


def _add_votes(total: _Votes, votes: _Votes) -> None:
    """Add ``votes`` to ``total`` in place, key by key (``Counter.update`` for floats)."""
    for key, weight in votes.items():
        total[key] = total.get(key, 0.0) + weight


def _proximity(
    found: Sequence[Found],
    choices: Sequence[Sequence[tuple[Place, Mapping[str, float], float]]],
    points: Sequence[tuple[float, float, float, str]],
) -> list[list[tuple[float, float] | None]]:
    """Weighted closeness of every candidate to the places chosen for other names.

    Two measures: the weighted mean of ``exp(-d / PROXIMITY_KM)`` over those places,
    and ``exp(-d / NEAREST_KM)`` to the nearest one, weighted by its confidence.

    One vectorised distance matrix (candidates x chosen points) per round; points of
    the same name are masked out so that a repeated name does not attract itself.
    """
    out: list[list[tuple[float, float] | None]] = [
        [None] * len(scored) for scored in choices
    ]
    if not points:
        return out
    names = {name: k for k, name in enumerate(sorted({p[3] for p in points}))}
    p_lat = np.array([p[0] for p in points])
    p_lon = np.array([p[1] for p in points])
    p_w = np.array([p[2] for p in points])
    p_name = np.array([names[p[3]] for p in points])
    rows: list[tuple[int, int, float, float, int]] = []
    for idx, (item, scored) in enumerate(zip(found, choices, strict=True)):
        name_id = names.get(item.mention.text.lower(), -1)
        for k, (place, _, _) in enumerate(scored):
            if place.lat is not None and place.kind != "continent":
                rows.append((idx, k, place.lat, place.lon or 0.0, name_id))
    if not rows:
        return out
    lat = np.radians([r[2] for r in rows])[:, None]
    lon = np.radians([r[3] for r in rows])[:, None]
    plat, plon = np.radians(p_lat)[None, :], np.radians(p_lon)[None, :]
    dist = haversine_km(lat, lon, plat, plon)
    mask = p_name[None, :] != np.array([r[4] for r in rows])[:, None]
    weights = p_w[None, :] * mask
    denom = weights.sum(axis=1)
    score = (weights * np.exp(-dist / PROXIMITY_KM)).sum(axis=1)
    nearest = (weights * np.exp(-dist / NEAREST_KM)).max(axis=1)
    for (idx, k, *_), num, den, top in zip(rows, score, denom, nearest, strict=True):
        if den > 0:
            out[idx][k] = (float(num / den), float(top))
    return out


def _pair_support(
    found: Sequence[Found],
    first: Sequence[Sequence[tuple[Place, dict[str, float], float]]],
) -> list[dict[int, float]]:
    """How well the other names of the document back each candidate.

    For each other name, the best of its :data:`SUPPORT_READINGS` likeliest readings
    (pass 1) near the candidate counts, ``exp(-d / SUPPORT_KM)``; the feature is the
    mean over the other names. Unlike the coherence votes, which see only each
    name's current choice, this finds pairs that fit together although neither is
    the likelier reading alone: "Athens" and "Henderson County" are the Texas town
    and the county that holds it, not Athens, Georgia and Henderson County, N.C.
    """
    out: list[dict[int, float]] = [{} for _ in found]
    names: dict[str, int] = {}
    for item in found:
        names.setdefault(item.mention.text.lower(), len(names))
    if len(names) < 2:
        return out
    readings: dict[int, list[Place]] = {}
    for item, scored in zip(found, first, strict=True):
        n = names[item.mention.text.lower()]
        if n not in readings:
            readings[n] = [
                p for p, _, _ in scored[:SUPPORT_READINGS]
                if p.lat is not None and p.kind not in ("country", "continent")
            ]
    pts = [(n, p) for n in sorted(readings) for p in readings[n]]
    if not pts:
        return out
    p_name = np.array([n for n, _ in pts])
    p_lat = np.radians([p.lat or 0.0 for _, p in pts])[None, :]
    p_lon = np.radians([p.lon or 0.0 for _, p in pts])[None, :]
    starts = np.flatnonzero(np.r_[True, p_name[1:] != p_name[:-1]])
    cols = p_name[starts]  # the names that have readings, in column order
    rows: list[tuple[int, Place]] = []
    seen: set[int] = set()
    for item, scored in zip(found, first, strict=True):
        n = names[item.mention.text.lower()]
        if n in seen:
            continue
        seen.add(n)
        rows.extend(
            (n, p) for p, _, _ in scored if p.lat is not None and p.kind != "continent"
        )
    if not rows:
        return out
    lat = np.radians([p.lat or 0.0 for _, p in rows])[:, None]
    lon = np.radians([p.lon or 0.0 for _, p in rows])[:, None]
    dist_km = haversine_km(lat, lon, p_lat, p_lon)
    close = np.exp(-dist_km / SUPPORT_KM)
    # An area backs what lies in it and is backed by it, wherever its label point is.
    r_area = np.array([_area_key(p) for _, p in rows])[:, None]
    p_area = np.array([_area_key(p) for _, p in pts])[None, :]
    r_a1 = np.array([p.admin1_key for _, p in rows])[:, None]
    r_cc = np.array([p.country_code for _, p in rows])[:, None]
    p_a1 = np.array([p.admin1_key for _, p in pts])[None, :]
    p_cc = np.array([p.country_code for _, p in pts])[None, :]
    r_a2 = np.array([_county_key(p) for _, p in rows])[:, None]
    p_a2 = np.array([_county_key(p) for _, p in pts])[None, :]
    inside = (
        (r_area == p_a1) | (r_area == p_cc) | (r_area == p_a2)
        | (p_area == r_a1) | (p_area == r_cc) | (p_area == r_a2)
    )
    close = np.where(inside, 1.0, close)
    best = np.maximum.reduceat(close, starts, axis=1)  # rows x names with readings
    own = np.array([n for n, _ in rows])[:, None] == cols[None, :]
    best[own] = 0.0
    others = len(names) - 1
    value = best.sum(axis=1) / others
    by_name: dict[int, dict[int, float]] = defaultdict(dict)
    for (n, place), v in zip(rows, value, strict=True):
        by_name[n][place.geonameid] = round(float(v), 4)
    for idx, item in enumerate(found):
        out[idx] = by_name.get(names[item.mention.text.lower()], {})
    return out


def _area_key(place: Place) -> str:
    """The key places inside an area share: "US" for a country, "US.TX" for a state,
    "US.TX.225" for a county."""
    if place.kind == "country":
        return place.country_code
    if place.kind == "admin1":
        return place.admin1_key
    if place.kind == "admin2" and place.admin2_code:
        return _admin2_key(place)
    return "-"


def _county_key(place: Place) -> str:
    """The county key of a settlement ("US.TX.225"); nothing else lies in a county."""
    if place.kind == "populated_place" and place.admin2_code:
        return _admin2_key(place)
    return "+"


def _admin2_key(place: Place) -> str:
    return f"{place.country_code}.{place.admin1_code}.{place.admin2_code}"
