"""Source normalisation rules: the named, ordered rewrites that make a source's key.

Two names of one source should meet in one key: "The Kyiv Post" and "Kyiv Post",
"Ukrainian media" and "Ukraine's media", "Russian Defense Ministry" and "Russia's
Ministry of Defence". :func:`source_key` runs the rules of :data:`RULES` in order, each
rewriting the output of the one before; the key is what the alias table
(:mod:`geoclaims.claims.sources`) and the in-document coreference compare. Keys are for
matching only: maps and tables show :func:`display_name` or the alias table's canonical
name, never a key.

To add a rule: write its rewrite (``str -> str``), add a :class:`SourceRule` to
:data:`RULES` where it must run, with a snake_case name and a one-sentence reason
quoting the names it is for, and a row named after it to
``tests/claims/test_source_rules.py`` (a test checks that every rule has one, and
that each row's key changes without its rule).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from geoclaims.text import lexicon

__all__ = ["RULES", "SourceRule", "display_name", "source_key", "source_words"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRule:
    """A named rewrite of a source name on the way to its key."""

    name: str
    reason: str
    rewrite: Callable[[str], str]


@cache
def source_words() -> Mapping[str, Mapping[str, str]]:
    """The word lists of ``geoclaims/data/source_words.csv``: list -> word -> value.

    Examples
    --------
    >>> source_words()["country"]["Ukrainian"]
    'Ukraine'
    >>> source_words()["role"]["spokesman"]
    'spokesperson'
    """
    text = (resources.files("geoclaims") / "data" / "source_words.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        out.setdefault(row["list"], {})[row["word"]] = row["value"]
    return out


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"'})


def _unicode_forms(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.split()).strip(" ,;:\"'-")


def _bracketed_tail(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*$", "", text)


_TAIL = re.compile(
    r"\s*,?\s+(?:who|which|that|familiar\s+with|close\s+to|speaking\s+on\s+condition|"
    r"with\s+knowledge\s+of|briefed\s+on|not\s+authori[sz]ed)\b.*$",
    re.IGNORECASE,
)


def _relative_tail(text: str) -> str:
    return _TAIL.sub("", text)


def _leading_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an|some)\s+", "", text, flags=re.IGNORECASE)


def _anonymity_words(text: str) -> str:
    out = re.sub(r"\b(?:unnamed|anonymous|unidentified)\s+", "", text, flags=re.IGNORECASE)
    return out.strip() or text


_HONORIFICS = lexicon.alternation(lexicon.phrases("surname_honorifics"))


def _honorific(text: str) -> str:
    return re.sub(rf"^(?:{_HONORIFICS})\.?\s+(?=[A-Z])", "", text)


def _dotted_abbreviation(text: str) -> str:
    return re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)


@cache
def _countries() -> tuple[re.Pattern[str], Mapping[str, str]]:
    table = source_words()["country"]
    names = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b"), table


def _demonym_country(text: str) -> str:
    pattern, table = _countries()
    return pattern.sub(lambda m: table[m.group(0)], text)


def _possessive(text: str) -> str:
    return re.sub(r"(?<=\w)'s?(?=\s)|(?<=s)'(?=\s)", "", text)


_MINISTRY_OF = re.compile(
    r"\b(?P<m>[Mm]inistry)\s+of\s+(?P<x>(?:(?!of\b|the\b|in\b|for\b)[A-Za-z][\w-]*)"
    r"(?:\s+(?:and\s+)?(?!of\b|the\b|in\b|for\b)[A-Za-z][\w-]*){0,2})"
)


def _ministry_of(text: str) -> str:
    countries = source_words()["country"]

    def swap(m: re.Match[str]) -> str:
        if m.group("x") in countries or m.group("x") in countries.values():
            return m.group(0)  # "Interior Ministry of Georgia": the country rule's
        return f"{m.group('x')} {m.group('m')}"

    return _MINISTRY_OF.sub(swap, text)


def _country_of(text: str) -> str:
    countries = set(source_words()["country"].values())
    m = re.match(r"^(?P<body>.+)\s+(?:of|in)\s+(?:the\s+)?(?P<c>[A-Z][\w ]+)$", text)
    if m is None or m.group("c") not in countries:
        return text
    return f"{m.group('c')} {m.group('body')}"


def _british_spelling(text: str) -> str:
    text = re.sub(r"\b([Dd])efense\b", r"\1efence", text)
    return re.sub(r"(?<=[a-z])ization", "isation", text)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _case_fold(text: str) -> str:
    return " ".join(w if _is_acronym(w) else w.casefold() for w in text.split())


def _plural_head(text: str) -> str:
    words = text.split()
    if not words:
        return text
    last = words[-1]
    if not last.islower() or len(last) < 4:
        return text
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us", "as")):
        last = last[:-1]
    return " ".join([*words[:-1], last])


_CYRILLIC_WORD = re.compile(r"[\w'’-]*[\u0400-\u04ff][\w'’-]*")


@cache
def _epithets() -> re.Pattern[str]:
    words = [*lexicon.phrases("source_epithets", "ru"), *lexicon.phrases("source_epithets", "uk")]
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation(words)})(?!\w)", re.IGNORECASE)


def _cyrillic_epithets(text: str) -> str:
    if not re.search(r"[\u0400-\u04ff]", text):
        return text
    text = re.sub(r"\s*\([^()]*\)(?=\s+\S)", "", text)  # "Центр (ЦПД) СНБО": the acronym
    out = " ".join(_epithets().sub(" ", text.replace("«", " ").replace("»", " ")).split())
    return out or text


def _cyrillic_case_endings(text: str) -> str:
    from geoclaims.text.inflection import light_stem

    return _CYRILLIC_WORD.sub(lambda m: light_stem(m.group()), text)


RULES: tuple[SourceRule, ...] = (
    SourceRule(name="unicode_forms",
               reason="'Ukraine’s media' and 'Ukraine's media': typographic quotes, "
                      "compatibility forms and spacing are one spelling.",
               rewrite=_unicode_forms),
    SourceRule(name="bracketed_tail",
               reason="'Sudanese Armed Forces (SAF)': an acronym in brackets after a "
                      "name adds nothing to it.",
               rewrite=_bracketed_tail),
    SourceRule(name="relative_tail",
               reason="'a Western diplomat familiar with the situation', 'officials "
                      "who spoke on condition of anonymity': the clause says how the "
                      "source knows, not who it is.",
               rewrite=_relative_tail),
    SourceRule(name="leading_article",
               reason="'The Kyiv Post' is 'Kyiv Post', 'the sources' are 'sources'.",
               rewrite=_leading_article),
    SourceRule(name="anonymity_words",
               reason="'unnamed intelligence officials' and 'intelligence officials' "
                      "are the same unnamed source; anonymity is a field of its own.",
               rewrite=_anonymity_words),
    SourceRule(name="honorific",
               reason="'Mr. Miller' is 'Miller'.",
               rewrite=_honorific),
    SourceRule(name="dotted_abbreviation",
               reason="'U.S. State Department' is 'US State Department'.",
               rewrite=_dotted_abbreviation),
    SourceRule(name="ministry_of",
               reason="'Ministry of Defence' is 'Defence Ministry'.",
               rewrite=_ministry_of),
    SourceRule(name="demonym_country",
               reason="'Ukrainian media' is 'Ukraine's media', 'British Defence "
                      "Intelligence' is the UK's.",
               rewrite=_demonym_country),
    SourceRule(name="country_of",
               reason="'Defence Ministry of Russia' is 'Russia's Defence Ministry'.",
               rewrite=_country_of),
    SourceRule(name="possessive",
               reason="'Ukraine's General Staff' is 'Ukraine General Staff' (after the "
                      "demonym rule, 'Ukrainian General Staff' too).",
               rewrite=_possessive),
    SourceRule(name="british_spelling",
               reason="'Israel Defense Forces' and 'Israel Defence Forces', "
                      "'organization' and 'organisation' are one spelling.",
               rewrite=_british_spelling),
    SourceRule(name="case_fold",
               reason="'Kyiv Post' and 'KYIV post' meet; an acronym keeps its capitals "
                      "so that 'WHO' is never 'who'.",
               rewrite=_case_fold),
    SourceRule(name="cyrillic_epithets",
               reason="'Міністерство оборони країни-агресора Росії' is 'Міністерство "
                      "оборони Росії', 'Telegram-канал ЦПД' is 'ЦПД', 'РИА «Новости»' is "
                      "'РИА Новости': epithets, channels and guillemets name no other body.",
               rewrite=_cyrillic_epithets),
    SourceRule(name="cyrillic_case_endings",
               reason="'Генштабу ЗСУ' and 'Генштаб ЗСУ', 'Министерства обороны' and "
                      "'Министерство обороны' are one name in two cases.",
               rewrite=_cyrillic_case_endings),
    SourceRule(name="plural_head",
               reason="'sources' and 'source', 'officials' and 'official', 'Houthis' "
                      "and 'Houthi' are one source noun.",
               rewrite=_plural_head),
)


def source_key(name: str, rules: Sequence[SourceRule] = RULES) -> str:
    """The matching key of a source name: the rules of :data:`RULES` in turn.

    Examples
    --------
    >>> source_key("The Kyiv Post") == source_key("Kyiv Post")
    True
    >>> source_key("Ukrainian media") == source_key("Ukraine’s media")
    True
    >>> source_key("Russian Defense Ministry")
    'russia defence ministry'
    >>> source_key("WHO") == source_key("who")
    False
    """
    text = name
    for rule in rules:
        text = rule.rewrite(text)
    return text.strip()


def display_name(name: str) -> str:
    """A source name as a map or table shows it when the alias table does not know it.

    Quotes straightened, the clause of how the source knows and a leading article
    dropped, a demonym written as the country's possessive ("Ukrainian media" and
    "Ukraine's media" read the same).

    Examples
    --------
    >>> display_name("the Ukrainian media")
    "Ukraine's media"
    >>> display_name("a Western diplomat familiar with the situation")
    'Western diplomat'
    """
    text = _leading_article(_relative_tail(_unicode_forms(name)))
    pattern, table = _countries()
    first = pattern.match(text)
    if first is not None and text[first.end():first.end() + 2] != "'s":
        rest = text[first.end():]
        if rest.strip() and rest.strip()[:1].islower():
            text = f"{table[first.group(0)]}'s{rest}"
    return text or name
