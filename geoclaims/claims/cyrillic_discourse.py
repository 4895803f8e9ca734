"""How Russian and Ukrainian sentences of a report lean on each other.

The English counterparts live in :mod:`geoclaims.claims.extract` and
:mod:`geoclaims.claims.answers`; these read the ru/uk lexicons instead:

- :func:`continues_report`: an unattributed sentence goes on with the report before it
  when it opens a quotation, opens with a connective or a pronoun
  (``continuation_openers``: "Однако", "Крім того", "Вони"), or stands in the same
  paragraph as the attributed sentence;
- :func:`is_disclaimer`: a short sentence of the outlet's own doubt ("Проте, цю
  інформацію не підтверджено") lowers the reported claims before it;
- :func:`is_back_reference`: "Об этом сообщил губернатор", "Про це повідомив X"
  attribute the sentences before them;
- :func:`answers_earlier`: a denial whose object or subject is something said
  before ("опровергли сообщение", "эта информация является фейком", "заяви росіян
  не відповідають дійсності") answers the earlier claims, unless it has a content
  clause of its own ("спростувала інформацію про те, що ...");
- :func:`find_likelihood`: the estimative words of ``likelihood`` ("вероятно",
  "почти наверняка", "ймовірно", "міг").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from geoclaims.text import lexicon
from geoclaims.text.inflection import light_stem

__all__ = [
    "DISCLAIMER_MAX_WORDS",
    "answers_earlier",
    "continues_report",
    "find_likelihood",
    "is_back_reference",
    "is_disclaimer",
    "split_clauses",
]

#: Longest sentence read as the outlet's own disclaimer.
DISCLAIMER_MAX_WORDS = 12
#: Verbs of being before "возможно"/"можливо" that make it an adjective ("стало
#: возможно", "було можливо"), not a hedge.
_COPULAS = frozenset("стало стала стал было был была будет є було буде стане".split())
#: Words between a denial cue and the noun of what was said that it answers.
ANSWER_REACH_WORDS = 3

_WORD = re.compile(r"[^\W\d_][\w'’ʼ-]*")
_BACK = re.compile(r"\s*(?:Об этом|О том|Про це|Это|Це|Информация об этом|Інформація про це)"
                   r"\b", re.IGNORECASE)
_OWN_CLAUSE = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:о том,? что|про те,? що|что|що)\b",
                         re.IGNORECASE)


@cache
def _phrases(name: str, lang: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w)(?:{lexicon.alternation(lexicon.phrases(name, lang))})(?!\w)",
        re.IGNORECASE)


@cache
def _stems(name: str, lang: str) -> frozenset[str]:
    words = lexicon.phrases(name, lang)
    return frozenset(words) | frozenset(light_stem(w).casefold() for w in words)


def continues_report(sentence: str, *, same_paragraph: bool, lang: str) -> bool:
    """Tell whether an unattributed sentence goes on with the report before it.

    Examples
    --------
    >>> continues_report("Кроме того, в городе тихо.", same_paragraph=False, lang="ru")
    True
    >>> continues_report("Но в городе тихо.", same_paragraph=True, lang="ru")
    False
    >>> continues_report("Упомянутые села расположены у границы.", same_paragraph=False,
    ...                  lang="ru")
    False
    """
    body = sentence.lstrip()
    if body[:1] in "«“\"„":
        return True
    opening = " ".join(w.casefold() for w in _WORD.findall(body)[:3])

    def opens(name: str) -> bool:
        return any(opening == o or opening.startswith(o + " ")
                   for o in lexicon.phrases(name, lang))

    if opens("contrast_openers"):
        return False  # "Але геолокаційні кадри показують ...": another voice
    return same_paragraph or opens("continuation_openers")


def is_disclaimer(sentence: str, lang: str) -> bool:
    """True for a short sentence of the outlet's own doubt.

    Examples
    --------
    >>> is_disclaimer("Проте, цю інформацію не підтверджено.", "uk")
    True
    >>> is_disclaimer("Минобороны России не подтвердило удар по складу в Брянской "
    ...               "области и ничего не сообщило о потерях.", "ru")
    False
    """
    if len(sentence.split()) > DISCLAIMER_MAX_WORDS:
        return False
    return _phrases("disclaimers", lang).search(sentence) is not None


def is_back_reference(sentence: str) -> bool:
    """True when the sentence attributes what came before it ("Об этом сообщил ...").

    Examples
    --------
    >>> is_back_reference("Про це повідомив у Телеграмі голова ОВА.")
    True
    """
    return _BACK.match(sentence) is not None


def answers_earlier(sentence: str, cues: Sequence[str], lang: str) -> bool:
    """True when a denial cue points at something said before (module docstring).

    Examples
    --------
    >>> answers_earlier("В бригаде опровергли сообщение, выложив видео.",
    ...                 ["опровергли"], "ru")
    True
    >>> answers_earlier("Служба спростувала інформацію про те, що ворог зайшов у "
    ...                 "село.", ["спростувала"], "uk")
    False
    >>> answers_earlier("Це просто неправда.", ["неправда"], "uk")
    True
    """
    nouns = _stems("report_nouns", lang)
    for cue in cues:
        at = sentence.casefold().find(cue.casefold())
        if at < 0:
            continue
        after = sentence[at + len(cue):]
        if _OWN_CLAUSE.match(after):
            continue
        near = _WORD.findall(after)[:ANSWER_REACH_WORDS]
        near += _WORD.findall(sentence[:at])[-ANSWER_REACH_WORDS:]
        if any(light_stem(w).casefold() in nouns or w.casefold() in nouns for w in near):
            return True
        if not _WORD.search(after):
            return True  # "Силы обороны отрицают."
    return False


def find_likelihood(sentence: str, lang: str) -> tuple[str | None, tuple[float, float] | None]:
    """The first estimative word of a sentence and its probability range.

    Examples
    --------
    >>> find_likelihood("Россия, вероятно, стремится нарастить импульс.", "ru")
    ('вероятно', (0.55, 0.8))
    >>> find_likelihood("Войска почти наверняка взяли село.", "ru")[0]
    'почти наверняка'
    >>> find_likelihood("Это стало возможно благодаря авиации.", "ru")
    (None, None)
    """
    table = {k.casefold(): v for k, v in lexicon.table("likelihood", lang).items()}
    for m in _phrases("likelihood", lang).finditer(sentence):
        before = _WORD.findall(sentence[max(0, m.start() - 20):m.start()])
        if before and before[-1].casefold() in _COPULAS:
            continue  # "это стало возможно": possible, not probably
        break
    else:
        return None, None
    word = m.group().casefold()
    low, high = (float(x) for x in table[word].split())
    return word, (low, high)


_CLAUSE_BREAK = re.compile(r";\s+")


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Offsets of the clauses of a statement, split at semicolons outside quotations.

    Russian and Ukrainian roundups join several reported facts with ";" where English
    copy writes sentences; the guideline's claim is the clause.

    Examples
    --------
    >>> t = "Город под контролем; к югу заняты три села — «Рыбарь»"
    >>> [t[a:b] for a, b in split_clauses(t)]
    ['Город под контролем;', 'к югу заняты три села — «Рыбарь»']
    """
    out: list[tuple[int, int]] = []
    start = 0
    depth = 0
    for k, ch in enumerate(text):
        if ch in "«“„":
            depth += 1
        elif ch in "»”" and depth:
            depth -= 1
        elif ch == ";" and depth == 0:
            m = _CLAUSE_BREAK.match(text, k)
            if m is not None and text[start:k].strip():
                out.append((start, k + 1))
                start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out or [(0, len(text))]
