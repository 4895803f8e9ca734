"""Sentences of a report -> claims with source chains, grades, dates, places."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Reversible, Sequence
from typing import TYPE_CHECKING, Any

from geoclaims.claims.attribution import Attribution, find_attribution, make_source
from geoclaims.claims.attribution_rules import PASSIVE_SAYING
from geoclaims.claims.grades import cue_grade
from geoclaims.claims.model import LIKELIHOOD_SCALE, Claim, Confidence, Source
from geoclaims.claims.scope import (
    EventPlaces,
    PlaceIndex,
    claim_places,
    continued_places,
)
from geoclaims.text import lexicon

if TYPE_CHECKING:
    from geoclaims.geometry.footprints import Footprint
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.segment import Segmentation

#: The outlet's own disclaimer: it could not verify what it reports.
DISCLAIMER = re.compile(
    r"(?:(?:has|have|had|could|was|were)\s+not\s+(?:been\s+able\s+to\s+|able\s+to\s+)?|"
    r"(?:was|were|is|are)\s+unable\s+to\s+)(?:independently\s+)?(?:verify|confirm)",
    re.IGNORECASE,
)
#: The outlet's disclaimer in the passive: "The claim could not be independently verified."
PASSIVE_DISCLAIMER = re.compile(
    r"\s*(?:The|This|These|Those|That|Such|It)\b[^.]{0,60}?\b(?:could|can|cannot|can't|"
    r"couldn't)\s*(?:not\s+)?be\s+(?:independently\s+)?(?:verified|confirmed)\b",
    re.IGNORECASE,
)
#: Lines that are page furniture, not statements.
FURNITURE = re.compile(
    r"^(?:RELATED|READ MORE|Opens in new window|Edited by|Translated by|Copyright|Photo:|"
    r"Sign up|Subscribe|Follow us|Share this)",
    re.IGNORECASE,
)
_LIKELIHOOD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in LIKELIHOOD_SCALE), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
#: Words referring back to a place just named ("in the area", "the province", "there").
_ANAPHORIC_PLACE = re.compile(
    rf"\b(?:the|this|that)\s+(?:{lexicon.alternation(lexicon.phrases('anaphoric_place_nouns'))})"
    r"\b|\bthere\b",
    re.IGNORECASE,
)
#: How many sentences an attribution carries to unattributed sentences that follow.
CARRY_SENTENCES = 2
#: A sentence that attributes what came before it: "This was reported by the head of
#: the regional administration", "That was announced by the ministry".
BACK_REFERENCE = re.compile(
    r"(?:This|That|It|This information|These (?:data|figures))\s+"
    rf"(?:was|were|has been|had been|is)\s+(?:first\s+)?(?:{PASSIVE_SAYING})\s+by\b"
)
#: How many claims before it such a sentence may attribute.
BACK_CLAIMS = 2
_ATTRIBUTED = (Confidence.REPORTED, Confidence.UNVERIFIED)
#: Minimum words of a sentence to be a claim.
MIN_WORDS = 5


def _grade(att: Attribution, sentence: str, *, carried: bool) -> tuple[Confidence, list[str]]:
    """Confidence grade of a sentence and the cue words that justify it."""
    cues: list[str] = []
    if (cue := cue_grade(sentence)) is not None:
        return cue[0], [cue[1]]
    if any(src.anonymous for src in att.chain):
        return Confidence.UNVERIFIED, [*att.cues, "anonymous source"]
    if att.hedged:
        return Confidence.UNVERIFIED, list(att.cues)
    if att.chain:
        cues = list(att.cues) or (["(continues the report)"] if carried else [])
        if att.verb in ("confirmed", "confirms") and not att.chain[-1].anonymous:
            return Confidence.CONFIRMED, cues
        return Confidence.REPORTED, cues
    return Confidence.CONFIRMED, []


def _likelihood(sentence: str) -> tuple[str | None, tuple[float, float] | None]:
    m = _LIKELIHOOD.search(sentence)
    if m is None:
        return None, None
    word = m.group(0).lower()
    return word, LIKELIHOOD_SCALE.get(word)


def extract_claims(
    text: str,
    *,
    outlet: str | None,
    published: dt.date | None,
    resolutions: Sequence[Resolution],
    footprints: Sequence[Footprint] = (),
    doc_id: str = "doc",
    segmentation: Segmentation | None = None,
) -> list[Claim]:
    """Claims of a document: one per statement that states something.

    Statements are the sentences of the document's segmentation (made here when
    ``segmentation`` is not given), joined where a quotation spans several
    (:meth:`geoclaims.text.segment.Segmentation.statements`).

    The publishing outlet (metadata) heads every source chain. Attribution found in a
    sentence ("X said", "according to Y", "citing Z") builds the rest of the chain;
    unattributed sentences right after an attributed one, or quotations, continue it
    (:data:`CARRY_SENTENCES`). The outlet's own disclaimer ("has not been able to
    independently verify") lowers the reported claims before it to unverified.
    """
    from geoclaims.text.dates import find_dates
    from geoclaims.text.quantities import find_quantities

    publisher = make_source(name=outlet or "(unknown outlet)", type="outlet")
    claims: list[Claim] = []
    # Named sources so far, for "he", "the president": the latest of each name last,
    # so that a name repeated in every sentence is looked through once.
    named: dict[tuple[str, str, bool], Source] = {}
    events = EventPlaces()  # event nouns of the claims so far, for "the incursion"
    reported: list[int] = []  # claims still REPORTED, lowered by an outlet's disclaimer
    speakers = _Speakers()  # for the claim a denial answers
    last_chain: tuple[Source, ...] = ()
    last_index = -10
    index = PlaceIndex.build(resolutions, footprints)  # once: each sentence looks up its own
    from geoclaims.text.segment import segment

    seg = segmentation if segmentation is not None else segment(text)
    for k, sent in enumerate(seg.statements()):
        body = sent.text.strip()
        if FURNITURE.search(body) or len(body.split()) < MIN_WORDS:
            continue
        att = _resolve_references(
            find_attribution(sent.text, sent.start), named.values(), last_chain
        )
        if any(_is_outlet(src.name, outlet) for src in att.chain):
            # "..., Test Wire reported, citing X": the publisher heads the chain already.
            att = dataclasses.replace(
                att, chain=tuple(src for src in att.chain if not _is_outlet(src.name, outlet))
            )
        if (DISCLAIMER.search(body) and _names_outlet(body, outlet)) \
                or PASSIVE_DISCLAIMER.match(body):
            for i in reported:
                c = claims[i]
                claims[i] = _replace(c, confidence=Confidence.UNVERIFIED,
                                     modifiers=(*c.modifiers, f"lowered by: {body}"))
            reported.clear()
            continue
        carried = False
        if (
            not att.chain and not att.hedged and last_chain
            and k - last_index <= CARRY_SENTENCES
        ):
            # A hedge of its own ("reportedly") marks another, unnamed source.
            starts_quote = body[:1] in "“\""
            previous = claims[-1].statement if claims else ""
            if starts_quote or _continues(body, previous):
                att = Attribution(chain=last_chain, cues=(), verb="", hedged=att.hedged)
                carried = True
        grade, cues = _grade(att, sent.text, carried=carried)
        likelihood, lrange = _likelihood(sent.text)
        date_text = _event_date(find_dates(sent.text, published))
        quantities = tuple(
            {"value": q.value, "value_max": q.value_max, "qualifier": q.qualifier,
             "counted": q.counted, "unit": q.unit, "start": sent.start + q.start,
             "end": sent.start + q.end, "text": q.text}
            for q in find_quantities(sent.text)
        )
        fps = tuple(i for i, _ in index.footprints_within(sent.start, sent.end))
        places = claim_places(sent, att, index)
        if not places and claims and _ANAPHORIC_PLACE.search(sent.text):
            places = claims[-1].places  # "in the area", "the province": the place just named
        if not places:
            places = continued_places(att.chain, sent.text, claims, events)
        claim = Claim(
            claim_id=f"{doc_id}:{sent.start}", start=sent.start, end=sent.end,
            statement=sent.text, sources=(publisher, *att.chain), confidence=grade,
            cues=tuple(dict.fromkeys(cues)), likelihood=likelihood, likelihood_range=lrange,
            event_date=date_text[0], date_precision=date_text[1], date_note=date_text[2],
            quantities=quantities, places=places,
            footprints=fps,
        )
        if grade in (Confidence.DENIED, Confidence.DISPUTED) and claims:
            target = speakers.latest_other(claim.cited_sources[-1:])
            if target is not None:
                claim = _replace(claim, responds_to=target)
        if claim.confidence is Confidence.REPORTED:
            reported.append(len(claims))
        if BACK_REFERENCE.match(body) and att.chain and grade in _ATTRIBUTED:
            _attribute_back(claims, publisher, claim)
        claims.append(claim)
        events.add(claim)
        speakers.add(claim)
        if att.chain and not (len(att.chain) == 1 and att.chain[0].name == "reports (unnamed)"):
            last_chain, last_index = att.chain, k
            for src in att.chain:
                if not src.anonymous and (
                    re.search(r"[A-Z][a-z]+ [A-Z]", src.name) or _has_proper_name(src.name)
                ):
                    key = (src.name, src.type, src.anonymous)
                    named.pop(key, None)
                    named[key] = src
    from geoclaims.claims.sources import resolve_sources  # canonical sources, issue 14
    return resolve_sources(_attribute_leading_quotes(claims))


class _Speakers:
    """The latest claim of a document whose innermost source differs from a given one.

    A denial answers the latest earlier claim of another speaker. Kept as claims come
    (the latest claim, and the latest one before the run of claims of its speaker), it
    answers in constant time, where a scan back would cross every claim of a long run
    of one speaker's denials.
    """

    __slots__ = ("_before_run", "_last")

    def __init__(self) -> None:
        #: (innermost source, claim id) of the latest claim, and of the latest claim
        #: whose innermost source is not the latest claim's.
        self._last: tuple[tuple[str, ...], str] | None = None
        self._before_run: str | None = None

    def add(self, claim: Claim) -> None:
        """Record the next claim of the document."""
        speaker = claim.cited_sources[-1:]
        if self._last is not None and self._last[0] != speaker:
            self._before_run = self._last[1]
        self._last = (speaker, claim.claim_id)

    def latest_other(self, speaker: tuple[str, ...]) -> str | None:
        """Id of the latest claim whose innermost source is not ``speaker``, or None."""
        if self._last is None:
            return None
        return self._last[1] if self._last[0] != speaker else self._before_run


#: Words that end the noun phrase opening a sentence ("The soldiers were ...").
_NP_END = lexicon.words("noun_phrase_ends")


def _continues(sentence: str, previous: str) -> bool:
    """Tell whether an unattributed sentence goes on with the previous report.

    A pronoun subject ("They fled ...", "Its troops ...") continues it. A definite
    subject continues it when its head noun refers back to a word of the previous
    sentence ("... 18 soldiers deserted." "The soldiers were stationed ..."); a new
    definite subject ("The surge of violence comes ...", "This attack marks ...") is
    the outlet's own comment.

    Examples
    --------
    >>> _continues("The soldiers were seen near the border.", "Ten soldiers fled, she said.")
    True
    >>> _continues("The surge of fighting comes amid talks.", "Ten soldiers fled, she said.")
    False
    """
    if re.match(r"(?:They|He|She|It|Its|Their)\b", sentence):
        return True
    opening = re.match(r"The\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)(?=[\s,.;:]|$)", sentence)
    if opening is None:
        return False
    words = []
    for word in opening.group(1).split():
        if word.lower() in _NP_END:
            break
        words.append(word)
    if not words:
        return False
    head = words[-1].lower()
    stem = head[:-1] if head.endswith("s") and len(head) > 3 else head
    return re.search(rf"\b{re.escape(stem)}", previous, re.IGNORECASE) is not None


def _attribute_leading_quotes(claims: list[Claim]) -> list[Claim]:
    """A quotation standing alone takes the speaker named right after it.

    '"The regime is shooting indiscriminately." Putin said at a meeting ...': the quote
    is Putin's, reported, not the outlet's own statement.
    """
    out = list(claims)
    for i, claim in enumerate(out[:-1]):
        nxt = out[i + 1]
        if (
            len(claim.sources) == 1 and claim.statement[:1] in "“\""
            and len(nxt.sources) > 1 and not nxt.sources[-1].anonymous
            and nxt.start - claim.end <= 3
        ):
            out[i] = _replace(claim, sources=nxt.sources, confidence=Confidence.REPORTED,
                              cues=("quotation attributed in the next sentence",))
    return out


def _has_proper_name(name: str) -> bool:
    """True when a source phrase names someone ("Volodymyr Zelenskyy", "Reuters")."""
    from geoclaims.claims.attribution import NOUNISH

    words = re.findall(r"\b[A-Z][\w'’-]+", name)
    return any(
        w.lower() not in NOUNISH and not re.search(r"(?:ian|an|ese|ish|i)$", w)
        and w not in ("The", "A", "An")
        for w in words
    )


_PRONOUN = re.compile(r"(?:he|she|they)", re.IGNORECASE)
_IT = re.compile(r"it", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"(?:(?:the|this|that)\s+)?(?:newspaper|outlet|paper|report|agency|statement|broadcaster|"
    r"publication|site)", re.IGNORECASE
)


_SURNAME = re.compile(
    rf"(?:(?:{lexicon.alternation(lexicon.phrases('surname_honorifics'))})\.?\s+)?[A-Z][\w'’-]+"
)


def _full_name(short: str, named: Reversible[Source]) -> Source | None:
    """The latest named source whose name ends with the surname ``short``."""
    surname = short.split()[-1]
    return next(
        (s for s in reversed(named)
         if s.name != short and len(s.name.split()) > 1 and s.name.split()[-1] == surname),
        None,
    )


def _resolve_references(
    att: Attribution, named: Reversible[Source], last_chain: tuple[Source, ...]
) -> Attribution:
    """Replace "he", "the newspaper", "the Ukrainian president" by who they refer to."""
    if not att.chain:
        return att
    chain = list(att.chain)
    for i, src in enumerate(chain):
        name = src.name.strip()
        if _PRONOUN.fullmatch(name):
            person = next(
                (s for s in reversed(named)
                 if s.type != "outlet" and re.search(r"[A-Z][a-z]+\s+[A-Z][a-z]+", s.name)),
                None,
            )
            if person is not None:
                chain[i] = person
        elif _IT.fullmatch(name) and last_chain:
            body = next((s for s in reversed(last_chain) if s.type != "person"), None)
            if body is not None:
                chain[i] = body
        elif _ANAPHOR.fullmatch(name) and last_chain:
            chain[i : i + 1] = list(last_chain)
        elif _SURNAME.fullmatch(name) and (full := _full_name(name, named)) is not None:
            chain[i] = full  # "Kirby" -> "White House ... Advisor John Kirby"
        elif not src.anonymous and not _has_proper_name(name):
            # "the Ukrainian president" -> the earlier "Ukrainian President Volodymyr
            # Zelenskyy"; "the Russian ministry" -> "Moscow's Ministry of Defense"
            head = name.split()[-1].lower()
            match = next(
                (s for s in reversed(named)
                 if _head_matches(head, s.name) and _same_nationality(name, s.name)),
                None,
            )
            if match is not None:
                chain[i] = match
    out: list[Source] = []
    for src in chain:
        body = _affiliation(src, named)
        if body is not None and all(s.name != body.name for s in (*out, *chain)):
            out.append(body)  # "agency spokesman X" speaks for the agency just named
        out.append(src)
    return dataclasses.replace(att, chain=tuple(out))


#: A title after a lowercase body noun: "agency spokesman Mahmud Bassal", "ministry
#: official Ana Lis". The body noun refers back to an organisation already named.
_BODY_TITLE = re.compile(
    rf"(?:the\s+)?(?P<body>[a-z]+)\s+(?:{lexicon.alternation(lexicon.phrases('body_titles'))})"
    r"\s+[A-Z]"
)


def _affiliation(src: Source, named: Reversible[Source]) -> Source | None:
    """The organisation a titled speaker speaks for, when a body noun refers back to it.

    "agency spokesman Mahmud Bassal" after "Gaza's civil defence agency said ...":
    the agency. None when the name shows no such noun or nothing earlier matches.
    """
    m = _BODY_TITLE.match(src.name)
    if m is None:
        return None
    body = m.group("body")
    return next(
        (s for s in reversed(named)
         if s.type != "person" and s.name.lower().split()[-1] == body),
        None,
    )


def _head_matches(head: str, name: str) -> bool:
    """True when ``head`` is the head noun of ``name``: its last word, the word
    before "of" ("Ministry of Defense"), or a title before a proper name
    ("President Volodymyr Zelenskyy")."""
    words = name.lower().split()
    if words and words[-1] == head:
        return True
    h = re.escape(head)
    return bool(
        re.search(rf"\b{h}\s+of\s", name, re.IGNORECASE)
        or re.search(rf"\b(?i:{h})\s+[A-Z]", name)
    )


def _same_nationality(description: str, name: str) -> bool:
    """False when both name a nationality and they differ ("the Russian ministry" is
    not "Ukrainian Defense Ministry")."""
    def nationalities(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"\b[A-Z][a-z]+(?:ian|an|ese|ish|i)\b", text)}

    ours, theirs = nationalities(description), nationalities(name)
    return not ours or not theirs or bool(ours & theirs)


def _names_outlet(sentence: str, outlet: str | None) -> bool:
    """The sentence speaks for the publishing outlet ("Radio Free Asia", "AFP", "we")."""
    if re.match(r"\s*(?:we|this (?:outlet|newspaper|site|website))\b", sentence, re.I):
        return True
    if not outlet:
        return False
    names = [outlet, *re.findall(r"\(([^)]+)\)", outlet), re.sub(r"\s*\([^)]*\)", "", outlet)]
    return any(n.strip() and re.search(rf"\b{re.escape(n.strip())}\b", sentence) for n in names)


def _is_outlet(name: str, outlet: str | None) -> bool:
    """True when a source name is the publishing outlet ("AFP" of "Business Recorder
    (AFP)", "The Test Wire" of "Test Wire")."""
    if not outlet:
        return False
    names = [outlet, *re.findall(r"\(([^)]+)\)", outlet), re.sub(r"\s*\([^)]*\)", "", outlet)]
    def norm(text: str) -> str:
        return re.sub(r"^the\s+", "", " ".join(text.split()).lower())
    return norm(name) in {norm(n) for n in names if n.strip()}


def _event_date(dates: Sequence[Any]) -> tuple[str | None, str | None, str]:
    """The first resolved date of a sentence, or why there is none."""
    for d in dates:
        if d.date is not None:
            return d.date.isoformat(), d.precision, ""
    notes = [f"{d.text!r}: {d.reason}" for d in dates if d.reason]
    return None, None, "; ".join(notes)


def _attribute_back(claims: list[Claim], publisher: Source, source_claim: Claim) -> None:
    """Give the source of "This was reported by X" to the claims it refers back to.

    They are the unattributed claims right before it, up to :data:`BACK_CLAIMS`,
    stopping at the first one that has a source or a grade of its own.
    """
    for j in range(len(claims) - 1, max(-1, len(claims) - 1 - BACK_CLAIMS), -1):
        c = claims[j]
        if c.sources != (publisher,) or c.confidence is not Confidence.CONFIRMED or c.cues:
            break
        claims[j] = _replace(c, sources=source_claim.sources,
                             confidence=source_claim.confidence,
                             cues=("(attributed by the next sentence)",))


def _replace(claim: Claim, **changes: Any) -> Claim:
    return dataclasses.replace(claim, **changes)
