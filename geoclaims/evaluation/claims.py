"""Score predicted claims against gold claims: spans, sources, grades, places, dates.

Gold documents carry ``claims`` as in the ``news_dev`` corpus of ``shared/eval``
(``start``, ``end``, ``cited_sources``, ``confidence``, ``likelihood``, ``places``,
``event_date``). Predictions are the "claims-jsonl" records ``{"doc_id": str,
"claims": [...]}`` whose claims carry the same keys plus ``source_chain``; other
keys (``statement``, ``cues``, ``quantities``, ``footprints`` ...) are ignored.
All counts are micro-averaged over the corpus. Predictions for documents absent
from the gold corpus are validated but not scored; a gold document absent from
the predictions has no predicted claims.

Metrics
-------
Claim matching
    Within a document, every (gold, predicted) pair sharing at least one character
    is a candidate, ranked by overlap ratio ``|g & p| / |g | p|`` (characters; for
    overlapping spans the union is ``max(end) - min(start)``), then by the number
    of shared characters, then by gold and predicted index. Pairs are accepted
    greedily down that list while both claims are still free, so matching is one to
    one. ``claim_precision = matched / predicted``, ``claim_recall = matched /
    gold``, ``claim_f1`` their harmonic mean.
Everything below is computed over the matched pairs only; unmatched claims are
already charged by claim precision and recall. Source names and likelihood words
are compared leniently, by the rules of :mod:`geoclaims.evaluation.matching`.

``cited_source_accuracy``
    Share of pairs whose innermost cited sources agree (:func:`is_same_source`):
    the last element of the gold ``cited_sources`` and of the predicted
    ``cited_sources``, ``""`` when the list is empty (the outlet's own statement;
    ``""`` matches only ``""``). A predicted source also agrees through its
    canonical name (the ``canonical`` of its ``source_chain`` link): a Russian or
    Ukrainian text names "Минобороны РФ" where gold writes the English
    "Russian Ministry of Defence".
``source_chain_accuracy``
    Share of pairs where every gold cited source matches (:func:`is_same_source`)
    some element of the predicted chain, ``source_chain`` plus ``cited_sources``,
    in any order. A gold claim with no cited source needs an empty predicted
    ``cited_sources``.
``confidence_accuracy``
    Share of pairs with the same grade; ``confusion`` counts them by gold grade
    (outer key) and predicted grade (inner key), in the order of :data:`GRADES`.
``likelihood_accuracy``
    Over pairs whose gold ``likelihood`` is set (``n_likelihood``): the share whose
    prediction is set and shares a word with it (:func:`is_same_likelihood`).
    ``likelihood_false_positives`` counts pairs with a predicted likelihood but
    none in gold.
``place_precision``, ``place_recall``, ``place_f1``
    Per pair, the sets of integer geonameids are compared: true positives are
    their intersection, precision divides by the predicted ids, recall by the gold
    ids. Place labels that are not integers (a gold label like ``"VILLAGE_X"``
    marks a village with no GeoNames id) are excluded from both sides and counted in
    ``n_gold_places_excluded`` and ``n_pred_places_excluded``; digit strings count
    as integers. So are negative ids: geoclaims gives them to named regions that are
    not GeoNames features (Donbas), as gold gives those a label.
``event_date_accuracy``
    Over pairs whose gold ``event_date`` is set (``n_event_date``): the share with
    the identical predicted date (``date_precision`` is ignored).
    ``event_date_false_positives`` counts pairs with a predicted date but none in
    gold.

Precision, recall and F1 are ``0.0`` when their denominator is zero, as for toponyms
(one ``prf`` serves both); the accuracies are ``None`` when no pair qualifies.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.evaluation._readers import (
    Loc,
    parse_items,
    parse_names,
    parse_optional_str,
    parse_span,
    read_corpus,
    read_docs,
)
from geoclaims.evaluation._scores import Scores, is_int, prf_fields, share
from geoclaims.evaluation.matching import (
    is_same_likelihood,
    is_same_source,
    match_spans,
)
from geoclaims.places.gazetteer import as_geonames_id

__all__ = [
    "GRADES",
    "ClaimScores",
    "evaluate_claims",
    "score_claims",
]

#: Confidence grades, from best to worst established (the gold guideline's order).
GRADES = ("confirmed", "reported", "unverified", "disputed", "denied")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_Span = tuple[int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimScores(Scores):
    """Claim extraction scores over a corpus (see the module docstring).

    Examples
    --------
    >>> gold = [{"doc_id": "d", "claims": [{"start": 0, "end": 10,
    ...     "cited_sources": ["Reuters"], "confidence": "reported",
    ...     "likelihood": None, "places": [703448, "VILLAGE"], "event_date": None}]}]
    >>> pred = {"d": [{"start": 0, "end": 8, "cited_sources": ["Reuters"],
    ...     "confidence": "unverified", "places": [703448]}]}
    >>> s = score_claims(gold, pred)
    >>> s.claim_f1, s.cited_source_accuracy, s.confidence_accuracy, s.place_f1
    (1.0, 1.0, 0.0, 1.0)
    >>> s.to_dict()["confusion"]["reported"]["unverified"], s.n_gold_places_excluded
    (1, 1)
    """

    #: Share of predicted claims matched to a gold claim.
    claim_precision: float
    #: Share of gold claims matched to a predicted claim.
    claim_recall: float
    #: Harmonic mean of claim precision and recall.
    claim_f1: float
    #: Share of matched pairs whose innermost cited sources match.
    cited_source_accuracy: float | None
    #: Share of matched pairs whose predicted chain covers every gold cited source.
    source_chain_accuracy: float | None
    #: Share of matched pairs with the same confidence grade.
    confidence_accuracy: float | None
    #: Share of pairs with a gold likelihood whose predicted likelihood matches.
    likelihood_accuracy: float | None
    #: Share of predicted integer geonameids (matched pairs) also in gold.
    place_precision: float
    #: Share of gold integer geonameids (matched pairs) also predicted.
    place_recall: float
    #: Harmonic mean of place precision and recall.
    place_f1: float
    #: Share of pairs with a gold event date whose predicted date is identical.
    event_date_accuracy: float | None
    #: Number of gold claims.
    n_gold: int
    #: Number of predicted claims (for documents of the gold corpus).
    n_pred: int
    #: Number of one-to-one matched pairs.
    n_matched: int
    #: Matched pairs whose gold likelihood is set.
    n_likelihood: int
    #: Matched pairs with a predicted likelihood where gold has none.
    likelihood_false_positives: int
    #: Gold integer geonameids over matched pairs.
    n_gold_places: int
    #: Predicted integer geonameids over matched pairs.
    n_pred_places: int
    #: Geonameids both predicted and in gold, over matched pairs.
    n_place_tp: int
    #: Non-integer gold place labels left out (matched pairs).
    n_gold_places_excluded: int
    #: Non-integer predicted place labels left out (matched pairs).
    n_pred_places_excluded: int
    #: Matched pairs whose gold event date is set.
    n_event_date: int
    #: Matched pairs with a predicted event date where gold has none.
    event_date_false_positives: int
    #: Matched pairs by gold grade (rows) and predicted grade (columns), GRADES order.
    confusion: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        """Reject ratios outside [0, 1], negative counts and a malformed matrix."""
        Scores.__post_init__(self)  # zero-argument super() fails in a slots dataclass
        rows = self.confusion
        if (
            len(rows) != len(GRADES)
            or any(len(row) != len(GRADES) for row in rows)
            or any(not is_int(n) or n < 0 for row in rows for n in row)
            or sum(map(sum, rows)) != self.n_matched
        ):
            raise ConfigurationError(
                f"{type(self).__name__}.confusion must be {len(GRADES)}x{len(GRADES)} "
                f"non-negative ints summing to n_matched={self.n_matched}, got {rows!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        """Return the scores as plain Python values, floats rounded to 4 decimals.

        The confusion matrix becomes ``{gold grade: {predicted grade: count}}``.
        """
        out = Scores.to_dict(self)
        out["confusion"] = {
            g: dict(zip(GRADES, row, strict=True))
            for g, row in zip(GRADES, self.confusion, strict=True)
        }
        return out


@dataclass(frozen=True, slots=True)
class _Claim:
    """A validated claim reduced to what is scored."""

    span: _Span
    confidence: str
    likelihood: str | None
    cited: tuple[str, ...]
    chain: tuple[str, ...]
    places: frozenset[int]
    n_places_excluded: int
    event_date: date | None
    #: Canonical names of the predicted cited sources, one per ``cited`` name where
    #: the prediction gives them (``source_chain[i]["canonical"]``), else ``cited``.
    cited_canonical: tuple[str, ...] = ()


# -- input validation --------------------------------------------------------------


def _parse_claim(
    item: Mapping[str, Any],
    where: str,
    *,
    text_len: int | None,
    chain_key: str | None,
    loc: Loc,
) -> _Claim:
    start, end = parse_span(item, where, text_len=text_len, loc=loc)
    grade = item.get("confidence")
    if not isinstance(grade, str) or grade.strip().lower() not in GRADES:
        raise InputError(
            f"{where}: unknown confidence {grade!r}; valid: {', '.join(GRADES)}", **loc
        )
    places: set[int] = set()
    excluded = 0
    raw_places = item.get("places") or ()
    if isinstance(raw_places, str | bytes | Mapping) or not isinstance(
        raw_places, Sequence
    ):
        raise InputError(f"{where}: 'places' must be a list, got {raw_places!r}", **loc)
    for place in raw_places:
        if is_int(place) and as_geonames_id(int(place)) is not None:
            places.add(int(place))
        elif isinstance(place, str) and place.strip().isdigit():
            places.add(int(place))
        elif isinstance(place, str) or is_int(place):
            excluded += 1  # a label, or a named region's negative gazetteer id
        else:
            raise InputError(
                f"{where}: a place must be a geonameid (int) or a label, got {place!r}",
                **loc,
            )
    raw_date = parse_optional_str(item, "event_date", where, loc)
    event_date = None
    if raw_date is not None:
        try:
            if not _ISO_DATE.fullmatch(raw_date):
                raise ValueError(raw_date)
            event_date = date.fromisoformat(raw_date)
        except ValueError as err:
            raise InputError(
                f"{where}: 'event_date' must be YYYY-MM-DD or null, got {raw_date!r}",
                **loc,
            ) from err
    cited = parse_names(item, "cited_sources", where, loc)
    chain = parse_names(item, chain_key, where, loc) if chain_key else ()
    canonical = _canonical_names(item.get(chain_key) if chain_key else None, cited)
    return _Claim(
        span=(start, end),
        confidence=grade.strip().lower(),
        likelihood=parse_optional_str(item, "likelihood", where, loc),
        cited=cited,
        chain=chain + cited + canonical,
        cited_canonical=canonical,
        places=frozenset(places),
        n_places_excluded=excluded,
        event_date=event_date,
    )


def _canonical_names(links: Any, cited: tuple[str, ...]) -> tuple[str, ...]:
    """The canonical names of the cited links of a predicted ``source_chain``.

    The chain is the publisher, then one link per cited source; a link without a
    string ``canonical`` stands for itself.
    """
    if not isinstance(links, Sequence) or isinstance(links, str | bytes) \
            or len(links) != len(cited) + 1:
        return cited
    return tuple(
        link["canonical"] if isinstance(link, Mapping)
        and isinstance(link.get("canonical"), str) else name
        for link, name in zip(links[1:], cited, strict=True))


def _parse_claims(
    raw: Any, doc_id: str, role: str, *, text_len: int | None, loc: Loc
) -> list[_Claim]:
    chain_key = "source_chain" if role == "predicted" else None
    return parse_items(
        raw,
        role,
        doc_id,
        lambda item, where: _parse_claim(
            item, where, text_len=text_len, chain_key=chain_key, loc=loc
        ),
        kind="claim",
        loc=loc,
    )


def _gold_claims(doc_id: str, doc: Mapping[str, Any], loc: Loc) -> list[_Claim]:
    if "claims" not in doc:
        raise InputError(f"gold document {doc_id!r} has no 'claims'", **loc)
    text = doc.get("text")
    text_len = len(text) if isinstance(text, str) else None
    return _parse_claims(doc["claims"], doc_id, "gold", text_len=text_len, loc=loc)


def _pred_claims(doc_id: str, raw: Any, loc: Loc) -> list[_Claim]:
    return _parse_claims(raw, doc_id, "predicted", text_len=None, loc=loc)


#: Key of the predicted lists, gold and predicted parsers, for the readers.
_CLAIMS = ("claims", _gold_claims, _pred_claims)


# -- scoring -----------------------------------------------------------------------


def _innermost(sources: Sequence[str]) -> str:
    return sources[-1] if sources else ""


def _chain_ok(gold: _Claim, pred: _Claim) -> bool:
    if not gold.cited:
        return not pred.cited
    return all(any(is_same_source(g, p) for p in pred.chain) for g in gold.cited)


def _score(
    gold: Mapping[str, Sequence[_Claim]], pred: Mapping[str, Sequence[_Claim]]
) -> ClaimScores:
    n_gold = n_pred = 0
    pairs: list[tuple[_Claim, _Claim]] = []
    for doc_id, gold_claims in gold.items():
        pred_claims = pred.get(doc_id, ())
        n_gold += len(gold_claims)
        n_pred += len(pred_claims)
        matched = match_spans(
            [c.span for c in gold_claims],
            [c.span for c in pred_claims],
            prefer="overlap",
        )
        pairs += [(gold_claims[i], pred_claims[j]) for i, j in sorted(matched)]
    confusion = [[0] * len(GRADES) for _ in GRADES]
    cited = chain = grade = 0
    n_likelihood = likelihood_ok = likelihood_fp = 0
    n_event_date = event_date_ok = event_date_fp = 0
    n_gold_places = n_pred_places = place_tp = gold_excluded = pred_excluded = 0
    for g, p in pairs:
        cited += is_same_source(_innermost(g.cited), _innermost(p.cited)) or (
            is_same_source(_innermost(g.cited), _innermost(p.cited_canonical)))
        chain += _chain_ok(g, p)
        grade += g.confidence == p.confidence
        confusion[GRADES.index(g.confidence)][GRADES.index(p.confidence)] += 1
        if g.likelihood is not None:
            n_likelihood += 1
            likelihood_ok += p.likelihood is not None and is_same_likelihood(
                g.likelihood, p.likelihood
            )
        elif p.likelihood is not None:
            likelihood_fp += 1
        if g.event_date is not None:
            n_event_date += 1
            event_date_ok += g.event_date == p.event_date
        elif p.event_date is not None:
            event_date_fp += 1
        n_gold_places += len(g.places)
        n_pred_places += len(p.places)
        place_tp += len(g.places & p.places)
        gold_excluded += g.n_places_excluded
        pred_excluded += p.n_places_excluded
    n = len(pairs)
    return ClaimScores(
        **prf_fields("claim", n, n_pred, n_gold),
        **prf_fields("place", place_tp, n_pred_places, n_gold_places),
        cited_source_accuracy=share(cited, n),
        source_chain_accuracy=share(chain, n),
        confidence_accuracy=share(grade, n),
        likelihood_accuracy=share(likelihood_ok, n_likelihood),
        event_date_accuracy=share(event_date_ok, n_event_date),
        n_gold=n_gold,
        n_pred=n_pred,
        n_matched=n,
        n_likelihood=n_likelihood,
        likelihood_false_positives=likelihood_fp,
        n_gold_places=n_gold_places,
        n_pred_places=n_pred_places,
        n_place_tp=place_tp,
        n_gold_places_excluded=gold_excluded,
        n_pred_places_excluded=pred_excluded,
        n_event_date=n_event_date,
        event_date_false_positives=event_date_fp,
        confusion=tuple(map(tuple, confusion)),
    )


def score_claims(
    gold_docs: Iterable[Mapping[str, Any]],
    pred: Mapping[str, Sequence[Mapping[str, Any]]],
) -> ClaimScores:
    """Score predicted claims against gold claims, micro-averaged over a corpus.

    Parameters
    ----------
    gold_docs : iterable of mapping
        Gold documents with ``doc_id`` (str), ``claims`` and optionally ``text``
        (offsets are then checked against its length).
    pred : mapping of str to sequence of mapping
        ``doc_id`` to predicted claims in the claims-jsonl shape (``start``,
        ``end``, ``confidence`` required; ``cited_sources``, ``source_chain``,
        ``likelihood``, ``places``, ``event_date`` optional).

    Returns
    -------
    ClaimScores
        The metrics defined in the module docstring.

    Raises
    ------
    InputError
        If a document or claim is malformed (offsets, unknown grade, bad date or
        place, duplicate ``doc_id``), naming the document and the claim index.
    ConfigurationError
        If ``pred`` is not a mapping.
    """
    return _score(*read_docs(gold_docs, pred, *_CLAIMS))


def evaluate_claims(
    gold_path: str | os.PathLike[str],
    pred_path_or_mapping: str
    | os.PathLike[str]
    | Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, Any]:
    """Evaluate predicted claims against a gold corpus file.

    Parameters
    ----------
    gold_path : str or path-like
        Gold corpus, JSON Lines, one document per line (``doc_id``, ``claims``).
    pred_path_or_mapping : str, path-like or mapping
        A claims-jsonl file (one ``{"doc_id": ..., "claims": [...]}`` per line), or
        a mapping of ``doc_id`` to predicted claims.

    Returns
    -------
    dict
        ``{"corpus": <gold file stem>, **ClaimScores.to_dict()}``.

    Raises
    ------
    InputError
        Naming the file and the line of a malformed record.
    ConfigurationError
        If ``pred_path_or_mapping`` is neither a path nor a mapping.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> claim = {"start": 0, "end": 13, "cited_sources": ["Kyiv"],
    ...          "confidence": "reported", "places": [703448]}
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name, doc in [("tiny", {"text": "Kyiv said so."}), ("pred", {})]:
    ...     line = json.dumps({"doc_id": "d", **doc, "claims": [claim]})
    ...     _ = (folder / f"{name}.jsonl").write_text(line, encoding="utf-8")
    >>> result = evaluate_claims(folder / "tiny.jsonl", folder / "pred.jsonl")
    >>> result["corpus"], result["claim_f1"], result["likelihood_accuracy"]
    ('tiny', 1.0, None)
    """
    corpus, gold, pred = read_corpus(
        gold_path, pred_path_or_mapping, *_CLAIMS, required=("doc_id", "claims")
    )
    return {"corpus": corpus, **_score(gold, pred).to_dict()}
