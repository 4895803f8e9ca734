"""Attribution read from sentence structure: the subject of a verb of saying or thinking.

Where the pattern rules of :mod:`geoclaims.claims.attribution_rules` need the
source next to a known verb form, a dependency parse (:mod:`geoclaims.text.parse`)
finds it wherever the grammar puts it: "O'Malley's campaign says it will shift
staff", "The Arizona Republican survived 5 years in prison and says such
techniques are inhumane" (the subject of a coordinated verb), "critics who say the
senator lacks experience" (a relative clause), "Trump has vowed to bring back
mining jobs" (an intention with an infinitive).

A cue is a verb of the ``attribution_cues`` lexicon (speech, belief, intention or
stance). How its source is found is the table :data:`SUBJECT_RULES`, tried in order;
each rule has a name, a reason and a test row (``tests/claims/test_structure.py``).

Examples
--------
>>> [a.source_text for a in find_structural(parse_sentences(
...     ["The billionaire real estate magnate says the tackle draws a penalty."])[0])]
['The billionaire real estate magnate']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geoclaims.text import lexicon
from geoclaims.text.parse import Parse, parse_sentences

__all__ = ["SUBJECT_RULES", "StructuralAttribution", "find_structural", "parse_sentences"]

#: Cue verb stem -> kind ("speech", "belief", "intention", "stance").
CUES: dict[str, str] = {
    lexicon.stem(k): v.split()[0] for k, v in lexicon.table("attribution_cues").items()
}
#: Stems of the cues that attribute only with a clause or with no object at all.
CLAUSE_ONLY = frozenset(
    lexicon.stem(k) for k, v in lexicon.table("attribution_cues").items() if "clause" in v.split()
)
#: Cue nouns (lexicon ``attribution_nouns``) -> kind: "Venezuela's claim that ...".
NOUN_CUES: dict[str, str] = dict(lexicon.table("attribution_nouns"))
#: Labels of a clause complement.
CLAUSES = ("ccomp", "xcomp")
#: Labels of a complement that a non-speech cue needs ("wants a wall", "vowed to").
COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "prep", "dative", "advcl"})
#: Dependents that are not part of a source's name.
NAME_SKIP = frozenset({"relcl", "acl", "advcl", "parataxis"})
#: Subjects that name no one ("it is expected", "there was").
NO_SOURCE = frozenset({"it", "there", "this", "that", "what", "which", "these", "those"})
#: First and second persons: inside a quotation they are the quoted speaker's own
#: words ("I think ...", " ... you know"), whose source is who the quote is by.
SPEAKER_PERSONS = frozenset({"i", "me", "we", "us", "you"})
#: Relative pronouns: the source is the noun the clause describes.
RELATIVES = frozenset({"who", "that", "which", "whom"})
#: How far up a chain of coordinated and embedded verbs a subject is looked for.
MAX_CLIMB = 3


@dataclass(frozen=True, slots=True)
class StructuralAttribution:
    """A cue verb, its source and its content, as sentence offsets."""

    source: tuple[int, int]
    source_text: str
    cue: tuple[int, int]
    cue_text: str
    #: "speech", "belief", "intention" or "stance".
    kind: str
    #: The complement clause, or None when the verb has none ("..., he said.").
    content: tuple[int, int] | None
    #: The clause that makes the attribution: source, cue and content together.
    clause: tuple[int, int]
    #: True when the cue is inside a quotation of the sentence.
    quoted: bool
    #: Name of the rule of :data:`SUBJECT_RULES` that found the source.
    rule: str
    #: Depth of the cue verb in the tree (0: the root).
    depth: int


@dataclass(frozen=True, slots=True)
class SubjectRule:
    """One way to find the word that names a cue verb's source."""

    name: str
    reason: str
    find: Callable[[Parse, int], int]


def _own_subject(p: Parse, i: int) -> int:
    return p.child(i, "nsubj")


def _passive_agent(p: Parse, i: int) -> int:
    agent = p.child(i, "agent")
    return p.child(agent, "pobj") if agent >= 0 else -1


def _inherited_subject(p: Parse, i: int) -> int:
    # "... survived and says", "has vowed to", "..., saying that": the head verb's subject.
    j = i
    for _ in range(MAX_CLIMB):
        w = p.words[j]
        if w.dep not in ("conj", "xcomp") and not (w.dep == "advcl" and w.tag == "VBG"):
            return -1
        j = w.head
        s = p.child(j, "nsubj")
        if s >= 0:
            return s
    return -1


