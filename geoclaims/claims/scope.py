"""Claim scope: which of the places named in a sentence a claim is about.

Table-driven rules, each with the reason it exists. A sentence names places for
many reasons: where the event happened (the claim's places), who speaks ("Ukraine's
General Staff"), who acts ("Moscow warned"), what measures a distance ("46 miles
from Kharkiv"), what describes a noun ("a facility for gas transit to Europe").
Only the first kind is kept, at the most specific level the sentence gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geoclaims.text.spans import SpanIndex

if TYPE_CHECKING:
    from geoclaims.claims.attribution import Attribution
    from geoclaims.claims.model import Claim, Source
    from geoclaims.geometry.footprints import Footprint
    from geoclaims.places.gazetteer import Place
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.segment import Sentence

#: Words before a capital or a country that make it a location ("in Moscow",
#: "approval from ..." excepted below); without one it stands for its government
#: ("Kyiv said", "fighting for Moscow", "U.S.-supplied").
_LOCATIVE_BEFORE = re.compile(
    r"(?:\bin|\bnear|\bat|\bto|\bfrom|\boutside|\baround|\binto|\bof|\bon|\bacross|"
    r"\btoward|\btowards|\bover|\bvillage of|\bcity of|\btown of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: Nouns of an institution's act: after them "from <capital>" names the government
#: that acts ("approval from Washington", "orders from Moscow"), not a place.
ACT_NOUNS = (
    "approval", "permission", "consent", "authorization", "authorisation", "support",
    "backing", "funding", "aid", "assistance", "pressure", "orders?", "instructions?",
    "requests?", "demands?", "warnings?", "threats?", "response", "reaction",
    "message", "signal", "green light", "sanctions", "guarantees?",
)
_ACT_FROM = re.compile(
    rf"\b(?:{'|'.join(ACT_NOUNS)})\s+from\s+(?:the\s+)?$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"['’]s?\b")
#: What a country or capital may possess and stay a place: "Russia's territory",
#: "Ukraine's east", "Russia's Kursk region" (then the region is more specific).
PLACE_NOUNS = (
    "territory", "territories", "soil", "airspace", "waters", "border", "borders",
    "region", "regions", "province", "provinces", "oblast", "city", "cities", "capital",
    "coast", "north", "south", "east", "west", "northeast", "northwest", "southeast",
    "southwest", "part", "parts", "side", "outskirts", "countryside", "frontier",
    "streets", "centre", "center", "suburbs", "district", "districts", "residents",
    "skies", "airport", "port",
)
_POSSESSED_PLACE = re.compile(
    rf"['’]s?\s+(?:[\w-]+\s+){{0,3}}?(?:{'|'.join(PLACE_NOUNS)})\b"
    r"|['’]s?\s+[A-Z]",  # "Russia's Kursk region", "Sudan's El-Fasher"
)
#: Words after a town that make it the name of a front sector ("the Kharkiv
#: direction"): a scope like a region, kept only when no settlement is named.
_SECTOR_AFTER = re.compile(r"[\s-]+(?:direction|axis|sector)\b", re.IGNORECASE)
#: A trailing appositive after a dash describes a noun of the claim ("the station -
#: a facility for gas transit to Europe"); its places are not where the claim happens.
_APPOSITIVE = re.compile(r"\s[-–—]\s+(?:a|an)\s+(?!.*\s[-–—]\s)")  # not "KYIV - A ..."
#: Between a settlement and the region the text puts it in: the rest of a list of
#: names, then "in (the)" ("Lyptsi, Vesele and Hlyboke in the Kharkiv region").
_LISTED_IN = re.compile(
    r"(?:(?:,\s*|\s+and\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})*\s+in\s+(?:the\s+)?"
)


@dataclass(frozen=True, slots=True)
class PlaceIndex:
    """A document's resolutions and footprints, sorted by offset once.

    Built once per document (:meth:`build`), so that each sentence looks up only its
    own places and footprints (bisection over sorted starts) instead of scanning the
    whole document: claim extraction stays linear in the number of sentences.

    Examples
    --------
    >>> index = PlaceIndex.build([], [])
    >>> index.resolutions_within(0, 10), index.footprints_within(0, 10)
    ([], [])
    """

    #: Resolutions with a place, keyed by their position in the document's list.
    resolutions: SpanIndex[Resolution]
    #: Footprints with an expression, keyed by their index in the document's list.
    footprints: SpanIndex[Footprint]

    @classmethod
    def build(
        cls, resolutions: Iterable[Resolution], footprints: Iterable[Footprint] = ()
    ) -> PlaceIndex:
        """Index the resolutions and footprints of one document.

        Parameters
        ----------
        resolutions : iterable of Resolution
            Resolved mentions of the document (unresolved ones are left out).
        footprints : iterable of Footprint
            Footprints of the document; those without an expression are left out.
            Their positions in this sequence are the claims' footprint indices.
        """
        return cls(
            resolutions=SpanIndex(
                ((i, r) for i, r in enumerate(resolutions) if r.place is not None),
                span=lambda r: (r.mention.start, r.mention.end),
            ),
            footprints=SpanIndex(
                ((i, f) for i, f in enumerate(footprints) if f.expression is not None),
                span=_expression_span,
            ),
        )

    def resolutions_within(self, start: int, end: int) -> list[Resolution]:
        """Resolved mentions inside ``[start, end)``, in the document's order."""
        return [r for _, r in self.resolutions.within(start, end)]

    def footprints_within(self, start: int, end: int) -> list[tuple[int, Footprint]]:
        """(index, footprint) of the footprints whose expression starts in ``[start, end)``,
        by index."""
        return self.footprints.starting_in(start, end)


