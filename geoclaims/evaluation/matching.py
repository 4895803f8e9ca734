"""Matching for the scorers: gold and predicted spans one to one; lenient names.

:func:`match_spans` pairs the toponyms and the claims of a document; the source and
likelihood comparisons serve the claims scorer.

Lenient source matching
-----------------------
Names are NFKC-normalised, case-folded, stripped of dots (``U.S.`` is ``us``) and
split into words; a trailing ``'s`` is dropped from every word. A name's *forms*
are its text outside parentheses and, separately, each parenthesised remark
(``"David Cohen (CIA)"`` has the forms ``david cohen`` and ``cia``), each without
leading articles (:data:`ARTICLES`) or a leading possessive (``"Ukraine's General
Staff"`` gives ``general staff``); a remark made only of anonymity markers
(``"(unnamed)"``) is no form. Two names match if both are anonymous
(:func:`is_anonymous_source`: a word of :data:`ANONYMOUS_MARKERS` or the phrase
"familiar with"), or if some form of one and some form of the other are equal,
one is a contiguous word sequence of the other (``zelenskyy`` in ``volodymyr
zelenskyy``, but not ``russia`` in ``russian defense ministry``), or their word
sets have a Jaccard index of at least :data:`SOURCE_JACCARD_MIN`.

PolNeAR source names and cues
-----------------------------
The PolNeAR scorer (:mod:`geoclaims.evaluation.polnear`) compares names by the
corpus's own rule (``polnear.README.md``, "Scoring rule"). A name's *words*
(:func:`name_words`) are its words as above, lower-cased and without possessives,
without titles (the ``titles`` lexicon: "Mr.", "Sen.", "President") or function
words (``function_words``), a plural "s" dropped; a name of titles alone keeps
them ("the president"). A gold source's *core* is its text before the first
comma, bracket, dash or "who". A predicted name is correct
(:func:`is_polnear_source`) if it holds at least half of the gold source's words
or half of its core's, or if all its words are in the core and it ends with the
core's last word; never if it ends in the gold source's (or core's) last word
after modifiers that share no word with the gold's ("Bill Clinton" for "Hillary
Clinton"). Cues are compared by their *stems* (:func:`cue_stems`), and told
speech from other cues by the ``speech_cues`` lexicon (:func:`cue_kind`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal

from geoclaims.text import lexicon

__all__ = [
    "ANONYMOUS_MARKERS",
    "ARTICLES",
    "LIKELIHOOD_PREFIX_MIN",
    "POLNEAR_SHARE_MIN",
    "SOURCE_JACCARD_MIN",
    "core_of",
    "cue_kind",
    "cue_stems",
    "is_anonymous_source",
    "is_polnear_source",
    "is_same_likelihood",
    "is_same_source",
    "match_greedily",
    "match_spans",
    "name_words",
]

#: Words that make a cited source anonymous ("intelligence sources (unnamed)",
#: "unnamed officials", "a source", "according to reports"); the gold guideline
#: grades such claims "unverified", so any two anonymous sources count as the same.
ANONYMOUS_MARKERS = frozenset(
    "anonymous diplomat diplomats insider insiders official officials reports source "
    "sources undisclosed unidentified unnamed".split()
)
#: Leading words dropped before source names are compared.
ARTICLES = frozenset({"a", "an", "the"})
#: Minimum word-set Jaccard index for two source names to match.
SOURCE_JACCARD_MIN = 0.5
#: Minimum shared prefix (characters) for two likelihood words to match
#: ("likely" ~ "likelihood", "potential" ~ "potentially"); shorter words must be equal.
LIKELIHOOD_PREFIX_MIN = 5

#: Share of the gold source's (or its core's) words a PolNeAR name must hold.
POLNEAR_SHARE_MIN = Fraction(1, 2)

_PAREN = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: Where a PolNeAR source's core ends: a comma, a bracket, a dash (not a hyphen
#: inside a word) or the relative "who".
_CORE_END = re.compile(r"[,(\[{]|[\u2013\u2014]|-{2,}|\s-\s|\bwho\b", re.IGNORECASE)

_Span = tuple[int, int]


def match_spans(
    gold: Sequence[_Span],
    pred: Sequence[_Span],
    *,
    prefer: Literal["text", "overlap"],
) -> list[_Span]:
    """Match gold and predicted spans of one document one to one.

    Every (gold, predicted) pair sharing at least one character is a candidate;
    candidates are accepted greedily, in the order ``prefer`` sets, while both spans
    are still free.

    Parameters
    ----------
    gold, pred : sequence of (start, end)
        Python str offsets, end exclusive.
    prefer : {"text", "overlap"}
        ``"text"`` (toponyms): identical spans first, then each gold span in text
        order takes the earliest predicted span in text order (ties: list order).
        Overlap matching then never scores below strict matching; when neither side
        has overlapping spans (true of the corpora and of NER output) this yields a
        maximum matching. ``"overlap"`` (claims): by decreasing overlap ratio
        (shared / union characters), then shared characters, then gold and
        predicted index.

    Returns
    -------
    list of (gold index, predicted index)
        In acceptance order.

    Examples
    --------
    >>> match_spans([(0, 10), (10, 20)], [(0, 20), (2, 10)], prefer="overlap")
    [(0, 1), (1, 0)]
    >>> match_spans([(0, 10), (10, 20)], [(0, 20), (2, 10)], prefer="text")
    [(0, 0)]
    """
    if prefer not in ("text", "overlap"):
        raise ValueError(f"prefer must be 'text' or 'overlap', got {prefer!r}")
    candidates: list[tuple[Any, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            shared = min(g[1], p[1]) - max(g[0], p[0])
            if shared <= 0:
                continue
            if prefer == "text":
                key: tuple[Any, ...] = (g != p, g, i, p, j)
            else:
                union = max(g[1], p[1]) - min(g[0], p[0])
                key = (-Fraction(shared, union), -shared, i, j)
            candidates.append((key, i, j))
    return match_greedily(candidates)


def match_greedily(candidates: Iterable[tuple[Any, int, int]]) -> list[_Span]:
    """Accept ``(key, gold index, predicted index)`` candidates one to one, best first.

    Candidates are sorted by ``key`` (smallest first) and accepted while both their
    gold and their predicted item are still free. :func:`match_spans` and the
    PolNeAR scorer rank their candidates and leave the matching to this.

    Returns
    -------
    list of (gold index, predicted index)
        In acceptance order.

    Examples
    --------
    >>> match_greedily([((-5,), 0, 0), ((-9,), 0, 1), ((-7,), 1, 1)])
    [(0, 1)]
    """
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[_Span] = []
    for _key, i, j in sorted(candidates, key=lambda c: c[0]):
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs

def _raw_words(text: str) -> list[str]:
    """Case-folded words, dots dropped ("U.S." is "us"), possessive "'s" kept."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace(".", "")
    return _WORD.findall(text)


