"""Grade rules: the named cue patterns by which a sentence denies or disputes what it says.

The guideline (``news_dev.GUIDELINES.md``) grades a claim *denied* when a party denies
or dismisses it, *disputed* when a party cannot confirm it, has seen no evidence of it
or contests it; otherwise its sources decide (an unnamed one or a hedge: unverified, a
named one: reported, the outlet's own voice: confirmed). :data:`RULES` holds the cue
patterns in their order of precedence; :func:`cue_grade` asks them in turn. A rule
either gives its grade (the first to match decides) or, as a *mask*, blanks the words
it matches so that the later rules do not read them ("has not denied" is no denial,
"neither confirmed nor denied" neither a denial nor a doubt).

Precedence, when cues conflict (first that applies decides; ``extract_claims``):

1. A sentence's own cue words, by these rules in order: a denial beats a doubt, and a
   masked phrase ("has not denied", "neither confirmed nor denied") gives nothing.
2. An anonymous source in the chain ("unnamed officials", "a resident", "Municipal
   officials"): unverified.
3. A hedge ("reportedly", "said to be", "if confirmed"): unverified.
4. A named source: reported; confirmed when that source "confirmed" it.
5. No source: the outlet's own statement, confirmed.

Then what other sentences say changes a grade, recorded in the claim's
``modifiers``: the outlet's own disclaimer ("RFA has not been able to independently
verify") lowers the reported claims before it to unverified; a denial or doubt that
points back ("denied this statement", "denied launching the assault") labels the
attributed claims of other parties it answers denied or disputed, and the denial's
own sentence is then reported (the guideline: the denied proposition carries the
label). A denial with a clause or object of its own ("denies that any troops
crossed", "dismissed the claim as fake news") labels only its own sentence.

To add a rule: add a :class:`GradeRule` to :data:`RULES` where it must run, with a
snake_case name, a one-sentence reason quoting the phrase it is for and its pattern,
and a row named after it to ``tests/claims/test_grades.py`` (a test checks that every
rule has one, and that each row needs its rule).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from geoclaims.claims.model import Confidence
from geoclaims.text import lexicon
from geoclaims.text.inflection import word_forms

__all__ = ["RULES", "GradeRule", "cue_grade", "rules_for"]


@dataclass(frozen=True, slots=True, kw_only=True)
class GradeRule:
    """A cue pattern and the grade it gives (``None``: a mask, see the module doc)."""

    name: str
    reason: str
    pattern: re.Pattern[str]
    grade: Confidence | None


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_NOT = r"(?:not|n't|never)"
_HAVE = r"(?:has|have|had|did|does|do|would|will|could)"

RULES: tuple[GradeRule, ...] = (
    GradeRule(
        name="negated_denial",
        reason="'has not denied being behind them', 'neither confirmed nor denied': "
               "declining to deny is no denial and no doubt.",
        pattern=_words(
            rf"\b(?:{_HAVE}\s+(?:also\s+)?{_NOT}\s+(?:yet\s+)?(?:denied|deny)"
            r"|neither\s+(?:confirmed|confirm|confirms)\s+nor\s+(?:denied|deny|denies)"
            r"|(?:refused|declined)\s+to\s+(?:confirm\s+or\s+)?deny)\b"
        ),
        grade=None,
    ),
    GradeRule(
        name="denial",
        reason="'the Kremlin denied', 'dismissed the reports', 'called it fake': a party "
               "denies the proposition.",
        pattern=_words(
            r"\b(?:denied|denies|deny|dismissed|dismisses|rejected|rejects|refuted|refutes|"
            r"called (?:it|them|the \w+) (?:false|fake|a lie)|fake news|baseless|"
            r"categorically)\b"
        ),
        grade=Confidence.DENIED,
    ),
    GradeRule(
        name="not_true",
        reason="'the claim is not true', 'reports were untrue': a party says it is false.",
        pattern=_words(r"\b(?:is|was|are|were)\s+(?:not|n't)\s+true\b|\buntrue\b"),
        grade=Confidence.DENIED,
    ),
    GradeRule(
        name="cannot_confirm",
        reason="'could not independently confirm', 'unable to verify': a party cannot "
               "confirm it.",
        pattern=_words(
            r"\b(?:could not|cannot|can't|couldn't|would not|unable to|did not|"
            r"has not been able to|have not been able to)\s+(?:independently\s+)?"
            r"(?:confirm|verify)"
        ),
        grade=Confidence.DISPUTED,
    ),
    GradeRule(
        name="not_confirmed",
        reason="'Kyiv has not confirmed the capture', 'claims were not confirmed by "
               "Ukraine': the party that would know has not confirmed it.",
        pattern=_words(
            rf"\b(?:{_HAVE}\s+{_NOT}\s+(?:yet\s+)?(?:officially\s+)?confirmed?"
            rf"|(?:is|are|was|were|has|have|had)\s+(?:been\s+)?{_NOT}\s+(?:been\s+)?"
            r"(?:yet\s+)?(?:officially\s+|independently\s+)?confirmed)\b"
        ),
        grade=Confidence.DISPUTED,
    ),
    GradeRule(
        name="no_evidence",
        reason="'no evidence', 'has not provided any evidence', 'has not found visual "
               "evidence to support these claims': a party has seen nothing to back it.",
        pattern=_words(
            rf"\bno evidence\b|\b{_NOT}\s+(?:provided|presented|offered|shown|found|seen)"
            r"\s+(?:any\s+)?(?:\w+\s+)?evidence\b|\bwithout (?:providing )?(?:any )?evidence\b"
        ),
        grade=Confidence.DISPUTED,
    ),
    GradeRule(
        name="no_information",
        reason="'did not have information to confirm the reports', 'had no indication of "
               "an attack': a party that would know has nothing to back it.",
        pattern=_words(
            rf"\b{_HAVE}\s+{_NOT}\s+have\s+(?:any\s+)?(?:immediate\s+)?information\b"
            r"|\b(?:showed|shows|found|finds|saw|sees|had|has|have|there (?:is|was))\s+"
            r"[“\"]?no\s+indication\b"
        ),
        grade=Confidence.DISPUTED,
    ),
    GradeRule(
        name="not_seen",
        reason="'the US side has not seen North Korean soldiers involved': a party has "
               "not seen it.",
        pattern=_words(r"\b(?:has|have|had) not seen\b"),
        grade=Confidence.DISPUTED,
    ),
    GradeRule(
        name="if_true",
        reason="'if true', 'if that is true': the speaker doubts it.",
        pattern=_words(r"\bif true\b|\bif (?:it's|it is|that's|that is) true\b"),
        grade=Confidence.DISPUTED,
    ),
    GradeRule(
        name="contested_by_a_party",
        reason="'Moscow disputed the account', 'a claim contested by Kyiv': a party "
               "contests it (not 'a fiercely contested city', 'a dispute over the shoal').",
        pattern=_words(
            r"\b(?:disputes|disputed|contests|contested)\s+(?:by|the|this|that|these|those|"
            r"his|her|their|its|such|claims?|reports?|accounts?)\b"
        ),
        grade=Confidence.DISPUTED,
    ),
)


def _phrases(names: Sequence[str], lang: str) -> re.Pattern[str]:
    forms: set[str] = set()
    for name in names:
        forms |= word_forms(name, lang)
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation(forms)})(?!\w)", re.IGNORECASE)


@cache
def rules_for(lang: str) -> tuple[GradeRule, ...]:
    """The grade rules of a language: :data:`RULES` for English, and for Russian and
    Ukrainian the same precedence read from their lexicons.

    The Russian and Ukrainian rules mask declining to deny
    (``<lang>/negated_denial_cues.txt``: "не опроверг", "не заперечує"), then grade
    denied the verbs of denying and the phrases that call a proposition false
    (``deny_verbs``, ``denial_cues``: "опровергли", "спростувала", "не відповідає
    дійсності"), then disputed the phrases of not being able to confirm
    (``doubt_cues``: "не подтвердил", "не можуть підтвердити").

    Examples
    --------
    >>> cue_grade("Генштаб спростував інформацію про прорив.", rules_for("uk"))[0]
    <Confidence.DENIED: 'denied'>
    >>> cue_grade("Минобороны не опровергло эти данные.", rules_for("ru")) is None
    True
    """
    if lang not in ("ru", "uk"):
        return RULES
    return (
        GradeRule(name="negated_denial", reason="'не опроверг', 'не заперечує': "
                  "declining to deny is no denial and no doubt.",
                  pattern=_phrases(("negated_denial_cues",), lang), grade=None),
        GradeRule(name="denial", reason="'опровергли', 'спростувала', 'не відповідає "
                  "дійсності': a party denies the proposition.",
                  pattern=_phrases(("deny_verbs", "denial_cues"), lang),
                  grade=Confidence.DENIED),
        GradeRule(name="cannot_confirm", reason="'не подтвердил', 'не можуть "
                  "підтвердити': a party cannot confirm it.",
                  pattern=_phrases(("doubt_cues",), lang), grade=Confidence.DISPUTED),
    )


def cue_grade(
    sentence: str, rules: Sequence[GradeRule] = RULES
) -> tuple[Confidence, str] | None:
    """The grade a sentence's own cue words give it, and the words, if any.

    Examples
    --------
    >>> cue_grade("The Kremlin denied that any depot was hit.")
    (<Confidence.DENIED: 'denied'>, 'denied')
    >>> cue_grade("Kyiv has not denied being behind the attacks.") is None
    True
    >>> cue_grade("Fighting went on around the fiercely contested city.") is None
    True
    """
    text = sentence
    for rule in rules:
        m = rule.pattern.search(text)
        if m is None:
            continue
        if rule.grade is None:
            text = rule.pattern.sub(lambda hit: " " * len(hit.group(0)), text)
            continue
        return rule.grade, m.group(0)
    return None
