"""Words and phrases of Russian and Ukrainian attribution: tokens, source phrases.

The helpers :mod:`geoclaims.claims.cyrillic` reads sentences with: the tokens of a
sentence, the word lists of ``geoclaims/data/lexicons/{ru,uk}`` compared by light stem
(:func:`geoclaims.text.inflection.light_stem`), the noun phrase after a position, and
the draft of an attribution the rules fill.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from geoclaims.claims.attribution import Attribution
from geoclaims.claims.model import Source, SourceType
from geoclaims.text import lexicon
from geoclaims.text.inflection import light_stem, word_forms

#: Most words a source phrase may have.
MAX_SOURCE_WORDS = 12
#: Heads of unnamed sources that never name anyone, even before a personal name
#: ("источник в окружении Ивана Петрова" is not Ivan Petrov).
ALWAYS_ANONYMOUS = frozenset({
    "источник", "собеседник", "джерел", "співрозмовник", "доверенн",
    "довірен", "осведомлен", "обізнан",
})
#: Prepositions that end a source phrase read after its verb ("британская разведка
#: в соцсети Х") and open the medium phrase skipped before it ("заявив в ефірі ...").
STOP_PREPOSITIONS = frozenset(
    "в во у на по для о об про от від до после після через под під за при перед "
    "между між над из-за с со".split()
)
#: Particles between a verb and its speaker ("сообщали и блогеры", "повідомили й
#: волонтери", "заявил также мэр").
_ADDITIVE = frozenset("и і й также тоже також теж".split())
#: Prepositions of a medium or occasion a verb may have before its speaker.
MEDIUM_PREPOSITIONS = frozenset("в во у на".split())
#: Words that open a content clause after a verb of saying.
CONTENT_WORDS = frozenset("что що чтобы щоб нібито якобы будто мовляв".split())
#: Words of quantity or position before an unnamed head ("один из собеседников",
#: "еще один источник", "трое собеседников").
PARTITIVES = frozenset(
    "один одна одно одного одним двое трое четверо несколько еще ещё другой другая "
    "другие ряд ще інший інша інші кілька двоє троє четверо деякі некоторые из з із "
    "среди серед".split()
)
_PERSONAL_PRONOUNS = frozenset("его ее её их него неё него його її їх нього неї них".split())

_TOKEN = re.compile(r"[^\W_][\w'’ʼ.-]*[\w]|[^\W_]|[«»“”\"„]|[,;:!?]|\s[—–-]\s|[—–]")
_BREAKS = frozenset({",", ";", ":", "!", "?", "—", "–", "-"})
_QUOTES = frozenset("«»“”\"„")


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.casefold()

    @property
    def is_break(self) -> bool:
        return self.text.strip() in _BREAKS

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def _tokens(sentence: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(sentence):
        text = m.group()
        start = m.start() + (len(text) - len(text.lstrip()))
        text = text.strip()
        out.append(_Tok(text, start, start + len(text)))
    return out


@cache
def _lex(name: str, lang: str) -> frozenset[str]:
    return lexicon.words(name, lang)


@cache
def _calendar(lang: str) -> frozenset[str]:
    return frozenset(lexicon.table("months", lang)) | frozenset(lexicon.table("weekdays", lang))


def _is_date_word(tok: _Tok, lang: str) -> bool:
    return tok.text.isdigit() or tok.low in _calendar(lang)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _stem(tok: _Tok) -> str:
    return light_stem(tok.text).casefold()


@cache
def _stems(name: str, lang: str) -> frozenset[str]:
    """The entries of a stem list, through the same light stem as the text's words."""
    words = _lex(name, lang)
    return frozenset(words) | frozenset(light_stem(w).casefold() for w in words)


def _is_source_noun(tok: _Tok, lang: str) -> bool:
    return _stem(tok) in _stems("source_nouns", lang)


def _is_anonymous_noun(tok: _Tok, lang: str) -> bool:
    return _stem(tok) in _stems("anonymous_words", lang)


def _is_name_word(tok: _Tok, *, first: bool) -> bool:
    """A capitalised word that is a name: not the sentence's capital alone."""
    text = tok.text.lstrip("«“\"")
    if not text[:1].isupper():
        return _is_acronym(text) or (text[:1].isascii() and text[:1].isalpha()
                                     and not first)
    return not first or _is_acronym(text) or text[:1].isascii()