def _expression_span(footprint: Footprint) -> tuple[int, int]:
    expr = footprint.expression
    assert expr is not None  # left out by PlaceIndex.build
    return expr.start, expr.end


def claim_places(sent: Sentence, att: Attribution, index: PlaceIndex) -> tuple[int, ...]:
    """GeoNames ids a sentence's claim is about, from the places named in it.

    Parameters
    ----------
    sent : Sentence
        The claim's sentence (document offsets).
    att : Attribution
        Its attribution: places inside source names and descriptions are left out.
    index : PlaceIndex
        Resolved mentions and footprints of the document, indexed by offset: only
        the sentence's own are looked at. A place that only anchors a distance or a
        bearing ("46 miles away from Kharkiv") is left out.

    Returns
    -------
    tuple of int
        Ids in text order, without repeats. Left out as well: capitals and countries
        used for their government (metonymy), places in a trailing appositive, a
        settlement resolved outside the region the text puts it in (a wrong
        namesake); a country, a region or a front sector only when nothing more
        specific inside it is named ("Russia's Kursk region", "Korenevo in Kursk
        region", "Vovchansk in the Kharkiv direction").
    """
    inside = index.resolutions_within(sent.start, sent.end)
    # The places named as the anchor of a distance or bearing; an anchor the footprint
    # found elsewhere ("north of the city", "from the south") is not one of them.
    anchor_spans = [
        span for _, f in index.footprints_within(sent.start, sent.end)
        if f.relation in ("distance_from", "direction_from") and f.expression is not None
        for span in f.expression.anchors
    ]
    reference_only = {
        r.place.geonameid for r in inside
        if r.place is not None
        and any(a <= r.mention.start and r.mention.end <= b for a, b in anchor_spans)
    }
    spans = [(s.start, s.end) for s in att.chain if s.start is not None and s.end is not None]
    spans += list(att.described)
    text = sent.text
    appositive = _APPOSITIVE.search(text)
    cut = sent.start + appositive.start() if appositive else sent.end
    in_source = {
        id(r) for r in inside
        if any(a <= r.mention.start and r.mention.end <= b for a, b in spans)
    }
    kept = [
        r for r in inside
        if id(r) not in in_source
        and not _metonymic(r, text, sent.start)
        and r.mention.start < cut
        and not _outside_stated_region(r, inside, text, sent.start)
    ]
    if not kept:
        # "The head of Ukraine's Sumy region said shelling wounded six people": a
        # regional official who names no other place speaks of their own region.
        kept = [
            r for r in inside
            if id(r) in in_source and r.place is not None and r.place.kind == "admin1"
        ]
    sectors = {
        id(r) for r in kept
        if _SECTOR_AFTER.match(text, r.mention.end - sent.start)
    }
    places: list[Place] = [r.place for r in kept if r.place is not None]
    settlements = [
        r.place for r in kept
        if r.place is not None and r.place.kind == "populated_place" and id(r) not in sectors
    ]
    specific = {p.country_code for p in places if p.kind != "country"}
    # A sector town still locates the claim inside its region.
    towns = {(p.country_code, p.admin1_code) for p in places if p.kind == "populated_place"}
    ids = [
        r.place.geonameid for r in kept
        if r.place is not None
        and not (r.place.kind == "country" and r.place.country_code in specific)
        and not (r.place.kind == "admin1" and (r.place.country_code, r.place.admin1_code) in towns)
        and not (id(r) in sectors and settlements)
        and r.place.geonameid not in reference_only
    ]
    return tuple(dict.fromkeys(ids))


