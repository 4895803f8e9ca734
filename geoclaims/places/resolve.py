"""Choose the gazetteer entry each mention means, keeping ranked alternatives.

:func:`resolve_mentions` scores each mention's candidates alone
(:mod:`geoclaims.places.features`), then re-ranks them jointly for a few rounds, each
given the choices of the round before (:mod:`geoclaims.places.coherence`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from geoclaims.places.coherence import _pair_support, _rank_with_context, haversine_km

# Candidate lives with its features; geoclaims.places.resolve stays its import path
# (geoclaims/__init__.py, report_io).
from geoclaims.places.features import Candidate as Candidate
from geoclaims.places.features import (
    _alternate_only,
    _base_features,
    _containers,
    _contains,
    _country_namesake,
    _dedupe,
    _score,
    _shadowed,
)
from geoclaims.places.gazetteer import Place
from geoclaims.places.recognize import Found
from geoclaims.text import lexicon
from geoclaims.text.mentions import Mention, is_sea_name
from geoclaims.text.morph import is_cyrillic_word

#: How many ranked alternatives a resolution keeps.
KEEP_CANDIDATES = 5
#: Mentions that share context; longer documents are resolved window by window.
CONTEXT_MENTIONS = 200
#: Rounds of joint re-ranking (each uses the previous round's choices as context).
COHERENCE_ROUNDS = 3
#: A cycle of the re-ranking rounds among at most this many names is broken by
#: re-ranking them one at a time (more would cost too many rounds).
SETTLE_NAMES = 4


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
        if _water_named(text, item.mention):
            # "Red Sea", "Gulf of Aden", "the Juba and Shabelle river basins", "на
            # берегу Днепра": a water body or nothing, never a land namesake.
            hits = [(p, f) for p, f in hits if p.feature_class == "H"]
        elif item.mention.hint == "section":
            # "микрорайона Остров в Херсоне": a section of a city (GeoNames PPLX) or
            # nothing, never a town of the name elsewhere.
            hits = [(p, f) for p, f in hits if p.feature_code == "PPLX"]
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
    for idx, (item, ranked) in enumerate(zip(found, ranked_all, strict=True)):
        named = _stated_region(text, found, ranked_all, idx)
        if ranked and named and ranked[0].place.kind == "populated_place" \
                and ranked[0].place.population < WEAK_PRIOR_POPULATION \
                and not any(_contains(r, ranked[0].place) for r in named):
            inside = [c for c in ranked if any(_contains(r, c.place) for r in named)]
            if inside:
                # "Paris, France" when one sense per name chose Paris, Texas.
                ranked = [*inside, *(c for c in ranked if c not in inside)]
            else:
                # "Bani, Seno province": no Bani in Seno is known, and a Bani elsewhere
                # would be a wrong point; the mention stays unresolved.
                out.append(Resolution(mention=item.mention, place=None,
                                      candidates=tuple(ranked[:KEEP_CANDIDATES]),
                                      method="contradicts the region the text puts it in"))
                continue
        if not ranked:
            method = "no water body of that name" if _water_named(text, item.mention) \
                else "no part of a city of that name" if item.mention.hint == "section" \
                else "no candidate"
            out.append(Resolution(mention=item.mention, place=None, method=method))
            continue
        out.append(
            Resolution(
                mention=item.mention,
                place=ranked[0].place,
                candidates=tuple(ranked[:KEEP_CANDIDATES]),
                method="single candidate" if len(ranked) == 1 else "ranked",
            )
        )
    return _drop_far_namesakes(out)


#: A name, or a list of names, that a river word follows ("the Juba and Shabelle river
#: basins", "the Dnipro river"): rivers, which only a water body answers.
_RIVER_AFTER = re.compile(
    r"(?:\s*(?:,|and|&)\s*(?:the\s+)?[A-Z][\w'’-]*)*\s+"
    rf"(?i:{lexicon.alternation(lexicon.phrases('river_words'))})\b"
)


def _water_named(text: str, mention: Mention) -> bool:
    """Whether the mention names a water body by its words or the words around it."""
    return mention.hint == "water" or is_sea_name(mention.text) \
        or bool(_RIVER_AFTER.match(text, mention.end))


#: A village or town below this many inhabitants is a weak reading: when it lies far
#: from every other place of the document, in a country the document does not name,
#: it is more likely a namesake of a place the gazetteer lacks ("Pak army" is not
#: Paka, Malaysia, in a Kashmir story). Tried and left out, each costing 0.1-0.9
#: points of acc@161 on LGL, GeoVirus, WOTR or TopoResolve: the same test for admin
#: regions, and for villages in the document's own country (300 km).
FAR_NAMESAKE_MAX_POPULATION = 20_000
#: How far (km) from every other place of the document such a reading must lie.
FAR_NAMESAKE_KM = 1_000.0
#: How many other located places the document must name for "far" to mean anything.
FAR_NAMESAKE_MIN_OTHERS = 2


def _drop_far_namesakes(out: list[Resolution]) -> list[Resolution]:
    """Leave unresolved the weak readings far from the document's other places."""
    import numpy as np

    located = [(i, r.place) for i, r in enumerate(out) if r.place is not None
               and r.place.kind not in ("continent",) and r.place.lat is not None
               and r.place.lon is not None]
    for i, place in located:
        if place.kind != "populated_place" or place.population >= FAR_NAMESAKE_MAX_POPULATION:
            continue
        others = [q for _, q in located if q.geonameid != place.geonameid]
        if len(others) < FAR_NAMESAKE_MIN_OTHERS:
            continue
        if any(q.country_code == place.country_code for q in others):
            continue
        near = [q for q in others if q.kind != "country"]
        if not near:
            continue
        km = haversine_km(np.radians(place.lat or 0.0), np.radians(place.lon or 0.0),
                          np.radians([q.lat or 0.0 for q in near]),
                          np.radians([q.lon or 0.0 for q in near]))
        if float(np.min(km)) > FAR_NAMESAKE_KM:
            r = out[i]
            out[i] = Resolution(mention=r.mention, place=None, candidates=r.candidates,
                                method="a weak reading far from the document's other places")
    return out


