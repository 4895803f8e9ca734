"""Spatial expressions found from the place names of a text: "in Ukraine", "in occupied
southern Ukraine", "in Hiraan, Bay and Bakool regions", "on Russian territory".

:mod:`geoclaims.text.spatial` finds the phrases whose own words say they are spatial
("30 km north of X", "near X", "in the X region"). Containment in a country or region
("in Lebanon", "deep into Kursk") has no such word: what makes it spatial is the kind
of place named, which only the geoparser knows. So this pass takes the document's
place mentions as :class:`PlaceSpan` (offsets and a coarse kind) and reads the words
around each run of them, by the rules of :data:`RULES`:

``containment``
    a cue of ``containment_cues`` ("in", "deep into", "on the territory of"), then
    optional determiners, owners ("Russia's"), descriptions (``region_premodifiers``,
    "Russian-controlled") and a part ("southern", "the north of", "the western part
    of"; ``part_words``), then a run of places joined by commas and "and", then an
    optional region word ("regions", "province"). A cue of strength ``part`` ("on",
    "to") counts only with a part or a region word.
``parts_of``
    "parts of Somalia", "other parts of Gaza": a containment without a cue.
``part_without_cue``
    "eastern Afghanistan": a part word right before a country or region.
``territory_of_adjective``
    "on Russian territory", "deeper into Lebanese territory": the anchor is the
    adjective; the footprint step reads it as its country.

What the place is decides the relation (the guideline, ``news_dev.GUIDELINES.md``):
a country, region or water body is ``in_region``; a town is not annotated ("in
<town>") unless a part or a region word follows: "in the Pokrovsk area" is ``near``
(``area_words``; so is "in the Nowshera area" of a district), "in the Graivoron
district" is ``in_region``; an unresolved name
counts only with a region word; "on/off/along the Black Sea" is ``near``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from geoclaims.text import lexicon

__all__ = ["PART_LETTERS", "RULES", "PlaceKind", "PlaceSpan", "anchored_expressions"]

#: What the geoparser made of a mention, as far as spatial phrasing cares.
PlaceKind = Literal["settlement", "district", "region", "water", "unresolved"]

#: Names of the rules of this pass, with what each recognises (see the module doc).
RULES: dict[str, str] = {
    "containment": "'in Ukraine', 'in occupied southern Ukraine', 'in Bay and Bakool regions'",
    "parts_of": "'parts of Somalia', 'other parts of Gaza'",
    "part_without_cue": "'eastern Afghanistan'",
    "territory_of_adjective": "'on Russian territory', 'deeper into Lebanese territory'",
}


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place mention: offsets (end exclusive) and what kind of place it names."""

    start: int
    end: int
    kind: PlaceKind


_CUES = lexicon.table("containment_cues")
_PARTS = lexicon.table("part_words")
#: Part words and the part they name ("northern" -> "N", "central" -> "C").
PART_LETTERS = _PARTS
_PREMODS = lexicon.words("region_premodifiers")
_REGION_WORDS = lexicon.words("region_words")
_AREA_WORDS = lexicon.words("area_words")


