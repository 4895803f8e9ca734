"""Which date of a claim's sentence dates the event: not the report's, not a dateline's.

A sentence of news names dates of two kinds: when the event happened ("a drone hit
the house on Monday") and when it was reported ("the governor said on Tuesday",
a dateline "NEW DELHI, May 23 -"). The guideline's event date is the first kind
only. The rules, in order (each named in the claim's ``date_note``):

``event``
    The first date of the sentence known to the day that is not a report date.
``report_state``
    A report date when what is reported is a state or plan at the time of the
    report ("officials reported on Wednesday that evacuations are under way",
    "said on Monday that the group was being repelled", "said on Monday that
    Russia plans to ..."): the state holds on that day.
``report_stance``
    A report date of a denial or a refusal to confirm (a disputed or denied
    claim whose stance words follow the date closely, :data:`STANCE_REACH`): the
    stance is what the claim states, and it was taken that day ("at a briefing
    on Tuesday, Kirby said he could not confirm the reports").
``carried``
    A sentence with no date of its own that goes on with the same day, by a
    clock time ("at around 6:30 a.m."), "hours later", "later that day", "that
    morning", takes the event date of a claim just before it (:data:`CARRY_CLAIMS`);
    "the next day", "two days later", "the previous day" move it by so many days.

Otherwise a report date is noted and left out ("India said on Tuesday it had
attacked ...": the attack is earlier, by an unknown amount). A deictic phrase
("overnight", "this morning", "yesterday") in a sentence with a report date is
counted from the report's day, not from publication ("officials said on Monday
that drones struck overnight": the night before Monday).

A date known only to the week, month or year ("last week", "in June", "since
2014") is noted but is not an event date: it dates background or a period, and an
event date is a day (the guideline's ``YYYY-MM-DD``).

Report dates are found by position, not parsed: a date right after a verb of
saying (with at most a short prepositional phrase between: "said in a statement
late on Sunday", "told reporters on Monday"), right before one ("the ministry this
morning said"), or opening the sentence ahead of its source and verb ("On
Tuesday, Governor Ivan Sirko said ..."); and a dateline date.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geoclaims.claims.attribution import SAY_VERBS
from geoclaims.text import lexicon

if TYPE_CHECKING:
    from geoclaims.claims.model import Claim
    from geoclaims.text.dates import EventDate

#: How many claims back a sentence that goes on with the same day looks for a date.
CARRY_CLAIMS = 6

_SAY = lexicon.alternation(SAY_VERBS)
#: Nouns of a report that a date can follow ("the ministry's report Saturday").
_REPORT_NOUNS = r"report|statement|briefing|update|communiqu[eé]"
#: Participles opening a clause of saying ("Writing on social media on Monday, ...").
_SAY_ING = r"writing|speaking|posting|talking|addressing|announcing|reporting"
#: Who "told" can have for object before the date ("told reporters on Monday").
_TOLD = (
    r"told\s+(?:(?:the\s+)?(?:reporters|journalists|media|press|parliament|lawmakers)"
    r"|(?:the\s+)?(?:[A-Z][\w'\u2019.-]*\s+){0,3}[A-Z][\w'\u2019.-]*)"
)
#: A word of the short phrase between a verb of saying and its date ("said in a
#: statement on ..."): not a clause ("said on Monday that the depot burned
#: yesterday"), so no conjunction, pronoun or past form.
_PP_WORD = (
    r"(?!(?i:that|which|who|when|where|and|but|while|as|it|he|she|they|we)\b)"
    r"(?![\w'\u2019.-]*ed\b)[\w'\u2019.-]+"
)
#: A verb (or noun) of saying, then at most a short phrase, ending where a date starts.
_AFTER_SAYING = re.compile(
    rf"\b(?:(?:{_SAY})|{_TOLD}|(?i:{_SAY_ING})|(?i:{_REPORT_NOUNS}))"
    rf"(?:\s+(?i:in|on|at|via|through|during|over|to)\s+(?:{_PP_WORD}\s+){{0,4}}?"
    rf"{_PP_WORD})?"
    r",?\s+(?:(?i:early|late|earlier|later)\s+)?(?:(?i:on|in|over)\s+)?"
    r"(?:(?i:the)\s+(?i:morning|afternoon|evening|night)\s+(?i:of)\s+)?$"
)
#: Before a verb of saying: it is a passive one ("were also reported on Monday"),
#: whose date is the event's.
_PASSIVE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+(?:\w+ly\s+|also\s+)?$",
                      re.IGNORECASE)
#: A date right before a verb of saying: "The ministry this morning said".
_BEFORE_SAYING = re.compile(rf"\s*,?\s*(?:(?i:also)\s+)?(?:{_SAY})\b")
#: What may come before a date that opens a sentence.
_OPENING = re.compile(
    r"\W*(?:(?i:on|over|early|late|earlier|later|in|by)\s+)?"
    r"(?:(?i:the)\s+(?i:morning|afternoon|evening|night)\s+(?i:of)\s+)?"
)
#: After an opening date: a comma, a short subject, then a verb of saying.
_OPENING_SOURCE = re.compile(
    rf"(?:,?\s+\d{{4}})?\s*,\s+(?P<subject>[^;:\"\u201c]{{1,120}}?)\s+(?:{_SAY})\b"
)
#: Words of a subject that show it holds a verb, so the date is the event's
#: ("On Monday, troops shelled the town, the governor said").
_AUXILIARY = frozenset(
    "is are was were be been has have had will would did does do could can may "
    "might must should that which who".split()
)
_DETERMINERS = frozenset("the a an its their his her our this these those".split())
#: A dateline before a date: "NEW DELHI, ", "MOGADISHU (AFP), ".
_DATELINE_BEFORE = re.compile(
    r"\s*[A-Z][A-Z.'\u2019 -]{1,40}(?:\s*\([^)]{1,30}\))?,(?:\s+[A-Z][a-z]+,)?\s*"
)
_DATELINE_AFTER = re.compile(r"(?:,?\s+\d{4})?\s*(?:[-\u2013\u2014(]|/)")
#: What is reported is a state (or a plan) at the time of the report.
_STATE = re.compile(
    r"\b(?:is|are|am|remains?|now|currently|still|under\s?way|ongoing|continu(?:e|es|ing)"
    r"|plans|intends|aims|seeks|wants)\b|\b(?:was|were)\s+being\b",
    re.IGNORECASE,
)
#: Characters after a report date within which a stance word makes it the stance's.
STANCE_REACH = 120
_STANCE = re.compile(
    r"\b(?:den(?:y|ies|ied)|dismiss(?:es|ed)?|reject(?:s|ed)?|refut(?:es|ed)"
    r"|(?:could|can|did|would)\s*(?:not|n't)\s+(?:independently\s+)?(?:confirm|verify)"
    r"|cannot\s+(?:confirm|verify)|(?:has|have)\s+not\s+seen|no\s+evidence)\b",
    re.IGNORECASE,
)
#: Phrases counted from the day of speaking: from the report's day when one is given.
_DEICTIC = re.compile(
    r"(?:(?:earlier|later)\s+)?(?:today|tonight|overnight|yesterday|last\s+night"
    r"|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday)",
    re.IGNORECASE,
)
#: A sentence going on with the day of the sentence before it.
_SAME_DAY = re.compile(
    r"\b(?:at|around|about|by|until|till|from|before|after|since)\s+"
    r"(?:approximately\s+|about\s+|around\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?|\d{4}(?=\s*(?:GMT|UTC|hrs|local)))\s*"
    r"(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|GMT\b|UTC\b|local\s+time\b)"
    r"|\b(?:at|around|about|by|until|till|before|after|shortly\s+(?:before|after)"
    r"|just\s+(?:before|after))\s+(?:midnight|noon|midday|dawn|daybreak|dusk|nightfall)\b"
    r"|\b(?:hours|minutes|moments|shortly)\s+(?:later|after(?:wards)?)\b"
    r"|\b(?:earlier|later)\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)\b"
    r"|\b(?:earlier|later)\s+in\s+the\s+day\b"
    r"|\b(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)\b"
    r"|^\W*the\s+(?:morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)


#: A sentence dated by days from the day of the sentence before it.
_DAYS_ON = re.compile(
    r"\b(?:the\s+(?P<next>next|following)|the\s+(?P<prev>previous|preceding))\s+day\b"
    r"|\b(?P<n>a|one|two|three|four|five|six|\d)\s+days?\s+(?P<dir>later|earlier)\b",
    re.IGNORECASE,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _days_on(m: re.Match[str]) -> int:
    if m["next"]:
        return 1
    if m["prev"]:
        return -1
    n = m["n"].lower()
    count = int(n) if n.isdigit() else _SMALL[n]
    return count if m["dir"].lower() == "later" else -count


#: Characters either side of a date that :func:`report_role` reads.
_WINDOW = 160


def report_role(sentence: str, date: EventDate) -> str | None:
    """``"dateline"`` or ``"report"`` when ``date`` dates the report, else None.

    ``date`` offsets are into ``sentence``.

    Examples
    --------
    >>> from geoclaims.text.dates import find_dates
    >>> s = "The governor said on Tuesday that drones hit the depot on Monday."
    >>> [(d.text, report_role(s, d)) for d in find_dates(s, "2024-10-17")]
    [('Tuesday', 'report'), ('Monday', None)]
    """
    # Bounded windows: a sentence of megabytes with many dates stays linear.
    before = sentence[max(0, date.start - _WINDOW) : date.start]
    after = sentence[date.end : date.end + _WINDOW]
    opening = date.start <= _WINDOW  # ``before`` is all the sentence has before it
    if opening and _DATELINE_BEFORE.fullmatch(before) and _DATELINE_AFTER.match(after):
        return "dateline"
    if re.match(r"['\u2019]s\b", after):
        return None  # "Monday's attack": the date of a thing, not of a report
    if (m := _AFTER_SAYING.search(before)) and not _PASSIVE.search(before, 0, m.start()):
        return "report"
    if _BEFORE_SAYING.match(after):
        return "report"
    if opening and _OPENING.fullmatch(before) and (m := _OPENING_SOURCE.match(after)):
        subject = m["subject"].rstrip()
        if "," in subject and not subject.endswith(","):
            # "On May 5, drones hit the depot, officials said": a clause, then the
            # source; an apposition closes with a comma ("X, a blog, reported").
            return None
        words = subject.replace(",", " ").split()
        previous = ""
        for word in words:
            low = word.lower()
            if low in _AUXILIARY:
                return None
            if word.islower() and low.endswith("ed") and previous not in _DETERMINERS:
                return None
            previous = low
        return "report"
    return None


def _note(date: EventDate, what: str) -> str:
    return f"{date.text!r}: {what}"


def choose_event_date(
    sentence: str,
    dates: Sequence[EventDate],
    earlier: Sequence[Claim] = (),
    *,
    published: datetime.date | None = None,
    stance: bool = False,
) -> tuple[str | None, str | None, str]:
    """The event date of a claim's sentence, its precision and the note that explains it.

    Parameters
    ----------
    sentence : str
        The claim's text; the offsets of ``dates`` are into it.
    dates : sequence of EventDate
        Its date phrases (:func:`geoclaims.text.dates.find_dates`), in text order.
    earlier : sequence of Claim
        The claims before it in the document, for the ``carried`` rule.
    published : datetime.date, optional
        The publication date ``dates`` were resolved against (to count a deictic
        phrase from the report's day instead).
    stance : bool
        True for a disputed or denied claim (the ``report_stance`` rule).

    Returns
    -------
    (str or None, str or None, str)
        ISO date, ``"day"`` (or None with the date), and the note: the rule that
        chose the date and why other phrases were left out.

    Examples
    --------
    >>> from geoclaims.text.dates import find_dates
    >>> s = "India said on Tuesday it had struck the posts."
    >>> choose_event_date(s, find_dates(s, "2017-05-23"))
    (None, None, "'Tuesday': report date; the event is earlier")
    >>> s = "Officials reported on Wednesday that evacuations are under way."
    >>> choose_event_date(s, find_dates(s, "2022-10-19"))
    ('2022-10-19', 'day', "report_state: 'Wednesday' dates the report of a state")
    """
    notes: list[str] = []
    reports: list[EventDate] = []
    events: list[EventDate] = []
    for d in dates:
        if d.date is None:
            notes.append(_note(d, d.reason))
        elif d.precision != "day":
            notes.append(_note(d, f"a {d.precision}, not a day"))
        elif (role := report_role(sentence, d)) is not None:
            reports.append(d)
            notes.append(_note(d, f"{role} date; the event is earlier"))
        else:
            events.append(d)
    report = reports[0].date if reports else None
    if events:
        d, day = events[0], events[0].date
        note = f"event: {d.text!r}"
        if (report is not None and published is not None and day is not None
                and _DEICTIC.fullmatch(d.text)):
            day = report + (day - published)
            note += f" counted from the report's day {report.isoformat()}"
        if day is not None:
            return day.isoformat(), "day", "; ".join([note, *notes])
    if report is not None:
        d = reports[0]
        if stance and _STANCE.search(sentence, d.end, d.end + STANCE_REACH):
            return report.isoformat(), "day", f"report_stance: {d.text!r} dates the stance"
        if _STATE.search(sentence, 0, d.start) or _STATE.search(sentence, d.end):
            note = f"report_state: {d.text!r} dates the report of a state"
            return report.isoformat(), "day", note
    if dates:
        return None, None, "; ".join(notes)  # dated, if not to the event's day
    shift = _DAYS_ON.search(sentence)
    cue = shift or _SAME_DAY.search(sentence)
    if cue is not None:
        for claim in reversed(earlier[-CARRY_CLAIMS:]):
            if claim.event_date is not None and claim.date_precision == "day":
                day = datetime.date.fromisoformat(claim.event_date)
                if shift is not None:
                    day += datetime.timedelta(days=_days_on(shift))
                words = cue.group().strip().lstrip("\"\u201c\u2018'")
                note = (f"carried: {words!r} goes on from the day of "
                        f"{claim.claim_id}")
                return day.isoformat(), "day", note
    return None, None, "; ".join(notes)
