"""Choose the gazetteer entry each mention means, keeping ranked alternatives."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from geoclaims.places.gazetteer import Place
from geoclaims.places.keep_rules import Hit, prominence
from geoclaims.places.recognize import Found
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.mentions import Mention

# Name flags as plain ints for the per-candidate loops: IntFlag's operators run in
# Python, some 50 times slower than int's.
_PRIMARY = int(NameFlag.PRIMARY)
_DERIVED = int(NameFlag.DERIVED)
_OWN = int(NameFlag.OWN)

#: Feature weights of the candidate score (a linear model set by hand from the
#: structure of the problem, not fitted to any corpus).
WEIGHTS: dict[str, float] = {
    "prominence": 1.0,  # log10 population (+ name count), areas get a fixed level
    "primary_name": 0.6,  # the text uses the entry's preferred name
    "derived_name": -1.0,  # "Donetsk" is the oblast's short form: the city unless told
    "country_context": 3.0,  # share of the document's evidence in the same country
    "admin1_context": 2.5,  # share of the evidence in the same admin-1 region
    "admin2_context": 4.0,  # share of the evidence in the same county / district
    "containment": 6.0,  # "X, Y" / "X in Y" / "X region of Y" with Y containing X
    "hint": 4.0,  # "Kursk region" -> admin; "the city of Donetsk" -> populated place
    "proximity": 1.5,  # closeness to the other places of the document
    "nearest": 1.0,  # closeness to the nearest other place of the document
    "pair_support": 4.0,  # other names have a plausible reading close to this one
    "same_sense": 2.0,  # the same name was given an explicit kind elsewhere
    "capital": 1.0,  # a national capital ("Washington", "Moscow" used for governments)
    "country_shadow": -4.0,  # "Mexico": the country's own name, Mexico City's alias
    "country_namesake": -4.0,  # "Egypt": a town named after a country, unless pinned
    "alternate_name": -1.0,  # a town's former name, which others in its country bear
}
#: A namesake smaller than this share of a town's population does not make the
#: town's alternate name a former one (see ``_alternate_only``).
NAMESAKE_SHARE = 0.01
#: How many ranked alternatives a resolution keeps.
KEEP_CANDIDATES = 5
#: Mentions that share context; longer documents are resolved window by window.
CONTEXT_MENTIONS = 200
#: Rounds of joint re-ranking (each uses the previous round's choices as context).
COHERENCE_ROUNDS = 3
#: How much a container says: a county pins a town down more than a country does.
#: A settlement after a name is the same place named again ("Washington, D.C.",
#: "New York, N.Y."): as telling as a state.
CONTAINER_WEIGHT = {
    "admin2": 1.0, "admin1": 0.8, "populated_place": 0.8, "country": 0.4
}
#: How far after a mention (characters, same sentence) a region may be its container.
CONTAINER_WINDOW = 6
#: Distance scale (km) of the proximity feature.
PROXIMITY_KM = 300.0
#: Distance scale (km) of the nearest-place feature.
NEAREST_KM = 100.0
#: Readings of another name that may support a candidate (best by prior score).
SUPPORT_READINGS = 10
#: Distance scale (km) at which two readings support each other.
SUPPORT_KM = 50.0
#: A cycle of the re-ranking rounds among at most this many names is broken by
#: re-ranking them one at a time (more would cost too many rounds).
SETTLE_NAMES = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A possible referent of a mention, with its score and features."""

    place: Place
    score: float
    features: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A mention and the place chosen for it (``place`` is None when unresolved)."""

    mention: Mention
    place: Place | None
    candidates: tuple[Candidate, ...] = ()
    #: Why: "single candidate", "ranked", "no candidate".
    method: str = "ranked"

    @property
    def score(self) -> float:
        """Margin-based confidence in [0, 1] of the choice."""
        if self.place is None or not self.candidates:
            return 0.0
        if len(self.candidates) == 1:
            return 1.0
        gap = self.candidates[0].score - self.candidates[1].score
        return round(1.0 / (1.0 + math.exp(-2.0 * gap)), 3)


def _contains(container: Place, place: Place) -> bool:
    if container.geonameid == place.geonameid:
        return container.kind == "populated_place"
    if container.kind == "country":
        return place.country_code == container.country_code and place.kind != "country"
    if container.kind == "admin1":
        return (
            place.kind in ("admin2", "populated_place")
            and place.country_code == container.country_code
            and place.admin1_code == container.admin1_code
        )
    if container.kind == "admin2":
        return (
            place.kind == "populated_place"
            and place.country_code == container.country_code
            and place.admin1_code == container.admin1_code
            and place.admin2_code == container.admin2_code != ""
        )
    return False


def _hint_match(hint: str, place: Place) -> float:
    if not hint:
        return 0.0
    if hint == "admin":
        if place.kind == "country":
            return 0.0  # "Russia's Kursk Oblast", "the territory of Russia"
        return 1.0 if place.kind in ("admin1", "admin2") else -0.5
    if hint == "populated":
        return 1.0 if place.kind == "populated_place" else -0.5
    return 0.0


def _base_features(mention: Mention, place: Place, flags: int) -> dict[str, float]:
    return {
        "prominence": prominence(place) / 2.0,
        "primary_name": 1.0 if flags & _OWN else 0.0,
        "derived_name": 1.0 if flags & _DERIVED and not flags & _PRIMARY else 0.0,
        "hint": _hint_match(mention.hint, place),
        "capital": 1.0 if place.feature_code == "PPLC" else 0.0,
    }


def _shadowed(place: Place, flags: int, hits: Sequence[tuple[Place, int]]) -> bool:
    """A country bears this name as its own and ``place`` has it only on loan.

    Either the name is merely an alternate name of ``place`` (GeoNames lists "Mexico"
    among the names of Mexico City, "Egypt" among those of small US towns), or
    ``place`` lies in the namesake country ("México" state in Mexico): a bare country
    name means the country.
    """
    if place.kind in ("country", "continent"):
        return False
    alternate_only = not flags & _OWN
    return any(
        p.kind == "country" and f & _OWN
        and (alternate_only or p.country_code == place.country_code)
        for p, f in hits
    )


def _country_namesake(place: Place, hits: Sequence[tuple[Place, int]]) -> bool:
    """``place`` is a settlement named after a country ("Egypt", Pennsylvania).

    A country's own name in running text means the country far more often, even
    when the rest of the document lies in the settlement's state. The penalty is
    lifted by a cue that pins the settlement down: a kind hint ("the town of
    Egypt"), a state or county container ("Egypt, Pa.") or its county named in the
    document.
    """
    return place.kind == "populated_place" and any(
        p.kind == "country" and f & _OWN for p, f in hits
    )


def _alternate_only(
    place: Place, flags: int, hits: Sequence[tuple[Place, int]]
) -> bool:
    """``place`` has the name only as an alternate while another place in its
    country bears it as its own.

    GeoNames lists former and colloquial names among the alternates of a settlement
    ("Centerville" of Fremont, Calif.; "Kaliningrad" of Korolev near Moscow); a town
    that is called so now is the likelier reading. Only a namesake in the same
    country counts: English exonyms are alternates too ("Copenhagen" of København),
    and a small foreign town bearing one as its own must not win over the city.
    Nor does a hamlet: a namesake under :data:`NAMESAKE_SHARE` of the town's
    population (the village Zaporizhzhia, 656 people, against the city's 710,000)
    says nothing about which the text means.
    """
    return (
        place.kind == "populated_place"
        and not flags & (_OWN | _DERIVED)
        and any(
            f & _OWN and p.country_code == place.country_code
            and p.population >= NAMESAKE_SHARE * place.population
            for p, f in hits
            if p.geonameid != place.geonameid
        )
    )


def _score(features: Mapping[str, float]) -> float:
    return sum(WEIGHTS[k] * v for k, v in features.items())


def resolve_mentions(text: str, found: Sequence[Found]) -> list[Resolution]:
    """Resolve mentions jointly, in windows of :data:`CONTEXT_MENTIONS` mentions.

    Context is gathered within a window, so time grows linearly with the length of
    the document however long it is (a book, a 20 MB dump).
    """
    out: list[Resolution] = []
    for start in range(0, len(found), CONTEXT_MENTIONS):
        out.extend(_resolve_window(text, found[start : start + CONTEXT_MENTIONS]))
    return out


def _resolve_window(text: str, found: Sequence[Found]) -> list[Resolution]:
    """Resolve every mention of a document jointly.

    Pass 1 ranks each mention's candidates by prominence, name match and context
    hint alone. Its confident choices become the document's evidence: countries
    and admin-1 regions it mentions, and where its places are. Pass 2 re-ranks with
    that evidence (leaving out the mention's own vote), with explicit containment
    ("Alexandria, Louisiana"; "Donetsk, Ukraine") and with one sense per name.

    Returns
    -------
    list of Resolution
        One per input mention, same order; unresolved mentions have ``place=None``.
    """
    first: list[list[tuple[Place, dict[str, float], float]]] = []
    for item in found:
        scored = []
        hits = _dedupe(item.hits)
        for place, flags in hits:
            feats = _base_features(item.mention, place, flags)
            if not item.mention.hint and _shadowed(place, flags, hits):
                feats["country_shadow"] = 1.0
            elif not item.mention.hint and _country_namesake(place, hits):
                feats["country_namesake"] = 1.0
            if _alternate_only(place, flags, hits):
                feats["alternate_name"] = 1.0
            scored.append((place, feats, _score(feats)))
        scored.sort(key=lambda x: -x[2])
        first.append(scored)

    containers = _containers(text, found, first)
    support = _pair_support(found, first)
    explicit_sense = {
        item.mention.text.lower(): item.mention.hint for item in found if item.mention.hint
    }
    choices: _Choices = [[(p, f, sc) for p, f, sc in scored] for scored in first]
    ranked_all: list[list[Candidate]] = []
    previous: _Choices = choices
    for _ in range(COHERENCE_ROUNDS):
        ranked_all = _rank_with_context(
            found, choices, containers, explicit_sense, support
        )
        previous, choices = choices, _as_choices(ranked_all)
    flipping = _flipping_names(found, previous, choices)
    if 1 < len(flipping) <= SETTLE_NAMES:
        ranked_all = _settle(
            found, choices, flipping, containers, explicit_sense, support
        )
    out: list[Resolution] = []
    for item, ranked in zip(found, ranked_all, strict=True):
        if not ranked:
            out.append(Resolution(mention=item.mention, place=None, method="no candidate"))
            continue
        out.append(
            Resolution(
                mention=item.mention,
                place=ranked[0].place,
                candidates=tuple(ranked[:KEEP_CANDIDATES]),
                method="single candidate" if len(ranked) == 1 else "ranked",
            )
        )
    return out


_Choices = list[list[tuple[Place, Mapping[str, float], float]]]


def _as_choices(ranked_all: Sequence[Sequence[Candidate]]) -> _Choices:
    return [[(c.place, c.features, c.score) for c in ranked] for ranked in ranked_all]


def _top_id(scored: Sequence[tuple[Place, Mapping[str, float], float]]) -> int | None:
    return scored[0][0].geonameid if scored else None


def _flipping_names(
    found: Sequence[Found], before: _Choices, after: _Choices
) -> list[str]:
    """Names whose choice changed in the last round, in order of first mention."""
    names: dict[str, None] = {}
    for item, old, new in zip(found, before, after, strict=True):
        if _top_id(old) != _top_id(new):
            names.setdefault(item.mention.text.lower())
    return list(names)


def _settle(
    found: Sequence[Found],
    choices: _Choices,
    flipping: Sequence[str],
    containers: Mapping[int, list[Place]],
    explicit_sense: Mapping[str, str],
    support: Sequence[Mapping[int, float]],
) -> list[list[Candidate]]:
    """Break a cycle of the simultaneous re-ranking rounds.

    When every name moves at once, two names that fit only together can swap
    readings for ever: "Walker County" follows "Huntsville" to Alabama while
    "Huntsville" follows "Walker County" to Texas, and the last round decides by
    its parity. Here the flipping names move one at a time instead, once starting
    from each of them; the settled assignment whose choices score best given one
    another is kept.
    """
    settled: list[tuple[float, list[list[Candidate]]]] = []
    for lead in flipping:
        state = [list(scored) for scored in choices]
        for name in [lead, *(n for n in flipping if n != lead)] * 2:
            ranked = _rank_with_context(
                found, state, containers, explicit_sense, support
            )
            for k, item in enumerate(found):
                if item.mention.text.lower() == name:
                    state[k] = _as_choices([ranked[k]])[0]
        ranked = _rank_with_context(found, state, containers, explicit_sense, support)
        settled.append((sum(r[0].score for r in ranked if r), ranked))
    return max(settled, key=lambda t: t[0])[1]


_CONTEXT_FEATURES = (
    "country_context", "admin1_context", "admin2_context", "containment", "proximity",
    "nearest", "pair_support", "same_sense",
)


def _rank_with_context(
    found: Sequence[Found],
    choices: Sequence[Sequence[tuple[Place, Mapping[str, float], float]]],
    containers: Mapping[int, list[Place]],
    explicit_sense: Mapping[str, str],
    support: Sequence[Mapping[int, float]],
) -> list[list[Candidate]]:
    """Re-rank every mention's candidates given the current choice for the others."""
    votes_cc: list[Counter[str]] = []
    votes_a1: list[Counter[str]] = []
    votes_a2: list[Counter[str]] = []
    points: list[tuple[float, float, float, str]] = []
    for item, scored in zip(found, choices, strict=True):
        cc: Counter[str] = Counter()
        a1: Counter[str] = Counter()
        a2: Counter[str] = Counter()
        if scored:
            top = scored[0]
            gap = top[2] - scored[1][2] if len(scored) > 1 else 3.0
            weight = min(1.0, max(0.2, gap / 3.0))
            cc[top[0].country_code] += weight
            if top[0].kind in ("admin1", "admin2", "populated_place"):
                a1[top[0].admin1_key] += weight
            if top[0].admin2_code:
                a2[_admin2_key(top[0])] += weight
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
    group_cc: dict[str, Counter[str]] = defaultdict(Counter)
    group_a1: dict[str, Counter[str]] = defaultdict(Counter)
    group_a2: dict[str, Counter[str]] = defaultdict(Counter)
    for item, cc, a1, a2 in zip(found, votes_cc, votes_a1, votes_a2, strict=True):
        group_cc[item.mention.text.lower()].update(cc)
        group_a1[item.mention.text.lower()].update(a1)
        group_a2[item.mention.text.lower()].update(a2)
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
                f["country_context"] = (total_cc[cc_key] - own_cc[cc_key]) / n_cc
            if n_a1 > 0 and place.kind not in ("country", "continent"):
                key = place.admin1_key
                f["admin1_context"] = (total_a1[key] - own_a1[key]) / n_a1
            if n_a2 > 0 and place.admin2_code:
                key2 = _admin2_key(place)
                f["admin2_context"] = (total_a2[key2] - own_a2[key2]) / n_a2
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


def _summed(counters: Sequence[Counter[str]]) -> Counter[str]:
    """The sum of ``counters``, added in place (``sum()`` copies at every step)."""
    total: Counter[str] = Counter()
    for c in counters:
        total.update(c)
    return total


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
    a = np.sin((plat - lat) / 2) ** 2 + np.cos(lat) * np.cos(plat) * np.sin((plon - lon) / 2) ** 2
    dist = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
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
    a = (
        np.sin((p_lat - lat) / 2) ** 2
        + np.cos(lat) * np.cos(p_lat) * np.sin((p_lon - lon) / 2) ** 2
    )
    dist_km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
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


def _dedupe(hits: Sequence[Hit]) -> list[Hit]:
    flags: dict[int, int] = defaultdict(int)
    places: dict[int, Place] = {}
    for place, f in hits:
        flags[place.geonameid] |= f
        places[place.geonameid] = place
    return [(places[g], flags[g]) for g in places]


#: "X is a town in Y", "X, a village in Y,": Y (and what follows it) contains X.
_IS_IN = re.compile(
    r"^\s*(?:\([^)]{0,80}\)\s*)?(?:,\s*|\s+(?:is|was)\s+)(?:a|an|the)\s+"
    r"[\w\s,'’-]{0,60}?\b(?:in|of|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _containers(
    text: str, found: Sequence[Found],
    first: Sequence[Sequence[tuple[Place, dict[str, float], float]]],
) -> dict[int, list[Place]]:
    """Regions that the text says contain a mention.

    "Alexandria, Louisiana", "Donetsk, Ukraine" (regions right after the mention, within
    :data:`CONTAINER_WINDOW` characters), and "Salem is a city in Marion County, Oregon",
    "Korenevo, a village in the Kursk region" (the regions after "is a ... in"). A
    settlement after a comma is the mention named again ("Washington, D.C.").
    """
    out: dict[int, list[Place]] = {}
    for idx, item in enumerate(found):
        here = item.mention
        regions = _regions_after(found, first, idx + 1, here.end, here.sentence, chained=False)
        k = idx + 1
        if k < len(found) and found[k].mention.sentence == here.sentence and _IS_IN.match(
            text[here.end : found[k].mention.start]
        ):
            # the chain of regions after "in": "Marion County, Oregon, United States"
            regions += _regions_after(
                found, first, k, found[k].mention.start, here.sentence, chained=True
            )
        if regions:
            out[idx] = regions
    return out


def _regions_after(
    found: Sequence[Found],
    first: Sequence[Sequence[tuple[Place, dict[str, float], float]]],
    k: int,
    end: int,
    sentence: int,
    *,
    chained: bool,
) -> list[Place]:
    """Region candidates of mentions from ``k`` on, in the same sentence and within
    :data:`CONTAINER_WINDOW` characters of ``end`` (of the previous one when ``chained``)."""
    regions: list[Place] = []
    for m in range(k, len(found)):
        there = found[m].mention
        if there.sentence != sentence or there.start - end > CONTAINER_WINDOW:
            break
        # A settlement only counts under another name: "Washington, D.C.", not a
        # name repeated ("Venezuela, Venezuela").
        renamed = there.text.lower() != found[k - 1].mention.text.lower()
        regions.extend(
            p for p, _, _ in first[m]
            if p.kind in CONTAINER_WEIGHT and (renamed or p.kind != "populated_place")
        )
        if chained:
            end = there.end
    return regions
