"""Find place mentions in Russian and Ukrainian text, in any case form.

Names are looked up by the nominatives their word forms stand for
(:mod:`geoclaims.text.morph`): "в Севастополе" -> "севастополь", "у Харкові" ->
"харків", "Российской Федерации" -> "российская федерация". Rules that hold for both
languages then shape what is kept:

1. **Adjective + generic noun.** "Курской области", "Кореневском районе", "на
   Торецькому напрямку", "Курської АЕС": the adjective is the toponym (the span, as
   the annotation guideline has it, leaves the common noun out). It is looked up with
   its noun ("курская область"), else through the place it is derived from: an
   adjective in -ский/-ський names a town by a regular rule (Курский <- Курск,
   Чугуївський <- Чугуїв, Суджанский <- Суджа, Кореневский <- Коренево); an oblast is
   named after its centre, so "<adjective> область" is the admin-1 region of that town.
2. **Colloquial regions** in -щина/-ччина (Сумщина, Харківщина, Донеччина) are the
   admin-1 region of the town they are built on (Суми, Харків, Донецьк).
3. **Runs of capitalised words**, longest first, then single words.
4. **Filters.** A Cyrillic name matches only places a Russian or Ukrainian text is
   likely to name with it: countries, admin-1 regions, places in the countries
   around them, and large cities (so "Сили" is not Sealy, Texas). A word common in
   the language ("Там", "Але") is no place unless the dictionary tags it as one;
   names inside armed-forces names ("Сили оборони України", the guideline's "Armed
   Forces of Ukraine"), inside guillemets («Хортиця», a group) or glued to an
   organisation ("РБК-Украина") are not mentions.
5. **Places the gazetteer lacks.** A capitalised word after a settlement noun ("село
   Рясне", "в районе Варваровки"), tagged geographical by the dictionary, or listed
   with a found place ("Варваровки, Сафоновки и Шептуховки") is a mention with no
   candidate, as are Ukraine's register settlements.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.places.keep_rules import Hit
from geoclaims.text import lexicon
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.mentions import Hint, Mention
from geoclaims.text.morph import MorphWord, analyse, fix_mixed_script, is_cyrillic_word
from geoclaims.text.normalize import normalize_name
from geoclaims.text.segment import Token

__all__ = ["NEAR_COUNTRIES", "find_cyrillic_mentions", "kind_cue_before", "span_hits"]

_DERIVED = int(NameFlag.DERIVED)
_OTHER = {"ru": "uk", "uk": "ru"}

#: Countries whose places Russian and Ukrainian news names in Cyrillic by their own
#: names: the former Soviet states and the Cyrillic-script Balkans. Elsewhere only
#: countries, admin-1 regions and cities of :data:`WORLD_CITY_POPULATION` match.
NEAR_COUNTRIES = frozenset(
    "RU UA BY MD GE AM AZ KZ KG TJ TM UZ LT LV EE BG RS MK ME BA MN PL RO SK HU".split())
#: Smallest population of a city outside :data:`NEAR_COUNTRIES` that a Cyrillic name
#: reaches ("Лондон", "Вашингтон"; not the 2,000 people of Sealy, Texas).
WORLD_CITY_POPULATION = 100_000
#: Zipf frequency (wordfreq, in the text's language) from which a capitalised word is
#: taken for a common word rather than a name, unless the dictionary tags it
#: geographical or it names a country or region ("Там", "Але", "Сили").
COMMON_WORD_ZIPF = 4.3
#: The same for a word opening a sentence, where capitals say nothing.
INITIAL_COMMON_WORD_ZIPF = 3.3
#: Longest run of capitalised words looked up as one name ("Донецкая Народная
#: Республика", "Ніколаєво-Даріно" counts its hyphen).
MAX_RUN = 5
#: Names of up to this many words are also looked up by every combination of their
#: words' readings (at most :data:`MAX_WORD_READINGS` each).
MAX_READ_WORDS = 3
MAX_WORD_READINGS = 3

#: Generic nouns after an adjectival name, by lemma, and what they make it
#: ("region", "district", "attribute"): ``mul/cyrillic_generic_nouns.txt``.
GENERIC_NOUNS = lexicon.table("cyrillic_generic_nouns", "mul")
REGION_NOUNS = frozenset(w for w, kind in GENERIC_NOUNS.items() if kind == "region")
DISTRICT_NOUNS = frozenset(w for w, kind in GENERIC_NOUNS.items() if kind == "district")
ATTRIBUTE_NOUNS = frozenset(w for w, kind in GENERIC_NOUNS.items() if kind == "attribute")
#: Lower-case adjectives that may sit between the name and its noun ("Курського
#: прикордонного району").
MAX_INNER_ADJECTIVES = 2
#: Capitalised adjectives listed before one noun ("Чугуївського, Богодухівського та
#: Куп'янського районів").
MAX_LISTED_ADJECTIVES = 6
#: Nouns (lemmas) after which a capitalised word names a settlement or an area.
SETTLEMENT_NOUNS = lexicon.words("cyrillic_settlement_nouns", "mul")
#: Nouns after which a capitalised noun (not an adjective) names a place: "в районе
#: Варваровки", "в направлении Покровска".
AREA_NOUNS = lexicon.words("cyrillic_area_nouns", "mul")
#: Prepositions of nearness before a place ("поблизу Олешні", "возле Суджи").
NEAR_PREPOSITIONS = lexicon.words("cyrillic_near_prepositions", "mul")
#: Words joining the items of a list of places.
LIST_WORDS = lexicon.words("cyrillic_list_words", "mul") | {","}
#: Words before a name that make it part of an armed-forces name, and words that may
#: stand between ("Сили оборони України").
_FORCES = lexicon.table("cyrillic_forces_words", "mul")
FORCES_WORDS = frozenset(w for w, kind in _FORCES.items() if kind == "head")
FORCES_MIDDLE = frozenset(w for w, kind in _FORCES.items() if kind == "middle")
#: Nouns (lemmas) after which a name is a water body ("на правом берегу Днепра").
WATER_WORDS = lexicon.words("cyrillic_water_words", "mul")
#: Nouns (lemmas) after which a name is a part of a city ("микрорайона Остров").
CITY_PART_WORDS = lexicon.words("cyrillic_city_part_words", "mul")

#: An adjective in -ский/-ський in any case form, for words the dictionaries read
#: otherwise ("Торецькому" is also the village Торецьке).
_ADJECTIVE = re.compile(
    r"^(?P<stem>.+?(?:ск|цк|ськ|цьк))(?:ий|ый|ій|ая|ое|ие|ые|ого|ому|ом|ой|ую|их|ых|им|ым"
    r"|ими|ыми|ої|ою|у|е|і|а|ім)$")


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A token range to emit and the keys to look it up by, most literal first."""

    i: int
    j: int
    keys: tuple[str, ...]
    hint: Hint
    #: How the keys were made: "name", "adjective" (noun-derived town), "region"
    #: (-щина or "<adjective> область": the town's admin-1 region).
    via: str