def _personal_name(tokens: list[_Tok]) -> bool:
    """The phrase ends in a personal name: two capitalised words, not acronyms."""
    words = [t for t in tokens if t.is_word]
    if len(words) < 2:
        return False
    a, b = words[-2].text, words[-1].text
    return all(w[:1].isupper() and not _is_acronym(w) and not w[:1].isascii()
               for w in (a, b))


def is_anonymous_phrase(tokens_or_text: list[_Tok] | str, lang: str) -> bool:
    """True when a source phrase names no one (see the module docstring).

    Examples
    --------
    >>> is_anonymous_phrase("один из собеседников издания", "ru")
    True
    >>> is_anonymous_phrase("Офицер бригады Сергей Цехоцкий", "ru")
    False
    >>> is_anonymous_phrase("джерела в Генштабі", "uk")
    True
    """
    tokens = _tokens(tokens_or_text) if isinstance(tokens_or_text, str) else tokens_or_text
    words = [t for t in tokens if t.is_word]
    k = 0
    while k < len(words) - 1 and (words[k].low in PARTITIVES or words[k].text.isdigit()
                                  or (not _is_anonymous_noun(words[k], lang)
                                  and k + 1 < len(words)
                                  and _is_anonymous_noun(words[k + 1], lang))):
        k += 1  # "один из", "трое", "российские Z-блогеры"
    if k >= len(words):
        return False
    head = words[k]
    if not _is_anonymous_noun(head, lang):
        return False
    return _stem(head) in {light_stem(w) for w in ALWAYS_ANONYMOUS} \
        or not _personal_name(words)


@dataclass(slots=True)
class Draft:
    """What the rules have found in one sentence so far."""

    sentence: str
    offset: int
    lang: str
    tokens: list[_Tok]
    chain: list[Source] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    verb: str = ""
    hedged: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    #: Sentence offsets of the tokens that rules have read as sources.
    taken: set[int] = field(default_factory=set)
    #: Start offsets of ``tokens``, for bisection.
    starts: list[int] = field(default_factory=list)

    def add(self, tokens: list[_Tok], *, outer: bool = False) -> None:
        """Add the sources a run of tokens names ("X и Y" names two)."""
        for part in _split_conjoined(tokens, self.lang):
            source = self._source(part)
            if source is None:
                continue
            self.taken.update(t.start for t in part)
            if outer:
                self.chain.insert(0, source)
            else:
                self.chain.append(source)

    def _source(self, tokens: list[_Tok]) -> Source | None:
        tokens = _trim(tokens, self.lang)
        if not tokens:
            return None
        start, end = tokens[0].start, tokens[-1].end
        name, start = _balanced(self.sentence[start:end], start)
        if len(name) < 2:
            return None
        anonymous = is_anonymous_phrase(tokens, self.lang)
        kind: SourceType = "anonymous" if anonymous else (
            "person" if _personal_name(tokens) else "government body")
        return Source(name=name, type=kind, anonymous=anonymous,
                      start=self.offset + start, end=self.offset + start + len(name))

    def result(self) -> Attribution:
        seen: set[str] = set()
        chain = []
        for src in self.chain:
            if src.name.casefold() not in seen:
                seen.add(src.name.casefold())
                chain.append(src)
        return Attribution(chain=tuple(chain), cues=tuple(dict.fromkeys(self.cues)),
                           verb=self.verb, hedged=self.hedged, extra=dict(self.extra))


_PAIRS = {"«": "»", "“": "”", "„": "“"}


def _balanced(text: str, start: int) -> tuple[str, int]:
    """``text`` without punctuation and unpaired quotes at its ends, and its start."""
    while True:
        before = text
        lead = len(text) - len(text.lstrip(" ,.;:"))
        text, start = text[lead:].rstrip(" ,.;:"), start + lead
        if text[:1] in _PAIRS and _PAIRS[text[0]] not in text[1:]:
            text, start = text[1:], start + 1
        if text[:1] == '"' and text.count('"') == 1:
            text, start = text[1:], start + 1
        if text[-1:] in _PAIRS.values() and not any(
                o in text[:-1] for o, c in _PAIRS.items() if c == text[-1]):
            text = text[:-1]
        if text[-1:] == '"' and text.count('"') == 1:
            text = text[:-1]
        if text == before:
            return text, start


