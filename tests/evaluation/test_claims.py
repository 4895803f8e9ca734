"""Tests of geoclaims.evaluation.claims (claim extraction metrics)."""

from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from geoclaims.errors import ConfigurationError, InputError
from geoclaims.evaluation.claims import (
    GRADES,
    ClaimScores,
    evaluate_claims,
    score_claims,
)
from geoclaims.evaluation.matching import is_same_likelihood
from geoclaims.evaluation.tables import format_claims_markdown

NEWS_DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "news_dev.jsonl"

OUTLET = "Northland Herald"
#: A made-up article: three sentences, each one claim.
TEXT = (
    "Officials said drones struck a depot near Millbrook on Monday. "
    "Radio Easton reported that troops may have entered Eastfield. "
    "Westland's defence ministry denied the strike."
)


def _require(path: Path) -> Path:
    """Skip locally, fail on CI, when a shared reference file is missing.

    Same contract as ``require`` in tests/conftest.py.
    """
    if not path.exists():
        message = f"reference data missing: {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def span_of(fragment: str, text: str = TEXT) -> tuple[int, int]:
    """(start, end) of the first occurrence of ``fragment`` in ``text``."""
    start = text.index(fragment)
    return start, start + len(fragment)


def gold_claim(
    start: int,
    end: int,
    *,
    cited: list[str] | None = None,
    confidence: str = "reported",
    likelihood: str | None = None,
    places: list[int | str] | None = None,
    event_date: str | None = None,
) -> dict[str, Any]:
    """A gold claim as in the news corpora."""
    return {
        "start": start,
        "end": end,
        "text": TEXT[start:end],
        "reporting_outlet": OUTLET,
        "cited_sources": cited or [],
        "cue": "said",
        "confidence": confidence,
        "likelihood": likelihood,
        "places": places or [],
        "event_date": event_date,
    }


def as_pred(claim: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The claims-jsonl prediction that reproduces a gold claim, then ``changes``."""
    pred = {
        "start": claim["start"],
        "end": claim["end"],
        "statement": claim["text"],
        "confidence": claim["confidence"],
        "likelihood": claim["likelihood"],
        "reporting_source": claim["reporting_outlet"],
        "cited_sources": list(claim["cited_sources"]),
        "source_chain": [claim["reporting_outlet"], *claim["cited_sources"]],
        "cues": [claim["cue"]] if claim["cue"] else [],
        "event_date": claim["event_date"],
        "date_precision": "day" if claim["event_date"] else None,
        "quantities": [],
        "places": list(claim["places"]),
        "footprints": [],
    }
    pred.update(changes)
    return pred


def doc(doc_id: str, claims: list[dict[str, Any]]) -> dict[str, Any]:
    """A gold document."""
    return {"doc_id": doc_id, "text": TEXT, "outlet": OUTLET, "claims": claims}


def sentence_claims() -> list[dict[str, Any]]:
    """The three claims of TEXT, every scored field set at least once."""
    first = span_of("Officials said drones struck a depot near Millbrook on Monday.")
    second = span_of("Radio Easton reported that troops may have entered Eastfield.")
    third = span_of("Westland's defence ministry denied the strike.")
    return [
        gold_claim(
            *first,
            cited=["officials (unnamed)"],
            confidence="unverified",
            places=[1001, "MILLBROOK_DEPOT"],
            event_date="2024-08-05",
        ),
        gold_claim(
            *second,
            cited=["Radio Easton"],
            likelihood="may",
            places=[1002],
        ),
        gold_claim(*third, cited=["Westland defence ministry"], confidence="denied"),
    ]


def one_pair(gold_changes: dict[str, Any], pred_changes: dict[str, Any]) -> ClaimScores:
    """Score one gold claim against one prediction on the same span."""
    claim = gold_claim(0, 10) | gold_changes
    return score_claims([doc("d", [claim])], {"d": [as_pred(claim, **pred_changes)]})


def ratio_fields(scores: ClaimScores) -> dict[str, float | None]:
    """The ratio fields of a score record."""
    return {
        f.name: getattr(scores, f.name)
        for f in fields(scores)
        if f.type in ("float", "float | None")
    }


def write_lines(path: Path, lines: list[str]) -> Path:
    """Write ``lines`` as a file, one per line."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "corpus",
    [
        [doc("d1", sentence_claims())],
        [doc("d1", sentence_claims()), doc("d2", []), doc("d3", sentence_claims()[:1])],
    ],
    ids=["one-document", "three-documents"],
)
def test_scoring_perfect_predictions_score_one(corpus: list[dict[str, Any]]) -> None:
    pred = {d["doc_id"]: [as_pred(c) for c in d["claims"]] for d in corpus}
    scores = score_claims(corpus, pred)
    assert ratio_fields(scores) == dict.fromkeys(ratio_fields(scores), 1.0)
    n = sum(len(d["claims"]) for d in corpus)
    assert scores.n_gold == scores.n_pred == scores.n_matched == n
    assert scores.n_gold_places_excluded == scores.n_pred_places_excluded >= 1
    matrix = scores.to_dict()["confusion"]
    assert sum(matrix[g][g] for g in GRADES) == n


