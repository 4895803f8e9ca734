"""Counted quantities in text: "up to 3,000 North Korean troops", "hundreds of drones".

Stdlib only, no tagger: the counted noun phrase is read with a stop-word heuristic.

Conventions
-----------
* The span covers the qualifier, the number, its unit and the counted phrase
  ("more than 1,000 Russian casualties per day"); ``counted`` is the noun phrase
  alone ("Russian casualties per day") and ``""`` when none follows ("rose to 3,000").
* ``counted`` takes up to :data:`MAX_COUNTED_WORDS` words after the number and stops
  at punctuation, prepositions, conjunctions, determiners, auxiliaries and common
  verbs, and at ``-ed``/``-ing`` words other than a short list of adjectives
  ("armed", "incoming"); it also ends after its first plural noun, since the word
  after "troops" is more often a verb ("troops remain"). Participles count only
  first ("500 wounded"). A rate keeps its tail: "per day", "a day", "each week".
* "a dozen" is 12 and "exact" unless hedged ("about a dozen").
* Vague plurals mean "at least two of them, fewer than ten": "hundreds of" is
  ``value=200, value_max=900``, "tens of thousands of" is 20,000 to 90,000, "dozens
  of" 24 to 108, all with qualifier "about" unless the text gives another one.
  "a few hundred" is 200 to 500 and "several thousand" 3,000 to 9,000.
* A range ("10,000-12,000", "between 10,000 and 12,000", "two to three thousand")
  sets ``value_max``; the qualifier of a plain range is "exact". After "from"
  ("rose from 3,000 to 5,000") the two numbers stay separate quantities.
* Not quantities of things, so skipped: dates and years (found with
  :func:`geoclaims.text.dates.find_dates`, plus any 1800-2100 not followed by a plural
  noun: "the 2022 invasion"), times ("10:30", "3 p.m."), durations and ages ("three
  days", "19-year-old", "aged 19"), distances, areas, speeds and calibres ("7 km",
  "155mm"), ordinals ("47th"), model names ("T-72", "Su-34") and identifiers
  ("Article 5", "Resolution 2231"). A bare "one" is skipped ("one of them"). An age
  written as "Ivan, 19, of Kursk" has no unit to tell it apart from a count and is
  kept with ``counted=""``.
* Kept with a unit: percentages (``"%"``), money (``"$"``, ``"€"``, ``"£"``) and
  weights (``"t"``, ``"kg"``); "40% of buildings" counts "buildings".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple, cast

from geoclaims.text import lexicon
from geoclaims.text.dates import MONTHS, WEEKDAYS, find_dates

Qualifier = Literal[
    "exact", "up to", "more than", "about", "at least", "at most", "less than", "nearly"
]
_QUALIFIER_VALUES = (
    "exact", "up to", "more than", "about", "at least", "at most", "less than", "nearly"
)  # fmt: skip

#: Most words read into ``counted`` before a rate tail ("per day").
MAX_COUNTED_WORDS = 5

#: Words before a number and the qualifier they mean.
QUALIFIERS: dict[str, Qualifier] = {
    words: cast(Qualifier, qualifier)
    for words, qualifier in lexicon.table("qualifiers").items()
}

_CARDINALS = lexicon.numbers("cardinals")
_UNITS = {w: v for w, v in _CARDINALS.items() if v < 10}
_TEENS = {w: v for w, v in _CARDINALS.items() if 10 <= v < 20}
_TENS = {w: v for w, v in _CARDINALS.items() if v >= 20}
_SCALE_WORDS = dict(lexicon.numbers("scale_words"))
#: Scales that end a group of number words ("two million three hundred thousand").
_SCALES = {w: v for w, v in _SCALE_WORDS.items() if v >= 1e3}
_PLURAL_BASE = lexicon.numbers("plural_scale_words")
#: "a few hundred" and friends: (low, high) multipliers of the scale word.
_FEW = {"a few": (2.0, 5.0), "several": (3.0, 9.0), "a couple": (2.0, None),
        "a couple of": (2.0, None), "half a": (0.5, None)}  # fmt: skip
_alt = lexicon.alternation


_NUMBER_WORD = _alt([*_UNITS, *_TEENS, *_TENS, *_SCALE_WORDS])
# No look-behind on the number patterns: _P_START checks what precedes a number,
# and the second number of a range ("10,000-12,000") follows a hyphen.
_P_DIGITS = re.compile(
    r"(?:(?P<cur>[$€£])\s?)?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
    r"(?:(?:\s+|\s?-)(?P<scale>(?i:hundred|thousand|million|billion|trillion))\b"
    r"|(?P<abbr>bn|mn|m|k)\b)?"
)
_P_VAGUE = re.compile(
    r"(?i)(?<![\w-])(?:(?P<mul>tens|dozens|hundreds)\s+of\s+)?"
    r"(?P<base>dozens|hundreds|thousands|millions|billions)\b(?P<of>\s+of\b)?"
)
_P_FEW = re.compile(
    rf"(?i)(?<![\w-])(?P<few>{_alt(_FEW)})\s+(?P<base>{_alt(_SCALE_WORDS)})\b"
)
_P_WORDS = re.compile(
    rf"(?i)(?:an?\s+)?(?:{_NUMBER_WORD})"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_NUMBER_WORD}))*\b"
)
_P_START = re.compile(
    rf"(?i)(?<![\w.,/:$€£\u2013-])[$€£]?\d|(?<![\w-])(?:an?\s+|half\s+a\s+|several\s+|"
    rf"{_alt(_PLURAL_BASE)}|{_NUMBER_WORD})"
)
_P_RANGE = re.compile(r"\s*(?:-|\u2013|\u2014)\s*|\s+(?i:to|or)\s+")
_P_AND = re.compile(r"\s+(?i:and)\s+")
_P_OF_THE = re.compile(r"\s+of(?:\s+the)?(?=\s)")
_P_STRONG = re.compile(r"-strong\b")
_P_QUALIFIER = re.compile(rf"(?<![\w-])(?P<q>(?i:{_alt(QUALIFIERS)}))\s+\Z")
_P_QUALIFIER_AHEAD = re.compile(
    rf"(?i:{_alt(QUALIFIERS)})\s+(?:[$€£]?\d|(?i:{_NUMBER_WORD}|an?\s)\b)"
)

# Units that make a number something other than a count of things.
_SKIP_UNIT_CI = re.compile(
    r"[\s-]*(?i:kilomet(?:re|er)s?|met(?:re|er)s?|miles?|nautical\s+miles?|feet|foot"
    r"|yards?|square\s+\w+|sq\s*\w+|hectares?|acres?|seconds?|minutes?|hours?|days?"
    r"|nights?|weeks?|months?|years?|decades?|centur(?:y|ies)|times|degrees?|knots?"
    r"|o'clock|local\s+time)\b"
)
_SKIP_UNIT_CS = re.compile(
    r"\s?-?(?:km/h|km²|km2|kms?|mi|mm|cm|m|ft|nm|h|hrs?|ha|mph|kph|am|pm|GMT|UTC)\b"
    r"|\s?(?:a\.m\.|p\.m\.|°)|[:/]\d"
)
_KEEP_UNIT = re.compile(
    r"\s?(?P<u>%|(?i:percentage\s+points?|per\s?cent|pc\b|tonnes?\b|tons?\b|kg\b"
    r"|kilograms?\b|dollars\b|euros\b))"
)
_KEEP_UNIT_NAME = {"%": "%", "percent": "%", "per cent": "%", "pc": "%",
                   "percentage point": "%", "percentage points": "%", "tonne": "t",
                   "tonnes": "t", "ton": "t", "tons": "t", "kg": "kg",
                   "kilogram": "kg", "kilograms": "kg", "dollars": "$",
                   "euros": "€"}  # fmt: skip
#: Words after which a number is a name or a label, not a count.
_IDENTIFIER_WORDS = lexicon.words("identifier_words")
_STOP = lexicon.words("count_stops")
#: Plurals without an "s", which end the counted phrase like "troops" does.
_IRREGULAR_PLURALS = lexicon.words("irregular_plurals")
#: ``-ed`` and ``-ing`` words that describe rather than act ("armed", "incoming").
_ADJECTIVES = lexicon.words("descriptive_participles")
#: Participles that are the counted thing first ("500 wounded") and a verb after
#: a noun ("500 soldiers wounded").
_PARTICIPLES = lexicon.words("counted_participles")
_RATE_UNITS = r"(?:day|week|month|year|hour|night|minute)"
_P_RATE = re.compile(
    rf"\s+(?P<rate>(?i:per|a|an|each|every)\s+{_RATE_UNITS}|(?i:daily|weekly|monthly))"
    r"\b"
)
_P_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'\u2019-]*)")
_NAMES = frozenset(name.title() for name in [*MONTHS, *WEEKDAYS])
_YEAR_MIN, _YEAR_MAX = 1800, 2100


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A counted quantity in a text.

    Examples
    --------
    >>> q = Quantity(start=0, end=15, text="about 500 tanks", value=500.0,
    ...              value_max=None, qualifier="about", counted="tanks", unit="")
    >>> q.counted
    'tanks'
    """

    #: Offset of the first character (qualifier included).
    start: int
    #: Offset one past the last character (counted phrase included).
    end: int
    #: ``text[start:end]`` of the analysed text.
    text: str
    #: The number, or the low end of a range.
    value: float
    #: The high end of a range, ``None`` for a single number.
    value_max: float | None
    #: How the number is hedged.
    qualifier: Qualifier
    #: The noun phrase counted ("North Korean troops"); ``""`` if none.
    counted: str
    #: ``""`` for counts; ``"%"``, ``"$"``, ``"€"``, ``"£"``, ``"t"`` or ``"kg"``.
    unit: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(
                f"Quantity: bad span start={self.start!r} end={self.end!r}"
            )
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"Quantity: text={self.text!r} does not fit span "
                f"{self.start}:{self.end}"
            )
        if not (math.isfinite(self.value) and self.value >= 0):
            raise ValueError(f"Quantity: value={self.value!r} is not a finite count")
        if self.value_max is not None and not self.value_max > self.value:
            raise ValueError(
                f"Quantity: value_max={self.value_max!r} is not above "
                f"value={self.value!r}"
            )
        if self.qualifier not in _QUALIFIER_VALUES:
            raise ValueError(
                f"Quantity: qualifier={self.qualifier!r} is not one of "
                f"{_QUALIFIER_VALUES}"
            )
        if self.counted not in self.text:
            raise ValueError(
                f"Quantity: counted={self.counted!r} is not part of text={self.text!r}"
            )


