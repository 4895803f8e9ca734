"""Russian and Ukrainian word forms by rule: verb forms from a lemma, light noun stems.

No morphological dictionary is loaded: the lexicons of attribution words are short
and their verbs regular enough that a few documented suffix rules generate the forms
news copy writes, and source names only need to meet their alias-table entries in
any case form, which a shared light stem does.

Verb forms (:func:`verb_forms`), from an infinitive:

- Russian ``-ть`` (``заявить``, ``сообщать``): past ``-л -ла -ло -ли``
  (заявил, заявила, заявило, заявили); ``-ать``/``-ять`` also the present of the
  first conjugation ``-ет -ют`` (сообщает, сообщают), ``-авать`` ``-ает -ают``
  (передает), ``-овать`` ``-ует -уют`` (констатирует).
- Ukrainian ``-ти`` (``заявити``, ``повідомляти``): past ``-в -ла -ло -ли``
  (заявив, заявила, заявили); ``-ати``/``-яти`` also the present ``-є -ють``
  (повідомляє), ``-авати`` ``-ає -ають`` (додає), ``-увати``/``-ювати``
  ``-ує -ують`` (стверджує).
- Anything else is a form already and stands as written; irregular forms
  (опроверг, розповів, пишуть) are listed in the lexicons as forms.

Stems (:func:`light_stem`): the longest case or number ending of
:data:`ENDINGS` is cut when at least :data:`MIN_STEM` letters stay, so that
"Генштабу" and "Генштаб", "губернатора" and "губернатор", "Министерства обороны"
and "Министерство обороны" have one stem. A stem is a key, not a word; words in
capitals (acronyms: ЗСУ, ГУР) are left as they are.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from geoclaims.text import lexicon

__all__ = ["ENDINGS", "MIN_STEM", "is_cyrillic", "light_stem", "verb_forms", "word_forms"]

#: Case and number endings of Russian and Ukrainian nouns and adjectives, longest
#: tried first.
ENDINGS: tuple[str, ...] = tuple(sorted((
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ах", "ях", "ов", "ев",
    "ых", "их", "іх",
    "ам", "ям", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ую",
    "юю", "ом", "ем", "ым", "им", "ою", "єю", "ів", "їв", "ої", "ій", "ім", "ої",
    "а", "я", "у", "ю", "е", "є", "о", "ы", "и", "і", "ї", "ь", "й",
), key=len, reverse=True))
#: Letters a stem keeps at least.
MIN_STEM = 3

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def is_cyrillic(text: str) -> bool:
    """True when ``text`` holds a Cyrillic letter.

    Examples
    --------
    >>> is_cyrillic("Генштаб ЗСУ"), is_cyrillic("General Staff")
    (True, False)
    """
    return _CYRILLIC.search(text) is not None


@lru_cache(maxsize=65536)
def light_stem(word: str) -> str:
    """The word without its case or number ending (lowercase), for matching names.

    Examples
    --------
    >>> light_stem("Генштабу") == light_stem("Генштаб")
    True
    >>> light_stem("губернатора") == light_stem("губернатор")
    True
    >>> light_stem("Министерства") == light_stem("Министерство")
    True
    >>> light_stem("ЗСУ")
    'ЗСУ'
    """
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word
    low = word.casefold().replace("ё", "е")
    for ending in ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= MIN_STEM:
            return low[: -len(ending)]
    return low


def verb_forms(lemma: str, lang: str) -> tuple[str, ...]:
    """The forms of a verb lemma news copy writes (see the module docstring).

    Examples
    --------
    >>> verb_forms("заявить", "ru")
    ('заявил', 'заявила', 'заявило', 'заявили')
    >>> verb_forms("сообщать", "ru")[-2:]
    ('сообщает', 'сообщают')
    >>> verb_forms("повідомляти", "uk")
    ('повідомляв', 'повідомляла', 'повідомляло', 'повідомляли', 'повідомляє', 'повідомляють')
    >>> verb_forms("стверджувати", "uk")[-2:]
    ('стверджує', 'стверджують')
    >>> verb_forms("опроверг", "ru")
    ('опроверг',)
    """
    if lang == "ru" and lemma.endswith("ть") and len(lemma) > 4:
        stem = lemma[:-2]
        forms = [stem + "л", stem + "ла", stem + "ло", stem + "ли"]
        if lemma.endswith("овать"):
            forms += [lemma[:-5] + "ует", lemma[:-5] + "уют"]
        elif lemma.endswith("авать"):
            forms += [lemma[:-5] + "ает", lemma[:-5] + "ают"]
        elif lemma.endswith(("ать", "ять")):
            forms += [stem + "ет", stem + "ют"]
        return tuple(forms)
    if lang == "uk" and lemma.endswith("ти") and len(lemma) > 4:
        stem = lemma[:-2]
        forms = [stem + "в", stem + "ла", stem + "ло", stem + "ли"]
        if lemma.endswith(("увати", "ювати")):
            forms += [lemma[:-5] + lemma[-5] + "є", lemma[:-5] + lemma[-5] + "ють"]
        elif lemma.endswith("авати"):
            forms += [lemma[:-5] + "ає", lemma[:-5] + "ають"]
        elif lemma.endswith(("ати", "яти")):
            forms += [stem + "є", stem + "ють"]
        return tuple(forms)
    return (lemma,)


@cache
def word_forms(name: str, lang: str) -> frozenset[str]:
    """Every form of the entries of lexicon ``name`` in ``lang`` (lowercase).

    Entries are lemmas (expanded by :func:`verb_forms`) or forms; a phrase ("не
    подтвердить") has its last word expanded, and keeps it as written too ("не
    смогли подтвердить").

    Examples
    --------
    >>> "заявила" in word_forms("say_verbs", "ru")
    True
    >>> "повідомив" in word_forms("say_verbs", "uk")
    True
    """
    out: set[str] = set()
    for entry in lexicon.phrases(name, lang):
        head, _, last = entry.rpartition(" ")
        for form in {last, *verb_forms(last, lang)} if head else verb_forms(last, lang):
            out.add(f"{head} {form}" if head else form)
    return frozenset(out)