#: A Ukrainian village name the register lists in at least this many oblasts is
#: ambiguous ("Bohdanivka": 20 oblasts): the gazetteer's one is a guess.
REGISTER_AMBIGUOUS_OBLASTS = 3


def drop_register_namesakes(
    out: list[Resolution], register_oblasts: Callable[..., Sequence[Place]]
) -> list[Resolution]:
    """Leave unresolved the Ukrainian villages whose name the register gives to many,
    when the document places nothing else in the oblast of the gazetteer's one.

    The front-line villages of news copy (Bohdanivka, Dachne, Zhuravka, Novenke) share
    their names with villages in half of Ukraine's oblasts, and the default gazetteer
    holds at most one of each: a reading in an oblast the document names no other
    place of is a namesake, hundreds of km off, more often than the village meant
    (news_dev2_ru_ua: 6 of 11 wrong points among gold mentions the gazetteer lacks,
    and no right one lost; BENCHMARKS.md). A name the register gives to one city, in
    the oblast of the gazetteer's place, is that city ("Huliaipole": a city of
    Zaporizhzhia Oblast and villages of three others).

    Parameters
    ----------
    out : list of Resolution
        A document's resolutions.
    register_oblasts : callable
        Name -> the oblasts Ukraine's register puts a settlement of that name in, and
        with ``cities_only=True`` those where it is a city
        (:meth:`geoclaims.places.gazetteer.Gazetteer.register_oblasts`).
    """
    # The names the document places in each Ukrainian oblast, built once: linear time.
    named_in: dict[str, set[str]] = {}
    for r in out:
        if r.place is not None and r.place.country_code == "UA":
            named_in.setdefault(r.place.admin1_code, set()).add(r.mention.text)
    if not named_in:
        return out
    result = list(out)
    oblasts_of: dict[str, int] = {}  # name -> how many oblasts the register gives it
    city_of: dict[str, str | None] = {}  # name -> the oblast of its one city, if any
    for i, r in enumerate(out):
        place = r.place
        if place is None or place.country_code != "UA" or place.kind != "populated_place" \
                or place.population >= FAR_NAMESAKE_MAX_POPULATION:
            continue
        name = r.mention.text
        if name not in oblasts_of:
            oblasts_of[name] = len({o.admin1_code for o in register_oblasts(name)})
        if oblasts_of[name] < REGISTER_AMBIGUOUS_OBLASTS:
            continue
        if name not in city_of:
            cities = register_oblasts(name, cities_only=True)
            city_of[name] = cities[0].admin1_code if len(cities) == 1 else None
        if city_of[name] == place.admin1_code:
            continue  # the one city of the name, its villages elsewhere: "Huliaipole"
        if not named_in.get(place.admin1_code, set()) - {name}:
            result[i] = Resolution(
                mention=r.mention, place=None, candidates=r.candidates,
                method=f"a village name of {oblasts_of[name]} oblasts, none the document names")
    return result


