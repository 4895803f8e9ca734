"""The language of a document: English, Russian, Ukrainian, or an explicit "unsupported".

A documented rule, not a model, so it is fast, explains itself and never crashes:

1. Count the letters of the text by script. With fewer than
   :data:`MIN_LETTERS` letters there is nothing to decide (``und``).
2. Cyrillic text (at least :data:`SCRIPT_SHARE` of its letters): the letters each
   language has and its neighbours lack decide, then its function words. Ukrainian
   writes і ї є ґ, Russian ы э ё; Belarusian ў, or і and ы without и, and Serbian,
   Macedonian or Kazakh letters (ј љ њ ћ ѓ ќ ә қ ө ...) make a text unsupported. The
   larger count wins, so a Russian quote inside a Ukrainian report does not flip the
   document. Without any such letter, Russian function words (что, это, как) against
   Ukrainian ones (що, це, як) decide; with neither, Cyrillic without Ukrainian
   letters is Russian.
3. Latin text: English unless the function words of another Latin-script language
   (German, French, Spanish, Italian, Portuguese, Dutch, Polish, or Russian
   transliterated: "v", "na", "oblasti"), and words with letters English does not
   use (ą, é, ü, ñ), outnumber the English function words. Tweets and lower-cased
   fragments with few function words stay English; Polish, French or
   "v Kurskoy oblasti" are unsupported.
4. Anything else (Arabic, CJK, a balanced mix of scripts) is unsupported.

The word lists are lexicon files: ``ru/function_words.txt``, ``uk/function_words.txt``,
``en/function_words.txt`` and ``mul/latin_function_words.txt``.
``benchmarks/language_bench.py`` measures the rule on every corpus of ``../shared``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from geoclaims.text import lexicon

#: Languages geoclaims analyses.
SUPPORTED = ("en", "ru", "uk")
#: Below this many letters a text is too short to tell (``und``).
MIN_LETTERS = 20
#: Share of a script's letters that makes a text that script's.
SCRIPT_SHARE = 0.6

_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэёЫЭЁ")
_BE_VOWELS = frozenset("іыІЫ")
_I = frozenset("иИ")
_YERY = frozenset("ыЫ")
#: Fewest і and ы letters for the Belarusian test (and no и).
MIN_BELARUSIAN_VOWELS = 5
#: Letters of other Cyrillic alphabets (Belarusian ў; Serbian, Macedonian; Kazakh,
#: Kyrgyz, Tatar, Bashkir).
_OTHER_CYRILLIC = frozenset("ўЎјЈљЉњЊћЋђЂџЏѓЃќЌѕЅәӘғҒқҚңҢөӨұҰүҮһҺ")
#: Common words each of Russian and Ukrainian spells differently (что/що, это/це).
_RU_WORDS = lexicon.words("function_words", "ru")
_UK_WORDS = lexicon.words("function_words", "uk")
_CYRILLIC_WORD = re.compile(r"[а-яёіїєґ']+", re.IGNORECASE)
#: The commonest English words, none a common word of the other Latin-script
#: languages of news.
_ENGLISH_WORDS = lexicon.words("function_words", "en")
#: Function words of the other languages of Latin-script news, none an English word.
_FOREIGN_WORDS = lexicon.words("latin_function_words", "mul") - _ENGLISH_WORDS
_LATIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Language:
    """What the rule decided about a text."""

    #: ISO 639-1 code ("en", "ru", "uk"), another code when recognised but not
    #: analysed ("be"), or "und" when undetermined.
    code: str
    #: True for the languages geoclaims analyses.
    supported: bool
    #: Why, in words (shown to users of an unsupported text).
    reason: str


#: Letters of each script, counted by the regex engine (C speed, one pass each).
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
#: The language of a document is read from its first characters: enough for any
#: reliable count, and the cost stays bounded on a 5 MB paragraph.
SAMPLE_CHARS = 20_000


def latin_word_counts(text: str) -> tuple[int, int]:
    """(English function words, other languages' function words and words with
    letters English does not use) in the first :data:`SAMPLE_CHARS` of ``text``.

    >>> latin_word_counts("Wczoraj w Kursku było głośno, a potem cisza.")
    (1, 3)
    """
    words = Counter(_LATIN_WORD.findall(text[:SAMPLE_CHARS].lower()))
    english = sum(n for w, n in words.items() if w in _ENGLISH_WORDS)
    foreign = sum(n for w, n in words.items() if w in _FOREIGN_WORDS or not w.isascii())
    return english, foreign


def _count(letters: frozenset[str], text: str) -> int:
    return sum(text.count(ch) for ch in letters)


def detect_language(text: str) -> Language:
    """Tell the language of ``text`` by the rule of this module.

    Examples
    --------
    >>> detect_language("Shelling hit Kursk on Monday, officials said.").code
    'en'
    >>> detect_language("Обстрел Курской области продолжился, заявил губернатор.").code
    'ru'
    >>> detect_language("Обстріл Курської області тривав, заявив губернатор.").code
    'uk'
    >>> detect_language("Ostrzał obwodu kurskiego trwał, powiedział gubernator.").supported
    False
    """
    text = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(text))
    counts = {"latin": len(_LATIN.findall(text)), "cyrillic": len(_CYRILLIC.findall(text))}
    uk, ru = _count(_UK_LETTERS, text), _count(_RU_LETTERS, text)
    other = _count(_OTHER_CYRILLIC, text)
    if letters < MIN_LETTERS:
        return Language(code="und", supported=False,
                        reason=f"only {letters} letters: too short to tell the language")
    if counts["cyrillic"] >= SCRIPT_SHARE * letters:
        # Belarusian writes і and ы but never и, which Russian and Ukrainian use all
        # the time: without ў a Belarusian text would pass for Ukrainian.
        i_and_y = _count(_BE_VOWELS, text)
        if i_and_y >= MIN_BELARUSIAN_VOWELS and _count(_I, text) < 0.1 * i_and_y \
                and _count(_YERY, text):
            return Language(code="be", supported=False,
                            reason="Belarusian letters (і and ы, no и); only en, ru and uk "
                                   "are analysed")
        if other and other >= max(uk, ru) / 4:
            return Language(code="und", supported=False,
                            reason="Cyrillic letters of another language (ў, ј, љ, ә ...); "
                                   "only en, ru and uk are analysed")
        if uk > ru:
            return Language(code="uk", supported=True, reason="Ukrainian letters (і ї є ґ)")
        if ru > uk:
            return Language(code="ru", supported=True, reason="Russian letters (ы э ё)")
        cyrillic = Counter(_CYRILLIC_WORD.findall(text.lower()))
        if sum(cyrillic[w] for w in _UK_WORDS) > sum(cyrillic[w] for w in _RU_WORDS):
            return Language(code="uk", supported=True, reason="Ukrainian function words")
        return Language(code="ru", supported=True,
                        reason="Cyrillic without Ukrainian letters or function words")
    if counts["latin"] >= SCRIPT_SHARE * letters:
        english, foreign = latin_word_counts(text)
        if english >= foreign:
            return Language(code="en", supported=True,
                            reason=f"{english} English and {foreign} other function words")
        return Language(code="und", supported=False,
                        reason=f"Latin text with more non-English ({foreign}) than English "
                               f"({english}) function words; only en, ru and uk are "
                               "analysed")
    return Language(code="und", supported=False,
                    reason="no Latin or Cyrillic majority; only en, ru and uk are analysed")