def _ws(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


_CUE = "|".join(sorted((_ws(c) for c in _CUES), key=len, reverse=True))
_PART = "|".join(sorted((re.escape(p) for p in _PARTS), key=len, reverse=True))
_PREMOD = "|".join(sorted((re.escape(p) for p in _PREMODS), key=len, reverse=True))
_OWNER = r"(?:[A-Z][\w.’'-]*|the\s+country|the\s+region)(?:'s|’s)"
_MOD = (
    rf"(?:{_OWNER}|(?i:{_PART})|(?i:{_PREMOD})|[\w]+-(?:controlled|held|occupied|backed|run)"
    r"|[A-Z][a-z]+(?:an|ian|ese|i|ish)(?=\s))"
)
# What may stand between a cue and the first place, read backwards from the place:
# "the", modifiers, and "the north of" / "the western part of" / "parts of".
_BEFORE = re.compile(
    rf"(?:\b(?P<cue>(?i:{_CUE}))\s+)?"
    r"(?:(?i:the|that|this)\s+)?"
    rf"(?P<mods>(?:{_MOD}\s+){{0,4}})"
    rf"(?:(?:the\s+)?(?P<pw>(?i:{_PART}))\s+(?:(?:part|parts|half|reaches)\s+)?of\s+"
    r"(?:the\s+)?|(?P<parts>(?i:(?:other\s+)?parts))\s+of\s+(?:the\s+)?)?"
    r"#?\Z",
)
_JOIN = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?#?|\s+(?:and|or|&)\s+#?")
_AFTER = re.compile(r"\s+(?:administrative\s+)?(?P<word>[a-z]+)\b")
_POSSESSIVE = re.compile(r"['’]s?\b")
_OWNED_PART = re.compile(
    rf"['’]s\s+(?P<part>(?i:{_PART}))\s+(?P<word>[a-z]+)\b(?!\s+of\b)"
)
_ADJECTIVE_TERRITORY = re.compile(
    rf"\b(?P<cue>(?i:{_CUE}))\s+(?:the\s+)?(?P<anchor>[A-Z][\w’'-]+)\s+"
    r"(?:territory|territories|soil|airspace|waters)\b",
)
#: How far back (characters) the words before a place are read.
LOOKBACK = 160


def _runs(text: str, places: Sequence[PlaceSpan]) -> list[list[PlaceSpan]]:
    """Places joined by commas and "and" ("Hiraan, Bay and Bakool"), in text order."""
    runs: list[list[PlaceSpan]] = []
    for p in sorted(places, key=lambda p: p.start):
        if runs and runs[-1][-1].end <= p.start \
                and _JOIN.fullmatch(text, runs[-1][-1].end, p.start):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _part(words: str) -> str:
    found = [_PARTS[w.lower()] for w in re.findall(r"[\w-]+", words) if w.lower() in _PARTS]
    return found[-1] if found else ""


def _relation(run: Sequence[PlaceSpan], cue: str, word: str, part: str) -> str | None:
    """The relation of a containment phrase, or None when it is no expression."""
    kinds = {p.kind for p in run}
    strong = _CUES.get(" ".join(cue.lower().split()), "any") == "any" if cue else True
    if "water" in kinds:
        return "near" if cue.lower() in ("on", "off", "along", "around") else "in_region"
    if word in _AREA_WORDS and not part and kinds <= {"settlement", "unresolved", "district"}:
        return "near"  # "in the Pokrovsk area", "in the Nowshera sector"
    kinds = {"region" if k == "district" else k for k in kinds}
    if kinds <= {"settlement", "unresolved"}:
        if word in ("region", "regions") and "unresolved" not in kinds and not part:
            return "near"  # "in the Pokrovsk region": the town's surroundings
        if word or (part and "unresolved" not in kinds):
            return "in_region"
        return None
    if not strong and not (part or word):
        return None
    return "in_region"


def _containment(text: str, run: Sequence[PlaceSpan]) -> SpatialExpressionArgs | None:
    first, last = run[0], run[-1]
    window = max(0, first.start - LOOKBACK)
    m = _BEFORE.search(text, window, first.start)
    if m is None:
        return None
    cue = m.group("cue") or ""
    part = _PARTS.get((m.group("pw") or "").lower(), "") or _part(m.group("mods") or "")
    if not cue and not m.group("parts") and not part:
        return None
    end = last.end
    word = ""
    owner = _OWNED_PART.match(text, end)
    if owner and owner.group("word") not in _REGION_WORDS:
        owner = None  # "in Russia's western allies"
    if owner:
        # "in Myanmar's western-most state": a part of the owner.
        part = part or _PARTS.get(owner.group("part").lower(), "")
        end = owner.end()
        word = owner.group("word")
    elif _POSSESSIVE.match(text, end):
        return None  # "in Russia's Kursk region", "sources in Ukraine's intelligence"
    after = None if word else _AFTER.match(text, end)
    if after and (after.group("word") in _REGION_WORDS or after.group("word") in _AREA_WORDS):
        word, end = after.group("word"), after.end()
    relation = _relation(run, cue, word, part)
    if relation is None:
        return None
    if not cue and not m.group("parts") and not {p.kind for p in run} & {"region"}:
        return None  # "eastern Afghanistan" only for a region or a country
    start = m.start() if (cue or m.group("parts")) else m.start("mods")
    if m.group("pw") and not m.group("mods") and not cue:
        start = m.start("pw")
    rule = "containment" if cue else "parts_of" if m.group("parts") else "part_without_cue"
    return SpatialExpressionArgs(start=start, end=end, relation=relation,
                                 anchors=tuple((p.start, p.end) for p in run),
                                 qualifier=part, rule=rule)


@dataclass(frozen=True, slots=True)
class SpatialExpressionArgs:
    """What this pass found; :mod:`geoclaims.text.spatial` makes the expression."""

    start: int
    end: int
    relation: str
    anchors: tuple[tuple[int, int], ...]
    qualifier: str
    rule: str


def anchored_expressions(text: str, places: Sequence[PlaceSpan]) -> list[SpatialExpressionArgs]:
    """Containment phrases around the place mentions of ``text`` (see the module doc).

    Examples
    --------
    >>> text = "Strikes in occupied southern Ukraine and in Hiraan, Bay and Bakool regions."
    >>> spans = [PlaceSpan(text.index(n), text.index(n) + len(n), "region")
    ...          for n in ("Ukraine", "Hiraan", "Bay", "Bakool")]
    >>> [(text[a.start:a.end], a.relation, a.qualifier)
    ...  for a in anchored_expressions(text, spans)]
    [('in occupied southern Ukraine', 'in_region', 'S'), ('in Hiraan, Bay and Bakool regions', \
'in_region', '')]
    """
    found = [a for run in _runs(text, places) if (a := _containment(text, run)) is not None]
    for m in _ADJECTIVE_TERRITORY.finditer(text):
        found.append(SpatialExpressionArgs(
            start=m.start(), end=m.end(), relation="in_region",
            anchors=((m.start("anchor"), m.end("anchor")),), qualifier="",
            rule="territory_of_adjective"))
    return found
