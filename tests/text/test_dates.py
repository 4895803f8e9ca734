"""Tests of geoclaims.text.dates: date phrases, offsets and resolution."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geoclaims.errors import InputError
from geoclaims.text.dates import (
    REASON_NO_PUBLISHED,
    REASON_NO_YEAR,
    EventDate,
    easter,
    find_dates,
    parse_published,
    text_year,
)

D = datetime.date
#: A Thursday.
THU = D(2024, 10, 17)
#: A Monday.
MON = D(2024, 10, 21)


def only(text: str, published: datetime.date | None) -> EventDate:
    """The single date phrase of ``text``, with its offsets checked."""
    found = find_dates(text, published)
    assert len(found) == 1, found
    event = found[0]
    assert text[event.start : event.end] == event.text
    return event


@pytest.mark.parametrize(
    ("text", "published", "phrase", "expected"),
    [
        (
            "Drones hit the port on Tuesday, officials said.",
            THU,
            "Tuesday",
            D(2024, 10, 15),
        ),
        ("The governors met on Thursday.", THU, "Thursday", THU),
        ("Thursday brought no new strikes.", THU, "Thursday", THU),
        ("The bridge was struck last Thursday.", THU, "last Thursday", D(2024, 10, 10)),
        (
            "The bridge was struck last Wednesday.",
            THU,
            "last Wednesday",
            D(2024, 10, 16),
        ),
        ("Shelling resumed on Friday.", THU, "Friday", D(2024, 10, 11)),
        ("Talks are due next Monday.", THU, "next Monday", MON),
        ("Talks are due next Thursday.", THU, "next Thursday", D(2024, 10, 24)),
        ("Sunday night saw the heaviest raid.", MON, "Sunday night", D(2024, 10, 20)),
        ("Monday's raid destroyed a depot.", MON, "Monday", MON),
        ("The mayor spoke this Tuesday.", THU, "this Tuesday", D(2024, 10, 15)),
    ],
)
def test_dates_weekday(
    text: str, published: datetime.date, phrase: str, expected: datetime.date
) -> None:
    event = only(text, published)
    assert (event.text, event.date, event.precision, event.reason) == (
        phrase,
        expected,
        "day",
        "",
    )


@pytest.mark.parametrize(
    ("text", "published", "phrase", "expected", "precision"),
    [
        ("The depot burned today.", THU, "today", THU, "day"),
        ("The depot burned earlier today.", THU, "earlier today", THU, "day"),
        ("The depot burned yesterday.", THU, "yesterday", D(2024, 10, 16), "day"),
        ("It burned the day before yesterday.", THU, "the day before yesterday",
         D(2024, 10, 15), "day"),
        ("Sirens sounded last night.", THU, "last night", D(2024, 10, 16), "day"),
        ("Sirens sounded this morning.", THU, "this morning", THU, "day"),
        ("A ferry sails tomorrow.", THU, "tomorrow", D(2024, 10, 18), "day"),
        ("Troops moved in last week.", THU, "last week", D(2024, 10, 7), "week"),
        ("Troops moved in last week.", MON, "last week", D(2024, 10, 14), "week"),
        ("Troops moved in this week.", THU, "this week", D(2024, 10, 14), "week"),
        ("Troops moved in earlier this week.", THU, "earlier this week",
         D(2024, 10, 14), "week"),
        ("The siege began last month.", THU, "last month", D(2024, 9, 1), "month"),
        ("The siege began last month.", D(2025, 1, 5), "last month", D(2024, 12, 1),
         "month"),
        ("The siege began earlier this month.", THU, "earlier this month",
         D(2024, 10, 1), "month"),
        ("The dam was rebuilt last year.", THU, "last year", D(2023, 1, 1), "year"),
        ("The dam was rebuilt earlier this year.", THU, "earlier this year",
         D(2024, 1, 1), "year"),
        ("The road was cut three days ago.", THU, "three days ago", D(2024, 10, 14),
         "day"),
        ("The road was cut 2 weeks ago.", THU, "2 weeks ago", D(2024, 9, 30), "week"),
        ("The road was cut a month ago.", THU, "a month ago", D(2024, 9, 1), "month"),
        ("The road was cut two years ago.", THU, "two years ago", D(2022, 1, 1),
         "year"),
        ("Ferries stopped over the weekend.", THU, "the weekend", D(2024, 10, 12),
         "week"),
        ("Ferries stopped over the weekend.", MON, "the weekend", D(2024, 10, 19),
         "week"),
        ("Ferries stopped last weekend.", D(2024, 10, 20), "last weekend",
         D(2024, 10, 12), "week"),
    ],
)  # fmt: skip
def test_dates_relative(
    text: str,
    published: datetime.date,
    phrase: str,
    expected: datetime.date,
    precision: str,
) -> None:
    event = only(text, published)
    assert (event.text, event.date, event.precision) == (phrase, expected, precision)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Divers reached the wreck on Oct. 3.", "Oct. 3", D(2024, 10, 3)),
        ("Divers reached the wreck on October 3.", "October 3", D(2024, 10, 3)),
        ("Divers reached the wreck on October 3rd.", "October 3rd", D(2024, 10, 3)),
        ("Divers reached the wreck on 3 October.", "3 October", D(2024, 10, 3)),
        ("Divers reached the wreck on Oct 3, 2023.", "Oct 3, 2023", D(2023, 10, 3)),
        ("Divers reached the wreck on the 3rd of October.", "the 3rd of October",
         D(2024, 10, 3)),
        ("Divers reached the wreck on Thursday, Oct. 3.", "Thursday, Oct. 3",
         D(2024, 10, 3)),
        ("Divers reached the wreck on 2024-10-03.", "2024-10-03", D(2024, 10, 3)),
        ("Divers reached the wreck on Sept. 11.", "Sept. 11", D(2024, 9, 11)),
        ("DIVERS REACHED THE WRECK ON OCTOBER 3", "OCTOBER 3", D(2024, 10, 3)),
        ("The port reopened on May 9.", "May 9", D(2024, 5, 9)),
        ("The port reopened on 1 May 2022.", "1 May 2022", D(2022, 5, 1)),
        ("The port reopened on March 14.", "March 14", D(2024, 3, 14)),
        ("The December 23 strike killed four.", "December 23", D(2023, 12, 23)),
    ],
)  # fmt: skip
def test_dates_absolute_day(text: str, phrase: str, expected: datetime.date) -> None:
    event = only(text, THU)
    assert (event.text, event.date, event.precision) == (phrase, expected, "day")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The most recent such day on or before publication + 7 days.
        ("December 23", D(2025, 1, 5), D(2024, 12, 23)),
        ("January 3", D(2024, 12, 30), D(2025, 1, 3)),
        ("January 10", D(2024, 12, 30), D(2024, 1, 10)),
        ("October 24", THU, D(2024, 10, 24)),
        ("October 25", THU, D(2023, 10, 25)),
        ("February 29", D(2025, 3, 1), D(2024, 2, 29)),
        ("in November", THU, D(2023, 11, 1)),
        ("in December", D(2025, 1, 5), D(2024, 12, 1)),
        ("in January", D(2024, 12, 28), D(2025, 1, 1)),
    ],
)
def test_dates_year_rollover(
    text: str, published: datetime.date, expected: datetime.date
) -> None:
    assert only(text, published).date == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "precision"),
    [
        ("Fighting intensified in October.", "October", D(2024, 10, 1), "month"),
        ("Fighting intensified in early October.", "early October", D(2024, 10, 1),
         "month"),
        ("Fighting intensified in mid-October.", "mid-October", D(2024, 10, 11),
         "month"),
        ("Fighting intensified in late September.", "late September", D(2024, 9, 21),
         "month"),
        ("Fighting intensified at the end of September.", "the end of September",
         D(2024, 9, 21), "month"),
        ("Fighting intensified in October 2023.", "October 2023", D(2023, 10, 1),
         "month"),
        ("Fighting intensified in late October 2023.", "late October 2023",
         D(2023, 10, 21), "month"),
        ("In May, the front held.", "May", D(2024, 5, 1), "month"),
        ("The front held since March.", "March", D(2024, 3, 1), "month"),
        ("The front held last May.", "last May", D(2024, 5, 1), "month"),
        ("The front held last October.", "last October", D(2023, 10, 1), "month"),
        ("Fighting intensified in 2023.", "2023", D(2023, 1, 1), "year"),
        ("The line has held since 2014.", "2014", D(2014, 1, 1), "year"),
        ("The line broke in early 2024.", "early 2024", D(2024, 1, 1), "year"),
        ("The line broke in late 2023.", "late 2023", D(2023, 9, 1), "year"),
    ],
)  # fmt: skip
def test_dates_month_and_year(
    text: str, phrase: str, expected: datetime.date, precision: str
) -> None:
    event = only(text, THU)
    assert (event.text, event.date, event.precision) == (phrase, expected, precision)


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("The ceasefire ran from July to September.", ["July", "September"]),
        ("Raids came between May and June.", ["May", "June"]),
        ("Output fell between 2022 and 2023.", ["2022", "2023"]),
        (
            "On Tuesday the mayor said that on Oct. 3 a drone fell.",
            ["Tuesday", "Oct. 3"],
        ),
    ],
)
def test_dates_several(text: str, phrases: list[str]) -> None:
    found = find_dates(text, THU)
    assert [e.text for e in found] == phrases
    assert all(text[e.start : e.end] == e.text for e in found)


@pytest.mark.parametrize(
    "text",
    [
        "Russia may deploy more troops near the border.",
        "May God protect them, the priest said.",
        "March on Kyiv, the crowd chanted.",
        "Columns will march towards the river.",
        "Putin and May spoke by phone.",
        "The 2022 invasion displaced millions.",
        "Su-34 bombers and 2023 drones were seen.",
        "He visits on Tuesdays.",
        "The form was dated 03/10/2024.",
        "A mayday call came from the ship.",
        "Supplies in may run short.",
    ],
)
def test_dates_not_a_date(text: str) -> None:
    assert find_dates(text, THU) == []


@pytest.mark.parametrize(
    ("text", "phrase", "reason"),
    [
        ("The depot burned on Tuesday.", "Tuesday", REASON_NO_PUBLISHED),
        ("The depot burned yesterday.", "yesterday", REASON_NO_PUBLISHED),
        ("The depot burned last week.", "last week", REASON_NO_PUBLISHED),
        ("The depot burned three days ago.", "three days ago", REASON_NO_PUBLISHED),
        ("The depot burned on December 23.", "December 23", REASON_NO_YEAR),
        ("The depot burned in early October.", "early October", REASON_NO_YEAR),
        ("The depot burned last October.", "last October", REASON_NO_YEAR),
    ],
)
def test_dates_unresolved_without_published(
    text: str, phrase: str, reason: str
) -> None:
    event = only(text, None)
    assert (event.text, event.date, event.precision, event.reason) == (
        phrase,
        None,
        None,
        reason,
    )


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("The depot burned on October 3, 2024.", D(2024, 10, 3), "day"),
        ("The depot burned on 2024-10-03.", D(2024, 10, 3), "day"),
        ("The depot burned in October 2024.", D(2024, 10, 1), "month"),
        ("The depot burned in 2023.", D(2023, 1, 1), "year"),
    ],
)
def test_dates_absolute_without_published(
    text: str, expected: datetime.date, precision: str
) -> None:
    event = only(text, None)
    assert (event.date, event.precision, event.reason) == (expected, precision, "")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The order was dated February 30.", "February 30"),
        ("The order was dated June 31, 2024.", "June 31, 2024"),
        ("The order was dated 2024-13-45.", "2024-13-45"),
    ],
)
def test_dates_impossible_day(text: str, phrase: str) -> None:
    event = only(text, THU)
    assert (event.text, event.date) == (phrase, None)
    assert event.reason.startswith("no such day")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-15", D(2024, 10, 15)),
        (" 2024-10-15 ", D(2024, 10, 15)),
        ("2024-10-15T08:30:00Z", D(2024, 10, 15)),
        ("2024-10-15T23:30:00+03:00", D(2024, 10, 15)),
        ("2024-10-15 08:30", D(2024, 10, 15)),
        (D(2024, 10, 15), D(2024, 10, 15)),
        (datetime.datetime(2024, 10, 15, 8, 30), D(2024, 10, 15)),
        (None, None),
    ],
)
def test_dates_parse_published(
    value: str | datetime.date | None, expected: datetime.date | None
) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["15/10/2024", "yesterday", "2024-13-45", "2024-02-30", "", "20241015", "Oct 15"],
)
def test_dates_parse_published_rejects(value: str) -> None:
    with pytest.raises(InputError) as info:
        parse_published(value)
    assert repr(value) in str(info.value)
    assert info.value.hint is not None and "YYYY-MM-DD" in info.value.hint


def test_dates_parse_published_rejects_other_types() -> None:
    with pytest.raises(InputError, match="int"):
        parse_published(20241015)  # type: ignore[arg-type]


def test_dates_find_accepts_published_string() -> None:
    assert only("It fell on Tuesday.", "2024-10-17T06:00:00Z").date == D(2024, 10, 15)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        find_dates("It fell on Tuesday.", "17/10/2024")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": 5, "end": 2, "text": ""}, "bad span"),
        ({"start": 0, "end": 3, "text": "Tuesday"}, "does not fit"),
        ({"precision": "hour"}, "precision"),
        ({"date": None}, "date=None"),
        ({"reason": "why not"}, "reason"),
    ],
)
def test_dates_event_date_validation(fields: dict[str, object], message: str) -> None:
    good: dict[str, object] = {
        "start": 0,
        "end": 7,
        "text": "Tuesday",
        "date": THU,
        "precision": "day",
        "reason": "",
    }
    with pytest.raises(ValueError, match=message):
        EventDate(**{**good, **fields})  # type: ignore[arg-type]


#: Words that exercise every pattern, shuffled by hypothesis into non-sentences.
VOCABULARY = [
    *"on in early mid late the of last this next since between and to or ago".split(),
    *"Tuesday Sunday May March Oct. October Sept. December may march".split(),
    *"3 3rd 23 31 2023 2024 2024-10-03 1,000 three a days weeks".split(),
    *"today yesterday week month year weekend night morning end -".split(),
    ",",
    ".",
    "\n",
    "\u2019s",
    "'s",
    "Putin",
    "troops",
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(VOCABULARY), max_size=25),
    noise=st.text(max_size=30),
    published=st.one_of(st.none(), st.dates()),
)
def test_dates_offsets_hypothesis(
    words: list[str], noise: str, published: datetime.date | None
) -> None:
    text = " ".join(words) + noise
    found = find_dates(text, published)
    previous_end = 0
    for event in found:
        assert text[event.start : event.end] == event.text
        assert event.start >= previous_end
        previous_end = event.end
        assert (event.date is None) == (event.precision is None) == bool(event.reason)


@pytest.mark.parametrize(
    "published", [datetime.date.min, datetime.date.max, D(1, 1, 3), D(9999, 12, 28)]
)
def test_dates_calendar_edges(published: datetime.date) -> None:
    text = "Last week, yesterday, tomorrow, next Monday, three years ago, December 31."
    for event in find_dates(text, published):
        assert event.date is not None or event.reason


@pytest.mark.parametrize(
    ("text", "published", "phrase", "expected"),
    [
        # "overnight": the night just before publication, dated to the publication day.
        ("Sirens sounded overnight in the port.", THU, "overnight", THU),
        # A day and month with "this/last/next year" take that year, even beyond the
        # few days of FUTURE_TOLERANCE_DAYS.
        ("The vote is set for June 30th this year.", THU, "June 30th this year",
         D(2024, 6, 30)),
        ("Polls open on 20 November this year.", THU, "20 November this year",
         D(2024, 11, 20)),
        ("The dam failed on March 2 last year.", THU, "March 2 last year",
         D(2023, 3, 2)),
        ("The summit opens on May 4 next year.", THU, "May 4 next year", D(2025, 5, 4)),
        # Holidays: the latest one on or before publication (+ the tolerance).
        ("The depot burned on Palm Sunday.", THU, "Palm Sunday", D(2024, 3, 24)),
        ("The depot burned on Good Friday.", THU, "Good Friday", D(2024, 3, 29)),
        ("Shelling eased on Easter Sunday.", THU, "Easter Sunday", D(2024, 3, 31)),
        ("Shelling eased on Orthodox Easter.", THU, "Orthodox Easter", D(2024, 5, 5)),
        ("The bridge fell on Christmas Eve.", THU, "Christmas Eve", D(2023, 12, 24)),
        ("The bridge fell on Christmas Eve.", D(2024, 12, 20), "Christmas Eve",
         D(2024, 12, 24)),
        ("Ferries resumed on New Year\u2019s Day 2023.", THU, "New Year\u2019s Day 2023",
         D(2023, 1, 1)),
    ],
)  # fmt: skip
def test_dates_named_days(
    text: str, published: datetime.date, phrase: str, expected: datetime.date
) -> None:
    event = only(text, published)
    assert (event.text, event.date, event.precision, event.reason) == (
        phrase, expected, "day", ""
    )


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "precision"),
    [
        ("The deal collapsed in May last year.", "May last year", D(2023, 5, 1), "month"),
        ("The deal collapsed in May this year.", "May this year", D(2024, 5, 1), "month"),
    ],
)  # fmt: skip
def test_dates_month_relative_year(
    text: str, phrase: str, expected: datetime.date, precision: str
) -> None:
    event = only(text, THU)
    assert (event.text, event.date, event.precision) == (phrase, expected, precision)


@pytest.mark.parametrize(
    ("year", "western", "orthodox"),
    [
        (2019, D(2019, 4, 21), D(2019, 4, 28)),
        (2023, D(2023, 4, 9), D(2023, 4, 16)),
        (2024, D(2024, 3, 31), D(2024, 5, 5)),
        (2025, D(2025, 4, 20), D(2025, 4, 20)),
        (2017, D(2017, 4, 16), D(2017, 4, 16)),
    ],
)
def test_dates_easter(year: int, western: datetime.date, orthodox: datetime.date) -> None:
    assert easter(year) == western
    assert easter(year, orthodox=True) == orthodox
    assert easter(year).weekday() == easter(year, orthodox=True).weekday() == 6


@pytest.mark.parametrize(
    ("text", "phrase", "expected", "reason"),
    [
        # default_year stands in for the year of an undated text's "April 9".
        ("Troops crossed the river on April 9.", "April 9", D(2021, 4, 9), ""),
        ("Shelling stopped on Good Friday.", "Good Friday", D(2021, 4, 2), ""),
        ("There is no February 30 in any year.", "February 30", None,
         "no such day: February 30"),
        # ... but relative phrases still need the publication date.
        ("Troops crossed the river on Tuesday.", "Tuesday", None, REASON_NO_PUBLISHED),
        ("The vote is set for June 30th this year.", "June 30th this year", None,
         REASON_NO_PUBLISHED),
    ],
)  # fmt: skip
def test_dates_default_year(
    text: str, phrase: str, expected: datetime.date | None, reason: str
) -> None:
    found = find_dates(text, None, default_year=2021)
    assert [(e.text, e.date, e.reason) for e in found] == [(phrase, expected, reason)]
    with_published = find_dates(text, D(2024, 10, 17), default_year=2021)
    assert all(e.date is None or e.date.year != 2021 for e in with_published)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On March 7, 2019, talks began. On March 13 they broke down.", 2019),
        ("Talks began on 2018-03-07 and ended on 9 May 2018; a year later, in "
         "March 2020, on 1 June 2020, they resumed.", 2018),
        ("Talks on 1 May 2019 and 2 May 2020.", 2020),  # a tie: the latest year
        ("The line has held since 2014 and broke in March 2015.", None),
        ("Troops crossed the river on Tuesday.", None),
    ],
)  # fmt: skip
def test_dates_text_year(text: str, expected: int | None) -> None:
    assert text_year(text) == expected


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # A range of days names its first day.
        ("Drones hit the port on the night of 5-6 October.", "5-6 October",
         D(2024, 10, 5)),
        ("Drones hit the port on the night of 5 to 6 October.", "5 to 6 October",
         D(2024, 10, 5)),
        ("Talks ran on Oct. 7\u20139 in the capital.", "Oct. 7\u20139", D(2024, 10, 7)),
        ("Talks ran on October 7 and 8, 2023.", "October 7 and 8, 2023",
         D(2023, 10, 7)),
        ("A raid came on 30-31 December last year.", "30-31 December last year",
         D(2023, 12, 30)),
        # "overnight into Saturday" is the Saturday.
        ("Drones attacked overnight into Saturday.", "overnight into Saturday",
         D(2024, 10, 12)),
    ],
)  # fmt: skip
def test_dates_ranges(text: str, phrase: str, expected: datetime.date) -> None:
    event = only(text, THU)
    assert (event.text, event.date, event.precision) == (phrase, expected, "day")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The final ended 3-1 October in the rain.", "1 October"),  # no backward range
        ("Between 1,500 and 2 October.", "2 October"),
    ],
)
def test_dates_not_a_range(text: str, phrase: str) -> None:
    assert only(text, THU).text == phrase


def test_dates_many_phrases_keep_text_order() -> None:
    # Thousands of dates in one paragraph: every phrase once, disjoint, in order.
    text = "Drones hit the depot on Tuesday and again on Oct. 3 and early October; " * 2000
    found = find_dates(text, THU)
    assert [e.text for e in found[:3]] == ["Tuesday", "Oct. 3", "early October"]
    assert len(found) == 6000
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