@pytest.mark.parametrize(
    ("gold_spans", "pred_spans", "n_matched", "precision", "recall"),
    [
        ([(0, 10), (10, 20)], [(0, 20)], 1, 1.0, 0.5),
        ([(0, 20)], [(0, 10), (10, 20)], 1, 0.5, 1.0),
        ([(0, 10), (10, 20)], [(1, 9), (3, 12), (15, 19)], 2, 2 / 3, 1.0),
        ([(0, 10)], [(20, 30)], 0, 0.0, 0.0),
        ([(0, 10)], [], 0, 0.0, 0.0),
    ],
)
def test_scoring_overlap_matching_one_to_one(
    gold_spans: list[tuple[int, int]],
    pred_spans: list[tuple[int, int]],
    n_matched: int,
    precision: float,
    recall: float,
) -> None:
    gold = [doc("d", [gold_claim(s, e) for s, e in gold_spans])]
    pred = {"d": [as_pred(gold_claim(s, e)) for s, e in pred_spans]}
    scores = score_claims(gold, pred)
    assert scores.n_matched == n_matched
    assert scores.claim_precision == pytest.approx(precision)
    assert scores.claim_recall == pytest.approx(recall)
    f1 = 2 * precision * recall / (precision + recall) if n_matched else 0.0
    assert scores.claim_f1 == pytest.approx(f1)
    if not n_matched:
        assert scores.confidence_accuracy is None


@pytest.mark.parametrize(
    ("gold_cited", "pred_cited", "pred_chain", "cited_ok", "chain_ok"),
    [
        # The innermost source decides; the chain needs every gold link.
        (["Reuters", "RBC", "Zelenskyy"], ["Volodymyr Zelenskyy"], [OUTLET], 1.0, 0.0),
        (["Reuters", "RBC", "Zelenskyy"], ["RBC", "Zelenskyy"], ["Reuters"], 1.0, 1.0),
        (["Reuters", "RBC", "Zelenskyy"], ["Zelenskyy", "RBC"], ["Reuters"], 0.0, 1.0),
        # Chain links may be records with a "name".
        (
            ["Reuters", "RBC"],
            ["RBC"],
            [{"name": "Reuters", "type": "outlet"}],
            1.0,
            1.0,
        ),
        # No cited source: the outlet's own statement.
        ([], [], [OUTLET], 1.0, 1.0),
        ([], ["Reuters"], [OUTLET, "Reuters"], 0.0, 0.0),
        (["Reuters"], [], [OUTLET], 0.0, 0.0),
        (["sources (unnamed)"], ["unnamed officials"], [], 1.0, 1.0),
    ],
)
def test_scoring_cited_source_and_chain(
    gold_cited: list[str],
    pred_cited: list[str],
    pred_chain: list[Any],
    cited_ok: float,
    chain_ok: float,
) -> None:
    scores = one_pair(
        {"cited_sources": gold_cited},
        {"cited_sources": pred_cited, "source_chain": pred_chain},
    )
    assert scores.cited_source_accuracy == cited_ok
    assert scores.source_chain_accuracy == chain_ok