def _word(tok: Token) -> str:
    return fix_mixed_script(tok.text).lower()


def _is_cyr_cap(tok: Token) -> bool:
    return tok.is_word and tok.is_cap and is_cyrillic_word(tok.text)


def _is_upper(tok: Token) -> bool:
    return tok.text.isupper() and len(tok.text) > 1


@lru_cache(maxsize=100_000)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def derived_towns(adjective: str) -> list[str]:
    """Names of the town an adjective in -ский/-ський may be built on.

    Examples
    --------
    >>> derived_towns("курский")[:2]
    ['курск', 'кур']
    >>> "суджа" in derived_towns("суджанский"), "коренево" in derived_towns("кореневский")
    (True, True)
    >>> "торецьк" in derived_towns("торецький"), "харків" in derived_towns("харківський")
    (True, True)
    >>> "курахове" in derived_towns("курахівський"), "клинцы" in derived_towns("клинцовский")
    (True, True)
    """
    out: list[str] = []
    for suffix, town_suffix in (("цкий", "цк"), ("цький", "цьк"), ("ский", "ск"),
                                ("ський", "ськ")):
        if adjective.endswith(suffix):
            stem = adjective[: -len(suffix)]
            out += [stem + town_suffix, stem]
            if stem.endswith("н"):
                out.append(stem[:-1])  # Суджанский <- Суджа
            out += [stem + end for end in ("о", "е", "а", "ы", "и", "ь", "ье", "я")]
            if stem.endswith("ів"):
                # Ukrainian і of a closed syllable is о in the open one:
                # Курахівський <- Курахове.
                out += [stem[:-2] + "ове", stem[:-2] + "ово"]
            if stem.endswith(("ов", "ев")):
                out += [stem[:-2] + "ы", stem[:-2] + "и"]  # Клинцовский <- Клинцы
            break
    return [t for t in out if len(t) >= 3]


