"""Name normalisation shared by the gazetteer build and the recogniser."""

from __future__ import annotations

import re
import unicodedata

#: Typographic apostrophes and their stand-ins, as the plain "'" that gazetteer keys
#: and the pymorphy3 dictionaries use ("Куп’янськ" is written "куп'янськ" there).
APOSTROPHES = {"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʹ": "'"}
_APOSTROPHES = str.maketrans(
    {**APOSTROPHES, "–": "-", "—": "-",
     # Latin letters with a stroke have no Unicode decomposition: fold them by hand.
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ħ": "h", "Ħ": "H",
     "ı": "i", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe"}
)
_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Return the lookup key of a place name.

    Case-folded, accents removed (``Sudža`` → ``sudza``), typographic apostrophes and
    dashes unified, whitespace collapsed. Cyrillic and other scripts keep their letters
    (``Суджа`` → ``суджа``); ``й`` keeps its breve so that it stays distinct from ``и``.

    Examples
    --------
    >>> normalize_name("  Sudža ")
    'sudza'
    >>> normalize_name("Donets’k")
    "donets'k"
    >>> normalize_name("El-Fasher")
    'el fasher'

    >>> normalize_name("Суджа")
    'суджа'
    >>> normalize_name("Łódź")
    'lodz'
    """
    if name.isascii():
        # Nothing to decompose or fold but the backtick (most names of a GeoNames dump).
        folded = name.replace("`", "'").lower().replace("-", " ")
        return _SPACE.sub(" ", folded).strip()
    text = name.translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    for i, ch in enumerate(decomposed):
        if unicodedata.combining(ch):
            base = decomposed[i - 1] if i else ""
            # Cyrillic letters whose diacritic makes a different letter (й, ё, ї) keep it.
            if "\u0400" <= base <= "\u04ff":
                kept.append(ch)
            continue
        kept.append(ch)
    folded = unicodedata.normalize("NFC", "".join(kept)).casefold()
    # "El-Fasher" and "El Fasher", "Ivano-Frankivsk" and "Ivano Frankivsk" are one name.
    folded = folded.replace("-", " ")
    return _SPACE.sub(" ", folded).strip()
