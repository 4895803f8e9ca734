"""Sentences of a report -> claims with source chains, grades, dates, places."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Reversible, Sequence
from typing import TYPE_CHECKING, Any

from geoclaims.claims.answers import Speakers, answers_earlier, label_answered
from geoclaims.claims.attribution import (
    Attribution,
    classify_source,
    find_attribution,
    make_source,
)
from geoclaims.claims.attribution_rules import PASSIVE_SAYING
from geoclaims.claims.coref import People
from geoclaims.claims.cyrillic import find_attribution_cyrillic
from geoclaims.claims.cyrillic_claims import (
    CARRIED,
    is_hedged_claim,
    lower_last_report,
    only_names_speaker,
    split_clause_claims,
)
from geoclaims.claims.cyrillic_discourse import answers_earlier as answers_earlier_cyrillic
from geoclaims.claims.cyrillic_discourse import (
    continues_report,
    find_likelihood,
    is_back_reference,
    is_disclaimer,
)
from geoclaims.claims.grades import cue_grade, rules_for
from geoclaims.claims.model import LIKELIHOOD_SCALE, Claim, Confidence, Source
from geoclaims.claims.references import (
    acronym_definitions,
    has_proper_name,
    resolve_references,
)
from geoclaims.claims.scope import (
    EventPlaces,
    PlaceIndex,
    claim_places,
    continued_places,
    is_same_speaker,
)
from geoclaims.claims.structure import (
    StructuralAttribution,
    has_cue_word,
    is_unnamed,
    structural_attributions,
)
from geoclaims.text import lexicon

if TYPE_CHECKING:
    from geoclaims.geometry.footprints import Footprint
    from geoclaims.places.resolve import Resolution
    from geoclaims.text.parse import Parse
    from geoclaims.text.segment import Segmentation, Sentence

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
#: How many speakers whose claims were denied or disputed a document remembers, the
#: latest kept: each later claim of one of them takes the same label.
ANSWERED_SPEAKERS = 8
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


#: Languages read by the Russian and Ukrainian rules (:mod:`geoclaims.claims.cyrillic`).
CYRILLIC = ("ru", "uk")


def _grade(att: Attribution, sentence: str, *, carried: bool,
           lang: str = "en") -> tuple[Confidence, list[str]]:
    """Confidence grade of a sentence and the cue words that justify it."""
    cues: list[str] = []
    if (cue := cue_grade(sentence, rules_for(lang))) is not None:
        return cue[0], [cue[1]]
    if any(src.anonymous for src in att.chain):
        return Confidence.UNVERIFIED, [*att.cues, "anonymous source"]
    if att.hedged:
        return Confidence.UNVERIFIED, list(att.cues)
    if att.chain:
        if lang in CYRILLIC:
            cues = list(att.cues) or (["(continues the report)"] if carried else [])
        else:  # a carried claim keeps the cue of the report it continues
            cues = [*att.cues, *(["(continues the report)"] if carried else [])]
        if (att.verb in ("confirmed", "confirms") or att.extra.get("stance") == "confirm") \
                and not att.chain[-1].anonymous:
            return Confidence.CONFIRMED, cues
        return Confidence.REPORTED, cues
    return Confidence.CONFIRMED, []


def _likelihood(sentence: str, lang: str = "en") -> tuple[str | None,
                                                          tuple[float, float] | None]:
    if lang in CYRILLIC:
        return find_likelihood(sentence, lang)
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
    from geoclaims.text.dates import find_dates, text_year
    from geoclaims.text.dates_cyrillic import find_dates_cyrillic, text_year_cyrillic
    from geoclaims.text.quantities import find_quantities
    from geoclaims.text.quantities_cyrillic import find_quantities_cyrillic

    publisher = make_source(name=outlet or "(unknown outlet)", type="outlet")
    claims: list[Claim] = []
    # Named sources so far, for "he", "the president": the latest of each name last,
    # so that a name repeated in every sentence is looked through once.
    named: dict[tuple[str, str, bool], Source] = {}
    events = EventPlaces()  # event nouns of the claims so far, for "the incursion"
    reported: list[int] = []  # claims still REPORTED, lowered by an outlet's disclaimer
    speakers = Speakers()  # for the claim a denial answers
    # Speakers whose claims a denial or a doubt labelled: their grade and the answer.
    answered: dict[Source, tuple[Confidence, str]] = {}
    last_chain: tuple[Source, ...] = ()
    last_index = -10
    last_cues: tuple[str, ...] = ()  # the cues of the claim that gave last_chain
    index = PlaceIndex.build(resolutions, footprints)  # once: each sentence looks up its own
    from geoclaims.text.segment import segment

    seg = segmentation if segmentation is not None else segment(text)
    lang = seg.language.code
    cyrillic = lang in CYRILLIC
    people = People.build(text) if lang == "en" else None
    acronyms = acronym_definitions(text)  # "the Arakan Army (AA)": "AA" is that army
    year = None  # for "March 13", "13 марта" undated
    if published is None:
        year = text_year_cyrillic(text) if cyrillic else text_year(text)
    dates_in = find_dates_cyrillic if cyrillic else find_dates
    statements = seg.statements()
    parses, structural = _structural(statements, lang)
    last_paragraph = -1
    for k, sent in enumerate(statements):
        body = sent.text.strip()
        if FURNITURE.search(body) or len(body.split()) < MIN_WORDS:
            continue
        if cyrillic:
            att = find_attribution_cyrillic(sent.text, sent.start, lang)
        else:
            att = find_attribution(sent.text, sent.start)
            if not att.chain and not att.hedged and k in structural:
                att = _from_structure(structural[k], sent.start)
            att = _complete_names(att, structural.get(k, ()), sent.start, sent.text)
            att = _mark_unnamed(att, parses.get(k), sent.start)
            att = resolve_references(att, named.values(), last_chain, people, sent.start,
                                     acronyms)
        if not att.chain and _is_heading(sent, seg):
            continue  # a headline or a dateline states no claim unless it names a speaker
        if any(_is_outlet(src.name, outlet) for src in att.chain):
            # "..., Test Wire reported, citing X": the publisher heads the chain already.
            att = dataclasses.replace(
                att, chain=tuple(src for src in att.chain if not _is_outlet(src.name, outlet))
            )
        if cyrillic and is_disclaimer(body, lang):
            lower_last_report(claims, publisher, body)
            reported.clear()
            continue
        if (DISCLAIMER.search(body) and _names_outlet(body, outlet)) \
                or PASSIVE_DISCLAIMER.match(body):
            for i in reported:
                c = claims[i]
                claims[i] = _replace(c, confidence=Confidence.UNVERIFIED,
                                     modifiers=(*c.modifiers, f"lowered by: {body}"))
            reported.clear()
            continue
        carried = False
        if cyrillic and not att.chain and last_chain and "continues" in att.extra:
            # "говорится в сообщении", "по его словам": the report before goes on
            att = dataclasses.replace(att, chain=last_chain)
        elif (
            not att.chain and (cyrillic or not att.hedged) and last_chain
            and k - last_index <= CARRY_SENTENCES
        ):
            # A hedge of its own ("reportedly") marks another, unnamed source; in
            # Russian and Ukrainian copy "нібито", "якобы" mark the reporter's doubt
            # of what the same source goes on to say.
            starts_quote = body[:1] in "“\"«"
            previous = claims[-1].statement if claims else ""
            if (cue_grade(body, rules_for(lang)) is None and continues_report(
                    body, same_paragraph=sent.paragraph == last_paragraph, lang=lang)
                    if cyrillic else starts_quote or _continues(body, previous)):
                # In English the cue of the report it continues stays its cue ("said").
                att = Attribution(chain=last_chain, cues=CARRIED if cyrillic else last_cues,
                                  verb="", hedged=att.hedged)
                carried = True
        grade, cues = _grade(att, sent.text, carried=carried, lang=lang)
        likelihood, lrange = _likelihood(sent.text, lang)
        date_text = _event_date(sent.text, dates_in(sent.text, published, default_year=year),
                                claims, published, grade)
        quantities = tuple(
            {"value": q.value, "value_max": q.value_max, "qualifier": q.qualifier,
             "counted": q.counted, "unit": q.unit, "start": sent.start + q.start,
             "end": sent.start + q.end, "text": q.text}
            for q in (find_quantities_cyrillic if cyrillic else find_quantities)(sent.text)
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
            footprints=fps, lang=lang,
        )
        if grade in (Confidence.DENIED, Confidence.DISPUTED) and claims:
            target = speakers.latest_other(claim.speakers[-1:])
            if target is not None:
                claim = _replace(claim, responds_to=target)
                if answers_earlier_cyrillic(sent.text, cues, lang) if cyrillic \
                        else answers_earlier(sent.text, cues):
                    # the ru/uk proposition a denial answers is marked as doubtful
                    # ("якобы", "нібито"): other claims of the party keep their grade
                    before = [c.confidence for c in claims]
                    claim = label_answered(claims, claim, eligible=(
                        is_hedged_claim if cyrillic else None))
                    for c, was in zip(claims, before, strict=True):
                        if not cyrillic and c.confidence is not was and not c.anonymous_source:
                            answered.pop(c.sources[-1], None)  # the latest answer last
                            answered[c.sources[-1]] = (c.confidence, claim.statement)
                    while len(answered) > ANSWERED_SPEAKERS:  # bounded: linear time
                        del answered[next(iter(answered))]
        elif claim.confidence in (Confidence.REPORTED, Confidence.UNVERIFIED) \
                and claim.cited_sources and not claim.anonymous_source and answered:
            # A speaker whose claims were denied goes on with the same proposition:
            # the label follows the speaker's later claims too.
            label = next((v for src, v in answered.items()
                          if is_same_speaker(src, claim.sources[-1])), None)
            if label is not None:
                claim = _replace(claim, confidence=label[0], modifiers=(
                    *claim.modifiers, f"{label[0].value} by: {label[1][:200]}"))
        if claim.confidence is Confidence.REPORTED:
            reported.append(len(claims))
        speaker_line = False
        if att.chain and grade in _ATTRIBUTED and (
            BACK_REFERENCE.match(body) or _names_speaker_only(structural.get(k, ()), sent)
        ):
            _attribute_back(claims, publisher, claim)
        elif cyrillic and att.chain and grade in _ATTRIBUTED and is_back_reference(body):
            # "Об этом сообщает X": an explicit source beats a carried one; a sentence
            # that only names the source of what came before is no claim of its own
            _attribute_back(claims, publisher, claim, carried_too=True)
            speaker_line = only_names_speaker(sent, att)
        elif cyrillic and "trailing" in att.extra and claims \
                and claims[-1].end >= seg.paragraphs[sent.paragraph][0]:
            # "A. B, заявив X.": the speaker named last covers the sentence before
            _attribute_back(claims, publisher, claim, limit=1)
        if speaker_line:
            if reported and reported[-1] == len(claims):
                reported.pop()
        elif cyrillic:
            claims.extend(split_clause_claims(claim, sent, att, index))
        else:
            claim = _with_own_cues(claim, att, structural.get(k, ()))
            claims.append(claim)
        if not speaker_line:
            events.add(claim)
            speakers.add(claim)
        for sub in _clause_claims(
            structural.get(k, ()), att, sent, publisher, doc_id=doc_id, named=named.values(),
            last_chain=last_chain, index=index, people=people,
        ):
            claims.append(sub)
        if att.chain and not (len(att.chain) == 1 and att.chain[0].name == "reports (unnamed)"):
            last_chain, last_index, last_paragraph = att.chain, k, sent.paragraph
            last_cues = att.cues
            for src in att.chain:
                if not src.anonymous and (
                    re.search(r"[A-Z][a-z]+ [A-Z]", src.name) or has_proper_name(src.name)
                ):
                    key = (src.name, src.type, src.anonymous)
                    named.pop(key, None)
                    named[key] = src
    from geoclaims.claims.sources import resolve_sources  # canonical sources, issue 14
    claims = resolve_sources(_attribute_leading_quotes(claims))
    return _with_location_precision(claims, resolutions, footprints)


def _with_location_precision(claims: Sequence[Claim], resolutions: Sequence[Resolution],
                             footprints: Sequence[Footprint]) -> list[Claim]:
    """Claims with the location precision code of their footprints, else their places.

    Coded once all claims are made, since places are copied between claims
    ("in the area", "the incursion") after each is first built.
    """
    from geoclaims.geometry.precision import claim_precision, place_precision

    places = {r.place.geonameid: r.place for r in resolutions if r.place is not None}
    return [
        _replace(claim, location_precision=claim_precision(
            (footprints[i].location_precision for i in claim.footprints
             if i < len(footprints)),
            (place_precision(places[g]) for g in claim.places if g in places),
        ))
        for claim in claims
    ]


def _is_heading(sent: Sentence, seg: Segmentation) -> bool:
    """True for a line without end punctuation that is a paragraph of its own: a
    headline, a dateline or a caption ("Shabaab assault on key town leaves 10 dead",
    "Tuesday, 10 December 2024, 05:50"). The guideline makes no claim of one unless
    it names a speaker ("Junta airstrikes kill dozens, rebels say")."""
    start, end = seg.paragraphs[sent.paragraph]
    return (sent.start <= start + 1 and sent.end >= end - 1
            and sent.text.rstrip()[-1:] not in ".!?…\"”’»")


def _structural(
    statements: Sequence[Sentence], language: str
) -> tuple[dict[int, Parse], dict[int, list[StructuralAttribution]]]:
    """Parses and structural attributions of the statements that hold a cue verb,
    by statement index.

    Only English statements are parsed, and only those with a word whose stem is a
    cue (:data:`geoclaims.claims.structure.CUES`): the parse is the slowest step of
    extraction, and most sentences of a news report name no speaker.
    """
    if language != "en":
        return {}, {}
    todo = [k for k, s in enumerate(statements)
            if len(s.text.split()) >= MIN_WORDS and has_cue_word(s.text)]
    found = structural_attributions([statements[k].text for k in todo])
    parses = {k: parse for k, (parse, _) in zip(todo, found, strict=True)}
    return parses, {k: atts for k, (_, atts) in zip(todo, found, strict=True) if atts}


#: Words a source name cut by a pattern may start with ("of the Center for ...").
_CUT_NAME = re.compile(r"(?:of|in|for|from|at|on|with|to|by)\s", re.IGNORECASE)


#: An appositive name right after a source phrase: ", Ivan Orlov".
_APPOSITIVE = re.compile(r",\s+[A-Z][\w'’.-]+\s+[A-Z]")


def _complete_names(
    att: Attribution, found: Sequence[StructuralAttribution], offset: int, text: str = ""
) -> Attribution:
    """Sources the pattern rules cut take the whole subject the parse gives the same
    verb: "of Orlov" of "Residents in the town of Orlov said", a title holder's
    name after the title ("The governor of the region, Ivan Orlov, said": the
    patterns stop at the title), and a named subject before its description
    ("Matthew Prince, chief executive of CloudFlare, said": the patterns take part
    of the description). ``text`` is the statement, at ``offset`` in the document."""
    if not att.chain or not found:
        return att
    chain = list(att.chain)
    for i, src in enumerate(chain):
        if src.start is None or src.end is None:
            continue
        for a in found:
            if a.cue_text not in att.cues:
                continue
            start, end = offset + a.source[0], offset + a.source[1]
            if _describes(text, end - offset, src.start - offset) \
                    and has_proper_name(a.source_text):
                chain[i] = _structural_source(a, offset)
                break
            named_after = src.end < end and _APPOSITIVE.match(a.source_text, src.end - start)
            if not (_CUT_NAME.match(src.name) or named_after):
                continue
            if start <= src.start and src.end <= end:
                chain[i] = _structural_source(a, offset)
                break
    return dataclasses.replace(att, chain=tuple(chain))


#: Between a named subject and a pattern's source inside its description: a comma,
#: then the description's first words (", chief executive ", ", the ").
#: Words of a verb ("citing", "according") are no description: "Reuters, citing
#: sources, reported" names two sources.
_DESCRIPTION_LEAD = re.compile(r",\s*(?:(?![a-z]+ing\b|according\b)[a-z][\w-]*\s+){0,4}")


def _describes(text: str, name_end: int, source_start: int) -> bool:
    """True when the pattern's source starts inside an appositive description of
    the parse's subject, which ends at ``name_end`` (statement offsets)."""
    if not text or not 0 <= name_end <= source_start:
        return False
    return _DESCRIPTION_LEAD.fullmatch(text, name_end, source_start) is not None



