"""Denials and doubts, and the claims they answer.

A denial or a doubt answers the latest earlier claim of another speaker
(:class:`Speakers`). When its cue points back at what was said before ("denied this
statement", "denied launching the assault"), the guideline puts the label on the
proposition: :func:`label_answered` grades the attributed claims it answers denied
or disputed. The precedence of grades is in :mod:`geoclaims.claims.grades`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from geoclaims.claims.model import Claim, Confidence

__all__ = ["ANSWERED_CLAIMS", "Speakers", "answers_earlier", "label_answered"]


class Speakers:
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
        speaker = claim.speakers[-1:]
        if self._last is not None and self._last[0] != speaker:
            self._before_run = self._last[1]
        self._last = (speaker, claim.claim_id)

    def latest_other(self, speaker: tuple[str, ...]) -> str | None:
        """Id of the latest claim whose innermost source is not ``speaker``, or None."""
        if self._last is None:
            return None
        return self._last[1] if self._last[0] != speaker else self._before_run


#: How many claims back a denial or a doubt labels what it answers.
ANSWERED_CLAIMS = 6
#: What a denial or a doubt names when it points back at what was said before:
#: "denied this statement", "could not confirm these reports", "denied launching the
#: assault", "denied it", or nothing at all ("Pakistan denied."). "Dismissed the
#: claim" or "could not confirm the reports" (a definite article) are the stance of
#: the answering party and label only its own sentence, as the seed example's claims
#: table has it (Peskov's "fake news", Kirby's "could not confirm the reports").
_EARLIER_OBJECT = re.compile(
    r"\W{0,3}(?:(?:these|this|those|such|that)\s+(?:[\w-]+\s+){0,2}"
    r"(?:reports?|claims?|statements?|allegations?|accounts?|information|assertions?|"
    r"accusations?|charges?)\b|(?:it|them)\b|(?:this|that)(?=\s*[.,;]|$)|(?:any\s+)?[a-z]+ing\b"
    r"|[.;]|$)",
    re.IGNORECASE,
)
#: The subject of "is not true" when it is something said before: "This is not true".
_EARLIER_SUBJECT = re.compile(
    r"(?:\b(?:this|that|it|these|those)|\b(?:the|such)\s+(?:[\w-]+\s+){0,2}(?:reports?|"
    r"claims?|statements?|allegations?|information|accounts?))\s+(?:is|are|was|were)\s+$",
    re.IGNORECASE,
)
#: A relative clause before the cue: "an allegation which Kigali denies" answers its
#: own sentence.
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that|who)\s+(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)


def answers_earlier(sentence: str, cues: Sequence[str]) -> bool:
    """True when the grade cue of a denial or doubt points at something said before
    rather than at a clause of its own ("Iran denies the ship was bound for Syria",
    "an allegation which Kigali denies", "what analysts say is not true")."""
    for cue in cues:
        at = sentence.find(cue)
        if at < 0 or _RELATIVE_BEFORE.search(sentence, 0, at):
            continue
        if re.search(r"true", cue, re.IGNORECASE):
            if _EARLIER_SUBJECT.search(sentence, 0, at + cue.lower().find("not")):
                return True
        elif _EARLIER_OBJECT.match(sentence, at + len(cue)):
            return True
    return False


def label_answered(claims: list[Claim], answer: Claim, *,
                   eligible: Callable[[Claim], bool] | None = None) -> Claim:
    """Label what a denial or a doubt answers; return the answer's own claim.

    The guideline puts the label on the proposition. The attributed claims of
    other parties among the last :data:`ANSWERED_CLAIMS` (reported or unverified:
    not the outlet's own statements, not other answers) become *denied* or
    *disputed*, with the answer recorded in their modifiers. A denial's own
    sentence then reports the denier's statement (*reported*, or *unverified* for
    an anonymous denier); a doubt stays *disputed*, as the guideline grades "could
    not confirm" itself. ``eligible``, when given, narrows the claims that may be
    answered.
    """
    answerer = answer.speakers[-1:]
    for j in range(max(0, len(claims) - ANSWERED_CLAIMS), len(claims)):
        c = claims[j]
        if (c.speakers and c.speakers[-1:] != answerer
                and c.confidence in (Confidence.REPORTED, Confidence.UNVERIFIED)
                and (eligible is None or eligible(c))):
            claims[j] = dataclasses.replace(c, confidence=answer.confidence, modifiers=(
                *c.modifiers, f"{answer.confidence.value} by: {answer.statement[:200]}"))
    if answer.confidence is Confidence.DENIED:
        grade = Confidence.UNVERIFIED if answer.anonymous_source else Confidence.REPORTED
        return dataclasses.replace(answer, confidence=grade)
    return answer
