"""Toponym candidate spans and the hints around them (no gazetteer involved)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from geoclaims.text import lexicon
from geoclaims.text.segment import Token, segment

#: What the words around a mention say about its kind.
Hint = Literal["admin", "populated", "country", "water", "section", ""]

#: Lowercase words that may sit inside a multi-word place name.
CONNECTORS = lexicon.words("name_connectors")
#: Words after a name that make it an administrative region ("Kursk region").
ADMIN_WORDS = lexicon.words("admin_words")
#: Words before "of X" that make X a populated place ("the city of Donetsk").
SETTLEMENT_WORDS = lexicon.words("settlement_words")
#: Modifiers that may stand between a name and its admin word.
ADMIN_MODIFIERS = lexicon.words("admin_modifiers")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A place name found in a text."""

    #: Python str offsets into the text, end exclusive.
    start: int
    end: int
    #: ``text[start:end]``.
    text: str
    #: What the context says about the kind of place ("" when nothing).
    hint: Hint = ""
    #: Index of the sentence the mention is in.
    sentence: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"Mention: bad span start={self.start!r} end={self.end!r}")


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, numbered by sentence (:func:`geoclaims.text.segment.segment`).

    For one-off use: :func:`geoclaims.pipeline.analyze` segments a document once and
    hands the same tokens to every step.

    Examples
    --------
    >>> [t.text for t in tokenize("Near St. Louis, U.S. forces.")]
    ['Near', 'St.', 'Louis', ',', 'U.S.', 'forces', '.']
    """
    return list(segment(text).tokens)


def is_sentence_initial(tokens: list[Token], i: int) -> bool:
    """True if token ``i`` is the first word of its sentence (quotes ignored)."""
    j = i - 1
    while j >= 0 and tokens[j].text in {'"', "“", "‘", "'", "(", "-", "—", "–", ":"}:
        j -= 1
    return j < 0 or tokens[j].sentence != tokens[i].sentence


def candidate_spans(tokens: list[Token], max_tokens: int = 8) -> list[tuple[int, int]]:
    """Token ranges ``[i, j)`` that could be place names.

    A range starts with a capitalised word or an abbreviation and continues over
    capitalised words, connectors ("of", "de", "upon") and hyphens; it never
    crosses a sentence boundary or other punctuation.
    """
    out: list[tuple[int, int]] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not (tok.is_cap and (tok.is_word or tok.text.endswith("."))):
            continue
        j = i + 1
        out.append((i, j))
        while j < n and j - i < max_tokens:
            nxt = tokens[j]
            if nxt.sentence != tok.sentence:
                break
            if nxt.is_cap and nxt.is_word:
                j += 1
                out.append((i, j))
            elif nxt.text == "." and tokens[j - 1].is_cap and len(tokens[j - 1].text) <= 5:
                # Abbreviations: "Ind.", "W.Va.", "W. Va.", "Calif."
                j += 1
                out.append((i, j))
            elif nxt.text in {"'", "’"} and j + 1 < n and tokens[j + 1].text == "s":
                j += 2  # "People's Republic"
            elif nxt.text.lower() in CONNECTORS or nxt.text == "-":
                j += 1
            else:
                break
    return out


def context_hint(tokens: list[Token], i: int, j: int) -> Hint:
    """Kind of place suggested by the words around tokens ``[i, j)``.

    Examples
    --------
    >>> toks = tokenize("in Kursk and Bryansk administrative regions")
    >>> context_hint(toks, 1, 2), context_hint(toks, 3, 4)
    ('admin', 'admin')
    >>> toks = tokenize("near the city of Donetsk")
    >>> context_hint(toks, 4, 5)
    'populated'
    """
    n = len(tokens)
    k = j
    saw_comma = saw_and = False
    # "Kursk and Bryansk (administrative) regions", "Kursk, Belgorod and Bryansk
    # regions": look past a list of names; "Donetsk, Rostov Oblast" is no list.
    while k < n:
        word = tokens[k].text.lower()
        if word in ADMIN_WORDS:
            return "admin" if k == j or saw_and or not saw_comma else ""
        if word in {"and", "&"}:
            saw_and = True
        elif word == ",":
            saw_comma = True
        elif not (word in ADMIN_MODIFIERS or tokens[k].is_cap):
            break
        k += 1
    if i >= 2 and tokens[i - 1].text.lower() == "of":
        if tokens[i - 2].text.lower() in SETTLEMENT_WORDS:
            return "populated"
        # "the region of X" names a region; "the territory / state of X" may be a country.
        if tokens[i - 2].text.lower() in ADMIN_WORDS - {"territory", "state"}:
            return "admin"
    # "the city", and front sectors named after their town: "the Kupiansk direction".
    if j < n and tokens[j].text.lower() in {"city", "town", "village", "direction", "axis"}:
        return "populated"
    return ""


_SEA_NAME = re.compile(rf"\b(?:{lexicon.alternation(lexicon.phrases('sea_words'))})\b")


def is_sea_name(name: str) -> bool:
    """True for the name of a body of sea water (``sea_words``), which no land
    namesake may answer.

    Examples
    --------
    >>> is_sea_name("Red Sea"), is_sea_name("Gulf of Aden"), is_sea_name("Green Bay")
    (True, True, False)
    """
    return _SEA_NAME.search(name) is not None