def _metonymic(res: Resolution, text: str, offset: int) -> bool:
    """A capital or a country standing for its government ("fighting for Moscow",
    "Kyiv said", "Ukraine has fired", "approval from Washington")."""
    place = res.place
    if place is None or (place.feature_code != "PPLC" and place.kind != "country"):
        return False
    before = text[max(0, res.mention.start - offset - 40) : res.mention.start - offset]
    if _ACT_FROM.search(before):
        return True
    after = res.mention.end - offset  # matched in place: no copy of the sentence's rest
    if _POSSESSIVE.match(text, after) and not _POSSESSED_PLACE.match(text, after):
        return True  # "one of Kyiv's attempts": the possessor acts
    return _LOCATIVE_BEFORE.search(before[-20:]) is None


def _outside_stated_region(
    res: Resolution, inside: Sequence[Resolution], text: str, offset: int
) -> bool:
    """A settlement resolved outside the region the text puts it in.

    "Vesele and Hlyboke in the Kharkiv region": a Vesele resolved in another region
    is a namesake, not the place meant (the right one may be missing from the
    gazetteer), so it is no place of the claim.
    """
    place = res.place
    if place is None or place.kind != "populated_place":
        return False
    for other in inside:
        region = other.place
        if region is None or other.mention.start <= res.mention.end:
            continue
        # Matched in place: a copy of the text between every pair of the sentence's
        # places would cost their distance each.
        if _LISTED_IN.fullmatch(
            text, res.mention.end - offset, other.mention.start - offset
        ) is None:
            continue
        if region.kind == "admin1":
            return (place.country_code, place.admin1_code) != (
                region.country_code, region.admin1_code
            )
        if region.kind == "country":
            return place.country_code != region.country_code
        return False
    return False


#: Nouns of events: a definite reference to one ("the incursion", "the RSF's
#: attack") points back to the event as first reported, and to its place.
EVENT_NOUNS = (
    "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "assault",
    "offensive", "counteroffensive", "counter-offensive", "incursion", "invasion",
    "operation", "raid", "infiltration", "shelling", "bombardment", "bombing",
    "explosion", "explosions", "blast", "battle", "battles", "fighting", "clashes",
    "ambush", "breakthrough", "advance", "evacuation", "desertion", "massacre",
)
_EVENT_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|its|their|[A-Z][\w-]*['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}?"
    rf"(?P<noun>{'|'.join(EVENT_NOUNS)})\b",
)


