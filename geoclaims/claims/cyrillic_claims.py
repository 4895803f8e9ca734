"""Russian and Ukrainian claims of a document: what claim extraction adds for them.

Helpers that act on the claims made so far: an outlet's disclaimer lowers the report
just made (:func:`lower_last_report`), a sentence that only names its speaker is no
claim (:func:`only_names_speaker`), a statement is split at its semicolons
(:func:`split_clause_claims`), and a denial answers only hedged claims
(:func:`is_hedged_claim`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from geoclaims.claims.cyrillic_discourse import split_clauses
from geoclaims.claims.model import Claim, Confidence, Source
from geoclaims.claims.scope import claim_places

if TYPE_CHECKING:
    from geoclaims.claims.attribution import Attribution
    from geoclaims.claims.scope import PlaceIndex
    from geoclaims.text.segment import Sentence

__all__ = [
    "CARRIED",
    "DISCLAIMED_CLAIMS",
    "SPEAKER_LINE_WORDS",
    "is_hedged_claim",
    "lower_last_report",
    "only_names_speaker",
    "split_clause_claims",
]

#: The cue of a Russian or Ukrainian claim that carries the report before it (kept
#: whatever else grades it, so that an explicit back reference can re-attribute it).
CARRIED = ("(continues the report)",)
#: Words besides its sources and cues a ru/uk back reference may have and still only
#: name who spoke ("Про це повідомив у Телеграмі голова ОВА, передає Укрінформ").
SPEAKER_LINE_WORDS = 4


def only_names_speaker(sent: Sentence, att: Attribution) -> bool:
    """True for "Об этом сообщил губернатор", "Про це повідомляють в BBC": the words
    left outside the sources, the cue words and the opening reference are at most
    :data:`SPEAKER_LINE_WORDS`."""
    text = sent.text
    spans = sorted((s.start - sent.start, s.end - sent.start) for s in att.chain
                   if s.start is not None and s.end is not None)
    for a, b in reversed(spans):
        if 0 <= a < b <= len(text):
            text = text[:a] + " " + text[b:]
    words = re.findall(r"[^\W\d_][\w'’ʼ.-]*", text.casefold())
    cue_words = {w for cue in att.cues for w in cue.casefold().split()}
    rest = [w for w in words[2:] if w not in cue_words]  # "Об этом", "Про це"
    return len(rest) <= SPEAKER_LINE_WORDS


#: How many claims back a Russian or Ukrainian disclaimer lowers.
DISCLAIMED_CLAIMS = 3


def lower_last_report(claims: list[Claim], publisher: Source, disclaimer: str) -> None:
    """ "Проте, цю інформацію не підтверджено": the information just reported, the
    run of claims back to the last one with a source, becomes unverified; the
    unattributed claims of the run take that source."""
    run_sources: tuple[Source, ...] = ()
    for j in range(len(claims) - 1, max(-1, len(claims) - 1 - DISCLAIMED_CLAIMS), -1):
        c = claims[j]
        if len(c.sources) > 1:
            run_sources = c.sources
            claims[j] = dataclasses.replace(c, confidence=Confidence.UNVERIFIED,
                                 modifiers=(*c.modifiers, f"lowered by: {disclaimer}"))
            break
        claims[j] = dataclasses.replace(c, confidence=Confidence.UNVERIFIED, cues=(disclaimer,),
                             modifiers=(*c.modifiers, f"lowered by: {disclaimer}"))
    else:
        return
    for i in range(j + 1, len(claims)):
        if claims[i].sources == (publisher,):
            claims[i] = dataclasses.replace(claims[i], sources=run_sources)


def is_hedged_claim(claim: Claim) -> bool:
    """A claim whose own words mark it doubtful ("якобы", "нібито") or that an
    unnamed source carries."""
    return claim.confidence is Confidence.UNVERIFIED


def split_clause_claims(claim: Claim, sent: Sentence, att: Attribution,
                  index: PlaceIndex) -> list[Claim]:
    """A Russian or Ukrainian claim split at its semicolons, one claim a clause, each
    with the statement's sources and grade
    (:func:`geoclaims.claims.cyrillic_discourse.split_clauses`)."""
    from geoclaims.text.segment import Sentence

    spans = split_clauses(sent.text)
    if len(spans) == 1:
        return [claim]
    out = []
    for a, b in spans:
        start, end = sent.start + a, sent.start + b
        clause = Sentence(start=start, end=end, text=sent.text[a:b], index=sent.index,
                          paragraph=sent.paragraph)
        out.append(dataclasses.replace(
            claim, claim_id=f"{claim.claim_id}:{a}" if a else claim.claim_id,
            start=start, end=end, statement=clause.text,
            places=claim_places(clause, att, index) or claim.places,
            footprints=tuple(i for i, _ in index.footprints_within(start, end)),
            quantities=tuple(q for q in claim.quantities if start <= q["start"] < end)))
    return out