@pytest.mark.parametrize(
    ("gold", "pred", "accuracy", "false_positives"),
    [
        ("likely", "likely", 1.0, 0),
        ("almost certainly", "certain", 1.0, 0),
        ("likelihood", "Likely", 1.0, 0),
        ("potentially", "potential", 1.0, 0),
        ("may", "might", 0.0, 0),
        ("may", None, 0.0, 0),
        ("may", "", 0.0, 0),
        (None, "likely", None, 1),
        (None, None, None, 0),
    ],
)
def test_scoring_likelihood(
    gold: str | None, pred: str | None, accuracy: float | None, false_positives: int
) -> None:
    scores = one_pair({"likelihood": gold}, {"likelihood": pred})
    assert scores.likelihood_accuracy == accuracy
    assert scores.likelihood_false_positives == false_positives
    assert scores.n_likelihood == (gold is not None)
    if gold and pred:
        assert is_same_likelihood(gold, pred) is bool(accuracy)


@pytest.mark.parametrize(
    ("gold", "pred", "prf", "excluded"),
    [
        ([1, 2, "VILLAGE_X"], [1, 2], (1.0, 1.0, 1.0), (1, 0)),
        ([1, 2, "VILLAGE_X"], [1, 3], (0.5, 0.5, 0.5), (1, 0)),
        ([1, 2, "VILLAGE_X"], [1], (1.0, 0.5, 2 / 3), (1, 0)),
        (["VILLAGE_X", "RIVER_Y"], [], (0.0, 0.0, 0.0), (2, 0)),
        ([1], [1, "1"], (1.0, 1.0, 1.0), (0, 0)),
        ([1], ["somewhere", 1], (1.0, 1.0, 1.0), (0, 1)),
        ([], [5], (0.0, 0.0, 0.0), (0, 0)),
        # A named region's negative gazetteer id is not a GeoNames id: like a label.
        ([1, "DONBAS"], [1, -455732316], (1.0, 1.0, 1.0), (1, 1)),
    ],
)
def test_scoring_place_f1_excludes_string_ids(
    gold: list[int | str],
    pred: list[int | str],
    prf: tuple[float, float, float],
    excluded: tuple[int, int],
) -> None:
    scores = one_pair({"places": gold}, {"places": pred})
    got = (scores.place_precision, scores.place_recall, scores.place_f1)
    assert got == pytest.approx(prf)
    assert (scores.n_gold_places_excluded, scores.n_pred_places_excluded) == excluded


def test_scoring_places_only_over_matched_pairs() -> None:
    claim = gold_claim(0, 10, places=[1, 2])
    missed = gold_claim(20, 30, places=[3])
    scores = score_claims(
        [doc("d", [claim, missed])],
        {"d": [as_pred(claim), as_pred(gold_claim(40, 50, places=[4]))]},
    )
    assert (scores.n_gold_places, scores.n_pred_places, scores.n_place_tp) == (2, 2, 2)
    assert scores.place_f1 == 1.0


@pytest.mark.parametrize(
    ("gold", "pred", "accuracy", "false_positives"),
    [
        ("2024-08-06", "2024-08-06", 1.0, 0),
        ("2024-08-06", "2024-08-07", 0.0, 0),
        ("2024-08-06", None, 0.0, 0),
        (None, "2024-08-06", None, 1),
        (None, None, None, 0),
    ],
)
def test_scoring_event_date_accuracy(
    gold: str | None, pred: str | None, accuracy: float | None, false_positives: int
) -> None:
    scores = one_pair({"event_date": gold}, {"event_date": pred})
    assert scores.event_date_accuracy == accuracy
    assert scores.event_date_false_positives == false_positives
    assert scores.n_event_date == (gold is not None)