class _Number(NamedTuple):
    start: int
    end: int
    value: float
    value_max: float | None
    #: Multiplier of a trailing scale word ("thousand"), 1 if none.
    scale: float
    vague: bool
    currency: str
    #: Where the counted phrase may start for a vague number ("hundreds of",
    #: "a few hundred"); -1 when the plural is the noun ("thousands fled").
    of_end: int


def _word_kind(word: str) -> str:
    if word in _UNITS:
        return "unit"
    if word in _TEENS:
        return "teen"
    if word in _TENS:
        return "tens"
    if word in _SCALES:
        return "scale"
    return word  # "hundred", "dozen", "a", "an", "and"


def _parse_words(m: re.Match[str]) -> tuple[float, int, float] | None:
    """Value, end offset and trailing scale of a run of number words, if valid.

    The run is read greedily and stops at the first word that cannot continue the
    number ("five six" is 5), so the offsets stay those of a well-formed number.
    """
    total, current, scale, prev_scale = 0.0, 0.0, 1.0, math.inf
    last, end, accepted = "", m.start(), 0
    words = list(re.finditer(r"[A-Za-z]+", m.group()))
    for i, w in enumerate(words):
        word = w.group().lower()
        kind = _word_kind(word)
        if kind in ("a", "an"):
            if i:
                break
            current, last = 1.0, "a"
            continue
        if kind == "and":
            if last in ("hundred", "scale"):
                continue
            break
        small = float(_UNITS.get(word) or _TEENS.get(word) or _TENS.get(word) or 0)
        if kind == "unit" and last in ("", "tens", "hundred", "scale"):
            current, scale = current + small, 1.0
        elif kind in ("teen", "tens") and last in ("", "hundred", "scale"):
            current, scale = current + small, 1.0
        elif (
            kind == "hundred"
            and last in ("a", "unit", "teen", "tens")
            and current < 100
        ):
            current, scale = current * 100, 100.0
        elif kind == "dozen" and last in ("a", "unit", "teen"):
            current, scale = current * 12, 12.0
        elif (
            kind == "scale" and last not in ("", "scale") and _SCALES[word] < prev_scale
        ):
            total, current = total + current * _SCALES[word], 0.0
            scale = prev_scale = _SCALES[word]
        else:
            break
        last, end, accepted = kind, m.start() + w.end(), accepted + 1
        if kind == "dozen":
            break
    value = total + current
    if not accepted or (accepted == 1 and value == 1):
        return None  # a bare "one" is a pronoun as often as a count
    return value, end, scale


