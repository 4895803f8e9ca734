"""Standard geoparsing metrics: toponym recognition and toponym resolution scores.

Metrics follow Gritta et al., "A pragmatic guide to geoparsing evaluation" (2020):
recognition precision, recall and F1, *strict* (identical span) and *overlap* (any
shared character, one-to-one matching); resolution over gold toponyms with
coordinates: accuracy within :data:`geoclaims.config.ACCURACY_KM` (161 km), mean
and median error in km and the AUC of the log-scaled errors (lower is better),
either with gold spans given or end to end, where a missed toponym counts as
:data:`MISSED_ERROR_KM`. Gold documents are dicts as in the corpora of
``shared/eval``; predictions map a ``doc_id`` to a list of dicts with ``start``,
``end`` and optionally ``lat`` and ``lon`` (degrees, may be ``None``).
"""

from __future__ import annotations

import math
import numbers
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from geoclaims.config import ACCURACY_KM
from geoclaims.errors import InputError
from geoclaims.evaluation._readers import (
    Loc,
    parse_items,
    parse_span,
    read_corpus,
    read_docs,
)
from geoclaims.evaluation._scores import Scores, prf_fields
from geoclaims.evaluation.matching import match_spans

__all__ = [
    "EARTH_RADIUS_KM",
    "MISSED_ERROR_KM",
    "RecognitionScores",
    "ResolutionScores",
    "evaluate_predictions",
    "haversine_km",
    "score_recognition",
    "score_resolution",
]

#: Mean Earth radius (km), IUGG value R1 (Moritz 2000), used by :func:`haversine_km`.
EARTH_RADIUS_KM = 6371.0088
#: Error (km) charged to a gold toponym without a usable prediction: half the
#: Earth's circumference, the top of the AUC scale (Gritta et al. 2020).
MISSED_ERROR_KM = 20039.0
_Span = tuple[int, int]
_Gold = Iterable[Mapping[str, Any]]
_Pred = Mapping[str, Sequence[Mapping[str, Any]]]


@dataclass(frozen=True, slots=True, kw_only=True)
class RecognitionScores(Scores):
    """Toponym recognition scores over a corpus (micro-averaged over toponyms).

    Ratios with a zero denominator are ``0.0``.

    Examples
    --------
    >>> gold = [{"doc_id": "d", "text": "Paris, Texas",
    ...          "toponyms": [{"start": 0, "end": 5}, {"start": 7, "end": 12}]}]
    >>> pred = {"d": [{"start": 0, "end": 5}, {"start": 7, "end": 10}]}
    >>> scores = score_recognition(gold, pred)
    >>> scores.strict_f1, scores.overlap_f1
    (0.5, 1.0)
    """

    #: Share of predicted spans identical to a gold span.
    strict_precision: float
    #: Share of gold spans predicted with identical offsets.
    strict_recall: float
    #: Harmonic mean of the strict precision and recall.
    strict_f1: float
    #: Share of predicted spans matched to a gold span they share a character with.
    overlap_precision: float
    #: Share of gold spans matched to a predicted span they share a character with.
    overlap_recall: float
    #: Harmonic mean of the overlap precision and recall.
    overlap_f1: float
    #: Number of gold toponyms.
    n_gold: int
    #: Number of predicted toponyms (for documents of the gold corpus).
    n_pred: int
    #: Number of identical (start, end) pairs, matched one to one.
    strict_tp: int
    #: Number of one-to-one overlap matches.
    overlap_tp: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolutionScores(Scores):
    """Toponym resolution scores over the gold toponyms that have coordinates.

    When no gold toponym has coordinates (``n == 0``) every metric is ``0.0``.

    Examples
    --------
    >>> gold = [{"doc_id": "d", "text": "Paris",
    ...          "toponyms": [{"start": 0, "end": 5, "lat": 48.8566, "lon": 2.3522}]}]
    >>> pred = {"d": [{"start": 0, "end": 5, "lat": 48.85, "lon": 2.35}]}
    >>> scores = score_resolution(gold, pred, end_to_end=False)
    >>> scores.n, scores.accuracy_161, round(scores.mean_error_km, 2)
    (1, 1.0, 0.75)
    """

    #: Number of gold toponyms scored (those with non-null ``lat`` and ``lon``).
    n: int
    #: How many of them had a matched prediction with coordinates.
    n_predicted: int
    #: Share of scored toponyms with an error of at most ``ACCURACY_KM`` (161 km).
    accuracy_161: float
    #: Mean great-circle error (km); a missed toponym counts ``MISSED_ERROR_KM``.
    mean_error_km: float
    #: Median great-circle error (km), misses included as for the mean.
    median_error_km: float
    #: Mean of ln(1 + error_km) / ln(MISSED_ERROR_KM), in [0, 1]; lower is better.
    auc: float
    #: True if predictions were matched by overlap (end to end), False if by gold span.
    end_to_end: bool