def _mark_unnamed(att: Attribution, parse: Parse | None, offset: int) -> Attribution:
    """Sources of ``att`` the parse shows to name no one become anonymous
    (:func:`geoclaims.claims.structure.is_unnamed`)."""
    if parse is None or not att.chain:
        return att
    chain = []
    for src in att.chain:
        if (not src.anonymous and src.start is not None and src.end is not None
                and offset <= src.start and is_unnamed(parse, src.start - offset,
                                                       src.end - offset)):
            src = dataclasses.replace(src, type="anonymous", anonymous=True)
        chain.append(src)
    return dataclasses.replace(att, chain=tuple(chain))


def _structural_source(found: StructuralAttribution, offset: int) -> Source:
    """The source a structural attribution names, with document offsets."""
    kind, anonymous = classify_source(found.source_text)
    return make_source(name=found.source_text, type=kind, anonymous=anonymous,
                       start=offset + found.source[0], end=offset + found.source[1])


def _from_structure(found: Sequence[StructuralAttribution], offset: int) -> Attribution:
    """The attribution of a statement from its structural attribution nearest the root."""
    first = found[0]
    return Attribution(chain=(_structural_source(first, offset),), cues=(first.cue_text,),
                       verb=first.cue_text,
                       extra={"structure": first.rule, "cue_kind": first.kind})


