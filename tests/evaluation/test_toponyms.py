"""Tests of geoclaims.evaluation.toponyms (recognition and resolution metrics)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoclaims.config import ACCURACY_KM
from geoclaims.errors import ConfigurationError, InputError
from geoclaims.evaluation.tables import MARKDOWN_HEADER, format_markdown_row
from geoclaims.evaluation.toponyms import (
    EARTH_RADIUS_KM,
    MISSED_ERROR_KM,
    RecognitionScores,
    ResolutionScores,
    evaluate_predictions,
    haversine_km,
    score_recognition,
    score_resolution,
)

# (lon, lat) of a few cities, degrees.
PARIS = (2.3522, 48.8566)
LONDON = (-0.1276, 51.5072)
BERLIN = (13.4050, 52.5200)
#: Great-circle Paris-London distance on the mean sphere (km).
PARIS_LONDON_KM = 343.5
#: Length of one degree of latitude on the mean sphere (km).
KM_PER_DEG = math.pi * EARTH_RADIUS_KM / 180.0

TEXT = "Paris and London and Berlin."
#: (start, end) of Paris, London and Berlin in TEXT.
SPANS = [(0, 5), (10, 16), (21, 27)]
CITIES = [PARIS, LONDON, BERLIN]


def top(
    start: int, end: int, lonlat: tuple[float, float] | None = None
) -> dict[str, Any]:
    """Build a toponym dict; ``lonlat=None`` gives null coordinates."""
    lon, lat = lonlat if lonlat is not None else (None, None)
    return {"start": start, "end": end, "lon": lon, "lat": lat, "geonameid": None}


def doc(
    doc_id: str, toponyms: list[dict[str, Any]], text: str = TEXT
) -> dict[str, Any]:
    """Build a gold document dict as in the corpora."""
    return {"doc_id": doc_id, "text": text, "toponyms": toponyms}


def gold_doc(doc_id: str = "d1") -> dict[str, Any]:
    """The reference document: three toponyms with coordinates."""
    return doc(doc_id, [top(s, e, c) for (s, e), c in zip(SPANS, CITIES, strict=True)])


def antipode(lonlat: tuple[float, float]) -> tuple[float, float]:
    lon, lat = lonlat
    return (lon - 180.0 if lon > 0 else lon + 180.0, -lat)


#: Six toponyms in one document: the sentence twice.
LONG_DOC = doc(
    "long",
    [
        top(s + k * 29, e + k * 29, c)
        for k in (0, 1)
        for (s, e), c in zip(SPANS, CITIES, strict=True)
    ],
    text=TEXT + " " + TEXT,
)


def spans_doc(spans: list[tuple[int, int]]) -> dict[str, Any]:
    return doc("d", [top(s, e) for s, e in spans], text="x" * 100)


def spans_pred(spans: list[tuple[int, int]]) -> dict[str, list[dict[str, Any]]]:
    return {"d": [top(s, e) for s, e in spans]}


@pytest.mark.parametrize(
    "gold",
    [
        [gold_doc()],
        [gold_doc("a"), gold_doc("b")],
        [LONG_DOC],
        [doc("a", [top(0, 5, PARIS), top(10, 16)])],  # second one has no coordinates
    ],
)
@pytest.mark.parametrize("end_to_end", [False, True])
def test_evaluation_perfect_predictions_score_one(
    gold: list[dict[str, Any]], end_to_end: bool
) -> None:
    pred = {d["doc_id"]: d["toponyms"] for d in gold}
    rec = score_recognition(gold, pred)
    res = score_resolution(gold, pred, end_to_end=end_to_end)
    assert rec.strict_precision == rec.strict_recall == rec.strict_f1 == 1.0
    assert rec.overlap_precision == rec.overlap_recall == rec.overlap_f1 == 1.0
    assert res.accuracy_161 == 1.0
    assert res.mean_error_km == res.median_error_km == res.auc == 0.0
    assert res.n == res.n_predicted > 0


@pytest.mark.parametrize(
    ("gold", "pred", "strict_tp", "overlap_tp"),
    [
        ([(0, 5)], [(0, 5)], 1, 1),  # identical
        ([(0, 5)], [(0, 6)], 0, 1),  # one character too long
        ([(0, 5)], [(4, 10)], 0, 1),  # a single shared character is enough
        ([(0, 5)], [(5, 8)], 0, 0),  # adjacent: end is exclusive, nothing shared
        ([(5, 8)], [(0, 5)], 0, 0),  # adjacent on the other side
        ([(0, 5)], [(20, 25)], 0, 0),  # disjoint
        ([(0, 5), (10, 16)], [(1, 4), (10, 16)], 1, 2),
    ],
)
def test_evaluation_strict_and_overlap_differ(
    gold: list[tuple[int, int]],
    pred: list[tuple[int, int]],
    strict_tp: int,
    overlap_tp: int,
) -> None:
    scores = score_recognition([spans_doc(gold)], spans_pred(pred))
    assert (scores.strict_tp, scores.overlap_tp) == (strict_tp, overlap_tp)
    assert scores.strict_precision == pytest.approx(strict_tp / len(pred))
    assert scores.strict_recall == pytest.approx(strict_tp / len(gold))
    assert scores.overlap_precision == pytest.approx(overlap_tp / len(pred))
    assert scores.overlap_recall == pytest.approx(overlap_tp / len(gold))


@pytest.mark.parametrize(
    ("gold", "pred", "overlap_tp", "strict_tp"),
    [
        ([(0, 10)], [(0, 4), (5, 10)], 1, 0),  # two predictions inside one gold span
        ([(0, 10)], [(0, 10), (0, 10)], 1, 1),  # a duplicated prediction counts once
        ([(0, 4), (5, 10)], [(0, 10)], 1, 0),  # one prediction spanning two gold
        # Greedy in text order must not waste the long prediction on the first gold.
        ([(0, 10), (10, 20)], [(0, 3), (5, 15)], 2, 0),
        # The exact match is kept even though an earlier prediction overlaps too.
        ([(5, 10)], [(0, 6), (5, 10)], 1, 1),
        # Pairing the exact match first frees (0, 6) for the second gold span.
        ([(2, 4), (5, 10)], [(0, 6), (2, 4)], 2, 1),
    ],
)
def test_evaluation_overlap_matching_is_one_to_one(
    gold: list[tuple[int, int]],
    pred: list[tuple[int, int]],
    overlap_tp: int,
    strict_tp: int,
) -> None:
    scores = score_recognition([spans_doc(gold)], spans_pred(pred))
    assert scores.overlap_tp == overlap_tp
    assert scores.strict_tp == strict_tp
    assert (scores.n_gold, scores.n_pred) == (len(gold), len(pred))
    assert scores.overlap_precision == pytest.approx(overlap_tp / len(pred))
    assert scores.overlap_recall == pytest.approx(overlap_tp / len(gold))


@given(
    gold=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=6),
    pred=st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)), max_size=6),
)
def test_evaluation_overlap_never_below_strict(
    gold: list[tuple[int, int]], pred: list[tuple[int, int]]
) -> None:
    gold_spans = sorted({(s, s + n) for s, n in gold})
    pred_spans = [(s, s + n) for s, n in pred]
    scores = score_recognition([spans_doc(gold_spans)], spans_pred(pred_spans))
    assert scores.strict_tp <= scores.overlap_tp <= min(len(gold_spans), len(pred))
    for name in ("precision", "recall", "f1"):
        assert 0.0 <= getattr(scores, f"strict_{name}") <= 1.0
        assert getattr(scores, f"strict_{name}") <= getattr(scores, f"overlap_{name}")


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ([], {}, (0, 0)),  # empty corpus: zero division gives 0.0
        ([spans_doc([(0, 5)])], {}, (1, 0)),  # document missing from pred
        ([spans_doc([])], spans_pred([(0, 5)]), (0, 1)),  # no gold, one prediction
    ],
)
def test_evaluation_zero_division_gives_zero(
    gold: list[dict[str, Any]], pred: dict[str, Any], expected: tuple[int, int]
) -> None:
    scores = score_recognition(gold, pred)
    assert (scores.n_gold, scores.n_pred) == expected
    assert scores.strict_f1 == scores.overlap_f1 == 0.0
    assert scores.strict_precision == scores.overlap_recall == 0.0


def test_evaluation_predictions_for_unknown_documents_are_ignored() -> None:
    pred = {"d1": gold_doc()["toponyms"], "other": [top(0, 5, PARIS)]}
    scores = score_recognition([gold_doc()], pred)
    assert scores.n_pred == 3
    assert scores.strict_precision == 1.0


def with_berlin(**changes: Any) -> list[dict[str, Any]]:
    """Paris and London right, Berlin's prediction changed (``drop=True``: absent)."""
    berlin = {**top(21, 27, BERLIN), **changes}
    right: list[dict[str, Any]] = gold_doc()["toponyms"][:2]
    return right + ([] if berlin.pop("drop", False) else [berlin])


