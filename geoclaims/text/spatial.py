"""Spatial expressions in text: "7 km from the border", "near X", "30 km north of X".

Pure text processing: the expressions carry the spans of their anchors ("the border",
"Donetsk"); linking anchors to resolved places and building geometry happens in
:mod:`geoclaims.geometry.footprints`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from geoclaims.text import lexicon

Relation = Literal[
    "distance_from", "direction_from", "near", "in_region", "border_zone", "between"
]

#: Metres per unit.
UNITS_M = dict(lexicon.numbers("distance_units"))
#: Number words of a distance and the value they are read as ("a few km" = 3 km).
NUMBER_WORDS = {**lexicon.numbers("cardinals"), **lexicon.numbers("distance_number_words")}
#: Compass words -> bearing in degrees clockwise from north.
BEARINGS = dict(lexicon.numbers("bearings"))
#: Hedges before a distance and what they make of it (see footprint rules).
HEDGES = dict(lexicon.table("distance_hedges"))

_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{lexicon.alternation(NUMBER_WORDS)})"
_UNIT = rf"(?:{lexicon.alternation(UNITS_M)})\b"
_HEDGE = lexicon.alternation(HEDGES)
_DIR = (
    r"(?:north-?east|north-?west|south-?east|south-?west|north|south|east|west|"
    r"NNE|ENE|ESE|SSE|SSW|WSW|WNW|NNW|NE|NW|SE|SW|N|S|E|W)"
)
# An anchor: "the border", "the Ukrainian border", "the city's outskirts", a name.
_WORD = r"[A-ZА-ЯЁЇІЄҐ][\w'’-]*(?:\.[\w'’-]+)*"
_NAME = rf"{_WORD}(?:\s+(?:of\s+|de\s+)?{_WORD}){{0,3}}"
_BORDER = (
    r"(?:the\s+)?(?:(?:[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)?)\s+)?(?:state\s+|national\s+)?"
    r"(?:border|frontier|front\s*line|frontline)"
)


def _anchor(group: str) -> str:
    return (
        rf"(?P<{group}>{_BORDER}|(?:the\s+)?(?:city|town|village|settlement)(?:'s|’s)?\s+"
        rf"(?:of\s+{_NAME}|outskirts|centre|center)|(?:the\s+)?{_NAME})"
    )


_ANCHOR = _anchor("anchor")

_DISTANCE = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?P<num>{_NUM})(?:\s*(?:-|–|to)\s*(?P<num2>{_NUM}))?"
    rf"[\s-]*(?P<unit>{_UNIT})(?:\s*\([^)]{{0,40}}\))?"
    rf"(?:\s+(?P<dir>{_DIR})(?=\s+of\b))?"
    rf"\s+(?:away\s+)?(?:from|of|off|outside|inside)\s+{_ANCHOR}",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    rf"\b(?P<dir>{_DIR})\s+of\s+{_ANCHOR}"
    rf"|\bfrom\s+the\s+(?P<dir2>north|south|east|west|north-?east|north-?west|"
    rf"south-?east|south-?west)\b"
    rf"|\b(?:along\s+|on\s+)?(?:its|the)\s+(?P<dir3>northern|southern|eastern|western)"
    rf"\s+(?:outskirts|edge|flank|approaches)(?:\s+of\s+{_anchor('anchor3')})?",
)
_NEAR = re.compile(
    r"\b(?P<cue>near|close\s+to|outside|(?:on\s+)?the\s+outskirts\s+of|in\s+the\s+vicinity\s+of|"
    r"on\s+the\s+approaches\s+to|in\s+and\s+around|on\s+the\s+banks\s+of|not\s+far\s+from)\s+"
    rf"(?!\d)(?:the\s+(?:city|town|village|settlement)\s+of\s+)?{_ANCHOR}"
    rf"(?:\s+and\s+(?P<anchor2>{_NAME}))?",
)
_REGION_WORDS = rf"(?:{lexicon.alternation(lexicon.phrases('region_words'))})"
_IN_REGION = re.compile(
    r"\b(?P<cue>in|into|across|inside|within|throughout|to|deep\s+within|deep\s+inside|"
    r"on\s+the\s+territory\s+of)\s+(?:the\s+|that\s+)?"
    r"(?:(?P<owner>[A-Z][\w]*(?:'s|’s))\s+)?"
    r"(?P<part>(?:south|north|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    rf"(?P<anchor>{_NAME})(?:\s+(?:and|,)\s+(?P<anchor2>{_NAME}))?"
    rf"(?:\s+(?:administrative\s+)?(?P<word>{_REGION_WORDS})\b)",
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
    r"\b(?P<cue>along|near|close\s+to|on|at|across|by|blocked\s+by)\s+"
    r"(?P<anchor>(?:the|its)\s+(?:[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)?\s+)?"
    r"(?:state\s+)?border)\b"
    r"|\b(?P<anchor2>border\s+(?:areas?|regions?|zones?|villages?|districts?))\b"
    r"|\b(?P<anchor3>cross-border)\b",
)
_BETWEEN = re.compile(rf"\bbetween\s+(?P<anchor>{_NAME})\s+and\s+(?P<anchor2>{_NAME})")


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
    #: Why no footprint can be built, when the phrase itself says so.
    problems: tuple[str, ...] = field(default=())


def parse_number(text: str) -> float:
    """``"7"`` -> 7.0, ``"1,500"`` -> 1500.0, ``"seven"`` -> 7.0.

    Examples
    --------
    >>> parse_number("1,500"), parse_number("seven"), parse_number("2.5")
    (1500.0, 7.0, 2.5)
    """
    t = text.strip().lower()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
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


def find_spatial_expressions(text: str) -> list[SpatialExpression]:
    """Find spatial expressions in ``text``, non-overlapping, in text order.

    Examples
    --------
    >>> [e.relation for e in find_spatial_expressions(
    ...     "They fled around 7 kilometers (4 miles) from the border near Sudzha.")]
    ['distance_from', 'near']
    >>> e = find_spatial_expressions("Shelling hit villages 30 km north-east of Pokrovsk.")[0]
    >>> e.distance_m, e.bearing_deg, e.text
    (30000.0, 45.0, '30 km north-east of Pokrovsk')
    """
    found: list[SpatialExpression] = []
    for m in _DISTANCE.finditer(text):
        num = parse_number(m.group("num"))
        if m.start("num") > 0 and text[m.start("num") - 1] in "-−" and (
            m.start("num") < 2 or not text[m.start("num") - 2].isalnum()
        ):
            num = -num  # "-5 km": kept, and rejected with a reason when building
        scale = unit_metres(m.group("unit"))
        hi = parse_number(m.group("num2")) * scale if m.group("num2") else None
        anchor = _span(m, "anchor")
        is_border = bool(re.search(r"border|frontier|front\s*line|frontline", m.group("anchor"),
                                   re.I))
        bearing = BEARINGS.get((m.group("dir") or "").lower().replace(" ", ""))
        start = m.start() - 1 if num < 0 and not m.group("hedge") else m.start()
        found.append(
            SpatialExpression(
                start=start, end=m.end(), text=text[start : m.end()],
                relation="direction_from" if bearing is not None else "distance_from",
                anchors=(anchor,) if anchor else (), distance_m=num * scale,
                distance_max_m=hi, hedge=HEDGES.get((m.group("hedge") or "").lower(), ""),
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
                problems=() if anchor else ("direction without a named anchor",),
            )
        )
    for m in _NEAR.finditer(text):
        anchors = tuple(s for s in (_span(m, "anchor"), _span(m, "anchor2")) if s)
        is_border = bool(re.search(r"\bborder\b", m.group("anchor"), re.I))
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(),
                relation="border_zone" if is_border else "near", anchors=anchors,
                border=is_border,
                qualifier=_border_qualifier(m.group("anchor")) if is_border else "",
            )
        )
    for m in _IN_REGION.finditer(text):
        anchors = tuple(s for s in (_span(m, "anchor"), _span(m, "anchor2")) if s)
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
        part = m.group("part").lower().replace("ern", "").replace("-", "")
        anchor = _span(m, "anchor") or _span(m, "owner")
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="in_region",
                anchors=(anchor,) if anchor else (),
                qualifier={"north": "N", "south": "S", "east": "E", "west": "W",
                           "northeast": "NE", "northwest": "NW", "southeast": "SE",
                           "southwest": "SW"}.get(part, ""),
            )
        )
    for m in _DEEP.finditer(text):
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="in_region",
                anchors=(_span(m, "anchor") or (m.start(), m.end()),),
            )
        )
    for m in _BORDER_ZONE.finditer(text):
        group = next(g for g in ("anchor", "anchor2", "anchor3") if m.group(g))
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="border_zone",
                anchors=(_span(m, group) or (m.start(), m.end()),), border=True,
                qualifier=_border_qualifier(m.group(group)),
            )
        )
    for m in _BETWEEN.finditer(text):
        anchors = tuple(s for s in (_span(m, "anchor"), _span(m, "anchor2")) if s)
        found.append(
            SpatialExpression(
                start=m.start(), end=m.end(), text=m.group(), relation="between",
                anchors=anchors,
            )
        )
    return _non_overlapping(found)


def _border_qualifier(anchor: str) -> str:
    """``"the Ukrainian border"`` -> ``"Ukrainian"``; ``"the border"`` -> ``""``."""
    words = re.findall(r"[A-Z][\w'’]*(?:[-–][A-Z][\w'’]*)?", anchor)
    return words[0] if words else ""


def _non_overlapping(found: list[SpatialExpression]) -> list[SpatialExpression]:
    """Keep the longest of overlapping expressions (a distance beats a bare border)."""
    found.sort(key=lambda e: (-(e.end - e.start), e.start))
    kept: list[SpatialExpression] = []
    for e in found:
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start)