def region_towns(noun: str) -> list[str]:
    """Names of the town a colloquial region name (-щина, -ччина) is built on.

    Examples
    --------
    >>> region_towns("сумщина")[:3]
    ['сум', 'сумськ', 'сумск']
    >>> "донецьк" in region_towns("донеччина"), "харків" in region_towns("харківщина")
    (True, True)
    """
    if noun.endswith("ччина"):
        stem = noun[: -len("ччина")]
        return [stem + "цьк", stem + "цк", stem + "ця", stem + "ц"]
    if noun.endswith("щина"):
        stem = noun[: -len("щина")]
        return [stem, stem + "ськ", stem + "ск", stem + "и", stem + "ы", stem + "а",
                stem + "ів"]
    return []


def _name_keys(text: str, tokens: Sequence[Token], i: int, j: int, lang: str) -> list[str]:
    """Lookup keys of the token range ``[i, j)``: as written, then in the nominative."""
    surface = normalize_name(fix_mixed_script(text[tokens[i].start : tokens[j - 1].end]))
    keys = [surface]
    words = [t for t in tokens[i:j] if t.is_word]
    if len(words) == 1:
        w = analyse(_word(words[0]), lang)
        # Then the other language's nouns: Russian names in Ukrainian text ("Общий
        # Колодезь"), and short texts whose language has no letter to tell it by.
        other = analyse(_word(words[0]), _OTHER[lang])
        keys += [*w.noun_lemmas, *w.lemmas, *w.adjective_nominatives, *other.noun_lemmas]
        return list(dict.fromkeys(normalize_name(k) for k in keys))
    # Every word to its nominative, adjectives agreeing with their noun (their own
    # gender and number as written): "Российской Федерации" -> "российская федерация".
    options: list[list[str]] = []
    for tok in words:
        w = analyse(_word(tok), lang)
        first = w.adjective_nominatives[0] if w.is_adjective and w.adjective_nominatives \
            else (w.noun_lemmas or w.lemmas)[0]
        options.append(list(dict.fromkeys([first, *w.noun_lemmas]))[:MAX_WORD_READINGS])
    keys.append(" ".join(o[0] for o in options))
    if len(words) <= MAX_READ_WORDS:
        # A word the dictionary reads as an adjective may be the town of a compound:
        # "Куп'янська-Вузлового" -> "куп'янськ вузловий".
        keys += [" ".join(combo) for combo in itertools.product(*options)]
    return list(dict.fromkeys(normalize_name(k) for k in keys))


def _generic_after(tokens: Sequence[Token], k: int, lang: str) -> tuple[str, int] | None:
    """The generic noun after the adjective at ``k`` and its index, if any."""
    n = len(tokens)
    m = k + 1
    inner = 0
    listed = 0
    while m < n and tokens[m].sentence == tokens[k].sentence:
        if tokens[m].text.lower() in LIST_WORDS and m + 1 < n and tokens[m + 1].is_cap \
                and listed < MAX_LISTED_ADJECTIVES:
            # "Богодухівського, Харківського та Куп'янського районів": one noun for all.
            listed += 1
            m += 2
            continue
        if not tokens[m].is_word:
            return None
        w = analyse(_word(tokens[m]), lang)
        lemma = next((x for x in (*w.noun_lemmas, *w.lemmas) if x in GENERIC_NOUNS), None)
        if lemma is not None:
            return lemma, m
        if tokens[m].is_cap or not w.is_adjective or inner >= MAX_INNER_ADJECTIVES:
            return None
        inner += 1
        m += 1
    return None