@pytest.mark.parametrize(
    ("pred", "end_to_end", "n_predicted", "n_correct"),
    [
        (with_berlin(drop=True), True, 2, 2),  # not predicted at all
        (with_berlin(drop=True), False, 2, 2),
        (with_berlin(lat=None, lon=None), True, 2, 2),  # predicted, no coordinates
        (with_berlin(lat=None), True, 2, 2),
        (with_berlin(lon=None), False, 2, 2),
        (with_berlin(lat=math.nan), True, 2, 2),  # non-finite coordinates
        (with_berlin(lon=math.inf), False, 2, 2),
        # Span off by one: fine end to end, a miss with gold spans.
        (with_berlin(end=26), True, 3, 3),
        (with_berlin(end=26), False, 2, 2),
        (with_berlin(lat=BERLIN[1] + 3.0), True, 3, 2),  # predicted 334 km off
        ([], True, 0, 0),  # nothing predicted
    ],
)
def test_evaluation_missed_toponym_counts_max_error(
    pred: list[dict[str, Any]], end_to_end: bool, n_predicted: int, n_correct: int
) -> None:
    scores = score_resolution([gold_doc()], {"d1": pred}, end_to_end=end_to_end)
    n_missed = 3 - n_predicted
    assert scores.n == 3
    assert scores.n_predicted == n_predicted
    assert scores.accuracy_161 == pytest.approx(n_correct / 3)
    if n_correct == n_predicted:
        assert scores.mean_error_km == pytest.approx(n_missed * MISSED_ERROR_KM / 3)
        assert scores.auc == pytest.approx(n_missed / 3)
    assert scores.end_to_end is end_to_end