def _words(text: str) -> list[str]:
    return [w.removesuffix("'s") for w in _raw_words(text)]


def _source_form(text: str) -> tuple[str, ...]:
    words = _raw_words(text)
    while words and words[0] in ARTICLES:
        words.pop(0)
    if len(words) > 1 and words[0].endswith("'s"):  # "Ukraine's General Staff"
        words.pop(0)
    return tuple(w.removesuffix("'s") for w in words)


def _source_forms(text: str) -> list[tuple[str, ...]]:
    forms = [_source_form(_PAREN.sub(" ", text))]
    forms += [_source_form(remark) for remark in _PAREN.findall(text)]
    return [f for f in forms if f and not set(f) <= ANONYMOUS_MARKERS]


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[k : k + n] == shorter for k in range(len(longer) - n + 1))


def _forms_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b or _contains(a, b) or _contains(b, a):
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) >= SOURCE_JACCARD_MIN * len(sa | sb)


def is_anonymous_source(name: str) -> bool:
    """Tell whether a cited source name is anonymous.

    Parameters
    ----------
    name : str
        A cited source as written in gold or predicted claims.

    Returns
    -------
    bool
        True if a word of the name (parenthesised remarks included) is in
        :data:`ANONYMOUS_MARKERS`, or it contains "familiar with".

    Examples
    --------
    >>> is_anonymous_source("intelligence sources (unnamed)")
    True
    >>> is_anonymous_source("Institute for the Study of War")
    False
    """
    words = _words(name)
    return bool(ANONYMOUS_MARKERS.intersection(words)) or _contains(
        tuple(words), ("familiar", "with")
    )


def is_same_source(a: str, b: str) -> bool:
    """Tell whether two cited source names leniently denote the same source.

    The rules are listed in the module docstring ("Lenient source matching").
    ``""`` (the outlet's own statement) matches only ``""``.

    Examples
    --------
    >>> is_same_source("Ukraine's Military Intelligence", "military intelligence (HUR)")
    True
    >>> is_same_source("Reuters", "Kremlin")
    False
    >>> is_same_source("unnamed officials", "intelligence sources (unnamed)")
    True
    """
    a, b = a.strip(), b.strip()
    if not a or not b:
        return not a and not b
    if is_anonymous_source(a) and is_anonymous_source(b):
        return True
    return any(
        _forms_match(fa, fb) for fa in _source_forms(a) for fb in _source_forms(b)
    )