def _read_number(text: str, pos: int) -> _Number | None:
    """The number starting exactly at ``pos``, if any."""
    if m := _P_VAGUE.match(text, pos):
        base = _PLURAL_BASE[m["base"].lower()]
        base *= _PLURAL_BASE[m["mul"].lower()] if m["mul"] else 1.0
        end = m.end("base")
        of_end = m.end() if m["of"] else -1
        return _Number(pos, end, 2 * base, 9 * base, base, True, "", of_end)
    if m := _P_FEW.match(text, pos):
        low, high = _FEW[" ".join(m["few"].lower().split())]
        base = _SCALE_WORDS[m["base"].lower()]
        value_max = None if high is None else high * base
        return _Number(pos, m.end(), low * base, value_max, base, True, "", m.end())
    if m := _P_DIGITS.match(text, pos):
        value = float(m["digits"].replace(",", ""))
        scale = 1.0
        if m["scale"]:
            scale = _SCALE_WORDS[m["scale"].lower()]
        elif m["abbr"]:
            if m["abbr"] == "m" and not m["cur"]:
                return None  # "500m" is metres unless it is money
            scale = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}[m["abbr"]]
        currency = m["cur"] or ""
        return _Number(pos, m.end(), value * scale, None, scale, False, currency, -1)
    if m := _P_WORDS.match(text, pos):
        parsed = _parse_words(m)
        if parsed is not None:
            value, end, scale = parsed
            return _Number(pos, end, value, None, scale, False, "", -1)
    return None


