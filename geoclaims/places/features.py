"""Features of one candidate reading and the linear score that weighs them.

Pass 1 of :func:`geoclaims.places.resolve.resolve_mentions` scores each mention's
candidates with what the mention alone tells: prominence, how the name matches, a
kind hint ("the city of"), a country's name on loan. The regions the text names as
containers ("Alexandria, Louisiana") are found here too. Features that depend on the
other mentions' choices are in :mod:`geoclaims.places.coherence`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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
#: How much a container says: a county pins a town down more than a country does.
#: A settlement after a name is the same place named again ("Washington, D.C.",
#: "New York, N.Y."): as telling as a state.
CONTAINER_WEIGHT = {
    "admin2": 1.0, "admin1": 0.8, "populated_place": 0.8, "country": 0.4
}
#: How far after a mention (characters, same sentence) a region may be its container.
CONTAINER_WINDOW = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A possible referent of a mention, with its score and features."""

    place: Place
    score: float
    features: Mapping[str, float] = field(default_factory=dict)


def _dedupe(hits: Sequence[Hit]) -> list[Hit]:
    flags: dict[int, int] = defaultdict(int)
    places: dict[int, Place] = {}
    for place, f in hits:
        flags[place.geonameid] |= f
        places[place.geonameid] = place
    return [(places[g], flags[g]) for g in places]


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
