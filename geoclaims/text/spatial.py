"""Spatial expressions in text: "7 km from the border", "near X", "30 km north of X".

Pure text processing: the expressions carry the spans of their anchors ("the border",
"Donetsk"); linking anchors to resolved places and building geometry happens in
:mod:`geoclaims.geometry.footprints`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from geoclaims.text import lexicon
from geoclaims.text.spatial_places import PART_LETTERS, PlaceSpan, anchored_expressions

Relation = Literal[
    "distance_from", "direction_from", "near", "in_region", "border_zone", "between"
]

#: Metres per unit.
UNITS_M = dict(lexicon.numbers("distance_units"))
#: Number words of a distance and the value they are read as ("a few km" = 3 km).
NUMBER_WORDS = {**lexicon.numbers("cardinals"), **lexicon.numbers("distance_number_words")}
#: Named border lines and the countries they divide ("line of control" -> "IN-PK").
NAMED_BORDERS = dict(lexicon.table("named_borders"))
#: The qualifier of a border between regions of one country (not an international one).
ADMINISTRATIVE = "administrative"
#: The qualifier of a border strip named by what lies across it ("across from Kursk").
ACROSS = "across"
#: Number words that are only an order of magnitude ("hundreds of km"): read as
#: "about" that many.
VAGUE_NUMBERS = frozenset({"tens of", "hundreds of", "thousands of"})
#: Compass words -> bearing in degrees clockwise from north.
BEARINGS = dict(lexicon.numbers("bearings"))
#: Hedges before a distance and what they make of it (see footprint rules).
HEDGES = dict(lexicon.table("distance_hedges"))

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# A number starts at a word boundary ("1e9 km" is one number, never "9 km").
_NUM = (
    rf"(?<![\w.])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
    rf"|(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS)})\b"
    rf"|{lexicon.alternation(NUMBER_WORDS)})"
)
_UNIT = rf"(?:{lexicon.alternation(UNITS_M)})\b"
_HEDGE = lexicon.alternation(HEDGES)
_DIR = (
    r"(?:north-?east|north-?west|south-?east|south-?west|north|south|east|west|"
    r"NNE|ENE|ESE|SSE|SSW|WSW|WNW|NNW|NE|NW|SE|SW|N|S|E|W)"
)
# An anchor: "the border", "the Ukrainian border", "the city's outskirts", a name.
_WORD = r"[A-ZА-ЯЁЇІЄҐ][\w'’-]*(?:\.[\w'’-]+)*"
_NAME = rf"{_WORD}(?:\s+(?:of\s+|de\s+)?{_WORD}){{0,3}}"
# "the border", "the Guyana-Venezuela border", "the border with Ukraine", "the Line of
# Control"; the first capitalised word, when there is one, names the other side.
_BORDER = (
    r"(?:the\s+)?(?:(?:[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)?)\s+)?(?:state\s+|national\s+)?"
    r"(?:border|frontier|front\s*line|frontline)(?:\s+with\s+[A-Z][\w'’-]+)?"
    r"|(?:the\s+)?(?:Line\s+of\s+(?:Actual\s+)?Control|LoC|LAC|Durand\s+Line|Blue\s+Line)\b"
)


#: Place nouns of "the village of X", "the state capital of X" and of anaphoric anchors
#: ("north of the city"): the footprint step links "the city" to the place meant.
_PLACE_NOUNS = (
    r"(?:city|town|village|settlement|port|capital|localit(?:y|ies)|villages|towns|cities|"
    r"settlements|camp)"
)
_ANAPHOR = (
    r"the\s+(?:(?:state|provincial|regional|Ukrainian|Russian)\s+)?"
    r"(?:city|town|village|capital|camp|region|district|province|peninsula|country|shoal"
    r"|island)\b(?!\s+of\b)"
)

_IS_BORDER = re.compile(
    r"(?i:border|frontier|front\s*line|frontline)|Line\s+of\s+(?:Actual\s+)?Control|\bLoC\b"
    r"|\bLAC\b|Durand\s+Line|Blue\s+Line"
)


def _anchor(group: str) -> str:
    return (
        rf"(?P<{group}>{_BORDER}|(?:the\s+)?(?:city|town|village|settlement)(?:'s|’s)?\s+"
        rf"(?:outskirts|centre|center)"
        rf"|(?:the\s+)?(?:[\w’'-]+\s+)?{_PLACE_NOUNS}(?:\s+of|,)?\s+{_NAME}"
        rf"|(?:the\s+)?{_NAME}(?:\s+(?:town|city|village|camp)\b)?|{_ANAPHOR})"
    )


_ANCHOR = _anchor("anchor")

# Case-insensitive but for the anchor, whose capital letters tell a name from the
# words after it ("60 km from Zamzam controlled by ...").
_DISTANCE = re.compile(
    rf"(?:(?P<hedge>(?i:{_HEDGE}))\s+)?(?P<num>(?i:{_NUM}))"
    rf"(?:\s*(?:-|–|(?i:to))\s*(?P<num2>(?i:{_NUM})))?"
    rf"[\s-]*(?P<unit>(?i:{_UNIT}))(?:\s*\([^)]{{0,40}}\))?"
    rf"(?:\s+(?P<dir>(?i:{_DIR}))(?=\s+of\b))?"
    rf"\s+(?i:away\s+)?(?i:from|of|off|outside|inside)\s+{_ANCHOR}",
)
_DIRECTION = re.compile(
    rf"\b(?P<dir>{_DIR})\s+of\s+{_ANCHOR}"
    rf"|\bfrom\s+the\s+(?P<dir2>north|south|east|west|north-?east|north-?west|"
    rf"south-?east|south-?west)\b"
    rf"|\b(?:along\s+|on\s+)?(?:its|the)\s+(?P<dir3>northern|southern|eastern|western)"
    rf"\s+(?:outskirts|edge|flank|approaches)(?:\s+of\s+{_anchor('anchor3')})?",
)
_BANK = (
    r"(?:the\s+)?(?:(?:left|right|east|west|north|south|eastern|western|northern|southern|"
    r"other|opposite|far)\s+)?banks?"
)
_NEAR = re.compile(
    r"\b(?P<cue>(?i:near)|close\s+to|outside|(?:on\s+)?the\s+outskirts\s+of"
    r"|in\s+the\s+vicinity\s+of|on\s+the\s+approaches\s+to|in\s+and\s+around"
    r"|(?i:around)(?!\s+(?:the\s+)?(?:clock|world|time))|(?i:in)\s+the\s+areas?\s+of"
    r"|off\s+the\s+(?:coast|coasts|shores?)\s+of"
    r"|(?i:along)(?!\s+with\b)"
    rf"|(?:on|to|from|along|across)\s+{_BANK}\s+of|not\s+far\s+from)\s+"
    rf"(?!\d){_ANCHOR}"
    rf"(?P<more>(?:\s*,\s*(?:and\s+)?{_NAME}|\s+and\s+{_NAME}){{0,8}})"
    r"|\b(?P<cue2>(?:on|to|from)\s+(?:the\s+)?(?:left|right|other|opposite|eastern|western)"
    r"\s+banks?)\b(?!\s+of\b)",
)
_REGION_WORDS = rf"(?:{lexicon.alternation(lexicon.phrases('region_words'))})"
_IN_REGION = re.compile(
    r"\b(?P<cue>in|into|across|inside|within|throughout|to|deep\s+within|deep\s+inside|"
    r"on\s+the\s+territory\s+of)\s+(?:the\s+|that\s+)?"
    r"(?:(?P<owner>[A-Z][\w]*(?:'s|’s))\s+)?"
    r"(?P<part>(?:south|north|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    rf"(?P<anchor>{_NAME})(?P<more>(?:\s*,\s*(?:and\s+)?{_NAME}|\s+and\s+{_NAME}){{0,8}})"
    rf"(?:\s+(?:administrative\s+)?(?P<word>{_REGION_WORDS})\b)",
)
# Distances with no named anchor: "one kilometer inland", "10 km into the country"
# (from the border, by the guideline), "about 4 miles to the south", "within a radius
# of 5 km", "at a distance of 300 yards" (from the place the text is about).
_BARE_DISTANCE = re.compile(
    rf"(?:(?P<hedge>(?i:{_HEDGE}))\s+)?(?P<num>(?i:{_NUM}))[\s-]*(?P<unit>(?i:{_UNIT}))"
    r"(?:\s*\([^)]{0,40}\))?\s+"
    r"(?:(?P<inland>inland|into\s+(?:the\s+)?(?:country|territory|its\s+territory)"
    rf"|deep(?:\s+(?:into|inside|within)\s+(?P<region>{_NAME}))?)"
    rf"|to\s+the\s+(?P<dir>{_DIR})\b)"
    rf"|\b(?P<radius>within\s+a\s+radius\s+of|at\s+a\s+distance\s+of)\s+"
    rf"(?P<num2>(?i:{_NUM}))[\s-]*(?P<unit2>(?i:{_UNIT}))(?:\s*\([^)]{{0,40}}\))?"
)
# "near the boundary of Kursk and Bryansk Oblasts", "near the administrative borders
# between the Dnipropetrovsk, Donetsk, and Zaporizhzhia oblasts": a line between regions.
_ADMIN_BOUNDARY = re.compile(
    r"\b(?P<cue>near|along|on|at|across|by|close\s+to)\s+the\s+(?:(?:administrative|internal|"
    r"regional)\s+)?(?:boundary|boundaries|border|borders)\s+(?:of|between)\s+(?:the\s+)?"
    rf"(?P<anchor>{_NAME})(?P<more>(?:\s*,\s*(?:and\s+)?{_NAME}|\s+and\s+{_NAME}){{1,8}})"
    rf"(?:\s+(?P<word>{_REGION_WORDS}|(?-i:{lexicon.alternation(lexicon.phrases('named_region_words'))})s?)\b)?"
)
# "just across the border from Kursk", "which lies across from Russia's Kursk region":
# the strip on this side of the border, facing the region named.
_ACROSS_FROM = re.compile(
    r"\b(?:(?:lies|lie|lying|located|situated)\s+)?(?:(?:just|directly|right)\s+)?"
    r"across\s+(?:the\s+(?:border|frontier)\s+)?from\s+(?:the\s+)?"
    rf"(?:[A-Z][\w]*(?:'s|’s)\s+)?(?P<anchor>{_NAME})"
    r"(?:\s+(?:region|oblast|province|Oblast|Region|Province))?"
)
# "60 km from their desertion point": measured from where an earlier expression put them.
_RELATIVE_DISTANCE = re.compile(
    rf"(?:(?P<hedge>(?i:{_HEDGE}))\s+)?(?P<num>(?i:{_NUM}))[\s-]*(?P<unit>(?i:{_UNIT}))"
    r"(?:\s*\([^)]{0,40}\))?\s+(?:away\s+)?from\s+(?:their|its|his|her|the)\s+"
    r"(?:[a-z-]+\s+){0,2}(?:point|position|positions|location|site|starting\s+point)\b"
)
# "in the region", "in the country's central region", "on the peninsula": a region
# named before (the footprint step finds it).
_ANAPHORIC_REGION = re.compile(
    r"\b(?P<cue>in|across|throughout|within|on)\s+(?P<anchor>(?:the|this|that)\s+"
    r"(?:country(?:'s|’s)\s+|region(?:'s|’s)\s+)?"
    rf"(?:(?i:{lexicon.alternation(lexicon.phrases('region_premodifiers'))})\s+)?"
    r"(?:(?P<part>[\w-]+ern(?:-most|most)?|central(?:-\w+)?)\s+)?"
    r"(?:regions?|districts?|provinces?|oblasts?|peninsula))\b(?!\s+of\b)(?!\s*['’])"
)
_NAMED_REGION = re.compile(
    r"\b(?:(?P<cue>in|into|across|inside|within|throughout|to|deep\s+within|"
    r"on\s+the\s+territory\s+of|such\s+as)\s+)?(?:the\s+|that\s+)?"
    r"(?:(?P<owner>[A-Z][\w]*(?:'s|’s))\s+)?"
    rf"(?P<anchor>{_WORD}(?:\s+{_WORD}){{0,2}}?)\s+"
    rf"(?P<word>{lexicon.alternation(lexicon.phrases('named_region_words'))})\b"
)
_PART_OF = re.compile(
    r"\b(?P<cue>in|across|throughout)\s+(?:the\s+)?(?:(?P<owner>[A-Z][\w]*(?:'s|’s))\s+)?"
    r"(?P<part>(?:south|north|east|west)(?:-?(?:east|west))?ern)\s+"
    rf"(?:(?P<anchor>{_NAME})|(?P<word>{_REGION_WORDS}))"
)
_DEEP = re.compile(
    rf"\b(?P<cue>deep\s+(?:within|inside|into)|across|throughout|inside)\s+(?P<anchor>{_NAME})"
)
_BORDER_ZONE = re.compile(
    r"\b(?P<cue>along|near|close\s+to|on|at|across|by|blocked\s+by|crossed|crossing|over"
    r"|adjacent\s+to|bordering\s+on)\s+"
    r"(?P<anchor>(?:the|its)\s+(?:[a-z]+ly\s+)?(?:[a-z]+(?:ised|ized|ed)\s+)?"
    r"(?:[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)?\s+)?"
    r"(?:state\s+)?(?:border|frontier)(?:\s+with\s+[A-Z][\w'’-]+)?"
    r"|(?:the\s+)?(?:Line\s+of\s+(?:Actual\s+)?Control|LoC|LAC|Durand\s+Line|Blue\s+Line))\b"
    r"|\b(?:on|from)\s+the\s+(?P<anchor4>[A-Z][\w'’-]+)\s+side\s+of\s+the\s+"
    r"(?:[a-z]+\s+)?(?:border|frontier|LoC|Line\s+of\s+Control|region)\b"
    r"|\b(?P<anchor2>border\s+(?:areas?|regions?|zones?|villages?|districts?))\b"
    r"|\b(?P<anchor3>cross-border)\b",
)
_BETWEEN = re.compile(
    rf"\bbetween\s+{_anchor('anchor')}\s+and\s+{_anchor('anchor2')}"
    rf"|\bbetween\s+the\s+(?:[\w’'-]+\s+)?{_PLACE_NOUNS}\s+of\s+(?P<anchor3>{_NAME})"
    rf"\s+and\s+(?P<anchor4>{_NAME})"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpatialExpression:
    """A phrase that locates something relative to places."""

    #: Python str offsets of the whole phrase, end exclusive.
    start: int
    end: int
    text: str
    relation: Relation
    #: Spans of the anchor phrases ("the border", "Donetsk").
    anchors: tuple[tuple[int, int], ...] = ()
    #: The stated distance in metres (the lower end of a range) and the upper end.
    distance_m: float | None = None
    distance_max_m: float | None = None
    #: "approx", "max", "min" or "" (see :data:`HEDGES`).
    hedge: str = ""
    #: Compass bearing from the anchor, degrees clockwise from north.
    bearing_deg: float | None = None
    #: Part of the region ("SW") or border qualifier ("Ukrainian").
    qualifier: str = ""
    #: True when the anchor is a border rather than a place.
    border: bool = False
    #: True when the anchor is where an earlier expression put things ("60 km from
    #: their desertion point"): the footprint step measures from that footprint.
    relative: bool = False
    #: Why no footprint can be built, when the phrase itself says so.
    problems: tuple[str, ...] = field(default=())


def parse_number(text: str) -> float:
    """``"7"`` -> 7.0, ``"1,500"`` -> 1500.0, ``"seven"`` -> 7.0.

    Examples
    --------
    >>> parse_number("1,500"), parse_number("seven"), parse_number("seventy-seven")
    (1500.0, 7.0, 77.0)
    """
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    parts = re.split(r"[-\s]+", t)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])  # "seventy-seven"
    return float(t.replace(",", ""))


def unit_metres(unit: str) -> float:
    """Metres per unit word (``"kilometres"`` -> 1000.0)."""
    u = unit.strip().lower()
    if u in UNITS_M:
        return UNITS_M[u]
    if u.startswith("nautical"):
        return 1852.0
    if u.startswith("kilomet"):
        return 1000.0
    if u.startswith("mile"):
        return 1609.344
    return 1.0


def _span(m: re.Match[str], group: str) -> tuple[int, int] | None:
    if m.group(group) is None:
        return None
    return m.start(group), m.end(group)


def find_spatial_expressions(
    text: str, places: Sequence[PlaceSpan] = ()
) -> list[SpatialExpression]:
    """Find spatial expressions in ``text``, non-overlapping, in text order.

    ``places`` are the document's place mentions with their kind
    (:class:`~geoclaims.text.spatial_places.PlaceSpan`; the footprint step makes them
    from the geoparser's resolutions): with them, containment in a country or region
    ("in Ukraine", "deep into Kursk") is found too (:mod:`geoclaims.text.spatial_places`).
    Where two expressions overlap, the longer is kept; of two of the same length, the
    one found from the places.

    Examples
    --------
    >>> [e.relation for e in find_spatial_expressions(
    ...     "They fled around 7 kilometers (4 miles) from the border near Sudzha.")]
    ['distance_from', 'near']
    >>> e = find_spatial_expressions("Shelling hit villages 30 km north-east of Pokrovsk.")[0]
    >>> e.distance_m, e.bearing_deg, e.text
    (30000.0, 45.0, '30 km north-east of Pokrovsk')
    """
    found: list[SpatialExpression] = [
        SpatialExpression(start=a.start, end=a.end, text=text[a.start:a.end],
                          relation=a.relation, anchors=a.anchors,  # type: ignore[arg-type]
                          qualifier=a.qualifier)
        for a in anchored_expressions(text, places)
    ]
    if _CYRILLIC.search(text):
        found += _cyrillic_expressions(text, places)
    for m in _DISTANCE.finditer(text):
        num = parse_number(m.group("num"))
        if m.start("num") > 0 and text[m.start("num") - 1] in "-−" and (
            m.start("num") < 2 or not text[m.start("num") - 2].isalnum()
        ):
            num = -num  # "-5 km": kept, and rejected with a reason when building
        scale = unit_metres(m.group("unit"))
        hi = parse_number(m.group("num2")) * scale if m.group("num2") else None
        anchor = _span(m, "anchor")
        is_border = bool(_IS_BORDER.search(m.group("anchor")))
        bearing = BEARINGS.get((m.group("dir") or "").lower().replace(" ", ""))
        start = m.start() - 1 if num < 0 and not m.group("hedge") else m.start()
        found.append(
            SpatialExpression(
                start=start, end=m.end(), text=text[start : m.end()],
                relation="direction_from" if bearing is not None else "distance_from",
                anchors=(anchor,) if anchor else (), distance_m=num * scale,
                distance_max_m=hi,
                hedge="approx" if m.group("num").lower() in VAGUE_NUMBERS
                else HEDGES.get((m.group("hedge") or "").lower(), ""),
                bearing_deg=bearing, border=is_border,
                qualifier=_border_qualifier(m.group("anchor")) if is_border else "",
            )
        )
    for m in _DIRECTION.finditer(text):
        word = m.group("dir") or m.group("dir2") or m.group("dir3") or ""
        key = word.lower().replace("ern", "")
        bearing = BEARINGS.get(key)
        if bearing is None or (m.group("dir") and len(word) <= 3 and not word.isupper()):
            continue
        anchor = _span(m, "anchor") or _span(m, "anchor3")
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="direction_from",
                anchors=(anchor,) if anchor else (), bearing_deg=bearing,
            )
        )
    for m in _NEAR.finditer(text):
        if m.group("cue2"):
            # "to the left bank": the river is the one the text is about.
            found.append(SpatialExpression(start=m.start(), end=m.end(), text=m.group(),
                                           relation="near"))
            continue
        anchors = (*_spans(m, "anchor"), *_names(m, "more"))
        is_border = bool(_IS_BORDER.search(m.group("anchor")))
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(),
                relation="border_zone" if is_border else "near", anchors=anchors,
                border=is_border,
                qualifier=_border_qualifier(m.group("anchor")) if is_border else "",
            )
        )
    for m in _IN_REGION.finditer(text):
        anchors = (*_spans(m, "anchor"), *_names(m, "more"))
        part = (m.group("part") or "").strip().lower().replace("ern", "")
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="in_region",
                anchors=anchors, qualifier=part.upper() if part else "",
            )
        )
    for m in _NAMED_REGION.finditer(text):
        if m.group("cue") is None and not m.group(0).lower().startswith(("the ", "that ")):
            continue  # a bare "Kursk Oblast" is a toponym, not an expression
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="in_region",
                anchors=(_span(m, "anchor") or (m.start(), m.end()),),
            )
        )
    for m in _PART_OF.finditer(text):
        anchor = _span(m, "anchor") or _span(m, "owner")
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="in_region",
                anchors=(anchor,) if anchor else (),
                qualifier=PART_LETTERS.get(m.group("part").lower(), ""),
            )
        )
    for m in _DEEP.finditer(text):
        if _IS_BORDER.search(m.group("anchor")):
            continue  # "across LoC" is a border zone
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="in_region",
                anchors=(_span(m, "anchor") or (m.start(), m.end()),),
            )
        )
    for m in _BORDER_ZONE.finditer(text):
        group = next(g for g in ("anchor", "anchor2", "anchor3", "anchor4") if m.group(g))
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="border_zone",
                anchors=(_span(m, group) or (m.start(), m.end()),), border=True,
                qualifier=_border_qualifier(m.group(group)),
            )
        )
    for m in _BARE_DISTANCE.finditer(text):
        number, unit = (m.group("num"), m.group("unit")) if m.group("num") else \
            (m.group("num2"), m.group("unit2"))
        dist = parse_number(number) * unit_metres(unit)
        bearing = BEARINGS.get((m.group("dir") or "").lower().replace(" ", ""))
        found.append(SpatialExpression(
            start=m.start(), end=m.end(), text=m.group(),
            relation="direction_from" if bearing is not None else "distance_from",
            anchors=_spans(m, "region"),  # "10 km deep into Kursk": the side and the clip
            distance_m=dist, bearing_deg=bearing, border=bool(m.group("inland")),
            hedge="max" if m.group("radius") and "radius" in m.group("radius")
            else HEDGES.get((m.group("hedge") or "").lower(), ""),
        ))
    for m in _ADMIN_BOUNDARY.finditer(text):
        found.append(SpatialExpression(
            start=m.start(), end=m.end(), text=m.group(), relation="border_zone",
            anchors=(*_spans(m, "anchor"), *_names(m, "more")), border=True,
            qualifier=ADMINISTRATIVE,
        ))
    for m in _ACROSS_FROM.finditer(text):
        found.append(SpatialExpression(
            start=m.start(), end=m.end(), text=m.group(), relation="border_zone",
            anchors=_spans(m, "anchor"), border=True, qualifier=ACROSS,
        ))
    for m in _RELATIVE_DISTANCE.finditer(text):
        found.append(SpatialExpression(
            start=m.start(), end=m.end(), text=m.group(), relation="distance_from",
            distance_m=parse_number(m.group("num")) * unit_metres(m.group("unit")),
            hedge=HEDGES.get((m.group("hedge") or "").lower(), ""), relative=True,
        ))
    for m in _ANAPHORIC_REGION.finditer(text):
        word = (m.group("part") or "").lower()
        found.append(SpatialExpression(
            start=m.start(), end=m.end(), text=m.group(), relation="in_region",
            anchors=(_span(m, "anchor") or (m.start(), m.end()),),
            qualifier=PART_LETTERS.get(word, ""),
        ))
    for m in _BETWEEN.finditer(text):
        anchors = _spans(m, "anchor", "anchor2", "anchor3", "anchor4")
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="between",
                anchors=anchors,
            )
        )
    return _non_overlapping(found)


_LIST_NAME = re.compile(_NAME)
_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]{3}")


def _cyrillic_expressions(text: str, places: Sequence[PlaceSpan]) -> list[SpatialExpression]:
    """The expressions of a Russian or Ukrainian text
    (:mod:`geoclaims.text.spatial_cyrillic`), as :class:`SpatialExpression`."""
    from geoclaims.text.lang import detect_language
    from geoclaims.text.spatial_cyrillic import find_cyrillic_expressions

    return [
        SpatialExpression(
            start=e.start, end=e.end, text=text[e.start:e.end],
            relation=e.relation,  # type: ignore[arg-type]
            anchors=e.anchors, distance_m=e.distance_m, hedge=e.hedge,
            bearing_deg=e.bearing_deg, qualifier=e.qualifier, border=e.border,
        )
        for e in find_cyrillic_expressions(text, places, detect_language(text))
    ]


def _spans(m: re.Match[str], *groups: str) -> tuple[tuple[int, int], ...]:
    """Spans of the groups that matched."""
    return tuple((m.start(g), m.end(g)) for g in groups if m.group(g) is not None)


def _names(m: re.Match[str], group: str) -> list[tuple[int, int]]:
    """Spans of the names of a list continuation (", Bay and Bakool")."""
    if not m.group(group):
        return []
    base = m.start(group)
    return [(base + n.start(), base + n.end()) for n in _LIST_NAME.finditer(m.group(group))]


def _border_qualifier(anchor: str) -> str:
    """``"the Ukrainian border"`` -> ``"Ukrainian"``; ``"the border"`` -> ``""``; a named
    line (``named_borders``) -> its two countries, ``"the Line of Control"`` -> ``"IN-PK"``.
    """
    named = NAMED_BORDERS.get(re.sub(r"^the\s+", "", " ".join(anchor.lower().split())))
    if named:
        return named
    words = re.findall(r"[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)?", anchor)
    return words[0] if words else ""


def _non_overlapping(found: list[SpatialExpression]) -> list[SpatialExpression]:
    """Keep the longest of overlapping expressions (a distance beats a bare border)."""
    found.sort(key=lambda e: (-(e.end - e.start), e.start))
    starts: list[int] = []  # the kept expressions, sorted by start; they never overlap
    kept: list[SpatialExpression] = []
    for e in found:
        i = bisect.bisect_left(starts, e.start)
        if i < len(kept) and kept[i].start < e.end:
            continue  # overlaps the next kept one
        if i > 0 and kept[i - 1].end > e.start:
            continue  # overlaps the one before
        starts.insert(i, e.start)
        kept.insert(i, e)
    return kept