def _skip_after(text: str, end: int) -> bool:
    """Whether what follows the number shows it is no count of things."""
    rest = text[end : end + 40]
    if rest[:1].isalpha() and not _KEEP_UNIT.match(rest):
        return True  # "47th", "155mm", "5G", "4x4"
    return bool(
        _SKIP_UNIT_CI.match(rest)
        or _SKIP_UNIT_CS.match(rest)
        or re.match(r"[.,]\d", rest)
    )


def _is_plural_head(word: str) -> bool:
    """A plural noun, after which a lowercase word is a verb ("troops remain")."""
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return True
    return (
        len(low) > 3
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "'s", "\u2019s"))
        and not word.isupper()  # "HIMARS launchers"
    )


def _counted(text: str, pos: int) -> tuple[int, int]:
    """Span of the counted noun phrase after ``pos`` (empty at ``pos`` if none).

    Adjectives, then nouns, up to the first plural noun: without a tagger, a word
    after "troops" is more often a verb ("troops remain") than part of the phrase.
    """
    start, ends = pos, [pos]
    while len(ends) <= MAX_COUNTED_WORDS:
        if rate := _P_RATE.match(text, ends[-1]):
            start = start if len(ends) > 1 else rate.start("rate")
            ends.append(rate.end())
            break
        if len(ends) > 1 and _is_plural_head(text[ends[-2] : ends[-1]].split()[-1]):
            break
        m = _P_WORD.match(text, ends[-1])
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if low in _STOP or word in _NAMES or _P_WORDS.fullmatch(word):
            break
        if _P_QUALIFIER_AHEAD.match(text, m.start(1)):
            break  # "... nearly 3,000": the next quantity
        if low in _PARTICIPLES:
            if len(ends) > 1:
                break  # "500 soldiers killed": the verb ends the phrase
        elif low.endswith(("ed", "ing")) and low not in _ADJECTIVES:
            break
        if len(ends) == 1:
            start = m.start(1)
        ends.append(m.end(1))
    # An adjective cannot end the phrase: "a force advanced", "men armed with".
    while len(ends) > 1 and text[start : ends[-1]].split()[-1].lower() in _ADJECTIVES:
        ends.pop()
    return (start, ends[-1]) if len(ends) > 1 else (pos, pos)


def _qualifier(text: str, start: int) -> tuple[int, str] | None:
    m = _P_QUALIFIER.search(text, max(0, start - 30), start)
    if m is None:
        return None
    return m.start("q"), " ".join(m["q"].lower().split())


def _previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 30) : start].split()
    return words[-1].lower() if words else ""


