"""Russian and Ukrainian date phrases resolved against the publication date.

The conventions of :mod:`geoclaims.text.dates` hold: a phrase becomes an
:class:`~geoclaims.text.dates.EventDate`, a phrase that cannot be placed keeps
``date=None`` with the reason, and nothing is guessed. Recognised:

- a day and a month in the genitive, with an optional year ("15 октября", "15
  жовтня 2024 року", "в ночь на 20 декабря" names the 20th): the year as
  :mod:`geoclaims.text.dates` infers it;
- a weekday after "в"/"во"/"у" ("во вторник", "у понеділок"): the most recent such
  day on or before publication;
- "сегодня"/"сьогодні" (publication day), "вчера"/"вчора"/"учора" and
  "накануне"/"напередодні" (the day before), "позавчера"/"позавчора" (two days
  before).

The month and weekday names are the tables ``ru/months.txt``, ``uk/months.txt``,
``ru/weekdays.txt`` and ``uk/weekdays.txt``.
"""

from __future__ import annotations

import datetime
import re
from functools import cache

from geoclaims.text import lexicon
from geoclaims.text.dates import (
    REASON_NO_PUBLISHED,
    REASON_NO_YEAR,
    EventDate,
    _infer_year,
    _weekday,
    parse_published,
)

__all__ = ["RELATIVE_DAYS", "find_dates_cyrillic", "text_year_cyrillic"]

#: Deictic day words and their offset in days from publication.
RELATIVE_DAYS: dict[str, int] = {
    "сегодня": 0, "сьогодні": 0, "вчера": -1, "вчора": -1, "учора": -1,
    "накануне": -1, "напередодні": -1, "позавчера": -2, "позавчора": -2,
}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                         dict[str, int], dict[str, int]]:
    months = {k: int(v) for lang in ("ru", "uk")
              for k, v in lexicon.numbers("months", lang).items()}
    weekdays = {k: int(v) for lang in ("ru", "uk")
                for k, v in lexicon.numbers("weekdays", lang).items()}
    day = re.compile(
        rf"(?<![\w.])(?P<day>3[01]|[12]\d|0?[1-9])\s+(?P<month>{lexicon.alternation(months)})"
        r"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|году|г\.|року|р\.))?)?(?!\w)",
        re.IGNORECASE)
    weekday = re.compile(
        rf"(?<!\w)(?:во?|у)\s+(?P<wd>{lexicon.alternation(weekdays)})(?!\w)", re.IGNORECASE)
    relative = re.compile(rf"(?<!\w)(?P<rel>{lexicon.alternation(RELATIVE_DAYS)})(?!\w)",
                          re.IGNORECASE)
    return day, weekday, relative, months, weekdays


def find_dates_cyrillic(
    text: str, published: datetime.date | str | None, *, default_year: int | None = None,
) -> list[EventDate]:
    """Russian and Ukrainian date phrases of ``text``, in text order.

    Parameters
    ----------
    text : str
        Any text.
    published : datetime.date, str or None
        Publication date, read with :func:`~geoclaims.text.dates.parse_published`.
    default_year : int, optional
        Used only without ``published``: the year of a day and month written
        without one.

    Examples
    --------
    >>> pub = datetime.date(2024, 10, 17)
    >>> [(d.text, str(d.date)) for d in find_dates_cyrillic(
    ...     "Во вторник дроны атаковали склад, а 15 октября — порт.", pub)]
    [('вторник', '2024-10-15'), ('15 октября', '2024-10-15')]
    >>> [str(d.date) for d in find_dates_cyrillic("Вчора ворог обстріляв місто.", pub)]
    ['2024-10-16']
    >>> find_dates_cyrillic("Вчора ворог обстріляв місто.", None)[0].reason
    'relative date and no publication date'
    """
    published = parse_published(published)
    day_p, weekday_p, relative_p, months, weekdays = _patterns()
    found: list[EventDate] = []
    for m in day_p.finditer(text):
        month, day = months[m["month"].casefold()], int(m["day"])
        date: datetime.date | None
        reason = ""
        try:
            if m["year"]:
                date = datetime.date(int(m["year"]), month, day)
            elif published is not None:
                date = _infer_year(published, month, day)
            elif default_year is not None:
                date = datetime.date(default_year, month, day)
            else:
                date, reason = None, REASON_NO_YEAR
        except ValueError:
            date, reason = None, f"no such day: {m.group()}"
        found.append(EventDate(start=m.start(), end=m.end(), text=m.group(), date=date,
                               precision="day" if date else None, reason=reason))
    for m in weekday_p.finditer(text):
        wd = weekdays[m["wd"].casefold()]
        date = _weekday(published, wd, "") if published is not None else None
        found.append(EventDate(start=m.start("wd"), end=m.end(), text=m["wd"], date=date,
                               precision="day" if date else None,
                               reason="" if date else REASON_NO_PUBLISHED))
    for m in relative_p.finditer(text):
        offset = RELATIVE_DAYS[m["rel"].casefold()]
        date = published + datetime.timedelta(days=offset) if published is not None else None
        found.append(EventDate(start=m.start(), end=m.end(), text=m.group(), date=date,
                               precision="day" if date else None,
                               reason="" if date else REASON_NO_PUBLISHED))
    found.sort(key=lambda d: d.start)
    return found


def text_year_cyrillic(text: str) -> int | None:
    """The year a Russian or Ukrainian text's fully dated days give, as
    :func:`geoclaims.text.dates.text_year` reads English ones (most frequent, the
    latest on a tie).

    Examples
    --------
    >>> text_year_cyrillic("3 марта 2024 года начались переговоры. 13 марта они сорвались.")
    2024
    >>> text_year_cyrillic("13 березня переговори зірвалися.") is None
    True
    """
    years = [int(m["year"]) for m in _patterns()[0].finditer(text) if m["year"]]
    if not years:
        return None
    return max(set(years), key=lambda y: (years.count(y), y))