#: Countries whose village names repeat across their regions far more than elsewhere
#: (Ukraine's register gives Bohdanivka to 19 oblasts; Russia's Ivanovkas, Volnoes and
#: Stepnoes are as many), while the default gazetteer holds one village of a name.
REPEATED_NAME_COUNTRIES = frozenset({"RU", "UA", "BY"})
#: How far (km) from every other located place of the document a lone village lies.
LONE_VILLAGE_KM = 100.0
#: How many distinct places (its own admin-1 entry counted) a region of the document
#: must hold for the document to have a focus that a lone village lies far from.
LONE_VILLAGE_FOCUS = 2
#: Villages only: a district seat or a town ("Sudzha", 6,940) is what a roundup of
#: far-apart places names by its one name.
LONE_VILLAGE_MAX_POPULATION = FAR_NAMESAKE_MAX_POPULATION


def _places_per_region(places: Iterable[Place]) -> Counter[tuple[str, str]]:
    """(country, admin-1 code) -> how many of the distinct ``places`` are in it."""
    return Counter((p.country_code, p.admin1_code) for p in places)


def _weak_village(place: Place) -> bool:
    """A small village of :data:`REPEATED_NAME_COUNTRIES`, no seat of an admin unit."""
    return place.kind == "populated_place" and place.population < LONE_VILLAGE_MAX_POPULATION \
        and not place.feature_code.startswith(("PPLA", "PPLC")) \
        and place.country_code in REPEATED_NAME_COUNTRIES


def drop_lone_villages(out: list[Resolution]) -> list[Resolution]:
    """Leave unresolved the small villages of :data:`REPEATED_NAME_COUNTRIES` that lie
    in a region the document anchors with no other place (a town, a seat, a region;
    villages of this kind do not count) and over :data:`LONE_VILLAGE_KM` from every
    such place it names, while some region holds several places: the
    gazetteer's village is a namesake of the one meant ("Варваровка" of a Kursk front
    report read as a Poltava Oblast village). news_dev_cyrillic, mentions the gazetteer
    lacks placed wrongly: Russian 15 of 27 -> 5, Ukrainian 8 of 24 -> 4;
    news_dev2_ru_ua 5 of 47 -> 3. Over the thirteen corpora of the benchmarks it took
    28 wrong points away (WikToR 11, news_dev_cyrillic 14, news_dev2_ru_ua 3) and one
    right one (Pochaev, in a hotel roundup of TUD-Loc; BENCHMARKS.md). A roundup of
    one place per region ("Гуляйполе, Купянск-Узловой, Суджа") keeps every place.

    Each distinct village is measured against the distinct anchoring places only.
    """
    import numpy as np

    # Distinct places only, so that a long document costs its distinct places once.
    places = {r.place.geonameid: r.place for r in out if r.place is not None
              and r.place.kind not in ("continent", "country")
              and r.place.lat is not None and r.place.lon is not None}
    if len(places) < 2:
        return out
    ids = list(places)
    lats = np.radians([places[g].lat or 0.0 for g in ids])
    lons = np.radians([places[g].lon or 0.0 for g in ids])
    per_region = _places_per_region(places.values())
    if max(per_region.values()) < LONE_VILLAGE_FOCUS:
        return out  # a roundup, one place per region: nothing to be far from
    # Villages of this kind do not vouch for each other: two namesakes in Crimea do not
    # make Crimea a region of a Sumy report. Only the other places anchor a region.
    weak = np.array([_weak_village(places[g]) for g in ids])
    anchored = _places_per_region(places[g] for g, w in zip(ids, weak, strict=True) if not w)
    if not anchored:
        return out
    anchor_lats, anchor_lons = lats[~weak], lons[~weak]
    lone: set[int] = set()
    for k, g in enumerate(ids):
        place = places[g]
        if not weak[k] or (place.country_code, place.admin1_code) in anchored:
            continue
        km = haversine_km(lats[k], lons[k], anchor_lats, anchor_lons)
        if float(np.min(km)) > LONE_VILLAGE_KM:
            lone.add(g)
    if not lone:
        return out
    return [
        Resolution(mention=r.mention, place=None, candidates=r.candidates,
                   method="a village alone in its region, far from the document's places")
        if r.place is not None and r.place.geonameid in lone else r
        for r in out
    ]


