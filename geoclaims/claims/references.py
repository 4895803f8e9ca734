"""Who a source phrase refers to: "he", "it", "the newspaper", "Kirby", "the president".

:func:`resolve_references` replaces such phrases in a sentence's attribution by the
earlier source or person they refer to, and adds the organisation a titled speaker
speaks for ("agency spokesman X" after the agency was named).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Reversible

from geoclaims.claims.attribution import Attribution, classify_source, make_source
from geoclaims.claims.coref import People
from geoclaims.claims.model import Source
from geoclaims.text import lexicon

__all__ = ["acronym_definitions", "has_proper_name", "resolve_references"]


def has_proper_name(name: str) -> bool:
    """True when a source phrase names someone ("Volodymyr Zelenskyy", "Reuters")."""
    from geoclaims.claims.attribution import NOUNISH

    words = re.findall(r"\b[A-Z][\w'’-]+", name)
    return any(
        w.lower() not in NOUNISH and not re.search(r"(?:ian|an|ese|ish|i)$", w)
        and w not in ("The", "A", "An")
        for w in words
    )


_PRONOUN = re.compile(r"(?:he|she)", re.IGNORECASE)
#: "it" and "they" refer back to a body or a group, not to a person.
_IT = re.compile(r"it|they", re.IGNORECASE)
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
         if s.referent != short and len(s.referent.split()) > 1
         and s.referent.split()[-1] == surname),
        None,
    )


#: A name and the acronym the text gives it in brackets: "the Arakan Army (AA)".
_DEFINED = re.compile(
    r"\b((?:[A-Z][\w'’-]*|of|the|for|and|de|du|al|el)"
    r"(?:\s+(?:[A-Z][\w'’-]*|of|the|for|and|de|du|al|el)){1,9})"
    r"(?:\s+\(([A-Z]{2,8})\)|,\s+or\s+([A-Z]{2,8})\b)"  # "... Army (AA)", "... Army, or AA"
)
_INITIAL_SKIP = frozenset({"of", "the", "for", "and", "de", "du", "al", "el"})


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms a text defines, each with the name it stands for.

    A capitalised name followed by a bracketed acronym, or by ", or" and one, whose
    letters are the initials of the name's last words ("the Guyana Defence Force
    (GDF)", "The Arakan Army, or AA,"). The name
    is cut to the words the acronym spells; an acronym defined twice keeps its
    first name. Linear in the text.

    Examples
    --------
    >>> acronym_definitions("Rebels of the Arakan Army (AA) said. The AA denied it.")
    {'AA': 'Arakan Army'}
    >>> acronym_definitions("Police in Cork (IE) said.")
    {}
    """
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        words, acronym = m.group(1).split(), m.group(2) or m.group(3)
        letters = list(acronym)
        kept: list[str] = []
        for word in reversed(words):
            if not letters:
                break
            if word.lower() in _INITIAL_SKIP:
                kept.append(word)
                continue
            if word[0] != letters[-1]:
                break
            letters.pop()
            kept.append(word)
        while kept and kept[-1].lower() in _INITIAL_SKIP:
            kept.pop()  # leading "of", "the"
        if not letters and kept:
            out.setdefault(acronym, " ".join(reversed(kept)))
    return out


def _refer(antecedent: Source, words: Source) -> Source:
    """``antecedent`` as ``words`` name it: the text's words and offsets (places inside
    a source name are no places of the claim), the earlier source's entity."""
    return dataclasses.replace(antecedent, name=words.name, start=words.start,
                               end=words.end, refers_to=antecedent.referent)


def resolve_references(
    att: Attribution, named: Reversible[Source], last_chain: tuple[Source, ...],
    people: People | None = None, at: int = 0, acronyms: Mapping[str, str] | None = None,
) -> Attribution:
    """Replace "he", "the newspaper", "the Ukrainian president" by who they refer to.

    "he" and "she" are first the latest person of that gender the document named
    before (:class:`geoclaims.claims.coref.People`), as an earlier source of that
    surname when there is one; else the latest named person source. ``at`` is
    where the statement starts, for a source the rules give no offsets. An acronym
    the document defines (``acronyms``, from :func:`acronym_definitions`) is the
    name it stands for: "the AA" is "Arakan Army".
    """
    if not att.chain:
        return att
    chain = list(att.chain)
    for i, src in enumerate(chain):
        name = src.name.strip()
        short = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
        if acronyms and short in acronyms:
            long = acronyms[short]
            defined = next((s for s in reversed(named) if s.referent.endswith(long)), None) \
                or make_source(name=long, type=classify_source(long)[0], anonymous=False)
            chain[i] = _refer(defined, src)
            continue
        person_name = (
            people.latest(at if src.start is None else src.start, name)
            if people is not None else None
        )
        if person_name is not None:
            surname = person_name.split()[-1]
            earlier = next((s for s in reversed(named)
                            if s.type != "outlet" and s.referent.split()[-1] == surname), None)
            chain[i] = _refer(earlier or make_source(name=person_name, type="person"), src)
        elif _PRONOUN.fullmatch(name):
            person = next(
                (s for s in reversed(named)
                 if s.type != "outlet" and re.search(r"[A-Z][a-z]+\s+[A-Z][a-z]+", s.referent)),
                None,
            )
            if person is not None:
                chain[i] = _refer(person, src)
        elif _IT.fullmatch(name) and last_chain:
            body = next((s for s in reversed(last_chain) if s.type != "person"), None)
            if body is not None:
                chain[i] = _refer(body, src)
        elif _ANAPHOR.fullmatch(name) and last_chain:
            # "The agency, citing a local official": the agency is the body of the
            # chain before, not the sources that body cited.
            bodies = [k for k, s in enumerate(last_chain)
                      if s.type != "person" and not s.anonymous]
            before = last_chain[: bodies[-1] + 1] if bodies else last_chain
            chain[i : i + 1] = [*before[:-1], _refer(before[-1], src)]
        elif _SURNAME.fullmatch(name) and (full := _full_name(name, named)) is not None:
            chain[i] = _refer(full, src)  # "Kirby": "White House ... Advisor John Kirby"
        elif not src.anonymous and not has_proper_name(name):
            # "the Ukrainian president" -> the earlier "Ukrainian President Volodymyr
            # Zelenskyy"; "the Russian ministry" -> "Moscow's Ministry of Defense"
            head = name.split()[-1].lower()
            match = next(
                (s for s in reversed(named)
                 if _head_matches(head, s.referent) and _same_nationality(name, s.referent)),
                None,
            )
            if match is not None:
                chain[i] = _refer(match, src)
    out: list[Source] = []
    for src in chain:
        body = _affiliation(src, named)
        if body is not None and all(s.referent != body.referent for s in (*out, *chain)):
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
         if s.type != "person" and s.referent.lower().split()[-1] == body),
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
