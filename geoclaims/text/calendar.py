"""Calendar facts the date rules read: publication dates, holidays, Easter.

:func:`parse_published` reads the publication date of a document (the date
relative phrases are resolved against); :data:`HOLIDAYS` and :func:`holiday_date`
put "on Palm Sunday" on the calendar. :mod:`geoclaims.text.dates` re-exports
``parse_published`` and ``easter``.
"""

from __future__ import annotations

import datetime
import re

from geoclaims.errors import InputError

__all__ = ["HOLIDAYS", "easter", "holiday_date", "parse_published"]

#: Holidays that news dates events by ("on Palm Sunday"): name -> (month, day) of a
#: fixed date, or days after Western (``"easter"``) or Orthodox
#: (``"orthodox_easter"``) Easter Sunday.
HOLIDAYS: dict[str, tuple[int, int] | tuple[str, int]] = {
    "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Christmas": (12, 25),
    "Christmas Day": (12, 25), "Christmas Eve": (12, 24), "Orthodox Christmas": (1, 7),
    "Easter": ("easter", 0), "Easter Sunday": ("easter", 0),
    "Easter Monday": ("easter", 1), "Good Friday": ("easter", -2),
    "Palm Sunday": ("easter", -7), "Orthodox Easter": ("orthodox_easter", 0),
}  # fmt: skip


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                           r"(?:Z|[+-]\d{2}:?\d{2})?")  # fmt: skip


def parse_published(value: str | datetime.date | None) -> datetime.date | None:
    """Read a publication date.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime or None
        ``"YYYY-MM-DD"``, an ISO 8601 date-time (``"2024-10-15T08:30:00Z"``; the date
        is taken as written, in the string's own offset), a date or datetime object,
        or ``None`` for "unknown".

    Returns
    -------
    datetime.date or None

    Raises
    ------
    geoclaims.errors.InputError
        For anything else ("15/10/2024", "yesterday", "2024-13-45").

    Examples
    --------
    >>> parse_published("2024-10-15T08:30:00Z")
    datetime.date(2024, 10, 15)
    >>> parse_published(None) is None
    True
    >>> parse_published("15/10/2024")
    Traceback (most recent call last):
    ...
    geoclaims.errors.InputError: Publication date '15/10/2024' is not an ISO date (use YYYY-MM-DD, e.g. 2024-10-15)
    """  # noqa: E501 (the doctest output is one line)
    hint = "use YYYY-MM-DD, e.g. 2024-10-15"
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise InputError(
            f"Publication date must be a string or a date, got "
            f"{type(value).__name__} {value!r}",
            hint=hint,
        )
    stripped = value.strip()
    try:
        if _ISO_DAY.fullmatch(stripped):
            return datetime.date.fromisoformat(stripped)
        if _ISO_DATETIME.fullmatch(stripped):
            return datetime.datetime.fromisoformat(stripped).date()
    except ValueError as err:
        raise InputError(
            f"Publication date {value!r} is not a valid calendar date", hint=hint
        ) from err
    raise InputError(f"Publication date {value!r} is not an ISO date", hint=hint)


def easter(year: int, *, orthodox: bool = False) -> datetime.date:
    """Easter Sunday of ``year`` (Gregorian calendar), Western or Orthodox.

    Western: the anonymous Gregorian computus (Meeus, *Astronomical Algorithms*,
    ch. 8). Orthodox: Meeus's Julian computus, moved to the Gregorian calendar
    (13 days in 1900-2099).

    Examples
    --------
    >>> easter(2024), easter(2024, orthodox=True)
    (datetime.date(2024, 3, 31), datetime.date(2024, 5, 5))
    """
    if orthodox:
        a, b, c = year % 4, year % 7, year % 19
        d = (19 * c + 15) % 30
        e = (2 * a + 4 * b - d + 34) % 7
        month, day = divmod(d + e + 114, 31)
        julian = datetime.date(year, month, day + 1)
        return julian + datetime.timedelta(days=year // 100 - year // 400 - 2)
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def holiday_date(name: str, year: int) -> datetime.date:
    """The day of holiday ``name`` (a key of :data:`HOLIDAYS`) in ``year``."""
    rule = HOLIDAYS[name]
    if isinstance(rule[0], str):
        base = easter(year, orthodox=rule[0] == "orthodox_easter")
        return base + datetime.timedelta(days=rule[1])
    return datetime.date(year, rule[0], rule[1])
