"""Counted quantities in Russian and Ukrainian text: "около 3 тысяч военных", "понад 100".

The conventions of :mod:`geoclaims.text.quantities` hold and the same
:class:`~geoclaims.text.quantities.Quantity` records come out: the span covers the
qualifier, the number and the counted phrase; ``counted`` is the words after the
number up to :data:`MAX_COUNTED_WORDS`, stopping at punctuation, a preposition or a
conjunction. Read from the lexicons of ``ru/`` and ``uk/``:

- ``qualifiers`` ("около" about, "понад" more than, "щонайменше" at least);
- ``counted`` ends with the first word that is not an adjective ("около 3 тысяч
  военных", "щонайменше 11 приватних житлових будинків");
- ``cardinals``, number words in the case forms counts take ("двух", "трьох",
  "півсотні");
- ``scale_words`` ("тысяч", "тис.", "млн"), multiplying the number before them;
- ``not_counted_units``: a number before a distance, a duration, a time or a
  calendar word ("7 километров", "16 годину", "3 дня") is no count of things and is
  skipped, as are dates ("15 октября"), years and ordinals ("59-й", "1-ї").

"%" and "процентов"/"відсотків" give the unit ``"%"``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import cast

from geoclaims.text import lexicon
from geoclaims.text.dates_cyrillic import find_dates_cyrillic
from geoclaims.text.inflection import light_stem
from geoclaims.text.quantities import Qualifier, Quantity

__all__ = ["MAX_COUNTED_WORDS", "find_quantities_cyrillic"]

#: Most words read into ``counted``.
MAX_COUNTED_WORDS = 3
_LANGS = ("ru", "uk")
_STOPS = frozenset(
    "в во у на по для о об про от від до после після через под під за при перед между "
    "між над из з із с со и і й та а но але или або что що как як которые які который "
    "який".split())
#: Endings of adjectives (and adjectival nouns) a counted phrase goes on after.
_ADJECTIVE_ENDINGS = ("ых", "их", "ие", "ые", "ий", "ый", "ая", "яя", "ое", "ее", "ій",
                      "ні", "ські", "ої", "ого", "ому", "ими", "ыми")
_PERCENT = re.compile(r"\s*(?:%|процент\w*|відсот\w*)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’ʼ-]*")
#: Characters after a number read for its counted phrase.
_WINDOW = 120


@cache
def _tables() -> tuple[dict[str, Qualifier], dict[str, float], dict[str, float],
                       frozenset[str]]:
    qualifiers = {k: cast("Qualifier", v) for lang in _LANGS
                  for k, v in lexicon.table("qualifiers", lang).items()}
    cardinals = {k: v for lang in _LANGS for k, v in lexicon.numbers("cardinals", lang).items()}
    scales = {k: v for lang in _LANGS for k, v in lexicon.numbers("scale_words", lang).items()}
    units = frozenset(w for lang in _LANGS for w in lexicon.phrases("not_counted_units", lang))
    return qualifiers, cardinals, scales, units


@cache
def _number_pattern() -> re.Pattern[str]:
    _, cardinals, scales, _ = _tables()
    return re.compile(
        rf"(?<![\w.,-])(?P<num>\d{{1,3}}(?:[ \u00a0]\d{{3}})+|\d+(?:[.,]\d+)?"
        rf"|(?i:{lexicon.alternation(cardinals)}))(?![\w-])"
        rf"(?:\s+(?P<scale>(?i:{lexicon.alternation(scales)}))\.?(?!\w))?")


def _value(text: str) -> float:
    _, cardinals, _, _ = _tables()
    low = text.casefold()
    if low in cardinals:
        return cardinals[low]
    return float(re.sub(r"[ \u00a0]", "", text).replace(",", "."))


def find_quantities_cyrillic(text: str) -> list[Quantity]:
    """Counted quantities of a Russian or Ukrainian ``text``, in text order.

    Examples
    --------
    >>> [(q.qualifier, q.value, q.counted)
    ...  for q in find_quantities_cyrillic("Погибли около 3 тысяч военных.")]
    [('about', 3000.0, 'военных')]
    >>> [(q.qualifier, q.value) for q in find_quantities_cyrillic("Понад 100 дронів збито.")]
    [('more than', 100.0)]
    >>> find_quantities_cyrillic("Удар в 7 километрах от границы 15 октября.")
    []
    """
    qualifiers, _, _, units = _tables()
    dates = [(d.start, d.end) for d in find_dates_cyrillic(text, None)]
    found: list[Quantity] = []
    for m in _number_pattern().finditer(text):
        start, end = m.start(), m.end()
        if any(s <= start < e for s, e in dates):
            continue
        num = m.group("num")
        if num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2100:
            continue  # a year
        value = _value(num) * (_tables()[2][m.group("scale").casefold()]
                               if m.group("scale") else 1)
        unit = ""
        percent = _PERCENT.match(text, end)
        if percent is not None:
            unit, end = "%", percent.end()
        # A bounded window: the counted words are near, and a 5 MB paragraph stays
        # linear.
        after = text[end:end + _WINDOW]
        words: list[re.Match[str]] = []
        pos = end
        for w in _WORD.finditer(after):
            gap = after[pos - end:w.start()]
            if gap.strip() or w.group().casefold() in _STOPS or len(words) >= MAX_COUNTED_WORDS:
                break
            words.append(w)
            pos = end + w.end()
            if not w.group().casefold().endswith(_ADJECTIVE_ENDINGS):
                break  # the noun after its adjectives: "приватних житлових будинків"
        if not unit and words and light_stem(words[0].group()).casefold() in units \
                | {light_stem(u) for u in units}:
            continue  # "7 километров", "16 годину": no count of things
        if not unit and words and words[0].group().casefold() in units:
            continue
        counted = text[end + words[0].start():pos] if words else ""
        qualifier: Qualifier = "exact"
        before = text[max(0, start - 30):start].casefold()
        for phrase in sorted(qualifiers, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(phrase)}\s+$", before):
                qualifier = qualifiers[phrase]
                start -= len(before) - before.rfind(phrase)
                break
        if found and start < found[-1].end:
            continue
        stop = pos if words else end
        found.append(Quantity(start=start, end=stop, text=text[start:stop], value=value,
                              value_max=None, qualifier=qualifier, counted=counted,
                              unit=unit))
    return found
