"""Find toponym mentions: gazetteer name matching filtered by context rules."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.text import lexicon
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.mentions import (
    ADMIN_WORDS,
    Mention,
    Token,
    candidate_spans,
    context_hint,
    is_sentence_initial,
)
from geoclaims.text.normalize import normalize_name
from geoclaims.text.segment import Segmentation, segment

#: A (place, name flags) pair as stored in the gazetteer.
Hit = tuple[Place, int]
# Name flags as plain ints for the per-name loops: IntFlag's operators run in Python,
# some 50 times slower than int's (8 % of geoparsing time on LGL).
_OWN = int(NameFlag.OWN)
_ALIAS = int(NameFlag.ALIAS)
_DEMONYM = int(NameFlag.DEMONYM)

#: Prominence given to countries and continents (on the log10-population scale
#: used for settlements); regions are scored by the population they hold.
AREA_PROMINENCE = {"continent": 8.0, "country": 8.0}
#: A region this populous counts as well known ("Kursk", "Texas").
STRONG_REGION_POPULATION = 200_000
#: A capitalised word after a name that is rarer than this (Zipf) is a surname or
#: a brand ("Michael Eneramo", "Toyota Corolla"), making the name part of it.
PROPER_NEXT_ZIPF = 3.5
#: After a common first name, only a very common word keeps the name a place
#: ("Charlotte Police" stays, "George Bush" and "Mary Wheeler" go).
GIVEN_NAME_NEXT_ZIPF = 4.5
#: A name this common in English (Zipf) does not reach a region or settlement that
#: has it only as an alternate or derived name: "Ten" is not Sri Lanka's Southern
#: Province, "First" not Aden. Countries keep theirs; rarer alternates ("Kiev") stay.
COMMON_ALTERNATE_ZIPF = 4.5
#: A one-word name is kept only if its prominence exceeds its English word
#: frequency (Zipf) by this margin; "Police" (Poland, pop. 4k) is dropped, "Paris" kept.
COMMON_WORD_MARGIN = 0.3
#: Extra margin asked of a sentence-initial or all-caps word.
SENTENCE_START_MARGIN = 1.0
#: Margin granted when a locative preposition precedes ("in Mobile").
LOCATIVE_BONUS = 1.2
#: Words that make the following name a location.
LOCATIVES = lexicon.words("locatives")
#: Capitalised words that may precede a place name without making it part of a
#: person or organisation name.
PRE_OK = lexicon.words("place_premodifiers")
#: Function words that may start a sentence before a name without being part of it
#: ("A Paris man", "When Alexandria police", "Six Clayton County students").
SENTENCE_OPENERS = lexicon.words("sentence_openers")
#: Titles before a name make it a person ("Mrs. Lincoln", "Capt. Nelson").
TITLES = lexicon.words("titles")
#: Words after a name that turn it into another kind of thing.
ORG_AFTER = lexicon.words("org_after")


#: Capitalised words that may follow a name without extending it ("Elm Road Thursday").
CALENDAR_WORDS = frozenset(lexicon.phrases("months")) | lexicon.words("weekdays")
#: Words that name a place only with more words ("North Korea", "Western Cape").
NOT_ALONE = CALENDAR_WORDS | lexicon.words("not_alone_words")
#: Verbs of saying: a small place followed by one is a person ("Kirby said").
SPEECH_VERBS = lexicon.words("speech_verbs")


#: Heads of military and political organisation names: "Rapid Support Forces",
#: "Azov Brigade". A small place glued to one is part of the name.
ORG_HEADS = lexicon.words("org_heads")
#: Words that end a feature name: "Neches River", "Main Street", "Lake Lanier".
FEATURE_SUFFIXES = lexicon.words("feature_suffixes")
#: Abbreviated feature words, written with a period ("Broad St.", "Peachtree Rd.").
FEATURE_ABBREVIATIONS = lexicon.words("feature_abbreviations")
#: Words that start a feature name: "Lake Lanier", "Mount Washington".
FEATURE_PREFIXES = lexicon.words("feature_prefixes")


#: Possessive tokens that may sit inside a feature name ("Governors’ Parkway"); the
#: singular "Augusta's Highland Avenue" (tokens "'", "s") names the place that holds it.
POSSESSIVE_MARKS = frozenset({"’", "'", "’s", "'s"})


def _feature_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges of feature names the gazetteer may lack ("Neches River")."""
    out = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        word = tok.text.lower().rstrip(".")
        if tok.is_cap and word in FEATURE_SUFFIXES:
            i = k
            while i > 0 and k - i < 3:
                prev = tokens[i - 1]
                if (
                    prev.text in POSSESSIVE_MARKS and i > 1 and tokens[i - 2].is_cap
                    and tokens[i - 2].is_word and tokens[i - 2].sentence == tok.sentence
                ):
                    i -= 2  # "Governors’ Parkway"
                    continue
                if not (prev.is_cap and prev.is_word) or prev.sentence != tok.sentence:
                    break
                i -= 1
            if i < k and not (is_sentence_initial(tokens, i) and tokens[i].text in {"The", "A"}):
                # "Broad St." keeps its period; the one after "Echo Park." ends a
                # sentence.
                dot = k + 1 < n and tokens[k + 1].text == "."
                end = k + 2 if dot and word in FEATURE_ABBREVIATIONS else k + 1
                out.append((i, end))
        elif tok.is_cap and word in FEATURE_PREFIXES:
            j = k + 1
            if j < n and tokens[j].text == ".":
                j += 1
            start_j = j
            while j < n and j - start_j < 3 and tokens[j].is_cap and tokens[j].is_word \
                    and tokens[j].sentence == tok.sentence:
                j += 1
            if j > start_j:
                out.append((k, j))
    return out