def _clause_claims(
    found: Sequence[StructuralAttribution], att: Attribution, sent: Sentence,
    publisher: Source, *, doc_id: str, named: Reversible[Source],
    last_chain: tuple[Source, ...], index: PlaceIndex, people: People | None,
) -> list[Claim]:
    """Claims of the further attributions of a statement, one per clause.

    "Aides to Clinton say she respects Sanders' passion" makes two attributions:
    the aides say, and Clinton respects. The statement's claim carries the first
    (its source chain); each further cue of belief, intention or stance outside
    quotations whose source is another speaker becomes a claim of its own clause
    (the guideline's "sentence or clause"), graded by its source like any reported
    claim. A further verb of saying does not: news copy nests those as a source
    chain of one claim ("X said, citing Y"), and a claim per verb split the
    statements the news sets annotate whole (claim precision 0.69 -> 0.59 on
    news_dev, BENCHMARKS.md).
    """
    from geoclaims.text.segment import Sentence

    # A source is spoken by its name and by the words the text gave it ("the RSF").
    spoken = {_key(name) for src in att.chain for name in (src.name, *src.surface_forms)}
    out: list[Claim] = []
    for extra in found:
        if extra.quoted or extra.kind == "speech" or _key(extra.source_text) in spoken:
            continue
        spoken.add(_key(extra.source_text))
        sub = resolve_references(_from_structure([extra], sent.start), named, last_chain,
                                  people, sent.start)
        start, end = sent.start + extra.clause[0], sent.start + extra.clause[1]
        clause = Sentence(start=start, end=end, text=sent.text[extra.clause[0]:extra.clause[1]],
                          index=sent.index, paragraph=sent.paragraph)
        grade, cues = _grade(sub, clause.text, carried=False)
        out.append(Claim(
            claim_id=f"{doc_id}:{start}:{extra.cue[0]}", start=start, end=end,
            statement=clause.text, sources=(publisher, *sub.chain), confidence=grade,
            cues=tuple(dict.fromkeys(cues)), places=claim_places(clause, sub, index),
            footprints=tuple(i for i, _ in index.footprints_within(start, end)),
        ))
    return out


