"""The best container the text gives, for an expression whose anchor cannot be placed.

"near the villages of Plekhovo and Martynovka" in a Kursk story, "in the Komutovka area
of Kursk Oblast", "15 km north of Zamzam" in North Darfur: the gazetteer lacks the
village, but the text says where it is. Rather than no footprint, the expression gets
the area of its container, with the reason recorded (rule ``container.v1``):

1. a region the expression itself names around the anchor ("the Kherson Region's
   Dnieper River", "Komutovka area of Kursk Oblast") or right after it ("Mweso, North
   Kivu", "Maungdaw in Rakhine state"); else the oblast Ukraine's register of
   settlements puts the village in (:mod:`geoclaims.places.ua_register`), when it
   names one, or one of those the document mentions;
2. else the nearest region (admin-1, admin-2 or named region) mentioned before it in
   its sentence or the :data:`~geoclaims.geometry.rules.CONTEXT_SENTENCES` before;
3. else the union of the near-discs of the other towns its sentence names ("near
   Klishchiivka, south of Bakhmut");
4. else the region the document mentions most (at least :data:`MIN_DOCUMENT_MENTIONS`
   times);
5. else the near-discs of the last :data:`MAX_TOWNS` towns named in the sentences just
   before;
6. else the nearest country in that window, then the document's most mentioned country.

A sea ("the Black Sea", "the Gulf of Aden": :func:`~geoclaims.text.mentions.is_sea_name`)
is not contained by land: it gets no container, so its expression stays without a
footprint and says why. A river or lake is ("the Seim River" in a Kursk story).
The footprint keeps the expression's relation; its rule, ``container.v1``, and its
``params`` (``container``, ``step``, ``reason``) say that it is the container's area.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from geoclaims import config
from geoclaims.errors import GeometryError
from geoclaims.geometry import geodesic
from geoclaims.geometry.rules import CONTEXT_SENTENCES, FootprintRule, near_radius_km
from geoclaims.text.mentions import is_sea_name
from geoclaims.text.normalize import normalize_name

if TYPE_CHECKING:
    from geoclaims.geometry.context import DocumentPlaces
    from geoclaims.geometry.record import Footprint
    from geoclaims.places.gazetteer import Place
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.spatial import SpatialExpression

__all__ = ["CONTAINER_RULE", "MIN_DOCUMENT_MENTIONS", "container_footprint"]

#: Region kinds that contain a village, a district or a feature.
REGION_KINDS = frozenset({"admin1", "admin2", "region"})
#: How many of the towns named just before make a container (step 5).
MAX_TOWNS = 3
#: A region the document names this often is its setting (step 4).
MIN_DOCUMENT_MENTIONS = 2
#: A capitalised word this common in English (Zipf scale) is no village name.
COMMON_ZIPF = 4.0
#: Place nouns that may start an anchor ("the Village of X") and say nothing of it.
_NOUNS = frozenset({"the", "city", "town", "village", "villages", "river", "lake", "camp",
                    "airport", "base", "district", "region", "province", "state"})
#: "the village of", "around the town of" before a name the register is asked about.
_PLACE_NOUN = re.compile(
    r"^(?:the\s+)?(?:(?:city|town|village|villages|settlement)\s+of\s+)?", re.IGNORECASE
)
#: How far after the anchor (characters) an explicit container may start.
AFTER_CHARS = 40
_AFTER = re.compile(r"\s*(?:,|\bin\b|\bof\b)\s*(?:the\s+)?", re.IGNORECASE)


def _build(expr: SpatialExpression, doc: DocumentPlaces, rule: FootprintRule) -> Footprint:
    return container_footprint(expr, doc, "")


CONTAINER_RULE = FootprintRule(
    key="container.v1", relation="container",
    reason="an anchor the gazetteer lacks: the area of the region (or country) the text "
           "puts it in, nearest first, with the reason recorded",
    build=_build,
    params=MappingProxyType({"context_sentences": CONTEXT_SENTENCES,
                             "min_document_mentions": MIN_DOCUMENT_MENTIONS,
                             "after_chars": AFTER_CHARS,
                             "radius_km": MappingProxyType(dict(config.NEAR_RADIUS_KM))}),
)


def _is_anchor(r: Resolution, expr: SpatialExpression) -> bool:
    return any(a < r.mention.end and r.mention.start < b for a, b in expr.anchors)


def _explicit(expr: SpatialExpression, doc: DocumentPlaces) -> Place | None:
    inside = [r for r in doc.resolutions_in(expr.start, expr.end)
              if not _is_anchor(r, expr) and r.place is not None
              and r.place.kind in REGION_KINDS | {"country"}]
    if inside:
        return min(inside, key=lambda r: _kind_rank(r.place)).place
    end = max((b for _, b in expr.anchors), default=expr.end)
    end = max(end, expr.end)
    m = _AFTER.match(doc.text, end)
    if m is None:
        return None
    after = [r for r in doc.resolutions_in(m.end(), m.end() + 1)
             if r.place is not None and r.place.kind in REGION_KINDS | {"country"}]
    return after[0].place if after else None


def _registered(names: Sequence[str], doc: DocumentPlaces) -> Place | None:
    """The oblast Ukraine's register puts a village in ("Robotyne": Zaporizhzhia Oblast),
    when it names one oblast, or one of those the document mentions."""
    found: dict[int, Place] = {}
    for name in names:
        bare = _PLACE_NOUN.sub("", name).strip()
        for oblast in doc.gaz.register_oblasts(bare):
            found[oblast.geonameid] = oblast
    if len(found) > 1:
        named = {r.place.geonameid for r in doc.resolutions if r.place is not None}
        found = {gid: p for gid, p in found.items() if gid in named}
    return next(iter(found.values())) if len(found) == 1 else None


def _kind_rank(place: Place | None) -> int:
    order = {"admin2": 0, "admin1": 1, "region": 2, "country": 3}
    return order.get(place.kind if place is not None else "", 9)


def _nearest_before(expr: SpatialExpression, doc: DocumentPlaces,
                    kinds: frozenset[str]) -> Place | None:
    before = [r for r in doc.sentence_resolutions(expr.start, back=CONTEXT_SENTENCES)
              if r.mention.start < expr.start and r.place is not None
              and r.place.kind in kinds]
    return before[-1].place if before else None


def _most_mentioned(doc: DocumentPlaces, kinds: frozenset[str],
                    minimum: int) -> Place | None:
    place, n = doc.most_mentioned(kinds)
    return place if n >= minimum else None


def _towns_around(expr: SpatialExpression, doc: DocumentPlaces, back: int = 0) -> list[Place]:
    """The settlements its sentence (and the ``back`` before it) names besides the
    anchor ("near X, south of Bakhmut")."""
    return [r.place for r in doc.sentence_resolutions(expr.start, back=back)
            if r.place is not None and r.place.kind == "populated_place"
            and not _is_anchor(r, expr) and (back == 0 or r.mention.start < expr.start)]


def could_be_place(name: str, doc: DocumentPlaces) -> bool:
    """Whether an anchor the gazetteer lacks may still be a place name.

    Not when its words are common English words ("around Christmas") or first names
    ("near Smith"), nor when it is a country adjective ("between the Pakistani and
    Indian" armies). An anaphor ("the town") or a description with a place noun ("the
    village of X") always may.
    """
    words = [w for w in re.findall(r"[A-Z][\w’'-]*", name) if w.lower() not in _NOUNS]
    if not words:
        return True
    keys = [normalize_name(w) for w in words]
    if doc.country_of_adjective(words[0]) and len(words) == 1:
        return False
    common = doc.gaz.common_zipf(keys)
    given = doc.gaz.given_names(keys)
    return not all(common.get(k, 0.0) >= COMMON_ZIPF or k in given for k in keys)


def find_container(expr: SpatialExpression,
                   doc: DocumentPlaces) -> tuple[list[Place], str] | None:
    """The container of ``expr``'s anchor and the step that found it (see module doc).

    The container is one region or country, or (step 3) the settlements around it.
    None for a sea, and for anchors that are no place names (:func:`could_be_place`).
    """
    names = [doc.text[a:b] for a, b in expr.anchors]
    if any(is_sea_name(n) for n in names) or not all(could_be_place(n, doc) for n in names):
        return None
    explicit = _explicit(expr, doc)
    if explicit is not None:
        return [explicit], "named with the anchor"
    registered = _registered(names, doc)
    if registered is not None:
        return [registered], "Ukraine's register of settlements"
    nearest = _nearest_before(expr, doc, REGION_KINDS)
    if nearest is not None:
        return [nearest], "nearest region before it"
    towns = _towns_around(expr, doc)
    if towns:
        return towns, "the towns its sentence names"
    region = _most_mentioned(doc, REGION_KINDS, MIN_DOCUMENT_MENTIONS)
    if region is not None:
        return [region], "region the document names most"
    towns = _towns_around(expr, doc, back=CONTEXT_SENTENCES)[-MAX_TOWNS:]
    if towns:
        return towns, "the towns named just before"
    steps = (
        ("nearest country before it",
         lambda: _nearest_before(expr, doc, frozenset({"country"}))),
        ("country the document names most",
         lambda: _most_mentioned(doc, frozenset({"country"}), 1)),
    )
    for step, find in steps:
        place = find()
        if place is not None:
            return [place], step
    return None


def container_footprint(expr: SpatialExpression, doc: DocumentPlaces,
                        reason: str) -> Footprint:
    """The footprint of ``expr`` as the area of its anchor's container.

    Raises
    ------
    GeometryError
        When the text gives no container (or the anchor is a water body).
    """
    import shapely

    found = find_container(expr, doc)
    if found is None:
        raise GeometryError(f"{reason}; the text names no region that contains it"
                            if reason else "the text names no region that contains it")
    places, step = found
    parts = []
    for place in places:
        poly = doc.gaz.polygon(place.geonameid)
        if poly is None and place.lat is not None and place.lon is not None:
            radius = near_radius_km(place, CONTAINER_RULE.params["radius_km"])
            poly = geodesic.geodesic_buffer(shapely.Point(place.lon, place.lat), radius * 1000)
        if poly is not None:
            parts.append(poly)
    if not parts:
        raise GeometryError(f"{reason}; its container has no geometry")
    return CONTAINER_RULE.make(
        shapely.union_all(parts), expr, [str(p.geonameid) for p in places],
        {"container": ", ".join(p.name for p in places), "step": step, "reason": reason},
        relation=expr.relation,
    )