def _possessor(p: Parse, i: int) -> int:
    # "Venezuela's claim that it will hold elections": a cue noun's possessor.
    return p.child(i, "poss") if p.words[i].pos == "NOUN" else -1


def _described_noun(p: Parse, i: int) -> int:
    # "a statement saying that ...", "officials speaking on condition of anonymity".
    w = p.words[i]
    if w.dep == "acl" and w.tag == "VBG" and p.words[w.head].pos in ("NOUN", "PROPN"):
        return w.head
    return -1


#: The subject rules, tried in order; the first that finds a word names the source.
SUBJECT_RULES: tuple[SubjectRule, ...] = (
    SubjectRule("own_subject", "the verb's own subject, before or after it "
                "('the campaign says', '..., said Trump')", _own_subject),
    SubjectRule("passive_agent", "the agent of a passive cue ('was told by aides')",
                _passive_agent),
    SubjectRule("inherited_subject", "the subject of the verb a coordinated verb, an "
                "infinitive or a participle depends on ('survived and says', "
                "'has vowed to', ', saying')", _inherited_subject),
    SubjectRule("described_noun", "the noun a participle describes ('a statement "
                "saying')", _described_noun),
    SubjectRule("possessor", "the possessor of a cue noun with a 'that' clause "
                "('Venezuela's claim that it will hold elections')", _possessor),
)


def _depth(p: Parse, i: int) -> int:
    d = 0
    while p.words[i].head != i and d < 50:
        i = p.words[i].head
        d += 1
    return d


def _name_words(p: Parse, s: int) -> list[int]:
    """The words of the source's name: the subject's subtree without clauses, cut
    to the run of words around the subject. An apposition stays when it names the
    holder of a title ("The head of the centre, Andrii Kovalenko"), not when it
    describes a name ("Trump, the frontrunner,")."""
    skip = set(NAME_SKIP)
    if p.words[s].pos == "PROPN" or not any(
        p.words[c].pos == "PROPN" for c in p.children[s] if p.words[c].dep == "appos"
    ):
        skip.add("appos")
    words = p.subtree(s, skip=skip)
    k = words.index(s)
    lo = hi = k
    while lo > 0 and words[lo - 1] == words[lo] - 1:
        lo -= 1
    while hi + 1 < len(words) and words[hi + 1] == words[hi] + 1:
        hi += 1
    run = words[lo:hi + 1]
    while run and (p.words[run[-1]].pos in ("PUNCT", "CCONJ", "ADP", "DET")
                   or p.words[run[-1]].dep == "case"):
        run.pop()  # trailing punctuation, and the "'s" of a possessor
    while run and p.words[run[0]].pos in ("PUNCT", "CCONJ"):
        run.pop(0)
    return run


def _noun_cue_kind(p: Parse, i: int) -> str | None:
    """Kind of a cue noun with a possessor and a "that" clause ("his claim that")."""
    kind = NOUN_CUES.get(p.words[i].text.lower())
    if kind is None or p.child(i, "poss") < 0:
        return None
    clause = p.child(i, "acl", "ccomp")
    if clause < 0 or not any(p.words[c].dep == "mark" and p.words[c].text.lower() == "that"
                             for c in p.children[clause]):
        return None
    return kind


def _cue_kind(p: Parse, i: int) -> str | None:
    w = p.words[i]
    if w.pos == "NOUN":
        return _noun_cue_kind(p, i)
    if not w.tag.startswith("VB") or w.dep in ("amod", "compound", "aux", "auxpass"):
        return None
    stem = lexicon.stem(w.text.lower())
    kind = CUES.get(stem)
    if kind is None:
        return None
    if p.child(i, "neg") >= 0:
        return None  # "has not denied", "did not say": nothing is passed on
    if w.tag == "VBN" and p.child(i, "agent") < 0 and not any(
        p.words[c].dep == "aux" and p.words[c].text.lower() in ("has", "have", "had", "having",
                                                              "'s", "’s", "'ve", "’ve")
        for c in p.children[i]
    ):
        return None  # a passive with no agent: "no injuries reported", "is expected"
    if stem in CLAUSE_ONLY:
        if p.child(i, *CLAUSES) < 0 and p.child(i, "dobj") >= 0:
            return None
    elif kind != "speech" and p.child(i, *COMPLEMENTS) < 0:
        return None
    return kind


