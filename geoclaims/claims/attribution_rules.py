"""Attribution rules: the named patterns by which a sentence says who speaks.

:func:`geoclaims.claims.attribution.find_attribution` runs :data:`RULES` in order
on each sentence. A ``"sentence"`` rule reads the sentence once ("according to X",
"citing Y"); when one says it read everything (``source_label``: a "Source: ..."
line), no later rule runs. The run of ``"verb"`` rules is tried on each verb of
saying in turn, left to right: the first rule with a verdict decides that verb,
either naming its speaker, which ends the search, or rejecting the verb, which moves
on to the next one. Rules add sources to the chain (outermost first) and the cue
words that justify it.

To add a rule: write its matcher (``(draft) -> Verdict | None``; a verb rule reads
``draft.candidate``), add an :class:`AttributionRule` with a snake_case name and a
one-sentence reason quoting an example phrase to :data:`RULES` where it must run,
and a row named after it to the table of ``tests/claims/test_attribution_rules.py``
(a test checks that every rule has one, and that each row needs its rule).
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from geoclaims.claims.attribution import (
    NOUNISH,
    SAYING_VERB,
    Attribution,
    classify_source,
    clean_source,
    main_subject,
    make_source,
    noun_phrase_ahead,
    subject_before,
)
from geoclaims.claims.model import Source
from geoclaims.text import lexicon


class Verdict(enum.Enum):
    """What a rule decided; a matcher returns None when it does not apply."""

    #: A verb rule found the speaker of its verb: no later verb is read.
    SPEAKER = "speaker"
    #: A verb rule found that its verb names no speaker: the next verb is tried.
    NOT_SPEAKER = "not a speaker"
    #: A sentence rule read everything there is: no later rule runs.
    DONE = "done"


class SayingVerb:
    """One verb of saying in a sentence, and the noun phrase right before it."""

    __slots__ = ("_subject", "match", "sentence")

    def __init__(self, match: re.Match[str], sentence: str) -> None:
        self.match = match
        self.sentence = sentence
        self._subject: tuple[int, int] | Literal[False] | None = False

    @property
    def word(self) -> str:
        """The verb or participle as written ("said", "saying")."""
        return self.match.group("verb") or self.match.group("participle")

    @property
    def subject(self) -> tuple[int, int] | None:
        """Span of the noun phrase before the verb (:func:`subject_before`), or None."""
        if self._subject is False:
            self._subject = subject_before(self.sentence, self.match.start())
        return self._subject

    @property
    def phrase(self) -> str:
        """Text of :attr:`subject` ("" when there is none)."""
        span = self.subject
        return "" if span is None else self.sentence[span[0] : span[1]]


@dataclass(slots=True)
class Draft:
    """What the rules have found in one sentence so far (one per sentence)."""

    sentence: str
    #: Offset of the sentence in the document.
    offset: int = 0
    #: Sources, outermost first, and the cue words, in the order rules add them.
    chain: list[Source] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    #: Document offsets of source descriptions (see :attr:`Attribution.described`).
    described: list[tuple[int, int]] = field(default_factory=list)
    #: The verb whose speaker a verb rule found ("" until then).
    verb: str = ""
    hedged: bool = False
    #: The verb of saying the verb rules are deciding (None outside that search).
    candidate: SayingVerb | None = None

    def add(self, phrase: str, start: int) -> None:
        """Add the sources a phrase names ("the army and the police" names two).

        ``start`` is where the phrase begins in the sentence: each name is looked
        for from there to record its document offsets.
        """
        name = clean_source(phrase)
        if not name or len(name) < 2:
            return
        parts = [p for p in re.split(r"\s+and\s+(?=the\s|[A-Z])", name) if p.strip()]
        for part in parts:
            part = clean_source(part)
            kind, anon = classify_source(part)
            s = self.sentence.find(part, max(0, start - 2))
            self.chain.append(make_source(
                name=part, type=kind, anonymous=anon,
                start=self.offset + s if s >= 0 else None,
                end=self.offset + s + len(part) if s >= 0 else None,
            ))

    def add_outermost(self, phrase: str, start: int, cue: str) -> None:
        """Add the sources of ``phrase`` at the head of the chain, its cue first.

        "According to X, Y said ...", "..., per X": X passed on what the others say.
        """
        self.cues.insert(0, cue)
        inner = list(self.chain)
        self.chain.clear()
        self.add(noun_phrase_ahead(phrase), start)
        self.chain.extend(inner)

    def result(self) -> Attribution:
        """The attribution found: the chain without repeated names, cues once each."""
        seen: set[str] = set()
        chain = []
        for src in self.chain:
            key = src.name.lower()
            if key not in seen:
                seen.add(key)
                chain.append(src)
        return Attribution(chain=tuple(chain), cues=tuple(dict.fromkeys(self.cues)),
                           verb=self.verb, hedged=self.hedged,
                           described=tuple(self.described))


Matcher = Callable[[Draft], "Verdict | None"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AttributionRule:
    """One way a sentence names who speaks."""

    #: Short snake_case name; the rule's test row carries it as its id.
    name: str
    #: Why the rule exists, with an example phrase, for readers of the table.
    reason: str
    #: ``"sentence"``: read once per sentence. ``"verb"``: tried on each verb of
    #: saying, with the other verb rules next to it in :data:`RULES`.
    scope: Literal["sentence", "verb"]
    match: Matcher

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", self.name):
            raise ValueError(f"rule name must be snake_case, got {self.name!r}")
        if self.scope not in ("sentence", "verb"):
            raise ValueError(f"scope must be 'sentence' or 'verb', got {self.scope!r}")


#: The period of an abbreviation or an initial inside a name ("Rep. Bobby Scott",
#: "the U.S. State Department", "J. Smith"): it ends neither the name nor the clause.
_ABBREVIATION_DOT = "(?:" + "|".join(
    [rf"(?<=\b{re.escape(a)})\." for a in lexicon.phrases("sentence_split_abbreviations")]
    + [r"(?<=\b[A-Z])\."]
) + ")"
#: A period that ends a clause (not one of :data:`_ABBREVIATION_DOT`).
_FULL_STOP = rf"(?!{_ABBREVIATION_DOT})\."
#: A character of a source name: no clause punctuation but abbreviation periods.
_NAME_CHAR = rf"(?:[^,.;:]|{_ABBREVIATION_DOT})"
_LABEL = re.compile(r"\s*(?:Source|Sources|Quote from|Quoting)\s*:?\s*(?P<src>[^,:;.\n]{2,80})")
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$")
_AND_BEFORE = re.compile(r"\band\s+$")
#: The subject right after the verb, not a weekday or month ("said on Monday").
_SUBJECT_AFTER = re.compile(
    r"\s+(?:the\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|June|July|August|September|October|November|"
    rf"December)\b)([A-Z](?:[^,.;“\"]|{_ABBREVIATION_DOT}){{2,80}}?)"
    rf"(?=\s+(?:on|in|at|during|that)\s|[,;]|{_FULL_STOP}|$)"
)
_SPEAKER_WORD = re.compile(r"[A-Z]|\b(?:he|she|they|it)\b")
#: Subjects that refer back to a speaker named before (resolved by claims.extract).
_BACK_REFERENCE = re.compile(
    r"(?:he|she|they|it|the (?:newspaper|outlet|report|agency|ministry|paper))"
)
_ACCORDING = re.compile(
    rf"\b[Aa]ccording to\s+(?P<src>{_NAME_CHAR}+?)"
    rf"(?=[,;:]|{_FULL_STOP}|\s+(?:on|in|that|who)\b|$)"
)
#: "..., per CNN.", "... - per the Wall Street Journal": a name after "per" that ends
#: a clause ("per cent", "per day" are lowercase).
_PER = re.compile(
    rf"(?:,|\s[-–—])\s*per\s+(?P<src>(?:the\s+)?[A-Z]{_NAME_CHAR}*?)(?=[,;:]|{_FULL_STOP}|$)"
)
#: "according to the state broadcaster, Suspilne": the name after the description.
_NAME_AFTER = re.compile(r",\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*[,.]")
_CITING = re.compile(
    r"\b(?:[Cc]iting|[Qq]uoting)\s+(?P<src>(?:(?:unnamed\s+|anonymous\s+)?(?:sources|officials)"
    rf"\s+(?:in|at|from|within)\s+)?{_NAME_CHAR}+?)"
    rf"(?=[,;:]|{_FULL_STOP}|\s+(?:on|in|that|who)\b|$)"
)
_REPORTEDLY = re.compile(
    r"\b(?:reportedly|allegedly|(?:is|are|was|were) (?:reported|said|believed|thought) to|"
    r"(?<=[\w,] )said to (?:be|have)\b|if confirmed|"
    r"(?:has|have|had) been reported(?!\s+by)|(?:is|are|was|were) accused of|"
    r"according to (?:unconfirmed |media )?reports|media reports|unconfirmed reports?|"
    r"reports (?:say|said|suggest|indicate))\b",
    re.IGNORECASE,
)


def _candidate(draft: Draft) -> SayingVerb:
    if draft.candidate is None:
        raise ValueError("a verb rule runs only on a verb of saying")
    return draft.candidate


def _source_label(draft: Draft) -> Verdict | None:
    label = _LABEL.match(draft.sentence)
    if label is None:
        return None
    draft.cues.append(draft.sentence[: label.start("src")].strip(" :").lower())
    draft.add(label.group("src"), label.start("src"))
    return Verdict.DONE


#: "Trump: 'I'm the worst thing that happened to the establishment'", "Poll: Sanders
#: leads": a short name that opens a line, then a colon and the content.
_SPEAKER_COLON = re.compile(
    r"\s*(?P<src>[A-Z][\w.'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'’()-]*){0,5})\s*:\s+"
    r"(?=\S+\s+\S+\s+\S)"
)
_LABEL_WORDS = lexicon.words("label_words") | lexicon.calendar_words()


def _speaker_colon(draft: Draft) -> Verdict | None:
    found = _SPEAKER_COLON.match(draft.sentence)
    if found is None:
        return None
    name = found.group("src")
    words = name.split()
    if name.isupper() or words[0].lower().strip("'’") in _LABEL_WORDS or len(name) < 2:
        return None  # "KYIV:", "Update:", "Tuesday:": a dateline or a label
    draft.cues.append(":")
    draft.add(name, found.start("src"))
    return Verdict.DONE


def _in_opening_quote(draft: Draft) -> Verdict | None:
    sentence = draft.sentence
    if sentence[:1] not in "“\"":
        return None
    close = max(sentence.find("”"), sentence.find('"', 1))
    quote_end = close if close > 0 else len(sentence)
    return Verdict.NOT_SPEAKER if _candidate(draft).match.start() < quote_end else None


def _passive(draft: Draft) -> Verdict | None:
    found = _BE_BEFORE.search(draft.sentence[: _candidate(draft).match.start()])
    return Verdict.NOT_SPEAKER if found else None


def _clause_subject(draft: Draft) -> Verdict:
    """The subject that opens the clause speaks (:func:`main_subject`)."""
    verb = _candidate(draft)
    subj = main_subject(draft.sentence, verb.match.start())
    if subj is None:
        return Verdict.NOT_SPEAKER
    draft.verb = verb.word
    draft.add(draft.sentence[subj[0] : subj[1]], subj[0])
    return Verdict.SPEAKER


def _participle(draft: Draft) -> Verdict | None:
    return _clause_subject(draft) if _candidate(draft).match.group("participle") else None


def _coordinated(draft: Draft) -> Verdict | None:
    before = draft.sentence[: _candidate(draft).match.start()]
    return _clause_subject(draft) if _AND_BEFORE.search(before) else None


def _said_before_source(draft: Draft) -> Verdict | None:
    verb = _candidate(draft)
    if verb.subject is not None:
        return None
    after = _SUBJECT_AFTER.match(draft.sentence[verb.match.end() :])
    if after is None or verb.match.start() == 0:
        return Verdict.NOT_SPEAKER
    draft.verb = verb.word
    draft.add(after.group(1), verb.match.end())
    return Verdict.SPEAKER


def _not_a_speaker(draft: Draft) -> Verdict | None:
    verb = _candidate(draft)
    if verb.subject is None:
        return Verdict.NOT_SPEAKER
    phrase = verb.phrase
    content = [w for w in phrase.split() if w.lower() not in ("the", "a", "an", "this", "that")]
    if not content:
        return Verdict.NOT_SPEAKER
    if not (_SPEAKER_WORD.search(phrase) or any(w.lower() in NOUNISH for w in phrase.split())) \
            or phrase.strip() in ("I", "We", "You"):
        return Verdict.NOT_SPEAKER
    return None


def _back_reference(draft: Draft) -> Verdict | None:
    verb = _candidate(draft)
    name = verb.phrase.strip()
    if verb.subject is None or not _BACK_REFERENCE.fullmatch(name.lower()):
        return None
    draft.verb = verb.word
    draft.cues.append(f"{name} {verb.word}")
    draft.chain.append(make_source(name=name, type="person", anonymous=False))
    return Verdict.SPEAKER


def _said_after_source(draft: Draft) -> Verdict | None:
    verb = _candidate(draft)
    if verb.subject is None:
        return None
    draft.verb = verb.word
    draft.add(verb.phrase, verb.subject[0])
    return Verdict.SPEAKER


#: A named speaker's account: "Tarriela's account", "the ministry's figures".
_POSSESSED_ACCOUNT = re.compile(
    r"(?P<owner>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}|the\s+[a-z]+)['’]s?\s+"
    rf"(?:(?:latest|daily|initial|preliminary|own|official|first)\s+)?"
    rf"(?:{lexicon.alternation(lexicon.phrases('account_nouns'))})s?"
)


def _speaker_of(phrase: str) -> str:
    """The speaker an account phrase names: "Tarriela's account" is Tarriela's."""
    m = _POSSESSED_ACCOUNT.fullmatch(phrase.strip())
    return m.group("owner") if m else phrase


