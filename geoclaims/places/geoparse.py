"""Geoparsing: text -> resolved place mentions, and the JSONL corpus interface."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from geoclaims.errors import InputError
from geoclaims.places.gazetteer import Gazetteer
from geoclaims.places.recognize import Found, find_mentions, lookup_variants
from geoclaims.places.recognize_cyrillic import (
    find_cyrillic_mentions,
    kind_cue_before,
    span_hits,
)
from geoclaims.places.resolve import (
    Resolution,
    drop_lone_villages,
    drop_register_namesakes,
    resolve_mentions,
)
from geoclaims.text.mentions import Mention, context_hint
from geoclaims.text.morph import is_cyrillic_word
from geoclaims.text.segment import Segmentation, segment


def geoparse(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
    segmentation: Segmentation | None = None,
) -> list[Resolution]:
    """Find and resolve the place mentions of a text, offline.

    Parameters
    ----------
    text : str
        The document.
    gazetteer : Gazetteer, optional
        Defaults to :meth:`Gazetteer.default`.
    spans : sequence of (start, end), optional
        Given mention offsets ("gold spans"): only these are resolved.
    segmentation : Segmentation, optional
        The document's segmentation, made here when not given.

    Returns
    -------
    list of Resolution
        In text order. A mention with no gazetteer entry has ``place=None``.

    Raises
    ------
    InputError
        If ``text`` is not a str or a span lies outside it.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be str, got {type(text).__name__}")
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    if not text.strip():
        return []
    seg = segmentation if segmentation is not None else segment(text)
    lang = analysed_language(seg)
    if lang is None:
        return []  # an unsupported language: no place rather than a false one
    if spans is None:
        return _namesakes_dropped(resolve_mentions(text, _find(text, gaz, seg, lang)), gaz)
    # Given spans are resolved with the rest of the document as context: the places
    # the recogniser finds elsewhere vote too, but only the given spans are returned.
    given = _given(text, spans, gaz, seg, lang)
    taken = [(f.mention.start, f.mention.end) for f in given]
    context = [
        f for f in _find(text, gaz, seg, lang)
        if not any(f.mention.start < e and s < f.mention.end for s, e in taken)
    ]
    merged = sorted([*given, *context], key=lambda f: f.mention.start)
    wanted = set(taken)
    return [
        r for r in _namesakes_dropped(resolve_mentions(text, merged), gaz)
        if (r.mention.start, r.mention.end) in wanted
    ]


def _namesakes_dropped(out: list[Resolution], gaz: Gazetteer) -> list[Resolution]:
    """The document-level rules that leave a likely namesake unresolved."""
    return drop_lone_villages(drop_register_namesakes(out, gaz.register_oblasts))


def analysed_language(seg: Segmentation) -> str | None:
    """The language geoparsing reads a document in: "en", "ru", "uk"; None for
    Cyrillic text of another language (Belarusian, Serbian ...).

    A text too short to tell (a headline, a name) is read as Russian or Ukrainian
    when it is Cyrillic (Ukrainian with a Ukrainian letter), else as English.
    """
    language = seg.language
    if language.supported:
        return language.code
    cyrillic = sum(is_cyrillic_word(t.text) for t in seg.tokens if t.is_word)
    if language.reason.startswith("only "):  # too short to tell
        if not cyrillic:
            return "en"
        return "uk" if any(ch in "іїєґІЇЄҐ" for ch in seg.text) else "ru"
    words = sum(t.is_word for t in seg.tokens)
    if cyrillic > words / 2:
        return None  # Belarusian, Serbian, Kazakh ...: no Russian or Ukrainian reading
    # Latin-script text the rule calls unsupported is still read by the English
    # recogniser: the rule also says so of tweets, address lists and romanised
    # Chinese names that are English, and the names of a Polish or French text are
    # those the gazetteer lists for their places. The report notes the language.
    return "en"


def _find(text: str, gaz: Gazetteer, seg: Segmentation, lang: str) -> list[Found]:
    if lang == "en":
        return find_mentions(text, gaz, segmentation=seg)
    return [Found(mention=m, hits=hits)
            for m, hits in find_cyrillic_mentions(text, seg.tokens, gaz, lang)]


