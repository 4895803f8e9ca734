"""Attribution: who a sentence says speaks, read from its source phrases.

The patterns that find a speaker are a table of named rules,
:data:`geoclaims.claims.attribution_rules.RULES`; this module holds what they read
with (saying verbs, subjects, source types) and :func:`find_attribution`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from geoclaims.claims.model import Source, SourceType
from geoclaims.text import lexicon

if TYPE_CHECKING:
    from geoclaims.claims.attribution_rules import AttributionRule

#: Verbs of saying and reporting (past, present, participle forms).
SAY_VERBS = lexicon.phrases("say_verbs")
#: Participles of saying after a comma: the speaker is the subject of the main
#: clause ("Türk called for talks, highlighting that ..."). Those that are also
#: used for other acts ("claiming 20 lives", "denying access") count only before
#: "that" or a quotation.
SAY_PARTICIPLES = lexicon.phrases("say_participles")
SAY_PARTICIPLES_BEFORE_THAT = lexicon.phrases("say_participles_before_that")
_SAY = lexicon.alternation(SAY_VERBS)
_PARTICIPLE = "|".join(SAY_PARTICIPLES) + "|(?:" + "|".join(SAY_PARTICIPLES_BEFORE_THAT) + (
    r")(?=\s+that\b|\s*[,:]?\s*[\"“])"
)
_ADVERBS = r"(?:reportedly|also|recently|previously|later|earlier|again|further|publicly|"
_ADVERBS += r"officially|separately|repeatedly|first|had|has|have|was|were|is|are)"

#: Anonymous-source words.
ANONYMOUS_WORDS = lexicon.phrases("anonymous_words")
#: Words marking an outlet (news organisation) in a source phrase.
OUTLET_WORDS = lexicon.phrases("outlet_words")
#: Words marking a government body or institution.
BODY_WORDS = lexicon.phrases("body_words")
#: Titles marking an official.
OFFICIAL_WORDS = lexicon.phrases("official_titles")
#: Words marking a document as the source.
DOCUMENT_WORDS = lexicon.phrases("document_words")

@dataclass(frozen=True, slots=True, kw_only=True)
class Attribution:
    """Who a sentence attributes its content to, and the words that say so."""

    #: Chain inside the text, outermost first (not the publishing outlet).
    chain: tuple[Source, ...] = ()
    cues: tuple[str, ...] = ()
    #: Verb of the attribution ("said", "denied", "could not confirm").
    verb: str = ""
    hedged: bool = False
    #: Document offsets of source descriptions beyond the chain's own names
    #: ("Ukraine's public broadcaster" in "according to Ukraine's public
    #: broadcaster, Suspilne"): places there describe a source, not the claim.
    described: tuple[tuple[int, int], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


#: A verb of saying (group ``verb``), or a participle of saying after a comma
#: (group ``participle``): the verbs whose speaker the verb rules of
#: :mod:`geoclaims.claims.attribution_rules` look for.
SAYING_VERB = re.compile(rf"\b(?P<verb>{_SAY})\b|,\s*(?P<participle>(?:{_PARTICIPLE}))\b")


def classify_source(name: str) -> tuple[SourceType, bool]:
    """Type of a source phrase and whether it is anonymous.

    Examples
    --------
    >>> classify_source("unnamed intelligence officials")
    ('anonymous', True)
    >>> classify_source("The Kyiv Post")
    ('outlet', False)
    >>> classify_source("Ukraine's Military Intelligence")
    ('government body', False)
    """
    low = f" {name.lower()} "
    named = bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", name)) and not re.search(
        r"\b(?:unnamed|anonymous)\b", low
    )
    if any(w in low for w in ANONYMOUS_WORDS) and not (named and "sources in" not in low):
        return "anonymous", True
    if re.search(
        r"^\s*(?:an?|some|several|two|three)\s+(?:[\w.-]+\s+){0,3}"
        r"(?:officials?|diplomats?|sources?)\b", low
    ):
        return "anonymous", True
    # "Russian-installed officials": a nationality compound names no one.
    proper = [w for w in re.findall(r"\b[A-Z][\w'’-]+", name)
              if not re.search(r"(?:ian|an|ese|ish|i|ic|Russian|Ukrainian)$", w.split("-")[0])
              and w.lower() not in ("the", "pro-russian", "pro-ukrainian", "a", "an")
              and w.lower() not in NOUNISH]
    if not proper and re.search(
        r"\b(?:diplomats?|officials?|sources?|insiders?|soldiers|troops|channels|bloggers|"
        r"residents|witnesses|activists|analysts|reports|people|medics)\b", low
    ):
        return "anonymous", True
    titled = any(re.search(rf"\b{w}\b", low) for w in OFFICIAL_WORDS)
    if titled and re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", name):
        return "official", False  # "agency spokesman Mahmud Bassal"
    if any(f" {w}" in low for w in OUTLET_WORDS):
        return "outlet", False
    if any(w in low for w in BODY_WORDS):
        return "government body", False
    if any(re.search(rf"\b{w}\b", low) for w in OFFICIAL_WORDS):
        return "official", False
    if any(re.search(rf"\b{w}s?\b", low) for w in DOCUMENT_WORDS):
        return "document", False
    return "person", False


_STOP_FORWARD = lexicon.words("source_phrase_stops")


def noun_phrase_ahead(phrase: str) -> str:
    """Cut a phrase after "according to" / "citing" at its first verb or preposition.

    Examples
    --------
    >>> noun_phrase_ahead("the civil defence agency killed 93 people")
    'the civil defence agency'
    >>> noun_phrase_ahead("the Ukrainian media outlet RBC on Saturday")
    'the Ukrainian media outlet RBC'
    """
    words = phrase.split()
    kept: list[str] = []
    for w in words:
        low = w.lower().strip(",.;:")
        if kept and (low in _STOP_FORWARD or (low.endswith("ed") and not w[:1].isupper())):
            break
        kept.append(w)
        if len(kept) >= 10:
            break
    return " ".join(kept)


def clean_source(phrase: str) -> str:
    """Trim a source phrase to its name: drop leading adverbs and determiners."""
    text = re.sub(r"\s+", " ", phrase).strip(" ,;:\"“”'‘’-")
    # Brackets go only when unbalanced: "Rep. Bobby Scott (D-Va" loses its open
    # remark, "Land Information Management (SWALIM)" keeps its acronym.
    text = re.sub(r"\s*\([^()]*$", "", text)
    if re.fullmatch(r"\([^()]*\)", text):
        text = text[1:-1]
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1]
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:]
    text = text.strip(" ,;:\"“”'‘’-")
    text = re.sub(rf"(?:\s+{_ADVERBS})+$", "", text)
    text = re.sub(r"^(?:and|but|while|as|however|meanwhile|also|that|so)\s+", "", text, flags=re.I)
    return text.strip()


#: Lowercase words that may belong to a source phrase ("spokesperson", "officials").
NOUNISH = lexicon.words("source_nouns")
#: A month written as its first three letters or its abbreviation, then anything
#: ("Jan", "Sept.", "November").
_MONTH_STEMS = lexicon.alternation(sorted(
    {m[:3].title() for m in lexicon.phrases("months")}
    | {m.title() for m in lexicon.phrases("month_abbreviations")}
))
_WEEKDAY_NAMES = lexicon.alternation(w.title() for w in lexicon.phrases("weekdays"))
_NOISE = re.compile(
    r",\s*(?:however|meanwhile|though|too|also)\s*,"
    rf"|\b(?:on|in)\s+(?:{_MONTH_STEMS})[a-z]*\.?\s+\d{{1,2}}\b"
    rf"|\bon\s+(?:{_WEEKDAY_NAMES})\b"
    r"|\b(?:also|reportedly|recently|previously|later|"
    r"earlier|again|further|publicly|officially|separately|repeatedly|first)\b"
    # "The Guyana Defence Force (GDF) said": an acronym in brackets after the name
    r"|\s\([A-Z][A-Za-z&.-]{1,11}\)(?=\s)"
    # "Hezbollah in a statement said", "the ministry this morning said"
    r"|\b(?:in|on)\s+(?:a|its|his|her|their)\s+(?:statement|post|briefing|message)\b"
    r"|\b(?:this|that)\s+(?:morning|afternoon|evening|week)\b"
)
#: Lowercase subject pronouns of a saying verb, resolved later to the speaker.
_PRONOUNS = lexicon.words("subject_pronouns")
_AUXILIARIES = lexicon.words("auxiliaries")
_TOKEN = re.compile(r"[\w'’.-]+|[,;:“”\"()—–\[\]]")


#: A personal name set off by commas right before the verb: "..., Ivan Sirko, said".
_APPOSITIVE_NAME = re.compile(r",\s*([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s*,\s*$")


def subject_before(sentence: str, pos: int) -> tuple[int, int] | None:
    """Span of the noun phrase right before ``pos`` (the subject of a saying verb).

    Walks back over capitalised words, possessives and source nouns ("spokesperson",
    "officials"), skipping adverbs and dates ("on Oct. 10, however,").

    Examples
    --------
    >>> s = "Kremlin spokesperson Dmitry Peskov on Oct. 10, however, dismissed it."
    >>> a, b = subject_before(s, s.index("dismissed")); s[a:b]
    'Kremlin spokesperson Dmitry Peskov'
    """
    head = _NOISE.sub(lambda m: " " * len(m.group()), sentence[:pos])
    appositive = re.search(r"(?<=[A-Za-z])\s*,\s*[^,]{3,80},\s*$", head)
    if appositive:  # "The Kyiv Independent, an English-language newspaper, reported"
        head = head[: appositive.start()]
    tokens = list(_TOKEN.finditer(head))
    first = None
    rev = list(reversed(tokens))
    for k, tok in enumerate(rev):
        word = tok.group()
        if first is None and word.lower() in _AUXILIARIES:
            continue  # "Intelligence sources have revealed"
        if first is None and word in _PRONOUNS:
            return tok.start(), tok.end()  # "..., is under pressure, he said."
        if word[:1].isupper() or word.lower() in NOUNISH or re.fullmatch(r"\w+['’]s", word):
            first = tok
            continue
        # "authorities in Kharkiv Oblast", "a spokesman for the ministry"
        if word in ("in", "of", "for", "at") and first is not None and k + 1 < len(rev):
            nxt = rev[k + 1].group()
            if nxt[:1].isupper() or nxt.lower() in NOUNISH:
                continue
        break
    if first is None:
        if appositive and (name := _APPOSITIVE_NAME.search(sentence, appositive.start(), pos)):
            return name.start(1), name.end(1)  # "The region's chief vet, Ivan Sirko, said"
        return None
    end = max(t.end() for t in tokens if t.start() >= first.start())
    start = first.start()
    # Leading determiners and connectives are not part of the name.
    lead = re.match(r"(?:(?:the|a|an|and|but|while|as|that|so)\s+)+", sentence[start:end], re.I)
    if lead and sentence[start:end][: lead.end()].strip().lower() not in ("a", "an"):
        start += lead.end()
    if appositive and _TITLE_HEAD.match(sentence, start, end) and (
        name := _APPOSITIVE_NAME.search(sentence, appositive.start(), pos)
    ):
        # "The governor of the Odesa region, Oleh Kiper, said": the title and its
        # holder are one source, whose name is the holder's.
        return start, name.end(1)
    return (start, end) if end > start else None


#: Openers of a leading adverbial phrase that ends at a comma and is not the
#: subject ("In recent weeks, the army ...", "Earlier, Ukraine ...").
ADVERBIAL_OPENERS = lexicon.words("adverbial_openers")
_DETERMINERS = lexicon.words("determiners")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ian|an|ese|ish|i)")


def main_subject(sentence: str, pos: int) -> tuple[int, int] | None:
    """Span of the subject of the clause that ``pos`` continues.

    A participle ("..., saying that") or a coordinated verb ("... and said") has no
    subject of its own: the speaker is the subject that opens the clause, after any
    leading adverbial phrases ("In recent weeks, ...", "According to X, ...").

    Examples
    --------
    >>> s = "On Friday, Governor Ana Lis visited the port, saying it was safe."
    >>> a, b = main_subject(s, s.index("saying")); s[a:b]
    'Governor Ana Lis'
    """
    start = max(sentence.rfind(";", 0, pos) + 1, 0)
    while True:
        lead = re.match(r"\s*([A-Za-z]+)\b[^,;]{0,80},", sentence[start:pos])
        if lead is None or lead.group(1).lower() not in ADVERBIAL_OPENERS:
            break
        start += lead.end()
    tokens = list(_TOKEN.finditer(sentence, start, pos))
    kept: list[re.Match[str]] = []
    for k, tok in enumerate(tokens):
        word = tok.group()
        if word.lower() in _DETERMINERS and not kept:
            kept.append(tok)
            continue
        if word[:1].isupper() or word.lower() in NOUNISH or re.fullmatch(r"\w+['’]s", word):
            kept.append(tok)
            continue
        # "a spokesman for the ministry", "Director-general of the Health Ministry"
        if word in ("of", "for") and kept and k + 1 < len(tokens):
            nxt = tokens[k + 1].group()
            if nxt[:1].isupper() or nxt.lower() in NOUNISH:
                kept.append(tok)
                continue
        break
    words = [t for t in kept if t.group().lower() not in _DETERMINERS]
    if not words:
        return None
    rest = sentence[kept[-1].end() : pos]
    if _DEMONYM.fullmatch(kept[-1].group()) and re.match(r"\s+[a-z]", rest):
        return None  # "Russian strikes hit ..., claiming": a nationality before a noun
    a, b = words[0].start(), kept[-1].end()
    return (a, b)


def find_attribution(
    sentence: str, offset: int = 0, *, rules: Sequence[AttributionRule] | None = None
) -> Attribution:
    """Attribution of one sentence: sources (outermost first), cues and the verb.

    Parameters
    ----------
    sentence : str
        One sentence (or statement) of a document.
    offset : int, default 0
        Where the sentence starts in the document: source offsets are document offsets.
    rules : sequence of AttributionRule, optional
        The rules to run, in order; :data:`geoclaims.claims.attribution_rules.RULES`
        when not given.

    Returns
    -------
    Attribution
        The sources the sentence names, outermost first, without the publishing outlet.

    Examples
    --------
    >>> att = find_attribution("Drones hit a depot, the governor said, citing the police.")
    >>> [s.name for s in att.chain], att.cues
    (['governor', 'the police'], ('said', 'citing'))
    """
    # The rules read phrases with this module's helpers, so their table imports it.
    from geoclaims.claims.attribution_rules import RULES, apply_rules

    return apply_rules(sentence, offset, RULES if rules is None else rules)



def make_source(
    *, name: str, type: SourceType, anonymous: bool = False, start: int | None = None,
    end: int | None = None,
) -> Source:
    """A link of a source chain, with the organisation and person its name shows.

    Every source extraction builds goes through here, so that its ``affiliation``
    and ``person`` are those of :func:`speaker_affiliation`.

    Examples
    --------
    >>> src = make_source(name="Kremlin spokesperson Dmitry Peskov", type="official")
    >>> src.affiliation, src.person
    ('Kremlin', 'Dmitry Peskov')
    >>> make_source(name="The Kyiv Post", type="outlet").affiliation is None
    True
    """
    affiliation, person = speaker_affiliation(name)
    return Source(name=name, type=type, anonymous=anonymous, start=start, end=end,
                  affiliation=affiliation, person=person)


#: Portfolio words: "Defense Minister" speaks for the "Defense Ministry".
PORTFOLIOS = lexicon.words("portfolios")
_ROLE = re.compile(
    r"\b(?:(?:press|deputy|first|vice|acting|chief|senior|top|national security|"
    r"communications|foreign|defen[cs]e|prime|state|general)\s+)*"
    r"(?:spokes(?:person|man|woman)|press secretary|secretary|minister|president|adviser|"
    r"advisor|commander|governor|ambassador|director|mayor|chief|head|envoy|official|"
    r"coordinator|senator|lawmaker)\b",
    re.IGNORECASE,
)
_PERSON = re.compile(r"(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’-]+$")
#: A subject that is a title of something, whose holder an apposition names:
#: "governor of the Odesa region", "A spokesman for the army", "the head of ...".
_TITLE_HEAD = re.compile(rf"(?:(?:a|an|the)\s+)?{_ROLE.pattern}\s+(?:of|for|at)\s", re.IGNORECASE)
#: "head of the Center for Countering Disinformation, Andrii Kovalenko": a title of
#: an organisation, then its holder set off by a comma.
_TITLE_OF_HOLDER = re.compile(
    rf"(?:(?:a|an|the)\s+)?(?P<role>{_ROLE.pattern})\s+(?:of|for|at)\s+(?:the\s+)?"
    r"(?P<org>[^,]+?),\s*(?P<person>(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)$",
    re.IGNORECASE,
)


def speaker_affiliation(name: str) -> tuple[str | None, str | None]:
    """Split a titled speaker into ``(organisation, person)``.

    The organisation is what the title speaks for: an institution named before it,
    the ministry of a portfolio ("Defense Minister"), or the country or body before
    the title. Either part is None when the name does not show it.

    Examples
    --------
    >>> speaker_affiliation("Kremlin spokesperson Dmitry Peskov")
    ('Kremlin', 'Dmitry Peskov')
    >>> speaker_affiliation("South Korean Defense Minister Kim Yong-Hyun")
    ('South Korean Defense Ministry', 'Kim Yong-Hyun')
    >>> speaker_affiliation("U.S. State Department spokesperson Matthew Miller")
    ('U.S. State Department', 'Matthew Miller')
    >>> speaker_affiliation("head of the Center for Countering Disinformation, Andrii Kovalenko")
    ('Center for Countering Disinformation', 'Andrii Kovalenko')
    >>> speaker_affiliation("The Kyiv Post")
    (None, None)
    >>> speaker_affiliation("A spokesman in Kyiv")
    (None, None)
    """
    holder = _TITLE_OF_HOLDER.fullmatch(name.strip())
    if holder is not None and holder.group("person")[:1].isupper():
        return holder.group("org"), holder.group("person")
    roles = list(_ROLE.finditer(name))
    if not roles:
        return None, None
    role = roles[-1]
    person_text = name[role.end():].strip(" ,")
    person = person_text if person_text and _PERSON.fullmatch(person_text) else None
    prefix = name[: role.start()].strip(" ,")
    prefix = re.sub(r"^(?:the|a|an)\b\s*", "", prefix, flags=re.IGNORECASE)
    role_words = role.group(0).split()
    head = role_words[-1].lower()
    if head == "minister" and len(role_words) > 1 and role_words[-2].lower() in PORTFOLIOS:
        return " ".join([*prefix.split(), *role_words[:-1], "Ministry"]), person
    organisation: str | None = None
    for institution in _institution_names():
        found = re.search(rf"\b{re.escape(institution)}\b", prefix, re.IGNORECASE)
        if found:
            organisation = prefix[: found.end()]
            break
    if organisation is None and prefix and prefix[:1].isupper():
        organisation = prefix
    return organisation, person


@cache
def _institution_names() -> tuple[str, ...]:
    """Institutions used as actors (package data), longest first."""
    from geoclaims.places.recognize import institution_names

    return tuple(sorted(institution_names(), key=len, reverse=True))