def _citing(draft: Draft) -> Verdict | None:
    for m in _CITING.finditer(draft.sentence):
        draft.cues.append("citing")
        draft.add(_speaker_of(noun_phrase_ahead(m.group("src"))), m.start("src"))
    return None


def _according_to(draft: Draft) -> Verdict | None:
    sentence = draft.sentence
    for m in _ACCORDING.finditer(sentence):
        src = m.group("src")
        named = _NAME_AFTER.match(sentence[m.end() :])
        if named and re.search(r"[A-Z]", src[1:]) is None and named.group(1) not in src:
            draft.described.append(
                (draft.offset + m.start("src"), draft.offset + m.end() + named.end(1))
            )
            src = named.group(1)
        if re.match(r"(?:media )?reports?\b", src, re.I):
            continue
        draft.add_outermost(_speaker_of(src), m.start("src"), "according to")
    return None


def _per(draft: Draft) -> Verdict | None:
    for m in _PER.finditer(draft.sentence):
        draft.add_outermost(m.group("src"), m.start("src"), "per")
    return None


#: A speaker who keeps their name back: "a resident, who declined to be identified".
_NAME_WITHHELD = re.compile(
    r"\b(?:asked|declined|refused|wished)\s+not\s+to\s+be\s+(?:named|identified)\b"
    r"|\b(?:declined|refused)\s+to\s+be\s+(?:named|identified)\b"
    r"|\bon\s+(?:the\s+)?condition\s+of\s+anonymity\b",
    re.IGNORECASE,
)


