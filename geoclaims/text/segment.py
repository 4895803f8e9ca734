"""One segmentation per document: tokens, sentences, paragraphs, quotations, language.

Built once by :func:`segment` (in :func:`geoclaims.pipeline.analyze`) and handed to
recognition, geoparsing, footprints and claims, so that "the same sentence" means the
same span to all of them. Nothing else in geoclaims splits sentences.

The sentence rule, in order:

- a blank line, or a line break before a capital, a digit, a quote or a list bullet,
  ends a sentence (headlines, datelines, bullet items, lists of names);
- ``.``, ``!`` or ``?`` (and any closing quotes or brackets after them) followed by
  space and a capital, a digit or an opening quote ends one, except after an
  abbreviation of the ``abbreviations`` lexicon ("Gen.", "Oct.") or a single capital
  ("J. Smith");
- a period glued to a capitalised word ("region.According") ends one unless the word
  is a short piece of a name ("News.Az", "Ukr.Net").

Quotations are the spans between matching double quotes (curly, straight or
guillemets) inside a paragraph; one that is never closed ends with its paragraph.
:meth:`Segmentation.statements` joins the sentences a quotation spans, for claims.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from geoclaims.text import lexicon
from geoclaims.text.language import Language, detect_language

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K., D.C.
    r"|(?:St|Ft|Mt|Pt)\.(?=\s+[A-Z])"  # St. Louis
    r"|[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*"  # Donets'k, O'Brien; not Dublin's
    r"|\d+(?:[.,]\d+)*"
    r"|\S"
)

#: Abbreviations after which a period does not end the sentence (lower case): the
#: tokenizer's list and the claims splitter's (months, "U.S") of the lexicon.
ABBREVIATIONS = lexicon.words("abbreviations") | {
    w.lower() for w in lexicon.phrases("sentence_split_abbreviations")} | lexicon.words(
    "abbreviations", "ru") | lexicon.words("abbreviations", "uk")
#: Short words that may open a sentence glued to the previous one ("said.He").
#: Any other short capitalised word after a glued period is part of a name
#: ("News.Az", "Ukr.Net"), so the period does not end a sentence there.
SHORT_SENTENCE_STARTS = lexicon.words("short_sentence_starts")

#: A capital (Latin or Cyrillic) or a digit: what may open a sentence.
_OPENER = "A-Z0-9\u0410-\u042f\u0401\u0404\u0406\u0407\u0490"
_BREAK = re.compile(
    rf"(?<=[.!?])[\"”’»)]*\s+(?=[\"“‘«(]?[{_OPENER}])"  # ". Next"
    r"|(?<=[^\W\d_]{2}[.!?])(?=[A-Z\u0410-\u042f][a-z\u0430-\u045f])"  # "region.According"
    r"|\n[ \t]*\n\s*"  # blank line
    rf"|\n(?=[ \t]*[\"“«]|[ \t]*[-–—•*][ \t]|[{_OPENER}])"  # line break before a capital
)
#: A list bullet opening a line ("- ", "• "): layout, not part of the sentence.
_BULLET = re.compile(r"[-–—•*][ \t]+")
_LAST_WORD = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
_GLUED_WORD = re.compile(r"[A-Z\u0410-\u042f][a-z\u0430-\u045f]{1,2}\b")
_QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"', "„": "“", "‘": "’"}


class Token(NamedTuple):
    """A word or punctuation mark with its offsets and sentence number.

    A named tuple rather than a dataclass: a document has one per word, and a tuple
    is built several times faster.
    """

    start: int
    end: int
    text: str
    #: Index of the sentence the token is in.
    sentence: int

    @property
    def is_cap(self) -> bool:
        """Starts with an uppercase letter (any script)."""
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        """Is made of letters."""
        return self.text[:1].isalpha()


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a document (or, from :meth:`Segmentation.statements`, several
    sentences one quotation spans)."""

    #: Python str offsets into the document, end exclusive.
    start: int
    end: int
    #: ``text[start:end]``.
    text: str
    #: Index of the (first) sentence.
    index: int
    #: Index of its paragraph (0-based; a paragraph ends at a line break).
    paragraph: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Segmentation:
    """Tokens, sentences, paragraphs and quotations of one document."""

    text: str
    language: Language
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    #: ``(start, end)`` of each paragraph.
    paragraphs: tuple[tuple[int, int], ...]
    #: ``(start, end)`` of each quotation, its quote marks included.
    quotes: tuple[tuple[int, int], ...]
    #: Start offset of each sentence (for bisection).
    _sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False,
                                              default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_sentence_starts", tuple(s.start for s in self.sentences))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence at ``offset`` (the one before, between sentences).

        Examples
        --------
        >>> seg = segment("Drones hit Sudzha. Shelling hit Kursk.")
        >>> seg.sentence_index(0), seg.sentence_index(25)
        (0, 1)
        """
        starts = self._sentence_starts
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def statements(self) -> list[Sentence]:
        """Sentences, with those a quotation spans joined into one.

        Examples
        --------
        >>> seg = segment('He said it. "One. Two," she said. Then rain.')
        >>> [s.text for s in seg.statements()]
        ['He said it.', '"One. Two," she said.', 'Then rain.']
        """
        groups: list[list[Sentence]] = []
        q = 0
        for sent in self.sentences:
            while q < len(self.quotes) and self.quotes[q][1] <= sent.start:
                q += 1
            quoted = q < len(self.quotes) and self.quotes[q][0] < sent.start
            if groups and quoted and self.quotes[q][0] < groups[-1][-1].end:
                groups[-1].append(sent)
            else:
                groups.append([sent])
        return [group[0] if len(group) == 1 else Sentence(
                    start=group[0].start, end=group[-1].end,
                    text=self.text[group[0].start:group[-1].end], index=group[0].index,
                    paragraph=group[0].paragraph)
                for group in groups]


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period before ``end`` closes an abbreviation or an initial."""
    word = _LAST_WORD.search(text, max(0, end - 12), end)
    if word is None:
        return False
    token = word.group(1)
    # Initials ("J.", "S.C.", "D.C.") never end a sentence, as in the older rules.
    initials = all(len(part) == 1 and part.isupper() for part in token.split("."))
    return initials or token.lower() in ABBREVIATIONS