@pytest.mark.parametrize(
    ("pairs", "accuracy"),
    [
        ([("reported", "reported"), ("unverified", "reported")], 0.5),
        ([("denied", "disputed"), ("confirmed", "Confirmed")], 0.5),
        ([("disputed", "denied")], 0.0),
    ],
)
def test_scoring_confusion_matrix(
    pairs: list[tuple[str, str]], accuracy: float
) -> None:
    gold = [
        gold_claim(10 * k, 10 * k + 5, confidence=g) for k, (g, _) in enumerate(pairs)
    ]
    pred = [as_pred(c, confidence=p) for c, (_, p) in zip(gold, pairs, strict=True)]
    scores = score_claims([doc("d", gold)], {"d": pred})
    assert scores.confidence_accuracy == accuracy
    expected = {g: dict.fromkeys(GRADES, 0) for g in GRADES}
    for g, p in pairs:
        expected[g][p.lower()] += 1
    assert scores.to_dict()["confusion"] == expected


def test_scoring_missing_and_extra_documents() -> None:
    claims = sentence_claims()
    gold = [doc("a", claims), doc("b", claims[:1])]
    pred = {"a": [as_pred(c) for c in claims], "zzz": [as_pred(claims[0])]}
    scores = score_claims(gold, pred)
    assert (scores.n_gold, scores.n_pred, scores.n_matched) == (4, 3, 3)
    assert scores.claim_precision == 1.0
    assert scores.claim_recall == 0.75


@pytest.mark.parametrize(
    ("which", "lines", "bad_line", "fragment"),
    [
        ("pred", ['{"doc_id": "d", "claims": []}', '{"doc_id": "e", '], 2, "malformed"),
        ("pred", ['{"doc_id": "d"}'], 1, "'claims'"),
        ("pred", ['{"doc_id": "d", "claims": []}'] * 2, 2, "unique"),
        (
            "pred",
            ["", "", '{"doc_id": "d", "claims": [{"start": 5, "end": 5}]}'],
            3,
            "start < end",
        ),
        (
            "pred",
            [
                '{"doc_id": "e", "claims": []}',
                '{"doc_id": "d", "claims": [{"start": 0, "end": 5, '
                '"confidence": "likely"}]}',
            ],
            2,
            "unknown confidence 'likely'",
        ),
        (
            "pred",
            [
                '{"doc_id": "d", "claims": [{"start": 0, "end": 5, '
                '"confidence": "reported", "places": [1.5]}]}'
            ],
            1,
            "geonameid",
        ),
        ("gold", ['{"doc_id": "d", "claims": []}', "[1, 2]"], 2, "JSON object"),
        (
            "gold",
            [
                '{"doc_id": "d", "claims": []}',
                '{"doc_id": "e", "claims": [{"start": 0, "end": 5, '
                '"confidence": "reported", "event_date": "August 6"}]}',
            ],
            2,
            "YYYY-MM-DD",
        ),
        (
            "gold",
            [
                '{"doc_id": "d", "text": "abc", "claims": [{"start": 0, "end": 5, '
                '"confidence": "reported"}]}'
            ],
            1,
            "len(text)",
        ),
    ],
)
def test_scoring_malformed_jsonl_names_line(
    tmp_path: Path, which: str, lines: list[str], bad_line: int, fragment: str
) -> None:
    good = write_lines(tmp_path / "good.jsonl", ['{"doc_id": "d", "claims": []}'])
    bad = write_lines(tmp_path / f"{which}.jsonl", lines)
    gold, pred = (good, bad) if which == "pred" else (bad, good)
    with pytest.raises(InputError) as info:
        evaluate_claims(gold, pred)
    assert info.value.path == str(bad)
    assert info.value.line == bad_line
    assert str(info.value).startswith(f"{bad}:{bad_line}: ")
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("gold_claims", "pred", "error"),
    [
        ([{"start": 0, "end": 5, "confidence": "sure"}], {}, InputError),
        ([{"start": "0", "end": 5, "confidence": "reported"}], {}, InputError),
        ([], {"d": [{"start": 0, "end": 5}]}, InputError),
        ([], {"d": {"start": 0, "end": 5}}, InputError),
        ([], [("d", [])], ConfigurationError),
    ],
)
def test_scoring_in_memory_errors(
    gold_claims: list[Any], pred: Any, error: type[Exception]
) -> None:
    with pytest.raises(error) as info:
        score_claims([doc("d", gold_claims)], pred)
    if isinstance(info.value, InputError):
        assert info.value.line is None
        assert "doc_id 'd'" in str(info.value)


