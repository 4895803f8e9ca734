"""Spatial expressions in Russian and Ukrainian text, over the document's place mentions.

The same relations as English (:mod:`geoclaims.text.spatial`), found by the named rules
of :data:`RULES` from the words around the place mentions the Cyrillic recogniser
found (:class:`~geoclaims.text.spatial_places.PlaceSpan`). Case forms are read through
lemmas (:func:`geoclaims.text.morph.analyse`): "области", "районе", "границы",
"кордону", "километрах", "окраинах" are known by their dictionary forms, so one lexicon
line covers every case. Every word list is a lexicon file (``mul/cyrillic_*``).

``containment``
    a cue of ``cyrillic_spatial_cues`` of kind ``in`` ("в", "у", "на", "вглубь"), an
    optional "территории", modifiers, a run of places ("в Бахмутском и
    Торецком районах"), an optional generic noun ("области", "району"). A country,
    region or district is ``in_region``; a town only with a district noun ("в
    Суджанском районе"); "на X направлении" is ``near`` (a front sector).
``genitive_region``
    a region right after a town or "населённые пункты", with no cue: "Суджи Курской
    области", "м. Вовчанськ Чугуївського району" (``in_region``, as the guideline
    annotates the genitive attribute).
``near``
    a cue of kind ``near`` ("возле", "под", "поблизу"), or "в районе", "в
    окрестностях", "на окраинах", "на околицях", then a settlement noun or not, then
    places ("под Рыльском", "в районах Варваровки, Сафоновки").
``direction``
    "к югу от X", "южнее X", "на северо-запад от X", "на південь від X", "на
    північних околицях X"; X a place or a border.
``distance``
    "в 30 километрах от города Рыльска", "за 25 км від кордону", "приблизно за 7
    кілометрів на північ від кордону", number words included ("двух").
``depth``
    "на 12 км вглубь региона": a band from the border inland.
``border``
    "вдоль границы", "біля лінії кордону", "прорвали границу", "через кордон X",
    "межують з X", "біля адмінмежі з X" (an administrative boundary).
``anaphora``
    a cue and a place noun with no name after it: "в различных частях региона", "в
    этом районе", "на окраинах города", "возле них". No anchor: the footprint step
    takes the best container the text gives (the document's region, the town just
    named).
``river``
    "на правом берегу Днепра", "через річку Судость": ``near`` the river, anchored at
    its name (the footprint step falls back to a container when the gazetteer lacks it).
``advance``
    a distance advanced or a front's width with no place named: "продвинулись на шесть
    километров от центра города", "прошли около двух километров", "на 40 км по фронту"
    (``distance_from``; the container gives the anchor).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geoclaims.text import lexicon
from geoclaims.text.spatial_places import PlaceSpan

__all__ = ["RULES", "country_of_cyrillic_word", "find_cyrillic_expressions"]

#: Names of the rules of this pass, with an example of each (see the module doc).
RULES: dict[str, str] = {
    "containment": "'в Курской области', 'на Сумщині', 'на территорию России'",
    "genitive_region": "'Суджи Курской области', 'Вовчанськ Чугуївського району'",
    "near": "'под Рыльском', 'поблизу Курської АЕС', 'в районах Варваровки'",
    "direction": "'к югу от Суджи', 'на південь від Покровська'",
    "distance": "'в 30 километрах от города Рыльска', 'за 25 км від кордону'",
    "depth": "'на 12 км вглубь региона'",
    "border": "'прорвали границу', 'межують з Курською областю', 'біля адмінмежі з X'",
    "anaphora": "'в различных частях региона', 'в этом районе', 'возле них'",
    "river": "'на правом берегу Днепра', 'через річку Судость'",
    "advance": "'продвинулись на шесть километров', 'на 40 км по фронту'",
}

_CUES = lexicon.table("cyrillic_spatial_cues", "mul")
_BEARING_STEMS = lexicon.table("cyrillic_bearing_stems", "mul")
_UNITS = lexicon.numbers("cyrillic_distance_units", "mul")
_NUMBERS = lexicon.numbers("cyrillic_number_words", "mul")
_HEDGES = lexicon.table("cyrillic_distance_hedges", "mul")
_BORDER_WORDS = lexicon.table("cyrillic_border_words", "mul")
_COUNTRY_ADJECTIVES = lexicon.table("cyrillic_country_adjectives", "mul")
_GENERIC = lexicon.table("cyrillic_generic_nouns", "mul")
_SETTLEMENT_NOUNS = lexicon.words("cyrillic_settlement_nouns", "mul")
_LIST_WORDS = {",", "и", "і", "та", "й", "а", "также"}
#: Bearings of the compass letters the stems combine into.
_BEARING_DEG = {"N": 0.0, "NE": 45.0, "E": 90.0, "SE": 135.0, "S": 180.0, "SW": 225.0,
                "W": 270.0, "NW": 315.0}
#: Nouns of a place's surroundings: "в районе X", "на окраинах X", "на околицях X".
_SURROUNDINGS = {"район": "near", "окрестность": "near", "окраина": "near",
                 "околиця": "near", "околица": "near", "передмістя": "near",
                 "пригород": "near"}
#: "территория"/"територія": "на территории России" is containment in Russia.
_TERRITORY = {"территория", "територія"}
#: Nouns of a town a region's genitive may follow: "населённые пункты Курской области",
#: "районных центра Курской области", "села Курської області".
_TOWN_WORDS = _SETTLEMENT_NOUNS | {"пункт", "центр", "посёлок", "поселок"}
#: Prepositions of "от"/"від" (from), before an anchor of a distance or direction.
_FROM = {"от", "від", "од"}
#: Verbs and prepositions that make a border word a border zone.
_BORDER_CUES = {"вдоль", "уздовж", "вздовж", "біля", "возле", "у", "на", "через", "вблизи",
                "поблизу", "около", "близ", "рядом", "прорвали", "прорвалися", "перешли",
                "пересекли", "перетнули", "перейшли"}
#: Lemmas of "to border on": "межують з X", "граничит с X".
_ADJOIN = {"межувати", "граничить", "граничити", "граничать", "межують", "граничат"}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[\w'’ʼ-]+|[^\w\s]")
#: How many tokens may stand between a cue and its place (modifiers, nouns).
_MAX_GAP = 4


@dataclass(frozen=True, slots=True)
class CyrillicExpression:
    """What this pass found; :func:`geoclaims.text.spatial.find_spatial_expressions`
    makes the :class:`~geoclaims.text.spatial.SpatialExpression`."""

    start: int
    end: int
    relation: str
    rule: str
    anchors: tuple[tuple[int, int], ...] = ()
    distance_m: float | None = None
    hedge: str = ""
    bearing_deg: float | None = None
    qualifier: str = ""
    border: bool = False


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@lru_cache(maxsize=200_000)  # bounded, as text.morph's own cache
def _lemmas(word: str, lang: str) -> frozenset[str]:
    from geoclaims.text.morph import analyse, is_cyrillic_word

    if not is_cyrillic_word(word):
        return frozenset({word})
    return frozenset({word, *analyse(word, lang).lemmas})


def _bearing(word: str) -> float | None:
    """The bearing a compass word gives ("северо-западнее" -> 315), or None."""
    found: dict[str, int] = {}
    for stem, letter in _BEARING_STEMS.items():
        at = word.find(stem)
        if at >= 0:
            found[letter] = min(at, found.get(letter, at))
    ns = [x for x in "NS" if x in found]
    ew = [x for x in "EW" if x in found]
    if len(ns) > 1 or len(ew) > 1 or not (ns or ew):
        return None
    return _BEARING_DEG.get("".join(ns + ew))


def _number(word: str) -> float | None:
    if word in _NUMBERS:
        return float(_NUMBERS[word])
    try:
        return float(word.replace(",", "."))
    except ValueError:
        return None


def _unit(word: str) -> float | None:
    for stem, metres in sorted(_UNITS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return float(metres)
    return None


class _Scan:
    """The tokens of one text with its place mentions, for the rules to read."""

    def __init__(self, text: str, places: Sequence[PlaceSpan], lang: str) -> None:
        self.text = text
        self.lang = lang
        self.toks = [_Tok(m.start(), m.end(), m.group(), m.group().lower())
                     for m in _TOKEN.finditer(text)]
        self.by_start = {t.start: i for i, t in enumerate(self.toks)}
        # Token index -> the place mention starting there (and where it ends).
        self.place_at: dict[int, tuple[int, PlaceSpan]] = {}
        ends = {t.end: i for i, t in enumerate(self.toks)}
        #: Token index -> the place mention ending there.
        self.place_ending: dict[int, PlaceSpan] = {}
        for p in places:
            i, j = self.by_start.get(p.start), ends.get(p.end)
            if i is not None and j is not None:
                self.place_at[i] = (j, p)
                self.place_ending[j] = p

    def lemmas(self, i: int) -> frozenset[str]:
        return _lemmas(self.toks[i].low, self.lang) if 0 <= i < len(self.toks) else frozenset()

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def run(self, i: int) -> tuple[int, list[PlaceSpan]] | None:
        """Places joined by commas and "и"/"і"/"та" from token ``i``: (last token, places)."""
        if i not in self.place_at:
            return None
        j, p = self.place_at[i]
        found = [p]
        k = j + 1
        while True:
            m = k
            while self.low(m) in _LIST_WORDS and m < k + 2:
                m += 1
            if m > k and m in self.place_at:
                j, p = self.place_at[m]
                found.append(p)
                k = j + 1
                continue
            return k - 1, found

    def generic(self, i: int) -> str:
        """The kind of the generic noun at token ``i`` ("области" -> "region"), or ""."""
        return next((_GENERIC[w] for w in self.lemmas(i) if w in _GENERIC), "")

    def border(self, i: int) -> str:
        """The kind of the border word at token ``i`` ("границы" -> "state"), or ""."""
        low = self.low(i)
        if low.startswith(("адмінмеж", "админграниц")):
            return "administrative"
        return next((_BORDER_WORDS[w] for w in self.lemmas(i) if w in _BORDER_WORDS), "")

    def anchor(self, i: int) -> tuple[int, tuple[tuple[int, int], ...], bool, str] | None:
        """The anchor from token ``i``: a place run, after a settlement noun or not,
        or a border (with the adjectives before it): (last token, spans, border,
        qualifier)."""
        k = i
        while k < i + 2 and (self.lemmas(k) & _SETTLEMENT_NOUNS or self.low(k) in ("м", ".")):
            k += 1
        run = self.run(k)
        if run is not None:
            return run[0], tuple((p.start, p.end) for p in run[1]), False, ""
        k = i
        qualifier = ""
        while k < i + 3 and k < len(self.toks) and not self.border(k):
            qualifier = qualifier or _country_adjective(self.low(k))
            k += 1
        if k < len(self.toks) and self.border(k):
            last = k
            if self.low(k + 1) in ("с", "з", "із") and (run := self.run(k + 2)):
                last = run[0]  # "границы с Украиной"
            return last, ((self.toks[k].start, self.toks[last].end),), True, qualifier
        return None


def country_of_cyrillic_word(word: str) -> str | None:
    """ISO code of the country a Russian or Ukrainian adjective or name stands for.

    Examples
    --------
    >>> country_of_cyrillic_word("российской"), country_of_cyrillic_word("Росії")
    ('RU', 'RU')
    >>> country_of_cyrillic_word("Курской") is None
    True
    """
    low = word.lower()
    for stem, code in sorted(_COUNTRY_ADJECTIVES.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return code
    return None


def _country_adjective(word: str) -> str:
    """A border qualifier from adjectives: "украинской" -> "UA" (the border with
    Ukraine), "российско-украинского" -> "RU-UA" (both sides)."""
    codes = [c for part in word.split("-") if (c := country_of_cyrillic_word(part))]
    return "-".join(dict.fromkeys(codes))


def _is_adjective(s: _Scan, i: int) -> bool:
    from geoclaims.text.morph import analyse, is_cyrillic_word

    word = s.low(i)
    return bool(word) and is_cyrillic_word(word) and analyse(word, s.lang).is_adjective


def _containment(s: _Scan, i: int) -> CyrillicExpression | None:
    cue = s.low(i)
    if _CUES.get(cue) != "in":
        return None
    k = i + 1
    territory = False
    while k <= i + _MAX_GAP and k not in s.place_at:
        lem = s.lemmas(k)
        if lem & _TERRITORY:
            territory = True
        elif s.low(k) in _LIST_WORDS or not s.toks[k].text[:1].islower() \
                or s.generic(k) or lem & _SURROUNDINGS.keys() or s.border(k):
            return _territory(s, i) if territory else None
        k += 1
    run = s.run(k)
    if run is None:
        return _territory(s, i)
    last, spans = run
    kinds = {p.kind for p in spans}
    noun = s.generic(last + 1)
    end = last + 1 if noun else last
    if noun == "attribute" and s.lemmas(last + 1) & {"направление", "напрямок", "напрям"}:
        relation = "near"  # "на Курском направлении": a front sector
    elif kinds & {"region", "water"} or noun in ("region", "district") or territory:
        relation = "in_region"
    elif kinds <= {"district"}:
        relation = "in_region"
    else:
        return None  # "в Судже": in a town, not annotated
    return CyrillicExpression(
        start=s.toks[i].start, end=s.toks[end].end, relation=relation, rule="containment",
        anchors=tuple((p.start, p.end) for p in spans))


def _territory(s: _Scan, i: int) -> CyrillicExpression | None:
    """"вглубь российской территории", "на території Росії": a country's territory,
    anchored at the adjective or the name (the footprint step reads its country)."""
    k = i + 1
    adjective = None
    if country_of_cyrillic_word(s.low(k)):
        adjective, k = k, k + 1
    if not s.lemmas(k) & _TERRITORY:
        return None
    anchor = adjective
    if anchor is None and k + 1 < len(s.toks) and country_of_cyrillic_word(s.low(k + 1)) \
            and s.toks[k + 1].text[:1].isupper():
        anchor = k + 1
    if anchor is None:
        return None
    end = max(k, anchor)
    if end + 1 < len(s.toks) and anchor == k + 1 and s.lemmas(end + 1) & {"федерация",
                                                                          "федерація"}:
        end += 1
    return CyrillicExpression(
        start=s.toks[i].start, end=s.toks[end].end, relation="in_region", rule="containment",
        anchors=((s.toks[anchor].start, s.toks[anchor].end),))


def _genitive_region(s: _Scan, i: int) -> CyrillicExpression | None:
    if i not in s.place_at or i == 0:
        return None
    before = i - 1
    if before not in s.place_ending and not (s.lemmas(before) & _TOWN_WORDS):
        return None
    run = s.run(i)
    if run is None:
        return None
    last, spans = run
    noun = s.generic(last + 1)
    if not ({p.kind for p in spans} & {"region"} or noun in ("region", "district")):
        return None
    end = last + 1 if noun in ("region", "district") else last
    return CyrillicExpression(
        start=s.toks[i].start, end=s.toks[end].end, relation="in_region",
        rule="genitive_region", anchors=tuple((p.start, p.end) for p in spans))


def _near(s: _Scan, i: int) -> CyrillicExpression | None:
    cue = s.low(i)
    two = f"{cue} {s.low(i + 1)}"
    three = f"{two} {s.low(i + 2)}"
    k: int | None = None
    if _CUES.get(three) == "near":
        k = i + 3
    elif _CUES.get(two) == "near":
        k = i + 2
    elif _CUES.get(cue) == "near":
        k = i + 1
    elif cue in ("в", "у", "на") and s.lemmas(i + 1) & _SURROUNDINGS.keys():
        if _bearing(s.low(i + 1)) is not None:
            return None
        k = i + 2
    elif s.lemmas(i) & {"окраина", "околиця", "околица", "окрестность"} \
            and s.low(i - 1) not in ("в", "у", "на"):
        k = i + 1  # "окраин рабочего посёлка Коренево", governed by a verb before
    elif cue == "на" and i + 2 < len(s.toks) and s.toks[i + 1].text[:1].islower() \
            and s.lemmas(i + 2) & {"направление", "напрямок", "напрям"} \
            and _is_adjective(s, i + 1):
        # "на курском направлении": a front sector named by a town's adjective
        return CyrillicExpression(
            start=s.toks[i].start, end=s.toks[i + 2].end, relation="near", rule="near",
            anchors=((s.toks[i + 1].start, s.toks[i + 1].end),))
    if k is None:
        return None
    while k < min(i + 4, len(s.toks)) and s.toks[k].text[:1].islower() \
            and _is_adjective(s, k) and not s.lemmas(k) & _SETTLEMENT_NOUNS:
        k += 1  # "рабочего посёлка"
    # "в районах населённых пунктов X": the plural noun of settlements may follow.
    while k < i + 5 and (s.lemmas(k) & ({"населённый", "населенный", "населений", "пункт"}
                                         | _SETTLEMENT_NOUNS) or s.low(k) in ("м", ".")):
        k += 1
    run = s.run(k)
    if run is None:
        return None
    last, spans = run
    end = last + 1 if s.generic(last + 1) == "attribute" else last  # "Курської АЕС"
    return CyrillicExpression(
        start=s.toks[i].start, end=s.toks[end].end, relation="near", rule="near",
        anchors=tuple((p.start, p.end) for p in spans))


def _direction(s: _Scan, i: int) -> CyrillicExpression | None:
    """"к югу от X", "южнее X", "на південь від X", "на північних околицях X"."""
    low = s.low(i)
    start = i
    if low in ("к", "на", "в", "у") and _bearing(s.low(i + 1)) is not None:
        word_at = i + 1
    elif _bearing(low) is not None and low.endswith(("нее", "ніше", "нее,")):
        word_at, start = i, i  # "южнее Покровска", "північніше Куп'янська"
        anchor = s.anchor(i + 1)
        if anchor is None:
            return None
        last, spans, border, qualifier = anchor
        return CyrillicExpression(
            start=s.toks[start].start, end=s.toks[last].end, relation="direction_from",
            rule="direction", anchors=spans, bearing_deg=_bearing(low), border=border,
            qualifier=qualifier)
    else:
        return None
    bearing = _bearing(s.low(word_at))
    k = word_at + 1
    second = _bearing(s.low(k))
    if second is not None and bearing in (0.0, 180.0) and second in (90.0, 270.0):
        # "на південний захід від": two compass words make one bearing
        bearing = _BEARING_DEG[("N" if bearing == 0.0 else "S") + ("E" if second == 90.0 else "W")]
        k += 1
    if s.low(k) in ("и", "і", "та", "й") and _bearing(s.low(k + 1)) is not None:
        k += 2  # "на північних та західних околицях": the first bearing
    if s.lemmas(k) & {"окраина", "околиця", "околица"}:
        k += 1  # "на северо-восточных окраинах Гуляйполя"
    elif s.low(k) in _FROM:
        k += 1
    elif not s.low(word_at).endswith(("нее", "ніше")):
        return None
    anchor = s.anchor(k)
    if anchor is None:
        if any(w in _ANAPHORIC_NOUNS for w in s.lemmas(k)):
            # "на північних околицях міста": the town the text is about
            return CyrillicExpression(
                start=s.toks[start].start, end=s.toks[k].end, relation="direction_from",
                rule="direction", bearing_deg=bearing)
        return None
    last, spans, border, qualifier = anchor
    return CyrillicExpression(
        start=s.toks[start].start, end=s.toks[last].end, relation="direction_from",
        rule="direction", anchors=spans, bearing_deg=bearing, border=border,
        qualifier=qualifier)


def _distance(s: _Scan, i: int) -> CyrillicExpression | None:
    """"в 30 километрах от X", "за 25 км від кордону", "на 12 км вглубь"."""
    start = i
    hedge = ""
    k = i
    if s.low(k) in ("в", "за", "на"):
        k += 1
    two = f"{s.low(k)} {s.low(k + 1)}"
    if two in _HEDGES:
        hedge, k = _HEDGES[two], k + 2
    elif s.low(k) in _HEDGES and _number(s.low(k + 1)) is not None:
        hedge, k = _HEDGES[s.low(k)], k + 1
    num = _number(s.low(k))
    if num is None:
        return None
    if start == i and s.low(i) in _HEDGES and i > 0 and s.low(i - 1) in ("в", "за", "на"):
        return None  # found from the preposition before
    k += 1
    if s.low(k) in ("и", "і", "та", "-", "–") and _number(s.low(k + 1)) is not None:
        k += 2  # "в 25 и 29 километрах": the first figure
    metres = _unit(s.low(k))
    if metres is None:
        return None
    if s.low(k) in ("морских", "морських", "морские", "морські"):
        k += 1
    k += 1
    distance = num * metres
    if s.low(k) in ("вглубь", "вглиб"):
        last = k + 1 if k + 1 < len(s.toks) and s.toks[k + 1].text[:1].isalpha() else k
        anchors: tuple[tuple[int, int], ...] = ()
        if (run := s.run(k + 1)) is not None:
            last, anchors = run[0], tuple((p.start, p.end) for p in run[1])
        return CyrillicExpression(
            start=s.toks[start].start, end=s.toks[last].end, relation="distance_from",
            rule="depth", anchors=anchors, distance_m=distance, hedge=hedge, border=True)
    bearing = None
    if s.low(k) == "на" and _bearing(s.low(k + 1)) is not None:
        bearing, k = _bearing(s.low(k + 1)), k + 2
    if s.low(k) not in _FROM:
        return None
    anchor = s.anchor(k + 1)
    if anchor is None:
        return None
    last, spans, border, qualifier = anchor
    return CyrillicExpression(
        start=s.toks[start].start, end=s.toks[last].end,
        relation="direction_from" if bearing is not None else "distance_from",
        rule="distance", anchors=spans, distance_m=distance, hedge=hedge,
        bearing_deg=bearing, border=border, qualifier=qualifier)


def _border(s: _Scan, i: int) -> CyrillicExpression | None:
    """Border zones: a cue, then "(лінії) кордону"/"границы", or "межують з X"."""
    low = s.low(i)
    if s.lemmas(i) & _ADJOIN or low.startswith(("межу", "гранича")):
        if s.low(i + 1) in ("с", "з", "із", "со") and (run := s.run(i + 2)):
            last, spans = run
            end = last + 1 if s.generic(last + 1) == "region" else last
            return CyrillicExpression(
                start=s.toks[i].start, end=s.toks[end].end, relation="border_zone",
                rule="border", anchors=tuple((p.start, p.end) for p in spans), border=True)
        return None
    if low not in _BORDER_CUES:
        return None
    k = i + 1
    if s.lemmas(k) & {"линия", "лінія", "просто"}:
        k += 1
    kind = s.border(k)
    if not kind:
        return None
    last = k
    anchors: tuple[tuple[int, int], ...] = ((s.toks[k].start, s.toks[k].end),)
    if s.low(k + 1) in ("с", "з", "із", "со") and (run := s.run(k + 2)):
        last = run[0]
        anchors = tuple((p.start, p.end) for p in run[1])
        if s.generic(last + 1) == "region":
            last += 1
    elif (run := s.run(k + 1)) is not None:
        last = run[0]  # "через кордон Чернігівської області"
        if s.generic(last + 1) == "region":
            last += 1
    start = i
    if i > 0 and s.low(i - 1) == "просто":
        start = i - 1
    return CyrillicExpression(
        start=s.toks[start].start, end=s.toks[last].end, relation="border_zone",
        rule="border", anchors=anchors, border=True,
        qualifier="administrative" if kind == "administrative" else "")


#: Lemmas of the place nouns an anaphoric phrase ends in, and the relation it has.
_ANAPHORIC_NOUNS = {"регион": "in_region", "регіон": "in_region", "область": "in_region",
                    "край": "in_region", "район": "near", "город": "near", "місто": "near",
                    "село": "near", "посёлок": "near", "поселок": "near", "селище": "near",
                    "окраина": "near", "околиця": "near", "участок": "near", "ділянка": "near"}
#: Words between a cue and an anaphoric noun: demonstratives and parts.
_ANAPHORIC_FILLERS = {"и", "і", "та", "этом", "этой", "том", "той", "этих", "цьому", "цій",
                      "тому", "тій", "цих", "различных", "різних", "разных", "частях",
                      "части", "частині", "частинах", "всей", "всій", "всего", "самого"}
_PRONOUNS = {"них", "него", "неё", "нее", "нього", "неї"}
_RIVER = {"река", "річка", "ріка"}
_BANK = {"берег"}
#: Verbs of an advance whose distance is a footprint of its own ("продвинулись на 6 км").
_ADVANCE = {"продвинуться", "продвинулись", "пройти", "прошли", "просунутися",
            "просунулися", "пройшли", "углубиться", "углубились", "заглибитися",
            "продвигаться", "просуватися"}


def _anaphora(s: _Scan, i: int) -> CyrillicExpression | None:
    low = s.low(i)
    if _CUES.get(low) is None:
        return None
    k = i + 1
    if _CUES.get(low) == "near" and s.low(k) in _PRONOUNS:
        return CyrillicExpression(start=s.toks[i].start, end=s.toks[k].end, relation="near",
                                  rule="anaphora")
    while k < i + 4 and (s.low(k) in _ANAPHORIC_FILLERS
                         or (s.toks[k].text[:1].islower() and _bearing(s.low(k)) is not None)):
        k += 1
    relation = next((_ANAPHORIC_NOUNS[w] for w in s.lemmas(k) if w in _ANAPHORIC_NOUNS), None)
    has_bearing = any(_bearing(s.low(j)) is not None for j in range(i + 1, k))
    if relation == "near" and _CUES.get(low) == "in" and not has_bearing \
            and not s.lemmas(k) & {"район", "окраина", "околиця", "околица"}:
        return None  # "у місті", "в селе": in a town, not annotated
    if s.lemmas(k) & {"участок", "ділянка"} and not has_bearing:
        return None  # "на цій ділянці": a sector of a front no text places
    named_after = k + 1 < len(s.toks) and s.toks[k + 1].text[:1].isupper()
    if relation is None or k == i or (k + 1) in s.place_at or named_after:
        return None  # "в районе Торецка" is the near rule's
    bearing = next((_bearing(s.low(j)) for j in range(i + 1, k) if _bearing(s.low(j))), None)
    if bearing is not None:
        return CyrillicExpression(start=s.toks[i].start, end=s.toks[k].end,
                                  relation="direction_from", rule="anaphora",
                                  bearing_deg=bearing)
    if _CUES.get(low) == "near":
        relation = "near"
    return CyrillicExpression(start=s.toks[i].start, end=s.toks[k].end, relation=relation,
                              rule="anaphora")


def _river(s: _Scan, i: int) -> CyrillicExpression | None:
    k = i + 1
    if s.low(i) not in ("на", "через", "вдоль", "уздовж", "вздовж", "по", "за", "у", "в"):
        return None
    if s.toks[k].text[:1].islower() and s.lemmas(k + 1) & _BANK:
        k += 2  # "на правом берегу"
    elif s.lemmas(k) & _BANK:
        k += 1
    elif not s.lemmas(k) & _RIVER:
        return None
    if s.lemmas(k) & _RIVER:
        k += 1
    if k >= len(s.toks) or not s.toks[k].text[:1].isupper():
        return None
    run = s.run(k)
    last = run[0] if run is not None else k
    return CyrillicExpression(start=s.toks[i].start, end=s.toks[last].end, relation="near",
                              rule="river", anchors=((s.toks[k].start, s.toks[last].end),))


def _advance(s: _Scan, i: int) -> CyrillicExpression | None:
    if not s.lemmas(i) & _ADVANCE and s.low(i) not in _ADVANCE:
        return None
    k = i + 1
    if s.low(k) in ("на", "за"):
        k += 1
    hedge = _HEDGES.get(s.low(k), "")
    if hedge:
        k += 1
    num = _number(s.low(k))
    metres = _unit(s.low(k + 1)) if num is not None else None
    if num is None or metres is None:
        return None
    last = k + 1
    if s.low(last + 1) in _FROM and (last + 2) not in s.place_at:
        last += 2  # "от центра города": the anchor is the town the text is about
        while last + 1 < len(s.toks) and s.toks[last + 1].text[:1].islower() \
                and s.lemmas(last + 1) & {"город", "місто", "село", "центр"}:
            last += 1
    return CyrillicExpression(start=s.toks[i].start, end=s.toks[last].end,
                              relation="distance_from", rule="advance",
                              distance_m=num * metres, hedge=hedge)


def _front_width(s: _Scan, i: int) -> CyrillicExpression | None:
    """"на 40 км по фронту": a front's width."""
    if s.low(i) != "на" or _number(s.low(i + 1)) is None or _unit(s.low(i + 2)) is None:
        return None
    if s.low(i + 3) != "по" or not s.lemmas(i + 4) & {"фронт"}:
        return None
    distance = (_number(s.low(i + 1)) or 0.0) * (_unit(s.low(i + 2)) or 0.0)
    return CyrillicExpression(start=s.toks[i].start, end=s.toks[i + 4].end,
                              relation="distance_from", rule="advance", distance_m=distance)


_RULE_ORDER = (_distance, _advance, _front_width, _direction, _border, _river, _near,
               _containment, _genitive_region, _anaphora)


def find_cyrillic_expressions(
    text: str, places: Sequence[PlaceSpan], lang: str
) -> list[CyrillicExpression]:
    """Spatial expressions of a Russian (``lang="ru"``) or Ukrainian (``"uk"``) text.

    Every rule is tried at every token (each reads a few tokens ahead), so the pass
    is linear in the text; overlaps are settled by the caller.

    Examples
    --------
    >>> text = "Бои идут в Курской области и под Рыльском."
    >>> places = [PlaceSpan(11, 18, "region"), PlaceSpan(33, 41, "settlement")]
    >>> [(text[e.start:e.end], e.relation) for e in find_cyrillic_expressions(text, places, "ru")]
    [('в Курской области', 'in_region'), ('под Рыльском', 'near')]
    """
    if lang not in ("ru", "uk"):
        return []
    s = _Scan(text, places, lang)
    found = []
    for i in range(len(s.toks)):
        for rule in _RULE_ORDER:
            expression = rule(s, i)
            if expression is not None:
                found.append(expression)
                break
    return found
