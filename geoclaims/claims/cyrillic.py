"""Attribution in Russian and Ukrainian: who a sentence says speaks, by named rules.

The English parse knows nothing of Russian or Ukrainian, so these sentences are read
by rules over the words of their lexicons (``geoclaims/data/lexicons/ru`` and
``uk``), matched in any inflected form (:mod:`geoclaims.text.inflection`).
:func:`find_attribution_cyrillic` runs :data:`RULES` in order on each sentence; each
adds sources to the chain (outermost first) and the cue words that justify it, as
:mod:`geoclaims.claims.attribution_rules` does for English:

- a colon after a source opening the line ("Минобороны: ..."), or a source after a
  final dash ("... — «Рыбарь»", "... — джерела");
- phrases that name a source after them ("по данным X", "за словами X": the
  outermost source; "со ссылкой на X", "посилаючись на X": the cited one);
- verbs of saying, confirming and denying in any form ("заявила", "повідомили",
  "опроверг"): the speaker is the noun phrase before the verb ("Минобороны РФ
  рассказало"), or after it when nothing names one before ("..., сообщило
  Минобороны РФ", "Об этом сообщил губернатор", "заявив в ефірі ... Віктор
  Трегубов"); a plural verb with "в X" names the body X ("В Минобороны
  сообщили", "добавили в ЦПД"); a reporter named after its verb at the end of the
  sentence ("..., передает «Радиоточка НСН»") is the outermost link;
- impersonal attributions ("говорится в сообщении", "зазначається") and pronoun
  sources ("по его словам", "за його даними"): the statement goes on with the
  previous report (``extra["continues"]``);
- hedges ("якобы", "нібито", "в мережі поширилася інформація").

A source is anonymous when its head noun is a word of ``anonymous_words``
("источник", "джерела", "военные", "OSINT-фахівці") and it does not end in a
personal name, or always for the words that never name anyone ("источник",
"джерела", "собеседник").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from geoclaims.claims._cyrillic_words import (
    _ADDITIVE,
    _PERSONAL_PRONOUNS,
    _QUOTES,
    CONTENT_WORDS,
    MAX_SOURCE_WORDS,
    MEDIUM_PREPOSITIONS,
    PARTITIVES,
    STOP_PREPOSITIONS,
    Draft,
    _is_acronym,
    _is_anonymous_noun,
    _is_date_word,
    _is_name_word,
    _is_source_noun,
    _lex,
    _phrase_after,
    _phrase_pattern,
    _say_forms,
    _table_pattern,
    _Tok,
    _tokens,
    _tokens_in,
    _trim,
    is_anonymous_phrase,
)
from geoclaims.claims.attribution import Attribution
from geoclaims.claims.model import Source
from geoclaims.text.inflection import word_forms

__all__ = ["RULES", "CyrillicRule", "find_attribution_cyrillic", "is_anonymous_phrase"]


# -- the rules -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CyrillicRule:
    """One way a Russian or Ukrainian sentence names who speaks."""

    #: Short snake_case name; the rule's test row carries it as its id.
    name: str
    #: Why the rule exists, with an example phrase.
    reason: str
    match: Callable[[Draft], None]


def _speaker_colon(draft: Draft) -> None:
    m = re.match(r"\s*([^\W\d_][^:]{0,40}?)\s*:\s+\S+\s+\S+\s+\S", draft.sentence)
    if m is None:
        return
    tokens = _tokens_in(draft, m.start(1), m.end(1))
    words = [t for t in tokens if t.is_word]
    if not words or len(words) > 5:
        return
    from geoclaims.claims.sources import alias_table

    if alias_table().lookup(m.group(1)) is None and not _is_source_noun(words[0], draft.lang):
        return
    draft.cues.append(m.group(1) + ":")
    draft.add(tokens)


def _final_dash(draft: Draft) -> None:
    m = re.search(r"\s[—–-]\s+([^—–]{2,120}?)[.\s]*$", draft.sentence)
    if m is None:
        return
    tokens = _tokens_in(draft, m.start(1), m.end(1))
    words = [t for t in tokens if t.is_word]
    if not words or len(words) > MAX_SOURCE_WORDS or any(
            t.low in _say_forms(draft.lang) for t in words):
        return
    first = words[0]
    opens_quote = tokens[0].text in _QUOTES
    if not (opens_quote or (_is_name_word(first, first=False) and first.text[:1].isupper())
            or _is_source_noun(first, draft.lang) or _is_anonymous_noun(first, draft.lang)):
        return
    # "— RT и РИА «Новости» со ссылкой на главу Суджи": the cited source is the
    # according rule's; the dash names the reporters before it.
    cut = _phrase_pattern_table(draft.lang).search(draft.sentence, m.start(1))
    end = cut.start() if cut is not None else m.end(1)
    draft.cues.append(draft.sentence[m.start():m.end(1)].strip())
    draft.add(_tokens_in(draft, m.start(1), end))


def _phrase_pattern_table(lang: str) -> re.Pattern[str]:
    return _table_pattern("according_phrases", lang)[0]


def _according(draft: Draft) -> None:
    pattern, table = _table_pattern("according_phrases", draft.lang)
    for m in pattern.finditer(draft.sentence):
        role = table[m.group().casefold()]
        if role == "continues":  # "по его словам", "за його даними": the last speaker
            draft.cues.append(m.group().lower())
            draft.extra["continues"] = m.group()
            continue
        phrase = _phrase_after(draft, m.end())
        words = [t for t in phrase if t.is_word]
        if not words:
            continue
        draft.cues.append(m.group().lower())
        if words[0].low in _PERSONAL_PRONOUNS and len(words) <= 2:
            draft.extra["continues"] = m.group()  # "по его словам": the last speaker
            continue
        draft.add(phrase, outer=role == "outer")


def _impersonal(draft: Draft) -> None:
    m = _phrase_pattern("impersonal_cues", draft.lang).search(draft.sentence)
    if m is None:
        return
    draft.cues.append(m.group().lower())
    named = _phrase_after(draft, m.end())
    words = [t for t in named if t.is_word]
    if words and (_is_name_word(words[0], first=False) or _is_source_noun(words[0], draft.lang)):
        draft.add(named)  # "говорится в сообщении Минобороны"
    elif not draft.chain:
        draft.extra["continues"] = m.group()


def _verbs(draft: Draft) -> None:
    forms = _say_forms(draft.lang)
    confirm = word_forms("confirm_verbs", "ru") | word_forms("confirm_verbs", "uk")
    found_main = False
    for k, tok in enumerate(draft.tokens):
        if tok.low not in forms or tok.start in draft.taken:
            continue
        negated = k > 0 and draft.tokens[k - 1].low == "не"
        if negated and tok.low not in confirm and tok.low not in word_forms(
                "deny_verbs", draft.lang):
            continue  # "Минобороны не сообщало": no attribution
        if _pronoun_next_to(draft, k):
            draft.extra["continues"] = tok.text  # "– запевнив він": the last speaker
            draft.cues.append(tok.text)
            found_main = True
            continue
        if found_main and _clause_start(draft, k) == 0:
            continue  # only a trailing reporter may follow the main speaker
        before = _phrase_before(draft, k)
        after = _speaker_after(draft, k)
        trailing = _clause_start(draft, k) > 0 and not before
        if found_main and not (trailing and after):
            continue
        chosen = after if (not before or _prefer_after(draft, before, after)) else before
        if not chosen:
            continue
        if found_main:
            draft.add(chosen, outer=True)  # "..., передает «Радиоточка НСН»"
            draft.cues.append(tok.text)
            continue
        draft.add(chosen)
        if not draft.chain:
            continue
        found_main = True
        if chosen is after and _clause_start(draft, k) > 0:
            draft.extra["trailing"] = tok.text  # "..., заявив X": may cover the sentence before
        draft.verb = tok.low
        draft.cues.append(tok.text)
        if tok.low in confirm and not negated:
            draft.extra["stance"] = "confirm"


def _pronoun_next_to(draft: Draft, k: int) -> bool:
    """A personal pronoun subject right before or after verb ``k`` ("он заявил",
    "запевнив він")."""
    pronouns = _lex("subject_pronouns", draft.lang)
    near = [draft.tokens[j] for j in (k - 1, k + 1) if 0 <= j < len(draft.tokens)]
    return any(t.low in pronouns for t in near)


def _skip_prepositional(words: list[_Tok], lang: str) -> list[_Tok]:
    """Words without the prepositional phrases opening them ("Під час зустрічі із
    журналістами президент ..." -> "президент ..."): a preposition and the word
    after it, as often as they repeat."""
    k = 0
    units = _lex("compound_prepositions", lang)
    while k < len(words):
        pair = " ".join(t.low for t in words[k:k + 2])
        if pair in units:
            k += 3
        elif words[k].low in STOP_PREPOSITIONS or words[k].low in ("із", "з", "из"):
            k += 2
        else:
            break
    return words[k:]


#: Endings of a lowercase word that, after a head noun, leave the subject: an object
#: in the accusative ("Українська сторона заяву окупантів спростувала").
_OBJECT_ENDINGS = ("у", "ю")


def _noun_phrase_end(words: list[_Tok], lang: str) -> list[_Tok]:
    """The subject up to its head noun and the modifiers after it."""
    for k, tok in enumerate(words):
        if (k and _is_source_noun(words[k - 1], lang)) or (k and tok.low.endswith(_OBJECT_ENDINGS)):
            if tok.text[:1].islower() and tok.low.endswith(_OBJECT_ENDINGS) \
                    and not _is_source_noun(tok, lang):
                return words[:k]
    return words


def _clause_start(draft: Draft, k: int) -> int:
    """Index of the first token of verb ``k``'s clause, looking back a bounded way."""
    j = k
    floor = max(0, k - 3 * MAX_SOURCE_WORDS)
    while j > floor and not draft.tokens[j - 1].is_break:
        j -= 1
    return j


def _phrase_before(draft: Draft, k: int) -> list[_Tok]:
    """The subject before verb ``k`` in its clause, or [] when it is no source."""
    lang = draft.lang
    j = _clause_start(draft, k)
    tokens = [t for t in draft.tokens[j:k] if t.text not in _QUOTES or True]
    if any(t.text in _QUOTES for t in tokens) and not any(
            t.is_word and _is_source_noun(t, lang) for t in tokens):
        return []
    words = _trim([t for t in tokens if t.is_word or t.text in _QUOTES], lang)
    words = [t for t in words if t.is_word or t.text in _QUOTES]
    if words and (words[0].low not in MEDIUM_PREPOSITIONS or " ".join(
            t.low for t in words[:2]) in _lex("compound_prepositions", lang)):
        words = _skip_prepositional(words, lang)
    content = [t for t in words if t.is_word]
    if not content or len(content) > MAX_SOURCE_WORDS:
        return []
    first = content[0]
    sentence_initial = first.start == _first_word_start(draft)
    if first.low in MEDIUM_PREPOSITIONS:
        # "В Минобороны сообщили", "У ЗМІ заявляють": the body of a plural verb
        rest = content[1:]
        if rest and _is_plural(draft.tokens[k].low) and (
                _is_source_noun(rest[0], lang) or _is_name_word(rest[0], first=False)):
            return [t for t in words if t.start >= rest[0].start]
        return []
    if len(content) > 1 and content[1].low in STOP_PREPOSITIONS and not (
            _is_source_noun(first, lang) or _is_anonymous_noun(first, lang)):
        return []  # "Інформацію про вивезення ...": an object before the verb
    if any(t.low in CONTENT_WORDS for t in content):
        return []
    if (_is_source_noun(first, lang) or _is_anonymous_noun(first, lang)
            or first.low in PARTITIVES or _is_name_word(first, first=sentence_initial)
            or (len(content) > 1 and _is_source_noun(content[1], lang))):
        return _noun_phrase_end(words, lang)
    from geoclaims.claims.sources import alias_table

    text = draft.sentence[content[0].start:content[-1].end]
    if alias_table().lookup(text) is not None:
        return words
    if sentence_initial and first.text[:1].isupper() and len(content) <= 3:
        return words  # "Трегубов пояснив", "Росіяни заявили"
    return []


def _first_word_start(draft: Draft) -> int:
    return next((t.start for t in draft.tokens if t.is_word), 0)


def _is_plural(verb: str) -> bool:
    return verb.endswith(("ли", "ют", "ят", "ють", "ять", "ут", "уть"))


def _speaker_after(draft: Draft, k: int) -> list[_Tok]:
    """The speaker named right after verb ``k`` ("сообщило Минобороны РФ"), or []."""
    lang = draft.lang
    verb = draft.tokens[k]
    rest = draft.tokens[k + 1:k + 1 + 3 * MAX_SOURCE_WORDS]
    if rest and rest[0].low in _ADDITIVE:
        rest = rest[1:]  # "сообщали и российские Z-блогеры": the speaker too
    if len(rest) > 1 and rest[0].low.endswith(("ам", "ям")) and (
            _is_anonymous_noun(rest[0], lang) or _is_source_noun(rest[0], lang)):
        rest = rest[1:]  # "заявил журналистам пресс-секретарь ...": the addressee
    i = 0
    if rest and rest[0].low in MEDIUM_PREPOSITIONS:
        nxt = rest[1] if len(rest) > 1 else None
        if nxt is not None and _is_plural(verb.low) and (
                _is_name_word(nxt, first=False) or _is_source_noun(nxt, lang)):
            return _phrase_after(draft, nxt.start)  # "добавили в ЦПД"
        i = 2  # "заявив в ефірі ...", "повідомив у Телеграмі ..."
        while i < len(rest) and rest[i].is_word and not rest[i].text[:1].isupper() \
                and not _is_source_noun(rest[i], lang) and rest[i].low not in CONTENT_WORDS:
            i += 1
    while i < len(rest) and rest[i].is_word and _is_date_word(rest[i], lang):
        i += 1
    if i >= len(rest):
        return []
    head = rest[i]
    if head.is_break or head.low in CONTENT_WORDS:
        return []
    nxt = rest[i + 1] if i + 1 < len(rest) else None
    adjective = head.low.endswith(_ADJECTIVE_ENDINGS) and nxt is not None and (
        _is_source_noun(nxt, lang) or _is_anonymous_noun(nxt, lang))
    if not (head.text in _QUOTES or _is_name_word(head, first=False)
            or head.low in PARTITIVES or adjective
            or _is_source_noun(head, lang) or _is_anonymous_noun(head, lang)):
        return []
    return _phrase_after(draft, head.start)


#: Endings of an adjective before its noun ("британская разведка", "російські
#: воєнкори").
_ADJECTIVE_ENDINGS = ("ая", "яя", "ий", "ый", "ой", "ое", "ее", "ие", "ые", "ій", "ська",
                      "ські", "ський", "на", "ні", "ний")


def _prefer_after(draft: Draft, before: list[_Tok], after: list[_Tok]) -> bool:
    """An object opening the sentence ("Інформацію ... підтвердила староста") leaves
    the subject after the verb."""
    if not after:
        return False
    first = next(t for t in before if t.is_word)
    return (first.start == _first_word_start(draft) and not _is_source_noun(first, draft.lang)
            and not _is_anonymous_noun(first, draft.lang) and not _is_acronym(first.text))


def _hedges(draft: Draft) -> None:
    pattern, table = _table_pattern("hedges", draft.lang)
    for m in pattern.finditer(draft.sentence):
        draft.hedged = True
        draft.cues.append(m.group().lower())
        if table[m.group().casefold()] == "reports" and not draft.chain:
            draft.chain.append(Source(name="reports (unnamed)", type="anonymous",
                                      anonymous=True))


#: Every rule, in the order they run.
RULES: tuple[CyrillicRule, ...] = (
    CyrillicRule(name="speaker_colon",
                 reason="'Минобороны: ВС РФ освободили ...': a source opening the line "
                        "before a colon speaks what follows.", match=_speaker_colon),
    CyrillicRule(name="final_dash",
                 reason="'... — «Рыбарь»', '... — джерела': a source after a final dash "
                        "speaks what comes before it.", match=_final_dash),
    CyrillicRule(name="impersonal",
                 reason="'говорится в сообщении', 'зазначається': the statement goes on "
                        "with the previous report, or names it ('в сообщении "
                        "Минобороны').", match=_impersonal),
    CyrillicRule(name="verb_speaker",
                 reason="'Минобороны РФ рассказало', '..., сообщило Минобороны РФ', "
                        "'В Минобороны сообщили': the speaker of a verb of saying, "
                        "before or after it.", match=_verbs),
    CyrillicRule(name="according_to",
                 reason="'по данным Генштаба', 'за словами X' (outermost), 'со ссылкой "
                        "на X', 'посилаючись на X' (cited); 'по его словам' continues "
                        "the last speaker.", match=_according),
    CyrillicRule(name="hedge",
                 reason="'якобы', 'нібито', 'в мережі поширилася інформація': the text "
                        "does not vouch for it.", match=_hedges),
)


def find_attribution_cyrillic(sentence: str, offset: int, lang: str) -> Attribution:
    """Attribution of one Russian or Ukrainian sentence by :data:`RULES`.

    Examples
    --------
    >>> att = find_attribution_cyrillic(
    ...     "Склад горел всю ночь, сообщил губернатор области Иван Петров.", 0, "ru")
    >>> [s.name for s in att.chain], att.cues
    (['губернатор области Иван Петров'], ('сообщил',))
    >>> att = find_attribution_cyrillic(
    ...     "За даними Генштабу ЗСУ, ворог втратив два танки.", 0, "uk")
    >>> [s.name for s in att.chain]
    ['Генштабу ЗСУ']
    """
    tokens = _tokens(sentence)
    draft = Draft(sentence=sentence, offset=offset, lang=lang, tokens=tokens,
                  starts=[t.start for t in tokens])
    for rule in RULES:
        rule.match(draft)
    return draft.result()