def test_scoring_evaluate_claims_file_equals_mapping(tmp_path: Path) -> None:
    corpus = [doc("d1", sentence_claims()), doc("d2", sentence_claims()[1:])]
    pred = {
        "d1": [as_pred(c, confidence="reported") for c in sentence_claims()],
        "d2": [as_pred(sentence_claims()[1], places=[])],
    }
    gold_file = write_lines(tmp_path / "toy.jsonl", [json.dumps(d) for d in corpus])
    pred_file = write_lines(
        tmp_path / "pred.jsonl",
        [json.dumps({"doc_id": k, "claims": v}) for k, v in pred.items()],
    )
    from_file = evaluate_claims(gold_file, pred_file)
    assert from_file == evaluate_claims(str(gold_file), pred)
    assert from_file["corpus"] == "toy"
    assert from_file["confidence_accuracy"] == pytest.approx(2 / 4, abs=1e-4)
    with pytest.raises(ConfigurationError, match="pred_path_or_mapping"):
        evaluate_claims(gold_file, 42)  # type: ignore[arg-type]


def test_scoring_to_dict_rounds() -> None:
    claims = [gold_claim(10 * k, 10 * k + 5) for k in range(3)]
    pred = [as_pred(claims[0]), as_pred(claims[1], confidence="denied")]
    pred.append(as_pred(gold_claim(100, 105)))
    result = score_claims([doc("d", claims)], {"d": pred}).to_dict()
    assert result["claim_precision"] == 0.6667
    assert result["confidence_accuracy"] == 0.5
    assert result["likelihood_accuracy"] is None
    assert result["confusion"]["reported"] == {
        **dict.fromkeys(GRADES, 0),
        "reported": 1,
        "denied": 1,
    }
    json.dumps(result)


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"claim_f1": 1.5}, "claim_f1"),
        ({"place_f1": None}, "place_f1"),
        ({"n_gold": -1}, "n_gold"),
        ({"cited_source_accuracy": float("nan")}, "cited_source_accuracy"),
        ({"confusion": ((0,) * 5,) * 4}, "confusion"),
        ({"n_matched": 2}, "confusion"),
    ],
)
def test_scoring_record_validation(change: dict[str, Any], name: str) -> None:
    base = one_pair({}, {})
    values = {f.name: getattr(base, f.name) for f in fields(base)} | change
    with pytest.raises(ConfigurationError, match=f"ClaimScores.{name}"):
        ClaimScores(**values)


@pytest.mark.parametrize(
    ("result_extra", "header"),
    [({}, "| metric | score | n |"), ({"corpus": "a|b"}, r"| metric | a\|b | n |")],
)
def test_scoring_format_markdown(result_extra: dict[str, Any], header: str) -> None:
    scores = one_pair({"likelihood": None}, {"places": [9]})
    table = format_claims_markdown(scores.to_dict() | result_extra)
    lines = table.splitlines()
    assert lines[0] == header
    assert "| claim F1 | 1.000 | 1 |" in lines
    assert "| likelihood accuracy | n/a | 0 |" in lines
    assert "| place precision | 0.000 | 1 |" in lines
    assert "| reported | 0 | 1 | 0 | 0 | 0 |" in lines
    with pytest.raises(ConfigurationError, match="claim_f1"):
        format_claims_markdown({"corpus": "x"})


def test_scoring_gold_file_scored_on_itself(tmp_path: Path) -> None:
    gold_file = _require(NEWS_DEV)
    lines = []
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold_doc = json.loads(line)
        claims = [as_pred(c) for c in gold_doc["claims"]]
        lines.append(json.dumps({"doc_id": gold_doc["doc_id"], "claims": claims}))
    pred_file = write_lines(tmp_path / "pred.jsonl", lines)
    result = evaluate_claims(gold_file, pred_file)
    ratios = {k: v for k, v in result.items() if isinstance(v, float)}
    assert ratios and ratios == dict.fromkeys(ratios, 1.0)
    assert result["likelihood_accuracy"] == result["event_date_accuracy"] == 1.0
    assert result["n_gold"] == result["n_pred"] == result["n_matched"] > 0
    assert result["n_gold_places_excluded"] > 0