def find_structural(
    p: Parse, rules: Sequence[SubjectRule] | None = None
) -> list[StructuralAttribution]:
    """The attributions a parsed sentence makes: those outside quotations first,
    then nearest the root first. ``rules`` are the subject rules to try, in order
    (:data:`SUBJECT_RULES` when not given), as ``find_attribution`` takes its table.

    Examples
    --------
    >>> p = parse_sentences(["Critics who say the senator lacks experience are loud."])[0]
    >>> [(a.source_text, a.cue_text, a.rule) for a in find_structural(p)]
    [('Critics', 'say', 'own_subject')]
    """
    if not p.words:
        return []
    out = []
    quotes = _quoted(p.text)
    for i in range(len(p.words)):
        kind = _cue_kind(p, i)
        if kind is None:
            continue
        for rule in SUBJECT_RULES if rules is None else rules:
            s = rule.find(p, i)
            if s >= 0:
                break
        else:
            continue
        word = p.words[s]
        if word.text.lower() in RELATIVES and p.words[i].dep == "relcl":
            s = p.words[i].head  # "critics who say": the noun the clause describes
            word = p.words[s]
        low = word.text.lower()
        if low in NO_SOURCE or low in SPEAKER_PERSONS or word.dep == "expl" or word.pos not in (
            "NOUN", "PROPN", "PRON", "NUM"
        ):
            continue
        name = _name_words(p, s)
        if not name:
            continue
        comp = p.child(i, "ccomp", "xcomp", *(("acl",) if p.words[i].pos == "NOUN" else ()))
        content = p.span(p.subtree(comp)) if comp >= 0 else None
        start, end = p.span(name)
        w = p.words[i]
        c0, c1 = p.span(p.subtree(i, skip=("punct",)))
        out.append(StructuralAttribution(
            source=(start, end), source_text=p.text[start:end], cue=(w.start, w.end),
            cue_text=w.text, kind=kind, content=content,
            clause=(min(c0, start), max(c1, end)),
            quoted=any(q0 <= w.start < q1 for q0, q1 in quotes), rule=rule.name,
            depth=_depth(p, i),
        ))
    out.sort(key=lambda a: (a.quoted, a.depth))
    return out


#: A quotation: no opening mark inside, so that a run of stray marks is read once.
_QUOTE = re.compile(r"[“\"][^“”\"]*[”\"]")


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of the quotations of a sentence, marks included."""
    return [m.span() for m in _QUOTE.finditer(text)]


#: Head nouns of unnamed sources (lexicon ``generic_people``).
GENERIC_PEOPLE = lexicon.words("generic_people")


def is_unnamed(p: Parse, start: int, end: int) -> bool:
    """True when the source phrase at ``[start, end)`` of a parsed sentence names
    no one: the words before its first preposition or comma hold no proper noun,
    and the last of them is a generic noun of people or outlets.

    The parser's proper-noun tag tells "Municipal officials" (unnamed) from
    "Kremlin officials" (named), which capitals cannot at the start of a sentence.

    Examples
    --------
    >>> s = "Municipal officials said the road was closed."
    >>> is_unnamed(parse_sentences([s])[0], 0, len("Municipal officials"))
    True
    >>> s = "Kremlin officials said the road was closed."
    >>> is_unnamed(parse_sentences([s])[0], 0, len("Kremlin officials"))
    False
    """
    head = []
    for w in p.words:
        if w.start < start or w.end > end:
            continue
        if w.pos == "ADP" or w.text in (",", "(", "—", "–"):
            break
        head.append(w)
    nouns = [w for w in head if w.pos in ("NOUN", "PROPN")]
    return bool(nouns) and not any(w.pos == "PROPN" for w in head) and (
        nouns[-1].text.lower() in GENERIC_PEOPLE
    )


_WORD = re.compile(r"[a-z]+")


def has_cue_word(text: str) -> bool:
    """True when a word of ``text`` has the stem of a cue verb (a cheap filter).

    Examples
    --------
    >>> has_cue_word("Drones hit a depot."), has_cue_word("The mayor vowed to rebuild.")
    (False, True)
    """
    return any(w in NOUN_CUES or lexicon.stem(w) in CUES for w in _WORD.findall(text.lower()))


def structural_attributions(
    texts: Sequence[str],
) -> list[tuple[Parse, list[StructuralAttribution]]]:
    """Each text's parse and :func:`find_structural` of it, parsed as one batch."""
    return [(p, find_structural(p)) for p in parse_sentences(texts)]