def find_quantities(text: str) -> list[Quantity]:
    """Find counted quantities in ``text``.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of Quantity
        Non-overlapping quantities in text order.

    Examples
    --------
    >>> for q in find_quantities("Up to 3,000 North Korean troops crossed on Oct. 3, "
    ...                          "and more than 1,000 casualties a day were reported."):
    ...     print(q.qualifier, q.value, repr(q.counted))
    up to 3000.0 'North Korean troops'
    more than 1000.0 'casualties a day'
    >>> [(q.value, q.value_max) for q in find_quantities("hundreds of drones")]
    [(200.0, 900.0)]
    >>> find_quantities("a strike 7 km from the border in 2023")
    []
    """
    dates = [(d.start, d.end) for d in find_dates(text, None)]
    found: list[Quantity] = []
    pos = 0
    while m := _P_START.search(text, pos):
        pos = m.start() + 1
        number = _read_number(text, m.start())
        if number is None or any(s <= number.start < e for s, e in dates):
            continue
        floor = found[-1].end if found else 0
        quantity = _quantity(text, number, dates, floor)
        if quantity is not None:
            found.append(quantity)
            pos = max(pos, quantity.end)
        else:
            pos = max(pos, number.end)
    return found


def _quantity(
    text: str, number: _Number, dates: list[tuple[int, int]], floor: int
) -> Quantity | None:
    """The quantity around ``number``; its qualifier starts at ``floor`` or later."""
    start, end = number.start, number.end
    value, value_max = number.value, number.value_max
    prev = _previous_word(text, start)
    if prev in _IDENTIFIER_WORDS or prev.endswith("#"):
        return None
    qualifier: Qualifier = "about" if number.vague else "exact"
    found = _qualifier(text, start)
    if found is not None and found[0] < floor:
        found = None
    if found is not None:
        start, qualifier = found[0], QUALIFIERS[found[1]]
        prev = _previous_word(text, start)
    # A range: "10,000-12,000", "two to three thousand", "between 10 and 12".
    joint = _P_RANGE.match(text, end)
    if found is not None and found[1] == "between":
        joint = _P_AND.match(text, end)
    if joint is not None and not number.vague and prev != "from":
        second = _read_number(text, joint.end())
        if second is not None and not second.vague and not second.currency:
            low = value
            # "two to three thousand": the scale word covers both numbers
            scaled = low * second.scale
            if number.scale == 1 and second.scale > 1 and scaled < second.value:
                low = scaled
            if second.value > low and not any(s <= second.start < e for s, e in dates):
                value, value_max, end = low, second.value, second.end
                number = number._replace(scale=second.scale)
    if _skip_after(text, end):
        return None
    unit = {"$": "$", "€": "€", "£": "£"}.get(number.currency, "")
    counted_from = end
    if keep := _KEEP_UNIT.match(text, end):
        unit = _KEEP_UNIT_NAME[" ".join(keep["u"].lower().split())]
        end = counted_from = keep.end()
        if of := _P_OF_THE.match(text, end):
            counted_from = of.end()
    if number.of_end >= 0:
        counted_from = number.of_end
    elif number.vague:
        counted_from = -1  # "thousands fled": the plural is the noun
    if strong := _P_STRONG.match(text, end):
        end = counted_from = strong.end()
    c_start, c_end = _counted(text, counted_from) if counted_from >= 0 else (end, end)
    if any(s < c_end and c_start < e for s, e in dates):
        c_start = c_end = end
    counted = text[c_start:c_end]
    if _is_year(number, value, value_max, counted, prev, text):
        return None
    end = max(end, c_end)
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        value_max=value_max,
        qualifier=qualifier,
        counted=counted,
        unit=unit,
    )


def _is_year(
    number: _Number,
    value: float,
    value_max: float | None,
    counted: str,
    prev: str,
    text: str,
) -> bool:
    """A number that reads as a year: 1800-2100, plain digits, no plural after."""
    if number.vague or number.currency or number.scale != 1 or value != int(value):
        return False
    if not _YEAR_MIN <= value <= _YEAR_MAX:
        return False
    if "," in text[number.start : number.end]:
        return False
    if value_max is not None and not _YEAR_MIN <= value_max <= _YEAR_MAX:
        return False
    head = counted.split()[-1] if counted else ""
    return not (head.endswith("s") and head.islower()) or prev == "the"