#: Every event noun a statement names as a word, overlapping ones included
#: ("counter-offensive" names "offensive" too), as ``\bnoun\b`` finds them.
_EVENT_WORD = re.compile(rf"\b(?=({'|'.join(EVENT_NOUNS)})\b)", re.IGNORECASE)


class EventPlaces:
    """The places of the latest claim that names each event noun, kept as claims come.

    What :func:`continued_places` looks up for a definite reference ("the incursion"),
    in constant time instead of a scan back over every earlier claim.

    Examples
    --------
    >>> from geoclaims.claims.model import Claim, Confidence
    >>> events = EventPlaces()
    >>> events.add(Claim(claim_id="d:0", start=0, end=30, confidence=Confidence.CONFIRMED,
    ...                  statement="An incursion into Kursk began.", sources=(), places=(1,)))
    >>> events.places("incursion"), events.places("attack")
    ((1,), ())
    """

    __slots__ = ("_latest",)

    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        self._latest: dict[str, tuple[int, ...]] = {}
        for claim in claims:
            self.add(claim)

    def add(self, claim: Claim) -> None:
        """Record the next claim of the document (one without places changes nothing)."""
        if claim.places:
            for m in _EVENT_WORD.finditer(claim.statement):
                self._latest[m.group(1).lower()] = claim.places

    def places(self, noun: str) -> tuple[int, ...]:
        """Places of the latest claim with places naming ``noun`` (lowercase), or ()."""
        return self._latest.get(noun, ())


def continued_places(
    sources: Sequence[Source], statement: str, earlier: Sequence[Claim],
    events: EventPlaces | None = None,
) -> tuple[int, ...]:
    """Places a claim that names none takes from the claims it continues.

    Parameters
    ----------
    sources : sequence of Source
        The claim's cited sources, outermost first.
    statement : str
        The claim's sentence.
    earlier : sequence of Claim
        The document's claims before it, in order.
    events : EventPlaces, optional
        The event nouns of ``earlier``, kept by the caller as claims come (built
        from ``earlier`` when not given, which costs a pass over them).

    Returns
    -------
    tuple of int
        The places of the claim right before when its innermost source is one
        of the claim's named sources ("She stressed ...", "He said ..."; an
        organisation's spokesman speaks for it), else those of the latest earlier claim
        that reported the event the sentence refers back to ("the incursion", "the RSF's attack");
        else nothing. Anonymous sources are never taken for the same speaker.
    """
    if earlier:
        # Only the claim right before: a speaker's later statements elsewhere in the
        # document may be on another topic.
        cited = earlier[-1].sources[1:]  # the publishing outlet heads every chain
        if cited and any(is_same_speaker(s, cited[-1]) for s in sources):
            return earlier[-1].places
    references = list(_EVENT_REFERENCE.finditer(statement))
    if not references:
        return ()
    if events is None:
        events = EventPlaces(earlier)
    for m in references:
        if places := events.places(m.group("noun")):
            return places
    return ()


def is_same_speaker(a: Source, b: Source) -> bool:
    """Tell whether two named sources are the same speaker.

    Names are compared by words, without articles: equal, or one a run of words of
    the other ("Zelenskyy", "Ukrainian President Volodymyr Zelenskyy").

    Examples
    --------
    >>> from geoclaims.claims.model import Source
    >>> def person(name): return Source(name=name, type="person")
    >>> is_same_speaker(person("Zelenskyy"), person("President Volodymyr Zelenskyy"))
    True
    >>> is_same_speaker(person("the military"), person("the Israeli military"))
    True
    >>> is_same_speaker(person("Defense Ministry"), person("Health Ministry"))
    False
    """
    if a.anonymous or b.anonymous:
        return False
    wa, wb = _name_words(a.referent), _name_words(b.referent)
    if not wa or not wb:
        return False
    short, long = sorted((wa, wb), key=len)
    n = len(short)
    return any(long[k : k + n] == short for k in range(len(long) - n + 1))


def _name_words(name: str) -> tuple[str, ...]:
    words = re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", name.lower())
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    return tuple(words)
