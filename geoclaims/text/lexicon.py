"""Named word lists (lexicons) read from package data, and the gazetteer name flags.

Each list is one file, ``geoclaims/data/lexicons/<lang>/<name>.txt``:

- a header of ``#`` comment lines saying what the list is for, where it is used and
  how case is treated;
- one entry (a word or a phrase) a line, in the order the file gives; blank lines
  and further ``#`` lines are skipped;
- a table gives each entry a value after `` = `` (``"january = 1"``);
- an entry whose spaces matter is written in double quotes (``"ap "``).

A Russian or Ukrainian list is a new file under ``ru/`` or ``uk/``, not new code.
``mul/`` holds lists whose entries come from many languages at once.

Examples
--------
>>> "mrs" in words("titles")
True
>>> table("months")["march"]
'3'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import IntFlag
from functools import cache
from importlib import resources
from types import MappingProxyType

from geoclaims.errors import ConfigurationError

#: Separator between an entry and its value in a table.
VALUE_SEPARATOR = " = "


class NameFlag(IntFlag):
    """How a name belongs to a place; stored as an integer with every gazetteer name.

    A (name, place) pair may carry several flags: "Kiev" is an alternate of Kyiv
    and also a curated alias. The values are those written by
    :mod:`geoclaims.places.build`; changing one needs a gazetteer rebuild.

    Examples
    --------
    >>> NameFlag.PRIMARY | NameFlag.ALIAS
    <NameFlag.OWN: 9>
    >>> bool(12 & NameFlag.OWN)
    True
    """

    #: The place's own (GeoNames primary) name.
    PRIMARY = 1
    #: An alternate name (GeoNames alternate names, other languages).
    ALTERNATE = 2
    #: A name derived by the build ("Kursk" from "Kursk Oblast").
    DERIVED = 4
    #: A curated alias (``geoclaims/data/aliases.csv``).
    ALIAS = 8
    #: A demonym ("Russian"): resolvable, but not recognised as a toponym.
    DEMONYM = 16
    #: The names that are a place's own: primary or curated alias.
    OWN = PRIMARY | ALIAS


def _path(name: str, lang: str) -> resources.abc.Traversable:
    return resources.files("geoclaims") / "data" / "lexicons" / lang / f"{name}.txt"


def available(lang: str = "en") -> tuple[str, ...]:
    """Names of the lists there are for ``lang``, sorted.

    Examples
    --------
    >>> "titles" in available("en")
    True
    """
    folder = resources.files("geoclaims") / "data" / "lexicons" / lang
    if not folder.is_dir():
        return ()
    return tuple(sorted(
        p.name.removesuffix(".txt") for p in folder.iterdir() if p.name.endswith(".txt")
    ))


@cache
def entries(name: str, lang: str = "en") -> tuple[str, ...]:
    """The lines of list ``name`` in language ``lang``, as written, in file order.

    Comment and blank lines are dropped and surrounding double quotes removed;
    table lines keep their `` = value``.

    Raises
    ------
    ConfigurationError
        There is no such list (the message names the lists there are).
    """
    path = _path(name, lang)
    if not path.is_file():
        raise ConfigurationError(
            f"No lexicon {name!r} for language {lang!r}: there is no "
            f"geoclaims/data/lexicons/{lang}/{name}.txt. Lists for {lang!r}: "
            f"{', '.join(available(lang)) or 'none'}."
        )
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if len(line) >= 2 and line[0] == line[-1] == '"':
            line = line[1:-1]
        out.append(line)
    return tuple(out)


@cache
def phrases(name: str, lang: str = "en") -> tuple[str, ...]:
    """The entries of list ``name``, in file order (for ordered rules and tuples).

    Examples
    --------
    >>> phrases("feature_prefixes")[:2]
    ('lake', 'mount')
    """
    return tuple(e.partition(VALUE_SEPARATOR)[0] for e in entries(name, lang))


@cache
def words(name: str, lang: str = "en") -> frozenset[str]:
    """The entries of list ``name`` as a set, for membership tests.

    Entries are as written: a lowercase list is matched against lowercased words.

    Examples
    --------
    >>> "oblast" in words("admin_words")
    True
    """
    return frozenset(phrases(name, lang))


@cache
def table(name: str, lang: str = "en") -> Mapping[str, str]:
    """The entries of list ``name`` with their values (``entry = value`` lines).

    The mapping is read-only and keeps the file order; callers convert the values.

    Raises
    ------
    ConfigurationError
        There is no such list, or a line has no `` = value``.

    Examples
    --------
    >>> table("weekdays")["monday"]
    '0'
    """
    out: dict[str, str] = {}
    for entry in entries(name, lang):
        key, sep, value = entry.partition(VALUE_SEPARATOR)
        if not sep:
            raise ConfigurationError(
                f"Lexicon {lang}/{name}.txt: the line {entry!r} has no value; "
                f"write it as 'entry{VALUE_SEPARATOR}value'."
            )
        out[key] = value
    return MappingProxyType(out)


@cache
def numbers(name: str, lang: str = "en") -> Mapping[str, float]:
    """The entries of table ``name`` with their values read as numbers.

    Raises
    ------
    ConfigurationError
        There is no such list, or a value is not a number.

    Examples
    --------
    >>> numbers("weekdays")["sunday"]
    6.0
    """
    out: dict[str, float] = {}
    for key, value in table(name, lang).items():
        try:
            out[key] = float(value)
        except ValueError as err:
            raise ConfigurationError(
                f"Lexicon {lang}/{name}.txt: the value {value!r} of {key!r} is not a "
                "number."
            ) from err
    return MappingProxyType(out)


@cache
def calendar_words(lang: str = "en") -> frozenset[str]:
    """Month and weekday names (lowercase): words that date, never name, a place or a
    person ("Tuesday:", "May Lopez").

    Examples
    --------
    >>> {"march", "monday"} <= calendar_words()
    True
    """
    return frozenset(table("months", lang)) | frozenset(table("weekdays", lang))


def stem(word: str) -> str:
    """Light stem of a lowercase English word, for comparing verb forms.

    Irregular forms go through the ``irregular_verbs`` table; then one of the
    endings -ies/-ied, -ing, -ed, -s is cut, then a final "e" and a doubled
    consonant, so that "note", "noted" and "noting" (or "plan", "planned") end up
    alike. A stem is a key, not a word.

    Examples
    --------
    >>> stem("said") == stem("say"), stem("noted") == stem("notes") == stem("note")
    (True, True)
    >>> stem("planned") == stem("plans"), stem("vowing") == stem("vow")
    (True, True)
    """
    word = table("irregular_verbs").get(word, word)
    if len(word) > 4 and word.endswith(("ies", "ied")):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]
    return word


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of ``items``, escaped, longest first (stable otherwise).

    Longest first, so that "per cent" is tried before "per".

    Examples
    --------
    >>> alternation(["km", "kms", "m"])
    'kms|km|m'
    """
    return "|".join(sorted((re.escape(w) for w in items), key=len, reverse=True))