def _given(
    text: str, spans: Sequence[tuple[int, int]], gaz: Gazetteer, seg: Segmentation,
    lang: str = "en",
) -> list[Found]:
    tokens = list(seg.tokens)
    by_start = {t.start: k for k, t in enumerate(tokens)}
    by_end = {t.end: k for k, t in enumerate(tokens)}
    for s, e in spans:
        if not 0 <= s < e <= len(text):
            raise InputError(f"span ({s}, {e}) lies outside the text of {len(text)} chars")
    # A span that stops short of an abbreviation's period ("U.S", "Ga" of "Ga.")
    # falls back to the name with the period.
    variants = {
        (s, e): [
            *lookup_variants(text[s:e]),
            *(lookup_variants(text[s : e + 1]) if text[e : e + 1] == "." else ()),
        ]
        for s, e in spans
    }
    table = gaz.lookup_keys(k for keys in variants.values() for k in keys)
    out = []
    for s, e in sorted(spans):
        hits: tuple[Any, ...] = ()
        for key in variants[(s, e)]:
            if key in table:
                hits = tuple(table[key])
                break
        i, j = by_start.get(s), by_end.get(e)
        if lang != "en" and i is not None and j is not None:
            # The words around a Cyrillic span decide what it names ("Курская" of
            # "Курская АЭС" is the oblast's, not the village Курская).
            hits = span_hits(text, tokens, i, j + 1, gaz, lang) or hits
        hint = context_hint(tokens, i, j + 1) if i is not None and j is not None else ""
        if lang != "en" and i is not None:
            # "на правом берегу Днепра": the river, not Dnipro city; "микрорайона
            # Остров": a part of a city, not Ostrov in Pskov Oblast.
            hint = kind_cue_before(tokens, i, lang) or hint
        sentence = tokens[i].sentence if i is not None else 0
        mention = Mention(start=s, end=e, text=text[s:e], hint=hint, sentence=sentence)
        out.append(Found(mention=mention, hits=hits))
    return out


def toponym_record(res: Resolution) -> dict[str, Any]:
    """The evaluation-format dict of one resolution."""
    p = res.place
    return {
        "start": res.mention.start,
        "end": res.mention.end,
        "name": res.mention.text,
        "geonameid": None if p is None else p.geonames_id,
        "lat": None if p is None else p.lat,
        "lon": None if p is None else p.lon,
        "kind": None if p is None else p.kind,
        "country_code": None if p is None else p.country_code,
        "score": res.score,
    }


def geoparse_corpus(
    docs: Iterable[Mapping[str, Any]] | Iterable[tuple[int, Mapping[str, Any]]],
    *,
    gazetteer: Gazetteer | None = None,
    gold_spans: bool = False,
    path: str | Path | None = None,
) -> Iterator[dict[str, Any]]:
    """Geoparse corpus records (``doc_id``, ``text``, optional ``toponyms``).

    ``docs`` holds records, or ``(line number, record)`` pairs as
    :func:`geoclaims._io.iter_jsonl_lines` yields them, so that errors name the line.
    Yields one ``{"doc_id", "toponyms": [...]}`` per record.

    Raises
    ------
    InputError
        If a record lacks ``text`` or, with ``gold_spans``, ``toponyms``.
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    for n, item in enumerate(docs, start=1):
        if isinstance(item, tuple):
            n, doc = item
        else:
            doc = item
        text = doc.get("text")
        if not isinstance(text, str):
            raise InputError("record has no 'text' string", path=path, line=n)
        spans = None
        if gold_spans:
            tops = doc.get("toponyms")
            if not isinstance(tops, list):
                raise InputError(
                    "record has no 'toponyms' list (needed by --gold-spans)", path=path, line=n
                )
            spans = [(int(t["start"]), int(t["end"])) for t in tops]
        resolutions = geoparse(text, gazetteer=gaz, spans=spans)
        yield {
            "doc_id": doc.get("doc_id", str(n)),
            "toponyms": [toponym_record(r) for r in resolutions],
        }
