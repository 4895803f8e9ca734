"""Keep rules: the named, ordered tests that decide whether a name match is a place.

:func:`geoclaims.places.recognize.find_mentions` finds every capitalised token run
that is a gazetteer name, builds one :class:`MatchContext` for it and asks
:func:`decide`. The rules of :data:`RULES` run in order; the first that gives a
:class:`Verdict` decides, the others are not asked. Most rules only drop (a person,
an organisation, a common word); the last three weigh the place's prominence and
always decide. A match no rule decides is kept.

A rule that drops a name as a person's (:attr:`Verdict.DROP_AS_PERSON`) makes
the same name a person's for the rest of the document (rule ``known_person``):
"Lawyers for Ruth Clayton appealed ... The judge told Clayton to wait".

To add a rule: write its check (``MatchContext -> Verdict | None``, ``None``
leaves the match to the next rule), add a :class:`KeepRule` to :data:`RULES` at
the place in the order where it must run, with a short snake_case name and a
one-sentence reason quoting the phrase it is for, and add a row with that name as
its id to ``tests/places/test_keep_rules.py``: a real sentence the rule decides,
which another verdict would get wrong. That test fails for a rule without a row.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass

from geoclaims.places.gazetteer import Place
from geoclaims.text import lexicon
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.mentions import ADMIN_WORDS, is_sentence_initial
from geoclaims.text.normalize import normalize_name
from geoclaims.text.segment import Token

#: A (place, name flags) pair as stored in the gazetteer.
Hit = tuple[Place, int]
# Name flags as a plain int for the per-name loops: IntFlag's operators run in Python,
# some 50 times slower than int's (8 % of geoparsing time on LGL).
_ALIAS = int(NameFlag.ALIAS)

#: Prominence given to countries and continents (on the log10-population scale
#: used for settlements); regions are scored by the population they hold.
AREA_PROMINENCE = {"continent": 8.0, "country": 8.0}
#: A region this populous counts as well known ("Kursk", "Texas").
STRONG_REGION_POPULATION = 200_000
#: Prominence a name needs when its word frequency does not count: a name of
#: several words, or one word that is no English word.
KNOWN_PROMINENCE = 2.5
#: A capitalised word after a name that is rarer than this (Zipf) is a surname or
#: a brand ("Michael Eneramo", "Toyota Corolla"), making the name part of it.
PROPER_NEXT_ZIPF = 3.5
#: After a common first name, only a very common word keeps the name a place
#: ("Charlotte Police" stays, "George Bush" and "Mary Wheeler" go).
GIVEN_NAME_NEXT_ZIPF = 4.5
#: A one-word name is kept only if its prominence exceeds its English word
#: frequency (Zipf) by this margin; "Police" (Poland, pop. 4k) is dropped, "Paris" kept.
COMMON_WORD_MARGIN = 0.3
#: Extra margin asked of a sentence-initial or all-caps word.
SENTENCE_START_MARGIN = 1.0
#: Margin granted when a locative preposition precedes ("in Mobile").
LOCATIVE_BONUS = 1.2
#: Words that make the following name a location.
LOCATIVES = lexicon.words("locatives")
#: Capitalised words that may precede a place name without making it part of a
#: person or organisation name.
PRE_OK = lexicon.words("place_premodifiers")
#: Function words that may start a sentence before a name without being part of it
#: ("A Paris man", "When Alexandria police", "Six Clayton County students").
SENTENCE_OPENERS = lexicon.words("sentence_openers")
#: Titles before a name make it a person ("Mrs. Lincoln", "Capt. Nelson").
TITLES = lexicon.words("titles")
#: Words after a name that turn it into another kind of thing.
ORG_AFTER = lexicon.words("org_after")
#: Capitalised words that may follow a name without extending it ("Elm Road Thursday").
CALENDAR_WORDS = lexicon.calendar_words()
#: Words that name a place only with more words ("North Korea", "Western Cape").
NOT_ALONE = CALENDAR_WORDS | lexicon.words("not_alone_words")
#: Verbs of saying: a small place followed by one is a person ("Kirby said").
SPEECH_VERBS = lexicon.words("speech_verbs")
#: Heads of military and political organisation names: "Rapid Support Forces",
#: "Azov Brigade". A small place glued to one is part of the name.
ORG_HEADS = lexicon.words("org_heads")
#: Words that end a feature name: "Neches River", "Main Street", "Lake Lanier".
FEATURE_SUFFIXES = lexicon.words("feature_suffixes")


def prominence(place: Place) -> float:
    """How well known a place is, on a log10-population scale."""
    base = AREA_PROMINENCE.get(place.kind)
    if base is not None:
        return base + 0.1 * math.log10(place.population + 1) / 8
    # A bare name more often means the town than the district named after it.
    bonus = {"admin1": 0.5, "admin2": -1.0}.get(place.kind, 0.0)
    return math.log10(place.population + 1) + 0.4 * math.log10(place.n_names + 1) + bonus


def is_strong(place: Place) -> bool:
    """Countries, continents and populous admin-1 regions."""
    return place.kind in ("country", "continent") or (
        place.kind == "admin1" and place.population >= STRONG_REGION_POPULATION
    )


class Verdict(enum.Enum):
    """What a rule decides about a match."""

    #: A place mention.
    KEEP = "keep"
    #: Not a place mention.
    DROP = "drop"
    #: Not a place mention but a person's name, and so for the rest of the document.
    DROP_AS_PERSON = "drop_as_person"


# Not frozen: one is built for every match (11,659 on LGL) and a frozen __init__,
# one object.__setattr__ per field, takes four times as long. The rules only read it.
@dataclass(slots=True, kw_only=True)
class MatchContext:
    """A gazetteer-name match and what the rules read around it, built once per match."""

    #: The document's tokens.
    tokens: list[Token]
    #: The match is ``tokens[i:j]``.
    i: int
    j: int
    #: The normalised name (:func:`geoclaims.text.normalize.normalize_name`).
    key: str
    #: The gazetteer places of that name, with their name flags.
    hits: tuple[Hit, ...]
    #: English word frequency (Zipf) of the document's capitalised words and names.
    zipf: Mapping[str, float]
    #: The kind of place the words around suggest (:func:`context_hint`), or "".
    hint: str
    #: How common the name is as a first name (0: not one).
    given_freq: int
    #: The match is in a Title Case sentence (a headline, a list of names).
    headline: bool
    #: A gazetteer name starts right after the match.
    next_is_name: bool
    #: Names dropped as people's earlier in the document.
    personal: Set[str]
    #: The word tokens of the match (at least one).
    words: tuple[Token, ...]
    #: A hit is a country, continent or populous region (:func:`is_strong`).
    strong_kind: bool
    #: The token before the match, or None at the start.
    prev: Token | None
    #: The token after the match, past a closing "]"; None at the end.
    nxt: Token | None
    #: The match starts its sentence.
    initial: bool
    #: A one-word name before a capitalised word of its sentence that is no admin or
    #: feature word ("Michael Eneramo").
    next_word: bool
    #: The Zipf frequency of that word (0 when there is none or it is unlisted).
    next_zipf: float
    #: A first name before a rare word that is no place: a person's.
    surname_follows: bool


def match_context(
    tokens: list[Token], i: int, j: int, key: str, hits: tuple[Hit, ...],
    zipf: Mapping[str, float], hint: str, given_freq: int, *, headline: bool,
    personal: Set[str], next_is_name: bool,
) -> MatchContext | None:
    """The context of the match ``tokens[i:j]``; None when it has no word token."""
    words = tuple([t for t in tokens[i:j] if t.is_word])
    if not words:
        return None
    n = len(tokens)
    k = j + 1 if j < n and tokens[j].text == "]" else j  # "[Vladimir] Putin"
    nxt = tokens[k] if k < n else None
    next_word = (
        len(words) == 1 and nxt is not None and nxt.is_cap and nxt.is_word
        and nxt.sentence == tokens[i].sentence
        and nxt.text.lower() not in ADMIN_WORDS
        and nxt.text.lower().rstrip(".") not in FEATURE_SUFFIXES
    )
    next_zipf = zipf.get(normalize_name(nxt.text), 0.0) if nxt and next_word else 0.0
    return MatchContext(
        tokens=tokens, i=i, j=j, key=key, hits=hits, zipf=zipf, hint=hint,
        given_freq=given_freq, headline=headline, next_is_name=next_is_name,
        personal=personal, words=words,
        strong_kind=any(is_strong(p) for p, _ in hits),
        prev=tokens[i - 1] if i > 0 else None, nxt=nxt,
        initial=is_sentence_initial(tokens, i), next_word=next_word, next_zipf=next_zipf,
        surname_follows=(
            bool(given_freq) and next_word and not next_is_name
            and next_zipf < PROPER_NEXT_ZIPF
        ),
    )


Check = Callable[[MatchContext], Verdict | None]
_NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


@dataclass(frozen=True, slots=True, kw_only=True)
class KeepRule:
    """One test of whether a name match is a place mention."""

    #: Short snake_case name; the id of the rule's row in the test table.
    name: str
    #: Why the rule exists, with the phrase it is for.
    reason: str
    #: The verdict on a match, or None to leave it to the next rule.
    check: Check

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"rule name must be snake_case, got {self.name!r}")


def _top(m: MatchContext) -> float:
    return max(prominence(p) for p, _ in m.hits)


def _is_shouting(m: MatchContext) -> bool:
    return all(t.text.isupper() for t in m.words) and len(m.words[0].text) > 1


def _known(m: MatchContext) -> Verdict:
    return Verdict.KEEP if _top(m) >= KNOWN_PROMINENCE or m.strong_kind else Verdict.DROP


def _not_alone(m: MatchContext) -> Verdict | None:
    if len(m.words) == 1 and m.key in NOT_ALONE and not m.hint:
        return Verdict.DROP
    return None


def _two_letters(m: MatchContext) -> Verdict | None:
    if len(m.key) <= 2 and not any(f & _ALIAS or p.kind == "country" for p, f in m.hits):
        return Verdict.DROP
    return None


def _editorial_insertion(m: MatchContext) -> Verdict | None:
    tokens, j = m.tokens, m.j
    if m.prev is not None and m.prev.text == "[" and j < len(tokens) \
            and tokens[j].text == "]":
        return Verdict.DROP
    return None


def _after_capitalised_word(m: MatchContext) -> Verdict | None:
    prev, tokens, i = m.prev, m.tokens, m.i
    if (
        not m.headline and prev is not None and not m.initial and prev.is_cap
        and prev.is_word and prev.sentence == tokens[i].sentence
        and prev.text.lower() not in PRE_OK
        # "A Paris man": a function word capitalised only by its position.
        and not (
            prev.text.lower() in SENTENCE_OPENERS and is_sentence_initial(tokens, i - 1)
        )
    ):
        return Verdict.DROP if m.strong_kind else Verdict.DROP_AS_PERSON
    return None


def _after_title_or_initial(m: MatchContext) -> Verdict | None:
    if m.headline:
        return None
    tokens, i = m.tokens, m.i
    k = i - 1
    if k >= 0 and tokens[k].text == ".":
        k -= 1
    if k < 0 or tokens[k].sentence != tokens[i].sentence:
        return None
    word = tokens[k].text
    if word.lower() in TITLES or (len(word) == 1 and word.isupper() and k != i - 1):
        return Verdict.DROP_AS_PERSON
    return None


def _before_rare_word(m: MatchContext) -> Verdict | None:
    # After a first name the next word needs only be rarer than GIVEN_NAME_NEXT_ZIPF,
    # even when it is a place too ("David Jefferson"). A first name that is also a
    # well-known region needs a rare surname that is no place ("Mary Wheeler" is a
    # person; "Georgia Tech" stays Georgia).
    if (
        not m.headline and m.next_word and (m.given_freq or not m.next_is_name)
        and m.next_zipf < (GIVEN_NAME_NEXT_ZIPF if m.given_freq else PROPER_NEXT_ZIPF)
        and (not m.strong_kind or m.surname_follows)
    ):
        return Verdict.DROP_AS_PERSON
    return None


def _headline_first_name(m: MatchContext) -> Verdict | None:
    if m.headline and m.surname_follows:
        return Verdict.DROP_AS_PERSON
    return None


def _known_person(m: MatchContext) -> Verdict | None:
    if not m.strong_kind and m.key in m.personal:
        return Verdict.DROP
    return None


def _before_org_head(m: MatchContext) -> Verdict | None:
    if m.strong_kind:
        return None
    sentence = m.tokens[m.i].sentence
    for t in [t for t in m.tokens[m.j : m.j + 3] if t.sentence == sentence]:
        if not (t.is_cap and t.is_word):
            break
        if t.text.lower() in ORG_HEADS:
            return Verdict.DROP
    return None


def _before_speech_verb(m: MatchContext) -> Verdict | None:
    if (
        not m.strong_kind and m.nxt is not None and m.nxt.text.lower() in SPEECH_VERBS
        and not (m.prev is not None and m.prev.text.lower() in LOCATIVES)
    ):
        return Verdict.DROP
    return None


def _before_org_word(m: MatchContext) -> Verdict | None:
    tokens, j = m.tokens, m.j
    if j < len(tokens) and tokens[j].is_cap and tokens[j].text.lower().rstrip(".") in ORG_AFTER:
        return Verdict.DROP
    return None


def _possessive_org_word(m: MatchContext) -> Verdict | None:
    # Never true: segment() splits "’s" into "’" and "s" (an xfail row of the tests).
    tokens, j = m.tokens, m.j
    if j + 1 < len(tokens) and tokens[j].text in {"’s", "'s"} \
            and tokens[j + 1].text.lower() in ORG_AFTER:
        return Verdict.DROP
    return None


def _shouted_short_word(m: MatchContext) -> Verdict | None:
    if _is_shouting(m) and len(m.key.replace(".", "")) <= 3 and not any(
        f & _ALIAS for _, f in m.hits
    ):
        return Verdict.DROP
    return None


def _several_words(m: MatchContext) -> Verdict | None:
    return _known(m) if len(m.words) > 1 else None


def _no_english_word(m: MatchContext) -> Verdict | None:
    return _known(m) if m.zipf.get(m.key, 0.0) == 0.0 and not m.initial else None


def _common_word_margin(m: MatchContext) -> Verdict | None:
    margin = COMMON_WORD_MARGIN
    if m.initial or _is_shouting(m) or m.headline:
        margin += SENTENCE_START_MARGIN
    if m.prev is not None and m.prev.text.lower() in LOCATIVES:
        margin -= LOCATIVE_BONUS
    if m.hint:
        margin -= LOCATIVE_BONUS
    keep = _top(m) - m.zipf.get(m.key, 0.0) >= margin
    return Verdict.KEEP if keep else Verdict.DROP


#: The keep rules, in the order they are asked.
RULES: tuple[KeepRule, ...] = (
    KeepRule(
        name="not_alone",
        reason="A month, weekday or compass word ('In March, the police said') names a "
        "place only with more words ('North Korea'), or with a context word.",
        check=_not_alone,
    ),
    KeepRule(
        name="two_letters",
        reason="Two-letter words ('On', 'Of', 'Он') are places only as country codes "
        "or aliases ('US').",
        check=_two_letters,
    ),
    KeepRule(
        name="editorial_insertion",
        reason="A name in brackets before another ('[Vladimir] Putin') is a word an "
        "editor inserted into a quote, a person's name.",
        check=_editorial_insertion,
    ),
    KeepRule(
        name="after_capitalised_word",
        reason="A name glued to a capitalised word before it ('Radio Free Asia', "
        "'Raquel Henry') is part of an organisation's or person's name; a function "
        "word that opens the sentence ('A Paris man') does not glue.",
        check=_after_capitalised_word,
    ),
    KeepRule(
        name="after_title_or_initial",
        reason="A name after a title or a middle initial ('Mrs. Lincoln', 'Capt. "
        "Nelson', 'Matthew D. Flores') is a person's.",
        check=_after_title_or_initial,
    ),
    KeepRule(
        name="before_rare_word",
        reason="A one-word name before a rare capitalised word ('Michael Eneramo', "
        "'Toyota Corolla') or a first name before a surname, even one that is a place "
        "('David Jefferson', 'Mary Wheeler'), is a person's or a brand.",
        check=_before_rare_word,
    ),
    KeepRule(
        name="headline_first_name",
        reason="In a Title Case line, where every word is capitalised, a first name "
        "before a rare word that is no place is still a person's ('Matthew DeBoer, "
        "Caroline Pulliam').",
        check=_headline_first_name,
    ),
    KeepRule(
        name="known_person",
        reason="A name the document used as a person's ('Ruth Clayton') is the person "
        "again later ('told Clayton to wait'), unless it is a country or large region.",
        check=_known_person,
    ),
    KeepRule(
        name="before_org_head",
        reason="A small place before a military or political organisation word ('Azov "
        "Brigade', 'Rapid Support Forces') is part of the organisation's name.",
        check=_before_org_head,
    ),
    KeepRule(
        name="before_speech_verb",
        reason="A small place followed by a verb of saying ('Kirby said') is a person, "
        "unless a locative comes before it.",
        check=_before_speech_verb,
    ),
    KeepRule(
        name="before_org_word",
        reason="A name followed by a capitalised 'Street', 'Post' or 'University' names "
        "something else; a lowercase 'hospital' only says where ('a Dallas hospital').",
        check=_before_org_word,
    ),
    KeepRule(
        name="possessive_org_word",
        reason="A name whose possessive comes before a street or organisation word "
        "('Houston’s University') names that institution.",
        check=_possessive_org_word,
    ),
    KeepRule(
        name="shouted_short_word",
        reason="A word of up to three capitals ('the AMA') is an acronym, not a place, "
        "unless it is an alias of one ('U.S.').",
        check=_shouted_short_word,
    ),
    KeepRule(
        name="several_words",
        reason="A name of several words is no common English word, so the place must "
        "be known enough, at a sentence start too ('Hayes Center', 207 people, is not).",
        check=_several_words,
    ),
    KeepRule(
        name="no_english_word",
        reason="A one-word name inside a sentence that is no English word is a place "
        "if the place is known enough ('Kupiansk'), not a hamlet ('scored by Kokaj').",
        check=_no_english_word,
    ),
    KeepRule(
        name="common_word_margin",
        reason="A one-word name that is also an English word is kept only when the "
        "place is better known than the word is common ('Paris' stays, 'Police' goes), "
        "by more at a sentence start, by less after 'in' or with a region word.",
        check=_common_word_margin,
    ),
)


def decide(m: MatchContext) -> Verdict:
    """The verdict of the first rule of :data:`RULES` that gives one (KEEP if none)."""
    for rule in RULES:
        verdict = rule.check(m)
        if verdict is not None:
            return verdict
    return Verdict.KEEP