def _common_prefix_len(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def is_same_likelihood(gold: str, pred: str) -> bool:
    """Tell whether two likelihood (hedge) phrases share a word.

    Words match when equal or when they share a prefix of at least
    :data:`LIKELIHOOD_PREFIX_MIN` characters. Negation is not checked.

    Examples
    --------
    >>> is_same_likelihood("almost certainly", "certain")
    True
    >>> is_same_likelihood("likelihood", "likely"), is_same_likelihood("may", "might")
    (True, False)
    """
    return any(
        x == y or _common_prefix_len(x, y) >= LIKELIHOOD_PREFIX_MIN
        for x in _words(gold)
        for y in _words(pred)
    )




# -- PolNeAR source names and cues -------------------------------------------------


def _plural_dropped(word: str) -> str:
    # "officials" -> "official"; not "us" or "congress". Applied to both sides, so
    # a singular that ends in "s" ("reuters") is cut the same way in each.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def name_words(text: str) -> tuple[str, ...]:
    """Return the words a PolNeAR source name is compared by.

    Examples
    --------
    >>> name_words("Sen. Bernie Sanders's aides")
    ('bernie', 'sander', 'aide')
    >>> name_words("the President"), name_words("he")
    (('president',), ())
    """
    function = lexicon.words("function_words")
    words = [w for w in _words(text) if w not in function]
    titles = lexicon.words("titles")
    kept = [w for w in words if w not in titles] or words
    return tuple(_plural_dropped(w) for w in kept)


def core_of(source: str) -> str:
    """Return a gold source's core: its text before a comma, bracket, dash or "who".

    A source that starts with one of those is its own core.

    Examples
    --------
    >>> core_of("Jane Roe, head of the Clean Water Fund")
    'Jane Roe'
    >>> core_of("the mayor -- a former judge")
    'the mayor '
    """
    found = _CORE_END.search(source)
    return source[: found.start()] if found and found.start() > 0 else source


def _holds_share(name: set[str], words: tuple[str, ...]) -> bool:
    return bool(words) and len(name & set(words)) >= POLNEAR_SHARE_MIN * len(set(words))


def _other_modifier(name: tuple[str, ...], gold: tuple[str, ...]) -> bool:
    # Same head after modifiers with no word in common: "bill clinton" for
    # "hillary clinton". Modifiers that share a word ("donald j trump" for
    # "donald trump") are the same person written two ways.
    return (
        len(name) > 1
        and len(gold) > 1
        and name[-1] == gold[-1]
        and not set(name[:-1]) & set(gold[:-1])
    )


def is_polnear_source(name: str, gold: str) -> bool:
    """Tell whether a predicted source name is correct for a gold PolNeAR source.

    The rule is given in the module docstring ("PolNeAR source names and cues").

    Parameters
    ----------
    name : str
        A predicted source name.
    gold : str
        The gold source's text (or one antecedent of a pronoun source).

    Examples
    --------
    >>> is_polnear_source("Jane Roe", "Jane Roe, head of the Clean Water Fund")
    True
    >>> is_polnear_source("Sam Lee", "the governor's press secretary Sam Lee")
    True
    >>> is_polnear_source("Bill Clinton", "Hillary Clinton")
    False
    """
    words = name_words(name)
    gold_words = name_words(gold)
    core = name_words(core_of(gold)) or gold_words
    if not words or not gold_words:
        return False
    if _other_modifier(words, gold_words) or _other_modifier(words, core):
        return False
    held = set(words)
    return (
        _holds_share(held, gold_words)
        or _holds_share(held, core)
        or (held <= set(core) and words[-1] == core[-1])
    )


def cue_stems(text: str) -> frozenset[str]:
    """Return the stems of the words of a cue, function words dropped.

    Function words are those of the ``function_words`` lexicon except the verbs of
    saying (``say_verbs``): "said" is common enough to be on the first list, but it
    is the word a cue is about. Stems are light: irregular forms by the
    ``irregular_verbs`` table, then one of the endings -ies/-ied, -ing, -ed, -s,
    then a final "e" and a doubled consonant.

    Examples
    --------
    >>> sorted(cue_stems("has noted")), sorted(cue_stems("said that"))
    (['not'], ['say'])
    >>> cue_stems("according to") == cue_stems("accords"), cue_stems(":")
    (True, frozenset())
    """
    function = lexicon.words("function_words") - lexicon.words("say_verbs")
    return frozenset(lexicon.stem(w) for w in _words(text) if w not in function)


def cue_kind(cue: str | None) -> Literal["speech", "other"]:
    """Return the kind of a gold cue: ``"speech"`` or ``"other"`` (belief, stance ...).

    A cue is speech if it is, spacing aside, a wordless entry of the
    ``speech_cues`` lexicon (":"), or if its stems include every stem of an entry
    (:func:`cue_stems`). No cue is ``"other"``.

    Examples
    --------
    >>> cue_kind("told"), cue_kind("according to"), cue_kind(":"), cue_kind("hopes")
    ('speech', 'speech', 'speech', 'other')
    """
    if cue is None:
        return "other"
    stems = cue_stems(cue)
    for entry in lexicon.phrases("speech_cues"):
        needed = cue_stems(entry)
        if (needed and needed <= stems) or (not needed and cue.strip() == entry):
            return "speech"
    return "other"