@cache
def institution_names() -> tuple[str, ...]:
    """Institutions news text uses as actors ("the Kremlin said"), as written in
    ``geoclaims/data/institutions.txt``."""
    path = resources.files("geoclaims") / "data" / "institutions.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(x.strip() for x in lines if x.strip() and not x.startswith("#"))


@cache
def _institutions() -> frozenset[str]:
    return frozenset(normalize_name(x) for x in institution_names())


def prominence(place: Place) -> float:
    """How well known a place is, on a log10-population scale."""
    base = AREA_PROMINENCE.get(place.kind)
    if base is not None:
        return base + 0.1 * math.log10(place.population + 1) / 8
    # A bare name more often means the town than the district named after it.
    bonus = {"admin1": 0.5, "admin2": -1.0}.get(place.kind, 0.0)
    return math.log10(place.population + 1) + 0.4 * math.log10(place.n_names + 1) + bonus


def is_strong(place: Place) -> bool:
    """Countries, continents and populous admin-1 regions."""
    return place.kind in ("country", "continent") or (
        place.kind == "admin1" and place.population >= STRONG_REGION_POPULATION
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """A recognised mention with its gazetteer candidates."""

    mention: Mention
    hits: tuple[Hit, ...]


def lookup_variants(name: str) -> list[str]:
    """Keys to try for a name, most literal first ("the Sudan's" -> "sudan")."""
    key = normalize_name(name)
    out = [key]
    for prefix in ("the ",):
        if key.startswith(prefix):
            out.append(key[len(prefix) :])
    for suffix in ("'s", "'"):
        if key.endswith(suffix):
            out.append(key[: -len(suffix)])
    stripped = key.strip(".,;:!?\"'()[] ")
    if stripped != key:
        out.append(stripped)
    words = key.split()
    if len(words) > 1 and words[-1] in {
        "region", "oblast", "province", "city", "district", "governorate", "krai",
    }:
        out.append(" ".join(words[:-1]))
    return list(dict.fromkeys(k for k in out if k))


def find_mentions(
    text: str, gazetteer: Gazetteer, *, segmentation: Segmentation | None = None
) -> list[Found]:
    """Find place mentions in ``text``.

    Every capitalised token sequence (up to six tokens) is looked up in the
    gazetteer; the longest match wins. A match is then kept or dropped by rules
    that hold across genres: names that are common English words need prominence
    or a locative context, names glued to a preceding capitalised word belong to a
    person or organisation, institutions used as actors ("the Kremlin") and names
    followed by a street or organisation word are not places.

    Parameters
    ----------
    text : str
        The document.
    gazetteer : Gazetteer
        Where names are looked up.
    segmentation : Segmentation, optional
        The document's segmentation (:func:`geoclaims.text.segment.segment`), made
        here when not given.

    Returns
    -------
    list of Found
        In text order, non-overlapping.
    """
    tokens = list((segmentation or segment(text)).tokens)
    spans = candidate_spans(tokens)
    if not spans:
        return []
    keys = {(i, j): normalize_name(text[tokens[i].start : tokens[j - 1].end]) for i, j in spans}
    table = {
        key: kept
        for key, hits in gazetteer.lookup_keys(keys.values()).items()
        if (kept := [h for h in hits if h[1] != _DEMONYM])
    }
    words = {normalize_name(t.text) for t in tokens if t.is_cap and t.is_word}
    zipf = gazetteer.common_zipf(words | {k for k in keys.values() if k in table})
    given = gazetteer.given_names(k for k in keys.values() if k in table and " " not in k)
    institutions = _institutions()
    best: dict[int, tuple[int, int]] = {}
    for i, j in spans:
        if keys[(i, j)] in table or keys[(i, j)] in institutions:
            if i not in best or j > best[i][1]:
                best[i] = (i, j)
    found: list[Found] = []
    headlines = _headline_sentences(tokens)
    personal: set[str] = set()
    next_free = 0
    for i in sorted(best):
        if i < next_free:
            continue
        i, j = best[i]
        key = keys[(i, j)]
        next_free = j
        if key in institutions:
            continue
        if (i, j - 1) in keys and _city_suffix(tokens, key, j, table):
            j -= 1
            key = keys[(i, j)]
        hits = tuple(table[key])
        # A name made only of common words ("Ten", "The City") is as common as its
        # rarest word.
        commonness = min(zipf.get(w, 0.0) for w in key.split())
        if commonness >= COMMON_ALTERNATE_ZIPF:
            hits = tuple(
                (p, f) for p, f in hits
                if f & _OWN or p.kind in ("country", "continent")
            )
            if not hits:
                continue
        hint = context_hint(tokens, i, j)
        verdict = _keep(
            tokens, i, j, key, hits, zipf, hint, given.get(key, 0),
            headline=tokens[i].sentence in headlines, personal=personal,
            next_is_name=j < len(tokens) and j in best,
        )
        if not verdict:
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        mention = Mention(
            start=start, end=end, text=text[start:end], hint=hint, sentence=tokens[i].sentence
        )
        found.append(Found(mention=mention, hits=hits))
    return _add_features(text, tokens, found, gazetteer)


def _add_features(
    text: str, tokens: list[Token], found: list[Found], gazetteer: Gazetteer
) -> list[Found]:
    """Add feature names ("Neches River") that contain or miss gazetteer matches."""
    spans = _feature_spans(tokens)
    if not spans:
        return found
    keys = {sp: normalize_name(text[tokens[sp[0]].start : tokens[sp[1] - 1].end]) for sp in spans}
    table = gazetteer.lookup_keys(keys.values())
    import bisect

    institutions = _institutions()
    starts = [f.mention.start for f in found]  # found is sorted and non-overlapping
    dropped: set[int] = set()
    added: list[Found] = []
    taken: list[tuple[int, int]] = []
    for (i, j), key in sorted(keys.items(), key=lambda kv: kv[0][0] - kv[0][1]):
        if key in institutions:
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        if any(s < end and start < e for s, e in taken):
            continue  # overlaps a longer feature name
        lo = max(bisect.bisect_right(starts, start) - 1, 0)
        hi = bisect.bisect_left(starts, end)
        inside = [k for k in range(lo, hi) if found[k].mention.end > start]
        if any(found[k].mention.start < start or found[k].mention.end > end for k in inside):
            continue  # crosses a longer gazetteer match
        if any(found[k].mention.start == start and found[k].mention.end == end for k in inside):
            continue
        dropped.update(inside)
        taken.append((start, end))
        nxt = tokens[j] if j < len(tokens) else None
        if (
            nxt is not None and nxt.is_cap and nxt.is_word
            and nxt.sentence == tokens[i].sentence
            and nxt.text.lower() not in CALENDAR_WORDS
        ):
            # "Pleasant Lane School", "Veterans Park Commission": the feature name
            # is part of a longer name, and so are the gazetteer names inside it.
            continue
        mention = Mention(
            start=start, end=end, text=text[start:end], hint="", sentence=tokens[i].sentence
        )
        added.append(Found(mention=mention, hits=tuple(table.get(key, ()))))
    out = [f for k, f in enumerate(found) if k not in dropped] + added
    return sorted(out, key=lambda f: f.mention.start)


def _city_suffix(
    tokens: list[Token], key: str, j: int, table: dict[str, list[Hit]]
) -> bool:
    """``Springfield City Council``: the "City" of ``key`` (tokens ending before ``j``)
    starts the capitalised name that follows.

    True when a populated place so named is called without "city" (its GeoNames
    primary name is "Springfield"), unlike "Salt Lake City" or "Kansas City".
    """
    if not key.endswith(" city") or j >= len(tokens):
        return False
    nxt = tokens[j]
    if not (nxt.is_cap and nxt.is_word and nxt.sentence == tokens[j - 1].sentence):
        return False
    short = key[: -len(" city")]
    return short in table and any(
        p.kind == "populated_place" and normalize_name(p.name) == short
        for p, _ in table[key]
    )


def _after_title_or_initial(tokens: list[Token], i: int) -> bool:
    """``Mrs. Lincoln``, ``Capt. Nelson``, ``Matthew D. Flores``: a person."""
    k = i - 1
    if k >= 0 and tokens[k].text == ".":
        k -= 1
    if k < 0 or tokens[k].sentence != tokens[i].sentence:
        return False
    word = tokens[k].text
    if word.lower() in TITLES:
        return True
    return len(word) == 1 and word.isupper() and k != i - 1


#: Share of a sentence's longer words that are capitalised in a headline.
HEADLINE_CAPS = 0.8


def _headline_sentences(tokens: list[Token]) -> set[int]:
    """Sentences in Title Case (most words capitalised): headlines, titles."""
    caps: dict[int, list[int]] = {}
    for t in tokens:
        if t.is_word and len(t.text) > 3:
            c = caps.setdefault(t.sentence, [0, 0])
            c[0] += t.is_cap
            c[1] += 1
    return {s for s, (up, n) in caps.items() if n >= 3 and up / n >= HEADLINE_CAPS}


def _keep(
    tokens: list[Token], i: int, j: int, key: str, hits: tuple[Hit, ...],
    zipf: dict[str, float], hint: str, given_freq: int, *, headline: bool, personal: set[str],
    next_is_name: bool,
) -> bool:
    words = [t for t in tokens[i:j] if t.is_word]
    if not words:
        return False
    n = len(tokens)
    strong_kind = any(is_strong(p) for p, _ in hits)
    k = j + 1 if j < n and tokens[j].text == "]" else j  # "[Vladimir] Putin"
    nxt = tokens[k] if k < n else None
    prev = tokens[i - 1] if i > 0 else None
    initial = is_sentence_initial(tokens, i)
    if len(words) == 1 and key in NOT_ALONE and not hint:
        return False
    # Two-letter words ("Он", "On", "Of") are places only as codes or aliases ("US").
    if len(key) <= 2 and not any(f & _ALIAS or p.kind == "country" for p, f in hits):
        return False
    # An editorial insertion in a quote ("[Vladimir] Putin") supplies a person's name.
    if prev is not None and prev.text == "[" and j < n and tokens[j].text == "]":
        return False
    # A one-word name before a capitalised word of its sentence that is no admin or
    # feature word ("Michael Eneramo"): how rare that word is decides a person.
    next_word = (
        len(words) == 1 and nxt is not None and nxt.is_cap and nxt.is_word
        and nxt.sentence == tokens[i].sentence
        and nxt.text.lower() not in ADMIN_WORDS
        and nxt.text.lower().rstrip(".") not in FEATURE_SUFFIXES
    )
    next_zipf = zipf.get(normalize_name(nxt.text), 0.0) if nxt and next_word else 0.0
    # A first name before a rare word that is no place is a person's.
    surname_follows = (
        bool(given_freq) and next_word and not next_is_name
        and next_zipf < PROPER_NEXT_ZIPF
    )
    if not headline:
        # "Radio Free Asia", "Raquel Henry": glued to a preceding capitalised word.
        if (
            prev is not None and not initial and prev.is_cap and prev.is_word
            and prev.sentence == tokens[i].sentence and prev.text.lower() not in PRE_OK
            # "A Paris man": a function word capitalised only by its position.
            and not (
                prev.text.lower() in SENTENCE_OPENERS
                and is_sentence_initial(tokens, i - 1)
            )
        ):
            if not strong_kind:
                personal.add(key)
            return False
        if _after_title_or_initial(tokens, i):
            personal.add(key)
            return False
        # "Michael Eneramo", "Toyota Corolla": followed by a rare capitalised word;
        # after a first name even when that word is a place too ("David Jefferson").
        # A first name that is also a well-known region needs a rare surname that is
        # no place ("Mary Wheeler" is a person; "Georgia Tech" stays Georgia).
        if (
            next_word and (given_freq or not next_is_name)
            and next_zipf < (GIVEN_NAME_NEXT_ZIPF if given_freq else PROPER_NEXT_ZIPF)
            and (not strong_kind or surname_follows)
        ):
            personal.add(key)
            return False
    elif surname_follows:
        # In a Title Case line ("Matthew DeBoer, Caroline Pulliam, ...") a first
        # name before a rare word that is no place is still a person's.
        personal.add(key)
        return False
    if not strong_kind and key in personal:
        return False
    if not strong_kind:
        ahead = [t for t in tokens[j : j + 3] if t.sentence == tokens[i].sentence]
        for t in ahead:
            if not (t.is_cap and t.is_word):
                break
            if t.text.lower() in ORG_HEADS:
                return False
    if (
        not strong_kind and nxt is not None and nxt.text.lower() in SPEECH_VERBS
        and not (prev is not None and prev.text.lower() in LOCATIVES)
    ):
        return False
    # A name followed by "Street", "Post", "University" names something else; a
    # lowercase "hospital", "company" or "school" only says where ("a Dallas hospital").
    if j < n and tokens[j].is_cap and tokens[j].text.lower().rstrip(".") in ORG_AFTER:
        return False
    if j + 1 < n and tokens[j].text in {"’s", "'s"} and tokens[j + 1].text.lower() in ORG_AFTER:
        return False
    top = max(prominence(p) for p, _ in hits)
    shouting = all(t.text.isupper() for t in words) and len(words[0].text) > 1
    if shouting and len(key.replace(".", "")) <= 3 and not any(
        f & _ALIAS for _, f in hits
    ):
        return False
    if len(words) > 1:
        return top >= 2.5 or strong_kind
    margin = COMMON_WORD_MARGIN
    if initial or shouting or headline:
        margin += SENTENCE_START_MARGIN
    if prev is not None and prev.text.lower() in LOCATIVES:
        margin -= LOCATIVE_BONUS
    if hint:
        margin -= LOCATIVE_BONUS
    commonness = zipf.get(key, 0.0)
    if commonness == 0.0 and not initial:
        return top >= 2.5 or strong_kind
    return top - commonness >= margin