_Choices = list[list[tuple[Place, Mapping[str, float], float]]]


#: A settlement this populous keeps its reading against a stated region: "fighting
#: for Moscow in the Kursk region" does not put a Moscow in Kursk Oblast.
WEAK_PRIOR_POPULATION = 100_000
#: Words joining a list of places: "and", and the Russian and Ukrainian ones of
#: ``mul/cyrillic_list_words`` ("и", "та", "або").
_LIST_WORDS = ("and", *sorted(lexicon.words("cyrillic_list_words", "mul") - {","}))
_LIST_JOIN = re.compile(
    rf"\s*,\s*(?:and\s+)?|\s+(?:{'|'.join(map(re.escape, _LIST_WORDS))})\s+")
#: Between a settlement and the region stated for it: a comma, "in (the)", or the
#: Russian and Ukrainian prepositions of containment "в", "во", "у".
_BEFORE_REGION = re.compile(r"\s*,\s*|\s+in\s+(?:the\s+)?|\s+(?:в|во|у)\s+")
_REGION_WORD_AFTER = re.compile(
    rf"\s+(?:{lexicon.alternation(lexicon.phrases('admin_words'))})\b", re.IGNORECASE
)


def _stated_region(text: str, found: Sequence[Found],
                   ranked_all: Sequence[Sequence[Candidate]], idx: int) -> list[Place]:
    """The region the text states a settlement is in, right after it: "Bani, Seno
    province", "a village in the Kursk region", "у Варваровки в Харьковской области"
    (a region word must follow, or the Cyrillic recogniser's region adjective, so that
    lists such as "Kursk, Bryansk and Belgorod" state nothing)."""
    k = idx + 1
    # "the villages of Zaporizke and Novoheorhiivka in Dnipropetrovsk Oblast": the
    # region is stated for every member of the list before it.
    while k + 1 < len(found) and found[k].mention.sentence == found[idx].mention.sentence \
            and _LIST_JOIN.fullmatch(text, found[k - 1].mention.end, found[k].mention.start):
        k += 1
    if k >= len(found) or not ranked_all[k]:
        return []
    here, there = found[k - 1].mention, found[k].mention
    if there.sentence != here.sentence \
            or not _BEFORE_REGION.fullmatch(text, here.end, there.start) \
            or not (_REGION_WORD_AFTER.match(text, there.end)
                    or _REGION_WORD_AFTER.search(" " + there.text + " ")
                    or (there.hint == "admin" and is_cyrillic_word(there.text))):
        return []
    region = ranked_all[k][0].place
    return [region] if region.kind in ("admin1", "admin2") else []


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