def _with_own_cues(
    claim: Claim, att: Attribution, found: Sequence[StructuralAttribution]
) -> Claim:
    """The claim with every cue its speaker has in the sentence: "Machado promised to
    support Clinton and said she would stand up to the attacks" is promised and said."""
    spoken = {_key(name) for src in att.chain for name in (src.name, *src.surface_forms)}
    more = [a.cue_text for a in found
            if _key(a.source_text) in spoken and a.cue_text not in claim.cues]
    return _replace(claim, cues=(*claim.cues, *dict.fromkeys(more))) if more else claim


def _key(name: str) -> str:
    """A source name compared loosely: lowercase, without a leading article."""
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip().lower())


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
                              cues=(*nxt.cues, "quotation attributed in the next sentence"))
    return out


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


def _event_date(
    sentence: str, dates: Sequence[Any], earlier: Sequence[Claim],
    published: dt.date | None, grade: Confidence,
) -> tuple[str | None, str | None, str]:
    """The event date of a sentence and the rule that chose it, or why there is none."""
    from geoclaims.claims.event_dates import choose_event_date

    stance = grade in (Confidence.DISPUTED, Confidence.DENIED)
    return choose_event_date(sentence, dates, earlier, published=published, stance=stance)


#: Words a speaker line may have besides its source and verb ("told Interfax-Ukraine.").
SPEAKER_LINE_WORDS = 3


