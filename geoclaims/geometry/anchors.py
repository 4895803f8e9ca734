"""Which places a spatial expression is anchored on.

An anchor is usually a place the expression names ("30 km north of Kharkiv"). When it
is not, :func:`anchor_places` finds the place meant:

- a country adjective stands for its country ("on Russian territory");
- an anaphor refers back to the nearest place of its kind before it, within
  :data:`CONTEXT_SENTENCES` ("north of the city", "around the town"; :data:`ANAPHORA`);
- a name the gazetteer knows with the expression's region word ("the Sudzhansky and
  Korenevsky districts": "Sudzhansky District");
- a direction or distance with no anchor ("from the south", "within a radius of 5 km")
  is relative to the last town named before it.

When nothing is found it raises :class:`MissingAnchor`, and the footprint falls back on
the container the text gives (:mod:`geoclaims.geometry.containers`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from geoclaims.errors import GeometryError

if TYPE_CHECKING:
    from shapely.geometry import Point

    from geoclaims.geometry.context import DocumentPlaces
    from geoclaims.places.gazetteer import Place
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.spatial import SpatialExpression

__all__ = [
    "ANAPHORA",
    "CONTEXT_SENTENCES",
    "MissingAnchor",
    "anchor_places",
    "point_of",
    "region_of",
    "settlement_sense",
    "with_region_word",
]

#: How many sentences back a border phrase or an anaphor looks for its places.
CONTEXT_SENTENCES = 2


class MissingAnchor(GeometryError):
    """The text names an anchor the gazetteer cannot place (or has no polygon of).

    :func:`geoclaims.geometry.footprints.build_footprint` then falls back on the
    container the text gives (:mod:`geoclaims.geometry.containers`).
    """


def point_of(place: Place) -> Point:
    import shapely

    if place.lat is None or place.lon is None:
        raise GeometryError(f"{place.name} ({place.geonameid}) has no coordinates")
    return shapely.Point(place.lon, place.lat)


#: Anaphoric anchors ("north of the city") and the place kinds they refer back to.
ANAPHORA: Mapping[str, frozenset[str]] = MappingProxyType({
    "city": frozenset({"populated_place"}), "town": frozenset({"populated_place"}),
    "village": frozenset({"populated_place"}), "camp": frozenset({"populated_place"}),
    "capital": frozenset({"populated_place"}),
    "region": frozenset({"admin1", "admin2", "region"}),
    "district": frozenset({"admin2", "admin1"}), "province": frozenset({"admin1"}),
    "peninsula": frozenset({"admin1", "region"}), "island": frozenset({"admin1", "region"}),
    "country": frozenset({"country"}), "shoal": frozenset(),
})
#: Anaphors that mean a part of the country named before when no region is.
ANAPHORA_COUNTRY_FALLBACK = frozenset({"region", "province", "district"})
_ANAPHOR = re.compile(
    r"^(?:the|this|that)\s+(?:(?P<owner>country|region)(?:'s|’s)\s+)?(?:[\w-]+\s+)*?"
    r"(?P<noun>\w+?)s?$", re.IGNORECASE,
)


def _referent(text: str, start: int, doc: DocumentPlaces) -> Place | None:
    """The place an anaphoric anchor ("the city", "the capital") refers back to.

    The nearest place of the noun's kinds (:data:`ANAPHORA`) mentioned before it in
    its sentence or the :data:`CONTEXT_SENTENCES` before; "the capital" prefers a
    capital (feature code PPLC).
    """
    m = _ANAPHOR.match(text)
    # "the country's central region" is a part of the country named before.
    noun = (m.group("owner") or m.group("noun")).lower() if m else ""
    kinds = ANAPHORA.get(noun)
    if not kinds:
        return None
    window = [r.place for r in doc.sentence_resolutions(start, back=CONTEXT_SENTENCES)
              if r.mention.start < start and r.place is not None]
    before = [p for p in window if p.kind in kinds]
    if not before and noun in ANAPHORA_COUNTRY_FALLBACK:
        # "Militants struck in Mali. Attacks rose in the northern regions": no region
        # named, so the regions are the country's.
        before = [p for p in window if p.kind == "country"]
    if noun == "capital":
        capitals = [p for p in before if p.feature_code == "PPLC"]
        before = capitals or before
    return before[-1] if before else None


_REGION_WORD_AT_END = re.compile(
    r"\b(?P<word>districts?|regions?|provinces?|oblasts?|raions?|states?|townships?|"
    r"counties|county|governorates?)\s*$", re.IGNORECASE,
)


def with_region_word(name: str, expr: SpatialExpression, doc: DocumentPlaces) -> Place | None:
    """ "the Sudzhansky and Korenevsky districts": each name with the expression's region
    word ("Sudzhansky District"), as the gazetteer may know it, in a country the
    document names when there are namesakes."""
    m = _REGION_WORD_AT_END.search(expr.text)
    if m is None or name.lower().endswith(m.group("word").lower().rstrip("s")):
        return None
    word = m.group("word").lower()
    singular = "county" if word == "counties" else word.rstrip("s") if word != "raions" \
        else "raion"
    hits = [p for p in doc.gaz.by_name(f"{name} {singular}")
            if p.kind in ("admin1", "admin2")]
    if not hits:
        return None
    local = [p for p in hits if p.country_code in doc.doc_countries]
    return (local or hits)[0]


def _implicit(expr: SpatialExpression, doc: DocumentPlaces) -> Place | None:
    """The place a direction or distance without an anchor ("from the south", "within a
    radius of 5 km") is relative to: the last town named before it."""
    before = [r.place for r in doc.sentence_resolutions(expr.start, back=1)
              if r.mention.start < expr.start and r.place is not None
              and r.place.kind == "populated_place"]
    return before[-1] if before else None


def anchor_places(expr: SpatialExpression, doc: DocumentPlaces) -> list[Place]:
    anchors = []
    for a, b in expr.anchors:
        places = doc.places_in(a, b)
        if not places:
            # "on Russian territory": the adjective stands for its country;
            # "north of the city": the city named before.
            code = doc.country_of_adjective(re.sub(r"^the\s+", "", doc.text[a:b], flags=re.I))
            found = doc.gaz.country(code) if code else _referent(doc.text[a:b], a, doc)
            if found is None:
                found = with_region_word(doc.text[a:b], expr, doc)
            places = [found] if found is not None else []
        anchors.extend(places)
    if not expr.anchors and expr.relation in ("direction_from", "distance_from"):
        implicit = _implicit(expr, doc)
        anchors = [implicit] if implicit is not None else []
    if not anchors:
        names = ", ".join(repr(doc.text[a:b]) for a, b in expr.anchors) or "none"
        raise MissingAnchor(f"anchor did not resolve to a place (anchors: {names})")
    return anchors


def settlement_sense(res: Resolution) -> Place:
    """For "near X": the town X rather than the region named after it ("near Kursk")."""
    place = res.place
    if place is None:
        raise GeometryError(f"{res.mention.text!r} is not resolved")
    if place.kind in ("admin1", "admin2"):
        for cand in res.candidates:
            if cand.place.kind == "populated_place" \
                    and cand.place.country_code == place.country_code:
                return cand.place
    return place


def region_of(res: Resolution) -> Place:
    """The region sense of a mention: the oblast rather than the city named like it."""
    place = res.place
    if place is None:
        raise GeometryError(f"{res.mention.text!r} is not resolved")
    if place.kind == "populated_place":
        for cand in res.candidates:
            if cand.place.kind == "admin1" and cand.place.country_code == place.country_code:
                return cand.place
    return place
