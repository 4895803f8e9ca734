"""Spelling variants of romanised names: "Hodeidah" is GeoNames' "Al Hudaydah".

Arabic, Persian, Pashto, Somali, Russian and Ukrainian names reach English news in
several romanisations, and the gazetteer holds one or two of them: "Hodeidah" and
"Hudaydah", "Hiraan" and "Hiiraan", "Quneitra" and "Al Qunaytirah", "Grayvoron" and
"Graivoron". :func:`spelling_key` maps such spellings to one key: the article dropped,
the letters romanisations trade for one another made one ("q"/"k", "kh"/"k", "ou"/"u",
"y"/"i"), the vowels dropped after the first letter and doubled letters made single.

The key is lossy on purpose, so it is used only where little else can go wrong
(:func:`geoclaims.places.recognize.find_mentions`): for a name that has no exact
gazetteer entry, for places of :data:`VARIANT_KINDS` the build indexes
(:func:`add_variants`), and only in a country the document names.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

__all__ = [
    "MIN_KEY_LETTERS",
    "VARIANT_MIN_POPULATION",
    "add_variants",
    "similar_spelling",
    "spelling_form",
    "spelling_key",
]

#: Settlements below this many inhabitants get no variant key: a village's spelling
#: key would meet too many other names.
VARIANT_MIN_POPULATION = 15_000
#: Names shorter than this many letters get no key ("Gaza" is spelled one way).
MIN_KEY_LETTERS = 5
#: Letters a key must keep, the first included ("hd" of Hodeidah) ...
MIN_KEY_CONSONANTS = 2
#: ... and how long a name with a key that short must be ("Hodeidah", not "Hoda").
SHORT_KEY_MIN_LETTERS = 7

#: Articles of romanised Arabic names, alone or hyphened on: "Al Hudaydah", "ad-Dali".
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|az|ash|an|ad-|al-|el-|ar-|as-|at-|az-)[\s-]+")
#: Letter groups romanisations trade for one another, mapped to one letter; applied in
#: order, longest first.
_FOLD = (
    ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("sh", "s"),
    ("zh", "z"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("ck", "k"), ("q", "k"),
    ("x", "ks"), ("w", "u"), ("y", "i"), ("j", "i"),
)
_VOWELS = frozenset("aeiou")


#: Vowels romanisations trade for one another, made one after the letter folds.
_VOWEL_FOLD = str.maketrans({"o": "u", "e": "i", "y": "i"})


def spelling_form(name: str) -> str:
    """A name's letters as romanisations agree on them: articles, marks and non-initial
    "h" dropped, letter groups folded, "o"/"u" and "e"/"i"/"y" made one, doubled
    letters single ("Hodeidah" -> "hudida", "Al Hudaydah" -> "hudaida").

    Examples
    --------
    >>> spelling_form("Hodeidah"), spelling_form("Al Ḩudaydah")
    ('hudida', 'hudaida')
    """
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    letters = re.sub(r"[^a-z]", "", _ARTICLE.sub("", text.strip()))
    for group, letter in _FOLD:
        letters = letters.replace(group, letter)
    letters = letters[:1] + letters[1:].replace("h", "")
    letters = letters.translate(_VOWEL_FOLD)
    return re.sub(r"(.)\1+", r"\1", letters)


def similar_spelling(a: str, b: str) -> float:
    """How alike two romanised names are written (0-1, by their :func:`spelling_form`).

    Examples
    --------
    >>> similar_spelling("Hodeidah", "Al Ḩudaydah") >= 0.8
    True
    >>> similar_spelling("Thackeray", "Tucker") < 0.7
    True
    """
    import difflib

    return difflib.SequenceMatcher(None, spelling_form(a), spelling_form(b)).ratio()


def spelling_key(name: str) -> str | None:
    """The spelling key of a romanised name, or None when it is too short to key.

    Examples
    --------
    >>> spelling_key("Hodeidah"), spelling_key("Al Hudaydah")
    ('hd', 'hd')
    >>> spelling_key("Hiraan"), spelling_key("Hiiraan")
    ('hrn', 'hrn')
    >>> spelling_key("Quneitra") == spelling_key("Al Qunaytirah")
    True
    >>> spelling_key("Grayvoron") == spelling_key("Graivoron")
    True
    >>> spelling_key("Kharkiv") == spelling_key("Kherson")
    False
    >>> spelling_key("Gaza") is None
    True
    """
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARTICLE.sub("", text.strip())
    letters = re.sub(r"[^a-z]", "", text)
    if len(letters) < MIN_KEY_LETTERS or len(re.findall(r"[a-z]+", text)) > 2:
        return None
    for group, letter in _FOLD:
        letters = letters.replace(group, letter)
    head, rest = letters[0], letters[1:]
    # "h" goes with the vowels: "Hudaydah"'s final h, "Mohammed"/"Muhammad".
    consonants = [ch for ch in rest if ch not in _VOWELS and ch not in "hi"]
    out: list[str] = [head]
    for ch in consonants:
        if ch != out[-1]:
            out.append(ch)
    if len(out) < MIN_KEY_CONSONANTS or (len(out) == MIN_KEY_CONSONANTS
                                         and len(letters) < SHORT_KEY_MIN_LETTERS):
        return None
    return "".join(out)


#: Kinds of place whose names the build keys.
VARIANT_KINDS = ("admin1", "admin2", "populated_place")


def add_variants(con: sqlite3.Connection) -> int:
    """Fill the ``variants`` table of a gazetteer being built: the spelling key of every
    name of a region, a district or a town of at least :data:`VARIANT_MIN_POPULATION`
    inhabitants. The keys are made inside SQLite (a registered function), row by row,
    so a full GeoNames import stays in bounded memory.

    Returns
    -------
    int
        The number of rows written.
    """
    con.create_function("spelling_key", 1, spelling_key, deterministic=True)
    con.execute("DROP TABLE IF EXISTS variants")
    con.execute("CREATE TABLE variants (key TEXT NOT NULL, geonameid INTEGER NOT NULL)")
    con.execute(
        "INSERT INTO variants SELECT DISTINCT k, geonameid FROM ("
        " SELECT spelling_key(n.key) AS k, p.geonameid AS geonameid FROM names n"
        " JOIN places p ON p.geonameid = n.geonameid"
        " WHERE p.kind IN ('admin1', 'admin2')"
        " OR (p.kind = 'populated_place' AND p.population >= ?)"
        ") WHERE k IS NOT NULL",
        (VARIANT_MIN_POPULATION,),
    )
    con.execute("CREATE INDEX variants_key ON variants (key)")
    (count,) = con.execute("SELECT COUNT(*) FROM variants").fetchone()
    return int(count)
