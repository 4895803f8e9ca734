"""Who "he" and "she" are: the people a document names, with their gender and where.

A pronoun subject of a verb of saying ("he said") refers, most of the time, to the
latest person of its gender named before it, whether or not that person was a
source yet ("Trump rallied in Ohio. ... He said ..."). :class:`People` lists the
person names of a document with the offsets of every mention (the full name, and
later the surname alone or after an honorific), and answers that question.

A person name is two or three capitalised words whose first is a given name that
the name dictionary of ``gender-guesser`` (already used to build the gazetteer)
genders male or female, or a surname after a gendered honorific ("Mr. Biden",
"Mrs. Clinton"). Names it does not know ("Volodymyr", "Najlaa") are still people
when a title precedes them, with no gender; they answer no gendered pronoun.

Examples
--------
>>> text = "Hillary Clinton met Donald Trump. Later Clinton spoke. She said it."
>>> People.build(text).latest(text.index("She"), "she")
'Hillary Clinton'
>>> People.build(text).latest(text.index("She"), "he")
'Donald Trump'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from geoclaims.text import lexicon

Gender = Literal["male", "female"]

#: Pronoun -> the gender it refers to.
PRONOUN_GENDER: dict[str, Gender] = {"he": "male", "him": "male", "she": "female",
                                     "her": "female"}
#: How far back (characters) a pronoun's person is looked for.
LOOKBACK_CHARS = 3_000
#: Honorifics that give a gender.
_GENDERED_HONORIFICS: dict[str, Gender] = {"mr": "male", "mrs": "female", "ms": "female",
                                           "miss": "female", "sir": "male", "lady": "female"}

#: A capitalised word and one or two more (a middle initial allowed), looked for at
#: every word (a lookahead), so that "Mayor John Carter" is also tried at "John".
_NAME = re.compile(
    r"\b(?=(?P<first>[A-Z][a-z]+)\s+(?P<rest>(?:[A-Z]\.\s+)?(?:[A-Z][a-z'’-]+\s+)?"
    r"(?:(?:Mc|Mac|O['’])?[A-Z][a-z'’-]+))\b)"
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+\b")
_HONORIFIC = re.compile(
    r"\b(?P<hon>Mr|Mrs|Ms|Miss|Sir|Lady)\.?\s+(?P<surname>[A-Z][a-z'’-]+)\b"
)


@cache
def _detector() -> object:
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


@cache
def given_name_gender(name: str) -> Gender | None:
    """Gender of a given name by ``gender-guesser`` ("mostly" counts), or None.

    Examples
    --------
    >>> given_name_gender("Hillary"), given_name_gender("Donald"), given_name_gender("Kyiv")
    ('female', 'male', None)
    """
    if name.lower() in _NOT_GIVEN:
        return None
    found = _detector().get_gender(name)  # type: ignore[attr-defined]
    if found in ("male", "mostly_male"):
        return "male"
    if found in ("female", "mostly_female"):
        return "female"
    return None


#: Capitalised words that open a sentence or a name without being given names.
_NOT_GIVEN = (lexicon.words("function_words") | lexicon.words("titles")
              | lexicon.calendar_words())


@dataclass(frozen=True, slots=True)
class _Mention:
    at: int
    name: str
    gender: Gender | None


@dataclass(slots=True)
class People:
    """Person mentions of one document, in text order."""

    mentions: list[_Mention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, text: str) -> People:
        """Find the person names of ``text`` and every later mention of each."""
        gender_of: dict[str, Gender | None] = {}  # full name -> gender
        surnames: dict[str, str] = {}  # surname -> latest full name
        found: list[_Mention] = []
        taken = -1  # end of the last name found: a name is not looked for inside it
        for m in _NAME.finditer(text):
            if m.start() < taken:
                continue
            gender = given_name_gender(m.group("first"))
            if gender is None:
                continue
            full = f"{m.group('first')} {m.group('rest')}"
            taken = m.end("rest")
            gender_of[full] = gender
            surnames[full.split()[-1]] = full
            found.append(_Mention(m.start(), full, gender))
        for m in _HONORIFIC.finditer(text):
            surname = m.group("surname")
            full = surnames.get(surname, f"{m.group('hon')}. {surname}")
            found.append(_Mention(m.start(), full, _GENDERED_HONORIFICS[m.group("hon").lower()]))
        if surnames:  # one pass over the capitalised words: linear in the text
            for m in _CAPITALISED.finditer(text):
                named = surnames.get(m.group(0))
                if named is not None:
                    found.append(_Mention(m.start(), named, gender_of.get(named)))
        found.sort(key=lambda x: x.at)
        return cls(found, [x.at for x in found])

    def latest(self, before: int, pronoun: str) -> str | None:
        """The latest person of the pronoun's gender mentioned before offset ``before``
        (within :data:`LOOKBACK_CHARS`), or None."""
        gender = PRONOUN_GENDER.get(pronoun.strip().lower())
        if gender is None:
            return None
        i = bisect.bisect_left(self._starts, before) - 1
        while i >= 0 and self.mentions[i].at >= before - LOOKBACK_CHARS:
            if self.mentions[i].gender == gender:
                return self.mentions[i].name
            i -= 1
        return None