def _names_speaker_only(found: Sequence[StructuralAttribution], sent: Sentence) -> bool:
    """True for a statement that only names who spoke: "Nazar Voloshyn, spokesperson
    for the group, told Interfax-Ukraine." Its verb has no content clause, nothing
    precedes the source, and at most :data:`SPEAKER_LINE_WORDS` words follow the
    verb: what the speaker said is the text before it."""
    if not found:
        return False
    first = found[0]
    return (first.content is None and first.kind == "speech" and not first.quoted
            and not sent.text[:first.source[0]].strip()
            and len(sent.text[first.cue[1]:].split()) <= SPEAKER_LINE_WORDS)


def _attribute_back(claims: list[Claim], publisher: Source, source_claim: Claim, *,
                    carried_too: bool = False, limit: int = BACK_CLAIMS) -> None:
    """Give the source of "This was reported by X" to the claims it refers back to.

    They are the unattributed claims right before it, up to ``limit``
    (:data:`BACK_CLAIMS`), stopping at the first one that has a source or a grade of
    its own; with ``carried_too``, a claim that only carries the report before it
    ("(continues the report)") is re-attributed as well.
    """
    for j in range(len(claims) - 1, max(-1, len(claims) - 1 - limit), -1):
        c = claims[j]
        if carried_too and CARRIED[0] in c.cues:
            pass
        elif c.sources != (publisher,) or c.confidence is not Confidence.CONFIRMED or c.cues:
            break
        claims[j] = _replace(c, sources=source_claim.sources,
                             confidence=source_claim.confidence,
                             cues=("(attributed by the next sentence)",))


def _replace(claim: Claim, **changes: Any) -> Claim:
    return dataclasses.replace(claim, **changes)
