"""Date phrases ("on Tuesday", "Oct. 3", "last week") resolved to calendar dates.

Stdlib only: no dateparser. Every phrase found becomes an :class:`EventDate` with its
offsets; a phrase that cannot be placed on the calendar (a relative phrase and no
publication date, a day-and-month with no year and no publication date, "February 30")
keeps ``date=None`` and says why in ``reason``. Nothing is guessed silently.

Conventions
-----------
* Spans leave out the preposition ("on", "in", "since"...) but keep modifiers and
  determiners ("last Tuesday", "early October", "the 3rd of October"), as TimeML
  TIMEX3 extents do.
* ``date`` is the first day of the period named; ``precision`` is the calendar unit
  that period is known to ("week" for "last week" and for weekends). "early", "mid"
  and "late" move the day to 1, 11 or 21 (months) or the month to 1, 5 or 9 (years)
  but keep the coarser precision.
* A range of days ("5-7 March", "March 5 and 6", "the night of Oct. 3-4") names
  its first day, at day precision; the span covers the range. "overnight into
  Saturday" is the Saturday.
* "overnight" alone is the publication day (the night that ends on it), as
  "this morning" is.
* A weekday ("Tuesday", "on Tuesday") is the most recent such day on or before
  publication, so a weekday equal to the publication weekday is the publication day.
  "last Tuesday" is strictly before publication: written on a Tuesday it means a week
  earlier, not today. "next Tuesday" is strictly after.
* A day and month with no year ("December 23") takes the most recent year in which
  the date falls on or before publication + :data:`FUTURE_TOLERANCE_DAYS`; the
  tolerance admits news of scheduled events in the coming days ("January 3" published
  2024-12-30 is 2025-01-03) while "December 23" published 2025-01-05 stays 2024-12-23.
  Month names alone ("in November") use the first of the month with the same rule.
* Capitalised month and weekday names only, so "may" and "march" as verbs never
  match. A month without a day or year ("May", "March") also needs a context word
  before it ("in", "since", "early", "last"...), so "May God" or "March on Kyiv" at
  the start of a sentence are not dates. Bare years need a context word too ("in
  2023"); slashed numeric dates ("03/10/2024") are ambiguous and skipped.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from geoclaims.text import lexicon
from geoclaims.text.calendar import HOLIDAYS, holiday_date
from geoclaims.text.calendar import easter as easter
from geoclaims.text.calendar import parse_published as parse_published

Precision = Literal["day", "week", "month", "year"]

#: Days after publication that a day-and-month without a year may still fall on.
FUTURE_TOLERANCE_DAYS = 7
#: Why a relative phrase has no date.
REASON_NO_PUBLISHED = "relative date and no publication date"
#: Why a day and month (or a month) without a year has no date.
REASON_NO_YEAR = "no year given and no publication date"
#: Why a relative phrase has no date when publication is at the calendar's edge.
REASON_OUT_OF_RANGE = "outside the supported calendar range"

_PRECISIONS = ("day", "week", "month", "year")
#: Why a holiday name has no date.
REASON_NO_YEAR_HOLIDAY = "holiday and no year or publication date"

MONTHS = {
    name: int(number)
    for lexicon_name in ("months", "month_abbreviations")
    for name, number in lexicon.numbers(lexicon_name).items()
}
WEEKDAYS = {name: int(number) for name, number in lexicon.numbers("weekdays").items()}
#: Small counts in "three days ago".
_COUNT_WORDS = {
    "a": 1, "an": 1,
    **{w: int(v) for w, v in lexicon.numbers("cardinals").items() if v <= 12},
}
#: Day (of a month) or month (of a year) that "early", "mid" and "late" point at.
_PART_DAY = {"early": 1, "beginning": 1, "start": 1, "mid": 11, "middle": 11,
             "late": 21, "end": 21}  # fmt: skip
_PART_MONTH = {"early": 1, "beginning": 1, "start": 1, "mid": 5, "middle": 5,
               "late": 9, "end": 9}  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDate:
    """A date phrase in a text and the calendar date it names.

    Examples
    --------
    >>> EventDate(start=3, end=10, text="Tuesday", date=datetime.date(2024, 10, 15),
    ...           precision="day", reason="").precision
    'day'
    """

    #: Offset of the first character of the phrase (Python str index).
    start: int
    #: Offset one past the last character of the phrase.
    end: int
    #: The phrase, ``text[start:end]`` of the analysed text.
    text: str
    #: First day of the period named; ``None`` when it cannot be resolved.
    date: datetime.date | None
    #: Calendar unit the date is known to; ``None`` exactly when ``date`` is.
    precision: Precision | None
    #: ``""`` when resolved, otherwise why not (e.g. :data:`REASON_NO_PUBLISHED`).
    reason: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(
                f"EventDate: bad span start={self.start!r} end={self.end!r}"
            )
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"EventDate: text={self.text!r} does not fit span "
                f"{self.start}:{self.end}"
            )
        if self.precision is not None and self.precision not in _PRECISIONS:
            raise ValueError(
                f"EventDate: precision={self.precision!r} is not one of {_PRECISIONS}"
            )
        if self.date is None and (self.precision is not None or not self.reason):
            raise ValueError(
                f"EventDate: date=None needs precision=None and a reason, got "
                f"precision={self.precision!r} reason={self.reason!r}"
            )
        if self.date is not None and (self.precision is None or self.reason):
            raise ValueError(
                f"EventDate: a resolved date needs a precision and reason='', got "
                f"precision={self.precision!r} reason={self.reason!r}"
            )


# ---------------------------------------------------------------------------
# Patterns. Month and weekday names are case-sensitive (title or upper case);
# context words are case-insensitive through scoped (?i:...) groups.


def _cased(words: list[str]) -> str:
    forms = {w.title() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH_FULL = list(lexicon.phrases("months"))
_MONTH_ABBR = list(lexicon.phrases("month_abbreviations"))
_MONTH = (
    rf"(?P<month>{_cased(_MONTH_FULL)}|(?:{_cased(_MONTH_ABBR)})\.?)(?![\w'\u2019])"
)
_WEEKDAY = rf"(?:{_cased(list(WEEKDAYS))})"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?<![\w.,])(?P<year>1[89]\d\d|20\d\d|2100)(?![\d,.]\d|\w)"
_DAYPART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_LEAD_WEEKDAY = rf"(?:{_WEEKDAY},?\s+)?"
_MOD = (
    r"(?<![\w-])(?P<mod>(?i:early|mid|late)(?:\s+|-)|"
    r"(?i:the\s+)?(?P<part>(?i:beginning|start|middle|end))\s+(?i:of)\s+)"
)
# Context that makes a lone month name or year a date: "in May", "since 2014".
_PREP = (
    r"(?P<prep>(?<![\w-])(?i:in|during|since|by|until|till|through|throughout|from"
    r"|before|after|between|and|or|to)\s+)"
)
#: Month names that are also verbs or names: "and", "or" and "to" before them
#: are not enough context ("Putin and May").
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar"})
_YEAR_BEFORE = re.compile(r"(?<![\w.,])(?:1[89]|20)\d\d\s*$")
#: "this year", "last year" after a day or month: the year relative to publication.
_YEAR_REL = r"\s+(?P<yrel>(?i:this|last|next))\s+(?i:year)(?![\w-])"
_REL = r"(?:(?<![\w-])(?P<rel>(?i:last|this|next|past|previous))\s+)"
_NUM_WORD = rf"(?P<n>\d{{1,3}}|(?i:{lexicon.alternation(_COUNT_WORDS)}))"

_HOLIDAY = "|".join(
    re.escape(h).replace("'", "['\u2019]") for h in sorted(HOLIDAYS, key=len, reverse=True)
)

_P_ISO = re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-])")
_P_MONTH_DAY = re.compile(
    rf"(?<![\w])(?P<wd>{_LEAD_WEEKDAY}){_MONTH}\s*{_DAY}{_ORD}"
    rf"(?![\d:]|,\d|[\w.]\d)(?:,?\s+{_YEAR}|{_YEAR_REL})?"
)
_P_DAY_MONTH = re.compile(
    rf"(?<![\w,.$€£])(?P<wd>{_LEAD_WEEKDAY})(?:(?i:the)\s+)?{_DAY}{_ORD}\s+"
    rf"(?:(?i:of)\s+)?{_MONTH}(?:,?\s+{_YEAR}|{_YEAR_REL})?"
)
_P_MONTH_YEAR = re.compile(
    rf"(?<![\w])(?:{_MOD})?{_MONTH}(?:,?\s+{_YEAR}|{_YEAR_REL})"
)
_P_HOLIDAY = re.compile(rf"(?<![\w-])(?P<holiday>{_HOLIDAY})(?![\w-])(?:,?\s+{_YEAR})?")
# All parts optional for the regex; the builder drops a month with no context.
_P_MONTH_CTX = re.compile(rf"(?:{_PREP}|{_REL})?(?:{_MOD})?(?<![\w]){_MONTH}")
_P_YEAR_CTX = re.compile(rf"{_PREP}?(?:{_MOD})?{_YEAR}")
_P_WEEKDAY = re.compile(
    rf"(?:{_REL}|(?<![\w-])(?i:overnight\s+(?:into|to|on))\s+)?(?<![\w-])"
    rf"(?P<wd>{_WEEKDAY})(?![\w]){_DAYPART}"
)
#: "to", "and" or a dash between the two days of a range.
_RANGE = r"\s*(?:[-\u2013]|\s(?i:to|and|through)\s)\s*"
_P_DAY_RANGE_MONTH = re.compile(
    rf"(?<![\w,.$€£-]){_DAY}{_ORD}{_RANGE}(?P<day2>3[01]|[12]\d|0?[1-9]){_ORD}\s+"
    rf"(?:(?i:of)\s+)?{_MONTH}(?:,?\s+{_YEAR}|{_YEAR_REL})?"
)
_P_MONTH_DAY_RANGE = re.compile(
    rf"(?<![\w]){_MONTH}\s*{_DAY}{_ORD}{_RANGE}(?P<day2>3[01]|[12]\d|0?[1-9]){_ORD}"
    rf"(?![\d:]|,\d|[\w.]\d)(?:,?\s+{_YEAR}|{_YEAR_REL})?"
)
_P_AGO = re.compile(
    rf"(?<![\w-]){_NUM_WORD}\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?i:ago)\b"
)
_P_RELATIVE = re.compile(
    r"(?<![\w-])(?P<rel>(?i:the\s+day\s+before\s+yesterday|(?:earlier\s+|later\s+)?today"
    r"|yesterday|tomorrow|tonight|this\s+(?:morning|afternoon|evening)"
    r"|last\s+night|(?:earlier\s+|later\s+)?this\s+(?:week|month|year)"
    r"|last\s+(?:week|month|year)|(?:the|this|last)\s+weekend|overnight))"
    r"(?![\w-])"
)


# ---------------------------------------------------------------------------
# Calendar helpers.


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _month_start(year: int, month: int, back: int = 0) -> datetime.date:
    index = year * 12 + (month - 1) - back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _weekday(published: datetime.date, weekday: int, rel: str) -> datetime.date:
    if rel == "next":
        delta = (weekday - published.weekday()) % 7 or 7
        return published + datetime.timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7
    if rel in ("last", "past", "previous") and delta == 0:
        delta = 7
    return published - datetime.timedelta(days=delta)


def _infer_year(published: datetime.date, month: int, day: int) -> datetime.date | None:
    """Most recent ``month``/``day`` on or before publication + the tolerance."""
    limit = published + datetime.timedelta(days=FUTURE_TOLERANCE_DAYS)
    # Eight years back always reaches a 29 February.
    for year in range(limit.year, limit.year - 9, -1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return None


def _relative_year(published: datetime.date, rel: str) -> int:
    return published.year + {"this": 0, "last": -1, "next": 1}[rel.lower()]


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _mod_key(m: re.Match[str]) -> str | None:
    if m.group("mod") is None:
        return None
    part = m.group("part")
    return (part or m.group("mod")).strip(" -").lower()


# ---------------------------------------------------------------------------
# Builders: (match, published, default year) -> (span start, date, precision,
# reason). The default year stands in for an unknown publication date in a
# day and month given without a year (see :func:`find_dates`).

_Resolved = tuple[int, datetime.date | None, Precision | None, str]


def _unresolved(start: int, reason: str) -> _Resolved:
    return start, None, None, reason


def _build_iso(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved:
    try:
        day = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return _unresolved(m.start(), f"no such day: {m.group()}")
    return m.start(), day, "day", ""


def _build_day(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved | None:
    start = m.start()
    month, day = _month_number(m["month"]), int(m["day"])
    if "day2" in m.groupdict() and int(m["day2"]) <= day:
        return None  # "5-3 March" is no range; nor is a score or a count
    if m["year"]:
        try:
            return start, datetime.date(int(m["year"]), month, day), "day", ""
        except ValueError:
            return _unresolved(start, f"no such day: {m.group()}")
    try:
        datetime.date(2000, month, day)  # a leap year admits every real day
    except ValueError:
        return _unresolved(start, f"no such day: {m.group()}")
    if m["yrel"]:
        if published is None:
            return _unresolved(start, REASON_NO_PUBLISHED)
        try:
            return start, datetime.date(_relative_year(published, m["yrel"]), month,
                                        day), "day", ""
        except ValueError:
            return _unresolved(start, f"no such day: {m.group()}")
    if published is None:
        if default_year is None:
            return _unresolved(start, REASON_NO_YEAR)
        try:
            return start, datetime.date(default_year, month, day), "day", ""
        except ValueError:
            return _unresolved(start, f"no such day: {m.group()}")
    inferred = _infer_year(published, month, day)
    if inferred is None:
        return _unresolved(start, REASON_OUT_OF_RANGE)
    return start, inferred, "day", ""


def _build_month(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved | None:
    groups = m.groupdict()
    rel = (groups.get("rel") or "").lower()
    prep = (groups.get("prep") or "").strip().lower()
    if not (prep or rel or m["mod"] or groups.get("year") or groups.get("yrel")):
        return None  # "May" or "March" alone: a verb as often as a month
    weak = prep in ("and", "or", "to") and not (rel or m["mod"])
    if weak and m["month"].rstrip(".").lower() in _AMBIGUOUS_MONTHS:
        return None
    start = m.start("rel") if rel else m.start("mod") if m["mod"] else m.start("month")
    month = _month_number(m["month"])
    day = _PART_DAY.get(_mod_key(m) or "", 1)
    if groups.get("year"):
        return start, datetime.date(int(m["year"]), month, day), "month", ""
    if published is None:
        if groups.get("yrel"):
            return _unresolved(start, REASON_NO_PUBLISHED)
        return _unresolved(start, REASON_NO_YEAR)
    if groups.get("yrel"):
        year = _relative_year(published, groups["yrel"])
    elif rel in ("last", "past", "previous"):
        year = published.year if month < published.month else published.year - 1
    elif rel == "this":
        year = published.year
    elif rel == "next":
        year = published.year if month > published.month else published.year + 1
    else:
        first = _infer_year(published, month, 1)
        year = published.year if first is None else first.year
    return start, datetime.date(year, month, day), "month", ""


def _build_year(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved | None:
    if not (m["prep"] or m["mod"]):
        return None  # a bare number between 1800 and 2100 is as often a count
    if (m["prep"] or "").strip().lower() in ("and", "or", "to") and not m["mod"]:
        # "between 2022 and 2023" but not "between 1,500 and 2000 soldiers"
        if not _YEAR_BEFORE.search(m.string, 0, m.start("prep")):
            return None
    start = m.start("mod") if m["mod"] else m.start("year")
    month = _PART_MONTH.get(_mod_key(m) or "", 1)
    return start, datetime.date(int(m["year"]), month, 1), "year", ""


def _build_holiday(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved:
    start, name = m.start(), m["holiday"].replace("\u2019", "'")
    if m["year"]:
        return start, holiday_date(name, int(m["year"])), "day", ""
    if published is None:
        if default_year is None:
            return _unresolved(start, REASON_NO_YEAR_HOLIDAY)
        return start, holiday_date(name, default_year), "day", ""
    # The latest one on or before publication + the tolerance, as for "December 23".
    limit = published + datetime.timedelta(days=FUTURE_TOLERANCE_DAYS)
    day = holiday_date(name, limit.year)
    if day > limit:
        day = holiday_date(name, limit.year - 1)
    return start, day, "day", ""


def _build_weekday(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved:
    start = m.start("rel") if m["rel"] else m.start()
    if published is None:
        return _unresolved(start, REASON_NO_PUBLISHED)
    weekday = WEEKDAYS[m["wd"].lower()]
    return start, _weekday(published, weekday, (m["rel"] or "").lower()), "day", ""


def _build_ago(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved:
    if published is None:
        return _unresolved(m.start(), REASON_NO_PUBLISHED)
    text = m["n"].lower()
    count = int(text) if text.isdigit() else _COUNT_WORDS[text]
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return m.start(), published - datetime.timedelta(days=count), "day", ""
    if unit == "week":
        day = _monday(published - datetime.timedelta(weeks=count))
        return m.start(), day, "week", ""
    if unit == "month":
        return (
            m.start(),
            _month_start(published.year, published.month, count),
            "month",
            "",
        )
    if count >= published.year:
        return _unresolved(m.start(), f"{m.group()!r} is before year 1")
    return m.start(), datetime.date(published.year - count, 1, 1), "year", ""


def _build_relative(
    m: re.Match[str], published: datetime.date | None, default_year: int | None = None
) -> _Resolved:
    start = m.start()
    if published is None:
        return _unresolved(start, REASON_NO_PUBLISHED)
    rel = " ".join(m["rel"].lower().split())
    one_day = datetime.timedelta(days=1)
    if rel.endswith("weekend"):
        # The Saturday that starts the weekend; "last weekend" written on a
        # weekend means the one before.
        delta = (published.weekday() - 5) % 7
        if rel.startswith("last") and delta <= 1:
            delta += 7
        return start, published - datetime.timedelta(days=delta), "week", ""
    if rel == "the day before yesterday":
        return start, published - 2 * one_day, "day", ""
    if rel in ("yesterday", "last night"):
        return start, published - one_day, "day", ""
    if rel == "tomorrow":
        return start, published + one_day, "day", ""
    if rel.endswith("week"):
        back = 7 if rel.startswith("last") else 0
        return start, _monday(published) - datetime.timedelta(days=back), "week", ""
    if rel.endswith("month"):
        back = 1 if rel.startswith("last") else 0
        return start, _month_start(published.year, published.month, back), "month", ""
    if rel.endswith("year"):
        back = 1 if rel.startswith("last") else 0
        return start, datetime.date(published.year - back, 1, 1), "year", ""
    return start, published, "day", ""  # today, tonight, this morning ...


_Builder = Callable[[re.Match[str], datetime.date | None, int | None], _Resolved | None]

#: Patterns in priority order (earlier wins a tie between equally long phrases).
_PATTERNS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    (_P_ISO, _build_iso),
    (_P_DAY_RANGE_MONTH, _build_day),
    (_P_MONTH_DAY_RANGE, _build_day),
    (_P_MONTH_DAY, _build_day),
    (_P_DAY_MONTH, _build_day),
    (_P_HOLIDAY, _build_holiday),
    (_P_MONTH_YEAR, _build_month),
    (_P_MONTH_CTX, _build_month),
    (_P_YEAR_CTX, _build_year),
    (_P_AGO, _build_ago),
    (_P_RELATIVE, _build_relative),
    (_P_WEEKDAY, _build_weekday),
)


def find_dates(
    text: str,
    published: datetime.date | str | None,
    *,
    default_year: int | None = None,
) -> list[EventDate]:
    """Find date phrases in ``text`` and resolve them against ``published``.

    Parameters
    ----------
    text : str
        Any text.
    published : datetime.date, str or None
        Publication date of the text, read with :func:`parse_published`; ``None``
        when unknown, in which case relative phrases come back unresolved.
    default_year : int, optional
        Used only when ``published`` is None: the year of a day and month (or a
        holiday) written without one, e.g. the year of the text's own fully dated
        days (:func:`text_year`). Relative phrases still need ``published``.

    Returns
    -------
    list of EventDate
        Non-overlapping phrases in text order; the longest phrase wins an overlap.

    Raises
    ------
    geoclaims.errors.InputError
        If ``published`` is not a date or an ISO date string.

    Examples
    --------
    >>> text = "Drones struck the depot on Tuesday and again in early October."
    >>> for d in find_dates(text, datetime.date(2024, 10, 17)):
    ...     print(d.text, d.date, d.precision)
    Tuesday 2024-10-15 day
    early October 2024-10-01 month
    >>> find_dates("Russia may deploy more troops.", None)
    []
    >>> find_dates("The convoy left on Tuesday.", None)[0].reason
    'relative date and no publication date'
    """
    published = parse_published(published)
    found: list[tuple[int, int, int, EventDate]] = []
    for priority, (pattern, build) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            try:
                built = build(m, published, default_year)
            except (OverflowError, ValueError):
                # published near date.min or date.max: resolve as if unknown
                built = build(m, None, None)
                if built is not None and built[1] is None:
                    built = _unresolved(built[0], REASON_OUT_OF_RANGE)
            if built is None:
                continue
            start, date, precision, reason = built
            end = m.end()
            if start >= end:
                continue
            event = EventDate(
                start=start,
                end=end,
                text=text[start:end],
                date=date,
                precision=precision,
                reason=reason,
            )
            found.append((start, end, priority, event))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    # Phrases kept so far, disjoint and sorted by start: a new one overlaps one
    # only if it overlaps a neighbour, found by bisection (a text with thousands of
    # dates stays near-linear).
    starts: list[int] = []
    taken: list[EventDate] = []
    for start, end, _, event in found:
        i = bisect.bisect_left(starts, start)
        if i > 0 and taken[i - 1].end > start:
            continue
        if i < len(taken) and taken[i].start < end:
            continue
        starts.insert(i, start)
        taken.insert(i, event)
    return taken


def text_year(text: str) -> int | None:
    """The year a text's own fully dated days ("March 7, 2024", "2024-03-07") give.

    For a text with no publication date: its day-and-month dates without a year
    most likely fall in the year its complete dates name. The most frequent year
    wins, the latest one a tie. A year alone ("since 2014") does not count: it
    names background as often as the time of writing.

    Examples
    --------
    >>> text_year("On March 7, 2024, talks began. On March 13 they broke down.")
    2024
    >>> text_year("The line has held since 2014.") is None
    True
    """
    years = [d.date.year for d in find_dates(text, None)
             if d.date is not None and d.precision == "day"]
    if not years:
        return None
    return max(set(years), key=lambda y: (years.count(y), y))
