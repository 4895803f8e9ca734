"""Russian and Ukrainian names in Latin script, for canonical names beside the original.

Letter tables (``ru/transliteration.txt``: BGN/PCGN without diacritics;
``uk/transliteration.txt``: Ukraine's official romanisation of 2010) with the rules
each system adds: Ukrainian є ї й ю я are ye yi y yu ya at the start of a word and
"зг" is "zgh"; Russian "ий"/"ый" end a word as "y". A given name English-language
news spells its own way (Алексей Alexei, Юрий Yuri) comes from ``given_names``.
Letters outside the tables (Latin, digits) are kept.
"""

from __future__ import annotations

import re
from functools import cache

from geoclaims.text import lexicon

__all__ = ["transliterate"]

_WORD = re.compile(r"[\u0400-\u04ff'’ʼ]+")
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


@cache
def _letters(lang: str) -> dict[str, str]:
    return {k: ("" if v == "-" else v) for k, v in lexicon.table("transliteration", lang).items()}


def _word(word: str, lang: str) -> str:
    given = lexicon.table("given_names", lang).get(word)
    if given is not None:
        return given
    letters = _letters(lang)
    low = word.casefold()
    out: list[str] = []
    k = 0
    while k < len(low):
        ch = low[k]
        if lang == "uk" and k == 0 and ch in _UK_INITIAL:
            latin = _UK_INITIAL[ch]
        elif lang == "uk" and low.startswith("зг", k):
            latin, k = "zgh", k + 1
        elif lang == "ru" and k == len(low) - 2 and low[k:] in ("ий", "ый"):
            latin, k = "y", k + 1
        else:
            latin = letters.get(ch, ch)
        out.append(latin)
        k += 1
    text = "".join(out)
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def transliterate(text: str, lang: str) -> str:
    """``text`` with its Russian (``lang="ru"``) or Ukrainian (``"uk"``) words in Latin.

    Examples
    --------
    >>> transliterate("Віктор Трегубов", "uk")
    'Viktor Trehubov'
    >>> transliterate("Олег Синєгубов", "uk")
    'Oleh Syniehubov'
    >>> transliterate("Алексей Смирнов", "ru")
    'Alexei Smirnov'
    >>> transliterate("Юрий Котенок", "ru")
    'Yuri Kotenok'
    """
    return _WORD.sub(lambda m: _word(m.group(), lang), text)
