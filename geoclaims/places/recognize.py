"""Find toponym mentions: gazetteer name matching filtered by context rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from geoclaims.places.gazetteer import Gazetteer, Place
from geoclaims.places.keep_rules import (
    CALENDAR_WORDS,
    FEATURE_SUFFIXES,
    Hit,
    Verdict,
    decide,
    match_context,
)
from geoclaims.text import lexicon
from geoclaims.text.lexicon import NameFlag
from geoclaims.text.mentions import (
    Mention,
    candidate_spans,
    context_hint,
    is_sentence_initial,
)
from geoclaims.text.normalize import normalize_name
from geoclaims.text.segment import Segmentation, Token, segment

# Name flags as plain ints for the per-name loops: IntFlag's operators run in Python,
# some 50 times slower than int's (8 % of geoparsing time on LGL).
_OWN = int(NameFlag.OWN)
_DEMONYM = int(NameFlag.DEMONYM)

#: A name this common in English (Zipf) does not reach a region or settlement that
#: has it only as an alternate or derived name: "Ten" is not Sri Lanka's Southern
#: Province, "First" not Aden. Countries keep theirs; rarer alternates ("Kiev") stay.
COMMON_ALTERNATE_ZIPF = 4.5
#: Abbreviated feature words, written with a period ("Broad St.", "Peachtree Rd.").
FEATURE_ABBREVIATIONS = lexicon.words("feature_abbreviations")
#: Words that start a feature name: "Lake Lanier", "Mount Washington".
FEATURE_PREFIXES = lexicon.words("feature_prefixes")
#: Words that start a feature name with "of": "Gulf of Aden", "Strait of Hormuz".
FEATURE_OF_PREFIXES = lexicon.words("feature_of_prefixes")


#: Possessive tokens that may sit inside a feature name ("Governors’ Parkway"); the
#: singular "Augusta's Highland Avenue" (tokens "'", "s") names the place that holds it.
POSSESSIVE_MARKS = frozenset({"’", "'", "’s", "'s"})


def _feature_spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Token ranges of feature names the gazetteer may lack ("Neches River")."""
    out = []
    n = len(tokens)
    for k, tok in enumerate(tokens):
        word = tok.text.lower().rstrip(".")
        if tok.is_cap and word in FEATURE_OF_PREFIXES and k + 2 < n \
                and tokens[k + 1].text == "of":
            j = k + 3 if tokens[k + 2].text.lower() == "the" and k + 3 < n else k + 2
            end = _capitalised_run(tokens, j, tok.sentence)
            if end > j:
                out.append((k, end))  # "Gulf of Aden": the feature, not Aden
        elif tok.is_cap and word in FEATURE_SUFFIXES:
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
            j = k + 2 if k + 1 < n and tokens[k + 1].text == "." else k + 1
            end = _capitalised_run(tokens, j, tok.sentence)
            if end > j:
                out.append((k, end))
    return out


def _capitalised_run(tokens: list[Token], j: int, sentence: int, most: int = 3) -> int:
    """End of the run of up to ``most`` capitalised words from token ``j`` in ``sentence``
    ("Lake |Lanier|", "Gulf of |Aden|")."""
    start = j
    while j < len(tokens) and j - start < most and tokens[j].is_cap and tokens[j].is_word \
            and tokens[j].sentence == sentence:
        j += 1
    return j


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
    that hold across genres (:data:`geoclaims.places.keep_rules.RULES`): names
    that are common English words need prominence or a locative context, names
    glued to a preceding capitalised word belong to a person or organisation,
    institutions used as actors ("the Kremlin") and names followed by a street or
    organisation word are not places.

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
    table.update(_spelling_variants(text, tokens, spans, keys, table, gazetteer))
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
        match = match_context(
            tokens, i, j, key, hits, zipf, hint, given.get(key, 0),
            headline=tokens[i].sentence in headlines, personal=personal,
            next_is_name=j < len(tokens) and j in best,
        )
        if match is None:
            continue
        verdict = decide(match)
        if verdict is Verdict.DROP_AS_PERSON:
            personal.add(key)
        if verdict is not Verdict.KEEP:
            continue
        start, end = tokens[i].start, tokens[j - 1].end
        mention = Mention(
            start=start, end=end, text=text[start:end], hint=hint, sentence=tokens[i].sentence
        )
        found.append(Found(mention=mention, hits=hits))
    return _add_features(text, tokens, found, gazetteer)