def _name_withheld(draft: Draft) -> Verdict | None:
    m = _NAME_WITHHELD.search(draft.sentence)
    if m is None:
        return None
    draft.cues.append(m.group(0).lower())
    if draft.chain:
        draft.chain[-1] = dataclasses.replace(draft.chain[-1], type="anonymous", anonymous=True)
    else:
        draft.chain.append(make_source(name="unnamed source", type="anonymous", anonymous=True))
    return None


#: Citations in brackets at the end of a sentence, each a name and a date, as
#: humanitarian reports write them: "(OCHA 22/06/2022; Al Jazeera 23/06/2022)".
_CITATIONS = re.compile(
    r"\((?P<cites>[^()]*?\b\d{1,2}/\d{1,2}/\d{2,4}\b[^()]*)\)[\s.]*$"
)
_CITATION = re.compile(
    r"\s*(?P<name>[A-Z][^;,()]*?),?\s+(?:accessed\s+)?\d{1,2}/\d{1,2}/\d{2,4}\b[^;]*"
)


def _bracketed_citation(draft: Draft) -> Verdict | None:
    if draft.chain:
        return None
    m = _CITATIONS.search(draft.sentence)
    if m is None:
        return None
    start = m.start("cites")
    for part in m.group("cites").split(";"):
        cite = _CITATION.match(part)
        if cite is not None:
            draft.add(cite.group("name"), start)
        start += len(part) + 1
    if draft.chain:
        draft.cues.append("(citation)")
    return None


