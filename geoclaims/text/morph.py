"""Russian and Ukrainian word forms: lemmas, nominatives and tags from pymorphy3.

The place recogniser looks names up by their nominative ("в Курской области" ->
"курская область", "у Харкові" -> "харків"), so it needs, for a word as written, the
nominative forms it may stand for. pymorphy3 with its OpenCorpora (Russian) and
VESUM (Ukrainian) dictionaries gives them, with a suffix-based guess for words the
dictionaries lack (front-line villages: "Шептуховки" -> "шептуховка"). simplemma
was measured against it on the Cyrillic development set and lemmatises place
names worse (BENCHMARKS.md, "Cyrillic places"), and it gives no tags.

The analysers load lazily, once per language (about 0.1 s each), and word analyses
are cached: news text repeats its names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from geoclaims.text.normalize import APOSTROPHES

__all__ = ["MorphWord", "analyse", "fix_mixed_script", "is_cyrillic_word"]

#: Cached word analyses (distinct lower-cased words per language).
CACHE_SIZE = 200_000
#: Parses scored below this share of the best one are ignored (pymorphy3 scores).
MIN_SCORE_SHARE = 0.2

#: Latin letters that look like Cyrillic ones, for words typed with a Latin letter
#: inside ("Kурск" with a Latin K).
_LOOKALIKE = str.maketrans("AaBCcEeHKkMOoPpTXxyi", "АаВСсЕеНКкМОоРрТХхуі")
_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})


def is_cyrillic_word(word: str) -> bool:
    """True when ``word`` has a Cyrillic letter.

    >>> is_cyrillic_word("Курск"), is_cyrillic_word("Kурск"), is_cyrillic_word("Kursk")
    (True, True, False)
    """
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def fix_mixed_script(word: str) -> str:
    """Replace Latin look-alike letters in a word that is otherwise Cyrillic.

    >>> fix_mixed_script("Kурск"), fix_mixed_script("Kursk"), fix_mixed_script("Курск")
    ('Курск', 'Kursk', 'Курск')
    """
    if word.isascii() or not is_cyrillic_word(word):
        return word
    if not any("a" <= ch.lower() <= "z" for ch in word):
        return word
    return word.translate(_LOOKALIKE)


@dataclass(frozen=True, slots=True, kw_only=True)
class MorphWord:
    """What the dictionaries say about one word form."""

    #: Dictionary forms (nominative singular; plural-only nouns in the plural), best
    #: parse first.
    lemmas: tuple[str, ...]
    #: Nominatives of the word as an adjective, in the gender and number it has here
    #: ("Курской" -> "курская"), best parse first.
    adjective_nominatives: tuple[str, ...]
    #: Nominatives of the word as a noun, in the number it has here.
    noun_lemmas: tuple[str, ...]
    #: The best parse is an adjective.
    is_adjective: bool
    #: Part of speech of the best parse (pymorphy3's "NOUN", "ADJF", "ADVB" ...).
    pos: str
    #: Some parse is tagged a geographical name (the Russian dictionary tags them).
    is_geo: bool
    #: Every parse is a first name, surname or patronymic.
    is_person: bool
    #: Every parse is a first name ("Лариса"; not the surname-like "Курська").
    is_first_name: bool
    #: Some parse is a first name ("Володимир", also a town).
    has_first_name: bool
    #: Grammatical cases of the parses kept ("gent", "loct" ...).
    cases: frozenset[str]


#: The dictionaries write the apostrophe of Ukrainian words as "'" ("куп'янськ").
_PLAIN_APOSTROPHES = str.maketrans(APOSTROPHES)


@cache
def _analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=CACHE_SIZE)
def analyse(word: str, lang: str) -> MorphWord:
    """Analyse a lower-cased word of Russian (``"ru"``) or Ukrainian (``"uk"``).

    Examples
    --------
    >>> w = analyse("курской", "ru")
    >>> w.is_adjective, w.adjective_nominatives[0]
    (True, 'курская')
    >>> "харків" in analyse("харкові", "uk").lemmas
    True
    >>> analyse("судже", "ru").is_geo
    True
    >>> analyse("куп’янська", "uk").lemmas == analyse("куп'янська", "uk").lemmas
    True
    """
    word = word.translate(_PLAIN_APOSTROPHES)
    parses = _analyzer(lang).parse(word)
    if not parses:
        return MorphWord(lemmas=(word,), adjective_nominatives=(), noun_lemmas=(),
                         is_adjective=False, pos="", is_geo=False, is_person=False,
                         is_first_name=False, has_first_name=False, cases=frozenset())
    best = max(p.score for p in parses)
    kept = [p for p in parses if p.score >= MIN_SCORE_SHARE * best]
    known = [p for p in kept if p.is_known]
    lemmas: dict[str, None] = {}
    adjectives: dict[str, None] = {}
    nouns: dict[str, None] = {}
    cases: set[str] = set()
    for p in kept:
        tag = p.tag
        # Surnames built on a place ("Курська", "Покровська" as women's surnames)
        # keep a lemma of their own; the nominative is what a gazetteer lists.
        lemmas[p.normal_form] = None
        if tag.case:
            cases.add(str(tag.case))
        if tag.POS == "ADJF":
            form = p.inflect({"nomn"})
            if form is not None:
                adjectives[form.word] = None
        elif tag.POS == "NOUN":
            nouns[p.normal_form] = None
    return MorphWord(
        lemmas=tuple(lemmas),
        adjective_nominatives=tuple(adjectives),
        noun_lemmas=tuple(nouns),
        is_adjective=kept[0].tag.POS == "ADJF",
        pos=str(kept[0].tag.POS or ""),
        # Grammeme sets as strings: the Ukrainian tag set lacks Geox, and asking its
        # tags about an unknown grammeme raises.
        is_geo=any("Geox" in p.tag.grammemes for p in kept),
        # Person tags count only from the dictionary: for a word it lacks, the
        # guess from its ending makes "Покровську" a woman's name in Russian.
        is_person=bool(known) and all(_PERSON_TAGS & p.tag.grammemes for p in known),
        is_first_name=bool(known) and all("Name" in p.tag.grammemes for p in known),
        has_first_name=any("Name" in p.tag.grammemes for p in known),
        cases=frozenset(cases),
    )