#: Words before a name that place it ("in", "off", "near"), and after it ("Governorate").
_VARIANT_LOCATIVES = lexicon.words("locatives") | {"off", "of"}
_VARIANT_ADMIN_WORDS = lexicon.words("admin_words")
#: A spelling variant must be rarer than this as an English word (Zipf scale): "Hadid"
#: may be a Yemeni town's variant, "Heard" is not.
VARIANT_MAX_ZIPF = 3.0
_ALTERNATE = int(NameFlag.ALTERNATE)


def _spelling_variants(
    text: str, tokens: list[Token], spans: list[tuple[int, int]],
    keys: dict[tuple[int, int], str], table: dict[str, list[tuple[Place, int]]],
    gazetteer: Gazetteer,
) -> dict[str, list[tuple[Place, int]]]:
    """Entries for the names the gazetteer lacks in this spelling (rule ``spelling_variant``).

    "Hodeidah" in a story that names Yemen is GeoNames' Al Hudaydah: the one- and
    two-word capitalised names with no exact entry are looked up by their spelling
    key (:func:`geoclaims.places.spelling.spelling_key`), among the regions, districts
    and towns of the countries the document names by name. A common English word or
    a given name is never looked up. The entries found are alternates, as weak as
    GeoNames' own alternate names.
    """
    from geoclaims.places.spelling import similar_spelling, spelling_key

    countries = {p.country_code for hits in table.values() for p, f in hits
                 if p.kind == "country" and f & (_OWN | _ALTERNATE)}
    if not countries:
        return {}
    wanted: dict[str, str] = {}  # name key -> spelling key
    located: set[str] = set()  # names the text places: "in X", "off X", "X Governorate"
    for i, j in spans:
        key = keys[(i, j)]
        if key in table or j - i > 2 or not all(t.is_cap and t.is_word for t in tokens[i:j]):
            continue
        if key.split()[-1] in _VARIANT_ADMIN_WORDS:
            continue  # "Kursk Oblast": the recogniser's own rule reads the name before it
        variant = spelling_key(text[tokens[i].start : tokens[j - 1].end])
        if variant is not None:
            wanted[key] = variant
            before = tokens[i - 1].text.lower() if i > 0 else ""
            after = tokens[j].text.lower() if j < len(tokens) else ""
            if before in _VARIANT_LOCATIVES or after in _VARIANT_ADMIN_WORDS:
                located.add(key)
    if not wanted:
        return {}
    common = gazetteer.common_zipf({w for k in wanted for w in k.split()})
    given = gazetteer.given_names(k for k in wanted if " " not in k)
    hits = gazetteer.variant_hits(set(wanted.values()))
    out: dict[str, list[tuple[Place, int]]] = {}
    for key, variant in wanted.items():
        if key in given or any(common.get(w, 0.0) >= VARIANT_MAX_ZIPF for w in key.split()):
            continue
        if key not in located:
            continue  # "Medvedev said": only a name the text places is a variant
        places = [p for p in hits.get(variant, ()) if p.country_code in countries
                  and similar_spelling(key, p.name) >= VARIANT_MIN_SIMILARITY]
        if places:
            out[key] = [(p, _ALTERNATE) for p in places]
    return out


#: How alike a name and its variant must be written (:func:`similar_spelling`):
#: "Hodeidah" and "Al Hudaydah" 0.92, "Thackeray" and "Tucker" 0.67.
VARIANT_MIN_SIMILARITY = 0.75


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
