"""Event dates of claims: report dates, datelines, states, stances, carried days."""

from __future__ import annotations

import datetime

import pytest

from geoclaims.claims.event_dates import choose_event_date, report_role
from geoclaims.pipeline import analyze
from geoclaims.text.dates import find_dates

#: A Thursday: Monday is 2024-10-14, Tuesday 2024-10-15, Wednesday 2024-10-16.
THU = datetime.date(2024, 10, 17)


def _choose(text: str, published: datetime.date | None = THU, *, stance: bool = False
            ) -> tuple[str | None, str | None, str]:
    return choose_event_date(text, find_dates(text, published), published=published,
                             stance=stance)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        # event: a day that is not the report's.
        ("Two drones hit the depot on Monday, the governor said.", "2024-10-14", "event"),
        ("The governor said on Tuesday that drones hit the depot on Monday.",
         "2024-10-14", "event"),
        ("On Tuesday, troops shelled the village, the governor said.", "2024-10-15",
         "event"),
        ("Drones hit the depot on Palm Sunday, officials said.", "2024-03-24", "event"),
        # report: a date of the saying is left out, the event is earlier.
        ("The governor said on Tuesday that two drones had hit the depot.", None,
         "report date"),
        ("The ministry on Tuesday said two drones hit the depot.", None, "report date"),
        ("The ministry this morning said two drones hit the depot.", None, "report date"),
        ("On Tuesday, regional governor Ivan Sirko said two drones hit the depot.", None,
         "report date"),
        ("Posting on Telegram on Tuesday, the mayor named three damaged schools.", None,
         "report date"),
        ("The mayor told reporters on Tuesday that three schools were damaged.", None,
         "report date"),
        ("The mayor said in a statement late on Tuesday that a school was damaged.", None,
         "report date"),
        # dateline: the date of the dispatch.
        ("ODESA, Oct 16 - Port officials said two drones hit a grain silo.", None,
         "dateline date"),
        # report_state: what is reported holds on the day of the report.
        ("Officials reported on Tuesday that evacuations are under way.", "2024-10-15",
         "report_state"),
        ("The governor said on Monday that a raiding party was being pushed back.",
         "2024-10-14", "report_state"),
        ("The minister said on Monday that Russia plans to open a new front.",
         "2024-10-14", "report_state"),
        ("ODESA, Oct 16 - The port remains closed to grain ships, officials said.",
         "2024-10-16", "report_state"),
        # a deictic phrase counts from the report's day.
        ("Officials said on Monday that drones struck a fuel depot overnight.",
         "2024-10-14", "counted from the report's day"),
        ("Officials said on Monday that the depot burned yesterday.", "2024-10-13",
         "counted from the report's day"),
        # a week, a month or a year is not an event date.
        ("The siege of the town began last month.", None, "a month, not a day"),
        ("Troops advanced in the area last week.", None, "a week, not a day"),
        ("The line has held in the area since 2014.", None, "a year, not a day"),
        # no publication date: no guess, the reason is kept.
        ("Two drones hit the depot on Monday, the governor said.", None,
         "relative date and no publication date"),
    ],
)  # fmt: skip
def test_event_dates_rules(text: str, expected: str | None, rule: str) -> None:
    published = None if rule.startswith("relative") else THU
    date, precision, note = _choose(text, published)
    assert date == expected, note
    assert precision == ("day" if expected else None)
    assert rule in note


@pytest.mark.parametrize(
    ("stance", "expected"),
    [(True, "2024-10-15"), (False, None)],
)
def test_event_dates_report_stance(stance: bool, expected: str | None) -> None:
    text = "At a briefing on Tuesday, the spokesman said he could not confirm the reports."
    date, _, note = _choose(text, stance=stance)
    assert date == expected
    assert ("report_stance" in note) is stance