#: A passive verb of saying with its agent: "This was reported by the governor".
#: Participles of saying that take an agent ("reported by", "announced by").
PASSIVE_SAYING = "reported|announced|stated|confirmed|claimed|posted|written|said"
_PASSIVE_BY = re.compile(
    rf"\b(?:was|were|has been|have been|had been|is|are)\s+(?:first\s+)?(?:{PASSIVE_SAYING})"
    r"\s+by\s+(?P<src>[^,.;:]+?)(?=[,.;:]|$)"
)


def _passive_by_agent(draft: Draft) -> Verdict | None:
    if draft.chain:
        return None
    m = _PASSIVE_BY.search(draft.sentence)
    if m is None:
        return None
    src = m.group("src")
    named = _NAME_AFTER.match(draft.sentence[m.end():])
    if named and re.search(r"[A-Z]", src[1:]) is None:
        src = named.group(1)  # "by the head of the administration, Ivan Sirko"
    draft.cues.append(m.group(0)[: m.start("src") - m.start()].strip())
    draft.add(noun_phrase_ahead(src), draft.sentence.find(src, m.start("src")))
    return None


def _reportedly(draft: Draft) -> Verdict | None:
    hedge = _REPORTEDLY.search(draft.sentence)
    if hedge is not None:
        draft.hedged = True
        draft.cues.append(hedge.group(0).lower())
    return None