def _split_conjoined(tokens: list[_Tok], lang: str) -> Iterator[list[_Tok]]:
    """ "Минобороны РФ и ФСБ России": two sources, split at "и"/"і"/"та" before a
    capital or a source noun."""
    part: list[_Tok] = []
    for k, tok in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if tok.low in ("и", "і", "та", "й") and part and nxt is not None and (
            _is_name_word(nxt, first=False) or _is_source_noun(nxt, lang)
            or nxt.text[:1] in "«“\""
        ):
            yield part
            part = []
            continue
        part.append(tok)
    if part:
        yield part


def _trim(tokens: list[_Tok], lang: str) -> list[_Tok]:
    """A source phrase without the openers, dates and adverbs around it."""
    openers = _lex("clause_openers", lang)
    toks = [t for t in tokens if t.is_word or t.text in _QUOTES]
    changed = True
    while toks and changed:
        changed = False
        for size in (3, 2, 1):
            if len(toks) >= size and " ".join(t.low for t in toks[:size]) in openers:
                toks = toks[size:]
                changed = True
                break
        if toks and (_is_date_word(toks[0], lang) or toks[0].low == "не"):
            toks = toks[1:]
            changed = True
    while toks and (toks[-1].low in openers or _is_date_word(toks[-1], lang)
                    or toks[-1].low == "не" or (toks[-1].text in _QUOTES
                    and toks.count(toks[-1]) == 1 and not any(
                        t.text in _QUOTES for t in toks[:-1]))):
        toks = toks[:-1]
    # a date inside the phrase ("Министерство обороны РФ 15 августа") ends it
    for k, tok in enumerate(toks):
        if k and _is_date_word(tok, lang) and (tok.text.isdigit() or k + 1 == len(toks)):
            toks = toks[:k]
            break
    return toks[:MAX_SOURCE_WORDS]


@cache
def _phrase_pattern(name: str, lang: str) -> re.Pattern[str]:
    forms = word_forms(name, lang)
    alternation = lexicon.alternation(forms)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


@cache
def _table_pattern(name: str, lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {k.casefold(): v for k, v in lexicon.table(name, lang).items()}
    return re.compile(rf"(?<!\w)(?:{lexicon.alternation(table)})(?!\w)",
                      re.IGNORECASE), table


def _tokens_in(draft: Draft, start: int, end: int) -> list[_Tok]:
    first = bisect.bisect_left(draft.starts, start)
    last = bisect.bisect_left(draft.starts, end)
    return [t for t in draft.tokens[first:last] if t.end <= end]


def _phrase_after(draft: Draft, pos: int) -> list[_Tok]:
    """The noun phrase starting at ``pos``: up to a break, a content word, a verb of
    saying or a preposition after its first word."""
    out: list[_Tok] = []
    quote_open = False
    first = bisect.bisect_left(draft.starts, pos)
    for tok in draft.tokens[first:first + 3 * MAX_SOURCE_WORDS]:
        if tok.text in _QUOTES:
            quote_open = not quote_open if tok.text in "\"" else tok.text in "«“„"
            out.append(tok)
            continue
        if quote_open:
            out.append(tok)
            continue
        if tok.is_break or tok.low in CONTENT_WORDS or tok.low in _say_forms(draft.lang):
            break
        if out and tok.low in MEDIUM_PREPOSITIONS and _is_anonymous_noun(out[0], draft.lang):
            out.append(tok)  # "источники в полиции", "джерела у Генштабі"
            continue
        if out and tok.low in STOP_PREPOSITIONS and tok.low not in ("из", "з", "із"):
            break
        if _is_date_word(tok, draft.lang) and out:
            break
        out.append(tok)
        if len(out) >= MAX_SOURCE_WORDS:
            break
    return out


@cache
def _say_forms(lang: str) -> frozenset[str]:
    """Verbs of saying, confirming and denying of both languages: Ukrainian copy quotes
    Russian statements ("заявил", "сообщило") and Russian copy Ukrainian ones, and
    no form of one list is another word in the other language."""
    return frozenset().union(*(
        word_forms(name, other) for other in ("ru", "uk")
        for name in ("say_verbs", "confirm_verbs", "deny_verbs")))