@pytest.mark.parametrize(
    ("gold_toponyms", "n"),
    [
        ([top(0, 5, PARIS), top(10, 16)], 1),
        ([top(0, 5, PARIS), {**top(10, 16, LONDON), "lat": None}], 1),
        ([top(0, 5, PARIS), {**top(10, 16, LONDON), "lon": None}], 1),
        ([top(0, 5, PARIS), {**top(10, 16, LONDON), "lat": math.nan}], 1),
        # Only lat/lon count, never the *_wikidata corrections.
        (
            [top(0, 5, PARIS), {**top(10, 16), "lat_wikidata": 1.0, "lon_wikidata": 1}],
            1,
        ),
        ([top(0, 5), top(10, 16)], 0),
    ],
)
@pytest.mark.parametrize("end_to_end", [False, True])
def test_evaluation_gold_without_coordinates_is_skipped(
    gold_toponyms: list[dict[str, Any]], n: int, end_to_end: bool
) -> None:
    # Predictions miss every toponym, so any scored one would add MISSED_ERROR_KM.
    scores = score_resolution([doc("d", gold_toponyms)], {}, end_to_end=end_to_end)
    assert scores.n == n
    assert scores.n_predicted == 0
    assert scores.mean_error_km == (MISSED_ERROR_KM if n else 0.0)