def _adjective_candidate(
    tokens: Sequence[Token], k: int, lang: str
) -> _Candidate | None:
    tok = tokens[k]
    if not (tok.is_word and is_cyrillic_word(tok.text)):
        return None
    word = _word(tok)
    shape = _ADJECTIVE.match(word)
    # Lower-case words are mostly not names: only those shaped like an adjective in
    # -ский/-ський are analysed ("на курском направлении"), which keeps the
    # dictionary off most of the text.
    if shape is None and (not tok.is_cap or not analyse(word, lang).is_adjective):
        return None
    found = _generic_after(tokens, k, lang)
    if found is None:
        return None
    noun, m = found
    if not tok.is_cap and noun not in ATTRIBUTE_NOUNS:
        return None
    w = analyse(word, lang)
    stem = shape["stem"] if shape else ""
    feminine = stem + ("а" if lang == "uk" else "ая")
    nominatives = w.adjective_nominatives or ((feminine,) if stem else (word,))
    masculine = [x for x in w.lemmas if x.endswith(("ий", "ый", "ій"))] or (
        [stem + "ий"] if stem else [])
    towns = [t for lemma in masculine[:1] for t in derived_towns(lemma)]
    if noun in REGION_NOUNS:
        keys = [f"{nominatives[0]} {noun}", *(f"{a} {noun}" for a in nominatives[1:])]
        return _Candidate(k, k + 1, tuple(keys + [f"~{t}" for t in towns]), "admin", "region")
    hint: Hint = "admin" if noun in DISTRICT_NOUNS else ""
    del m
    return _Candidate(k, k + 1, tuple(f"~{t}" for t in towns), hint, "adjective")


def _plausible(place: Place) -> bool:
    if place.kind in ("country", "continent", "admin1"):
        return True
    if place.country_code in NEAR_COUNTRIES:
        return True
    return place.population >= WORLD_CITY_POPULATION


def _is_forces_name(tokens: Sequence[Token], i: int) -> bool:
    """'Сили оборони України', 'Вооруженных сил Украины', 'ВС РФ'."""
    k = i - 1
    if k >= 0 and tokens[k].text.lower() in FORCES_MIDDLE:
        k -= 1
    return k >= 0 and tokens[k].text.lower() in FORCES_WORDS


_OPENING = frozenset({"«", "„", '"', "“"})
_CLOSING = frozenset({"»", "“", '"', "”"})


def _in_guillemets(tokens: Sequence[Token], i: int, j: int) -> bool:
    return (i > 0 and tokens[i - 1].text in _OPENING
            and j < len(tokens) and tokens[j].text in _CLOSING)


