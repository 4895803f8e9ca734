"""Claim scope: which of the places named in a sentence a claim is about.

Table-driven rules, each with the reason it exists. A sentence names places for
many reasons: where the event happened (the claim's places), who speaks ("Ukraine's
General Staff"), who acts ("Moscow warned"), what measures a distance ("46 miles
from Kharkiv"), what describes a noun ("a facility for gas transit to Europe").
Only the first kind is kept, at the most specific level the sentence gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geoclaims.claims.attribution import Attribution, Sentence
    from geoclaims.claims.model import Claim, Source
    from geoclaims.geometry.footprints import Footprint
    from geoclaims.places.gazetteer import Place
    from geoclaims.places.resolve import Resolution

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


def claim_places(
    sent: Sentence, att: Attribution, resolutions: Sequence[Resolution],
    footprints: Sequence[Footprint] = (),
) -> tuple[int, ...]:
    """GeoNames ids a sentence's claim is about, from the places named in it.

    Parameters
    ----------
    sent : Sentence
        The claim's sentence (document offsets).
    att : Attribution
        Its attribution: places inside source names and descriptions are left out.
    resolutions : sequence of Resolution
        Resolved mentions of the document.
    footprints : sequence of Footprint
        Footprints of the document: a place that only anchors a distance or a
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
    reference_only = {
        int(a) for f in footprints
        if f.expression is not None and f.relation in ("distance_from", "direction_from")
        and sent.start <= f.expression.start < sent.end
        for a in f.anchors if a.isdigit()
    }
    inside = [
        r for r in resolutions
        if r.place is not None and sent.start <= r.mention.start and r.mention.end <= sent.end
    ]
    spans = [(s.start, s.end) for s in att.chain if s.start is not None and s.end is not None]
    spans += list(att.described)
    text = sent.text
    appositive = _APPOSITIVE.search(text)
    cut = sent.start + appositive.start() if appositive else sent.end
    kept = [
        r for r in inside
        if not any(a <= r.mention.start and r.mention.end <= b for a, b in spans)
        and not _metonymic(r, text, sent.start)
        and r.mention.start < cut
        and not _outside_stated_region(r, inside, text, sent.start)
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
    after = text[res.mention.end - offset :]
    if _POSSESSIVE.match(after) and not _POSSESSED_PLACE.match(after):
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
        between = text[res.mention.end - offset : other.mention.start - offset]
        if _LISTED_IN.fullmatch(between) is None:
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


def continued_places(
    sources: Sequence[Source], statement: str, earlier: Sequence[Claim]
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

    Returns
    -------
    tuple of int
        The places of the claim right before when its innermost source is one
        of the claim's named sources ("She stressed ...", "He said ..."; an
        organisation's spokesman speaks for it), else those of the latest earlier claim that reported the
        event the sentence refers back to ("the incursion", "the RSF's attack");
        else nothing. Anonymous sources are never taken for the same speaker.
    """
    if earlier:
        # Only the claim right before: a speaker's later statements elsewhere in the
        # document may be on another topic.
        cited = earlier[-1].sources[1:]  # the publishing outlet heads every chain
        if cited and any(is_same_speaker(s, cited[-1]) for s in sources):
            return earlier[-1].places
    for m in _EVENT_REFERENCE.finditer(statement):
        noun = re.compile(rf"\b{re.escape(m.group('noun'))}\b", re.IGNORECASE)
        for claim in reversed(earlier):
            if claim.places and noun.search(claim.statement):
                return claim.places
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
    wa, wb = _name_words(a.name), _name_words(b.name)
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