@pytest.mark.parametrize(
    ("a", "b", "expected_km", "tol_km"),
    [
        (PARIS, LONDON, PARIS_LONDON_KM, 1.0),
        (LONDON, PARIS, PARIS_LONDON_KM, 1.0),
        (PARIS, PARIS, 0.0, 1e-9),
        ((0.0, 0.0), (180.0, 0.0), 20015.114, 1e-3),  # antipodes: pi * 6371.0088
        ((0.0, 90.0), (0.0, -90.0), 20015.114, 1e-3),  # pole to pole
        ((179.5, 0.0), (-179.5, 0.0), 111.195, 1e-3),  # across the antimeridian
        ((10.0, 0.0), (10.0, 1.0), 111.195, 1e-3),  # one degree of latitude
    ],
)
def test_evaluation_haversine_known_distance(
    a: tuple[float, float], b: tuple[float, float], expected_km: float, tol_km: float
) -> None:
    assert float(haversine_km(*a, *b)) == pytest.approx(expected_km, abs=tol_km)


def test_evaluation_haversine_is_vectorised() -> None:
    lon1, lat1 = np.array([PARIS[0], PARIS[0]]), np.array([PARIS[1], PARIS[1]])
    out = haversine_km(lon1, lat1, [LONDON[0], np.nan], [LONDON[1], 0.0])
    assert out.shape == (2,)
    assert out[0] == pytest.approx(PARIS_LONDON_KM, abs=1.0)
    assert np.isnan(out[1])


@pytest.mark.parametrize(
    ("predicted", "expected_km", "correct"),
    [
        (LONDON, PARIS_LONDON_KM, False),
        ((PARIS[0], PARIS[1] + 160.0 / KM_PER_DEG), 160.0, True),
        ((PARIS[0], PARIS[1] + (ACCURACY_KM - 0.1) / KM_PER_DEG), 160.9, True),
        ((PARIS[0], PARIS[1] + (ACCURACY_KM + 0.1) / KM_PER_DEG), 161.1, False),
    ],
)
def test_evaluation_resolution_error_is_great_circle_km(
    predicted: tuple[float, float], expected_km: float, correct: bool
) -> None:
    gold = [doc("d", [top(0, 5, PARIS)])]
    scores = score_resolution(gold, {"d": [top(0, 5, predicted)]}, end_to_end=False)
    tol_km = 1.0 if predicted == LONDON else 1e-6
    assert scores.mean_error_km == pytest.approx(expected_km, abs=tol_km)
    assert scores.median_error_km == pytest.approx(expected_km, abs=tol_km)
    assert scores.accuracy_161 == (1.0 if correct else 0.0)
    assert scores.auc == pytest.approx(
        math.log1p(scores.mean_error_km) / math.log(MISSED_ERROR_KM)
    )


@pytest.mark.parametrize("end_to_end", [False, True])
def test_evaluation_identical_span_wins_the_match(end_to_end: bool) -> None:
    gold = [doc("d", [top(5, 10, PARIS)], text="x" * 20)]
    pred = {"d": [top(0, 6, LONDON), top(5, 10, PARIS), top(5, 10, BERLIN)]}
    scores = score_resolution(gold, pred, end_to_end=end_to_end)
    assert scores.n_predicted == 1
    assert scores.mean_error_km == 0.0