def _glued(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Joined by a hyphen to a word outside the name ('РБК-Украина')."""
    before = i >= 2 and tokens[i - 1].text == "-" and tokens[i - 1].start == tokens[i - 2].end \
        and tokens[i].start == tokens[i - 1].end
    after = j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j].start == tokens[j - 1].end \
        and tokens[j + 1].start == tokens[j].end and tokens[j + 1].is_word
    return before or after


def _settlement_cue(tokens: Sequence[Token], i: int, lang: str, word: MorphWord) -> bool:
    """A settlement or area noun right before token ``i`` ("село Рясне", "н. п.")."""
    k = i - 1
    while k >= 0 and tokens[k].text in {".", *_OPENING}:
        k -= 1
    if k < 0 or not tokens[k].is_word or tokens[k].sentence != tokens[i].sentence:
        return False
    prev = _word(tokens[k])
    if prev in {"п", "с", "м", "смт", "пгт", "г", "с-ще"} and k + 1 < i:
        return True  # abbreviations written with a period: "н.п.", "с.", "м."
    lemmas = set(analyse(prev, lang).lemmas) | {prev}
    if lemmas & SETTLEMENT_NOUNS or prev in NEAR_PREPOSITIONS:
        return True
    return bool(lemmas & AREA_NOUNS) and not word.is_adjective


def _lookup(gaz: Gazetteer, keys: set[str]) -> dict[str, list[Hit]]:
    return {k: [h for h in v if _plausible(h[0])] for k, v in gaz.lookup_keys(keys).items()}


def _region_of(gaz: Gazetteer, hits: Sequence[Hit]) -> list[Hit]:
    out: dict[int, Hit] = {}
    for place, _ in hits:
        if place.kind != "populated_place" or place.country_code not in NEAR_COUNTRIES:
            continue
        region = gaz.admin1(place.country_code, place.admin1_code)
        if region is not None:
            out[region.geonameid] = (region, _DERIVED)
    return list(out.values())


def _towns(table: dict[str, list[Hit]], keys: Sequence[str]) -> list[Hit]:
    """Populated places of the first derived-town key that names one."""
    for key in keys:
        hits = [(p, _DERIVED) for p, _ in table.get(key[1:], ())
                if p.kind == "populated_place" and p.country_code in NEAR_COUNTRIES]
        if hits:
            return hits
    return []


def _resolve_candidate(
    gaz: Gazetteer, table: dict[str, list[Hit]], cand: _Candidate
) -> tuple[Hit, ...]:
    return _match(gaz, table, cand)[1]


def _match(
    gaz: Gazetteer, table: dict[str, list[Hit]], cand: _Candidate
) -> tuple[str, tuple[Hit, ...]]:
    """The key that matched and its hits."""
    direct = [k for k in cand.keys if not k.startswith("~")]
    towns = [k for k in cand.keys if k.startswith("~")]
    for key in direct:
        if table.get(key):
            return key, tuple(table[key])
    found = _towns(table, towns)
    if cand.via == "region":
        return "~", tuple(_region_of(gaz, found))
    return "~", tuple(found)


def span_hits(
    text: str, tokens: Sequence[Token], i: int, j: int, gaz: Gazetteer, lang: str
) -> tuple[Hit, ...]:
    """Gazetteer candidates of a given Cyrillic span (tokens ``[i, j)``), with the
    words after it ("Курской" before "области" is Kursk Oblast)."""
    cands: list[_Candidate] = []
    if j == i + 1:
        adj = _adjective_candidate(tokens, i, lang)
        if adj is not None:
            cands.append(adj)
    keys = _name_keys(text, tokens, i, j, lang)
    cands.append(_Candidate(i, j, tuple(keys), "", "name"))
    cands.append(_Candidate(i, j, tuple(f"~{t}" for k in keys for t in region_towns(k)),
                            "admin", "region"))
    table = _lookup(gaz, {k.lstrip("~") for c in cands for k in c.keys})
    for cand in cands:
        hits = _resolve_candidate(gaz, table, cand)
        if hits:
            return hits
    return ()


def find_cyrillic_mentions(
    text: str, tokens: Sequence[Token], gaz: Gazetteer, lang: str
) -> list[tuple[Mention, tuple[Hit, ...]]]:
    """Find place mentions in a Russian (``"ru"``) or Ukrainian (``"uk"``) text.

    Returns
    -------
    list of (Mention, hits)
        In text order, non-overlapping; hits is empty for a place the gazetteer lacks.
    """
    n = len(tokens)
    cands: list[_Candidate] = []
    for k in range(n):
        tok = tokens[k]
        if not (tok.is_word and is_cyrillic_word(tok.text)):
            continue
        adj = _adjective_candidate(tokens, k, lang)
        if adj is not None:
            cands.append(adj)
            continue
        if not tok.is_cap:
            continue
        # Runs of capitalised words (with the hyphens inside "Ніколаєво-Даріно").
        j = k + 1
        while j < n and j - k < MAX_RUN and tokens[j].sentence == tok.sentence and (
            _is_cyr_cap(tokens[j])
            or (tokens[j].text == "-" and j + 1 < n and _is_cyr_cap(tokens[j + 1])
                and tokens[j].start == tokens[j - 1].end)
        ):
            j += 1
        for end in range(j, k + 1, -1):
            if tokens[end - 1].is_word:
                keys = _name_keys(text, tokens, k, end, lang)
                cands.append(_Candidate(k, end, tuple(keys), "", "name"))
        keys = _name_keys(text, tokens, k, k + 1, lang)
        cands.append(_Candidate(k, k + 1, tuple(keys), "", "name"))
        towns = [t for key in keys for t in region_towns(key)]
        if towns:
            cands.append(_Candidate(k, k + 1, tuple(f"~{t}" for t in towns), "admin",
                                    "region"))
    table = _lookup(gaz, {key.lstrip("~") for c in cands for key in c.keys})
    out: list[tuple[int, int, Hint, tuple[Hit, ...]]] = []
    next_free = 0
    by_start: dict[int, list[_Candidate]] = {}
    for c in cands:
        by_start.setdefault(c.i, []).append(c)
    for k in sorted(by_start):
        if k < next_free:
            continue
        for cand in by_start[k]:  # longest first, adjectives before names
            key, hits = _match(gaz, table, cand)
            if hits and _keep(tokens, cand, key, hits, lang):
                hint: Hint = kind_cue_before(tokens, cand.i, lang) or cand.hint
                out.append((cand.i, cand.j, hint, hits))
                next_free = cand.j
                break
    out = _add_unknown(tokens, out, gaz, lang)
    return [
        (Mention(start=tokens[i].start, end=tokens[j - 1].end,
                 text=text[tokens[i].start : tokens[j - 1].end], hint=hint,
                 sentence=tokens[i].sentence), hits)
        for i, j, hint, hits in out
    ]


def kind_cue_before(tokens: Sequence[Token], i: int, lang: str) -> Hint:
    """The kind of place the word before token ``i`` makes the name: "water" after
    :data:`WATER_WORDS` ("берегу Днепра", "річки Сейм"), "section" after
    :data:`CITY_PART_WORDS` ("микрорайона Остров"), else ""."""
    if i == 0 or not tokens[i - 1].is_word or tokens[i - 1].sentence != tokens[i].sentence:
        return ""
    lemmas = set(analyse(_word(tokens[i - 1]), lang).lemmas)
    if lemmas & WATER_WORDS:
        return "water"
    if lemmas & CITY_PART_WORDS:
        return "section"
    return ""


#: Parts of speech of a capitalised word before a name that is no name itself ("«У
#: Покровську", "Там Суми").
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "ADVB", "NPRO", "INTJ"})


def _after_name(tokens: Sequence[Token], i: int, lang: str) -> bool:
    """A capitalised content word that does not open the sentence stands right
    before ``i`` ("Суспільне Донбас")."""
    k = i - 1
    return k >= 1 and _is_cyr_cap(tokens[k]) and tokens[k].sentence == tokens[i].sentence \
        and tokens[k - 1].sentence == tokens[k].sentence and not _is_upper(tokens[k]) \
        and len(tokens[k].text) > 1 and analyse(_word(tokens[k]), lang).pos not in _FUNCTION_POS


def _full_name(tokens: Sequence[Token], i: int, lang: str) -> bool:
    """Token ``i`` stands next to a first name, patronymic, surname or initial."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(tokens) and _is_cyr_cap(tokens[k]) \
                and tokens[k].sentence == tokens[i].sentence:
            if len(tokens[k].text) == 1 or analyse(_word(tokens[k]), lang).is_person:
                return True
    return False


def _keep(
    tokens: Sequence[Token], cand: _Candidate, key: str, hits: Sequence[Hit], lang: str
) -> bool:
    i, j = cand.i, cand.j
    if _in_guillemets(tokens, i, j) or _glued(tokens, i, j):
        return False
    kinds = {p.kind for p, _ in hits}
    big = bool(kinds & {"country", "continent", "admin1"})
    if _is_forces_name(tokens, i):
        return False
    if cand.via != "name" or j - i > 1:
        return True
    tok = tokens[i]
    if _is_upper(tok):
        return big  # "РФ", "ДНР", "США"; not "АЕС", "ЗСУ"
    word = analyse(_word(tok), lang)
    if word.is_person and not word.is_geo and (word.is_first_name
                                                or _full_name(tokens, i, lang)):
        return False
    if not big and _after_name(tokens, i, lang):
        return False  # "Суспільне Донбас": part of an outlet's or a body's name
    if word.has_first_name and i + 1 < len(tokens) and _is_cyr_cap(tokens[i + 1]):
        return False  # "Володимир Зеленський"
    if not big and word.is_adjective and not word.is_geo and i + 1 < len(tokens) \
            and tokens[i + 1].is_word and not tokens[i + 1].is_cap \
            and analyse(_word(tokens[i + 1]), lang).pos == "NOUN":
        return False  # "Українська правда": an adjective before its noun
    if big or word.is_geo:
        return True
    initial = i == 0 or tokens[i - 1].sentence != tok.sentence or tokens[i - 1].text in "«\"("
    if initial:
        # Capitals say nothing here: "Мир", "Победа", "Надія" open sentences as words.
        return _zipf(_word(tok), lang) < INITIAL_COMMON_WORD_ZIPF
    other = analyse(_word(tok), _OTHER[lang])
    if (key in word.noun_lemmas and word.pos in ("NOUN", "ADJF")) or (
            key in other.noun_lemmas and other.pos in ("NOUN", "ADJF")):
        # The dictionary reads the word as this name ("Харкові" -> "харків"), not
        # as another word that shares its letters ("Сили" -> "сила", "Там").
        return True
    return _zipf(_word(tok), lang) < COMMON_WORD_ZIPF


def _add_unknown(
    tokens: Sequence[Token], found: list[tuple[int, int, Hint, tuple[Hit, ...]]],
    gaz: Gazetteer, lang: str,
) -> list[tuple[int, int, Hint, tuple[Hit, ...]]]:
    """Add capitalised words that name places the gazetteer lacks (rule 5)."""
    taken = {k for i, j, _, _ in found for k in range(i, j)}
    ends = {j for _, j, _, _ in found}
    added: list[tuple[int, int, Hint, tuple[Hit, ...]]] = []
    starts = {i for i, _, _, _ in found}
    for k, tok in enumerate(tokens):
        if k in taken or not _is_cyr_cap(tok) or _is_upper(tok) or _is_forces_name(tokens, k):
            continue
        word = analyse(_word(tok), lang)
        if word.is_first_name:
            continue
        initial = k == 0 or tokens[k - 1].sentence != tok.sentence
        listed = k >= 2 and tokens[k - 1].text.lower() in LIST_WORDS and (k - 1) in ends
        # "в этом районе: Ласточкино, Степное и Северное": listed before a found place.
        listed = listed or (k + 2 < len(tokens) and tokens[k + 1].text.lower() in LIST_WORDS
                            and (k + 2) in starts and not initial)
        cue = _settlement_cue(tokens, k, lang, word)
        if not cue:
            if _in_guillemets(tokens, k, k + 1) or _glued(tokens, k, k + 1):
                continue
            if word.is_person and not word.is_geo:
                continue
            if not listed:
                if word.is_adjective:
                    continue
                if initial or _zipf(_word(tok), lang) >= COMMON_WORD_ZIPF:
                    continue
                lemma = (word.noun_lemmas or word.lemmas)[0]
                if not (word.is_geo or gaz.register_oblasts(lemma)):
                    continue
        j = _unknown_end(tokens, k)
        if any(m in taken for m in range(k, j)):
            j = k + 1
        added.append((k, j, "populated", ()))
        ends.add(j)
        taken.update(range(k, j))
    return sorted([*found, *added])


def _unknown_end(tokens: Sequence[Token], k: int) -> int:
    """End of a name the gazetteer lacks: "Ніколаєво-Даріно", "Общий Колодезь"."""
    n = len(tokens)
    if k + 2 < n and tokens[k + 1].text == "-" and _is_cyr_cap(tokens[k + 2]) \
            and tokens[k + 1].start == tokens[k].end and tokens[k + 2].start == tokens[k + 1].end:
        return k + 3
    if k + 1 < n and _is_cyr_cap(tokens[k + 1]) and tokens[k + 1].sentence == tokens[k].sentence:
        return k + 2
    return k + 1