def test_event_dates_stance_words_far_from_the_date_do_not_count() -> None:
    text = ("The army said on Tuesday it had destroyed two launchers and a fuel depot "
            "near the border during a night raid that lasted several hours, but the "
            "other side denied it.")
    assert _choose(text, stance=True)[0] is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("KHARKIV, Oct 16 - Drones hit a depot.", "dateline"),
        ("KHARKIV (Test Wire), Oct 16 \u2013 Drones hit a depot.", "dateline"),
        ("The mayor said on Oct 16 that drones hit a depot.", "report"),
        ("Drones hit a depot on Oct 16, the mayor said.", None),
        ("Police said Oct 16's attack killed five people.", None),  # a thing's date
        ("Explosions were also reported on Oct 16 near the depot.", None),
        ("Drones were reported on Oct 16 near the depot.", None),  # passive: the event's
    ],
)
def test_event_dates_report_role(text: str, role: str | None) -> None:
    (date,) = find_dates(text, THU)
    assert report_role(text, date) == role


def test_event_dates_carried_by_a_clock_time(gazetteer):  # type: ignore[no-untyped-def]
    text = ("Two drones hit a fuel depot in Kharkiv on Tuesday, officials said. "
            "The governor said the depot had been closed for repairs. "
            "At around 6:30 a.m., a third drone struck the same depot in Kharkiv. "
            "Hours later, rescuers pulled two workers from the rubble in Kharkiv.")
    claims = analyze(text, published=THU, outlet="Test Wire", gazetteer=gazetteer).claims
    assert [c.event_date for c in claims] == [
        "2024-10-15", None, "2024-10-15", "2024-10-15"
    ]
    assert claims[2].date_note.startswith("carried: 'At around 6:30 a.m.'")
    assert claims[3].date_note.startswith("carried: 'Hours later'")


def test_event_dates_not_carried_without_a_dated_claim(gazetteer):  # type: ignore[no-untyped-def]
    text = ("The governor said the depot in Kharkiv had been closed for repairs. "
            "At around 6:30 a.m., a drone struck the same depot in Kharkiv.")
    claims = analyze(text, published=THU, outlet="Test Wire", gazetteer=gazetteer).claims
    assert [c.event_date for c in claims] == [None, None]


def test_event_dates_undated_text_takes_its_own_year(gazetteer):  # type: ignore[no-untyped-def]
    text = ("On March 7, 2019, the governor said troops are massing near Kharkiv. "
            "On March 13, two drones hit a fuel depot in Kharkiv, officials said.")
    claims = analyze(text, outlet="Test Wire", gazetteer=gazetteer).claims
    assert [c.event_date for c in claims] == ["2019-03-07", "2019-03-13"]
    assert claims[0].date_note.startswith("report_state")


@pytest.mark.parametrize(
    ("follow", "expected"),
    [
        ("The next day, rescuers pulled two workers from the rubble in Kharkiv.",
         "2024-10-16"),
        ("Two days later, rescuers pulled two workers from the rubble in Kharkiv.",
         "2024-10-17"),
        ("The previous day, sirens had sounded across the city of Kharkiv.",
         "2024-10-14"),
        ("Shortly before dawn, a second drone struck the depot in Kharkiv.",
         "2024-10-15"),
        ("At 0630 GMT, a second drone struck the same depot in Kharkiv.", "2024-10-15"),
        ("Later in the day, rescuers pulled two workers from the rubble in Kharkiv.",
         "2024-10-15"),
        ("That night, sirens sounded again across the city of Kharkiv.", "2024-10-15"),
        # "later" alone does not say the same day.
        ("Rescuers later pulled two workers from the rubble in Kharkiv.", None),
    ],
)
def test_event_dates_carried_days_on(gazetteer, follow, expected):  # type: ignore[no-untyped-def]
    text = f"Two drones hit a fuel depot in Kharkiv on Tuesday, officials said. {follow}"
    claims = analyze(text, published=THU, outlet="Test Wire", gazetteer=gazetteer).claims
    assert [c.event_date for c in claims] == ["2024-10-15", expected]