@pytest.mark.parametrize(
    ("gold_lonlat", "pred_lonlat", "expected_km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),  # zero is a coordinate, not a missing value
        ((0.0, 0.0), (0.0, 1.0), 111.195),
        ((1.0, 0.0), (0.0, 0.0), 111.195),
    ],
)
def test_evaluation_zero_coordinates_are_scored(
    gold_lonlat: tuple[float, float],
    pred_lonlat: tuple[float, float],
    expected_km: float,
) -> None:
    gold = [doc("d", [top(0, 5, gold_lonlat)])]
    scores = score_resolution(gold, {"d": [top(0, 5, pred_lonlat)]}, end_to_end=True)
    assert (scores.n, scores.n_predicted) == (1, 1)
    assert scores.mean_error_km == pytest.approx(expected_km, abs=1e-3)


def test_evaluation_accepts_numpy_scalars() -> None:
    lon, lat = np.float32(LONDON[0]), np.float32(LONDON[1])
    pred = {"d": [{"start": np.int64(0), "end": np.int64(5), "lon": lon, "lat": lat}]}
    scores = score_resolution([doc("d", [top(0, 5, PARIS)])], pred, end_to_end=False)
    assert scores.mean_error_km == pytest.approx(PARIS_LONDON_KM, abs=1.0)


def test_evaluation_median_and_mean_differ() -> None:
    pred = {"d1": [top(0, 5, PARIS), top(10, 16, LONDON), top(21, 27, PARIS)]}
    scores = score_resolution([gold_doc()], pred, end_to_end=True)
    berlin_paris = float(haversine_km(*BERLIN, *PARIS))
    assert scores.median_error_km == 0.0
    assert scores.mean_error_km == pytest.approx(berlin_paris / 3)
    assert scores.accuracy_161 == pytest.approx(2 / 3)


LOG_MAX = math.log(MISSED_ERROR_KM)


@pytest.mark.parametrize(
    ("pred", "expected_auc"),
    [
        (gold_doc()["toponyms"], 0.0),  # perfect: the lower bound
        ([], 1.0),  # everything missed: the upper bound, exactly
        (
            [top(s, e, antipode(c)) for (s, e), c in zip(SPANS, CITIES, strict=True)],
            math.log1p(math.pi * EARTH_RADIUS_KM) / LOG_MAX,  # worst possible guess
        ),
        (
            [top(0, 5, LONDON)],  # Paris put in London, the others missed
            (math.log1p(float(haversine_km(*PARIS, *LONDON))) / LOG_MAX + 2.0) / 3.0,
        ),
    ],
)
def test_evaluation_auc_bounds(pred: list[dict[str, Any]], expected_auc: float) -> None:
    scores = score_resolution([gold_doc()], {"d1": pred}, end_to_end=True)
    assert 0.0 <= scores.auc <= 1.0
    assert scores.auc == pytest.approx(expected_auc, abs=1e-6)


@pytest.mark.parametrize(
    ("toponym", "match"),
    [
        ({"start": 5, "end": 5}, "start < end"),
        ({"start": 6, "end": 2}, "start < end"),
        ({"start": -1, "end": 2}, "start < end"),
        ({"start": "0", "end": 5}, "must be ints"),
        ({"start": 0.0, "end": 5}, "must be ints"),
        ({"end": 5}, "must be ints"),
        ({"start": 0, "end": 5, "lat": 91.0, "lon": 0.0}, "'lat' must lie"),
        ({"start": 0, "end": 5, "lat": 0.0, "lon": -180.5}, "'lon' must lie"),
        ({"start": 0, "end": 5, "lat": "48.8", "lon": 2.3}, "must be a number"),
    ],
)
def test_evaluation_invalid_prediction_raises_input_error(
    toponym: dict[str, Any], match: str
) -> None:
    with pytest.raises(InputError, match=match):
        score_resolution([gold_doc()], {"d1": [toponym]}, end_to_end=True)