def _cuts(text: str) -> list[tuple[int, int]]:
    """Spans between sentence breaks (before trimming)."""
    cuts = [0]
    for m in _BREAK.finditer(text):
        # A line break ends a sentence even after an initial ("in the social network
        # X.\nNext line"): a name does not run on to the next line.
        if text[m.start() - 1:m.start()] == "." and "\n" not in m.group() \
                and _is_abbreviation(text, m.start()):
            continue
        if m.start() == m.end():  # glued: "region.According"
            glued = _GLUED_WORD.match(text, m.end())
            if glued is not None and glued.group().lower() not in SHORT_SENTENCE_STARTS:
                continue
        cuts.append(m.end())
    cuts.append(len(text))
    return list(itertools.pairwise(cuts))


def _sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    paragraph = 0
    prev_end = 0
    for a, b in _cuts(text):
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        if bullet := _BULLET.match(text, a + lead):
            lead = bullet.end() - a
        trail = len(seg) - len(seg.rstrip())
        start, end = a + lead, b - trail
        if end <= start:
            continue
        if out and "\n" in text[prev_end:start]:
            paragraph += 1
        out.append(Sentence(start=start, end=end, text=text[start:end], index=len(out),
                            paragraph=paragraph))
        prev_end = end
    return out


def _paragraphs(sentences: list[Sentence]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    current = -1
    for sent in sentences:
        if sent.paragraph != current:
            out.append((sent.start, sent.end))
            current = sent.paragraph
        else:
            out[-1] = (out[-1][0], sent.end)
    return out


#: Quote marks. A single quote opens only before a word ("‘Information ...") and
#: closes only after the punctuation that ends the quoted words (",’ said X"), since
#: "’" is also the apostrophe of "Russia’s" and "Russians’".
_QUOTE_MARK = re.compile(r"[“”«»\"„]|(?<!\w)‘(?=\w)|(?<=[.,!?…])’")


def _quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations: matching marks inside a paragraph; an unclosed one ends with it."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        opening: str | None = None
        start = 0
        for m in _QUOTE_MARK.finditer(text, p_start, p_end):
            ch = m.group()
            if opening is None:
                if ch in _QUOTE_PAIRS:
                    opening, start = ch, m.start()
            elif ch == _QUOTE_PAIRS[opening]:
                out.append((start, m.end()))
                opening = None
        if opening is not None:
            out.append((start, p_end))
    return out


def _tokens(text: str, sentences: list[Sentence]) -> list[Token]:
    """The tokens in text order, each with the sentence it is in (the one before,
    between sentences): one walk over tokens and sentences together."""
    out: list[Token] = []
    starts = [s.start for s in sentences]
    n = len(starts)
    k = 0  # sentences whose start is <= the token's start
    for m in _TOKEN.finditer(text):
        a = m.start()
        while k < n and starts[k] <= a:
            k += 1
        out.append(Token(a, m.end(), m.group(), max(0, k - 1)))
    return out


def segment(text: str) -> Segmentation:
    """Segment a document once, for every later step.

    Time and memory are linear in the length of ``text``.

    Examples
    --------
    >>> seg = segment("KYIV\\nDrones hit Sudzha, Gen. Ivanov said. Fighting went on.")
    >>> [s.text for s in seg.sentences]
    ['KYIV', 'Drones hit Sudzha, Gen. Ivanov said.', 'Fighting went on.']
    >>> seg.language.code
    'en'
    """
    sentences = _sentences(text)
    paragraphs = _paragraphs(sentences)
    return Segmentation(
        text=text, language=detect_language(text), tokens=tuple(_tokens(text, sentences)),
        sentences=tuple(sentences), paragraphs=tuple(paragraphs),
        quotes=tuple(_quotes(text, paragraphs)),
    )