@dataclass(frozen=True, slots=True)
class _Toponym:
    """A validated toponym: span plus coordinates (``None`` when unusable)."""

    start: int
    end: int
    lon: float | None
    lat: float | None


def _coordinate(
    item: Mapping[str, Any], key: str, limit: float, where: str, loc: Loc
) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{where}: {key!r} must be a number or null, got {value!r}"
        raise InputError(msg, **loc)
    number = float(value)
    if math.isfinite(number) and abs(number) > limit:  # NaN and inf: missing
        msg = f"{where}: {key!r} must lie within +-{limit:g} degrees, got {value!r}"
        raise InputError(msg, hint="check that lat and lon are not swapped", **loc)
    return number if math.isfinite(number) else None


def _parse_toponym(
    item: Mapping[str, Any], where: str, *, text_len: int | None, loc: Loc
) -> _Toponym:
    start, end = parse_span(item, where, text_len=text_len, loc=loc)
    lat = _coordinate(item, "lat", 90.0, where, loc)
    lon = _coordinate(item, "lon", 180.0, where, loc)
    if lat is None or lon is None:
        lat = lon = None
    return _Toponym(start, end, lon, lat)


def _parse_toponyms(
    raw: Any, doc_id: str, role: str, text_len: int | None, loc: Loc
) -> list[_Toponym]:
    if raw is None:
        return []
    return parse_items(
        raw,
        role,
        doc_id,
        lambda item, where: _parse_toponym(item, where, text_len=text_len, loc=loc),
        kind="toponym",
        loc=loc,
    )


def _gold_toponyms(doc_id: str, doc: Mapping[str, Any], loc: Loc) -> list[_Toponym]:
    text = doc.get("text")
    text_len = len(text) if isinstance(text, str) else None
    return _parse_toponyms(doc.get("toponyms"), doc_id, "gold", text_len, loc)


def _pred_toponyms(doc_id: str, raw: Any, loc: Loc) -> list[_Toponym]:
    return _parse_toponyms(raw, doc_id, "predicted", None, loc)


#: Key of the predicted lists, gold and predicted parsers, for the readers.
_TOPONYMS = ("toponyms", _gold_toponyms, _pred_toponyms)


def _spans(toponyms: Sequence[_Toponym]) -> list[_Span]:
    return [(t.start, t.end) for t in toponyms]