@pytest.mark.parametrize(
    ("gold", "match"),
    [
        ([gold_doc(), gold_doc()], "duplicate gold doc_id 'd1'"),
        ([{"text": TEXT, "toponyms": []}], "doc_id"),
        ([doc("d", [top(0, 99)])], "len\\(text\\)"),
        ([doc("d", {"start": 0})], "must be a list"),  # type: ignore[arg-type]
    ],
)
def test_evaluation_invalid_gold_raises_input_error(
    gold: list[dict[str, Any]], match: str
) -> None:
    with pytest.raises(InputError, match=match):
        score_recognition(gold, {})


def _write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("broken", "bad_line", "match"),
    [
        ("gold", 2, "malformed JSON"),
        ("pred", 2, "malformed JSON"),
        ("pred", 3, "missing key"),
    ],
)
def test_evaluation_malformed_jsonl_names_the_line(
    tmp_path: Path, broken: str, bad_line: int, match: str
) -> None:
    gold_lines = [json.dumps(gold_doc("a")), json.dumps(gold_doc("b"))]
    pred_lines = [json.dumps({"doc_id": d, "toponyms": []}) for d in ("a", "b", "c")]
    lines = gold_lines if broken == "gold" else pred_lines
    if match == "malformed JSON":
        lines[bad_line - 1] = '{"doc_id": "b", "toponyms": [}'
    else:
        lines[bad_line - 1] = json.dumps({"doc_id": "c"})
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    _write_lines(gold_path, gold_lines)
    _write_lines(pred_path, pred_lines)
    with pytest.raises(InputError, match=match) as info:
        evaluate_predictions(gold_path, pred_path, gold_spans=False)
    bad_path = gold_path if broken == "gold" else pred_path
    assert info.value.line == bad_line
    assert info.value.path == str(bad_path)
    assert f"{bad_path}:{bad_line}:" in str(info.value)


def test_evaluation_duplicate_prediction_line_raises(tmp_path: Path) -> None:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    _write_lines(gold_path, [json.dumps(gold_doc())])
    _write_lines(pred_path, [json.dumps({"doc_id": "d1", "toponyms": []})] * 2)
    with pytest.raises(InputError, match="unique") as info:
        evaluate_predictions(gold_path, pred_path, gold_spans=True)
    assert info.value.path == str(pred_path)


@pytest.mark.parametrize("gold_spans", [True, False])
@pytest.mark.parametrize("as_file", [True, False])
def test_evaluation_evaluate_predictions_report(
    tmp_path: Path, gold_spans: bool, as_file: bool
) -> None:
    gold_path = tmp_path / "tiny_corpus.jsonl"
    _write_lines(gold_path, [json.dumps(gold_doc("a")), "", json.dumps(gold_doc("b"))])
    # Doc "a" perfect; doc "b" has London shifted by one character and Berlin missing.
    pred = {
        "a": gold_doc("a")["toponyms"],
        "b": [top(0, 5, PARIS), top(10, 15, LONDON)],
    }
    source: Any = pred
    if as_file:
        source = tmp_path / "pred.jsonl"
        _write_lines(
            source, [json.dumps({"doc_id": k, "toponyms": v}) for k, v in pred.items()]
        )
    result = evaluate_predictions(gold_path, source, gold_spans=gold_spans)
    assert set(result) == {"corpus", "recognition", "resolution"}
    assert result["corpus"] == "tiny_corpus"
    res = result["resolution"]
    assert res["n"] == 6
    assert res["end_to_end"] is (not gold_spans)
    assert res["n_predicted"] == (4 if gold_spans else 5)
    if gold_spans:
        assert result["recognition"] is None
    else:
        rec = result["recognition"]
        assert (rec["strict_tp"], rec["overlap_tp"], rec["n_pred"]) == (4, 5, 5)
        assert rec["strict_precision"] == 0.8
    json.dumps(result, allow_nan=False)  # plain JSON, no NaN