def _unnamed_reports(draft: Draft) -> Verdict | None:
    if draft.chain:
        return None
    hedge = _REPORTEDLY.search(draft.sentence)
    if hedge is not None and re.search(r"\breports?\b", hedge.group(0), re.IGNORECASE):
        draft.chain.append(make_source(name="reports (unnamed)", type="anonymous",
                                       anonymous=True))
    return None


def _rule(name: str, scope: Literal["sentence", "verb"], reason: str,
          match: Matcher) -> AttributionRule:
    return AttributionRule(name=name, scope=scope, reason=reason, match=match)


#: Every attribution rule, in the order they run.
RULES: tuple[AttributionRule, ...] = (
    _rule("source_label", "sentence",
          "'Source: Ukraine's General Staff': a label line names its source and "
          "nothing else.", _source_label),
    _rule("speaker_colon", "sentence",
          "'Graham: Trump's rhetoric is destroying the party', 'Poll: Sanders leads': a "
          "short name opening a line before a colon is the speaker of what follows, "
          "unless it is a label word ('Update:', 'Photo:') or a dateline in capitals.",
          _speaker_colon),
    _rule("verb_in_opening_quote", "verb",
          "'\"We said no,\" the mayor told reporters': a verb inside the quotation that "
          "opens the sentence is the quoted speaker's, not the attribution.",
          _in_opening_quote),
    _rule("passive_saying_verb", "verb",
          "'soldiers are reported to have deserted': a passive verb of saying hedges "
          "the claim and names no speaker.", _passive),
    _rule("participle_of_saying", "verb",
          "'Rebels seized the town, claiming that ...': after a comma, a participle's "
          "speaker is the subject that opens the clause.", _participle),
    _rule("coordinated_saying_verb", "verb",
          "'The governor met rescuers and said ...': a verb after 'and' shares the "
          "subject of the first verb.", _coordinated),
    _rule("said_before_source", "verb",
          "'\"...,\" said John Kirby', '..., reported the General Staff': with no "
          "subject before the verb, the speaker follows it.", _said_before_source),
    _rule("not_a_speaker", "verb",
          "'The confirmed toll rose ...': a subject with no name, pronoun or source "
          "noun ('spokesperson', 'officials'), or 'I'/'We'/'You', is not a speaker.",
          _not_a_speaker),
    _rule("back_reference_said", "verb",
          "'..., he said', 'the agency said': a pronoun or 'the agency' speaks; it is "
          "resolved later to the speaker named before.", _back_reference),
    _rule("said_after_source", "verb",
          "'Kremlin spokesperson Dmitry Peskov said': the noun phrase right before the "
          "verb speaks.", _said_after_source),
    _rule("citing", "sentence",
          "'..., Reuters reported, citing unnamed officials in Kyiv': the cited source "
          "is the next link of the chain.", _citing),
    _rule("according_to", "sentence",
          "'According to the Daily Star, ...': the source heads the chain (outermost); "
          "'according to the state broadcaster, Suspilne' names Suspilne.",
          _according_to),
    _rule("per_source", "sentence",
          "'..., per CNN.': a trailing 'per' names the outermost source, as 'according "
          "to' does.",
          _per),
    _rule("name_withheld", "sentence",
          "'said one resident, who declined to be identified', 'spoke on condition of "
          "anonymity': the speaker is anonymous.",
          _name_withheld),
    _rule("passive_by_agent", "sentence",
          "'This was reported by the head of the administration, Ivan Sirko': the agent "
          "of a passive verb of saying is the source.",
          _passive_by_agent),
    _rule("bracketed_citation", "sentence",
          "'... 1,000 killed (OCHA 22/06/2022; CNN 23/06/2022).': dated citations in "
          "brackets name the sources, in the order given.",
          _bracketed_citation),
    _rule("reportedly", "sentence",
          "'drones reportedly hit', 'according to media reports': a hedge word is a "
          "cue, and the claim is unverified unless denied or disputed.", _reportedly),
    _rule("unnamed_reports", "sentence",
          "'Media reports say ...': with no other source, reports are an anonymous "
          "source, 'reports (unnamed)'.", _unnamed_reports),
)


def apply_rules(sentence: str, offset: int, rules: Sequence[AttributionRule]) -> Attribution:
    """The attribution ``rules`` find in one sentence (see the module docstring)."""
    draft = Draft(sentence=sentence, offset=offset)
    for scope, run in itertools.groupby(rules, key=lambda rule: rule.scope):
        if scope == "verb":
            _find_speaker(draft, tuple(run))
            continue
        for rule in run:
            if rule.match(draft) is Verdict.DONE:
                return draft.result()
    return draft.result()


def _find_speaker(draft: Draft, rules: Sequence[AttributionRule]) -> None:
    """Try ``rules`` on each verb of saying until one names the verb's speaker."""
    for m in SAYING_VERB.finditer(draft.sentence):
        draft.candidate = SayingVerb(m, draft.sentence)
        verdict = None
        for rule in rules:
            verdict = rule.match(draft)
            if verdict is not None:
                break
        if verdict is Verdict.SPEAKER:
            draft.cues.append(draft.verb)
            break
    draft.candidate = None