def haversine_km(
    lon1: npt.ArrayLike, lat1: npt.ArrayLike, lon2: npt.ArrayLike, lat2: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Return the great-circle distance in km between points on a sphere.

    Uses the haversine formula on a sphere of radius :data:`EARTH_RADIUS_KM`.

    Parameters
    ----------
    lon1, lat1 : array_like
        Longitude and latitude of the first points, degrees (EPSG:4326 order).
    lon2, lat2 : array_like
        Longitude and latitude of the second points, degrees; broadcast against
        the first. NaN propagates to the result.

    Returns
    -------
    numpy.ndarray
        Distances in km, with the broadcast shape of the inputs (0-d for scalars).

    Examples
    --------
    >>> round(float(haversine_km(2.3522, 48.8566, -0.1276, 51.5072)), 1)
    343.5
    >>> haversine_km([0.0, 0.0], [0.0, 0.0], [0.0, 180.0], [0.0, 0.0]).round(1)
    array([    0. , 20015.1])
    """
    lam1, phi1, lam2, phi2 = (
        np.radians(np.asarray(a, dtype=np.float64)) for a in (lon1, lat1, lon2, lat2)
    )
    h = np.sin((phi2 - phi1) / 2.0) ** 2
    h += np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2.0) ** 2
    # Rounding can push h a hair above 1 for antipodes, where arcsin is undefined.
    h = np.clip(h, 0.0, 1.0)
    return np.asarray(2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h)), dtype=np.float64)


def _recognition(
    docs: Mapping[str, Sequence[_Toponym]], pred: Mapping[str, Sequence[_Toponym]]
) -> RecognitionScores:
    n_gold = n_pred = strict_tp = overlap_tp = 0
    for doc_id, toponyms in docs.items():
        gold_spans = _spans(toponyms)
        pred_spans = _spans(pred.get(doc_id, ()))
        n_gold += len(gold_spans)
        n_pred += len(pred_spans)
        strict_tp += sum((Counter(gold_spans) & Counter(pred_spans)).values())
        overlap_tp += len(match_spans(gold_spans, pred_spans, prefer="text"))
    return RecognitionScores(
        **prf_fields("strict", strict_tp, n_pred, n_gold),
        **prf_fields("overlap", overlap_tp, n_pred, n_gold),
        n_gold=n_gold,
        n_pred=n_pred,
        strict_tp=strict_tp,
        overlap_tp=overlap_tp,
    )


def _resolution(
    docs: Mapping[str, Sequence[_Toponym]],
    pred: Mapping[str, Sequence[_Toponym]],
    *,
    end_to_end: bool,
) -> ResolutionScores:
    # Rows of (gold lon, gold lat, predicted lon, predicted lat); NaN = no prediction.
    rows: list[tuple[float, float, float, float]] = []
    for doc_id, toponyms in docs.items():
        preds = pred.get(doc_id, ())
        if end_to_end:
            pairs = match_spans(_spans(toponyms), _spans(preds), prefer="text")
            match = {i: preds[j] for i, j in pairs}
        else:
            by_span: dict[_Span, _Toponym] = {}
            for top in preds:
                by_span.setdefault((top.start, top.end), top)  # first one wins
            match = {
                i: by_span[(g.start, g.end)]
                for i, g in enumerate(toponyms)
                if (g.start, g.end) in by_span
            }
        for i, g in enumerate(toponyms):
            if g.lon is None or g.lat is None:
                continue
            p = match.get(i)
            if p is None or p.lon is None or p.lat is None:
                rows.append((g.lon, g.lat, math.nan, math.nan))
            else:
                rows.append((g.lon, g.lat, p.lon, p.lat))
    table = np.array(rows, dtype=np.float64).reshape(-1, 4)
    missed = np.isnan(table[:, 2])
    errors = np.where(missed, MISSED_ERROR_KM, haversine_km(*table.T))
    # ln(1 + 20039) / ln(20039) is a hair above 1; capping keeps a miss at exactly 1.
    scaled = np.minimum(np.log1p(errors) / math.log(MISSED_ERROR_KM), 1.0)
    n = len(rows)
    return ResolutionScores(
        n=n,
        n_predicted=int(np.count_nonzero(~missed)),
        accuracy_161=float(np.mean(errors <= ACCURACY_KM)) if n else 0.0,
        mean_error_km=float(np.mean(errors)) if n else 0.0,
        median_error_km=float(np.median(errors)) if n else 0.0,
        auc=float(np.mean(scaled)) if n else 0.0,
        end_to_end=end_to_end,
    )


def score_recognition(gold: _Gold, pred: _Pred) -> RecognitionScores:
    """Score toponym recognition, strict and overlap, micro-averaged over a corpus.

    Parameters
    ----------
    gold : iterable of mapping
        Gold documents with ``doc_id`` (str), ``text`` and ``toponyms`` (a list of
        mappings with ``start`` and ``end``, Python str offsets, end exclusive).
    pred : mapping of str to sequence of mapping
        ``doc_id`` to predicted toponyms (``start``, ``end``; other keys are
        ignored). A gold document absent from ``pred`` has no predictions;
        predictions for documents absent from ``gold`` are ignored.

    Returns
    -------
    RecognitionScores
        Strict: identical ``(start, end)`` pairs. Overlap: identical spans paired
        first, then each gold span in text order takes the earliest unused
        prediction sharing a character with it (one to one).

    Raises
    ------
    InputError
        If a document or toponym is malformed (missing or non-int offsets,
        ``start >= end``, duplicate ``doc_id``).
    """
    return _recognition(*read_docs(gold, pred, *_TOPONYMS))


def score_resolution(gold: _Gold, pred: _Pred, *, end_to_end: bool) -> ResolutionScores:
    """Score toponym resolution by great-circle error over gold toponyms.

    Only gold toponyms with non-null ``lat`` and ``lon`` are scored (the
    ``*_wikidata`` corrections are not used). A gold toponym whose prediction is
    missing, or has a null ``lat`` or ``lon``, counts as an error of
    :data:`MISSED_ERROR_KM` ("missed = wrong").

    Parameters
    ----------
    gold : iterable of mapping
        Gold documents as for :func:`score_recognition`; toponyms carry ``lat``
        and ``lon`` in degrees (or null).
    pred : mapping of str to sequence of mapping
        ``doc_id`` to predicted toponyms with ``start``, ``end``, ``lat`` and
        ``lon`` (degrees, may be ``None`` or absent).
    end_to_end : bool
        If False (gold spans given), a gold toponym's prediction is the first
        predicted toponym with the identical span. If True, it is the prediction
        matched one to one by overlap, as in :func:`score_recognition`.

    Returns
    -------
    ResolutionScores

    Raises
    ------
    InputError
        If a document or toponym is malformed, or a coordinate is not a number
        within [-90, 90] (lat) or [-180, 180] (lon) degrees.
    """
    docs, pred_docs = read_docs(gold, pred, *_TOPONYMS)
    return _resolution(docs, pred_docs, end_to_end=end_to_end)


def evaluate_predictions(
    gold_path: str | os.PathLike[str],
    pred_path_or_mapping: str | os.PathLike[str] | _Pred,
    *,
    gold_spans: bool,
) -> dict[str, Any]:
    """Evaluate predictions against a gold corpus file.

    Parameters
    ----------
    gold_path : str or path-like
        Gold corpus, JSON Lines, one document per line (``doc_id``, ``text``,
        ``toponyms``).
    pred_path_or_mapping : str, path-like or mapping
        Predictions: a JSON Lines file of ``{"doc_id": ..., "toponyms": [...]}``
        objects, or a mapping of ``doc_id`` to a list of predicted toponyms.
    gold_spans : bool
        If True, the predictions were made for the gold spans: recognition is not
        scored and resolution matches by identical span. If False, recognition is
        scored and resolution is end to end.

    Returns
    -------
    dict
        ``{"corpus": <gold file stem>, "recognition": RecognitionScores.to_dict()
        or None (when ``gold_spans``), "resolution": ResolutionScores.to_dict()}``.

    Raises
    ------
    InputError
        Naming the file (and the line of malformed JSON) of a bad record.
    ConfigurationError
        If ``pred_path_or_mapping`` is neither a path nor a mapping.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> doc = {"doc_id": "d", "text": "Lyon", "toponyms": [
    ...     {"start": 0, "end": 4, "lat": 45.76, "lon": 4.84}]}
    >>> gold = pathlib.Path(tempfile.mkdtemp()) / "tiny.jsonl"
    >>> _ = gold.write_text(json.dumps(doc), encoding="utf-8")
    >>> result = evaluate_predictions(gold, {}, gold_spans=True)
    >>> result["corpus"], result["recognition"], result["resolution"]["auc"]
    ('tiny', None, 1.0)
    """
    corpus, docs, pred = read_corpus(
        gold_path, pred_path_or_mapping, *_TOPONYMS, required=("doc_id", "text")
    )
    recognition = None if gold_spans else _recognition(docs, pred).to_dict()
    resolution = _resolution(docs, pred, end_to_end=not gold_spans)
    return {
        "corpus": corpus,
        "recognition": recognition,
        "resolution": resolution.to_dict(),
    }