def test_evaluation_evaluate_predictions_rejects_bad_pred_type(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold.jsonl"
    _write_lines(gold_path, [json.dumps(gold_doc())])
    with pytest.raises(ConfigurationError, match="pred_path_or_mapping"):
        evaluate_predictions(gold_path, [("d1", [])], gold_spans=True)  # type: ignore[arg-type]


def test_evaluation_to_dict_gives_rounded_plain_values() -> None:
    pred = {"d1": [top(0, 5, PARIS), top(10, 16, PARIS)]}
    res = score_resolution([gold_doc()], pred, end_to_end=True).to_dict()
    rec = score_recognition([gold_doc()], pred).to_dict()
    assert rec["strict_precision"] == 1.0
    assert rec["strict_recall"] == 0.6667
    assert res["accuracy_161"] == 0.3333
    london_paris = float(haversine_km(*LONDON, *PARIS))
    assert res["mean_error_km"] == round((london_paris + MISSED_ERROR_KM) / 3, 4)
    for value in (*res.values(), *rec.values()):
        assert type(value) in (float, int, bool)
        if type(value) is float:
            assert value == round(value, 4)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"n": -1}, "n"),
        ({"accuracy_161": 1.5}, "accuracy_161"),
        ({"auc": math.nan}, "auc"),
        ({"mean_error_km": -3.0}, "mean_error_km"),
        ({"n_predicted": 1.0}, "n_predicted"),
    ],
)
def test_evaluation_records_reject_invalid_values(
    kwargs: dict[str, Any], field: str
) -> None:
    base: dict[str, Any] = {
        "n": 1,
        "n_predicted": 1,
        "accuracy_161": 1.0,
        "mean_error_km": 0.0,
        "median_error_km": 0.0,
        "auc": 0.0,
        "end_to_end": True,
    }
    ResolutionScores(**base)  # the base itself is valid
    with pytest.raises(ConfigurationError, match=f"ResolutionScores.{field} must be"):
        ResolutionScores(**{**base, **kwargs})


def test_evaluation_records_are_frozen() -> None:
    scores = score_recognition([gold_doc()], {})
    assert isinstance(scores, RecognitionScores)
    with pytest.raises(AttributeError):
        scores.strict_f1 = 1.0  # type: ignore[misc]


def resolution_dict(*values: float) -> dict[str, float]:
    keys = ("n", "accuracy_161", "mean_error_km", "median_error_km", "auc")
    return dict(zip(keys, values, strict=True))


@pytest.mark.parametrize(
    ("name", "result", "expected"),
    [
        (
            "lgl",
            {
                "recognition": {"strict_f1": 0.71234, "overlap_f1": 0.8},
                "resolution": resolution_dict(4462, 0.7604, 412.46, 12.5, 0.28119),
            },
            "| lgl | 0.712 | 0.800 | 0.760 | 412 | 12 | 0.281 | 4462 |",
        ),
        (
            "a|b",
            {"recognition": None, "resolution": resolution_dict(0, 0, 0, 0, 0)},
            "| a\\|b | n/a | n/a | n/a | n/a | n/a | n/a | 0 |",
        ),
    ],
)
def test_evaluation_format_markdown_row(
    name: str, result: dict[str, Any], expected: str
) -> None:
    row = format_markdown_row(name, result)
    assert row == expected
    header_cells = MARKDOWN_HEADER.splitlines()[0].count("|")
    assert row.replace("\\|", "").count("|") == header_cells


def test_evaluation_format_markdown_row_accepts_evaluate_output(tmp_path: Path) -> None:
    gold_path = tmp_path / "corpus.jsonl"
    _write_lines(gold_path, [json.dumps(gold_doc())])
    result = evaluate_predictions(
        gold_path, {"d1": gold_doc()["toponyms"]}, gold_spans=False
    )
    row = format_markdown_row(result["corpus"], result)
    assert row == "| corpus | 1.000 | 1.000 | 1.000 | 0 | 0 | 0.000 | 3 |"
    with pytest.raises(ConfigurationError, match="resolution"):
        format_markdown_row("x", {"recognition": None})
